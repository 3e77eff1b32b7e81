/* shirabe-project-edit.c: the edits of a project, and their undo and redo
 *
 * Every change goes between shirabe_project_begin_edit() and shirabe_project_end_edit(): one
 * transaction, saved at once, recorded by an SQLite session as one changeset, which becomes
 * one undo step and what the "changed" signal tells the views. The day's first edit starts the
 * daily snapshot (shirabe-backup.c). Undo and redo replay a step's changeset, inverted or not,
 * as an edit of their own, and keep the full-text index in step. Split from
 * shirabe-project.c, which holds the object these work on.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "shirabe-i18n.h"

#include "shirabe-backup-private.h"
#include "shirabe-changes-private.h"
#include "shirabe-history-private.h"
#include "shirabe-project-struct-private.h"

gboolean
shirabe_project_begin_edit (ShirabeProject  *self,
                            GError         **error)
{
  g_return_val_if_fail (SHIRABE_IS_PROJECT (self), FALSE);

  if (self->db == NULL)
    {
      g_set_error_literal (error, SHIRABE_ERROR, SHIRABE_ERROR_FAILED, _("The project is closed"));
      return FALSE;
    }
  if (self->read_only)
    {
      g_autofree char *display = g_filename_display_name (self->path);

      if (self->foreign != NULL)
        g_set_error (error, SHIRABE_ERROR, SHIRABE_ERROR_READ_ONLY,
                     _("The project “%s” holds objects Shirabe did not create (%s), which could "
                       "change or delete data on the next edit; it is open read-only until they "
                       "are removed with “shirabe-cli check --repair” (a backup copy is made "
                       "first). The change was not made."),
                     display, self->foreign);
      else
        g_set_error (error, SHIRABE_ERROR, SHIRABE_ERROR_READ_ONLY,
                     _("The project “%s” is open read-only; the change was not made"), display);
      return FALSE;
    }

  if (self->edit_depth++ > 0)
    return TRUE;

  /* Before the first edit of each day, a snapshot a user can restore. Not writing one (a full
   * disk, nowhere writable) does not stop the work: the edit itself says what is wrong. */
  {
    g_autoptr(GDateTime) now = g_date_time_new_now_local ();
    guint today = g_date_time_get_year (now) * 1000 + g_date_time_get_day_of_year (now);

    if (self->daily_backup_day != today && self->replayed == NULL)
      {
        gboolean settled = TRUE;

        shirabe_project_join_daily_backup (self);
        self->daily_backup = shirabe_backup_daily_start (self, &settled);
        if (settled)
          self->daily_backup_day = today;
      }
  }

  self->edit_failed = FALSE;
  if (!shirabe_project_exec (self, "BEGIN IMMEDIATE", error))
    {
      self->edit_depth = 0;
      return FALSE;
    }

  if (self->history != NULL)
    {
      int rc = sqlite3session_create (self->db, "main", &self->session);

      /* Every table the changes know: an edit to one they do not know would be unknown. */
      for (guint i = 0; rc == SQLITE_OK && shirabe_changes_table_name (i) != NULL; i++)
        rc = sqlite3session_attach (self->session, shirabe_changes_table_name (i));
      if (rc != SQLITE_OK)
        {
          g_clear_pointer (&self->session, sqlite3session_delete);
          sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
          self->edit_depth = 0;
          return shirabe_project_set_sqlite_error (self, rc, error);
        }
    }
  return TRUE;
}

void
shirabe_project_set_step_key (ShirabeProject *self,
                              const char     *key)
{
  g_return_if_fail (SHIRABE_IS_PROJECT (self));

  g_free (self->step_key);
  self->step_key = g_strdup (key);
}

