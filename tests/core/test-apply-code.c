/* test-apply-code.c: coding as a named coder, in one undo step
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "test-util.h"

#include "shirabe-apply-code.h"

typedef struct
{
  TestDir         dir;
  ShirabeProject *project;
  gint64          narrative_id;
  gint64          code_id;
} Fixture;

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  ShirabeNarrativeSpec narrative = { 0 };
  ShirabeCodeSpec code = { 0 };

  test_dir_setup (&fixture->dir, data);
  path = test_dir_path (&fixture->dir, "study.shirabe");
  fixture->project = shirabe_project_create (path, "Study", SHIRABE_PROJECT_DEFAULT, &error);
  g_assert_no_error (error);
  narrative.case_id = shirabe_project_add_case (fixture->project, "Case A", &error);
  g_assert_no_error (error);
  narrative.title = "Interview";
  narrative.language = "ja";
  narrative.text = "借金を返すまで帰国できないと言われた。";
  fixture->narrative_id = shirabe_project_add_narrative (fixture->project, &narrative, &error);
  g_assert_no_error (error);
  code.label_en = "Debt bondage";
  fixture->code_id = shirabe_project_add_code (fixture->project, &code, &error);
  g_assert_no_error (error);
  shirabe_history_clear (shirabe_project_get_history (fixture->project));
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  g_clear_object (&fixture->project);
  test_dir_teardown (&fixture->dir, data);
}

static guint
count_coders (ShirabeProject *project)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) coders = shirabe_project_list_coders (project, &error);

  g_assert_no_error (error);
  return coders->len;
}

static void
test_new_coder_and_coding_are_one_undo_step (Fixture       *fixture,
                                             gconstpointer  data)
{
  ShirabeHistory *history = shirabe_project_get_history (fixture->project);
  g_autoptr(GError) error = NULL;
  g_autoptr(ShirabeCoding) coding = NULL;
  gint64 id;

  id = shirabe_project_apply_code (fixture->project, fixture->narrative_id, fixture->code_id,
                                   "佐藤 花子", 0, 7, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  coding = shirabe_project_get_coding (fixture->project, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (coding->coder_name, ==, "佐藤 花子");
  g_assert_cmpint (coding->start, ==, 0);
  g_assert_cmpint (coding->end, ==, 7);
  g_assert_cmpuint (count_coders (fixture->project), ==, 1);
  g_assert_cmpuint (shirabe_history_get_n_undo (history), ==, 1);
  g_assert_cmpstr (shirabe_history_get_undo_label (history), ==, "Apply code “Debt bondage”");

  shirabe_project_undo (fixture->project, &error);
  g_assert_no_error (error);
  g_assert_null (shirabe_project_get_coding (fixture->project, id, NULL));
  g_assert_cmpuint (count_coders (fixture->project), ==, 0);
}

static void
test_known_coder_is_reused (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  shirabe_project_apply_code (fixture->project, fixture->narrative_id, fixture->code_id,
                              "Coder", 0, 3, NULL, &error);
  g_assert_no_error (error);
  shirabe_project_apply_code (fixture->project, fixture->narrative_id, fixture->code_id,
                              "Coder", 4, 9, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (count_coders (fixture->project), ==, 1);
}

static void
test_refused_coding_leaves_no_coder (Fixture       *fixture,
                                     gconstpointer  data)
{
  ShirabeHistory *history = shirabe_project_get_history (fixture->project);
  g_autoptr(GError) error = NULL;
  gint64 id;

  /* Past the end of the text. */
  id = shirabe_project_apply_code (fixture->project, fixture->narrative_id, fixture->code_id,
                                   "Coder", 5, 500, NULL, &error);
  g_assert_error (error, SHIRABE_ERROR, SHIRABE_ERROR_INVALID);
  g_assert_cmpint (id, ==, 0);
  g_assert_cmpuint (count_coders (fixture->project), ==, 0);
  g_assert_false (shirabe_history_get_can_undo (history));
}

static void
test_unknown_code_is_refused (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (shirabe_project_apply_code (fixture->project, fixture->narrative_id, 9999,
                                               "Coder", 0, 3, NULL, &error), ==, 0);
  g_assert_error (error, SHIRABE_ERROR, SHIRABE_ERROR_NOT_FOUND);
  g_assert_cmpuint (count_coders (fixture->project), ==, 0);
}

