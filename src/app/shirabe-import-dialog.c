/* shirabe-import-dialog.c: importing text files into the window's project, with progress
 *
 * The import runs in a worker thread with a connection of its own
 * (shirabe_project_import_files_async, whose comment tells how it stays one undo step of the
 * window's history). The window's connection only reads meanwhile, so the lists keep painting,
 * the progress bar moves as the worker's counts arrive through the main loop, and Cancel is
 * heard between files; a cancelled import keeps nothing.
 *
 * The worker holds the project's write lock until it is done, so the window must not write:
 * the progress dialog is modal, and the window's focus is taken away before the import starts
 * so that an editor with unsaved typing (the memo, an attribute) saves it first rather than
 * during the import, where its write would wait for the lock.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "shirabe-i18n.h"

#include "shirabe-import-dialog.h"
#include "shirabe-languages.h"

/* The options of a run, with copies of their strings: kept to import refused files again. */
typedef struct
{
  ShirabeImportOptions  options;
  char                 *strings[6];
} ImportOptionsCopy;

typedef struct
{
  ShirabeWindow    *window;
  ShirabeProject   *project;
  GtkWidget        *progress_dialog;
  GtkProgressBar   *bar;
  GCancellable     *cancellable;
  ImportOptionsCopy *options;
} ImportRun;

static void
import_options_copy_free (ImportOptionsCopy *copy)
{
  for (guint i = 0; i < G_N_ELEMENTS (copy->strings); i++)
    g_free (copy->strings[i]);
  g_free (copy);
}

static ImportOptionsCopy *
import_options_copy_new (const ShirabeImportOptions *options)
{
  ImportOptionsCopy *copy = g_new0 (ImportOptionsCopy, 1);

  if (options == NULL)
    return copy;
  copy->options = *options;
  copy->options.case_name = copy->strings[0] = g_strdup (options->case_name);
  copy->options.case_pattern = copy->strings[1] = g_strdup (options->case_pattern);
  copy->options.language = copy->strings[2] = g_strdup (options->language);
  copy->options.kind = copy->strings[3] = g_strdup (options->kind);
  copy->options.forced_encoding = copy->strings[4] = g_strdup (options->forced_encoding);
  copy->options.password = copy->strings[5] = g_strdup (options->password);
  return copy;
}

/* Set on the window while its import runs: a second one would wait for the first's lock. */
#define RUNNING_KEY "shirabe-import-running"

static void
import_run_free (ImportRun *run)
{
  /* The progress dialog first: it is transient for the window, and letting go of it tells the
   * window so, which must not come after the window's last reference is gone (a window
   * closed while its import ran). */
  g_clear_object (&run->progress_dialog);
  g_clear_object (&run->window);
  g_clear_object (&run->project);
  g_clear_object (&run->cancellable);
  g_clear_pointer (&run->options, import_options_copy_free);
  g_free (run);
}

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
  ImportRun *run = user_data;
  g_autofree char *text = NULL;

  /* Translators: the progress of an import: files done, of all */
  text = g_strdup_printf (_("%u of %u"), done, total);
  gtk_progress_bar_set_fraction (run->bar, total > 0 ? (double) done / total : 1);
  gtk_progress_bar_set_text (run->bar, text);
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
      g_autofree char *subtitle = result->summary != NULL
                                  ? g_strdup (result->summary)
                                  : g_strdup_printf (_("Imported (%s)"), result->encoding);

      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      icon = gtk_image_new_from_icon_name ("object-select-symbolic");
      gtk_widget_add_css_class (icon, "success");
    }
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
  return row;
}

/* The files refused only for bytes their encoding cannot read, to import again with
 * replacement when the user asks. */
typedef struct
{
  ShirabeWindow     *window;
  GPtrArray         *paths;
  ImportOptionsCopy *options;
} ImportRetry;

static void
import_retry_free (ImportRetry *retry)
{
  g_clear_weak_pointer (&retry->window);
  g_ptr_array_unref (retry->paths);
  import_options_copy_free (retry->options);
  g_free (retry);
}

static void
import_retry_closure_free (gpointer  data,
                           GClosure *closure)
{
  import_retry_free (data);
}