gboolean
shirabe_project_end_edit (ShirabeProject  *self,
                          gboolean         success,
                          const char      *label,
                          GError         **error)
{
  g_autoptr(ShirabeChanges) changes = NULL;
  int n_changeset = 0;
  void *changeset = NULL;

  g_return_val_if_fail (SHIRABE_IS_PROJECT (self), FALSE);
  g_return_val_if_fail (self->edit_depth > 0, FALSE);

  if (!success)
    self->edit_failed = TRUE;
  if (--self->edit_depth > 0)
    return success;

  if (self->edit_failed)
    {
      g_clear_pointer (&self->step_key, g_free);
      g_clear_pointer (&self->session, sqlite3session_delete);
      g_clear_pointer (&self->replayed, shirabe_changes_unref);
      sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
      /* A nested step failed (and reported it) while the outer one thought all was well. */
      if (success)
        g_set_error_literal (error, SHIRABE_ERROR, SHIRABE_ERROR_FAILED,
                             _("The change could not be saved; the project was left as it was"));
      return FALSE;
    }

  if (self->session != NULL)
    {
      int rc = sqlite3session_changeset (self->session, &n_changeset, &changeset);
      g_clear_pointer (&self->session, sqlite3session_delete);
      if (rc != SQLITE_OK)
        {
          sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
          return shirabe_project_set_sqlite_error (self, rc, error);
        }
      changes = shirabe_changes_new_from_changeset (n_changeset, changeset);
    }
  else if (self->replayed != NULL)
    changes = g_steal_pointer (&self->replayed);
  else
    changes = shirabe_changes_new_unknown ();

  if (!shirabe_project_exec (self, "COMMIT", error))
    {
      sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
      sqlite3_free (changeset);
      return FALSE;
    }
  self->edited = TRUE;

  if (changeset != NULL && n_changeset > 0)
    shirabe_history_push_merging (self->history, label, self->step_key, n_changeset, changeset);
  else
    sqlite3_free (changeset);
  g_clear_pointer (&self->step_key, g_free);

  shirabe_project_emit_changed (self, changes);
  return TRUE;
}

void
shirabe_project_adopt_changeset (ShirabeProject *self,
                                 const char     *label,
                                 int             n_changeset,
                                 void           *changeset)
{
  g_autoptr(ShirabeChanges) changes = NULL;

  g_return_if_fail (SHIRABE_IS_PROJECT (self));

  /* Read before the history takes the changeset: the views hear what the other connection
   * changed, as they would have from end_edit(). */
  changes = shirabe_changes_new_from_changeset (changeset != NULL ? n_changeset : 0, changeset);
  /* Undo replays a step on this connection; a closed project has nothing left to replay on. */
  if (self->history != NULL && self->db != NULL && changeset != NULL && n_changeset > 0)
    shirabe_history_push (self->history, label, n_changeset, changeset);
  else
    sqlite3_free (changeset);
  if (self->db != NULL)
    shirabe_project_emit_changed (self, changes);
}

static int
replay_conflict (void                    *user_data,
                 int                      conflict,
                 sqlite3_changeset_iter  *iter)
{
  const char *table;
  int n_columns;
  int op;
  int indirect;

  /* A row that a cascade already removed needs no second deletion. */
  sqlite3changeset_op (iter, &table, &n_columns, &op, &indirect);
  if (conflict == SQLITE_CHANGESET_NOTFOUND && op == SQLITE_DELETE)
    return SQLITE_CHANGESET_OMIT;
  return SQLITE_CHANGESET_ABORT;
}

/* The ids of the narratives @changeset inserts, updates or deletes. */
static GArray *
changeset_narratives (int   n_changeset,
                      void *changeset)
{
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_changeset_iter *iter = NULL;

  if (sqlite3changeset_start (&iter, n_changeset, changeset) != SQLITE_OK)
    return ids;
  while (sqlite3changeset_next (iter) == SQLITE_ROW)
    {
      const char *table = NULL;
      int n_columns = 0;
      int op = 0;
      sqlite3_value *value = NULL;

      if (sqlite3changeset_op (iter, &table, &n_columns, &op, NULL) != SQLITE_OK ||
          g_strcmp0 (table, "narrative") != 0)
        continue;
      /* The id is the first column, the primary key: in the old values of an update or a
       * delete, in the new ones of an insert. */
      if (op == SQLITE_INSERT ? sqlite3changeset_new (iter, 0, &value) != SQLITE_OK
                              : sqlite3changeset_old (iter, 0, &value) != SQLITE_OK)
        continue;
      if (value != NULL && sqlite3_value_type (value) == SQLITE_INTEGER)
        {
          gint64 id = sqlite3_value_int64 (value);

          g_array_append_val (ids, id);
        }
    }
  sqlite3changeset_finalize (iter);
  return ids;
}

