/* shirabe-window-files.c: the window's actions on project files
 *
 * New project, open project, new project from a template, the sample project, and the codebook
 * exported as a template: each asks for a file through one chooser at a time, kept here with the
 * template a new project starts from, and ends in shirabe_window_set_project() or a toast.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "shirabe-i18n.h"

#include "shirabe-attribute-import.h"
#include "shirabe-new-project.h"
#include "shirabe-template.h"
#include "shirabe-window-files.h"
#include "shirabe-pseudonyms-dialog.h"
#include "shirabe-restore-dialog.h"
#include "shirabe-window-private.h"

typedef struct
{
  GtkFileChooserNative *chooser;        /* the one open, or NULL */
  char                 *template_name;  /* the template a new project starts from, or NULL */
} Files;

static void
files_free (Files *files)
{
  if (files->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (files->chooser));
  g_clear_object (&files->chooser);
  g_free (files->template_name);
  g_free (files);
}

/* The window's chooser state, made on first use and freed with the window. */
static Files *
files_of (ShirabeWindow *self)
{
  Files *files = g_object_get_data (G_OBJECT (self), "shirabe-window-files");

  if (files == NULL)
    {
      files = g_new0 (Files, 1);
      g_object_set_data_full (G_OBJECT (self), "shirabe-window-files", files,
                              (GDestroyNotify) files_free);
    }
  return files;
}

static GtkFileChooserNative *
new_chooser (ShirabeWindow        *self,
             const char           *title,
             GtkFileChooserAction  action,
             const char           *accept_label)
{
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) projects = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();

  chooser = gtk_file_chooser_native_new (title, GTK_WINDOW (self), action, accept_label, NULL);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);

  gtk_file_filter_set_name (projects, _("Shirabe Projects"));
  gtk_file_filter_add_pattern (projects, "*.shirabe");
  gtk_file_filter_add_mime_type (projects, "application/x-shirabe-project");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), projects);
  gtk_file_filter_set_name (all, _("All Files"));
  gtk_file_filter_add_pattern (all, "*");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), all);
  gtk_file_chooser_set_filter (GTK_FILE_CHOOSER (chooser), projects);
  return chooser;
}

static void
on_open_response (ShirabeWindow        *self,
                  int                   response,
                  GtkFileChooserNative *chooser)
{
  Files *files = files_of (self);
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      if (!shirabe_window_open_file (self, file, &error))
        shirabe_window_show_error (self, _("The project was not opened"), error);
    }
  g_clear_object (&files->chooser);
}

static void
open_project_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  ShirabeWindow *self = SHIRABE_WINDOW (widget);
  Files *files = files_of (self);

  if (files->chooser != NULL)
    return;
  files->chooser = new_chooser (self, _("Open Project"), GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"));
  g_signal_connect_object (files->chooser, "response", G_CALLBACK (on_open_response), self,
                           G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (files->chooser));
}

static void
on_new_response (ShirabeWindow        *self,
                 int                   response,
                 GtkFileChooserNative *chooser)
{
  Files *files = files_of (self);
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(ShirabeProject) project = NULL;
  g_autofree char *path = NULL;
  g_autofree char *basename = NULL;

  if (response != GTK_RESPONSE_ACCEPT)
    {
      g_clear_object (&files->chooser);
      return;
    }

  file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_clear_object (&files->chooser);
  if (files->template_name != NULL)
    {
      g_autofree char *template_name = g_steal_pointer (&files->template_name);

      if (!shirabe_window_create_from_template (self, file, template_name, &error))
        shirabe_window_show_error (self, _("The project was not created"), error);
      return;
    }
  path = g_file_get_path (file);
  if (path == NULL)
    {
      g_set_error_literal (&error, SHIRABE_ERROR, SHIRABE_ERROR_INVALID,
                           _("Choose a folder on this computer for the project"));
      shirabe_window_show_error (self, _("The project was not created"), error);
      return;
    }
  if (!g_str_has_suffix (path, ".shirabe"))
    {
      char *with_suffix = g_strconcat (path, ".shirabe", NULL);

      g_free (path);
      path = with_suffix;
    }

  /* The project is named after its file, as the user just typed it. */
  basename = g_path_get_basename (path);
  basename[strlen (basename) - strlen (".shirabe")] = '\0';
  project = shirabe_project_create (path, *basename != '\0' ? basename : _("Untitled Project"),
                                    SHIRABE_PROJECT_DEFAULT, &error);
  if (project == NULL)
    {
      shirabe_window_show_error (self, _("The project was not created"), error);
      return;
    }
  shirabe_window_set_project (self, project);
}

