/* test-import.c: plain-text files become narratives, whatever their encoding
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <sqlite3.h>

#include "test-util.h"

static const char japanese[] =
  "私はブローカーに「工場の仕事がある」と言われて来日した。\n"
  "空港で旅券を取り上げられ、借金は三百万円だと言われた。\n";

/* Writes @utf8 to @name in @encoding (with @bom prepended to the encoded bytes). */
static char *
write_encoded (TestDir    *fixture,
               const char *name,
               const char *utf8,
               const char *encoding,
               const char *bom,
               gsize       bom_length)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = test_dir_path (fixture, name);
  g_autofree char *encoded = NULL;
  g_autoptr(GByteArray) bytes = g_byte_array_new ();
  gsize length = 0;

  encoded = g_convert (utf8, -1, encoding, "UTF-8", NULL, &length, &error);
  g_assert_no_error (error);
  if (bom != NULL)
    g_byte_array_append (bytes, (const guint8 *) bom, bom_length);
  g_byte_array_append (bytes, (const guint8 *) encoded, length);
  g_assert_true (g_file_set_contents (path, (const char *) bytes->data, bytes->len, &error));
  g_assert_no_error (error);
  return g_steal_pointer (&path);
}

static ShirabeProject *
new_project (TestDir *fixture)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = test_dir_path (fixture, "import.shirabe");
  ShirabeProject *project = shirabe_project_create (path, NULL, SHIRABE_PROJECT_DEFAULT, &error);

  g_assert_no_error (error);
  return project;
}

static void
assert_imported_text (ShirabeProject *project,
                      GPtrArray      *results,
                      guint           index,
                      const char     *encoding,
                      const char     *text)
{
  g_autoptr(GError) error = NULL;
  ShirabeImportResult *result = results->pdata[index];
  g_autoptr(ShirabeNarrative) narrative = NULL;
  g_autofree char *stored = NULL;

  g_assert_no_error (result->error);
  g_assert_cmpint (result->narrative_id, >, 0);
  g_assert_cmpstr (result->encoding, ==, encoding);
  narrative = shirabe_project_get_narrative (project, result->narrative_id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (narrative->origin_encoding, ==, encoding);
  stored = shirabe_project_dup_narrative_text (project, result->narrative_id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (stored, ==, text);
  g_assert_cmpint (narrative->length, ==, g_utf8_strlen (text, -1));
}

static void
test_every_japanese_encoding_round_trips (TestDir       *fixture,
                                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ShirabeProject) project = new_project (fixture);
  g_autoptr(GPtrArray) results = NULL;
  g_autofree char *sjis = write_encoded (fixture, "聞き取り_sjis.txt", japanese, "CP932", NULL, 0);
  g_autofree char *euc = write_encoded (fixture, "euc.txt", japanese, "EUC-JP", NULL, 0);
  g_autofree char *jis = write_encoded (fixture, "jis.txt", japanese, "ISO-2022-JP", NULL, 0);
  g_autofree char *le = write_encoded (fixture, "le.txt", japanese, "UTF-16LE", "\xff\xfe", 2);
  g_autofree char *be = write_encoded (fixture, "be.txt", japanese, "UTF-16BE", "\xfe\xff", 2);
  g_autofree char *bom = write_encoded (fixture, "bom.txt", japanese, "UTF-8", "\xef\xbb\xbf", 3);
  g_autofree char *plain = write_encoded (fixture, "plain.txt", japanese, "UTF-8", NULL, 0);
  const char *paths[] = { sjis, euc, jis, le, be, bom, plain, NULL };
  g_autoptr(GPtrArray) narratives = NULL;

  g_assert_cmpint (shirabe_project_import_files (project, paths, NULL, NULL, NULL, NULL, &results,
                                                 &error), ==, 7);
  g_assert_no_error (error);
  assert_imported_text (project, results, 0, "SHIFT_JIS", japanese);
  assert_imported_text (project, results, 1, "EUC-JP", japanese);
  assert_imported_text (project, results, 2, "ISO-2022-JP", japanese);
  assert_imported_text (project, results, 3, "UTF-16LE", japanese);
  assert_imported_text (project, results, 4, "UTF-16BE", japanese);
  assert_imported_text (project, results, 5, "UTF-8", japanese);
  assert_imported_text (project, results, 6, "UTF-8", japanese);

  /* Titled by the file name without its extension; each file its own case by default. */
  narratives = shirabe_project_list_narratives (project, 0, &error);
  g_assert_cmpuint (narratives->len, ==, 7);
  g_assert_cmpstr (((ShirabeNarrative *) narratives->pdata[0])->title, ==, "聞き取り_sjis");
  g_assert_cmpstr (((ShirabeNarrative *) narratives->pdata[0])->case_name, ==, "聞き取り_sjis");
  g_assert_cmpstr (((ShirabeNarrative *) narratives->pdata[0])->origin_file, ==,
                   "聞き取り_sjis.txt");
}

static void
test_line_ends_and_nfd_are_normalised (TestDir       *fixture,
                                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ShirabeProject) project = new_project (fixture);
  g_autoptr(GPtrArray) results = NULL;
  /* "か" + combining dakuten, "e" + combining acute: NFD as macOS writes file names and some
   * editors write text. */
  g_autofree char *path = write_encoded (fixture, "nfd.txt",
                                         "\xe3\x81\x8b\xe3\x82\x99\xe3\x81\x84\xe3\x81\x93\xe3"
                                         "\x81\x8f\xe3\x81\x98\xe3\x82\x93\r\nJose\xcc\x81\r"
                                         "end\r\n",
                                         "UTF-8", NULL, 0);
  const char *paths[] = { path, NULL };

  g_assert_cmpint (shirabe_project_import_files (project, paths, NULL, NULL, NULL, NULL, &results,
                                                 &error), ==, 1);
  assert_imported_text (project, results, 0, "UTF-8", "がいこくじん\nJosé\nend\n");
}

