/* test-output.c: the one check every writer makes before writing a file the user named
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "test-util.h"

#include <unistd.h>

#include "shirabe-export.h"
#include "shirabe-template.h"

static char *
read_all (const char *path)
{
  g_autofree char *data = NULL;
  gsize size = 0;

  g_assert_true (g_file_get_contents (path, &data, &size, NULL));
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) data, size);
}

static void
assert_refused (const char         *path,
                ShirabeOutputKind   kind,
                ShirabeOutputFlags  flags,
                int                 code,
                const char         *words)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *base = g_path_get_basename (path);

  g_assert_false (shirabe_output_check_target (path, kind, flags, &error));
  g_assert_error (error, SHIRABE_ERROR, code);
  /* The message names the file and says what it is. */
  g_assert_nonnull (strstr (error->message, base));
  if (strstr (error->message, words) == NULL)
    g_error ("“%s” does not say “%s”", error->message, words);
}

static void
assert_allowed (const char         *path,
                ShirabeOutputKind   kind,
                ShirabeOutputFlags  flags)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (shirabe_output_check_target (path, kind, flags, &error));
  g_assert_no_error (error);
}

static void
test_the_open_project_is_refused_by_any_name (TestDir       *fixture,
                                              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ShirabeProject) project = NULL;
  g_autofree char *path = test_dir_path (fixture, "study.shirabe");
  g_autofree char *hard = test_dir_path (fixture, "second-name.xlsx");
  g_autofree char *soft = test_dir_path (fixture, "link.xlsx");
  g_autofree char *wal = test_dir_path (fixture, "study.shirabe-wal");
  g_autofree char *shm = test_dir_path (fixture, "study.shirabe-shm");
  g_autofree char *journal = test_dir_path (fixture, "study.shirabe-journal");
  g_autofree char *hard_wal = test_dir_path (fixture, "second-name.xlsx-wal");

  project = shirabe_project_create (path, NULL, SHIRABE_PROJECT_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_cmpint (link (path, hard), ==, 0);
  g_assert_cmpint (symlink ("study.shirabe", soft), ==, 0);

  for (ShirabeOutputKind kind = SHIRABE_OUTPUT_WORKBOOK; kind <= SHIRABE_OUTPUT_FOLDER; kind++)
    {
      /* Known by device and inode, before its content is read. */
      assert_refused (path, kind, SHIRABE_OUTPUT_REPLACE_ANY, SHIRABE_ERROR_PROTECTED,
                      "open project");
      assert_refused (hard, kind, SHIRABE_OUTPUT_REPLACE_ANY, SHIRABE_ERROR_PROTECTED,
                      "open project");
      assert_refused (soft, kind, SHIRABE_OUTPUT_REPLACE_ANY, SHIRABE_ERROR_PROTECTED,
                      "open project");
      /* Its files, whether they exist at the moment or not. */
      assert_refused (wal, kind, SHIRABE_OUTPUT_REPLACE_ANY, SHIRABE_ERROR_PROTECTED,
                      "(its “-wal” file)");
      assert_refused (shm, kind, SHIRABE_OUTPUT_REPLACE_ANY, SHIRABE_ERROR_PROTECTED,
                      "(its “-shm” file)");
      assert_refused (journal, kind, SHIRABE_OUTPUT_REPLACE_ANY, SHIRABE_ERROR_PROTECTED,
                      "(its “-journal” file)");
      assert_refused (hard_wal, kind, SHIRABE_OUTPUT_REPLACE_ANY, SHIRABE_ERROR_PROTECTED,
                      "belongs to the project “second-name.xlsx”");
    }
  /* A new project takes no name that is taken, nor one of a project's files. */
  assert_refused (path, SHIRABE_OUTPUT_PROJECT, SHIRABE_OUTPUT_DEFAULT, SHIRABE_ERROR_EXISTS,
                  "already exists");
  assert_refused (soft, SHIRABE_OUTPUT_PROJECT, SHIRABE_OUTPUT_DEFAULT, SHIRABE_ERROR_EXISTS,
                  "already exists");
  assert_refused (wal, SHIRABE_OUTPUT_PROJECT, SHIRABE_OUTPUT_DEFAULT, SHIRABE_ERROR_PROTECTED,
                  "(its “-wal” file)");

  /* The writers themselves refuse, and the project keeps working. */
  g_assert_false (shirabe_project_export (project, path, NULL, NULL, NULL, NULL, NULL, &error));
  g_assert_error (error, SHIRABE_ERROR, SHIRABE_ERROR_PROTECTED);
  g_clear_error (&error);
  g_assert_false (shirabe_project_export_template (project, soft, &error));
  g_assert_error (error, SHIRABE_ERROR, SHIRABE_ERROR_PROTECTED);
  g_clear_error (&error);
  g_assert_cmpint (shirabe_project_add_case (project, "Case A", &error), >, 0);
  g_assert_no_error (error);
  g_assert_true (shirabe_project_close (project, &error));
  g_assert_no_error (error);
  g_clear_object (&project);

  /* Closed, it is still a project: known by its content now. */
  assert_refused (path, SHIRABE_OUTPUT_WORKBOOK, SHIRABE_OUTPUT_REPLACE_ANY,
                  SHIRABE_ERROR_PROTECTED, "it is a Shirabe project");
  assert_refused (soft, SHIRABE_OUTPUT_JSON, SHIRABE_OUTPUT_REPLACE_ANY,
                  SHIRABE_ERROR_PROTECTED, "it is a Shirabe project");
  assert_refused (wal, SHIRABE_OUTPUT_TEXT, SHIRABE_OUTPUT_REPLACE_ANY,
                  SHIRABE_ERROR_PROTECTED, "(its “-wal” file)");
  project = shirabe_project_open (path, SHIRABE_PROJECT_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_cmpint (shirabe_project_find_case (project, "Case A", &error), >, 0);
  g_assert_no_error (error);
}

static void
test_a_database_in_use_is_refused (TestDir       *fixture,
                                   gconstpointer  data)
{
  g_autofree char *db = test_dir_path (fixture, "other.sqlite");
  g_autofree char *db_wal = test_dir_path (fixture, "other.sqlite-wal");
  g_autofree char *empty = test_dir_path (fixture, "being-made.shirabe");
  g_autofree char *empty_wal = test_dir_path (fixture, "being-made.shirabe-wal");
  guchar header[100] = "SQLite format 3";

  g_assert_true (g_file_set_contents (db, (const char *) header, sizeof header, NULL));
  /* Another program's database, not in use: an ordinary file of another kind. */
  assert_refused (db, SHIRABE_OUTPUT_WORKBOOK, SHIRABE_OUTPUT_DEFAULT, SHIRABE_ERROR_OTHER_KIND,
                  "not an XLSX workbook");
  assert_allowed (db, SHIRABE_OUTPUT_WORKBOOK, SHIRABE_OUTPUT_REPLACE_ANY);
  /* In use (its log beside it): never replaced. */
  g_assert_true (g_file_set_contents (db_wal, "", 0, NULL));
  assert_refused (db, SHIRABE_OUTPUT_WORKBOOK, SHIRABE_OUTPUT_REPLACE_ANY,
                  SHIRABE_ERROR_PROTECTED, "database in use");
  assert_refused (db_wal, SHIRABE_OUTPUT_TEXT, SHIRABE_OUTPUT_REPLACE_ANY,
                  SHIRABE_ERROR_PROTECTED, "(its “-wal” file)");
  /* A project being made: empty yet, with its log. */
  g_assert_true (g_file_set_contents (empty, "", 0, NULL));
  assert_allowed (empty, SHIRABE_OUTPUT_WORKBOOK, SHIRABE_OUTPUT_DEFAULT);
  g_assert_true (g_file_set_contents (empty_wal, "x", 1, NULL));
  assert_refused (empty, SHIRABE_OUTPUT_WORKBOOK, SHIRABE_OUTPUT_REPLACE_ANY,
                  SHIRABE_ERROR_PROTECTED, "database in use");
}

static void
test_kinds_and_folders (TestDir       *fixture,
                        gconstpointer  data)
{
  g_autofree char *missing = test_dir_path (fixture, "new.xlsx");
  g_autofree char *notes = test_dir_path (fixture, "notes.xlsx");
  g_autofree char *workbook = test_dir_path (fixture, "old.xlsx");
  g_autofree char *json = test_dir_path (fixture, "scheme.json");
  g_autofree char *binary = test_dir_path (fixture, "cases.csv");
  g_autofree char *folder = test_dir_path (fixture, "tables.xlsx");
  g_autofree char *dangling = test_dir_path (fixture, "dangling.xlsx");

  assert_allowed (missing, SHIRABE_OUTPUT_WORKBOOK, SHIRABE_OUTPUT_DEFAULT);
  assert_allowed (missing, SHIRABE_OUTPUT_PROJECT, SHIRABE_OUTPUT_DEFAULT);
  assert_allowed (missing, SHIRABE_OUTPUT_FOLDER, SHIRABE_OUTPUT_DEFAULT);

  g_assert_true (g_file_set_contents (notes, "my notes\n", -1, NULL));
  assert_refused (notes, SHIRABE_OUTPUT_WORKBOOK, SHIRABE_OUTPUT_DEFAULT,
                  SHIRABE_ERROR_OTHER_KIND, "not an XLSX workbook");
  assert_allowed (notes, SHIRABE_OUTPUT_WORKBOOK, SHIRABE_OUTPUT_REPLACE_ANY);
  assert_allowed (notes, SHIRABE_OUTPUT_TEXT, SHIRABE_OUTPUT_DEFAULT);
  assert_refused (notes, SHIRABE_OUTPUT_JSON, SHIRABE_OUTPUT_DEFAULT,
                  SHIRABE_ERROR_OTHER_KIND, "not a JSON file");
  assert_refused (notes, SHIRABE_OUTPUT_PROJECT, SHIRABE_OUTPUT_REPLACE_ANY,
                  SHIRABE_ERROR_EXISTS, "already exists");
  assert_refused (notes, SHIRABE_OUTPUT_FOLDER, SHIRABE_OUTPUT_REPLACE_ANY,
                  SHIRABE_ERROR_EXISTS, "CSV files go into a folder");

  g_assert_true (g_file_set_contents (workbook, "PK\003\004rest", 8, NULL));
  assert_allowed (workbook, SHIRABE_OUTPUT_WORKBOOK, SHIRABE_OUTPUT_DEFAULT);
  g_assert_true (g_file_set_contents (json, "\xef\xbb\xbf  \n{\"x\": 1}", -1, NULL));
  assert_allowed (json, SHIRABE_OUTPUT_JSON, SHIRABE_OUTPUT_DEFAULT);
  g_assert_true (g_file_set_contents (binary, "a\0b", 3, NULL));
  assert_refused (binary, SHIRABE_OUTPUT_TEXT, SHIRABE_OUTPUT_DEFAULT,
                  SHIRABE_ERROR_OTHER_KIND, "not a text file");

  g_assert_cmpint (g_mkdir (folder, 0700), ==, 0);
  assert_allowed (folder, SHIRABE_OUTPUT_FOLDER, SHIRABE_OUTPUT_DEFAULT);
  assert_refused (folder, SHIRABE_OUTPUT_WORKBOOK, SHIRABE_OUTPUT_REPLACE_ANY,
                  SHIRABE_ERROR_EXISTS, "it is a folder");
  assert_refused (folder, SHIRABE_OUTPUT_JSON, SHIRABE_OUTPUT_REPLACE_ANY,
                  SHIRABE_ERROR_EXISTS, "it is a folder");
  assert_refused ("/dev/null", SHIRABE_OUTPUT_TEXT, SHIRABE_OUTPUT_REPLACE_ANY,
                  SHIRABE_ERROR_EXISTS, "not a regular file");

  /* A link to nothing: writing replaces the link, never a file elsewhere. */
  g_assert_cmpint (symlink ("nowhere", dangling), ==, 0);
  assert_allowed (dangling, SHIRABE_OUTPUT_WORKBOOK, SHIRABE_OUTPUT_DEFAULT);
}

static void
test_csv_tables_never_replace_a_project (TestDir       *fixture,
                                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ShirabeProject) project = NULL;
  g_autoptr(ShirabeProject) other = NULL;
  g_autofree char *path = test_dir_path (fixture, "study.shirabe");
  g_autofree char *folder = test_dir_path (fixture, "tables");
  g_autofree char *trap = g_build_filename (folder, "codings.csv", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  ShirabeExportOptions options = { .format = SHIRABE_EXPORT_CSV, .force = TRUE };

  project = shirabe_project_create (path, NULL, SHIRABE_PROJECT_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_mkdir (folder, 0700), ==, 0);
  /* A project that happens to carry a table's name in the chosen folder. */
  other = shirabe_project_create (trap, NULL, SHIRABE_PROJECT_NO_HISTORY, &error);
  g_assert_no_error (error);
  g_assert_true (shirabe_project_close (other, &error));
  before = read_all (trap);

  g_assert_false (shirabe_project_export (project, folder, &options, NULL, NULL, NULL, NULL,
                                          &error));
  g_assert_error (error, SHIRABE_ERROR, SHIRABE_ERROR_PROTECTED);
  g_assert_nonnull (strstr (error->message, "codings.csv"));
  after = read_all (trap);
  g_assert_cmpstr (before, ==, after);
  /* No table was written beside it, not even cases.csv, and no temporary file is left. */
  {
    g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
    const char *name;
    guint n = 0;

    while ((name = g_dir_read_name (dir)) != NULL)
      {
        g_assert_cmpstr (name, ==, "codings.csv");
        n++;
      }
    g_assert_cmpuint (n, ==, 1);
  }
}

static void
test_a_new_project_never_replaces_a_file (TestDir       *fixture,
                                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = test_dir_path (fixture, "notes.shirabe");
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  g_assert_true (g_file_set_contents (path, "field notes", -1, NULL));
  before = read_all (path);
  g_assert_false (shirabe_project_create_file (path, NULL, NULL, NULL, &error));
  g_assert_error (error, SHIRABE_ERROR, SHIRABE_ERROR_EXISTS);
  after = read_all (path);
  g_assert_cmpstr (before, ==, after);
  /* Nothing left beside it either. */
  {
    g_autoptr(GDir) dir = g_dir_open (fixture->dir, 0, NULL);

    g_assert_cmpstr (g_dir_read_name (dir), ==, "notes.shirabe");
    g_assert_null (g_dir_read_name (dir));
  }
}

static gboolean
fail_build (ShirabeProject  *project,
            gpointer         user_data,
            GError         **error)
{
  g_assert_cmpint (shirabe_project_add_case (project, "Half-made", error), >, 0);
  g_set_error_literal (error, SHIRABE_ERROR, SHIRABE_ERROR_INVALID, "the template was bad");
  return FALSE;
}

static void
test_a_failed_build_leaves_nothing (TestDir       *fixture,
                                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = test_dir_path (fixture, "study.shirabe");
  g_autoptr(GDir) dir = NULL;

  g_assert_false (shirabe_project_create_file (path, NULL, fail_build, NULL, &error));
  g_assert_error (error, SHIRABE_ERROR, SHIRABE_ERROR_INVALID);
  dir = g_dir_open (fixture->dir, 0, NULL);
  g_assert_null (g_dir_read_name (dir));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/core/output/the-open-project-is-refused-by-any-name", TestDir, NULL,
              test_dir_setup, test_the_open_project_is_refused_by_any_name, test_dir_teardown);
  g_test_add ("/core/output/a-database-in-use-is-refused", TestDir, NULL, test_dir_setup,
              test_a_database_in_use_is_refused, test_dir_teardown);
  g_test_add ("/core/output/files-of-another-kind-and-folders", TestDir, NULL, test_dir_setup,
              test_kinds_and_folders, test_dir_teardown);
  g_test_add ("/core/output/csv-tables-never-replace-a-project", TestDir, NULL, test_dir_setup,
              test_csv_tables_never_replace_a_project, test_dir_teardown);
  g_test_add ("/core/output/a-new-project-never-replaces-a-file", TestDir, NULL,
              test_dir_setup, test_a_new_project_never_replaces_a_file, test_dir_teardown);
  g_test_add ("/core/output/a-failed-build-leaves-nothing", TestDir, NULL, test_dir_setup,
              test_a_failed_build_leaves_nothing, test_dir_teardown);

  return g_test_run ();
}
