/* test-cli.c: what a user of shirabe-cli sees: output, messages, exit statuses
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <sqlite3.h>

#include "cli-test-util.h"

static const char interview_ja[] =
  "私はブローカーに「工場の仕事がある」と言われて来日した。\n"
  "空港で旅券を取り上げられ、借金は三百万円だと言われた。\n";
static const char record_ja[] =
  "相談者は技能実習生として入国した。\n"
  "寮の外出は禁止され、給料から「管理費」が引かれていた。\n";
static const char notes_en[] =
  "Recruited in Hanoi with a promise of factory work.\n"
  "Passport taken at arrival; a debt of 3,000,000 yen.\n";

/* @utf8 with LF line ends turned into CRLF. */
static char *
with_crlf (const char *utf8)
{
  g_auto(GStrv) lines = g_strsplit (utf8, "\n", -1);
  return g_strjoinv ("\r\n", lines);
}

static void
write_encoded (CliFixture *fixture,
               const char *name,
               const char *utf8,
               const char *encoding,
               const char *bom,
               gsize       bom_length)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GByteArray) bytes = g_byte_array_new ();
  g_autofree char *encoded = NULL;
  gsize length = 0;

  encoded = g_convert (utf8, -1, encoding, "UTF-8", NULL, &length, &error);
  g_assert_no_error (error);
  if (bom != NULL)
    g_byte_array_append (bytes, (const guint8 *) bom, bom_length);
  g_byte_array_append (bytes, (const guint8 *) encoded, length);
  cli_write_file (fixture, name, (const char *) bytes->data, bytes->len);
}

static void
assert_text (CliFixture *fixture,
             const char *narrative,
             const char *expected)
{
  g_autoptr(CliRun) run = cli_run (fixture, "text", "p.shirabe", narrative, NULL);

  cli_assert_ok (run);
  /* Exactly the stored bytes: no newline added, no conversion. */
  g_assert_cmpuint (g_bytes_get_size (run->out), ==, strlen (expected));
  g_assert_cmpmem (g_bytes_get_data (run->out, NULL), g_bytes_get_size (run->out),
                   expected, strlen (expected));
}

static void
test_import_three_encodings (CliFixture    *fixture,
                             gconstpointer  data)
{
  g_autofree char *interview_crlf = with_crlf (interview_ja);
  g_autoptr(CliRun) run = NULL;
  g_autoptr(JsonArray) narratives = NULL;
  JsonObject *n;

  cli_new_project (fixture);
  write_encoded (fixture, "聞き取り1.txt", interview_crlf, "CP932", NULL, 0);
  write_encoded (fixture, "ngo-record.txt", record_ja, "UTF-16LE", "\xff\xfe", 2);
  cli_write_file (fixture, "notes.en.txt", notes_en, -1);

  run = cli_run (fixture, "import", "p.shirabe", "聞き取り1.txt", "ngo-record.txt",
                 "notes.en.txt", "--language", "ja", NULL);
  cli_assert_ok (run);
  g_assert_cmpstr (run->out_text, ==, "Imported 3 files.\n");
  g_clear_pointer (&run, cli_run_free);

  run = cli_run (fixture, "narratives", "p.shirabe", "--json", NULL);
  cli_assert_ok (run);
  narratives = cli_json_array (run);
  g_assert_cmpuint (json_array_get_length (narratives), ==, 3);

  n = cli_json_find (narratives, "title", "聞き取り1");
  g_assert_cmpstr (json_object_get_string_member (n, "origin_encoding"), ==, "SHIFT_JIS");
  g_assert_cmpstr (json_object_get_string_member (n, "origin_file"), ==, "聞き取り1.txt");
  g_assert_cmpstr (json_object_get_string_member (n, "language"), ==, "ja");
  g_assert_cmpstr (json_object_get_string_member (n, "case_name"), ==, "聞き取り1");
  g_assert_cmpint (json_object_get_int_member (n, "length"), ==,
                   g_utf8_strlen (interview_ja, -1));
  g_assert_true (json_node_get_value_type (json_object_get_member (n, "length")) == G_TYPE_INT64);
  g_assert_true (json_object_get_null_member (n, "translation_of"));
  g_assert_cmpstr (json_object_get_string_member (n, "status"), ==, "to-do");
  g_assert_cmpint (json_object_get_int_member (n, "n_codings"), ==, 0);

  n = cli_json_find (narratives, "title", "ngo-record");
  g_assert_cmpstr (json_object_get_string_member (n, "origin_encoding"), ==, "UTF-16LE");
  g_assert_cmpint (json_object_get_int_member (n, "length"), ==, g_utf8_strlen (record_ja, -1));

  /* Only the last extension goes: "notes.en.txt" is titled "notes.en". */
  n = cli_json_find (narratives, "title", "notes.en");
  g_assert_cmpstr (json_object_get_string_member (n, "origin_encoding"), ==, "UTF-8");

  /* CRLF became LF; the BOM is gone; the text is the original UTF-8. */
  assert_text (fixture, "聞き取り1", interview_ja);
  assert_text (fixture, "ngo-record", record_ja);
  assert_text (fixture, "notes.en", notes_en);
}

static void
test_import_refused_files_named (CliFixture    *fixture,
                                 gconstpointer  data)
{
  static const char binary[] = "PK\003\004abc\000\001\002\003 more bytes";
  g_autoptr(CliRun) run = NULL;
  g_autoptr(JsonArray) narratives = NULL;
  g_auto(GStrv) lines = NULL;

  cli_new_project (fixture);
  cli_write_file (fixture, "good-1.txt", interview_ja, -1);
  cli_write_file (fixture, "photo.txt", binary, sizeof binary - 1);
  cli_write_file (fixture, "empty.txt", "", 0);
  cli_write_file (fixture, "good-2.txt", notes_en, -1);

  run = cli_run (fixture, "import", "p.shirabe", "good-1.txt", "photo.txt", "empty.txt",
                 "good-2.txt", NULL);
  g_assert_cmpint (run->status, ==, 2);
  g_assert_cmpstr (run->out_text, ==, "");

  /* One line per refused file, naming it once, then the summary. */
  lines = g_strsplit (run->err, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 4);
  g_assert_true (g_str_has_prefix (lines[0], "shirabe-cli: "));
  cli_assert_contains (lines[0], "photo.txt");
  cli_assert_contains (lines[0], "binary");
  cli_assert_contains (lines[0], "byte 7");
  g_assert_null (strstr (strstr (lines[0], "photo.txt") + 1, "photo.txt"));
  cli_assert_contains (lines[1], "empty.txt");
  cli_assert_contains (lines[1], "empty");
  g_assert_cmpstr (lines[2], ==, "shirabe-cli: Imported 2 files; 2 refused.");
  g_assert_cmpstr (lines[3], ==, "");

  run = (cli_run_free (run), cli_run (fixture, "narratives", "p.shirabe", "--json", NULL));
  cli_assert_ok (run);
  narratives = cli_json_array (run);
  g_assert_cmpuint (json_array_get_length (narratives), ==, 2);
  cli_json_find (narratives, "title", "good-1");
  cli_json_find (narratives, "title", "good-2");
}

