/* shirabe-window-qdpx.c: the window's exchange with other QDA programs (REFI-QDA)
 *
 * "Import REFI-QDA Project…" (welcome page and main menu) asks for the .qdpx, then where the
 * new project goes, and imports in a worker thread behind a dialog with its progress and a
 * Cancel button; the report follows, listing what had no place in Shirabe. The codebook's
 * menu merges a .qdc into the codebook (one undo step) or saves the codebook as one. The
 * project as a .qdpx is in the export dialog.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "shirabe-i18n.h"

#include <string.h>

#include "shirabe-pseudonyms.h"
#include "shirabe-qdpx.h"
#include "shirabe-window-private.h"
#include "shirabe-window-qdpx.h"

typedef struct
{
  GtkFileChooserNative *chooser;
  char                 *qdpx_path;     /* chosen, waiting for the project's place */
  char                 *project_path;  /* of the import running */
  GCancellable         *cancellable;   /* while an import runs */
  GtkWidget            *progress_dialog;
  GtkProgressBar       *progress_bar;
} Exchange;

static void
exchange_free (Exchange *exchange)
{
  if (exchange->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (exchange->chooser));
  g_clear_object (&exchange->chooser);
  if (exchange->cancellable != NULL)
    g_cancellable_cancel (exchange->cancellable);
  g_clear_object (&exchange->cancellable);
  g_free (exchange->qdpx_path);
  g_free (exchange->project_path);
  g_free (exchange);
}

static Exchange *
exchange_of (ShirabeWindow *self)
{
  Exchange *exchange = g_object_get_data (G_OBJECT (self), "shirabe-window-qdpx");

  if (exchange == NULL)
    {
      exchange = g_new0 (Exchange, 1);
      g_object_set_data_full (G_OBJECT (self), "shirabe-window-qdpx", exchange,
                              (GDestroyNotify) exchange_free);
    }
  return exchange;
}

static void
add_filter (GtkFileChooser *chooser,
            const char     *name,
            const char     *pattern,
            const char     *second_pattern)
{
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, name);
  gtk_file_filter_add_pattern (filter, pattern);
  if (second_pattern != NULL)
    gtk_file_filter_add_pattern (filter, second_pattern);
  gtk_file_chooser_add_filter (chooser, filter);
}

/* The report, in a dialog: what came in, what was left out. */
static void
show_report (ShirabeWindow           *self,
             const char              *heading,
             const ShirabeQdpxReport *report)
{
  g_autofree char *body = shirabe_qdpx_report_to_string (report);
  AdwMessageDialog *dialog;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), heading, NULL));
  adw_message_dialog_set_body (dialog, body);
  adw_message_dialog_add_response (dialog, "close", _("_Close"));
  adw_message_dialog_set_default_response (dialog, "close");
  adw_message_dialog_set_close_response (dialog, "close");
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Importing a project */

static void
on_import_progress (guint64  done,
                    guint64  total,
                    gpointer user_data)
{
  ShirabeWindow *self = user_data;
  Exchange *exchange = exchange_of (self);

  if (exchange->progress_bar != NULL && total > 0)
    gtk_progress_bar_set_fraction (exchange->progress_bar, (double) done / (double) total);
}

static void
close_progress (Exchange *exchange)
{
  if (exchange->progress_dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (exchange->progress_dialog));
  exchange->progress_dialog = NULL;
  exchange->progress_bar = NULL;
  g_clear_object (&exchange->cancellable);
}

