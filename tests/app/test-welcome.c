/* test-welcome.c: the sample project, new projects from a template, the codebook exported
 *
 * The actions end in file choosers; these tests call what the actions call once a file is
 * chosen.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "shirabe-i18n.h"

#include <string.h>

#include <glib/gstdio.h>

#include "shirabe.h"
#include "shirabe-new-project.h"
#include "shirabe-sample.h"
#include "shirabe-template.h"
#include "shirabe-window.h"
#include "shirabe-window-private.h"
#include "app-test-util.h"

typedef struct
{
  char          *dir;
  ShirabeWindow *window;
} Fixture;

static char *data_home;

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("shirabe-welcome-test-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->window = g_object_ref_sink (shirabe_window_new (NULL));
  gtk_window_present (GTK_WINDOW (fixture->window));
  wait_until_idle ();
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autofree char *samples = g_build_filename (data_home, "shirabe", NULL);

  gtk_window_destroy (GTK_WINDOW (fixture->window));
  g_clear_object (&fixture->window);
  wait_until_idle ();
  rm_rf (fixture->dir);
  rm_rf (samples);
  g_free (fixture->dir);
}

static guint
count_rows (GPtrArray *array)
{
  guint n;

  g_assert_nonnull (array);
  n = array->len;
  g_ptr_array_unref (array);
  return n;
}

static GPtrArray *
list_samples (void)
{
  g_autofree char *folder = g_build_filename (data_home, "shirabe", NULL);
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_prefix (name, "sample-") && g_str_has_suffix (name, ".shirabe"))
      g_ptr_array_add (names, g_build_filename (folder, name, NULL));
  return names;
}

static void
test_exploring_the_sample_opens_a_fresh_copy (Fixture       *fixture,
                                              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) samples = NULL;
  g_autofree char *first_path = NULL;
  ShirabeProject *project;

  g_assert_true (shirabe_window_open_sample (fixture->window, NULL, &error));
  g_assert_no_error (error);
  project = shirabe_window_get_project (fixture->window);
  g_assert_nonnull (project);
  g_assert_cmpuint (count_rows (shirabe_project_list_cases (project, NULL)), >=, 8);
  g_assert_cmpuint (count_rows (shirabe_project_list_codings (project, 0, NULL)), >, 0);
  /* The sample is where the user starts, not a step they could undo. */
  g_assert_false (shirabe_history_get_can_undo (shirabe_project_get_history (project)));
  first_path = g_strdup (shirabe_project_get_path (project));
  g_assert_true (g_str_has_prefix (first_path, data_home));

  /* Exploring again never reuses the first copy, which the user may have coded. */
  g_assert_true (shirabe_window_open_sample (fixture->window, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (shirabe_project_get_path (shirabe_window_get_project (fixture->window)), !=,
                   first_path);
  samples = list_samples ();
  g_assert_cmpuint (samples->len, ==, 2);
  g_assert_true (g_file_test (first_path, G_FILE_TEST_IS_REGULAR));
}

static void
test_the_prebuilt_sample_is_copied_not_opened (Fixture       *fixture,
                                               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ShirabeProject) built = NULL;
  g_autofree char *prebuilt = g_build_filename (fixture->dir, "sample.shirabe", NULL);
  ShirabeProject *project;
  g_autofree char *name = NULL;

  built = shirabe_project_create (prebuilt, NULL, SHIRABE_PROJECT_NO_HISTORY, &error);
  g_assert_no_error (error);
  shirabe_project_build_sample (built, NULL, &error);
  g_assert_no_error (error);
  shirabe_project_set_name (built, "Prebuilt Sample", &error);
  g_assert_no_error (error);
  shirabe_project_close (built, &error);
  g_assert_no_error (error);

  g_assert_true (shirabe_window_open_sample (fixture->window, prebuilt, &error));
  g_assert_no_error (error);
  project = shirabe_window_get_project (fixture->window);
  name = shirabe_project_dup_name (project);
  g_assert_cmpstr (name, ==, "Prebuilt Sample");
  g_assert_true (g_str_has_prefix (shirabe_project_get_path (project), data_home));
  g_assert_cmpuint (count_rows (shirabe_project_list_narratives (project, 0, NULL)), >=, 8);
}

