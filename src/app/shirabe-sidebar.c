/* shirabe-sidebar.c: the left pane, the project's cases and their narratives
 *
 * The list is the core's lazy ShirabeNarrativeList: it follows the project's "changed" signal
 * itself and reads only the rows on screen, so a study of 10,000 narratives opens at once.
 * The selected narrative is remembered apart from the selection model, so that a filter
 * hiding it does not empty the reader, and clearing the filter selects it again.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "shirabe-i18n.h"

#include "shirabe-sidebar.h"
#include "shirabe-first-rows.h"
#include "shirabe-window.h"

struct _ShirabeSidebar
{
  AdwBin                parent_instance;

  ShirabeProject       *project;
  ShirabeNarrativeList *narratives;
  GtkSingleSelection   *selection;
  GtkSliceListModel    *rows;      /* the narratives, limited until the list has painted */
  ShirabeNarrativeRow  *selected;        /* held, so the list keeps it up to date */
  GtkWidget            *row_menu;
  ShirabeFilterPopover *query_filter;    /* attribute and code conditions */

  /* template */
  GtkDropDown          *status_filter;
  GtkSearchEntry       *filter_entry;
  GtkMenuButton        *query_filter_button;
  GtkLabel             *match_label;
  GtkStack             *list_stack;
  AdwStatusPage        *empty_page;
  GtkListView          *narrative_list;
  GMenuModel           *row_menu_model;
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

static void on_query_filter_changed (ShirabeSidebar *self);

/* Rows' texts and handlers */

/* The name of a narrative's language: the case is already the heading above its rows. A tag
 * not listed shows as it is. */
char *
shirabe_sidebar_dup_language_name (const char *language)
{
  static const struct { const char *tag; const char *name; } names[] = {
    { "ja", N_("Japanese") },
    { "en", N_("English") },
    { "zh", N_("Chinese") },
    { "ko", N_("Korean") },
    { "vi", N_("Vietnamese") },
    { "tl", N_("Tagalog") },
    { "fil", N_("Filipino") },
    { "th", N_("Thai") },
    { "id", N_("Indonesian") },
    { "ne", N_("Nepali") },
    { "my", N_("Burmese") },
    { "km", N_("Khmer") },
    { "pt", N_("Portuguese") },
    { "es", N_("Spanish") },
    { "ru", N_("Russian") },
  };
  g_autofree char *primary = NULL;

  if (language == NULL || *language == '\0')
    return g_strdup ("");
  /* "ja-JP" and "zh-Hant" are named by their language. */
  primary = g_ascii_strdown (language, strcspn (language, "-_"));
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (strcmp (primary, names[i].tag) == 0)
      return g_strdup (_(names[i].name));
  return g_strdup (language);
}

static char *
dup_row_details (const char *language,
                 gboolean    is_translation)
{
  g_autofree char *name = shirabe_sidebar_dup_language_name (language);

  if (!is_translation)
    return g_steal_pointer (&name);
  if (name == NULL || *name == '\0')
    return g_strdup (_("Translation"));
  /* Translators: under a narrative's title in the list: its language, and that it is a
   * translation of the narrative above it, as “Japanese · translation” */
  return g_strdup_printf (_("%s · translation"), name);
}

/* A translation is indented under its original. */
static int
row_indent (gboolean is_translation)
{
  return is_translation ? 24 : 8;
}

static const char *
row_status_label (guint status)
{
  switch (status)
    {
    case SHIRABE_STATUS_IN_PROGRESS:
      /* Translators: a narrative's coding status, on a small chip in the narrative list */
      return C_("status", "In progress");
    case SHIRABE_STATUS_DONE:
      return C_("status", "Done");
    default:
      return C_("status", "To do");
    }
}

static void
set_row_status_classes (GtkWidget *label,
                        guint      status)
{
  const char *classes[] = { "status-chip", "caption", NULL, NULL };

  classes[2] = status == SHIRABE_STATUS_DONE ? "status-done"
             : status == SHIRABE_STATUS_IN_PROGRESS ? "status-in-progress"
             : "status-to-do";
  gtk_widget_set_css_classes (label, classes);
}

static gboolean
shirabe_sidebar_row_narratives_tooltip (GtkWidget  *label,
                                        int         x,
                                        int         y,
                                        gboolean    keyboard_mode,
                                        GtkTooltip *tooltip)
{
  gtk_tooltip_set_text (tooltip, _("Narratives of this case shown"));
  return TRUE;
}

