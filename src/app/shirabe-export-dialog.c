/* shirabe-export-dialog.c: the coded project as tables for statistics, with progress
 *
 * Unlike an import, an export only reads: the core runs it in a thread on a read-only
 * connection of its own, so the window stays usable while the dialog shows the progress.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "shirabe-i18n.h"

#include "shirabe-export-dialog.h"
#include "shirabe-qdpx.h"

enum { FORMAT_XLSX, FORMAT_CSV, FORMAT_SAV, FORMAT_DTA, FORMAT_QDPX };
enum { COLUMNS_PASSAGES, COLUMNS_CODINGS, COLUMNS_NARRATIVES, COLUMNS_PRESENCE };
enum { LANGUAGE_JA, LANGUAGE_EN };

struct _ShirabeExportDialog
{
  AdwWindow             parent_instance;

  ShirabeWindow        *window;         /* weak: the toast goes there */
  ShirabeProject       *project;
  GPtrArray            *coder_uuids;    /* of the coder row's items after "All Coders" */
  GtkFileChooserNative *chooser;
  GCancellable         *cancellable;    /* while an export runs */
  char                 *path;           /* of the export running */
  gboolean              close_when_done;
  gboolean              disposed;

  /* template */
  GtkWidget            *export_button;
  GtkRevealer          *error_revealer;
  GtkLabel             *error_label;
  GtkWidget            *options_box;
  AdwComboRow          *format_row;
  AdwComboRow          *language_row;
  AdwComboRow          *header_row;
  AdwComboRow          *columns_row;
  AdwComboRow          *incomplete_row;
  AdwComboRow          *translations_row;
  AdwActionRow         *guard_row;
  GtkSwitch            *guard_switch;
  AdwActionRow         *excerpts_row;
  AdwComboRow          *coder_row;
  GtkStringList        *coder_list;
  GtkSwitch            *excerpts_switch;
  GtkSwitch            *pseudonymise_switch;
  GtkRevealer          *progress_revealer;
  GtkLabel             *status_label;
  GtkProgressBar       *progress_bar;
};

G_DEFINE_FINAL_TYPE (ShirabeExportDialog, shirabe_export_dialog, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_RUNNING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
show_error (ShirabeExportDialog *self,
            const char          *message)
{
  gtk_label_set_text (self->error_label, message != NULL ? message : "");
  gtk_revealer_set_reveal_child (self->error_revealer, message != NULL);
}

static void
set_running (ShirabeExportDialog *self,
             gboolean             running)
{
  if (running == (self->cancellable != NULL))
    return;
  if (running)
    self->cancellable = g_cancellable_new ();
  else
    g_clear_object (&self->cancellable);
  gtk_widget_set_sensitive (self->options_box, !running);
  gtk_widget_set_sensitive (self->export_button, !running);
  gtk_revealer_set_reveal_child (self->progress_revealer, TRUE);
  gtk_widget_set_visible (GTK_WIDGET (self->progress_bar), running);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);
}

