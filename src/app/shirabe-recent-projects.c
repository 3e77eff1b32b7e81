/* shirabe-recent-projects.c: the projects opened last, for the welcome page
 *
 * The list lives in the setting "recent-projects" so that it outlives the process and is the
 * same in every window. Running from the build tree the schema is missing; the list is then
 * kept for this run only rather than lost at each change.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "shirabe-i18n.h"

#include <gtk/gtk.h>

#include "shirabe-preferences.h"
#include "shirabe-recent-projects.h"

struct _ShirabeRecentProjects
{
  GObject         parent_instance;

  GSettings      *settings;   /* NULL when the schema is not installed */
  GtkStringList  *uris;
};

G_DEFINE_FINAL_TYPE (ShirabeRecentProjects, shirabe_recent_projects, G_TYPE_OBJECT)

static gboolean
same_uris (GListModel         *model,
           const char * const *uris)
{
  guint n = g_list_model_get_n_items (model);

  if (n != g_strv_length ((char **) uris))
    return FALSE;
  for (guint i = 0; i < n; i++)
    if (g_strcmp0 (gtk_string_list_get_string (GTK_STRING_LIST (model), i), uris[i]) != 0)
      return FALSE;
  return TRUE;
}

/* Replaces the list with @uris (at most the maximum), writing the setting when asked. */
static void
set_uris (ShirabeRecentProjects *self,
          const char * const    *uris,
          gboolean               save)
{
  GListModel *model = G_LIST_MODEL (self->uris);
  g_autoptr(GPtrArray) kept = g_ptr_array_new ();

  for (guint i = 0; uris[i] != NULL && kept->len < SHIRABE_RECENT_PROJECTS_MAX; i++)
    if (*uris[i] != '\0')
      g_ptr_array_add (kept, (gpointer) uris[i]);
  g_ptr_array_add (kept, NULL);

  if (!same_uris (model, (const char * const *) kept->pdata))
    gtk_string_list_splice (self->uris, 0, g_list_model_get_n_items (model),
                            (const char * const *) kept->pdata);
  if (save && self->settings != NULL)
    g_settings_set_strv (self->settings, "recent-projects",
                         (const char * const *) kept->pdata);
}

/* Another window or another run of Shirabe changed the list. */
static void
on_settings_changed (ShirabeRecentProjects *self)
{
  g_auto(GStrv) uris = g_settings_get_strv (self->settings, "recent-projects");

  set_uris (self, (const char * const *) uris, FALSE);
}

/* Returns: (transfer full): the URIs as they are now, with room for one more at the front */
static GPtrArray *
copy_uris (ShirabeRecentProjects *self)
{
  GListModel *model = G_LIST_MODEL (self->uris);
  GPtrArray *uris = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    g_ptr_array_add (uris, g_strdup (gtk_string_list_get_string (self->uris, i)));
  return uris;
}

static void
remove_from (GPtrArray  *uris,
             const char *uri)
{
  for (guint i = uris->len; i > 0; i--)
    if (g_strcmp0 (g_ptr_array_index (uris, i - 1), uri) == 0)
      g_ptr_array_remove_index (uris, i - 1);
}

static void
shirabe_recent_projects_dispose (GObject *object)
{
  ShirabeRecentProjects *self = SHIRABE_RECENT_PROJECTS (object);

  g_clear_object (&self->settings);
  g_clear_object (&self->uris);

  G_OBJECT_CLASS (shirabe_recent_projects_parent_class)->dispose (object);
}

static void
shirabe_recent_projects_class_init (ShirabeRecentProjectsClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = shirabe_recent_projects_dispose;
}

static void
shirabe_recent_projects_init (ShirabeRecentProjects *self)
{
  self->uris = gtk_string_list_new (NULL);
  self->settings = shirabe_settings_new ();
  if (self->settings == NULL)
    return;
  g_signal_connect_object (self->settings, "changed::recent-projects",
                           G_CALLBACK (on_settings_changed), self, G_CONNECT_SWAPPED);
  on_settings_changed (self);
}

ShirabeRecentProjects *
shirabe_recent_projects_get_default (void)
{
  static ShirabeRecentProjects *recent;

  if (recent == NULL)
    recent = g_object_new (SHIRABE_TYPE_RECENT_PROJECTS, NULL);
  return recent;
}

GListModel *
shirabe_recent_projects_get_model (ShirabeRecentProjects *self)
{
  g_return_val_if_fail (SHIRABE_IS_RECENT_PROJECTS (self), NULL);

  return G_LIST_MODEL (self->uris);
}

void
shirabe_recent_projects_add (ShirabeRecentProjects *self,
                             const char            *uri)
{
  g_autoptr(GPtrArray) uris = NULL;

  g_return_if_fail (SHIRABE_IS_RECENT_PROJECTS (self));
  g_return_if_fail (uri != NULL);

  uris = copy_uris (self);
  remove_from (uris, uri);
  g_ptr_array_insert (uris, 0, g_strdup (uri));
  g_ptr_array_add (uris, NULL);
  set_uris (self, (const char * const *) uris->pdata, TRUE);
}

void
shirabe_recent_projects_remove (ShirabeRecentProjects *self,
                                const char            *uri)
{
  g_autoptr(GPtrArray) uris = NULL;

  g_return_if_fail (SHIRABE_IS_RECENT_PROJECTS (self));
  g_return_if_fail (uri != NULL);

  uris = copy_uris (self);
  remove_from (uris, uri);
  g_ptr_array_add (uris, NULL);
  set_uris (self, (const char * const *) uris->pdata, TRUE);
}
