/* shirabe-export-csv.c: the export's tables as CSV files in a folder
 *
 * One file per table, named after the table in English ASCII ("cases.csv") so that scripts
 * find them whatever the export's language. RFC 4180: comma separated, CRLF line ends, fields
 * with a comma, a quote or a line break in double quotes. UTF-8 with a byte order mark by
 * default, because Excel in Japan reads UTF-8 without one as CP932.
 *
 * Each file is written under a temporary name in the folder; the files take their names only
 * when the whole export has succeeded.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "shirabe-i18n.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "shirabe-export-private.h"

typedef struct
{
  ShirabeExportSink  parent;

  char              *dir;
  char              *file_name;    /* one table into this file; NULL: a file per table */
  gboolean           created_dir;
  gboolean           bom;
  gboolean           guard_formulas;
  ShirabeOutputFlags output_flags;
  GPtrArray         *tmp_paths;    /* written tables, under their temporary names */
  GPtrArray         *final_paths;  /* the names they take at commit */

  /* The current table */
  FILE              *out;
  char              *out_path;     /* its final name, for messages */
  guint              n_columns;
  GString           *line;
} CsvSink;

static gboolean
io_failed (CsvSink     *self,
           const char  *path,
           int          saved_errno,
           GError     **error)
{
  shirabe_export_set_io_error (error, path, saved_errno);
  return FALSE;
}

/* OWASP's advice against spreadsheet formula injection, asked for with guard_formulas (for
 * opening the files in Excel): text a spreadsheet could take for a formula gets a leading
 * apostrophe; numbers ("-3", "+81") are left as they are. By default the CSV holds the values
 * exactly, for R, pandas, SPSS and Stata: an excerpt equals the text at its positions. */
static gboolean
needs_guard (const char *text,
             gsize       len)
{
  if (len == 0 || strchr ("=+-@\t\r", text[0]) == NULL)
    return FALSE;
  return !shirabe_export_text_is_number (text, len);
}

static void
append_text (GString    *line,
             const char *text,
             gsize       len,
             gboolean    guard_formulas)
{
  gboolean guard = guard_formulas && needs_guard (text, len);
  gboolean quote = guard;

  for (gsize i = 0; i < len && !quote; i++)
    quote = text[i] == ',' || text[i] == '"' || text[i] == '\n' || text[i] == '\r';
  if (!quote)
    {
      g_string_append_len (line, text, len);
      return;
    }
  g_string_append_c (line, '"');
  if (guard)
    g_string_append_c (line, '\'');
  for (gsize i = 0; i < len; i++)
    {
      if (text[i] == '"')
        g_string_append_c (line, '"');
      g_string_append_c (line, text[i]);
    }
  g_string_append_c (line, '"');
}

static void
append_cell (GString                 *line,
             const ShirabeExportCell *cell,
             gboolean                 guard_formulas)
{
  char number[G_ASCII_DTOSTR_BUF_SIZE];

  switch (cell->type)
    {
    case SHIRABE_CELL_TEXT:
      append_text (line, cell->text, cell->len, guard_formulas);
      break;
    case SHIRABE_CELL_INTEGER:
      g_string_append_printf (line, "%" G_GINT64_FORMAT, cell->integer);
      break;
    case SHIRABE_CELL_NUMBER:
      g_string_append (line, g_ascii_dtostr (number, sizeof number, cell->number));
      break;
    case SHIRABE_CELL_DATE:
      g_string_append_printf (line, "%04d-%02d-%02d", cell->year, cell->month, cell->day);
      break;
    case SHIRABE_CELL_DATETIME:
      /* The form R (as.POSIXct), Stata (clock) and Excel all read as a moment. */
      g_string_append_printf (line, "%04d-%02d-%02d %02d:%02d:%02d", cell->year, cell->month,
                              cell->day, cell->hour, cell->minute, cell->second);
      break;
    case SHIRABE_CELL_EMPTY:
    default:
      break;
    }
}

static gboolean
flush_line (CsvSink  *self,
            GError  **error)
{
  g_string_append (self->line, "\r\n");
  if (fwrite (self->line->str, 1, self->line->len, self->out) != self->line->len)
    return io_failed (self, self->out_path, errno, error);
  g_string_truncate (self->line, 0);
  return TRUE;
}

