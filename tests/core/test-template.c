/* test-template.c: coding schemes as data files, the bundled tip template, merge by UUID
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <sqlite3.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "shirabe-template.h"
#include "test-util.h"

static ShirabeProject *
new_project (TestDir    *fixture,
             const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = test_dir_path (fixture, name);
  ShirabeProject *project = shirabe_project_create (path, "Template test",
                                                    SHIRABE_PROJECT_DEFAULT, &error);

  g_assert_no_error (error);
  return project;
}

static ShirabeTemplate *
load_tip (void)
{
  g_autoptr(GError) error = NULL;
  ShirabeTemplate *tpl = shirabe_template_load ("tip", &error);

  g_assert_no_error (error);
  g_assert_nonnull (tpl);
  return tpl;
}

static GPtrArray *
list_codes (ShirabeProject *project)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *codes = shirabe_project_list_codes (project, &error);

  g_assert_no_error (error);
  return codes;
}

/* One line per code: what a user sees of the tree and what statistics see of it. */
static char *
describe_tree (ShirabeProject *project)
{
  g_autoptr(GPtrArray) codes = list_codes (project);
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < codes->len; i++)
    {
      ShirabeCode *code = codes->pdata[i];
      const char *parent_var_name = "";

      for (guint j = 0; j < i; j++)
        if (((ShirabeCode *) codes->pdata[j])->id == code->parent_id)
          parent_var_name = ((ShirabeCode *) codes->pdata[j])->var_name;
      g_string_append_printf (out, "%d|%s|%s|%s|%s|%s|%d|%s|%s|%s\n", code->depth, code->uuid,
                              code->label_en, code->label_ja, code->var_name, code->color,
                              code->codable, parent_var_name, code->description_en,
                              code->description_ja);
    }
  return g_string_free (out, FALSE);
}

static char *
describe_attributes (ShirabeProject *project)
{
  GString *out = g_string_new (NULL);

  for (ShirabeAttributeScope scope = SHIRABE_SCOPE_CASE; scope <= SHIRABE_SCOPE_NARRATIVE;
       scope++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) attributes = shirabe_project_list_attributes (project, scope, &error);

      g_assert_no_error (error);
      for (guint i = 0; i < attributes->len; i++)
        {
          ShirabeAttribute *attribute = attributes->pdata[i];
          g_autoptr(GString) choices = g_string_new (NULL);

          /* Each choice as value=English/Japanese label. */
          for (guint j = 0; attribute->choices[j] != NULL; j++)
            g_string_append_printf (choices, "%s%s=%s/%s", j > 0 ? "," : "",
                                    attribute->choices[j], attribute->choice_labels_en[j],
                                    attribute->choice_labels_ja[j]);
          g_string_append_printf (out, "%d|%s|%s|%s|%s|%s|%s|%s|%s\n", scope, attribute->uuid,
                                  attribute->var_name, attribute->name_en, attribute->name_ja,
                                  shirabe_attribute_type_to_string (attribute->type),
                                  choices->str, attribute->description_en,
                                  attribute->description_ja);
        }
    }
  return g_string_free (out, FALSE);
}

static void
test_tip_is_found_by_name (void)
{
  g_autofree char *path = shirabe_template_find ("tip");
  g_auto(GStrv) names = shirabe_template_list_names ();
  g_autoptr(ShirabeTemplate) tpl = load_tip ();

  g_assert_nonnull (path);
  g_assert_true (g_str_has_suffix (path, "tip.json"));
  g_assert_true (g_strv_contains ((const char * const *) names, "tip"));
  g_assert_null (shirabe_template_find ("../tip"));
  g_assert_null (shirabe_template_find ("no-such-template"));

  g_assert_cmpstr (shirabe_template_get_id (tpl), ==, "tip");
  g_assert_cmpstr (shirabe_template_get_name (tpl, SHIRABE_LANGUAGE_EN), ==,
                   "Trafficking in persons");
  g_assert_cmpstr (shirabe_template_get_name (tpl, SHIRABE_LANGUAGE_JA), ==, "人身取引");
  g_assert_nonnull (strstr (shirabe_template_get_description (tpl, SHIRABE_LANGUAGE_EN),
                            "Protocol"));
  g_assert_nonnull (strstr (shirabe_template_get_description (tpl, SHIRABE_LANGUAGE_JA),
                            "議定書"));
}

static void
test_unknown_name_lists_the_templates (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ShirabeTemplate) tpl = shirabe_template_load ("trafficking", &error);

  g_assert_null (tpl);
  g_assert_error (error, SHIRABE_ERROR, SHIRABE_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "trafficking"));
  g_assert_nonnull (strstr (error->message, "tip"));
}

static void
test_tip_codes_are_bilingual_with_notes (void)
{
  g_autoptr(ShirabeTemplate) tpl = load_tip ();
  GPtrArray *codes = shirabe_template_get_codes (tpl);

  g_assert_cmpuint (codes->len, >=, 40);
  for (guint i = 0; i < codes->len; i++)
    {
      ShirabeTemplateCode *code = codes->pdata[i];

      g_test_message ("%s", code->var_name);
      g_assert_cmpstr (code->label_en, !=, "");
      g_assert_cmpstr (code->label_ja, !=, "");
      /* Each description holds a definition, an inclusion note and an exclusion note. */
      g_assert_nonnull (strstr (code->description_en, "Use when"));
      g_assert_nonnull (strstr (code->description_en, "Do not use"));
      g_assert_nonnull (strstr (code->description_ja, "場合に用いる"));
      g_assert_nonnull (strstr (code->description_ja, "には用いない"));
      g_assert_cmpuint (strlen (strstr (code->description_en, "Use when")), <,
                        strlen (code->description_en));
      g_assert_nonnull (code->color);
      g_assert_true (g_uuid_string_is_valid (code->uuid));
      /* Japanese labels are Japanese, not copies of the English ones. */
      g_assert_cmpstr (code->label_ja, !=, code->label_en);
    }
}