static void
test_bad_files_are_reported_and_good_ones_kept (TestDir       *fixture,
                                                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ShirabeProject) project = new_project (fixture);
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GPtrArray) narratives = NULL;
  g_autofree char *good = write_encoded (fixture, "good.txt", "A good file.\n", "UTF-8", NULL, 0);
  g_autofree char *binary = test_dir_path (fixture, "photo.jpg");
  g_autofree char *empty = test_dir_path (fixture, "empty.txt");
  g_autofree char *missing = test_dir_path (fixture, "missing.txt");
  g_autofree char *large = test_dir_path (fixture, "large.txt");
  g_autofree char *large_text = g_strnfill (2000, 'x');
  const char *paths[] = { good, binary, empty, missing, large, NULL };
  ShirabeImportOptions options = { .max_size = 1000, .case_name = "事例 7", .language = "en" };
  ShirabeImportResult *result;

  g_assert_true (g_file_set_contents (binary, "\xff\xd8\xff\xe0\x00\x10JFIF\x00", 11, NULL));
  g_assert_true (g_file_set_contents (empty, "", 0, NULL));
  g_assert_true (g_file_set_contents (large, large_text, -1, NULL));

  g_assert_cmpint (shirabe_project_import_files (project, paths, &options, NULL, NULL, NULL,
                                                 &results, &error), ==, 1);
  g_assert_no_error (error);
  g_assert_cmpuint (results->len, ==, 5);

  assert_imported_text (project, results, 0, "UTF-8", "A good file.\n");

  result = results->pdata[1];
  g_assert_error (result->error, SHIRABE_ERROR, SHIRABE_ERROR_BINARY);
  g_assert_nonnull (strstr (result->error->message, "photo.jpg"));
  g_assert_nonnull (strstr (result->error->message, "byte 4"));
  g_assert_cmpint (result->narrative_id, ==, 0);

  result = results->pdata[2];
  g_assert_error (result->error, SHIRABE_ERROR, SHIRABE_ERROR_EMPTY);
  g_assert_nonnull (strstr (result->error->message, "empty.txt"));

  result = results->pdata[3];
  g_assert_error (result->error, SHIRABE_ERROR, SHIRABE_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (result->error->message, "missing.txt"));

  result = results->pdata[4];
  g_assert_error (result->error, SHIRABE_ERROR, SHIRABE_ERROR_TOO_LARGE);
  g_assert_nonnull (strstr (result->error->message, "large.txt"));

  narratives = shirabe_project_list_narratives (project, 0, &error);
  g_assert_cmpuint (narratives->len, ==, 1);
  g_assert_cmpstr (((ShirabeNarrative *) narratives->pdata[0])->case_name, ==, "事例 7");
  g_assert_cmpstr (((ShirabeNarrative *) narratives->pdata[0])->language, ==, "en");
}

/* A document of a kind researchers often receive, which Shirabe cannot read yet, is named as
 * such with what to do, rather than "looks binary at byte N". */
