/* shirabe-passages-private.h: a passage query's answer as positions, for the core and tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "shirabe-passages.h"

G_BEGIN_DECLS

typedef struct
{
  gint64 narrative_id;
  gint64 start;
  gint64 end;
  guint  first_coding;   /* index into the coding ids */
  guint  n_codings;
} ShirabePassageSpan;

/* Runs @query: @out_spans (ShirabePassageSpan) in the project's order, their codings'
 * ids (gint64, ascending within a passage) in @out_coding_ids. */
gboolean shirabe_passage_query_run (const ShirabePassageQuery *query,
                                    ShirabeProject            *project,
                                    GArray                   **out_spans,
                                    GArray                   **out_coding_ids,
                                    guint                     *out_n_narratives,
                                    guint                     *out_n_cases,
                                    GError                   **error);

gint64   shirabe_passage_query_get_context (const ShirabePassageQuery *query);

ShirabeProject *shirabe_passage_list_get_project (ShirabePassageList *self);

G_END_DECLS
