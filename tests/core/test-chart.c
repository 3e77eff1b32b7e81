/* test-chart.c: the charts' numbers against brute force on a generated project
 *
 * Every count is computed a second way here, by SQL or by a plain loop over the codings
 * (passages found by joining overlapping codings pairwise, not by a sweep), and the passages a
 * cell opens are read through the passage query, a separate path through the core.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>

#include "test-util.h"
#include "shirabe-attribute.h"
#include "shirabe-chart.h"
#include "shirabe-chart-draw.h"
#include "shirabe-project-private.h"

typedef struct
{
  TestDir         dir;
  ShirabeProject *project;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = NULL;
  ShirabeGenerateOptions generate = { 0 };

  test_dir_setup (&f->dir, data);
  path = test_dir_path (&f->dir, "generated.shirabe");
  f->project = shirabe_project_create (path, "Generated", SHIRABE_PROJECT_NO_HISTORY, &error);
  g_assert_no_error (error);
  generate.n_narratives = 80;
  generate.n_codings = 3000;
  generate.n_codes = 14;
  generate.n_coders = 3;
  generate.seed = 11;
  generate.min_length = 400;
  generate.max_length = 1200;
  g_assert_true (shirabe_project_generate (f->project, &generate, NULL, &error));
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  shirabe_project_close (f->project, NULL);
  g_object_unref (f->project);
  test_dir_teardown (&f->dir, data);
}

static gint64
sql_count (ShirabeProject *project,
           const char     *sql,
           gint64          a,
           gint64          b)
{
  sqlite3_stmt *stmt;
  gint64 count;

  g_assert_cmpint (sqlite3_prepare_v2 (shirabe_project_get_db (project), sql, -1, &stmt, NULL),
                   ==, SQLITE_OK);
  if (sqlite3_bind_parameter_count (stmt) >= 1)
    sqlite3_bind_int64 (stmt, 1, a);
  if (sqlite3_bind_parameter_count (stmt) >= 2)
    sqlite3_bind_int64 (stmt, 2, b);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  count = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return count;
}

static ShirabeChart *
compute (ShirabeProject         *project,
         const ShirabeChartSpec *spec)
{
  g_autoptr (GError) error = NULL;
  ShirabeChart *chart = shirabe_chart_compute (project, spec, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (chart);
  return chart;
}

/* Passages the slow way */

typedef struct
{
  gint64 narrative;
  gint64 code;
  gint64 start;
  gint64 end;
} Span;

static guint
find_root (guint *parent,
           guint  i)
{
  while (parent[i] != i)
    i = parent[i] = parent[parent[i]];
  return i;
}

/* A code's passages in each narrative: its codings joined whenever two overlap (by any
 * coder), by union-find over every pair. */
