/* shirabe-narrative-private.h: reading narratives, for the core's own files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <sqlite3.h>

#include "shirabe-narrative.h"

G_BEGIN_DECLS

/* The columns shirabe_narrative_from_row() reads, from `narrative n JOIN cases c`. */
#define SHIRABE_NARRATIVE_COLUMNS \
  "n.id, n.uuid, n.case_id, c.name, n.title, n.language, n.kind, n.length, n.sha256," \
  " n.origin_file, n.origin_encoding, n.translation_of, n.status, n.memo, n.position," \
  " n.created_at, (SELECT count(*) FROM coding g WHERE g.narrative_id = n.id)," \
  " n.origin_sha256"

ShirabeNarrative *shirabe_narrative_from_row (sqlite3_stmt *stmt);

/* As shirabe_project_add_narrative(), within an edit the caller holds, leaving the full-text
 * index to the caller: a batch feeds it, with shirabe_project_fts_index_between(), before
 * the edit ends. The text's SHA-256 and length in code points may be given (a reading thread
 * worked them out), or NULL and -1. */
gint64            shirabe_project_add_narrative_unindexed (ShirabeProject              *project,
                                                           const ShirabeNarrativeSpec  *spec,
                                                           const char                  *text_sha256,
                                                           gint64                       text_length,
                                                           GError                     **error);
/* Indexes every narrative whose id is greater than @after_id and at most @up_to_id, in one
 * statement. */
gboolean          shirabe_project_fts_index_between       (ShirabeProject  *project,
                                                           gint64           after_id,
                                                           gint64           up_to_id,
                                                           GError         **error);

G_END_DECLS
