/* bench-sav.c: time and peak memory of the SPSS and Stata export, beside ReadStat's floor
 *
 *   bench-sav [--narratives N] [--codings N] [--runs N] [--project PATH]
 *
 * Generates a project (or reuses --project), then for the cases table and the codings table,
 * in .sav and .dta, runs the export (shirabe_project_export with --table, one file) several
 * times, each in a fresh process so that its peak RSS is its own, beside two floors, each timed
 * in a fresh process too:
 *
 * - the write floor: a process reads the exported file into memory with ReadStat's reader
 *   (untimed) and then times ReadStat writing the same variables, labels and values from memory
 *   to a file. It is what writing the format costs at the least.
 * - the read floor: a process times SQLite reading, in one plain statement per table, every
 *   source column the table is computed from (the cases table: cases, their attribute values,
 *   the narratives' case and status, and every coding's narrative, code, coder, place and
 *   origin; the codings table: every coding's columns and every narrative's case, title and
 *   text), each value fetched once and nothing computed. It is what reading the project costs at
 *   the least. A narrative's status is stored after its text, so reading it reads the texts.
 *
 * An export cannot be faster than either floor, and one that reads and writes in the same
 * thread takes at least their sum. Prints the medians, export / write floor and
 * export / (read floor + write floor), the goal being at most 1.5 x.
 *
 * The default size runs in a minute or two. The design's large study:
 *   bench-sav --narratives 10000 --codings 500000 --project /var/tmp/large.shirabe
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <errno.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <readstat.h>
#include <sqlite3.h>

#include "bench-util.h"
#include "shirabe-export.h"
#include "shirabe-generate.h"

typedef struct
{
  double seconds;
  double rss_mb;
} Run;

/* The child: one export, timed from opening the project to the renamed file. */
static int
child_export (const char *project_path,
              const char *output,
              const char *table)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ShirabeProject) project = NULL;
  ShirabeExportOptions options = { .presence = TRUE };
  gint64 start = g_get_monotonic_time ();

  options.format = g_str_has_suffix (output, ".sav") ? SHIRABE_EXPORT_SAV
                   : g_str_has_suffix (output, ".dta") ? SHIRABE_EXPORT_DTA : SHIRABE_EXPORT_CSV;
  options.tables = g_str_equal (table, "cases") ? SHIRABE_EXPORT_TABLE_CASES
                                                : SHIRABE_EXPORT_TABLE_CODINGS;
  project = shirabe_project_open (project_path,
                                  SHIRABE_PROJECT_READ_ONLY | SHIRABE_PROJECT_NO_HISTORY, &error);
  if (project == NULL ||
      !shirabe_project_export (project, output, &options, NULL, NULL, NULL, NULL, &error))
    {
      g_printerr ("bench-sav: %s\n", error->message);
      return 1;
    }
  printf ("%.6f\n", (g_get_monotonic_time () - start) / 1e6);
  return 0;
}

/* The floor: a table in memory, as ReadStat's reader gives it */

typedef struct
{
  char            *name;
  char            *label;
  char            *format;
  char            *label_set;
  readstat_type_t  type;
  size_t           width;
} FloorVariable;

typedef struct
{
  GArray     *variables;   /* FloorVariable */
  GArray     *numbers;     /* double, row-major over the numeric cells */
  GPtrArray  *strings;     /* char*, row-major over the text cells; NULL for missing */
  GString    *missing;     /* one byte per numeric cell: system missing */
  GHashTable *sets;        /* name → GArray of (double, char*) pairs as two arrays */
  GPtrArray  *set_names;
  char       *file_label;
  int         n_rows;
} Floor;

typedef struct
{
  GArray    *values;
  GPtrArray *labels;
} FloorSet;

static int
floor_metadata (readstat_metadata_t *metadata,
                void                *user_data)
{
  Floor *floor = user_data;

  floor->n_rows = readstat_get_row_count (metadata);
  floor->file_label = g_strdup (readstat_get_file_label (metadata));
  return READSTAT_HANDLER_OK;
}

