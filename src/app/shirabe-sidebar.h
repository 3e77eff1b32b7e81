/* shirabe-sidebar.h: the left pane, the project's cases and their narratives
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "shirabe.h"
#include "shirabe-filter-popover.h"
#include "shirabe-narrative-list.h"

G_BEGIN_DECLS

#define SHIRABE_TYPE_SIDEBAR (shirabe_sidebar_get_type ())

G_DECLARE_FINAL_TYPE (ShirabeSidebar, shirabe_sidebar, SHIRABE, SIDEBAR, AdwBin)

/* The project whose narratives are listed (NULL: none); the first narrative is selected. */
gboolean                shirabe_sidebar_set_project            (ShirabeSidebar  *self,
                                                                ShirabeProject  *project,
                                                                GError         **error);
/* Returns: (transfer none) (nullable): the selected narrative, which stays selected while a
 * filter hides it */
const ShirabeNarrative *shirabe_sidebar_get_selected_narrative (ShirabeSidebar  *self);
/* The selected narrative's id, 0 for none. */
gint64                  shirabe_sidebar_get_selected_id        (ShirabeSidebar  *self);
/* Selects narrative @narrative_id; FALSE when the list does not show it. */
gboolean                shirabe_sidebar_select_narrative       (ShirabeSidebar  *self,
                                                                gint64           narrative_id);
/* Filters at once, as typing in the filter entry does after its short pause. */
void                    shirabe_sidebar_set_filter             (ShirabeSidebar  *self,
                                                                const char      *text);
/* Removes the attribute and code conditions of the filter popover. */
void                    shirabe_sidebar_clear_query_filter     (ShirabeSidebar  *self);
/* Returns: (transfer none): the popover of attribute and code conditions */
ShirabeFilterPopover   *shirabe_sidebar_get_query_filter       (ShirabeSidebar  *self);
/* The language of attribute and code names in the filter popover. */
void                    shirabe_sidebar_set_label_language     (ShirabeSidebar       *self,
                                                                ShirabeLabelLanguage  language);
/* SHIRABE_NARRATIVE_LIST_ANY_STATUS or a ShirabeCodingStatus. */
void                    shirabe_sidebar_set_status_filter      (ShirabeSidebar  *self,
                                                                int              status);
/* Sets the selected narrative's coding status, @status_name being "to-do", "in-progress" or
 * "done" (one undo step). */
gboolean                shirabe_sidebar_set_selected_status    (ShirabeSidebar  *self,
                                                                const char      *status_name,
                                                                GError         **error);
/* Returns: (transfer none) (nullable): the list shown, case rows and narrative rows */
/* Opens the narrative menu (rename, move, details, delete, the case's) on the selected row, as
 * the Menu key and Shift+F10 do. */
void                    shirabe_sidebar_popup_row_menu         (ShirabeSidebar  *self);
GListModel             *shirabe_sidebar_get_model              (ShirabeSidebar  *self);
/* Returns: (transfer none): the list view of narratives */
GtkListView            *shirabe_sidebar_get_list_view          (ShirabeSidebar  *self);
/* What a narrative's row says under its title: the name of its language ("ja": "Japanese"),
 * the BCP 47 tag itself when not a common one. Returns: (transfer full) */
char                   *shirabe_sidebar_dup_language_name      (const char      *language);

G_END_DECLS
