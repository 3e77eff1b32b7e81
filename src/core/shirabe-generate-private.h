/* shirabe-generate-private.h: the full-text index a generated file gets beside its rows
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "shirabe-generate.h"

G_BEGIN_DECLS

typedef struct _ShirabeFtsBuilder ShirabeFtsBuilder;

/* Opens a private database and starts the indexing thread; NULL with @error set on failure. */
ShirabeFtsBuilder *shirabe_fts_builder_start   (GError            **error);
/* Hands a narrative to the thread, which takes @text (g_free); waits while the queue is full.
 * FALSE with @error set when the thread has failed. */
gboolean           shirabe_fts_builder_push    (ShirabeFtsBuilder  *builder,
                                                gint64              id,
                                                const char         *title,
                                                char               *text,
                                                gsize               n_bytes,
                                                GError            **error);
/* Waits for the thread to index what it was given (@commit) or stops it; TRUE when the index
 * is complete. */
gboolean           shirabe_fts_builder_join    (ShirabeFtsBuilder  *builder,
                                                gboolean            commit,
                                                GError            **error);
/* Puts the index made in place of @project's, still empty, inside its transaction. */
gboolean           shirabe_fts_builder_install (ShirabeFtsBuilder  *builder,
                                                ShirabeProject     *project,
                                                GError            **error);
/* The indexing thread's processor time, in seconds. */
double             shirabe_fts_builder_get_cpu (ShirabeFtsBuilder  *builder);
void               shirabe_fts_builder_free    (ShirabeFtsBuilder  *builder);

G_END_DECLS
