/* test-new-project.c: copies of the sample project in the user's data folder
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "shirabe-i18n.h"

#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "shirabe.h"
#include "shirabe-new-project.h"
#include "app-test-util.h"

/* $XDG_DATA_HOME, named with a byte that is not UTF-8 as a folder from an old system may be. */
static char *data_home;

/* Takes every name a copy of the sample could have on @day. */
static void
fill_copies_of_day (const char *folder,
                    GDateTime  *day)
{
  g_autofree char *date = g_date_time_format (day, "%Y-%m-%d");

  for (guint n = 1; n < 10000; n++)
    {
      g_autofree char *name = n == 1 ? g_strdup_printf ("sample-%s.shirabe", date)
                                     : g_strdup_printf ("sample-%s-%u.shirabe", date, n);
      g_autofree char *path = g_build_filename (folder, name, NULL);
      int fd = g_open (path, O_WRONLY | O_CREAT | O_CLOEXEC, 0644);

      g_assert_cmpint (fd, >=, 0);
      close (fd);
    }
}

static void
test_a_full_folder_is_named_for_display (void)
{
  g_autofree char *folder = g_build_filename (data_home, "shirabe", NULL);
  g_autofree char *display = g_filename_display_name (folder);
  g_autofree char *expected = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GDateTime) today = g_date_time_new_now_local ();
  g_autoptr(GDateTime) tomorrow = g_date_time_add_days (today, 1);
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_mkdir_with_parents (folder, 0755), ==, 0);
  /* Tomorrow too, should the test run across midnight. */
  fill_copies_of_day (folder, today);
  fill_copies_of_day (folder, tomorrow);

  path = shirabe_new_sample_project (NULL, &error);
  g_assert_null (path);
  g_assert_error (error, SHIRABE_ERROR, SHIRABE_ERROR_EXISTS);
  /* The message is shown in a dialog: text, with the folder as the user reads its name. */
  g_assert_true (g_utf8_validate (error->message, -1, NULL));
  expected = g_strdup_printf ("The folder “%s” already holds too many copies of the sample "
                              "project", display);
  g_assert_cmpstr (error->message, ==, expected);
  rm_rf (folder);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *tmp = NULL;
  int status;

  /* Before GLib reads it. */
  tmp = g_dir_make_tmp ("shirabe-new-project-XXXXXX", &error);
  g_assert_no_error (error);
  data_home = g_build_filename (tmp, "data-\xe9t\xe9", NULL);
  g_assert_cmpint (g_mkdir (data_home, 0700), ==, 0);
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/app/new-project/a-full-folder-is-named-for-display",
                   test_a_full_folder_is_named_for_display);

  status = g_test_run ();
  rm_rf (tmp);
  g_free (data_home);
  return status;
}