static GArray *
slow_passages (ShirabeProject *project)
{
  GArray *codings = g_array_new (FALSE, FALSE, sizeof (Span));
  GArray *passages = g_array_new (FALSE, FALSE, sizeof (Span));
  g_autofree guint *parent = NULL;
  sqlite3_stmt *stmt;

  g_assert_cmpint (sqlite3_prepare_v2 (shirabe_project_get_db (project),
                                       "SELECT narrative_id, code_id, start, end FROM coding",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      Span span = { sqlite3_column_int64 (stmt, 0), sqlite3_column_int64 (stmt, 1),
                    sqlite3_column_int64 (stmt, 2), sqlite3_column_int64 (stmt, 3) };

      g_array_append_val (codings, span);
    }
  sqlite3_finalize (stmt);
  parent = g_new (guint, codings->len + 1);
  for (guint i = 0; i < codings->len; i++)
    parent[i] = i;
  for (guint i = 0; i < codings->len; i++)
    for (guint j = i + 1; j < codings->len; j++)
      {
        Span *a = &g_array_index (codings, Span, i), *b = &g_array_index (codings, Span, j);

        if (a->narrative == b->narrative && a->code == b->code &&
            a->start < b->end && b->start < a->end)
          parent[find_root (parent, i)] = find_root (parent, j);
      }
  for (guint i = 0; i < codings->len; i++)
    {
      guint root = find_root (parent, i);
      Span *coding = &g_array_index (codings, Span, i);
      gboolean found = FALSE;

      /* Each component once, spanning its codings. */
      for (guint k = 0; k < passages->len; k++)
        {
          Span *p = &g_array_index (passages, Span, k);

          if (p->narrative == (gint64) root + G_MAXINT32)
            {
              p->start = MIN (p->start, coding->start);
              p->end = MAX (p->end, coding->end);
              found = TRUE;
              break;
            }
        }
      if (!found)
        {
          Span p = { (gint64) root + G_MAXINT32, coding->code, coding->start, coding->end };

          g_array_append_val (passages, p);
        }
    }
  /* The narrative back in place of the component's mark. */
  for (guint k = 0; k < passages->len; k++)
    {
      Span *p = &g_array_index (passages, Span, k);

      p->narrative = g_array_index (codings, Span, p->narrative - G_MAXINT32).narrative;
    }
  g_array_unref (codings);
  return passages;
}

/* Frequencies */

static void
test_frequencies_match_a_brute_force (Fixture       *f,
                                      gconstpointer  data)
{
  g_autoptr (GArray) passages = slow_passages (f->project);
  const ShirabeChartUnit units[] = {
    SHIRABE_CHART_UNIT_CODINGS, SHIRABE_CHART_UNIT_PASSAGES, SHIRABE_CHART_UNIT_NARRATIVES,
    SHIRABE_CHART_UNIT_CASES,
  };
  guint n_codable = (guint) sql_count (f->project, "SELECT count(*) FROM code WHERE codable", 0, 0);

  for (guint u = 0; u < G_N_ELEMENTS (units); u++)
    {
      ShirabeChartSpec spec = { SHIRABE_CHART_FREQUENCIES, units[u] };
      g_autoptr (ShirabeChart) chart = compute (f->project, &spec);
      guint64 column_total = 0;

      g_assert_cmpuint (shirabe_chart_get_n_rows (chart), ==, n_codable);
      g_assert_cmpuint (shirabe_chart_get_n_columns (chart), ==, 1);
      g_assert_cmpstr (shirabe_chart_get_column (chart, 0)->label_en, ==, "All");
      for (guint r = 0; r < shirabe_chart_get_n_rows (chart); r++)
        {
          gint64 code = shirabe_chart_get_row (chart, r)->id;
          gint64 expected = 0;

          switch (units[u])
            {
            case SHIRABE_CHART_UNIT_CODINGS:
              expected = sql_count (f->project, "SELECT count(*) FROM coding WHERE code_id = ?1",
                                    code, 0);
              break;
            case SHIRABE_CHART_UNIT_PASSAGES:
              for (guint k = 0; k < passages->len; k++)
                expected += g_array_index (passages, Span, k).code == code;
              break;
            case SHIRABE_CHART_UNIT_NARRATIVES:
              expected = sql_count (f->project, "SELECT count(DISTINCT narrative_id) FROM coding"
                                    " WHERE code_id = ?1", code, 0);
              break;
            case SHIRABE_CHART_UNIT_CASES:
            default:
              expected = sql_count (f->project, "SELECT count(DISTINCT n.case_id) FROM coding g"
                                    " JOIN narrative n ON n.id = g.narrative_id"
                                    " WHERE g.code_id = ?1", code, 0);
              break;
            }
          g_assert_cmpint ((gint64) shirabe_chart_get_count (chart, r, 0), ==, expected);
          column_total += expected;
        }
      /* The base of the percentages: the group's units. */
      if (units[u] == SHIRABE_CHART_UNIT_CASES)
        column_total = sql_count (f->project, "SELECT count(DISTINCT case_id) FROM narrative", 0, 0);
      else if (units[u] == SHIRABE_CHART_UNIT_NARRATIVES)
        column_total = sql_count (f->project, "SELECT count(*) FROM narrative", 0, 0);
      g_assert_cmpuint (shirabe_chart_get_column (chart, 0)->total, ==, column_total);
      g_assert_cmpfloat_with_epsilon (shirabe_chart_get_value (chart, 0, 0,
                                                               SHIRABE_CHART_MEASURE_PERCENT),
                                      100.0 * shirabe_chart_get_count (chart, 0, 0) / column_total,
                                      1e-9);
    }
}

/* A cell's passages, read through the passage query: the cases, narratives and codings the
 * cell counted. */
static void
check_cells_against_queries (ShirabeProject   *project,
                             ShirabeChart     *chart,
                             ShirabeChartUnit  unit)
{
  for (guint r = 0; r < shirabe_chart_get_n_rows (chart); r++)
    for (guint c = 0; c < shirabe_chart_get_n_columns (chart); c++)
      {
        g_autoptr (GError) error = NULL;
        g_autoptr (ShirabePassageQuery) query = shirabe_chart_dup_query (chart, r, c);
        g_autoptr (ShirabePassageList) list = shirabe_passage_list_new (project, query, &error);
        guint64 count = shirabe_chart_get_count (chart, r, c);

        g_assert_no_error (error);
        if (unit == SHIRABE_CHART_UNIT_CASES)
          g_assert_cmpuint (shirabe_passage_list_get_n_cases (list), ==, count);
        else if (unit == SHIRABE_CHART_UNIT_NARRATIVES)
          g_assert_cmpuint (shirabe_passage_list_get_n_narratives (list), ==, count);
        else
          g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, count);
      }
}

/* By a choice attribute: a column per choice present, in the choices' order; each cell the
 * cases of that gender having the code. */
