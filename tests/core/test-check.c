/* test-check.c: the integrity check finds what went wrong in a project file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <sqlite3.h>

#include "test-util.h"

static void
damage (TestDir    *fixture,
        const char *sql)
{
  g_autofree char *path = test_dir_path (fixture, "test.shirabe");
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
}

static GStrv
check (TestDir *fixture)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = test_dir_path (fixture, "test.shirabe");
  g_autoptr(ShirabeProject) project = shirabe_project_open (path, SHIRABE_PROJECT_NO_HISTORY,
                                                            &error);
  GStrv problems = NULL;

  g_assert_no_error (error);
  g_assert_true (shirabe_project_check (project, &problems, &error));
  g_assert_no_error (error);
  return problems;
}

static void
test_sound_project_has_no_problems (TestDir       *fixture,
                                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ShirabeProject) project = NULL;
  g_auto(GStrv) problems = NULL;
  ShirabeCodeSpec spec = { .label_en = "Debt" };
  gint64 narrative_id, code_id;

  project = test_project_with_text (fixture, "借金は三百万円だと言われた。", &narrative_id);
  code_id = shirabe_project_add_code (project, &spec, &error);
  shirabe_project_add_coding (project, narrative_id, code_id,
                              shirabe_project_ensure_coder (project, "A", &error), 0, 2, NULL,
                              &error);
  g_assert_no_error (error);
  g_clear_object (&project);

  problems = check (fixture);
  g_assert_cmpuint (g_strv_length (problems), ==, 0);
}

static void
test_changed_text_and_bad_offsets_are_found (TestDir       *fixture,
                                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ShirabeProject) project = NULL;
  g_auto(GStrv) problems = NULL;
  g_autofree char *all = NULL;
  ShirabeCodeSpec spec = { .label_en = "Debt" };
  gint64 narrative_id, code_id, age;

  project = test_project_with_text (fixture, "借金は三百万円だと言われた。", &narrative_id);
  code_id = shirabe_project_add_code (project, &spec, &error);
  shirabe_project_add_coding (project, narrative_id, code_id,
                              shirabe_project_ensure_coder (project, "A", &error), 0, 2, NULL,
                              &error);
  age = shirabe_project_add_attribute (project, SHIRABE_SCOPE_CASE, "Age", NULL, NULL,
                                       SHIRABE_ATTRIBUTE_INTEGER, NULL, &error);
  shirabe_project_set_attribute_value (project, age, 1, "19", &error);
  g_assert_no_error (error);
  g_clear_object (&project);

  /* What another program, or a damaged disk, could leave behind. */
  damage (fixture, "UPDATE coding SET end = 400;"
                   "UPDATE narrative SET text = '借金は百万円だと言われた。', length = 13;"
                   "UPDATE attribute_value SET value = 'nineteen';");

  problems = check (fixture);
  all = g_strjoinv ("\n", problems);
  /* The text changed behind the core's back: its full-text entry no longer matches it either. */
  g_assert_cmpuint (g_strv_length (problems), ==, 4);
  g_assert_nonnull (strstr (all, "The full-text search index is out of step"));
  g_assert_nonnull (strstr (all, "Coding 1 (0–400) lies outside the narrative “Interview 1”"));
  g_assert_nonnull (strstr (all, "SHA-256"));
  g_assert_nonnull (strstr (all, "“nineteen” of attribute “Age”"));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, TestDir, NULL, test_dir_setup, func, test_dir_teardown)

  ADD ("/core/check/a-sound-project-has-no-problems", test_sound_project_has_no_problems);
  ADD ("/core/check/changed-text-and-bad-offsets-are-found",
       test_changed_text_and_bad_offsets_are_found);

  return g_test_run ();
}
