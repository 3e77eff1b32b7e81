/* shirabe-document.c: telling a document's format, converting it within limits, and what the
 * converters share: the text builder, the guarded zip reader, the guarded XML reader
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Zip through libarchive (already Shirabe's, for reading back its workbooks): it reads the
 * parts from memory one by one, so the bytes read out are counted as they come and a zip bomb
 * is stopped at the limit, not after. XML through libxml2's streaming reader (xmlTextReader)
 * rather than its tree: a 200 MB document.xml is walked in constant memory, and the
 * converters are state machines over start and end tags, which is what WordprocessingML and
 * ODF need anyway (text runs, skipped regions such as deletions and ruby text).
 */
#include "config.h"

#include <string.h>

#include <archive.h>
#include <archive_entry.h>
#include <libxml/parser.h>
#include <libxml/xmlIO.h>

#include "shirabe-document.h"
#include "shirabe-document-private.h"

#include "shirabe-error.h"
#include "shirabe-i18n.h"

#define DEFAULT_MAX_UNCOMPRESSED (200 * 1000 * 1000)
#define DEFAULT_MAX_RATIO        100
#define DEFAULT_MAX_ENTRIES      10000
#define DEFAULT_MAX_SECONDS      120

void
shirabe_document_free (ShirabeDocument *self)
{
  if (self == NULL)
    return;
  g_free (self->text);
  g_free (self->memo);
  g_free (self);
}

static gboolean
has_suffix (const char *path,
            const char *suffix)
{
  g_autofree char *lower = g_ascii_strdown (path, -1);

  return g_str_has_suffix (lower, suffix);
}

static gboolean
contains (const char *data,
          gsize       size,
          const char *needle)
{
  gsize n = strlen (needle);

  for (const char *p = data; size >= n && p <= data + size - n; p++)
    {
      p = memchr (p, needle[0], data + size - n + 1 - p);
      if (p == NULL)
        return FALSE;
      if (memcmp (p, needle, n) == 0)
        return TRUE;
    }
  return FALSE;
}

ShirabeDocumentFormat
shirabe_document_sniff (const char *path,
                        const char *data,
                        gsize       size)
{
  if (size >= 5 && memcmp (data, "%PDF-", 5) == 0)
    return SHIRABE_DOCUMENT_PDF;
  if (size >= 4 && memcmp (data, "PK\003\004", 4) == 0)
    {
      /* An OpenDocument's first entry is "mimetype", stored uncompressed. */
      if (contains (data, MIN (size, 200), "application/vnd.oasis.opendocument.text"))
        return SHIRABE_DOCUMENT_ODT;
      if (contains (data, size, "word/document.xml"))
        return SHIRABE_DOCUMENT_DOCX;
      return SHIRABE_DOCUMENT_PLAIN;
    }
  if (has_suffix (path, ".html") || has_suffix (path, ".htm") || has_suffix (path, ".xhtml"))
    return SHIRABE_DOCUMENT_HTML;
  if (has_suffix (path, ".md") || has_suffix (path, ".markdown"))
    return SHIRABE_DOCUMENT_MARKDOWN;
  {
    /* An HTML file by another name says so at its start. */
    gsize n = MIN (size, 512);
    g_autofree char *head = g_ascii_strdown (data, n);

    if (strstr (head, "<!doctype html") != NULL || strstr (head, "<html") != NULL)
      return SHIRABE_DOCUMENT_HTML;
  }
  return SHIRABE_DOCUMENT_PLAIN;
}

const char *
shirabe_document_format_name (ShirabeDocumentFormat format)
{
  switch (format)
    {
    case SHIRABE_DOCUMENT_DOCX:
      return "DOCX";
    case SHIRABE_DOCUMENT_ODT:
      return "ODT";
    case SHIRABE_DOCUMENT_HTML:
      return "HTML";
    case SHIRABE_DOCUMENT_MARKDOWN:
      return "Markdown";
    case SHIRABE_DOCUMENT_PDF:
      return "PDF";
    case SHIRABE_DOCUMENT_PLAIN:
    default:
      return "text";
    }
}

/* The text builder */

