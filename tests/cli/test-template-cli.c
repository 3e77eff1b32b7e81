/* test-template-cli.c: coding scheme templates from the command line
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "cli-test-util.h"

/* The tree as `codes --json` shows it, without ids and dates: what must survive a round trip. */
static char *
describe_codes (CliFixture *fixture,
                const char *project)
{
  g_autoptr(CliRun) run = cli_run (fixture, "codes", project, "--json", NULL);
  g_autoptr(JsonArray) array = NULL;
  GString *out = g_string_new (NULL);

  cli_assert_ok (run);
  array = cli_json_array (run);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *code = json_array_get_object_element (array, i);

      g_string_append_printf (out, "%s|%s|%s|%s|%s|%s|%d|%s|%s\n",
                              json_object_get_string_member (code, "uuid"),
                              json_object_get_string_member (code, "path_en"),
                              json_object_get_string_member (code, "label_en"),
                              json_object_get_string_member (code, "label_ja"),
                              json_object_get_string_member (code, "var_name"),
                              json_object_get_string_member (code, "color"),
                              json_object_get_boolean_member (code, "codable"),
                              json_object_get_string_member (code, "description_en"),
                              json_object_get_string_member (code, "description_ja"));
    }
  return g_string_free (out, FALSE);
}

static guint
count_codes (CliFixture *fixture,
             const char *project)
{
  g_autoptr(CliRun) run = cli_run (fixture, "codes", project, "--json", NULL);
  g_autoptr(JsonArray) array = NULL;

  cli_assert_ok (run);
  array = cli_json_array (run);
  return json_array_get_length (array);
}

static gboolean
exists (CliFixture *fixture,
        const char *name)
{
  g_autofree char *path = cli_path (fixture, name);

  return g_file_test (path, G_FILE_TEST_EXISTS);
}

static void
test_new_with_template (CliFixture    *fixture,
                        gconstpointer  data)
{
  g_autoptr(CliRun) run = cli_run (fixture, "new", "p.shirabe", "--template", "tip", NULL);
  g_autoptr(CliRun) attrs = NULL;
  g_autoptr(CliRun) set = NULL;

  cli_assert_ok (run);
  cli_assert_contains (run->out_text, "Trafficking in persons");
  cli_assert_contains (run->out_text, "Codes: 44 added");
  cli_assert_contains (run->out_text, "Attributes: 6 added");
  cli_assert_contains (run->out_text, "Created the project");
  g_assert_cmpuint (count_codes (fixture, "p.shirabe"), ==, 44);

  /* The scheme is usable at once: codes by variable name, typed case attributes. */
  set = cli_run (fixture, "add-code", "p.shirabe", "Extra", "--parent", "control", NULL);
  cli_assert_ok (set);
  g_clear_pointer (&set, cli_run_free);
  cli_write_file (fixture, "a.txt", "借金は三百万円だと言われた。\n", -1);
  run = (cli_run_free (run), cli_run (fixture, "import", "p.shirabe", "--case", "Case A", "a.txt",
                                      NULL));
  cli_assert_ok (run);
  set = cli_run (fixture, "set-attr", "p.shirabe", "Case A", "gender", "female", NULL);
  cli_assert_ok (set);
  g_clear_pointer (&set, cli_run_free);
  set = cli_run (fixture, "set-attr", "p.shirabe", "Case A", "gender", "woman", NULL);
  g_assert_cmpint (set->status, ==, 2);
  cli_assert_contains (set->err, "female");
  attrs = cli_run (fixture, "attrs", "p.shirabe", "Case A", NULL);
  cli_assert_ok (attrs);
  /* The value as set-attr takes it, then how people read it. */
  cli_assert_contains (attrs->out_text, "female (Female / 女性)");
  g_clear_pointer (&attrs, cli_run_free);
  attrs = cli_run (fixture, "attrs", "p.shirabe", "Case A", "--json", NULL);
  cli_assert_ok (attrs);
  {
    g_autoptr(JsonArray) values = cli_json_array (attrs);
    JsonObject *gender = cli_json_find (values, "var_name", "gender");
    JsonObject *age = cli_json_find (values, "var_name", "age_at_recruitment");

    g_assert_cmpstr (json_object_get_string_member (gender, "value"), ==, "female");
    g_assert_cmpstr (json_object_get_string_member (gender, "value_label_en"), ==, "Female");
    g_assert_cmpstr (json_object_get_string_member (gender, "value_label_ja"), ==, "女性");
    g_assert_false (json_object_has_member (age, "value_label_en"));
  }
  run = (cli_run_free (run), cli_run (fixture, "code", "p.shirabe", "a", "control_debt_bondage",
                                      "0", "2", NULL));
  cli_assert_ok (run);
}

static void
test_apply_twice_adds_nothing (CliFixture    *fixture,
                               gconstpointer  data)
{
  g_autoptr(CliRun) first = NULL;
  g_autoptr(CliRun) second = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  cli_new_project (fixture);
  first = cli_run (fixture, "apply-template", "p.shirabe", "tip", NULL);
  cli_assert_ok (first);
  cli_assert_contains (first->out_text, "Codes: 44 added, 0 updated, 0 unchanged");
  before = describe_codes (fixture, "p.shirabe");

  second = cli_run (fixture, "apply-template", "p.shirabe", "tip", NULL);
  cli_assert_ok (second);
  cli_assert_contains (second->out_text, "Codes: 0 added, 0 updated, 44 unchanged");
  cli_assert_contains (second->out_text, "Attributes: 0 added, 0 updated, 6 unchanged");
  after = describe_codes (fixture, "p.shirabe");
  g_assert_cmpstr (before, ==, after);
}

