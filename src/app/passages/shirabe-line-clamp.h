/* shirabe-line-clamp.h: a wrapped label held at a fixed number of lines, never measured
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define SHIRABE_TYPE_LINE_CLAMP (shirabe_line_clamp_get_type ())

G_DECLARE_FINAL_TYPE (ShirabeLineClamp, shirabe_line_clamp, SHIRABE, LINE_CLAMP, GtkWidget)

/* Holds @label (wrapped, ellipsized, @lines lines at most) at the height of @lines lines. */
GtkWidget *shirabe_line_clamp_new         (GtkLabel         *label,
                                           int               lines);
GtkLabel  *shirabe_line_clamp_get_label   (ShirabeLineClamp *self);
/* Clamped (the default), the height is @lines lines whatever the text; not clamped, the label's
 * own height for the width, every line of it. */
void       shirabe_line_clamp_set_clamped (ShirabeLineClamp *self,
                                           gboolean          clamped);
gboolean   shirabe_line_clamp_get_clamped (ShirabeLineClamp *self);

G_END_DECLS
