/* test-alignment.c: a translation's paragraphs beside its original's, and codings carried
 * across
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <sqlite3.h>

#include "shirabe.h"
#include "shirabe-agreement.h"
#include "shirabe-alignment.h"
#include "shirabe-qdpx.h"
#include "shirabe-sample.h"
#include "shirabe-schema-private.h"
#include "test-util.h"

/* The text of [start, end) of @text, counted in code points. */
static char *
slice (const char *text,
       gint64      start,
       gint64      end)
{
  const char *from = g_utf8_offset_to_pointer (text, start);
  const char *to = g_utf8_offset_to_pointer (text, end);

  return g_strndup (from, to - from);
}

static char *
paragraph_text (const char *text,
                GArray     *paragraphs,
                guint       i)
{
  ShirabeParagraph *p = &g_array_index (paragraphs, ShirabeParagraph, i);

  return slice (text, p->start, p->end);
}

static void
test_paragraphs_are_parted_by_blank_lines (void)
{
  /* A heading of two lines, a blank line of a full-width space, a CRLF paragraph, a paragraph
   * after two blank lines, in Japanese. */
  const char *text = "第一段落の一行目\n二行目\n\u3000\n段落二\r\n\r\n\r\n𠮷野家の段落三\n";
  g_autoptr(GArray) paragraphs = shirabe_text_paragraphs (text);
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *third = NULL;

  g_assert_cmpuint (paragraphs->len, ==, 3);
  first = paragraph_text (text, paragraphs, 0);
  second = paragraph_text (text, paragraphs, 1);
  third = paragraph_text (text, paragraphs, 2);
  g_assert_cmpstr (first, ==, "第一段落の一行目\n二行目");
  g_assert_cmpstr (second, ==, "段落二");
  g_assert_cmpstr (third, ==, "𠮷野家の段落三");
  /* Code points, not bytes: the third starts after 8+1+3+1+1+1+3+2+2+2 characters. */
  g_assert_cmpint (g_array_index (paragraphs, ShirabeParagraph, 2).start, ==, 24);
  g_assert_cmpint (g_array_index (paragraphs, ShirabeParagraph, 2).end, ==, 31);
}

static void
test_a_text_without_blank_lines_has_a_paragraph_per_line (void)
{
  const char *text = "One.\nTwo.\n\nThree.";
  const char *lines = "One.\r\nTwo.\r\nThree.\r\n";
  g_autoptr(GArray) parted = shirabe_text_paragraphs (text);
  g_autoptr(GArray) per_line = shirabe_text_paragraphs (lines);
  g_autoptr(GArray) empty = shirabe_text_paragraphs (" \n\u3000\n");
  g_autofree char *two = paragraph_text (lines, per_line, 1);

  g_assert_cmpuint (parted->len, ==, 2);
  g_assert_cmpuint (per_line->len, ==, 3);
  g_assert_cmpstr (two, ==, "Two.");
  g_assert_cmpuint (empty->len, ==, 0);
}

/* Three paragraphs beside five: three pairs, the last holding the translation's last three. */
static void
test_paragraphs_pair_by_order (void)
{
  const char *original = "A one.\n\nA two.\n\nA three.";
  const char *translation = "一。\n\n二。\n\n三。\n\n四。\n\n五。";
  g_autoptr(ShirabeAlignment) alignment = shirabe_alignment_new (original, translation, NULL,
                                                                 NULL, 0);
  ShirabeAlignedPair *last;
  g_autofree char *last_text = NULL;

  g_assert_false (alignment->adjusted);
  g_assert_cmpuint (alignment->pairs->len, ==, 3);
  last = &g_array_index (alignment->pairs, ShirabeAlignedPair, 2);
  g_assert_cmpuint (last->original_first, ==, 2);
  g_assert_cmpuint (last->translation_first, ==, 2);
  g_assert_cmpuint (last->translation_last, ==, 4);
  last_text = slice (translation, last->translation_start, last->translation_end);
  g_assert_cmpstr (last_text, ==, "三。\n\n四。\n\n五。");
  g_assert_cmpint (shirabe_alignment_find_pair (alignment, TRUE, 12), ==, 2);
  g_assert_cmpint (shirabe_alignment_find_pair (alignment, FALSE, 9), ==, 1);
  /* Between paragraphs: the next one's pair. */
  g_assert_cmpint (shirabe_alignment_find_pair (alignment, FALSE, 7), ==, 1);
}

