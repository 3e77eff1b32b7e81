/* test-export-dialog.c: exporting the project for statistics from the window
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
#include "shirabe-window.h"
#include "app-test-util.h"

typedef struct
{
  char          *dir;
  ShirabeWindow *window;
} Fixture;

static void
wait_until_done (ShirabeExportDialog *dialog)
{
  while (shirabe_export_dialog_get_running (dialog))
    g_main_context_iteration (NULL, TRUE);
  wait_until_idle ();
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  static const char text[] = "彼女は借金を返すまで帰国できないと言われた。";
  g_autoptr(GError) error = NULL;
  g_autoptr(ShirabeProject) project = NULL;
  g_autofree char *path = NULL;
  ShirabeNarrativeSpec narrative = { 0 };
  ShirabeCodeSpec code = { 0 };
  gint64 narrative_id;
  gint64 code_id;

  fixture->dir = g_dir_make_tmp ("shirabe-export-dialog-test-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (fixture->dir, "study.shirabe", NULL);
  project = shirabe_project_create (path, "Study", SHIRABE_PROJECT_DEFAULT, &error);
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
  code.color = "#E01B24";
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

static gboolean
has_label (GtkWidget  *widget,
           const char *text)
{
  if (GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0)
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (has_label (child, text))
      return TRUE;
  return FALSE;
}

static void
test_xlsx_is_written_and_announced (Fixture       *fixture,
                                    gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "R&D study.xlsx", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(ShirabeExportDialog) dialog = NULL;
  gsize length = 0;

  /* Ctrl+Shift+E and the header bar's button open the dialog through win.export. */
  g_assert_null (find_export_dialog ());
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.export", NULL));
  dialog = g_object_ref (find_export_dialog ());
  g_assert_nonnull (dialog);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) ==
                 GTK_WINDOW (fixture->window));

  shirabe_export_dialog_export_to (dialog, path);
  g_assert_true (shirabe_export_dialog_get_running (dialog));
  wait_until_done (dialog);

  /* The workbook is there: a ZIP archive. */
  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (length, >, 4);
  g_assert_cmpmem (contents, 2, "PK", 2);
  /* The dialog has closed and the window says where the export went, "&" and all. */
  g_assert_null (find_export_dialog ());
  g_assert_true (has_label (GTK_WIDGET (fixture->window), "Exported to “R&D study.xlsx”"));
  g_assert_true (has_label (GTK_WIDGET (fixture->window), "_Open Folder") ||
                 has_label (GTK_WIDGET (fixture->window), "Open Folder"));
}

static void
test_cancelled_export_leaves_no_file (Fixture       *fixture,
                                      gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "cancelled.xlsx", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(ShirabeExportDialog) dialog = NULL;
  g_autoptr(GDir) dir = NULL;
  const char *name;

  /* Enough narratives that the worker cannot finish before the cancel, however busy the
   * machine: the cancel must land while the export is still writing. */
  {
    ShirabeProject *project = shirabe_window_get_project (fixture->window);
    g_autoptr(GPtrArray) cases = shirabe_project_list_cases (project, &error);
    ShirabeNarrativeSpec spec = { .case_id = ((ShirabeCase *) cases->pdata[0])->id,
                                  .language = "en" };

    for (guint i = 0; i < 400; i++)
      {
        g_autofree char *title = g_strdup_printf ("Filler %u", i);
        g_autofree char *text = shirabe_generate_text (i, 4000, i % 2 == 0);

        spec.title = title;
        spec.text = text;
        g_assert_cmpint (shirabe_project_add_narrative (project, &spec, &error), >, 0);
      }
    g_assert_no_error (error);
  }

  dialog = g_object_ref (shirabe_export_dialog_new (fixture->window, &error));
  g_assert_no_error (error);
  gtk_window_present (GTK_WINDOW (dialog));

  shirabe_export_dialog_export_to (dialog, path);
  shirabe_export_dialog_cancel (dialog);
  wait_until_done (dialog);

  /* Nothing of the export is on disk, not even its temporary files. */
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  dir = g_dir_open (fixture->dir, 0, &error);
  g_assert_no_error (error);
  while ((name = g_dir_read_name (dir)) != NULL)
    g_assert_true (g_str_has_prefix (name, "study.shirabe") || g_str_equal (name, "study.backups"));
  /* The dialog stays, saying so, ready for another try. */
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (dialog)));
  g_assert_cmpstr (shirabe_export_dialog_get_message (dialog), ==,
                   "The export was cancelled; no file was written.");
  g_assert_false (shirabe_export_dialog_get_running (dialog));
  gtk_window_destroy (GTK_WINDOW (dialog));
}