static gboolean
shirabe_sidebar_row_codings_tooltip (GtkWidget   *label,
                                     int          x,
                                     int          y,
                                     gboolean     keyboard_mode,
                                     GtkTooltip  *tooltip,
                                     GtkListItem *item)
{
  ShirabeNarrativeRow *row = gtk_list_item_get_item (item);
  g_autofree char *text = NULL;
  guint n_codings;

  if (row == NULL)
    return FALSE;
  n_codings = shirabe_narrative_row_get_n_codings (row);
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u coding in this narrative",
                                       "%u codings in this narrative", n_codings),
                          n_codings);
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

/* The list's own click gesture marks a pressed row :active until the button is released; the
 * release of a right-click goes to the menu that opened, and the row stayed marked, looking
 * selected beside the row really selected. */
static void
clear_pressed_rows (ShirabeSidebar *self)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->narrative_list));
       child != NULL; child = gtk_widget_get_next_sibling (child))
    gtk_widget_unset_state_flags (child, GTK_STATE_FLAG_ACTIVE);
}

static void
shirabe_sidebar_row_pressed (GtkGestureClick *gesture,
                             int              n_press,
                             double           x,
                             double           y,
                             GtkListItem     *item)
{
  GtkWidget *row = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (gesture));
  ShirabeSidebar *self = SHIRABE_SIDEBAR (gtk_widget_get_ancestor (row, SHIRABE_TYPE_SIDEBAR));
  ShirabeNarrativeRow *narrative = gtk_list_item_get_item (item);
  graphene_point_t point;
  GdkRectangle rect;

  if (self == NULL || narrative == NULL || shirabe_narrative_row_is_case (narrative))
    return;
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  /* The menu acts on the selected narrative, so the row pointed at becomes it. */
  gtk_single_selection_set_selected (self->selection, gtk_list_item_get_position (item));
  if (!gtk_widget_compute_point (row, GTK_WIDGET (self), &GRAPHENE_POINT_INIT (x, y), &point))
    return;
  rect = (GdkRectangle) { (int) point.x, (int) point.y, 1, 1 };
  gtk_popover_set_pointing_to (GTK_POPOVER (self->row_menu), &rect);
  gtk_popover_popup (GTK_POPOVER (self->row_menu));
  clear_pressed_rows (self);
}

/* Drag and drop: a narrative's id, dropped on a row of another case, moves it there (one
 * undo step, as "Move to Another Case…"). */
static GdkContentProvider *
shirabe_sidebar_row_drag_prepare (GtkDragSource *source,
                                  double         x,
                                  double         y,
                                  GtkListItem   *item)
{
  ShirabeNarrativeRow *row = gtk_list_item_get_item (item);
  GtkWidget *widget = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (source));
  g_autoptr(GdkPaintable) icon = NULL;

  if (row == NULL || shirabe_narrative_row_is_case (row))
    return NULL;
  icon = gtk_widget_paintable_new (widget);
  gtk_drag_source_set_icon (source, icon, (int) x, (int) y);
  return gdk_content_provider_new_typed (G_TYPE_INT64, shirabe_narrative_row_get_id (row));
}

static gboolean
shirabe_sidebar_row_drop (GtkDropTarget *target,
                          const GValue  *value,
                          double         x,
                          double         y,
                          GtkListItem   *item)
{
  GtkWidget *widget = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (target));
  ShirabeSidebar *self = SHIRABE_SIDEBAR (gtk_widget_get_ancestor (widget, SHIRABE_TYPE_SIDEBAR));
  ShirabeNarrativeRow *row = gtk_list_item_get_item (item);
  g_autoptr(ShirabeNarrative) narrative = NULL;
  g_autoptr(GError) error = NULL;
  gint64 case_id;

  if (self == NULL || self->project == NULL || row == NULL || !G_VALUE_HOLDS_INT64 (value))
    return FALSE;
  case_id = shirabe_narrative_row_get_case_id (row);
  narrative = shirabe_project_get_narrative (self->project, g_value_get_int64 (value), NULL);
  if (narrative == NULL || narrative->case_id == case_id)
    return FALSE;
  if (!shirabe_project_move_narrative (self->project, narrative->id, case_id, &error))
    {
      GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

      if (SHIRABE_IS_WINDOW (root))
        shirabe_window_show_error (SHIRABE_WINDOW (root), _("The narrative was not moved"),
                                   error);
      return FALSE;
    }
  return TRUE;
}

