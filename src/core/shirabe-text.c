/* shirabe-text.c: turning a file's bytes into the text Shirabe stores
 *
 * Codings point into the stored text by code point, so the text must be fixed once, at import:
 * decoded to UTF-8, without a BOM, with LF line ends and in NFC. Everything here is strict: a
 * byte that does not decode is an error naming its offset, never a replacement character that
 * would silently change a narrative.
 *
 * Detection order, when the user has not chosen an encoding:
 *   1. a BOM: UTF-8, UTF-16LE or UTF-16BE;
 *   2. ISO-2022-JP: only 7-bit bytes, with at least one ESC $ B or ESC $ @ switching to kanji
 *      (glibc then reads ESC ( B and ESC ( J, and refuses other escapes). This comes before
 *      step 3 only because such text is also valid UTF-8: it is all ASCII bytes;
 *   3. valid UTF-8;
 *   4. uchardet, trusted only when it names an accepted Japanese encoding (Shift_JIS, read as
 *      CP932, or EUC-JP) and the text decodes strictly in it;
 *   5. otherwise strict decoding as CP932 and as EUC-JP: the one that succeeds, or, when both
 *      do, the one whose result looks more like Japanese (short Shift_JIS texts are often
 *      misdetected, and EUC-JP bytes often decode as CP932 half-width katakana).
 * Before steps 4 and 5, text that is almost UTF-8 (many well-formed multi-byte characters, a
 * few stray bytes) is called UTF-8 with an invalid byte: a transcript with one stray byte is
 * not Shift_JIS that fails at its first kanji. When no encoding reads a file, the one that read
 * farthest is named, UTF-8 on a tie.
 *
 * Replacement of unreadable bytes by U+FFFD happens only when the caller asks for it
 * (SHIRABE_TEXT_DECODE_REPLACE_INVALID), and every replaced byte's offset is returned.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "shirabe-i18n.h"

#include <errno.h>
#include <string.h>

#include <uchardet.h>

#include "shirabe-error.h"
#include "shirabe-text.h"

typedef struct
{
  const char *name;           /* canonical, as reported to the caller */
  const char *iconv_name;     /* NULL for UTF-8, which is validated rather than converted */
  const char *fallback_name;  /* tried when iconv_name fails, reported under the same name */
  guint       unit;           /* code unit size in bytes, for finding zero characters */
} TextEncoding;

/* Windows files in Shift_JIS carry CP932's extensions (①, ㈱, 髙...), and glibc's SHIFT_JIS
 * reads 0x5C as ¥ and 0x7E as ‾, which breaks paths and ASCII; so Shift_JIS means CP932.
 * glibc's EUC-JP keeps the JIS mappings Unix files expect (0xA1C1 is 〜 U+301C) but refuses the
 * NEC and IBM rows; EUC-JP-MS reads those, with Microsoft's mappings, so it is the fallback. */
static const TextEncoding utf8_encoding = { "UTF-8", NULL, NULL, 1 };
static const TextEncoding utf16le_encoding = { "UTF-16LE", "UTF-16LE", NULL, 2 };
static const TextEncoding utf16be_encoding = { "UTF-16BE", "UTF-16BE", NULL, 2 };
static const TextEncoding shift_jis_encoding = { "SHIFT_JIS", "CP932", NULL, 1 };
static const TextEncoding euc_jp_encoding = { "EUC-JP", "EUC-JP", "EUC-JP-MS", 1 };
static const TextEncoding iso_2022_jp_encoding = { "ISO-2022-JP", "ISO-2022-JP", NULL, 1 };

/* Names a user may type, compared after folding case and dropping '-', '_', '.' and spaces.
 * "UTF-16" without an order is resolved by the BOM, see resolve_encoding(). */
static const struct
{
  const char         *folded;
  const TextEncoding *encoding;
} encoding_aliases[] = {
  { "utf8", &utf8_encoding },
  { "utf16le", &utf16le_encoding },
  { "utf16be", &utf16be_encoding },
  { "shiftjis", &shift_jis_encoding },
  { "sjis", &shift_jis_encoding },
  { "xsjis", &shift_jis_encoding },
  { "cp932", &shift_jis_encoding },
  { "ms932", &shift_jis_encoding },
  { "windows31j", &shift_jis_encoding },
  { "mskanji", &shift_jis_encoding },
  { "csshiftjis", &shift_jis_encoding },
  { "eucjp", &euc_jp_encoding },
  { "xeucjp", &euc_jp_encoding },
  { "ujis", &euc_jp_encoding },
  { "iso2022jp", &iso_2022_jp_encoding },
  { "csiso2022jp", &iso_2022_jp_encoding },
  { "jis", &iso_2022_jp_encoding },
};

