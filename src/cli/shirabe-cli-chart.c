/* shirabe-cli-chart.c: `shirabe-cli chart PROJECT frequencies|cooccurrence|matrix`
 *
 * Prints the chart's numbers as a table, or writes them as CSV or XLSX, or draws the chart
 * as SVG or PNG, by the extension of -o.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "shirabe-cli-private.h"

#include <math.h>

#include "shirabe-attribute.h"
#include "shirabe-chart.h"
#include "shirabe-chart-draw.h"
#include "shirabe-filter.h"

static gint64
find_attribute (ShirabeProject  *project,
                const char      *spec,
                GError         **error)
{
  g_autoptr (GError) narrative_error = NULL;
  gint64 id = shirabe_project_find_attribute (project, SHIRABE_SCOPE_CASE, spec, error);

  if (id != 0)
    return id;
  id = shirabe_project_find_attribute (project, SHIRABE_SCOPE_NARRATIVE, spec, &narrative_error);
  if (id != 0)
    g_clear_error (error);
  return id;
}

static char *
format_cell (const ShirabeChart  *chart,
             guint                row,
             guint                column,
             ShirabeChartMeasure  measure)
{
  double value = shirabe_chart_get_value (chart, row, column, measure);

  if (isnan (value))
    return g_strdup ("—");
  switch (measure)
    {
    case SHIRABE_CHART_MEASURE_PERCENT:
      return g_strdup_printf ("%.1f", value);
    case SHIRABE_CHART_MEASURE_JACCARD:
      return g_strdup_printf ("%.3f", value);
    case SHIRABE_CHART_MEASURE_COUNT:
    default:
      return shirabe_cli_format_int ((gint64) value);
    }
}

static void
print_chart (const ShirabeChart  *chart,
             ShirabeLanguage      language,
             ShirabeChartMeasure  measure)
{
  guint n_columns = shirabe_chart_get_n_columns (chart);
  guint n_rows = shirabe_chart_get_n_rows (chart);
  g_autofree char *align = g_strnfill (n_columns + 1, 'r');
  g_autoptr (GPtrArray) cells = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *title = shirabe_chart_dup_title (chart, language);
  ShirabeCliTable *table;

  align[0] = 'l';
  g_print ("%s\n", title);
  g_ptr_array_add (cells, g_strdup (""));
  for (guint c = 0; c < n_columns; c++)
    g_ptr_array_add (cells, g_strdup (shirabe_chart_item_get_label (
                                        shirabe_chart_get_column (chart, c), language)));
  table = shirabe_cli_table_new_v (align, (const char * const *) cells->pdata);
  for (guint r = 0; r < n_rows; r++)
    {
      const ShirabeChartItem *item = shirabe_chart_get_row (chart, r);
      g_autofree char *indent = g_strnfill (item->depth * 2, ' ');

      g_ptr_array_set_size (cells, 0);
      g_ptr_array_add (cells, g_strconcat (indent, shirabe_chart_item_get_label (item, language),
                                           NULL));
      for (guint c = 0; c < n_columns; c++)
        g_ptr_array_add (cells, format_cell (chart, r, c, measure));
      shirabe_cli_table_add_v (table, (const char * const *) cells->pdata);
    }
  if (shirabe_chart_get_kind (chart) == SHIRABE_CHART_FREQUENCIES)
    {
      g_ptr_array_set_size (cells, 0);
      g_ptr_array_add (cells, g_strdup (_("(units in the group)")));
      for (guint c = 0; c < n_columns; c++)
        g_ptr_array_add (cells, shirabe_cli_format_int (
                                  (gint64) shirabe_chart_get_column (chart, c)->total));
      shirabe_cli_table_add_v (table, (const char * const *) cells->pdata);
    }
  shirabe_cli_table_print (table);
  shirabe_cli_table_free (table);
}

int
shirabe_cli_chart (int    argc,
                   char **argv)
{
  g_autofree char *codes_text = NULL, *with_text = NULL, *by_text = NULL, *ranges_text = NULL;
  g_autofree char *unit_text = NULL, *within_text = NULL, *measure_text = NULL;
  g_autofree char *lang_text = NULL, *sort_text = NULL, *coder_text = NULL;
  g_autofree char *output = NULL, *width_text = NULL;
  g_auto (GStrv) wheres = NULL;
  gboolean stacked = FALSE, dark = FALSE, high_contrast = FALSE, no_bom = FALSE, force = FALSE;
  const GOptionEntry entries[] = {
    { "codes", 0, 0, G_OPTION_ARG_STRING, &codes_text,
      N_("The codes under this one (and itself); default: the whole codebook"), N_("CODE") },
    { "with", 0, 0, G_OPTION_ARG_STRING, &with_text,
      N_("Co-occurrence: the codes of the columns, under this one (default: as --codes)"),
      N_("CODE") },
    { "by", 0, 0, G_OPTION_ARG_STRING, &by_text,
      N_("Frequencies: one bar per group of this attribute; matrix: rows grouped by it"),
      N_("ATTRIBUTE") },
    { "ranges", 0, 0, G_OPTION_ARG_STRING, &ranges_text,
      N_("Groups of a number or date attribute from these bounds, e.g. 18,30,50 (default: "
         "chosen from the values)"), N_("A,B,…") },
    { "unit", 0, 0, G_OPTION_ARG_STRING, &unit_text,
      N_("What is counted: case, narrative, passage or coding (default case)"), N_("UNIT") },
    { "within", 0, 0, G_OPTION_ARG_STRING, &within_text,
      N_("Co-occurrence over passages: passages at most N characters apart count as together "
         "(default: only overlapping ones)"), N_("N") },
    { "measure", 0, 0, G_OPTION_ARG_STRING, &measure_text,
      N_("count; percent (of the group, frequencies); jaccard (co-occurrence over cases or "
         "narratives)"), N_("MEASURE") },
    { "stacked", 0, 0, G_OPTION_ARG_NONE, &stacked,
      N_("Frequencies by group: stack the groups in one bar per code"), NULL },
    { "sort", 0, 0, G_OPTION_ARG_STRING, &sort_text,
      N_("Frequencies: tree (the codebook’s order, default) or size"), N_("ORDER") },
    { "coder", 0, 0, G_OPTION_ARG_STRING, &coder_text,
      N_("Only this coder’s codings"), N_("CODER") },
    { "where", 0, 0, G_OPTION_ARG_STRING_ARRAY, &wheres,
      N_("Only narratives whose attributes meet this condition (repeatable), e.g. "
         "\"age >= 18\""), N_("CONDITION") },
    { "lang", 0, 0, G_OPTION_ARG_STRING, &lang_text,
      N_("The labels’ language: en, ja or both (both: images only)"), N_("LANG") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
      N_("Write to FILE: .svg or .png draws the chart, .csv or .xlsx writes its numbers "
         "(default: print a table)"), N_("FILE") },
    { "width", 0, 0, G_OPTION_ARG_STRING, &width_text,
      N_("Images: the width in pixels (default 900)"), N_("PIXELS") },
    { "dark", 0, 0, G_OPTION_ARG_NONE, &dark, N_("Images: light on dark"), NULL },
    { "high-contrast", 0, 0, G_OPTION_ARG_NONE, &high_contrast,
      N_("Images: black and white with outlines"), NULL },
    { "no-bom", 0, 0, G_OPTION_ARG_NONE, &no_bom,
      N_("CSV without the byte order mark Excel needs"), NULL },
    { "force", 0, 0, G_OPTION_ARG_NONE, &force,
      N_("Replace an existing file even if it is of another kind"), NULL },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr (GOptionContext) context = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (ShirabeFilter) filter = NULL;
  g_autoptr (ShirabeChart) chart = NULL;
  g_auto (GStrv) ranges = NULL;
  ShirabeChartSpec spec = { 0 };
  ShirabeChartStyle style = { 0 };
  ShirabeLanguage language = shirabe_cli_display_language ();
  ShirabeChartLabels labels;
  ShirabeProject *project;
  guint64 within = 0, width = 900;
  int status = SHIRABE_CLI_EXIT_OK;

  context = shirabe_cli_context_new (N_("PROJECT frequencies|cooccurrence|matrix"),
                                     N_("Counts the codes as the charts of the app draw them. "
                                        "frequencies: per code, the cases (narratives, "
                                        "passages, codings) having it, optionally by group of "
                                        "an attribute; cooccurrence: per pair of codes, the "
                                        "cases or narratives having both, or their passages "
                                        "that overlap; matrix: the codings per case (or "
                                        "narrative) and code. Prints a table, or writes -o "
                                        "FILE: SVG or PNG draws the chart, CSV or XLSX holds "
                                        "its numbers."),
                                     entries);
  if (!shirabe_cli_parse (context, &argc, &argv, 2, 2, &status))
    return status;
  if (!shirabe_chart_kind_from_string (argv[2], &spec.kind))
    return shirabe_cli_usage_error (_("The chart must be frequencies, cooccurrence or matrix, "
                                      "not “%s”"), argv[2]);
  spec.unit = SHIRABE_CHART_UNIT_CASES;
  if (unit_text != NULL && !shirabe_chart_unit_from_string (unit_text, &spec.unit))
    return shirabe_cli_usage_error (_("--unit must be case, narrative, passage or coding, not "
                                      "“%s”"), unit_text);
  if (!shirabe_chart_unit_is_valid (spec.kind, spec.unit))
    return shirabe_cli_usage_error (spec.kind == SHIRABE_CHART_MATRIX
                                    ? _("The matrix’s --unit is case or narrative (its rows)")
                                    : _("Co-occurrence’s --unit is case, narrative or passage"));
  if (within_text != NULL &&
      !shirabe_cli_parse_count ("--within", within_text, G_MAXINT32, &within, &status))
    return status;
  if (within_text != NULL && (spec.kind != SHIRABE_CHART_COOCCURRENCE ||
                              spec.unit != SHIRABE_CHART_UNIT_PASSAGES))
    return shirabe_cli_usage_error (_("--within applies to co-occurrence over passages "
                                      "(--unit passage)"));
  spec.distance = (gint64) within;
  if (with_text != NULL && spec.kind != SHIRABE_CHART_COOCCURRENCE)
    return shirabe_cli_usage_error (_("--with applies to co-occurrence"));
  if (by_text != NULL && spec.kind == SHIRABE_CHART_COOCCURRENCE)
    return shirabe_cli_usage_error (_("--by applies to frequencies and the matrix"));
  if (ranges_text != NULL && by_text == NULL)
    return shirabe_cli_usage_error (_("--ranges needs --by"));

  style.measure = SHIRABE_CHART_MEASURE_COUNT;
  if (measure_text != NULL)
    {
      if (g_ascii_strcasecmp (measure_text, "count") == 0)
        style.measure = SHIRABE_CHART_MEASURE_COUNT;
      else if (g_ascii_strcasecmp (measure_text, "percent") == 0 &&
               spec.kind == SHIRABE_CHART_FREQUENCIES)
        style.measure = SHIRABE_CHART_MEASURE_PERCENT;
      else if (g_ascii_strcasecmp (measure_text, "jaccard") == 0 &&
               spec.kind == SHIRABE_CHART_COOCCURRENCE && spec.unit != SHIRABE_CHART_UNIT_PASSAGES)
        style.measure = SHIRABE_CHART_MEASURE_JACCARD;
      else
        return shirabe_cli_usage_error (_("--measure must be count, percent (frequencies) or "
                                          "jaccard (co-occurrence over cases or narratives), "
                                          "not “%s” here"), measure_text);
    }
  labels = language == SHIRABE_LANGUAGE_JA ? SHIRABE_CHART_LABELS_JA : SHIRABE_CHART_LABELS_EN;
  if (lang_text != NULL)
    {
      if (g_strcmp0 (lang_text, "ja") == 0)
        labels = SHIRABE_CHART_LABELS_JA;
      else if (g_strcmp0 (lang_text, "en") == 0)
        labels = SHIRABE_CHART_LABELS_EN;
      else if (g_strcmp0 (lang_text, "both") == 0)
        labels = SHIRABE_CHART_LABELS_BOTH;
      else
        return shirabe_cli_usage_error (_("--lang must be en, ja or both, not “%s”"), lang_text);
      language = labels == SHIRABE_CHART_LABELS_EN ? SHIRABE_LANGUAGE_EN : SHIRABE_LANGUAGE_JA;
    }
  if (sort_text != NULL && g_strcmp0 (sort_text, "tree") != 0 && g_strcmp0 (sort_text, "size") != 0)
    return shirabe_cli_usage_error (_("--sort must be tree or size, not “%s”"), sort_text);
  if (width_text != NULL &&
      !shirabe_cli_parse_count ("--width", width_text, 20000, &width, &status))
    return status;
  if (width < 200)
    return shirabe_cli_usage_error (_("--width must be at least 200 pixels"));
  style.labels = labels;
  style.stacked = stacked;
  style.sort_by_size = g_strcmp0 (sort_text, "size") == 0;
  style.dark = dark;
  style.high_contrast = high_contrast;
  style.width = (double) width;

  if ((project = shirabe_cli_open (argv[1], TRUE, &status)) == NULL)
    return status;
  if (codes_text != NULL &&
      (spec.codes = shirabe_project_find_code (project, codes_text, &error)) == 0)
    return shirabe_cli_close (project, shirabe_cli_error (error));
  if (with_text != NULL &&
      (spec.codes_with = shirabe_project_find_code (project, with_text, &error)) == 0)
    return shirabe_cli_close (project, shirabe_cli_error (error));
  if (by_text != NULL && (spec.by_attribute = find_attribute (project, by_text, &error)) == 0)
    return shirabe_cli_close (project, shirabe_cli_error (error));
  if (ranges_text != NULL)
    {
      ranges = g_strsplit (ranges_text, ",", -1);
      for (guint i = 0; ranges[i] != NULL; i++)
        g_strstrip (ranges[i]);
      spec.breaks = (const char * const *) ranges;
    }
  if (coder_text != NULL &&
      (spec.coder_id = shirabe_project_find_coder (project, coder_text, &error)) == 0)
    return shirabe_cli_close (project, shirabe_cli_error (error));
  filter = shirabe_filter_new ();
  for (guint i = 0; wheres != NULL && wheres[i] != NULL; i++)
    if (!shirabe_filter_add_where (filter, project, wheres[i], &error))
      return shirabe_cli_close (project, shirabe_cli_error (error));
  spec.filter = filter;

  chart = shirabe_chart_compute (project, &spec, NULL, &error);
  if (chart == NULL)
    return shirabe_cli_close (project, shirabe_cli_error (error));

  if (output == NULL)
    print_chart (chart, language, style.measure);
  else if (g_str_has_suffix (output, ".svg") || g_str_has_suffix (output, ".png") ||
           g_str_has_suffix (output, ".SVG") || g_str_has_suffix (output, ".PNG"))
    {
      if (!shirabe_chart_save_image (chart, &style, output, force, &error))
        return shirabe_cli_close (project, shirabe_cli_error (error));
    }
  else if (g_str_has_suffix (output, ".csv") || g_str_has_suffix (output, ".CSV") ||
           g_str_has_suffix (output, ".xlsx") || g_str_has_suffix (output, ".XLSX"))
    {
      ShirabeExportFormat format = g_str_has_suffix (output, ".xlsx") ||
                                   g_str_has_suffix (output, ".XLSX")
                                   ? SHIRABE_EXPORT_XLSX : SHIRABE_EXPORT_CSV;

      if (!shirabe_chart_write_table (chart, output, format, language, style.measure, no_bom,
                                      force, &error))
        return shirabe_cli_close (project, shirabe_cli_error (error));
    }
  else
    {
      shirabe_cli_message (_("Cannot tell what to write to “%s”: name it .svg, .png, .csv or "
                             ".xlsx"), output);
      return shirabe_cli_close (project, SHIRABE_CLI_EXIT_USAGE);
    }
  return shirabe_cli_close (project, status);
}
