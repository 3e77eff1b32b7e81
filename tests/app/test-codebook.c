/* test-codebook.c: the codebook pane, the code editor, the case's attributes and the memo
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "shirabe-i18n.h"

#include <string.h>

#include <glib/gstdio.h>

#include "shirabe.h"
#include "shirabe-apply-code.h"
#include "shirabe-attributes-view.h"
#include "shirabe-code-editor.h"
#include "shirabe-code-item.h"
#include "shirabe-export-dialog.h"
#include "shirabe-preferences.h"
#include "shirabe-codebook.h"
#include "shirabe-pseudonyms-dialog.h"
#include "shirabe-restore-dialog.h"
#include "shirabe-window.h"
#include "app-test-util.h"

static const char narrative_text[] =
  "She was told she could not go home until the debt was paid. "
  "The manager kept her passport and watched her at all times.";

typedef struct
{
  char                  *dir;
  gint64                 narrative_id;
  gint64                 control_id;      /* "Means of control", with two subcodes */
  gint64                 debt_id;
  gint64                 passport_id;
  gint64                 route_id;        /* "Route", alone */
  gint64                 age_id;          /* an integer attribute of cases */
  gint64                 interviewed_id;  /* a date attribute of cases */
  ShirabeWindow         *window;
  ShirabeProject        *project;
  ShirabeCodebook       *codebook;
  ShirabeAttributesView *attributes;
} Fixture;

/* The toplevel of @type other than the main window, e.g. a dialog just opened. */
static GtkWindow *
find_toplevel (GType type)
{
  g_autoptr(GListModel) toplevels = gtk_window_get_toplevels ();

  g_object_ref (toplevels);
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type))
        return window;
    }
  return NULL;
}

static gint64
add_code (ShirabeProject *project,
          gint64          parent_id,
          const char     *label_en,
          const char     *label_ja)
{
  g_autoptr(GError) error = NULL;
  ShirabeCodeSpec spec = { 0 };
  gint64 id;

  spec.parent_id = parent_id;
  spec.label_en = label_en;
  spec.label_ja = label_ja;
  id = shirabe_project_add_code (project, &spec, &error);
  g_assert_no_error (error);
  return id;
}

static void
code (Fixture *fixture,
      gint64   code_id,
      gint64   start,
      gint64   end)
{
  g_autoptr(GError) error = NULL;

  shirabe_project_apply_code (fixture->project, fixture->narrative_id, code_id, "Test Coder",
                              start, end, NULL, &error);
  g_assert_no_error (error);
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ShirabeProject) project = NULL;
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;
  ShirabeNarrativeSpec narrative = { 0 };
  gint64 case_id;

  fixture->dir = g_dir_make_tmp ("shirabe-app-test-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (fixture->dir, "study.shirabe", NULL);

  project = shirabe_project_create (path, "Study", SHIRABE_PROJECT_DEFAULT, &error);
  g_assert_no_error (error);
  case_id = shirabe_project_add_case (project, "Case A", &error);
  g_assert_no_error (error);
  narrative.case_id = case_id;
  narrative.title = "Interview 1";
  narrative.language = "en";
  narrative.kind = "interview";
  narrative.text = narrative_text;
  fixture->narrative_id = shirabe_project_add_narrative (project, &narrative, &error);
  g_assert_no_error (error);
  fixture->age_id = shirabe_project_add_attribute (project, SHIRABE_SCOPE_CASE, "Age", "年齢",
                                                   "age", SHIRABE_ATTRIBUTE_INTEGER, NULL,
                                                   &error);
  g_assert_no_error (error);
  shirabe_project_set_attribute_value (project, fixture->age_id, case_id, "23", &error);
  g_assert_no_error (error);
  fixture->interviewed_id = shirabe_project_add_attribute (project, SHIRABE_SCOPE_CASE,
                                                           "Interviewed", "聞き取り日",
                                                           "interviewed", SHIRABE_ATTRIBUTE_DATE,
                                                           NULL, &error);
  g_assert_no_error (error);
  shirabe_project_set_attribute_value (project, fixture->interviewed_id, case_id, "2004-09-14",
                                       &error);
  g_assert_no_error (error);
  fixture->control_id = add_code (project, 0, "Means of control", "支配の手段");
  fixture->debt_id = add_code (project, fixture->control_id, "Debt bondage", "債務による拘束");
  fixture->passport_id = add_code (project, fixture->control_id, "Confiscated passport",
                                   "旅券の取り上げ");
  fixture->route_id = add_code (project, 0, "Route", "経路");
  shirabe_project_close (project, &error);
  g_assert_no_error (error);

  fixture->window = g_object_ref_sink (shirabe_window_new (NULL));
  file = g_file_new_for_path (path);
  shirabe_window_open_file (fixture->window, file, &error);
  g_assert_no_error (error);
  gtk_window_present (GTK_WINDOW (fixture->window));
  wait_until_idle ();

  fixture->project = shirabe_window_get_project (fixture->window);
  fixture->codebook = SHIRABE_CODEBOOK (find_widget (GTK_WIDGET (fixture->window),
                                                     SHIRABE_TYPE_CODEBOOK));
  fixture->attributes = SHIRABE_ATTRIBUTES_VIEW (find_widget (GTK_WIDGET (fixture->window),
                                                              SHIRABE_TYPE_ATTRIBUTES_VIEW));
  g_assert_nonnull (fixture->codebook);
  g_assert_nonnull (fixture->attributes);

  code (fixture, fixture->debt_id, 0, 10);
  code (fixture, fixture->debt_id, 20, 30);
  code (fixture, fixture->passport_id, 60, 80);
  code (fixture, fixture->control_id, 40, 50);
  code (fixture, fixture->route_id, 90, 100);
  wait_until_idle ();
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  g_clear_object (&fixture->window);
  wait_until_idle ();
  rm_rf (fixture->dir);
  g_free (fixture->dir);
}