static void
test_tip_var_names_are_unique_and_valid (void)
{
  g_autoptr(ShirabeTemplate) tpl = load_tip ();
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) uuids = g_hash_table_new (g_str_hash, g_str_equal);
  GPtrArray *codes = shirabe_template_get_codes (tpl);
  GPtrArray *attributes = shirabe_template_get_attributes (tpl);

  for (guint i = 0; i < codes->len; i++)
    {
      ShirabeTemplateCode *code = codes->pdata[i];

      g_assert_true (shirabe_var_name_is_valid (code->var_name));
      g_assert_true (g_hash_table_add (seen, code->var_name));
      g_assert_true (g_hash_table_add (uuids, code->uuid));
    }
  /* Codes and case attributes share the columns of the cases sheet. */
  for (guint i = 0; i < attributes->len; i++)
    {
      ShirabeTemplateAttribute *attribute = attributes->pdata[i];

      g_assert_true (shirabe_var_name_is_valid (attribute->var_name));
      g_assert_true (g_hash_table_add (seen, attribute->var_name));
      g_assert_true (g_hash_table_add (uuids, attribute->uuid));
    }
}

static void
test_tip_has_the_five_top_categories (void)
{
  static const char *const expected[][3] = {
    { "route", "Route", "経路" },
    { "recruitment", "Recruitment method", "勧誘の手口" },
    { "control", "Means of control", "支配の手段" },
    { "exploitation", "Purpose / form of exploitation", "搾取の形態" },
    { "exit", "Exit path", "離脱の経路" },
  };
  g_autoptr(ShirabeTemplate) tpl = load_tip ();
  g_autoptr(GHashTable) colors = g_hash_table_new (g_str_hash, g_str_equal);
  GPtrArray *codes = shirabe_template_get_codes (tpl);
  guint n_top = 0;
  const char *top_color = NULL;

  for (guint i = 0; i < codes->len; i++)
    {
      ShirabeTemplateCode *code = codes->pdata[i];

      if (code->depth > 0)
        {
          /* A child keeps to its category's colour family: never another category's colour. */
          g_assert_false (g_hash_table_contains (colors, code->color) &&
                          g_strcmp0 (code->color, top_color) != 0);
          continue;
        }
      g_assert_cmpuint (n_top, <, G_N_ELEMENTS (expected));
      g_assert_cmpstr (code->var_name, ==, expected[n_top][0]);
      g_assert_cmpstr (code->label_en, ==, expected[n_top][1]);
      g_assert_cmpstr (code->label_ja, ==, expected[n_top][2]);
      g_assert_false (code->codable);
      g_assert_null (code->parent_uuid);
      g_assert_true (g_hash_table_add (colors, code->color));
      top_color = code->color;
      n_top++;
    }
  g_assert_cmpuint (n_top, ==, G_N_ELEMENTS (expected));
}

static const ShirabeTemplateCode *
find_template_code (ShirabeTemplate *tpl,
                    const char      *var_name)
{
  GPtrArray *codes = shirabe_template_get_codes (tpl);

  for (guint i = 0; i < codes->len; i++)
    if (g_strcmp0 (((ShirabeTemplateCode *) codes->pdata[i])->var_name, var_name) == 0)
      return codes->pdata[i];
  g_assert_not_reached ();
}

static void
test_tip_has_the_issue_subcodes (void)
{
  static const char *const entry[] = {
    "興行ビザ", "短期滞在", "配偶者ビザ", "技能実習", "偽造・他人名義の旅券", NULL,
  };
  g_autoptr(ShirabeTemplate) tpl = load_tip ();
  GPtrArray *codes = shirabe_template_get_codes (tpl);
  const ShirabeTemplateCode *mode = find_template_code (tpl, "route_entry");
  const ShirabeTemplateCode *labour = find_template_code (tpl, "exploit_forced_labour");
  guint n_entry = 0, n_sectors = 0;

  for (guint i = 0; i < codes->len; i++)
    {
      ShirabeTemplateCode *code = codes->pdata[i];

      if (g_strcmp0 (code->parent_uuid, mode->uuid) == 0)
        g_assert_cmpstr (code->label_ja, ==, entry[n_entry++]);
      if (g_strcmp0 (code->parent_uuid, labour->uuid) == 0)
        n_sectors++;
    }
  g_assert_cmpuint (n_entry, ==, 5);
  g_assert_cmpuint (n_sectors, >=, 4);
  g_assert_cmpstr (find_template_code (tpl, "control_debt_bondage")->label_en, ==,
                   "Debt bondage");
  g_assert_cmpstr (find_template_code (tpl, "exit_none")->label_ja, ==, "離脱なし");
}

static void
test_tip_attributes (TestDir       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ShirabeProject) project = new_project (fixture, "a.shirabe");
  g_autoptr(ShirabeTemplate) tpl = load_tip ();
  g_autoptr(ShirabeAttribute) gender = NULL;
  g_autoptr(ShirabeAttribute) source = NULL;
  g_autoptr(ShirabeAttribute) age = NULL;
  g_autoptr(ShirabeAttribute) year = NULL;
  g_autoptr(ShirabeAttribute) language = NULL;
  g_autoptr(ShirabeAttribute) nationality = NULL;
  static const char *const sources[] = { "victim_interview", "ngo", "embassy", "court", NULL };
  static const char *const genders[] = { "female", "male", "other", NULL };
  gint64 case_id;

  g_assert_true (shirabe_project_apply_template (project, tpl, SHIRABE_TEMPLATE_APPLY_DEFAULT,
                                                 NULL, &error));
  g_assert_no_error (error);

#define GET(var, name)                                                                        \
  var = shirabe_project_get_attribute (project,                                              \
                                       shirabe_project_find_attribute (project,               \
                                                                       SHIRABE_SCOPE_CASE,    \
                                                                       name, &error),         \
                                       &error);                                               \
  g_assert_no_error (error)
  GET (nationality, "nationality");
  GET (gender, "gender");
  GET (age, "age_at_recruitment");
  GET (year, "year_of_entry");
  GET (source, "record_source");
  GET (language, "original_language");
