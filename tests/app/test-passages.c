/* test-passages.c: the passages view, the search over every narrative, and the narrative
 * list's attribute filter, on the sample project
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "shirabe-i18n.h"

#include <string.h>

#include "shirabe.h"
#include "shirabe-sample.h"
#include "shirabe-window.h"
#include "shirabe-window-private.h"
#include "shirabe-line-clamp.h"
#include "app-test-util.h"

typedef struct
{
  char          *dir;
  ShirabeWindow *window;
  ShirabeProject *project;
} Fixture;

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ShirabeProject) project = NULL;
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;

  fixture->dir = g_dir_make_tmp ("shirabe-passages-test-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (fixture->dir, "sample.shirabe", NULL);
  project = shirabe_project_create (path, NULL, SHIRABE_PROJECT_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_true (shirabe_project_build_sample (project, NULL, &error));
  g_assert_no_error (error);
  shirabe_project_close (project, &error);
  g_assert_no_error (error);

  fixture->window = g_object_ref_sink (shirabe_window_new (NULL));
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 1280, 800);
  file = g_file_new_for_path (path);
  shirabe_window_open_file (fixture->window, file, &error);
  g_assert_no_error (error);
  fixture->project = shirabe_window_get_project (fixture->window);
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

static const char *
visible_view (Fixture *fixture)
{
  return adw_view_stack_get_visible_child_name (shirabe_window_get_center_stack (fixture->window));
}

/* The case attribute's value for @case_id, as stored; NULL when unset. */
static char *
dup_case_value (ShirabeProject *project,
                gint64          case_id,
                const char     *var_name)
{
  g_autoptr(GPtrArray) values = shirabe_project_list_attribute_values (project, SHIRABE_SCOPE_CASE,
                                                                      case_id, NULL);

  for (guint i = 0; values != NULL && i < values->len; i++)
    {
      const ShirabeAttributeValue *value = g_ptr_array_index (values, i);

      if (g_strcmp0 (value->var_name, var_name) == 0)
        return g_strdup (value->value);
    }
  return NULL;
}

/* The codings of @code_id, in narratives whose case's nationality is @nationality (any when
 * NULL): what the Passages view must list, counted the slow way. */
static guint
count_codings (ShirabeProject *project,
               gint64          code_id,
               const char     *nationality)
{
  g_autoptr(GPtrArray) codings = shirabe_project_list_codings (project, 0, NULL);
  guint n = 0;

  for (guint i = 0; i < codings->len; i++)
    {
      const ShirabeCoding *coding = g_ptr_array_index (codings, i);
      g_autoptr(ShirabeNarrative) narrative = NULL;
      g_autofree char *value = NULL;

      if (coding->code_id != code_id)
        continue;
      narrative = shirabe_project_get_narrative (project, coding->narrative_id, NULL);
      value = dup_case_value (project, narrative->case_id, "nationality");
      if (nationality == NULL || g_strcmp0 (value, nationality) == 0)
        n++;
    }
  return n;
}

static gint64
find_attribute (ShirabeProject *project,
                const char     *var_name)
{
  g_autoptr(GError) error = NULL;
  gint64 id = shirabe_project_find_attribute (project, SHIRABE_SCOPE_CASE, var_name, &error);

  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

/* Every label's text under @widget, joined, word joiners left out. */
static void
collect_text (GtkWidget *widget,
              GString   *text)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_get_visible (widget))
    {
      g_autofree char *shown = dup_without_word_joiners (gtk_label_get_text (GTK_LABEL (widget)));

      g_string_append (text, shown);
      g_string_append_c (text, '\n');
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_text (child, text);
}

