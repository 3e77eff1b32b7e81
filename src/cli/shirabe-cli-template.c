/* shirabe-cli-template.c: coding scheme templates on the command line
 *
 *   shirabe-cli new PROJECT --template tip
 *   shirabe-cli apply-template PROJECT NAME|FILE.json [--replace]
 *   shirabe-cli export-template PROJECT OUT.json [--force]
 *   shirabe-cli templates [--json]
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "shirabe-cli-private.h"

#include "shirabe-cli-template.h"

ShirabeTemplate *
shirabe_cli_template_load (const char *name_or_path,
                           int        *status)
{
  g_autoptr(GError) error = NULL;
  ShirabeTemplate *template_ = shirabe_template_load (name_or_path, &error);

  if (template_ == NULL)
    *status = shirabe_cli_error (error);
  return template_;
}

int
shirabe_cli_template_apply (ShirabeProject            *project,
                            ShirabeTemplate           *template_,
                            ShirabeTemplateApplyFlags  flags,
                            int                        status)
{
  g_autoptr(GError) error = NULL;
  ShirabeTemplateResult result;

  if (!shirabe_project_apply_template (project, template_, flags, &result, &error))
    return shirabe_cli_error (error);
  shirabe_cli_template_print_result (template_, &result);
  return status;
}

/* Says what applying @template_ did. */
void
shirabe_cli_template_print_result (ShirabeTemplate             *template_,
                                   const ShirabeTemplateResult *result)
{
  ShirabeLanguage language = shirabe_cli_display_language ();

  /* Translators: a template's name, then its short name (tip) */
  g_print (_("Applied the template “%s” (%s)\n"),
           shirabe_template_get_name (template_, language), shirabe_template_get_id (template_));
  g_print (_("Codes: %u added, %u updated, %u unchanged\n"),
           result->codes_added, result->codes_updated, result->codes_unchanged);
  g_print (_("Attributes: %u added, %u updated, %u unchanged\n"),
           result->attributes_added, result->attributes_updated, result->attributes_unchanged);
  if (result->var_names_changed > 0)
    shirabe_cli_message (ngettext ("%u new code was given another variable name: the "
                                   "template’s was taken by a code of the project",
                                   "%u new codes were given other variable names: the "
                                   "template’s were taken by codes of the project",
                                   result->var_names_changed),
                         result->var_names_changed);
  if (result->attributes_conflicting > 0)
    shirabe_cli_message (ngettext ("%u attribute of the template was left out: the project has "
                                   "one of the same variable name and another type",
                                   "%u attributes of the template were left out: the project "
                                   "has ones of the same variable names and other types",
                                   result->attributes_conflicting),
                         result->attributes_conflicting);
}

