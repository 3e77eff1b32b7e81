/* shirabe-chart-draw.c: laying out and drawing the three charts
 *
 * Sizes follow the font: "em" below is the label font's size in pixels. Row positions are kept
 * in one array (a frequencies row is as tall as its bars, a matrix group's band takes a row of
 * its own), so that hitting, scrolling and drawing only what is visible are a binary search.
 * Colours: the Okabe–Ito palette for groups (told apart with any colour vision), a one-hue
 * scale for the heatmap, code colours for single bars and the matrix; high contrast draws in
 * black and white with outlines.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <math.h>
#include <string.h>
#include <unistd.h>

#include <cairo-svg.h>
#include <glib/gstdio.h>
#include <pango/pangocairo.h>

#include "shirabe-chart-draw.h"
#include "shirabe-error.h"
#include "shirabe-export-private.h"
#include "shirabe-i18n.h"
#include "shirabe-output.h"

typedef struct
{
  double r, g, b, a;
} Rgba;

typedef struct
{
  Rgba background;
  Rgba foreground;
  Rgba muted;
  Rgba grid;
  Rgba focus;
  Rgba heat_low;
  Rgba heat_high;
  Rgba diagonal;
} Palette;

static const Palette light_palette = {
  { 1, 1, 1, 1 }, { 0.12, 0.12, 0.12, 1 }, { 0.37, 0.36, 0.39, 1 }, { 0.87, 0.87, 0.85, 1 },
  { 0.11, 0.44, 0.85, 1 }, { 0.94, 0.95, 0.97, 1 }, { 0.08, 0.33, 0.66, 1 },
  { 0.87, 0.87, 0.85, 1 },
};
static const Palette dark_palette = {
  { 0.12, 0.12, 0.12, 1 }, { 1, 1, 1, 1 }, { 0.75, 0.75, 0.77, 1 }, { 0.28, 0.28, 0.30, 1 },
  { 0.47, 0.68, 0.93, 1 }, { 0.19, 0.20, 0.23, 1 }, { 0.55, 0.75, 0.98, 1 },
  { 0.30, 0.30, 0.32, 1 },
};
static const Palette light_contrast_palette = {
  { 1, 1, 1, 1 }, { 0, 0, 0, 1 }, { 0, 0, 0, 1 }, { 0.35, 0.35, 0.35, 1 },
  { 0, 0, 0, 1 }, { 1, 1, 1, 1 }, { 0, 0, 0, 1 }, { 0.75, 0.75, 0.75, 1 },
};
static const Palette dark_contrast_palette = {
  { 0, 0, 0, 1 }, { 1, 1, 1, 1 }, { 1, 1, 1, 1 }, { 0.65, 0.65, 0.65, 1 },
  { 1, 1, 1, 1 }, { 0, 0, 0, 1 }, { 1, 1, 1, 1 }, { 0.30, 0.30, 0.30, 1 },
};

/* Okabe & Ito (2008) without the black and the grey, then the darker of Paul Tol's muted
 * scheme: twelve groups told apart before a colour repeats. "No value" is grey. */
static const guint32 group_colors[] = {
  0xE69F00, 0x56B4E9, 0x009E73, 0xF0E442, 0x0072B2, 0xD55E00, 0xCC79A7,
  0x332288, 0x117733, 0x882255, 0x999933, 0x44AA99,
};
#define NO_VALUE_COLOR 0x999999

typedef struct
{
  int    row;      /* the chart's row; -1 for a group's band */
  int    group;    /* a band's group */
  double y;        /* from the top of the scrolled part */
  double height;
} Line;

struct _ShirabeChartLayout
{
  ShirabeChart       *chart;
  ShirabeChartStyle   style;
  PangoContext       *context;
  PangoContext       *rotated_context;  /* for the column labels, turned a quarter */
  PangoFontDescription *font;
  PangoFontDescription *small_font;
  PangoFontDescription *title_font;
  const Palette      *palette;
  ShirabeChartMeasure measure;
  double              em;
  double              pad;

  char               *title;
  double              title_height;
  double              legend_height;
  double              header_height;   /* column labels or the axis */
  double              top;             /* title + legend + header */
  double              left;            /* row labels */
  double              width;
  double              height;          /* of the whole chart */

  GArray             *lines;           /* Line, in the order drawn */
  int                *line_of_row;     /* chart row → line */
  double              cell_width;      /* heatmap and matrix */
  double              bar_height;      /* frequencies */
  double              plot_width;      /* frequencies: the bars' full length */
  double              scale_max;       /* frequencies: the value at plot_width */
  double              tick_step;
  gboolean            grouped_bars;    /* frequencies: a bar per group */
  double              heat_max;
  char               *legend_note;     /* heatmap and matrix: what the colours or circles say */
};

/* Text */

static gboolean
is_japanese (const char *text)
{
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if ((c >= 0x3040 && c <= 0x30ff) || (c >= 0x3400 && c <= 0x9fff) ||
          (c >= 0xff00 && c <= 0xffef))
        return TRUE;
    }
  return FALSE;
}

/* A layout of @text in @font, with the language that makes Japanese glyphs Japanese. */
static PangoLayout *
make_text_in (ShirabeChartLayout         *self,
              PangoContext               *context,
              const PangoFontDescription *font,
              const char                 *text,
              double                      max_width)
{
  PangoLayout *layout = pango_layout_new (context);
  PangoAttrList *attributes = pango_attr_list_new ();

  pango_attr_list_insert (attributes,
                          pango_attr_language_new (pango_language_from_string (
                            is_japanese (text) ? "ja" : "en")));
  pango_layout_set_attributes (layout, attributes);
  pango_attr_list_unref (attributes);
  pango_layout_set_font_description (layout, font);
  pango_layout_set_text (layout, text, -1);
  if (max_width > 0)
    {
      pango_layout_set_width (layout, (int) (max_width * PANGO_SCALE));
      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
    }
  return layout;
}

static PangoLayout *
make_text (ShirabeChartLayout         *self,
           const PangoFontDescription *font,
           const char                 *text,
           double                      max_width)
{
  return make_text_in (self, self->context, font, text, max_width);
}

static double
text_width (ShirabeChartLayout         *self,
            const PangoFontDescription *font,
            const char                 *text)
{
  g_autoptr (PangoLayout) layout = make_text (self, font, text, 0);
  int width;

  pango_layout_get_pixel_size (layout, &width, NULL);
  return width;
}

static void
set_color (cairo_t    *cr,
           const Rgba *color)
{
  cairo_set_source_rgba (cr, color->r, color->g, color->b, color->a);
}