static void
test_debt_bondage_passages_of_thai_cases_show_as_cards (Fixture       *fixture,
                                                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  ShirabePassagesView *view = shirabe_window_get_passages_view (fixture->window);
  gint64 code_id = shirabe_project_find_code (fixture->project, "control_debt_bondage", &error);
  ShirabeFilterPopover *filter = NULL;
  ShirabePassageList *list;
  g_autoptr(GString) shown = g_string_new (NULL);
  g_autoptr(ShirabePassage) first = NULL;
  guint all = count_codings (fixture->project, code_id, NULL);
  guint thai = count_codings (fixture->project, code_id, "Thailand");

  g_assert_no_error (error);
  g_assert_cmpuint (thai, >, 0);
  g_assert_cmpuint (thai, <, all);

  /* "Show Passages" in the codebook's menu. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-passages",
                                             "x", code_id));
  wait_until_idle ();
  g_assert_cmpstr (visible_view (fixture), ==, "passages");
  list = shirabe_passages_view_get_list (view);
  g_assert_nonnull (list);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, all);

  filter = SHIRABE_FILTER_POPOVER (shirabe_passages_view_get_filter_popover (view));
  shirabe_filter_popover_add_attribute_condition (filter,
                                                  find_attribute (fixture->project,
                                                                  "nationality"),
                                                  SHIRABE_FILTER_EQUALS, "Thailand");
  wait_until_idle ();
  g_assert_cmpstr (shirabe_filter_popover_get_message (filter), ==, "");
  list = shirabe_passages_view_get_list (view);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, thai);
  g_assert_nonnull (strstr (shirabe_passages_view_get_summary (view),
                            thai == 1 ? "1 passage" : "passages"));

  /* The cards say where each passage is and show it. */
  first = g_list_model_get_item (G_LIST_MODEL (list), 0);
  collect_text (GTK_WIDGET (shirabe_passages_view_get_list_view (view)), shown);
  g_assert_nonnull (strstr (shown->str, shirabe_passage_get_case_name (first)));
  g_assert_nonnull (strstr (shown->str, shirabe_passage_get_text (first)));
  g_assert_nonnull (strstr (shown->str, "Debt bondage"));

  /* A value of the wrong kind is said, and leaves the condition out. */
  shirabe_filter_popover_add_attribute_condition (filter,
                                                  find_attribute (fixture->project,
                                                                  "age_at_recruitment"),
                                                  SHIRABE_FILTER_AT_LEAST, "eighteen");
  wait_until_idle ();
  g_assert_cmpstr (shirabe_filter_popover_get_message (filter), !=, "");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (shirabe_passages_view_get_list (view))),
                    ==, thai);
}

static void
test_a_card_opens_its_narrative_at_the_passage_and_back_returns (Fixture       *fixture,
                                                                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  ShirabePassagesView *view = shirabe_window_get_passages_view (fixture->window);
  ShirabeReader *reader = shirabe_window_get_reader (fixture->window);
  gint64 code_id = shirabe_project_find_code (fixture->project, "exit_embassy", &error);
  g_autoptr(ShirabePassage) last = NULL;
  GListModel *list;
  guint n;
  gint64 start;
  gint64 end;

  g_assert_no_error (error);
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-passages", "x", code_id);
  wait_until_idle ();
  list = G_LIST_MODEL (shirabe_passages_view_get_list (view));
  n = g_list_model_get_n_items (list);
  g_assert_cmpuint (n, >, 1);
  last = g_list_model_get_item (list, n - 1);

  gtk_widget_activate_action (GTK_WIDGET (shirabe_passages_view_get_list_view (view)),
                              "list.activate-item", "u", n - 1);
  wait_until_idle ();
  g_assert_cmpstr (visible_view (fixture), ==, "reader");
  g_assert_cmpint (shirabe_reader_get_narrative_id (reader), ==,
                   shirabe_passage_get_narrative_id (last));
  g_assert_true (shirabe_reader_get_selection (reader, &start, &end));
  g_assert_cmpint (start, ==, shirabe_passage_get_start (last));
  g_assert_cmpint (end, ==, shirabe_passage_get_end (last));
  g_assert_true (gtk_widget_get_visible (shirabe_window_get_back_button (fixture->window)));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.go-back", NULL));
  wait_until_idle ();
  g_assert_cmpstr (visible_view (fixture), ==, "passages");
  g_assert_false (gtk_widget_get_visible (shirabe_window_get_back_button (fixture->window)));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (shirabe_passages_view_get_list (view))),
                    ==, n);
}