static void
get_options (ShirabeExportDialog  *self,
             ShirabeExportOptions *options)
{
  guint coder = adw_combo_row_get_selected (self->coder_row);

  memset (options, 0, sizeof *options);
  switch (adw_combo_row_get_selected (self->format_row))
    {
    case FORMAT_CSV:
      options->format = SHIRABE_EXPORT_CSV;
      break;
    case FORMAT_SAV:
      options->format = SHIRABE_EXPORT_SAV;
      break;
    case FORMAT_DTA:
      options->format = SHIRABE_EXPORT_DTA;
      break;
    case FORMAT_XLSX:
    default:
      options->format = SHIRABE_EXPORT_XLSX;
    }
  options->language = adw_combo_row_get_selected (self->language_row) == LANGUAGE_JA
                      ? SHIRABE_LANGUAGE_JA : SHIRABE_LANGUAGE_EN;
  options->header = adw_combo_row_get_selected (self->header_row) == 1
                    ? SHIRABE_EXPORT_HEADER_NAMES : SHIRABE_EXPORT_HEADER_LABELS;
  switch (adw_combo_row_get_selected (self->columns_row))
    {
    case COLUMNS_CODINGS:
      options->count = SHIRABE_EXPORT_COUNT_CODINGS;
      break;
    case COLUMNS_NARRATIVES:
      options->count = SHIRABE_EXPORT_COUNT_NARRATIVES;
      break;
    case COLUMNS_PRESENCE:
      options->presence = TRUE;
      break;
    case COLUMNS_PASSAGES:
    default:
      options->count = SHIRABE_EXPORT_COUNT_PASSAGES;
    }
  switch (adw_combo_row_get_selected (self->incomplete_row))
    {
    case 1:
      options->incomplete = SHIRABE_EXPORT_INCOMPLETE_ZERO;
      break;
    case 2:
      options->incomplete = SHIRABE_EXPORT_INCOMPLETE_EXCLUDE;
      break;
    default:
      options->incomplete = SHIRABE_EXPORT_INCOMPLETE_MISSING;
    }
  switch (adw_combo_row_get_selected (self->translations_row))
    {
    case 1:
      options->translations = SHIRABE_EXPORT_TRANSLATIONS_ORIGINAL;
      break;
    case 2:
      options->translations = SHIRABE_EXPORT_TRANSLATIONS_TRANSLATION;
      break;
    default:
      options->translations = SHIRABE_EXPORT_TRANSLATIONS_ONCE;
    }
  options->guard_formulas = options->format == SHIRABE_EXPORT_CSV &&
                            gtk_switch_get_active (self->guard_switch);
  if (coder != GTK_INVALID_LIST_POSITION && coder > 0 && coder <= self->coder_uuids->len)
    options->coder = g_ptr_array_index (self->coder_uuids, coder - 1);
  options->no_excerpts = !gtk_switch_get_active (self->excerpts_switch);
  options->pseudonymise = gtk_switch_get_active (self->pseudonymise_switch);
  /* A workbook's name was confirmed in the file chooser (or below, when ".xlsx" was added to
   * it). CSV tables replace only text files of theirs in the chosen folder. A project is
   * refused whatever this says. */
  options->force = options->format == SHIRABE_EXPORT_XLSX;
}

/* Running the export */

static void
on_progress (double      fraction,
             const char *table,
             gpointer    user_data)
{
  ShirabeExportDialog *self = user_data;
  g_autofree char *text = NULL;

  if (self->disposed || self->cancellable == NULL || g_cancellable_is_cancelled (self->cancellable))
    return;
  gtk_progress_bar_set_fraction (self->progress_bar, fraction);
  if (table != NULL)
    {
      /* Translators: the export's progress; %s is the name of a table, as “codings” */
      text = g_strdup_printf (_("Writing “%s”…"), table);
      gtk_label_set_text (self->status_label, text);
    }
}

static AdwToast *
new_done_toast (const char                *path,
                gboolean                   folder,
                const ShirabeExportResult *result)
{
  g_autofree char *name = g_filename_display_basename (path);
  g_autofree char *title = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) parent = folder ? g_object_ref (file) : g_file_get_parent (file);
  g_autofree char *uri = g_file_get_uri (parent != NULL ? parent : file);
  g_autofree char *escaped = NULL;
  AdwToast *toast;

  if (result->n_truncated > 0)
    {
      g_autofree char *count = g_strdup_printf ("%" G_GUINT64_FORMAT, result->n_truncated);

      /* Translators: %s is a file or folder name, then a number of cells */
      title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                            "Exported to “%s”; %s cell was cut at Excel’s limit",
                                            "Exported to “%s”; %s cells were cut at Excel’s limit",
                                            (gulong) MIN (result->n_truncated, G_MAXULONG)),
                               name, count);
    }
  else
    /* Translators: %s is a file or folder name */
    title = g_strdup_printf (_("Exported to “%s”"), name);
  /* libadwaita 1.2 reads a toast's title as markup; a file may be named "R&D.xlsx". */
  escaped = g_markup_escape_text (title, -1);
  toast = adw_toast_new (escaped);
  adw_toast_set_button_label (toast, _("_Open Folder"));
  adw_toast_set_action_name (toast, "win.show-folder");
  adw_toast_set_action_target_value (toast, g_variant_new_string (uri));
  return toast;
}

