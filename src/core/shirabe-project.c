/* shirabe-project.c: one open project file
 *
 * A project is one SQLite database. Opening never writes to a file that is not a Shirabe
 * project of a version this build understands; every edit is one transaction, saved at once,
 * and recorded in the undo history as an SQLite session changeset.
 *
 * Its edits, with their undo and redo, are in shirabe-project-edit.c; finding what a user names,
 * and reading rows, in shirabe-project-resolve.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "shirabe-i18n.h"

#include <inttypes.h>

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "shirabe-guard-private.h"
#include "shirabe-history-private.h"
#include "shirabe-output.h"
#include "shirabe-project-struct-private.h"
#include "shirabe-backup.h"
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

static int
query_int (sqlite3    *db,
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

static guint32
read_be32 (const guchar *p)
{
  return ((guint32) p[0] << 24) | ((guint32) p[1] << 16) | ((guint32) p[2] << 8) | p[3];
}

/* Looks at the file's first 100 bytes (the SQLite header) before SQLite sees it, so that a
 * foreign or truncated file is refused without being opened for writing. Read through the
 * guard's descriptor: opening and closing the file again would drop SQLite's locks. */
static gboolean
check_header (const char    *path,
              ShirabeGuard  *guard,
              GError       **error)
{
  g_autofree char *name = g_filename_display_name (path);
  g_autofree char *wal_path = g_strconcat (path, "-wal", NULL);
  guchar header[100];
  goffset size = 0;
  gssize n_read;

  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, SHIRABE_ERROR, SHIRABE_ERROR_NOT_PROJECT,
                   _("“%s” is a folder, not a Shirabe project"), name);
      return FALSE;
    }

  n_read = shirabe_guard_read_header (guard, header, sizeof header, &size);
  if (n_read < 0)
    {
      g_set_error (error, SHIRABE_ERROR, SHIRABE_ERROR_FAILED,
                   _("The project “%s” cannot be read: %s"), name, g_strerror (errno));
      return FALSE;
    }
  if (n_read == 0)
    {
      g_set_error (error, SHIRABE_ERROR, SHIRABE_ERROR_NOT_SQLITE,
                   _("“%s” is an empty file, not a Shirabe project"), name);
      return FALSE;
    }
  if (n_read < (gssize) sizeof header || memcmp (header, "SQLite format 3", 16) != 0)
    {
      g_set_error (error, SHIRABE_ERROR, SHIRABE_ERROR_NOT_SQLITE,
                   _("“%s” is not a Shirabe project: it is not an SQLite database"), name);
      return FALSE;
    }

  /* The header records the number of pages when its change counter is current; a file shorter
   * than that lost its end (a copy cut short, a full disk). With a WAL beside it the header
   * may lag behind, so only judge a file that stands alone. */
  if (!g_file_test (wal_path, G_FILE_TEST_EXISTS))
    {
      guint32 page_size = ((guint32) header[16] << 8) | header[17];
      guint32 n_pages = read_be32 (header + 28);

      if (page_size == 1)
        page_size = 65536;
      if (n_pages > 0 && read_be32 (header + 24) == read_be32 (header + 92) &&
          (guint64) size < (guint64) page_size * n_pages)
        {
          g_set_error (error, SHIRABE_ERROR, SHIRABE_ERROR_CORRUPT,
                       _("The project “%s” is damaged: the file is %" PRIu64
                         " bytes long but should be %" PRIu64 " (it was cut short)"),
                       name, (guint64) size, (guint64) page_size * n_pages);
          return FALSE;
        }
    }
  return TRUE;
}

/* The document portal (how a Flatpak sees files the user chose) is a FUSE filesystem without
 * POSIX locks or room for the -wal and -shm files beside a database (xdg-desktop-portal#1117):
 * SQLite would fail there, or worse, work without its locks. */
static gboolean
check_not_document_portal (const char  *path,
                           GError     **error)
{
  g_autofree char *display = NULL;
  gboolean portal = g_str_has_prefix (path, "/run/flatpak/doc/");

  if (!portal && g_str_has_prefix (path, "/run/user/"))
    {
      const char *rest = strchr (path + strlen ("/run/user/"), '/');
      portal = rest != NULL && g_str_has_prefix (rest, "/doc/");
    }
  if (!portal)
    return TRUE;

  display = g_filename_display_name (path);
  g_set_error (error, SHIRABE_ERROR, SHIRABE_ERROR_FAILED,
               _("“%s” was chosen through the desktop’s file portal, where a project cannot be "
                 "saved safely. Keep Shirabe projects in your Documents folder (or a folder inside "
                 "it) and open them from there."),
               display);
  return FALSE;
}

