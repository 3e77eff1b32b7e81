/* bench-coding.c: how fast codings go in through the core API, against raw SQLite
 *
 * usage: bench-coding [CODINGS [RUNS [PER_CALL_RUNS]]]   (defaults 100,000, 5 and 3)
 *
 * The floor is what SQLite alone needs to insert the same rows into the same schema: one
 * prepared statement, one transaction. The API is measured as the app uses it (one call, one
 * transaction, one undo step per coding) and batched in one begin_edit/end_edit, each with and
 * without an undo history. Every run starts from a fresh copy of one generated project.
 *
 * One transaction per coding means one WAL sync per coding (synchronous=FULL): the per-call
 * runs take tens of seconds each, hence fewer of them by default.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include <sqlite3.h>

#include "bench-util.h"
#include "shirabe-project-private.h"

static const char usage[] = "[CODINGS [RUNS [PER_CALL_RUNS]]]";

#define N_NARRATIVES 200

typedef struct
{
  gint64 narrative_id;
  gint64 code_id;
  gint64 coder_id;
  gint64 start;
  gint64 end;
} Row;

typedef struct
{
  char  *dir;
  char  *base_path;
  char  *work_path;
  Row   *rows;
  char **uuids;       /* for the floor, made before the clock starts */
  guint  n_rows;
} Bench;

typedef double (*RunFunc) (Bench    *bench,
                           gboolean  history);

static void
exec_or_die (sqlite3    *db,
             const char *sql)
{
  if (sqlite3_exec (db, sql, NULL, NULL, NULL) != SQLITE_OK)
    g_error ("%s: %s", sql, sqlite3_errmsg (db));
}

static GArray *
query_ids (sqlite3    *db,
           const char *sql,
           gboolean    with_length,
           GArray    **lengths)
{
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt = NULL;

  if (with_length)
    *lengths = g_array_new (FALSE, FALSE, sizeof (gint64));
  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    g_error ("%s: %s", sql, sqlite3_errmsg (db));
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (ids, id);
      if (with_length)
        {
          gint64 length = sqlite3_column_int64 (stmt, 1);
          g_array_append_val (*lengths, length);
        }
    }
  sqlite3_finalize (stmt);
  return ids;
}

