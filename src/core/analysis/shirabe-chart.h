/* shirabe-chart.h: the numbers behind the charts: code frequencies by group, code
 * co-occurrence and the case × code matrix
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every chart is a table of counts computed here and only drawn elsewhere
 * (shirabe-chart-draw.h), so that the picture, its CSV and the statistics export agree.
 * Codings count as stored, every narrative on its own (a translation's codings too), as the
 * export's co-occurrence table counts them:
 *
 * - frequencies: one row per codable code of the subtree, one column per group of the
 *   attribute asked for (or one column, "All"); a cell counts the code's codings, its
 *   passages (a code's overlapping codings in a narrative, by any coder, are one passage), the
 *   narratives having it or the cases having it, in the group. A column's total is the number
 *   of units in the group (its codings or passages of the codes shown, its narratives, its
 *   cases), the base of the percentages.
 * - co-occurrence: codes × codes (two subtrees, or one against itself); a cell counts the
 *   cases, or the narratives, having both codes, or the pairs of passages of the two codes
 *   that overlap (or lie at most @distance characters apart). The diagonal is the code's own
 *   count: the cases, narratives or passages having it.
 * - matrix: one row per case (or per narrative), one column per codable code of the subtree; a
 *   cell counts the codings. Rows may be grouped by an attribute.
 *
 * Groups: a choice, text or boolean attribute groups by value (choices in their order); an
 * integer, number or date attribute by ranges, given as @breaks or chosen (at most about
 * eight of them, on round numbers; dates by year); units without a value make a last group.
 * A group is found through the narrative: a case attribute's value is its case's, a narrative
 * attribute's the narrative's own, so that a case may be in several groups of a narrative
 * attribute.
 */
#pragma once

#include <gio/gio.h>

#include "shirabe-filter.h"
#include "shirabe-passages.h"
#include "shirabe-project.h"

G_BEGIN_DECLS

typedef enum
{
  SHIRABE_CHART_FREQUENCIES,
  SHIRABE_CHART_COOCCURRENCE,
  SHIRABE_CHART_MATRIX,
} ShirabeChartKind;

/**
 * ShirabeChartUnit:
 * @SHIRABE_CHART_UNIT_CODINGS: every coding as stored (frequencies)
 * @SHIRABE_CHART_UNIT_PASSAGES: distinct passages (frequencies; co-occurrence: overlapping or
 *   nearby passages)
 * @SHIRABE_CHART_UNIT_NARRATIVES: narratives (frequencies, co-occurrence; the matrix's rows)
 * @SHIRABE_CHART_UNIT_CASES: cases (frequencies, co-occurrence; the matrix's rows)
 */
typedef enum
{
  SHIRABE_CHART_UNIT_CODINGS,
  SHIRABE_CHART_UNIT_PASSAGES,
  SHIRABE_CHART_UNIT_NARRATIVES,
  SHIRABE_CHART_UNIT_CASES,
} ShirabeChartUnit;

/**
 * ShirabeChartMeasure:
 * @SHIRABE_CHART_MEASURE_COUNT: the count
 * @SHIRABE_CHART_MEASURE_PERCENT: frequencies: the count as a percentage of its group's total
 * @SHIRABE_CHART_MEASURE_JACCARD: co-occurrence over cases or narratives: both ÷ either
 *   (the cell over the two diagonals less the cell), from 0 to 1
 */
typedef enum
{
  SHIRABE_CHART_MEASURE_COUNT,
  SHIRABE_CHART_MEASURE_PERCENT,
  SHIRABE_CHART_MEASURE_JACCARD,
} ShirabeChartMeasure;

const char *shirabe_chart_kind_to_string     (ShirabeChartKind     kind);
gboolean    shirabe_chart_kind_from_string   (const char          *text,
                                              ShirabeChartKind    *kind);
const char *shirabe_chart_unit_to_string     (ShirabeChartUnit     unit);
gboolean    shirabe_chart_unit_from_string   (const char          *text,
                                              ShirabeChartUnit    *unit);