static gboolean
apply_pragmas (ShirabeProject  *self,
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

static ShirabeProject *
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

/* Appends "VERSION DATE" to the schema history kept in project_meta. */
static gboolean
record_schema_version (ShirabeProject  *self,
                       GError         **error)
{
  g_autofree char *history = shirabe_project_dup_meta (self, "schema_history");
  g_autofree char *now = shirabe_now_iso8601 ();
  g_autofree char *entry = g_strdup_printf ("%d %s (Shirabe %s)", SHIRABE_SCHEMA_VERSION, now,
                                            PACKAGE_VERSION);
  g_autofree char *updated = history && *history ? g_strconcat (history, "\n", entry, NULL)
                                                 : g_strdup (entry);

  return set_meta (self, "schema_history", updated, error);
}

/* Removes a project file that was never finished, with SQLite's files beside it. */
void
shirabe_project_remove_unfinished (const char *path)
{
  static const char *const suffixes[] = { "", "-wal", "-shm", "-journal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);

      g_unlink (file);
    }
}

/* The project's name when none is given: its file name without extension. */
static char *
default_name_for (const char *path)
{
  g_autofree char *display = g_filename_display_basename (path);
  char *dot = strrchr (display, '.');

  if (dot != NULL && dot != display)
    *dot = '\0';
  return g_steal_pointer (&display);
}

/* An empty project in the new file @fd at @path, which it takes. */
static ShirabeProject *
create_in (const char  *path,
           int          fd,
           const char  *name,
           GError     **error)
{
  g_autoptr(ShirabeProject) self = NULL;
  g_autofree char *uuid = NULL;
  g_autofree char *now = NULL;
  guint n_migrations;
  const ShirabeMigration *migrations;
  ShirabeGuard *guard;
  sqlite3 *db = NULL;
  int rc;

  /* The descriptor stays open, as the project's guard, until the project is closed. */
  guard = shirabe_guard_adopt (path, fd, error);
  if (guard == NULL)
    return NULL;

  rc = sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc != SQLITE_OK)
    {
      shirabe_sqlite_error (db, rc, path, error);
      sqlite3_close (db);
      shirabe_guard_release (guard);
      return NULL;
    }

  self = shirabe_project_new_for_db (path, db, SHIRABE_PROJECT_NO_HISTORY, FALSE);
  self->guard = guard;
  migrations = shirabe_schema_migrations (&n_migrations);
  uuid = g_uuid_string_random ();
  now = shirabe_now_iso8601 ();

  if (!apply_pragmas (self, error) ||
      !shirabe_schema_migrate_with (db, path, 0, migrations, n_migrations, error) ||
      !shirabe_project_exec (self, "BEGIN", error) ||
      !set_meta (self, "name", name, error) ||
      !set_meta (self, "uuid", uuid, error) ||
      !set_meta (self, "created_at", now, error) ||
      !set_meta (self, "creator", "Shirabe " PACKAGE_VERSION, error) ||
      !record_schema_version (self, error) ||
      !shirabe_project_exec (self, "COMMIT", error))
    {
      shirabe_project_close (self, NULL);
      return NULL;
    }
  return g_steal_pointer (&self);
}

/* Flushes @path, a closed file, or a folder, to the disk. */
gboolean
shirabe_sync_path (const char *path,
           int         flags)
{
  int fd = g_open (path, flags | O_RDONLY | O_CLOEXEC, 0);
  int rc;

  if (fd < 0)
    return FALSE;
  rc = fsync (fd);
  close (fd);
  return rc == 0;
}

/**
 * shirabe_project_create_file:
 * @path: where the new project file goes; it must not exist
 * @name: (nullable): the project's name; the file name without extension when %NULL
 * @build: (nullable) (scope call): fills the new project (a template, the sample...)
 *
 * Creates a project, readable by its owner only, and closes it. The project is built under a
 * temporary name beside @path (hidden, `.NAME.XXXXXX`) and takes its name only once @build is
 * done and every byte is on the disk: a command killed on the way leaves nothing at @path,
 * never an empty file or a project without its template. An existing file is never replaced,
 * nor is @path accepted when it names a project's -wal, -shm or -journal file.
 *
 * Returns: %TRUE when the finished project is at @path; %FALSE with @error set, and nothing
 *   left behind, otherwise
 */
