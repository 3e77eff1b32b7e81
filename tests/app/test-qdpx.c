/* test-qdpx.c: REFI-QDA from the window: the welcome page's import, the export dialog's
 * format, the codebook menu's merge and export
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "shirabe-i18n.h"

#include <string.h>

#include <glib/gstdio.h>

#include "shirabe.h"
#include "shirabe-apply-code.h"
#include "shirabe-export-dialog.h"
#include "shirabe-pseudonyms.h"
#include "shirabe-qdpx.h"
#include "shirabe-window.h"
#include "shirabe-window-qdpx.h"
#include "app-test-util.h"

typedef struct
{
  char          *dir;
  char          *path;
  ShirabeWindow *window;
} Fixture;

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  static const char text[] = "彼女は借金を返すまで帰国できないと言われた。😀\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(ShirabeProject) project = NULL;
  ShirabeNarrativeSpec narrative = { 0 };
  ShirabeCodeSpec code = { 0 };
  gint64 narrative_id;
  gint64 code_id;

  fixture->dir = g_dir_make_tmp ("shirabe-qdpx-test-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->dir, "study.shirabe", NULL);
  project = shirabe_project_create (fixture->path, "Study", SHIRABE_PROJECT_DEFAULT, &error);
  g_assert_no_error (error);
  narrative.case_id = shirabe_project_add_case (project, "Case A", &error);
  g_assert_no_error (error);
  narrative.title = "Interview 1";
  narrative.language = "ja";
  narrative.text = text;
  narrative_id = shirabe_project_add_narrative (project, &narrative, &error);
  g_assert_no_error (error);
  code.label_en = "Debt bondage";
  code.label_ja = "借金による拘束";
  code.var_name = "debt_bondage";
  code_id = shirabe_project_add_code (project, &code, &error);
  g_assert_no_error (error);
  shirabe_project_apply_code (project, narrative_id, code_id, "Aiko", 3, 5, NULL, &error);
  g_assert_no_error (error);

  fixture->window = g_object_ref_sink (shirabe_window_new (NULL));
  shirabe_window_set_project (fixture->window, project);
  gtk_window_present (GTK_WINDOW (fixture->window));
  wait_until_idle ();
}

static void
close_other_windows (gpointer main_window)
{
  GtkWidget *open;

  while ((open = find_open_window (main_window)) != NULL)
    {
      gtk_window_destroy (GTK_WINDOW (open));
      wait_until_idle ();
    }
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  ShirabeProject *project = shirabe_window_get_project (fixture->window);

  close_other_windows (fixture->window);
  if (project != NULL)
    shirabe_project_close (project, NULL);
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  g_clear_object (&fixture->window);
  wait_until_idle ();
  rm_rf (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->path);
}

static gboolean
has_label (GtkWidget  *widget,
           const char *text)
{
  if (GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_label (GTK_LABEL (widget)), text) == 0)
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (has_label (child, text))
      return TRUE;
  return FALSE;
}

/* The message dialog @window shows, or NULL. */
static GtkWidget *
find_dialog_of (gpointer window)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) open = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (open) &&
          gtk_window_get_transient_for (GTK_WINDOW (open)) == GTK_WINDOW (window))
        return open;
    }
  return NULL;
}

static ShirabeExportDialog *
find_export_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (SHIRABE_IS_EXPORT_DIALOG (window))
        return SHIRABE_EXPORT_DIALOG (window);
    }
  return NULL;
}

