/* shirabe-list-models.h: giving a list view a long model in one step
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Shows @model in @list_view. A new selection model each time, not a new model in the old one:
 * GTK 4.8 answers a model's "items-changed" by reading every item added, looking for widgets
 * to keep, which would read all of a long lazy list at once. @selection holds the list view's
 * selection model and is replaced. */
static inline void
shirabe_list_view_show_model (GtkListView     *list_view,
                              GtkNoSelection **selection,
                              GListModel      *model)
{
  g_clear_object (selection);
  *selection = gtk_no_selection_new (model != NULL ? g_object_ref (model) : NULL);
  gtk_list_view_set_model (list_view, GTK_SELECTION_MODEL (*selection));
}

G_END_DECLS
