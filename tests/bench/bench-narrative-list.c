/* bench-narrative-list.c: how soon the sidebar's lazy list has its first rows
 *
 * usage: bench-narrative-list [NARRATIVES [CODINGS]]   (defaults 10,000, 100,000)
 *        bench-narrative-list --project PATH           (an existing project, left untouched)
 *
 * Prints the time to read the ids, to read the first screenful of rows and a page in the
 * middle, to filter, and to refresh after an edit; and, for comparison, the time to read every
 * narrative's row at once as a GListStore would need.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "bench-util.h"
#include "shirabe-narrative-list.h"

static const char usage[] = "[NARRATIVES [CODINGS]] | --project PATH";

#define N_RUNS 5

static void
read_rows (ShirabeNarrativeList *list,
           guint                 start,
           guint                 n)
{
  guint n_items = g_list_model_get_n_items (G_LIST_MODEL (list));

  for (guint i = start; i < start + n && i < n_items; i++)
    g_object_unref (g_list_model_get_item (G_LIST_MODEL (list), i));
}

static void
print_ms (const char *what,
          double     *runs,
          guint       n_runs)
{
  printf ("  %-34s %8.2f ms\n", what, bench_median (runs, n_runs) * 1000);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ShirabeProject) project = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  double ids[N_RUNS], first[N_RUNS], middle[N_RUNS], filter_ja[N_RUNS], filter_en[N_RUNS];
  double refresh[N_RUNS], edit[N_RUNS], store[N_RUNS];
  guint n_items = 0;

  bench_init ();
  if (argc == 3 && strcmp (argv[1], "--project") == 0)
    path = g_strdup (argv[2]);
  else
    {
      ShirabeGenerateOptions options = { 0 };
      double start;

      options.n_narratives = bench_parse_arg (argc, argv, 1, 10000, usage);
      options.n_codings = bench_parse_arg (argc, argv, 2, 100000, usage);
      options.seed = 1;
      /* The list never reads the texts; short ones keep the set-up quick without changing
       * what is measured (rows are kept apart from their text by the index it uses). */
      options.min_length = 500;
      options.max_length = 4000;
      dir = bench_make_tmp_dir ();
      path = g_build_filename (dir, "bench.shirabe", NULL);
      project = shirabe_project_create (path, "Bench", SHIRABE_PROJECT_NO_HISTORY, &error);
      start = bench_now ();
      if (project == NULL || !shirabe_project_generate (project, &options, NULL, &error) ||
          !shirabe_project_close (project, &error))
        g_error ("Cannot generate the project: %s", error->message);
      g_clear_object (&project);
      printf ("generated %u narratives, %u codings in %.1f s\n", options.n_narratives,
              options.n_codings, bench_now () - start);
    }

  project = shirabe_project_open (path, SHIRABE_PROJECT_DEFAULT, &error);
  if (project == NULL)
    g_error ("Cannot open %s: %s", path, error->message);

  for (guint run = 0; run < N_RUNS; run++)
    {
      g_autoptr(ShirabeNarrativeList) list = NULL;
      g_autoptr(GPtrArray) all = NULL;
      g_autoptr(ShirabeNarrativeRow) row = NULL;
      double t0 = bench_now ();
      gint64 narrative_id;

      list = shirabe_narrative_list_new (project, TRUE, &error);
      if (list == NULL)
        g_error ("%s", error->message);
      ids[run] = bench_now () - t0;
      n_items = g_list_model_get_n_items (G_LIST_MODEL (list));

      t0 = bench_now ();
      read_rows (list, 0, 50);
      first[run] = bench_now () - t0;

      t0 = bench_now ();
      read_rows (list, n_items / 2, 50);
      middle[run] = bench_now () - t0;

      /* An edit that moves no row, seen by the list through the project's "changed". */
      row = g_list_model_get_item (G_LIST_MODEL (list), 1);
      narrative_id = shirabe_narrative_row_get_id (row);
      t0 = bench_now ();
      if (!shirabe_project_set_narrative_status (project, narrative_id, run % 3, &error))
        g_error ("%s", error->message);
      edit[run] = bench_now () - t0;

      t0 = bench_now ();
      shirabe_narrative_list_refresh (list, &error);
      refresh[run] = bench_now () - t0;

      t0 = bench_now ();
      shirabe_narrative_list_set_filter (list, "聞き", &error);
      read_rows (list, 0, 50);
      filter_ja[run] = bench_now () - t0;

      t0 = bench_now ();
      shirabe_narrative_list_set_filter (list, "Case 12", &error);
      read_rows (list, 0, 50);
      filter_en[run] = bench_now () - t0;

      t0 = bench_now ();
      all = shirabe_project_list_narratives (project, 0, &error);
      store[run] = bench_now () - t0;
    }

  printf ("narrative list over %s: %u rows (narratives and case headings)\n", path, n_items);
  print_ms ("ids read (list created)", ids, N_RUNS);
  print_ms ("first 50 rows read", first, N_RUNS);
  print_ms ("50 rows in the middle read", middle, N_RUNS);
  print_ms ("status edit, list refreshed", edit, N_RUNS);
  print_ms ("refresh with nothing changed", refresh, N_RUNS);
  print_ms ("filter (Japanese), first 50 rows", filter_ja, N_RUNS);
  print_ms ("filter (English), first 50 rows", filter_en, N_RUNS);
  print_ms ("(every row at once, for comparison)", store, N_RUNS);
  bench_print_peak_rss ();

  shirabe_project_close (project, NULL);
  if (dir != NULL)
    {
      bench_unlink_project (path);
      bench_rm_rf (dir);
    }
  return 0;
}
