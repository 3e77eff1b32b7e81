/* shirabe-coding-view.h: a text view that draws coded passages as translucent bands
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "shirabe.h"
#include "shirabe-code-item.h"

G_BEGIN_DECLS

#define SHIRABE_TYPE_CODING_VIEW (shirabe_coding_view_get_type ())

G_DECLARE_FINAL_TYPE (ShirabeCodingView, shirabe_coding_view, SHIRABE, CODING_VIEW, GtkTextView)

/* Takes the colours and labels of @codes (element-type ShirabeCode), labels in @language. */
void                 shirabe_coding_view_set_codes       (ShirabeCodingView    *self,
                                                          GPtrArray            *codes,
                                                          ShirabeLabelLanguage  language);
/* Shows @codings (element-type ShirabeCoding, sorted by start); the view takes them. */
void                 shirabe_coding_view_set_codings     (ShirabeCodingView    *self,
                                                          GPtrArray            *codings);
/* Drops the codings of ids @removed and of the ids in @added, then shows those of @added
 * (element-type ShirabeCoding; the view takes them): one coding added or changed costs no
 * reading of the others. */
void                 shirabe_coding_view_update_codings  (ShirabeCodingView    *self,
                                                          GArray               *removed,
                                                          GPtrArray            *added);
/* Returns: (transfer none) (element-type ShirabeCoding): the codings shown, by start */
GPtrArray           *shirabe_coding_view_get_codings     (ShirabeCodingView    *self);
/* Returns: (transfer container) (element-type ShirabeCoding): the codings that cover the
 * character at @offset, in column order */
GPtrArray           *shirabe_coding_view_get_codings_at  (ShirabeCodingView    *self,
                                                          gint64                offset);
const ShirabeCoding *shirabe_coding_view_find_coding     (ShirabeCodingView    *self,
                                                          gint64                coding_id);
/* The column of the coding's stripe: overlapping codings have different ones. */
guint                shirabe_coding_view_get_column      (ShirabeCodingView    *self,
                                                          guint                 index);
/* The index of the next coding in the same column, G_MAXUINT for none. */
guint                shirabe_coding_view_get_next_in_column (ShirabeCodingView *self,
                                                             guint              index);
guint                shirabe_coding_view_get_n_columns   (ShirabeCodingView    *self);
/* Whether the codings shown are of more than one coder: then stripes and tooltips name them. */
gboolean             shirabe_coding_view_has_several_coders (ShirabeCodingView *self);
/* The label and colour of @code_id as shown; NULL and FALSE for an unknown code. */
const char          *shirabe_coding_view_get_code_label  (ShirabeCodingView    *self,
                                                          gint64                code_id);
gboolean             shirabe_coding_view_get_code_color  (ShirabeCodingView    *self,
                                                          gint64                code_id,
                                                          GdkRGBA              *color);
/* Whether a band of @code_id is drawn over the character at @offset. */
gboolean             shirabe_coding_view_code_covers     (ShirabeCodingView    *self,
                                                          gint64                code_id,
                                                          gint64                offset);
/* The range of codings drawn, in code points: [@start, @end); FALSE when none. */
gboolean             shirabe_coding_view_get_visible_range (ShirabeCodingView  *self,
                                                            GtkTextIter        *start,
                                                            GtkTextIter        *end);
/* "Debt bondage — Aiko", one line per coding in @codings; "Debt bondage — coded by Aiko Kato"
 * when the codings shown are of several coders. */
char                *shirabe_coding_view_describe        (ShirabeCodingView    *self,
                                                          GPtrArray            *codings);

G_END_DECLS
