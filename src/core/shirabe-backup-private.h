/* shirabe-backup-private.h: the daily snapshot, taken by the core before an edit
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <sqlite3.h>

#include "shirabe-project.h"

G_BEGIN_DECLS

/* Starts writing today's "daily" snapshot of @project, as it is before the edit about to
 * begin, unless there is one already or the project holds nothing yet; @settled tells whether
 * today needs no more (FALSE while it is empty). Returns the thread that writes it, to join
 * before the project closes, or NULL when none was started (a failure is logged: it does not
 * stop the edit). */
GThread *shirabe_backup_daily_start   (ShirabeProject *project,
                                       gboolean       *settled);
/* For the tests: the daily snapshot's thread waits this long before it copies. */
void     shirabe_backup_set_test_delay (guint          milliseconds);

/* Writes a snapshot of the database @db, the project at @project_path, into its backup folder,
 * as shirabe_project_write_backup() does for a project: for the schema's migration, which runs
 * before there is a project. */
gboolean shirabe_backup_write_for_db (sqlite3     *db,
                                      const char  *project_path,
                                      const char  *reason,
                                      char       **path,
                                      GError     **error);

G_END_DECLS
