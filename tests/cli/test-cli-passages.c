/* test-cli-passages.c: `shirabe-cli passages` on the sample project, against a brute force
 * over what `codings`, `narratives` and `attrs` say
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "cli-test-util.h"

static void
make_sample (CliFixture *fixture)
{
  g_autoptr(CliRun) run = cli_run (fixture, "sample", "p.shirabe", NULL);

  g_assert_cmpint (run->status, ==, 0);
}

/* "narrative_id start end coder" of each coding of @var_name in a Thai case. */
static GPtrArray *
brute_force_thai (CliFixture *fixture,
                  const char *var_name)
{
  g_autoptr(CliRun) narratives_run = cli_run (fixture, "narratives", "p.shirabe", "--json", NULL);
  g_autoptr(CliRun) codings_run = cli_run (fixture, "codings", "p.shirabe", "--json", NULL);
  g_autoptr(JsonArray) narratives = cli_json_array (narratives_run);
  g_autoptr(JsonArray) codings = cli_json_array (codings_run);
  g_autoptr(GHashTable) thai_case = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) thai_narrative = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GPtrArray *rows = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < json_array_get_length (narratives); i++)
    {
      JsonObject *n = json_array_get_object_element (narratives, i);
      g_autofree char *case_id = g_strdup_printf ("%" G_GINT64_FORMAT,
                                                  json_object_get_int_member (n, "case_id"));
      g_autofree char *narrative_id = g_strdup_printf ("%" G_GINT64_FORMAT,
                                                       json_object_get_int_member (n, "id"));

      if (!g_hash_table_contains (thai_case, case_id))
        {
          g_autoptr(CliRun) attrs_run = cli_run (fixture, "attrs", "p.shirabe", case_id, "--json", NULL);
          g_autoptr(JsonArray) attrs = cli_json_array (attrs_run);
          JsonObject *nationality = cli_json_find (attrs, "var_name", "nationality");
          const char *value = json_object_get_string_member_with_default (nationality, "value", "");

          g_hash_table_insert (thai_case, g_strdup (case_id),
                               GINT_TO_POINTER (g_str_equal (value, "Thailand") ? 2 : 1));
        }
      if (GPOINTER_TO_INT (g_hash_table_lookup (thai_case, case_id)) == 2)
        g_hash_table_add (thai_narrative, g_steal_pointer (&narrative_id));
    }

  for (guint i = 0; i < json_array_get_length (codings); i++)
    {
      JsonObject *c = json_array_get_object_element (codings, i);
      g_autofree char *narrative_id = g_strdup_printf ("%" G_GINT64_FORMAT,
                                                       json_object_get_int_member (c, "narrative_id"));

      if (g_strcmp0 (json_object_get_string_member (c, "var_name"), var_name) == 0 &&
          g_hash_table_contains (thai_narrative, narrative_id))
        g_ptr_array_add (rows, g_strdup_printf ("%s %" G_GINT64_FORMAT " %" G_GINT64_FORMAT " %s",
                                                narrative_id,
                                                json_object_get_int_member (c, "start"),
                                                json_object_get_int_member (c, "end"),
                                                json_object_get_string_member (c, "coder_name")));
    }
  return rows;
}

static int
compare_rows (gconstpointer a,
              gconstpointer b)
{
  return strcmp (*(char * const *) a, *(char * const *) b);
}

