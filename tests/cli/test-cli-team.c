/* test-cli-team.c: `agreement`, `copy-for-coder` and `merge` as a team uses them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>

#include "cli-test-util.h"

static void
make_sample (CliFixture *fixture)
{
  g_autoptr(CliRun) run = cli_run (fixture, "sample", "p.shirabe", NULL);

  g_assert_cmpstr (run->err, ==, "");
  g_assert_cmpint (run->status, ==, 0);
}

/* What openpyxl reads of @path (tests/export/read-back.py). */
static JsonNode *
read_back (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *script = g_test_build_filename (G_TEST_DIST, "..", "export", "read-back.py", NULL);
  const char *python = g_getenv ("SHIRABE_PYTHON");
  const char *argv[] = { python ? python : "/usr/bin/python3", script, "xlsx", path, NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status = 0;
  JsonNode *root;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status,
                &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("read-back.py xlsx %s failed: %s", path, err);
  root = json_from_string (out, &error);
  g_assert_no_error (error);
  return root;
}

/* Percent agreement and Cohen's kappa for one code at the narrative unit, computed from what
 * `codings --json` lists: a narrative counts when both coders coded in it. */
static void
hand_computation (JsonArray  *codings,
                  gint64      code_id,
                  gint64      coder_a,
                  gint64      coder_b,
                  guint      *n_units,
                  double     *percent,
                  double     *kappa)
{
  g_autoptr(GHashTable) coded = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autoptr(GHashTable) has = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GArray) narratives = g_array_new (FALSE, FALSE, sizeof (gint64));
  double table[2][2] = { { 0 } }, n = 0;

  for (guint i = 0; i < json_array_get_length (codings); i++)
    {
      JsonObject *c = json_array_get_object_element (codings, i);
      gint64 narrative = json_object_get_int_member (c, "narrative_id");
      gint64 coder = json_object_get_int_member (c, "coder_id");
      guint bits = GPOINTER_TO_UINT (g_hash_table_lookup (coded, &narrative));

      if (coder != coder_a && coder != coder_b)
        continue;
      if (!g_hash_table_contains (coded, &narrative))
        g_array_append_val (narratives, narrative);
      g_hash_table_replace (coded, g_memdup2 (&narrative, sizeof narrative),
                           GUINT_TO_POINTER (bits | (coder == coder_a ? 1 : 2)));
      if (json_object_get_int_member (c, "code_id") == code_id)
        g_hash_table_add (has, g_strdup_printf ("%" G_GINT64_FORMAT "/%" G_GINT64_FORMAT,
                                                narrative, coder));
    }
  for (guint i = 0; i < narratives->len; i++)
    {
      gint64 narrative = g_array_index (narratives, gint64, i);
      g_autofree char *ka = g_strdup_printf ("%" G_GINT64_FORMAT "/%" G_GINT64_FORMAT,
                                             narrative, coder_a);
      g_autofree char *kb = g_strdup_printf ("%" G_GINT64_FORMAT "/%" G_GINT64_FORMAT,
                                             narrative, coder_b);

      if (GPOINTER_TO_UINT (g_hash_table_lookup (coded, &narrative)) != 3)
        continue;
      table[g_hash_table_contains (has, ka)][g_hash_table_contains (has, kb)] += 1;
      n += 1;
    }
  *n_units = (guint) n;
  *percent = (table[0][0] + table[1][1]) / n;
  {
    double a1 = (table[1][0] + table[1][1]) / n, b1 = (table[0][1] + table[1][1]) / n;
    double p_e = a1 * b1 + (1 - a1) * (1 - b1);

    *kappa = p_e < 1 ? (*percent - p_e) / (1 - p_e) : NAN;
  }
}

