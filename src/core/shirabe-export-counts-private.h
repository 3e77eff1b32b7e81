/* shirabe-export-counts-private.h: counting codings, passages or narratives per key
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "shirabe-export.h"

G_BEGIN_DECLS

/* One coding: @key is what is counted for (a code, a coder's code...), @family the narrative
 * at the root of @narrative's translations. */
typedef struct
{
  gint64 key;
  gint64 family;
  gint64 narrative;
  gint64 start;
  gint64 end;
} ShirabeUnitRow;

typedef void (*ShirabeUnitEmit) (gint64   key,
                                 guint64  count,
                                 gpointer user_data);

void shirabe_count_units (ShirabeUnitRow      *rows,
                          gsize                n_rows,
                          ShirabeExportCount   unit,
                          gboolean             sum_family,
                          ShirabeUnitEmit      emit,
                          gpointer             user_data);

G_END_DECLS
