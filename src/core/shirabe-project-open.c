/* shirabe-project-open.c: making and opening project files
 *
 * Everything before a project is open: its file is looked at before SQLite sees it (a folder,
 * an empty, foreign or truncated file, the desktop's file portal are refused untouched); a new
 * project is built under a temporary name and takes its own only when finished and on the
 * disk; an existing one is opened, upgraded from an older schema on the first edit (after a
 * backup copy), or read through an upgraded private copy when it is only read. Split from
 * shirabe-project.c, which holds the object once it is open.
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
#include "shirabe-output.h"
#include "shirabe-project-struct-private.h"
#include "shirabe-schema-private.h"

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

  return shirabe_project_set_meta (self, "schema_history", updated, error);
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

  if (!shirabe_project_apply_pragmas (self, error) ||
      !shirabe_schema_migrate_with (db, path, 0, migrations, n_migrations, error) ||
      !shirabe_project_exec (self, "BEGIN", error) ||
      !shirabe_project_set_meta (self, "name", name, error) ||
      !shirabe_project_set_meta (self, "uuid", uuid, error) ||
      !shirabe_project_set_meta (self, "created_at", now, error) ||
      !shirabe_project_set_meta (self, "creator", "Shirabe " PACKAGE_VERSION, error) ||
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
  return shirabe_project_apply_pragmas (self, NULL);
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

  application_id = shirabe_project_query_int (db, "PRAGMA application_id", &rc);
  if (rc == SQLITE_OK)
    version = shirabe_project_query_int (db, "PRAGMA user_version", &rc);
  if (rc == SQLITE_OK)
    n_tables = shirabe_project_query_int (db, "SELECT count(*) FROM sqlite_schema", &rc);
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

  if (!shirabe_project_apply_pragmas (self, error))
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
