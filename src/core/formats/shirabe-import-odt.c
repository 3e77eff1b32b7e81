/* shirabe-import-odt.c: an OpenDocument text (ODF in a zip) as a narrative's text
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * content.xml's office:text is walked once with libxml2's streaming reader: paragraphs and
 * headings (text:p, text:h) are lines, text:s its count of spaces, text:tab a tab,
 * text:line-break a line break, list items their paragraphs, table rows lines of tab-separated
 * cells. Notes (text:note) leave their citation in the body as "[n]" and their body after it;
 * ruby gives its base (text:ruby-text left out); tracked deletions live in
 * text:tracked-changes and stay out, insertions are already in the body; annotations
 * (office:annotation) become comments in the memo, with the passage up to their
 * office:annotation-end. styles.xml (headers, footers) is not read.
 */
#include "config.h"

#include <string.h>

#include "shirabe-document-private.h"

#include "shirabe-error.h"
#include "shirabe-i18n.h"

typedef struct
{
  ShirabeTextBuilder *builder;
  GString            *out;
  int                 skip_depth;
  /* A note or an annotation being read, apart from the body. */
  GString            *aside;
  int                 aside_depth;
  gboolean            aside_is_note;
  gboolean            aside_is_endnote;
  guint               paragraph_depth;
  gboolean            in_citation;
  char               *citation;
  char               *author;
  char               *date;
  gboolean            in_author;
  gboolean            in_date;
  /* Annotations waiting for their end, by name: the body's offset where they began. */
  GHashTable         *open_annotations;
  GHashTable         *annotation_texts;
  GPtrArray          *annotation_order;
  guint               n_notes;
  gboolean            has_content;
} Walk;

typedef struct
{
  char  *author;
  char  *date;
  char  *text;
  gsize  start;
  gsize  end;
} Annotation;

static void
annotation_free (Annotation *annotation)
{
  g_free (annotation->author);
  g_free (annotation->date);
  g_free (annotation->text);
  g_free (annotation);
}

static gboolean
skipped (const xmlChar *name)
{
  static const char *const names[] = {
    "tracked-changes", "ruby-text", "bookmark-ref", "sequence-decls", "variable-decls",
    "user-field-decls", "forms", "table-columns", "table-column", "image", "notes-configuration",
  };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (shirabe_xml_is (name, names[i]))
      return TRUE;
  return FALSE;
}

static void
start_element (Walk             *walk,
               xmlTextReaderPtr  reader,
               const xmlChar    *name,
               int               depth,
               gboolean          empty)
{
  ShirabeTextBuilder *builder = walk->builder;
  ShirabeDocument *document = builder->document;

  if (shirabe_xml_is (name, "tracked-changes"))
    {
      /* Each changed region is a deletion or a format change; only deletions hold text. */
      document->n_deletions++;
    }
  if (skipped (name))
    {
      if (!empty)
        walk->skip_depth = depth;
      return;
    }
  if (shirabe_xml_is (name, "s"))
    {
      g_autofree char *count = shirabe_xml_dup_attribute (reader, "c");
      guint64 n = count != NULL ? g_ascii_strtoull (count, NULL, 10) : 1;

      for (guint64 i = 0; i < MIN (n, 1000); i++)
        shirabe_text_builder_append (builder, walk->out, " ", 1);
    }
  else if (shirabe_xml_is (name, "tab"))
    shirabe_text_builder_append (builder, walk->out, "\t", 1);
  else if (shirabe_xml_is (name, "line-break"))
    shirabe_text_builder_append (builder, walk->out, "\n", 1);
  else if ((shirabe_xml_is (name, "p") || shirabe_xml_is (name, "h")) && !empty)
    walk->paragraph_depth++;
  else if (shirabe_xml_is (name, "ruby"))
    document->n_ruby++;
  else if (shirabe_xml_is (name, "text-box"))
    document->n_text_boxes++;
  else if (shirabe_xml_is (name, "table") && !empty)
    document->n_tables++;
  else if ((shirabe_xml_is (name, "table-cell") || shirabe_xml_is (name, "covered-table-cell")) &&
           !empty)
    {
      builder->cell_depth++;
      builder->cell_has_text = FALSE;
    }
  else if (shirabe_xml_is (name, "covered-table-cell"))
    g_string_append_c (walk->out, '\t');
  else if (shirabe_xml_is (name, "change-start"))
    document->n_insertions++;
  else if (shirabe_xml_is (name, "note") && !empty && walk->aside == NULL)
    {
      g_autofree char *class = shirabe_xml_dup_attribute (reader, "note-class");

      walk->aside = g_string_new (NULL);
      walk->aside_depth = depth;
      walk->aside_is_note = TRUE;
      walk->aside_is_endnote = g_strcmp0 (class, "endnote") == 0;
      if (walk->aside_is_endnote)
        document->n_endnotes++;
      else
        document->n_footnotes++;
      walk->n_notes++;
      g_free (walk->citation);
      walk->citation = g_strdup_printf ("%u", walk->n_notes);
      walk->out = walk->aside;
    }
  else if (shirabe_xml_is (name, "note-citation"))
    walk->in_citation = !empty;
  else if (shirabe_xml_is (name, "annotation") && !empty && walk->aside == NULL)
    {
      char *annotation_name = shirabe_xml_dup_attribute (reader, "name");

      walk->aside = g_string_new (NULL);
      walk->aside_depth = depth;
      walk->aside_is_note = FALSE;
      g_clear_pointer (&walk->author, g_free);
      g_clear_pointer (&walk->date, g_free);
      if (annotation_name != NULL)
        g_hash_table_insert (walk->open_annotations, annotation_name,
                             GSIZE_TO_POINTER (builder->text->len));
      g_ptr_array_add (walk->annotation_order, annotation_name != NULL
                                               ? g_strdup (annotation_name)
                                               : g_strdup_printf ("#%u",
                                                                  walk->annotation_order->len));
      walk->out = walk->aside;
    }
  else if (shirabe_xml_is (name, "creator") && walk->aside != NULL && !walk->aside_is_note)
    walk->in_author = !empty;
  else if (shirabe_xml_is (name, "date") && walk->aside != NULL && !walk->aside_is_note)
    walk->in_date = !empty;
  else if (shirabe_xml_is (name, "annotation-end"))
    {
      g_autofree char *annotation_name = shirabe_xml_dup_attribute (reader, "name");
      Annotation *annotation = annotation_name != NULL
        ? g_hash_table_lookup (walk->annotation_texts, annotation_name) : NULL;

      if (annotation != NULL)
        annotation->end = builder->text->len;
    }
}

