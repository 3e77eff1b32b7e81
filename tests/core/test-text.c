/* test-text.c: a file's bytes become the text Shirabe stores, whatever their encoding
 *
 * The encoded inputs are made here with g_convert() from UTF-8, so no binary fixture hides
 * what is being decoded.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include <glib.h>

#include "shirabe-error.h"
#include "shirabe-text.h"

/* Short sentences as they occur in case files: detectors often misjudge texts this short. */
static const char *const sentences[] = {
  "「ブローカーに旅券を取り上げられた。」",
  "借金は三百万円だと言われた。",
  "パスポートを返してもらえなかった。",
  "毎日十二時間、休みなしで働かされた。",
  "工場の仕事があると聞いて来日した。",
  "ｱﾙﾊﾞｲﾄの仕事だと言われた。",
  "旅券",
  /* In EUC-JP these bytes also decode as CP932 half-width katakana (ﾌｾｸﾅｲｰ), and uchardet
   * calls them UTF-8. */
  "名古屋",
  "Nagoya 名古屋",
  "I was told the debt was 3,000,000 yen. 借金は三百万円。",
};

static GBytes *
encode (const char *utf8,
        const char *charset,
        const char *prefix,
        gsize       prefix_length)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *encoded = NULL;
  GByteArray *bytes = g_byte_array_new ();
  gsize length = 0;

  encoded = g_convert (utf8, -1, charset, "UTF-8", NULL, &length, &error);
  g_assert_no_error (error);
  if (prefix != NULL)
    g_byte_array_append (bytes, (const guint8 *) prefix, prefix_length);
  g_byte_array_append (bytes, (const guint8 *) encoded, length);
  return g_byte_array_free_to_bytes (bytes);
}

/* Decodes @bytes and checks both the text and the encoding reported. */
static void
assert_decodes_to (GBytes     *bytes,
                   const char *forced,
                   const char *expected_text,
                   const char *expected_encoding)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *encoding = NULL;
  g_autofree char *text = NULL;
  gsize size = 0;
  const char *data = g_bytes_get_data (bytes, &size);

  text = shirabe_text_decode (data, size, forced, "case.txt", &encoding, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (text, ==, expected_text);
  g_assert_cmpstr (encoding, ==, expected_encoding);
  g_assert_true (g_utf8_validate (text, -1, NULL));
}

static void
assert_fails (const char *data,
              gsize       size,
              const char *forced,
              int         expected_code,
              const char *expected_message)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *encoding = NULL;
  g_autofree char *text = NULL;

  text = shirabe_text_decode (data, size, forced, "case.txt", &encoding, &error);
  g_assert_error (error, SHIRABE_ERROR, expected_code);
  g_assert_cmpstr (error->message, ==, expected_message);
  g_assert_null (text);
  g_assert_null (encoding);
}

static void
test_utf8_is_decoded (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (sentences); i++)
    {
      g_autoptr(GBytes) bytes = g_bytes_new_static (sentences[i], strlen (sentences[i]));

      assert_decodes_to (bytes, NULL, sentences[i], "UTF-8");
    }
}

static void
test_ascii_is_utf8 (void)
{
  static const char text[] = "She was promised work in a restaurant in Osaka.\n";
  g_autoptr(GBytes) bytes = g_bytes_new_static (text, strlen (text));

  assert_decodes_to (bytes, NULL, text, "UTF-8");
}

static void
test_utf8_bom_is_removed (void)
{
  g_autoptr(GBytes) bytes = encode (sentences[0], "UTF-8", "\xEF\xBB\xBF", 3);

  assert_decodes_to (bytes, NULL, sentences[0], "UTF-8");
}

static void
test_utf16le_with_bom_is_decoded (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (sentences); i++)
    {
      g_autoptr(GBytes) bytes = encode (sentences[i], "UTF-16LE", "\xFF\xFE", 2);

      assert_decodes_to (bytes, NULL, sentences[i], "UTF-16LE");
    }
}

static void
test_utf16be_with_bom_is_decoded (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (sentences); i++)
    {
      g_autoptr(GBytes) bytes = encode (sentences[i], "UTF-16BE", "\xFE\xFF", 2);

      assert_decodes_to (bytes, NULL, sentences[i], "UTF-16BE");
    }
}

