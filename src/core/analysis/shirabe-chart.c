/* shirabe-chart.c: the numbers behind the charts
 *
 * One read of the codings of the codes shown, code by code over the covering index
 * coding (code_id, narrative_id, start, end, coder_id), so that a chart of a small subtree
 * reads only its codes' rows and a chart of the whole codebook reads each coding once. The
 * narratives that pass the filter are read first, with their case and their group.
 *
 * The labels a chart carries (its title, its groups, its units) are given in both languages
 * whatever the locale, as the statistics export's are: a chart is drawn and exported in the
 * label language the user chose, which need not be the interface's.
 *
 * The groups of a chart split by an attribute are made in shirabe-chart-groups.c.
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

static const char *
pick (const Pair      *pair,
      ShirabeLanguage  language)
{
  return language == SHIRABE_LANGUAGE_JA ? pair->ja : pair->en;
}

G_DEFINE_BOXED_TYPE (ShirabeChart, shirabe_chart, shirabe_chart_ref, shirabe_chart_unref)

static const char * const kind_names[] = { "frequencies", "cooccurrence", "matrix" };
static const char * const unit_names[] = { "coding", "passage", "narrative", "case" };

const char *
shirabe_chart_kind_to_string (ShirabeChartKind kind)
{
  g_return_val_if_fail (kind < G_N_ELEMENTS (kind_names), NULL);
  return kind_names[kind];
}

gboolean
shirabe_chart_kind_from_string (const char       *text,
                                ShirabeChartKind *kind)
{
  for (guint i = 0; text != NULL && i < G_N_ELEMENTS (kind_names); i++)
    if (g_ascii_strcasecmp (text, kind_names[i]) == 0)
      {
        *kind = i;
        return TRUE;
      }
  return FALSE;
}

const char *
shirabe_chart_unit_to_string (ShirabeChartUnit unit)
{
  g_return_val_if_fail (unit < G_N_ELEMENTS (unit_names), NULL);
  return unit_names[unit];
}

gboolean
shirabe_chart_unit_from_string (const char       *text,
                                ShirabeChartUnit *unit)
{
  for (guint i = 0; text != NULL && i < G_N_ELEMENTS (unit_names); i++)
    {
      gsize len = strlen (unit_names[i]);

      /* "case" and "cases" alike. */
      if (g_ascii_strncasecmp (text, unit_names[i], len) == 0 &&
          (text[len] == '\0' || (text[len] == 's' && text[len + 1] == '\0')))
        {
          *unit = i;
          return TRUE;
        }
    }
  return FALSE;
}

gboolean
shirabe_chart_unit_is_valid (ShirabeChartKind kind,
                             ShirabeChartUnit unit)
{
  switch (kind)
    {
    case SHIRABE_CHART_COOCCURRENCE:
      return unit != SHIRABE_CHART_UNIT_CODINGS;
    case SHIRABE_CHART_MATRIX:
      return unit == SHIRABE_CHART_UNIT_CASES || unit == SHIRABE_CHART_UNIT_NARRATIVES;
    case SHIRABE_CHART_FREQUENCIES:
    default:
      return unit <= SHIRABE_CHART_UNIT_CASES;
    }
}

const char *
shirabe_chart_item_get_label (const ShirabeChartItem *item,
                              ShirabeLanguage         language)
{
  const char *label = language == SHIRABE_LANGUAGE_JA ? item->label_ja : item->label_en;

  if (label == NULL || *label == '\0')
    label = language == SHIRABE_LANGUAGE_JA ? item->label_en : item->label_ja;
  return label != NULL ? label : "";
}

static void
item_clear (gpointer data)
{
  ShirabeChartItem *item = data;

  g_free (item->label_en);
  g_free (item->label_ja);
  g_free (item->path_en);
  g_free (item->path_ja);
  g_free (item->color);
}

static void
group_condition_clear (gpointer data)
{
  GroupCondition *condition = data;

  g_free (condition->lo);
  g_free (condition->hi);
}

static GArray *
items_new (void)
{
  GArray *items = g_array_new (FALSE, TRUE, sizeof (ShirabeChartItem));

  g_array_set_clear_func (items, item_clear);
  return items;
}

static ShirabeChart *
chart_new (const ShirabeChartSpec *spec)
{
  ShirabeChart *self = g_new0 (ShirabeChart, 1);

  g_atomic_ref_count_init (&self->ref_count);
  self->kind = spec->kind;
  self->unit = spec->unit;
  self->distance = MAX (spec->distance, 0);
  self->coder_id = spec->coder_id;
  self->filter = spec->filter != NULL ? shirabe_filter_ref (spec->filter) : NULL;
  self->rows = items_new ();
  self->columns = items_new ();
  self->groups = items_new ();
  self->group_conditions = g_array_new (FALSE, TRUE, sizeof (GroupCondition));
  g_array_set_clear_func (self->group_conditions, group_condition_clear);

  return self;
}