static guint
count_codes (ShirabeProject *project)
{
  g_autoptr(GPtrArray) codes = shirabe_project_list_codes (project, NULL);

  return codes->len;
}

static void
test_new_code_from_selection_is_one_undo_step (Fixture       *fixture,
                                               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ShirabeCoding) coding = NULL;
  ShirabeHistory *history = shirabe_project_get_history (fixture->project);
  ShirabeCodeSpec spec = { .label_ja = "旅券の取り上げ" };
  gint64 code_id = 0;
  gint64 id;

  id = shirabe_project_apply_new_code (fixture->project, fixture->narrative_id, &spec, "Coder",
                                       0, 3, &code_id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  g_assert_cmpint (code_id, >, 0);
  coding = shirabe_project_get_coding (fixture->project, id, &error);
  g_assert_cmpint (coding->code_id, ==, code_id);
  g_assert_cmpuint (count_codes (fixture->project), ==, 2);
  g_assert_cmpuint (shirabe_history_get_n_undo (history), ==, 1);
  g_assert_cmpstr (shirabe_history_get_undo_label (history), ==,
                   "New code “旅券の取り上げ” from the selection");

  g_assert_true (shirabe_project_undo (fixture->project, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_codes (fixture->project), ==, 1);
  g_assert_cmpuint (count_coders (fixture->project), ==, 0);

  /* A refused passage leaves no code behind. */
  g_assert_cmpint (shirabe_project_apply_new_code (fixture->project, fixture->narrative_id, &spec,
                                                   "Coder", 5, 500, NULL, &error), ==, 0);
  g_assert_error (error, SHIRABE_ERROR, SHIRABE_ERROR_INVALID);
  g_assert_cmpuint (count_codes (fixture->project), ==, 1);
}

static void
test_an_exact_duplicate_is_refused (Fixture       *fixture,
                                    gconstpointer  data)
{
  ShirabeHistory *history = shirabe_project_get_history (fixture->project);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) codings = NULL;
  gint64 id;

  id = shirabe_project_apply_code (fixture->project, fixture->narrative_id, fixture->code_id,
                                   "Aiko", 0, 7, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);

  /* The same code, passage and coder again: refused, saying so, with nothing added. */
  id = shirabe_project_apply_code (fixture->project, fixture->narrative_id, fixture->code_id,
                                   "Aiko", 0, 7, NULL, &error);
  g_assert_error (error, SHIRABE_ERROR, SHIRABE_ERROR_EXISTS);
  g_assert_cmpint (id, ==, 0);
  g_assert_cmpstr (error->message, ==, "“Debt bondage” is already applied to the passage 0–7 by "
                   "this coder; nothing was added");
  g_clear_error (&error);
  g_assert_cmpuint (shirabe_history_get_n_undo (history), ==, 1);

  /* Another coder, or another passage, is a coding of its own. */
  g_assert_cmpint (shirabe_project_apply_code (fixture->project, fixture->narrative_id,
                                               fixture->code_id, "Ben", 0, 7, NULL, &error),
                   >, 0);
  g_assert_cmpint (shirabe_project_apply_code (fixture->project, fixture->narrative_id,
                                               fixture->code_id, "Aiko", 0, 8, NULL, &error),
                   >, 0);
  g_assert_no_error (error);
  codings = shirabe_project_list_codings (fixture->project, fixture->narrative_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (codings->len, ==, 3);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(name, func) g_test_add (name, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/core/apply-code/a-new-coder-and-the-coding-are-one-undo-step",
       test_new_coder_and_coding_are_one_undo_step);
  ADD ("/core/apply-code/a-known-coder-is-reused", test_known_coder_is_reused);
  ADD ("/core/apply-code/a-refused-coding-leaves-no-coder", test_refused_coding_leaves_no_coder);
  ADD ("/core/apply-code/an-unknown-code-is-refused", test_unknown_code_is_refused);
  ADD ("/core/apply-code/an-exact-duplicate-is-refused", test_an_exact_duplicate_is_refused);
  ADD ("/core/apply-code/new-code-from-selection-is-one-undo-step",
       test_new_code_from_selection_is_one_undo_step);
#undef ADD

  return g_test_run ();
}
