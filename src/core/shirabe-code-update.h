/* shirabe-code-update.h: changing several fields of a code as one undo step
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "shirabe-code.h"

G_BEGIN_DECLS

/**
 * shirabe_project_update_code:
 * @changes: the new values: each non-NULL text field (labels, descriptions, colour, var name)
 *   replaces the code's, and @changes->not_codable is always applied, so pass the code's own
 *   value to keep it; parent_id and uuid are ignored (moving is shirabe_project_move_code)
 *
 * Sets every changed field in one edit, one undo step. Fields equal to the code's are left
 * alone; when nothing differs, no step is recorded. On failure nothing changes and @error says
 * which field was refused, in the user's language.
 */
gboolean shirabe_project_update_code (ShirabeProject        *project,
                                      gint64                 code_id,
                                      const ShirabeCodeSpec *changes,
                                      GError               **error);

G_END_DECLS
