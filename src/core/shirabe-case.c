/* shirabe-case.c: a person or situation studied
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "shirabe-i18n.h"

#include "shirabe-case.h"
#include "shirabe-case-private.h"
#include "shirabe-project-private.h"

G_DEFINE_BOXED_TYPE (ShirabeCase, shirabe_case, shirabe_case_copy, shirabe_case_free)

ShirabeCase *
shirabe_case_copy (const ShirabeCase *self)
{
  ShirabeCase *copy = g_memdup2 (self, sizeof *self);

  copy->uuid = g_strdup (self->uuid);
  copy->name = g_strdup (self->name);
  copy->memo = g_strdup (self->memo);
  copy->created_at = g_strdup (self->created_at);
  return copy;
}

void
shirabe_case_free (ShirabeCase *self)
{
  if (self == NULL)
    return;
  g_free (self->uuid);
  g_free (self->name);
  g_free (self->memo);
  g_free (self->created_at);
  g_free (self);
}

#define CASE_COLUMNS \
  "c.id, c.uuid, c.name, c.memo, c.position, c.created_at," \
  " (SELECT count(*) FROM narrative n WHERE n.case_id = c.id)," \
  " (SELECT count(*) FROM coding g JOIN narrative n ON n.id = g.narrative_id" \
  "   WHERE n.case_id = c.id)"

static ShirabeCase *
case_from_row (sqlite3_stmt *stmt)
{
  ShirabeCase *self = g_new0 (ShirabeCase, 1);

  self->id = sqlite3_column_int64 (stmt, 0);
  self->uuid = shirabe_column_dup_text (stmt, 1);
  self->name = shirabe_column_dup_text (stmt, 2);
  self->memo = shirabe_column_dup_text (stmt, 3);
  self->position = sqlite3_column_int (stmt, 4);
  self->created_at = shirabe_column_dup_text (stmt, 5);
  self->n_narratives = sqlite3_column_int (stmt, 6);
  self->n_codings = sqlite3_column_int (stmt, 7);
  return self;
}

static gboolean
check_name (const char  *name,
            GError     **error)
{
  if (shirabe_str_is_blank (name))
    {
      g_set_error_literal (error, SHIRABE_ERROR, SHIRABE_ERROR_INVALID,
                           _("A case needs a name"));
      return FALSE;
    }
  return shirabe_check_utf8 (name, error);
}

static gboolean
case_exists (ShirabeProject  *project,
            gint64           case_id,
            GError         **error)
{
  return shirabe_project_row_exists (project, "SELECT id FROM cases WHERE id = ?1", SHIRABE_ENTITY_CASE, case_id,
                                     error);
}

/**
 * shirabe_project_add_case:
 *
 * Adds a case at the end of the list.
 *
 * Returns: the new case's id, or 0 with @error set
 */
gint64
shirabe_project_add_case (ShirabeProject  *project,
                          const char      *name,
                          GError         **error)
{
  return shirabe_project_add_case_at (project, name, -1, error);
}

/* The position after the last case: what a batch that adds many cases asks once and then
 * counts up itself (max() over every case, per case, made importing 100,000 files
 * quadratic). */
gint64
shirabe_project_next_case_position (ShirabeProject  *project,
                                    GError         **error)
{
  sqlite3_stmt *stmt;
  GError *local_error = NULL;
  gint64 position;

  stmt = shirabe_project_prepare (project,
                                  "SELECT coalesce (max (position) + 1, 0) FROM cases", error);
  if (stmt == NULL)
    return -1;
  position = shirabe_project_query_id (project, stmt, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return -1;
    }
  return position;
}

/* Adds a case at @position (which the caller keeps free), or at the end when -1. */
gint64
shirabe_project_add_case_at (ShirabeProject  *project,
                             const char      *name,
                             gint64           position,
                             GError         **error)
{
  g_autofree char *uuid = g_uuid_string_random ();
  g_autofree char *now = shirabe_now_iso8601 ();
  g_autofree char *label = NULL;
  sqlite3_stmt *stmt;
  gint64 id = 0;

  g_return_val_if_fail (SHIRABE_IS_PROJECT (project), 0);

  if (!check_name (name, error) || !shirabe_project_begin_edit (project, error))
    return 0;

  stmt = shirabe_project_prepare (project,
                                  "INSERT INTO cases (uuid, name, position, created_at)"
                                  " VALUES (?1, ?2, CASE WHEN ?4 >= 0 THEN ?4 ELSE"
                                  "   (SELECT coalesce (max (position) + 1, 0) FROM cases) END,"
                                  "  ?3)",
                                  error);
  if (stmt != NULL)
    {
      shirabe_bind_text (stmt, 1, uuid);
      shirabe_bind_text (stmt, 2, name);
      shirabe_bind_text (stmt, 3, now);
      sqlite3_bind_int64 (stmt, 4, position);
      if (shirabe_project_step_done (project, stmt, error))
        id = sqlite3_last_insert_rowid (shirabe_project_get_db (project));
    }

  label = g_strdup_printf (_("Add case “%s”"), name);
  if (!shirabe_project_end_edit (project, id != 0, label, id != 0 ? error : NULL))
    return 0;
  return id;
}