/* The bold span of @label's attributes: its start and end bytes; FALSE when none. */
static gboolean
find_bold (GtkLabel *label,
           guint    *start,
           guint    *end)
{
  PangoAttrList *attributes = gtk_label_get_attributes (label);
  g_autoptr(GSList) list = NULL;
  gboolean found = FALSE;

  if (attributes == NULL)
    return FALSE;
  list = pango_attr_list_get_attributes (attributes);
  for (GSList *l = list; l != NULL; l = l->next)
    {
      PangoAttribute *attribute = l->data;

      if (attribute->klass->type == PANGO_ATTR_WEIGHT &&
          ((PangoAttrInt *) attribute)->value == PANGO_WEIGHT_BOLD)
        {
          *start = attribute->start_index;
          *end = attribute->end_index;
          found = TRUE;
        }
      pango_attribute_destroy (attribute);
    }
  return found;
}

static int
clamp_height (GtkWidget *clamp)
{
  int height;

  gtk_widget_measure (clamp, GTK_ORIENTATION_VERTICAL, 500, &height, NULL, NULL, NULL);
  return height;
}

static void
test_a_long_passage_shows_its_start_in_a_few_lines_and_whole_when_opened (Fixture       *fixture,
                                                                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) narratives = shirabe_project_list_narratives (fixture->project, 0, &error);
  ShirabePassagesView *view = shirabe_window_get_passages_view (fixture->window);
  GtkWidget *list_view = GTK_WIDGET (shirabe_passages_view_get_list_view (view));
  ShirabeCodeSpec spec = { .label_en = "Long passage", .label_ja = "長い箇所" };
  g_autoptr(ShirabePassage) passage = NULL;
  g_autofree char *passage_start = NULL;
  g_autofree char *before_end = NULL;
  const char *before;
  const char *shown;
  const char *at;
  GtkWidget *clamp;
  GtkWidget *whole;
  GtkLabel *label;
  gint64 narrative_id = 0;
  gint64 code_id;
  gint64 coder_id;
  guint bold_start;
  guint bold_end;
  int few_lines;

  g_assert_no_error (error);
  for (guint i = 0; i < narratives->len && narrative_id == 0; i++)
    {
      const ShirabeNarrative *narrative = g_ptr_array_index (narratives, i);

      if (narrative->length > 1200)
        narrative_id = narrative->id;
    }
  g_assert_cmpint (narrative_id, >, 0);
  code_id = shirabe_project_add_code (fixture->project, &spec, &error);
  g_assert_no_error (error);
  coder_id = shirabe_project_ensure_coder (fixture->project, "Long Reader", &error);
  g_assert_no_error (error);
  g_assert_cmpint (shirabe_project_add_coding (fixture->project, narrative_id, code_id, coder_id,
                                               300, 1100, NULL, &error), >, 0);
  g_assert_no_error (error);
  wait_until_idle ();
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-passages",
                                             "x", code_id));
  wait_until_idle ();
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (shirabe_passages_view_get_list (view))),
                    ==, 1);
  passage = g_list_model_get_item (G_LIST_MODEL (shirabe_passages_view_get_list (view)), 0);
  g_assert_cmpuint (g_utf8_strlen (shirabe_passage_get_text (passage), -1), ==, 800);

  /* A few lines: the end of the context before, then the passage's start in bold, cut. */
  clamp = find_widget (list_view, SHIRABE_TYPE_LINE_CLAMP);
  g_assert_nonnull (clamp);
  g_assert_true (shirabe_line_clamp_get_clamped (SHIRABE_LINE_CLAMP (clamp)));
  label = shirabe_line_clamp_get_label (SHIRABE_LINE_CLAMP (clamp));
  shown = gtk_label_get_text (label);
  before = shirabe_passage_get_context_before (passage);
  g_assert_cmpuint (g_utf8_strlen (before, -1), >, 20);
  before_end = g_strdup (g_utf8_offset_to_pointer (before, g_utf8_strlen (before, -1) - 20));
  g_assert_nonnull (strstr (shown, before_end));
  passage_start = g_utf8_substring (shirabe_passage_get_text (passage), 0, 200);
  at = strstr (shown, passage_start);
  g_assert_nonnull (at);
  g_assert_null (strstr (shown, shirabe_passage_get_text (passage)));
  g_assert_nonnull (strstr (shown, "…"));
  g_assert_true (find_bold (label, &bold_start, &bold_end));
  g_assert_cmpuint (bold_start, ==, at - shown);
  g_assert_cmpuint (bold_end, >, bold_start + strlen (passage_start));
  g_assert_true (g_str_has_prefix (shown + bold_end - strlen ("…"), "…"));
  few_lines = clamp_height (clamp);

  /* The card's button opens the whole passage, its context and every line. */
  whole = find_widget_with_tooltip (list_view, GTK_TYPE_TOGGLE_BUTTON,
                                    "Show the Whole Passage");
  g_assert_nonnull (whole);
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (whole), TRUE);
  wait_until_idle ();
  g_assert_false (shirabe_line_clamp_get_clamped (SHIRABE_LINE_CLAMP (clamp)));
  shown = gtk_label_get_text (label);
  at = strstr (shown, shirabe_passage_get_text (passage));
  g_assert_nonnull (at);
  g_assert_true (g_str_has_prefix (shown, before));
  g_assert_true (g_str_has_suffix (shown, shirabe_passage_get_context_after (passage)));
  g_assert_true (find_bold (label, &bold_start, &bold_end));
  g_assert_cmpuint (bold_start, ==, at - shown);
  g_assert_cmpuint (bold_end, ==, bold_start + strlen (shirabe_passage_get_text (passage)));
  g_assert_cmpint (clamp_height (clamp), >, 2 * few_lines);
  g_assert_cmpstr (gtk_widget_get_tooltip_text (whole), ==, "Show a Few Lines");

  /* And back to a few lines. */
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (whole), FALSE);
  wait_until_idle ();
  g_assert_true (shirabe_line_clamp_get_clamped (SHIRABE_LINE_CLAMP (clamp)));
  g_assert_cmpint (clamp_height (clamp), ==, few_lines);
}

