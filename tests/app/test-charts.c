/* test-charts.c: the Charts view on the sample project: the numbers shown are the core's, a
 * cell opens its passages, an edit reaches the chart, the chart saves as files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "shirabe-i18n.h"

#include <string.h>

#include "shirabe.h"
#include "shirabe-attribute.h"
#include "shirabe-chart.h"
#include "shirabe-sample.h"
#include "shirabe-window.h"
#include "shirabe-window-files.h"
#include "shirabe-window-private.h"

#include "app-test-util.h"

typedef struct
{
  char           *dir;
  char           *path;
  ShirabeWindow  *window;
  ShirabeProject *project;
  gint64          exit_id;
  gint64          nationality;
} Fixture;

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (ShirabeProject) project = NULL;
  g_autoptr (GFile) file = NULL;

  fixture->dir = g_dir_make_tmp ("shirabe-charts-test-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->dir, "sample.shirabe", NULL);
  project = shirabe_project_create (fixture->path, NULL, SHIRABE_PROJECT_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_true (shirabe_project_build_sample (project, NULL, &error));
  shirabe_project_close (project, &error);
  g_assert_no_error (error);
  fixture->window = g_object_ref_sink (shirabe_window_new (NULL));
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 1280, 800);
  g_object_set (fixture->window, "label-language", "en", NULL);
  file = g_file_new_for_path (fixture->path);
  shirabe_window_open_file (fixture->window, file, &error);
  g_assert_no_error (error);
  fixture->project = shirabe_window_get_project (fixture->window);
  fixture->exit_id = shirabe_project_find_code (fixture->project, "exit", &error);
  g_assert_no_error (error);
  fixture->nationality = shirabe_project_find_attribute (fixture->project, SHIRABE_SCOPE_CASE,
                                                         "nationality", &error);
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
  g_free (fixture->path);
}

static void
wait_for_chart (ShirabeChartsView *view)
{
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  while (shirabe_charts_view_is_busy (view) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (shirabe_charts_view_is_busy (view));
  wait_until_idle ();
}

/* The first visible label under @widget whose text begins with @prefix. */
static GtkLabel *
find_label_with_prefix (GtkWidget  *widget,
                        const char *prefix)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_get_visible (widget) &&
      g_str_has_prefix (gtk_label_get_text (GTK_LABEL (widget)), prefix))
    return GTK_LABEL (widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkLabel *found = find_label_with_prefix (child, prefix);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static ShirabeChartsView *
show_exit_paths_by_nationality (Fixture *fixture)
{
  ShirabeChartsView *view = shirabe_window_get_charts_view (fixture->window);

  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-view", "s", "charts");
  wait_until_idle ();
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (
                     shirabe_window_get_center_stack (fixture->window)), ==, "charts");
  shirabe_charts_view_show (view, SHIRABE_CHART_FREQUENCIES, fixture->exit_id, 0,
                            fixture->nationality, SHIRABE_CHART_UNIT_CASES);
  wait_for_chart (view);
  return view;
}

