/* shirabe-sample.h: the sample project, built from data/sample
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "shirabe-project.h"

G_BEGIN_DECLS

/* The "version" of sample.json this Shirabe reads. */
#define SHIRABE_SAMPLE_VERSION 1

/* The folder holding sample.json: $SHIRABE_SAMPLE_DIR, then the installed
 * <datadir>/shirabe/sample, then shirabe/sample under $XDG_DATA_HOME and $XDG_DATA_DIRS.
 * Returns: (transfer full) (nullable): the folder, or %NULL when none has a sample.json */
char     *shirabe_sample_find_dir       (void);

/* Fills @project with the sample described by @sample_dir/sample.json (or by the folder
 * shirabe_sample_find_dir() finds when @sample_dir is %NULL): its name and description, the
 * coding scheme, cases and their attributes, narratives and codings, as one undo step. Every
 * file and every quote is checked before the project is touched; on any error the project is
 * left as it was. */
gboolean  shirabe_project_build_sample  (ShirabeProject  *project,
                                         const char      *sample_dir,
                                         GError         **error);

G_END_DECLS
