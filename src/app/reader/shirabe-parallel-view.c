/* shirabe-parallel-view.c: a narrative and its translation side by side, pair by aligned pair
 *
 * One row per aligned pair (shirabe-alignment.c), the original's paragraphs in one column and
 * the translation's in the other, so that the two scroll together and a pair's row is as tall
 * as its longer side. Each side is a read-only text view with the Pango language of its
 * narrative (Japanese glyphs for Japanese, Thai shaping for Thai) and its codings shaded, a
 * carried coding underlined. The cursor on one side marks the aligned paragraphs of the other.
 *
 * The rows are built when the view is shown, not for every narrative chosen in the sidebar
 * while another view is up.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "shirabe-i18n.h"

#include "shirabe-alignment.h"
#include "shirabe-parallel-view.h"
#include "shirabe-window.h"

struct _ShirabeParallelView
{
  AdwBin            parent_instance;

  GtkStack         *stack;
  GtkDropDown      *left_choice;
  GtkDropDown      *right_choice;
  GtkButton        *carry_button;
  GtkLabel         *summary_label;
  GtkGrid          *grid;

  ShirabeProject   *project;
  GPtrArray        *codes;          /* ShirabeCode */
  gint64            narrative_id;   /* as asked */
  GPtrArray        *family;         /* ShirabeNarrative: the original, then its translations */
  guint             left;           /* indexes into family */
  guint             right;
  gboolean          stale;
  gboolean          choosing;

  ShirabeAlignment *alignment;
  GPtrArray        *original_codings;     /* ShirabeCoding */
  GPtrArray        *translation_codings;
  GPtrArray        *left_views;           /* GtkTextView, one per pair */
  GPtrArray        *right_views;
  int               current_pair;         /* -1: no cursor in the pairs */
  gboolean          current_right;
  GtkWidget        *partner;              /* the view marked as aligned with the cursor's */
};

G_DEFINE_FINAL_TYPE (ShirabeParallelView, shirabe_parallel_view, ADW_TYPE_BIN)

/* Which narrative is on which side */

static ShirabeNarrative *
family_member (ShirabeParallelView *self,
               guint                index)
{
  return self->family != NULL && index < self->family->len ? self->family->pdata[index] : NULL;
}

/* The original is at 0: the side that is not the original shows the translation. */
static gboolean
original_on_left (ShirabeParallelView *self)
{
  return self->left == 0;
}

static ShirabeNarrative *
translation_shown (ShirabeParallelView *self)
{
  return family_member (self, original_on_left (self) ? self->right : self->left);
}

static void
update_actions (ShirabeParallelView *self)
{
  guint n_pairs = self->alignment != NULL ? self->alignment->pairs->len : 0;
  gboolean in_pair = self->current_pair >= 0 && (guint) self->current_pair < n_pairs;
  gboolean on_original = self->current_right != original_on_left (self);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "parallel.join",
                                 in_pair && (guint) self->current_pair + 1 < n_pairs);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "parallel.split", in_pair);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "parallel.carry", in_pair);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "parallel.reset",
                                 self->alignment != NULL && self->alignment->adjusted);
  gtk_button_set_label (self->carry_button, !in_pair || on_original
                                            ? _("Code the _Translation Too")
                                            : _("Code the _Original Too"));
}

/* Building the rows */

static void
clear_rows (ShirabeParallelView *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->grid))) != NULL)
    gtk_grid_remove (self->grid, child);
  g_ptr_array_set_size (self->left_views, 0);
  g_ptr_array_set_size (self->right_views, 0);
  g_clear_pointer (&self->alignment, shirabe_alignment_free);
  g_clear_pointer (&self->original_codings, g_ptr_array_unref);
  g_clear_pointer (&self->translation_codings, g_ptr_array_unref);
  self->partner = NULL;
}

static const ShirabeCode *
find_code (ShirabeParallelView *self,
           gint64               code_id)
{
  for (guint i = 0; self->codes != NULL && i < self->codes->len; i++)
    {
      const ShirabeCode *code = self->codes->pdata[i];

      if (code->id == code_id)
        return code;
    }
  return NULL;
}

