/* shirabe-charts-view.h: the data seen: code frequencies by group, co-occurrence and the case
 * × code matrix
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "shirabe.h"
#include "shirabe-chart.h"
#include "shirabe-chart-area.h"
#include "shirabe-code-item.h"

G_BEGIN_DECLS

#define SHIRABE_TYPE_CHARTS_VIEW (shirabe_charts_view_get_type ())

G_DECLARE_FINAL_TYPE (ShirabeChartsView, shirabe_charts_view, SHIRABE, CHARTS_VIEW, AdwBin)

void              shirabe_charts_view_set_project        (ShirabeChartsView    *self,
                                                          ShirabeProject       *project);
void              shirabe_charts_view_set_label_language (ShirabeChartsView    *self,
                                                          ShirabeLabelLanguage  language);
/* Chooses a chart as its controls would: @codes and @codes_with are subtrees (0: the whole
 * codebook; @codes_with 0: the same codes), @by_attribute 0 for no groups. */
void              shirabe_charts_view_show               (ShirabeChartsView    *self,
                                                          ShirabeChartKind      kind,
                                                          gint64                codes,
                                                          gint64                codes_with,
                                                          gint64                by_attribute,
                                                          ShirabeChartUnit      unit);
/* Frequencies by group: one stacked bar per code, as the Stacked check does. */
void              shirabe_charts_view_set_stacked        (ShirabeChartsView    *self,
                                                          gboolean              stacked);
/* TRUE while a chart is being computed (tests wait on it). */
gboolean          shirabe_charts_view_is_busy            (ShirabeChartsView    *self);
/* Returns: (transfer none) (nullable): the chart shown */
ShirabeChart     *shirabe_charts_view_get_chart          (ShirabeChartsView    *self);
/* Returns: (transfer none) */
ShirabeChartArea *shirabe_charts_view_get_area           (ShirabeChartsView    *self);
/* The numbers as the Table shows them, tab-separated. Returns: (transfer full) */
char             *shirabe_charts_view_dup_table_text     (ShirabeChartsView    *self);
/* Writes the chart shown to @path: .png or .svg draws it, .csv or .xlsx writes its numbers. */
gboolean          shirabe_charts_view_export             (ShirabeChartsView    *self,
                                                          const char           *path,
                                                          GError              **error);

G_END_DECLS
