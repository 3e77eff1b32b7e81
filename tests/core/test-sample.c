/* test-sample.c: the sample project built from data/sample: what it holds, that its quotes
 * resolve, that its two coders agree on most passages but not all, and that a broken sample
 * leaves the project as it was
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include <json-glib/json-glib.h>

#include "shirabe-sample.h"
#include "shirabe-template.h"
#include "test-util.h"

static ShirabeProject *
new_project (TestDir *fixture)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = test_dir_path (fixture, "sample.shirabe");
  ShirabeProject *project = shirabe_project_create (path, "Sample test", SHIRABE_PROJECT_DEFAULT,
                                                    &error);

  g_assert_no_error (error);
  return project;
}

static ShirabeProject *
build_sample (TestDir *fixture)
{
  g_autoptr(GError) error = NULL;
  ShirabeProject *project = new_project (fixture);

  g_assert_true (shirabe_project_build_sample (project, NULL, &error));
  g_assert_no_error (error);
  return project;
}

static JsonNode *
load_sample_json (const char *dir)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (dir, "sample.json", NULL);

  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);
  return json_node_copy (json_parser_get_root (parser));
}

static GPtrArray *
list_codings (ShirabeProject *project)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *codings = shirabe_project_list_codings (project, 0, &error);

  g_assert_no_error (error);
  return codings;
}

static void
test_find_dir_uses_the_environment (void)
{
  g_autofree char *dir = shirabe_sample_find_dir ();

  g_assert_cmpstr (dir, ==, g_getenv ("SHIRABE_SAMPLE_DIR"));
}

static void
test_builds_cases_narratives_and_coders (TestDir       *fixture,
                                         gconstpointer  data)
{
  g_autoptr(ShirabeProject) project = build_sample (fixture);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) cases = shirabe_project_list_cases (project, &error);
  g_autoptr(GPtrArray) narratives = shirabe_project_list_narratives (project, 0, &error);
  g_autoptr(GPtrArray) coders = shirabe_project_list_coders (project, &error);
  g_autofree char *name = shirabe_project_dup_name (project);
  g_autofree char *description = shirabe_project_dup_meta (project, "description");
  guint n_ja = 0, n_en = 0, n_pairs = 0;

  g_assert_no_error (error);
  g_assert_cmpuint (cases->len, >=, 8);
  for (guint i = 0; i < cases->len; i++)
    g_assert_cmpuint (((ShirabeCase *) cases->pdata[i])->n_narratives, >=, 1);

  for (guint i = 0; i < narratives->len; i++)
    {
      ShirabeNarrative *narrative = narratives->pdata[i];

      n_ja += strcmp (narrative->language, "ja") == 0;
      n_en += strcmp (narrative->language, "en") == 0;
      g_assert_cmpstr (narrative->kind, !=, "");
      if (narrative->translation_of != 0)
        {
          g_autoptr(ShirabeNarrative) original =
            shirabe_project_get_narrative (project, narrative->translation_of, &error);

          g_assert_no_error (error);
          g_assert_cmpint (original->case_id, ==, narrative->case_id);
          g_assert_cmpstr (original->language, !=, narrative->language);
          g_assert_cmpstr (narrative->kind, ==, "translation");
          n_pairs++;
        }
    }
  g_assert_cmpuint (n_ja, >=, 3);
  g_assert_cmpuint (n_en, >=, 3);
  g_assert_cmpuint (n_pairs, >=, 2);

  g_assert_cmpuint (coders->len, ==, 2);

  /* Marked as fictional, in both languages. */
  g_assert_nonnull (strstr (name, "fictional"));
  g_assert_nonnull (strstr (description, "invented"));
  g_assert_nonnull (strstr (description, "架空"));
}

