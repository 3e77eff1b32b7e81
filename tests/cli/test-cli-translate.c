/* test-cli-translate.c: shirabe-cli link-translation, align and copy-coding-to-translation on
 * the sample project
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "cli-test-util.h"

#define TRANSLATION "大使館記録 ATN-2004-0917（翻訳）"
#define ORIGINAL "Embassy record ATN-2004-0917"

static void
make_sample (CliFixture *fixture)
{
  g_autoptr(CliRun) run = cli_run (fixture, "sample", "p.shirabe", NULL);

  cli_assert_ok (run);
}

static JsonObject *
align_json (CliFixture *fixture,
            JsonNode  **root_out)
{
  g_autoptr(CliRun) run = cli_run (fixture, "align", "p.shirabe", TRANSLATION, "--json", NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  cli_assert_ok (run);
  json_parser_load_from_data (parser, run->out_text, -1, &error);
  g_assert_no_error (error);
  *root_out = json_node_copy (json_parser_get_root (parser));
  return json_node_get_object (*root_out);
}

/* "1-1 2-2 …": each pair's first paragraphs, from the JSON. */
static char *
describe (JsonObject *alignment)
{
  JsonArray *pairs = json_object_get_array_member (alignment, "pairs");
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < json_array_get_length (pairs); i++)
    {
      JsonObject *pair = json_array_get_object_element (pairs, i);

      g_string_append_printf (out, "%s%" G_GINT64_FORMAT "-%" G_GINT64_FORMAT, i > 0 ? " " : "",
                              json_object_get_int_member (pair, "original_first"),
                              json_object_get_int_member (pair, "translation_first"));
    }
  return g_string_free (out, FALSE);
}

static void
test_align_prints_the_embassy_record_by_order (CliFixture    *fixture,
                                               gconstpointer  data)
{
  g_autoptr(CliRun) table = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *described = NULL;
  JsonObject *alignment;
  JsonObject *arrival;

  make_sample (fixture);
  alignment = align_json (fixture, &root);
  g_assert_false (json_object_get_boolean_member (alignment, "adjusted"));
  g_assert_cmpint (json_object_get_int_member (alignment, "original_paragraphs"), ==, 12);
  g_assert_cmpint (json_object_get_int_member (alignment, "translation_paragraphs"), ==, 12);
  described = describe (alignment);
  g_assert_cmpstr (described, ==, "1-1 2-2 3-3 4-4 5-5 6-6 7-7 8-8 9-9 10-10 11-11 12-12");
  arrival = json_array_get_object_element (json_object_get_array_member (alignment, "pairs"),
                                           3);
  g_assert_true (g_str_has_prefix (json_object_get_string_member (arrival, "original_text"),
                                   "1. Arrival at the Embassy\nThe subject arrived"));
  g_assert_true (g_str_has_prefix (json_object_get_string_member (arrival, "translation_text"),
                                   "1. 大使館への来館\n対象者は"));

  table = cli_run (fixture, "align", "p.shirabe", TRANSLATION, NULL);
  cli_assert_ok (table);
  cli_assert_contains (table->out_text, "Original ¶");
  cli_assert_contains (table->out_text, "1. Arrival at the Embassy The …");
  cli_assert_contains (table->out_text, "1. 大使館への来館 対象者は午前6時30分ごろ大使館の門に…");
}

