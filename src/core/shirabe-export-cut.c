/* shirabe-export-cut.c: text cut at a cell's limit, with a marker saying so
 *
 * Every export (statistics, quote lists, agreement) cuts a text too long for a spreadsheet
 * cell the same way: what fits, then a marker in the export's language giving the length in
 * full, so that a reader sees that the cell is not the whole text and how much is missing.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "shirabe-export-private.h"

/* { English, Japanese }: before and after the number of characters in full. */
static const char *const cut_before[2] = { " …[cut; ", " …［以下省略・全" };
static const char *const cut_after[2] = { " characters in full]", "文字］" };

char *
shirabe_export_cut_text (const char      *text,
                         gsize            len,
                         guint            max_chars,
                         guint            max_bytes,
                         ShirabeLanguage  language)
{
  int lang = language == SHIRABE_LANGUAGE_JA ? 1 : 0;
  const char *end = text + len;
  const char *cut = NULL;
  guint64 units = 0;
  guint64 chars = 0;
  guint64 limit;
  GString *cut_text;

  /* A UTF-8 byte never stands for more than one UTF-16 unit. */
  if (len <= max_chars && (max_bytes == 0 || len <= max_bytes))
    return NULL;
  for (const char *p = text; p < end; p = g_utf8_next_char (p))
    units += ((guchar) *p >= 0xf0) ? 2 : 1;
  if (units <= max_chars && (max_bytes == 0 || len <= max_bytes))
    return NULL;

  for (const char *p = text; p < end; p = g_utf8_next_char (p))
    chars++;
  cut_text = g_string_new (cut_before[lang]);
  g_string_append_printf (cut_text, "%" G_GUINT64_FORMAT "%s", chars, cut_after[lang]);
  limit = max_chars - MIN (max_chars, (guint) g_utf8_strlen (cut_text->str, -1));

  units = 0;
  for (const char *p = text; p < end; p = g_utf8_next_char (p))
    {
      guint size = ((guchar) *p >= 0xf0) ? 2 : 1;

      /* SPSS counts a string's bytes: the marker's too. */
      if (units + size > limit ||
          (max_bytes > 0 && (gsize) (g_utf8_next_char (p) - text) + cut_text->len > max_bytes))
        {
          cut = p;
          break;
        }
      units += size;
    }
  if (cut == NULL)
    cut = end;
  g_string_prepend_len (cut_text, text, cut - text);
  return g_string_free (cut_text, FALSE);
}

void
shirabe_export_text_cell (ShirabeExportCell *cell,
                          GPtrArray         *strings,
                          const char        *text,
                          guint              max_chars,
                          ShirabeLanguage    language,
                          guint64           *n_truncated)
{
  const char *value = text != NULL ? text : "";
  char *copy = shirabe_export_cut_text (value, strlen (value), max_chars, 0, language);

  if (copy == NULL)
    copy = g_strdup (value);
  else if (n_truncated != NULL)
    (*n_truncated)++;
  memset (cell, 0, sizeof *cell);
  cell->type = SHIRABE_CELL_TEXT;
  cell->text = copy;
  cell->len = strlen (copy);
  g_ptr_array_add (strings, copy);
}
