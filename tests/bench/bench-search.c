/* bench-search.c: the search over every narrative on about 100 MB of text, beside the floor a
 * grep-like tool pays (reading every text from the project and scanning its bytes), and Code
 * All Hits on 5,000 hits with its undo
 *
 *   bench-search [NARRATIVES [RUNS]]      (defaults: about 100 MB of text; 7 runs)
 *   bench-search --project PATH [RUNS]    (an existing project, opened read-only: no Code
 *                                          All Hits)
 *
 * The goals are issue 11's: p50 at most 50 ms for terms of three characters or more, 150 ms
 * for one- and two-character Japanese terms, on 100 MB of text.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define _GNU_SOURCE  /* memmem() */
#include <string.h>

#include <sqlite3.h>

#include "bench-util.h"
#include "shirabe-project-private.h"
#include "shirabe-search.h"

/* The floor: every text read from the project, its bytes scanned for @needle. */
static guint
plain_scan (ShirabeProject *project,
            const char     *needle)
{
  sqlite3_stmt *stmt = NULL;
  gsize n_needle = strlen (needle);
  guint n = 0;

  sqlite3_prepare_v2 (shirabe_project_get_db (project), "SELECT text FROM narrative", -1, &stmt,
                      NULL);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *text = (const char *) sqlite3_column_text (stmt, 0);
      gsize length = sqlite3_column_bytes (stmt, 0);
      const char *end = text + length;

      for (const char *at = memmem (text, length, needle, n_needle); at != NULL;
           at = memmem (at + 1, end - at - 1, needle, n_needle))
        n++;
    }
  sqlite3_finalize (stmt);
  return n;
}

static guint
search (ShirabeProject     *project,
        const char         *text,
        ShirabeSearchFlags  flags)
{
  g_autoptr(ShirabeSearchQuery) query = shirabe_search_query_parse (text, flags, NULL);
  g_autoptr(ShirabeSearchResults) results = shirabe_search_results_new (project, query, 40, NULL);

  return g_list_model_get_n_items (G_LIST_MODEL (results));
}

/* A substring of @n_chars code points of a narrative's text, at a place chosen by @seed. */
static char *
pick_term (ShirabeProject *project,
           guint           n_chars,
           gboolean        japanese,
           guint           seed)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  sqlite3_stmt *stmt = NULL;
  char *term = NULL;

  sqlite3_prepare_v2 (shirabe_project_get_db (project),
                      "SELECT text FROM narrative ORDER BY id LIMIT 1 OFFSET ?1", -1, &stmt, NULL);
  while (term == NULL)
    {
      const char *text;
      glong n;
      const char *at;

      sqlite3_reset (stmt);
      sqlite3_bind_int (stmt, 1, g_rand_int_range (rand, 0, 50));
      if (sqlite3_step (stmt) != SQLITE_ROW)
        continue;
      text = (const char *) sqlite3_column_text (stmt, 0);
      n = g_utf8_strlen (text, -1);
      at = g_utf8_offset_to_pointer (text, g_rand_int_range (rand, 0, n - n_chars));
      term = g_strndup (at, g_utf8_offset_to_pointer (at, n_chars) - at);
      for (const char *p = term; term != NULL && *p != '\0'; p = g_utf8_next_char (p))
        {
          gunichar c = g_utf8_get_char (p);

          if (g_unichar_isspace (c) || c == '"' || c == '-' ||
              (japanese ? c < 0x3000 : !g_unichar_isalpha (c)))
            g_clear_pointer (&term, g_free);
        }
    }
  sqlite3_finalize (stmt);
  return term;
}

static void
measure (ShirabeProject *project,
         const char     *name,
         guint           n_chars,
         gboolean        japanese,
         double          goal_ms,
         guint           runs)
{
  double search_times[64];
  double scan_times[64];
  guint n_hits = 0;
  guint n_scan = 0;
  guint n_terms = 5;
  guint k = 0;

  for (guint t = 0; t < n_terms; t++)
    {
      g_autofree char *term = pick_term (project, n_chars, japanese, 100 * n_chars + t);

      for (guint r = 0; r < runs && k < G_N_ELEMENTS (search_times); r++, k++)
        {
          double start = bench_now ();

          n_hits = search (project, term, SHIRABE_SEARCH_DEFAULT);
          search_times[k] = bench_now () - start;
          start = bench_now ();
          n_scan = plain_scan (project, term);
          scan_times[k] = bench_now () - start;
        }
      if (!japanese)
        n_scan = n_hits;  /* Latin case is ignored by the search, not by the scan */
      if (n_hits != n_scan)
        g_error ("“%s”: %u hits, a plain scan %u", term, n_hits, n_scan);
    }
  {
    double search_median = bench_median (search_times, k);
    double scan_median = bench_median (scan_times, k);

    printf ("  %-34s p50 %7.1f ms (goal %3.0f ms: %s)   plain scan %7.1f ms   %.2f× the scan\n",
            name, search_median * 1000, goal_ms, search_median * 1000 <= goal_ms ? "met" : "NOT met",
            scan_median * 1000, search_median / scan_median);
  }
}