static void
on_import_finished (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(ShirabeWindow) self = user_data;
  Exchange *exchange = exchange_of (self);
  g_autoptr(ShirabeQdpxReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *project_path = g_steal_pointer (&exchange->project_path);

  close_progress (exchange);
  if (!shirabe_import_qdpx_finish (result, &report, &error))
    {
      if (!g_error_matches (error, SHIRABE_ERROR, SHIRABE_ERROR_CANCELLED))
        shirabe_window_show_error (self, _("The REFI-QDA project was not imported"), error);
      else
        shirabe_window_add_toast (self, adw_toast_new (_("The import was cancelled; no project "
                                                         "was made")));
      return;
    }
  {
    g_autoptr(GFile) file = g_file_new_for_path (project_path);

    if (!shirabe_window_open_file (self, file, &error))
      {
        shirabe_window_show_error (self, _("The project was not opened"), error);
        return;
      }
  }
  show_report (self, _("REFI-QDA Project Imported"), report);
}

static void
on_progress_response (ShirabeWindow    *self,
                      const char       *response,
                      AdwMessageDialog *dialog)
{
  Exchange *exchange = exchange_of (self);

  if (exchange->cancellable != NULL)
    g_cancellable_cancel (exchange->cancellable);
}

/**
 * shirabe_window_import_qdpx:
 * @qdpx_path: the REFI-QDA project
 * @project_path: the new project (.shirabe added when missing)
 *
 * Imports @qdpx_path into a new project in a worker thread, behind a dialog with the progress
 * and a Cancel button, then opens it and shows the import's report.
 */
void
shirabe_window_import_qdpx (ShirabeWindow *self,
                            const char    *qdpx_path,
                            const char    *project_path)
{
  Exchange *exchange = exchange_of (self);
  g_autofree char *path = NULL;
  g_autofree char *name = g_filename_display_basename (qdpx_path);
  AdwMessageDialog *dialog;
  GtkWidget *bar;

  g_return_if_fail (SHIRABE_IS_WINDOW (self));

  if (exchange->cancellable != NULL)
    return;
  path = g_str_has_suffix (project_path, ".shirabe") ? g_strdup (project_path)
                                                      : g_strconcat (project_path, ".shirabe",
                                                                     NULL);
  exchange->cancellable = g_cancellable_new ();
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self),
                                                       _("Importing REFI-QDA Project"), NULL));
  /* Translators: %s is the name of the .qdpx file being imported */
  adw_message_dialog_format_body (dialog, _("Reading “%s”…"), name);
  bar = gtk_progress_bar_new ();
  gtk_widget_set_size_request (bar, 280, -1);
  adw_message_dialog_set_extra_child (dialog, bar);
  adw_message_dialog_add_response (dialog, "cancel", _("_Cancel"));
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_progress_response), self,
                           G_CONNECT_SWAPPED);
  exchange->progress_dialog = GTK_WIDGET (dialog);
  exchange->progress_bar = GTK_PROGRESS_BAR (bar);
  g_free (exchange->project_path);
  exchange->project_path = g_strdup (path);
  gtk_window_present (GTK_WINDOW (dialog));
  shirabe_import_qdpx_async (qdpx_path, path, on_import_progress, self, exchange->cancellable,
                             on_import_finished, g_object_ref (self));
}

static void
on_project_place_response (ShirabeWindow        *self,
                           int                   response,
                           GtkFileChooserNative *chooser)
{
  Exchange *exchange = exchange_of (self);
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;
  g_autofree char *qdpx_path = g_steal_pointer (&exchange->qdpx_path);

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_clear_object (&exchange->chooser);
  if (file == NULL || qdpx_path == NULL)
    return;
  path = g_file_get_path (file);
  if (path == NULL)
    {
      g_autoptr(GError) error = g_error_new_literal (SHIRABE_ERROR, SHIRABE_ERROR_INVALID,
                                                     _("Choose a folder on this computer for "
                                                       "the project"));

      shirabe_window_show_error (self, _("The REFI-QDA project was not imported"), error);
      return;
    }
  shirabe_window_import_qdpx (self, qdpx_path, path);
}

