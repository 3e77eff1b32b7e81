/* shirabe-cli-sample.c: `shirabe-cli sample PROJECT`, the sample project in a new file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "shirabe-cli-private.h"
#include "shirabe-cli-sample.h"
#include "shirabe-sample.h"

#include <glib/gstdio.h>

static guint
count_and_free (GPtrArray *array)
{
  guint n = array != NULL ? array->len : 0;

  g_clear_pointer (&array, g_ptr_array_unref);
  return n;
}

typedef struct
{
  const char *sample_dir;
  char       *name;
  guint       n_cases, n_narratives, n_codings;
} SampleBuild;

static gboolean
build_sample (ShirabeProject  *project,
              gpointer         user_data,
              GError         **error)
{
  SampleBuild *build = user_data;

  if (!shirabe_project_build_sample (project, build->sample_dir, error))
    return FALSE;
  build->name = shirabe_project_dup_name (project);
  build->n_cases = count_and_free (shirabe_project_list_cases (project, NULL));
  build->n_narratives = count_and_free (shirabe_project_list_narratives (project, 0, NULL));
  build->n_codings = count_and_free (shirabe_project_list_codings (project, 0, NULL));
  return TRUE;
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
  SampleBuild build = { 0 };
  int status = SHIRABE_CLI_EXIT_OK;

  context = shirabe_cli_context_new (N_("PROJECT"),
                                     N_("Creates the sample project: fictional case records of "
                                        "trafficking into Japan, coded with the “tip” coding "
                                        "scheme by two coders. An existing file is never "
                                        "overwritten."),
                                     entries);
  if (!shirabe_cli_parse (context, &argc, &argv, 1, 1, &status))
    return status;

  /* Built under a temporary name: no half-built sample is ever left at PROJECT. */
  build.sample_dir = sample_dir;
  if (!shirabe_project_create_file (argv[1], NULL, build_sample, &build, &error))
    {
      g_free (build.name);
      return shirabe_cli_error (error);
    }

  display = g_filename_display_name (argv[1]);
  g_print (_("Created the sample project “%s” in %s\n"), build.name, display);
  g_print (_("Cases: %u, narratives: %u, codings: %u\n"), build.n_cases, build.n_narratives,
           build.n_codings);
  g_free (build.name);
  return status;
}