gint64
shirabe_project_ensure_case (ShirabeProject  *project,
                             const char      *name,
                             GError         **error)
{
  sqlite3_stmt *stmt;
  GError *local_error = NULL;
  gint64 id;

  g_return_val_if_fail (SHIRABE_IS_PROJECT (project), 0);

  if (!check_name (name, error))
    return 0;
  stmt = shirabe_project_prepare (project,
                                  "SELECT id FROM cases WHERE name = ?1 ORDER BY id LIMIT 1",
                                  error);
  if (stmt == NULL)
    return 0;
  shirabe_bind_text (stmt, 1, name);
  id = shirabe_project_query_id (project, stmt, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return 0;
    }
  if (id != 0)
    return id;
  return shirabe_project_add_case (project, name, error);
}

static gboolean
update_case_text (ShirabeProject  *project,
                  const char      *sql,
                  gint64           case_id,
                  const char      *value,
                  const char      *label,
                  GError         **error)
{
  sqlite3_stmt *stmt;
  gboolean ok = FALSE;

  if (!case_exists (project, case_id, error) || !shirabe_project_begin_edit (project, error))
    return FALSE;
  stmt = shirabe_project_prepare (project, sql, error);
  if (stmt != NULL)
    {
      shirabe_bind_text (stmt, 1, value);
      sqlite3_bind_int64 (stmt, 2, case_id);
      ok = shirabe_project_step_done (project, stmt, error);
    }
  return shirabe_project_end_edit (project, ok, label, ok ? error : NULL) && ok;
}

gboolean
shirabe_project_rename_case (ShirabeProject  *project,
                             gint64           case_id,
                             const char      *name,
                             GError         **error)
{
  g_autofree char *label = NULL;

  g_return_val_if_fail (SHIRABE_IS_PROJECT (project), FALSE);

  if (!check_name (name, error))
    return FALSE;
  label = g_strdup_printf (_("Rename case to “%s”"), name);
  return update_case_text (project, "UPDATE cases SET name = ?1 WHERE id = ?2", case_id, name,
                           label, error);
}

gboolean
shirabe_project_set_case_memo (ShirabeProject  *project,
                               gint64           case_id,
                               const char      *memo,
                               GError         **error)
{
  g_return_val_if_fail (SHIRABE_IS_PROJECT (project), FALSE);

  if (!shirabe_check_utf8 (memo, error))
    return FALSE;
  return update_case_text (project, "UPDATE cases SET memo = ?1 WHERE id = ?2", case_id,
                           memo ? memo : "", _("Edit case memo"), error);
}

/**
 * shirabe_project_delete_case:
 *
 * Deletes a case with its narratives, their codings and its attribute values, as one undo step.
 */
gboolean
shirabe_project_delete_case (ShirabeProject  *project,
                             gint64           case_id,
                             GError         **error)
{
  g_autoptr(ShirabeCase) deleted = NULL;
  g_autofree char *label = NULL;
  sqlite3_stmt *stmt;
  gboolean ok = FALSE;

  g_return_val_if_fail (SHIRABE_IS_PROJECT (project), FALSE);

  deleted = shirabe_project_get_case (project, case_id, error);
  if (deleted == NULL || !shirabe_project_begin_edit (project, error))
    return FALSE;
  /* Its narratives go with it: their full-text entries first. */
  stmt = shirabe_project_fts_forget (project, "case_id", case_id, error)
         ? shirabe_project_prepare (project, "DELETE FROM cases WHERE id = ?1", error)
         : NULL;
  if (stmt != NULL)
    {
      sqlite3_bind_int64 (stmt, 1, case_id);
      ok = shirabe_project_step_done (project, stmt, error);
    }
  label = g_strdup_printf (_("Delete case “%s”"), deleted->name);
  return shirabe_project_end_edit (project, ok, label, ok ? error : NULL) && ok;
}

