/* test-changes.c: what the "changed" signal says an edit, an undo and a redo changed
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "shirabe-i18n.h"

#include "shirabe-apply-code.h"
#include "test-util.h"

static const char text[] = "She was told she could not go home until the debt was paid.";

typedef struct
{
  TestDir         dir;
  ShirabeProject *project;
  gint64          narrative_id;
  gint64          debt_id;
  gint64          passport_id;
  GPtrArray      *seen;   /* ShirabeChanges, one per emission */
} Fixture;

static void
on_changed (ShirabeProject *project,
            ShirabeChanges *changes,
            Fixture        *fixture)
{
  g_ptr_array_add (fixture->seen, shirabe_changes_ref (changes));
}

static gint64
add_code (ShirabeProject *project,
          const char     *label)
{
  g_autoptr(GError) error = NULL;
  ShirabeCodeSpec spec = { .label_en = label };
  gint64 id = shirabe_project_add_code (project, &spec, &error);

  g_assert_no_error (error);
  return id;
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  test_dir_setup (&fixture->dir, data);
  fixture->project = test_project_with_text (&fixture->dir, text, &fixture->narrative_id);
  fixture->debt_id = add_code (fixture->project, "Debt bondage");
  fixture->passport_id = add_code (fixture->project, "Passport taken");
  fixture->seen = g_ptr_array_new_with_free_func ((GDestroyNotify) shirabe_changes_unref);
  g_signal_connect (fixture->project, "changed", G_CALLBACK (on_changed), fixture);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  g_clear_object (&fixture->project);
  g_ptr_array_unref (fixture->seen);
  test_dir_teardown (&fixture->dir, data);
}

/* The one emission since the last call. */
static ShirabeChanges *
take_changes (Fixture *fixture)
{
  ShirabeChanges *changes;

  g_assert_cmpuint (fixture->seen->len, ==, 1);
  changes = g_ptr_array_steal_index (fixture->seen, 0);
  return changes;
}

static const ShirabeCodingChange *
only_coding_change (ShirabeChanges *changes)
{
  const ShirabeCodingChange *codings;
  guint n_codings;

  codings = shirabe_changes_get_codings (changes, &n_codings);
  g_assert_cmpuint (n_codings, ==, 1);
  return &codings[0];
}

static void
test_apply_undo_redo (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ShirabeChanges) applied = NULL;
  g_autoptr(ShirabeChanges) again = NULL;
  g_autoptr(ShirabeChanges) undone = NULL;
  g_autoptr(ShirabeChanges) redone = NULL;
  const ShirabeCodingChange *change;
  gint64 coding_id;

  /* The first coding by a coder adds the coder too. */
  coding_id = shirabe_project_apply_code (fixture->project, fixture->narrative_id,
                                          fixture->debt_id, "Sato", 3, 10, NULL, &error);
  g_assert_no_error (error);
  applied = take_changes (fixture);
  g_assert_true (shirabe_changes_is_known (applied));
  g_assert_cmpint (shirabe_changes_get_tables (applied), ==,
                   SHIRABE_TABLE_CODING | SHIRABE_TABLE_CODER);
  g_assert_true (shirabe_changes_only (applied, SHIRABE_TABLE_CODING | SHIRABE_TABLE_CODER));
  g_assert_false (shirabe_changes_only (applied, SHIRABE_TABLE_CODING));
  change = only_coding_change (applied);
  g_assert_cmpint (change->change, ==, SHIRABE_ROW_INSERTED);
  g_assert_cmpint (change->coding_id, ==, coding_id);
  g_assert_cmpint (change->narrative_id, ==, fixture->narrative_id);
  g_assert_cmpint (change->new_code_id, ==, fixture->debt_id);
  g_assert_cmpint (change->old_code_id, ==, 0);

  /* The second one touches codings only. */
  shirabe_project_apply_code (fixture->project, fixture->narrative_id, fixture->passport_id,
                              "Sato", 12, 20, NULL, &error);
  g_assert_no_error (error);
  again = take_changes (fixture);
  g_assert_cmpint (shirabe_changes_get_tables (again), ==, SHIRABE_TABLE_CODING);

  g_assert_true (shirabe_project_undo (fixture->project, &error));
  g_assert_no_error (error);
  g_clear_pointer (&again, shirabe_changes_unref);
  again = take_changes (fixture);
  g_assert_true (shirabe_project_undo (fixture->project, &error));
  g_assert_no_error (error);
  undone = take_changes (fixture);
  g_assert_true (shirabe_changes_touches (undone, SHIRABE_TABLE_CODING));
  g_assert_false (shirabe_changes_touches (undone, SHIRABE_TABLE_CODE | SHIRABE_TABLE_NARRATIVE));
  {
    const ShirabeCodingChange *codings;
    guint n_codings;
    gboolean found = FALSE;

    codings = shirabe_changes_get_codings (undone, &n_codings);
    for (guint i = 0; i < n_codings; i++)
      if (codings[i].coding_id == coding_id)
        {
          g_assert_cmpint (codings[i].change, ==, SHIRABE_ROW_DELETED);
          g_assert_cmpint (codings[i].narrative_id, ==, fixture->narrative_id);
          g_assert_cmpint (codings[i].old_code_id, ==, fixture->debt_id);
          g_assert_cmpint (codings[i].new_code_id, ==, 0);
          found = TRUE;
        }
    g_assert_true (found);
  }

  g_assert_true (shirabe_project_redo (fixture->project, &error));
  g_assert_no_error (error);
  redone = take_changes (fixture);
  change = only_coding_change (redone);
  g_assert_cmpint (change->change, ==, SHIRABE_ROW_INSERTED);
  g_assert_cmpint (change->coding_id, ==, coding_id);
  g_assert_cmpint (change->new_code_id, ==, fixture->debt_id);
}

