/* shirabe-fold.c: folding text for search, with the way back to the stored positions
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "shirabe-fold.h"

/* The fullwidth form of a halfwidth katakana or sign (U+FF61–U+FF9F), from its compatibility
 * decomposition; the voiced sound marks become their combining forms (U+3099, U+309A). */
static gunichar
widen_halfwidth (gunichar c)
{
  gunichar decomposed[G_UNICHAR_MAX_DECOMPOSITION_LENGTH];
  gsize n = g_unichar_fully_decompose (c, TRUE, decomposed, G_N_ELEMENTS (decomposed));

  if (n != 1)
    return c;
  if (decomposed[0] == 0x309B)
    return 0x3099;
  if (decomposed[0] == 0x309C)
    return 0x309A;
  return decomposed[0];
}

static gunichar
fold_one (gunichar         c,
          ShirabeFoldFlags flags)
{
  if (flags & SHIRABE_FOLD_WIDTH)
    {
      if (c >= 0xFF01 && c <= 0xFF5E)
        c -= 0xFF01 - 0x21;
      else if (c == 0x3000)
        c = ' ';
      else if (c >= 0xFF61 && c <= 0xFF9F)
        c = widen_halfwidth (c);
    }
  if (flags & SHIRABE_FOLD_KANA)
    {
      if ((c >= 0x3041 && c <= 0x3096) || c == 0x309D || c == 0x309E)
        c += 0x60;
    }
  if (flags & SHIRABE_FOLD_CASE)
    c = g_unichar_tolower (c);
  return c;
}

gunichar *
shirabe_fold (const gunichar   *chars,
              gsize             n_chars,
              ShirabeFoldFlags  flags,
              gsize            *n_out,
              guint32         **map)
{
  gunichar *out = g_new (gunichar, n_chars + 1);
  guint32 *offsets = map != NULL ? g_new (guint32, n_chars + 1) : NULL;
  gsize n = 0;

  for (gsize i = 0; i < n_chars; i++)
    {
      gunichar c = fold_one (chars[i], flags);

      /* A combining voiced mark after a kana composes with it: ｶﾞ (two code points) → ガ. */
      if ((flags & SHIRABE_FOLD_WIDTH) && (c == 0x3099 || c == 0x309A) && n > 0)
        {
          gunichar composed = 0;

          if (g_unichar_compose (out[n - 1], c, &composed))
            {
              out[n - 1] = fold_one (composed, flags);
              continue;
            }
        }
      if (offsets != NULL)
        offsets[n] = (guint32) i;
      out[n++] = c;
    }
  if (offsets != NULL)
    {
      offsets[n] = (guint32) n_chars;
      *map = offsets;
    }
  out[n] = 0;
  *n_out = n;
  return out;
}