/* The chart drawn is the core's chart of the same choices; the Table says its numbers. */
static void
test_the_chart_shown_is_the_cores (Fixture       *fixture,
                                   gconstpointer  data)
{
  ShirabeChartsView *view = show_exit_paths_by_nationality (fixture);
  ShirabeChart *shown = shirabe_charts_view_get_chart (view);
  ShirabeChartSpec spec = { SHIRABE_CHART_FREQUENCIES, SHIRABE_CHART_UNIT_CASES };
  g_autoptr (ShirabeChart) expected = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *table = NULL;

  spec.codes = fixture->exit_id;
  spec.by_attribute = fixture->nationality;
  expected = shirabe_chart_compute (fixture->project, &spec, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (shown);
  g_assert_true (shirabe_chart_area_get_chart (shirabe_charts_view_get_area (view)) == shown);
  g_assert_cmpuint (shirabe_chart_get_n_rows (shown), ==, shirabe_chart_get_n_rows (expected));
  g_assert_cmpuint (shirabe_chart_get_n_columns (shown), ==,
                    shirabe_chart_get_n_columns (expected));
  for (guint r = 0; r < shirabe_chart_get_n_rows (shown); r++)
    for (guint c = 0; c < shirabe_chart_get_n_columns (shown); c++)
      g_assert_cmpuint (shirabe_chart_get_count (shown, r, c), ==,
                        shirabe_chart_get_count (expected, r, c));

  /* The Table: a row per exit path, a column per nationality, the counts. */
  table = shirabe_charts_view_dup_table_text (view);
  g_assert_nonnull (strstr (table, "\tPhilippines\t"));
  g_assert_nonnull (strstr (table, "Escape to an NGO or shelter\t"));
  g_assert_nonnull (strstr (table, "(units in the group)\t"));
  {
    g_auto (GStrv) lines = g_strsplit (table, "\n", -1);

    g_assert_cmpuint (g_strv_length (lines), >=, shirabe_chart_get_n_rows (shown) + 2);
  }
}

/* Whether @widget lies wholly inside its window, as drawn. */
static gboolean
inside_window (GtkWidget *widget)
{
  GtkWidget *window = GTK_WIDGET (gtk_widget_get_root (widget));
  graphene_rect_t bounds;

  g_assert_true (gtk_widget_compute_bounds (widget, window, &bounds));
  return bounds.origin.x >= 0 && bounds.origin.x + bounds.size.width <= gtk_widget_get_width (window);
}

/* In a 1280-pixel window every view leaves the codebook whole: the Charts view's choices and
 * the Agreement view's coders once pushed it past the window's edge (each view asked for the
 * width of the widest, and the panes let the codebook's be cut). */
static void
test_every_view_leaves_the_codebook_whole (Fixture       *fixture,
                                           gconstpointer  data)
{
  const char *views[] = { "reader", "passages", "search", "agreement", "charts" };
  GtkWidget *codebook = GTK_WIDGET (shirabe_window_get_codebook (fixture->window));

  show_exit_paths_by_nationality (fixture);
  shirabe_charts_view_show (shirabe_window_get_charts_view (fixture->window), SHIRABE_CHART_MATRIX,
                            0, 0, fixture->nationality, SHIRABE_CHART_UNIT_CASES);
  wait_for_chart (shirabe_window_get_charts_view (fixture->window));
  for (guint i = 0; i < G_N_ELEMENTS (views); i++)
    {
      gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-view", "s", views[i]);
      wait_for_frame (GTK_WIDGET (fixture->window));
      g_test_message ("%s", views[i]);
      g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (fixture->window)), <=, 1280);
      g_assert_true (inside_window (codebook));
    }
}

/* A cell opens the Passages view with that cell's passages, and the back button returns. */
static void
test_a_cell_opens_its_passages (Fixture       *fixture,
                                gconstpointer  data)
{
  ShirabeChartsView *view = show_exit_paths_by_nationality (fixture);
  ShirabeChart *chart = shirabe_charts_view_get_chart (view);
  ShirabePassagesView *passages = shirabe_window_get_passages_view (fixture->window);
  ShirabeChartArea *area = shirabe_charts_view_get_area (view);
  guint row = G_MAXUINT, column = 0;

  for (guint r = 0; r < shirabe_chart_get_n_rows (chart) && row == G_MAXUINT; r++)
    for (guint c = 0; c < shirabe_chart_get_n_columns (chart); c++)
      if (shirabe_chart_get_count (chart, r, c) >= 1)
        {
          row = r;
          column = c;
          break;
        }
  g_assert_cmpuint (row, !=, G_MAXUINT);

  g_signal_emit_by_name (area, "cell-activated", row, column);
  wait_until_idle ();
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (
                     shirabe_window_get_center_stack (fixture->window)), ==, "passages");
  g_assert_true (shirabe_passages_view_has_chart_query (passages));
  g_assert_nonnull (shirabe_passages_view_get_list (passages));
  g_assert_cmpuint (shirabe_passage_list_get_n_cases (shirabe_passages_view_get_list (passages)),
                    ==, shirabe_chart_get_count (chart, row, column));
  g_assert_nonnull (find_label_with_prefix (GTK_WIDGET (passages), "From the chart: "));

  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.go-back", NULL);
  wait_until_idle ();
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (
                     shirabe_window_get_center_stack (fixture->window)), ==, "charts");
}