/* The stored text's size, in MB of UTF-8; @n_narratives gets how many narratives hold it. */
static double
text_megabytes (ShirabeProject *project,
                guint          *n_narratives)
{
  sqlite3_stmt *stmt = NULL;
  double megabytes = 0;

  sqlite3_prepare_v2 (shirabe_project_get_db (project),
                      "SELECT sum(length(CAST(text AS BLOB))), count(*) FROM narrative", -1,
                      &stmt, NULL);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      megabytes = sqlite3_column_int64 (stmt, 0) / 1e6;
      *n_narratives = sqlite3_column_int (stmt, 1);
    }
  sqlite3_finalize (stmt);
  return megabytes;
}

static ShirabeProject *
generate (const char *path,
          guint       n_narratives)
{
  g_autoptr(GError) error = NULL;
  ShirabeGenerateOptions options = { 0 };
  ShirabeProject *project;

  options.n_narratives = n_narratives;
  options.n_codings = 2000;
  /* Long texts, as court records and NGO files are: about 250 KB each, half of them Japanese
   * (three bytes a character). */
  options.min_length = 60000;
  options.max_length = 300000;
  options.seed = 7;
  g_unlink (path);
  project = shirabe_project_create (path, NULL, SHIRABE_PROJECT_DEFAULT, &error);
  g_assert_no_error (error);
  if (!shirabe_project_generate (project, &options, NULL, &error))
    g_error ("%s", error->message);
  return project;
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("shirabe-bench-search-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "search.shirabe", NULL);
  g_autoptr(ShirabeProject) project = NULL;
  gboolean existing = argc > 2 && strcmp (argv[1], "--project") == 0;
  guint runs = 7;
  guint n_narratives = 419;
  double megabytes;

  setlocale (LC_ALL, "");
  if (existing)
    {
      runs = argc > 3 ? (guint) atoi (argv[3]) : runs;
      project = shirabe_project_open (argv[2], SHIRABE_PROJECT_READ_ONLY, &error);
      if (project == NULL)
        g_error ("%s", error->message);
      megabytes = text_megabytes (project, &n_narratives);
    }
  else
    {
      runs = argc > 2 ? (guint) atoi (argv[2]) : runs;
      n_narratives = argc > 1 ? (guint) atoi (argv[1]) : n_narratives;
      project = generate (path, n_narratives);
      megabytes = text_megabytes (project, &n_narratives);
      /* The lengths are drawn at random: when the default falls short of the 100 MB the goals
       * are set for, once more with enough narratives. */
      if (argc <= 1 && megabytes < 100)
        {
          n_narratives = (guint) (n_narratives * 101 / megabytes) + 1;
          g_clear_object (&project);
          project = generate (path, n_narratives);
          megabytes = text_megabytes (project, &n_narratives);
        }
    }

  printf ("bench-search: %u narratives, %.1f MB of text (the goals are for 100 MB), "
          "median of %u runs × 5 terms, %u cores\n",
          n_narratives, megabytes, runs, g_get_num_processors ());
  measure (project, "Japanese, 3 characters (index)", 3, TRUE, 50, runs);
  measure (project, "Japanese, 2 characters (借金)", 2, TRUE, 150, runs);
  measure (project, "Japanese, 1 character", 1, TRUE, 150, runs);
  measure (project, "English, 5 letters (index)", 5, FALSE, 50, runs);

  /* Code All Hits on about 5,000 hits (the two-character term of a dozen tried whose count
   * is nearest), and its undo. */
  if (!existing)
    {
      g_autofree char *term = NULL;
      g_autoptr(ShirabeSearchQuery) query = NULL;
      g_autoptr(ShirabeSearchResults) results = NULL;
      guint best = G_MAXUINT;

      for (guint seed = 1; seed <= 12; seed++)
        {
          g_autofree char *candidate = pick_term (project, 2, TRUE, 4242 + seed);
          guint count = search (project, candidate, SHIRABE_SEARCH_DEFAULT);
          guint distance = count > 5000 ? count - 5000 : 5000 - count;

          if (distance < best)
            {
              best = distance;
              g_free (term);
              term = g_steal_pointer (&candidate);
            }
        }
      query = shirabe_search_query_parse (term, 0, NULL);
      results = shirabe_search_results_new (project, query, 0, NULL);
      g_autoptr(GPtrArray) codes = shirabe_project_list_codes (project, NULL);
      guint n = g_list_model_get_n_items (G_LIST_MODEL (results));
      guint added = 0;
      gint64 code_id = 0;
      double start;

      for (guint i = 0; i < codes->len && code_id == 0; i++)
        if (((ShirabeCode *) g_ptr_array_index (codes, i))->codable)
          code_id = ((ShirabeCode *) g_ptr_array_index (codes, i))->id;
      start = bench_now ();
      if (!shirabe_project_autocode (project, results, code_id, "Bench", SHIRABE_EXPAND_NONE,
                                     &added, NULL, &error))
        g_error ("%s", error->message);
      printf ("  Code All Hits “%s”: %u hits, %u codings in %.0f ms", term, n, added,
              (bench_now () - start) * 1000);
      start = bench_now ();
      if (!shirabe_project_undo (project, &error))
        g_error ("%s", error->message);
      printf (", undo in %.0f ms\n", (bench_now () - start) * 1000);
    }
  bench_print_peak_rss ();

  g_clear_object (&project);
  bench_rm_rf (dir);
  return 0;
}
