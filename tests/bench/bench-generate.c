/* bench-generate.c: how long shirabe_project_generate takes to write a synthetic study
 *
 * usage: bench-generate [NARRATIVES [CODINGS [RUNS]]]   (defaults 2,000, 100,000, 5)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <sqlite3.h>

#include "bench-util.h"

static const char usage[] = "[NARRATIVES [CODINGS [RUNS]]]";

/* The size of what was generated, read back from the file. */
static void
measure_text (const char *path,
              double     *megabytes,
              double     *million_chars)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  *megabytes = *million_chars = 0;
  if (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK &&
      sqlite3_prepare_v2 (db, "SELECT total (length (CAST (text AS BLOB))), total (length)"
                              " FROM narrative", -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    {
      *megabytes = sqlite3_column_double (stmt, 0) / 1e6;
      *million_chars = sqlite3_column_double (stmt, 1) / 1e6;
    }
  sqlite3_finalize (stmt);
  sqlite3_close (db);
}

int
main (int    argc,
      char **argv)
{
  ShirabeGenerateOptions options = { 0 };
  guint n_runs;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree double *generate_times = NULL;
  g_autofree double *close_times = NULL;
  double megabytes = 0;
  double million_chars = 0;
  double file_mb = 0;
  double generate_time;
  double close_time;

  bench_init ();

  options.n_narratives = bench_parse_arg (argc, argv, 1, 2000, usage);
  options.n_codings = bench_parse_arg (argc, argv, 2, 100000, usage);
  n_runs = bench_parse_arg (argc, argv, 3, BENCH_DEFAULT_RUNS, usage);
  options.seed = 20240401;

  generate_times = g_new (double, n_runs);
  close_times = g_new (double, n_runs);
  dir = bench_make_tmp_dir ();
  path = g_build_filename (dir, "generated.shirabe", NULL);

  printf ("bench-generate: %u narratives, %u codings, median of %u runs\n",
          options.n_narratives, options.n_codings, n_runs);

  for (guint run = 0; run < n_runs; run++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(ShirabeProject) project = NULL;
      double start;

      bench_unlink_project (path);
      /* No history: a generated study is not an edit to undo, and the CLI opens projects so. */
      project = shirabe_project_create (path, "Benchmark", SHIRABE_PROJECT_NO_HISTORY, &error);
      if (project == NULL)
        g_error ("%s", error->message);

      start = bench_now ();
      if (!shirabe_project_generate (project, &options, NULL, &error))
        g_error ("%s", error->message);
      generate_times[run] = bench_now () - start;

      /* Closing checkpoints the whole write-ahead log into the file: part of the user's wait. */
      start = bench_now ();
      if (!shirabe_project_close (project, &error))
        g_error ("%s", error->message);
      close_times[run] = bench_now () - start;
    }

  measure_text (path, &megabytes, &million_chars);
  file_mb = bench_file_size (path) / 1e6;
  generate_time = bench_median (generate_times, n_runs);
  close_time = bench_median (close_times, n_runs);

  printf ("  generate              %8.2f s   %9.0f narratives/s  %9.0f codings/s"
          "  %6.1f MB/s of text\n",
          generate_time, options.n_narratives / generate_time,
          options.n_codings / generate_time, megabytes / generate_time);
  printf ("  close (checkpoint)    %8.2f s\n", close_time);
  printf ("  generate + close      %8.2f s\n", generate_time + close_time);
  printf ("  text                  %8.1f MB UTF-8, %.2f million code points"
          " (%.0f per narrative)\n",
          megabytes, million_chars,
          options.n_narratives ? million_chars * 1e6 / options.n_narratives : 0.0);
  printf ("  project file          %8.1f MB\n", file_mb);
  bench_print_peak_rss ();

  bench_rm_rf (dir);
  return 0;
}