static char *
fold_encoding_name (const char *name)
{
  GString *folded = g_string_new (NULL);

  for (const char *p = name; *p != '\0'; p++)
    if (*p != '-' && *p != '_' && *p != '.' && *p != ' ')
      g_string_append_c (folded, g_ascii_tolower (*p));

  return g_string_free (folded, FALSE);
}

static const TextEncoding *
lookup_alias (const char *name)
{
  g_autofree char *folded = fold_encoding_name (name);

  for (guint i = 0; i < G_N_ELEMENTS (encoding_aliases); i++)
    if (strcmp (folded, encoding_aliases[i].folded) == 0)
      return encoding_aliases[i].encoding;

  return NULL;
}

static gboolean
has_prefix_folded (const char *folded,
                   const char *const *prefixes)
{
  for (guint i = 0; prefixes[i] != NULL; i++)
    if (g_str_has_prefix (folded, prefixes[i]))
      return TRUE;
  return FALSE;
}

/* Resolves a forced encoding name to @storage (for names glibc knows but Shirabe does not
 * list), or returns NULL if iconv cannot read it. */
static const TextEncoding *
resolve_encoding (const char   *name,
                  const char   *data,
                  gsize         size,
                  TextEncoding *storage,
                  char        **storage_name)
{
  static const char *const wide16[] = { "utf16", "ucs2", "unicode", NULL };
  static const char *const wide32[] = { "utf32", "ucs4", "wchart", NULL };
  const TextEncoding *known;
  g_autofree char *folded = NULL;
  GIConv converter;

  known = lookup_alias (name);
  if (known != NULL)
    return known;

  folded = fold_encoding_name (name);

  /* Windows writes UTF-16 little-endian with a BOM; without a BOM little-endian is still the
   * likelier guess, whereas glibc would assume big-endian. */
  if (strcmp (folded, "utf16") == 0)
    {
      if (size >= 2 && (guchar) data[0] == 0xFE && (guchar) data[1] == 0xFF)
        return &utf16be_encoding;
      return &utf16le_encoding;
    }

  /* glibc reads "//IGNORE", "//TRANSLIT" and ",..." suffixes as conversion options, which
   * would turn strict decoding into silent loss; they are not encoding names. */
  if (*name == '\0' || strlen (name) > 64 || strpbrk (name, "/, ") != NULL)
    return NULL;
  for (const char *p = name; *p != '\0'; p++)
    if (!g_ascii_isprint (*p))
      return NULL;

  converter = g_iconv_open ("UTF-8", name);
  if (converter == (GIConv) -1)
    return NULL;
  g_iconv_close (converter);

  *storage_name = g_ascii_strup (name, -1);
  storage->name = *storage_name;
  storage->iconv_name = name;
  storage->fallback_name = NULL;
  if (has_prefix_folded (folded, wide16))
    storage->unit = 2;
  else if (has_prefix_folded (folded, wide32))
    storage->unit = 4;
  else
    storage->unit = 1;

  return storage;
}

/* Returns the offset of the first code unit that is all zero bytes, or -1. */
static gssize
find_zero_unit (const char *data,
                gsize       size,
                guint       unit)
{
  if (unit == 1)
    {
      const char *zero = memchr (data, '\0', size);
      return zero != NULL ? zero - data : -1;
    }

  for (gsize i = 0; i + unit <= size; i += unit)
    {
      guint j;

      for (j = 0; j < unit && data[i + j] == '\0'; j++)
        ;
      if (j == unit)
        return i;
    }

  return -1;
}

/* ISO-2022-JP is 7-bit text that switches to kanji with ESC $ B (or the older ESC $ @). Other
 * escapes (ESC ( I for half-width katakana, JIS X 0212...) do not make it something else: they
 * are refused by find_bad_jis_escape(), where taking the file for ASCII would store the escape
 * bytes as text. */
static gboolean
looks_like_iso_2022_jp (const char *data,
                        gsize       size)
{
  gboolean switches_to_kanji = FALSE;

  /* Almost no file has an ESC byte: skip the full scan for them. */
  if (memchr (data, 0x1B, size) == NULL)
    return FALSE;

  for (gsize i = 0; i < size; i++)
    {
      guchar c = data[i];

      if (c >= 0x80)
        return FALSE;
      if (c == 0x1B && i + 2 < size && data[i + 1] == '$'
          && (data[i + 2] == 'B' || data[i + 2] == '@'))
        switches_to_kanji = TRUE;
    }

  return switches_to_kanji;
}

/* Returns the offset of the first escape that ISO-2022-JP does not have, or -1. glibc's
 * decoder is not strict here: in ASCII mode it passes an unknown escape through as text. */