static void
test_shift_jis_is_decoded (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (sentences); i++)
    {
      g_autoptr(GBytes) bytes = encode (sentences[i], "CP932", NULL, 0);

      assert_decodes_to (bytes, NULL, sentences[i], "SHIFT_JIS");
    }
}

static void
test_cp932_extensions_are_decoded (void)
{
  /* ① ㈱ 髙 exist only in CP932; its 0x8160 is ～ U+FF5E, and 0x5C stays a backslash (glibc's
   * SHIFT_JIS would give ¥), which matters for the paths that case files quote. */
  static const char text[] = "①㈱髙橋商事で働かされた～ C:\\Users\\case";
  g_autoptr(GBytes) bytes = encode (text, "CP932", NULL, 0);
  const guint8 *data = g_bytes_get_data (bytes, NULL);

  g_assert_cmphex (data[0], ==, 0x87);
  g_assert_cmphex (data[1], ==, 0x40);
  assert_decodes_to (bytes, NULL, text, "SHIFT_JIS");
}

static void
test_euc_jp_is_decoded (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (sentences); i++)
    {
      g_autoptr(GBytes) bytes = encode (sentences[i], "EUC-JP", NULL, 0);

      assert_decodes_to (bytes, NULL, sentences[i], "EUC-JP");
    }
}

static void
test_euc_jp_keeps_jis_mappings (void)
{
  /* 0xA1C1 is the wave dash 〜 in Unix EUC-JP files, not CP932's fullwidth tilde. */
  static const char text[] = "三月〜五月、工場で働いた。";
  g_autoptr(GBytes) bytes = encode (text, "EUC-JP", NULL, 0);

  assert_decodes_to (bytes, NULL, text, "EUC-JP");
}

static void
test_euc_jp_nec_characters_are_decoded (void)
{
  /* ① is 0xADA1 in Microsoft's EUC-JP only. */
  static const char text[] = "①旅券を取り上げられた。";
  g_autoptr(GBytes) bytes = encode (text, "EUC-JP-MS", NULL, 0);
  const guint8 *data = g_bytes_get_data (bytes, NULL);

  g_assert_cmphex (data[0], ==, 0xAD);
  g_assert_cmphex (data[1], ==, 0xA1);
  assert_decodes_to (bytes, NULL, text, "EUC-JP");
}

static void
test_iso_2022_jp_is_decoded (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (sentences); i++)
    {
      g_autoptr(GBytes) bytes = NULL;

      /* Half-width katakana cannot be written in ISO-2022-JP. */
      if (strstr (sentences[i], "ｱ") != NULL)
        continue;
      bytes = encode (sentences[i], "ISO-2022-JP", NULL, 0);
      g_assert_nonnull (memchr (g_bytes_get_data (bytes, NULL), 0x1B, g_bytes_get_size (bytes)));
      assert_decodes_to (bytes, NULL, sentences[i], "ISO-2022-JP");
    }
}

static void
test_escape_without_kanji_is_not_iso_2022_jp (void)
{
  /* Terminal colour codes in a log are not JIS escapes. */
  static const char text[] = "\x1B[1mNote\x1B[0m";
  g_autoptr(GBytes) bytes = g_bytes_new_static (text, strlen (text));

  assert_decodes_to (bytes, NULL, text, "UTF-8");
}

static void
test_forced_encoding_wins_over_detection (void)
{
  static const char utf8[] = "café";
  g_autoptr(GBytes) bytes = g_bytes_new_static (utf8, strlen (utf8));
  g_autoptr(GBytes) euc = encode ("名古屋のブローカー", "EUC-JP", NULL, 0);

  /* Valid UTF-8, read as Latin-1 because the user said so. */
  assert_decodes_to (bytes, "latin1", "cafÃ©", "LATIN1");

  /* EUC-JP that also decodes as CP932: detected as EUC-JP, read as CP932 when forced. */
  assert_decodes_to (euc, NULL, "名古屋のブローカー", "EUC-JP");
  assert_decodes_to (euc, "sjis", "ﾌｾｸﾅｲｰ､ﾎ･ﾖ･悅ｼ･ｫ｡ｼ", "SHIFT_JIS");
}

