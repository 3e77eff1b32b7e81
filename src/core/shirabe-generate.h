/* shirabe-generate.h: deterministic synthetic projects for tests and benchmarks
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "shirabe-project.h"

G_BEGIN_DECLS

typedef struct
{
  guint   n_narratives;
  guint   n_codings;
  guint   n_codes;     /* 0: 60 */
  guint   n_coders;    /* 0: 3 */
  guint64 seed;
  guint   min_length;  /* code points; 0: 2,000 */
  guint   max_length;  /* code points; 0: 300,000 */
} ShirabeGenerateOptions;

/**
 * shirabe_project_generate:
 *
 * Fills @project with a synthetic study of realistic shape: cases of one to three narratives
 * mixing Japanese and English text of 2,000 to 300,000 code points, a code tree three levels
 * deep with bilingual labels, coders, case attributes and codings spread over the narratives.
 * The same options and seed always give the same rows.
 */
gboolean shirabe_project_generate (ShirabeProject               *project,
                                   const ShirabeGenerateOptions *options,
                                   GCancellable                 *cancellable,
                                   GError                      **error);

/* Writes a deterministic narrative-like text of @n_chars code points (mixed ja/en) into a new
 * string; for benchmarks that need files. */
char    *shirabe_generate_text    (guint64  seed,
                                   guint    n_chars,
                                   gboolean japanese);

G_END_DECLS