static gssize
find_bad_jis_escape (const char *data,
                     gsize       size)
{
  const char *end = data + size;

  for (const char *p = memchr (data, 0x1B, size); p != NULL; p = memchr (p, 0x1B, end - p))
    {
      if (end - p < 3
          || !((p[1] == '$' && (p[2] == 'B' || p[2] == '@'))
               || (p[1] == '(' && (p[2] == 'B' || p[2] == 'J'))))
        return p - data;
      p += 3;
    }

  return -1;
}

/* glibc loads an encoding's module (CP932.so, EUC-JP.so…) when a converter for it is opened,
 * and unloads it when the last one closes: each file's decoding mapped and unmapped the module
 * again, half the time of decoding a folder of small files. One converter per encoding, opened
 * the first time it is needed and never used or closed, keeps its module loaded while the
 * process runs. */
static void
keep_module_loaded (const char *iconv_name)
{
  static GMutex lock;
  static GHashTable *kept;  /* iconv name → GIConv */

  g_mutex_lock (&lock);
  if (kept == NULL)
    kept = g_hash_table_new (g_str_hash, g_str_equal);
  if (!g_hash_table_contains (kept, iconv_name))
    {
      GIConv converter = g_iconv_open ("UTF-8", iconv_name);

      if (converter != (GIConv) -1)
        g_hash_table_insert (kept, g_strdup (iconv_name), converter);
    }
  g_mutex_unlock (&lock);
}

/* Decodes all of @data strictly with iconv. On failure returns NULL and sets @bad_offset to
 * where the first undecodable byte is. */
static char *
convert_strictly (const char *data,
                  gsize       size,
                  const char *iconv_name,
                  gsize      *len_out,
                  gsize      *bad_offset)
{
  g_autoptr(GError) local_error = NULL;
  gsize bytes_read = 0;
  gsize bytes_written = 0;
  char *text;

  keep_module_loaded (iconv_name);
  text = g_convert (data, size, "UTF-8", iconv_name, &bytes_read, &bytes_written, &local_error);

  /* With bytes_read given, g_convert() reports a truncated last character not as an error but
   * as a success that read less than everything. */
  if (text != NULL && bytes_read != size)
    g_clear_pointer (&text, g_free);

  if (text == NULL)
    {
      *bad_offset = MIN (bytes_read, size);
      return NULL;
    }

  *len_out = bytes_written;
  return text;
}

/* Returns where in @data the character that begins at @out_offset of the decoded text starts:
 * iconv with an output buffer of exactly @out_offset bytes stops right there. */
static gsize
source_offset (const char *data,
               gsize       size,
               const char *iconv_name,
               gsize       out_offset)
{
  GIConv converter;
  g_autofree char *out = g_malloc (out_offset + 1);
  char *in_p = (char *) data;
  char *out_p = out;
  gsize in_left = size;
  gsize out_left = out_offset;

  converter = g_iconv_open ("UTF-8", iconv_name);
  if (converter == (GIConv) -1)
    return 0;
  g_iconv (converter, &in_p, &in_left, &out_p, &out_left);
  g_iconv_close (converter);

  return in_p - data;
}

/* Decodes with @encoding's converter or its fallback; sets @bad_offset (the farther of the
 * two) when neither reads all of @data. UTF-8 is not decoded here but validated in place. */
static char *
decode_as (const TextEncoding *encoding,
           const char         *data,
           gsize               size,
           gsize              *len_out,
           const char        **used_iconv_name,
           gsize              *bad_offset)
{
  gsize fallback_offset = 0;
  char *text;

  g_assert (encoding->iconv_name != NULL);

  if (encoding == &iso_2022_jp_encoding)
    {
      gssize bad_escape = find_bad_jis_escape (data, size);

      if (bad_escape >= 0)
        {
          *bad_offset = bad_escape;
          return NULL;
        }
    }

  *used_iconv_name = encoding->iconv_name;
  text = convert_strictly (data, size, encoding->iconv_name, len_out, bad_offset);
  if (text != NULL || encoding->fallback_name == NULL)
    return text;

  *used_iconv_name = encoding->fallback_name;
  text = convert_strictly (data, size, encoding->fallback_name, len_out, &fallback_offset);
  if (text == NULL)
    *bad_offset = MAX (*bad_offset, fallback_offset);
  return text;
}

/* How much a decoded text looks like Japanese: real Japanese has hiragana, while EUC-JP read
 * as CP932 gives half-width katakana and odd kanji, and stray bytes land in the private use
 * area. Only the start is looked at: it decides, and a 50 MB file need not be scanned. */
