/* shirabe-import-dialog.h: importing text files into the window's project, with progress
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "shirabe-window.h"

G_BEGIN_DECLS

/* The plain files of @files, a folder standing for the files in it (sorted, hidden ones left
 * out). Returns: (transfer full): a NULL-terminated array of paths */
char             **shirabe_import_collect_paths (GFile * const      *files,
                                                 guint               n_files);

/**
 * shirabe_import_run:
 *
 * Imports @paths into the window's project as one undoable step, showing a progress dialog
 * with a Cancel button (cancelling keeps nothing), then a dialog listing each imported file
 * and each refused one with its reason.
 *
 * Returns: (transfer none) (nullable): the result dialog, or %NULL when nothing was imported
 * because of an error shown instead (cancelled, read-only project)
 */
AdwMessageDialog  *shirabe_import_run           (ShirabeWindow      *window,
                                                 const char * const *paths);

G_END_DECLS
