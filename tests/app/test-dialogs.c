/* test-dialogs.c: the import dialog (and the other dialogs of the window)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "shirabe-i18n.h"

#include <string.h>

#include <glib/gstdio.h>

#include "shirabe.h"
#include "shirabe-attributes-view.h"
#include "shirabe-import-dialog.h"
#include "shirabe-window.h"
#include "shirabe-window-files.h"
#include "app-test-util.h"

typedef struct
{
  char          *dir;
  ShirabeWindow *window;
} Fixture;

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

typedef struct
{
  gboolean          done;
  AdwMessageDialog *dialog;
  GError           *error;
} ImportRun;

static void
on_import_done (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  ImportRun *run = user_data;

  run->dialog = shirabe_import_run_finish (SHIRABE_WINDOW (source), result, &run->error);
  run->done = TRUE;
}

static GtkWindow *
find_toplevel (const char *name)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (g_strcmp0 (gtk_widget_get_name (GTK_WIDGET (window)), name) == 0)
        return window;
    }
  return NULL;
}

/* Imports @paths through the window's dialogs, as the Import action does; when @cancel, the
 * progress dialog's Cancel is pressed at once. The main loop runs until the outcome is shown. */
static void
import_through_dialog (Fixture            *fixture,
                       const char * const *paths,
                       gboolean            cancel,
                       ImportRun          *run)
{
  GtkWindow *progress;

  shirabe_import_run_async (fixture->window, paths, on_import_done, run);
  progress = find_toplevel ("import-progress");
  g_assert_nonnull (progress);
  g_assert_true (gtk_window_get_modal (progress));
  if (cancel)
    adw_message_dialog_response (ADW_MESSAGE_DIALOG (progress), "cancel");
  while (!run->done)
    g_main_context_iteration (NULL, TRUE);
  wait_until_idle ();
  g_assert_null (find_toplevel ("import-progress"));
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
  ImportRun run = { 0 };
  gsize sjis_length = 0;

  sjis = g_convert (japanese, -1, "SHIFT_JIS", "UTF-8", NULL, &sjis_length, &error);
  g_assert_no_error (error);
  g_file_set_contents (sjis_path, sjis, sjis_length, &error);
  g_assert_no_error (error);
  g_file_set_contents (binary_path, binary, sizeof binary, &error);
  g_assert_no_error (error);

  import_through_dialog (fixture, paths, FALSE, &run);
  g_assert_no_error (run.error);
  dialog = run.dialog;
  g_assert_nonnull (dialog);

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
  /* The last reason is read whole: its row ends inside the dialog, above the Close button
   * (a scrolled list asked for its natural height once cut it off). */
  wait_until_idle ();
  {
    graphene_rect_t row;
    graphene_rect_t list;

    g_assert_true (gtk_widget_compute_bounds (rows->pdata[1], GTK_WIDGET (dialog), &row));
    g_assert_true (gtk_widget_compute_bounds (gtk_widget_get_parent (rows->pdata[1]),
                                              GTK_WIDGET (dialog), &list));
    g_assert_cmpfloat (row.size.height, >, 0);
    g_assert_cmpfloat (row.origin.y + row.size.height, <=, list.origin.y + list.size.height);
    g_assert_cmpfloat (list.origin.y + list.size.height, <=,
                       gtk_widget_get_height (GTK_WIDGET (dialog)));
    g_assert_true (gtk_widget_is_drawable (adw_message_dialog_get_extra_child (dialog)));
    g_assert_true (GTK_IS_LIST_BOX (adw_message_dialog_get_extra_child (dialog)));
  }
  gtk_window_destroy (GTK_WINDOW (dialog));

  /* One undo takes the whole import back. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.undo", NULL));
  wait_until_idle ();
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 0);
}

/* An import where every file failed does not say it succeeded: it says nothing was imported,
 * and a damaged Word document is named as such with what to do about it. */
static void
test_import_of_only_unreadable_files_says_nothing_was_imported (Fixture       *fixture,
                                                                gconstpointer  data)
{
  static const char zip[] = { 'P', 'K', 3, 4, 20, 0, 0, 0, 8, 0, 0, 0, 0, 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *docx = g_build_filename (fixture->dir, "interview.docx", NULL);
  const char *paths[] = { docx, NULL };
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();
  ImportRun run = { 0 };

  g_file_set_contents (docx, zip, sizeof zip, &error);
  g_assert_no_error (error);

  import_through_dialog (fixture, paths, FALSE, &run);
  g_assert_no_error (run.error);
  g_assert_nonnull (run.dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (run.dialog), ==, "Nothing Was Imported");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (run.dialog), "could not be read"));
  collect_rows (adw_message_dialog_get_extra_child (run.dialog), rows);
  g_assert_cmpuint (rows->len, ==, 1);
  g_assert_cmpstr (adw_preferences_row_get_title (rows->pdata[0]), ==, "interview.docx");
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (rows->pdata[0]),
                            "not a Word or OpenDocument file"));
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (rows->pdata[0]), "save it again"));
  gtk_window_destroy (GTK_WINDOW (run.dialog));
  wait_until_idle ();
  g_assert_cmpuint (g_list_model_get_n_items (shirabe_sidebar_get_model (
                      shirabe_window_get_sidebar (fixture->window))), ==, 0);
}

