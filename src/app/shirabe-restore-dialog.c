/* shirabe-restore-dialog.c: the project's backups, to look at or restore
 *
 * Each backup is listed with when and why it was made and how many narratives and codings it
 * holds. Look opens it read-only in a window of its own, so that a user can see what a restore
 * would bring back before choosing it; Restore asks, then closes the project, lets the core put
 * the backup in its place (keeping the project as it was as one more backup) and opens it again.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "shirabe-i18n.h"

#include "shirabe.h"
#include "shirabe-restore-dialog.h"

struct _ShirabeRestoreDialog
{
  AdwWindow      parent_instance;

  ShirabeWindow *window;
  GPtrArray     *backups;  /* ShirabeBackup, newest first */

  GtkStack      *stack;
  GtkListBox    *list;
};

G_DEFINE_FINAL_TYPE (ShirabeRestoreDialog, shirabe_restore_dialog, ADW_TYPE_WINDOW)

static void
shirabe_restore_dialog_dispose (GObject *object)
{
  ShirabeRestoreDialog *self = SHIRABE_RESTORE_DIALOG (object);

  g_clear_weak_pointer (&self->window);
  g_clear_pointer (&self->backups, g_ptr_array_unref);
  G_OBJECT_CLASS (shirabe_restore_dialog_parent_class)->dispose (object);
}

static void
shirabe_restore_dialog_class_init (ShirabeRestoreDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = shirabe_restore_dialog_dispose;
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/shirabe/Shirabe/"
                                               "shirabe-restore-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, ShirabeRestoreDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, ShirabeRestoreDialog, list);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
shirabe_restore_dialog_init (ShirabeRestoreDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

static char *
format_count (gint64 value)
{
  return value >= 0 ? g_strdup_printf ("%" G_GINT64_FORMAT, value) : g_strdup ("?");
}

static void
on_look_clicked (GtkButton            *button,
                 ShirabeRestoreDialog *self)
{
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "shirabe-index"));

  shirabe_restore_dialog_look (self, index);
}

static void
on_restore_clicked (GtkButton            *button,
                    ShirabeRestoreDialog *self)
{
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "shirabe-index"));

  shirabe_restore_dialog_ask (self, index);
}

static GtkWidget *
new_row (ShirabeRestoreDialog *self,
         guint                 index)
{
  const ShirabeBackup *backup = self->backups->pdata[index];
  g_autofree char *time = g_date_time_format (backup->time, "%Y-%m-%d %H:%M");
  /* Translators: a backup's title: when it was made and why ("daily", "before a merge") */
  g_autofree char *title = g_strdup_printf (_("%s, %s"), time,
                                            shirabe_backup_describe_reason (backup->reason));
  g_autofree char *n_narratives = format_count (backup->n_narratives);
  g_autofree char *n_codings = format_count (backup->n_codings);
  g_autofree char *size = g_format_size (backup->size);
  /* Translators: under a backup's date: what it holds and its size */
  g_autofree char *subtitle = g_strdup_printf (_("Narratives: %s · Codings: %s · %s"),
                                               n_narratives, n_codings, size);
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *look = gtk_button_new_with_label (_("Look"));
  GtkWidget *restore = gtk_button_new_with_label (_("Restore…"));

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  for (GtkWidget *button = look; button != NULL; button = button == look ? restore : NULL)
    {
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      g_object_set_data (G_OBJECT (button), "shirabe-index", GUINT_TO_POINTER (index));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
    }
  gtk_widget_set_tooltip_text (look, _("Open this backup read-only in a new window"));
  g_signal_connect (look, "clicked", G_CALLBACK (on_look_clicked), self);
  g_signal_connect (restore, "clicked", G_CALLBACK (on_restore_clicked), self);
  return row;
}

/**
 * shirabe_restore_dialog_new:
 *
 * Returns: (transfer none): the dialog, shown over @window
 */
ShirabeRestoreDialog *
shirabe_restore_dialog_new (ShirabeWindow *window)
{
  ShirabeRestoreDialog *self;
  ShirabeProject *project;
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (SHIRABE_IS_WINDOW (window), NULL);
  project = shirabe_window_get_project (window);
  g_return_val_if_fail (project != NULL, NULL);

  self = g_object_new (SHIRABE_TYPE_RESTORE_DIALOG, "transient-for", window, NULL);
  g_set_weak_pointer (&self->window, window);
  self->backups = shirabe_project_list_backups (shirabe_project_get_path (project), &error);
  if (self->backups == NULL)
    self->backups = g_ptr_array_new ();
  for (guint i = 0; i < self->backups->len; i++)
    gtk_list_box_append (self->list, new_row (self, i));
  gtk_stack_set_visible_child_name (self->stack, self->backups->len > 0 ? "list" : "empty");
  gtk_window_present (GTK_WINDOW (self));
  return self;
}

