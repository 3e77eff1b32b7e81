/* test-catalogue.c: the bad-input catalogue
 *
 * One table of inputs a colleague's mail, a shared drive or a broken disk can bring: text files
 * broken in each encoding's own way, binary, empty, huge, FIFO, symlink loop, unreadable and
 * badly named files; mutated templates; truncated, bit-flipped, foreign and forged project
 * files; exports to places that cannot take them. Each row runs shirabe-cli once in English
 * and once in Japanese, in a folder of its own holding a copy of one generated project, and
 * asserts the exit status, a message that names the file and the cause (a pattern per
 * language), and that the project is byte for byte as it was (or, for a command that opens it
 * for writing, that its dump is).
 *
 * The count of rows is printed; `--verbose` prints each message.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <fcntl.h>
#include <locale.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sqlite3.h>

#include "../cli/cli-test-util.h"

typedef enum
{
  SAME_BYTES,  /* the project file is byte-identical afterwards */
  SAME_DUMP,   /* its rows and schema are: the command opened it for writing */
} Same;

typedef struct _Row Row;
typedef void (*Setup) (const Row *row, const char *dir);

struct _Row
{
  const char *name;        /* the row's test path, a sentence */
  Setup       setup;       /* prepares the folder; NULL: the project alone */
  const char *file;        /* the input setup_bytes writes */
  const char *bytes;
  gssize      length;      /* -1: strlen (bytes) */
  const char *args[8];     /* "P" is the project */
  int         status;
  const char *en;          /* a regular expression on stderr, in English */
  const char *ja;          /* and in Japanese */
  Same        same;
  rlim_t      file_size;   /* RLIMIT_FSIZE for the command, or 0 */
};

static char *base_project;   /* the generated project every row starts from */
static char *story_text;     /* a narrative's text of it, for encodings */

/* Setups */

static void
write_file (const char *dir,
            const char *name,
            const char *bytes,
            gssize      length)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (dir, name, NULL);

  g_file_set_contents (path, bytes, length, &error);
  g_assert_no_error (error);
}

static void
setup_bytes (const Row  *row,
             const char *dir)
{
  write_file (dir, row->file, row->bytes, row->length >= 0 ? row->length : (gssize) strlen (row->bytes));
}

/* The story in @charset, with @mutate applied to the encoded bytes. */
static GByteArray *
encode_story (const char *charset)
{
  g_autoptr(GError) error = NULL;
  gsize length = 0;
  g_autofree char *encoded = g_convert (story_text, -1, charset, "UTF-8", NULL, &length, &error);
  GByteArray *bytes = g_byte_array_new ();

  g_assert_no_error (error);
  g_byte_array_append (bytes, (const guint8 *) encoded, length);
  return bytes;
}

static void
write_bytes (const char *dir,
             const char *name,
             GByteArray *bytes)
{
  write_file (dir, name, (const char *) bytes->data, bytes->len);
}

static void
setup_utf8_stray_byte (const Row *row, const char *dir)
{
  g_autoptr(GByteArray) bytes = encode_story ("UTF-8");

  bytes->data[100] = 0xFF;
  write_bytes (dir, "input.txt", bytes);
}

static void
setup_utf8_cut (const Row *row, const char *dir)
{
  g_autoptr(GByteArray) bytes = encode_story ("UTF-8");

  /* The last character, 。, cut after its first byte. */
  g_byte_array_set_size (bytes, bytes->len - 3);
  while (bytes->len > 0 && (bytes->data[bytes->len - 1] & 0xC0) == 0x80)
    g_byte_array_set_size (bytes, bytes->len - 1);
  g_byte_array_set_size (bytes, bytes->len + 1);
  write_bytes (dir, "input.txt", bytes);
}

static void
setup_utf8_overlong (const Row *row, const char *dir)
{
  g_autoptr(GByteArray) bytes = encode_story ("UTF-8");

  /* An overlong "/" (C0 AF): never valid UTF-8. */
  bytes->data[60] = 0xC0;
  bytes->data[61] = 0xAF;
  write_bytes (dir, "input.txt", bytes);
}

static void
setup_utf8_surrogate (const Row *row, const char *dir)
{
  g_autoptr(GByteArray) bytes = encode_story ("UTF-8");

  /* U+D800 spelt in UTF-8 (ED A0 80): a surrogate, not a character. */
  g_byte_array_append (bytes, (const guint8 *) "\xED\xA0\x80", 3);
  write_bytes (dir, "input.txt", bytes);
}

static void
setup_sjis_cut (const Row *row, const char *dir)
{
  g_autoptr(GByteArray) bytes = encode_story ("CP932");

  /* Without its line end, then without the trail byte of its last 。. */
  g_byte_array_set_size (bytes, bytes->len - 2);
  write_bytes (dir, "input.txt", bytes);
}

static void
setup_sjis_bad_lead (const Row *row, const char *dir)
{
  g_autoptr(GByteArray) bytes = encode_story ("CP932");

  g_byte_array_append (bytes, (const guint8 *) "\xFD\xFD", 2);
  write_bytes (dir, "input.txt", bytes);
}

static void
setup_eucjp_bad (const Row *row, const char *dir)
{
  g_autoptr(GByteArray) bytes = encode_story ("EUC-JP");

  /* A lead byte followed by ASCII. */
  g_byte_array_append (bytes, (const guint8 *) "\xA4" "A", 2);
  write_bytes (dir, "input.txt", bytes);
}

static void
setup_utf16_odd (const Row *row, const char *dir)
{
  g_autoptr(GByteArray) bytes = g_byte_array_new ();
  g_autoptr(GByteArray) text = encode_story ("UTF-16LE");

  g_byte_array_append (bytes, (const guint8 *) "\xFF\xFE", 2);
  g_byte_array_append (bytes, text->data, text->len - 1);
  write_bytes (dir, "input.txt", bytes);
}

static void
setup_utf16_surrogate (const Row *row, const char *dir)
{
  g_autoptr(GByteArray) bytes = g_byte_array_new ();
  g_autoptr(GByteArray) text = encode_story ("UTF-16LE");

  g_byte_array_append (bytes, (const guint8 *) "\xFF\xFE", 2);
  g_byte_array_append (bytes, text->data, text->len);
  g_byte_array_append (bytes, (const guint8 *) "\x00\xD8" "A\0", 4);
  write_bytes (dir, "input.txt", bytes);
}

