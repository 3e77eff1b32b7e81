/* shirabe-export-sav.c: the export's tables as SPSS (.sav) and Stata (.dta) files
 *
 * Through ReadStat, the library R's haven and Python's pyreadstat are built on: SPSS files in
 * Unicode (UTF-8, bytecode-compressed rows), Stata files in format 118 (UTF-8). Each table is a
 * labelled dataset: variables named as `--header names` names them, checked against both
 * packages' rules; variable labels from the code and attribute labels; value labels for
 * presence, yes/no and choice variables; dates as dates; empty cells as system missing.
 *
 * ReadStat wants every variable's type and width, and the number of rows, before the first
 * row, but the exporter streams its rows. So each table's rows go first to a spool file (a
 * compact binary copy, unlinked as soon as it is made: shirabe-export-spool.c) while their
 * types and widths are measured; at the table's end the spool is read back into ReadStat. Memory stays flat: one
 * row at a time, besides what ReadStat itself keeps (Stata's strL values, which it writes
 * after the rows).
 *
 * Several tables go into a folder, one file per table ("cases.sav"), as the CSV export does,
 * with README.txt and dictionary.csv (every variable: its name, type, format, full label and
 * value labels); one table may go to a file of its own, with NAME-dictionary.csv beside it.
 * Everything is written under temporary names and renamed at commit.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "shirabe-i18n.h"

#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <readstat.h>

#include "shirabe-export-private.h"
#include "shirabe-export-sav-private.h"
#include "shirabe-export-spool-private.h"

/* Limits of the formats, in bytes of UTF-8 unless said otherwise. */
#define SPSS_LABEL_MAX        256     /* a variable label */
#define SPSS_VALUE_LABEL_MAX  120     /* a value label */
#define SPSS_FILE_LABEL_MAX   64
#define SPSS_STRING_MAX       32767
#define STATA_LABEL_CHARS     80      /* variable and dataset labels, in characters */
#define STATA_LABEL_BYTES     320
#define STATA_VALUE_LABEL_MAX 32000
#define STATA_STR_MAX         2045    /* longer text is a strL */
#define STATA_VARIABLES_MAX   32767
/* Whole numbers that a double holds exactly: both packages store numbers as doubles. */
#define EXACT_INTEGER_MAX     G_GINT64_CONSTANT (9007199254740992)

typedef enum
{
  VAR_STRING,
  VAR_INTEGER,
  VAR_NUMBER,
  VAR_DATE,
  VAR_DATETIME,
  VAR_CODED,        /* a choice's stored values, coded 1 … n */
} VarType;

typedef struct
{
  char                *header;        /* as in the CSV export with --header names */
  char                *name;          /* legal in SPSS and Stata */
  char                *label;         /* in full */
  ShirabeColumnKind    kind;

  /* Value labels, copied from the exporter's */
  char                *set_name;
  GPtrArray           *value_labels;  /* char*: labels of codes 0 … (or 1 … when coded) */
  GPtrArray           *stored;        /* char*: the stored values of a coded column */
  GHashTable          *codes;         /* stored value → code */

  /* Measured in the spool pass */
  gboolean             seen_text, seen_integer, seen_number, seen_date, seen_datetime;
  gint64               min, max;
  gsize                width;         /* bytes, as text */
  guint                decimals;      /* of its numbers, up to 6 */
  guint                integer_digits;
  int                  last_year, last_month, last_day;  /* the last date spooled */
  guint32              last_julian;                      /* its day */

  VarType              type;
  gboolean             strl;
  readstat_variable_t *variable;
} Column;

typedef struct
{
  ShirabeExportSink    parent;

  ShirabeExportFormat  format;
  const char          *extension;     /* "sav" or "dta" */
  char                *dir;           /* where the files go */
  char                *single_path;   /* one table to one file; NULL for a folder */
  gboolean             created_dir;
  ShirabeOutputFlags   output_flags;
  char                *dataset_label;
  GPtrArray           *tmp_paths;
  GPtrArray           *final_paths;
  GString             *dictionary;

  /* The current table */
  char                *table_stem;
  char                *out_path;      /* its final name */
  Column              *columns;
  guint                n_columns;
  guint64              n_rows;
  ShirabeSpool        *spool;
  GString             *text;          /* a number or date as text, NUL-terminated */

  /* Writing the file */
  FILE                *out;
  ShirabeBlockWriter  *out_writer;    /* writes out's data in a thread */
  int                  out_errno;
} StatsSink;

/* Text within a limit: @text cut at a character's end so that it and "…" fit in @max_bytes
 * and @max_chars (0: any number of characters). */
static char *
cut_label (const char *text,
           gsize       max_bytes,
           guint       max_chars)
{
  gsize len = strlen (text);
  glong chars = g_utf8_strlen (text, -1);
  const char *p = text;
  guint n = 0;

  if (len <= max_bytes && (max_chars == 0 || (gulong) chars <= max_chars))
    return g_strdup (text);
  /* Room for "…": three bytes, one character. */
  while (*p != '\0')
    {
      const char *next = g_utf8_next_char (p);

      if ((gsize) (next - text) + 3 > max_bytes || (max_chars > 0 && n + 2 > max_chars))
        break;
      p = next;
      n++;
    }
  return g_strdup_printf ("%.*s…", (int) (p - text), text);
}

/* Errors */

static gboolean
set_readstat_error (StatsSink        *self,
                    const char       *path,
                    readstat_error_t  err,
                    GError          **error)
{
  g_autofree char *display = g_filename_display_name (path);

  if (err == READSTAT_ERROR_WRITE || self->out_errno != 0)
    {
      shirabe_export_set_io_error (error, path, self->out_errno != 0 ? self->out_errno : EIO);
      return FALSE;
    }
  /* Translators: the second %s is ReadStat's own description of the problem, in English */
  g_set_error (error, SHIRABE_ERROR, SHIRABE_ERROR_FAILED, _("Cannot write the export “%s”: %s"),
               display, readstat_error_message (err));
  return FALSE;
}