static void
test_import_missing_file_named (CliFixture    *fixture,
                                gconstpointer  data)
{
  g_autoptr(CliRun) run = NULL;

  cli_new_project (fixture);
  cli_write_file (fixture, "good.txt", notes_en, -1);
  run = cli_run (fixture, "import", "p.shirabe", "nowhere.txt", "good.txt", NULL);
  g_assert_cmpint (run->status, ==, 2);
  cli_assert_contains (run->err, "shirabe-cli: “nowhere.txt”");
  cli_assert_contains (run->err, "Imported 1 file; 1 refused.");
  g_assert_cmpuint (cli_count_narratives (fixture, "p.shirabe"), ==, 1);
}

/* Opening @name with a listing and with an import is refused with @message, and the file's
 * bytes stay as they were. */
static void
assert_refused_untouched (CliFixture *fixture,
                          const char *name,
                          const char *message)
{
  g_autofree char *before = cli_checksum_file (fixture, name);
  g_autofree char *after = NULL;
  g_autofree char *wal_name = g_strconcat (name, "-wal", NULL);
  g_autofree char *wal = cli_path (fixture, wal_name);
  g_autoptr(CliRun) run = NULL;

  cli_write_file (fixture, "some.txt", notes_en, -1);

  run = cli_run (fixture, "narratives", name, NULL);
  g_assert_cmpint (run->status, ==, 2);
  g_assert_cmpstr (run->out_text, ==, "");
  g_assert_true (g_str_has_prefix (run->err, "shirabe-cli: "));
  cli_assert_contains (run->err, name);
  cli_assert_contains (run->err, message);

  run = (cli_run_free (run), cli_run (fixture, "import", name, "some.txt", NULL));
  g_assert_cmpint (run->status, ==, 2);
  cli_assert_contains (run->err, name);
  cli_assert_contains (run->err, message);

  after = cli_checksum_file (fixture, name);
  g_assert_cmpstr (before, ==, after);
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
}

static void
test_open_refuses_text_file (CliFixture    *fixture,
                             gconstpointer  data)
{
  cli_write_file (fixture, "notes.shirabe", "My notes on case 12.\n", -1);
  assert_refused_untouched (fixture, "notes.shirabe", "not an SQLite database");
}

static void
make_sqlite (CliFixture *fixture,
             const char *name,
             const char *sql)
{
  g_autofree char *path = cli_path (fixture, name);
  sqlite3 *db = NULL;
  char *message = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s", message);
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);
}

static void
test_open_refuses_foreign_sqlite (CliFixture    *fixture,
                                  gconstpointer  data)
{
  make_sqlite (fixture, "addresses.db",
               "CREATE TABLE person (name TEXT, phone TEXT);"
               "INSERT INTO person VALUES ('Aiko', '090-0000-0000');");
  assert_refused_untouched (fixture, "addresses.db", "another program");
}

static void
test_open_refuses_newer_project (CliFixture    *fixture,
                                 gconstpointer  data)
{
  cli_new_project (fixture);
  make_sqlite (fixture, "p.shirabe", "PRAGMA user_version = 99;");
  assert_refused_untouched (fixture, "p.shirabe", "newer version");
}

static void
test_open_refuses_missing_project (CliFixture    *fixture,
                                   gconstpointer  data)
{
  g_autofree char *path = cli_path (fixture, "nowhere.shirabe");
  g_autoptr(CliRun) run = cli_run (fixture, "cases", "nowhere.shirabe", NULL);

  g_assert_cmpint (run->status, ==, 2);
  g_assert_cmpstr (run->err, ==, "shirabe-cli: The project “nowhere.shirabe” does not exist\n");
  /* Listing a project never creates one. */
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
}

static void
test_new_refuses_existing_file (CliFixture    *fixture,
                                gconstpointer  data)
{
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(CliRun) run = NULL;

  cli_write_file (fixture, "notes.shirabe", "keep me", -1);
  before = cli_checksum_file (fixture, "notes.shirabe");
  run = cli_run (fixture, "new", "notes.shirabe", NULL);
  g_assert_cmpint (run->status, ==, 2);
  cli_assert_contains (run->err, "“notes.shirabe” already exists");
  after = cli_checksum_file (fixture, "notes.shirabe");
  g_assert_cmpstr (before, ==, after);
}

static void
test_new_names_the_project (CliFixture    *fixture,
                            gconstpointer  data)
{
  g_autoptr(CliRun) run = cli_run (fixture, "new", "study.shirabe", "--name", "人身取引の事例研究",
                                   NULL);

  cli_assert_ok (run);
  g_assert_cmpstr (run->out_text, ==, "Created the project “人身取引の事例研究” in study.shirabe\n");
  run = (cli_run_free (run), cli_run (fixture, "check", "study.shirabe", NULL));
  cli_assert_ok (run);
  g_assert_cmpstr (run->out_text, ==, "");
}

/* A project with one narrative "emoji" holding @text. */
static void
project_with_text (CliFixture *fixture,
                   const char *text)
{
  g_autoptr(CliRun) run = NULL;

  cli_new_project (fixture);
  cli_write_file (fixture, "emoji.txt", text, -1);
  run = cli_run (fixture, "import", "p.shirabe", "emoji.txt", NULL);
  cli_assert_ok (run);
  run = (cli_run_free (run), cli_run (fixture, "add-code", "p.shirabe", "Likes", "--ja", "好み",
                                      NULL));
  cli_assert_ok (run);
}

