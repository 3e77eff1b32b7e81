/* bench-import.c: importing text files of mixed encodings, against decoding them alone
 *
 * usage: bench-import [FILES [RUNS]]   (defaults 1,000 and 5)
 *
 * The files are generated text written as UTF-8, UTF-8 with a BOM, UTF-16LE with a BOM, CP932,
 * EUC-JP and ISO-2022-JP in turn, of mixed sizes averaging about 10 KB. The floor reads each
 * file and decodes it with shirabe_text_decode, nothing else; the import does that and stores
 * every file as a narrative of a new project. A second floor is the full-text index alone: the
 * same texts indexed by SQLite's FTS5 in one statement, which every import must also pay.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>
#include <sqlite3.h>
#include <string.h>

#include "bench-util.h"

static const char usage[] = "[FILES [RUNS]]";

typedef struct
{
  const char *name;         /* as printed */
  const char *iconv_name;
  const char *bom;
  gsize       bom_size;
  double      bytes_per_char_ja;
  double      bytes_per_char_en;
  gboolean    japanese_only;  /* English in a legacy encoding is ASCII, which is just UTF-8 */
} Encoding;

static const Encoding encodings[] = {
  { "UTF-8", "UTF-8", NULL, 0, 2.9, 1.0, FALSE },
  { "UTF-8+BOM", "UTF-8", "\xEF\xBB\xBF", 3, 2.9, 1.0, FALSE },
  { "UTF-16LE+BOM", "UTF-16LE", "\xFF\xFE", 2, 2.0, 2.0, FALSE },
  { "CP932", "CP932", NULL, 0, 2.0, 1.0, TRUE },
  { "EUC-JP", "EUC-JP", NULL, 0, 2.0, 1.0, TRUE },
  { "ISO-2022-JP", "ISO-2022-JP", NULL, 0, 2.1, 1.0, TRUE },
};

typedef struct
{
  char    *dir;
  char   **paths;     /* NULL-terminated */
  guint    n_files;
  guint64  n_bytes;
} Corpus;

/* A target size in bytes from a truncated 1/x distribution between 2.7 KB and 100 KB, whose
 * mean is about 10 KB: mostly short files, a few long ones. */
static double
draw_size (guint64 *state)
{
  const double low = 2700;
  const double high = 100000;
  double u = (double) (bench_random (state) >> 11) / 9007199254740992.0;

  return low / (1.0 - u * (1.0 - low / high));
}

static void
write_file (const char     *path,
            const char     *text,
            const Encoding *encoding)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) data = g_string_new (NULL);
  g_autofree char *converted = NULL;
  gsize n_converted = 0;

  if (encoding->bom != NULL)
    g_string_append_len (data, encoding->bom, encoding->bom_size);
  if (strcmp (encoding->iconv_name, "UTF-8") == 0)
    g_string_append (data, text);
  else
    {
      /* Characters the legacy encodings lack (𠮷, 🙏) become "?", as a real conversion would. */
      converted = g_convert_with_fallback (text, -1, encoding->iconv_name, "UTF-8", "?", NULL,
                                           &n_converted, &error);
      if (converted == NULL)
        g_error ("Cannot write %s as %s: %s", path, encoding->name, error->message);
      g_string_append_len (data, converted, n_converted);
    }
  if (!g_file_set_contents (path, data->str, data->len, &error))
    g_error ("%s", error->message);
}

static void
corpus_write (Corpus *corpus,
              guint   n_files)
{
  GPtrArray *paths = g_ptr_array_new ();
  guint64 state = 2024;

  corpus->dir = bench_make_tmp_dir ();
  corpus->n_files = n_files;
  for (guint i = 0; i < n_files; i++)
    {
      const Encoding *encoding = &encodings[i % G_N_ELEMENTS (encodings)];
      gboolean japanese = encoding->japanese_only || (i / G_N_ELEMENTS (encodings)) % 2 == 0;
      double bytes_per_char = japanese ? encoding->bytes_per_char_ja
                                       : encoding->bytes_per_char_en;
      guint n_chars = MAX (1, (guint) (draw_size (&state) / bytes_per_char + 0.5));
      g_autofree char *name = g_strdup_printf ("narrative-%04u-%s.txt", i + 1, encoding->name);
      g_autofree char *text = shirabe_generate_text (i + 1, n_chars, japanese);
      char *path = g_build_filename (corpus->dir, name, NULL);

      write_file (path, text, encoding);
      corpus->n_bytes += bench_file_size (path);
      g_ptr_array_add (paths, path);
    }
  g_ptr_array_add (paths, NULL);
  corpus->paths = (char **) g_ptr_array_free (paths, FALSE);
}

static void
corpus_remove (Corpus *corpus)
{
  bench_rm_rf (corpus->dir);
  g_free (corpus->dir);
  g_strfreev (corpus->paths);
}