static const char *
format_name (StatsSink *self)
{
  return self->format == SHIRABE_EXPORT_SAV ? "SPSS" : "Stata";
}

/* Columns */

static void
column_clear (Column *column)
{
  g_free (column->header);
  g_free (column->name);
  g_free (column->label);
  g_free (column->set_name);
  g_clear_pointer (&column->value_labels, g_ptr_array_unref);
  g_clear_pointer (&column->stored, g_ptr_array_unref);
  g_clear_pointer (&column->codes, g_hash_table_unref);
}

static void
clear_table (StatsSink *self)
{
  for (guint i = 0; i < self->n_columns; i++)
    column_clear (&self->columns[i]);
  g_clear_pointer (&self->columns, g_free);
  self->n_columns = 0;
  self->n_rows = 0;
  g_clear_pointer (&self->spool, shirabe_spool_free);
  g_clear_pointer (&self->table_stem, g_free);
}

static gboolean
is_numeric_kind (ShirabeColumnKind kind)
{
  return kind == SHIRABE_COLUMN_INTEGER || kind == SHIRABE_COLUMN_NUMBER ||
         kind == SHIRABE_COLUMN_DATE || kind == SHIRABE_COLUMN_DATETIME;
}

/* A file beside the final one, private until it takes its name; created here. */
static FILE *
open_tmp (StatsSink   *self,
          const char  *final_path,
          char       **tmp_path_out,
          GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (final_path);
  g_autofree char *base = g_path_get_basename (final_path);
  g_autofree char *tmp_name = g_strdup_printf (".%s.XXXXXX", base);
  g_autofree char *tmp_path = g_build_filename (dir, tmp_name, NULL);
  FILE *out;
  int fd;

  fd = g_mkstemp (tmp_path);
  if (fd < 0)
    {
      shirabe_export_set_io_error (error, final_path, errno);
      return NULL;
    }
  out = fdopen (fd, "wb");
  if (out == NULL)
    {
      int saved_errno = errno;

      close (fd);
      g_unlink (tmp_path);
      shirabe_export_set_io_error (error, final_path, saved_errno);
      return NULL;
    }
  setvbuf (out, NULL, _IOFBF, 1 << 20);
  *tmp_path_out = g_steal_pointer (&tmp_path);
  return out;
}

/* Flushes, syncs and closes a written file, giving it the user's usual permissions. */
static gboolean
close_out (FILE        *out,
           const char  *final_path,
           GError     **error)
{
  if (fflush (out) != 0 || ferror (out) || fsync (fileno (out)) != 0 ||
      fchmod (fileno (out), shirabe_export_file_mode ()) != 0)
    {
      int saved_errno = errno;

      fclose (out);
      shirabe_export_set_io_error (error, final_path, saved_errno != 0 ? saved_errno : EIO);
      return FALSE;
    }
  if (fclose (out) != 0)
    {
      shirabe_export_set_io_error (error, final_path, errno);
      return FALSE;
    }
  return TRUE;
}

static gboolean
stats_begin_table (ShirabeExportSink         *sink,
                   const ShirabeExportTable  *table,
                   GError                   **error)
{
  StatsSink *self = (StatsSink *) sink;
  g_autofree char *file_name = g_strconcat (table->file_stem, ".", self->extension, NULL);
  g_autofree char *spool_name = g_strconcat (".", file_name, ".spool.XXXXXX", NULL);
  g_autofree char *spool_path = g_build_filename (self->dir, spool_name, NULL);
  g_autofree const char **wanted = NULL;
  g_auto(GStrv) names = NULL;
  int saved_errno = 0;

  clear_table (self);
  g_free (self->out_path);
  self->out_path = self->single_path != NULL ? g_strdup (self->single_path)
                                             : g_build_filename (self->dir, file_name, NULL);
  if (!shirabe_output_check_target (self->out_path,
                                    self->format == SHIRABE_EXPORT_SAV ? SHIRABE_OUTPUT_SAV
                                                                       : SHIRABE_OUTPUT_DTA,
                                    self->output_flags, error))
    return FALSE;

  self->spool = shirabe_spool_new (spool_path, table->n_columns, &saved_errno);
  if (self->spool == NULL)
    {
      shirabe_export_set_io_error (error, self->out_path, saved_errno);
      return FALSE;
    }

  self->table_stem = g_strdup (table->file_stem);
  self->n_columns = table->n_columns;
  self->columns = g_new0 (Column, table->n_columns + 1);
  wanted = g_new0 (const char *, table->n_columns + 1);
  for (guint i = 0; i < table->n_columns; i++)
    wanted[i] = table->columns[i].header;
  names = shirabe_export_stats_names (wanted, table->n_columns);
  for (guint i = 0; i < table->n_columns; i++)
    {
      const ShirabeExportColumn *in = &table->columns[i];
      Column *column = &self->columns[i];

      column->header = g_strdup (in->header);
      column->name = g_strdup (names[i]);
      column->label = g_strdup (in->label != NULL ? in->label : in->header);
      column->kind = in->kind;
      column->min = G_MAXINT64;
      column->max = G_MININT64;
      if (in->value_labels != NULL)
        {
          const ShirabeExportValueLabels *set = in->value_labels;

          column->set_name = g_strdup (set->name);
          column->value_labels = g_ptr_array_new_with_free_func (g_free);
          for (guint k = 0; k < set->n; k++)
            g_ptr_array_add (column->value_labels, g_strdup (set->labels[k]));
          if (set->values != NULL)
            {
              column->stored = g_ptr_array_new_with_free_func (g_free);
              column->codes = g_hash_table_new (g_str_hash, g_str_equal);
              for (guint k = 0; k < set->n; k++)
                {
                  g_ptr_array_add (column->stored, g_strdup (set->values[k]));
                  if (!g_hash_table_contains (column->codes, column->stored->pdata[k]))
                    g_hash_table_insert (column->codes, column->stored->pdata[k],
                                         GUINT_TO_POINTER (k + 1));
                }
            }
        }
    }
  self->parent.result->n_sheets++;
  return TRUE;
}

