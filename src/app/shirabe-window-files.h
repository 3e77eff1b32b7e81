/* shirabe-window-files.h: the window's actions on project files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "shirabe-window.h"

G_BEGIN_DECLS

/* Installs win.new-project, win.open-project, win.new-project-from-template,
 * win.explore-sample and win.export-template on the window class. */
void shirabe_window_files_install (GtkWidgetClass *widget_class);
/* Closes the window's chooser, if one is open: called when the window goes. */
void shirabe_window_files_dispose (ShirabeWindow  *self);

/* Merges coders' copies into the window's project, as one undo step, and shows what happened. */
gboolean shirabe_window_merge_copies (ShirabeWindow      *self,
                                      const char * const *paths,
                                      GError            **error);

/* Reads @path as case attributes (a dry run) and asks whether to import them: the columns'
 * types, the cases to add, and any problem. NULL with @error set when it cannot be read. */
AdwMessageDialog *shirabe_window_ask_import_attributes (ShirabeWindow *self,
                                                        const char    *path,
                                                        GError       **error);
/* Asks for whom a coder's copy is made and what it carries, then where it goes. */
AdwMessageDialog *shirabe_window_ask_coder_copy (ShirabeWindow *self);

G_END_DECLS
