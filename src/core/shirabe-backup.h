/* shirabe-backup.h: snapshots of a project a user can list and restore
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "shirabe-project.h"

G_BEGIN_DECLS

/* One snapshot of a project. */
typedef struct
{
  char      *path;
  char      *reason;        /* "daily", "before-repair", "before-merge", "before-restore"… */
  GDateTime *time;          /* when it was written, local time */
  guint64    size;          /* in bytes */
  gint64     written;       /* the file's modification time, in µs since 1970: the order */
  gint64     n_narratives;  /* -1 when the copy cannot be read */
  gint64     n_codings;     /* -1 when the copy cannot be read */
} ShirabeBackup;

/* How many snapshots are kept: the latest @keep_daily daily ones, the latest @keep_risky made
 * before risky operations (merges, repairs, restores), and, of those, only the newest that fit
 * in @max_total_bytes together (the newest one always stays). */
typedef struct
{
  guint   keep_daily;
  guint   keep_risky;
  guint64 max_total_bytes;
} ShirabeBackupPolicy;

#define SHIRABE_BACKUP_DEFAULT_KEEP_DAILY 7
#define SHIRABE_BACKUP_DEFAULT_KEEP_RISKY 3
#define SHIRABE_BACKUP_DEFAULT_MAX_BYTES  (G_GUINT64_CONSTANT (2) * 1000 * 1000 * 1000)

void        shirabe_backup_free               (ShirabeBackup             *self);

void        shirabe_backup_set_policy         (const ShirabeBackupPolicy *policy);
void        shirabe_backup_get_policy         (ShirabeBackupPolicy       *policy);
void        shirabe_backup_load_settings      (void);

char       *shirabe_backup_folder             (const char                *project_path);
const char *shirabe_backup_describe_reason    (const char                *reason);

GPtrArray  *shirabe_project_list_backups      (const char                *project_path,
                                               GError                   **error);

gboolean    shirabe_project_write_backup      (ShirabeProject            *project,
                                               const char                *reason,
                                               char                     **path,
                                               GError                   **error);

gboolean    shirabe_project_restore_backup    (const char                *project_path,
                                               const char                *backup_path,
                                               char                     **kept_path,
                                               GError                   **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ShirabeBackup, shirabe_backup_free)

G_END_DECLS
