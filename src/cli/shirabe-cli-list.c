/* shirabe-cli-list.c: the commands that read a project: listings, text, attributes, check
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "shirabe-cli-private.h"

#include <signal.h>

#include <stdio.h>
#include <string.h>

#define JSON_OPTION(flag) \
  { "json", 0, 0, G_OPTION_ARG_NONE, &(flag), N_("Print a JSON array instead of a table"), NULL }
#define JSONL_OPTION(flag) \
  { "jsonl", 0, 0, G_OPTION_ARG_NONE, &(flag), N_("Print one JSON object per line"), NULL }

static const char *
status_label (ShirabeCodingStatus status)
{
  switch (status)
    {
    case SHIRABE_STATUS_TO_DO:
      return C_("status", "to do");
    case SHIRABE_STATUS_IN_PROGRESS:
      return C_("status", "in progress");
    case SHIRABE_STATUS_DONE:
      return C_("status", "done");
    default:
      return "";
    }
}

/* "Debt bondage / 借金による束縛", or the one label a code has. */
static char *
both_labels (const char *label_en,
             const char *label_ja)
{
  gboolean has_en = label_en != NULL && *label_en != '\0';
  gboolean has_ja = label_ja != NULL && *label_ja != '\0';

  if (has_en && has_ja && strcmp (label_en, label_ja) != 0)
    return g_strdup_printf ("%s / %s", label_en, label_ja);
  return g_strdup (has_en ? label_en : has_ja ? label_ja : "");
}

int
shirabe_cli_cases (int    argc,
                   char **argv)
{
  gboolean json = FALSE, jsonl = FALSE;
  const GOptionEntry entries[] = { JSON_OPTION (json), JSONL_OPTION (jsonl), G_OPTION_ENTRY_NULL };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GPtrArray) cases = NULL;
  g_autoptr(GError) error = NULL;
  ShirabeProject *project;
  int status = SHIRABE_CLI_EXIT_OK;

  context = shirabe_cli_context_new (N_("PROJECT"),
                                     N_("Lists the cases with their numbers of narratives and "
                                        "codings."),
                                     entries);
  if (!shirabe_cli_parse (context, &argc, &argv, 1, 1, &status))
    return status;
  if (json && jsonl)
    return shirabe_cli_usage_error (_("--json and --jsonl cannot be given together"));
  if ((project = shirabe_cli_open (argv[1], TRUE, &status)) == NULL)
    return status;

  cases = shirabe_project_list_cases (project, &error);
  if (cases == NULL)
    return shirabe_cli_close (project, shirabe_cli_error (error));

  if (json || jsonl)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      ShirabeCliJsonList *list = shirabe_cli_json_list_new (jsonl);
      gboolean written = TRUE;

      for (guint i = 0; i < cases->len; i++)
        {
          const ShirabeCase *c = cases->pdata[i];

          json_builder_begin_object (builder);
          shirabe_cli_json_int (builder, "id", c->id);
          shirabe_cli_json_string (builder, "uuid", c->uuid);
          shirabe_cli_json_string (builder, "name", c->name);
          shirabe_cli_json_string (builder, "memo", c->memo);
          shirabe_cli_json_int (builder, "position", c->position);
          shirabe_cli_json_string (builder, "created_at", c->created_at);
          shirabe_cli_json_int (builder, "n_narratives", c->n_narratives);
          shirabe_cli_json_int (builder, "n_codings", c->n_codings);
          json_builder_end_object (builder);
          if (written)
            written = shirabe_cli_json_list_add (list, builder);
        }
      if (!shirabe_cli_json_list_finish (list) || !written)
        status = SHIRABE_CLI_EXIT_DATA;
    }
  else
    {
      g_autoptr(ShirabeCliTable) table = NULL;

      table = shirabe_cli_table_new ("rlrr",
                                     C_("column header", "ID"),
                                     C_("column header", "Case"),
                                     C_("column header", "Narratives"),
                                     C_("column header", "Codings"));
      for (guint i = 0; i < cases->len; i++)
        {
          const ShirabeCase *c = cases->pdata[i];
          g_autofree char *id = shirabe_cli_format_int (c->id);
          g_autofree char *n_narratives = shirabe_cli_format_int (c->n_narratives);
          g_autofree char *n_codings = shirabe_cli_format_int (c->n_codings);

          shirabe_cli_table_add (table, id, c->name, n_narratives, n_codings);
        }
      shirabe_cli_table_print (table);
    }
  return shirabe_cli_close (project, status);
}