static GtkTextTag *
code_tag (ShirabeParallelView *self,
          GtkTextBuffer       *buffer,
          gint64               code_id)
{
  g_autofree char *name = g_strdup_printf ("code-%" G_GINT64_FORMAT, code_id);
  GtkTextTag *tag = gtk_text_tag_table_lookup (gtk_text_buffer_get_tag_table (buffer), name);
  const ShirabeCode *code;
  GdkRGBA color;

  if (tag != NULL)
    return tag;
  code = find_code (self, code_id);
  if (code == NULL || !gdk_rgba_parse (&color, code->color))
    gdk_rgba_parse (&color, "#3584E4");
  color.alpha = 0.3;
  return gtk_text_buffer_create_tag (buffer, name, "background-rgba", &color, NULL);
}

/* Shades the codings of @codings over [@start, @end) of their narrative, shown in @buffer
 * from @start. */
static void
shade_codings (ShirabeParallelView *self,
               GtkTextBuffer       *buffer,
               GPtrArray           *codings,
               gint64               start,
               gint64               end)
{
  GtkTextTag *carried = NULL;

  for (guint i = 0; i < codings->len; i++)
    {
      const ShirabeCoding *coding = codings->pdata[i];
      GtkTextIter from, to;

      if (coding->end <= start || coding->start >= end)
        continue;
      gtk_text_buffer_get_iter_at_offset (buffer, &from,
                                          (int) (MAX (coding->start, start) - start));
      gtk_text_buffer_get_iter_at_offset (buffer, &to, (int) (MIN (coding->end, end) - start));
      gtk_text_buffer_apply_tag (buffer, code_tag (self, buffer, coding->code_id), &from, &to);
      if (coding->carried_from != 0)
        {
          if (carried == NULL)
            carried = gtk_text_buffer_create_tag (buffer, "carried",
                                                  "underline", PANGO_UNDERLINE_SINGLE, NULL);
          gtk_text_buffer_apply_tag (buffer, carried, &from, &to);
        }
    }
}

static void on_mark_set (ShirabeParallelView *self,
                         GtkTextIter         *location,
                         GtkTextMark         *mark,
                         GtkTextBuffer       *buffer);

/* A place in a text walked forward pair by pair: each step costs the characters it passes, so
 * that building every pair of a long narrative stays linear. */
typedef struct
{
  const char *pointer;
  gint64      offset;
} TextCursor;

static const char *
text_cursor_move (TextCursor *cursor,
                  gint64      offset)
{
  cursor->pointer = g_utf8_offset_to_pointer (cursor->pointer, offset - cursor->offset);
  cursor->offset = offset;
  return cursor->pointer;
}

static GtkWidget *
side_view (ShirabeParallelView    *self,
           const ShirabeNarrative *narrative,
           TextCursor             *text,
           GPtrArray              *codings,
           gint64                  start,
           gint64                  end,
           guint                   pair,
           gboolean                right)
{
  GtkWidget *view = gtk_text_view_new ();
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));
  const char *from = text_cursor_move (text, start);
  const char *to = text_cursor_move (text, end);
  GtkTextIter first, last;

  gtk_text_view_set_editable (GTK_TEXT_VIEW (view), FALSE);
  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (view), GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_top_margin (GTK_TEXT_VIEW (view), 6);
  gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (view), 6);
  gtk_text_view_set_left_margin (GTK_TEXT_VIEW (view), 6);
  gtk_text_view_set_right_margin (GTK_TEXT_VIEW (view), 6);
  gtk_widget_set_hexpand (view, TRUE);
  gtk_widget_add_css_class (view, "parallel-text");
  gtk_text_buffer_set_text (buffer, from, to - from);

  /* The narrative's language, so that Pango picks the script's glyphs. */
  gtk_text_buffer_get_bounds (buffer, &first, &last);
  if (narrative->language != NULL && *narrative->language != '\0')
    gtk_text_buffer_apply_tag (buffer,
                               gtk_text_buffer_create_tag (buffer, "narrative-language",
                                                           "language", narrative->language,
                                                           NULL),
                               &first, &last);
  shade_codings (self, buffer, codings, start, end);
  gtk_text_buffer_place_cursor (buffer, &first);

  g_object_set_data (G_OBJECT (buffer), "shirabe-pair", GUINT_TO_POINTER (pair));
  g_object_set_data (G_OBJECT (buffer), "shirabe-right", GINT_TO_POINTER (right));
  g_signal_connect_object (buffer, "mark-set", G_CALLBACK (on_mark_set), self,
                           G_CONNECT_SWAPPED);
  return view;
}