/* A project with narratives, codes and coders but no codings, and the rows to insert. */
static void
bench_setup (Bench *bench,
             guint  n_rows)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ShirabeProject) project = NULL;
  g_autoptr(GArray) narratives = NULL;
  g_autoptr(GArray) lengths = NULL;
  g_autoptr(GArray) codes = NULL;
  g_autoptr(GArray) coders = NULL;
  ShirabeGenerateOptions options = { .n_narratives = N_NARRATIVES, .seed = 99 };
  guint64 state = 12345;
  sqlite3 *db = NULL;

  bench->dir = bench_make_tmp_dir ();
  bench->base_path = g_build_filename (bench->dir, "base.shirabe", NULL);
  bench->work_path = g_build_filename (bench->dir, "work.shirabe", NULL);
  bench->n_rows = n_rows;

  project = shirabe_project_create (bench->base_path, "Benchmark", SHIRABE_PROJECT_NO_HISTORY,
                                    &error);
  if (project == NULL || !shirabe_project_generate (project, &options, NULL, &error) ||
      !shirabe_project_close (project, &error))
    g_error ("%s", error->message);

  if (sqlite3_open_v2 (bench->base_path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
    g_error ("cannot open %s", bench->base_path);
  narratives = query_ids (db, "SELECT id, length FROM narrative ORDER BY id", TRUE, &lengths);
  codes = query_ids (db, "SELECT id FROM code WHERE codable ORDER BY id", FALSE, NULL);
  coders = query_ids (db, "SELECT id FROM coder ORDER BY id", FALSE, NULL);
  sqlite3_close (db);

  bench->rows = g_new (Row, n_rows);
  bench->uuids = g_new0 (char *, n_rows + 1);
  for (guint i = 0; i < n_rows; i++)
    {
      Row *row = &bench->rows[i];
      guint which = bench_random_below (&state, narratives->len);
      gint64 length = g_array_index (lengths, gint64, which);
      gint64 span;

      row->narrative_id = g_array_index (narratives, gint64, which);
      row->code_id = g_array_index (codes, gint64, bench_random_below (&state, codes->len));
      row->coder_id = g_array_index (coders, gint64, bench_random_below (&state, coders->len));
      row->start = bench_random_below (&state, (guint) (length - 5));
      /* Drawn apart from MIN, which evaluates its arguments twice. */
      span = 5 + bench_random_below (&state, 200);
      row->end = MIN (row->start + span, length);
      bench->uuids[i] = g_uuid_string_random ();
    }
}

static void
bench_teardown (Bench *bench)
{
  bench_rm_rf (bench->dir);
  g_free (bench->dir);
  g_free (bench->base_path);
  g_free (bench->work_path);
  g_free (bench->rows);
  g_strfreev (bench->uuids);
}

/* Each run works on its own copy, so that every variant inserts into the same starting file. */
static void
fresh_copy (Bench *bench)
{
  g_autoptr(GFile) source = g_file_new_for_path (bench->base_path);
  g_autoptr(GFile) dest = g_file_new_for_path (bench->work_path);
  g_autoptr(GError) error = NULL;

  bench_unlink_project (bench->work_path);
  if (!g_file_copy (source, dest, G_FILE_COPY_OVERWRITE, NULL, NULL, NULL, &error))
    g_error ("%s", error->message);
}

static double
run_floor (Bench    *bench,
           gboolean  history)
{
  g_autofree char *now = shirabe_now_iso8601 ();
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  double start;
  double elapsed;

  fresh_copy (bench);
  if (sqlite3_open_v2 (bench->work_path, &db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK)
    g_error ("cannot open %s", bench->work_path);
  /* The settings a project connection has, so that only the API's own work differs. */
  exec_or_die (db, "PRAGMA foreign_keys = ON; PRAGMA journal_mode = WAL;"
                   " PRAGMA synchronous = FULL;");

  start = bench_now ();
  exec_or_die (db, "BEGIN IMMEDIATE");
  if (sqlite3_prepare_v2 (db, "INSERT INTO coding (uuid, narrative_id, code_id, coder_id,"
                              " start, end, memo, created_at)"
                              " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                          -1, &stmt, NULL) != SQLITE_OK)
    g_error ("%s", sqlite3_errmsg (db));
  for (guint i = 0; i < bench->n_rows; i++)
    {
      const Row *row = &bench->rows[i];

      sqlite3_bind_text (stmt, 1, bench->uuids[i], -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 2, row->narrative_id);
      sqlite3_bind_int64 (stmt, 3, row->code_id);
      sqlite3_bind_int64 (stmt, 4, row->coder_id);
      sqlite3_bind_int64 (stmt, 5, row->start);
      sqlite3_bind_int64 (stmt, 6, row->end);
      sqlite3_bind_text (stmt, 7, "", 0, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 8, now, -1, SQLITE_STATIC);
      if (sqlite3_step (stmt) != SQLITE_DONE)
        g_error ("%s", sqlite3_errmsg (db));
      sqlite3_reset (stmt);
    }
  sqlite3_finalize (stmt);
  exec_or_die (db, "COMMIT");
  elapsed = bench_now () - start;

  sqlite3_close (db);
  return elapsed;
}

static ShirabeProject *
open_work_copy (Bench    *bench,
                gboolean  history)
{
  g_autoptr(GError) error = NULL;
  ShirabeProject *project;

  fresh_copy (bench);
  project = shirabe_project_open (bench->work_path,
                                  history ? SHIRABE_PROJECT_DEFAULT : SHIRABE_PROJECT_NO_HISTORY,
                                  &error);
  if (project == NULL)
    g_error ("%s", error->message);
  return project;
}

static void
add_all (Bench          *bench,
         ShirabeProject *project)
{
  for (guint i = 0; i < bench->n_rows; i++)
    {
      g_autoptr(GError) error = NULL;
      const Row *row = &bench->rows[i];

      if (shirabe_project_add_coding (project, row->narrative_id, row->code_id, row->coder_id,
                                      row->start, row->end, NULL, &error) == 0)
        g_error ("%s", error->message);
    }
}

static double
run_api_per_call (Bench    *bench,
                  gboolean  history)
{
  g_autoptr(ShirabeProject) project = open_work_copy (bench, history);
  double start = bench_now ();
  double elapsed;

  add_all (bench, project);
  elapsed = bench_now () - start;
  shirabe_project_close (project, NULL);
  return elapsed;
}

static double
run_api_batched (Bench    *bench,
                 gboolean  history)
{
  g_autoptr(ShirabeProject) project = open_work_copy (bench, history);
  g_autoptr(GError) error = NULL;
  double start = bench_now ();
  double elapsed;

  if (!shirabe_project_begin_edit (project, &error))
    g_error ("%s", error->message);
  add_all (bench, project);
  if (!shirabe_project_end_edit (project, TRUE, "Benchmark", &error))
    g_error ("%s", error->message);
  elapsed = bench_now () - start;
  shirabe_project_close (project, NULL);
  return elapsed;
}

static double
measure (Bench    *bench,
         RunFunc   run,
         gboolean  history,
         guint     n_runs)
{
  g_autofree double *times = g_new (double, n_runs);

  for (guint i = 0; i < n_runs; i++)
    times[i] = run (bench, history);
  return bench_median (times, n_runs);
}

static void
print_line (const char *label,
            guint       n_rows,
            double      seconds,
            double      floor_rate)
{
  double rate = n_rows / seconds;

  if (floor_rate <= 0)
    printf ("  %-40s %8.3f s  %9.0f codings/s\n", label, seconds, rate);
  else
    printf ("  %-40s %8.3f s  %9.0f codings/s   API/floor %.3f (%.1f times slower)\n",
            label, seconds, rate, rate / floor_rate, floor_rate / rate);
  fflush (stdout);
}

int
main (int    argc,
      char **argv)
{
  Bench bench = { 0 };
  guint n_rows = bench_parse_arg (argc, argv, 1, 100000, usage);
  guint n_runs = bench_parse_arg (argc, argv, 2, BENCH_DEFAULT_RUNS, usage);
  guint n_per_call_runs = bench_parse_arg (argc, argv, 3, 3, usage);
  double floor_time;
  double floor_rate;

  bench_init ();

  bench_setup (&bench, n_rows);
  printf ("bench-coding: %u codings into %u narratives, synchronous=FULL, median of %u runs"
          " (%u for the per-call variants)\n",
          n_rows, N_NARRATIVES, n_runs, n_per_call_runs);

  floor_time = measure (&bench, run_floor, FALSE, n_runs);
  floor_rate = n_rows / floor_time;
  print_line ("floor: raw SQLite, one transaction", n_rows, floor_time, 0);
  print_line ("API batched (one edit), no history", n_rows,
              measure (&bench, run_api_batched, FALSE, n_runs), floor_rate);
  print_line ("API batched (one edit), history", n_rows,
              measure (&bench, run_api_batched, TRUE, n_runs), floor_rate);
  print_line ("API per call (one edit each), no history", n_rows,
              measure (&bench, run_api_per_call, FALSE, n_per_call_runs), floor_rate);
  print_line ("API per call (one edit each), history", n_rows,
              measure (&bench, run_api_per_call, TRUE, n_per_call_runs), floor_rate);
  bench_print_peak_rss ();

  bench_teardown (&bench);
  return 0;
}
