/* shirabe-case.h: a person or situation studied
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "shirabe-project.h"

G_BEGIN_DECLS

typedef struct
{
  gint64  id;
  char   *uuid;
  char   *name;
  char   *memo;
  int     position;
  char   *created_at;
  guint   n_narratives;
  guint   n_codings;
} ShirabeCase;

#define SHIRABE_TYPE_CASE (shirabe_case_get_type ())

GType        shirabe_case_get_type        (void) G_GNUC_CONST;
ShirabeCase *shirabe_case_copy            (const ShirabeCase *self);
void         shirabe_case_free            (ShirabeCase       *self);

gint64       shirabe_project_add_case     (ShirabeProject    *project,
                                           const char        *name,
                                           GError           **error);
/* Finds a case by id, UUID or exact name; an existing case of that name is reused. */
gint64       shirabe_project_ensure_case  (ShirabeProject    *project,
                                           const char        *name,
                                           GError           **error);
gboolean     shirabe_project_rename_case  (ShirabeProject    *project,
                                           gint64             case_id,
                                           const char        *name,
                                           GError           **error);
gboolean     shirabe_project_set_case_memo (ShirabeProject   *project,
                                            gint64            case_id,
                                            const char       *memo,
                                            GError          **error);
gboolean     shirabe_project_delete_case  (ShirabeProject    *project,
                                           gint64             case_id,
                                           GError           **error);
ShirabeCase *shirabe_project_get_case     (ShirabeProject    *project,
                                           gint64             case_id,
                                           GError           **error);
/* Returns: (element-type ShirabeCase): every case, in order, with counts */
GPtrArray   *shirabe_project_list_cases   (ShirabeProject    *project,
                                           GError           **error);
/* Accepts an id, a UUID or an exact name. Returns 0 with @error set when none or several match. */
gint64       shirabe_project_find_case    (ShirabeProject    *project,
                                           const char        *spec,
                                           GError           **error);

gboolean     shirabe_project_move_case    (ShirabeProject    *project,
                                           gint64             case_id,
                                           guint              position,
                                           GError           **error);

/* An attribute both cases of a merge give, with different values. */
typedef struct
{
  char *attribute;
  char *into_value;
  char *from_value;
} ShirabeMergeConflict;

/**
 * ShirabeMergeChoice:
 * @SHIRABE_MERGE_KEEP_INTO: a conflicting attribute keeps the remaining case's value
 * @SHIRABE_MERGE_TAKE_FROM: it takes the merged case's value
 */
typedef enum
{
  SHIRABE_MERGE_KEEP_INTO,
  SHIRABE_MERGE_TAKE_FROM,
} ShirabeMergeChoice;

void         shirabe_merge_conflict_free          (ShirabeMergeConflict *self);
GPtrArray   *shirabe_project_find_merge_conflicts (ShirabeProject    *project,
                                                   gint64             into_id,
                                                   gint64             from_id,
                                                   GError           **error);
gboolean     shirabe_project_merge_cases          (ShirabeProject    *project,
                                                   gint64             into_id,
                                                   gint64             from_id,
                                                   ShirabeMergeChoice choice,
                                                   GError           **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ShirabeCase, shirabe_case_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ShirabeMergeConflict, shirabe_merge_conflict_free)

G_END_DECLS
