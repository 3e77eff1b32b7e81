/* test-generate.c: synthetic projects are deterministic and well formed
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include <sqlite3.h>

#include "test-util.h"

/* Small enough to run in a second or two, large enough for long narratives and many codings. */
static const ShirabeGenerateOptions small_options = {
  .n_narratives = 30,
  .n_codings = 2000,
  .n_codes = 24,
  .n_coders = 4,
  .seed = 7,
  .max_length = 20000,
};

static char *
generate_project (TestDir                      *fixture,
                  const char                   *name,
                  const ShirabeGenerateOptions *options,
                  ShirabeProjectFlags           flags)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ShirabeProject) project = NULL;
  char *path = test_dir_path (fixture, name);

  project = shirabe_project_create (path, NULL, flags, &error);
  g_assert_no_error (error);
  g_assert_true (shirabe_project_generate (project, options, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (shirabe_project_close (project, &error));
  g_assert_no_error (error);
  return path;
}

static sqlite3 *
open_db (const char *path)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  return db;
}

static gint64
query_int (sqlite3    *db,
           const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 value;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

/* A SHA-256 over every row and column of the study's tables, in id order, with each value's
 * type, so that "12" and 12 differ. */
static char *
digest_rows (const char *path)
{
  static const char *const tables[] = {
    "cases", "narrative", "code", "coder", "coding", "attribute", "attribute_value",
  };
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  sqlite3 *db = open_db (path);

  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT * FROM %s ORDER BY id", tables[i]);
      sqlite3_stmt *stmt = NULL;

      g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
      g_checksum_update (checksum, (const guchar *) tables[i], -1);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        for (int column = 0; column < sqlite3_column_count (stmt); column++)
          {
            guchar type = (guchar) sqlite3_column_type (stmt, column);
            const guchar *value = sqlite3_column_text (stmt, column);

            g_checksum_update (checksum, &type, 1);
            if (value != NULL)
              g_checksum_update (checksum, value, sqlite3_column_bytes (stmt, column));
            g_checksum_update (checksum, (const guchar *) "\x1f", 1);
          }
      sqlite3_finalize (stmt);
    }
  sqlite3_close (db);
  return g_strdup (g_checksum_get_string (checksum));
}

static void
test_same_seed_gives_same_rows (TestDir       *fixture,
                                gconstpointer  data)
{
  ShirabeGenerateOptions other = small_options;
  g_autofree char *first = generate_project (fixture, "first.shirabe", &small_options,
                                             SHIRABE_PROJECT_NO_HISTORY);
  /* An undo history must not change what is written. */
  g_autofree char *second = generate_project (fixture, "second.shirabe", &small_options,
                                              SHIRABE_PROJECT_DEFAULT);
  g_autofree char *third = NULL;
  g_autofree char *first_digest = NULL;
  g_autofree char *second_digest = NULL;
  g_autofree char *third_digest = NULL;

  other.seed = small_options.seed + 1;
  third = generate_project (fixture, "third.shirabe", &other, SHIRABE_PROJECT_NO_HISTORY);

  first_digest = digest_rows (first);
  second_digest = digest_rows (second);
  third_digest = digest_rows (third);
  g_assert_cmpstr (first_digest, ==, second_digest);
  g_assert_cmpstr (first_digest, !=, third_digest);
}

