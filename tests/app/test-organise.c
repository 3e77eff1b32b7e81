/* test-organise.c: the sidebar's menu renames, moves, merges and deletes, each undoable
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "shirabe-i18n.h"

#include <string.h>

#include <glib/gstdio.h>

#include "shirabe.h"
#include "shirabe-import-dialog.h"
#include "shirabe-reader.h"
#include "shirabe-sidebar.h"
#include "shirabe-window.h"
#include "app-test-util.h"

typedef struct
{
  char          *dir;
  ShirabeWindow *window;
  ShirabeProject *project;
  gint64         case_a, case_b;
  gint64         interview, ngo, court;
} Fixture;

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  ShirabeNarrativeSpec spec = { .language = "ja", .text = "旅券を取り上げられた。" };

  fixture->dir = g_dir_make_tmp ("shirabe-organise-test-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (fixture->dir, "study.shirabe", NULL);
  fixture->project = shirabe_project_create (path, "Study", SHIRABE_PROJECT_DEFAULT, &error);
  g_assert_no_error (error);
  fixture->case_a = shirabe_project_add_case (fixture->project, "Case A", &error);
  fixture->case_b = shirabe_project_add_case (fixture->project, "Case B", &error);
  spec.case_id = fixture->case_a;
  spec.title = "Interview";
  fixture->interview = shirabe_project_add_narrative (fixture->project, &spec, &error);
  spec.title = "NGO record";
  fixture->ngo = shirabe_project_add_narrative (fixture->project, &spec, &error);
  spec.case_id = fixture->case_b;
  spec.title = "Court record";
  fixture->court = shirabe_project_add_narrative (fixture->project, &spec, &error);
  g_assert_no_error (error);

  fixture->window = g_object_ref_sink (shirabe_window_new (NULL));
  shirabe_window_set_project (fixture->window, fixture->project);
  gtk_window_present (GTK_WINDOW (fixture->window));
  wait_until_idle ();
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  shirabe_project_close (fixture->project, &error);
  g_assert_no_error (error);
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  g_clear_object (&fixture->window);
  g_clear_object (&fixture->project);
  wait_until_idle ();
  rm_rf (fixture->dir);
  g_free (fixture->dir);
}

static AdwMessageDialog *
find_message_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return ADW_MESSAGE_DIALOG (window);
    }
  g_error ("no dialog is open");
}

/* The import's result dialog, once it shows. */
static AdwMessageDialog *
find_result_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)) &&
          g_str_has_suffix (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (window)),
                            "Imported"))
        return ADW_MESSAGE_DIALOG (window);
    }
  return NULL;
}

/* Activates @action on the narrative @narrative_id and returns the dialog it opens. */
static AdwMessageDialog *
ask (Fixture    *fixture,
     gint64      narrative_id,
     const char *action)
{
  g_assert_true (shirabe_sidebar_select_narrative (shirabe_window_get_sidebar (fixture->window),
                                                  narrative_id));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), action, NULL));
  wait_until_idle ();
  return find_message_dialog ();
}

static void
answer (AdwMessageDialog *dialog,
        const char       *response)
{
  adw_message_dialog_response (dialog, response);
  gtk_window_destroy (GTK_WINDOW (dialog));
  wait_until_idle ();
}

static gint64
case_of (Fixture *fixture,
         gint64   narrative_id)
{
  g_autoptr(ShirabeNarrative) narrative = shirabe_project_get_narrative (fixture->project,
                                                                        narrative_id, NULL);

  return narrative != NULL ? narrative->case_id : 0;
}