int
shirabe_cli_narratives (int    argc,
                        char **argv)
{
  gboolean json = FALSE, jsonl = FALSE;
  char *case_spec = NULL;
  const GOptionEntry entries[] = {
    JSON_OPTION (json),
    JSONL_OPTION (jsonl),
    { "case", 0, 0, G_OPTION_ARG_STRING, &case_spec,
      N_("Only the narratives of this case"), N_("CASE") },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GPtrArray) narratives = NULL;
  g_autoptr(GError) error = NULL;
  ShirabeProject *project;
  gint64 case_id = 0;
  int status = SHIRABE_CLI_EXIT_OK;

  context = shirabe_cli_context_new (N_("PROJECT"),
                                     N_("Lists the narratives: case, title, language, length "
                                        "in characters, coding status and number of codings."),
                                     entries);
  if (!shirabe_cli_parse (context, &argc, &argv, 1, 1, &status))
    {
      g_free (case_spec);
      return status;
    }
  if (json && jsonl)
    {
      g_free (case_spec);
      return shirabe_cli_usage_error (_("--json and --jsonl cannot be given together"));
    }
  if ((project = shirabe_cli_open (argv[1], TRUE, &status)) == NULL)
    {
      g_free (case_spec);
      return status;
    }

  if (case_spec != NULL)
    {
      case_id = shirabe_project_find_case (project, case_spec, &error);
      g_free (case_spec);
      if (case_id == 0)
        return shirabe_cli_close (project, shirabe_cli_error (error));
    }
  narratives = shirabe_project_list_narratives (project, case_id, &error);
  if (narratives == NULL)
    return shirabe_cli_close (project, shirabe_cli_error (error));

  if (json || jsonl)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      ShirabeCliJsonList *list = shirabe_cli_json_list_new (jsonl);
      gboolean written = TRUE;

      for (guint i = 0; i < narratives->len; i++)
        {
          const ShirabeNarrative *n = narratives->pdata[i];

          json_builder_begin_object (builder);
          shirabe_cli_json_int (builder, "id", n->id);
          shirabe_cli_json_string (builder, "uuid", n->uuid);
          shirabe_cli_json_int (builder, "case_id", n->case_id);
          shirabe_cli_json_string (builder, "case_name", n->case_name);
          shirabe_cli_json_string (builder, "title", n->title);
          shirabe_cli_json_string (builder, "language", n->language);
          shirabe_cli_json_string (builder, "kind", n->kind);
          shirabe_cli_json_int (builder, "length", n->length);
          shirabe_cli_json_string (builder, "sha256", n->sha256);
          shirabe_cli_json_string (builder, "origin_file", n->origin_file);
          shirabe_cli_json_string (builder, "origin_encoding", n->origin_encoding);
          shirabe_cli_json_string (builder, "origin_sha256", n->origin_sha256);
          shirabe_cli_json_id_or_null (builder, "translation_of", n->translation_of);
          shirabe_cli_json_string (builder, "status", shirabe_coding_status_to_string (n->status));
          shirabe_cli_json_string (builder, "memo", n->memo);
          shirabe_cli_json_int (builder, "position", n->position);
          shirabe_cli_json_string (builder, "created_at", n->created_at);
          shirabe_cli_json_int (builder, "n_codings", n->n_codings);
          json_builder_end_object (builder);
          if (written)
            written = shirabe_cli_json_list_add (list, builder);
        }
      if (!shirabe_cli_json_list_finish (list) || !written)
        status = SHIRABE_CLI_EXIT_DATA;
    }
  else
    {
      g_autoptr(ShirabeCliTable) table = NULL;

      table = shirabe_cli_table_new ("rlllrlr",
                                     C_("column header", "ID"),
                                     C_("column header", "Case"),
                                     C_("column header", "Title"),
                                     C_("column header", "Language"),
                                     C_("column header", "Length"),
                                     C_("column header", "Status"),
                                     C_("column header", "Codings"));
      for (guint i = 0; i < narratives->len; i++)
        {
          const ShirabeNarrative *n = narratives->pdata[i];
          g_autofree char *id = shirabe_cli_format_int (n->id);
          g_autofree char *length = shirabe_cli_format_int (n->length);
          g_autofree char *n_codings = shirabe_cli_format_int (n->n_codings);

          shirabe_cli_table_add (table, id, n->case_name, n->title, n->language, length,
                                 status_label (n->status), n_codings);
        }
      shirabe_cli_table_print (table);
    }
  return shirabe_cli_close (project, status);
}

