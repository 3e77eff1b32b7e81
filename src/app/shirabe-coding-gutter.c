/* shirabe-coding-gutter.c: coding stripes beside the text, one per coding
 *
 * Each coding is a bar as tall as its passage, in its code's colour, with the code's label
 * running down beside it. Overlapping codings get columns side by side (the view assigns
 * them); past MAX_COLUMNS they share the last one.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "shirabe-i18n.h"

#include "shirabe-coding-gutter.h"
#include "shirabe-coding-view.h"

#define MAX_COLUMNS 5
#define BAR_WIDTH 4
/* Labels are smaller than the text they stand beside. */
#define LABEL_SCALE 0.72
#define PADDING 4
/* Shorter stripes carry no label: a letter and an ellipsis say nothing. */
#define MIN_LABEL_LENGTH 28

struct _ShirabeCodingGutter
{
  GtkWidget             parent_instance;

  ShirabeCodingView    *view;
  PangoFontDescription *label_font;
  int                   column_width;  /* a bar and a line of label, Japanese included */
};

G_DEFINE_FINAL_TYPE (ShirabeCodingGutter, shirabe_coding_gutter, GTK_TYPE_WIDGET)

static void
update_metrics (ShirabeCodingGutter *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (widget, "Ag調べ");
  int height;

  g_clear_pointer (&self->label_font, pango_font_description_free);
  self->label_font = pango_font_description_copy (
    pango_context_get_font_description (gtk_widget_get_pango_context (widget)));
  pango_font_description_set_size (self->label_font,
                                   (int) (pango_font_description_get_size (self->label_font)
                                          * LABEL_SCALE));
  pango_layout_set_font_description (layout, self->label_font);
  pango_layout_get_pixel_size (layout, NULL, &height);
  self->column_width = BAR_WIDTH + 1 + height + 3;
}

static void
shirabe_coding_gutter_css_changed (GtkWidget         *widget,
                                   GtkCssStyleChange *change)
{
  GTK_WIDGET_CLASS (shirabe_coding_gutter_parent_class)->css_changed (widget, change);
  update_metrics (SHIRABE_CODING_GUTTER (widget));
  gtk_widget_queue_resize (widget);
}

static guint
n_columns (ShirabeCodingGutter *self)
{
  return MIN (shirabe_coding_view_get_n_columns (self->view), MAX_COLUMNS);
}

static void
shirabe_coding_gutter_measure (GtkWidget      *widget,
                               GtkOrientation  orientation,
                               int             for_size,
                               int            *minimum,
                               int            *natural,
                               int            *minimum_baseline,
                               int            *natural_baseline)
{
  ShirabeCodingGutter *self = SHIRABE_CODING_GUTTER (widget);

  /* One column is kept even before the first coding, so that coding does not push the text
   * aside and wrap it anew. */
  if (orientation == GTK_ORIENTATION_HORIZONTAL && self->view != NULL)
    *minimum = *natural = PADDING + (int) MAX (n_columns (self), 1) * self->column_width;
  else
    *minimum = *natural = 0;
}

/* The stripe of @coding in the gutter's coordinates; FALSE when it is off screen. */
static gboolean
get_stripe (ShirabeCodingGutter *self,
            const ShirabeCoding *coding,
            guint                column,
            const GtkTextIter   *visible_start,
            const GtkTextIter   *visible_end,
            graphene_rect_t     *stripe)
{
  GtkTextView *view = GTK_TEXT_VIEW (self->view);
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter start;
  GtkTextIter last;
  GdkRectangle a;
  GdkRectangle b;
  int top;
  int bottom;

  if (coding->end <= gtk_text_iter_get_offset (visible_start) ||
      coding->start >= gtk_text_iter_get_offset (visible_end))
    return FALSE;
  gtk_text_buffer_get_iter_at_offset (buffer, &start, (int) coding->start);
  gtk_text_buffer_get_iter_at_offset (buffer, &last, (int) coding->end - 1);
  gtk_text_view_get_iter_location (view, &start, &a);
  gtk_text_view_get_iter_location (view, &last, &b);
  gtk_text_view_buffer_to_window_coords (view, GTK_TEXT_WINDOW_LEFT, 0, a.y, NULL, &top);
  gtk_text_view_buffer_to_window_coords (view, GTK_TEXT_WINDOW_LEFT, 0, b.y + b.height, NULL,
                                         &bottom);
  column = MIN (column, MAX_COLUMNS - 1);
  graphene_rect_init (stripe, PADDING + (int) column * self->column_width, top,
                      self->column_width,
                      MAX (bottom - top, 2));
  return TRUE;
}

