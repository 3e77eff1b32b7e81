/* shirabe-document-private.h: what the document converters share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <libxml/xmlreader.h>

#include "shirabe-document.h"

G_BEGIN_DECLS

/* The text being built, the notes that follow it, the comments for the memo, and the limits
 * every converter checks as it goes. */
typedef struct
{
  ShirabeDocument *document;
  GString         *text;
  GString         *notes;          /* "[n] text" lines, footnotes then endnotes */
  GString         *endnotes;
  GString         *memo;
  const char      *display_name;
  GCancellable    *cancellable;
  gint64           deadline;       /* monotonic µs */
  guint            steps;
  /* Inside a table cell: a paragraph's end is a space, not a line. */
  guint            cell_depth;
  gboolean         cell_has_text;
} ShirabeTextBuilder;

void     shirabe_text_builder_init        (ShirabeTextBuilder          *builder,
                                           ShirabeDocument             *document,
                                           const char                  *display_name,
                                           const ShirabeDocumentLimits *limits,
                                           GCancellable                *cancellable);
void     shirabe_text_builder_clear       (ShirabeTextBuilder          *builder);
/* Appends to @out (the text or a note) */
void     shirabe_text_builder_append      (ShirabeTextBuilder          *builder,
                                           GString                     *out,
                                           const char                  *text,
                                           gssize                       length);
/* Ends a paragraph in @out: a line break, or a space between a table cell's paragraphs. */
void     shirabe_text_builder_end_paragraph (ShirabeTextBuilder        *builder,
                                             GString                   *out);
/* Cancelled or past the deadline: an error naming the file. Cheap; call it often. */
gboolean shirabe_text_builder_check       (ShirabeTextBuilder          *builder,
                                           GError                     **error);
/* Adds a comment to the memo: its author, date, the passage it was anchored to, its text. */
void     shirabe_text_builder_add_comment (ShirabeTextBuilder          *builder,
                                           const char                  *author,
                                           const char                  *date,
                                           const char                  *passage,
                                           const char                  *text);
/* Puts the notes after the body under their headings and hands the text to the document. */
void     shirabe_text_builder_finish      (ShirabeTextBuilder          *builder);

/* The parts of a zip archive that a converter asks for, read within @limits: entry count,
 * bytes read, compression ratio. Returns: (element-type utf8 GBytes): name → contents of
 * each part of @names found; NULL with @error set for an archive that is damaged or too big. */
GHashTable *shirabe_zip_read_parts        (const char                  *data,
                                           gsize                        size,
                                           const char * const          *names,
                                           const ShirabeDocumentLimits *limits,
                                           const char                  *display_name,
                                           GError                     **error);

/* Sets libxml2 up once: no external entity loaded ever, its messages kept off stderr. */
void     shirabe_xml_init                 (void);
/* Streams each part of @names found in the zip, in the archive's order, to @func as an XML
 * reader that reads the part as it is unpacked: a part of any size is walked in constant
 * memory, and the limits hold as the bytes come (a limit reached ends the reader with an error,
 * which shirabe_zip_stream_parts() reports). */
typedef gboolean (*ShirabeZipPartFunc) (const char        *name,
                                        xmlTextReaderPtr   reader,
                                        gpointer           user_data,
                                        GError           **error);
gboolean shirabe_zip_stream_parts         (const char                  *data,
                                           gsize                        size,
                                           const char * const          *names,
                                           const ShirabeDocumentLimits *limits,
                                           const char                  *display_name,
                                           ShirabeZipPartFunc           func,
                                           gpointer                     user_data,
                                           GError                     **error);
/* A streaming XML reader on @part that loads no DTD, substitutes no entities beyond the five
 * predefined ones, never touches the network and keeps libxml2's limits on amplification. */
xmlTextReaderPtr shirabe_xml_reader_new   (GBytes                      *part);
/* Whether @name (a local name from the reader) is @local. */
gboolean shirabe_xml_is                   (const xmlChar               *name,
                                           const char                  *local);
/* The value of the current element's attribute of local name @local, whatever its prefix
 * (w:id, r:id…); NULL when it has none. The reader stays on the element. */
char    *shirabe_xml_dup_attribute        (xmlTextReaderPtr             reader,
                                           const char                  *local);
/* The reader's error, or a generic one, naming the file and the part. */
void     shirabe_xml_set_error            (GError                     **error,
                                           const char                  *display_name,
                                           const char                  *part);

/* The converters: fill @builder's document from the file's bytes. */
gboolean shirabe_docx_convert             (ShirabeTextBuilder          *builder,
                                           const char                  *data,
                                           gsize                        size,
                                           const ShirabeDocumentLimits *limits,
                                           GError                     **error);
gboolean shirabe_odt_convert              (ShirabeTextBuilder          *builder,
                                           const char                  *data,
                                           gsize                        size,
                                           const ShirabeDocumentLimits *limits,
                                           GError                     **error);
gboolean shirabe_html_convert             (ShirabeTextBuilder          *builder,
                                           const char                  *data,
                                           gsize                        size,
                                           GError                     **error);
gboolean shirabe_pdf_convert              (ShirabeTextBuilder          *builder,
                                           const char                  *data,
                                           gsize                        size,
                                           const char                  *password,
                                           GError                     **error);
gboolean shirabe_markdown_convert         (ShirabeTextBuilder          *builder,
                                           const char                  *data,
                                           gsize                        size,
                                           GError                     **error);

G_END_DECLS