static void
test_every_top_category_is_used (TestDir       *fixture,
                                 gconstpointer  data)
{
  g_autoptr(ShirabeProject) project = build_sample (fixture);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) codes = shirabe_project_list_codes (project, &error);
  g_autoptr(GPtrArray) codings = list_codings (project);
  g_autoptr(GHashTable) parents = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GHashTable) used_codes = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GHashTable) used_tops = g_hash_table_new (g_int64_hash, g_int64_equal);
  guint n_tops = 0, n_codable = 0;

  g_assert_no_error (error);
  for (guint i = 0; i < codes->len; i++)
    {
      ShirabeCode *code = codes->pdata[i];

      g_hash_table_insert (parents, &code->id, code);
      n_tops += code->parent_id == 0;
      n_codable += code->codable;
    }
  g_assert_cmpuint (n_tops, ==, 5);

  for (guint i = 0; i < codings->len; i++)
    {
      ShirabeCoding *coding = codings->pdata[i];
      ShirabeCode *code = g_hash_table_lookup (parents, &coding->code_id);

      g_assert_nonnull (code);
      g_hash_table_add (used_codes, &code->id);
      while (code->parent_id != 0)
        code = g_hash_table_lookup (parents, &code->parent_id);
      g_hash_table_add (used_tops, &code->id);
    }
  g_assert_cmpuint (g_hash_table_size (used_tops), ==, n_tops);
  /* Most codes, so that the exports have columns with something in them. */
  g_assert_cmpuint (g_hash_table_size (used_codes) * 10, >=, n_codable * 8);
}

/* Every quote of sample.json is, at the stored offsets, exactly the passage coded. */
static void
test_every_quote_resolves (TestDir       *fixture,
                           gconstpointer  data)
{
  g_autoptr(ShirabeProject) project = build_sample (fixture);
  g_autoptr(JsonNode) root = load_sample_json (g_getenv ("SHIRABE_SAMPLE_DIR"));
  JsonArray *cases = json_object_get_array_member (json_node_get_object (root), "cases");
  g_autoptr(GPtrArray) narratives = shirabe_project_list_narratives (project, 0, NULL);
  g_autoptr(GPtrArray) all_codings = list_codings (project);
  guint n_quotes = 0;
  guint n = 0;

  for (guint c = 0; c < json_array_get_length (cases); c++)
    {
      JsonObject *sample_case = json_array_get_object_element (cases, c);
      JsonArray *sample_narratives = json_object_get_array_member (sample_case, "narratives");

      for (guint i = 0; i < json_array_get_length (sample_narratives); i++, n++)
        {
          JsonObject *sample_narrative = json_array_get_object_element (sample_narratives, i);
          JsonArray *sample_codings = json_object_get_array_member (sample_narrative, "codings");
          ShirabeNarrative *narrative = narratives->pdata[n];
          g_autoptr(GPtrArray) codings = shirabe_project_list_codings (project, narrative->id,
                                                                       NULL);
          g_autofree char *text = shirabe_project_dup_narrative_text (project, narrative->id,
                                                                      NULL);

          g_assert_cmpstr (narrative->title, ==,
                           json_object_get_string_member (sample_narrative, "title"));
          g_assert_cmpstr (narrative->origin_file, ==,
                           json_object_get_string_member (sample_narrative, "file"));
          g_assert_cmpuint (codings->len, ==, json_array_get_length (sample_codings));
          for (guint j = 0; j < json_array_get_length (sample_codings); j++)
            {
              JsonObject *sample_coding = json_array_get_object_element (sample_codings, j);
              const char *quote = json_object_get_string_member (sample_coding, "quote");
              const char *coder = json_object_get_string_member (sample_coding, "coder");
              const char *var_name = json_object_get_string_member (sample_coding, "code");
              gboolean found = FALSE;

              for (guint k = 0; k < codings->len && !found; k++)
                {
                  ShirabeCoding *coding = codings->pdata[k];
                  g_autoptr(ShirabeCode) code = shirabe_project_get_code (project,
                                                                          coding->code_id, NULL);
                  g_autofree char *passage = g_utf8_substring (text, coding->start, coding->end);

                  found = strcmp (passage, quote) == 0 && strcmp (coding->coder_name, coder) == 0
                          && strcmp (code->var_name, var_name) == 0;
                }
              if (!found)
                g_error ("%s: no coding of “%s” by %s with the passage “%s”",
                         narrative->title, var_name, coder, quote);
              n_quotes++;
            }
        }
    }
  g_assert_cmpuint (n, ==, narratives->len);
  g_assert_cmpuint (n_quotes, ==, all_codings->len);
}

/* The share of the first coder's codings that the second made too, with the same code on the
 * same span: enough agreement to be a plausible study, enough disagreement for kappa. */