static guint
decimals_of (double value)
{
  double scaled = fabs (value);

  for (guint d = 0; d < 6; d++, scaled *= 10)
    if (fabs (scaled - round (scaled)) <= 1e-9 * MAX (1.0, scaled))
      return d;
  return 6;
}

/* The characters of @value in decimal, its sign included. */
static guint
digits_of (gint64 value)
{
  guint64 magnitude = value < 0 ? -(guint64) value : (guint64) value;
  guint digits = value < 0 ? 2 : 1;

  for (; magnitude >= 10; magnitude /= 10)
    digits++;
  return digits;
}

/* The code of a coded column's stored value; a value that is not among the choices gets the
 * next free code, labelled with itself. */
static guint
code_for (Column     *column,
          const char *value)
{
  gpointer code = g_hash_table_lookup (column->codes, value);

  if (code != NULL)
    return GPOINTER_TO_UINT (code);
  g_ptr_array_add (column->stored, g_strdup (value));
  g_ptr_array_add (column->value_labels, g_strdup (value));
  g_hash_table_insert (column->codes, column->stored->pdata[column->stored->len - 1],
                       GUINT_TO_POINTER (column->stored->len));
  return column->stored->len;
}

static gboolean
stats_write_row (ShirabeExportSink        *sink,
                 const ShirabeExportCell  *cells,
                 GError                  **error)
{
  StatsSink *self = (StatsSink *) sink;
  ShirabeSpool *spool = self->spool;
  int saved_errno;

  for (guint i = 0; i < self->n_columns; i++)
    {
      const ShirabeExportCell *cell = &cells[i];
      Column *column = &self->columns[i];
      char number[G_ASCII_DTOSTR_BUF_SIZE];
      guint32 day;
      gsize len;

      if (column->codes != NULL && cell->type != SHIRABE_CELL_EMPTY)
        {
          g_autofree char *valid = NULL;

          /* A choice: its stored value, coded. */
          if (cell->type == SHIRABE_CELL_TEXT)
            valid = g_strndup (cell->text, cell->len);
          else if (cell->type == SHIRABE_CELL_INTEGER)
            valid = g_strdup_printf ("%" G_GINT64_FORMAT, cell->integer);
          else
            valid = g_strdup ("");
          shirabe_spool_integer (spool, code_for (column, valid));
          column->seen_integer = TRUE;
          continue;
        }

      switch (cell->type)
        {
        case SHIRABE_CELL_TEXT:
          len = shirabe_spool_text (spool, i, cell->text, cell->len);
          column->width = MAX (column->width, len);
          column->seen_text = TRUE;
          break;
        case SHIRABE_CELL_INTEGER:
          /* Past 2^53 a double rounds: refused rather than changed. */
          if (cell->integer > EXACT_INTEGER_MAX || cell->integer < -EXACT_INTEGER_MAX)
            {
              g_autofree char *display = g_filename_display_name (self->out_path);

              g_snprintf (number, sizeof number, "%" G_GINT64_FORMAT, cell->integer);
              g_set_error (error, SHIRABE_ERROR, SHIRABE_ERROR_INVALID,
                           /* Translators: the first three %s are a file, a variable and a
                            * number, %lu a row, the last %s SPSS or Stata */
                           _("Cannot write the export “%s”: the variable “%s” holds %s in "
                             "row %lu, a whole number larger than %s stores exactly (at most "
                             "9,007,199,254,740,992). Nothing was written."),
                           display, column->name, number, (unsigned long) self->n_rows + 1,
                           format_name (self));
              return FALSE;
            }
          shirabe_spool_integer (spool, cell->integer);
          column->seen_integer = TRUE;
          column->min = MIN (column->min, cell->integer);
          column->max = MAX (column->max, cell->integer);
          column->width = MAX (column->width, digits_of (cell->integer));
          break;
        case SHIRABE_CELL_NUMBER:
          shirabe_spool_number (spool, cell->number);
          column->seen_number = TRUE;
          column->decimals = MAX (column->decimals, decimals_of (cell->number));
          column->integer_digits = MAX (column->integer_digits,
                                        digits_of ((gint64) MIN (fabs (cell->number), 1e18)));
          column->width = MAX (column->width,
                               strlen (g_ascii_dtostr (number, sizeof number, cell->number)));
          break;
        case SHIRABE_CELL_DATE:
        case SHIRABE_CELL_DATETIME:
          /* Codings made the same day follow one another: the day is counted once. */
          if (cell->year != column->last_year || cell->month != column->last_month ||
              cell->day != column->last_day)
            {
              GDate date;

              g_date_clear (&date, 1);
              g_date_set_dmy (&date, cell->day, cell->month, cell->year);
              column->last_year = cell->year;
              column->last_month = cell->month;
              column->last_day = cell->day;
              column->last_julian = g_date_get_julian (&date);
            }
          day = column->last_julian;
          if (cell->type == SHIRABE_CELL_DATETIME)
            {
              shirabe_spool_datetime (spool, day,
                                      cell->hour * 3600 + cell->minute * 60 + cell->second);
              column->seen_datetime = TRUE;
              column->width = MAX (column->width, 19);
            }
          else
            {
              shirabe_spool_date (spool, day);
              column->seen_date = TRUE;
              column->width = MAX (column->width, 10);
            }
          break;
        case SHIRABE_CELL_EMPTY:
        default:
          shirabe_spool_empty (spool);
          break;
        }
    }
  saved_errno = shirabe_spool_end_row (spool);
  if (saved_errno != 0)
    {
      shirabe_export_set_io_error (error, self->out_path, saved_errno);
      return FALSE;
    }
  self->n_rows++;
  return TRUE;
}

