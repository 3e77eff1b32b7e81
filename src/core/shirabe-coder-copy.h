/* shirabe-coder-copy.h: a copy of the project for one coder, and merging such copies back
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Everything is matched by UUID, never by name: a coder renamed in a copy is still that coder,
 * and two coders who happen to share a name stay two.
 */
#pragma once

#include "shirabe-project.h"

G_BEGIN_DECLS

/**
 * ShirabeCopyFlags:
 * @SHIRABE_COPY_DEFAULT: the copy carries every coding
 * @SHIRABE_COPY_BLIND: the copy carries only its coder's own codings, and says it is blind:
 *   its coder codes without seeing anyone else's codings until the copy is merged
 * @SHIRABE_COPY_WITHOUT_CODINGS: the copy carries no codings at all
 * @SHIRABE_COPY_PSEUDONYMISE: the copy is made from a pseudonymised copy of the project
 *   (shirabe-pseudonymise.h): its texts carry the pseudonyms, so its narratives no longer
 *   match the project's and merging it back brings none of its codings
 */
typedef enum
{
  SHIRABE_COPY_DEFAULT          = 0,
  SHIRABE_COPY_BLIND            = 1 << 0,
  SHIRABE_COPY_WITHOUT_CODINGS  = 1 << 1,
  SHIRABE_COPY_PSEUDONYMISE     = 1 << 2,
} ShirabeCopyFlags;

/* Writes a copy of @project to @path (which must not exist) for the coder @coder_name, adding
 * that coder to the copy when the project does not know the name. The project is not changed.
 * Codings left out of the copy are erased from its file, not merely deleted. */
gboolean  shirabe_project_copy_for_coder   (ShirabeProject    *project,
                                            const char        *path,
                                            const char        *coder_name,
                                            ShirabeCopyFlags   flags,
                                            GError           **error);
/* The coder a copy was made for (their id in the copy), or 0 when @project is not a coder's
 * copy; whether it is blind. */
gint64    shirabe_project_get_copy_coder   (ShirabeProject    *project);
gboolean  shirabe_project_get_blind        (ShirabeProject    *project);

/**
 * ShirabeMergeFlags:
 * @SHIRABE_MERGE_DRY_RUN: report what would be merged, and change nothing
 * @SHIRABE_MERGE_PREFER_COPY: where the project and a copy hold different values (an attribute
 *   value, a memo, another coder's coding), take the copy's; by default the project's is kept
 * @SHIRABE_MERGE_APPLY_DELETIONS: codings, attribute values and memos removed in a copy are
 *   removed from the project too; by default they are only reported
 */
typedef enum
{
  SHIRABE_MERGE_DEFAULT          = 0,
  SHIRABE_MERGE_DRY_RUN          = 1 << 0,
  SHIRABE_MERGE_PREFER_COPY      = 1 << 1,
  SHIRABE_MERGE_APPLY_DELETIONS  = 1 << 2,
} ShirabeMergeFlags;

typedef enum
{
  SHIRABE_MERGE_ADDED,       /* brought in */
  SHIRABE_MERGE_UPDATED,     /* the project's value replaced by the copy's */
  SHIRABE_MERGE_KEPT,        /* different in the copy; the project's kept (a conflict) */
  SHIRABE_MERGE_SKIPPED,     /* not merged, and why */
  SHIRABE_MERGE_DELETION,    /* removed in the copy; reported only */
  SHIRABE_MERGE_DELETED,     /* removed in the copy, and now in the project */
} ShirabeMergeAction;

typedef struct
{
  guint               copy;     /* index of the copy in the list merged */
  ShirabeMergeAction  action;
  const char         *kind;     /* "coder", "code", "narrative", "case", "coding",
                                   "attribute_value", "status", "memo" */
  char               *uuid;     /* of the entity concerned */
  char               *message;  /* what happened, in a sentence, translated */
} ShirabeMergeItem;

typedef struct
{
  char    *path;
  char    *coder_name;          /* the copy's coder, "" when it is not a coder's copy */
  guint64  n_codings_added;
  guint64  n_codings_skipped;   /* in narratives not merged */
  guint    n_coders_added;
  guint    n_codes_added;
  guint    n_values_set;        /* attribute values, statuses and memos taken from the copy */
  guint    n_conflicts;         /* values kept from the project */
  guint    n_deletions;         /* reported, or applied with APPLY_DELETIONS */
  guint    n_skipped;           /* narratives, cases, attributes not merged */
} ShirabeMergeCopy;

typedef struct
{
  gboolean    dry_run;
  GArray     *copies;   /* ShirabeMergeCopy */
  GArray     *items;    /* ShirabeMergeItem, every copy's in order */
} ShirabeMergeReport;

void                shirabe_merge_report_free   (ShirabeMergeReport *report);
/* Merges each copy in @paths, in order, into @project: one transaction and one undo step
 * ("Merge Coder’s Copy"). A copy of another project, a copy written by a newer Shirabe, the
 * project itself, or a copy with objects Shirabe did not make is refused, and nothing is
 * merged. Merging a copy twice adds nothing the second time. */
ShirabeMergeReport *shirabe_project_merge_copies (ShirabeProject     *project,
                                                  const char * const *paths,
                                                  ShirabeMergeFlags   flags,
                                                  GError            **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ShirabeMergeReport, shirabe_merge_report_free)

G_END_DECLS
