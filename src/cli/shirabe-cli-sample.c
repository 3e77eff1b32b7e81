/* shirabe-cli-sample.c: `shirabe-cli sample PROJECT`, the sample project in a new file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "shirabe-cli-private.h"
#include "shirabe-cli-sample.h"
#include "shirabe-sample.h"

#include <glib/gstdio.h>

/* A project this command made and could not finish goes, so that no half-built sample is
 * left under the name the user gave. */
static void
remove_project_files (const char *path)
{
  static const char * const suffixes[] = { "", "-wal", "-shm", "-journal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);

      g_unlink (file);
    }
}

static guint
count_and_free (GPtrArray *array)
{
  guint n = array != NULL ? array->len : 0;

  g_clear_pointer (&array, g_ptr_array_unref);
  return n;
}

int
shirabe_cli_sample (int    argc,
                    char **argv)
{
  g_autofree char *sample_dir = NULL;
  const GOptionEntry entries[] = {
    { "sample-dir", 0, 0, G_OPTION_ARG_FILENAME, &sample_dir,
      N_("Build from this folder’s sample.json instead of the installed sample"), N_("FOLDER") },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *display = NULL;
  g_autofree char *name = NULL;
  ShirabeProject *project;
  guint n_cases, n_narratives, n_codings;
  int status = SHIRABE_CLI_EXIT_OK;

  context = shirabe_cli_context_new (N_("PROJECT"),
                                     N_("Creates the sample project: fictional case records of "
                                        "trafficking into Japan, coded with the “tip” coding "
                                        "scheme by two coders. An existing file is never "
                                        "overwritten."),
                                     entries);
  if (!shirabe_cli_parse (context, &argc, &argv, 1, 1, &status))
    return status;

  project = shirabe_project_create (argv[1], NULL, SHIRABE_PROJECT_NO_HISTORY, &error);
  if (project == NULL)
    return shirabe_cli_error (error);

  if (!shirabe_project_build_sample (project, sample_dir, &error))
    {
      status = shirabe_cli_error (error);
      shirabe_cli_close (project, status);
      remove_project_files (argv[1]);
      return status;
    }

  name = shirabe_project_dup_name (project);
  n_cases = count_and_free (shirabe_project_list_cases (project, NULL));
  n_narratives = count_and_free (shirabe_project_list_narratives (project, 0, NULL));
  n_codings = count_and_free (shirabe_project_list_codings (project, 0, NULL));
  status = shirabe_cli_close (project, status);
  if (status != SHIRABE_CLI_EXIT_OK)
    {
      remove_project_files (argv[1]);
      return status;
    }

  display = g_filename_display_name (argv[1]);
  g_print (_("Created the sample project “%s” in %s\n"), name, display);
  g_print (_("Cases: %u, narratives: %u, codings: %u\n"), n_cases, n_narratives, n_codings);
  return status;
}
