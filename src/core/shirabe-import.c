/* shirabe-import.c: importing plain-text files as narratives
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "shirabe-i18n.h"

#include <string.h>

#include <glib/gstdio.h>

#include "shirabe-case.h"
#include "shirabe-import.h"
#include "shirabe-narrative.h"
#include "shirabe-project-private.h"
#include "shirabe-text.h"

void
shirabe_import_result_free (ShirabeImportResult *self)
{
  if (self == NULL)
    return;
  g_free (self->path);
  g_free (self->encoding);
  g_clear_error (&self->error);
  g_free (self);
}

/* "interview_07.txt" → "interview_07"; a name that is all extension keeps it. */
static char *
title_from_path (const char *path)
{
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *display = g_filename_display_name (base);
  char *dot = strrchr (display, '.');

  if (dot != NULL && dot != display)
    *dot = '\0';
  return g_steal_pointer (&display);
}

/* Reads a file whole after checking that it is a regular file under the size limit. */
static char *
read_file (const char  *path,
           const char  *display,
           gsize        max_size,
           gsize       *size,
           GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  GStatBuf st;
  char *data = NULL;

  if (g_stat (path, &st) != 0)
    {
      int saved_errno = errno;
      g_set_error (error, SHIRABE_ERROR,
                   saved_errno == ENOENT ? SHIRABE_ERROR_NOT_FOUND : SHIRABE_ERROR_FAILED,
                   _("“%s” cannot be read: %s"), display, g_strerror (saved_errno));
      return NULL;
    }
  if (!S_ISREG (st.st_mode))
    {
      g_set_error (error, SHIRABE_ERROR, SHIRABE_ERROR_INVALID,
                   _("“%s” is not a regular file"), display);
      return NULL;
    }
  if ((guint64) st.st_size > max_size)
    {
      g_autofree char *size_text = g_format_size (st.st_size);
      g_autofree char *limit_text = g_format_size (max_size);
      g_set_error (error, SHIRABE_ERROR, SHIRABE_ERROR_TOO_LARGE,
                   _("“%s” is too large to import (%s; the limit is %s)"),
                   display, size_text, limit_text);
      return NULL;
    }
  if (!g_file_get_contents (path, &data, size, &local_error))
    {
      g_set_error (error, SHIRABE_ERROR, SHIRABE_ERROR_FAILED,
                   _("“%s” cannot be read: %s"), display, local_error->message);
      return NULL;
    }
  return data;
}

static gint64
import_one (ShirabeProject              *project,
            const char                  *path,
            const ShirabeImportOptions  *options,
            gsize                        max_size,
            gint64                       fixed_case_id,
            char                       **encoding,
            GError                     **error)
{
  g_autofree char *display = g_filename_display_name (path);
  g_autofree char *title = title_from_path (path);
  g_autofree char *base = g_path_get_basename (display);
  g_autofree char *data = NULL;
  g_autofree char *text = NULL;
  ShirabeNarrativeSpec spec = { 0 };
  gsize size = 0;

  data = read_file (path, display, max_size, &size, error);
  if (data == NULL)
    return 0;
  text = shirabe_text_decode (data, size, options->forced_encoding, display, encoding, error);
  if (text == NULL)
    return 0;
  g_clear_pointer (&data, g_free);

  spec.case_id = fixed_case_id != 0 ? fixed_case_id
                                    : shirabe_project_ensure_case (project, title, error);
  if (spec.case_id == 0)
    return 0;
  spec.title = title;
  spec.language = options->language;
  spec.kind = options->kind;
  spec.text = text;
  /* The base name only: a full path would record the researcher's folders in the project. */
  spec.origin_file = base;
  spec.origin_encoding = *encoding;
  return shirabe_project_add_narrative (project, &spec, error);
}

int
shirabe_project_import_files (ShirabeProject              *project,
                              const char * const          *paths,
                              const ShirabeImportOptions  *options,
                              ShirabeImportProgress        progress,
                              gpointer                     progress_data,
                              GCancellable                *cancellable,
                              GPtrArray                  **results,
                              GError                     **error)
{
  static const ShirabeImportOptions default_options = { 0 };
  g_autoptr(GPtrArray) outcome = NULL;
  g_autofree char *label = NULL;
  gint64 fixed_case_id = 0;
  gsize max_size;
  guint n_paths;
  int n_imported = 0;

  g_return_val_if_fail (SHIRABE_IS_PROJECT (project), -1);
  g_return_val_if_fail (paths != NULL, -1);

  if (options == NULL)
    options = &default_options;
  max_size = options->max_size > 0 ? options->max_size : SHIRABE_TEXT_DEFAULT_MAX_SIZE;
  n_paths = g_strv_length ((char **) paths);
  outcome = g_ptr_array_new_with_free_func ((GDestroyNotify) shirabe_import_result_free);

  /* One transaction for the whole batch: a crash leaves all of it or none. */
  if (!shirabe_project_begin_edit (project, error))
    return -1;

  if (options->case_name != NULL)
    {
      fixed_case_id = shirabe_project_ensure_case (project, options->case_name, error);
      if (fixed_case_id == 0)
        {
          shirabe_project_end_edit (project, FALSE, NULL, NULL);
          return -1;
        }
    }

  for (guint i = 0; i < n_paths; i++)
    {
      ShirabeImportResult *result = g_new0 (ShirabeImportResult, 1);

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        {
          shirabe_import_result_free (result);
          g_clear_error (error);
          g_set_error_literal (error, SHIRABE_ERROR, SHIRABE_ERROR_CANCELLED,
                               _("The import was cancelled; nothing was imported"));
          shirabe_project_end_edit (project, FALSE, NULL, NULL);
          return -1;
        }

      result->path = g_strdup (paths[i]);
      result->narrative_id = import_one (project, paths[i], options, max_size, fixed_case_id,
                                         &result->encoding, &result->error);
      if (result->narrative_id != 0)
        n_imported++;
      else
        g_clear_pointer (&result->encoding, g_free);

      g_ptr_array_add (outcome, result);

      if (progress != NULL)
        progress (i + 1, n_paths, progress_data);
    }

  label = g_strdup_printf (ngettext ("Import %d file", "Import %d files", n_imported), n_imported);
  if (!shirabe_project_end_edit (project, TRUE, label, error))
    {
      for (guint i = 0; i < outcome->len; i++)
        ((ShirabeImportResult *) outcome->pdata[i])->narrative_id = 0;
      if (results != NULL)
        *results = g_steal_pointer (&outcome);
      return -1;
    }

  if (results != NULL)
    *results = g_steal_pointer (&outcome);
  return n_imported;
}
