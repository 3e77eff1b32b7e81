/* shirabe-coding-view.c: a text view that draws coded passages as translucent bands
 *
 * The bands are drawn in the text view's layer below the text rather than with one text tag
 * per code: a tag can give a character one background only, so where two codes overlap one
 * would hide the other. Drawn as translucent bands, one per coding, overlapping codes mix
 * their colours. Only the codings that meet the visible lines are drawn, so the cost of a
 * frame does not grow with the length of the narrative or its number of codings, and showing
 * a narrative or a new coding touches no text attributes at all.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "shirabe-i18n.h"

#include "shirabe-coding-gutter.h"
#include "shirabe-coding-view.h"

/* Light enough that text stays readable on every code colour, in light and dark styles, and
 * that two or three overlapping bands still show each colour. */
#define BAND_ALPHA 0.26
/* The line under a coding's passage, one per column, so that two codes of like colours still
 * show as two. */
#define UNDERLINE_HEIGHT 2
#define UNDERLINE_STEP 3
#define MAX_UNDERLINES 4

typedef struct
{
  char    *label;
  GdkRGBA  color;
  gboolean has_color;
} CodeStyle;

struct _ShirabeCodingView
{
  GtkTextView        parent_instance;

  GHashTable        *codes;      /* code id (gint64*) → CodeStyle */
  GPtrArray         *codings;    /* ShirabeCoding, by start */
  GArray            *columns;    /* guint per coding */
  GArray            *next;       /* guint per coding: the next coding in its column, or none */
  guint              n_columns;
  gboolean           several_coders;
  GtkWidget         *gutter;
  GtkAdjustment     *vadjustment;
};

G_DEFINE_FINAL_TYPE (ShirabeCodingView, shirabe_coding_view, GTK_TYPE_TEXT_VIEW)

static void
code_style_free (CodeStyle *style)
{
  g_free (style->label);
  g_free (style);
}

static void
queue_redraw (ShirabeCodingView *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
  if (self->gutter != NULL)
    gtk_widget_queue_draw (self->gutter);
}

static void
on_vadjustment (ShirabeCodingView *self)
{
  GtkAdjustment *adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (self));

  if (adjustment == self->vadjustment)
    return;
  if (self->vadjustment != NULL)
    g_signal_handlers_disconnect_by_data (self->vadjustment, self);
  g_set_object (&self->vadjustment, adjustment);
  /* The gutter is a child of the view, and a child's drawing is kept until it is queued
   * again: scrolling and new line heights must redraw it. */
  if (adjustment != NULL)
    {
      g_signal_connect_object (adjustment, "value-changed", G_CALLBACK (queue_redraw), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (adjustment, "changed", G_CALLBACK (queue_redraw), self,
                               G_CONNECT_SWAPPED);
    }
}

gboolean
shirabe_coding_view_get_visible_range (ShirabeCodingView *self,
                                       GtkTextIter       *start,
                                       GtkTextIter       *end)
{
  GtkTextView *view = GTK_TEXT_VIEW (self);
  GdkRectangle visible;

  g_return_val_if_fail (SHIRABE_IS_CODING_VIEW (self), FALSE);

  gtk_text_view_get_visible_rect (view, &visible);
  if (visible.height <= 0)
    return FALSE;
  gtk_text_view_get_line_at_y (view, start, visible.y, NULL);
  gtk_text_view_get_line_at_y (view, end, visible.y + visible.height, NULL);
  if (!gtk_text_iter_ends_line (end))
    gtk_text_iter_forward_to_line_end (end);
  gtk_text_iter_forward_char (end);
  return TRUE;
}

/* Calls @func for each coding that meets [@start, @end). */
static void
foreach_coding_in (ShirabeCodingView *self,
                   gint64             start,
                   gint64             end,
                   void             (*func) (ShirabeCodingView   *self,
                                             const ShirabeCoding *coding,
                                             guint                column,
                                             gpointer             data),
                   gpointer           data)
{
  guint lo = 0;
  guint hi = self->codings->len;

  /* The first coding that starts at or after @end bounds the search. */
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      const ShirabeCoding *coding = g_ptr_array_index (self->codings, mid);

      if (coding->start < end)
        lo = mid + 1;
      else
        hi = mid;
    }
  for (guint i = 0; i < lo; i++)
    {
      const ShirabeCoding *coding = g_ptr_array_index (self->codings, i);

      if (coding->end > start)
        func (self, coding, g_array_index (self->columns, guint, i), data);
    }
}

