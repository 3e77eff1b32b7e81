/* test-sidebar.c: the left pane: cases and narratives, the filter, the coding status
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "shirabe-i18n.h"

#include <math.h>

#include <glib/gstdio.h>

#include "shirabe.h"
#include "shirabe-window.h"
#include "shirabe-window-private.h"
#include "app-test-util.h"

typedef struct
{
  char          *dir;
  gint64         ids[3];
  ShirabeWindow *window;
} Fixture;

static gint64
add_narrative (ShirabeProject *project,
               gint64          case_id,
               const char     *title,
               const char     *language)
{
  g_autoptr(GError) error = NULL;
  ShirabeNarrativeSpec spec = { 0 };
  gint64 id;

  spec.case_id = case_id;
  spec.title = title;
  spec.language = language;
  spec.text = "彼女は借金を返すまで帰国できないと言われた。 She could not go home.";
  id = shirabe_project_add_narrative (project, &spec, &error);
  g_assert_no_error (error);
  return id;
}

/* A new window with the project at @path open, not yet shown. */
static ShirabeWindow *
window_on (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (path);
  ShirabeWindow *window = g_object_ref_sink (shirabe_window_new (NULL));

  shirabe_window_open_file (window, file, &error);
  g_assert_no_error (error);
  return window;
}

static void
close_window (ShirabeWindow *window)
{
  gtk_window_destroy (GTK_WINDOW (window));
  g_object_unref (window);
  wait_until_idle ();
}

/* A project at @path of @n narratives in one case; returns the last one's id. */
static gint64
create_long_project (const char *path,
                     guint       n)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ShirabeProject) project = shirabe_project_create (path, "Study",
                                                              SHIRABE_PROJECT_DEFAULT, &error);
  gint64 case_id;
  gint64 last = 0;

  g_assert_no_error (error);
  case_id = shirabe_project_add_case (project, "Case", &error);
  g_assert_no_error (error);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *title = g_strdup_printf ("Narrative %03u", i);

      last = add_narrative (project, case_id, title, "en");
    }
  shirabe_project_close (project, &error);
  g_assert_no_error (error);
  return last;
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ShirabeProject) project = NULL;
  g_autofree char *path = NULL;
  gint64 tanaka;
  gint64 rosa;

  fixture->dir = g_dir_make_tmp ("shirabe-sidebar-test-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (fixture->dir, "study.shirabe", NULL);
  project = shirabe_project_create (path, "Study", SHIRABE_PROJECT_DEFAULT, &error);
  g_assert_no_error (error);
  tanaka = shirabe_project_add_case (project, "田中さん", &error);
  g_assert_no_error (error);
  rosa = shirabe_project_add_case (project, "Rosa Lopez", &error);
  g_assert_no_error (error);
  fixture->ids[0] = add_narrative (project, tanaka, "入管での聞き取り", "ja");
  fixture->ids[1] = add_narrative (project, tanaka, "NGO Intake Record", "en");
  fixture->ids[2] = add_narrative (project, rosa, "Embassy interview", "en");
  shirabe_project_close (project, &error);
  g_assert_no_error (error);

  fixture->window = window_on (path);
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

static char *
shown_titles (Fixture *fixture)
{
  GListModel *model = shirabe_sidebar_get_model (shirabe_window_get_sidebar (fixture->window));
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(ShirabeNarrativeRow) row = g_list_model_get_item (model, i);

      g_string_append_printf (text, "%s%s%s", i > 0 ? "|" : "",
                              shirabe_narrative_row_is_case (row) ? "#" : "",
                              shirabe_narrative_row_get_title (row));
    }
  return g_string_free (text, FALSE);
}