static guint
count_codings (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) codings = shirabe_project_list_codings (fixture->project,
                                                               fixture->narrative_id, &error);

  g_assert_no_error (error);
  return codings->len;
}

static GPtrArray *
list_codes (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *codes = shirabe_project_list_codes (fixture->project, &error);

  g_assert_no_error (error);
  return codes;
}

static guint
count_rows (Fixture *fixture)
{
  GtkListView *view = shirabe_codebook_get_list_view (fixture->codebook);

  return g_list_model_get_n_items (G_LIST_MODEL (gtk_list_view_get_model (view)));
}

static void
activate (Fixture    *fixture,
          const char *action)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->codebook), action, NULL));
  wait_until_idle ();
}

/* The count shown beside @code_id in the codebook, as markup, and the subtree's total. */
static char *
count_markup (Fixture *fixture,
              gint64   code_id,
              guint   *subtree)
{
  GListModel *rows = G_LIST_MODEL (gtk_list_view_get_model (
                                     shirabe_codebook_get_list_view (fixture->codebook)));

  for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr(GtkTreeListRow) row = g_list_model_get_item (rows, i);
      g_autoptr(ShirabeCodeItem) item = NULL;
      char *markup = NULL;

      gtk_tree_list_row_set_expanded (row, TRUE);
      item = gtk_tree_list_row_get_item (row);
      if (shirabe_code_item_get_id (item) != code_id)
        continue;
      g_object_get (item, "count-markup", &markup, "n-subtree-codings", subtree, NULL);
      return markup;
    }
  g_assert_not_reached ();
}

/* A parent code shows its own codings and, dimmed, those of its subtree; both follow each
 * coding and its undo (issue 10, bug 10). */
static void
test_a_parent_shows_its_subtree_total (Fixture       *fixture,
                                       gconstpointer  data)
{
  g_autofree char *markup = NULL;
  guint subtree = 0;

  /* Means of control: 1 of its own; Debt 2 and Confiscated passport 1 under it. */
  markup = count_markup (fixture, fixture->control_id, &subtree);
  g_assert_cmpstr (markup, ==, "1 <span alpha=\"55%\">· 4</span>");
  g_assert_cmpuint (subtree, ==, 4);
  g_clear_pointer (&markup, g_free);
  markup = count_markup (fixture, fixture->debt_id, &subtree);
  g_assert_cmpstr (markup, ==, "2");
  g_clear_pointer (&markup, g_free);

  /* One more passage of a child counts in the parent's total at once; undo takes it back. */
  code (fixture, fixture->passport_id, 100, 110);
  wait_until_idle ();
  markup = count_markup (fixture, fixture->control_id, &subtree);
  g_assert_cmpstr (markup, ==, "1 <span alpha=\"55%\">· 5</span>");
  g_clear_pointer (&markup, g_free);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.undo", NULL));
  wait_until_idle ();
  markup = count_markup (fixture, fixture->control_id, &subtree);
  g_assert_cmpstr (markup, ==, "1 <span alpha=\"55%\">· 4</span>");
}

