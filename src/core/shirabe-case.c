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
  stmt = shirabe_project_prepare (project, "DELETE FROM cases WHERE id = ?1", error);
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
