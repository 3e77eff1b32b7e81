/* shirabe-backup.c: snapshots of a project a user can list and restore
 *
 * Undo covers a session; a bad day (a deleted category, a wrong merge, a broken disk sector)
 * needs an older copy. Before the first edit of each day, and before a merge of coders'
 * copies, a repair, a restore or an upgrade of the file to a newer schema, the project is copied with SQLite's online backup API (a
 * consistent snapshot, whatever the write-ahead log holds) into a folder beside it,
 * NAME.backups/, or, when that folder cannot be written, into the user's data folder. The
 * copies are readable by their owner only, as the project. Each is a project file of its own,
 * NAME.REASON-YYYYMMDD-HHMMSS.shirabe, which Shirabe can open read-only to look at.
 *
 * The daily snapshot does not hold up the edit it precedes: a read transaction of a connection
 * of its own keeps the project as it was, and a thread copies it from there while the edit
 * goes on; closing the project waits for it.
 *
 * A restore never overwrites without a copy: the project as it is becomes a "before-restore"
 * snapshot first (its bytes as they are, with its log, when it is too damaged to open), then
 * the chosen snapshot replaces it by rename, so that a crash leaves one or the other whole.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "shirabe-i18n.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <gio/gio.h>
#include <glib/gstdio.h>

#include "shirabe-backup.h"
#include "shirabe-backup-private.h"
#include "shirabe-error.h"
#include "shirabe-project-private.h"
#include "shirabe-schema-private.h"

static ShirabeBackupPolicy policy = {
  SHIRABE_BACKUP_DEFAULT_KEEP_DAILY,
  SHIRABE_BACKUP_DEFAULT_KEEP_RISKY,
  SHIRABE_BACKUP_DEFAULT_MAX_BYTES,
};
G_LOCK_DEFINE_STATIC (policy);

void
shirabe_backup_free (ShirabeBackup *self)
{
  if (self == NULL)
    return;
  g_free (self->path);
  g_free (self->reason);
  g_clear_pointer (&self->time, g_date_time_unref);
  g_free (self);
}

/**
 * shirabe_backup_set_policy:
 *
 * Sets how many snapshots are kept, for this process (the app and the command line set it from
 * the preferences: shirabe_backup_load_settings()). A count of 0 is taken as 1.
 */
void
shirabe_backup_set_policy (const ShirabeBackupPolicy *new_policy)
{
  g_return_if_fail (new_policy != NULL);

  G_LOCK (policy);
  policy.keep_daily = MAX (new_policy->keep_daily, 1);
  policy.keep_risky = MAX (new_policy->keep_risky, 1);
  policy.max_total_bytes = new_policy->max_total_bytes;
  G_UNLOCK (policy);
}

void
shirabe_backup_get_policy (ShirabeBackupPolicy *out)
{
  g_return_if_fail (out != NULL);

  G_LOCK (policy);
  *out = policy;
  G_UNLOCK (policy);
}

/**
 * shirabe_backup_load_settings:
 *
 * Sets the policy from the user's preferences (the app's settings, "backup-keep-daily",
 * "backup-keep-risky", "backup-max-gigabytes"), when they are installed; otherwise it stays
 * as it is. The app and the command line both call it, so that both keep, and drop, the same
 * snapshots.
 */
void
shirabe_backup_load_settings (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;
  g_autoptr(GSettings) settings = NULL;
  ShirabeBackupPolicy loaded;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, "io.github.shirabe.Shirabe", TRUE);
  if (schema == NULL || !g_settings_schema_has_key (schema, "backup-keep-daily"))
    return;
  settings = g_settings_new_full (schema, NULL, NULL);
  loaded.keep_daily = g_settings_get_uint (settings, "backup-keep-daily");
  loaded.keep_risky = g_settings_get_uint (settings, "backup-keep-risky");
  loaded.max_total_bytes = (guint64) (g_settings_get_double (settings, "backup-max-gigabytes") *
                                      1e9);
  shirabe_backup_set_policy (&loaded);
}

/* "study" for /data/study.shirabe */
static char *
project_stem (const char *project_path)
{
  char *stem = g_path_get_basename (project_path);

  if (g_str_has_suffix (stem, ".shirabe") && strlen (stem) > strlen (".shirabe"))
    stem[strlen (stem) - strlen (".shirabe")] = '\0';
  return stem;
}

