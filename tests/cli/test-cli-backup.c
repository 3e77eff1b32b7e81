/* test-cli-backup.c: shirabe-cli backups and restore
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include "cli-test-util.h"

/* A project with Case A, then Case B added by a second command: the second command's first
 * edit is preceded by the day's snapshot, which holds Case A alone. */
static void
make_project (CliFixture *fixture)
{
  g_autoptr(CliRun) a = NULL;
  g_autoptr(CliRun) b = NULL;
  g_autofree char *path = cli_path (fixture, "p.shirabe");

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    cli_new_project (fixture);
  a = cli_run (fixture, "new-case", "p.shirabe", "Case A", NULL);
  cli_assert_ok (a);
  b = cli_run (fixture, "new-case", "p.shirabe", "Case B", NULL);
  cli_assert_ok (b);
}

static void
test_backups_are_listed_with_their_contents (CliFixture    *fixture,
                                             gconstpointer  data)
{
  g_autoptr(CliRun) none = NULL;
  g_autoptr(CliRun) table = NULL;
  g_autoptr(CliRun) json = NULL;
  g_autoptr(JsonArray) array = NULL;
  JsonObject *first;

  cli_new_project (fixture);
  none = cli_run (fixture, "backups", "p.shirabe", NULL);
  cli_assert_ok (none);
  cli_assert_contains (none->out_text, "“p.shirabe” has no backup copies yet.");

  make_project (fixture);
  table = cli_run (fixture, "backups", "p.shirabe", NULL);
  cli_assert_ok (table);
  cli_assert_contains (table->out_text, "No.  Made");
  cli_assert_contains (table->out_text, "daily");
  cli_assert_contains (table->out_text, "p.backups/p.daily-");

  json = cli_run (fixture, "backups", "p.shirabe", "--json", NULL);
  cli_assert_ok (json);
  array = cli_json_array (json);
  g_assert_cmpuint (json_array_get_length (array), ==, 1);
  first = json_array_get_object_element (array, 0);
  g_assert_cmpint (json_object_get_int_member (first, "number"), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (first, "reason"), ==, "daily");
  g_assert_cmpint (json_object_get_int_member (first, "n_narratives"), ==, 0);
  g_assert_cmpint (json_object_get_int_member (first, "size"), >, 0);
}

static void
test_restore_puts_a_backup_back_and_keeps_the_project (CliFixture    *fixture,
                                                       gconstpointer  data)
{
  g_autoptr(CliRun) restore = NULL;
  g_autoptr(CliRun) cases = NULL;
  g_autoptr(CliRun) json = NULL;
  g_autoptr(CliRun) back = NULL;
  g_autoptr(CliRun) check = NULL;
  g_autoptr(JsonArray) array = NULL;

  make_project (fixture);
  restore = cli_run (fixture, "restore", "p.shirabe", "1", NULL);
  cli_assert_ok (restore);
  cli_assert_contains (restore->out_text, "Restored “p.shirabe”; the project as it was is kept "
                                          "as “p.backups/p.before-restore-");
  cases = cli_run (fixture, "cases", "p.shirabe", NULL);
  cli_assert_ok (cases);
  cli_assert_contains (cases->out_text, "Case A");
  g_assert_null (strstr (cases->out_text, "Case B"));
  check = cli_run (fixture, "check", "p.shirabe", NULL);
  cli_assert_ok (check);

  /* The project as it was is the newest copy: restoring it brings Case B back. */
  json = cli_run (fixture, "backups", "p.shirabe", "--json", NULL);
  array = cli_json_array (json);
  g_assert_cmpuint (json_array_get_length (array), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (array, 0),
                                                  "reason"), ==, "before-restore");
  back = cli_run (fixture, "restore", "p.shirabe", "1", NULL);
  cli_assert_ok (back);
  cases = (cli_run_free (cases), cli_run (fixture, "cases", "p.shirabe", NULL));
  cli_assert_contains (cases->out_text, "Case B");
}

static void
test_restore_refuses_while_the_project_is_open (CliFixture    *fixture,
                                                gconstpointer  data)
{
  g_autoptr(CliRun) restore = NULL;
  g_autoptr(CliRun) missing = NULL;
  g_autofree char *path = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  int fd;

  make_project (fixture);
  path = cli_path (fixture, "p.shirabe");
  before = cli_checksum_file (fixture, "p.shirabe");
  fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);
  g_assert_cmpint (flock (fd, LOCK_EX | LOCK_NB), ==, 0);
  restore = cli_run (fixture, "restore", "p.shirabe", "1", NULL);
  g_assert_cmpint (restore->status, ==, 2);
  cli_assert_contains (restore->err, "“p.shirabe” was not restored, and is as it was");
  cli_assert_contains (restore->err, "open in another Shirabe window or program");
  close (fd);
  after = cli_checksum_file (fixture, "p.shirabe");
  g_assert_cmpstr (before, ==, after);

  missing = cli_run (fixture, "restore", "p.shirabe", "7", NULL);
  g_assert_cmpint (missing->status, ==, 2);
  cli_assert_contains (missing->err, "“p.shirabe” has 1 backup copy; there is no number 7");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define add_test(path, func) \
  g_test_add (path, CliFixture, NULL, cli_fixture_setup, func, cli_fixture_teardown)

  add_test ("/cli/backup/backups-are-listed-with-their-contents",
            test_backups_are_listed_with_their_contents);
  add_test ("/cli/backup/restore-puts-a-backup-back-and-keeps-the-project",
            test_restore_puts_a_backup_back_and_keeps_the_project);
  add_test ("/cli/backup/restore-refuses-while-the-project-is-open",
            test_restore_refuses_while_the_project_is_open);

  return g_test_run ();
}
