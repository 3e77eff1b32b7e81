/* test-organise.c: merging and ordering cases, moving narratives, each one undo step
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "test-util.h"

#include "shirabe-apply-code.h"

typedef struct
{
  TestDir         dir;
  ShirabeProject *project;
  gint64          case_a, case_b;
  gint64          narrative_a, narrative_b;
  gint64          nationality;
} Fixture;

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  ShirabeNarrativeSpec spec = { .language = "ja", .text = "旅券を取り上げられた。" };
  ShirabeCodeSpec code = { .label_en = "Passport taken" };
  gint64 code_id;

  test_dir_setup (&fixture->dir, data);
  path = test_dir_path (&fixture->dir, "study.shirabe");
  fixture->project = shirabe_project_create (path, "Study", SHIRABE_PROJECT_DEFAULT, &error);
  g_assert_no_error (error);
  fixture->case_a = shirabe_project_add_case (fixture->project, "A", &error);
  fixture->case_b = shirabe_project_add_case (fixture->project, "B", &error);
  spec.case_id = fixture->case_a;
  spec.title = "Interview";
  fixture->narrative_a = shirabe_project_add_narrative (fixture->project, &spec, &error);
  spec.case_id = fixture->case_b;
  spec.title = "NGO record";
  fixture->narrative_b = shirabe_project_add_narrative (fixture->project, &spec, &error);
  code_id = shirabe_project_add_code (fixture->project, &code, &error);
  shirabe_project_apply_code (fixture->project, fixture->narrative_b, code_id, "Aiko", 0, 2,
                              NULL, &error);
  fixture->nationality = shirabe_project_add_attribute (fixture->project, SHIRABE_SCOPE_CASE,
                                                        "Nationality", NULL, "nationality",
                                                        SHIRABE_ATTRIBUTE_TEXT, NULL, &error);
  shirabe_project_set_attribute_value (fixture->project, fixture->nationality, fixture->case_a,
                                       "Thai", &error);
  shirabe_project_set_attribute_value (fixture->project, fixture->nationality, fixture->case_b,
                                       "Thailand", &error);
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

static char *
value_of (Fixture *fixture,
          gint64   case_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) values = shirabe_project_list_attribute_values (fixture->project,
                                                                       SHIRABE_SCOPE_CASE,
                                                                       case_id, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < values->len; i++)
    {
      ShirabeAttributeValue *value = g_ptr_array_index (values, i);

      if (value->attribute_id == fixture->nationality)
        return g_strdup (value->value);
    }
  return NULL;
}

static void
test_a_merge_is_one_undo_step (Fixture       *fixture,
                               gconstpointer  data)
{
  ShirabeHistory *history = shirabe_project_get_history (fixture->project);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) conflicts = NULL;
  g_autoptr(GPtrArray) cases = NULL;
  g_autoptr(ShirabeNarrative) moved = NULL;
  g_autofree char *value = NULL;

  conflicts = shirabe_project_find_merge_conflicts (fixture->project, fixture->case_a,
                                                    fixture->case_b, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (conflicts->len, ==, 1);
  g_assert_cmpstr (((ShirabeMergeConflict *) conflicts->pdata[0])->into_value, ==, "Thai");
  g_assert_cmpstr (((ShirabeMergeConflict *) conflicts->pdata[0])->from_value, ==, "Thailand");

  g_assert_true (shirabe_project_merge_cases (fixture->project, fixture->case_a, fixture->case_b,
                                              SHIRABE_MERGE_TAKE_FROM, &error));
  g_assert_no_error (error);
  cases = shirabe_project_list_cases (fixture->project, &error);
  g_assert_cmpuint (cases->len, ==, 1);
  g_assert_cmpuint (((ShirabeCase *) cases->pdata[0])->n_narratives, ==, 2);
  g_assert_cmpuint (((ShirabeCase *) cases->pdata[0])->n_codings, ==, 1);
  value = value_of (fixture, fixture->case_a);
  g_assert_cmpstr (value, ==, "Thailand");
  moved = shirabe_project_get_narrative (fixture->project, fixture->narrative_b, &error);
  g_assert_cmpint (moved->case_id, ==, fixture->case_a);
  g_assert_cmpint (moved->position, ==, 1);

  /* One undo brings case B back whole, with its narrative, coding and value. */
  g_assert_cmpuint (shirabe_history_get_n_undo (history), ==, 1);
  g_assert_true (shirabe_project_undo (fixture->project, &error));
  g_assert_no_error (error);
  g_clear_pointer (&cases, g_ptr_array_unref);
  cases = shirabe_project_list_cases (fixture->project, &error);
  g_assert_cmpuint (cases->len, ==, 2);
  g_clear_pointer (&value, g_free);
  value = value_of (fixture, fixture->case_b);
  g_assert_cmpstr (value, ==, "Thailand");
  g_clear_pointer (&value, g_free);
  value = value_of (fixture, fixture->case_a);
  g_assert_cmpstr (value, ==, "Thai");
  g_clear_pointer (&moved, shirabe_narrative_free);
  moved = shirabe_project_get_narrative (fixture->project, fixture->narrative_b, &error);
  g_assert_cmpint (moved->case_id, ==, fixture->case_b);
  g_assert_cmpuint (((ShirabeCase *) cases->pdata[1])->n_codings, ==, 1);

  /* A case is never merged into itself. */
  g_assert_false (shirabe_project_merge_cases (fixture->project, fixture->case_a,
                                               fixture->case_a, SHIRABE_MERGE_KEEP_INTO,
                                               &error));
  g_assert_error (error, SHIRABE_ERROR, SHIRABE_ERROR_INVALID);
}

