/* test-agreement.c: agreement on each unit against hand computation and a per-character loop
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>

#include "test-util.h"
#include "shirabe-agreement.h"
#include "shirabe-project-private.h"

typedef struct
{
  TestDir         dir;
  ShirabeProject *project;
  gint64          n[4];       /* narratives 1…3 */
  gint64          c1, c2;
  gint64          x, y, z;
} Fixture;

static gint64
add_narrative (Fixture    *f,
               gint64      case_id,
               const char *title)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GString) text = g_string_new (NULL);
  ShirabeNarrativeSpec spec = { 0 };
  gint64 id;

  for (guint i = 0; i < 100; i++)
    g_string_append_unichar (text, i % 10 == 9 ? 0x3002 : 0x3042 + i % 9);
  spec.case_id = case_id;
  spec.title = title;
  spec.language = "ja";
  spec.text = text->str;
  id = shirabe_project_add_narrative (f->project, &spec, &error);
  g_assert_no_error (error);
  return id;
}

static void
code (Fixture *f,
      gint64   narrative,
      gint64   code_id,
      gint64   coder,
      gint64   start,
      gint64   end)
{
  g_autoptr (GError) error = NULL;

  shirabe_project_add_coding (f->project, narrative, code_id, coder, start, end, NULL, &error);
  g_assert_no_error (error);
}

/* Case A: narratives 1 and 2; case B: narrative 3; each 100 characters.
 *   X: c1 [0,10) and c2 [50,60) in 1; c1 [0,20) in 3.
 *   Y: c1 [2,10) in 1; c1 [30,40) in 2; c2 [70,80) in 3.
 *   Z: nothing. */
static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = NULL;
  ShirabeCodeSpec spec = { 0 };
  gint64 a, b;

  test_dir_setup (&f->dir, data);
  path = test_dir_path (&f->dir, "team.shirabe");
  f->project = shirabe_project_create (path, "Team", SHIRABE_PROJECT_DEFAULT, &error);
  g_assert_no_error (error);
  a = shirabe_project_add_case (f->project, "A", &error);
  b = shirabe_project_add_case (f->project, "B", &error);
  g_assert_no_error (error);
  f->n[1] = add_narrative (f, a, "One");
  f->n[2] = add_narrative (f, a, "Two");
  f->n[3] = add_narrative (f, b, "Three");
  spec.label_en = "Debt";
  spec.label_ja = "借金";
  f->c1 = shirabe_project_add_code (f->project, &spec, &error);
  spec.label_en = "Violence";
  spec.label_ja = "暴力";
  f->c2 = shirabe_project_add_code (f->project, &spec, &error);
  g_assert_no_error (error);
  f->x = shirabe_project_ensure_coder (f->project, "X", &error);
  f->y = shirabe_project_ensure_coder (f->project, "Y", &error);
  f->z = shirabe_project_ensure_coder (f->project, "Z", &error);
  g_assert_no_error (error);
  code (f, f->n[1], f->c1, f->x, 0, 10);
  code (f, f->n[1], f->c2, f->x, 50, 60);
  code (f, f->n[3], f->c1, f->x, 0, 20);
  code (f, f->n[1], f->c1, f->y, 2, 10);
  code (f, f->n[2], f->c1, f->y, 30, 40);
  code (f, f->n[3], f->c2, f->y, 70, 80);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  shirabe_project_close (f->project, NULL);
  g_object_unref (f->project);
  test_dir_teardown (&f->dir, data);
}

static ShirabeAgreementReport *
report_for (Fixture              *f,
            ShirabeAgreementUnit  unit,
            gboolean              all_units)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GArray) coders = g_array_new (FALSE, FALSE, sizeof (gint64));
  ShirabeAgreementOptions options = { 0 };
  ShirabeAgreementReport *report;

  g_array_append_val (coders, f->x);
  g_array_append_val (coders, f->y);
  options.unit = unit;
  options.coder_ids = coders;
  options.all_units = all_units;
  report = shirabe_agreement_report_new (f->project, &options, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (shirabe_agreement_report_get_n_records (report), ==, 2);
  return report;
}

