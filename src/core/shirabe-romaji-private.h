/* shirabe-romaji-private.h: Japanese text read out in Latin letters, for variable names
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

gboolean  shirabe_text_has_japanese (const char *text);
char     *shirabe_romanize          (const char *text);

G_END_DECLS