static void
test_a_narrative_is_renamed_moved_and_deleted (Fixture       *fixture,
                                               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ShirabeNarrative) renamed = NULL;
  AdwMessageDialog *dialog;

  /* F2's action: a dialog with the title to edit. */
  dialog = ask (fixture, fixture->interview, "win.rename-narrative");
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Rename Narrative");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (adw_message_dialog_get_extra_child (
                     dialog))), ==, "Interview");
  gtk_editable_set_text (GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog)), "");
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "rename"));
  gtk_editable_set_text (GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog)),
                         "聞き取り 1");
  answer (dialog, "rename");
  renamed = shirabe_project_get_narrative (fixture->project, fixture->interview, &error);
  g_assert_cmpstr (renamed->title, ==, "聞き取り 1");

  /* Moved to the other case, chosen from the list. */
  dialog = ask (fixture, fixture->ngo, "win.move-narrative");
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==,
                   "Move “NGO record” to Another Case");
  gtk_drop_down_set_selected (GTK_DROP_DOWN (adw_message_dialog_get_extra_child (dialog)), 0);
  answer (dialog, "move");
  g_assert_cmpint (case_of (fixture, fixture->ngo), ==, fixture->case_b);

  /* Deleted, saying what goes with it; undo brings it back. */
  dialog = ask (fixture, fixture->court, "win.delete-narrative");
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Delete “Court record”?");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "Its 0 codings go with it"));
  answer (dialog, "delete");
  g_assert_cmpint (case_of (fixture, fixture->court), ==, 0);
  g_assert_true (shirabe_project_undo (fixture->project, &error));
  g_assert_no_error (error);
  g_assert_cmpint (case_of (fixture, fixture->court), ==, fixture->case_b);

  /* Cancel changes nothing. */
  dialog = ask (fixture, fixture->court, "win.delete-narrative");
  answer (dialog, "cancel");
  g_assert_cmpint (case_of (fixture, fixture->court), ==, fixture->case_b);
}

static void
test_cases_are_renamed_merged_and_deleted (Fixture       *fixture,
                                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) cases = NULL;
  AdwMessageDialog *dialog;

  dialog = ask (fixture, fixture->interview, "win.rename-case");
  gtk_editable_set_text (GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog)), "事例 A");
  answer (dialog, "rename");

  /* Case B goes into the selected narrative's case. */
  /* The two cases give an attribute different values: the dialog shows it, and which
   * value stays is chosen with the button. */
  {
    gint64 nationality = shirabe_project_add_attribute (fixture->project, SHIRABE_SCOPE_CASE,
                                                        "Nationality", NULL, "nationality",
                                                        SHIRABE_ATTRIBUTE_TEXT, NULL, &error);

    shirabe_project_set_attribute_value (fixture->project, nationality, fixture->case_a, "Thai",
                                         &error);
    shirabe_project_set_attribute_value (fixture->project, nationality, fixture->case_b,
                                         "Thailand", &error);
    g_assert_no_error (error);
  }
  dialog = ask (fixture, fixture->interview, "win.merge-case");
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Merge a Case into “事例 A”");
  {
    GtkWidget *box = adw_message_dialog_get_extra_child (dialog);

    gtk_drop_down_set_selected (GTK_DROP_DOWN (gtk_widget_get_first_child (box)), 0);
    g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (gtk_widget_get_last_child (box))), ==,
                     "Different values:\nNationality: “Thai” here, “Thailand” there");
    g_assert_true (adw_message_dialog_get_response_enabled (dialog, "take"));
  }
  answer (dialog, "keep");
  g_assert_cmpint (case_of (fixture, fixture->court), ==, fixture->case_a);
  cases = shirabe_project_list_cases (fixture->project, &error);
  g_assert_cmpuint (cases->len, ==, 1);
  g_assert_cmpstr (((ShirabeCase *) cases->pdata[0])->name, ==, "事例 A");

  dialog = ask (fixture, fixture->interview, "win.delete-case");
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Delete Case “事例 A”?");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "Its narratives (3)"));
  answer (dialog, "delete");
  g_clear_pointer (&cases, g_ptr_array_unref);
  cases = shirabe_project_list_cases (fixture->project, &error);
  g_assert_cmpuint (cases->len, ==, 0);
  g_assert_true (shirabe_project_undo (fixture->project, &error));
  g_clear_pointer (&cases, g_ptr_array_unref);
  cases = shirabe_project_list_cases (fixture->project, &error);
  g_assert_cmpuint (cases->len, ==, 1);
  g_assert_cmpuint (((ShirabeCase *) cases->pdata[0])->n_narratives, ==, 3);
}

/* The box of choices in the import dialog: destination, name or pattern, cases, language. */
static GtkWidget *
nth_child (GtkWidget *box,
           guint      n)
{
  GtkWidget *child = gtk_widget_get_first_child (box);

  for (guint i = 0; i < n && child != NULL; i++)
    child = gtk_widget_get_next_sibling (child);
  g_assert_nonnull (child);
  return child;
}