/* Any code can get any number key, from the codebook's menu or the code editor; the keys
 * default to the codable codes in tree order (issue 10, bug 5). */
static void
test_number_keys_are_assigned (Fixture       *fixture,
                               gconstpointer  data)
{
  ShirabeReader *reader = shirabe_window_get_reader (fixture->window);
  GtkTextBuffer *buffer = shirabe_reader_get_buffer (reader);
  g_autoptr(GPtrArray) codings = NULL;
  ShirabeCodeEditor *editor;
  GtkTextIter start, end;
  int n_route = 0;

  g_assert_cmpint (shirabe_codebook_get_quick_code (fixture->codebook, 1), ==,
                   fixture->control_id);
  g_assert_cmpint (shirabe_codebook_get_quick_code (fixture->codebook, 4), ==,
                   fixture->route_id);

  /* Route gets 1 from the menu: it leaves 4, and 1 codes with it. */
  g_assert_true (shirabe_codebook_select_code (fixture->codebook, fixture->route_id));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->codebook),
                                             "codebook.set-quick-key", "u", 1));
  wait_until_idle ();
  g_assert_cmpint (shirabe_codebook_get_quick_code (fixture->codebook, 1), ==,
                   fixture->route_id);
  g_assert_cmpint (shirabe_codebook_get_quick_code (fixture->codebook, 4), ==, 0);
  g_assert_cmpint (shirabe_codebook_get_quick_code (fixture->codebook, 2), ==, fixture->debt_id);
  codings = shirabe_project_list_codings (fixture->project, fixture->narrative_id, NULL);
  for (guint i = 0; i < codings->len; i++)
    if (((ShirabeCoding *) codings->pdata[i])->code_id == fixture->route_id)
      n_route--;
  g_clear_pointer (&codings, g_ptr_array_unref);
  gtk_text_buffer_get_iter_at_offset (buffer, &start, 40);
  gtk_text_buffer_get_iter_at_offset (buffer, &end, 44);
  gtk_text_buffer_select_range (buffer, &start, &end);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window),
                                             "win.apply-quick-code", "u", 1));
  wait_until_idle ();
  codings = shirabe_project_list_codings (fixture->project, fixture->narrative_id, NULL);
  for (guint i = 0; i < codings->len; i++)
    if (((ShirabeCoding *) codings->pdata[i])->code_id == fixture->route_id)
      n_route++;
  g_assert_cmpint (n_route, ==, 1);

  /* Debt gets 7 in the code editor, which shows its key. */
  g_assert_true (shirabe_codebook_select_code (fixture->codebook, fixture->debt_id));
  activate (fixture, "codebook.edit-code");
  editor = SHIRABE_CODE_EDITOR (find_toplevel (SHIRABE_TYPE_CODE_EDITOR));
  g_assert_nonnull (editor);
#define CHILD(name) \
  GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (editor), SHIRABE_TYPE_CODE_EDITOR, name))
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (CHILD ("quick_key_row"))), ==, 2);
  adw_combo_row_set_selected (ADW_COMBO_ROW (CHILD ("quick_key_row")), 7);
