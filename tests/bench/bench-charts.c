/* bench-charts.c: how soon the charts have their numbers and their first screen
 *
 * usage: bench-charts [NARRATIVES [CODINGS [CODES]]]   (defaults 10,000, 500,000, 300)
 *        bench-charts --project PATH                   (an existing project, left untouched)
 *
 * Medians of 7 runs: the frequencies of every code split by an attribute (nationality, and
 * age in ranges), the code × code co-occurrence over cases, narratives and overlapping
 * passages, the case × code matrix; then, as the window does it, each chart laid out and its
 * first 1280 × 800 screen drawn (the matrix from its first 80 rows, which the window counts
 * and shows first, and from all), and one screen drawn at scattered places (scrolling).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "bench-util.h"
#include "shirabe-attribute.h"
#include "shirabe-chart.h"
#include "shirabe-chart-draw.h"

static const char usage[] = "[NARRATIVES [CODINGS [CODES]]] | --project PATH";

#define N_RUNS 7
#define SCREEN_WIDTH 1280
#define SCREEN_HEIGHT 800

static ShirabeChart *
measure (ShirabeProject         *project,
         const char             *what,
         const ShirabeChartSpec *spec)
{
  double times[N_RUNS];
  ShirabeChart *chart = NULL;

  for (guint run = 0; run < N_RUNS; run++)
    {
      g_autoptr (GError) error = NULL;
      double t0 = bench_now ();

      g_clear_pointer (&chart, shirabe_chart_unref);
      chart = shirabe_chart_compute (project, spec, NULL, &error);
      if (chart == NULL)
        g_error ("%s: %s", what, error->message);
      times[run] = bench_now () - t0;
    }
  printf ("  %-46s %4u × %-5u %8.1f ms\n", what, shirabe_chart_get_n_rows (chart),
          shirabe_chart_get_n_columns (chart), bench_median (times, N_RUNS) * 1000);
  return chart;
}

/* The first screen as the window shows it: laid out, then drawn from the top. */
static void
measure_screen (ShirabeProject         *project,
                const char             *what,
                const ShirabeChartSpec *spec)
{
  double first[N_RUNS], scroll[64];
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, SCREEN_WIDTH,
                                                         SCREEN_HEIGHT);
  ShirabeChartStyle style = { 0 };
  g_autoptr (ShirabeChartLayout) layout = NULL;
  guint64 state = 7;
  double width, height, left, top;

  style.width = SCREEN_WIDTH;
  for (guint run = 0; run < N_RUNS; run++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (ShirabeChart) chart = NULL;
      double t0 = bench_now ();
      cairo_t *cr;

      chart = shirabe_chart_compute (project, spec, NULL, &error);
      if (chart == NULL)
        g_error ("%s: %s", what, error->message);
      g_clear_pointer (&layout, shirabe_chart_layout_free);
      layout = shirabe_chart_layout_new (chart, &style, NULL);
      cr = cairo_create (surface);
      shirabe_chart_layout_draw (layout, cr, SCREEN_WIDTH, SCREEN_HEIGHT, 0, 0, -1, -1);
      cairo_destroy (cr);
      cairo_surface_flush (surface);
      first[run] = bench_now () - t0;
    }
  shirabe_chart_layout_get_size (layout, &width, &height);
  shirabe_chart_layout_get_fixed (layout, &left, &top);
  for (guint i = 0; i < G_N_ELEMENTS (scroll); i++)
    {
      double x = MAX (0, width - SCREEN_WIDTH) * bench_random_below (&state, 1000) / 1000.0;
      double y = MAX (0, height - SCREEN_HEIGHT) * bench_random_below (&state, 1000) / 1000.0;
      double t0 = bench_now ();
      cairo_t *cr = cairo_create (surface);

      shirabe_chart_layout_draw (layout, cr, SCREEN_WIDTH, SCREEN_HEIGHT, x, y, -1, -1);
      cairo_destroy (cr);
      cairo_surface_flush (surface);
      scroll[i] = bench_now () - t0;
    }
  printf ("  %-46s %8.1f ms (whole chart %.0f × %.0f px)\n", what,
          bench_median (first, N_RUNS) * 1000, width, height);
  qsort (scroll, G_N_ELEMENTS (scroll), sizeof *scroll, bench_compare_doubles);
  printf ("  %-46s %8.1f ms median, %.1f ms p95 (a frame is 16.7 ms)\n",
          "  a screen drawn while scrolling", scroll[G_N_ELEMENTS (scroll) / 2] * 1000,
          scroll[G_N_ELEMENTS (scroll) * 95 / 100] * 1000);
  cairo_surface_destroy (surface);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (ShirabeProject) project = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  gint64 nationality, age;

  bench_init ();
  if (argc == 3 && strcmp (argv[1], "--project") == 0)
    path = g_strdup (argv[2]);
  else
    {
      ShirabeGenerateOptions options = { 0 };
      double start;

      options.n_narratives = bench_parse_arg (argc, argv, 1, 10000, usage);
      options.n_codings = bench_parse_arg (argc, argv, 2, 500000, usage);
      options.n_codes = bench_parse_arg (argc, argv, 3, 300, usage);
      options.seed = 1;
      /* The charts read codings, not texts: short texts keep the set-up quick. */
      options.min_length = 2000;
      options.max_length = 8000;
      dir = bench_make_tmp_dir ();
      path = g_build_filename (dir, "bench.shirabe", NULL);
      project = shirabe_project_create (path, "Bench", SHIRABE_PROJECT_NO_HISTORY, &error);
      start = bench_now ();
      if (project == NULL || !shirabe_project_generate (project, &options, NULL, &error) ||
          !shirabe_project_close (project, &error))
        g_error ("Cannot generate the project: %s", error->message);
      g_clear_object (&project);
      printf ("generated %u narratives, %u codings, %u codes in %.1f s\n", options.n_narratives,
              options.n_codings, options.n_codes, bench_now () - start);
    }

  project = shirabe_project_open (path, SHIRABE_PROJECT_READ_ONLY, &error);
  if (project == NULL)
    g_error ("Cannot open %s: %s", path, error->message);
  nationality = shirabe_project_find_attribute (project, SHIRABE_SCOPE_CASE, "nationality",
                                                &error);
  age = nationality != 0 ? shirabe_project_find_attribute (project, SHIRABE_SCOPE_CASE,
                                                           "age_at_recruitment", &error) : 0;
  if (age == 0)
    g_error ("%s", error->message);

  printf ("numbers (targets: frequencies 150 ms, co-occurrence over cases 300 ms, over "
          "passages 1 s)\n");
  {
    ShirabeChartSpec spec = { SHIRABE_CHART_FREQUENCIES, SHIRABE_CHART_UNIT_CASES };
    g_autoptr (ShirabeChart) a = NULL, b = NULL, c = NULL, d = NULL, e = NULL, f = NULL;

    spec.by_attribute = nationality;
    a = measure (project, "frequencies, cases, by nationality", &spec);
    spec.by_attribute = age;
    b = measure (project, "frequencies, cases, by age in ranges", &spec);
    spec.unit = SHIRABE_CHART_UNIT_PASSAGES;
    spec.by_attribute = nationality;
    c = measure (project, "frequencies, passages, by nationality", &spec);
    spec = (ShirabeChartSpec) { SHIRABE_CHART_COOCCURRENCE, SHIRABE_CHART_UNIT_CASES };
    d = measure (project, "co-occurrence over cases", &spec);
    spec.unit = SHIRABE_CHART_UNIT_NARRATIVES;
    e = measure (project, "co-occurrence over narratives", &spec);
    spec.unit = SHIRABE_CHART_UNIT_PASSAGES;
    f = measure (project, "co-occurrence over overlapping passages", &spec);
  }
  {
    ShirabeChartSpec spec = { SHIRABE_CHART_MATRIX, SHIRABE_CHART_UNIT_CASES };
    g_autoptr (ShirabeChart) m = NULL, n = NULL;

    m = measure (project, "matrix, cases × codes", &spec);
    spec.unit = SHIRABE_CHART_UNIT_NARRATIVES;
    n = measure (project, "matrix, narratives × codes", &spec);
  }

  printf ("first screen (target for the matrix: 100 ms) and scrolling\n");
  {
    ShirabeChartSpec matrix = { SHIRABE_CHART_MATRIX, SHIRABE_CHART_UNIT_CASES };
    ShirabeChartSpec heatmap = { SHIRABE_CHART_COOCCURRENCE, SHIRABE_CHART_UNIT_CASES };
    ShirabeChartSpec bars = { SHIRABE_CHART_FREQUENCIES, SHIRABE_CHART_UNIT_CASES };

    bars.by_attribute = nationality;
    /* The window counts a matrix's first 80 rows first, and shows them. */
    matrix.first_rows = 80;
    measure_screen (project, "matrix: first 80 rows, layout, first screen", &matrix);
    matrix.first_rows = 0;
    measure_screen (project, "matrix: all rows, layout, first screen", &matrix);
    measure_screen (project, "heatmap: numbers, layout, first screen", &heatmap);
    measure_screen (project, "bars by nationality: the same", &bars);
  }
  bench_print_peak_rss ();

  shirabe_project_close (project, NULL);
  if (dir != NULL)
    {
      bench_unlink_project (path);
      bench_rm_rf (dir);
    }
  return 0;
}
