/* shirabe-chart-groups.c: a chart's groups, by a case or narrative attribute
 *
 * Choices in their order, text by value, booleans, numbers and dates by value when few, else
 * round ranges (dates by year), or the ranges asked for; units without a value make a
 * "(no value)" group. Each group keeps the filter condition that finds its units again.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "shirabe-chart-private.h"

#include "shirabe-attribute.h"
#include "shirabe-code.h"
#include "shirabe-error.h"
#include "shirabe-filter-private.h"
#include "shirabe-i18n.h"
#include "shirabe-project-private.h"

const char *
shirabe_chart_attribute_label (const ShirabeAttribute *attribute,
                               ShirabeLanguage         language)
{
  const char *name = language == SHIRABE_LANGUAGE_JA ? attribute->name_ja : attribute->name_en;

  if (name == NULL || *name == '\0')
    name = language == SHIRABE_LANGUAGE_JA ? attribute->name_en : attribute->name_ja;
  return name != NULL && *name != '\0' ? name : attribute->var_name;
}


static const Pair no_value = { "(no value)", "（値なし）" };
static const Pair boolean_labels[] = { { "No", "いいえ" }, { "Yes", "はい" } };

static void
add_group (ShirabeChart    *self,
           char            *label_en,
           char            *label_ja,
           ShirabeFilterOp  op,
           char            *lo,
           char            *hi)
{
  ShirabeChartItem item = { 0 };
  GroupCondition condition = { op, lo, hi };

  item.id = self->groups->len;
  item.label_en = label_en;
  item.label_ja = label_ja;
  item.group = -1;
  g_array_append_val (self->groups, item);
  g_array_append_val (self->group_conditions, condition);
}

/* A value as a number to sort and range by: dates as days. */
static double
value_number (ShirabeAttributeType  type,
              const char           *value)
{
  if (type == SHIRABE_ATTRIBUTE_DATE)
    {
      int y = 0, m = 0, d = 0;
      GDate date;

      if (sscanf (value, "%d-%d-%d", &y, &m, &d) != 3 || !g_date_valid_dmy (d, m, y))
        return NAN;
      g_date_clear (&date, 1);
      g_date_set_dmy (&date, d, m, y);
      return g_date_get_julian (&date);
    }
  return g_ascii_strtod (value, NULL);
}

static char *
format_number (double value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  return g_strdup (g_ascii_formatd (buffer, sizeof buffer, "%.15g", value));
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static int
compare_collated (gconstpointer a,
                  gconstpointer b)
{
  return g_utf8_collate (*(char * const *) a, *(char * const *) b);
}

/* A round step of about @raw: 1, 2 or 5 times a power of ten. */
double
shirabe_chart_round_step (double raw)
{
  double magnitude;

  if (!(raw > 0))
    return 1;
  magnitude = pow (10, floor (log10 (raw)));
  if (raw <= magnitude)
    return magnitude;
  if (raw <= 2 * magnitude)
    return 2 * magnitude;
  if (raw <= 5 * magnitude)
    return 5 * magnitude;
  return 10 * magnitude;
}

/* How values find their group: by their text, or by the range their number falls in. */
typedef struct
{
  GHashTable *by_value;   /* value → group + 1 */
  GArray     *lower;      /* double: each range group's lower bound, increasing */
  int         no_value;   /* the group of units without a value, -1 until needed */
} GroupIndex;

static int
find_group (const ShirabeAttribute *attribute,
            GroupIndex             *index,
            const char             *value)
{
  double x;
  guint lo = 0, hi;

  if (value == NULL)
    return index->no_value;
  if (index->lower == NULL)
    return GPOINTER_TO_INT (g_hash_table_lookup (index->by_value, value)) - 1;
  x = value_number (attribute->type, value);
  if (isnan (x))
    return index->no_value;
  /* The last range whose lower bound is at most x. */
  hi = index->lower->len;
  while (hi - lo > 1)
    {
      guint mid = (lo + hi) / 2;

      if (g_array_index (index->lower, double, mid) <= x)
        lo = mid;
      else
        hi = mid;
    }
  return (int) lo;
}

static char *
day_text (double julian)
{
  GDate date;
  char buffer[16];

  g_date_clear (&date, 1);
  g_date_set_julian (&date, (guint32) julian);
  g_snprintf (buffer, sizeof buffer, "%04d-%02d-%02d", g_date_get_year (&date),
              g_date_get_month (&date), g_date_get_day (&date));
  return g_strdup (buffer);
}

static double
year_start (int year)
{
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, 1, 1, year);
  return g_date_get_julian (&date);
}