static gboolean
csv_begin_table (ShirabeExportSink         *sink,
                 const ShirabeExportTable  *table,
                 GError                   **error)
{
  CsvSink *self = (CsvSink *) sink;
  g_autofree char *file_name = self->file_name != NULL ? g_strdup (self->file_name)
                                                       : g_strconcat (table->file_stem, ".csv",
                                                                      NULL);
  g_autofree char *tmp_name = g_strconcat (".", file_name, ".XXXXXX", NULL);
  g_autofree char *tmp_path = g_build_filename (self->dir, tmp_name, NULL);
  int fd;

  g_free (self->out_path);
  self->out_path = g_build_filename (self->dir, file_name, NULL);
  if (!shirabe_output_check_target (self->out_path, SHIRABE_OUTPUT_TEXT, self->output_flags,
                                    error))
    return FALSE;
  fd = g_mkstemp (tmp_path);
  if (fd < 0)
    return io_failed (self, self->out_path, errno, error);
  self->out = fdopen (fd, "wb");
  if (self->out == NULL)
    {
      int saved_errno = errno;

      close (fd);
      g_unlink (tmp_path);
      return io_failed (self, self->out_path, saved_errno, error);
    }
  g_ptr_array_add (self->tmp_paths, g_steal_pointer (&tmp_path));
  g_ptr_array_add (self->final_paths, g_strdup (self->out_path));
  setvbuf (self->out, NULL, _IOFBF, 1 << 16);
  self->parent.result->n_sheets++;

  g_string_truncate (self->line, 0);
  if (self->bom)
    g_string_append (self->line, "\xef\xbb\xbf");
  self->n_columns = table->n_columns;
  for (guint i = 0; i < table->n_columns; i++)
    {
      const char *header = table->columns[i].header;

      if (i > 0)
        g_string_append_c (self->line, ',');
      append_text (self->line, header, strlen (header), self->guard_formulas);
    }
  return flush_line (self, error);
}

static gboolean
csv_write_row (ShirabeExportSink        *sink,
               const ShirabeExportCell  *cells,
               GError                  **error)
{
  CsvSink *self = (CsvSink *) sink;

  for (guint i = 0; i < self->n_columns; i++)
    {
      if (i > 0)
        g_string_append_c (self->line, ',');
      append_cell (self->line, &cells[i], self->guard_formulas);
    }
  return flush_line (self, error);
}

static gboolean
close_out (CsvSink  *self,
           GError  **error)
{
  FILE *out = g_steal_pointer (&self->out);

  if (out == NULL)
    return TRUE;
  /* Private while written; the user's usual permissions once whole. */
  if (fflush (out) != 0 || ferror (out) || fsync (fileno (out)) != 0 ||
      fchmod (fileno (out), shirabe_export_file_mode ()) != 0)
    {
      int saved_errno = errno;

      fclose (out);
      return io_failed (self, self->out_path, saved_errno, error);
    }
  if (fclose (out) != 0)
    return io_failed (self, self->out_path, errno, error);
  return TRUE;
}

static gboolean
csv_end_table (ShirabeExportSink  *sink,
               GError            **error)
{
  return close_out ((CsvSink *) sink, error);
}

static gboolean
csv_commit (ShirabeExportSink  *sink,
            GError            **error)
{
  CsvSink *self = (CsvSink *) sink;

  if (!close_out (self, error))
    return FALSE;
  /* Every name once more before the first rename: the files appear all or none. */
  for (guint i = 0; i < self->final_paths->len; i++)
    if (!shirabe_output_check_target (g_ptr_array_index (self->final_paths, i),
                                      SHIRABE_OUTPUT_TEXT, self->output_flags, error))
      return FALSE;
  for (guint i = 0; i < self->tmp_paths->len; i++)
    {
      const char *final_path = g_ptr_array_index (self->final_paths, i);

      if (g_rename (g_ptr_array_index (self->tmp_paths, i), final_path) != 0)
        return io_failed (self, final_path, errno, error);
      /* Renamed: abort must not remove it any more. */
      g_clear_pointer (&g_ptr_array_index (self->tmp_paths, i), g_free);
    }
  return TRUE;
}

static gboolean
csv_write_text (ShirabeExportSink  *sink,
                const char         *file_name,
                const char         *text,
                GError            **error)
{
  CsvSink *self = (CsvSink *) sink;
  g_autofree char *tmp_name = g_strconcat (".", file_name, ".XXXXXX", NULL);
  g_autofree char *tmp_path = g_build_filename (self->dir, tmp_name, NULL);
  g_autofree char *final_path = g_build_filename (self->dir, file_name, NULL);
  gsize len = strlen (text);
  FILE *out;
  int fd;

  if (!shirabe_output_check_target (final_path, SHIRABE_OUTPUT_TEXT, self->output_flags, error))
    return FALSE;
  fd = g_mkstemp (tmp_path);
  if (fd < 0)
    return io_failed (self, final_path, errno, error);
  out = fdopen (fd, "wb");
  if (out == NULL)
    {
      int saved_errno = errno;

      close (fd);
      g_unlink (tmp_path);
      return io_failed (self, final_path, saved_errno, error);
    }
  g_ptr_array_add (self->tmp_paths, g_strdup (tmp_path));
  g_ptr_array_add (self->final_paths, g_strdup (final_path));
  /* The same BOM as the tables, so that Windows' editors read the Japanese right. */
  if ((self->bom && fwrite ("\xef\xbb\xbf", 1, 3, out) != 3) ||
      fwrite (text, 1, len, out) != len || fflush (out) != 0 || fsync (fileno (out)) != 0 ||
      fchmod (fileno (out), shirabe_export_file_mode ()) != 0)
    {
      int saved_errno = errno;

      fclose (out);
      return io_failed (self, final_path, saved_errno, error);
    }
  if (fclose (out) != 0)
    return io_failed (self, final_path, errno, error);
  return TRUE;
}