static void
set_summary (ShirabeParallelView *self)
{
  g_autofree char *text = NULL;
  guint n = self->alignment->pairs->len;

  if (self->alignment->adjusted)
    /* Translators: the side-by-side view's summary; the alignment was changed by hand */
    text = g_strdup_printf (ngettext ("%u pair, adjusted", "%u pairs, adjusted", n), n);
  else
    /* Translators: the side-by-side view's summary; paragraph n beside paragraph n */
    text = g_strdup_printf (ngettext ("%u pair, in order", "%u pairs, in order", n), n);
  gtk_label_set_text (self->summary_label, text);
}

static void
mark_partner (ShirabeParallelView *self)
{
  GPtrArray *other = self->current_right ? self->left_views : self->right_views;

  if (self->partner != NULL)
    gtk_widget_remove_css_class (self->partner, "aligned-partner");
  self->partner = NULL;
  if (self->current_pair >= 0 && (guint) self->current_pair < other->len)
    {
      self->partner = other->pdata[self->current_pair];
      gtk_widget_add_css_class (self->partner, "aligned-partner");
    }
}

static void
build_rows (ShirabeParallelView *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *original_text = NULL;
  g_autofree char *translation_text = NULL;
  ShirabeNarrative *original = family_member (self, 0);
  ShirabeNarrative *translation;
  TextCursor original_cursor = { NULL, 0 };
  TextCursor translation_cursor = { NULL, 0 };
  gboolean left_original;

  clear_rows (self);
  self->stale = FALSE;
  if (self->project == NULL || self->family == NULL || self->family->len < 2)
    {
      gtk_stack_set_visible_child_name (self->stack, "empty");
      update_actions (self);
      return;
    }
  translation = translation_shown (self);
  left_original = original_on_left (self);
  if ((self->alignment = shirabe_project_get_alignment (self->project, translation->id,
                                                        &error)) == NULL ||
      (original_text = shirabe_project_dup_narrative_text (self->project, original->id,
                                                           &error)) == NULL ||
      (translation_text = shirabe_project_dup_narrative_text (self->project, translation->id,
                                                              &error)) == NULL ||
      (self->original_codings = shirabe_project_list_codings (self->project, original->id,
                                                              &error)) == NULL ||
      (self->translation_codings = shirabe_project_list_codings (self->project,
                                                                 translation->id,
                                                                 &error)) == NULL)
    {
      clear_rows (self);
      gtk_stack_set_visible_child_name (self->stack, "empty");
      shirabe_widget_show_error (GTK_WIDGET (self), _("The translation cannot be shown"),
                                 error);
      return;
    }

  original_cursor.pointer = original_text;
  translation_cursor.pointer = translation_text;
  for (guint k = 0; k < self->alignment->pairs->len; k++)
    {
      const ShirabeAlignedPair *pair = &g_array_index (self->alignment->pairs,
                                                       ShirabeAlignedPair, k);
      GtkWidget *o = side_view (self, original, &original_cursor, self->original_codings,
                                pair->original_start, pair->original_end, k, !left_original);
      GtkWidget *t = side_view (self, translation, &translation_cursor,
                                self->translation_codings, pair->translation_start,
                                pair->translation_end, k, left_original);

      gtk_grid_attach (self->grid, left_original ? o : t, 0, (int) k, 1, 1);
      gtk_grid_attach (self->grid, left_original ? t : o, 1, (int) k, 1, 1);
      g_ptr_array_add (self->left_views, left_original ? o : t);
      g_ptr_array_add (self->right_views, left_original ? t : o);
    }
  set_summary (self);
  gtk_stack_set_visible_child_name (self->stack, "pairs");
  if (self->current_pair >= (int) self->alignment->pairs->len)
    self->current_pair = -1;
  mark_partner (self);
  update_actions (self);
}

/* Builds the rows now when shown, else when next shown. */
static void
refresh (ShirabeParallelView *self)
{
  self->stale = TRUE;
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    build_rows (self);
}

static void
on_mark_set (ShirabeParallelView *self,
             GtkTextIter         *location,
             GtkTextMark         *mark,
             GtkTextBuffer       *buffer)
{
  if (mark != gtk_text_buffer_get_insert (buffer))
    return;
  self->current_pair = (int) GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (buffer),
                                                                  "shirabe-pair"));
  self->current_right = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (buffer),
                                                            "shirabe-right"));
  mark_partner (self);
  update_actions (self);
}

