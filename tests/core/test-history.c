/* test-history.c: undo and redo of every kind of edit
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "test-util.h"

static guint
count_codings (ShirabeProject *project)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) codings = shirabe_project_list_codings (project, 0, &error);

  g_assert_no_error (error);
  return codings->len;
}

static guint
count_codes (ShirabeProject *project)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) codes = shirabe_project_list_codes (project, &error);

  g_assert_no_error (error);
  return codes->len;
}

static void
test_delete_code_undo_restores_codings (TestDir       *fixture,
                                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ShirabeProject) project = NULL;
  g_autoptr(ShirabeCoding) restored = NULL;
  ShirabeHistory *history;
  ShirabeCodeSpec spec = { 0 };
  gint64 narrative_id, control, debt, threats, coder, kept, first_coding;

  project = test_project_with_text (fixture, "借金があると言われ、家族を脅された。", &narrative_id);
  history = shirabe_project_get_history (project);
  coder = shirabe_project_ensure_coder (project, "Aiko", &error);

  spec.label_en = "Means of control";
  control = shirabe_project_add_code (project, &spec, &error);
  spec = (ShirabeCodeSpec) { .parent_id = control, .label_en = "Debt bondage" };
  debt = shirabe_project_add_code (project, &spec, &error);
  spec = (ShirabeCodeSpec) { .parent_id = control, .label_en = "Threats" };
  threats = shirabe_project_add_code (project, &spec, &error);
  spec = (ShirabeCodeSpec) { .label_en = "Kept" };
  kept = shirabe_project_add_code (project, &spec, &error);
  g_assert_no_error (error);

  first_coding = shirabe_project_add_coding (project, narrative_id, debt, coder, 0, 4, "memo 1",
                                             &error);
  shirabe_project_add_coding (project, narrative_id, threats, coder, 10, 16, NULL, &error);
  shirabe_project_add_coding (project, narrative_id, control, coder, 0, 17, NULL, &error);
  shirabe_project_add_coding (project, narrative_id, kept, coder, 2, 3, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (count_codings (project), ==, 4);
  g_assert_cmpuint (shirabe_project_count_code_codings (project, control, &error), ==, 3);

  g_assert_true (shirabe_project_delete_code (project, control, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_codes (project), ==, 1);
  g_assert_cmpuint (count_codings (project), ==, 1);
  g_assert_cmpstr (shirabe_history_get_undo_label (history), ==, "Delete code “Means of control”");

  g_assert_true (shirabe_project_undo (project, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_codes (project), ==, 4);
  g_assert_cmpuint (count_codings (project), ==, 4);
  /* The same rows come back: ids, memo and all. */
  restored = shirabe_project_get_coding (project, first_coding, &error);
  g_assert_no_error (error);
  g_assert_cmpint (restored->code_id, ==, debt);
  g_assert_cmpstr (restored->memo, ==, "memo 1");
  g_assert_true (shirabe_history_get_can_redo (history));

  g_assert_true (shirabe_project_redo (project, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_codes (project), ==, 1);
  g_assert_cmpuint (count_codings (project), ==, 1);

  g_assert_true (shirabe_project_undo (project, &error));
  g_assert_cmpuint (count_codings (project), ==, 4);
  g_assert_no_error (error);
}

