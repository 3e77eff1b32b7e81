/* shirabe-window-actions.c: the window's actions for the left pane and the dialogs
 *
 * Kept apart from shirabe-window.c so that the window's own file stays about keeping its
 * views in step; everything here reaches the window through its public functions.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "shirabe-i18n.h"

#include "shirabe-window-actions.h"

static const char * const project_actions[] = {
  "win.set-status",
};

static void
set_status_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  ShirabeWindow *self = SHIRABE_WINDOW (widget);
  g_autoptr(GError) error = NULL;

  if (!shirabe_sidebar_set_selected_status (shirabe_window_get_sidebar (self),
                                            g_variant_get_string (parameter, NULL), &error))
    shirabe_window_show_error (self, _("The coding status was not changed"), error);
}

void
shirabe_window_actions_install (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.set-status", "s", set_status_action);
}

void
shirabe_window_actions_init (ShirabeWindow *self)
{
  shirabe_window_actions_update (self);
}

void
shirabe_window_actions_update (ShirabeWindow *self)
{
  gboolean has_project = shirabe_window_get_project (self) != NULL;

  for (guint i = 0; i < G_N_ELEMENTS (project_actions); i++)
    gtk_widget_action_set_enabled (GTK_WIDGET (self), project_actions[i], has_project);
}
