/* shirabe-import-pdf.c: a PDF's text layer as a narrative's text
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * poppler-glib gives each page's text in reading order, a line per printed line. A PDF has no
 * paragraphs, only lines, so lines are joined back into paragraphs by a documented rule:
 * - a line ends its paragraph when it is blank, when it ends a sentence (。！？.!? or a closing
 *   quote after one) and is clearly shorter than the page's longest line (below 85 %), or when
 *   it is the page's last;
 * - otherwise it is joined to the next: Latin words with a space, Japanese (and Chinese)
 *   characters with nothing between, and a word broken by a hyphen at the line's end (a Latin
 *   letter, "-", then a lower-case letter on the next line) joined without the hyphen.
 * A page break is a blank line. A PDF without a text layer (a scan) has nothing to read, and is
 * refused with the advice to run OCR; an encrypted one without its password is refused too.
 */
#include "config.h"

#include <string.h>

#include <poppler.h>

#include "shirabe-document-private.h"

#include "shirabe-error.h"
#include "shirabe-i18n.h"

/* poppler-glib 22 declares no autoptr cleanups of its own. */
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PopplerDocument, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PopplerPage, g_object_unref)

static gboolean
is_cjk (gunichar c)
{
  GUnicodeScript script = g_unichar_get_script (c);

  return script == G_UNICODE_SCRIPT_HAN || script == G_UNICODE_SCRIPT_HIRAGANA ||
         script == G_UNICODE_SCRIPT_KATAKANA || (c >= 0x3000 && c <= 0x303f) ||
         (c >= 0xff00 && c <= 0xffef);
}

static gboolean
ends_sentence (const char *line)
{
  const char *end = line + strlen (line);
  gunichar c;

  while (end > line)
    {
      const char *prev = g_utf8_find_prev_char (line, end);

      c = g_utf8_get_char (prev);
      /* Closing quotes and brackets after the mark belong to the sentence. */
      if (strchr ("\"')]", (int) c) != NULL && c < 0x80)
        {
          end = prev;
          continue;
        }
      if (c == 0x300d || c == 0x300f || c == 0xff09 || c == 0x201d || c == 0x2019)
        {
          end = prev;
          continue;
        }
      return c == 0x3002 || c == 0xff01 || c == 0xff1f || c == '.' || c == '!' || c == '?' ||
             c == 0xff0e || c == ':' || c == 0xff1a;
    }
  return FALSE;
}

/* Appends one page's lines to @out as paragraphs (the rule above). */
static void
append_page (GString    *out,
             const char *text)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  glong longest = 0;
  guint n = g_strv_length (lines);

  for (guint i = 0; i < n; i++)
    {
      g_strchomp (lines[i]);
      longest = MAX (longest, g_utf8_strlen (lines[i], -1));
    }
  /* The last lines are often empty: the page's last line is the last with text. */
  while (n > 0 && *g_strstrip (lines[n - 1]) == '\0')
    n--;
  for (guint i = 0; i < n; i++)
    {
      char *line = lines[i];
      const char *next = i + 1 < n ? lines[i + 1] : NULL;
      glong length = g_utf8_strlen (line, -1);
      gboolean paragraph_end;

      if (*line == '\0')
        {
          if (out->len > 0 && out->str[out->len - 1] != '\n')
            g_string_append_c (out, '\n');
          continue;
        }
      g_string_append (out, line);
      paragraph_end = next == NULL || *next == '\0' ||
                      (ends_sentence (line) && length * 100 < longest * 85);
      if (paragraph_end)
        {
          g_string_append_c (out, '\n');
          continue;
        }
      {
        gunichar last = g_utf8_get_char (g_utf8_find_prev_char (line, line + strlen (line)));
        gunichar first = g_utf8_get_char (next);
        const char *before_hyphen = strlen (line) >= 2 ? line + strlen (line) - 2 : NULL;

        if (last == '-' && before_hyphen != NULL && g_ascii_isalpha (*before_hyphen) &&
            g_unichar_islower (first) && first < 0x80)
          g_string_truncate (out, out->len - 1);
        else if (!(is_cjk (last) && is_cjk (first)))
          g_string_append_c (out, ' ');
      }
    }
}

gboolean
shirabe_pdf_convert (ShirabeTextBuilder  *builder,
                     const char          *data,
                     gsize                size,
                     const char          *password,
                     GError             **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GBytes) bytes = g_bytes_new_static (data, size);
  g_autoptr(GInputStream) stream = g_memory_input_stream_new_from_bytes (bytes);
  g_autoptr(PopplerDocument) document = NULL;
  guint64 letters = 0;
  int n_pages;

  /* From a stream: poppler 22.12's new_from_bytes crashes on a wrong password. */
  document = poppler_document_new_from_stream (stream, (goffset) size, password, NULL,
                                               &local_error);
  if (document == NULL)
    {
      if (g_error_matches (local_error, POPPLER_ERROR, POPPLER_ERROR_ENCRYPTED))
        g_set_error (error, SHIRABE_ERROR, SHIRABE_ERROR_INVALID,
                     password != NULL
                     ? _("“%s” is encrypted and the password given does not open it")
                     : _("“%s” is encrypted: give its password (shirabe-cli import --password) "
                         "or save it without one"),
                     builder->display_name);
      else
        g_set_error (error, SHIRABE_ERROR, SHIRABE_ERROR_CORRUPT,
                     _("“%s” is a damaged PDF: %s"), builder->display_name,
                     local_error != NULL ? local_error->message : "");
      return FALSE;
    }
  n_pages = poppler_document_get_n_pages (document);
  for (int i = 0; i < n_pages; i++)
    {
      g_autoptr(PopplerPage) page = poppler_document_get_page (document, i);
      g_autofree char *text = page != NULL ? poppler_page_get_text (page) : NULL;

      if (!shirabe_text_builder_check (builder, error))
        return FALSE;
      if (text == NULL)
        continue;
      for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
        if (!g_unichar_isspace (g_utf8_get_char (p)))
          letters++;
      /* A page break is a blank line. */
      if (builder->text->len > 0)
        {
          while (builder->text->len > 0 && builder->text->str[builder->text->len - 1] == '\n')
            g_string_truncate (builder->text, builder->text->len - 1);
          g_string_append (builder->text, "\n\n");
        }
      append_page (builder->text, text);
      builder->document->n_pages++;
    }
  if (letters < 10)
    {
      g_set_error (error, SHIRABE_ERROR, SHIRABE_ERROR_EMPTY,
                   _("“%s” has no text layer: it is probably a scan. Run OCR on it (for example "
                     "with OCRmyPDF) and import the result"), builder->display_name);
      return FALSE;
    }
  return TRUE;
}
