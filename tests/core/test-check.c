/* test-check.c: the integrity check finds what went wrong in a project file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

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

typedef struct
{
  GPtrArray    *stages;
  double        last_fraction;
  gboolean      ended;
  GCancellable *cancel_at_texts;
} Seen;

static void
on_progress (const char *stage,
             double      fraction,
             gpointer    user_data)
{
  Seen *seen = user_data;

  g_assert_cmpfloat (fraction, >=, seen->last_fraction);
  g_assert_cmpfloat (fraction, <=, 1.0);
  seen->last_fraction = fraction;
  if (stage == NULL)
    {
      seen->ended = TRUE;
      return;
    }
  if (seen->stages->len == 0 || g_strcmp0 (g_ptr_array_index (seen->stages,
                                                              seen->stages->len - 1), stage) != 0)
    g_ptr_array_add (seen->stages, g_strdup (stage));
  if (seen->cancel_at_texts != NULL && strstr (stage, "texts") != NULL)
    g_cancellable_cancel (seen->cancel_at_texts);
}

/* A long check says where it is, stage by stage, and stops when asked, leaving the file as
 * it was. */
static void
test_check_reports_progress_and_stops_when_cancelled (TestDir       *fixture,
                                                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = test_dir_path (fixture, "generated.shirabe");
  g_autoptr(ShirabeProject) project = shirabe_project_create (path, "Generated",
                                                              SHIRABE_PROJECT_NO_HISTORY, &error);
  g_autoptr(GPtrArray) stages = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  ShirabeGenerateOptions options = { 0 };
  Seen seen = { stages, 0, FALSE, NULL };
  g_auto(GStrv) problems = NULL;
  g_auto(GStrv) none = NULL;

  g_assert_no_error (error);
  options.n_narratives = 20;
  options.n_codings = 300;
  options.seed = 4;
  options.min_length = 300;
  options.max_length = 900;
  g_assert_true (shirabe_project_generate (project, &options, NULL, &error));
  g_assert_no_error (error);

  g_assert_true (shirabe_project_check_full (project, on_progress, &seen, NULL, &problems,
                                            &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (problems), ==, 0);
  g_assert_true (seen.ended);
  g_assert_cmpfloat (seen.last_fraction, ==, 1.0);
  g_assert_cmpuint (stages->len, ==, 8);
  g_assert_cmpstr (g_ptr_array_index (stages, 0), ==, "the database structure");
  g_assert_cmpstr (g_ptr_array_index (stages, 3), ==, "the narratives’ texts");

  /* Cancelled once it reaches the texts: the check ends with CANCELLED. */
  g_ptr_array_set_size (stages, 0);
  seen = (Seen) { stages, 0, FALSE, cancellable };
  g_assert_false (shirabe_project_check_full (project, on_progress, &seen, cancellable, &none,
                                             &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (none);
  g_assert_false (seen.ended);
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
  ADD ("/core/check/reports-progress-and-stops-when-cancelled",
       test_check_reports_progress_and_stops_when_cancelled);

  return g_test_run ();
}
