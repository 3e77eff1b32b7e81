/* shirabe-export-spool-private.h: a table's rows kept on disk until their widths are known
 *
 * The SPSS and Stata writer (shirabe-export-sav.c) measures every row before it writes the
 * first: ReadStat wants each variable's width, and the number of rows, up front. The rows wait
 * in a spool, a file without a name beside the export, written and read back in large blocks.
 * Text goes in as valid UTF-8 (a broken sequence made U+FFFD) and comes back NUL-terminated,
 * pointing into the spool's buffer; the short texts a column repeats (a case's name, a code's
 * label) are kept once in memory and spooled as their number.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  SHIRABE_SPOOL_EMPTY,
  SHIRABE_SPOOL_TEXT,
  SHIRABE_SPOOL_INTEGER,
  SHIRABE_SPOOL_NUMBER,
  SHIRABE_SPOOL_DATE,       /* day: days of the proleptic Gregorian calendar (GDate's Julian) */
  SHIRABE_SPOOL_DATETIME,   /* day, and seconds of the day */
} ShirabeSpoolTag;

/* A cell read back: valid until the next is read. */
typedef struct
{
  ShirabeSpoolTag  tag;
  gint64           integer;
  double           number;
  guint32          day;
  guint32          seconds;
  const char      *text;      /* TEXT: NUL-terminated UTF-8 */
  gsize            len;       /* TEXT: bytes */
} ShirabeSpoolCell;

typedef struct _ShirabeSpool ShirabeSpool;

/* A spool for rows of @n_columns cells, made at @path_template (ending in XXXXXX, as for
 * g_mkstemp()) and unlinked at once; NULL and @saved_errno on failure. */
ShirabeSpool *shirabe_spool_new       (const char    *path_template,
                                       guint          n_columns,
                                       int           *saved_errno);
void          shirabe_spool_free      (ShirabeSpool  *spool);

/* Writing, cell by cell and row by row */
void          shirabe_spool_empty     (ShirabeSpool  *spool);
void          shirabe_spool_integer   (ShirabeSpool  *spool,
                                       gint64         value);
void          shirabe_spool_number    (ShirabeSpool  *spool,
                                       double         value);
void          shirabe_spool_date      (ShirabeSpool  *spool,
                                       guint32        day);
void          shirabe_spool_datetime  (ShirabeSpool  *spool,
                                       guint32        day,
                                       guint32        seconds);
/* @text (@len bytes) as the cell of @column; returns its length in bytes as it will be read
 * back (longer than @len where a broken sequence became U+FFFD). */
gsize         shirabe_spool_text      (ShirabeSpool  *spool,
                                       guint          column,
                                       const char    *text,
                                       gsize          len);
/* Ends a row: 0, or the errno of a failed write. */
int           shirabe_spool_end_row   (ShirabeSpool  *spool);
/* Writes what is buffered; 0 or errno. */
int           shirabe_spool_flush     (ShirabeSpool  *spool);

/* Reading back, from the first row: rewind, then the cells in the order written. */
int           shirabe_spool_rewind    (ShirabeSpool  *spool);
/* 0, or errno (EIO for a spool cut short). */
int           shirabe_spool_read_cell (ShirabeSpool      *spool,
                                       ShirabeSpoolCell  *cell);

/* Exposed for the tests: the answer of g_utf8_validate_len(), faster on ASCII. */
gboolean      shirabe_spool_utf8_valid (const char *text,
                                        gsize       len);

/* A file written in a thread of its own, in blocks of a megabyte, its writing to disk started
 * every 8 MB: the writer's caller goes on encoding rows while the kernel copies the last ones
 * and the disk writes them. */
typedef struct _ShirabeBlockWriter ShirabeBlockWriter;

ShirabeBlockWriter *shirabe_block_writer_new    (int                  fd);
/* FALSE once a write has failed (the data is then dropped). */
gboolean            shirabe_block_writer_write  (ShirabeBlockWriter  *writer,
                                                 const void          *data,
                                                 gsize                len);
/* Writes what is left and waits for it: 0, or the errno of the first failed write. */
int                 shirabe_block_writer_finish (ShirabeBlockWriter  *writer);
/* Finishes (when not yet) and frees; the file descriptor stays open. */
void                shirabe_block_writer_free   (ShirabeBlockWriter  *writer);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ShirabeSpool, shirabe_spool_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ShirabeBlockWriter, shirabe_block_writer_free)

G_END_DECLS