static void
test_align_joins_splits_and_resets (CliFixture    *fixture,
                                    gconstpointer  data)
{
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *described = NULL;
  CliRun *run;

  make_sample (fixture);

  run = cli_run (fixture, "align", "p.shirabe", TRANSLATION, "--join", "1", NULL);
  cli_assert_ok (run);
  cli_assert_contains (run->out_text, "   1         1–2            1–2  PHILIPPINE EMBASSY");
  cli_run_free (run);
  {
    JsonObject *alignment = align_json (fixture, &root);

    described = describe (alignment);
    g_assert_cmpstr (described, ==, "1-1 3-3 4-4 5-5 6-6 7-7 8-8 9-9 10-10 11-11 12-12");
    g_clear_pointer (&root, json_node_unref);
    g_clear_pointer (&described, g_free);
  }

  run = cli_run (fixture, "align", "p.shirabe", TRANSLATION, "--split", "2:2", NULL);
  cli_assert_ok (run);
  cli_run_free (run);
  {
    JsonObject *alignment = align_json (fixture, &root);

    g_assert_true (json_object_get_boolean_member (alignment, "adjusted"));
    described = describe (alignment);
    g_assert_cmpstr (described, ==, "1-1 2-2 3-3 4-4 5-5 6-6 7-7 8-8 9-9 10-10 11-11 12-12");
    g_clear_pointer (&root, json_node_unref);
    g_clear_pointer (&described, g_free);
  }

  /* A split that is no split, and usage errors: nothing changes. */
  run = cli_run (fixture, "align", "p.shirabe", TRANSLATION, "--split", "2:3", NULL);
  g_assert_cmpint (run->status, ==, 2);
  cli_assert_contains (run->err, "Paragraph 2 of the original and paragraph 3 of the "
                                 "translation cannot begin a pair");
  cli_run_free (run);
  run = cli_run (fixture, "align", "p.shirabe", TRANSLATION, "--join", "12", NULL);
  g_assert_cmpint (run->status, ==, 2);
  cli_assert_contains (run->err, "Pair 12 cannot be joined with the next: the alignment has 12 "
                                 "pairs");
  cli_run_free (run);
  run = cli_run (fixture, "align", "p.shirabe", TRANSLATION, "--join", "0", NULL);
  g_assert_cmpint (run->status, ==, 1);
  cli_run_free (run);
  run = cli_run (fixture, "align", "p.shirabe", TRANSLATION, "--split", "2", NULL);
  g_assert_cmpint (run->status, ==, 1);
  cli_assert_contains (run->err, "--split takes two paragraph numbers");
  cli_run_free (run);
  run = cli_run (fixture, "align", "p.shirabe", TRANSLATION, "--join", "1", "--reset", NULL);
  g_assert_cmpint (run->status, ==, 1);
  cli_run_free (run);
  run = cli_run (fixture, "align", "p.shirabe", ORIGINAL, NULL);
  g_assert_cmpint (run->status, ==, 2);
  cli_assert_contains (run->err, "“Embassy record ATN-2004-0917” is not a translation of "
                                 "another narrative");
  cli_run_free (run);

  run = cli_run (fixture, "align", "p.shirabe", TRANSLATION, "--reset", NULL);
  cli_assert_ok (run);
  cli_run_free (run);
  g_assert_false (json_object_get_boolean_member (align_json (fixture, &root), "adjusted"));
}

/* The id of the sample's coding of @var_name by @coder in @narrative. */
static gint64
find_coding (CliFixture *fixture,
             const char *narrative,
             const char *var_name,
             const char *coder)
{
  g_autoptr(CliRun) run = cli_run (fixture, "codings", "p.shirabe", "--json", NULL);
  g_autoptr(JsonArray) codings = NULL;

  cli_assert_ok (run);
  codings = cli_json_array (run);
  for (guint i = 0; i < json_array_get_length (codings); i++)
    {
      JsonObject *g = json_array_get_object_element (codings, i);

      if (g_strcmp0 (json_object_get_string_member (g, "narrative_title"), narrative) == 0 &&
          g_strcmp0 (json_object_get_string_member (g, "var_name"), var_name) == 0 &&
          g_strcmp0 (json_object_get_string_member (g, "coder_name"), coder) == 0)
        return json_object_get_int_member (g, "id");
    }
  g_error ("no coding of %s by %s", var_name, coder);
  return 0;
}

