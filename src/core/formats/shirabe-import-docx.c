/* shirabe-import-docx.c: a Word document (WordprocessingML in a zip) as a narrative's text
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * word/document.xml is walked once with libxml2's streaming reader: text runs (w:t) are
 * appended; a paragraph (w:p) ends a line; tabs, breaks and table cells as the whitespace rule
 * in shirabe-document.h says. Tracked changes are read as accepted: insertions (w:ins, w:moveTo)
 * in, deletions (w:del, w:moveFrom) out. A field shows its result, not its code (w:instrText,
 * and what lies between a field's begin and separate marks). Ruby gives its base only (w:rt
 * left out), so that furigana never doubles a Japanese word. A text box's text comes where it
 * is anchored, once: mc:Fallback, the copy for old readers, is left out. Headers and footers
 * are other parts and are not read. Footnotes, endnotes and comments come from their own
 * parts, in the order the body refers to them.
 */
#include "config.h"

#include <string.h>

#include "shirabe-document-private.h"

#include "shirabe-error.h"
#include "shirabe-i18n.h"

#define MAX_FIELD_DEPTH 32

typedef struct
{
  ShirabeTextBuilder *builder;
  GString            *out;          /* where text goes now */
  gboolean            in_text;      /* inside w:t */
  int                 skip_depth;   /* skipping a subtree that began at this depth; -1 none */
  gboolean            field_code[MAX_FIELD_DEPTH];
  /* Where each open paragraph began in out: a paragraph holding only a text box's paragraphs
   * has had its line ended by them. */
  gsize               paragraph_starts[MAX_FIELD_DEPTH];
  guint               paragraph_depth;
  guint               field_depth;
  /* Notes: their number in the body's order, by id. */
  GHashTable         *footnote_numbers;
  GHashTable         *endnote_numbers;
  /* Comments' anchors in the body, by id: byte offsets [start, end). */
  GHashTable         *comment_starts;
  GHashTable         *comment_ends;
  /* Parts of notes and comments: their text by id while walking them. */
  GHashTable         *texts;
  GHashTable         *authors;
  GHashTable         *dates;
  GPtrArray          *comment_order;
  char               *current_id;
  gboolean            has_body;
} Walk;

/* Lower-case roman numerals, as Word numbers endnotes. */
static char *
roman (guint n)
{
  static const struct { guint value; const char *digits; } table[] = {
    { 1000, "m" }, { 900, "cm" }, { 500, "d" }, { 400, "cd" }, { 100, "c" }, { 90, "xc" },
    { 50, "l" }, { 40, "xl" }, { 10, "x" }, { 9, "ix" }, { 5, "v" }, { 4, "iv" }, { 1, "i" },
  };
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (table); i++)
    while (n >= table[i].value)
      {
        g_string_append (out, table[i].digits);
        n -= table[i].value;
      }
  return g_string_free (out, FALSE);
}

/* A footnote, an endnote or a comment: a note's or comment's own text, read apart. */
static gboolean
is_aside (const xmlChar *name)
{
  return shirabe_xml_is (name, "footnote") || shirabe_xml_is (name, "endnote") ||
         shirabe_xml_is (name, "comment");
}

static gboolean
in_field_code (Walk *walk)
{
  for (guint i = 0; i < walk->field_depth && i < MAX_FIELD_DEPTH; i++)
    if (walk->field_code[i])
      return TRUE;
  return FALSE;
}

