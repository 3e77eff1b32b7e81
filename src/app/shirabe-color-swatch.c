/* shirabe-color-swatch.c: a small square of a code's colour
 *
 * Drawn rather than styled: every code has its own colour, and a CSS provider per code would
 * cost more than the square.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "shirabe-i18n.h"

#include "shirabe-color-swatch.h"

#define SWATCH_SIZE 14

struct _ShirabeColorSwatch
{
  GtkWidget parent_instance;

  GdkRGBA   rgba;
  gboolean  has_color;
};

G_DEFINE_FINAL_TYPE (ShirabeColorSwatch, shirabe_color_swatch, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_COLOR,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
shirabe_color_swatch_measure (GtkWidget      *widget,
                              GtkOrientation  orientation,
                              int             for_size,
                              int            *minimum,
                              int            *natural,
                              int            *minimum_baseline,
                              int            *natural_baseline)
{
  *minimum = *natural = SWATCH_SIZE;
}

static void
shirabe_color_swatch_snapshot (GtkWidget   *widget,
                               GtkSnapshot *snapshot)
{
  ShirabeColorSwatch *self = SHIRABE_COLOR_SWATCH (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  int size = MIN (width, height);
  GskRoundedRect rect;
  GdkRGBA border = { 0, 0, 0, 0.25 };
  float widths[4] = { 1, 1, 1, 1 };
  GdkRGBA borders[4];

  if (!self->has_color || size <= 0)
    return;

  gsk_rounded_rect_init_from_rect (&rect,
                                   &GRAPHENE_RECT_INIT ((width - size) / 2.f,
                                                        (height - size) / 2.f, size, size),
                                   3);
  gtk_snapshot_push_rounded_clip (snapshot, &rect);
  gtk_snapshot_append_color (snapshot, &self->rgba, &rect.bounds);
  gtk_snapshot_pop (snapshot);
  for (guint i = 0; i < 4; i++)
    borders[i] = border;
  gtk_snapshot_append_border (snapshot, &rect, widths, borders);
}

static void
shirabe_color_swatch_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  ShirabeColorSwatch *self = SHIRABE_COLOR_SWATCH (object);

  switch (prop_id)
    {
    case PROP_COLOR:
      shirabe_color_swatch_set_color (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
shirabe_color_swatch_class_init (ShirabeColorSwatchClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->set_property = shirabe_color_swatch_set_property;
  widget_class->measure = shirabe_color_swatch_measure;
  widget_class->snapshot = shirabe_color_swatch_snapshot;

  properties[PROP_COLOR] =
    g_param_spec_string ("color", NULL, NULL, NULL,
                         G_PARAM_WRITABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "swatch");
}

static void
shirabe_color_swatch_init (ShirabeColorSwatch *self)
{
  gtk_widget_set_valign (GTK_WIDGET (self), GTK_ALIGN_CENTER);
}

void
shirabe_color_swatch_set_color (ShirabeColorSwatch *self,
                                const char         *color)
{
  g_return_if_fail (SHIRABE_IS_COLOR_SWATCH (self));

  self->has_color = color != NULL && gdk_rgba_parse (&self->rgba, color);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}