void
shirabe_text_builder_init (ShirabeTextBuilder          *builder,
                           ShirabeDocument             *document,
                           const char                  *display_name,
                           const ShirabeDocumentLimits *limits,
                           GCancellable                *cancellable)
{
  guint seconds = limits != NULL && limits->max_seconds > 0 ? limits->max_seconds
                                                           : DEFAULT_MAX_SECONDS;

  memset (builder, 0, sizeof *builder);
  builder->document = document;
  builder->text = g_string_new (NULL);
  builder->notes = g_string_new (NULL);
  builder->endnotes = g_string_new (NULL);
  builder->memo = g_string_new (NULL);
  builder->display_name = display_name;
  builder->cancellable = cancellable;
  builder->deadline = g_get_monotonic_time () + (gint64) seconds * G_USEC_PER_SEC;
}

void
shirabe_text_builder_clear (ShirabeTextBuilder *builder)
{
  if (builder->text != NULL)
    g_string_free (builder->text, TRUE);
  if (builder->notes != NULL)
    g_string_free (builder->notes, TRUE);
  if (builder->endnotes != NULL)
    g_string_free (builder->endnotes, TRUE);
  if (builder->memo != NULL)
    g_string_free (builder->memo, TRUE);
  builder->text = builder->notes = builder->endnotes = builder->memo = NULL;
}

void
shirabe_text_builder_append (ShirabeTextBuilder *builder,
                             GString            *out,
                             const char         *text,
                             gssize              length)
{
  if (text == NULL)
    return;
  if (length < 0)
    length = strlen (text);
  g_string_append_len (out, text, length);
  if (builder->cell_depth > 0 && length > 0)
    builder->cell_has_text = TRUE;
}

void
shirabe_text_builder_end_paragraph (ShirabeTextBuilder *builder,
                                    GString            *out)
{
  if (builder->cell_depth > 0)
    {
      /* Paragraphs in a table cell: one cell, one piece of a row's line. */
      if (out->len > 0 && out->str[out->len - 1] != '\t' && out->str[out->len - 1] != '\n' &&
          out->str[out->len - 1] != ' ')
        g_string_append_c (out, ' ');
      return;
    }
  g_string_append_c (out, '\n');
  builder->document->n_paragraphs++;
}

gboolean
shirabe_text_builder_check (ShirabeTextBuilder  *builder,
                            GError             **error)
{
  if ((++builder->steps & 0x3ff) != 0)
    return TRUE;
  if (g_cancellable_is_cancelled (builder->cancellable))
    {
      g_set_error_literal (error, SHIRABE_ERROR, SHIRABE_ERROR_CANCELLED,
                           _("The import was cancelled; nothing was imported"));
      return FALSE;
    }
  if (g_get_monotonic_time () > builder->deadline)
    {
      g_set_error (error, SHIRABE_ERROR, SHIRABE_ERROR_TOO_LARGE,
                   _("“%s” took too long to read and was not imported: save it as a smaller "
                     "document or as plain text"), builder->display_name);
      return FALSE;
    }
  return TRUE;
}

/* "Japanese" when the body has kana, for the notes' heading. */
static gboolean
is_japanese (const char *text)
{
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      GUnicodeScript script = g_unichar_get_script (g_utf8_get_char (p));

      if (script == G_UNICODE_SCRIPT_HIRAGANA || script == G_UNICODE_SCRIPT_KATAKANA)
        return TRUE;
    }
  return FALSE;
}

void
shirabe_text_builder_add_comment (ShirabeTextBuilder *builder,
                                  const char         *author,
                                  const char         *date,
                                  const char         *passage,
                                  const char         *text)
{
  g_autofree char *who = NULL;
  g_autofree char *about = NULL;

  if (builder->memo->len > 0)
    g_string_append (builder->memo, "\n\n");
  who = author != NULL && *author != '\0' ? g_strdup (author) : g_strdup (_("Unknown"));
  if (date != NULL && *date != '\0')
    {
      g_autofree char *with_date = g_strdup_printf ("%s, %.10s", who, date);

      g_free (who);
      who = g_steal_pointer (&with_date);
    }
  if (passage != NULL && *passage != '\0')
    /* TRANSLATORS: a Word or OpenDocument comment kept in the narrative's memo: who and when,
     * the passage it was on, and what it says */
    about = g_strdup_printf (_("Comment (%s) on “%s”: %s"), who, passage, text);
  else
    /* TRANSLATORS: a document's comment kept in the narrative's memo: who and when, its text */
    about = g_strdup_printf (_("Comment (%s): %s"), who, text);
  g_string_append (builder->memo, about);
  builder->document->n_comments++;
}

