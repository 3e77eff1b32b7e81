/* shirabe-languages.h: the languages a narrative is offered first
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  const char *tag;   /* BCP 47 */
  const char *name;  /* N_(): translate with _() */
} ShirabeLanguageChoice;

/* Japanese, English and the languages of the seeds' cases (Thai, Spanish, Tagalog, Portuguese,
 * Chinese, Korean, Indonesian, Vietnamese), in the order the import and a narrative's details
 * offer them; any other tag can be typed. Returns: (transfer none) */
const ShirabeLanguageChoice *shirabe_language_choices (guint *n_choices);

G_END_DECLS
