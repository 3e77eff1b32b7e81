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

G_END_DECLS
