/* shirabe-sidebar.c: the left pane, the project's cases and their narratives
 *
 * The pane follows the project's "changed" signal itself, so that an edit, an undo and a redo
 * all refresh it the same way; the window only learns which narrative is selected.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "shirabe-i18n.h"

#include "shirabe-narrative-item.h"
#include "shirabe-sidebar.h"

struct _ShirabeSidebar
{
  AdwBin              parent_instance;

  ShirabeProject     *project;
  GListStore         *narratives;       /* ShirabeNarrativeItem */
  GtkSingleSelection *selection;

  /* template */
  GtkListView        *narrative_list;
};

G_DEFINE_FINAL_TYPE (ShirabeSidebar, shirabe_sidebar, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_SELECTED_ID,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  ERROR,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static gboolean
sync_narratives (ShirabeSidebar  *self,
                 GError         **error)
{
  g_autoptr(GPtrArray) narratives = shirabe_project_list_narratives (self->project, 0, error);
  g_autoptr(GPtrArray) items = NULL;
  GListModel *model = G_LIST_MODEL (self->narratives);
  guint n_items = g_list_model_get_n_items (model);
  gboolean same = TRUE;
  gint64 selected_id;

  if (narratives == NULL)
    return FALSE;

  for (guint i = 0; same && i < n_items && i < narratives->len; i++)
    {
      g_autoptr(ShirabeNarrativeItem) item = g_list_model_get_item (model, i);
      ShirabeNarrative *narrative = g_ptr_array_index (narratives, i);

      same = shirabe_narrative_item_get_id (item) == narrative->id;
    }
  if (same && n_items == narratives->len)
    {
      for (guint i = 0; i < n_items; i++)
        {
          g_autoptr(ShirabeNarrativeItem) item = g_list_model_get_item (model, i);

          shirabe_narrative_item_update (item, g_ptr_array_index (narratives, i));
        }
      return TRUE;
    }

  selected_id = shirabe_sidebar_get_selected_id (self);
  items = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < narratives->len; i++)
    g_ptr_array_add (items, shirabe_narrative_item_new (g_ptr_array_index (narratives, i)));
  g_list_store_splice (self->narratives, 0, n_items, items->pdata, items->len);
  for (guint i = 0; i < items->len; i++)
    if (shirabe_narrative_item_get_id (g_ptr_array_index (items, i)) == selected_id)
      gtk_single_selection_set_selected (self->selection, i);
  return TRUE;
}

static void
on_project_changed (ShirabeSidebar *self,
                    ShirabeProject *project)
{
  g_autoptr(GError) error = NULL;

  if (!sync_narratives (self, &error))
    g_signal_emit (self, signals[ERROR], 0, error);
}

static void
on_selected_item_changed (ShirabeSidebar *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED_ID]);
}

void
shirabe_sidebar_set_project (ShirabeSidebar *self,
                             ShirabeProject *project)
{
  g_autoptr(GError) error = NULL;

  g_return_if_fail (SHIRABE_IS_SIDEBAR (self));
  g_return_if_fail (project == NULL || SHIRABE_IS_PROJECT (project));

  if (project == self->project)
    return;
  if (self->project != NULL)
    g_signal_handlers_disconnect_by_data (self->project, self);
  g_list_store_remove_all (self->narratives);
  g_set_object (&self->project, project);
  if (project == NULL)
    return;

  g_signal_connect_object (project, "changed", G_CALLBACK (on_project_changed), self,
                           G_CONNECT_SWAPPED);
  if (!sync_narratives (self, &error))
    g_signal_emit (self, signals[ERROR], 0, error);
}

const ShirabeNarrative *
shirabe_sidebar_get_selected_narrative (ShirabeSidebar *self)
{
  gpointer item;

  g_return_val_if_fail (SHIRABE_IS_SIDEBAR (self), NULL);

  item = gtk_single_selection_get_selected_item (self->selection);
  return item != NULL ? shirabe_narrative_item_get_narrative (item) : NULL;
}

gint64
shirabe_sidebar_get_selected_id (ShirabeSidebar *self)
{
  const ShirabeNarrative *narrative = shirabe_sidebar_get_selected_narrative (self);

  return narrative != NULL ? narrative->id : 0;
}

GtkListView *
shirabe_sidebar_get_list_view (ShirabeSidebar *self)
{
  g_return_val_if_fail (SHIRABE_IS_SIDEBAR (self), NULL);

  return self->narrative_list;
}

static void
shirabe_sidebar_dispose (GObject *object)
{
  ShirabeSidebar *self = SHIRABE_SIDEBAR (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), SHIRABE_TYPE_SIDEBAR);
  g_clear_object (&self->project);
  g_clear_object (&self->selection);
  g_clear_object (&self->narratives);

  G_OBJECT_CLASS (shirabe_sidebar_parent_class)->dispose (object);
}

static void
shirabe_sidebar_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  ShirabeSidebar *self = SHIRABE_SIDEBAR (object);

  switch (prop_id)
    {
    case PROP_SELECTED_ID:
      g_value_set_int64 (value, shirabe_sidebar_get_selected_id (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
shirabe_sidebar_class_init (ShirabeSidebarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = shirabe_sidebar_dispose;
  object_class->get_property = shirabe_sidebar_get_property;

  /* The selected narrative's id, 0 for none; notified whenever the selection moves. */
  properties[PROP_SELECTED_ID] =
    g_param_spec_int64 ("selected-id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * ShirabeSidebar::error:
   * @error: what the core reported
   *
   * The list could not be read from the project; the window shows it to the user.
   */
  signals[ERROR] =
    g_signal_new ("error", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_ERROR);

  g_type_ensure (SHIRABE_TYPE_NARRATIVE_ITEM);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/shirabe/Shirabe/shirabe-sidebar.ui");
  gtk_widget_class_bind_template_child (widget_class, ShirabeSidebar, narrative_list);
}

static void
shirabe_sidebar_init (ShirabeSidebar *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->narratives = g_list_store_new (SHIRABE_TYPE_NARRATIVE_ITEM);
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->narratives)));
  gtk_list_view_set_model (self->narrative_list, GTK_SELECTION_MODEL (self->selection));
  g_signal_connect_object (self->selection, "notify::selected-item",
                           G_CALLBACK (on_selected_item_changed), self, G_CONNECT_SWAPPED);
}
