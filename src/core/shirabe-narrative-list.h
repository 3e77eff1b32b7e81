/* shirabe-narrative-list.h: the project's narratives as a lazy, filtered list model
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "shirabe-filter.h"
#include "shirabe-narrative.h"

G_BEGIN_DECLS

#define SHIRABE_TYPE_NARRATIVE_ROW (shirabe_narrative_row_get_type ())

G_DECLARE_FINAL_TYPE (ShirabeNarrativeRow, shirabe_narrative_row, SHIRABE, NARRATIVE_ROW, GObject)

/* TRUE for a case's heading row, FALSE for a narrative. */
gboolean                shirabe_narrative_row_is_case         (ShirabeNarrativeRow *self);
/* The narrative's id; 0 for a case row. */
gint64                  shirabe_narrative_row_get_id          (ShirabeNarrativeRow *self);
gint64                  shirabe_narrative_row_get_case_id     (ShirabeNarrativeRow *self);
const char             *shirabe_narrative_row_get_case_name   (ShirabeNarrativeRow *self);
const char             *shirabe_narrative_row_get_title       (ShirabeNarrativeRow *self);
ShirabeCodingStatus     shirabe_narrative_row_get_status      (ShirabeNarrativeRow *self);
guint                   shirabe_narrative_row_get_n_codings   (ShirabeNarrativeRow *self);
/* For a case row: how many of the case's narratives the list shows. */
guint                   shirabe_narrative_row_get_n_narratives (ShirabeNarrativeRow *self);
/* Returns: (transfer none) (nullable): everything but the text; %NULL for a case row */
const ShirabeNarrative *shirabe_narrative_row_get_narrative   (ShirabeNarrativeRow *self);

#define SHIRABE_TYPE_NARRATIVE_LIST (shirabe_narrative_list_get_type ())

G_DECLARE_FINAL_TYPE (ShirabeNarrativeList, shirabe_narrative_list, SHIRABE, NARRATIVE_LIST, GObject)

/* No status filter: narratives of every coding status are listed. */
#define SHIRABE_NARRATIVE_LIST_ANY_STATUS (-1)

/**
 * shirabe_narrative_list_new:
 * @with_cases: put a case row before each case's narratives
 *
 * A #GListModel of #ShirabeNarrativeRow in the project's order (cases, then narratives by
 * position). Only the ids are read up front; rows are read in pages as they are asked for,
 * and the list follows the project's "changed" signal with the smallest "items-changed" it can.
 *
 * Returns: (transfer full): the list, or %NULL with @error set
 */
ShirabeNarrativeList *shirabe_narrative_list_new          (ShirabeProject        *project,
                                                           gboolean               with_cases,
                                                           GError               **error);
ShirabeProject       *shirabe_narrative_list_get_project  (ShirabeNarrativeList  *self);
/* Shows only narratives whose title or case name contains @text, ignoring case and width
 * (NFKC); %NULL or "" shows all. */
gboolean              shirabe_narrative_list_set_filter   (ShirabeNarrativeList  *self,
                                                           const char            *text,
                                                           GError               **error);
const char           *shirabe_narrative_list_get_filter   (ShirabeNarrativeList  *self);
/* Shows only narratives of @status (a ShirabeCodingStatus), or of any with
 * SHIRABE_NARRATIVE_LIST_ANY_STATUS. */
gboolean              shirabe_narrative_list_set_status_filter (ShirabeNarrativeList *self,
                                                                int                   status,
                                                                GError              **error);
int                   shirabe_narrative_list_get_status_filter (ShirabeNarrativeList *self);
/* Shows only narratives that pass @filter (its attribute, code, language, kind and status
 * conditions, together with the text and status filters); %NULL shows all. The list keeps a
 * reference; a filter changed afterwards takes effect at the next refresh. */
gboolean              shirabe_narrative_list_set_query_filter (ShirabeNarrativeList *self,
                                                               ShirabeFilter        *filter,
                                                               GError              **error);
/* Returns: (transfer none) (nullable) */
ShirabeFilter        *shirabe_narrative_list_get_query_filter (ShirabeNarrativeList *self);
/* Reads the ids again and reports what changed; the "changed" signal does this itself. */
gboolean              shirabe_narrative_list_refresh      (ShirabeNarrativeList  *self,
                                                           GError               **error);
/* Narratives listed (case rows not counted). */
guint                 shirabe_narrative_list_get_n_narratives (ShirabeNarrativeList *self);
/* The position of narrative @narrative_id, or G_MAXUINT when it is not listed. */
guint                 shirabe_narrative_list_find         (ShirabeNarrativeList  *self,
                                                           gint64                 narrative_id);
/* Rows read from the project so far (for tests and benchmarks of the laziness). */
guint                 shirabe_narrative_list_get_n_loaded (ShirabeNarrativeList  *self);

G_END_DECLS
