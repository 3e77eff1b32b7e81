/* test-narrative-list.c: the lazy list of narratives that the sidebar shows
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "test-util.h"

#include <sqlite3.h>

#include "shirabe-narrative-list.h"
#include "shirabe-project-private.h"

typedef struct
{
  guint position;
  guint removed;
  guint added;
  guint n_calls;
} Changes;

static void
on_items_changed (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  Changes    *changes)
{
  changes->position = position;
  changes->removed = removed;
  changes->added = added;
  changes->n_calls++;
}

static gint64
add_narrative (ShirabeProject *project,
               gint64          case_id,
               const char     *title,
               const char     *language)
{
  g_autoptr(GError) error = NULL;
  ShirabeNarrativeSpec spec = { 0 };
  gint64 id;

  spec.case_id = case_id;
  spec.title = title;
  spec.language = language;
  spec.text = "Some text of the narrative, long enough to be coded.";
  id = shirabe_project_add_narrative (project, &spec, &error);
  g_assert_no_error (error);
  return id;
}

/* Two cases: 田中 with two narratives, Rosa Lopez with one. */
static ShirabeProject *
small_project (TestDir *fixture,
               gint64  *ids)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = test_dir_path (fixture, "list.shirabe");
  ShirabeProject *project = shirabe_project_create (path, "List", SHIRABE_PROJECT_DEFAULT,
                                                    &error);
  gint64 tanaka;
  gint64 rosa;

  g_assert_no_error (error);
  tanaka = shirabe_project_add_case (project, "田中さん", &error);
  g_assert_no_error (error);
  rosa = shirabe_project_add_case (project, "Rosa Lopez", &error);
  g_assert_no_error (error);
  ids[0] = add_narrative (project, tanaka, "入管での聞き取り", "ja");
  ids[1] = add_narrative (project, tanaka, "NGO Intake Record", "en");
  ids[2] = add_narrative (project, rosa, "Embassy interview", "en");
  return project;
}

static char *
titles (GListModel *model)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(ShirabeNarrativeRow) row = g_list_model_get_item (model, i);

      g_string_append_printf (text, "%s%s%s", i > 0 ? "|" : "",
                              shirabe_narrative_row_is_case (row) ? "#" : "",
                              shirabe_narrative_row_get_title (row));
    }
  return g_string_free (text, FALSE);
}

static void
test_lists_cases_and_narratives_in_order (TestDir       *fixture,
                                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 ids[3];
  g_autoptr(ShirabeProject) project = small_project (fixture, ids);
  g_autoptr(ShirabeNarrativeList) flat = shirabe_narrative_list_new (project, FALSE, &error);
  g_autoptr(ShirabeNarrativeList) grouped = NULL;
  g_autoptr(ShirabeNarrativeRow) heading = NULL;
  g_autofree char *flat_titles = NULL;
  g_autofree char *grouped_titles = NULL;

  g_assert_no_error (error);
  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (flat)) == SHIRABE_TYPE_NARRATIVE_ROW);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (flat)), ==, 3);
  g_assert_cmpuint (shirabe_narrative_list_get_n_narratives (flat), ==, 3);
  flat_titles = titles (G_LIST_MODEL (flat));
  g_assert_cmpstr (flat_titles, ==, "入管での聞き取り|NGO Intake Record|Embassy interview");

  grouped = shirabe_narrative_list_new (project, TRUE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (grouped)), ==, 5);
  g_assert_cmpuint (shirabe_narrative_list_get_n_narratives (grouped), ==, 3);
  grouped_titles = titles (G_LIST_MODEL (grouped));
  g_assert_cmpstr (grouped_titles, ==,
                   "#田中さん|入管での聞き取り|NGO Intake Record|#Rosa Lopez|Embassy interview");
  heading = g_list_model_get_item (G_LIST_MODEL (grouped), 0);
  g_assert_cmpuint (shirabe_narrative_row_get_n_narratives (heading), ==, 2);
  g_assert_null (shirabe_narrative_row_get_narrative (heading));
  g_assert_cmpuint (shirabe_narrative_list_find (grouped, ids[2]), ==, 4);
  g_assert_cmpuint (shirabe_narrative_list_find (grouped, 999), ==, G_MAXUINT);
}