static void
test_every_edit_undoes (TestDir       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ShirabeProject) project = NULL;
  g_autoptr(ShirabeCode) code = NULL;
  g_autoptr(ShirabeCoding) coding = NULL;
  g_autoptr(ShirabeNarrative) narrative = NULL;
  g_autoptr(GPtrArray) values = NULL;
  ShirabeHistory *history;
  ShirabeCodeSpec spec = { .label_en = "Recruitment", .color = "#3584E4" };
  gint64 narrative_id, code_id, coder, coding_id, age, case_id;

  project = test_project_with_text (fixture, "She answered an advertisement.", &narrative_id);
  history = shirabe_project_get_history (project);
  case_id = shirabe_project_find_case (project, "Case A", &error);
  coder = shirabe_project_ensure_coder (project, "Ben", &error);
  code_id = shirabe_project_add_code (project, &spec, &error);
  coding_id = shirabe_project_add_coding (project, narrative_id, code_id, coder, 4, 12, NULL,
                                          &error);
  age = shirabe_project_add_attribute (project, SHIRABE_SCOPE_CASE, "Age", "年齢", NULL,
                                       SHIRABE_ATTRIBUTE_INTEGER, NULL, &error);
  g_assert_no_error (error);

  /* Each edit, then undo, returns the old value; redo brings the new one back. */
  g_assert_true (shirabe_project_set_code_label (project, code_id, SHIRABE_LANGUAGE_JA, "勧誘",
                                                 &error));
  g_assert_true (shirabe_project_set_code_color (project, code_id, "#E01B24", &error));
  g_assert_true (shirabe_project_set_coding_memo (project, coding_id, "online ad", &error));
  g_assert_true (shirabe_project_set_narrative_status (project, narrative_id,
                                                       SHIRABE_STATUS_IN_PROGRESS, &error));
  g_assert_true (shirabe_project_set_attribute_value (project, age, case_id, "23", &error));
  g_assert_no_error (error);

  g_assert_cmpstr (shirabe_history_get_undo_label (history), ==, "Set “Age”");
  g_assert_true (shirabe_project_undo (project, &error));
  values = shirabe_project_list_attribute_values (project, SHIRABE_SCOPE_CASE, case_id, &error);
  g_assert_null (((ShirabeAttributeValue *) values->pdata[0])->value);

  g_assert_true (shirabe_project_undo (project, &error));
  narrative = shirabe_project_get_narrative (project, narrative_id, &error);
  g_assert_cmpint (narrative->status, ==, SHIRABE_STATUS_TO_DO);

  g_assert_true (shirabe_project_undo (project, &error));
  coding = shirabe_project_get_coding (project, coding_id, &error);
  g_assert_cmpstr (coding->memo, ==, "");

  g_assert_true (shirabe_project_undo (project, &error));
  g_assert_true (shirabe_project_undo (project, &error));
  code = shirabe_project_get_code (project, code_id, &error);
  g_assert_cmpstr (code->color, ==, "#3584E4");
  g_assert_cmpstr (code->label_ja, ==, "");
  g_assert_no_error (error);

  g_assert_true (shirabe_project_redo (project, &error));
  g_clear_pointer (&code, shirabe_code_free);
  code = shirabe_project_get_code (project, code_id, &error);
  g_assert_cmpstr (code->label_ja, ==, "勧誘");
  g_assert_cmpstr (shirabe_history_get_redo_label (history), ==, "Change code colour");

  /* A new edit forgets what could be redone. */
  g_assert_true (shirabe_project_remove_coding (project, coding_id, &error));
  g_assert_false (shirabe_history_get_can_redo (history));
  g_assert_false (shirabe_project_redo (project, &error));
  g_assert_error (error, SHIRABE_ERROR, SHIRABE_ERROR_NOTHING_TO_UNDO);
  g_clear_error (&error);

  g_assert_true (shirabe_project_undo (project, &error));
  g_assert_cmpuint (count_codings (project), ==, 1);

  /* Everything back to the empty project. */
  while (shirabe_history_get_can_undo (history))
    {
      g_assert_true (shirabe_project_undo (project, &error));
      g_assert_no_error (error);
    }
  g_assert_cmpuint (count_codes (project), ==, 0);
  g_assert_cmpuint (count_codings (project), ==, 0);
}

/* An undone import leaves nothing in the full-text index either. */
static void
test_undo_keeps_search_index_in_step (TestDir       *fixture,
                                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ShirabeProject) project = NULL;
  g_auto(GStrv) problems = NULL;
  gint64 narrative_id;

  project = test_project_with_text (fixture, "入管に収容された後、大使館に保護された。",
                                    &narrative_id);
  g_assert_true (shirabe_project_delete_narrative (project, narrative_id, &error));
  g_assert_true (shirabe_project_undo (project, &error));
  g_assert_true (shirabe_project_undo (project, &error));
  g_assert_true (shirabe_project_redo (project, &error));
  g_assert_no_error (error);
  g_assert_true (shirabe_project_check (project, &problems, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (problems), ==, 0);
}

