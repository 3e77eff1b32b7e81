/* test-project.c: creating, opening and refusing project files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <sqlite3.h>
#include <sys/stat.h>
#include <unistd.h>

#include "test-util.h"
#include "shirabe-backup.h"
#include "shirabe-project-private.h"
#include "shirabe-schema-private.h"

static void
test_create_is_private_and_single_file (TestDir       *fixture,
                                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = test_dir_path (fixture, "study.shirabe");
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autoptr(ShirabeProject) project = NULL;
  g_autofree char *name = NULL;
  GStatBuf st;

  project = shirabe_project_create (path, NULL, SHIRABE_PROJECT_DEFAULT, &error);
  g_assert_no_error (error);
  name = shirabe_project_dup_name (project);
  g_assert_cmpstr (name, ==, "study");
  g_assert_cmpint (shirabe_project_add_case (project, "Case 1", &error), >, 0);
  g_assert_no_error (error);

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  g_assert_true (shirabe_project_close (project, &error));
  g_assert_no_error (error);
  /* The write-ahead log was checkpointed into the file: one file remains. */
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
}

static void
test_create_refuses_existing_file (TestDir       *fixture,
                                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = test_dir_path (fixture, "notes.shirabe");
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  ShirabeProject *project;

  g_assert_true (g_file_set_contents (path, "my notes", -1, NULL));
  before = test_checksum_file (path);
  project = shirabe_project_create (path, NULL, SHIRABE_PROJECT_DEFAULT, &error);
  g_assert_null (project);
  g_assert_error (error, SHIRABE_ERROR, SHIRABE_ERROR_EXISTS);
  g_assert_nonnull (strstr (error->message, "notes.shirabe"));
  after = test_checksum_file (path);
  g_assert_cmpstr (before, ==, after);
}

static void
test_reopen_keeps_data (TestDir       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = test_dir_path (fixture, "p.shirabe");
  g_autoptr(ShirabeProject) project = NULL;
  g_autoptr(GPtrArray) cases = NULL;

  project = shirabe_project_create (path, "人身取引の事例研究", SHIRABE_PROJECT_DEFAULT, &error);
  g_assert_no_error (error);
  shirabe_project_add_case (project, "事例 A", &error);
  g_assert_no_error (error);
  g_clear_object (&project);

  project = shirabe_project_open (path, SHIRABE_PROJECT_DEFAULT, &error);
  g_assert_no_error (error);
  cases = shirabe_project_list_cases (project, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (cases->len, ==, 1);
  g_assert_cmpstr (((ShirabeCase *) cases->pdata[0])->name, ==, "事例 A");
}

/* Opening must refuse and leave the file byte for byte as it was. */
static void
assert_refused_untouched (const char *path,
                          int         code,
                          const char *fragment)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = test_checksum_file (path);
  g_autofree char *after = NULL;
  g_autofree char *base = g_path_get_basename (path);
  ShirabeProject *project;

  project = shirabe_project_open (path, SHIRABE_PROJECT_DEFAULT, &error);
  g_assert_null (project);
  g_assert_error (error, SHIRABE_ERROR, code);
  g_assert_nonnull (strstr (error->message, base));
  g_assert_nonnull (strstr (error->message, fragment));
  after = test_checksum_file (path);
  g_assert_cmpstr (before, ==, after);
}

static void
test_open_refuses_text_file (TestDir       *fixture,
                             gconstpointer  data)
{
  g_autofree char *path = test_dir_path (fixture, "interview.txt");

  g_assert_true (g_file_set_contents (path, "Not a database at all, but a long enough text file "
                                      "to have a header's worth of bytes in it, more than one "
                                      "hundred of them.", -1, NULL));
  assert_refused_untouched (path, SHIRABE_ERROR_NOT_SQLITE, "not an SQLite database");
}

static void
test_open_refuses_empty_file (TestDir       *fixture,
                              gconstpointer  data)
{
  g_autofree char *path = test_dir_path (fixture, "empty.shirabe");

  g_assert_true (g_file_set_contents (path, "", 0, NULL));
  assert_refused_untouched (path, SHIRABE_ERROR_NOT_SQLITE, "empty");
}