static void
new_project_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  ShirabeWindow *self = SHIRABE_WINDOW (widget);
  Files *files = files_of (self);
  g_autofree char *name = NULL;

  if (files->chooser != NULL)
    return;
  g_clear_pointer (&files->template_name, g_free);
  files->chooser = new_chooser (self, _("New Project"), GTK_FILE_CHOOSER_ACTION_SAVE,
                               _("C_reate"));
  /* Translators: the file name proposed for a new project; keep the .shirabe ending */
  name = g_strdup (_("Untitled Project.shirabe"));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (files->chooser), name);
  g_signal_connect_object (files->chooser, "response", G_CALLBACK (on_new_response), self,
                           G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (files->chooser));
}

/* New projects from a template, the sample, and the codebook as a template */

/* The project file the user typed, with the .shirabe ending added when left out. */
static char *
dup_project_path (GFile   *file,
                  GError **error)
{
  g_autofree char *path = g_file_get_path (file);

  if (path == NULL)
    {
      g_set_error_literal (error, SHIRABE_ERROR, SHIRABE_ERROR_INVALID,
                           _("Choose a folder on this computer for the project"));
      return NULL;
    }
  if (!g_str_has_suffix (path, ".shirabe"))
    return g_strconcat (path, ".shirabe", NULL);
  return g_steal_pointer (&path);
}