static void
test_opening_lists_cases_with_their_narratives (Fixture       *fixture,
                                                gconstpointer  data)
{
  ShirabeSidebar *sidebar = shirabe_window_get_sidebar (fixture->window);
  g_autofree char *titles = shown_titles (fixture);

  g_assert_cmpstr (titles, ==,
                   "#田中さん|入管での聞き取り|NGO Intake Record|#Rosa Lopez|Embassy interview");
  g_assert_cmpint (shirabe_sidebar_get_selected_id (sidebar), ==, fixture->ids[0]);
  g_assert_cmpint (shirabe_reader_get_narrative_id (shirabe_window_get_reader (fixture->window)),
                   ==, fixture->ids[0]);
}

static void
test_filter_by_japanese_and_english (Fixture       *fixture,
                                     gconstpointer  data)
{
  ShirabeSidebar *sidebar = shirabe_window_get_sidebar (fixture->window);
  GListModel *model = shirabe_sidebar_get_model (sidebar);
  g_autofree char *japanese = NULL;
  g_autofree char *english = NULL;
  g_autofree char *all = NULL;

  shirabe_sidebar_set_filter (sidebar, "聞き取り");
  wait_until_idle ();
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 2);
  japanese = shown_titles (fixture);
  g_assert_cmpstr (japanese, ==, "#田中さん|入管での聞き取り");

  shirabe_sidebar_set_filter (sidebar, "embassy");
  wait_until_idle ();
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 2);
  english = shown_titles (fixture);
  g_assert_cmpstr (english, ==, "#Rosa Lopez|Embassy interview");
  /* The narrative being read stays in the reader while the filter hides it. */
  g_assert_cmpint (shirabe_reader_get_narrative_id (shirabe_window_get_reader (fixture->window)),
                   ==, fixture->ids[0]);

  shirabe_sidebar_set_filter (sidebar, "");
  wait_until_idle ();
  all = shown_titles (fixture);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 5);
  g_assert_cmpint (shirabe_sidebar_get_selected_id (sidebar), ==, fixture->ids[0]);
}

static void
test_set_status_action_and_undo (Fixture       *fixture,
                                 gconstpointer  data)
{
  ShirabeProject *project = shirabe_window_get_project (fixture->window);
  ShirabeSidebar *sidebar = shirabe_window_get_sidebar (fixture->window);
  GListModel *model = shirabe_sidebar_get_model (sidebar);
  g_autoptr(GError) error = NULL;
  g_autoptr(ShirabeNarrative) done = NULL;
  g_autoptr(ShirabeNarrative) undone = NULL;
  g_autoptr(ShirabeNarrativeRow) row = NULL;

  g_assert_true (shirabe_sidebar_select_narrative (sidebar, fixture->ids[2]));
  wait_until_idle ();
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.set-status",
                                             "s", "done"));
  wait_until_idle ();
  done = shirabe_project_get_narrative (project, fixture->ids[2], &error);
  g_assert_no_error (error);
  g_assert_cmpint (done->status, ==, SHIRABE_STATUS_DONE);
  row = g_list_model_get_item (model, 4);
  g_assert_cmpint (shirabe_narrative_row_get_status (row), ==, SHIRABE_STATUS_DONE);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.undo", NULL));
  wait_until_idle ();
  undone = shirabe_project_get_narrative (project, fixture->ids[2], &error);
  g_assert_no_error (error);
  g_assert_cmpint (undone->status, ==, SHIRABE_STATUS_TO_DO);
  g_assert_cmpint (shirabe_narrative_row_get_status (row), ==, SHIRABE_STATUS_TO_DO);
}

static void
test_status_filter_shows_one_status (Fixture       *fixture,
                                     gconstpointer  data)
{
  ShirabeProject *project = shirabe_window_get_project (fixture->window);
  ShirabeSidebar *sidebar = shirabe_window_get_sidebar (fixture->window);
  g_autoptr(GError) error = NULL;
  g_autofree char *titles = NULL;

  shirabe_project_set_narrative_status (project, fixture->ids[1], SHIRABE_STATUS_IN_PROGRESS,
                                        &error);
  g_assert_no_error (error);
  shirabe_sidebar_set_status_filter (sidebar, SHIRABE_STATUS_IN_PROGRESS);
  wait_until_idle ();
  titles = shown_titles (fixture);
  g_assert_cmpstr (titles, ==, "#田中さん|NGO Intake Record");
}

