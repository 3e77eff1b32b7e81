/* shirabe-changes.h: what one committed edit, undo or redo changed in a project
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* The project's tables, as flags. */
typedef enum
{
  SHIRABE_TABLE_PROJECT_META    = 1 << 0,
  SHIRABE_TABLE_CODER           = 1 << 1,
  SHIRABE_TABLE_CASES           = 1 << 2,
  SHIRABE_TABLE_CODE            = 1 << 3,
  SHIRABE_TABLE_ATTRIBUTE       = 1 << 4,
  SHIRABE_TABLE_NARRATIVE       = 1 << 5,
  SHIRABE_TABLE_CODING          = 1 << 6,
  SHIRABE_TABLE_ATTRIBUTE_VALUE = 1 << 7,
  SHIRABE_TABLE_ALIGNMENT       = 1 << 8,
  SHIRABE_TABLE_PSEUDONYM       = 1 << 9,
  SHIRABE_TABLE_ALL             = (1 << 10) - 1,
} ShirabeTables;

typedef enum
{
  SHIRABE_ROW_INSERTED,
  SHIRABE_ROW_UPDATED,
  SHIRABE_ROW_DELETED,
} ShirabeRowChange;

/* One coding added, changed or removed. An id is 0 where the change does not tell it: an
 * inserted coding has no old code, a deleted one no new code, and an updated one names its
 * narrative and codes only when they changed (read the coding again to know the rest). */
typedef struct
{
  ShirabeRowChange change;
  gint64           coding_id;
  gint64           narrative_id;
  gint64           old_code_id;
  gint64           new_code_id;
} ShirabeCodingChange;

typedef struct _ShirabeChanges ShirabeChanges;

#define SHIRABE_TYPE_CHANGES (shirabe_changes_get_type ())

GType                      shirabe_changes_get_type    (void) G_GNUC_CONST;
ShirabeChanges            *shirabe_changes_new_unknown (void);
ShirabeChanges            *shirabe_changes_ref         (ShirabeChanges *self);
void                       shirabe_changes_unref       (ShirabeChanges *self);

gboolean                   shirabe_changes_is_known    (const ShirabeChanges *self);
ShirabeTables              shirabe_changes_get_tables  (const ShirabeChanges *self);
gboolean                   shirabe_changes_touches     (const ShirabeChanges *self,
                                                        ShirabeTables         tables);
gboolean                   shirabe_changes_only        (const ShirabeChanges *self,
                                                        ShirabeTables         tables);
const ShirabeCodingChange *shirabe_changes_get_codings (const ShirabeChanges *self,
                                                        guint                *n_codings);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ShirabeChanges, shirabe_changes_unref)

G_END_DECLS