/* Elements whose whole subtree says nothing of the text. */
static gboolean
skipped (const xmlChar *name)
{
  static const char *const names[] = {
    "pPr", "rPr", "sectPr", "tblPr", "tblGrid", "trPr", "tcPr", "instrText", "delText",
    "del", "moveFrom", "rt", "Fallback", "sym", "fldData", "object",
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

  if (skipped (name))
    {
      if (shirabe_xml_is (name, "del") || shirabe_xml_is (name, "moveFrom"))
        document->n_deletions++;
      if (!empty)
        walk->skip_depth = depth;
      return;
    }
  if (shirabe_xml_is (name, "t"))
    walk->in_text = !empty;
  else if (shirabe_xml_is (name, "p") && !empty)
    {
      if (walk->paragraph_depth < MAX_FIELD_DEPTH)
        walk->paragraph_starts[walk->paragraph_depth] = walk->out->len;
      walk->paragraph_depth++;
    }
  else if (shirabe_xml_is (name, "p"))
    shirabe_text_builder_end_paragraph (builder, walk->out);
  else if (shirabe_xml_is (name, "tab"))
    shirabe_text_builder_append (builder, walk->out, "\t", 1);
  else if (shirabe_xml_is (name, "br") || shirabe_xml_is (name, "cr"))
    shirabe_text_builder_append (builder, walk->out, "\n", 1);
  else if (shirabe_xml_is (name, "noBreakHyphen"))
    shirabe_text_builder_append (builder, walk->out, "-", 1);
  else if (shirabe_xml_is (name, "ins") || shirabe_xml_is (name, "moveTo"))
    document->n_insertions++;
  else if (shirabe_xml_is (name, "ruby"))
    document->n_ruby++;
  else if (shirabe_xml_is (name, "txbxContent"))
    document->n_text_boxes++;
  else if (shirabe_xml_is (name, "tbl"))
    document->n_tables++;
  else if (shirabe_xml_is (name, "tc") && !empty)
    {
      builder->cell_depth++;
      builder->cell_has_text = FALSE;
    }
  else if (shirabe_xml_is (name, "fldChar"))
    {
      g_autofree char *type = shirabe_xml_dup_attribute (reader, "fldCharType");

      if (g_strcmp0 (type, "begin") == 0)
        {
          if (walk->field_depth < MAX_FIELD_DEPTH)
            walk->field_code[walk->field_depth] = TRUE;
          walk->field_depth++;
        }
      else if (g_strcmp0 (type, "separate") == 0 && walk->field_depth > 0 &&
               walk->field_depth <= MAX_FIELD_DEPTH)
        walk->field_code[walk->field_depth - 1] = FALSE;
      else if (g_strcmp0 (type, "end") == 0 && walk->field_depth > 0)
        walk->field_depth--;
    }
  else if (shirabe_xml_is (name, "footnoteReference") || shirabe_xml_is (name, "endnoteReference"))
    {
      gboolean foot = shirabe_xml_is (name, "footnoteReference");
      GHashTable *numbers = foot ? walk->footnote_numbers : walk->endnote_numbers;
      char *id = shirabe_xml_dup_attribute (reader, "id");
      guint n = g_hash_table_size (numbers) + 1;
      g_autofree char *label = foot ? g_strdup_printf ("%u", n) : roman (n);
      g_autofree char *marker = g_strdup_printf ("[%s]", label);

      if (id == NULL || g_hash_table_contains (numbers, id))
        {
          g_free (id);
          return;
        }
      g_hash_table_insert (numbers, id, GUINT_TO_POINTER (n));
      shirabe_text_builder_append (builder, walk->out, marker, -1);
    }
  else if (shirabe_xml_is (name, "commentRangeStart") || shirabe_xml_is (name, "commentRangeEnd"))
    {
      char *id = shirabe_xml_dup_attribute (reader, "id");

      if (id != NULL)
        g_hash_table_insert (shirabe_xml_is (name, "commentRangeStart") ? walk->comment_starts
                                                            : walk->comment_ends,
                             id, GSIZE_TO_POINTER (walk->out->len));
    }
  else if (is_aside (name) && !empty)
    {
      g_autofree char *type = shirabe_xml_dup_attribute (reader, "type");

      g_free (walk->current_id);
      walk->current_id = shirabe_xml_dup_attribute (reader, "id");
      /* The separators Word keeps among the notes are no notes. */
      if (type != NULL && strcmp (type, "normal") != 0)
        {
          walk->skip_depth = depth;
          return;
        }
      walk->out = g_string_new (NULL);
      if (shirabe_xml_is (name, "comment") && walk->current_id != NULL)
        {
          g_hash_table_insert (walk->authors, g_strdup (walk->current_id),
                               shirabe_xml_dup_attribute (reader, "author"));
          g_hash_table_insert (walk->dates, g_strdup (walk->current_id),
                               shirabe_xml_dup_attribute (reader, "date"));
          g_ptr_array_add (walk->comment_order, g_strdup (walk->current_id));
        }
    }
}

static void
end_element (Walk          *walk,
             const xmlChar *name)
{
  ShirabeTextBuilder *builder = walk->builder;

  if (shirabe_xml_is (name, "t"))
    walk->in_text = FALSE;
  else if (shirabe_xml_is (name, "p"))
    {
      gsize start = 0;

      if (walk->paragraph_depth > 0)
        {
          walk->paragraph_depth--;
          if (walk->paragraph_depth < MAX_FIELD_DEPTH)
            start = walk->paragraph_starts[walk->paragraph_depth];
        }
      if (walk->out->len > start && walk->out->str[walk->out->len - 1] == '\n')
        return;
      shirabe_text_builder_end_paragraph (builder, walk->out);
    }
  else if (shirabe_xml_is (name, "tc") && builder->cell_depth > 0)
    {
      /* A cell's last paragraph left a space; the cell ends with a tab. */
      if (walk->out->len > 0 && walk->out->str[walk->out->len - 1] == ' ')
        g_string_truncate (walk->out, walk->out->len - 1);
      g_string_append_c (walk->out, '\t');
      builder->cell_depth--;
    }
  else if (shirabe_xml_is (name, "tr"))
    {
      if (walk->out->len > 0 && walk->out->str[walk->out->len - 1] == '\t')
        g_string_truncate (walk->out, walk->out->len - 1);
      if (builder->cell_depth == 0)
        g_string_append_c (walk->out, '\n');
      else
        g_string_append_c (walk->out, ' ');
    }
  else if (is_aside (name) && walk->out != builder->text)
    {
      g_string_replace (walk->out, "\n", " ", 0);
      g_strstrip (walk->out->str);
      if (walk->current_id != NULL)
        g_hash_table_insert (walk->texts, g_strdup (walk->current_id),
                             g_strdup (walk->out->str));
      g_string_free (walk->out, TRUE);
      walk->out = builder->text;
    }
}

/* Walks one part as it is unpacked; notes and comments land in walk->texts by id. */
static gboolean
walk_part (Walk             *walk,
           xmlTextReaderPtr  reader,
           const char       *part_name,
           GError          **error)
{
  ShirabeTextBuilder *builder = walk->builder;
  int rc;

  walk->skip_depth = -1;
  walk->in_text = FALSE;
  walk->field_depth = 0;
  walk->paragraph_depth = 0;
  walk->out = builder->text;
  while ((rc = xmlTextReaderRead (reader)) == 1)
    {
      int type = xmlTextReaderNodeType (reader);
      int depth = xmlTextReaderDepth (reader);
      const xmlChar *name = xmlTextReaderConstLocalName (reader);

      if (!shirabe_text_builder_check (builder, error))
        return FALSE;
      if (walk->skip_depth >= 0)
        {
          if (type == XML_READER_TYPE_END_ELEMENT && depth == walk->skip_depth)
            walk->skip_depth = -1;
          continue;
        }
      switch (type)
        {
        case XML_READER_TYPE_ELEMENT:
          start_element (walk, reader, name, depth, xmlTextReaderIsEmptyElement (reader) == 1);
          break;
        case XML_READER_TYPE_END_ELEMENT:
          end_element (walk, name);
          break;
        case XML_READER_TYPE_TEXT:
        case XML_READER_TYPE_SIGNIFICANT_WHITESPACE:
        case XML_READER_TYPE_CDATA:
          if (walk->in_text && !in_field_code (walk))
            shirabe_text_builder_append (builder, walk->out,
                                         (const char *) xmlTextReaderConstValue (reader), -1);
          break;
        default:
          break;
        }
    }
  if (walk->out != builder->text)
    {
      g_string_free (walk->out, TRUE);
      walk->out = builder->text;
    }
  if (rc != 0)
    {
      shirabe_xml_set_error (error, builder->display_name, part_name);
      return FALSE;
    }
  return TRUE;
}

/* The notes of @numbers, in their order in the body, as "[n] text" lines. */
static void
append_notes (Walk       *walk,
              GHashTable *numbers,
              GString    *out,
              gboolean    foot)
{
  guint n = g_hash_table_size (numbers);
  g_autofree const char **ids = g_new0 (const char *, n + 1);
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, numbers);
  while (g_hash_table_iter_next (&iter, &key, &value))
    ids[GPOINTER_TO_UINT (value) - 1] = key;
  for (guint i = 0; i < n; i++)
    {
      const char *text = g_hash_table_lookup (walk->texts, ids[i]);
      g_autofree char *label = foot ? g_strdup_printf ("%u", i + 1) : roman (i + 1);

      g_string_append_printf (out, "[%s] %s\n", label, text != NULL ? text : "");
    }
}