static void
test_export_onto_the_open_project_is_refused (Fixture       *fixture,
                                              gconstpointer  data)
{
  ShirabeProject *project = shirabe_window_get_project (fixture->window);
  g_autofree char *path = g_strdup (shirabe_project_get_path (project));
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(ShirabeExportDialog) dialog = NULL;
  g_autoptr(GPtrArray) narratives = NULL;
  g_autofree char *expected = NULL;

  dialog = g_object_ref (shirabe_export_dialog_new (fixture->window, &error));
  g_assert_no_error (error);
  gtk_window_present (GTK_WINDOW (dialog));

  /* The project itself, and its write-ahead log. */
  shirabe_export_dialog_export_to (dialog, path);
  wait_until_done (dialog);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (dialog)));
  expected = g_strdup_printf ("Nothing was written to “%s”: it is the open project, which "
                              "must never be replaced. Choose another name.", path);
  g_assert_cmpstr (shirabe_export_dialog_get_message (dialog), ==, expected);
  shirabe_export_dialog_export_to (dialog, wal);
  wait_until_done (dialog);
  g_assert_nonnull (strstr (shirabe_export_dialog_get_message (dialog),
                            "belongs to the project “study.shirabe” (its “-wal” file)"));

  /* The project is whole and still being worked on. */
  narratives = shirabe_project_list_narratives (project, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (narratives->len, ==, 1);
  g_assert_cmpint (shirabe_project_add_case (project, "Case B", &error), >, 0);
  g_assert_no_error (error);
  gtk_window_destroy (GTK_WINDOW (dialog));
}

/* The row of the dialog whose title (mnemonic and all) is @title. */
static AdwPreferencesRow *
find_row (GtkWidget  *widget,
          const char *title)
{
  if (ADW_IS_PREFERENCES_ROW (widget) &&
      g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0)
    return ADW_PREFERENCES_ROW (widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      AdwPreferencesRow *row = find_row (child, title);

      if (row != NULL)
        return row;
    }
  return NULL;
}

static void
test_count_unit_incomplete_rule_and_excel_guard (Fixture       *fixture,
                                                 gconstpointer  data)
{
  g_autofree char *folder = g_build_filename (fixture->dir, "tables", NULL);
  g_autofree char *cases_path = g_build_filename (folder, "cases.csv", NULL);
  g_autofree char *readme_path = g_build_filename (folder, "README.txt", NULL);
  g_autofree char *cases = NULL;
  g_autofree char *readme = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(ShirabeExportDialog) dialog = NULL;
  AdwPreferencesRow *excerpts, *guard;
  GtkWidget *guard_switch;

  dialog = g_object_ref (shirabe_export_dialog_new (fixture->window, &error));
  g_assert_no_error (error);
  gtk_window_present (GTK_WINDOW (dialog));
  wait_until_idle ();

  /* The dialog says what leaves the project with the excerpts, as the switch is set. */
  excerpts = find_row (GTK_WIDGET (dialog), "Include e_xcerpts");
  g_assert_nonnull (excerpts);
  g_assert_true (g_str_has_prefix (adw_action_row_get_subtitle (ADW_ACTION_ROW (excerpts)),
                                   "Left out"));
  gtk_switch_set_active (GTK_SWITCH (adw_action_row_get_activatable_widget (
                           ADW_ACTION_ROW (excerpts))), TRUE);
  g_assert_true (g_str_has_prefix (adw_action_row_get_subtitle (ADW_ACTION_ROW (excerpts)),
                                   "Included: the export will contain the text"));

  /* The Excel guard is for CSV only. */
  guard = find_row (GTK_WIDGET (dialog), "For opening _in Excel");
  g_assert_nonnull (guard);
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (guard)));
  adw_combo_row_set_selected (ADW_COMBO_ROW (find_row (GTK_WIDGET (dialog), "_Format")), 1);
  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (guard)));
  guard_switch = adw_action_row_get_activatable_widget (ADW_ACTION_ROW (guard));
  gtk_switch_set_active (GTK_SWITCH (guard_switch), TRUE);

  /* Every coding, and the counts so far for the case whose narrative is still to do. */
  adw_combo_row_set_selected (ADW_COMBO_ROW (find_row (GTK_WIDGET (dialog),
                                                       "Code colu_mns count")), 1);
  adw_combo_row_set_selected (ADW_COMBO_ROW (find_row (GTK_WIDGET (dialog),
                                                       "Cases _not fully coded")), 1);
  shirabe_export_dialog_export_to (dialog, folder);
  wait_until_done (dialog);

  g_file_get_contents (cases_path, &cases, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (cases, "Case A,0,1\r\n"));
  g_file_get_contents (readme_path, &readme, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (readme, "Codings: every coding counts"));
  g_assert_nonnull (strstr (readme, "For opening in Excel"));
  g_assert_nonnull (strstr (readme, "hold the counts found so far"));
}

