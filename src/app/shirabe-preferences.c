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
  AdwComboRow          *label_language_row;
  GtkSpinButton        *font_size_button;
  GtkSpinButton        *keep_daily_button;
  GtkSpinButton        *keep_risky_button;
  GtkSpinButton        *max_size_button;
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

/* The label language: one key, which the window and this window both follow. Until the user
 * picks one, labels follow the interface's language rather than the schema's fixed default. */
ShirabeLabelLanguage
shirabe_settings_get_label_language (GSettings *settings)
{
  g_autoptr(GVariant) user_value = NULL;
  g_autofree char *nick = NULL;

  g_return_val_if_fail (G_IS_SETTINGS (settings), SHIRABE_LABEL_LANGUAGE_EN);

  user_value = g_settings_get_user_value (settings, "label-language");
  if (user_value == NULL)
    return shirabe_label_language_default ();
  nick = g_settings_get_string (settings, "label-language");
  return shirabe_label_language_from_nick (nick);
}

static gboolean
label_language_row_from_settings (GValue   *value,
                                  GVariant *variant,
                                  gpointer  user_data)
{
  /* The row lists Japanese, English and Both in the enum's order. */
  g_value_set_uint (value, shirabe_settings_get_label_language (G_SETTINGS (user_data)));
  return TRUE;
}

static GVariant *
label_language_row_to_settings (const GValue       *value,
                                const GVariantType *expected_type,
                                gpointer            user_data)
{
  guint selected = g_value_get_uint (value);

  if (selected > SHIRABE_LABEL_LANGUAGE_BOTH)
    return NULL;
  return g_variant_new_string (shirabe_label_language_to_nick (selected));
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
                                        label_language_row);
  gtk_widget_class_bind_template_child (widget_class, ShirabePreferencesWindow,
                                        font_size_button);
  gtk_widget_class_bind_template_child (widget_class, ShirabePreferencesWindow,
                                        keep_daily_button);
  gtk_widget_class_bind_template_child (widget_class, ShirabePreferencesWindow,
                                        keep_risky_button);
  gtk_widget_class_bind_template_child (widget_class, ShirabePreferencesWindow,
                                        max_size_button);
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
  g_settings_bind (settings, "backup-keep-daily", self->keep_daily_button, "value",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "backup-keep-risky", self->keep_risky_button, "value",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "backup-max-gigabytes", self->max_size_button, "value",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind_with_mapping (settings, "label-language", self->label_language_row, "selected",
                                G_SETTINGS_BIND_DEFAULT, label_language_row_from_settings,
                                label_language_row_to_settings, settings, NULL);
  return self;
}

GtkEditable *
shirabe_preferences_window_get_coder_editable (ShirabePreferencesWindow *self)
{
  g_return_val_if_fail (SHIRABE_IS_PREFERENCES_WINDOW (self), NULL);

  return GTK_EDITABLE (self->coder_row);
}

AdwComboRow *
shirabe_preferences_window_get_label_language_row (ShirabePreferencesWindow *self)
{
  g_return_val_if_fail (SHIRABE_IS_PREFERENCES_WINDOW (self), NULL);

  return self->label_language_row;
}

GtkSpinButton *
shirabe_preferences_window_get_font_size_button (ShirabePreferencesWindow *self)
{
  g_return_val_if_fail (SHIRABE_IS_PREFERENCES_WINDOW (self), NULL);

  return self->font_size_button;
}

GtkSpinButton *
shirabe_preferences_window_get_keep_daily_button (ShirabePreferencesWindow *self)
{
  g_return_val_if_fail (SHIRABE_IS_PREFERENCES_WINDOW (self), NULL);

  return self->keep_daily_button;
}