static Rgba
rgb (guint32 value)
{
  return (Rgba) { ((value >> 16) & 0xff) / 255.0, ((value >> 8) & 0xff) / 255.0,
                  (value & 0xff) / 255.0, 1 };
}

static Rgba
parse_color (const char *text)
{
  if (text != NULL && text[0] == '#' && strlen (text) == 7)
    return rgb ((guint32) g_ascii_strtoull (text + 1, NULL, 16));
  return rgb (0x999999);
}

static double
luminance (const Rgba *c)
{
  return 0.2126 * c->r + 0.7152 * c->g + 0.0722 * c->b;
}

/* Draws @text with its top left at (x, y), in @color. */
static void
draw_text (ShirabeChartLayout         *self,
           cairo_t                    *cr,
           const PangoFontDescription *font,
           const char                 *text,
           double                      x,
           double                      y,
           double                      max_width,
           const Rgba                 *color)
{
  g_autoptr (PangoLayout) layout = make_text (self, font, text, max_width);

  set_color (cr, color);
  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, layout);
}

static const char *
item_label (ShirabeChartLayout     *self,
            const ShirabeChartItem *item,
            char                  **both)
{
  const char *en = shirabe_chart_item_get_label (item, SHIRABE_LANGUAGE_EN);
  const char *ja = shirabe_chart_item_get_label (item, SHIRABE_LANGUAGE_JA);

  switch (self->style.labels)
    {
    case SHIRABE_CHART_LABELS_JA:
      return ja;
    case SHIRABE_CHART_LABELS_BOTH:
      if (g_strcmp0 (en, ja) == 0)
        return ja;
      *both = g_strdup_printf ("%s / %s", ja, en);
      return *both;
    case SHIRABE_CHART_LABELS_EN:
    default:
      return en;
    }
}

static ShirabeLanguage
text_language (ShirabeChartLayout *self)
{
  return self->style.labels == SHIRABE_CHART_LABELS_EN ? SHIRABE_LANGUAGE_EN
                                                       : SHIRABE_LANGUAGE_JA;
}

static char *
format_value (double              value,
              ShirabeChartMeasure measure)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  if (isnan (value))
    return g_strdup ("–");
  switch (measure)
    {
    case SHIRABE_CHART_MEASURE_PERCENT:
      return g_strdup_printf ("%s%%", g_ascii_formatd (buffer, sizeof buffer, "%.1f", value));
    case SHIRABE_CHART_MEASURE_JACCARD:
      return g_strdup (g_ascii_formatd (buffer, sizeof buffer, "%.2f", value));
    case SHIRABE_CHART_MEASURE_COUNT:
    default:
      {
        g_autofree char *digits = g_strdup_printf ("%.0f", value);
        GString *text = g_string_new (NULL);
        gsize n = strlen (digits);

        for (gsize i = 0; i < n; i++)
          {
            if (i > 0 && (n - i) % 3 == 0)
              g_string_append_c (text, ',');
            g_string_append_c (text, digits[i]);
          }
        return g_string_free (text, FALSE);
      }
    }
}

static double
value_of (ShirabeChartLayout *self,
          guint               row,
          guint               column)
{
  return shirabe_chart_get_value (self->chart, row, column, self->measure);
}

/* A group's colour: its place in the palette, grey for the units without a value. */
static Rgba
group_color (ShirabeChartLayout *self,
             guint               column)
{
  const ShirabeChartItem *item = shirabe_chart_get_column (self->chart, column);

  if (item->missing)
    return rgb (NO_VALUE_COLOR);
  return rgb (group_colors[column % G_N_ELEMENTS (group_colors)]);
}

/* Lines */

static void
add_line (ShirabeChartLayout *self,
          int                 row,
          int                 group,
          double              height)
{
  Line line = { row, group, self->lines->len > 0
                              ? g_array_index (self->lines, Line, self->lines->len - 1).y +
                                g_array_index (self->lines, Line, self->lines->len - 1).height
                              : 0, height };

  if (row >= 0)
    self->line_of_row[row] = self->lines->len;
  g_array_append_val (self->lines, line);
}

/* The line at @y of the scrolled part, or -1. */
static int
line_at (ShirabeChartLayout *self,
         double              y)
{
  guint lo = 0, hi = self->lines->len;

  if (hi == 0 || y < 0)
    return -1;
  while (hi - lo > 1)
    {
      guint mid = (lo + hi) / 2;

      if (g_array_index (self->lines, Line, mid).y <= y)
        lo = mid;
      else
        hi = mid;
    }
  {
    const Line *line = &g_array_index (self->lines, Line, lo);

    return y < line->y + line->height ? (int) lo : -1;
  }
}

static int
compare_totals (gconstpointer a,
                gconstpointer b,
                gpointer      user_data)
{
  ShirabeChart *chart = user_data;
  guint64 x = shirabe_chart_get_row (chart, *(const guint *) a)->total;
  guint64 y = shirabe_chart_get_row (chart, *(const guint *) b)->total;

  if (x != y)
    return x > y ? -1 : 1;
  return *(const guint *) a < *(const guint *) b ? -1 : 1;
}

/* A round step for about five ticks up to @max. */
static double
tick_step (double max)
{
  return shirabe_chart_round_step (max / 5);
}

static double
legend_height (ShirabeChartLayout *self)
{
  ShirabeChart *chart = self->chart;
  guint n = shirabe_chart_get_n_columns (chart);
  double x = 0, lines = 1;
  double swatch = self->em;

  if (shirabe_chart_get_kind (chart) != SHIRABE_CHART_FREQUENCIES || n < 2)
    return 0;
  for (guint c = 0; c < n; c++)
    {
      g_autofree char *both = NULL;
      double w = swatch + 0.4 * self->em +
                 text_width (self, self->small_font,
                             item_label (self, shirabe_chart_get_column (chart, c), &both)) +
                 self->em;

      if (x > 0 && x + w > self->width - 2 * self->pad)
        {
          lines++;
          x = 0;
        }
      x += w;
    }
  return lines * 1.5 * self->em + 0.5 * self->em;
}

static double
row_label_width (ShirabeChartLayout *self,
                 double              limit)
{
  ShirabeChart *chart = self->chart;
  double widest = 0;

  for (guint r = 0; r < shirabe_chart_get_n_rows (chart); r++)
    {
      const ShirabeChartItem *item = shirabe_chart_get_row (chart, r);
      g_autofree char *both = NULL;

      widest = MAX (widest, item->depth * 0.8 * self->em +
                            text_width (self, self->font, item_label (self, item, &both)));
      if (widest >= limit)
        return limit;
    }
  return widest;
}