gboolean
shirabe_project_create_file (const char                *path,
                             const char                *name,
                             ShirabeProjectBuildFunc    build,
                             gpointer                   user_data,
                             GError                   **error)
{
  g_autoptr(ShirabeProject) self = NULL;
  g_autofree char *default_name = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *base = NULL;
  g_autofree char *tmp_path = NULL;
  g_autofree char *display = NULL;
  int fd;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!check_not_document_portal (path, error) ||
      !shirabe_output_check_target (path, SHIRABE_OUTPUT_PROJECT, SHIRABE_OUTPUT_DEFAULT, error))
    return FALSE;
  display = g_filename_display_name (path);
  if (name == NULL || *name == '\0')
    name = default_name = default_name_for (path);

  dir = g_path_get_dirname (path);
  base = g_path_get_basename (path);
  {
    g_autofree char *tmp_name = g_strdup_printf (".%s.XXXXXX", base);

    tmp_path = g_build_filename (dir, tmp_name, NULL);
  }
  /* O_EXCL (mkstemp): a new file of our own; 0600: the narratives are for the owner's eyes
   * only. */
  fd = g_mkstemp_full (tmp_path, O_RDWR | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      int saved_errno = errno;

      g_set_error (error, SHIRABE_ERROR, SHIRABE_ERROR_FAILED,
                   _("Cannot create the project “%s”: %s"), display, g_strerror (saved_errno));
      return FALSE;
    }

  self = create_in (tmp_path, fd, name, error);
  if (self != NULL)
    self->unpublished = TRUE;
  if (self == NULL ||
      (build != NULL && !build (self, user_data, error)) ||
      !shirabe_project_close (self, error))
    {
      if (self != NULL)
        shirabe_project_close (self, NULL);
      shirabe_project_remove_unfinished (tmp_path);
      return FALSE;
    }
  /* Closed, its log folded in: one file, on the disk before it takes its name, so that a
   * power cut cannot leave an empty file there either. */
  if (!shirabe_sync_path (tmp_path, 0))
    {
      int saved_errno = errno;

      shirabe_project_remove_unfinished (tmp_path);
      g_set_error (error, SHIRABE_ERROR, SHIRABE_ERROR_FAILED,
                   _("Cannot create the project “%s”: %s"), display, g_strerror (saved_errno));
      return FALSE;
    }
  if (!shirabe_output_check_target (path, SHIRABE_OUTPUT_PROJECT, SHIRABE_OUTPUT_DEFAULT,
                                    error) ||
      !shirabe_output_publish (tmp_path, path, error))
    {
      shirabe_project_remove_unfinished (tmp_path);
      return FALSE;
    }
  shirabe_sync_path (dir, O_DIRECTORY);
  return TRUE;
}