#undef GET

  g_assert_cmpint (nationality->type, ==, SHIRABE_ATTRIBUTE_TEXT);
  g_assert_cmpint (gender->type, ==, SHIRABE_ATTRIBUTE_CHOICE);
  g_assert_cmpstrv (gender->choices, genders);
  g_assert_cmpint (age->type, ==, SHIRABE_ATTRIBUTE_INTEGER);
  g_assert_cmpint (year->type, ==, SHIRABE_ATTRIBUTE_INTEGER);
  g_assert_cmpint (source->type, ==, SHIRABE_ATTRIBUTE_CHOICE);
  g_assert_cmpstrv (source->choices, sources);
  g_assert_cmpint (language->type, ==, SHIRABE_ATTRIBUTE_TEXT);
  g_assert_cmpstr (gender->name_ja, ==, "性別");
  /* The choices' labels come with them; the values stay the codes. */
  g_assert_cmpstr (shirabe_attribute_get_choice_label (gender, "female", SHIRABE_LANGUAGE_JA),
                   ==, "女性");
  g_assert_cmpstr (shirabe_attribute_get_choice_label (gender, "female", SHIRABE_LANGUAGE_EN),
                   ==, "Female");
  g_assert_cmpstr (shirabe_attribute_get_choice_label (source, "embassy", SHIRABE_LANGUAGE_JA),
                   ==, "大使館");
  g_assert_nonnull (strstr (language->description_en, "BCP 47"));
  g_assert_cmpstr (source->uuid, ==,
                   ((ShirabeTemplateAttribute *)
                    shirabe_template_get_attributes (tpl)->pdata[4])->uuid);

  /* The values a researcher types are accepted as the attribute types say. */
  case_id = shirabe_project_add_case (project, "Case 1", &error);
  g_assert_no_error (error);
  g_assert_true (shirabe_project_set_attribute_value (project, gender->id, case_id, "female",
                                                      &error));
  g_assert_true (shirabe_project_set_attribute_value (project, age->id, case_id, "17", &error));
  g_assert_true (shirabe_project_set_attribute_value (project, source->id, case_id, "ngo",
                                                      &error));
  g_assert_no_error (error);
  g_assert_false (shirabe_project_set_attribute_value (project, source->id, case_id, "police",
                                                       &error));
  g_assert_error (error, SHIRABE_ERROR, SHIRABE_ERROR_INVALID);
}