static void
test_counts_follow_options (TestDir       *fixture,
                            gconstpointer  data)
{
  g_autofree char *path = generate_project (fixture, "counts.shirabe", &small_options,
                                            SHIRABE_PROJECT_NO_HISTORY);
  sqlite3 *db = open_db (path);

  g_assert_cmpint (query_int (db, "SELECT count(*) FROM narrative"), ==, 30);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM coding"), ==, 2000);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM code"), ==, 24);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM coder"), ==, 4);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM coder WHERE name GLOB 'coder[1-4]'"),
                   ==, 4);

  /* Every coder codes, so agreement between them can be computed. */
  g_assert_cmpint (query_int (db, "SELECT count(DISTINCT coder_id) FROM coding"), ==, 4);

  /* Cases of one to three narratives, positions from 0. */
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM (SELECT case_id FROM narrative"
                                  " GROUP BY case_id HAVING count(*) NOT BETWEEN 1 AND 3)"),
                   ==, 0);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM (SELECT case_id FROM narrative"
                                  " GROUP BY case_id HAVING min(position) <> 0"
                                  " OR max(position) <> count(*) - 1)"),
                   ==, 0);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM cases"
                                  " WHERE id NOT IN (SELECT case_id FROM narrative)"),
                   ==, 0);

  /* Both languages, only the four kinds. */
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM narrative WHERE language = 'ja'"), >, 0);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM narrative WHERE language = 'en'"), >, 0);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM narrative WHERE language NOT IN"
                                  " ('ja', 'en') OR kind NOT IN ('interview', 'ngo-record',"
                                  " 'embassy-record', 'court-document')"),
                   ==, 0);

  /* Case attributes of the six kinds, set for most cases, typed as set_attribute_value does. */
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM attribute WHERE scope = 'case'"), ==, 6);
  g_assert_cmpint (query_int (db, "SELECT count(DISTINCT case_id) FROM attribute_value"), >=,
                   query_int (db, "SELECT count(*) FROM cases") / 2);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM attribute_value v JOIN attribute a"
                                  " ON a.id = v.attribute_id WHERE a.type = 'integer'"
                                  " AND typeof (v.value) <> 'integer'"),
                   ==, 0);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM attribute_value v JOIN attribute a"
                                  " ON a.id = v.attribute_id WHERE a.type = 'choice'"
                                  " AND instr (char (10) || a.choices || char (10),"
                                  "            char (10) || v.value || char (10)) = 0"),
                   ==, 0);
  sqlite3_close (db);
}

static void
test_defaults_apply (TestDir       *fixture,
                     gconstpointer  data)
{
  ShirabeGenerateOptions options = { .n_narratives = 4, .n_codings = 50, .seed = 1 };
  g_autofree char *path = generate_project (fixture, "defaults.shirabe", &options,
                                            SHIRABE_PROJECT_NO_HISTORY);
  sqlite3 *db = open_db (path);

  g_assert_cmpint (query_int (db, "SELECT count(*) FROM code"), ==, 60);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM coder"), ==, 3);
  g_assert_cmpint (query_int (db, "SELECT min(length) FROM narrative"), >=, 2000);
  g_assert_cmpint (query_int (db, "SELECT max(length) FROM narrative"), <=, 300000);
  sqlite3_close (db);
}

static void
test_codings_lie_within_their_narratives (TestDir       *fixture,
                                          gconstpointer  data)
{
  g_autofree char *path = generate_project (fixture, "codings.shirabe", &small_options,
                                            SHIRABE_PROJECT_NO_HISTORY);
  sqlite3 *db = open_db (path);

  g_assert_cmpint (query_int (db, "SELECT count(*) FROM coding g JOIN narrative n"
                                  " ON n.id = g.narrative_id"
                                  " WHERE g.start < 0 OR g.end > n.length OR g.end <= g.start"),
                   ==, 0);
  g_assert_cmpint (query_int (db, "SELECT min(end - start) FROM coding"), >=, 5);
  g_assert_cmpint (query_int (db, "SELECT max(end - start) FROM coding"), <=, 400);
  /* Only codable codes are applied. */
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM coding g JOIN code c ON c.id = g.code_id"
                                  " WHERE c.codable = 0"),
                   ==, 0);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM coding WHERE memo <> ''"), >, 0);
  /* Long narratives get more codings than short ones. */
  g_assert_cmpint (query_int (db, "SELECT (SELECT count(*) FROM coding WHERE narrative_id ="
                                  "  (SELECT id FROM narrative ORDER BY length DESC LIMIT 1))"
                                  " > (SELECT count(*) FROM coding WHERE narrative_id ="
                                  "  (SELECT id FROM narrative ORDER BY length LIMIT 1))"),
                   ==, 1);
  sqlite3_close (db);
}

static void
test_lengths_and_checksums_match_text (TestDir       *fixture,
                                       gconstpointer  data)
{
  g_autofree char *path = generate_project (fixture, "text.shirabe", &small_options,
                                            SHIRABE_PROJECT_NO_HISTORY);
  sqlite3 *db = open_db (path);
  sqlite3_stmt *stmt = NULL;
  guint n_rows = 0;

  /* SQLite's length() on TEXT counts code points, the unit of every offset. */
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM narrative WHERE length <> length (text)"),
                   ==, 0);
  g_assert_cmpint (query_int (db, "SELECT min(length) FROM narrative"), >=, 2000);
  g_assert_cmpint (query_int (db, "SELECT max(length) FROM narrative"), <=, 20000);

  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT text, sha256, length FROM narrative", -1,
                                       &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *text = (const char *) sqlite3_column_text (stmt, 0);
      g_autofree char *sha256 = g_compute_checksum_for_string (G_CHECKSUM_SHA256, text, -1);

      g_assert_true (g_utf8_validate (text, -1, NULL));
      g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 1), ==, sha256);
      g_assert_cmpint (g_utf8_strlen (text, -1), ==, sqlite3_column_int64 (stmt, 2));
      n_rows++;
    }
  sqlite3_finalize (stmt);
  g_assert_cmpuint (n_rows, ==, 30);

  /* Paragraphs, and characters outside the BMP somewhere in the study. */
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM narrative"
                                  " WHERE instr (text, char (10, 10)) = 0"),
                   ==, 0);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM narrative WHERE text GLOB '*[𠮷𩸽🙏]*'"),
                   >, 0);
  sqlite3_close (db);
}