static void
test_open_refuses_foreign_sqlite (TestDir       *fixture,
                                  gconstpointer  data)
{
  g_autofree char *path = test_dir_path (fixture, "places.sqlite");
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "CREATE TABLE bookmarks (id INTEGER PRIMARY KEY, url TEXT);"
                                 "INSERT INTO bookmarks (url) VALUES ('https://example.org');",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  assert_refused_untouched (path, SHIRABE_ERROR_NOT_PROJECT, "another program");
}

/* The schema a project is compared with is built in a thread when a window is made
 * (shirabe_project_prepare_to_open()); an open that comes while it is being built waits for it
 * and judges the same: a planted trigger is still found, a clean project still has none. In a
 * process of its own, so that nothing has built it before. */
static void
test_prepared_open_judges_the_schema_the_same (TestDir       *fixture,
                                               gconstpointer  data)
{
  g_autofree char *dir = NULL;
  g_autofree char *clean = NULL;
  g_autofree char *planted = NULL;

  if (g_test_subprocess ())
    {
      g_autoptr(ShirabeProject) first = NULL;
      g_autoptr(ShirabeProject) second = NULL;
      g_autoptr(GError) error = NULL;

      dir = g_strdup (g_getenv ("SHIRABE_TEST_PREPARED_DIR"));
      clean = g_build_filename (dir, "clean.shirabe", NULL);
      planted = g_build_filename (dir, "planted.shirabe", NULL);
      shirabe_project_prepare_to_open ();
      shirabe_project_prepare_to_open ();
      first = shirabe_project_open (planted, SHIRABE_PROJECT_DEFAULT, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (shirabe_project_get_foreign_objects (first), ==, "trigger “planted”");
      g_assert_true (shirabe_project_get_read_only (first));
      second = shirabe_project_open (clean, SHIRABE_PROJECT_DEFAULT, &error);
      g_assert_no_error (error);
      g_assert_null (shirabe_project_get_foreign_objects (second));
      g_assert_false (shirabe_project_get_read_only (second));
      shirabe_project_close (first, NULL);
      shirabe_project_close (second, NULL);
      return;
    }

  clean = test_dir_path (fixture, "clean.shirabe");
  planted = test_dir_path (fixture, "planted.shirabe");
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(ShirabeProject) project = NULL;
      g_autoptr(GError) error = NULL;

      project = shirabe_project_create (i == 0 ? clean : planted, NULL, SHIRABE_PROJECT_DEFAULT,
                                        &error);
      g_assert_no_error (error);
      g_assert_true (shirabe_project_close (project, &error));
    }
  {
    sqlite3 *db = NULL;

    g_assert_cmpint (sqlite3_open (planted, &db), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_exec (db, "CREATE TRIGGER planted AFTER INSERT ON cases BEGIN"
                                       "  DELETE FROM coding; END;", NULL, NULL, NULL),
                     ==, SQLITE_OK);
    sqlite3_close (db);
  }
  dir = g_path_get_dirname (clean);
  g_setenv ("SHIRABE_TEST_PREPARED_DIR", dir, TRUE);
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

/* Shirabe's application id with user_version 0: refused as not a project, nothing written. */
static void
test_open_refuses_the_mark_without_a_version (TestDir       *fixture,
                                              gconstpointer  data)
{
  g_autofree char *path = test_dir_path (fixture, "marked.sqlite");
  g_autofree char *pragma = g_strdup_printf ("PRAGMA application_id = %d;",
                                             SHIRABE_APPLICATION_ID);
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, pragma, NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "CREATE TABLE bookmarks (id INTEGER PRIMARY KEY, url TEXT);"
                                 "INSERT INTO bookmarks (url) VALUES ('https://example.org');",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  assert_refused_untouched (path, SHIRABE_ERROR_NOT_PROJECT, "no project format version");
}

/* A FIFO or a device given as the project is refused at once instead of hanging. */
static void
test_open_refuses_a_fifo_and_a_device (TestDir       *fixture,
                                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = test_dir_path (fixture, "fifo.shirabe");

  g_assert_cmpint (mkfifo (path, 0600), ==, 0);
  g_assert_null (shirabe_project_open (path, SHIRABE_PROJECT_DEFAULT, &error));
  g_assert_error (error, SHIRABE_ERROR, SHIRABE_ERROR_NOT_PROJECT);
  g_assert_nonnull (strstr (error->message, "fifo.shirabe"));
  g_clear_error (&error);

  g_assert_null (shirabe_project_open ("/dev/zero", SHIRABE_PROJECT_READ_ONLY, &error));
  g_assert_error (error, SHIRABE_ERROR, SHIRABE_ERROR_NOT_PROJECT);
  g_assert_nonnull (strstr (error->message, "/dev/zero"));
}

static void
test_open_refuses_newer_schema (TestDir       *fixture,
                                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = test_dir_path (fixture, "future.shirabe");
  ShirabeProject *project;
  sqlite3 *db = NULL;

  project = shirabe_project_create (path, NULL, SHIRABE_PROJECT_DEFAULT, &error);
  g_assert_no_error (error);
  g_object_unref (project);

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA user_version = 99", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  assert_refused_untouched (path, SHIRABE_ERROR_TOO_NEW, "newer version of Shirabe");
}

static void
test_open_refuses_truncated_file (TestDir       *fixture,
                                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = test_dir_path (fixture, "cut.shirabe");
  g_autofree char *contents = NULL;
  ShirabeProject *project;
  gsize size;

  project = shirabe_project_create (path, NULL, SHIRABE_PROJECT_DEFAULT, &error);
  g_assert_no_error (error);
  g_object_unref (project);

  g_assert_true (g_file_get_contents (path, &contents, &size, NULL));
  g_assert_cmpuint (size, >, 8192);
  g_assert_true (g_file_set_contents (path, contents, size / 2, NULL));
  assert_refused_untouched (path, SHIRABE_ERROR_CORRUPT, "damaged");
}

static void
test_open_refuses_missing_path (TestDir       *fixture,
                                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = test_dir_path (fixture, "nowhere.shirabe");
  ShirabeProject *project;

  project = shirabe_project_open (path, SHIRABE_PROJECT_DEFAULT, &error);
  g_assert_null (project);
  g_assert_error (error, SHIRABE_ERROR, SHIRABE_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "nowhere.shirabe"));
  g_assert_nonnull (strstr (error->message, "does not exist"));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
}

