/* shirabe-coding-gutter.c: coding stripes beside the text, one per coding
 *
 * Each coding is a bar as tall as its passage, in its code's colour, with the code's label
 * running down beside it. Overlapping codings get columns side by side (the view assigns
 * them); past MAX_COLUMNS they share the last one.
 *
 * Labels are set in vertical writing (Pango's east gravity with the natural hint): Japanese
 * stands upright and reads top to bottom as it would on paper, while Latin words lie on their
 * side along the stripe. When the narrative was coded by several coders, each label starts
 * with its coder's initials, so that two coders' stripes on one passage do not look alike.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "shirabe-i18n.h"

#include <string.h>

#include "shirabe.h"
#include "shirabe-coding-gutter-private.h"
#include "shirabe-coding-view.h"

#define MAX_COLUMNS 5
#define BAR_WIDTH 4
/* Labels are smaller than the text they stand beside. */
#define LABEL_SCALE 0.72
#define PADDING 4
/* A label cut shorter than this many characters of its code says nothing ("ブ…"): the stripe
 * then carries none, and its tooltip names the code. */
#define MIN_LABEL_CHARS 3

struct _ShirabeCodingGutter
{
  GtkWidget             parent_instance;

  ShirabeCodingView    *view;
  PangoFontDescription *label_font;
  PangoContext         *label_context; /* the widget's, in vertical writing */
  int                   column_width;  /* a bar and a line of label, Japanese included */
};

G_DEFINE_FINAL_TYPE (ShirabeCodingGutter, shirabe_coding_gutter, GTK_TYPE_WIDGET)

static PangoLayout *
create_label_layout (ShirabeCodingGutter *self,
                     const char          *text)
{
  PangoLayout *layout = pango_layout_new (self->label_context);

  pango_layout_set_text (layout, text, -1);
  pango_layout_set_single_paragraph_mode (layout, TRUE);
  return layout;
}