static void
on_result_response (AdwMessageDialog *dialog,
                    const char       *response,
                    ImportRetry      *retry)
{
  if (g_strcmp0 (response, "replace") != 0 || retry->window == NULL)
    return;
  retry->options->options.replace_invalid = TRUE;
  shirabe_import_run_with_options_async (retry->window,
                                         (const char * const *) retry->paths->pdata,
                                         &retry->options->options, NULL, NULL);
}

static AdwMessageDialog *
new_result_dialog (ShirabeWindow     *window,
                   GPtrArray         *results,
                   int                n_imported,
                   ImportOptionsCopy *options)
{
  g_autoptr(GPtrArray) unreadable_paths = g_ptr_array_new_with_free_func (g_free);
  guint n_unreadable = 0;
  GtkWidget *dialog;
  GtkWidget *list = gtk_list_box_new ();
  guint n_refused = results->len - n_imported;
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;

  if (n_imported == 0)
    heading = g_strdup (_("Nothing Was Imported"));
  else
    heading = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d Narrative Imported",
                                            "%d Narratives Imported", n_imported),
                               n_imported);
  body = n_imported == 0
         ? g_strdup (g_dngettext (GETTEXT_PACKAGE,
                                  "The file could not be read as a narrative; the reason is "
                                  "under its name.",
                                  "None of the files could be read as a narrative; each reason "
                                  "is under its name.",
                                  results->len))
         : n_refused == 0
         ? g_strdup (_("Every file was imported. Undo removes them all."))
         : g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "%u file was refused; the reason is under its name.",
                                         "%u files were refused; each reason is under its name.",
                                         n_refused),
                            n_refused);
  dialog = adw_message_dialog_new (GTK_WINDOW (window), heading, body);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));

  /* Never by default: replacing unreadable bytes is the user’s choice, offered with its
   * count. */
  for (guint i = 0; i < results->len; i++)
    {
      const ShirabeImportResult *result = g_ptr_array_index (results, i);

      if (result->error != NULL && result->n_unreadable > 0)
        {
          g_ptr_array_add (unreadable_paths, g_strdup (result->path));
          n_unreadable += result->n_unreadable;
        }
    }
  if (n_unreadable > 0)
    {
      ImportRetry *retry = g_new0 (ImportRetry, 1);
      g_autofree char *label =
        g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                      "_Import Anyway, Replacing %u Unreadable Byte",
                                      "_Import Anyway, Replacing %u Unreadable Bytes",
                                      n_unreadable),
                         n_unreadable);

      g_ptr_array_add (unreadable_paths, NULL);
      g_set_weak_pointer (&retry->window, window);
      retry->paths = g_steal_pointer (&unreadable_paths);
      retry->options = import_options_copy_new (&options->options);
      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "replace", label);
      g_signal_connect_data (dialog, "response", G_CALLBACK (on_result_response), retry,
                             import_retry_closure_free, 0);
    }

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  for (guint i = 0; i < results->len; i++)
    gtk_list_box_append (GTK_LIST_BOX (list), new_result_row (g_ptr_array_index (results, i)));
  /* A few rows show whole; more scroll in a fixed height. A scrolled window asked for its
   * natural height under-measures wrapped reasons and cut the last row off. */
  if (results->len <= 4)
    adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), list);
  else
    {
      GtkWidget *scrolled = gtk_scrolled_window_new ();

      gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER,
                                      GTK_POLICY_AUTOMATIC);
      gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scrolled), 320);
      gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), list);
      adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), scrolled);
    }
  gtk_widget_set_name (list, "import-results");
  gtk_window_present (GTK_WINDOW (dialog));
  return ADW_MESSAGE_DIALOG (dialog);
}

static void
on_import_finished (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  ImportRun *run = g_task_get_task_data (task);
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GError) error = NULL;
  int n_imported;

  n_imported = shirabe_project_import_files_finish (SHIRABE_PROJECT (source), result, &results,
                                                    &error);
  g_signal_handlers_disconnect_by_func (run->progress_dialog, keep_open, NULL);
  gtk_window_destroy (GTK_WINDOW (run->progress_dialog));
  g_object_set_data (G_OBJECT (run->window), RUNNING_KEY, NULL);

  /* The window may have been closed, or given another project, while the worker ran; the
   * import is saved all the same, and there is no one left to tell. */
  if (shirabe_window_get_project (run->window) != run->project)
    {
      if (n_imported < 0)
        g_task_return_error (task, g_steal_pointer (&error));
      else
        g_task_return_new_error (task, SHIRABE_ERROR, SHIRABE_ERROR_FAILED, "%s",
                                 _("The project was closed during the import; the imported "
                                   "narratives are saved in its file"));
      return;
    }

  if (n_imported < 0)
    {
      if (g_error_matches (error, SHIRABE_ERROR, SHIRABE_ERROR_CANCELLED))
        shirabe_window_add_toast (run->window, adw_toast_new (error->message));
      else
        shirabe_window_show_error (run->window, _("Nothing was imported"), error);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_task_return_pointer (task, new_result_dialog (run->window, results, n_imported,
                                                  run->options), NULL);
}