static void
test_debt_bondage_of_thai_cases (CliFixture    *fixture,
                                 gconstpointer  data)
{
  g_autoptr(CliRun) run = NULL;
  g_autoptr(JsonArray) passages = NULL;
  g_autoptr(GPtrArray) expected = NULL;
  g_autoptr(GPtrArray) got = g_ptr_array_new_with_free_func (g_free);

  make_sample (fixture);
  expected = brute_force_thai (fixture, "control_debt_bondage");
  g_assert_cmpuint (expected->len, >, 0);

  run = cli_run (fixture, "passages", "p.shirabe", "--code", "control_debt_bondage",
                 "--where", "nationality = Thailand", "--context", "40", "--json", NULL);
  cli_assert_ok (run);
  passages = cli_json_array (run);
  for (guint i = 0; i < json_array_get_length (passages); i++)
    {
      JsonObject *p = json_array_get_object_element (passages, i);

      g_assert_cmpstr (json_object_get_string_member (p, "codes"), ==, "Debt bondage");
      g_assert_cmpint (g_utf8_strlen (json_object_get_string_member (p, "excerpt"), -1), ==,
                       json_object_get_int_member (p, "end") - json_object_get_int_member (p, "start"));
      g_ptr_array_add (got, g_strdup_printf ("%" G_GINT64_FORMAT " %" G_GINT64_FORMAT " %" G_GINT64_FORMAT " %s",
                                             json_object_get_int_member (p, "narrative_id"),
                                             json_object_get_int_member (p, "start"),
                                             json_object_get_int_member (p, "end"),
                                             json_object_get_string_member (p, "coders")));
    }
  g_ptr_array_sort (expected, compare_rows);
  g_ptr_array_sort (got, compare_rows);
  g_assert_cmpuint (got->len, ==, expected->len);
  for (guint i = 0; i < got->len; i++)
    g_assert_cmpstr (g_ptr_array_index (got, i), ==, g_ptr_array_index (expected, i));
}

static void
test_json_lines_give_one_object_a_line (CliFixture    *fixture,
                                        gconstpointer  data)
{
  g_autoptr(CliRun) run = NULL;
  g_autoptr(CliRun) json_run = NULL;
  g_autoptr(JsonArray) all = NULL;
  g_auto(GStrv) lines = NULL;
  guint n_lines = 0;

  make_sample (fixture);
  run = cli_run (fixture, "passages", "p.shirabe", "--subtree", "control", "--jsonl", NULL);
  cli_assert_ok (run);
  json_run = cli_run (fixture, "passages", "p.shirabe", "--subtree", "control", "--json", NULL);
  all = cli_json_array (json_run);
  lines = g_strsplit (run->out_text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autoptr(GError) error = NULL;

      if (*lines[i] == '\0')
        continue;
      json_parser_load_from_data (parser, lines[i], -1, &error);
      g_assert_no_error (error);
      g_assert_true (JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)));
      n_lines++;
    }
  g_assert_cmpuint (n_lines, >, 10);
  g_assert_cmpuint (n_lines, ==, json_array_get_length (all));
}

static void
test_a_malformed_condition_is_a_usage_error (CliFixture    *fixture,
                                             gconstpointer  data)
{
  g_autoptr(CliRun) run = NULL;

  make_sample (fixture);
  run = cli_run (fixture, "passages", "p.shirabe", "--code", "control_debt_bondage",
                 "--where", "nationality = \"Thai", NULL);
  g_assert_cmpint (run->status, ==, 1);
  cli_assert_contains (run->err, "quote");
  run = (cli_run_free (run), cli_run (fixture, "passages", "p.shirabe", "--code",
                                      "control_debt_bondage", "--where", "shoe_size = 3", NULL));
  g_assert_cmpint (run->status, ==, 1);
  cli_assert_contains (run->err, "shoe_size");
  run = (cli_run_free (run), cli_run (fixture, "passages", "p.shirabe", "--code",
                                      "control_debt_bondage", "--where", "nationality >= 3", NULL));
  g_assert_cmpint (run->status, ==, 1);
  cli_assert_contains (run->err, "Nationality");
}

/* The codes of the sample's Exploitation subtree, three levels deep, the category first (it
 * has no codings itself). */
static const char *const exploitation_subtree[] = {
  "exploitation", "exploit_sexual", "exploit_hostess", "exploit_forced_labour",
  "labour_manufacturing", "labour_agriculture", "labour_construction", "labour_fishing",
  "exploit_domestic_servitude", "exploit_forced_marriage",
};

/* "narrative start end coding-ids" of each passage `passages p.shirabe --subtree control`
 * gives with @option given each of @codes in turn (one run), sorted when @sorted. */
