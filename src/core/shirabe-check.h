/* shirabe-check.h: the integrity check of a project file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "shirabe-project.h"

G_BEGIN_DECLS

/**
 * shirabe_project_check:
 * @problems: (out) (transfer full): one translated line per problem found
 *
 * Runs SQLite's integrity and foreign-key checks, the full-text index check, and Shirabe's
 * own: every coding within its narrative's text, every stored length and SHA-256 matching the
 * text, every attribute value of its attribute's type, no loop in the code tree, valid UTF-8
 * in every name, label, title and memo (with its table and row).
 *
 * Returns: %TRUE when the check ran (@problems may still hold problems); %FALSE with @error
 * when it could not run
 */
gboolean shirabe_project_check (ShirabeProject  *project,
                                GStrv           *problems,
                                GError         **error);

/**
 * ShirabeCheckProgress:
 * @stage: (nullable): what is being checked, in words ("the narratives’ texts"); %NULL at
 *   the end
 * @fraction: done so far, from 0 to 1
 *
 * Called often during a long check (a few times a second on a large project).
 */
typedef void (*ShirabeCheckProgress) (const char *stage,
                                      double      fraction,
                                      gpointer    user_data);

/* shirabe_project_check() with progress and a way to stop: a cancelled check ends with
 * G_IO_ERROR_CANCELLED, having changed nothing. */
gboolean shirabe_project_check_full (ShirabeProject        *project,
                                     ShirabeCheckProgress   progress,
                                     gpointer               user_data,
                                     GCancellable          *cancellable,
                                     GStrv                 *problems,
                                     GError               **error);

gboolean shirabe_project_find_code_loops    (ShirabeProject  *project,
                                             GArray         **loops,
                                             GError         **error);
char    *shirabe_project_describe_code_loop (ShirabeProject  *project,
                                             gint64           code_id);
gboolean shirabe_project_repair             (ShirabeProject  *project,
                                             char           **backup_path,
                                             GStrv           *repairs,
                                             GError         **error);

G_END_DECLS