static void
write_text (const char *path,
            const char *text)
{
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, text, -1, &error);
  g_assert_no_error (error);
}

static guint
count_narrative_rows (GListModel *model)
{
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(ShirabeNarrativeRow) row = g_list_model_get_item (model, i);

      if (!shirabe_narrative_row_is_case (row))
        n++;
    }
  return n;
}

static void
test_import_in_thread_shows_narratives_and_undo_removes_them (Fixture       *fixture,
                                                              gconstpointer  data)
{
  g_autofree char *a = g_build_filename (fixture->dir, "面談_A.txt", NULL);
  g_autofree char *b = g_build_filename (fixture->dir, "interview-b.txt", NULL);
  g_autofree char *c = g_build_filename (fixture->dir, "interview-c.txt", NULL);
  const char *paths[] = { a, b, c, NULL };
  ShirabeWindow *window = fixture->window;
  GListModel *model = shirabe_sidebar_get_model (shirabe_window_get_sidebar (window));
  ImportRun run = { 0 };

  write_text (a, "仕事の内容は聞いていた話と違った。\n");
  write_text (b, "They kept my passport.\n");
  write_text (c, "I owed the broker three million yen.\n");

  import_through_dialog (fixture, paths, FALSE, &run);
  g_assert_no_error (run.error);
  g_assert_nonnull (run.dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (run.dialog), ==, "3 Narratives Imported");
  gtk_window_destroy (GTK_WINDOW (run.dialog));
  wait_until_idle ();

  /* The sidebar, reading on the window's connection, shows three cases with a narrative each. */
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 6);
  g_assert_cmpuint (count_narrative_rows (model), ==, 3);

  /* One undo takes all three back out of the sidebar; redo brings them back. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  wait_until_idle ();
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 0);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.redo", NULL));
  wait_until_idle ();
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 6);
  g_assert_cmpuint (count_narrative_rows (model), ==, 3);
}

static void
test_import_cancelled_from_progress_dialog_keeps_nothing (Fixture       *fixture,
                                                          gconstpointer  data)
{
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) narratives = NULL;
  ShirabeProject *project = shirabe_window_get_project (fixture->window);
  GListModel *model = shirabe_sidebar_get_model (shirabe_window_get_sidebar (fixture->window));
  ImportRun run = { 0 };

  for (guint i = 0; i < 200; i++)
    {
      g_autofree char *name = g_strdup_printf ("case-%03u.txt", i);
      char *path = g_build_filename (fixture->dir, name, NULL);

      write_text (path, "パスポートを取り上げられた。\n");
      g_ptr_array_add (paths, path);
    }
  g_ptr_array_add (paths, NULL);

  import_through_dialog (fixture, (const char * const *) paths->pdata, TRUE, &run);
  g_assert_null (run.dialog);
  g_assert_error (run.error, SHIRABE_ERROR, SHIRABE_ERROR_CANCELLED);
  g_clear_error (&run.error);

  narratives = shirabe_project_list_narratives (project, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (narratives->len, ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 0);
  g_assert_false (shirabe_history_get_can_undo (shirabe_project_get_history (project)));
}

static void
test_second_import_while_one_runs_is_refused (Fixture       *fixture,
                                              gconstpointer  data)
{
  g_autofree char *a = g_build_filename (fixture->dir, "a.txt", NULL);
  g_autofree char *b = g_build_filename (fixture->dir, "b.txt", NULL);
  const char *first[] = { a, NULL };
  const char *second[] = { b, NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) narratives = NULL;
  ShirabeProject *project = shirabe_window_get_project (fixture->window);
  ImportRun run = { 0 };
  ImportRun refused = { 0 };

  write_text (a, "first\\n");
  write_text (b, "second\\n");
  shirabe_import_run_async (fixture->window, first, on_import_done, &run);
  shirabe_import_run_async (fixture->window, second, on_import_done, &refused);
  while (!run.done || !refused.done)
    g_main_context_iteration (NULL, TRUE);
  wait_until_idle ();

  g_assert_no_error (run.error);
  g_assert_nonnull (run.dialog);
  gtk_window_destroy (GTK_WINDOW (run.dialog));
  g_assert_null (refused.dialog);
  g_assert_error (refused.error, SHIRABE_ERROR, SHIRABE_ERROR_FAILED);
  g_clear_error (&refused.error);
  narratives = shirabe_project_list_narratives (project, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (narratives->len, ==, 1);
  g_assert_cmpstr (((ShirabeNarrative *) narratives->pdata[0])->title, ==, "a");
}

static void
test_memo_typed_before_import_is_saved_first (Fixture       *fixture,
                                              gconstpointer  data)
{
  g_autofree char *a = g_build_filename (fixture->dir, "a.txt", NULL);
  g_autofree char *b = g_build_filename (fixture->dir, "b.txt", NULL);
  const char *first[] = { a, NULL };
  const char *second[] = { b, NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(ShirabeNarrative) narrative = NULL;
  ShirabeProject *project = shirabe_window_get_project (fixture->window);
  ShirabeHistory *history = shirabe_project_get_history (project);
  ShirabeAttributesView *attributes;
  GtkTextView *memo;
  gint64 narrative_id;
  ImportRun run = { 0 };

  write_text (a, "first\\n");
  write_text (b, "second\\n");
  g_assert_cmpint (shirabe_project_import_files (project, first, NULL, NULL, NULL, NULL,
                                                 &results, &error), ==, 1);
  narrative_id = ((ShirabeImportResult *) results->pdata[0])->narrative_id;
  wait_until_idle ();
  g_assert_true (shirabe_sidebar_select_narrative (shirabe_window_get_sidebar (fixture->window),
                                                   narrative_id));
  wait_until_idle ();
  attributes = SHIRABE_ATTRIBUTES_VIEW (find_widget (GTK_WIDGET (fixture->window),
                                                     SHIRABE_TYPE_ATTRIBUTES_VIEW));
  g_assert_nonnull (attributes);
  memo = shirabe_attributes_view_get_memo_view (attributes);

  /* Typed, its save still waiting for the pause after typing, when the import starts. */
  gtk_widget_grab_focus (GTK_WIDGET (memo));
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (memo), "旅券は雇用主が保管", -1);
  shirabe_import_run_async (fixture->window, second, on_import_done, &run);

  /* Saved before the worker started, not while it holds the write lock. */
  narrative = shirabe_project_get_narrative (project, narrative_id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (narrative->memo, ==, "旅券は雇用主が保管");

  while (!run.done)
    g_main_context_iteration (NULL, TRUE);
  wait_until_idle ();
  g_assert_no_error (run.error);
  gtk_window_destroy (GTK_WINDOW (run.dialog));

  /* A step of its own, beneath the import's. */
  g_assert_cmpuint (shirabe_history_get_n_undo (history), ==, 3);
  g_assert_cmpstr (shirabe_history_get_undo_label (history), ==, "Import 1 file");
}