static void
test_document_portal_is_refused (TestDir       *fixture,
                                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  g_assert_null (shirabe_project_create ("/run/user/1000/doc/3a1f/study.shirabe", NULL,
                                         SHIRABE_PROJECT_DEFAULT, &error));
  g_assert_error (error, SHIRABE_ERROR, SHIRABE_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "Documents folder"));
  g_clear_error (&error);
  g_assert_null (shirabe_project_open ("/run/flatpak/doc/3a1f/study.shirabe",
                                       SHIRABE_PROJECT_DEFAULT, &error));
  g_assert_error (error, SHIRABE_ERROR, SHIRABE_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "study.shirabe"));
}

static void
test_read_only_refuses_edits (TestDir       *fixture,
                              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = test_dir_path (fixture, "archive.shirabe");
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(ShirabeProject) project = NULL;
  g_autoptr(GPtrArray) cases = NULL;

  project = shirabe_project_create (path, NULL, SHIRABE_PROJECT_DEFAULT, &error);
  g_assert_no_error (error);
  shirabe_project_add_case (project, "Case 1", &error);
  g_assert_no_error (error);
  g_clear_object (&project);
  before = test_checksum_file (path);

  project = shirabe_project_open (path, SHIRABE_PROJECT_READ_ONLY, &error);
  g_assert_no_error (error);
  g_assert_true (shirabe_project_get_read_only (project));
  cases = shirabe_project_list_cases (project, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (cases->len, ==, 1);

  g_assert_cmpint (shirabe_project_add_case (project, "Case 2", &error), ==, 0);
  g_assert_error (error, SHIRABE_ERROR, SHIRABE_ERROR_READ_ONLY);
  g_assert_nonnull (strstr (error->message, "read-only"));
  g_clear_object (&project);

  /* Reading leaves one file, as it found it. */
  {
    g_autofree char *wal = g_strconcat (path, "-wal", NULL);
    g_autofree char *shm = g_strconcat (path, "-shm", NULL);
    g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
    g_assert_false (g_file_test (shm, G_FILE_TEST_EXISTS));
  }

  after = test_checksum_file (path);
  g_assert_cmpstr (before, ==, after);
}

/* A file without write permission opens read-only on its own (root ignores file modes, so the
 * test only runs for ordinary users). */
static void
test_unwritable_file_opens_read_only (TestDir       *fixture,
                                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = test_dir_path (fixture, "locked.shirabe");
  g_autoptr(ShirabeProject) project = NULL;

  project = shirabe_project_create (path, NULL, SHIRABE_PROJECT_DEFAULT, &error);
  g_assert_no_error (error);
  g_clear_object (&project);
  g_chmod (path, 0400);
  if (g_access (path, W_OK) == 0)
    {
      g_test_skip ("running as a user who can write any file");
      return;
    }
  project = shirabe_project_open (path, SHIRABE_PROJECT_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_true (shirabe_project_get_read_only (project));
}

static const char old_schema_v1_marker[] = "Case from the past";

static const ShirabeMigration test_migrations[] = {
  { 1, "CREATE TABLE cases (id INTEGER PRIMARY KEY, name TEXT);" },
  { 2, "ALTER TABLE cases ADD COLUMN memo TEXT NOT NULL DEFAULT '';"
       "UPDATE cases SET memo = 'migrated';" },
  { 3, "CREATE TABLE broken (" },  /* a syntax error: the upgrade must roll back */
};

static int
read_user_version (const char *path)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  int version;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA user_version", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  version = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return version;
}

/* The one snapshot taken before an upgrade of @path, as the backups list shows it. */
static char *
upgrade_backup (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) backups = shirabe_project_list_backups (path, &error);
  char *found = NULL;

  g_assert_no_error (error);
  for (guint i = 0; i < backups->len; i++)
    {
      ShirabeBackup *backup = backups->pdata[i];

      if (g_strcmp0 (backup->reason, "before-upgrade") == 0)
        {
          g_assert_null (found);
          found = g_strdup (backup->path);
        }
    }
  g_assert_nonnull (found);
  return found;
}