/* A coding made while the chart shows reaches it a moment later. */
static void
test_a_new_coding_reaches_the_chart (Fixture       *fixture,
                                     gconstpointer  data)
{
  ShirabeChartsView *view = shirabe_window_get_charts_view (fixture->window);
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) narratives = NULL;
  gint64 code = shirabe_project_find_code (fixture->project, "exit_none", &error);
  gint64 coder = 0;
  guint64 before = 0, after = 0;
  gint64 deadline;
  ShirabeChartSpec spec = { SHIRABE_CHART_FREQUENCIES, SHIRABE_CHART_UNIT_CODINGS };

  g_assert_no_error (error);
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-view", "s", "charts");
  wait_until_idle ();
  shirabe_charts_view_show (view, spec.kind, fixture->exit_id, 0, 0, spec.unit);
  wait_for_chart (view);
  for (guint r = 0; r < shirabe_chart_get_n_rows (shirabe_charts_view_get_chart (view)); r++)
    if (shirabe_chart_get_row (shirabe_charts_view_get_chart (view), r)->id == code)
      before = shirabe_chart_get_count (shirabe_charts_view_get_chart (view), r, 0);

  narratives = shirabe_project_list_narratives (fixture->project, 0, &error);
  g_assert_no_error (error);
  coder = shirabe_project_ensure_coder (fixture->project, "Chart Tester", &error);
  g_assert_no_error (error);
  shirabe_project_add_coding (fixture->project,
                              ((ShirabeNarrative *) narratives->pdata[0])->id, code, coder, 0, 3,
                              NULL, &error);
  g_assert_no_error (error);

  deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  while (after != before + 1 && g_get_monotonic_time () < deadline)
    {
      ShirabeChart *chart;

      g_main_context_iteration (NULL, TRUE);
      chart = shirabe_charts_view_get_chart (view);
      for (guint r = 0; chart != NULL && r < shirabe_chart_get_n_rows (chart); r++)
        if (shirabe_chart_get_row (chart, r)->id == code)
          after = shirabe_chart_get_count (chart, r, 0);
    }
  g_assert_cmpuint (after, ==, before + 1);
}

/* The chart shown saves as PNG and SVG, its numbers as CSV. */
static void
test_the_chart_saves_as_files (Fixture       *fixture,
                               gconstpointer  data)
{
  ShirabeChartsView *view = show_exit_paths_by_nationality (fixture);
  g_autofree char *png = g_build_filename (fixture->dir, "chart.png", NULL);
  g_autofree char *svg = g_build_filename (fixture->dir, "chart.svg", NULL);
  g_autofree char *csv = g_build_filename (fixture->dir, "chart.csv", NULL);
  g_autofree char *bytes = NULL;
  g_autoptr (GError) error = NULL;
  gsize size = 0;

  g_assert_true (shirabe_charts_view_export (view, png, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (png, &bytes, &size, &error));
  g_assert_cmpuint (size, >, 1000);
  g_assert_cmpmem (bytes, 8, "\x89PNG\r\n\x1a\n", 8);
  g_clear_pointer (&bytes, g_free);
  g_assert_true (shirabe_charts_view_export (view, svg, &error));
  g_assert_true (g_file_get_contents (svg, &bytes, &size, &error));
  g_assert_nonnull (strstr (bytes, "<svg"));
  g_clear_pointer (&bytes, g_free);
  g_assert_true (shirabe_charts_view_export (view, csv, &error));
  g_assert_true (g_file_get_contents (csv, &bytes, &size, &error));
  g_assert_nonnull (strstr (bytes, "Escape to an NGO or shelter,"));
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add ("/charts/the-chart-shown-is-the-cores", Fixture, NULL, fixture_setup,
              test_the_chart_shown_is_the_cores, fixture_teardown);
  g_test_add ("/charts/every-view-leaves-the-codebook-whole", Fixture, NULL, fixture_setup,
              test_every_view_leaves_the_codebook_whole, fixture_teardown);
  g_test_add ("/charts/a-cell-opens-its-passages", Fixture, NULL, fixture_setup,
              test_a_cell_opens_its_passages, fixture_teardown);
  g_test_add ("/charts/a-new-coding-reaches-the-chart", Fixture, NULL, fixture_setup,
              test_a_new_coding_reaches_the_chart, fixture_teardown);
  g_test_add ("/charts/the-chart-saves-as-files", Fixture, NULL, fixture_setup,
              test_the_chart_saves_as_files, fixture_teardown);

  return g_test_run ();
}
