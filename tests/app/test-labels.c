/* test-labels.c: code and choice labels in Japanese, English or both, apart from the interface
 * language
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "shirabe-i18n.h"

#include <string.h>

#include <glib/gstdio.h>

#include "shirabe.h"
#include "shirabe-attribute.h"
#include "shirabe-attributes-view.h"
#include "shirabe-case.h"
#include "shirabe-codebook.h"
#include "shirabe-narrative.h"
#include "shirabe-window.h"
#include "app-test-util.h"

typedef struct
{
  char          *dir;
  ShirabeWindow *window;
} Fixture;

/* A project with one code labelled in both languages and one in English only. */
static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ShirabeProject) project = NULL;
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;
  ShirabeCodeSpec both = { 0 };
  ShirabeCodeSpec english_only = { 0 };

  fixture->dir = g_dir_make_tmp ("shirabe-labels-test-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (fixture->dir, "study.shirabe", NULL);

  project = shirabe_project_create (path, "Study", SHIRABE_PROJECT_DEFAULT, &error);
  g_assert_no_error (error);
  both.label_en = "Debt bondage";
  both.label_ja = "借金による束縛";
  both.description_en = "A debt used to keep the person working.";
  both.description_ja = "本人を働かせ続けるために使われる借金。";
  shirabe_project_add_code (project, &both, &error);
  g_assert_no_error (error);
  english_only.label_en = "Confiscated documents";
  shirabe_project_add_code (project, &english_only, &error);
  g_assert_no_error (error);
  shirabe_project_close (project, &error);
  g_assert_no_error (error);

  fixture->window = g_object_ref_sink (shirabe_window_new (NULL));
  file = g_file_new_for_path (path);
  shirabe_window_open_file (fixture->window, file, &error);
  g_assert_no_error (error);
  gtk_window_present (GTK_WINDOW (fixture->window));
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

/* The label of each codebook row, the first label under each tree expander, in tree order. */
static void
collect_code_labels (GtkWidget *widget,
                     GPtrArray *labels)
{
  if (GTK_IS_TREE_EXPANDER (widget))
    {
      GtkWidget *box = gtk_tree_expander_get_child (GTK_TREE_EXPANDER (widget));

      for (GtkWidget *child = gtk_widget_get_first_child (box); child != NULL;
           child = gtk_widget_get_next_sibling (child))
        if (GTK_IS_LABEL (child))
          {
            g_ptr_array_add (labels, child);
            return;
          }
      return;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_code_labels (child, labels);
}

static GtkLabel *
find_code_label (Fixture    *fixture,
                 const char *text)
{
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();

  collect_code_labels (GTK_WIDGET (fixture->window), labels);
  g_assert_cmpuint (labels->len, ==, 2);
  for (guint i = 0; i < labels->len; i++)
    if (g_strcmp0 (gtk_label_get_text (labels->pdata[i]), text) == 0)
      return labels->pdata[i];
  return NULL;
}

static void
set_label_language (Fixture    *fixture,
                    const char *nick)
{
  g_autofree char *state = NULL;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.label-language",
                                             "s", nick));
  wait_until_idle ();
  g_object_get (fixture->window, "label-language", &state, NULL);
  g_assert_cmpstr (state, ==, nick);
}

static void
test_labels_follow_the_interface_until_chosen (Fixture       *fixture,
                                               gconstpointer  data)
{
  g_autofree char *state = NULL;

  /* The suite runs in C.UTF-8: English messages, so English labels. */
  g_object_get (fixture->window, "label-language", &state, NULL);
  g_assert_cmpstr (state, ==, "en");
  g_assert_nonnull (find_code_label (fixture, "Debt bondage"));
}

static void
test_switching_changes_the_codebook_at_once (Fixture       *fixture,
                                             gconstpointer  data)
{
  set_label_language (fixture, "en");
  g_assert_nonnull (find_code_label (fixture, "Debt bondage"));
  g_assert_null (find_code_label (fixture, "借金による束縛"));

  set_label_language (fixture, "ja");
  g_assert_nonnull (find_code_label (fixture, "借金による束縛"));
  g_assert_null (find_code_label (fixture, "Debt bondage"));

  set_label_language (fixture, "both");
  g_assert_nonnull (find_code_label (fixture, "借金による束縛 / Debt bondage"));
}