/* The folder in the user's data folder for a project whose own folder cannot be written: one
 * per project path. */
static char *
fallback_folder (const char *project_path)
{
  g_autofree char *absolute = g_canonicalize_filename (project_path, NULL);
  g_autofree char *digest = g_compute_checksum_for_string (G_CHECKSUM_SHA256, absolute, -1);
  g_autofree char *stem = project_stem (project_path);
  g_autofree char *name = g_strdup_printf ("%s-%.12s", stem, digest);

  return g_build_filename (g_get_user_data_dir (), "shirabe", "backups", name, NULL);
}

static char *
beside_folder (const char *project_path)
{
  g_autofree char *dir = g_path_get_dirname (project_path);
  g_autofree char *stem = project_stem (project_path);
  g_autofree char *name = g_strconcat (stem, ".backups", NULL);

  /* A relative project path gives relative backup paths, as the user typed it. */
  if (g_str_equal (dir, "."))
    return g_steal_pointer (&name);
  return g_build_filename (dir, name, NULL);
}

/* A real folder of ours: not a symlink someone put at its name. */
static gboolean
is_real_folder (const char *path)
{
  GStatBuf st;

  return g_lstat (path, &st) == 0 && S_ISDIR (st.st_mode);
}

/**
 * shirabe_backup_folder:
 *
 * Returns: (transfer full): the folder that holds @project_path's snapshots: NAME.backups
 *   beside it, or a folder in the user's data folder when that one cannot be made or written,
 *   or when something that is not a folder has its name
 */
char *
shirabe_backup_folder (const char *project_path)
{
  g_autofree char *beside = beside_folder (project_path);
  g_autofree char *dir = g_path_get_dirname (project_path);

  g_return_val_if_fail (project_path != NULL, NULL);

  GStatBuf st;

  if (is_real_folder (beside) ? g_access (beside, W_OK) == 0
                              : g_lstat (beside, &st) != 0 && g_access (dir, W_OK) == 0)
    return g_steal_pointer (&beside);
  /* The folder cannot be written, or something else (a file, a symlink someone planted) has
   * its name: never written through, the snapshots go to the user's data folder. */
  return fallback_folder (project_path);
}

/**
 * shirabe_backup_describe_reason:
 *
 * Returns: why a snapshot was written, translated ("daily", "before a merge"…); an unknown
 *   reason as it is
 */
const char *
shirabe_backup_describe_reason (const char *reason)
{
  if (g_strcmp0 (reason, "daily") == 0)
    /* Translators: why a backup copy was made: the first edit of the day */
    return C_("backup reason", "daily");
  if (g_strcmp0 (reason, "before-merge") == 0)
    return C_("backup reason", "before a merge");
  if (g_strcmp0 (reason, "before-repair") == 0)
    return C_("backup reason", "before a repair");
  if (g_strcmp0 (reason, "before-restore") == 0)
    return C_("backup reason", "before a restore");
  if (g_strcmp0 (reason, "before-upgrade") == 0)
    /* Translators: why a backup copy was made: the project file was upgraded to a newer
     * version of Shirabe's file format */
    return C_("backup reason", "before an upgrade of the file");
  return reason;
}

/* Makes @folder (and, for the data folder, its parents), private. */
static gboolean
ensure_folder (const char  *folder,
               GError     **error)
{
  if (is_real_folder (folder))
    return TRUE;
  if (g_mkdir_with_parents (folder, 0700) != 0 || !is_real_folder (folder))
    {
      int saved_errno = errno;
      g_autofree char *display = g_filename_display_name (folder);

      g_set_error (error, SHIRABE_ERROR, SHIRABE_ERROR_FAILED,
                   _("Cannot make the backup folder “%s”: %s"), display,
                   g_strerror (saved_errno != 0 ? saved_errno : ENOTDIR));
      return FALSE;
    }
  return TRUE;
}