int
shirabe_cli_codes (int    argc,
                   char **argv)
{
  gboolean json = FALSE, jsonl = FALSE;
  const GOptionEntry entries[] = { JSON_OPTION (json), JSONL_OPTION (jsonl), G_OPTION_ENTRY_NULL };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GPtrArray) codes = NULL;
  g_autoptr(GError) error = NULL;
  ShirabeProject *project;
  int status = SHIRABE_CLI_EXIT_OK;

  context = shirabe_cli_context_new (N_("PROJECT"),
                                     N_("Shows the coding scheme as a tree, with both labels, "
                                        "variable names, colours and numbers of codings."),
                                     entries);
  if (!shirabe_cli_parse (context, &argc, &argv, 1, 1, &status))
    return status;
  if (json && jsonl)
    return shirabe_cli_usage_error (_("--json and --jsonl cannot be given together"));
  if ((project = shirabe_cli_open (argv[1], TRUE, &status)) == NULL)
    return status;

  codes = shirabe_project_list_codes (project, &error);
  if (codes == NULL)
    return shirabe_cli_close (project, shirabe_cli_error (error));

  if (json || jsonl)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      ShirabeCliJsonList *list = shirabe_cli_json_list_new (jsonl);
      gboolean written = TRUE;

      for (guint i = 0; i < codes->len; i++)
        {
          const ShirabeCode *c = codes->pdata[i];
          g_autofree char *path_en = shirabe_project_dup_code_path (project, c->id,
                                                                    SHIRABE_LANGUAGE_EN);
          g_autofree char *path_ja = shirabe_project_dup_code_path (project, c->id,
                                                                    SHIRABE_LANGUAGE_JA);

          json_builder_begin_object (builder);
          shirabe_cli_json_int (builder, "id", c->id);
          shirabe_cli_json_string (builder, "uuid", c->uuid);
          shirabe_cli_json_id_or_null (builder, "parent_id", c->parent_id);
          shirabe_cli_json_string (builder, "label_en", c->label_en);
          shirabe_cli_json_string (builder, "label_ja", c->label_ja);
          shirabe_cli_json_string (builder, "path_en", path_en);
          shirabe_cli_json_string (builder, "path_ja", path_ja);
          shirabe_cli_json_string (builder, "description_en", c->description_en);
          shirabe_cli_json_string (builder, "description_ja", c->description_ja);
          shirabe_cli_json_string (builder, "color", c->color);
          shirabe_cli_json_string (builder, "var_name", c->var_name);
          shirabe_cli_json_bool (builder, "codable", c->codable);
          shirabe_cli_json_int (builder, "position", c->position);
          shirabe_cli_json_int (builder, "depth", c->depth);
          shirabe_cli_json_string (builder, "created_at", c->created_at);
          shirabe_cli_json_int (builder, "n_codings", c->n_codings);
          json_builder_end_object (builder);
          if (written)
            written = shirabe_cli_json_list_add (list, builder);
        }
      if (!shirabe_cli_json_list_finish (list) || !written)
        status = SHIRABE_CLI_EXIT_DATA;
    }
  else
    {
      g_autoptr(ShirabeCliTable) table = NULL;

      table = shirabe_cli_table_new ("rlllr",
                                     C_("column header", "ID"),
                                     C_("column header", "Code"),
                                     C_("column header", "Variable"),
                                     C_("column header", "Colour"),
                                     C_("column header", "Codings"));
      for (guint i = 0; i < codes->len; i++)
        {
          const ShirabeCode *c = codes->pdata[i];
          g_autofree char *id = shirabe_cli_format_int (c->id);
          g_autofree char *labels = both_labels (c->label_en, c->label_ja);
          g_autofree char *n_codings = shirabe_cli_format_int (c->n_codings);
          g_autoptr(GString) label = g_string_new (NULL);

          for (int d = 0; d < c->depth; d++)
            g_string_append (label, "  ");
          g_string_append (label, labels);
          /* A category groups codes and is not applied itself. */
          if (!c->codable)
            g_string_append (label, _(" (category)"));
          shirabe_cli_table_add (table, id, label->str, c->var_name, c->color, n_codings);
        }
      shirabe_cli_table_print (table);
    }
  return shirabe_cli_close (project, status);
}

/* Walks a narrative's text in code points: codings come sorted by start, so each excerpt is
 * found from the previous one instead of from the start of a long text. */
typedef struct
{
  gint64      narrative_id;
  char       *text;
  gint64      length;
  gint64      offset;
  const char *pointer;
} TextCursor;

