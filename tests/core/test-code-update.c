/* test-code-update.c: several fields of a code changed as one undo step
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "shirabe-code-update.h"
#include "test-util.h"

typedef struct
{
  TestDir         dir;
  ShirabeProject *project;
  gint64          code_id;
  gint64          other_id;
} Fixture;

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  ShirabeCodeSpec spec = { 0 };

  test_dir_setup (&fixture->dir, data);
  path = test_dir_path (&fixture->dir, "test.shirabe");
  fixture->project = shirabe_project_create (path, "Test", SHIRABE_PROJECT_DEFAULT, &error);
  g_assert_no_error (error);
  spec.label_en = "Debt bondage";
  spec.label_ja = "債務による拘束";
  spec.color = "#E01B24";
  spec.var_name = "debt_bondage";
  fixture->code_id = shirabe_project_add_code (fixture->project, &spec, &error);
  g_assert_no_error (error);
  spec.label_en = "Confiscated passport";
  spec.label_ja = NULL;
  spec.var_name = "passport";
  fixture->other_id = shirabe_project_add_code (fixture->project, &spec, &error);
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  g_clear_object (&fixture->project);
  test_dir_teardown (&fixture->dir, data);
}

static ShirabeCode *
get_code (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  ShirabeCode *code = shirabe_project_get_code (fixture->project, fixture->code_id, &error);

  g_assert_no_error (error);
  return code;
}

static void
test_every_field_is_one_undo_step (Fixture       *fixture,
                                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ShirabeCode) after = NULL;
  g_autoptr(ShirabeCode) undone = NULL;
  ShirabeHistory *history = shirabe_project_get_history (fixture->project);
  ShirabeCodeSpec changes = { 0 };

  changes.label_en = "Debt";
  changes.label_ja = "借金";
  changes.description_en = "Owing money to the employer.";
  changes.description_ja = "雇用主への借金。";
  changes.color = "#3584e4";
  changes.var_name = "debt";
  changes.not_codable = TRUE;
  g_assert_true (shirabe_project_update_code (fixture->project, fixture->code_id, &changes,
                                              &error));
  g_assert_no_error (error);

  after = get_code (fixture);
  g_assert_cmpstr (after->label_en, ==, "Debt");
  g_assert_cmpstr (after->label_ja, ==, "借金");
  g_assert_cmpstr (after->description_en, ==, "Owing money to the employer.");
  g_assert_cmpstr (after->description_ja, ==, "雇用主への借金。");
  g_assert_cmpstr (after->color, ==, "#3584E4");
  g_assert_cmpstr (after->var_name, ==, "debt");
  g_assert_false (after->codable);
  g_assert_cmpstr (shirabe_history_get_undo_label (history), ==, "Edit code “Debt”");

  g_assert_true (shirabe_project_undo (fixture->project, &error));
  g_assert_no_error (error);
  undone = get_code (fixture);
  g_assert_cmpstr (undone->label_en, ==, "Debt bondage");
  g_assert_cmpstr (undone->label_ja, ==, "債務による拘束");
  g_assert_cmpstr (undone->color, ==, "#E01B24");
  g_assert_cmpstr (undone->var_name, ==, "debt_bondage");
  g_assert_true (undone->codable);
  /* The two codes' own "add" steps remain; the edit was one step. */
  g_assert_cmpstr (shirabe_history_get_undo_label (history), !=, "Edit code “Debt”");
}

static void
test_a_refused_field_changes_nothing (Fixture       *fixture,
                                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ShirabeCode) after = NULL;
  ShirabeCodeSpec changes = { 0 };

  changes.label_en = "Debt";
  changes.var_name = "passport";   /* the other code's */
  g_assert_false (shirabe_project_update_code (fixture->project, fixture->code_id, &changes,
                                               &error));
  g_assert_error (error, SHIRABE_ERROR, SHIRABE_ERROR_EXISTS);
  after = get_code (fixture);
  g_assert_cmpstr (after->label_en, ==, "Debt bondage");
  g_assert_cmpstr (after->var_name, ==, "debt_bondage");

  g_clear_error (&error);
  changes.var_name = "not a name";
  g_assert_false (shirabe_project_update_code (fixture->project, fixture->code_id, &changes,
                                               &error));
  g_assert_error (error, SHIRABE_ERROR, SHIRABE_ERROR_INVALID);

  g_clear_error (&error);
  changes.var_name = NULL;
  changes.color = "red";
  g_assert_false (shirabe_project_update_code (fixture->project, fixture->code_id, &changes,
                                               &error));
  g_assert_error (error, SHIRABE_ERROR, SHIRABE_ERROR_INVALID);
}

static void
test_one_label_may_replace_the_other (Fixture       *fixture,
                                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ShirabeCode) after = NULL;
  ShirabeCodeSpec changes = { 0 };

  changes.label_en = "";
  changes.label_ja = "借金";
  g_assert_true (shirabe_project_update_code (fixture->project, fixture->code_id, &changes,
                                              &error));
  g_assert_no_error (error);
  after = get_code (fixture);
  g_assert_cmpstr (after->label_en, ==, "");
  g_assert_cmpstr (after->label_ja, ==, "借金");

  changes.label_ja = "";
  g_assert_false (shirabe_project_update_code (fixture->project, fixture->code_id, &changes,
                                               &error));
  g_assert_error (error, SHIRABE_ERROR, SHIRABE_ERROR_INVALID);
}

static void
test_no_change_records_no_step (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  ShirabeHistory *history = shirabe_project_get_history (fixture->project);
  g_autofree char *before = g_strdup (shirabe_history_get_undo_label (history));
  ShirabeCodeSpec changes = { 0 };

  changes.label_en = "Debt bondage";
  changes.color = "#e01b24";
  g_assert_true (shirabe_project_update_code (fixture->project, fixture->code_id, &changes,
                                              &error));
  g_assert_no_error (error);
  g_assert_cmpstr (shirabe_history_get_undo_label (history), ==, before);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(name, func) \
  g_test_add (name, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/core/code-update/every-field-is-one-undo-step", test_every_field_is_one_undo_step);
  ADD ("/core/code-update/a-refused-field-changes-nothing", test_a_refused_field_changes_nothing);
  ADD ("/core/code-update/one-label-may-replace-the-other", test_one_label_may_replace_the_other);
  ADD ("/core/code-update/no-change-records-no-step", test_no_change_records_no_step);
#undef ADD

  return g_test_run ();
}