static void
test_forced_aliases_are_accepted (void)
{
  static const struct
  {
    const char *alias;
    const char *charset;
    const char *name;
  } cases[] = {
    { "sjis", "CP932", "SHIFT_JIS" },
    { "Shift-JIS", "CP932", "SHIFT_JIS" },
    { "shift_jis", "CP932", "SHIFT_JIS" },
    { "CP932", "CP932", "SHIFT_JIS" },
    { "Windows-31J", "CP932", "SHIFT_JIS" },
    { "euc-jp", "EUC-JP", "EUC-JP" },
    { "eucJP", "EUC-JP", "EUC-JP" },
    { "ISO-2022-JP", "ISO-2022-JP", "ISO-2022-JP" },
    { "jis", "ISO-2022-JP", "ISO-2022-JP" },
    { "utf8", "UTF-8", "UTF-8" },
    { "UTF-8", "UTF-8", "UTF-8" },
    { "utf-16le", "UTF-16LE", "UTF-16LE" },
    { "UTF-16BE", "UTF-16BE", "UTF-16BE" },
    { "utf-16", "UTF-16LE", "UTF-16LE" },
  };
  g_autoptr(GBytes) big_endian = encode (sentences[1], "UTF-16BE", "\xFE\xFF", 2);

  /* "UTF-16" takes its byte order from the BOM. */
  assert_decodes_to (big_endian, "UTF-16", sentences[1], "UTF-16BE");

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GBytes) bytes = encode (sentences[1], cases[i].charset, NULL, 0);

      assert_decodes_to (bytes, cases[i].alias, sentences[1], cases[i].name);
    }
}

static void
test_other_iconv_encodings_can_be_forced (void)
{
  static const char thai[] = "ฉันถูกหลอกให้มาทำงานที่ญี่ปุ่น";
  static const char spanish[] = "¿Dónde está mi pasaporte? Me quitaron el pasaporte.";
  g_autoptr(GBytes) tis = encode (thai, "TIS-620", NULL, 0);
  g_autoptr(GBytes) cp1252 = encode (spanish, "WINDOWS-1252", NULL, 0);

  assert_decodes_to (tis, "TIS-620", thai, "TIS-620");
  assert_decodes_to (cp1252, "windows-1252", spanish, "WINDOWS-1252");
}

static void
test_line_ends_become_lf (void)
{
  static const char text[] = "first\r\nsecond\rthird\n\r\n\r\rlast\r";
  static const char expected[] = "first\nsecond\nthird\n\n\n\nlast\n";
  g_autoptr(GBytes) utf8 = g_bytes_new_static (text, strlen (text));
  g_autoptr(GBytes) utf16 = encode ("一行目\r\n二行目\r三行目", "UTF-16LE", "\xFF\xFE", 2);
  g_autoptr(GBytes) sjis = encode ("一行目\r\n二行目\r\n", "CP932", NULL, 0);

  assert_decodes_to (utf8, NULL, expected, "UTF-8");
  assert_decodes_to (utf16, NULL, "一行目\n二行目\n三行目", "UTF-16LE");
  assert_decodes_to (sjis, NULL, "一行目\n二行目\n", "SHIFT_JIS");
}

static void
test_nfd_becomes_nfc (void)
{
  static const struct
  {
    const char *input;
    const char *expected;
  } cases[] = {
    { "\u304B\u3099", "\u304C" },                      /* か + voiced mark → が */
    { "Jose\u0301 dijo: \u304B\u3099", "Jos\u00E9 dijo: \u304C" },
    { "\u0301 at the start", "\u0301 at the start" },  /* nothing to compose with */
    { "a\u0302\u0323", "\u1EAD" },                     /* marks reordered, then composed */
    { "\u212B", "\u00C5" },                            /* Angstrom sign → Å */
    { "\uF929", "\u6717" },                            /* CP932 0xFAE6's compatibility 朗 */
    { "\u1100\u1161\u11A8", "\uAC01" },                /* Hangul jamo → 각 */
    { "\u0E01\u0E48\u0E38", "\u0E01\u0E38\u0E48" },    /* Thai marks in canonical order */
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GBytes) utf8 = g_bytes_new_static (cases[i].input, strlen (cases[i].input));
      g_autoptr(GBytes) utf16 = encode (cases[i].input, "UTF-16BE", "\xFE\xFF", 2);

      assert_decodes_to (utf8, NULL, cases[i].expected, "UTF-8");
      assert_decodes_to (utf16, NULL, cases[i].expected, "UTF-16BE");
    }
}

/* Only the pieces around characters NFC may change are normalised; the whole must still come
 * out as g_utf8_normalize() would make it. */