static void
test_code_offsets_are_code_points (CliFixture    *fixture,
                                   gconstpointer  data)
{
  /* 😀 and 𠮷 lie beyond the BMP: 4 bytes, 2 UTF-16 units, but one code point each. */
  static const char text[] = "😀𠮷が好き\nカラオケ🎤です";
  g_autoptr(CliRun) run = NULL;
  g_autoptr(JsonArray) codings = NULL;
  JsonObject *coding;
  char length[16];

  project_with_text (fixture, text);
  g_snprintf (length, sizeof length, "%ld", g_utf8_strlen (text, -1));
  g_assert_cmpstr (length, ==, "13");

  run = cli_run (fixture, "code", "p.shirabe", "emoji", "Likes", "1", "4", "--coder", "aiko",
                 "--memo", "漢字の異体字", NULL);
  cli_assert_ok (run);
  g_assert_cmpstr (run->out_text, ==, "Added coding 1\n");
  /* The last characters, to the very end of the text. */
  run = (cli_run_free (run), cli_run (fixture, "code", "p.shirabe", "emoji", "好み", "10",
                                      length, "--coder", "aiko", NULL));
  cli_assert_ok (run);

  run = (cli_run_free (run), cli_run (fixture, "codings", "p.shirabe", "--json", NULL));
  cli_assert_ok (run);
  codings = cli_json_array (run);
  g_assert_cmpuint (json_array_get_length (codings), ==, 2);
  coding = json_array_get_object_element (codings, 0);
  g_assert_cmpint (json_object_get_int_member (coding, "start"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (coding, "end"), ==, 4);
  g_assert_cmpstr (json_object_get_string_member (coding, "excerpt"), ==, "𠮷が好");
  g_assert_cmpstr (json_object_get_string_member (coding, "coder_name"), ==, "aiko");
  g_assert_cmpstr (json_object_get_string_member (coding, "memo"), ==, "漢字の異体字");
  g_assert_cmpstr (json_object_get_string_member (coding, "narrative_title"), ==, "emoji");
  g_assert_cmpstr (json_object_get_string_member (coding, "code_path_en"), ==, "Likes");
  g_assert_cmpstr (json_object_get_string_member (coding, "code_path_ja"), ==, "好み");
  coding = json_array_get_object_element (codings, 1);
  g_assert_cmpstr (json_object_get_string_member (coding, "excerpt"), ==, "🎤です");

  /* The table shows the same passage. */
  run = (cli_run_free (run), cli_run (fixture, "codings", "p.shirabe", "--narrative", "emoji",
                                      NULL));
  cli_assert_ok (run);
  g_assert_cmpstr (run->out_text, ==,
                   "ID  Narrative  Code   Coder  Variable  Start  End  Passage\n"
                   " 1  emoji      Likes  aiko   likes         1    4  𠮷が好\n"
                   " 2  emoji      Likes  aiko   likes        10   13  🎤です\n");
}

static void
test_code_refuses_bad_passages (CliFixture    *fixture,
                                gconstpointer  data)
{
  g_autoptr(CliRun) run = NULL;

  project_with_text (fixture, "😀𠮷が好き");

  /* One past the end: refused, naming the length in characters. */
  run = cli_run (fixture, "code", "p.shirabe", "emoji", "Likes", "2", "6", NULL);
  g_assert_cmpint (run->status, ==, 2);
  cli_assert_contains (run->err, "outside");
  cli_assert_contains (run->err, "5 characters");

  run = (cli_run_free (run), cli_run (fixture, "code", "p.shirabe", "emoji", "Likes", "3", "3",
                                      NULL));
  g_assert_cmpint (run->status, ==, 2);
  cli_assert_contains (run->err, "empty");

  run = (cli_run_free (run), cli_run (fixture, "code", "p.shirabe", "emoji", "Likes", "abc",
                                      "3", NULL));
  g_assert_cmpint (run->status, ==, 1);
  cli_assert_contains (run->err, "START “abc” is not a position");
  cli_assert_contains (run->err, "shirabe-cli code --help");

  run = (cli_run_free (run), cli_run (fixture, "code", "p.shirabe", "emoji", "Likes", "1",
                                      "2x", NULL));
  g_assert_cmpint (run->status, ==, 1);

  run = (cli_run_free (run), cli_run (fixture, "code", "p.shirabe", "emoji", "Nothing", "1",
                                      "2", NULL));
  g_assert_cmpint (run->status, ==, 2);
  cli_assert_contains (run->err, "Nothing");

  /* Nothing refused was stored, not even the coder. */
  run = (cli_run_free (run), cli_run (fixture, "codings", "p.shirabe", "--json", NULL));
  cli_assert_ok (run);
  g_assert_cmpstr (run->out_text, ==, "[]\n");
  run = (cli_run_free (run), cli_run (fixture, "coders", "p.shirabe", "--json", NULL));
  cli_assert_ok (run);
  g_assert_cmpstr (run->out_text, ==, "[]\n");
}

static void
test_code_default_coder_and_uncode (CliFixture    *fixture,
                                    gconstpointer  data)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CliRun) run = NULL;
  g_autoptr(JsonArray) coders = NULL;

  project_with_text (fixture, "😀𠮷が好き");

  /* $SHIRABE_CODER names the coder when --coder does not. */
  launcher = cli_launcher (fixture, G_SUBPROCESS_FLAGS_STDOUT_SILENCE);
  g_subprocess_launcher_setenv (launcher, "SHIRABE_CODER", "由美", TRUE);
  process = g_subprocess_launcher_spawn (launcher, &error, cli_program (), "code", "p.shirabe",
                                         "1", "1", "0", "2", NULL);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_wait_check (process, NULL, &error));
  g_assert_no_error (error);

  run = cli_run (fixture, "coders", "p.shirabe", "--json", NULL);
  cli_assert_ok (run);
  coders = cli_json_array (run);
  g_assert_cmpuint (json_array_get_length (coders), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (coders, 0),
                                                  "name"), ==, "由美");
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (coders, 0),
                                               "n_codings"), ==, 1);

  run = (cli_run_free (run), cli_run (fixture, "uncode", "p.shirabe", "1", NULL));
  cli_assert_ok (run);
  g_assert_cmpstr (run->out_text, ==, "Removed coding 1\n");
  run = (cli_run_free (run), cli_run (fixture, "uncode", "p.shirabe", "1", NULL));
  g_assert_cmpint (run->status, ==, 2);
  run = (cli_run_free (run), cli_run (fixture, "codings", "p.shirabe", "--json", NULL));
  g_assert_cmpstr (run->out_text, ==, "[]\n");
}