static void
test_frequencies_by_a_choice_count_each_group (Fixture       *f,
                                               gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  gint64 gender = shirabe_project_find_attribute (f->project, SHIRABE_SCOPE_CASE, "gender",
                                                  &error);
  ShirabeChartSpec spec = { SHIRABE_CHART_FREQUENCIES, SHIRABE_CHART_UNIT_CASES };
  g_autoptr (ShirabeChart) chart = NULL;
  g_autoptr (ShirabeAttribute) attribute = NULL;
  guint column = 0;

  g_assert_no_error (error);
  attribute = shirabe_project_get_attribute (f->project, gender, &error);
  g_assert_no_error (error);
  spec.by_attribute = gender;
  chart = compute (f->project, &spec);
  g_assert_cmpstr (shirabe_chart_get_by_label (chart, SHIRABE_LANGUAGE_JA), ==, "性別");

  for (guint i = 0; attribute->choices[i] != NULL; i++)
    {
      sqlite3_stmt *stmt;
      gint64 n_cases;

      g_assert_cmpint (sqlite3_prepare_v2 (shirabe_project_get_db (f->project),
                                           "SELECT count(*) FROM attribute_value"
                                           " WHERE attribute_id = ?1 AND value = ?2", -1, &stmt,
                                           NULL), ==, SQLITE_OK);
      sqlite3_bind_int64 (stmt, 1, gender);
      sqlite3_bind_text (stmt, 2, attribute->choices[i], -1, SQLITE_STATIC);
      g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
      n_cases = sqlite3_column_int64 (stmt, 0);
      sqlite3_finalize (stmt);
      if (n_cases == 0)
        continue;
      g_assert_cmpstr (shirabe_chart_get_column (chart, column)->label_en, ==,
                       shirabe_attribute_get_choice_label (attribute, attribute->choices[i],
                                                           SHIRABE_LANGUAGE_EN));
      g_assert_cmpuint (shirabe_chart_get_column (chart, column)->total, ==, n_cases);
      for (guint r = 0; r < shirabe_chart_get_n_rows (chart); r++)
        {
          gint64 code = shirabe_chart_get_row (chart, r)->id;
          sqlite3_stmt *count;

          g_assert_cmpint (sqlite3_prepare_v2 (shirabe_project_get_db (f->project),
                                               "SELECT count(DISTINCT n.case_id) FROM coding g"
                                               " JOIN narrative n ON n.id = g.narrative_id"
                                               " JOIN attribute_value v ON v.case_id = n.case_id"
                                               " WHERE g.code_id = ?1 AND v.attribute_id = ?2"
                                               " AND v.value = ?3", -1, &count, NULL),
                           ==, SQLITE_OK);
          sqlite3_bind_int64 (count, 1, code);
          sqlite3_bind_int64 (count, 2, gender);
          sqlite3_bind_text (count, 3, attribute->choices[i], -1, SQLITE_STATIC);
          g_assert_cmpint (sqlite3_step (count), ==, SQLITE_ROW);
          g_assert_cmpint ((gint64) shirabe_chart_get_count (chart, r, column), ==,
                           sqlite3_column_int64 (count, 0));
          sqlite3_finalize (count);
        }
      column++;
    }
  /* The cases without a gender, if any, in a last group of their own. */
  {
    gint64 n_missing = sql_count (f->project, "SELECT count(*) FROM cases k WHERE NOT EXISTS"
                                  " (SELECT 1 FROM attribute_value v WHERE v.case_id = k.id"
                                  "  AND v.attribute_id = ?1 AND v.value IS NOT NULL)",
                                  gender, 0);

    g_assert_cmpuint (shirabe_chart_get_n_columns (chart), ==, column + (n_missing > 0));
    if (n_missing > 0)
      {
        g_assert_true (shirabe_chart_get_column (chart, column)->missing);
        g_assert_cmpint ((gint64) shirabe_chart_get_column (chart, column)->total, ==, n_missing);
      }
  }
  check_cells_against_queries (f->project, chart, SHIRABE_CHART_UNIT_CASES);
}

/* An integer attribute of many values falls into round ranges; the ranges given are used as
 * they are, labelled in both languages; every case is in one group, so the groups add up. */
static void
test_frequencies_by_ranges (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  gint64 age = shirabe_project_find_attribute (f->project, SHIRABE_SCOPE_CASE,
                                               "age_at_recruitment", &error);
  ShirabeChartSpec spec = { SHIRABE_CHART_FREQUENCIES, SHIRABE_CHART_UNIT_CASES };
  ShirabeChartSpec all = { SHIRABE_CHART_FREQUENCIES, SHIRABE_CHART_UNIT_CASES };
  const char *breaks[] = { "18", "30", NULL };
  const char *bad_breaks[] = { "30", "18", NULL };
  g_autoptr (ShirabeChart) automatic = NULL;
  g_autoptr (ShirabeChart) given = NULL;
  g_autoptr (ShirabeChart) whole = NULL;
  ShirabeChart *bad;

  g_assert_no_error (error);
  spec.by_attribute = age;
  automatic = compute (f->project, &spec);
  g_assert_cmpuint (shirabe_chart_get_n_columns (automatic), >=, 2);
  g_assert_cmpuint (shirabe_chart_get_n_columns (automatic), <=, 10);
  /* Round ranges: "10–19", "20–29"… */
  g_assert_true (g_regex_match_simple ("^[0-9]+(–[0-9]+)?$",
                                       shirabe_chart_get_column (automatic, 0)->label_en, 0, 0));
  check_cells_against_queries (f->project, automatic, SHIRABE_CHART_UNIT_CASES);

  spec.breaks = breaks;
  given = compute (f->project, &spec);
  all.breaks = NULL;
  whole = compute (f->project, &all);
  g_assert_cmpuint (shirabe_chart_get_n_columns (given), ==,
                    3 + (sql_count (f->project, "SELECT count(*) FROM cases k WHERE NOT EXISTS"
                                    " (SELECT 1 FROM attribute_value v WHERE v.case_id = k.id"
                                    "  AND v.attribute_id = ?1 AND v.value IS NOT NULL)",
                                    age, 0) > 0));
  g_assert_cmpstr (shirabe_chart_get_column (given, 0)->label_en, ==, "under 18");
  g_assert_cmpstr (shirabe_chart_get_column (given, 0)->label_ja, ==, "18未満");
  g_assert_cmpstr (shirabe_chart_get_column (given, 1)->label_en, ==, "18–29");
  g_assert_cmpstr (shirabe_chart_get_column (given, 2)->label_ja, ==, "30以上");
  for (guint r = 0; r < shirabe_chart_get_n_rows (given); r++)
    {
      guint64 sum = 0;

      for (guint c = 0; c < shirabe_chart_get_n_columns (given); c++)
        sum += shirabe_chart_get_count (given, r, c);
      g_assert_cmpuint (sum, ==, shirabe_chart_get_count (whole, r, 0));
    }
  g_assert_cmpint ((gint64) shirabe_chart_get_column (given, 0)->total, ==,
                   sql_count (f->project, "SELECT count(*) FROM attribute_value"
                              " WHERE attribute_id = ?1 AND value < 18", age, 0));
  check_cells_against_queries (f->project, given, SHIRABE_CHART_UNIT_CASES);

  spec.breaks = bad_breaks;
  bad = shirabe_chart_compute (f->project, &spec, NULL, &error);
  g_assert_null (bad);
  g_assert_error (error, SHIRABE_ERROR, SHIRABE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "increasing"));
}