/* The case is the heading above its narratives; the row's second line names the language. */
static void
test_row_names_the_language (void)
{
  static const struct { const char *tag; const char *name; } cases[] = {
    { "ja", "Japanese" }, { "ja-JP", "Japanese" }, { "en", "English" }, { "EN-gb", "English" },
    { "zh-Hant", "Chinese" }, { "tl", "Tagalog" }, { "yue", "yue" }, { "", "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *name = shirabe_sidebar_dup_language_name (cases[i].tag);

      g_assert_cmpstr (name, ==, cases[i].name);
    }
}

/* The mapped status page of the sidebar, or NULL. */
static AdwStatusPage *
find_status_page (GtkWidget *widget)
{
  if (!gtk_widget_get_mapped (widget))
    return NULL;
  if (ADW_IS_STATUS_PAGE (widget))
    return ADW_STATUS_PAGE (widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      AdwStatusPage *page = find_status_page (child);

      if (page != NULL)
        return page;
    }
  return NULL;
}

static void
collect_chips (GtkWidget *widget,
               GPtrArray *chips)
{
  if (!gtk_widget_get_mapped (widget))
    return;
  if (gtk_widget_has_css_class (widget, "status-chip"))
    g_ptr_array_add (chips, widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_chips (child, chips);
}

/* Each narrative's number of codings stands beside its status, on one line, and the chips of
 * all rows end at the same place. */
static void
test_count_stands_beside_the_status (Fixture       *fixture,
                                     gconstpointer  data)
{
  g_autoptr(GPtrArray) chips = g_ptr_array_new ();
  double chip_end = -1;

  collect_chips (GTK_WIDGET (shirabe_window_get_sidebar (fixture->window)), chips);
  g_assert_cmpuint (chips->len, ==, 3);
  for (guint i = 0; i < chips->len; i++)
    {
      GtkWidget *chip = g_ptr_array_index (chips, i);
      GtkWidget *count = gtk_widget_get_next_sibling (chip);
      graphene_rect_t chip_bounds;
      graphene_rect_t count_bounds;

      g_assert_true (GTK_IS_LABEL (count));
      g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (count)), ==, "0");
      g_assert_true (gtk_widget_compute_bounds (chip, chip, &chip_bounds));
      g_assert_true (gtk_widget_compute_bounds (count, chip, &count_bounds));
      /* Beside: to the right, its middle on the chip's middle. */
      g_assert_cmpfloat (count_bounds.origin.x, >=,
                         chip_bounds.origin.x + chip_bounds.size.width);
      g_assert_cmpfloat (fabs ((count_bounds.origin.y + count_bounds.size.height / 2) -
                               (chip_bounds.origin.y + chip_bounds.size.height / 2)), <=, 1.0);
      if (i == 0)
        chip_end = count_bounds.origin.x;
      else
        {
          graphene_rect_t first;

          g_assert_true (gtk_widget_compute_bounds (g_ptr_array_index (chips, 0), chip, &first));
          /* Right edges, in this chip's coordinates (whose origin is inside its padding). */
          g_assert_cmpfloat (fabs (first.origin.x + first.size.width -
                                   (chip_bounds.origin.x + chip_bounds.size.width)), <=, 0.5);
        }
    }
  g_assert_cmpfloat (chip_end, >, 0);
}

/* The texts the list shows, row after row, "|" between labels and "/" between rows; a status
 * chip as [LABEL STYLE]. */
