/* shirabe-history.h: the undo and redo stacks of a project
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define SHIRABE_TYPE_HISTORY (shirabe_history_get_type ())

G_DECLARE_FINAL_TYPE (ShirabeHistory, shirabe_history, SHIRABE, HISTORY, GObject)

gboolean    shirabe_history_get_can_undo   (ShirabeHistory *self);
gboolean    shirabe_history_get_can_redo   (ShirabeHistory *self);
const char *shirabe_history_get_undo_label (ShirabeHistory *self);
const char *shirabe_history_get_redo_label (ShirabeHistory *self);
guint       shirabe_history_get_n_undo     (ShirabeHistory *self);
void        shirabe_history_clear          (ShirabeHistory *self);

G_END_DECLS
