/* shirabe-coding.c: a code applied to a passage of a narrative
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "shirabe-i18n.h"

#include <inttypes.h>

#include "shirabe-code.h"
#include "shirabe-coding.h"
#include "shirabe-project-private.h"

G_DEFINE_BOXED_TYPE (ShirabeCoding, shirabe_coding, shirabe_coding_copy, shirabe_coding_free)

ShirabeCoding *
shirabe_coding_copy (const ShirabeCoding *self)
{
  ShirabeCoding *copy = g_memdup2 (self, sizeof *self);

  copy->uuid = g_strdup (self->uuid);
  copy->coder_name = g_strdup (self->coder_name);
  copy->memo = g_strdup (self->memo);
  copy->created_at = g_strdup (self->created_at);
  return copy;
}

void
shirabe_coding_free (ShirabeCoding *self)
{
  if (self == NULL)
    return;
  g_free (self->uuid);
  g_free (self->coder_name);
  g_free (self->memo);
  g_free (self->created_at);
  g_free (self);
}

#define CODING_COLUMNS \
  "g.id, g.uuid, g.narrative_id, g.code_id, g.coder_id, d.name, g.start, g.end, g.memo," \
  " g.created_at, g.carried_from"

static ShirabeCoding *
coding_from_row (sqlite3_stmt *stmt)
{
  ShirabeCoding *self = g_new0 (ShirabeCoding, 1);

  self->id = sqlite3_column_int64 (stmt, 0);
  self->uuid = shirabe_column_dup_text (stmt, 1);
  self->narrative_id = sqlite3_column_int64 (stmt, 2);
  self->code_id = sqlite3_column_int64 (stmt, 3);
  self->coder_id = sqlite3_column_int64 (stmt, 4);
  self->coder_name = shirabe_column_dup_text (stmt, 5);
  self->start = sqlite3_column_int64 (stmt, 6);
  self->end = sqlite3_column_int64 (stmt, 7);
  self->memo = shirabe_column_dup_text (stmt, 8);
  self->created_at = shirabe_column_dup_text (stmt, 9);
  self->carried_from = sqlite3_column_int64 (stmt, 10);
  return self;
}

/* Checks that the passage lies inside the narrative's text and the code may be applied. */
static gboolean
check_coding (ShirabeProject  *project,
              gint64           narrative_id,
              gint64           code_id,
              gint64           start,
              gint64           end,
              char           **code_label,
              GError         **error)
{
  g_autofree char *label = NULL;
  gboolean codable;
  sqlite3_stmt *stmt;
  gint64 length;
  int rc;

  stmt = shirabe_project_prepare (project, "SELECT length, title FROM narrative WHERE id = ?1",
                                  error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, narrative_id);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      if (rc == SQLITE_DONE)
        shirabe_set_not_found (error, SHIRABE_ENTITY_NARRATIVE, narrative_id);
      else
        shirabe_project_set_sqlite_error (project, rc, error);
      return FALSE;
    }
  length = sqlite3_column_int64 (stmt, 0);
  if (start < 0 || end <= start || end > length)
    {
      g_autofree char *title = shirabe_column_dup_text (stmt, 1);

      sqlite3_reset (stmt);
      if (end == start)
        g_set_error (error, SHIRABE_ERROR, SHIRABE_ERROR_INVALID,
                     _("The passage %" PRId64 "–%" PRId64 " of “%s” is "
                       "empty; select at least one character"),
                     start, end, title);
      else
        g_set_error (error, SHIRABE_ERROR, SHIRABE_ERROR_INVALID,
                     _("The passage %" PRId64 "–%" PRId64 " is outside "
                       "“%s”, which has %" PRId64 " characters (positions count "
                       "characters from 0; the end is not included)"),
                     start, end, title, length);
      return FALSE;
    }
  sqlite3_reset (stmt);

  /* Only what the check needs: this runs on every coding the user applies. */
  stmt = shirabe_project_prepare (project,
                                  "SELECT codable, coalesce (nullif (label_en, ''), label_ja)"
                                  " FROM code WHERE id = ?1",
                                  error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, code_id);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      if (rc == SQLITE_DONE)
        shirabe_set_not_found (error, SHIRABE_ENTITY_CODE, code_id);
      else
        shirabe_project_set_sqlite_error (project, rc, error);
      return FALSE;
    }
  codable = sqlite3_column_int (stmt, 0) != 0;
  label = shirabe_column_dup_text (stmt, 1);
  sqlite3_reset (stmt);
  if (!codable)
    {
      g_set_error (error, SHIRABE_ERROR, SHIRABE_ERROR_INVALID,
                   _("“%s” is a category, not a code to apply; choose one of its subcodes"),
                   label);
      return FALSE;
    }
  *code_label = g_steal_pointer (&label);
  return TRUE;
}

