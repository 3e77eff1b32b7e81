/* shirabe-passages.c: the coded passages that answer a query, as a lazy list
 *
 * The query runs as one SQL statement over the coding indexes, reading the codings of every
 * code it names (with the filter's conditions on their narratives) in the project's order;
 * a sweep in C over each narrative's codings then makes the passages. Only positions are
 * kept (a few bytes a passage); texts, names and contexts are read in pages as asked for.
 * See docs/analysis/passages.md.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "shirabe-passages.h"
#include "shirabe-passages-private.h"

#include "shirabe-error.h"
#include "shirabe-filter-private.h"
#include "shirabe-i18n.h"
#include "shirabe-project-private.h"
#include "shirabe-sentence.h"

typedef struct
{
  gint64   code_id;
  gboolean subtree;
  gint64   distance;
} CodeSpec;

struct _ShirabePassageQuery
{
  gatomicrefcount      ref_count;
  GArray              *codes;        /* CodeSpec */
  GPtrArray           *all_of;       /* one GArray of CodeSpec each */
  GArray              *overlapping;  /* CodeSpec */
  GArray              *near;         /* CodeSpec, with distance */
  GArray              *not_codes;    /* CodeSpec */
  GArray              *coders;       /* gint64 */
  ShirabeOverlapResult result;
  ShirabeFilter       *filter;
  gint64               context;
};

G_DEFINE_BOXED_TYPE (ShirabePassageQuery, shirabe_passage_query,
                     shirabe_passage_query_ref, shirabe_passage_query_unref)

ShirabePassageQuery *
shirabe_passage_query_new (void)
{
  ShirabePassageQuery *self = g_new0 (ShirabePassageQuery, 1);

  g_atomic_ref_count_init (&self->ref_count);
  self->codes = g_array_new (FALSE, FALSE, sizeof (CodeSpec));
  self->all_of = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  self->overlapping = g_array_new (FALSE, FALSE, sizeof (CodeSpec));
  self->near = g_array_new (FALSE, FALSE, sizeof (CodeSpec));
  self->not_codes = g_array_new (FALSE, FALSE, sizeof (CodeSpec));
  self->coders = g_array_new (FALSE, FALSE, sizeof (gint64));

  return self;
}

