/* test-export-haven.c: SPSS and Stata exports read by R's haven
 *
 * The sample project and a generated one (with Japanese, non-BMP and empty values added),
 * each exported in English and in Japanese as CSV, SPSS and Stata files with the same options;
 * read-back-haven.R reads the statistics files with haven::read_sav and read_dta and compares
 * every value, type, variable label and value label with the CSV files and the codebook.
 * Skipped where R or haven is missing (build-aux/install-deps installs both). Besides,
 * `shirabe-cli export --format sav|dta` with its exit statuses.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>
#include <sys/wait.h>

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

static int
run_cli (const char * const  *args,
         char               **out,
         char               **err)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  int status = 0;

  g_ptr_array_add (argv, (char *) g_getenv ("SHIRABE_CLI"));
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (char *) args[i]);
  g_ptr_array_add (argv, NULL);
  g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL, out, err,
                &status, &error);
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (status));
  return WEXITSTATUS (status);
}

/* shirabe-cli export --format sav|dta: one table to one file, several into a folder; what it
 * refuses, with the exit status of a usage error (1) or of a data error (2). */
static void
test_cli_exports_sav_and_dta (TestDir       *dir,
                              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = test_dir_path (dir, "sample.shirabe");
  g_autofree char *sav = test_dir_path (dir, "cases.sav");
  g_autofree char *dictionary = test_dir_path (dir, "cases-dictionary.csv");
  g_autofree char *folder = test_dir_path (dir, "tables");
  g_autofree char *cases_dta = g_build_filename (folder, "cases.dta", NULL);
  g_autofree char *codings_dta = g_build_filename (folder, "codings.dta", NULL);
  g_autofree char *all = test_dir_path (dir, "all.dta");
  g_autofree char *contents = NULL;
  ShirabeProject *project = shirabe_project_create (path, "Sample", SHIRABE_PROJECT_DEFAULT,
                                                    &error);
  const char *one[] = { "export", path, sav, "--format", "sav", "--table", "cases",
                        "--presence", "--lang", "ja", "--label-paths", NULL };
  const char *several[] = { "export", path, folder, "--format", "dta", NULL };
  const char *into_one[] = { "export", path, all, "--format", "dta", NULL };
  const char *unknown[] = { "export", path, folder, "--format", "spss", NULL };
  const char *paths_for_xlsx[] = { "export", path, "x.xlsx", "--label-paths", NULL };

  g_assert_no_error (error);
  g_assert_true (shirabe_project_build_sample (project, NULL, &error));
  g_assert_no_error (error);
  g_object_unref (project);

  {
    g_autofree char *out = NULL;
    g_autofree char *err = NULL;

    g_assert_cmpint (run_cli (one, &out, &err), ==, 0);
    g_assert_nonnull (strstr (out, "SPSS"));
    g_assert_true (g_file_get_contents (sav, &contents, NULL, NULL));
    g_assert_true (g_str_has_prefix (contents, "$FL2"));
    g_clear_pointer (&contents, g_free);
    /* --label-paths: a code's variable label is its path */
    g_assert_true (g_file_get_contents (dictionary, &contents, NULL, NULL));
    g_assert_nonnull (strstr (contents, "cases.sav,control_debt_bondage,control_debt_bondage,"
                                        "integer,F1.0,支配の手段/債務奴隷"));
  }
  {
    g_autofree char *out = NULL;
    g_autofree char *err = NULL;

    g_assert_cmpint (run_cli (several, &out, &err), ==, 0);
    g_assert_true (g_file_test (cases_dta, G_FILE_TEST_IS_REGULAR));
    g_assert_true (g_file_test (codings_dta, G_FILE_TEST_IS_REGULAR));
  }
  {
    g_autofree char *out = NULL;
    g_autofree char *err = NULL;

    g_assert_cmpint (run_cli (into_one, &out, &err), ==, 2);
    g_assert_nonnull (strstr (err, "several tables go into a folder"));
    g_assert_false (g_file_test (all, G_FILE_TEST_EXISTS));
  }
  {
    g_autofree char *out = NULL;
    g_autofree char *err = NULL;

    g_assert_cmpint (run_cli (unknown, &out, &err), ==, 1);
    g_assert_nonnull (strstr (err, "xlsx, csv, sav or dta"));
    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);
    g_assert_cmpint (run_cli (paths_for_xlsx, &out, &err), ==, 1);
  }
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
  if (g_getenv ("SHIRABE_CLI") != NULL)
    g_test_add ("/export/cli/sav-and-dta-one-file-or-a-folder", TestDir, NULL, test_dir_setup,
                test_cli_exports_sav_and_dta, test_dir_teardown);
  return g_test_run ();
}
