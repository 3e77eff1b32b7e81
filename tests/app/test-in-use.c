/* test-in-use.c: a project another program is reading opens read-only, then becomes editable
 *
 * The other program is util-linux's flock(1) holding the shared lock shirabe-cli takes while
 * it reads (see shirabe-guard.c), as `shirabe-cli text P | less` would.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "shirabe-i18n.h"

#include <string.h>

#include <glib/gstdio.h>

#include "shirabe.h"
#include "shirabe-window.h"
#include "app-test-util.h"

static gboolean
has_label (GtkWidget  *widget,
           const char *prefix)
{
  if (GTK_IS_LABEL (widget) &&
      g_str_has_prefix (gtk_label_get_text (GTK_LABEL (widget)), prefix))
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (has_label (child, prefix))
      return TRUE;
  return FALSE;
}

static void
test_a_reader_elsewhere_never_keeps_the_window_out (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("shirabe-in-use-test-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "study.shirabe", NULL);
  g_autoptr(ShirabeProject) created = NULL;
  g_autoptr(GSubprocess) reader = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (path);
  ShirabeProject *project;
  ShirabeWindow *window;
  gint64 deadline;

  g_assert_no_error (error);
  created = shirabe_project_create (path, "Study", SHIRABE_PROJECT_NO_HISTORY, &error);
  g_assert_no_error (error);
  g_assert_true (shirabe_project_close (created, &error));

  /* Another program reads the project, and keeps it open. */
  reader = g_subprocess_new (G_SUBPROCESS_FLAGS_NONE, &error, "flock", "--shared", "--no-fork", path,
                             "sleep", "60", NULL);
  g_assert_no_error (error);
  g_usleep (300000);

  window = g_object_ref_sink (shirabe_window_new (NULL));
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (shirabe_window_open_file (window, file, &error));
  g_assert_no_error (error);
  wait_until_idle ();

  /* It opens, read-only, saying why. */
  project = shirabe_window_get_project (window);
  g_assert_nonnull (project);
  g_assert_true (shirabe_project_get_read_only (project));
  g_assert_true (has_label (GTK_WIDGET (window), "“Study” is open in another program"));
  g_assert_cmpint (shirabe_project_add_case (project, "Case A", &error), ==, 0);
  g_assert_error (error, SHIRABE_ERROR, SHIRABE_ERROR_READ_ONLY);
  g_clear_error (&error);

  /* The reader ends: the window can edit, by itself, within a few seconds. */
  g_subprocess_force_exit (reader);
  g_subprocess_wait (reader, NULL, NULL);
  deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  while (shirabe_project_get_read_only (project) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (shirabe_project_get_read_only (project));
  wait_until_idle ();
  g_assert_true (has_label (GTK_WIDGET (window), "“Study” can be edited again"));
  g_assert_cmpint (shirabe_project_add_case (project, "Case A", &error), >, 0);
  g_assert_no_error (error);

  g_assert_true (shirabe_project_close (project, &error));
  gtk_window_destroy (GTK_WINDOW (window));
  g_object_unref (window);
  wait_until_idle ();
  rm_rf (dir);
}

int
main (int    argc,
      char **argv)
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/app/in-use/a-reader-elsewhere-never-keeps-the-window-out",
                   test_a_reader_elsewhere_never_keeps_the_window_out);

  return g_test_run ();
}