static void
test_a_coding_is_carried_to_the_translation (CliFixture    *fixture,
                                             gconstpointer  data)
{
  g_autoptr(CliRun) codings = NULL;
  g_autoptr(JsonArray) array = NULL;
  g_autofree char *id = NULL;
  g_autofree char *said = NULL;
  JsonObject *carried = NULL;
  gint64 source;
  CliRun *run;

  make_sample (fixture);
  source = find_coding (fixture, ORIGINAL, "recruit_broker", "Sato Haruka");
  id = g_strdup_printf ("%" G_GINT64_FORMAT, source);

  run = cli_run (fixture, "copy-coding-to-translation", "p.shirabe", id, NULL);
  cli_assert_ok (run);
  said = g_strdup_printf ("Carried coding %s to “" TRANSLATION "” at 247–429 as coding ", id);
  cli_assert_contains (run->out_text, said);
  cli_run_free (run);

  codings = cli_run (fixture, "codings", "p.shirabe", "--json", NULL);
  cli_assert_ok (codings);
  array = cli_json_array (codings);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *g = json_array_get_object_element (array, i);

      if (!json_object_get_null_member (g, "carried_from"))
        {
          g_assert_null (carried);
          carried = g;
        }
    }
  g_assert_nonnull (carried);
  g_assert_cmpint (json_object_get_int_member (carried, "carried_from"), ==, source);
  g_assert_cmpstr (json_object_get_string_member (carried, "narrative_title"), ==, TRANSLATION);
  g_assert_cmpstr (json_object_get_string_member (carried, "var_name"), ==, "recruit_broker");
  g_assert_cmpstr (json_object_get_string_member (carried, "coder_name"), ==, "Sato Haruka");
  g_assert_true (g_str_has_prefix (json_object_get_string_member (carried, "excerpt"),
                                   "2. 勧誘\n対象者によると、2003年、タクロバン市で"));

  /* Once only; and not from a narrative of no family. */
  run = cli_run (fixture, "copy-coding-to-translation", "p.shirabe", id, NULL);
  g_assert_cmpint (run->status, ==, 2);
  cli_assert_contains (run->err, "The coding is already on the aligned passage 247–429 of “"
                                 TRANSLATION "”; nothing was added");
  cli_run_free (run);
  run = cli_run (fixture, "copy-coding-to-translation", "p.shirabe", id, "--to",
                 "Interview record, 20 November 2003 (translation)", NULL);
  g_assert_cmpint (run->status, ==, 2);
  cli_assert_contains (run->err, "is neither the original nor a translation of “" ORIGINAL "”");
  cli_run_free (run);
}

/* The case's counts of three codes in the cases table, exported with @side. */
static char *
export_counts (CliFixture *fixture,
               const char *side,
               gboolean    sum)
{
  g_autoptr(CliRun) run = NULL;
  g_autofree char *folder = g_strdup_printf ("out-%s-%d", side, sum);
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  g_auto(GStrv) header = NULL;
  g_auto(GStrv) first = NULL;
  GString *out = g_string_new (NULL);
  const char *args[] = { "export", "p.shirabe", folder, "--format", "csv", "--table", "cases",
                         "--header", "names", "--count", "codings", "--incomplete", "zero",
                         "--no-bom", "--translations", side,
                         sum ? "--include-translations" : NULL, NULL };

  run = cli_runv (fixture, args);
  cli_assert_ok (run);
  path = g_build_filename (fixture->dir, folder, "cases.csv", NULL);
  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  lines = g_strsplit (text, "\r\n", -1);
  header = g_strsplit (lines[0], ",", -1);
  first = g_strsplit (lines[1], ",", -1);
  g_assert_cmpuint (g_strv_length (header), ==, g_strv_length (first));
  for (const char *const *name = (const char *const[]) { "recruit_broker",
                                                          "entry_entertainer_visa", NULL };
       *name != NULL; name++)
    for (guint i = 0; header[i] != NULL; i++)
      if (g_str_equal (header[i], *name))
        g_string_append_printf (out, "%s%s=%s", out->len > 0 ? " " : "", *name, first[i]);
  return g_string_free (out, FALSE);
}

/* A case counts once: a passage coded in the embassy record and carried to its translation
 * is one coding in every count; counted from the translation's side, the carried coding is
 * the translation's; a passage coded on both sides by hand counts once unless translations
 * are asked to add up. */
static void
test_the_export_counts_a_carried_coding_once (CliFixture    *fixture,
                                              gconstpointer  data)
{
  g_autofree char *id = NULL;
  CliRun *run;
  char *counts;

  make_sample (fixture);
  id = g_strdup_printf ("%" G_GINT64_FORMAT,
                        find_coding (fixture, ORIGINAL, "recruit_broker", "Sato Haruka"));

  counts = export_counts (fixture, "translation", FALSE);
  g_assert_cmpstr (counts, ==, "recruit_broker=0 entry_entertainer_visa=2");
  g_free (counts);

  run = cli_run (fixture, "copy-coding-to-translation", "p.shirabe", id, NULL);
  cli_assert_ok (run);
  cli_run_free (run);

  counts = export_counts (fixture, "once", FALSE);
  g_assert_cmpstr (counts, ==, "recruit_broker=2 entry_entertainer_visa=2");
  g_free (counts);
  counts = export_counts (fixture, "once", TRUE);
  g_assert_cmpstr (counts, ==, "recruit_broker=2 entry_entertainer_visa=4");
  g_free (counts);
  counts = export_counts (fixture, "original", FALSE);
  g_assert_cmpstr (counts, ==, "recruit_broker=2 entry_entertainer_visa=2");
  g_free (counts);
  counts = export_counts (fixture, "translation", FALSE);
  g_assert_cmpstr (counts, ==, "recruit_broker=1 entry_entertainer_visa=2");
  g_free (counts);

  run = cli_run (fixture, "export", "p.shirabe", "x", "--format", "csv", "--translations",
                 "both", NULL);
  g_assert_cmpint (run->status, ==, 1);
  cli_assert_contains (run->err, "--translations must be once, original or translation");
  cli_run_free (run);
}

