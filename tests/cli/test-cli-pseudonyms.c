/* test-cli-pseudonyms.c: `pseudonyms`, `pseudonymise` and --pseudonymise on the exports, read
 * back with Python's sqlite3, openpyxl and zipfile
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "cli-test-util.h"

static void
make_sample (CliFixture *fixture)
{
  g_autoptr(CliRun) run = cli_run (fixture, "sample", "p.shirabe", NULL);

  g_assert_cmpstr (run->err, ==, "");
  g_assert_cmpint (run->status, ==, 0);
}

static JsonArray *
sample_names (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "sample-names.json", NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);
  return json_array_ref (json_node_get_array (json_parser_get_root (parser)));
}

/* The sample's names into the project's table, through the command line. */
static void
add_sample_names (CliFixture *fixture)
{
  g_autoptr(JsonArray) names = sample_names ();

  for (guint i = 0; i < json_array_get_length (names); i++)
    {
      JsonArray *pair = json_array_get_array_element (names, i);
      g_autoptr(CliRun) run = cli_run (fixture, "pseudonyms", "p.shirabe", "add",
                                       json_array_get_string_element (pair, 0),
                                       json_array_get_string_element (pair, 1), NULL);

      cli_assert_ok (run);
    }
}

/* Runs a Python script of the tests' with @args; returns its stdout, checking its status. */
static char *
run_python (const char * const *args,
            int                 expected_status)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  const char *python = g_getenv ("SHIRABE_PYTHON");
  char *out = NULL;
  g_autofree char *err = NULL;
  int status = 0;

  g_ptr_array_add (argv, (gpointer) (python ? python : "/usr/bin/python3"));
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);
  g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err,
                &status, &error);
  g_assert_no_error (error);
  if (WEXITSTATUS (status) != expected_status)
    g_error ("%s exited with %d: %s%s", args[0], WEXITSTATUS (status), out, err);
  return out;
}

/* How often @needle is in the file's bytes: grep -c -a counts lines, -o each. */
static guint
grep_count (const char *path,
            const char *needle)
{
  g_autofree char *data = NULL;
  gsize size = 0;
  guint n = 0;

  if (!g_file_get_contents (path, &data, &size, NULL))
    return 0;
  for (gsize i = 0; i + strlen (needle) <= size; i++)
    if (memcmp (data + i, needle, strlen (needle)) == 0)
      n++;
  return n;
}

static void
test_table_is_edited (CliFixture    *fixture,
                      gconstpointer  data)
{
  g_autoptr(JsonArray) entries = NULL;
  CliRun *run;

  make_sample (fixture);
  run = cli_run (fixture, "pseudonyms", "p.shirabe", "add", "Maricel", "Ana", NULL);
  cli_assert_ok (run);
  cli_assert_contains (run->out_text, "Added “Maricel” → “Ana” (id 1).");
  cli_run_free (run);
  run = cli_run (fixture, "pseudonyms", "p.shirabe", "add", "マリセル", "A氏", "--lang", "ja",
                 "--unconfirmed", NULL);
  cli_assert_ok (run);
  cli_run_free (run);

  /* The same name twice in one language: a data error, named. */
  run = cli_run (fixture, "pseudonyms", "p.shirabe", "add", "Maricel", "B", NULL);
  g_assert_cmpint (run->status, ==, 2);
  cli_assert_contains (run->err, "already has “Maricel”");
  cli_run_free (run);
  run = cli_run (fixture, "pseudonyms", "p.shirabe", "frobnicate", NULL);
  g_assert_cmpint (run->status, ==, 1);
  cli_run_free (run);
  run = cli_run (fixture, "pseudonyms", "p.shirabe", "add", "Maricel", NULL);
  g_assert_cmpint (run->status, ==, 1);
  cli_run_free (run);

  run = cli_run (fixture, "pseudonyms", "p.shirabe", "list", "--json", NULL);
  cli_assert_ok (run);
  entries = cli_json_array (run);
  cli_run_free (run);
  g_assert_cmpuint (json_array_get_length (entries), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (entries, 1),
                                                  "language"), ==, "ja");
  g_assert_false (json_object_get_boolean_member (json_array_get_object_element (entries, 1),
                                                  "confirmed"));
  g_clear_pointer (&entries, json_array_unref);

  run = cli_run (fixture, "pseudonyms", "p.shirabe", "confirm", "マリセル", NULL);
  cli_assert_ok (run);
  cli_run_free (run);
  run = cli_run (fixture, "pseudonyms", "p.shirabe", "remove", "1", NULL);
  cli_assert_ok (run);
  cli_run_free (run);
  run = cli_run (fixture, "pseudonyms", "p.shirabe", "remove", "1", NULL);
  g_assert_cmpint (run->status, ==, 2);
  cli_run_free (run);

  run = cli_run (fixture, "pseudonyms", "p.shirabe", "list", NULL);
  cli_assert_ok (run);
  cli_assert_contains (run->out_text, "マリセル");
  cli_assert_contains (run->out_text, "yes");
  g_assert_null (strstr (run->out_text, "Maricel"));
  cli_run_free (run);
}