static void
test_long_text_is_nfc_like_glib (void)
{
  static const char *const pieces[] = {
    "The broker took her passport. ", "旅券を取り上げられた。", "\r\n", "e\u0301", "\u0301",
    "\u304B\u3099", "\u3099", "Jos\u00E9 ", "\u1100\u1161", "\u11A8", "\uAC00",
    "\u0E01\u0E48\u0E38", "a\u0302\u0323", "\u212B", "\uF929", "😀", "𠮷", "\u0308", "ｱﾙﾊﾞｲﾄ", "\u00C5\u0301",
    "\u0345", "\u03B1\u0313", "\u0928\u093C",
  };
  g_autoptr(GRand) rand = g_rand_new_with_seed (20240611);
  g_autoptr(GString) input = g_string_new (NULL);
  g_auto(GStrv) lines = NULL;
  g_autofree char *lf = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < 20000; i++)
    g_string_append (input, pieces[g_rand_int_range (rand, 0, G_N_ELEMENTS (pieces))]);
  g_string_prepend (input, "x");

  lines = g_strsplit (input->str, "\r\n", -1);
  lf = g_strjoinv ("\n", lines);
  expected = g_utf8_normalize (lf, -1, G_NORMALIZE_NFC);

  text = shirabe_text_decode (input->str, input->len, NULL, "long.txt", NULL, &error);
  g_assert_no_error (error);
  g_assert_true (strcmp (text, expected) == 0);
}

static void
test_non_bmp_characters_survive (void)
{
  static const char text[] = "😀 𠮷野家で働いた。";
  g_autoptr(GBytes) utf8 = g_bytes_new_static (text, strlen (text));
  g_autoptr(GBytes) utf16le = encode (text, "UTF-16LE", "\xFF\xFE", 2);
  g_autoptr(GBytes) utf16be = encode (text, "UTF-16BE", "\xFE\xFF", 2);

  assert_decodes_to (utf8, NULL, text, "UTF-8");
  assert_decodes_to (utf16le, NULL, text, "UTF-16LE");
  assert_decodes_to (utf16be, NULL, text, "UTF-16BE");
}

static void
test_zero_byte_is_binary (void)
{
  static const char data[] = "PK\x03\x04\x14\0\0\0";

  assert_fails (data, sizeof data - 1, NULL, SHIRABE_ERROR_BINARY,
                "“case.txt” looks like a binary file, not text (a zero byte at byte 5)");
  assert_fails (data, sizeof data - 1, "sjis", SHIRABE_ERROR_BINARY,
                "“case.txt” looks like a binary file, not text (a zero byte at byte 5)");
}

static void
test_utf16_binary_is_rejected (void)
{
  /* A BOM-like start does not make a binary file text: its zero code unit is still found, at
   * its offset in the file, before any bad surrogate. */
  static const char data[] = "\xFF\xFE" "A\0" "\0\0" "\0\xD8";

  assert_fails (data, sizeof data - 1, NULL, SHIRABE_ERROR_BINARY,
                "“case.txt” looks like a binary file, not text (a zero byte at byte 4)");
}

static void
test_utf16_zero_bytes_are_text (void)
{
  /* "A" is 41 00 in UTF-16LE: zero bytes that are not a zero character. */
  g_autoptr(GBytes) bytes = encode ("A\u0100", "UTF-16LE", "\xFF\xFE", 2);

  assert_decodes_to (bytes, NULL, "A\u0100", "UTF-16LE");
}

static void
test_lone_surrogate_is_invalid (void)
{
  static const char data[] = "\xFF\xFE" "A\0" "\x00\xD8" "B\0";

  assert_fails (data, sizeof data - 1, NULL, SHIRABE_ERROR_ENCODING,
                "“case.txt” cannot be read as UTF-16LE: invalid byte at byte 4 (line 1, column 2)");
}

static void
test_invalid_utf8_reports_offset (void)
{
  static const char data[] = "日本\xFF" "abc";
  static const char with_bom[] = "\xEF\xBB\xBF" "ab\xC3(";

  /* 日本 is 6 bytes, so the bad byte is the 7th, at offset 6. */
  assert_fails (data, sizeof data - 1, "UTF-8", SHIRABE_ERROR_ENCODING,
                "“case.txt” cannot be read as UTF-8: invalid byte at byte 6 (line 1, column 3)");
  /* The offset counts the BOM: it is a position in the file. */
  assert_fails (with_bom, sizeof with_bom - 1, NULL, SHIRABE_ERROR_ENCODING,
                "“case.txt” cannot be read as UTF-8: invalid byte at byte 5 (line 1, column 3)");
}

