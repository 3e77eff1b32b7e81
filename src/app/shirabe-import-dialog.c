/* shirabe-import-dialog.c: importing text files into the window's project, with progress
 *
 * The import runs on the main thread, on the window's own connection: a SQLite connection is
 * not shared between threads, and a worker with a connection of its own would write outside
 * the window's undo history. Between files, the core's progress callback lets the main loop
 * run, so the progress bar moves and Cancel is heard; the progress dialog is modal, so no
 * other edit can reach the project while its transaction is open.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "shirabe-i18n.h"

#include "shirabe-import-dialog.h"

typedef struct
{
  GtkProgressBar *bar;
  GCancellable   *cancellable;
} Progress;

static int
compare_paths (gconstpointer a,
               gconstpointer b)
{
  return g_utf8_collate (*(const char * const *) a, *(const char * const *) b);
}

static void
add_folder (GPtrArray *paths,
            GFile     *folder)
{
  g_autoptr(GFileEnumerator) children = NULL;
  g_autoptr(GPtrArray) found = g_ptr_array_new ();
  GFileInfo *info;

  children = g_file_enumerate_children (folder,
                                        G_FILE_ATTRIBUTE_STANDARD_NAME ","
                                        G_FILE_ATTRIBUTE_STANDARD_TYPE ","
                                        G_FILE_ATTRIBUTE_STANDARD_IS_HIDDEN,
                                        G_FILE_QUERY_INFO_NONE, NULL, NULL);
  if (children == NULL)
    {
      g_ptr_array_add (paths, g_file_get_path (folder));
      return;
    }
  while ((info = g_file_enumerator_next_file (children, NULL, NULL)) != NULL)
    {
      if (g_file_info_get_file_type (info) == G_FILE_TYPE_REGULAR &&
          !g_file_info_get_is_hidden (info))
        {
          g_autoptr(GFile) child = g_file_get_child (folder, g_file_info_get_name (info));

          g_ptr_array_add (found, g_file_get_path (child));
        }
      g_object_unref (info);
    }
  g_ptr_array_sort (found, compare_paths);
  for (guint i = 0; i < found->len; i++)
    g_ptr_array_add (paths, g_ptr_array_index (found, i));
}

char **
shirabe_import_collect_paths (GFile * const *files,
                              guint          n_files)
{
  GPtrArray *paths = g_ptr_array_new ();

  for (guint i = 0; i < n_files; i++)
    {
      char *path = g_file_get_path (files[i]);

      if (path == NULL)
        continue;
      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        {
          add_folder (paths, files[i]);
          g_free (path);
        }
      else
        g_ptr_array_add (paths, path);
    }
  g_ptr_array_add (paths, NULL);
  return (char **) g_ptr_array_free (paths, FALSE);
}

static void
on_progress (guint    done,
             guint    total,
             gpointer user_data)
{
  Progress *progress = user_data;
  g_autofree char *text = NULL;

  /* Translators: the progress of an import: files done, of all */
  text = g_strdup_printf (_("%u of %u"), done, total);
  gtk_progress_bar_set_fraction (progress->bar, total > 0 ? (double) done / total : 1);
  gtk_progress_bar_set_text (progress->bar, text);
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static void
on_progress_response (GCancellable *cancellable,
                      const char   *response)
{
  if (g_strcmp0 (response, "cancel") == 0)
    g_cancellable_cancel (cancellable);
}

static gboolean
keep_open (GtkWindow *window)
{
  return TRUE;
}

static GtkWidget *
new_result_row (const ShirabeImportResult *result)
{
  g_autofree char *name = g_path_get_basename (result->path);
  g_autofree char *display = g_filename_display_name (name);
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *icon;

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), display);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  if (result->error != NULL)
    {
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), result->error->message);
      icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");
      gtk_widget_add_css_class (icon, "warning");
    }
  else
    {
      /* Translators: under an imported file's name: the encoding its text was read in */
      g_autofree char *subtitle = g_strdup_printf (_("Imported (%s)"), result->encoding);

      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      icon = gtk_image_new_from_icon_name ("object-select-symbolic");
      gtk_widget_add_css_class (icon, "success");
    }
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
  return row;
}

static AdwMessageDialog *
new_result_dialog (ShirabeWindow *window,
                   GPtrArray     *results,
                   int            n_imported)
{
  GtkWidget *dialog;
  GtkWidget *list = gtk_list_box_new ();
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  guint n_refused = results->len - n_imported;
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;

  heading = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d Narrative Imported",
                                          "%d Narratives Imported", n_imported),
                             n_imported);
  body = n_refused == 0
         ? g_strdup (_("Every file was imported. Undo removes them all."))
         : g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "%u file was refused; the reason is under its name.",
                                         "%u files were refused; each reason is under its name.",
                                         n_refused),
                            n_refused);
  dialog = adw_message_dialog_new (GTK_WINDOW (window), heading, body);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  for (guint i = 0; i < results->len; i++)
    gtk_list_box_append (GTK_LIST_BOX (list), new_result_row (g_ptr_array_index (results, i)));
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scrolled), 320);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), list);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), scrolled);
  gtk_widget_set_name (list, "import-results");
  gtk_window_present (GTK_WINDOW (dialog));
  return ADW_MESSAGE_DIALOG (dialog);
}

AdwMessageDialog *
shirabe_import_run (ShirabeWindow      *window,
                    const char * const *paths)
{
  ShirabeProject *project;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *progress_dialog;
  GtkWidget *bar;
  Progress progress;
  int n_imported;

  g_return_val_if_fail (SHIRABE_IS_WINDOW (window), NULL);
  g_return_val_if_fail (paths != NULL, NULL);

  project = shirabe_window_get_project (window);
  if (project == NULL || paths[0] == NULL)
    return NULL;

  progress_dialog = adw_message_dialog_new (GTK_WINDOW (window), _("Importing Narratives…"),
                                            NULL);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (progress_dialog), "cancel",
                                   _("_Cancel"));
  /* The dialog stays until the import returns, whatever is clicked. */
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (progress_dialog), "cancel");
  g_signal_connect_swapped (progress_dialog, "response", G_CALLBACK (on_progress_response),
                            cancellable);
  g_signal_connect (progress_dialog, "close-request", G_CALLBACK (keep_open), NULL);
  bar = gtk_progress_bar_new ();
  gtk_progress_bar_set_show_text (GTK_PROGRESS_BAR (bar), TRUE);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (progress_dialog), bar);
  g_object_ref (progress_dialog);
  gtk_window_present (GTK_WINDOW (progress_dialog));

  progress.bar = GTK_PROGRESS_BAR (bar);
  progress.cancellable = cancellable;
  n_imported = shirabe_project_import_files (project, paths, NULL, on_progress, &progress,
                                             cancellable, &results, &error);
  g_signal_handlers_disconnect_by_func (progress_dialog, keep_open, NULL);
  gtk_window_destroy (GTK_WINDOW (progress_dialog));
  g_object_unref (progress_dialog);

  if (n_imported < 0)
    {
      if (g_error_matches (error, SHIRABE_ERROR, SHIRABE_ERROR_CANCELLED))
        shirabe_window_add_toast (window, adw_toast_new (error->message));
      else
        shirabe_window_show_error (window, _("Nothing was imported"), error);
      return NULL;
    }
  return new_result_dialog (window, results, n_imported);
}