ShirabePassageQuery *
shirabe_passage_query_ref (ShirabePassageQuery *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
shirabe_passage_query_unref (ShirabePassageQuery *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;

  g_array_unref (self->codes);
  g_ptr_array_unref (self->all_of);
  g_array_unref (self->overlapping);
  g_array_unref (self->near);
  g_array_unref (self->not_codes);
  g_array_unref (self->coders);
  g_clear_pointer (&self->filter, shirabe_filter_unref);
  g_free (self);
}

static void
append_spec (GArray   *array,
             gint64    code_id,
             gboolean  subtree,
             gint64    distance)
{
  CodeSpec spec = { code_id, subtree, distance };

  g_array_append_val (array, spec);
}

void
shirabe_passage_query_add_code (ShirabePassageQuery *self,
                                gint64               code_id,
                                gboolean             subtree)
{
  g_return_if_fail (self != NULL);
  append_spec (self->codes, code_id, subtree, 0);
}

void
shirabe_passage_query_add_all_of (ShirabePassageQuery *self,
                                  gint64               code_id,
                                  gboolean             subtree)
{
  GArray *group = g_array_new (FALSE, FALSE, sizeof (CodeSpec));

  g_return_if_fail (self != NULL);
  append_spec (group, code_id, subtree, 0);
  g_ptr_array_add (self->all_of, group);
}

void
shirabe_passage_query_add_overlapping (ShirabePassageQuery *self,
                                       gint64               code_id,
                                       gboolean             subtree)
{
  g_return_if_fail (self != NULL);
  append_spec (self->overlapping, code_id, subtree, 0);
}

void
shirabe_passage_query_set_overlap_result (ShirabePassageQuery  *self,
                                          ShirabeOverlapResult  result)
{
  g_return_if_fail (self != NULL);
  self->result = result;
}

void
shirabe_passage_query_add_near (ShirabePassageQuery *self,
                                gint64               code_id,
                                gboolean             subtree,
                                gint64               distance)
{
  g_return_if_fail (self != NULL);
  append_spec (self->near, code_id, subtree, MAX (distance, 0));
}

void
shirabe_passage_query_add_not (ShirabePassageQuery *self,
                               gint64               code_id,
                               gboolean             subtree)
{
  g_return_if_fail (self != NULL);
  append_spec (self->not_codes, code_id, subtree, 0);
}

void
shirabe_passage_query_add_coder (ShirabePassageQuery *self,
                                 gint64               coder_id)
{
  g_return_if_fail (self != NULL);
  g_array_append_val (self->coders, coder_id);
}

void
shirabe_passage_query_set_filter (ShirabePassageQuery *self,
                                  ShirabeFilter       *filter)
{
  g_return_if_fail (self != NULL);

  if (filter != NULL)
    shirabe_filter_ref (filter);
  g_clear_pointer (&self->filter, shirabe_filter_unref);
  self->filter = filter;
}

void
shirabe_passage_query_set_context (ShirabePassageQuery *self,
                                   gint64               n)
{
  g_return_if_fail (self != NULL);
  self->context = MAX (n, 0);
}

gint64
shirabe_passage_query_get_context (const ShirabePassageQuery *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->context;
}

/* Computing the passages */

/* Bit flags of the roles a code plays in a query: X, one of the all-of groups (bit 1 + i,
 * the overlapping set counting as one more group), near (one bit each), not. */
typedef struct
{
  guint64 x;
  guint64 groups;
  guint64 near;
  gboolean not_code;
} Roles;

typedef struct
{
  gint64 id;
  gint64 code_id;
  gint64 start;
  gint64 end;
} Coding;

static gboolean
add_roles (ShirabeProject *project,
           GHashTable     *roles,
           GArray         *specs,
           int             kind,
           int             bit,
           GError        **error)
{
  sqlite3 *db = shirabe_project_get_db (project);

  for (guint i = 0; i < specs->len; i++)
    {
      CodeSpec *spec = &g_array_index (specs, CodeSpec, i);
      sqlite3_stmt *stmt = NULL;
      int rc;

      rc = sqlite3_prepare_v2 (db,
                               spec->subtree ?
                               "WITH RECURSIVE t (id) AS (SELECT id FROM code WHERE id = ?1"
                               " UNION SELECT code.id FROM code JOIN t ON code.parent_id = t.id)"
                               " SELECT id FROM t" :
                               "SELECT id FROM code WHERE id = ?1",
                               -1, &stmt, NULL);
      if (rc != SQLITE_OK)
        return shirabe_project_set_sqlite_error (project, rc, error);
      sqlite3_bind_int64 (stmt, 1, spec->code_id);
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          gint64 id = sqlite3_column_int64 (stmt, 0);
          Roles *r = g_hash_table_lookup (roles, &id);

          if (r == NULL)
            {
              gint64 *key = g_new (gint64, 1);

              *key = id;
              r = g_new0 (Roles, 1);
              g_hash_table_insert (roles, key, r);
            }
          switch (kind)
            {
            case 0: r->x = 1; break;
            case 1: r->groups |= G_GUINT64_CONSTANT (1) << bit; break;
            case 2: r->near |= G_GUINT64_CONSTANT (1) << (bit + i); break;
            default: r->not_code = TRUE; break;
            }
        }
      sqlite3_finalize (stmt);
      if (rc != SQLITE_DONE)
        return shirabe_project_set_sqlite_error (project, rc, error);
    }
  return TRUE;
}

typedef struct
{
  GArray *results;     /* ShirabePassageSpan */
  GArray *coding_ids;  /* gint64, the spans' codings */
} Output;

static void
add_span (Output       *out,
          gint64        narrative_id,
          gint64        start,
          gint64        end,
          const gint64 *ids,
          guint         n_ids)
{
  ShirabePassageSpan span = { narrative_id, start, end, out->coding_ids->len, n_ids };

  g_array_append_vals (out->coding_ids, ids, n_ids);
  g_array_append_val (out->results, span);
}

static int
compare_gint64 (gconstpointer a,
                gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return x < y ? -1 : x > y;
}

static gboolean
overlaps (gint64 s1, gint64 e1, gint64 s2, gint64 e2)
{
  return s1 < e2 && s2 < e1;
}

static int
compare_spans (const ShirabePassageSpan *a,
               const ShirabePassageSpan *b,
               GArray                   *coding_ids)
{
  const gint64 *ids = (const gint64 *) coding_ids->data;

  if (a->start != b->start)
    return a->start < b->start ? -1 : 1;
  if (a->end != b->end)
    return a->end < b->end ? -1 : 1;
  for (guint i = 0; i < MIN (a->n_codings, b->n_codings); i++)
    {
      gint64 x = ids[a->first_coding + i], y = ids[b->first_coding + i];

      if (x != y)
        return x < y ? -1 : 1;
    }
  return (int) a->n_codings - (int) b->n_codings;
}

