/* test-recent.c: the recent projects on the welcome page
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "shirabe-i18n.h"

#include <glib/gstdio.h>

#include "shirabe.h"
#include "shirabe-preferences.h"
#include "shirabe-recent-projects.h"
#include "shirabe-recent-view.h"
#include "shirabe-window.h"
#include "app-test-util.h"

typedef struct
{
  char          *dir;
  GSettings     *settings;
  ShirabeWindow *window;
} Fixture;

/* A project made through the core and closed, as one made in an earlier session. */
static char *
make_project (Fixture    *fixture,
              const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ShirabeProject) project = NULL;
  char *path = g_build_filename (fixture->dir, name, NULL);

  project = shirabe_project_create (path, name, SHIRABE_PROJECT_DEFAULT, &error);
  g_assert_no_error (error);
  shirabe_project_close (project, &error);
  g_assert_no_error (error);
  return path;
}

static void
open_project (Fixture    *fixture,
              const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;

  g_assert_true (shirabe_window_open_file (fixture->window, file, &error));
  g_assert_no_error (error);
  wait_until_idle ();
}

static char *
uri_of (const char *path)
{
  return g_filename_to_uri (path, NULL, NULL);
}

static AdwActionRow *
get_row (Fixture *fixture,
         int      index)
{
  GtkWidget *view = find_widget (GTK_WIDGET (fixture->window), SHIRABE_TYPE_RECENT_VIEW);
  GtkListBox *list_box;
  GtkListBoxRow *row;

  g_assert_nonnull (view);
  list_box = shirabe_recent_view_get_list_box (SHIRABE_RECENT_VIEW (view));
  row = gtk_list_box_get_row_at_index (list_box, index);
  return row != NULL ? ADW_ACTION_ROW (row) : NULL;
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("shirabe-recent-test-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->settings = shirabe_settings_new ();
  g_assert_nonnull (fixture->settings);
  g_settings_reset (fixture->settings, "recent-projects");
  wait_until_idle ();
  fixture->window = g_object_ref_sink (shirabe_window_new (NULL));
  gtk_window_present (GTK_WINDOW (fixture->window));
  wait_until_idle ();
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  g_clear_object (&fixture->window);
  g_settings_reset (fixture->settings, "recent-projects");
  g_clear_object (&fixture->settings);
  wait_until_idle ();
  rm_rf (fixture->dir);
  g_free (fixture->dir);
}

static void
test_opened_projects_are_listed_most_recent_first (Fixture       *fixture,
                                                   gconstpointer  data)
{
  g_autofree char *first = make_project (fixture, "first.shirabe");
  g_autofree char *second = make_project (fixture, "second.shirabe");
  g_autofree char *first_uri = uri_of (first);
  g_autofree char *second_uri = uri_of (second);
  g_auto(GStrv) saved = NULL;
  GtkWidget *view = find_widget (GTK_WIDGET (fixture->window), SHIRABE_TYPE_RECENT_VIEW);
  AdwActionRow *row;

  /* With nothing opened yet, the welcome page shows no empty group. */
  g_assert_false (gtk_widget_get_visible (view));

  open_project (fixture, first);
  open_project (fixture, second);

  g_assert_true (gtk_widget_get_visible (view));
  row = get_row (fixture, 0);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==,
                   "second.shirabe");
  g_assert_cmpstr (adw_action_row_get_subtitle (row), ==, fixture->dir);
  row = get_row (fixture, 1);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==,
                   "first.shirabe");
  g_assert_null (get_row (fixture, 2));

  saved = g_settings_get_strv (fixture->settings, "recent-projects");
  g_assert_cmpuint (g_strv_length (saved), ==, 2);
  g_assert_cmpstr (saved[0], ==, second_uri);
  g_assert_cmpstr (saved[1], ==, first_uri);

  /* Opening the first again moves it back to the top, without a second row. */
  open_project (fixture, first);
  g_clear_pointer (&saved, g_strfreev);
  saved = g_settings_get_strv (fixture->settings, "recent-projects");
  g_assert_cmpuint (g_strv_length (saved), ==, 2);
  g_assert_cmpstr (saved[0], ==, first_uri);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (get_row (fixture, 0))),
                   ==, "first.shirabe");
}

static void
test_the_folder_under_home_is_shown_with_a_tilde (Fixture       *fixture,
                                                  gconstpointer  data)
{
  g_autofree char *path = g_build_filename (g_get_home_dir (), "Research", "study.shirabe",
                                            NULL);
  g_autofree char *uri = uri_of (path);
  const char *uris[] = { uri, NULL };

  g_settings_set_strv (fixture->settings, "recent-projects", uris);
  wait_until_idle ();
  g_assert_cmpstr (adw_action_row_get_subtitle (get_row (fixture, 0)), ==, "~/Research");
}