/* The row menu from the keyboard (the Menu key, Shift+F10), for the selected narrative. */
void
shirabe_sidebar_popup_row_menu (ShirabeSidebar *self)
{
  GdkRectangle rect = { 0, 0, 1, 1 };
  graphene_rect_t bounds;

  g_return_if_fail (SHIRABE_IS_SIDEBAR (self));

  if (self->selected == NULL || shirabe_narrative_row_is_case (self->selected))
    {
      gtk_widget_error_bell (GTK_WIDGET (self));
      return;
    }
  /* Under the selected row's start, which GTK marks :selected. */
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->narrative_list));
       child != NULL; child = gtk_widget_get_next_sibling (child))
    if ((gtk_widget_get_state_flags (child) & GTK_STATE_FLAG_SELECTED) &&
        gtk_widget_compute_bounds (child, GTK_WIDGET (self), &bounds))
      {
        rect = (GdkRectangle) { (int) bounds.origin.x + 24,
                                (int) (bounds.origin.y + bounds.size.height), 1, 1 };
        break;
      }
  gtk_popover_set_pointing_to (GTK_POPOVER (self->row_menu), &rect);
  gtk_popover_popup (GTK_POPOVER (self->row_menu));
}

static void
row_menu_activated (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  shirabe_sidebar_popup_row_menu (SHIRABE_SIDEBAR (widget));
}

/* Selection */

static void
set_selected (ShirabeSidebar      *self,
              ShirabeNarrativeRow *row)
{
  if (row == self->selected)
    return;
  g_set_object (&self->selected, row);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED_ID]);
}

static void
on_selected_item_changed (ShirabeSidebar *self)
{
  ShirabeNarrativeRow *row = gtk_single_selection_get_selected_item (self->selection);
  guint position = gtk_single_selection_get_selected (self->selection);
  guint before;

  /* Nothing selected means a filter hid the narrative: the reader keeps it. */
  if (row == NULL)
    return;
  if (!shirabe_narrative_row_is_case (row))
    {
      set_selected (self, row);
      return;
    }
  /* A case heading is not a narrative to read: the selection moves on to the narrative in the
   * direction the user was going (the list view in GTK 4.8 cannot make the row unselectable
   * from its template). */
  before = self->selected != NULL
           ? shirabe_narrative_list_find (self->narratives,
                                          shirabe_narrative_row_get_id (self->selected))
           : G_MAXUINT;
  shirabe_first_rows_show_all (self->rows);
  if (before != G_MAXUINT && before < position && position > 0)
    gtk_single_selection_set_selected (self->selection, position - 1);
  else if (position + 1 < g_list_model_get_n_items (G_LIST_MODEL (self->narratives)))
    gtk_single_selection_set_selected (self->selection, position + 1);
}

static guint
first_narrative_position (ShirabeSidebar *self)
{
  GListModel *model = G_LIST_MODEL (self->narratives);
  guint n_items = g_list_model_get_n_items (model);

  for (guint i = 0; i < n_items && i < 2; i++)
    {
      g_autoptr(ShirabeNarrativeRow) row = g_list_model_get_item (model, i);

      if (!shirabe_narrative_row_is_case (row))
        return i;
    }
  return GTK_INVALID_LIST_POSITION;
}

static void
update_empty_page (ShirabeSidebar *self)
{
  gboolean empty = self->narratives == NULL ||
                   g_list_model_get_n_items (G_LIST_MODEL (self->narratives)) == 0;
  gboolean filtered = self->narratives != NULL &&
                      (shirabe_narrative_list_get_filter (self->narratives) != NULL ||
                       shirabe_narrative_list_get_status_filter (self->narratives) !=
                       SHIRABE_NARRATIVE_LIST_ANY_STATUS ||
                       shirabe_filter_popover_get_filter (self->query_filter) != NULL);

  /* How many a filter lets through. */
  if (filtered)
    {
      guint n = shirabe_narrative_list_get_n_narratives (self->narratives);
      g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                            "%u narrative matches",
                                                            "%u narratives match", n), n);

      gtk_label_set_text (self->match_label, text);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->match_label), filtered);

  if (filtered)
    {
      adw_status_page_set_icon_name (self->empty_page, "edit-find-symbolic");
      adw_status_page_set_title (self->empty_page, _("No Narratives Found"));
      adw_status_page_set_description (self->empty_page,
                                       _("No narrative matches the filters"));
    }
  else
    {
      /* Nothing was searched for: the page asks for text files. */
      adw_status_page_set_icon_name (self->empty_page, "text-x-generic-symbolic");
      adw_status_page_set_title (self->empty_page, _("No Narratives Yet"));
      adw_status_page_set_description (self->empty_page,
                                       _("Import text files, or drop them on the window"));
    }
  gtk_stack_set_visible_child_name (self->list_stack, empty ? "empty" : "list");
}

