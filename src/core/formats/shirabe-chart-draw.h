/* shirabe-chart-draw.h: a chart drawn with cairo and Pango, on screen and into SVG and PNG
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One layout serves the window and the files: the window draws what is visible of it, with
 * the row labels and the column header held in place while the cells scroll; an image is the
 * whole layout. The layout only places and draws what shirabe_chart_compute() counted.
 */
#pragma once

#include <cairo.h>
#include <pango/pango.h>

#include "shirabe-chart.h"

G_BEGIN_DECLS

typedef enum
{
  SHIRABE_CHART_LABELS_EN,
  SHIRABE_CHART_LABELS_JA,
  SHIRABE_CHART_LABELS_BOTH,   /* 日本語 / English */
} ShirabeChartLabels;

/**
 * ShirabeChartStyle:
 * @measure: what the bars and colours show (a measure the chart does not define shows counts)
 * @labels: the language of the labels
 * @stacked: frequencies split by groups: one bar per code, its groups stacked (else a bar per
 *   group, side by side)
 * @sort_by_size: frequencies: codes by their total, largest first (else in the tree's order)
 * @dark: light text on a dark background
 * @high_contrast: black and white, stronger lines, no pale fills
 * @font_family: (nullable): "Sans" when %NULL
 * @font_size: points; 0 for 10
 * @width: the width the chart may fill (bars stretch to it); 0 for 900
 */
typedef struct
{
  ShirabeChartMeasure measure;
  ShirabeChartLabels  labels;
  gboolean            stacked;
  gboolean            sort_by_size;
  gboolean            dark;
  gboolean            high_contrast;
  const char         *font_family;
  double              font_size;
  double              width;
} ShirabeChartStyle;

typedef struct _ShirabeChartLayout ShirabeChartLayout;

/* Lays @chart out. @context: the widget's Pango context; %NULL makes one for images. */
ShirabeChartLayout *shirabe_chart_layout_new        (ShirabeChart             *chart,
                                                     const ShirabeChartStyle  *style,
                                                     PangoContext             *context);
void                shirabe_chart_layout_free       (ShirabeChartLayout       *self);
/* The whole chart's size. */
void                shirabe_chart_layout_get_size   (ShirabeChartLayout       *self,
                                                     double                   *width,
                                                     double                   *height);
/* The parts that stay in place while the cells scroll: the row labels' width on the left,
 * the title and column header's height on top. */
void                shirabe_chart_layout_get_fixed  (ShirabeChartLayout       *self,
                                                     double                   *left,
                                                     double                   *top);

/**
 * shirabe_chart_layout_draw:
 * @cr: drawn from (0, 0), @view_width × @view_height
 * @scroll_x: how far the cells are scrolled right of the row labels
 * @scroll_y: how far they are scrolled below the header
 * @focus_row: the cell with the keyboard focus (-1 for none), outlined
 */
void                shirabe_chart_layout_draw       (ShirabeChartLayout       *self,
                                                     cairo_t                  *cr,
                                                     double                    view_width,
                                                     double                    view_height,
                                                     double                    scroll_x,
                                                     double                    scroll_y,
                                                     int                       focus_row,
                                                     int                       focus_column);
/* The cell at (@x, @y) of the view scrolled by (@scroll_x, @scroll_y); FALSE on no cell. */
gboolean            shirabe_chart_layout_hit        (ShirabeChartLayout       *self,
                                                     double                    x,
                                                     double                    y,
                                                     double                    scroll_x,
                                                     double                    scroll_y,
                                                     guint                    *row,
                                                     guint                    *column);
/* Where a cell lies in the scrolled part, before scrolling (for keeping it in view). */
gboolean            shirabe_chart_layout_get_cell_rect (ShirabeChartLayout    *self,
                                                     guint                     row,
                                                     guint                     column,
                                                     cairo_rectangle_t        *rect);
/* The next cell from (@row, @column) in the direction (@dx, @dy) in the order shown (a
 * frequencies chart sorted by size moves between the rows as drawn); FALSE at an edge. */
gboolean            shirabe_chart_layout_move       (ShirabeChartLayout       *self,
                                                     guint                    *row,
                                                     guint                    *column,
                                                     int                       dx,
                                                     int                       dy);

/* The chart as an SVG or a PNG file, by @path's extension (.svg, .png), drawn whole at
 * @style's width. The target is checked as every export's is (@force: replace a file of
 * another kind); the file appears whole or not at all. */
gboolean            shirabe_chart_save_image        (ShirabeChart             *chart,
                                                     const ShirabeChartStyle  *style,
                                                     const char               *path,
                                                     gboolean                  force,
                                                     GError                  **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ShirabeChartLayout, shirabe_chart_layout_free)

G_END_DECLS