/* The family's drop-downs */

static void
fill_choices (ShirabeParallelView *self)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);

  for (guint i = 0; self->family != NULL && i < self->family->len; i++)
    {
      const ShirabeNarrative *narrative = self->family->pdata[i];
      g_autofree char *name = *narrative->language != '\0'
                              ? g_strdup_printf ("%s (%s)", narrative->title,
                                                 narrative->language)
                              : g_strdup (narrative->title);

      gtk_string_list_append (names, name);
    }
  self->choosing = TRUE;
  gtk_drop_down_set_model (self->left_choice, G_LIST_MODEL (names));
  gtk_drop_down_set_model (self->right_choice, G_LIST_MODEL (names));
  gtk_drop_down_set_selected (self->left_choice, self->left);
  gtk_drop_down_set_selected (self->right_choice, self->right);
  self->choosing = FALSE;
}

/* One side is always the original: a translation is aligned with its original only. */
static void
choose_side (ShirabeParallelView *self,
             gboolean             right,
             guint                index)
{
  guint *side = right ? &self->right : &self->left;
  guint *other = right ? &self->left : &self->right;

  if (self->family == NULL || index >= self->family->len)
    return;
  *side = index;
  if (index == 0 && *other == 0)
    *other = 1;
  else if (index != 0)
    *other = 0;
  self->choosing = TRUE;
  gtk_drop_down_set_selected (self->left_choice, self->left);
  gtk_drop_down_set_selected (self->right_choice, self->right);
  self->choosing = FALSE;
  self->current_pair = -1;
  refresh (self);
}

static void
on_choice_changed (ShirabeParallelView *self,
                   GParamSpec          *pspec,
                   GtkDropDown         *choice)
{
  if (self->choosing)
    return;
  choose_side (self, choice == self->right_choice, gtk_drop_down_get_selected (choice));
}

static gboolean
load_family (ShirabeParallelView  *self,
             GError              **error)
{
  g_autoptr(ShirabeNarrative) narrative = NULL;
  g_autoptr(GPtrArray) translations = NULL;
  ShirabeNarrative *original;

  g_clear_pointer (&self->family, g_ptr_array_unref);
  if (self->project == NULL || self->narrative_id == 0)
    return TRUE;
  narrative = shirabe_project_get_narrative (self->project, self->narrative_id, error);
  if (narrative == NULL)
    return FALSE;
  original = narrative->translation_of != 0
             ? shirabe_project_get_narrative (self->project, narrative->translation_of, error)
             : shirabe_narrative_copy (narrative);
  if (original == NULL)
    return FALSE;
  self->family = g_ptr_array_new_with_free_func ((GDestroyNotify) shirabe_narrative_free);
  g_ptr_array_add (self->family, original);
  translations = shirabe_project_list_translations (self->project, original->id, error);
  if (translations == NULL)
    return FALSE;
  for (guint i = 0; i < translations->len; i++)
    g_ptr_array_add (self->family, shirabe_narrative_copy (translations->pdata[i]));

  /* The narrative asked for beside its original, or the original beside its first
   * translation. */
  self->left = 0;
  self->right = 1;
  for (guint i = 1; i < self->family->len; i++)
    if (((ShirabeNarrative *) self->family->pdata[i])->id == self->narrative_id)
      self->right = i;
  return TRUE;
}

void
shirabe_parallel_view_show_narrative (ShirabeParallelView *self,
                                      gint64               narrative_id)
{
  g_autoptr(GError) error = NULL;

  g_return_if_fail (SHIRABE_IS_PARALLEL_VIEW (self));

  self->narrative_id = narrative_id;
  self->current_pair = -1;
  if (!load_family (self, &error))
    shirabe_widget_show_error (GTK_WIDGET (self), _("The translation cannot be shown"), error);
  fill_choices (self);
  refresh (self);
}

/* Edits */

