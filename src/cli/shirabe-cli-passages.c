/* shirabe-cli-passages.c: `shirabe-cli passages`, the coded passages that answer a query
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "shirabe-cli-private.h"

#include <errno.h>
#include <stdio.h>

#include "shirabe-filter.h"
#include "shirabe-passages.h"

typedef void (*AddCodeFunc) (ShirabePassageQuery *query,
                             gint64               code_id,
                             gboolean             subtree);

static gboolean
add_codes (ShirabeProject      *project,
           ShirabePassageQuery *query,
           char               **specs,
           gboolean             subtree,
           AddCodeFunc          add,
           int                 *status)
{
  for (guint i = 0; specs != NULL && specs[i] != NULL; i++)
    {
      g_autoptr (GError) error = NULL;
      gint64 id = shirabe_project_find_code (project, specs[i], &error);

      if (id == 0)
        {
          *status = shirabe_cli_error (error);
          return FALSE;
        }
      add (query, id, subtree);
    }
  return TRUE;
}

static const char *
code_labels (ShirabeProject  *project,
             GHashTable      *cache,
             ShirabePassage  *passage,
             ShirabeLanguage  language)
{
  GArray *ids = shirabe_passage_get_code_ids (passage);
  g_autoptr (GString) key = g_string_new (NULL);
  GString *labels;

  for (guint i = 0; i < ids->len; i++)
    g_string_append_printf (key, "%" G_GINT64_FORMAT " ", g_array_index (ids, gint64, i));
  labels = g_hash_table_lookup (cache, key->str);
  if (labels != NULL)
    return labels->str;

  labels = g_string_new (NULL);
  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr (ShirabeCode) code = shirabe_project_get_code (project,
                                                               g_array_index (ids, gint64, i),
                                                               NULL);

      if (code == NULL)
        continue;
      if (labels->len > 0)
        g_string_append (labels, ", ");
      g_string_append (labels, shirabe_code_get_label (code, language));
    }
  g_hash_table_insert (cache, g_strdup (key->str), labels);
  return labels->str;
}

static void
free_gstring (gpointer data)
{
  g_string_free (data, TRUE);
}

static void
build_object (JsonBuilder    *builder,
              ShirabePassage *passage,
              const char     *codes)
{
  GArray *ids;

  json_builder_begin_object (builder);
  shirabe_cli_json_int (builder, "case_id", shirabe_passage_get_case_id (passage));
  shirabe_cli_json_string (builder, "case_name", shirabe_passage_get_case_name (passage));
  shirabe_cli_json_int (builder, "narrative_id", shirabe_passage_get_narrative_id (passage));
  shirabe_cli_json_string (builder, "narrative_title",
                           shirabe_passage_get_narrative_title (passage));
  json_builder_set_member_name (builder, "code_ids");
  json_builder_begin_array (builder);
  ids = shirabe_passage_get_code_ids (passage);
  for (guint i = 0; i < ids->len; i++)
    json_builder_add_int_value (builder, g_array_index (ids, gint64, i));
  json_builder_end_array (builder);
  shirabe_cli_json_string (builder, "codes", codes);
  json_builder_set_member_name (builder, "coding_ids");
  json_builder_begin_array (builder);
  ids = shirabe_passage_get_coding_ids (passage);
  for (guint i = 0; i < ids->len; i++)
    json_builder_add_int_value (builder, g_array_index (ids, gint64, i));
  json_builder_end_array (builder);
  shirabe_cli_json_string (builder, "coders", shirabe_passage_get_coders (passage));
  shirabe_cli_json_int (builder, "start", shirabe_passage_get_start (passage));
  shirabe_cli_json_int (builder, "end", shirabe_passage_get_end (passage));
  shirabe_cli_json_string (builder, "excerpt", shirabe_passage_get_text (passage));
  shirabe_cli_json_string (builder, "context_before", shirabe_passage_get_context_before (passage));
  shirabe_cli_json_string (builder, "context_after", shirabe_passage_get_context_after (passage));
  shirabe_cli_json_string (builder, "memo", shirabe_passage_get_memo (passage));
  json_builder_end_object (builder);
}

int
shirabe_cli_passages (int    argc,
                      char **argv)
{
  gboolean json = FALSE, jsonl = FALSE, union_result = FALSE;
  g_auto (GStrv) codes = NULL, subtrees = NULL, all_of = NULL, overlapping = NULL;
  g_auto (GStrv) near = NULL, not_codes = NULL, coders = NULL, wheres = NULL;
  g_auto (GStrv) all_of_subtrees = NULL, overlapping_subtrees = NULL, near_subtrees = NULL;
  g_auto (GStrv) not_subtrees = NULL;
  g_autofree char *context_text = NULL, *within_text = NULL;
  g_autofree char *xlsx_path = NULL, *csv_path = NULL;
  const GOptionEntry entries[] = {
    { "code", 0, 0, G_OPTION_ARG_STRING_ARRAY, &codes,
      N_("Passages coded with this code (the code alone; may be repeated)"), N_("CODE") },
    { "subtree", 0, 0, G_OPTION_ARG_STRING_ARRAY, &subtrees,
      N_("Passages coded with this code or one of its descendants"), N_("CODE") },
    { "all-of", 0, 0, G_OPTION_ARG_STRING_ARRAY, &all_of,
      N_("Only the parts also coded with this code (every one given)"), N_("CODE") },
    { "all-of-subtree", 0, 0, G_OPTION_ARG_STRING_ARRAY, &all_of_subtrees,
      N_("As --all-of, with any code of this code’s subtree (it or a descendant)"), N_("CODE") },
    { "overlapping", 0, 0, G_OPTION_ARG_STRING_ARRAY, &overlapping,
      N_("Only codings overlapping a coding of this code (any one given)"), N_("CODE") },
    { "overlapping-subtree", 0, 0, G_OPTION_ARG_STRING_ARRAY, &overlapping_subtrees,
      N_("As --overlapping, with any code of this code’s subtree"), N_("CODE") },
    { "union", 0, 0, G_OPTION_ARG_NONE, &union_result,
      N_("With --all-of or --overlapping, give the codings together rather than their overlap"),
      NULL },
    { "near", 0, 0, G_OPTION_ARG_STRING_ARRAY, &near,
      N_("Only codings with a coding of this code near them (see --within)"), N_("CODE") },
    { "near-subtree", 0, 0, G_OPTION_ARG_STRING_ARRAY, &near_subtrees,
      N_("As --near, with any code of this code’s subtree"), N_("CODE") },
    { "within", 0, 0, G_OPTION_ARG_STRING, &within_text,
      N_("How near, in characters, for --near and --near-subtree (default 100)"), N_("N") },
    { "not", 0, 0, G_OPTION_ARG_STRING_ARRAY, &not_codes,
      N_("Only codings that overlap no coding of this code"), N_("CODE") },
    { "not-subtree", 0, 0, G_OPTION_ARG_STRING_ARRAY, &not_subtrees,
      N_("As --not, with any code of this code’s subtree"), N_("CODE") },
    { "coder", 0, 0, G_OPTION_ARG_STRING_ARRAY, &coders,
      N_("Only the codings of this coder (may be repeated)"), N_("CODER") },
    { "where", 0, 0, G_OPTION_ARG_STRING_ARRAY, &wheres,
      N_("A condition on an attribute, as 'nationality = Thailand' (may be repeated)"),
      N_("CONDITION") },
    { "context", 0, 0, G_OPTION_ARG_STRING, &context_text,
      N_("Characters of context on each side, cut at sentence ends (default 0)"), N_("N") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print a JSON array instead of a table"), NULL },
    { "jsonl", 0, 0, G_OPTION_ARG_NONE, &jsonl,
      N_("Print one JSON object per line, as the passages come"), NULL },
    { "xlsx", 0, 0, G_OPTION_ARG_FILENAME, &xlsx_path,
      N_("Write the passages, with the cases’ attributes, to this workbook"), N_("FILE") },
    { "csv", 0, 0, G_OPTION_ARG_FILENAME, &csv_path,
      N_("Write the passages, with the cases’ attributes, to this CSV file (a name ending in "
         ".csv), or as passages.csv in this folder"),
      N_("FILE") },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr (GOptionContext) context = NULL;
  g_autoptr (ShirabePassageQuery) query = NULL;
  g_autoptr (ShirabePassageList) list = NULL;
  g_autoptr (ShirabeFilter) filter = NULL;
  g_autoptr (GHashTable) label_cache = NULL;
  g_autoptr (JsonBuilder) builder = NULL;
  ShirabeCliJsonList *json_list = NULL;
  g_autoptr (ShirabeCliTable) table = NULL;
  g_autoptr (GError) error = NULL;
  ShirabeLanguage language = shirabe_cli_display_language ();
  ShirabeProject *project;
  guint64 n_context = 0, within = 100;
  int status = SHIRABE_CLI_EXIT_OK;
  guint n;

  context = shirabe_cli_context_new (N_("PROJECT"),
                                     N_("Lists the coded passages that answer a query, in the "
                                        "project’s order (case, narrative, start). Each coding "
                                        "of a --code is a passage (two coders’ codings are two "
                                        "passages); --all-of keeps the parts also coded with "
                                        "every code given; --overlapping keeps the codings "
                                        "overlapping a coding of any code given, as the "
                                        "overlap (or with --union, the codings together); "
                                        "--near keeps the codings with a coding of that code "
                                        "at most --within characters away; --not drops the "
                                        "codings overlapping a coding of that code. Each of "
                                        "them has a -subtree form (--all-of-subtree, "
                                        "--overlapping-subtree, --near-subtree, --not-subtree) "
                                        "that takes any code of a code’s subtree, as --subtree "
                                        "does beside --code. Start and end count characters "
                                        "from 0, the end not included."),
                                     entries);
  if (!shirabe_cli_parse (context, &argc, &argv, 1, 1, &status))
    return status;
  if (context_text != NULL &&
      !shirabe_cli_parse_count ("--context", context_text, 100000, &n_context, &status))
    return status;
  if (within_text != NULL &&
      !shirabe_cli_parse_count ("--within", within_text, G_MAXINT32, &within, &status))
    return status;
  if (codes == NULL && subtrees == NULL)
    return shirabe_cli_usage_error (_("Name a code with --code or --subtree"));
  if ((json || jsonl) + (xlsx_path != NULL) + (csv_path != NULL) > 1)
    return shirabe_cli_usage_error (_("Choose one of --json, --jsonl, --xlsx and --csv"));
  if (json && jsonl)
    return shirabe_cli_usage_error (_("--json and --jsonl cannot be used together"));
  if ((project = shirabe_cli_open (argv[1], TRUE, &status)) == NULL)
    return status;

  query = shirabe_passage_query_new ();
  if (!add_codes (project, query, codes, FALSE, shirabe_passage_query_add_code, &status) ||
      !add_codes (project, query, subtrees, TRUE, shirabe_passage_query_add_code, &status) ||
      !add_codes (project, query, all_of, FALSE, shirabe_passage_query_add_all_of, &status) ||
      !add_codes (project, query, all_of_subtrees, TRUE, shirabe_passage_query_add_all_of,
                  &status) ||
      !add_codes (project, query, overlapping, FALSE, shirabe_passage_query_add_overlapping,
                  &status) ||
      !add_codes (project, query, overlapping_subtrees, TRUE,
                  shirabe_passage_query_add_overlapping, &status) ||
      !add_codes (project, query, not_codes, FALSE, shirabe_passage_query_add_not, &status) ||
      !add_codes (project, query, not_subtrees, TRUE, shirabe_passage_query_add_not, &status))
    return shirabe_cli_close (project, status);
  for (guint k = 0; k < 2; k++)
    {
      char **specs = k == 0 ? near : near_subtrees;

      for (guint i = 0; specs != NULL && specs[i] != NULL; i++)
        {
          gint64 id = shirabe_project_find_code (project, specs[i], &error);

          if (id == 0)
            return shirabe_cli_close (project, shirabe_cli_error (error));
          shirabe_passage_query_add_near (query, id, k == 1, (gint64) within);
        }
    }
  for (guint i = 0; coders != NULL && coders[i] != NULL; i++)
    {
      gint64 id = shirabe_project_find_coder (project, coders[i], &error);

      if (id == 0)
        return shirabe_cli_close (project, shirabe_cli_error (error));
      shirabe_passage_query_add_coder (query, id);
    }
  filter = shirabe_filter_new ();
  for (guint i = 0; wheres != NULL && wheres[i] != NULL; i++)
    {
      if (!shirabe_filter_add_where (filter, project, wheres[i], &error))
        {
          /* a malformed condition is the user's to correct, as a usage error */
          shirabe_cli_message ("%s", error->message);
          return shirabe_cli_close (project, SHIRABE_CLI_EXIT_USAGE);
        }
    }
  shirabe_passage_query_set_filter (query, filter);
  shirabe_passage_query_set_overlap_result (query, union_result ? SHIRABE_OVERLAP_UNION
                                                                : SHIRABE_OVERLAP_INTERSECTION);
  shirabe_passage_query_set_context (query, (gint64) n_context);

  list = shirabe_passage_list_new (project, query, &error);
  if (list == NULL)
    return shirabe_cli_close (project, shirabe_cli_error (error));

  if (xlsx_path != NULL || csv_path != NULL)
    {
      ShirabeExportOptions options = { 0 };

      options.format = xlsx_path != NULL ? SHIRABE_EXPORT_XLSX : SHIRABE_EXPORT_CSV;
      options.language = language;
      options.header = SHIRABE_EXPORT_HEADER_LABELS;
      options.choices = SHIRABE_EXPORT_CHOICES_LABELS;
      if (!shirabe_passage_list_export (list, xlsx_path != NULL ? xlsx_path : csv_path, &options,
                                        &error))
        return shirabe_cli_close (project, shirabe_cli_error (error));
      return shirabe_cli_close (project, SHIRABE_CLI_EXIT_OK);
    }

  label_cache = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, free_gstring);
  if (json || jsonl)
    {
      builder = json_builder_new ();
      json_list = shirabe_cli_json_list_new (jsonl);
    }
  else
    table = shirabe_cli_table_new ("lllllrrl",
                                   C_("column header", "Case"),
                                   C_("column header", "Narrative"),
                                   C_("column header", "Codes"),
                                   C_("column header", "Coder"),
                                   C_("column header", "Memo"),
                                   C_("column header", "Start"),
                                   C_("column header", "End"),
                                   C_("column header", "Passage"));

  n = g_list_model_get_n_items (G_LIST_MODEL (list));
  for (guint i = 0; i < n && status == SHIRABE_CLI_EXIT_OK; i++)
    {
      g_autoptr (ShirabePassage) passage = g_list_model_get_item (G_LIST_MODEL (list), i);
      const char *labels = code_labels (project, label_cache, passage, language);

      if (json_list != NULL)
        {
          build_object (builder, passage, labels);
          if (!shirabe_cli_json_list_add (json_list, builder))
            status = SHIRABE_CLI_EXIT_DATA;
          /* streamed: what is written is let go */
          if (i % 50 == 49)
            shirabe_passage_list_forget_before (list, i + 1);
        }
      else
        {
          g_autofree char *start = shirabe_cli_format_int (shirabe_passage_get_start (passage));
          g_autofree char *end = shirabe_cli_format_int (shirabe_passage_get_end (passage));
          g_autofree char *excerpt = shirabe_cli_sanitize (shirabe_passage_get_text (passage), 40);
          g_autofree char *memo = shirabe_cli_sanitize (shirabe_passage_get_memo (passage), 20);

          shirabe_cli_table_add (table, shirabe_passage_get_case_name (passage),
                                 shirabe_passage_get_narrative_title (passage), labels,
                                 shirabe_passage_get_coders (passage), memo, start, end, excerpt);
        }
    }

  if (json_list != NULL)
    {
      if (!shirabe_cli_json_list_finish (json_list) && status == SHIRABE_CLI_EXIT_OK)
        status = SHIRABE_CLI_EXIT_DATA;
    }
  else if (status == SHIRABE_CLI_EXIT_OK)
    shirabe_cli_table_print (table);
  return shirabe_cli_close (project, status);
}