/* A Word document and a PDF come in, each row saying what was kept of it. */
static void
test_documents_import_with_what_was_kept (Fixture       *fixture,
                                          gconstpointer  data)
{
  g_autofree char *docx = g_test_build_filename (G_TEST_DIST, "..", "fixtures", "documents",
                                                 "edge.docx", NULL);
  g_autofree char *pdf = g_test_build_filename (G_TEST_DIST, "..", "fixtures", "documents",
                                                "pages.pdf", NULL);
  const char *paths[] = { docx, pdf, NULL };
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();
  ImportRun run = { 0 };

  import_through_dialog (fixture, paths, FALSE, &run);
  g_assert_no_error (run.error);
  g_assert_nonnull (run.dialog);
  collect_rows (adw_message_dialog_get_extra_child (run.dialog), rows);
  g_assert_cmpuint (rows->len, ==, 2);
  g_assert_true (g_str_has_prefix (adw_action_row_get_subtitle (rows->pdata[0]),
                                   "Word document: 1 table, 1 footnote"));
  g_assert_cmpstr (adw_action_row_get_subtitle (rows->pdata[1]), ==, "PDF: 3 pages");
  gtk_window_destroy (GTK_WINDOW (run.dialog));
  wait_until_idle ();
}

/* Case attributes from Excel-ja's CSV: the types shown for confirmation, then one undo step. */
static void
test_case_attributes_are_confirmed_then_imported (Fixture       *fixture,
                                                  gconstpointer  data)
{
  g_autofree char *csv = g_test_build_filename (G_TEST_DIST, "..", "fixtures", "documents",
                                                "attributes-cp932.csv", NULL);
  g_autoptr(GError) error = NULL;
  ShirabeProject *project = shirabe_window_get_project (fixture->window);
  AdwMessageDialog *dialog = shirabe_window_ask_import_attributes (fixture->window, csv, &error);
  g_autoptr(GPtrArray) attributes = NULL;

  g_assert_no_error (error);
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==,
                   "Import 6 Cases from “attributes-cp932.csv”?");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "年齢: Whole number, new"));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "入国日: Date, new"));
  attributes = shirabe_project_list_attributes (project, SHIRABE_SCOPE_CASE, NULL);
  g_assert_cmpuint (attributes->len, ==, 0);
  adw_message_dialog_response (dialog, "import");
  wait_until_idle ();
  g_clear_pointer (&attributes, g_ptr_array_unref);
  attributes = shirabe_project_list_attributes (project, SHIRABE_SCOPE_CASE, NULL);
  g_assert_cmpuint (attributes->len, ==, 5);
  g_assert_cmpstr (shirabe_history_get_undo_label (shirabe_project_get_history (project)), ==,
                   "Import Case Attributes");
}