static void
setup_utf16be_surrogate (const Row *row, const char *dir)
{
  g_autoptr(GByteArray) bytes = g_byte_array_new ();
  g_autoptr(GByteArray) text = encode_story ("UTF-16BE");

  g_byte_array_append (bytes, (const guint8 *) "\xFE\xFF", 2);
  g_byte_array_append (bytes, text->data, text->len);
  g_byte_array_append (bytes, (const guint8 *) "\xDC\x00\0A", 4);
  write_bytes (dir, "input.txt", bytes);
}

static void
setup_sjis_file (const Row *row, const char *dir)
{
  g_autoptr(GByteArray) bytes = encode_story ("CP932");

  write_bytes (dir, "input.txt", bytes);
}

static void
setup_huge (const Row *row, const char *dir)
{
  g_autofree char *path = g_build_filename (dir, "huge.txt", NULL);
  int fd = g_open (path, O_WRONLY | O_CREAT | O_TRUNC, 0600);

  /* Sparse: 60 MB that take no room. */
  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (ftruncate (fd, 60 * 1000 * 1000), ==, 0);
  close (fd);
}

static void
setup_fifo (const Row *row, const char *dir)
{
  g_autofree char *path = g_build_filename (dir, "pipe.txt", NULL);

  g_assert_cmpint (mkfifo (path, 0600), ==, 0);
}

static void
setup_symlink_loop (const Row *row, const char *dir)
{
  g_autofree char *a = g_build_filename (dir, "loop.txt", NULL);
  g_autofree char *b = g_build_filename (dir, "loop2.txt", NULL);

  g_assert_cmpint (symlink ("loop2.txt", a), ==, 0);
  g_assert_cmpint (symlink ("loop.txt", b), ==, 0);
}

static void
setup_under_a_file (const Row *row, const char *dir)
{
  write_file (dir, "notes", "plain", -1);
}

static void
setup_folder (const Row *row, const char *dir)
{
  g_autofree char *path = g_build_filename (dir, row->file, NULL);

  g_assert_cmpint (g_mkdir (path, 0700), ==, 0);
}

static void
setup_bad_name (const Row *row, const char *dir)
{
  /* "caf\xE9.txt": Latin-1 é in a file name, not UTF-8. */
  write_file (dir, "caf\xE9.txt", "", 0);
}

/* A folder its owner cannot write; root writes anywhere, so there it is a link to /sys,
 * where no one may create a file. */
static void
setup_read_only_folder (const Row *row, const char *dir)
{
  g_autofree char *path = g_build_filename (dir, "locked", NULL);

  if (getuid () == 0)
    g_assert_cmpint (symlink ("/sys", path), ==, 0);
  else
    g_assert_cmpint (g_mkdir (path, 0500), ==, 0);
}

/* Projects: SQL run on the copy with a plain connection, as another program would. */
static void
run_sql (const char *dir,
         const char *sql)
{
  g_autofree char *path = g_build_filename (dir, "p.shirabe", NULL);
  sqlite3 *db = NULL;
  char *message = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA wal_checkpoint(TRUNCATE)", NULL, NULL, NULL), ==,
                   SQLITE_OK);
  sqlite3_close (db);
}

static void
setup_sql (const Row *row, const char *dir)
{
  run_sql (dir, row->bytes);
}

static void
setup_truncated (const Row *row, const char *dir)
{
  g_autofree char *path = g_build_filename (dir, "p.shirabe", NULL);
  GStatBuf st;

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (truncate (path, row->length >= 0 ? row->length : st.st_size / 2), ==, 0);
}

/* Flips the lowest bit of the byte at @offset of the copy. */
static void
flip_at (const char *dir,
         goffset     offset)
{
  g_autofree char *path = g_build_filename (dir, "p.shirabe", NULL);
  int fd = g_open (path, O_RDWR, 0);
  guint8 byte;

  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (pread (fd, &byte, 1, offset), ==, 1);
  byte ^= 0x01;
  g_assert_cmpint (pwrite (fd, &byte, 1, offset), ==, 1);
  close (fd);
}

static void
setup_flip_header (const Row *row, const char *dir)
{
  flip_at (dir, row->length);
}

/* The first page of b-tree type row->length (2, 5, 10 or 13) after page 1: a bit of its
 * page-type byte flipped, as a bad sector or a bad copy does. */
static void
setup_flip_page (const Row *row, const char *dir)
{
  g_autofree char *path = g_build_filename (dir, "p.shirabe", NULL);
  g_autofree char *data = NULL;
  gsize size;
  guint page_size;

  g_assert_true (g_file_get_contents (path, &data, &size, NULL));
  page_size = ((guint8) data[16] << 8) | (guint8) data[17];
  if (page_size == 1)
    page_size = 65536;
  for (gsize page = 1; (page + 1) * page_size <= size; page++)
    if ((guint8) data[page * page_size] == row->length)
      {
        flip_at (dir, page * page_size + 3);  /* the high byte of its number of cells */
        flip_at (dir, page * page_size + 4);
        return;
      }
  g_error ("the project has no page of type %" G_GSSIZE_FORMAT, row->length);
}

static void
setup_newer (const Row *row, const char *dir)
{
  run_sql (dir, "PRAGMA user_version = 99");
}

/* Templates */
#define TEMPLATE_HEAD "{\"format\": \"shirabe-template\", \"version\": 1, \"id\": \"t\", " \
                      "\"name_en\": \"T\", "
#define CODE(uuid, label) "{\"uuid\": \"" uuid "\", \"label_en\": \"" label "\"}"
#define UUID1 "3f2b8c1e-5d4a-4e6b-9c7d-1a2b3c4d5e61"
#define UUID2 "3f2b8c1e-5d4a-4e6b-9c7d-1a2b3c4d5e62"

