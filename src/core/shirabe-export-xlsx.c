/* shirabe-export-xlsx.c: the export's tables as one XLSX workbook
 *
 * libxlsxwriter in constant-memory mode: each row goes to a temporary file as soon as the next
 * one starts, so the workbook costs the same memory for ten codings or a million. The rows
 * must therefore come in order, which the exporter guarantees.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "shirabe-i18n.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <archive.h>
#include <archive_entry.h>
#include <xlsxwriter.h>

#include "shirabe-export-private.h"

/* Columns are sized from the header and the first rows of each sheet. */
#define MEASURED_ROWS   200
#define MAX_TEXT_WIDTH  50.0
#define LONG_TEXT_WIDTH 60.0

typedef struct
{
  ShirabeExportSink    parent;

  char                *path;
  char                *tmp_path;
  lxw_workbook        *workbook;
  lxw_format          *header_format;
  lxw_format          *wrap_format;
  lxw_format          *date_format;
  lxw_format          *datetime_format;
  GHashTable          *fill_formats;  /* 0xRRGGBB → lxw_format* */
  GHashTable          *sheet_names;   /* case-folded names in use */
  guint                max_rows;
  ShirabeOutputFlags   output_flags;

  /* The current table */
  char                *table_name;
  ShirabeExportColumn *columns;
  guint                n_columns;
  guint                sheet_index;
  lxw_worksheet       *sheet;
  lxw_row_t            row;
  double              *widths;
  GString             *clean;
} XlsxSink;

static gboolean
lxw_failed (XlsxSink    *self,
            lxw_error    err,
            GError     **error)
{
  g_autofree char *display = g_filename_display_name (self->path);
  int saved_errno = errno;

  /* libxlsxwriter says only that the zip file could not be written: errno says why. */
  if (saved_errno == ENOSPC || saved_errno == EFBIG
#ifdef EDQUOT
      || saved_errno == EDQUOT
#endif
      )
    {
      shirabe_export_set_io_error (error, self->path, saved_errno);
      return FALSE;
    }
  g_set_error (error, SHIRABE_ERROR, SHIRABE_ERROR_FAILED,
               _("Cannot write the export “%s”: %s"), display, lxw_strerror (err));
  return FALSE;
}

/* Approximate width in Excel's units (the width of "0"); wide East Asian characters count
 * twice. Stops counting at @cap. */
static double
text_width (const char *text,
            gsize       len,
            double      cap)
{
  const char *end = text + len;
  double width = 0;

  for (const char *p = text; p < end && width < cap; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == '\n')
        break;
      width += g_unichar_iswide (c) ? 2.0 : 1.0;
    }
  return MIN (width, cap);
}

static void
measure (XlsxSink                *self,
         guint                    column,
         const ShirabeExportCell *cell)
{
  double width = 0;
  char number[G_ASCII_DTOSTR_BUF_SIZE];

  switch (cell->type)
    {
    case SHIRABE_CELL_TEXT:
      width = text_width (cell->text, cell->len, MAX_TEXT_WIDTH);
      break;
    case SHIRABE_CELL_INTEGER:
      width = g_snprintf (number, sizeof number, "%" G_GINT64_FORMAT, cell->integer);
      break;
    case SHIRABE_CELL_NUMBER:
      width = MIN (12, strlen (g_ascii_dtostr (number, sizeof number, cell->number)));
      break;
    case SHIRABE_CELL_DATE:
      width = 10;
      break;
    case SHIRABE_CELL_DATETIME:
      width = 19;
      break;
    case SHIRABE_CELL_EMPTY:
    default:
      break;
    }
  self->widths[column] = MAX (self->widths[column], width + 1);
}

/* XML cannot hold most control characters, nor broken UTF-8: a cell with either is written
 * with U+FFFD in their place rather than as a workbook Excel refuses to open. */