static GPtrArray *
passage_rows (CliFixture         *fixture,
              const char         *option,
              const char * const *codes,
              guint               n_codes,
              gboolean            sorted)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_autoptr(CliRun) run = NULL;
  g_autoptr(JsonArray) passages = NULL;
  GPtrArray *rows = g_ptr_array_new_with_free_func (g_free);

  g_ptr_array_add (args, "passages");
  g_ptr_array_add (args, "p.shirabe");
  g_ptr_array_add (args, "--subtree");
  g_ptr_array_add (args, "control");
  g_ptr_array_add (args, "--within");
  g_ptr_array_add (args, "150");
  g_ptr_array_add (args, "--json");
  for (guint i = 0; i < n_codes; i++)
    {
      g_ptr_array_add (args, (gpointer) option);
      g_ptr_array_add (args, (gpointer) codes[i]);
    }
  g_ptr_array_add (args, NULL);
  run = cli_runv (fixture, (const char * const *) args->pdata);
  cli_assert_ok (run);
  passages = cli_json_array (run);
  for (guint i = 0; i < json_array_get_length (passages); i++)
    {
      JsonObject *p = json_array_get_object_element (passages, i);
      JsonArray *ids = json_object_get_array_member (p, "coding_ids");
      GString *row = g_string_new (NULL);

      g_string_printf (row, "%" G_GINT64_FORMAT " %" G_GINT64_FORMAT " %" G_GINT64_FORMAT,
                       json_object_get_int_member (p, "narrative_id"),
                       json_object_get_int_member (p, "start"),
                       json_object_get_int_member (p, "end"));
      for (guint k = 0; k < json_array_get_length (ids); k++)
        g_string_append_printf (row, " %" G_GINT64_FORMAT, json_array_get_int_element (ids, k));
      g_ptr_array_add (rows, g_string_free (row, FALSE));
    }
  if (sorted)
    g_ptr_array_sort (rows, compare_rows);
  return rows;
}

static void
assert_same_rows (GPtrArray  *expected,
                  GPtrArray  *got,
                  const char *what)
{
  if (expected->len != got->len)
    g_error ("%s: %u passages, expected %u", what, got->len, expected->len);
  for (guint i = 0; i < got->len; i++)
    g_assert_cmpstr (g_ptr_array_index (got, i), ==, g_ptr_array_index (expected, i));
}

/* --all-of-subtree, --overlapping-subtree, --near-subtree and --not-subtree take any code of
 * the subtree: as the codes named one by one where the operator takes any of them (overlapping,
 * near's passages, not), and not as the category alone, which has no codings. */
