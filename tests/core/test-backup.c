/* test-backup.c: snapshots before the day's first edit and before risky operations, kept by
 * the policy, listed with their contents, and restored without losing the project as it was
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <sys/stat.h>

#include <sqlite3.h>

#include "test-util.h"
#include "shirabe-backup-private.h"
#include "shirabe-project-private.h"

static ShirabeProject *
new_project_with_case (TestDir    *fixture,
                       const char *case_name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = test_dir_path (fixture, "study.shirabe");
  ShirabeProject *project;

  project = shirabe_project_create (path, "Study", SHIRABE_PROJECT_NO_HISTORY, &error);
  g_assert_no_error (error);
  g_assert_cmpint (shirabe_project_add_case (project, case_name, &error), >, 0);
  g_assert_no_error (error);
  return project;
}

static GPtrArray *
list (TestDir *fixture)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = test_dir_path (fixture, "study.shirabe");
  GPtrArray *backups = shirabe_project_list_backups (path, &error);

  g_assert_no_error (error);
  return backups;
}

static guint
count_cases (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ShirabeProject) project = NULL;
  g_autoptr(GPtrArray) cases = NULL;

  project = shirabe_project_open (path, SHIRABE_PROJECT_READ_ONLY, &error);
  g_assert_no_error (error);
  cases = shirabe_project_list_cases (project, &error);
  g_assert_no_error (error);
  shirabe_project_close (project, NULL);
  return cases->len;
}

static void
test_the_first_edit_of_a_day_is_preceded_by_a_snapshot (TestDir       *fixture,
                                                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ShirabeProject) project = new_project_with_case (fixture, "Case A");
  g_autoptr(GPtrArray) after_first = NULL;
  g_autoptr(GPtrArray) after_more = NULL;
  g_autofree char *folder = test_dir_path (fixture, "study.backups");
  ShirabeBackup *backup;
  GStatBuf st;

  /* The empty project's first edit needed none: it had nothing to lose. */
  after_first = list (fixture);
  g_assert_cmpuint (after_first->len, ==, 0);

  /* The next edit's snapshot holds the project as it was before it: one case. */
  g_assert_cmpint (shirabe_project_add_case (project, "Case B", &error), >, 0);
  g_assert_cmpint (shirabe_project_add_case (project, "Case C", &error), >, 0);
  g_assert_true (shirabe_project_close (project, &error));
  g_clear_object (&project);
  {
    g_autofree char *path = test_dir_path (fixture, "study.shirabe");

    project = shirabe_project_open (path, SHIRABE_PROJECT_NO_HISTORY, &error);
    g_assert_no_error (error);
    g_assert_cmpint (shirabe_project_add_case (project, "Case D", &error), >, 0);
  }
  shirabe_project_wait_backup (project);
  after_more = list (fixture);
  g_assert_cmpuint (after_more->len, ==, 1);
  backup = after_more->pdata[0];
  g_assert_cmpstr (backup->reason, ==, "daily");
  g_assert_cmpint (count_cases (backup->path), ==, 1);
  g_assert_cmpint (backup->n_narratives, ==, 0);
  g_assert_cmpint (backup->n_codings, ==, 0);

  /* Private, as the project: the folder and the copy. */
  g_assert_cmpint (g_stat (folder, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0700);
  g_assert_cmpint (g_stat (backup->path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  /* One file: no log beside the copy. */
  {
    g_autofree char *wal = g_strconcat (backup->path, "-wal", NULL);

    g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
  }
  g_assert_true (shirabe_project_close (project, &error));
}

/* The day's first edit does not wait for its snapshot: the snapshot is written beside the
 * edits that follow (here held back for a second), and still holds the project as it was
 * before the first of them. */
static void
test_the_daily_snapshot_does_not_hold_up_the_edit (TestDir       *fixture,
                                                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ShirabeProject) project = new_project_with_case (fixture, "Case A");
  g_autoptr(GPtrArray) backups = NULL;
  g_autofree char *path = test_dir_path (fixture, "study.shirabe");
  g_autoptr(GPtrArray) cases = NULL;
  ShirabeBackup *backup;
  GStatBuf st;

  /* A new project's first edit had nothing to keep: reopened, the next one has. */
  g_assert_true (shirabe_project_close (project, &error));
  g_clear_object (&project);
  project = shirabe_project_open (path, SHIRABE_PROJECT_DEFAULT, &error);
  g_assert_no_error (error);

  shirabe_backup_set_test_delay (1000);
  g_assert_cmpint (shirabe_project_add_case (project, "Case B", &error), >, 0);
  /* The edit is done and saved; its snapshot is not written yet. */
  backups = list (fixture);
  g_assert_cmpuint (backups->len, ==, 1);
  backup = backups->pdata[0];
  g_assert_cmpint (g_stat (backup->path, &st), ==, 0);
  g_assert_cmpint (st.st_size, ==, 0);
  g_clear_pointer (&backups, g_ptr_array_unref);
  cases = shirabe_project_list_cases (project, &error);
  g_assert_cmpuint (cases->len, ==, 2);

  /* More edits meanwhile, one of them undone. */
  g_assert_cmpint (shirabe_project_add_case (project, "Case C", &error), >, 0);
  g_assert_cmpint (shirabe_project_add_case (project, "Case D", &error), >, 0);
  g_assert_true (shirabe_project_undo (project, &error));

  /* Closing waits for it; it holds the one case there was before the first edit. */
  g_assert_true (shirabe_project_close (project, &error));
  shirabe_backup_set_test_delay (0);
  backups = list (fixture);
  g_assert_cmpuint (backups->len, ==, 1);
  backup = backups->pdata[0];
  g_assert_cmpstr (backup->reason, ==, "daily");
  g_assert_cmpint (count_cases (backup->path), ==, 1);
  g_assert_cmpint (count_cases (path), ==, 3);
}

/* Plants a snapshot file of @reason made @days_ago, holding a copy of @source. */
static void
plant (TestDir    *fixture,
       const char *source,
       const char *reason,
       int         days_ago,
       int         seconds)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) then = g_date_time_add_full (now, 0, 0, -days_ago, 0, 0, -seconds);
  g_autofree char *stamp = g_date_time_format (then, "%Y%m%d-%H%M%S");
  g_autofree char *name = g_strdup_printf ("study.%s-%s.shirabe", reason, stamp);
  g_autofree char *folder = test_dir_path (fixture, "study.backups");
  g_autofree char *path = g_build_filename (folder, name, NULL);
  g_autofree char *bytes = NULL;
  gsize size;

  g_mkdir_with_parents (folder, 0700);
  g_assert_true (g_file_get_contents (source, &bytes, &size, NULL));
  g_assert_true (g_file_set_contents (path, bytes, size, NULL));
}