static void
test_codes_tree_with_both_labels (CliFixture    *fixture,
                                  gconstpointer  data)
{
  g_autoptr(CliRun) run = NULL;
  g_autoptr(JsonArray) codes = NULL;
  JsonObject *code;

  cli_new_project (fixture);
  run = cli_run (fixture, "add-code", "p.shirabe", "Means of control", "--ja", "支配の手段",
                 "--color", "#3584e4", "--category", NULL);
  cli_assert_ok (run);
  g_assert_cmpstr (run->out_text, ==, "Added code 1: Means of control\n");
  run = (cli_run_free (run), cli_run (fixture, "add-code", "p.shirabe", "Debt bondage",
                                      "--ja", "借金による束縛", "--parent", "Means of control",
                                      "--color", "#E01B24", "--description-en",
                                      "A debt used to keep the person working", NULL));
  cli_assert_ok (run);
  g_assert_cmpstr (run->out_text, ==, "Added code 2: Means of control/Debt bondage\n");
  /* A parent by its path, and one by its Japanese label. */
  run = (cli_run_free (run), cli_run (fixture, "add-code", "p.shirabe", "Inflated interest",
                                      "--parent", "Means of control/Debt bondage", "--var",
                                      "debt_interest", "--color", "#f6d32d", NULL));
  cli_assert_ok (run);
  run = (cli_run_free (run), cli_run (fixture, "add-code", "p.shirabe", "", "--ja",
                                      "旅券の取り上げ", "--parent", "支配の手段", "--var",
                                      "passport", "--color", "#33D17A", NULL));
  cli_assert_ok (run);
  g_assert_cmpstr (run->out_text, ==, "Added code 4: Means of control/旅券の取り上げ\n");

  /* The same variable name twice is refused, and names the variable. */
  run = (cli_run_free (run), cli_run (fixture, "add-code", "p.shirabe", "Debt", "--var",
                                      "debt_bondage", NULL));
  g_assert_cmpint (run->status, ==, 2);
  cli_assert_contains (run->err, "debt_bondage");
  run = (cli_run_free (run), cli_run (fixture, "add-code", "p.shirabe", "Orphan", "--parent",
                                      "No such code", NULL));
  g_assert_cmpint (run->status, ==, 2);

  run = (cli_run_free (run), cli_run (fixture, "codes", "p.shirabe", NULL));
  cli_assert_ok (run);
  g_assert_cmpstr (run->out_text, ==,
    "ID  Code                                      Variable          Colour   Codings\n"
    " 1  Means of control / 支配の手段 (category)  means_of_control  #3584E4        0\n"
    " 2    Debt bondage / 借金による束縛           debt_bondage      #E01B24        0\n"
    " 3      Inflated interest                     debt_interest     #F6D32D        0\n"
    " 4    旅券の取り上げ                          passport          #33D17A        0\n");

  run = (cli_run_free (run), cli_run (fixture, "codes", "p.shirabe", "--json", NULL));
  cli_assert_ok (run);
  codes = cli_json_array (run);
  g_assert_cmpuint (json_array_get_length (codes), ==, 4);
  code = cli_json_find (codes, "var_name", "means_of_control");
  g_assert_true (json_object_get_null_member (code, "parent_id"));
  g_assert_false (json_object_get_boolean_member (code, "codable"));
  code = cli_json_find (codes, "var_name", "debt_bondage");
  g_assert_cmpint (json_object_get_int_member (code, "parent_id"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (code, "depth"), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (code, "label_ja"), ==, "借金による束縛");
  g_assert_cmpstr (json_object_get_string_member (code, "path_ja"), ==, "支配の手段/借金による束縛");
  g_assert_cmpstr (json_object_get_string_member (code, "description_en"), ==,
                   "A debt used to keep the person working");
  g_assert_true (json_object_get_boolean_member (code, "codable"));
  code = cli_json_find (codes, "var_name", "debt_interest");
  g_assert_cmpint (json_object_get_int_member (code, "parent_id"), ==, 2);
  g_assert_cmpint (json_object_get_int_member (code, "depth"), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (code, "path_en"), ==,
                   "Means of control/Debt bondage/Inflated interest");
  code = cli_json_find (codes, "var_name", "passport");
  g_assert_cmpstr (json_object_get_string_member (code, "label_en"), ==, "");
  g_assert_cmpstr (json_object_get_string_member (code, "color"), ==, "#33D17A");
}

/* rename-case renames by name; an unknown case is a data error that names it. */
static void
test_rename_case (CliFixture    *fixture,
                  gconstpointer  data)
{
  g_autoptr(CliRun) run = NULL;

  cli_new_project (fixture);
  cli_write_file (fixture, "case-12.txt", interview_ja, -1);
  run = cli_run (fixture, "import", "p.shirabe", "case-12.txt", "--case", "Case 12", NULL);
  cli_assert_ok (run);

  run = (cli_run_free (run), cli_run (fixture, "rename-case", "p.shirabe", "Case 12", "事例 12",
                                      NULL));
  cli_assert_ok (run);
  g_assert_cmpstr (run->out_text, ==, "Renamed case “Case 12” to “事例 12”\n");
  run = (cli_run_free (run), cli_run (fixture, "cases", "p.shirabe", NULL));
  cli_assert_ok (run);
  g_assert_nonnull (strstr (run->out_text, "事例 12"));
  g_assert_null (strstr (run->out_text, "Case 12"));

  run = (cli_run_free (run), cli_run (fixture, "rename-case", "p.shirabe", "Case 12", "x", NULL));
  g_assert_cmpint (run->status, ==, 2);
  g_assert_nonnull (strstr (run->err, "Case 12"));
  run = (cli_run_free (run), cli_run (fixture, "rename-case", "p.shirabe", "事例 12", NULL));
  g_assert_cmpint (run->status, ==, 1);

  /* delete-case says what went with the case, and the case is gone. */
  run = (cli_run_free (run), cli_run (fixture, "delete-case", "p.shirabe", "事例 12", NULL));
  cli_assert_ok (run);
  g_assert_cmpstr (run->out_text, ==, "Deleted case “事例 12” (narratives: 1, codings: 0)\n");
  run = (cli_run_free (run), cli_run (fixture, "cases", "p.shirabe", NULL));
  cli_assert_ok (run);
  g_assert_null (strstr (run->out_text, "事例 12"));
  run = (cli_run_free (run), cli_run (fixture, "delete-case", "p.shirabe", "事例 12", NULL));
  g_assert_cmpint (run->status, ==, 2);
}

static void
test_set_attr_checks_types (CliFixture    *fixture,
                            gconstpointer  data)
{
  g_autoptr(CliRun) run = NULL;
  g_autoptr(JsonArray) values = NULL;
  JsonObject *value;

  cli_new_project (fixture);
  cli_write_file (fixture, "case-12.txt", interview_ja, -1);
  run = cli_run (fixture, "import", "p.shirabe", "case-12.txt", "--case", "Case 12", NULL);
  cli_assert_ok (run);

  run = (cli_run_free (run), cli_run (fixture, "set-attr", "p.shirabe", "Case 12", "age", "19",
                                      "--type", "integer", NULL));
  cli_assert_ok (run);
  g_assert_cmpstr (run->out_text, ==, "Set “age” of case “Case 12” to “19”\n");
  run = (cli_run_free (run), cli_run (fixture, "set-attr", "p.shirabe", "Case 12", "age", "abc",
                                      NULL));
  g_assert_cmpint (run->status, ==, 2);
  g_assert_cmpstr (run->err, ==, "shirabe-cli: age: “abc” is not a whole number\n");
  /* A new attribute whose first value is refused is not created. */
  run = (cli_run_free (run), cli_run (fixture, "set-attr", "p.shirabe", "Case 12", "debt_yen",
                                      "3 million", "--type", "integer", NULL));
  g_assert_cmpint (run->status, ==, 2);
  cli_assert_contains (run->err, "“3 million” is not a whole number");
  /* The existing attribute keeps its type. */
  run = (cli_run_free (run), cli_run (fixture, "set-attr", "p.shirabe", "Case 12", "age",
                                      "2019-04-01", "--type", "date", NULL));
  g_assert_cmpint (run->status, ==, 2);
  cli_assert_contains (run->err, "integer");

  run = (cli_run_free (run), cli_run (fixture, "set-attr", "p.shirabe", "Case 12", "arrival",
                                      "2019-04-01", "--type", "date", NULL));
  cli_assert_ok (run);
  run = (cli_run_free (run), cli_run (fixture, "set-attr", "p.shirabe", "Case 12", "arrival",
                                      "2019-13-01", NULL));
  g_assert_cmpint (run->status, ==, 2);
  cli_assert_contains (run->err, "“2019-13-01” is not a date");
  run = (cli_run_free (run), cli_run (fixture, "set-attr", "p.shirabe", "Case 12",
                                      "passport_taken", "yes", "--type", "boolean", NULL));
  cli_assert_ok (run);
  run = (cli_run_free (run), cli_run (fixture, "set-attr", "p.shirabe", "Case 12",
                                      "passport_taken", "maybe", NULL));
  g_assert_cmpint (run->status, ==, 2);
  run = (cli_run_free (run), cli_run (fixture, "set-attr", "p.shirabe", "Case 12",
                                      "debt_ratio", "--type", "number", "--", "-2.5", NULL));
  cli_assert_ok (run);
  run = (cli_run_free (run), cli_run (fixture, "set-attr", "p.shirabe", "Case 12", "出身国",
                                      "ベトナム", NULL));
  cli_assert_ok (run);
  run = (cli_run_free (run), cli_run (fixture, "set-attr", "p.shirabe", "Case 12", "age", "1",
                                      "--type", "colour", NULL));
  g_assert_cmpint (run->status, ==, 1);

  run = (cli_run_free (run), cli_run (fixture, "attrs", "p.shirabe", "Case 12", "--json", NULL));
  cli_assert_ok (run);
  values = cli_json_array (run);
  g_assert_cmpuint (json_array_get_length (values), ==, 5);
  value = cli_json_find (values, "name_en", "age");
  g_assert_cmpstr (json_object_get_string_member (value, "type"), ==, "integer");
  g_assert_true (json_node_get_value_type (json_object_get_member (value, "value")) ==
                 G_TYPE_INT64);
  g_assert_cmpint (json_object_get_int_member (value, "value"), ==, 19);
  value = cli_json_find (values, "name_en", "arrival");
  g_assert_cmpstr (json_object_get_string_member (value, "value"), ==, "2019-04-01");
  value = cli_json_find (values, "name_en", "passport_taken");
  g_assert_true (json_object_get_boolean_member (value, "value"));
  value = cli_json_find (values, "name_en", "debt_ratio");
  g_assert_cmpfloat (json_object_get_double_member (value, "value"), ==, -2.5);
  value = cli_json_find (values, "name_ja", "出身国");
  g_assert_cmpstr (json_object_get_string_member (value, "value"), ==, "ベトナム");

  run = (cli_run_free (run), cli_run (fixture, "attrs", "p.shirabe", "Case 12", NULL));
  cli_assert_ok (run);
  g_assert_cmpstr (run->out_text, ==,
                   "Attribute       Variable        Type     Value\n"
                   "age             age             integer  19\n"
                   "arrival         arrival         date     2019-04-01\n"
                   "passport_taken  passport_taken  boolean  yes\n"
                   "debt_ratio      debt_ratio      number   -2.5\n"
                   "出身国          shusshinkoku    text     ベトナム\n");
}

static void
test_read_only_project (CliFixture    *fixture,
                        gconstpointer  data)
{
  g_autofree char *path = cli_path (fixture, "p.shirabe");
  g_autoptr(CliRun) run = NULL;

  cli_new_project (fixture);
  cli_write_file (fixture, "a.txt", notes_en, -1);
  run = cli_run (fixture, "import", "p.shirabe", "a.txt", NULL);
  cli_assert_ok (run);
  g_assert_cmpint (g_chmod (path, 0400), ==, 0);
  if (g_access (path, W_OK) == 0)
    {
      /* root writes whatever the mode says; the core's own tests cover the read-only flag. */
      g_test_skip ("the file stays writable for this user (root?)");
      return;
    }

  run = (cli_run_free (run), cli_run (fixture, "narratives", "p.shirabe", NULL));
  cli_assert_ok (run);
  run = (cli_run_free (run), cli_run (fixture, "add-code", "p.shirabe", "Debt bondage", NULL));
  g_assert_cmpint (run->status, ==, 2);
  cli_assert_contains (run->err, "read-only");
  run = (cli_run_free (run), cli_run (fixture, "import", "p.shirabe", "a.txt", NULL));
  g_assert_cmpint (run->status, ==, 2);
  cli_assert_contains (run->err, "read-only");
}

static void
test_usage_errors (CliFixture    *fixture,
                   gconstpointer  data)
{
  g_autofree char *project = cli_path (fixture, "p.shirabe");
  g_autofree char *generated = cli_path (fixture, "g.shirabe");
  g_autoptr(CliRun) run = NULL;

  run = cli_run (fixture, "frobnicate", "p.shirabe", NULL);
  g_assert_cmpint (run->status, ==, 1);
  g_assert_cmpstr (run->err, ==,
                   "shirabe-cli: Unknown command “frobnicate”\n"
                   "Try “shirabe-cli --help” for more information.\n");
  g_assert_cmpstr (run->out_text, ==, "");

  run = (cli_run_free (run), cli_run (fixture, "code", "p.shirabe", "1", NULL));
  g_assert_cmpint (run->status, ==, 1);
  cli_assert_contains (run->err, "shirabe-cli code PROJECT NARRATIVE CODE START END");

  run = (cli_run_free (run), cli_run (fixture, "cases", NULL));
  g_assert_cmpint (run->status, ==, 1);
  run = (cli_run_free (run), cli_run (fixture, "cases", "a", "b", NULL));
  g_assert_cmpint (run->status, ==, 1);
  cli_assert_contains (run->err, "Unexpected argument “b”");
  run = (cli_run_free (run), cli_run (fixture, "cases", "p.shirabe", "--colour", NULL));
  g_assert_cmpint (run->status, ==, 1);
  run = (cli_run_free (run), cli_run (fixture, "generate", "g.shirabe", "--narratives", "ten",
                                      "--codings", "5", NULL));
  g_assert_cmpint (run->status, ==, 1);
  run = (cli_run_free (run), cli_run (fixture, "generate", "g.shirabe", "--narratives", "10",
                                      NULL));
  g_assert_cmpint (run->status, ==, 1);
  run = (cli_run_free (run), cli_run (fixture, "--json", NULL));
  g_assert_cmpint (run->status, ==, 1);

  /* Nothing was created by a command that did not run. */
  g_assert_false (g_file_test (project, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (generated, G_FILE_TEST_EXISTS));
}

static void
test_help_and_version (CliFixture    *fixture,
                       gconstpointer  data)
{
  static const char *const commands[] = {
    "new", "import", "cases", "narratives", "codes", "codings", "coders", "text", "add-code",
    "code", "uncode", "set-attr", "attrs", "check", "generate",
  };
  g_autoptr(CliRun) run = NULL;

  run = cli_run (fixture, "--help", NULL);
  cli_assert_ok (run);
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_autofree char *line = g_strdup_printf ("\n  %s ", commands[i]);
      cli_assert_contains (run->out_text, line);
    }
  /* The list says every format the export writes. */
  cli_assert_contains (run->out_text, "statistics (XLSX, CSV, SPSS or Stata)");
  run = (cli_run_free (run), cli_run (fixture, "help", NULL));
  cli_assert_ok (run);

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_autofree char *usage = g_strdup_printf ("shirabe-cli %s [OPTION…]", commands[i]);

      run = (cli_run_free (run), cli_run (fixture, commands[i], "--help", NULL));
      cli_assert_ok (run);
      cli_assert_contains (run->out_text, usage);
    }
  run = (cli_run_free (run), cli_run (fixture, "help", "import", NULL));
  cli_assert_ok (run);
  cli_assert_contains (run->out_text, "--encoding=ENCODING");

  run = (cli_run_free (run), cli_run (fixture, "--version", NULL));
  cli_assert_ok (run);
  g_assert_true (g_str_has_prefix (run->out_text, "shirabe-cli "));

  /* No command at all: the help, as a usage error. */
  run = (cli_run_free (run), cli_run (fixture, NULL, NULL));
  g_assert_cmpint (run->status, ==, 1);
  cli_assert_contains (run->err, "Commands:");
}