static char *
text_cursor_excerpt (TextCursor          *cursor,
                     ShirabeProject      *project,
                     const ShirabeCoding *coding,
                     GError             **error)
{
  const char *start_pointer;
  const char *end_pointer;
  gint64 start;
  gint64 end;

  if (cursor->text == NULL || cursor->narrative_id != coding->narrative_id)
    {
      g_clear_pointer (&cursor->text, g_free);
      cursor->text = shirabe_project_dup_narrative_text (project, coding->narrative_id, error);
      if (cursor->text == NULL)
        return NULL;
      cursor->narrative_id = coding->narrative_id;
      cursor->length = g_utf8_strlen (cursor->text, -1);
      cursor->offset = 0;
      cursor->pointer = cursor->text;
    }

  /* Clamped, so that a damaged row cannot send us past the end of the text. */
  start = CLAMP (coding->start, 0, cursor->length);
  end = CLAMP (coding->end, start, cursor->length);
  start_pointer = g_utf8_offset_to_pointer (cursor->pointer, start - cursor->offset);
  end_pointer = g_utf8_offset_to_pointer (start_pointer, end - start);
  cursor->offset = start;
  cursor->pointer = start_pointer;
  return g_strndup (start_pointer, end_pointer - start_pointer);
}

typedef struct
{
  ShirabeProject     *project;
  GHashTable         *code_by_id;
  GHashTable         *path_en_by_id;
  GHashTable         *path_ja_by_id;
  TextCursor          cursor;
  ShirabeCliJsonList *list;
  JsonBuilder        *builder;
  ShirabeCliTable    *table;
  ShirabeLanguage     language;
} CodingListing;

static gboolean
list_coding (const ShirabeCoding  *g,
             const char           *title,
             gpointer              user_data,
             GError              **error)
{
  CodingListing *listing = user_data;
  const ShirabeCode *code = g_hash_table_lookup (listing->code_by_id, &g->code_id);
  g_autofree char *excerpt = text_cursor_excerpt (&listing->cursor, listing->project, g, error);

  if (excerpt == NULL)
    return FALSE;
  if (listing->list != NULL)
    {
      JsonBuilder *builder = listing->builder;

      json_builder_begin_object (builder);
      shirabe_cli_json_int (builder, "id", g->id);
      shirabe_cli_json_string (builder, "uuid", g->uuid);
      shirabe_cli_json_int (builder, "narrative_id", g->narrative_id);
      shirabe_cli_json_string (builder, "narrative_title", title);
      shirabe_cli_json_int (builder, "code_id", g->code_id);
      shirabe_cli_json_string (builder, "code_path_en",
                               g_hash_table_lookup (listing->path_en_by_id, &g->code_id));
      shirabe_cli_json_string (builder, "code_path_ja",
                               g_hash_table_lookup (listing->path_ja_by_id, &g->code_id));
      shirabe_cli_json_string (builder, "var_name", code ? code->var_name : NULL);
      shirabe_cli_json_int (builder, "coder_id", g->coder_id);
      shirabe_cli_json_string (builder, "coder_name", g->coder_name);
      shirabe_cli_json_int (builder, "start", g->start);
      shirabe_cli_json_int (builder, "end", g->end);
      shirabe_cli_json_string (builder, "excerpt", excerpt);
      shirabe_cli_json_string (builder, "memo", g->memo);
      shirabe_cli_json_string (builder, "created_at", g->created_at);
      shirabe_cli_json_id_or_null (builder, "carried_from", g->carried_from);
      json_builder_end_object (builder);
      if (!shirabe_cli_json_list_add (listing->list, builder))
        {
          /* The message is printed: stop without another. */
          g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_BROKEN_PIPE, "");
          return FALSE;
        }
    }
  else
    {
      g_autofree char *id = shirabe_cli_format_int (g->id);
      g_autofree char *start = shirabe_cli_format_int (g->start);
      g_autofree char *end = shirabe_cli_format_int (g->end);
      g_autofree char *short_excerpt = shirabe_cli_sanitize (excerpt, 30);

      shirabe_cli_table_add (listing->table, id, title,
                             code ? shirabe_code_get_label (code, listing->language) : NULL,
                             g->coder_name, code ? code->var_name : NULL, start, end,
                             short_excerpt);
    }
  return TRUE;
}

