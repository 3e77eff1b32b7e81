/* test-guard.c: a project open here keeps SQLite's locks, and other processes see it open
 *
 * POSIX drops a process's locks on a file when it closes any descriptor of that file; these
 * tests look at the kernel's lock table (/proc/locks) to see SQLite's locks survive what once
 * dropped them, and run a second process (g_test_trap_subprocess) to see it refused writing.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "shirabe-i18n.h"

#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include "test-util.h"

/* Whether this process holds SQLite's SHARED lock on @path's file: the POSIX read lock over
 * the shared byte range (PENDING_BYTE + 2 and 510 bytes on), which a connection in WAL mode
 * keeps while it is open, and which tells another process that the log is in use. POSIX
 * drops it when the process closes any descriptor of the file.
 *
 * The lock is looked for by range, device and inode rather than locks counted: a count also
 * saw a passing RESERVED or PENDING byte of a write finishing, and the inode alone can match
 * a file of another file system. */
static gboolean
holds_shared_lock (const char *path)
{
  g_autofree char *table = NULL;
  g_auto(GStrv) lines = NULL;
  g_autofree char *file = NULL;
  GStatBuf st;
  gboolean held = FALSE;

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_true (g_file_get_contents ("/proc/locks", &table, NULL, NULL));
  /* As the kernel prints it: major and minor in hex, then the inode. */
  file = g_strdup_printf ("%02x:%02x:%" G_GUINT64_FORMAT, major (st.st_dev), minor (st.st_dev),
                          (guint64) st.st_ino);
  lines = g_strsplit (table, "\n", -1);
  for (guint i = 0; lines[i] != NULL && !held; i++)
    {
      g_auto(GStrv) fields = g_strsplit_set (lines[i], " ", -1);
      g_autoptr(GPtrArray) words = g_ptr_array_new ();

      for (guint j = 0; fields[j] != NULL; j++)
        if (*fields[j] != '\0')
          g_ptr_array_add (words, fields[j]);
      /* "1: POSIX  ADVISORY  READ 1234 08:01:1234567 1073741826 1073742335" */
      held = words->len >= 8 && g_str_equal (words->pdata[1], "POSIX") &&
             g_str_equal (words->pdata[3], "READ") && atoi (words->pdata[4]) == getpid () &&
             g_str_equal (words->pdata[5], file) &&
             g_str_equal (words->pdata[6], "1073741826") &&
             g_str_equal (words->pdata[7], "1073742335");
    }
  return held;
}

static ShirabeProject *
project_with_a_case (TestDir *fixture)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = test_dir_path (fixture, "study.shirabe");
  ShirabeProject *project = shirabe_project_create (path, "Study", SHIRABE_PROJECT_DEFAULT,
                                                    &error);

  g_assert_no_error (error);
  shirabe_project_add_case (project, "Case 1", &error);
  g_assert_no_error (error);
  return project;
}

static guint
count_cases (ShirabeProject *project)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) cases = shirabe_project_list_cases (project, &error);

  g_assert_no_error (error);
  return cases->len;
}

/* The exporter and the import's worker open their own connections beside the window's. */
static void
test_second_connection_keeps_the_locks (TestDir       *fixture,
                                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ShirabeProject) project = project_with_a_case (fixture);
  g_autoptr(ShirabeProject) reader = NULL;
  const char *path = shirabe_project_get_path (project);

  g_assert_true (holds_shared_lock (path));

  reader = shirabe_project_open (path, SHIRABE_PROJECT_READ_ONLY | SHIRABE_PROJECT_NO_HISTORY,
                                 &error);
  g_assert_no_error (error);
  g_assert_cmpuint (count_cases (reader), ==, 1);
  g_assert_true (holds_shared_lock (path));
  g_assert_true (shirabe_project_close (reader, &error));
  g_assert_no_error (error);
  g_assert_true (holds_shared_lock (path));
}

/* The child half of the next test: another process, the project open in its parent. */
static void
child_reads_but_cannot_write (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ShirabeProject) writer = NULL;
  g_autoptr(ShirabeProject) reader = NULL;

  writer = shirabe_project_open (path, SHIRABE_PROJECT_DEFAULT, &error);
  g_assert_null (writer);
  g_assert_error (error, SHIRABE_ERROR, SHIRABE_ERROR_IN_USE);
  g_assert_nonnull (strstr (error->message, "study.shirabe"));
  g_clear_error (&error);

  reader = shirabe_project_open (path, SHIRABE_PROJECT_READ_ONLY, &error);
  g_assert_no_error (error);
  g_assert_true (shirabe_project_get_read_only (reader));
  g_assert_cmpuint (count_cases (reader), ==, 2);
  g_assert_true (shirabe_project_close (reader, &error));
  g_assert_no_error (error);
}

