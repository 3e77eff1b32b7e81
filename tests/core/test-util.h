/* test-util.h: what the core tests share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib/gstdio.h>

#include "shirabe.h"

/* A fresh private folder per test, removed with its files at the end. */
typedef struct
{
  char *dir;
} TestDir;

static inline void
test_dir_rm_rf (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir != NULL)
    while ((name = g_dir_read_name (dir)) != NULL)
      {
        g_autofree char *child = g_build_filename (path, name, NULL);
        if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
          test_dir_rm_rf (child);
        else
          g_unlink (child);
      }
  g_rmdir (path);
}

static inline void
test_dir_setup (TestDir       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("shirabe-test-XXXXXX", &error);
  g_assert_no_error (error);
}

static inline void
test_dir_teardown (TestDir       *fixture,
                   gconstpointer  data)
{
  test_dir_rm_rf (fixture->dir);
  g_free (fixture->dir);
}

static inline char *
test_dir_path (TestDir    *fixture,
               const char *name)
{
  return g_build_filename (fixture->dir, name, NULL);
}

static inline char *
test_checksum_file (const char *path)
{
  g_autofree char *data = NULL;
  gsize size = 0;

  g_assert_true (g_file_get_contents (path, &data, &size, NULL));
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) data, size);
}

/* A project with one case and one narrative holding @text. */
static inline ShirabeProject *
test_project_with_text (TestDir     *fixture,
                        const char  *text,
                        gint64      *narrative_id)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = test_dir_path (fixture, "test.shirabe");
  ShirabeProject *project = shirabe_project_create (path, "Test", SHIRABE_PROJECT_DEFAULT, &error);
  ShirabeNarrativeSpec spec = { 0 };

  g_assert_no_error (error);
  spec.case_id = shirabe_project_add_case (project, "Case A", &error);
  g_assert_no_error (error);
  spec.title = "Interview 1";
  spec.language = "ja";
  spec.text = text;
  *narrative_id = shirabe_project_add_narrative (project, &spec, &error);
  g_assert_no_error (error);
  return project;
}
