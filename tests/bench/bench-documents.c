/* bench-documents.c: converting Word, OpenDocument and PDF files to narrative text
 *
 * usage: bench-documents [MEGABYTES [PAGES]]   (defaults 20 and 300)
 *
 * Generates a DOCX and an ODT whose text is MEGABYTES of generated narrative (mixed Japanese
 * and English paragraphs, with runs split as Word splits them), zipped with libarchive, and a
 * PDF of PAGES pages drawn with cairo; prints the median of five conversions of each, as MB/s
 * of text (and pages/s for the PDF), and the peak memory.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include <archive.h>
#include <archive_entry.h>
#include <cairo-pdf.h>

#include "bench-util.h"
#include "shirabe-document.h"

static const char usage[] = "[MEGABYTES [PAGES]]";

#define N_RUNS 5

static char *
escape (const char *text)
{
  return g_markup_escape_text (text, -1);
}

/* Paragraphs of generated text, about @megabytes of it, each handed to @paragraph. */
static void
each_paragraph (guint  megabytes,
                void (*paragraph) (GString *out, const char *text),
                GString *out)
{
  guint64 written = 0;

  for (guint64 seed = 1; written < (guint64) megabytes * 1000 * 1000; seed++)
    {
      g_autofree char *text = shirabe_generate_text (seed, 400, seed % 2 == 0);

      /* One paragraph per line of the generated text. */
      g_strdelimit (text, "\n", ' ');
      paragraph (out, text);
      written += strlen (text);
    }
}

static void
docx_paragraph (GString    *out,
                const char *text)
{
  glong half = g_utf8_strlen (text, -1) / 2;
  const char *middle = g_utf8_offset_to_pointer (text, half);
  g_autofree char *first = g_strndup (text, middle - text);
  g_autofree char *first_escaped = escape (first);
  g_autofree char *second_escaped = escape (middle);

  /* Two runs, as Word splits a paragraph where its formatting or its edit history changes. */
  g_string_append (out, "<w:p><w:pPr><w:spacing w:after=\"120\"/></w:pPr><w:r><w:t xml:space=\"preserve\">");
  g_string_append (out, first_escaped);
  g_string_append (out, "</w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t xml:space=\"preserve\">");
  g_string_append (out, second_escaped);
  g_string_append (out, "</w:t></w:r></w:p>\n");
}

static void
odt_paragraph (GString    *out,
               const char *text)
{
  g_autofree char *escaped = escape (text);

  g_string_append (out, "<text:p text:style-name=\"P1\">");
  g_string_append (out, escaped);
  g_string_append (out, "</text:p>\n");
}

static GBytes *
zip_parts (const char * const *names,
           GString           **contents,
           guint               n)
{
  struct archive *archive = archive_write_new ();
  GByteArray *bytes = g_byte_array_new ();
  size_t used = 0;
  gsize capacity = 0;

  for (guint i = 0; i < n; i++)
    capacity += contents[i]->len;
  capacity += 1024 * 1024;
  g_byte_array_set_size (bytes, capacity);
  archive_write_set_format_zip (archive);
  archive_write_open_memory (archive, bytes->data, capacity, &used);
  for (guint i = 0; i < n; i++)
    {
      struct archive_entry *entry = archive_entry_new ();

      archive_entry_set_pathname (entry, names[i]);
      archive_entry_set_size (entry, contents[i]->len);
      archive_entry_set_filetype (entry, AE_IFREG);
      archive_entry_set_perm (entry, 0644);
      archive_write_header (archive, entry);
      archive_write_data (archive, contents[i]->str, contents[i]->len);
      archive_entry_free (entry);
    }
  archive_write_close (archive);
  archive_write_free (archive);
  g_byte_array_set_size (bytes, used);
  return g_byte_array_free_to_bytes (bytes);
}

static GBytes *
make_docx (guint megabytes)
{
  const char *names[] = { "[Content_Types].xml", "word/document.xml" };
  GString *types = g_string_new ("<Types/>");
  GString *body = g_string_new ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<w:document "
                                "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml"
                                "/2006/main\"><w:body>\n");
  GString *parts[2] = { types, body };
  GBytes *zip;

  each_paragraph (megabytes, docx_paragraph, body);
  g_string_append (body, "</w:body></w:document>\n");
  zip = zip_parts (names, parts, 2);
  g_string_free (types, TRUE);
  g_string_free (body, TRUE);
  return zip;
}

