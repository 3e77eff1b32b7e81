/* shirabe-coder.h: the people who code
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
  char   *created_at;
  guint   n_codings;
} ShirabeCoder;

#define SHIRABE_TYPE_CODER (shirabe_coder_get_type ())

GType         shirabe_coder_get_type       (void) G_GNUC_CONST;
ShirabeCoder *shirabe_coder_copy           (const ShirabeCoder *self);
void          shirabe_coder_free           (ShirabeCoder       *self);

/* Returns the coder of that name, adding it when new. */
gint64        shirabe_project_ensure_coder (ShirabeProject     *project,
                                            const char         *name,
                                            GError            **error);
gboolean      shirabe_project_rename_coder (ShirabeProject     *project,
                                            gint64              coder_id,
                                            const char         *name,
                                            GError            **error);
/* Returns: (element-type ShirabeCoder) */
GPtrArray    *shirabe_project_list_coders  (ShirabeProject     *project,
                                            GError            **error);
/* The coders as shirabe_project_list_coders() gives them, with every n_codings 0: for lists
 * that show names only, and must not count every coding of a large study on opening it. */
GPtrArray    *shirabe_project_list_coders_uncounted (ShirabeProject  *project,
                                                     GError         **error);
gint64        shirabe_project_find_coder   (ShirabeProject     *project,
                                            const char         *spec,
                                            GError            **error);
/* A coder's initials: "AK" for "Aiko Kato" (the first letters of up to two words, in capitals),
 * "加" for "加藤愛子" (a Chinese, Japanese or Korean name's first character); NULL when the name
 * has nothing to take them from. */
char         *shirabe_coder_dup_initials   (const char         *name);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ShirabeCoder, shirabe_coder_free)

G_END_DECLS
