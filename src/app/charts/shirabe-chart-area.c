/* shirabe-chart-area.c: a chart on screen
 *
 * A scrollable widget: the scrolled window around it moves the cells while the row labels and
 * the header stay, and only what is visible is drawn, so a matrix of thousands of cases
 * scrolls at frame rate. A bar chart is laid out again at the widget's width. Pointer and
 * keyboard reach every cell: arrows move the focus, Enter or a click activates it
 * ("cell-activated"), a tooltip says what the cell counts, and the accessible description
 * follows the focused cell so that a screen reader reads it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "shirabe-i18n.h"

#include "shirabe-chart-area.h"

struct _ShirabeChartArea
{
  GtkWidget            parent_instance;

  ShirabeChart        *chart;
  ShirabeChartStyle    style;
  ShirabeChartLayout  *layout;
  double               layout_width;   /* the width a bar chart was laid out for */
  GtkAdjustment       *hadjustment;
  GtkAdjustment       *vadjustment;
  GtkScrollablePolicy  hscroll_policy;
  GtkScrollablePolicy  vscroll_policy;
  gboolean             has_focus_cell;
  guint                focus_row;
  guint                focus_column;
};

enum
{
  PROP_0,
  PROP_HADJUSTMENT,
  PROP_VADJUSTMENT,
  PROP_HSCROLL_POLICY,
  PROP_VSCROLL_POLICY,
};

enum
{
  CELL_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE_WITH_CODE (ShirabeChartArea, shirabe_chart_area, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (GTK_TYPE_SCROLLABLE, NULL))

static ShirabeLanguage
labels_language (ShirabeChartArea *self)
{
  return self->style.labels == SHIRABE_CHART_LABELS_EN ? SHIRABE_LANGUAGE_EN
                                                       : SHIRABE_LANGUAGE_JA;
}

static double
adjustment_value (GtkAdjustment *adjustment)
{
  return adjustment != NULL ? gtk_adjustment_get_value (adjustment) : 0;
}

/* The adjustments' range: the part that scrolls, beside what stays. */
static void
configure_adjustments (ShirabeChartArea *self)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  int height = gtk_widget_get_height (GTK_WIDGET (self));
  double chart_width = 0, chart_height = 0, left = 0, top = 0;

  if (self->layout != NULL)
    {
      shirabe_chart_layout_get_size (self->layout, &chart_width, &chart_height);
      shirabe_chart_layout_get_fixed (self->layout, &left, &top);
    }
  if (self->hadjustment != NULL)
    {
      double page = MAX (width - left, 1);
      double upper = MAX (chart_width - left, page);

      gtk_adjustment_configure (self->hadjustment,
                                CLAMP (gtk_adjustment_get_value (self->hadjustment), 0,
                                       upper - page),
                                0, upper, page * 0.1, page * 0.9, page);
    }
  if (self->vadjustment != NULL)
    {
      double page = MAX (height - top, 1);
      double upper = MAX (chart_height - top, page);

      gtk_adjustment_configure (self->vadjustment,
                                CLAMP (gtk_adjustment_get_value (self->vadjustment), 0,
                                       upper - page),
                                0, upper, page * 0.1, page * 0.9, page);
    }
}

static void
relayout (ShirabeChartArea *self)
{
  ShirabeChartStyle style = self->style;
  PangoContext *context = gtk_widget_get_pango_context (GTK_WIDGET (self));
  const PangoFontDescription *font = pango_context_get_font_description (context);

  g_clear_pointer (&self->layout, shirabe_chart_layout_free);
  if (self->chart == NULL)
    return;
  /* The interface's font, at its size. */
  if (font != NULL && pango_font_description_get_family (font) != NULL)
    style.font_family = pango_font_description_get_family (font);
  if (font != NULL && pango_font_description_get_size (font) > 0 &&
      !pango_font_description_get_size_is_absolute (font))
    style.font_size = (double) pango_font_description_get_size (font) / PANGO_SCALE;
  self->layout_width = MAX (gtk_widget_get_width (GTK_WIDGET (self)), 480);
  style.width = self->layout_width;
  self->layout = shirabe_chart_layout_new (self->chart, &style, context);
}

static void
update_accessible (ShirabeChartArea *self)
{
  g_autofree char *title = NULL;
  g_autofree char *cell = NULL;

  if (self->chart == NULL)
    {
      gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, _("Chart"),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, "", -1);
      return;
    }
  title = shirabe_chart_dup_title (self->chart, labels_language (self));
  if (self->has_focus_cell)
    cell = shirabe_chart_dup_cell_text (self->chart, self->focus_row, self->focus_column,
                                        labels_language (self));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, title,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  cell != NULL ? cell
                                  : _("Arrow keys move between the cells; Enter lists a cell’s "
                                      "passages. The numbers are under Table."),
                                  -1);
}