static void
test_a_missing_label_falls_back_marked (Fixture       *fixture,
                                        gconstpointer  data)
{
  GtkLabel *label;
  char *tooltip;

  set_label_language (fixture, "ja");
  label = find_code_label (fixture, "Confiscated documents");
  g_assert_nonnull (label);
  g_assert_nonnull (strstr (gtk_label_get_label (label), "<i>"));
  /* The list view asks for the tooltip when it is about to be shown. */
  tooltip = shirabe_codebook_dup_row_tooltip (GTK_WIDGET (label));
  /* The full label first, as a long one is cut in the row (issue 10, bug 9). */
  g_assert_cmpstr (tooltip, ==,
                   "Confiscated documents\n\nNo Japanese label; showing the English one");
  g_free (tooltip);

  /* In English the same label is the one asked for: plain, and no note. */
  set_label_language (fixture, "en");
  label = find_code_label (fixture, "Confiscated documents");
  g_assert_nonnull (label);
  g_assert_null (strstr (gtk_label_get_label (label), "<i>"));
  tooltip = shirabe_codebook_dup_row_tooltip (GTK_WIDGET (label));
  g_assert_cmpstr (tooltip, ==, "Confiscated documents");
  g_free (tooltip);
  /* It is cut with an ellipsis when too long; in both languages it wraps instead. */
  g_assert_cmpint (gtk_label_get_ellipsize (label), ==, PANGO_ELLIPSIZE_END);
  g_assert_false (gtk_label_get_wrap (label));
  set_label_language (fixture, "both");
  label = find_code_label (fixture, "借金による束縛 / Debt bondage");
  g_assert_cmpint (gtk_label_get_ellipsize (label), ==, PANGO_ELLIPSIZE_NONE);
  g_assert_true (gtk_label_get_wrap (label));

  /* A label present in both languages is never marked. */
  set_label_language (fixture, "ja");
  label = find_code_label (fixture, "借金による束縛");
  g_assert_null (strstr (gtk_label_get_label (label), "<i>"));
}

static void
test_the_choice_is_kept_in_the_settings (Fixture       *fixture,
                                         gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  g_autofree char *saved = NULL;

  set_label_language (fixture, "both");
  saved = g_settings_get_string (settings, "label-language");
  g_assert_cmpstr (saved, ==, "both");

  /* A change made elsewhere (another window, dconf) reaches this window. */
  g_settings_set_string (settings, "label-language", "ja");
  wait_until_idle ();
  g_assert_nonnull (find_code_label (fixture, "借金による束縛"));
}

/* What the dropdown shows for its @position-th item (0 is "Not set"). */
static const char *
choice_item (AdwComboRow *row,
             guint        position)
{
  g_autoptr(GtkStringObject) item = g_list_model_get_item (adw_combo_row_get_model (row),
                                                           position);

  g_assert_nonnull (item);
  return gtk_string_object_get_string (item);
}

static char *
dup_stored_value (ShirabeProject *project,
                  gint64          case_id,
                  gint64          attribute_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) values = shirabe_project_list_attribute_values (project,
                                                                       SHIRABE_SCOPE_CASE,
                                                                       case_id, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < values->len; i++)
    {
      ShirabeAttributeValue *value = values->pdata[i];

      if (value->attribute_id == attribute_id)
        return g_strdup (value->value);
    }
  g_assert_not_reached ();
}

/* A case whose gender is "female", labelled 女性 / Female; "other" has an English label only. */
static void
test_choices_show_labels_and_store_values (Fixture       *fixture,
                                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  ShirabeProject *project = shirabe_window_get_project (fixture->window);
  const char *choices[] = { "female", "male", "other", NULL };
  const char *labels_en[] = { "Female", "Male", "Other or unknown", NULL };
  const char *labels_ja[] = { "女性", "男性", "", NULL };
  ShirabeNarrativeSpec narrative = { 0 };
  ShirabeAttributesView *view;
  AdwComboRow *row;
  g_autofree char *stored = NULL;
  g_autofree char *chosen = NULL;
  gint64 case_id;
  gint64 narrative_id;
  gint64 gender_id;

  case_id = shirabe_project_add_case (project, "Case A", &error);
  g_assert_no_error (error);
  narrative.case_id = case_id;
  narrative.title = "Interview 1";
  narrative.language = "ja";
  narrative.text = "ブローカーに旅券を取り上げられた。";
  narrative_id = shirabe_project_add_narrative (project, &narrative, &error);
  g_assert_no_error (error);
  gender_id = shirabe_project_add_attribute (project, SHIRABE_SCOPE_CASE, "Gender", "性別",
                                             "gender", SHIRABE_ATTRIBUTE_CHOICE, choices, &error);
  g_assert_no_error (error);
  g_assert_true (shirabe_project_set_choice_labels (project, gender_id, choices, labels_en,
                                                    labels_ja, &error));
  g_assert_no_error (error);
  g_assert_true (shirabe_project_set_attribute_value (project, gender_id, case_id, "female",
                                                      &error));
  g_assert_no_error (error);

  view = SHIRABE_ATTRIBUTES_VIEW (find_widget (GTK_WIDGET (fixture->window),
                                               SHIRABE_TYPE_ATTRIBUTES_VIEW));
  g_assert_nonnull (view);
  shirabe_attributes_view_set_narrative (view, narrative_id);

  set_label_language (fixture, "ja");
  row = ADW_COMBO_ROW (shirabe_attributes_view_get_editor (view, gender_id));
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, "性別");
  g_assert_cmpuint (adw_combo_row_get_selected (row), ==, 1);
  g_assert_cmpstr (choice_item (row, 1), ==, "女性");
  g_assert_cmpstr (choice_item (row, 2), ==, "男性");
  /* No Japanese label: the English one, not the value. */
  g_assert_cmpstr (choice_item (row, 3), ==, "Other or unknown");

  /* Switching the label language redraws the dropdown at once. */
  set_label_language (fixture, "en");
  row = ADW_COMBO_ROW (shirabe_attributes_view_get_editor (view, gender_id));
  g_assert_cmpuint (adw_combo_row_get_selected (row), ==, 1);
  g_assert_cmpstr (choice_item (row, 1), ==, "Female");

  set_label_language (fixture, "both");
  row = ADW_COMBO_ROW (shirabe_attributes_view_get_editor (view, gender_id));
  g_assert_cmpstr (choice_item (row, 1), ==, "女性 / Female");
  g_assert_cmpstr (choice_item (row, 3), ==, "Other or unknown");

  /* Labels are only shown: the stored value stays the code. */
  stored = dup_stored_value (project, case_id, gender_id);
  g_assert_cmpstr (stored, ==, "female");

  /* Choosing 男性 stores "male". */
  set_label_language (fixture, "ja");
  row = ADW_COMBO_ROW (shirabe_attributes_view_get_editor (view, gender_id));
  adw_combo_row_set_selected (row, 2);
  wait_until_idle ();
  chosen = dup_stored_value (project, case_id, gender_id);
  g_assert_cmpstr (chosen, ==, "male");
  row = ADW_COMBO_ROW (shirabe_attributes_view_get_editor (view, gender_id));
  g_assert_cmpuint (adw_combo_row_get_selected (row), ==, 2);
  g_assert_cmpstr (gtk_widget_get_tooltip_text (GTK_WIDGET (row)), ==, "Stored as “male”");
}

