/* test-qdpx.c: REFI-QDA projects and codebooks, out and back, from other programs' files, and
 * hostile ones
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The real exports (ATLAS.ti, NVivo, qc) are read from $SHIRABE_REFI_QDA_SAMPLES, the shared
 * folder named in tests/core/meson.build; the counts below were written down from the files.
 */
#include <string.h>

#include <archive.h>
#include <archive_entry.h>
#include <sqlite3.h>

#include "shirabe.h"
#include "shirabe-qdpx.h"
#include "shirabe-template.h"
#include "test-util.h"

/* Helpers */

/* Every row of @sql in @path as text, one line per row. */
static char *
dump (const char *path,
      const char *sql)
{
  GString *out = g_string_new (NULL);
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      for (int i = 0; i < sqlite3_column_count (stmt); i++)
        {
          const char *text = (const char *) sqlite3_column_text (stmt, i);

          g_string_append_printf (out, "%s%s:%s", i > 0 ? "|" : "",
                                  sqlite3_column_type (stmt, i) == SQLITE_INTEGER ? "i"
                                  : sqlite3_column_type (stmt, i) == SQLITE_FLOAT ? "f"
                                  : sqlite3_column_type (stmt, i) == SQLITE_NULL ? "n" : "t",
                                  text != NULL ? text : "");
        }
      g_string_append_c (out, '\n');
    }
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return g_string_free (out, FALSE);
}

/* dump(), freed when the test ends: for assertions. */
static const char *
dump_queued (const char *path,
             const char *sql)
{
  char *text = dump (path, sql);

  g_test_queue_free (text);
  return text;
}

static gint64
count (const char *path,
       const char *sql)
{
  g_autofree char *text = dump (path, sql);

  return g_ascii_strtoll (text + 2, NULL, 10);
}

/* What "identical" means: every row of every table a researcher made, by UUID. */
static const char *const identity_queries[] = {
  "SELECT uuid, name FROM coder ORDER BY uuid",
  "SELECT c.uuid, (SELECT uuid FROM code p WHERE p.id = c.parent_id), label_en, label_ja,"
  " description_en, description_ja, color, var_name, codable, position, created_at"
  " FROM code c ORDER BY uuid",
  "SELECT uuid, name, memo, created_at,"
  " (SELECT count(*) FROM cases d WHERE d.position < c.position) FROM cases c ORDER BY uuid",
  "SELECT n.uuid, c.uuid, title, language, kind, text, length, sha256, origin_file,"
  " origin_encoding, origin_sha256, (SELECT uuid FROM narrative t WHERE t.id = n.translation_of),"
  " status, n.memo, n.position, n.created_at"
  " FROM narrative n JOIN cases c ON c.id = n.case_id ORDER BY n.uuid",
  "SELECT c.uuid, n.uuid, k.uuid, u.uuid, start, end, c.memo, c.created_at,"
  " substr (n.text, start + 1, end - start) FROM coding c"
  " JOIN narrative n ON n.id = c.narrative_id JOIN code k ON k.id = c.code_id"
  " JOIN coder u ON u.id = c.coder_id ORDER BY c.uuid",
  "SELECT uuid, scope, name_en, name_ja, description_en, description_ja, var_name, type,"
  " choices, choice_labels, position FROM attribute ORDER BY uuid",
  "SELECT a.uuid, coalesce (c.uuid, n.uuid), v.value FROM attribute_value v"
  " JOIN attribute a ON a.id = v.attribute_id LEFT JOIN cases c ON c.id = v.case_id"
  " LEFT JOIN narrative n ON n.id = v.narrative_id ORDER BY 1, 2",
  "SELECT key, value FROM project_meta WHERE key IN ('name', 'description') ORDER BY key",
};

static void
assert_identical (const char *a,
                  const char *b)
{
  for (guint i = 0; i < G_N_ELEMENTS (identity_queries); i++)
    {
      g_autofree char *left = dump (a, identity_queries[i]);
      g_autofree char *right = dump (b, identity_queries[i]);

      if (strcmp (left, right) != 0)
        g_test_message ("differs: %s", identity_queries[i]);
      g_assert_cmpstr (left, ==, right);
    }
}

static void
write_zip (const char         *path,
           const char * const *entries)  /* name, contents, name, contents…, NULL */
{
  struct archive *archive = archive_write_new ();

  archive_write_set_format_zip (archive);
  g_assert_cmpint (archive_write_open_filename (archive, path), ==, ARCHIVE_OK);
  for (guint i = 0; entries[i] != NULL; i += 2)
    {
      struct archive_entry *entry = archive_entry_new ();
      gsize size = strlen (entries[i + 1]);

      archive_entry_set_pathname (entry, entries[i]);
      archive_entry_set_filetype (entry, AE_IFREG);
      archive_entry_set_perm (entry, 0644);
      archive_entry_set_size (entry, (la_int64_t) size);
      g_assert_cmpint (archive_write_header (archive, entry), ==, ARCHIVE_OK);
      g_assert_cmpint (archive_write_data (archive, entries[i + 1], size), ==, (la_ssize_t) size);
      archive_entry_free (entry);
    }
  g_assert_cmpint (archive_write_close (archive), ==, ARCHIVE_OK);
  archive_write_free (archive);
}

/* Only the files of @dir other than @keep: a refused import leaves nothing behind. */
static guint
count_files (const char *dir)
{
  g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
  guint n = 0;

  while (g_dir_read_name (handle) != NULL)
    n++;
  return n;
}

static char *
sample (const char *name)
{
  const char *dir = g_getenv ("SHIRABE_REFI_QDA_SAMPLES");

  if (dir == NULL || !g_file_test (dir, G_FILE_TEST_IS_DIR))
    return NULL;
  return g_build_filename (dir, name, NULL);
}