static void
on_adjustment_changed (ShirabeChartArea *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
set_adjustment (ShirabeChartArea  *self,
                GtkAdjustment    **slot,
                GtkAdjustment     *adjustment)
{
  if (*slot == adjustment)
    return;
  if (*slot != NULL)
    g_signal_handlers_disconnect_by_data (*slot, self);
  g_set_object (slot, adjustment);
  if (adjustment != NULL)
    g_signal_connect_object (adjustment, "value-changed", G_CALLBACK (on_adjustment_changed),
                             self, G_CONNECT_SWAPPED);
  configure_adjustments (self);
}

/* Scrolls the focused cell into view. */
static void
scroll_to_focus (ShirabeChartArea *self)
{
  cairo_rectangle_t rect;
  double left = 0, top = 0;
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  int height = gtk_widget_get_height (GTK_WIDGET (self));

  if (self->layout == NULL || !self->has_focus_cell ||
      !shirabe_chart_layout_get_cell_rect (self->layout, self->focus_row, self->focus_column,
                                           &rect))
    return;
  shirabe_chart_layout_get_fixed (self->layout, &left, &top);
  if (self->vadjustment != NULL)
    {
      double value = gtk_adjustment_get_value (self->vadjustment);
      double page = height - top;

      if (rect.y < value)
        gtk_adjustment_set_value (self->vadjustment, rect.y);
      else if (rect.y + rect.height > value + page)
        gtk_adjustment_set_value (self->vadjustment, rect.y + rect.height - page);
    }
  if (self->hadjustment != NULL &&
      shirabe_chart_get_kind (self->chart) != SHIRABE_CHART_FREQUENCIES)
    {
      double value = gtk_adjustment_get_value (self->hadjustment);
      double page = width - left;

      if (rect.x < value)
        gtk_adjustment_set_value (self->hadjustment, rect.x);
      else if (rect.x + rect.width > value + page)
        gtk_adjustment_set_value (self->hadjustment, rect.x + rect.width - page);
    }
}

static void
focus_cell (ShirabeChartArea *self,
            guint             row,
            guint             column)
{
  self->has_focus_cell = TRUE;
  self->focus_row = row;
  self->focus_column = column;
  scroll_to_focus (self);
  update_accessible (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* GtkWidget */

static void
shirabe_chart_area_measure (GtkWidget      *widget,
                            GtkOrientation  orientation,
                            int             for_size,
                            int            *minimum,
                            int            *natural,
                            int            *minimum_baseline,
                            int            *natural_baseline)
{
  ShirabeChartArea *self = SHIRABE_CHART_AREA (widget);
  double width = 0, height = 0;

  if (self->layout != NULL)
    shirabe_chart_layout_get_size (self->layout, &width, &height);
  *minimum = 120;
  *natural = (int) (orientation == GTK_ORIENTATION_HORIZONTAL ? width : height);
  *natural = MAX (*natural, *minimum);
}

static void
shirabe_chart_area_size_allocate (GtkWidget *widget,
                                  int        width,
                                  int        height,
                                  int        baseline)
{
  ShirabeChartArea *self = SHIRABE_CHART_AREA (widget);

  /* Bars stretch to the width; a grid keeps its cells' size. */
  if (self->chart != NULL && shirabe_chart_get_kind (self->chart) == SHIRABE_CHART_FREQUENCIES &&
      MAX (width, 480) != self->layout_width)
    relayout (self);
  configure_adjustments (self);
}

static void
shirabe_chart_area_snapshot (GtkWidget   *widget,
                             GtkSnapshot *snapshot)
{
  ShirabeChartArea *self = SHIRABE_CHART_AREA (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  cairo_t *cr;

  if (self->layout == NULL || width <= 0 || height <= 0)
    return;
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  shirabe_chart_layout_draw (self->layout, cr, width, height,
                             adjustment_value (self->hadjustment),
                             adjustment_value (self->vadjustment),
                             self->has_focus_cell && gtk_widget_has_focus (widget)
                             ? (int) self->focus_row : -1,
                             self->has_focus_cell && gtk_widget_has_focus (widget)
                             ? (int) self->focus_column : -1);
  cairo_destroy (cr);
}

static void
on_pressed (GtkGestureClick  *gesture,
            int               n_press,
            double            x,
            double            y,
            ShirabeChartArea *self)
{
  guint row, column;

  gtk_widget_grab_focus (GTK_WIDGET (self));
  if (!shirabe_chart_area_cell_at (self, x, y, &row, &column))
    return;
  focus_cell (self, row, column);
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  g_signal_emit (self, signals[CELL_ACTIVATED], 0, row, column);
}

static void
on_motion (GtkEventControllerMotion *controller,
           double                    x,
           double                    y,
           ShirabeChartArea         *self)
{
  guint row, column;

  gtk_widget_set_cursor_from_name (GTK_WIDGET (self),
                                   shirabe_chart_area_cell_at (self, x, y, &row, &column)
                                   ? "pointer" : NULL);
}

static gboolean
on_key_pressed (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                ShirabeChartArea      *self)
{
  guint row = self->focus_row, column = self->focus_column;
  int dx = 0, dy = 0;

  if (self->chart == NULL || self->layout == NULL ||
      shirabe_chart_get_n_rows (self->chart) == 0 ||
      shirabe_chart_get_n_columns (self->chart) == 0)
    return FALSE;
  if (!self->has_focus_cell)
    {
      switch (keyval)
        {
        case GDK_KEY_Left: case GDK_KEY_Right: case GDK_KEY_Up: case GDK_KEY_Down:
        case GDK_KEY_KP_Left: case GDK_KEY_KP_Right: case GDK_KEY_KP_Up: case GDK_KEY_KP_Down:
          {
            double left = 0, top = 0;
            guint first_row = 0, first_column = 0;

            /* The first cell shown. */
            shirabe_chart_layout_get_fixed (self->layout, &left, &top);
            if (!shirabe_chart_layout_hit (self->layout, left + 1, top + 1,
                                           adjustment_value (self->hadjustment),
                                           adjustment_value (self->vadjustment),
                                           &first_row, &first_column))
              first_row = first_column = 0;
            focus_cell (self, first_row, first_column);
            return TRUE;
          }
        default:
          return FALSE;
        }
    }
  switch (keyval)
    {
    case GDK_KEY_Left:
    case GDK_KEY_KP_Left:
      dx = -1;
      break;
    case GDK_KEY_Right:
    case GDK_KEY_KP_Right:
      dx = 1;
      break;
    case GDK_KEY_Up:
    case GDK_KEY_KP_Up:
      dy = -1;
      break;
    case GDK_KEY_Down:
    case GDK_KEY_KP_Down:
      dy = 1;
      break;
    case GDK_KEY_Return:
    case GDK_KEY_KP_Enter:
    case GDK_KEY_ISO_Enter:
    case GDK_KEY_space:
      g_signal_emit (self, signals[CELL_ACTIVATED], 0, self->focus_row, self->focus_column);
      return TRUE;
    default:
      return FALSE;
    }
  if (shirabe_chart_layout_move (self->layout, &row, &column, dx, dy))
    focus_cell (self, row, column);
  else
    gtk_widget_error_bell (GTK_WIDGET (self));
  return TRUE;
}

static gboolean
on_query_tooltip (ShirabeChartArea *self,
                  int               x,
                  int               y,
                  gboolean          keyboard,
                  GtkTooltip       *tooltip)
{
  g_autofree char *text = NULL;
  guint row, column;

  if (self->chart == NULL)
    return FALSE;
  if (keyboard)
    {
      if (!self->has_focus_cell)
        return FALSE;
      row = self->focus_row;
      column = self->focus_column;
    }
  else if (!shirabe_chart_area_cell_at (self, x, y, &row, &column))
    return FALSE;
  text = shirabe_chart_dup_cell_text (self->chart, row, column, labels_language (self));
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

static void
on_focus_changed (ShirabeChartArea *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* GObject */

static void
shirabe_chart_area_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  ShirabeChartArea *self = SHIRABE_CHART_AREA (object);

  switch (prop_id)
    {
    case PROP_HADJUSTMENT:
      g_value_set_object (value, self->hadjustment);
      break;
    case PROP_VADJUSTMENT:
      g_value_set_object (value, self->vadjustment);
      break;
    case PROP_HSCROLL_POLICY:
      g_value_set_enum (value, self->hscroll_policy);
      break;
    case PROP_VSCROLL_POLICY:
      g_value_set_enum (value, self->vscroll_policy);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
shirabe_chart_area_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  ShirabeChartArea *self = SHIRABE_CHART_AREA (object);

  switch (prop_id)
    {
    case PROP_HADJUSTMENT:
      set_adjustment (self, &self->hadjustment, g_value_get_object (value));
      break;
    case PROP_VADJUSTMENT:
      set_adjustment (self, &self->vadjustment, g_value_get_object (value));
      break;
    case PROP_HSCROLL_POLICY:
      self->hscroll_policy = g_value_get_enum (value);
      break;
    case PROP_VSCROLL_POLICY:
      self->vscroll_policy = g_value_get_enum (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
shirabe_chart_area_dispose (GObject *object)
{
  ShirabeChartArea *self = SHIRABE_CHART_AREA (object);

  if (self->hadjustment != NULL)
    g_signal_handlers_disconnect_by_data (self->hadjustment, self);
  if (self->vadjustment != NULL)
    g_signal_handlers_disconnect_by_data (self->vadjustment, self);
  g_clear_object (&self->hadjustment);
  g_clear_object (&self->vadjustment);
  g_clear_pointer (&self->layout, shirabe_chart_layout_free);
  g_clear_pointer (&self->chart, shirabe_chart_unref);
  G_OBJECT_CLASS (shirabe_chart_area_parent_class)->dispose (object);
}

static void
shirabe_chart_area_class_init (ShirabeChartAreaClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = shirabe_chart_area_get_property;
  object_class->set_property = shirabe_chart_area_set_property;
  object_class->dispose = shirabe_chart_area_dispose;
  widget_class->measure = shirabe_chart_area_measure;
  widget_class->size_allocate = shirabe_chart_area_size_allocate;
  widget_class->snapshot = shirabe_chart_area_snapshot;

  g_object_class_override_property (object_class, PROP_HADJUSTMENT, "hadjustment");
  g_object_class_override_property (object_class, PROP_VADJUSTMENT, "vadjustment");
  g_object_class_override_property (object_class, PROP_HSCROLL_POLICY, "hscroll-policy");
  g_object_class_override_property (object_class, PROP_VSCROLL_POLICY, "vscroll-policy");

  /**
   * ShirabeChartArea::cell-activated:
   * @row: the chart's row
   * @column: the chart's column
   *
   * A cell was clicked, or Enter pressed on it.
   */
  signals[CELL_ACTIVATED] = g_signal_new ("cell-activated", G_TYPE_FROM_CLASS (klass),
                                          G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                          G_TYPE_NONE, 2, G_TYPE_UINT, G_TYPE_UINT);

  gtk_widget_class_set_css_name (widget_class, "chart");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
shirabe_chart_area_init (ShirabeChartArea *self)
{
  GtkGesture *click = gtk_gesture_click_new ();
  GtkEventController *motion = gtk_event_controller_motion_new ();
  GtkEventController *keys = gtk_event_controller_key_new ();
  GtkEventController *focus = gtk_event_controller_focus_new ();

  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);
  g_signal_connect (click, "pressed", G_CALLBACK (on_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));
  g_signal_connect (motion, "motion", G_CALLBACK (on_motion), self);
  gtk_widget_add_controller (GTK_WIDGET (self), motion);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (on_key_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self), keys);
  g_signal_connect_swapped (focus, "enter", G_CALLBACK (on_focus_changed), self);
  g_signal_connect_swapped (focus, "leave", G_CALLBACK (on_focus_changed), self);
  gtk_widget_add_controller (GTK_WIDGET (self), focus);
  g_signal_connect (self, "query-tooltip", G_CALLBACK (on_query_tooltip), NULL);
  update_accessible (self);
}

GtkWidget *
shirabe_chart_area_new (void)
{
  return g_object_new (SHIRABE_TYPE_CHART_AREA, NULL);
}

void
shirabe_chart_area_set_chart (ShirabeChartArea        *self,
                              ShirabeChart            *chart,
                              const ShirabeChartStyle *style)
{
  g_return_if_fail (SHIRABE_IS_CHART_AREA (self));

  if (chart != NULL)
    shirabe_chart_ref (chart);
  g_clear_pointer (&self->chart, shirabe_chart_unref);
  self->chart = chart;
  if (style != NULL)
    self->style = *style;
  self->style.font_family = NULL;
  if (chart == NULL || self->focus_row >= shirabe_chart_get_n_rows (chart) ||
      self->focus_column >= shirabe_chart_get_n_columns (chart))
    self->has_focus_cell = FALSE;
  relayout (self);
  configure_adjustments (self);
  update_accessible (self);
  gtk_widget_queue_resize (GTK_WIDGET (self));
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

ShirabeChart *
shirabe_chart_area_get_chart (ShirabeChartArea *self)
{
  g_return_val_if_fail (SHIRABE_IS_CHART_AREA (self), NULL);

  return self->chart;
}

gboolean
shirabe_chart_area_cell_at (ShirabeChartArea *self,
                            double            x,
                            double            y,
                            guint            *row,
                            guint            *column)
{
  g_return_val_if_fail (SHIRABE_IS_CHART_AREA (self), FALSE);

  if (self->layout == NULL)
    return FALSE;
  return shirabe_chart_layout_hit (self->layout, x, y, adjustment_value (self->hadjustment),
                                   adjustment_value (self->vadjustment), row, column);
}