/* After the list changed (an edit, an undo, a filter): select the remembered narrative again
 * where it now is, or forget it when it was deleted. */
static void
on_items_changed (ShirabeSidebar *self)
{
  gint64 id = self->selected != NULL ? shirabe_narrative_row_get_id (self->selected) : 0;
  guint position;
  g_autoptr(ShirabeNarrative) still_there = NULL;

  update_empty_page (self);
  if (id == 0)
    return;
  position = shirabe_narrative_list_find (self->narratives, id);
  if (position != G_MAXUINT)
    {
      if (gtk_single_selection_get_selected (self->selection) != position)
        {
          shirabe_first_rows_show_all (self->rows);
          gtk_single_selection_set_selected (self->selection, position);
        }
      return;
    }
  still_there = shirabe_project_get_narrative (self->project, id, NULL);
  if (still_there == NULL)
    set_selected (self, NULL);
}

static void
on_list_error (ShirabeSidebar       *self,
               const GError         *error,
               ShirabeNarrativeList *list)
{
  g_signal_emit (self, signals[ERROR], 0, error);
}

gboolean
shirabe_sidebar_set_project (ShirabeSidebar  *self,
                             ShirabeProject  *project,
                             GError         **error)
{
  g_autoptr(ShirabeNarrativeList) narratives = NULL;
  guint first;

  g_return_val_if_fail (SHIRABE_IS_SIDEBAR (self), FALSE);
  g_return_val_if_fail (project == NULL || SHIRABE_IS_PROJECT (project), FALSE);

  if (project == self->project)
    return TRUE;
  if (project != NULL)
    {
      narratives = shirabe_narrative_list_new (project, TRUE, error);
      if (narratives == NULL)
        return FALSE;
    }

  if (self->narratives != NULL)
    g_signal_handlers_disconnect_by_data (self->narratives, self);
  /* The first rows for the first frame; the rest once the list has painted. */
  shirabe_first_rows_limit (self->rows, GTK_WIDGET (self->narrative_list));
  gtk_slice_list_model_set_model (self->rows, G_LIST_MODEL (narratives));
  g_set_object (&self->narratives, narratives);
  g_set_object (&self->project, project);
  set_selected (self, NULL);
  gtk_editable_set_text (GTK_EDITABLE (self->filter_entry), "");
  gtk_drop_down_set_selected (self->status_filter, 0);
  g_signal_handlers_block_by_func (self->query_filter, on_query_filter_changed, self);
  shirabe_filter_popover_set_project (self->query_filter, project);
  g_signal_handlers_unblock_by_func (self->query_filter, on_query_filter_changed, self);
  update_empty_page (self);
  if (narratives == NULL)
    return TRUE;

  g_signal_connect_object (narratives, "items-changed", G_CALLBACK (on_items_changed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (narratives, "error", G_CALLBACK (on_list_error), self,
                           G_CONNECT_SWAPPED);
  first = first_narrative_position (self);
  if (first != GTK_INVALID_LIST_POSITION)
    gtk_single_selection_set_selected (self->selection, first);
  return TRUE;
}

const ShirabeNarrative *
shirabe_sidebar_get_selected_narrative (ShirabeSidebar *self)
{
  g_return_val_if_fail (SHIRABE_IS_SIDEBAR (self), NULL);

  return self->selected != NULL ? shirabe_narrative_row_get_narrative (self->selected) : NULL;
}

gint64
shirabe_sidebar_get_selected_id (ShirabeSidebar *self)
{
  g_return_val_if_fail (SHIRABE_IS_SIDEBAR (self), 0);

  return self->selected != NULL ? shirabe_narrative_row_get_id (self->selected) : 0;
}

gboolean
shirabe_sidebar_select_narrative (ShirabeSidebar *self,
                                  gint64          narrative_id)
{
  guint position;

  g_return_val_if_fail (SHIRABE_IS_SIDEBAR (self), FALSE);

  if (self->narratives == NULL)
    return FALSE;
  position = shirabe_narrative_list_find (self->narratives, narrative_id);
  if (position == G_MAXUINT)
    return FALSE;
  shirabe_first_rows_show_all (self->rows);
  gtk_single_selection_set_selected (self->selection, position);
  return TRUE;
}

static void
apply_filter (ShirabeSidebar *self,
              const char     *text)
{
  g_autoptr(GError) error = NULL;

  if (self->narratives != NULL &&
      !shirabe_narrative_list_set_filter (self->narratives, text, &error))
    g_signal_emit (self, signals[ERROR], 0, error);
  update_empty_page (self);
}

void
shirabe_sidebar_set_filter (ShirabeSidebar *self,
                            const char     *text)
{
  g_return_if_fail (SHIRABE_IS_SIDEBAR (self));

  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->filter_entry)), text) != 0)
    gtk_editable_set_text (GTK_EDITABLE (self->filter_entry), text != NULL ? text : "");
  apply_filter (self, text);
}