static void
test_export_dialog_writes_a_valid_refi_qda_project (Fixture       *fixture,
                                                    gconstpointer  data)
{
  g_autofree char *qdpx = g_build_filename (fixture->dir, "for NVivo.qdpx", NULL);
  g_autoptr(ShirabeExportDialog) dialog = NULL;
  g_autoptr(GError) error = NULL;
  AdwComboRow *format;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.export", NULL));
  dialog = g_object_ref (find_export_dialog ());
  format = ADW_COMBO_ROW (find_widget (GTK_WIDGET (dialog), ADW_TYPE_COMBO_ROW));
  g_assert_cmpuint (g_list_model_get_n_items (adw_combo_row_get_model (format)), ==, 5);
  adw_combo_row_set_selected (format, 4);
  wait_until_idle ();
  g_assert_true (has_label (GTK_WIDGET (dialog), "REFI-QDA project (.qdpx) for other QDA "
                                                 "programs"));
  shirabe_export_dialog_export_to (dialog, qdpx);
  while (shirabe_export_dialog_get_running (dialog))
    g_main_context_iteration (NULL, TRUE);
  wait_until_idle ();
  g_assert_null (find_export_dialog ());
  g_assert_true (shirabe_qdpx_validate (qdpx, &error));
  g_assert_no_error (error);
  g_assert_true (has_label (GTK_WIDGET (fixture->window), "Exported to “for NVivo.qdpx”"));
}