gboolean
shirabe_project_set_unjournaled (ShirabeProject *self,
                                 gboolean        unjournaled)
{
  g_return_val_if_fail (SHIRABE_IS_PROJECT (self), FALSE);
  g_return_val_if_fail (self->edit_depth == 0, FALSE);

  if (!self->unpublished)
    return FALSE;
  /* No log, and a journal in memory only: every page is written once, into the file itself.
   * The journal holds only pages that were in the file when the transaction began (those of
   * an empty project), yet ROLLBACK still works. (OFF is refused in defensive mode.) Leaving
   * WAL mode needs the file to itself, which it has; SQLite answers with the mode in force. */
  if (unjournaled)
    {
      sqlite3_stmt *stmt = NULL;
      gboolean changed = FALSE;

      if (sqlite3_prepare_v2 (self->db, "PRAGMA journal_mode = MEMORY", -1, &stmt, NULL) ==
            SQLITE_OK &&
          sqlite3_step (stmt) == SQLITE_ROW)
        changed = g_strcmp0 ((const char *) sqlite3_column_text (stmt, 0), "memory") == 0;
      sqlite3_finalize (stmt);
      return changed && shirabe_project_exec (self, "PRAGMA synchronous = OFF", NULL);
    }
  return apply_pragmas (self, NULL);
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
  query_only = query_int (self->db, "PRAGMA query_only", &rc) == 1;
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
 * shirabe_project_create:
 * @path: where the new project file goes; it must not exist yet
 * @name: (nullable): the project's name; the file name without extension when %NULL
 *
 * Creates an empty project, readable by its owner only, as shirabe_project_create_file()
 * does, and opens it.
 *
 * Returns: (transfer full): the open project, or %NULL with @error set
 */
ShirabeProject *
shirabe_project_create (const char           *path,
                        const char           *name,
                        ShirabeProjectFlags   flags,
                        GError              **error)
{
  g_return_val_if_fail (path != NULL, NULL);

  if (!shirabe_project_create_file (path, name, NULL, NULL, error))
    return NULL;
  return shirabe_project_open (path, flags & ~SHIRABE_PROJECT_READ_ONLY, error);
}

/* Replaces @self's connection by a read-only one to a copy of the project, upgraded from
 * @version: a private temporary file, unlinked once open, so that nothing is left behind. */
static gboolean
read_through_upgraded_copy (ShirabeProject  *self,
                            int              version,
                            GError         **error)
{
  g_autofree char *tmp_path = NULL;
  g_autoptr(GError) local_error = NULL;
  sqlite3 *copy = NULL;
  sqlite3_backup *backup;
  guint n_migrations;
  const ShirabeMigration *migrations = shirabe_schema_migrations (&n_migrations);
  int fd;
  int rc;

  fd = g_file_open_tmp ("shirabe-read-XXXXXX.shirabe", &tmp_path, &local_error);
  if (fd < 0)
    {
      g_autofree char *display = g_filename_display_name (self->path);

      g_set_error (error, SHIRABE_ERROR, SHIRABE_ERROR_FAILED,
                   _("The project “%s” is in an older format and cannot be read here: %s"),
                   display, local_error->message);
      return FALSE;
    }
  close (fd);

  rc = sqlite3_open_v2 (tmp_path, &copy, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc == SQLITE_OK)
    shirabe_schema_secure_connection (copy);
  if (rc == SQLITE_OK)
    {
      backup = sqlite3_backup_init (copy, "main", self->db, "main");
      rc = backup != NULL ? sqlite3_backup_step (backup, -1) : sqlite3_errcode (copy);
      if (backup != NULL)
        sqlite3_backup_finish (backup);
      if (rc == SQLITE_DONE)
        rc = sqlite3_exec (copy, "PRAGMA journal_mode = DELETE", NULL, NULL, NULL);
    }
  if (rc != SQLITE_OK ||
      !shirabe_schema_migrate_with (copy, NULL, version, migrations, n_migrations, error))
    {
      if (rc != SQLITE_OK)
        shirabe_sqlite_error (copy, rc, self->path, error);
      sqlite3_close (copy);
      g_unlink (tmp_path);
      return FALSE;
    }
  sqlite3_close (copy);

  /* From now on the copy is read; the original stays open in the guard only. */
  sqlite3_close (self->db);
  self->db = NULL;
  rc = sqlite3_open_v2 (tmp_path, &self->db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, NULL);
  g_unlink (tmp_path);
  if (rc != SQLITE_OK)
    return shirabe_project_set_sqlite_error (self, rc, error);
  sqlite3_extended_result_codes (self->db, 1);
  shirabe_schema_secure_connection (self->db);
  sqlite3_busy_timeout (self->db, 5000);
  return TRUE;
}

/**
 * shirabe_project_open:
 * @path: an existing `.shirabe` file
 *
 * Opens a project. A file that is not a Shirabe project, or one from a newer Shirabe, is
 * refused and left untouched. An older project is upgraded in one transaction after a backup
 * copy. A file that cannot be written opens read-only.
 *
 * Returns: (transfer full): the open project, or %NULL with @error set
 */
ShirabeProject *
shirabe_project_open (const char           *path,
                      ShirabeProjectFlags   flags,
                      GError              **error)
{
  g_autoptr(ShirabeProject) self = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *display = NULL;
  ShirabeGuard *guard;
  gboolean writable;
  gboolean read_only;
  gboolean shared = FALSE;
  sqlite3 *db = NULL;
  int application_id;
  int version;
  int n_tables;
  int rc;

  g_return_val_if_fail (path != NULL, NULL);

  if (!check_not_document_portal (path, error))
    return NULL;
  writable = g_access (path, W_OK) == 0;
  read_only = (flags & SHIRABE_PROJECT_READ_ONLY) != 0 || !writable;
  guard = shirabe_guard_acquire (path, !read_only, &shared, &local_error);
  /* Another program holds it: read it meanwhile, if the caller can wait to write. */
  if (guard == NULL && !read_only && (flags & SHIRABE_PROJECT_READ_ONLY_WHILE_IN_USE) != 0 &&
      g_error_matches (local_error, SHIRABE_ERROR, SHIRABE_ERROR_IN_USE))
    {
      g_clear_error (&local_error);
      read_only = TRUE;
      guard = shirabe_guard_acquire (path, FALSE, &shared, &local_error);
    }
  if (guard == NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  if (!check_header (path, guard, error))
    {
      shirabe_guard_release (guard);
      return NULL;
    }
  /* Another process writes it: read beside it, never writing, never folding its log. */
  if (shared)
    writable = FALSE;

  display = g_filename_display_name (path);

  /* A file we could write is opened for writing even when asked read-only (then with
   * query_only): only a writer can fold the write-ahead log back into the file on close, so
   * that listing a project leaves no -wal and -shm files beside it. */
  rc = sqlite3_open_v2 (path, &db,
                        (writable ? SQLITE_OPEN_READWRITE : SQLITE_OPEN_READONLY) |
                        SQLITE_OPEN_NOMUTEX,
                        NULL);
  if (rc != SQLITE_OK)
    {
      shirabe_sqlite_error (db, rc, path, error);
      sqlite3_close (db);
      shirabe_guard_release (guard);
      return NULL;
    }
  self = shirabe_project_new_for_db (path, db, flags, read_only);
  self->guard = guard;
  sqlite3_busy_timeout (db, 5000);

  application_id = query_int (db, "PRAGMA application_id", &rc);
  if (rc == SQLITE_OK)
    version = query_int (db, "PRAGMA user_version", &rc);
  if (rc == SQLITE_OK)
    n_tables = query_int (db, "SELECT count(*) FROM sqlite_schema", &rc);
  if (rc != SQLITE_OK)
    {
      shirabe_project_set_sqlite_error (self, rc, error);
      return NULL;
    }

  if (application_id != SHIRABE_APPLICATION_ID)
    {
      if (n_tables == 0)
        g_set_error (error, SHIRABE_ERROR, SHIRABE_ERROR_NOT_PROJECT,
                     _("“%s” is an empty SQLite database, not a Shirabe project"), display);
      else
        g_set_error (error, SHIRABE_ERROR, SHIRABE_ERROR_NOT_PROJECT,
                     _("“%s” is an SQLite database of another program, not a Shirabe project"),
                     display);
      return NULL;
    }
  /* Shirabe's id with no version was never written by Shirabe (a project gets both in one
   * transaction): not a project, and nothing may be created inside it. */
  if (version <= 0)
    {
      g_set_error (error, SHIRABE_ERROR, SHIRABE_ERROR_NOT_PROJECT,
                   _("“%s” carries Shirabe’s mark but no project format version: it is not a "
                     "Shirabe project, and it was left unchanged"), display);
      return NULL;
    }
  if (version > SHIRABE_SCHEMA_VERSION)
    {
      g_set_error (error, SHIRABE_ERROR, SHIRABE_ERROR_TOO_NEW,
                   _("The project “%s” was saved by a newer version of Shirabe (project format "
                     "%d; this version reads up to %d). Update Shirabe to open it."),
                   display, version, SHIRABE_SCHEMA_VERSION);
      return NULL;
    }
  /* A project file comes from others: a trigger or view Shirabe did not create would run on
   * the next edit. Such a project is only read, until `check --repair` removes them. */
  {
    g_autoptr(GPtrArray) foreign = shirabe_schema_find_foreign (db);

    if (foreign != NULL)
      {
        g_ptr_array_add (foreign, NULL);
        self->foreign = g_strjoinv (", ", (char **) foreign->pdata);
        read_only = TRUE;
        self->read_only = TRUE;
      }
  }

  /* Reading never changes a project, not even to upgrade it: an older one is read through an
   * upgraded private copy, and upgraded itself on the first edit. */
  if (version < SHIRABE_SCHEMA_VERSION && read_only)
    {
      if (!read_through_upgraded_copy (self, version, error))
        return NULL;
      self->upgraded_copy = TRUE;
      version = SHIRABE_SCHEMA_VERSION;
      writable = FALSE;
    }

  if (!apply_pragmas (self, error))
    return NULL;
  if (read_only && writable && !shirabe_project_exec (self, "PRAGMA query_only = ON", error))
    return NULL;

  if (version < SHIRABE_SCHEMA_VERSION)
    {
      guint n_migrations;
      const ShirabeMigration *migrations = shirabe_schema_migrations (&n_migrations);

      if (!shirabe_schema_migrate_with (db, path, version, migrations, n_migrations, error) ||
          !record_schema_version (self, error))
        return NULL;
    }

  return g_steal_pointer (&self);
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
  if (!apply_pragmas (self, error) ||
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
 * shirabe_project_prepare_to_open:
 *
 * Starts building, in a thread of its own, what opening any project needs once per process,
 * so that the first shirabe_project_open() does not wait for it. A window calls it as it is
 * made; calling it again does nothing.
 */
void
shirabe_project_prepare_to_open (void)
{
  shirabe_schema_warm ();
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