static guint
count_reason (GPtrArray  *backups,
              const char *reason)
{
  guint n = 0;

  for (guint i = 0; i < backups->len; i++)
    n += g_strcmp0 (((ShirabeBackup *) backups->pdata[i])->reason, reason) == 0;
  return n;
}

static void
test_old_snapshots_go_by_the_policy (TestDir       *fixture,
                                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ShirabeProject) project = new_project_with_case (fixture, "Case A");
  g_autoptr(GPtrArray) backups = NULL;
  g_autofree char *source = NULL;
  ShirabeBackupPolicy saved;
  ShirabeBackupPolicy policy = { 7, 3, SHIRABE_BACKUP_DEFAULT_MAX_BYTES };

  shirabe_backup_get_policy (&saved);
  shirabe_backup_set_policy (&policy);
  g_assert_true (shirabe_project_write_backup (project, "before-merge", &source, &error));
  g_assert_no_error (error);
  for (int day = 1; day <= 10; day++)
    plant (fixture, source, "daily", day, 0);
  for (int n = 1; n <= 4; n++)
    plant (fixture, source, "before-repair", 0, 60 * n);

  /* Today's first edit: its daily snapshot, then 7 daily and the 3 latest risky ones kept. */
  g_assert_cmpint (shirabe_project_add_case (project, "Case B", &error), >, 0);
  shirabe_project_wait_backup (project);
  backups = list (fixture);
  g_assert_cmpuint (count_reason (backups, "daily"), ==, 7);
  g_assert_cmpuint (count_reason (backups, "before-merge") + count_reason (backups,
                                                                           "before-repair"),
                    ==, 3);
  /* Newest first, and the newest of each kind kept. */
  g_assert_cmpstr (((ShirabeBackup *) backups->pdata[0])->reason, ==, "daily");
  g_assert_true (g_file_test (source, G_FILE_TEST_EXISTS));
  g_clear_pointer (&backups, g_ptr_array_unref);

  /* A cap of two copies' size keeps two, the newest first. */
  backups = list (fixture);
  policy.max_total_bytes = ((ShirabeBackup *) backups->pdata[0])->size * 2 + 1;
  g_clear_pointer (&backups, g_ptr_array_unref);
  shirabe_backup_set_policy (&policy);
  g_assert_true (shirabe_project_write_backup (project, "before-merge", NULL, &error));
  backups = list (fixture);
  g_assert_cmpuint (backups->len, ==, 2);
  g_assert_cmpstr (((ShirabeBackup *) backups->pdata[0])->reason, ==, "before-merge");
  g_clear_pointer (&backups, g_ptr_array_unref);

  /* A cap below one copy still keeps the newest. */
  policy.max_total_bytes = 1;
  shirabe_backup_set_policy (&policy);
  g_assert_true (shirabe_project_write_backup (project, "before-repair", NULL, &error));
  backups = list (fixture);
  g_assert_cmpuint (backups->len, ==, 1);
  g_assert_cmpstr (((ShirabeBackup *) backups->pdata[0])->reason, ==, "before-repair");

  shirabe_backup_set_policy (&saved);
  g_assert_true (shirabe_project_close (project, &error));
}

