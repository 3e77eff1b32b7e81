/* shirabe-changes-private.h: reading what changed off an SQLite session changeset
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "shirabe-changes.h"

G_BEGIN_DECLS

ShirabeChanges *shirabe_changes_new_from_changeset (int         n_changeset,
                                                    const void *changeset);

G_END_DECLS
