/* test-entities.c: cases, narratives, codes, codings, coders and attributes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <sqlite3.h>

#include "test-util.h"

static void
test_offsets_count_code_points (TestDir       *fixture,
                                 gconstpointer  data)
{
  /* 😀 and 𠮷 are outside the BMP: one code point each, two UTF-16 units, four bytes. */
  const char *text = "😀𠮷野家で働かされた。passport 🛂 taken";
  g_autoptr(GError) error = NULL;
  g_autoptr(ShirabeProject) project = NULL;
  g_autoptr(ShirabeNarrative) narrative = NULL;
  g_autoptr(GPtrArray) codings = NULL;
  ShirabeCodeSpec spec = { .label_en = "Forced labour", .label_ja = "強制労働" };
  gint64 narrative_id, code_id, coder_id, coding_id;

  project = test_project_with_text (fixture, text, &narrative_id);
  narrative = shirabe_project_get_narrative (project, narrative_id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (narrative->length, ==, g_utf8_strlen (text, -1));
  g_assert_cmpint (narrative->length, ==, 27);

  code_id = shirabe_project_add_code (project, &spec, &error);
  g_assert_no_error (error);
  coder_id = shirabe_project_ensure_coder (project, "Aiko", &error);
  g_assert_no_error (error);

  /* "𠮷野家" is code points 1..4. */
  coding_id = shirabe_project_add_coding (project, narrative_id, code_id, coder_id, 1, 4, "memo",
                                          &error);
  g_assert_no_error (error);
  g_assert_cmpint (coding_id, >, 0);

  /* SQLite's substr() counts code points too: the excerpt is the passage. */
  {
    sqlite3_stmt *stmt = NULL;
    sqlite3 *db = NULL;
    g_autofree char *path = test_dir_path (fixture, "test.shirabe");

    g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT substr (n.text, g.start + 1, g.end - g.start)"
                                         " FROM coding g JOIN narrative n ON n.id = g.narrative_id",
                                         -1, &stmt, NULL), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "𠮷野家");
    sqlite3_finalize (stmt);
    sqlite3_close (db);
  }

  /* The whole text, to the last code point, may be coded; one past it may not. */
  g_assert_cmpint (shirabe_project_add_coding (project, narrative_id, code_id, coder_id, 0, 27,
                                               NULL, &error), >, 0);
  g_assert_no_error (error);
  g_assert_cmpint (shirabe_project_add_coding (project, narrative_id, code_id, coder_id, 26, 28,
                                               NULL, &error), ==, 0);
  g_assert_error (error, SHIRABE_ERROR, SHIRABE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "27 characters"));
  g_clear_error (&error);
  g_assert_cmpint (shirabe_project_add_coding (project, narrative_id, code_id, coder_id, 5, 5,
                                               NULL, &error), ==, 0);
  g_assert_error (error, SHIRABE_ERROR, SHIRABE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "empty"));
  g_clear_error (&error);
  g_assert_cmpint (shirabe_project_add_coding (project, narrative_id, code_id, coder_id, -1, 3,
                                               NULL, &error), ==, 0);
  g_assert_error (error, SHIRABE_ERROR, SHIRABE_ERROR_INVALID);
  g_clear_error (&error);

  codings = shirabe_project_list_codings (project, narrative_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (codings->len, ==, 2);
  g_assert_cmpint (((ShirabeCoding *) codings->pdata[0])->start, ==, 0);
  g_assert_cmpint (((ShirabeCoding *) codings->pdata[1])->start, ==, 1);
  g_assert_cmpint (((ShirabeCoding *) codings->pdata[1])->end, ==, 4);
  g_assert_cmpstr (((ShirabeCoding *) codings->pdata[1])->coder_name, ==, "Aiko");
  g_assert_cmpstr (((ShirabeCoding *) codings->pdata[1])->memo, ==, "memo");
}