static void
on_project_changed (ShirabeParallelView *self,
                    ShirabeChanges      *changes,
                    ShirabeProject      *project)
{
  g_autoptr(GError) error = NULL;

  if (self->narrative_id == 0)
    return;
  if (shirabe_changes_touches (changes, SHIRABE_TABLE_NARRATIVE | SHIRABE_TABLE_CASES))
    {
      gboolean gone = FALSE;
      g_autoptr(ShirabeNarrative) narrative = shirabe_project_get_narrative (project,
                                                                            self->narrative_id,
                                                                            NULL);
      guint left = self->left, right = self->right;
      guint n = self->family != NULL ? self->family->len : 0;

      gone = narrative == NULL;
      if (gone)
        self->narrative_id = 0;
      if (!load_family (self, &error))
        shirabe_widget_show_error (GTK_WIDGET (self), _("The translation cannot be shown"),
                                   error);
      /* The same family: the sides stay as chosen. */
      if (!gone && self->family != NULL && self->family->len == n)
        {
          self->left = left;
          self->right = right;
        }
      fill_choices (self);
      refresh (self);
    }
  else if (shirabe_changes_touches (changes, SHIRABE_TABLE_CODING | SHIRABE_TABLE_ALIGNMENT |
                                             SHIRABE_TABLE_CODE))
    refresh (self);
}

void
shirabe_parallel_view_set_project (ShirabeParallelView *self,
                                   ShirabeProject      *project)
{
  g_return_if_fail (SHIRABE_IS_PARALLEL_VIEW (self));

  if (self->project == project)
    return;
  if (self->project != NULL)
    g_signal_handlers_disconnect_by_data (self->project, self);
  g_set_object (&self->project, project);
  if (project != NULL)
    g_signal_connect_object (project, "changed", G_CALLBACK (on_project_changed), self,
                             G_CONNECT_SWAPPED);
  shirabe_parallel_view_show_narrative (self, 0);
}

void
shirabe_parallel_view_set_codes (ShirabeParallelView *self,
                                 GPtrArray           *codes)
{
  g_return_if_fail (SHIRABE_IS_PARALLEL_VIEW (self));

  g_clear_pointer (&self->codes, g_ptr_array_unref);
  self->codes = codes != NULL ? g_ptr_array_ref (codes) : NULL;
  refresh (self);
}

/* The cursor's offset in its narrative, on @right's side of the current pair. */
static gint64
cursor_offset (ShirabeParallelView *self,
               gboolean             right)
{
  GPtrArray *views = right ? self->right_views : self->left_views;
  const ShirabeAlignedPair *pair = &g_array_index (self->alignment->pairs, ShirabeAlignedPair,
                                                   self->current_pair);
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (views->pdata[self->current_pair]);
  gboolean original = right != original_on_left (self);
  GtkTextIter cursor;

  gtk_text_buffer_get_iter_at_mark (buffer, &cursor, gtk_text_buffer_get_insert (buffer));
  return (original ? pair->original_start : pair->translation_start) +
         gtk_text_iter_get_offset (&cursor);
}

/* The paragraph (from 0) of @paragraphs holding @offset, or the next one. */
static guint
paragraph_at (GArray *paragraphs,
              gint64  offset)
{
  guint i = 0;

  while (i + 1 < paragraphs->len &&
         g_array_index (paragraphs, ShirabeParagraph, i).end < offset)
    i++;
  return i;
}

static void
join_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  ShirabeParallelView *self = SHIRABE_PARALLEL_VIEW (widget);
  g_autoptr(GError) error = NULL;

  if (self->current_pair < 0 || self->alignment == NULL)
    return;
  if (!shirabe_project_join_aligned_pairs (self->project, self->alignment->translation_id,
                                           (guint) self->current_pair, &error))
    shirabe_widget_show_error (widget, _("The pairs were not joined"), error);
}

static void
split_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  ShirabeParallelView *self = SHIRABE_PARALLEL_VIEW (widget);
  g_autoptr(GError) error = NULL;
  gboolean original_right = !original_on_left (self);
  guint original, translation;

  if (self->current_pair < 0 || self->alignment == NULL)
    return;
  original = paragraph_at (self->alignment->original_paragraphs,
                           cursor_offset (self, original_right));
  translation = paragraph_at (self->alignment->translation_paragraphs,
                              cursor_offset (self, !original_right));
  if (!shirabe_project_split_aligned_pair (self->project, self->alignment->translation_id,
                                           original, translation, &error))
    shirabe_widget_show_error (widget, _("The pair was not split"), error);
}

static void
reset_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  ShirabeParallelView *self = SHIRABE_PARALLEL_VIEW (widget);
  g_autoptr(GError) error = NULL;

  if (self->alignment == NULL || !self->alignment->adjusted)
    return;
  if (!shirabe_project_reset_alignment (self->project, self->alignment->translation_id, &error))
    shirabe_widget_show_error (widget, _("The alignment was not reset"), error);
}