static int
floor_variable (int                  index,
                readstat_variable_t *variable,
                const char          *val_labels,
                void                *user_data)
{
  Floor *floor = user_data;
  FloorVariable v = { 0 };

  v.name = g_strdup (readstat_variable_get_name (variable));
  v.label = g_strdup (readstat_variable_get_label (variable));
  v.format = g_strdup (readstat_variable_get_format (variable));
  v.label_set = g_strdup (val_labels);
  v.type = readstat_variable_get_type (variable);
  v.width = readstat_variable_get_storage_width (variable);
  g_array_append_val (floor->variables, v);
  return READSTAT_HANDLER_OK;
}

static int
floor_value (int                  obs_index,
             readstat_variable_t *variable,
             readstat_value_t     value,
             void                *user_data)
{
  Floor *floor = user_data;

  if (readstat_variable_get_type_class (variable) == READSTAT_TYPE_CLASS_STRING)
    {
      const char *text = readstat_string_value (value);

      g_ptr_array_add (floor->strings, g_strdup (text != NULL ? text : ""));
    }
  else
    {
      double number = readstat_double_value (value);

      g_string_append_c (floor->missing, readstat_value_is_system_missing (value));
      g_array_append_val (floor->numbers, number);
    }
  return READSTAT_HANDLER_OK;
}

static int
floor_value_label (const char       *val_labels,
                   readstat_value_t  value,
                   const char       *label,
                   void             *user_data)
{
  Floor *floor = user_data;
  FloorSet *set = g_hash_table_lookup (floor->sets, val_labels);
  double number = readstat_double_value (value);

  if (set == NULL)
    {
      set = g_new0 (FloorSet, 1);
      set->values = g_array_new (FALSE, FALSE, sizeof (double));
      set->labels = g_ptr_array_new_with_free_func (g_free);
      g_hash_table_insert (floor->sets, g_strdup (val_labels), set);
      g_ptr_array_add (floor->set_names, g_strdup (val_labels));
    }
  g_array_append_val (set->values, number);
  g_ptr_array_add (set->labels, g_strdup (label));
  return READSTAT_HANDLER_OK;
}

static ssize_t
floor_write (const void *data,
             size_t      len,
             void       *user_data)
{
  return fwrite (data, 1, len, user_data) == len ? (ssize_t) len : 0;
}

/* Writes @floor with ReadStat as the export wrote its file: the same variables, types,
 * widths, formats, labels, value labels, compression and values. */