static void
test_rows_are_read_a_page_at_a_time (TestDir       *fixture,
                                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = test_dir_path (fixture, "many.shirabe");
  g_autoptr(ShirabeProject) project = shirabe_project_create (path, "Many",
                                                              SHIRABE_PROJECT_DEFAULT, &error);
  g_autoptr(ShirabeNarrativeList) list = NULL;
  g_autoptr(ShirabeNarrativeRow) first = NULL;
  g_autoptr(ShirabeNarrativeRow) last = NULL;
  gint64 case_id;

  g_assert_no_error (error);
  case_id = shirabe_project_add_case (project, "Case", &error);
  g_assert_no_error (error);
  for (guint i = 0; i < 450; i++)
    {
      g_autofree char *title = g_strdup_printf ("Narrative %03u", i);

      add_narrative (project, case_id, title, "en");
    }

  list = shirabe_narrative_list_new (project, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 450);
  g_assert_cmpuint (shirabe_narrative_list_get_n_loaded (list), ==, 0);

  first = g_list_model_get_item (G_LIST_MODEL (list), 0);
  g_assert_cmpstr (shirabe_narrative_row_get_title (first), ==, "Narrative 000");
  /* A page: about what a window shows. */
  g_assert_cmpuint (shirabe_narrative_list_get_n_loaded (list), ==, 32);

  last = g_list_model_get_item (G_LIST_MODEL (list), 449);
  g_assert_cmpstr (shirabe_narrative_row_get_title (last), ==, "Narrative 449");
  g_assert_cmpuint (shirabe_narrative_list_get_n_loaded (list), ==, 32 + 2);
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (list), 450));
}

static void
test_filter_matches_titles_and_cases (TestDir       *fixture,
                                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 ids[3];
  g_autoptr(ShirabeProject) project = small_project (fixture, ids);
  g_autoptr(ShirabeNarrativeList) list = shirabe_narrative_list_new (project, TRUE, &error);
  struct { const char *filter; const char *titles; } cases[] = {
    /* a Japanese substring of a title */
    { "聞き取り", "#田中さん|入管での聞き取り" },
    /* an English one, in another case */
    { "INTERVIEW", "#Rosa Lopez|Embassy interview" },
    /* full-width Latin letters find half-width ones */
    { "ｉｎｔａｋｅ", "#田中さん|NGO Intake Record" },
    /* a case's name lists all its narratives */
    { "田中", "#田中さん|入管での聞き取り|NGO Intake Record" },
    { "lopez", "#Rosa Lopez|Embassy interview" },
    { "nothing like this", "" },
    { "", "#田中さん|入管での聞き取り|NGO Intake Record|#Rosa Lopez|Embassy interview" },
  };

  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *shown = NULL;

      shirabe_narrative_list_set_filter (list, cases[i].filter, &error);
      g_assert_no_error (error);
      shown = titles (G_LIST_MODEL (list));
      g_assert_cmpstr (shown, ==, cases[i].titles);
    }
}

static void
test_status_filter (TestDir       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 ids[3];
  g_autoptr(ShirabeProject) project = small_project (fixture, ids);
  g_autoptr(ShirabeNarrativeList) list = shirabe_narrative_list_new (project, FALSE, &error);
  g_autofree char *done = NULL;
  g_autofree char *done_after_undo = NULL;
  Changes changes = { 0 };

  g_assert_no_error (error);
  shirabe_narrative_list_set_status_filter (list, SHIRABE_STATUS_DONE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 0);

  g_signal_connect (list, "items-changed", G_CALLBACK (on_items_changed), &changes);
  shirabe_project_set_narrative_status (project, ids[1], SHIRABE_STATUS_DONE, &error);
  g_assert_no_error (error);
  done = titles (G_LIST_MODEL (list));
  g_assert_cmpstr (done, ==, "NGO Intake Record");
  g_assert_cmpuint (changes.n_calls, ==, 1);
  g_assert_cmpuint (changes.added, ==, 1);

  shirabe_project_undo (project, &error);
  g_assert_no_error (error);
  done_after_undo = titles (G_LIST_MODEL (list));
  g_assert_cmpstr (done_after_undo, ==, "");
}

