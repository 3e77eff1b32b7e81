/* shirabe-project.c: one open project file
 *
 * A project is one SQLite database. Opening never writes to a file that is not a Shirabe
 * project of a version this build understands; every edit is one transaction, saved at once,
 * and recorded in the undo history as an SQLite session changeset.
 *
 * This file holds the object once it is open: its connection and statement cache, its meta
 * values, foreign objects, copies, caches and closing. Creating and opening project files is
 * in shirabe-project-open.c, edits with their undo and redo in shirabe-project-edit.c, finding
 * what a user names and reading rows in shirabe-project-resolve.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "shirabe-i18n.h"

#include <unistd.h>

#include <glib/gstdio.h>

#include "shirabe-backup.h"
#include "shirabe-guard-private.h"
#include "shirabe-history-private.h"
#include "shirabe-project-struct-private.h"
#include "shirabe-schema-private.h"

G_DEFINE_FINAL_TYPE (ShirabeProject, shirabe_project, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_PATH,
  PROP_READ_ONLY,
  PROP_NAME,
  N_PROPS
};

enum {
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
shirabe_project_finalize_statements (ShirabeProject *self)
{
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, self->statements);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    sqlite3_finalize (value);
  g_hash_table_remove_all (self->statements);
}

/* Waits for the daily snapshot being written, if any. */
void
shirabe_project_join_daily_backup (ShirabeProject *self)
{
  if (self->daily_backup != NULL)
    g_thread_join (g_steal_pointer (&self->daily_backup));
}

static void
shirabe_project_dispose (GObject *object)
{
  ShirabeProject *self = SHIRABE_PROJECT (object);

  if (self->db != NULL)
    shirabe_project_close (self, NULL);

  G_OBJECT_CLASS (shirabe_project_parent_class)->dispose (object);
}

static void
shirabe_project_finalize (GObject *object)
{
  ShirabeProject *self = SHIRABE_PROJECT (object);

  g_clear_pointer (&self->statements, g_hash_table_unref);
  g_clear_pointer (&self->replayed, shirabe_changes_unref);
  g_clear_pointer (&self->step_key, g_free);
  g_clear_object (&self->history);
  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->foreign, g_free);

  G_OBJECT_CLASS (shirabe_project_parent_class)->finalize (object);
}

