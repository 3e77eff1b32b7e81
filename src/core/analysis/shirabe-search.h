/* shirabe-search.h: searching the text of every narrative, and coding what is found
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A query is terms, "phrases", OR and -NOT, as a user types them:
 *   借金 旅券          narratives with both; every occurrence of each is a hit
 *   借金 OR 債務        narratives with either (OR binds two neighbours; a chain is one group)
 *   "debt bondage"     a phrase; white space inside matches any run of white space, line breaks
 *                      included
 *   借金 -返済         narratives with 借金 and without 返済
 * A term matches as a substring (as a Japanese reader expects), Latin case ignored; with
 * SHIRABE_SEARCH_WHOLE_WORDS a term of Latin script matches only whole words. With
 * SHIRABE_SEARCH_FOLD_WIDTH full-width and half-width forms are one (ＡＢＣ = ABC,
 * ｶﾀｶﾅ = カタカナ); with SHIRABE_SEARCH_FOLD_KANA hiragana and katakana are one.
 * Hits are reported in the stored text's code points, whatever the folding.
 */
#pragma once

#include <gio/gio.h>

#include "shirabe-project.h"

G_BEGIN_DECLS

typedef enum
{
  SHIRABE_SEARCH_DEFAULT     = 0,
  SHIRABE_SEARCH_WHOLE_WORDS = 1 << 0,
  SHIRABE_SEARCH_FOLD_WIDTH  = 1 << 1,
  SHIRABE_SEARCH_FOLD_KANA   = 1 << 2,
} ShirabeSearchFlags;

typedef struct _ShirabeSearchQuery ShirabeSearchQuery;

#define SHIRABE_TYPE_SEARCH_QUERY (shirabe_search_query_get_type ())

GType               shirabe_search_query_get_type (void) G_GNUC_CONST;
/* Parses @text. An empty query, an unbalanced quote, a query of -NOT terms only, or an OR
 * with nothing on one side is SHIRABE_ERROR_INVALID with a translated message naming it. */
ShirabeSearchQuery *shirabe_search_query_parse    (const char          *text,
                                                   ShirabeSearchFlags   flags,
                                                   GError             **error);
ShirabeSearchQuery *shirabe_search_query_ref      (ShirabeSearchQuery  *self);
void                shirabe_search_query_unref    (ShirabeSearchQuery  *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ShirabeSearchQuery, shirabe_search_query_unref)

#define SHIRABE_TYPE_SEARCH_HIT (shirabe_search_hit_get_type ())

G_DECLARE_FINAL_TYPE (ShirabeSearchHit, shirabe_search_hit, SHIRABE, SEARCH_HIT, GObject)

gint64      shirabe_search_hit_get_narrative_id    (ShirabeSearchHit *self);
const char *shirabe_search_hit_get_narrative_title (ShirabeSearchHit *self);
const char *shirabe_search_hit_get_case_name       (ShirabeSearchHit *self);
/* Code points from the start of the narrative's text; the end not included. */
gint64      shirabe_search_hit_get_start           (ShirabeSearchHit *self);
gint64      shirabe_search_hit_get_end             (ShirabeSearchHit *self);
/* The text found, as stored. */
const char *shirabe_search_hit_get_text            (ShirabeSearchHit *self);
const char *shirabe_search_hit_get_context_before  (ShirabeSearchHit *self);
const char *shirabe_search_hit_get_context_after   (ShirabeSearchHit *self);

#define SHIRABE_TYPE_SEARCH_RESULTS (shirabe_search_results_get_type ())

G_DECLARE_FINAL_TYPE (ShirabeSearchResults, shirabe_search_results, SHIRABE, SEARCH_RESULTS,
                      GObject)

/**
 * shirabe_search_results_new:
 * @context: characters of context on each side of a hit, cut at sentence ends
 *
 * Runs @query over every narrative: a #GListModel of #ShirabeSearchHit in the project's order
 * (case, narrative, start). Positions are found at once; titles and contexts are read as items
 * are asked for. The results do not follow later edits.
 *
 * Returns: (transfer full): the results, or %NULL with @error set
 */
ShirabeSearchResults *shirabe_search_results_new      (ShirabeProject        *project,
                                                       ShirabeSearchQuery    *query,
                                                       gint64                 context,
                                                       GError               **error);
/* How many narratives have hits. */
guint                 shirabe_search_results_get_n_narratives (ShirabeSearchResults *self);

/**
 * ShirabeExpand:
 * @SHIRABE_EXPAND_NONE: code the hit itself
 * @SHIRABE_EXPAND_SENTENCE: code the sentence the hit is in (shirabe-sentence.h)
 * @SHIRABE_EXPAND_PARAGRAPH: code its paragraph (its line)
 */
typedef enum
{
  SHIRABE_EXPAND_NONE,
  SHIRABE_EXPAND_SENTENCE,
  SHIRABE_EXPAND_PARAGRAPH,
} ShirabeExpand;

/**
 * shirabe_project_autocode:
 * @n_added: (out) (optional): codings added
 * @n_skipped: (out) (optional): hits already coded with @code_id by that coder (a coding of
 *   it covers the hit's range, expanded), or expanded to a range another hit gave
 *
 * "Code All Hits": applies @code_id to every hit of @results for the coder named @coder_name
 * (added when new), as one edit: one undo removes every coding it added. Adding nothing is
 * no edit.
 *
 * Returns: %FALSE with @error set, and nothing changed, when the code is not codable, the
 * project is read-only, or the project fails
 */
gboolean shirabe_project_autocode (ShirabeProject        *project,
                                   ShirabeSearchResults  *results,
                                   gint64                 code_id,
                                   const char            *coder_name,
                                   ShirabeExpand          expand,
                                   guint                 *n_added,
                                   guint                 *n_skipped,
                                   GError               **error);

G_END_DECLS