static void
on_qdpx_chosen (ShirabeWindow        *self,
                int                   response,
                GtkFileChooserNative *chooser)
{
  Exchange *exchange = exchange_of (self);
  g_autoptr(GFile) file = NULL;
  g_autofree char *base = NULL;
  g_autofree char *name = NULL;
  g_autoptr(GFile) folder = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_clear_object (&exchange->chooser);
  if (file == NULL)
    return;
  g_free (exchange->qdpx_path);
  exchange->qdpx_path = g_file_get_path (file);
  if (exchange->qdpx_path == NULL)
    return;
  /* Where the new project goes: beside the file, named after it. */
  base = g_file_get_basename (file);
  if (strrchr (base, '.') != NULL)
    *strrchr (base, '.') = '\0';
  name = g_strconcat (base, ".shirabe", NULL);
  exchange->chooser = gtk_file_chooser_native_new (_("Save the New Project"), GTK_WINDOW (self),
                                                   GTK_FILE_CHOOSER_ACTION_SAVE, _("_Create"),
                                                   NULL);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (exchange->chooser), TRUE);
  add_filter (GTK_FILE_CHOOSER (exchange->chooser), _("Shirabe Projects"), "*.shirabe", NULL);
  folder = g_file_get_parent (file);
  if (folder != NULL)
    gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (exchange->chooser), folder, NULL);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (exchange->chooser), name);
  g_signal_connect_object (exchange->chooser, "response", G_CALLBACK (on_project_place_response),
                           self, G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (exchange->chooser));
}

static void
import_qdpx_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  ShirabeWindow *self = SHIRABE_WINDOW (widget);
  Exchange *exchange = exchange_of (self);

  if (exchange->chooser != NULL || exchange->cancellable != NULL)
    return;
  exchange->chooser = gtk_file_chooser_native_new (_("Import REFI-QDA Project"),
                                                   GTK_WINDOW (self),
                                                   GTK_FILE_CHOOSER_ACTION_OPEN, _("_Import"),
                                                   NULL);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (exchange->chooser), TRUE);
  add_filter (GTK_FILE_CHOOSER (exchange->chooser), _("REFI-QDA Projects"), "*.qdpx", "*.qde");
  add_filter (GTK_FILE_CHOOSER (exchange->chooser), _("All Files"), "*", NULL);
  g_signal_connect_object (exchange->chooser, "response", G_CALLBACK (on_qdpx_chosen), self,
                           G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (exchange->chooser));
}

/* The codebook */

gboolean
shirabe_window_import_qdc (ShirabeWindow  *self,
                           const char     *path,
                           GError        **error)
{
  g_autoptr(ShirabeQdpxReport) report = NULL;
  ShirabeProject *project = shirabe_window_get_project (self);

  g_return_val_if_fail (SHIRABE_IS_WINDOW (self), FALSE);

  if (project == NULL)
    {
      g_set_error_literal (error, SHIRABE_ERROR, SHIRABE_ERROR_INVALID,
                           _("Open a project to merge a codebook into"));
      return FALSE;
    }
  if (!shirabe_project_import_qdc (project, path, &report, error))
    return FALSE;
  show_report (self, _("Codebook Merged"), report);
  return TRUE;
}

static void
on_qdc_chosen (ShirabeWindow        *self,
               int                   response,
               GtkFileChooserNative *chooser)
{
  Exchange *exchange = exchange_of (self);
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_clear_object (&exchange->chooser);
  if (file == NULL || (path = g_file_get_path (file)) == NULL)
    return;
  if (!shirabe_window_import_qdc (self, path, &error))
    shirabe_window_show_error (self, _("The codebook was not merged"), error);
}

static void
import_qdc_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  ShirabeWindow *self = SHIRABE_WINDOW (widget);
  Exchange *exchange = exchange_of (self);

  if (exchange->chooser != NULL || shirabe_window_get_project (self) == NULL)
    return;
  exchange->chooser = gtk_file_chooser_native_new (_("Import REFI-QDA Codebook"),
                                                   GTK_WINDOW (self),
                                                   GTK_FILE_CHOOSER_ACTION_OPEN, _("_Import"),
                                                   NULL);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (exchange->chooser), TRUE);
  add_filter (GTK_FILE_CHOOSER (exchange->chooser), _("REFI-QDA Codebooks"), "*.qdc", "*.qdpx");
  add_filter (GTK_FILE_CHOOSER (exchange->chooser), _("All Files"), "*", NULL);
  g_signal_connect_object (exchange->chooser, "response", G_CALLBACK (on_qdc_chosen), self,
                           G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (exchange->chooser));
}

/* Whether the project has a confirmed pseudonym: only then does the codebook's save dialog
 * offer to pseudonymise (its labels and descriptions may name people). */