static void
shirabe_project_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  ShirabeProject *self = SHIRABE_PROJECT (object);

  switch (prop_id)
    {
    case PROP_PATH:
      g_value_set_string (value, self->path);
      break;
    case PROP_READ_ONLY:
      g_value_set_boolean (value, self->read_only);
      break;
    case PROP_NAME:
      g_value_take_string (value, shirabe_project_dup_name (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
shirabe_project_class_init (ShirabeProjectClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = shirabe_project_dispose;
  object_class->finalize = shirabe_project_finalize;
  object_class->get_property = shirabe_project_get_property;

  properties[PROP_PATH] =
    g_param_spec_string ("path", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_READ_ONLY] =
    g_param_spec_boolean ("read-only", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * ShirabeProject::changed:
   * @changes: what the edit changed, read off its changeset
   *
   * Emitted after every committed edit, undo and redo, so that views can refresh what
   * @changes touches.
   */
  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 1, SHIRABE_TYPE_CHANGES | G_SIGNAL_TYPE_STATIC_SCOPE);
}

static void
shirabe_project_init (ShirabeProject *self)
{
  self->statements = g_hash_table_new (g_str_hash, g_str_equal);
}

void
shirabe_project_emit_changed (ShirabeProject *self,
                              ShirabeChanges *changes)
{
  g_signal_emit (self, signals[CHANGED], 0, changes);
}

char *
shirabe_now_iso8601 (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  return g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
}

void
shirabe_bind_text (sqlite3_stmt *stmt,
                   int           index,
                   const char   *text)
{
  if (text == NULL)
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_text (stmt, index, text, -1, SQLITE_TRANSIENT);
}

char *
shirabe_column_dup_text (sqlite3_stmt *stmt,
                         int           column)
{
  const unsigned char *text = sqlite3_column_text (stmt, column);

  return text ? g_strdup ((const char *) text) : NULL;
}

sqlite3 *
shirabe_project_get_db (ShirabeProject *self)
{
  g_return_val_if_fail (SHIRABE_IS_PROJECT (self), NULL);
  return self->db;
}

gboolean
shirabe_project_set_sqlite_error (ShirabeProject  *self,
                                  int              rc,
                                  GError         **error)
{
  return shirabe_sqlite_error (self->db, rc, self->path, error);
}

sqlite3_stmt *
shirabe_project_prepare (ShirabeProject  *self,
                         const char      *sql,
                         GError         **error)
{
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (SHIRABE_IS_PROJECT (self), NULL);

  if (self->db == NULL)
    {
      g_set_error_literal (error, SHIRABE_ERROR, SHIRABE_ERROR_FAILED,
                           _("The project is closed"));
      return NULL;
    }

  stmt = g_hash_table_lookup (self->statements, sql);
  if (stmt != NULL)
    {
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
      return stmt;
    }

  rc = sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      shirabe_project_set_sqlite_error (self, rc, error);
      return NULL;
    }
  g_hash_table_insert (self->statements, (gpointer) sql, stmt);
  return stmt;
}

gboolean
shirabe_project_step_done (ShirabeProject  *self,
                           sqlite3_stmt    *stmt,
                           GError         **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    return shirabe_project_set_sqlite_error (self, rc, error);
  return TRUE;
}

gboolean
shirabe_project_exec (ShirabeProject  *self,
                      const char      *sql,
                      GError         **error)
{
  int rc = sqlite3_exec (self->db, sql, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    return shirabe_project_set_sqlite_error (self, rc, error);
  return TRUE;
}

int
shirabe_project_query_int (sqlite3    *db,
                           const char *sql,
                           int        *rc_out)
{
  sqlite3_stmt *stmt = NULL;
  int value = 0;
  int rc;

  rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        {
          value = sqlite3_column_int (stmt, 0);
          rc = SQLITE_OK;
        }
      else if (rc == SQLITE_DONE)
        rc = SQLITE_OK;
    }
  sqlite3_finalize (stmt);
  *rc_out = rc;
  return value;
}

gboolean
shirabe_project_apply_pragmas (ShirabeProject  *self,
                               GError         **error)
{
  sqlite3_busy_timeout (self->db, 5000);
  if (!shirabe_project_exec (self, "PRAGMA foreign_keys = ON", error))
    return FALSE;
  if (self->read_only)
    return TRUE;
  /* WAL keeps readers (exports, the app) going while a writer saves; FULL syncs each commit
   * so that an edit the user saw saved survives a power cut. */
  return shirabe_project_exec (self, "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;",
                               error);
}

ShirabeProject *
shirabe_project_new_for_db (const char          *path,
                            sqlite3             *db,
                            ShirabeProjectFlags  flags,
                            gboolean             read_only)
{
  ShirabeProject *self = g_object_new (SHIRABE_TYPE_PROJECT, NULL);

  self->path = g_strdup (path);
  self->db = db;
  self->read_only = read_only;
  self->flags = flags;
  sqlite3_extended_result_codes (db, 1);
  /* Project files come from others. */
  shirabe_schema_secure_connection (db);
  if ((flags & SHIRABE_PROJECT_NO_HISTORY) == 0)
    self->history = shirabe_history_new ();
  return self;
}

static gboolean
set_meta (ShirabeProject  *self,
          const char      *key,
          const char      *value,
          GError         **error)
{
  sqlite3_stmt *stmt;

  stmt = shirabe_project_prepare (self,
                                  "INSERT INTO project_meta (key, value) VALUES (?1, ?2)"
                                  " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                                  error);
  if (stmt == NULL)
    return FALSE;
  shirabe_bind_text (stmt, 1, key);
  shirabe_bind_text (stmt, 2, value);
  return shirabe_project_step_done (self, stmt, error);
}

gboolean
shirabe_project_set_meta (ShirabeProject  *self,
                          const char      *key,
                          const char      *value,
                          GError         **error)
{
  g_return_val_if_fail (SHIRABE_IS_PROJECT (self), FALSE);

  return set_meta (self, key, value, error);
}

/* Writes a consistent copy of the whole project into @file (empty or absent): VACUUM INTO.
 * Returns the SQLite result, SQLITE_DONE when written; the message is the connection's. */
int
shirabe_project_vacuum_into (ShirabeProject *self,
                             const char     *file)
{
  sqlite3_stmt *stmt = NULL;
  gboolean query_only;
  int rc;

  /* A project opened read-only (query_only) may still be copied. */
  query_only = shirabe_project_query_int (self->db, "PRAGMA query_only", &rc) == 1;
  if (query_only)
    sqlite3_exec (self->db, "PRAGMA query_only = OFF", NULL, NULL, NULL);
  /* VACUUM builds the copy's schema with SQLite's own json_valid(), not the innocuous one: the
   * copy is of this file, whose schema was checked on open, so for the copy only the schema is
   * trusted. */
  sqlite3_db_config (self->db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 1, NULL);
  rc = sqlite3_prepare_v2 (self->db, "VACUUM INTO ?1", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, file, -1, SQLITE_STATIC);
      rc = sqlite3_step (stmt);
    }
  sqlite3_finalize (stmt);
  sqlite3_db_config (self->db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, NULL);
  if (query_only)
    sqlite3_exec (self->db, "PRAGMA query_only = ON", NULL, NULL, NULL);
  return rc;
}

gboolean
shirabe_project_backup (ShirabeProject  *self,
                        const char      *reason,
                        char           **path,
                        GError         **error)
{
  return shirabe_project_write_backup (self, reason, path, error);
}

/**
 * shirabe_project_remove_foreign:
 * @removed: (out) (transfer full): the objects removed ("trigger “x”")
 *
 * Removes the schema objects Shirabe did not create (see shirabe_schema_find_foreign()), and
 * lets a project opened for writing be written again. The caller makes the backup first.
 */
gboolean
shirabe_project_remove_foreign (ShirabeProject  *self,
                                GStrv           *removed,
                                GError         **error)
{
  g_autoptr(GPtrArray) foreign = NULL;
  int rc = SQLITE_OK;

  g_return_val_if_fail (SHIRABE_IS_PROJECT (self), FALSE);

  foreign = shirabe_schema_find_foreign (self->db);
  if (foreign == NULL)
    {
      *removed = g_new0 (char *, 1);
      return TRUE;
    }
  if (sqlite3_db_readonly (self->db, "main") != 0)
    {
      g_autofree char *display = g_filename_display_name (self->path);

      g_set_error (error, SHIRABE_ERROR, SHIRABE_ERROR_READ_ONLY,
                   _("The project “%s” is read-only; changes cannot be saved"), display);
      return FALSE;
    }
  sqlite3_exec (self->db, "PRAGMA query_only = OFF", NULL, NULL, NULL);
  rc = sqlite3_exec (self->db, "SAVEPOINT remove_foreign", NULL, NULL, NULL);
  for (guint i = 0; rc == SQLITE_OK && i < foreign->len; i++)
    {
      g_autofree char *sql = shirabe_schema_drop_sql (g_ptr_array_index (foreign, i));

      if (sql != NULL)
        rc = sqlite3_exec (self->db, sql, NULL, NULL, NULL);
    }
  if (rc == SQLITE_OK)
    rc = sqlite3_exec (self->db, "RELEASE remove_foreign", NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    {
      shirabe_project_set_sqlite_error (self, rc, error);
      sqlite3_exec (self->db, "ROLLBACK TO remove_foreign; RELEASE remove_foreign", NULL, NULL,
                    NULL);
      sqlite3_exec (self->db, "PRAGMA query_only = ON", NULL, NULL, NULL);
      return FALSE;
    }
  g_clear_pointer (&self->foreign, g_free);
  /* Opened for writing, it may now be written; otherwise it stays as opened. */
  if ((self->flags & SHIRABE_PROJECT_READ_ONLY) == 0 && !self->upgraded_copy &&
      shirabe_guard_try_write (self->guard))
    {
      self->read_only = FALSE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_READ_ONLY]);
    }
  else
    sqlite3_exec (self->db, "PRAGMA query_only = ON", NULL, NULL, NULL);
  g_ptr_array_add (foreign, NULL);
  *removed = (GStrv) g_ptr_array_free (g_steal_pointer (&foreign), FALSE);
  return TRUE;
}

/**
 * shirabe_project_get_foreign_objects:
 *
 * Returns: (nullable): the schema objects Shirabe did not create ("trigger “x”, view “y”"),
 *   which keep the project read-only until `check --repair` removes them; %NULL when none
 */
const char *
shirabe_project_get_foreign_objects (ShirabeProject *self)
{
  g_return_val_if_fail (SHIRABE_IS_PROJECT (self), NULL);

  return self->foreign;
}

/**
 * shirabe_project_try_writable:
 *
 * A project opened read-only because another program had it open (a shirabe-cli reading it,
 * say) becomes writable once that program has let go: call it now and then. A project opened
 * read-only on purpose, or whose file cannot be written, stays read-only.
 *
 * Returns: %TRUE when the project can be edited now; %FALSE otherwise (@error says why)
 */
gboolean
shirabe_project_try_writable (ShirabeProject  *self,
                              GError         **error)
{
  g_autofree char *display = NULL;

  g_return_val_if_fail (SHIRABE_IS_PROJECT (self), FALSE);

  if (!self->read_only)
    return TRUE;
  display = g_filename_display_name (self->path);
  if ((self->flags & SHIRABE_PROJECT_READ_ONLY) != 0 || self->upgraded_copy ||
      self->foreign != NULL ||
      self->db == NULL || g_access (self->path, W_OK) != 0)
    {
      g_set_error (error, SHIRABE_ERROR, SHIRABE_ERROR_READ_ONLY,
                   _("The project “%s” is read-only; changes cannot be saved"), display);
      return FALSE;
    }
  if (!shirabe_guard_try_write (self->guard))
    {
      g_set_error (error, SHIRABE_ERROR, SHIRABE_ERROR_IN_USE,
                   _("The project “%s” is still open in another program"), display);
      return FALSE;
    }
  /* Opened truly read-only beside a writer: a connection that can write replaces it (the
   * guard keeps the file, and this process's locks, open meanwhile). */
  if (sqlite3_db_readonly (self->db, "main") == 1)
    {
      sqlite3 *db = NULL;
      int rc = sqlite3_open_v2 (self->path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX,
                                NULL);

      if (rc != SQLITE_OK)
        {
          shirabe_sqlite_error (db, rc, self->path, error);
          sqlite3_close (db);
          return FALSE;
        }
      shirabe_project_finalize_statements (self);
      sqlite3_close (self->db);
      self->db = db;
      sqlite3_extended_result_codes (db, 1);
      shirabe_schema_secure_connection (db);
    }
  self->read_only = FALSE;
  if (!shirabe_project_apply_pragmas (self, error) ||
      !shirabe_project_exec (self, "PRAGMA query_only = OFF", error))
    {
      self->read_only = TRUE;
      return FALSE;
    }
  if ((self->flags & SHIRABE_PROJECT_NO_HISTORY) == 0 && self->history == NULL)
    self->history = shirabe_history_new ();
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_READ_ONLY]);
  return TRUE;
}

