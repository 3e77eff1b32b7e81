/* shirabe-cli-qdpx.c: exchange with other QDA programs (REFI-QDA) on the command line
 *
 *   shirabe-cli export-qdpx PROJECT OUT.qdpx [--lang en|ja] [--validate] [--force]
 *   shirabe-cli export-qdc PROJECT OUT.qdc [--lang en|ja] [--validate] [--force]
 *   shirabe-cli import-qdpx OUT.shirabe FILE.qdpx
 *   shirabe-cli import-qdc PROJECT FILE.qdc
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "shirabe-cli-private.h"

#include <stdio.h>

#include "shirabe-qdpx.h"

static gboolean
parse_language (const char      *lang,
                ShirabeLanguage *language,
                int             *status)
{
  if (lang == NULL)
    *language = shirabe_cli_display_language ();
  else if (g_ascii_strcasecmp (lang, "en") == 0)
    *language = SHIRABE_LANGUAGE_EN;
  else if (g_ascii_strcasecmp (lang, "ja") == 0)
    *language = SHIRABE_LANGUAGE_JA;
  else
    {
      *status = shirabe_cli_usage_error (_("--lang must be ja or en, not “%s”"), lang);
      return FALSE;
    }
  return TRUE;
}

typedef struct
{
  gboolean show;
  int      shown;
} Progress;

static void
on_progress (guint64  done,
             guint64  total,
             gpointer user_data)
{
  Progress *progress = user_data;
  int percent = total > 0 ? (int) (done * 100 / total) : 0;

  if (!progress->show || percent == progress->shown)
    return;
  progress->shown = percent;
  fprintf (stderr, "\r%3d%%", percent);
}

static void
end_progress (Progress *progress)
{
  if (progress->show && progress->shown >= 0)
    fprintf (stderr, "\r\033[K");
}

/* Validates @path when asked; returns @status or the data-error status. */
static int
validate (const char *path,
          int         status)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *display = g_filename_display_name (path);

  if (!shirabe_qdpx_validate (path, &error))
    return shirabe_cli_error (error);
  g_print (_("“%s” follows the REFI-QDA schema\n"), display);
  return status;
}