static void
test_the_list_keeps_ten_projects (Fixture       *fixture,
                                  gconstpointer  data)
{
  g_auto(GStrv) saved = NULL;
  g_autofree char *last_uri = NULL;

  for (guint i = 0; i < SHIRABE_RECENT_PROJECTS_MAX + 2; i++)
    {
      g_autofree char *name = g_strdup_printf ("p%u.shirabe", i);
      g_autofree char *path = make_project (fixture, name);

      open_project (fixture, path);
      g_free (last_uri);
      last_uri = uri_of (path);
    }
  saved = g_settings_get_strv (fixture->settings, "recent-projects");
  g_assert_cmpuint (g_strv_length (saved), ==, SHIRABE_RECENT_PROJECTS_MAX);
  g_assert_cmpstr (saved[0], ==, last_uri);
}

static void
test_a_missing_file_offers_removal (Fixture       *fixture,
                                    gconstpointer  data)
{
  g_autofree char *kept = make_project (fixture, "kept.shirabe");
  g_autofree char *gone = g_build_filename (fixture->dir, "gone.shirabe", NULL);
  g_autofree char *kept_uri = uri_of (kept);
  g_autofree char *gone_uri = uri_of (gone);
  const char *uris[] = { gone_uri, kept_uri, NULL };
  g_auto(GStrv) saved = NULL;
  AdwActionRow *row;
  GtkWidget *button;

  g_settings_set_strv (fixture->settings, "recent-projects", uris);
  wait_until_idle ();

  row = get_row (fixture, 0);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==,
                   "gone.shirabe");
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (row), "recent-missing"));
  button = find_widget (GTK_WIDGET (row), GTK_TYPE_BUTTON);
  g_assert_nonnull (button);
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (button)), ==, "_Remove from List");
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (get_row (fixture, 1)),
                                            "recent-missing"));
  g_assert_null (find_widget (GTK_WIDGET (get_row (fixture, 1)), GTK_TYPE_BUTTON));

  g_signal_emit_by_name (button, "clicked");
  wait_until_idle ();

  saved = g_settings_get_strv (fixture->settings, "recent-projects");
  g_assert_cmpuint (g_strv_length (saved), ==, 1);
  g_assert_cmpstr (saved[0], ==, kept_uri);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (get_row (fixture, 0))),
                   ==, "kept.shirabe");
  g_assert_null (get_row (fixture, 1));
}

static void
test_activating_a_row_opens_the_project (Fixture       *fixture,
                                         gconstpointer  data)
{
  g_autofree char *path = make_project (fixture, "study.shirabe");
  g_autofree char *uri = uri_of (path);
  const char *uris[] = { uri, NULL };

  g_settings_set_strv (fixture->settings, "recent-projects", uris);
  wait_until_idle ();
  g_assert_null (shirabe_window_get_project (fixture->window));
  g_signal_emit_by_name (get_row (fixture, 0), "activate");
  wait_until_idle ();
  g_assert_nonnull (shirabe_window_get_project (fixture->window));
  g_assert_cmpstr (shirabe_project_get_path (shirabe_window_get_project (fixture->window)), ==,
                   path);
}

static void
test_a_project_that_fails_to_open_as_missing_leaves_the_list (Fixture       *fixture,
                                                             gconstpointer  data)
{
  g_autofree char *gone = g_build_filename (fixture->dir, "gone.shirabe", NULL);
  g_autofree char *gone_uri = uri_of (gone);
  const char *uris[] = { gone_uri, NULL };
  g_auto(GStrv) saved = NULL;
  GListModel *toplevels = gtk_window_get_toplevels ();
  GtkWidget *view = find_widget (GTK_WIDGET (fixture->window), SHIRABE_TYPE_RECENT_VIEW);
  gboolean dialog_shown = FALSE;

  g_settings_set_strv (fixture->settings, "recent-projects", uris);
  wait_until_idle ();
  g_signal_emit_by_name (get_row (fixture, 0), "activate");
  wait_until_idle ();

  saved = g_settings_get_strv (fixture->settings, "recent-projects");
  g_assert_cmpuint (g_strv_length (saved), ==, 0);
  g_assert_false (gtk_widget_get_visible (view));
  for (guint i = g_list_model_get_n_items (toplevels); i > 0; i--)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i - 1);

      if (ADW_IS_MESSAGE_DIALOG (window))
        {
          dialog_shown = TRUE;
          gtk_window_destroy (window);
        }
    }
  g_assert_true (dialog_shown);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

#define ADD(name, func) \
  g_test_add (name, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/app/recent/opened-projects-are-listed-most-recent-first",
       test_opened_projects_are_listed_most_recent_first);
  ADD ("/app/recent/the-folder-under-home-is-shown-with-a-tilde",
       test_the_folder_under_home_is_shown_with_a_tilde);
  ADD ("/app/recent/the-list-keeps-ten-projects", test_the_list_keeps_ten_projects);
  ADD ("/app/recent/a-missing-file-offers-removal", test_a_missing_file_offers_removal);
  ADD ("/app/recent/activating-a-row-opens-the-project",
       test_activating_a_row_opens_the_project);
  ADD ("/app/recent/a-project-that-fails-to-open-as-missing-leaves-the-list",
       test_a_project_that_fails_to_open_as_missing_leaves_the_list);
#undef ADD

  return g_test_run ();
}