/* A new private file in @folder for a snapshot; never over a file, never through a symlink. */
static char *
create_backup_file (const char  *folder,
                    const char  *project_path,
                    const char  *reason,
                    GError     **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%d-%H%M%S");
  g_autofree char *stem = project_stem (project_path);
  int saved_errno = 0;

  for (guint n = 0; n < 100; n++)
    {
      g_autofree char *name = n == 0 ? g_strdup_printf ("%s.%s-%s.shirabe", stem, reason, stamp)
                                     : g_strdup_printf ("%s.%s-%s-%u.shirabe", stem, reason,
                                                        stamp, n);
      g_autofree char *candidate = g_build_filename (folder, name, NULL);
      int fd = g_open (candidate, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);

      if (fd >= 0)
        {
          close (fd);
          return g_steal_pointer (&candidate);
        }
      saved_errno = errno;
      if (saved_errno != EEXIST)
        break;
    }
  {
    g_autofree char *display = g_filename_display_name (folder);

    g_set_error (error, SHIRABE_ERROR, SHIRABE_ERROR_FAILED,
                 _("Cannot write a backup copy in “%s”: %s; nothing was changed"), display,
                 g_strerror (saved_errno));
  }
  return NULL;
}

static void
sync_file (const char *path)
{
  int fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);

  if (fd >= 0)
    {
      fsync (fd);
      close (fd);
    }
}

/* Copies @db into the new empty file @path with the online backup API, as a project file of a
 * rollback journal, so that the copy is one file. */
static gboolean
copy_database (sqlite3     *db,
               const char  *path,
               GError     **error)
{
  sqlite3 *dest = NULL;
  sqlite3_backup *backup;
  int rc;

  rc = sqlite3_open_v2 (path, &dest, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOFOLLOW, NULL);
  if (rc == SQLITE_OK)
    {
      shirabe_schema_secure_connection (dest);
      backup = sqlite3_backup_init (dest, "main", db, "main");
      if (backup != NULL)
        {
          rc = sqlite3_backup_step (backup, -1);
          sqlite3_backup_finish (backup);
          rc = rc == SQLITE_DONE ? SQLITE_OK : rc;
        }
      if (rc == SQLITE_OK)
        rc = sqlite3_errcode (dest);
      if (rc == SQLITE_OK)
        rc = sqlite3_exec (dest, "PRAGMA journal_mode = DELETE", NULL, NULL, NULL);
    }
  if (rc != SQLITE_OK)
    {
      g_autofree char *display = g_filename_display_name (path);

      g_set_error (error, SHIRABE_ERROR,
                   rc == SQLITE_FULL ? SHIRABE_ERROR_FULL : SHIRABE_ERROR_FAILED,
                   _("Cannot write the backup copy “%s”: %s; nothing was changed"), display,
                   dest != NULL ? sqlite3_errmsg (dest) : sqlite3_errstr (rc));
      sqlite3_close (dest);
      g_unlink (path);
      return FALSE;
    }
  sqlite3_close (dest);
  sync_file (path);
  return TRUE;
}

/* Parses NAME.REASON-YYYYMMDD-HHMMSS[-N].shirabe for @stem; FALSE for other files. */
static gboolean
parse_name (const char  *name,
            const char  *stem,
            char       **reason,
            GDateTime  **time)
{
  static GRegex *pattern;
  g_autoptr(GMatchInfo) match = NULL;
  g_autofree char *name_stem = NULL;
  g_autofree char *date = NULL;
  g_autofree char *clock = NULL;
  int year, month, day, hour, minute, second;

  if (g_once_init_enter (&pattern))
    g_once_init_leave (&pattern,
                       g_regex_new ("^(.+)\\.([a-z]+(?:-[a-z]+)*)-([0-9]{8})-([0-9]{6})"
                                    "(?:-[0-9]+)?\\.shirabe$", G_REGEX_OPTIMIZE, 0, NULL));
  if (!g_regex_match (pattern, name, 0, &match))
    return FALSE;
  name_stem = g_match_info_fetch (match, 1);
  if (g_strcmp0 (name_stem, stem) != 0)
    return FALSE;
  date = g_match_info_fetch (match, 3);
  clock = g_match_info_fetch (match, 4);
  if (sscanf (date, "%4d%2d%2d", &year, &month, &day) != 3 ||
      sscanf (clock, "%2d%2d%2d", &hour, &minute, &second) != 3)
    return FALSE;
  *time = g_date_time_new_local (year, month, day, hour, minute, second);
  if (*time == NULL)
    return FALSE;
  *reason = g_match_info_fetch (match, 2);
  return TRUE;
}

