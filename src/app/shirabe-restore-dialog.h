/* shirabe-restore-dialog.h: the project's backups, to look at or restore
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "shirabe-window.h"

G_BEGIN_DECLS

#define SHIRABE_TYPE_RESTORE_DIALOG (shirabe_restore_dialog_get_type ())

G_DECLARE_FINAL_TYPE (ShirabeRestoreDialog, shirabe_restore_dialog, SHIRABE, RESTORE_DIALOG,
                      AdwWindow)

/* A dialog over @window listing the backups of its project. */
ShirabeRestoreDialog *shirabe_restore_dialog_new       (ShirabeWindow        *window);
/* The number of backups listed. */
guint                 shirabe_restore_dialog_get_n_backups (ShirabeRestoreDialog *self);
/* Opens backup @index (0: the newest) read-only in a new window, which it returns. */
ShirabeWindow        *shirabe_restore_dialog_look      (ShirabeRestoreDialog *self,
                                                        guint                 index);
/* Asks to confirm restoring backup @index; the dialog it returns answers "restore". */
AdwMessageDialog     *shirabe_restore_dialog_ask       (ShirabeRestoreDialog *self,
                                                        guint                 index);

G_END_DECLS