gboolean
shirabe_window_create_from_template (ShirabeWindow  *self,
                                     GFile          *file,
                                     const char     *template_name,
                                     GError        **error)
{
  g_autofree char *path = NULL;
  g_autofree char *name = NULL;
  g_autoptr(GFile) project_file = NULL;

  g_return_val_if_fail (SHIRABE_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (template_name != NULL, FALSE);

  if ((path = dup_project_path (file, error)) == NULL)
    return FALSE;
  /* The project is named after its file, as the user just typed it. */
  name = g_path_get_basename (path);
  name[strlen (name) - strlen (".shirabe")] = '\0';
  if (!shirabe_new_project_from_template (path, *name != '\0' ? name : _("Untitled Project"),
                                          template_name, error))
    return FALSE;
  project_file = g_file_new_for_path (path);
  return shirabe_window_open_file (self, project_file, error);
}

gboolean
shirabe_window_open_sample (ShirabeWindow  *self,
                            const char     *prebuilt,
                            GError        **error)
{
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;

  g_return_val_if_fail (SHIRABE_IS_WINDOW (self), FALSE);

  path = shirabe_new_sample_project (prebuilt, error);
  if (path == NULL)
    return FALSE;
  file = g_file_new_for_path (path);
  return shirabe_window_open_file (self, file, error);
}

gboolean
shirabe_window_export_template (ShirabeWindow  *self,
                                GFile          *file,
                                GError        **error)
{
  g_autofree char *path = NULL;

  g_return_val_if_fail (SHIRABE_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  if (shirabe_window_get_project (self) == NULL)
    {
      g_set_error_literal (error, SHIRABE_ERROR, SHIRABE_ERROR_INVALID,
                           _("Open a project to export its codebook"));
      return FALSE;
    }
  path = g_file_get_path (file);
  if (path == NULL)
    {
      g_set_error_literal (error, SHIRABE_ERROR, SHIRABE_ERROR_INVALID,
                           _("Choose a folder on this computer for the template"));
      return FALSE;
    }
  if (!g_str_has_suffix (path, ".json"))
    {
      char *with_suffix = g_strconcat (path, ".json", NULL);

      g_free (path);
      path = with_suffix;
      /* The chooser confirmed replacing another name than this one. */
      if (g_file_test (path, G_FILE_TEST_EXISTS))
        {
          g_autofree char *display = g_filename_display_basename (path);

          g_set_error (error, SHIRABE_ERROR, SHIRABE_ERROR_EXISTS,
                       _("“%s” already exists; to replace it, choose it by its full name"),
                       display);
          return FALSE;
        }
    }
  return shirabe_project_export_template (shirabe_window_get_project (self), path, error);
}

static void
on_template_chosen (ShirabeWindow *self,
                    const char    *response,
                    GtkWidget     *dialog)
{
  Files *files = files_of (self);
  g_autofree char *name = NULL;

  if (g_strcmp0 (response, "choose") != 0 || files->chooser != NULL)
    return;
  files->template_name = g_strdup (shirabe_template_dialog_get_selected (dialog));
  files->chooser = new_chooser (self, _("New Project"), GTK_FILE_CHOOSER_ACTION_SAVE,
                               _("C_reate"));
  name = g_strdup (_("Untitled Project.shirabe"));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (files->chooser), name);
  g_signal_connect_object (files->chooser, "response", G_CALLBACK (on_new_response), self,
                           G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (files->chooser));
}

static void
new_project_from_template_action (GtkWidget  *widget,
                                  const char *action_name,
                                  GVariant   *parameter)
{
  ShirabeWindow *self = SHIRABE_WINDOW (widget);
  Files *files = files_of (self);
  g_autoptr(GError) error = NULL;
  GtkWidget *dialog;

  if (files->chooser != NULL)
    return;
  dialog = shirabe_template_dialog_new (GTK_WINDOW (self), &error);
  if (dialog == NULL)
    {
      shirabe_window_show_error (self, _("The project was not created"), error);
      return;
    }
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_template_chosen), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
explore_sample_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  ShirabeWindow *self = SHIRABE_WINDOW (widget);
  g_autofree char *prebuilt = shirabe_find_prebuilt_sample ();
  g_autoptr(GError) error = NULL;

  if (!shirabe_window_open_sample (self, prebuilt, &error))
    shirabe_window_show_error (self, _("The sample project was not opened"), error);
}

static void
on_export_template_response (ShirabeWindow        *self,
                             int                   response,
                             GtkFileChooserNative *chooser)
{
  Files *files = files_of (self);
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_clear_object (&files->chooser);
  if (file == NULL)
    return;
  if (!shirabe_window_export_template (self, file, &error))
    shirabe_window_show_error (self, _("The codebook was not exported"), error);
  else
    shirabe_window_add_toast (self, adw_toast_new (_("Codebook exported as a template")));
}

static void
export_template_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  ShirabeWindow *self = SHIRABE_WINDOW (widget);
  Files *files = files_of (self);
  g_autoptr(GtkFileFilter) templates = gtk_file_filter_new ();
  g_autofree char *project_name = NULL;
  g_autofree char *file_name = NULL;

  if (files->chooser != NULL || shirabe_window_get_project (self) == NULL)
    return;
  files->chooser = gtk_file_chooser_native_new (_("Export Codebook as Template"), GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), NULL);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (files->chooser), TRUE);
  gtk_file_filter_set_name (templates, _("Coding Scheme Templates"));
  gtk_file_filter_add_pattern (templates, "*.json");
  gtk_file_filter_add_mime_type (templates, "application/json");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (files->chooser), templates);
  project_name = shirabe_project_dup_name (shirabe_window_get_project (self));
  file_name = g_strconcat (project_name != NULL && *project_name != '\0' ? project_name
                                                                        : _("Codebook"),
                           ".json", NULL);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (files->chooser), file_name);
  g_signal_connect_object (files->chooser, "response", G_CALLBACK (on_export_template_response),
                           self, G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (files->chooser));
}

/* Brings the chosen coders' copies in: one undo step; what happened in a dialog, since a
 * merge can keep the project's values where a copy differs, and the user must know which. */
