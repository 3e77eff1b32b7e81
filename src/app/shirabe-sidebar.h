/* shirabe-sidebar.h: the left pane, the project's cases and their narratives
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "shirabe.h"

G_BEGIN_DECLS

#define SHIRABE_TYPE_SIDEBAR (shirabe_sidebar_get_type ())

G_DECLARE_FINAL_TYPE (ShirabeSidebar, shirabe_sidebar, SHIRABE, SIDEBAR, AdwBin)

/* The project whose narratives are listed (NULL: none); the list follows its "changed" signal. */
void                    shirabe_sidebar_set_project            (ShirabeSidebar *self,
                                                                ShirabeProject *project);
/* Returns: (transfer none) (nullable): the selected narrative */
const ShirabeNarrative *shirabe_sidebar_get_selected_narrative (ShirabeSidebar *self);
/* The selected narrative's id, 0 for none. */
gint64                  shirabe_sidebar_get_selected_id        (ShirabeSidebar *self);
/* Returns: (transfer none): the list view of narratives */
GtkListView            *shirabe_sidebar_get_list_view          (ShirabeSidebar *self);

G_END_DECLS