static void
append_shown_texts (GtkWidget *widget,
                    GString   *texts)
{
  if (!gtk_widget_get_mapped (widget))
    return;
  if (GTK_IS_LABEL (widget))
    {
      const char *text = gtk_label_get_text (GTK_LABEL (widget));

      if (texts->len > 0 && texts->str[texts->len - 1] != '/')
        g_string_append_c (texts, '|');
      if (gtk_widget_has_css_class (widget, "status-chip"))
        g_string_append_printf (texts, "[%s %s]", text,
                                gtk_widget_has_css_class (widget, "status-done") ? "done"
                                : gtk_widget_has_css_class (widget, "status-in-progress")
                                ? "in-progress"
                                : gtk_widget_has_css_class (widget, "status-to-do") ? "to-do"
                                : "?");
      else
        g_string_append (texts, text);
      return;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    append_shown_texts (child, texts);
}

static char *
dup_shown_texts (Fixture *fixture)
{
  GtkListView *list_view =
    shirabe_sidebar_get_list_view (shirabe_window_get_sidebar (fixture->window));
  GString *texts = g_string_new (NULL);

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (list_view)); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    if (gtk_widget_get_mapped (row))
      {
        append_shown_texts (row, texts);
        g_string_append_c (texts, '/');
      }
  return g_string_free (texts, FALSE);
}

/* Each row shows its case (name and narratives shown) or its narrative (title, language, status,
 * codings), and follows the narrative's changes: a status, a translation, a title. */
static void
test_rows_show_their_narratives_and_follow_changes (Fixture       *fixture,
                                                    gconstpointer  data)
{
  ShirabeProject *project = shirabe_window_get_project (fixture->window);
  g_autoptr(GError) error = NULL;
  g_autofree char *before = dup_shown_texts (fixture);
  g_autofree char *after = NULL;

  g_assert_cmpstr (before, ==,
                   "田中さん|2/"
                   "入管での聞き取り|Japanese|[To do to-do]|0/"
                   "NGO Intake Record|English|[To do to-do]|0/"
                   "Rosa Lopez|1/"
                   "Embassy interview|English|[To do to-do]|0/");

  shirabe_project_set_narrative_status (project, fixture->ids[2], SHIRABE_STATUS_DONE, &error);
  g_assert_no_error (error);
  shirabe_project_set_narrative_status (project, fixture->ids[0], SHIRABE_STATUS_IN_PROGRESS,
                                        &error);
  g_assert_no_error (error);
  shirabe_project_set_translation_of (project, fixture->ids[1], fixture->ids[0], &error);
  g_assert_no_error (error);
  shirabe_project_set_narrative_title (project, fixture->ids[2], "Embassy interview, 2019",
                                       &error);
  g_assert_no_error (error);
  wait_until_idle ();
  after = dup_shown_texts (fixture);
  g_assert_cmpstr (after, ==,
                   "田中さん|2/"
                   "入管での聞き取り|Japanese|[In progress in-progress]|0/"
                   "NGO Intake Record|English · translation|[To do to-do]|0/"
                   "Rosa Lopez|1/"
                   "Embassy interview, 2019|English|[Done done]|0/");
}

/* A filter that matches nothing shows a search icon: it is a search that found nothing. */
static void
test_no_match_shows_a_search_icon (Fixture       *fixture,
                                   gconstpointer  data)
{
  ShirabeSidebar *sidebar = shirabe_window_get_sidebar (fixture->window);
  AdwStatusPage *page;

  shirabe_sidebar_set_filter (sidebar, "no such words");
  wait_until_idle ();
  page = find_status_page (GTK_WIDGET (sidebar));
  g_assert_nonnull (page);
  g_assert_cmpstr (adw_status_page_get_title (page), ==, "No Narratives Found");
  g_assert_cmpstr (adw_status_page_get_icon_name (page), ==, "edit-find-symbolic");
}

