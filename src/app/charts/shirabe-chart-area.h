/* shirabe-chart-area.h: a chart on screen: drawn as far as it is visible, its cells reached
 * by pointer and keyboard
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "shirabe-chart-draw.h"

G_BEGIN_DECLS

#define SHIRABE_TYPE_CHART_AREA (shirabe_chart_area_get_type ())

G_DECLARE_FINAL_TYPE (ShirabeChartArea, shirabe_chart_area, SHIRABE, CHART_AREA, GtkWidget)

GtkWidget    *shirabe_chart_area_new           (void);
/* Shows @chart (NULL: nothing) drawn in @style; the focused cell is kept where it still is. */
void          shirabe_chart_area_set_chart     (ShirabeChartArea        *self,
                                                ShirabeChart            *chart,
                                                const ShirabeChartStyle *style);
ShirabeChart *shirabe_chart_area_get_chart     (ShirabeChartArea        *self);
/* The cell under (@x, @y) of the widget, as a click finds it. */
gboolean      shirabe_chart_area_cell_at       (ShirabeChartArea        *self,
                                                double                   x,
                                                double                   y,
                                                guint                   *row,
                                                guint                   *column);

G_END_DECLS