static void
test_applying_twice_changes_nothing (TestDir       *fixture,
                                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ShirabeProject) project = new_project (fixture, "a.shirabe");
  g_autoptr(ShirabeTemplate) tpl = load_tip ();
  ShirabeTemplateResult result;
  g_autofree char *first_tree = NULL;
  g_autofree char *second_tree = NULL;
  g_autofree char *first_attributes = NULL;
  g_autofree char *second_attributes = NULL;
  guint n_codes = shirabe_template_get_codes (tpl)->len;
  guint n_attributes = shirabe_template_get_attributes (tpl)->len;
  guint n_undo;

  g_assert_true (shirabe_project_apply_template (project, tpl, SHIRABE_TEMPLATE_APPLY_DEFAULT,
                                                 &result, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (result.codes_added, ==, n_codes);
  g_assert_cmpuint (result.codes_updated + result.codes_unchanged, ==, 0);
  g_assert_cmpuint (result.attributes_added, ==, n_attributes);
  g_assert_cmpuint (result.var_names_changed, ==, 0);
  first_tree = describe_tree (project);
  first_attributes = describe_attributes (project);
  n_undo = shirabe_history_get_n_undo (shirabe_project_get_history (project));

  g_assert_true (shirabe_project_apply_template (project, tpl, SHIRABE_TEMPLATE_APPLY_DEFAULT,
                                                 &result, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (result.codes_added, ==, 0);
  g_assert_cmpuint (result.codes_updated, ==, 0);
  g_assert_cmpuint (result.codes_unchanged, ==, n_codes);
  g_assert_cmpuint (result.attributes_added + result.attributes_updated, ==, 0);
  g_assert_cmpuint (result.attributes_unchanged, ==, n_attributes);
  second_tree = describe_tree (project);
  second_attributes = describe_attributes (project);
  g_assert_cmpstr (first_tree, ==, second_tree);
  g_assert_cmpstr (first_attributes, ==, second_attributes);
  /* Nothing changed, so there is nothing new to undo. */
  g_assert_cmpuint (shirabe_history_get_n_undo (shirabe_project_get_history (project)), ==,
                    n_undo);

  /* The replacing merge has nothing to replace either. */
  g_assert_true (shirabe_project_apply_template (project, tpl, SHIRABE_TEMPLATE_APPLY_REPLACE,
                                                 &result, &error));
  g_assert_cmpuint (result.codes_unchanged, ==, n_codes);
}

static void
test_apply_keeps_user_edits_and_restores_deleted_codes (TestDir       *fixture,
                                                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ShirabeProject) project = new_project (fixture, "a.shirabe");
  g_autoptr(ShirabeTemplate) tpl = load_tip ();
  g_autoptr(ShirabeCode) debt = NULL;
  g_autoptr(ShirabeCode) sector = NULL;
  g_autoptr(ShirabeCode) own = NULL;
  ShirabeTemplateResult result;
  ShirabeCodeSpec spec = { .label_en = "Manufacturing (mine)", .var_name = "labour_manufacturing" };
  gint64 debt_id, labour_id, sector_id, own_id;

  g_assert_true (shirabe_project_apply_template (project, tpl, 0, NULL, &error));
  debt_id = shirabe_project_find_code (project, "control_debt_bondage", &error);
  labour_id = shirabe_project_find_code (project, "exploit_forced_labour", &error);
  sector_id = shirabe_project_find_code (project, "labour_manufacturing", &error);
  g_assert_no_error (error);

  /* The user renames one code, empties a description and deletes a subtree. */
  g_assert_true (shirabe_project_set_code_label (project, debt_id, SHIRABE_LANGUAGE_EN,
                                                 "Debt", &error));
  g_assert_true (shirabe_project_set_code_description (project, debt_id, SHIRABE_LANGUAGE_JA,
                                                       "", &error));
  g_assert_true (shirabe_project_set_code_color (project, debt_id, "#000000", &error));
  g_assert_true (shirabe_project_delete_code (project, sector_id, &error));
  /* ...and makes a code of their own with the variable name the template uses. */
  own_id = shirabe_project_add_code (project, &spec, &error);
  g_assert_no_error (error);

  g_assert_true (shirabe_project_apply_template (project, tpl, 0, &result, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (result.codes_added, ==, 1);
  g_assert_cmpuint (result.codes_updated, ==, 1);
  g_assert_cmpuint (result.var_names_changed, ==, 1);

  debt = shirabe_project_get_code (project, debt_id, &error);
  g_assert_cmpstr (debt->label_en, ==, "Debt");          /* the user's label stays */
  g_assert_cmpstr (debt->color, ==, "#000000");          /* and so does the colour */
  g_assert_nonnull (strstr (debt->description_ja, "借金")); /* the empty one is filled */

  /* The deleted code is back under its parent, with its UUID and another variable name. */
  sector_id = shirabe_project_find_code (project,
                                         find_template_code (tpl, "labour_manufacturing")->uuid,
                                         &error);
  g_assert_no_error (error);
  sector = shirabe_project_get_code (project, sector_id, &error);
  g_assert_cmpint (sector->parent_id, ==, labour_id);
  g_assert_cmpstr (sector->label_ja, ==, "製造業");
  g_assert_cmpstr (sector->var_name, !=, "labour_manufacturing");
  own = shirabe_project_get_code (project, own_id, &error);
  g_assert_cmpstr (own->var_name, ==, "labour_manufacturing");

  /* Replacing brings the template's texts and colour back. */
  g_assert_true (shirabe_project_apply_template (project, tpl, SHIRABE_TEMPLATE_APPLY_REPLACE,
                                                 &result, &error));
  g_assert_no_error (error);
  g_clear_pointer (&debt, shirabe_code_free);
  debt = shirabe_project_get_code (project, debt_id, &error);
  g_assert_cmpstr (debt->label_en, ==, "Debt bondage");
  g_assert_cmpstr (debt->color, ==, find_template_code (tpl, "control_debt_bondage")->color);
}

static void
test_export_then_apply_gives_the_same_tree (TestDir       *fixture,
                                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ShirabeProject) first = new_project (fixture, "first.shirabe");
  g_autoptr(ShirabeProject) second = NULL;
  g_autoptr(ShirabeTemplate) tpl = load_tip ();
  g_autoptr(ShirabeTemplate) exported = NULL;
  g_autofree char *path = test_dir_path (fixture, "exported.json");
  g_autofree char *first_tree = NULL;
  g_autofree char *second_tree = NULL;
  g_autofree char *first_attributes = NULL;
  g_autofree char *second_attributes = NULL;
  ShirabeCodeSpec spec = { .label_ja = "日本語だけのコード", .color = "#123456" };
  gint64 route_id;

  g_assert_true (shirabe_project_apply_template (first, tpl, 0, NULL, &error));
  g_assert_no_error (error);
  /* Codes the user added, moved and narrowed travel too. */
  route_id = shirabe_project_find_code (first, "route", &error);
  spec.parent_id = route_id;
  g_assert_cmpint (shirabe_project_add_code (first, &spec, &error), >, 0);
  g_assert_true (shirabe_project_move_code (first,
                                            shirabe_project_find_code (first, "exit_none",
                                                                       &error),
                                            route_id, 0, &error));
  g_assert_true (shirabe_project_add_attribute (first, SHIRABE_SCOPE_NARRATIVE, "Interpreter",
                                                "通訳", "interpreter", SHIRABE_ATTRIBUTE_BOOLEAN,
                                                NULL, &error) > 0);
  g_assert_no_error (error);
  /* So do choice labels the user changed. */
  g_assert_true (shirabe_project_set_choice_label (first,
                                                   shirabe_project_find_attribute (first,
                                                                                   SHIRABE_SCOPE_CASE,
                                                                                   "gender",
                                                                                   &error),
                                                   "other", SHIRABE_LANGUAGE_JA, "その他",
                                                   &error));
  g_assert_no_error (error);

  g_assert_true (shirabe_project_export_template (first, path, &error));
  g_assert_no_error (error);

  second = new_project (fixture, "second.shirabe");
  g_assert_true (shirabe_project_apply_template_file (second, path, 0, NULL, &error));
  g_assert_no_error (error);

  first_tree = describe_tree (first);
  second_tree = describe_tree (second);
  g_assert_cmpstr (first_tree, ==, second_tree);
  first_attributes = describe_attributes (first);
  second_attributes = describe_attributes (second);
  g_assert_cmpstr (first_attributes, ==, second_attributes);
  g_assert_nonnull (strstr (second_attributes, "female=Female/女性,male=Male/男性,other="));
  g_assert_nonnull (strstr (second_attributes, "/その他|"));
  {
    g_autofree char *json = NULL;

    g_assert_true (g_file_get_contents (path, &json, NULL, &error));
    g_assert_nonnull (strstr (json, "\"label_ja\" : \"その他\""));
  }

  /* The exported file reads back as a template and applies to its source as a no-op. */
  exported = shirabe_template_new_from_file (path, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (shirabe_template_get_name (exported, SHIRABE_LANGUAGE_JA), ==,
                   "Template test");
  {
    ShirabeTemplateResult result;

    g_assert_true (shirabe_project_apply_template (first, exported, 0, &result, &error));
    g_assert_cmpuint (result.codes_added + result.codes_updated, ==, 0);
    g_assert_cmpuint (result.attributes_added + result.attributes_updated, ==, 0);
  }
}

static void
test_one_undo_removes_the_template (TestDir       *fixture,
                                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ShirabeProject) project = new_project (fixture, "a.shirabe");
  g_autoptr(ShirabeTemplate) tpl = load_tip ();
  g_autoptr(GPtrArray) codes = NULL;
  g_autoptr(GPtrArray) attributes = NULL;
  ShirabeCodeSpec spec = { .label_en = "Mine", .label_ja = "自分のコード" };
  ShirabeHistory *history = shirabe_project_get_history (project);
  g_autofree char *tree = NULL;

  g_assert_cmpint (shirabe_project_add_code (project, &spec, &error), >, 0);
  g_assert_true (shirabe_project_apply_template (project, tpl, 0, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (shirabe_history_get_undo_label (history), ==,
                   "Apply template “Trafficking in persons”");
  tree = describe_tree (project);

  g_assert_true (shirabe_project_undo (project, &error));
  g_assert_no_error (error);
  codes = list_codes (project);
  g_assert_cmpuint (codes->len, ==, 1);
  g_assert_cmpstr (((ShirabeCode *) codes->pdata[0])->label_en, ==, "Mine");
  attributes = shirabe_project_list_attributes (project, SHIRABE_SCOPE_CASE, &error);
  g_assert_cmpuint (attributes->len, ==, 0);

  g_assert_true (shirabe_project_redo (project, &error));
  g_assert_no_error (error);
  {
    g_autofree char *redone = describe_tree (project);
    g_assert_cmpstr (redone, ==, tree);
  }
}

static ShirabeTemplate *
load_text (const char  *text,
           GError     **error)
{
  g_autoptr(GBytes) bytes = g_bytes_new_static (text, strlen (text));

  return shirabe_template_new_from_bytes (bytes, "broken.json", error);
}

static const char labelled_gender[] =
  "{ \"version\": 1, \"codes\": [], \"attributes\": [\n"
  "  { \"name_en\": \"Gender\", \"var_name\": \"gender\", \"type\": \"choice\",\n"
  "    \"choices\": [\n"
  "      { \"value\": \"female\", \"label_en\": \"Female\", \"label_ja\": \"女性\" },\n"
  "      { \"value\": \"male\", \"label_en\": \"Male\", \"label_ja\": \"男性\" },\n"
  "      { \"value\": \"other\", \"label_ja\": \"その他\" } ] } ] }\n";

/* A project made before labels (or by hand) gets them from the template; the user's own labels
 * stay unless the template is applied to replace; values never change. */
static void
test_merge_fills_in_choice_labels (TestDir       *fixture,
                                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ShirabeProject) project = new_project (fixture, "a.shirabe");
  g_autoptr(ShirabeTemplate) tpl = load_text (labelled_gender, &error);
  const char *genders[] = { "female", "male", NULL };
  const char *all_genders[] = { "female", "male", "other", NULL };
  ShirabeTemplateResult result;
  g_autofree char *merged = NULL;
  g_autofree char *replaced = NULL;
  g_autofree char *undone = NULL;
  gint64 case_id;
  gint64 gender;

  g_assert_no_error (error);
  gender = shirabe_project_add_attribute (project, SHIRABE_SCOPE_CASE, "Gender", "性別",
                                          "gender", SHIRABE_ATTRIBUTE_CHOICE, genders, &error);
  g_assert_no_error (error);
  g_assert_true (shirabe_project_set_choice_label (project, gender, "male", SHIRABE_LANGUAGE_EN,
                                                   "Man", &error));
  case_id = shirabe_project_add_case (project, "Case 1", &error);
  g_assert_true (shirabe_project_set_attribute_value (project, gender, case_id, "female",
                                                      &error));
  g_assert_no_error (error);

  g_assert_true (shirabe_project_apply_template (project, tpl, SHIRABE_TEMPLATE_APPLY_DEFAULT,
                                                 &result, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (result.attributes_updated, ==, 1);
  merged = describe_attributes (project);
  g_assert_nonnull (strstr (merged, "|female=Female/女性,male=Man/男性,other=/その他|"));
  {
    g_autoptr(ShirabeAttribute) attribute = shirabe_project_get_attribute (project, gender,
                                                                           &error);

    g_assert_cmpstrv (attribute->choices, all_genders);
  }

  /* Applied again, nothing is left to fill in. */
  g_assert_true (shirabe_project_apply_template (project, tpl, SHIRABE_TEMPLATE_APPLY_DEFAULT,
                                                 &result, &error));
  g_assert_cmpuint (result.attributes_updated, ==, 0);
  g_assert_cmpuint (result.attributes_unchanged, ==, 1);

  g_assert_true (shirabe_project_apply_template (project, tpl, SHIRABE_TEMPLATE_APPLY_REPLACE,
                                                 &result, &error));
  g_assert_no_error (error);
  replaced = describe_attributes (project);
  g_assert_nonnull (strstr (replaced, "|female=Female/女性,male=Male/男性,other=/その他|"));

  /* Each application was one undo step. */
  g_assert_true (shirabe_project_undo (project, &error));
  g_assert_no_error (error);
  undone = describe_attributes (project);
  g_assert_cmpstr (undone, ==, merged);

  {
    g_autoptr(GPtrArray) values = shirabe_project_list_attribute_values (project,
                                                                         SHIRABE_SCOPE_CASE,
                                                                         case_id, &error);
    g_auto(GStrv) problems = NULL;

    g_assert_cmpstr (((ShirabeAttributeValue *) values->pdata[0])->value, ==, "female");
    g_assert_true (shirabe_project_check (project, &problems, &error));
    g_assert_cmpuint (g_strv_length (problems), ==, 0);
  }
}

static void
test_malformed_json_names_file_and_line (TestDir       *fixture,
                                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = test_dir_path (fixture, "bad-scheme.json");
  g_autoptr(ShirabeTemplate) tpl = NULL;
  const char *text = "{\n"
                     "  \"version\": 1,\n"
                     "  \"codes\": [\n"
                     "    { \"uuid\": \"6c1c3f7e-0d4e-4a55-9e4b-2f0b9f0c1a01\",\n"
                     "      \"label_en\": \"Debt\",, }\n"
                     "  ]\n"
                     "}\n";

  g_assert_true (g_file_set_contents (path, text, -1, NULL));
  tpl = shirabe_template_new_from_file (path, &error);
  g_assert_null (tpl);
  g_assert_error (error, SHIRABE_ERROR, SHIRABE_ERROR_INVALID);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "bad-scheme.json"));
  g_assert_nonnull (strstr (error->message, "line 5"));
  g_clear_error (&error);

  g_assert_null (shirabe_template_load ("/no/such/dir/scheme.json", &error));
  g_assert_error (error, SHIRABE_ERROR, SHIRABE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_assert_null (load_text ("", &error));
  g_assert_error (error, SHIRABE_ERROR, SHIRABE_ERROR_EMPTY);
  g_clear_error (&error);

  g_assert_null (load_text ("[1, 2]", &error));
  g_assert_error (error, SHIRABE_ERROR, SHIRABE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "broken.json"));
}

typedef struct
{
  const char *text;
  int         code;
  const char *expected[3];  /* pieces of the message */
} BadTemplate;

#define CODE_A "\"uuid\": \"6c1c3f7e-0d4e-4a55-9e4b-2f0b9f0c1a01\""
#define CODE_B "\"uuid\": \"6c1c3f7e-0d4e-4a55-9e4b-2f0b9f0c1a02\""

static const BadTemplate bad_templates[] = {
  { "{\n \"version\": 1,\n \"codes\": [\n  {\n   " CODE_A ",\n   \"label_en\": \"\"\n  }\n ]\n}",
    SHIRABE_ERROR_INVALID, { "line 5", "no label", NULL } },
  { "{\n \"version\": 1,\n \"codes\": [\n  { " CODE_A ", \"label_en\": \"Debt\",\n"
    "    \"color\": \"#12345\" }\n ]\n}",
    SHIRABE_ERROR_INVALID, { "line 5", "“#12345” is not a colour", "Debt" } },
  { "{\n \"version\": 1,\n \"codes\": [\n  { " CODE_A ", \"label_en\": \"A\", \"var_name\": \"x\" },\n"
    "  { " CODE_B ", \"label_en\": \"B\",\n    \"var_name\": \"x\" }\n ]\n}",
    SHIRABE_ERROR_INVALID, { "line 6", "“x”", "another code" } },
  { "{\n \"version\": 1,\n \"codes\": [\n  { " CODE_A ", \"label_en\": \"A\" },\n"
    "  { " CODE_A ", \"label_en\": \"B\" }\n ]\n}",
    SHIRABE_ERROR_INVALID, { "line 5", "more than once", "“B”" } },
  { "{\n \"version\": 1,\n \"codes\": [\n  { \"label_en\": \"A\" }\n ]\n}",
    SHIRABE_ERROR_INVALID, { "line 4", "uuid", "“A”" } },
  { "{\n \"version\": 1,\n \"codes\": [\n  { \"uuid\": \"not-a-uuid\", \"label_ja\": \"借金\" }\n ]\n}",
    SHIRABE_ERROR_INVALID, { "line 4", "not a UUID", "借金" } },
  { "{\n \"version\": 1,\n \"codes\": [\n  { " CODE_A ", \"label_en\": \"A\",\n"
    "    \"var_name\": \"2nd\" }\n ]\n}",
    SHIRABE_ERROR_INVALID, { "line 5", "“2nd”", "variable name" } },
  { "{\n \"version\": 1,\n \"codes\": [\n  { " CODE_A ", \"label_en\": 12 }\n ]\n}",
    SHIRABE_ERROR_INVALID, { "line 4", "label_en", "text" } },
  { "{ \"version\": 2, \"codes\": [] }", SHIRABE_ERROR_TOO_NEW, { "version 2", NULL, NULL } },
  { "{ \"codes\": [] }", SHIRABE_ERROR_INVALID, { "version", NULL, NULL } },
  { "{ \"version\": 1 }", SHIRABE_ERROR_INVALID, { "codes", NULL, NULL } },
  { "{ \"format\": \"qdpx\", \"version\": 1, \"codes\": [] }", SHIRABE_ERROR_INVALID,
    { "qdpx", NULL, NULL } },
  { "{ \"version\": 1, \"codes\": [],\n \"attributes\": [\n  { \"name_en\": \"Gender\",\n"
    "    \"var_name\": \"gender\", \"type\": \"choice\" }\n ]\n}",
    SHIRABE_ERROR_INVALID, { "line 4", "“Gender”", "choices" } },
  { "{ \"version\": 1, \"codes\": [],\n \"attributes\": [\n  { \"name_en\": \"Age\",\n"
    "    \"var_name\": \"age\", \"type\": \"years\" }\n ]\n}",
    SHIRABE_ERROR_INVALID, { "line 4", "“Age”", "integer" } },
  { "{ \"version\": 1, \"codes\": [],\n \"attributes\": [\n"
    "  { \"name_en\": \"A\", \"var_name\": \"a\", \"type\": \"text\" },\n"
    "  { \"name_en\": \"B\", \"var_name\": \"a\", \"type\": \"text\" }\n ]\n}",
    SHIRABE_ERROR_INVALID, { "line 4", "“B”", "“a”" } },
  { "{ \"version\": 1, \"codes\": [],\n \"attributes\": [\n"
    "  { \"name_en\": \"G\", \"var_name\": \"g\", \"type\": \"choice\",\n"
    "    \"choices\": [\"f\", \"f\"] }\n ]\n}",
    SHIRABE_ERROR_INVALID, { "line 4", "“f”", "twice" } },
  { "{ \"version\": 1, \"codes\": [],\n \"attributes\": [\n"
    "  { \"name_en\": \"G\", \"var_name\": \"g\", \"type\": \"choice\",\n"
    "    \"choices\": [{ \"value\": \"f\", \"label_en\": \"Fe\\nmale\" }] }\n ]\n}",
    SHIRABE_ERROR_INVALID, { "line 4", "choice 1", "one line" } },
};

static void
test_bad_templates_are_refused_with_where (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (bad_templates); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(ShirabeTemplate) tpl = load_text (bad_templates[i].text, &error);

      g_assert_null (tpl);
      g_assert_nonnull (error);
      g_test_message ("%u: %s", i, error->message);
      g_assert_error (error, SHIRABE_ERROR, bad_templates[i].code);
      g_assert_true (g_str_has_prefix (error->message, "“broken.json”"));
      for (guint j = 0; j < G_N_ELEMENTS (bad_templates[i].expected); j++)
        if (bad_templates[i].expected[j] != NULL)
          g_assert_nonnull (strstr (error->message, bad_templates[i].expected[j]));
    }
}

static void
test_minimal_template_applies (TestDir       *fixture,
                               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ShirabeProject) project = new_project (fixture, "a.shirabe");
  g_autoptr(ShirabeTemplate) tpl = NULL;
  g_autoptr(GPtrArray) codes = NULL;
  ShirabeCode *code;

  /* A BOM, no format, no colours or variable names: the project fills them in. */
  tpl = load_text ("\xEF\xBB\xBF{ \"version\": 1, \"codes\": [ { " CODE_A ","
                   " \"label_ja\": \"借金\", \"codable\": false,"
                   " \"children\": [ { " CODE_B ", \"label_en\": \"Fines\" } ] } ] }",
                   &error);
  g_assert_no_error (error);
  g_assert_cmpstr (shirabe_template_get_id (tpl), ==, "broken");
  g_assert_true (shirabe_project_apply_template (project, tpl, 0, NULL, &error));
  g_assert_no_error (error);
  codes = list_codes (project);
  g_assert_cmpuint (codes->len, ==, 2);
  code = codes->pdata[0];
  g_assert_cmpstr (code->label_ja, ==, "借金");
  g_assert_cmpstr (code->uuid, ==, "6c1c3f7e-0d4e-4a55-9e4b-2f0b9f0c1a01");
  g_assert_false (code->codable);
  g_assert_true (shirabe_var_name_is_valid (code->var_name));
  code = codes->pdata[1];
  g_assert_cmpstr (code->var_name, ==, "fines");
  g_assert_cmpint (code->depth, ==, 1);
  g_assert_true (code->codable);
}

static void
test_read_only_project_is_refused (TestDir       *fixture,
                                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = test_dir_path (fixture, "a.shirabe");
  g_autoptr(ShirabeProject) project = new_project (fixture, "a.shirabe");
  g_autoptr(ShirabeProject) read_only = NULL;
  g_autoptr(ShirabeTemplate) tpl = load_tip ();

  g_assert_true (shirabe_project_close (project, &error));
  read_only = shirabe_project_open (path, SHIRABE_PROJECT_READ_ONLY, &error);
  g_assert_no_error (error);
  g_assert_false (shirabe_project_apply_template (read_only, tpl, 0, NULL, &error));
  g_assert_error (error, SHIRABE_ERROR, SHIRABE_ERROR_READ_ONLY);
}

/* A nesting json-glib would recurse into until the stack overflows: `[[[[…]]]]` 100,000 deep,
 * and 20,000 levels inside a code's field, are refused with the file's name. */
static void
test_deep_nesting_is_refused (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) arrays = g_string_new (NULL);
  g_autoptr(GString) field = g_string_new ("{ \"version\": 1, \"codes\": [ { " CODE_A
                                           ", \"label_en\": \"Debt\", \"note_en\": ");

  for (guint i = 0; i < 100000; i++)
    g_string_append_c (arrays, '[');
  for (guint i = 0; i < 100000; i++)
    g_string_append_c (arrays, ']');
  g_assert_null (load_text (arrays->str, &error));
  g_assert_error (error, SHIRABE_ERROR, SHIRABE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "broken.json"));
  g_assert_nonnull (strstr (error->message, "256"));
  g_clear_error (&error);

  for (guint i = 0; i < 20000; i++)
    g_string_append (field, "{\"a\":");
  g_string_append (field, "1");
  for (guint i = 0; i < 20000; i++)
    g_string_append_c (field, '}');
  g_string_append (field, " } ], \"attributes\": [] }");
  g_assert_null (load_text (field->str, &error));
  g_assert_error (error, SHIRABE_ERROR, SHIRABE_ERROR_INVALID);
  g_clear_error (&error);

  /* Brackets inside strings, escaped quotes included, are text, not nesting. */
  {
    g_autoptr(GString) text = g_string_new ("{ \"version\": 1, \"codes\": [ { " CODE_A
                                            ", \"label_en\": \"x\\\"");
    g_autoptr(ShirabeTemplate) tpl = NULL;

    for (guint i = 0; i < 1000; i++)
      g_string_append (text, "[{");
    g_string_append (text, "\" } ], \"attributes\": [] }");
    tpl = load_text (text->str, &error);
    g_assert_no_error (error);
    g_assert_nonnull (tpl);
  }
}