static gboolean
is_folder_format (guint format)
{
  /* CSV, SPSS and Stata files go into a folder, one file per table. */
  return format == FORMAT_CSV || format == FORMAT_SAV || format == FORMAT_DTA;
}

/* An export that did not finish: cancelled, or refused with a message. */
static void
export_failed (ShirabeExportDialog *self,
               GError              *error)
{
  if (self->disposed)
    return;
      set_running (self, FALSE);
      if (g_error_matches (error, SHIRABE_ERROR, SHIRABE_ERROR_CANCELLED) ||
          g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          if (self->close_when_done)
            {
              gtk_window_destroy (GTK_WINDOW (self));
              return;
            }
          gtk_progress_bar_set_fraction (self->progress_bar, 0);
          gtk_label_set_text (self->status_label,
                              _("The export was cancelled; no file was written."));
        }
      else
        {
          gtk_revealer_set_reveal_child (self->progress_revealer, FALSE);
          show_error (self, error->message);
        }
}

static void
on_export_finished (GObject      *source,
                    GAsyncResult *async_result,
                    gpointer      user_data)
{
  g_autoptr(ShirabeExportDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  ShirabeExportResult result = { 0 };
  gboolean folder;

  if (!shirabe_project_export_finish (SHIRABE_PROJECT (source), async_result, &result, &error))
    {
      export_failed (self, error);
      return;
    }

  if (self->disposed)
    return;
  folder = is_folder_format (adw_combo_row_get_selected (self->format_row));
  set_running (self, FALSE);
  if (self->window != NULL)
    shirabe_window_add_toast (self->window, new_done_toast (self->path, folder, &result));
  gtk_window_destroy (GTK_WINDOW (self));
}

/* REFI-QDA: the whole project for other QDA programs, in the label language chosen. */
static void
on_qdpx_progress (guint64  done,
                  guint64  total,
                  gpointer user_data)
{
  on_progress (total > 0 ? (double) done / (double) total : 0, NULL, user_data);
}

static void
on_qdpx_finished (GObject      *source,
                  GAsyncResult *async_result,
                  gpointer      user_data)
{
  g_autoptr(ShirabeExportDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  ShirabeExportResult result = { 0 };

  if (!shirabe_project_export_qdpx_finish (SHIRABE_PROJECT (source), async_result, &error))
    {
      export_failed (self, error);
      return;
    }
  if (self->disposed)
    return;
  set_running (self, FALSE);
  if (self->window != NULL)
    shirabe_window_add_toast (self->window, new_done_toast (self->path, FALSE, &result));
  gtk_window_destroy (GTK_WINDOW (self));
}

void
shirabe_export_dialog_export_to (ShirabeExportDialog *self,
                                 const char          *path)
{
  ShirabeExportOptions options;

  g_return_if_fail (SHIRABE_IS_EXPORT_DIALOG (self));
  g_return_if_fail (path != NULL);

  if (self->cancellable != NULL)
    return;
  get_options (self, &options);
  g_free (self->path);
  self->path = g_strdup (path);
  self->close_when_done = FALSE;
  show_error (self, NULL);
  set_running (self, TRUE);
  gtk_progress_bar_set_fraction (self->progress_bar, 0);
  gtk_label_set_text (self->status_label, _("Exporting…"));
  if (adw_combo_row_get_selected (self->format_row) == FORMAT_QDPX)
    {
      /* The file chooser confirmed the name; a project is refused whatever this says. */
      shirabe_project_export_qdpx_async (self->project, path, options.language,
                                         SHIRABE_OUTPUT_REPLACE_ANY |
                                         (options.pseudonymise ? SHIRABE_OUTPUT_PSEUDONYMISE : 0),
                                         on_qdpx_progress, self,
                                         self->cancellable, on_qdpx_finished,
                                         g_object_ref (self));
      return;
    }
  shirabe_project_export_async (self->project, path, &options, on_progress, self,
                                self->cancellable, on_export_finished, g_object_ref (self));
}

void
shirabe_export_dialog_cancel (ShirabeExportDialog *self)
{
  g_return_if_fail (SHIRABE_IS_EXPORT_DIALOG (self));

  if (self->cancellable == NULL)
    return;
  g_cancellable_cancel (self->cancellable);
  gtk_label_set_text (self->status_label, _("Cancelling…"));
}

gboolean
shirabe_export_dialog_get_running (ShirabeExportDialog *self)
{
  g_return_val_if_fail (SHIRABE_IS_EXPORT_DIALOG (self), FALSE);

  return self->cancellable != NULL;
}

const char *
shirabe_export_dialog_get_message (ShirabeExportDialog *self)
{
  g_return_val_if_fail (SHIRABE_IS_EXPORT_DIALOG (self), NULL);

  if (gtk_revealer_get_reveal_child (self->error_revealer))
    return gtk_label_get_text (self->error_label);
  if (gtk_revealer_get_reveal_child (self->progress_revealer))
    return gtk_label_get_text (self->status_label);
  return "";
}

/* Choosing where */

static void
on_replace_response (ShirabeExportDialog *self,
                     const char          *response,
                     AdwMessageDialog    *dialog)
{
  const char *path = g_object_get_data (G_OBJECT (dialog), "shirabe-path");

  if (g_strcmp0 (response, "replace") == 0 && !self->disposed)
    shirabe_export_dialog_export_to (self, path);
}

static void
confirm_replace (ShirabeExportDialog *self,
                 const char          *path)
{
  g_autofree char *name = g_filename_display_basename (path);
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *folder = g_filename_display_basename (dir);
  GtkWidget *dialog;

  dialog = adw_message_dialog_new (GTK_WINDOW (self), NULL, NULL);
  /* Translators: %s is a file name */
  adw_message_dialog_format_heading (ADW_MESSAGE_DIALOG (dialog), _("Replace “%s”?"), name);
  /* Translators: %s is a folder */
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                  _("A file of this name already exists in “%s”. Replacing it "
                                    "overwrites its contents."),
                                  folder);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "replace", _("_Replace"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "replace",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "shirabe-path", g_strdup (path), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_replace_response), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_chooser_response (ShirabeExportDialog  *self,
                     int                   response,
                     GtkFileChooserNative *chooser)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;
  const char *suffix = adw_combo_row_get_selected (self->format_row) == FORMAT_QDPX ? ".qdpx"
                                                                                    : ".xlsx";

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_clear_object (&self->chooser);
  if (file == NULL)
    return;
  path = g_file_get_path (file);
  if (path == NULL)
    {
      show_error (self, _("Choose a folder on this computer for the export"));
      return;
    }
  if (!is_folder_format (adw_combo_row_get_selected (self->format_row)) &&
      !g_str_has_suffix (path, suffix))
    {
      char *with_suffix = g_strconcat (path, suffix, NULL);

      g_free (path);
      path = with_suffix;
      /* The chooser confirmed another name than this one: ask before replacing. */
      if (g_file_test (path, G_FILE_TEST_EXISTS))
        {
          confirm_replace (self, path);
          return;
        }
    }
  shirabe_export_dialog_export_to (self, path);
}

static void
choose_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  ShirabeExportDialog *self = SHIRABE_EXPORT_DIALOG (widget);
  guint format = adw_combo_row_get_selected (self->format_row);
  gboolean folder = is_folder_format (format);

  if (self->chooser != NULL || self->cancellable != NULL)
    return;
  if (folder)
    self->chooser = gtk_file_chooser_native_new (_("Export to a Folder"), GTK_WINDOW (self),
                                                 GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER,
                                                 _("_Export"), NULL);
  else if (format == FORMAT_QDPX)
    {
      g_autoptr(GtkFileFilter) projects = gtk_file_filter_new ();
      g_autofree char *project_name = shirabe_project_dup_name (self->project);
      g_autofree char *file_name = NULL;

      self->chooser = gtk_file_chooser_native_new (_("Export as REFI-QDA Project"),
                                                   GTK_WINDOW (self),
                                                   GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"),
                                                   NULL);
      gtk_file_filter_set_name (projects, _("REFI-QDA Projects"));
      gtk_file_filter_add_pattern (projects, "*.qdpx");
      gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), projects);
      file_name = g_strconcat (project_name != NULL && *project_name != '\0'
                               ? project_name : C_("default file name", "Export"),
                               ".qdpx", NULL);
      gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), file_name);
    }
  else
    {
      g_autoptr(GtkFileFilter) workbooks = gtk_file_filter_new ();
      g_autofree char *project_name = shirabe_project_dup_name (self->project);
      g_autofree char *file_name = NULL;

      self->chooser = gtk_file_chooser_native_new (_("Export Workbook"), GTK_WINDOW (self),
                                                   GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"),
                                                   NULL);
      gtk_file_filter_set_name (workbooks, _("Excel Workbooks"));
      gtk_file_filter_add_pattern (workbooks, "*.xlsx");
      gtk_file_filter_add_mime_type (workbooks,
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
      gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), workbooks);
      /* Translators: the file name offered for a workbook when the project has no name */
      file_name = g_strconcat (project_name != NULL && *project_name != '\0'
                               ? project_name : C_("default file name", "Export"),
                               ".xlsx", NULL);
      gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), file_name);
    }
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  g_signal_connect_object (self->chooser, "response", G_CALLBACK (on_chooser_response), self,
                           G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

/* Cancel stops a running export, else closes the dialog. */
static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  ShirabeExportDialog *self = SHIRABE_EXPORT_DIALOG (widget);

  if (self->cancellable != NULL)
    shirabe_export_dialog_cancel (self);
  else
    gtk_window_close (GTK_WINDOW (self));
}

