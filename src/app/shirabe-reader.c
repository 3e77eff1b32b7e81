/* shirabe-reader.c: the narrative being read, with its coded passages shaded
 *
 * One GtkTextTag per code, not per coding: a narrative with thousands of codings still has a
 * tag table of the codebook's size, and recolouring a code is one property change.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "shirabe-i18n.h"

#include <adwaita.h>

#include "shirabe-reader.h"

/* Light enough that text stays readable on every code colour, in light and dark styles. */
#define SHADE_ALPHA 0.32

struct _ShirabeReader
{
  GtkWidget       parent_instance;

  ShirabeProject *project;
  gint64          narrative_id;
  GHashTable     *code_tags;      /* code id (gint64*) → GtkTextTag (owned by the table) */
  GHashTable     *shown;          /* coding id (gint64*) → ShirabeCoding shaded in the buffer */
  GtkTextTag     *language_tag;

  /* template */
  GtkStack       *stack;
  GtkLabel       *title_label;
  GtkLabel       *details_label;
  GtkTextView    *text_view;
  GtkTextBuffer  *buffer;
};

G_DEFINE_FINAL_TYPE (ShirabeReader, shirabe_reader, GTK_TYPE_WIDGET)

static void
shirabe_reader_dispose (GObject *object)
{
  ShirabeReader *self = SHIRABE_READER (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), SHIRABE_TYPE_READER);
  g_clear_object (&self->project);

  G_OBJECT_CLASS (shirabe_reader_parent_class)->dispose (object);
}

static void
shirabe_reader_finalize (GObject *object)
{
  ShirabeReader *self = SHIRABE_READER (object);

  g_clear_pointer (&self->code_tags, g_hash_table_unref);
  g_clear_pointer (&self->shown, g_hash_table_unref);

  G_OBJECT_CLASS (shirabe_reader_parent_class)->finalize (object);
}

static void
shirabe_reader_class_init (ShirabeReaderClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = shirabe_reader_dispose;
  object_class->finalize = shirabe_reader_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/shirabe/Shirabe/shirabe-reader.ui");
  gtk_widget_class_bind_template_child (widget_class, ShirabeReader, stack);
  gtk_widget_class_bind_template_child (widget_class, ShirabeReader, title_label);
  gtk_widget_class_bind_template_child (widget_class, ShirabeReader, details_label);
  gtk_widget_class_bind_template_child (widget_class, ShirabeReader, text_view);
  gtk_widget_class_bind_template_child (widget_class, ShirabeReader, buffer);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "reader");
}

static void
shirabe_reader_init (ShirabeReader *self)
{
  g_type_ensure (ADW_TYPE_STATUS_PAGE);
  g_type_ensure (ADW_TYPE_CLAMP);
  g_type_ensure (ADW_TYPE_CLAMP_SCROLLABLE);
  gtk_widget_init_template (GTK_WIDGET (self));

  self->code_tags = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->shown = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL,
                                       (GDestroyNotify) shirabe_coding_free);
  /* Created first, so that it has the lowest priority and every code tag draws over it. */
  self->language_tag = gtk_text_buffer_create_tag (self->buffer, "narrative-language", NULL);
}

ShirabeReader *
shirabe_reader_new (void)
{
  return g_object_new (SHIRABE_TYPE_READER, NULL);
}

void
shirabe_reader_set_project (ShirabeReader  *self,
                            ShirabeProject *project)
{
  g_return_if_fail (SHIRABE_IS_READER (self));
  g_return_if_fail (project == NULL || SHIRABE_IS_PROJECT (project));

  if (g_set_object (&self->project, project))
    shirabe_reader_show_narrative (self, NULL, NULL);
}