/* The variable's type, from its kind and what its cells held. */
static VarType
decide_type (const Column *column)
{
  gboolean dates = column->seen_date || column->seen_datetime;

  if (column->codes != NULL)
    return VAR_CODED;
  if (!is_numeric_kind (column->kind) || column->seen_text ||
      (dates && (column->seen_integer || column->seen_number)))
    return VAR_STRING;
  if (column->seen_datetime || (!dates && column->kind == SHIRABE_COLUMN_DATETIME))
    return VAR_DATETIME;
  if (column->seen_date || column->kind == SHIRABE_COLUMN_DATE)
    return VAR_DATE;
  if (column->seen_number || column->kind == SHIRABE_COLUMN_NUMBER)
    return VAR_NUMBER;
  return VAR_INTEGER;
}

static const char *
type_name (VarType type)
{
  static const char *const names[] = { "string", "integer", "number", "date", "datetime",
                                       "coded" };

  return names[type];
}

static ssize_t
write_data (const void *data,
            size_t      len,
            void       *user_data)
{
  StatsSink *self = user_data;

  if (len == 0)
    return 0;
  if (self->out_errno != 0)
    return 0;
  if (!shirabe_block_writer_write (self->out_writer, data, len))
    {
      self->out_errno = shirabe_block_writer_finish (self->out_writer);
      /* ReadStat takes a short count, not -1 (which it reads as a huge size), for a failure. */
      return 0;
    }
  return (ssize_t) len;
}

/* The Stata storage type that holds every value of an integer variable (values past the top
 * of each type are Stata's missing codes). */
static readstat_type_t
stata_integer_type (const Column *column)
{
  if (column->min == G_MAXINT64)
    return READSTAT_TYPE_INT8;
  if (column->min >= -127 && column->max <= 100)
    return READSTAT_TYPE_INT8;
  if (column->min >= -32767 && column->max <= 32740)
    return READSTAT_TYPE_INT16;
  if (column->min >= -2147483647 && column->max <= 2147483620)
    return READSTAT_TYPE_INT32;
  return READSTAT_TYPE_DOUBLE;
}

static void
csv_field (GString    *line,
           const char *text)
{
  gboolean quote = FALSE;

  for (const char *p = text; *p != '\0' && !quote; p++)
    quote = *p == ',' || *p == '"' || *p == '\n' || *p == '\r';
  if (!quote)
    {
      g_string_append (line, text);
      return;
    }
  g_string_append_c (line, '"');
  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (line, '"');
      g_string_append_c (line, *p);
    }
  g_string_append_c (line, '"');
}

static void
dictionary_row (StatsSink         *self,
                const char *const *fields)
{
  for (guint i = 0; i < 10; i++)
    {
      if (i > 0)
        g_string_append_c (self->dictionary, ',');
      csv_field (self->dictionary, fields[i] != NULL ? fields[i] : "");
    }
  g_string_append (self->dictionary, "\r\n");
}

/* A variable whose SPSS short name would meet a segment's name (see
 * shirabe_export_spss_segment_clash()) gets "_" after its name: seven or more characters, which
 * no segment is named; the dictionary lists it. */
static void
avoid_spss_segment_names (StatsSink *self)
{
  for (guint round = 0; round < 8; round++)
    {
      g_autofree const char **names = g_new0 (const char *, self->n_columns + 1);
      g_autofree gsize *widths = g_new0 (gsize, self->n_columns + 1);
      g_autofree const char **wanted = g_new0 (const char *, self->n_columns + 1);
      g_autofree char *longer = NULL;
      g_auto(GStrv) unique = NULL;
      guint n = 0;
      int clash;

      for (guint i = 0; i < self->n_columns; i++)
        {
          names[i] = self->columns[i].name;
          widths[i] = self->columns[i].type == VAR_STRING ? MAX (self->columns[i].width, 1) : 0;
        }
      clash = shirabe_export_spss_segment_clash (names, widths, self->n_columns);
      if (clash < 0)
        return;
      /* The others keep their names; this one takes the first free name after it. */
      longer = g_strconcat (names[clash], "_", NULL);
      for (guint j = 0; j < self->n_columns; j++)
        if (j != (guint) clash)
          wanted[n++] = names[j];
      wanted[n++] = longer;
      unique = shirabe_export_stats_names (wanted, n);
      g_free (self->columns[clash].name);
      self->columns[clash].name = g_strdup (unique[n - 1]);
    }
}