static int
child_floor (const char *input,
             const char *output)
{
  readstat_parser_t *parser = readstat_parser_init ();
  readstat_writer_t *writer;
  Floor floor = { 0 };
  gboolean sav = g_str_has_suffix (input, ".sav");
  g_autoptr(GHashTable) sets = g_hash_table_new (g_str_hash, g_str_equal);
  readstat_variable_t **variables;
  readstat_error_t err;
  guint n_number = 0, n_string = 0;
  gint64 start;
  FILE *out;

  floor.variables = g_array_new (FALSE, TRUE, sizeof (FloorVariable));
  floor.numbers = g_array_new (FALSE, FALSE, sizeof (double));
  floor.strings = g_ptr_array_new ();
  floor.missing = g_string_new (NULL);
  floor.sets = g_hash_table_new (g_str_hash, g_str_equal);
  floor.set_names = g_ptr_array_new ();
  readstat_set_metadata_handler (parser, floor_metadata);
  readstat_set_variable_handler (parser, floor_variable);
  readstat_set_value_handler (parser, floor_value);
  readstat_set_value_label_handler (parser, floor_value_label);
  err = sav ? readstat_parse_sav (parser, input, &floor) : readstat_parse_dta (parser, input,
                                                                                 &floor);
  readstat_parser_free (parser);
  if (err != READSTAT_OK)
    {
      g_printerr ("bench-sav: cannot read %s: %s\n", input, readstat_error_message (err));
      return 1;
    }

  start = g_get_monotonic_time ();
  out = fopen (output, "wb");
  setvbuf (out, NULL, _IOFBF, 1 << 20);
  writer = readstat_writer_init ();
  readstat_set_data_writer (writer, floor_write);
  readstat_writer_set_file_label (writer, floor.file_label);
  for (guint i = 0; i < floor.set_names->len; i++)
    {
      const char *name = floor.set_names->pdata[i];
      FloorSet *set = g_hash_table_lookup (floor.sets, name);
      readstat_label_set_t *label_set = readstat_add_label_set (writer, READSTAT_TYPE_INT32,
                                                                name);

      for (guint k = 0; k < set->values->len; k++)
        readstat_label_int32_value (label_set, (int32_t) g_array_index (set->values, double, k),
                                    set->labels->pdata[k]);
      g_hash_table_insert (sets, (gpointer) name, label_set);
    }
  variables = g_new0 (readstat_variable_t *, floor.variables->len + 1);
  for (guint i = 0; i < floor.variables->len; i++)
    {
      FloorVariable *v = &g_array_index (floor.variables, FloorVariable, i);

      variables[i] = readstat_add_variable (writer, v->name, v->type, v->width);
      readstat_variable_set_label (variables[i], v->label);
      readstat_variable_set_format (variables[i], v->format);
      if (v->label_set != NULL && g_hash_table_lookup (sets, v->label_set) != NULL)
        readstat_variable_set_label_set (variables[i], g_hash_table_lookup (sets, v->label_set));
    }
  /* Stata's strL values before the first row, as ReadStat wants them. */
  for (int r = 0, s = 0; r < floor.n_rows; r++)
    for (guint i = 0; i < floor.variables->len; i++)
      {
        FloorVariable *v = &g_array_index (floor.variables, FloorVariable, i);

        if (v->type == READSTAT_TYPE_STRING_REF)
          readstat_add_string_ref (writer, floor.strings->pdata[s]);
        if (v->type == READSTAT_TYPE_STRING || v->type == READSTAT_TYPE_STRING_REF)
          s++;
      }
  if (sav)
    {
      readstat_writer_set_compression (writer, READSTAT_COMPRESS_ROWS);
      err = readstat_begin_writing_sav (writer, out, floor.n_rows);
    }
  else
    {
      readstat_writer_set_file_format_version (writer, 118);
      err = readstat_begin_writing_dta (writer, out, floor.n_rows);
    }
  for (int r = 0, ref = 0; r < floor.n_rows && err == READSTAT_OK; r++)
    {
      err = readstat_begin_row (writer);
      for (guint i = 0; i < floor.variables->len && err == READSTAT_OK; i++)
        {
          FloorVariable *v = &g_array_index (floor.variables, FloorVariable, i);

          if (v->type == READSTAT_TYPE_STRING)
            err = readstat_insert_string_value (writer, variables[i],
                                                floor.strings->pdata[n_string++]);
          else if (v->type == READSTAT_TYPE_STRING_REF)
            {
              n_string++;
              err = readstat_insert_string_ref (writer, variables[i],
                                                readstat_get_string_ref (writer, ref++));
            }
          else
            {
              double number = g_array_index (floor.numbers, double, n_number);

              if (floor.missing->str[n_number++])
                err = readstat_insert_missing_value (writer, variables[i]);
              else if (v->type == READSTAT_TYPE_INT8)
                err = readstat_insert_int8_value (writer, variables[i], (int8_t) number);
              else if (v->type == READSTAT_TYPE_INT16)
                err = readstat_insert_int16_value (writer, variables[i], (int16_t) number);
              else if (v->type == READSTAT_TYPE_INT32)
                err = readstat_insert_int32_value (writer, variables[i], (int32_t) number);
              else
                err = readstat_insert_double_value (writer, variables[i], number);
            }
        }
      if (err == READSTAT_OK)
        err = readstat_end_row (writer);
    }
  if (err == READSTAT_OK)
    err = readstat_end_writing (writer);
  readstat_writer_free (writer);
  if (err != READSTAT_OK || fflush (out) != 0 || fsync (fileno (out)) != 0 || fclose (out) != 0)
    {
      g_printerr ("bench-sav: the floor failed: %s\n", readstat_error_message (err));
      return 1;
    }
  printf ("%.6f\n", (g_get_monotonic_time () - start) / 1e6);
  /* The process ends here: its memory goes with it. */
  return 0;
}

