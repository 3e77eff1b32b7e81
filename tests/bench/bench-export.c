/* bench-export.c: time and peak memory of the statistics export, beside a floor
 *
 *   bench-export [--narratives N] [--codings N] [--runs N] [--project PATH] [--csv]
 *
 * Generates a project (shirabe_project_generate; --project keeps it, and reuses it when the
 * file exists), then exports it to XLSX several times, each in a fresh process so that its
 * peak RSS is its own, and runs bench-export-floor as often: a program that writes a workbook
 * of the same shape (sheets, rows, cells of the same types and mean sizes) with libxlsxwriter
 * from memory. Prints the medians and the ratios export / floor.
 *
 * The default size runs in about a minute. The design's large study:
 *   bench-export --narratives 10000 --codings 500000 --project /var/tmp/large.shirabe
 * and memory flatness, 50,000 against 500,000 codings:
 *   bench-export --narratives 10000 --codings 50000 --runs 3
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <errno.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <sqlite3.h>

#include "bench-util.h"
#include "shirabe-export.h"

typedef struct
{
  double  seconds;
  double  rss_mb;
  double  size_mb;
} Run;

static double
median (GArray *values)
{
  return values->len > 0 ? bench_median ((double *) values->data, values->len) : 0;
}

/* Runs @argv in a new process; returns its stdout (the seconds it measured) and peak RSS. */
static gboolean
run_child (const char * const  *argv,
           const char          *output,
           Run                 *run)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  GPid pid;
  int out_fd;
  int status;
  struct rusage usage;
  GString *text = g_string_new (NULL);
  char buffer[256];
  gssize n;

  if (!g_spawn_async_with_pipes (NULL, (char **) argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD, NULL,
                                 NULL, &pid, NULL, &out_fd, NULL, &error))
    g_error ("cannot run %s: %s", argv[0], error->message);
  while ((n = read (out_fd, buffer, sizeof buffer)) > 0)
    g_string_append_len (text, buffer, n);
  close (out_fd);
  if (wait4 (pid, &status, 0, &usage) < 0)
    g_error ("wait4: %s", g_strerror (errno));
  out = g_string_free (text, FALSE);
  if (!WIFEXITED (status) || WEXITSTATUS (status) != 0)
    {
      g_printerr ("%s failed (status %d)\n", argv[0], status);
      return FALSE;
    }
  run->seconds = g_ascii_strtod (out, NULL);
  run->rss_mb = usage.ru_maxrss / 1024.0;
  run->size_mb = bench_file_size (output) / 1048576.0;
  return TRUE;
}

/* The child: one export, timed from opening the project to the renamed file. */
static int
child_export (const char *project_path,
              const char *output,
              gboolean    csv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ShirabeProject) project = NULL;
  ShirabeExportOptions options = { .format = csv ? SHIRABE_EXPORT_CSV : SHIRABE_EXPORT_XLSX };
  gint64 start = g_get_monotonic_time ();

  project = shirabe_project_open (project_path,
                                  SHIRABE_PROJECT_READ_ONLY | SHIRABE_PROJECT_NO_HISTORY, &error);
  if (project == NULL ||
      !shirabe_project_export (project, output, &options, NULL, NULL, NULL, NULL, &error))
    {
      g_printerr ("bench-export: %s\n", error->message);
      return 1;
    }
  printf ("%.6f\n", (g_get_monotonic_time () - start) / 1e6);
  return 0;
}

/* The shape of the export, for the floor: rows per table, and per column its type, mean size
 * and how often it holds a value. Read from the project with SQL; not timed. */