static void
test_the_template_dialog_names_templates_in_the_interface_language (Fixture       *fixture,
                                                                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ShirabeTemplate) tip = shirabe_template_load ("tip", &error);
  GtkWidget *dialog;
  GtkWidget *drop_down;
  GListModel *model;
  gboolean found = FALSE;

  g_assert_no_error (error);
  dialog = shirabe_template_dialog_new (GTK_WINDOW (fixture->window), &error);
  g_assert_no_error (error);
  drop_down = adw_message_dialog_get_extra_child (ADW_MESSAGE_DIALOG (dialog));
  model = gtk_drop_down_get_model (GTK_DROP_DOWN (drop_down));
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    if (g_strcmp0 (gtk_string_list_get_string (GTK_STRING_LIST (model), i),
                   shirabe_template_get_name (tip, SHIRABE_LANGUAGE_EN)) == 0)
      {
        gtk_drop_down_set_selected (GTK_DROP_DOWN (drop_down), i);
        found = TRUE;
      }
  g_assert_true (found);
  g_assert_cmpstr (shirabe_template_dialog_get_selected (dialog), ==, "tip");
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static void
test_a_project_from_the_template_has_its_codes (Fixture       *fixture,
                                                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (fixture->dir, "Field study", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(ShirabeTemplate) tip = shirabe_template_load ("tip", &error);
  ShirabeProject *project;
  g_autofree char *name = NULL;

  g_assert_no_error (error);
  g_assert_true (shirabe_window_create_from_template (fixture->window, file, "tip", &error));
  g_assert_no_error (error);
  project = shirabe_window_get_project (fixture->window);
  g_assert_nonnull (project);
  g_assert_true (g_str_has_suffix (shirabe_project_get_path (project), "Field study.shirabe"));
  name = shirabe_project_dup_name (project);
  g_assert_cmpstr (name, ==, "Field study");
  g_assert_cmpuint (count_rows (shirabe_project_list_codes (project, NULL)), ==,
                    shirabe_template_get_codes (tip)->len);
  g_assert_false (shirabe_history_get_can_undo (shirabe_project_get_history (project)));

  /* The file exists now: a second project of that name is refused, and the first is kept. */
  g_assert_false (shirabe_window_create_from_template (fixture->window, file, "tip", &error));
  g_assert_error (error, SHIRABE_ERROR, SHIRABE_ERROR_EXISTS);
}

static void
test_exporting_the_codebook_writes_a_template (Fixture       *fixture,
                                               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *project_path = g_build_filename (fixture->dir, "study.shirabe", NULL);
  g_autofree char *export_path = g_build_filename (fixture->dir, "my scheme", NULL);
  g_autofree char *written = g_strconcat (export_path, ".json", NULL);
  g_autoptr(GFile) project_file = g_file_new_for_path (project_path);
  g_autoptr(GFile) export_file = g_file_new_for_path (export_path);
  g_autoptr(ShirabeTemplate) exported = NULL;

  g_assert_true (shirabe_window_create_from_template (fixture->window, project_file, "tip",
                                                      &error));
  g_assert_no_error (error);
  g_assert_true (shirabe_window_export_template (fixture->window, export_file, &error));
  g_assert_no_error (error);
  exported = shirabe_template_new_from_file (written, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (shirabe_template_get_codes (exported)->len, ==,
                    count_rows (shirabe_project_list_codes (
                      shirabe_window_get_project (fixture->window), NULL)));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  /* Before GLib reads it: the copies of the sample go to a folder of the test's own. */
  data_home = g_dir_make_tmp ("shirabe-welcome-data-XXXXXX", &error);
  g_assert_no_error (error);
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

#define ADD(name, func) \
  g_test_add (name, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/app/welcome/exploring-the-sample-opens-a-fresh-copy",
       test_exploring_the_sample_opens_a_fresh_copy);
  ADD ("/app/welcome/the-prebuilt-sample-is-copied-not-opened",
       test_the_prebuilt_sample_is_copied_not_opened);
  ADD ("/app/welcome/the-template-dialog-names-templates-in-the-interface-language",
       test_the_template_dialog_names_templates_in_the_interface_language);
  ADD ("/app/welcome/a-project-from-the-template-has-its-codes",
       test_a_project_from_the_template_has_its_codes);
  ADD ("/app/welcome/exporting-the-codebook-writes-a-template",
       test_exporting_the_codebook_writes_a_template);
#undef ADD

  status = g_test_run ();
  rm_rf (data_home);
  g_free (data_home);
  return status;
}