int
shirabe_cli_apply_template (int    argc,
                            char **argv)
{
  gboolean replace = FALSE;
  const GOptionEntry entries[] = {
    { "replace", 0, 0, G_OPTION_ARG_NONE, &replace,
      N_("Give codes already in the project the template’s labels, descriptions and colours"),
      NULL },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(ShirabeTemplate) template_ = NULL;
  ShirabeProject *project;
  int status = SHIRABE_CLI_EXIT_OK;

  context = shirabe_cli_context_new (N_("PROJECT TEMPLATE"),
                                     N_("Merges a coding scheme into a project: TEMPLATE is the "
                                        "name of a bundled template (see “templates”) or a "
                                        "template file. Codes are matched by UUID, attributes "
                                        "by variable name; nothing is added twice, and codes "
                                        "the project already has keep their edits unless "
                                        "--replace is given."),
                                     entries);
  if (!shirabe_cli_parse (context, &argc, &argv, 2, 2, &status))
    return status;

  template_ = shirabe_cli_template_load (argv[2], &status);
  if (template_ == NULL)
    return status;
  project = shirabe_cli_open (argv[1], FALSE, &status);
  if (project == NULL)
    return status;
  status = shirabe_cli_template_apply (project, template_,
                                       replace ? SHIRABE_TEMPLATE_APPLY_REPLACE
                                               : SHIRABE_TEMPLATE_APPLY_DEFAULT,
                                       status);
  return shirabe_cli_close (project, status);
}

int
shirabe_cli_export_template (int    argc,
                             char **argv)
{
  gboolean force = FALSE;
  const GOptionEntry entries[] = {
    { "force", 'f', 0, G_OPTION_ARG_NONE, &force, N_("Replace the file if it exists"), NULL },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(ShirabeTemplate) template_ = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *display = NULL;
  ShirabeProject *project;
  int status = SHIRABE_CLI_EXIT_OK;

  context = shirabe_cli_context_new (N_("PROJECT OUT.json"),
                                     N_("Saves the project’s coding scheme (codes with their "
                                        "UUIDs, labels, descriptions, colours and variable "
                                        "names) and its attributes as a template file, for "
                                        "“new --template” or “apply-template”."),
                                     entries);
  if (!shirabe_cli_parse (context, &argc, &argv, 2, 2, &status))
    return status;

  display = g_filename_display_name (argv[2]);
  /* A project, its files or a folder are refused even with --force. */
  if (!shirabe_output_check_target (argv[2], SHIRABE_OUTPUT_JSON, SHIRABE_OUTPUT_REPLACE_ANY,
                                    &error))
    return shirabe_cli_error (error);
  if (!force && g_file_test (argv[2], G_FILE_TEST_EXISTS))
    {
      shirabe_cli_message (_("“%s” already exists; give --force to replace it"), display);
      return SHIRABE_CLI_EXIT_DATA;
    }

  project = shirabe_cli_open (argv[1], TRUE, &status);
  if (project == NULL)
    return status;
  template_ = shirabe_template_new_from_project (project, &error);
  if (template_ == NULL || !shirabe_template_save (template_, argv[2], &error))
    status = shirabe_cli_error (error);
  status = shirabe_cli_close (project, status);
  if (status == SHIRABE_CLI_EXIT_OK)
    {
      g_print (_("Saved the template “%s”\n"), display);
      g_print (_("Codes: %u; attributes: %u\n"), shirabe_template_get_codes (template_)->len,
               shirabe_template_get_attributes (template_)->len);
    }
  return status;
}

int
shirabe_cli_templates (int    argc,
                       char **argv)
{
  gboolean json = FALSE;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print a JSON array instead of a table"), NULL },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(JsonBuilder) builder = NULL;
  g_autoptr(ShirabeCliTable) table = NULL;
  g_auto(GStrv) names = NULL;
  ShirabeLanguage language = shirabe_cli_display_language ();
  int status = SHIRABE_CLI_EXIT_OK;

  context = shirabe_cli_context_new ("",
                                     N_("Lists the coding scheme templates that “new --template” "
                                        "and “apply-template” find by name: bundled ones, and "
                                        "your own in ~/.local/share/shirabe/templates."),
                                     entries);
  if (!shirabe_cli_parse (context, &argc, &argv, 0, 0, &status))
    return status;

  if (json)
    {
      builder = json_builder_new ();
      json_builder_begin_array (builder);
    }
  else
    table = shirabe_cli_table_new ("llrl",
                                   C_("column header", "Name"),
                                   C_("column header", "Title"),
                                   C_("column header", "Codes"),
                                   C_("column header", "File"));

  names = shirabe_template_list_names ();
  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *path = shirabe_template_find (names[i]);
      g_autoptr(ShirabeTemplate) template_ = shirabe_template_new_from_file (path, &error);
      g_autofree char *n_codes = NULL;

      /* A broken file is reported and skipped; the others are still worth listing. */
      if (template_ == NULL)
        {
          status = shirabe_cli_error (error);
          continue;
        }
      if (json)
        {
          json_builder_begin_object (builder);
          shirabe_cli_json_string (builder, "name", names[i]);
          shirabe_cli_json_string (builder, "id", shirabe_template_get_id (template_));
          shirabe_cli_json_string (builder, "title_en",
                                   shirabe_template_get_name (template_, SHIRABE_LANGUAGE_EN));
          shirabe_cli_json_string (builder, "title_ja",
                                   shirabe_template_get_name (template_, SHIRABE_LANGUAGE_JA));
          shirabe_cli_json_int (builder, "n_codes", shirabe_template_get_codes (template_)->len);
          shirabe_cli_json_int (builder, "n_attributes",
                                shirabe_template_get_attributes (template_)->len);
          shirabe_cli_json_string (builder, "path", path);
          json_builder_end_object (builder);
          continue;
        }
      n_codes = shirabe_cli_format_int (shirabe_template_get_codes (template_)->len);
      {
        g_autofree char *title = shirabe_cli_sanitize (shirabe_template_get_name (template_,
                                                                                  language), 60);
        g_autofree char *display = g_filename_display_name (path);

        shirabe_cli_table_add (table, names[i], title, n_codes, display);
      }
    }

  if (json)
    {
      json_builder_end_array (builder);
      if (!shirabe_cli_print_json (builder))
        status = SHIRABE_CLI_EXIT_DATA;
    }
  else if (names[0] == NULL)
    g_print ("%s\n", _("No templates were found"));
  else
    shirabe_cli_table_print (table);
  return status;
}