static void
test_another_process_reads_but_cannot_write (TestDir       *fixture,
                                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ShirabeProject) project = NULL;
  g_autofree char *path = NULL;
  g_autofree char *wal = NULL;

  if (g_test_subprocess ())
    {
      child_reads_but_cannot_write (g_getenv ("SHIRABE_TEST_PROJECT"));
      return;
    }

  project = project_with_a_case (fixture);
  path = g_strdup (shirabe_project_get_path (project));
  wal = g_strconcat (path, "-wal", NULL);
  shirabe_project_add_case (project, "Case 2", &error);
  g_assert_no_error (error);
  g_assert_true (g_file_test (wal, G_FILE_TEST_EXISTS));

  g_setenv ("SHIRABE_TEST_PROJECT", path, TRUE);
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();

  /* The reader folded nothing and deleted nothing: this connection goes on writing. */
  g_assert_true (g_file_test (wal, G_FILE_TEST_EXISTS));
  shirabe_project_add_case (project, "Case 3", &error);
  g_assert_no_error (error);
  g_assert_true (shirabe_project_close (project, &error));
  g_assert_no_error (error);
  g_clear_object (&project);

  project = shirabe_project_open (path, SHIRABE_PROJECT_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (count_cases (project), ==, 3);
}

/* Importing the folder that holds the project must not read the project's own files. */
static void
test_import_refuses_the_open_project (TestDir       *fixture,
                                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ShirabeProject) project = project_with_a_case (fixture);
  g_autoptr(GPtrArray) results = NULL;
  g_autofree char *text = test_dir_path (fixture, "interview.txt");
  g_autofree char *wal = NULL;
  const char *path = shirabe_project_get_path (project);
  const char *paths[4];

  wal = g_strconcat (path, "-wal", NULL);
  g_assert_true (g_file_set_contents (text, "She was told she owed a debt.\n", -1, NULL));
  paths[0] = path;
  paths[1] = wal;
  paths[2] = text;
  paths[3] = NULL;
  g_assert_true (holds_shared_lock (path));

  g_assert_cmpint (shirabe_project_import_files (project, paths, NULL, NULL, NULL, NULL,
                                                 &results, &error), ==, 1);
  g_assert_no_error (error);
  for (guint i = 0; i < 2; i++)
    {
      ShirabeImportResult *result = g_ptr_array_index (results, i);

      g_assert_nonnull (result->error);
      g_assert_nonnull (strstr (result->error->message, "is part of a Shirabe project that is open"));
    }
  g_assert_null (((ShirabeImportResult *) g_ptr_array_index (results, 2))->error);
  g_assert_true (holds_shared_lock (path));
}

/* Once closed, the project is free for another process to write. */
static void
child_writes (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ShirabeProject) writer = shirabe_project_open (path, SHIRABE_PROJECT_DEFAULT, &error);

  g_assert_no_error (error);
  g_assert_false (shirabe_project_get_read_only (writer));
  shirabe_project_add_case (writer, "Case 2", &error);
  g_assert_no_error (error);
}

static void
test_closed_project_is_free (TestDir       *fixture,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ShirabeProject) project = NULL;
  g_autofree char *path = NULL;

  if (g_test_subprocess ())
    {
      child_writes (g_getenv ("SHIRABE_TEST_PROJECT"));
      return;
    }
  project = project_with_a_case (fixture);
  path = g_strdup (shirabe_project_get_path (project));
  g_assert_true (shirabe_project_close (project, &error));
  g_assert_no_error (error);

  g_setenv ("SHIRABE_TEST_PROJECT", path, TRUE);
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
  g_clear_object (&project);
  project = shirabe_project_open (path, SHIRABE_PROJECT_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (count_cases (project), ==, 2);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, TestDir, NULL, test_dir_setup, func, test_dir_teardown)
  ADD ("/core/guard/a-second-connection-keeps-the-first-ones-locks",
       test_second_connection_keeps_the_locks);
  ADD ("/core/guard/another-process-reads-but-cannot-write", test_another_process_reads_but_cannot_write);
  ADD ("/core/guard/import-refuses-the-open-projects-files", test_import_refuses_the_open_project);
  ADD ("/core/guard/a-closed-project-is-free-to-write", test_closed_project_is_free);
#undef ADD
  return g_test_run ();
}
