/* shirabe-pseudonymise.h: a copy of the project with the pseudonym table applied
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "shirabe-project.h"

G_BEGIN_DECLS

typedef struct
{
  char  *real;
  char  *pseudonym;
  guint  count;
} ShirabePseudonymCount;

typedef struct
{
  gint64     id;
  char      *uuid;
  char      *title;          /* as in the project (the report stays with the researcher) */
  GPtrArray *counts;         /* ShirabePseudonymCount, the entries found, in table order */
  guint      n_replacements; /* in its text, title, memo and its codings' memos */
  guint      n_codings;
  guint      n_widened;      /* codings that began or ended inside a name */
} ShirabePseudonymNarrative;

typedef struct
{
  GPtrArray *narratives;     /* ShirabePseudonymNarrative, every narrative */
  GPtrArray *totals;         /* ShirabePseudonymCount, every confirmed entry */
  guint64    n_replacements; /* everywhere */
  guint64    n_elsewhere;    /* in case names and memos, code labels and descriptions,
                                attribute values, the project's name and description */
  guint      n_unconfirmed;  /* entries left out: not confirmed */
  guint64    n_codings;
  guint64    n_widened;
} ShirabePseudonymReport;

void                    shirabe_pseudonym_report_free (ShirabePseudonymReport *report);

/* Writes to @path (a new file) a copy of @project in which every confirmed entry of the
 * pseudonym table is replaced by its pseudonym: narratives' texts, titles and memos, codings'
 * memos, cases' names and memos, codes' labels and descriptions, text and choice attribute
 * values, the project's name and description. Codings move with their words. The copy has no
 * pseudonym table, no origin file names or hashes, a rebuilt search index, and no free pages:
 * it is rewritten in memory and written once. @project is not changed.
 * Returns: (transfer full): what was replaced, or %NULL with @error set (a table with no
 * confirmed entry is refused: such a copy would protect no one) */
ShirabePseudonymReport *shirabe_project_pseudonymise  (ShirabeProject          *project,
                                                       const char              *path,
                                                       GCancellable            *cancellable,
                                                       GError                 **error);
/* The same in a worker thread with its own read-only connection to the project's file. */
void                    shirabe_project_pseudonymise_async  (ShirabeProject       *project,
                                                             const char           *path,
                                                             GCancellable         *cancellable,
                                                             GAsyncReadyCallback   callback,
                                                             gpointer              user_data);
ShirabePseudonymReport *shirabe_project_pseudonymise_finish (ShirabeProject       *project,
                                                             GAsyncResult         *result,
                                                             GError              **error);

/* A pseudonymised copy of @project in a new private folder (0700) of the temporary folder,
 * opened read-only for an export to read; @folder gets the folder's path. Close and remove it
 * with shirabe_pseudonymised_discard(). Returns: (transfer full) */
ShirabeProject         *shirabe_project_open_pseudonymised (ShirabeProject    *project,
                                                            char             **folder,
                                                            GError           **error);
void                    shirabe_pseudonymised_discard      (ShirabeProject    *copy,
                                                            const char        *folder);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ShirabePseudonymReport, shirabe_pseudonym_report_free)

G_END_DECLS
