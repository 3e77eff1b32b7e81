/* shirabe-cli.c: the command line's entry point and its table of commands
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "shirabe-cli-private.h"
#include "shirabe-cli-template.h"
#include "shirabe-cli-sample.h"

#include <locale.h>
#include <string.h>

typedef struct
{
  const char            *name;
  ShirabeCliCommandFunc  func;
  const char            *summary;  /* untranslated */
} ShirabeCliCommand;

/* One line per command; the order is the order of `shirabe-cli --help`. */
static const ShirabeCliCommand commands[] = {
  { "new",        shirabe_cli_new,        N_("Create an empty project") },
  { "import",     shirabe_cli_import,     N_("Import text and document files as narratives") },
  { "cases",      shirabe_cli_cases,      N_("List the cases") },
  { "rename-case", shirabe_cli_rename_case, N_("Rename a case") },
  { "delete-case", shirabe_cli_delete_case, N_("Delete a case with its narratives and codings") },
  { "new-case",   shirabe_cli_new_case,   N_("Add a case") },
  { "move-case",  shirabe_cli_move_case,  N_("Move a case to another place in the list") },
  { "merge-cases", shirabe_cli_merge_cases, N_("Merge one case into another") },
  { "narratives", shirabe_cli_narratives, N_("List the narratives") },
  { "text",       shirabe_cli_text,       N_("Print a narrative’s text exactly as stored") },
  { "rename-narrative", shirabe_cli_rename_narrative, N_("Give a narrative another title") },
  { "move-narrative", shirabe_cli_move_narrative, N_("Move a narrative to another case") },
  { "set-narrative", shirabe_cli_set_narrative,
    N_("Set a narrative’s language, kind, original or status") },
  { "delete-narrative", shirabe_cli_delete_narrative, N_("Delete a narrative with its codings") },
  { "link-translation", shirabe_cli_link_translation,
    N_("Record that a narrative is a translation of another") },
  { "align", shirabe_cli_align,
    N_("Print or adjust how a translation’s paragraphs align with its original’s") },
  { "codes",      shirabe_cli_codes,      N_("Show the code tree") },
  { "add-code",   shirabe_cli_add_code,   N_("Add a code to the coding scheme") },
  { "apply-template", shirabe_cli_apply_template, N_("Merge a coding scheme template into a project") },
  { "export-template", shirabe_cli_export_template, N_("Save the coding scheme as a template file") },
  { "templates",  shirabe_cli_templates,  N_("List the coding scheme templates found by name") },
  { "code",       shirabe_cli_code,       N_("Apply a code to a passage of a narrative") },
  { "uncode",     shirabe_cli_uncode,     N_("Remove a coding") },
  { "copy-coding-to-translation", shirabe_cli_copy_coding_to_translation,
    N_("Carry a coding to the aligned paragraphs of the other side") },
  { "codings",    shirabe_cli_codings,    N_("List the codings") },
  { "passages",   shirabe_cli_passages,   N_("List the coded passages that answer a query") },
  { "coders",     shirabe_cli_coders,     N_("List the coders") },
  { "search",     shirabe_cli_search,     N_("Search the text of every narrative") },
  { "autocode",   shirabe_cli_autocode,   N_("Code every hit of a search") },
  { "agreement",  shirabe_cli_agreement,  N_("Report how far coders agree, per code") },
  { "chart",      shirabe_cli_chart,
    N_("Count codes by group, co-occurrence or per case, as a table, an image or a CSV") },
  { "copy-for-coder", shirabe_cli_copy_for_coder, N_("Make a copy of the project for one coder") },
  { "merge",      shirabe_cli_merge,      N_("Bring coders’ copies back into the project") },
  { "pseudonyms", shirabe_cli_pseudonyms,
    N_("Show and edit the pseudonym table: real names and their pseudonyms") },
  { "pseudonymise", shirabe_cli_pseudonymise,
    N_("Write a copy of the project with the names replaced by their pseudonyms") },
  { "import-attributes", shirabe_cli_import_attributes,
    N_("Set case attributes from a CSV or XLSX table") },
  { "set-attr",   shirabe_cli_set_attr,   N_("Set an attribute of a case") },
  { "attrs",      shirabe_cli_attrs,      N_("Show a case’s attributes") },
  { "check",      shirabe_cli_check,      N_("Check a project’s integrity") },
  { "backups",    shirabe_cli_backups,    N_("List a project’s backup copies") },
  { "restore",    shirabe_cli_restore,    N_("Put a backup copy back in place of the project") },
  { "generate",   shirabe_cli_generate,   N_("Create a synthetic project for tests and benchmarks") },
  { "sample",     shirabe_cli_sample,     N_("Create the sample project (fictional cases, coded)") },
  { "export",     shirabe_cli_export,     N_("Export the coded data for statistics (XLSX, CSV, SPSS or Stata)") },
  { "export-qdpx", shirabe_cli_export_qdpx,
    N_("Save the project for NVivo, ATLAS.ti, MAXQDA or QualCoder (REFI-QDA .qdpx)") },
  { "export-qdc", shirabe_cli_export_qdc, N_("Save the codebook as a REFI-QDA codebook (.qdc)") },
  { "import-qdpx", shirabe_cli_import_qdpx,
    N_("Make a new project of a REFI-QDA project (.qdpx) from another program") },
  { "import-qdc", shirabe_cli_import_qdc,
    N_("Merge a REFI-QDA codebook (.qdc) into a project’s codebook") },
};