static gint64
count_rows (sqlite3    *db,
            const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 count = -1;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    count = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return count;
}

/* Reads how many narratives and codings a snapshot holds, without changing it. */
static void
count_contents (ShirabeBackup *backup)
{
  g_autofree char *uri = NULL;
  g_autofree char *escaped = g_uri_escape_string (backup->path, "/", FALSE);
  sqlite3 *db = NULL;

  backup->n_narratives = -1;
  backup->n_codings = -1;
  uri = g_strconcat ("file:", escaped, "?mode=ro", NULL);
  if (sqlite3_open_v2 (uri, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI | SQLITE_OPEN_NOFOLLOW,
                       NULL) == SQLITE_OK)
    {
      shirabe_schema_secure_connection (db);
      if (count_rows (db, "PRAGMA application_id") == SHIRABE_APPLICATION_ID)
        {
          backup->n_narratives = count_rows (db, "SELECT count(*) FROM narrative");
          backup->n_codings = count_rows (db, "SELECT count(*) FROM coding");
        }
    }
  sqlite3_close (db);
}

static int
compare_newest_first (gconstpointer a,
                      gconstpointer b)
{
  const ShirabeBackup *x = *(ShirabeBackup * const *) a;
  const ShirabeBackup *y = *(ShirabeBackup * const *) b;
  /* Names tell the second; two copies of one second are told apart by when each was
   * written. */
  int by_time = g_date_time_compare (y->time, x->time);

  if (by_time != 0)
    return by_time;
  if (x->written != y->written)
    return x->written < y->written ? 1 : -1;
  return -g_strcmp0 (x->path, y->path);
}

/* The snapshots of @stem in @folder, appended to @backups, counted when @count. */
static void
list_folder (const char *folder,
             const char *stem,
             gboolean    count,
             GPtrArray  *backups)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  if (!is_real_folder (folder) || (dir = g_dir_open (folder, 0, NULL)) == NULL)
    return;
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autoptr(ShirabeBackup) backup = g_new0 (ShirabeBackup, 1);
      GStatBuf st;

      if (!parse_name (name, stem, &backup->reason, &backup->time))
        continue;
      backup->path = g_build_filename (folder, name, NULL);
      if (g_lstat (backup->path, &st) != 0 || !S_ISREG (st.st_mode))
        continue;
      backup->size = st.st_size;
      backup->written = (gint64) st.st_mtim.tv_sec * G_USEC_PER_SEC + st.st_mtim.tv_nsec / 1000;
      if (count)
        count_contents (backup);
      g_ptr_array_add (backups, g_steal_pointer (&backup));
    }
}

static GPtrArray *
list_backups (const char *project_path,
              gboolean    count)
{
  GPtrArray *backups = g_ptr_array_new_with_free_func ((GDestroyNotify) shirabe_backup_free);
  g_autofree char *stem = project_stem (project_path);
  g_autofree char *beside = beside_folder (project_path);
  g_autofree char *fallback = fallback_folder (project_path);

  list_folder (beside, stem, count, backups);
  list_folder (fallback, stem, count, backups);
  g_ptr_array_sort (backups, compare_newest_first);
  return backups;
}

/**
 * shirabe_project_list_backups:
 * @project_path: the project file (which need not open, nor exist any more)
 *
 * Lists the snapshots of a project, newest first, with the number of narratives and codings
 * each holds (read without changing them).
 *
 * Returns: (transfer container) (element-type ShirabeBackup): the snapshots, perhaps none
 */
GPtrArray *
shirabe_project_list_backups (const char  *project_path,
                              GError     **error)
{
  g_return_val_if_fail (project_path != NULL, NULL);

  return list_backups (project_path, TRUE);
}