static char *
dup_coding_memo (ShirabeProject *project,
                 gint64          coding_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ShirabeCoding) coding = shirabe_project_get_coding (project, coding_id, &error);

  g_assert_no_error (error);
  return g_strdup (coding->memo != NULL ? coding->memo : "");
}

/* A memo saved several times as it is written (after each pause, then on close) is one undo
 * step; another key, or an undo between, makes a new one. */
static void
test_saves_under_one_key_are_one_step (TestDir       *fixture,
                                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ShirabeProject) project = NULL;
  ShirabeHistory *history;
  ShirabeCodeSpec spec = { .label_en = "Debt bondage" };
  gint64 narrative_id, coder, code, coding;
  guint n_before;
  char *memo;

  project = test_project_with_text (fixture, "借金があると言われた。", &narrative_id);
  history = shirabe_project_get_history (project);
  coder = shirabe_project_ensure_coder (project, "Aiko", &error);
  code = shirabe_project_add_code (project, &spec, &error);
  coding = shirabe_project_add_coding (project, narrative_id, code, coder, 0, 2, NULL, &error);
  g_assert_no_error (error);
  n_before = shirabe_history_get_n_undo (history);

  shirabe_project_set_step_key (project, "memo-1");
  g_assert_true (shirabe_project_set_coding_memo (project, coding, "She", &error));
  shirabe_project_set_step_key (project, "memo-1");
  g_assert_true (shirabe_project_set_coding_memo (project, coding, "She owed", &error));
  shirabe_project_set_step_key (project, "memo-1");
  g_assert_true (shirabe_project_set_coding_memo (project, coding, "She owed 3M yen", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (shirabe_history_get_n_undo (history), ==, n_before + 1);
  g_assert_cmpstr (shirabe_history_get_undo_label (history), ==, "Edit coding memo");

  /* One undo takes the whole memo back; redo brings the last text. */
  g_assert_true (shirabe_project_undo (project, &error));
  g_assert_no_error (error);
  memo = dup_coding_memo (project, coding);
  g_assert_cmpstr (memo, ==, "");
  g_free (memo);
  g_assert_cmpuint (shirabe_history_get_n_undo (history), ==, n_before);
  g_assert_true (shirabe_project_redo (project, &error));
  memo = dup_coding_memo (project, coding);
  g_assert_cmpstr (memo, ==, "She owed 3M yen");
  g_free (memo);

  /* A key holds for one edit: a save without it is a step of its own. */
  g_assert_true (shirabe_project_set_coding_memo (project, coding, "Edited later", &error));
  g_assert_cmpuint (shirabe_history_get_n_undo (history), ==, n_before + 2);
  /* Another key is another step, as is the same key after an undo. */
  shirabe_project_set_step_key (project, "memo-2");
  g_assert_true (shirabe_project_set_coding_memo (project, coding, "A", &error));
  g_assert_cmpuint (shirabe_history_get_n_undo (history), ==, n_before + 3);
  g_assert_true (shirabe_project_undo (project, &error));
  shirabe_project_set_step_key (project, "memo-2");
  g_assert_true (shirabe_project_set_coding_memo (project, coding, "B", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (shirabe_history_get_n_undo (history), ==, n_before + 3);
  g_assert_true (shirabe_project_undo (project, &error));
  memo = dup_coding_memo (project, coding);
  g_assert_cmpstr (memo, ==, "Edited later");
  g_free (memo);
}

static void
assert_quick_keys (ShirabeProject *project,
                   gint64 a, gint64 b, gint64 c, gint64 d, gint64 e)
{
  g_autoptr(GError) error = NULL;
  gint64 codes[SHIRABE_N_QUICK_KEYS];

  g_assert_true (shirabe_project_get_quick_keys (project, codes, &error));
  g_assert_no_error (error);
  g_assert_cmpint (codes[0], ==, a);
  g_assert_cmpint (codes[1], ==, b);
  g_assert_cmpint (codes[2], ==, c);
  g_assert_cmpint (codes[3], ==, d);
  g_assert_cmpint (codes[4], ==, e);
  for (guint i = 5; i < SHIRABE_N_QUICK_KEYS; i++)
    g_assert_cmpint (codes[i], ==, 0);
}

/* Number keys default to the codable codes in tree order; any key can be given to any code,
 * kept in the project, undoable (issue 10, bug 5). */
static void
test_number_keys_are_assigned (TestDir       *fixture,
                               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ShirabeProject) project = NULL;
  ShirabeHistory *history;
  ShirabeCodeSpec spec = { .label_en = "Means of control", .not_codable = TRUE };
  gint64 narrative_id, category, debt, threats, route;

  project = test_project_with_text (fixture, "借金があると言われた。", &narrative_id);
  history = shirabe_project_get_history (project);
  category = shirabe_project_add_code (project, &spec, &error);
  spec = (ShirabeCodeSpec) { .parent_id = category, .label_en = "Debt" };
  debt = shirabe_project_add_code (project, &spec, &error);
  spec = (ShirabeCodeSpec) { .parent_id = category, .label_en = "Threats" };
  threats = shirabe_project_add_code (project, &spec, &error);
  spec = (ShirabeCodeSpec) { .label_en = "Route" };
  route = shirabe_project_add_code (project, &spec, &error);
  g_assert_no_error (error);
  shirabe_history_clear (history);

  /* The category takes no key. */
  assert_quick_keys (project, debt, threats, route, 0, 0);

  /* Route to 1: it leaves 3; Debt keeps nothing; Threats keeps 2. */
  g_assert_true (shirabe_project_set_quick_key (project, 1, route, &error));
  g_assert_no_error (error);
  assert_quick_keys (project, route, threats, 0, 0, 0);
  g_assert_cmpstr (shirabe_history_get_undo_label (history), ==, "Assign key 1 to “Route”");
  g_assert_true (shirabe_project_set_quick_key (project, 5, debt, &error));
  assert_quick_keys (project, route, threats, 0, 0, debt);
  g_assert_true (shirabe_project_set_quick_key (project, 2, 0, &error));
  assert_quick_keys (project, route, 0, 0, 0, debt);

  /* Refused: a category, a key past 9. */
  g_assert_false (shirabe_project_set_quick_key (project, 3, category, &error));
  g_assert_error (error, SHIRABE_ERROR, SHIRABE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (shirabe_project_set_quick_key (project, 10, debt, &error));
  g_assert_error (error, SHIRABE_ERROR, SHIRABE_ERROR_INVALID);
  g_clear_error (&error);

  /* A code deleted loses its key; undo brings both back. */
  g_assert_true (shirabe_project_delete_code (project, debt, &error));
  assert_quick_keys (project, route, 0, 0, 0, 0);
  g_assert_true (shirabe_project_undo (project, &error));
  assert_quick_keys (project, route, 0, 0, 0, debt);

  /* Undone to the start, the keys are the tree's again. */
  for (guint i = 0; i < 3; i++)
    g_assert_true (shirabe_project_undo (project, &error));
  g_assert_no_error (error);
  assert_quick_keys (project, debt, threats, route, 0, 0);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, TestDir, NULL, test_dir_setup, func, test_dir_teardown)

  ADD ("/core/history/delete-code-then-undo-restores-its-codings",
       test_delete_code_undo_restores_codings);
  ADD ("/core/history/every-edit-undoes-and-redoes", test_every_edit_undoes);
  ADD ("/core/history/saves-under-one-key-are-one-step", test_saves_under_one_key_are_one_step);
  ADD ("/core/history/number-keys-are-assigned", test_number_keys_are_assigned);
  ADD ("/core/history/undo-keeps-the-search-index-in-step", test_undo_keeps_search_index_in_step);

  return g_test_run ();
}
