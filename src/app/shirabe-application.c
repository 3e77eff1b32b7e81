/* shirabe-application.c: the running Shirabe, one per session
 *
 * A second launch hands its files to the first instance and quits, so a project opened from
 * the file manager lands in the Shirabe already running.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "shirabe-i18n.h"

#include "shirabe-application.h"
#include "shirabe-backup.h"
#include "shirabe-preferences.h"
#include "shirabe-window.h"

struct _ShirabeApplication
{
  AdwApplication  parent_instance;

  GSettings      *settings;  /* NULL without the schema (an uninstalled build) */
};

G_DEFINE_FINAL_TYPE (ShirabeApplication, shirabe_application, ADW_TYPE_APPLICATION)

static ShirabeWindow *
find_empty_window (ShirabeApplication *self)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    if (SHIRABE_IS_WINDOW (l->data) && shirabe_window_get_project (l->data) == NULL)
      return l->data;
  return NULL;
}

/* The window that already shows @file, so that opening a project twice brings its window
 * forward instead of putting a second connection, with its own undo history, on the file. */
static ShirabeWindow *
find_window_of (ShirabeApplication *self,
                GFile              *file)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    {
      ShirabeProject *project;
      g_autoptr(GFile) shown = NULL;

      if (!SHIRABE_IS_WINDOW (l->data) ||
          (project = shirabe_window_get_project (l->data)) == NULL)
        continue;
      shown = g_file_new_for_path (shirabe_project_get_path (project));
      if (g_file_equal (shown, file))
        return l->data;
    }
  return NULL;
}

static void
shirabe_application_activate (GApplication *application)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (application));

  if (window == NULL)
    window = GTK_WINDOW (shirabe_window_new (GTK_APPLICATION (application)));
  gtk_window_present (window);
}

static void
shirabe_application_open (GApplication  *application,
                          GFile        **files,
                          int            n_files,
                          const char    *hint)
{
  ShirabeApplication *self = SHIRABE_APPLICATION (application);

  for (int i = 0; i < n_files; i++)
    {
      ShirabeWindow *window = find_window_of (self, files[i]);
      g_autoptr(GError) error = NULL;

      if (window != NULL)
        {
          gtk_window_present (GTK_WINDOW (window));
          continue;
        }
      window = find_empty_window (self);
      if (window == NULL)
        window = shirabe_window_new (GTK_APPLICATION (self));
      if (!shirabe_window_open_file (window, files[i], &error))
        shirabe_window_show_error (window, _("The project was not opened"), error);
      gtk_window_present (GTK_WINDOW (window));
    }
}

static void
about_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  GtkApplication *application = user_data;
  static const char *developers[] = { "The Shirabe contributors", NULL };
  GtkWidget *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", gtk_application_get_active_window (application),
                        "application-name", _("Shirabe"),
                        "application-icon", APPLICATION_ID,
                        "version", PACKAGE_VERSION,
                        "comments", _("Research coding of case narratives"),
                        "developers", developers,
                        "license-type", GTK_LICENSE_GPL_3_0,
                        /* Translators: put your names here, one a line */
                        "translator-credits", _("translator-credits"),
                        NULL);
  gtk_window_present (GTK_WINDOW (about));
}

static void
preferences_action (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  GtkApplication *application = user_data;
  g_autoptr(GSettings) settings = shirabe_settings_new ();
  ShirabePreferencesWindow *window;

  if (settings == NULL)
    return;
  window = shirabe_preferences_window_new (gtk_application_get_active_window (application),
                                           settings);
  gtk_window_present (GTK_WINDOW (window));
}

static void
quit_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  /* Windows close their projects as they go; nothing is left unsaved. */
  for (GList *l = gtk_application_get_windows (user_data); l != NULL; )
    {
      GtkWindow *window = l->data;

      l = l->next;
      gtk_window_destroy (window);
    }
}

static void
settings_changed (GSettings  *settings,
                  const char *key,
                  gpointer    user_data)
{
  if (g_str_has_prefix (key, "backup-"))
    shirabe_backup_load_settings ();
}

static void
shirabe_application_startup (GApplication *application)
{
  static const GActionEntry entries[] = {
    { .name = "about", .activate = about_action },
    { .name = "preferences", .activate = preferences_action },
    { .name = "quit", .activate = quit_action },
  };
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *close_accels[] = { "<Control>w", NULL };
  static const char *preferences_accels[] = { "<Control>comma", NULL };
  ShirabeApplication *self = SHIRABE_APPLICATION (application);
  GAction *preferences;

  G_APPLICATION_CLASS (shirabe_application_parent_class)->startup (application);

  g_action_map_add_action_entries (G_ACTION_MAP (application), entries, G_N_ELEMENTS (entries),
                                   application);
  gtk_application_set_accels_for_action (GTK_APPLICATION (application), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (application), "window.close",
                                         close_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (application), "app.preferences",
                                         preferences_accels);
  /* Without the schema (an uninstalled build) there is nothing to edit. */
  self->settings = shirabe_settings_new ();
  preferences = g_action_map_lookup_action (G_ACTION_MAP (application), "preferences");
  g_simple_action_set_enabled (G_SIMPLE_ACTION (preferences), self->settings != NULL);

  /* How many backups are kept follows the preferences as they change. */
  shirabe_backup_load_settings ();
  if (self->settings != NULL)
    g_signal_connect (self->settings, "changed", G_CALLBACK (settings_changed), NULL);
}

static void
shirabe_application_shutdown (GApplication *application)
{
  ShirabeApplication *self = SHIRABE_APPLICATION (application);

  g_clear_object (&self->settings);
  G_APPLICATION_CLASS (shirabe_application_parent_class)->shutdown (application);
}

static void
shirabe_application_class_init (ShirabeApplicationClass *klass)
{
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  app_class->startup = shirabe_application_startup;
  app_class->shutdown = shirabe_application_shutdown;
  app_class->activate = shirabe_application_activate;
  app_class->open = shirabe_application_open;
}

static void
shirabe_application_init (ShirabeApplication *self)
{
}

ShirabeApplication *
shirabe_application_new (void)
{
  return g_object_new (SHIRABE_TYPE_APPLICATION,
                       "application-id", APPLICATION_ID,
                       "flags", G_APPLICATION_HANDLES_OPEN,
                       "resource-base-path", "/io/github/shirabe/Shirabe",
                       NULL);
}
