/* shirabe-cli-pseudonyms.c: `pseudonyms` (the table) and `pseudonymise` (a copy)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "shirabe-cli-private.h"

#include "shirabe-pseudonyms.h"
#include "shirabe-pseudonymise.h"

static const char *
kind_name (ShirabeNameKind kind)
{
  switch (kind)
    {
    case SHIRABE_NAME_CASE:
      return "case";
    case SHIRABE_NAME_HONORIFIC:
      return "honorific";
    case SHIRABE_NAME_KATAKANA:
      return "katakana";
    case SHIRABE_NAME_LATIN:
    default:
      return "latin";
    }
}

static int
list_entries (ShirabeProject *project,
              gboolean        json,
              gboolean        jsonl)
{
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;
  int status = SHIRABE_CLI_EXIT_OK;

  entries = shirabe_project_list_pseudonyms (project, &error);
  if (entries == NULL)
    return shirabe_cli_error (error);
  if (json || jsonl)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      ShirabeCliJsonList *list = shirabe_cli_json_list_new (jsonl);
      gboolean written = TRUE;

      for (guint i = 0; i < entries->len; i++)
        {
          const ShirabePseudonym *e = entries->pdata[i];

          json_builder_begin_object (builder);
          shirabe_cli_json_int (builder, "id", e->id);
          shirabe_cli_json_string (builder, "uuid", e->uuid);
          shirabe_cli_json_string (builder, "real", e->real);
          shirabe_cli_json_string (builder, "pseudonym", e->pseudonym);
          shirabe_cli_json_string (builder, "language", e->language);
          shirabe_cli_json_bool (builder, "confirmed", e->confirmed);
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

      table = shirabe_cli_table_new ("rllll",
                                     C_("column header", "ID"),
                                     C_("column header", "Real name"),
                                     C_("column header", "Pseudonym"),
                                     C_("column header", "Language"),
                                     C_("column header", "Confirmed"));
      for (guint i = 0; i < entries->len; i++)
        {
          const ShirabePseudonym *e = entries->pdata[i];
          g_autofree char *id = shirabe_cli_format_int (e->id);

          shirabe_cli_table_add (table, id, e->real, e->pseudonym,
                                 *e->language != '\0' ? e->language
                                                      : C_("pseudonym language", "all"),
                                 e->confirmed ? _("yes") : _("no"));
        }
      shirabe_cli_table_print (table);
    }
  return status;
}

static int
suggest (ShirabeProject *project,
         guint64         limit,
         gboolean        add,
         gboolean        json,
         gboolean        jsonl)
{
  g_autoptr(GPtrArray) suggestions = NULL;
  g_autoptr(GError) error = NULL;
  int status = SHIRABE_CLI_EXIT_OK;

  suggestions = shirabe_project_suggest_pseudonyms (project, (guint) limit, &error);
  if (suggestions == NULL)
    return shirabe_cli_error (error);
  if (add)
    for (guint i = 0; i < suggestions->len; i++)
      {
        const ShirabeNameSuggestion *s = suggestions->pdata[i];

        if (shirabe_project_add_pseudonym (project, s->text, s->pseudonym, "", FALSE,
                                           &error) == 0)
          return shirabe_cli_error (error);
      }
  if (json || jsonl)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      ShirabeCliJsonList *list = shirabe_cli_json_list_new (jsonl);
      gboolean written = TRUE;

      for (guint i = 0; i < suggestions->len; i++)
        {
          const ShirabeNameSuggestion *s = suggestions->pdata[i];

          json_builder_begin_object (builder);
          shirabe_cli_json_string (builder, "text", s->text);
          shirabe_cli_json_string (builder, "kind", kind_name (s->kind));
          shirabe_cli_json_int (builder, "count", s->count);
          shirabe_cli_json_string (builder, "pseudonym", s->pseudonym);
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

      table = shirabe_cli_table_new ("llrl",
                                     C_("column header", "Name"),
                                     C_("column header", "Found as"),
                                     C_("column header", "Times"),
                                     C_("column header", "Proposed pseudonym"));
      for (guint i = 0; i < suggestions->len; i++)
        {
          const ShirabeNameSuggestion *s = suggestions->pdata[i];
          g_autofree char *count = shirabe_cli_format_int (s->count);

          shirabe_cli_table_add (table, s->text, shirabe_name_kind_describe (s->kind), count, s->pseudonym);
        }
      shirabe_cli_table_print (table);
      if (add)
        g_print (g_dngettext (GETTEXT_PACKAGE,
                              "Added %u suggestion to the table, unconfirmed: confirm each with "
                              "“confirm” before it is applied.\n",
                              "Added %u suggestions to the table, unconfirmed: confirm each "
                              "with “confirm” before they are applied.\n", suggestions->len),
                 suggestions->len);
    }
  return status;
}

int
shirabe_cli_pseudonyms (int    argc,
                        char **argv)
{
  gboolean json = FALSE, jsonl = FALSE, unconfirmed = FALSE, add = FALSE, all = FALSE;
  g_autofree char *lang = NULL;
  g_autofree char *limit_text = NULL;
  const GOptionEntry entries[] = {
    { "lang", 'l', 0, G_OPTION_ARG_STRING, &lang,
      N_("add: the language whose narratives get this pseudonym (default: all)"), N_("LANG") },
    { "unconfirmed", 0, 0, G_OPTION_ARG_NONE, &unconfirmed,
      N_("add: add the entry unconfirmed (not applied until confirmed)"), NULL },
    { "limit", 0, 0, G_OPTION_ARG_STRING, &limit_text,
      N_("suggest: at most N suggestions (default 50, 0 for all)"), N_("N") },
    { "add", 0, 0, G_OPTION_ARG_NONE, &add,
      N_("suggest: add the suggestions to the table, unconfirmed"), NULL },
    { "all", 0, 0, G_OPTION_ARG_NONE, &all, N_("confirm: confirm every entry"), NULL },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print a JSON array instead of a table"), NULL },
    { "jsonl", 0, 0, G_OPTION_ARG_NONE, &jsonl, N_("Print one JSON object per line"), NULL },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  ShirabeProject *project;
  const char *action;
  guint64 limit = 50;
  int status = SHIRABE_CLI_EXIT_OK;
  guint n_args;

  context = shirabe_cli_context_new (N_("PROJECT list|add REAL PSEUDONYM|remove ENTRY|confirm "
                                        "ENTRY|suggest"),
                                     N_("Shows and edits the project’s pseudonym table: real "
                                        "names and the pseudonyms that replace them in a "
                                        "pseudonymised copy or export (“pseudonymise”, "
                                        "--pseudonymise). An entry is named by its id or its "
                                        "real name. “suggest” lists names found in the "
                                        "narratives and the cases that the table lacks."),
                                     entries);
  if (!shirabe_cli_parse (context, &argc, &argv, 2, 4, &status))
    return status;
  if (json && jsonl)
    return shirabe_cli_usage_error (_("--json and --jsonl cannot be given together"));
  if (limit_text != NULL &&
      !shirabe_cli_parse_count ("--limit", limit_text, G_MAXUINT, &limit, &status))
    return status;
  action = argv[2];
  n_args = argc - 3;
  if ((g_str_equal (action, "list") && n_args != 0) ||
      (g_str_equal (action, "suggest") && n_args != 0) ||
      (g_str_equal (action, "add") && n_args != 2) ||
      (g_str_equal (action, "remove") && n_args != 1) ||
      (g_str_equal (action, "confirm") && n_args != (all ? 0 : 1)))
    return shirabe_cli_usage_error (_("Wrong number of arguments for “%s”; see “shirabe-cli "
                                      "pseudonyms --help”"), action);
  if (!g_str_equal (action, "list") && !g_str_equal (action, "suggest") &&
      !g_str_equal (action, "add") && !g_str_equal (action, "remove") &&
      !g_str_equal (action, "confirm"))
    return shirabe_cli_usage_error (_("Unknown action “%s”: use list, add, remove, confirm or "
                                      "suggest"), action);

  project = shirabe_cli_open (argv[1],
                              g_str_equal (action, "list") ||
                              (g_str_equal (action, "suggest") && !add),
                              &status);
  if (project == NULL)
    return status;

  if (g_str_equal (action, "list"))
    status = list_entries (project, json, jsonl);
  else if (g_str_equal (action, "suggest"))
    status = suggest (project, limit, add, json, jsonl);
  else if (g_str_equal (action, "add"))
    {
      gint64 id = shirabe_project_add_pseudonym (project, argv[3], argv[4], lang, !unconfirmed,
                                                 &error);
      g_autofree char *digits = NULL;

      if (id == 0)
        return shirabe_cli_close (project, shirabe_cli_error (error));
      digits = shirabe_cli_format_int (id);
      g_print (_("Added “%s” → “%s” (id %s).\n"), argv[3], argv[4], digits);
    }
  else if (g_str_equal (action, "confirm") && all)
    {
      g_autoptr(GPtrArray) table = shirabe_project_list_pseudonyms (project, &error);
      guint n = 0;

      if (table == NULL)
        return shirabe_cli_close (project, shirabe_cli_error (error));
      for (guint i = 0; i < table->len; i++)
        {
          const ShirabePseudonym *e = table->pdata[i];

          if (e->confirmed)
            continue;
          if (!shirabe_project_confirm_pseudonym (project, e->id, &error))
            return shirabe_cli_close (project, shirabe_cli_error (error));
          n++;
        }
      g_print (g_dngettext (GETTEXT_PACKAGE, "Confirmed %u entry.\n", "Confirmed %u entries.\n",
                            n), n);
    }
  else
    {
      gint64 id = shirabe_project_find_pseudonym (project, argv[3], &error);
      gboolean remove = g_str_equal (action, "remove");

      if (id == 0 ||
          !(remove ? shirabe_project_remove_pseudonym (project, id, &error)
                   : shirabe_project_confirm_pseudonym (project, id, &error)))
        return shirabe_cli_close (project, shirabe_cli_error (error));
      g_print (remove ? _("Removed the entry “%s”.\n") : _("Confirmed the entry “%s”.\n"),
               argv[3]);
    }
  return shirabe_cli_close (project, status);
}

static void
print_report_json (const ShirabePseudonymReport *report,
                   const char                   *out)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  shirabe_cli_json_string (builder, "copy", out);
  shirabe_cli_json_int (builder, "replacements", report->n_replacements);
  shirabe_cli_json_int (builder, "elsewhere", report->n_elsewhere);
  shirabe_cli_json_int (builder, "codings", report->n_codings);
  shirabe_cli_json_int (builder, "codings_widened", report->n_widened);
  shirabe_cli_json_int (builder, "unconfirmed_left_out", report->n_unconfirmed);
  json_builder_set_member_name (builder, "entries");
  json_builder_begin_array (builder);
  for (guint i = 0; i < report->totals->len; i++)
    {
      const ShirabePseudonymCount *c = report->totals->pdata[i];

      json_builder_begin_object (builder);
      shirabe_cli_json_string (builder, "real", c->real);
      shirabe_cli_json_string (builder, "pseudonym", c->pseudonym);
      shirabe_cli_json_int (builder, "count", c->count);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "narratives");
  json_builder_begin_array (builder);
  for (guint i = 0; i < report->narratives->len; i++)
    {
      const ShirabePseudonymNarrative *n = report->narratives->pdata[i];

      json_builder_begin_object (builder);
      shirabe_cli_json_int (builder, "id", n->id);
      shirabe_cli_json_string (builder, "uuid", n->uuid);
      shirabe_cli_json_string (builder, "title", n->title);
      shirabe_cli_json_int (builder, "replacements", n->n_replacements);
      shirabe_cli_json_int (builder, "codings", n->n_codings);
      shirabe_cli_json_int (builder, "codings_widened", n->n_widened);
      json_builder_set_member_name (builder, "counts");
      json_builder_begin_array (builder);
      for (guint j = 0; j < n->counts->len; j++)
        {
          const ShirabePseudonymCount *c = n->counts->pdata[j];

          json_builder_begin_object (builder);
          shirabe_cli_json_string (builder, "real", c->real);
          shirabe_cli_json_string (builder, "pseudonym", c->pseudonym);
          shirabe_cli_json_int (builder, "count", c->count);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  shirabe_cli_print_json (builder);
}

static void
print_report (const ShirabePseudonymReport *report,
              const char                   *out)
{
  g_autoptr(ShirabeCliTable) table = NULL;
  g_autofree char *display = g_filename_display_name (out);

  table = shirabe_cli_table_new ("lrl",
                                 C_("column header", "Narrative"),
                                 C_("column header", "Replacements"),
                                 C_("column header", "Names replaced"));
  for (guint i = 0; i < report->narratives->len; i++)
    {
      const ShirabePseudonymNarrative *n = report->narratives->pdata[i];
      g_autofree char *count = shirabe_cli_format_int (n->n_replacements);
      g_autoptr(GString) names = g_string_new (NULL);

      for (guint j = 0; j < n->counts->len; j++)
        {
          const ShirabePseudonymCount *c = n->counts->pdata[j];

          g_string_append_printf (names, "%s%s → %s ×%u", j > 0 ? ", " : "", c->real,
                                  c->pseudonym, c->count);
        }
      shirabe_cli_table_add (table, n->title, count, names->str);
    }
  shirabe_cli_table_print (table);
  g_print ("\n");
  {
    g_autofree char *n_replacements = shirabe_cli_format_int (report->n_replacements);
    g_autofree char *n_elsewhere = shirabe_cli_format_int (report->n_elsewhere);
    g_autofree char *n_codings = shirabe_cli_format_int (report->n_codings);
    g_autofree char *n_widened = shirabe_cli_format_int (report->n_widened);

    g_print (_("Wrote the pseudonymised copy “%s”: %s replacements (%s outside the narratives’ "
               "texts: case names, memos, labels, attribute values); %s codings moved with their "
               "words, %s widened to a whole pseudonym.\n"),
             display, n_replacements, n_elsewhere, n_codings, n_widened);
  }
  if (report->n_unconfirmed > 0)
    g_print (g_dngettext (GETTEXT_PACKAGE,
                          "%u unconfirmed entry of the table was not applied.\n",
                          "%u unconfirmed entries of the table were not applied.\n",
                          report->n_unconfirmed),
             report->n_unconfirmed);
}

int
shirabe_cli_pseudonymise (int    argc,
                          char **argv)
{
  gboolean json = FALSE;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print the report as JSON"), NULL },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(ShirabePseudonymReport) report = NULL;
  ShirabeProject *project;
  int status = SHIRABE_CLI_EXIT_OK;

  context = shirabe_cli_context_new (N_("PROJECT OUT"),
                                     N_("Writes a copy of the project with every confirmed "
                                        "entry of its pseudonym table replaced by its pseudonym, "
                                        "in texts, titles, memos, case names, code labels and "
                                        "attribute values; codings move with their words. The "
                                        "copy keeps no pseudonym table, no origin file names "
                                        "and no free pages; the project is not changed."),
                                     entries);
  if (!shirabe_cli_parse (context, &argc, &argv, 2, 2, &status))
    return status;
  if ((project = shirabe_cli_open (argv[1], TRUE, &status)) == NULL)
    return status;
  report = shirabe_project_pseudonymise (project, argv[2], NULL, &error);
  if (report == NULL)
    return shirabe_cli_close (project, shirabe_cli_error (error));
  if (json)
    print_report_json (report, argv[2]);
  else
    print_report (report, argv[2]);
  return shirabe_cli_close (project, status);
}