/* Dates without ranges group by year (or by round spans of years). */
static void
test_frequencies_by_date_group_by_year (Fixture       *f,
                                        gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  gint64 interviewed = shirabe_project_find_attribute (f->project, SHIRABE_SCOPE_CASE,
                                                       "interviewed_on", &error);
  ShirabeChartSpec spec = { SHIRABE_CHART_FREQUENCIES, SHIRABE_CHART_UNIT_NARRATIVES };
  g_autoptr (ShirabeChart) chart = NULL;
  guint64 total = 0;

  g_assert_no_error (error);
  spec.by_attribute = interviewed;
  chart = compute (f->project, &spec);
  for (guint c = 0; c < shirabe_chart_get_n_columns (chart); c++)
    {
      const ShirabeChartItem *column = shirabe_chart_get_column (chart, c);

      if (!column->missing)
        {
          g_assert_true (g_regex_match_simple ("^[12][0-9]{3}(–[12][0-9]{3})?$",
                                               column->label_en, 0, 0));
          g_assert_true (g_str_has_suffix (column->label_ja, "年"));
        }
      total += column->total;
    }
  g_assert_cmpint ((gint64) total, ==, sql_count (f->project, "SELECT count(*) FROM narrative", 0, 0));
  check_cells_against_queries (f->project, chart, SHIRABE_CHART_UNIT_NARRATIVES);
}

/* Co-occurrence */

static void
test_cooccurrence_matches_a_brute_force (Fixture       *f,
                                         gconstpointer  data)
{
  g_autoptr (GArray) passages = slow_passages (f->project);
  const gint64 distances[] = { 0, 40 };

  for (ShirabeChartUnit unit = SHIRABE_CHART_UNIT_PASSAGES; unit <= SHIRABE_CHART_UNIT_CASES;
       unit++)
    for (guint d = 0; d < (unit == SHIRABE_CHART_UNIT_PASSAGES ? 2 : 1); d++)
      {
        ShirabeChartSpec spec = { SHIRABE_CHART_COOCCURRENCE, unit };
        g_autoptr (ShirabeChart) chart = NULL;

        spec.distance = distances[d];
        chart = compute (f->project, &spec);
        g_assert_cmpuint (shirabe_chart_get_n_rows (chart), ==,
                          shirabe_chart_get_n_columns (chart));
        for (guint r = 0; r < shirabe_chart_get_n_rows (chart); r++)
          for (guint c = 0; c < shirabe_chart_get_n_columns (chart); c++)
            {
              gint64 a = shirabe_chart_get_row (chart, r)->id;
              gint64 b = shirabe_chart_get_column (chart, c)->id;
              gint64 expected = 0;

              if (unit == SHIRABE_CHART_UNIT_CASES)
                expected = sql_count (f->project,
                                      "SELECT count(*) FROM cases k"
                                      " WHERE EXISTS (SELECT 1 FROM coding g JOIN narrative n"
                                      "  ON n.id = g.narrative_id WHERE n.case_id = k.id"
                                      "  AND g.code_id = ?1)"
                                      " AND EXISTS (SELECT 1 FROM coding g JOIN narrative n"
                                      "  ON n.id = g.narrative_id WHERE n.case_id = k.id"
                                      "  AND g.code_id = ?2)", a, b);
              else if (unit == SHIRABE_CHART_UNIT_NARRATIVES)
                expected = sql_count (f->project,
                                      "SELECT count(*) FROM narrative n"
                                      " WHERE EXISTS (SELECT 1 FROM coding g"
                                      "  WHERE g.narrative_id = n.id AND g.code_id = ?1)"
                                      " AND EXISTS (SELECT 1 FROM coding g"
                                      "  WHERE g.narrative_id = n.id AND g.code_id = ?2)", a, b);
              else
                for (guint i = 0; i < passages->len; i++)
                  {
                    Span *p = &g_array_index (passages, Span, i);

                    if (p->code != a)
                      continue;
                    if (a == b)
                      {
                        expected++;
                        continue;
                      }
                    for (guint j = 0; j < passages->len; j++)
                      {
                        Span *q = &g_array_index (passages, Span, j);
                        gint64 gap;

                        if (q->code != b || q->narrative != p->narrative)
                          continue;
                        gap = MAX (p->start, q->start) - MIN (p->end, q->end);
                        if (distances[d] == 0 ? gap < 0 : gap <= distances[d])
                          expected++;
                      }
                  }
              g_assert_cmpint ((gint64) shirabe_chart_get_count (chart, r, c), ==, expected);
            }
        /* The diagonal is each code's own count. */
        for (guint r = 0; r < shirabe_chart_get_n_rows (chart); r++)
          g_assert_cmpuint (shirabe_chart_get_row (chart, r)->total, ==,
                            shirabe_chart_get_count (chart, r, r));
      }
}

