/* shirabe-color-swatch.h: a small square of a code's colour
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define SHIRABE_TYPE_COLOR_SWATCH (shirabe_color_swatch_get_type ())

G_DECLARE_FINAL_TYPE (ShirabeColorSwatch, shirabe_color_swatch, SHIRABE, COLOR_SWATCH, GtkWidget)

/* @color: "#RRGGBB", or NULL for none */
void shirabe_color_swatch_set_color (ShirabeColorSwatch *self,
                                     const char         *color);

G_END_DECLS