ShirabeCase *
shirabe_project_get_case (ShirabeProject  *project,
                          gint64           case_id,
                          GError         **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (SHIRABE_IS_PROJECT (project), NULL);

  stmt = shirabe_project_prepare (project,
                                  "SELECT " CASE_COLUMNS " FROM cases c WHERE c.id = ?1", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, case_id);
  return shirabe_project_fetch_one (project, stmt, (ShirabeRowFunc) case_from_row, SHIRABE_ENTITY_CASE,
                                    case_id, error);
}

GPtrArray *
shirabe_project_list_cases (ShirabeProject  *project,
                            GError         **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (SHIRABE_IS_PROJECT (project), NULL);

  stmt = shirabe_project_prepare (project,
                                  "SELECT " CASE_COLUMNS " FROM cases c ORDER BY c.position, c.id",
                                  error);
  if (stmt == NULL)
    return NULL;
  return shirabe_project_collect (project, stmt, (ShirabeRowFunc) case_from_row,
                                  (GDestroyNotify) shirabe_case_free, error);
}

gint64
shirabe_project_find_case (ShirabeProject  *project,
                           const char      *spec,
                           GError         **error)
{
  return shirabe_project_resolve (project, SHIRABE_ENTITY_CASE, spec,
                                  "SELECT id FROM cases WHERE id = ?1",
                                  "SELECT id FROM cases WHERE uuid = ?1",
                                  "SELECT id FROM cases WHERE name = ?1 LIMIT 2",
                                  error);
}

/* Organising cases: order and merge */

/**
 * shirabe_project_move_case:
 * @position: where the case goes among the cases, from 0; past the end means last
 *
 * Reorders the cases, as one undo step.
 */
gboolean
shirabe_project_move_case (ShirabeProject  *project,
                           gint64           case_id,
                           guint            position,
                           GError         **error)
{
  g_autoptr(ShirabeCase) moved = NULL;
  g_autoptr(GPtrArray) cases = NULL;
  g_autoptr(GArray) order = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autofree char *label = NULL;
  sqlite3_stmt *stmt;
  gboolean ok = TRUE;

  g_return_val_if_fail (SHIRABE_IS_PROJECT (project), FALSE);

  moved = shirabe_project_get_case (project, case_id, error);
  if (moved == NULL || (cases = shirabe_project_list_cases (project, error)) == NULL)
    return FALSE;
  for (guint i = 0; i < cases->len; i++)
    {
      ShirabeCase *the_case = g_ptr_array_index (cases, i);

      if (the_case->id != case_id)
        g_array_append_val (order, the_case->id);
    }
  g_array_insert_val (order, MIN (position, order->len), case_id);

  if (!shirabe_project_begin_edit (project, error))
    return FALSE;
  stmt = shirabe_project_prepare (project, "UPDATE cases SET position = ?1 WHERE id = ?2",
                                  error);
  for (guint i = 0; ok && i < order->len; i++)
    {
      ok = stmt != NULL;
      if (ok)
        {
          sqlite3_bind_int64 (stmt, 1, i);
          sqlite3_bind_int64 (stmt, 2, g_array_index (order, gint64, i));
          ok = shirabe_project_step_done (project, stmt, error);
        }
    }
  label = g_strdup_printf (_("Move case “%s”"), moved->name);
  return shirabe_project_end_edit (project, ok, label, ok ? error : NULL) && ok;
}

void
shirabe_merge_conflict_free (ShirabeMergeConflict *self)
{
  if (self == NULL)
    return;
  g_free (self->attribute);
  g_free (self->into_value);
  g_free (self->from_value);
  g_free (self);
}

/**
 * shirabe_project_find_merge_conflicts:
 *
 * Returns: (transfer full) (element-type ShirabeMergeConflict): the attributes whose values
 *   differ between the two cases (a value only one case has is no conflict), or %NULL with
 *   @error set
 */