void
shirabe_text_builder_finish (ShirabeTextBuilder *builder)
{
  ShirabeDocument *document = builder->document;
  gboolean japanese = is_japanese (builder->text->str);

  /* The body ends with a line; no run of empty lines at its end. */
  while (builder->text->len > 0 && (builder->text->str[builder->text->len - 1] == '\n' ||
                                    builder->text->str[builder->text->len - 1] == ' '))
    g_string_truncate (builder->text, builder->text->len - 1);
  if (builder->notes->len > 0)
    {
      g_string_append (builder->text, japanese ? "\n\n脚注\n" : "\n\nFootnotes\n");
      g_string_append_len (builder->text, builder->notes->str, builder->notes->len);
    }
  if (builder->endnotes->len > 0)
    {
      while (builder->text->len > 0 && builder->text->str[builder->text->len - 1] == '\n')
        g_string_truncate (builder->text, builder->text->len - 1);
      g_string_append (builder->text, japanese ? "\n\n文末脚注\n" : "\n\nEndnotes\n");
      g_string_append_len (builder->text, builder->endnotes->str, builder->endnotes->len);
    }
  while (builder->text->len > 0 && builder->text->str[builder->text->len - 1] == '\n')
    g_string_truncate (builder->text, builder->text->len - 1);
  g_string_append_c (builder->text, '\n');
  document->text = g_string_free (builder->text, FALSE);
  builder->text = NULL;
  if (builder->memo->len > 0)
    {
      document->memo = g_string_free (builder->memo, FALSE);
      builder->memo = NULL;
    }
}

/* The zip reader */

static const char *
archive_reason (struct archive *archive)
{
  const char *reason = archive_error_string (archive);

  return reason != NULL ? reason : _("it ends too soon");
}

GHashTable *
shirabe_zip_read_parts (const char                  *data,
                        gsize                        size,
                        const char * const          *names,
                        const ShirabeDocumentLimits *limits,
                        const char                  *display_name,
                        GError                     **error)
{
  g_autoptr(GHashTable) parts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                       (GDestroyNotify) g_bytes_unref);
  guint64 max_bytes = limits != NULL && limits->max_uncompressed > 0
                      ? limits->max_uncompressed : DEFAULT_MAX_UNCOMPRESSED;
  guint max_ratio = limits != NULL && limits->max_ratio > 0 ? limits->max_ratio
                                                           : DEFAULT_MAX_RATIO;
  guint max_entries = limits != NULL && limits->max_entries > 0 ? limits->max_entries
                                                               : DEFAULT_MAX_ENTRIES;
  struct archive *archive = archive_read_new ();
  struct archive_entry *entry;
  guint64 total = 0;
  guint n_entries = 0;
  gboolean ok = TRUE;
  int rc;

  archive_read_support_format_zip (archive);
  if (archive_read_open_memory (archive, data, size) != ARCHIVE_OK)
    {
      g_set_error (error, SHIRABE_ERROR, SHIRABE_ERROR_CORRUPT,
                   _("“%s” is damaged: it cannot be opened as a zip archive (%s)"),
                   display_name, archive_reason (archive));
      archive_read_free (archive);
      return NULL;
    }
  while (ok && (rc = archive_read_next_header (archive, &entry)) == ARCHIVE_OK)
    {
      const char *name = archive_entry_pathname (entry);
      gboolean wanted = FALSE;

      if (++n_entries > max_entries)
        {
          g_set_error (error, SHIRABE_ERROR, SHIRABE_ERROR_TOO_LARGE,
                       _("“%s” holds more than %u parts, which no document needs; it was not "
                         "imported"), display_name, max_entries);
          ok = FALSE;
          break;
        }
      for (guint i = 0; names[i] != NULL && name != NULL && !wanted; i++)
        wanted = strcmp (name, names[i]) == 0;
      if (!wanted || g_hash_table_contains (parts, name))
        {
          archive_read_data_skip (archive);
          continue;
        }
      {
        GByteArray *bytes = g_byte_array_new ();
        char buffer[65536];
        la_ssize_t n;

        while ((n = archive_read_data (archive, buffer, sizeof buffer)) > 0)
          {
            total += (guint64) n;
            /* Counted as they come: a bomb stops at the limit, not after. */
            if (total > max_bytes || total > (guint64) size * max_ratio)
              {
                g_autofree char *limit = g_format_size (MIN (max_bytes,
                                                             (guint64) size * max_ratio));

                g_set_error (error, SHIRABE_ERROR, SHIRABE_ERROR_TOO_LARGE,
                             _("“%s” unpacks to more than %s, far more than a document of its "
                               "size holds (a damaged or hostile file); it was not imported"),
                             display_name, limit);
                ok = FALSE;
                break;
              }
            g_byte_array_append (bytes, (const guint8 *) buffer, (guint) n);
          }
        if (ok && n < 0)
          {
            g_set_error (error, SHIRABE_ERROR, SHIRABE_ERROR_CORRUPT,
                         _("“%s” is damaged or encrypted: its part “%s” cannot be read (%s)"),
                         display_name, name, archive_reason (archive));
            ok = FALSE;
          }
        if (ok)
          g_hash_table_insert (parts, g_strdup (name), g_byte_array_free_to_bytes (bytes));
        else
          g_byte_array_unref (bytes);
      }
    }
  if (ok && rc != ARCHIVE_EOF)
    {
      g_set_error (error, SHIRABE_ERROR, SHIRABE_ERROR_CORRUPT,
                   _("“%s” is damaged: its zip archive cannot be read to the end (%s)"),
                   display_name, archive_reason (archive));
      ok = FALSE;
    }
  archive_read_free (archive);
  return ok ? g_steal_pointer (&parts) : NULL;
}