static void
setup_deep_template (const Row *row, const char *dir)
{
  g_autoptr(GString) json = g_string_new (TEMPLATE_HEAD "\"codes\": ");

  for (guint i = 0; i < 100000; i++)
    g_string_append_c (json, '[');
  write_file (dir, "t.json", json->str, json->len);
}

static void
setup_deep_codes (const Row *row, const char *dir)
{
  g_autoptr(GString) json = g_string_new (TEMPLATE_HEAD "\"codes\": [");

  /* Codes nested 40 deep: each a child of the one before. */
  for (guint i = 0; i < 40; i++)
    g_string_append_printf (json, "{\"uuid\": \"3f2b8c1e-5d4a-4e6b-9c7d-%012u\", "
                                  "\"label_en\": \"L%u\", \"children\": [", i, i);
  for (guint i = 0; i < 40; i++)
    g_string_append (json, "]}");
  g_string_append (json, "]}");
  write_file (dir, "t.json", json->str, json->len);
}

#define BYTES(s) s, sizeof (s) - 1
#define IMPORT(f) { "import", "P", f, NULL }
#define TEMPLATE { "apply-template", "P", "t.json", NULL }
#define CHECK { "check", "P", NULL }
#define CASES { "cases", "P", NULL }

/* Japanese messages quote with 「」; the English ones with “”. */
static const Row rows[] = {
  /* Imports: each encoding broken in its own way */
  { "import/utf-8-with-a-stray-byte", setup_utf8_stray_byte, NULL, NULL, 0, IMPORT ("input.txt"), 2,
    "“input\\.txt” cannot be read as UTF-8: invalid byte at byte 100 \\(line \\d+, column \\d+\\)",
    "「input\\.txt」を UTF-8 として読み込めません.*100 バイト.*行", SAME_DUMP },
  { "import/utf-8-cut-inside-its-last-character", setup_utf8_cut, NULL, NULL, 0, IMPORT ("input.txt"), 2,
    "“input\\.txt” cannot be read as UTF-8: invalid byte at byte \\d+",
    "「input\\.txt」を UTF-8 として読み込めません", SAME_DUMP },
  { "import/utf-8-with-an-overlong-sequence", setup_utf8_overlong, NULL, NULL, 0, IMPORT ("input.txt"), 2,
    "“input\\.txt” cannot be read as UTF-8: invalid byte at byte 58 \\(line 2, column 1\\)",
    "「input\\.txt」を UTF-8 として読み込めません", SAME_DUMP },
  { "import/utf-8-with-an-encoded-surrogate", setup_utf8_surrogate, NULL, NULL, 0, IMPORT ("input.txt"), 2,
    "“input\\.txt” cannot be read as UTF-8: invalid byte",
    "「input\\.txt」を UTF-8 として読み込めません", SAME_DUMP },
  { "import/shift-jis-cut-inside-its-last-character", setup_sjis_cut, NULL, NULL, 0, IMPORT ("input.txt"), 2,
    "“input\\.txt” cannot be read as SHIFT_JIS: invalid byte",
    "「input\\.txt」を SHIFT_JIS として読み込めません", SAME_DUMP },
  { "import/shift-jis-with-a-byte-that-leads-nowhere", setup_sjis_bad_lead, NULL, NULL, 0,
    { "import", "P", "input.txt", "--encoding", "shift_jis", NULL }, 2,
    "“input\\.txt” cannot be read as SHIFT_JIS: invalid byte",
    "「input\\.txt」を SHIFT_JIS として読み込めません", SAME_DUMP },
  { "import/euc-jp-with-a-lead-byte-before-ascii", setup_eucjp_bad, NULL, NULL, 0,
    { "import", "P", "input.txt", "--encoding", "euc-jp", NULL }, 2,
    "“input\\.txt” cannot be read as EUC-JP: invalid byte",
    "「input\\.txt」を EUC-JP として読み込めません", SAME_DUMP },
  { "import/iso-2022-jp-with-a-half-width-escape", setup_bytes, "input.txt",
    BYTES ("ab\x1B$B%V\x1B(I1\x1B(B"), IMPORT ("input.txt"), 2,
    "“input\\.txt” cannot be read as ISO-2022-JP: invalid byte at byte 7",
    "「input\\.txt」を ISO-2022-JP として読み込めません", SAME_DUMP },
  { "import/iso-2022-jp-with-8-bit-bytes", setup_bytes, "input.txt", BYTES ("OK \x97\xB7"),
    { "import", "P", "input.txt", "--encoding", "jis", NULL }, 2,
    "“input\\.txt” cannot be read as ISO-2022-JP: invalid byte at byte 3",
    "「input\\.txt」を ISO-2022-JP として読み込めません", SAME_DUMP },
  { "import/utf-16-of-an-odd-length", setup_utf16_odd, NULL, NULL, 0, IMPORT ("input.txt"), 2,
    "“input\\.txt” cannot be read as UTF-16LE: invalid byte",
    "「input\\.txt」を UTF-16LE として読み込めません", SAME_DUMP },
  { "import/utf-16-with-a-lone-surrogate", setup_utf16_surrogate, NULL, NULL, 0, IMPORT ("input.txt"), 2,
    "“input\\.txt” cannot be read as UTF-16LE: invalid byte",
    "「input\\.txt」を UTF-16LE として読み込めません", SAME_DUMP },
  { "import/utf-16be-with-a-lone-low-surrogate", setup_utf16be_surrogate, NULL, NULL, 0,
    IMPORT ("input.txt"), 2,
    "“input\\.txt” cannot be read as UTF-16BE: invalid byte",
    "「input\\.txt」を UTF-16BE として読み込めません", SAME_DUMP },
  { "import/shift-jis-read-as-forced-utf-8", setup_sjis_file, NULL, NULL, 0,
    { "import", "P", "input.txt", "--encoding", "utf-8", NULL }, 2,
    "“input\\.txt” cannot be read as UTF-8: invalid byte at byte 0",
    "「input\\.txt」を UTF-8 として読み込めません", SAME_DUMP },
  { "import/an-unknown-forced-encoding", setup_sjis_file, NULL, NULL, 0,
    { "import", "P", "input.txt", "--encoding", "klingon-8", NULL }, 2,
    "Cannot read “input\\.txt”: “klingon-8” is not a known encoding",
    "「input\\.txt」を読み込めません。「klingon-8」は不明な文字コードです", SAME_DUMP },
  { "import/an-encoding-name-with-iconv-options", setup_sjis_file, NULL, NULL, 0,
    { "import", "P", "input.txt", "--encoding", "UTF-8//IGNORE", NULL }, 2,
    "“UTF-8//IGNORE” is not a known encoding", "「UTF-8//IGNORE」は不明な文字コードです",
    SAME_DUMP },
  /* Imports: not text */
  { "import/binary-with-zero-bytes", setup_bytes, "scan.txt",
    BYTES ("\x89PNG\r\n\x1A\n\0\0\0\rIHDR"), IMPORT ("scan.txt"), 2,
    "“scan\\.txt” looks like a binary file, not text \\(a zero byte at byte 8\\)",
    "「scan\\.txt」はテキストではなくバイナリファイルのようです", SAME_DUMP },
  { "import/text-with-a-nul-in-the-middle", setup_bytes, "nul.txt", BYTES ("before\0after"),
    IMPORT ("nul.txt"), 2, "“nul\\.txt” looks like a binary file, not text \\(a zero byte at byte 6\\)",
    "「nul\\.txt」はテキストではなくバイナリファイルのようです", SAME_DUMP },
  { "import/an-empty-file", setup_bytes, "empty.txt", BYTES (""), IMPORT ("empty.txt"), 2,
    "“empty\\.txt” is empty", "「empty\\.txt」は空です", SAME_DUMP },
  { "import/white-space-only", setup_bytes, "blank.txt", BYTES (" \r\n\t\u3000\n"),
    IMPORT ("blank.txt"), 2, "“blank\\.txt” is empty", "「blank\\.txt」は空です", SAME_DUMP },
  { "import/a-bom-and-nothing-else", setup_bytes, "bom.txt", BYTES ("\xEF\xBB\xBF"),
    IMPORT ("bom.txt"), 2, "“bom\\.txt” is empty", "「bom\\.txt」は空です", SAME_DUMP },
  { "import/a-file-over-the-size-limit", setup_huge, NULL, NULL, 0, IMPORT ("huge.txt"), 2,
    "“huge\\.txt” is too large to import \\(60\\.0.MB; the limit is 50\\.0.MB\\)",
    "「huge\\.txt」は大きすぎるため取り込めません", SAME_DUMP },
  { "import/a-fifo", setup_fifo, NULL, NULL, 0, IMPORT ("pipe.txt"), 2,
    "“pipe\\.txt” is not a regular file", "「pipe\\.txt」は通常のファイルではありません", SAME_DUMP },
  { "import/a-symlink-loop", setup_symlink_loop, NULL, NULL, 0, IMPORT ("loop.txt"), 2,
    "“loop\\.txt” cannot be read: Too many levels of symbolic links",
    "「loop\\.txt」を読み込めません", SAME_DUMP },
  { "import/a-file-under-a-file", setup_under_a_file, NULL, NULL, 0, IMPORT ("notes/case.txt"), 2,
    "“notes/case\\.txt” cannot be read: Not a directory",
    "「notes/case\\.txt」を読み込めません", SAME_DUMP },
  { "import/a-missing-file", NULL, NULL, NULL, 0, IMPORT ("missing.txt"), 2,
    "“missing\\.txt” cannot be read: No such file or directory",
    "「missing\\.txt」を読み込めません", SAME_DUMP },
  { "import/a-file-name-that-is-not-utf-8", setup_bad_name, NULL, NULL, 0,
    IMPORT ("caf\xE9.txt"), 2, "“caf\xEF\xBF\xBD\\.txt” is empty",
    "「caf\xEF\xBF\xBD\\.txt」は空です", SAME_DUMP },
  { "import/a-damaged-word-document", setup_bytes, "story.docx",
    BYTES ("PK\x03\x04\x14\0\0\0\x08\0garbage that is no zip"), IMPORT ("story.docx"), 2,
    "“story\\.docx” is not a Word or OpenDocument file Shirabe can read",
    "「story\\.docx」は Shirabe が読める Word や OpenDocument のファイルではありません", SAME_DUMP },
  { "import/a-damaged-opendocument", setup_bytes, "story.odt",
    BYTES ("PK\x03\x04 not a zip at all"), IMPORT ("story.odt"), 2,
    "“story\\.odt” is not a Word or OpenDocument file Shirabe can read",
    "「story\\.odt」は Shirabe が読める Word や OpenDocument のファイルではありません", SAME_DUMP },
  { "import/a-pdf-that-is-not-one", setup_bytes, "record.pdf", BYTES ("%PDF-1.7\n%garbage"),
    IMPORT ("record.pdf"), 2, "“record\\.pdf” is a damaged PDF",
    "「record\\.pdf」は壊れた PDF です", SAME_DUMP },
  { "import/a-project-as-a-narrative", NULL, NULL, NULL, 0, IMPORT ("P"), 2,
    "“p\\.shirabe” is part of a Shirabe project that is open, not a narrative",
    "「p\\.shirabe」は開いている Shirabe プロジェクトの一部で、語りではありません", SAME_DUMP },
  /* Templates */
  { "template/not-json", setup_bytes, "t.json", BYTES ("codes: [Coercion]"), TEMPLATE, 2,
    "“t\\.json” is not valid JSON: line 1, column \\d+", "「t\\.json」.*JSON", SAME_DUMP },
  { "template/json-cut-short", setup_bytes, "t.json", BYTES (TEMPLATE_HEAD "\"codes\": [" CODE (UUID1, "A")),
    TEMPLATE, 2, "“t\\.json” is not valid JSON", "「t\\.json」.*JSON", SAME_DUMP },
  { "template/an-empty-file", setup_bytes, "t.json", BYTES (""), TEMPLATE, 2,
    "“t\\.json” is empty", "「t\\.json」は空です", SAME_DUMP },
  { "template/a-list-instead-of-an-object", setup_bytes, "t.json", BYTES ("[1, 2, 3]"), TEMPLATE, 2,
    "“t\\.json” is not a Shirabe template: it does not hold a JSON object",
    "「t\\.json」は Shirabe のテンプレートではありません（JSON のオブジェクト", SAME_DUMP },
  { "template/another-format", setup_bytes, "t.json",
    BYTES ("{\"format\": \"qdpx\", \"version\": 1, \"codes\": []}"), TEMPLATE, 2,
    "“t\\.json”.*the format is “qdpx”, not “shirabe-template”", "「t\\.json」.*qdpx", SAME_DUMP },
  { "template/a-newer-version", setup_bytes, "t.json",
    BYTES ("{\"format\": \"shirabe-template\", \"version\": 9, \"codes\": []}"), TEMPLATE, 2,
    "“t\\.json”.*version 9, written by a newer", "「t\\.json」.*9", SAME_DUMP },
  { "template/a-version-that-is-text", setup_bytes, "t.json",
    BYTES ("{\"format\": \"shirabe-template\", \"version\": \"1\", \"codes\": []}"), TEMPLATE, 2,
    "“t\\.json”.*“version” is missing or is not a whole number", "「t\\.json」.*version",
    SAME_DUMP },
  { "template/no-codes", setup_bytes, "t.json", BYTES (TEMPLATE_HEAD "\"x\": 1}"), TEMPLATE, 2,
    "“t\\.json”.*the template has no “codes” list", "「t\\.json」.*codes", SAME_DUMP },
  { "template/a-label-that-is-a-number", setup_bytes, "t.json",
    BYTES (TEMPLATE_HEAD "\"codes\": [{\"uuid\": \"" UUID1 "\", \"label_en\": 7}]}"), TEMPLATE, 2,
    "“t\\.json”.*“label_en” must be text", "「t\\.json」.*label_en", SAME_DUMP },
  { "template/a-code-without-a-label", setup_bytes, "t.json",
    BYTES (TEMPLATE_HEAD "\"codes\": [{\"uuid\": \"" UUID1 "\"}]}"), TEMPLATE, 2,
    "“t\\.json”.*has no label", "「t\\.json」の 1 行目: codes\\[0\\] のコードにラベルがありません", SAME_DUMP },
  { "template/a-code-that-is-a-string", setup_bytes, "t.json",
    BYTES (TEMPLATE_HEAD "\"codes\": [\"Coercion\"]}"), TEMPLATE, 2,
    "“t\\.json”.*is not a code", "「t\\.json」の 1 行目: codes\\[0\\] はコードではありません", SAME_DUMP },
  { "template/a-uuid-that-is-not-one", setup_bytes, "t.json",
    BYTES (TEMPLATE_HEAD "\"codes\": [" CODE ("not-a-uuid", "A") "]}"), TEMPLATE, 2,
    "“t\\.json”.*“not-a-uuid” is not a UUID", "「t\\.json」.*not-a-uuid", SAME_DUMP },
  { "template/a-uuid-twice", setup_bytes, "t.json",
    BYTES (TEMPLATE_HEAD "\"codes\": [" CODE (UUID1, "A") ", " CODE (UUID1, "B") "]}"), TEMPLATE, 2,
    "“t\\.json”.*the UUID " UUID1 " is used more than once", "「t\\.json」.*" UUID1, SAME_DUMP },
  { "template/a-cycle-by-a-child-with-its-parents-uuid", setup_bytes, "t.json",
    BYTES (TEMPLATE_HEAD "\"codes\": [{\"uuid\": \"" UUID1 "\", \"label_en\": \"A\", "
           "\"children\": [" CODE (UUID1, "A again") "]}]}"), TEMPLATE, 2,
    "“t\\.json”.*the UUID " UUID1 " is used more than once", "「t\\.json」.*" UUID1, SAME_DUMP },
  { "template/a-colour-that-is-not-one", setup_bytes, "t.json",
    BYTES (TEMPLATE_HEAD "\"codes\": [{\"uuid\": \"" UUID1 "\", \"label_en\": \"A\", "
           "\"color\": \"red\"}]}"), TEMPLATE, 2,
    "“t\\.json”.*“red” is not a colour", "「t\\.json」.*red", SAME_DUMP },
  { "template/a-variable-name-twice", setup_bytes, "t.json",
    BYTES (TEMPLATE_HEAD "\"codes\": [{\"uuid\": \"" UUID1 "\", \"label_en\": \"A\", "
           "\"var_name\": \"v\"}, {\"uuid\": \"" UUID2 "\", \"label_en\": \"B\", "
           "\"var_name\": \"v\"}]}"), TEMPLATE, 2,
    "“t\\.json”.*the variable name “v” is used by another code", "「t\\.json」.*v", SAME_DUMP },
  { "template/arrays-nested-100000-deep", setup_deep_template, NULL, NULL, 0, TEMPLATE, 2,
    "“t\\.json” is not a Shirabe template: its arrays and objects nest deeper than",
    "「t\\.json」は Shirabe のテンプレートではありません: 配列とオブジェクトの入れ子が", SAME_DUMP },
  { "template/codes-nested-40-deep", setup_deep_codes, NULL, NULL, 0, TEMPLATE, 2,
    "“t\\.json”.*codes are nested more than \\d+ levels deep",
    "「t\\.json」.*コードの入れ子が \\d+ 階層を超えています", SAME_DUMP },
  { "template/text-that-is-not-utf-8", setup_bytes, "t.json",
    BYTES (TEMPLATE_HEAD "\"codes\": [" CODE (UUID1, "caf\xE9") "]}"), TEMPLATE, 2,
    "“t\\.json” is not valid JSON: JSON data must be UTF-8 encoded",
    "「t\\.json」は正しい JSON ではありません: JSON データは UTF-8", SAME_DUMP },
  { "template/an-escaped-lone-surrogate", setup_bytes, "t.json",
    BYTES (TEMPLATE_HEAD "\"codes\": [" CODE (UUID1, "\\ud800") "]}"), TEMPLATE, 2,
    "“t\\.json” is not valid (JSON|text)", "「t\\.json」は正しい JSON ではありません", SAME_DUMP },
  { "template/a-choice-attribute-without-choices", setup_bytes, "t.json",
    BYTES (TEMPLATE_HEAD "\"codes\": [], \"attributes\": [{\"uuid\": \"" UUID2 "\", "
           "\"name_en\": \"Status\", \"var_name\": \"status\", \"scope\": \"case\", "
           "\"type\": \"choice\"}]}"), TEMPLATE, 2,
    "“t\\.json”.*is a choice but lists no “choices”",
    "「t\\.json」.*選択式ですが、「choices」がありません", SAME_DUMP },
  { "template/a-binary-file", setup_bytes, "t.json", BYTES ("\x89PNG\r\n\x1A\n\0\0"), TEMPLATE, 2,
    "“t\\.json” is not valid JSON: JSON data must be UTF-8 encoded",
    "「t\\.json」は正しい JSON ではありません: JSON データは UTF-8", SAME_DUMP },
  /* Project files */
  { "project/cut-in-half", setup_truncated, NULL, NULL, -1, CASES, 2,
    "The project “p\\.shirabe” is damaged: the file is \\d+ bytes long but should be \\d+",
    "プロジェクト「p\\.shirabe」は壊れています", SAME_BYTES },
  { "project/cut-to-its-first-100-bytes", setup_truncated, NULL, NULL, 100, CASES, 2,
    "The project “p\\.shirabe” is damaged: the file is 100 bytes long",
    "プロジェクト「p\\.shirabe」は壊れています。ファイルの長さは 100 バイト", SAME_BYTES },
  { "project/emptied", setup_truncated, NULL, NULL, 0, CASES, 2,
    "“p\\.shirabe” is an empty file, not a Shirabe project", "「p\\.shirabe」は空のファイルです",
    SAME_BYTES },
  { "project/a-flipped-bit-in-the-sqlite-magic", setup_flip_header, NULL, NULL, 3, CASES, 2,
    "“p\\.shirabe” is not a Shirabe project: it is not an SQLite database",
    "「p\\.shirabe」は Shirabe のプロジェクトではありません（SQLite", SAME_BYTES },
  { "project/a-flipped-bit-in-the-page-size", setup_flip_header, NULL, NULL, 16, CASES, 2,
    "The project “p\\.shirabe” is damaged", "プロジェクト「p\\.shirabe」は壊れています", SAME_BYTES },
  { "project/a-flipped-bit-in-an-interior-table-page", setup_flip_page, NULL, NULL, 5, CHECK, 2,
    "“p\\.shirabe” has 1 problem:.*Database structure: ",
    "「p\\.shirabe」に 1 件の問題があります:.*データベースの構造", SAME_BYTES },
  { "project/a-flipped-bit-in-a-table-leaf-page", setup_flip_page, NULL, NULL, 13, CHECK, 2,
    "“p\\.shirabe” has 1 problem:.*Database structure: ",
    "「p\\.shirabe」に 1 件の問題があります:.*データベースの構造", SAME_BYTES },
  { "project/a-flipped-bit-in-an-interior-index-page", setup_flip_page, NULL, NULL, 2, CHECK, 2,
    "“p\\.shirabe” has 1 problem:.*Database structure: ",
    "「p\\.shirabe」に 1 件の問題があります:.*データベースの構造", SAME_BYTES },
  { "project/a-flipped-bit-in-an-index-leaf-page", setup_flip_page, NULL, NULL, 10, CHECK, 2,
    "“p\\.shirabe” has 1 problem:.*Database structure: ",
    "「p\\.shirabe」に 1 件の問題があります:.*データベースの構造", SAME_BYTES },
  { "project/another-programs-database", setup_sql, NULL, "PRAGMA application_id = 42", 0, CASES, 2,
    "“p\\.shirabe” is an SQLite database of another program",
    "「p\\.shirabe」はほかのプログラムの SQLite データベースです", SAME_BYTES },
  { "project/a-newer-schema", setup_newer, NULL, NULL, 0, CASES, 2,
    "The project “p\\.shirabe” was saved by a newer version of Shirabe \\(project format 99",
    "プロジェクト「p\\.shirabe」は新しいバージョンの Shirabe で保存されています", SAME_BYTES },
  { "project/text-whose-hash-does-not-match", setup_sql, NULL,
    "UPDATE narrative SET text = 'x' || substr (text, 2) WHERE id = 1", 0, CHECK, 2,
    "“p\\.shirabe” has 2 problems:.*changed since it was imported \\(its SHA-256 differs\\)",
    "「p\\.shirabe」に 2 件の問題があります:.*SHA-256 が一致しません", SAME_BYTES },
  { "project/a-coding-past-the-end-of-its-text", setup_sql, NULL,
    "UPDATE coding SET \"end\" = 99999999 WHERE id = (SELECT min (id) FROM coding)", 0, CHECK, 2,
    "“p\\.shirabe” has 1 problem:.*Coding 1 \\(\\d+–99999999\\) lies outside the narrative",
    "「p\\.shirabe」に 1 件の問題があります:.*コーディング 1.*範囲外", SAME_BYTES },
  { "project/a-planted-trigger", setup_sql, NULL,
    "CREATE TRIGGER evil AFTER INSERT ON coding BEGIN UPDATE narrative SET title = 'x'; END", 0,
    CHECK, 2, "“p\\.shirabe” has 1 problem:.*did not create, trigger “evil”",
    "「p\\.shirabe」に 1 件の問題があります:.*Shirabe が作成していないオブジェクト trigger “evil”",
    SAME_BYTES },
  { "project/a-planted-view", setup_sql, NULL, "CREATE VIEW peek AS SELECT title FROM narrative", 0,
    CHECK, 2, "“p\\.shirabe” has 1 problem:.*did not create, view “peek”",
    "「p\\.shirabe」に 1 件の問題があります:.*Shirabe が作成していないオブジェクト view “peek”",
    SAME_BYTES },
  { "project/a-planted-table", setup_sql, NULL, "CREATE TABLE stash (x)", 0,
    CHECK, 2, "“p\\.shirabe” has 1 problem:.*did not create, table “stash”",
    "「p\\.shirabe」に 1 件の問題があります:.*Shirabe が作成していないオブジェクト table “stash”",
    SAME_BYTES },
  { "project/a-planted-trigger-refuses-an-edit", setup_sql, NULL,
    "CREATE TRIGGER evil AFTER INSERT ON cases BEGIN DELETE FROM code; END", 0,
    { "new-case", "P", "Case X", NULL }, 2, "The project “p\\.shirabe” holds objects Shirabe did not create \\(trigger “evil”\\).*read-only",
    "プロジェクト「p\\.shirabe」には Shirabe が作成していないオブジェクト（trigger “evil”）", SAME_BYTES },
  { "project/a-folder-named-like-a-project", setup_folder, "d.shirabe", NULL, 0,
    { "cases", "d.shirabe", NULL }, 2, "“d\\.shirabe” is not a regular file, not a Shirabe project",
    "「d\\.shirabe」は通常のファイルではなく", SAME_BYTES },
  { "project/a-missing-project", NULL, NULL, NULL, 0, { "cases", "none.shirabe", NULL }, 2,
    "The project “none\\.shirabe” does not exist",
    "プロジェクト「none\\.shirabe」は存在しません", SAME_BYTES },
  { "project/a-symlink-loop", setup_symlink_loop, NULL, NULL, 0, { "cases", "loop.txt", NULL }, 2,
    "The project “loop\\.txt” cannot be read: Too many levels of symbolic links",
    "プロジェクト「loop\\.txt」を読み込めません: シンボリックリンク", SAME_BYTES },
  /* Exports */
  { "export/into-a-missing-folder", NULL, NULL, NULL, 0,
    { "export", "P", "missing/out.xlsx", NULL }, 2,
    "Cannot write the export “missing/out\\.xlsx”: No such file or directory",
    "書き出し先の「missing/out\\.xlsx」に書き込めません", SAME_BYTES },
  { "export/into-a-folder-it-cannot-write", setup_read_only_folder, NULL, NULL, 0,
    { "export", "P", "locked/out.xlsx", NULL }, 2,
    "Cannot write the export “locked/out\\.xlsx”: (Permission denied|Operation not permitted)",
    "書き出し先の「locked/out\\.xlsx」に書き込めません",
    SAME_BYTES },
  { "export/onto-a-folder", setup_folder, "out.xlsx", NULL, 0, { "export", "P", "out.xlsx", NULL },
    2, "Nothing was written to “out\\.xlsx”: it is a folder",
    "「out\\.xlsx」には何も書き込んでいません。これはフォルダー", SAME_BYTES },
  { "export/onto-the-project-itself", NULL, NULL, NULL, 0, { "export", "P", "P", NULL }, 2,
    "Nothing was written to “p\\.shirabe”: it is the open project",
    "「p\\.shirabe」には何も書き込んでいません。これは開いているプロジェクト", SAME_BYTES },
  { "export/under-a-file", setup_under_a_file, NULL, NULL, 0,
    { "export", "P", "notes/out.xlsx", NULL }, 2,
    "Cannot write the export “notes/out\\.xlsx”: Not a directory",
    "書き出し先の「notes/out\\.xlsx」に書き込めません", SAME_BYTES },
  { "export/onto-a-file-of-another-kind", setup_bytes, "out.xlsx", BYTES ("my thesis draft"),
    { "export", "P", "out.xlsx", NULL }, 2,
    "“out\\.xlsx” already exists and is not an XLSX workbook; it was left as it was",
    "「out\\.xlsx」はすでにあり、XLSX ブックではありません", SAME_BYTES },
  { "export/to-a-full-disk", NULL, NULL, NULL, 0, { "export", "P", "out.xlsx", NULL }, 2,
    "is full, or the file may not grow: the export “out\\.xlsx” was not written",
    "ディスクがいっぱいか.*書き出し「out\\.xlsx」は作成されず",
    SAME_BYTES, 40000 },
  { "export/csv-to-a-full-disk", NULL, NULL, NULL, 0,
    { "export", "P", "tables", "--format", "csv", NULL }, 2,
    "is full, or the file may not grow: the export “tables/[a-z]+\\.csv” was not written",
    "ディスクがいっぱいか.*書き出し「tables/[a-z]+\\.csv」は作成されず", SAME_BYTES, 40000 },
  { "export/an-unknown-format", NULL, NULL, NULL, 0,
    { "export", "P", "out.odp", "--format", "odp", NULL }, 1,
    "--format must be xlsx, csv, sav or dta, not “odp”", "--format には.*「odp」は使えません",
    SAME_BYTES },
};