static gint64
japanese_score (const char *text,
                gsize       len)
{
  const char *end = text + MIN (len, 64 * 1024);
  gint64 score = 0;

  for (const char *p = text; p < end; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c >= 0x3041 && c <= 0x309F)
        score += 3;
      else if ((c >= 0x30A0 && c <= 0x30FF) || (c >= 0x3000 && c <= 0x303F))
        score += 1;
      else if (c >= 0xFF61 && c <= 0xFF9F)
        score -= 1;
      else if (c >= 0xE000 && c <= 0xF8FF)
        score -= 5;
    }

  return score;
}

static const TextEncoding *
uchardet_guess (const char *data,
                gsize       size)
{
  uchardet_t detector = uchardet_new ();
  const TextEncoding *encoding = NULL;
  const char *charset;

  if (uchardet_handle_data (detector, data, size) == 0)
    {
      uchardet_data_end (detector);
      charset = uchardet_get_charset (detector);
      if (charset != NULL && *charset != '\0')
        encoding = lookup_alias (charset);
    }
  uchardet_delete (detector);

  if (encoding != &shift_jis_encoding && encoding != &euc_jp_encoding)
    return NULL;
  return encoding;
}

/* Steps 4 and 5 of the detection order described at the top of this file. On failure, sets
 * @encoding_out and @bad_offset to the candidate that read farthest, the likelier culprit. */
static char *
detect_and_decode_japanese (const char          *data,
                            gsize                size,
                            const TextEncoding **encoding_out,
                            const char         **used_iconv_name,
                            gsize               *len_out,
                            gsize               *bad_offset)
{
  const TextEncoding *candidates[] = { &shift_jis_encoding, &euc_jp_encoding };
  const TextEncoding *guess = uchardet_guess (data, size);
  char *texts[G_N_ELEMENTS (candidates)] = { NULL, };
  gsize lens[G_N_ELEMENTS (candidates)] = { 0, };
  const char *iconv_names[G_N_ELEMENTS (candidates)] = { NULL, };
  gsize offsets[G_N_ELEMENTS (candidates)] = { 0, };
  gint64 best_score = G_MININT64;
  guint best = 0;

  /* uchardet's answer wins outright when it decodes. */
  if (guess == &euc_jp_encoding)
    {
      candidates[0] = &euc_jp_encoding;
      candidates[1] = &shift_jis_encoding;
    }

  for (guint i = 0; i < G_N_ELEMENTS (candidates); i++)
    {
      texts[i] = decode_as (candidates[i], data, size, &lens[i], &iconv_names[i], &offsets[i]);
      if (texts[i] != NULL && candidates[i] == guess)
        break;
    }

  for (guint i = 0; i < G_N_ELEMENTS (candidates); i++)
    {
      gint64 score;

      if (texts[i] == NULL)
        continue;
      score = candidates[i] == guess ? G_MAXINT64 : japanese_score (texts[i], lens[i]);
      if (score > best_score)
        {
          best_score = score;
          best = i;
        }
    }

  if (best_score == G_MININT64)
    {
      best = offsets[1] > offsets[0] ? 1 : 0;
      *encoding_out = candidates[best];
      *bad_offset = offsets[best];
      return NULL;
    }

  for (guint i = 0; i < G_N_ELEMENTS (candidates); i++)
    if (i != best)
      g_free (texts[i]);

  *encoding_out = candidates[best];
  *used_iconv_name = iconv_names[best];
  *len_out = lens[best];
  return texts[best];
}

/* Turns CRLF and lone CR into LF, copying from @src to @dst, which may be the same buffer
 * (the output is never longer). One pass; memchr() skips the long runs without CR. */
static gsize
normalize_newlines (char       *dst,
                    const char *src,
                    gsize       len)
{
  const char *end = src + len;
  char *out = dst;

  while (src < end)
    {
      const char *cr = memchr (src, '\r', end - src);
      gsize run = (cr != NULL ? cr : end) - src;

      if (out != src)
        memmove (out, src, run);
      out += run;
      if (cr == NULL)
        break;

      *out++ = '\n';
      src = cr + 1;
      if (src < end && *src == '\n')
        src++;
    }

  *out = '\0';
  return out - dst;
}

/* Code points that NFC leaves alone whatever surrounds them: canonical combining class 0,
 * unchanged by NFC themselves, their decomposition starting with such a character, and never
 * the second half of a composition. Text made only of these is already NFC, and text may be
 * cut into NFC pieces right before any of them (ICU calls this a boundary). */