gboolean
shirabe_window_merge_copies (ShirabeWindow      *self,
                             const char * const *paths,
                             GError            **error)
{
  g_autoptr(ShirabeMergeReport) report = NULL;
  g_autoptr(GString) body = g_string_new (NULL);
  AdwMessageDialog *dialog;

  report = shirabe_project_merge_copies (shirabe_window_get_project (self), paths,
                                         SHIRABE_MERGE_DEFAULT, error);
  if (report == NULL)
    return FALSE;
  for (guint i = 0; i < report->copies->len; i++)
    {
      ShirabeMergeCopy *copy = &g_array_index (report->copies, ShirabeMergeCopy, i);
      g_autofree char *name = g_filename_display_basename (copy->path);
      g_autofree char *added = g_strdup_printf ("%" G_GUINT64_FORMAT, copy->n_codings_added);

      if (body->len > 0)
        g_string_append (body, "\n\n");
      /* TRANSLATORS: "aiko.shirabe (Aiko): 120 codings added, 2 codes added, 3 values taken,
       * 1 kept from the project, 0 deletions reported, 0 skipped" */
      g_string_append_printf (body, _("%s (%s): %s codings added, %u codes added, %u values "
                                      "taken, %u kept from the project, %u deletions reported, "
                                      "%u skipped"),
                              name, *copy->coder_name != '\0' ? copy->coder_name : "—", added,
                              copy->n_codes_added, copy->n_values_set, copy->n_conflicts,
                              copy->n_deletions, copy->n_skipped);
      for (guint j = 0, shown = 0; j < report->items->len; j++)
        {
          ShirabeMergeItem *item = &g_array_index (report->items, ShirabeMergeItem, j);

          if (item->copy != i || item->action == SHIRABE_MERGE_ADDED)
            continue;
          if (shown++ == 8)
            {
              g_string_append (body, _("\n• … and more: “shirabe-cli merge --dry-run” lists "
                                       "them all."));
              break;
            }
          g_string_append_printf (body, "\n• %s", item->message);
        }
    }
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self),
                                                       _("Coders’ Copies Merged"), body->str));
  adw_message_dialog_add_response (dialog, "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
  return TRUE;
}

static void
on_merge_response (ShirabeWindow        *self,
                   int                   response,
                   GtkFileChooserNative *chooser)
{
  Files *files = files_of (self);
  g_autoptr(GListModel) chosen = NULL;
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    chosen = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (chooser));
  g_clear_object (&files->chooser);
  for (guint i = 0; chosen != NULL && i < g_list_model_get_n_items (chosen); i++)
    {
      g_autoptr(GFile) file = g_list_model_get_item (chosen, i);

      if (g_file_get_path (file) != NULL)
        g_ptr_array_add (paths, g_file_get_path (file));
    }
  if (paths->len == 0)
    return;
  g_ptr_array_add (paths, NULL);
  if (!shirabe_window_merge_copies (self, (const char * const *) paths->pdata, &error))
    shirabe_window_show_error (self, _("The copies were not merged"), error);
}

static void
merge_copies_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  ShirabeWindow *self = SHIRABE_WINDOW (widget);
  Files *files = files_of (self);

  if (files->chooser != NULL || shirabe_window_get_project (self) == NULL)
    return;
  files->chooser = new_chooser (self, _("Merge Coders’ Copies"), GTK_FILE_CHOOSER_ACTION_OPEN,
                                _("_Merge"));
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (files->chooser), TRUE);
  g_signal_connect_object (files->chooser, "response", G_CALLBACK (on_merge_response), self,
                           G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (files->chooser));
}

static void
pseudonyms_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  ShirabeWindow *self = SHIRABE_WINDOW (widget);

  if (shirabe_window_get_project (self) != NULL)
    shirabe_pseudonyms_dialog_new (self);
}

static void
restore_backup_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  ShirabeWindow *self = SHIRABE_WINDOW (widget);

  if (shirabe_window_get_project (self) != NULL)
    shirabe_restore_dialog_new (self);
}

