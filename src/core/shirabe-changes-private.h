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

/* The name of the @index-th table of the project, in order; NULL past the last. These are the
 * tables the undo history records. */
const char     *shirabe_changes_table_name         (guint       index);

G_END_DECLS