/* A label changed in the project (a template applied, an undo) reaches the open dropdown. */
static void
test_choice_labels_follow_the_project (Fixture       *fixture,
                                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  ShirabeProject *project = shirabe_window_get_project (fixture->window);
  const char *choices[] = { "ngo", "court", NULL };
  ShirabeNarrativeSpec narrative = { 0 };
  ShirabeAttributesView *view;
  AdwComboRow *row;
  gint64 case_id;
  gint64 source_id;

  case_id = shirabe_project_add_case (project, "Case B", &error);
  g_assert_no_error (error);
  narrative.case_id = case_id;
  narrative.title = "Record";
  narrative.text = "An NGO record.";
  shirabe_project_add_narrative (project, &narrative, &error);
  g_assert_no_error (error);
  source_id = shirabe_project_add_attribute (project, SHIRABE_SCOPE_CASE, "Source", "記録の出所",
                                             "record_source", SHIRABE_ATTRIBUTE_CHOICE, choices,
                                             &error);
  g_assert_no_error (error);

  view = SHIRABE_ATTRIBUTES_VIEW (find_widget (GTK_WIDGET (fixture->window),
                                               SHIRABE_TYPE_ATTRIBUTES_VIEW));
  shirabe_attributes_view_set_narrative (view, 1);
  set_label_language (fixture, "ja");
  row = ADW_COMBO_ROW (shirabe_attributes_view_get_editor (view, source_id));
  /* An old project's choices have no labels: the values show. */
  g_assert_cmpstr (choice_item (row, 2), ==, "court");

  g_assert_true (shirabe_project_set_choice_label (project, source_id, "court",
                                                   SHIRABE_LANGUAGE_JA, "裁判", &error));
  g_assert_no_error (error);
  wait_until_idle ();
  row = ADW_COMBO_ROW (shirabe_attributes_view_get_editor (view, source_id));
  g_assert_cmpstr (choice_item (row, 2), ==, "裁判");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.undo", NULL));
  wait_until_idle ();
  row = ADW_COMBO_ROW (shirabe_attributes_view_get_editor (view, source_id));
  g_assert_cmpstr (choice_item (row, 2), ==, "court");
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

#define ADD(name, func) \
  g_test_add (name, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/app/labels/follow-the-interface-language-until-chosen",
       test_labels_follow_the_interface_until_chosen);
  ADD ("/app/labels/switching-changes-the-codebook-at-once",
       test_switching_changes_the_codebook_at_once);
  ADD ("/app/labels/a-missing-label-falls-back-marked", test_a_missing_label_falls_back_marked);
  ADD ("/app/labels/the-choice-is-kept-in-the-settings", test_the_choice_is_kept_in_the_settings);
  ADD ("/app/labels/choices-show-labels-and-store-values",
       test_choices_show_labels_and_store_values);
  ADD ("/app/labels/choice-labels-follow-the-project", test_choice_labels_follow_the_project);
#undef ADD

  return g_test_run ();
}
