/* shirabe-fold.h: folding text for search, with the way back to the stored positions
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  SHIRABE_FOLD_CASE  = 1 << 0,   /* Latin (and every cased script) to lower case */
  SHIRABE_FOLD_WIDTH = 1 << 1,   /* ＡＢＣ → ABC, ｶﾞ → ガ, the ideographic space → " " */
  SHIRABE_FOLD_KANA  = 1 << 2,   /* ひらがな → ヒラガナ */
} ShirabeFoldFlags;

/* Folds @n_chars code points of @chars. Returns the folded code points (@n_out of them); when
 * @map is not NULL it gets @n_out + 1 offsets into @chars: where each folded code point comes
 * from, and @n_chars at the end, so that a folded range [a, b) is [map[a], map[b]) of the text.
 * Returns: (transfer full) */
gunichar *shirabe_fold (const gunichar   *chars,
                        gsize             n_chars,
                        ShirabeFoldFlags  flags,
                        gsize            *n_out,
                        guint32         **map);

G_END_DECLS
