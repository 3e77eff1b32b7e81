/* test-cli-organise.c: a case's three files put under one case, named, linked and tidied
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "cli-test-util.h"

/* The value of @member in the listing's row whose @key member is @value. */
static char *
listed (CliFixture *fixture,
        const char *command,
        const char *key,
        const char *value,
        const char *member)
{
  g_autoptr(CliRun) run = cli_run (fixture, command, "p.shirabe", "--json", NULL);
  JsonArray *rows;

  cli_assert_ok (run);
  rows = cli_json_array (run);
  for (guint i = 0; i < json_array_get_length (rows); i++)
    {
      JsonObject *row = json_array_get_object_element (rows, i);

      if (g_strcmp0 (json_object_get_string_member_with_default (row, key, ""), value) == 0)
        {
          JsonNode *node = json_object_get_member (row, member);

          if (node == NULL || JSON_NODE_HOLDS_NULL (node))
            return g_strdup ("");
          if (json_node_get_value_type (node) == G_TYPE_STRING)
            return g_strdup (json_node_get_string (node));
          return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
        }
    }
  return NULL;
}

static void
test_three_files_of_one_case_become_one_case (CliFixture    *fixture,
                                              gconstpointer  data)
{
  g_autoptr(CliRun) run = NULL;
  g_autofree char *case_of_court = NULL;
  g_autofree char *language = NULL;
  g_autofree char *original = NULL;
  g_autofree char *interview_id = NULL;

  cli_new_project (fixture);
  cli_write_file (fixture, "interview.txt", "空港で旅券を取り上げられた。", -1);
  cli_write_file (fixture, "ngo.txt", "支援団体が保護した。", -1);
  cli_write_file (fixture, "court.txt", "The court found the broker guilty.", -1);
  run = cli_run (fixture, "import", "p.shirabe", "interview.txt", "ngo.txt", "court.txt", NULL);
  g_assert_cmpint (run->status, ==, 0);
  run = (cli_run_free (run), cli_run (fixture, "set-attr", "p.shirabe", "interview",
                                      "nationality", "Thai", NULL));
  cli_assert_ok (run);
  run = (cli_run_free (run), cli_run (fixture, "set-attr", "p.shirabe", "ngo", "nationality",
                                      "Thailand", NULL));
  cli_assert_ok (run);

  /* A conflict is shown and must be settled. */
  run = (cli_run_free (run), cli_run (fixture, "merge-cases", "p.shirabe", "interview", "ngo",
                                      NULL));
  g_assert_cmpint (run->status, ==, 2);
  cli_assert_contains (run->err, "nationality: “Thai” (into) or “Thailand” (from)");
  cli_assert_contains (run->err, "--keep");
  run = (cli_run_free (run), cli_run (fixture, "merge-cases", "p.shirabe", "interview", "ngo",
                                      "--keep", "from", NULL));
  cli_assert_ok (run);
  run = (cli_run_free (run), cli_run (fixture, "attrs", "p.shirabe", "interview", NULL));
  cli_assert_contains (run->out_text, "Thailand");

  /* The court record joins the case, takes a title, and is the interview's translation. */
  run = (cli_run_free (run), cli_run (fixture, "move-narrative", "p.shirabe", "court",
                                      "interview", NULL));
  cli_assert_ok (run);
  run = (cli_run_free (run), cli_run (fixture, "rename-narrative", "p.shirabe", "court",
                                      "Court record (en)", NULL));
  cli_assert_ok (run);
  run = (cli_run_free (run), cli_run (fixture, "set-narrative", "p.shirabe", "Court record (en)",
                                      "--language", "en", "--kind", "court-document",
                                      "--translation-of", "interview", NULL));
  cli_assert_ok (run);
  case_of_court = listed (fixture, "narratives", "title", "Court record (en)", "case_name");
  g_assert_cmpstr (case_of_court, ==, "interview");
  language = listed (fixture, "narratives", "title", "Court record (en)", "language");
  g_assert_cmpstr (language, ==, "en");
  original = listed (fixture, "narratives", "title", "Court record (en)", "translation_of");
  interview_id = listed (fixture, "narratives", "title", "interview", "id");
  g_assert_cmpstr (original, ==, interview_id);

  /* A narrative is never its own translation, however far round. */
  run = (cli_run_free (run), cli_run (fixture, "set-narrative", "p.shirabe", "interview",
                                      "--translation-of", "Court record (en)", NULL));
  g_assert_cmpint (run->status, ==, 2);
  cli_assert_contains (run->err, "cannot be each other’s translations");
  run = (cli_run_free (run), cli_run (fixture, "set-narrative", "p.shirabe", "interview", NULL));
  g_assert_cmpint (run->status, ==, 1);
  /* A language is a BCP 47 tag; what is not one is refused, naming it, and nothing changes. */
  run = (cli_run_free (run), cli_run (fixture, "set-narrative", "p.shirabe", "Court record (en)",
                                      "--language", "English (US)", "--kind", "interview",
                                      NULL));
  g_assert_cmpint (run->status, ==, 2);
  cli_assert_contains (run->err, "“English (US)” is not a language tag");
  g_free (language);
  language = listed (fixture, "narratives", "title", "Court record (en)", "kind");
  g_assert_cmpstr (language, ==, "court-document");

  /* The emptied case goes first in the list, then is deleted; a narrative is deleted too. */
  run = (cli_run_free (run), cli_run (fixture, "move-case", "p.shirabe", "court", "1", NULL));
  cli_assert_ok (run);
  {
    g_autoptr(CliRun) cases = cli_run (fixture, "cases", "p.shirabe", "--json", NULL);
    JsonArray *rows = cli_json_array (cases);

    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (rows, 0),
                                                    "name"), ==, "court");
    g_assert_cmpuint (json_array_get_length (rows), ==, 2);
  }
  run = (cli_run_free (run), cli_run (fixture, "delete-case", "p.shirabe", "court", NULL));
  cli_assert_ok (run);
  run = (cli_run_free (run), cli_run (fixture, "delete-narrative", "p.shirabe", "ngo", NULL));
  cli_assert_ok (run);
  g_assert_cmpuint (cli_count_narratives (fixture, "p.shirabe"), ==, 2);
  run = (cli_run_free (run), cli_run (fixture, "new-case", "p.shirabe", "Case 2", NULL));
  cli_assert_ok (run);
  run = (cli_run_free (run), cli_run (fixture, "check", "p.shirabe", NULL));
  cli_assert_ok (run);
}