static void
test_code_tree_and_lookup (TestDir       *fixture,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ShirabeProject) project = NULL;
  g_autoptr(GPtrArray) codes = NULL;
  g_autofree char *path = NULL;
  ShirabeCodeSpec spec = { 0 };
  gint64 narrative_id, means, debt, documents, route;

  project = test_project_with_text (fixture, "text", &narrative_id);

  spec.label_en = "Means of control";
  spec.label_ja = "支配の手段";
  spec.not_codable = TRUE;
  means = shirabe_project_add_code (project, &spec, &error);
  g_assert_no_error (error);

  spec = (ShirabeCodeSpec) { .parent_id = means, .label_en = "Debt bondage",
                             .label_ja = "借金による束縛", .color = "#e01b24" };
  debt = shirabe_project_add_code (project, &spec, &error);
  g_assert_no_error (error);
  spec = (ShirabeCodeSpec) { .parent_id = means, .label_ja = "旅券の取り上げ" };
  documents = shirabe_project_add_code (project, &spec, &error);
  g_assert_no_error (error);
  spec = (ShirabeCodeSpec) { .label_en = "Route", .label_ja = "経路" };
  route = shirabe_project_add_code (project, &spec, &error);
  g_assert_no_error (error);

  codes = shirabe_project_list_codes (project, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (codes->len, ==, 4);
  g_assert_cmpint (((ShirabeCode *) codes->pdata[0])->id, ==, means);
  g_assert_cmpint (((ShirabeCode *) codes->pdata[1])->id, ==, debt);
  g_assert_cmpint (((ShirabeCode *) codes->pdata[1])->depth, ==, 1);
  g_assert_cmpstr (((ShirabeCode *) codes->pdata[1])->color, ==, "#E01B24");
  g_assert_cmpstr (((ShirabeCode *) codes->pdata[1])->var_name, ==, "debt_bondage");
  g_assert_cmpint (((ShirabeCode *) codes->pdata[2])->id, ==, documents);
  /* A Japanese-only label still gets a statistics-safe variable name. */
  g_assert_true (shirabe_var_name_is_valid (((ShirabeCode *) codes->pdata[2])->var_name));
  g_assert_cmpint (((ShirabeCode *) codes->pdata[3])->id, ==, route);

  g_assert_cmpint (shirabe_project_find_code (project, "借金による束縛", &error), ==, debt);
  g_assert_cmpint (shirabe_project_find_code (project, "Means of control/Debt bondage", &error),
                   ==, debt);
  g_assert_cmpint (shirabe_project_find_code (project, "支配の手段/旅券の取り上げ", &error), ==,
                   documents);
  g_assert_cmpint (shirabe_project_find_code (project, "debt_bondage", &error), ==, debt);
  g_assert_no_error (error);
  g_assert_cmpint (shirabe_project_find_code (project, "Nothing", &error), ==, 0);
  g_assert_error (error, SHIRABE_ERROR, SHIRABE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  path = shirabe_project_dup_code_path (project, debt, SHIRABE_LANGUAGE_JA);
  g_assert_cmpstr (path, ==, "支配の手段/借金による束縛");

  /* A category only groups codes: it cannot be applied. */
  g_assert_cmpint (shirabe_project_add_coding (project, narrative_id, means,
                                               shirabe_project_ensure_coder (project, "A", NULL),
                                               0, 2, NULL, &error), ==, 0);
  g_assert_error (error, SHIRABE_ERROR, SHIRABE_ERROR_INVALID);
  g_clear_error (&error);

  /* Variable names are unique and valid. */
  spec = (ShirabeCodeSpec) { .label_en = "Debt", .var_name = "debt_bondage" };
  g_assert_cmpint (shirabe_project_add_code (project, &spec, &error), ==, 0);
  g_assert_error (error, SHIRABE_ERROR, SHIRABE_ERROR_EXISTS);
  g_clear_error (&error);
  spec = (ShirabeCodeSpec) { .label_en = "Debt", .var_name = "1debt" };
  g_assert_cmpint (shirabe_project_add_code (project, &spec, &error), ==, 0);
  g_assert_error (error, SHIRABE_ERROR, SHIRABE_ERROR_INVALID);
  g_clear_error (&error);
  /* The check the code editor runs as the user types. */
  g_assert_true (shirabe_project_check_code_var_name (project, debt, "debt_bondage", &error));
  g_assert_true (shirabe_project_check_code_var_name (project, 0, "debt_new", &error));
  g_assert_no_error (error);
  g_assert_false (shirabe_project_check_code_var_name (project, route, "debt_bondage", &error));
  g_assert_error (error, SHIRABE_ERROR, SHIRABE_ERROR_EXISTS);
  g_clear_error (&error);
  g_assert_false (shirabe_project_check_code_var_name (project, 0, "借金", &error));
  g_assert_error (error, SHIRABE_ERROR, SHIRABE_ERROR_INVALID);
  g_clear_error (&error);
  spec = (ShirabeCodeSpec) { .label_en = "Debt", .color = "red" };
  g_assert_cmpint (shirabe_project_add_code (project, &spec, &error), ==, 0);
  g_assert_error (error, SHIRABE_ERROR, SHIRABE_ERROR_INVALID);
  g_clear_error (&error);
}

static void
test_code_edits_and_moves (TestDir       *fixture,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ShirabeProject) project = NULL;
  g_autoptr(GPtrArray) codes = NULL;
  g_autoptr(ShirabeCode) code = NULL;
  ShirabeCodeSpec spec = { 0 };
  gint64 narrative_id, a, b, c, a1;

  project = test_project_with_text (fixture, "text", &narrative_id);
  spec.label_en = "A";
  a = shirabe_project_add_code (project, &spec, &error);
  spec.label_en = "B";
  b = shirabe_project_add_code (project, &spec, &error);
  spec.label_en = "C";
  c = shirabe_project_add_code (project, &spec, &error);
  spec.label_en = "A1";
  spec.parent_id = a;
  a1 = shirabe_project_add_code (project, &spec, &error);
  g_assert_no_error (error);

  g_assert_true (shirabe_project_set_code_label (project, b, SHIRABE_LANGUAGE_JA, "ビー", &error));
  g_assert_true (shirabe_project_set_code_description (project, b, SHIRABE_LANGUAGE_EN,
                                                       "When to use", &error));
  g_assert_true (shirabe_project_set_code_color (project, b, "#abc", &error));
  g_assert_true (shirabe_project_set_code_var_name (project, b, "bee", &error));
  g_assert_no_error (error);
  code = shirabe_project_get_code (project, b, &error);
  g_assert_cmpstr (code->label_ja, ==, "ビー");
  g_assert_cmpstr (code->description_en, ==, "When to use");
  g_assert_cmpstr (code->color, ==, "#AABBCC");
  g_assert_cmpstr (code->var_name, ==, "bee");

  /* Clearing both labels is refused. */
  g_assert_true (shirabe_project_set_code_label (project, b, SHIRABE_LANGUAGE_EN, "", &error));
  g_assert_false (shirabe_project_set_code_label (project, b, SHIRABE_LANGUAGE_JA, " ", &error));
  g_assert_error (error, SHIRABE_ERROR, SHIRABE_ERROR_INVALID);
  g_clear_error (&error);

  /* C to the front, then under B; A under its own child is refused. */
  g_assert_true (shirabe_project_move_code (project, c, 0, 0, &error));
  g_assert_true (shirabe_project_move_code (project, a1, b, -1, &error));
  g_assert_no_error (error);
  g_assert_false (shirabe_project_move_code (project, a, a, 0, &error));
  g_assert_error (error, SHIRABE_ERROR, SHIRABE_ERROR_INVALID);
  g_clear_error (&error);

  codes = shirabe_project_list_codes (project, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (codes->len, ==, 4);
  g_assert_cmpint (((ShirabeCode *) codes->pdata[0])->id, ==, c);
  g_assert_cmpint (((ShirabeCode *) codes->pdata[0])->position, ==, 0);
  g_assert_cmpint (((ShirabeCode *) codes->pdata[1])->id, ==, a);
  g_assert_cmpint (((ShirabeCode *) codes->pdata[1])->position, ==, 1);
  g_assert_cmpint (((ShirabeCode *) codes->pdata[2])->id, ==, b);
  g_assert_cmpint (((ShirabeCode *) codes->pdata[2])->position, ==, 2);
  g_assert_cmpint (((ShirabeCode *) codes->pdata[3])->id, ==, a1);
  g_assert_cmpint (((ShirabeCode *) codes->pdata[3])->depth, ==, 1);
}

static void
test_attributes_are_typed (TestDir       *fixture,
                           gconstpointer  data)
{
  const char *genders[] = { "female", "male", "non-binary", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(ShirabeProject) project = NULL;
  g_autoptr(GPtrArray) values = NULL;
  gint64 narrative_id, case_id, age, entry, gender, shelter, nationality;

  project = test_project_with_text (fixture, "text", &narrative_id);
  case_id = shirabe_project_find_case (project, "Case A", &error);
  g_assert_no_error (error);

  age = shirabe_project_add_attribute (project, SHIRABE_SCOPE_CASE, "Age at recruitment",
                                       "勧誘時の年齢", NULL, SHIRABE_ATTRIBUTE_INTEGER, NULL,
                                       &error);
  entry = shirabe_project_add_attribute (project, SHIRABE_SCOPE_CASE, "Entry date", "入国日",
                                         NULL, SHIRABE_ATTRIBUTE_DATE, NULL, &error);
  gender = shirabe_project_add_attribute (project, SHIRABE_SCOPE_CASE, "Gender", "性別", NULL,
                                          SHIRABE_ATTRIBUTE_CHOICE, genders, &error);
  shelter = shirabe_project_add_attribute (project, SHIRABE_SCOPE_CASE, "Sheltered", "保護",
                                           NULL, SHIRABE_ATTRIBUTE_BOOLEAN, NULL, &error);
  nationality = shirabe_project_add_attribute (project, SHIRABE_SCOPE_CASE, "Nationality",
                                               "国籍", NULL, SHIRABE_ATTRIBUTE_TEXT, NULL,
                                               &error);
  g_assert_no_error (error);
  g_assert_cmpint (shirabe_project_find_attribute (project, SHIRABE_SCOPE_CASE, "勧誘時の年齢",
                                                   &error), ==, age);
  g_assert_cmpint (shirabe_project_find_attribute (project, SHIRABE_SCOPE_CASE,
                                                   "age_at_recruitment", &error), ==, age);
  /* Names without a letter of ASCII still get distinct variable names. */
  {
    gint64 origin = shirabe_project_add_attribute (project, SHIRABE_SCOPE_CASE, NULL, "出身地",
                                                   NULL, SHIRABE_ATTRIBUTE_TEXT, NULL, &error);
    gint64 route = shirabe_project_add_attribute (project, SHIRABE_SCOPE_CASE, NULL, "経由地",
                                                  NULL, SHIRABE_ATTRIBUTE_TEXT, NULL, &error);
    g_autoptr(ShirabeAttribute) first = NULL;
    g_autoptr(ShirabeAttribute) second = NULL;

    g_assert_no_error (error);
    first = shirabe_project_get_attribute (project, origin, &error);
    second = shirabe_project_get_attribute (project, route, &error);
    /* Japanese names are read out in romaji (KAKASI). */
    g_assert_cmpstr (first->var_name, ==, "shusshinchi");
    g_assert_cmpstr (second->var_name, ==, "keiyuchi");
    shirabe_project_delete_attribute (project, origin, &error);
    shirabe_project_delete_attribute (project, route, &error);
    g_assert_no_error (error);
  }

  g_assert_true (shirabe_project_set_attribute_value (project, age, case_id, " 19 ", &error));
  g_assert_true (shirabe_project_set_attribute_value (project, entry, case_id, "2004-03-15",
                                                      &error));
  g_assert_true (shirabe_project_set_attribute_value (project, gender, case_id, "female", &error));
  g_assert_true (shirabe_project_set_attribute_value (project, shelter, case_id, "はい", &error));
  g_assert_true (shirabe_project_set_attribute_value (project, nationality, case_id, "Philippines",
                                                      &error));
  g_assert_no_error (error);

  g_assert_false (shirabe_project_set_attribute_value (project, age, case_id, "nineteen", &error));
  g_assert_error (error, SHIRABE_ERROR, SHIRABE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "nineteen"));
  g_clear_error (&error);
  g_assert_false (shirabe_project_set_attribute_value (project, entry, case_id, "2004-02-30",
                                                       &error));
  g_assert_error (error, SHIRABE_ERROR, SHIRABE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (shirabe_project_set_attribute_value (project, gender, case_id, "unknown",
                                                       &error));
  g_assert_error (error, SHIRABE_ERROR, SHIRABE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "female, male, non-binary"));
  g_clear_error (&error);

  values = shirabe_project_list_attribute_values (project, SHIRABE_SCOPE_CASE, case_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (values->len, ==, 5);
  g_assert_cmpstr (((ShirabeAttributeValue *) values->pdata[0])->value, ==, "19");
  g_assert_cmpstr (((ShirabeAttributeValue *) values->pdata[1])->value, ==, "2004-03-15");
  g_assert_cmpstr (((ShirabeAttributeValue *) values->pdata[2])->value, ==, "female");
  g_assert_cmpstr (((ShirabeAttributeValue *) values->pdata[3])->value, ==, "1");
  g_assert_cmpstr (((ShirabeAttributeValue *) values->pdata[4])->value, ==, "Philippines");

  /* The value is stored as a number, so that exports write a number. */
  {
    sqlite3 *db = NULL;
    sqlite3_stmt *stmt = NULL;
    g_autofree char *path = test_dir_path (fixture, "test.shirabe");

    g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT typeof (value) FROM attribute_value"
                                         " WHERE attribute_id = ?1", -1, &stmt, NULL), ==,
                     SQLITE_OK);
    sqlite3_bind_int64 (stmt, 1, age);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "integer");
    sqlite3_finalize (stmt);
    sqlite3_close (db);
  }

  /* Clearing a value. */
  g_assert_true (shirabe_project_set_attribute_value (project, age, case_id, NULL, &error));
  g_clear_pointer (&values, g_ptr_array_unref);
  values = shirabe_project_list_attribute_values (project, SHIRABE_SCOPE_CASE, case_id, &error);
  g_assert_null (((ShirabeAttributeValue *) values->pdata[0])->value);
}