static const struct
{
  gunichar first;
  gunichar last;
} nfc_stable_ranges[] = {
  { 0x0000, 0x02FF },    /* Latin, Latin-1, Latin Extended A and B, IPA */
  { 0x0400, 0x0482 },    /* Cyrillic, without its combining marks */
  { 0x048A, 0x052F },
  { 0x0E01, 0x0E30 },    /* Thai, without its vowel and tone marks */
  { 0x0E32, 0x0E33 },
  { 0x0E3F, 0x0E46 },
  { 0x0E4F, 0x0E5B },
  { 0x1E00, 0x1EFF },    /* Latin Extended Additional */
  { 0x2002, 0x2027 },    /* General Punctuation, without U+2000 and U+2001 */
  { 0x2030, 0x205E },
  { 0x2190, 0x2328 },    /* Arrows, Mathematical Operators, Miscellaneous Technical */
  { 0x232B, 0x23FF },
  { 0x2460, 0x27BF },    /* Enclosed Alphanumerics, Box Drawing, Shapes, Symbols, Dingbats */
  { 0x3000, 0x3029 },    /* CJK Symbols and Punctuation, without the tone marks */
  { 0x3030, 0x303F },
  { 0x3041, 0x3096 },    /* Hiragana, without the combining voiced sound marks */
  { 0x309B, 0x30FF },    /* Katakana */
  { 0x31F0, 0x31FF },
  { 0x3200, 0x321E },    /* Enclosed CJK Letters and Months, CJK Compatibility */
  { 0x3220, 0x33FF },
  { 0x3400, 0x4DBF },    /* CJK Unified Ideographs Extension A */
  { 0x4E00, 0x9FFF },    /* CJK Unified Ideographs */
  { 0xAC00, 0xD7A3 },    /* Hangul Syllables */
  { 0xFF01, 0xFFBE },    /* Fullwidth ASCII, half-width katakana */
  { 0xFFE0, 0xFFE6 },
  { 0x1F300, 0x1F64F },  /* Pictographs and emoticons */
  { 0x20000, 0x2A6DF },  /* CJK Unified Ideographs Extension B */
};

/* The characters of class 0 that are the second half of a canonical composition (Indic and
 * Sinhala vowel signs and length marks, and the like); GLib has no call that tells. Hangul
 * vowels and final consonants are checked by range. */
static const gunichar composing_starters[] = {
  0x09BE, 0x09D7, 0x0B3E, 0x0B56, 0x0B57, 0x0BBE, 0x0BD7, 0x0CC2, 0x0CD5, 0x0CD6, 0x0D3E,
  0x0D57, 0x0DCF, 0x0DDF, 0x0FB5, 0x0FB7, 0x102E, 0x1B35, 0x11127, 0x1133E, 0x11357, 0x114B0,
  0x114BA, 0x114BD, 0x115AF, 0x11930,
};

static gboolean
in_nfc_stable_ranges (gunichar c)
{
  guint lo = 0;
  guint hi = G_N_ELEMENTS (nfc_stable_ranges);

  while (lo < hi)
    {
      guint mid = (lo + hi) / 2;

      if (c < nfc_stable_ranges[mid].first)
        hi = mid;
      else if (c > nfc_stable_ranges[mid].last)
        lo = mid + 1;
      else
        return TRUE;
    }

  return FALSE;
}

/* The same property, worked out from GLib's Unicode data for the scripts the table leaves
 * out. Without it a long text in such a script would be one piece, and g_utf8_normalize()
 * takes time quadratic in a piece's length (each composition moves the rest of its buffer). */
static gboolean
is_nfc_stable_slow (gunichar c)
{
  gunichar a;
  gunichar b;
  gunichar composed;

  if (g_unichar_combining_class (c) != 0
      || (c >= 0x1161 && c <= 0x1175)
      || (c >= 0x11A8 && c <= 0x11C2))
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (composing_starters); i++)
    if (c == composing_starters[i])
      return FALSE;

  if (!g_unichar_decompose (c, &a, &b))
    return TRUE;

  /* A singleton (Ω sign, CJK compatibility ideographs) or an excluded composition changes. */
  return b != 0 && g_unichar_compose (a, b, &composed) && composed == c && is_nfc_stable_slow (a);
}

static inline gboolean
is_nfc_stable (gunichar c)
{
  /* Kana and kanji, most of a Japanese narrative, first. */
  if ((c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3041 && c <= 0x30FF && c != 0x3099 && c != 0x309A))
    return TRUE;
  return c < 0x300 || in_nfc_stable_ranges (c) || is_nfc_stable_slow (c);
}

/* Returns the start of the first character at or after @p that is NFC-stable, or @end. */
static const char *
skip_unstable (const char *p,
               const char *end)
{
  while (p < end && ((guchar) *p >= 0x80 && !is_nfc_stable (g_utf8_get_char (p))))
    p = g_utf8_next_char (p);
  return p;
}

static inline gboolean
eight_bytes_are_ascii (const char *p)
{
  guint64 word;

  memcpy (&word, p, sizeof word);
  return (word & G_GUINT64_CONSTANT (0x8080808080808080)) == 0;
}

