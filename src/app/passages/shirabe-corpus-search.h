/* shirabe-corpus-search.h: searching the text of every narrative, with "Code All Hits"
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "shirabe.h"
#include "shirabe-code-item.h"
#include "shirabe-search.h"

G_BEGIN_DECLS

#define SHIRABE_TYPE_CORPUS_SEARCH (shirabe_corpus_search_get_type ())

G_DECLARE_FINAL_TYPE (ShirabeCorpusSearch, shirabe_corpus_search, SHIRABE, CORPUS_SEARCH, AdwBin)

void                  shirabe_corpus_search_set_project (ShirabeCorpusSearch  *self,
                                                         ShirabeProject       *project);
/* The codebook's codes (element-type ShirabeCode), offered by "Code All Hits". */
void                  shirabe_corpus_search_set_codes   (ShirabeCorpusSearch  *self,
                                                         GPtrArray            *codes,
                                                         ShirabeLabelLanguage  language);
/* Puts the focus in the search entry, its text selected. */
void                  shirabe_corpus_search_focus       (ShirabeCorpusSearch  *self);
/* Searches for @text at once, as typing it does after a short pause. */
void                  shirabe_corpus_search_search      (ShirabeCorpusSearch  *self,
                                                         const char           *text);
void                  shirabe_corpus_search_set_flags   (ShirabeCorpusSearch  *self,
                                                         ShirabeSearchFlags    flags);
/* Returns: (transfer none) (nullable): the hits shown */
ShirabeSearchResults *shirabe_corpus_search_get_results (ShirabeCorpusSearch  *self);
/* "23 hits in 7 narratives", or what is wrong with the query. */
const char           *shirabe_corpus_search_get_summary (ShirabeCorpusSearch  *self);
/* "Code All Hits" without its dialog: @code_id on every hit, expanded as @expand, for the
 * window's coder; the toast says how many were added. */
gboolean              shirabe_corpus_search_code_all    (ShirabeCorpusSearch  *self,
                                                         gint64                code_id,
                                                         ShirabeExpand         expand,
                                                         GError              **error);
/* Returns: (transfer none) */
GtkListView          *shirabe_corpus_search_get_list_view (ShirabeCorpusSearch *self);

G_END_DECLS
