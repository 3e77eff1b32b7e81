/* bench-agreement.c: agreement on every unit, and merging five coders' copies
 *
 * usage: bench-agreement [NARRATIVES [CODINGS]]   (defaults 10,000, 500,000; five coders)
 *        BENCH_MERGE_ONLY=1 bench-agreement …     (the merge alone)
 *
 * Prints the median of three runs of the agreement report for every code on the case,
 * narrative, character and segment units, without a bootstrap and with 1,000 resamples; then
 * makes five blind coders' copies, adds a fifth of the project's codings (100,000 by default) to each, and
 * prints the time to merge the five at once; and the peak memory.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "bench-util.h"
#include "shirabe-agreement.h"
#include "shirabe-project-private.h"

static const char usage[] = "[NARRATIVES [CODINGS]]";

#define N_RUNS 3

static double
measure (ShirabeProject       *project,
         ShirabeAgreementUnit  unit,
         guint                 n_resamples)
{
  double times[N_RUNS];

  for (guint run = 0; run < N_RUNS; run++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(ShirabeAgreementReport) report = NULL;
      ShirabeAgreementOptions options = { 0 };
      double t0 = bench_now ();

      options.unit = unit;
      options.n_resamples = n_resamples;
      options.seed = 1;
      report = shirabe_agreement_report_new (project, &options, NULL, &error);
      if (report == NULL)
        g_error ("%s", error->message);
      times[run] = bench_now () - t0;
    }
  return bench_median (times, N_RUNS);
}

/* Copies the project's codings of one coder into a blind copy as that copy's own, with new
 * UUIDs, so that the merge has CODINGS / 5 new codings from each copy. */
static void
fill_copy (const char *path,
           const char *project_path,
           guint       index)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ShirabeProject) copy = shirabe_project_open (path, SHIRABE_PROJECT_NO_HISTORY, &error);
  sqlite3 *db;

  if (copy == NULL)
    g_error ("%s", error->message);
  db = shirabe_project_get_db (copy);
  /* A fifth of the project's codings, by id, become the copy's coder's own, with new UUIDs. */
  {
    g_autofree char *attach = g_strdup_printf ("ATTACH '%s' AS src", project_path);

    if (sqlite3_exec (db, attach, NULL, NULL, NULL) != SQLITE_OK ||
        sqlite3_exec (db, "BEGIN", NULL, NULL, NULL) != SQLITE_OK)
      g_error ("%s", sqlite3_errmsg (db));
  }
  {
    g_autofree char *insert = g_strdup_printf (
      "INSERT INTO coding (uuid, narrative_id, code_id, coder_id, start, end, memo, created_at)"
      " SELECT lower (hex (randomblob (16))), narrative_id, code_id,"
      "  (SELECT id FROM coder WHERE uuid = (SELECT value FROM project_meta"
      "   WHERE key = 'copy.coder')), start, end, '', created_at"
      " FROM src.coding WHERE id %% 5 = %u", index);

    if (sqlite3_exec (db, insert, NULL, NULL, NULL) != SQLITE_OK ||
        sqlite3_exec (db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK ||
        sqlite3_exec (db, "DETACH src", NULL, NULL, NULL) != SQLITE_OK)
      g_error ("%s", sqlite3_errmsg (db));
  }
  shirabe_project_close (copy, NULL);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ShirabeProject) project = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  ShirabeGenerateOptions options = { 0 };
  static const char *unit_names[] = { "case", "narrative", "character", "segment" };
  char *copies[6] = { NULL };
  double start;

  bench_init ();
  options.n_narratives = bench_parse_arg (argc, argv, 1, 10000, usage);
  options.n_codings = bench_parse_arg (argc, argv, 2, 500000, usage);
  options.n_coders = 5;
  options.seed = 1;
  options.min_length = 2000;
  options.max_length = 8000;
  dir = bench_make_tmp_dir ();
  path = g_build_filename (dir, "bench.shirabe", NULL);
  project = shirabe_project_create (path, "Bench", SHIRABE_PROJECT_NO_HISTORY, &error);
  start = bench_now ();
  if (project == NULL || !shirabe_project_generate (project, &options, NULL, &error))
    g_error ("Cannot generate the project: %s", error->message);
  printf ("generated %u narratives, %u codings, 5 coders in %.1f s\n", options.n_narratives,
          options.n_codings, bench_now () - start);

  for (guint u = 0; g_getenv ("BENCH_MERGE_ONLY") == NULL && u < G_N_ELEMENTS (unit_names); u++)
    {
      double plain = measure (project, u, 0);
      double bootstrap = measure (project, u, 1000);

      printf ("agreement, %-9s unit, every code: %8.1f ms; with 1,000 resamples %8.1f ms\n",
              unit_names[u], plain * 1000, bootstrap * 1000);
    }

  for (guint i = 0; i < 5; i++)
    {
      g_autofree char *name = g_strdup_printf ("copy%u.shirabe", i);
      g_autofree char *coder = g_strdup_printf ("Copy coder %u", i);

      copies[i] = g_build_filename (dir, name, NULL);
      if (!shirabe_project_copy_for_coder (project, copies[i], coder, SHIRABE_COPY_BLIND, &error))
        g_error ("%s", error->message);
      fill_copy (copies[i], path, i);
    }
  start = bench_now ();
  {
    g_autoptr(ShirabeMergeReport) report =
      shirabe_project_merge_copies (project, (const char * const *) copies, 0, &error);
    guint64 added = 0;

    if (report == NULL)
      g_error ("%s", error->message);
    for (guint i = 0; i < report->copies->len; i++)
      added += g_array_index (report->copies, ShirabeMergeCopy, i).n_codings_added;
    printf ("merge of 5 coders' copies: %" G_GUINT64_FORMAT " codings in %.2f s\n", added,
            bench_now () - start);
  }
  bench_print_peak_rss ();

  shirabe_project_close (project, NULL);
  for (guint i = 0; i < 5; i++)
    {
      bench_unlink_project (copies[i]);
      g_free (copies[i]);
    }
  bench_unlink_project (path);
  bench_rm_rf (dir);
  return 0;
}
