/* shirabe-passages-view.h: the passages coded with the codes asked for, as cards
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "shirabe.h"
#include "shirabe-code-item.h"
#include "shirabe-passages.h"

G_BEGIN_DECLS

#define SHIRABE_TYPE_PASSAGES_VIEW (shirabe_passages_view_get_type ())

G_DECLARE_FINAL_TYPE (ShirabePassagesView, shirabe_passages_view, SHIRABE, PASSAGES_VIEW, AdwBin)

/* How the codes of the query combine. */
typedef enum
{
  SHIRABE_PASSAGES_ANY,      /* a passage of any of them */
  SHIRABE_PASSAGES_OVERLAP,  /* where all of them overlap: the overlap */
  SHIRABE_PASSAGES_UNION,    /* where all of them overlap: the passages whole */
  SHIRABE_PASSAGES_NEAR,     /* the first one's passages with a passage of each other one near */
} ShirabePassagesMode;

void                 shirabe_passages_view_set_project   (ShirabePassagesView  *self,
                                                          ShirabeProject       *project);
/* The codebook's codes (element-type ShirabeCode), for labels, colours and the picker. */
void                 shirabe_passages_view_set_codes     (ShirabePassagesView  *self,
                                                          GPtrArray            *codes);
void                 shirabe_passages_view_set_label_language (ShirabePassagesView *self,
                                                          ShirabeLabelLanguage  language);
/* Asks for the passages of @code_id and its subcodes alone, as "Show Passages" does. */
void                 shirabe_passages_view_show_code     (ShirabePassagesView  *self,
                                                          gint64                code_id);
/* Shows the passages @query finds (a chart's cell), @code_ids as the codes asked for and
 * @description over the list, until the query is changed by hand. */
void                 shirabe_passages_view_show_query    (ShirabePassagesView  *self,
                                                          ShirabePassageQuery  *query,
                                                          const GArray         *code_ids,
                                                          const char           *description);
gboolean             shirabe_passages_view_has_chart_query (ShirabePassagesView *self);
/* Adds @code_id to the codes asked for. */
void                 shirabe_passages_view_add_code      (ShirabePassagesView  *self,
                                                          gint64                code_id);
/* Leaves out the passages that overlap a coding of @code_id or its subcodes. */
void                 shirabe_passages_view_add_not_code  (ShirabePassagesView  *self,
                                                          gint64                code_id);
/* How near, in characters, the other codes' codings must be with SHIRABE_PASSAGES_NEAR. */
void                 shirabe_passages_view_set_near_distance (ShirabePassagesView *self,
                                                          guint                 distance);
void                 shirabe_passages_view_set_mode      (ShirabePassagesView  *self,
                                                          ShirabePassagesMode   mode);
/* Runs the query again, as after an edit elsewhere. */
void                 shirabe_passages_view_refresh       (ShirabePassagesView  *self);
/* Returns: (transfer none) (nullable): the passages shown */
ShirabePassageList  *shirabe_passages_view_get_list      (ShirabePassagesView  *self);
/* What the line over the cards says: "12 passages in 5 narratives of 3 cases". */
const char          *shirabe_passages_view_get_summary   (ShirabePassagesView  *self);
/* Returns: (transfer none) */
GtkListView         *shirabe_passages_view_get_list_view (ShirabePassagesView  *self);
/* Returns: (transfer none) */
GtkPopover          *shirabe_passages_view_get_filter_popover (ShirabePassagesView *self);

G_END_DECLS