/* The rows of @list, as the view and the command line compare them. */
static char *
dup_rows (GListModel *list)
{
  GString *rows = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(ShirabePassage) passage = g_list_model_get_item (list, i);
      GArray *codings = shirabe_passage_get_coding_ids (passage);

      g_string_append_printf (rows, "%" G_GINT64_FORMAT " %" G_GINT64_FORMAT " %" G_GINT64_FORMAT,
                              shirabe_passage_get_narrative_id (passage),
                              shirabe_passage_get_start (passage),
                              shirabe_passage_get_end (passage));
      for (guint j = 0; j < codings->len; j++)
        g_string_append_printf (rows, " %" G_GINT64_FORMAT, g_array_index (codings, gint64, j));
      g_string_append_c (rows, '\n');
    }
  return g_string_free (rows, FALSE);
}

static void
test_near_and_not_coded_with_give_what_the_command_line_gives (Fixture       *fixture,
                                                               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  ShirabePassagesView *view = shirabe_window_get_passages_view (fixture->window);
  gint64 debt = shirabe_project_find_code (fixture->project, "control_debt_bondage", &error);
  gint64 documents = shirabe_project_find_code (fixture->project, "control_documents", &error);
  gint64 deception = shirabe_project_find_code (fixture->project, "control_deception", &error);
  g_autoptr(ShirabePassageQuery) query = shirabe_passage_query_new ();
  g_autoptr(ShirabePassageList) expected = NULL;
  g_autofree char *expected_rows = NULL;
  g_autofree char *rows = NULL;
  g_autoptr(GString) shown = g_string_new (NULL);
  GtkWidget *spin;
  guint n_all;
  guint n_near;
  guint n_not;

  g_assert_no_error (error);
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-passages", "x", debt);
  wait_until_idle ();
  n_all = g_list_model_get_n_items (G_LIST_MODEL (shirabe_passages_view_get_list (view)));
  spin = find_widget (GTK_WIDGET (view), GTK_TYPE_SPIN_BUTTON);
  g_assert_nonnull (spin);
  g_assert_false (gtk_widget_get_mapped (spin));

  /* Debt bondage near confiscated documents, within 100 characters. */
  shirabe_passages_view_add_code (view, documents);
  shirabe_passages_view_set_mode (view, SHIRABE_PASSAGES_NEAR);
  wait_until_idle ();
  g_assert_true (gtk_widget_get_visible (spin));
  n_near = g_list_model_get_n_items (G_LIST_MODEL (shirabe_passages_view_get_list (view)));

  /* The spin button asks again once it has rested, not at each click. */
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), 101);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), 5000);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (shirabe_passages_view_get_list (view))),
                    ==, n_near);
  for (gint64 end = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
       g_list_model_get_n_items (G_LIST_MODEL (shirabe_passages_view_get_list (view))) == n_near &&
       g_get_monotonic_time () < end;)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (1000);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (shirabe_passages_view_get_list (view))),
                    >, n_near);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), 100);
  for (gint64 end = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
       g_list_model_get_n_items (G_LIST_MODEL (shirabe_passages_view_get_list (view))) != n_near &&
       g_get_monotonic_time () < end;)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (1000);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (shirabe_passages_view_get_list (view))),
                    ==, n_near);

  /* … not coded with deception about work or pay. */
  shirabe_passages_view_add_not_code (view, deception);
  wait_until_idle ();
  n_not = g_list_model_get_n_items (G_LIST_MODEL (shirabe_passages_view_get_list (view)));
  g_assert_cmpuint (n_not, >, 0);
  g_assert_cmpuint (n_not, <, n_near);
  g_assert_cmpuint (n_near, <, n_all);
  collect_text (GTK_WIDGET (view), shown);
  g_assert_nonnull (strstr (shown->str, "Deception about work or pay"));

  /* shirabe-cli passages --code control_debt_bondage --near control_documents --within 100
   * --not control_deception */
  shirabe_passage_query_add_code (query, debt, FALSE);
  shirabe_passage_query_add_near (query, documents, FALSE, 100);
  shirabe_passage_query_add_not (query, deception, FALSE);
  expected = shirabe_passage_list_new (fixture->project, query, &error);
  g_assert_no_error (error);
  expected_rows = dup_rows (G_LIST_MODEL (expected));
  rows = dup_rows (G_LIST_MODEL (shirabe_passages_view_get_list (view)));
  g_assert_cmpstr (rows, ==, expected_rows);
}

