/* shirabe-export-sav-private.h: what the SPSS and Stata writer shows its tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The longest variable name written, in bytes: Stata's limit, within SPSS's 64. */
#define SHIRABE_STATS_NAME_MAX 32

char **shirabe_export_stats_names (const char *const *wanted,
                                   guint              n_wanted);

gboolean shirabe_export_stats_name_is_legal (const char *name);

int shirabe_export_spss_segment_clash (const char *const *names,
                                       const gsize       *widths,
                                       guint              n_names);

G_END_DECLS