typedef struct
{
  GtkSnapshot *snapshot;
  GtkTextIter  visible_start;
  GtkTextIter  visible_end;
  int          left;
  int          right;
} BandContext;

static void
append_rect (GtkSnapshot   *snapshot,
             const GdkRGBA *color,
             int            x,
             int            y,
             int            width,
             int            height)
{
  if (width > 0 && height > 0)
    gtk_snapshot_append_color (snapshot, color, &GRAPHENE_RECT_INIT (x, y, width, height));
}

static void
draw_band (ShirabeCodingView   *self,
           const ShirabeCoding *coding,
           guint                column,
           gpointer             data)
{
  BandContext *context = data;
  GtkTextView *view = GTK_TEXT_VIEW (self);
  CodeStyle *style = g_hash_table_lookup (self->codes, &coding->code_id);
  GtkTextIter start;
  GtkTextIter last;
  GdkRectangle a;
  GdkRectangle b;
  GdkRGBA band;
  GdkRGBA line;
  int b_right;
  int underline_y;

  if (style == NULL || !style->has_color)
    return;

  gtk_text_buffer_get_iter_at_offset (gtk_text_view_get_buffer (view), &start,
                                      (int) coding->start);
  gtk_text_buffer_get_iter_at_offset (gtk_text_view_get_buffer (view), &last,
                                      (int) coding->end - 1);
  if (gtk_text_iter_compare (&start, &context->visible_start) < 0)
    start = context->visible_start;
  if (gtk_text_iter_compare (&last, &context->visible_end) >= 0)
    {
      last = context->visible_end;
      gtk_text_iter_backward_char (&last);
    }
  if (gtk_text_iter_compare (&start, &last) > 0)
    return;

  /* From the left of the first character to the right of the last one. */
  gtk_text_view_get_iter_location (view, &start, &a);
  gtk_text_view_get_iter_location (view, &last, &b);
  b_right = gtk_text_iter_ends_line (&last) ? context->right : b.x + MAX (b.width, 1);

  band = style->color;
  band.alpha = BAND_ALPHA;
  line = style->color;
  if (a.y == b.y)
    append_rect (context->snapshot, &band, a.x, a.y, b_right - a.x, a.height);
  else
    {
      append_rect (context->snapshot, &band, a.x, a.y, context->right - a.x, a.height);
      append_rect (context->snapshot, &band, context->left, a.y + a.height,
                   context->right - context->left, b.y - a.y - a.height);
      append_rect (context->snapshot, &band, context->left, b.y, b_right - context->left,
                   b.height);
    }
  /* The passage's last line is underlined in its column, so that overlapping codes whose
   * colours are alike still read as several. */
  if (column < MAX_UNDERLINES)
    {
      underline_y = b.y + b.height - UNDERLINE_HEIGHT - (int) column * UNDERLINE_STEP;
      append_rect (context->snapshot, &line, a.y == b.y ? a.x : context->left, underline_y,
                   (a.y == b.y ? b_right - a.x : b_right - context->left), UNDERLINE_HEIGHT);
    }
}

static void
shirabe_coding_view_snapshot_layer (GtkTextView      *view,
                                    GtkTextViewLayer  layer,
                                    GtkSnapshot      *snapshot)
{
  ShirabeCodingView *self = SHIRABE_CODING_VIEW (view);
  BandContext context = { snapshot };
  GdkRectangle visible;

  if (layer != GTK_TEXT_VIEW_LAYER_BELOW_TEXT || self->codings->len == 0 ||
      !shirabe_coding_view_get_visible_range (self, &context.visible_start,
                                              &context.visible_end))
    return;

  gtk_text_view_get_visible_rect (view, &visible);
  context.left = gtk_text_view_get_left_margin (view);
  context.right = visible.x + visible.width - gtk_text_view_get_right_margin (view);
  foreach_coding_in (self, gtk_text_iter_get_offset (&context.visible_start),
                     gtk_text_iter_get_offset (&context.visible_end), draw_band, &context);
}