static void
update_metrics (ShirabeCodingGutter *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  g_autoptr(PangoLayout) layout = NULL;
  int height;

  g_clear_pointer (&self->label_font, pango_font_description_free);
  self->label_font = pango_font_description_copy (
    pango_context_get_font_description (gtk_widget_get_pango_context (widget)));
  pango_font_description_set_size (self->label_font,
                                   (int) (pango_font_description_get_size (self->label_font)
                                          * LABEL_SCALE));

  /* The layouts are turned a quarter clockwise to run down the stripe; east gravity turns
   * wide characters back upright and, with the natural hint, leaves Latin lying along it. */
  g_clear_object (&self->label_context);
  self->label_context = gtk_widget_create_pango_context (widget);
  pango_context_set_font_description (self->label_context, self->label_font);
  pango_context_set_base_gravity (self->label_context, PANGO_GRAVITY_EAST);
  pango_context_set_gravity_hint (self->label_context, PANGO_GRAVITY_HINT_NATURAL);

  layout = create_label_layout (self, "Ag調べ");
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

/* The words beside @coding's stripe: its code, after its coder's initials when the narrative
 * has several coders. @n_min_chars is how many of its first characters must show for the label
 * to say anything: the initials and a few of the code's. */
static char *
dup_stripe_label (ShirabeCodingGutter *self,
                  const ShirabeCoding *coding,
                  glong               *n_min_chars)
{
  const char *label = shirabe_coding_view_get_code_label (self->view, coding->code_id);
  g_autofree char *initials = NULL;
  char *text;
  glong n_label_chars;

  if (label == NULL || *label == '\0')
    return NULL;
  if (shirabe_coding_view_has_several_coders (self->view))
    initials = shirabe_coder_dup_initials (coding->coder_name);
  if (initials != NULL)
    {
      /* Translators: a coding stripe's label when several people coded the narrative: the
       * coder's initials (“AK”), then the code */
      text = g_strdup_printf (_("%s · %s"), initials, label);
    }
  else
    text = g_strdup (label);
  n_label_chars = g_utf8_strlen (label, -1);
  *n_min_chars = g_utf8_strlen (text, -1) - n_label_chars + MIN (n_label_chars, MIN_LABEL_CHARS);
  return text;
}

/* A coder's colour, the same wherever the coder appears: a mid-tone of the GNOME palette that
 * reads on the light and the dark style alike, picked by the coder's id. */
static void
get_coder_color (gint64   coder_id,
                 GdkRGBA *color)
{
  static const char *palette[] = {
    "#1c71d8", "#c64600", "#26a269", "#9141ac", "#c01c28", "#2190a4", "#986a44", "#a347ba",
  };

  gdk_rgba_parse (color, palette[(guint64) coder_id % G_N_ELEMENTS (palette)]);
}

/* The coder's initials, when the label starts with them, in bold and the coder's colour: two
 * coders' stripes on one passage are told apart at a glance. */
static void
mark_coder (ShirabeCodingGutter *self,
            PangoLayout         *layout,
            const ShirabeCoding *coding)
{
  g_autofree char *initials = NULL;
  g_autoptr(PangoAttrList) attributes = NULL;
  PangoAttribute *attribute;
  GdkRGBA color;

  if (!shirabe_coding_view_has_several_coders (self->view) ||
      (initials = shirabe_coder_dup_initials (coding->coder_name)) == NULL ||
      !g_str_has_prefix (pango_layout_get_text (layout), initials))
    return;
  get_coder_color (coding->coder_id, &color);
  attributes = pango_attr_list_new ();
  attribute = pango_attr_foreground_new ((guint16) (color.red * 65535),
                                         (guint16) (color.green * 65535),
                                         (guint16) (color.blue * 65535));
  attribute->start_index = 0;
  attribute->end_index = strlen (initials);
  pango_attr_list_insert (attributes, attribute);
  attribute = pango_attr_weight_new (PANGO_WEIGHT_BOLD);
  attribute->start_index = 0;
  attribute->end_index = strlen (initials);
  pango_attr_list_insert (attributes, attribute);
  pango_layout_set_attributes (layout, attributes);
}

/* The label of the coding at @index, whose stripe is @stripe, laid out to fit the room it has
 * and placed through @origin (before the quarter turn); NULL when it has too little room. */
static PangoLayout *
layout_stripe_label (ShirabeCodingGutter   *self,
                     guint                  index,
                     const graphene_rect_t *stripe,
                     const GtkTextIter     *visible_start,
                     const GtkTextIter     *visible_end,
                     graphene_point_t      *origin)
{
  GPtrArray *codings = shirabe_coding_view_get_codings (self->view);
  g_autofree char *text = NULL;
  g_autoptr(PangoLayout) shortest = NULL;
  PangoLayout *layout;
  graphene_rect_t next_stripe;
  guint next;
  float label_end;
  glong n_min_chars = 0;
  int room;
  int width;
  int height;

  text = dup_stripe_label (self, g_ptr_array_index (codings, index), &n_min_chars);
  if (text == NULL)
    return NULL;

  /* The label runs down from the top of the stripe, or of the screen when the top is
   * scrolled away, so that a long passage is always named; it may run past a short
   * stripe, up to the next one in the column. */
  next = shirabe_coding_view_get_next_in_column (self->view, index);
  label_end = gtk_widget_get_height (GTK_WIDGET (self));
  if (next != G_MAXUINT &&
      get_stripe (self, g_ptr_array_index (codings, next), 0, visible_start, visible_end,
                  &next_stripe))
    label_end = MIN (label_end, next_stripe.origin.y);
  room = (int) label_end - (int) MAX (stripe->origin.y, 0) - 4;
  if (room <= 0)
    return NULL;

  layout = create_label_layout (self, text);
  pango_layout_get_pixel_size (layout, &width, &height);
  if (width > room)
    {
      g_autofree char *start = g_utf8_substring (text, 0, n_min_chars);
      g_autofree char *cut = g_strconcat (start, "…", NULL);

      /* Cut any shorter, the label would be a letter and an ellipsis. */
      shortest = create_label_layout (self, cut);
      pango_layout_get_pixel_size (shortest, &width, NULL);
      if (width > room)
        {
          g_object_unref (layout);
          return NULL;
        }
      pango_layout_set_width (layout, room * PANGO_SCALE);
      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
    }
  mark_coder (self, layout, g_ptr_array_index (codings, index));
  origin->x = stripe->origin.x + BAR_WIDTH + 1 + height;
  origin->y = MAX (stripe->origin.y, 0) + 2;
  return layout;
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
      graphene_point_t origin;
      GdkRGBA color;
      g_autoptr(PangoLayout) layout = NULL;

      if (!shirabe_coding_view_get_code_color (self->view, coding->code_id, &color) ||
          !get_stripe (self, coding, shirabe_coding_view_get_column (self->view, i),
                       &visible_start, &visible_end, &stripe))
        continue;
      gtk_snapshot_append_color (snapshot, &color,
                                 &GRAPHENE_RECT_INIT (stripe.origin.x, stripe.origin.y,
                                                      BAR_WIDTH, stripe.size.height));

      layout = layout_stripe_label (self, i, &stripe, &visible_start, &visible_end, &origin);
      if (layout == NULL)
        continue;
      gtk_snapshot_save (snapshot);
      gtk_snapshot_translate (snapshot, &origin);
      gtk_snapshot_rotate (snapshot, 90);
      gtk_snapshot_append_layout (snapshot, layout, &text_color);
      gtk_snapshot_restore (snapshot);
    }
}

