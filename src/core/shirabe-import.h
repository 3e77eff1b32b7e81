/* shirabe-import.h: importing plain-text files as narratives
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "shirabe-project.h"

G_BEGIN_DECLS

/* Where an import's time went, in seconds, added to by each batch: what the benchmark prints.
 * The files are read and decoded in a thread of their own while the calling thread writes
 * them, so the first two overlap the rest. */
typedef struct
{
  double read;    /* reading thread: reading the files */
  double decode;  /* reading thread: recognising and decoding them (documents converted) */
  double wait;    /* calling thread: waiting for the next file to be decoded */
  double store;   /* calling thread: cases and narratives written (inside the transaction) */
  double index;   /* calling thread: the full-text index fed */
  double commit;  /* calling thread: the undo step recorded, the transaction committed */
} ShirabeImportTimings;

typedef struct
{
  const char *case_name;        /* NULL: each file's case is named after the file */
  const char *case_pattern;     /* NULL, or a regular expression on the file name whose first
                                 * group (or whole match) names the file's case:
                                 * "^(case[0-9]+)_" puts case12_interview.txt in "case12" */
  const char *language;         /* BCP 47, or NULL: "ja" when the text is in Japanese script */
  const char *kind;             /* NULL */
  const char *forced_encoding;  /* NULL: detect */
  gsize       max_size;         /* 0: SHIRABE_TEXT_DEFAULT_MAX_SIZE */
  const char *password;         /* an encrypted PDF's, or NULL */
  gboolean    replace_invalid;  /* FALSE: a byte the encoding cannot read refuses the file;
                                 * TRUE: it becomes U+FFFD, and the narrative's memo and the
                                 * result's summary name every replaced byte's offset */
  ShirabeImportTimings *timings;  /* NULL, or where the time spent is added up */
  gboolean    pair_translations;  /* pair files by name: STEM.LANG.EXT (x.th.txt, x.ja.txt)
                                   * go to case STEM (unless a case is given), each with
                                   * LANG as its language (unless one is given), and the
                                   * file of translation_language is linked as a translation
                                   * of the stem's one other file */
  const char *pair_pattern;     /* NULL, or a regular expression on the file name whose first
                                 * group is the stem and second the language tag; NULL:
                                 * SHIRABE_IMPORT_PAIR_PATTERN */
  const char *translation_language; /* NULL: "ja" */
} ShirabeImportOptions;

/* STEM.LANG.EXT, LANG a language tag of two or three letters, maybe with a region. */
#define SHIRABE_IMPORT_PAIR_PATTERN \
  "^(.+)\\.([A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})?)\\.[^.]+$"

/* The outcome for one file of a batch. */
typedef struct
{
  char   *path;
  gint64  narrative_id;  /* 0 when refused */
  char   *encoding;      /* NULL when refused; a document's format ("DOCX", "ODT"…) */
  char   *summary;       /* a document's: what was kept ("Word document: 2 footnotes"); else NULL */
  GError *error;         /* NULL when imported */
  guint   n_unreadable;  /* bytes replaced by U+FFFD, or, for a file refused for its
                          * encoding, how many importing it with replace_invalid would replace */
  gint64  translation_of;  /* with pair_translations: the narrative it was linked to, or 0 */
} ShirabeImportResult;

typedef void (*ShirabeImportProgress) (guint    done,
                                       guint    total,
                                       gpointer user_data);

void       shirabe_import_result_free   (ShirabeImportResult *self);

/**
 * shirabe_project_import_files:
 * @paths: (array zero-terminated=1): the files
 * @results: (out) (element-type ShirabeImportResult): one result per path, in order
 *
 * Imports every readable text file of @paths as one narrative, titled by its file name without
 * extension, in one transaction and one undo step: after a crash the batch is all there or not
 * at all. Refused files (binary, undecodable, empty, too large, unreadable) are reported in
 * @results with the reason; the other files are imported all the same.
 *
 * It runs on the caller's thread and connection; shirabe_project_import_files_async() runs it
 * in a worker thread.
 *
 * Returns: the number of files imported; -1 with @error set when nothing could be written
 * (read-only project, disk full, cancelled)
 */
int        shirabe_project_import_files (ShirabeProject             *project,
                                         const char * const         *paths,
                                         const ShirabeImportOptions *options,
                                         ShirabeImportProgress       progress,
                                         gpointer                    progress_data,
                                         GCancellable               *cancellable,
                                         GPtrArray                 **results,
                                         GError                    **error);

void       shirabe_project_import_files_async  (ShirabeProject             *project,
                                                const char * const         *paths,
                                                const ShirabeImportOptions *options,
                                                ShirabeImportProgress       progress,
                                                gpointer                    progress_data,
                                                GCancellable               *cancellable,
                                                GAsyncReadyCallback         callback,
                                                gpointer                    user_data);
int        shirabe_project_import_files_finish (ShirabeProject             *project,
                                                GAsyncResult               *result,
                                                GPtrArray                 **results,
                                                GError                    **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ShirabeImportResult, shirabe_import_result_free)

G_END_DECLS
