/* shirabe-line-clamp.c: a wrapped label held at a fixed number of lines, never measured
 *
 * GTK 4.8's list view keeps about 200 rows alive around what is shown and measures every one
 * that is bound anew: a wrapped label is laid out three or four times for that (its narrowest
 * width, its width on one line, its height for the list's width), each time shaping its whole
 * text, and a jump of the scrollbar binds 200 cards. Held here, the label is allocated the
 * height of its lines without being measured, so that its text is laid out once, when it is
 * drawn, and only on the cards that are on screen.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "shirabe-line-clamp.h"

struct _ShirabeLineClamp
{
  GtkWidget  parent_instance;

  GtkLabel  *label;
  int        lines;
  gboolean   clamped;
  guint      line_serial;   /* the Pango context's serial when line_height was measured */
  int        line_height;
};

G_DEFINE_FINAL_TYPE (ShirabeLineClamp, shirabe_line_clamp, GTK_TYPE_WIDGET)

/* The height of one line of the label's font, Latin and Japanese alike (a fallback font for
 * kanji may be taller than the font asked for), measured again when the font changes. */
static int
get_line_height (ShirabeLineClamp *self)
{
  PangoContext *context = gtk_widget_get_pango_context (GTK_WIDGET (self->label));
  guint serial = pango_context_get_serial (context);

  if (self->line_height == 0 || serial != self->line_serial)
    {
      PangoLayout *layout = pango_layout_new (context);
      PangoAttrList *bold = pango_attr_list_new ();

      /* in bold, as the passage is shown */
      pango_attr_list_insert (bold, pango_attr_weight_new (PANGO_WEIGHT_BOLD));
      pango_layout_set_attributes (layout, bold);
      pango_attr_list_unref (bold);
      pango_layout_set_text (layout, "Ag漢あ", -1);
      pango_layout_get_pixel_size (layout, NULL, &self->line_height);
      self->line_serial = serial;
      g_object_unref (layout);
    }
  return self->line_height;
}

static void
shirabe_line_clamp_measure (GtkWidget      *widget,
                            GtkOrientation  orientation,
                            int             for_size,
                            int            *minimum,
                            int            *natural,
                            int            *minimum_baseline,
                            int            *natural_baseline)
{
  ShirabeLineClamp *self = SHIRABE_LINE_CLAMP (widget);

  if (!self->clamped)
    {
      gtk_widget_measure (GTK_WIDGET (self->label), orientation, for_size, minimum, natural,
                          NULL, NULL);
      return;
    }
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    /* the label wraps: any width will do, and the list gives the card its own */
    *minimum = *natural = 0;
  else
    *minimum = *natural = get_line_height (self) * self->lines;
}

static void
shirabe_line_clamp_size_allocate (GtkWidget *widget,
                                  int        width,
                                  int        height,
                                  int        baseline)
{
  ShirabeLineClamp *self = SHIRABE_LINE_CLAMP (widget);

  gtk_widget_allocate (GTK_WIDGET (self->label), width, height, -1, NULL);
}

static GtkSizeRequestMode
shirabe_line_clamp_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
shirabe_line_clamp_dispose (GObject *object)
{
  ShirabeLineClamp *self = SHIRABE_LINE_CLAMP (object);

  if (self->label != NULL)
    gtk_widget_unparent (GTK_WIDGET (self->label));
  self->label = NULL;
  G_OBJECT_CLASS (shirabe_line_clamp_parent_class)->dispose (object);
}

static void
shirabe_line_clamp_class_init (ShirabeLineClampClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = shirabe_line_clamp_dispose;
  widget_class->measure = shirabe_line_clamp_measure;
  widget_class->size_allocate = shirabe_line_clamp_size_allocate;
  widget_class->get_request_mode = shirabe_line_clamp_get_request_mode;
}

static void
shirabe_line_clamp_init (ShirabeLineClamp *self)
{
  self->clamped = TRUE;
  self->lines = 1;
  /* a line taller than the sample's (an emoji's font) stays inside the card */
  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);
}

GtkWidget *
shirabe_line_clamp_new (GtkLabel *label,
                        int       lines)
{
  ShirabeLineClamp *self;

  g_return_val_if_fail (GTK_IS_LABEL (label), NULL);
  g_return_val_if_fail (lines > 0, NULL);

  self = g_object_new (SHIRABE_TYPE_LINE_CLAMP, NULL);
  self->label = label;
  self->lines = lines;
  gtk_label_set_wrap (label, TRUE);
  gtk_label_set_lines (label, lines);
  gtk_label_set_ellipsize (label, PANGO_ELLIPSIZE_END);
  gtk_label_set_yalign (label, 0);
  gtk_widget_set_parent (GTK_WIDGET (label), GTK_WIDGET (self));
  return GTK_WIDGET (self);
}

GtkLabel *
shirabe_line_clamp_get_label (ShirabeLineClamp *self)
{
  g_return_val_if_fail (SHIRABE_IS_LINE_CLAMP (self), NULL);

  return self->label;
}

void
shirabe_line_clamp_set_clamped (ShirabeLineClamp *self,
                                gboolean          clamped)
{
  g_return_if_fail (SHIRABE_IS_LINE_CLAMP (self));

  clamped = !!clamped;
  if (self->clamped == clamped)
    return;
  self->clamped = clamped;
  gtk_label_set_lines (self->label, clamped ? self->lines : -1);
  gtk_label_set_ellipsize (self->label, clamped ? PANGO_ELLIPSIZE_END : PANGO_ELLIPSIZE_NONE);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

gboolean
shirabe_line_clamp_get_clamped (ShirabeLineClamp *self)
{
  g_return_val_if_fail (SHIRABE_IS_LINE_CLAMP (self), FALSE);

  return self->clamped;
}