/* Whether @kind is defined on @unit (the matrix: cases or narratives; co-occurrence: not
 * codings). */
gboolean    shirabe_chart_unit_is_valid      (ShirabeChartKind     kind,
                                              ShirabeChartUnit     unit);

/**
 * ShirabeChartSpec:
 * @kind: which chart
 * @unit: what is counted (see #ShirabeChartUnit)
 * @codes: the subtree whose codable codes are shown (the code itself when codable, and those
 *   below it); 0 for the whole codebook
 * @codes_with: co-occurrence only: the columns' subtree; 0 for the same codes as the rows
 * @by_attribute: frequencies: the attribute whose groups make the columns; matrix: the
 *   attribute whose groups the rows are ordered and grouped by; 0 for none
 * @breaks: (nullable): ranges of an integer, number or date @by_attribute: their lower bounds
 *   after the first, as typed ("18", "30"; "2015-01-01"); %NULL chooses them
 * @distance: co-occurrence over passages: passages at most this many characters apart count
 *   as together; 0 counts only those that overlap
 * @coder_id: only this coder's codings; 0 for every coder's
 * @filter: (nullable): only the narratives that pass it
 * @first_rows: matrix only: count only the first rows, as many (the window's first screen,
 *   shown before the whole chart is ready); 0 for every row
 */
typedef struct
{
  ShirabeChartKind     kind;
  ShirabeChartUnit     unit;
  gint64               codes;
  gint64               codes_with;
  gint64               by_attribute;
  const char * const  *breaks;
  gint64               distance;
  gint64               coder_id;
  ShirabeFilter       *filter;
  guint                first_rows;
} ShirabeChartSpec;

/**
 * ShirabeChartItem:
 * @id: a code's, case's or narrative's id; a group's index
 * @label_en: the English label (a code's, a choice's; a case's or narrative's name)
 * @label_ja: the Japanese label, the English one when none is given
 * @path_en: a code's path from the top ("Route/Air"); %NULL for others
 * @path_ja: the same in Japanese
 * @color: a code's colour, "#RRGGBB"; %NULL for others
 * @depth: a code's depth under the subtree shown
 * @total: a frequencies column: the units in its group; a co-occurrence code: its own count
 *   (the diagonal); a matrix row: its codings of the codes shown
 * @group: a matrix row: the index of its group (shirabe_chart_get_group()), -1 without groups
 * @case_id: a matrix row of a narrative: its case
 * @missing: a group (or a frequencies column) of the units without a value
 */
typedef struct
{
  gint64   id;
  char    *label_en;
  char    *label_ja;
  char    *path_en;
  char    *path_ja;
  char    *color;
  int      depth;
  guint64  total;
  int      group;
  gint64   case_id;
  gboolean missing;
} ShirabeChartItem;

/* The label in @language (the other when empty). */
const char *shirabe_chart_item_get_label (const ShirabeChartItem *item,
                                          ShirabeLanguage         language);

typedef struct _ShirabeChart ShirabeChart;

#define SHIRABE_TYPE_CHART (shirabe_chart_get_type ())

GType             shirabe_chart_get_type        (void) G_GNUC_CONST;

/**
 * shirabe_chart_compute:
 *
 * Computes the chart @spec asks for. Reads the project once over its codings; safe to call
 * in a worker thread on a connection of its own.
 *
 * Returns: (transfer full): the chart, or %NULL with @error set (an attribute that does not
 *   exist, a unit the chart does not count, breaks that are not of the attribute's type or
 *   not increasing, a cancelled @cancellable)
 */
ShirabeChart     *shirabe_chart_compute         (ShirabeProject          *project,
                                                 const ShirabeChartSpec  *spec,
                                                 GCancellable            *cancellable,
                                                 GError                 **error);
ShirabeChart     *shirabe_chart_ref             (ShirabeChart            *self);
void              shirabe_chart_unref           (ShirabeChart            *self);