static void
test_edits_change_only_what_differs (TestDir       *fixture,
                                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 ids[3];
  g_autoptr(ShirabeProject) project = small_project (fixture, ids);
  g_autoptr(ShirabeNarrativeList) list = shirabe_narrative_list_new (project, TRUE, &error);
  g_autoptr(ShirabeNarrativeRow) held = NULL;
  g_autoptr(ShirabeNarrativeRow) added_row = NULL;
  ShirabeCodeSpec code = { 0 };
  Changes changes = { 0 };
  gint64 code_id;
  gint64 coder_id;
  gint64 rosa;
  gint64 new_id;

  g_assert_no_error (error);
  g_signal_connect (list, "items-changed", G_CALLBACK (on_items_changed), &changes);
  held = g_list_model_get_item (G_LIST_MODEL (list), 1);

  /* A coding and a status change move nothing: no items-changed, the held row updates. */
  code.label_en = "Debt";
  code_id = shirabe_project_add_code (project, &code, &error);
  g_assert_no_error (error);
  coder_id = shirabe_project_ensure_coder (project, "Aiko", &error);
  g_assert_no_error (error);
  shirabe_project_add_coding (project, ids[0], code_id, coder_id, 0, 4, NULL, &error);
  g_assert_no_error (error);
  shirabe_project_set_narrative_status (project, ids[0], SHIRABE_STATUS_IN_PROGRESS, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (changes.n_calls, ==, 0);
  g_assert_cmpuint (shirabe_narrative_row_get_n_codings (held), ==, 1);
  g_assert_cmpint (shirabe_narrative_row_get_status (held), ==, SHIRABE_STATUS_IN_PROGRESS);

  /* A new narrative of the last case: one row inserted at the end. */
  rosa = shirabe_narrative_row_get_case_id (held) + 1;
  new_id = add_narrative (project, rosa, "Court record", "en");
  g_assert_cmpuint (changes.n_calls, ==, 1);
  g_assert_cmpuint (changes.position, ==, 5);
  g_assert_cmpuint (changes.removed, ==, 0);
  g_assert_cmpuint (changes.added, ==, 1);
  added_row = g_list_model_get_item (G_LIST_MODEL (list), 5);
  g_assert_cmpint (shirabe_narrative_row_get_id (added_row), ==, new_id);

  /* Deleting the first narrative: one row removed after the heading. */
  shirabe_project_delete_narrative (project, ids[0], &error);
  g_assert_no_error (error);
  g_assert_cmpuint (changes.n_calls, ==, 2);
  g_assert_cmpuint (changes.position, ==, 1);
  g_assert_cmpuint (changes.removed, ==, 1);
  g_assert_cmpuint (changes.added, ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 5);

  /* Undo brings it back where it was. */
  shirabe_project_undo (project, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (changes.n_calls, ==, 3);
  g_assert_cmpuint (changes.position, ==, 1);
  g_assert_cmpuint (changes.removed, ==, 0);
  g_assert_cmpuint (changes.added, ==, 1);
  g_assert_cmpuint (shirabe_narrative_list_find (list, ids[0]), ==, 1);
}

/* The order the list had when SQLite sorted it, correlated subqueries and all: the oracle. */
#define ORACLE_ORDER \
  "SELECT n.id FROM narrative n JOIN cases c ON c.id = n.case_id%s" \
  " ORDER BY c.position, c.id," \
  " coalesce ((SELECT o.position FROM narrative o" \
  "            WHERE o.id = n.translation_of AND o.case_id = n.case_id), n.position)," \
  " coalesce ((SELECT o.id FROM narrative o" \
  "            WHERE o.id = n.translation_of AND o.case_id = n.case_id), n.id)," \
  " n.translation_of IS NOT NULL, n.position, n.id"

static char *
oracle_ids (ShirabeProject *project,
            const char     *where)
{
  g_autofree char *sql = g_strdup_printf (ORACLE_ORDER, where);
  GString *text = g_string_new (NULL);
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (shirabe_project_get_db (project), sql, -1, &stmt, NULL),
                   ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_string_append_printf (text, "%" G_GINT64_FORMAT " ", (gint64) sqlite3_column_int64 (stmt, 0));
  sqlite3_finalize (stmt);
  return g_string_free (text, FALSE);
}

static char *
list_ids (ShirabeNarrativeList *list)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (list)); i++)
    {
      g_autoptr(ShirabeNarrativeRow) row = g_list_model_get_item (G_LIST_MODEL (list), i);

      if (!shirabe_narrative_row_is_case (row))
        g_string_append_printf (text, "%" G_GINT64_FORMAT " ", shirabe_narrative_row_get_id (row));
    }
  return g_string_free (text, FALSE);
}