static void
test_update_names_what_moved (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ShirabeChanges) applied = NULL;
  g_autoptr(ShirabeChanges) moved = NULL;
  g_autoptr(ShirabeChanges) memo = NULL;
  const ShirabeCodingChange *change;
  gint64 coding_id;

  coding_id = shirabe_project_apply_code (fixture->project, fixture->narrative_id,
                                          fixture->debt_id, "Sato", 3, 10, NULL, &error);
  g_assert_no_error (error);
  applied = take_changes (fixture);

  g_assert_true (shirabe_project_set_coding_code (fixture->project, coding_id,
                                                  fixture->passport_id, &error));
  g_assert_no_error (error);
  moved = take_changes (fixture);
  change = only_coding_change (moved);
  g_assert_cmpint (change->change, ==, SHIRABE_ROW_UPDATED);
  g_assert_cmpint (change->coding_id, ==, coding_id);
  g_assert_cmpint (change->old_code_id, ==, fixture->debt_id);
  g_assert_cmpint (change->new_code_id, ==, fixture->passport_id);
  /* The narrative did not change, so the changeset does not name it. */
  g_assert_cmpint (change->narrative_id, ==, 0);

  g_assert_true (shirabe_project_set_coding_memo (fixture->project, coding_id, "note", &error));
  g_assert_no_error (error);
  memo = take_changes (fixture);
  change = only_coding_change (memo);
  g_assert_cmpint (change->change, ==, SHIRABE_ROW_UPDATED);
  g_assert_cmpint (change->old_code_id, ==, 0);
  g_assert_cmpint (change->new_code_id, ==, 0);
}

/* Deleting a code lists the codings its cascade took, so counts can follow. */
static void
test_cascade_is_listed (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ShirabeChanges) deleted = NULL;
  const ShirabeCodingChange *codings;
  guint n_codings;

  for (int i = 0; i < 3; i++)
    {
      shirabe_project_apply_code (fixture->project, fixture->narrative_id, fixture->debt_id,
                                  "Sato", i * 5, i * 5 + 3, NULL, &error);
      g_assert_no_error (error);
    }
  g_ptr_array_set_size (fixture->seen, 0);

  g_assert_true (shirabe_project_delete_code (fixture->project, fixture->debt_id, &error));
  g_assert_no_error (error);
  deleted = take_changes (fixture);
  g_assert_true (shirabe_changes_touches (deleted, SHIRABE_TABLE_CODE));
  g_assert_false (shirabe_changes_only (deleted, SHIRABE_TABLE_CODING | SHIRABE_TABLE_CODER));
  codings = shirabe_changes_get_codings (deleted, &n_codings);
  g_assert_cmpuint (n_codings, ==, 3);
  for (guint i = 0; i < n_codings; i++)
    {
      g_assert_cmpint (codings[i].change, ==, SHIRABE_ROW_DELETED);
      g_assert_cmpint (codings[i].old_code_id, ==, fixture->debt_id);
    }
}

/* Without a history nothing is recorded: the changes say they could be anything. */
static void
test_without_history_is_unknown (TestDir       *dir,
                                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = test_dir_path (dir, "plain.shirabe");
  g_autoptr(ShirabeProject) project = NULL;
  g_autoptr(GPtrArray) seen = g_ptr_array_new_with_free_func ((GDestroyNotify) shirabe_changes_unref);
  Fixture fake = { .seen = seen };
  ShirabeChanges *changes;

  project = shirabe_project_create (path, "Plain", SHIRABE_PROJECT_NO_HISTORY, &error);
  g_assert_no_error (error);
  g_signal_connect (project, "changed", G_CALLBACK (on_changed), &fake);
  add_code (project, "Debt bondage");
  g_assert_cmpuint (seen->len, ==, 1);
  changes = g_ptr_array_index (seen, 0);
  g_assert_false (shirabe_changes_is_known (changes));
  g_assert_true (shirabe_changes_touches (changes, SHIRABE_TABLE_ATTRIBUTE_VALUE));
  g_assert_false (shirabe_changes_only (changes, SHIRABE_TABLE_ALL));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/changes/apply-undo-redo", Fixture, NULL, fixture_setup, test_apply_undo_redo,
              fixture_teardown);
  g_test_add ("/changes/update-names-what-moved", Fixture, NULL, fixture_setup,
              test_update_names_what_moved, fixture_teardown);
  g_test_add ("/changes/code-deletion-lists-its-codings", Fixture, NULL, fixture_setup,
              test_cascade_is_listed, fixture_teardown);
  g_test_add ("/changes/without-history-is-unknown", TestDir, NULL, test_dir_setup,
              test_without_history_is_unknown, test_dir_teardown);
  return g_test_run ();
}
