/* shirabe-window-views.h: the reader, the passages and the corpus search, and the ways
 * between them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "shirabe-window.h"

G_BEGIN_DECLS

void shirabe_window_views_install (GtkWidgetClass *widget_class);
void shirabe_window_views_init    (ShirabeWindow  *self);
/* Back to the reader, with no way back to a list: a project was opened or closed. */
void shirabe_window_views_reset   (ShirabeWindow  *self);

G_END_DECLS