void
shirabe_reader_set_codes (ShirabeReader *self,
                          GPtrArray     *codes)
{
  GtkTextTagTable *table;
  g_autoptr(GHashTable) seen = NULL;
  GHashTableIter iter;
  gpointer key;
  gpointer value;

  g_return_if_fail (SHIRABE_IS_READER (self));
  g_return_if_fail (codes != NULL);

  table = gtk_text_buffer_get_tag_table (self->buffer);
  seen = g_hash_table_new (g_int64_hash, g_int64_equal);
  for (guint i = 0; i < codes->len; i++)
    {
      ShirabeCode *code = g_ptr_array_index (codes, i);
      GtkTextTag *tag = g_hash_table_lookup (self->code_tags, &code->id);
      GdkRGBA rgba;

      if (tag == NULL)
        {
          g_autofree char *name = g_strdup_printf ("code-%" G_GINT64_FORMAT, code->id);

          tag = gtk_text_buffer_create_tag (self->buffer, name, NULL);
          g_hash_table_insert (self->code_tags, g_memdup2 (&code->id, sizeof code->id), tag);
        }
      g_hash_table_add (seen, &code->id);
      if (code->color != NULL && gdk_rgba_parse (&rgba, code->color))
        {
          rgba.alpha = SHADE_ALPHA;
          g_object_set (tag, "background-rgba", &rgba, NULL);
        }
      else
        g_object_set (tag, "background-set", FALSE, NULL);
    }

  g_hash_table_iter_init (&iter, self->code_tags);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (!g_hash_table_contains (seen, key))
      {
        gtk_text_tag_table_remove (table, value);
        g_hash_table_iter_remove (&iter);
      }
}

static void
set_language (ShirabeReader *self,
              const char    *language)
{
  if (language != NULL && *language != '\0')
    g_object_set (self->language_tag, "language", language, NULL);
  else
    g_object_set (self->language_tag, "language-set", FALSE, NULL);
}

gboolean
shirabe_reader_show_narrative (ShirabeReader           *self,
                               const ShirabeNarrative  *narrative,
                               GError                 **error)
{
  g_autofree char *text = NULL;
  g_autofree char *details = NULL;
  GtkTextIter start;
  GtkTextIter end;

  g_return_val_if_fail (SHIRABE_IS_READER (self), FALSE);

  if (narrative == NULL || self->project == NULL)
    {
      self->narrative_id = 0;
      g_hash_table_remove_all (self->shown);
      gtk_text_buffer_set_text (self->buffer, "", 0);
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return TRUE;
    }

  text = shirabe_project_dup_narrative_text (self->project, narrative->id, error);
  if (text == NULL)
    {
      shirabe_reader_show_narrative (self, NULL, NULL);
      return FALSE;
    }

  self->narrative_id = narrative->id;
  gtk_label_set_label (self->title_label, narrative->title);
  /* Translators: under a narrative's title: its case, then its length */
  details = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s · %" G_GINT64_FORMAT " character",
                                          "%s · %" G_GINT64_FORMAT " characters",
                                          narrative->length),
                             narrative->case_name, narrative->length);
  gtk_label_set_label (self->details_label, details);
  set_language (self, narrative->language);

  g_hash_table_remove_all (self->shown);
  gtk_text_buffer_set_text (self->buffer, text, -1);
  gtk_text_buffer_get_bounds (self->buffer, &start, &end);
  gtk_text_buffer_apply_tag (self->buffer, self->language_tag, &start, &end);
  gtk_text_buffer_place_cursor (self->buffer, &start);
  gtk_stack_set_visible_child_name (self->stack, "text");

  return shirabe_reader_reload_codings (self, error);
}

gint64
shirabe_reader_get_narrative_id (ShirabeReader *self)
{
  g_return_val_if_fail (SHIRABE_IS_READER (self), 0);

  return self->narrative_id;
}

static void
shade (ShirabeReader *self,
       GtkTextTag    *tag,
       gint64         start,
       gint64         end,
       gboolean       on)
{
  GtkTextIter start_iter;
  GtkTextIter end_iter;

  gtk_text_buffer_get_iter_at_offset (self->buffer, &start_iter, (int) start);
  gtk_text_buffer_get_iter_at_offset (self->buffer, &end_iter, (int) end);
  if (on)
    gtk_text_buffer_apply_tag (self->buffer, tag, &start_iter, &end_iter);
  else
    gtk_text_buffer_remove_tag (self->buffer, tag, &start_iter, &end_iter);
}

/* Only the passages whose codings came or went are touched: applying one code to a long,
 * densely coded narrative changes one range of the buffer, not all of them. */