#undef CHILD
  g_assert_true (shirabe_code_editor_save (editor));
  wait_until_idle ();
  g_assert_cmpint (shirabe_codebook_get_quick_code (fixture->codebook, 7), ==, fixture->debt_id);
  g_assert_cmpint (shirabe_codebook_get_quick_code (fixture->codebook, 2), ==, 0);

  /* Undo takes the key back. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.undo", NULL));
  wait_until_idle ();
  g_assert_cmpint (shirabe_codebook_get_quick_code (fixture->codebook, 2), ==, fixture->debt_id);
  g_assert_cmpint (shirabe_codebook_get_quick_code (fixture->codebook, 7), ==, 0);
}

static void
test_delete_asks_and_undo_restores (Fixture       *fixture,
                                    gconstpointer  data)
{
  g_autoptr(GPtrArray) before = list_codes (fixture);
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(GPtrArray) undone = NULL;
  AdwMessageDialog *dialog;
  guint rows = count_rows (fixture);

  g_assert_cmpuint (count_codings (fixture), ==, 5);
  g_assert_true (shirabe_codebook_select_code (fixture->codebook, fixture->control_id));
  activate (fixture, "codebook.delete-code");

  dialog = ADW_MESSAGE_DIALOG (find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Delete “Means of control”?");
  g_assert_cmpstr (adw_message_dialog_get_body (dialog), ==,
                   "Its 2 subcodes and 4 codings will be removed too. You can undo this.");
  g_assert_cmpint (adw_message_dialog_get_response_appearance (dialog, "delete"), ==,
                   ADW_RESPONSE_DESTRUCTIVE);
  /* Nothing goes before the answer. */
  g_assert_cmpuint (count_codings (fixture), ==, 5);

  adw_message_dialog_response (dialog, "delete");
  wait_until_idle ();
  after = list_codes (fixture);
  g_assert_cmpuint (after->len, ==, 1);
  g_assert_cmpuint (count_codings (fixture), ==, 1);
  g_assert_cmpuint (count_rows (fixture), ==, 1);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.undo", NULL));
  wait_until_idle ();
  undone = list_codes (fixture);
  g_assert_cmpuint (undone->len, ==, before->len);
  g_assert_cmpuint (count_codings (fixture), ==, 5);
  g_assert_cmpuint (count_rows (fixture), ==, rows);
}

static void
test_delete_can_be_cancelled (Fixture       *fixture,
                              gconstpointer  data)
{
  AdwMessageDialog *dialog;
  g_autoptr(GPtrArray) codes = NULL;

  g_assert_true (shirabe_codebook_select_code (fixture->codebook, fixture->route_id));
  activate (fixture, "codebook.delete-code");
  dialog = ADW_MESSAGE_DIALOG (find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_body (dialog), ==,
                   "Its 1 coding will be removed too. You can undo this.");
  adw_message_dialog_response (dialog, "cancel");
  wait_until_idle ();
  codes = list_codes (fixture);
  g_assert_cmpuint (codes->len, ==, 4);
}

static void
test_editor_saves_as_one_undo_step (Fixture       *fixture,
                                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ShirabeCode) saved = NULL;
  g_autoptr(ShirabeCode) undone = NULL;
  ShirabeCodeEditor *editor;
  GtkWidget *widget;
  GdkRGBA green = { 0.2, 0.8, 0.4, 1.0 };

  g_assert_true (shirabe_codebook_select_code (fixture->codebook, fixture->debt_id));
  activate (fixture, "codebook.edit-code");
  editor = SHIRABE_CODE_EDITOR (find_toplevel (SHIRABE_TYPE_CODE_EDITOR));
  g_assert_nonnull (editor);
  g_assert_true (gtk_window_get_modal (GTK_WINDOW (editor)));
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (editor)) ==
                 GTK_WINDOW (fixture->window));

#define CHILD(name) \
  GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (editor), SHIRABE_TYPE_CODE_EDITOR, name))
  widget = CHILD ("label_en_row");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (widget)), ==, "Debt bondage");
  /* The variable name, made from the label, follows it (issue 10, bug 6). */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (CHILD ("var_name_row"))), ==,
                   "debt_bondage");
  gtk_editable_set_text (GTK_EDITABLE (widget), "Debt");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (CHILD ("var_name_row"))), ==, "debt");
  gtk_editable_set_text (GTK_EDITABLE (CHILD ("label_ja_row")), "借金");
  gtk_color_chooser_set_rgba (GTK_COLOR_CHOOSER (CHILD ("color_button")), &green);

  /* A bad variable name is refused as the user types, in the core's words. */
  gtk_editable_set_text (GTK_EDITABLE (CHILD ("var_name_row")), "9 lives");
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (CHILD ("var_name_message"))),
                            "is not a valid variable name"));
  g_assert_false (gtk_widget_is_sensitive (CHILD ("save_button")));
  gtk_editable_set_text (GTK_EDITABLE (CHILD ("var_name_row")), "debt");
  g_assert_true (gtk_widget_is_sensitive (CHILD ("save_button")));
  /* Set by hand, it no longer follows the label. */
  gtk_editable_set_text (GTK_EDITABLE (widget), "Debt bondage (any)");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (CHILD ("var_name_row"))), ==, "debt");
  gtk_editable_set_text (GTK_EDITABLE (widget), "Debt");