/* Defines the variables, their labels and value labels; lists them in the dictionary. */
static gboolean
define_variables (StatsSink          *self,
                  readstat_writer_t  *writer,
                  GError            **error)
{
  gboolean spss = self->format == SHIRABE_EXPORT_SAV;
  /* label set name → the column that made it; its ReadStat set beside */
  g_autoptr(GHashTable) owners = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) sets = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree char *file_name = g_path_get_basename (self->out_path);

  for (guint i = 0; i < self->n_columns; i++)
    self->columns[i].type = decide_type (&self->columns[i]);
  if (spss)
    avoid_spss_segment_names (self);

  for (guint i = 0; i < self->n_columns; i++)
    {
      Column *column = &self->columns[i];
      readstat_type_t type = READSTAT_TYPE_DOUBLE;
      gsize width = 0;
      g_autofree char *format = NULL;
      g_autofree char *label = NULL;
      gboolean labelled;

      column->type = decide_type (column);
      switch (column->type)
        {
        case VAR_STRING:
          type = READSTAT_TYPE_STRING;
          width = MAX (column->width, 1);
          if (spss && width > SPSS_STRING_MAX)
            {
              g_autofree char *display = g_filename_display_name (self->out_path);

              g_set_error (error, SHIRABE_ERROR, SHIRABE_ERROR_INVALID,
                           _("Cannot write the export “%s”: the variable “%s” holds a text of "
                             "%lu bytes, and SPSS holds at most 32,767. Nothing was written."),
                           display, column->name, (unsigned long) width);
              return FALSE;
            }
          if (!spss && width > STATA_STR_MAX)
            {
              type = READSTAT_TYPE_STRING_REF;
              column->strl = TRUE;
              format = g_strdup ("%9s");
            }
          else
            format = g_strdup_printf (spss ? "A%lu" : "%%%lus", (unsigned long) width);
          break;
        case VAR_INTEGER:
        case VAR_CODED:
          type = spss ? READSTAT_TYPE_DOUBLE : stata_integer_type (column);
          if (column->type == VAR_CODED)
            type = spss ? READSTAT_TYPE_DOUBLE : READSTAT_TYPE_INT32;
          width = column->type == VAR_CODED ? digits_of (column->stored->len)
                                            : MAX (column->width, 1);
          format = spss ? g_strdup_printf ("F%lu.0", (unsigned long) MIN (MAX (width, 1), 40))
                        : g_strdup_printf ("%%%lu.0g", (unsigned long) MAX (width + 1, 9));
          break;
        case VAR_NUMBER:
          width = column->integer_digits + 2 + column->decimals;
          format = spss ? g_strdup_printf ("F%lu.%u", (unsigned long) MIN (MAX (width, 8), 40),
                                           column->decimals)
                        : g_strdup ("%10.0g");
          break;
        case VAR_DATE:
          type = spss ? READSTAT_TYPE_DOUBLE : READSTAT_TYPE_INT32;
          format = g_strdup (spss ? "DATE11" : "%td");
          break;
        case VAR_DATETIME:
          format = g_strdup (spss ? "DATETIME20" : "%tc");
          break;
        default:
          g_assert_not_reached ();
        }

      column->variable = readstat_add_variable (writer, column->name, type, width);
      readstat_variable_set_format (column->variable, format);
      label = spss ? cut_label (column->label, SPSS_LABEL_MAX, 0)
                   : cut_label (column->label, STATA_LABEL_BYTES, STATA_LABEL_CHARS);
      readstat_variable_set_label (column->variable, label);
      labelled = column->value_labels != NULL &&
                 (column->type == VAR_CODED || column->type == VAR_INTEGER);
      readstat_variable_set_measure (column->variable,
                                     labelled || column->type == VAR_STRING
                                     ? READSTAT_MEASURE_NOMINAL : READSTAT_MEASURE_SCALE);

      {
        const char *fields[10] = { file_name, column->name, column->header,
                                   type_name (column->type), format, column->label, label };

        if (column->strl)
          fields[4] = "strL";
        dictionary_row (self, fields);
      }

      if (labelled)
        {
          readstat_label_set_t *set = NULL;
          guint first = column->type == VAR_CODED ? 1 : 0;
          g_autofree char *set_name = NULL;

          /* One set per name in a file; a set of the same name but other labels (a choice
           * attribute named "presence") gets a name of its own. */
          for (guint k = 1; set == NULL; k++)
            {
              g_autofree char *wanted = k == 1 ? g_strdup (column->set_name)
                                               : g_strdup_printf ("%s_%u", column->set_name, k);
              g_auto(GStrv) legal = shirabe_export_stats_names ((const char *[]) { wanted }, 1);
              Column *owner = g_hash_table_lookup (owners, legal[0]);

              if (owner == NULL)
                {
                  char *key = g_strdup (legal[0]);

                  set = readstat_add_label_set (writer, READSTAT_TYPE_INT32, legal[0]);
                  g_hash_table_insert (owners, key, column);
                  g_hash_table_insert (sets, key, set);
                  set_name = g_strdup (legal[0]);
                  for (guint v = 0; v < column->value_labels->len; v++)
                    {
                      g_autofree char *value_label =
                        spss ? cut_label (column->value_labels->pdata[v], SPSS_VALUE_LABEL_MAX, 0)
                             : cut_label (column->value_labels->pdata[v], STATA_VALUE_LABEL_MAX, 0);

                      readstat_label_int32_value (set, (int32_t) (v + first), value_label);
                    }
                }
              else if (owner->value_labels->len == column->value_labels->len &&
                       owner->type == column->type && column->stored == NULL &&
                       owner->stored == NULL)
                {
                  gboolean same = TRUE;

                  for (guint v = 0; v < column->value_labels->len && same; v++)
                    same = g_strcmp0 (owner->value_labels->pdata[v],
                                      column->value_labels->pdata[v]) == 0;
                  if (same)
                    {
                      set = g_hash_table_lookup (sets, legal[0]);
                      set_name = g_strdup (legal[0]);
                    }
                }
            }
          readstat_variable_set_label_set (column->variable, set);
          for (guint v = 0; v < column->value_labels->len; v++)
            {
              g_autofree char *value = g_strdup_printf ("%u", v + first);
              const char *fields[10] = { file_name, column->name, NULL, NULL, set_name, NULL,
                                         NULL, value, column->value_labels->pdata[v],
                                         column->stored != NULL ? column->stored->pdata[v]
                                                                : NULL };

              dictionary_row (self, fields);
            }
        }
    }
  return TRUE;
}