/* Running */

static void
set_file_size_limit (gpointer data)
{
  struct rlimit limit = { *(rlim_t *) data, *(rlim_t *) data };

  setrlimit (RLIMIT_FSIZE, &limit);
  /* Past the limit write() fails with EFBIG instead of killing the process. */
  signal (SIGXFSZ, SIG_IGN);
}

static char *
run (const char *dir,
     const Row  *row,
     gboolean    japanese,
     int        *status)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  char *err = NULL;
  rlim_t limit = row->file_size;

  g_ptr_array_add (argv, (gpointer) cli_program ());
  for (guint i = 0; row->args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) (g_str_equal (row->args[i], "P") ? "p.shirabe"
                                                                        : row->args[i]));
  g_ptr_array_add (argv, NULL);
  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                        G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_set_cwd (launcher, dir);
  g_subprocess_launcher_unsetenv (launcher, "SHIRABE_CODER");
  g_subprocess_launcher_setenv (launcher, "LC_ALL", japanese ? "ja_JP.UTF-8" : "C.UTF-8", TRUE);
  g_subprocess_launcher_setenv (launcher, "LANGUAGE", japanese ? "ja" : "", TRUE);
  if (limit > 0)
    g_subprocess_launcher_set_child_setup (launcher, set_file_size_limit, &limit, NULL);
  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &out, &err, &error);
  g_assert_no_error (error);
  *status = g_subprocess_get_if_exited (process) ? g_subprocess_get_exit_status (process) : -1;
  return err;
}