static void
test_cases_from_file_names_and_detected_language (CliFixture    *fixture,
                                                  gconstpointer  data)
{
  g_autoptr(CliRun) run = NULL;
  g_autofree char *case_of_interview = NULL;
  g_autofree char *case_of_court = NULL;
  g_autofree char *japanese = NULL;
  g_autofree char *english = NULL;

  cli_new_project (fixture);
  cli_write_file (fixture, "case12_interview.txt", "空港で旅券を取り上げられた。", -1);
  cli_write_file (fixture, "case12_court.txt", "The court found the broker guilty.", -1);
  cli_write_file (fixture, "notes.txt", "unrelated", -1);
  run = cli_run (fixture, "import", "p.shirabe", "case12_interview.txt", "case12_court.txt",
                 "notes.txt", "--case-from-name", "^(case[0-9]+)_", NULL);
  /* The file the pattern does not name is refused, saying so; the others are in. */
  g_assert_cmpint (run->status, ==, 2);
  cli_assert_contains (run->err, "“notes.txt” does not match the pattern");
  case_of_interview = listed (fixture, "narratives", "title", "case12_interview", "case_name");
  case_of_court = listed (fixture, "narratives", "title", "case12_court", "case_name");
  g_assert_cmpstr (case_of_interview, ==, "case12");
  g_assert_cmpstr (case_of_court, ==, "case12");
  /* Japanese script is detected; other texts wait for the researcher. */
  japanese = listed (fixture, "narratives", "title", "case12_interview", "language");
  english = listed (fixture, "narratives", "title", "case12_court", "language");
  g_assert_cmpstr (japanese, ==, "ja");
  g_assert_cmpstr (english, ==, "");

  run = (cli_run_free (run), cli_run (fixture, "import", "p.shirabe", "notes.txt",
                                      "--case-from-name", "((", NULL));
  g_assert_cmpint (run->status, ==, 2);
  cli_assert_contains (run->err, "is not a pattern that can name cases");
  run = (cli_run_free (run), cli_run (fixture, "import", "p.shirabe", "notes.txt",
                                      "--case-from-name", "x", "--case", "y", NULL));
  g_assert_cmpint (run->status, ==, 1);
}

static void
test_unknown_names_are_refused (CliFixture    *fixture,
                                gconstpointer  data)
{
  const char *commands[][6] = {
    { "merge-cases", "p.shirabe", "nobody", "p", NULL },
    { "move-narrative", "p.shirabe", "nothing", "p", NULL },
    { "rename-narrative", "p.shirabe", "nothing", "x", NULL },
    { "delete-narrative", "p.shirabe", "nothing", NULL },
    { "move-case", "p.shirabe", "nobody", "1", NULL },
  };

  cli_new_project (fixture);
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_autoptr(CliRun) run = cli_runv (fixture, commands[i]);

      g_assert_cmpint (run->status, ==, 2);
      g_assert_true (g_str_has_prefix (run->err, "shirabe-cli: "));
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/cli/organise/three-files-of-one-case-become-one-case", CliFixture, NULL,
              cli_fixture_setup, test_three_files_of_one_case_become_one_case,
              cli_fixture_teardown);
  g_test_add ("/cli/organise/cases-from-file-names-and-detected-language", CliFixture, NULL,
              cli_fixture_setup, test_cases_from_file_names_and_detected_language,
              cli_fixture_teardown);
  g_test_add ("/cli/organise/unknown-names-are-refused", CliFixture, NULL, cli_fixture_setup,
              test_unknown_names_are_refused, cli_fixture_teardown);

  return g_test_run ();
}
