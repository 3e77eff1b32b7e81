/* shirabe-cli-attributes.c: `shirabe-cli import-attributes`, case attributes from a table
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "shirabe-cli-private.h"

#include "shirabe-attribute-import.h"

int
shirabe_cli_import_attributes (int    argc,
                               char **argv)
{
  g_autofree char *case_column = NULL, *sheet = NULL;
  g_auto (GStrv) types = NULL;
  gboolean create_cases = FALSE, dry_run = FALSE, json = FALSE;
  const GOptionEntry entries[] = {
    { "case-column", 0, 0, G_OPTION_ARG_STRING, &case_column,
      N_("The column naming the case, by name, id or UUID (default: the first)"), N_("NAME") },
    { "sheet", 0, 0, G_OPTION_ARG_STRING, &sheet,
      N_("The sheet of a workbook to read (default: the first)"), N_("NAME") },
    { "create-cases", 0, 0, G_OPTION_ARG_NONE, &create_cases,
      N_("Add the cases the project does not have, rather than report them"), NULL },
    { "type", 0, 0, G_OPTION_ARG_STRING_ARRAY, &types,
      N_("The type of a new attribute’s column, instead of the one inferred (may be repeated)"),
      N_("COLUMN=TYPE") },
    { "dry-run", 0, 0, G_OPTION_ARG_NONE, &dry_run,
      N_("Report what would be imported, and change nothing"), NULL },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print the report as JSON"), NULL },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr (GOptionContext) context = NULL;
  g_autoptr (GHashTable) forced = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr (ShirabeAttributeImport) report = NULL;
  g_autoptr (GError) error = NULL;
  ShirabeAttributeImportOptions options = { 0 };
  ShirabeProject *project;
  int status = SHIRABE_CLI_EXIT_OK;

  context = shirabe_cli_context_new (N_("PROJECT FILE"),
                                     N_("Sets case attributes from a CSV file (UTF-8, or CP932 as "
                                        "Excel in Japan saves it; comma, semicolon or tab) or an "
                                        "XLSX workbook: one row per case, one column naming the "
                                        "case, one column per attribute. A column is an existing "
                                        "attribute of that name or variable name, or a new one "
                                        "whose type is inferred from its values (integer, number, "
                                        "date, boolean, a choice when few values repeat, text). "
                                        "A file with any problem changes nothing, and every "
                                        "problem is listed by row and column."),
                                     entries);
  if (!shirabe_cli_parse (context, &argc, &argv, 2, 2, &status))
    return status;
  for (guint i = 0; types != NULL && types[i] != NULL; i++)
    {
      const char *equals = strrchr (types[i], '=');
      ShirabeAttributeType type;

      if (equals == NULL || equals == types[i] ||
          !shirabe_attribute_type_from_string (equals + 1, &type) ||
          type == SHIRABE_ATTRIBUTE_CHOICE)
        return shirabe_cli_usage_error (_("--type takes COLUMN=TYPE, the type one of text, "
                                          "integer, number, date or boolean; not “%s”"),
                                        types[i]);
      g_hash_table_insert (forced, g_strndup (types[i], equals - types[i]),
                           GINT_TO_POINTER (type + 1));
    }
  options.case_column = case_column;
  options.sheet = sheet;
  options.create_cases = create_cases;
  options.dry_run = dry_run;
  options.forced_types = forced;
  if ((project = shirabe_cli_open (argv[1], dry_run, &status)) == NULL)
    return status;
  report = shirabe_project_import_attributes (project, argv[2], &options, &error);
  if (report == NULL)
    return shirabe_cli_close (project, shirabe_cli_error (error));

  if (json)
    {
      g_autoptr (JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      shirabe_cli_json_bool (builder, "applied", report->applied);
      shirabe_cli_json_int (builder, "rows", report->n_rows);
      shirabe_cli_json_int (builder, "cases_created", report->n_cases_created);
      shirabe_cli_json_int (builder, "values_set", report->n_values_set);
      json_builder_set_member_name (builder, "columns");
      json_builder_begin_array (builder);
      for (guint i = 0; i < report->columns->len; i++)
        {
          ShirabeAttributeImportColumn *column = report->columns->pdata[i];

          json_builder_begin_object (builder);
          shirabe_cli_json_string (builder, "header", column->header);
          shirabe_cli_json_string (builder, "type", shirabe_attribute_type_to_string (column->type));
          shirabe_cli_json_bool (builder, "new", column->is_new);
          shirabe_cli_json_bool (builder, "forced", column->forced);
          shirabe_cli_json_int (builder, "values", column->n_values);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      json_builder_set_member_name (builder, "problems");
      json_builder_begin_array (builder);
      for (guint i = 0; i < report->problems->len; i++)
        {
          ShirabeAttributeImportProblem *problem = report->problems->pdata[i];

          json_builder_begin_object (builder);
          shirabe_cli_json_int (builder, "row", problem->row);
          shirabe_cli_json_string (builder, "column", problem->column);
          shirabe_cli_json_string (builder, "message", problem->message);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      json_builder_end_object (builder);
      if (!shirabe_cli_print_json (builder))
        status = SHIRABE_CLI_EXIT_DATA;
    }
  else
    {
      g_autoptr (ShirabeCliTable) table = shirabe_cli_table_new ("llr",
                                                                C_("column header", "Column"),
                                                                C_("column header", "Type"),
                                                                C_("column header", "Values"));

      for (guint i = 0; i < report->columns->len; i++)
        {
          ShirabeAttributeImportColumn *column = report->columns->pdata[i];
          g_autofree char *values = shirabe_cli_format_int (column->n_values);
          /* TRANSLATORS: an attribute's type, and whether the import adds it: "date (new)" */
          g_autofree char *type = column->is_new
            ? g_strdup_printf (_("%s (new)"), shirabe_attribute_type_to_string (column->type))
            : g_strdup (shirabe_attribute_type_to_string (column->type));

          shirabe_cli_table_add (table, column->header, type, values);
        }
      shirabe_cli_table_print (table);
      for (guint i = 0; i < report->problems->len; i++)
        {
          ShirabeAttributeImportProblem *problem = report->problems->pdata[i];

          if (problem->column != NULL)
            /* TRANSLATORS: a problem in a spreadsheet: its row, its column, what is wrong */
            shirabe_cli_message (_("Row %u, “%s”: %s"), problem->row, problem->column,
                                 problem->message);
          else
            shirabe_cli_message (_("Row %u: %s"), problem->row, problem->message);
        }
      if (report->applied)
        g_print (_("Set %u values of %u cases (%u cases added).\n"), report->n_values_set,
                 report->n_rows, report->n_cases_created);
      else if (report->problems->len == 0)
        g_print (_("Dry run: the project was not changed.\n"));
    }
  if (report->problems->len > 0)
    {
      if (!json)
        shirabe_cli_message (g_dngettext (GETTEXT_PACKAGE,
                                          "%u problem; nothing was imported.",
                                          "%u problems; nothing was imported.",
                                          report->problems->len),
                             report->problems->len);
      status = SHIRABE_CLI_EXIT_DATA;
    }
  return shirabe_cli_close (project, status);
}