int
shirabe_cli_codings (int    argc,
                     char **argv)
{
  gboolean json = FALSE, jsonl = FALSE;
  char *narrative_spec = NULL;
  const GOptionEntry entries[] = {
    JSON_OPTION (json),
    JSONL_OPTION (jsonl),
    { "narrative", 0, 0, G_OPTION_ARG_STRING, &narrative_spec,
      N_("Only the codings of this narrative"), N_("NARRATIVE") },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GPtrArray) codes = NULL;
  g_autoptr(GHashTable) code_by_id = NULL;
  g_autoptr(GHashTable) path_en_by_id = NULL;
  g_autoptr(GHashTable) path_ja_by_id = NULL;
  g_autoptr(JsonBuilder) builder = NULL;
  g_autoptr(ShirabeCliTable) table = NULL;
  g_autoptr(GError) error = NULL;
  CodingListing listing = { 0 };
  ShirabeProject *project;
  gint64 narrative_id = 0;
  int status = SHIRABE_CLI_EXIT_OK;

  context = shirabe_cli_context_new (N_("PROJECT"),
                                     N_("Lists the coded passages: narrative, code, coder, "
                                        "start and end (in characters from 0, the end not "
                                        "included) and the text of the passage."),
                                     entries);
  if (!shirabe_cli_parse (context, &argc, &argv, 1, 1, &status))
    {
      g_free (narrative_spec);
      return status;
    }
  if (json && jsonl)
    {
      g_free (narrative_spec);
      return shirabe_cli_usage_error (_("--json and --jsonl cannot be given together"));
    }
  if ((project = shirabe_cli_open (argv[1], TRUE, &status)) == NULL)
    {
      g_free (narrative_spec);
      return status;
    }

  if (narrative_spec != NULL)
    {
      narrative_id = shirabe_project_find_narrative (project, narrative_spec, &error);
      g_free (narrative_spec);
      if (narrative_id == 0)
        return shirabe_cli_close (project, shirabe_cli_error (error));
    }

  if ((codes = shirabe_project_list_codes (project, &error)) == NULL)
    return shirabe_cli_close (project, shirabe_cli_error (error));

  /* Paths once per code, not once per coding: a large study has 500,000 codings. */
  code_by_id = g_hash_table_new (g_int64_hash, g_int64_equal);
  path_en_by_id = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, g_free);
  path_ja_by_id = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, g_free);
  for (guint i = 0; i < codes->len; i++)
    {
      ShirabeCode *c = codes->pdata[i];
      g_hash_table_insert (code_by_id, &c->id, c);
      if (json || jsonl)
        {
          g_hash_table_insert (path_en_by_id, &c->id,
                               shirabe_project_dup_code_path (project, c->id,
                                                              SHIRABE_LANGUAGE_EN));
          g_hash_table_insert (path_ja_by_id, &c->id,
                               shirabe_project_dup_code_path (project, c->id,
                                                              SHIRABE_LANGUAGE_JA));
        }
    }

  if (!json && !jsonl)
    table = shirabe_cli_table_new ("rllllrrl",
                                   C_("column header", "ID"),
                                   C_("column header", "Narrative"),
                                   C_("column header", "Code"),
                                   C_("column header", "Coder"),
                                   C_("column header", "Variable"),
                                   C_("column header", "Start"),
                                   C_("column header", "End"),
                                   C_("column header", "Passage"));
  else
    builder = json_builder_new ();

  /* Streamed: each coding is printed as it is read, its narrative's text kept while its
   * codings last (they come in the narrative's order). */
  listing.project = project;
  listing.code_by_id = code_by_id;
  listing.path_en_by_id = path_en_by_id;
  listing.path_ja_by_id = path_ja_by_id;
  listing.builder = builder;
  listing.table = table;
  listing.language = shirabe_cli_display_language ();
  if (json || jsonl)
    listing.list = shirabe_cli_json_list_new (jsonl);
  if (!shirabe_project_foreach_coding (project, narrative_id, list_coding, &listing, &error))
    status = g_error_matches (error, G_IO_ERROR, G_IO_ERROR_BROKEN_PIPE)
             ? SHIRABE_CLI_EXIT_DATA : shirabe_cli_error (error);
  g_free (listing.cursor.text);

  if (listing.list != NULL)
    {
      /* A failure part-way still closes the array: what was printed is valid JSON. */
      if (!shirabe_cli_json_list_finish (listing.list) && status == SHIRABE_CLI_EXIT_OK)
        status = SHIRABE_CLI_EXIT_DATA;
    }
  else if (status == SHIRABE_CLI_EXIT_OK)
    shirabe_cli_table_print (table);
  return shirabe_cli_close (project, status);
}