static void
shirabe_coding_view_dispose (GObject *object)
{
  ShirabeCodingView *self = SHIRABE_CODING_VIEW (object);

  if (self->vadjustment != NULL)
    g_signal_handlers_disconnect_by_data (self->vadjustment, self);
  g_clear_object (&self->vadjustment);
  self->gutter = NULL;

  G_OBJECT_CLASS (shirabe_coding_view_parent_class)->dispose (object);
}

static void
shirabe_coding_view_finalize (GObject *object)
{
  ShirabeCodingView *self = SHIRABE_CODING_VIEW (object);

  g_clear_pointer (&self->codes, g_hash_table_unref);
  g_clear_pointer (&self->codings, g_ptr_array_unref);
  g_clear_pointer (&self->columns, g_array_unref);
  g_clear_pointer (&self->next, g_array_unref);

  G_OBJECT_CLASS (shirabe_coding_view_parent_class)->finalize (object);
}

static void
shirabe_coding_view_class_init (ShirabeCodingViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkTextViewClass *text_view_class = GTK_TEXT_VIEW_CLASS (klass);

  object_class->dispose = shirabe_coding_view_dispose;
  object_class->finalize = shirabe_coding_view_finalize;
  text_view_class->snapshot_layer = shirabe_coding_view_snapshot_layer;
}

static void
shirabe_coding_view_init (ShirabeCodingView *self)
{
  self->codes = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                       (GDestroyNotify) code_style_free);
  self->codings = g_ptr_array_new_with_free_func ((GDestroyNotify) shirabe_coding_free);
  self->columns = g_array_new (FALSE, TRUE, sizeof (guint));
  self->next = g_array_new (FALSE, TRUE, sizeof (guint));

  self->gutter = GTK_WIDGET (shirabe_coding_gutter_new (self));
  gtk_text_view_set_gutter (GTK_TEXT_VIEW (self), GTK_TEXT_WINDOW_LEFT, self->gutter);
  g_signal_connect (self, "notify::vadjustment", G_CALLBACK (on_vadjustment), NULL);
}

void
shirabe_coding_view_set_codes (ShirabeCodingView    *self,
                               GPtrArray            *codes,
                               ShirabeLabelLanguage  language)
{
  g_return_if_fail (SHIRABE_IS_CODING_VIEW (self));
  g_return_if_fail (codes != NULL);

  g_hash_table_remove_all (self->codes);
  for (guint i = 0; i < codes->len; i++)
    {
      const ShirabeCode *code = g_ptr_array_index (codes, i);
      CodeStyle *style = g_new0 (CodeStyle, 1);

      style->label = shirabe_code_dup_label (code, language);
      style->has_color = code->color != NULL && gdk_rgba_parse (&style->color, code->color);
      g_hash_table_insert (self->codes, g_memdup2 (&code->id, sizeof code->id), style);
    }
  queue_redraw (self);
}

/* Overlapping codings get different columns, each the lowest one free at its start. */
static void
assign_columns (ShirabeCodingView *self)
{
  g_autoptr(GArray) column_ends = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) column_last = g_array_new (FALSE, FALSE, sizeof (guint));

  g_array_set_size (self->columns, self->codings->len);
  g_array_set_size (self->next, self->codings->len);
  self->several_coders = FALSE;
  for (guint i = 0; i < self->codings->len; i++)
    {
      const ShirabeCoding *coding = g_ptr_array_index (self->codings, i);
      guint column;

      if (coding->coder_id != ((const ShirabeCoding *) self->codings->pdata[0])->coder_id)
        self->several_coders = TRUE;

      for (column = 0; column < column_ends->len; column++)
        if (g_array_index (column_ends, gint64, column) <= coding->start)
          break;
      if (column == column_ends->len)
        {
          g_array_append_val (column_ends, coding->end);
          g_array_append_val (column_last, i);
        }
      else
        {
          g_array_index (column_ends, gint64, column) = coding->end;
          g_array_index (self->next, guint, g_array_index (column_last, guint, column)) = i;
          g_array_index (column_last, guint, column) = i;
        }
      g_array_index (self->columns, guint, i) = column;
      g_array_index (self->next, guint, i) = G_MAXUINT;
    }
  self->n_columns = column_ends->len;
}

