/* shirabe-first-rows.h: a long list's first rows before the window's first frame, the rest after
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* How many rows a limited list shows when the display has no screen to measure. */
#define SHIRABE_FIRST_ROWS 64
/* The height of the lowest row of a limited list, in pixels: libadwaita's navigation-sidebar
 * rows (the sidebar's and the codebook's) are at least 36 high, whatever the font. */
#define SHIRABE_FIRST_ROWS_MIN_HEIGHT 36

guint              shirabe_first_rows_for_display (GdkDisplay        *display);
GtkSliceListModel *shirabe_first_rows_new         (GListModel        *model);
void               shirabe_first_rows_limit       (GtkSliceListModel *rows,
                                                   GtkWidget         *list_view);
void               shirabe_first_rows_show_all    (GtkSliceListModel *rows);
void               shirabe_first_rows_shown_page_only (GtkWidget      *stack);

G_END_DECLS
