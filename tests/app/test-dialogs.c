/* test-dialogs.c: the import dialog (and the other dialogs of the window)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "shirabe-i18n.h"

#include <string.h>

#include <glib/gstdio.h>

#include "shirabe.h"
#include "shirabe-import-dialog.h"
#include "shirabe-window.h"

typedef struct
{
  char          *dir;
  ShirabeWindow *window;
} Fixture;

static void
rm_rf (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);
      g_unlink (child);
    }
  g_rmdir (path);
}

static void
wait_until_idle (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ShirabeProject) project = NULL;
  g_autofree char *path = NULL;

  fixture->dir = g_dir_make_tmp ("shirabe-dialogs-test-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (fixture->dir, "study.shirabe", NULL);
  project = shirabe_project_create (path, "Study", SHIRABE_PROJECT_DEFAULT, &error);
  g_assert_no_error (error);

  fixture->window = g_object_ref_sink (shirabe_window_new (NULL));
  shirabe_window_set_project (fixture->window, project);
  gtk_window_present (GTK_WINDOW (fixture->window));
  wait_until_idle ();
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  shirabe_project_close (shirabe_window_get_project (fixture->window), &error);
  g_assert_no_error (error);
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  g_clear_object (&fixture->window);
  wait_until_idle ();
  rm_rf (fixture->dir);
  g_free (fixture->dir);
}

static void
collect_rows (GtkWidget *widget,
              GPtrArray *rows)
{
  if (ADW_IS_ACTION_ROW (widget))
    g_ptr_array_add (rows, widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_rows (child, rows);
}

static void
test_import_reports_imported_and_refused_files (Fixture       *fixture,
                                                gconstpointer  data)
{
  static const char japanese[] = "彼女は東京の店で働かされ、借金を返すまで帰国できないと言われた。\n";
  static const char binary[] = { 'P', 'K', 3, 4, 0, 0, 0, 0, 0, 1, 2, 3, 0, 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *sjis = NULL;
  g_autofree char *sjis_path = g_build_filename (fixture->dir, "聞き取り.txt", NULL);
  g_autofree char *binary_path = g_build_filename (fixture->dir, "scan.txt", NULL);
  const char *paths[] = { sjis_path, binary_path, NULL };
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();
  g_autoptr(GPtrArray) narratives = NULL;
  g_autofree char *text = NULL;
  g_autofree char *encoding = NULL;
  ShirabeProject *project = shirabe_window_get_project (fixture->window);
  GListModel *model = shirabe_sidebar_get_model (shirabe_window_get_sidebar (fixture->window));
  AdwMessageDialog *dialog;
  gsize sjis_length = 0;

  sjis = g_convert (japanese, -1, "SHIFT_JIS", "UTF-8", NULL, &sjis_length, &error);
  g_assert_no_error (error);
  g_file_set_contents (sjis_path, sjis, sjis_length, &error);
  g_assert_no_error (error);
  g_file_set_contents (binary_path, binary, sizeof binary, &error);
  g_assert_no_error (error);

  dialog = shirabe_import_run (fixture->window, paths);
  g_assert_nonnull (dialog);
  wait_until_idle ();

  /* The project has the narrative, its text decoded. */
  narratives = shirabe_project_list_narratives (project, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (narratives->len, ==, 1);
  text = shirabe_project_dup_narrative_text (project,
                                             ((ShirabeNarrative *) narratives->pdata[0])->id,
                                             &error);
  g_assert_no_error (error);
  g_assert_cmpstr (text, ==, japanese);
  /* The sidebar shows it under its case. */
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 2);

  /* The dialog says so, and names the refused file with the core's reason. */
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "1 Narrative Imported");
  collect_rows (adw_message_dialog_get_extra_child (dialog), rows);
  g_assert_cmpuint (rows->len, ==, 2);
  g_assert_cmpstr (adw_preferences_row_get_title (rows->pdata[0]), ==, "聞き取り.txt");
  encoding = g_ascii_strdown (adw_action_row_get_subtitle (rows->pdata[0]), -1);
  g_assert_nonnull (strstr (encoding, "shift_jis"));
  g_assert_cmpstr (adw_preferences_row_get_title (rows->pdata[1]), ==, "scan.txt");
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (rows->pdata[1]), "scan.txt"));
  gtk_window_destroy (GTK_WINDOW (dialog));

  /* One undo takes the whole import back. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.undo", NULL));
  wait_until_idle ();
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 0);
}

int
main (int    argc,
      char **argv)
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/app/dialogs/import-reports-imported-and-refused-files",
       test_import_reports_imported_and_refused_files);
#undef ADD

  return g_test_run ();
}