static void
test_word_document_is_named_with_what_to_do (TestDir       *fixture,
                                              gconstpointer  data)
{
  static const char zip[] = { 'P', 'K', 3, 4, 20, 0, 0, 0, 8, 0, 0, 0, 0, 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(ShirabeProject) project = new_project (fixture);
  g_autoptr(GPtrArray) results = NULL;
  g_autofree char *docx = test_dir_path (fixture, "Interview.DOCX");
  g_autofree char *pdf = test_dir_path (fixture, "court.pdf");
  g_autofree char *rtf = test_dir_path (fixture, "ngo-record.txt");
  const char *paths[] = { docx, pdf, rtf, NULL };
  ShirabeImportResult *result;

  g_assert_true (g_file_set_contents (docx, zip, sizeof zip, NULL));
  g_assert_true (g_file_set_contents (pdf, "%PDF-1.7\n\x00\x01\x02binary", 18, NULL));
  /* RTF is ASCII: told by its first bytes, or it would come in as markup. */
  g_assert_true (g_file_set_contents (rtf, "{\\rtf1\\ansi She was told {\\b never} to leave.}",
                                      -1, NULL));
  g_assert_cmpint (shirabe_project_import_files (project, paths, NULL, NULL, NULL, NULL,
                                                 &results, &error), ==, 0);
  g_assert_no_error (error);
  g_assert_cmpuint (results->len, ==, 3);
  /* A zip named .docx without a Word document's parts: damaged, and what to do about it. */
  result = results->pdata[0];
  g_assert_error (result->error, SHIRABE_ERROR, SHIRABE_ERROR_CORRUPT);
  g_assert_cmpstr (result->error->message, ==,
                   "“Interview.DOCX” is not a Word or OpenDocument file Shirabe can read: open "
                   "it in Word or LibreOffice and save it again");
  /* A PDF is read now: this one is no real PDF, and is called damaged. */
  result = results->pdata[1];
  g_assert_error (result->error, SHIRABE_ERROR, SHIRABE_ERROR_CORRUPT);
  g_assert_nonnull (strstr (result->error->message, "“court.pdf” is a damaged PDF"));
  result = results->pdata[2];
  g_assert_error (result->error, SHIRABE_ERROR, SHIRABE_ERROR_BINARY);
  g_assert_nonnull (strstr (result->error->message, "“ngo-record.txt” is a rich text document"));
}

static void
test_forced_encoding_reports_offset (TestDir       *fixture,
                                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ShirabeProject) project = new_project (fixture);
  g_autoptr(GPtrArray) results = NULL;
  g_autofree char *sjis = write_encoded (fixture, "sjis.txt", "OK: 旅券", "CP932", NULL, 0);
  const char *paths[] = { sjis, NULL };
  ShirabeImportOptions options = { .forced_encoding = "UTF-8" };
  ShirabeImportResult *result;

  g_assert_cmpint (shirabe_project_import_files (project, paths, &options, NULL, NULL, NULL,
                                                 &results, &error), ==, 0);
  g_assert_no_error (error);
  result = results->pdata[0];
  g_assert_error (result->error, SHIRABE_ERROR, SHIRABE_ERROR_ENCODING);
  g_assert_nonnull (strstr (result->error->message, "sjis.txt"));
  g_assert_nonnull (strstr (result->error->message, "byte 4"));
}

static void
test_import_is_one_undo_step (TestDir       *fixture,
                              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ShirabeProject) project = new_project (fixture);
  g_autoptr(GPtrArray) narratives = NULL;
  g_autoptr(GPtrArray) cases = NULL;
  g_autofree char *a = write_encoded (fixture, "a.txt", "one", "UTF-8", NULL, 0);
  g_autofree char *b = write_encoded (fixture, "b.txt", "two", "UTF-8", NULL, 0);
  const char *paths[] = { a, b, NULL };
  ShirabeHistory *history = shirabe_project_get_history (project);

  g_assert_cmpint (shirabe_project_import_files (project, paths, NULL, NULL, NULL, NULL, NULL,
                                                 &error), ==, 2);
  g_assert_cmpstr (shirabe_history_get_undo_label (history), ==, "Import 2 files");
  g_assert_true (shirabe_project_undo (project, &error));
  g_assert_no_error (error);
  narratives = shirabe_project_list_narratives (project, 0, &error);
  cases = shirabe_project_list_cases (project, &error);
  g_assert_cmpuint (narratives->len, ==, 0);
  g_assert_cmpuint (cases->len, ==, 0);
}

static void
test_cancelled_import_leaves_nothing (TestDir       *fixture,
                                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ShirabeProject) project = new_project (fixture);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GPtrArray) narratives = NULL;
  g_autofree char *a = write_encoded (fixture, "a.txt", "one", "UTF-8", NULL, 0);
  g_autofree char *b = write_encoded (fixture, "b.txt", "two", "UTF-8", NULL, 0);
  const char *paths[] = { a, b, NULL };

  g_cancellable_cancel (cancellable);
  g_assert_cmpint (shirabe_project_import_files (project, paths, NULL, NULL, NULL, cancellable,
                                                 NULL, &error), ==, -1);
  g_assert_error (error, SHIRABE_ERROR, SHIRABE_ERROR_CANCELLED);
  narratives = shirabe_project_list_narratives (project, 0, &error);
  g_assert_cmpuint (narratives->len, ==, 0);
}

/* The narratives whose title or text the project's full-text index finds @term in (a phrase
 * of three characters or more), read through a connection of the test's own. */
static GArray *
index_finds (const char *project_path,
             const char *term)
{
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autofree char *phrase = g_strdup_printf ("\"%s\"", term);
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_open_v2 (project_path, &db, SQLITE_OPEN_READONLY, NULL), ==,
                   SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT rowid FROM narrative_fts"
                                           " WHERE narrative_fts MATCH ?1 ORDER BY rowid",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, phrase, -1, SQLITE_TRANSIENT);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (ids, id);
    }
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return ids;
}

/* FTS5's own check that its index matches the narratives' titles and texts. */
static void
assert_index_intact (const char *project_path)
{
  sqlite3 *db = NULL;
  char *message = NULL;

  g_assert_cmpint (sqlite3_open_v2 (project_path, &db, SQLITE_OPEN_READWRITE, NULL), ==,
                   SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "INSERT INTO narrative_fts (narrative_fts, rank)"
                                     " VALUES ('integrity-check', 1)", NULL, NULL, &message),
                   ==, SQLITE_OK);
  g_assert_null (message);
  sqlite3_close (db);
}