static void
add_toast (ShirabeParallelView *self,
           const char          *title)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (SHIRABE_IS_WINDOW (root))
    shirabe_window_add_toast (SHIRABE_WINDOW (root), adw_toast_new (title));
}

/* "Code the Translation Too": the codings at the cursor go to the aligned paragraphs of the
 * other side, each one undo step. */
static void
carry_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  ShirabeParallelView *self = SHIRABE_PARALLEL_VIEW (widget);
  g_autoptr(GArray) ids = NULL;
  g_autofree char *title = NULL;
  ShirabeNarrative *target;
  GPtrArray *source;
  gint64 target_id;
  gboolean from_original;
  guint n_carried = 0, n_there = 0;
  gint64 offset;

  if (self->current_pair < 0 || self->alignment == NULL)
    return;
  from_original = self->current_right != original_on_left (self);
  offset = cursor_offset (self, self->current_right);
  target = from_original ? translation_shown (self) : family_member (self, 0);
  /* The ids first: carrying changes the project, which has the view read its codings
   * again. */
  source = from_original ? self->original_codings : self->translation_codings;
  ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  for (guint i = 0; i < source->len; i++)
    {
      const ShirabeCoding *coding = source->pdata[i];

      if (coding->start <= offset && offset < coding->end && coding->carried_from == 0)
        g_array_append_val (ids, coding->id);
    }
  title = g_strdup (target->title);
  target_id = target->id;

  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(GError) error = NULL;

      if (shirabe_project_carry_coding (self->project, g_array_index (ids, gint64, i),
                                        target_id, &error) != 0)
        n_carried++;
      else if (g_error_matches (error, SHIRABE_ERROR, SHIRABE_ERROR_EXISTS))
        n_there++;
      else
        {
          shirabe_widget_show_error (widget, _("The coding was not carried"), error);
          return;
        }
    }

  if (n_carried > 0)
    {
      /* Translators: a toast; %u is a number of codings, %s a narrative's title */
      g_autofree char *text = g_strdup_printf (ngettext ("Carried %u coding to “%s”",
                                                         "Carried %u codings to “%s”",
                                                         n_carried),
                                               n_carried, title);
      add_toast (self, text);
    }
  else if (n_there > 0)
    add_toast (self, _("The codings here are on the other side already"));
  else
    add_toast (self, _("No coding here to carry: put the cursor in a coded passage"));
}

/* A drop-down's button ellipsizes a long title, so that two of them fit the reader's width;
 * its list shows titles whole. */
static void
setup_choice (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              gpointer                  ellipsize)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  if (GPOINTER_TO_INT (ellipsize))
    {
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_label_set_width_chars (GTK_LABEL (label), 12);
    }
  gtk_list_item_set_child (item, label);
}

static void
bind_choice (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             gpointer                  user_data)
{
  GtkStringObject *name = gtk_list_item_get_item (item);

  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (item)),
                      gtk_string_object_get_string (name));
}

static void
set_choice_factories (GtkDropDown *choice)
{
  g_autoptr(GtkListItemFactory) button = gtk_signal_list_item_factory_new ();
  g_autoptr(GtkListItemFactory) list = gtk_signal_list_item_factory_new ();

  g_signal_connect (button, "setup", G_CALLBACK (setup_choice), GINT_TO_POINTER (TRUE));
  g_signal_connect (button, "bind", G_CALLBACK (bind_choice), NULL);
  g_signal_connect (list, "setup", G_CALLBACK (setup_choice), GINT_TO_POINTER (FALSE));
  g_signal_connect (list, "bind", G_CALLBACK (bind_choice), NULL);
  gtk_drop_down_set_factory (choice, button);
  gtk_drop_down_set_list_factory (choice, list);
}

/* GObject */

static void
shirabe_parallel_view_map (GtkWidget *widget)
{
  ShirabeParallelView *self = SHIRABE_PARALLEL_VIEW (widget);

  GTK_WIDGET_CLASS (shirabe_parallel_view_parent_class)->map (widget);
  if (self->stale)
    build_rows (self);
}

