/* shirabe-narrative-order.c: the order of the narrative list
 *
 * Cases by position, each case's narratives by position, and a translation right after its
 * original when both are in one case. Read through the narrative_case index and placed in C:
 * an ORDER BY with subqueries on translation_of read every narrative's row (its text too),
 * and even the plain ordered join sorts every narrative in a temporary tree.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "shirabe-narrative-order-private.h"
#include "shirabe-project-private.h"

static int
compare_sort_keys (gconstpointer a,
                   gconstpointer b)
{
  const ShirabeSortKey *x = a;
  const ShirabeSortKey *y = b;

#define COMPARE_FIELD(f) if (x->f != y->f) return x->f < y->f ? -1 : 1
  COMPARE_FIELD (case_rank);
  COMPARE_FIELD (place_position);
  COMPARE_FIELD (place_id);
  COMPARE_FIELD (translation);
  COMPARE_FIELD (position);
  COMPARE_FIELD (id);
#undef COMPARE_FIELD
  return 0;
}

/* A translation comes right after its original when both are in one case: at the original's
 * place, the original before its translations (then by position). A translation of an original
 * in another case keeps its own place. */
gboolean
shirabe_narrative_order_place_translations (ShirabeProject  *project,
                                            GArray          *keys,
                                            GError         **error)
{
  g_autoptr(GHashTable) originals = NULL;
  sqlite3_stmt *stmt;
  int rc;

  /* "> 0" rather than "IS NOT NULL" (ids are positive): without statistics SQLite takes the
   * latter for most rows and reads the whole table for it, every narrative's text included,
   * 40 to 90 ms at 10,000 narratives; the former goes through narrative_translation. */
  stmt = shirabe_project_prepare (project,
                                  "SELECT t.id, o.position, o.id FROM narrative t"
                                  " LEFT JOIN narrative o"
                                  "  ON o.id = t.translation_of AND o.case_id = t.case_id"
                                  " WHERE t.translation_of > 0",
                                  error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 *place = g_new (gint64, 3);

      place[0] = sqlite3_column_int64 (stmt, 0);
      place[1] = sqlite3_column_type (stmt, 2) != SQLITE_NULL ? sqlite3_column_int64 (stmt, 1)
                                                              : G_MININT64;
      place[2] = sqlite3_column_int64 (stmt, 2);
      if (originals == NULL)
        originals = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
      g_hash_table_insert (originals, place, place);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return shirabe_project_set_sqlite_error (project, rc, error);
  if (originals == NULL)
    return TRUE;

  for (guint i = 0; i < keys->len; i++)
    {
      ShirabeSortKey *key = &g_array_index (keys, ShirabeSortKey, i);
      const gint64 *place = g_hash_table_lookup (originals, &key->id);

      if (place == NULL)
        continue;
      key->translation = 1;
      if (place[1] != G_MININT64)
        {
          key->place_position = place[1];
          key->place_id = place[2];
        }
    }
  g_array_sort (keys, compare_sort_keys);
  return TRUE;
}

typedef struct
{
  gint64 position;
  gint64 id;
} CaseKey;

static int
compare_case_keys (gconstpointer a,
                   gconstpointer b)
{
  const CaseKey *x = a;
  const CaseKey *y = b;

  if (x->position != y->position)
    return x->position < y->position ? -1 : 1;
  return x->id < y->id ? -1 : x->id > y->id;
}

/* The whole list's order, unfiltered (as opening shows it), into @keys. The ordered join sorts
 * every narrative in a temporary tree, 17 to 39 ms at 30,000 narratives; here the cases are
 * ranked (their order is one small sort) and the narratives read in the narrative_case index's
 * order (case, position, id: no sort), then placed case by case in the cases' order, which is
 * the join's order. */
gboolean
shirabe_narrative_order_read_all (ShirabeProject  *project,
                                  GArray          *keys,
                                  GError         **error)
{
  g_autoptr(GArray) cases = g_array_new (FALSE, FALSE, sizeof (CaseKey));
  g_autoptr(GHashTable) ranks = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GArray) read = NULL;
  g_autofree guint *starts = NULL;
  gboolean in_id_order = TRUE;
  sqlite3_stmt *stmt;
  int rc;

  /* The cases in their table's order, sorted here: ORDER BY sorted them in a temporary tree,
   * 10 ms for 15,000 cases, where this takes one. */
  stmt = shirabe_project_prepare (project, "SELECT position, id FROM cases", error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CaseKey key = { sqlite3_column_int64 (stmt, 0), sqlite3_column_int64 (stmt, 1) };

      g_array_append_val (cases, key);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return shirabe_project_set_sqlite_error (project, rc, error);
  g_array_sort (cases, compare_case_keys);
  /* The array no longer grows: its ids are the table's keys. */
  for (guint i = 0; i < cases->len; i++)
    {
      g_hash_table_insert (ranks, &g_array_index (cases, CaseKey, i).id, GUINT_TO_POINTER (i + 1));
      if (i > 0 && g_array_index (cases, CaseKey, i).id < g_array_index (cases, CaseKey, i - 1).id)
        in_id_order = FALSE;
    }

  /* Cases in the order of their ids (as they were made, never moved): the index's order is the
   * list's, and the keys go straight where they are asked for (a copy of 30,000 keys into fresh
   * memory was a quarter of reading them). Otherwise each case's narratives, in the index's
   * order, go where its rank puts them. */
  read = in_id_order ? g_array_ref (keys) : g_array_new (FALSE, FALSE, sizeof (ShirabeSortKey));
  stmt = shirabe_project_prepare (project,
                                  "SELECT id, case_id, position FROM narrative"
                                  " ORDER BY case_id, position, id",
                                  error);
  if (stmt == NULL)
    return FALSE;
  starts = g_new0 (guint, cases->len + 2);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      ShirabeSortKey key = { 0, };
      gint64 case_id = sqlite3_column_int64 (stmt, 1);
      guint rank = GPOINTER_TO_UINT (g_hash_table_lookup (ranks, &case_id));

      /* A narrative of no case (the join's inner side) is not listed. */
      if (rank == 0)
        continue;
      key.id = sqlite3_column_int64 (stmt, 0);
      key.case_id = case_id;
      key.position = key.place_position = sqlite3_column_int64 (stmt, 2);
      key.place_id = key.id;
      key.case_rank = rank - 1;
      g_array_append_val (read, key);
      starts[rank + 1]++;
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return shirabe_project_set_sqlite_error (project, rc, error);

  if (in_id_order)
    return TRUE;
  for (guint rank = 1; rank <= cases->len + 1; rank++)
    starts[rank] += starts[rank - 1];
  g_array_set_size (keys, read->len);
  for (guint i = 0; i < read->len; i++)
    {
      const ShirabeSortKey *key = &g_array_index (read, ShirabeSortKey, i);

      g_array_index (keys, ShirabeSortKey, starts[key->case_rank + 1]++) = *key;
    }
  return TRUE;
}