static void
test_truncated_shift_jis_is_invalid (void)
{
  g_autoptr(GBytes) bytes = encode (sentences[0], "CP932", NULL, 0);
  gsize size = g_bytes_get_size (bytes) - 1;
  g_autofree char *message =
    g_strdup_printf ("“case.txt” cannot be read as SHIFT_JIS: invalid byte at byte %zu"
                     " (line 1, column %ld)", size - 1, g_utf8_strlen (sentences[0], -1));

  assert_fails (g_bytes_get_data (bytes, NULL), size, "SHIFT_JIS", SHIRABE_ERROR_ENCODING,
                message);
  /* Detected, the encoding that read farthest is the one named. */
  assert_fails (g_bytes_get_data (bytes, NULL), size, NULL, SHIRABE_ERROR_ENCODING, message);
}

static void
test_truncated_utf16_is_invalid (void)
{
  g_autoptr(GBytes) bytes = encode ("旅券", "UTF-16LE", "\xFF\xFE", 2);

  assert_fails (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes) - 1, NULL,
                SHIRABE_ERROR_ENCODING,
                "“case.txt” cannot be read as UTF-16LE: invalid byte at byte 4 (line 1, column 2)");
}

static void
test_invalid_iso_2022_jp_reports_offset (void)
{
  /* ESC ( I (half-width katakana) is not ISO-2022-JP. */
  static const char data[] = "ab\x1B$B%V\x1B(I1\x1B(B";

  static const char in_ascii[] = "ab\x1B(I1\x1B$B%V\x1B(B";
  static const char colour[] = "\x1B[1mNote\x1B[0m";

  assert_fails (data, sizeof data - 1, NULL, SHIRABE_ERROR_ENCODING,
                "“case.txt” cannot be read as ISO-2022-JP: invalid byte at byte 7 (line 1, column 4)");
  /* glibc alone would pass this one through as the text "ESC ( I 1". */
  assert_fails (in_ascii, sizeof in_ascii - 1, NULL, SHIRABE_ERROR_ENCODING,
                "“case.txt” cannot be read as ISO-2022-JP: invalid byte at byte 2 (line 1, column 3)");
  assert_fails (colour, sizeof colour - 1, "jis", SHIRABE_ERROR_ENCODING,
                "“case.txt” cannot be read as ISO-2022-JP: invalid byte at byte 0 (line 1, column 1)");
  /* 8-bit bytes are never ISO-2022-JP: "OK " then Shift_JIS 旅 (0x97 0xB7). */
  assert_fails ("OK \x97\xB7", 5, "ISO-2022-JP", SHIRABE_ERROR_ENCODING,
                "“case.txt” cannot be read as ISO-2022-JP: invalid byte at byte 3 (line 1, column 4)");
}

static void
test_empty_text_is_empty (void)
{
  static const char *const blanks[] = {
    "", "\xEF\xBB\xBF", " \t\r\n\r\n", "\xE3\x80\x80\n",
  };
  g_autoptr(GBytes) utf16 = encode (" \r\n", "UTF-16LE", "\xFF\xFE", 2);

  for (guint i = 0; i < G_N_ELEMENTS (blanks); i++)
    assert_fails (blanks[i], strlen (blanks[i]), NULL, SHIRABE_ERROR_EMPTY, "“case.txt” is empty");
  assert_fails ("\xFF\xFE", 2, NULL, SHIRABE_ERROR_EMPTY, "“case.txt” is empty");
  assert_fails (g_bytes_get_data (utf16, NULL), g_bytes_get_size (utf16), NULL,
                SHIRABE_ERROR_EMPTY, "“case.txt” is empty");
  assert_fails ("", 0, "sjis", SHIRABE_ERROR_EMPTY, "“case.txt” is empty");
}

static void
test_unknown_forced_encoding_is_invalid (void)
{
  assert_fails ("text", 4, "klingon-8", SHIRABE_ERROR_INVALID,
                "Cannot read “case.txt”: “klingon-8” is not a known encoding");
  /* glibc would read these suffixes as "skip what does not decode". */
  assert_fails ("text", 4, "UTF-16LE//IGNORE", SHIRABE_ERROR_INVALID,
                "Cannot read “case.txt”: “UTF-16LE//IGNORE” is not a known encoding");
  assert_fails ("text", 4, "", SHIRABE_ERROR_INVALID,
                "Cannot read “case.txt”: “” is not a known encoding");
}