/* /dev/zero, a FIFO with no writer and a file over 20 MB are refused at once, by name. */
static void
test_non_regular_and_huge_files_are_refused (TestDir       *fixture,
                                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *fifo = test_dir_path (fixture, "fifo.json");
  g_autofree char *huge = test_dir_path (fixture, "huge.json");
  FILE *file;

  g_assert_null (shirabe_template_new_from_file ("/dev/zero", &error));
  g_assert_error (error, SHIRABE_ERROR, SHIRABE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "/dev/zero"));
  g_clear_error (&error);

  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
  g_assert_null (shirabe_template_new_from_file (fifo, &error));
  g_assert_error (error, SHIRABE_ERROR, SHIRABE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "fifo.json"));
  g_clear_error (&error);

  /* A sparse file: 21 MB on paper, no disk space used. */
  file = fopen (huge, "w");
  g_assert_nonnull (file);
  g_assert_cmpint (ftruncate (fileno (file), 21 * 1024 * 1024), ==, 0);
  fclose (file);
  g_assert_null (shirabe_template_new_from_file (huge, &error));
  g_assert_error (error, SHIRABE_ERROR, SHIRABE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "huge.json"));
  g_assert_nonnull (strstr (error->message, "20 MB"));
}

/* A project's `choice_labels` cell nested 100,000 deep is read as no labels, not a crash. */
static void
test_deep_choice_labels_in_a_project_do_not_crash (TestDir       *fixture,
                                                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = test_dir_path (fixture, "deep.shirabe");
  g_autoptr(GString) sql = g_string_new ("PRAGMA ignore_check_constraints = ON; UPDATE attribute SET choice_labels = '{\"female\":");
  g_autoptr(ShirabeProject) project = new_project (fixture, "deep.shirabe");
  g_autoptr(ShirabeAttribute) attribute = NULL;
  const char *genders[] = { "female", "male", NULL };
  gint64 gender;
  sqlite3 *db = NULL;

  gender = shirabe_project_add_attribute (project, SHIRABE_SCOPE_CASE, "Gender", "性別",
                                          "gender", SHIRABE_ATTRIBUTE_CHOICE, genders, &error);
  g_assert_no_error (error);
  g_clear_object (&project);

  for (guint i = 0; i < 100000; i++)
    g_string_append_c (sql, '[');
  for (guint i = 0; i < 100000; i++)
    g_string_append_c (sql, ']');
  g_string_append (sql, "}'");
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql->str, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  project = shirabe_project_open (path, SHIRABE_PROJECT_DEFAULT, &error);
  g_assert_no_error (error);
  attribute = shirabe_project_get_attribute (project, gender, &error);
  g_assert_no_error (error);
  g_assert_cmpstrv (attribute->choices, genders);
  g_assert_cmpstr (attribute->choice_labels_en[0], ==, "");
}