/* A cell as text, for a variable that holds text: the spool's, or into self->text. */
static const char *
cell_as_text (StatsSink              *self,
              const ShirabeSpoolCell *cell)
{
  char number[G_ASCII_DTOSTR_BUF_SIZE];
  GDate date;

  switch (cell->tag)
    {
    case SHIRABE_SPOOL_TEXT:
      return cell->text;
    case SHIRABE_SPOOL_INTEGER:
      g_string_printf (self->text, "%" G_GINT64_FORMAT, cell->integer);
      break;
    case SHIRABE_SPOOL_NUMBER:
      g_string_assign (self->text, g_ascii_dtostr (number, sizeof number, cell->number));
      break;
    case SHIRABE_SPOOL_DATE:
    case SHIRABE_SPOOL_DATETIME:
      g_date_clear (&date, 1);
      g_date_set_julian (&date, cell->day);
      g_string_printf (self->text, "%04d-%02d-%02d", g_date_get_year (&date),
                       g_date_get_month (&date), g_date_get_day (&date));
      if (cell->tag == SHIRABE_SPOOL_DATETIME)
        g_string_append_printf (self->text, " %02u:%02u:%02u", cell->seconds / 3600,
                                cell->seconds / 60 % 60, cell->seconds % 60);
      break;
    case SHIRABE_SPOOL_EMPTY:
    default:
      g_string_truncate (self->text, 0);
      break;
    }
  return self->text->str;
}

/* GDate's Julian days (1 January of the year 1 is day 1, proleptic Gregorian) of the epochs. */
#define SPSS_EPOCH_DAY  577735   /* 14 October 1582 */
#define STATA_EPOCH_DAY 715510   /* 1 January 1960 */

/* A date or moment as SPSS (seconds since 14 October 1582) or Stata (days, or milliseconds,
 * since 1 January 1960) counts it. */
static double
date_value (StatsSink              *self,
            const ShirabeSpoolCell *cell,
            VarType                 type)
{
  gboolean spss = self->format == SHIRABE_EXPORT_SAV;
  double days = (double) cell->day - (spss ? SPSS_EPOCH_DAY : STATA_EPOCH_DAY);
  double seconds = cell->tag == SHIRABE_SPOOL_DATETIME ? cell->seconds : 0;

  if (spss)
    return days * 86400.0 + seconds;
  if (type == VAR_DATETIME)
    return (days * 86400.0 + seconds) * 1000.0;
  return days;
}

static readstat_error_t
insert_cell (StatsSink              *self,
             readstat_writer_t      *writer,
             Column                 *column,
             const ShirabeSpoolCell *cell,
             long                   *strl_index)
{
  readstat_variable_t *variable = column->variable;

  if (column->type == VAR_STRING)
    {
      if (column->strl)
        return readstat_insert_string_ref (writer, variable,
                                           readstat_get_string_ref (writer, (*strl_index)++));
      return readstat_insert_string_value (writer, variable, cell_as_text (self, cell));
    }
  if (cell->tag == SHIRABE_SPOOL_EMPTY)
    return readstat_insert_missing_value (writer, variable);
  switch (column->type)
    {
    case VAR_DATE:
    case VAR_DATETIME:
      if (readstat_variable_get_type (variable) == READSTAT_TYPE_INT32)
        return readstat_insert_int32_value (writer, variable,
                                            (int32_t) date_value (self, cell, column->type));
      return readstat_insert_double_value (writer, variable,
                                           date_value (self, cell, column->type));
    case VAR_NUMBER:
      return readstat_insert_double_value (writer, variable,
                                           cell->tag == SHIRABE_SPOOL_NUMBER ? cell->number
                                                                     : (double) cell->integer);
    case VAR_INTEGER:
    case VAR_CODED:
    default:
      switch (readstat_variable_get_type (variable))
        {
        case READSTAT_TYPE_INT8:
          return readstat_insert_int8_value (writer, variable, (int8_t) cell->integer);
        case READSTAT_TYPE_INT16:
          return readstat_insert_int16_value (writer, variable, (int16_t) cell->integer);
        case READSTAT_TYPE_INT32:
          return readstat_insert_int32_value (writer, variable, (int32_t) cell->integer);
        default:
          return readstat_insert_double_value (writer, variable, (double) cell->integer);
        }
    }
}

/* Stata's strL values go into the file after the rows, but their sizes go into its map before
 * them: ReadStat wants them all before the first row. Each cell of a strL variable gets one,
 * in the order the rows will ask for them. */
static gboolean
add_string_refs (StatsSink          *self,
                 readstat_writer_t  *writer,
                 GError            **error)
{
  gboolean any = FALSE;
  int saved_errno;

  for (guint i = 0; i < self->n_columns; i++)
    any = any || self->columns[i].strl;
  if (!any)
    return TRUE;
  saved_errno = shirabe_spool_rewind (self->spool);
  for (guint64 r = 0; r < self->n_rows && saved_errno == 0; r++)
    for (guint i = 0; i < self->n_columns && saved_errno == 0; i++)
      {
        ShirabeSpoolCell cell;

        saved_errno = shirabe_spool_read_cell (self->spool, &cell);
        if (saved_errno == 0 && self->columns[i].strl)
          readstat_add_string_ref (writer, cell_as_text (self, &cell));
      }
  if (saved_errno != 0)
    {
      shirabe_export_set_io_error (error, self->out_path, saved_errno);
      return FALSE;
    }
  return TRUE;
}

