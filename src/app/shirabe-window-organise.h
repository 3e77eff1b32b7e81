/* shirabe-window-organise.h: renaming, moving, merging and deleting cases and narratives
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void shirabe_window_organise_install (GtkWidgetClass *widget_class);

G_END_DECLS