/* @detected (nullable) counts the encodings the decoder found, to show that it saw them all. */
static double
run_floor (Corpus     *corpus,
           guint      *n_failed,
           GHashTable *detected)
{
  double start = bench_now ();

  *n_failed = 0;
  for (guint i = 0; i < corpus->n_files; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *data = NULL;
      g_autofree char *text = NULL;
      g_autofree char *encoding = NULL;
      gsize size = 0;

      if (!g_file_get_contents (corpus->paths[i], &data, &size, &error))
        g_error ("%s", error->message);
      text = shirabe_text_decode (data, size, NULL, corpus->paths[i], &encoding, &error);
      if (text == NULL)
        (*n_failed)++;
      else if (detected != NULL)
        {
          guint count = GPOINTER_TO_UINT (g_hash_table_lookup (detected, encoding));
          g_hash_table_insert (detected, g_steal_pointer (&encoding), GUINT_TO_POINTER (count + 1));
        }
    }
  return bench_now () - start;
}

static double
run_import (Corpus               *corpus,
            gboolean              history,
            ShirabeImportTimings *timings,
            guint                *n_failed)
{
  g_autofree char *path = g_build_filename (corpus->dir, "imported.shirabe", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(ShirabeProject) project = NULL;
  g_autoptr(GPtrArray) results = NULL;
  ShirabeImportOptions options = { 0 };
  double start;

  options.timings = timings;
  double elapsed;
  int n_imported;

  bench_unlink_project (path);
  project = shirabe_project_create (path, "Import benchmark",
                                    history ? SHIRABE_PROJECT_DEFAULT : SHIRABE_PROJECT_NO_HISTORY,
                                    &error);
  if (project == NULL)
    g_error ("%s", error->message);

  start = bench_now ();
  n_imported = shirabe_project_import_files (project, (const char * const *) corpus->paths,
                                             &options, NULL, NULL, NULL, &results, &error);
  elapsed = bench_now () - start;
  if (n_imported < 0)
    g_error ("%s", error->message);
  *n_failed = corpus->n_files - (guint) n_imported;
  if (*n_failed > 0)
    for (guint i = 0; i < results->len; i++)
      {
        ShirabeImportResult *result = g_ptr_array_index (results, i);

        if (result->error != NULL)
          {
            fprintf (stderr, "  refused: %s\n", result->error->message);
            break;
          }
      }

  shirabe_project_close (project, NULL);
  bench_unlink_project (path);
  return elapsed;
}

static int
compare_names (const void *a,
               const void *b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static void
print_detected (GHashTable *detected)
{
  g_autofree const char **names = (const char **) g_hash_table_get_keys_as_array (detected, NULL);
  guint n = g_hash_table_size (detected);

  qsort (names, n, sizeof *names, compare_names);
  printf ("  detected:");
  for (guint i = 0; i < n; i++)
    printf (" %s %u%s", names[i], GPOINTER_TO_UINT (g_hash_table_lookup (detected, names[i])),
            i + 1 < n ? "," : "\n");
  if (n == 0)
    printf (" nothing\n");
}

static void
print_line (const char *label,
            Corpus     *corpus,
            double      seconds,
            guint       n_failed,
            double      floor_time)
{
  printf ("  %-32s %8.3f s  %8.0f files/s  %7.2f MB/s", label, seconds,
          corpus->n_files / seconds, corpus->n_bytes / 1e6 / seconds);
  if (floor_time > 0)
    printf ("   import/floor %.3f (%.1f times slower)", floor_time / seconds,
            seconds / floor_time);
  if (n_failed > 0)
    printf ("   (%u files refused)", n_failed);
  printf ("\n");
  fflush (stdout);
}

/* What the full-text index alone costs: the decoded texts, already in a table of a new
 * database (WAL, synchronous FULL, as a project is), indexed in one statement by the same
 * trigram index a project has, and committed. Returns the median of @n_runs. */
static double
run_index_floor (Corpus *corpus,
                 guint   n_runs)
{
  g_autofree char *path = g_build_filename (corpus->dir, "index-floor.db", NULL);
  g_autofree double *times = g_new (double, n_runs);

  for (guint r = 0; r < n_runs; r++)
    {
      sqlite3 *db = NULL;
      sqlite3_stmt *insert = NULL;
      double start;

      bench_unlink_project (path);
      if (sqlite3_open (path, &db) != SQLITE_OK ||
          sqlite3_exec (db, "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;"
                            "CREATE TABLE n (id INTEGER PRIMARY KEY, title TEXT, text TEXT);"
                            "CREATE VIRTUAL TABLE f USING fts5 (title, text, content = 'n',"
                            " content_rowid = 'id', tokenize = 'trigram');"
                            "BEGIN", NULL, NULL, NULL) != SQLITE_OK ||
          sqlite3_prepare_v2 (db, "INSERT INTO n (title, text) VALUES (?1, ?2)", -1, &insert,
                              NULL) != SQLITE_OK)
        g_error ("index floor: %s", sqlite3_errmsg (db));
      for (guint i = 0; i < corpus->n_files; i++)
        {
          g_autofree char *data = NULL;
          g_autofree char *text = NULL;
          g_autofree char *title = g_path_get_basename (corpus->paths[i]);
          gsize size = 0;

          if (!g_file_get_contents (corpus->paths[i], &data, &size, NULL) ||
              (text = shirabe_text_decode (data, size, NULL, corpus->paths[i], NULL,
                                           NULL)) == NULL)
            continue;
          sqlite3_bind_text (insert, 1, title, -1, SQLITE_TRANSIENT);
          sqlite3_bind_text (insert, 2, text, -1, SQLITE_TRANSIENT);
          if (sqlite3_step (insert) != SQLITE_DONE)
            g_error ("index floor: %s", sqlite3_errmsg (db));
          sqlite3_reset (insert);
        }
      sqlite3_finalize (insert);
      if (sqlite3_exec (db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
        g_error ("index floor: %s", sqlite3_errmsg (db));

      start = bench_now ();
      if (sqlite3_exec (db, "BEGIN; INSERT INTO f (rowid, title, text)"
                            " SELECT id, title, text FROM n; COMMIT", NULL, NULL, NULL) !=
          SQLITE_OK)
        g_error ("index floor: %s", sqlite3_errmsg (db));
      times[r] = bench_now () - start;
      sqlite3_close (db);
    }
  bench_unlink_project (path);
  return bench_median (times, n_runs);
}

/* Runs the import @n_runs times and prints its median, then where the time of the median run
 * went, each part beside the floor's time. */
static void
run_imports (Corpus     *corpus,
             gboolean    history,
             guint       n_runs,
             double      floor_time,
             double      index_floor_time)
{
  g_autofree double *times = g_new (double, n_runs);
  g_autofree double *sorted = g_new (double, n_runs);
  g_autofree ShirabeImportTimings *timings = g_new0 (ShirabeImportTimings, n_runs);
  const ShirabeImportTimings *median_run = &timings[0];
  guint n_failed = 0;
  double median;
  double other;

  for (guint i = 0; i < n_runs; i++)
    sorted[i] = times[i] = run_import (corpus, history, &timings[i], &n_failed);
  median = bench_median (sorted, n_runs);
  /* The run nearest the median (with an even count, the median is between two). */
  for (guint i = 1; i < n_runs; i++)
    if (fabs (times[i] - median) < fabs (times[median_run - timings] - median))
      median_run = &timings[i];
  print_line (history ? "import, history" : "import, no history", corpus, median, n_failed,
              floor_time);
  other = median - median_run->wait - median_run->store - median_run->index -
          median_run->commit;
  printf ("    reading thread: read %.3f s, decode %.3f s; beside it, the writing thread:"
          " waiting for files %.3f s, store %.3f s, index %.3f s, commit %.3f s, other %.3f s\n",
          median_run->read, median_run->decode, median_run->wait, median_run->store,
          median_run->index, median_run->commit, other);
  printf ("    import against reading, decoding and indexing alone (the two floors): %.2f×"
          " (goal ≤ 2×)\n",
          median / (floor_time + index_floor_time));
  fflush (stdout);
}

int
main (int    argc,
      char **argv)
{
  Corpus corpus = { 0 };
  guint n_files = bench_parse_arg (argc, argv, 1, 1000, usage);
  guint n_runs = bench_parse_arg (argc, argv, 2, BENCH_DEFAULT_RUNS, usage);
  g_autofree double *times = g_new (double, n_runs);
  g_autoptr(GHashTable) detected = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  guint n_failed = 0;
  double floor_time;
  double index_floor_time;

  bench_init ();

  corpus_write (&corpus, n_files);
  printf ("bench-import: %u files, %.1f MB (%.1f KB each on average), 6 encodings,"
          " median of %u runs\n",
          n_files, corpus.n_bytes / 1e6, corpus.n_bytes / 1e3 / n_files, n_runs);

  /* A first pass outside the timing: it warms the page cache for every variant alike and
   * shows what the decoder detected. */
  run_floor (&corpus, &n_failed, detected);
  print_detected (detected);

  for (guint i = 0; i < n_runs; i++)
    times[i] = run_floor (&corpus, &n_failed, NULL);
  floor_time = bench_median (times, n_runs);
  print_line ("floor: read and decode", &corpus, floor_time, n_failed, 0);

  index_floor_time = run_index_floor (&corpus, n_runs);
  printf ("  %-32s %8.3f s  (the same texts, decoded beforehand, indexed by FTS5 in one"
          " statement and committed)\n", "floor of the full-text index", index_floor_time);
  run_imports (&corpus, FALSE, n_runs, floor_time, index_floor_time);
  run_imports (&corpus, TRUE, n_runs, floor_time, index_floor_time);
  bench_print_peak_rss ();

  corpus_remove (&corpus);
  return 0;
}
