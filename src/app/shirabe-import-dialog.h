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
 * shirabe_import_run_async:
 * @callback: (nullable): called when the import is over and its outcome shown
 *
 * Imports @paths into the window's project in a worker thread, as one undoable step, showing a
 * modal progress dialog with a Cancel button (cancelling keeps nothing); then a dialog listing
 * each imported file and each refused one with its reason, or the error that kept everything
 * out.
 */
void               shirabe_import_run_with_options_async (ShirabeWindow               *window,
                                                          const char * const          *paths,
                                                          const ShirabeImportOptions  *options,
                                                          GAsyncReadyCallback          callback,
                                                          gpointer                     user_data);
AdwMessageDialog  *shirabe_import_ask           (ShirabeWindow       *window,
                                                 const char * const  *paths);
void               shirabe_import_run_async     (ShirabeWindow       *window,
                                                 const char * const  *paths,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data);

/**
 * shirabe_import_run_finish:
 *
 * Returns: (transfer none) (nullable): the result dialog; %NULL with @error set when nothing
 * was imported (cancelled, read-only project), the error having been shown to the user already
 */
AdwMessageDialog  *shirabe_import_run_finish    (ShirabeWindow       *window,
                                                 GAsyncResult        *result,
                                                 GError             **error);

G_END_DECLS