static void
test_coders_agree_on_most_passages (TestDir       *fixture,
                                    gconstpointer  data)
{
  g_autoptr(ShirabeProject) project = build_sample (fixture);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) coders = shirabe_project_list_coders (project, &error);
  g_autoptr(GPtrArray) codings = list_codings (project);
  g_autoptr(GHashTable) second = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  const char *coder_a, *coder_b;
  guint n_a = 0, n_b = 0, n_matched = 0;
  double share;

  g_assert_no_error (error);
  g_assert_cmpuint (coders->len, ==, 2);
  coder_a = ((ShirabeCoder *) coders->pdata[0])->name;
  coder_b = ((ShirabeCoder *) coders->pdata[1])->name;
  if (strcmp (coder_a, "Sato Haruka") != 0)
    {
      const char *swap = coder_a;

      coder_a = coder_b;
      coder_b = swap;
    }
  g_assert_cmpstr (coder_a, ==, "Sato Haruka");

  for (guint i = 0; i < codings->len; i++)
    {
      ShirabeCoding *coding = codings->pdata[i];

      if (strcmp (coding->coder_name, coder_b) == 0)
        {
          g_hash_table_add (second,
                            g_strdup_printf ("%" G_GINT64_FORMAT ":%" G_GINT64_FORMAT ":%"
                                             G_GINT64_FORMAT ":%" G_GINT64_FORMAT,
                                             coding->narrative_id, coding->code_id,
                                             coding->start, coding->end));
          n_b++;
        }
    }
  for (guint i = 0; i < codings->len; i++)
    {
      ShirabeCoding *coding = codings->pdata[i];
      g_autofree char *key = NULL;

      if (strcmp (coding->coder_name, coder_a) != 0)
        continue;
      n_a++;
      key = g_strdup_printf ("%" G_GINT64_FORMAT ":%" G_GINT64_FORMAT ":%" G_GINT64_FORMAT ":%"
                             G_GINT64_FORMAT,
                             coding->narrative_id, coding->code_id, coding->start, coding->end);
      n_matched += g_hash_table_contains (second, key);
    }
  g_assert_cmpuint (n_a, >, 50);
  g_assert_cmpuint (n_b, >, 50);
  share = (double) n_matched / n_a;
  g_test_message ("%u of %s's %u codings matched by %s (%u codings): %.2f", n_matched, coder_a,
                  n_a, coder_b, n_b, share);
  g_assert_cmpfloat (share, >=, 0.60);
  g_assert_cmpfloat (share, <=, 0.95);
}

static void
test_attributes_are_filled (TestDir       *fixture,
                            gconstpointer  data)
{
  g_autoptr(ShirabeProject) project = build_sample (fixture);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) cases = shirabe_project_list_cases (project, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < cases->len; i++)
    {
      ShirabeCase *sample_case = cases->pdata[i];
      g_autoptr(GPtrArray) values = shirabe_project_list_attribute_values (project,
                                                                           SHIRABE_SCOPE_CASE,
                                                                           sample_case->id,
                                                                           &error);
      const char *nationality = NULL;

      g_assert_no_error (error);
      g_assert_cmpuint (values->len, ==, 6);
      for (guint j = 0; j < values->len; j++)
        {
          ShirabeAttributeValue *value = values->pdata[j];

          if (strcmp (value->var_name, "nationality") == 0)
            nationality = value->value;
        }
      g_assert_nonnull (nationality);
      for (guint j = 0; j < values->len; j++)
        {
          ShirabeAttributeValue *value = values->pdata[j];

          /* A person born in Japan has no year of entry. */
          if (strcmp (value->var_name, "year_of_entry") == 0 &&
              strcmp (nationality, "Japan") == 0)
            g_assert_null (value->value);
          else if (value->value == NULL)
            g_error ("%s: %s is not set", sample_case->name, value->var_name);
          /* Choices carry the template's labels in both languages. */
          if (value->type == SHIRABE_ATTRIBUTE_CHOICE &&
              (*value->value_label_en == '\0' || *value->value_label_ja == '\0'))
            g_error ("%s: %s = %s has no label", sample_case->name, value->var_name,
                     value->value);
          if (strcmp (value->var_name, "gender") == 0 && strcmp (value->value, "female") == 0)
            g_assert_cmpstr (value->value_label_ja, ==, "女性");
        }
    }
}