/* The index is fed by ranges of ids while the reading thread has no file ready: a long file in
 * the middle of small ones keeps that thread busy while what came before it is indexed. Every
 * narrative is indexed once, and the index matches the texts. */
static void
test_indexed_while_reading_once_each (TestDir       *fixture,
                                      gconstpointer  data)
{
  const guint n_files = 24;
  g_autoptr(GError) error = NULL;
  g_autoptr(ShirabeProject) project = new_project (fixture);
  g_autofree char *project_path = test_dir_path (fixture, "import.shirabe");
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GString) long_text = g_string_new (NULL);

  /* Some 6 MB in CP932: tens of milliseconds to decode and hash. */
  while (long_text->len < 9 * 1024 * 1024)
    g_string_append (long_text, "支援団体の記録によれば、彼女は借金の返済まで帰国できないと告げられた。\n");
  for (guint i = 0; i < n_files; i++)
    {
      g_autofree char *name = g_strdup_printf ("file-%02u.txt", i);
      g_autofree char *text = g_strdup_printf ("聞き取り%02u: 旅券を取り上げられた。marker%02uz\n%s",
                                               i, i, i % 8 == 5 ? long_text->str : "");

      g_ptr_array_add (paths, write_encoded (fixture, name, text, "CP932", NULL, 0));
    }
  g_ptr_array_add (paths, NULL);

  g_assert_cmpint (shirabe_project_import_files (project, (const char * const *) paths->pdata,
                                                 NULL, NULL, NULL, NULL, &results, &error),
                   ==, (int) n_files);
  g_assert_no_error (error);
  g_assert_true (shirabe_project_close (project, &error));
  g_assert_no_error (error);

  for (guint i = 0; i < n_files; i++)
    {
      ShirabeImportResult *result = results->pdata[i];
      g_autofree char *marker = g_strdup_printf ("marker%02uz", i);
      g_autoptr(GArray) found = index_finds (project_path, marker);

      g_assert_cmpuint (found->len, ==, 1);
      g_assert_cmpint (g_array_index (found, gint64, 0), ==, result->narrative_id);
    }
  assert_index_intact (project_path);
}

/* More files than the reading thread runs ahead, a refused one every seventh: the results
 * come in the files' order, the narratives too, and the index, fed as the files come, finds
 * each narrative's own words and nothing of the refused files. */
static void
test_large_batch_keeps_its_order_and_is_indexed (TestDir       *fixture,
                                                 gconstpointer  data)
{
  const guint n_files = 50;
  g_autoptr(GError) error = NULL;
  g_autoptr(ShirabeProject) project = new_project (fixture);
  g_autofree char *project_path = test_dir_path (fixture, "import.shirabe");
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GPtrArray) narratives = NULL;
  ShirabeImportTimings timings = { 0 };
  ShirabeImportOptions options = { .timings = &timings };
  guint n_good = 0;

  for (guint i = 0; i < n_files; i++)
    {
      g_autofree char *name = g_strdup_printf ("file-%02u.txt", i);

      if (i % 7 == 3)
        {
          /* Binary: refused, in its place among the others. */
          char *path = test_dir_path (fixture, name);

          g_assert_true (g_file_set_contents (path, "\x00\x01\x02 bin\x00語り", 12, &error));
          g_assert_no_error (error);
          g_ptr_array_add (paths, path);
        }
      else
        {
          g_autofree char *text = g_strdup_printf ("聞き取り%02u: 旅券を取り上げられた。marker%02uz\n",
                                                   i, i);

          g_ptr_array_add (paths, write_encoded (fixture, name, text,
                                                 i % 2 == 0 ? "UTF-8" : "CP932", NULL, 0));
        }
    }
  g_ptr_array_add (paths, NULL);

  g_assert_cmpint (shirabe_project_import_files (project, (const char * const *) paths->pdata,
                                                 &options, NULL, NULL, NULL, &results, &error),
                   ==, 43);
  g_assert_no_error (error);
  g_assert_cmpuint (results->len, ==, n_files);
  narratives = shirabe_project_list_narratives (project, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (narratives->len, ==, 43);

  for (guint i = 0; i < n_files; i++)
    {
      ShirabeImportResult *result = results->pdata[i];
      g_autofree char *marker = g_strdup_printf ("marker%02uz", i);
      g_autoptr(GArray) found = index_finds (project_path, marker);

      g_assert_cmpstr (result->path, ==, paths->pdata[i]);
      if (i % 7 == 3)
        {
          g_assert_error (result->error, SHIRABE_ERROR, SHIRABE_ERROR_BINARY);
          g_assert_cmpint (result->narrative_id, ==, 0);
          g_assert_null (result->encoding);
          g_assert_cmpuint (found->len, ==, 0);
        }
      else
        {
          ShirabeNarrative *narrative = narratives->pdata[n_good++];
          g_autofree char *title = g_strdup_printf ("file-%02u", i);
          g_autofree char *text = g_strdup_printf ("聞き取り%02u: 旅券を取り上げられた。marker%02uz\n",
                                                   i, i);
          g_autofree char *sha256 = g_compute_checksum_for_string (G_CHECKSUM_SHA256, text, -1);

          g_assert_no_error (result->error);
          g_assert_cmpstr (result->encoding, ==, i % 2 == 0 ? "UTF-8" : "SHIFT_JIS");
          g_assert_cmpint (result->narrative_id, ==, narrative->id);
          g_assert_cmpstr (narrative->title, ==, title);
          /* What the reading thread worked out is what is stored. */
          g_assert_cmpint (narrative->length, ==, g_utf8_strlen (text, -1));
          g_assert_cmpstr (narrative->sha256, ==, sha256);
          g_assert_cmpstr (narrative->language, ==, "ja");
          g_assert_cmpuint (found->len, ==, 1);
          g_assert_cmpint (g_array_index (found, gint64, 0), ==, result->narrative_id);
        }
    }
  /* Each part of the import was timed. */
  g_assert_cmpfloat (timings.decode, >, 0);
  g_assert_cmpfloat (timings.store, >, 0);
  g_assert_cmpfloat (timings.index, >, 0);
  g_assert_cmpfloat (timings.commit, >, 0);

  /* Undone, the index forgets them with the narratives. */
  g_assert_true (shirabe_project_undo (project, &error));
  g_assert_no_error (error);
  {
    g_autoptr(GArray) found = index_finds (project_path, "marker00z");

    g_assert_cmpuint (found->len, ==, 0);
  }
}