#define REQUIRE_SAMPLE(var, name) \
  g_autofree char *var = sample (name); \
  if (var == NULL || !g_file_test (var, G_FILE_TEST_EXISTS)) \
    { \
      g_test_skip ("the shared REFI-QDA samples are not here"); \
      return; \
    }

/* A generated study, plus what the generator does not make: text beyond the BMP with codings
 * on it, memos, narrative attributes, choice labels, a translation. */
static void
make_study (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ShirabeProject) project = NULL;
  ShirabeGenerateOptions options = { 0 };
  ShirabeNarrativeSpec spec = { 0 };
  const char *text = "𠮷野家で😀会った。\nThe 🎌 flag, and 𝄞 music.\n";
  const char *values[] = { "female", NULL };
  const char *labels_en[] = { "Female", NULL };
  const char *labels_ja[] = { "女性", NULL };
  gint64 case_id;
  gint64 narrative_id;
  gint64 other_id;
  gint64 coder;
  gint64 code = 0;
  gint64 coding;
  gint64 place;
  gint64 gender;

  project = shirabe_project_create (path, "Round trip 往復", SHIRABE_PROJECT_NO_HISTORY, &error);
  g_assert_no_error (error);
  options.n_narratives = 30;
  options.n_codings = 2000;
  options.seed = 7;
  options.min_length = 500;
  options.max_length = 5000;
  g_assert_true (shirabe_project_generate (project, &options, NULL, &error));
  g_assert_no_error (error);

  case_id = shirabe_project_add_case (project, "事例 𠮷", &error);
  g_assert_no_error (error);
  spec.case_id = case_id;
  spec.title = "聞き取り 😀";
  spec.language = "ja";
  spec.kind = "interview";
  spec.text = text;
  spec.origin_file = "kikitori.txt";
  narrative_id = shirabe_project_add_narrative (project, &spec, &error);
  g_assert_no_error (error);
  spec.title = "Translation";
  spec.language = "en";
  spec.text = "Met at Yoshinoya.\n";
  spec.translation_of = narrative_id;
  other_id = shirabe_project_add_narrative (project, &spec, &error);
  g_assert_no_error (error);
  g_assert_true (shirabe_project_set_narrative_memo (project, narrative_id,
                                                      "メモ: 😀 was a smile", &error));
  coder = shirabe_project_ensure_coder (project, "Aiko 愛子", &error);
  g_assert_no_error (error);
  {
    g_autoptr(GPtrArray) codes = shirabe_project_list_codes (project, &error);

    g_assert_no_error (error);
    for (guint i = 0; i < codes->len && code == 0; i++)
      if (((ShirabeCode *) codes->pdata[i])->codable)
        code = ((ShirabeCode *) codes->pdata[i])->id;
  }
  /* 𠮷野家 (three code points, four UTF-16 units), 😀, 🎌, 𝄞 */
  coding = shirabe_project_add_coding (project, narrative_id, code, coder, 0, 3, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (shirabe_project_set_coding_memo (project, coding, "𠮷 is not 吉", &error));
  g_assert_no_error (error);
  shirabe_project_add_coding (project, narrative_id, code, coder, 4, 5, NULL, &error);
  g_assert_no_error (error);
  shirabe_project_add_coding (project, narrative_id, code, coder, 14, 15, NULL, &error);
  g_assert_no_error (error);
  shirabe_project_add_coding (project, narrative_id, code, coder, 26, 27, "clef", &error);
  g_assert_no_error (error);
  shirabe_project_add_coding (project, other_id, code, coder, 7, 16, NULL, &error);
  g_assert_no_error (error);

  place = shirabe_project_add_attribute (project, SHIRABE_SCOPE_NARRATIVE, "Place", "場所",
                                         NULL, SHIRABE_ATTRIBUTE_TEXT, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (shirabe_project_set_attribute_value (project, place, narrative_id,
                                                       "東京 <&> \"quoted\"", &error));
  gender = shirabe_project_find_attribute (project, SHIRABE_SCOPE_CASE, "gender", &error);
  g_assert_no_error (error);
  g_assert_true (shirabe_project_set_choice_labels (project, gender, values, labels_en,
                                                     labels_ja, &error));
  g_assert_no_error (error);
  g_assert_true (shirabe_project_set_attribute_value (project, gender, case_id, "female",
                                                       &error));
  g_assert_true (shirabe_project_set_description (project, "A study\nof two lines", &error));
  g_assert_true (shirabe_project_close (project, &error));
}

/* Round trip */

static void
test_generated_project_comes_back_identical (TestDir       *fixture,
                                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *original = test_dir_path (fixture, "original.shirabe");
  g_autofree char *qdpx = test_dir_path (fixture, "study.qdpx");
  g_autofree char *copy = test_dir_path (fixture, "copy.shirabe");
  g_autoptr(ShirabeProject) project = NULL;
  g_autoptr(ShirabeQdpxReport) report = NULL;
  ShirabeLanguage language = GPOINTER_TO_INT (data);

  make_study (original);
  project = shirabe_project_open (original, SHIRABE_PROJECT_READ_ONLY, &error);
  g_assert_no_error (error);
  g_assert_true (shirabe_project_export_qdpx (project, qdpx, language, SHIRABE_OUTPUT_DEFAULT,
                                              NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  shirabe_project_close (project, NULL);

  g_assert_true (shirabe_qdpx_validate (qdpx, &error));
  g_assert_no_error (error);

  g_assert_true (shirabe_import_qdpx (qdpx, copy, NULL, NULL, NULL, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report->n_problems, ==, 0);
  g_assert_cmpuint (report->n_narratives, ==, 32);
  g_assert_cmpuint (report->n_codings, ==, 2005);
  g_assert_cmpuint (report->n_codings, ==, count (original, "SELECT count(*) FROM coding"));
  g_assert_cmpuint (report->n_memos, ==,
                    count (original, "SELECT (SELECT count(*) FROM coding WHERE memo <> '')"
                                     " + (SELECT count(*) FROM narrative WHERE memo <> '')"));
  for (guint i = 0; i < SHIRABE_QDPX_N_DROPPED; i++)
    g_assert_cmpuint (report->dropped[i], ==, 0);
  assert_identical (original, copy);
  {
    g_autofree char *passages = dump (copy, "SELECT substr (n.text, start + 1, end - start)"
                                            " FROM coding c JOIN narrative n"
                                            " ON n.id = c.narrative_id"
                                            " WHERE n.title = '聞き取り 😀' ORDER BY start");

    g_assert_cmpstr (passages, ==, "t:𠮷野家\nt:😀\nt:🎌\nt:𝄞\n");
  }
}

/* A text from a program that writes Windows line ends and counts each CRLF as two characters
 * (ATLAS.ti, MAXQDA), with a BOM it does not count. */
static void
test_crlf_origin_positions_are_remapped (TestDir       *fixture,
                                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *qdpx = test_dir_path (fixture, "crlf.qdpx");
  g_autofree char *project = test_dir_path (fixture, "crlf.shirabe");
  g_autoptr(ShirabeQdpxReport) report = NULL;
  const char *qde =
    "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
    "<Project xmlns=\"urn:QDA-XML:project:1.0\" name=\"crlf\" origin=\"MAXQDA 2022\">"
    "<Users><User guid=\"{AAAAAAAA-0000-0000-0000-000000000001}\" name=\"Ana\"/></Users>"
    "<CodeBook><Codes><Code guid=\"BBBBBBBB-0000-0000-0000-000000000001\" name=\"place\""
    " isCodable=\"true\" color=\"#abc\"/></Codes></CodeBook>"
    "<Sources><TextSource guid=\"CCCCCCCC-0000-0000-0000-000000000001\" name=\"Interview\""
    " plainTextPath=\"internal://CCCCCCCC-0000-0000-0000-000000000001.txt\">"
    "<PlainTextSelection guid=\"DDDDDDDD-0000-0000-0000-000000000001\" startPosition=\"12\""
    " endPosition=\"25\" creatingUser=\"AAAAAAAA-0000-0000-0000-000000000001\">"
    "<Coding guid=\"EEEEEEEE-0000-0000-0000-000000000001\">"
    "<CodeRef targetGUID=\"BBBBBBBB-0000-0000-0000-000000000001\"/></Coding>"
    "</PlainTextSelection>"
    "<PlainTextSelection guid=\"DDDDDDDD-0000-0000-0000-000000000002\" startPosition=\"27\""
    " endPosition=\"32\"><Coding guid=\"EEEEEEEE-0000-0000-0000-000000000002\""
    " creatingUser=\"AAAAAAAA-0000-0000-0000-000000000001\">"
    "<CodeRef targetGUID=\"BBBBBBBB-0000-0000-0000-000000000001\"/></Coding>"
    "</PlainTextSelection>"
    "<PlainTextSelection guid=\"DDDDDDDD-0000-0000-0000-000000000003\" startPosition=\"33\""
    " endPosition=\"39\"><Coding guid=\"EEEEEEEE-0000-0000-0000-000000000003\""
    " creatingUser=\"AAAAAAAA-0000-0000-0000-000000000001\">"
    "<CodeRef targetGUID=\"BBBBBBBB-0000-0000-0000-000000000001\"/></Coding>"
    "</PlainTextSelection>"
    "<PlainTextSelection guid=\"DDDDDDDD-0000-0000-0000-000000000004\" startPosition=\"6\""
    " endPosition=\"18\"><Coding guid=\"EEEEEEEE-0000-0000-0000-000000000004\""
    " creatingUser=\"AAAAAAAA-0000-0000-0000-000000000001\">"
    "<CodeRef targetGUID=\"BBBBBBBB-0000-0000-0000-000000000001\"/></Coding>"
    "</PlainTextSelection>"
    "</TextSource></Sources></Project>\n";
  /* Code points, the BOM not counted: "First line" 0–9, CRLF 10–11, "Second 😀 line" 12–24,
   * CRLF 25–26, "Third" 27–31, a lone CR 32, "Fourth" 33–38. */
  const char *text = "\xef\xbb\xbf" "First line\r\nSecond 😀 line\r\nThird\rFourth";
  const char *entries[] = { "Sources/cccccccc-0000-0000-0000-000000000001.TXT", text,
                            "Project.QDE", qde, NULL };
  g_autofree char *passages = NULL;
  g_autofree char *stored = NULL;

  write_zip (qdpx, entries);
  g_assert_true (shirabe_import_qdpx (qdpx, project, NULL, NULL, NULL, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report->n_codings, ==, 4);
  g_assert_cmpuint (report->n_remapped, ==, 1);
  g_assert_cmpuint (report->n_problems, ==, 0);
  stored = dump (project, "SELECT text, length FROM narrative");
  g_assert_cmpstr (stored, ==, "t:First line\nSecond 😀 line\nThird\nFourth|i:37\n");
  passages = dump (project, "SELECT start, end, substr (n.text, start + 1, end - start)"
                            " FROM coding c JOIN narrative n ON n.id = c.narrative_id"
                            " ORDER BY start");
  g_assert_cmpstr (passages, ==,
                   "i:6|i:17|t:line\nSecond\n"
                   "i:11|i:24|t:Second 😀 line\n"
                   "i:25|i:30|t:Third\n"
                   "i:31|i:37|t:Fourth\n");
  g_assert_cmpstr (dump_queued (project, "SELECT color FROM code"), ==, "t:#AABBCC\n");
}

/* The shared samples */

typedef struct
{
  const char *file;
  guint       coders;
  guint       codes;
  guint       cases;
  guint       narratives;
  guint       codings;
  guint       problems;
} Expected;

static ShirabeQdpxReport *
import_sample (TestDir        *fixture,
               const char     *path,
               const Expected *want)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *name = g_strconcat (base, ".shirabe", NULL);
  g_autofree char *project = test_dir_path (fixture, name);
  ShirabeQdpxReport *report = NULL;

  g_assert_true (shirabe_import_qdpx (path, project, NULL, NULL, NULL, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report->n_coders, ==, want->coders);
  g_assert_cmpuint (report->n_codes, ==, want->codes);
  g_assert_cmpuint (report->n_cases, ==, want->cases);
  g_assert_cmpuint (report->n_narratives, ==, want->narratives);
  g_assert_cmpuint (report->n_codings, ==, want->codings);
  g_assert_cmpuint (report->n_problems, ==, want->problems);
  /* The report says what the project holds. */
  g_assert_cmpint (count (project, "SELECT count(*) FROM coder"), ==, want->coders);
  g_assert_cmpint (count (project, "SELECT count(*) FROM code"), ==, want->codes);
  g_assert_cmpint (count (project, "SELECT count(*) FROM cases"), ==, want->cases);
  g_assert_cmpint (count (project, "SELECT count(*) FROM narrative"), ==, want->narratives);
  g_assert_cmpint (count (project, "SELECT count(*) FROM coding"), ==, want->codings);
  return report;
}

/* qc 1.3.2: plainTextPath without internal://, sources named by file name. */
static void
test_qc_sample_with_bare_paths_imports (TestDir       *fixture,
                                        gconstpointer  data)
{
  REQUIRE_SAMPLE (path, "samples/demo.qdpx");
  /* 1 User, 262 Codes, 2 TextSources, 158 PlainTextSelections holding 205 Codings. */
  Expected want = { NULL, 1, 262, 2, 2, 205, 0 };
  g_autoptr(ShirabeQdpxReport) report = import_sample (fixture, path, &want);
  g_autofree char *project = test_dir_path (fixture, "demo.qdpx.shirabe");
  g_autofree char *passage = NULL;

  g_assert_cmpstr (report->origin, ==, "qc 1.3.2");
  g_assert_cmpint (count (project, "SELECT count(*) FROM code WHERE parent_id IS NULL"), ==, 3);
  g_assert_cmpint (count (project, "SELECT length FROM narrative WHERE title = 'board_2017.txt'"),
                   ==, 52543);
  /* Selection "line:814", 50006–50084: a whole line of the transcript. */
  passage = dump (project, "SELECT substr (n.text, start + 1, end - start) FROM coding c"
                           " JOIN narrative n ON n.id = c.narrative_id"
                           " WHERE c.uuid = '62636235-3133-6361-6535-366263336461'");
  g_assert_true (g_str_has_prefix (passage, "t:"));
  g_assert_cmpuint (g_utf8_strlen (passage, -1), ==, 2 + 78 + 1);
}

/* NVivo for Mac 15: rich-text sources (.docx) with their plain text, lower-case sources/, a
 * sources/.root entry, stored (not deflated) entries, a nested codebook. */
static void
test_nvivo_sample_with_rich_text_sources_imports (TestDir       *fixture,
                                                  gconstpointer  data)
{
  REQUIRE_SAMPLE (path, "samples/nvivo_project.qdpx");
  Expected want = { NULL, 2, 262, 2, 2, 0, 0 };
  g_autoptr(ShirabeQdpxReport) report = import_sample (fixture, path, &want);
  g_autofree char *project = test_dir_path (fixture, "nvivo_project.qdpx.shirabe");

  g_assert_cmpstr (report->origin, ==, "NVivo for Mac 15.0.0");
  /* The plain text, not the Word document, carries the positions: it is one line end. */
  g_assert_cmpstr (dump_queued (project, "SELECT DISTINCT text FROM narrative"), ==, "t:\n\n");
  g_assert_cmpint (count (project, "SELECT max (depth) FROM (WITH RECURSIVE t (id, depth) AS"
                                   " (SELECT id, 0 FROM code WHERE parent_id IS NULL UNION ALL"
                                   "  SELECT c.id, t.depth + 1 FROM code c JOIN t"
                                   "  ON c.parent_id = t.id) SELECT depth FROM t)"), ==, 6);
}

static void
test_atlas_samples_import (TestDir       *fixture,
                           gconstpointer  data)
{
  REQUIRE_SAMPLE (blank, "samples/blank-atlas-project.qdpx");
  REQUIRE_SAMPLE (target, "samples/target-atlas-project.qdpx");
  Expected want_blank = { NULL, 2, 0, 0, 0, 0, 0 };
  Expected want_target = { NULL, 2, 3, 0, 0, 0, 0 };
  g_autoptr(ShirabeQdpxReport) blank_report = import_sample (fixture, blank, &want_blank);
  g_autoptr(ShirabeQdpxReport) target_report = import_sample (fixture, target, &want_target);
  g_autofree char *project = test_dir_path (fixture, "target-atlas-project.qdpx.shirabe");

  g_assert_cmpstr (dump_queued (project, "SELECT c.label_en FROM code c JOIN code p"
                                  " ON p.id = c.parent_id WHERE p.label_en = 'Commits'"
                                  " ORDER BY c.position"),
                   ==, "t:2022-05-10T02:05:59Z 19e4dce\nt:2022-02-11T10:39:25Z cdbfd92\n");
}

/* ATLAS.ti 8 (the standard's own example): media, sets, graphs and links left out and
 * counted; its text sources' files are not in it, so they are reported one by one. */
static void
test_atlas_standard_project_reports_what_it_leaves_out (TestDir       *fixture,
                                                        gconstpointer  data)
{
  REQUIRE_SAMPLE (path, "samples/Project.qde");
  Expected want = { NULL, 3, 14, 0, 0, 0, 6 };
  g_autoptr(ShirabeQdpxReport) report = import_sample (fixture, path, &want);
  g_autofree char *text = shirabe_qdpx_report_to_string (report);

  g_assert_cmpuint (report->dropped[SHIRABE_QDPX_DROPPED_PICTURE_SOURCES], ==, 1);
  g_assert_cmpuint (report->dropped[SHIRABE_QDPX_DROPPED_PDF_SOURCES], ==, 2);
  g_assert_cmpuint (report->dropped[SHIRABE_QDPX_DROPPED_AUDIO_SOURCES], ==, 1);
  g_assert_cmpuint (report->dropped[SHIRABE_QDPX_DROPPED_VIDEO_SOURCES], ==, 2);
  g_assert_cmpuint (report->dropped[SHIRABE_QDPX_DROPPED_MEDIA_SELECTIONS], ==, 7);
  g_assert_cmpuint (report->dropped[SHIRABE_QDPX_DROPPED_MEDIA_CODINGS], ==, 9);
  g_assert_cmpuint (report->dropped[SHIRABE_QDPX_DROPPED_TRANSCRIPTS], ==, 3);
  g_assert_cmpuint (report->dropped[SHIRABE_QDPX_DROPPED_SETS], ==, 16);
  g_assert_cmpuint (report->dropped[SHIRABE_QDPX_DROPPED_GRAPHS], ==, 1);
  g_assert_cmpuint (report->dropped[SHIRABE_QDPX_DROPPED_LINKS], ==, 1);
  g_assert_cmpuint (report->dropped[SHIRABE_QDPX_DROPPED_FREE_NOTES], ==, 2);
  /* Its 7 codings of text sources went with the sources whose texts are missing. */
  g_assert_cmpuint (report->n_skipped_codings, ==, 7);
  g_assert_nonnull (strstr (text, "16 sets (groups of codes or sources)"));
  g_assert_nonnull (strstr (text, "Source “Mabêl 2ième.txt”: its text is not in the file"));
}

/* Codebooks: Taguette's (an empty <Sets/>, which its schema refuses) and ATLAS.ti's (an old
 * namespace in its schemaLocation, a set), merged into the tip template's codebook. */
static void
test_codebooks_merge_into_the_tip_codebook (TestDir       *fixture,
                                            gconstpointer  data)
{
  REQUIRE_SAMPLE (taguette, "derived/taguette_codebook_from_tests.qdc");
  REQUIRE_SAMPLE (atlas, "derived/atlas_win_23.4.0_codebook_from_requal_tests.qdc");
  g_autoptr(GError) error = NULL;
  g_autofree char *path = test_dir_path (fixture, "tip.shirabe");
  g_autoptr(ShirabeProject) project = NULL;
  g_autoptr(ShirabeQdpxReport) first = NULL;
  g_autoptr(ShirabeQdpxReport) second = NULL;
  g_autoptr(ShirabeQdpxReport) again = NULL;
  gint64 tip_codes;

  project = shirabe_project_create (path, "TIP", SHIRABE_PROJECT_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_true (shirabe_project_apply_template_file (project, "tip", 0, NULL, &error));
  g_assert_no_error (error);
  tip_codes = count (path, "SELECT count(*) FROM code");
  g_assert_cmpint (tip_codes, >, 20);

  g_assert_true (shirabe_project_import_qdc (project, taguette, &first, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (first->n_codes, ==, 3);
  g_assert_true (shirabe_project_import_qdc (project, atlas, &second, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (second->n_codes, ==, 1);
  g_assert_cmpuint (second->dropped[SHIRABE_QDPX_DROPPED_SETS], ==, 1);
  g_assert_cmpint (count (path, "SELECT count(*) FROM code"), ==, tip_codes + 4);
  g_assert_cmpstr (dump_queued (path, "SELECT label_en, description_en, color FROM code"
                               " WHERE uuid = '1ff58b12-6f6f-4b0c-8be5-bbdc91f55294'"),
                   ==, "t:code1|t:description|t:#46AA00\n");
  /* A second time: nothing new, nothing changed. */
  g_assert_true (shirabe_project_import_qdc (project, atlas, &again, &error));
  g_assert_cmpuint (again->n_codes, ==, 0);
  g_assert_cmpuint (again->n_codes_existing, ==, 1);
  g_assert_cmpint (count (path, "SELECT count(*) FROM code"), ==, tip_codes + 4);
  /* Each merge that changed something is one undo step. */
  g_assert_true (shirabe_project_undo (project, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count (path, "SELECT count(*) FROM code"), ==, tip_codes + 3);
  g_assert_true (shirabe_project_undo (project, &error));
  g_assert_cmpint (count (path, "SELECT count(*) FROM code"), ==, tip_codes);
  shirabe_project_close (project, NULL);
}

static void
test_codebook_export_validates_and_comes_back (TestDir       *fixture,
                                               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *original = test_dir_path (fixture, "original.shirabe");
  g_autofree char *qdc = test_dir_path (fixture, "codes.qdc");
  g_autofree char *copy = test_dir_path (fixture, "copy.shirabe");
  g_autoptr(ShirabeProject) project = NULL;
  g_autoptr(ShirabeProject) target = NULL;
  g_autoptr(ShirabeQdpxReport) report = NULL;
  const char *query = "SELECT c.uuid, (SELECT uuid FROM code p WHERE p.id = c.parent_id),"
                      " label_en, label_ja, description_en, description_ja, color, var_name,"
                      " codable, position FROM code c ORDER BY uuid";

  make_study (original);
  project = shirabe_project_open (original, SHIRABE_PROJECT_READ_ONLY, &error);
  g_assert_no_error (error);
  g_assert_true (shirabe_project_export_qdc (project, qdc, SHIRABE_LANGUAGE_JA,
                                             SHIRABE_OUTPUT_DEFAULT, &error));
  g_assert_no_error (error);
  g_assert_true (shirabe_qdpx_validate (qdc, &error));
  g_assert_no_error (error);
  target = shirabe_project_create (copy, "Copy", SHIRABE_PROJECT_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_true (shirabe_project_import_qdc (target, qdc, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report->n_codes, ==, 60);
  g_assert_cmpstr (dump_queued (original, query), ==, dump_queued (copy, query));
}

/* Validation can fail */

static void
test_validation_refuses_what_breaks_the_schema (TestDir       *fixture,
                                                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *qdpx = test_dir_path (fixture, "bad.qdpx");
  /* A Code without its required isCodable, and a Users element with no User. */
  const char *entries[] = {
    "project.qde",
    "<?xml version=\"1.0\"?><Project xmlns=\"urn:QDA-XML:project:1.0\" name=\"x\">"
    "<CodeBook><Codes><Code guid=\"BBBBBBBB-0000-0000-0000-000000000001\" name=\"c\"/>"
    "</Codes></CodeBook></Project>",
    NULL
  };

  write_zip (qdpx, entries);
  g_assert_false (shirabe_qdpx_validate (qdpx, &error));
  g_assert_error (error, SHIRABE_ERROR, SHIRABE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "isCodable"));
  g_clear_error (&error);
  {
    REQUIRE_SAMPLE (taguette, "derived/taguette_codebook_from_tests.qdc");

    /* PROVENANCE.md: Taguette's empty <Sets/> fails the codebook schema. */
    g_assert_false (shirabe_qdpx_validate (taguette, &error));
    g_assert_error (error, SHIRABE_ERROR, SHIRABE_ERROR_INVALID);
  }
}

static void
test_samples_validate (TestDir       *fixture,
                       gconstpointer  data)
{
  const char *names[] = { "samples/blank-atlas-project.qdpx", "samples/demo.qdpx",
                          "samples/nvivo_project.qdpx", "samples/target-atlas-project.qdpx",
                          "samples/Project.qde",
                          "derived/atlas_win_23.4.0_codebook_from_requal_tests.qdc" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *path = sample (names[i]);

      if (path == NULL)
        {
          g_test_skip ("the shared REFI-QDA samples are not here");
          return;
        }
      g_assert_true (shirabe_qdpx_validate (path, &error));
      g_assert_no_error (error);
    }
}

/* Hostile and broken files */

static void
assert_refused (TestDir    *fixture,
                const char *input,
                int         code,
                const char *message_part)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *project = test_dir_path (fixture, "out.shirabe");
  guint before = count_files (fixture->dir);

  g_assert_false (shirabe_import_qdpx (input, project, NULL, NULL, NULL, NULL, &error));
  g_assert_error (error, SHIRABE_ERROR, code);
  g_test_message ("%s", error->message);
  if (message_part != NULL)
    g_assert_nonnull (strstr (error->message, message_part));
  /* No project, no half-made temporary file. */
  g_assert_false (g_file_test (project, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (count_files (fixture->dir), ==, before);
}

static void
test_hostile_files_are_refused_leaving_nothing (TestDir       *fixture,
                                                gconstpointer  data)
{
  g_autofree char *text = test_dir_path (fixture, "notes.qdpx");
  g_autofree char *empty_zip = test_dir_path (fixture, "nothing.qdpx");
  g_autofree char *entity = test_dir_path (fixture, "entity.qdpx");
  g_autofree char *broken = test_dir_path (fixture, "broken.qdpx");
  g_autofree char *not_project = test_dir_path (fixture, "other.qdpx");
  g_autofree char *secret = test_dir_path (fixture, "secret.txt");
  g_autofree char *entity_qde = NULL;
  const char *no_project[] = { "sources/a.txt", "text", NULL };
  const char *broken_entries[] = {
    "project.qde", "<Project xmlns=\"urn:QDA-XML:project:1.0\" name=\"x\"><Users>", NULL
  };
  const char *other[] = { "project.qde", "<html><body>hello</body></html>", NULL };

  g_assert_true (g_file_set_contents (text, "just some notes\n", -1, NULL));
  assert_refused (fixture, text, SHIRABE_ERROR_CORRUPT, "neither a zip");
  write_zip (empty_zip, no_project);
  assert_refused (fixture, empty_zip, SHIRABE_ERROR_CORRUPT, "project.qde");
  write_zip (broken, broken_entries);
  assert_refused (fixture, broken, SHIRABE_ERROR_CORRUPT, "not well-formed");
  write_zip (not_project, other);
  assert_refused (fixture, not_project, SHIRABE_ERROR_CORRUPT, "holds no Project");

  g_assert_true (g_file_set_contents (secret, "TOP SECRET", -1, NULL));
  entity_qde = g_strdup_printf ("<?xml version=\"1.0\"?>\n"
                                "<!DOCTYPE Project [<!ENTITY xxe SYSTEM \"file://%s\">]>\n"
                                "<Project xmlns=\"urn:QDA-XML:project:1.0\" name=\"&xxe;\">"
                                "<Users><User guid=\"AAAAAAAA-0000-0000-0000-000000000001\""
                                " name=\"&xxe;\"/></Users></Project>", secret);
  {
    const char *entries[] = { "project.qde", entity_qde, NULL };

    write_zip (entity, entries);
  }
  assert_refused (fixture, entity, SHIRABE_ERROR_CORRUPT, "document type");
}

/* A project.qde that unpacks to far more than its zip holds: stopped as it comes. */
static void
test_zip_bomb_is_stopped (TestDir       *fixture,
                          gconstpointer  data)
{
  g_autofree char *bomb = test_dir_path (fixture, "bomb.qdpx");
  struct archive *archive = archive_write_new ();
  struct archive_entry *entry = archive_entry_new ();
  g_autofree char *block = g_malloc (1 << 20);
  const char *head = "<Project xmlns=\"urn:QDA-XML:project:1.0\" name=\"x\">";

  /* Empty elements, not one long text (which libxml2 would stop at 10 MB by itself). */
  for (guint i = 0; i < (1 << 20); i += 4)
    memcpy (block + i, "<x/>", 4);
  archive_write_set_format_zip (archive);
  g_assert_cmpint (archive_write_open_filename (archive, bomb), ==, ARCHIVE_OK);
  archive_entry_set_pathname (entry, "project.qde");
  archive_entry_set_filetype (entry, AE_IFREG);
  archive_entry_set_perm (entry, 0644);
  g_assert_cmpint (archive_write_header (archive, entry), ==, ARCHIVE_OK);
  archive_write_data (archive, head, strlen (head));
  /* 64 MB of them: a few hundred KB packed, a ratio of some hundreds. */
  for (guint i = 0; i < 64; i++)
    archive_write_data (archive, block, 1 << 20);
  archive_write_close (archive);
  archive_write_free (archive);
  archive_entry_free (entry);
  assert_refused (fixture, bomb, SHIRABE_ERROR_TOO_LARGE, "unpacks to more than");
}

/* Item by item: what cannot be imported is reported and the rest comes in. */
static void
test_bad_items_are_reported_and_the_rest_imported (TestDir       *fixture,
                                                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *qdpx = test_dir_path (fixture, "items.qdpx");
  g_autofree char *project = test_dir_path (fixture, "items.shirabe");
  g_autoptr(ShirabeQdpxReport) report = NULL;
  g_autofree char *text = NULL;
  const char *qde =
    "<Project xmlns=\"urn:QDA-XML:project:0:4\" name=\"items\">"
    "<Users><User guid=\"AAAAAAAA-0000-0000-0000-000000000001\" name=\"Ana\"/>"
    "<User guid=\"AAAAAAAA-0000-0000-0000-000000000001\" name=\"Ana again\"/></Users>"
    "<CodeBook><Codes><Code guid=\"BBBBBBBB-0000-0000-0000-000000000001\" name=\"借金\""
    " isCodable=\"true\"/></Codes></CodeBook>"
    "<Sources>"
    "<TextSource guid=\"CCCCCCCC-0000-0000-0000-000000000001\" name=\"One\""
    " plainTextPath=\"one.txt\">"
    /* inside */
    "<PlainTextSelection guid=\"DDDDDDDD-0000-0000-0000-000000000001\" startPosition=\"0\""
    " endPosition=\"4\"><Coding guid=\"EEEEEEEE-0000-0000-0000-000000000001\""
    " creatingUser=\"AAAAAAAA-0000-0000-0000-000000000001\">"
    "<CodeRef targetGUID=\"BBBBBBBB-0000-0000-0000-000000000001\"/></Coding>"
    /* the same coding GUID twice */
    "<Coding guid=\"EEEEEEEE-0000-0000-0000-000000000001\""
    " creatingUser=\"AAAAAAAA-0000-0000-0000-000000000001\">"
    "<CodeRef targetGUID=\"BBBBBBBB-0000-0000-0000-000000000001\"/></Coding>"
    /* an unknown code */
    "<Coding guid=\"EEEEEEEE-0000-0000-0000-000000000002\">"
    "<CodeRef targetGUID=\"BBBBBBBB-0000-0000-0000-000000000099\"/></Coding>"
    "</PlainTextSelection>"
    /* outside the text */
    "<PlainTextSelection guid=\"DDDDDDDD-0000-0000-0000-000000000002\" startPosition=\"5\""
    " endPosition=\"500\"><Coding guid=\"EEEEEEEE-0000-0000-0000-000000000003\">"
    "<CodeRef targetGUID=\"BBBBBBBB-0000-0000-0000-000000000001\"/></Coding>"
    "</PlainTextSelection>"
    /* backwards */
    "<PlainTextSelection guid=\"DDDDDDDD-0000-0000-0000-000000000003\" startPosition=\"5\""
    " endPosition=\"2\"><Coding guid=\"EEEEEEEE-0000-0000-0000-000000000004\">"
    "<CodeRef targetGUID=\"BBBBBBBB-0000-0000-0000-000000000001\"/></Coding>"
    "</PlainTextSelection>"
    "</TextSource>"
    /* a selection on a source whose text is missing */
    "<TextSource guid=\"CCCCCCCC-0000-0000-0000-000000000002\" name=\"Two\""
    " plainTextPath=\"internal://missing.txt\">"
    "<PlainTextSelection guid=\"DDDDDDDD-0000-0000-0000-000000000004\" startPosition=\"0\""
    " endPosition=\"1\"><Coding guid=\"EEEEEEEE-0000-0000-0000-000000000005\">"
    "<CodeRef targetGUID=\"BBBBBBBB-0000-0000-0000-000000000001\"/></Coding>"
    "</PlainTextSelection></TextSource>"
    "<PictureSource guid=\"FFFFFFFF-0000-0000-0000-000000000001\" path=\"x.png\"/>"
    "</Sources><Sets/></Project>";
  const char *entries[] = { "project.qde", qde, "sources/one.txt", "Debt was the reason.",
                            "junk/readme.md", "# ignored", NULL };

  write_zip (qdpx, entries);
  g_assert_true (shirabe_import_qdpx (qdpx, project, NULL, NULL, NULL, &report, &error));
  g_assert_no_error (error);
  text = shirabe_qdpx_report_to_string (report);
  g_test_message ("%s", text);
  g_assert_cmpuint (report->n_coders, ==, 2);  /* Ana, and one for codings without a user */
  g_assert_cmpuint (report->n_codes, ==, 1);
  g_assert_cmpuint (report->n_narratives, ==, 1);
  g_assert_cmpuint (report->n_codings, ==, 1);
  g_assert_cmpuint (report->n_skipped_codings, ==, 5);
  g_assert_cmpuint (report->dropped[SHIRABE_QDPX_DROPPED_PICTURE_SOURCES], ==, 1);
  /* duplicate user, duplicate coding, unknown code, outside, backwards, missing text */
  g_assert_cmpuint (report->n_problems, ==, 6);
  g_assert_cmpstr (dump_queued (project, "SELECT label_ja, label_en FROM code"), ==, "t:借金|t:\n");
  g_assert_cmpstr (dump_queued (project, "SELECT substr (n.text, start + 1, end - start) FROM coding"
                                  " c JOIN narrative n ON n.id = c.narrative_id"), ==, "t:Debt\n");
}

static void
test_export_refuses_to_replace_a_project (TestDir       *fixture,
                                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = test_dir_path (fixture, "p.shirabe");
  g_autofree char *other = test_dir_path (fixture, "other.shirabe");
  g_autoptr(ShirabeProject) project = NULL;
  g_autoptr(ShirabeProject) second = NULL;

  project = shirabe_project_create (path, "P", SHIRABE_PROJECT_DEFAULT, &error);
  g_assert_no_error (error);
  second = shirabe_project_create (other, "O", SHIRABE_PROJECT_DEFAULT, &error);
  g_assert_no_error (error);
  shirabe_project_close (second, NULL);
  g_assert_false (shirabe_project_export_qdpx (project, other, SHIRABE_LANGUAGE_EN,
                                               SHIRABE_OUTPUT_REPLACE_ANY, NULL, NULL, NULL,
                                               &error));
  g_assert_error (error, SHIRABE_ERROR, SHIRABE_ERROR_PROTECTED);
  g_clear_error (&error);
  /* An empty codebook: the schema wants one code. */
  g_assert_false (shirabe_project_export_qdc (project, other, SHIRABE_LANGUAGE_EN,
                                              SHIRABE_OUTPUT_DEFAULT, &error));
  g_assert_nonnull (error);
  shirabe_project_close (project, NULL);
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *templates = NULL;
  g_autofree char *schemas = NULL;

  g_test_init (&argc, &argv, NULL);
  templates = g_test_build_filename (G_TEST_DIST, "..", "..", "data", "templates", NULL);
  schemas = g_test_build_filename (G_TEST_DIST, "..", "..", "data", "refi-qda", NULL);
  g_setenv ("SHIRABE_TEMPLATE_DIR", templates, TRUE);
  g_setenv ("SHIRABE_REFI_QDA_DIR", schemas, TRUE);

#define ADD(name, func, data) \
  g_test_add ("/core/qdpx/" name, TestDir, data, test_dir_setup, func, test_dir_teardown)

  ADD ("generated-project-comes-back-identical-with-english-names",
       test_generated_project_comes_back_identical, GINT_TO_POINTER (SHIRABE_LANGUAGE_EN));
  ADD ("generated-project-comes-back-identical-with-japanese-names",
       test_generated_project_comes_back_identical, GINT_TO_POINTER (SHIRABE_LANGUAGE_JA));
  ADD ("crlf-origin-positions-are-remapped", test_crlf_origin_positions_are_remapped, NULL);
  ADD ("qc-sample-with-bare-paths-imports", test_qc_sample_with_bare_paths_imports, NULL);
  ADD ("nvivo-sample-with-rich-text-sources-imports",
       test_nvivo_sample_with_rich_text_sources_imports, NULL);
  ADD ("atlas-samples-import", test_atlas_samples_import, NULL);
  ADD ("atlas-standard-project-reports-what-it-leaves-out",
       test_atlas_standard_project_reports_what_it_leaves_out, NULL);
  ADD ("codebooks-merge-into-the-tip-codebook", test_codebooks_merge_into_the_tip_codebook, NULL);
  ADD ("codebook-export-validates-and-comes-back",
       test_codebook_export_validates_and_comes_back, NULL);
  ADD ("validation-refuses-what-breaks-the-schema",
       test_validation_refuses_what_breaks_the_schema, NULL);
  ADD ("samples-validate", test_samples_validate, NULL);
  ADD ("hostile-files-are-refused-leaving-nothing",
       test_hostile_files_are_refused_leaving_nothing, NULL);
  ADD ("zip-bomb-is-stopped", test_zip_bomb_is_stopped, NULL);
  ADD ("bad-items-are-reported-and-the-rest-imported",
       test_bad_items_are_reported_and_the_rest_imported, NULL);
  ADD ("export-refuses-to-replace-a-project", test_export_refuses_to_replace_a_project, NULL);

  return g_test_run ();
}