static guint
count_narratives (Fixture *fixture,
                  gint64   case_id)
{
  g_autoptr(GPtrArray) narratives = shirabe_project_list_narratives (fixture->project, case_id,
                                                                     NULL);

  return narratives != NULL ? narratives->len : 0;
}

static void
test_an_import_asks_where_the_narratives_go (Fixture       *fixture,
                                             gconstpointer  data)
{
  g_autofree char *interview = g_build_filename (fixture->dir, "case12_interview.txt", NULL);
  g_autofree char *court = g_build_filename (fixture->dir, "case12_court.txt", NULL);
  g_autofree char *note = g_build_filename (fixture->dir, "note.txt", NULL);
  const char *paths[] = { interview, court, NULL };
  const char *into_existing[] = { note, NULL };
  g_autoptr(GPtrArray) narratives = NULL;
  g_autoptr(GError) error = NULL;
  AdwMessageDialog *dialog;
  AdwMessageDialog *result = NULL;
  GtkWidget *box;
  gint64 deadline;
  gint64 case12 = 0;

  g_assert_true (g_file_set_contents (interview, "空港で旅券を取り上げられた。", -1, NULL));
  g_assert_true (g_file_set_contents (court, "The court found the broker guilty.", -1, NULL));
  g_assert_true (g_file_set_contents (note, "支援団体のメモ", -1, NULL));

  /* Cases from a pattern of the file names; the language detected. */
  dialog = shirabe_import_ask (fixture->window, paths);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Import 2 Files");
  box = adw_message_dialog_get_extra_child (dialog);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (nth_child (box, 0)), 3);
  g_assert_true (gtk_widget_get_visible (nth_child (box, 1)));
  gtk_editable_set_text (GTK_EDITABLE (nth_child (box, 1)), "^(case[0-9]+)_");
  adw_message_dialog_response (dialog, "import");
  gtk_window_destroy (GTK_WINDOW (dialog));
  deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
  while ((case12 = shirabe_project_find_case (fixture->project, "case12", NULL)) == 0 &&
         g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpint (case12, >, 0);
  g_assert_cmpuint (count_narratives (fixture, case12), ==, 2);
  narratives = shirabe_project_list_narratives (fixture->project, case12, &error);
  g_assert_cmpstr (((ShirabeNarrative *) narratives->pdata[0])->language, ==, "ja");
  g_assert_cmpstr (((ShirabeNarrative *) narratives->pdata[1])->language, ==, "");
  /* The result dialog of that import: the import is over only when it shows (the narratives
   * are in the file a moment before), and another import would be refused until then. */
  while ((result = find_result_dialog ()) == NULL && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_nonnull (result);
  gtk_window_destroy (GTK_WINDOW (result));
  wait_until_idle ();

  /* Into an existing case (Case B, the second), in a language chosen. */
  dialog = shirabe_import_ask (fixture->window, into_existing);
  box = adw_message_dialog_get_extra_child (dialog);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (nth_child (box, 0)), 2);
  g_assert_true (gtk_widget_get_visible (nth_child (box, 2)));
  gtk_drop_down_set_selected (GTK_DROP_DOWN (nth_child (box, 2)), 1);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (nth_child (box, 4)), 3);
  adw_message_dialog_response (dialog, "import");
  gtk_window_destroy (GTK_WINDOW (dialog));
  deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
  while (count_narratives (fixture, fixture->case_b) < 2 && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_clear_pointer (&narratives, g_ptr_array_unref);
  narratives = shirabe_project_list_narratives (fixture->project, fixture->case_b, &error);
  g_assert_cmpuint (narratives->len, ==, 2);
  g_assert_cmpstr (((ShirabeNarrative *) narratives->pdata[1])->title, ==, "note");
  g_assert_cmpstr (((ShirabeNarrative *) narratives->pdata[1])->language, ==, "th");
  /* Over when its result shows. */
  while ((result = find_result_dialog ()) == NULL && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_nonnull (result);
  gtk_window_destroy (GTK_WINDOW (result));
  wait_until_idle ();
}

/* A window closed while its import runs: the import still ends, and letting go of its
 * progress dialog, transient for that window, comes before the window's last reference. */
static void
test_a_window_closed_during_an_import (Fixture       *fixture,
                                       gconstpointer  data)
{
  g_autofree char *note = g_build_filename (fixture->dir, "late.txt", NULL);
  const char *paths[] = { note, NULL };
  g_autoptr(GString) text = g_string_new (NULL);
  AdwMessageDialog *dialog;
  gint64 deadline;

  for (guint i = 0; i < 20000; i++)
    g_string_append (text, "支援団体の聞き取りメモ。\n");
  g_assert_true (g_file_set_contents (note, text->str, text->len, NULL));
  dialog = shirabe_import_ask (fixture->window, paths);
  adw_message_dialog_response (dialog, "import");
  gtk_window_destroy (GTK_WINDOW (dialog));
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  g_clear_object (&fixture->window);

  deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
  while (shirabe_project_find_case (fixture->project, "late", NULL) == 0 &&
         g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpint (shirabe_project_find_case (fixture->project, "late", NULL), >, 0);
  /* The import's own end, after the commit. */
  deadline = g_get_monotonic_time () + G_USEC_PER_SEC;
  while (g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE);
  fixture->window = g_object_ref_sink (shirabe_window_new (NULL));
}

static GtkWidget *
nth_row (AdwMessageDialog *dialog,
         guint             n)
{
  GtkWidget *row = gtk_widget_get_first_child (adw_message_dialog_get_extra_child (dialog));

  for (guint i = 0; row != NULL && i < n; i++)
    row = gtk_widget_get_next_sibling (row);
  g_assert_nonnull (row);
  return row;
}

/* A narrative's language, kind and original are set from the sidebar's menu in one dialog:
 * one undo step; a language not in the list is typed as a tag (issue 10). */
static void
test_narrative_details_are_set_from_the_menu (Fixture       *fixture,
                                              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  AdwMessageDialog *dialog;
  ShirabeNarrative *narrative;
  GListModel *originals;

  /* The reader's header offers the same menu as the sidebar's row. */
  {
    GtkWidget *button = find_widget_with_tooltip (
      GTK_WIDGET (shirabe_window_get_reader (fixture->window)), GTK_TYPE_MENU_BUTTON,
      _("Narrative and Case"));
    GMenuModel *model;
    GMenuModel *section;
    g_autofree char *action = NULL;

    g_assert_nonnull (button);
    model = gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (button));
    g_assert_nonnull (model);
    section = g_menu_model_get_item_link (model, 0, G_MENU_LINK_SECTION);
    g_assert_true (g_menu_model_get_item_attribute (section, 2, G_MENU_ATTRIBUTE_ACTION, "s",
                                                    &action));
    g_assert_cmpstr (action, ==, "win.narrative-details");
    g_object_unref (section);
  }

  dialog = ask (fixture, fixture->ngo, "win.narrative-details");
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Details of “NGO record”");
  /* Language (Japanese now), the tag row hidden; kind; original. */
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (nth_row (dialog, 0))), ==,
                   "_Language");
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (nth_row (dialog, 0))), ==, 1);
  g_assert_false (gtk_widget_get_visible (nth_row (dialog, 1)));
  adw_combo_row_set_selected (ADW_COMBO_ROW (nth_row (dialog, 0)), 3);   /* Thai */
  adw_combo_row_set_selected (ADW_COMBO_ROW (nth_row (dialog, 2)), 2);   /* NGO record */
  originals = adw_combo_row_get_model (ADW_COMBO_ROW (nth_row (dialog, 3)));
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (originals), 0), ==,
                   "Not a translation");
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (originals), 1), ==,
                   "Case A — Interview");
  adw_combo_row_set_selected (ADW_COMBO_ROW (nth_row (dialog, 3)), 1);
  answer (dialog, "save");

  narrative = shirabe_project_get_narrative (fixture->project, fixture->ngo, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (narrative->language, ==, "th");
  g_assert_cmpstr (narrative->kind, ==, "ngo-record");
  g_assert_cmpint (narrative->translation_of, ==, fixture->interview);
  shirabe_narrative_free (narrative);

  /* Another language, typed as a tag; the dialog opens on what is stored. */
  dialog = ask (fixture, fixture->ngo, "win.narrative-details");
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (nth_row (dialog, 0))), ==, 3);
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (nth_row (dialog, 3))), ==, 1);
  adw_combo_row_set_selected (ADW_COMBO_ROW (nth_row (dialog, 0)),
                              g_list_model_get_n_items (adw_combo_row_get_model (
                                ADW_COMBO_ROW (nth_row (dialog, 0)))) - 1);
  g_assert_true (gtk_widget_get_visible (nth_row (dialog, 1)));
  gtk_editable_set_text (GTK_EDITABLE (nth_row (dialog, 1)), "ne");
  answer (dialog, "save");
  narrative = shirabe_project_get_narrative (fixture->project, fixture->ngo, &error);
  g_assert_cmpstr (narrative->language, ==, "ne");
  shirabe_narrative_free (narrative);

  /* Each save is one undo step. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.undo", NULL));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.undo", NULL));
  wait_until_idle ();
  narrative = shirabe_project_get_narrative (fixture->project, fixture->ngo, &error);
  g_assert_cmpstr (narrative->language, ==, "ja");
  g_assert_cmpstr (narrative->kind, ==, "");
  g_assert_cmpint (narrative->translation_of, ==, 0);
  shirabe_narrative_free (narrative);
}

/* A new case from the menu, and a case moved up and down the list. */
static void
test_cases_are_made_and_reordered (Fixture       *fixture,
                                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) cases = NULL;
  AdwMessageDialog *dialog;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.new-case", NULL));
  wait_until_idle ();
  dialog = find_message_dialog ();
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "New Case");
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "create"));
  gtk_editable_set_text (GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog)), "事例 C");
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "create"));
  answer (dialog, "create");
  g_assert_cmpint (shirabe_project_find_case (fixture->project, "事例 C", NULL), >, 0);

  /* Case B (of the court record) moves up, above Case A; then down again. */
  g_assert_true (shirabe_sidebar_select_narrative (shirabe_window_get_sidebar (fixture->window),
                                                  fixture->court));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.move-case-up",
                                             NULL));
  wait_until_idle ();
  cases = shirabe_project_list_cases (fixture->project, &error);
  g_assert_cmpstr (((ShirabeCase *) cases->pdata[0])->name, ==, "Case B");
  g_assert_cmpstr (((ShirabeCase *) cases->pdata[1])->name, ==, "Case A");
  g_clear_pointer (&cases, g_ptr_array_unref);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.move-case-down",
                                             NULL));
  wait_until_idle ();
  cases = shirabe_project_list_cases (fixture->project, &error);
  g_assert_cmpstr (((ShirabeCase *) cases->pdata[0])->name, ==, "Case A");
  g_assert_cmpstr (((ShirabeCase *) cases->pdata[1])->name, ==, "Case B");
}

