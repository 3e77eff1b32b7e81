/* shirabe-parallel-view.h: a narrative and its translation side by side, pair by aligned pair
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "shirabe.h"

G_BEGIN_DECLS

#define SHIRABE_TYPE_PARALLEL_VIEW (shirabe_parallel_view_get_type ())

G_DECLARE_FINAL_TYPE (ShirabeParallelView, shirabe_parallel_view, SHIRABE, PARALLEL_VIEW,
                      AdwBin)

void         shirabe_parallel_view_set_project   (ShirabeParallelView *self,
                                                  ShirabeProject      *project);
/* Shades codings in the colours of @codes (element-type ShirabeCode). */
void         shirabe_parallel_view_set_codes     (ShirabeParallelView *self,
                                                  GPtrArray           *codes);
/* Shows @narrative_id (0: none) beside its original, or its first translation beside it. */
void         shirabe_parallel_view_show_narrative (ShirabeParallelView *self,
                                                   gint64               narrative_id);

/* For tests: the pairs shown, and the text of one side of a pair (right: %TRUE). */
guint        shirabe_parallel_view_get_n_pairs   (ShirabeParallelView *self);
GtkTextView *shirabe_parallel_view_get_text_view (ShirabeParallelView *self,
                                                  guint                pair,
                                                  gboolean             right);
/* The narratives shown on the left and on the right, 0 when none. */
gint64       shirabe_parallel_view_get_shown     (ShirabeParallelView *self,
                                                  gboolean             right);
/* Shows @narrative_id on one side, as its drop-down does; the other side follows. */
void         shirabe_parallel_view_choose        (ShirabeParallelView *self,
                                                  gboolean             right,
                                                  gint64               narrative_id);
GtkLabel    *shirabe_parallel_view_get_summary   (ShirabeParallelView *self);

G_END_DECLS