static double
column_label_height (ShirabeChartLayout *self,
                     double              limit)
{
  ShirabeChart *chart = self->chart;
  double widest = 0;

  for (guint c = 0; c < shirabe_chart_get_n_columns (chart); c++)
    {
      g_autofree char *both = NULL;

      widest = MAX (widest, text_width (self, self->small_font,
                                        item_label (self, shirabe_chart_get_column (chart, c),
                                                    &both)));
      if (widest >= limit)
        return limit;
    }
  return widest;
}

static void
layout_frequencies (ShirabeChartLayout *self)
{
  ShirabeChart *chart = self->chart;
  guint n_rows = shirabe_chart_get_n_rows (chart);
  guint n_columns = shirabe_chart_get_n_columns (chart);
  g_autofree guint *order = g_new (guint, n_rows + 1);
  double value_room, max = 0;

  self->grouped_bars = n_columns > 1 &&
                       (!self->style.stacked || self->measure != SHIRABE_CHART_MEASURE_COUNT);
  self->bar_height = self->grouped_bars ? 0.9 * self->em : 1.3 * self->em;
  for (guint r = 0; r < n_rows; r++)
    order[r] = r;
  if (self->style.sort_by_size)
    g_qsort_with_data (order, n_rows, sizeof *order, compare_totals, chart);
  for (guint i = 0; i < n_rows; i++)
    add_line (self, order[i], -1,
              (self->grouped_bars ? n_columns : 1) * self->bar_height + 0.7 * self->em);

  for (guint r = 0; r < n_rows; r++)
    {
      double stacked = 0;

      for (guint c = 0; c < n_columns; c++)
        {
          double value = value_of (self, r, c);

          if (isnan (value))
            continue;
          stacked += value;
          max = MAX (max, value);
        }
      if (!self->grouped_bars)
        max = MAX (max, stacked);
    }
  self->tick_step = tick_step (max);
  if (self->measure == SHIRABE_CHART_MEASURE_COUNT)
    self->tick_step = MAX (self->tick_step, 1);
  self->scale_max = max > 0 ? ceil (max / self->tick_step) * self->tick_step : 1;
  if (self->measure == SHIRABE_CHART_MEASURE_PERCENT)
    self->scale_max = MIN (self->scale_max, 100);

  self->left = self->pad + MIN (row_label_width (self, 18 * self->em), 18 * self->em) + self->em;
  self->legend_height = legend_height (self);
  self->header_height = 1.6 * self->em;
  value_room = text_width (self, self->small_font, "000,000") + self->em;
  self->plot_width = MAX (self->width - self->left - self->pad - value_room, 8 * self->em);
  self->width = self->left + self->plot_width + value_room + self->pad;
}

static void
layout_grid (ShirabeChartLayout *self,
             double              label_limit,
             double              cell_height)
{
  ShirabeChart *chart = self->chart;
  guint n_rows = shirabe_chart_get_n_rows (chart);
  int group = -1;

  for (guint r = 0; r < n_rows; r++)
    {
      const ShirabeChartItem *item = shirabe_chart_get_row (chart, r);

      if (item->group >= 0 && item->group != group)
        {
          group = item->group;
          add_line (self, -1, group, 1.8 * self->em);
        }
      add_line (self, r, -1, cell_height);
    }
  self->left = self->pad + label_limit + self->em;
  self->header_height = MIN (column_label_height (self, 14 * self->em), 14 * self->em) +
                        self->em;
  self->width = self->left + shirabe_chart_get_n_columns (chart) * self->cell_width + self->pad;
}

/* What the heatmap's colours say; the diagonal only where a code meets itself. */
static char *
heatmap_note (ShirabeChartLayout *self)
{
  ShirabeChart *chart = self->chart;
  gboolean ja = text_language (self) == SHIRABE_LANGUAGE_JA;
  gboolean diagonal = FALSE;
  g_autofree char *max = format_value (self->heat_max, self->measure);
  g_autoptr (GHashTable) rows = g_hash_table_new (g_int64_hash, g_int64_equal);

  for (guint r = 0; r < shirabe_chart_get_n_rows (chart); r++)
    g_hash_table_add (rows, (gpointer) &shirabe_chart_get_row (chart, r)->id);
  for (guint c = 0; c < shirabe_chart_get_n_columns (chart) && !diagonal; c++)
    diagonal = g_hash_table_contains (rows, &shirabe_chart_get_column (chart, c)->id);

  if (self->measure == SHIRABE_CHART_MEASURE_JACCARD)
    return g_strdup (ja ? (diagonal ? "0〜1：Jaccard係数（両方 ÷ いずれか）。対角（灰色）はそのコード自体の件数"
                                    : "0〜1：Jaccard係数（両方 ÷ いずれか）")
                        : (diagonal ? "0 to 1: Jaccard (both ÷ either). The diagonal (grey) is "
                                      "the code’s own count"
                                    : "0 to 1: Jaccard (both ÷ either)"));
  if (diagonal)
    return g_strdup_printf (ja ? "0〜%s：件数。対角（灰色）はそのコード自体の件数"
                               : "0 to %s: count. The diagonal (grey) is the code’s own count",
                            max);
  return g_strdup_printf (ja ? "0〜%s：件数" : "0 to %s: count", max);
}

static void
layout_heatmap (ShirabeChartLayout *self)
{
  ShirabeChart *chart = self->chart;
  g_autofree char *widest = format_value ((double) shirabe_chart_get_max_count (chart),
                                          SHIRABE_CHART_MEASURE_COUNT);

  if (self->measure == SHIRABE_CHART_MEASURE_JACCARD)
    {
      g_free (widest);
      widest = g_strdup ("0.00");
    }
  self->heat_max = self->measure == SHIRABE_CHART_MEASURE_JACCARD
                   ? 1 : MAX ((double) shirabe_chart_get_max_count (chart), 1);
  self->cell_width = MAX (2.6 * self->em, text_width (self, self->small_font, widest) + 0.8 * self->em);
  layout_grid (self, MIN (row_label_width (self, 18 * self->em), 18 * self->em),
               self->cell_width);
  self->legend_height = 2.2 * self->em;
  self->legend_note = heatmap_note (self);
  self->width = MAX (self->width, 2 * self->pad + 8.6 * self->em +
                                  text_width (self, self->small_font, self->legend_note));
}