/* One narrative's codings (in start order) become passages. */
static void
sweep_narrative (const ShirabePassageQuery *query,
                 GHashTable                *roles,
                 guint                      n_groups,
                 gint64                     narrative_id,
                 const GArray              *codings,
                 Output                    *out)
{
  guint first_result = out->results->len;
  g_autoptr (GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr (GArray) cover = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr (GArray) next = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (guint i = 0; i < codings->len; i++)
    {
      const Coding *x = &g_array_index (codings, Coding, i);
      const Roles *xr = g_hash_table_lookup (roles, &x->code_id);
      gboolean keep = TRUE;
      gint64 union_start = x->start, union_end = x->end;

      if (xr == NULL || !xr->x)
        continue;

      /* not: no overlapping coding of a Z; near: a coding of each near Y close enough */
      for (guint n = 0; n < query->near->len && keep; n++)
        {
          gint64 distance = g_array_index (query->near, CodeSpec, n).distance;
          gboolean found = FALSE;

          for (guint j = 0; j < codings->len && !found; j++)
            {
              const Coding *y = &g_array_index (codings, Coding, j);
              const Roles *yr = g_hash_table_lookup (roles, &y->code_id);

              if (y->id == x->id || yr == NULL || !(yr->near & (G_GUINT64_CONSTANT (1) << n)))
                continue;
              found = y->start - x->end <= distance && x->start - y->end <= distance;
            }
          keep = found;
        }
      for (guint j = 0; j < codings->len && keep && query->not_codes->len > 0; j++)
        {
          const Coding *z = &g_array_index (codings, Coding, j);
          const Roles *zr = g_hash_table_lookup (roles, &z->code_id);

          if (z->id != x->id && zr != NULL && zr->not_code &&
              overlaps (x->start, x->end, z->start, z->end))
            keep = FALSE;
        }
      if (!keep)
        continue;

      if (n_groups == 0)
        {
          add_span (out, narrative_id, x->start, x->end, &x->id, 1);
          continue;
        }

      /* The parts of x covered by every group: sorted disjoint intervals in @cover. */
      g_array_set_size (cover, 0);
      g_array_append_val (cover, x->start);
      g_array_append_val (cover, x->end);
      for (guint g = 0; g < n_groups && cover->len > 0; g++)
        {
          guint64 bit = G_GUINT64_CONSTANT (1) << g;
          g_autoptr (GArray) group = g_array_new (FALSE, FALSE, sizeof (gint64));

          /* the group's codings over x, merged (they come in start order) */
          for (guint j = 0; j < codings->len; j++)
            {
              const Coding *y = &g_array_index (codings, Coding, j);
              const Roles *yr = g_hash_table_lookup (roles, &y->code_id);
              gint64 s, e;

              if (y->id == x->id || yr == NULL || !(yr->groups & bit) ||
                  !overlaps (x->start, x->end, y->start, y->end))
                continue;
              union_start = MIN (union_start, y->start);
              union_end = MAX (union_end, y->end);
              s = MAX (x->start, y->start);
              e = MIN (x->end, y->end);
              if (group->len > 0 && s <= g_array_index (group, gint64, group->len - 1))
                g_array_index (group, gint64, group->len - 1) =
                  MAX (e, g_array_index (group, gint64, group->len - 1));
              else
                {
                  g_array_append_val (group, s);
                  g_array_append_val (group, e);
                }
            }
          /* intersect cover with group */
          g_array_set_size (next, 0);
          for (guint a = 0, b = 0; a < cover->len && b < group->len;)
            {
              gint64 s = MAX (g_array_index (cover, gint64, a), g_array_index (group, gint64, b));
              gint64 e = MIN (g_array_index (cover, gint64, a + 1),
                              g_array_index (group, gint64, b + 1));

              if (s < e)
                {
                  g_array_append_val (next, s);
                  g_array_append_val (next, e);
                }
              if (g_array_index (cover, gint64, a + 1) < g_array_index (group, gint64, b + 1))
                a += 2;
              else
                b += 2;
            }
          g_array_set_size (cover, 0);
          if (next->len > 0)
            g_array_append_vals (cover, next->data, next->len);
        }
      if (cover->len == 0)
        continue;

      for (guint c = 0; c < cover->len; c += 2)
        {
          gint64 s = g_array_index (cover, gint64, c), e = g_array_index (cover, gint64, c + 1);

          if (query->result == SHIRABE_OVERLAP_UNION)
            {
              s = union_start;
              e = union_end;
            }
          g_array_set_size (ids, 0);
          g_array_append_val (ids, x->id);
          for (guint j = 0; j < codings->len; j++)
            {
              const Coding *y = &g_array_index (codings, Coding, j);
              const Roles *yr = g_hash_table_lookup (roles, &y->code_id);

              if (y->id != x->id && yr != NULL && yr->groups != 0 &&
                  overlaps (y->start, y->end,
                            query->result == SHIRABE_OVERLAP_UNION ? x->start : s,
                            query->result == SHIRABE_OVERLAP_UNION ? x->end : e))
                g_array_append_val (ids, y->id);
            }
          g_array_sort (ids, compare_gint64);
          add_span (out, narrative_id, s, e, (gint64 *) ids->data, ids->len);
          if (query->result == SHIRABE_OVERLAP_UNION)
            break;
        }
    }

  /* within the narrative: start, end, then the codings' ids, compared in turn */
  if (out->results->len - first_result > 1)
    {
      ShirabePassageSpan *spans = &g_array_index (out->results, ShirabePassageSpan, first_result);
      guint n = out->results->len - first_result;

      for (guint a = 1; a < n; a++)
        {
          ShirabePassageSpan key = spans[a];
          guint b = a;

          while (b > 0 && compare_spans (&spans[b - 1], &key, out->coding_ids) > 0)
            {
              spans[b] = spans[b - 1];
              b--;
            }
          spans[b] = key;
        }
    }
}

static void
append_ids (GString    *sql,
            GHashTable *roles)
{
  GHashTableIter iter;
  gpointer key;
  gboolean first = TRUE;

  g_hash_table_iter_init (&iter, roles);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      /* ids are integers from the project itself, never user text */
      g_string_append_printf (sql, "%s%" G_GINT64_FORMAT, first ? "" : ", ", *(gint64 *) key);
      first = FALSE;
    }
}