gboolean
shirabe_coding_gutter_get_stripe (ShirabeCodingGutter *self,
                                  guint                index,
                                  graphene_rect_t     *stripe)
{
  GPtrArray *codings;
  GtkTextIter visible_start;
  GtkTextIter visible_end;

  g_return_val_if_fail (SHIRABE_IS_CODING_GUTTER (self), FALSE);
  g_return_val_if_fail (stripe != NULL, FALSE);

  codings = shirabe_coding_view_get_codings (self->view);
  g_return_val_if_fail (index < codings->len, FALSE);
  return shirabe_coding_view_get_visible_range (self->view, &visible_start, &visible_end) &&
         get_stripe (self, g_ptr_array_index (codings, index),
                     shirabe_coding_view_get_column (self->view, index), &visible_start,
                     &visible_end, stripe);
}

PangoLayout *
shirabe_coding_gutter_create_stripe_label (ShirabeCodingGutter *self,
                                           guint                index)
{
  GtkTextIter visible_start;
  GtkTextIter visible_end;
  graphene_rect_t stripe;
  graphene_point_t origin;

  g_return_val_if_fail (SHIRABE_IS_CODING_GUTTER (self), NULL);

  if (!shirabe_coding_gutter_get_stripe (self, index, &stripe))
    return NULL;
  shirabe_coding_view_get_visible_range (self->view, &visible_start, &visible_end);
  return layout_stripe_label (self, index, &stripe, &visible_start, &visible_end, &origin);
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

char *
shirabe_coding_gutter_dup_tooltip_at (ShirabeCodingGutter *self,
                                      double               x,
                                      double               y)
{
  g_autoptr(GPtrArray) codings = NULL;

  g_return_val_if_fail (SHIRABE_IS_CODING_GUTTER (self), NULL);

  codings = shirabe_coding_gutter_get_codings_at (self, x, y);
  return shirabe_coding_view_describe (self->view, codings);
}

/* Every stripe has its tooltip, which names the code when the stripe is too short to. */
static gboolean
on_query_tooltip (ShirabeCodingGutter *self,
                  int                  x,
                  int                  y,
                  gboolean             keyboard,
                  GtkTooltip          *tooltip)
{
  g_autofree char *text = NULL;

  if (keyboard)
    return FALSE;
  text = shirabe_coding_gutter_dup_tooltip_at (self, x, y);
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
  g_clear_object (&self->label_context);

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