gboolean
shirabe_window_can_pseudonymise (ShirabeWindow *self)
{
  ShirabeProject *project = shirabe_window_get_project (self);
  g_autoptr(GPtrArray) entries = NULL;

  if (project == NULL)
    return FALSE;
  entries = shirabe_project_list_pseudonyms (project, NULL);
  for (guint i = 0; entries != NULL && i < entries->len; i++)
    if (((ShirabePseudonym *) entries->pdata[i])->confirmed)
      return TRUE;
  return FALSE;
}

gboolean
shirabe_window_export_qdc (ShirabeWindow  *self,
                           const char     *path,
                           gboolean        pseudonymise,
                           GError        **error)
{
  ShirabeProject *project = shirabe_window_get_project (self);
  g_autofree char *with_suffix = NULL;

  g_return_val_if_fail (SHIRABE_IS_WINDOW (self), FALSE);

  if (project == NULL)
    {
      g_set_error_literal (error, SHIRABE_ERROR, SHIRABE_ERROR_INVALID,
                           _("Open a project to export its codebook"));
      return FALSE;
    }
  with_suffix = g_str_has_suffix (path, ".qdc") ? g_strdup (path)
                                                 : g_strconcat (path, ".qdc", NULL);
  return shirabe_project_export_qdc (project, with_suffix, shirabe_message_language (),
                                     pseudonymise ? SHIRABE_OUTPUT_PSEUDONYMISE
                                                  : SHIRABE_OUTPUT_DEFAULT,
                                     error);
}

static void
on_qdc_save_response (ShirabeWindow        *self,
                      int                   response,
                      GtkFileChooserNative *chooser)
{
  Exchange *exchange = exchange_of (self);
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  gboolean pseudonymise = FALSE;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      pseudonymise = g_strcmp0 (gtk_file_chooser_get_choice (GTK_FILE_CHOOSER (chooser),
                                                             "pseudonymise"), "true") == 0;
    }
  g_clear_object (&exchange->chooser);
  if (file == NULL || (path = g_file_get_path (file)) == NULL)
    return;
  if (!shirabe_window_export_qdc (self, path, pseudonymise, &error))
    shirabe_window_show_error (self, _("The codebook was not exported"), error);
  else
    shirabe_window_add_toast (self, adw_toast_new (_("Codebook exported for other QDA "
                                                     "programs")));
}

static void
export_qdc_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  ShirabeWindow *self = SHIRABE_WINDOW (widget);
  Exchange *exchange = exchange_of (self);
  g_autofree char *project_name = NULL;
  g_autofree char *file_name = NULL;

  if (exchange->chooser != NULL || shirabe_window_get_project (self) == NULL)
    return;
  exchange->chooser = gtk_file_chooser_native_new (_("Export Codebook as REFI-QDA"),
                                                   GTK_WINDOW (self),
                                                   GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"),
                                                   NULL);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (exchange->chooser), TRUE);
  add_filter (GTK_FILE_CHOOSER (exchange->chooser), _("REFI-QDA Codebooks"), "*.qdc", NULL);
  project_name = shirabe_project_dup_name (shirabe_window_get_project (self));
  file_name = g_strconcat (project_name != NULL && *project_name != '\0' ? project_name
                                                                        : _("Codebook"),
                           ".qdc", NULL);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (exchange->chooser), file_name);
  if (shirabe_window_can_pseudonymise (self))
    {
      /* Off unless asked, as in the export dialog. */
      gtk_file_chooser_add_choice (GTK_FILE_CHOOSER (exchange->chooser), "pseudonymise",
                                   _("Pseudonymise with the project’s table"), NULL, NULL);
      gtk_file_chooser_set_choice (GTK_FILE_CHOOSER (exchange->chooser), "pseudonymise",
                                   "false");
    }
  g_signal_connect_object (exchange->chooser, "response", G_CALLBACK (on_qdc_save_response),
                           self, G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (exchange->chooser));
}

void
shirabe_window_qdpx_install (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.import-qdpx", NULL, import_qdpx_action);
  gtk_widget_class_install_action (widget_class, "win.import-qdc", NULL, import_qdc_action);
  gtk_widget_class_install_action (widget_class, "win.export-qdc", NULL, export_qdc_action);
}
