/* shirabe-window-actions.c: the window's actions for the left pane and the dialogs
 *
 * Kept apart from shirabe-window.c so that the window's own file stays about keeping its
 * views in step; everything here reaches the window through its public functions.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "shirabe-i18n.h"

#include "shirabe-export-dialog.h"
#include "shirabe-import-dialog.h"
#include "shirabe-window-actions.h"

static const char * const project_actions[] = {
  "win.set-status",
  "win.import",
  "win.import-folder",
  "win.export",
};

/* Import */

static void
import_files (ShirabeWindow *self,
              GFile * const *files,
              guint          n_files)
{
  g_auto(GStrv) paths = shirabe_import_collect_paths (files, n_files);

  if (paths[0] == NULL)
    {
      shirabe_window_add_toast (self, adw_toast_new (_("There is no file to import")));
      return;
    }
  shirabe_import_ask (self, (const char * const *) paths);
}

static void
on_import_response (GtkNativeDialog *chooser,
                    int              response,
                    ShirabeWindow   *self)
{
  g_autoptr(GListModel) files = NULL;
  g_autoptr(GPtrArray) array = g_ptr_array_new_with_free_func (g_object_unref);

  if (response == GTK_RESPONSE_ACCEPT)
    {
      files = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (chooser));
      for (guint i = 0; i < g_list_model_get_n_items (files); i++)
        g_ptr_array_add (array, g_list_model_get_item (files, i));
    }
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
  if (array->len > 0)
    import_files (self, (GFile * const *) array->pdata, array->len);
}

static void
show_import_chooser (ShirabeWindow        *self,
                     GtkFileChooserAction  action)
{
  GtkFileChooserNative *chooser;

  if (action == GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER)
    chooser = gtk_file_chooser_native_new (_("Import a Folder of Narratives"), GTK_WINDOW (self),
                                           action, _("_Import"), NULL);
  else
    {
      g_autoptr(GtkFileFilter) text = gtk_file_filter_new ();
      g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();

      chooser = gtk_file_chooser_native_new (_("Import Narratives"), GTK_WINDOW (self), action,
                                             _("_Import"), NULL);
      gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (chooser), TRUE);
      gtk_file_filter_set_name (text, _("Text, Word, OpenDocument, PDF, Web and Markdown Files"));
      gtk_file_filter_add_mime_type (text, "application/pdf");
      gtk_file_filter_add_pattern (text, "*.pdf");
      gtk_file_filter_add_mime_type (text, "text/plain");
      gtk_file_filter_add_mime_type (text, "text/html");
      gtk_file_filter_add_mime_type (text, "text/markdown");
      gtk_file_filter_add_mime_type (text,
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document");
      gtk_file_filter_add_mime_type (text, "application/vnd.oasis.opendocument.text");
      gtk_file_filter_add_pattern (text, "*.txt");
      gtk_file_filter_add_pattern (text, "*.docx");
      gtk_file_filter_add_pattern (text, "*.odt");
      gtk_file_filter_add_pattern (text, "*.html");
      gtk_file_filter_add_pattern (text, "*.htm");
      gtk_file_filter_add_pattern (text, "*.md");
      gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), text);
      gtk_file_filter_set_name (all, _("All Files"));
      gtk_file_filter_add_pattern (all, "*");
      gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), all);
    }
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect_object (chooser, "response", G_CALLBACK (on_import_response), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
import_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  show_import_chooser (SHIRABE_WINDOW (widget), GTK_FILE_CHOOSER_ACTION_OPEN);
}

static void
import_folder_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  show_import_chooser (SHIRABE_WINDOW (widget), GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER);
}

static gboolean
on_drop (GtkDropTarget *target,
         const GValue  *value,
         double         x,
         double         y,
         ShirabeWindow *self)
{
  GSList *list = g_value_get_boxed (value);
  g_autoptr(GPtrArray) files = g_ptr_array_new ();

  if (shirabe_window_get_project (self) == NULL)
    return FALSE;
  for (GSList *l = list; l != NULL; l = l->next)
    g_ptr_array_add (files, l->data);
  /* The import runs in a worker thread; the drop is done at once. */
  import_files (self, (GFile * const *) files->pdata, files->len);
  return TRUE;
}

/* Export */

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  ShirabeWindow *self = SHIRABE_WINDOW (widget);
  g_autoptr(GError) error = NULL;
  ShirabeExportDialog *dialog;

  if (shirabe_window_get_project (self) == NULL)
    return;
  dialog = shirabe_export_dialog_new (self, &error);
  if (dialog == NULL)
    {
      shirabe_window_show_error (self, _("Nothing was exported"), error);
      return;
    }
  gtk_window_present (GTK_WINDOW (dialog));
}

/* The folder an export went to, from its toast. */
static void
show_folder_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  gtk_show_uri (GTK_WINDOW (widget), g_variant_get_string (parameter, NULL), GDK_CURRENT_TIME);
}

/* Search */

static void
search_narrative_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  shirabe_reader_start_search (shirabe_window_get_reader (SHIRABE_WINDOW (widget)));
}

static void
filter_narratives_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  gtk_widget_activate_action (GTK_WIDGET (shirabe_window_get_sidebar (SHIRABE_WINDOW (widget))),
                              "sidebar.filter", NULL);
}

/* Coding status */

static void
set_status_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  ShirabeWindow *self = SHIRABE_WINDOW (widget);
  g_autoptr(GError) error = NULL;

  if (!shirabe_sidebar_set_selected_status (shirabe_window_get_sidebar (self),
                                            g_variant_get_string (parameter, NULL), &error))
    shirabe_window_show_error (self, _("The coding status was not changed"), error);
}

void
shirabe_window_actions_install (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.set-status", "s", set_status_action);
  gtk_widget_class_install_action (widget_class, "win.import", NULL, import_action);
  gtk_widget_class_install_action (widget_class, "win.import-folder", NULL,
                                   import_folder_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_i, GDK_CONTROL_MASK,
                                       "win.import", NULL);
  gtk_widget_class_install_action (widget_class, "win.export", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "win.show-folder", "s", show_folder_action);
  gtk_widget_class_install_action (widget_class, "win.search-narrative", NULL,
                                   search_narrative_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK,
                                       "win.search-narrative", NULL);
  /* From anywhere in the window, not only from the narrative list. */
  gtk_widget_class_install_action (widget_class, "win.filter-narratives", NULL,
                                   filter_narratives_action);
  /* Ctrl+Shift+L, the narrative list's filter; Ctrl+Shift+F searches every narrative. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_l,
                                       GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.filter-narratives", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_L,
                                       GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.filter-narratives", NULL);
  /* Ctrl+E opens the code picker in the reader. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e,
                                       GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.export", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_E,
                                       GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.export", NULL);
}

void
shirabe_window_actions_init (ShirabeWindow *self)
{
  GtkDropTarget *drop = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);

  g_signal_connect_object (drop, "drop", G_CALLBACK (on_drop), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));
  shirabe_window_actions_update (self);
}

void
shirabe_window_actions_update (ShirabeWindow *self)
{
  gboolean has_project = shirabe_window_get_project (self) != NULL;

  for (guint i = 0; i < G_N_ELEMENTS (project_actions); i++)
    gtk_widget_action_set_enabled (GTK_WIDGET (self), project_actions[i], has_project);
}