static ShirabeAttribute *
get_attribute (ShirabeProject *project,
               gint64          attribute_id)
{
  g_autoptr(GError) error = NULL;
  ShirabeAttribute *attribute = shirabe_project_get_attribute (project, attribute_id, &error);

  g_assert_no_error (error);
  return attribute;
}

/* The first column of the first row of @sql, read from the file as another program would. */
static char *
query_text (ShirabeProject *project,
            const char     *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  char *text;

  g_assert_cmpint (sqlite3_open_v2 (shirabe_project_get_path (project), &db,
                                    SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  text = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return text;
}

/* Labels are stored apart from the values: the values stay the codes, one per line. */
static void
test_choice_labels_are_stored_apart_from_values (TestDir       *fixture,
                                                 gconstpointer  data)
{
  const char *genders[] = { "female", "male", "other", NULL };
  const char *labels_en[] = { "Female", "Male", "", NULL };
  const char *labels_ja[] = { "女性", "", "", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(ShirabeProject) project = NULL;
  g_autoptr(ShirabeAttribute) attribute = NULL;
  g_autoptr(GPtrArray) values = NULL;
  g_autofree char *path = NULL;
  g_autofree char *stored_choices = NULL;
  g_autofree char *stored_value = NULL;
  g_auto(GStrv) problems = NULL;
  ShirabeAttributeValue *value;
  gint64 narrative_id, case_id, gender;

  project = test_project_with_text (fixture, "text", &narrative_id);
  path = g_strdup (shirabe_project_get_path (project));
  case_id = shirabe_project_find_case (project, "Case A", &error);
  gender = shirabe_project_add_attribute (project, SHIRABE_SCOPE_CASE, "Gender", "性別", NULL,
                                          SHIRABE_ATTRIBUTE_CHOICE, genders, &error);
  g_assert_no_error (error);
  g_assert_true (shirabe_project_set_choice_labels (project, gender, genders, labels_en,
                                                    labels_ja, &error));
  g_assert_no_error (error);
  /* One label at a time, and NULL arrays leave the other language alone. */
  g_assert_true (shirabe_project_set_choice_label (project, gender, "male", SHIRABE_LANGUAGE_JA,
                                                   "男性", &error));
  g_assert_no_error (error);
  g_assert_true (shirabe_project_set_attribute_value (project, gender, case_id, "female",
                                                      &error));
  g_assert_no_error (error);

  /* Refused: a value that is not a choice, a label on two lines. */
  g_assert_false (shirabe_project_set_choice_label (project, gender, "unknown",
                                                    SHIRABE_LANGUAGE_EN, "Unknown", &error));
  g_assert_error (error, SHIRABE_ERROR, SHIRABE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (shirabe_project_set_choice_label (project, gender, "other",
                                                    SHIRABE_LANGUAGE_EN, "Other\nor unknown",
                                                    &error));
  g_assert_error (error, SHIRABE_ERROR, SHIRABE_ERROR_INVALID);
  g_clear_error (&error);
  /* A label is never a value. */
  g_assert_false (shirabe_project_set_attribute_value (project, gender, case_id, "女性", &error));
  g_assert_error (error, SHIRABE_ERROR, SHIRABE_ERROR_INVALID);
  g_clear_error (&error);

  /* Read back after reopening. */
  g_assert_true (shirabe_project_close (project, &error));
  g_clear_object (&project);
  project = shirabe_project_open (path, SHIRABE_PROJECT_DEFAULT, &error);
  g_assert_no_error (error);
  attribute = get_attribute (project, gender);
  g_assert_cmpstrv (attribute->choices, genders);
  g_assert_cmpstr (attribute->choice_labels_en[0], ==, "Female");
  g_assert_cmpstr (attribute->choice_labels_ja[0], ==, "女性");
  g_assert_cmpstr (attribute->choice_labels_ja[1], ==, "男性");
  g_assert_cmpstr (attribute->choice_labels_en[2], ==, "");
  g_assert_cmpstr (shirabe_attribute_get_choice_label (attribute, "female", SHIRABE_LANGUAGE_JA),
                   ==, "女性");
  g_assert_cmpstr (shirabe_attribute_get_choice_label (attribute, "male", SHIRABE_LANGUAGE_EN),
                   ==, "Male");
  /* No label in either language: the value itself. */
  g_assert_cmpstr (shirabe_attribute_get_choice_label (attribute, "other", SHIRABE_LANGUAGE_JA),
                   ==, "other");

  /* The values column keeps its version 1 form; the value stored is the value. */
  stored_choices = query_text (project, "SELECT choices FROM attribute WHERE var_name = 'gender'");
  g_assert_cmpstr (stored_choices, ==, "female\nmale\nother");
  stored_value = query_text (project, "SELECT value FROM attribute_value");
  g_assert_cmpstr (stored_value, ==, "female");

  values = shirabe_project_list_attribute_values (project, SHIRABE_SCOPE_CASE, case_id, &error);
  g_assert_no_error (error);
  value = values->pdata[0];
  g_assert_cmpstr (value->value, ==, "female");
  g_assert_cmpstr (value->value_label_en, ==, "Female");
  g_assert_cmpstr (value->value_label_ja, ==, "女性");

  g_assert_true (shirabe_project_check (project, &problems, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (problems), ==, 0);
}

/* Labelling is one undo step, and redo brings the label back. */
static void
test_choice_labels_undo_and_redo (TestDir       *fixture,
                                  gconstpointer  data)
{
  const char *sources[] = { "ngo", "court", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(ShirabeProject) project = NULL;
  gint64 narrative_id, source;

  project = test_project_with_text (fixture, "text", &narrative_id);
  source = shirabe_project_add_attribute (project, SHIRABE_SCOPE_CASE, "Source", "記録の出所",
                                          NULL, SHIRABE_ATTRIBUTE_CHOICE, sources, &error);
  g_assert_no_error (error);
  g_assert_true (shirabe_project_set_choice_label (project, source, "court",
                                                   SHIRABE_LANGUAGE_JA, "裁判", &error));
  g_assert_no_error (error);
  g_assert_cmpstr (shirabe_history_get_undo_label (shirabe_project_get_history (project)), ==,
                   "Label the choices of “Source”");

  g_assert_true (shirabe_project_undo (project, &error));
  g_assert_no_error (error);
  {
    g_autoptr(ShirabeAttribute) undone = get_attribute (project, source);

    g_assert_cmpstr (shirabe_attribute_get_choice_label (undone, "court", SHIRABE_LANGUAGE_JA),
                     ==, "court");
    g_assert_cmpstrv (undone->choices, sources);
  }
  g_assert_true (shirabe_project_redo (project, &error));
  g_assert_no_error (error);
  {
    g_autoptr(ShirabeAttribute) redone = get_attribute (project, source);

    g_assert_cmpstr (shirabe_attribute_get_choice_label (redone, "court", SHIRABE_LANGUAGE_JA),
                     ==, "裁判");
  }
}

static void
test_cases_and_narratives (TestDir       *fixture,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ShirabeProject) project = NULL;
  g_autoptr(GPtrArray) cases = NULL;
  g_autoptr(GPtrArray) narratives = NULL;
  g_autoptr(ShirabeNarrative) narrative = NULL;
  ShirabeNarrativeSpec spec = { 0 };
  gint64 narrative_id, translation_id, case_id;

  project = test_project_with_text (fixture, "原文です。", &narrative_id);
  case_id = shirabe_project_find_case (project, "Case A", &error);
  g_assert_no_error (error);

  spec.case_id = case_id;
  spec.title = "Interview 1 (English)";
  spec.language = "en";
  spec.kind = "translation";
  spec.text = "This is the original.";
  spec.translation_of = narrative_id;
  translation_id = shirabe_project_add_narrative (project, &spec, &error);
  g_assert_no_error (error);

  g_assert_true (shirabe_project_set_narrative_status (project, narrative_id,
                                                       SHIRABE_STATUS_DONE, &error));
  g_assert_true (shirabe_project_set_narrative_memo (project, narrative_id, "Check dates",
                                                     &error));
  g_assert_true (shirabe_project_set_narrative_status (project, translation_id,
                                                       SHIRABE_STATUS_TO_DO, &error));
  g_assert_no_error (error);

  narratives = shirabe_project_list_narratives (project, case_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (narratives->len, ==, 2);
  narrative = shirabe_narrative_copy (narratives->pdata[1]);
  g_assert_cmpstr (narrative->title, ==, "Interview 1 (English)");
  g_assert_cmpint (narrative->translation_of, ==, narrative_id);
  g_assert_cmpint (narrative->status, ==, SHIRABE_STATUS_TO_DO);
  g_assert_cmpint (((ShirabeNarrative *) narratives->pdata[0])->status, ==, SHIRABE_STATUS_DONE);
  g_assert_cmpstr (((ShirabeNarrative *) narratives->pdata[0])->memo, ==, "Check dates");
  {
    g_autofree char *sha256 = g_compute_checksum_for_string (G_CHECKSUM_SHA256, "原文です。", -1);
    g_assert_cmpstr (((ShirabeNarrative *) narratives->pdata[0])->sha256, ==, sha256);
  }

  /* Deleting the original leaves the translation, no longer linked. */
  g_assert_true (shirabe_project_delete_narrative (project, narrative_id, &error));
  g_clear_pointer (&narrative, shirabe_narrative_free);
  narrative = shirabe_project_get_narrative (project, translation_id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (narrative->translation_of, ==, 0);

  /* Same-named cases make a name ambiguous; the id still works. */
  shirabe_project_add_case (project, "Case A", &error);
  g_assert_no_error (error);
  g_assert_cmpint (shirabe_project_find_case (project, "Case A", &error), ==, 0);
  g_assert_error (error, SHIRABE_ERROR, SHIRABE_ERROR_AMBIGUOUS);
  g_clear_error (&error);
  cases = shirabe_project_list_cases (project, &error);
  g_assert_cmpuint (cases->len, ==, 2);
  g_assert_cmpuint (((ShirabeCase *) cases->pdata[0])->n_narratives, ==, 1);
  g_assert_true (shirabe_project_delete_case (project, case_id, &error));
  g_assert_null (shirabe_project_get_narrative (project, translation_id, &error));
  g_assert_error (error, SHIRABE_ERROR, SHIRABE_ERROR_NOT_FOUND);
}

/* Renaming a case is one undo step; deleting it and undoing brings back its narratives. */
static void
test_case_rename_and_delete_undo (TestDir       *fixture,
                                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ShirabeProject) project = NULL;
  g_autoptr(ShirabeNarrative) narrative = NULL;
  gint64 narrative_id, case_id;
  guint n_undo;

  project = test_project_with_text (fixture, "text", &narrative_id);
  narrative = shirabe_project_get_narrative (project, narrative_id, &error);
  g_assert_no_error (error);
  case_id = narrative->case_id;
  n_undo = shirabe_history_get_n_undo (shirabe_project_get_history (project));

  g_assert_true (shirabe_project_rename_case (project, case_id, "Case 12", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (shirabe_history_get_n_undo (shirabe_project_get_history (project)), ==,
                    n_undo + 1);
  {
    g_autoptr(ShirabeCase) renamed = shirabe_project_get_case (project, case_id, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (renamed->name, ==, "Case 12");
  }
  g_assert_true (shirabe_project_undo (project, &error));
  {
    g_autoptr(ShirabeCase) undone = shirabe_project_get_case (project, case_id, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (undone->name, !=, "Case 12");
  }
  g_assert_true (shirabe_project_redo (project, &error));

  g_assert_true (shirabe_project_delete_case (project, case_id, &error));
  g_assert_null (shirabe_project_get_narrative (project, narrative_id, &error));
  g_assert_error (error, SHIRABE_ERROR, SHIRABE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_true (shirabe_project_undo (project, &error));
  g_assert_no_error (error);
  {
    g_autoptr(ShirabeCase) back = shirabe_project_get_case (project, case_id, &error);
    g_autoptr(ShirabeNarrative) returned = NULL;

    g_assert_no_error (error);
    g_assert_cmpstr (back->name, ==, "Case 12");
    returned = shirabe_project_get_narrative (project, narrative_id, &error);
    g_assert_no_error (error);
    g_assert_cmpint (returned->case_id, ==, case_id);
  }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, TestDir, NULL, test_dir_setup, func, test_dir_teardown)

  ADD ("/core/coding/offsets-count-code-points", test_offsets_count_code_points);
  ADD ("/core/code/tree-and-lookup-in-both-languages", test_code_tree_and_lookup);
  ADD ("/core/code/edits-and-moves", test_code_edits_and_moves);
  ADD ("/core/attribute/values-are-typed", test_attributes_are_typed);
  ADD ("/core/attribute/choice-labels-are-stored-apart-from-values",
       test_choice_labels_are_stored_apart_from_values);
  ADD ("/core/attribute/choice-labels-undo-and-redo", test_choice_labels_undo_and_redo);
  ADD ("/core/narrative/cases-narratives-and-translations", test_cases_and_narratives);
  ADD ("/core/case/rename-and-delete-are-undone-whole", test_case_rename_and_delete_undo);

  return g_test_run ();
}