static void
test_the_sample_agreement_matches_a_hand_computation (CliFixture    *fixture,
                                                      gconstpointer  data)
{
  g_autoptr(CliRun) codings_run = NULL, run = NULL;
  g_autoptr(JsonArray) codings = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *root;
  JsonArray *codes, *coders;
  guint checked = 0;

  make_sample (fixture);
  codings_run = cli_run (fixture, "codings", "p.shirabe", "--json", NULL);
  codings = cli_json_array (codings_run);
  run = cli_run (fixture, "agreement", "p.shirabe", "--json", NULL);
  cli_assert_ok (run);
  json_parser_load_from_data (parser, run->out_text, -1, &error);
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (root, "unit"), ==, "narrative");
  coders = json_object_get_array_member (root, "coders");
  g_assert_cmpuint (json_array_get_length (coders), ==, 2);
  codes = json_object_get_array_member (root, "codes");
  g_assert_cmpuint (json_array_get_length (codes), >, 10);
  for (guint i = 0; i < json_array_get_length (codes); i++)
    {
      JsonObject *record = json_array_get_object_element (codes, i);
      guint n_units;
      double percent, kappa;

      hand_computation (codings, json_object_get_int_member (record, "code_id"),
                        json_object_get_int_member (json_array_get_object_element (coders, 0), "id"),
                        json_object_get_int_member (json_array_get_object_element (coders, 1), "id"),
                        &n_units, &percent, &kappa);
      g_assert_cmpint (json_object_get_int_member (record, "units"), ==, n_units);
      g_assert_cmpfloat_with_epsilon (json_object_get_double_member (record, "percent"), percent,
                                      1e-9);
      if (isnan (kappa))
        g_assert_true (json_node_is_null (json_object_get_member (record, "kappa")));
      else
        {
          g_assert_cmpfloat_with_epsilon (json_object_get_double_member (record, "kappa"), kappa,
                                          1e-9);
          checked++;
        }
      g_assert_nonnull (json_object_get_string_member (record, "uuid"));
    }
  g_assert_cmpuint (checked, >, 5);
  g_assert_true (json_object_get_boolean_member (json_object_get_object_member (root, "pooled"),
                                                 "pooled"));
}

static void
test_the_workbook_has_the_figures_and_the_disagreements (CliFixture    *fixture,
                                                         gconstpointer  data)
{
  g_autoptr(CliRun) run = NULL;
  g_autoptr(JsonNode) workbook = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *xlsx = cli_path (fixture, "agreement.xlsx");
  JsonArray *sheets, *summary, *disagreements, *header;
  JsonObject *pooled;

  make_sample (fixture);
  run = cli_run (fixture, "agreement", "p.shirabe", "--json", NULL);
  cli_assert_ok (run);
  g_assert_true (json_parser_load_from_data (parser, run->out_text, -1, NULL));
  pooled = json_object_get_object_member (json_node_get_object (json_parser_get_root (parser)),
                                          "pooled");
  run = (cli_run_free (run), cli_run (fixture, "agreement", "p.shirabe", "--xlsx", "agreement.xlsx",
                                      NULL));
  cli_assert_ok (run);
  workbook = read_back (xlsx);
  sheets = json_object_get_array_member (json_node_get_object (workbook), "sheets");
  g_assert_cmpuint (json_array_get_length (sheets), ==, 2);
  summary = json_object_get_array_member (json_array_get_object_element (sheets, 0), "rows");
  disagreements = json_object_get_array_member (json_array_get_object_element (sheets, 1), "rows");
  header = json_array_get_array_element (summary, 0);
  /* Both labels in the rows: the Japanese label of the first code. */
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (header, 1), "v"),
                   ==, "Code (Japanese)");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (
                     json_array_get_array_element (summary, 1), 1), "v"), ==, "出身地（地域・国）");
  g_assert_cmpuint (json_array_get_length (disagreements), ==,
                    json_object_get_int_member (pooled, "disagreements") + 1);
  {
    JsonArray *last = json_array_get_array_element (summary, json_array_get_length (summary) - 1);

    g_assert_cmpfloat_with_epsilon (json_object_get_double_member (
                                      json_array_get_object_element (last, 4), "v"),
                                    json_object_get_double_member (pooled, "percent"), 1e-9);
  }
}

