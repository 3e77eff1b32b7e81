/* shirabe-sentence.c: sentences and paragraphs of a narrative's text
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "shirabe-sentence.h"

gboolean
shirabe_sentence_is_mark (gunichar c)
{
  switch (c)
    {
    case 0x3002: /* 。 */
    case 0xFF01: /* ！ */
    case 0xFF1F: /* ？ */
    case 0xFF61: /* ｡ */
    case 0xFF0E: /* ． */
    case '.':
    case '!':
    case '?':
      return TRUE;
    default:
      return FALSE;
    }
}

/* Marks that end a sentence wherever they stand, with no space after them. */
static gboolean
is_cjk_mark (gunichar c)
{
  return c == 0x3002 || c == 0xFF01 || c == 0xFF1F || c == 0xFF61;
}

/* Closing quotes and brackets that belong to the sentence they close. */
static gboolean
is_closer (gunichar c)
{
  switch (g_unichar_type (c))
    {
    case G_UNICODE_CLOSE_PUNCTUATION:
    case G_UNICODE_FINAL_PUNCTUATION:
      return TRUE;
    default:
      return c == '"' || c == '\'';
    }
}

static gboolean
is_space (gunichar c)
{
  return c != '\n' && g_unichar_isspace (c);
}

static gint64
clamp_offset (gint64 offset,
              gint64 n_chars)
{
  return CLAMP (offset, 0, n_chars);
}

/* When a sentence ends right before @i (a mark and its closers end at @i - 1), returns TRUE.
 * A line break ends the sentence before it too. */
static gboolean
sentence_ends_before (const gunichar *chars,
                      gint64          n_chars,
                      gint64          i)
{
  gint64 j = i;

  if (i <= 0)
    return FALSE;
  if (chars[i - 1] == '\n')
    return TRUE;
  if (i < n_chars && chars[i] == '\n')
    return TRUE;
  /* Closers after a mark belong to it: a sentence cannot end before a closer. */
  if (i < n_chars && is_closer (chars[i]))
    return FALSE;
  while (j > 0 && is_closer (chars[j - 1]))
    j--;
  if (j == 0 || !shirabe_sentence_is_mark (chars[j - 1]))
    return FALSE;
  if (is_cjk_mark (chars[j - 1]))
    {
      /* 。。 or ！？ end once, after the last. */
      return i >= n_chars || !shirabe_sentence_is_mark (chars[i]);
    }
  /* . ! ? end a sentence before white space or the end of the text; a period before a word
   * in lower case ("the U.S. in 2004", "approx. ten") ends none. */
  if (i >= n_chars)
    return TRUE;
  if (!g_unichar_isspace (chars[i]))
    return FALSE;
  if (chars[j - 1] == '.' || chars[j - 1] == 0xFF0E)
    {
      gint64 k = i;

      while (k < n_chars && is_space (chars[k]))
        k++;
      if (k < n_chars && g_unichar_islower (chars[k]))
        return FALSE;
    }
  return TRUE;
}

/* The first offset of the sentence that holds @i. */
static gint64
sentence_start (const gunichar *chars,
                gint64          n_chars,
                gint64          i)
{
  while (i > 0 && !sentence_ends_before (chars, n_chars, i))
    i--;
  return i;
}

/* The offset just past the sentence that holds @i (its mark and closers included). */
static gint64
sentence_end (const gunichar *chars,
              gint64          n_chars,
              gint64          i)
{
  i++;
  while (i < n_chars && !sentence_ends_before (chars, n_chars, i))
    i++;
  return MIN (i, n_chars);
}

static void
trim (const gunichar *chars,
      gint64         *start,
      gint64         *end)
{
  while (*start < *end && (g_unichar_isspace (chars[*start])))
    (*start)++;
  while (*end > *start && (g_unichar_isspace (chars[*end - 1])))
    (*end)--;
}

