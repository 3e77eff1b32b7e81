/* test-repair.c: a project whose code tree has a loop is not shown with codes missing
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "shirabe-i18n.h"

#include <string.h>

#include <sqlite3.h>
#include <glib/gstdio.h>

#include "shirabe.h"
#include "shirabe-window.h"
#include "app-test-util.h"

static AdwMessageDialog *
find_message_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return ADW_MESSAGE_DIALOG (window);
    }
  return NULL;
}

static void
test_a_loop_is_shown_and_repaired_after_a_backup (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("shirabe-repair-test-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "study.shirabe", NULL);
  g_autoptr(ShirabeProject) project = NULL;
  g_autoptr(GPtrArray) codes = NULL;
  g_autoptr(GArray) loops = NULL;
  ShirabeWindow *window;
  AdwMessageDialog *dialog;
  ShirabeCodeSpec spec = { .label_en = "Coercion" };
  gint64 parent, child;
  sqlite3 *db = NULL;
  guint n_backups = 0;

  g_assert_no_error (error);
  project = shirabe_project_create (path, "Study", SHIRABE_PROJECT_NO_HISTORY, &error);
  g_assert_no_error (error);
  parent = shirabe_project_add_code (project, &spec, &error);
  spec = (ShirabeCodeSpec) { .label_en = "Debt bondage", .parent_id = parent };
  child = shirabe_project_add_code (project, &spec, &error);
  g_assert_no_error (error);
  g_assert_true (shirabe_project_close (project, &error));
  g_clear_object (&project);
  /* Damaged by another program: the parent becomes its child's child. */
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  {
    g_autofree char *sql = g_strdup_printf ("UPDATE code SET parent_id = %" G_GINT64_FORMAT
                                            " WHERE id = %" G_GINT64_FORMAT, child, parent);

    g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  }
  sqlite3_close (db);

  project = shirabe_project_open (path, SHIRABE_PROJECT_DEFAULT, &error);
  g_assert_no_error (error);
  window = g_object_ref_sink (shirabe_window_new (NULL));
  gtk_window_present (GTK_WINDOW (window));
  shirabe_window_set_project (window, project);
  wait_until_idle ();

  /* Opening says so, naming the codes, and offers the repair. */
  dialog = find_message_dialog ();
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "The Code Tree Has a Loop");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "“Coercion”"));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "“Debt bondage”"));
  g_assert_true (adw_message_dialog_has_response (dialog, "repair"));
  adw_message_dialog_response (dialog, "repair");
  wait_until_idle ();

  /* Repaired: no loop left, both codes in the tree, and a backup in the project's backup
   * folder. */
  g_assert_true (shirabe_project_find_code_loops (project, &loops, &error));
  g_assert_cmpuint (loops->len, ==, 0);
  codes = shirabe_project_list_codes (project, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (codes->len, ==, 2);
  {
    g_autofree char *backups = g_build_filename (dir, "study.backups", NULL);
    g_autoptr(GDir) folder = g_dir_open (backups, 0, NULL);
    const char *name;

    while (folder != NULL && (name = g_dir_read_name (folder)) != NULL)
      n_backups += g_str_has_prefix (name, "study.before-repair-");
  }
  g_assert_cmpuint (n_backups, ==, 1);

  g_assert_true (shirabe_project_close (project, &error));
  gtk_window_destroy (GTK_WINDOW (window));
  g_object_unref (window);
  wait_until_idle ();
  rm_rf (dir);
}

static void
test_a_planted_trigger_is_named_and_removed (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("shirabe-repair-test-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "study.shirabe", NULL);
  g_autoptr(ShirabeProject) project = NULL;
  ShirabeWindow *window;
  AdwMessageDialog *dialog;
  sqlite3 *db = NULL;

  g_assert_no_error (error);
  project = shirabe_project_create (path, "Study", SHIRABE_PROJECT_NO_HISTORY, &error);
  g_assert_no_error (error);
  g_assert_true (shirabe_project_close (project, &error));
  g_clear_object (&project);
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "CREATE TRIGGER evil AFTER INSERT ON cases BEGIN"
                                     " DELETE FROM code; END;", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  project = shirabe_project_open (path, SHIRABE_PROJECT_DEFAULT, &error);
  g_assert_no_error (error);
  /* Read-only while the trigger is there: it cannot run. */
  g_assert_true (shirabe_project_get_read_only (project));
  window = g_object_ref_sink (shirabe_window_new (NULL));
  gtk_window_present (GTK_WINDOW (window));
  shirabe_window_set_project (window, project);
  wait_until_idle ();

  dialog = find_message_dialog ();
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==,
                   "This Project Was Changed Outside Shirabe");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "trigger “evil”"));
  adw_message_dialog_response (dialog, "repair");
  wait_until_idle ();

  /* Gone, and the project can be edited. */
  g_assert_null (shirabe_project_get_foreign_objects (project));
  g_assert_false (shirabe_project_get_read_only (project));
  g_assert_cmpint (shirabe_project_add_case (project, "Case A", &error), >, 0);
  g_assert_no_error (error);

  g_assert_true (shirabe_project_close (project, &error));
  gtk_window_destroy (GTK_WINDOW (window));
  g_object_unref (window);
  wait_until_idle ();
  rm_rf (dir);
}

static void
test_a_planted_view_and_table_are_named_and_removed (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("shirabe-repair-test-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "study.shirabe", NULL);
  g_autoptr(ShirabeProject) project = NULL;
  ShirabeWindow *window;
  AdwMessageDialog *dialog;
  sqlite3 *db = NULL;

  g_assert_no_error (error);
  project = shirabe_project_create (path, "Study", SHIRABE_PROJECT_NO_HISTORY, &error);
  g_assert_no_error (error);
  g_assert_true (shirabe_project_close (project, &error));
  g_clear_object (&project);
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "CREATE VIEW peek AS SELECT title FROM narrative;"
                                     "CREATE TABLE stash (x);", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  project = shirabe_project_open (path, SHIRABE_PROJECT_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_true (shirabe_project_get_read_only (project));
  window = g_object_ref_sink (shirabe_window_new (NULL));
  gtk_window_present (GTK_WINDOW (window));
  shirabe_window_set_project (window, project);
  wait_until_idle ();

  dialog = find_message_dialog ();
  g_assert_nonnull (dialog);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "view “peek”"));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "table “stash”"));
  adw_message_dialog_response (dialog, "repair");
  wait_until_idle ();

  g_assert_null (shirabe_project_get_foreign_objects (project));
  g_assert_false (shirabe_project_get_read_only (project));
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

  g_test_add_func ("/app/repair/a-loop-is-shown-and-repaired-after-a-backup",
                   test_a_loop_is_shown_and_repaired_after_a_backup);
  g_test_add_func ("/app/repair/a-planted-trigger-is-named-and-removed",
                   test_a_planted_trigger_is_named_and_removed);

  g_test_add_func ("/app/repair/a-planted-view-and-table-are-named-and-removed",
                   test_a_planted_view_and_table_are_named_and_removed);

  return g_test_run ();
}