/* Jaccard: both ÷ either; not defined over passages. */
static void
test_cooccurrence_jaccard (Fixture       *f,
                           gconstpointer  data)
{
  ShirabeChartSpec spec = { SHIRABE_CHART_COOCCURRENCE, SHIRABE_CHART_UNIT_NARRATIVES };
  ShirabeChartSpec passages = { SHIRABE_CHART_COOCCURRENCE, SHIRABE_CHART_UNIT_PASSAGES };
  g_autoptr (ShirabeChart) chart = compute (f->project, &spec);
  g_autoptr (ShirabeChart) passage_chart = compute (f->project, &passages);
  guint n = shirabe_chart_get_n_rows (chart);

  g_assert_cmpuint (n, >=, 2);
  for (guint r = 0; r < n; r++)
    for (guint c = 0; c < n; c++)
      {
        double both = shirabe_chart_get_count (chart, r, c);
        double a = shirabe_chart_get_count (chart, r, r);
        double b = shirabe_chart_get_count (chart, c, c);
        double jaccard = shirabe_chart_get_value (chart, r, c, SHIRABE_CHART_MEASURE_JACCARD);

        if (a + b - both == 0)
          g_assert_true (isnan (jaccard));
        else
          g_assert_cmpfloat_with_epsilon (jaccard, both / (a + b - both), 1e-12);
      }
  g_assert_false (shirabe_chart_measure_is_valid (passage_chart, SHIRABE_CHART_MEASURE_JACCARD));
  g_assert_true (isnan (shirabe_chart_get_value (passage_chart, 0, 1,
                                                 SHIRABE_CHART_MEASURE_JACCARD)));
}

/* Two subtrees: rows from one, columns from the other; a cell's passages are both codes' in
 * the cases having both. */
static void
test_cooccurrence_of_two_subtrees_opens_its_cases (Fixture       *f,
                                                   gconstpointer  data)
{
  g_autoptr (GPtrArray) codes = NULL;
  g_autoptr (GError) error = NULL;
  ShirabeChartSpec spec = { SHIRABE_CHART_COOCCURRENCE, SHIRABE_CHART_UNIT_CASES };
  g_autoptr (ShirabeChart) chart = NULL;
  gint64 tops[2] = { 0, 0 };
  guint n_tops = 0;

  codes = shirabe_project_list_codes (f->project, &error);
  g_assert_no_error (error);
  /* Two sibling subtrees: codes one level down that have codes under them. */
  for (guint i = 0; i + 1 < codes->len && n_tops < 2; i++)
    if (((ShirabeCode *) codes->pdata[i])->depth == 1 &&
        ((ShirabeCode *) codes->pdata[i + 1])->depth == 2)
      tops[n_tops++] = ((ShirabeCode *) codes->pdata[i])->id;
  g_assert_cmpuint (n_tops, ==, 2);
  spec.codes = tops[0];
  spec.codes_with = tops[1];
  chart = compute (f->project, &spec);
  g_assert_cmpuint (shirabe_chart_get_n_rows (chart), >, 0);
  g_assert_cmpuint (shirabe_chart_get_n_columns (chart), >, 0);
  for (guint r = 0; r < shirabe_chart_get_n_rows (chart); r++)
    for (guint c = 0; c < shirabe_chart_get_n_columns (chart); c++)
      {
        g_autoptr (ShirabePassageQuery) query = shirabe_chart_dup_query (chart, r, c);
        g_autoptr (ShirabePassageList) list = shirabe_passage_list_new (f->project, query, &error);

        g_assert_no_error (error);
        g_assert_cmpuint (shirabe_passage_list_get_n_cases (list), ==,
                          shirabe_chart_get_count (chart, r, c));
      }
}

/* Matrix */

