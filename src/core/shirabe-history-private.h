/* shirabe-history-private.h: how the project feeds and replays its history
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "shirabe-history.h"

G_BEGIN_DECLS

ShirabeHistory *shirabe_history_new       (void);

/* Records one edit: takes @changeset (from sqlite3session_changeset, freed with sqlite3_free). */
void            shirabe_history_push      (ShirabeHistory *self,
                                           const char     *label,
                                           int             n_changeset,
                                           void           *changeset);

/* As push, but when the newest step was pushed with the same @merge_key (non-NULL) and nothing
 * was undone since, @changeset joins that step instead of making a new one. */
void            shirabe_history_push_merging (ShirabeHistory *self,
                                              const char     *label,
                                              const char     *merge_key,
                                              int             n_changeset,
                                              void           *changeset);

/* The step undo (or redo) would replay; the changeset as recorded, not inverted. */
gboolean        shirabe_history_peek      (ShirabeHistory *self,
                                           gboolean        redo,
                                           int            *n_changeset,
                                           void          **changeset);

/* Removes the newest undo step and hands it over: its label (g_free) and its changeset
 * (sqlite3_free). A worker's connection records an edit this way for the window's history. */
gboolean        shirabe_history_pop       (ShirabeHistory  *self,
                                           char           **label,
                                           int             *n_changeset,
                                           void           **changeset);

/* Moves the top step from the undo stack to the redo stack, or back. */
void            shirabe_history_move      (ShirabeHistory *self,
                                           gboolean        redo);

G_END_DECLS