static void
test_check_finds_no_problem_and_one_undo_removes_it (TestDir       *fixture,
                                                     gconstpointer  data)
{
  g_autoptr(ShirabeProject) project = build_sample (fixture);
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) problems = NULL;
  g_autoptr(GPtrArray) cases = NULL;
  g_autoptr(GPtrArray) codes = NULL;

  g_assert_true (shirabe_project_check (project, &problems, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (problems), ==, 0);

  g_assert_true (shirabe_project_undo (project, &error));
  g_assert_no_error (error);
  cases = shirabe_project_list_cases (project, &error);
  codes = shirabe_project_list_codes (project, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (cases->len, ==, 0);
  g_assert_cmpuint (codes->len, ==, 0);
}

/* A copy of the sample in the test's folder, with @edit applied to its sample.json. */
typedef void (*EditFunc) (JsonObject *root);

static char *
copy_sample (TestDir  *fixture,
             EditFunc  edit)
{
  const char *source = g_getenv ("SHIRABE_SAMPLE_DIR");
  g_autofree char *dir = test_dir_path (fixture, "sample");
  g_autoptr(GDir) listing = g_dir_open (source, 0, NULL);
  g_autoptr(JsonNode) root = load_sample_json (source);
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *json_path = NULL;
  g_autoptr(GError) error = NULL;
  const char *entry;

  g_assert_cmpint (g_mkdir (dir, 0700), ==, 0);
  g_assert_nonnull (listing);
  while ((entry = g_dir_read_name (listing)) != NULL)
    if (g_str_has_suffix (entry, ".txt"))
      {
        g_autofree char *from = g_build_filename (source, entry, NULL);
        g_autofree char *to = g_build_filename (dir, entry, NULL);
        g_autofree char *contents = NULL;
        gsize size = 0;

        g_assert_true (g_file_get_contents (from, &contents, &size, NULL));
        g_assert_true (g_file_set_contents (to, contents, size, NULL));
      }

  edit (json_node_get_object (root));
  json_path = g_build_filename (dir, "sample.json", NULL);
  json_generator_set_root (generator, root);
  json_generator_to_file (generator, json_path, &error);
  g_assert_no_error (error);
  return g_steal_pointer (&dir);
}

static JsonObject *
first_coding (JsonObject *root,
              const char *member)
{
  JsonArray *cases = json_object_get_array_member (root, "cases");

  for (guint c = 0; c < json_array_get_length (cases); c++)
    {
      JsonArray *narratives = json_object_get_array_member (json_array_get_object_element (cases, c),
                                                            "narratives");

      for (guint i = 0; i < json_array_get_length (narratives); i++)
        {
          JsonArray *codings =
            json_object_get_array_member (json_array_get_object_element (narratives, i),
                                          "codings");

          for (guint j = 0; j < json_array_get_length (codings); j++)
            {
              JsonObject *coding = json_array_get_object_element (codings, j);

              if (member == NULL || json_object_has_member (coding, member))
                return coding;
            }
        }
    }
  g_assert_not_reached ();
}

static void
edit_quote_not_in_text (JsonObject *root)
{
  json_object_set_string_member (first_coding (root, NULL), "quote",
                                 "a passage that no narrative has");
}

static void
edit_ambiguous_quote (JsonObject *root)
{
  json_object_remove_member (first_coding (root, "occurrence"), "occurrence");
}

static void
edit_unknown_code (JsonObject *root)
{
  JsonArray *cases = json_object_get_array_member (root, "cases");
  JsonObject *last_case = json_array_get_object_element (cases, json_array_get_length (cases) - 1);
  JsonArray *narratives = json_object_get_array_member (last_case, "narratives");
  JsonObject *narrative = json_array_get_object_element (narratives, 0);
  JsonArray *codings = json_object_get_array_member (narrative, "codings");

  /* The last coding: everything before it is written when the error comes. */
  json_object_set_string_member (json_array_get_object_element (codings,
                                                                json_array_get_length (codings) - 1),
                                 "code", "no_such_code");
}

/* The project holds one case of its own, and nothing else, before and after. */
static void
assert_project_unchanged (ShirabeProject *project)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) cases = shirabe_project_list_cases (project, &error);
  g_autoptr(GPtrArray) codes = shirabe_project_list_codes (project, &error);
  g_autoptr(GPtrArray) coders = shirabe_project_list_coders (project, &error);
  g_autoptr(GPtrArray) narratives = shirabe_project_list_narratives (project, 0, &error);
  g_autoptr(GPtrArray) attributes = shirabe_project_list_attributes (project, SHIRABE_SCOPE_CASE,
                                                                      &error);
  g_autofree char *name = shirabe_project_dup_name (project);

  g_assert_no_error (error);
  g_assert_cmpuint (cases->len, ==, 1);
  g_assert_cmpstr (((ShirabeCase *) cases->pdata[0])->name, ==, "Mine");
  g_assert_cmpuint (codes->len, ==, 0);
  g_assert_cmpuint (coders->len, ==, 0);
  g_assert_cmpuint (narratives->len, ==, 0);
  g_assert_cmpuint (attributes->len, ==, 0);
  g_assert_cmpstr (name, ==, "Sample test");
}