void
shirabe_sentence_bounds_ucs4 (const gunichar *chars,
                              gint64          n_chars,
                              gint64          start,
                              gint64          end,
                              gint64         *out_start,
                              gint64         *out_end)
{
  gint64 s, e;

  start = clamp_offset (start, n_chars);
  end = clamp_offset (MAX (start, end), n_chars);
  /* Leading white space of the passage belongs to no sentence. */
  while (start < end && g_unichar_isspace (chars[start]))
    start++;
  while (end > start && g_unichar_isspace (chars[end - 1]))
    end--;
  s = sentence_start (chars, n_chars, start);
  e = end > start ? sentence_end (chars, n_chars, end - 1)
                  : (start < n_chars ? sentence_end (chars, n_chars, start) : n_chars);
  trim (chars, &s, &e);
  if (e < s)
    e = s;
  *out_start = s;
  *out_end = e;
}

void
shirabe_paragraph_bounds_ucs4 (const gunichar *chars,
                               gint64          n_chars,
                               gint64          start,
                               gint64          end,
                               gint64         *out_start,
                               gint64         *out_end)
{
  gint64 s, e;

  start = clamp_offset (start, n_chars);
  end = clamp_offset (MAX (start, end), n_chars);
  s = start;
  while (s > 0 && chars[s - 1] != '\n')
    s--;
  e = end > start ? end - 1 : end;
  while (e < n_chars && chars[e] != '\n')
    e++;
  trim (chars, &s, &e);
  *out_start = s;
  *out_end = MAX (s, e);
}

void
shirabe_sentence_context_ucs4 (const gunichar *chars,
                               gint64          n_chars,
                               gint64          start,
                               gint64          end,
                               gint64          n,
                               gint64         *out_start,
                               gint64         *out_end)
{
  gint64 s, e, limit;

  start = clamp_offset (start, n_chars);
  end = clamp_offset (MAX (start, end), n_chars);
  n = MAX (n, 0);

  /* Before: back to the line's start or @n, then forward to the first sentence start. */
  limit = MAX (0, start - n);
  s = start;
  while (s > limit && chars[s - 1] != '\n')
    s--;
  if (s > 0 && chars[s - 1] != '\n')
    {
      gint64 i;

      for (i = s; i < start; i++)
        if (sentence_ends_before (chars, n_chars, i))
          break;
      if (i < start)
        s = i;
    }
  while (s < start && is_space (chars[s]))
    s++;

  /* After: forward to the line's end or @n, then back to the last sentence end. */
  limit = MIN (n_chars, end + n);
  e = end;
  while (e < limit && chars[e] != '\n')
    e++;
  if (e < n_chars && chars[e] != '\n')
    {
      gint64 i;

      for (i = e; i > end; i--)
        if (sentence_ends_before (chars, n_chars, i))
          break;
      if (i > end)
        e = i;
    }
  while (e > end && is_space (chars[e - 1]))
    e--;

  *out_start = s;
  *out_end = e;
}

typedef void (*BoundsFunc) (const gunichar *, gint64, gint64, gint64, gint64 *, gint64 *);

static void
with_ucs4 (const char *text,
           gint64      start,
           gint64      end,
           BoundsFunc  func,
           gint64     *out_start,
           gint64     *out_end)
{
  glong n_chars = 0;
  g_autofree gunichar *chars = g_utf8_to_ucs4_fast (text, -1, &n_chars);

  func (chars, n_chars, start, end, out_start, out_end);
}

void
shirabe_sentence_bounds (const char *text,
                         gint64      start,
                         gint64      end,
                         gint64     *out_start,
                         gint64     *out_end)
{
  with_ucs4 (text, start, end, shirabe_sentence_bounds_ucs4, out_start, out_end);
}

void
shirabe_paragraph_bounds (const char *text,
                          gint64      start,
                          gint64      end,
                          gint64     *out_start,
                          gint64     *out_end)
{
  with_ucs4 (text, start, end, shirabe_paragraph_bounds_ucs4, out_start, out_end);
}

void
shirabe_sentence_context (const char *text,
                          gint64      start,
                          gint64      end,
                          gint64      n,
                          gint64     *out_start,
                          gint64     *out_end)
{
  glong n_chars = 0;
  g_autofree gunichar *chars = g_utf8_to_ucs4_fast (text, -1, &n_chars);

  shirabe_sentence_context_ucs4 (chars, n_chars, start, end, n, out_start, out_end);
}
