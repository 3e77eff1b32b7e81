/* shirabe-narrative-order-private.h: the order of the narrative list, read without sorting
 * every narrative in SQL
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "shirabe-project.h"

G_BEGIN_DECLS

/* A narrative's place in the list: by case, then beside its original for a translation in the
 * same case, then by position. */
typedef struct
{
  guint  case_rank;       /* the case's place in the order the statement gave */
  gint64 place_position;  /* the original's position for a translation beside it, else its own */
  gint64 place_id;        /* the original's id for a translation beside it, else its own */
  int    translation;
  gint64 position;
  gint64 id;
  gint64 case_id;
} ShirabeSortKey;

/* The whole list's order, unfiltered (as opening shows it), appended to @keys. */
gboolean shirabe_narrative_order_read_all           (ShirabeProject  *project,
                                                     GArray          *keys,
                                                     GError         **error);
/* Puts each translation in @keys right after its original when both are in one case, and
 * sorts @keys again when there is any. */
gboolean shirabe_narrative_order_place_translations (ShirabeProject  *project,
                                                     GArray          *keys,
                                                     GError         **error);

G_END_DECLS