static void
test_matrix_counts_codings_per_case (Fixture       *f,
                                     gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  ShirabeChartSpec spec = { SHIRABE_CHART_MATRIX, SHIRABE_CHART_UNIT_CASES };
  g_autoptr (ShirabeChart) chart = compute (f->project, &spec);
  gint64 gender = shirabe_project_find_attribute (f->project, SHIRABE_SCOPE_CASE, "gender",
                                                  &error);
  g_autoptr (ShirabeChart) grouped = NULL;
  ShirabeChartSpec narratives = { SHIRABE_CHART_MATRIX, SHIRABE_CHART_UNIT_NARRATIVES };
  g_autoptr (ShirabeChart) by_narrative = compute (f->project, &narratives);
  int last_group = -1;

  g_assert_no_error (error);
  g_assert_cmpint (shirabe_chart_get_n_rows (chart), ==,
                   sql_count (f->project, "SELECT count(DISTINCT case_id) FROM narrative", 0, 0));
  for (guint r = 0; r < shirabe_chart_get_n_rows (chart); r++)
    for (guint c = 0; c < shirabe_chart_get_n_columns (chart); c++)
      g_assert_cmpint ((gint64) shirabe_chart_get_count (chart, r, c), ==,
                       sql_count (f->project, "SELECT count(*) FROM coding g JOIN narrative n"
                                  " ON n.id = g.narrative_id WHERE n.case_id = ?1"
                                  " AND g.code_id = ?2",
                                  shirabe_chart_get_row (chart, r)->id,
                                  shirabe_chart_get_column (chart, c)->id));
  g_assert_cmpint (shirabe_chart_get_n_rows (by_narrative), ==,
                   sql_count (f->project, "SELECT count(*) FROM narrative", 0, 0));
  check_cells_against_queries (f->project, by_narrative, SHIRABE_CHART_UNIT_CODINGS);

  /* Grouped by gender: the rows of a group together, each group's rows its cases. */
  spec.by_attribute = gender;
  grouped = compute (f->project, &spec);
  g_assert_cmpuint (shirabe_chart_get_n_groups (grouped), >=, 2);
  for (guint r = 0; r < shirabe_chart_get_n_rows (grouped); r++)
    {
      const ShirabeChartItem *row = shirabe_chart_get_row (grouped, r);
      const ShirabeChartItem *group = shirabe_chart_get_group (grouped, row->group);
      g_autofree char *value = NULL;
      sqlite3_stmt *stmt;

      g_assert_cmpint (row->group, >=, last_group);
      last_group = row->group;
      g_assert_cmpint (sqlite3_prepare_v2 (shirabe_project_get_db (f->project),
                                           "SELECT value FROM attribute_value"
                                           " WHERE attribute_id = ?1 AND case_id = ?2", -1,
                                           &stmt, NULL), ==, SQLITE_OK);
      sqlite3_bind_int64 (stmt, 1, gender);
      sqlite3_bind_int64 (stmt, 2, row->id);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      sqlite3_finalize (stmt);
      if (value == NULL)
        g_assert_true (group->missing);
      else
        {
          g_autofree char *label = g_ascii_strdown (group->label_en, -1);

          g_assert_cmpstr (label, ==, value);
        }
    }
  check_cells_against_queries (f->project, grouped, SHIRABE_CHART_UNIT_CODINGS);
}

/* One coder's codings, and only the narratives a filter lets through. */
static void
test_coder_and_filter_narrow_the_counts (Fixture       *f,
                                         gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (ShirabeFilter) filter = shirabe_filter_new ();
  ShirabeChartSpec spec = { SHIRABE_CHART_FREQUENCIES, SHIRABE_CHART_UNIT_CODINGS };
  g_autoptr (ShirabeChart) by_coder = NULL;
  g_autoptr (ShirabeChart) filtered = NULL;
  gint64 coder = sql_count (f->project, "SELECT min(id) FROM coder", 0, 0);

  spec.coder_id = coder;
  by_coder = compute (f->project, &spec);
  for (guint r = 0; r < shirabe_chart_get_n_rows (by_coder); r++)
    g_assert_cmpint ((gint64) shirabe_chart_get_count (by_coder, r, 0), ==,
                     sql_count (f->project, "SELECT count(*) FROM coding WHERE code_id = ?1"
                                " AND coder_id = ?2", shirabe_chart_get_row (by_coder, r)->id,
                                coder));
  check_cells_against_queries (f->project, by_coder, SHIRABE_CHART_UNIT_CODINGS);

  g_assert_true (shirabe_filter_add_where (filter, f->project, "age_at_recruitment >= 25", &error));
  g_assert_no_error (error);
  spec.coder_id = 0;
  spec.unit = SHIRABE_CHART_UNIT_CASES;
  spec.filter = filter;
  filtered = compute (f->project, &spec);
  for (guint r = 0; r < shirabe_chart_get_n_rows (filtered); r++)
    g_assert_cmpint ((gint64) shirabe_chart_get_count (filtered, r, 0), ==,
                     sql_count (f->project, "SELECT count(DISTINCT n.case_id) FROM coding g"
                                " JOIN narrative n ON n.id = g.narrative_id"
                                " JOIN attribute_value v ON v.case_id = n.case_id"
                                " AND v.attribute_id = (SELECT id FROM attribute"
                                "  WHERE var_name = 'age_at_recruitment')"
                                " WHERE g.code_id = ?1 AND v.value >= 25",
                                shirabe_chart_get_row (filtered, r)->id, 0));
  check_cells_against_queries (f->project, filtered, SHIRABE_CHART_UNIT_CASES);
}

/* A narrow filter reads its few narratives' codings through the index on narratives; the
 * counts are those of the whole chart restricted to them. A matrix's first rows are the
 * whole matrix's first rows. */