/* Closing while an export runs cancels it; the dialog goes once the core has cleaned up. */
static gboolean
shirabe_export_dialog_close_request (GtkWindow *window)
{
  ShirabeExportDialog *self = SHIRABE_EXPORT_DIALOG (window);

  if (self->cancellable == NULL)
    return GTK_WINDOW_CLASS (shirabe_export_dialog_parent_class)->close_request (window);
  self->close_when_done = TRUE;
  shirabe_export_dialog_cancel (self);
  return TRUE;
}

/* Object */

static void
shirabe_export_dialog_dispose (GObject *object)
{
  ShirabeExportDialog *self = SHIRABE_EXPORT_DIALOG (object);

  self->disposed = TRUE;
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  g_clear_weak_pointer (&self->window);
  gtk_widget_dispose_template (GTK_WIDGET (self), SHIRABE_TYPE_EXPORT_DIALOG);
  g_clear_object (&self->project);

  G_OBJECT_CLASS (shirabe_export_dialog_parent_class)->dispose (object);
}

static void
shirabe_export_dialog_finalize (GObject *object)
{
  ShirabeExportDialog *self = SHIRABE_EXPORT_DIALOG (object);

  g_clear_pointer (&self->coder_uuids, g_ptr_array_unref);
  g_clear_pointer (&self->path, g_free);

  G_OBJECT_CLASS (shirabe_export_dialog_parent_class)->finalize (object);
}