/* Translations beside their originals in the same case, after them; a translation of an
 * original in another case, or of a translation, in its own place; positions shuffled, cases
 * reordered. Compared with SQLite sorting by the original's place itself, with and without a
 * filter. With @data FALSE, the same project without translations: the list's own order (its
 * cases ranked, their narratives read in the index's order), with nothing to re-sort it. */
static void
test_translations_follow_their_originals (TestDir       *fixture,
                                          gconstpointer  data)
{
  gboolean translate = GPOINTER_TO_INT (data);
  g_autoptr(GError) error = NULL;
  g_autofree char *path = test_dir_path (fixture, "order.shirabe");
  g_autoptr(ShirabeProject) project = shirabe_project_create (path, "Order",
                                                              SHIRABE_PROJECT_DEFAULT, &error);
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  gint64 cases[6];
  guint n_translations = 0;

  g_assert_no_error (error);
  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      g_autofree char *name = g_strdup_printf ("Case %u", c);

      cases[c] = shirabe_project_add_case (project, name, &error);
      g_assert_no_error (error);
    }
  for (guint i = 0; i < 80; i++)
    {
      g_autofree char *title = g_strdup_printf ("Narrative %u", i);
      gint64 case_id = cases[g_rand_int_range (rand, 0, G_N_ELEMENTS (cases))];
      gint64 id = add_narrative (project, case_id, title, "en");

      /* Half of them translate an earlier one: often in its case, sometimes not. */
      if (ids->len > 0 && g_rand_boolean (rand) && translate)
        {
          gint64 original = g_array_index (ids, gint64, g_rand_int_range (rand, 0, ids->len));

          g_assert_true (shirabe_project_set_translation_of (project, id, original, &error));
          g_assert_no_error (error);
          n_translations++;
        }
      if (g_rand_int_range (rand, 0, 4) == 0)
        {
          g_assert_true (shirabe_project_set_narrative_status (project, id,
                                                               SHIRABE_STATUS_DONE,
                                                               &error));
          g_assert_no_error (error);
        }
      g_array_append_val (ids, id);
    }
  if (translate)
    g_assert_cmpuint (n_translations, >, 20);
  else
    g_assert_cmpuint (n_translations, ==, 0);
  /* Places shuffled, ties included, as imports and moves leave them. */
  g_assert_cmpint (sqlite3_exec (shirabe_project_get_db (project),
                                 "UPDATE narrative SET position = abs (random ()) % 12;"
                                 "UPDATE cases SET position = abs (random ()) % 3;",
                                 NULL, NULL, NULL), ==, SQLITE_OK);

  for (guint grouped = 0; grouped < 2; grouped++)
    {
      g_autoptr(ShirabeNarrativeList) list = shirabe_narrative_list_new (project, grouped, &error);
      g_autofree char *expected = oracle_ids (project, "");
      g_autofree char *got = NULL;
      g_autofree char *expected_done = NULL;
      g_autofree char *got_done = NULL;

      g_assert_no_error (error);
      got = list_ids (list);
      g_assert_cmpstr (got, ==, expected);

      g_assert_true (shirabe_narrative_list_set_status_filter (list, SHIRABE_STATUS_DONE,
                                                               &error));
      g_assert_no_error (error);
      expected_done = oracle_ids (project, " WHERE n.status = 2");
      got_done = list_ids (list);
      g_assert_cmpstr (got_done, ==, expected_done);
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, TestDir, NULL, test_dir_setup, func, test_dir_teardown)
  ADD ("/core/narrative-list/lists-cases-and-narratives-in-order",
       test_lists_cases_and_narratives_in_order);
  ADD ("/core/narrative-list/rows-are-read-a-page-at-a-time",
       test_rows_are_read_a_page_at_a_time);
  ADD ("/core/narrative-list/filter-matches-titles-and-case-names-in-any-script",
       test_filter_matches_titles_and_cases);
  ADD ("/core/narrative-list/status-filter-follows-edits-and-undo", test_status_filter);
  ADD ("/core/narrative-list/edits-announce-only-the-rows-that-differ",
       test_edits_change_only_what_differs);
#undef ADD
  g_test_add ("/core/narrative-list/translations-follow-their-originals", TestDir,
              GINT_TO_POINTER (TRUE), test_dir_setup, test_translations_follow_their_originals,
              test_dir_teardown);
  g_test_add ("/core/narrative-list/cases-and-places-in-order-without-translations", TestDir,
              GINT_TO_POINTER (FALSE), test_dir_setup, test_translations_follow_their_originals,
              test_dir_teardown);

  return g_test_run ();
}