static void
end_element (Walk          *walk,
             const xmlChar *name,
             int            depth)
{
  ShirabeTextBuilder *builder = walk->builder;

  if (walk->aside != NULL && depth == walk->aside_depth)
    {
      g_string_replace (walk->aside, "\n", " ", 0);
      g_strstrip (walk->aside->str);
      if (walk->aside_is_note)
        {
          g_autofree char *marker = g_strdup_printf ("[%s]", walk->citation);
          GString *notes = walk->aside_is_endnote ? builder->endnotes : builder->notes;

          shirabe_text_builder_append (builder, builder->text, marker, -1);
          g_string_append_printf (notes, "%s %s\n", marker, walk->aside->str);
        }
      else
        {
          Annotation *annotation = g_new0 (Annotation, 1);
          const char *key = walk->annotation_order->pdata[walk->annotation_order->len - 1];

          annotation->author = g_steal_pointer (&walk->author);
          annotation->date = g_steal_pointer (&walk->date);
          annotation->text = g_strdup (walk->aside->str);
          annotation->start = GPOINTER_TO_SIZE (g_hash_table_lookup (walk->open_annotations,
                                                                     key));
          annotation->end = annotation->start;
          g_hash_table_insert (walk->annotation_texts, g_strdup (key), annotation);
        }
      g_string_free (walk->aside, TRUE);
      walk->aside = NULL;
      walk->out = builder->text;
      return;
    }
  if (shirabe_xml_is (name, "note-citation"))
    walk->in_citation = FALSE;
  else if (shirabe_xml_is (name, "creator"))
    walk->in_author = FALSE;
  else if (shirabe_xml_is (name, "date"))
    walk->in_date = FALSE;
  else if (shirabe_xml_is (name, "p") || shirabe_xml_is (name, "h"))
    {
      /* ODF's white space rule: no space at a paragraph's end. */
      if (walk->out->len > 0 && walk->out->str[walk->out->len - 1] == ' ' &&
          walk->paragraph_depth > 0)
        g_string_truncate (walk->out, walk->out->len - 1);
      if (walk->paragraph_depth > 0)
        walk->paragraph_depth--;
      shirabe_text_builder_end_paragraph (builder, walk->out);
    }
  else if ((shirabe_xml_is (name, "table-cell") || shirabe_xml_is (name, "covered-table-cell")) &&
           builder->cell_depth > 0)
    {
      if (walk->out->len > 0 && walk->out->str[walk->out->len - 1] == ' ')
        g_string_truncate (walk->out, walk->out->len - 1);
      g_string_append_c (walk->out, '\t');
      builder->cell_depth--;
    }
  else if (shirabe_xml_is (name, "table-row"))
    {
      if (walk->out->len > 0 && walk->out->str[walk->out->len - 1] == '\t')
        g_string_truncate (walk->out, walk->out->len - 1);
      g_string_append_c (walk->out, builder->cell_depth == 0 ? '\n' : ' ');
    }
}

/* ODF's white space rule: a run of spaces, tabs and line ends in a paragraph's text is one
 * space, and none at the paragraph's start; text:s, text:tab and text:line-break are the way
 * to more. */
static void
append_collapsed (Walk       *walk,
                  const char *value)
{
  GString *out = walk->out;

  for (const char *p = value; *p != '\0'; p++)
    {
      gboolean space = *p == ' ' || *p == '\t' || *p == '\n' || *p == '\r';

      if (!space)
        {
          const char *end = p;

          while (*end != '\0' && *end != ' ' && *end != '\t' && *end != '\n' && *end != '\r')
            end++;
          shirabe_text_builder_append (walk->builder, out, p, end - p);
          p = end - 1;
        }
      else if (out->len > 0 && out->str[out->len - 1] != ' ' && out->str[out->len - 1] != '\n' &&
               out->str[out->len - 1] != '\t')
        g_string_append_c (out, ' ');
    }
}