static void
test_suggestions_and_an_empty_table (CliFixture    *fixture,
                                     gconstpointer  data)
{
  g_autoptr(JsonArray) suggestions = NULL;
  g_autofree char *copy = cli_path (fixture, "shared.shirabe");
  CliRun *run;

  make_sample (fixture);
  run = cli_run (fixture, "pseudonyms", "p.shirabe", "suggest", "--limit", "0", "--json", NULL);
  cli_assert_ok (run);
  suggestions = cli_json_array (run);
  cli_run_free (run);
  /* Every case's name first, then the others: katakana, capitalised words. */
  g_assert_cmpstr (json_object_get_string_member (cli_json_find (suggestions, "text", "Kanya"),
                                                  "kind"), ==, "case");
  g_assert_cmpstr (json_object_get_string_member (cli_json_find (suggestions, "text",
                                                                 "デラ・クルス"), "kind"),
                   ==, "katakana");
  g_assert_cmpstr (json_object_get_string_member (cli_json_find (suggestions, "text",
                                                                 "Villanueva"), "kind"),
                   ==, "latin");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (suggestions, 0),
                                                  "kind"), ==, "case");
  /* Common words at a sentence's start are not names. */
  for (guint i = 0; i < json_array_get_length (suggestions); i++)
    {
      const char *text = json_object_get_string_member (
        json_array_get_object_element (suggestions, i), "text");

      g_assert_cmpstr (text, !=, "The");
      g_assert_cmpstr (text, !=, "She");
    }

  /* Suggestions added wait unconfirmed: a copy would replace nothing and is refused. */
  run = cli_run (fixture, "pseudonyms", "p.shirabe", "suggest", "--limit", "3", "--add", NULL);
  cli_assert_ok (run);
  cli_assert_contains (run->out_text, "Added 3 suggestions");
  cli_run_free (run);
  run = cli_run (fixture, "pseudonymise", "p.shirabe", "shared.shirabe", NULL);
  g_assert_cmpint (run->status, ==, 2);
  cli_assert_contains (run->err, "no confirmed entry");
  cli_run_free (run);
  g_assert_false (g_file_test (copy, G_FILE_TEST_EXISTS));

  run = cli_run (fixture, "pseudonyms", "p.shirabe", "confirm", "--all", NULL);
  cli_assert_ok (run);
  cli_assert_contains (run->out_text, "Confirmed 3 entries.");
  cli_run_free (run);
  run = cli_run (fixture, "pseudonymise", "p.shirabe", "shared.shirabe", NULL);
  cli_assert_ok (run);
  cli_run_free (run);
  /* The project is never replaced, nor the copy. */
  run = cli_run (fixture, "pseudonymise", "p.shirabe", "p.shirabe", NULL);
  g_assert_cmpint (run->status, ==, 2);
  cli_run_free (run);
}