static const char *
clean_text (XlsxSink                *self,
            const ShirabeExportCell *cell)
{
  const guchar *p = (const guchar *) cell->text;
  const guchar *end = p + cell->len;
  gboolean control = FALSE;
  g_autofree char *valid = NULL;

  for (; p < end; p++)
    if (*p < 0x20 && *p != '\t' && *p != '\n' && *p != '\r')
      {
        control = TRUE;
        break;
      }
  if (!control && g_utf8_validate_len (cell->text, cell->len, NULL) &&
      cell->text[cell->len] == '\0')
    return cell->text;

  valid = g_utf8_make_valid (cell->text, cell->len);
  g_string_truncate (self->clean, 0);
  for (const char *q = valid; *q != '\0'; q++)
    {
      guchar c = (guchar) *q;

      if (c < 0x20 && c != '\t' && c != '\n' && c != '\r')
        g_string_append (self->clean, "\xef\xbf\xbd");
      else
        g_string_append_c (self->clean, *q);
    }
  return self->clean->str;
}

static lxw_format *
fill_format (XlsxSink *self,
             guint32   rgb)
{
  lxw_format *format = g_hash_table_lookup (self->fill_formats, GUINT_TO_POINTER (rgb + 1));
  guint luma;

  if (format != NULL)
    return format;
  format = workbook_add_format (self->workbook);
  format_set_pattern (format, LXW_PATTERN_SOLID);
  format_set_bg_color (format, rgb);
  /* Dark fills get white text, so that the colour's name stays readable. */
  luma = (299 * ((rgb >> 16) & 0xff) + 587 * ((rgb >> 8) & 0xff) + 114 * (rgb & 0xff)) / 1000;
  format_set_font_color (format, luma < 128 ? LXW_COLOR_WHITE : LXW_COLOR_BLACK);
  g_hash_table_insert (self->fill_formats, GUINT_TO_POINTER (rgb + 1), format);
  return format;
}

static gboolean
open_sheet (XlsxSink  *self,
            GError   **error)
{
  g_autofree char *name = NULL;
  lxw_error err;

  /* Sheet names are unique without regard to case in Excel. */
  for (;;)
    {
      g_autofree char *key = NULL;

      g_free (name);
      name = shirabe_export_sheet_name (self->table_name, self->sheet_index);
      key = g_utf8_casefold (name, -1);
      if (!g_hash_table_contains (self->sheet_names, key))
        {
          g_hash_table_add (self->sheet_names, g_steal_pointer (&key));
          break;
        }
      self->sheet_index++;
    }

  err = workbook_validate_sheet_name (self->workbook, name);
  if (err != LXW_NO_ERROR)
    return lxw_failed (self, err, error);
  self->sheet = workbook_add_worksheet (self->workbook, name);
  if (self->sheet == NULL)
    return lxw_failed (self, LXW_ERROR_MEMORY_MALLOC_FAILED, error);
  self->parent.result->n_sheets++;
  if (self->sheet_index > 1)
    self->parent.result->n_split += self->sheet_index == 2;

  for (guint i = 0; i < self->n_columns; i++)
    {
      const char *header = self->columns[i].header;

      self->widths[i] = text_width (header, strlen (header), MAX_TEXT_WIDTH) + 3;
      if (self->columns[i].kind == SHIRABE_COLUMN_DATETIME)
        self->widths[i] = MAX (self->widths[i], 20);
      else if (self->columns[i].kind == SHIRABE_COLUMN_DATE)
        self->widths[i] = MAX (self->widths[i], 11);
      err = worksheet_write_string (self->sheet, 0, i, header, self->header_format);
      if (err != LXW_NO_ERROR)
        return lxw_failed (self, err, error);
    }
  worksheet_freeze_panes (self->sheet, 1, 0);
  self->row = 1;
  return TRUE;
}

static gboolean
close_sheet (XlsxSink  *self,
             GError   **error)
{
  lxw_error err;

  if (self->sheet == NULL)
    return TRUE;
  if (self->n_columns > 0)
    {
      err = worksheet_autofilter (self->sheet, 0, 0, self->row - 1, self->n_columns - 1);
      if (err != LXW_NO_ERROR)
        return lxw_failed (self, err, error);
    }
  for (guint i = 0; i < self->n_columns; i++)
    {
      double width = self->columns[i].kind == SHIRABE_COLUMN_LONG_TEXT
                     ? LONG_TEXT_WIDTH : self->widths[i];

      err = worksheet_set_column (self->sheet, i, i, width, NULL);
      if (err != LXW_NO_ERROR)
        return lxw_failed (self, err, error);
    }
  self->sheet = NULL;
  return TRUE;
}