/* Case attributes from a spreadsheet: read first (a dry run), shown with the types found and
 * any problem, and applied as one undo step only when the user agrees. */
static void
on_attributes_confirmed (AdwMessageDialog *dialog,
                         const char       *response,
                         ShirabeWindow    *self)
{
  const char *path = g_object_get_data (G_OBJECT (dialog), "shirabe-path");
  g_autoptr(ShirabeAttributeImport) report = NULL;
  g_autoptr(GError) error = NULL;
  ShirabeAttributeImportOptions options = { 0 };

  if (g_strcmp0 (response, "import") != 0 || shirabe_window_get_project (self) == NULL)
    return;
  options.create_cases = TRUE;
  report = shirabe_project_import_attributes (shirabe_window_get_project (self), path, &options,
                                              &error);
  if (report == NULL || !report->applied)
    {
      if (error == NULL)
        g_set_error_literal (&error, SHIRABE_ERROR, SHIRABE_ERROR_INVALID,
                             _("The file changed since it was read; read it again"));
      shirabe_window_show_error (self, _("The attributes were not imported"), error);
      return;
    }
  {
    g_autofree char *message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                             "%u attribute value set",
                                                             "%u attribute values set",
                                                             report->n_values_set),
                                                report->n_values_set);

    shirabe_window_add_toast (self, adw_toast_new (message));
  }
}

AdwMessageDialog *
shirabe_window_ask_import_attributes (ShirabeWindow *self,
                                      const char    *path,
                                      GError       **error)
{
  g_autoptr(ShirabeAttributeImport) report = NULL;
  g_autoptr(GString) body = g_string_new (NULL);
  g_autofree char *name = g_filename_display_basename (path);
  ShirabeAttributeImportOptions options = { 0 };
  AdwMessageDialog *dialog;

  options.create_cases = TRUE;
  options.dry_run = TRUE;
  report = shirabe_project_import_attributes (shirabe_window_get_project (self), path, &options,
                                              error);
  if (report == NULL)
    return NULL;
  for (guint i = 0; i < report->columns->len; i++)
    {
      ShirabeAttributeImportColumn *column = report->columns->pdata[i];

      /* TRANSLATORS: a column of the spreadsheet, the type its values were read as, and
       * whether the attribute is added: "年齢: integer, new" */
      g_string_append_printf (body, column->is_new ? _("%s: %s, new\n") : _("%s: %s\n"),
                              column->header, shirabe_attribute_type_to_label (column->type));
    }
  if (report->n_cases_created > 0)
    g_string_append_printf (body, g_dngettext (GETTEXT_PACKAGE,
                                               "%u case is not in the project and will be added.\n",
                                               "%u cases are not in the project and will be added.\n",
                                               report->n_cases_created),
                            report->n_cases_created);
  for (guint i = 0; i < report->problems->len && i < 12; i++)
    {
      ShirabeAttributeImportProblem *problem = report->problems->pdata[i];

      g_string_append_printf (body, problem->column != NULL ? _("Row %u, “%s”: %s\n")
                                                            : _("Row %u: %s\n"),
                              problem->row, problem->column != NULL ? problem->column
                                                                    : problem->message,
                              problem->message);
    }
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (
    GTK_WINDOW (self), _("Import Case Attributes"), NULL));
  if (report->problems->len > 0)
    {
      g_autofree char *heading = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                               "“%s” Has %u Problem",
                                                               "“%s” Has %u Problems",
                                                               report->problems->len),
                                                  name, report->problems->len);

      adw_message_dialog_set_heading (dialog, heading);
      adw_message_dialog_add_response (dialog, "close", _("_Close"));
    }
  else
    {
      g_autofree char *heading = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                               "Import %u Case from “%s”?",
                                                               "Import %u Cases from “%s”?",
                                                               report->n_rows),
                                                  report->n_rows, name);

      adw_message_dialog_set_heading (dialog, heading);
      adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "import", _("_Import"),
                                        NULL);
      adw_message_dialog_set_response_appearance (dialog, "import", ADW_RESPONSE_SUGGESTED);
      adw_message_dialog_set_default_response (dialog, "import");
      adw_message_dialog_set_close_response (dialog, "cancel");
    }
  adw_message_dialog_set_body (dialog, body->str);
  g_object_set_data_full (G_OBJECT (dialog), "shirabe-path", g_strdup (path), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_attributes_confirmed), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}