static void
shirabe_coding_gutter_snapshot (GtkWidget   *widget,
                                GtkSnapshot *snapshot)
{
  ShirabeCodingGutter *self = SHIRABE_CODING_GUTTER (widget);
  GPtrArray *codings;
  GtkTextIter visible_start;
  GtkTextIter visible_end;
  GdkRGBA text_color;
  int height = gtk_widget_get_height (widget);

  if (self->view == NULL ||
      !shirabe_coding_view_get_visible_range (self->view, &visible_start, &visible_end))
    return;
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &text_color);
  text_color.alpha *= 0.8;

  codings = shirabe_coding_view_get_codings (self->view);
  for (guint i = 0; i < codings->len; i++)
    {
      const ShirabeCoding *coding = g_ptr_array_index (codings, i);
      graphene_rect_t stripe;
      graphene_rect_t next_stripe;
      guint next;
      float label_end;
      GdkRGBA color;
      const char *label;
      g_autoptr(PangoLayout) layout = NULL;
      int label_length;
      int label_height;

      if (!shirabe_coding_view_get_code_color (self->view, coding->code_id, &color) ||
          !get_stripe (self, coding, shirabe_coding_view_get_column (self->view, i),
                       &visible_start, &visible_end, &stripe))
        continue;
      gtk_snapshot_append_color (snapshot, &color,
                                 &GRAPHENE_RECT_INIT (stripe.origin.x, stripe.origin.y,
                                                      BAR_WIDTH, stripe.size.height));

      /* The label runs down from the top of the stripe, or of the screen when the top is
       * scrolled away, so that a long passage is always named; it may run past a short
       * stripe, up to the next one in the column. */
      label = shirabe_coding_view_get_code_label (self->view, coding->code_id);
      next = shirabe_coding_view_get_next_in_column (self->view, i);
      label_end = height;
      if (next != G_MAXUINT &&
          get_stripe (self, g_ptr_array_index (codings, next), 0, &visible_start, &visible_end,
                      &next_stripe))
        label_end = MIN (label_end, next_stripe.origin.y);
      label_length = (int) label_end - (int) MAX (stripe.origin.y, 0) - 4;
      if (label == NULL || label_length < MIN_LABEL_LENGTH)
        continue;
      layout = gtk_widget_create_pango_layout (widget, label);
      pango_layout_set_font_description (layout, self->label_font);
      pango_layout_set_width (layout, label_length * PANGO_SCALE);
      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
      pango_layout_set_single_paragraph_mode (layout, TRUE);
      pango_layout_get_pixel_size (layout, NULL, &label_height);
      gtk_snapshot_save (snapshot);
      gtk_snapshot_translate (snapshot,
                              &GRAPHENE_POINT_INIT (stripe.origin.x + BAR_WIDTH + 1 + label_height,
                                                    MAX (stripe.origin.y, 0) + 2));
      gtk_snapshot_rotate (snapshot, 90);
      gtk_snapshot_append_layout (snapshot, layout, &text_color);
      gtk_snapshot_restore (snapshot);
    }
}

GPtrArray *
shirabe_coding_gutter_get_codings_at (ShirabeCodingGutter *self,
                                      double               x,
                                      double               y)
{
  GPtrArray *codings;
  GPtrArray *in_column;
  GPtrArray *at_height;
  GtkTextIter visible_start;
  GtkTextIter visible_end;

  g_return_val_if_fail (SHIRABE_IS_CODING_GUTTER (self), NULL);

  in_column = g_ptr_array_new ();
  at_height = g_ptr_array_new ();
  if (self->view == NULL ||
      !shirabe_coding_view_get_visible_range (self->view, &visible_start, &visible_end))
    return in_column;
  codings = shirabe_coding_view_get_codings (self->view);
  for (guint i = 0; i < codings->len; i++)
    {
      const ShirabeCoding *coding = g_ptr_array_index (codings, i);
      graphene_rect_t stripe;

      if (!get_stripe (self, coding, shirabe_coding_view_get_column (self->view, i),
                       &visible_start, &visible_end, &stripe) ||
          y < stripe.origin.y || y >= stripe.origin.y + stripe.size.height)
        continue;
      g_ptr_array_add (at_height, (gpointer) coding);
      if (x >= stripe.origin.x && x < stripe.origin.x + stripe.size.width)
        g_ptr_array_add (in_column, (gpointer) coding);
    }
  if (in_column->len > 0)
    {
      g_ptr_array_unref (at_height);
      return in_column;
    }
  g_ptr_array_unref (in_column);
  return at_height;
}

static gboolean
on_query_tooltip (ShirabeCodingGutter *self,
                  int                  x,
                  int                  y,
                  gboolean             keyboard,
                  GtkTooltip          *tooltip)
{
  g_autoptr(GPtrArray) codings = shirabe_coding_gutter_get_codings_at (self, x, y);
  g_autofree char *text = shirabe_coding_view_describe (self->view, codings);

  if (text == NULL)
    return FALSE;
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

static void
shirabe_coding_gutter_finalize (GObject *object)
{
  ShirabeCodingGutter *self = SHIRABE_CODING_GUTTER (object);

  g_clear_pointer (&self->label_font, pango_font_description_free);

  G_OBJECT_CLASS (shirabe_coding_gutter_parent_class)->finalize (object);
}

static void
shirabe_coding_gutter_class_init (ShirabeCodingGutterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = shirabe_coding_gutter_finalize;
  widget_class->css_changed = shirabe_coding_gutter_css_changed;

  widget_class->measure = shirabe_coding_gutter_measure;
  widget_class->snapshot = shirabe_coding_gutter_snapshot;
  gtk_widget_class_set_css_name (widget_class, "coding-gutter");
}

static void
shirabe_coding_gutter_init (ShirabeCodingGutter *self)
{
  update_metrics (self);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  g_signal_connect (self, "query-tooltip", G_CALLBACK (on_query_tooltip), NULL);
}

ShirabeCodingGutter *
shirabe_coding_gutter_new (ShirabeCodingView *view)
{
  ShirabeCodingGutter *self = g_object_new (SHIRABE_TYPE_CODING_GUTTER, NULL);

  self->view = view;
  return self;
}
