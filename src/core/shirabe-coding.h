/* shirabe-coding.h: a code applied to a passage of a narrative
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
  gint64  narrative_id;
  gint64  code_id;
  gint64  coder_id;
  char   *coder_name;
  gint64  start;   /* code points from the start of the text, inclusive */
  gint64  end;     /* exclusive */
  char   *memo;
  char   *created_at;
  gint64  carried_from;   /* the coding of the other side it was carried from, or 0 */
} ShirabeCoding;

#define SHIRABE_TYPE_CODING (shirabe_coding_get_type ())

GType          shirabe_coding_get_type          (void) G_GNUC_CONST;
ShirabeCoding *shirabe_coding_copy              (const ShirabeCoding *self);
void           shirabe_coding_free              (ShirabeCoding       *self);

/* Codes [@start, @end) of the narrative. Refused when empty or out of the text's range. */
gint64         shirabe_project_add_coding       (ShirabeProject      *project,
                                                 gint64               narrative_id,
                                                 gint64               code_id,
                                                 gint64               coder_id,
                                                 gint64               start,
                                                 gint64               end,
                                                 const char          *memo,
                                                 GError             **error);
gboolean       shirabe_project_remove_coding    (ShirabeProject      *project,
                                                 gint64               coding_id,
                                                 GError             **error);
gboolean       shirabe_project_set_coding_memo  (ShirabeProject      *project,
                                                 gint64               coding_id,
                                                 const char          *memo,
                                                 GError             **error);
gboolean       shirabe_project_set_coding_code  (ShirabeProject      *project,
                                                 gint64               coding_id,
                                                 gint64               code_id,
                                                 GError             **error);
ShirabeCoding *shirabe_project_get_coding       (ShirabeProject      *project,
                                                 gint64               coding_id,
                                                 GError             **error);
/* Returns: (element-type ShirabeCoding): a narrative's codings by start, or all when 0 */
GPtrArray     *shirabe_project_list_codings     (ShirabeProject      *project,
                                                 gint64               narrative_id,
                                                 GError             **error);
/* Called for each coding in turn, with its narrative's title; returns FALSE with @error set
 * to stop. */
typedef gboolean (*ShirabeCodingFunc) (const ShirabeCoding *coding,
                                       const char          *narrative_title,
                                       gpointer             user_data,
                                       GError             **error);
/* The same codings as shirabe_project_list_codings(), in the same order, one at a time, so
 * that a listing of millions needs the memory of one. */
gboolean       shirabe_project_foreach_coding   (ShirabeProject      *project,
                                                 gint64               narrative_id,
                                                 ShirabeCodingFunc    func,
                                                 gpointer             user_data,
                                                 GError             **error);
gint64         shirabe_project_find_coding      (ShirabeProject      *project,
                                                 const char          *spec,
                                                 GError             **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ShirabeCoding, shirabe_coding_free)

G_END_DECLS