/* The read floor: the source columns of @table, each fetched once, in one statement per table.
 * Text is fetched as stored (a pointer, no copy) and its bytes counted, so that nothing but
 * reading is timed. */
static const char *const read_floor_cases[] = {
  "SELECT id, name, position FROM cases",
  "SELECT case_id, attribute_id, value FROM attribute_value WHERE case_id IS NOT NULL",
  "SELECT id, case_id, translation_of, status FROM narrative",
  "SELECT narrative_id, code_id, coder_id, start, end, carried_from FROM coding",
  NULL
};

static const char *const read_floor_codings[] = {
  "SELECT id, name, position FROM cases",
  "SELECT id, case_id, position, title, text FROM narrative",
  "SELECT uuid, narrative_id, code_id, coder_id, start, end, memo, created_at FROM coding",
  NULL
};

/* Where the read floor leaves its sum: the reads cannot be optimised away. */
static volatile guint64 read_floor_sink;

static int
child_read (const char *project_path,
            const char *table)
{
  const char *const *statements = g_str_equal (table, "cases") ? read_floor_cases
                                                               : read_floor_codings;
  sqlite3 *db = NULL;
  guint64 sum = 0;
  gint64 start = g_get_monotonic_time ();

  if (sqlite3_open_v2 (project_path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
    {
      g_printerr ("bench-sav: cannot open %s: %s\n", project_path, sqlite3_errmsg (db));
      return 1;
    }
  sqlite3_exec (db, "BEGIN", NULL, NULL, NULL);
  for (guint i = 0; statements[i] != NULL; i++)
    {
      sqlite3_stmt *stmt = NULL;
      int rc;

      if (sqlite3_prepare_v2 (db, statements[i], -1, &stmt, NULL) != SQLITE_OK)
        {
          g_printerr ("bench-sav: %s\n", sqlite3_errmsg (db));
          return 1;
        }
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        for (int c = 0; c < sqlite3_column_count (stmt); c++)
          if (sqlite3_column_type (stmt, c) == SQLITE_TEXT)
            {
              sum += (guintptr) sqlite3_column_text (stmt, c) & 1;
              sum += sqlite3_column_bytes (stmt, c);
            }
          else
            sum += sqlite3_column_int64 (stmt, c);
      sqlite3_finalize (stmt);
      if (rc != SQLITE_DONE)
        {
          g_printerr ("bench-sav: %s\n", sqlite3_errmsg (db));
          return 1;
        }
    }
  sqlite3_exec (db, "COMMIT", NULL, NULL, NULL);
  sqlite3_close (db);
  /* The sum is kept where the compiler must store it, so the reads are not optimised away
   * (printed, it put a stray "0" among the benchmark's lines). */
  read_floor_sink = sum;
  printf ("%.6f\n", (g_get_monotonic_time () - start) / 1e6);
  return 0;
}

/* Runs @argv in a new process; returns the seconds it printed and its peak RSS. */
static gboolean
run_child (const char * const *argv,
           Run                *run)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) text = g_string_new (NULL);
  GPid pid;
  int out_fd;
  int status;
  struct rusage usage;
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
  if (!WIFEXITED (status) || WEXITSTATUS (status) != 0)
    return FALSE;
  run->seconds = g_ascii_strtod (text->str, NULL);
  run->rss_mb = usage.ru_maxrss / 1024.0;
  return TRUE;
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

  project = shirabe_project_create (project_path, "Benchmark", SHIRABE_PROJECT_NO_HISTORY,
                                    &error);
  if (project == NULL ||
      !shirabe_project_generate (project, &options, NULL, &error) ||
      !shirabe_project_close (project, &error))
    {
      g_printerr ("bench-sav: cannot generate the project: %s\n", error->message);
      return FALSE;
    }
  g_print ("generated %u narratives, %u codings in %.1f s\n", n_narratives, n_codings,
           (g_get_monotonic_time () - start) / 1e6);
  return TRUE;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *project_path = NULL;
  g_autofree char *child_project = NULL;
  g_autofree char *child_output = NULL;
  g_autofree char *child_table = NULL;
  g_autofree char *child_floor_input = NULL;
  g_autofree char *child_read_table = NULL;
  g_autofree char *tmp = NULL;
  g_autofree char *self_path = NULL;
  int n_narratives = 2000;
  int n_codings = 100000;
  int n_runs = 3;
  gboolean generated_here = FALSE;
  GOptionEntry entries[] = {
    { "narratives", 0, 0, G_OPTION_ARG_INT, &n_narratives, "Narratives to generate", "N" },
    { "codings", 0, 0, G_OPTION_ARG_INT, &n_codings, "Codings to generate", "N" },
    { "runs", 0, 0, G_OPTION_ARG_INT, &n_runs, "Exports (and floors) to run", "N" },
    { "project", 0, 0, G_OPTION_ARG_FILENAME, &project_path,
      "Keep the generated project here, or reuse it when it exists", "PATH" },
    { "child-project", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_FILENAME, &child_project, NULL,
      NULL },
    { "child-output", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_FILENAME, &child_output, NULL,
      NULL },
    { "child-table", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_STRING, &child_table, NULL, NULL },
    { "child-floor", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_FILENAME, &child_floor_input, NULL,
      NULL },
    { "child-read", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_STRING, &child_read_table, NULL,
      NULL },
    { NULL }
  };
  static const char *const tables[] = { "cases", "codings" };
  static const char *const formats[] = { "sav", "dta" };
  double csv_s = 0;
  double read_s = 0;

  bench_init ();
  context = g_option_context_new ("— time the SPSS and Stata export against ReadStat's floor");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("bench-sav: %s\n", error->message);
      return 1;
    }
  if (child_floor_input != NULL && child_output != NULL)
    return child_floor (child_floor_input, child_output);
  if (child_project != NULL && child_read_table != NULL)
    return child_read (child_project, child_read_table);
  if (child_project != NULL && child_output != NULL && child_table != NULL)
    return child_export (child_project, child_output, child_table);

  self_path = g_file_read_link ("/proc/self/exe", NULL);
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

  g_print ("goal: export / write floor and export / (read floor + write floor) at most 1.5 x\n");
  g_print ("%-8s %-4s %8s %8s %8s %8s %8s %10s %9s %11s %11s %7s\n", "table", "fmt", "export s",
           "write fl", "read fl", "CSV s", "exp/w", "exp/(r+w)", "(e-CSV)/w", "export RSS",
           "wfloor RSS", "MB file");
  for (guint t = 0; t < G_N_ELEMENTS (tables); t++)
    for (guint f = 0; f < G_N_ELEMENTS (formats); f++)
      {
        g_autofree char *name = g_strdup_printf ("%s.%s", tables[t], formats[f]);
        g_autofree char *floor_name = g_strdup_printf ("floor-%s.%s", tables[t], formats[f]);
        g_autofree char *output = g_build_filename (tmp, name, NULL);
        g_autofree char *floor_output = g_build_filename (tmp, floor_name, NULL);
        g_autofree char *dictionary_name = g_strdup_printf ("%s-dictionary.csv", tables[t]);
        g_autofree char *dictionary = g_build_filename (tmp, dictionary_name, NULL);
        g_autofree char *csv_output = g_build_filename (tmp, tables[t], NULL);
        g_autofree char *csv_file = g_strdup_printf ("%s/%s.csv", csv_output, tables[t]);
        g_autofree char *readme = g_build_filename (csv_output, "README.txt", NULL);
        GArray *seconds[4], *rss[2];
        double size = 0;

        for (guint i = 0; i < 2; i++)
          rss[i] = g_array_new (FALSE, FALSE, sizeof (double));
        for (guint i = 0; i < 4; i++)
          seconds[i] = g_array_new (FALSE, FALSE, sizeof (double));

        for (int run = 0; run < n_runs; run++)
          {
            const char *export_argv[] = { self_path, "--child-project", project_path,
                                          "--child-output", output, "--child-table", tables[t],
                                          NULL };
            const char *floor_argv[] = { self_path, "--child-floor", output, "--child-output",
                                         floor_output, NULL };
            const char *csv_argv[] = { self_path, "--child-project", project_path,
                                       "--child-output", csv_output, "--child-table", tables[t],
                                       NULL };
            const char *read_argv[] = { self_path, "--child-project", project_path,
                                        "--child-read", tables[t], NULL };
            Run result;

            if (!run_child (export_argv, &result))
              return 3;
            g_array_append_val (seconds[0], result.seconds);
            g_array_append_val (rss[0], result.rss_mb);
            size = bench_file_size (output) / 1048576.0;
            if (!run_child (floor_argv, &result))
              return 3;
            g_array_append_val (seconds[1], result.seconds);
            g_array_append_val (rss[1], result.rss_mb);
            g_unlink (floor_output);
            if (f == 0)
              {
                if (!run_child (csv_argv, &result))
                  return 3;
                g_array_append_val (seconds[2], result.seconds);
                g_unlink (csv_file);
                g_unlink (readme);
                g_rmdir (csv_output);
                if (!run_child (read_argv, &result))
                  return 3;
                g_array_append_val (seconds[3], result.seconds);
              }
          }
        {
          double export_s = bench_median ((double *) seconds[0]->data, seconds[0]->len);
          double floor_s = bench_median ((double *) seconds[1]->data, seconds[1]->len);

          if (seconds[2]->len > 0)
            csv_s = bench_median ((double *) seconds[2]->data, seconds[2]->len);
          if (seconds[3]->len > 0)
            read_s = bench_median ((double *) seconds[3]->data, seconds[3]->len);
          g_print ("%-8s %-4s %8.2f %8.2f %8.2f %8.2f %7.2fx %9.2fx %8.2fx %8.1f MB %8.1f MB"
                   " %7.1f\n",
                   tables[t], formats[f], export_s, floor_s, read_s, csv_s,
                   export_s / MAX (floor_s, 1e-6), export_s / MAX (read_s + floor_s, 1e-6),
                   (export_s - csv_s) / MAX (floor_s, 1e-6),
                   bench_median ((double *) rss[0]->data, rss[0]->len),
                   bench_median ((double *) rss[1]->data, rss[1]->len), size);
        }
        g_unlink (output);
        g_unlink (dictionary);
        for (guint i = 0; i < 2; i++)
          g_array_unref (rss[i]);
        for (guint i = 0; i < 4; i++)
          g_array_unref (seconds[i]);
      }
  g_print ("(write fl: ReadStat writing the table from memory; read fl: SQLite reading its\n"
           " source columns; the write floor's RSS holds the whole table, the export's one row)\n");

  if (generated_here)
    bench_rm_rf (tmp);
  else
    g_rmdir (tmp);
  return 0;
}