void
shirabe_import_run_async (ShirabeWindow       *window,
                          const char * const  *paths,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  shirabe_import_run_with_options_async (window, paths, NULL, callback, user_data);
}

/**
 * shirabe_import_run_with_options_async:
 * @options: (nullable): where the narratives go and their language; %NULL for a case per
 *   file and the language detected
 */
void
shirabe_import_run_with_options_async (ShirabeWindow               *window,
                                       const char * const          *paths,
                                       const ShirabeImportOptions  *options,
                                       GAsyncReadyCallback          callback,
                                       gpointer                     user_data)
{
  g_autoptr(GTask) task = NULL;
  ShirabeProject *project;
  ImportRun *run;
  GtkWidget *bar;

  g_return_if_fail (SHIRABE_IS_WINDOW (window));
  g_return_if_fail (paths != NULL);

  task = g_task_new (window, NULL, callback, user_data);
  g_task_set_source_tag (task, shirabe_import_run_async);

  project = shirabe_window_get_project (window);
  if (project == NULL || paths[0] == NULL)
    {
      g_task_return_new_error (task, SHIRABE_ERROR, SHIRABE_ERROR_INVALID, "%s",
                               _("There is no file to import"));
      return;
    }

  if (g_object_get_data (G_OBJECT (window), RUNNING_KEY) != NULL)
    {
      const char *message = _("An import is already running; import these files once it "
                              "is done");

      shirabe_window_add_toast (window, adw_toast_new (message));
      g_task_return_new_error (task, SHIRABE_ERROR, SHIRABE_ERROR_FAILED, "%s", message);
      return;
    }
  g_object_set_data (G_OBJECT (window), RUNNING_KEY, GINT_TO_POINTER (TRUE));

  run = g_new0 (ImportRun, 1);
  run->window = g_object_ref (window);
  run->project = g_object_ref (project);
  run->cancellable = g_cancellable_new ();
  run->options = import_options_copy_new (options);
  g_task_set_task_data (task, run, (GDestroyNotify) import_run_free);

  /* Editors save what was typed when they lose the focus: now, before the worker takes the
   * write lock, not while it holds it. */
  gtk_window_set_focus (GTK_WINDOW (window), NULL);

  run->progress_dialog = adw_message_dialog_new (GTK_WINDOW (window), _("Importing Narratives…"),
                                                 NULL);
  g_object_ref (run->progress_dialog);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (run->progress_dialog), "cancel",
                                   _("_Cancel"));
  /* The dialog stays until the worker is done, whatever is clicked. */
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (run->progress_dialog), "cancel");
  g_signal_connect_swapped (run->progress_dialog, "response", G_CALLBACK (on_progress_response),
                            run->cancellable);
  g_signal_connect (run->progress_dialog, "close-request", G_CALLBACK (keep_open), NULL);
  gtk_widget_set_name (run->progress_dialog, "import-progress");
  bar = gtk_progress_bar_new ();
  gtk_progress_bar_set_show_text (GTK_PROGRESS_BAR (bar), TRUE);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (run->progress_dialog), bar);
  run->bar = GTK_PROGRESS_BAR (bar);
  gtk_window_present (GTK_WINDOW (run->progress_dialog));

  shirabe_project_import_files_async (project, paths, options, on_progress, run,
                                      run->cancellable, on_import_finished,
                                      g_steal_pointer (&task));
}