guint
shirabe_restore_dialog_get_n_backups (ShirabeRestoreDialog *self)
{
  g_return_val_if_fail (SHIRABE_IS_RESTORE_DIALOG (self), 0);

  return self->backups->len;
}

/**
 * shirabe_restore_dialog_look:
 *
 * Returns: (transfer none) (nullable): the new window, or %NULL when the backup cannot be
 *   opened (the error is shown)
 */
ShirabeWindow *
shirabe_restore_dialog_look (ShirabeRestoreDialog *self,
                             guint                 index)
{
  g_autoptr(ShirabeProject) project = NULL;
  g_autoptr(GError) error = NULL;
  const ShirabeBackup *backup;
  ShirabeWindow *look;

  g_return_val_if_fail (SHIRABE_IS_RESTORE_DIALOG (self), NULL);
  g_return_val_if_fail (index < self->backups->len, NULL);

  backup = self->backups->pdata[index];
  project = shirabe_project_open (backup->path, SHIRABE_PROJECT_READ_ONLY, &error);
  if (project == NULL)
    {
      if (self->window != NULL)
        shirabe_window_show_error (self->window, _("The Backup Cannot Be Opened"), error);
      return NULL;
    }
  look = shirabe_window_new (self->window != NULL
                             ? gtk_window_get_application (GTK_WINDOW (self->window)) : NULL);
  shirabe_window_set_project (look, project);
  gtk_window_present (GTK_WINDOW (look));
  return look;
}

static gboolean
destroy_later (gpointer data)
{
  gtk_window_destroy (GTK_WINDOW (data));
  return G_SOURCE_REMOVE;
}

static void
on_confirm_response (AdwMessageDialog     *dialog,
                     const char           *response,
                     ShirabeRestoreDialog *self)
{
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (dialog), "shirabe-index"));
  const ShirabeBackup *backup = self->backups->pdata[index];
  g_autoptr(ShirabeProject) project = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) open_error = NULL;
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;
  g_autofree char *time = NULL;
  ShirabeWindow *window = self->window;
  gboolean restored;

  if (g_strcmp0 (response, "restore") != 0 || window == NULL ||
      shirabe_window_get_project (window) == NULL)
    return;

  /* The project is closed (its write-ahead log folded in) before the core replaces it. */
  project = g_object_ref (shirabe_window_get_project (window));
  path = g_strdup (shirabe_project_get_path (project));
  shirabe_window_set_project (window, NULL);
  restored = shirabe_project_close (project, &error) &&
             shirabe_project_restore_backup (path, backup->path, NULL, &error);
  file = g_file_new_for_path (path);
  if (!shirabe_window_open_file (window, file, &open_error))
    shirabe_window_show_error (window, _("The Project Cannot Be Opened"), open_error);
  if (restored)
    {
      g_autofree char *message = NULL;

      time = g_date_time_format (backup->time, "%Y-%m-%d %H:%M");
      message = g_strdup_printf (_("Restored the backup of %s; the project as it was is kept "
                                   "as a backup too"), time);
      shirabe_window_add_toast (window, adw_toast_new (message));
    }
  else
    shirabe_window_show_error (window, _("The Backup Was Not Restored"), error);
  /* The confirmation, transient for this dialog, closes after this handler: this one goes
   * once it has. */
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
  g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, destroy_later, g_object_ref (self), g_object_unref);
}

/**
 * shirabe_restore_dialog_ask:
 *
 * Returns: (transfer none): the confirmation dialog
 */
AdwMessageDialog *
shirabe_restore_dialog_ask (ShirabeRestoreDialog *self,
                            guint                 index)
{
  const ShirabeBackup *backup;
  g_autofree char *time = NULL;
  g_autofree char *body = NULL;
  GtkWidget *dialog;

  g_return_val_if_fail (SHIRABE_IS_RESTORE_DIALOG (self), NULL);
  g_return_val_if_fail (index < self->backups->len, NULL);

  backup = self->backups->pdata[index];
  time = g_date_time_format (backup->time, "%Y-%m-%d %H:%M");
  body = g_strdup_printf (_("The project goes back to how it was on %s. The project as it is "
                            "now is kept as a backup first, so this can be undone by "
                            "restoring that one."), time);
  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Restore This Backup?"), body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "restore", _("_Restore"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "restore",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data (G_OBJECT (dialog), "shirabe-index", GUINT_TO_POINTER (index));
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_confirm_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  return ADW_MESSAGE_DIALOG (dialog);
}