static void
test_every_operator_takes_a_subtree (CliFixture    *fixture,
                                     gconstpointer  data)
{
  const char *exploitation[] = { "exploitation" };
  guint n = G_N_ELEMENTS (exploitation_subtree);
  g_autoptr(GPtrArray) any_of = NULL;
  g_autoptr(GPtrArray) got = NULL;
  g_autoptr(GPtrArray) union_of_near = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) all_not = NULL;
  g_autoptr(GPtrArray) category = NULL;

  make_sample (fixture);

  /* the category alone: nothing overlaps it */
  category = passage_rows (fixture, "--overlapping", exploitation, 1, FALSE);
  g_assert_cmpuint (category->len, ==, 0);

  any_of = passage_rows (fixture, "--overlapping", exploitation_subtree, n, FALSE);
  g_assert_cmpuint (any_of->len, >, 0);
  got = passage_rows (fixture, "--overlapping-subtree", exploitation, 1, FALSE);
  assert_same_rows (any_of, got, "--overlapping-subtree exploitation");
  /* one all-of group of the subtree is the overlap with any of it */
  g_clear_pointer (&got, g_ptr_array_unref);
  got = passage_rows (fixture, "--all-of-subtree", exploitation, 1, FALSE);
  assert_same_rows (any_of, got, "--all-of-subtree exploitation");

  /* near any code of the subtree: a passage near one of them */
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GPtrArray) near = passage_rows (fixture, "--near", &exploitation_subtree[i], 1, TRUE);

      for (guint k = 0; k < near->len; k++)
        {
          gboolean seen = FALSE;

          for (guint j = 0; j < union_of_near->len && !seen; j++)
            seen = g_str_equal (g_ptr_array_index (union_of_near, j), g_ptr_array_index (near, k));
          if (!seen)
            g_ptr_array_add (union_of_near, g_strdup (g_ptr_array_index (near, k)));
        }
    }
  g_ptr_array_sort (union_of_near, compare_rows);
  g_assert_cmpuint (union_of_near->len, >, 0);
  g_clear_pointer (&got, g_ptr_array_unref);
  got = passage_rows (fixture, "--near-subtree", exploitation, 1, TRUE);
  assert_same_rows (union_of_near, got, "--near-subtree exploitation");

  /* overlapping none of the subtree's codes */
  all_not = passage_rows (fixture, "--not", exploitation_subtree, n, FALSE);
  g_clear_pointer (&got, g_ptr_array_unref);
  got = passage_rows (fixture, "--not-subtree", exploitation, 1, FALSE);
  assert_same_rows (all_not, got, "--not-subtree exploitation");
  g_clear_pointer (&category, g_ptr_array_unref);
  category = passage_rows (fixture, "--not", exploitation, 1, FALSE);
  g_assert_cmpuint (category->len, >, got->len);
}