ShirabeChart *
shirabe_chart_ref (ShirabeChart *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
shirabe_chart_unref (ShirabeChart *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;
  g_clear_pointer (&self->filter, shirabe_filter_unref);
  g_clear_pointer (&self->by, shirabe_attribute_free);
  g_array_unref (self->rows);
  g_array_unref (self->columns);
  g_array_unref (self->groups);
  g_array_unref (self->group_conditions);
  g_free (self->cells);
  g_free (self);
}

/* Narratives */

static void
narratives_clear (Narratives *n)
{
  g_clear_pointer (&n->ids, g_array_unref);
  g_clear_pointer (&n->case_of, g_array_unref);
  g_clear_pointer (&n->group_of, g_array_unref);
  g_clear_pointer (&n->case_ids, g_array_unref);
  g_clear_pointer (&n->case_names, g_ptr_array_unref);
  g_clear_pointer (&n->titles, g_ptr_array_unref);
  g_clear_pointer (&n->by_id, g_free);
  g_clear_pointer (&n->by_id_hash, g_hash_table_unref);
}

static int
narrative_index (const Narratives *n,
                 gint64            id)
{
  if (n->by_id != NULL)
    return id >= 0 && id <= n->max_id ? n->by_id[id] : -1;
  return GPOINTER_TO_INT (g_hash_table_lookup (n->by_id_hash, &id)) - 1;
}

static gboolean
load_narratives (ShirabeProject          *project,
                 const ShirabeChartSpec  *spec,
                 Narratives              *n,
                 GError                 **error)
{
  g_autoptr (GString) sql = g_string_new ("SELECT n.id, n.case_id, k.name, n.title"
                                          " FROM narrative n JOIN cases k ON k.id = n.case_id"
                                          " WHERE 1");
  g_autoptr (ShirabeFilterParams) params = shirabe_filter_params_new ();
  g_autoptr (GHashTable) case_index = g_hash_table_new_full (g_int64_hash, g_int64_equal,
                                                             g_free, NULL);
  sqlite3_stmt *stmt;
  int rc;

  if (spec->filter != NULL)
    shirabe_filter_append_sql (spec->filter, "n", sql, params);
  g_string_append (sql, " ORDER BY k.position, k.id, n.position, n.id");
  rc = sqlite3_prepare_v2 (shirabe_project_get_db (project), sql->str, -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    return shirabe_project_set_sqlite_error (project, rc, error);
  shirabe_filter_params_bind (params, stmt, 1);

  n->ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  n->case_of = g_array_new (FALSE, FALSE, sizeof (guint));
  n->group_of = g_array_new (FALSE, FALSE, sizeof (int));
  n->case_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  n->case_names = g_ptr_array_new_with_free_func (g_free);
  n->titles = g_ptr_array_new_with_free_func (g_free);
  n->max_id = 0;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      gint64 case_id = sqlite3_column_int64 (stmt, 1);
      gpointer found;
      guint k;
      int no_group = -1;

      if (g_hash_table_lookup_extended (case_index, &case_id, NULL, &found))
        k = GPOINTER_TO_UINT (found);
      else
        {
          k = n->case_ids->len;
          g_array_append_val (n->case_ids, case_id);
          g_ptr_array_add (n->case_names,
                           g_strdup ((const char *) sqlite3_column_text (stmt, 2)));
          g_hash_table_insert (case_index, g_memdup2 (&case_id, sizeof case_id),
                               GUINT_TO_POINTER (k));
        }
      g_array_append_val (n->ids, id);
      g_array_append_val (n->case_of, k);
      g_array_append_val (n->group_of, no_group);
      g_ptr_array_add (n->titles, g_strdup ((const char *) sqlite3_column_text (stmt, 3)));
      n->max_id = MAX (n->max_id, id);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return shirabe_project_set_sqlite_error (project, rc, error);

  if (n->max_id <= 8 * (gint64) n->ids->len + 4096)
    {
      n->by_id = g_new (gint32, n->max_id + 1);
      memset (n->by_id, 0xff, (gsize) (n->max_id + 1) * sizeof *n->by_id);
      for (guint i = 0; i < n->ids->len; i++)
        n->by_id[g_array_index (n->ids, gint64, i)] = (gint32) i;
    }
  else
    {
      n->by_id_hash = g_hash_table_new (g_int64_hash, g_int64_equal);
      for (guint i = 0; i < n->ids->len; i++)
        g_hash_table_insert (n->by_id_hash, &g_array_index (n->ids, gint64, i),
                             GINT_TO_POINTER (i + 1));
    }
  return TRUE;
}

static const Pair all_units = { "All", "全体" };

/* Codes */

/* A code read: where it is among the rows and among the columns (-1: not there). */
typedef struct
{
  gint64 id;
  int    row;
  int    column;
} ChartCode;

/* The code tree in depth-first order, without the codings' counts a full code row carries
 * (the chart counts them itself), each code with its path in both languages. */
typedef struct
{
  gint64  id;
  int     depth;
  gboolean codable;
  char   *label_en;
  char   *label_ja;
  char   *path_en;
  char   *path_ja;
  char   *color;
} TreeCode;

static void
tree_code_clear (gpointer data)
{
  TreeCode *code = data;

  g_free (code->label_en);
  g_free (code->label_ja);
  g_free (code->path_en);
  g_free (code->path_ja);
  g_free (code->color);
}

static const char *
pick_label (const char *first,
            const char *second)
{
  return first != NULL && *first != '\0' ? first : second != NULL ? second : "";
}

static GArray *
load_code_tree (ShirabeProject  *project,
                GError         **error)
{
  g_autoptr (GArray) tree = g_array_new (FALSE, TRUE, sizeof (TreeCode));
  g_autoptr (GPtrArray) en = g_ptr_array_new ();   /* the path's parts at each depth */
  g_autoptr (GPtrArray) ja = g_ptr_array_new ();
  sqlite3_stmt *stmt;
  int rc;

  g_array_set_clear_func (tree, tree_code_clear);
  stmt = shirabe_project_prepare (project,
                                  "WITH RECURSIVE tree (id, depth, sort) AS ("
                                  "  SELECT id, 0, printf ('%08d.%012d', position, id)"
                                  "  FROM code WHERE parent_id IS NULL"
                                  "  UNION ALL"
                                  "  SELECT c.id, t.depth + 1,"
                                  "   t.sort || '/' || printf ('%08d.%012d', c.position, c.id)"
                                  "  FROM code c JOIN tree t ON c.parent_id = t.id"
                                  "  WHERE t.depth < 1000)"
                                  " SELECT c.id, t.depth, c.codable, c.label_en, c.label_ja,"
                                  " c.color FROM tree t JOIN code c ON c.id = t.id ORDER BY t.sort",
                                  error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      TreeCode code = { 0 };

      code.id = sqlite3_column_int64 (stmt, 0);
      code.depth = sqlite3_column_int (stmt, 1);
      code.codable = sqlite3_column_int (stmt, 2) != 0;
      code.label_en = shirabe_column_dup_text (stmt, 3);
      code.label_ja = shirabe_column_dup_text (stmt, 4);
      code.color = shirabe_column_dup_text (stmt, 5);
      g_array_append_val (tree, code);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      shirabe_project_set_sqlite_error (project, rc, error);
      return NULL;
    }

  /* Paths: in depth-first order, a code's ancestors are the last codes seen at each depth. */
  for (guint i = 0; i < tree->len; i++)
    {
      TreeCode *code = &g_array_index (tree, TreeCode, i);
      guint depth = (guint) MAX (code->depth, 0);

      g_ptr_array_set_size (en, MIN (depth, en->len));
      g_ptr_array_set_size (ja, MIN (depth, ja->len));
      g_ptr_array_add (en, (gpointer) pick_label (code->label_en, code->label_ja));
      g_ptr_array_add (ja, (gpointer) pick_label (code->label_ja, code->label_en));
      g_ptr_array_add (en, NULL);
      g_ptr_array_add (ja, NULL);
      code->path_en = g_strjoinv ("/", (char **) en->pdata);
      code->path_ja = g_strjoinv ("/", (char **) ja->pdata);
      g_ptr_array_set_size (en, en->len - 1);
      g_ptr_array_set_size (ja, ja->len - 1);
    }
  return g_steal_pointer (&tree);
}

static void
add_code_item (GArray         *items,
               const TreeCode *code,
               int             depth)
{
  ShirabeChartItem item = { 0 };

  item.id = code->id;
  item.label_en = g_strdup (code->label_en);
  item.label_ja = g_strdup (code->label_ja);
  item.path_en = g_strdup (code->path_en);
  item.path_ja = g_strdup (code->path_ja);
  item.color = g_strdup (code->color);
  item.depth = depth;
  item.group = -1;
  g_array_append_val (items, item);
}

/* The codable codes of @root's subtree (the whole codebook for 0) as items, in tree order. */
static gboolean
add_subtree (GArray          *codes,
             gint64           root,
             GArray          *items,
             GError         **error)
{
  int root_depth = -1;
  gboolean inside = root == 0;

  for (guint i = 0; i < codes->len; i++)
    {
      const TreeCode *code = &g_array_index (codes, TreeCode, i);

      if (!inside)
        {
          if (code->id != root)
            continue;
          inside = TRUE;
          root_depth = code->depth;
        }
      else if (root != 0 && code->depth <= root_depth)
        break;
      if (code->codable)
        add_code_item (items, code, MAX (code->depth - (root_depth + 1), 0));
    }
  if (!inside)
    {
      shirabe_set_not_found (error, SHIRABE_ENTITY_CODE, root);
      return FALSE;
    }
  return TRUE;
}

/* Counting */

/* One passage: a code's overlapping codings in a narrative, merged. */
typedef struct
{
  guint  narrative;
  guint  code;       /* index into the codes read */
  gint64 start;
  gint64 end;
} Passage;

static int
compare_passages (gconstpointer a,
                  gconstpointer b)
{
  const Passage *p = a, *q = b;

  if (p->narrative != q->narrative)
    return p->narrative < q->narrative ? -1 : 1;
  if (p->start != q->start)
    return p->start < q->start ? -1 : 1;
  if (p->end != q->end)
    return p->end < q->end ? -1 : 1;
  return p->code < q->code ? -1 : p->code > q->code;
}

typedef struct
{
  ShirabeChart     *self;
  Narratives       *n;
  GArray           *codes;       /* ChartCode */
  guint             n_groups;    /* frequencies: at least 1 */
  guint8           *present;     /* co-occurrence over units: n_units × n_codes */
  guint             n_units;
  guint64          *code_totals; /* per code read */
  GArray           *passages;    /* co-occurrence over passages */
  guint32          *stamp;       /* frequencies over cases: (case, group) → row + 1 */
  int              *matrix_row;  /* matrix: case or narrative → row, -1 when not counted */
  guint             first_rows;  /* matrix: the rows counted; 0 for all */
} Counter;

static inline guint32 *
cell (ShirabeChart *self,
      guint         row,
      guint         column)
{
  return &self->cells[(gsize) row * self->columns->len + column];
}

/* One coding of code @c in narrative @ni (in the order narrative, start); @new_narrative and
 * @new_passage say whether it begins a narrative or a passage of this code (positions are
 * read only where passages are counted). */
static void
count_coding (Counter *counter,
              guint    c,
              guint    ni,
              gboolean new_narrative,
              gboolean new_passage,
              gint64   start,
              gint64   end)
{
  ShirabeChart *self = counter->self;
  const ChartCode *code = &g_array_index (counter->codes, ChartCode, c);

  switch (self->kind)
    {
    case SHIRABE_CHART_FREQUENCIES:
      {
        int g = MAX (g_array_index (counter->n->group_of, int, ni), 0);
        gboolean counts;

        switch (self->unit)
          {
          case SHIRABE_CHART_UNIT_CODINGS:
            counts = TRUE;
            break;
          case SHIRABE_CHART_UNIT_PASSAGES:
            counts = new_passage;
            break;
          case SHIRABE_CHART_UNIT_NARRATIVES:
            counts = new_narrative;
            break;
          case SHIRABE_CHART_UNIT_CASES:
          default:
            {
              guint k = g_array_index (counter->n->case_of, guint, ni);
              guint32 *stamp = &counter->stamp[(gsize) k * counter->n_groups + g];

              counts = new_narrative && *stamp != (guint32) code->row + 1;
              if (counts)
                *stamp = code->row + 1;
            }
            break;
          }
        if (counts)
          (*cell (self, code->row, g))++;
      }
      break;

    case SHIRABE_CHART_COOCCURRENCE:
      if (self->unit == SHIRABE_CHART_UNIT_PASSAGES)
        {
          if (new_passage)
            {
              Passage p = { ni, c, start, end };

              g_array_append_val (counter->passages, p);
              counter->code_totals[c]++;
            }
          else
            {
              Passage *last = &g_array_index (counter->passages, Passage,
                                              counter->passages->len - 1);

              last->end = MAX (last->end, end);
            }
        }
      else if (new_narrative)
        {
          guint unit = self->unit == SHIRABE_CHART_UNIT_CASES
                       ? g_array_index (counter->n->case_of, guint, ni) : ni;

          counter->present[(gsize) unit * counter->codes->len + c] = 1;
        }
      break;

    case SHIRABE_CHART_MATRIX:
    default:
      {
        guint row = self->unit == SHIRABE_CHART_UNIT_CASES
                    ? g_array_index (counter->n->case_of, guint, ni) : ni;

        if (counter->matrix_row[row] >= 0)
          (*cell (self, counter->matrix_row[row], code->column))++;
      }
      break;
    }
}

/* Where one code's codings are in their order (narrative, start): which begin a narrative or
 * a passage. */
typedef struct
{
  int    last;
  gint64 passage_end;
} Feed;

static void
feed (Counter *counter,
      Feed    *state,
      guint    c,
      int      ni,
      gint64   start,
      gint64   end)
{
  gboolean new_narrative = ni != state->last;
  /* Sorted by start: a coding at or after the end of all before it begins a new passage
   * (codings that only touch are two passages, as the export counts them). */
  gboolean new_passage = new_narrative || start >= state->passage_end;

  state->passage_end = new_passage ? end : MAX (state->passage_end, end);
  state->last = ni;
  count_coding (counter, c, (guint) ni, new_narrative, new_passage, start, end);
}

/* Reads the codings of every code, code by code, through the index on codes, in the order
 * narrative, start; their positions only where passages are counted. */
static gboolean
read_codings_by_code (Counter         *counter,
                      ShirabeProject  *project,
                      GCancellable    *cancellable,
                      GError         **error)
{
  gboolean positions = counter->self->unit == SHIRABE_CHART_UNIT_PASSAGES;
  sqlite3_stmt *stmt;

  stmt = positions
         ? shirabe_project_prepare (project,
                                    "SELECT narrative_id, start, end FROM coding"
                                    " WHERE code_id = ?1 AND (?2 = 0 OR coder_id = ?2)"
                                    " ORDER BY narrative_id, start, end",
                                    error)
         : shirabe_project_prepare (project,
                                    "SELECT narrative_id FROM coding"
                                    " WHERE code_id = ?1 AND (?2 = 0 OR coder_id = ?2)"
                                    " ORDER BY narrative_id",
                                    error);
  if (stmt == NULL)
    return FALSE;

  for (guint c = 0; c < counter->codes->len; c++)
    {
      const ChartCode *code = &g_array_index (counter->codes, ChartCode, c);
      Feed state = { -1, 0 };
      int rc;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      sqlite3_reset (stmt);
      sqlite3_bind_int64 (stmt, 1, code->id);
      sqlite3_bind_int64 (stmt, 2, counter->self->coder_id);
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          int ni = narrative_index (counter->n, sqlite3_column_int64 (stmt, 0));

          if (ni >= 0)
            feed (counter, &state, c, ni,
                  positions ? sqlite3_column_int64 (stmt, 1) : 0,
                  positions ? sqlite3_column_int64 (stmt, 2) : 0);
        }
      sqlite3_reset (stmt);
      if (rc != SQLITE_DONE)
        return shirabe_project_set_sqlite_error (project, rc, error);
    }
  return TRUE;
}

static int
compare_spans (gconstpointer a,
               gconstpointer b)
{
  const Passage *p = a, *q = b;

  if (p->code != q->code)
    return p->code < q->code ? -1 : 1;
  if (p->narrative != q->narrative)
    return p->narrative < q->narrative ? -1 : 1;
  if (p->start != q->start)
    return p->start < q->start ? -1 : 1;
  return p->end < q->end ? -1 : p->end > q->end;
}

/* The same from a few narratives' codings, read through the index on narratives: a filter
 * that leaves few narratives, or a matrix's first rows, then costs what they hold. */
static gboolean
read_codings_by_narrative (Counter         *counter,
                           ShirabeProject  *project,
                           GCancellable    *cancellable,
                           GError         **error)
{
  Narratives *n = counter->n;
  gboolean cases = counter->self->unit == SHIRABE_CHART_UNIT_CASES;
  g_autoptr (GHashTable) code_index = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr (GArray) spans = g_array_new (FALSE, FALSE, sizeof (Passage));
  sqlite3_stmt *stmt;
  Feed state = { -1, 0 };
  guint last_code = G_MAXUINT;

  for (guint c = 0; c < counter->codes->len; c++)
    g_hash_table_insert (code_index, &g_array_index (counter->codes, ChartCode, c).id,
                         GUINT_TO_POINTER (c + 1));
  stmt = shirabe_project_prepare (project,
                                  "SELECT code_id, start, end FROM coding"
                                  " WHERE narrative_id = ?1 AND (?2 = 0 OR coder_id = ?2)",
                                  error);
  if (stmt == NULL)
    return FALSE;
  for (guint ni = 0; ni < n->ids->len; ni++)
    {
      int rc;

      /* A matrix's rows not counted: their narratives are not read. */
      if (counter->matrix_row != NULL &&
          counter->matrix_row[cases ? g_array_index (n->case_of, guint, ni) : ni] < 0)
        continue;
      if (ni % 256 == 0 && g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      sqlite3_reset (stmt);
      sqlite3_bind_int64 (stmt, 1, g_array_index (n->ids, gint64, ni));
      sqlite3_bind_int64 (stmt, 2, counter->self->coder_id);
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          gint64 code_id = sqlite3_column_int64 (stmt, 0);
          guint c = GPOINTER_TO_UINT (g_hash_table_lookup (code_index, &code_id));
          Passage span;

          if (c == 0)
            continue;
          span.code = c - 1;
          span.narrative = ni;
          span.start = sqlite3_column_int64 (stmt, 1);
          span.end = sqlite3_column_int64 (stmt, 2);
          g_array_append_val (spans, span);
        }
      sqlite3_reset (stmt);
      if (rc != SQLITE_DONE)
        return shirabe_project_set_sqlite_error (project, rc, error);
    }

  /* In the order the index on codes gives: code, narrative, start. */
  g_array_sort (spans, compare_spans);
  for (guint i = 0; i < spans->len; i++)
    {
      const Passage *span = &g_array_index (spans, Passage, i);

      if (span->code != last_code)
        {
          state = (Feed) { -1, 0 };
          last_code = span->code;
        }
      feed (counter, &state, span->code, (int) span->narrative, span->start, span->end);
    }
  return TRUE;
}

/* By narrative when few narratives are counted (a narrow filter, a matrix's first rows),
 * else by code. */
static gboolean
read_codings (Counter         *counter,
              ShirabeProject  *project,
              GCancellable    *cancellable,
              GError         **error)
{
  guint n_read = counter->n->ids->len;
  gint64 n_all;

  if (counter->matrix_row != NULL && counter->self->rows->len < counter->self->n_rows_total)
    return read_codings_by_narrative (counter, project, cancellable, error);
  {
    sqlite3_stmt *stmt = shirabe_project_prepare (project, "SELECT count (*) FROM narrative",
                                                  error);
    int rc;

    if (stmt == NULL)
      return FALSE;
    rc = sqlite3_step (stmt);
    n_all = rc == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : 0;
    sqlite3_reset (stmt);
    if (rc != SQLITE_ROW)
      return shirabe_project_set_sqlite_error (project, rc, error);
  }
  if ((gint64) n_read * 16 < n_all)
    return read_codings_by_narrative (counter, project, cancellable, error);
  return read_codings_by_code (counter, project, cancellable, error);
}

/* Co-occurrence over cases or narratives: every pair of codes present in a unit. */
static void
count_present (Counter *counter)
{
  ShirabeChart *self = counter->self;
  guint n_codes = counter->codes->len;
  g_autofree guint *rows = g_new (guint, n_codes + 1);
  g_autofree guint *columns = g_new (guint, n_codes + 1);

  for (guint u = 0; u < counter->n_units; u++)
    {
      const guint8 *present = &counter->present[(gsize) u * n_codes];
      guint n_rows = 0, n_columns = 0;

      for (guint c = 0; c < n_codes; c++)
        {
          const ChartCode *code = &g_array_index (counter->codes, ChartCode, c);

          if (!present[c])
            continue;
          counter->code_totals[c]++;
          if (code->row >= 0)
            rows[n_rows++] = code->row;
          if (code->column >= 0)
            columns[n_columns++] = code->column;
        }
      for (guint i = 0; i < n_rows; i++)
        {
          guint32 *line = cell (self, rows[i], 0);

          for (guint j = 0; j < n_columns; j++)
            line[columns[j]]++;
        }
    }
}

static inline void
count_pair (Counter *counter,
            guint    a,
            guint    b)
{
  const ChartCode *x = &g_array_index (counter->codes, ChartCode, a);
  const ChartCode *y = &g_array_index (counter->codes, ChartCode, b);

  if (x->row >= 0 && y->column >= 0)
    (*cell (counter->self, x->row, y->column))++;
}

/* Co-occurrence over passages: every pair of passages of two codes in a narrative that
 * overlap (or lie at most the distance apart); each code's passages on the diagonal. */
static void
count_passage_pairs (Counter *counter)
{
  GArray *passages = counter->passages;
  gint64 distance = counter->self->distance;
  guint kept = 0;

  g_array_sort (passages, compare_passages);
  for (guint i = 0; i < passages->len; i++)
    {
      Passage p = g_array_index (passages, Passage, i);
      guint active = 0;

      count_pair (counter, p.code, p.code);
      /* The passages before p still open: kept at the front of the array (they are read
       * before being overwritten, as i only grows). */
      for (guint j = 0; j < kept; j++)
        {
          Passage q = g_array_index (passages, Passage, j);
          gboolean together;

          if (q.narrative != p.narrative)
            continue;
          together = distance > 0 ? q.end + distance >= p.start : q.end > p.start;
          if (!together)
            continue;
          if (q.code != p.code)
            {
              count_pair (counter, p.code, q.code);
              count_pair (counter, q.code, p.code);
            }
          g_array_index (passages, Passage, active++) = q;
        }
      g_array_index (passages, Passage, active++) = p;
      kept = active;
    }
}

static gboolean
check_spec (const ShirabeChartSpec  *spec,
            GError                 **error)
{
  if (spec->kind > SHIRABE_CHART_MATRIX || !shirabe_chart_unit_is_valid (spec->kind, spec->unit))
    {
      g_set_error (error, SHIRABE_ERROR, SHIRABE_ERROR_INVALID,
                   spec->kind == SHIRABE_CHART_MATRIX
                   ? _("The case × code matrix has cases or narratives as its rows; it cannot "
                       "count by %s")
                   : _("Co-occurrence is counted over cases, narratives or passages, not by %s"),
                   shirabe_chart_unit_to_string (spec->unit));
      return FALSE;
    }
  if (spec->distance < 0)
    {
      g_set_error_literal (error, SHIRABE_ERROR, SHIRABE_ERROR_INVALID,
                           _("The distance between passages cannot be negative"));
      return FALSE;
    }
  return TRUE;
}

/* The matrix's rows: the cases or the narratives, ordered by group when grouped. */
static void
make_matrix_rows (Counter *counter)
{
  ShirabeChart *self = counter->self;
  Narratives *n = counter->n;
  gboolean cases = self->unit == SHIRABE_CHART_UNIT_CASES;
  guint n_units = cases ? n->case_ids->len : n->ids->len;
  g_autofree int *group_of = g_new (int, n_units + 1);
  guint n_groups = MAX (self->groups->len, 1);
  g_autofree guint *group_counts = g_new0 (guint, n_groups);
  g_autofree guint *next = g_new0 (guint, n_groups);

  /* A case's group is that of its first narrative shown. */
  for (guint u = 0; u < n_units; u++)
    group_of[u] = -1;
  for (guint i = 0; i < n->ids->len; i++)
    {
      guint u = cases ? g_array_index (n->case_of, guint, i) : i;

      if (group_of[u] < 0)
        group_of[u] = MAX (g_array_index (n->group_of, int, i), 0);
    }
  for (guint u = 0; u < n_units; u++)
    group_counts[MAX (group_of[u], 0)]++;
  for (guint g = 1; g < n_groups; g++)
    next[g] = next[g - 1] + group_counts[g - 1];

  counter->matrix_row = g_new (int, n_units + 1);
  g_array_set_size (self->rows, n_units);
  for (guint u = 0; u < n_units; u++)
    {
      guint g = MAX (group_of[u], 0);
      guint row = next[g]++;
      ShirabeChartItem *item = &g_array_index (self->rows, ShirabeChartItem, row);
      guint k = cases ? u : g_array_index (n->case_of, guint, u);

      counter->matrix_row[u] = row;
      item->id = cases ? g_array_index (n->case_ids, gint64, u)
                       : g_array_index (n->ids, gint64, u);
      item->case_id = g_array_index (n->case_ids, gint64, k);
      item->label_en = g_strdup (cases ? n->case_names->pdata[u] : n->titles->pdata[u]);
      item->label_ja = g_strdup (item->label_en);
      item->group = self->groups->len > 0 ? (int) g : -1;
    }
  for (guint g = 0; g < self->groups->len; g++)
    g_array_index (self->groups, ShirabeChartItem, g).total = group_counts[g];

  /* Only the first rows counted: the others' codings are not read. */
  self->n_rows_total = n_units;
  if (counter->first_rows > 0 && counter->first_rows < n_units)
    {
      g_array_set_size (self->rows, counter->first_rows);
      for (guint u = 0; u < n_units; u++)
        if (counter->matrix_row[u] >= (int) counter->first_rows)
          counter->matrix_row[u] = -1;
    }
}

/* The frequencies' columns: a group each (or "All"), with the units in it as their total. */
static void
make_frequency_columns (Counter *counter)
{
  ShirabeChart *self = counter->self;
  Narratives *n = counter->n;

  if (self->groups->len == 0)
    {
      ShirabeChartItem item = { 0 };

      item.label_en = g_strdup (all_units.en);
      item.label_ja = g_strdup (all_units.ja);
      item.group = -1;
      g_array_append_val (self->columns, item);
    }
  else
    for (guint g = 0; g < self->groups->len; g++)
      {
        const ShirabeChartItem *group = &g_array_index (self->groups, ShirabeChartItem, g);
        ShirabeChartItem item = { 0 };

        item.id = g;
        item.label_en = g_strdup (group->label_en);
        item.label_ja = g_strdup (group->label_ja);
        item.group = g;
        item.missing = group->missing;
        g_array_append_val (self->columns, item);
      }

  /* Narratives and cases in each group, for the percentages. */
  if (self->unit == SHIRABE_CHART_UNIT_NARRATIVES || self->unit == SHIRABE_CHART_UNIT_CASES)
    {
      g_autofree guint32 *seen = g_new0 (guint32, (gsize) n->case_ids->len * counter->n_groups + 1);

      for (guint i = 0; i < n->ids->len; i++)
        {
          int g = MAX (g_array_index (n->group_of, int, i), 0);
          ShirabeChartItem *column = &g_array_index (self->columns, ShirabeChartItem, g);
          guint k = g_array_index (n->case_of, guint, i);

          if (self->unit == SHIRABE_CHART_UNIT_NARRATIVES)
            column->total++;
          else if (!seen[(gsize) k * counter->n_groups + g])
            {
              seen[(gsize) k * counter->n_groups + g] = 1;
              column->total++;
            }
        }
    }
}

static void
finish (Counter *counter)
{
  ShirabeChart *self = counter->self;
  guint n_rows = self->rows->len, n_columns = self->columns->len;

  switch (self->kind)
    {
    case SHIRABE_CHART_FREQUENCIES:
      if (self->unit == SHIRABE_CHART_UNIT_CODINGS || self->unit == SHIRABE_CHART_UNIT_PASSAGES)
        for (guint r = 0; r < n_rows; r++)
          for (guint c = 0; c < n_columns; c++)
            g_array_index (self->columns, ShirabeChartItem, c).total += *cell (self, r, c);
      for (guint r = 0; r < n_rows; r++)
        for (guint c = 0; c < n_columns; c++)
          g_array_index (self->rows, ShirabeChartItem, r).total += *cell (self, r, c);
      break;
    case SHIRABE_CHART_COOCCURRENCE:
      for (guint c = 0; c < counter->codes->len; c++)
        {
          const ChartCode *code = &g_array_index (counter->codes, ChartCode, c);

          if (code->row >= 0)
            g_array_index (self->rows, ShirabeChartItem, code->row).total = counter->code_totals[c];
          if (code->column >= 0)
            g_array_index (self->columns, ShirabeChartItem, code->column).total =
              counter->code_totals[c];
        }
      break;
    case SHIRABE_CHART_MATRIX:
    default:
      for (guint r = 0; r < n_rows; r++)
        for (guint c = 0; c < n_columns; c++)
          g_array_index (self->rows, ShirabeChartItem, r).total += *cell (self, r, c);
      break;
    }

  self->max_count = 0;
  for (guint r = 0; r < n_rows; r++)
    for (guint c = 0; c < n_columns; c++)
      {
        if (self->kind == SHIRABE_CHART_COOCCURRENCE &&
            g_array_index (self->rows, ShirabeChartItem, r).id ==
            g_array_index (self->columns, ShirabeChartItem, c).id)
          continue;
        self->max_count = MAX (self->max_count, *cell (self, r, c));
      }
}

ShirabeChart *
shirabe_chart_compute (ShirabeProject          *project,
                       const ShirabeChartSpec  *spec,
                       GCancellable            *cancellable,
                       GError                 **error)
{
  g_autoptr (ShirabeChart) self = NULL;
  g_autoptr (GArray) codes = NULL;
  g_autoptr (GArray) row_codes = NULL;
  g_autoptr (GArray) column_codes = NULL;
  g_autoptr (GHashTable) code_index = g_hash_table_new (g_int64_hash, g_int64_equal);
  Narratives n = { 0 };
  Counter counter = { 0 };
  GArray *code_items;
  gboolean ok = FALSE;

  g_return_val_if_fail (SHIRABE_IS_PROJECT (project), NULL);
  g_return_val_if_fail (spec != NULL, NULL);

  if (!check_spec (spec, error))
    return NULL;
  self = chart_new (spec);
  codes = load_code_tree (project, error);
  if (codes == NULL || !load_narratives (project, spec, &n, error))
    goto out;
  if (spec->by_attribute != 0 && spec->kind != SHIRABE_CHART_COOCCURRENCE &&
      !shirabe_chart_make_groups (self, project, spec, &n, error))
    goto out;

  /* The codes: rows of the frequencies and co-occurrence, columns of the matrix and the
   * co-occurrence. */
  row_codes = items_new ();
  if (!add_subtree (codes, spec->codes, row_codes, error))
    goto out;
  if (spec->kind == SHIRABE_CHART_COOCCURRENCE)
    {
      column_codes = items_new ();
      if (!add_subtree (codes, spec->codes_with != 0 ? spec->codes_with : spec->codes,
                        column_codes, error))
        goto out;
    }
  counter.self = self;
  counter.n = &n;
  counter.first_rows = spec->kind == SHIRABE_CHART_MATRIX ? spec->first_rows : 0;
  counter.codes = g_array_new (FALSE, FALSE, sizeof (ChartCode));
  code_items = spec->kind == SHIRABE_CHART_MATRIX ? self->columns : self->rows;
  g_array_append_vals (code_items, row_codes->data, row_codes->len);
  g_array_set_clear_func (row_codes, NULL);
  if (column_codes != NULL)
    {
      g_array_append_vals (self->columns, column_codes->data, column_codes->len);
      g_array_set_clear_func (column_codes, NULL);
    }
  for (int side = 0; side < 2; side++)
    {
      GArray *items = side == 0 ? code_items : column_codes;

      for (guint i = 0; items != NULL && i < items->len; i++)
        {
          gint64 id = g_array_index (items, ShirabeChartItem, i).id;
          gpointer found = g_hash_table_lookup (code_index, &id);
          ChartCode *code;

          if (found == NULL)
            {
              ChartCode fresh = { id, -1, -1 };

              g_array_append_val (counter.codes, fresh);
              found = GUINT_TO_POINTER (counter.codes->len);
              g_hash_table_insert (code_index,
                                   &g_array_index (items, ShirabeChartItem, i).id, found);
            }
          code = &g_array_index (counter.codes, ChartCode, GPOINTER_TO_UINT (found) - 1);
          if (side == 0 && spec->kind == SHIRABE_CHART_MATRIX)
            code->column = i;
          else if (side == 0)
            code->row = i;
          else
            code->column = i;
        }
    }
  counter.code_totals = g_new0 (guint64, counter.codes->len + 1);

  switch (spec->kind)
    {
    case SHIRABE_CHART_FREQUENCIES:
      counter.n_groups = MAX (self->groups->len, 1);
      make_frequency_columns (&counter);
      if (spec->unit == SHIRABE_CHART_UNIT_CASES)
        counter.stamp = g_new0 (guint32, (gsize) n.case_ids->len * counter.n_groups + 1);
      break;
    case SHIRABE_CHART_COOCCURRENCE:
      if (spec->unit == SHIRABE_CHART_UNIT_PASSAGES)
        counter.passages = g_array_new (FALSE, FALSE, sizeof (Passage));
      else
        {
          counter.n_units = spec->unit == SHIRABE_CHART_UNIT_CASES ? n.case_ids->len : n.ids->len;
          counter.present = g_new0 (guint8, (gsize) counter.n_units * counter.codes->len + 1);
        }
      break;
    case SHIRABE_CHART_MATRIX:
    default:
      make_matrix_rows (&counter);
      break;
    }
  self->cells = g_new0 (guint32, (gsize) self->rows->len * self->columns->len + 1);

  if (!read_codings (&counter, project, cancellable, error))
    goto out;
  if (counter.present != NULL)
    count_present (&counter);
  if (counter.passages != NULL)
    count_passage_pairs (&counter);
  finish (&counter);
  ok = TRUE;

out:
  narratives_clear (&n);
  g_clear_pointer (&counter.codes, g_array_unref);
  g_free (counter.code_totals);
  g_free (counter.present);
  g_free (counter.stamp);
  g_free (counter.matrix_row);
  g_clear_pointer (&counter.passages, g_array_unref);
  return ok ? g_steal_pointer (&self) : NULL;
}

/* Reading a chart */

ShirabeChartKind
shirabe_chart_get_kind (const ShirabeChart *self)
{
  return self->kind;
}

ShirabeChartUnit
shirabe_chart_get_unit (const ShirabeChart *self)
{
  return self->unit;
}

guint
shirabe_chart_get_n_rows (const ShirabeChart *self)
{
  return self->rows->len;
}

guint
shirabe_chart_get_n_rows_total (const ShirabeChart *self)
{
  return MAX (self->n_rows_total, self->rows->len);
}

guint
shirabe_chart_get_n_columns (const ShirabeChart *self)
{
  return self->columns->len;
}

const ShirabeChartItem *
shirabe_chart_get_row (const ShirabeChart *self,
                       guint               row)
{
  g_return_val_if_fail (row < self->rows->len, NULL);
  return &g_array_index (self->rows, ShirabeChartItem, row);
}

const ShirabeChartItem *
shirabe_chart_get_column (const ShirabeChart *self,
                          guint               column)
{
  g_return_val_if_fail (column < self->columns->len, NULL);
  return &g_array_index (self->columns, ShirabeChartItem, column);
}

guint
shirabe_chart_get_n_groups (const ShirabeChart *self)
{
  return self->kind == SHIRABE_CHART_MATRIX ? self->groups->len : 0;
}

const ShirabeChartItem *
shirabe_chart_get_group (const ShirabeChart *self,
                         guint               group)
{
  g_return_val_if_fail (group < self->groups->len, NULL);
  return &g_array_index (self->groups, ShirabeChartItem, group);
}

const char *
shirabe_chart_get_by_label (const ShirabeChart *self,
                            ShirabeLanguage     language)
{
  return self->by != NULL ? shirabe_chart_attribute_label (self->by, language) : NULL;
}

guint64
shirabe_chart_get_count (const ShirabeChart *self,
                         guint               row,
                         guint               column)
{
  g_return_val_if_fail (row < self->rows->len && column < self->columns->len, 0);
  return self->cells[(gsize) row * self->columns->len + column];
}

guint64
shirabe_chart_get_max_count (const ShirabeChart *self)
{
  return self->max_count;
}

gboolean
shirabe_chart_measure_is_valid (const ShirabeChart  *self,
                                ShirabeChartMeasure  measure)
{
  switch (measure)
    {
    case SHIRABE_CHART_MEASURE_PERCENT:
      return self->kind == SHIRABE_CHART_FREQUENCIES;
    case SHIRABE_CHART_MEASURE_JACCARD:
      return self->kind == SHIRABE_CHART_COOCCURRENCE &&
             self->unit != SHIRABE_CHART_UNIT_PASSAGES;
    case SHIRABE_CHART_MEASURE_COUNT:
    default:
      return TRUE;
    }
}

double
shirabe_chart_get_value (const ShirabeChart  *self,
                         guint                row,
                         guint                column,
                         ShirabeChartMeasure  measure)
{
  guint64 count = shirabe_chart_get_count (self, row, column);

  if (!shirabe_chart_measure_is_valid (self, measure))
    return NAN;
  switch (measure)
    {
    case SHIRABE_CHART_MEASURE_PERCENT:
      {
        guint64 total = shirabe_chart_get_column (self, column)->total;

        return total > 0 ? 100.0 * count / total : NAN;
      }
    case SHIRABE_CHART_MEASURE_JACCARD:
      {
        guint64 a = shirabe_chart_get_row (self, row)->total;
        guint64 b = shirabe_chart_get_column (self, column)->total;

        return a + b > count ? (double) count / (a + b - count) : NAN;
      }
    case SHIRABE_CHART_MEASURE_COUNT:
    default:
      return count;
    }
}

/* What the chart counts, in words of the label language. */
static const Pair unit_nouns[][2] = {
  [SHIRABE_CHART_UNIT_CODINGS] = { { "coding", "コーディング" }, { "codings", "コーディング" } },
  [SHIRABE_CHART_UNIT_PASSAGES] = { { "passage", "箇所" }, { "passages", "箇所" } },
  [SHIRABE_CHART_UNIT_NARRATIVES] = { { "narrative", "語り" }, { "narratives", "語り" } },
  [SHIRABE_CHART_UNIT_CASES] = { { "case", "事例" }, { "cases", "事例" } },
};

static const Pair frequency_titles[] = {
  [SHIRABE_CHART_UNIT_CODINGS] = { "Codings of each code", "コード別のコーディング数" },
  [SHIRABE_CHART_UNIT_PASSAGES] = { "Passages of each code", "コード別の箇所数" },
  [SHIRABE_CHART_UNIT_NARRATIVES] = { "Narratives having each code", "コード別の語り数" },
  [SHIRABE_CHART_UNIT_CASES] = { "Cases having each code", "コード別の事例数" },
};

static const Pair cooccurrence_titles[] = {
  [SHIRABE_CHART_UNIT_CODINGS] = { "", "" },
  [SHIRABE_CHART_UNIT_PASSAGES] = { "Co-occurrence: overlapping passages of both codes",
                                    "共起：両コードの重なり合う箇所" },
  [SHIRABE_CHART_UNIT_NARRATIVES] = { "Co-occurrence: narratives having both codes",
                                      "共起：両コードのある語り" },
  [SHIRABE_CHART_UNIT_CASES] = { "Co-occurrence: cases having both codes",
                                 "共起：両コードのある事例" },
};

char *
shirabe_chart_dup_title (const ShirabeChart *self,
                         ShirabeLanguage     language)
{
  gboolean ja = language == SHIRABE_LANGUAGE_JA;

  switch (self->kind)
    {
    case SHIRABE_CHART_FREQUENCIES:
      if (self->by != NULL)
        return ja ? g_strdup_printf ("%s別、%s", shirabe_chart_attribute_label (self->by, language),
                                     frequency_titles[self->unit].ja)
                  : g_strdup_printf ("%s, by %s", frequency_titles[self->unit].en,
                                     shirabe_chart_attribute_label (self->by, language));
      return g_strdup (pick (&frequency_titles[self->unit], language));
    case SHIRABE_CHART_COOCCURRENCE:
      if (self->unit == SHIRABE_CHART_UNIT_PASSAGES && self->distance > 0)
        return ja ? g_strdup_printf ("共起：%" G_GINT64_FORMAT "字以内にある両コードの箇所",
                                     self->distance)
                  : g_strdup_printf ("Co-occurrence: passages of both codes within %"
                                     G_GINT64_FORMAT " characters", self->distance);
      return g_strdup (pick (&cooccurrence_titles[self->unit], language));
    case SHIRABE_CHART_MATRIX:
    default:
      {
        const char *rows = self->unit == SHIRABE_CHART_UNIT_CASES
                           ? (ja ? "事例" : "case") : (ja ? "語り" : "narrative");

        if (self->by != NULL)
          return ja ? g_strdup_printf ("%s×コードのコーディング数（%s別）", rows,
                                       shirabe_chart_attribute_label (self->by, language))
                    : g_strdup_printf ("Codings per %s and code, grouped by %s", rows,
                                       shirabe_chart_attribute_label (self->by, language));
        return ja ? g_strdup_printf ("%s×コードのコーディング数", rows)
                  : g_strdup_printf ("Codings per %s and code", rows);
      }
    }
}

/* "12 cases", 「事例 12件」 */
static char *
count_text (const ShirabeChart *self,
            guint64             count,
            ShirabeLanguage     language)
{
  ShirabeChartUnit unit = self->kind == SHIRABE_CHART_MATRIX ? SHIRABE_CHART_UNIT_CODINGS
                                                              : self->unit;

  if (self->kind == SHIRABE_CHART_COOCCURRENCE && unit == SHIRABE_CHART_UNIT_PASSAGES)
    return language == SHIRABE_LANGUAGE_JA
           ? g_strdup_printf ("箇所の組 %" G_GUINT64_FORMAT "件", count)
           : g_strdup_printf (count == 1 ? "%" G_GUINT64_FORMAT " pair of passages"
                                         : "%" G_GUINT64_FORMAT " pairs of passages", count);
  if (language == SHIRABE_LANGUAGE_JA)
    return g_strdup_printf ("%s %" G_GUINT64_FORMAT "件", unit_nouns[unit][0].ja, count);
  return g_strdup_printf ("%" G_GUINT64_FORMAT " %s", count,
                          unit_nouns[unit][count != 1].en);
}

static const char *
item_name (const ShirabeChart     *self,
           const ShirabeChartItem *item,
           gboolean                is_code,
           ShirabeLanguage         language)
{
  const char *path = language == SHIRABE_LANGUAGE_JA ? item->path_ja : item->path_en;

  if (is_code && path != NULL && *path != '\0')
    return path;
  return shirabe_chart_item_get_label (item, language);
}

char *
shirabe_chart_dup_cell_text (const ShirabeChart *self,
                             guint               row,
                             guint               column,
                             ShirabeLanguage     language)
{
  const ShirabeChartItem *r = shirabe_chart_get_row (self, row);
  const ShirabeChartItem *c = shirabe_chart_get_column (self, column);
  gboolean ja = language == SHIRABE_LANGUAGE_JA;
  const char *separator = ja ? "：" : ": ";
  g_autofree char *count = count_text (self, shirabe_chart_get_count (self, row, column),
                                       language);
  const char *row_name = item_name (self, r, self->kind != SHIRABE_CHART_MATRIX, language);
  const char *column_name = item_name (self, c, self->kind != SHIRABE_CHART_FREQUENCIES,
                                       language);

  switch (self->kind)
    {
    case SHIRABE_CHART_FREQUENCIES:
      {
        double percent = shirabe_chart_get_value (self, row, column,
                                                   SHIRABE_CHART_MEASURE_PERCENT);
        char buffer[G_ASCII_DTOSTR_BUF_SIZE];

        if (self->by == NULL)
          return g_strdup_printf ("%s%s%s", row_name, separator, count);
        if (isnan (percent))
          return g_strdup_printf ("%s, %s%s%s", row_name, column_name, separator, count);
        g_ascii_formatd (buffer, sizeof buffer, "%.1f", percent);
        return ja ? g_strdup_printf ("%s、%s%s%s（%s%%）", row_name, column_name, separator,
                                     count, buffer)
                  : g_strdup_printf ("%s, %s%s%s (%s%%)", row_name, column_name, separator,
                                     count, buffer);
      }
    case SHIRABE_CHART_COOCCURRENCE:
      {
        double jaccard = shirabe_chart_get_value (self, row, column,
                                                  SHIRABE_CHART_MEASURE_JACCARD);
        char buffer[G_ASCII_DTOSTR_BUF_SIZE];

        if (r->id == c->id)
          return ja ? g_strdup_printf ("%s（対角：このコード自体）%s%s", row_name, separator, count)
                    : g_strdup_printf ("%s (diagonal: the code itself)%s%s", row_name,
                                       separator, count);
        if (isnan (jaccard))
          return g_strdup_printf ("%s × %s%s%s", row_name, column_name, separator, count);
        g_ascii_formatd (buffer, sizeof buffer, "%.2f", jaccard);
        return ja ? g_strdup_printf ("%s × %s%s%s（Jaccard係数 %s）", row_name, column_name,
                                     separator, count, buffer)
                  : g_strdup_printf ("%s × %s%s%s (Jaccard %s)", row_name, column_name,
                                     separator, count, buffer);
      }
    case SHIRABE_CHART_MATRIX:
    default:
      return g_strdup_printf ("%s × %s%s%s", row_name, column_name, separator, count);
    }
}

/* The chart's filter with more conditions to come. */
static ShirabeFilter *
cell_filter (const ShirabeChart *self)
{
  return self->filter != NULL ? shirabe_filter_copy (self->filter) : shirabe_filter_new ();
}

ShirabePassageQuery *
shirabe_chart_dup_query (const ShirabeChart *self,
                         guint               row,
                         guint               column)
{
  g_autoptr (ShirabePassageQuery) query = shirabe_passage_query_new ();
  g_autoptr (ShirabeFilter) filter = cell_filter (self);
  const ShirabeChartItem *r = shirabe_chart_get_row (self, row);
  const ShirabeChartItem *c = shirabe_chart_get_column (self, column);

  g_return_val_if_fail (r != NULL && c != NULL, NULL);

  if (self->coder_id != 0)
    shirabe_passage_query_add_coder (query, self->coder_id);
  switch (self->kind)
    {
    case SHIRABE_CHART_FREQUENCIES:
      shirabe_passage_query_add_code (query, r->id, FALSE);
      if (c->group >= 0)
        {
          const GroupCondition *condition = &g_array_index (self->group_conditions,
                                                            GroupCondition, c->group);

          if (condition->op == SHIRABE_FILTER_BETWEEN)
            {
              const char *lo[] = { condition->lo, NULL }, *hi[] = { condition->hi, NULL };

              shirabe_filter_add_attribute_condition (filter, self->by, SHIRABE_FILTER_AT_LEAST,
                                                      lo);
              shirabe_filter_add_attribute_condition (filter, self->by, SHIRABE_FILTER_LESS, hi);
            }
          else
            {
              const char *values[] = { condition->lo, NULL };

              shirabe_filter_add_attribute_condition (filter, self->by, condition->op,
                                                      condition->lo != NULL ? values : NULL);
            }
        }
      break;
    case SHIRABE_CHART_COOCCURRENCE:
      shirabe_passage_query_add_code (query, r->id, FALSE);
      if (r->id == c->id)
        break;
      if (self->unit == SHIRABE_CHART_UNIT_PASSAGES)
        {
          if (self->distance > 0)
            shirabe_passage_query_add_near (query, c->id, FALSE, self->distance);
          else
            {
              shirabe_passage_query_add_overlapping (query, c->id, FALSE);
              shirabe_passage_query_set_overlap_result (query, SHIRABE_OVERLAP_UNION);
            }
        }
      else
        {
          shirabe_passage_query_add_code (query, c->id, FALSE);
          if (self->unit == SHIRABE_CHART_UNIT_CASES)
            {
              shirabe_filter_add_case_code (filter, r->id, FALSE, TRUE);
              shirabe_filter_add_case_code (filter, c->id, FALSE, TRUE);
            }
          else
            {
              shirabe_filter_add_code (filter, r->id, FALSE, TRUE);
              shirabe_filter_add_code (filter, c->id, FALSE, TRUE);
            }
        }
      break;
    case SHIRABE_CHART_MATRIX:
    default:
      shirabe_passage_query_add_code (query, c->id, FALSE);
      if (self->unit == SHIRABE_CHART_UNIT_CASES)
        shirabe_filter_set_cases (filter, &r->id, 1);
      else
        shirabe_filter_set_narratives (filter, &r->id, 1);
      break;
    }
  if (!shirabe_filter_is_empty (filter))
    shirabe_passage_query_set_filter (query, filter);
  return g_steal_pointer (&query);
}
