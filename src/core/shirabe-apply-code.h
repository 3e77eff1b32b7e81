/* shirabe-apply-code.h: coding a passage as a named coder, in one undo step
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "shirabe-code.h"

G_BEGIN_DECLS

/* Codes [@start, @end) of the narrative for the coder named @coder_name, adding the coder
 * when new. The new coder and the coding are one edit: one undo removes both.
 * Returns: the new coding's id, or 0 with @error set */
gint64 shirabe_project_apply_code (ShirabeProject  *project,
                                   gint64           narrative_id,
                                   gint64           code_id,
                                   const char      *coder_name,
                                   gint64           start,
                                   gint64           end,
                                   const char      *memo,
                                   GError         **error);

/* Adds a code made from @spec and applies it to [@start, @end) for @coder_name: "new code from
 * selection" as one undo step. Returns: the new coding's id (the code's in @code_id), or 0 with
 * @error set and nothing changed */
gint64 shirabe_project_apply_new_code (ShirabeProject         *project,
                                       gint64                  narrative_id,
                                       const ShirabeCodeSpec  *spec,
                                       const char             *coder_name,
                                       gint64                  start,
                                       gint64                  end,
                                       gint64                 *code_id,
                                       GError                **error);

G_END_DECLS