/* Asynchronous import */

typedef struct
{
  GMainLoop    *loop;
  GThread      *main_thread;
  GCancellable *cancel_on_progress;
  gboolean      idle_before_loop;
  guint         n_progress;
  guint         first_done;
  guint         last_done;
  gboolean      progress_off_thread;
  gboolean      progress_after_done;
  gboolean      done;
  int           n_imported;
  GPtrArray    *results;
  GError       *error;
} AsyncImport;

static void
async_import_progress (guint    done,
                       guint    total,
                       gpointer user_data)
{
  AsyncImport *run = user_data;

  if (g_thread_self () != run->main_thread)
    run->progress_off_thread = TRUE;
  if (run->done)
    run->progress_after_done = TRUE;
  if (run->n_progress++ == 0)
    run->first_done = done;
  run->last_done = done;
  if (run->cancel_on_progress != NULL)
    g_cancellable_cancel (run->cancel_on_progress);
}

static void
async_import_done (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  AsyncImport *run = user_data;

  run->n_imported = shirabe_project_import_files_finish (SHIRABE_PROJECT (source), result,
                                                         &run->results, &run->error);
  run->done = TRUE;
  g_main_loop_quit (run->loop);
}

/* Imports @paths with shirabe_project_import_files_async, running a main loop until done. */
static void
async_import_run (AsyncImport                *run,
                  ShirabeProject             *project,
                  const char * const         *paths,
                  const ShirabeImportOptions *options,
                  GCancellable               *cancellable)
{
  run->loop = g_main_loop_new (NULL, FALSE);
  run->main_thread = g_thread_self ();
  shirabe_project_import_files_async (project, paths, options, async_import_progress, run,
                                      cancellable, async_import_done, run);
  /* While no thread runs the main context, the worker's counts must wait for it all the same,
   * never reach the caller in the worker's thread. */
  if (run->idle_before_loop)
    g_usleep (G_USEC_PER_SEC / 5);
  g_main_loop_run (run->loop);
  /* Whatever the worker had still queued comes now, and must not reach the caller. */
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_clear_pointer (&run->loop, g_main_loop_unref);
  g_assert_true (run->done);
  g_assert_false (run->progress_off_thread);
  g_assert_false (run->progress_after_done);
}

static void
async_import_clear (AsyncImport *run)
{
  g_clear_pointer (&run->results, g_ptr_array_unref);
  g_clear_error (&run->error);
}

/* What the file holds, read through a connection of its own: "table count" per table. With
 * @segments, also the full-text index's segment tables, whose rows an equal index may lay out
 * differently (a deletion adds a segment until the next merge). */
static char *
describe_rows (const char *path,
               gboolean    segments)
{
  GString *out = g_string_new (NULL);
  sqlite3_stmt *tables = NULL;
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT name FROM sqlite_schema WHERE type = 'table'"
                                       " AND name NOT LIKE 'sqlite_%' ORDER BY name", -1,
                                       &tables, NULL), ==, SQLITE_OK);
  while (sqlite3_step (tables) == SQLITE_ROW)
    {
      const char *name = (const char *) sqlite3_column_text (tables, 0);
      g_autofree char *sql = NULL;
      sqlite3_stmt *count = NULL;

      if (!segments && (g_str_equal (name, "narrative_fts_data") ||
                        g_str_equal (name, "narrative_fts_idx")))
        continue;
      sql = g_strdup_printf ("SELECT count(*) FROM \"%s\"", name);

      g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &count, NULL), ==, SQLITE_OK);
      g_assert_cmpint (sqlite3_step (count), ==, SQLITE_ROW);
      g_string_append_printf (out, "%s %d\n", name, sqlite3_column_int (count, 0));
      sqlite3_finalize (count);
    }
  sqlite3_finalize (tables);
  sqlite3_close (db);
  return g_string_free (out, FALSE);
}

