/* shirabe-chart-table.c: a chart's numbers as a CSV file or a workbook
 *
 * One row per row of the chart, one column per column, the labels in the language asked for;
 * a frequencies table ends with the units in each group (the base of its percentages). The
 * CSV holds the table alone, for R and pandas; the workbook adds a sheet that says what the
 * numbers count. Written through the statistics export's sinks: the target is checked and
 * the file appears whole or not at all.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "shirabe-chart.h"
#include "shirabe-export-private.h"
#include "shirabe-i18n.h"

typedef struct
{
  const char *en;
  const char *ja;
} Pair;

static const Pair corner_labels[] = {
  [SHIRABE_CHART_UNIT_CODINGS] = { "code", "コード" },
  [SHIRABE_CHART_UNIT_PASSAGES] = { "code", "コード" },
  [SHIRABE_CHART_UNIT_NARRATIVES] = { "narrative", "語り" },
  [SHIRABE_CHART_UNIT_CASES] = { "case", "事例" },
};
static const Pair group_label = { "group", "グループ" };
static const Pair total_label = { "units in the group", "グループの単位数" };
static const Pair about_labels[] = {
  { "chart", "チャート" }, { "about", "説明" }, { "what", "項目" }, { "value", "内容" },
  { "title", "タイトル" }, { "measure", "値" },
};
static const Pair measure_labels[] = {
  [SHIRABE_CHART_MEASURE_COUNT] = { "count", "件数" },
  [SHIRABE_CHART_MEASURE_PERCENT] = { "percentage of the group", "グループ内の割合（%）" },
  [SHIRABE_CHART_MEASURE_JACCARD] = { "Jaccard coefficient (both ÷ either)",
                                      "Jaccard係数（両方 ÷ いずれか）" },
};

static const char *
pick (const Pair      *pair,
      ShirabeLanguage  language)
{
  return language == SHIRABE_LANGUAGE_JA ? pair->ja : pair->en;
}

static void
set_text (ShirabeExportCell *cell,
          const char        *text)
{
  cell->type = SHIRABE_CELL_TEXT;
  cell->text = text;
  cell->len = strlen (text);
}

static void
set_value (ShirabeExportCell   *cell,
           const ShirabeChart  *chart,
           guint                row,
           guint                column,
           ShirabeChartMeasure  measure)
{
  double value = shirabe_chart_get_value (chart, row, column, measure);

  if (isnan (value))
    cell->type = SHIRABE_CELL_EMPTY;
  else if (measure == SHIRABE_CHART_MEASURE_COUNT)
    {
      cell->type = SHIRABE_CELL_INTEGER;
      cell->integer = (gint64) value;
    }
  else
    {
      cell->type = SHIRABE_CELL_NUMBER;
      cell->number = value;
    }
}

static void
free_columns (ShirabeExportColumn *columns,
              guint                n_columns)
{
  for (guint i = 0; i < n_columns; i++)
    g_free (columns[i].header);
  g_free (columns);
}

static gboolean
write_numbers (const ShirabeChart   *chart,
               ShirabeExportSink    *sink,
               ShirabeLanguage       language,
               ShirabeChartMeasure   measure,
               GError              **error)
{
  ShirabeChartKind kind = shirabe_chart_get_kind (chart);
  guint n_rows = shirabe_chart_get_n_rows (chart);
  guint n_chart_columns = shirabe_chart_get_n_columns (chart);
  gboolean grouped = kind == SHIRABE_CHART_MATRIX && shirabe_chart_get_n_groups (chart) > 0;
  guint first = grouped ? 2 : 1;
  guint n_columns = first + n_chart_columns;
  ShirabeExportColumn *columns = g_new0 (ShirabeExportColumn, n_columns);
  g_autofree ShirabeExportCell *cells = g_new0 (ShirabeExportCell, n_columns);
  ShirabeExportTable table = { pick (&about_labels[0], language), "chart", columns, n_columns };
  ShirabeChartUnit corner = kind == SHIRABE_CHART_MATRIX ? shirabe_chart_get_unit (chart)
                                                          : SHIRABE_CHART_UNIT_CODINGS;
  ShirabeColumnKind value_kind = measure == SHIRABE_CHART_MEASURE_COUNT
                                 ? SHIRABE_COLUMN_INTEGER : SHIRABE_COLUMN_NUMBER;
  gboolean ok = FALSE;

  columns[0].header = g_strdup (pick (&corner_labels[corner], language));
  columns[0].kind = SHIRABE_COLUMN_TEXT;
  if (grouped)
    {
      columns[1].header = g_strdup (pick (&group_label, language));
      columns[1].kind = SHIRABE_COLUMN_TEXT;
    }
  for (guint c = 0; c < n_chart_columns; c++)
    {
      columns[first + c].header =
        g_strdup (shirabe_chart_item_get_label (shirabe_chart_get_column (chart, c), language));
      columns[first + c].kind = value_kind;
    }
  if (!sink->vtable->begin_table (sink, &table, error))
    goto out;

  for (guint r = 0; r < n_rows; r++)
    {
      const ShirabeChartItem *item = shirabe_chart_get_row (chart, r);

      set_text (&cells[0], shirabe_chart_item_get_label (item, language));
      if (grouped)
        set_text (&cells[1], item->group >= 0
                             ? shirabe_chart_item_get_label (shirabe_chart_get_group (chart,
                                                                                      item->group),
                                                             language)
                             : "");
      for (guint c = 0; c < n_chart_columns; c++)
        set_value (&cells[first + c], chart, r, c, measure);
      if (!sink->vtable->write_row (sink, cells, error))
        goto out;
    }
  if (kind == SHIRABE_CHART_FREQUENCIES)
    {
      set_text (&cells[0], pick (&total_label, language));
      for (guint c = 0; c < n_chart_columns; c++)
        {
          cells[first + c].type = SHIRABE_CELL_INTEGER;
          cells[first + c].integer = (gint64) shirabe_chart_get_column (chart, c)->total;
        }
      if (!sink->vtable->write_row (sink, cells, error))
        goto out;
    }
  ok = sink->vtable->end_table (sink, error);

out:
  free_columns (columns, n_columns);
  return ok;
}

/* The workbook's second sheet: what the numbers are. */
static gboolean
write_about (const ShirabeChart   *chart,
             ShirabeExportSink    *sink,
             ShirabeLanguage       language,
             ShirabeChartMeasure   measure,
             GError              **error)
{
  ShirabeExportColumn columns[] = {
    { (char *) pick (&about_labels[2], language), SHIRABE_COLUMN_TEXT },
    { (char *) pick (&about_labels[3], language), SHIRABE_COLUMN_LONG_TEXT },
  };
  ShirabeExportTable table = { pick (&about_labels[1], language), "about", columns, 2 };
  g_autofree char *title = shirabe_chart_dup_title (chart, language);
  ShirabeExportCell cells[2] = { 0 };

  if (!sink->vtable->begin_table (sink, &table, error))
    return FALSE;
  set_text (&cells[0], pick (&about_labels[4], language));
  set_text (&cells[1], title);
  if (!sink->vtable->write_row (sink, cells, error))
    return FALSE;
  set_text (&cells[0], pick (&about_labels[5], language));
  set_text (&cells[1], pick (&measure_labels[measure], language));
  if (!sink->vtable->write_row (sink, cells, error))
    return FALSE;
  return sink->vtable->end_table (sink, error);
}

