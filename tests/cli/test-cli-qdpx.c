/* test-cli-qdpx.c: shirabe-cli export-qdpx, export-qdc, import-qdpx, import-qdc: what they
 * write, say and return
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "cli-test-util.h"

static void
test_project_goes_out_and_comes_back (CliFixture    *fixture,
                                      gconstpointer  data)
{
  g_autoptr(CliRun) generate = cli_run (fixture, "generate", "g.shirabe", "--narratives", "12",
                                        "--codings", "400", "--seed", "2", NULL);
  g_autoptr(CliRun) out = NULL;
  g_autoptr(CliRun) back = NULL;
  g_autoptr(CliRun) codings = NULL;
  g_autoptr(CliRun) original = NULL;

  g_assert_cmpint (generate->status, ==, 0);
  out = cli_run (fixture, "export-qdpx", "g.shirabe", "g.qdpx", "--lang", "ja", "--validate",
                 NULL);
  g_assert_cmpint (out->status, ==, 0);
  g_assert_nonnull (strstr (out->out_text, "follows the REFI-QDA schema"));
  back = cli_run (fixture, "import-qdpx", "copy.shirabe", "g.qdpx", NULL);
  g_assert_cmpint (back->status, ==, 0);
  g_assert_nonnull (strstr (back->out_text, "Written by: Shirabe"));
  g_assert_nonnull (strstr (back->out_text, "Codings: 400\n"));
  g_assert_nonnull (strstr (back->out_text, "Narratives: 12\n"));
  /* The texts come back exactly (the core's tests compare every row). */
  original = cli_run (fixture, "text", "g.shirabe", "1", NULL);
  codings = cli_run (fixture, "text", "copy.shirabe", "1", NULL);
  g_assert_cmpint (codings->status, ==, 0);
  g_assert_true (strlen (original->out_text) > 100);
  g_assert_true (strcmp (codings->out_text, original->out_text) == 0);
}

static void
test_codebook_goes_out_and_merges (CliFixture    *fixture,
                                   gconstpointer  data)
{
  g_autoptr(CliRun) generate = cli_run (fixture, "generate", "g.shirabe", "--narratives", "2",
                                        "--codings", "10", "--seed", "2", NULL);
  g_autoptr(CliRun) made = cli_run (fixture, "new", "empty.shirabe", NULL);
  g_autoptr(CliRun) out = cli_run (fixture, "export-qdc", "g.shirabe", "codes.qdc",
                                   "--validate", NULL);
  g_autoptr(CliRun) merge = NULL;
  g_autoptr(CliRun) again = NULL;

  g_assert_cmpint (out->status, ==, 0);
  merge = cli_run (fixture, "import-qdc", "empty.shirabe", "codes.qdc", NULL);
  g_assert_cmpint (merge->status, ==, 0);
  g_assert_nonnull (strstr (merge->out_text, "Codes: 60\n"));
  again = cli_run (fixture, "import-qdc", "empty.shirabe", "codes.qdc", NULL);
  g_assert_cmpint (again->status, ==, 0);
  g_assert_nonnull (strstr (again->out_text, "Codes: 0 added, 60 already in the codebook"));
}

static void
test_refusals_exit_with_their_status (CliFixture    *fixture,
                                      gconstpointer  data)
{
  g_autofree char *notes = cli_path (fixture, "notes.qdpx");
  g_autofree char *project = cli_path (fixture, "out.shirabe");
  g_autoptr(CliRun) generate = cli_run (fixture, "generate", "g.shirabe", "--narratives", "2",
                                        "--codings", "10", NULL);
  g_autoptr(CliRun) bad_lang = cli_run (fixture, "export-qdpx", "g.shirabe", "x.qdpx",
                                        "--lang", "fr", NULL);
  g_autoptr(CliRun) missing = cli_run (fixture, "import-qdpx", "out.shirabe", NULL);
  g_autoptr(CliRun) not_zip = NULL;
  g_autoptr(CliRun) onto_project = NULL;

  g_assert_cmpint (bad_lang->status, ==, 1);
  g_assert_cmpint (missing->status, ==, 1);
  g_assert_true (g_file_set_contents (notes, "not a project\n", -1, NULL));
  not_zip = cli_run (fixture, "import-qdpx", "out.shirabe", "notes.qdpx", NULL);
  g_assert_cmpint (not_zip->status, ==, 2);
  g_assert_nonnull (strstr (not_zip->err, "is not a REFI-QDA project"));
  g_assert_false (g_file_test (project, G_FILE_TEST_EXISTS));
  /* A project is never replaced, even with --force. */
  onto_project = cli_run (fixture, "export-qdpx", "g.shirabe", "g.shirabe", "--force", NULL);
  g_assert_cmpint (onto_project->status, ==, 2);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(name, func) \
  g_test_add ("/cli/qdpx/" name, CliFixture, NULL, cli_fixture_setup, func, cli_fixture_teardown)
  ADD ("project-goes-out-and-comes-back", test_project_goes_out_and_comes_back);
  ADD ("codebook-goes-out-and-merges", test_codebook_goes_out_and_merges);
  ADD ("refusals-exit-with-their-status", test_refusals_exit_with_their_status);
#undef ADD

  return g_test_run ();
}