/**
 * shirabe_project_close:
 *
 * Checkpoints the write-ahead log into the project file, so that one file remains, and closes
 * the connection. Closing twice is harmless.
 */
gboolean
shirabe_project_close (ShirabeProject  *self,
                       GError         **error)
{
  int rc;

  g_return_val_if_fail (SHIRABE_IS_PROJECT (self), FALSE);

  if (self->db == NULL)
    return TRUE;

  shirabe_project_join_daily_backup (self);
  if (self->edit_depth > 0)
    {
      sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
      self->edit_depth = 0;
    }
  g_clear_pointer (&self->session, sqlite3session_delete);
  shirabe_project_finalize_statements (self);

  /* Only after edits: a command that changed nothing (or failed) leaves the file byte for
   * byte as it was, statistics included. */
  if (!self->read_only)
    {
      if (self->edited)
        sqlite3_exec (self->db, "PRAGMA optimize", NULL, NULL, NULL);
      sqlite3_exec (self->db, "PRAGMA wal_checkpoint(TRUNCATE)", NULL, NULL, NULL);
    }

  rc = sqlite3_close (self->db);
  if (rc != SQLITE_OK)
    {
      shirabe_project_set_sqlite_error (self, rc, error);
      sqlite3_close_v2 (self->db);
    }
  self->db = NULL;
  /* Only now, the connection gone, may this process's descriptor of the file close. */
  g_clear_pointer (&self->guard, shirabe_guard_release);
  return rc == SQLITE_OK;
}