/* Keeps what the policy keeps, and @keep whatever it says. */
static void
prune (const char *project_path,
       const char *keep)
{
  g_autoptr(GPtrArray) backups = list_backups (project_path, FALSE);
  ShirabeBackupPolicy limits;
  guint n_daily = 0;
  guint n_risky = 0;
  guint64 total = 0;

  shirabe_backup_get_policy (&limits);
  for (guint i = 0; i < backups->len; i++)
    {
      ShirabeBackup *backup = backups->pdata[i];
      gboolean daily = g_strcmp0 (backup->reason, "daily") == 0;
      gboolean wanted = daily ? n_daily++ < limits.keep_daily : n_risky++ < limits.keep_risky;

      /* The newest stays whatever its size: a project larger than the cap still has one. */
      if (wanted && i > 0 && total + backup->size > limits.max_total_bytes)
        wanted = FALSE;
      if (g_strcmp0 (backup->path, keep) == 0)
        wanted = TRUE;
      if (wanted)
        total += backup->size;
      else
        g_unlink (backup->path);
    }
}

static gboolean
write_backup (sqlite3     *db,
              const char  *project_path,
              const char  *reason,
              const char  *keep,
              char       **path,
              GError     **error)
{
  g_autofree char *folder = shirabe_backup_folder (project_path);
  g_autofree char *target = NULL;
  gboolean made_folder = !is_real_folder (folder);

  if (!ensure_folder (folder, error))
    return FALSE;
  if ((target = create_backup_file (folder, project_path, reason, error)) == NULL ||
      !copy_database (db, target, error))
    {
      /* A folder made for a copy that could not be written would be litter. */
      if (made_folder)
        g_rmdir (folder);
      return FALSE;
    }
  prune (project_path, keep != NULL ? keep : target);
  /* The one just written is the newest, so pruning kept it. */
  if (path != NULL)
    *path = g_steal_pointer (&target);
  return TRUE;
}

gboolean
shirabe_backup_write_for_db (sqlite3     *db,
                             const char  *project_path,
                             const char  *reason,
                             char       **path,
                             GError     **error)
{
  return write_backup (db, project_path, reason, NULL, path, error);
}

/**
 * shirabe_project_write_backup:
 * @reason: a lower-case word or words joined by "-": "daily", "before-merge"…
 * @path: (out) (optional): the snapshot's file
 *
 * Writes a snapshot of @project into its backup folder, then drops the snapshots beyond the
 * policy's counts and size.
 *
 * Returns: %TRUE when written
 */
gboolean
shirabe_project_write_backup (ShirabeProject  *project,
                              const char      *reason,
                              char           **path,
                              GError         **error)
{
  g_return_val_if_fail (SHIRABE_IS_PROJECT (project), FALSE);
  g_return_val_if_fail (reason != NULL, FALSE);

  return write_backup (shirabe_project_get_db (project), shirabe_project_get_path (project),
                       reason, NULL, path, error);
}

/* Whether @project holds anything: an empty project needs no daily snapshot. */
static gboolean
holds_anything (sqlite3 *db)
{
  return count_rows (db, "SELECT EXISTS (SELECT 1 FROM cases) OR EXISTS (SELECT 1 FROM code)") > 0;
}

/* How long the daily snapshot's thread waits before it copies: for the tests, which show that
 * the edit does not wait for it. */
static guint test_delay_ms;

void
shirabe_backup_set_test_delay (guint milliseconds)
{
  g_atomic_int_set (&test_delay_ms, milliseconds);
}

typedef struct
{
  sqlite3 *reader;        /* a connection of the job's own, in a read transaction */
  char    *project_path;
  char    *target;
} DailyJob;

static gpointer
daily_thread (gpointer data)
{
  DailyJob *job = data;
  g_autoptr(GError) error = NULL;
  guint delay = g_atomic_int_get (&test_delay_ms);

  if (delay > 0)
    g_usleep (delay * G_TIME_SPAN_MILLISECOND);
  /* Not writing one (a full disk) does not stop the work: edits say what is wrong. */
  if (copy_database (job->reader, job->target, &error))
    prune (job->project_path, job->target);
  else
    g_info ("%s", error->message);
  sqlite3_exec (job->reader, "COMMIT", NULL, NULL, NULL);
  sqlite3_close (job->reader);
  g_free (job->project_path);
  g_free (job->target);
  g_free (job);
  return NULL;
}