/* A Japanese transcript in UTF-8 with one stray byte at offset 100: uchardet called it
 * Shift_JIS, and the message named byte 18. */
static GString *
transcript_with_stray_byte (void)
{
  GString *data = g_string_new (NULL);

  g_string_append (data, "聞き取り記録\n");                    /* 19 bytes */
  while (data->len < 100)
    g_string_append (data, "借金は三百万円。");                   /* 24 bytes each */
  g_string_truncate (data, 19 + 3 * 24);                        /* 91 bytes: line 2 */
  g_string_append (data, "あいう");                             /* 9 bytes: 100 */
  g_string_append_c (data, (char) 0x81);
  g_string_append (data, "と言われた。\n旅券を取り上げられた。\n");
  return data;
}

static void
test_almost_utf8_is_named_with_its_line_and_column (void)
{
  g_autoptr(GString) data = transcript_with_stray_byte ();

  /* Line 2 holds three sentences of 8 characters and あいう: the byte is its 28th character. */
  assert_fails (data->str, data->len, NULL, SHIRABE_ERROR_ENCODING,
                "“case.txt” cannot be read as UTF-8: invalid byte at byte 100"
                " (line 2, column 28)");
  /* A few stray bytes among many characters are still UTF-8. */
  g_string_insert_c (data, 40, (char) 0xFF);
  assert_fails (data->str, data->len, NULL, SHIRABE_ERROR_ENCODING,
                "“case.txt” cannot be read as UTF-8: invalid byte at byte 40"
                " (line 2, column 8)");
}

static void
test_shift_jis_is_not_almost_utf8 (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (sentences); i++)
    {
      g_autoptr(GBytes) bytes = encode (sentences[i], "CP932", NULL, 0);

      if (g_utf8_validate (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), NULL))
        continue;
      assert_decodes_to (bytes, NULL, sentences[i], "SHIFT_JIS");
    }
}

static void
test_invalid_bytes_are_replaced_only_when_asked (void)
{
  g_autoptr(GString) data = transcript_with_stray_byte ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) replaced = NULL;
  g_autofree char *encoding = NULL;
  g_autofree char *text = NULL;
  g_autofree char *strict = NULL;

  g_string_insert_c (data, 40, (char) 0xFF);
  strict = shirabe_text_decode_full (data->str, data->len, NULL, "case.txt",
                                     SHIRABE_TEXT_DECODE_STRICT, &encoding, &replaced, &error);
  g_assert_error (error, SHIRABE_ERROR, SHIRABE_ERROR_ENCODING);
  g_assert_null (strict);
  g_assert_null (replaced);
  g_clear_error (&error);

  text = shirabe_text_decode_full (data->str, data->len, NULL, "case.txt",
                                   SHIRABE_TEXT_DECODE_REPLACE_INVALID, &encoding, &replaced,
                                   &error);
  g_assert_no_error (error);
  g_assert_cmpstr (encoding, ==, "UTF-8");
  g_assert_nonnull (replaced);
  g_assert_cmpuint (replaced->len, ==, 2);
  g_assert_cmpuint (g_array_index (replaced, guint64, 0), ==, 40);
  g_assert_cmpuint (g_array_index (replaced, guint64, 1), ==, 101);
  g_assert_true (g_str_has_prefix (text, "聞き取り記録\n借金は三百万円\uFFFD。借金は"));
  g_assert_nonnull (strstr (text, "あいう\uFFFDと言われた。\n"));
  g_assert_cmpint (g_utf8_strlen (text, -1), ==, 7 + 3 * 8 + 3 + 2 + 7 + 12);
}