/* Each part in the archive's order: the body's text goes to the builder, the notes' and
 * comments' to walk->texts; they are put together once all are read, so the order of the
 * parts in the zip does not matter. */
static gboolean
on_part (const char       *name,
         xmlTextReaderPtr  reader,
         gpointer          user_data,
         GError          **error)
{
  Walk *walk = user_data;
  ShirabeTextBuilder *builder = walk->builder;
  GString *body_text;
  gboolean ok;

  if (strcmp (name, "word/document.xml") == 0)
    {
      walk->has_body = TRUE;
      return walk_part (walk, reader, name, error);
    }
  body_text = builder->text;
  builder->text = g_string_new (NULL);
  ok = walk_part (walk, reader, name, error);
  g_string_free (builder->text, TRUE);
  builder->text = body_text;
  return ok;
}

gboolean
shirabe_docx_convert (ShirabeTextBuilder          *builder,
                      const char                  *data,
                      gsize                        size,
                      const ShirabeDocumentLimits *limits,
                      GError                     **error)
{
  static const char *const names[] = {
    "word/document.xml", "word/footnotes.xml", "word/endnotes.xml", "word/comments.xml", NULL,
  };
  Walk walk = { builder };
  gboolean ok;

  walk.footnote_numbers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  walk.endnote_numbers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  walk.comment_starts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  walk.comment_ends = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  walk.texts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  walk.authors = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  walk.dates = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  walk.comment_order = g_ptr_array_new_with_free_func (g_free);

  ok = shirabe_zip_stream_parts (data, size, names, limits, builder->display_name, on_part,
                                 &walk, error);
  if (ok && !walk.has_body)
    {
      g_set_error (error, SHIRABE_ERROR, SHIRABE_ERROR_CORRUPT,
                   _("“%s” is not a Word document: it has no word/document.xml"),
                   builder->display_name);
      ok = FALSE;
    }
  if (ok)
    {
      append_notes (&walk, walk.footnote_numbers, builder->notes, TRUE);
      append_notes (&walk, walk.endnote_numbers, builder->endnotes, FALSE);
      builder->document->n_footnotes = g_hash_table_size (walk.footnote_numbers);
      builder->document->n_endnotes = g_hash_table_size (walk.endnote_numbers);
      for (guint i = 0; i < walk.comment_order->len; i++)
        {
          const char *id = walk.comment_order->pdata[i];
          g_autofree char *passage = NULL;
          gpointer start, end;

          if (g_hash_table_lookup_extended (walk.comment_starts, id, NULL, &start) &&
              g_hash_table_lookup_extended (walk.comment_ends, id, NULL, &end) &&
              GPOINTER_TO_SIZE (end) > GPOINTER_TO_SIZE (start) &&
              GPOINTER_TO_SIZE (end) <= builder->text->len)
            {
              passage = g_strndup (builder->text->str + GPOINTER_TO_SIZE (start),
                                   GPOINTER_TO_SIZE (end) - GPOINTER_TO_SIZE (start));
              g_strstrip (g_strdelimit (passage, "\n\t", ' '));
            }
          shirabe_text_builder_add_comment (builder, g_hash_table_lookup (walk.authors, id),
                                            g_hash_table_lookup (walk.dates, id), passage,
                                            g_hash_table_lookup (walk.texts, id));
        }
    }
  g_hash_table_unref (walk.footnote_numbers);
  g_hash_table_unref (walk.endnote_numbers);
  g_hash_table_unref (walk.comment_starts);
  g_hash_table_unref (walk.comment_ends);
  g_hash_table_unref (walk.texts);
  g_hash_table_unref (walk.authors);
  g_hash_table_unref (walk.dates);
  g_ptr_array_unref (walk.comment_order);
  g_free (walk.current_id);
  return ok;
}