static void
shirabe_export_dialog_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  ShirabeExportDialog *self = SHIRABE_EXPORT_DIALOG (object);

  switch (prop_id)
    {
    case PROP_RUNNING:
      g_value_set_boolean (value, self->cancellable != NULL);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
shirabe_export_dialog_class_init (ShirabeExportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = shirabe_export_dialog_dispose;
  object_class->finalize = shirabe_export_dialog_finalize;
  object_class->get_property = shirabe_export_dialog_get_property;
  window_class->close_request = shirabe_export_dialog_close_request;

  /* Whether an export is running. */
  properties[PROP_RUNNING] =
    g_param_spec_boolean ("running", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/shirabe/Shirabe/shirabe-export-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, ShirabeExportDialog, export_button);
  gtk_widget_class_bind_template_child (widget_class, ShirabeExportDialog, error_revealer);
  gtk_widget_class_bind_template_child (widget_class, ShirabeExportDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, ShirabeExportDialog, options_box);
  gtk_widget_class_bind_template_child (widget_class, ShirabeExportDialog, format_row);
  gtk_widget_class_bind_template_child (widget_class, ShirabeExportDialog, language_row);
  gtk_widget_class_bind_template_child (widget_class, ShirabeExportDialog, header_row);
  gtk_widget_class_bind_template_child (widget_class, ShirabeExportDialog, columns_row);
  gtk_widget_class_bind_template_child (widget_class, ShirabeExportDialog, incomplete_row);
  gtk_widget_class_bind_template_child (widget_class, ShirabeExportDialog, translations_row);
  gtk_widget_class_bind_template_child (widget_class, ShirabeExportDialog, guard_row);
  gtk_widget_class_bind_template_child (widget_class, ShirabeExportDialog, guard_switch);
  gtk_widget_class_bind_template_child (widget_class, ShirabeExportDialog, excerpts_row);
  gtk_widget_class_bind_template_child (widget_class, ShirabeExportDialog, coder_row);
  gtk_widget_class_bind_template_child (widget_class, ShirabeExportDialog, coder_list);
  gtk_widget_class_bind_template_child (widget_class, ShirabeExportDialog, excerpts_switch);
  gtk_widget_class_bind_template_child (widget_class, ShirabeExportDialog, pseudonymise_switch);
  gtk_widget_class_bind_template_child (widget_class, ShirabeExportDialog, progress_revealer);
  gtk_widget_class_bind_template_child (widget_class, ShirabeExportDialog, status_label);
  gtk_widget_class_bind_template_child (widget_class, ShirabeExportDialog, progress_bar);

  gtk_widget_class_install_action (widget_class, "export.choose", NULL, choose_action);
  gtk_widget_class_install_action (widget_class, "export.cancel", NULL, cancel_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "export.cancel", NULL);
}

/* What leaves the project with the export, said where the choice is made. */
static void
update_excerpts_note (ShirabeExportDialog *self)
{
  adw_action_row_set_subtitle (self->excerpts_row,
                               gtk_switch_get_active (self->excerpts_switch)
                               ? _("Included: the export will contain the text of every coded "
                                   "passage. Share it only as the narratives themselves may be "
                                   "shared; ethics boards may forbid it.")
                               : _("Left out: the export holds positions in the narratives, "
                                   "not their text."));
}

static void
update_guard_row (ShirabeExportDialog *self)
{
  guint format = adw_combo_row_get_selected (self->format_row);
  /* One line each on who uses the format. */
  const char *who = format == FORMAT_CSV
                    ? _("For any program: plain text, one file per table")
                    : format == FORMAT_SAV
                    ? _("For SPSS (and PSPP, R, pandas): variables and values with their "
                        "labels, one file per table")
                    : format == FORMAT_DTA
                    ? _("For Stata (and R, pandas): variables and values with their labels, "
                        "one file per table")
                    : format == FORMAT_QDPX
                    ? _("For NVivo, ATLAS.ti, MAXQDA and QualCoder: the whole project, texts, "
                        "codes, codings, cases, attributes and memos")
                    : _("For Excel, R or pandas: every table in one workbook");

  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->format_row), who);
  gtk_widget_set_sensitive (GTK_WIDGET (self->guard_row), format == FORMAT_CSV);
  /* SPSS and Stata name their variables, and label them besides. */
  gtk_widget_set_sensitive (GTK_WIDGET (self->header_row),
                            format == FORMAT_XLSX || format == FORMAT_CSV);
  /* A REFI-QDA project is the whole project: the tables' choices do not apply to it. */
  gtk_widget_set_sensitive (GTK_WIDGET (self->columns_row), format != FORMAT_QDPX);
  gtk_widget_set_sensitive (GTK_WIDGET (self->incomplete_row), format != FORMAT_QDPX);
  gtk_widget_set_sensitive (GTK_WIDGET (self->translations_row), format != FORMAT_QDPX);
  gtk_widget_set_sensitive (GTK_WIDGET (self->coder_row), format != FORMAT_QDPX);
  gtk_widget_set_sensitive (GTK_WIDGET (self->excerpts_row), format != FORMAT_QDPX);
}

