/* shirabe-passages.h: the coded passages that answer a query, as a lazy list
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A query names codes X (any of them: every coding of one of them is a passage, one per
 * coding, so that two coders' codings of one passage are two passages with their coder), and
 * may narrow them:
 * - all of Y: only the parts of X's codings that are also coded with every Y (the overlap),
 *   or, with SHIRABE_OVERLAP_UNION, X's coding and the Y codings it overlaps taken together;
 * - overlapping Y: X's codings that overlap a coding of any Y, giving the overlap or the union
 *   as for all of;
 * - near Y within N: X's codings with a coding of a Y at most N characters away (or
 *   overlapping), the passage being X's coding;
 * - not Z: X's codings that overlap no coding of any Z;
 * - coders: only codings by these coders (X's and the others' alike);
 * - a ShirabeFilter: only narratives that pass it.
 * Passages come in the project's order: case, narrative, start, end.
 */
#pragma once

#include <gio/gio.h>

#include "shirabe-code.h"
#include "shirabe-export.h"
#include "shirabe-filter.h"
#include "shirabe-project.h"

G_BEGIN_DECLS

typedef enum
{
  SHIRABE_OVERLAP_INTERSECTION,
  SHIRABE_OVERLAP_UNION,
} ShirabeOverlapResult;

typedef struct _ShirabePassageQuery ShirabePassageQuery;

#define SHIRABE_TYPE_PASSAGE_QUERY (shirabe_passage_query_get_type ())

GType                shirabe_passage_query_get_type     (void) G_GNUC_CONST;
ShirabePassageQuery *shirabe_passage_query_new          (void);
ShirabePassageQuery *shirabe_passage_query_ref          (ShirabePassageQuery  *self);
void                 shirabe_passage_query_unref        (ShirabePassageQuery  *self);
/* The codes X; @subtree adds the code's descendants. */
void                 shirabe_passage_query_add_code     (ShirabePassageQuery  *self,
                                                         gint64                code_id,
                                                         gboolean              subtree);
void                 shirabe_passage_query_add_all_of   (ShirabePassageQuery  *self,
                                                         gint64                code_id,
                                                         gboolean              subtree);
void                 shirabe_passage_query_add_overlapping (ShirabePassageQuery *self,
                                                         gint64                code_id,
                                                         gboolean              subtree);
void                 shirabe_passage_query_set_overlap_result (ShirabePassageQuery *self,
                                                         ShirabeOverlapResult  result);
void                 shirabe_passage_query_add_near     (ShirabePassageQuery  *self,
                                                         gint64                code_id,
                                                         gboolean              subtree,
                                                         gint64                distance);
void                 shirabe_passage_query_add_not      (ShirabePassageQuery  *self,
                                                         gint64                code_id,
                                                         gboolean              subtree);
void                 shirabe_passage_query_add_coder    (ShirabePassageQuery  *self,
                                                         gint64                coder_id);
/* The query keeps a reference to @filter (NULL: none). */
void                 shirabe_passage_query_set_filter   (ShirabePassageQuery  *self,
                                                         ShirabeFilter        *filter);
/* Characters of context on each side of a passage, cut at sentence ends (default 0). */
void                 shirabe_passage_query_set_context  (ShirabePassageQuery  *self,
                                                         gint64                n);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ShirabePassageQuery, shirabe_passage_query_unref)

#define SHIRABE_TYPE_PASSAGE (shirabe_passage_get_type ())

G_DECLARE_FINAL_TYPE (ShirabePassage, shirabe_passage, SHIRABE, PASSAGE, GObject)

gint64        shirabe_passage_get_case_id          (ShirabePassage *self);
const char   *shirabe_passage_get_case_name        (ShirabePassage *self);
gint64        shirabe_passage_get_narrative_id     (ShirabePassage *self);
const char   *shirabe_passage_get_narrative_title  (ShirabePassage *self);
/* Code points from the start of the narrative's text; the end not included. */
gint64        shirabe_passage_get_start            (ShirabePassage *self);
gint64        shirabe_passage_get_end              (ShirabePassage *self);
const char   *shirabe_passage_get_text             (ShirabePassage *self);
const char   *shirabe_passage_get_context_before   (ShirabePassage *self);
const char   *shirabe_passage_get_context_after    (ShirabePassage *self);
/* Returns: (element-type gint64) (transfer none): the codes of the codings that make the
 * passage, in the codebook's order, each once */
GArray       *shirabe_passage_get_code_ids         (ShirabePassage *self);
/* The coders' names, ", " between them. */
const char   *shirabe_passage_get_coders           (ShirabePassage *self);
/* The codings' memos, a blank line between them; "" when none. */
const char   *shirabe_passage_get_memo             (ShirabePassage *self);
/* Returns: (element-type gint64) (transfer none): the codings that make the passage */
GArray       *shirabe_passage_get_coding_ids       (ShirabePassage *self);

#define SHIRABE_TYPE_PASSAGE_LIST (shirabe_passage_list_get_type ())

G_DECLARE_FINAL_TYPE (ShirabePassageList, shirabe_passage_list, SHIRABE, PASSAGE_LIST, GObject)

/**
 * shirabe_passage_list_new:
 *
 * Runs @query: a #GListModel of #ShirabePassage. The positions are computed at once (a few
 * bytes per passage); texts, names and contexts are read in pages as items are asked for.
 * The list does not follow later edits: shirabe_passage_list_refresh() runs the query again.
 *
 * Returns: (transfer full): the list, or %NULL with @error set
 */
ShirabePassageList *shirabe_passage_list_new             (ShirabeProject       *project,
                                                          ShirabePassageQuery  *query,
                                                          GError              **error);
/* Runs the query again and reports the change as one "items-changed". */
gboolean            shirabe_passage_list_refresh         (ShirabePassageList   *self,
                                                          GError              **error);
/* How many narratives and cases the passages are in. */
guint               shirabe_passage_list_get_n_narratives (ShirabePassageList  *self);
guint               shirabe_passage_list_get_n_cases     (ShirabePassageList   *self);
/* Lets go of the items read before @position (those still referenced elsewhere stay alive), so
 * that a writer going through the list once keeps constant memory; asked for again, they are
 * read again. */
void                shirabe_passage_list_forget_before   (ShirabePassageList   *self,
                                                          guint                 position);
/* Items read from the project so far (for tests and benchmarks of the laziness). */
guint               shirabe_passage_list_get_n_loaded    (ShirabePassageList   *self);

/* The list as a quote list for a paper, one row per passage: case, narrative, codes, coders,
 * start, end, passage, context before, context after, memo, then one column per case
 * attribute. @options gives the format (SHIRABE_EXPORT_XLSX or _CSV: one file when @path ends
 * in .csv, else passages.csv in the folder @path), the labels' language, the header, the
 * choices, max_chars, guard_formulas, no_bom and force as for the statistics export; the
 * other fields are not used. The target is checked as every export's is
 * (shirabe_output_check_target()). */
gboolean            shirabe_passage_list_export          (ShirabePassageList   *self,
                                                          const char           *path,
                                                          const ShirabeExportOptions *options,
                                                          GError              **error);

G_END_DECLS