static void
test_code_tree_has_three_levels (TestDir       *fixture,
                                 gconstpointer  data)
{
  g_autofree char *path = generate_project (fixture, "codes.shirabe", &small_options,
                                            SHIRABE_PROJECT_NO_HISTORY);
  sqlite3 *db = open_db (path);

  g_assert_cmpint (query_int (db, "WITH RECURSIVE tree (id, depth) AS ("
                                  "  SELECT id, 1 FROM code WHERE parent_id IS NULL"
                                  "  UNION ALL SELECT c.id, t.depth + 1"
                                  "  FROM code c JOIN tree t ON c.parent_id = t.id)"
                                  " SELECT max(depth) FROM tree"),
                   ==, 3);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM code WHERE parent_id IS NULL"), ==, 2);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM code"
                                  " WHERE label_en = '' OR label_ja = ''"
                                  " OR description_en = '' OR description_ja = ''"),
                   ==, 0);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM code WHERE var_name GLOB '*[^a-z0-9_]*'"
                                  " OR length (var_name) > 32"),
                   ==, 0);
  /* Positions among siblings run from 0 without gaps. */
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM (SELECT parent_id FROM code"
                                  " GROUP BY parent_id HAVING min(position) <> 0"
                                  " OR max(position) <> count(*) - 1"
                                  " OR count(DISTINCT position) <> count(*))"),
                   ==, 0);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM code WHERE codable = 1"), >, 20);
  sqlite3_close (db);
}