/* Refuses a coding that exists already: the same code on the same passage by the same coder
 * would count twice in every statistic and mean nothing more. */
static gboolean
check_not_duplicate (ShirabeProject  *project,
                     gint64           narrative_id,
                     gint64           code_id,
                     gint64           coder_id,
                     gint64           start,
                     gint64           end,
                     const char      *code_label,
                     GError         **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = shirabe_project_prepare (project,
                                  "SELECT 1 FROM coding WHERE narrative_id = ?1 AND start = ?2"
                                  " AND end = ?3 AND code_id = ?4 AND coder_id = ?5",
                                  error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, narrative_id);
  sqlite3_bind_int64 (stmt, 2, start);
  sqlite3_bind_int64 (stmt, 3, end);
  sqlite3_bind_int64 (stmt, 4, code_id);
  sqlite3_bind_int64 (stmt, 5, coder_id);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc == SQLITE_ROW)
    {
      g_set_error (error, SHIRABE_ERROR, SHIRABE_ERROR_EXISTS,
                   _("“%s” is already applied to the passage %" PRId64 "–%" PRId64 " by this "
                     "coder; nothing was added"),
                   code_label, start, end);
      return FALSE;
    }
  if (rc != SQLITE_DONE)
    return shirabe_project_set_sqlite_error (project, rc, error);
  return TRUE;
}

/* The label undo shows: the code's English label (or Japanese when it has none). */
static char *
dup_code_label (ShirabeProject *project,
                gint64          code_id)
{
  g_autoptr(ShirabeCode) code = shirabe_project_get_code (project, code_id, NULL);

  return g_strdup (code ? shirabe_code_get_label (code, shirabe_message_language ()) : "");
}

/**
 * shirabe_project_add_coding:
 * @start: the first code point of the passage, from 0
 * @end: the code point after the passage
 * @memo: (nullable): a note on the coding
 *
 * Returns: the new coding's id, or 0 with @error set
 */
