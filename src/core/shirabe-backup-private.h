/* shirabe-backup-private.h: the daily snapshot, taken by the core before an edit
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "shirabe-project.h"

G_BEGIN_DECLS

/* Writes today's "daily" snapshot of @project unless there is one already, or the project
 * holds nothing yet; @settled tells whether today needs no more (FALSE while it is empty). */
gboolean shirabe_backup_daily (ShirabeProject  *project,
                               gboolean        *settled,
                               GError         **error);

G_END_DECLS