static void
on_attributes_file_response (ShirabeWindow        *self,
                             int                   response,
                             GtkFileChooserNative *chooser)
{
  Files *files = files_of (self);
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_clear_object (&files->chooser);
  if (file == NULL || (path = g_file_get_path (file)) == NULL)
    return;
  if (shirabe_window_ask_import_attributes (self, path, &error) == NULL)
    shirabe_window_show_error (self, _("The attributes were not imported"), error);
}

static void
import_attributes_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  ShirabeWindow *self = SHIRABE_WINDOW (widget);
  Files *files = files_of (self);
  g_autoptr(GtkFileFilter) tables = gtk_file_filter_new ();

  if (files->chooser != NULL || shirabe_window_get_project (self) == NULL)
    return;
  files->chooser = gtk_file_chooser_native_new (_("Import Case Attributes"), GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_OPEN, _("_Read"), NULL);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (files->chooser), TRUE);
  gtk_file_filter_set_name (tables, _("Spreadsheets (CSV, XLSX)"));
  gtk_file_filter_add_pattern (tables, "*.csv");
  gtk_file_filter_add_pattern (tables, "*.xlsx");
  gtk_file_filter_add_mime_type (tables, "text/csv");
  gtk_file_filter_add_mime_type (tables,
                                 "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (files->chooser), tables);
  g_signal_connect_object (files->chooser, "response", G_CALLBACK (on_attributes_file_response),
                           self, G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (files->chooser));
}

/* A coder's copy: who it is for and what it carries are asked first, then where it goes. */
typedef struct
{
  char             *coder;
  ShirabeCopyFlags  flags;
} CopyRequest;

static void
on_copy_save_response (ShirabeWindow        *self,
                       int                   response,
                       GtkFileChooserNative *chooser)
{
  Files *files = files_of (self);
  CopyRequest *request = g_object_get_data (G_OBJECT (chooser), "shirabe-copy-request");
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  if (file != NULL && (path = g_file_get_path (file)) != NULL &&
      shirabe_window_get_project (self) != NULL)
    {
      if (!shirabe_project_copy_for_coder (shirabe_window_get_project (self), path,
                                           request->coder, request->flags, &error))
        shirabe_window_show_error (self, _("The coder’s copy was not written"), error);
      else
        {
          g_autofree char *message = g_strdup_printf (_("Copy for %s written"), request->coder);

          shirabe_window_add_toast (self, adw_toast_new (message));
        }
    }
  g_clear_object (&files->chooser);
}

static void
copy_request_free (CopyRequest *request)
{
  g_free (request->coder);
  g_free (request);
}

static void
on_copy_dialog_response (AdwMessageDialog *dialog,
                         const char       *response,
                         ShirabeWindow    *self)
{
  Files *files = files_of (self);
  GtkWidget *box = adw_message_dialog_get_extra_child (dialog);
  GtkWidget *entry = gtk_widget_get_first_child (box);
  GtkWidget *blind = gtk_widget_get_next_sibling (entry);
  GtkWidget *without = gtk_widget_get_next_sibling (blind);
  GtkWidget *pseudonymise = gtk_widget_get_next_sibling (without);
  CopyRequest *request;
  g_autofree char *file_name = NULL;

  if (g_strcmp0 (response, "choose") != 0 || files->chooser != NULL)
    return;
  request = g_new0 (CopyRequest, 1);
  request->coder = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (entry))));
  if (gtk_check_button_get_active (GTK_CHECK_BUTTON (blind)))
    request->flags |= SHIRABE_COPY_BLIND;
  if (gtk_check_button_get_active (GTK_CHECK_BUTTON (without)))
    request->flags |= SHIRABE_COPY_WITHOUT_CODINGS;
  if (gtk_check_button_get_active (GTK_CHECK_BUTTON (pseudonymise)))
    request->flags |= SHIRABE_COPY_PSEUDONYMISE;
  files->chooser = new_chooser (self, _("Save the Coder’s Copy"), GTK_FILE_CHOOSER_ACTION_SAVE,
                                _("_Save"));
  file_name = g_strconcat (request->coder, ".shirabe", NULL);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (files->chooser), file_name);
  g_object_set_data_full (G_OBJECT (files->chooser), "shirabe-copy-request", request,
                          (GDestroyNotify) copy_request_free);
  g_signal_connect_object (files->chooser, "response", G_CALLBACK (on_copy_save_response), self,
                           G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (files->chooser));
}

