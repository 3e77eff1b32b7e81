/* test-restore.c: Restore From Backup: the list, a read-only look, and a restore that keeps
 * the project as it was
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "shirabe-i18n.h"

#include <string.h>

#include <glib/gstdio.h>

#include "shirabe.h"
#include "shirabe-restore-dialog.h"
#include "shirabe-window.h"
#include "app-test-util.h"

static ShirabeRestoreDialog *
find_restore_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (SHIRABE_IS_RESTORE_DIALOG (window))
        return SHIRABE_RESTORE_DIALOG (window);
    }
  return NULL;
}

static guint
count_cases (ShirabeProject *project)
{
  g_autoptr(GPtrArray) cases = shirabe_project_list_cases (project, NULL);

  return cases != NULL ? cases->len : 0;
}

static void
test_a_backup_is_looked_at_then_restored (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("shirabe-restore-test-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "study.shirabe", NULL);
  g_autoptr(ShirabeProject) project = NULL;
  g_autoptr(GPtrArray) backups = NULL;
  ShirabeRestoreDialog *dialog;
  ShirabeWindow *window;
  ShirabeWindow *look;
  ShirabeProject *looked;
  AdwMessageDialog *confirm;

  /* Case A, then the day's backup, then Case B and Case C. */
  project = shirabe_project_create (path, "Study", SHIRABE_PROJECT_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_cmpint (shirabe_project_add_case (project, "Case A", &error), >, 0);
  g_assert_cmpint (shirabe_project_add_case (project, "Case B", &error), >, 0);
  g_assert_cmpint (shirabe_project_add_case (project, "Case C", &error), >, 0);
  g_assert_no_error (error);

  window = g_object_ref_sink (shirabe_window_new (NULL));
  gtk_window_present (GTK_WINDOW (window));
  shirabe_window_set_project (window, project);
  g_clear_object (&project);
  wait_until_idle ();

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.restore-backup", NULL));
  wait_until_idle ();
  dialog = find_restore_dialog ();
  g_assert_nonnull (dialog);
  g_assert_cmpuint (shirabe_restore_dialog_get_n_backups (dialog), ==, 1);

  /* A look is a read-only window on the backup: one case. */
  look = shirabe_restore_dialog_look (dialog, 0);
  g_assert_nonnull (look);
  looked = shirabe_window_get_project (look);
  g_assert_true (shirabe_project_get_read_only (looked));
  g_assert_cmpuint (count_cases (looked), ==, 1);
  shirabe_project_close (looked, NULL);
  gtk_window_destroy (GTK_WINDOW (look));
  wait_until_idle ();

  /* Restoring asks first, Cancel being the default. */
  confirm = shirabe_restore_dialog_ask (dialog, 0);
  g_assert_cmpstr (adw_message_dialog_get_heading (confirm), ==, "Restore This Backup?");
  g_assert_cmpstr (adw_message_dialog_get_default_response (confirm), ==, "cancel");
  adw_message_dialog_response (confirm, "restore");
  wait_until_idle ();

  /* The window shows the restored project, writable, and the one it replaced is a backup. */
  g_assert_null (find_restore_dialog ());
  project = g_object_ref (shirabe_window_get_project (window));
  g_assert_nonnull (project);
  g_assert_false (shirabe_project_get_read_only (project));
  g_assert_cmpuint (count_cases (project), ==, 1);
  backups = shirabe_project_list_backups (path, &error);
  g_assert_cmpuint (backups->len, ==, 2);
  g_assert_cmpstr (((ShirabeBackup *) backups->pdata[0])->reason, ==, "before-restore");
  g_assert_cmpint (((ShirabeBackup *) backups->pdata[0])->n_narratives, ==, 0);

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

  g_test_add_func ("/app/restore/a-backup-is-looked-at-then-restored",
                   test_a_backup_is_looked_at_then_restored);

  return g_test_run ();
}