/* The migration runner: an old file is copied aside, upgraded in one transaction, and left as
 * it was when a step fails. */
static void
test_migration_backs_up_and_is_atomic (TestDir       *fixture,
                                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = test_dir_path (fixture, "old.shirabe");
  g_autofree char *backup = NULL;
  g_autofree char *insert = g_strdup_printf ("INSERT INTO cases (name) VALUES ('%s')",
                                             old_schema_v1_marker);
  g_autofree char *before = NULL;
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_true (shirabe_schema_migrate_with (db, path, 0, test_migrations, 1, &error));
  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_exec (db, insert, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  g_assert_cmpint (read_user_version (path), ==, 1);
  before = test_checksum_file (path);

  /* v1 → v3 fails at step 3: nothing of step 2 remains, the version stays 1. */
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_false (shirabe_schema_migrate_with (db, path, 1, test_migrations, 3, &error));
  g_assert_error (error, SHIRABE_ERROR, SHIRABE_ERROR_FAILED);
  g_clear_error (&error);
  sqlite3_close (db);
  g_assert_cmpint (read_user_version (path), ==, 1);
  /* The copy is one of the project's snapshots, listed with the others. */
  backup = upgrade_backup (path);
  g_assert_true (g_str_has_prefix (backup, fixture->dir));
  g_assert_nonnull (strstr (backup, "old.backups" G_DIR_SEPARATOR_S "old.before-upgrade-"));
  g_unlink (backup);
  g_clear_pointer (&backup, g_free);

  /* v1 → v2 succeeds, with a backup copy holding the old data. */
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_true (shirabe_schema_migrate_with (db, path, 1, test_migrations, 2, &error));
  g_assert_no_error (error);
  sqlite3_close (db);
  g_assert_cmpint (read_user_version (path), ==, 2);
  backup = upgrade_backup (path);
  g_assert_cmpint (read_user_version (backup), ==, 1);
  {
    GStatBuf st;
    g_assert_cmpint (g_stat (backup, &st), ==, 0);
    g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  }
  {
    sqlite3_stmt *stmt = NULL;
    g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT name, memo FROM cases", -1, &stmt, NULL),
                     ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, old_schema_v1_marker);
    g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 1), ==, "migrated");
    sqlite3_finalize (stmt);
    sqlite3_close (db);
  }
}