static gboolean
xlsx_begin_table (ShirabeExportSink         *sink,
                  const ShirabeExportTable  *table,
                  GError                   **error)
{
  XlsxSink *self = (XlsxSink *) sink;

  g_free (self->table_name);
  for (guint i = 0; i < self->n_columns; i++)
    g_free (self->columns[i].header);
  g_free (self->columns);
  g_free (self->widths);

  self->table_name = g_strdup (table->sheet_name);
  self->n_columns = table->n_columns;
  self->columns = g_new0 (ShirabeExportColumn, table->n_columns + 1);
  for (guint i = 0; i < table->n_columns; i++)
    {
      self->columns[i].header = g_strdup (table->columns[i].header);
      self->columns[i].kind = table->columns[i].kind;
    }
  self->widths = g_new0 (double, table->n_columns + 1);
  self->sheet_index = 1;
  return open_sheet (self, error);
}

static gboolean
xlsx_write_row (ShirabeExportSink        *sink,
                const ShirabeExportCell  *cells,
                GError                  **error)
{
  XlsxSink *self = (XlsxSink *) sink;
  gboolean measuring;

  /* A table longer than a sheet goes on in "codings (2)", header and all. */
  if (self->row >= self->max_rows)
    {
      if (!close_sheet (self, error))
        return FALSE;
      self->sheet_index++;
      if (!open_sheet (self, error))
        return FALSE;
    }

  measuring = self->row <= MEASURED_ROWS;
  for (guint i = 0; i < self->n_columns; i++)
    {
      const ShirabeExportCell *cell = &cells[i];
      lxw_error err = LXW_NO_ERROR;
      lxw_datetime datetime;

      switch (cell->type)
        {
        case SHIRABE_CELL_TEXT:
          /* Always a string, never a formula, whatever the text starts with. */
          err = worksheet_write_string (self->sheet, self->row, i, clean_text (self, cell),
                                        cell->has_fill ? fill_format (self, cell->fill)
                                        : self->columns[i].kind == SHIRABE_COLUMN_LONG_TEXT
                                        ? self->wrap_format : NULL);
          break;
        case SHIRABE_CELL_INTEGER:
          err = worksheet_write_number (self->sheet, self->row, i, (double) cell->integer, NULL);
          break;
        case SHIRABE_CELL_NUMBER:
          err = worksheet_write_number (self->sheet, self->row, i, cell->number, NULL);
          break;
        case SHIRABE_CELL_DATE:
        case SHIRABE_CELL_DATETIME:
          datetime = (lxw_datetime) { cell->year, cell->month, cell->day,
                                      cell->hour, cell->minute, cell->second };
          err = worksheet_write_datetime (self->sheet, self->row, i, &datetime,
                                          cell->type == SHIRABE_CELL_DATE
                                          ? self->date_format : self->datetime_format);
          break;
        case SHIRABE_CELL_EMPTY:
        default:
          break;
        }
      if (err != LXW_NO_ERROR)
        return lxw_failed (self, err, error);
      if (measuring)
        measure (self, i, cell);
    }
  self->row++;
  return TRUE;
}

static gboolean
xlsx_end_table (ShirabeExportSink  *sink,
                GError            **error)
{
  return close_sheet ((XlsxSink *) sink, error);
}

/* The root element's closing tag an XML part must end with ("</worksheet>"), or NULL. */
static char *
closing_tag (const char *head,
             gsize       len)
{
  const char *p = head, *end = head + len;

  /* Past the declaration and any comment or processing instruction. */
  while (p < end)
    {
      const char *open = memchr (p, '<', end - p);
      const char *name_end;

      if (open == NULL || open + 1 >= end)
        return NULL;
      if (open[1] == '?' || open[1] == '!')
        {
          p = open + 1;
          continue;
        }
      name_end = open + 1;
      while (name_end < end && !g_ascii_isspace (*name_end) && *name_end != '>' &&
             *name_end != '/')
        name_end++;
      return g_strdup_printf ("</%.*s>", (int) (name_end - open - 1), open + 1);
    }
  return NULL;
}

/* Reads the workbook back before it takes its name: libxlsxwriter does not check every write
 * of its temporary files, so on a full disk (or a file size limit) it can zip a truncated
 * sheet and report success. Each XML part must end with its root element's closing tag. */