static void
layout_matrix (ShirabeChartLayout *self)
{
  ShirabeChart *chart = self->chart;
  double label_width = 14 * self->em;

  /* A study's thousands of case names are not measured: the column is wide enough for most
   * and ellipsizes the rest (the tooltip has the whole name). */
  if (shirabe_chart_get_n_rows (chart) <= 200)
    label_width = MIN (row_label_width (self, 16 * self->em), 16 * self->em);
  self->cell_width = 1.9 * self->em;
  self->heat_max = MAX ((double) shirabe_chart_get_max_count (chart), 1);
  layout_grid (self, label_width, 1.6 * self->em);
  self->legend_height = 2.2 * self->em;
  {
    g_autofree char *max = format_value (self->heat_max, SHIRABE_CHART_MEASURE_COUNT);

    self->legend_note = g_strdup_printf (text_language (self) == SHIRABE_LANGUAGE_JA
                                         ? "円の面積がコーディング数（最大 %s）"
                                         : "circle area: codings (at most %s)", max);
  }
  self->width = MAX (self->width, 2 * self->pad + 5 * self->em +
                                  text_width (self, self->small_font, self->legend_note));
}

ShirabeChartLayout *
shirabe_chart_layout_new (ShirabeChart            *chart,
                          const ShirabeChartStyle *style,
                          PangoContext            *context)
{
  ShirabeChartLayout *self = g_new0 (ShirabeChartLayout, 1);
  double font_size = style->font_size > 0 ? style->font_size : 10;
  ShirabeLanguage language;

  self->chart = shirabe_chart_ref (chart);
  self->style = *style;
  self->style.font_family = NULL;
  if (context != NULL)
    self->context = g_object_ref (context);
  else
    {
      PangoFontMap *map = pango_cairo_font_map_get_default ();

      self->context = pango_font_map_create_context (map);
      pango_cairo_context_set_resolution (self->context, 96);
    }
  self->rotated_context = pango_font_map_create_context (pango_context_get_font_map (self->context));
  pango_cairo_context_set_resolution (self->rotated_context,
                                      pango_cairo_context_get_resolution (self->context));
  pango_cairo_context_set_font_options (self->rotated_context,
                                        pango_cairo_context_get_font_options (self->context));
  pango_context_set_base_gravity (self->rotated_context, PANGO_GRAVITY_AUTO);
  pango_context_set_gravity_hint (self->rotated_context, PANGO_GRAVITY_HINT_NATURAL);
  self->font = pango_font_description_new ();
  pango_font_description_set_family (self->font,
                                     style->font_family != NULL ? style->font_family : "Sans");
  pango_font_description_set_size (self->font, (int) (font_size * PANGO_SCALE));
  self->small_font = pango_font_description_copy (self->font);
  pango_font_description_set_size (self->small_font, (int) (font_size * 0.9 * PANGO_SCALE));
  self->title_font = pango_font_description_copy (self->font);
  pango_font_description_set_size (self->title_font, (int) (font_size * 1.2 * PANGO_SCALE));
  pango_font_description_set_weight (self->title_font, PANGO_WEIGHT_BOLD);
  self->palette = style->high_contrast ? (style->dark ? &dark_contrast_palette
                                                      : &light_contrast_palette)
                                       : (style->dark ? &dark_palette : &light_palette);
  self->measure = shirabe_chart_measure_is_valid (chart, style->measure)
                  ? style->measure : SHIRABE_CHART_MEASURE_COUNT;
  self->em = font_size * 96 / 72;
  self->pad = self->em;
  self->width = style->width > 0 ? style->width : 900;
  self->lines = g_array_new (FALSE, FALSE, sizeof (Line));
  self->line_of_row = g_new0 (int, shirabe_chart_get_n_rows (chart) + 1);

  language = text_language (self);
  self->title = shirabe_chart_dup_title (chart, language);
  if (self->style.labels == SHIRABE_CHART_LABELS_BOTH)
    {
      g_autofree char *en = shirabe_chart_dup_title (chart, SHIRABE_LANGUAGE_EN);
      char *both = g_strdup_printf ("%s / %s", self->title, en);

      g_free (self->title);
      self->title = both;
    }
  self->title_height = 2.4 * self->em;

  switch (shirabe_chart_get_kind (chart))
    {
    case SHIRABE_CHART_FREQUENCIES:
      layout_frequencies (self);
      break;
    case SHIRABE_CHART_COOCCURRENCE:
      layout_heatmap (self);
      break;
    case SHIRABE_CHART_MATRIX:
    default:
      layout_matrix (self);
      break;
    }
  self->top = self->pad + self->title_height + self->legend_height + self->header_height;
  self->height = self->top + (self->lines->len > 0
                              ? g_array_index (self->lines, Line, self->lines->len - 1).y +
                                g_array_index (self->lines, Line, self->lines->len - 1).height
                              : 2 * self->em) + self->pad;
  return self;
}

void
shirabe_chart_layout_free (ShirabeChartLayout *self)
{
  if (self == NULL)
    return;
  shirabe_chart_unref (self->chart);
  g_object_unref (self->context);
  g_object_unref (self->rotated_context);
  pango_font_description_free (self->font);
  pango_font_description_free (self->small_font);
  pango_font_description_free (self->title_font);
  g_free (self->title);
  g_free (self->legend_note);
  g_array_unref (self->lines);
  g_free (self->line_of_row);
  g_free (self);
}

void
shirabe_chart_layout_get_size (ShirabeChartLayout *self,
                               double             *width,
                               double             *height)
{
  if (width != NULL)
    *width = self->width;
  if (height != NULL)
    *height = self->height;
}

void
shirabe_chart_layout_get_fixed (ShirabeChartLayout *self,
                                double             *left,
                                double             *top)
{
  if (left != NULL)
    *left = self->left;
  if (top != NULL)
    *top = self->top;
}

/* Geometry of the scrolled part */

static gboolean
bar_rect (ShirabeChartLayout *self,
          guint               row,
          guint               column,
          cairo_rectangle_t  *rect)
{
  const Line *line = &g_array_index (self->lines, Line, self->line_of_row[row]);
  double x = 0;

  rect->y = line->y + 0.35 * self->em;
  rect->height = self->bar_height;
  if (self->grouped_bars)
    {
      rect->x = 0;
      rect->y += column * self->bar_height;
      rect->width = MAX (0, value_of (self, row, column)) / self->scale_max * self->plot_width;
      if (isnan (rect->width))
        rect->width = 0;
      return TRUE;
    }
  for (guint c = 0; c < column; c++)
    {
      double value = value_of (self, row, c);

      if (!isnan (value))
        x += value / self->scale_max * self->plot_width;
    }
  rect->x = x;
  rect->width = value_of (self, row, column) / self->scale_max * self->plot_width;
  if (isnan (rect->width))
    rect->width = 0;
  return TRUE;
}