/* A project kept from the first released schema (tests/fixtures/project-v1.sql) opens. */
static void
test_v1_fixture_opens (TestDir       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *sql_path = g_test_build_filename (G_TEST_DIST, "..", "fixtures",
                                                     "project-v1.sql", NULL);
  g_autofree char *sql = NULL;
  g_autofree char *path = test_dir_path (fixture, "v1.shirabe");
  g_autoptr(ShirabeProject) project = NULL;
  g_autoptr(GPtrArray) codings = NULL;
  g_autofree char *text = NULL;
  sqlite3 *db = NULL;

  g_assert_true (g_file_get_contents (sql_path, &sql, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  project = shirabe_project_open (path, SHIRABE_PROJECT_DEFAULT, &error);
  g_assert_no_error (error);
  codings = shirabe_project_list_codings (project, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (codings->len, ==, 1);
  text = shirabe_project_dup_narrative_text (project, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (text, ==, "ブローカーに旅券を取り上げられた。\n");
}

/* Reading an older project changes nothing: it is read through an upgraded private copy,
 * even when the file cannot be written; the first edit upgrades the file itself. */
static void
test_reading_an_older_project_leaves_it_as_it_was (TestDir       *fixture,
                                                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *sql_path = g_test_build_filename (G_TEST_DIST, "..", "fixtures",
                                                     "project-v1.sql", NULL);
  g_autofree char *sql = NULL;
  g_autofree char *path = test_dir_path (fixture, "v1.shirabe");
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gsize size = 0;
  sqlite3 *db = NULL;

  g_assert_true (g_file_get_contents (sql_path, &sql, NULL, &error));
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  g_assert_true (g_file_get_contents (path, &before, &size, NULL));

  for (guint pass = 0; pass < 2; pass++)
    {
      g_autoptr(ShirabeProject) project = NULL;
      g_autoptr(GPtrArray) codings = NULL;
      g_autoptr(GPtrArray) attributes = NULL;

      /* The second time the file cannot be written at all. */
      if (pass == 1)
        g_assert_cmpint (g_chmod (path, 0400), ==, 0);
      project = shirabe_project_open (path, SHIRABE_PROJECT_READ_ONLY, &error);
      g_assert_no_error (error);
      codings = shirabe_project_list_codings (project, 0, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (codings->len, ==, 1);
      /* Version 2's choice labels are there to read (empty), as after an upgrade. */
      attributes = shirabe_project_list_attributes (project, SHIRABE_SCOPE_CASE, &error);
      g_assert_no_error (error);
      g_assert_true (shirabe_project_close (project, &error));
    }
  g_assert_cmpint (g_chmod (path, 0600), ==, 0);

  /* Byte for byte as it was, with nothing beside it. */
  g_assert_true (g_file_get_contents (path, &after, NULL, NULL));
  g_assert_cmpmem (before, size, after, size);
  {
    g_autoptr(GDir) dir = g_dir_open (fixture->dir, 0, NULL);

    g_assert_cmpstr (g_dir_read_name (dir), ==, "v1.shirabe");
    g_assert_null (g_dir_read_name (dir));
  }
}

/* A version 1 project's choice attribute (values one per line, no labels) upgrades to version 2
 * with a backup, keeps its choices and value, shows values where labels are missing, and can be
 * labelled afterwards. */
static void
test_v1_choices_upgrade_without_labels (TestDir       *fixture,
                                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *sql_path = g_test_build_filename (G_TEST_DIST, "..", "fixtures",
                                                     "project-v1.sql", NULL);
  g_autofree char *sql = NULL;
  g_autofree char *path = test_dir_path (fixture, "v1.shirabe");
  g_autofree char *backup = NULL;
  g_autoptr(ShirabeProject) project = NULL;
  g_autoptr(ShirabeAttribute) gender = NULL;
  g_autoptr(ShirabeAttribute) labelled = NULL;
  g_autoptr(GPtrArray) values = NULL;
  g_auto(GStrv) problems = NULL;
  static const char *const genders[] = { "female", "male", "other", NULL };
  sqlite3 *db = NULL;

  g_assert_true (g_file_get_contents (sql_path, &sql, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  /* As Shirabe 0.1 stored a choice attribute and one value of it. */
  g_assert_cmpint (sqlite3_exec (db,
                                 "INSERT INTO attribute (id, uuid, scope, name_en, name_ja,"
                                 " var_name, type, choices, position, created_at) VALUES (1,"
                                 " 'f6d5b1f9-6c7a-4e8f-9a0b-1c2d3e4f5a6b', 'case', 'Gender',"
                                 " '性別', 'gender', 'choice', 'female' || char (10) || 'male'"
                                 " || char (10) || 'other', 0, '2026-11-29T06:00:00Z');"
                                 "INSERT INTO attribute_value (attribute_id, case_id, value)"
                                 " VALUES (1, 1, 'female');",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  project = shirabe_project_open (path, SHIRABE_PROJECT_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_cmpint (read_user_version (path), ==, SHIRABE_SCHEMA_VERSION);
  backup = upgrade_backup (path);
  g_assert_cmpint (read_user_version (backup), ==, 1);

  gender = shirabe_project_get_attribute (project, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpstrv (gender->choices, genders);
  g_assert_cmpstr (gender->choice_labels_en[0], ==, "");
  g_assert_cmpstr (gender->choice_labels_ja[2], ==, "");
  g_assert_cmpstr (shirabe_attribute_get_choice_label (gender, "female", SHIRABE_LANGUAGE_JA),
                   ==, "female");
  values = shirabe_project_list_attribute_values (project, SHIRABE_SCOPE_CASE, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (((ShirabeAttributeValue *) values->pdata[0])->value, ==, "female");
  g_assert_cmpstr (((ShirabeAttributeValue *) values->pdata[0])->value_label_ja, ==, "");

  g_assert_true (shirabe_project_set_attribute_value (project, 1, 1, "male", &error));
  g_assert_no_error (error);
  g_assert_true (shirabe_project_set_choice_label (project, 1, "male", SHIRABE_LANGUAGE_JA,
                                                   "男性", &error));
  g_assert_no_error (error);
  labelled = shirabe_project_get_attribute (project, 1, &error);
  g_assert_cmpstr (shirabe_attribute_get_choice_label (labelled, "male", SHIRABE_LANGUAGE_EN),
                   ==, "男性");

  g_assert_true (shirabe_project_check (project, &problems, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (problems), ==, 0);
}

/* A symlink planted at the backups folder's name is never followed: the folder it points to
 * gets nothing and keeps its mode, and the snapshot before the upgrade goes to the user's data
 * folder, private, where the backups list finds it. */
static void
test_migration_backup_does_not_follow_a_symlink (TestDir       *fixture,
                                                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *sql_path = g_test_build_filename (G_TEST_DIST, "..", "fixtures",
                                                     "project-v1.sql", NULL);
  g_autofree char *sql = NULL;
  g_autofree char *path = test_dir_path (fixture, "v1.shirabe");
  g_autofree char *planted = test_dir_path (fixture, "v1.backups");
  g_autofree char *victim = test_dir_path (fixture, "victim");
  g_autofree char *backup = NULL;
  g_autoptr(ShirabeProject) project = NULL;
  struct stat st;
  sqlite3 *db = NULL;

  g_assert_true (g_file_get_contents (sql_path, &sql, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  g_assert_cmpint (g_mkdir (victim, 0755), ==, 0);
  g_assert_cmpint (symlink (victim, planted), ==, 0);

  project = shirabe_project_open (path, SHIRABE_PROJECT_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_cmpint (read_user_version (path), ==, SHIRABE_SCHEMA_VERSION);

  {
    g_autoptr(GDir) dir = g_dir_open (victim, 0, NULL);

    g_assert_null (g_dir_read_name (dir));
  }
  g_assert_cmpint (g_stat (victim, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0755);
  g_assert_cmpint (lstat (planted, &st), ==, 0);
  g_assert_true (S_ISLNK (st.st_mode));

  backup = upgrade_backup (path);
  g_assert_true (g_str_has_prefix (backup, g_get_user_data_dir ()));
  g_assert_cmpint (lstat (backup, &st), ==, 0);
  g_assert_true (S_ISREG (st.st_mode));
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_cmpint (read_user_version (backup), ==, 1);
}

/* What a project file holds is not trusted: every connection refuses a schema that would call a
 * function with side effects, and refuses ordinary writes to the schema itself, opened for
 * writing, read-only, and writable again. */
static void
assert_schema_distrusted (ShirabeProject *project)
{
  sqlite3 *db = shirabe_project_get_db (project);
  sqlite3_stmt *stmt = NULL;
  int defensive = -1;
  int trusted = -1;

  g_assert_cmpint (sqlite3_db_config (db, SQLITE_DBCONFIG_DEFENSIVE, -1, &defensive), ==,
                   SQLITE_OK);
  g_assert_cmpint (defensive, ==, 1);
  g_assert_cmpint (sqlite3_db_config (db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, -1, &trusted), ==,
                   SQLITE_OK);
  g_assert_cmpint (trusted, ==, 0);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA trusted_schema", -1, &stmt, NULL), ==,
                   SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 0);
  sqlite3_finalize (stmt);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA writable_schema = ON;"
                                 "UPDATE sqlite_schema SET sql = sql WHERE name = 'coding'",
                                 NULL, NULL, NULL), !=, SQLITE_OK);
}

static void
test_every_connection_distrusts_the_schema (TestDir       *fixture,
                                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = test_dir_path (fixture, "study.shirabe");
  g_autoptr(ShirabeProject) project = NULL;
  g_autoptr(ShirabeProject) reader = NULL;
  const char *choices[] = { "air", "sea", NULL };
  gint64 attribute;

  project = shirabe_project_create (path, NULL, SHIRABE_PROJECT_DEFAULT, &error);
  g_assert_no_error (error);
  assert_schema_distrusted (project);
  /* A choice's labels are JSON, checked by the schema: still accepted. */
  attribute = shirabe_project_add_attribute (project, SHIRABE_SCOPE_CASE, "Route",
                                             "経路", "route", SHIRABE_ATTRIBUTE_CHOICE, choices,
                                             &error);
  g_assert_no_error (error);
  g_assert_true (shirabe_project_set_choice_label (project, attribute, "air",
                                                   SHIRABE_LANGUAGE_JA, "空路", &error));
  g_assert_no_error (error);
  g_assert_true (shirabe_project_close (project, &error));
  g_assert_no_error (error);
  g_clear_object (&project);

  project = shirabe_project_open (path, SHIRABE_PROJECT_DEFAULT, &error);
  g_assert_no_error (error);
  assert_schema_distrusted (project);
  reader = shirabe_project_open (path, SHIRABE_PROJECT_READ_ONLY, &error);
  g_assert_no_error (error);
  assert_schema_distrusted (reader);
}

/* A project's SQL can neither load code nor write the schema through ordinary statements. */
static void
test_every_connection_refuses_extensions_and_schema_writes (TestDir       *fixture,
                                                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = test_dir_path (fixture, "secure.shirabe");
  g_autoptr(ShirabeProject) project = NULL;
  sqlite3 *db;
  char *message = NULL;
  int enabled = -1;

  project = shirabe_project_create (path, NULL, SHIRABE_PROJECT_DEFAULT, &error);
  g_assert_no_error (error);
  db = shirabe_project_get_db (project);
  g_assert_cmpint (sqlite3_db_config (db, SQLITE_DBCONFIG_ENABLE_LOAD_EXTENSION, -1, &enabled),
                   ==, SQLITE_OK);
  g_assert_cmpint (enabled, ==, 0);
  g_assert_cmpint (sqlite3_exec (db, "SELECT load_extension ('/tmp/evil.so')", NULL, NULL,
                                 &message), ==, SQLITE_ERROR);
  g_assert_nonnull (strstr (message, "not authorized"));
  sqlite3_free (message);
  g_assert_cmpint (sqlite3_db_config (db, SQLITE_DBCONFIG_DEFENSIVE, -1, &enabled), ==, SQLITE_OK);
  g_assert_cmpint (enabled, ==, 1);
  g_assert_cmpint (sqlite3_db_config (db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, -1, &enabled), ==,
                   SQLITE_OK);
  g_assert_cmpint (enabled, ==, 0);
  g_assert_true (shirabe_project_close (project, &error));
}

int
main (int    argc,
      char **argv)
{
  /* The user's data folder is the test's own: snapshots may go there. (GLib 2.74's
   * G_TEST_OPTION_ISOLATE_DIRS leaks what it sets.) */
  g_autofree char *data_home = g_dir_make_tmp ("shirabe-test-data-XXXXXX", NULL);
  int status;

  g_assert_nonnull (data_home);
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, TestDir, NULL, test_dir_setup, func, test_dir_teardown)

  ADD ("/core/project/create-is-private-and-one-file", test_create_is_private_and_single_file);
  ADD ("/core/project/create-refuses-an-existing-file", test_create_refuses_existing_file);
  ADD ("/core/project/reopen-keeps-the-data", test_reopen_keeps_data);
  ADD ("/core/project/open-refuses-a-text-file", test_open_refuses_text_file);
  ADD ("/core/project/open-refuses-an-empty-file", test_open_refuses_empty_file);
  ADD ("/core/project/open-refuses-another-programs-database", test_open_refuses_foreign_sqlite);
  ADD ("/core/project/every-connection-refuses-extensions-and-schema-writes",
       test_every_connection_refuses_extensions_and_schema_writes);
  ADD ("/core/project/open-refuses-a-newer-schema", test_open_refuses_newer_schema);
  ADD ("/core/project/open-refuses-a-fifo-and-a-device", test_open_refuses_a_fifo_and_a_device);
  ADD ("/core/project/prepared-open-judges-the-schema-the-same",
       test_prepared_open_judges_the_schema_the_same);
  ADD ("/core/project/open-refuses-the-mark-without-a-version",
       test_open_refuses_the_mark_without_a_version);
  ADD ("/core/project/open-refuses-a-truncated-file", test_open_refuses_truncated_file);
  ADD ("/core/project/open-refuses-a-missing-path", test_open_refuses_missing_path);
  ADD ("/core/project/read-only-refuses-edits", test_read_only_refuses_edits);
  ADD ("/core/project/document-portal-path-is-refused-with-advice", test_document_portal_is_refused);
  ADD ("/core/project/unwritable-file-opens-read-only", test_unwritable_file_opens_read_only);
  ADD ("/core/project/migration-backs-up-and-is-atomic", test_migration_backs_up_and_is_atomic);
  ADD ("/core/project/v1-fixture-opens", test_v1_fixture_opens);
  ADD ("/core/project/reading-an-older-project-leaves-it-as-it-was",
       test_reading_an_older_project_leaves_it_as_it_was);
  ADD ("/core/project/v1-choices-upgrade-without-labels", test_v1_choices_upgrade_without_labels);
  ADD ("/core/project/migration-backup-does-not-follow-a-symlink",
       test_migration_backup_does_not_follow_a_symlink);
  ADD ("/core/project/every-connection-distrusts-the-schema",
       test_every_connection_distrusts_the_schema);

  status = g_test_run ();
  test_dir_rm_rf (data_home);
  return status;
}