/* Every table's rows and the schema, as text: what `.dump` would show. */
static char *
dump (const char *path)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autofree char *uri = g_strconcat ("file:", path, "?mode=ro", NULL);
  sqlite3 *db = NULL;
  sqlite3_stmt *tables = NULL;

  g_assert_cmpint (sqlite3_open_v2 (uri, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, NULL), ==,
                   SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT type, name, sql FROM sqlite_schema "
                                           "ORDER BY type, name", -1, &tables, NULL), ==,
                   SQLITE_OK);
  while (sqlite3_step (tables) == SQLITE_ROW)
    {
      const char *type = (const char *) sqlite3_column_text (tables, 0);
      const char *name = (const char *) sqlite3_column_text (tables, 1);
      g_autofree char *quoted = NULL;
      g_autofree char *sql = NULL;
      sqlite3_stmt *records = NULL;

      g_string_append_printf (out, "%s\n", (const char *) sqlite3_column_text (tables, 2));
      if (!g_str_equal (type, "table") || g_str_has_prefix (name, "sqlite_"))
        continue;
      quoted = sqlite3_mprintf ("%w", name);
      sql = g_strdup_printf ("SELECT * FROM \"%s\"", quoted);
      sqlite3_free (g_steal_pointer (&quoted));
      if (sqlite3_prepare_v2 (db, sql, -1, &records, NULL) != SQLITE_OK)
        continue;  /* a virtual table of a module this connection lacks */
      while (sqlite3_step (records) == SQLITE_ROW)
        {
          for (int i = 0; i < sqlite3_column_count (records); i++)
            {
              g_autofree char *hex = NULL;
              const guint8 *blob = sqlite3_column_blob (records, i);

              hex = blob != NULL ? g_compute_checksum_for_data (G_CHECKSUM_SHA1, blob,
                                                                sqlite3_column_bytes (records, i))
                                 : g_strdup ("NULL");
              g_string_append_printf (out, "%s|", hex);
            }
          g_string_append_c (out, '\n');
        }
      sqlite3_finalize (records);
    }
  sqlite3_finalize (tables);
  sqlite3_close (db);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static char *