static int
compare_codings (gconstpointer a,
                 gconstpointer b)
{
  const ShirabeCoding *x = *(const ShirabeCoding **) a;
  const ShirabeCoding *y = *(const ShirabeCoding **) b;

  if (x->start != y->start)
    return x->start < y->start ? -1 : 1;
  if (x->end != y->end)
    return x->end > y->end ? -1 : 1;
  return x->id < y->id ? -1 : x->id > y->id;
}

void
shirabe_coding_view_set_codings (ShirabeCodingView *self,
                                 GPtrArray         *codings)
{
  g_return_if_fail (SHIRABE_IS_CODING_VIEW (self));

  g_clear_pointer (&self->codings, g_ptr_array_unref);
  self->codings = codings != NULL
                  ? codings
                  : g_ptr_array_new_with_free_func ((GDestroyNotify) shirabe_coding_free);
  g_ptr_array_sort (self->codings, compare_codings);
  assign_columns (self);
  gtk_widget_queue_resize (self->gutter);
  queue_redraw (self);
}

void
shirabe_coding_view_update_codings (ShirabeCodingView *self,
                                    GArray            *removed,
                                    GPtrArray         *added)
{
  g_autoptr(GHashTable) dropped = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GPtrArray) old = NULL;
  g_autofree gpointer *taken = NULL;
  gsize n_taken = 0;
  guint n_columns = self->n_columns;

  g_return_if_fail (SHIRABE_IS_CODING_VIEW (self));
  g_return_if_fail (removed != NULL && added != NULL);

  for (guint i = 0; i < removed->len; i++)
    g_hash_table_add (dropped, &g_array_index (removed, gint64, i));
  for (guint i = 0; i < added->len; i++)
    g_hash_table_add (dropped, &((ShirabeCoding *) g_ptr_array_index (added, i))->id);

  /* What stays keeps its order by start; only the new ones need sorting in. */
  old = g_steal_pointer (&self->codings);
  self->codings = g_ptr_array_new_full (old->len + added->len,
                                        (GDestroyNotify) shirabe_coding_free);
  for (guint i = 0; i < old->len; i++)
    {
      ShirabeCoding *coding = g_ptr_array_index (old, i);

      if (!g_hash_table_contains (dropped, &coding->id))
        g_ptr_array_add (self->codings, g_steal_pointer (&old->pdata[i]));
    }
  taken = g_ptr_array_steal (added, &n_taken);
  for (gsize i = 0; i < n_taken; i++)
    g_ptr_array_add (self->codings, taken[i]);
  if (n_taken > 0)
    g_ptr_array_sort (self->codings, compare_codings);

  assign_columns (self);
  if (self->n_columns != n_columns)
    gtk_widget_queue_resize (self->gutter);
  queue_redraw (self);
}

GPtrArray *
shirabe_coding_view_get_codings (ShirabeCodingView *self)
{
  g_return_val_if_fail (SHIRABE_IS_CODING_VIEW (self), NULL);

  return self->codings;
}

guint
shirabe_coding_view_get_column (ShirabeCodingView *self,
                                guint              index)
{
  g_return_val_if_fail (SHIRABE_IS_CODING_VIEW (self), 0);
  g_return_val_if_fail (index < self->columns->len, 0);

  return g_array_index (self->columns, guint, index);
}

guint
shirabe_coding_view_get_next_in_column (ShirabeCodingView *self,
                                        guint              index)
{
  g_return_val_if_fail (SHIRABE_IS_CODING_VIEW (self), G_MAXUINT);
  g_return_val_if_fail (index < self->next->len, G_MAXUINT);

  return g_array_index (self->next, guint, index);
}

guint
shirabe_coding_view_get_n_columns (ShirabeCodingView *self)
{
  g_return_val_if_fail (SHIRABE_IS_CODING_VIEW (self), 0);

  return self->n_columns;
}

gboolean
shirabe_coding_view_has_several_coders (ShirabeCodingView *self)
{
  g_return_val_if_fail (SHIRABE_IS_CODING_VIEW (self), FALSE);

  return self->several_coders;
}