/* How many narratives the full-text index finds for @query, through a connection of its own. */
static int
count_fts_matches (const char *path,
                   const char *query)
{
  sqlite3_stmt *stmt = NULL;
  sqlite3 *db = NULL;
  int n;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT count(*) FROM narrative_fts"
                                       " WHERE narrative_fts MATCH ?1", -1, &stmt, NULL),
                   ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, query, -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return n;
}

static void
assert_check_passes (ShirabeProject *project)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) problems = NULL;

  g_assert_true (shirabe_project_check (project, &problems, &error));
  g_assert_no_error (error);
  if (problems != NULL && problems[0] != NULL)
    g_error ("the check found: %s", problems[0]);
}

static void
assert_counts (ShirabeProject *project,
               guint           n_narratives,
               guint           n_cases)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) narratives = shirabe_project_list_narratives (project, 0, &error);
  g_autoptr(GPtrArray) cases = NULL;

  g_assert_no_error (error);
  cases = shirabe_project_list_cases (project, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (narratives->len, ==, n_narratives);
  g_assert_cmpuint (cases->len, ==, n_cases);
}

typedef struct
{
  guint         n_changed;
  ShirabeTables tables;
} Changed;

static void
on_changed (ShirabeProject *project,
            ShirabeChanges *changes,
            Changed        *changed)
{
  changed->n_changed++;
  g_assert_true (shirabe_changes_is_known (changes));
  changed->tables |= shirabe_changes_get_tables (changes);
}

static void
test_async_import_is_one_step_of_the_callers_history (TestDir       *fixture,
                                                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ShirabeProject) project = new_project (fixture);
  g_autofree char *first = write_encoded (fixture, "first.txt", "before", "UTF-8", NULL, 0);
  g_autofree char *a = write_encoded (fixture, "聞き取り_a.txt", japanese, "CP932", NULL, 0);
  g_autofree char *b = write_encoded (fixture, "b.txt", japanese, "EUC-JP", NULL, 0);
  g_autofree char *c = write_encoded (fixture, "c.txt", "三人目の話。", "UTF-8", NULL, 0);
  g_autofree char *empty = write_encoded (fixture, "empty.txt", "", "UTF-8", NULL, 0);
  g_autofree char *text = NULL;
  g_autofree char *after_import = NULL;
  const char *first_paths[] = { first, NULL };
  const char *paths[] = { a, b, empty, c, NULL };
  const char *path = shirabe_project_get_path (project);
  ShirabeHistory *history = shirabe_project_get_history (project);
  AsyncImport run = { 0 };
  Changed changed = { 0 };

  /* An earlier edit, so that the import's step has to take its place on top of it. */
  g_assert_cmpint (shirabe_project_import_files (project, first_paths, NULL, NULL, NULL, NULL,
                                                 NULL, &error), ==, 1);
  g_signal_connect (project, "changed", G_CALLBACK (on_changed), &changed);

  run.idle_before_loop = TRUE;
  async_import_run (&run, project, paths, NULL, NULL);
  g_assert_no_error (run.error);
  g_assert_cmpint (run.n_imported, ==, 3);
  g_assert_cmpuint (run.results->len, ==, 4);
  g_assert_error (((ShirabeImportResult *) run.results->pdata[2])->error, SHIRABE_ERROR,
                  SHIRABE_ERROR_EMPTY);
  /* Views heard once, and what the worker changed: cases and narratives. */
  g_assert_cmpuint (changed.n_changed, ==, 1);
  g_assert_cmpuint (changed.tables, ==, SHIRABE_TABLE_CASES | SHIRABE_TABLE_NARRATIVE);
  g_assert_cmpuint (run.n_progress, >, 0);
  g_assert_cmpuint (run.last_done, <=, 4);

  /* The window's connection sees the rows, and they are the files' texts. */
  assert_counts (project, 4, 4);
  assert_imported_text (project, run.results, 0, "SHIFT_JIS", japanese);
  text = shirabe_project_dup_narrative_text (project,
                                             ((ShirabeImportResult *) run.results->pdata[3])
                                               ->narrative_id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (text, ==, "三人目の話。");
  g_assert_cmpint (count_fts_matches (path, "ブローカー"), ==, 2);
  assert_check_passes (project);
  after_import = describe_rows (path, FALSE);

  /* One step of the caller's history, on top of the earlier one. */
  g_assert_cmpuint (shirabe_history_get_n_undo (history), ==, 2);
  g_assert_cmpstr (shirabe_history_get_undo_label (history), ==, "Import 3 files");

  /* Undo on the caller's connection takes out every narrative and case the worker added. */
  g_assert_true (shirabe_project_undo (project, &error));
  g_assert_no_error (error);
  assert_counts (project, 1, 1);
  g_assert_cmpint (count_fts_matches (path, "ブローカー"), ==, 0);
  assert_check_passes (project);
  g_assert_cmpstr (shirabe_history_get_redo_label (history), ==, "Import 3 files");

  /* Redo brings back the same rows, the full-text index with them. */
  g_assert_true (shirabe_project_redo (project, &error));
  g_assert_no_error (error);
  assert_counts (project, 4, 4);
  g_assert_cmpint (count_fts_matches (path, "ブローカー"), ==, 2);
  assert_check_passes (project);
  {
    g_autofree char *after_redo = describe_rows (path, FALSE);
    g_assert_cmpstr (after_redo, ==, after_import);
  }

  /* And the earlier step is still there underneath. */
  g_assert_true (shirabe_project_undo (project, &error));
  g_assert_true (shirabe_project_undo (project, &error));
  g_assert_no_error (error);
  assert_counts (project, 0, 0);
  assert_check_passes (project);

  async_import_clear (&run);
}