static void
on_copy_name_changed (GtkEditable      *entry,
                      AdwMessageDialog *dialog)
{
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (entry)));

  adw_message_dialog_set_response_enabled (dialog, "choose", *name != '\0');
}

AdwMessageDialog *
shirabe_window_ask_coder_copy (ShirabeWindow *self)
{
  AdwMessageDialog *dialog;
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *entry = gtk_entry_new ();
  GtkWidget *blind = gtk_check_button_new_with_mnemonic (
    _("_Blind: leave out everyone else’s codings"));
  GtkWidget *without = gtk_check_button_new_with_mnemonic (_("_Without any codings"));
  GtkWidget *pseudonymise = gtk_check_button_new_with_mnemonic (
    _("_Pseudonymise with the project’s table (the copy’s codings then cannot be merged back)"));

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (
    GTK_WINDOW (self), _("Make a Coder’s Copy"),
    _("A copy of the whole project for one coder to code on their own; “Merge Coders’ "
      "Copies…” brings it back. Codings left out are erased from the copy.")));
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _("Coder’s name"));
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Coder’s name"), -1);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (blind), TRUE);
  gtk_box_append (GTK_BOX (box), entry);
  gtk_box_append (GTK_BOX (box), blind);
  gtk_box_append (GTK_BOX (box), without);
  gtk_box_append (GTK_BOX (box), pseudonymise);
  adw_message_dialog_set_extra_child (dialog, box);
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "choose",
                                    _("_Choose Where…"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "choose", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "choose");
  adw_message_dialog_set_close_response (dialog, "cancel");
  adw_message_dialog_set_response_enabled (dialog, "choose", FALSE);
  g_signal_connect_object (entry, "changed", G_CALLBACK (on_copy_name_changed), dialog, 0);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_copy_dialog_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}

static void
coder_copy_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  ShirabeWindow *self = SHIRABE_WINDOW (widget);

  if (shirabe_window_get_project (self) != NULL)
    shirabe_window_ask_coder_copy (self);
}

void
shirabe_window_files_install (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.coder-copy", NULL, coder_copy_action);
  gtk_widget_class_install_action (widget_class, "win.import-attributes", NULL,
                                   import_attributes_action);
  gtk_widget_class_install_action (widget_class, "win.merge-copies", NULL, merge_copies_action);
  gtk_widget_class_install_action (widget_class, "win.pseudonyms", NULL, pseudonyms_action);
  gtk_widget_class_install_action (widget_class, "win.restore-backup", NULL,
                                   restore_backup_action);
  gtk_widget_class_install_action (widget_class, "win.new-project", NULL, new_project_action);
  gtk_widget_class_install_action (widget_class, "win.open-project", NULL, open_project_action);
  gtk_widget_class_install_action (widget_class, "win.new-project-from-template", NULL,
                                   new_project_from_template_action);
  gtk_widget_class_install_action (widget_class, "win.explore-sample", NULL,
                                   explore_sample_action);
  gtk_widget_class_install_action (widget_class, "win.export-template", NULL,
                                   export_template_action);
}

void
shirabe_window_files_dispose (ShirabeWindow *self)
{
  g_object_set_data (G_OBJECT (self), "shirabe-window-files", NULL);
}