/* A project without narratives shows a text file, not a search: nothing was searched for. */
static void
test_empty_project_shows_a_document_icon (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ShirabeProject) project = NULL;
  g_autofree char *dir = g_dir_make_tmp ("shirabe-sidebar-test-XXXXXX", &error);
  g_autofree char *path = NULL;
  ShirabeWindow *window;
  AdwStatusPage *page;

  g_assert_no_error (error);
  path = g_build_filename (dir, "study.shirabe", NULL);
  project = shirabe_project_create (path, "Study", SHIRABE_PROJECT_DEFAULT, &error);
  g_assert_no_error (error);
  shirabe_project_close (project, &error);
  g_assert_no_error (error);

  window = window_on (path);
  gtk_window_present (GTK_WINDOW (window));
  wait_until_idle ();

  page = find_status_page (GTK_WIDGET (shirabe_window_get_sidebar (window)));
  g_assert_nonnull (page);
  g_assert_cmpstr (adw_status_page_get_title (page), ==, "No Narratives Yet");
  g_assert_cmpstr (adw_status_page_get_icon_name (page), ==, "text-x-generic-symbolic");

  close_window (window);
  rm_rf (dir);
}

static guint
rows_shown (GtkListView *list_view)
{
  return g_list_model_get_n_items (G_LIST_MODEL (gtk_list_view_get_model (list_view)));
}

/* A long list opens with its first rows (a list view builds up to 200 rows before it paints)
 * and shows all of them once painted; a narrative past the first rows can be selected at once. */
static void
test_long_list_shows_every_row_once_painted (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("shirabe-sidebar-test-XXXXXX", &error);
  g_autofree char *path = NULL;
  gint64 last;
  ShirabeWindow *window;
  ShirabeSidebar *sidebar;
  GtkListView *list_view;

  g_assert_no_error (error);
  path = g_build_filename (dir, "study.shirabe", NULL);
  last = create_long_project (path, 150);

  /* Two windows: one painted with the whole list, one asked for the last narrative before. */
  for (guint select_first = 0; select_first < 2; select_first++)
    {
      window = window_on (path);
      sidebar = shirabe_window_get_sidebar (window);
      list_view = shirabe_sidebar_get_list_view (sidebar);
      g_assert_cmpuint (g_list_model_get_n_items (shirabe_sidebar_get_model (sidebar)), ==, 151);
      if (select_first)
        {
          g_assert_true (shirabe_sidebar_select_narrative (sidebar, last));
          g_assert_cmpint (shirabe_sidebar_get_selected_id (sidebar), ==, last);
          g_assert_cmpuint (rows_shown (list_view), ==, 151);
        }
      else
        g_assert_cmpuint (rows_shown (list_view), <, 151);
      gtk_window_present (GTK_WINDOW (window));
      /* Painting waits for the X server: the rows come after a frame, however long that is. */
      for (gint64 end = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
           rows_shown (list_view) < 151 && g_get_monotonic_time () < end;)
        if (!g_main_context_iteration (NULL, FALSE))
          g_usleep (1000);
      g_assert_cmpuint (rows_shown (list_view), ==, 151);
      if (!select_first)
        {
          g_assert_true (shirabe_sidebar_select_narrative (sidebar, last));
          g_assert_cmpint (shirabe_sidebar_get_selected_id (sidebar), ==, last);
        }
      close_window (window);
    }
  rm_rf (dir);
}

typedef struct
{
  ShirabeWindow   *window;
  GtkListView     *list_view;
  guint            n_rows;      /* rows built for the first frame */
  int              rows_bottom; /* where the last of them ends, in the list's coordinates */
  int              height;      /* the list's height */
  graphene_rect_t  center;      /* where the center stack is, in the window */
  graphene_rect_t  codebook;
} FirstFrame;