gboolean
shirabe_chart_layout_get_cell_rect (ShirabeChartLayout *self,
                                    guint               row,
                                    guint               column,
                                    cairo_rectangle_t  *rect)
{
  ShirabeChart *chart = self->chart;
  const Line *line;

  if (row >= shirabe_chart_get_n_rows (chart) || column >= shirabe_chart_get_n_columns (chart))
    return FALSE;
  line = &g_array_index (self->lines, Line, self->line_of_row[row]);
  if (shirabe_chart_get_kind (chart) == SHIRABE_CHART_FREQUENCIES)
    {
      /* The bar's whole band, so that a short bar still shows where it is. */
      bar_rect (self, row, column, rect);
      if (self->grouped_bars || shirabe_chart_get_n_columns (chart) == 1)
        {
          rect->x = 0;
          rect->width = self->plot_width;
        }
      return TRUE;
    }
  rect->x = column * self->cell_width;
  rect->y = line->y;
  rect->width = self->cell_width;
  rect->height = line->height;
  return TRUE;
}

gboolean
shirabe_chart_layout_hit (ShirabeChartLayout *self,
                          double              x,
                          double              y,
                          double              scroll_x,
                          double              scroll_y,
                          guint              *row,
                          guint              *column)
{
  ShirabeChart *chart = self->chart;
  guint n_columns = shirabe_chart_get_n_columns (chart);
  double bx, by;
  int index;
  const Line *line;

  if (y < self->top)
    return FALSE;
  by = y - self->top + scroll_y;
  index = line_at (self, by);
  if (index < 0)
    return FALSE;
  line = &g_array_index (self->lines, Line, index);
  if (line->row < 0)
    return FALSE;
  *row = line->row;

  if (shirabe_chart_get_kind (chart) == SHIRABE_CHART_FREQUENCIES)
    {
      /* Anywhere on a bar's line, labels included; a stacked bar by its segment. */
      if (self->grouped_bars)
        {
          double within = by - line->y - 0.35 * self->em;

          if (within < 0)
            within = 0;
          *column = MIN ((guint) (within / self->bar_height), n_columns - 1);
          return TRUE;
        }
      if (n_columns == 1)
        {
          *column = 0;
          return TRUE;
        }
      bx = x - self->left;
      for (guint c = 0; c < n_columns; c++)
        {
          cairo_rectangle_t rect;

          bar_rect (self, *row, c, &rect);
          if (rect.width > 0 && bx >= rect.x && bx < rect.x + rect.width)
            {
              *column = c;
              return TRUE;
            }
        }
      return FALSE;
    }

  if (x < self->left)
    return FALSE;
  bx = x - self->left + scroll_x;
  if (bx < 0 || bx >= n_columns * self->cell_width)
    return FALSE;
  *column = (guint) (bx / self->cell_width);
  return TRUE;
}

gboolean
shirabe_chart_layout_move (ShirabeChartLayout *self,
                           guint              *row,
                           guint              *column,
                           int                 dx,
                           int                 dy)
{
  ShirabeChart *chart = self->chart;
  guint n_columns = shirabe_chart_get_n_columns (chart);
  gboolean bars = shirabe_chart_get_kind (chart) == SHIRABE_CHART_FREQUENCIES;
  int index = self->line_of_row[*row];

  if (bars && self->grouped_bars)
    {
      /* Down and up go through the groups' bars, then to the next code. */
      int c = (int) *column + dy;

      if (dx != 0)
        dy = dx;
      c = (int) *column + dy;
      if (c >= 0 && c < (int) n_columns)
        {
          *column = c;
          return TRUE;
        }
      for (index += dy; index >= 0 && index < (int) self->lines->len; index += dy)
        if (g_array_index (self->lines, Line, index).row >= 0)
          {
            *row = g_array_index (self->lines, Line, index).row;
            *column = dy > 0 ? 0 : n_columns - 1;
            return TRUE;
          }
      return FALSE;
    }
  if (dx != 0)
    {
      int c = (int) *column + dx;

      if (c < 0 || c >= (int) n_columns)
        return FALSE;
      *column = c;
      return TRUE;
    }
  for (index += dy; index >= 0 && index < (int) self->lines->len; index += dy)
    if (g_array_index (self->lines, Line, index).row >= 0)
      {
        *row = g_array_index (self->lines, Line, index).row;
        return TRUE;
      }
  return FALSE;
}

/* Drawing */

static Rgba
heat_color (ShirabeChartLayout *self,
            double              t)
{
  const Rgba *a = &self->palette->heat_low, *b = &self->palette->heat_high;

  t = CLAMP (t, 0, 1);
  /* A gentle curve, so that small counts are already told from none. */
  t = sqrt (t);
  return (Rgba) { a->r + (b->r - a->r) * t, a->g + (b->g - a->g) * t, a->b + (b->b - a->b) * t,
                  1 };
}

static void
draw_title (ShirabeChartLayout *self,
            cairo_t            *cr,
            double              view_width)
{
  draw_text (self, cr, self->title_font, self->title, self->pad, self->pad,
             view_width - 2 * self->pad, &self->palette->foreground);
}

static void
draw_group_legend (ShirabeChartLayout *self,
                   cairo_t            *cr,
                   double              view_width)
{
  ShirabeChart *chart = self->chart;
  double x = self->pad, y = self->pad + self->title_height;
  double swatch = self->em;

  for (guint c = 0; c < shirabe_chart_get_n_columns (chart); c++)
    {
      g_autofree char *both = NULL;
      const char *label = item_label (self, shirabe_chart_get_column (chart, c), &both);
      double w = swatch + 0.4 * self->em + text_width (self, self->small_font, label) + self->em;
      Rgba color = group_color (self, c);

      if (x > self->pad && x + w > self->width - self->pad)
        {
          x = self->pad;
          y += 1.5 * self->em;
        }
      if (self->style.high_contrast)
        {
          set_color (cr, &self->palette->foreground);
          cairo_rectangle (cr, x + 0.5, y + 0.5, swatch - 1, swatch - 1);
          cairo_set_line_width (cr, 1);
          cairo_stroke_preserve (cr);
        }
      else
        cairo_rectangle (cr, x, y, swatch, swatch);
      set_color (cr, &color);
      cairo_fill (cr);
      draw_text (self, cr, self->small_font, label, x + swatch + 0.4 * self->em,
                 y - 0.1 * self->em, 0, &self->palette->foreground);
      x += w;
    }
}

