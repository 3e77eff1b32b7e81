/* shirabe-case-private.h: adding many cases in one batch
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "shirabe-project.h"

G_BEGIN_DECLS

gint64 shirabe_project_next_case_position (ShirabeProject  *project,
                                           GError         **error);
gint64 shirabe_project_add_case_at        (ShirabeProject  *project,
                                           const char      *name,
                                           gint64           position,
                                           GError         **error);

G_END_DECLS