/* Streaming a part: libarchive's reads feed libxml2's reader, bytes counted as they come. */
typedef struct
{
  struct archive *archive;
  guint64        *total;
  guint64         max_bytes;
  guint64         max_by_ratio;
  gboolean        over_limit;
  gboolean        failed;
} PartStream;

static int
read_part (void *context,
           char *buffer,
           int   length)
{
  PartStream *stream = context;
  la_ssize_t n = archive_read_data (stream->archive, buffer, (size_t) length);

  if (n < 0)
    {
      stream->failed = TRUE;
      return -1;
    }
  *stream->total += (guint64) n;
  if (*stream->total > stream->max_bytes || *stream->total > stream->max_by_ratio)
    {
      stream->over_limit = TRUE;
      return -1;
    }
  return (int) n;
}

static int
close_part (void *context)
{
  return 0;
}

gboolean
shirabe_zip_stream_parts (const char                  *data,
                          gsize                        size,
                          const char * const          *names,
                          const ShirabeDocumentLimits *limits,
                          const char                  *display_name,
                          ShirabeZipPartFunc           func,
                          gpointer                     user_data,
                          GError                     **error)
{
  guint64 max_bytes = limits != NULL && limits->max_uncompressed > 0
                      ? limits->max_uncompressed : DEFAULT_MAX_UNCOMPRESSED;
  guint max_ratio = limits != NULL && limits->max_ratio > 0 ? limits->max_ratio
                                                           : DEFAULT_MAX_RATIO;
  guint max_entries = limits != NULL && limits->max_entries > 0 ? limits->max_entries
                                                               : DEFAULT_MAX_ENTRIES;
  struct archive *archive = archive_read_new ();
  struct archive_entry *entry;
  guint64 total = 0;
  guint n_entries = 0;
  gboolean ok = TRUE;
  int rc;

  shirabe_xml_init ();
  archive_read_support_format_zip (archive);
  if (archive_read_open_memory (archive, data, size) != ARCHIVE_OK)
    {
      g_set_error (error, SHIRABE_ERROR, SHIRABE_ERROR_CORRUPT,
                   _("“%s” is damaged: it cannot be opened as a zip archive (%s)"),
                   display_name, archive_reason (archive));
      archive_read_free (archive);
      return FALSE;
    }
  while (ok && (rc = archive_read_next_header (archive, &entry)) == ARCHIVE_OK)
    {
      const char *name = archive_entry_pathname (entry);
      gboolean wanted = FALSE;
      PartStream stream = { archive, &total, max_bytes, (guint64) size * max_ratio };
      xmlTextReaderPtr reader;
      g_autoptr(GError) part_error = NULL;

      if (++n_entries > max_entries)
        {
          g_set_error (error, SHIRABE_ERROR, SHIRABE_ERROR_TOO_LARGE,
                       _("“%s” holds more than %u parts, which no document needs; it was not "
                         "imported"), display_name, max_entries);
          ok = FALSE;
          break;
        }
      for (guint i = 0; names[i] != NULL && name != NULL && !wanted; i++)
        wanted = strcmp (name, names[i]) == 0;
      if (!wanted)
        {
          archive_read_data_skip (archive);
          continue;
        }
      reader = xmlReaderForIO (read_part, close_part, &stream, NULL, NULL,
                               XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
      if (reader == NULL)
        {
          shirabe_xml_set_error (error, display_name, name);
          ok = FALSE;
          break;
        }
      ok = func (name, reader, user_data, &part_error);
      xmlFreeTextReader (reader);
      /* The stream's own failure says more than the XML error it caused. */
      if (stream.over_limit)
        {
          g_autofree char *limit = g_format_size (MIN (max_bytes, (guint64) size * max_ratio));

          g_set_error (error, SHIRABE_ERROR, SHIRABE_ERROR_TOO_LARGE,
                       _("“%s” unpacks to more than %s, far more than a document of its "
                         "size holds (a damaged or hostile file); it was not imported"),
                       display_name, limit);
          ok = FALSE;
        }
      else if (stream.failed)
        {
          g_set_error (error, SHIRABE_ERROR, SHIRABE_ERROR_CORRUPT,
                       _("“%s” is damaged or encrypted: its part “%s” cannot be read (%s)"),
                       display_name, name, archive_reason (archive));
          ok = FALSE;
        }
      else if (!ok)
        g_propagate_error (error, g_steal_pointer (&part_error));
    }
  if (ok && rc != ARCHIVE_EOF)
    {
      g_set_error (error, SHIRABE_ERROR, SHIRABE_ERROR_CORRUPT,
                   _("“%s” is damaged: its zip archive cannot be read to the end (%s)"),
                   display_name, archive_reason (archive));
      ok = FALSE;
    }
  archive_read_free (archive);
  return ok;
}

/* The XML reader */

/* No external entity, DTD or stylesheet is ever fetched, whatever a document asks for. */
static xmlParserInputPtr
refuse_external (const char       *url,
                 const char       *id,
                 xmlParserCtxtPtr  context)
{
  return NULL;
}

/* libxml2's own messages go to stderr; a hostile file's are the import's to report. */
static void
ignore_message (void       *context,
                const char *format,
                ...)
{
}

void
shirabe_xml_init (void)
{
  static gsize initialised = 0;

  if (g_once_init_enter (&initialised))
    {
      xmlInitParser ();
      xmlSetExternalEntityLoader (refuse_external);
      xmlSetGenericErrorFunc (NULL, ignore_message);
      g_once_init_leave (&initialised, 1);
    }
}

xmlTextReaderPtr
shirabe_xml_reader_new (GBytes *part)
{
  gsize size = 0;
  const char *data = g_bytes_get_data (part, &size);

  shirabe_xml_init ();
  if (size > G_MAXINT)
    return NULL;
  /* No XML_PARSE_NOENT (entities stay references), no XML_PARSE_DTDLOAD, no XML_PARSE_HUGE
   * (libxml2's limits on entity amplification hold), no network. */
  return xmlReaderForMemory (data, (int) size, NULL, NULL,
                             XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
}

gboolean
shirabe_xml_is (const xmlChar *name,
                const char    *local)
{
  return name != NULL && strcmp ((const char *) name, local) == 0;
}

char *
shirabe_xml_dup_attribute (xmlTextReaderPtr  reader,
                           const char       *local)
{
  char *value = NULL;

  if (xmlTextReaderMoveToFirstAttribute (reader) == 1)
    {
      do
        if (shirabe_xml_is (xmlTextReaderConstLocalName (reader), local))
          {
            value = g_strdup ((const char *) xmlTextReaderConstValue (reader));
            break;
          }
      while (xmlTextReaderMoveToNextAttribute (reader) == 1);
      xmlTextReaderMoveToElement (reader);
    }
  return value;
}

void
shirabe_xml_set_error (GError     **error,
                       const char  *display_name,
                       const char  *part)
{
  g_set_error (error, SHIRABE_ERROR, SHIRABE_ERROR_CORRUPT,
               _("“%s” is damaged: its part “%s” is not well-formed XML"), display_name, part);
}

/* Converting */

ShirabeDocument *
shirabe_document_convert (ShirabeDocumentFormat        format,
                          const char                  *data,
                          gsize                        size,
                          const char                  *display_name,
                          const ShirabeDocumentLimits *limits,
                          GCancellable                *cancellable,
                          GError                     **error)
{
  g_autoptr(ShirabeDocument) document = g_new0 (ShirabeDocument, 1);
  ShirabeTextBuilder builder;
  gboolean ok = FALSE;

  g_return_val_if_fail (format != SHIRABE_DOCUMENT_PLAIN, NULL);

  document->format = format;
  shirabe_text_builder_init (&builder, document, display_name, limits, cancellable);
  switch (format)
    {
    case SHIRABE_DOCUMENT_DOCX:
      ok = shirabe_docx_convert (&builder, data, size, limits, error);
      break;
    case SHIRABE_DOCUMENT_ODT:
      ok = shirabe_odt_convert (&builder, data, size, limits, error);
      break;
    case SHIRABE_DOCUMENT_HTML:
      ok = shirabe_html_convert (&builder, data, size, error);
      break;
    case SHIRABE_DOCUMENT_MARKDOWN:
      ok = shirabe_markdown_convert (&builder, data, size, error);
      break;
    case SHIRABE_DOCUMENT_PDF:
      ok = shirabe_pdf_convert (&builder, data, size, limits != NULL ? limits->password : NULL,
                                error);
      break;
    case SHIRABE_DOCUMENT_PLAIN:
    default:
      break;
    }
  if (ok)
    shirabe_text_builder_finish (&builder);
  shirabe_text_builder_clear (&builder);
  /* A parser that met bytes its encoding does not allow may pass them on: the text is refused
   * here, with where, rather than stored broken. */
  if (ok)
    {
      const char *bad = NULL;

      if (!g_utf8_validate (document->text, -1, &bad) ||
          (document->memo != NULL && !g_utf8_validate (document->memo, -1, NULL)))
        {
          g_set_error (error, SHIRABE_ERROR, SHIRABE_ERROR_ENCODING,
                       _("“%s” holds text that is not valid in its own encoding (near character "
                         "%ld of its text); it was not imported"),
                       display_name,
                       bad != NULL ? g_utf8_pointer_to_offset (document->text, bad) : 0L);
          return NULL;
        }
    }
  return ok ? g_steal_pointer (&document) : NULL;
}

static void
add_part (GString *out,
          char    *part)
{
  if (out->len > 0)
    g_string_append (out, _(", "));
  g_string_append (out, part);
  g_free (part);
}

/* A count and its noun, when there is any: literal messages, for the plural forms. */
#define ADD_COUNT(out, n, one, many) \
  G_STMT_START { \
    if ((n) > 0) \
      add_part ((out), g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, one, many, (n)), (n))); \
  } G_STMT_END