/* content.xml as it is unpacked. */
static gboolean
on_content (const char       *part_name,
            xmlTextReaderPtr  reader,
            gpointer          user_data,
            GError          **error)
{
  Walk *walk = user_data;
  ShirabeTextBuilder *builder = walk->builder;
  gboolean in_body = FALSE;
  gboolean ok = TRUE;
  int rc;

  walk->has_content = TRUE;
  while (ok && (rc = xmlTextReaderRead (reader)) == 1)
    {
      int type = xmlTextReaderNodeType (reader);
      int depth = xmlTextReaderDepth (reader);
      const xmlChar *name = xmlTextReaderConstLocalName (reader);

      if (!shirabe_text_builder_check (builder, error))
        {
          ok = FALSE;
          break;
        }
      /* Only office:body's office:text: not the automatic styles or the font declarations. */
      if (!in_body)
        {
          if (type == XML_READER_TYPE_ELEMENT && shirabe_xml_is (name, "text") && depth == 2)
            in_body = TRUE;
          continue;
        }
      if (type == XML_READER_TYPE_END_ELEMENT && shirabe_xml_is (name, "text") && depth == 2)
        break;
      if (walk->skip_depth >= 0)
        {
          if (type == XML_READER_TYPE_END_ELEMENT && depth == walk->skip_depth)
            walk->skip_depth = -1;
          continue;
        }
      switch (type)
        {
        case XML_READER_TYPE_ELEMENT:
          {
            gboolean empty = xmlTextReaderIsEmptyElement (reader) == 1;

            start_element (walk, reader, name, depth, empty);
            /* An empty element has no end of its own. */
            if (empty && (shirabe_xml_is (name, "p") || shirabe_xml_is (name, "h")))
              end_element (walk, name, depth);
          }
          break;
        case XML_READER_TYPE_END_ELEMENT:
          end_element (walk, name, depth);
          break;
        case XML_READER_TYPE_TEXT:
        case XML_READER_TYPE_SIGNIFICANT_WHITESPACE:
        case XML_READER_TYPE_WHITESPACE:
        case XML_READER_TYPE_CDATA:
          {
            const char *value = (const char *) xmlTextReaderConstValue (reader);

            if (walk->in_citation)
              {
                g_free (walk->citation);
                walk->citation = g_strdup (value);
              }
            else if (walk->in_author || walk->in_date)
              {
                char **field = walk->in_author ? &walk->author : &walk->date;
                char *joined = g_strconcat (*field != NULL ? *field : "", value, NULL);

                g_free (*field);
                *field = joined;
              }
            else if (walk->paragraph_depth > 0)
              append_collapsed (walk, value);
          }
          break;
        default:
          break;
        }
    }
  if (ok && rc < 0)
    {
      shirabe_xml_set_error (error, builder->display_name, "content.xml");
      ok = FALSE;
    }
  return ok;
}

gboolean
shirabe_odt_convert (ShirabeTextBuilder          *builder,
                     const char                  *data,
                     gsize                        size,
                     const ShirabeDocumentLimits *limits,
                     GError                     **error)
{
  static const char *const names[] = { "content.xml", NULL };
  Walk walk = { builder };
  gboolean ok;

  walk.out = builder->text;
  walk.skip_depth = -1;
  walk.open_annotations = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  walk.annotation_texts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                 (GDestroyNotify) annotation_free);
  walk.annotation_order = g_ptr_array_new_with_free_func (g_free);

  ok = shirabe_zip_stream_parts (data, size, names, limits, builder->display_name, on_content,
                                 &walk, error);
  if (ok && !walk.has_content)
    {
      g_set_error (error, SHIRABE_ERROR, SHIRABE_ERROR_CORRUPT,
                   _("“%s” is not an OpenDocument text: it has no content.xml"),
                   builder->display_name);
      ok = FALSE;
    }
  if (walk.aside != NULL)
    g_string_free (walk.aside, TRUE);
  if (ok)
    for (guint i = 0; i < walk.annotation_order->len; i++)
      {
        Annotation *annotation = g_hash_table_lookup (walk.annotation_texts,
                                                      walk.annotation_order->pdata[i]);
        g_autofree char *passage = NULL;

        if (annotation == NULL)
          continue;
        if (annotation->end > annotation->start && annotation->end <= builder->text->len)
          {
            passage = g_strndup (builder->text->str + annotation->start,
                                 annotation->end - annotation->start);
            g_strstrip (g_strdelimit (passage, "\n\t", ' '));
          }
        shirabe_text_builder_add_comment (builder, annotation->author, annotation->date, passage,
                                          annotation->text);
      }
  g_hash_table_unref (walk.open_annotations);
  g_hash_table_unref (walk.annotation_texts);
  g_ptr_array_unref (walk.annotation_order);
  g_free (walk.citation);
  g_free (walk.author);
  g_free (walk.date);
  return ok;
}