static void
on_filter_changed (ShirabeSidebar *self,
                   GtkSearchEntry *entry)
{
  apply_filter (self, gtk_editable_get_text (GTK_EDITABLE (entry)));
}

static void
on_filter_stopped (ShirabeSidebar *self,
                   GtkSearchEntry *entry)
{
  shirabe_sidebar_set_filter (self, "");
  gtk_widget_grab_focus (GTK_WIDGET (self->narrative_list));
}

void
shirabe_sidebar_set_status_filter (ShirabeSidebar *self,
                                   int             status)
{
  g_autoptr(GError) error = NULL;

  g_return_if_fail (SHIRABE_IS_SIDEBAR (self));
  g_return_if_fail (status >= SHIRABE_NARRATIVE_LIST_ANY_STATUS && status <= SHIRABE_STATUS_DONE);

  if (gtk_drop_down_get_selected (self->status_filter) != (guint) (status + 1))
    gtk_drop_down_set_selected (self->status_filter, status + 1);
  if (self->narratives != NULL &&
      !shirabe_narrative_list_set_status_filter (self->narratives, status, &error))
    g_signal_emit (self, signals[ERROR], 0, error);
  update_empty_page (self);
}

static void
on_query_filter_changed (ShirabeSidebar *self)
{
  g_autoptr(GError) error = NULL;
  ShirabeFilter *filter = shirabe_filter_popover_get_filter (self->query_filter);

  if (filter != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self->query_filter_button), "filter-on");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->query_filter_button), "filter-on");
  if (self->narratives != NULL &&
      !shirabe_narrative_list_set_query_filter (self->narratives, filter, &error))
    g_signal_emit (self, signals[ERROR], 0, error);
  update_empty_page (self);
}

void
shirabe_sidebar_clear_query_filter (ShirabeSidebar *self)
{
  g_return_if_fail (SHIRABE_IS_SIDEBAR (self));

  shirabe_filter_popover_clear (self->query_filter);
}

ShirabeFilterPopover *
shirabe_sidebar_get_query_filter (ShirabeSidebar *self)
{
  g_return_val_if_fail (SHIRABE_IS_SIDEBAR (self), NULL);

  return self->query_filter;
}

void
shirabe_sidebar_set_label_language (ShirabeSidebar       *self,
                                    ShirabeLabelLanguage  language)
{
  g_return_if_fail (SHIRABE_IS_SIDEBAR (self));

  shirabe_filter_popover_set_label_language (self->query_filter, language);
}

static void
on_status_filter_changed (ShirabeSidebar *self)
{
  guint selected = gtk_drop_down_get_selected (self->status_filter);

  if (selected != GTK_INVALID_LIST_POSITION)
    shirabe_sidebar_set_status_filter (self, (int) selected - 1);
}

gboolean
shirabe_sidebar_set_selected_status (ShirabeSidebar  *self,
                                     const char      *status_name,
                                     GError         **error)
{
  ShirabeCodingStatus status;
  gint64 id;

  g_return_val_if_fail (SHIRABE_IS_SIDEBAR (self), FALSE);

  id = shirabe_sidebar_get_selected_id (self);
  if (self->project == NULL || id == 0)
    {
      g_set_error_literal (error, SHIRABE_ERROR, SHIRABE_ERROR_INVALID,
                           _("Select a narrative first"));
      return FALSE;
    }
  if (!shirabe_coding_status_from_string (status_name, &status))
    {
      g_set_error (error, SHIRABE_ERROR, SHIRABE_ERROR_INVALID,
                   _("“%s” is not a coding status"), status_name);
      return FALSE;
    }
  if (shirabe_narrative_row_get_status (self->selected) == status)
    return TRUE;
  return shirabe_project_set_narrative_status (self->project, id, status, error);
}

GListModel *
shirabe_sidebar_get_model (ShirabeSidebar *self)
{
  g_return_val_if_fail (SHIRABE_IS_SIDEBAR (self), NULL);

  return G_LIST_MODEL (self->narratives);
}