#undef CHILD

  g_assert_true (shirabe_code_editor_save (editor));
  wait_until_idle ();
  g_assert_null (find_toplevel (SHIRABE_TYPE_CODE_EDITOR));

  saved = shirabe_project_get_code (fixture->project, fixture->debt_id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (saved->label_en, ==, "Debt");
  g_assert_cmpstr (saved->label_ja, ==, "借金");
  g_assert_cmpstr (saved->color, ==, "#33CC66");
  g_assert_cmpstr (saved->var_name, ==, "debt");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.undo", NULL));
  wait_until_idle ();
  undone = shirabe_project_get_code (fixture->project, fixture->debt_id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (undone->label_en, ==, "Debt bondage");
  g_assert_cmpstr (undone->label_ja, ==, "債務による拘束");
  g_assert_cmpstr (undone->color, !=, "#33CC66");
  g_assert_cmpstr (undone->var_name, !=, "debt");
}

static void
test_add_subcode_makes_a_child (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ShirabeCode) made = NULL;
  ShirabeCodeEditor *editor;

  g_assert_true (shirabe_codebook_select_code (fixture->codebook, fixture->route_id));
  activate (fixture, "codebook.add-subcode");
  editor = SHIRABE_CODE_EDITOR (find_toplevel (SHIRABE_TYPE_CODE_EDITOR));
  g_assert_nonnull (editor);
  gtk_editable_set_text (GTK_EDITABLE (gtk_widget_get_template_child (GTK_WIDGET (editor),
                                                                      SHIRABE_TYPE_CODE_EDITOR,
                                                                      "label_ja_row")),
                         "経由地");
  g_object_ref (editor);
  g_assert_true (shirabe_code_editor_save (editor));
  wait_until_idle ();
  made = shirabe_project_get_code (fixture->project, shirabe_code_editor_get_code_id (editor),
                                   &error);
  g_object_unref (editor);
  g_assert_no_error (error);
  g_assert_cmpint (made->parent_id, ==, fixture->route_id);
  g_assert_cmpstr (made->label_ja, ==, "経由地");
  g_assert_cmpint (shirabe_codebook_get_selected_code (fixture->codebook), ==, made->id);
}