/* Normalises @text (valid UTF-8, @len bytes) to NFC, taking ownership of it. Only the pieces
 * around characters NFC may change go through g_utf8_normalize(), which works on a UCS-4 copy:
 * a 50 MB narrative with a single accented letter is not copied four times over, and pure
 * ASCII or Japanese text is returned untouched. */
static char *
normalize_nfc (char  *text,
               gsize  len,
               gsize *len_out)
{
  const char *end = text + len;
  const char *p = text;
  const char *emitted = text;
  const char *last_stable = NULL;
  GString *out = NULL;

  while (p < end)
    {
      const char *piece_start;
      const char *piece_end;
      g_autofree char *piece = NULL;

      if ((guchar) *p < 0x80)
        {
          /* ASCII, stable throughout, is skipped eight bytes at a time. */
          p++;
          while (end - p >= 8 && eight_bytes_are_ascii (p))
            p += 8;
          last_stable = p - 1;
          continue;
        }
      if (is_nfc_stable (g_utf8_get_char (p)))
        {
          last_stable = p;
          p = g_utf8_next_char (p);
          continue;
        }

      /* The stable character before a run of others may compose with them (e + U+0301). */
      piece_start = last_stable != NULL && last_stable >= emitted ? last_stable : p;
      piece_end = skip_unstable (p, end);

      if (out == NULL)
        out = g_string_sized_new (len + 16);
      g_string_append_len (out, emitted, piece_start - emitted);
      piece = g_utf8_normalize (piece_start, piece_end - piece_start, G_NORMALIZE_NFC);
      g_string_append (out, piece);

      emitted = p = piece_end;
    }

  if (out == NULL)
    {
      *len_out = len;
      return text;
    }

  g_string_append_len (out, emitted, end - emitted);
  g_free (text);
  *len_out = out->len;
  return g_string_free (out, FALSE);
}

static gboolean
is_blank (const char *text)
{
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (!g_unichar_isspace (c) && c != 0xFEFF)
        return FALSE;
    }
  return TRUE;
}

/* How far @data is from UTF-8: its well-formed multi-byte characters, its bytes that are not
 * part of one, and where the first of those is. */
static void
count_utf8 (const char *data,
            gsize       size,
            gsize      *n_multibyte,
            gsize      *n_invalid,
            gsize      *first_invalid)
{
  const char *p = data;
  const char *end = data + size;

  *n_multibyte = 0;
  *n_invalid = 0;
  *first_invalid = size;
  while (p < end)
    {
      const char *stop;

      if (g_utf8_validate_len (p, end - p, &stop))
        stop = end;
      for (const char *q = p; q < stop; q++)
        *n_multibyte += (guchar) *q >= 0xC0;
      if (stop == end)
        break;
      if (*n_invalid == 0)
        *first_invalid = stop - data;
      (*n_invalid)++;
      p = stop + 1;
    }
}

/* Text whose non-ASCII bytes are nearly all well-formed UTF-8: in Shift_JIS and EUC-JP almost
 * every non-ASCII byte breaks UTF-8, so one stray byte per four characters is already far. */
static gboolean
is_almost_utf8 (gsize n_multibyte,
                gsize n_invalid)
{
  return n_multibyte > 0 && n_invalid * 4 <= n_multibyte;
}

/* Decodes @data as UTF-8, putting U+FFFD for each byte that is not part of a well-formed
 * character and appending its offset to @replaced. */
static char *
replace_invalid_utf8 (const char *data,
                      gsize       size,
                      gsize      *len_out,
                      GArray     *replaced)
{
  GString *out = g_string_sized_new (size + 16);
  const char *p = data;
  const char *end = data + size;

  while (p < end)
    {
      const char *stop;

      if (g_utf8_validate_len (p, end - p, &stop))
        stop = end;
      g_string_append_len (out, p, stop - p);
      if (stop == end)
        break;
      g_string_append (out, "\uFFFD");
      g_array_append_vals (replaced, &(guint64) { stop - data }, 1);
      p = stop + 1;
    }
  *len_out = out->len;
  return g_string_free (out, FALSE);
}

/* Decodes @data with iconv, putting U+FFFD for each byte that starts no character it can
 * read, and appending that byte's offset to @replaced. */
