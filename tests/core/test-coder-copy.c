/* test-coder-copy.c: coders' copies and merging them back, by UUID
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define _GNU_SOURCE
#include <string.h>

#include "test-util.h"
#include "shirabe-agreement.h"
#include "shirabe-alignment.h"
#include "shirabe-project-private.h"

typedef struct
{
  TestDir         dir;
  char           *path;
  ShirabeProject *project;
  gint64          case_id, narrative, other, debt, violence, lead, attribute;
} Fixture;

static gint64
count (ShirabeProject *project,
       const char     *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 n;

  g_assert_cmpint (sqlite3_prepare_v2 (shirabe_project_get_db (project), sql, -1, &stmt, NULL),
                   ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return n;
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  ShirabeNarrativeSpec spec = { 0 };
  ShirabeCodeSpec code = { 0 };

  test_dir_setup (&f->dir, data);
  f->path = test_dir_path (&f->dir, "study.shirabe");
  f->project = shirabe_project_create (f->path, "Study", SHIRABE_PROJECT_DEFAULT, &error);
  g_assert_no_error (error);
  f->case_id = shirabe_project_add_case (f->project, "Maria", &error);
  spec.case_id = f->case_id;
  spec.title = "Interview";
  spec.language = "en";
  spec.text = "She owed the broker money. He took her passport. She ran to the embassy.";
  f->narrative = shirabe_project_add_narrative (f->project, &spec, &error);
  spec.title = "NGO record";
  spec.text = "借金を返すまで働かされた。旅券は取り上げられた。";
  spec.language = "ja";
  f->other = shirabe_project_add_narrative (f->project, &spec, &error);
  g_assert_no_error (error);
  code.label_en = "Debt bondage";
  code.label_ja = "債務奴隷";
  f->debt = shirabe_project_add_code (f->project, &code, &error);
  code.label_en = "Violence";
  code.label_ja = "暴力";
  f->violence = shirabe_project_add_code (f->project, &code, &error);
  g_assert_no_error (error);
  f->lead = shirabe_project_ensure_coder (f->project, "Lead", &error);
  shirabe_project_add_coding (f->project, f->narrative, f->debt, f->lead, 0, 26, "lead's", &error);
  g_assert_no_error (error);
  f->attribute = shirabe_project_add_attribute (f->project, SHIRABE_SCOPE_CASE, "Nationality",
                                                "国籍", "nationality", SHIRABE_ATTRIBUTE_TEXT,
                                                NULL, &error);
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  if (f->project != NULL)
    {
      shirabe_project_close (f->project, NULL);
      g_object_unref (f->project);
    }
  g_free (f->path);
  test_dir_teardown (&f->dir, data);
}

static ShirabeProject *
make_copy (Fixture          *f,
           const char       *name,
           const char       *coder,
           ShirabeCopyFlags  flags,
           char            **out_path)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = test_dir_path (&f->dir, name);
  ShirabeProject *copy;

  g_assert_true (shirabe_project_copy_for_coder (f->project, path, coder, flags, &error));
  g_assert_no_error (error);
  copy = shirabe_project_open (path, SHIRABE_PROJECT_DEFAULT, &error);
  g_assert_no_error (error);
  if (out_path != NULL)
    *out_path = g_steal_pointer (&path);
  return copy;
}

static ShirabeMergeReport *
merge (Fixture           *f,
       const char        *a,
       const char        *b,
       ShirabeMergeFlags  flags)
{
  g_autoptr (GError) error = NULL;
  const char *paths[] = { a, b, NULL };
  ShirabeMergeReport *report = shirabe_project_merge_copies (f->project, paths, flags, &error);

  g_assert_no_error (error);
  g_assert_nonnull (report);
  return report;
}

static guint
count_items (ShirabeMergeReport *report,
             ShirabeMergeAction  action,
             const char         *kind)
{
  guint n = 0;

  for (guint i = 0; i < report->items->len; i++)
    {
      ShirabeMergeItem *item = &g_array_index (report->items, ShirabeMergeItem, i);

      n += item->action == action && g_strcmp0 (item->kind, kind) == 0;
    }
  return n;
}

static gboolean
file_contains (const char *path,
               const char *needle)
{
  g_autofree char *data = NULL;
  gsize size = 0;

  g_assert_true (g_file_get_contents (path, &data, &size, NULL));
  return memmem (data, size, needle, strlen (needle)) != NULL;
}

static void
test_blind_copy_carries_only_its_coder (Fixture       *f,
                                        gconstpointer  data)
{
  g_autofree char *before = NULL, *path = NULL, *empty_path = NULL;
  g_autoptr (ShirabeProject) copy = NULL;
  g_autoptr (ShirabeProject) empty = NULL;
  g_autoptr (GError) error = NULL;

  shirabe_project_close (f->project, NULL);
  g_clear_object (&f->project);
  before = test_checksum_file (f->path);
  f->project = shirabe_project_open (f->path, SHIRABE_PROJECT_DEFAULT, &error);
  g_assert_no_error (error);

  copy = make_copy (f, "aiko.shirabe", "Aiko", SHIRABE_COPY_BLIND, &path);
  g_assert_cmpint (count (copy, "SELECT count (*) FROM coding"), ==, 0);
  g_assert_cmpint (count (copy, "SELECT count (*) FROM narrative"), ==, 2);
  g_assert_true (shirabe_project_get_blind (copy));
  g_assert_cmpint (shirabe_project_get_copy_coder (copy), !=, 0);
  g_assert_cmpint (count (copy, "SELECT count (*) FROM coder WHERE name = 'Aiko'"), ==, 1);
  shirabe_project_close (copy, NULL);
  /* The lead's coding memo is erased from the file, not left in a free page. */
  g_assert_false (file_contains (path, "lead's"));

  empty = make_copy (f, "ben.shirabe", "Lead", SHIRABE_COPY_WITHOUT_CODINGS, &empty_path);
  g_assert_cmpint (count (empty, "SELECT count (*) FROM coding"), ==, 0);
  g_assert_false (shirabe_project_get_blind (empty));
  shirabe_project_close (empty, NULL);

  /* The project itself is unchanged, byte for byte. */
  shirabe_project_close (f->project, NULL);
  g_clear_object (&f->project);
  {
    g_autofree char *after = test_checksum_file (f->path);

    g_assert_cmpstr (after, ==, before);
  }
}