char *
shirabe_document_describe (const ShirabeDocument *self)
{
  g_autoptr(GString) kept = g_string_new (NULL);
  const char *kind;

  switch (self->format)
    {
    case SHIRABE_DOCUMENT_DOCX:
      kind = _("Word document");
      break;
    case SHIRABE_DOCUMENT_ODT:
      kind = _("OpenDocument text");
      break;
    case SHIRABE_DOCUMENT_HTML:
      kind = _("web page");
      break;
    case SHIRABE_DOCUMENT_MARKDOWN:
      kind = _("Markdown");
      break;
    case SHIRABE_DOCUMENT_PDF:
      kind = _("PDF");
      break;
    case SHIRABE_DOCUMENT_PLAIN:
    default:
      kind = _("text");
      break;
    }
  ADD_COUNT (kept, self->n_pages, "%u page", "%u pages");
  ADD_COUNT (kept, self->n_tables, "%u table", "%u tables");
  ADD_COUNT (kept, self->n_footnotes, "%u footnote", "%u footnotes");
  ADD_COUNT (kept, self->n_endnotes, "%u endnote", "%u endnotes");
  ADD_COUNT (kept, self->n_comments, "%u comment as memo", "%u comments as memos");
  ADD_COUNT (kept, self->n_text_boxes, "%u text box", "%u text boxes");
  ADD_COUNT (kept, self->n_ruby, "%u ruby read as its base text",
             "%u ruby read as their base text");
  ADD_COUNT (kept, self->n_insertions, "%u tracked insertion kept",
             "%u tracked insertions kept");
  ADD_COUNT (kept, self->n_deletions, "%u tracked deletion left out",
             "%u tracked deletions left out");
  if (kept->len == 0)
    return g_strdup (kind);
  /* TRANSLATORS: "Word document: 3 footnotes, 2 comments as memos" */
  return g_strdup_printf (_("%s: %s"), kind, kept->str);
}