static void
collect_coding (ShirabeCodingView   *self,
                const ShirabeCoding *coding,
                guint                column,
                gpointer             data)
{
  g_ptr_array_add (data, (gpointer) coding);
}

GPtrArray *
shirabe_coding_view_get_codings_at (ShirabeCodingView *self,
                                    gint64             offset)
{
  GPtrArray *found;

  g_return_val_if_fail (SHIRABE_IS_CODING_VIEW (self), NULL);

  found = g_ptr_array_new ();
  foreach_coding_in (self, offset, offset + 1, collect_coding, found);
  return found;
}

const ShirabeCoding *
shirabe_coding_view_find_coding (ShirabeCodingView *self,
                                 gint64             coding_id)
{
  g_return_val_if_fail (SHIRABE_IS_CODING_VIEW (self), NULL);

  for (guint i = 0; i < self->codings->len; i++)
    {
      const ShirabeCoding *coding = g_ptr_array_index (self->codings, i);

      if (coding->id == coding_id)
        return coding;
    }
  return NULL;
}

const char *
shirabe_coding_view_get_code_label (ShirabeCodingView *self,
                                    gint64             code_id)
{
  CodeStyle *style;

  g_return_val_if_fail (SHIRABE_IS_CODING_VIEW (self), NULL);

  style = g_hash_table_lookup (self->codes, &code_id);
  return style != NULL ? style->label : NULL;
}

gboolean
shirabe_coding_view_get_code_color (ShirabeCodingView *self,
                                    gint64             code_id,
                                    GdkRGBA           *color)
{
  CodeStyle *style;

  g_return_val_if_fail (SHIRABE_IS_CODING_VIEW (self), FALSE);

  style = g_hash_table_lookup (self->codes, &code_id);
  if (style == NULL || !style->has_color)
    return FALSE;
  *color = style->color;
  return TRUE;
}

gboolean
shirabe_coding_view_code_covers (ShirabeCodingView *self,
                                 gint64             code_id,
                                 gint64             offset)
{
  g_autoptr(GPtrArray) codings = NULL;
  CodeStyle *style;

  g_return_val_if_fail (SHIRABE_IS_CODING_VIEW (self), FALSE);

  style = g_hash_table_lookup (self->codes, &code_id);
  if (style == NULL || !style->has_color)
    return FALSE;
  codings = shirabe_coding_view_get_codings_at (self, offset);
  for (guint i = 0; i < codings->len; i++)
    if (((const ShirabeCoding *) g_ptr_array_index (codings, i))->code_id == code_id)
      return TRUE;
  return FALSE;
}

char *
shirabe_coding_view_describe (ShirabeCodingView *self,
                              GPtrArray         *codings)
{
  GString *text;

  g_return_val_if_fail (SHIRABE_IS_CODING_VIEW (self), NULL);

  if (codings == NULL || codings->len == 0)
    return NULL;
  text = g_string_new (NULL);
  for (guint i = 0; i < codings->len; i++)
    {
      const ShirabeCoding *coding = g_ptr_array_index (codings, i);
      const char *label = shirabe_coding_view_get_code_label (self, coding->code_id);

      if (i > 0)
        g_string_append_c (text, '\n');
      /* Where several coders coded the narrative, the line says plainly who coded which. */
      if (self->several_coders && coding->coder_name != NULL)
        {
          /* Translators: a tooltip line over a coded passage, when several people coded the
           * narrative: the code, then the coder's full name */
          g_string_append_printf (text, _("%s — coded by %s"), label != NULL ? label : "?",
                                  coding->coder_name);
        }
      else
        {
          /* Translators: a tooltip line over a coded passage: the code, then who coded it */
          g_string_append_printf (text, _("%s — %s"), label != NULL ? label : "?",
                                  coding->coder_name != NULL ? coding->coder_name : "");
        }
      if (coding->memo != NULL && *coding->memo != '\0')
        {
          g_autofree char *memo = g_utf8_substring (coding->memo, 0,
                                                    MIN (g_utf8_strlen (coding->memo, -1), 120));

          g_string_append_printf (text, "\n    %s", memo);
        }
    }
  return g_string_free (text, FALSE);
}
