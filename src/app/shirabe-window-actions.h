/* shirabe-window-actions.h: the window's actions for the left pane and the dialogs
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "shirabe-window.h"

G_BEGIN_DECLS

/* Installs win.set-status, win.import, win.import-folder, win.export, win.preferences,
 * win.show-folder, win.search-narrative, win.filter-narratives and their accelerators on the window class. */
void     shirabe_window_actions_install (GtkWidgetClass *widget_class);
/* Sets up what the actions need on a new window: the drop target, the shortcuts window. */
void     shirabe_window_actions_init    (ShirabeWindow  *self);
/* Enables the actions that need a project. */
void     shirabe_window_actions_update  (ShirabeWindow  *self);

G_END_DECLS