static void
test_move_down_reorders (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GPtrArray) codes = NULL;

  g_assert_true (shirabe_codebook_select_code (fixture->codebook, fixture->debt_id));
  activate (fixture, "codebook.move-down");
  codes = list_codes (fixture);
  /* Depth first: control, passport, debt, route. */
  g_assert_cmpint (((ShirabeCode *) codes->pdata[1])->id, ==, fixture->passport_id);
  g_assert_cmpint (((ShirabeCode *) codes->pdata[2])->id, ==, fixture->debt_id);
  g_assert_cmpint (shirabe_codebook_get_selected_code (fixture->codebook), ==, fixture->debt_id);
  /* The last of its siblings goes no further down. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->codebook), "codebook.move-down", NULL);
  wait_until_idle ();
  g_clear_pointer (&codes, g_ptr_array_unref);
  codes = list_codes (fixture);
  g_assert_cmpint (((ShirabeCode *) codes->pdata[2])->id, ==, fixture->debt_id);
  g_assert_cmpint (((ShirabeCode *) codes->pdata[2])->parent_id, ==, fixture->control_id);

  activate (fixture, "codebook.move-out");
  g_clear_pointer (&codes, g_ptr_array_unref);
  codes = list_codes (fixture);
  g_assert_cmpint (((ShirabeCode *) codes->pdata[2])->id, ==, fixture->debt_id);
  g_assert_cmpint (((ShirabeCode *) codes->pdata[2])->parent_id, ==, 0);
}

static void
test_drop_moves_and_refuses_own_subcode (Fixture       *fixture,
                                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ShirabeCode) debt = NULL;
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GPtrArray) codes = NULL;

  g_assert_true (shirabe_codebook_drop_code (fixture->codebook, fixture->debt_id,
                                             fixture->route_id, SHIRABE_CODEBOOK_DROP_INTO,
                                             &error));
  g_assert_no_error (error);
  wait_until_idle ();
  debt = shirabe_project_get_code (fixture->project, fixture->debt_id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (debt->parent_id, ==, fixture->route_id);

  /* Before a row: at its level, just above it. */
  g_assert_true (shirabe_codebook_drop_code (fixture->codebook, fixture->route_id,
                                             fixture->control_id, SHIRABE_CODEBOOK_DROP_BEFORE,
                                             &error));
  g_assert_no_error (error);
  wait_until_idle ();
  codes = list_codes (fixture);
  g_assert_cmpint (((ShirabeCode *) codes->pdata[0])->id, ==, fixture->route_id);

  before = list_codes (fixture);
  g_assert_false (shirabe_codebook_drop_code (fixture->codebook, fixture->route_id,
                                              fixture->debt_id, SHIRABE_CODEBOOK_DROP_INTO,
                                              &error));
  g_assert_error (error, SHIRABE_ERROR, SHIRABE_ERROR_INVALID);
  wait_until_idle ();
  g_clear_pointer (&codes, g_ptr_array_unref);
  codes = list_codes (fixture);
  g_assert_cmpuint (codes->len, ==, before->len);
  for (guint i = 0; i < codes->len; i++)
    g_assert_cmpint (((ShirabeCode *) codes->pdata[i])->parent_id, ==,
                     ((ShirabeCode *) before->pdata[i])->parent_id);
}

static char *
dup_attribute_value (Fixture *fixture,
                     gint64   attribute_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) values = NULL;
  g_autoptr(ShirabeNarrative) narrative = NULL;

  narrative = shirabe_project_get_narrative (fixture->project, fixture->narrative_id, &error);
  g_assert_no_error (error);
  values = shirabe_project_list_attribute_values (fixture->project, SHIRABE_SCOPE_CASE,
                                                  narrative->case_id, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < values->len; i++)
    {
      ShirabeAttributeValue *value = g_ptr_array_index (values, i);

      if (value->attribute_id == attribute_id)
        return g_strdup (value->value);
    }
  g_assert_not_reached ();
}

static char *
dup_age (Fixture *fixture)
{
  return dup_attribute_value (fixture, fixture->age_id);
}

static void
test_integer_attribute_refuses_letters (Fixture       *fixture,
                                        gconstpointer  data)
{
  g_autofree char *age = NULL;
  g_autofree char *new_age = NULL;
  GtkWidget *editor;

  shirabe_attributes_view_set_narrative (fixture->attributes, fixture->narrative_id);
  editor = shirabe_attributes_view_get_editor (fixture->attributes, fixture->age_id);
  g_assert_true (ADW_IS_ENTRY_ROW (editor));
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (editor)), ==, "Age");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (editor)), ==, "23");

  gtk_editable_set_text (GTK_EDITABLE (editor), "abc");
  g_assert_false (shirabe_attributes_view_commit (fixture->attributes, fixture->age_id));
  g_assert_nonnull (strstr (shirabe_attributes_view_get_message (fixture->attributes), "Age: "));
  g_assert_nonnull (strstr (shirabe_attributes_view_get_message (fixture->attributes), "abc"));
  g_assert_true (gtk_widget_has_css_class (editor, "error"));
  age = dup_age (fixture);
  g_assert_cmpstr (age, ==, "23");

  gtk_editable_set_text (GTK_EDITABLE (editor), "31");
  g_assert_true (shirabe_attributes_view_commit (fixture->attributes, fixture->age_id));
  g_assert_cmpstr (shirabe_attributes_view_get_message (fixture->attributes), ==, "");
  new_age = dup_age (fixture);
  g_assert_cmpstr (new_age, ==, "31");
}