GtkListView *
shirabe_sidebar_get_list_view (ShirabeSidebar *self)
{
  g_return_val_if_fail (SHIRABE_IS_SIDEBAR (self), NULL);

  return self->narrative_list;
}

static void
focus_filter_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  ShirabeSidebar *self = SHIRABE_SIDEBAR (widget);

  gtk_widget_grab_focus (GTK_WIDGET (self->filter_entry));
}

static void
shirabe_sidebar_dispose (GObject *object)
{
  ShirabeSidebar *self = SHIRABE_SIDEBAR (object);

  g_clear_pointer (&self->row_menu, gtk_widget_unparent);
  gtk_widget_dispose_template (GTK_WIDGET (self), SHIRABE_TYPE_SIDEBAR);
  if (self->narratives != NULL)
    g_signal_handlers_disconnect_by_data (self->narratives, self);
  g_clear_object (&self->selected);
  g_clear_object (&self->selection);
  g_clear_object (&self->rows);
  g_clear_object (&self->narratives);
  g_clear_object (&self->project);

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

  /* The selected narrative's id, 0 for none; notified whenever another one is selected. */
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

  g_type_ensure (SHIRABE_TYPE_NARRATIVE_ROW);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/shirabe/Shirabe/shirabe-sidebar.ui");
  gtk_widget_class_bind_template_child (widget_class, ShirabeSidebar, status_filter);
  gtk_widget_class_bind_template_child (widget_class, ShirabeSidebar, filter_entry);
  gtk_widget_class_bind_template_child (widget_class, ShirabeSidebar, query_filter_button);
  gtk_widget_class_bind_template_child (widget_class, ShirabeSidebar, match_label);
  gtk_widget_class_bind_template_child (widget_class, ShirabeSidebar, list_stack);
  gtk_widget_class_bind_template_child (widget_class, ShirabeSidebar, empty_page);
  gtk_widget_class_bind_template_child (widget_class, ShirabeSidebar, narrative_list);
  gtk_widget_class_install_action (widget_class, "sidebar.row-menu", NULL, row_menu_activated);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Menu, 0, "sidebar.row-menu", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F10, GDK_SHIFT_MASK,
                                       "sidebar.row-menu", NULL);
  gtk_widget_class_bind_template_child_full (widget_class, "row_menu", FALSE,
                                             G_STRUCT_OFFSET (ShirabeSidebar, row_menu_model));
  gtk_widget_class_bind_template_callback (widget_class, on_filter_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_filter_stopped);

  gtk_widget_class_install_action (widget_class, "sidebar.filter", NULL, focus_filter_action);
  /* Ctrl+F searches in the narrative shown, Ctrl+Shift+F in every narrative. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_l,
                                       GDK_CONTROL_MASK | GDK_SHIFT_MASK, "sidebar.filter", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_L,
                                       GDK_CONTROL_MASK | GDK_SHIFT_MASK, "sidebar.filter", NULL);
}

/* Rows */

/* A row's widgets, built once per list item by setup_row() and filled by sync_row(). The rows
 * are built in C rather than from a GtkBuilder template: the template's 27 expressions cost
 * 0.3 to 0.5 ms per row, and the list builds its first rows before the window's first frame. */
typedef struct
{
  GtkWidget           *case_box;
  GtkWidget           *case_name;
  GtkWidget           *n_narratives;
  GtkWidget           *narrative_box;
  GtkWidget           *title;
  GtkWidget           *details;
  GtkWidget           *status;
  GtkWidget           *n_codings;
  ShirabeNarrativeRow *row;            /* the item shown, followed for changes */
  gulong               notify_handler;
  guint                status_shown;   /* G_MAXUINT until the chip has a status */
} RowWidgets;

static void
row_widgets_unbind (RowWidgets *widgets)
{
  if (widgets->row != NULL)
    g_clear_signal_handler (&widgets->notify_handler, widgets->row);
  g_clear_object (&widgets->row);
}

static void
row_widgets_free (gpointer data)
{
  RowWidgets *widgets = data;

  row_widgets_unbind (widgets);
  g_free (widgets);
}

static GtkWidget *
new_row_label (float        xalign,
               const char **classes)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), xalign);
  if (classes != NULL)
    gtk_widget_set_css_classes (label, classes);
  return label;
}