static void
test_generated_project_passes_check (TestDir       *fixture,
                                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = test_dir_path (fixture, "check.shirabe");
  g_autoptr(ShirabeProject) project = NULL;
  g_auto(GStrv) problems = NULL;
  ShirabeHistory *history;

  project = shirabe_project_create (path, NULL, SHIRABE_PROJECT_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_true (shirabe_project_generate (project, &small_options, NULL, &error));
  g_assert_no_error (error);

  /* One undo step, and undoing it empties the project again. */
  history = shirabe_project_get_history (project);
  g_assert_cmpuint (shirabe_history_get_n_undo (history), ==, 1);
  g_assert_cmpstr (shirabe_history_get_undo_label (history), ==, "Generate synthetic data");

  g_assert_true (shirabe_project_check (project, &problems, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (problems), ==, 0);

  g_assert_true (shirabe_project_undo (project, &error));
  g_assert_no_error (error);
  g_assert_true (shirabe_project_close (project, &error));
  g_assert_no_error (error);
  {
    sqlite3 *db = open_db (path);
    g_assert_cmpint (query_int (db, "SELECT count(*) FROM narrative"), ==, 0);
    g_assert_cmpint (query_int (db, "SELECT count(*) FROM code"), ==, 0);
    sqlite3_close (db);
  }
}

static void
test_cancelled_generation_changes_nothing (TestDir       *fixture,
                                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = test_dir_path (fixture, "cancel.shirabe");
  g_autoptr(ShirabeProject) project = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();

  project = shirabe_project_create (path, NULL, SHIRABE_PROJECT_NO_HISTORY, &error);
  g_assert_no_error (error);
  g_cancellable_cancel (cancellable);
  g_assert_false (shirabe_project_generate (project, &small_options, cancellable, &error));
  g_assert_error (error, SHIRABE_ERROR, SHIRABE_ERROR_CANCELLED);
  g_clear_error (&error);

  /* The project is still empty, so generating again works. */
  g_assert_true (shirabe_project_generate (project, &small_options, NULL, &error));
  g_assert_no_error (error);
}

static void
test_only_empty_projects_are_filled (TestDir       *fixture,
                                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = test_dir_path (fixture, "full.shirabe");
  g_autoptr(ShirabeProject) project = NULL;
  ShirabeGenerateOptions options = small_options;

  project = shirabe_project_create (path, NULL, SHIRABE_PROJECT_NO_HISTORY, &error);
  g_assert_no_error (error);
  shirabe_project_add_case (project, "Existing case", &error);
  g_assert_no_error (error);
  g_assert_false (shirabe_project_generate (project, &options, NULL, &error));
  g_assert_error (error, SHIRABE_ERROR, SHIRABE_ERROR_INVALID);
  g_clear_error (&error);

  options.min_length = 500;
  options.max_length = 100;
  g_assert_false (shirabe_project_generate (project, &options, NULL, &error));
  g_assert_error (error, SHIRABE_ERROR, SHIRABE_ERROR_INVALID);
  g_clear_error (&error);

  /* One character is singular. */
  options.max_length = 1;
  g_assert_false (shirabe_project_generate (project, &options, NULL, &error));
  g_assert_error (error, SHIRABE_ERROR, SHIRABE_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "The shortest narrative (500 characters) cannot be longer "
                   "than the longest (1 character)");
}

static gboolean
build_generated (ShirabeProject  *project,
                 gpointer         user_data,
                 GError         **error)
{
  return shirabe_project_generate (project, user_data, NULL, error);
}

/* The rowids FTS5 finds for @term, and those a plain scan finds, as one string each. */
static void
find_both_ways (sqlite3     *db,
                const char  *term,
                char       **by_index,
                char       **by_scan)
{
  static const char *const sql[] = {
    "SELECT group_concat (rowid) FROM (SELECT rowid FROM narrative_fts"
    " WHERE narrative_fts MATCH '\"' || ?1 || '\"' ORDER BY rowid)",
    "SELECT group_concat (id) FROM (SELECT id FROM narrative"
    " WHERE instr (lower (title), lower (?1)) OR instr (lower (text), lower (?1)) ORDER BY id)",
  };
  char **out[] = { by_index, by_scan };

  for (guint i = 0; i < G_N_ELEMENTS (sql); i++)
    {
      sqlite3_stmt *stmt = NULL;

      g_assert_cmpint (sqlite3_prepare_v2 (db, sql[i], -1, &stmt, NULL), ==, SQLITE_OK);
      sqlite3_bind_text (stmt, 1, term, -1, SQLITE_STATIC);
      g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
      *out[i] = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      sqlite3_finalize (stmt);
    }
}

/* `shirabe-cli generate` builds a new file, where the full-text index is made in a thread
 * beside the rows and the file is written without a log: the same rows as in an open project,
 * an index that finds what a scan finds and passes FTS5's own check, a file in WAL mode. */
static void
test_new_file_matches_open_project (TestDir       *fixture,
                                    gconstpointer  data)
{
  /* Three characters at least: a trigram index finds nothing shorter. */
  static const char *const terms[] = {
    "パスポート", "passport", "𠮷田さん", "ブローカー", "Narita", "case 0000", "事例0001",
    "sent my sister just a 🙏",
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(ShirabeProject) project = NULL;
  g_autofree char *open_path = generate_project (fixture, "open.shirabe", &small_options,
                                                 SHIRABE_PROJECT_NO_HISTORY);
  g_autofree char *new_path = test_dir_path (fixture, "new.shirabe");
  g_autofree char *open_digest = NULL;
  g_autofree char *new_digest = NULL;
  g_auto(GStrv) problems = NULL;
  ShirabeGenerateTimings timings = { 0 };
  ShirabeGenerateOptions options = small_options;
  sqlite3 *db;

  options.timings = &timings;
  g_assert_true (shirabe_project_create_file (new_path, NULL, build_generated, &options,
                                              &error));
  g_assert_no_error (error);
  g_assert_cmpfloat (timings.rows, >, 0);

  open_digest = digest_rows (open_path);
  new_digest = digest_rows (new_path);
  g_assert_cmpstr (new_digest, ==, open_digest);

  db = open_db (new_path);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM narrative_fts_docsize"), ==,
                   small_options.n_narratives);
  for (guint i = 0; i < G_N_ELEMENTS (terms); i++)
    {
      g_autofree char *by_index = NULL;
      g_autofree char *by_scan = NULL;

      find_both_ways (db, terms[i], &by_index, &by_scan);
      g_assert_nonnull (by_scan);
      g_assert_cmpstr (by_index, ==, by_scan);
    }
  {
    sqlite3_stmt *stmt = NULL;

    g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA journal_mode", -1, &stmt, NULL), ==,
                     SQLITE_OK);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "wal");
    sqlite3_finalize (stmt);
  }
  sqlite3_close (db);

  /* FTS5's own check, which also reads every narrative back (rank 1), runs in check. */
  project = shirabe_project_open (new_path, SHIRABE_PROJECT_NO_HISTORY, &error);
  g_assert_no_error (error);
  g_assert_true (shirabe_project_check (project, &problems, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (problems), ==, 0);
}

static gboolean
generate_then_fail (ShirabeProject  *project,
                    gpointer         user_data,
                    GError         **error)
{
  if (!shirabe_project_generate (project, user_data, NULL, error))
    return FALSE;
  g_set_error_literal (error, SHIRABE_ERROR, SHIRABE_ERROR_FAILED, "refused after generating");
  return FALSE;
}

/* A new file whose build fails after generating (index thread, private index database, file
 * without a log) leaves nothing in its folder. */
static void
test_failed_new_file_leaves_nothing (TestDir       *fixture,
                                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) dir = NULL;
  g_autofree char *path = test_dir_path (fixture, "failed.shirabe");
  ShirabeGenerateOptions options = small_options;
  const char *name;

  g_assert_false (shirabe_project_create_file (path, NULL, generate_then_fail, &options,
                                               &error));
  g_assert_error (error, SHIRABE_ERROR, SHIRABE_ERROR_FAILED);
  g_clear_error (&error);

  /* Refused inside generate too: options that cannot be met. */
  options.min_length = 500;
  options.max_length = 100;
  g_assert_false (shirabe_project_create_file (path, NULL, build_generated, &options, &error));
  g_assert_error (error, SHIRABE_ERROR, SHIRABE_ERROR_INVALID);

  dir = g_dir_open (fixture->dir, 0, NULL);
  g_assert_nonnull (dir);
  name = g_dir_read_name (dir);
  g_assert_cmpstr (name, ==, NULL);
}

