/* shirabe-json-private.h: checks on JSON text before json-glib parses it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The deepest nesting of arrays and objects Shirabe reads. Templates nest codes a few levels;
 * json-glib parses recursively, so a file nested 100,000 deep would overflow the stack. */
#define SHIRABE_JSON_MAX_DEPTH 256

gboolean shirabe_json_depth_exceeds (const char *data,
                                     gssize      size,
                                     guint       max_depth);

G_END_DECLS