/* A narrative and its translation: the cases table counts the side chosen. The original is
 * coded, its translation is not. */
static void
test_translations_count_the_side_chosen (Fixture       *fixture,
                                         gconstpointer  data)
{
  static const struct { guint row; const char *line; const char *rule; } sides[] = {
    { 1, "Case A,0,1\r\n", "Counted from the originals" },
    { 2, "Case A,0,0\r\n", "Counted from the translations" },
  };
  ShirabeProject *project = shirabe_window_get_project (fixture->window);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) narratives = NULL;
  ShirabeNarrativeSpec spec = { 0 };

  narratives = shirabe_project_list_narratives (project, 0, &error);
  g_assert_no_error (error);
  spec.case_id = ((ShirabeNarrative *) narratives->pdata[0])->case_id;
  spec.title = "Interview 1 (English)";
  spec.language = "en";
  spec.text = "She was told she could not go home until she repaid the debt.";
  spec.translation_of = ((ShirabeNarrative *) narratives->pdata[0])->id;
  g_assert_cmpint (shirabe_project_add_narrative (project, &spec, &error), >, 0);
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (sides); i++)
    {
      g_autofree char *name = g_strdup_printf ("side-%u", i);
      g_autofree char *folder = g_build_filename (fixture->dir, name, NULL);
      g_autofree char *cases_path = g_build_filename (folder, "cases.csv", NULL);
      g_autofree char *readme_path = g_build_filename (folder, "README.txt", NULL);
      g_autofree char *cases = NULL;
      g_autofree char *readme = NULL;
      g_autoptr(ShirabeExportDialog) dialog = NULL;

      dialog = g_object_ref (shirabe_export_dialog_new (fixture->window, &error));
      g_assert_no_error (error);
      gtk_window_present (GTK_WINDOW (dialog));
      wait_until_idle ();
      adw_combo_row_set_selected (ADW_COMBO_ROW (find_row (GTK_WIDGET (dialog), "_Format")), 1);
      adw_combo_row_set_selected (ADW_COMBO_ROW (find_row (GTK_WIDGET (dialog),
                                                           "Code colu_mns count")), 1);
      adw_combo_row_set_selected (ADW_COMBO_ROW (find_row (GTK_WIDGET (dialog),
                                                           "Cases _not fully coded")), 1);
      adw_combo_row_set_selected (ADW_COMBO_ROW (find_row (GTK_WIDGET (dialog),
                                                           "_Translations")), sides[i].row);
      shirabe_export_dialog_export_to (dialog, folder);
      wait_until_done (dialog);

      g_file_get_contents (cases_path, &cases, NULL, &error);
      g_assert_no_error (error);
      if (strstr (cases, sides[i].line) == NULL)
        g_error ("cases.csv, %s: no “%s” in\n%s", sides[i].rule, sides[i].line, cases);
      g_file_get_contents (readme_path, &readme, NULL, &error);
      g_assert_no_error (error);
      g_assert_nonnull (strstr (readme, sides[i].rule));
      gtk_window_destroy (GTK_WINDOW (dialog));
    }
}

/* SPSS and Stata: each format says in a line who uses it; the files go into a folder with the
 * dictionary, and the headers are variable names whatever the headers row says. */
