/* shirabe-search-private.h: what the search's files share
 *
 * shirabe-search.c parses queries, scans texts and keeps the results; shirabe-search-index.c
 * answers from the trigram index alone; shirabe-search-scan.c reads every narrative's text for
 * the scan, in two threads; shirabe-autocode.c codes the hits.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "shirabe-search.h"

G_BEGIN_DECLS

/* One term or phrase: its words, folded; a phrase's words match with white space between. */
typedef struct
{
  char      *text;       /* as typed, NFC, for the index and the byte prefilter */
  GPtrArray *words;      /* GArray of gunichar, folded */
  gboolean   latin;      /* has a cased letter: whole words apply, bytes cannot prefilter */
  gsize      longest;    /* the longest word, in code points */
} ShirabeSearchTerm;

struct _ShirabeSearchQuery
{
  gatomicrefcount    ref_count;
  ShirabeSearchFlags flags;
  GPtrArray         *groups;   /* GPtrArray of ShirabeSearchTerm: each group must match, by
                                * any of its terms */
  GPtrArray         *nots;     /* ShirabeSearchTerm: none may occur */
};

/* A hit: [start, end) of a narrative's stored text, in code points. */
typedef struct
{
  gint64 narrative_id;
  gint64 start;
  gint64 end;
} ShirabeSearchSpan;

/* Whether @term can be found in the stored bytes as they are: one word, no cased letter, and
 * nothing folded. */
gboolean shirabe_search_term_in_bytes   (const ShirabeSearchTerm *term,
                                         ShirabeSearchFlags       flags);
/* A narrative's text decoded and folded for the scan; one per thread. */
typedef struct _ShirabeSearchText ShirabeSearchText;

ShirabeSearchText *shirabe_search_text_new  (void);
void               shirabe_search_text_free (ShirabeSearchText *text);
/* Searches one narrative's stored text (@length bytes of UTF-8, NUL after them): its hits,
 * by position, appended to @hits when it matches the whole query. Safe in several threads at
 * once, each with its own @text. */
void     shirabe_search_narrative       (ShirabeSearchQuery      *query,
                                         gint64                   narrative_id,
                                         const char              *utf8,
                                         gsize                    length,
                                         ShirabeSearchText       *text,
                                         GArray                  *hits);
/* Scans every narrative (only those in @candidates, a set of gint64 ids, when not NULL), in
 * the project's order, appending their hits to @spans; @n_narratives gets how many have one
 * (shirabe-search-scan.c). */
gboolean shirabe_search_scan            (ShirabeProject          *project,
                                         ShirabeSearchQuery      *query,
                                         GHashTable              *candidates,
                                         GArray                  *spans,
                                         guint                   *n_narratives,
                                         GError                 **error);
/* How many threads the scan may use (for tests: 1 is the scan on the project's connection
 * alone); 0 restores the default. Returns the previous setting. */
guint    shirabe_search_set_max_threads (guint                    n);
/* Orders spans by narrative id, start, end. */
gint     shirabe_search_span_compare    (gconstpointer            a,
                                         gconstpointer            b);

/* Whether the trigram index alone can answer @query (shirabe-search-index.c). */
gboolean shirabe_search_index_can_answer (ShirabeProject        *project,
                                          ShirabeSearchQuery    *query);
/* Appends to @spans the hits of @query, grouped by narrative, by position, each place once. */
gboolean shirabe_search_by_index        (ShirabeProject          *project,
                                         ShirabeSearchQuery      *query,
                                         GArray                  *spans,
                                         GError                 **error);

/* Returns: (transfer none) (element-type ShirabeSearchSpan): the hits, in the project's order */
GArray  *shirabe_search_results_get_spans (ShirabeSearchResults  *results);

G_END_DECLS