static gboolean
replay (ShirabeProject  *self,
        gboolean         redo,
        GError         **error)
{
  g_autoptr(GArray) narratives = NULL;
  int n_changeset = 0;
  void *changeset = NULL;
  void *inverted = NULL;
  int rc;

  g_return_val_if_fail (SHIRABE_IS_PROJECT (self), FALSE);

  if (self->history == NULL ||
      !shirabe_history_peek (self->history, redo, &n_changeset, &changeset))
    {
      g_set_error_literal (error, SHIRABE_ERROR, SHIRABE_ERROR_NOTHING_TO_UNDO,
                           redo ? _("There is nothing to redo") : _("There is nothing to undo"));
      return FALSE;
    }

  if (!shirabe_project_begin_edit (self, error))
    return FALSE;
  /* The replay itself is not a new step: stop recording. */
  g_clear_pointer (&self->session, sqlite3session_delete);

  if (!redo)
    {
      rc = sqlite3changeset_invert (n_changeset, changeset, &n_changeset, &inverted);
      if (rc != SQLITE_OK)
        {
          shirabe_project_end_edit (self, FALSE, NULL, NULL);
          return shirabe_project_set_sqlite_error (self, rc, error);
        }
      changeset = inverted;
    }

  /* What the replay changes is what end_edit() tells the views. */
  g_clear_pointer (&self->replayed, shirabe_changes_unref);
  self->replayed = shirabe_changes_new_from_changeset (n_changeset, changeset);
  /* The full-text index is kept by the core: the narratives the replay touches lose their
   * entries first, and get them again from what they hold after. */
  narratives = changeset_narratives (n_changeset, changeset);
  for (guint i = 0; i < narratives->len; i++)
    if (!shirabe_project_fts_forget (self, "id", g_array_index (narratives, gint64, i), error))
      {
        sqlite3_free (inverted);
        shirabe_project_end_edit (self, FALSE, NULL, NULL);
        return FALSE;
      }
  rc = sqlite3changeset_apply (self->db, n_changeset, changeset, NULL, replay_conflict, self);
  sqlite3_free (inverted);
  for (guint i = 0; rc == SQLITE_OK && i < narratives->len; i++)
    if (!shirabe_project_fts_index (self, g_array_index (narratives, gint64, i), error))
      {
        shirabe_project_end_edit (self, FALSE, NULL, NULL);
        return FALSE;
      }
  if (rc != SQLITE_OK)
    {
      shirabe_project_end_edit (self, FALSE, NULL, NULL);
      g_set_error_literal (error, SHIRABE_ERROR, SHIRABE_ERROR_FAILED,
                           redo ? _("The change cannot be redone: the project was changed "
                                    "elsewhere in the meantime")
                                : _("The change cannot be undone: the project was changed "
                                    "elsewhere in the meantime"));
      return FALSE;
    }

  if (!shirabe_project_end_edit (self, TRUE, NULL, error))
    return FALSE;
  shirabe_history_move (self->history, redo);
  return TRUE;
}

/**
 * shirabe_project_undo:
 *
 * Reverts the latest edit (a deleted code comes back with all its codings).
 */
gboolean
shirabe_project_undo (ShirabeProject  *self,
                      GError         **error)
{
  return replay (self, FALSE, error);
}

gboolean
shirabe_project_redo (ShirabeProject  *self,
                      GError         **error)
{
  return replay (self, TRUE, error);
}