/* A bound as the filter takes it back: an integer, a number or a date as stored. */
static char *
bound_text (ShirabeAttributeType type,
            double               bound)
{
  if (type == SHIRABE_ATTRIBUTE_DATE)
    return day_text (bound);
  if (type == SHIRABE_ATTRIBUTE_INTEGER)
    return g_strdup_printf ("%" G_GINT64_FORMAT, (gint64) bound);
  return format_number (bound);
}

/* Groups [lower[i], lower[i + 1]) with their labels; with @open_ends the first has no lower
 * bound and the last no upper one (the ranges the user gave). */
static void
add_range_groups (ShirabeChart         *self,
                  ShirabeAttributeType  type,
                  GArray               *lower,
                  gboolean              open_ends,
                  gboolean              by_year,
                  double                last_upper)
{
  for (guint i = 0; i < lower->len; i++)
    {
      double lo = g_array_index (lower, double, i);
      gboolean first_open = open_ends && i == 0;
      gboolean last_open = open_ends && i + 1 == lower->len;
      double hi = i + 1 < lower->len ? g_array_index (lower, double, i + 1) : last_upper;
      g_autofree char *lo_text = first_open ? NULL : bound_text (type, lo);
      g_autofree char *hi_text = last_open ? NULL : bound_text (type, hi);
      char *en, *ja;

      if (by_year)
        {
          GDate a, b;
          int y0, y1;

          g_date_clear (&a, 1);
          g_date_clear (&b, 1);
          g_date_set_julian (&a, (guint32) lo);
          g_date_set_julian (&b, (guint32) hi - 1);
          y0 = g_date_get_year (&a);
          y1 = g_date_get_year (&b);
          en = y0 == y1 ? g_strdup_printf ("%d", y0) : g_strdup_printf ("%d–%d", y0, y1);
          ja = y0 == y1 ? g_strdup_printf ("%d年", y0) : g_strdup_printf ("%d〜%d年", y0, y1);
        }
      else if (first_open)
        {
          en = type == SHIRABE_ATTRIBUTE_DATE ? g_strdup_printf ("before %s", hi_text)
                                              : g_strdup_printf ("under %s", hi_text);
          ja = type == SHIRABE_ATTRIBUTE_DATE ? g_strdup_printf ("%sより前", hi_text)
                                              : g_strdup_printf ("%s未満", hi_text);
        }
      else if (last_open)
        {
          en = type == SHIRABE_ATTRIBUTE_DATE ? g_strdup_printf ("from %s", lo_text)
                                              : g_strdup_printf ("%s and over", lo_text);
          ja = g_strdup_printf ("%s以上", lo_text);
          if (type == SHIRABE_ATTRIBUTE_DATE)
            {
              g_free (ja);
              ja = g_strdup_printf ("%s以降", lo_text);
            }
        }
      else if (type == SHIRABE_ATTRIBUTE_INTEGER)
        {
          gint64 a = (gint64) lo, b = (gint64) hi - 1;

          en = a == b ? g_strdup_printf ("%" G_GINT64_FORMAT, a)
                      : g_strdup_printf ("%" G_GINT64_FORMAT "–%" G_GINT64_FORMAT, a, b);
          ja = a == b ? g_strdup (en)
                      : g_strdup_printf ("%" G_GINT64_FORMAT "〜%" G_GINT64_FORMAT, a, b);
        }
      else if (type == SHIRABE_ATTRIBUTE_DATE)
        {
          en = g_strdup_printf ("%s to before %s", lo_text, hi_text);
          ja = g_strdup_printf ("%s以降%sより前", lo_text, hi_text);
        }
      else
        {
          en = g_strdup_printf ("%s to under %s", lo_text, hi_text);
          ja = g_strdup_printf ("%s以上%s未満", lo_text, hi_text);
        }

      if (first_open)
        add_group (self, en, ja, SHIRABE_FILTER_LESS, g_steal_pointer (&hi_text), NULL);
      else if (last_open)
        add_group (self, en, ja, SHIRABE_FILTER_AT_LEAST, g_steal_pointer (&lo_text), NULL);
      else
        add_group (self, en, ja, SHIRABE_FILTER_BETWEEN, g_steal_pointer (&lo_text),
                   g_steal_pointer (&hi_text));
    }
}