static void
test_export_then_new_gives_the_same_tree (CliFixture    *fixture,
                                          gconstpointer  data)
{
  g_autoptr(CliRun) run = NULL;
  g_autoptr(CliRun) again = NULL;
  g_autoptr(CliRun) forced = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;

  run = cli_run (fixture, "new", "p.shirabe", "--template", "tip", NULL);
  cli_assert_ok (run);
  g_clear_pointer (&run, cli_run_free);
  run = cli_run (fixture, "add-code", "p.shirabe", "", "--ja", "罰金", "--parent",
                 "control_debt_bondage", "--color", "#AA0000", NULL);
  cli_assert_ok (run);
  g_clear_pointer (&run, cli_run_free);

  run = cli_run (fixture, "export-template", "p.shirabe", "scheme.json", NULL);
  cli_assert_ok (run);
  cli_assert_contains (run->out_text, "scheme.json");
  g_clear_pointer (&run, cli_run_free);

  /* A file given by path, in a new project. */
  run = cli_run (fixture, "new", "q.shirabe", "--template", "./scheme.json", NULL);
  cli_assert_ok (run);
  cli_assert_contains (run->out_text, "Codes: 45 added");

  first = describe_codes (fixture, "p.shirabe");
  second = describe_codes (fixture, "q.shirabe");
  g_assert_cmpstr (first, ==, second);

  /* An export never replaces a file unless told to. */
  again = cli_run (fixture, "export-template", "p.shirabe", "scheme.json", NULL);
  g_assert_cmpint (again->status, ==, 2);
  cli_assert_contains (again->err, "--force");
  forced = cli_run (fixture, "export-template", "p.shirabe", "scheme.json", "--force", NULL);
  cli_assert_ok (forced);
}

static void
test_bad_template_leaves_no_project (CliFixture    *fixture,
                                     gconstpointer  data)
{
  g_autoptr(CliRun) run = NULL;
  g_autoptr(CliRun) unknown = NULL;
  g_autoptr(CliRun) apply = NULL;

  cli_write_file (fixture, "bad.json",
                  "{\n  \"version\": 1,\n  \"codes\": [\n    { \"label_en\": \"Debt\",\n"
                  "      \"color\": \"red\" }\n  ]\n}\n", -1);
  run = cli_run (fixture, "new", "q.shirabe", "--template", "bad.json", NULL);
  g_assert_cmpint (run->status, ==, 2);
  cli_assert_contains (run->err, "bad.json");
  cli_assert_contains (run->err, "line 4");
  g_assert_false (exists (fixture, "q.shirabe"));

  unknown = cli_run (fixture, "new", "q.shirabe", "--template", "trafficking", NULL);
  g_assert_cmpint (unknown->status, ==, 2);
  cli_assert_contains (unknown->err, "trafficking");
  cli_assert_contains (unknown->err, "tip");
  g_assert_false (exists (fixture, "q.shirabe"));

  /* Applying a broken template changes nothing in the project. */
  cli_new_project (fixture);
  apply = cli_run (fixture, "apply-template", "p.shirabe", "bad.json", NULL);
  g_assert_cmpint (apply->status, ==, 2);
  g_assert_cmpuint (count_codes (fixture, "p.shirabe"), ==, 0);
}

static void
test_templates_lists_tip (CliFixture    *fixture,
                          gconstpointer  data)
{
  g_autoptr(CliRun) run = cli_run (fixture, "templates", "--json", NULL);
  g_autoptr(CliRun) table = cli_run (fixture, "templates", NULL);
  g_autoptr(JsonArray) array = NULL;
  JsonObject *tip;

  cli_assert_ok (run);
  array = cli_json_array (run);
  tip = cli_json_find (array, "name", "tip");
  g_assert_cmpstr (json_object_get_string_member (tip, "title_ja"), ==, "人身取引");
  g_assert_cmpint (json_object_get_int_member (tip, "n_codes"), ==, 44);
  g_assert_cmpint (json_object_get_int_member (tip, "n_attributes"), ==, 6);

  cli_assert_ok (table);
  cli_assert_contains (table->out_text, "Trafficking in persons");
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *templates = NULL;

  g_test_init (&argc, &argv, NULL);

  /* The launcher copies this environment: shirabe-cli finds the source tree's templates. */
  templates = g_test_build_filename (G_TEST_DIST, "..", "..", "data", "templates", NULL);
  g_setenv ("SHIRABE_TEMPLATE_DIR", templates, TRUE);

  g_test_add ("/cli/template/new-with-template-has-the-scheme", CliFixture, NULL,
              cli_fixture_setup, test_new_with_template, cli_fixture_teardown);
  g_test_add ("/cli/template/apply-twice-adds-nothing", CliFixture, NULL, cli_fixture_setup,
              test_apply_twice_adds_nothing, cli_fixture_teardown);
  g_test_add ("/cli/template/export-then-new-gives-the-same-tree", CliFixture, NULL,
              cli_fixture_setup, test_export_then_new_gives_the_same_tree, cli_fixture_teardown);
  g_test_add ("/cli/template/bad-template-leaves-no-project", CliFixture, NULL,
              cli_fixture_setup, test_bad_template_leaves_no_project, cli_fixture_teardown);
  g_test_add ("/cli/template/templates-lists-tip", CliFixture, NULL, cli_fixture_setup,
              test_templates_lists_tip, cli_fixture_teardown);

  return g_test_run ();
}