int
shirabe_cli_coders (int    argc,
                    char **argv)
{
  gboolean json = FALSE, jsonl = FALSE;
  const GOptionEntry entries[] = { JSON_OPTION (json), JSONL_OPTION (jsonl), G_OPTION_ENTRY_NULL };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GPtrArray) coders = NULL;
  g_autoptr(GError) error = NULL;
  ShirabeProject *project;
  int status = SHIRABE_CLI_EXIT_OK;

  context = shirabe_cli_context_new (N_("PROJECT"),
                                     N_("Lists the coders with their numbers of codings."),
                                     entries);
  if (!shirabe_cli_parse (context, &argc, &argv, 1, 1, &status))
    return status;
  if (json && jsonl)
    return shirabe_cli_usage_error (_("--json and --jsonl cannot be given together"));
  if ((project = shirabe_cli_open (argv[1], TRUE, &status)) == NULL)
    return status;

  coders = shirabe_project_list_coders (project, &error);
  if (coders == NULL)
    return shirabe_cli_close (project, shirabe_cli_error (error));

  if (json || jsonl)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      ShirabeCliJsonList *list = shirabe_cli_json_list_new (jsonl);
      gboolean written = TRUE;

      for (guint i = 0; i < coders->len; i++)
        {
          const ShirabeCoder *c = coders->pdata[i];

          json_builder_begin_object (builder);
          shirabe_cli_json_int (builder, "id", c->id);
          shirabe_cli_json_string (builder, "uuid", c->uuid);
          shirabe_cli_json_string (builder, "name", c->name);
          shirabe_cli_json_string (builder, "created_at", c->created_at);
          shirabe_cli_json_int (builder, "n_codings", c->n_codings);
          json_builder_end_object (builder);
          if (written)
            written = shirabe_cli_json_list_add (list, builder);
        }
      if (!shirabe_cli_json_list_finish (list) || !written)
        status = SHIRABE_CLI_EXIT_DATA;
    }
  else
    {
      g_autoptr(ShirabeCliTable) table = NULL;

      table = shirabe_cli_table_new ("rlr",
                                     C_("column header", "ID"),
                                     C_("column header", "Coder"),
                                     C_("column header", "Codings"));
      for (guint i = 0; i < coders->len; i++)
        {
          const ShirabeCoder *c = coders->pdata[i];
          g_autofree char *id = shirabe_cli_format_int (c->id);
          g_autofree char *n_codings = shirabe_cli_format_int (c->n_codings);

          shirabe_cli_table_add (table, id, c->name, n_codings);
        }
      shirabe_cli_table_print (table);
    }
  return shirabe_cli_close (project, status);
}

int
shirabe_cli_text (int    argc,
                  char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  ShirabeProject *project;
  gint64 narrative_id;
  gsize length;
  int status = SHIRABE_CLI_EXIT_OK;

  context = shirabe_cli_context_new (N_("PROJECT NARRATIVE"),
                                     N_("Prints a narrative’s text exactly as stored: UTF-8, "
                                        "LF line ends, no newline added."),
                                     NULL);
  if (!shirabe_cli_parse (context, &argc, &argv, 2, 2, &status))
    return status;
  if ((project = shirabe_cli_open (argv[1], TRUE, &status)) == NULL)
    return status;

  narrative_id = shirabe_project_find_narrative (project, argv[2], &error);
  if (narrative_id == 0)
    return shirabe_cli_close (project, shirabe_cli_error (error));
  text = shirabe_project_dup_narrative_text (project, narrative_id, &error);
  if (text == NULL)
    return shirabe_cli_close (project, shirabe_cli_error (error));

  /* The bytes as stored, whatever the locale: g_print would convert them. */
  length = strlen (text);
  if (fwrite (text, 1, length, stdout) != length || fflush (stdout) != 0)
    {
      shirabe_cli_message (_("Cannot write the output: %s"), g_strerror (errno));
      status = SHIRABE_CLI_EXIT_DATA;
    }
  return shirabe_cli_close (project, status);
}

/* An attribute value in JSON as its type: numbers as numbers, booleans as true or false. */
static void
json_attribute_value (JsonBuilder                 *builder,
                      const ShirabeAttributeValue *value)
{
  json_builder_set_member_name (builder, "value");
  if (value->value == NULL)
    {
      json_builder_add_null_value (builder);
      return;
    }
  switch (value->type)
    {
    case SHIRABE_ATTRIBUTE_INTEGER:
      {
        gint64 number;
        if (g_ascii_string_to_signed (value->value, 10, G_MININT64, G_MAXINT64, &number, NULL))
          {
            json_builder_add_int_value (builder, number);
            return;
          }
      }
      break;
    case SHIRABE_ATTRIBUTE_NUMBER:
      {
        char *end = NULL;
        double number = g_ascii_strtod (value->value, &end);
        if (end != value->value && *end == '\0')
          {
            json_builder_add_double_value (builder, number);
            return;
          }
      }
      break;
    case SHIRABE_ATTRIBUTE_BOOLEAN:
      if (strcmp (value->value, "0") == 0 || strcmp (value->value, "1") == 0)
        {
          json_builder_add_boolean_value (builder, value->value[0] == '1');
          return;
        }
      break;
    case SHIRABE_ATTRIBUTE_TEXT:
    case SHIRABE_ATTRIBUTE_DATE:
    case SHIRABE_ATTRIBUTE_CHOICE:
    default:
      break;
    }
  /* Text, dates, choices, and anything the type cannot read: as stored. */
  if (g_utf8_validate (value->value, -1, NULL))
    json_builder_add_string_value (builder, value->value);
  else
    {
      g_autofree char *valid = g_utf8_make_valid (value->value, -1);
      json_builder_add_string_value (builder, valid);
    }
}

