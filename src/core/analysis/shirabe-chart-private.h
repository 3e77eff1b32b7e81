/* shirabe-chart-private.h: what the chart's two parts share
 *
 * shirabe-chart.c reads the narratives and the codings and counts; shirabe-chart-groups.c
 * finds each narrative's group by an attribute and makes the groups (values, ranges, dates by
 * year, "no value").
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "shirabe-chart.h"
#include "shirabe-filter-private.h"

G_BEGIN_DECLS

/* The most groups chosen automatically for a number or a date. */
#define MAX_AUTO_GROUPS 8

typedef struct
{
  const char *en;
  const char *ja;
} Pair;

/* How a group's units are found again: the filter condition of its cell's passages. */
typedef struct
{
  ShirabeFilterOp op;        /* EQUALS, EMPTY, LESS, AT_LEAST, or BETWEEN for [lo, hi) */
  char           *lo;        /* EQUALS: the value; LESS: the bound; AT_LEAST, BETWEEN: lo */
  char           *hi;        /* BETWEEN: the bound not included */
} GroupCondition;

struct _ShirabeChart
{
  gatomicrefcount   ref_count;
  ShirabeChartKind  kind;
  ShirabeChartUnit  unit;
  gint64            distance;
  gint64            coder_id;
  ShirabeFilter    *filter;
  ShirabeAttribute *by;         /* the grouping attribute; NULL without */
  GArray           *rows;       /* ShirabeChartItem */
  GArray           *columns;    /* ShirabeChartItem */
  GArray           *groups;     /* ShirabeChartItem */
  GArray           *group_conditions;  /* GroupCondition, parallel to the groups */
  guint32          *cells;      /* n_rows × n_columns */
  guint64           max_count;
  guint             n_rows_total;
};

/* The narratives that pass the chart's filter, with their case and their group. */
typedef struct
{
  GArray     *ids;        /* gint64: the narratives that pass, in the project's order */
  GArray     *case_of;    /* guint: the index of each one's case */
  GArray     *group_of;   /* int: each one's group, -1 before grouping */
  GArray     *case_ids;   /* gint64: the cases, in order */
  GPtrArray  *case_names;
  GPtrArray  *titles;
  gint32     *by_id;      /* narrative id → index, -1; sized max_id + 1 */
  gint64      max_id;
  GHashTable *by_id_hash; /* when ids are too sparse for the array */
} Narratives;

const char *shirabe_chart_attribute_label (const ShirabeAttribute *attribute,
                                           ShirabeLanguage         language);
gboolean    shirabe_chart_make_groups     (ShirabeChart            *self,
                                           ShirabeProject          *project,
                                           const ShirabeChartSpec  *spec,
                                           Narratives              *n,
                                           GError                 **error);

G_END_DECLS