/* The groups of a number or a date: the ranges @breaks gives, one per value when there are
 * few, or round ranges (whole years for dates). */
static gboolean
make_range_groups (ShirabeChart            *self,
                   const ShirabeChartSpec  *spec,
                   GPtrArray               *present,
                   GroupIndex              *index,
                   GError                 **error)
{
  ShirabeAttributeType type = self->by->type;
  g_autoptr (GArray) numbers = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GArray) lower = g_array_new (FALSE, FALSE, sizeof (double));
  double min, max, step, upper;
  guint n_distinct = 0;

  if (spec->breaks != NULL && spec->breaks[0] != NULL)
    {
      double first_lower = -INFINITY;

      g_array_append_val (lower, first_lower);
      for (guint i = 0; spec->breaks[i] != NULL; i++)
        {
          g_autofree char *normalized = NULL;
          g_autoptr (GError) local_error = NULL;
          double bound;

          if (!shirabe_attribute_parse_value (type, NULL, spec->breaks[i], &normalized,
                                              &local_error))
            {
              g_set_error (error, SHIRABE_ERROR, SHIRABE_ERROR_INVALID,
                           _("The range “%s” of “%s”: %s"), spec->breaks[i],
                           shirabe_chart_attribute_label (self->by, shirabe_message_language ()),
                           local_error->message);
              return FALSE;
            }
          bound = value_number (type, normalized);
          if (bound <= g_array_index (lower, double, lower->len - 1))
            {
              g_set_error (error, SHIRABE_ERROR, SHIRABE_ERROR_INVALID,
                           _("The ranges of “%s” must be given in increasing order; “%s” is "
                             "not greater than the one before it"),
                           shirabe_chart_attribute_label (self->by, shirabe_message_language ()),
                           spec->breaks[i]);
              return FALSE;
            }
          g_array_append_val (lower, bound);
        }
      add_range_groups (self, type, lower, TRUE, FALSE, INFINITY);
      index->lower = g_steal_pointer (&lower);
      return TRUE;
    }

  for (guint i = 0; i < present->len; i++)
    {
      double x = value_number (type, present->pdata[i]);

      if (!isnan (x))
        g_array_append_val (numbers, x);
    }
  if (numbers->len == 0)
    {
      index->lower = g_steal_pointer (&lower);
      return TRUE;
    }
  g_array_sort (numbers, compare_doubles);
  for (guint i = 0; i < numbers->len; i++)
    if (i == 0 || g_array_index (numbers, double, i) != g_array_index (numbers, double, i - 1))
      g_array_index (numbers, double, n_distinct++) = g_array_index (numbers, double, i);
  g_array_set_size (numbers, n_distinct);
  min = g_array_index (numbers, double, 0);
  max = g_array_index (numbers, double, n_distinct - 1);

  if (n_distinct <= MAX_AUTO_GROUPS)
    {
      /* One group per value, found by its number (so that 18 and 18.0 are one). */
      for (guint i = 0; i < n_distinct; i++)
        {
          double x = g_array_index (numbers, double, i);
          char *text = bound_text (type, x);

          g_array_append_val (lower, x);
          add_group (self, g_strdup (text), g_strdup (text), SHIRABE_FILTER_EQUALS, text, NULL);
        }
      index->lower = g_steal_pointer (&lower);
      return TRUE;
    }

  if (type == SHIRABE_ATTRIBUTE_DATE)
    {
      GDate a, b;
      int y0, y1, years;

      g_date_clear (&a, 1);
      g_date_clear (&b, 1);
      g_date_set_julian (&a, (guint32) min);
      g_date_set_julian (&b, (guint32) max);
      y0 = g_date_get_year (&a);
      y1 = g_date_get_year (&b);
      years = (int) shirabe_chart_round_step ((y1 - y0 + 1) / (double) MAX_AUTO_GROUPS);
      if (y1 - y0 + 1 <= 12)
        years = 1;
      y0 -= ((y0 % years) + years) % years;
      for (int y = y0; y <= y1; y += years)
        {
          double bound = year_start (y);

          g_array_append_val (lower, bound);
        }
      upper = year_start (y0 + (int) lower->len * years);
      add_range_groups (self, type, lower, FALSE, TRUE, upper);
      index->lower = g_steal_pointer (&lower);
      return TRUE;
    }

  step = shirabe_chart_round_step ((max - min) / (MAX_AUTO_GROUPS - 2));
  if (type == SHIRABE_ATTRIBUTE_INTEGER)
    step = MAX (1, ceil (step));
  for (double lo = floor (min / step) * step; lo <= max; lo += step)
    g_array_append_val (lower, lo);
  upper = g_array_index (lower, double, lower->len - 1) + step;
  add_range_groups (self, type, lower, FALSE, FALSE, upper);
  index->lower = g_steal_pointer (&lower);
  return TRUE;
}