GPtrArray *
shirabe_project_find_merge_conflicts (ShirabeProject  *project,
                                      gint64           into_id,
                                      gint64           from_id,
                                      GError         **error)
{
  g_autoptr(GPtrArray) conflicts =
    g_ptr_array_new_with_free_func ((GDestroyNotify) shirabe_merge_conflict_free);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (SHIRABE_IS_PROJECT (project), NULL);

  stmt = shirabe_project_prepare (project,
                                  "SELECT coalesce (nullif (a.name_en, ''), a.name_ja),"
                                  " i.value, f.value"
                                  " FROM attribute_value i"
                                  " JOIN attribute_value f ON f.attribute_id = i.attribute_id"
                                  " JOIN attribute a ON a.id = i.attribute_id"
                                  " WHERE i.case_id = ?1 AND f.case_id = ?2"
                                  " AND i.value IS NOT f.value"
                                  " ORDER BY a.position, a.id",
                                  error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, into_id);
  sqlite3_bind_int64 (stmt, 2, from_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      ShirabeMergeConflict *conflict = g_new0 (ShirabeMergeConflict, 1);

      conflict->attribute = shirabe_column_dup_text (stmt, 0);
      conflict->into_value = shirabe_column_dup_text (stmt, 1);
      conflict->from_value = shirabe_column_dup_text (stmt, 2);
      g_ptr_array_add (conflicts, conflict);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      shirabe_project_set_sqlite_error (project, rc, error);
      return NULL;
    }
  return g_steal_pointer (&conflicts);
}

/**
 * shirabe_project_merge_cases:
 * @into_id: the case that stays
 * @from_id: the case merged into it, which goes
 * @choice: for an attribute both cases give different values, whose value stays
 *
 * Moves @from_id's narratives (after @into_id's) and attribute values into @into_id, appends
 * its memo, and deletes it: one undo step. Codings go with their narratives.
 */
gboolean
shirabe_project_merge_cases (ShirabeProject      *project,
                             gint64               into_id,
                             gint64               from_id,
                             ShirabeMergeChoice   choice,
                             GError             **error)
{
  g_autoptr(ShirabeCase) into = NULL;
  g_autoptr(ShirabeCase) from = NULL;
  g_autofree char *label = NULL;
  static const char *const steps[] = {
    /* Narratives after the ones already there, in their order. */
    "UPDATE narrative SET case_id = ?1, position = position +"
    " (SELECT coalesce (max (position) + 1, 0) FROM narrative WHERE case_id = ?1)"
    " WHERE case_id = ?2",
    /* A conflict settled for the merged case's value. */
    "UPDATE attribute_value SET value = (SELECT f.value FROM attribute_value f"
    "   WHERE f.case_id = ?2 AND f.attribute_id = attribute_value.attribute_id)"
    " WHERE ?3 = 1 AND case_id = ?1"
    " AND attribute_id IN (SELECT attribute_id FROM attribute_value WHERE case_id = ?2)",
    /* Values only the merged case has. */
    "UPDATE attribute_value SET case_id = ?1 WHERE case_id = ?2"
    " AND attribute_id NOT IN (SELECT attribute_id FROM attribute_value WHERE case_id = ?1)",
    "UPDATE cases SET memo = CASE WHEN memo = '' THEN (SELECT memo FROM cases WHERE id = ?2)"
    "   ELSE memo || char (10) || char (10) || (SELECT memo FROM cases WHERE id = ?2) END"
    " WHERE id = ?1 AND (SELECT memo FROM cases WHERE id = ?2) <> ''",
    "DELETE FROM cases WHERE id = ?2",
  };
  gboolean ok = TRUE;

  g_return_val_if_fail (SHIRABE_IS_PROJECT (project), FALSE);

  if (into_id == from_id)
    {
      g_set_error_literal (error, SHIRABE_ERROR, SHIRABE_ERROR_INVALID,
                           _("A case cannot be merged into itself"));
      return FALSE;
    }
  into = shirabe_project_get_case (project, into_id, error);
  if (into == NULL || (from = shirabe_project_get_case (project, from_id, error)) == NULL ||
      !shirabe_project_begin_edit (project, error))
    return FALSE;
  for (guint i = 0; ok && i < G_N_ELEMENTS (steps); i++)
    {
      sqlite3_stmt *stmt = shirabe_project_prepare (project, steps[i], error);

      ok = stmt != NULL;
      if (!ok)
        break;
      sqlite3_bind_int64 (stmt, 1, into_id);
      sqlite3_bind_int64 (stmt, 2, from_id);
      if (sqlite3_bind_parameter_count (stmt) >= 3)
        sqlite3_bind_int (stmt, 3, choice == SHIRABE_MERGE_TAKE_FROM);
      ok = shirabe_project_step_done (project, stmt, error);
    }
  label = g_strdup_printf (_("Merge case “%s” into “%s”"), from->name, into->name);
  return shirabe_project_end_edit (project, ok, label, ok ? error : NULL) && ok;
}