static gboolean
write_file (StatsSink          *self,
            readstat_writer_t  *writer,
            GError            **error)
{
  readstat_error_t err;
  long strl_index = 0;
  g_autofree char *file_label = NULL;
  int saved_errno;

  if (self->format == SHIRABE_EXPORT_DTA && self->n_columns > STATA_VARIABLES_MAX)
    {
      g_autofree char *display = g_filename_display_name (self->out_path);

      g_set_error (error, SHIRABE_ERROR, SHIRABE_ERROR_INVALID,
                   _("Cannot write the export “%s”: the table has %u variables, and a Stata "
                     "file holds at most 32,767. Export it as SPSS or XLSX instead. Nothing "
                     "was written."),
                   display, self->n_columns);
      return FALSE;
    }
  if (self->n_rows > INT_MAX)
    {
      g_autofree char *display = g_filename_display_name (self->out_path);

      g_set_error (error, SHIRABE_ERROR, SHIRABE_ERROR_INVALID,
                   _("Cannot write the export “%s”: the table has more rows than %s files "
                     "hold. Nothing was written."), display, format_name (self));
      return FALSE;
    }

  readstat_set_data_writer (writer, write_data);
  file_label = self->format == SHIRABE_EXPORT_SAV
               ? cut_label (self->dataset_label, SPSS_FILE_LABEL_MAX, 0)
               : cut_label (self->dataset_label, STATA_LABEL_BYTES, STATA_LABEL_CHARS);
  readstat_writer_set_file_label (writer, file_label);
  if (!define_variables (self, writer, error) || !add_string_refs (self, writer, error))
    return FALSE;

  if (self->format == SHIRABE_EXPORT_SAV)
    {
      readstat_writer_set_compression (writer, READSTAT_COMPRESS_ROWS);
      err = readstat_begin_writing_sav (writer, self, (long) self->n_rows);
    }
  else
    {
      readstat_writer_set_file_format_version (writer, 118);
      err = readstat_begin_writing_dta (writer, self, (long) self->n_rows);
    }
  if (err == READSTAT_OK)
    err = readstat_validate_metadata (writer);

  saved_errno = shirabe_spool_rewind (self->spool);
  if (saved_errno != 0)
    {
      shirabe_export_set_io_error (error, self->out_path, saved_errno);
      return FALSE;
    }
  for (guint64 r = 0; r < self->n_rows && err == READSTAT_OK; r++)
    {
      err = readstat_begin_row (writer);
      for (guint i = 0; i < self->n_columns && err == READSTAT_OK; i++)
        {
          ShirabeSpoolCell cell;

          saved_errno = shirabe_spool_read_cell (self->spool, &cell);
          if (saved_errno != 0)
            {
              shirabe_export_set_io_error (error, self->out_path, saved_errno);
              return FALSE;
            }
          err = insert_cell (self, writer, &self->columns[i], &cell, &strl_index);
        }
      if (err == READSTAT_OK)
        err = readstat_end_row (writer);
    }
  if (err == READSTAT_OK)
    err = readstat_end_writing (writer);
  if (err != READSTAT_OK || self->out_errno != 0)
    return set_readstat_error (self, self->out_path, err, error);
  return TRUE;
}

static gboolean
stats_end_table (ShirabeExportSink  *sink,
                 GError            **error)
{
  StatsSink *self = (StatsSink *) sink;
  readstat_writer_t *writer;
  g_autofree char *tmp_path = NULL;
  int saved_errno;
  gboolean ok;

  saved_errno = shirabe_spool_flush (self->spool);
  if (saved_errno != 0)
    {
      shirabe_export_set_io_error (error, self->out_path, saved_errno);
      return FALSE;
    }
  self->out = open_tmp (self, self->out_path, &tmp_path, error);
  if (self->out == NULL)
    return FALSE;
  g_ptr_array_add (self->tmp_paths, g_strdup (tmp_path));
  g_ptr_array_add (self->final_paths, g_strdup (self->out_path));

  self->out_errno = 0;
  self->out_writer = shirabe_block_writer_new (fileno (self->out));
  writer = readstat_writer_init ();
  ok = write_file (self, writer, error);
  readstat_writer_free (writer);
  saved_errno = shirabe_block_writer_finish (self->out_writer);
  g_clear_pointer (&self->out_writer, shirabe_block_writer_free);
  if (ok && saved_errno != 0)
    {
      shirabe_export_set_io_error (error, self->out_path, saved_errno);
      ok = FALSE;
    }
  if (!ok)
    {
      fclose (g_steal_pointer (&self->out));
      return FALSE;
    }
  ok = close_out (g_steal_pointer (&self->out), self->out_path, error);
  clear_table (self);
  return ok;
}

static gboolean
write_text_file (StatsSink   *self,
                 const char  *final_path,
                 const char  *text,
                 GError     **error)
{
  g_autofree char *tmp_path = NULL;
  gsize len = strlen (text);
  FILE *out;

  if (!shirabe_output_check_target (final_path, SHIRABE_OUTPUT_TEXT, self->output_flags, error))
    return FALSE;
  out = open_tmp (self, final_path, &tmp_path, error);
  if (out == NULL)
    return FALSE;
  g_ptr_array_add (self->tmp_paths, g_strdup (tmp_path));
  g_ptr_array_add (self->final_paths, g_strdup (final_path));
  /* UTF-8 with a byte order mark, as the CSV export writes by default: Excel in Japan reads
   * the labels right. */
  if (fwrite ("\xef\xbb\xbf", 1, 3, out) != 3 || fwrite (text, 1, len, out) != len)
    {
      int saved_errno = errno;

      fclose (out);
      shirabe_export_set_io_error (error, final_path, saved_errno);
      return FALSE;
    }
  return close_out (out, final_path, error);
}

static gboolean
stats_write_text (ShirabeExportSink  *sink,
                  const char         *file_name,
                  const char         *text,
                  GError            **error)
{
  StatsSink *self = (StatsSink *) sink;
  g_autofree char *final_path = NULL;

  /* One table in a file of its own: its dictionary says what it holds; no README beside. */
  if (self->single_path != NULL)
    return TRUE;
  final_path = g_build_filename (self->dir, file_name, NULL);
  return write_text_file (self, final_path, text, error);
}

