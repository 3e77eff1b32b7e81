/* shirabe-preferences.c: the preferences window, and the settings it edits
 *
 * The window only edits the settings; each ShirabeWindow follows them as they change, so a
 * new text size shows in the reader as it is typed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "shirabe-i18n.h"

#include "shirabe-preferences.h"

struct _ShirabePreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  GSettings            *settings;

  /* template */
  AdwEntryRow          *coder_row;
  GtkSpinButton        *font_size_button;
};

G_DEFINE_FINAL_TYPE (ShirabePreferencesWindow, shirabe_preferences_window,
                     ADW_TYPE_PREFERENCES_WINDOW)

GSettings *
shirabe_settings_new (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APPLICATION_ID, TRUE);
  if (schema == NULL)
    return NULL;
  return g_settings_new_full (schema, NULL, NULL);
}

static void
shirabe_preferences_window_dispose (GObject *object)
{
  ShirabePreferencesWindow *self = SHIRABE_PREFERENCES_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), SHIRABE_TYPE_PREFERENCES_WINDOW);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (shirabe_preferences_window_parent_class)->dispose (object);
}

static void
shirabe_preferences_window_class_init (ShirabePreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = shirabe_preferences_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/shirabe/Shirabe/shirabe-preferences.ui");
  gtk_widget_class_bind_template_child (widget_class, ShirabePreferencesWindow, coder_row);
  gtk_widget_class_bind_template_child (widget_class, ShirabePreferencesWindow,
                                        font_size_button);
}

static void
shirabe_preferences_window_init (ShirabePreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

ShirabePreferencesWindow *
shirabe_preferences_window_new (GtkWindow *parent,
                                GSettings *settings)
{
  ShirabePreferencesWindow *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  self = g_object_new (SHIRABE_TYPE_PREFERENCES_WINDOW, "transient-for", parent, NULL);
  self->settings = g_object_ref (settings);
  g_settings_bind (settings, "current-coder", self->coder_row, "text", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "reader-font-size", self->font_size_button, "value",
                   G_SETTINGS_BIND_DEFAULT);
  return self;
}

GtkEditable *
shirabe_preferences_window_get_coder_editable (ShirabePreferencesWindow *self)
{
  g_return_val_if_fail (SHIRABE_IS_PREFERENCES_WINDOW (self), NULL);

  return GTK_EDITABLE (self->coder_row);
}

GtkSpinButton *
shirabe_preferences_window_get_font_size_button (ShirabePreferencesWindow *self)
{
  g_return_val_if_fail (SHIRABE_IS_PREFERENCES_WINDOW (self), NULL);

  return self->font_size_button;
}
