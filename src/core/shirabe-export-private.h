/* shirabe-export-private.h: the table sink between the exporter and its writers
 *
 * The exporter computes each table row by row and hands the rows to a sink; the sink prints
 * them as a workbook (shirabe-export-xlsx.c), as CSV files (shirabe-export-csv.c) or as SPSS
 * or Stata files (formats/shirabe-export-sav.c). A sink
 * writes under temporary names and makes its files appear only in commit().
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "shirabe-export.h"
#include "shirabe-output.h"

G_BEGIN_DECLS

typedef enum
{
  SHIRABE_CELL_EMPTY,
  SHIRABE_CELL_TEXT,
  SHIRABE_CELL_INTEGER,
  SHIRABE_CELL_NUMBER,
  SHIRABE_CELL_DATE,       /* a calendar day */
  SHIRABE_CELL_DATETIME,   /* a moment, UTC */
} ShirabeCellType;

typedef struct
{
  ShirabeCellType  type;
  const char      *text;        /* TEXT: UTF-8, already cut to the cell limit */
  gsize            len;         /* TEXT: bytes */
  gint64           integer;
  double           number;
  int              year, month, day, hour, minute, second;
  guint32          fill;        /* 0xRRGGBB when has_fill */
  gboolean         has_fill;
} ShirabeExportCell;

/* @text (@len bytes) cut so that it and the marker " …[cut; N characters in full]" (in
 * @language) fit in @max_chars UTF-16 units, as Excel counts, and in @max_bytes bytes (0: any
 * number), as SPSS counts; NULL when it fits whole (shirabe-export-cut.c). */
char *shirabe_export_cut_text (const char      *text,
                               gsize            len,
                               guint            max_chars,
                               guint            max_bytes,
                               ShirabeLanguage  language);
/* A text cell of the report tables (quote lists, agreement): @text cut to @max_chars UTF-16
 * units with the marker of shirabe_export_cut_text(), counted in @n_truncated (may be NULL);
 * the copy is kept in @strings until the row is written. */
void shirabe_export_text_cell (ShirabeExportCell *cell,
                               GPtrArray         *strings,
                               const char        *text,
                               guint              max_chars,
                               ShirabeLanguage    language,
                               guint64           *n_truncated);

typedef enum
{
  SHIRABE_COLUMN_TEXT,
  SHIRABE_COLUMN_LONG_TEXT,    /* wrapped: excerpts, memos, descriptions */
  SHIRABE_COLUMN_INTEGER,
  SHIRABE_COLUMN_NUMBER,
  SHIRABE_COLUMN_DATE,
  SHIRABE_COLUMN_DATETIME,
} ShirabeColumnKind;

/* The value labels of a column, for SPSS and Stata: either the cells hold the codes 0 … n-1
 * (presence, yes/no), or (@values set) they hold the stored values of a choice, which the
 * statistics file holds as the codes 1 … n. */
typedef struct
{
  const char        *name;     /* ASCII, a legal Stata name: the label set's */
  guint              n;
  const char *const *labels;   /* n labels, in the export's language */
  const char *const *values;   /* NULL, or the n stored values, coded 1 … n */
} ShirabeExportValueLabels;

typedef struct
{
  char                           *header;
  ShirabeColumnKind               kind;
  char                           *label;         /* the variable label in full; NULL: header */
  const ShirabeExportValueLabels *value_labels;  /* NULL: none */
} ShirabeExportColumn;

typedef struct
{
  const char                *sheet_name;  /* the table's name in the export's language */
  const char                *file_stem;   /* ASCII, for file names: "cases" */
  const ShirabeExportColumn *columns;
  guint                      n_columns;
} ShirabeExportTable;

typedef struct _ShirabeExportSink ShirabeExportSink;

typedef struct
{
  gboolean (*begin_table) (ShirabeExportSink         *sink,
                           const ShirabeExportTable  *table,
                           GError                   **error);
  gboolean (*write_row)   (ShirabeExportSink         *sink,
                           const ShirabeExportCell   *cells,
                           GError                   **error);
  gboolean (*end_table)   (ShirabeExportSink         *sink,
                           GError                   **error);
  /* Writes what is left and renames the temporary files to their final names. */
  gboolean (*commit)      (ShirabeExportSink         *sink,
                           GError                   **error);
  /* A text file beside the tables (CSV's README.txt); NULL where the tables are one file. */
  gboolean (*write_text)  (ShirabeExportSink         *sink,
                           const char                *file_name,
                           const char                *text,
                           GError                   **error);
  /* Removes every temporary file; safe after a failed commit. */
  void     (*abort)       (ShirabeExportSink         *sink);
  void     (*free)        (ShirabeExportSink         *sink);
} ShirabeExportSinkVTable;

struct _ShirabeExportSink
{
  const ShirabeExportSinkVTable *vtable;
  ShirabeExportResult           *result;
};

/* What a sink needs to know of the export besides its tables. */
typedef struct
{
  const char *title;       /* the project's name */
  const char *subject;
  const char *comments;    /* the options, in words */
  const char *dataset_label;  /* SPSS and Stata: the project and the export's date */
} ShirabeExportMeta;

ShirabeExportSink *shirabe_export_xlsx_sink_new (const char                  *path,
                                                 const ShirabeExportOptions  *options,
                                                 const ShirabeExportMeta     *meta,
                                                 ShirabeExportResult         *result,
                                                 GError                     **error);
ShirabeExportSink *shirabe_export_csv_sink_new  (const char                  *path,
                                                 const ShirabeExportOptions  *options,
                                                 ShirabeExportResult         *result,
                                                 GError                     **error);
/* One table as one CSV file at @path (a chart's numbers): the same writer, a single file. */
ShirabeExportSink *shirabe_export_csv_file_sink_new (const char                  *path,
                                                 const ShirabeExportOptions  *options,
                                                 ShirabeExportResult         *result,
                                                 GError                     **error);

/* SPSS (.sav) or Stata (.dta), by options->format: one file at @path when @n_tables is 1 and
 * @path ends in the format's extension, else one file per table in the folder @path. */
ShirabeExportSink *shirabe_export_stats_sink_new (const char                 *path,
                                                  const ShirabeExportOptions *options,
                                                  const ShirabeExportMeta    *meta,
                                                  guint                       n_tables,
                                                  ShirabeExportResult        *result,
                                                  GError                    **error);

/* Helpers the writers share. */

/* The mode an export file gets: what the user's umask allows for a new file (0666 & ~umask).
 * The project stays 0600, but an export is a file the user asked for, to share. Its
 * temporary file is private until it takes its name. */
guint     shirabe_export_file_mode       (void);

/* Whether the user agreed to replace a file of another kind. */
static inline ShirabeOutputFlags
output_flags (const ShirabeExportOptions *options)
{
  return options->force ? SHIRABE_OUTPUT_REPLACE_ANY : SHIRABE_OUTPUT_DEFAULT;
}

/* "codings" → "codings (2)": the name of a table's @index-th sheet (from 1), within Excel's
 * sheet-name rules (31 characters, none of []:*?/\, no apostrophe at either end). */
char     *shirabe_export_sheet_name      (const char  *name,
                                          guint        index);
/* TRUE when @text, as a whole, is a number that a spreadsheet would read as one ("-3", "+81",
 * "1.5e3"); such text needs no guard against formula injection. */
gboolean  shirabe_export_text_is_number  (const char  *text,
                                          gsize        len);
/* Sets @error to a translated message naming @path for a failure with errno @saved_errno. */
void      shirabe_export_set_io_error    (GError     **error,
                                          const char  *path,
                                          int          saved_errno);

G_END_DECLS