/* Every occurrence of @needle in every narrative, found by a plain scan. */
static guint
scan_count (ShirabeProject *project,
            const char     *needle)
{
  g_autoptr(GPtrArray) narratives = shirabe_project_list_narratives (project, 0, NULL);
  guint n = 0;

  for (guint i = 0; i < narratives->len; i++)
    {
      const ShirabeNarrative *narrative = g_ptr_array_index (narratives, i);
      g_autofree char *text = shirabe_project_dup_narrative_text (project, narrative->id, NULL);

      for (const char *at = strstr (text, needle); at != NULL; at = strstr (at + 1, needle))
        n++;
    }
  return n;
}

static guint
count_all_codings (ShirabeProject *project)
{
  g_autoptr(GPtrArray) codings = shirabe_project_list_codings (project, 0, NULL);

  return codings->len;
}

static void
test_searching_every_narrative_finds_what_a_scan_finds_and_codes_them (Fixture       *fixture,
                                                                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  ShirabeCorpusSearch *search = shirabe_window_get_corpus_search (fixture->window);
  ShirabeSearchResults *results;
  guint expected = scan_count (fixture->project, "借金");
  guint before = count_all_codings (fixture->project);
  gint64 code_id = shirabe_project_find_code (fixture->project, "control_debt_bondage", &error);
  g_autoptr(ShirabeSearchHit) hit = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (expected, >, 1);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.search-corpus",
                                             NULL));
  wait_until_idle ();
  g_assert_cmpstr (visible_view (fixture), ==, "search");
  shirabe_corpus_search_search (search, "借金");
  wait_until_idle ();
  results = shirabe_corpus_search_get_results (search);
  g_assert_nonnull (results);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (results)), ==, expected);
  hit = g_list_model_get_item (G_LIST_MODEL (results), 0);
  g_assert_cmpstr (shirabe_search_hit_get_text (hit), ==, "借金");

  /* A malformed query is a message, not an empty list. */
  shirabe_corpus_search_search (search, "\"借金");
  wait_until_idle ();
  g_assert_null (shirabe_corpus_search_get_results (search));
  g_assert_cmpstr (shirabe_corpus_search_get_summary (search), !=, "");

  /* Code All Hits: one step, which one undo takes back. */
  shirabe_corpus_search_search (search, "借金");
  wait_until_idle ();
  g_assert_true (shirabe_corpus_search_code_all (search, code_id, SHIRABE_EXPAND_SENTENCE,
                                                 &error));
  g_assert_no_error (error);
  wait_until_idle ();
  g_assert_cmpuint (count_all_codings (fixture->project), >, before);
  g_assert_true (shirabe_project_undo (fixture->project, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_all_codings (fixture->project), ==, before);
}