GThread *
shirabe_backup_daily_start (ShirabeProject *project,
                            gboolean       *settled)
{
  g_autoptr(GPtrArray) backups = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GError) error = NULL;
  g_autofree char *folder = NULL;
  g_autofree char *target = NULL;
  sqlite3 *db = shirabe_project_get_db (project);
  const char *path = shirabe_project_get_path (project);
  sqlite3 *reader = NULL;
  gboolean made_folder;
  DailyJob *job;

  *settled = holds_anything (db);
  if (!*settled)
    return NULL;
  backups = list_backups (path, FALSE);
  for (guint i = 0; i < backups->len; i++)
    {
      ShirabeBackup *backup = backups->pdata[i];

      if (g_strcmp0 (backup->reason, "daily") == 0 &&
          g_date_time_get_year (backup->time) == g_date_time_get_year (now) &&
          g_date_time_get_day_of_year (backup->time) == g_date_time_get_day_of_year (now))
        return NULL;
    }

  folder = shirabe_backup_folder (path);
  made_folder = !is_real_folder (folder);
  if (!ensure_folder (folder, &error) ||
      (target = create_backup_file (folder, path, "daily", &error)) == NULL)
    {
      g_info ("%s", error->message);
      return NULL;
    }
  /* The snapshot is the project as it is now, before the edit that is about to begin: a read
   * transaction of a connection of its own holds that state (the file is in WAL mode) while
   * the edit goes on, and a thread copies it from there. */
  if (sqlite3_open_v2 (path, &reader, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOFOLLOW, NULL) !=
        SQLITE_OK ||
      (shirabe_schema_secure_connection (reader),
       sqlite3_exec (reader, "BEGIN; SELECT count (*) FROM sqlite_schema", NULL, NULL, NULL)) !=
        SQLITE_OK)
    {
      g_info ("The daily backup copy of “%s” was not written: %s", path,
              reader != NULL ? sqlite3_errmsg (reader) : "out of memory");
      sqlite3_close (reader);
      g_unlink (target);
      if (made_folder)
        g_rmdir (folder);
      return NULL;
    }
  job = g_new0 (DailyJob, 1);
  job->reader = reader;
  job->project_path = g_strdup (path);
  job->target = g_steal_pointer (&target);
  return g_thread_new ("shirabe-daily-backup", daily_thread, job);
}

/* Copies a file that cannot be opened as a project, byte for byte, beside the snapshots. */
static gboolean
copy_bytes (const char  *from,
            const char  *to,
            GError     **error)
{
  g_autoptr(GFile) source = g_file_new_for_path (from);
  g_autoptr(GFile) target = g_file_new_for_path (to);

  if (!g_file_copy (source, target, G_FILE_COPY_OVERWRITE | G_FILE_COPY_NOFOLLOW_SYMLINKS,
                    NULL, NULL, NULL, error))
    return FALSE;
  g_chmod (to, 0600);
  sync_file (to);
  return TRUE;
}

static void
set_restore_error (GError     **error,
                   const char  *project_path,
                   GError      *cause)
{
  g_autofree char *display = g_filename_display_name (project_path);

  g_set_error (error, SHIRABE_ERROR, cause->domain == SHIRABE_ERROR ? cause->code
                                                                     : SHIRABE_ERROR_FAILED,
               _("“%s” was not restored, and is as it was: %s"), display, cause->message);
}

/* Keeps the project as it is before a restore: a snapshot when it opens, else its bytes and
 * its log's. Sets @kept to the copy. */
static gboolean
keep_current (const char  *project_path,
              const char  *restoring,
              char       **kept,
              GError     **error)
{
  g_autoptr(GError) open_error = NULL;
  g_autoptr(ShirabeProject) project = NULL;
  g_autofree char *folder = NULL;
  g_autofree char *target = NULL;
  const char *suffixes[] = { "-wal", "-journal" };

  project = shirabe_project_open (project_path, SHIRABE_PROJECT_NO_HISTORY, &open_error);
  if (project != NULL)
    {
      gboolean ok = write_backup (shirabe_project_get_db (project), project_path,
                                  "before-restore", restoring, kept, error) &&
                    shirabe_project_close (project, error);
      return ok;
    }
  /* In use elsewhere, or missing: nothing to replace under another program's feet. */
  if (g_error_matches (open_error, SHIRABE_ERROR, SHIRABE_ERROR_IN_USE) ||
      g_error_matches (open_error, SHIRABE_ERROR, SHIRABE_ERROR_NOT_FOUND) ||
      g_error_matches (open_error, SHIRABE_ERROR, SHIRABE_ERROR_TOO_NEW))
    {
      g_propagate_error (error, g_steal_pointer (&open_error));
      return FALSE;
    }
  /* Damaged: its bytes as they are, and its log beside them under the copy's name, where
   * SQLite looks for it when the copy is opened. */
  folder = shirabe_backup_folder (project_path);
  if (!ensure_folder (folder, error) ||
      (target = create_backup_file (folder, project_path, "before-restore", error)) == NULL)
    return FALSE;
  if (!copy_bytes (project_path, target, error))
    {
      g_unlink (target);
      return FALSE;
    }
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *log = g_strconcat (project_path, suffixes[i], NULL);
      g_autofree char *log_copy = g_strconcat (target, suffixes[i], NULL);

      if (g_file_test (log, G_FILE_TEST_EXISTS) && !copy_bytes (log, log_copy, error))
        return FALSE;
    }
  *kept = g_steal_pointer (&target);
  return TRUE;
}