static guint
count_narratives (ShirabeProject *project)
{
  g_autoptr(GPtrArray) narratives = shirabe_project_list_narratives (project, 0, NULL);

  return narratives != NULL ? narratives->len : 0;
}

static void
test_stray_bytes_are_replaced_only_when_chosen (Fixture       *fixture,
                                                gconstpointer  data)
{
  static const char transcript[] = "空港で旅券を取り上げられ、借金は三百万円だと言われた。\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) bytes = g_string_new (transcript);
  g_autofree char *path = g_build_filename (fixture->dir, "transcript.txt", NULL);
  const char *paths[] = { path, NULL };
  g_autoptr(GPtrArray) narratives = NULL;
  g_autofree char *text = NULL;
  ShirabeProject *project = shirabe_window_get_project (fixture->window);
  AdwMessageDialog *dialog;
  ImportRun run = { 0 };

  g_string_insert_c (bytes, 9, (char) 0x92);
  g_file_set_contents (path, bytes->str, bytes->len, &error);
  g_assert_no_error (error);

  import_through_dialog (fixture, paths, FALSE, &run);
  g_assert_no_error (run.error);
  dialog = run.dialog;
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Nothing Was Imported");
  narratives = shirabe_project_list_narratives (project, 0, &error);
  g_assert_cmpuint (narratives->len, ==, 0);
  g_clear_pointer (&narratives, g_ptr_array_unref);
  g_assert_true (adw_message_dialog_has_response (dialog, "replace"));
  g_assert_cmpstr (adw_message_dialog_get_response_label (dialog, "replace"), ==,
                   "_Import Anyway, Replacing 1 Unreadable Byte");
  g_assert_cmpstr (adw_message_dialog_get_default_response (dialog), !=, "replace");

  adw_message_dialog_response (dialog, "replace");
  /* The second run's outcome is shown in a dialog of its own. */
  while (find_toplevel ("import-progress") != NULL || count_narratives (project) == 0)
    g_main_context_iteration (NULL, TRUE);
  wait_until_idle ();
  narratives = shirabe_project_list_narratives (project, 0, &error);
  g_assert_cmpuint (narratives->len, ==, 1);
  text = shirabe_project_dup_narrative_text (project,
                                             ((ShirabeNarrative *) narratives->pdata[0])->id,
                                             &error);
  g_assert_cmpstr (text, ==, "空港で\uFFFD旅券を取り上げられ、借金は三百万円だと言われた。\n");
}

int
main (int    argc,
      char **argv)
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/app/dialogs/documents-import-with-what-was-kept",
       test_documents_import_with_what_was_kept);
  ADD ("/app/dialogs/case-attributes-are-confirmed-then-imported",
       test_case_attributes_are_confirmed_then_imported);
  ADD ("/app/dialogs/stray-bytes-are-replaced-only-when-chosen",
       test_stray_bytes_are_replaced_only_when_chosen);
  ADD ("/app/dialogs/import-reports-imported-and-refused-files",
       test_import_reports_imported_and_refused_files);
  ADD ("/app/dialogs/import-of-only-unreadable-files-says-nothing-was-imported",
       test_import_of_only_unreadable_files_says_nothing_was_imported);
  ADD ("/app/dialogs/import-in-thread-shows-narratives-and-undo-removes-them",
       test_import_in_thread_shows_narratives_and_undo_removes_them);
  ADD ("/app/dialogs/import-cancelled-from-progress-dialog-keeps-nothing",
       test_import_cancelled_from_progress_dialog_keeps_nothing);
  ADD ("/app/dialogs/second-import-while-one-runs-is-refused",
       test_second_import_while_one_runs_is_refused);
  ADD ("/app/dialogs/memo-typed-before-import-is-saved-first",
       test_memo_typed_before_import_is_saved_first);
#undef ADD

  return g_test_run ();
}
