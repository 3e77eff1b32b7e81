/* shirabe-new-project.c: new project files, from a coding scheme template or as the sample
 *
 * Both are built with history off and closed before the window opens them, so that a new
 * project does not start with an undo step that would empty it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "shirabe-i18n.h"

#include <errno.h>

#include <unistd.h>

#include <glib/gstdio.h>

#include "shirabe-code-item.h"
#include "shirabe-new-project.h"
#include "shirabe-output.h"
#include "shirabe-sample.h"
#include "shirabe-template.h"

#define TEMPLATE_IDS_KEY "shirabe-template-ids"

char *
shirabe_find_prebuilt_sample (void)
{
  const char *env = g_getenv ("SHIRABE_SAMPLE_DIR");
  g_autofree char *path = g_build_filename (SHIRABE_DATADIR, "sample.shirabe", NULL);

  if (env != NULL && *env != '\0')
    return NULL;
  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    return NULL;
  return g_steal_pointer (&path);
}

/* $XDG_DATA_HOME/shirabe/sample-2026-04-01.shirabe, or -2, -3… when taken. */
static char *
next_sample_path (GError **error)
{
  g_autofree char *dir = g_build_filename (g_get_user_data_dir (), "shirabe", NULL);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *date = g_date_time_format (now, "%Y-%m-%d");
  g_autofree char *display = g_filename_display_name (dir);

  if (g_mkdir_with_parents (dir, 0755) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, SHIRABE_ERROR, SHIRABE_ERROR_FAILED,
                   _("The folder “%s” cannot be created: %s"), display, g_strerror (saved_errno));
      return NULL;
    }
  for (guint n = 1; n < 10000; n++)
    {
      g_autofree char *name = n == 1 ? g_strdup_printf ("sample-%s.shirabe", date)
                                     : g_strdup_printf ("sample-%s-%u.shirabe", date, n);
      g_autofree char *path = g_build_filename (dir, name, NULL);

      if (!g_file_test (path, G_FILE_TEST_EXISTS))
        return g_steal_pointer (&path);
    }
  g_set_error (error, SHIRABE_ERROR, SHIRABE_ERROR_EXISTS,
               _("The folder “%s” already holds too many copies of the sample project"), display);
  return NULL;
}

static gboolean
fill_sample (ShirabeProject  *project,
             gpointer         user_data,
             GError         **error)
{
  return shirabe_project_build_sample (project, NULL, error);
}

/* Built under a temporary name, it appears whole or not at all. */
static gboolean
build_sample (const char  *path,
              GError     **error)
{
  return shirabe_project_create_file (path, NULL, fill_sample, NULL, error);
}

static gboolean
copy_sample (const char  *prebuilt,
             const char  *path,
             GError     **error)
{
  g_autoptr(GFile) source = g_file_new_for_path (prebuilt);
  g_autoptr(GFile) target = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *tmp_name = g_strdup_printf (".%s.XXXXXX", base);
  g_autofree char *tmp_path = g_build_filename (dir, tmp_name, NULL);
  int fd;

  /* Copied under a temporary name of our own, then given its name without replacing
   * anything: a copy cut short never shows as a project. The installed file is read-only for
   * the user; the copy takes the usual permissions. */
  fd = g_mkstemp (tmp_path);
  if (fd >= 0)
    {
      close (fd);
      target = g_file_new_for_path (tmp_path);
      if (g_file_copy (source, target, G_FILE_COPY_OVERWRITE | G_FILE_COPY_TARGET_DEFAULT_PERMS,
                       NULL, NULL, NULL, &local_error) &&
          shirabe_output_publish (tmp_path, path, error))
        return TRUE;
      g_unlink (tmp_path);
      if (local_error == NULL)
        return FALSE;
    }
  else
    g_set_error_literal (&local_error, G_IO_ERROR, g_io_error_from_errno (errno),
                         g_strerror (errno));
  {
    g_autofree char *display = g_filename_display_name (path);

    g_set_error (error, SHIRABE_ERROR, SHIRABE_ERROR_FAILED,
                 _("The sample project cannot be copied to “%s”: %s"),
                 display, local_error->message);
  }
  return FALSE;
}

char *
shirabe_new_sample_project (const char  *prebuilt,
                            GError     **error)
{
  g_autofree char *path = next_sample_path (error);

  if (path == NULL)
    return NULL;
  if (prebuilt != NULL ? !copy_sample (prebuilt, path, error) : !build_sample (path, error))
    return NULL;
  return g_steal_pointer (&path);
}

static gboolean
fill_from_template (ShirabeProject  *project,
                    gpointer         user_data,
                    GError         **error)
{
  return shirabe_project_apply_template_file (project, user_data,
                                              SHIRABE_TEMPLATE_APPLY_DEFAULT, NULL, error);
}

/* Built under a temporary name: the project appears with its codes, or not at all. */
gboolean
shirabe_new_project_from_template (const char  *path,
                                   const char  *name,
                                   const char  *template_name,
                                   GError     **error)
{
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (template_name != NULL, FALSE);

  return shirabe_project_create_file (path, name, fill_from_template, (gpointer) template_name,
                                      error);
}

GtkWidget *
shirabe_template_dialog_new (GtkWindow  *parent,
                             GError    **error)
{
  g_auto(GStrv) names = shirabe_template_list_names ();
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  ShirabeLanguage language = shirabe_label_language_default () == SHIRABE_LABEL_LANGUAGE_JA
                             ? SHIRABE_LANGUAGE_JA : SHIRABE_LANGUAGE_EN;
  GtkWidget *dialog;
  GtkWidget *drop_down;

  for (guint i = 0; names != NULL && names[i] != NULL; i++)
    {
      g_autoptr(ShirabeTemplate) template_ = shirabe_template_load (names[i], NULL);

      /* A broken file is left out here; `shirabe-cli templates` says what is wrong with it. */
      if (template_ == NULL)
        continue;
      g_ptr_array_add (ids, g_strdup (names[i]));
      gtk_string_list_append (labels, shirabe_template_get_name (template_, language));
    }
  if (ids->len == 0)
    {
      g_set_error_literal (error, SHIRABE_ERROR, SHIRABE_ERROR_NOT_FOUND,
                           _("No coding scheme template is installed"));
      return NULL;
    }
  g_ptr_array_add (ids, NULL);

  dialog = adw_message_dialog_new (parent, _("New Project from Template"),
                                   _("The project starts with the codes and case attributes of "
                                     "the coding scheme you choose."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "choose", _("C_hoose Location…"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "choose",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "choose");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");

  drop_down = gtk_drop_down_new (G_LIST_MODEL (g_steal_pointer (&labels)), NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (drop_down),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Coding scheme"), -1);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), drop_down);
  g_object_set_data_full (G_OBJECT (dialog), TEMPLATE_IDS_KEY,
                          g_ptr_array_free (g_steal_pointer (&ids), FALSE),
                          (GDestroyNotify) g_strfreev);
  return dialog;
}

const char *
shirabe_template_dialog_get_selected (GtkWidget *dialog)
{
  char **ids = g_object_get_data (G_OBJECT (dialog), TEMPLATE_IDS_KEY);
  GtkWidget *drop_down = adw_message_dialog_get_extra_child (ADW_MESSAGE_DIALOG (dialog));
  guint selected;

  g_return_val_if_fail (ids != NULL && GTK_IS_DROP_DOWN (drop_down), NULL);

  selected = gtk_drop_down_get_selected (GTK_DROP_DOWN (drop_down));
  if (selected == GTK_INVALID_LIST_POSITION || selected >= g_strv_length (ids))
    return NULL;
  return ids[selected];
}