static void
shirabe_parallel_view_dispose (GObject *object)
{
  ShirabeParallelView *self = SHIRABE_PARALLEL_VIEW (object);

  if (self->project != NULL)
    g_signal_handlers_disconnect_by_data (self->project, self);
  g_clear_object (&self->project);
  g_clear_pointer (&self->codes, g_ptr_array_unref);
  g_clear_pointer (&self->family, g_ptr_array_unref);
  g_clear_pointer (&self->alignment, shirabe_alignment_free);
  g_clear_pointer (&self->original_codings, g_ptr_array_unref);
  g_clear_pointer (&self->translation_codings, g_ptr_array_unref);
  g_clear_pointer (&self->left_views, g_ptr_array_unref);
  g_clear_pointer (&self->right_views, g_ptr_array_unref);
  /* The stack is both the bin's child and a bound template child: the bin lets go first. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), SHIRABE_TYPE_PARALLEL_VIEW);
  G_OBJECT_CLASS (shirabe_parallel_view_parent_class)->dispose (object);
}

static void
shirabe_parallel_view_class_init (ShirabeParallelViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = shirabe_parallel_view_dispose;
  widget_class->map = shirabe_parallel_view_map;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/shirabe/Shirabe/"
                                               "shirabe-parallel-view.ui");
  gtk_widget_class_bind_template_child (widget_class, ShirabeParallelView, stack);
  gtk_widget_class_bind_template_child (widget_class, ShirabeParallelView, left_choice);
  gtk_widget_class_bind_template_child (widget_class, ShirabeParallelView, right_choice);
  gtk_widget_class_bind_template_child (widget_class, ShirabeParallelView, carry_button);
  gtk_widget_class_bind_template_child (widget_class, ShirabeParallelView, summary_label);
  gtk_widget_class_bind_template_child (widget_class, ShirabeParallelView, grid);
  gtk_widget_class_install_action (widget_class, "parallel.join", NULL, join_action);
  gtk_widget_class_install_action (widget_class, "parallel.split", NULL, split_action);
  gtk_widget_class_install_action (widget_class, "parallel.carry", NULL, carry_action);
  gtk_widget_class_install_action (widget_class, "parallel.reset", NULL, reset_action);
}

static void
shirabe_parallel_view_init (ShirabeParallelView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->left_views = g_ptr_array_new ();
  self->right_views = g_ptr_array_new ();
  self->current_pair = -1;
  set_choice_factories (self->left_choice);
  set_choice_factories (self->right_choice);
  g_signal_connect_object (self->left_choice, "notify::selected",
                           G_CALLBACK (on_choice_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->right_choice, "notify::selected",
                           G_CALLBACK (on_choice_changed), self, G_CONNECT_SWAPPED);
  update_actions (self);
}

/* For tests */

guint
shirabe_parallel_view_get_n_pairs (ShirabeParallelView *self)
{
  g_return_val_if_fail (SHIRABE_IS_PARALLEL_VIEW (self), 0);

  if (self->stale)
    build_rows (self);
  return self->left_views->len;
}

GtkTextView *
shirabe_parallel_view_get_text_view (ShirabeParallelView *self,
                                     guint                pair,
                                     gboolean             right)
{
  GPtrArray *views;

  g_return_val_if_fail (SHIRABE_IS_PARALLEL_VIEW (self), NULL);

  if (self->stale)
    build_rows (self);
  views = right ? self->right_views : self->left_views;
  return pair < views->len ? views->pdata[pair] : NULL;
}

gint64
shirabe_parallel_view_get_shown (ShirabeParallelView *self,
                                 gboolean             right)
{
  ShirabeNarrative *narrative;

  g_return_val_if_fail (SHIRABE_IS_PARALLEL_VIEW (self), 0);

  if (self->family == NULL || self->family->len < 2)
    return 0;
  narrative = family_member (self, right ? self->right : self->left);
  return narrative != NULL ? narrative->id : 0;
}

void
shirabe_parallel_view_choose (ShirabeParallelView *self,
                              gboolean             right,
                              gint64               narrative_id)
{
  g_return_if_fail (SHIRABE_IS_PARALLEL_VIEW (self));

  for (guint i = 0; self->family != NULL && i < self->family->len; i++)
    if (((ShirabeNarrative *) self->family->pdata[i])->id == narrative_id)
      gtk_drop_down_set_selected (right ? self->right_choice : self->left_choice, i);
}

GtkLabel *
shirabe_parallel_view_get_summary (ShirabeParallelView *self)
{
  g_return_val_if_fail (SHIRABE_IS_PARALLEL_VIEW (self), NULL);

  return self->summary_label;
}