static guint
text_width (const char *text)
{
  guint width = 0;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    width += g_unichar_iswide (g_utf8_get_char (p)) ? 2 : 1;
  return width;
}

static void
print_help (gboolean to_stderr)
{
  GString *out = g_string_new (NULL);
  guint width = 0;

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    width = MAX (width, text_width (commands[i].name));

  g_string_append_printf (out, _("Usage:\n  %s COMMAND PROJECT [ARGUMENT…] [OPTION…]\n\n"),
                          "shirabe-cli");
  g_string_append_printf (out, "%s\n\n",
                          _("Shirabe’s command line: import, list, code and check the "
                            "narratives of a Shirabe project."));
  g_string_append_printf (out, "%s\n", _("Commands:"));
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_string_append_printf (out, "  %s", commands[i].name);
      for (guint n = text_width (commands[i].name); n < width + 2; n++)
        g_string_append_c (out, ' ');
      g_string_append_printf (out, "%s\n", _(commands[i].summary));
    }
  g_string_append_c (out, '\n');
  g_string_append_printf (out, "%s\n",
                          _("Narratives, codes, cases and codings are named by id, UUID or "
                            "exact title, label or name;\na code also by its path "
                            "(Parent/Child) or variable name. Positions count characters "
                            "from 0,\nthe end not included."));
  g_string_append_printf (out, "%s\n",
                          _("Exit status: 0 success, 1 usage error, 2 data error."));
  g_string_append_printf (out, _("Run “%s COMMAND --help” for a command’s options.\n"),
                          "shirabe-cli");
  if (to_stderr)
    g_printerr ("%s", out->str);
  else
    g_print ("%s", out->str);
  g_string_free (out, TRUE);
}

static const ShirabeCliCommand *
find_command (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (strcmp (commands[i].name, name) == 0)
      return &commands[i];
  return NULL;
}

static int
run_command (const ShirabeCliCommand *command,
             int                      argc,
             char                   **argv)
{
  g_autofree char *prgname = g_strdup_printf ("shirabe-cli %s", command->name);

  /* GOptionContext's usage line and our "Try … --help" hints name the command. */
  g_set_prgname (prgname);
  return command->func (argc, argv);
}

int
main (int    argc,
      char **argv)
{
  const ShirabeCliCommand *command;
  const char *name;
  const char *localedir;

  setlocale (LC_ALL, "");
  /* SHIRABE_LOCALEDIR points at uninstalled catalogues (the build tree's po/), for the tests
   * and for trying a translation before installing it. */
  localedir = g_getenv ("SHIRABE_LOCALEDIR");
  if (localedir == NULL || *localedir == '\0')
    localedir = LOCALEDIR;
  bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  g_set_prgname ("shirabe-cli");
  /* The snapshots kept are the user's choice in the app's preferences, here as there. */
  shirabe_backup_load_settings ();

  if (argc < 2)
    {
      print_help (TRUE);
      return SHIRABE_CLI_EXIT_USAGE;
    }

  name = argv[1];
  if (strcmp (name, "--help") == 0 || strcmp (name, "-h") == 0 || strcmp (name, "-?") == 0)
    {
      print_help (FALSE);
      return SHIRABE_CLI_EXIT_OK;
    }
  if (strcmp (name, "help") == 0)
    {
      char *help_argv[] = { NULL, (char *) "--help", NULL };

      if (argc < 3)
        {
          print_help (FALSE);
          return SHIRABE_CLI_EXIT_OK;
        }
      command = find_command (argv[2]);
      if (command == NULL)
        return shirabe_cli_usage_error (_("Unknown command “%s”"), argv[2]);
      help_argv[0] = argv[2];
      return run_command (command, 2, help_argv);
    }
  if (strcmp (name, "--version") == 0 || strcmp (name, "-V") == 0 ||
      strcmp (name, "version") == 0)
    {
      g_print ("shirabe-cli %s\n", PACKAGE_VERSION);
      return SHIRABE_CLI_EXIT_OK;
    }

  command = find_command (name);
  if (command == NULL)
    {
      if (name[0] == '-')
        return shirabe_cli_usage_error (_("Unknown option “%s”; a command comes first"), name);
      return shirabe_cli_usage_error (_("Unknown command “%s”"), name);
    }
  return run_command (command, argc - 1, argv + 1);
}