static gboolean
stats_commit (ShirabeExportSink  *sink,
              GError            **error)
{
  StatsSink *self = (StatsSink *) sink;
  g_autofree char *dictionary_path = NULL;

  if (self->single_path != NULL)
    {
      g_autofree char *stem = g_strdup (self->single_path);
      char *dot = strrchr (stem, '.');

      if (dot != NULL && strchr (dot, G_DIR_SEPARATOR) == NULL)
        *dot = '\0';
      dictionary_path = g_strconcat (stem, "-dictionary.csv", NULL);
    }
  else
    dictionary_path = g_build_filename (self->dir, "dictionary.csv", NULL);
  if (!write_text_file (self, dictionary_path, self->dictionary->str, error))
    return FALSE;

  /* Every name once more before the first rename: the files appear all or none. */
  for (guint i = 0; i < self->final_paths->len; i++)
    {
      const char *path = g_ptr_array_index (self->final_paths, i);
      ShirabeOutputKind kind = g_str_has_suffix (path, ".sav") ? SHIRABE_OUTPUT_SAV
                               : g_str_has_suffix (path, ".dta") ? SHIRABE_OUTPUT_DTA
                               : SHIRABE_OUTPUT_TEXT;

      if (self->single_path != NULL && g_strcmp0 (path, self->single_path) == 0)
        kind = self->format == SHIRABE_EXPORT_SAV ? SHIRABE_OUTPUT_SAV : SHIRABE_OUTPUT_DTA;
      if (!shirabe_output_check_target (path, kind, self->output_flags, error))
        return FALSE;
    }
  for (guint i = 0; i < self->tmp_paths->len; i++)
    {
      const char *final_path = g_ptr_array_index (self->final_paths, i);

      if (g_rename (g_ptr_array_index (self->tmp_paths, i), final_path) != 0)
        {
          shirabe_export_set_io_error (error, final_path, errno);
          return FALSE;
        }
      g_clear_pointer (&g_ptr_array_index (self->tmp_paths, i), g_free);
    }
  return TRUE;
}

static void
stats_abort (ShirabeExportSink *sink)
{
  StatsSink *self = (StatsSink *) sink;

  g_clear_pointer (&self->out_writer, shirabe_block_writer_free);
  if (self->out != NULL)
    fclose (g_steal_pointer (&self->out));
  clear_table (self);
  for (guint i = 0; i < self->tmp_paths->len; i++)
    {
      char *tmp_path = g_ptr_array_index (self->tmp_paths, i);

      if (tmp_path != NULL)
        g_unlink (tmp_path);
    }
  g_ptr_array_set_size (self->tmp_paths, 0);
  g_ptr_array_set_size (self->final_paths, 0);
  if (self->created_dir)
    g_rmdir (self->dir);
  self->created_dir = FALSE;
}

static void
stats_free (ShirabeExportSink *sink)
{
  StatsSink *self = (StatsSink *) sink;

  if (self->out != NULL || self->spool != NULL)
    stats_abort (sink);
  clear_table (self);
  g_free (self->dir);
  g_free (self->single_path);
  g_free (self->out_path);
  g_free (self->dataset_label);
  g_ptr_array_unref (self->tmp_paths);
  g_ptr_array_unref (self->final_paths);
  g_string_free (self->dictionary, TRUE);
  g_string_free (self->text, TRUE);
  g_free (self);
}

static const ShirabeExportSinkVTable stats_vtable = {
  stats_begin_table,
  stats_write_row,
  stats_end_table,
  stats_commit,
  stats_write_text,
  stats_abort,
  stats_free,
};

ShirabeExportSink *
shirabe_export_stats_sink_new (const char                 *path,
                               const ShirabeExportOptions *options,
                               const ShirabeExportMeta    *meta,
                               guint                       n_tables,
                               ShirabeExportResult        *result,
                               GError                    **error)
{
  const char *extension = options->format == SHIRABE_EXPORT_SAV ? ".sav" : ".dta";
  g_autofree char *lower = g_ascii_strdown (path, -1);
  gboolean single = g_str_has_suffix (lower, extension) &&
                    !g_file_test (path, G_FILE_TEST_IS_DIR);
  gboolean created_dir = FALSE;
  StatsSink *self;
  static const char *const header[] = { "file", "variable", "name_in_csv", "type", "format",
                                        "label", "label_in_file", "value", "value_label",
                                        "stored_value" };

  if (single && n_tables != 1)
    {
      g_autofree char *display = g_filename_display_name (path);

      g_set_error (error, SHIRABE_ERROR, SHIRABE_ERROR_INVALID,
                   /* Translators: %s is a file name ending in .sav or .dta */
                   _("Nothing was written to “%s”: several tables go into a folder, one file "
                     "per table. Give a folder, or choose one table (--table cases)."),
                   display);
      return NULL;
    }
  if (single)
    {
      if (!shirabe_output_check_target (path, options->format == SHIRABE_EXPORT_SAV
                                              ? SHIRABE_OUTPUT_SAV : SHIRABE_OUTPUT_DTA,
                                        output_flags (options), error))
        return NULL;
    }
  else
    {
      if (!shirabe_output_check_target (path, SHIRABE_OUTPUT_FOLDER, output_flags (options),
                                        error))
        return NULL;
      if (!g_file_test (path, G_FILE_TEST_IS_DIR))
        {
          if (g_mkdir (path, 0777) != 0)
            {
              int saved_errno = errno;
              g_autofree char *display = g_filename_display_name (path);

              g_set_error (error, SHIRABE_ERROR, SHIRABE_ERROR_FAILED,
                           _("Cannot create the folder “%s” for the export: %s"),
                           display, g_strerror (saved_errno));
              return NULL;
            }
          created_dir = TRUE;
        }
    }

  self = g_new0 (StatsSink, 1);
  self->parent.vtable = &stats_vtable;
  self->parent.result = result;
  self->format = options->format;
  self->extension = extension + 1;
  self->single_path = single ? g_strdup (path) : NULL;
  self->dir = single ? g_path_get_dirname (path) : g_strdup (path);
  self->created_dir = created_dir;
  self->output_flags = output_flags (options);
  self->dataset_label = g_strdup (meta->dataset_label != NULL ? meta->dataset_label : "");
  self->tmp_paths = g_ptr_array_new_with_free_func (g_free);
  self->final_paths = g_ptr_array_new_with_free_func (g_free);
  self->dictionary = g_string_new ("");
  self->text = g_string_sized_new (4096);
  dictionary_row (self, header);
  return &self->parent;
}