static gboolean
verify_workbook (XlsxSink  *self,
                 GError   **error)
{
  struct archive *archive = archive_read_new ();
  struct archive_entry *entry;
  gboolean ok = TRUE;
  int rc;

  archive_read_support_format_zip (archive);
  if (archive_read_open_filename (archive, self->tmp_path, 65536) != ARCHIVE_OK)
    ok = FALSE;
  while (ok && (rc = archive_read_next_header (archive, &entry)) == ARCHIVE_OK)
    {
      const char *name = archive_entry_pathname (entry);
      char head[512];
      char tail[64];
      gsize n_head = 0, n_tail = 0;
      g_autofree char *closing = NULL;
      const void *block;
      size_t size;
      la_int64_t offset;

      if (name == NULL || (!g_str_has_suffix (name, ".xml") && !g_str_has_suffix (name, ".rels")))
        {
          archive_read_data_skip (archive);
          continue;
        }
      while ((rc = archive_read_data_block (archive, &block, &size, &offset)) == ARCHIVE_OK)
        {
          const char *bytes = block;

          if (n_head < sizeof head)
            {
              gsize take = MIN (size, sizeof head - n_head);

              memcpy (head + n_head, bytes, take);
              n_head += take;
            }
          /* The last bytes seen, across blocks. */
          if (size >= sizeof tail)
            {
              memcpy (tail, bytes + size - sizeof tail, sizeof tail);
              n_tail = sizeof tail;
            }
          else
            {
              gsize keep = MIN (n_tail, sizeof tail - size);

              memmove (tail, tail + n_tail - keep, keep);
              memcpy (tail + keep, bytes, size);
              n_tail = keep + size;
            }
        }
      if (rc != ARCHIVE_EOF)
        {
          ok = FALSE;
          break;
        }
      while (n_tail > 0 && g_ascii_isspace (tail[n_tail - 1]))
        n_tail--;
      closing = closing_tag (head, n_head);
      /* An empty root (<foo/>) ends the part by itself. */
      ok = closing != NULL &&
           ((n_tail >= strlen (closing) &&
             memcmp (tail + n_tail - strlen (closing), closing, strlen (closing)) == 0) ||
            (n_tail >= 2 && memcmp (tail + n_tail - 2, "/>", 2) == 0));
    }
  archive_read_free (archive);
  if (!ok)
    {
      int saved_errno = errno;

      /* Most likely the disk filled up under libxlsxwriter's temporary files. */
      if (saved_errno != ENOSPC && saved_errno != EFBIG)
        saved_errno = ENOSPC;
      shirabe_export_set_io_error (error, self->path, saved_errno);
    }
  return ok;
}

static gboolean
xlsx_commit (ShirabeExportSink  *sink,
             GError            **error)
{
  XlsxSink *self = (XlsxSink *) sink;
  lxw_error err;

  int fd;

  err = workbook_close (g_steal_pointer (&self->workbook));
  if (err != LXW_NO_ERROR)
    return lxw_failed (self, err, error);
  if (!verify_workbook (self, error))
    return FALSE;
  /* On the disk before it takes the final name, so that a power cut leaves the old file or
   * the new one, never an empty one. */
  fd = g_open (self->tmp_path, O_RDONLY | O_CLOEXEC, 0);
  if (fd < 0 || fsync (fd) != 0)
    {
      int saved_errno = errno;

      if (fd >= 0)
        close (fd);
      shirabe_export_set_io_error (error, self->path, saved_errno);
      return FALSE;
    }
  /* Private while written; the user's usual permissions once whole. */
  if (fchmod (fd, shirabe_export_file_mode ()) != 0)
    {
      int saved_errno = errno;

      close (fd);
      shirabe_export_set_io_error (error, self->path, saved_errno);
      return FALSE;
    }
  close (fd);
  /* Once more: the target may have changed during a long export. */
  if (!shirabe_output_check_target (self->path, SHIRABE_OUTPUT_WORKBOOK, self->output_flags,
                                    error))
    return FALSE;
  if (g_rename (self->tmp_path, self->path) != 0)
    {
      shirabe_export_set_io_error (error, self->path, errno);
      return FALSE;
    }
  g_clear_pointer (&self->tmp_path, g_free);
  return TRUE;
}

