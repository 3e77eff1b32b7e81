/* shirabe-export-dialog.h: the coded project as tables for statistics, with progress
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "shirabe-export.h"
#include "shirabe-window.h"

G_BEGIN_DECLS

#define SHIRABE_TYPE_EXPORT_DIALOG (shirabe_export_dialog_get_type ())

G_DECLARE_FINAL_TYPE (ShirabeExportDialog, shirabe_export_dialog, SHIRABE, EXPORT_DIALOG,
                      AdwWindow)

/* A dialog over @window to export its project. Returns: (transfer none): the dialog, owned by
 * GTK like any window, not yet shown; NULL with @error set when the project cannot be read. */
ShirabeExportDialog *shirabe_export_dialog_new         (ShirabeWindow        *window,
                                                        GError              **error);
/* What "Export…" does once the file (XLSX) or folder (CSV) is chosen: exports to @path in a
 * thread with the options shown. On success the dialog closes and the window shows a toast;
 * otherwise the dialog says why. */
void                 shirabe_export_dialog_export_to   (ShirabeExportDialog  *self,
                                                        const char           *path);
/* Cancels the export running; the core leaves no file behind. */
void                 shirabe_export_dialog_cancel      (ShirabeExportDialog  *self);
gboolean             shirabe_export_dialog_get_running (ShirabeExportDialog  *self);
/* The message the dialog shows: the failure, the note on a cancelled export, or "". */
const char          *shirabe_export_dialog_get_message (ShirabeExportDialog  *self);

G_END_DECLS
