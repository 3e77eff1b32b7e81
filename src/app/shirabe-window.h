/* shirabe-window.h: a window on one project
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "shirabe.h"
#include "shirabe-codebook.h"
#include "shirabe-reader.h"
#include "shirabe-sidebar.h"

G_BEGIN_DECLS

#define SHIRABE_TYPE_WINDOW (shirabe_window_get_type ())

G_DECLARE_FINAL_TYPE (ShirabeWindow, shirabe_window, SHIRABE, WINDOW, AdwApplicationWindow)

ShirabeWindow  *shirabe_window_new          (GtkApplication *application);
/* Opens the project at @file in this window, in place of the one open. */
gboolean        shirabe_window_open_file    (ShirabeWindow  *self,
                                             GFile          *file,
                                             GError        **error);
/* Shows @project (NULL: the welcome page); the window takes a reference. */
void            shirabe_window_set_project  (ShirabeWindow  *self,
                                             ShirabeProject *project);
/* Returns: (transfer none) (nullable) */
ShirabeProject *shirabe_window_get_project  (ShirabeWindow  *self);
ShirabeReader  *shirabe_window_get_reader   (ShirabeWindow  *self);
ShirabeSidebar *shirabe_window_get_sidebar  (ShirabeWindow  *self);
ShirabeCodebook *shirabe_window_get_codebook (ShirabeWindow *self);
/* Shows @toast (floating: the window takes it) over the window. */
void            shirabe_window_add_toast    (ShirabeWindow  *self,
                                             AdwToast       *toast);
/* Shows a failure of the core to the user, in a dialog over the window. */
void            shirabe_window_show_error   (ShirabeWindow  *self,
                                             const char     *heading,
                                             const GError   *error);

/* The same from a widget inside a window; a widget in no window (a test's) logs a warning. */
void            shirabe_widget_show_error   (GtkWidget      *widget,
                                             const char     *heading,
                                             const GError   *error);

G_END_DECLS