static void
test_few_narratives_and_first_rows_count_alike (Fixture       *f,
                                                gconstpointer  data)
{
  g_autoptr (GArray) passages = slow_passages (f->project);
  g_autoptr (ShirabeFilter) filter = shirabe_filter_new ();
  gint64 ids[4];
  sqlite3_stmt *stmt;
  guint n_ids = 0;

  g_assert_cmpint (sqlite3_prepare_v2 (shirabe_project_get_db (f->project),
                                       "SELECT id FROM narrative ORDER BY id LIMIT 4", -1,
                                       &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    ids[n_ids++] = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  shirabe_filter_set_narratives (filter, ids, n_ids);

  /* Frequencies of passages and co-occurrence of overlapping passages, in four narratives. */
  {
    ShirabeChartSpec spec = { SHIRABE_CHART_FREQUENCIES, SHIRABE_CHART_UNIT_PASSAGES };
    ShirabeChartSpec pairs = { SHIRABE_CHART_COOCCURRENCE, SHIRABE_CHART_UNIT_PASSAGES };
    g_autoptr (ShirabeChart) chart = NULL;
    g_autoptr (ShirabeChart) pair_chart = NULL;

    spec.filter = filter;
    pairs.filter = filter;
    chart = compute (f->project, &spec);
    pair_chart = compute (f->project, &pairs);
    for (guint r = 0; r < shirabe_chart_get_n_rows (chart); r++)
      {
        gint64 code = shirabe_chart_get_row (chart, r)->id;
        guint64 expected = 0;

        for (guint k = 0; k < passages->len; k++)
          {
            Span *p = &g_array_index (passages, Span, k);

            for (guint i = 0; i < n_ids; i++)
              expected += p->code == code && p->narrative == ids[i];
          }
        g_assert_cmpuint (shirabe_chart_get_count (chart, r, 0), ==, expected);
      }
    for (guint r = 0; r < shirabe_chart_get_n_rows (pair_chart); r++)
      for (guint c = 0; c < shirabe_chart_get_n_columns (pair_chart); c++)
        {
          gint64 a = shirabe_chart_get_row (pair_chart, r)->id;
          gint64 b = shirabe_chart_get_column (pair_chart, c)->id;
          guint64 expected = 0;

          for (guint i = 0; i < passages->len; i++)
            {
              Span *p = &g_array_index (passages, Span, i);
              gboolean shown = FALSE;

              for (guint k = 0; k < n_ids; k++)
                shown |= p->narrative == ids[k];
              if (!shown || p->code != a)
                continue;
              if (a == b)
                {
                  expected++;
                  continue;
                }
              for (guint j = 0; j < passages->len; j++)
                {
                  Span *q = &g_array_index (passages, Span, j);

                  if (q->code == b && q->narrative == p->narrative &&
                      p->start < q->end && q->start < p->end)
                    expected++;
                }
            }
          g_assert_cmpuint (shirabe_chart_get_count (pair_chart, r, c), ==, expected);
        }
  }

  /* The matrix's first five rows, then the whole. */
  {
    ShirabeChartSpec spec = { SHIRABE_CHART_MATRIX, SHIRABE_CHART_UNIT_CASES };
    g_autoptr (ShirabeChart) whole = compute (f->project, &spec);
    g_autoptr (ShirabeChart) first = NULL;

    spec.first_rows = 5;
    first = compute (f->project, &spec);
    g_assert_cmpuint (shirabe_chart_get_n_rows (first), ==, 5);
    g_assert_cmpuint (shirabe_chart_get_n_rows_total (first), ==,
                      shirabe_chart_get_n_rows (whole));
    g_assert_cmpuint (shirabe_chart_get_n_rows_total (whole), ==,
                      shirabe_chart_get_n_rows (whole));
    for (guint r = 0; r < 5; r++)
      {
        g_assert_cmpint (shirabe_chart_get_row (first, r)->id, ==,
                         shirabe_chart_get_row (whole, r)->id);
        for (guint c = 0; c < shirabe_chart_get_n_columns (whole); c++)
          g_assert_cmpuint (shirabe_chart_get_count (first, r, c), ==,
                            shirabe_chart_get_count (whole, r, c));
      }
  }
}

/* What cannot be counted is refused with a message, not a wrong chart. */
static void
test_what_a_chart_refuses (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  ShirabeChartSpec matrix = { SHIRABE_CHART_MATRIX, SHIRABE_CHART_UNIT_CODINGS };
  ShirabeChartSpec cooccurrence = { SHIRABE_CHART_COOCCURRENCE, SHIRABE_CHART_UNIT_CODINGS };
  ShirabeChartSpec ranges = { SHIRABE_CHART_FREQUENCIES, SHIRABE_CHART_UNIT_CASES };
  ShirabeChartSpec missing = { SHIRABE_CHART_FREQUENCIES, SHIRABE_CHART_UNIT_CASES };
  const char *breaks[] = { "10", NULL };

  g_assert_null (shirabe_chart_compute (f->project, &matrix, NULL, &error));
  g_assert_error (error, SHIRABE_ERROR, SHIRABE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_null (shirabe_chart_compute (f->project, &cooccurrence, NULL, &error));
  g_assert_error (error, SHIRABE_ERROR, SHIRABE_ERROR_INVALID);
  g_clear_error (&error);
  ranges.by_attribute = shirabe_project_find_attribute (f->project, SHIRABE_SCOPE_CASE,
                                                        "nationality", &error);
  g_assert_no_error (error);
  ranges.breaks = breaks;
  g_assert_null (shirabe_chart_compute (f->project, &ranges, NULL, &error));
  g_assert_error (error, SHIRABE_ERROR, SHIRABE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "Nationality"));
  g_clear_error (&error);
  missing.codes = 999999;
  g_assert_null (shirabe_chart_compute (f->project, &missing, NULL, &error));
  g_assert_nonnull (error);
}

/* A case without a value is counted in a last "(no value)" group: one more such case with a
 * coding adds one there. */
static void
test_units_without_a_value_make_their_own_group (Fixture       *f,
                                                 gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  gint64 nationality = shirabe_project_find_attribute (f->project, SHIRABE_SCOPE_CASE,
                                                       "nationality", &error);
  ShirabeNarrativeSpec narrative = { 0 };
  ShirabeChartSpec spec = { SHIRABE_CHART_FREQUENCIES, SHIRABE_CHART_UNIT_CASES };
  g_autoptr (ShirabeChart) before = NULL;
  g_autoptr (ShirabeChart) after = NULL;
  gint64 case_id, narrative_id, code;
  guint64 missing_before = 0, count_before = 0;
  guint code_row = 0;

  g_assert_no_error (error);
  spec.by_attribute = nationality;
  before = compute (f->project, &spec);
  code = shirabe_chart_get_row (before, 0)->id;
  for (guint c = 0; c < shirabe_chart_get_n_columns (before); c++)
    if (shirabe_chart_get_column (before, c)->missing)
      {
        missing_before = shirabe_chart_get_column (before, c)->total;
        count_before = shirabe_chart_get_count (before, code_row, c);
      }

  case_id = shirabe_project_add_case (f->project, "Nobody known", &error);
  g_assert_no_error (error);
  narrative.case_id = case_id;
  narrative.title = "Unknown";
  narrative.language = "en";
  narrative.text = "A short account with no details known.";
  narrative_id = shirabe_project_add_narrative (f->project, &narrative, &error);
  g_assert_no_error (error);
  shirabe_project_add_coding (f->project, narrative_id, code,
                              sql_count (f->project, "SELECT min(id) FROM coder", 0, 0), 0, 5,
                              NULL, &error);
  g_assert_no_error (error);

  after = compute (f->project, &spec);
  {
    guint last = shirabe_chart_get_n_columns (after) - 1;
    const ShirabeChartItem *column = shirabe_chart_get_column (after, last);

    g_assert_true (column->missing);
    g_assert_cmpstr (column->label_ja, ==, "（値なし）");
    g_assert_cmpstr (column->label_en, ==, "(no value)");
    g_assert_cmpuint (column->total, ==, missing_before + 1);
    g_assert_cmpuint (shirabe_chart_get_count (after, code_row, last), ==, count_before + 1);
  }
  check_cells_against_queries (f->project, after, SHIRABE_CHART_UNIT_CASES);
}

/* The layout finds every cell where it drew it, and moves between cells in order. */
static void
test_layout_hits_the_cells_it_draws (Fixture       *f,
                                     gconstpointer  data)
{
  const ShirabeChartKind kinds[] = {
    SHIRABE_CHART_FREQUENCIES, SHIRABE_CHART_COOCCURRENCE, SHIRABE_CHART_MATRIX,
  };

  for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
    {
      ShirabeChartSpec spec = { kinds[k], SHIRABE_CHART_UNIT_CASES };
      ShirabeChartStyle style = { 0 };
      g_autoptr (ShirabeChart) chart = compute (f->project, &spec);
      g_autoptr (ShirabeChartLayout) layout = NULL;
      double left, top;
      guint row = 0, column = 0, steps = 0;

      layout = shirabe_chart_layout_new (chart, &style, NULL);
      shirabe_chart_layout_get_fixed (layout, &left, &top);
      for (guint r = 0; r < shirabe_chart_get_n_rows (chart); r++)
        for (guint c = 0; c < shirabe_chart_get_n_columns (chart); c++)
          {
            cairo_rectangle_t rect;
            guint hit_row, hit_column;

            g_assert_true (shirabe_chart_layout_get_cell_rect (layout, r, c, &rect));
            g_assert_true (shirabe_chart_layout_hit (layout,
                                                     left + rect.x + MAX (rect.width / 2, 0.5),
                                                     top + rect.y + rect.height / 2, 0, 0,
                                                     &hit_row, &hit_column));
            g_assert_cmpuint (hit_row, ==, r);
            if (kinds[k] != SHIRABE_CHART_FREQUENCIES)
              g_assert_cmpuint (hit_column, ==, c);
          }
      /* Down from the first row reaches the last. */
      while (shirabe_chart_layout_move (layout, &row, &column, 0, 1))
        steps++;
      g_assert_cmpuint (row, ==, shirabe_chart_get_n_rows (chart) - 1);
      g_assert_cmpuint (steps, ==, shirabe_chart_get_n_rows (chart) - 1);
      g_assert_false (shirabe_chart_layout_move (layout, &row, &column, 0, 1));
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(name, func) g_test_add (name, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/chart/frequencies-match-a-brute-force", test_frequencies_match_a_brute_force);
  ADD ("/chart/frequencies-by-a-choice-count-each-group",
       test_frequencies_by_a_choice_count_each_group);
  ADD ("/chart/frequencies-by-ranges", test_frequencies_by_ranges);
  ADD ("/chart/frequencies-by-a-date-group-by-year", test_frequencies_by_date_group_by_year);
  ADD ("/chart/cooccurrence-matches-a-brute-force", test_cooccurrence_matches_a_brute_force);
  ADD ("/chart/cooccurrence-jaccard", test_cooccurrence_jaccard);
  ADD ("/chart/cooccurrence-of-two-subtrees-opens-its-cases",
       test_cooccurrence_of_two_subtrees_opens_its_cases);
  ADD ("/chart/matrix-counts-codings-per-case", test_matrix_counts_codings_per_case);
  ADD ("/chart/coder-and-filter-narrow-the-counts", test_coder_and_filter_narrow_the_counts);
  ADD ("/chart/few-narratives-and-first-rows-count-alike",
       test_few_narratives_and_first_rows_count_alike);
  ADD ("/chart/what-a-chart-refuses", test_what_a_chart_refuses);
  ADD ("/chart/units-without-a-value-make-their-own-group",
       test_units_without_a_value_make_their_own_group);
  ADD ("/chart/layout-hits-the-cells-it-draws", test_layout_hits_the_cells_it_draws);
#undef ADD

  return g_test_run ();
}