static void
test_the_narrative_list_filters_by_attribute_and_says_how_many (Fixture       *fixture,
                                                                gconstpointer  data)
{
  ShirabeSidebar *sidebar = shirabe_window_get_sidebar (fixture->window);
  ShirabeFilterPopover *filter = shirabe_sidebar_get_query_filter (sidebar);
  g_autoptr(GPtrArray) narratives = shirabe_project_list_narratives (fixture->project, 0, NULL);
  g_autoptr(GString) shown = g_string_new (NULL);
  g_autofree char *expected_text = NULL;
  guint thai = 0;
  guint listed = 0;
  GListModel *model;

  for (guint i = 0; i < narratives->len; i++)
    {
      const ShirabeNarrative *narrative = g_ptr_array_index (narratives, i);
      g_autofree char *value = dup_case_value (fixture->project, narrative->case_id,
                                               "nationality");

      thai += g_strcmp0 (value, "Thailand") == 0;
    }
  g_assert_cmpuint (thai, >, 0);
  shirabe_filter_popover_add_attribute_condition (filter,
                                                  find_attribute (fixture->project,
                                                                  "nationality"),
                                                  SHIRABE_FILTER_EQUALS, "Thailand");
  wait_until_idle ();
  model = shirabe_sidebar_get_model (sidebar);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(ShirabeNarrativeRow) row = g_list_model_get_item (model, i);

      listed += !shirabe_narrative_row_is_case (row);
    }
  g_assert_cmpuint (listed, ==, thai);
  expected_text = g_strdup_printf (thai == 1 ? "%u narrative matches" : "%u narratives match",
                                   thai);
  collect_text (GTK_WIDGET (sidebar), shown);
  g_assert_nonnull (strstr (shown->str, expected_text));

  shirabe_sidebar_clear_query_filter (sidebar);
  wait_until_idle ();
  listed = 0;
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(ShirabeNarrativeRow) row = g_list_model_get_item (model, i);

      listed += !shirabe_narrative_row_is_case (row);
    }
  g_assert_cmpuint (listed, ==, narratives->len);
}

int
main (int    argc,
      char **argv)
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("/app/passages/debt-bondage-passages-of-thai-cases-show-as-cards",
       test_debt_bondage_passages_of_thai_cases_show_as_cards);
  ADD ("/app/passages/a-card-opens-its-narrative-at-the-passage-and-back-returns",
       test_a_card_opens_its_narrative_at_the_passage_and_back_returns);
  ADD ("/app/passages/near-and-not-coded-with-give-what-the-command-line-gives",
       test_near_and_not_coded_with_give_what_the_command_line_gives);
  ADD ("/app/passages/a-long-passage-shows-its-start-in-a-few-lines-and-whole-when-opened",
       test_a_long_passage_shows_its_start_in_a_few_lines_and_whole_when_opened);
  ADD ("/app/passages/searching-every-narrative-finds-what-a-scan-finds-and-codes-them",
       test_searching_every_narrative_finds_what_a_scan_finds_and_codes_them);
  ADD ("/app/passages/the-narrative-list-filters-by-attribute-and-says-how-many",
       test_the_narrative_list_filters_by_attribute_and_says_how_many);

  return g_test_run ();
}
