/* test-export-haven.c: SPSS and Stata exports read by R's haven
 *
 * The sample project and a generated one (with Japanese, non-BMP and empty values added),
 * each exported in English and in Japanese as CSV, SPSS and Stata files with the same options;
 * read-back-haven.R reads the statistics files with haven::read_sav and read_dta and compares
 * every value, type, variable label and value label with the CSV files and the codebook.
 * Skipped where R or haven is missing (build-aux/install-deps installs both).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gstdio.h>

#include "shirabe.h"
#include "shirabe-export.h"
#include "shirabe-generate.h"
#include "shirabe-sample.h"
#include "../core/test-util.h"

static char *
find_rscript (void)
{
  g_autofree char *rscript = g_find_program_in_path ("Rscript");
  const char *argv[] = { NULL, "-e", "library(haven)", NULL };
  int status = 0;

  if (rscript == NULL)
    return NULL;
  argv[0] = rscript;
  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL |
                     G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, NULL, NULL, &status, NULL) ||
      !g_spawn_check_wait_status (status, NULL))
    return NULL;
  return g_steal_pointer (&rscript);
}

static void
export_ok (ShirabeProject             *project,
           const char                 *path,
           const ShirabeExportOptions *options)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (shirabe_project_export (project, path, options, NULL, NULL, NULL, NULL,
                                         &error));
  g_assert_no_error (error);
}

static void
read_back_with_haven (TestDir        *dir,
                      ShirabeProject *project,
                      const char     *name)
{
  g_autofree char *rscript = find_rscript ();
  g_autofree char *script = g_test_build_filename (G_TEST_DIST, "read-back-haven.R", NULL);

  if (rscript == NULL)
    {
      g_test_skip ("R with haven is not installed");
      return;
    }
  for (guint l = 0; l < 2; l++)
    {
      const char *lang = l == 0 ? "en" : "ja";
      g_autofree char *csv = g_strdup_printf ("%s/%s-%s-csv", dir->dir, name, lang);
      g_autofree char *sav = g_strdup_printf ("%s/%s-%s-sav", dir->dir, name, lang);
      g_autofree char *dta = g_strdup_printf ("%s/%s-%s-dta", dir->dir, name, lang);
      ShirabeExportOptions options = { .language = l == 0 ? SHIRABE_LANGUAGE_EN
                                                          : SHIRABE_LANGUAGE_JA,
                                       .header = SHIRABE_EXPORT_HEADER_NAMES,
                                       .presence = TRUE };
      const char *argv[] = { rscript, script, lang, csv, sav, dta, NULL };
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;
      int status = 0;

      options.format = SHIRABE_EXPORT_CSV;
      export_ok (project, csv, &options);
      options.format = SHIRABE_EXPORT_SAV;
      export_ok (project, sav, &options);
      options.format = SHIRABE_EXPORT_DTA;
      export_ok (project, dta, &options);

      g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                                   &out, &err, &status, NULL));
      if (!g_spawn_check_wait_status (status, NULL))
        g_error ("haven read %s %s back differently:\n%s%s", name, lang, out, err);
      g_test_message ("%s", out);
    }
}

static void
test_sample_reads_back (TestDir       *dir,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = test_dir_path (dir, "sample.shirabe");
  g_autoptr(ShirabeProject) project = shirabe_project_create (path, "Sample",
                                                              SHIRABE_PROJECT_DEFAULT, &error);

  g_assert_no_error (error);
  g_assert_true (shirabe_project_build_sample (project, NULL, &error));
  g_assert_no_error (error);
  read_back_with_haven (dir, project, "sample");
}

static void
test_generated_reads_back (TestDir       *dir,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = test_dir_path (dir, "generated.shirabe");
  g_autoptr(ShirabeProject) project = shirabe_project_create (path, "生成 𠮷",
                                                              SHIRABE_PROJECT_DEFAULT, &error);
  ShirabeGenerateOptions generate = { .n_narratives = 60, .n_codings = 2000, .seed = 7,
                                      .min_length = 300, .max_length = 3000 };
  const char *choices[] = { "a", "b", NULL };
  gint64 note, kind, first_case;

  g_assert_no_error (error);
  g_assert_true (shirabe_project_generate (project, &generate, NULL, &error));
  g_assert_no_error (error);
  /* Non-BMP text, an empty value, a choice without labels, a value outside the choices */
  note = shirabe_project_add_attribute (project, SHIRABE_SCOPE_CASE, "Note 🙂", "備考𠮷",
                                        "note", SHIRABE_ATTRIBUTE_TEXT, NULL, &error);
  g_assert_no_error (error);
  kind = shirabe_project_add_attribute (project, SHIRABE_SCOPE_CASE, "Kind", "区分", "kind",
                                        SHIRABE_ATTRIBUTE_CHOICE, choices, &error);
  g_assert_no_error (error);
  first_case = shirabe_project_find_case (project, "1", &error);
  g_assert_no_error (error);
  shirabe_project_set_attribute_value (project, note, first_case, "𠮷野家で🙂 働いた", &error);
  g_assert_no_error (error);
  shirabe_project_set_attribute_value (project, kind, first_case, "b", &error);
  g_assert_no_error (error);
  read_back_with_haven (dir, project, "generated");
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *sample = NULL;

  g_test_init (&argc, &argv, NULL);
  sample = g_test_build_filename (G_TEST_DIST, "..", "..", "data", "sample", NULL);
  g_setenv ("SHIRABE_SAMPLE_DIR", sample, TRUE);

  g_test_add ("/export/haven/sample-reads-back-as-labelled-data-in-both-languages", TestDir,
              NULL, test_dir_setup, test_sample_reads_back, test_dir_teardown);
  g_test_add ("/export/haven/generated-project-reads-back-as-labelled-data", TestDir, NULL,
              test_dir_setup, test_generated_reads_back, test_dir_teardown);
  return g_test_run ();
}