/* What openpyxl or Python's csv module reads of @path (tests/export/read-back.py). */
static JsonNode *
read_back (const char *kind,
           const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *script = g_test_build_filename (G_TEST_DIST, "..", "export", "read-back.py", NULL);
  const char *python = g_getenv ("SHIRABE_PYTHON");
  const char *argv[] = { python ? python : "/usr/bin/python3", script, kind, path, NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status = 0;
  JsonNode *root;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status,
                &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("read-back.py %s %s failed: %s", kind, path, err);
  root = json_from_string (out, &error);
  g_assert_no_error (error);
  return root;
}

static void
test_the_quote_list_has_the_attribute_columns (CliFixture    *fixture,
                                               gconstpointer  data)
{
  g_autoptr(CliRun) run = NULL;
  g_autoptr(JsonArray) passages = NULL;
  g_autoptr(JsonNode) workbook = NULL;
  g_autoptr(JsonNode) folder = NULL;
  g_autofree char *xlsx = cli_path (fixture, "quotes.xlsx");
  g_autofree char *csv = cli_path (fixture, "quotes");
  JsonArray *rows, *header;
  gboolean has_nationality = FALSE;

  make_sample (fixture);
  run = cli_run (fixture, "passages", "p.shirabe", "--code", "control_debt_bondage",
                 "--where", "nationality = Thailand", "--json", NULL);
  cli_assert_ok (run);
  passages = cli_json_array (run);
  run = (cli_run_free (run), cli_run (fixture, "passages", "p.shirabe", "--code",
                                      "control_debt_bondage", "--where", "nationality = Thailand",
                                      "--context", "40", "--xlsx", "quotes.xlsx", NULL));
  cli_assert_ok (run);
  workbook = read_back ("xlsx", xlsx);
  rows = json_object_get_array_member (
    json_array_get_object_element (json_object_get_array_member (json_node_get_object (workbook),
                                                                 "sheets"), 0), "rows");
  g_assert_cmpuint (json_array_get_length (rows), ==, json_array_get_length (passages) + 1);
  header = json_array_get_array_element (rows, 0);
  for (guint i = 0; i < json_array_get_length (header); i++)
    if (g_strcmp0 (json_object_get_string_member (json_array_get_object_element (header, i), "v"),
                   "Nationality") == 0)
      {
        has_nationality = TRUE;
        for (guint r = 1; r < json_array_get_length (rows); r++)
          g_assert_cmpstr (json_object_get_string_member (
                             json_array_get_object_element (json_array_get_array_element (rows, r), i),
                             "v"), ==, "Thailand");
      }
  g_assert_true (has_nationality);

  run = (cli_run_free (run), cli_run (fixture, "passages", "p.shirabe", "--code",
                                      "control_debt_bondage", "--where", "nationality = Thailand",
                                      "--csv", "quotes", NULL));
  cli_assert_ok (run);
  folder = read_back ("csv", csv);
  rows = json_object_get_array_member (
    json_array_get_object_element (json_object_get_array_member (json_node_get_object (folder),
                                                                 "files"), 0), "rows");
  g_assert_cmpuint (json_array_get_length (rows), ==, json_array_get_length (passages) + 1);
  g_assert_cmpstr (json_array_get_string_element (json_array_get_array_element (rows, 0), 10), ==,
                   "Nationality");

  /* never over the project */
  run = (cli_run_free (run), cli_run (fixture, "passages", "p.shirabe", "--code",
                                      "control_debt_bondage", "--xlsx", "p.shirabe", NULL));
  g_assert_cmpint (run->status, ==, 2);
}

/* A quote list is one table: --csv with a name ending in .csv writes that one file, which
 * Python's csv module reads as the list with its attribute columns. */
static void
test_csv_to_a_file_name_writes_that_file (CliFixture    *fixture,
                                          gconstpointer  data)
{
  g_autoptr(CliRun) run = NULL;
  g_autoptr(JsonArray) passages = NULL;
  g_autoptr(JsonNode) read = NULL;
  g_autofree char *csv = cli_path (fixture, "Quotes.CSV");
  JsonArray *files, *rows;
  JsonObject *file;

  make_sample (fixture);
  run = cli_run (fixture, "passages", "p.shirabe", "--subtree", "control", "--where",
                 "nationality = Thailand", "--context", "30", "--json", NULL);
  cli_assert_ok (run);
  passages = cli_json_array (run);
  g_assert_cmpuint (json_array_get_length (passages), >, 0);
  run = (cli_run_free (run), cli_run (fixture, "passages", "p.shirabe", "--subtree", "control",
                                      "--where", "nationality = Thailand", "--context", "30",
                                      "--csv", "Quotes.CSV", NULL));
  cli_assert_ok (run);
  g_assert_true (g_file_test (csv, G_FILE_TEST_IS_REGULAR));
  read = read_back ("csv", csv);
  files = json_object_get_array_member (json_node_get_object (read), "files");
  g_assert_cmpuint (json_array_get_length (files), ==, 1);
  file = json_array_get_object_element (files, 0);
  g_assert_cmpstr (json_object_get_string_member (file, "name"), ==, "Quotes.CSV");
  g_assert_true (json_object_get_boolean_member (file, "crlf"));
  rows = json_object_get_array_member (file, "rows");
  g_assert_cmpuint (json_array_get_length (rows), ==, json_array_get_length (passages) + 1);
  g_assert_cmpstr (json_array_get_string_element (json_array_get_array_element (rows, 0), 6), ==,
                   "Passage");
  g_assert_cmpstr (json_array_get_string_element (json_array_get_array_element (rows, 0), 10), ==,
                   "Nationality");
  for (guint i = 0; i < json_array_get_length (passages); i++)
    {
      JsonObject *p = json_array_get_object_element (passages, i);
      JsonArray *row = json_array_get_array_element (rows, i + 1);

      g_assert_cmpstr (json_array_get_string_element (row, 6), ==,
                       json_object_get_string_member (p, "excerpt"));
      g_assert_cmpstr (json_array_get_string_element (row, 10), ==, "Thailand");
    }
}

/* A passage longer than a cell holds is cut as the statistics export cuts it, with the marker
 * saying how long it is in full, within Excel's limit counted in UTF-16 units (openpyxl reads
 * the workbook). */
static void
test_a_long_passage_is_cut_with_the_marker (CliFixture    *fixture,
                                            gconstpointer  data)
{
  g_autoptr(CliRun) run = NULL;
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(JsonNode) workbook = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *xlsx = cli_path (fixture, "long.xlsx");
  JsonArray *rows;
  const char *passage;
  glong units = 0;

  /* 40,000 characters, some outside the BMP (two UTF-16 units each, as Excel counts). */
  for (guint i = 0; i < 10000; i++)
    g_string_append (text, i % 2 ? "語りab" : "𠮷語りa");
  cli_write_file (fixture, "long.txt", text->str, text->len);
  run = cli_run (fixture, "new", "p.shirabe", NULL);
  cli_assert_ok (run);
  run = (cli_run_free (run), cli_run (fixture, "import", "p.shirabe", "long.txt", NULL));
  g_assert_cmpint (run->status, ==, 0);
  run = (cli_run_free (run), cli_run (fixture, "add-code", "p.shirabe", "Long", NULL));
  g_assert_cmpint (run->status, ==, 0);
  run = (cli_run_free (run), cli_run (fixture, "code", "p.shirabe", "long", "Long", "0", "40000",
                                      "--coder", "Aiko", NULL));
  g_assert_cmpint (run->status, ==, 0);
  run = (cli_run_free (run), cli_run (fixture, "passages", "p.shirabe", "--code", "Long",
                                      "--xlsx", "long.xlsx", NULL));
  cli_assert_ok (run);

  workbook = read_back ("xlsx", xlsx);
  rows = json_object_get_array_member (
    json_array_get_object_element (json_object_get_array_member (json_node_get_object (workbook),
                                                                 "sheets"), 0), "rows");
  g_assert_cmpuint (json_array_get_length (rows), ==, 2);
  passage = json_object_get_string_member (
    json_array_get_object_element (json_array_get_array_element (rows, 1), 6), "v");
  g_assert_true (g_str_has_prefix (passage, "𠮷語りa語りab"));
  g_assert_true (g_str_has_suffix (passage, " …[cut; 40000 characters in full]"));
  g_free (g_utf8_to_utf16 (passage, -1, NULL, &units, &error));
  g_assert_no_error (error);
  g_assert_cmpint (units, <=, 32767);
  g_assert_cmpint (units, >, 32700);
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *sample = NULL;

  g_test_init (&argc, &argv, NULL);

  sample = g_test_build_filename (G_TEST_DIST, "..", "..", "data", "sample", NULL);
  g_setenv ("SHIRABE_SAMPLE_DIR", sample, TRUE);

  g_test_add ("/cli/passages/debt-bondage-of-thai-cases-are-those-a-brute-force-finds", CliFixture,
              NULL, cli_fixture_setup, test_debt_bondage_of_thai_cases, cli_fixture_teardown);
  g_test_add ("/cli/passages/json-lines-give-one-object-a-line", CliFixture, NULL,
              cli_fixture_setup, test_json_lines_give_one_object_a_line, cli_fixture_teardown);
  g_test_add ("/cli/passages/a-malformed-condition-is-a-usage-error-naming-the-problem", CliFixture,
              NULL, cli_fixture_setup, test_a_malformed_condition_is_a_usage_error,
              cli_fixture_teardown);

  g_test_add ("/cli/passages/every-operator-takes-a-subtree", CliFixture, NULL,
              cli_fixture_setup, test_every_operator_takes_a_subtree, cli_fixture_teardown);
  g_test_add ("/cli/passages/csv-to-a-file-name-writes-that-file", CliFixture, NULL,
              cli_fixture_setup, test_csv_to_a_file_name_writes_that_file, cli_fixture_teardown);
  g_test_add ("/cli/passages/a-long-passage-is-cut-with-the-marker", CliFixture, NULL,
              cli_fixture_setup, test_a_long_passage_is_cut_with_the_marker, cli_fixture_teardown);
  g_test_add ("/cli/passages/the-quote-list-has-the-attribute-columns", CliFixture, NULL,
              cli_fixture_setup, test_the_quote_list_has_the_attribute_columns,
              cli_fixture_teardown);

  return g_test_run ();
}