checksum (const char *path)
{
  g_autofree char *data = NULL;
  gsize size = 0;

  if (!g_file_get_contents (path, &data, &size, NULL))
    return g_strdup ("(unreadable)");
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) data, size);
}

static gboolean have_japanese;

static void
run_language (const Row *row,
              gboolean   japanese)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("shirabe-catalogue-XXXXXX", &error);
  g_autofree char *project = g_build_filename (dir, "p.shirabe", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *dump_before = NULL;
  g_autofree char *dump_after = NULL;
  g_autofree char *err = NULL;
  const char *pattern = japanese ? row->ja : row->en;
  int status;

  g_assert_no_error (error);
  {
    g_autofree char *data = NULL;
    gsize size;

    g_assert_true (g_file_get_contents (base_project, &data, &size, NULL));
    write_file (dir, "p.shirabe", data, size);
  }
  if (row->setup != NULL)
    row->setup (row, dir);
  before = checksum (project);
  if (row->same == SAME_DUMP)
    dump_before = dump (project);

  err = run (dir, row, japanese, &status);
  if (g_test_verbose ())
    g_test_message ("%s [%s] → %d: %s", row->name, japanese ? "ja" : "en", status, err);

  g_assert_cmpint (status, ==, row->status);
  if (!g_regex_match_simple (pattern, err, G_REGEX_DOTALL, 0))
    {
      g_test_message ("%s [%s]: “%s” does not match /%s/", row->name, japanese ? "ja" : "en",
                      err, pattern);
      g_test_fail ();
    }
  after = checksum (project);
  if (row->same == SAME_BYTES)
    g_assert_cmpstr (before, ==, after);
  else
    {
      dump_after = dump (project);
      g_assert_cmpstr (dump_before, ==, dump_after);
    }
  g_chmod (dir, 0700);
  {
    g_autofree char *locked = g_build_filename (dir, "locked", NULL);

    g_chmod (locked, 0700);
  }
  cli_rm_rf (dir);
}

