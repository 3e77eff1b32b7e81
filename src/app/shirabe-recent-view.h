/* shirabe-recent-view.h: the recent projects on the welcome page
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define SHIRABE_TYPE_RECENT_VIEW (shirabe_recent_view_get_type ())

G_DECLARE_FINAL_TYPE (ShirabeRecentView, shirabe_recent_view, SHIRABE, RECENT_VIEW, GtkWidget)

/* The list of rows, one per project, for the tests. */
GtkListBox *shirabe_recent_view_get_list_box (ShirabeRecentView *self);

G_END_DECLS