static void
test_listings_are_aligned_tables (CliFixture    *fixture,
                                  gconstpointer  data)
{
  g_autoptr(CliRun) run = NULL;
  g_autoptr(JsonArray) cases = NULL;
  JsonObject *c;

  cli_new_project (fixture);
  cli_write_file (fixture, "聞き取り1.txt", interview_ja, -1);
  cli_write_file (fixture, "notes.txt", notes_en, -1);
  run = cli_run (fixture, "import", "p.shirabe", "聞き取り1.txt", "--case", "事例 12",
                 "--language", "ja", NULL);
  cli_assert_ok (run);
  run = (cli_run_free (run), cli_run (fixture, "import", "p.shirabe", "notes.txt", "--case",
                                      "Case 7", "--language", "en", "--kind", "ngo-record", NULL));
  cli_assert_ok (run);
  run = (cli_run_free (run), cli_run (fixture, "add-code", "p.shirabe", "Passport", NULL));
  run = (cli_run_free (run), cli_run (fixture, "code", "p.shirabe", "聞き取り1", "Passport",
                                      "0", "3", "--coder", "aiko", NULL));
  cli_assert_ok (run);

  /* Japanese takes two columns a character: the columns still line up. */
  run = (cli_run_free (run), cli_run (fixture, "narratives", "p.shirabe", NULL));
  cli_assert_ok (run);
  g_assert_cmpstr (run->out_text, ==,
                   "ID  Case     Title      Language  Length  Status  Codings\n"
                   " 1  事例 12  聞き取り1  ja            57  to do         1\n"
                   " 2  Case 7   notes      en           103  to do         0\n");

  run = (cli_run_free (run), cli_run (fixture, "cases", "p.shirabe", NULL));
  cli_assert_ok (run);
  g_assert_cmpstr (run->out_text, ==,
                   "ID  Case     Narratives  Codings\n"
                   " 1  事例 12           1        1\n"
                   " 2  Case 7            1        0\n");
  run = (cli_run_free (run), cli_run (fixture, "cases", "p.shirabe", "--json", NULL));
  cli_assert_ok (run);
  cases = cli_json_array (run);
  c = cli_json_find (cases, "name", "事例 12");
  g_assert_cmpint (json_object_get_int_member (c, "n_narratives"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (c, "n_codings"), ==, 1);
  g_assert_nonnull (json_object_get_string_member (c, "uuid"));

  run = (cli_run_free (run), cli_run (fixture, "coders", "p.shirabe", NULL));
  cli_assert_ok (run);
  g_assert_cmpstr (run->out_text, ==,
                   "ID  Coder  Codings\n"
                   " 1  aiko         1\n");

  run = (cli_run_free (run), cli_run (fixture, "narratives", "p.shirabe", "--case", "Case 7",
                                      "--json", NULL));
  cli_assert_ok (run);
  g_clear_pointer (&cases, json_array_unref);
  cases = cli_json_array (run);
  g_assert_cmpuint (json_array_get_length (cases), ==, 1);
  c = json_array_get_object_element (cases, 0);
  g_assert_cmpstr (json_object_get_string_member (c, "kind"), ==, "ngo-record");
}

static void
test_generate_is_deterministic (CliFixture    *fixture,
                                gconstpointer  data)
{
  static const char *const listings[] = { "codes", "narratives", "codings", "coders", "cases" };
  g_autoptr(CliRun) run = NULL;
  g_autoptr(JsonArray) narratives = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  for (guint i = 0; i < 2; i++)
    {
      const char *name = i == 0 ? "a.shirabe" : "b.shirabe";

      run = (cli_run_free (run), cli_run (fixture, "generate", name, "--narratives", "8",
                                          "--codings", "120", "--codes", "15", "--coders", "2",
                                          "--seed", "42", "--min-length", "300",
                                          "--max-length", "3000", NULL));
      cli_assert_ok (run);
      run = (cli_run_free (run), cli_run (fixture, "check", name, NULL));
      cli_assert_ok (run);
      g_assert_cmpstr (run->out_text, ==, "");
    }

  run = (cli_run_free (run), cli_run (fixture, "narratives", "a.shirabe", "--json", NULL));
  narratives = cli_json_array (run);
  g_assert_cmpuint (json_array_get_length (narratives), ==, 8);

  for (guint i = 0; i < G_N_ELEMENTS (listings); i++)
    {
      g_autoptr(CliRun) a = cli_run (fixture, listings[i], "a.shirabe", "--json", NULL);
      g_autoptr(CliRun) b = cli_run (fixture, listings[i], "b.shirabe", "--json", NULL);

      cli_assert_ok (a);
      cli_assert_ok (b);
      g_assert_cmpstr (a->out_text, ==, b->out_text);
    }

  /* An existing project is never overwritten. */
  before = cli_checksum_file (fixture, "a.shirabe");
  run = (cli_run_free (run), cli_run (fixture, "generate", "a.shirabe", "--narratives", "1",
                                      "--codings", "1", NULL));
  g_assert_cmpint (run->status, ==, 2);
  cli_assert_contains (run->err, "already exists");
  after = cli_checksum_file (fixture, "a.shirabe");
  g_assert_cmpstr (before, ==, after);
}

static void
test_check_passes_on_a_fresh_import (CliFixture    *fixture,
                                     gconstpointer  data)
{
  g_autoptr(CliRun) run = NULL;

  project_with_text (fixture, "😀𠮷が好き");
  run = cli_run (fixture, "code", "p.shirabe", "emoji", "Likes", "0", "5", NULL);
  cli_assert_ok (run);
  run = (cli_run_free (run), cli_run (fixture, "check", "p.shirabe", NULL));
  cli_assert_ok (run);
  g_assert_cmpstr (run->out_text, ==, "");
}

static void
test_check_lists_problems (CliFixture    *fixture,
                           gconstpointer  data)
{
  g_autoptr(CliRun) run = NULL;

  project_with_text (fixture, "😀𠮷が好き");
  run = cli_run (fixture, "code", "p.shirabe", "emoji", "Likes", "0", "5", NULL);
  cli_assert_ok (run);
  /* A coding pushed past its text's end behind Shirabe's back. */
  make_sqlite (fixture, "p.shirabe", "UPDATE coding SET \"end\" = 50;");

  run = (cli_run_free (run), cli_run (fixture, "check", "p.shirabe", NULL));
  g_assert_cmpint (run->status, ==, 2);
  g_assert_true (g_str_has_prefix (run->err, "shirabe-cli: “p.shirabe” has 1 problem:\n  "));
  g_assert_cmpstr (run->out_text, ==, "");
}

/* Every listing streams: --json is one array however long, --jsonl one object per line, the
 * same objects in the same order; both at once is a usage error. */
static void
test_listings_stream_as_json_and_json_lines (CliFixture    *fixture,
                                             gconstpointer  data)
{
  const char *listings[] = { "cases", "narratives", "codes", "codings", "coders" };
  g_autoptr(CliRun) run = cli_run (fixture, "generate", "g.shirabe", "--narratives", "30",
                                   "--codings", "700", "--seed", "2", NULL);

  cli_assert_ok (run);
  for (guint i = 0; i < G_N_ELEMENTS (listings); i++)
    {
      g_autoptr(CliRun) json = cli_run (fixture, listings[i], "g.shirabe", "--json", NULL);
      g_autoptr(CliRun) lines = cli_run (fixture, listings[i], "g.shirabe", "--jsonl", NULL);
      g_autoptr(CliRun) both = cli_run (fixture, listings[i], "g.shirabe", "--json", "--jsonl",
                                        NULL);
      g_autoptr(JsonArray) array = NULL;
      g_auto(GStrv) split = NULL;
      guint n_lines = 0;

      cli_assert_ok (json);
      cli_assert_ok (lines);
      array = cli_json_array (json);
      g_assert_cmpuint (json_array_get_length (array), >, 0);
      split = g_strsplit (lines->out_text, "\n", -1);
      for (guint j = 0; split[j] != NULL; j++)
        {
          g_autoptr(JsonParser) parser = json_parser_new ();
          g_autoptr(JsonGenerator) generator = json_generator_new ();
          g_autoptr(GError) error = NULL;
          g_autofree char *line = NULL, *element = NULL;

          if (*split[j] == '\0')
            continue;
          json_parser_load_from_data (parser, split[j], -1, &error);
          g_assert_no_error (error);
          g_assert_true (JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)));
          /* The line's object is the array's element at the same place. */
          g_assert_cmpuint (n_lines, <, json_array_get_length (array));
          json_generator_set_root (generator, json_parser_get_root (parser));
          line = json_generator_to_data (generator, NULL);
          json_generator_set_root (generator, json_array_get_element (array, n_lines));
          element = json_generator_to_data (generator, NULL);
          g_assert_cmpstr (line, ==, element);
          n_lines++;
        }
      g_assert_cmpuint (n_lines, ==, json_array_get_length (array));
      g_assert_cmpint (both->status, ==, 1);
      cli_assert_contains (both->err, "--jsonl");
    }
}