const char *
shirabe_project_get_path (ShirabeProject *self)
{
  g_return_val_if_fail (SHIRABE_IS_PROJECT (self), NULL);
  return self->path;
}

gboolean
shirabe_project_get_read_only (ShirabeProject *self)
{
  g_return_val_if_fail (SHIRABE_IS_PROJECT (self), TRUE);
  return self->read_only;
}

/**
 * shirabe_project_get_history:
 *
 * Returns: (transfer none) (nullable): the undo history, %NULL when opened without one
 */
ShirabeHistory *
shirabe_project_get_history (ShirabeProject *self)
{
  g_return_val_if_fail (SHIRABE_IS_PROJECT (self), NULL);
  return self->history;
}

char *
shirabe_project_dup_meta (ShirabeProject *self,
                          const char     *key)
{
  sqlite3_stmt *stmt;
  char *value = NULL;

  g_return_val_if_fail (SHIRABE_IS_PROJECT (self), NULL);

  stmt = shirabe_project_prepare (self, "SELECT value FROM project_meta WHERE key = ?1", NULL);
  if (stmt == NULL)
    return NULL;
  shirabe_bind_text (stmt, 1, key);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = shirabe_column_dup_text (stmt, 0);
  sqlite3_reset (stmt);
  return value;
}

char *
shirabe_project_dup_name (ShirabeProject *self)
{
  return shirabe_project_dup_meta (self, "name");
}