static int
export_common (int      argc,
               char   **argv,
               gboolean codebook)
{
  g_autofree char *lang = NULL;
  gboolean do_validate = FALSE;
  gboolean force = FALSE;
  gboolean pseudonymise = FALSE;
  const GOptionEntry entries[] = {
    { "lang", 'l', 0, G_OPTION_ARG_STRING, &lang,
      N_("The label language written as each code’s name; the other language is kept in its "
         "description (default: that of the messages)"), "ja|en" },
    { "pseudonymise", 0, 0, G_OPTION_ARG_NONE, &pseudonymise,
      N_("Replace the names of the project’s pseudonym table by their pseudonyms in what is "
         "written"), NULL },
    { "validate", 0, 0, G_OPTION_ARG_NONE, &do_validate,
      N_("Check the file written against the REFI-QDA schema"), NULL },
    { "force", 'f', 0, G_OPTION_ARG_NONE, &force,
      N_("Replace an existing file even when it is not of the kind written (a project is "
         "never replaced)"), NULL },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *display = NULL;
  ShirabeLanguage language;
  ShirabeProject *project;
  Progress progress = { shirabe_cli_stderr_is_terminal (), -1 };
  ShirabeOutputFlags flags = SHIRABE_OUTPUT_DEFAULT;
  int status = SHIRABE_CLI_EXIT_OK;
  gboolean ok;

  if (codebook)
    context = shirabe_cli_context_new (N_("PROJECT OUT.qdc"),
                                       N_("Saves the codebook as a REFI-QDA codebook (.qdc), "
                                          "which NVivo, ATLAS.ti, MAXQDA and QualCoder "
                                          "import."),
                                       entries);
  else
    context = shirabe_cli_context_new (N_("PROJECT OUT.qdpx"),
                                       N_("Saves the whole project as a REFI-QDA project "
                                          "(.qdpx): coders, codebook, attributes, cases, "
                                          "narratives with their codings, and memos, for "
                                          "NVivo, ATLAS.ti, MAXQDA and QualCoder."),
                                       entries);
  if (!shirabe_cli_parse (context, &argc, &argv, 2, 2, &status) ||
      !parse_language (lang, &language, &status))
    return status;

  project = shirabe_cli_open (argv[1], TRUE, &status);
  if (project == NULL)
    return status;
  if (force)
    flags |= SHIRABE_OUTPUT_REPLACE_ANY;
  if (pseudonymise)
    flags |= SHIRABE_OUTPUT_PSEUDONYMISE;
  if (codebook)
    ok = shirabe_project_export_qdc (project, argv[2], language, flags, &error);
  else
    ok = shirabe_project_export_qdpx (project, argv[2], language, flags, on_progress, &progress,
                                      NULL, &error);
  end_progress (&progress);
  if (!ok)
    {
      status = shirabe_cli_error (error);
      if (g_error_matches (error, SHIRABE_ERROR, SHIRABE_ERROR_OTHER_KIND))
        shirabe_cli_message (_("Give --force to replace it."));
      return shirabe_cli_close (project, status);
    }
  display = g_filename_display_name (argv[2]);
  g_print (_("Wrote “%s”\n"), display);
  if (do_validate)
    status = validate (argv[2], status);
  return shirabe_cli_close (project, status);
}

int
shirabe_cli_export_qdpx (int    argc,
                         char **argv)
{
  return export_common (argc, argv, FALSE);
}

int
shirabe_cli_export_qdc (int    argc,
                        char **argv)
{
  return export_common (argc, argv, TRUE);
}

static void
print_report (const ShirabeQdpxReport *report)
{
  g_autofree char *text = shirabe_qdpx_report_to_string (report);

  if (report->origin != NULL)
    {
      g_autofree char *origin = shirabe_cli_sanitize (report->origin, 200);

      g_print (_("Written by: %s\n"), origin);
    }
  g_print ("%s", text);
}

int
shirabe_cli_import_qdpx (int    argc,
                         char **argv)
{
  gboolean do_validate = FALSE;
  const GOptionEntry entries[] = {
    { "validate", 0, 0, G_OPTION_ARG_NONE, &do_validate,
      N_("First check the file against the REFI-QDA schema, and import only if it follows it"),
      NULL },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(ShirabeQdpxReport) report = NULL;
  Progress progress = { shirabe_cli_stderr_is_terminal (), -1 };
  int status = SHIRABE_CLI_EXIT_OK;
  gboolean ok;

  context = shirabe_cli_context_new (N_("OUT.shirabe FILE.qdpx"),
                                     N_("Makes a new project of a REFI-QDA project (.qdpx, or "
                                        "a bare .qde) from NVivo, ATLAS.ti, MAXQDA, QualCoder "
                                        "or Shirabe. What Shirabe has no place for (pictures, "
                                        "audio, video, sets, graphs…) is counted in the report, "
                                        "and items that cannot be imported are listed."),
                                     entries);
  if (!shirabe_cli_parse (context, &argc, &argv, 2, 2, &status))
    return status;
  if (do_validate && validate (argv[2], SHIRABE_CLI_EXIT_OK) != SHIRABE_CLI_EXIT_OK)
    return SHIRABE_CLI_EXIT_DATA;
  ok = shirabe_import_qdpx (argv[2], argv[1], on_progress, &progress, NULL, &report, &error);
  end_progress (&progress);
  if (!ok)
    return shirabe_cli_error (error);
  print_report (report);
  return SHIRABE_CLI_EXIT_OK;
}

int
shirabe_cli_import_qdc (int    argc,
                        char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(ShirabeQdpxReport) report = NULL;
  ShirabeProject *project;
  int status = SHIRABE_CLI_EXIT_OK;

  context = shirabe_cli_context_new (N_("PROJECT FILE.qdc"),
                                     N_("Merges a REFI-QDA codebook (.qdc, or the codebook of a "
                                        ".qdpx) into the project’s codebook: codes are matched "
                                        "by GUID, the project’s own keep their edits, new ones "
                                        "are added under their parents."),
                                     NULL);
  if (!shirabe_cli_parse (context, &argc, &argv, 2, 2, &status))
    return status;
  project = shirabe_cli_open (argv[1], FALSE, &status);
  if (project == NULL)
    return status;
  if (!shirabe_project_import_qdc (project, argv[2], &report, &error))
    return shirabe_cli_close (project, shirabe_cli_error (error));
  print_report (report);
  return shirabe_cli_close (project, status);
}