static void
test_shift_jis_replacement_names_the_bytes (void)
{
  g_autoptr(GBytes) bytes = encode (sentences[1], "CP932", NULL, 0);
  g_autoptr(GByteArray) broken = g_byte_array_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) replaced = NULL;
  g_autofree char *encoding = NULL;
  g_autofree char *text = NULL;

  g_byte_array_append (broken, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  /* 0xFD is no Shift_JIS lead byte. */
  g_byte_array_append (broken, (const guint8 *) "\xFD", 1);
  text = shirabe_text_decode_full ((const char *) broken->data, broken->len, "SHIFT_JIS",
                                   "case.txt", SHIRABE_TEXT_DECODE_REPLACE_INVALID, &encoding,
                                   &replaced, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (replaced->len, ==, 1);
  g_assert_cmpuint (g_array_index (replaced, guint64, 0), ==, g_bytes_get_size (bytes));
  g_assert_true (g_str_has_suffix (text, "言われた。\uFFFD"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/text/utf-8-is-decoded", test_utf8_is_decoded);
  g_test_add_func ("/core/text/ascii-is-utf-8", test_ascii_is_utf8);
  g_test_add_func ("/core/text/utf-8-bom-is-removed", test_utf8_bom_is_removed);
  g_test_add_func ("/core/text/utf-16le-with-bom-is-decoded", test_utf16le_with_bom_is_decoded);
  g_test_add_func ("/core/text/utf-16be-with-bom-is-decoded", test_utf16be_with_bom_is_decoded);
  g_test_add_func ("/core/text/shift-jis-is-decoded", test_shift_jis_is_decoded);
  g_test_add_func ("/core/text/cp932-extensions-are-decoded", test_cp932_extensions_are_decoded);
  g_test_add_func ("/core/text/euc-jp-is-decoded", test_euc_jp_is_decoded);
  g_test_add_func ("/core/text/euc-jp-keeps-jis-mappings", test_euc_jp_keeps_jis_mappings);
  g_test_add_func ("/core/text/euc-jp-nec-characters-are-decoded",
                   test_euc_jp_nec_characters_are_decoded);
  g_test_add_func ("/core/text/iso-2022-jp-is-decoded", test_iso_2022_jp_is_decoded);
  g_test_add_func ("/core/text/escape-without-kanji-is-not-iso-2022-jp",
                   test_escape_without_kanji_is_not_iso_2022_jp);
  g_test_add_func ("/core/text/forced-encoding-wins-over-detection",
                   test_forced_encoding_wins_over_detection);
  g_test_add_func ("/core/text/forced-aliases-are-accepted", test_forced_aliases_are_accepted);
  g_test_add_func ("/core/text/other-iconv-encodings-can-be-forced",
                   test_other_iconv_encodings_can_be_forced);
  g_test_add_func ("/core/text/line-ends-become-lf", test_line_ends_become_lf);
  g_test_add_func ("/core/text/nfd-becomes-nfc", test_nfd_becomes_nfc);
  g_test_add_func ("/core/text/long-text-is-nfc-like-glib", test_long_text_is_nfc_like_glib);
  g_test_add_func ("/core/text/non-bmp-characters-survive", test_non_bmp_characters_survive);
  g_test_add_func ("/core/text/zero-byte-is-binary", test_zero_byte_is_binary);
  g_test_add_func ("/core/text/utf-16-binary-is-rejected", test_utf16_binary_is_rejected);
  g_test_add_func ("/core/text/utf-16-zero-bytes-are-text", test_utf16_zero_bytes_are_text);
  g_test_add_func ("/core/text/lone-surrogate-is-invalid", test_lone_surrogate_is_invalid);
  g_test_add_func ("/core/text/invalid-utf-8-reports-offset", test_invalid_utf8_reports_offset);
  g_test_add_func ("/core/text/truncated-shift-jis-is-invalid",
                   test_truncated_shift_jis_is_invalid);
  g_test_add_func ("/core/text/truncated-utf-16-is-invalid", test_truncated_utf16_is_invalid);
  g_test_add_func ("/core/text/invalid-iso-2022-jp-reports-offset",
                   test_invalid_iso_2022_jp_reports_offset);
  g_test_add_func ("/core/text/empty-text-is-empty", test_empty_text_is_empty);
  g_test_add_func ("/core/text/unknown-forced-encoding-is-invalid",
                   test_unknown_forced_encoding_is_invalid);

  g_test_add_func ("/core/text/almost-utf-8-is-named-with-its-line-and-column",
                   test_almost_utf8_is_named_with_its_line_and_column);
  g_test_add_func ("/core/text/shift-jis-is-not-almost-utf-8", test_shift_jis_is_not_almost_utf8);
  g_test_add_func ("/core/text/invalid-bytes-are-replaced-only-when-asked",
                   test_invalid_bytes_are_replaced_only_when_asked);
  g_test_add_func ("/core/text/shift-jis-replacement-names-the-bytes",
                   test_shift_jis_replacement_names_the_bytes);

  return g_test_run ();
}