/* A date's button opens a calendar on the stored date, and a day chosen there is stored. The
 * calendar is made only then: the rows are made before the window's first frame. */
static void
test_date_calendar_opens_on_the_stored_date (Fixture       *fixture,
                                             gconstpointer  data)
{
  g_autoptr(GDateTime) shown = NULL;
  g_autoptr(GDateTime) chosen = NULL;
  g_autofree char *stored = NULL;
  GtkWidget *editor;
  GtkWidget *button;
  GtkPopover *popover;
  GtkCalendar *calendar;

  shirabe_attributes_view_set_narrative (fixture->attributes, fixture->narrative_id);
  editor = shirabe_attributes_view_get_editor (fixture->attributes, fixture->interviewed_id);
  g_assert_true (ADW_IS_ENTRY_ROW (editor));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (editor)), ==, "2004-09-14");
  button = find_widget (editor, GTK_TYPE_MENU_BUTTON);
  g_assert_nonnull (button);
  g_assert_null (find_widget (editor, GTK_TYPE_CALENDAR));
  g_assert_null (gtk_menu_button_get_popover (GTK_MENU_BUTTON (button)));

  gtk_menu_button_popup (GTK_MENU_BUTTON (button));
  wait_until_idle ();
  popover = gtk_menu_button_get_popover (GTK_MENU_BUTTON (button));
  g_assert_nonnull (popover);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (popover)));
  calendar = GTK_CALENDAR (gtk_popover_get_child (popover));
  shown = gtk_calendar_get_date (calendar);
  g_assert_cmpint (g_date_time_get_year (shown), ==, 2004);
  g_assert_cmpint (g_date_time_get_month (shown), ==, 9);
  g_assert_cmpint (g_date_time_get_day_of_month (shown), ==, 14);

  chosen = g_date_time_new_local (2004, 10, 1, 0, 0, 0);
  gtk_calendar_select_day (calendar, chosen);
  wait_until_idle ();
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (popover)));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (editor)), ==, "2004-10-01");
  stored = dup_attribute_value (fixture, fixture->interviewed_id);
  g_assert_cmpstr (stored, ==, "2004-10-01");

  /* Opened again, the same calendar shows the new date. */
  gtk_menu_button_popup (GTK_MENU_BUTTON (button));
  wait_until_idle ();
  g_assert_true (gtk_menu_button_get_popover (GTK_MENU_BUTTON (button)) == popover);
  g_clear_pointer (&shown, g_date_time_unref);
  shown = gtk_calendar_get_date (calendar);
  g_assert_cmpint (g_date_time_get_month (shown), ==, 10);
  g_assert_cmpint (g_date_time_get_day_of_month (shown), ==, 1);
  gtk_menu_button_popdown (GTK_MENU_BUTTON (button));
}

static void
test_memo_is_saved_and_undone (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ShirabeNarrative) saved = NULL;
  g_autoptr(ShirabeNarrative) undone = NULL;
  GtkTextBuffer *buffer;
  GtkTextIter start;
  GtkTextIter end;
  g_autofree char *shown = NULL;

  shirabe_attributes_view_set_narrative (fixture->attributes, fixture->narrative_id);
  buffer = gtk_text_view_get_buffer (shirabe_attributes_view_get_memo_view (fixture->attributes));
  gtk_text_buffer_set_text (buffer, "Ask about the second employer.", -1);
  g_assert_true (shirabe_attributes_view_save_memo (fixture->attributes));
  saved = shirabe_project_get_narrative (fixture->project, fixture->narrative_id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (saved->memo, ==, "Ask about the second employer.");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.undo", NULL));
  wait_until_idle ();
  undone = shirabe_project_get_narrative (fixture->project, fixture->narrative_id, &error);
  g_assert_no_error (error);
  g_assert_true (undone->memo == NULL || *undone->memo == '\0');
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  shown = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  g_assert_cmpstr (shown, ==, "");
}

/* Every .ui file in the resource instantiates: a template through its class, a list item
 * template on a list item, anything else through GtkBuilder. */