/* A lone surrogate escaped in a label ("a\ud800b") would reach the project as invalid UTF-8:
 * the template is refused, naming the file and the field. */
static void
test_lone_surrogate_is_refused (TestDir       *fixture,
                                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ShirabeProject) project = new_project (fixture, "s.shirabe");
  g_autoptr(GPtrArray) codes = NULL;

  g_assert_null (load_text ("{ \"version\": 1, \"codes\": [ { " CODE_A
                            ", \"label_en\": \"a\\ud800b\" } ], \"attributes\": [] }",
                            &error));
  g_assert_error (error, SHIRABE_ERROR, SHIRABE_ERROR_INVALID);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "broken.json"));
  g_assert_nonnull (strstr (error->message, "label_en"));
  g_assert_true (g_utf8_validate (error->message, -1, NULL));
  g_clear_error (&error);

  g_assert_null (load_text ("{ \"version\": 1, \"codes\": [], \"attributes\": [ {"
                            " \"name_en\": \"G\", \"var_name\": \"g\", \"type\":"
                            " \"choice\", \"choices\": [ \"x\\udc00\" ] } ] }", &error));
  g_assert_error (error, SHIRABE_ERROR, SHIRABE_ERROR_INVALID);
  g_clear_error (&error);

  codes = list_codes (project);
  g_assert_cmpuint (codes->len, ==, 0);
}

