/* shirabe-backup-private.h: the daily snapshot, taken by the core before an edit
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <sqlite3.h>

#include "shirabe-project.h"

G_BEGIN_DECLS

/* Writes today's "daily" snapshot of @project unless there is one already, or the project
 * holds nothing yet; @settled tells whether today needs no more (FALSE while it is empty). */
gboolean shirabe_backup_daily (ShirabeProject  *project,
                               gboolean        *settled,
                               GError         **error);

/* Writes a snapshot of the database @db, the project at @project_path, into its backup folder,
 * as shirabe_project_write_backup() does for a project: for the schema's migration, which runs
 * before there is a project. */
gboolean shirabe_backup_write_for_db (sqlite3     *db,
                                      const char  *project_path,
                                      const char  *reason,
                                      char       **path,
                                      GError     **error);

G_END_DECLS
