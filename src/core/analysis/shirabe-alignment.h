/* shirabe-alignment.h: a translation's paragraphs aligned with its original's
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "shirabe-project.h"

G_BEGIN_DECLS

/* A paragraph of a text, in code points: [start, end), its trailing line breaks excluded. */
typedef struct
{
  gint64 start;
  gint64 end;
} ShirabeParagraph;

/* One aligned pair: paragraphs first…last (from 0, inclusive) of each side, and the stretch of
 * text they cover, from the first's start to the last's end. */
typedef struct
{
  guint  original_first;
  guint  original_last;
  guint  translation_first;
  guint  translation_last;
  gint64 original_start;
  gint64 original_end;
  gint64 translation_start;
  gint64 translation_end;
} ShirabeAlignedPair;

typedef struct
{
  gint64  original_id;
  gint64  translation_id;
  GArray *original_paragraphs;     /* ShirabeParagraph */
  GArray *translation_paragraphs;  /* ShirabeParagraph */
  GArray *pairs;                   /* ShirabeAlignedPair, in order; none when a side is empty */
  gboolean adjusted;               /* stored anchors; FALSE: paragraphs paired by order */
} ShirabeAlignment;

#define SHIRABE_TYPE_ALIGNMENT (shirabe_alignment_get_type ())

GType             shirabe_alignment_get_type       (void) G_GNUC_CONST;
ShirabeAlignment *shirabe_alignment_copy           (const ShirabeAlignment *self);
void              shirabe_alignment_free           (ShirabeAlignment       *self);

/* Returns: (element-type ShirabeParagraph): the paragraphs of @text (blank lines part them;
 * a text without a blank line has a paragraph per line) */
GArray           *shirabe_text_paragraphs          (const char             *text);

/* Pairs the paragraphs of two texts from the starts of the pairs (code points, as stored), or
 * by order when @n_anchors is 0. For tests and for the project's functions below. */
ShirabeAlignment *shirabe_alignment_new            (const char             *original_text,
                                                    const char             *translation_text,
                                                    const gint64           *original_starts,
                                                    const gint64           *translation_starts,
                                                    guint                   n_anchors);

/* The pair holding code point @offset of one side, or -1 when it is in no pair (before the
 * first paragraph it belongs to the first pair, between paragraphs to the next one's). */
int               shirabe_alignment_find_pair      (const ShirabeAlignment *self,
                                                    gboolean                translation_side,
                                                    gint64                  offset);

/* The alignment of @translation_id with the narrative it is a translation of. */
ShirabeAlignment *shirabe_project_get_alignment    (ShirabeProject         *project,
                                                    gint64                  translation_id,
                                                    GError                **error);
/* Joins pair @pair (from 0) with the pair after it: one undo step. */
gboolean          shirabe_project_join_aligned_pairs (ShirabeProject       *project,
                                                      gint64                translation_id,
                                                      guint                 pair,
                                                      GError              **error);
/* Splits a pair so that a new one begins at paragraph @original_paragraph of the original and
 * @translation_paragraph of the translation (from 0; both inside one pair, neither its
 * first): one undo step. */
gboolean          shirabe_project_split_aligned_pair (ShirabeProject       *project,
                                                      gint64                translation_id,
                                                      guint                 original_paragraph,
                                                      guint                 translation_paragraph,
                                                      GError              **error);
/* Forgets the adjustments: paragraphs are paired by order again (one undo step). */
gboolean          shirabe_project_reset_alignment  (ShirabeProject         *project,
                                                    gint64                  translation_id,
                                                    GError                **error);

/* Returns: (element-type ShirabeNarrative): the translations of @narrative_id, in their
 * case's order */
GPtrArray        *shirabe_project_list_translations (ShirabeProject        *project,
                                                     gint64                 narrative_id,
                                                     GError               **error);

/* Carries a coding to the aligned pair of the other side ("Code the Translation Too"): the same
 * code and coder over the paragraphs aligned with those the coding touches, marked as carried
 * from it. @target_id is the coding's narrative's original or one of its translations; 0 picks
 * the original, or the only translation. One undo step.
 *
 * Returns: the new coding's id, or 0 with @error set */
gint64            shirabe_project_carry_coding     (ShirabeProject         *project,
                                                    gint64                  coding_id,
                                                    gint64                  target_id,
                                                    GError                **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ShirabeAlignment, shirabe_alignment_free)

G_END_DECLS
