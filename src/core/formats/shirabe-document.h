/* shirabe-document.h: documents as researchers have them (Word, OpenDocument, HTML, Markdown),
 * turned into a narrative's text
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every converter gives plain text with one paragraph per line, which the text pipeline then
 * normalises as for any file (LF, NFC): offsets in it are what codings count.
 *
 * The whitespace rule, the same for every format: a paragraph or heading is a line; a line
 * break inside one is a line break; a table row is a line whose cells are separated by tabs
 * (a cell's paragraphs joined by a space); a tab is a tab; footnotes and endnotes follow the
 * body under a heading ("Footnotes", or 脚注 when the body is Japanese), each as "[n] text",
 * and "[n]" marks its place in the body. Ruby gives its base text only.
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef enum
{
  SHIRABE_DOCUMENT_PLAIN,      /* not a document format Shirabe converts: read as text */
  SHIRABE_DOCUMENT_DOCX,
  SHIRABE_DOCUMENT_ODT,
  SHIRABE_DOCUMENT_HTML,
  SHIRABE_DOCUMENT_MARKDOWN,
  SHIRABE_DOCUMENT_PDF,
} ShirabeDocumentFormat;

/* What hostile files are kept within, and a PDF's password. */
typedef struct
{
  const char *password;       /* an encrypted PDF's; NULL: none */
  guint64 max_uncompressed;   /* bytes read out of a zip, all parts together; 0: 200 MB */
  guint   max_ratio;          /* uncompressed / compressed; 0: 100 */
  guint   max_entries;        /* entries in a zip; 0: 10,000 */
  guint   max_seconds;        /* per file; 0: 120 */
} ShirabeDocumentLimits;

typedef struct
{
  ShirabeDocumentFormat format;
  char   *text;          /* UTF-8 with LF line ends, not yet normalised */
  char   *memo;          /* the document's comments, for the narrative's memo; NULL if none */
  guint   n_paragraphs;
  guint   n_tables;
  guint   n_footnotes;
  guint   n_endnotes;
  guint   n_comments;
  guint   n_text_boxes;
  guint   n_ruby;
  guint   n_insertions;  /* tracked changes, read as accepted */
  guint   n_deletions;
  guint   n_pages;       /* a PDF's */
} ShirabeDocument;

void                  shirabe_document_free      (ShirabeDocument *self);
/* The format of a file, from its first bytes and, for HTML and Markdown, its name. */
ShirabeDocumentFormat shirabe_document_sniff     (const char      *path,
                                                  const char      *data,
                                                  gsize            size);
const char           *shirabe_document_format_name (ShirabeDocumentFormat format);
/* Converts @data, a whole file of @format, named @display_name in messages. */
ShirabeDocument      *shirabe_document_convert   (ShirabeDocumentFormat        format,
                                                  const char                  *data,
                                                  gsize                        size,
                                                  const char                  *display_name,
                                                  const ShirabeDocumentLimits *limits,
                                                  GCancellable                *cancellable,
                                                  GError                     **error);
/* What the import kept, for its report: "Word document: 3 footnotes, 2 comments as memos,
 * 1 table". */
char                 *shirabe_document_describe  (const ShirabeDocument *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ShirabeDocument, shirabe_document_free)

G_END_DECLS