typedef struct
{
  ShirabeProject *project;
  gint64          original_id;
  gint64          translation_id;
  gint64          code_id;
  gint64          coder_id;
} Pair;

static const char original_text[] =
  "Heading.\n\nShe was recruited in Manila.\n\nHer passport was taken.\n\nShe left.";
static const char translation_text[] =
  "見出し。\n\nマニラで勧誘された。\n\n旅券を取り上げられた。\n\n借金があると言われた。\n\n逃げた。";

static void
pair_setup (Pair          *pair,
            TestDir       *fixture)
{
  g_autoptr(GError) error = NULL;
  ShirabeNarrativeSpec spec = { 0 };
  ShirabeCodeSpec code = { 0 };

  pair->project = test_project_with_text (fixture, original_text, &pair->original_id);
  spec.case_id = 1;
  spec.title = "Interview 1 (ja)";
  spec.language = "ja";
  spec.text = translation_text;
  spec.translation_of = pair->original_id;
  pair->translation_id = shirabe_project_add_narrative (pair->project, &spec, &error);
  g_assert_no_error (error);
  code.label_en = "Passport withheld";
  code.label_ja = "旅券の取り上げ";
  pair->code_id = shirabe_project_add_code (pair->project, &code, &error);
  g_assert_no_error (error);
  pair->coder_id = shirabe_project_ensure_coder (pair->project, "Aiko", &error);
  g_assert_no_error (error);
}

static ShirabeAlignment *
get_alignment (Pair *pair)
{
  g_autoptr(GError) error = NULL;
  ShirabeAlignment *alignment = shirabe_project_get_alignment (pair->project,
                                                               pair->translation_id, &error);

  g_assert_no_error (error);
  return alignment;
}

/* "o-t" per pair, paragraphs from 1: "1-1 2-2 3-3,4 4-5". */
static char *
describe (ShirabeAlignment *alignment)
{
  GString *out = g_string_new (NULL);

  for (guint k = 0; k < alignment->pairs->len; k++)
    {
      ShirabeAlignedPair *p = &g_array_index (alignment->pairs, ShirabeAlignedPair, k);

      if (k > 0)
        g_string_append_c (out, ' ');
      g_string_append_printf (out, "%u", p->original_first + 1);
      if (p->original_last > p->original_first)
        g_string_append_printf (out, ",%u", p->original_last + 1);
      g_string_append_printf (out, "-%u", p->translation_first + 1);
      if (p->translation_last > p->translation_first)
        g_string_append_printf (out, ",%u", p->translation_last + 1);
    }
  return g_string_free (out, FALSE);
}

static void
assert_alignment (Pair       *pair,
                  const char *expected,
                  gboolean    adjusted)
{
  g_autoptr(ShirabeAlignment) alignment = get_alignment (pair);
  g_autofree char *described = describe (alignment);

  g_assert_cmpstr (described, ==, expected);
  g_assert_cmpint (alignment->adjusted, ==, adjusted);
}

static void
pair_teardown (Pair *pair)
{
  shirabe_project_close (pair->project, NULL);
  g_object_unref (pair->project);
}

/* Four paragraphs of the original beside five of the translation, whose third and fourth say
 * what the original's third says: join pairs 3 and 4, then split so that the last paragraphs
 * pair; each edit one undo step, undone and redone. */