static void
test_sample_copy_has_no_names (CliFixture    *fixture,
                               gconstpointer  data)
{
  g_autofree char *project = cli_path (fixture, "p.shirabe");
  g_autofree char *copy = cli_path (fixture, "shared.shirabe");
  g_autofree char *script = g_test_build_filename (G_TEST_DIST, "pseudonym-check.py", NULL);
  g_autofree char *names_file = g_test_build_filename (G_TEST_DIST, "sample-names.json", NULL);
  g_autoptr(JsonArray) names = sample_names ();
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *checked = NULL;
  JsonObject *report;
  JsonObject *result;
  CliRun *run;

  make_sample (fixture);
  add_sample_names (fixture);
  run = cli_run (fixture, "pseudonymise", "p.shirabe", "shared.shirabe", "--json", NULL);
  cli_assert_ok (run);
  json_parser_load_from_data (parser, run->out_text, -1, &error);
  g_assert_no_error (error);
  cli_run_free (run);
  report = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpint (json_object_get_int_member (report, "codings"), ==, 294);
  g_assert_cmpint (json_object_get_int_member (report, "replacements"), >, 20);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (report, "narratives")),
                    ==, 15);

  /* Every name is in the project's bytes, and none in the copy's, nor a log beside it. */
  for (guint i = 0; i < json_array_get_length (names); i++)
    {
      const char *real = json_array_get_string_element (json_array_get_array_element (names, i),
                                                        0);
      g_autofree char *upper = g_utf8_strup (real, -1);

      if (grep_count (project, real) == 0)
        g_error ("the sample has no “%s”", real);
      g_assert_cmpuint (grep_count (copy, real), ==, 0);
      g_assert_cmpuint (grep_count (copy, upper), ==, 0);
    }
  {
    g_autofree char *wal = g_strconcat (copy, "-wal", NULL);
    g_autofree char *journal = g_strconcat (copy, "-journal", NULL);

    g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
    g_assert_false (g_file_test (journal, G_FILE_TEST_EXISTS));
  }

  /* Read with Python's sqlite3: texts rewritten, every coding on the same words. */
  {
    const char *args[] = { script, project, copy, names_file, NULL };
    g_autoptr(JsonParser) check = json_parser_new ();

    checked = run_python (args, 0);
    json_parser_load_from_data (check, checked, -1, &error);
    g_assert_no_error (error);
    result = json_node_get_object (json_parser_get_root (check));
    g_assert_cmpint (json_object_get_int_member (result, "narratives"), ==, 15);
    g_assert_cmpint (json_object_get_int_member (result, "codings"), ==, 294);
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (result, "leaks")),
                      ==, 0);
  }
  /* The check sees names where they are: the project itself leaks, as it should. */
  {
    const char *args[] = { script, project, project, names_file, NULL };
    g_autofree char *out = run_python (args, 1);
  }

  /* The copy passes its check and opens as a project. */
  run = cli_run (fixture, "check", "shared.shirabe", NULL);
  cli_assert_ok (run);
  cli_run_free (run);
}