#define add_test(path, func) \
  g_test_add (path, CliFixture, NULL, cli_fixture_setup, func, cli_fixture_teardown)

static void
test_import_replaces_stray_bytes_only_when_asked (CliFixture    *fixture,
                                                  gconstpointer  data)
{
  g_autoptr(GString) bytes = g_string_new ("旅券を取り上げられた。\n借金は三百万円だと言われた。\n");
  g_autoptr(CliRun) refused = NULL;
  g_autoptr(CliRun) imported = NULL;

  cli_new_project (fixture);
  g_string_insert_c (bytes, 6, (char) 0x92);
  cli_write_file (fixture, "stray.txt", bytes->str, bytes->len);

  refused = cli_run (fixture, "import", "p.shirabe", "stray.txt", NULL);
  g_assert_cmpint (refused->status, ==, 2);
  cli_assert_contains (refused->err, "“stray.txt” cannot be read as UTF-8: invalid byte at byte 6"
                                     " (line 1, column 3)");
  cli_assert_contains (refused->err, "--replace-invalid");
  cli_assert_contains (refused->err, "1 unreadable byte.");
  g_assert_cmpuint (cli_count_narratives (fixture, "p.shirabe"), ==, 0);

  imported = cli_run (fixture, "import", "p.shirabe", "stray.txt", "--replace-invalid", NULL);
  cli_assert_ok (imported);
  cli_assert_contains (imported->out_text, "stray.txt: UTF-8, Imported with 1 unreadable byte "
                                           "replaced by U+FFFD (\uFFFD), at byte 6 of the file");
  g_assert_cmpuint (cli_count_narratives (fixture, "p.shirabe"), ==, 1);
}