static void
test_broken_sample (TestDir       *fixture,
                    gconstpointer  data)
{
  const struct { EditFunc edit; int code; const char *needle; } broken[] = {
    { edit_quote_not_in_text, SHIRABE_ERROR_NOT_FOUND, "“a passage that no narrative has”" },
    { edit_ambiguous_quote, SHIRABE_ERROR_AMBIGUOUS, "occurrence" },
    { edit_unknown_code, SHIRABE_ERROR_NOT_FOUND, "no_such_code" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (broken); i++)
    {
      g_autoptr(ShirabeProject) project = new_project (fixture);
      g_autoptr(GError) error = NULL;
      g_autofree char *dir = copy_sample (fixture, broken[i].edit);

      g_assert_cmpint (shirabe_project_add_case (project, "Mine", &error), >, 0);
      g_assert_no_error (error);

      g_assert_false (shirabe_project_build_sample (project, dir, &error));
      g_assert_error (error, SHIRABE_ERROR, broken[i].code);
      g_test_message ("%s", error->message);
      g_assert_nonnull (strstr (error->message, broken[i].needle));
      g_assert_nonnull (strstr (error->message, ".txt"));
      assert_project_unchanged (project);

      g_assert_true (shirabe_project_close (project, NULL));
      test_dir_rm_rf (fixture->dir);
      g_assert_cmpint (g_mkdir (fixture->dir, 0700), ==, 0);
    }
}

static void
test_quote_error_names_the_file (TestDir       *fixture,
                                 gconstpointer  data)
{
  g_autoptr(ShirabeProject) project = new_project (fixture);
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = copy_sample (fixture, edit_quote_not_in_text);
  g_autoptr(JsonNode) root = load_sample_json (dir);
  JsonObject *first_case = json_array_get_object_element (
    json_object_get_array_member (json_node_get_object (root), "cases"), 0);
  JsonObject *first_narrative = json_array_get_object_element (
    json_object_get_array_member (first_case, "narratives"), 0);

  g_assert_false (shirabe_project_build_sample (project, dir, &error));
  g_assert_error (error, SHIRABE_ERROR, SHIRABE_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message,
                            json_object_get_string_member (first_narrative, "file")));
  g_assert_nonnull (strstr (error->message, "a passage that no narrative has"));
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *templates = NULL;
  g_autofree char *sample = NULL;

  g_test_init (&argc, &argv, NULL);

  /* The sample and the templates from the source tree, not installed copies. */
  templates = g_test_build_filename (G_TEST_DIST, "..", "..", "data", "templates", NULL);
  sample = g_test_build_filename (G_TEST_DIST, "..", "..", "data", "sample", NULL);
  g_setenv ("SHIRABE_TEMPLATE_DIR", templates, TRUE);
  g_setenv ("SHIRABE_SAMPLE_DIR", sample, TRUE);

  g_test_add_func ("/core/sample/find-dir-uses-the-environment",
                   test_find_dir_uses_the_environment);
  g_test_add ("/core/sample/builds-cases-narratives-and-coders", TestDir, NULL, test_dir_setup,
              test_builds_cases_narratives_and_coders, test_dir_teardown);
  g_test_add ("/core/sample/every-top-category-is-used", TestDir, NULL, test_dir_setup,
              test_every_top_category_is_used, test_dir_teardown);
  g_test_add ("/core/sample/every-quote-resolves", TestDir, NULL, test_dir_setup,
              test_every_quote_resolves, test_dir_teardown);
  g_test_add ("/core/sample/coders-agree-on-most-passages", TestDir, NULL, test_dir_setup,
              test_coders_agree_on_most_passages, test_dir_teardown);
  g_test_add ("/core/sample/attributes-are-filled", TestDir, NULL, test_dir_setup,
              test_attributes_are_filled, test_dir_teardown);
  g_test_add ("/core/sample/check-finds-no-problem-and-one-undo-removes-it", TestDir, NULL,
              test_dir_setup, test_check_finds_no_problem_and_one_undo_removes_it,
              test_dir_teardown);
  g_test_add ("/core/sample/broken-sample-leaves-the-project-unchanged", TestDir, NULL,
              test_dir_setup, test_broken_sample, test_dir_teardown);
  g_test_add ("/core/sample/quote-error-names-the-file", TestDir, NULL, test_dir_setup,
              test_quote_error_names_the_file, test_dir_teardown);

  return g_test_run ();
}