static void
test_async_import_cancelled_midway_keeps_nothing (TestDir       *fixture,
                                                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ShirabeProject) project = new_project (fixture);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) long_text = g_string_new (NULL);
  g_autofree char *first = write_encoded (fixture, "first.txt", "before", "UTF-8", NULL, 0);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  const char *first_paths[] = { first, NULL };
  const char *path = shirabe_project_get_path (project);
  ShirabeHistory *history = shirabe_project_get_history (project);
  AsyncImport run = { 0 };
  Changed changed = { 0 };
  const guint n_files = 40;

  g_assert_cmpint (shirabe_project_import_files (project, first_paths, NULL, NULL, NULL, NULL,
                                                 NULL, &error), ==, 1);
  /* Files long enough (each indexed by trigrams) that the cancel, sent from the main loop at
   * the first count, is heard long before the last file. */
  for (guint i = 0; i < 2000; i++)
    g_string_append_printf (long_text, "%u: %s", i, japanese);
  for (guint i = 0; i < n_files; i++)
    {
      g_autofree char *name = g_strdup_printf ("case-%02u.txt", i);
      g_ptr_array_add (paths, write_encoded (fixture, name, long_text->str, "UTF-8", NULL, 0));
    }
  g_ptr_array_add (paths, NULL);
  before = describe_rows (path, TRUE);
  g_signal_connect (project, "changed", G_CALLBACK (on_changed), &changed);

  run.cancel_on_progress = cancellable;
  async_import_run (&run, project, (const char * const *) paths->pdata, NULL, cancellable);
  g_assert_cmpuint (run.n_progress, >, 0);
  g_assert_cmpuint (run.first_done, <, n_files);
  g_assert_cmpint (run.n_imported, ==, -1);
  g_assert_error (run.error, SHIRABE_ERROR, SHIRABE_ERROR_CANCELLED);

  /* Not a row more in the file, no step, nothing for views to refresh. */
  after = describe_rows (path, TRUE);
  g_assert_cmpstr (after, ==, before);
  assert_counts (project, 1, 1);
  g_assert_cmpuint (shirabe_history_get_n_undo (history), ==, 1);
  g_assert_cmpstr (shirabe_history_get_undo_label (history), ==, "Import 1 file");
  g_assert_cmpuint (changed.n_changed, ==, 0);
  assert_check_passes (project);

  /* The project takes edits again at once: the worker let go of its lock. */
  g_assert_true (shirabe_project_set_name (project, "Renamed", &error));
  g_assert_no_error (error);

  async_import_clear (&run);
}

static void
test_async_import_into_read_only_project_is_refused (TestDir       *fixture,
                                                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ShirabeProject) created = new_project (fixture);
  g_autoptr(ShirabeProject) project = NULL;
  g_autofree char *a = write_encoded (fixture, "a.txt", "one", "UTF-8", NULL, 0);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  const char *paths[] = { a, NULL };
  AsyncImport run = { 0 };

  shirabe_project_close (created, &error);
  g_assert_no_error (error);
  project = shirabe_project_open (shirabe_project_get_path (created), SHIRABE_PROJECT_READ_ONLY,
                                  &error);
  g_assert_no_error (error);
  before = describe_rows (shirabe_project_get_path (project), TRUE);

  async_import_run (&run, project, paths, NULL, NULL);
  g_assert_cmpint (run.n_imported, ==, -1);
  g_assert_error (run.error, SHIRABE_ERROR, SHIRABE_ERROR_READ_ONLY);
  after = describe_rows (shirabe_project_get_path (project), TRUE);
  g_assert_cmpstr (after, ==, before);
  g_assert_false (shirabe_history_get_can_undo (shirabe_project_get_history (project)));

  async_import_clear (&run);
}