/* Holds the lock another Shirabe writer holds: flock() on its own descriptor of the file. */
static int
hold_write_lock (CliFixture *fixture)
{
  g_autofree char *path = cli_path (fixture, "p.shirabe");
  int fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);

  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (flock (fd, LOCK_EX | LOCK_NB), ==, 0);
  return fd;
}

static void
test_a_writer_waits_for_the_lock_then_gives_up (CliFixture    *fixture,
                                                gconstpointer  data)
{
  g_autoptr(CliRun) at_once = NULL;
  g_autoptr(CliRun) waited = NULL;
  g_autoptr(CliRun) reader = NULL;
  gint64 start;
  int fd;

  cli_new_project (fixture);
  fd = hold_write_lock (fixture);

  /* --wait 0 fails at once, as before. */
  start = g_get_monotonic_time ();
  at_once = cli_run (fixture, "new-case", "p.shirabe", "Case A", "--wait", "0", NULL);
  g_assert_cmpint (at_once->status, ==, 2);
  cli_assert_contains (at_once->err, "open in another Shirabe window or program");
  g_assert_null (strstr (at_once->err, "waiting"));
  g_assert_cmpint (g_get_monotonic_time () - start, <, G_USEC_PER_SEC);

  /* Otherwise it says, after a second, that it waits, and gives up when the time is out. */
  start = g_get_monotonic_time ();
  waited = cli_run (fixture, "new-case", "p.shirabe", "Case A", "--wait", "2", NULL);
  g_assert_cmpint (g_get_monotonic_time () - start, >=, 2 * G_USEC_PER_SEC);
  g_assert_cmpint (waited->status, ==, 2);
  cli_assert_contains (waited->err, "“p.shirabe” is open in another program; waiting up to 2 "
                                    "seconds for it (--wait)…");
  cli_assert_contains (waited->err, "open in another Shirabe window or program");

  /* Readers never wait. */
  reader = cli_run (fixture, "cases", "p.shirabe", NULL);
  cli_assert_ok (reader);
  close (fd);
}