static void
shirabe_export_dialog_init (ShirabeExportDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->coder_uuids = g_ptr_array_new_with_free_func (g_free);
  g_signal_connect_object (self->excerpts_switch, "notify::active",
                           G_CALLBACK (update_excerpts_note), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->format_row, "notify::selected",
                           G_CALLBACK (update_guard_row), self, G_CONNECT_SWAPPED);
  update_excerpts_note (self);
  update_guard_row (self);
}

ShirabeExportDialog *
shirabe_export_dialog_new (ShirabeWindow  *window,
                           GError        **error)
{
  ShirabeExportDialog *self;
  ShirabeProject *project;
  g_autoptr(GPtrArray) coders = NULL;
  g_autofree char *label_language = NULL;

  g_return_val_if_fail (SHIRABE_IS_WINDOW (window), NULL);
  project = shirabe_window_get_project (window);
  g_return_val_if_fail (project != NULL, NULL);

  coders = shirabe_project_list_coders (project, error);
  if (coders == NULL)
    return NULL;

  self = g_object_new (SHIRABE_TYPE_EXPORT_DIALOG, "transient-for", window, NULL);
  g_set_weak_pointer (&self->window, window);
  self->project = g_object_ref (project);

  gtk_string_list_append (self->coder_list, _("All coders"));
  for (guint i = 0; i < coders->len; i++)
    {
      const ShirabeCoder *coder = g_ptr_array_index (coders, i);

      gtk_string_list_append (self->coder_list, coder->name);
      g_ptr_array_add (self->coder_uuids, g_strdup (coder->uuid));
    }
  adw_combo_row_set_selected (self->coder_row, 0);

  /* The labels come out as the window shows them; "both" means the interface's language. */
  g_object_get (window, "label-language", &label_language, NULL);
  switch (shirabe_label_language_from_nick (label_language))
    {
    case SHIRABE_LABEL_LANGUAGE_JA:
      adw_combo_row_set_selected (self->language_row, LANGUAGE_JA);
      break;
    case SHIRABE_LABEL_LANGUAGE_EN:
      adw_combo_row_set_selected (self->language_row, LANGUAGE_EN);
      break;
    case SHIRABE_LABEL_LANGUAGE_BOTH:
    default:
      adw_combo_row_set_selected (self->language_row,
                                  shirabe_label_language_default () == SHIRABE_LABEL_LANGUAGE_JA
                                  ? LANGUAGE_JA : LANGUAGE_EN);
    }
  return self;
}