static void
csv_abort (ShirabeExportSink *sink)
{
  CsvSink *self = (CsvSink *) sink;

  if (self->out != NULL)
    fclose (g_steal_pointer (&self->out));
  for (guint i = 0; i < self->tmp_paths->len; i++)
    {
      char *tmp_path = g_ptr_array_index (self->tmp_paths, i);

      if (tmp_path != NULL)
        g_unlink (tmp_path);
    }
  g_ptr_array_set_size (self->tmp_paths, 0);
  g_ptr_array_set_size (self->final_paths, 0);
  /* A folder made for this export goes too, when nothing else is in it. */
  if (self->created_dir)
    g_rmdir (self->dir);
  self->created_dir = FALSE;
}

static void
csv_free (ShirabeExportSink *sink)
{
  CsvSink *self = (CsvSink *) sink;

  if (self->out != NULL)
    csv_abort (sink);
  g_free (self->dir);
  g_free (self->file_name);
  g_free (self->out_path);
  g_ptr_array_unref (self->tmp_paths);
  g_ptr_array_unref (self->final_paths);
  g_string_free (self->line, TRUE);
  g_free (self);
}

static const ShirabeExportSinkVTable csv_vtable = {
  csv_begin_table,
  csv_write_row,
  csv_end_table,
  csv_commit,
  csv_write_text,
  csv_abort,
  csv_free,
};

ShirabeExportSink *
shirabe_export_csv_sink_new (const char                  *path,
                             const ShirabeExportOptions  *options,
                             ShirabeExportResult         *result,
                             GError                     **error)
{
  CsvSink *self;
  gboolean created_dir = FALSE;

  if (!shirabe_output_check_target (path, SHIRABE_OUTPUT_FOLDER, output_flags (options), error))
    return NULL;
  if (!g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      /* With the user's usual permissions: the export is made to be shared (the umask
       * decides, as for any new folder). */
      if (g_mkdir (path, 0777) != 0)
        {
          int saved_errno = errno;
          g_autofree char *display = g_filename_display_name (path);

          if (saved_errno == EEXIST)
            g_set_error (error, SHIRABE_ERROR, SHIRABE_ERROR_EXISTS,
                         _("Cannot write the CSV files into “%s”: it is a file, not a folder"),
                         display);
          else
            g_set_error (error, SHIRABE_ERROR, SHIRABE_ERROR_FAILED,
                         _("Cannot create the folder “%s” for the CSV files: %s"),
                         display, g_strerror (saved_errno));
          return NULL;
        }
      created_dir = TRUE;
    }

  self = g_new0 (CsvSink, 1);
  self->parent.vtable = &csv_vtable;
  self->parent.result = result;
  self->dir = g_strdup (path);
  self->created_dir = created_dir;
  self->bom = !options->no_bom;
  self->output_flags = output_flags (options);
  self->guard_formulas = options->guard_formulas;
  self->tmp_paths = g_ptr_array_new_with_free_func (g_free);
  self->final_paths = g_ptr_array_new_with_free_func (g_free);
  self->line = g_string_sized_new (4096);
  return &self->parent;
}

ShirabeExportSink *
shirabe_export_csv_file_sink_new (const char                  *path,
                                  const ShirabeExportOptions  *options,
                                  ShirabeExportResult         *result,
                                  GError                     **error)
{
  CsvSink *self;

  if (!shirabe_output_check_target (path, SHIRABE_OUTPUT_TEXT, output_flags (options), error))
    return NULL;
  self = g_new0 (CsvSink, 1);
  self->parent.vtable = &csv_vtable;
  self->parent.result = result;
  self->dir = g_path_get_dirname (path);
  self->file_name = g_path_get_basename (path);
  self->bom = !options->no_bom;
  self->output_flags = output_flags (options);
  self->guard_formulas = options->guard_formulas;
  self->tmp_paths = g_ptr_array_new_with_free_func (g_free);
  self->final_paths = g_ptr_array_new_with_free_func (g_free);
  self->line = g_string_sized_new (4096);
  return &self->parent;
}
