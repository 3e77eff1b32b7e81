/* shirabe-sentence.h: sentences and paragraphs of a narrative's text
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Offsets count code points from the start of the text, as everywhere in Shirabe; ranges are
 * [start, end). Texts are stored with LF line breaks, so a paragraph is a line.
 *
 * A sentence ends after 。！？｡ (Japanese ends wherever they stand), after . ! ? ．
 * followed by white space or the end of the text (so "3.5" does not end one; nor does a period
 * before a word in lower case, as in "the U.S. in 2004"), and at
 * a line break; closing quotes and brackets right after the mark (」』）)"' and the like) belong to
 * the sentence they close.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* TRUE for the marks that can end a sentence: 。！？｡．.!? */
gboolean shirabe_sentence_is_mark     (gunichar     c);

/* The sentence or sentences covering [@start, @end) of @text, without white space at either
 * edge. @end may equal @start (a position). Offsets past the text are clamped to it. */
void     shirabe_sentence_bounds      (const char  *text,
                                       gint64       start,
                                       gint64       end,
                                       gint64      *out_start,
                                       gint64      *out_end);

/* The line or lines covering [@start, @end), without white space at either edge. */
void     shirabe_paragraph_bounds     (const char  *text,
                                       gint64       start,
                                       gint64       end,
                                       gint64      *out_start,
                                       gint64      *out_end);

/* Context for the passage [@start, @end): at most @n code points on each side, cut at
 * sentence ends: the context before begins at the first sentence that starts inside those @n,
 * the context after ends with the last sentence that ends inside them; when no sentence
 * starts (or ends) inside, the cut falls at @n. Never crosses a line break, so a passage's
 * context is of its own paragraph. @n of 0 gives the passage itself. */
void     shirabe_sentence_context     (const char  *text,
                                       gint64       start,
                                       gint64       end,
                                       gint64       n,
                                       gint64      *out_start,
                                       gint64      *out_end);

/* The same over a text already turned into code points, for callers that ask many times of
 * one text: @chars holds @n_chars code points. */
void     shirabe_sentence_bounds_ucs4   (const gunichar *chars,
                                         gint64          n_chars,
                                         gint64          start,
                                         gint64          end,
                                         gint64         *out_start,
                                         gint64         *out_end);
void     shirabe_paragraph_bounds_ucs4  (const gunichar *chars,
                                         gint64          n_chars,
                                         gint64          start,
                                         gint64          end,
                                         gint64         *out_start,
                                         gint64         *out_end);
void     shirabe_sentence_context_ucs4  (const gunichar *chars,
                                         gint64          n_chars,
                                         gint64          start,
                                         gint64          end,
                                         gint64          n,
                                         gint64         *out_start,
                                         gint64         *out_end);

G_END_DECLS