static const char *
boolean_label (const char *stored)
{
  if (g_strcmp0 (stored, "1") == 0)
    return C_("boolean value", "yes");
  if (g_strcmp0 (stored, "0") == 0)
    return C_("boolean value", "no");
  return stored;
}

int
shirabe_cli_attrs (int    argc,
                   char **argv)
{
  gboolean json = FALSE, jsonl = FALSE;
  const GOptionEntry entries[] = { JSON_OPTION (json), JSONL_OPTION (jsonl), G_OPTION_ENTRY_NULL };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GPtrArray) values = NULL;
  g_autoptr(GError) error = NULL;
  ShirabeProject *project;
  gint64 case_id;
  int status = SHIRABE_CLI_EXIT_OK;

  context = shirabe_cli_context_new (N_("PROJECT CASE"),
                                     N_("Shows every case attribute with this case’s value "
                                        "(empty when unset)."),
                                     entries);
  if (!shirabe_cli_parse (context, &argc, &argv, 2, 2, &status))
    return status;
  if (json && jsonl)
    return shirabe_cli_usage_error (_("--json and --jsonl cannot be given together"));
  if ((project = shirabe_cli_open (argv[1], TRUE, &status)) == NULL)
    return status;

  case_id = shirabe_project_find_case (project, argv[2], &error);
  if (case_id == 0)
    return shirabe_cli_close (project, shirabe_cli_error (error));
  values = shirabe_project_list_attribute_values (project, SHIRABE_SCOPE_CASE, case_id, &error);
  if (values == NULL)
    return shirabe_cli_close (project, shirabe_cli_error (error));

  if (json || jsonl)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      ShirabeCliJsonList *list = shirabe_cli_json_list_new (jsonl);
      gboolean written = TRUE;

      for (guint i = 0; i < values->len; i++)
        {
          const ShirabeAttributeValue *v = values->pdata[i];

          json_builder_begin_object (builder);
          shirabe_cli_json_int (builder, "attribute_id", v->attribute_id);
          shirabe_cli_json_string (builder, "name_en", v->name_en);
          shirabe_cli_json_string (builder, "name_ja", v->name_ja);
          shirabe_cli_json_string (builder, "var_name", v->var_name);
          shirabe_cli_json_string (builder, "type", shirabe_attribute_type_to_string (v->type));
          json_attribute_value (builder, v);
          /* A choice's labels are for people; "value" stays the code statistics use. */
          if (v->type == SHIRABE_ATTRIBUTE_CHOICE)
            {
              json_builder_set_member_name (builder, "value_label_en");
              if (v->value != NULL)
                json_builder_add_string_value (builder, v->value_label_en);
              else
                json_builder_add_null_value (builder);
              json_builder_set_member_name (builder, "value_label_ja");
              if (v->value != NULL)
                json_builder_add_string_value (builder, v->value_label_ja);
              else
                json_builder_add_null_value (builder);
            }
          json_builder_end_object (builder);
          if (written)
            written = shirabe_cli_json_list_add (list, builder);
        }
      if (!shirabe_cli_json_list_finish (list) || !written)
        status = SHIRABE_CLI_EXIT_DATA;
    }
  else
    {
      g_autoptr(ShirabeCliTable) table = NULL;

      table = shirabe_cli_table_new ("llll",
                                     C_("column header", "Attribute"),
                                     C_("column header", "Variable"),
                                     C_("column header", "Type"),
                                     C_("column header", "Value"));
      for (guint i = 0; i < values->len; i++)
        {
          const ShirabeAttributeValue *v = values->pdata[i];
          g_autofree char *names = both_labels (v->name_en, v->name_ja);
          g_autofree char *labels = both_labels (v->value_label_en, v->value_label_ja);
          g_autofree char *labelled = NULL;
          const char *shown = v->type == SHIRABE_ATTRIBUTE_BOOLEAN ? boolean_label (v->value)
                                                                   : v->value;

          /* The value first, as set-attr takes it, then how people read it. */
          if (v->type == SHIRABE_ATTRIBUTE_CHOICE && v->value != NULL && *labels != '\0' &&
              strcmp (labels, v->value) != 0)
            {
              /* Translators: a choice attribute's stored value, then its labels */
              labelled = g_strdup_printf (C_("choice value and its labels", "%s (%s)"),
                                          v->value, labels);
              shown = labelled;
            }

          shirabe_cli_table_add (table, names, v->var_name,
                                 shirabe_attribute_type_to_string (v->type), shown);
        }
      shirabe_cli_table_print (table);
    }
  return shirabe_cli_close (project, status);
}