gboolean
shirabe_reader_reload_codings (ShirabeReader  *self,
                               GError        **error)
{
  g_autoptr(GPtrArray) codings = NULL;
  g_autoptr(GHashTable) current = NULL;
  g_autoptr(GPtrArray) gone = NULL;
  GHashTableIter iter;
  gpointer value;

  g_return_val_if_fail (SHIRABE_IS_READER (self), FALSE);

  if (self->narrative_id == 0)
    return TRUE;

  codings = shirabe_project_list_codings (self->project, self->narrative_id, error);
  if (codings == NULL)
    return FALSE;
  current = g_hash_table_new (g_int64_hash, g_int64_equal);
  for (guint i = 0; i < codings->len; i++)
    {
      ShirabeCoding *coding = g_ptr_array_index (codings, i);

      g_hash_table_insert (current, &coding->id, coding);
    }

  /* Unshade what went, then shade again what other codings of the same code still cover. */
  gone = g_ptr_array_new_with_free_func ((GDestroyNotify) shirabe_coding_free);
  g_hash_table_iter_init (&iter, self->shown);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      ShirabeCoding *shown = value;
      ShirabeCoding *now = g_hash_table_lookup (current, &shown->id);

      if (now == NULL || now->code_id != shown->code_id || now->start != shown->start ||
          now->end != shown->end)
        {
          g_hash_table_iter_steal (&iter);
          g_ptr_array_add (gone, shown);
        }
    }
  for (guint i = 0; i < gone->len; i++)
    {
      ShirabeCoding *old = g_ptr_array_index (gone, i);
      GtkTextTag *tag = g_hash_table_lookup (self->code_tags, &old->code_id);

      if (tag == NULL)
        continue;
      shade (self, tag, old->start, old->end, FALSE);
      g_hash_table_iter_init (&iter, self->shown);
      while (g_hash_table_iter_next (&iter, NULL, &value))
        {
          ShirabeCoding *other = value;

          if (other->code_id == old->code_id && other->start < old->end && other->end > old->start)
            shade (self, tag, MAX (other->start, old->start), MIN (other->end, old->end), TRUE);
        }
    }

  for (guint i = 0; i < codings->len; i++)
    {
      ShirabeCoding *coding = g_ptr_array_index (codings, i);
      GtkTextTag *tag = g_hash_table_lookup (self->code_tags, &coding->code_id);

      if (tag == NULL || g_hash_table_contains (self->shown, &coding->id))
        continue;
      shade (self, tag, coding->start, coding->end, TRUE);
      coding = g_ptr_array_steal_index_fast (codings, i--);
      g_hash_table_insert (self->shown, &coding->id, coding);
    }
  return TRUE;
}

gboolean
shirabe_reader_get_selection (ShirabeReader *self,
                              gint64        *start,
                              gint64        *end)
{
  GtkTextIter start_iter;
  GtkTextIter end_iter;

  g_return_val_if_fail (SHIRABE_IS_READER (self), FALSE);

  if (self->narrative_id == 0 ||
      !gtk_text_buffer_get_selection_bounds (self->buffer, &start_iter, &end_iter))
    return FALSE;
  *start = gtk_text_iter_get_offset (&start_iter);
  *end = gtk_text_iter_get_offset (&end_iter);
  return TRUE;
}

void
shirabe_reader_unselect (ShirabeReader *self)
{
  GtkTextIter start;
  GtkTextIter end;

  g_return_if_fail (SHIRABE_IS_READER (self));

  if (gtk_text_buffer_get_selection_bounds (self->buffer, &start, &end))
    gtk_text_buffer_place_cursor (self->buffer, &end);
}

GtkTextBuffer *
shirabe_reader_get_buffer (ShirabeReader *self)
{
  g_return_val_if_fail (SHIRABE_IS_READER (self), NULL);

  return self->buffer;
}

GtkTextTag *
shirabe_reader_get_code_tag (ShirabeReader *self,
                             gint64         code_id)
{
  g_return_val_if_fail (SHIRABE_IS_READER (self), NULL);

  return g_hash_table_lookup (self->code_tags, &code_id);
}