static void
test_text_has_exact_length (void)
{
  static const guint sizes[] = { 1, 2, 3, 7, 50, 999, 10000, 54321 };

  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    for (int japanese = 0; japanese <= 1; japanese++)
      {
        g_autofree char *text = shirabe_generate_text (sizes[i] + japanese, sizes[i], japanese);
        g_autofree char *again = shirabe_generate_text (sizes[i] + japanese, sizes[i], japanese);
        const char *last;

        g_assert_true (g_utf8_validate (text, -1, NULL));
        g_assert_cmpint (g_utf8_strlen (text, -1), ==, sizes[i]);
        g_assert_cmpstr (text, ==, again);
        /* Cut anywhere, it still ends as a sentence or a paragraph. */
        last = g_utf8_prev_char (text + strlen (text));
        g_assert_true (strchr (".\"\n", *last) != NULL || g_str_has_prefix (last, "。") ||
                       g_str_has_prefix (last, "」"));
        if (sizes[i] >= 10000)
          g_assert_nonnull (strstr (text, "\n\n"));
      }

  {
    g_autofree char *one = shirabe_generate_text (1, 500, TRUE);
    g_autofree char *two = shirabe_generate_text (2, 500, TRUE);
    g_autofree char *empty = shirabe_generate_text (1, 0, FALSE);

    g_assert_cmpstr (one, !=, two);
    g_assert_cmpstr (empty, ==, "");
  }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(name, func) \
  g_test_add ("/core/generate/" name, TestDir, NULL, test_dir_setup, func, test_dir_teardown)
  ADD ("same-seed-gives-same-rows", test_same_seed_gives_same_rows);
  ADD ("counts-follow-options", test_counts_follow_options);
  ADD ("defaults-apply", test_defaults_apply);
  ADD ("codings-lie-within-their-narratives", test_codings_lie_within_their_narratives);
  ADD ("lengths-and-checksums-match-text", test_lengths_and_checksums_match_text);
  ADD ("code-tree-has-three-levels", test_code_tree_has_three_levels);
  ADD ("generated-project-passes-check", test_generated_project_passes_check);
  ADD ("cancelled-generation-changes-nothing", test_cancelled_generation_changes_nothing);
  ADD ("only-empty-projects-are-filled", test_only_empty_projects_are_filled);
  ADD ("new-file-matches-open-project", test_new_file_matches_open_project);
  ADD ("failed-new-file-leaves-nothing", test_failed_new_file_leaves_nothing);
#undef ADD
  g_test_add_func ("/core/generate/text-has-exact-length", test_text_has_exact_length);

  return g_test_run ();
}