static void
test_moves_and_translations (Fixture       *fixture,
                             gconstpointer  data)
{
  ShirabeHistory *history = shirabe_project_get_history (fixture->project);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) cases = NULL;
  g_autoptr(ShirabeNarrative) narrative = NULL;

  g_assert_true (shirabe_project_move_narrative (fixture->project, fixture->narrative_b,
                                                 fixture->case_a, &error));
  narrative = shirabe_project_get_narrative (fixture->project, fixture->narrative_b, &error);
  g_assert_cmpint (narrative->case_id, ==, fixture->case_a);
  g_assert_true (shirabe_project_undo (fixture->project, &error));
  g_clear_pointer (&narrative, shirabe_narrative_free);
  narrative = shirabe_project_get_narrative (fixture->project, fixture->narrative_b, &error);
  g_assert_cmpint (narrative->case_id, ==, fixture->case_b);

  g_assert_true (shirabe_project_move_case (fixture->project, fixture->case_b, 0, &error));
  cases = shirabe_project_list_cases (fixture->project, &error);
  g_assert_cmpstr (((ShirabeCase *) cases->pdata[0])->name, ==, "B");
  g_assert_cmpuint (shirabe_history_get_n_undo (history), ==, 1);

  /* Translations form a tree: no cycle, however long. */
  g_assert_true (shirabe_project_set_translation_of (fixture->project, fixture->narrative_b,
                                                     fixture->narrative_a, &error));
  g_assert_false (shirabe_project_set_translation_of (fixture->project, fixture->narrative_a,
                                                      fixture->narrative_b, &error));
  g_assert_error (error, SHIRABE_ERROR, SHIRABE_ERROR_INVALID);
}

/* A narrative's language, kind and original are set at once, one undo step; a bad tag or a
 * cycle changes nothing of the three. */
static void
test_narrative_details_are_one_step (Fixture       *fixture,
                                     gconstpointer  data)
{
  ShirabeHistory *history = shirabe_project_get_history (fixture->project);
  g_autoptr(GError) error = NULL;
  ShirabeNarrative *narrative;

  g_assert_true (shirabe_language_tag_is_valid ("pt-BR"));
  g_assert_true (shirabe_language_tag_is_valid ("zh-Hant-TW"));
  g_assert_false (shirabe_language_tag_is_valid ("Japanese language"));
  g_assert_false (shirabe_language_tag_is_valid ("j"));
  g_assert_false (shirabe_language_tag_is_valid ("en-"));

  g_assert_true (shirabe_project_set_narrative_details (fixture->project, fixture->narrative_b,
                                                        "th", "ngo-record",
                                                        fixture->narrative_a, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (shirabe_history_get_n_undo (history), ==, 1);
  g_assert_cmpstr (shirabe_history_get_undo_label (history), ==, "Change narrative details");
  narrative = shirabe_project_get_narrative (fixture->project, fixture->narrative_b, &error);
  g_assert_cmpstr (narrative->language, ==, "th");
  g_assert_cmpstr (narrative->kind, ==, "ngo-record");
  g_assert_cmpint (narrative->translation_of, ==, fixture->narrative_a);
  shirabe_narrative_free (narrative);

  /* Refused: a tag that is not one; a cycle (A a translation of its own translation). */
  g_assert_false (shirabe_project_set_narrative_details (fixture->project, fixture->narrative_b,
                                                         "タイ語", "", 0, &error));
  g_assert_error (error, SHIRABE_ERROR, SHIRABE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "“タイ語” is not a language tag"));
  g_clear_error (&error);
  g_assert_false (shirabe_project_set_narrative_details (fixture->project, fixture->narrative_a,
                                                         "en", "interview",
                                                         fixture->narrative_b, &error));
  g_assert_error (error, SHIRABE_ERROR, SHIRABE_ERROR_INVALID);
  g_clear_error (&error);
  narrative = shirabe_project_get_narrative (fixture->project, fixture->narrative_a, &error);
  g_assert_cmpstr (narrative->language, ==, "ja");
  g_assert_cmpstr (narrative->kind, ==, "");
  shirabe_narrative_free (narrative);
  g_assert_cmpuint (shirabe_history_get_n_undo (history), ==, 1);

  /* One undo takes all three back. */
  g_assert_true (shirabe_project_undo (fixture->project, &error));
  narrative = shirabe_project_get_narrative (fixture->project, fixture->narrative_b, &error);
  g_assert_cmpstr (narrative->language, ==, "ja");
  g_assert_cmpstr (narrative->kind, ==, "");
  g_assert_cmpint (narrative->translation_of, ==, 0);
  shirabe_narrative_free (narrative);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(name, func) \
  g_test_add ("/core/organise/" name, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("a-merge-is-one-undo-step", test_a_merge_is_one_undo_step);
  ADD ("moves-and-translations", test_moves_and_translations);
  ADD ("narrative-details-are-one-step", test_narrative_details_are_one_step);
#undef ADD

  return g_test_run ();
}
