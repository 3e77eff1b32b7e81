/* test-pseudonyms.c: the Pseudonyms dialog: the table, suggestions confirmed, undo from the
 * window, and a pseudonymised copy with its report
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "shirabe-i18n.h"

#include <string.h>

#include <glib/gstdio.h>

#include "shirabe.h"
#include "shirabe-pseudonyms.h"
#include "shirabe-pseudonyms-dialog.h"
#include "shirabe-window.h"
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
  ShirabeNarrativeSpec narrative = { 0 };
  ShirabeCodeSpec code = { 0 };
  gint64 narrative_id, code_id, coder_id;

  fixture->dir = g_dir_make_tmp ("shirabe-pseudonyms-test-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (fixture->dir, "study.shirabe", NULL);
  project = shirabe_project_create (path, "Study", SHIRABE_PROJECT_DEFAULT, &error);
  g_assert_no_error (error);
  narrative.case_id = shirabe_project_add_case (project, "Kanya (Thailand)", &error);
  narrative.title = "Interview 1";
  narrative.language = "en";
  narrative.text = "Kanya said that Maricel Dela Cruz took her passport. Kanya ran away.";
  narrative_id = shirabe_project_add_narrative (project, &narrative, &error);
  g_assert_no_error (error);
  code.label_en = "Document confiscation";
  code.label_ja = "旅券の取り上げ";
  code_id = shirabe_project_add_code (project, &code, &error);
  coder_id = shirabe_project_ensure_coder (project, "Aiko", &error);
  /* "Maricel Dela Cruz took her passport": begins inside no name, covers one. */
  g_assert_cmpint (shirabe_project_add_coding (project, narrative_id, code_id, coder_id, 16, 51,
                                               NULL, &error), >, 0);
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

static ShirabePseudonymsDialog *
find_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (SHIRABE_IS_PSEUDONYMS_DIALOG (window))
        return SHIRABE_PSEUDONYMS_DIALOG (window);
    }
  return NULL;
}

/* The row of @widget titled @title, or NULL. */
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
test_table_suggestions_and_undo (Fixture       *fixture,
                                 gconstpointer  data)
{
  ShirabePseudonymsDialog *dialog;
  ShirabeProject *project = shirabe_window_get_project (fixture->window);
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;
  AdwPreferencesRow *row;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.pseudonyms",
                                             NULL));
  wait_until_idle ();
  dialog = find_dialog ();
  g_assert_nonnull (dialog);
  g_assert_cmpuint (shirabe_pseudonyms_dialog_get_n_entries (dialog), ==, 0);

  /* The case's name comes first among the suggestions, with a pseudonym to confirm. */
  g_assert_cmpuint (shirabe_pseudonyms_dialog_get_n_suggestions (dialog), >=, 2);
  row = find_row (GTK_WIDGET (dialog), "Kanya");
  g_assert_nonnull (row);
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==, "case name · 3 times");
  g_assert_nonnull (find_row (GTK_WIDGET (dialog), "Maricel Dela Cruz"));
  shirabe_pseudonyms_dialog_confirm_suggestion (dialog, 0);
  wait_until_idle ();
  g_assert_cmpuint (shirabe_pseudonyms_dialog_get_n_entries (dialog), ==, 1);
  g_assert_nonnull (find_row (GTK_WIDGET (dialog), "Kanya → Person 1"));
  g_assert_null (find_row (GTK_WIDGET (dialog), "Kanya"));

  shirabe_pseudonyms_dialog_add (dialog, "Maricel Dela Cruz", "Ana Reyes");
  wait_until_idle ();
  g_assert_nonnull (find_row (GTK_WIDGET (dialog), "Maricel Dela Cruz → Ana Reyes"));
  entries = shirabe_project_list_pseudonyms (project, &error);
  g_assert_cmpuint (entries->len, ==, 2);
  g_assert_true (((ShirabePseudonym *) entries->pdata[1])->confirmed);

  /* Undo in the window takes the last entry away, here too. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.undo", NULL));
  wait_until_idle ();
  g_assert_cmpuint (shirabe_pseudonyms_dialog_get_n_entries (dialog), ==, 1);
  g_assert_null (find_row (GTK_WIDGET (dialog), "Maricel Dela Cruz → Ana Reyes"));
  /* …and the name is a suggestion again; the one confirmed is not. */
  g_assert_nonnull (find_row (GTK_WIDGET (dialog), "Maricel Dela Cruz"));
  g_assert_null (find_row (GTK_WIDGET (dialog), "Kanya"));
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static gboolean
file_has (const char *path,
          const char *needle)
{
  g_autofree char *data = NULL;
  gsize size = 0;

  g_assert_true (g_file_get_contents (path, &data, &size, NULL));
  for (gsize i = 0; i + strlen (needle) <= size; i++)
    if (memcmp (data + i, needle, strlen (needle)) == 0)
      return TRUE;
  return FALSE;
}

static gboolean
has_label_text (GtkWidget  *widget,
                const char *text)
{
  if (GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0)
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (has_label_text (child, text))
      return TRUE;
  return FALSE;
}

static void
test_saved_copy_is_reported (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autofree char *copy = g_build_filename (fixture->dir, "shared.shirabe", NULL);
  g_autofree char *source = g_build_filename (fixture->dir, "study.shirabe", NULL);
  ShirabePseudonymsDialog *dialog;
  AdwMessageDialog *report;

  dialog = shirabe_pseudonyms_dialog_new (fixture->window);
  shirabe_pseudonyms_dialog_add (dialog, "Kanya", "K");
  shirabe_pseudonyms_dialog_add (dialog, "Maricel Dela Cruz", "Ana Reyes");
  wait_until_idle ();
  shirabe_pseudonyms_dialog_save_copy (dialog, copy);
  while ((report = shirabe_pseudonyms_dialog_get_report (dialog)) == NULL)
    g_main_context_iteration (NULL, TRUE);
  wait_until_idle ();

  g_assert_cmpstr (adw_message_dialog_get_heading (report), ==, "Pseudonymised Copy Saved");
  g_assert_cmpstr (adw_message_dialog_get_body (report), ==,
                   "4 names were replaced, 1 of them outside the texts (case names, memos, "
                   "labels, attribute values). 1 coding moved with its words; 0 widened to a "
                   "whole pseudonym.");
  g_assert_true (has_label_text (GTK_WIDGET (report),
                                 "Interview 1: 3 (Kanya → K ×2, Maricel Dela Cruz → Ana Reyes ×1)"));

  /* The copy has neither name; the project has both. */
  g_assert_true (file_has (copy, "Ana Reyes took her passport"));
  g_assert_false (file_has (copy, "Kanya"));
  g_assert_false (file_has (copy, "Maricel"));
  {
    g_autofree char *wal = g_strconcat (source, "-wal", NULL);

    g_assert_true (file_has (source, "Maricel") ||
                   (g_file_test (wal, G_FILE_TEST_EXISTS) && file_has (wal, "Maricel")));
  }
  gtk_window_destroy (GTK_WINDOW (report));
  gtk_window_destroy (GTK_WINDOW (dialog));
}

int
main (int    argc,
      char **argv)
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/app/pseudonyms/table-suggestions-and-undo", test_table_suggestions_and_undo);
  ADD ("/app/pseudonyms/saved-copy-is-reported", test_saved_copy_is_reported);
#undef ADD

  return g_test_run ();
}