static void
xlsx_abort (ShirabeExportSink *sink)
{
  XlsxSink *self = (XlsxSink *) sink;

  /* Frees the workbook without writing it. */
  g_clear_pointer (&self->workbook, lxw_workbook_free);
  if (self->tmp_path != NULL)
    g_unlink (self->tmp_path);
  g_clear_pointer (&self->tmp_path, g_free);
}

static void
xlsx_free (ShirabeExportSink *sink)
{
  XlsxSink *self = (XlsxSink *) sink;

  xlsx_abort (sink);
  g_free (self->path);
  g_clear_pointer (&self->fill_formats, g_hash_table_unref);
  g_clear_pointer (&self->sheet_names, g_hash_table_unref);
  g_free (self->table_name);
  for (guint i = 0; i < self->n_columns; i++)
    g_free (self->columns[i].header);
  g_free (self->columns);
  g_free (self->widths);
  g_string_free (self->clean, TRUE);
  g_free (self);
}

static const ShirabeExportSinkVTable xlsx_vtable = {
  xlsx_begin_table,
  xlsx_write_row,
  xlsx_end_table,
  xlsx_commit,
  NULL,
  xlsx_abort,
  xlsx_free,
};

ShirabeExportSink *
shirabe_export_xlsx_sink_new (const char                  *path,
                              const ShirabeExportOptions  *options,
                              const ShirabeExportMeta     *meta,
                              ShirabeExportResult         *result,
                              GError                     **error)
{
  XlsxSink *self;
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *tmp_path = NULL;
  g_autofree char *tmp_name = NULL;
  lxw_workbook_options workbook_options = { 0 };
  lxw_doc_properties properties = { 0 };
  int fd;

  if (!shirabe_output_check_target (path, SHIRABE_OUTPUT_WORKBOOK, output_flags (options), error))
    return NULL;

  /* The temporary file lives beside the final one, so that the rename stays on one file
   * system and the workbook appears whole or not at all. mkstemp makes it private (0600), as
   * the project: the export holds the same narratives. */
  tmp_name = g_strdup_printf (".%s.XXXXXX", base);
  tmp_path = g_build_filename (dir, tmp_name, NULL);
  fd = g_mkstemp (tmp_path);
  if (fd < 0)
    {
      shirabe_export_set_io_error (error, path, errno);
      return NULL;
    }
  close (fd);

  self = g_new0 (XlsxSink, 1);
  self->parent.vtable = &xlsx_vtable;
  self->parent.result = result;
  self->path = g_strdup (path);
  self->output_flags = output_flags (options);
  self->tmp_path = g_steal_pointer (&tmp_path);
  self->max_rows = options->max_rows >= 2 ? MIN (options->max_rows, SHIRABE_EXPORT_MAX_ROWS)
                                          : SHIRABE_EXPORT_MAX_ROWS;
  self->fill_formats = g_hash_table_new (NULL, NULL);
  self->sheet_names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->clean = g_string_new (NULL);

  workbook_options.constant_memory = LXW_TRUE;
  /* Its row files go beside the export too: /tmp may be a RAM disk, and the export must not
   * cost memory there either. */
  workbook_options.tmpdir = dir;
  self->workbook = workbook_new_opt (self->tmp_path, &workbook_options);
  if (self->workbook == NULL)
    {
      lxw_failed (self, LXW_ERROR_MEMORY_MALLOC_FAILED, error);
      xlsx_free (&self->parent);
      return NULL;
    }

  properties.title = (char *) meta->title;
  properties.subject = (char *) meta->subject;
  properties.author = (char *) "Shirabe";
  properties.comments = (char *) meta->comments;
  properties.keywords = (char *) "Shirabe";
  workbook_set_properties (self->workbook, &properties);

  self->header_format = workbook_add_format (self->workbook);
  format_set_bold (self->header_format);
  format_set_bottom (self->header_format, LXW_BORDER_THIN);
  self->wrap_format = workbook_add_format (self->workbook);
  format_set_text_wrap (self->wrap_format);
  format_set_align (self->wrap_format, LXW_ALIGN_VERTICAL_TOP);
  self->date_format = workbook_add_format (self->workbook);
  format_set_num_format (self->date_format, "yyyy-mm-dd");
  self->datetime_format = workbook_add_format (self->workbook);
  format_set_num_format (self->datetime_format, "yyyy-mm-dd hh:mm:ss");

  return &self->parent;
}