static void
test_new_cases_go_at_the_end_in_file_order (TestDir       *fixture,
                                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ShirabeProject) project = new_project (fixture);
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) cases = NULL;
  const char *names[] = { "c", "a", "b", "a-again" };

  /* One case already there, and one a file of the batch will reuse by its name. */
  g_assert_cmpint (shirabe_project_add_case (project, "existing", &error), >, 0);
  g_assert_cmpint (shirabe_project_add_case (project, "b", &error), >, 0);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *name = g_strconcat (names[i], ".txt", NULL);
      char *path = test_dir_path (fixture, name);

      g_assert_true (g_file_set_contents (path, "旅券を取り上げられた。", -1, NULL));
      g_ptr_array_add (paths, path);
    }
  g_ptr_array_add (paths, NULL);
  g_assert_cmpint (shirabe_project_import_files (project, (const char * const *) paths->pdata,
                                                 NULL, NULL, NULL, NULL, NULL, &error), ==, 4);
  g_assert_no_error (error);

  /* The batch numbers its new cases itself: after the last, in file order, none shared. */
  cases = shirabe_project_list_cases (project, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (cases->len, ==, 5);
  {
    const char *expected[] = { "existing", "b", "c", "a", "a-again" };

    for (guint i = 0; i < cases->len; i++)
      {
        ShirabeCase *the_case = g_ptr_array_index (cases, i);

        g_assert_cmpstr (the_case->name, ==, expected[i]);
        g_assert_cmpint (the_case->position, ==, i);
      }
  }
}

static void
test_stray_bytes_refuse_until_replacement_is_asked (TestDir       *fixture,
                                                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ShirabeProject) project = new_project (fixture);
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GPtrArray) replaced_results = NULL;
  g_autoptr(ShirabeNarrative) narrative = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GString) bytes = g_string_new (japanese);
  g_autofree char *path = test_dir_path (fixture, "transcript.txt");
  const char *paths[] = { path, NULL };
  ShirabeImportOptions options = { 0 };
  ShirabeImportResult *result;

  /* Two stray bytes: one inside the first line, one after its line end. */
  g_string_insert_c (bytes, 30, (char) 0x92);
  g_string_insert_c (bytes, strchr (bytes->str, '\n') - bytes->str + 1, (char) 0xFF);
  g_assert_true (g_file_set_contents (path, bytes->str, bytes->len, &error));

  /* Never by default: refused, with how many bytes replacing would touch. */
  g_assert_cmpint (shirabe_project_import_files (project, paths, &options, NULL, NULL, NULL,
                                                 &results, &error), ==, 0);
  g_assert_no_error (error);
  result = results->pdata[0];
  g_assert_error (result->error, SHIRABE_ERROR, SHIRABE_ERROR_ENCODING);
  g_assert_true (g_str_has_suffix (result->error->message,
                                   "cannot be read as UTF-8: invalid byte at byte 30"
                                   " (line 1, column 11)"));
  g_assert_cmpuint (result->n_unreadable, ==, 2);

  options.replace_invalid = TRUE;
  g_assert_cmpint (shirabe_project_import_files (project, paths, &options, NULL, NULL, NULL,
                                                 &replaced_results, &error), ==, 1);
  g_assert_no_error (error);
  result = replaced_results->pdata[0];
  g_assert_no_error (result->error);
  g_assert_cmpuint (result->n_unreadable, ==, 2);
  g_assert_cmpstr (result->summary, ==, "UTF-8, Imported with 2 unreadable bytes replaced by "
                   "U+FFFD (\uFFFD), at bytes 30, 86 of the file");
  narrative = shirabe_project_get_narrative (project, result->narrative_id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (narrative->memo, ==, "Imported with 2 unreadable bytes replaced by U+FFFD "
                   "(\uFFFD), at bytes 30, 86 of the file");
  text = shirabe_project_dup_narrative_text (project, result->narrative_id, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (text, "私はブローカーに「工\uFFFD場の仕事"));
  g_assert_nonnull (strstr (text, "\n\uFFFD空港で"));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, TestDir, NULL, test_dir_setup, func, test_dir_teardown)

  ADD ("/core/import/every-japanese-encoding-round-trips",
       test_every_japanese_encoding_round_trips);
  ADD ("/core/import/line-ends-and-nfd-are-normalised", test_line_ends_and_nfd_are_normalised);
  ADD ("/core/import/word-document-is-named-with-what-to-do",
       test_word_document_is_named_with_what_to_do);
  ADD ("/core/import/bad-files-are-reported-and-good-ones-kept",
       test_bad_files_are_reported_and_good_ones_kept);
  ADD ("/core/import/forced-encoding-reports-the-byte-offset",
       test_forced_encoding_reports_offset);
  ADD ("/core/import/is-one-undo-step", test_import_is_one_undo_step);
  ADD ("/core/import/stray-bytes-refuse-until-replacement-is-asked",
       test_stray_bytes_refuse_until_replacement_is_asked);
  ADD ("/core/import/new-cases-go-at-the-end-in-file-order",
       test_new_cases_go_at_the_end_in_file_order);
  ADD ("/core/import/cancelled-import-leaves-nothing", test_cancelled_import_leaves_nothing);
  ADD ("/core/import/large-batch-keeps-its-order-and-is-indexed",
       test_large_batch_keeps_its_order_and_is_indexed);
  ADD ("/core/import/indexed-while-reading-once-each", test_indexed_while_reading_once_each);
  ADD ("/core/import/async-import-is-one-step-of-the-callers-history",
       test_async_import_is_one_step_of_the_callers_history);
  ADD ("/core/import/async-import-cancelled-midway-keeps-nothing",
       test_async_import_cancelled_midway_keeps_nothing);
  ADD ("/core/import/async-import-into-read-only-project-is-refused",
       test_async_import_into_read_only_project_is_refused);

  return g_test_run ();
}