static volatile sig_atomic_t interrupted;

static void
on_interrupt (int signum)
{
  interrupted = 1;
}

typedef struct
{
  GCancellable *cancellable;
  gint64        last_shown;   /* µs */
  gboolean      terminal;
} CheckProgress;

/* On a terminal, a line that says where the check is, redrawn a few times a second. */
static void
show_check_progress (const char *stage,
                     double      fraction,
                     gpointer    user_data)
{
  CheckProgress *progress = user_data;
  gint64 now;

  if (interrupted)
    g_cancellable_cancel (progress->cancellable);
  if (!progress->terminal || stage == NULL)
    return;
  now = g_get_monotonic_time ();
  if (now - progress->last_shown < G_USEC_PER_SEC / 5)
    return;
  progress->last_shown = now;
  g_printerr ("\r\033[K");
  /* Translators: the check's progress line: "Checking the narratives’ texts… 42%" */
  g_printerr (_("Checking %s… %.0f%%"), stage, fraction * 100);
}

int
shirabe_cli_check (int    argc,
                   char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) problems = NULL;
  gboolean repair = FALSE;
  const GOptionEntry entries[] = {
    { "repair", 0, 0, G_OPTION_ARG_NONE, &repair,
      N_("Repair what can be repaired, after a backup copy beside the project: a loop in the "
         "code tree (one of its codes moves to the top level), a missing or damaged full-text "
         "index (rebuilt)"), NULL },
    G_OPTION_ENTRY_NULL
  };
  ShirabeProject *project;
  guint n_problems;
  int status = SHIRABE_CLI_EXIT_OK;

  context = shirabe_cli_context_new (N_("PROJECT"),
                                     N_("Checks the project file: SQLite’s integrity and "
                                        "foreign keys, the full-text index, every coding within "
                                        "its text, every stored length and checksum, every "
                                        "attribute value of its type. Prints nothing and exits "
                                        "with 0 when all is well; lists the problems and exits "
                                        "with 2 otherwise."),
                                     entries);
  if (!shirabe_cli_parse (context, &argc, &argv, 1, 1, &status))
    return status;
  if ((project = shirabe_cli_open (argv[1], !repair, &status)) == NULL)
    return status;

  if (repair)
    {
      g_autofree char *backup = NULL;
      g_auto(GStrv) repairs = NULL;

      if (!shirabe_project_repair (project, &backup, &repairs, &error))
        return shirabe_cli_close (project, shirabe_cli_error (error));
      if (backup != NULL)
        {
          g_autofree char *display = g_filename_display_name (backup);

          g_print (_("Backup copy made first: %s\n"), display);
        }
      for (guint i = 0; repairs[i] != NULL; i++)
        g_print ("%s\n", repairs[i]);
    }

  {
    g_autoptr(GCancellable) cancellable = g_cancellable_new ();
    CheckProgress progress = { cancellable, 0, FALSE };
    struct sigaction action = { 0 }, previous;

    /* Ctrl+C stops a long check cleanly (the project is only read), with a message. */
    action.sa_handler = on_interrupt;
    sigemptyset (&action.sa_mask);
    sigaction (SIGINT, &action, &previous);
    interrupted = 0;
    progress.terminal = shirabe_cli_stderr_is_terminal ();
    if (!shirabe_project_check_full (project, show_check_progress, &progress, cancellable,
                                     &problems, &error))
      {
        sigaction (SIGINT, &previous, NULL);
        if (progress.terminal)
          g_printerr ("\r\033[K");
        return shirabe_cli_close (project, shirabe_cli_error (error));
      }
    sigaction (SIGINT, &previous, NULL);
    if (progress.terminal)
      g_printerr ("\r\033[K");
  }

  n_problems = problems != NULL ? g_strv_length (problems) : 0;
  if (n_problems > 0)
    {
      g_autofree char *display = g_filename_display_name (argv[1]);

      shirabe_cli_message (ngettext ("“%s” has %u problem:", "“%s” has %u problems:",
                                     n_problems),
                           display, n_problems);
      for (guint i = 0; i < n_problems; i++)
        g_printerr ("  %s\n", problems[i]);
      status = SHIRABE_CLI_EXIT_DATA;
    }
  return shirabe_cli_close (project, status);
}
