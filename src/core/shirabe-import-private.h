/* shirabe-import-private.h: the import's reading thread (shirabe-import-reader.c)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "shirabe-import.h"

G_BEGIN_DECLS

/* One file of a batch, read and decoded: its text to store, or the reason it cannot be. */
typedef struct
{
  char       *path;
  char       *title;          /* the file's name without its extension */
  char       *base;           /* the file's name: the only part of its path that is stored */
  char       *pattern_case;   /* the case the options' pattern names, or NULL */
  char       *text;           /* NFC, LF line ends; NULL when refused */
  char       *encoding;       /* or a document's format; NULL when refused */
  char       *summary;        /* what the result reports beside the encoding, or NULL */
  char       *memo;           /* for the narrative's memo (a document's comments, replaced
                               * bytes), or NULL */
  char       *text_sha256;    /* of @text */
  gint64      text_length;    /* of @text, in code points */
  char       *origin_sha256;  /* of the file's bytes */
  char       *language;       /* the options' language, the name's (when pairing), the one seen
                               * in the text, or NULL */
  guint       n_unreadable;
  GError     *error;          /* why it was refused */
  gsize       cost;           /* bytes held, for the reader's bound */
} ShirabeImportFile;

typedef struct _ShirabeImportReader ShirabeImportReader;

/* Adds the time since *@mark to *@field, in seconds, and moves the mark on: the timings. */
static inline void
shirabe_import_lap (gint64 *mark,
                    double *field)
{
  gint64 now = g_get_monotonic_time ();

  *field += (now - *mark) / 1e6;
  *mark = now;
}

void                 shirabe_import_file_free     (ShirabeImportFile *file);

/* The stem and the language tag (as BCP 47 writes it: pt-BR) of a file named STEM.LANG.EXT by
 * @pair; FALSE when its name does not match or the tag is no language tag. */
gboolean             shirabe_import_pair_name     (GRegex      *pair,
                                                   const char  *path,
                                                   char       **stem,
                                                   char       **tag);

/* Starts reading @paths in a thread of its own. @pattern names the files' cases (or NULL);
 * @pair pairs translations by name (or NULL): a file named STEM.LANG.EXT goes to case STEM and
 * takes LANG as its language, unless the options give them. @options, its strings and
 * @cancellable must outlive the reader. */
ShirabeImportReader *shirabe_import_reader_start  (const char * const         *paths,
                                                   const ShirabeImportOptions *options,
                                                   GRegex                     *pattern,
                                                   GRegex                     *pair,
                                                   gsize                       max_size,
                                                   GCancellable               *cancellable);
/* The next file in the paths' order, waiting for it; NULL after the last. */
ShirabeImportFile   *shirabe_import_reader_next   (ShirabeImportReader        *reader);
/* Whether shirabe_import_reader_next() would return at once: a file is ready, or none is to
 * come. */
gboolean             shirabe_import_reader_has_next (ShirabeImportReader      *reader);
/* Stops the reading (files not taken are dropped), waits for the thread and frees @reader,
 * adding its reading and decoding time to @timings (nullable). */
void                 shirabe_import_reader_finish (ShirabeImportReader        *reader,
                                                   ShirabeImportTimings       *timings);

G_END_DECLS