static void
test_restore_keeps_the_project_as_it_was (TestDir       *fixture,
                                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ShirabeProject) project = new_project_with_case (fixture, "Case A");
  g_autofree char *path = test_dir_path (fixture, "study.shirabe");
  g_autofree char *snapshot = NULL;
  g_autofree char *kept = NULL;
  g_autoptr(GPtrArray) backups = NULL;
  GStatBuf st;

  g_assert_true (shirabe_project_write_backup (project, "before-merge", &snapshot, &error));
  g_assert_cmpint (shirabe_project_add_case (project, "Case B", &error), >, 0);
  g_assert_cmpint (shirabe_project_add_case (project, "Case C", &error), >, 0);
  g_assert_true (shirabe_project_close (project, &error));
  g_clear_object (&project);

  g_assert_true (shirabe_project_restore_backup (path, snapshot, &kept, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_cases (path), ==, 1);
  g_assert_cmpint (count_cases (kept), ==, 3);
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  /* The snapshot restored is still there, and so is the copy of what was replaced. */
  backups = list (fixture);
  g_assert_cmpstr (((ShirabeBackup *) backups->pdata[0])->path, ==, kept);
  g_assert_cmpstr (((ShirabeBackup *) backups->pdata[0])->reason, ==, "before-restore");
  g_assert_true (g_file_test (snapshot, G_FILE_TEST_EXISTS));
  /* The restored project opens for writing and passes its check. */
  project = shirabe_project_open (path, SHIRABE_PROJECT_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_cmpint (shirabe_project_add_case (project, "Case E", &error), >, 0);
  g_assert_true (shirabe_project_close (project, &error));
}

static void
test_a_damaged_project_is_restored_and_its_bytes_kept (TestDir       *fixture,
                                                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ShirabeProject) project = new_project_with_case (fixture, "Case A");
  g_autofree char *path = test_dir_path (fixture, "study.shirabe");
  g_autofree char *snapshot = NULL;
  g_autofree char *kept = NULL;
  g_autofree char *kept_bytes = NULL;
  static const char garbage[] = "SQLite format 3\0 a broken disk sector";
  gsize size;

  g_assert_true (shirabe_project_write_backup (project, "before-merge", &snapshot, &error));
  g_assert_true (shirabe_project_close (project, &error));
  g_assert_true (g_file_set_contents (path, garbage, sizeof garbage, &error));

  g_assert_true (shirabe_project_restore_backup (path, snapshot, &kept, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_cases (path), ==, 1);
  g_assert_true (g_file_get_contents (kept, &kept_bytes, &size, NULL));
  g_assert_cmpmem (kept_bytes, size, garbage, sizeof garbage);
}

static void
test_a_snapshot_with_a_planted_trigger_is_not_restored (TestDir       *fixture,
                                                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ShirabeProject) project = new_project_with_case (fixture, "Case A");
  g_autofree char *path = test_dir_path (fixture, "study.shirabe");
  g_autofree char *snapshot = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gsize before_size, after_size;
  sqlite3 *db = NULL;

  g_assert_true (shirabe_project_write_backup (project, "before-merge", &snapshot, &error));
  g_assert_true (shirabe_project_close (project, &error));
  g_assert_cmpint (sqlite3_open (snapshot, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "CREATE TRIGGER evil AFTER INSERT ON cases BEGIN"
                                     " DELETE FROM code; END;", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  g_assert_true (g_file_get_contents (path, &before, &before_size, NULL));

  g_assert_false (shirabe_project_restore_backup (path, snapshot, NULL, &error));
  g_assert_error (error, SHIRABE_ERROR, SHIRABE_ERROR_CORRUPT);
  g_assert_nonnull (strstr (error->message, "was not restored, and is as it was"));
  g_assert_nonnull (strstr (error->message, "trigger “evil”"));
  g_assert_true (g_file_get_contents (path, &after, &after_size, NULL));
  g_assert_cmpmem (before, before_size, after, after_size);
}

static void
test_a_merge_is_preceded_by_a_snapshot (TestDir       *fixture,
                                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ShirabeProject) project = new_project_with_case (fixture, "Case A");
  g_autofree char *copy = test_dir_path (fixture, "aiko.shirabe");
  g_autoptr(ShirabeMergeReport) report = NULL;
  g_autoptr(GPtrArray) backups = NULL;
  const char *paths[] = { copy, NULL };

  g_assert_true (shirabe_project_copy_for_coder (project, copy, "Aiko", 0, &error));
  g_assert_no_error (error);
  report = shirabe_project_merge_copies (project, paths, SHIRABE_MERGE_DEFAULT, &error);
  g_assert_no_error (error);
  backups = list (fixture);
  g_assert_cmpuint (count_reason (backups, "before-merge"), ==, 1);
  g_assert_true (shirabe_project_close (project, &error));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, TestDir, NULL, test_dir_setup, func, test_dir_teardown)

  ADD ("/core/backup/the-first-edit-of-a-day-is-preceded-by-a-snapshot",
       test_the_first_edit_of_a_day_is_preceded_by_a_snapshot);
  ADD ("/core/backup/the-daily-snapshot-does-not-hold-up-the-edit",
       test_the_daily_snapshot_does_not_hold_up_the_edit);
  ADD ("/core/backup/old-snapshots-go-by-the-policy", test_old_snapshots_go_by_the_policy);
  ADD ("/core/backup/restore-keeps-the-project-as-it-was",
       test_restore_keeps_the_project_as_it_was);
  ADD ("/core/backup/a-damaged-project-is-restored-and-its-bytes-kept",
       test_a_damaged_project_is_restored_and_its_bytes_kept);
  ADD ("/core/backup/a-snapshot-with-a-planted-trigger-is-not-restored",
       test_a_snapshot_with_a_planted_trigger_is_not_restored);
  ADD ("/core/backup/a-merge-is-preceded-by-a-snapshot", test_a_merge_is_preceded_by_a_snapshot);

  return g_test_run ();
}