/* The colour scale of the heatmap and the matrix, with what it means. */
static void
draw_scale_legend (ShirabeChartLayout *self,
                   cairo_t            *cr)
{
  ShirabeChart *chart = self->chart;
  double x = self->pad, y = self->pad + self->title_height + 0.3 * self->em;
  double w = 8 * self->em, h = 0.9 * self->em;

  if (shirabe_chart_get_kind (chart) == SHIRABE_CHART_MATRIX)
    {
      /* Circles sized by the count. */
      for (guint i = 1; i <= 3; i++)
        {
          double r = (0.75 * self->em - 1) * sqrt (i / 3.0);

          set_color (cr, &self->palette->foreground);
          cairo_arc (cr, x + (i - 0.5) * 1.6 * self->em, y + h / 2, r, 0, 2 * G_PI);
          cairo_fill (cr);
        }
      draw_text (self, cr, self->small_font, self->legend_note, x + 5 * self->em,
                 y - 0.15 * self->em, 0, &self->palette->muted);
      return;
    }

  for (int i = 0; i < 64; i++)
    {
      Rgba color = heat_color (self, i / 63.0);

      set_color (cr, &color);
      cairo_rectangle (cr, x + w * i / 64, y, w / 64 + 0.5, h);
      cairo_fill (cr);
    }
  if (self->style.high_contrast)
    {
      set_color (cr, &self->palette->foreground);
      cairo_set_line_width (cr, 1);
      cairo_rectangle (cr, x + 0.5, y + 0.5, w - 1, h - 1);
      cairo_stroke (cr);
    }
  draw_text (self, cr, self->small_font, self->legend_note, x + w + 0.6 * self->em,
             y - 0.15 * self->em, 0, &self->palette->muted);
}

/* Column labels turned to read upwards, their feet on the cells. */
static void
draw_column_labels (ShirabeChartLayout *self,
                    cairo_t            *cr,
                    double              view_width,
                    double              scroll_x)
{
  ShirabeChart *chart = self->chart;
  guint n_columns = shirabe_chart_get_n_columns (chart);
  guint first = (guint) MAX (0, floor (scroll_x / self->cell_width));
  double foot = self->top - 0.4 * self->em;

  cairo_save (cr);
  cairo_rectangle (cr, self->left, 0, MAX (0, view_width - self->left), self->top);
  cairo_clip (cr);
  for (guint c = first; c < n_columns; c++)
    {
      double x = self->left + c * self->cell_width - scroll_x;
      g_autofree char *both = NULL;
      g_autoptr (PangoLayout) layout = NULL;
      int width, height;

      if (x > view_width)
        break;
      const char *label = item_label (self, shirabe_chart_get_column (chart, c), &both);
      double room = self->header_height - self->em;

      cairo_save (cr);
      set_color (cr, &self->palette->foreground);
      if (is_japanese (label))
        {
          /* Written vertically, from the top of the header down: the turned context's
           * gravity keeps Japanese upright and lays Latin script along the line. */
          cairo_translate (cr, x + self->cell_width / 2, foot - room);
          cairo_rotate (cr, G_PI / 2);
          pango_cairo_update_context (cr, self->rotated_context);
          layout = make_text_in (self, self->rotated_context, self->small_font, label, room);
          pango_layout_get_pixel_size (layout, &width, &height);
          cairo_move_to (cr, 0, -height / 2.0);
        }
      else
        {
          /* Latin script reads upwards, its end on the cells. */
          layout = make_text (self, self->small_font, label, room);
          pango_layout_get_pixel_size (layout, &width, &height);
          cairo_translate (cr, x + (self->cell_width - height) / 2, foot);
          cairo_rotate (cr, -G_PI / 2);
          pango_cairo_update_layout (cr, layout);
          cairo_move_to (cr, 0, 0);
        }
      pango_cairo_show_layout (cr, layout);
      cairo_restore (cr);
    }
  cairo_restore (cr);
}

static void
draw_row_label (ShirabeChartLayout *self,
                cairo_t            *cr,
                const Line         *line,
                double              y)
{
  ShirabeChart *chart = self->chart;
  g_autofree char *both = NULL;

  if (line->row < 0)
    {
      const ShirabeChartItem *group = shirabe_chart_get_group (chart, line->group);
      const char *by = shirabe_chart_get_by_label (chart, text_language (self));
      g_autofree char *text = g_strdup_printf ("%s: %s", by != NULL ? by : "",
                                               item_label (self, group, &both));

      draw_text (self, cr, self->font, text, self->pad, y + 0.3 * self->em,
                 self->width - 2 * self->pad, &self->palette->foreground);
      set_color (cr, &self->palette->grid);
      cairo_rectangle (cr, self->pad, y + line->height - 1, self->width, 1);
      cairo_fill (cr);
      return;
    }
  {
    const ShirabeChartItem *item = shirabe_chart_get_row (chart, line->row);
    double indent = shirabe_chart_get_kind (chart) == SHIRABE_CHART_MATRIX
                    ? 0 : item->depth * 0.8 * self->em;
    double text_y = shirabe_chart_get_kind (chart) == SHIRABE_CHART_FREQUENCIES
                    ? y + 0.35 * self->em + (self->grouped_bars
                                             ? 0 : (self->bar_height - 1.3 * self->em) / 2)
                    : y + (line->height - 1.3 * self->em) / 2;

    draw_text (self, cr, self->font, item_label (self, item, &both), self->pad + indent,
               text_y, self->left - self->pad - self->em - indent, &self->palette->foreground);
  }
}

static void
draw_focus (ShirabeChartLayout *self,
            cairo_t            *cr,
            double              x,
            double              y,
            double              width,
            double              height)
{
  set_color (cr, &self->palette->focus);
  cairo_set_line_width (cr, 2);
  cairo_rectangle (cr, x + 1, y + 1, MAX (width - 2, 2), MAX (height - 2, 2));
  cairo_stroke (cr);
}