static void
test_two_blind_copies_merge_once (Fixture       *f,
                                  gconstpointer  data)
{
  g_autofree char *a_path = NULL, *b_path = NULL;
  g_autoptr (ShirabeProject) a = make_copy (f, "a.shirabe", "Aiko", SHIRABE_COPY_BLIND, &a_path);
  g_autoptr (ShirabeProject) b = make_copy (f, "b.shirabe", "Ben", SHIRABE_COPY_BLIND, &b_path);
  g_autoptr (ShirabeMergeReport) first = NULL, second = NULL;
  g_autoptr (ShirabeAgreementReport) agreement = NULL;
  g_autoptr (GError) error = NULL;
  ShirabeAgreementOptions options = { 0 };

  shirabe_project_add_coding (a, f->narrative, f->debt, shirabe_project_get_copy_coder (a), 0, 26,
                              NULL, &error);
  shirabe_project_add_coding (a, f->narrative, f->violence, shirabe_project_get_copy_coder (a),
                              27, 48, NULL, &error);
  shirabe_project_add_coding (b, f->narrative, f->debt, shirabe_project_get_copy_coder (b), 4, 26,
                              NULL, &error);
  g_assert_no_error (error);
  shirabe_project_close (a, NULL);
  shirabe_project_close (b, NULL);

  first = merge (f, a_path, b_path, SHIRABE_MERGE_DEFAULT);
  g_assert_cmpuint (first->copies->len, ==, 2);
  g_assert_cmpuint (g_array_index (first->copies, ShirabeMergeCopy, 0).n_codings_added, ==, 2);
  g_assert_cmpuint (g_array_index (first->copies, ShirabeMergeCopy, 1).n_codings_added, ==, 1);
  g_assert_cmpstr (g_array_index (first->copies, ShirabeMergeCopy, 0).coder_name, ==, "Aiko");
  g_assert_cmpuint (g_array_index (first->copies, ShirabeMergeCopy, 0).n_coders_added, ==, 1);
  g_assert_cmpint (count (f->project, "SELECT count (*) FROM coding"), ==, 4);
  /* The lead's coding is not in the blind copies, and is no deletion. */
  g_assert_cmpuint (count_items (first, SHIRABE_MERGE_DELETION, "coding"), ==, 0);

  second = merge (f, a_path, b_path, SHIRABE_MERGE_DEFAULT);
  g_assert_cmpuint (g_array_index (second->copies, ShirabeMergeCopy, 0).n_codings_added, ==, 0);
  g_assert_cmpuint (g_array_index (second->copies, ShirabeMergeCopy, 1).n_coders_added, ==, 0);
  g_assert_cmpuint (second->items->len, ==, 0);
  g_assert_cmpint (count (f->project, "SELECT count (*) FROM coding"), ==, 4);

  /* One undo step takes the whole first merge back. */
  g_assert_true (shirabe_project_undo (f->project, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count (f->project, "SELECT count (*) FROM coding"), ==, 1);
  g_assert_true (shirabe_project_redo (f->project, &error));
  g_assert_cmpint (count (f->project, "SELECT count (*) FROM coding"), ==, 4);

  options.unit = SHIRABE_AGREEMENT_UNIT_SEGMENT;
  {
    g_autoptr (GArray) coders = g_array_new (FALSE, FALSE, sizeof (gint64));
    gint64 aiko = shirabe_project_find_coder (f->project, "Aiko", &error);
    gint64 ben = shirabe_project_find_coder (f->project, "Ben", &error);

    g_array_append_val (coders, aiko);
    g_array_append_val (coders, ben);
    options.coder_ids = coders;
    agreement = shirabe_agreement_report_new (f->project, &options, NULL, &error);
    g_assert_no_error (error);
    /* Debt: [0,26) and [4,26) match; Violence by Aiko alone. */
    g_assert_cmpuint (shirabe_agreement_report_get_record (agreement, 0)->n_matched, ==, 2);
    g_assert_cmpuint (shirabe_agreement_report_get_disagreements (agreement)->len, ==, 1);
  }
}

static void
test_differences_are_reported_and_the_project_kept (Fixture       *f,
                                                    gconstpointer  data)
{
  g_autofree char *path = NULL;
  g_autoptr (ShirabeProject) copy = make_copy (f, "c.shirabe", "Aiko", SHIRABE_COPY_DEFAULT,
                                               &path);
  g_autoptr (ShirabeMergeReport) kept = NULL, taken = NULL;
  g_autoptr (GError) error = NULL;
  ShirabeCodeSpec spec = { 0 };
  gint64 lead_coding = count (f->project, "SELECT id FROM coding");

  /* In the copy: a value, a renamed code, a new code under Violence, a memo, a status, and a
   * change to the lead's coding. */
  g_assert_true (shirabe_project_set_attribute_value (copy, f->attribute, f->case_id, "Thailand",
                                                      &error));
  g_assert_true (shirabe_project_set_code_label (copy, f->debt, SHIRABE_LANGUAGE_EN, "Debt",
                                                 &error));
  spec.parent_id = f->violence;
  spec.label_en = "Threats";
  spec.label_ja = "脅迫";
  g_assert_cmpint (shirabe_project_add_code (copy, &spec, &error), >, 0);
  g_assert_true (shirabe_project_set_narrative_memo (copy, f->narrative, "from the copy", &error));
  g_assert_true (shirabe_project_set_narrative_status (copy, f->narrative,
                                                       SHIRABE_STATUS_DONE, &error));
  g_assert_true (shirabe_project_set_coding_memo (copy, lead_coding, "changed", &error));
  g_assert_no_error (error);
  shirabe_project_close (copy, NULL);
  /* In the project meanwhile: the same value set otherwise. */
  g_assert_true (shirabe_project_set_attribute_value (f->project, f->attribute, f->case_id,
                                                      "Philippines", &error));

  kept = merge (f, path, NULL, SHIRABE_MERGE_DEFAULT);
  g_assert_cmpuint (count_items (kept, SHIRABE_MERGE_KEPT, "attribute_value"), ==, 1);
  g_assert_cmpuint (count_items (kept, SHIRABE_MERGE_KEPT, "code"), ==, 1);
  g_assert_cmpuint (count_items (kept, SHIRABE_MERGE_KEPT, "coding"), ==, 1);
  g_assert_cmpuint (count_items (kept, SHIRABE_MERGE_ADDED, "code"), ==, 1);
  g_assert_cmpuint (count_items (kept, SHIRABE_MERGE_UPDATED, "memo"), ==, 1);
  g_assert_cmpuint (count_items (kept, SHIRABE_MERGE_UPDATED, "status"), ==, 1);
  g_assert_cmpint (count (f->project, "SELECT count (*) FROM attribute_value"
                                      " WHERE value = 'Philippines'"), ==, 1);
  g_assert_cmpint (count (f->project, "SELECT count (*) FROM code WHERE label_en = 'Debt bondage'"),
                   ==, 1);
  g_assert_cmpint (count (f->project, "SELECT count (*) FROM code c JOIN code p"
                                      " ON p.id = c.parent_id WHERE c.label_ja = '脅迫'"
                                      " AND p.label_en = 'Violence'"), ==, 1);
  g_assert_cmpint (count (f->project, "SELECT count (*) FROM narrative"
                                      " WHERE memo = 'from the copy' AND status = 2"), ==, 1);
  g_assert_cmpint (count (f->project, "SELECT count (*) FROM coding WHERE memo = 'lead''s'"),
                   ==, 1);

  taken = merge (f, path, NULL, SHIRABE_MERGE_PREFER_COPY);
  g_assert_cmpint (count (f->project, "SELECT count (*) FROM attribute_value"
                                      " WHERE value = 'Thailand'"), ==, 1);
  g_assert_cmpint (count (f->project, "SELECT count (*) FROM coding WHERE memo = 'changed'"),
                   ==, 1);
  /* A code's label is the project's, whatever is preferred. */
  g_assert_cmpint (count (f->project, "SELECT count (*) FROM code WHERE label_en = 'Debt'"), ==, 0);
}

static void
test_deletions_are_reported_then_applied (Fixture       *f,
                                          gconstpointer  data)
{
  g_autofree char *path = NULL;
  g_autoptr (ShirabeProject) copy = make_copy (f, "d.shirabe", "Lead", SHIRABE_COPY_DEFAULT,
                                               &path);
  g_autoptr (ShirabeMergeReport) reported = NULL, applied = NULL;
  g_autoptr (GError) error = NULL;
  gint64 lead_coding = count (f->project, "SELECT id FROM coding");

  g_assert_true (shirabe_project_remove_coding (copy, lead_coding, &error));
  shirabe_project_close (copy, NULL);

  reported = merge (f, path, NULL, SHIRABE_MERGE_DEFAULT);
  g_assert_cmpuint (count_items (reported, SHIRABE_MERGE_DELETION, "coding"), ==, 1);
  g_assert_cmpint (count (f->project, "SELECT count (*) FROM coding"), ==, 1);

  applied = merge (f, path, NULL, SHIRABE_MERGE_APPLY_DELETIONS | SHIRABE_MERGE_DRY_RUN);
  g_assert_cmpuint (count_items (applied, SHIRABE_MERGE_DELETED, "coding"), ==, 1);
  g_assert_cmpint (count (f->project, "SELECT count (*) FROM coding"), ==, 1);
  g_clear_pointer (&applied, shirabe_merge_report_free);

  applied = merge (f, path, NULL, SHIRABE_MERGE_APPLY_DELETIONS);
  g_assert_cmpuint (count_items (applied, SHIRABE_MERGE_DELETED, "coding"), ==, 1);
  g_assert_cmpint (count (f->project, "SELECT count (*) FROM coding"), ==, 0);
}

static void
test_a_changed_text_is_not_merged (Fixture       *f,
                                   gconstpointer  data)
{
  g_autofree char *path = NULL;
  g_autoptr (ShirabeProject) copy = make_copy (f, "e.shirabe", "Aiko", SHIRABE_COPY_BLIND, &path);
  g_autoptr (ShirabeMergeReport) report = NULL;
  g_autoptr (GError) error = NULL;
  sqlite3 *db = shirabe_project_get_db (copy);

  shirabe_project_add_coding (copy, f->other, f->debt, shirabe_project_get_copy_coder (copy), 0, 5,
                              NULL, &error);
  g_assert_no_error (error);
  /* Someone edited the text of the copy by other means. */
  g_assert_cmpint (sqlite3_exec (db, "UPDATE narrative SET text = text || '。', sha256 = 'x'"
                                     " WHERE title = 'NGO record'", NULL, NULL, NULL), ==, SQLITE_OK);
  shirabe_project_close (copy, NULL);

  report = merge (f, path, NULL, SHIRABE_MERGE_DEFAULT);
  g_assert_cmpuint (count_items (report, SHIRABE_MERGE_SKIPPED, "narrative"), ==, 1);
  g_assert_cmpuint (g_array_index (report->copies, ShirabeMergeCopy, 0).n_codings_skipped, ==, 1);
  g_assert_cmpint (count (f->project, "SELECT count (*) FROM coding"), ==, 1);
}

static void
test_bad_copies_are_refused (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *stranger_path = test_dir_path (&f->dir, "stranger.shirabe");
  g_autofree char *text_path = test_dir_path (&f->dir, "notes.shirabe");
  g_autoptr (ShirabeProject) stranger = shirabe_project_create (stranger_path, "Stranger",
                                                                SHIRABE_PROJECT_DEFAULT, &error);
  const char *itself[] = { f->path, NULL };
  const char *foreign[] = { stranger_path, NULL };
  const char *text[] = { text_path, NULL };

  g_assert_no_error (error);
  shirabe_project_close (stranger, NULL);
  g_assert_true (g_file_set_contents (text_path, "not a project", -1, NULL));

  g_assert_null (shirabe_project_merge_copies (f->project, itself, 0, &error));
  g_assert_error (error, SHIRABE_ERROR, SHIRABE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "itself"));
  g_clear_error (&error);
  g_assert_null (shirabe_project_merge_copies (f->project, foreign, 0, &error));
  g_assert_error (error, SHIRABE_ERROR, SHIRABE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "Stranger"));
  g_clear_error (&error);
  g_assert_null (shirabe_project_merge_copies (f->project, text, 0, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  /* A copy over an existing file is refused too. */
  g_assert_false (shirabe_project_copy_for_coder (f->project, stranger_path, "Aiko", 0, &error));
  g_assert_error (error, SHIRABE_ERROR, SHIRABE_ERROR_EXISTS);
  g_assert_cmpint (count (f->project, "SELECT count (*) FROM coding"), ==, 1);
  g_assert_cmpint (count (f->project, "SELECT count (*) FROM coder"), ==, 1);
}

/* A coder carries a coding to the translation in her copy while the project gains codings of
 * its own: merged, the carried coding names its source by the project's id (found by UUID),
 * not by the copy's id, which in the project belongs to another coding. */
static void
test_a_carried_coding_keeps_its_source_through_a_merge (Fixture       *f,
                                                        gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (ShirabeMergeReport) report = NULL;
  g_autoptr (ShirabeCoding) source_in_copy = NULL;
  g_autofree char *path = NULL;
  g_autofree char *sql = NULL;
  ShirabeProject *copy;
  gint64 aiko, source, carried;

  g_assert_true (shirabe_project_set_translation_of (f->project, f->other, f->narrative,
                                                     &error));
  g_assert_no_error (error);
  copy = make_copy (f, "aiko.shirabe", "Aiko", 0, &path);
  aiko = shirabe_project_get_copy_coder (copy);
  source = shirabe_project_add_coding (copy, f->narrative, f->violence, aiko, 27, 48, NULL,
                                       &error);
  g_assert_no_error (error);
  carried = shirabe_project_carry_coding (copy, source, 0, &error);
  g_assert_no_error (error);
  source_in_copy = shirabe_project_get_coding (copy, source, &error);
  g_assert_no_error (error);
  shirabe_project_close (copy, NULL);
  g_object_unref (copy);

  /* The project's own codings take the ids the copy used. */
  shirabe_project_add_coding (f->project, f->narrative, f->violence, f->lead, 27, 48, NULL,
                              &error);
  shirabe_project_add_coding (f->project, f->other, f->debt, f->lead, 0, 5, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (count (f->project, "SELECT max (id) FROM coding"), >=, carried);

  report = merge (f, path, NULL, 0);
  g_assert_cmpuint (g_array_index (report->copies, ShirabeMergeCopy, 0).n_codings_added, ==, 2);
  sql = g_strdup_printf ("SELECT count (*) FROM coding g JOIN coding s ON s.id = g.carried_from"
                         " WHERE s.uuid = '%s' AND g.narrative_id = %" G_GINT64_FORMAT
                         " AND s.id <> %" G_GINT64_FORMAT,
                         source_in_copy->uuid, f->other, source);
  g_assert_cmpint (count (f->project, sql), ==, 1);
  g_assert_cmpint (count (f->project, "SELECT count (*) FROM coding WHERE carried_from IS NOT"
                                      " NULL"), ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
#define ADD(name, func) \
  g_test_add ("/core/coder-copy/" name, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("a-blind-copy-carries-only-its-coders-codings-and-erases-the-rest",
       test_blind_copy_carries_only_its_coder);
  ADD ("two-blind-copies-merge-once-however-often-merged", test_two_blind_copies_merge_once);
  ADD ("differences-are-reported-and-the-projects-values-kept",
       test_differences_are_reported_and_the_project_kept);
  ADD ("deletions-in-a-copy-are-reported-and-applied-only-when-asked",
       test_deletions_are_reported_then_applied);
  ADD ("a-narrative-whose-text-changed-is-not-merged", test_a_changed_text_is_not_merged);
  ADD ("another-project-the-project-itself-and-a-non-project-are-refused",
       test_bad_copies_are_refused);
  ADD ("a-carried-coding-keeps-its-source-through-a-merge",
       test_a_carried_coding_keeps_its_source_through_a_merge);
#undef ADD
  return g_test_run ();
}