static void
on_first_frame (GdkFrameClock *clock,
                FirstFrame    *first)
{
  graphene_rect_t bounds;

  if (first->height > 0)
    return;
  first->height = gtk_widget_get_height (GTK_WIDGET (first->list_view));
  g_assert_true (gtk_widget_compute_bounds (
    GTK_WIDGET (shirabe_window_get_center_stack (first->window)), GTK_WIDGET (first->window),
    &first->center));
  g_assert_true (gtk_widget_compute_bounds (
    GTK_WIDGET (shirabe_window_get_codebook (first->window)), GTK_WIDGET (first->window),
    &first->codebook));
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (first->list_view)); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    if (gtk_widget_get_visible (row) && !GTK_IS_SCROLLBAR (row) &&
        gtk_widget_compute_bounds (row, GTK_WIDGET (first->list_view), &bounds))
      {
        first->n_rows++;
        first->rows_bottom = MAX (first->rows_bottom, bounds.origin.y + bounds.size.height);
      }
}

/* Opens a project of 100 narratives in one case, in a new window, and waits for its first
 * frame, which @first describes. */
static ShirabeWindow *
open_long_project (const char *dir,
                   FirstFrame *first)
{
  g_autofree char *path = g_build_filename (dir, "study.shirabe", NULL);
  ShirabeWindow *window;

  create_long_project (path, 100);
  window = window_on (path);
  first->window = window;
  first->list_view = shirabe_sidebar_get_list_view (shirabe_window_get_sidebar (window));
  gtk_window_present (GTK_WINDOW (window));
  g_signal_connect (gtk_widget_get_frame_clock (GTK_WIDGET (window)), "after-paint",
                    G_CALLBACK (on_first_frame), first);
  for (gint64 end = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
       first->height == 0 && g_get_monotonic_time () < end;)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (1000);
  g_signal_handlers_disconnect_by_data (gtk_widget_get_frame_clock (GTK_WIDGET (window)), first);
  g_assert_cmpint (first->height, >, 0);
  return window;
}

static void
assert_same_bounds (GtkWidget             *widget,
                    GtkWidget             *window,
                    const graphene_rect_t *expected)
{
  graphene_rect_t bounds;

  g_assert_true (gtk_widget_compute_bounds (widget, window, &bounds));
  g_assert_cmpfloat (bounds.origin.x, ==, expected->origin.x);
  g_assert_cmpfloat (bounds.origin.y, ==, expected->origin.y);
  g_assert_cmpfloat (bounds.size.width, ==, expected->size.width);
  g_assert_cmpfloat (bounds.size.height, ==, expected->size.height);
}

/* The first frame measures the shown pages only; once painted, the stacks are as large as their
 * largest page again, as stacks are made, and neither the first frame nor a switch of view
 * moves the panes. */
static void
test_first_frame_layout_stays_when_views_switch (void)
{
  static const char *const views[] = { "passages", "search", "agreement", "charts", "reader" };
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("shirabe-sidebar-test-XXXXXX", &error);
  FirstFrame first = { NULL, };
  ShirabeWindow *window;
  AdwViewStack *center;
  GtkStack *reader_stack;
  g_autoptr(GtkWidget) fresh_view_stack = g_object_ref_sink (adw_view_stack_new ());
  g_autoptr(GtkWidget) fresh_stack = g_object_ref_sink (gtk_stack_new ());

  g_assert_no_error (error);
  window = open_long_project (dir, &first);
  center = shirabe_window_get_center_stack (window);
  reader_stack = shirabe_window_get_reader_stack (window);
  wait_until_idle ();
  g_assert_true (adw_view_stack_get_hhomogeneous (center) ==
                 adw_view_stack_get_hhomogeneous (ADW_VIEW_STACK (fresh_view_stack)));
  g_assert_true (adw_view_stack_get_vhomogeneous (center) ==
                 adw_view_stack_get_vhomogeneous (ADW_VIEW_STACK (fresh_view_stack)));
  g_assert_true (gtk_stack_get_hhomogeneous (reader_stack) ==
                 gtk_stack_get_hhomogeneous (GTK_STACK (fresh_stack)));
  g_assert_true (gtk_stack_get_vhomogeneous (reader_stack) ==
                 gtk_stack_get_vhomogeneous (GTK_STACK (fresh_stack)));
  assert_same_bounds (GTK_WIDGET (center), GTK_WIDGET (window), &first.center);
  assert_same_bounds (GTK_WIDGET (shirabe_window_get_codebook (window)), GTK_WIDGET (window),
                      &first.codebook);
  for (guint i = 0; i < G_N_ELEMENTS (views); i++)
    {
      adw_view_stack_set_visible_child_name (center, views[i]);
      wait_until_idle ();
      assert_same_bounds (GTK_WIDGET (center), GTK_WIDGET (window), &first.center);
      assert_same_bounds (GTK_WIDGET (shirabe_window_get_codebook (window)),
                          GTK_WIDGET (window), &first.codebook);
    }
  gtk_stack_set_visible_child_name (reader_stack, "side-by-side");
  wait_until_idle ();
  assert_same_bounds (GTK_WIDGET (center), GTK_WIDGET (window), &first.center);

  close_window (window);
  rm_rf (dir);
}

