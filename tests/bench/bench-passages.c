/* bench-passages.c: how soon a passage query has its count and its first 50 passages
 *
 * usage: bench-passages [NARRATIVES [CODINGS]]   (defaults 10,000, 500,000)
 *        bench-passages --project PATH           (an existing project, left untouched)
 *
 * For the most used code alone, for it overlapping the second most used, and for both with
 * an attribute condition (age_at_recruitment >= 18): the median time to the whole count (the
 * query run, positions only) and to the first 50 passages read (texts, context of 100
 * characters each side).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "bench-util.h"
#include "shirabe-filter.h"
#include "shirabe-passages.h"
#include "shirabe-project-private.h"

static const char usage[] = "[NARRATIVES [CODINGS]] | --project PATH";

#define N_RUNS 7

static void
top_codes (ShirabeProject *project,
           gint64         *first,
           gint64         *second)
{
  sqlite3_stmt *stmt;

  if (sqlite3_prepare_v2 (shirabe_project_get_db (project),
                          "SELECT code_id FROM coding GROUP BY code_id ORDER BY count (*) DESC"
                          " LIMIT 2", -1, &stmt, NULL) != SQLITE_OK)
    g_error ("Cannot find the codes");
  *first = *second = 0;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    *first = sqlite3_column_int64 (stmt, 0);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    *second = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
}

static void
measure (ShirabeProject      *project,
         const char          *what,
         ShirabePassageQuery *query)
{
  double count[N_RUNS], first[N_RUNS];
  guint n = 0;

  for (guint run = 0; run < N_RUNS; run++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(ShirabePassageList) list = NULL;
      double t0 = bench_now ();

      list = shirabe_passage_list_new (project, query, &error);
      if (list == NULL)
        g_error ("%s", error->message);
      n = g_list_model_get_n_items (G_LIST_MODEL (list));
      count[run] = bench_now () - t0;
      for (guint i = 0; i < 50 && i < n; i++)
        g_object_unref (g_list_model_get_item (G_LIST_MODEL (list), i));
      first[run] = bench_now () - t0;
    }
  printf ("%s: %u passages\n", what, n);
  printf ("  %-34s %8.2f ms\n", "whole count", bench_median (count, N_RUNS) * 1000);
  printf ("  %-34s %8.2f ms\n", "count and first 50 passages", bench_median (first, N_RUNS) * 1000);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ShirabeProject) project = NULL;
  g_autoptr(ShirabeFilter) filter = shirabe_filter_new ();
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  gint64 a, b;

  bench_init ();
  if (argc == 3 && strcmp (argv[1], "--project") == 0)
    path = g_strdup (argv[2]);
  else
    {
      ShirabeGenerateOptions options = { 0 };
      double start;

      options.n_narratives = bench_parse_arg (argc, argv, 1, 10000, usage);
      options.n_codings = bench_parse_arg (argc, argv, 2, 500000, usage);
      options.seed = 1;
      /* Shorter texts than the design's keep the set-up quick; a page of passages reads
       * whole narratives, so longer ones cost more there (see docs/analysis/passages.md). */
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
      printf ("generated %u narratives, %u codings in %.1f s\n", options.n_narratives,
              options.n_codings, bench_now () - start);
    }

  project = shirabe_project_open (path, SHIRABE_PROJECT_READ_ONLY, &error);
  if (project == NULL)
    g_error ("Cannot open %s: %s", path, error->message);
  top_codes (project, &a, &b);
  if (!shirabe_filter_add_where (filter, project, "age_at_recruitment >= 18", &error))
    g_error ("%s", error->message);

  {
    g_autoptr(ShirabePassageQuery) one = shirabe_passage_query_new ();
    g_autoptr(ShirabePassageQuery) two = shirabe_passage_query_new ();
    g_autoptr(ShirabePassageQuery) one_filtered = shirabe_passage_query_new ();
    g_autoptr(ShirabePassageQuery) two_filtered = shirabe_passage_query_new ();

    shirabe_passage_query_add_code (one, a, FALSE);
    shirabe_passage_query_add_code (two, a, FALSE);
    shirabe_passage_query_add_overlapping (two, b, FALSE);
    shirabe_passage_query_add_code (one_filtered, a, FALSE);
    shirabe_passage_query_set_filter (one_filtered, filter);
    shirabe_passage_query_add_code (two_filtered, a, FALSE);
    shirabe_passage_query_add_overlapping (two_filtered, b, FALSE);
    shirabe_passage_query_set_filter (two_filtered, filter);
    shirabe_passage_query_set_context (one, 100);
    shirabe_passage_query_set_context (two, 100);
    shirabe_passage_query_set_context (one_filtered, 100);
    shirabe_passage_query_set_context (two_filtered, 100);

    measure (project, "one code", one);
    measure (project, "two overlapping codes", two);
    measure (project, "one code, age_at_recruitment >= 18", one_filtered);
    measure (project, "two overlapping codes, age >= 18", two_filtered);
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