/* The right-click gesture of the sidebar row showing @title. */
static GtkGesture *
find_row_secondary_click (Fixture    *fixture,
                          const char *title)
{
  GtkWidget *widget = find_label (GTK_WIDGET (shirabe_window_get_sidebar (fixture->window)),
                                  title);

  g_assert_nonnull (widget);
  for (; widget != NULL; widget = gtk_widget_get_parent (widget))
    {
      g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

      for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
        {
          g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

          if (GTK_IS_GESTURE_CLICK (controller) &&
              gtk_gesture_single_get_button (GTK_GESTURE_SINGLE (controller)) == GDK_BUTTON_SECONDARY)
            return GTK_GESTURE (controller);
        }
    }
  g_assert_not_reached ();
}

/* Every dialog and chooser Shirabe builds gives each mnemonic once: "Cancel" and "Create" of
 * the new-project chooser once shared Alt+C (issue 10, bug 14). Japanese: test-japanese. */
static void
test_dialogs_have_unique_mnemonics (Fixture       *fixture,
                                    gconstpointer  data)
{
  static const char *const actions[] = {
    "win.rename-narrative", "win.move-narrative", "win.narrative-details",
    "win.delete-narrative", "win.rename-case", "win.merge-case", "win.delete-case",
    "win.new-case", "win.new-project", "win.open-project", "win.export", "win.import",
  };
  g_autofree char *file = g_build_filename (fixture->dir, "a.txt", NULL);
  const char *paths[] = { file, NULL };
  GtkWidget *dialog;

  g_assert_true (shirabe_sidebar_select_narrative (shirabe_window_get_sidebar (fixture->window),
                                                  fixture->ngo));
  for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
    {
      g_test_message ("%s", actions[i]);
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), actions[i],
                                                 NULL));
      wait_until_idle ();
      dialog = find_open_window (fixture->window);
      g_assert_nonnull (dialog);
      assert_unique_mnemonics (dialog);
      /* A chooser is cancelled, so that the window knows it closed. */
      G_GNUC_BEGIN_IGNORE_DEPRECATIONS
      if (GTK_IS_DIALOG (dialog))
        gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_CANCEL);
      else
        gtk_window_destroy (GTK_WINDOW (dialog));
      G_GNUC_END_IGNORE_DEPRECATIONS
      wait_until_idle ();
    }

  g_assert_true (g_file_set_contents (file, "旅券を取り上げられた。", -1, NULL));
  dialog = GTK_WIDGET (shirabe_import_ask (fixture->window, paths));
  wait_until_idle ();
  assert_unique_mnemonics (dialog);
  gtk_window_destroy (GTK_WINDOW (dialog));
  wait_until_idle ();
}

