/* shirabe-recent-view.c: the recent projects on the welcome page
 *
 * One row per project of ShirabeRecentProjects: its file name, its folder, and for a file that
 * is gone a button to drop it from the list. The view hides itself while the list is empty.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "shirabe-i18n.h"

#include <string.h>

#include <adwaita.h>

#include "shirabe-recent-projects.h"
#include "shirabe-recent-view.h"
#include "shirabe-window.h"

struct _ShirabeRecentView
{
  GtkWidget   parent_instance;

  /* template */
  GtkListBox *list_box;
};

G_DEFINE_FINAL_TYPE (ShirabeRecentView, shirabe_recent_view, GTK_TYPE_WIDGET)

/* @path's folder for people: the home folder as "~". */
static char *
dup_folder_for_display (const char *path)
{
  g_autofree char *folder = g_path_get_dirname (path);
  g_autofree char *display = g_filename_display_name (folder);
  g_autofree char *home = g_filename_display_name (g_get_home_dir ());
  gsize home_len = strlen (home);

  if (g_str_has_prefix (display, home) && home_len > 1 &&
      (display[home_len] == '\0' || display[home_len] == G_DIR_SEPARATOR))
    return g_strconcat ("~", display + home_len, NULL);
  return g_steal_pointer (&display);
}

static GtkWidget *
create_row (gpointer item,
            gpointer user_data)
{
  const char *uri = gtk_string_object_get_string (item);
  g_autoptr(GFile) file = g_file_new_for_uri (uri);
  g_autofree char *path = g_file_get_path (file);
  g_autofree char *name = NULL;
  g_autofree char *folder = NULL;
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *button;

  if (path != NULL)
    {
      g_autofree char *basename = g_path_get_basename (path);

      name = g_filename_display_name (basename);
      folder = dup_folder_for_display (path);
    }
  else
    {
      name = g_file_get_basename (file);
      folder = g_strdup (uri);
    }
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), folder);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 1);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 1);
  gtk_widget_set_tooltip_text (row, path != NULL ? path : uri);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "recent.open");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (row), "s", uri);

  if (path != NULL && g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 gtk_image_new_from_icon_name ("go-next-symbolic"));
      return row;
    }

  /* The file was moved or deleted since: say so, and offer to forget it. */
  gtk_widget_add_css_class (row, "recent-missing");
  gtk_widget_set_tooltip_text (row, _("The project file is no longer there"));
  button = gtk_button_new_with_mnemonic (_("_Remove from List"));
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "recent.remove");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", uri);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
  return row;
}

static void
update_visible (ShirabeRecentView *self)
{
  GListModel *model = shirabe_recent_projects_get_model (shirabe_recent_projects_get_default ());

  gtk_widget_set_visible (GTK_WIDGET (self), g_list_model_get_n_items (model) > 0);
}

/* Rows are made again each time the welcome page shows, so that a file deleted meanwhile
 * shows as missing. */
static void
bind_rows (ShirabeRecentView *self)
{
  GListModel *model = shirabe_recent_projects_get_model (shirabe_recent_projects_get_default ());

  gtk_list_box_bind_model (self->list_box, model, create_row, NULL, NULL);
}

static void
open_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  const char *uri = g_variant_get_string (parameter, NULL);
  g_autoptr(GFile) file = g_file_new_for_uri (uri);
  g_autoptr(GError) error = NULL;
  GtkRoot *root = gtk_widget_get_root (widget);

  if (!SHIRABE_IS_WINDOW (root) || shirabe_window_open_file (SHIRABE_WINDOW (root), file, &error))
    return;
  shirabe_window_show_error (SHIRABE_WINDOW (root), _("The project was not opened"), error);
  if (g_error_matches (error, SHIRABE_ERROR, SHIRABE_ERROR_NOT_FOUND) ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    shirabe_recent_projects_remove (shirabe_recent_projects_get_default (), uri);
}

static void
remove_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  shirabe_recent_projects_remove (shirabe_recent_projects_get_default (),
                                  g_variant_get_string (parameter, NULL));
}

static void
shirabe_recent_view_dispose (GObject *object)
{
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (object), SHIRABE_TYPE_RECENT_VIEW);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (shirabe_recent_view_parent_class)->dispose (object);
}

static void
shirabe_recent_view_class_init (ShirabeRecentViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = shirabe_recent_view_dispose;

  g_type_ensure (ADW_TYPE_PREFERENCES_GROUP);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/shirabe/Shirabe/shirabe-recent-view.ui");
  gtk_widget_class_bind_template_child (widget_class, ShirabeRecentView, list_box);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);

  gtk_widget_class_install_action (widget_class, "recent.open", "s", open_action);
  gtk_widget_class_install_action (widget_class, "recent.remove", "s", remove_action);
}

static void
shirabe_recent_view_init (ShirabeRecentView *self)
{
  GListModel *model = shirabe_recent_projects_get_model (shirabe_recent_projects_get_default ());

  gtk_widget_init_template (GTK_WIDGET (self));
  bind_rows (self);
  g_signal_connect_object (model, "items-changed", G_CALLBACK (update_visible), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect (self, "map", G_CALLBACK (bind_rows), NULL);
  update_visible (self);
}

GtkListBox *
shirabe_recent_view_get_list_box (ShirabeRecentView *self)
{
  g_return_val_if_fail (SHIRABE_IS_RECENT_VIEW (self), NULL);

  return self->list_box;
}
