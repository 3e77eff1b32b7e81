/* shirabe-qdpx.h: exchange with other QDA programs through REFI-QDA projects (.qdpx) and
 * codebooks (.qdc)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * docs/formats/refi-qda.md says what maps to what, what is kept in descriptions so that a
 * project comes back from a round trip unchanged, and what is left out and reported.
 */
#pragma once

#include "shirabe-code.h"
#include "shirabe-output.h"
#include "shirabe-project.h"

G_BEGIN_DECLS

/* What an export or import has done so far, for a progress bar: @done of @total units (for an
 * import, bytes of the file read; for an export, narratives written). */
typedef void (*ShirabeQdpxProgress) (guint64  done,
                                     guint64  total,
                                     gpointer user_data);

/**
 * ShirabeQdpxDropped:
 *
 * What a REFI-QDA project may hold that Shirabe has no place for. Each is counted in the
 * import report, never dropped silently.
 */
typedef enum
{
  SHIRABE_QDPX_DROPPED_PICTURE_SOURCES,
  SHIRABE_QDPX_DROPPED_PDF_SOURCES,
  SHIRABE_QDPX_DROPPED_AUDIO_SOURCES,
  SHIRABE_QDPX_DROPPED_VIDEO_SOURCES,
  SHIRABE_QDPX_DROPPED_MEDIA_SELECTIONS,   /* picture, PDF, audio, video, transcript regions */
  SHIRABE_QDPX_DROPPED_MEDIA_CODINGS,      /* codings of those regions or sources */
  SHIRABE_QDPX_DROPPED_TRANSCRIPTS,
  SHIRABE_QDPX_DROPPED_SETS,
  SHIRABE_QDPX_DROPPED_GRAPHS,
  SHIRABE_QDPX_DROPPED_LINKS,
  SHIRABE_QDPX_DROPPED_CASE_CODES,         /* codes given to a whole case */
  SHIRABE_QDPX_DROPPED_SELECTION_REFS,     /* a case's references to selections */
  SHIRABE_QDPX_DROPPED_FREE_NOTES,         /* notes attached to nothing Shirabe keeps */
  SHIRABE_QDPX_N_DROPPED
} ShirabeQdpxDropped;

/**
 * ShirabeQdpxReport:
 *
 * What an import did: how many of each thing it made, what it left out by kind
 * (@dropped, indexed by #ShirabeQdpxDropped) and what it refused item by item (@problems,
 * translated sentences naming the item; the first 200 are kept, @n_problems counts all).
 */
typedef struct
{
  char      *origin;            /* the program that wrote the file, or NULL */
  guint      n_coders;
  guint      n_codes;
  guint      n_codes_existing;  /* merging a codebook: codes the project already had */
  guint      n_cases;
  guint      n_narratives;
  guint      n_codings;
  guint      n_attributes;
  guint      n_values;
  guint      n_memos;
  guint      n_remapped;        /* narratives whose CRLF line ends were made LF */
  guint      n_from_documents;  /* narratives whose text came from a Word, OpenDocument or PDF */
  guint      n_skipped_codings; /* codings refused one by one (see @problems) */
  guint      dropped[SHIRABE_QDPX_N_DROPPED];
  GPtrArray *problems;          /* (element-type utf8) */
  guint      n_problems;
} ShirabeQdpxReport;

void      shirabe_qdpx_report_free          (ShirabeQdpxReport *self);
/* "3 audio sources", translated; NULL when @count is 0. */
char     *shirabe_qdpx_dropped_describe     (ShirabeQdpxDropped kind,
                                             guint              count);
/* The whole report as lines for a person: what was imported, then what was left out. */
char     *shirabe_qdpx_report_to_string     (const ShirabeQdpxReport *self);

/**
 * shirabe_project_export_qdpx:
 * @language: the label language given as each code's and attribute's name (the other is kept
 *   in its description)
 *
 * Writes the whole project as a REFI-QDA project: project.qde, streamed from the project, and
 * each narrative's text as sources/GUID.txt, in a zip written under a temporary name beside
 * @path and renamed when whole.
 */
gboolean  shirabe_project_export_qdpx       (ShirabeProject      *project,
                                             const char          *path,
                                             ShirabeLanguage      language,
                                             ShirabeOutputFlags   flags,
                                             ShirabeQdpxProgress  progress,
                                             gpointer             progress_data,
                                             GCancellable        *cancellable,
                                             GError             **error);
/* Runs shirabe_project_export_qdpx() in a worker thread with its own read-only connection
 * to the project file; @progress is called in the caller's thread-default main context. */
void      shirabe_project_export_qdpx_async (ShirabeProject      *project,
                                             const char          *path,
                                             ShirabeLanguage      language,
                                             ShirabeOutputFlags   flags,
                                             ShirabeQdpxProgress  progress,
                                             gpointer             progress_data,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
gboolean  shirabe_project_export_qdpx_finish (ShirabeProject     *project,
                                              GAsyncResult       *result,
                                              GError            **error);
/* The codebook alone as a REFI-QDA codebook (.qdc). */
gboolean  shirabe_project_export_qdc        (ShirabeProject      *project,
                                             const char          *path,
                                             ShirabeLanguage      language,
                                             ShirabeOutputFlags   flags,
                                             GError             **error);

/**
 * shirabe_import_qdpx:
 * @qdpx_path: a .qdpx file (or a bare project.qde)
 * @project_path: the new project; it must not exist
 * @report: (out) (optional): what was imported and what was left out
 *
 * Makes a new project of a REFI-QDA project. A file that is not one, or damaged past use, is
 * refused and leaves no project behind; items that cannot be imported one by one (a selection
 * outside its text, an unknown code) are reported, and the rest is imported.
 */
gboolean  shirabe_import_qdpx               (const char          *qdpx_path,
                                             const char          *project_path,
                                             ShirabeQdpxProgress  progress,
                                             gpointer             progress_data,
                                             GCancellable        *cancellable,
                                             ShirabeQdpxReport  **report,
                                             GError             **error);
/* Runs shirabe_import_qdpx() in a worker thread; @progress is called in the caller's
 * thread-default main context, and the report comes with the result. */
void      shirabe_import_qdpx_async         (const char          *qdpx_path,
                                             const char          *project_path,
                                             ShirabeQdpxProgress  progress,
                                             gpointer             progress_data,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
gboolean  shirabe_import_qdpx_finish        (GAsyncResult        *result,
                                             ShirabeQdpxReport  **report,
                                             GError             **error);

/**
 * shirabe_project_import_qdc:
 *
 * Merges a REFI-QDA codebook (.qdc, or the codebook of a .qdpx) into the project's codebook by
 * GUID, as one undo step: codes the project has keep what the user made of them, new ones are
 * added under their parents.
 */
gboolean  shirabe_project_import_qdc        (ShirabeProject      *project,
                                             const char          *path,
                                             ShirabeQdpxReport  **report,
                                             GError             **error);

/**
 * shirabe_qdpx_validate:
 * @path: a .qdpx, .qde or .qdc file
 *
 * Validates the project (or codebook) against the REFI-QDA schema, Project-mrt2019.xsd or
 * Codebook-mrt2019.xsd, streaming it. The schemas are looked for in $SHIRABE_REFI_QDA_DIR,
 * then in Shirabe's data folder.
 *
 * Returns: %TRUE when valid; %FALSE with @error naming the first problem and its line
 */
gboolean  shirabe_qdpx_validate             (const char          *path,
                                             GError             **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ShirabeQdpxReport, shirabe_qdpx_report_free)

G_END_DECLS