static void
test_exports_pseudonymise (CliFixture    *fixture,
                           gconstpointer  data)
{
  g_autofree char *tmp = cli_path (fixture, "tmp");
  g_autofree char *read_back = g_test_build_filename (G_TEST_DIST, "..", "export",
                                                      "read-back.py", NULL);
  g_autofree char *workbook = cli_path (fixture, "shared.xlsx");
  g_autofree char *plain = cli_path (fixture, "plain.xlsx");
  g_autofree char *qdpx = cli_path (fixture, "shared.qdpx");
  g_autofree char *coder_copy = cli_path (fixture, "coder.shirabe");
  g_autoptr(JsonArray) names = sample_names ();
  CliRun *run;

  make_sample (fixture);
  add_sample_names (fixture);
  /* The temporary copies go here, to be seen gone. */
  g_assert_cmpint (g_mkdir (tmp, 0700), ==, 0);
  g_setenv ("TMPDIR", tmp, TRUE);

  run = cli_run (fixture, "export", "p.shirabe", "shared.xlsx", "--pseudonymise", NULL);
  cli_assert_ok (run);
  cli_run_free (run);
  run = cli_run (fixture, "export", "p.shirabe", "plain.xlsx", NULL);
  cli_assert_ok (run);
  cli_run_free (run);
  run = cli_run (fixture, "export-qdpx", "p.shirabe", "shared.qdpx", "--pseudonymise", NULL);
  cli_assert_ok (run);
  cli_run_free (run);
  run = cli_run (fixture, "copy-for-coder", "p.shirabe", "coder.shirabe", "--coder", "Ito",
                 "--pseudonymise", NULL);
  cli_assert_ok (run);
  cli_run_free (run);
  /* The codebook alone: a label with a listed word carries its pseudonym. */
  run = cli_run (fixture, "pseudonyms", "p.shirabe", "add", "Entertainer", "Performer", NULL);
  cli_assert_ok (run);
  cli_run_free (run);
  run = cli_run (fixture, "export-qdc", "p.shirabe", "shared.qdc", "--pseudonymise", NULL);
  cli_assert_ok (run);
  cli_run_free (run);
  run = cli_run (fixture, "export-qdc", "p.shirabe", "plain.qdc", NULL);
  cli_assert_ok (run);
  cli_run_free (run);
  {
    g_autofree char *shared_qdc = cli_path (fixture, "shared.qdc");
    g_autofree char *plain_qdc = cli_path (fixture, "plain.qdc");

    g_assert_cmpuint (grep_count (plain_qdc, "Entertainer visa"), >, 0);
    g_assert_cmpuint (grep_count (shared_qdc, "Entertainer"), ==, 0);
    g_assert_cmpuint (grep_count (shared_qdc, "Performer visa"), >, 0);
  }
  /* A target that is the project is still refused. */
  run = cli_run (fixture, "export", "p.shirabe", "p.shirabe", "--pseudonymise", "--force", NULL);
  g_assert_cmpint (run->status, ==, 2);
  cli_run_free (run);
  g_unsetenv ("TMPDIR");

  {
    const char *args[] = { read_back, "xlsx", workbook, NULL };
    const char *plain_args[] = { read_back, "xlsx", plain, NULL };
    const char *zip_args[] = { "-c", "import sys, zipfile\n"
                                     "z = zipfile.ZipFile(sys.argv[1])\n"
                                     "print(''.join(z.read(n).decode('utf-8', 'replace')"
                                     " for n in z.namelist()))", qdpx, NULL };
    g_autofree char *cells = run_python (args, 0);
    g_autofree char *plain_cells = run_python (plain_args, 0);
    g_autofree char *zipped = run_python (zip_args, 0);
    guint in_plain = 0;

    for (guint i = 0; i < json_array_get_length (names); i++)
      {
        JsonArray *pair = json_array_get_array_element (names, i);
        const char *real = json_array_get_string_element (pair, 0);

        if (strstr (cells, real) != NULL)
          g_error ("“%s” is in the pseudonymised workbook", real);
        if (strstr (zipped, real) != NULL)
          g_error ("“%s” is in the pseudonymised REFI-QDA project", real);
        g_assert_cmpuint (grep_count (coder_copy, real), ==, 0);
        in_plain += strstr (plain_cells, real) != NULL;
      }
    /* Without the option the names are there: the check above can fail. */
    g_assert_cmpuint (in_plain, >, 5);
    cli_assert_contains (cells, "Person B");
    cli_assert_contains (cells, "Names in the project's pseudonym table were replaced");
    g_assert_null (strstr (plain_cells, "pseudonym table"));
    cli_assert_contains (zipped, "Person B");
  }
  /* Nothing left in the temporary folder. */
  {
    g_autoptr(GDir) dir = g_dir_open (tmp, 0, NULL);

    g_assert_null (g_dir_read_name (dir));
  }
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *sample = NULL;

  g_test_init (&argc, &argv, NULL);
  sample = g_test_build_filename (G_TEST_DIST, "..", "..", "data", "sample", NULL);
  g_setenv ("SHIRABE_SAMPLE_DIR", sample, TRUE);
#define ADD(name, func) \
  g_test_add ("/cli/pseudonyms/" name, CliFixture, NULL, cli_fixture_setup, func, \
              cli_fixture_teardown)
  ADD ("the-table-is-listed-added-confirmed-and-removed", test_table_is_edited);
  ADD ("suggestions-wait-unconfirmed-and-an-empty-table-is-refused",
       test_suggestions_and_an_empty_table);
  ADD ("the-sample-copy-has-no-names-and-its-codings-follow", test_sample_copy_has_no_names);
  ADD ("exports-qdpx-and-coder-copies-pseudonymise", test_exports_pseudonymise);
#undef ADD
  return g_test_run ();
}