gint64
shirabe_project_add_coding (ShirabeProject  *project,
                            gint64           narrative_id,
                            gint64           code_id,
                            gint64           coder_id,
                            gint64           start,
                            gint64           end,
                            const char      *memo,
                            GError         **error)
{
  g_autofree char *uuid = NULL;
  g_autofree char *now = NULL;
  g_autofree char *label = NULL;
  g_autofree char *code_label = NULL;
  sqlite3_stmt *stmt;
  gint64 id = 0;

  g_return_val_if_fail (SHIRABE_IS_PROJECT (project), 0);

  if (!shirabe_check_utf8 (memo, error))
    return 0;
  if (!check_coding (project, narrative_id, code_id, start, end, &code_label, error) ||
      !check_not_duplicate (project, narrative_id, code_id, coder_id, start, end, code_label,
                            error) ||
      !shirabe_project_begin_edit (project, error))
    return 0;

  uuid = g_uuid_string_random ();
  now = shirabe_now_iso8601 ();
  stmt = shirabe_project_prepare (project,
                                  "INSERT INTO coding (uuid, narrative_id, code_id, coder_id,"
                                  " start, end, memo, created_at)"
                                  " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                                  error);
  if (stmt != NULL)
    {
      int rc;

      shirabe_bind_text (stmt, 1, uuid);
      sqlite3_bind_int64 (stmt, 2, narrative_id);
      sqlite3_bind_int64 (stmt, 3, code_id);
      sqlite3_bind_int64 (stmt, 4, coder_id);
      sqlite3_bind_int64 (stmt, 5, start);
      sqlite3_bind_int64 (stmt, 6, end);
      shirabe_bind_text (stmt, 7, memo ? memo : "");
      shirabe_bind_text (stmt, 8, now);
      rc = sqlite3_step (stmt);
      sqlite3_reset (stmt);
      if (rc == SQLITE_DONE)
        id = sqlite3_last_insert_rowid (shirabe_project_get_db (project));
      else if (rc == SQLITE_CONSTRAINT_FOREIGNKEY)
        shirabe_set_not_found (error, SHIRABE_ENTITY_CODER, coder_id);
      else
        shirabe_project_set_sqlite_error (project, rc, error);
    }

  label = g_strdup_printf (_("Apply code “%s”"), code_label);
  if (!shirabe_project_end_edit (project, id != 0, label, id != 0 ? error : NULL))
    return 0;
  return id;
}

gboolean
shirabe_project_remove_coding (ShirabeProject  *project,
                               gint64           coding_id,
                               GError         **error)
{
  g_autoptr(ShirabeCoding) coding = NULL;
  g_autofree char *label = NULL;
  g_autofree char *code_label = NULL;
  sqlite3_stmt *stmt;
  gboolean ok = FALSE;

  g_return_val_if_fail (SHIRABE_IS_PROJECT (project), FALSE);

  coding = shirabe_project_get_coding (project, coding_id, error);
  if (coding == NULL || !shirabe_project_begin_edit (project, error))
    return FALSE;
  stmt = shirabe_project_prepare (project, "DELETE FROM coding WHERE id = ?1", error);
  if (stmt != NULL)
    {
      sqlite3_bind_int64 (stmt, 1, coding_id);
      ok = shirabe_project_step_done (project, stmt, error);
    }
  code_label = dup_code_label (project, coding->code_id);
  label = g_strdup_printf (_("Remove coding “%s”"), code_label);
  return shirabe_project_end_edit (project, ok, label, ok ? error : NULL) && ok;
}

gboolean
shirabe_project_set_coding_memo (ShirabeProject  *project,
                                 gint64           coding_id,
                                 const char      *memo,
                                 GError         **error)
{
  g_autoptr(ShirabeCoding) coding = NULL;
  sqlite3_stmt *stmt;
  gboolean ok = FALSE;

  g_return_val_if_fail (SHIRABE_IS_PROJECT (project), FALSE);

  if (!shirabe_check_utf8 (memo, error))
    return FALSE;

  coding = shirabe_project_get_coding (project, coding_id, error);
  if (coding == NULL || !shirabe_project_begin_edit (project, error))
    return FALSE;
  stmt = shirabe_project_prepare (project, "UPDATE coding SET memo = ?1 WHERE id = ?2", error);
  if (stmt != NULL)
    {
      shirabe_bind_text (stmt, 1, memo ? memo : "");
      sqlite3_bind_int64 (stmt, 2, coding_id);
      ok = shirabe_project_step_done (project, stmt, error);
    }
  return shirabe_project_end_edit (project, ok, _("Edit coding memo"), ok ? error : NULL) && ok;
}

gboolean
shirabe_project_set_coding_code (ShirabeProject  *project,
                                 gint64           coding_id,
                                 gint64           code_id,
                                 GError         **error)
{
  g_autoptr(ShirabeCoding) coding = NULL;
  g_autofree char *label = NULL;
  g_autofree char *code_label = NULL;
  sqlite3_stmt *stmt;
  gboolean ok = FALSE;

  g_return_val_if_fail (SHIRABE_IS_PROJECT (project), FALSE);

  coding = shirabe_project_get_coding (project, coding_id, error);
  if (coding == NULL ||
      !check_coding (project, coding->narrative_id, code_id, coding->start, coding->end,
                     &code_label, error) ||
      !shirabe_project_begin_edit (project, error))
    return FALSE;
  stmt = shirabe_project_prepare (project, "UPDATE coding SET code_id = ?1 WHERE id = ?2", error);
  if (stmt != NULL)
    {
      sqlite3_bind_int64 (stmt, 1, code_id);
      sqlite3_bind_int64 (stmt, 2, coding_id);
      ok = shirabe_project_step_done (project, stmt, error);
    }
  label = g_strdup_printf (_("Change coding to “%s”"), code_label);
  return shirabe_project_end_edit (project, ok, label, ok ? error : NULL) && ok;
}

ShirabeCoding *
shirabe_project_get_coding (ShirabeProject  *project,
                            gint64           coding_id,
                            GError         **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (SHIRABE_IS_PROJECT (project), NULL);

  stmt = shirabe_project_prepare (project,
                                  "SELECT " CODING_COLUMNS " FROM coding g"
                                  " JOIN coder d ON d.id = g.coder_id WHERE g.id = ?1",
                                  error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, coding_id);
  return shirabe_project_fetch_one (project, stmt, (ShirabeRowFunc) coding_from_row, SHIRABE_ENTITY_CODING,
                                    coding_id, error);
}

GPtrArray *
shirabe_project_list_codings (ShirabeProject  *project,
                              gint64           narrative_id,
                              GError         **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (SHIRABE_IS_PROJECT (project), NULL);

  if (narrative_id != 0)
    {
      stmt = shirabe_project_prepare (project,
                                      "SELECT " CODING_COLUMNS " FROM coding g"
                                      " JOIN coder d ON d.id = g.coder_id"
                                      " WHERE g.narrative_id = ?1 ORDER BY g.start, g.end, g.id",
                                      error);
      if (stmt != NULL)
        sqlite3_bind_int64 (stmt, 1, narrative_id);
    }
  else
    stmt = shirabe_project_prepare (project,
                                    "SELECT " CODING_COLUMNS " FROM coding g"
                                    " JOIN coder d ON d.id = g.coder_id"
                                    " ORDER BY g.narrative_id, g.start, g.end, g.id",
                                    error);
  if (stmt == NULL)
    return NULL;
  return shirabe_project_collect (project, stmt, (ShirabeRowFunc) coding_from_row,
                                  (GDestroyNotify) shirabe_coding_free, error);
}

gboolean
shirabe_project_foreach_coding (ShirabeProject       *project,
                                gint64                narrative_id,
                                ShirabeCodingFunc     func,
                                gpointer              user_data,
                                GError              **error)
{
  sqlite3_stmt *stmt;
  gboolean go_on = TRUE;
  int rc;

  g_return_val_if_fail (SHIRABE_IS_PROJECT (project), FALSE);
  g_return_val_if_fail (func != NULL, FALSE);

  /* A statement of its own, not the cache's: @func may read the project meanwhile. */
  rc = sqlite3_prepare_v2 (shirabe_project_get_db (project),
                           narrative_id != 0
                           ? "SELECT " CODING_COLUMNS ", n.title FROM coding g"
                             " JOIN coder d ON d.id = g.coder_id"
                             " JOIN narrative n ON n.id = g.narrative_id"
                             " WHERE g.narrative_id = ?1 ORDER BY g.start, g.end, g.id"
                           : "SELECT " CODING_COLUMNS ", n.title FROM coding g"
                             " JOIN coder d ON d.id = g.coder_id"
                             " JOIN narrative n ON n.id = g.narrative_id"
                             " ORDER BY g.narrative_id, g.start, g.end, g.id",
                           -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    return shirabe_project_set_sqlite_error (project, rc, error);
  if (narrative_id != 0)
    sqlite3_bind_int64 (stmt, 1, narrative_id);
  while (go_on && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr (ShirabeCoding) coding = coding_from_row (stmt);

      go_on = func (coding, (const char *) sqlite3_column_text (stmt, 11), user_data, error);
    }
  sqlite3_finalize (stmt);
  if (!go_on)
    return FALSE;
  if (rc != SQLITE_DONE)
    return shirabe_project_set_sqlite_error (project, rc, error);
  return TRUE;
}

gint64
shirabe_project_find_coding (ShirabeProject  *project,
                             const char      *spec,
                             GError         **error)
{
  /* Codings have no name: an id or a UUID. */
  return shirabe_project_resolve (project, SHIRABE_ENTITY_CODING, spec,
                                  "SELECT id FROM coding WHERE id = ?1",
                                  "SELECT id FROM coding WHERE uuid = ?1",
                                  "SELECT id FROM coding WHERE uuid = ?1",
                                  error);
}