static void
test_narrative_unit (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr (ShirabeAgreementReport) report = report_for (f, SHIRABE_AGREEMENT_UNIT_NARRATIVE,
                                                          FALSE);
  const ShirabeAgreementRecord *c1 = shirabe_agreement_report_get_record (report, 0);
  const ShirabeAgreementRecord *c2 = shirabe_agreement_report_get_record (report, 1);
  GArray *disagreements = shirabe_agreement_report_get_disagreements (report);
  const ShirabeDisagreement *first;

  /* Narratives 1 and 3 are coded by both; 2 by Y only. */
  g_assert_cmpuint (shirabe_agreement_report_get_n_shared_narratives (report), ==, 2);
  /* Narrative 2 counts for Y only: not pairable. c1: (1,1) in 1, (1,0) in 3. */
  g_assert_cmpint (c1->code_id, ==, f->c1);
  g_assert_cmpstr (c1->label_ja, ==, "借金");
  g_assert_cmpuint (c1->stats.n_units, ==, 2);
  g_assert_cmpuint (c1->stats.n_pairable, ==, 4);
  g_assert_cmpfloat_with_epsilon (c1->stats.percent, 0.5, 1e-12);
  g_assert_cmpfloat_with_epsilon (c1->stats.cohen_kappa, 0.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (c1->stats.alpha, 0.0, 1e-12);
  /* c2: (1,0) in 1, (0,1) in 3. */
  g_assert_cmpfloat_with_epsilon (c2->stats.percent, 0.0, 1e-12);
  g_assert_cmpuint (c1->n_disagreements, ==, 1);
  g_assert_cmpuint (c2->n_disagreements, ==, 2);
  g_assert_cmpuint (disagreements->len, ==, 3);
  /* In the project's order: narrative 1 (c2 by X) before narrative 3. */
  first = &g_array_index (disagreements, ShirabeDisagreement, 0);
  g_assert_cmpint (first->narrative_id, ==, f->n[1]);
  g_assert_cmpint (first->code_id, ==, f->c2);
  g_assert_cmpint (first->start, ==, 50);
  g_assert_cmpuint (first->coded_by, ==, 1);
  g_assert_cmpuint (first->not_by, ==, 2);
}

static void
test_all_units_count_uncoded_narratives (Fixture       *f,
                                         gconstpointer  data)
{
  g_autoptr (ShirabeAgreementReport) report = report_for (f, SHIRABE_AGREEMENT_UNIT_NARRATIVE,
                                                          TRUE);
  const ShirabeAgreementRecord *c1 = shirabe_agreement_report_get_record (report, 0);

  /* Narrative 2 now counts for X as absent: (0,1). */
  g_assert_cmpuint (c1->stats.n_units, ==, 3);
  g_assert_cmpfloat_with_epsilon (c1->stats.percent, 1.0 / 3.0, 1e-12);
}

static void
test_case_unit (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr (ShirabeAgreementReport) report = report_for (f, SHIRABE_AGREEMENT_UNIT_CASE, FALSE);
  const ShirabeAgreementRecord *c1 = shirabe_agreement_report_get_record (report, 0);
  const ShirabeAgreementRecord *c2 = shirabe_agreement_report_get_record (report, 1);
  const ShirabeAgreementRecord *pooled = shirabe_agreement_report_get_pooled (report);

  /* Case A: c1 (1,1), c2 (1,0); case B: c1 (1,0), c2 (0,1). */
  g_assert_cmpuint (c1->stats.n_units, ==, 2);
  g_assert_cmpfloat_with_epsilon (c1->stats.percent, 0.5, 1e-12);
  g_assert_cmpfloat_with_epsilon (c2->stats.percent, 0.0, 1e-12);
  g_assert_cmpint (pooled->code_id, ==, 0);
  g_assert_cmpuint (pooled->stats.n_units, ==, 4);
  g_assert_cmpfloat_with_epsilon (pooled->stats.percent, 0.25, 1e-12);
}

static void
test_character_unit (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr (ShirabeAgreementReport) report = report_for (f, SHIRABE_AGREEMENT_UNIT_CHARACTER,
                                                          FALSE);
  const ShirabeAgreementRecord *c1 = shirabe_agreement_report_get_record (report, 0);
  double p_e = 0.15 * 0.04 + 0.85 * 0.96;

  /* Narratives 1 and 3 (200 characters): (1,1) 8, (1,0) 22, (0,0) 170. */
  g_assert_cmpuint (shirabe_agreement_report_get_n_shared_narratives (report), ==, 2);
  g_assert_cmpuint (c1->stats.n_units, ==, 200);
  g_assert_cmpfloat_with_epsilon (c1->stats.percent, 178.0 / 200.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (c1->stats.cohen_kappa, (0.89 - p_e) / (1 - p_e), 1e-12);
  /* Over the 50 characters some coder coded with some code: (0,0) is 20. */
  g_assert_cmpuint (c1->coded_text.n_units, ==, 50);
  g_assert_cmpfloat_with_epsilon (c1->coded_text.percent, 28.0 / 50.0, 1e-12);
}

static void
test_segment_unit (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr (ShirabeAgreementReport) report = report_for (f, SHIRABE_AGREEMENT_UNIT_SEGMENT,
                                                          FALSE);
  const ShirabeAgreementRecord *c1 = shirabe_agreement_report_get_record (report, 0);
  const ShirabeAgreementRecord *c2 = shirabe_agreement_report_get_record (report, 1);

  /* c1: [0,10) and [2,10) match (overlap 0.8); [0,20) in 3 does not. */
  g_assert_cmpuint (c1->n_segments, ==, 3);
  g_assert_cmpuint (c1->n_matched, ==, 2);
  g_assert_cmpfloat_with_epsilon (c1->stats.percent, 2.0 / 3.0, 1e-12);
  g_assert_true (isnan (c1->stats.alpha));
  g_assert_cmpuint (c2->n_matched, ==, 0);
  g_assert_nonnull (shirabe_agreement_record_note (SHIRABE_AGREEMENT_UNIT_SEGMENT, c1));
}

static void
test_bad_coders_are_refused (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GArray) coders = g_array_new (FALSE, FALSE, sizeof (gint64));
  ShirabeAgreementOptions options = { 0 };
  ShirabeAgreementReport *report;
  gint64 unknown = 999;

  g_array_append_val (coders, f->x);
  g_array_append_val (coders, unknown);
  options.coder_ids = coders;
  report = shirabe_agreement_report_new (f->project, &options, NULL, &error);
  g_assert_null (report);
  g_assert_error (error, SHIRABE_ERROR, SHIRABE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* Z has no codings. */
  g_array_index (coders, gint64, 1) = f->z;
  report = shirabe_agreement_report_new (f->project, &options, NULL, &error);
  g_assert_null (report);
  g_assert_error (error, SHIRABE_ERROR, SHIRABE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "Z"));
}

/* The character unit's sweep against a loop over every character of a generated project. */
static void
test_character_unit_matches_a_loop (void)
{
  g_autoptr (GError) error = NULL;
  TestDir dir;
  g_autofree char *path = NULL;
  g_autoptr (ShirabeProject) project = NULL;
  g_autoptr (ShirabeAgreementReport) report = NULL;
  ShirabeGenerateOptions generate = { 0 };
  ShirabeAgreementOptions options = { 0 };
  sqlite3 *db;

  test_dir_setup (&dir, NULL);
  path = test_dir_path (&dir, "generated.shirabe");
  project = shirabe_project_create (path, "Generated", SHIRABE_PROJECT_NO_HISTORY, &error);
  g_assert_no_error (error);
  generate.n_narratives = 12;
  generate.n_codings = 400;
  generate.n_codes = 6;
  generate.n_coders = 3;
  generate.seed = 5;
  generate.min_length = 300;
  generate.max_length = 1500;
  g_assert_true (shirabe_project_generate (project, &generate, NULL, &error));
  g_assert_no_error (error);
  options.unit = SHIRABE_AGREEMENT_UNIT_CHARACTER;
  report = shirabe_agreement_report_new (project, &options, NULL, &error);
  g_assert_no_error (error);

  db = shirabe_project_get_db (project);
  for (guint r = 0; r < shirabe_agreement_report_get_n_records (report); r++)
    {
      const ShirabeAgreementRecord *record = shirabe_agreement_report_get_record (report, r);
      GArray *coders = shirabe_agreement_report_get_coder_ids (report);
      g_autoptr (ShirabeRatings) ratings = shirabe_ratings_new (coders->len, 2);
      sqlite3_stmt *narratives;
      ShirabeAgreement expected;

      g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT id, length FROM narrative", -1,
                                           &narratives, NULL), ==, SQLITE_OK);
      while (sqlite3_step (narratives) == SQLITE_ROW)
        {
          gint64 id = sqlite3_column_int64 (narratives, 0);
          gint64 length = sqlite3_column_int64 (narratives, 1);
          g_autofree guint8 *marks = g_new0 (guint8, length * coders->len);
          guint32 coded = 0;
          sqlite3_stmt *codings;

          g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT coder_id, code_id, start, end"
                                               " FROM coding WHERE narrative_id = ?1", -1,
                                               &codings, NULL), ==, SQLITE_OK);
          sqlite3_bind_int64 (codings, 1, id);
          while (sqlite3_step (codings) == SQLITE_ROW)
            for (guint c = 0; c < coders->len; c++)
              if (g_array_index (coders, gint64, c) == sqlite3_column_int64 (codings, 0))
                {
                  coded |= 1u << c;
                  if (sqlite3_column_int64 (codings, 1) == record->code_id)
                    for (gint64 i = sqlite3_column_int64 (codings, 2);
                         i < sqlite3_column_int64 (codings, 3); i++)
                      marks[i * coders->len + c] = 1;
                }
          sqlite3_finalize (codings);
          if (coded != (1u << coders->len) - 1)
            continue;
          for (gint64 i = 0; i < length; i++)
            shirabe_ratings_add (ratings, (const gint8 *) marks + i * coders->len, 1);
        }
      sqlite3_finalize (narratives);
      shirabe_ratings_compute (ratings, 0, 1, &expected);
      g_assert_cmpuint (record->stats.n_units, ==, expected.n_units);
      g_assert_cmpfloat_with_epsilon (record->stats.percent, expected.percent, 1e-12);
      if (isnan (expected.alpha))
        g_assert_true (isnan (record->stats.alpha));
      else
        g_assert_cmpfloat_with_epsilon (record->stats.alpha, expected.alpha, 1e-12);
    }
  g_assert_cmpuint (shirabe_agreement_report_get_n_shared_narratives (report), >, 0);
  shirabe_project_close (project, NULL);
  test_dir_teardown (&dir, NULL);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
#define ADD(name, func) \
  g_test_add ("/core/agreement/" name, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("narrative-unit-matches-a-hand-computation", test_narrative_unit);
  ADD ("all-units-count-narratives-a-coder-left-uncoded", test_all_units_count_uncoded_narratives);
  ADD ("case-unit-and-pooled-match-a-hand-computation", test_case_unit);
  ADD ("character-unit-over-all-text-and-coded-text", test_character_unit);
  ADD ("segment-unit-counts-codings-matched-by-overlap", test_segment_unit);
  ADD ("unknown-coders-and-coders-without-codings-are-refused", test_bad_coders_are_refused);
#undef ADD
  g_test_add_func ("/core/agreement/character-unit-matches-a-loop-over-every-character",
                   test_character_unit_matches_a_loop);
  return g_test_run ();
}