/* Finds each narrative's group by @spec's attribute and makes the groups. */
gboolean
shirabe_chart_make_groups (ShirabeChart            *self,
                           ShirabeProject          *project,
                           const ShirabeChartSpec  *spec,
                           Narratives              *n,
                           GError                 **error)
{
  g_autoptr (GHashTable) value_of = g_hash_table_new_full (g_int64_hash, g_int64_equal,
                                                           g_free, g_free);
  g_autoptr (GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr (GPtrArray) present = g_ptr_array_new ();
  GroupIndex index = { NULL, NULL, -1 };
  ShirabeAttribute *by;
  sqlite3_stmt *stmt;
  gboolean any_missing = FALSE;
  gboolean ok = FALSE;
  int rc;

  self->by = shirabe_project_get_attribute (project, spec->by_attribute, error);
  if (self->by == NULL)
    return FALSE;
  by = self->by;
  if (spec->breaks != NULL && spec->breaks[0] != NULL &&
      by->type != SHIRABE_ATTRIBUTE_INTEGER && by->type != SHIRABE_ATTRIBUTE_NUMBER &&
      by->type != SHIRABE_ATTRIBUTE_DATE)
    {
      g_set_error (error, SHIRABE_ERROR, SHIRABE_ERROR_INVALID,
                   _("“%s” is not a number or a date, so it has no ranges; its groups are its "
                     "values"), shirabe_chart_attribute_label (by, shirabe_message_language ()));
      return FALSE;
    }

  stmt = shirabe_project_prepare (project,
                                  "SELECT coalesce (case_id, narrative_id), value"
                                  " FROM attribute_value"
                                  " WHERE attribute_id = ?1 AND value IS NOT NULL",
                                  error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, by->id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 owner = sqlite3_column_int64 (stmt, 0);

      g_hash_table_insert (value_of, g_memdup2 (&owner, sizeof owner),
                           shirabe_column_dup_text (stmt, 1));
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return shirabe_project_set_sqlite_error (project, rc, error);

  /* The values the narratives shown have, each once. */
  for (guint i = 0; i < n->ids->len; i++)
    {
      gint64 owner = by->scope == SHIRABE_SCOPE_CASE
                     ? g_array_index (n->case_ids, gint64, g_array_index (n->case_of, guint, i))
                     : g_array_index (n->ids, gint64, i);
      const char *value = g_hash_table_lookup (value_of, &owner);

      if (value == NULL)
        any_missing = TRUE;
      else if (g_hash_table_add (seen, (gpointer) value))
        g_ptr_array_add (present, (gpointer) value);
    }

  switch (by->type)
    {
    case SHIRABE_ATTRIBUTE_INTEGER:
    case SHIRABE_ATTRIBUTE_NUMBER:
    case SHIRABE_ATTRIBUTE_DATE:
      if (!make_range_groups (self, spec, present, &index, error))
        goto out;
      break;
    case SHIRABE_ATTRIBUTE_CHOICE:
    case SHIRABE_ATTRIBUTE_BOOLEAN:
    case SHIRABE_ATTRIBUTE_TEXT:
    default:
      index.by_value = g_hash_table_new (g_str_hash, g_str_equal);
      if (by->type == SHIRABE_ATTRIBUTE_CHOICE)
        {
          /* Choices in their order; a value no longer among them after the rest. */
          g_autoptr (GPtrArray) ordered = g_ptr_array_new ();

          for (guint i = 0; by->choices != NULL && by->choices[i] != NULL; i++)
            if (g_hash_table_contains (seen, by->choices[i]))
              g_ptr_array_add (ordered, by->choices[i]);
          g_ptr_array_sort (present, compare_collated);
          for (guint i = 0; i < present->len; i++)
            if (by->choices == NULL ||
                !g_strv_contains ((const char * const *) by->choices, present->pdata[i]))
              g_ptr_array_add (ordered, present->pdata[i]);
          g_ptr_array_set_size (present, 0);
          g_ptr_array_extend (present, ordered, NULL, NULL);
        }
      else
        g_ptr_array_sort (present, compare_collated);
      for (guint i = 0; i < present->len; i++)
        {
          const char *value = present->pdata[i];
          char *en, *ja;

          if (by->type == SHIRABE_ATTRIBUTE_CHOICE)
            {
              en = g_strdup (shirabe_attribute_get_choice_label (by, value, SHIRABE_LANGUAGE_EN));
              ja = g_strdup (shirabe_attribute_get_choice_label (by, value, SHIRABE_LANGUAGE_JA));
            }
          else if (by->type == SHIRABE_ATTRIBUTE_BOOLEAN)
            {
              const Pair *pair = &boolean_labels[g_strcmp0 (value, "0") != 0];

              en = g_strdup (pair->en);
              ja = g_strdup (pair->ja);
            }
          else
            {
              en = g_strdup (value);
              ja = g_strdup (value);
            }
          g_hash_table_insert (index.by_value, (gpointer) value,
                               GINT_TO_POINTER (self->groups->len + 1));
          add_group (self, en, ja, SHIRABE_FILTER_EQUALS, g_strdup (value), NULL);
        }
      break;
    }

  if (any_missing)
    {
      index.no_value = self->groups->len;
      add_group (self, g_strdup (no_value.en), g_strdup (no_value.ja), SHIRABE_FILTER_EMPTY,
                 NULL, NULL);
      g_array_index (self->groups, ShirabeChartItem, self->groups->len - 1).missing = TRUE;
    }
  for (guint i = 0; i < n->ids->len; i++)
    {
      gint64 owner = by->scope == SHIRABE_SCOPE_CASE
                     ? g_array_index (n->case_ids, gint64, g_array_index (n->case_of, guint, i))
                     : g_array_index (n->ids, gint64, i);

      g_array_index (n->group_of, int, i) =
        find_group (by, &index, g_hash_table_lookup (value_of, &owner));
    }
  ok = TRUE;

out:
  g_clear_pointer (&index.by_value, g_hash_table_unref);
  g_clear_pointer (&index.lower, g_array_unref);
  return ok;
}