/**
 * shirabe_project_restore_backup:
 * @project_path: the project to restore; no program may have it open
 * @backup_path: a snapshot of it (or any Shirabe project file)
 * @kept_path: (out) (optional): the snapshot of the project as it was before
 *
 * Replaces the project by @backup_path, after keeping the project as it is as a
 * "before-restore" snapshot. The snapshot must open as a Shirabe project without objects
 * Shirabe did not create; the project is replaced by rename, so that it is whole either way.
 *
 * Returns: %TRUE when restored
 */
gboolean
shirabe_project_restore_backup (const char  *project_path,
                                const char  *backup_path,
                                char       **kept_path,
                                GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(ShirabeProject) snapshot = NULL;
  g_autoptr(ShirabeProject) restored = NULL;
  g_autofree char *kept = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *temp = NULL;
  const char *suffixes[] = { "-wal", "-shm", "-journal" };
  int fd;

  g_return_val_if_fail (project_path != NULL, FALSE);
  g_return_val_if_fail (backup_path != NULL, FALSE);

  /* The snapshot is checked as any project file someone sent. */
  snapshot = shirabe_project_open (backup_path, SHIRABE_PROJECT_READ_ONLY |
                                                SHIRABE_PROJECT_NO_HISTORY, &local_error);
  if (snapshot != NULL && shirabe_project_get_foreign_objects (snapshot) != NULL)
    {
      g_autofree char *display = g_filename_display_name (backup_path);

      g_set_error (&local_error, SHIRABE_ERROR, SHIRABE_ERROR_CORRUPT,
                   _("the backup copy “%s” holds objects Shirabe did not create (%s)"),
                   display, shirabe_project_get_foreign_objects (snapshot));
    }
  if (snapshot != NULL)
    shirabe_project_close (snapshot, NULL);
  if (local_error != NULL)
    {
      set_restore_error (error, project_path, local_error);
      return FALSE;
    }

  if (!keep_current (project_path, backup_path, &kept, &local_error))
    {
      set_restore_error (error, project_path, local_error);
      return FALSE;
    }

  /* A private copy beside the project, then one rename. */
  dir = g_path_get_dirname (project_path);
  temp = g_build_filename (dir, ".shirabe-restore-XXXXXX", NULL);
  fd = g_mkstemp_full (temp, O_RDWR | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      int saved_errno = errno;

      g_set_error_literal (&local_error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                           g_strerror (saved_errno));
    }
  else
    close (fd);
  if (local_error == NULL && copy_bytes (backup_path, temp, &local_error))
    {
      for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
        {
          g_autofree char *log = g_strconcat (project_path, suffixes[i], NULL);

          /* A log left by the damaged file would be applied to the restored one. */
          g_unlink (log);
        }
      if (g_rename (temp, project_path) != 0)
        {
          int saved_errno = errno;

          g_set_error_literal (&local_error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                               g_strerror (saved_errno));
        }
    }
  if (local_error != NULL)
    {
      if (fd >= 0)
        g_unlink (temp);
      set_restore_error (error, project_path, local_error);
      return FALSE;
    }
  {
    int dir_fd = g_open (dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC, 0);

    if (dir_fd >= 0)
      {
        fsync (dir_fd);
        close (dir_fd);
      }
  }

  if (kept_path != NULL)
    *kept_path = g_steal_pointer (&kept);
  return TRUE;
}
