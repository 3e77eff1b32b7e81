/* shirabe-preferences.h: the preferences window, and the settings it edits
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "shirabe-code-item.h"

G_BEGIN_DECLS

#define SHIRABE_TYPE_PREFERENCES_WINDOW (shirabe_preferences_window_get_type ())

G_DECLARE_FINAL_TYPE (ShirabePreferencesWindow, shirabe_preferences_window, SHIRABE,
                      PREFERENCES_WINDOW, AdwPreferencesWindow)

/* Shirabe's settings, or NULL when the schema is not installed (running from the build tree
 * without GSETTINGS_SCHEMA_DIR). Returns: (transfer full) (nullable) */
GSettings                *shirabe_settings_new                (void);

/* The language of code labels in @settings: the user's choice, or until there is one, the
 * interface's language. The window's menu and the preferences both edit this one key. */
ShirabeLabelLanguage      shirabe_settings_get_label_language (GSettings  *settings);

/* A window editing @settings (the coder's name, the label language, the reader's text size,
 * the backups kept), over @parent.
 * Returns: (transfer none): the window, owned by GTK like any window, not yet shown */
ShirabePreferencesWindow *shirabe_preferences_window_new      (GtkWindow  *parent,
                                                               GSettings  *settings);
/* The editor of the coder's name, for the tests. */
GtkEditable              *shirabe_preferences_window_get_coder_editable (ShirabePreferencesWindow *self);
AdwComboRow              *shirabe_preferences_window_get_label_language_row (ShirabePreferencesWindow *self);
GtkSpinButton            *shirabe_preferences_window_get_font_size_button (ShirabePreferencesWindow *self);
GtkSpinButton            *shirabe_preferences_window_get_keep_daily_button (ShirabePreferencesWindow *self);

G_END_DECLS
