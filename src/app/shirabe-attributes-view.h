/* shirabe-attributes-view.h: the case's attributes and the narrative's memo, editable
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "shirabe.h"
#include "shirabe-code-item.h"

G_BEGIN_DECLS

#define SHIRABE_TYPE_ATTRIBUTES_VIEW (shirabe_attributes_view_get_type ())

G_DECLARE_FINAL_TYPE (ShirabeAttributesView, shirabe_attributes_view, SHIRABE, ATTRIBUTES_VIEW,
                      AdwBin)

/* The view follows the project's "changed" signal on its own. */
void       shirabe_attributes_view_set_project        (ShirabeAttributesView *self,
                                                       ShirabeProject        *project);
/* Shows the attributes of @narrative_id's case and its memo (0: nothing); a memo being typed
 * for the narrative shown before is saved first. */
void       shirabe_attributes_view_set_narrative      (ShirabeAttributesView *self,
                                                       gint64                 narrative_id);
/* Attribute names in @language: Japanese names when "ja", falling back to the English ones. */
void       shirabe_attributes_view_set_label_language (ShirabeAttributesView *self,
                                                       ShirabeLabelLanguage   language);
/* Saves the memo now if it was changed since the last save; FALSE when the core refused. */
gboolean   shirabe_attributes_view_save_memo          (ShirabeAttributesView *self);
/* Returns: (transfer none) (nullable): the editor row of @attribute_id */
GtkWidget *shirabe_attributes_view_get_editor         (ShirabeAttributesView *self,
                                                       gint64                 attribute_id);
/* Commits what the editor of @attribute_id shows, as Enter or leaving it does. */
gboolean   shirabe_attributes_view_commit             (ShirabeAttributesView *self,
                                                       gint64                 attribute_id);
/* The message shown under the attributes, "" when none. */
const char *shirabe_attributes_view_get_message       (ShirabeAttributesView *self);
GtkTextView *shirabe_attributes_view_get_memo_view    (ShirabeAttributesView *self);

/* The handle between the case's attributes and the narrative's memo, for the window to keep
 * where the user left it. */
GtkPaned              *shirabe_attributes_view_get_paned (ShirabeAttributesView *self);

G_END_DECLS