AdwMessageDialog *
shirabe_import_run_finish (ShirabeWindow  *window,
                           GAsyncResult   *result,
                           GError        **error)
{
  g_return_val_if_fail (SHIRABE_IS_WINDOW (window), NULL);
  g_return_val_if_fail (g_task_is_valid (result, window), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == shirabe_import_run_async,
                        NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Asking where the narratives go */

enum { DESTINATION_EACH, DESTINATION_NEW, DESTINATION_EXISTING, DESTINATION_PATTERN };

typedef struct
{
  ShirabeWindow *window;
  char         **paths;
  GtkDropDown   *destination;
  GtkEditable   *name;        /* a new case's name, or the pattern */
  GtkDropDown   *cases;
  GArray        *case_ids;
  GtkDropDown   *language;
  GtkCheckButton *pair;
} ImportAsk;

static void
import_ask_free (ImportAsk *ask)
{
  g_clear_weak_pointer (&ask->window);
  g_strfreev (ask->paths);
  g_clear_pointer (&ask->case_ids, g_array_unref);
  g_free (ask);
}

static void
on_destination_changed (ImportAsk *ask)
{
  guint destination = gtk_drop_down_get_selected (ask->destination);

  gtk_widget_set_visible (GTK_WIDGET (ask->name),
                          destination == DESTINATION_NEW || destination == DESTINATION_PATTERN);
  gtk_widget_set_visible (GTK_WIDGET (ask->cases), destination == DESTINATION_EXISTING);
  gtk_editable_set_text (ask->name, destination == DESTINATION_PATTERN ? "^([^_]+)_" : "");
  gtk_entry_set_placeholder_text (GTK_ENTRY (ask->name),
                                  destination == DESTINATION_PATTERN
                                  ? _("A regular expression; its first group names the case")
                                  : _("Name of the new case"));
  gtk_widget_set_tooltip_text (GTK_WIDGET (ask->name),
                               destination == DESTINATION_PATTERN
                               ? _("A regular expression on the file name; its first group "
                                   "names the case: “^([^_]+)_” puts case12_interview.txt in "
                                   "case12")
                               : NULL);
}

static void
on_import_ask_response (AdwMessageDialog *dialog,
                        const char       *response,
                        ImportAsk        *ask)
{
  ShirabeImportOptions options = { 0 };
  g_autofree char *case_name = NULL;
  guint language = gtk_drop_down_get_selected (ask->language);
  ShirabeProject *project;

  if (ask->window == NULL || g_strcmp0 (response, "import") != 0 ||
      (project = shirabe_window_get_project (ask->window)) == NULL)
    return;
  switch (gtk_drop_down_get_selected (ask->destination))
    {
    case DESTINATION_NEW:
      options.case_name = gtk_editable_get_text (ask->name);
      break;
    case DESTINATION_EXISTING:
      {
        guint selected = gtk_drop_down_get_selected (ask->cases);
        g_autoptr(ShirabeCase) the_case = NULL;

        if (selected < ask->case_ids->len)
          the_case = shirabe_project_get_case (project,
                                               g_array_index (ask->case_ids, gint64, selected),
                                               NULL);
        if (the_case != NULL)
          options.case_name = case_name = g_strdup (the_case->name);
      }
      break;
    case DESTINATION_PATTERN:
      options.case_pattern = gtk_editable_get_text (ask->name);
      break;
    case DESTINATION_EACH:
    default:
      break;
    }
  /* First "Detect", then the languages offered. */
  {
    guint n_choices;
    const ShirabeLanguageChoice *choices = shirabe_language_choices (&n_choices);

    if (language >= 1 && language <= n_choices)
      options.language = choices[language - 1].tag;
  }
  options.pair_translations = gtk_check_button_get_active (ask->pair);
  shirabe_import_run_with_options_async (ask->window, (const char * const *) ask->paths,
                                         &options, NULL, NULL);
}

/* Whether two of @paths are named as one text in two languages (x.th.txt, x.ja.txt). */
static gboolean
paths_pair (const char * const *paths)
{
  g_autoptr(GRegex) pair = g_regex_new (SHIRABE_IMPORT_PAIR_PATTERN, 0, 0, NULL);
  g_autoptr(GHashTable) stems = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; pair != NULL && paths[i] != NULL; i++)
    {
      g_autofree char *base = g_filename_display_basename (paths[i]);
      g_autoptr(GMatchInfo) match = NULL;
      g_autofree char *stem = NULL;

      if (!g_regex_match (pair, base, 0, &match))
        continue;
      stem = g_match_info_fetch (match, 1);
      if (g_hash_table_contains (stems, stem))
        return TRUE;
      g_hash_table_add (stems, g_steal_pointer (&stem));
    }
  return FALSE;
}

/**
 * shirabe_import_ask:
 * @paths: the files chosen or dropped
 *
 * Asks where the narratives go (a case per file, all into one new case, into an existing
 * case, or cases from a pattern of the file names) and their language, then imports.
 *
 * Returns: (transfer none): the dialog
 */
AdwMessageDialog *
shirabe_import_ask (ShirabeWindow      *window,
                    const char * const *paths)
{
  g_autoptr(GtkStringList) destinations = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) language_names = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) case_names = gtk_string_list_new (NULL);
  g_autoptr(GPtrArray) cases = NULL;
  g_autofree char *heading = NULL;
  ImportAsk *ask = g_new0 (ImportAsk, 1);
  guint n_paths = g_strv_length ((char **) paths);
  GtkWidget *box, *dialog;

  g_return_val_if_fail (SHIRABE_IS_WINDOW (window), NULL);

  g_set_weak_pointer (&ask->window, window);
  ask->paths = g_strdupv ((char **) paths);
  ask->case_ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  gtk_string_list_append (destinations, _("A case for each file, named after it"));
  gtk_string_list_append (destinations, _("All into one new case"));
  gtk_string_list_append (destinations, _("Into an existing case"));
  gtk_string_list_append (destinations, _("Cases from the file names"));
  gtk_string_list_append (language_names, _("Detect (Japanese script: Japanese)"));
  {
    guint n_choices;
    const ShirabeLanguageChoice *choices = shirabe_language_choices (&n_choices);

    for (guint i = 0; i < n_choices; i++)
      gtk_string_list_append (language_names, _(choices[i].name));
  }
  cases = shirabe_project_list_cases (shirabe_window_get_project (window), NULL);
  for (guint i = 0; cases != NULL && i < cases->len; i++)
    {
      ShirabeCase *the_case = g_ptr_array_index (cases, i);

      gtk_string_list_append (case_names, the_case->name);
      g_array_append_val (ask->case_ids, the_case->id);
    }

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  ask->destination = GTK_DROP_DOWN (gtk_drop_down_new (G_LIST_MODEL (g_object_ref (destinations)),
                                                       NULL));
  gtk_accessible_update_property (GTK_ACCESSIBLE (ask->destination),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Where the narratives go"),
                                  -1);
  ask->name = GTK_EDITABLE (gtk_entry_new ());
  ask->cases = GTK_DROP_DOWN (gtk_drop_down_new (G_LIST_MODEL (g_object_ref (case_names)),
                                                 NULL));
  ask->language = GTK_DROP_DOWN (gtk_drop_down_new (G_LIST_MODEL (g_object_ref (language_names)),
                                                    NULL));
  gtk_accessible_update_property (GTK_ACCESSIBLE (ask->language), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Language"), -1);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (ask->destination));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (ask->name));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (ask->cases));
  gtk_box_append (GTK_BOX (box), gtk_label_new (_("Language")));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (ask->language));
  /* Ticked when the files chosen include a pair. */
  ask->pair = GTK_CHECK_BUTTON (gtk_check_button_new_with_mnemonic (
                _("_Pair translations by file name")));
  gtk_widget_set_tooltip_text (GTK_WIDGET (ask->pair),
                               _("x.th.txt and x.ja.txt go to case x, each in its language, and "
                                 "the Japanese file is linked as a translation of the other"));
  gtk_check_button_set_active (ask->pair, paths_pair (paths));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (ask->pair));
  g_signal_connect_swapped (ask->destination, "notify::selected",
                            G_CALLBACK (on_destination_changed), ask);
  on_destination_changed (ask);
  /* No case yet: "into an existing case" has nothing to offer. */
  if (ask->case_ids->len == 0)
    gtk_widget_set_sensitive (GTK_WIDGET (ask->cases), FALSE);

  heading = g_strdup_printf (ngettext ("Import %u File", "Import %u Files", n_paths), n_paths);
  dialog = adw_message_dialog_new (GTK_WINDOW (window), heading,
                                   _("Where do the narratives go, and in which language?"));
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), box);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"),
                                    "import", _("_Import"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "import",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "import");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_data (dialog, "response", G_CALLBACK (on_import_ask_response), ask,
                         (GClosureNotify) (void (*) (void)) import_ask_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  return ADW_MESSAGE_DIALOG (dialog);
}