static void
test_spss_and_stata_go_into_a_folder (Fixture       *fixture,
                                      gconstpointer  data)
{
  static const struct { guint row; const char *file; const char *who; } formats[] = {
    { 2, "cases.sav", "For SPSS" },
    { 3, "cases.dta", "For Stata" },
  };

  for (guint f = 0; f < G_N_ELEMENTS (formats); f++)
    {
      g_autofree char *folder = g_build_filename (fixture->dir, formats[f].file + 6, NULL);
      g_autofree char *cases_path = g_build_filename (folder, formats[f].file, NULL);
      g_autofree char *dictionary_path = g_build_filename (folder, "dictionary.csv", NULL);
      g_autofree char *dictionary = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(ShirabeExportDialog) dialog = NULL;
      AdwPreferencesRow *format, *headers;

      dialog = g_object_ref (shirabe_export_dialog_new (fixture->window, &error));
      g_assert_no_error (error);
      gtk_window_present (GTK_WINDOW (dialog));
      wait_until_idle ();

      format = find_row (GTK_WIDGET (dialog), "_Format");
      headers = find_row (GTK_WIDGET (dialog), "Column _headers");
      g_assert_true (g_str_has_prefix (adw_action_row_get_subtitle (ADW_ACTION_ROW (format)),
                                       "For Excel"));
      g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (headers)));
      adw_combo_row_set_selected (ADW_COMBO_ROW (format), formats[f].row);
      g_assert_true (g_str_has_prefix (adw_action_row_get_subtitle (ADW_ACTION_ROW (format)),
                                       formats[f].who));
      g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (headers)));

      shirabe_export_dialog_export_to (dialog, folder);
      wait_until_done (dialog);
      g_assert_true (g_file_test (cases_path, G_FILE_TEST_IS_REGULAR));
      g_file_get_contents (dictionary_path, &dictionary, NULL, &error);
      g_assert_no_error (error);
      g_assert_nonnull (strstr (dictionary, formats[f].file));
    }
}

/* Whether any file in @folder holds @text. */
static gboolean
folder_has (const char *folder,
            const char *text)
{
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  const char *name;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (folder, name, NULL);
      g_autofree char *contents = NULL;

      g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
      if (strstr (contents, text) != NULL)
        return TRUE;
    }
  return FALSE;
}

static void
test_pseudonymise_switch (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autofree char *shared = g_build_filename (fixture->dir, "shared", NULL);
  g_autofree char *plain = g_build_filename (fixture->dir, "plain", NULL);
  g_autofree char *codings_path = g_build_filename (shared, "codings.csv", NULL);
  g_autofree char *codings = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(ShirabeExportDialog) dialog = NULL;
  AdwPreferencesRow *row;

  g_assert_cmpint (shirabe_project_add_pseudonym (shirabe_window_get_project (fixture->window),
                                                  "借金", "甲", NULL, TRUE, &error), >, 0);
  g_assert_no_error (error);
  dialog = g_object_ref (shirabe_export_dialog_new (fixture->window, &error));
  g_assert_no_error (error);
  gtk_window_present (GTK_WINDOW (dialog));
  wait_until_idle ();
  adw_combo_row_set_selected (ADW_COMBO_ROW (find_row (GTK_WIDGET (dialog), "_Format")), 1);
  gtk_switch_set_active (GTK_SWITCH (adw_action_row_get_activatable_widget (
                           ADW_ACTION_ROW (find_row (GTK_WIDGET (dialog), "Include e_xcerpts")))),
                         TRUE);

  /* Off, the excerpt and the label carry the word; on, its pseudonym. */
  shirabe_export_dialog_export_to (dialog, plain);
  wait_until_done (dialog);
  g_assert_true (folder_has (plain, "借金"));
  row = find_row (GTK_WIDGET (dialog), "_Pseudonymise with the project’s table");
  g_assert_nonnull (row);
  g_assert_true (g_str_has_prefix (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)),
                                   "Every confirmed name in the pseudonym table"));
  gtk_switch_set_active (GTK_SWITCH (adw_action_row_get_activatable_widget (
                           ADW_ACTION_ROW (row))), TRUE);
  shirabe_export_dialog_export_to (dialog, shared);
  wait_until_done (dialog);
  g_assert_false (folder_has (shared, "借金"));
  /* README.txt says so; the plain export does not. */
  g_assert_true (folder_has (shared, "Names in the project's pseudonym table were replaced"));
  g_assert_false (folder_has (plain, "pseudonym"));
  g_file_get_contents (codings_path, &codings, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (codings, ",甲,"));
}

int
main (int    argc,
      char **argv)
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/app/export-dialog/translations-count-the-side-chosen",
       test_translations_count_the_side_chosen);
  ADD ("/app/export-dialog/xlsx-is-written-and-announced", test_xlsx_is_written_and_announced);
  ADD ("/app/export-dialog/cancelled-export-leaves-no-file",
       test_cancelled_export_leaves_no_file);
  ADD ("/app/export-dialog/count-unit-incomplete-rule-and-excel-guard",
       test_count_unit_incomplete_rule_and_excel_guard);
  ADD ("/app/export-dialog/export-onto-the-open-project-is-refused",
       test_export_onto_the_open_project_is_refused);
  ADD ("/app/export-dialog/spss-and-stata-go-into-a-folder", test_spss_and_stata_go_into_a_folder);
  ADD ("/app/export-dialog/pseudonymise-switch-replaces-names-in-every-table",
       test_pseudonymise_switch);
#undef ADD

  return g_test_run ();
}
