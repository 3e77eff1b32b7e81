/* shirabe-first-rows.h: a long list's first rows before the window's first frame, the rest after
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* How many rows a limited list shows: more than fit in the tallest window. */
#define SHIRABE_FIRST_ROWS 64

GtkSliceListModel *shirabe_first_rows_new      (GListModel        *model);
void               shirabe_first_rows_limit    (GtkSliceListModel *rows,
                                                GtkWidget         *list_view);
void               shirabe_first_rows_show_all (GtkSliceListModel *rows);

G_END_DECLS