static void
draw_bars (ShirabeChartLayout *self,
           cairo_t            *cr,
           double              view_width,
           double              view_height,
           double              scroll_y,
           int                 focus_row,
           int                 focus_column)
{
  ShirabeChart *chart = self->chart;
  guint n_columns = shirabe_chart_get_n_columns (chart);
  double x0 = self->left;
  int first = line_at (self, scroll_y);

  /* The axis: ticks along the top, grid lines down the plot. */
  for (double tick = 0; tick <= self->scale_max + 1e-9; tick += self->tick_step)
    {
      double x = x0 + tick / self->scale_max * self->plot_width;
      g_autofree char *text = format_value (tick, self->measure);
      g_autoptr (PangoLayout) layout = make_text (self, self->small_font, text, 0);
      int width;

      pango_layout_get_pixel_size (layout, &width, NULL);
      set_color (cr, &self->palette->muted);
      cairo_move_to (cr, x - width / 2.0, self->top - 1.5 * self->em);
      pango_cairo_show_layout (cr, layout);
      set_color (cr, &self->palette->grid);
      cairo_rectangle (cr, floor (x), self->top - 0.2 * self->em, 1, view_height);
      cairo_fill (cr);
    }

  cairo_save (cr);
  cairo_rectangle (cr, 0, self->top, view_width, MAX (0, view_height - self->top));
  cairo_clip (cr);
  for (guint i = first < 0 ? 0 : (guint) first; i < self->lines->len; i++)
    {
      const Line *line = &g_array_index (self->lines, Line, i);
      double y = self->top + line->y - scroll_y;
      double end = 0;

      if (y > view_height)
        break;
      draw_row_label (self, cr, line, y);
      for (guint c = 0; c < n_columns; c++)
        {
          cairo_rectangle_t rect;
          const ShirabeChartItem *row = shirabe_chart_get_row (chart, line->row);
          Rgba color = n_columns == 1 ? parse_color (row->color) : group_color (self, c);
          double value = value_of (self, line->row, c);

          bar_rect (self, line->row, c, &rect);
          if (rect.width > 0)
            {
              cairo_rectangle (cr, x0 + rect.x, y + rect.y - line->y, rect.width,
                               rect.height - (self->grouped_bars ? 1 : 0));
              set_color (cr, self->style.high_contrast ? &self->palette->foreground : &color);
              if (self->style.high_contrast && n_columns > 1 && c % 2 == 1)
                set_color (cr, &self->palette->muted);
              cairo_fill_preserve (cr);
              set_color (cr, &self->palette->background);
              cairo_set_line_width (cr, self->style.high_contrast ? 1 : 0.5);
              cairo_stroke (cr);
            }
          end = MAX (end, rect.x + rect.width);
          /* The value at the bar's end; a group's empty bar is left blank. */
          if (n_columns == 1 || (self->grouped_bars && rect.width > 0))
            {
              g_autofree char *text = format_value (value, self->measure);

              draw_text (self, cr, self->small_font, text, x0 + rect.x + rect.width + 0.3 * self->em,
                         y + rect.y - line->y + (rect.height - 1.2 * self->em) / 2, 0,
                         &self->palette->muted);
            }
          if ((int) line->row == focus_row && (int) c == focus_column)
            {
              cairo_rectangle_t band;

              shirabe_chart_layout_get_cell_rect (self, line->row, c, &band);
              draw_focus (self, cr, x0 + band.x - 2, y + band.y - line->y - 1,
                          MAX (band.width, 1) + 4, band.height + 2);
            }
        }
      if (!self->grouped_bars && n_columns > 1)
        {
          g_autofree char *total = format_value ((double) shirabe_chart_get_row (chart, line->row)->total,
                                                 SHIRABE_CHART_MEASURE_COUNT);

          draw_text (self, cr, self->small_font, total, x0 + end + 0.3 * self->em,
                     y + 0.35 * self->em + (self->bar_height - 1.2 * self->em) / 2, 0,
                     &self->palette->muted);
        }
    }
  cairo_restore (cr);
}

static void
draw_cells (ShirabeChartLayout *self,
            cairo_t            *cr,
            double              view_width,
            double              view_height,
            double              scroll_x,
            double              scroll_y,
            int                 focus_row,
            int                 focus_column)
{
  ShirabeChart *chart = self->chart;
  gboolean matrix = shirabe_chart_get_kind (chart) == SHIRABE_CHART_MATRIX;
  guint n_columns = shirabe_chart_get_n_columns (chart);
  guint first_column = (guint) MAX (0, floor (scroll_x / self->cell_width));
  int first = line_at (self, scroll_y);

  /* The cells, clipped to their part of the view. */
  cairo_save (cr);
  cairo_rectangle (cr, self->left, self->top, MAX (0, view_width - self->left),
                   MAX (0, view_height - self->top));
  cairo_clip (cr);
  for (guint i = first < 0 ? 0 : (guint) first; i < self->lines->len; i++)
    {
      const Line *line = &g_array_index (self->lines, Line, i);
      double y = self->top + line->y - scroll_y;

      if (y > view_height)
        break;
      if (line->row < 0)
        continue;
      if (matrix && i % 2 == 0 && !self->style.high_contrast)
        {
          Rgba stripe = self->palette->heat_low;

          set_color (cr, &stripe);
          cairo_rectangle (cr, self->left, y, n_columns * self->cell_width - scroll_x, line->height);
          cairo_fill (cr);
        }
      for (guint c = first_column; c < n_columns; c++)
        {
          double x = self->left + c * self->cell_width - scroll_x;
          guint64 count = shirabe_chart_get_count (chart, line->row, c);
          double value = value_of (self, line->row, c);

          if (x > view_width)
            break;
          if (matrix)
            {
              if (count > 0)
                {
                  const ShirabeChartItem *code = shirabe_chart_get_column (chart, c);
                  Rgba color = self->style.high_contrast ? self->palette->foreground
                                                         : parse_color (code->color);
                  double r = (MIN (self->cell_width, line->height) / 2 - 1.5) *
                             sqrt (MIN (count / self->heat_max, 1));

                  cairo_arc (cr, x + self->cell_width / 2, y + line->height / 2, MAX (r, 1.5),
                             0, 2 * G_PI);
                  set_color (cr, &color);
                  cairo_fill_preserve (cr);
                  set_color (cr, &self->palette->foreground);
                  cairo_set_line_width (cr, 0.6);
                  cairo_stroke (cr);
                }
            }
          else
            {
              const ShirabeChartItem *row = shirabe_chart_get_row (chart, line->row);
              const ShirabeChartItem *column = shirabe_chart_get_column (chart, c);
              gboolean diagonal = row->id == column->id;
              Rgba fill = diagonal ? self->palette->diagonal
                                   : heat_color (self, isnan (value) ? 0 : value / self->heat_max);
              g_autofree char *text = NULL;
              g_autoptr (PangoLayout) layout = NULL;
              int width, height;

              set_color (cr, &fill);
              cairo_rectangle (cr, x, y, self->cell_width - 1, line->height - 1);
              cairo_fill (cr);
              if (self->style.high_contrast)
                {
                  set_color (cr, &self->palette->grid);
                  cairo_set_line_width (cr, 1);
                  cairo_rectangle (cr, x + 0.5, y + 0.5, self->cell_width - 1, line->height - 1);
                  cairo_stroke (cr);
                }
              /* The number, when it fits; the diagonal's is the code's own count. */
              text = diagonal ? format_value ((double) count, SHIRABE_CHART_MEASURE_COUNT)
                              : format_value (value, self->measure);
              layout = make_text (self, self->small_font, text, 0);
              pango_layout_get_pixel_size (layout, &width, &height);
              if (width + 4 <= self->cell_width && (count > 0 || diagonal))
                {
                  Rgba ink = luminance (&fill) > 0.5 ? (Rgba) { 0, 0, 0, 1 }
                                                     : (Rgba) { 1, 1, 1, 1 };

                  set_color (cr, &ink);
                  cairo_move_to (cr, x + (self->cell_width - width) / 2,
                                 y + (line->height - height) / 2);
                  pango_cairo_show_layout (cr, layout);
                }
            }
          if ((int) line->row == focus_row && (int) c == focus_column)
            draw_focus (self, cr, x - 1, y - 1, self->cell_width + 1, line->height + 1);
        }
    }
  cairo_restore (cr);

  /* Row labels, held on the left. */
  cairo_save (cr);
  cairo_rectangle (cr, 0, self->top, self->left, MAX (0, view_height - self->top));
  cairo_clip (cr);
  set_color (cr, &self->palette->background);
  cairo_paint (cr);
  for (guint i = first < 0 ? 0 : (guint) first; i < self->lines->len; i++)
    {
      const Line *line = &g_array_index (self->lines, Line, i);
      double y = self->top + line->y - scroll_y;

      if (y > view_height)
        break;
      draw_row_label (self, cr, line, y);
    }
  cairo_restore (cr);
  draw_column_labels (self, cr, view_width, scroll_x);
}