gboolean
shirabe_chart_write_table (const ShirabeChart   *self,
                           const char           *path,
                           ShirabeExportFormat   format,
                           ShirabeLanguage       language,
                           ShirabeChartMeasure   measure,
                           gboolean              no_bom,
                           gboolean              force,
                           GError              **error)
{
  ShirabeExportOptions options = { 0 };
  ShirabeExportResult result = { 0 };
  g_autofree char *title = NULL;
  ShirabeExportMeta meta = { NULL, NULL, NULL };
  ShirabeExportSink *sink;
  gboolean ok;

  g_return_val_if_fail (self != NULL && path != NULL, FALSE);

  if (!shirabe_chart_measure_is_valid (self, measure))
    measure = SHIRABE_CHART_MEASURE_COUNT;
  options.format = format;
  options.language = language;
  options.no_bom = no_bom;
  options.force = force;
  title = shirabe_chart_dup_title (self, language);
  meta.title = title;
  sink = format == SHIRABE_EXPORT_CSV
         ? shirabe_export_csv_file_sink_new (path, &options, &result, error)
         : shirabe_export_xlsx_sink_new (path, &options, &meta, &result, error);
  if (sink == NULL)
    return FALSE;
  ok = write_numbers (self, sink, language, measure, error) &&
       (format == SHIRABE_EXPORT_CSV || write_about (self, sink, language, measure, error)) &&
       sink->vtable->commit (sink, error);
  if (!ok)
    sink->vtable->abort (sink);
  sink->vtable->free (sink);
  return ok;
}