ShirabeChartKind  shirabe_chart_get_kind        (const ShirabeChart      *self);
ShirabeChartUnit  shirabe_chart_get_unit        (const ShirabeChart      *self);
guint             shirabe_chart_get_n_rows      (const ShirabeChart      *self);
/* The rows the whole chart has: more than shirabe_chart_get_n_rows() for a chart of its
 * first rows only (#ShirabeChartSpec.first_rows). */
guint             shirabe_chart_get_n_rows_total (const ShirabeChart     *self);
guint             shirabe_chart_get_n_columns   (const ShirabeChart      *self);
const ShirabeChartItem *shirabe_chart_get_row   (const ShirabeChart      *self,
                                                 guint                    row);
const ShirabeChartItem *shirabe_chart_get_column (const ShirabeChart     *self,
                                                 guint                    column);
/* The matrix's row groups (none without @by_attribute). */
guint             shirabe_chart_get_n_groups    (const ShirabeChart      *self);
const ShirabeChartItem *shirabe_chart_get_group (const ShirabeChart      *self,
                                                 guint                    group);
/* The grouping attribute's name in @language; %NULL without one. */
const char       *shirabe_chart_get_by_label    (const ShirabeChart      *self,
                                                 ShirabeLanguage          language);
guint64           shirabe_chart_get_count       (const ShirabeChart      *self,
                                                 guint                    row,
                                                 guint                    column);
/* The largest count off the co-occurrence diagonal, or over all cells of the others. */
guint64           shirabe_chart_get_max_count   (const ShirabeChart      *self);
/* The cell in @measure; NAN where the measure is not defined (a percentage of an empty
 * group; Jaccard with neither code present, or over passages). */
double            shirabe_chart_get_value       (const ShirabeChart      *self,
                                                 guint                    row,
                                                 guint                    column,
                                                 ShirabeChartMeasure      measure);
/* Whether @measure applies to this chart (percent: frequencies; Jaccard: co-occurrence over
 * cases or narratives). */
gboolean          shirabe_chart_measure_is_valid (const ShirabeChart     *self,
                                                 ShirabeChartMeasure      measure);

/* What the chart shows, as a title: "Cases having each code, by Nationality",
 * 「国籍別、各コードのある事例数」. (transfer full) */
char             *shirabe_chart_dup_title       (const ShirabeChart      *self,
                                                 ShirabeLanguage          language);
/* What a cell means, for a tooltip and a screen reader: "Trafficking route › Air, Thailand:
 * 12 cases (40%)". (transfer full) */
char             *shirabe_chart_dup_cell_text   (const ShirabeChart      *self,
                                                 guint                    row,
                                                 guint                    column,
                                                 ShirabeLanguage          language);

/**
 * shirabe_chart_dup_query:
 *
 * The passages behind a cell, for the retrieval view: a frequencies cell's passages of its
 * code in its group; a co-occurrence cell's passages where the two codes overlap (or lie
 * near), or, counted over cases or narratives, both codes' passages in the cases or
 * narratives having both; a matrix cell's passages of its code in its case or narrative.
 *
 * Returns: (transfer full): the query, with the chart's coder and filter
 */
ShirabePassageQuery *shirabe_chart_dup_query    (const ShirabeChart      *self,
                                                 guint                    row,
                                                 guint                    column);

/* The numbers as a table: CSV (UTF-8, with the byte order mark Excel needs unless @no_bom)
 * or XLSX by @format, labels in @language, cells in @measure; the first rows say what is
 * counted. The target is checked as every export's is. */
gboolean          shirabe_chart_write_table     (const ShirabeChart      *self,
                                                 const char              *path,
                                                 ShirabeExportFormat      format,
                                                 ShirabeLanguage          language,
                                                 ShirabeChartMeasure      measure,
                                                 gboolean                 no_bom,
                                                 gboolean                 force,
                                                 GError                 **error);

/* A round step of about @raw, 1, 2 or 5 times a power of ten: for ranges and axis ticks. */
double            shirabe_chart_round_step      (double                   raw);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ShirabeChart, shirabe_chart_unref)

G_END_DECLS