static void
test_row (gconstpointer data)
{
  const Row *row = data;

  run_language (row, FALSE);
  if (have_japanese)
    run_language (row, TRUE);
}

/* The generated project every row copies, and one narrative's first lines for encodings. */
static void
make_base (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("shirabe-catalogue-base-XXXXXX", &error);
  g_autoptr(GSubprocess) generate = NULL;
  g_autoptr(GSubprocess) text = NULL;
  g_autofree char *out = NULL;

  g_assert_no_error (error);
  base_project = g_build_filename (dir, "base.shirabe", NULL);
  generate = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE, &error, cli_program (),
                               "generate", base_project, "--narratives", "40", "--codings",
                               "3000", "--max-length", "6000", "--seed", "17", NULL);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_wait_check (generate, NULL, &error));
  g_assert_no_error (error);
  story_text = g_strdup ("「ブローカーに旅券を取り上げられた。」\n"
                         "借金は三百万円だと言われ、毎日十二時間、休みなしで働かされた。\n"
                         "工場の仕事があると聞いて来日したが、連れて行かれたのは店だった。\n"
                         "パスポートを返してもらえなかった。逃げたら家族に危害を加えると脅された。\n");
}

int
main (int    argc,
      char **argv)
{
  int result;

  g_test_init (&argc, &argv, NULL);
  /* Every row's every check reports, rather than the first failure ending the run. */
  g_test_set_nonfatal_assertions ();
  /* The Japanese half runs where ja_JP.UTF-8 is generated (build-aux/install-deps). */
  have_japanese = setlocale (LC_ALL, "ja_JP.UTF-8") != NULL;
  setlocale (LC_ALL, "C.UTF-8");
  make_base ();

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      g_autofree char *path = g_strconcat ("/catalogue/", rows[i].name, NULL);

      g_test_add_data_func (path, &rows[i], test_row);
    }
  g_test_message ("The bad-input catalogue: %u rows, each in English%s", (guint) G_N_ELEMENTS (rows),
                  have_japanese ? " and Japanese" : " (no ja_JP.UTF-8 locale: not in Japanese)");
  printf ("# The bad-input catalogue: %u rows\n", (guint) G_N_ELEMENTS (rows));
  result = g_test_run ();
  {
    g_autofree char *dir = g_path_get_dirname (base_project);

    cli_rm_rf (dir);
  }
  return result;
}