static char *
replace_invalid_iconv (const char *data,
                       gsize       size,
                       const char *iconv_name,
                       gsize      *len_out,
                       GArray     *replaced)
{
  GString *out = g_string_sized_new (size * 3 / 2 + 16);
  GIConv converter = g_iconv_open ("UTF-8", iconv_name);
  char *in_p = (char *) data;
  gsize in_left = size;

  if (converter == (GIConv) -1)
    {
      g_string_free (out, TRUE);
      return NULL;
    }
  while (in_left > 0)
    {
      char buffer[4096];
      char *out_p = buffer;
      gsize out_left = sizeof buffer;
      gsize result = g_iconv (converter, &in_p, &in_left, &out_p, &out_left);
      int saved_errno = errno;

      g_string_append_len (out, buffer, out_p - buffer);
      if (result != (gsize) -1 || saved_errno == E2BIG)
        continue;
      /* EILSEQ, or EINVAL for a character cut off at the end. */
      g_string_append (out, "\uFFFD");
      g_array_append_vals (replaced, &(guint64) { in_p - data }, 1);
      in_p++;
      in_left--;
      g_iconv (converter, NULL, NULL, NULL, NULL);
    }
  g_iconv_close (converter);
  *len_out = out->len;
  return g_string_free (out, FALSE);
}

/* The line and column (both from 1, the column in characters) of byte @offset of @data, read
 * with @iconv_name (NULL: UTF-8); the part before @offset is what decoded. */
static void
locate_offset (const char *data,
               gsize       offset,
               const char *iconv_name,
               gsize      *line,
               gsize      *column)
{
  g_autofree char *converted = NULL;
  const char *prefix = data;
  gsize len = offset;
  gsize bytes_read = 0;
  const char *line_start;

  if (iconv_name != NULL)
    {
      converted = g_convert (data, offset, "UTF-8", iconv_name, &bytes_read, &len, NULL);
      if (converted == NULL)
        len = 0;
      prefix = converted != NULL ? converted : "";
    }
  else if (!g_utf8_validate_len (data, offset, NULL))
    len = 0;

  *line = 1;
  line_start = prefix;
  for (gsize i = 0; i < len; i++)
    if (prefix[i] == '\n' || (prefix[i] == '\r' && (i + 1 == len || prefix[i + 1] != '\n')))
      {
        (*line)++;
        line_start = prefix + i + 1;
      }
  if (*line == 1 && prefix + len - line_start >= 3 && memcmp (line_start, "\xEF\xBB\xBF", 3) == 0)
    line_start += 3;
  *column = g_utf8_strlen (line_start, prefix + len - line_start) + 1;
}

static void
set_encoding_error (GError     **error,
                    const char  *display_name,
                    const char  *encoding_name,
                    const char  *data,
                    gsize        bad_offset,
                    const char  *iconv_name)
{
  gsize line;
  gsize column;

  locate_offset (data, bad_offset, iconv_name, &line, &column);
  g_set_error (error, SHIRABE_ERROR, SHIRABE_ERROR_ENCODING,
               _("“%s” cannot be read as %s: invalid byte at byte %zu (line %zu, column %zu)"),
               display_name, encoding_name, bad_offset, line, column);
}

static void
set_binary_error (GError     **error,
                  const char  *display_name,
                  gsize        offset)
{
  g_set_error (error, SHIRABE_ERROR, SHIRABE_ERROR_BINARY,
               _("“%s” looks like a binary file, not text (a zero byte at byte %zu)"),
               display_name, offset);
}

/* shirabe_text_decode: documented in shirabe-text.h; the detection order is described at the
 * top of this file. */
char *
shirabe_text_decode (const char  *data,
                     gsize        size,
                     const char  *forced_encoding,
                     const char  *display_name,
                     char       **encoding_out,
                     GError     **error)
{
  return shirabe_text_decode_full (data, size, forced_encoding, display_name,
                                   SHIRABE_TEXT_DECODE_STRICT, encoding_out, NULL, error);
}