/* Found by fuzz-template: an empty input crashed the reader. */
static void
test_empty_bytes_are_refused (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) empty = g_bytes_new (NULL, 0);
  g_autoptr(GBytes) blank = g_bytes_new_static ("", 0);

  g_assert_null (shirabe_template_new_from_bytes (empty, "empty.json", &error));
  g_assert_error (error, SHIRABE_ERROR, SHIRABE_ERROR_EMPTY);
  g_assert_cmpstr (error->message, ==, "“empty.json” is empty");
  g_clear_error (&error);
  g_assert_null (shirabe_template_new_from_bytes (blank, "blank.json", &error));
  g_assert_error (error, SHIRABE_ERROR, SHIRABE_ERROR_EMPTY);
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *templates = NULL;

  g_test_init (&argc, &argv, NULL);

  /* The bundled templates from the source tree, not an installed copy. */
  templates = g_test_build_filename (G_TEST_DIST, "..", "..", "data", "templates", NULL);
  g_setenv ("SHIRABE_TEMPLATE_DIR", templates, TRUE);

  g_test_add_func ("/core/template/tip-is-found-by-name", test_tip_is_found_by_name);
  g_test_add_func ("/core/template/unknown-name-lists-the-templates",
                   test_unknown_name_lists_the_templates);
  g_test_add_func ("/core/template/tip-codes-are-bilingual-with-notes",
                   test_tip_codes_are_bilingual_with_notes);
  g_test_add_func ("/core/template/tip-var-names-are-unique-and-valid",
                   test_tip_var_names_are_unique_and_valid);
  g_test_add_func ("/core/template/tip-has-the-five-top-categories",
                   test_tip_has_the_five_top_categories);
  g_test_add_func ("/core/template/tip-has-the-issue-subcodes", test_tip_has_the_issue_subcodes);
  g_test_add ("/core/template/tip-attributes-are-typed", TestDir, NULL, test_dir_setup,
              test_tip_attributes, test_dir_teardown);
  g_test_add ("/core/template/applying-twice-changes-nothing", TestDir, NULL, test_dir_setup,
              test_applying_twice_changes_nothing, test_dir_teardown);
  g_test_add ("/core/template/apply-keeps-user-edits-and-restores-deleted-codes", TestDir, NULL,
              test_dir_setup, test_apply_keeps_user_edits_and_restores_deleted_codes,
              test_dir_teardown);
  g_test_add ("/core/template/export-then-apply-gives-the-same-tree", TestDir, NULL,
              test_dir_setup, test_export_then_apply_gives_the_same_tree, test_dir_teardown);
  g_test_add ("/core/template/merge-fills-in-choice-labels", TestDir, NULL, test_dir_setup,
              test_merge_fills_in_choice_labels, test_dir_teardown);
  g_test_add ("/core/template/one-undo-removes-the-template", TestDir, NULL, test_dir_setup,
              test_one_undo_removes_the_template, test_dir_teardown);
  g_test_add ("/core/template/malformed-json-names-file-and-line", TestDir, NULL,
              test_dir_setup, test_malformed_json_names_file_and_line, test_dir_teardown);
  g_test_add_func ("/core/template/bad-templates-are-refused-with-where",
                   test_bad_templates_are_refused_with_where);
  g_test_add ("/core/template/minimal-template-applies", TestDir, NULL, test_dir_setup,
              test_minimal_template_applies, test_dir_teardown);
  g_test_add_func ("/core/template/deep-nesting-is-refused", test_deep_nesting_is_refused);
  g_test_add_func ("/core/template/empty-bytes-are-refused", test_empty_bytes_are_refused);
  g_test_add ("/core/template/non-regular-and-huge-files-are-refused", TestDir, NULL,
              test_dir_setup, test_non_regular_and_huge_files_are_refused, test_dir_teardown);
  g_test_add ("/core/template/deep-choice-labels-in-a-project-do-not-crash", TestDir, NULL,
              test_dir_setup, test_deep_choice_labels_in_a_project_do_not_crash,
              test_dir_teardown);
  g_test_add ("/core/template/lone-surrogate-is-refused", TestDir, NULL, test_dir_setup,
              test_lone_surrogate_is_refused, test_dir_teardown);
  g_test_add ("/core/template/read-only-project-is-refused", TestDir, NULL, test_dir_setup,
              test_read_only_project_is_refused, test_dir_teardown);

  return g_test_run ();
}