char *
shirabe_project_dup_uuid (ShirabeProject *self)
{
  return shirabe_project_dup_meta (self, "uuid");
}

gboolean
shirabe_project_set_name (ShirabeProject  *self,
                          const char      *name,
                          GError         **error)
{
  gboolean ok;

  g_return_val_if_fail (SHIRABE_IS_PROJECT (self), FALSE);

  if (name == NULL || *name == '\0')
    {
      g_set_error_literal (error, SHIRABE_ERROR, SHIRABE_ERROR_INVALID,
                           _("A project needs a name"));
      return FALSE;
    }
  if (!shirabe_project_begin_edit (self, error))
    return FALSE;
  ok = set_meta (self, "name", name, error);
  if (!shirabe_project_end_edit (self, ok, _("Rename project"), ok ? error : NULL))
    return FALSE;
  if (ok)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NAME]);
  return ok;
}

gboolean
shirabe_project_set_description (ShirabeProject  *self,
                                 const char      *description,
                                 GError         **error)
{
  gboolean ok;

  g_return_val_if_fail (SHIRABE_IS_PROJECT (self), FALSE);

  if (!shirabe_project_begin_edit (self, error))
    return FALSE;
  ok = set_meta (self, "description", description ? description : "", error);
  return shirabe_project_end_edit (self, ok, _("Edit project description"), ok ? error : NULL)
         && ok;
}

void
shirabe_project_wait_backup (ShirabeProject *self)
{
  g_return_if_fail (SHIRABE_IS_PROJECT (self));

  shirabe_project_join_daily_backup (self);
}

gint64
shirabe_project_raise_cache (ShirabeProject *self,
                             gint64          kib)
{
  g_autofree char *raise = g_strdup_printf ("PRAGMA main.cache_size = -%" G_GINT64_FORMAT, kib);
  sqlite3_stmt *stmt = NULL;
  gint64 cache_size = -2000;  /* SQLite's default */

  if (sqlite3_prepare_v2 (self->db, "PRAGMA main.cache_size", -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    cache_size = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  /* The cache only grows as pages come: a small edit never takes the memory. */
  if (cache_size < 0 && -cache_size < kib)
    sqlite3_exec (self->db, raise, NULL, NULL, NULL);
  return cache_size;
}

void
shirabe_project_restore_cache (ShirabeProject *self,
                               gint64          cache_size)
{
  g_autofree char *restore = g_strdup_printf ("PRAGMA main.cache_size = %" G_GINT64_FORMAT,
                                              cache_size);

  sqlite3_exec (self->db, restore, NULL, NULL, NULL);
}
