/* shirabe-pseudonyms-dialog.h: the pseudonym table, its suggestions, and a pseudonymised copy
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "shirabe-window.h"

G_BEGIN_DECLS

#define SHIRABE_TYPE_PSEUDONYMS_DIALOG (shirabe_pseudonyms_dialog_get_type ())

G_DECLARE_FINAL_TYPE (ShirabePseudonymsDialog, shirabe_pseudonyms_dialog, SHIRABE,
                      PSEUDONYMS_DIALOG, AdwWindow)

/* A dialog over @window with its project's pseudonym table. */
ShirabePseudonymsDialog *shirabe_pseudonyms_dialog_new      (ShirabeWindow           *window);
guint             shirabe_pseudonyms_dialog_get_n_entries     (ShirabePseudonymsDialog *self);
guint             shirabe_pseudonyms_dialog_get_n_suggestions (ShirabePseudonymsDialog *self);
/* Types @real and @pseudonym into the entries and adds them, as the Add button does. */
void              shirabe_pseudonyms_dialog_add               (ShirabePseudonymsDialog *self,
                                                               const char              *real,
                                                               const char              *pseudonym);
/* Confirms suggestion @index with the pseudonym its row shows, as its Confirm button does. */
void              shirabe_pseudonyms_dialog_confirm_suggestion (ShirabePseudonymsDialog *self,
                                                                guint                    index);
/* Writes a pseudonymised copy to @path in a worker thread; the report follows in a dialog. */
void              shirabe_pseudonyms_dialog_save_copy         (ShirabePseudonymsDialog *self,
                                                               const char              *path);
/* The report of the last copy saved (or its error), once shown; %NULL before. */
AdwMessageDialog *shirabe_pseudonyms_dialog_get_report        (ShirabePseudonymsDialog *self);

G_END_DECLS