static void
test_welcome_page_imports_a_refi_qda_project_with_its_report (Fixture       *fixture,
                                                              gconstpointer  data)
{
  g_autofree char *qdpx = g_build_filename (fixture->dir, "from.qdpx", NULL);
  g_autofree char *target = g_build_filename (fixture->dir, "imported", NULL);
  g_autofree char *target_file = g_build_filename (fixture->dir, "imported.shirabe", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(ShirabeWindow) window = NULL;
  GtkWidget *report;
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  g_assert_true (shirabe_project_export_qdpx (shirabe_window_get_project (fixture->window), qdpx,
                                              SHIRABE_LANGUAGE_EN, SHIRABE_OUTPUT_DEFAULT, NULL,
                                              NULL, NULL, &error));
  g_assert_no_error (error);

  window = g_object_ref_sink (shirabe_window_new (NULL));
  gtk_window_present (GTK_WINDOW (window));
  wait_until_idle ();
  /* The welcome page offers it, through the action the main menu uses too. */
  g_assert_true (has_label (GTK_WIDGET (window), "Import _REFI-QDA Project…"));
  g_assert_true (gtk_widget_is_sensitive (GTK_WIDGET (window)));

  shirabe_window_import_qdpx (window, qdpx, target);
  /* A dialog shows the progress while the worker imports. */
  g_assert_nonnull (find_dialog_of (window));
  g_assert_true (has_label (find_dialog_of (window), "Importing REFI-QDA Project"));
  while (shirabe_window_get_project (window) == NULL && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  wait_until_idle ();
  g_assert_nonnull (shirabe_window_get_project (window));
  g_assert_cmpstr (shirabe_project_get_path (shirabe_window_get_project (window)), ==,
                   target_file);
  report = find_dialog_of (window);
  g_assert_nonnull (report);
  g_assert_true (has_label (report, "REFI-QDA Project Imported"));
  close_other_windows (window);
  shirabe_project_close (shirabe_window_get_project (window), NULL);
  gtk_window_destroy (GTK_WINDOW (window));
  wait_until_idle ();
}

/* A codebook whose description names someone: its save dialog offers to pseudonymise once a
 * pseudonym is confirmed, and the file written so names the pseudonym, never the person. */
static void
test_codebook_export_can_be_pseudonymised (Fixture       *fixture,
                                           gconstpointer  data)
{
  ShirabeProject *project = shirabe_window_get_project (fixture->window);
  g_autofree char *plain = g_build_filename (fixture->dir, "plain.qdc", NULL);
  g_autofree char *pseudonymised = g_build_filename (fixture->dir, "pseudonymised.qdc", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  ShirabeCodeSpec code = { 0 };
  gint64 entry;

  code.label_en = "Told by Aiko";
  code.label_ja = "アイコの証言";
  code.var_name = "told_by_aiko";
  code.description_en = "What Aiko Tanaka says of the broker";
  shirabe_project_add_code (project, &code, &error);
  g_assert_no_error (error);
  g_assert_false (shirabe_window_can_pseudonymise (fixture->window));
  entry = shirabe_project_add_pseudonym (project, "Aiko Tanaka", "Mika Sato", NULL, FALSE,
                                         &error);
  g_assert_no_error (error);
  /* Only confirmed entries are used, so only they bring the choice. */
  g_assert_false (shirabe_window_can_pseudonymise (fixture->window));
  g_assert_true (shirabe_project_confirm_pseudonym (project, entry, &error));
  g_assert_true (shirabe_window_can_pseudonymise (fixture->window));

  g_assert_true (shirabe_window_export_qdc (fixture->window, plain, FALSE, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (plain, &contents, NULL, NULL));
  g_assert_nonnull (strstr (contents, "Aiko Tanaka"));
  g_clear_pointer (&contents, g_free);

  g_assert_true (shirabe_window_export_qdc (fixture->window, pseudonymised, TRUE, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (pseudonymised, &contents, NULL, NULL));
  g_assert_null (strstr (contents, "Aiko Tanaka"));
  g_assert_nonnull (strstr (contents, "Mika Sato"));
  /* The project itself keeps the real name. */
  {
    g_autoptr(GPtrArray) codes = shirabe_project_list_codes (project, &error);
    gboolean kept = FALSE;

    g_assert_no_error (error);
    for (guint i = 0; i < codes->len; i++)
      kept |= g_strcmp0 (((ShirabeCode *) codes->pdata[i])->description_en,
                         "What Aiko Tanaka says of the broker") == 0;
    g_assert_true (kept);
  }
}

static void
test_codebook_menu_exports_and_merges (Fixture       *fixture,
                                       gconstpointer  data)
{
  g_autofree char *qdc = g_build_filename (fixture->dir, "codes", NULL);
  g_autofree char *qdc_file = g_build_filename (fixture->dir, "codes.qdc", NULL);
  g_autofree char *other_path = g_build_filename (fixture->dir, "other.shirabe", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(ShirabeProject) other = NULL;
  g_autoptr(GPtrArray) codes = NULL;

  g_assert_true (shirabe_window_export_qdc (fixture->window, qdc, FALSE, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (qdc_file, G_FILE_TEST_EXISTS));

  shirabe_project_close (shirabe_window_get_project (fixture->window), NULL);
  other = shirabe_project_create (other_path, "Other", SHIRABE_PROJECT_DEFAULT, &error);
  g_assert_no_error (error);
  shirabe_window_set_project (fixture->window, other);
  wait_until_idle ();
  g_assert_true (shirabe_window_import_qdc (fixture->window, qdc_file, &error));
  g_assert_no_error (error);
  codes = shirabe_project_list_codes (other, &error);
  g_assert_cmpuint (codes->len, ==, 1);
  g_assert_cmpstr (((ShirabeCode *) codes->pdata[0])->label_ja, ==, "借金による拘束");
  g_assert_true (has_label (find_dialog_of (fixture->window), "Codebook Merged"));
  /* One undo step takes it back. */
  close_other_windows (fixture->window);
  g_assert_true (shirabe_project_undo (other, &error));
  g_clear_pointer (&codes, g_ptr_array_unref);
  codes = shirabe_project_list_codes (other, &error);
  g_assert_cmpuint (codes->len, ==, 0);
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *schemas = NULL;

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  schemas = g_test_build_filename (G_TEST_DIST, "..", "..", "data", "refi-qda", NULL);
  g_setenv ("SHIRABE_REFI_QDA_DIR", schemas, TRUE);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/app/qdpx/export-dialog-writes-a-valid-refi-qda-project",
       test_export_dialog_writes_a_valid_refi_qda_project);
  ADD ("/app/qdpx/welcome-page-imports-a-refi-qda-project-with-its-report",
       test_welcome_page_imports_a_refi_qda_project_with_its_report);
  ADD ("/app/qdpx/codebook-menu-exports-and-merges", test_codebook_menu_exports_and_merges);
  ADD ("/app/qdpx/codebook-export-can-be-pseudonymised", test_codebook_export_can_be_pseudonymised);
#undef ADD

  return g_test_run ();
}
