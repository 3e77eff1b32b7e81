/* test-import.c: plain-text files become narratives, whatever their encoding
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
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
  ADD ("/core/import/bad-files-are-reported-and-good-ones-kept",
       test_bad_files_are_reported_and_good_ones_kept);
  ADD ("/core/import/forced-encoding-reports-the-byte-offset",
       test_forced_encoding_reports_offset);
  ADD ("/core/import/is-one-undo-step", test_import_is_one_undo_step);
  ADD ("/core/import/cancelled-import-leaves-nothing", test_cancelled_import_leaves_nothing);

  return g_test_run ();
}