static GBytes *
make_odt (guint megabytes)
{
  const char *names[] = { "mimetype", "content.xml" };
  GString *mimetype = g_string_new ("application/vnd.oasis.opendocument.text");
  GString *content = g_string_new ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                                   "<office:document-content xmlns:office=\"urn:oasis:names:tc:"
                                   "opendocument:xmlns:office:1.0\" xmlns:text=\"urn:oasis:names:"
                                   "tc:opendocument:xmlns:text:1.0\"><office:body><office:text>\n");
  GString *parts[2] = { mimetype, content };
  GBytes *zip;

  each_paragraph (megabytes, odt_paragraph, content);
  g_string_append (content, "</office:text></office:body></office:document-content>\n");
  zip = zip_parts (names, parts, 2);
  g_string_free (mimetype, TRUE);
  g_string_free (content, TRUE);
  return zip;
}

static cairo_status_t
append_to_array (void                *closure,
                 const unsigned char *data,
                 unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

/* @pages pages of 45 lines each, wrapped English and Japanese paragraphs. */
static GBytes *
make_pdf (guint pages)
{
  GByteArray *bytes = g_byte_array_new ();
  cairo_surface_t *surface = cairo_pdf_surface_create_for_stream (append_to_array, bytes,
                                                                  595, 842);
  cairo_t *cr = cairo_create (surface);
  guint64 seed = 1;

  cairo_select_font_face (cr, "IPAGothic", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
  cairo_set_font_size (cr, 10);
  for (guint page = 0; page < pages; page++)
    {
      for (guint line = 0; line < 45; line++)
        {
          gboolean japanese = (line / 9) % 2 == 1;
          g_autofree char *text = shirabe_generate_text (seed++, japanese ? 38 : 80, japanese);

          g_strdelimit (text, "\n", ' ');
          cairo_move_to (cr, 50, 60 + line * 16);
          cairo_show_text (cr, text);
        }
      cairo_show_page (cr);
    }
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  cairo_surface_destroy (surface);
  return g_byte_array_free_to_bytes (bytes);
}

static void
measure (const char            *what,
         ShirabeDocumentFormat  format,
         GBytes                *file,
         guint                  pages)
{
  double times[N_RUNS];
  gsize text_size = 0;
  gsize size = 0;
  const char *data = g_bytes_get_data (file, &size);

  for (guint run = 0; run < N_RUNS; run++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(ShirabeDocument) document = NULL;
      double start = bench_now ();

      document = shirabe_document_convert (format, data, size, what, NULL, NULL, &error);
      times[run] = bench_now () - start;
      if (document == NULL)
        g_error ("%s: %s", what, error->message);
      text_size = strlen (document->text);
    }
  {
    double median = bench_median (times, N_RUNS);

    printf ("%-5s %7.1f MB file, %7.1f MB text: %8.1f ms, %6.1f MB/s of text", what,
            size / 1e6, text_size / 1e6, median * 1000, text_size / 1e6 / median);
    if (pages > 0)
      printf (", %6.0f pages/s", pages / median);
    printf ("\n");
  }
}

int
main (int    argc,
      char **argv)
{
  guint megabytes, pages;
  g_autoptr(GBytes) docx = NULL;
  g_autoptr(GBytes) odt = NULL;
  g_autoptr(GBytes) pdf = NULL;

  bench_init ();
  megabytes = bench_parse_arg (argc, argv, 1, 20, usage);
  pages = bench_parse_arg (argc, argv, 2, 300, usage);
  docx = make_docx (megabytes);
  odt = make_odt (megabytes);
  pdf = make_pdf (pages);
  measure ("DOCX", SHIRABE_DOCUMENT_DOCX, docx, 0);
  measure ("ODT", SHIRABE_DOCUMENT_ODT, odt, 0);
  measure ("PDF", SHIRABE_DOCUMENT_PDF, pdf, pages);
  bench_print_peak_rss ();
  return 0;
}