/* The first controller of @type on @title's row or above it. */
static GtkEventController *
find_row_controller (Fixture    *fixture,
                     const char *title,
                     GType       type)
{
  GtkWidget *widget = find_label (GTK_WIDGET (shirabe_window_get_sidebar (fixture->window)),
                                  title);

  g_assert_nonnull (widget);
  for (; widget != NULL; widget = gtk_widget_get_parent (widget))
    {
      g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

      for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
        {
          g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

          if (G_TYPE_CHECK_INSTANCE_TYPE (controller, type))
            return controller;
        }
    }
  g_assert_not_reached ();
}

/* A narrative dragged onto a row of another case moves there, one undo step; a case's heading
 * is not dragged (issue 10). */
static void
test_a_narrative_is_dragged_to_another_case (Fixture       *fixture,
                                             gconstpointer  data)
{
  g_autoptr(GdkContentProvider) content = NULL;
  g_autoptr(GdkContentProvider) none = NULL;
  GValue value = G_VALUE_INIT;
  gboolean dropped = FALSE;

  g_signal_emit_by_name (find_row_controller (fixture, "Court record", GTK_TYPE_DRAG_SOURCE),
                         "prepare", 4.0, 4.0, &content);
  g_assert_nonnull (content);
  g_value_init (&value, G_TYPE_INT64);
  g_assert_true (gdk_content_provider_get_value (content, &value, NULL));
  g_assert_cmpint (g_value_get_int64 (&value), ==, fixture->court);
  g_signal_emit_by_name (find_row_controller (fixture, "Case B", GTK_TYPE_DRAG_SOURCE),
                         "prepare", 4.0, 4.0, &none);
  g_assert_null (none);

  /* Dropped on Case A's heading. */
  g_signal_emit_by_name (find_row_controller (fixture, "Case A", GTK_TYPE_DROP_TARGET),
                         "drop", &value, 4.0, 4.0, &dropped);
  g_assert_true (dropped);
  wait_until_idle ();
  g_assert_cmpint (case_of (fixture, fixture->court), ==, fixture->case_a);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.undo", NULL));
  wait_until_idle ();
  g_assert_cmpint (case_of (fixture, fixture->court), ==, fixture->case_b);

  /* Dropped on a narrative of its own case, nothing moves. */
  dropped = TRUE;
  g_signal_emit_by_name (find_row_controller (fixture, "Court record", GTK_TYPE_DROP_TARGET),
                         "drop", &value, 4.0, 4.0, &dropped);
  g_assert_false (dropped);
  g_value_unset (&value);
}