static void
test_every_template_instantiates (void)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) names = NULL;
  const char *prefix = "/io/github/shirabe/Shirabe/";
  guint n_ui = 0;

  g_type_class_unref (g_type_class_ref (SHIRABE_TYPE_WINDOW));
  g_type_ensure (SHIRABE_TYPE_CODE_EDITOR);
  g_type_ensure (SHIRABE_TYPE_EXPORT_DIALOG);
  g_type_ensure (SHIRABE_TYPE_PREFERENCES_WINDOW);
  g_type_ensure (SHIRABE_TYPE_RESTORE_DIALOG);
  g_type_ensure (SHIRABE_TYPE_PSEUDONYMS_DIALOG);

  names = g_resources_enumerate_children (prefix, 0, &error);
  g_assert_no_error (error);
  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autofree char *path = g_strconcat (prefix, names[i], NULL);
      g_autoptr(GBytes) bytes = NULL;
      const char *xml;
      const char *template;

      if (!g_str_has_suffix (names[i], ".ui"))
        continue;
      n_ui++;
      g_test_message ("%s", names[i]);
      bytes = g_resources_lookup_data (path, 0, &error);
      g_assert_no_error (error);
      xml = g_bytes_get_data (bytes, NULL);
      template = strstr (xml, "<template class=\"");

      if (template == NULL)
        {
          g_autoptr(GtkBuilder) builder = gtk_builder_new ();

          gtk_builder_add_from_resource (builder, path, &error);
          g_assert_no_error (error);
        }
      else
        {
          g_autofree char *class_name = g_strndup (template + strlen ("<template class=\""),
                                                   strcspn (template + strlen ("<template class=\""),
                                                            "\""));
          GType type = g_type_from_name (class_name);

          g_assert_cmpuint (type, !=, 0);
          if (type == GTK_TYPE_LIST_ITEM)
            {
              GtkListItemFactory *factory = gtk_builder_list_item_factory_new_from_resource (NULL,
                                                                                             path);
              g_autoptr(GListStore) store = g_list_store_new (G_TYPE_OBJECT);
              GtkWidget *view;

              /* A list view makes one row from the template, parsing it for real. */
              g_list_store_append (store, store);
              view = gtk_list_view_new (GTK_SELECTION_MODEL (gtk_no_selection_new (
                                          G_LIST_MODEL (g_object_ref (store)))),
                                        factory);
              g_object_ref_sink (view);
              gtk_widget_measure (view, GTK_ORIENTATION_VERTICAL, 300, NULL, NULL, NULL, NULL);
              g_object_unref (view);
            }
          else if (g_type_is_a (type, GTK_TYPE_WINDOW))
            gtk_window_destroy (g_object_new (type, NULL));
          else
            g_object_unref (g_object_ref_sink (g_object_new (type, NULL)));
        }
    }
  g_assert_cmpuint (n_ui, >=, 5);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

#define ADD(name, func) \
  g_test_add (name, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/app/codebook/delete-asks-and-undo-restores", test_delete_asks_and_undo_restores);
  ADD ("/app/codebook/delete-can-be-cancelled", test_delete_can_be_cancelled);
  ADD ("/app/codebook/editor-saves-as-one-undo-step", test_editor_saves_as_one_undo_step);
  ADD ("/app/codebook/number-keys-are-assigned", test_number_keys_are_assigned);
  ADD ("/app/codebook/a-parent-shows-its-subtree-total", test_a_parent_shows_its_subtree_total);
  ADD ("/app/codebook/add-subcode-makes-a-child", test_add_subcode_makes_a_child);
  ADD ("/app/codebook/move-down-reorders", test_move_down_reorders);
  ADD ("/app/codebook/drop-moves-and-refuses-own-subcode",
       test_drop_moves_and_refuses_own_subcode);
  ADD ("/app/attributes/integer-refuses-letters", test_integer_attribute_refuses_letters);
  ADD ("/app/attributes/date-calendar-opens-on-the-stored-date",
       test_date_calendar_opens_on_the_stored_date);
  ADD ("/app/attributes/memo-is-saved-and-undone", test_memo_is_saved_and_undone);
#undef ADD
  g_test_add_func ("/app/ui/every-template-instantiates", test_every_template_instantiates);

  return g_test_run ();
}
