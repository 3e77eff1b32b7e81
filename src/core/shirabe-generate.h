/* shirabe-generate.h: deterministic synthetic projects for tests and benchmarks
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "shirabe-project.h"

G_BEGIN_DECLS

/* Where shirabe_project_generate()'s time went, in seconds: what bench-generate prints. */
typedef struct
{
  double rows;      /* cases, narratives and codings written, their text made */
  double fulltext;  /* the full-text index (built beside the rows, in a thread of its own,
                     * when the project is a new file: then the time waited for it) */
  double indexes;   /* the codings' indexes made */
  double commit;    /* the transaction committed */
  double fulltext_cpu;  /* processor time of the index's thread, when it had one: on a busy
                         * machine the waits above say more about the others' load */
} ShirabeGenerateTimings;

typedef struct
{
  guint   n_narratives;
  guint   n_codings;
  guint   n_codes;     /* 0: 60 */
  guint   n_coders;    /* 0: 3 */
  guint64 seed;
  guint   min_length;  /* code points; 0: 2,000 */
  guint   max_length;  /* code points; 0: 300,000 */
  ShirabeGenerateTimings *timings;  /* NULL, or where the time spent is added up */
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