/* shirabe_text_decode_full: documented in shirabe-text.h. */
char *
shirabe_text_decode_full (const char              *data,
                          gsize                    size,
                          const char              *forced_encoding,
                          const char              *display_name,
                          ShirabeTextDecodeFlags   flags,
                          char                   **encoding_out,
                          GArray                 **replaced_out,
                          GError                 **error)
{
  g_autoptr(GArray) replaced = NULL;
  TextEncoding forced_storage = { NULL, };
  g_autofree char *forced_storage_name = NULL;
  const TextEncoding *encoding = NULL;
  const char *iconv_name = NULL;
  const char *decoded = NULL;
  const char *zero;
  const char *start;
  g_autofree char *text = NULL;
  gboolean utf8_checked = FALSE;
  gsize len = 0;
  gsize bad_offset = 0;
  gssize zero_offset;

  g_return_val_if_fail (data != NULL || size == 0, NULL);
  g_return_val_if_fail (display_name != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (encoding_out != NULL)
    *encoding_out = NULL;
  if (replaced_out != NULL)
    *replaced_out = NULL;

  if (forced_encoding != NULL)
    {
      encoding = resolve_encoding (forced_encoding, data, size,
                                   &forced_storage, &forced_storage_name);
      if (encoding == NULL)
        {
          g_set_error (error, SHIRABE_ERROR, SHIRABE_ERROR_INVALID,
                       _("Cannot read “%s”: “%s” is not a known encoding"),
                       display_name, forced_encoding);
          return NULL;
        }
    }

  if (size == 0)
    {
      g_set_error (error, SHIRABE_ERROR, SHIRABE_ERROR_EMPTY, _("“%s” is empty"), display_name);
      return NULL;
    }

  if (encoding == NULL && size >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    encoding = &utf8_encoding;
  else if (encoding == NULL && size >= 2 && memcmp (data, "\xFF\xFE", 2) == 0)
    encoding = &utf16le_encoding;
  else if (encoding == NULL && size >= 2 && memcmp (data, "\xFE\xFF", 2) == 0)
    encoding = &utf16be_encoding;

  /* A zero code unit never occurs in text; checked before decoding so that a binary file is
   * called binary, not badly encoded. */
  zero_offset = find_zero_unit (data, size, encoding != NULL ? encoding->unit : 1);
  if (zero_offset >= 0)
    {
      set_binary_error (error, display_name, zero_offset);
      return NULL;
    }

  if (encoding == NULL && looks_like_iso_2022_jp (data, size))
    encoding = &iso_2022_jp_encoding;
  else if (encoding == NULL && g_utf8_validate_len (data, size, NULL))
    {
      encoding = &utf8_encoding;
      utf8_checked = TRUE;
    }

  /* UTF-8 is used where it lies, so that the copy below is the only one. */
  if (encoding == &utf8_encoding)
    {
      const char *end;

      if (!utf8_checked && !g_utf8_validate_len (data, size, &end))
        bad_offset = end - data;
      else
        decoded = data;
      len = size;
    }
  else if (encoding != NULL)
    decoded = text = decode_as (encoding, data, size, &len, &iconv_name, &bad_offset);
  else
    {
      gsize n_multibyte, n_invalid, utf8_bad_offset;

      count_utf8 (data, size, &n_multibyte, &n_invalid, &utf8_bad_offset);
      if (is_almost_utf8 (n_multibyte, n_invalid))
        {
          encoding = &utf8_encoding;
          bad_offset = utf8_bad_offset;
          len = size;
        }
      else
        {
          decoded = text = detect_and_decode_japanese (data, size, &encoding, &iconv_name, &len,
                                                       &bad_offset);
          if (decoded == NULL && utf8_bad_offset >= bad_offset)
            {
              encoding = &utf8_encoding;
              bad_offset = utf8_bad_offset;
              len = size;
            }
        }
    }

  if (decoded == NULL && (flags & SHIRABE_TEXT_DECODE_REPLACE_INVALID) != 0)
    {
      replaced = g_array_new (FALSE, FALSE, sizeof (guint64));
      if (encoding == &utf8_encoding)
        decoded = text = replace_invalid_utf8 (data, size, &len, replaced);
      else
        {
          iconv_name = encoding->fallback_name != NULL ? encoding->fallback_name
                                                       : encoding->iconv_name;
          decoded = text = replace_invalid_iconv (data, size, iconv_name, &len, replaced);
        }
    }

  if (decoded == NULL)
    {
      const char *located_with = NULL;

      if (encoding != &utf8_encoding)
        located_with = iconv_name != NULL ? iconv_name : encoding->iconv_name;
      set_encoding_error (error, display_name, encoding->name, data, bad_offset, located_with);
      return NULL;
    }

  /* Only an encoding that can spell U+0000 without a zero unit (UTF-7...) gets here. */
  zero = text != NULL ? memchr (text, '\0', len) : NULL;
  if (zero != NULL)
    {
      set_binary_error (error, display_name, source_offset (data, size, iconv_name, zero - text));
      return NULL;
    }

  start = decoded;
  if (len >= 3 && memcmp (decoded, "\xEF\xBB\xBF", 3) == 0)
    start += 3;
  if (text == NULL)
    text = g_malloc (len + 1);
  len = normalize_newlines (text, start, len - (start - decoded));
  text = normalize_nfc (g_steal_pointer (&text), len, &len);

  if (is_blank (text))
    {
      g_set_error (error, SHIRABE_ERROR, SHIRABE_ERROR_EMPTY, _("“%s” is empty"), display_name);
      return NULL;
    }

  if (encoding_out != NULL)
    *encoding_out = g_strdup (encoding->name);
  if (replaced_out != NULL && replaced != NULL && replaced->len > 0)
    *replaced_out = g_steal_pointer (&replaced);

  return g_steal_pointer (&text);
}