static double
query_double (sqlite3    *db,
              const char *sql,
              gint64      arg)
{
  sqlite3_stmt *stmt = NULL;
  double value = 0;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    g_error ("%s: %s", sql, sqlite3_errmsg (db));
  sqlite3_bind_int64 (stmt, 1, arg);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_double (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

/* A text column of @bytes on average, @distinct values (0: many), each over @run rows in a row,
 * in @percent of the rows. */
static void
append_text_column (GString *spec,
                    char     type,
                    double   bytes,
                    double   distinct,
                    double   run,
                    double   percent)
{
  g_string_append_printf (spec, "%s%c%u", spec->str[spec->len - 1] == ':' ? "" : ",", type,
                          (guint) MAX (1, bytes + 0.5));
  if (distinct >= 1)
    g_string_append_printf (spec, "x%u", (guint) (distinct + 0.5));
  if (run >= 1.5)
    g_string_append_printf (spec, "r%u", (guint) (run + 0.5));
  if (percent < 99.5)
    g_string_append_printf (spec, "@%u", (guint) (percent + 0.5));
}

static void
append_column (GString    *spec,
               const char *column)
{
  g_string_append_printf (spec, "%s%s", spec->str[spec->len - 1] == ':' ? "" : ",", column);
}

static void
append_attributes (GString    *spec,
                   sqlite3    *db,
                   const char *scope,
                   double      n_owners)
{
  sqlite3_stmt *stmt = NULL;

  sqlite3_prepare_v2 (db,
                      "SELECT a.type, count(v.id),"
                      " avg(CASE WHEN typeof(v.value) = 'text' THEN length(CAST(v.value AS BLOB))"
                      " END), count(DISTINCT v.value) FROM attribute a LEFT JOIN attribute_value v ON v.attribute_id = a.id"
                      " WHERE a.scope = ?1 GROUP BY a.id ORDER BY a.position, a.id",
                      -1, &stmt, NULL);
  sqlite3_bind_text (stmt, 1, scope, -1, SQLITE_STATIC);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *type = (const char *) sqlite3_column_text (stmt, 0);
      double percent = n_owners > 0 ? 100.0 * sqlite3_column_double (stmt, 1) / n_owners : 0;
      char column[32];

      if (g_str_equal (type, "text") || g_str_equal (type, "choice"))
        {
          append_text_column (spec, 's', sqlite3_column_double (stmt, 2),
                              sqlite3_column_double (stmt, 3), 1, percent);
          continue;
        }
      g_snprintf (column, sizeof column, "%c", g_str_equal (type, "number") ? 'n'
                                               : g_str_equal (type, "date") ? 'd' : 'i');
      if (percent < 99.5)
        g_snprintf (column + 1, sizeof column - 1, "@%u", (guint) (percent + 0.5));
      append_column (spec, column);
    }
  sqlite3_finalize (stmt);
}

static GPtrArray *
export_shape (const char *project_path)
{
  GPtrArray *sheets = g_ptr_array_new_with_free_func (g_free);
  sqlite3 *db = NULL;
  double n_cases, n_narratives, n_codings, n_codes, n_codable, n_coders;
  double n_languages, n_kinds;
  double case_name, title, path, label, var_name, coder, excerpt, memo, memo_set, kind;
  double description_en, description_ja, label_ja;
  double per_case, per_narrative;
  GString *spec;

  if (sqlite3_open_v2 (project_path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
    g_error ("cannot open %s", project_path);

  n_cases = query_double (db, "SELECT count(*) FROM cases", 0);
  n_narratives = query_double (db, "SELECT count(*) FROM narrative", 0);
  n_codings = query_double (db, "SELECT count(*) FROM coding", 0);
  n_codes = query_double (db, "SELECT count(*) FROM code", 0);
  n_codable = query_double (db, "SELECT count(*) FROM code WHERE codable", 0);
  n_coders = query_double (db, "SELECT count(*) FROM coder", 0);
  n_languages = query_double (db, "SELECT count(DISTINCT language) FROM narrative", 0);
  n_kinds = query_double (db, "SELECT count(DISTINCT kind) FROM narrative", 0);
  case_name = query_double (db, "SELECT avg(length(CAST(name AS BLOB))) FROM cases", 0);
  title = query_double (db, "SELECT avg(length(CAST(title AS BLOB))) FROM narrative", 0);
  kind = query_double (db, "SELECT avg(length(CAST(kind AS BLOB))) FROM narrative", 0);
  label = query_double (db, "SELECT avg(length(CAST(label_en AS BLOB))) FROM code", 0);
  label_ja = query_double (db, "SELECT avg(length(CAST(label_ja AS BLOB))) FROM code", 0);
  description_en = query_double (db, "SELECT avg(length(CAST(description_en AS BLOB))) FROM code",
                                 0);
  description_ja = query_double (db, "SELECT avg(length(CAST(description_ja AS BLOB))) FROM code",
                                 0);
  var_name = query_double (db, "SELECT avg(length(var_name)) FROM code", 0);
  /* A path is about depth × label; depth 3 in generated trees. */
  path = query_double (db, "SELECT avg(length(CAST(label_en AS BLOB))) * 2.5 + 2 FROM code", 0);
  coder = query_double (db, "SELECT avg(length(CAST(name AS BLOB))) FROM coder", 0);
  memo = query_double (db, "SELECT avg(length(CAST(memo AS BLOB))) FROM coding WHERE memo <> ''",
                       0);
  memo_set = n_codings > 0
             ? 100.0 * query_double (db, "SELECT count(*) FROM coding WHERE memo <> ''", 0)
               / n_codings
             : 0;
  /* Bytes of the excerpts: code points times each narrative's bytes per code point. */
  excerpt = query_double (db,
                          "WITH r AS MATERIALIZED (SELECT id, length(CAST(text AS BLOB)) * 1.0"
                          "   / max(length, 1) AS bpc FROM narrative)"
                          " SELECT avg((g.end - g.start) * r.bpc) FROM coding g"
                          " JOIN r ON r.id = g.narrative_id",
                          0);

  /* Rows that share a value one after another: a case's codings, a narrative's codings. */
  per_case = n_cases > 0 ? n_codings / n_cases : 1;
  per_narrative = n_narratives > 0 ? n_codings / n_narratives : 1;

  spec = g_string_new (NULL);
  g_string_printf (spec, "cases:%.0f:i", n_cases);
  append_text_column (spec, 's', case_name, n_cases, 1, 100);
  append_attributes (spec, db, "case", n_cases);
  for (guint i = 0; i < n_codable; i++)
    append_column (spec, "i");
  g_ptr_array_add (sheets, g_string_free (spec, FALSE));

  spec = g_string_new (NULL);
  g_string_printf (spec, "codings:%.0f:u,i", n_codings);
  append_text_column (spec, 's', case_name, n_cases, per_case, 100);
  append_column (spec, "i");
  append_text_column (spec, 's', title, n_narratives, per_narrative, 100);
  append_text_column (spec, 's', path, n_codes, 1, 100);
  append_text_column (spec, 's', label, n_codes, 1, 100);
  append_text_column (spec, 's', var_name, n_codes, 1, 100);
  append_text_column (spec, 's', coder, n_coders, 1, 100);
  append_column (spec, "i,i");
  append_text_column (spec, 'w', excerpt, 0, 1, 100);
  append_text_column (spec, 'w', memo, 0, 1, memo_set);
  append_column (spec, "t");
  g_ptr_array_add (sheets, g_string_free (spec, FALSE));

  spec = g_string_new (NULL);
  g_string_printf (spec, "codebook:%.0f:i", n_codes);
  append_text_column (spec, 's', path, n_codes, 1, 100);
  append_text_column (spec, 's', label, n_codes, 1, 100);
  append_text_column (spec, 's', label_ja, n_codes, 1, 100);
  append_text_column (spec, 'w', description_en, n_codes, 1, description_en > 0 ? 100 : 0);
  append_text_column (spec, 'w', description_ja, n_codes, 1, description_ja > 0 ? 100 : 0);
  append_column (spec, "s7");
  append_text_column (spec, 's', var_name, n_codes, 1, 100);
  append_column (spec, "i,i,i");
  g_ptr_array_add (sheets, g_string_free (spec, FALSE));

  spec = g_string_new (NULL);
  g_string_printf (spec, "narratives:%.0f:i,i", n_narratives);
  append_text_column (spec, 's', case_name, n_cases,
                      n_cases > 0 ? n_narratives / n_cases : 1, 100);
  append_text_column (spec, 's', title, n_narratives, 1, 100);
  append_text_column (spec, 's', 2, n_languages, 1, 100);
  append_text_column (spec, 's', kind, n_kinds, 1, 100);
  append_column (spec, "i,s6x3");
  append_attributes (spec, db, "narrative", n_narratives);
  append_column (spec, "i");
  g_ptr_array_add (sheets, g_string_free (spec, FALSE));

  spec = g_string_new (NULL);
  g_string_printf (spec, "cooccurrence:%.0f:", n_codable);
  append_text_column (spec, 's', label, n_codable, 1, 100);
  for (guint i = 0; i < n_codable; i++)
    append_column (spec, "i");
  g_ptr_array_add (sheets, g_string_free (spec, FALSE));

  sqlite3_close (db);
  return sheets;
}

/* Narrative text for the floor to cut its text cells from: the first few MB of the project's. */
static void
write_sample (const char *project_path,
              const char *sample_path)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  GString *sample = g_string_new (NULL);

  sqlite3_open_v2 (project_path, &db, SQLITE_OPEN_READONLY, NULL);
  sqlite3_prepare_v2 (db, "SELECT text FROM narrative ORDER BY id", -1, &stmt, NULL);
  while (sample->len < 4 << 20 && sqlite3_step (stmt) == SQLITE_ROW)
    g_string_append_len (sample, (const char *) sqlite3_column_text (stmt, 0),
                         sqlite3_column_bytes (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  if (!g_file_set_contents (sample_path, sample->str, sample->len, NULL))
    g_error ("cannot write %s", sample_path);
  g_string_free (sample, TRUE);
}

static gboolean
generate (const char *project_path,
          guint       n_narratives,
          guint       n_codings)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ShirabeProject) project = NULL;
  ShirabeGenerateOptions options = { .n_narratives = n_narratives, .n_codings = n_codings,
                                     .seed = 1 };
  gint64 start = g_get_monotonic_time ();

  project = shirabe_project_create (project_path, "Benchmark",
                                    SHIRABE_PROJECT_NO_HISTORY, &error);
  if (project == NULL ||
      !shirabe_project_generate (project, &options, NULL, &error) ||
      !shirabe_project_close (project, &error))
    {
      g_printerr ("bench-export: cannot generate the project: %s\n", error->message);
      return FALSE;
    }
  g_print ("generated %u narratives, %u codings in %.1f s\n", n_narratives, n_codings,
           (g_get_monotonic_time () - start) / 1e6);
  return TRUE;
}

static void
print_line (const char *what,
            GArray     *seconds,
            GArray     *rss,
            GArray     *size)
{
  g_print ("%-8s %8.2f s %8.1f MB peak RSS %8.1f MB file\n", what, median (seconds),
           median (rss), median (size));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) shape = NULL;
  g_autofree char *project_path = NULL;
  g_autofree char *child_project = NULL;
  g_autofree char *child_output = NULL;
  g_autofree char *floor_path = NULL;
  g_autofree char *tmp = NULL;
  g_autofree char *self_path = NULL;
  g_autofree char *output = NULL;
  g_autofree char *floor_output = NULL;
  g_autofree char *sample_path = NULL;
  int n_narratives = 2000;
  int n_codings = 100000;
  int n_runs = 5;
  gboolean csv = FALSE;
  gboolean generated_here = FALSE;
  GArray *times[2], *rss[2], *sizes[2];
  GOptionEntry entries[] = {
    { "narratives", 0, 0, G_OPTION_ARG_INT, &n_narratives, "Narratives to generate", "N" },
    { "codings", 0, 0, G_OPTION_ARG_INT, &n_codings, "Codings to generate", "N" },
    { "runs", 0, 0, G_OPTION_ARG_INT, &n_runs, "Exports (and floors) to run", "N" },
    { "project", 0, 0, G_OPTION_ARG_FILENAME, &project_path,
      "Keep the generated project here, or reuse it when it exists", "PATH" },
    { "csv", 0, 0, G_OPTION_ARG_NONE, &csv, "Also time a CSV export (no floor)", NULL },
    { "floor", 0, 0, G_OPTION_ARG_FILENAME, &floor_path, "The floor program", "PATH" },
    { "child-project", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_FILENAME, &child_project, NULL,
      NULL },
    { "child-output", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_FILENAME, &child_output, NULL,
      NULL },
    { NULL }
  };

  bench_init ();
  context = g_option_context_new ("— time the export against a libxlsxwriter floor");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("bench-export: %s\n", error->message);
      return 1;
    }
  if (child_project != NULL && child_output != NULL)
    return child_export (child_project, child_output, csv);

  self_path = g_file_read_link ("/proc/self/exe", NULL);
  if (floor_path == NULL)
    {
      g_autofree char *dir = g_path_get_dirname (self_path);

      floor_path = g_build_filename (dir, "bench-export-floor", NULL);
    }

  tmp = bench_make_tmp_dir ();
  if (project_path == NULL)
    project_path = g_build_filename (tmp, "bench.shirabe", NULL);
  if (!g_file_test (project_path, G_FILE_TEST_EXISTS))
    {
      if (!generate (project_path, n_narratives, n_codings))
        return 2;
      generated_here = TRUE;
    }
  else
    bench_reuse_project (project_path);

  shape = export_shape (project_path);
  {
    sqlite3 *db = NULL;

    sqlite3_open_v2 (project_path, &db, SQLITE_OPEN_READONLY, NULL);
    g_print ("project: %.0f cases, %.0f narratives (%.1f MB of text), %.0f codings, "
             "%.0f codes\n",
             query_double (db, "SELECT count(*) FROM cases", 0),
             query_double (db, "SELECT count(*) FROM narrative", 0),
             query_double (db, "SELECT sum(length(CAST(text AS BLOB))) FROM narrative", 0)
             / 1048576.0,
             query_double (db, "SELECT count(*) FROM coding", 0),
             query_double (db, "SELECT count(*) FROM code", 0));
    sqlite3_close (db);
  }

  sample_path = g_build_filename (tmp, "sample.txt", NULL);
  write_sample (project_path, sample_path);
  output = g_build_filename (tmp, "export.xlsx", NULL);
  floor_output = g_build_filename (tmp, "floor.xlsx", NULL);
  for (guint i = 0; i < 2; i++)
    {
      times[i] = g_array_new (FALSE, FALSE, sizeof (double));
      rss[i] = g_array_new (FALSE, FALSE, sizeof (double));
      sizes[i] = g_array_new (FALSE, FALSE, sizeof (double));
    }

  for (int run = 0; run < n_runs; run++)
    {
      const char *export_argv[] = { self_path, "--child-project", project_path,
                                    "--child-output", output, NULL };
      g_autoptr(GPtrArray) floor_argv = g_ptr_array_new ();
      Run result;

      if (!run_child (export_argv, output, &result))
        return 2;
      g_array_append_val (times[0], result.seconds);
      g_array_append_val (rss[0], result.rss_mb);
      g_array_append_val (sizes[0], result.size_mb);
      g_unlink (output);

      g_ptr_array_add (floor_argv, floor_path);
      g_ptr_array_add (floor_argv, floor_output);
      g_ptr_array_add (floor_argv, sample_path);
      for (guint i = 0; i < shape->len; i++)
        g_ptr_array_add (floor_argv, g_ptr_array_index (shape, i));
      g_ptr_array_add (floor_argv, NULL);
      if (!run_child ((const char * const *) floor_argv->pdata, floor_output, &result))
        return 2;
      g_array_append_val (times[1], result.seconds);
      g_array_append_val (rss[1], result.rss_mb);
      g_array_append_val (sizes[1], result.size_mb);
      g_unlink (floor_output);
    }

  g_print ("median of %d runs:\n", n_runs);
  print_line ("export", times[0], rss[0], sizes[0]);
  print_line ("floor", times[1], rss[1], sizes[1]);
  g_print ("ratio    %8.2fx    %8.2fx\n", median (times[0]) / median (times[1]),
           median (rss[0]) / median (rss[1]));

  if (csv)
    {
      g_autofree char *csv_output = g_build_filename (tmp, "csv", NULL);
      const char *csv_argv[] = { self_path, "--csv", "--child-project", project_path,
                                 "--child-output", csv_output, NULL };
      Run result;

      if (run_child (csv_argv, csv_output, &result))
        g_print ("csv      %8.2f s %8.1f MB peak RSS\n", result.seconds, result.rss_mb);
      bench_rm_rf (csv_output);
    }

  if (generated_here && g_str_has_prefix (project_path, tmp))
    bench_unlink_project (project_path);
  g_unlink (sample_path);
  bench_rm_rf (tmp);
  for (guint i = 0; i < 2; i++)
    {
      g_array_unref (times[i]);
      g_array_unref (rss[i]);
      g_array_unref (sizes[i]);
    }
  return 0;
}