typedef struct
{
  guint  rank;   /* the narrative's place in the project's order */
  Coding coding;
} RankedCoding;

typedef struct
{
  gint64 narrative_id;
  gint64 case_id;
} Place;

static int
compare_ranked (gconstpointer a,
                gconstpointer b)
{
  const RankedCoding *x = a, *y = b;

  if (x->rank != y->rank)
    return x->rank < y->rank ? -1 : 1;
  if (x->coding.start != y->coding.start)
    return x->coding.start < y->coding.start ? -1 : 1;
  if (x->coding.end != y->coding.end)
    return x->coding.end < y->coding.end ? -1 : 1;
  return x->coding.id < y->coding.id ? -1 : x->coding.id > y->coding.id;
}

/* The narratives that pass the filter, in the project's order (the narrative_case index, as
 * the narrative list reads them), and each one's place. */
static gboolean
read_places (const ShirabePassageQuery *query,
             ShirabeProject            *project,
             GArray                    *places,
             GHashTable                *rank_by_id,
             GError                   **error)
{
  g_autoptr (GString) sql = g_string_new ("SELECT n.id, n.case_id FROM narrative n"
                                          " JOIN cases k ON k.id = n.case_id WHERE 1");
  g_autoptr (ShirabeFilterParams) params = shirabe_filter_params_new ();
  sqlite3_stmt *stmt = NULL;
  int rc;

  if (query->filter != NULL)
    shirabe_filter_append_sql (query->filter, "n", sql, params);
  g_string_append (sql, " ORDER BY k.position, k.id, n.position, n.id");
  rc = sqlite3_prepare_v2 (shirabe_project_get_db (project), sql->str, -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    return shirabe_project_set_sqlite_error (project, rc, error);
  shirabe_filter_params_bind (params, stmt, 1);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      Place place = { sqlite3_column_int64 (stmt, 0), sqlite3_column_int64 (stmt, 1) };

      g_hash_table_insert (rank_by_id, GSIZE_TO_POINTER ((gsize) place.narrative_id),
                           GUINT_TO_POINTER (places->len + 1));
      g_array_append_val (places, place);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return shirabe_project_set_sqlite_error (project, rc, error);
  return TRUE;
}

gboolean
shirabe_passage_query_run (const ShirabePassageQuery *query,
                           ShirabeProject            *project,
                           GArray                   **out_spans,
                           GArray                   **out_coding_ids,
                           guint                     *out_n_narratives,
                           guint                     *out_n_cases,
                           GError                   **error)
{
  g_autoptr (GHashTable) roles = g_hash_table_new_full (g_int64_hash, g_int64_equal,
                                                        g_free, g_free);
  g_autoptr (GHashTable) rank_by_id = g_hash_table_new (NULL, NULL);
  g_autoptr (GArray) places = g_array_new (FALSE, FALSE, sizeof (Place));
  g_autoptr (GArray) ranked = g_array_new (FALSE, FALSE, sizeof (RankedCoding));
  g_autoptr (GArray) codings = g_array_new (FALSE, FALSE, sizeof (Coding));
  g_autoptr (GString) sql = NULL;
  Output out;
  sqlite3_stmt *stmt = NULL;
  guint n_groups = query->all_of->len + (query->overlapping->len > 0 ? 1 : 0);
  gint64 counted_case = -1;
  guint n_narratives = 0, n_cases = 0;
  int rc;

  if (n_groups > 63 || query->near->len > 63)
    {
      g_set_error (error, SHIRABE_ERROR, SHIRABE_ERROR_INVALID,
                   _("A query can name at most 63 codes to be coded with or near"));
      return FALSE;
    }

  if (!add_roles (project, roles, query->codes, 0, 0, error))
    return FALSE;
  for (guint i = 0; i < query->all_of->len; i++)
    if (!add_roles (project, roles, g_ptr_array_index (query->all_of, i), 1, i, error))
      return FALSE;
  if (!add_roles (project, roles, query->overlapping, 1, query->all_of->len, error) ||
      !add_roles (project, roles, query->near, 2, 0, error) ||
      !add_roles (project, roles, query->not_codes, 3, 0, error))
    return FALSE;

  if (g_hash_table_size (roles) > 0)
    {
      if (!read_places (query, project, places, rank_by_id, error))
        return FALSE;

      /* the codings of the codes named, from the coding_code_place index alone; sorted here */
      sql = g_string_new ("SELECT c.id, c.narrative_id, c.code_id, c.start, c.end"
                          " FROM coding c WHERE c.code_id IN (");
      append_ids (sql, roles);
      g_string_append (sql, ")");
      if (query->coders->len > 0)
        {
          g_string_append (sql, " AND c.coder_id IN (");
          for (guint i = 0; i < query->coders->len; i++)
            g_string_append_printf (sql, "%s%" G_GINT64_FORMAT, i > 0 ? ", " : "",
                                    g_array_index (query->coders, gint64, i));
          g_string_append (sql, ")");
        }
      rc = sqlite3_prepare_v2 (shirabe_project_get_db (project), sql->str, -1, &stmt, NULL);
      if (rc != SQLITE_OK)
        return shirabe_project_set_sqlite_error (project, rc, error);
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          gint64 narrative_id = sqlite3_column_int64 (stmt, 1);
          guint rank = GPOINTER_TO_UINT (g_hash_table_lookup (rank_by_id,
                                                              GSIZE_TO_POINTER ((gsize) narrative_id)));
          RankedCoding r;

          if (rank == 0)
            continue;
          r.rank = rank - 1;
          r.coding.id = sqlite3_column_int64 (stmt, 0);
          r.coding.code_id = sqlite3_column_int64 (stmt, 2);
          r.coding.start = sqlite3_column_int64 (stmt, 3);
          r.coding.end = sqlite3_column_int64 (stmt, 4);
          g_array_append_val (ranked, r);
        }
      sqlite3_finalize (stmt);
      if (rc != SQLITE_DONE)
        return shirabe_project_set_sqlite_error (project, rc, error);
      g_array_sort (ranked, compare_ranked);
    }

  out.results = g_array_new (FALSE, FALSE, sizeof (ShirabePassageSpan));
  out.coding_ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (guint i = 0; i < ranked->len;)
    {
      guint rank = g_array_index (ranked, RankedCoding, i).rank;
      const Place *place = &g_array_index (places, Place, rank);
      guint before = out.results->len;

      g_array_set_size (codings, 0);
      for (; i < ranked->len && g_array_index (ranked, RankedCoding, i).rank == rank; i++)
        g_array_append_val (codings, g_array_index (ranked, RankedCoding, i).coding);
      sweep_narrative (query, roles, n_groups, place->narrative_id, codings, &out);
      if (out.results->len > before)
        {
          n_narratives++;
          if (place->case_id != counted_case)
            {
              n_cases++;
              counted_case = place->case_id;
            }
        }
    }

  *out_spans = out.results;
  *out_coding_ids = out.coding_ids;
  *out_n_narratives = n_narratives;
  *out_n_cases = n_cases;
  return TRUE;
}