static void
test_two_blind_coders_merge_twice (CliFixture    *fixture,
                                   gconstpointer  data)
{
  g_autoptr(CliRun) run = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonArray *copies;

  make_sample (fixture);
  run = cli_run (fixture, "copy-for-coder", "p.shirabe", "aiko.shirabe", "--coder", "Aiko",
                 "--blind", NULL);
  cli_assert_ok (run);
  run = (cli_run_free (run), cli_run (fixture, "copy-for-coder", "p.shirabe", "ben.shirabe",
                                      "--coder", "Ben", "--blind", NULL));
  cli_assert_ok (run);
  run = (cli_run_free (run), cli_run (fixture, "codings", "aiko.shirabe", "--json", NULL));
  g_assert_cmpstr (g_strstrip (run->out_text), ==, "[]");
  run = (cli_run_free (run), cli_run (fixture, "code", "aiko.shirabe", "1", "control_debt_bondage",
                                      "0", "40", "--coder", "Aiko", NULL));
  cli_assert_ok (run);
  run = (cli_run_free (run), cli_run (fixture, "code", "ben.shirabe", "1", "control_debt_bondage",
                                      "5", "40", "--coder", "Ben", NULL));
  cli_assert_ok (run);
  run = (cli_run_free (run), cli_run (fixture, "code", "ben.shirabe", "1", "control_violence",
                                      "100", "140", "--coder", "Ben", NULL));
  cli_assert_ok (run);
  run = (cli_run_free (run), cli_run (fixture, "merge", "p.shirabe", "aiko.shirabe",
                                      "ben.shirabe", "--dry-run", NULL));
  cli_assert_ok (run);
  cli_assert_contains (run->out_text, "Dry run");
  run = (cli_run_free (run), cli_run (fixture, "merge", "p.shirabe", "aiko.shirabe",
                                      "ben.shirabe", "--json", NULL));
  cli_assert_ok (run);
  g_assert_true (json_parser_load_from_data (parser, run->out_text, -1, NULL));
  copies = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)),
                                         "copies");
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (copies, 0),
                                               "codings_added"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (copies, 1),
                                               "codings_added"), ==, 2);
  run = (cli_run_free (run), cli_run (fixture, "merge", "p.shirabe", "aiko.shirabe",
                                      "ben.shirabe", "--json", NULL));
  cli_assert_ok (run);
  g_assert_true (json_parser_load_from_data (parser, run->out_text, -1, NULL));
  copies = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)),
                                         "copies");
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (copies, 0),
                                               "codings_added"), ==, 0);
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (copies, 1),
                                               "codings_added"), ==, 0);
  run = (cli_run_free (run), cli_run (fixture, "agreement", "p.shirabe", "--coders", "Aiko,Ben",
                                      "--unit", "segment", NULL));
  cli_assert_ok (run);
  /* Debt bondage: [0,40) and [5,40) match; Violence by Ben alone. */
  cli_assert_contains (run->out_text, "Debt bondage");
  cli_assert_contains (run->out_text, "1.000");
}

static void
test_bad_requests_say_what_is_wrong (CliFixture    *fixture,
                                     gconstpointer  data)
{
  g_autoptr(CliRun) run = NULL;
  g_autofree char *before = NULL;

  make_sample (fixture);
  before = cli_checksum_file (fixture, "p.shirabe");
  run = cli_run (fixture, "agreement", "p.shirabe", "--coders", "Nobody,Sato Haruka", NULL);
  g_assert_cmpint (run->status, ==, 2);
  cli_assert_contains (run->err, "Nobody");
  run = (cli_run_free (run), cli_run (fixture, "agreement", "p.shirabe", "--unit", "word", NULL));
  g_assert_cmpint (run->status, ==, 1);
  run = (cli_run_free (run), cli_run (fixture, "merge", "p.shirabe", "p.shirabe", NULL));
  g_assert_cmpint (run->status, ==, 2);
  cli_assert_contains (run->err, "itself");
  run = (cli_run_free (run), cli_run (fixture, "new", "other.shirabe", NULL));
  cli_assert_ok (run);
  run = (cli_run_free (run), cli_run (fixture, "merge", "p.shirabe", "other.shirabe", NULL));
  g_assert_cmpint (run->status, ==, 2);
  cli_assert_contains (run->err, "another project");
  {
    g_autofree char *after = cli_checksum_file (fixture, "p.shirabe");

    g_assert_cmpstr (after, ==, before);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *sample = NULL;

  g_test_init (&argc, &argv, NULL);
  sample = g_test_build_filename (G_TEST_DIST, "..", "..", "data", "sample", NULL);
  g_setenv ("SHIRABE_SAMPLE_DIR", sample, TRUE);
#define ADD(name, func) \
  g_test_add ("/cli/team/" name, CliFixture, NULL, cli_fixture_setup, func, cli_fixture_teardown)
  ADD ("the-sample-agreement-matches-a-hand-computation",
       test_the_sample_agreement_matches_a_hand_computation);
  ADD ("the-workbook-has-the-figures-and-the-disagreements",
       test_the_workbook_has_the_figures_and_the_disagreements);
  ADD ("two-blind-coders-merge-twice-and-agreement-reads-them",
       test_two_blind_coders_merge_twice);
  ADD ("bad-requests-say-what-is-wrong-and-change-nothing",
       test_bad_requests_say_what_is_wrong);
#undef ADD
  return g_test_run ();
}