static void
test_a_writer_goes_on_when_the_lock_is_released (CliFixture    *fixture,
                                                 gconstpointer  data)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  g_autoptr(CliRun) cases = NULL;
  int fd;

  cli_new_project (fixture);
  fd = hold_write_lock (fixture);
  launcher = cli_launcher (fixture, G_SUBPROCESS_FLAGS_STDOUT_SILENCE |
                                    G_SUBPROCESS_FLAGS_STDERR_PIPE);
  /* The default wait, ten seconds, is enough for a lock held for 1.5. */
  process = g_subprocess_launcher_spawn (launcher, &error, cli_program (), "new-case",
                                         "p.shirabe", "Case A", NULL);
  g_assert_no_error (error);
  g_usleep (1500 * 1000);
  close (fd);
  g_subprocess_communicate_utf8 (process, NULL, NULL, NULL, &err, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (process));
  g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 0);
  cli_assert_contains (err, "waiting up to 10 seconds");

  cases = cli_run (fixture, "cases", "p.shirabe", NULL);
  cli_assert_ok (cases);
  cli_assert_contains (cases->out_text, "Case A");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  add_test ("/cli/lock/a-writer-waits-for-the-lock-then-gives-up",
            test_a_writer_waits_for_the_lock_then_gives_up);
  add_test ("/cli/lock/a-writer-goes-on-when-the-lock-is-released",
            test_a_writer_goes_on_when_the_lock_is_released);
  add_test ("/cli/import/stray-bytes-are-replaced-only-when-asked",
            test_import_replaces_stray_bytes_only_when_asked);
  add_test ("/cli/import/shift-jis-utf16-utf8-files-make-one-project",
            test_import_three_encodings);
  add_test ("/cli/import/refused-files-are-named-and-the-good-ones-imported",
            test_import_refused_files_named);
  add_test ("/cli/import/missing-file-is-named-and-the-others-imported",
            test_import_missing_file_named);
  add_test ("/cli/open/text-file-is-refused-and-left-untouched", test_open_refuses_text_file);
  add_test ("/cli/open/foreign-sqlite-is-refused-and-left-untouched",
            test_open_refuses_foreign_sqlite);
  add_test ("/cli/open/newer-project-is-refused-and-left-untouched",
            test_open_refuses_newer_project);
  add_test ("/cli/open/missing-project-is-refused", test_open_refuses_missing_project);
  add_test ("/cli/new/refuses-an-existing-file", test_new_refuses_existing_file);
  add_test ("/cli/new/names-the-project", test_new_names_the_project);
  add_test ("/cli/code/offsets-count-code-points-beyond-the-bmp",
            test_code_offsets_are_code_points);
  add_test ("/cli/code/empty-out-of-range-and-malformed-passages-are-refused",
            test_code_refuses_bad_passages);
  add_test ("/cli/code/coder-defaults-to-shirabe-coder-and-uncode-removes",
            test_code_default_coder_and_uncode);
  add_test ("/cli/codes/tree-shows-both-labels-and-refuses-duplicate-var-names",
            test_codes_tree_with_both_labels);
  add_test ("/cli/set-attr/values-are-checked-against-their-type", test_set_attr_checks_types);
  add_test ("/cli/case/rename-and-delete-refuse-an-unknown-case", test_rename_case);
  add_test ("/cli/read-only/listing-works-and-edits-are-refused", test_read_only_project);
  add_test ("/cli/usage/errors-exit-with-1", test_usage_errors);
  add_test ("/cli/usage/help-and-version-exit-with-0", test_help_and_version);
  add_test ("/cli/list/tables-line-up-japanese-text", test_listings_are_aligned_tables);
  add_test ("/cli/list/listings-stream-as-json-and-json-lines",
            test_listings_stream_as_json_and_json_lines);
  add_test ("/cli/generate/same-seed-gives-the-same-project", test_generate_is_deterministic);
  add_test ("/cli/check/fresh-project-passes", test_check_passes_on_a_fresh_import);
  add_test ("/cli/check/problems-are-listed-with-exit-2", test_check_lists_problems);

  return g_test_run ();
}