static void
test_link_translation_links_and_unlinks (CliFixture    *fixture,
                                         gconstpointer  data)
{
  g_autoptr(CliRun) narratives = NULL;
  g_autoptr(JsonArray) array = NULL;
  CliRun *run;

  make_sample (fixture);
  run = cli_run (fixture, "link-translation", "p.shirabe", TRANSLATION, "--none", NULL);
  cli_assert_ok (run);
  g_assert_cmpstr (run->out_text, ==, "“" TRANSLATION "” is no longer a translation\n");
  cli_run_free (run);
  run = cli_run (fixture, "align", "p.shirabe", TRANSLATION, NULL);
  g_assert_cmpint (run->status, ==, 2);
  cli_run_free (run);

  run = cli_run (fixture, "link-translation", "p.shirabe", TRANSLATION, ORIGINAL, NULL);
  cli_assert_ok (run);
  g_assert_cmpstr (run->out_text, ==, "“" TRANSLATION "” is a translation of “" ORIGINAL "”\n");
  cli_run_free (run);
  narratives = cli_run (fixture, "narratives", "p.shirabe", "--json", NULL);
  array = cli_json_array (narratives);
  g_assert_cmpint (json_object_get_int_member (cli_json_find (array, "title", TRANSLATION),
                                               "translation_of"), ==,
                   json_object_get_int_member (cli_json_find (array, "title", ORIGINAL), "id"));

  /* Not both, not neither, not itself. */
  run = cli_run (fixture, "link-translation", "p.shirabe", TRANSLATION, ORIGINAL, "--none", NULL);
  g_assert_cmpint (run->status, ==, 1);
  cli_run_free (run);
  run = cli_run (fixture, "link-translation", "p.shirabe", TRANSLATION, NULL);
  g_assert_cmpint (run->status, ==, 1);
  cli_run_free (run);
  run = cli_run (fixture, "link-translation", "p.shirabe", ORIGINAL, ORIGINAL, NULL);
  g_assert_cmpint (run->status, ==, 2);
  cli_assert_contains (run->err, "cannot be a translation of itself");
  cli_run_free (run);
}

/* x.th.txt and x.ja.txt: one case x, each narrative in its file's language, the Japanese one
 * a translation of the Thai; a stem with one file, or two originals, is left unpaired; a
 * pattern of one's own pairs other names. */