static void
test_join_split_and_undo (TestDir       *fixture,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  ShirabeHistory *history;
  guint n_undo;
  Pair pair;

  pair_setup (&pair, fixture);
  history = shirabe_project_get_history (pair.project);
  n_undo = shirabe_history_get_n_undo (history);

  assert_alignment (&pair, "1-1 2-2 3-3 4-4,5", FALSE);

  g_assert_true (shirabe_project_join_aligned_pairs (pair.project, pair.translation_id, 2,
                                                     &error));
  g_assert_no_error (error);
  g_assert_cmpuint (shirabe_history_get_n_undo (history), ==, n_undo + 1);
  g_assert_cmpstr (shirabe_history_get_undo_label (history), ==, "Join aligned paragraphs");
  assert_alignment (&pair, "1-1 2-2 3,4-3,5", TRUE);

  g_assert_true (shirabe_project_split_aligned_pair (pair.project, pair.translation_id, 3, 4,
                                                     &error));
  g_assert_no_error (error);
  g_assert_cmpuint (shirabe_history_get_n_undo (history), ==, n_undo + 2);
  g_assert_cmpstr (shirabe_history_get_undo_label (history), ==, "Split aligned paragraphs");
  assert_alignment (&pair, "1-1 2-2 3-3,4 4-5", TRUE);

  /* Refused: paragraphs in two pairs, a pair's first paragraph, the last pair's next, a
   * paragraph that is not there. Nothing changes. */
  g_assert_false (shirabe_project_split_aligned_pair (pair.project, pair.translation_id, 1, 2,
                                                      &error));
  g_assert_error (error, SHIRABE_ERROR, SHIRABE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (shirabe_project_split_aligned_pair (pair.project, pair.translation_id, 2, 3,
                                                      &error));
  g_assert_error (error, SHIRABE_ERROR, SHIRABE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (shirabe_project_join_aligned_pairs (pair.project, pair.translation_id, 3,
                                                      &error));
  g_assert_error (error, SHIRABE_ERROR, SHIRABE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (shirabe_project_split_aligned_pair (pair.project, pair.translation_id, 9, 1,
                                                      &error));
  g_assert_error (error, SHIRABE_ERROR, SHIRABE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpuint (shirabe_history_get_n_undo (history), ==, n_undo + 2);
  assert_alignment (&pair, "1-1 2-2 3-3,4 4-5", TRUE);

  g_assert_true (shirabe_project_undo (pair.project, &error));
  g_assert_no_error (error);
  assert_alignment (&pair, "1-1 2-2 3,4-3,5", TRUE);
  g_assert_true (shirabe_project_undo (pair.project, &error));
  g_assert_no_error (error);
  assert_alignment (&pair, "1-1 2-2 3-3 4-4,5", FALSE);
  g_assert_true (shirabe_project_redo (pair.project, &error));
  g_assert_true (shirabe_project_redo (pair.project, &error));
  g_assert_no_error (error);
  assert_alignment (&pair, "1-1 2-2 3-3,4 4-5", TRUE);

  /* By order again, and back. */
  g_assert_true (shirabe_project_reset_alignment (pair.project, pair.translation_id, &error));
  g_assert_no_error (error);
  assert_alignment (&pair, "1-1 2-2 3-3 4-4,5", FALSE);
  g_assert_true (shirabe_project_undo (pair.project, &error));
  g_assert_no_error (error);
  assert_alignment (&pair, "1-1 2-2 3-3,4 4-5", TRUE);

  /* A narrative that translates nothing has no alignment. */
  g_assert_null (shirabe_project_get_alignment (pair.project, pair.original_id, &error));
  g_assert_error (error, SHIRABE_ERROR, SHIRABE_ERROR_INVALID);
  g_clear_error (&error);

  pair_teardown (&pair);
}

static ShirabeCoding *
get_coding (Pair   *pair,
            gint64  id)
{
  g_autoptr(GError) error = NULL;
  ShirabeCoding *coding = shirabe_project_get_coding (pair->project, id, &error);

  g_assert_no_error (error);
  return coding;
}

static char *
narrative_slice (Pair   *pair,
                 gint64  narrative_id,
                 gint64  start,
                 gint64  end)
{
  g_autofree char *text = shirabe_project_dup_narrative_text (pair->project, narrative_id, NULL);

  return slice (text, start, end);
}

/* A coding of words inside the original's third paragraph lands on the whole aligned pair of
 * the translation (its third and fourth paragraphs once aligned so), marked as carried, one
 * undo step; carried again or carried back it is refused; from the translation it goes to the
 * original. */
static void
test_a_coding_is_carried_to_the_aligned_paragraph (TestDir       *fixture,
                                                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ShirabeCoding) carried = NULL;
  g_autoptr(ShirabeCoding) back = NULL;
  g_autofree char *words = NULL;
  g_autofree char *landed = NULL;
  g_autofree char *landed_back = NULL;
  ShirabeHistory *history;
  gint64 source, copy, reverse, source_in_translation;
  gint64 start = g_utf8_strlen (original_text, strstr (original_text, "passport") -
                                               original_text);
  guint n_undo;
  Pair pair;

  pair_setup (&pair, fixture);
  history = shirabe_project_get_history (pair.project);
  g_assert_true (shirabe_project_join_aligned_pairs (pair.project, pair.translation_id, 2,
                                                     &error));
  g_assert_true (shirabe_project_split_aligned_pair (pair.project, pair.translation_id, 3, 4,
                                                     &error));
  g_assert_no_error (error);

  source = shirabe_project_add_coding (pair.project, pair.original_id, pair.code_id,
                                       pair.coder_id, start, start + 8, NULL, &error);
  g_assert_no_error (error);
  words = narrative_slice (&pair, pair.original_id, start, start + 8);
  g_assert_cmpstr (words, ==, "passport");
  n_undo = shirabe_history_get_n_undo (history);

  copy = shirabe_project_carry_coding (pair.project, source, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpint (copy, >, 0);
  g_assert_cmpuint (shirabe_history_get_n_undo (history), ==, n_undo + 1);
  g_assert_cmpstr (shirabe_history_get_undo_label (history), ==,
                   "Carry coding “Passport withheld” to “Interview 1 (ja)”");
  carried = get_coding (&pair, copy);
  g_assert_cmpint (carried->narrative_id, ==, pair.translation_id);
  g_assert_cmpint (carried->code_id, ==, pair.code_id);
  g_assert_cmpint (carried->coder_id, ==, pair.coder_id);
  g_assert_cmpint (carried->carried_from, ==, source);
  landed = narrative_slice (&pair, pair.translation_id, carried->start, carried->end);
  g_assert_cmpstr (landed, ==, "旅券を取り上げられた。\n\n借金があると言われた。");

  /* Once only, and a carried coding is not carried on. */
  g_assert_cmpint (shirabe_project_carry_coding (pair.project, source, 0, &error), ==, 0);
  g_assert_error (error, SHIRABE_ERROR, SHIRABE_ERROR_EXISTS);
  g_clear_error (&error);
  g_assert_cmpint (shirabe_project_carry_coding (pair.project, copy, 0, &error), ==, 0);
  g_assert_error (error, SHIRABE_ERROR, SHIRABE_ERROR_INVALID);
  g_clear_error (&error);

  /* Undone, the carried coding is gone and the source stays. */
  g_assert_true (shirabe_project_undo (pair.project, &error));
  g_assert_no_error (error);
  g_assert_null (shirabe_project_get_coding (pair.project, copy, &error));
  g_assert_error (error, SHIRABE_ERROR, SHIRABE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_clear_pointer (&carried, shirabe_coding_free);
  carried = get_coding (&pair, source);
  g_assert_cmpint (carried->carried_from, ==, 0);

  /* From the translation's last paragraph to the original's last. */
  source_in_translation = shirabe_project_add_coding (pair.project, pair.translation_id,
                                                      pair.code_id, pair.coder_id,
                                                      g_utf8_strlen (translation_text, -1) - 3,
                                                      g_utf8_strlen (translation_text, -1),
                                                      NULL, &error);
  g_assert_no_error (error);
  reverse = shirabe_project_carry_coding (pair.project, source_in_translation,
                                          pair.original_id, &error);
  g_assert_no_error (error);
  back = get_coding (&pair, reverse);
  landed_back = narrative_slice (&pair, pair.original_id, back->start, back->end);
  g_assert_cmpstr (landed_back, ==, "She left.");
  g_assert_cmpint (back->carried_from, ==, source_in_translation);

  /* The source removed, the carried coding stays on its own. */
  g_assert_true (shirabe_project_remove_coding (pair.project, source_in_translation, &error));
  g_assert_no_error (error);
  g_clear_pointer (&back, shirabe_coding_free);
  back = get_coding (&pair, reverse);
  g_assert_cmpint (back->carried_from, ==, 0);

  /* Not to a narrative of another family. */
  g_assert_cmpint (shirabe_project_carry_coding (pair.project, source, source, &error), ==, 0);
  g_assert_nonnull (error);
  g_clear_error (&error);

  pair_teardown (&pair);
}

/* Narratives (or passages) rated by two coders or more, pooled over codes. */
static guint64
count_units (ShirabeProject       *project,
             ShirabeAgreementUnit  unit)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ShirabeAgreementReport) report = NULL;
  ShirabeAgreementOptions options = { 0 };

  options.unit = unit;
  report = shirabe_agreement_report_new (project, &options, NULL, &error);
  g_assert_no_error (error);
  return shirabe_agreement_report_get_pooled (report)->stats.n_units;
}

/* Two coders code the same words of the original; one carries hers to the translation, where
 * the other codes something else by hand. The carried coding is no second judgement: the
 * translation is no narrative that both rated. Coded there by hand, it is. */
static void
test_agreement_leaves_a_carried_coding_out (TestDir       *fixture,
                                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  ShirabeCodeSpec other = { 0 };
  gint64 start = g_utf8_strlen (original_text, strstr (original_text, "passport") -
                                               original_text);
  gint64 ben, source, debt;
  Pair pair;

  pair_setup (&pair, fixture);
  ben = shirabe_project_ensure_coder (pair.project, "Ben", &error);
  other.label_en = "Debt";
  debt = shirabe_project_add_code (pair.project, &other, &error);
  source = shirabe_project_add_coding (pair.project, pair.original_id, pair.code_id,
                                       pair.coder_id, start, start + 8, NULL, &error);
  shirabe_project_add_coding (pair.project, pair.original_id, pair.code_id, ben, start,
                              start + 8, NULL, &error);
  shirabe_project_add_coding (pair.project, pair.translation_id, debt, ben, 0, 3, NULL, &error);
  g_assert_no_error (error);
  /* The original, once per code. */
  g_assert_cmpuint (count_units (pair.project, SHIRABE_AGREEMENT_UNIT_NARRATIVE), ==, 2);

  g_assert_cmpint (shirabe_project_carry_coding (pair.project, source, 0, &error), >, 0);
  g_assert_no_error (error);
  g_assert_cmpuint (count_units (pair.project, SHIRABE_AGREEMENT_UNIT_NARRATIVE), ==, 2);

  shirabe_project_add_coding (pair.project, pair.translation_id, pair.code_id, pair.coder_id,
                              0, 3, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (count_units (pair.project, SHIRABE_AGREEMENT_UNIT_NARRATIVE), ==, 4);
  pair_teardown (&pair);
}

/* The sample's embassy record and its Japanese translation: as many paragraphs each, paired
 * by order, the first pairs holding the record's heading and its first section. */
static void
test_the_sample_embassy_record_aligns_by_order (TestDir       *fixture,
                                                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = test_dir_path (fixture, "sample.shirabe");
  g_autofree char *sample = g_test_build_filename (G_TEST_DIST, "..", "..", "data", "sample",
                                                   NULL);
  g_autoptr(ShirabeProject) project = shirabe_project_create (path, "Sample",
                                                              SHIRABE_PROJECT_DEFAULT, &error);
  g_autoptr(ShirabeAlignment) alignment = NULL;
  g_autofree char *original = NULL;
  g_autofree char *translation = NULL;
  g_autofree char *arrival = NULL;
  g_autofree char *arrival_ja = NULL;
  ShirabeAlignedPair *pair;
  gint64 translation_id;

  g_assert_no_error (error);
  g_assert_true (shirabe_project_build_sample (project, sample, &error));
  g_assert_no_error (error);
  translation_id = shirabe_project_find_narrative (project, "大使館記録 ATN-2004-0917（翻訳）",
                                                   &error);
  g_assert_no_error (error);
  g_assert_cmpint (translation_id, >, 0);
  alignment = shirabe_project_get_alignment (project, translation_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (alignment->original_paragraphs->len, ==, 12);
  g_assert_cmpuint (alignment->translation_paragraphs->len, ==, 12);
  g_assert_cmpuint (alignment->pairs->len, ==, 12);
  original = shirabe_project_dup_narrative_text (project, alignment->original_id, &error);
  translation = shirabe_project_dup_narrative_text (project, translation_id, &error);
  pair = &g_array_index (alignment->pairs, ShirabeAlignedPair, 3);
  arrival = slice (original, pair->original_start, pair->original_end);
  arrival_ja = slice (translation, pair->translation_start, pair->translation_end);
  g_assert_true (g_str_has_prefix (arrival, "1. Arrival at the Embassy\nThe subject arrived"));
  g_assert_true (g_str_has_prefix (arrival_ja, "1. 大使館への来館\n対象者は午前6時30分ごろ"));
  shirabe_project_close (project, NULL);
}

/* REFI-QDA has no place for the link: a carried coding leaves as a coding of its narrative and
 * comes back as one of its own, at the same place. */
static void
test_a_carried_coding_leaves_refi_qda_unlinked (TestDir       *fixture,
                                                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ShirabeProject) copy = NULL;
  g_autoptr(ShirabeCoding) carried = NULL;
  g_autoptr(GPtrArray) codings = NULL;
  g_autofree char *qdpx = test_dir_path (fixture, "study.qdpx");
  g_autofree char *copy_path = test_dir_path (fixture, "copy.shirabe");
  gint64 start = g_utf8_strlen (original_text, strstr (original_text, "passport") -
                                               original_text);
  gint64 source, translation_id;
  Pair pair;

  pair_setup (&pair, fixture);
  source = shirabe_project_add_coding (pair.project, pair.original_id, pair.code_id,
                                       pair.coder_id, start, start + 8, NULL, &error);
  carried = shirabe_project_get_coding (pair.project,
                                        shirabe_project_carry_coding (pair.project, source, 0,
                                                                      &error), &error);
  g_assert_no_error (error);
  g_assert_true (shirabe_project_export_qdpx (pair.project, qdpx, SHIRABE_LANGUAGE_EN,
                                              SHIRABE_OUTPUT_DEFAULT, NULL, NULL, NULL,
                                              &error));
  g_assert_no_error (error);
  g_assert_true (shirabe_import_qdpx (qdpx, copy_path, NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);

  copy = shirabe_project_open (copy_path, SHIRABE_PROJECT_DEFAULT, &error);
  g_assert_no_error (error);
  translation_id = shirabe_project_find_narrative (copy, "Interview 1 (ja)", &error);
  g_assert_no_error (error);
  codings = shirabe_project_list_codings (copy, translation_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (codings->len, ==, 1);
  g_assert_cmpint (((ShirabeCoding *) codings->pdata[0])->start, ==, carried->start);
  g_assert_cmpint (((ShirabeCoding *) codings->pdata[0])->end, ==, carried->end);
  g_assert_cmpint (((ShirabeCoding *) codings->pdata[0])->carried_from, ==, 0);
  g_assert_cmpstr (((ShirabeCoding *) codings->pdata[0])->uuid, ==, carried->uuid);
  shirabe_project_close (copy, NULL);
  pair_teardown (&pair);
}

static int
read_user_version (const char *path)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  int version;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA user_version", -1, &stmt, NULL), ==,
                   SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  version = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return version;
}

/* A project of schema 5 (the version 1 fixture brought to 5) opens as the current version with
 * a snapshot of the file as it was; its coding keeps its place, has no source, and can be carried once its
 * narrative gets a translation. */
static void
test_a_version_5_project_migrates (TestDir       *fixture,
                                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *sql_path = g_test_build_filename (G_TEST_DIST, "..", "fixtures",
                                                     "project-v1.sql", NULL);
  g_autofree char *sql = NULL;
  g_autofree char *path = test_dir_path (fixture, "v5.shirabe");
  g_autoptr(GPtrArray) backups = NULL;
  g_autoptr(ShirabeProject) project = NULL;
  g_autoptr(ShirabeCoding) coding = NULL;
  g_autoptr(ShirabeCoding) carried = NULL;
  g_auto(GStrv) problems = NULL;
  ShirabeNarrativeSpec spec = { 0 };
  const ShirabeMigration *migrations;
  guint n_migrations;
  gint64 translation_id, copy;
  sqlite3 *db = NULL;

  g_assert_true (g_file_get_contents (sql_path, &sql, NULL, &error));
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  migrations = shirabe_schema_migrations (&n_migrations);
  g_assert_cmpuint (n_migrations, >=, 6);
  g_assert_cmpint (migrations[4].version, ==, 5);
  g_assert_true (shirabe_schema_migrate_with (db, NULL, 1, migrations, 5, &error));
  g_assert_no_error (error);
  sqlite3_close (db);
  g_assert_cmpint (read_user_version (path), ==, 5);

  project = shirabe_project_open (path, SHIRABE_PROJECT_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_cmpint (read_user_version (path), ==, SHIRABE_SCHEMA_VERSION);
  g_assert_cmpint (SHIRABE_SCHEMA_VERSION, >=, 6);
  backups = shirabe_project_list_backups (path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (backups->len, ==, 1);
  g_assert_cmpstr (((ShirabeBackup *) backups->pdata[0])->reason, ==, "before-upgrade");
  g_assert_cmpint (read_user_version (((ShirabeBackup *) backups->pdata[0])->path), ==, 5);

  coding = shirabe_project_get_coding (project, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (coding->start, ==, 6);
  g_assert_cmpint (coding->carried_from, ==, 0);

  spec.case_id = 1;
  spec.title = "Translation";
  spec.language = "en";
  spec.text = "A translation of one paragraph.";
  spec.translation_of = coding->narrative_id;
  translation_id = shirabe_project_add_narrative (project, &spec, &error);
  g_assert_no_error (error);
  copy = shirabe_project_carry_coding (project, 1, translation_id, &error);
  g_assert_no_error (error);
  carried = shirabe_project_get_coding (project, copy, &error);
  g_assert_cmpint (carried->carried_from, ==, 1);
  g_assert_cmpint (carried->start, ==, 0);
  g_assert_cmpint (carried->end, ==, 31);

  g_assert_true (shirabe_project_check (project, &problems, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (problems), ==, 0);
  g_assert_null (shirabe_project_get_foreign_objects (project));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/alignment/paragraphs-are-parted-by-blank-lines",
                   test_paragraphs_are_parted_by_blank_lines);
  g_test_add_func ("/core/alignment/a-text-without-blank-lines-has-a-paragraph-per-line",
                   test_a_text_without_blank_lines_has_a_paragraph_per_line);
  g_test_add_func ("/core/alignment/paragraphs-pair-by-order", test_paragraphs_pair_by_order);
  g_test_add ("/core/alignment/join-split-and-undo", TestDir, NULL, test_dir_setup,
              test_join_split_and_undo, test_dir_teardown);
  g_test_add ("/core/alignment/a-coding-is-carried-to-the-aligned-paragraph", TestDir, NULL,
              test_dir_setup, test_a_coding_is_carried_to_the_aligned_paragraph,
              test_dir_teardown);
  g_test_add ("/core/alignment/agreement-leaves-a-carried-coding-out", TestDir, NULL,
              test_dir_setup, test_agreement_leaves_a_carried_coding_out, test_dir_teardown);
  g_test_add ("/core/alignment/the-sample-embassy-record-aligns-by-order", TestDir, NULL,
              test_dir_setup, test_the_sample_embassy_record_aligns_by_order,
              test_dir_teardown);
  g_test_add ("/core/alignment/a-carried-coding-leaves-refi-qda-unlinked", TestDir, NULL,
              test_dir_setup, test_a_carried_coding_leaves_refi_qda_unlinked,
              test_dir_teardown);
  g_test_add ("/core/alignment/a-version-5-project-migrates", TestDir, NULL, test_dir_setup,
              test_a_version_5_project_migrates, test_dir_teardown);
  return g_test_run ();
}