static void
setup_row (GtkSignalListItemFactory *factory,
           GtkListItem              *item)
{
  static const char *heading[] = { "heading", NULL };
  static const char *dim_caption[] = { "caption", "dim-label", NULL };
  static const char *count[] = { "numeric", "dim-label", "caption", NULL };
  static const char *case_heading[] = { "case-heading", NULL };
  RowWidgets *widgets = g_new0 (RowWidgets, 1);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  GtkWidget *texts;
  GtkWidget *chips;
  GtkGesture *click = gtk_gesture_click_new ();
  GtkDragSource *drag = gtk_drag_source_new ();
  GtkDropTarget *drop = gtk_drop_target_new (G_TYPE_INT64, GDK_ACTION_MOVE);

  widgets->status_shown = G_MAXUINT;

  /* A right click opens the row's menu. */
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_SECONDARY);
  g_signal_connect (click, "pressed", G_CALLBACK (shirabe_sidebar_row_pressed), item);
  gtk_widget_add_controller (box, GTK_EVENT_CONTROLLER (click));
  /* A narrative is dragged onto another case's heading or narrative to move it there. */
  gtk_drag_source_set_actions (drag, GDK_ACTION_MOVE);
  g_signal_connect (drag, "prepare", G_CALLBACK (shirabe_sidebar_row_drag_prepare), item);
  gtk_widget_add_controller (box, GTK_EVENT_CONTROLLER (drag));
  g_signal_connect (drop, "drop", G_CALLBACK (shirabe_sidebar_row_drop), item);
  gtk_widget_add_controller (box, GTK_EVENT_CONTROLLER (drop));

  /* A case's heading: its name, and how many of its narratives are shown. Tooltips are given
   * on query-tooltip rather than set: on X11, GTK 4.8 asks the server where the pointer is for
   * each tooltip set. */
  widgets->case_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_widget_set_hexpand (widgets->case_box, TRUE);
  gtk_widget_set_margin_top (widgets->case_box, 6);
  gtk_widget_set_css_classes (widgets->case_box, case_heading);
  widgets->case_name = new_row_label (0, heading);
  gtk_widget_set_hexpand (widgets->case_name, TRUE);
  gtk_label_set_ellipsize (GTK_LABEL (widgets->case_name), PANGO_ELLIPSIZE_END);
  gtk_box_append (GTK_BOX (widgets->case_box), widgets->case_name);
  widgets->n_narratives = new_row_label (0.5, count);
  gtk_widget_set_has_tooltip (widgets->n_narratives, TRUE);
  g_signal_connect (widgets->n_narratives, "query-tooltip",
                    G_CALLBACK (shirabe_sidebar_row_narratives_tooltip), NULL);
  gtk_box_append (GTK_BOX (widgets->case_box), widgets->n_narratives);
  gtk_box_append (GTK_BOX (box), widgets->case_box);

  /* A narrative: its title over its language, beside its status and number of codings. */
  widgets->narrative_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  gtk_widget_set_hexpand (widgets->narrative_box, TRUE);
  texts = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_widget_set_hexpand (texts, TRUE);
  widgets->title = new_row_label (0, NULL);
  gtk_label_set_ellipsize (GTK_LABEL (widgets->title), PANGO_ELLIPSIZE_END);
  gtk_box_append (GTK_BOX (texts), widgets->title);
  widgets->details = new_row_label (0, dim_caption);
  gtk_label_set_ellipsize (GTK_LABEL (widgets->details), PANGO_ELLIPSIZE_END);
  gtk_box_append (GTK_BOX (texts), widgets->details);
  gtk_box_append (GTK_BOX (widgets->narrative_box), texts);
  /* The status and the number of codings side by side, on the title's line. */
  chips = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_widget_set_valign (chips, GTK_ALIGN_CENTER);
  widgets->status = new_row_label (0.5, NULL);
  gtk_widget_set_halign (widgets->status, GTK_ALIGN_END);
  gtk_box_append (GTK_BOX (chips), widgets->status);
  widgets->n_codings = new_row_label (1, count);
  gtk_widget_set_halign (widgets->n_codings, GTK_ALIGN_END);
  /* Room for three digits, so that the status chips line up. */
  gtk_label_set_width_chars (GTK_LABEL (widgets->n_codings), 3);
  gtk_widget_set_has_tooltip (widgets->n_codings, TRUE);
  g_signal_connect (widgets->n_codings, "query-tooltip",
                    G_CALLBACK (shirabe_sidebar_row_codings_tooltip), item);
  gtk_box_append (GTK_BOX (chips), widgets->n_codings);
  gtk_box_append (GTK_BOX (widgets->narrative_box), chips);
  gtk_box_append (GTK_BOX (box), widgets->narrative_box);

  g_object_set_data_full (G_OBJECT (item), "shirabe-row-widgets", widgets, row_widgets_free);
  gtk_list_item_set_child (item, box);
}

