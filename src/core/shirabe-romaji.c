/* shirabe-romaji.c: Japanese text read out in Latin letters, for variable names
 *
 * A code labelled only in Japanese (借金による拘束) needs an ASCII variable name for R, SPSS
 * and Stata. Rather than `code_12`, Shirabe reads the label out in romaji with KAKASI
 * (shakkin niyoru kousoku → shakkin_niyoru_kousoku), which converts kanji through its
 * dictionary, and kana and full-width letters by rule.
 *
 * KAKASI reads EUC-JP and keeps its options and dictionary in global state, so every call
 * goes through one lock, with the text converted first; characters EUC-JP lacks become spaces.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "shirabe-romaji-private.h"

#include <string.h>

#include <libkakasi.h>

static GMutex kakasi_lock;
static gboolean kakasi_ready;

/* Whether @text has a character of the Japanese scripts: Han, Hiragana, Katakana, or a
 * full-width form. */
gboolean
shirabe_text_has_japanese (const char *text)
{
  if (text == NULL)
    return FALSE;
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      GUnicodeScript script = g_unichar_get_script (c);

      if (script == G_UNICODE_SCRIPT_HAN || script == G_UNICODE_SCRIPT_HIRAGANA ||
          script == G_UNICODE_SCRIPT_KATAKANA || (c >= 0xff01 && c <= 0xff5e))
        return TRUE;
    }
  return FALSE;
}

/**
 * shirabe_romanize:
 * @text: UTF-8 text, Japanese or not
 *
 * Returns: (transfer full): @text with its Japanese read out in lower-case romaji, words
 *   separated by spaces; other ASCII kept; anything else a space
 */
char *
shirabe_romanize (const char *text)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&kakasi_lock);
  g_autofree char *euc = NULL;
  g_autofree char *nfkc = NULL;
  GString *out;
  char *romaji;

  g_return_val_if_fail (text != NULL, NULL);

  if (!kakasi_ready)
    {
      /* Kanji, hiragana, katakana and full-width ASCII to ASCII; words split by spaces. */
      char *argv[] = { (char *) "kakasi", (char *) "-ieuc", (char *) "-Ja", (char *) "-Ha",
                       (char *) "-Ka", (char *) "-Ea", (char *) "-s", NULL };

      kakasi_getopt_argv (G_N_ELEMENTS (argv) - 1, argv);
      kakasi_ready = TRUE;
    }
  /* NFKC first: half-width katakana and full-width letters become what the dictionary
   * knows. */
  nfkc = g_utf8_normalize (text, -1, G_NORMALIZE_ALL_COMPOSE);
  euc = g_convert_with_fallback (nfkc != NULL ? nfkc : text, -1, "EUC-JP", "UTF-8", " ", NULL,
                                 NULL, NULL);
  if (euc == NULL)
    return g_strdup ("");
  romaji = kakasi_do (euc);
  if (romaji == NULL)
    return g_strdup ("");
  out = g_string_new (NULL);
  for (const char *p = romaji; *p != '\0'; p++)
    {
      /* "^" marks a long vowel (パスポート → pasupo^to): the vowel is enough. */
      if (*p == '^')
        continue;
      if ((guchar) *p < 0x80 && g_ascii_isprint (*p))
        g_string_append_c (out, g_ascii_tolower (*p));
      else
        g_string_append_c (out, ' ');
    }
  kakasi_free (romaji);
  return g_string_free (out, FALSE);
}