static void
test_import_pairs_translations_by_name (CliFixture    *fixture,
                                        gconstpointer  data)
{
  g_autoptr(CliRun) narratives = NULL;
  g_autoptr(JsonArray) array = NULL;
  JsonObject *thai, *japanese, *alone, *spanish, *english;
  CliRun *run;

  cli_new_project (fixture);
  cli_write_file (fixture, "x.th.txt", "หญิงคนหนึ่งถูกหลอก\n\nเธอหนีไปสถานทูต\n", -1);
  cli_write_file (fixture, "x.ja.txt", "女性がだまされた。\n\n彼女は大使館に逃げた。\n", -1);
  cli_write_file (fixture, "y.ja.txt", "一人だけの翻訳。\n", -1);
  cli_write_file (fixture, "w.es.txt", "Original en español.\n", -1);
  cli_write_file (fixture, "w.en.txt", "An original in English.\n", -1);
  run = cli_run (fixture, "import", "p.shirabe", "x.th.txt", "x.ja.txt", "y.ja.txt", "w.es.txt",
                 "w.en.txt", "--pair-translations", NULL);
  cli_assert_ok (run);
  g_assert_cmpstr (run->out_text, ==, "x.ja.txt: a translation of “x.th”\nImported 5 files.\n");
  cli_run_free (run);

  narratives = cli_run (fixture, "narratives", "p.shirabe", "--json", NULL);
  array = cli_json_array (narratives);
  thai = cli_json_find (array, "title", "x.th");
  japanese = cli_json_find (array, "title", "x.ja");
  alone = cli_json_find (array, "title", "y.ja");
  spanish = cli_json_find (array, "title", "w.es");
  english = cli_json_find (array, "title", "w.en");
  g_assert_cmpstr (json_object_get_string_member (thai, "language"), ==, "th");
  g_assert_cmpstr (json_object_get_string_member (japanese, "language"), ==, "ja");
  g_assert_cmpstr (json_object_get_string_member (thai, "case_name"), ==, "x");
  g_assert_cmpstr (json_object_get_string_member (japanese, "case_name"), ==, "x");
  g_assert_cmpint (json_object_get_int_member (japanese, "translation_of"), ==,
                   json_object_get_int_member (thai, "id"));
  g_assert_true (json_object_get_null_member (thai, "translation_of"));
  g_assert_true (json_object_get_null_member (alone, "translation_of"));
  g_assert_true (json_object_get_null_member (spanish, "translation_of"));
  g_assert_true (json_object_get_null_member (english, "translation_of"));

  /* Aligned at once: two paragraphs beside two. */
  run = cli_run (fixture, "align", "p.shirabe", "x.ja", NULL);
  cli_assert_ok (run);
  cli_assert_contains (run->out_text, "   2           2              2  เธอหนีไปสถานทูต");
  cli_run_free (run);

  /* Names of one's own: the Spanish as the translations' language, and a pattern. */
  cli_write_file (fixture, "case9_es.txt", "Ella huyó.\n", -1);
  cli_write_file (fixture, "case9_tl.txt", "Tumakas siya.\n", -1);
  run = cli_run (fixture, "import", "p.shirabe", "case9_es.txt", "case9_tl.txt",
                 "--pair-translations", "--translation-language", "es", "--pair-pattern",
                 "^(case[0-9]+)_([a-z]+)\\.txt$", NULL);
  cli_assert_ok (run);
  g_assert_cmpstr (run->out_text, ==,
                   "case9_es.txt: a translation of “case9_tl”\nImported 2 files.\n");
  cli_run_free (run);

  run = cli_run (fixture, "import", "p.shirabe", "y.ja.txt", "--pair-pattern", "x", NULL);
  g_assert_cmpint (run->status, ==, 1);
  cli_run_free (run);
  run = cli_run (fixture, "import", "p.shirabe", "y.ja.txt", "--pair-translations",
                 "--pair-pattern", "^(.*)\\.txt$", NULL);
  g_assert_cmpint (run->status, ==, 2);
  cli_assert_contains (run->err, "is not a pattern that can pair translations");
  cli_run_free (run);
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *sample = NULL;

  g_test_init (&argc, &argv, NULL);

  sample = g_test_build_filename (G_TEST_DIST, "..", "..", "data", "sample", NULL);
  g_setenv ("SHIRABE_SAMPLE_DIR", sample, TRUE);

  g_test_add ("/cli/translate/align-prints-the-embassy-record-by-order", CliFixture, NULL,
              cli_fixture_setup, test_align_prints_the_embassy_record_by_order,
              cli_fixture_teardown);
  g_test_add ("/cli/translate/align-joins-splits-and-resets", CliFixture, NULL,
              cli_fixture_setup, test_align_joins_splits_and_resets, cli_fixture_teardown);
  g_test_add ("/cli/translate/a-coding-is-carried-to-the-translation", CliFixture, NULL,
              cli_fixture_setup, test_a_coding_is_carried_to_the_translation,
              cli_fixture_teardown);
  g_test_add ("/cli/translate/the-export-counts-a-carried-coding-once", CliFixture, NULL,
              cli_fixture_setup, test_the_export_counts_a_carried_coding_once,
              cli_fixture_teardown);
  g_test_add ("/cli/translate/link-translation-links-and-unlinks", CliFixture, NULL,
              cli_fixture_setup, test_link_translation_links_and_unlinks, cli_fixture_teardown);
  g_test_add ("/cli/translate/import-pairs-translations-by-name", CliFixture, NULL,
              cli_fixture_setup, test_import_pairs_translations_by_name, cli_fixture_teardown);
  return g_test_run ();
}