/* The first frame of a long list builds no more rows than the tallest screen shows (each costs
 * about a millisecond before it), and enough to fill the list. */
static void
test_first_frame_builds_rows_a_screen_shows (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("shirabe-sidebar-test-XXXXXX", &error);
  GListModel *monitors = gdk_display_get_monitors (gdk_display_get_default ());
  FirstFrame first = { NULL, };
  int screen_height = 0;
  ShirabeWindow *window;

  g_assert_no_error (error);
  window = open_long_project (dir, &first);

  for (guint i = 0; i < g_list_model_get_n_items (monitors); i++)
    {
      g_autoptr(GdkMonitor) monitor = g_list_model_get_item (monitors, i);
      GdkRectangle geometry;

      gdk_monitor_get_geometry (monitor, &geometry);
      screen_height = MAX (screen_height, geometry.height);
    }
  g_assert_cmpint (screen_height, >, 0);
  /* Rows are 36 pixels high at least, then 2 apart. */
  g_assert_cmpuint (first.n_rows, <=, (screen_height + 35) / 36);
  g_assert_cmpint (first.rows_bottom, >=, first.height);

  close_window (window);
  rm_rf (dir);
}

int
main (int    argc,
      char **argv)
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/app/sidebar/opening-lists-cases-with-their-narratives",
       test_opening_lists_cases_with_their_narratives);
  ADD ("/app/sidebar/filter-by-a-japanese-or-english-substring",
       test_filter_by_japanese_and_english);
  ADD ("/app/sidebar/set-status-action-changes-the-narrative-and-undo-restores-it",
       test_set_status_action_and_undo);
  ADD ("/app/sidebar/status-filter-shows-one-status", test_status_filter_shows_one_status);
  ADD ("/app/sidebar/no-match-shows-a-search-icon", test_no_match_shows_a_search_icon);
  ADD ("/app/sidebar/count-stands-beside-the-status", test_count_stands_beside_the_status);
  ADD ("/app/sidebar/rows-show-their-narratives-and-follow-changes",
       test_rows_show_their_narratives_and_follow_changes);
#undef ADD
  g_test_add_func ("/app/sidebar/row-names-the-language", test_row_names_the_language);
  g_test_add_func ("/app/sidebar/empty-project-shows-a-document-icon",
                   test_empty_project_shows_a_document_icon);
  g_test_add_func ("/app/sidebar/first-frame-builds-the-rows-a-screen-shows",
                   test_first_frame_builds_rows_a_screen_shows);
  g_test_add_func ("/app/sidebar/first-frame-layout-stays-when-views-switch",
                   test_first_frame_layout_stays_when_views_switch);
  g_test_add_func ("/app/sidebar/long-list-shows-every-row-once-painted",
                   test_long_list_shows_every_row_once_painted);

  return g_test_run ();
}
