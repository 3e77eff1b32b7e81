/* shirabe-narrative-search.h: the search bar over the reader's text
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* At most this many matches are highlighted and counted; the count then ends in "+". */
#define SHIRABE_NARRATIVE_SEARCH_MAX_MATCHES 1000

#define SHIRABE_TYPE_NARRATIVE_SEARCH (shirabe_narrative_search_get_type ())

G_DECLARE_FINAL_TYPE (ShirabeNarrativeSearch, shirabe_narrative_search, SHIRABE,
                      NARRATIVE_SEARCH, GtkWidget)

/* Searches the text of @view, highlighting matches in its buffer. */
void            shirabe_narrative_search_set_view     (ShirabeNarrativeSearch *self,
                                                       GtkTextView            *view);
/* Shows the bar with the focus in its entry. */
void            shirabe_narrative_search_start        (ShirabeNarrativeSearch *self);
/* Hides the bar and its highlights, leaving the current match selected. */
void            shirabe_narrative_search_stop         (ShirabeNarrativeSearch *self);
gboolean        shirabe_narrative_search_get_active   (ShirabeNarrativeSearch *self);
/* Selects the next or previous match, wrapping around. */
void            shirabe_narrative_search_next         (ShirabeNarrativeSearch *self);
void            shirabe_narrative_search_previous     (ShirabeNarrativeSearch *self);
/* Searches for the entry's text now rather than after the typing pause. */
void            shirabe_narrative_search_update       (ShirabeNarrativeSearch *self);
/* The number of matches found (at most SHIRABE_NARRATIVE_SEARCH_MAX_MATCHES). */
guint           shirabe_narrative_search_get_n_matches (ShirabeNarrativeSearch *self);
GtkSearchEntry *shirabe_narrative_search_get_entry    (ShirabeNarrativeSearch *self);
GtkLabel       *shirabe_narrative_search_get_count_label (ShirabeNarrativeSearch *self);

G_END_DECLS