void
shirabe_chart_layout_draw (ShirabeChartLayout *self,
                           cairo_t            *cr,
                           double              view_width,
                           double              view_height,
                           double              scroll_x,
                           double              scroll_y,
                           int                 focus_row,
                           int                 focus_column)
{
  ShirabeChart *chart = self->chart;

  cairo_save (cr);
  set_color (cr, &self->palette->background);
  cairo_paint (cr);
  draw_title (self, cr, view_width);
  if (shirabe_chart_get_n_rows (chart) == 0 || shirabe_chart_get_n_columns (chart) == 0)
    {
      gboolean ja = text_language (self) == SHIRABE_LANGUAGE_JA;

      draw_text (self, cr, self->font,
                 ja ? "表示するものがありません（コードまたは語りがありません）"
                    : "Nothing to show: no codes or no narratives here",
                 self->pad, self->top, view_width - 2 * self->pad, &self->palette->muted);
      cairo_restore (cr);
      return;
    }
  if (shirabe_chart_get_kind (chart) == SHIRABE_CHART_FREQUENCIES)
    {
      draw_group_legend (self, cr, view_width);
      draw_bars (self, cr, view_width, view_height, scroll_y, focus_row, focus_column);
    }
  else
    {
      draw_scale_legend (self, cr);
      draw_cells (self, cr, view_width, view_height, scroll_x, scroll_y, focus_row, focus_column);
    }
  cairo_restore (cr);
}

/* Files */

gboolean
shirabe_chart_save_image (ShirabeChart            *chart,
                          const ShirabeChartStyle *style,
                          const char              *path,
                          gboolean                 force,
                          GError                 **error)
{
  g_autoptr (ShirabeChartLayout) layout = NULL;
  g_autofree char *dir = NULL, *base = NULL, *tmp_name = NULL, *tmp_path = NULL;
  g_autofree char *display = g_filename_display_name (path);
  gboolean svg = g_str_has_suffix (path, ".svg") || g_str_has_suffix (path, ".SVG");
  gboolean png = g_str_has_suffix (path, ".png") || g_str_has_suffix (path, ".PNG");
  ShirabeOutputFlags flags = force ? SHIRABE_OUTPUT_REPLACE_ANY : SHIRABE_OUTPUT_DEFAULT;
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;
  double width, height;
  int fd;

  g_return_val_if_fail (chart != NULL && style != NULL && path != NULL, FALSE);

  if (!svg && !png)
    {
      g_set_error (error, SHIRABE_ERROR, SHIRABE_ERROR_INVALID,
                   _("Cannot tell what to write to “%s”: name it .svg or .png"), display);
      return FALSE;
    }
  if (!shirabe_output_check_target (path, svg ? SHIRABE_OUTPUT_TEXT : SHIRABE_OUTPUT_IMAGE,
                                    flags, error))
    return FALSE;
  dir = g_path_get_dirname (path);
  base = g_path_get_basename (path);
  tmp_name = g_strconcat (".", base, ".XXXXXX", NULL);
  tmp_path = g_build_filename (dir, tmp_name, NULL);
  fd = g_mkstemp (tmp_path);
  if (fd < 0)
    {
      shirabe_export_set_io_error (error, path, errno);
      return FALSE;
    }
  close (fd);

  layout = shirabe_chart_layout_new (chart, style, NULL);
  shirabe_chart_layout_get_size (layout, &width, &height);
  if (svg)
    {
      surface = cairo_svg_surface_create (tmp_path, width, height);
      cairo_svg_surface_set_document_unit (surface, CAIRO_SVG_UNIT_PX);
    }
  else
    {
      /* Twice the pixels, for print and for high-density screens. */
      surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, (int) ceil (width * 2),
                                            (int) ceil (height * 2));
    }
  cr = cairo_create (surface);
  if (png)
    cairo_scale (cr, 2, 2);
  shirabe_chart_layout_draw (layout, cr, width, height, 0, 0, -1, -1);
  cairo_destroy (cr);
  if (png)
    status = cairo_surface_write_to_png (surface, tmp_path);
  else
    {
      cairo_surface_finish (surface);
      status = cairo_surface_status (surface);
    }
  cairo_surface_destroy (surface);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_unlink (tmp_path);
      g_set_error (error, SHIRABE_ERROR, SHIRABE_ERROR_FAILED, _("Cannot write “%s”: %s"),
                   display, cairo_status_to_string (status));
      return FALSE;
    }
  if (g_chmod (tmp_path, shirabe_export_file_mode ()) != 0 ||
      !shirabe_output_check_target (path, svg ? SHIRABE_OUTPUT_TEXT : SHIRABE_OUTPUT_IMAGE,
                                    flags, error) ||
      g_rename (tmp_path, path) != 0)
    {
      int saved_errno = errno;

      g_unlink (tmp_path);
      if (error != NULL && *error == NULL)
        shirabe_export_set_io_error (error, path, saved_errno);
      return FALSE;
    }
  return TRUE;
}
