/* shirabe-code-editor.h: a dialog to make a code or change one
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "shirabe.h"

G_BEGIN_DECLS

#define SHIRABE_TYPE_CODE_EDITOR (shirabe_code_editor_get_type ())

G_DECLARE_FINAL_TYPE (ShirabeCodeEditor, shirabe_code_editor, SHIRABE, CODE_EDITOR, AdwWindow)

/* Edits @code_id, or with @code_id 0 makes a new code under @parent_id (0: at the top).
 * Returns: (transfer none): the dialog, owned by GTK like any window, not yet shown; NULL with
 * @error set when the code cannot be read. */
ShirabeCodeEditor *shirabe_code_editor_new         (GtkWindow          *parent,
                                                    ShirabeProject     *project,
                                                    gint64              code_id,
                                                    gint64              parent_id,
                                                    GError            **error);
/* Makes the new code's dialog "new code from selection": saving makes the code and codes
 * [@start, @end) of the narrative with it for @coder_name, one undo step. @text, the selected
 * words, is shown as a hint; the label is left for the user to write. */
void               shirabe_code_editor_set_passage (ShirabeCodeEditor  *self,
                                                    gint64              narrative_id,
                                                    gint64              start,
                                                    gint64              end,
                                                    const char         *coder_name,
                                                    const char         *text);
/* Saves what the dialog shows as one undo step and closes it; on failure the dialog stays
 * open showing why, and FALSE is returned. */
gboolean           shirabe_code_editor_save        (ShirabeCodeEditor  *self);
/* The code edited, or once saved the code made; 0 before a new code is saved. */
gint64             shirabe_code_editor_get_code_id (ShirabeCodeEditor  *self);

G_END_DECLS