/* After a right-click on a row, the highlighted row is the narrative open in the reader, while
 * the menu is open and after it closes (issue 10, bug 11). */
static void
test_right_click_leaves_the_highlight_on_the_narrative_read (Fixture       *fixture,
                                                             gconstpointer  data)
{
  ShirabeSidebar *sidebar = shirabe_window_get_sidebar (fixture->window);
  ShirabeReader *reader = shirabe_window_get_reader (fixture->window);
  GtkSelectionModel *selection =
    gtk_list_view_get_model (shirabe_sidebar_get_list_view (sidebar));
  GtkPopover *menu;
  GtkGesture *gesture;
  GtkWidget *pressed;
  guint highlighted;

  g_assert_true (shirabe_sidebar_select_narrative (sidebar, fixture->interview));
  wait_until_idle ();
  g_assert_cmpint (shirabe_reader_get_narrative_id (reader), ==, fixture->interview);

  /* As GTK's own click gesture does on a press, the row is marked :active; the release goes to
   * the menu, so nothing of GTK's unmarks it. */
  gesture = find_row_secondary_click (fixture, "NGO record");
  pressed = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (gesture));
  while (gtk_widget_get_parent (pressed) != GTK_WIDGET (shirabe_sidebar_get_list_view (sidebar)))
    pressed = gtk_widget_get_parent (pressed);
  gtk_widget_set_state_flags (pressed, GTK_STATE_FLAG_ACTIVE, FALSE);
  g_signal_emit_by_name (gesture, "pressed", 1, 4.0, 4.0);
  wait_until_idle ();
  menu = GTK_POPOVER (find_widget (GTK_WIDGET (sidebar), GTK_TYPE_POPOVER_MENU));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (menu)));
  highlighted = gtk_single_selection_get_selected (GTK_SINGLE_SELECTION (selection));
  g_assert_cmpint (shirabe_sidebar_get_selected_id (sidebar), ==,
                   shirabe_reader_get_narrative_id (reader));
  g_assert_true (gtk_selection_model_is_selected (selection, highlighted));

  gtk_popover_popdown (menu);
  wait_until_idle ();
  g_assert_cmpint (shirabe_sidebar_get_selected_id (sidebar), ==,
                   shirabe_reader_get_narrative_id (reader));
  g_assert_cmpuint (gtk_single_selection_get_selected (GTK_SINGLE_SELECTION (selection)), ==,
                    highlighted);
  /* No row is left looking pressed. */
  for (GtkWidget *row = gtk_widget_get_first_child (
         GTK_WIDGET (shirabe_sidebar_get_list_view (sidebar)));
       row != NULL; row = gtk_widget_get_next_sibling (row))
    g_assert_false (gtk_widget_get_state_flags (row) & GTK_STATE_FLAG_ACTIVE);

  /* The Menu key opens the same menu on the selected row. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (sidebar), "sidebar.row-menu", NULL));
  wait_until_idle ();
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (menu)));
  gtk_popover_popdown (menu);
  wait_until_idle ();

  /* A right-click on a case's row does not leave it highlighted either. */
  g_signal_emit_by_name (find_row_secondary_click (fixture, "Case B"), "pressed", 1, 4.0, 4.0);
  wait_until_idle ();
  menu = GTK_POPOVER (find_widget (GTK_WIDGET (sidebar), GTK_TYPE_POPOVER_MENU));
  if (gtk_widget_get_visible (GTK_WIDGET (menu)))
    gtk_popover_popdown (menu);
  wait_until_idle ();
  g_assert_cmpint (shirabe_sidebar_get_selected_id (sidebar), ==,
                   shirabe_reader_get_narrative_id (reader));
  g_assert_cmpuint (gtk_single_selection_get_selected (GTK_SINGLE_SELECTION (selection)), ==,
                    highlighted);
}

int
main (int    argc,
      char **argv)
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/app/organise/a-narrative-is-renamed-moved-and-deleted",
       test_a_narrative_is_renamed_moved_and_deleted);
  ADD ("/app/organise/cases-are-renamed-merged-and-deleted",
       test_cases_are_renamed_merged_and_deleted);
  ADD ("/app/organise/right-click-leaves-the-highlight-on-the-narrative-read",
       test_right_click_leaves_the_highlight_on_the_narrative_read);
  ADD ("/app/organise/a-narrative-is-dragged-to-another-case",
       test_a_narrative_is_dragged_to_another_case);
  ADD ("/app/organise/dialogs-have-unique-mnemonics", test_dialogs_have_unique_mnemonics);
  ADD ("/app/organise/narrative-details-are-set-from-the-menu",
       test_narrative_details_are_set_from_the_menu);
  ADD ("/app/organise/cases-are-made-and-reordered", test_cases_are_made_and_reordered);
  ADD ("/app/organise/an-import-asks-where-the-narratives-go",
       test_an_import_asks_where_the_narratives_go);
  ADD ("/app/organise/a-window-closed-during-an-import", test_a_window_closed_during_an_import);
#undef ADD

  return g_test_run ();
}