static void
set_label_uint (GtkWidget *label,
                guint      value)
{
  char text[16];

  g_snprintf (text, sizeof text, "%u", value);
  gtk_label_set_label (GTK_LABEL (label), text);
}

/* Shows the row's values; again whenever one of them changes. */
static void
sync_row (RowWidgets *widgets)
{
  ShirabeNarrativeRow *row = widgets->row;
  const ShirabeNarrative *narrative;
  gboolean is_case;

  if (row == NULL)
    return;
  narrative = shirabe_narrative_row_get_narrative (row);
  is_case = narrative == NULL;
  gtk_widget_set_visible (widgets->case_box, is_case);
  gtk_widget_set_visible (widgets->narrative_box, !is_case);
  if (is_case)
    {
      gtk_label_set_label (GTK_LABEL (widgets->case_name),
                           shirabe_narrative_row_get_case_name (row));
      set_label_uint (widgets->n_narratives, shirabe_narrative_row_get_n_narratives (row));
    }
  else
    {
      gboolean is_translation = narrative->translation_of != 0;
      guint status = shirabe_narrative_row_get_status (row);
      g_autofree char *details = dup_row_details (narrative->language, is_translation);

      gtk_widget_set_margin_start (widgets->narrative_box,
                                   row_indent (is_translation));
      gtk_label_set_label (GTK_LABEL (widgets->title), shirabe_narrative_row_get_title (row));
      gtk_label_set_label (GTK_LABEL (widgets->details), details);
      if (status != widgets->status_shown)
        {
          gtk_label_set_label (GTK_LABEL (widgets->status), row_status_label (status));
          set_row_status_classes (widgets->status, status);
          widgets->status_shown = status;
        }
      set_label_uint (widgets->n_codings, shirabe_narrative_row_get_n_codings (row));
    }
}

static void
bind_row (GtkSignalListItemFactory *factory,
          GtkListItem              *item)
{
  RowWidgets *widgets = g_object_get_data (G_OBJECT (item), "shirabe-row-widgets");
  ShirabeNarrativeRow *row = gtk_list_item_get_item (item);

  row_widgets_unbind (widgets);
  if (row == NULL)
    return;
  widgets->row = g_object_ref (row);
  widgets->notify_handler = g_signal_connect_swapped (row, "notify", G_CALLBACK (sync_row),
                                                      widgets);
  sync_row (widgets);
}

static void
unbind_row (GtkSignalListItemFactory *factory,
            GtkListItem              *item)
{
  row_widgets_unbind (g_object_get_data (G_OBJECT (item), "shirabe-row-widgets"));
}

static GtkListItemFactory *
new_row_factory (void)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (factory, "setup", G_CALLBACK (setup_row), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row), NULL);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_row), NULL);
  return factory;
}

static void
shirabe_sidebar_init (ShirabeSidebar *self)
{
  g_autoptr(GtkListItemFactory) factory = new_row_factory ();

  gtk_widget_init_template (GTK_WIDGET (self));
  /* Its status page for an empty list is not measured for the window's first frame. */
  shirabe_first_rows_shown_page_only (GTK_WIDGET (self->list_stack));

  gtk_list_view_set_factory (self->narrative_list, factory);
  self->rows = shirabe_first_rows_new (NULL);
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->rows)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_list_view_set_model (self->narrative_list, GTK_SELECTION_MODEL (self->selection));
  g_signal_connect_object (self->selection, "notify::selected-item",
                           G_CALLBACK (on_selected_item_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->status_filter, "notify::selected",
                           G_CALLBACK (on_status_filter_changed), self, G_CONNECT_SWAPPED);

  self->row_menu = gtk_popover_menu_new_from_model (self->row_menu_model);
  gtk_popover_set_has_arrow (GTK_POPOVER (self->row_menu), FALSE);
  gtk_widget_set_halign (self->row_menu, GTK_ALIGN_START);
  gtk_widget_set_parent (self->row_menu, GTK_WIDGET (self));
  g_signal_connect_object (self->row_menu, "closed", G_CALLBACK (clear_pressed_rows), self,
                           G_CONNECT_SWAPPED);

  self->query_filter = shirabe_filter_popover_new ();
  gtk_menu_button_set_popover (self->query_filter_button, GTK_WIDGET (self->query_filter));
  g_signal_connect_object (self->query_filter, "changed", G_CALLBACK (on_query_filter_changed),
                           self, G_CONNECT_SWAPPED);

  update_empty_page (self);
}
