/* test-export.c: the statistics export, read back with real readers
 *
 * Every export here is read back by read-back.py (openpyxl for XLSX, Python's csv module for
 * CSV), and the assertions are about what those readers see: values, types, sheet names,
 * header text, styles.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <errno.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include <json-glib/json-glib.h>

#include "shirabe-export.h"
#include "shirabe-generate.h"
#include "test-util.h"

/* 25 code points; "借金" is [2, 4), "パスポート" [14, 19). */
#define TEXT_A "私は借金のために働かされた。パスポートを取られた。"
/* "my passport" is [10, 21), "I owed a debt" [23, 36). */
#define TEXT_B "They took my passport. I owed a debt of 2 million yen."

typedef struct
{
  TestDir         dir;
  char           *project_path;
  ShirabeProject *project;
  char           *out_dir;
  gint64          case_a, case_b, case_c;
  gint64          narrative_a, narrative_b;
  gint64          debt, passport, recruitment, in;
} Study;

/* A small study built through the public API:
 *   Case A: attributes set; "Interview 1" (ja) coded by Aiko and Ben, with overlaps
 *   "=SUM(A1)": a case named like a formula; "=cmd|' /C calc'!A0" (en) coded by Aiko
 *   Case C: no attributes, no narrative
 * Codes: Coercion (a category) > Debt bondage, Passport taken; Recruitment; In. */
static void
study_setup (Study         *study,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  ShirabeNarrativeSpec narrative = { 0 };
  ShirabeCodeSpec code = { 0 };
  static const char *const sources[] = { "ngo", "embassy", NULL };
  gint64 coercion, aiko, ben;
  gint64 age, arrival, region, paid, wage, source;

  test_dir_setup (&study->dir, data);
  study->project_path = test_dir_path (&study->dir, "study.shirabe");
  study->out_dir = test_dir_path (&study->dir, "out");
  g_assert_cmpint (g_mkdir (study->out_dir, 0700), ==, 0);
  study->project = shirabe_project_create (study->project_path, "Trafficking study",
                                           SHIRABE_PROJECT_NO_HISTORY, &error);
  g_assert_no_error (error);

#define OK(expr) G_STMT_START { (expr); g_assert_no_error (error); } G_STMT_END
  OK (age = shirabe_project_add_attribute (study->project, SHIRABE_SCOPE_CASE, "Age", "年齢",
                                           "age", SHIRABE_ATTRIBUTE_INTEGER, NULL, &error));
  OK (arrival = shirabe_project_add_attribute (study->project, SHIRABE_SCOPE_CASE,
                                               "Arrival date", "入国日", "arrival",
                                               SHIRABE_ATTRIBUTE_DATE, NULL, &error));
  OK (region = shirabe_project_add_attribute (study->project, SHIRABE_SCOPE_CASE, "Region",
                                              "地域", "region", SHIRABE_ATTRIBUTE_TEXT, NULL,
                                              &error));
  OK (paid = shirabe_project_add_attribute (study->project, SHIRABE_SCOPE_CASE, "Paid",
                                            "賃金支払い", "paid", SHIRABE_ATTRIBUTE_BOOLEAN,
                                            NULL, &error));
  OK (wage = shirabe_project_add_attribute (study->project, SHIRABE_SCOPE_CASE, "Hourly wage",
                                            "時給", "wage", SHIRABE_ATTRIBUTE_NUMBER, NULL,
                                            &error));
  OK (source = shirabe_project_add_attribute (study->project, SHIRABE_SCOPE_NARRATIVE,
                                              "Source", "出典", "source",
                                              SHIRABE_ATTRIBUTE_CHOICE, sources, &error));

  code = (ShirabeCodeSpec) { .label_en = "Coercion", .label_ja = "強制", .not_codable = TRUE,
                             .color = "#E01B24", .var_name = "coercion" };
  OK (coercion = shirabe_project_add_code (study->project, &code, &error));
  code = (ShirabeCodeSpec) { .parent_id = coercion, .label_en = "Debt bondage",
                             .label_ja = "借金による束縛", .color = "#000000",
                             .var_name = "debt_bondage",
                             .description_en = "Work to repay a debt that never ends" };
  OK (study->debt = shirabe_project_add_code (study->project, &code, &error));
  code = (ShirabeCodeSpec) { .parent_id = coercion, .label_en = "Passport taken",
                             .label_ja = "旅券の取り上げ", .color = "#F6D32D",
                             .var_name = "passport_taken" };
  OK (study->passport = shirabe_project_add_code (study->project, &code, &error));
  code = (ShirabeCodeSpec) { .label_en = "Recruitment", .label_ja = "勧誘",
                             .var_name = "recruitment" };
  OK (study->recruitment = shirabe_project_add_code (study->project, &code, &error));
  /* "in" is reserved in R and Stata. */
  code = (ShirabeCodeSpec) { .label_en = "In", .label_ja = "中", .var_name = "in" };
  OK (study->in = shirabe_project_add_code (study->project, &code, &error));

  OK (aiko = shirabe_project_ensure_coder (study->project, "Aiko", &error));
  OK (ben = shirabe_project_ensure_coder (study->project, "Ben", &error));

  OK (study->case_a = shirabe_project_add_case (study->project, "Case A", &error));
  OK (study->case_b = shirabe_project_add_case (study->project, "=SUM(A1)", &error));
  OK (study->case_c = shirabe_project_add_case (study->project, "Case C", &error));

  OK (shirabe_project_set_attribute_value (study->project, age, study->case_a, "24", &error));
  OK (shirabe_project_set_attribute_value (study->project, arrival, study->case_a, "2019-04-01",
                                           &error));
  OK (shirabe_project_set_attribute_value (study->project, region, study->case_a, "Kanto",
                                           &error));
  OK (shirabe_project_set_attribute_value (study->project, paid, study->case_a, "false",
                                           &error));
  OK (shirabe_project_set_attribute_value (study->project, wage, study->case_a, "850.5", &error));
  OK (shirabe_project_set_attribute_value (study->project, age, study->case_b, "-3", &error));
  OK (shirabe_project_set_attribute_value (study->project, region, study->case_b,
                                           "+81 3 1234 5678", &error));
  OK (shirabe_project_set_attribute_value (study->project, paid, study->case_b, "yes", &error));

  narrative = (ShirabeNarrativeSpec) { .case_id = study->case_a, .title = "Interview 1",
                                       .language = "ja", .kind = "interview", .text = TEXT_A };
  OK (study->narrative_a = shirabe_project_add_narrative (study->project, &narrative, &error));
  narrative = (ShirabeNarrativeSpec) { .case_id = study->case_b,
                                       .title = "=cmd|' /C calc'!A0", .language = "en",
                                       .kind = "ngo-record", .text = TEXT_B };
  OK (study->narrative_b = shirabe_project_add_narrative (study->project, &narrative, &error));
  OK (shirabe_project_set_attribute_value (study->project, source, study->narrative_a, "ngo",
                                           &error));
  OK (shirabe_project_set_choice_label (study->project, source, "ngo", SHIRABE_LANGUAGE_JA,
                                        "支援団体", &error));
  OK (shirabe_project_set_narrative_status (study->project, study->narrative_a,
                                            SHIRABE_STATUS_DONE, &error));

  OK (shirabe_project_add_coding (study->project, study->narrative_a, study->debt, aiko, 2, 4,
                                  NULL, &error));
  OK (shirabe_project_add_coding (study->project, study->narrative_a, study->passport, aiko, 14,
                                  19, NULL, &error));
  OK (shirabe_project_add_coding (study->project, study->narrative_a, study->debt, ben, 2, 13,
                                  NULL, &error));
  OK (shirabe_project_add_coding (study->project, study->narrative_a, study->recruitment, ben, 0,
                                  2, NULL, &error));
  OK (shirabe_project_add_coding (study->project, study->narrative_a, study->recruitment, aiko,
                                  12, 16, NULL, &error));
  OK (shirabe_project_add_coding (study->project, study->narrative_b, study->passport, aiko, 10,
                                  21, "=HYPERLINK(\"http://example.com\")", &error));
  OK (shirabe_project_add_coding (study->project, study->narrative_b, study->debt, aiko, 23, 36,
                                  "@foo", &error));
#undef OK
}

static void
study_teardown (Study         *study,
                gconstpointer  data)
{
  g_clear_object (&study->project);
  g_free (study->project_path);
  g_free (study->out_dir);
  test_dir_teardown (&study->dir, data);
}

static char *
study_out (Study      *study,
           const char *name)
{
  return g_build_filename (study->out_dir, name, NULL);
}

/* Reading back */

static JsonNode *
read_back (const char *kind,
           const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *script = g_test_build_filename (G_TEST_DIST, "read-back.py", NULL);
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

static JsonObject *
sheet (JsonNode   *workbook,
       const char *name)
{
  JsonArray *sheets = json_object_get_array_member (json_node_get_object (workbook), "sheets");

  for (guint i = 0; i < json_array_get_length (sheets); i++)
    {
      JsonObject *object = json_array_get_object_element (sheets, i);

      if (g_strcmp0 (json_object_get_string_member (object, "name"), name) == 0)
        return object;
    }
  g_error ("no sheet “%s” in the workbook", name);
}

static guint
n_sheets (JsonNode *workbook)
{
  return json_array_get_length (json_object_get_array_member (json_node_get_object (workbook),
                                                              "sheets"));
}

static const char *
sheet_name (JsonNode *workbook,
            guint     index)
{
  JsonArray *sheets = json_object_get_array_member (json_node_get_object (workbook), "sheets");

  return json_object_get_string_member (json_array_get_object_element (sheets, index), "name");
}

static guint
n_rows (JsonObject *table)
{
  return json_array_get_length (json_object_get_array_member (table, "rows"));
}

/* The cell at @row, @column (from 0; row 0 is the header), or NULL when empty. */
static JsonObject *
cell (JsonObject *table,
      guint       row,
      guint       column)
{
  JsonArray *rows = json_object_get_array_member (table, "rows");
  JsonArray *cells;
  JsonNode *node;

  g_assert_cmpuint (row, <, json_array_get_length (rows));
  cells = json_array_get_array_element (rows, row);
  if (column >= json_array_get_length (cells))
    return NULL;
  node = json_array_get_element (cells, column);
  return JSON_NODE_HOLDS_NULL (node) ? NULL : json_node_get_object (node);
}

static const char *
cell_type (JsonObject *table,
           guint       row,
           guint       column)
{
  JsonObject *object = cell (table, row, column);

  return object ? json_object_get_string_member (object, "t") : "empty";
}

static void
assert_text (JsonObject *table,
             guint       row,
             guint       column,
             const char *expected)
{
  JsonObject *object = cell (table, row, column);

  g_assert_nonnull (object);
  g_assert_cmpstr (json_object_get_string_member (object, "t"), ==, "s");
  g_assert_cmpstr (json_object_get_string_member (object, "v"), ==, expected);
}

static void
assert_int (JsonObject *table,
            guint       row,
            guint       column,
            gint64      expected)
{
  JsonObject *object = cell (table, row, column);

  g_assert_nonnull (object);
  g_assert_cmpstr (json_object_get_string_member (object, "t"), ==, "n");
  g_assert_true (json_object_get_boolean_member (object, "int"));
  g_assert_cmpint (json_object_get_int_member (object, "v"), ==, expected);
}

static void
assert_empty (JsonObject *table,
              guint       row,
              guint       column)
{
  g_assert_null (cell (table, row, column));
}

/* The header row as "a|b|c". */
static char *
header_line (JsonObject *table)
{
  JsonArray *cells = json_array_get_array_element (json_object_get_array_member (table, "rows"),
                                                   0);
  GString *line = g_string_new (NULL);

  for (guint i = 0; i < json_array_get_length (cells); i++)
    {
      JsonObject *object = json_array_get_object_element (cells, i);

      g_string_append_printf (line, "%s%s", i > 0 ? "|" : "",
                              object ? json_object_get_string_member (object, "v") : "");
    }
  return g_string_free (line, FALSE);
}

static JsonNode *
export_xlsx (Study                       *study,
             const char                  *name,
             const ShirabeExportOptions  *options,
             ShirabeExportResult         *result)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = study_out (study, name);

  g_assert_true (shirabe_project_export (study->project, path, options, NULL, NULL, NULL, result,
                                         &error));
  g_assert_no_error (error);
  return read_back ("xlsx", path);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char **) a, *(const char **) b);
}

/* The entries of @dir, sorted, as "a|b". */
static char *
list_dir (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  if (dir == NULL)
    return g_strdup ("(none)");
  while ((name = g_dir_read_name (dir)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);
  g_ptr_array_add (names, NULL);
  return g_strjoinv ("|", (char **) names->pdata);
}

/* XLSX */

static void
test_xlsx_english_sheets_and_headers (Study         *study,
                                      gconstpointer  data)
{
  g_autoptr(JsonNode) workbook = NULL;
  ShirabeExportResult result;
  JsonObject *properties;
  g_autofree char *cases_header = NULL;
  g_autofree char *codings_header = NULL;

  workbook = export_xlsx (study, "study.xlsx", NULL, &result);
  g_assert_cmpuint (n_sheets (workbook), ==, 7);
  g_assert_cmpstr (sheet_name (workbook, 0), ==, "cases");
  g_assert_cmpstr (sheet_name (workbook, 1), ==, "codings");
  g_assert_cmpstr (sheet_name (workbook, 2), ==, "codebook");
  g_assert_cmpstr (sheet_name (workbook, 3), ==, "narratives");
  g_assert_cmpstr (sheet_name (workbook, 4), ==, "cooccurrence");
  g_assert_cmpstr (sheet_name (workbook, 5), ==, "memos");
  /* The documentation comes last: read_excel() without a sheet still reads the cases. */
  g_assert_cmpstr (sheet_name (workbook, 6), ==, "about");
  g_assert_cmpuint (result.n_tables, ==, 6);
  g_assert_cmpuint (result.n_sheets, ==, 6);
  g_assert_cmpuint (result.n_truncated, ==, 0);
  g_assert_cmpuint (result.n_split, ==, 0);
  /* 3 cases, 7 codings, 5 codes and 6 attributes, 2 narratives, 4 codable codes, 2 memos */
  g_assert_cmpuint (result.n_rows, ==, 3 + 7 + (5 + 6) + 2 + 4 + 2);

  cases_header = header_line (sheet (workbook, "cases"));
  g_assert_cmpstr (cases_header, ==,
                   "Case ID|Case|Age|Arrival date|Region|Paid|Hourly wage|Coding complete|"
                   "Debt bondage|Passport taken|Recruitment|In");
  codings_header = header_line (sheet (workbook, "codings"));
  g_assert_cmpstr (codings_header, ==,
                   "Coding UUID|Case ID|Case|Narrative ID|Narrative|Code path|Code|"
                   "Code variable|Coder|Start|End|Excerpt|Memo|Created (UTC)");

  properties = json_object_get_object_member (json_node_get_object (workbook), "properties");
  g_assert_cmpstr (json_object_get_string_member (properties, "creator"), ==, "Shirabe");
  g_assert_cmpstr (json_object_get_string_member (properties, "title"), ==, "Trafficking study");
  g_assert_nonnull (json_object_get_string_member (properties, "subject"));
}

static void
test_xlsx_japanese_sheets_and_headers (Study         *study,
                                       gconstpointer  data)
{
  g_autoptr(JsonNode) workbook = NULL;
  ShirabeExportOptions options = { .language = SHIRABE_LANGUAGE_JA };
  g_autofree char *cases_header = NULL;
  g_autofree char *codebook_header = NULL;
  JsonObject *codings, *narratives;

  workbook = export_xlsx (study, "study-ja.xlsx", &options, NULL);
  g_assert_cmpstr (sheet_name (workbook, 0), ==, "事例");
  g_assert_cmpstr (sheet_name (workbook, 1), ==, "コーディング");
  g_assert_cmpstr (sheet_name (workbook, 2), ==, "コードブック");
  g_assert_cmpstr (sheet_name (workbook, 3), ==, "語り");
  g_assert_cmpstr (sheet_name (workbook, 4), ==, "共起");

  cases_header = header_line (sheet (workbook, "事例"));
  g_assert_cmpstr (cases_header, ==,
                   "事例ID|事例名|年齢|入国日|地域|賃金支払い|時給|コーディング完了|"
                   "借金による束縛|旅券の取り上げ|勧誘|中");
  codebook_header = header_line (sheet (workbook, "コードブック"));
  g_assert_cmpstr (codebook_header, ==,
                   "階層|コードのパス|ラベル（英語）|ラベル（日本語）|説明（英語）|説明（日本語）|"
                   "色|変数名|コード付け可|コーディング数|事例数|種別|値の型|選択肢|"
                   "下位を含むコーディング数");

  /* Labels inside cells follow the language too. */
  codings = sheet (workbook, "コーディング");
  assert_text (codings, 2, 5, "強制/借金による束縛");
  assert_text (codings, 2, 6, "借金による束縛");
  /* Categories are data: a choice's stored value, and the status's, whatever the language... */
  narratives = sheet (workbook, "語り");
  assert_text (narratives, 1, 7, "done");
  assert_text (narratives, 2, 7, "to_do");
  assert_text (narratives, 1, 8, "ngo");

  /* ...or, asked for, both as labels in the export's language (a choice labelled only in the
   * other language takes that label), and a choice without any label as its stored value. */
  options.choices = SHIRABE_EXPORT_CHOICES_LABELS;
  {
    g_autoptr(GPtrArray) attributes = NULL;
    g_autoptr(GError) error = NULL;
    g_autoptr(JsonNode) labelled = NULL;
    g_autoptr(JsonNode) english = NULL;
    gint64 source = 0;

    attributes = shirabe_project_list_attributes (study->project, SHIRABE_SCOPE_NARRATIVE,
                                                  &error);
    g_assert_no_error (error);
    for (guint i = 0; i < attributes->len; i++)
      if (g_strcmp0 (((ShirabeAttribute *) attributes->pdata[i])->var_name, "source") == 0)
        source = ((ShirabeAttribute *) attributes->pdata[i])->id;
    g_assert_true (shirabe_project_set_attribute_value (study->project, source,
                                                        study->narrative_b, "embassy", &error));
    g_assert_no_error (error);

    labelled = export_xlsx (study, "study-ja-labels.xlsx", &options, NULL);
    narratives = sheet (labelled, "語り");
    assert_text (narratives, 1, 7, "完了");
    assert_text (narratives, 2, 7, "未着手");
    assert_text (narratives, 1, 8, "支援団体");
    assert_text (narratives, 2, 8, "embassy");

    options.language = SHIRABE_LANGUAGE_EN;
    english = export_xlsx (study, "study-en-labels.xlsx", &options, NULL);
    narratives = sheet (english, "narratives");
    assert_text (narratives, 1, 8, "支援団体");
    assert_text (narratives, 2, 8, "embassy");
  }
}

static void
test_xlsx_label_language_ignores_the_locale (Study         *study,
                                             gconstpointer  data)
{
  g_autoptr(JsonNode) workbook = NULL;
  ShirabeExportOptions options = { .language = SHIRABE_LANGUAGE_EN };
  g_autofree char *old_language = g_strdup (g_getenv ("LANGUAGE"));

  /* A Japanese desktop still gets the English workbook it asked for. */
  g_setenv ("LANGUAGE", "ja", TRUE);
  workbook = export_xlsx (study, "study-locale.xlsx", &options, NULL);
  if (old_language != NULL)
    g_setenv ("LANGUAGE", old_language, TRUE);
  else
    g_unsetenv ("LANGUAGE");
  g_assert_cmpstr (sheet_name (workbook, 0), ==, "cases");
  assert_text (sheet (workbook, "cases"), 0, 1, "Case");
}

static void
test_xlsx_cases_have_typed_attributes_and_code_counts (Study         *study,
                                                       gconstpointer  data)
{
  g_autoptr(JsonNode) workbook = export_xlsx (study, "cases.xlsx", NULL, NULL);
  JsonObject *cases = sheet (workbook, "cases");
  JsonObject *arrival;

  g_assert_cmpuint (n_rows (cases), ==, 4);
  /* Case A: numbers are numbers, the date is a date, the boolean is 0/1. */
  assert_int (cases, 1, 0, study->case_a);
  assert_text (cases, 1, 1, "Case A");
  assert_int (cases, 1, 2, 24);
  arrival = cell (cases, 1, 3);
  g_assert_cmpstr (json_object_get_string_member (arrival, "t"), ==, "d");
  g_assert_cmpstr (json_object_get_string_member (arrival, "v"), ==, "2019-04-01T00:00:00");
  g_assert_cmpstr (json_object_get_string_member (arrival, "fmt"), ==, "yyyy-mm-dd");
  assert_text (cases, 1, 4, "Kanto");
  assert_int (cases, 1, 5, 0);
  g_assert_cmpstr (cell_type (cases, 1, 6), ==, "n");
  g_assert_cmpfloat (json_object_get_double_member (cell (cases, 1, 6), "v"), ==, 850.5);
  /* Case A is coded completely (its one narrative is done). Distinct passages over both
   * coders: debt [2, 4) by Aiko inside [2, 13) by Ben is one; passport 1; recruitment [0, 2)
   * and [12, 16) are two; in 0. */
  assert_int (cases, 1, 7, 1);
  assert_int (cases, 1, 8, 1);
  assert_int (cases, 1, 9, 1);
  assert_int (cases, 1, 10, 2);
  assert_int (cases, 1, 11, 0);

  /* "=SUM(A1)": negative numbers are numbers; unset values are empty cells. */
  assert_text (cases, 2, 1, "=SUM(A1)");
  assert_int (cases, 2, 2, -3);
  assert_empty (cases, 2, 3);
  assert_text (cases, 2, 4, "+81 3 1234 5678");
  assert_int (cases, 2, 5, 1);
  assert_empty (cases, 2, 6);
  /* Case B's narrative is still to do: nobody has looked for the codes yet, so the code
   * columns are missing, not 0. */
  assert_int (cases, 2, 7, 0);
  for (guint i = 8; i <= 11; i++)
    assert_empty (cases, 2, i);

  /* Case C has no narrative at all: not coded either. */
  assert_text (cases, 3, 1, "Case C");
  assert_empty (cases, 3, 2);
  assert_int (cases, 3, 7, 0);
  for (guint i = 8; i <= 11; i++)
    assert_empty (cases, 3, i);
}

static void
test_xlsx_presence_gives_zero_or_one (Study         *study,
                                      gconstpointer  data)
{
  ShirabeExportOptions options = { .presence = TRUE,
                                   .incomplete = SHIRABE_EXPORT_INCOMPLETE_ZERO };
  g_autoptr(JsonNode) workbook = export_xlsx (study, "presence.xlsx", &options, NULL);
  JsonObject *cases = sheet (workbook, "cases");

  assert_int (cases, 1, 8, 1);
  assert_int (cases, 1, 9, 1);
  assert_int (cases, 1, 10, 1);
  assert_int (cases, 1, 11, 0);
  assert_int (cases, 2, 8, 1);
  assert_int (cases, 2, 10, 0);
}

static void
test_xlsx_one_coder_only (Study         *study,
                          gconstpointer  data)
{
  ShirabeExportOptions options = { .coder = "Ben",
                                   .incomplete = SHIRABE_EXPORT_INCOMPLETE_ZERO };
  g_autoptr(JsonNode) workbook = export_xlsx (study, "ben.xlsx", &options, NULL);
  JsonObject *cases = sheet (workbook, "cases");
  JsonObject *codings = sheet (workbook, "codings");
  g_autoptr(GError) error = NULL;
  g_autofree char *path = study_out (study, "nobody.xlsx");
  g_autofree char *listing = NULL;

  /* Ben coded debt [2, 13) and recruitment [0, 2) in Case A, nothing else. */
  assert_int (cases, 1, 8, 1);
  assert_int (cases, 1, 9, 0);
  assert_int (cases, 1, 10, 1);
  assert_int (cases, 2, 8, 0);
  g_assert_cmpuint (n_rows (codings), ==, 3);
  for (guint row = 1; row < 3; row++)
    assert_text (codings, row, 8, "Ben");

  /* An unknown coder is an error, and nothing is written. */
  options.coder = "Nobody";
  g_assert_false (shirabe_project_export (study->project, path, &options, NULL, NULL, NULL,
                                          NULL, &error));
  g_assert_error (error, SHIRABE_ERROR, SHIRABE_ERROR_NOT_FOUND);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  listing = list_dir (study->out_dir);
  g_assert_cmpstr (listing, ==, "ben.xlsx");
}

static void
test_xlsx_codings_have_excerpts_and_dates (Study         *study,
                                           gconstpointer  data)
{
  g_autoptr(JsonNode) workbook = export_xlsx (study, "codings.xlsx", NULL, NULL);
  JsonObject *codings = sheet (workbook, "codings");
  JsonObject *created;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");

  g_assert_cmpuint (n_rows (codings), ==, 8);
  /* Case A's narrative by start, end: recruitment [0,2), debt [2,4), debt [2,13), ... */
  g_assert_cmpuint (strlen (json_object_get_string_member (cell (codings, 1, 0), "v")), ==, 36);
  assert_int (codings, 1, 1, study->case_a);
  assert_text (codings, 1, 2, "Case A");
  assert_int (codings, 1, 3, study->narrative_a);
  assert_text (codings, 1, 4, "Interview 1");
  assert_text (codings, 1, 5, "Recruitment");
  assert_text (codings, 1, 6, "Recruitment");
  assert_text (codings, 1, 7, "recruitment");
  assert_text (codings, 1, 8, "Ben");
  assert_int (codings, 1, 9, 0);
  assert_int (codings, 1, 10, 2);
  assert_text (codings, 1, 11, "私は");
  g_assert_true (json_object_get_boolean_member (cell (codings, 1, 11), "wrap"));
  assert_empty (codings, 1, 12);
  created = cell (codings, 1, 13);
  g_assert_cmpstr (json_object_get_string_member (created, "t"), ==, "d");
  g_assert_true (g_str_has_prefix (json_object_get_string_member (created, "v"), today));
  g_assert_cmpstr (json_object_get_string_member (created, "fmt"), ==, "yyyy-mm-dd hh:mm:ss");

  assert_text (codings, 2, 5, "Coercion/Debt bondage");
  assert_text (codings, 2, 11, "借金");
  assert_text (codings, 3, 11, "借金のために働かされた");
  assert_text (codings, 4, 11, "た。パス");
  assert_text (codings, 5, 11, "パスポート");
  /* The second case's narrative */
  assert_text (codings, 6, 2, "=SUM(A1)");
  assert_text (codings, 6, 4, "=cmd|' /C calc'!A0");
  assert_text (codings, 6, 11, "my passport");
  assert_text (codings, 6, 12, "=HYPERLINK(\"http://example.com\")");
  assert_text (codings, 7, 11, "I owed a debt");
  assert_text (codings, 7, 12, "@foo");
}

static void
test_xlsx_excerpts_count_code_points (Study         *study,
                                      gconstpointer  data)
{
  /* One to four bytes a character, in every order, long enough for the fast walk. */
  const char *text = "😀𠮷野家で働かされた。passport 🛂 taken; é, ü… 借金 2,000,000円 📄 end\n"
                     "二行目 second line 𠮷𠮷𠮷 done";
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) workbook = NULL;
  ShirabeNarrativeSpec spec = { .case_id = study->case_c, .title = "Mixed", .text = text };
  glong length = g_utf8_strlen (text, -1);
  gint64 narrative_id, coder_id;
  JsonObject *codings;
  guint row = 8;

  narrative_id = shirabe_project_add_narrative (study->project, &spec, &error);
  g_assert_no_error (error);
  coder_id = shirabe_project_ensure_coder (study->project, "Aiko", &error);
  g_assert_no_error (error);
  for (glong start = 0; start < length; start += 3)
    {
      shirabe_project_add_coding (study->project, narrative_id, study->in, coder_id, start,
                                  MIN (length, start + 1 + start % 11), NULL, &error);
      g_assert_no_error (error);
    }
  workbook = export_xlsx (study, "mixed.xlsx", NULL, NULL);
  codings = sheet (workbook, "codings");
  for (glong start = 0; start < length; start += 3, row++)
    {
      glong end = MIN (length, start + 1 + start % 11);
      g_autofree char *expected = g_utf8_substring (text, start, end);

      assert_int (codings, row, 9, start);
      assert_text (codings, row, 11, expected);
    }
}

static void
test_xlsx_no_excerpts_leaves_the_text_out (Study         *study,
                                           gconstpointer  data)
{
  ShirabeExportOptions options = { .no_excerpts = TRUE };
  g_autoptr(JsonNode) workbook = export_xlsx (study, "no-text.xlsx", &options, NULL);
  g_autofree char *header = header_line (sheet (workbook, "codings"));
  g_autofree char *path = study_out (study, "no-text.xlsx");
  g_autofree char *contents = NULL;
  gsize length;

  g_assert_cmpstr (header, ==,
                   "Coding UUID|Case ID|Case|Narrative ID|Narrative|Code path|Code|"
                   "Code variable|Coder|Start|End|Memo|Created (UTC)");
  /* No trace of the narratives' text anywhere in the file, compressed or not. */
  {
    g_autoptr(JsonNode) all = read_back ("xlsx", path);
    g_autoptr(JsonGenerator) generator = json_generator_new ();

    json_generator_set_root (generator, all);
    contents = json_generator_to_data (generator, &length);
    g_assert_null (strstr (contents, "借金のために"));
    g_assert_null (strstr (contents, "I owed a debt"));
  }
}

static void
test_xlsx_header_names_are_valid_variable_names (Study         *study,
                                                 gconstpointer  data)
{
  ShirabeExportOptions options = { .header = SHIRABE_EXPORT_HEADER_NAMES,
                                   .language = SHIRABE_LANGUAGE_JA };
  g_autoptr(JsonNode) workbook = export_xlsx (study, "names.xlsx", &options, NULL);
  g_autoptr(GRegex) valid = g_regex_new ("^[A-Za-z][A-Za-z0-9_]{0,31}$", 0, 0, NULL);
  /* Variable names for headers give ASCII sheet names too, whatever the language. */
  g_autofree char *cases_header = header_line (sheet (workbook, "cases"));
  g_autofree char *codings_header = header_line (sheet (workbook, "codings"));
  g_autofree char *narratives_header = header_line (sheet (workbook, "narratives"));

  g_assert_cmpstr (cases_header, ==,
                   "case_id|case_name|age|arrival|region|paid|wage|coding_complete|"
                   "debt_bondage|passport_taken|recruitment|in_");
  g_assert_cmpstr (codings_header, ==,
                   "coding_uuid|case_id|case_name|narrative_id|narrative|code_path|code|"
                   "code_var|coder|start|end|excerpt|memo|created_utc");
  g_assert_cmpstr (narratives_header, ==,
                   "narrative_id|case_id|case_name|title|language|kind|length|status|source|"
                   "n_codings|translation_of|memo");

  for (guint i = 0; i < n_sheets (workbook); i++)
    {
      JsonObject *table = sheet (workbook, sheet_name (workbook, i));
      g_autofree char *line = header_line (table);
      g_auto(GStrv) names = g_strsplit (line, "|", -1);
      g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

      for (guint j = 0; names[j] != NULL; j++)
        {
          g_assert_true (g_regex_match (valid, names[j], 0, NULL));
          g_assert_true (g_hash_table_add (seen, g_ascii_strdown (names[j], -1)));
        }
    }
}

static void
test_one_name_per_variable_everywhere (Study         *study,
                                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  ShirabeExportOptions options = { .header = SHIRABE_EXPORT_HEADER_NAMES,
                                   .incomplete = SHIRABE_EXPORT_INCOMPLETE_ZERO };
  /* { label, variable name asked for, the name every sheet must show } */
  static const char *const codes[][3] = {
    { "If", "if", "if_" },
    { "Not available", "NA", "NA_" },
    { "Case identifier", "case_id", "case_id_2" },
    { "Ten", "str10", "str10_" },
    { NULL, NULL, "shakkin_niyoru_kousoku" },   /* 借金による拘束, Japanese only */
  };
  g_autoptr(JsonNode) workbook = NULL;
  g_autofree char *cases_header = NULL;
  JsonObject *codebook, *codings, *coder_counts;
  gint64 aiko = shirabe_project_ensure_coder (study->project, "Aiko", &error);

  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (codes); i++)
    {
      ShirabeCodeSpec spec = { .label_en = codes[i][0], .var_name = codes[i][1] };
      gint64 id;

      if (codes[i][0] == NULL)
        spec.label_ja = "借金による拘束";
      id = shirabe_project_add_code (study->project, &spec, &error);
      g_assert_no_error (error);
      g_assert_cmpint (shirabe_project_add_coding (study->project, study->narrative_a, id, aiko,
                                                   0, 1, NULL, &error), >, 0);
      g_assert_no_error (error);
    }
  options.tables = SHIRABE_EXPORT_TABLE_CASES | SHIRABE_EXPORT_TABLE_CODINGS |
                   SHIRABE_EXPORT_TABLE_CODEBOOK | SHIRABE_EXPORT_TABLE_CODER_COUNTS;
  workbook = export_xlsx (study, "names-everywhere.xlsx", &options, NULL);
  cases_header = header_line (sheet (workbook, "cases"));
  codebook = sheet (workbook, "codebook");
  codings = sheet (workbook, "codings");
  coder_counts = sheet (workbook, "coder_counts");

  for (guint i = 0; i < G_N_ELEMENTS (codes); i++)
    {
      const char *name = codes[i][2];
      g_autofree char *column = g_strconcat ("|", name, "|", NULL);
      g_autofree char *padded = g_strconcat (cases_header, "|", NULL);
      gboolean in_codebook = FALSE, in_codings = FALSE, in_coder_counts = FALSE;

      /* The cases sheet's column... */
      g_assert_nonnull (strstr (padded, column));
      /* ...the codebook's variable name, the codings' code_var and the coder counts' say it
       * the same way (openpyxl reads "NA_" as text, never as missing). */
      for (guint row = 1; row < n_rows (codebook); row++)
        in_codebook |= g_strcmp0 (json_object_get_string_member (cell (codebook, row, 7), "v"),
                                  name) == 0;
      for (guint row = 1; row < n_rows (codings); row++)
        in_codings |= g_strcmp0 (json_object_get_string_member (cell (codings, row, 7), "v"),
                                 name) == 0;
      for (guint row = 1; row < n_rows (coder_counts); row++)
        in_coder_counts |= g_strcmp0 (json_object_get_string_member (cell (coder_counts, row, 2),
                                                                     "v"), name) == 0;
      if (!in_codebook || !in_codings || !in_coder_counts)
        g_error ("“%s”: codebook %d, codings %d, coder counts %d", name, in_codebook,
                 in_codings, in_coder_counts);
    }
}

static void
test_every_memo_is_exported (Study         *study,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) workbook = NULL;
  ShirabeExportOptions ja = { .language = SHIRABE_LANGUAGE_JA,
                              .choices = SHIRABE_EXPORT_CHOICES_LABELS };
  g_autoptr(JsonNode) japanese = NULL;
  JsonObject *memos, *narratives;
  g_autofree char *header = NULL;

  g_assert_true (shirabe_project_set_case_memo (study->project, study->case_a,
                                                "Referred by the embassy.", &error));
  g_assert_true (shirabe_project_set_narrative_memo (study->project, study->narrative_a,
                                                     "通訳を介した聞き取り", &error));
  workbook = export_xlsx (study, "memos.xlsx", NULL, NULL);

  /* The narrative's memo in its row... */
  narratives = sheet (workbook, "narratives");
  assert_text (narratives, 1, 11, "通訳を介した聞き取り");
  assert_empty (narratives, 2, 11);

  /* ...and every memo in one sheet, saying what it is on, in the order of the cases. */
  memos = sheet (workbook, "memos");
  header = header_line (memos);
  g_assert_cmpstr (header, ==, "Memo on|Case ID|Case|Narrative ID|Narrative|Code|Code variable|"
                               "Coder|Start|End|Created (UTC)|Memo");
  g_assert_cmpuint (n_rows (memos), ==, 1 + 4);
  assert_text (memos, 1, 0, "case");
  assert_text (memos, 1, 11, "Referred by the embassy.");
  assert_empty (memos, 1, 3);
  assert_text (memos, 2, 0, "narrative");
  assert_text (memos, 2, 4, "Interview 1");
  assert_text (memos, 3, 0, "coding");
  assert_text (memos, 3, 5, "Passport taken");
  assert_text (memos, 3, 7, "Aiko");
  assert_int (memos, 3, 8, 10);
  assert_int (memos, 3, 9, 21);
  assert_text (memos, 3, 11, "=HYPERLINK(\"http://example.com\")");
  assert_text (memos, 4, 11, "@foo");

  /* In Japanese, with labels. */
  japanese = export_xlsx (study, "memos-ja.xlsx", &ja, NULL);
  memos = sheet (japanese, "メモ一覧");
  assert_text (memos, 1, 0, "事例");
  assert_text (memos, 3, 0, "コーディング");
}

static void
test_xlsx_codebook_has_the_tree_colours_and_counts (Study         *study,
                                                    gconstpointer  data)
{
  g_autoptr(JsonNode) workbook = export_xlsx (study, "codebook.xlsx", NULL, NULL);
  JsonObject *codebook = sheet (workbook, "codebook");
  JsonObject *colour;

  /* 5 codes, then 6 attributes */
  g_assert_cmpuint (n_rows (codebook), ==, 12);
  /* Coercion (a category), its children, then the other top codes */
  assert_int (codebook, 1, 0, 1);
  assert_text (codebook, 1, 1, "Coercion");
  assert_int (codebook, 1, 8, 0);
  assert_int (codebook, 1, 9, 0);
  assert_int (codebook, 1, 10, 0);

  assert_int (codebook, 2, 0, 2);
  assert_text (codebook, 2, 1, "Coercion/Debt bondage");
  assert_text (codebook, 2, 2, "Debt bondage");
  assert_text (codebook, 2, 3, "借金による束縛");
  assert_text (codebook, 2, 4, "Work to repay a debt that never ends");
  assert_empty (codebook, 2, 5);
  colour = cell (codebook, 2, 6);
  g_assert_cmpstr (json_object_get_string_member (colour, "v"), ==, "#000000");
  g_assert_cmpstr (json_object_get_string_member (colour, "fill"), ==, "000000");
  assert_text (codebook, 2, 7, "debt_bondage");
  assert_int (codebook, 2, 8, 1);
  assert_int (codebook, 2, 9, 3);
  assert_int (codebook, 2, 10, 2);

  assert_text (codebook, 3, 1, "Coercion/Passport taken");
  g_assert_cmpstr (json_object_get_string_member (cell (codebook, 3, 6), "fill"), ==, "F6D32D");
  assert_int (codebook, 3, 9, 2);
  assert_int (codebook, 3, 10, 2);
  assert_int (codebook, 4, 0, 1);
  assert_text (codebook, 4, 1, "Recruitment");
  assert_int (codebook, 4, 9, 2);
  assert_int (codebook, 4, 10, 1);
  assert_text (codebook, 5, 1, "In");
  assert_int (codebook, 5, 9, 0);
  /* One name per variable: the codebook says the name the cases sheet uses. */
  assert_text (codebook, 5, 7, "in_");
  assert_text (codebook, 1, 11, "category");
  assert_text (codebook, 5, 11, "code");
  /* Coercion has no codings of its own, its subtree 5 (debt 3, passport 2). */
  assert_int (codebook, 1, 9, 0);
  assert_int (codebook, 1, 14, 5);
  assert_int (codebook, 2, 14, 3);

  /* Attributes: names in both languages, the variable, the type, the choices' labels. */
  assert_text (codebook, 6, 2, "Age");
  assert_text (codebook, 6, 3, "年齢");
  assert_text (codebook, 6, 7, "age");
  assert_text (codebook, 6, 11, "case_attribute");
  assert_text (codebook, 6, 12, "integer");
  assert_empty (codebook, 6, 13);
  assert_empty (codebook, 6, 9);
  assert_text (codebook, 11, 2, "Source");
  assert_text (codebook, 11, 7, "source");
  assert_text (codebook, 11, 11, "narrative_attribute");
  assert_text (codebook, 11, 12, "choice");
  assert_text (codebook, 11, 13, "ngo =  / 支援団体; embassy =  / ");
}

static void
test_xlsx_cooccurrence_counts_cases_and_overlaps_segments (Study         *study,
                                                           gconstpointer  data)
{
  ShirabeExportOptions options = { .overlaps = TRUE };
  ShirabeExportResult result;
  g_autoptr(JsonNode) workbook = export_xlsx (study, "cooccurrence.xlsx", &options, &result);
  JsonObject *cooccurrence = sheet (workbook, "cooccurrence");
  JsonObject *overlaps = sheet (workbook, "overlaps");
  g_autofree char *header = header_line (cooccurrence);
  /* Rows and columns: debt, passport, recruitment, in */
  static const int cases[4][4] = { { 2, 2, 1, 0 }, { 2, 2, 1, 0 }, { 1, 1, 1, 0 }, { 0 } };
  /* Case A: debt [2,4) × debt [2,13); debt [2,13) × recruitment [12,16);
   * recruitment [12,16) × passport [14,19). Touching segments ([0,2), [2,4)) do not overlap. */
  static const int segments[4][4] = { { 1, 0, 1, 0 }, { 0, 0, 1, 0 }, { 1, 1, 0, 0 }, { 0 } };

  g_assert_cmpuint (result.n_tables, ==, 7);
  g_assert_cmpstr (sheet_name (workbook, 5), ==, "overlaps");
  g_assert_cmpstr (header, ==, "Code|Debt bondage|Passport taken|Recruitment|In");
  for (guint i = 0; i < 4; i++)
    {
      /* Row i is the code of column i. */
      assert_text (cooccurrence, 1 + i, 0,
                   json_object_get_string_member (cell (cooccurrence, 0, 1 + i), "v"));
      for (guint j = 0; j < 4; j++)
        {
          assert_int (cooccurrence, 1 + i, 1 + j, cases[i][j]);
          assert_int (overlaps, 1 + i, 1 + j, segments[i][j]);
        }
    }
}

static void
test_xlsx_formula_looking_text_stays_text (Study         *study,
                                           gconstpointer  data)
{
  g_autoptr(JsonNode) workbook = export_xlsx (study, "formulas.xlsx", NULL, NULL);
  JsonObject *cases = sheet (workbook, "cases");
  JsonObject *codings = sheet (workbook, "codings");
  JsonObject *narratives = sheet (workbook, "narratives");

  /* A formula would read back as type "f" (openpyxl keeps the formula text). */
  g_assert_cmpstr (cell_type (cases, 2, 1), ==, "s");
  assert_text (cases, 2, 1, "=SUM(A1)");
  assert_text (cases, 2, 4, "+81 3 1234 5678");
  assert_text (codings, 6, 12, "=HYPERLINK(\"http://example.com\")");
  assert_text (codings, 7, 12, "@foo");
  assert_text (narratives, 2, 3, "=cmd|' /C calc'!A0");
}

static void
test_xlsx_header_is_bold_frozen_and_filtered (Study         *study,
                                              gconstpointer  data)
{
  g_autoptr(JsonNode) workbook = export_xlsx (study, "style.xlsx", NULL, NULL);
  JsonObject *cases = sheet (workbook, "cases");
  JsonObject *codings = sheet (workbook, "codings");
  JsonObject *widths;

  g_assert_true (json_object_get_boolean_member (cell (cases, 0, 0), "bold"));
  g_assert_false (json_object_has_member (cell (cases, 1, 1), "bold"));
  g_assert_cmpstr (json_object_get_string_member (cases, "freeze"), ==, "A2");
  g_assert_cmpstr (json_object_get_string_member (cases, "autofilter"), ==, "A1:L4");
  g_assert_cmpstr (json_object_get_string_member (codings, "freeze"), ==, "A2");
  g_assert_cmpstr (json_object_get_string_member (codings, "autofilter"), ==, "A1:N8");

  /* Widths: the UUID column fits a UUID, the excerpt column is wide and wraps. */
  widths = json_object_get_object_member (codings, "widths");
  g_assert_cmpfloat (json_object_get_double_member (widths, "0"), >=, 36);
  g_assert_cmpfloat (json_object_get_double_member (widths, "11"), >=, 40);
  g_assert_cmpfloat (json_object_get_double_member (widths, "9"), <, 15);
}

static void
test_xlsx_long_cell_is_cut_with_a_marker (Study         *study,
                                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(JsonNode) workbook = NULL;
  ShirabeNarrativeSpec spec = { .case_id = study->case_c, .title = "Long", .language = "ja" };
  ShirabeExportResult result;
  JsonObject *codings;
  const char *excerpt;
  gint64 narrative_id, coder_id;

  /* 40,000 characters, some outside the BMP (two UTF-16 units each, as Excel counts). */
  for (guint i = 0; i < 10000; i++)
    g_string_append (text, i % 2 ? "語りab" : "𠮷語りa");
  spec.text = text->str;
  narrative_id = shirabe_project_add_narrative (study->project, &spec, &error);
  g_assert_no_error (error);
  coder_id = shirabe_project_ensure_coder (study->project, "Aiko", &error);
  g_assert_no_error (error);
  shirabe_project_add_coding (study->project, narrative_id, study->in, coder_id, 0, 40000, NULL,
                              &error);
  g_assert_no_error (error);

  workbook = export_xlsx (study, "long.xlsx", NULL, &result);
  g_assert_cmpuint (result.n_truncated, ==, 1);
  codings = sheet (workbook, "codings");
  excerpt = json_object_get_string_member (cell (codings, 8, 11), "v");
  g_assert_true (g_str_has_prefix (excerpt, "𠮷語りa語りab"));
  g_assert_true (g_str_has_suffix (excerpt, " …[cut; 40000 characters in full]"));
  {
    /* Within Excel's limit counted in UTF-16 units, and close to it. */
    glong units = 0;

    g_free (g_utf8_to_utf16 (excerpt, -1, NULL, &units, &error));
    g_assert_no_error (error);
    g_assert_cmpint (units, <=, 32767);
    g_assert_cmpint (units, >, 32700);
  }
}

/* A codings-only export does not compute the cases table it leaves out: a cut case name is
 * counted in the rows that show it, not once more for a table nobody asked for. */
static void
test_xlsx_codings_alone_count_only_their_cut_texts (Study         *study,
                                                    gconstpointer  data)
{
  ShirabeExportOptions options = { .max_chars = 100, .tables = SHIRABE_EXPORT_TABLE_CODINGS };
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) name = g_string_new (NULL);
  g_autoptr(JsonNode) workbook = NULL;
  ShirabeExportResult result;
  JsonObject *codings;
  guint n_case_a = 0;

  for (guint i = 0; i < 30; i++)
    g_string_append (name, "Case A ");
  g_assert_true (shirabe_project_rename_case (study->project, study->case_a, name->str, &error));
  g_assert_no_error (error);

  workbook = export_xlsx (study, "codings-only.xlsx", &options, &result);
  g_assert_cmpuint (n_sheets (workbook), ==, 2);
  codings = sheet (workbook, "codings");
  for (guint r = 1; r < n_rows (codings); r++)
    n_case_a += json_object_get_int_member (cell (codings, r, 1), "v") == study->case_a;
  g_assert_cmpuint (n_case_a, >=, 5);
  g_assert_cmpuint (result.n_truncated, ==, n_case_a);
}

static void
test_xlsx_max_chars_is_an_option (Study         *study,
                                  gconstpointer  data)
{
  ShirabeExportOptions options = { .max_chars = 100, .language = SHIRABE_LANGUAGE_JA };
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) memo = g_string_new (NULL);
  g_autoptr(JsonNode) workbook = NULL;
  ShirabeExportResult result;
  const char *text;

  for (guint i = 0; i < 30; i++)
    g_string_append (memo, "メモです。");
  shirabe_project_add_coding (study->project, study->narrative_b, study->in,
                              shirabe_project_ensure_coder (study->project, "Ben", &error),
                              0, 4, memo->str, &error);
  g_assert_no_error (error);

  workbook = export_xlsx (study, "memo.xlsx", &options, &result);
  /* The memo is in the codings sheet and in the memos sheet. */
  g_assert_cmpuint (result.n_truncated, ==, 2);
  text = json_object_get_string_member (cell (sheet (workbook, "コーディング"), 6, 12), "v");
  g_assert_true (g_str_has_prefix (text, "メモです。メモです。"));
  g_assert_true (g_str_has_suffix (text, " …［以下省略・全150文字］"));
  g_assert_cmpint (g_utf8_strlen (text, -1), <=, 100);
}

static void
test_xlsx_long_table_continues_on_another_sheet (Study         *study,
                                                 gconstpointer  data)
{
  /* Four rows a sheet with the header: the 3 cases fit; the 7 codings take three sheets. */
  ShirabeExportOptions options = { .max_rows = 4 };
  ShirabeExportResult result;
  g_autoptr(JsonNode) workbook = export_xlsx (study, "split.xlsx", &options, &result);
  g_autoptr(GString) uuids = g_string_new (NULL);
  const char *names[] = { "codings", "codings (2)", "codings (3)" };
  guint expected_rows[] = { 4, 4, 2 };

  /* codings, codebook and cooccurrence */
  g_assert_cmpuint (result.n_split, ==, 3);
  g_assert_cmpuint (result.n_tables, ==, 6);
  /* cases, codings ×3, codebook ×4 (5 codes and 6 attributes), narratives, cooccurrence ×2,
   * memos */
  g_assert_cmpuint (result.n_sheets, ==, 12);
  g_assert_cmpstr (sheet_name (workbook, 0), ==, "cases");
  g_assert_cmpstr (sheet_name (workbook, 1), ==, "codings");
  g_assert_cmpstr (sheet_name (workbook, 2), ==, "codings (2)");
  g_assert_cmpstr (sheet_name (workbook, 3), ==, "codings (3)");
  g_assert_cmpstr (sheet_name (workbook, 4), ==, "codebook");
  g_assert_cmpstr (sheet_name (workbook, 5), ==, "codebook (2)");
  g_assert_cmpuint (n_rows (sheet (workbook, "cases")), ==, 4);

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      JsonObject *part = sheet (workbook, names[i]);
      g_autofree char *header = header_line (part);

      g_assert_true (g_str_has_prefix (header, "Coding UUID|Case ID|"));
      g_assert_cmpuint (n_rows (part), ==, expected_rows[i]);
      g_assert_cmpstr (json_object_get_string_member (part, "freeze"), ==, "A2");
      for (guint row = 1; row < n_rows (part); row++)
        g_string_append_printf (uuids, "%s,", json_object_get_string_member (cell (part, row, 10),
                                                                             "t"));
    }
  /* Every coding once, in order: the ends of the seven segments. */
  g_assert_cmpstr (uuids->str, ==, "n,n,n,n,n,n,n,");
  assert_int (sheet (workbook, "codings"), 1, 10, 2);
  assert_int (sheet (workbook, "codings (3)"), 1, 10, 36);
}

static void
test_xlsx_japanese_split_sheet_name (Study         *study,
                                     gconstpointer  data)
{
  ShirabeExportOptions options = { .max_rows = 6, .language = SHIRABE_LANGUAGE_JA };
  g_autoptr(JsonNode) workbook = export_xlsx (study, "split-ja.xlsx", &options, NULL);

  g_assert_cmpstr (sheet_name (workbook, 1), ==, "コーディング");
  g_assert_cmpstr (sheet_name (workbook, 2), ==, "コーディング (2)");
}

static void
test_xlsx_empty_project_gives_headers_only (Study         *study,
                                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ShirabeProject) empty = NULL;
  g_autoptr(JsonNode) workbook = NULL;
  g_autofree char *project_path = test_dir_path (&study->dir, "empty.shirabe");
  g_autofree char *path = study_out (study, "empty.xlsx");
  ShirabeExportResult result;

  empty = shirabe_project_create (project_path, "Empty", SHIRABE_PROJECT_NO_HISTORY, &error);
  g_assert_no_error (error);
  g_assert_true (shirabe_project_export (empty, path, NULL, NULL, NULL, NULL, &result, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (result.n_rows, ==, 0);
  workbook = read_back ("xlsx", path);
  g_assert_cmpuint (n_sheets (workbook), ==, 7);
  for (guint i = 0; i < 5; i++)
    g_assert_cmpuint (n_rows (sheet (workbook, sheet_name (workbook, i))), ==, 1);
  assert_text (sheet (workbook, "cooccurrence"), 0, 0, "Code");
}

static void
test_xlsx_control_characters_do_not_break_the_file (Study         *study,
                                                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) workbook = NULL;

  shirabe_project_add_coding (study->project, study->narrative_b, study->in,
                              shirabe_project_ensure_coder (study->project, "Ben", &error),
                              0, 4, "bell\a and\x01 form\ffeed\ttab", &error);
  g_assert_no_error (error);
  workbook = export_xlsx (study, "control.xlsx", NULL, NULL);
  /* XML 1.0 cannot hold them: they become U+FFFD; tabs stay. */
  assert_text (sheet (workbook, "codings"), 6, 12, "bell\xef\xbf\xbd and\xef\xbf\xbd "
               "form\xef\xbf\xbd" "feed\ttab");
}

/* CSV */

static JsonObject *
csv_file (JsonNode   *folder,
          const char *name)
{
  JsonArray *files = json_object_get_array_member (json_node_get_object (folder), "files");

  for (guint i = 0; i < json_array_get_length (files); i++)
    {
      JsonObject *object = json_array_get_object_element (files, i);

      if (g_strcmp0 (json_object_get_string_member (object, "name"), name) == 0)
        return object;
    }
  g_error ("no file “%s” in the CSV folder", name);
}

static const char *
csv_field (JsonObject *file,
           guint       row,
           guint       column)
{
  JsonArray *rows = json_object_get_array_member (file, "rows");

  g_assert_cmpuint (row, <, json_array_get_length (rows));
  return json_array_get_string_element (json_array_get_array_element (rows, row), column);
}

static JsonNode *
export_csv (Study                       *study,
            const char                  *name,
            const ShirabeExportOptions  *options)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = study_out (study, name);
  ShirabeExportOptions csv = *options;

  csv.format = SHIRABE_EXPORT_CSV;
  g_assert_true (shirabe_project_export (study->project, path, &csv, NULL, NULL, NULL, NULL,
                                         &error));
  g_assert_no_error (error);
  return read_back ("csv", path);
}

static void
test_csv_one_file_per_table (Study         *study,
                             gconstpointer  data)
{
  ShirabeExportOptions options = { .language = SHIRABE_LANGUAGE_JA };
  g_autoptr(JsonNode) folder = export_csv (study, "csv", &options);
  g_autofree char *dir = study_out (study, "csv");
  g_autofree char *listing = list_dir (dir);
  JsonObject *cases, *codings;

  /* ASCII file names whatever the language; nothing else left in the folder. */
  g_assert_cmpstr (listing, ==,
                   "README.txt|cases.csv|codebook.csv|codings.csv|cooccurrence.csv|memos.csv|"
                   "narratives.csv");
  cases = csv_file (folder, "cases.csv");
  g_assert_true (json_object_get_boolean_member (cases, "crlf"));
  /* The user's usual permissions (the suite runs with umask 022): an export is for sharing. */
  g_assert_cmpstr (json_object_get_string_member (cases, "mode"), ==, "0o644");
  g_assert_cmpstr (csv_field (cases, 0, 0), ==, "事例ID");
  g_assert_cmpstr (csv_field (cases, 0, 7), ==, "コーディング完了");
  g_assert_cmpstr (csv_field (cases, 0, 8), ==, "借金による束縛");
  g_assert_cmpstr (csv_field (cases, 1, 1), ==, "Case A");
  g_assert_cmpstr (csv_field (cases, 1, 2), ==, "24");
  g_assert_cmpstr (csv_field (cases, 1, 3), ==, "2019-04-01");
  g_assert_cmpstr (csv_field (cases, 1, 6), ==, "850.5");
  g_assert_cmpstr (csv_field (cases, 1, 7), ==, "1");
  g_assert_cmpstr (csv_field (cases, 1, 8), ==, "1");
  g_assert_cmpstr (csv_field (cases, 2, 2), ==, "-3");
  /* Case B is not coded yet: its code columns are missing (empty), not 0. */
  g_assert_cmpstr (csv_field (cases, 2, 8), ==, "");
  g_assert_cmpstr (csv_field (cases, 3, 2), ==, "");

  codings = csv_file (folder, "codings.csv");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (codings, "rows")), ==, 8);
  g_assert_cmpstr (csv_field (codings, 3, 11), ==, "借金のために働かされた");
  g_assert_true (g_regex_match_simple ("^\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d$",
                                       csv_field (codings, 3, 13), 0, 0));
}

static void
test_csv_bom_by_default_and_not_with_no_bom (Study         *study,
                                             gconstpointer  data)
{
  ShirabeExportOptions options = { 0 };
  g_autoptr(JsonNode) with_bom = export_csv (study, "bom", &options);
  g_autoptr(JsonNode) without_bom = NULL;
  const char *tables[] = { "cases.csv", "codings.csv", "codebook.csv", "narratives.csv",
                           "cooccurrence.csv" };

  options.no_bom = TRUE;
  without_bom = export_csv (study, "no-bom", &options);
  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    {
      g_assert_true (json_object_get_boolean_member (csv_file (with_bom, tables[i]), "bom"));
      g_assert_false (json_object_get_boolean_member (csv_file (without_bom, tables[i]), "bom"));
      /* The BOM is not part of the first header. */
      g_assert_cmpstr (csv_field (csv_file (with_bom, tables[i]), 0, 0), ==,
                       csv_field (csv_file (without_bom, tables[i]), 0, 0));
    }
}

static void
test_csv_values_are_exact_by_default (Study         *study,
                                      gconstpointer  data)
{
  ShirabeExportOptions options = { 0 };
  g_autoptr(JsonNode) folder = export_csv (study, "exact", &options);
  JsonObject *cases = csv_file (folder, "cases.csv");
  JsonObject *codings = csv_file (folder, "codings.csv");
  JsonObject *narratives = csv_file (folder, "narratives.csv");

  /* For R, pandas, SPSS and Stata a value is the value: no apostrophe before "=" or "+". */
  g_assert_cmpstr (csv_field (cases, 2, 1), ==, "=SUM(A1)");
  g_assert_cmpstr (csv_field (cases, 2, 4), ==, "+81 3 1234 5678");
  g_assert_cmpstr (csv_field (codings, 6, 12), ==, "=HYPERLINK(\"http://example.com\")");
  g_assert_cmpstr (csv_field (codings, 7, 12), ==, "@foo");
  g_assert_cmpstr (csv_field (narratives, 2, 3), ==, "=cmd|' /C calc'!A0");
}

static void
test_csv_text_is_never_cut (Study         *study,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) text = g_string_new (NULL);
  ShirabeNarrativeSpec spec = { .case_id = study->case_c, .title = "Long", .language = "ja" };
  ShirabeExportOptions options = { 0 };
  g_autoptr(JsonNode) folder = NULL;
  gint64 narrative_id, coder_id;

  /* 40,000 characters: past a spreadsheet cell's limit, which a CSV field does not have. */
  for (guint i = 0; i < 10000; i++)
    g_string_append (text, i % 2 ? "語りab" : "𠮷語りa");
  spec.text = text->str;
  narrative_id = shirabe_project_add_narrative (study->project, &spec, &error);
  g_assert_no_error (error);
  coder_id = shirabe_project_ensure_coder (study->project, "Aiko", &error);
  g_assert_no_error (error);
  shirabe_project_add_coding (study->project, narrative_id, study->in, coder_id, 0, 40000, NULL,
                              &error);
  g_assert_no_error (error);
  folder = export_csv (study, "long", &options);
  /* The whole passage, equal to the narrative's text (Python's csv reader). */
  g_assert_cmpstr (csv_field (csv_file (folder, "codings.csv"), 8, 11), ==, text->str);
}

static void
test_csv_formula_looking_text_is_guarded_on_request (Study         *study,
                                                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  ShirabeExportOptions options = { .guard_formulas = TRUE };
  g_autoptr(JsonNode) folder = NULL;
  g_autoptr(JsonNode) workbook = NULL;
  JsonObject *cases, *codings, *narratives;
  gint64 region = shirabe_project_find_attribute (study->project, SHIRABE_SCOPE_CASE, "region",
                                                  &error);

  g_assert_no_error (error);
  /* Text, not a number attribute, but a number all the same */
  shirabe_project_set_attribute_value (study->project, region, study->case_c, "-12.5", &error);
  g_assert_no_error (error);
  folder = export_csv (study, "formulas", &options);
  cases = csv_file (folder, "cases.csv");
  codings = csv_file (folder, "codings.csv");
  narratives = csv_file (folder, "narratives.csv");

  g_assert_cmpstr (csv_field (cases, 2, 1), ==, "'=SUM(A1)");
  g_assert_cmpstr (csv_field (cases, 2, 4), ==, "'+81 3 1234 5678");
  g_assert_cmpstr (csv_field (cases, 2, 2), ==, "-3");
  g_assert_cmpstr (csv_field (codings, 6, 12), ==, "'=HYPERLINK(\"http://example.com\")");
  g_assert_cmpstr (csv_field (codings, 7, 12), ==, "'@foo");
  g_assert_cmpstr (csv_field (narratives, 2, 3), ==, "'=cmd|' /C calc'!A0");
  /* Text that is a number needs no guard; in the workbook it is still text. */
  g_assert_cmpstr (csv_field (cases, 3, 4), ==, "-12.5");
  workbook = export_xlsx (study, "numbers.xlsx", NULL, NULL);
  assert_text (sheet (workbook, "cases"), 3, 4, "-12.5");
}

static void
test_csv_quotes_commas_quotes_and_line_breaks (Study         *study,
                                               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  ShirabeExportOptions options = { 0 };
  g_autoptr(JsonNode) folder = NULL;
  const char *memo = "said \"no\", then\nleft\r\nagain";

  shirabe_project_add_coding (study->project, study->narrative_b, study->in,
                              shirabe_project_ensure_coder (study->project, "Ben", &error),
                              0, 4, memo, &error);
  g_assert_no_error (error);
  folder = export_csv (study, "quotes", &options);
  g_assert_cmpstr (csv_field (csv_file (folder, "codings.csv"), 6, 12), ==, memo);
}

/* Failures leave nothing behind */

static void
test_failure_unwritable_folder_leaves_nothing (Study         *study,
                                               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *file = test_dir_path (&study->dir, "a-file");
  g_autofree char *xlsx = g_build_filename (file, "out.xlsx", NULL);
  g_autofree char *csv = g_build_filename (file, "csv", NULL);
  g_autofree char *listing = NULL;
  ShirabeExportOptions options = { 0 };
  const char *proc_path = "/proc/shirabe-export-test.xlsx";

  /* Root may write anywhere, but not under a regular file nor into /proc. */
  g_assert_true (g_file_set_contents (file, "not a folder", -1, NULL));

  g_assert_false (shirabe_project_export (study->project, xlsx, NULL, NULL, NULL, NULL, NULL,
                                          &error));
  g_assert_error (error, SHIRABE_ERROR, SHIRABE_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, xlsx));
  g_assert_nonnull (strstr (error->message, g_strerror (ENOTDIR)));
  g_clear_error (&error);

  options.format = SHIRABE_EXPORT_CSV;
  g_assert_false (shirabe_project_export (study->project, csv, &options, NULL, NULL, NULL, NULL,
                                          &error));
  g_assert_error (error, SHIRABE_ERROR, SHIRABE_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, csv));
  g_clear_error (&error);

  g_assert_false (shirabe_project_export (study->project, proc_path, NULL, NULL, NULL, NULL,
                                          NULL, &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, proc_path));
  g_clear_error (&error);
  g_assert_false (g_file_test (proc_path, G_FILE_TEST_EXISTS));

  /* A folder where the workbook should be */
  g_assert_false (shirabe_project_export (study->project, study->out_dir, NULL, NULL, NULL, NULL,
                                          NULL, &error));
  g_assert_error (error, SHIRABE_ERROR, SHIRABE_ERROR_EXISTS);
  g_clear_error (&error);

  listing = list_dir (study->dir.dir);
  g_assert_true (g_str_has_prefix (listing, "a-file|out|study.backups|study.shirabe") ||
                 g_str_has_prefix (listing, "a-file|out|study.shirabe"));
  g_free (listing);
  listing = list_dir (study->out_dir);
  g_assert_cmpstr (listing, ==, "");
}

typedef struct
{
  GCancellable *cancellable;
  const char   *cancel_in;   /* the table during which to cancel */
  guint         n_calls;
  double        last;
  gboolean      monotonic;
  GThread      *thread;   /* the thread that must make the calls, when not NULL */
  double       *before_end;  /* when not NULL: the last fraction below 1 */
} ProgressLog;

static void
progress_cb (double      fraction,
             const char *table,
             gpointer    user_data)
{
  ProgressLog *log = user_data;

  /* Called in the caller's thread, never the worker's. */
  if (log->thread != NULL)
    g_assert_true (g_thread_self () == log->thread);
  log->n_calls++;
  if (log->before_end != NULL && fraction < 1.0)
    *log->before_end = fraction;
  if (fraction < log->last)
    log->monotonic = FALSE;
  log->last = fraction;
  if (log->cancel_in != NULL && g_strcmp0 (table, log->cancel_in) == 0)
    g_cancellable_cancel (log->cancellable);
}

static void
test_failure_cancel_leaves_nothing (Study         *study,
                                    gconstpointer  data)
{
  const char *tables[] = { "cases", "codings", "codebook", "narratives", "cooccurrence" };

  for (guint format = 0; format < 2; format++)
    for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
      {
        g_autoptr(GError) error = NULL;
        g_autoptr(GCancellable) cancellable = g_cancellable_new ();
        g_autofree char *path = study_out (study, format ? "csv" : "out.xlsx");
        g_autofree char *listing = NULL;
        ShirabeExportOptions options = { .format = format ? SHIRABE_EXPORT_CSV
                                                          : SHIRABE_EXPORT_XLSX };
        ProgressLog log = { cancellable, tables[i], 0, 0, TRUE };

        g_assert_false (shirabe_project_export (study->project, path, &options, progress_cb, &log,
                                                cancellable, NULL, &error));
        g_assert_error (error, SHIRABE_ERROR, SHIRABE_ERROR_CANCELLED);
        g_assert_nonnull (strstr (error->message, path));
        listing = list_dir (study->out_dir);
        g_assert_cmpstr (listing, ==, "");
      }
}

static void
test_progress_goes_from_zero_to_one (Study         *study,
                                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = study_out (study, "progress.xlsx");
  ProgressLog log = { NULL, NULL, 0, 0, TRUE };

  g_assert_true (shirabe_project_export (study->project, path, NULL, progress_cb, &log, NULL,
                                         NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (log.n_calls, >=, 5);
  g_assert_true (log.monotonic);
  g_assert_cmpfloat (log.last, ==, 1.0);
}

/* One table: the progress moves through it, rather than standing near zero until the end
 * (it counted the rows of every table, those not written too). */
static void
test_progress_of_one_table_moves_through_it (TestDir       *dir,
                                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *project_path = test_dir_path (dir, "study.shirabe");
  g_autofree char *path = test_dir_path (dir, "cases.csv");
  g_autoptr(ShirabeProject) project = shirabe_project_create (project_path, "Study",
                                                              SHIRABE_PROJECT_NO_HISTORY, &error);
  /* More cases than the progress's step (256 rows), and many more codings. */
  ShirabeGenerateOptions generate = { .n_narratives = 1200, .n_codings = 6000, .seed = 15,
                                      .min_length = 200, .max_length = 400 };
  ShirabeExportOptions options = { .format = SHIRABE_EXPORT_CSV,
                                   .tables = SHIRABE_EXPORT_TABLE_CASES };
  ProgressLog log = { NULL, NULL, 0, 0, TRUE };
  double before_end = 0;

  g_assert_no_error (error);
  g_assert_true (shirabe_project_generate (project, &generate, NULL, &error));
  g_assert_no_error (error);
  log.before_end = &before_end;
  g_assert_true (shirabe_project_export (project, path, &options, progress_cb, &log, NULL,
                                         NULL, &error));
  g_assert_no_error (error);
  g_assert_true (log.monotonic);
  g_assert_cmpfloat (log.last, ==, 1.0);
  /* The last fraction before the end: the cases were nearly all counted (with the codings
   * and narratives in the total too, it was 0.06). */
  g_test_message ("last progress before the end: %.3f", before_end);
  g_assert_cmpfloat (before_end, >=, 0.5);
}

static void
test_export_replaces_an_existing_file (Study         *study,
                                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = study_out (study, "again.xlsx");
  g_autofree char *listing = NULL;
  g_autofree char *contents = NULL;
  ShirabeExportOptions force = { .force = TRUE };

  /* A workbook replaces a workbook. */
  g_assert_true (shirabe_project_export (study->project, path, NULL, NULL, NULL, NULL, NULL,
                                         &error));
  g_assert_no_error (error);
  g_assert_true (shirabe_project_export (study->project, path, NULL, NULL, NULL, NULL, NULL,
                                         &error));
  g_assert_no_error (error);

  /* A file of another kind only when the user agreed (--force). */
  g_assert_true (g_file_set_contents (path, "old", -1, NULL));
  g_assert_false (shirabe_project_export (study->project, path, NULL, NULL, NULL, NULL, NULL,
                                          &error));
  g_assert_error (error, SHIRABE_ERROR, SHIRABE_ERROR_OTHER_KIND);
  g_assert_nonnull (strstr (error->message, "again.xlsx"));
  g_clear_error (&error);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "old");
  g_assert_true (shirabe_project_export (study->project, path, &force, NULL, NULL, NULL, NULL,
                                         &error));
  g_assert_no_error (error);
  listing = list_dir (study->out_dir);
  g_assert_cmpstr (listing, ==, "again.xlsx");
  {
    g_autoptr(JsonNode) workbook = read_back ("xlsx", path);

    g_assert_cmpuint (n_sheets (workbook), ==, 7);
  }
}

static void
export_done (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static void
test_async_export_runs_in_a_thread (Study         *study,
                                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) async_result = NULL;
  g_autofree char *path = study_out (study, "async.xlsx");
  ShirabeExportOptions options = { .coder = "Aiko" };
  ShirabeExportResult result;
  ProgressLog log = { NULL, NULL, 0, 0, TRUE };
  GThread *thread = g_thread_self ();

  log.thread = thread;
  shirabe_project_export_async (study->project, path, &options, progress_cb, &log, NULL,
                                export_done, &async_result);
  /* Not iterating meanwhile, so no thread holds the main context: the worker must still not
   * call the progress itself (g_main_context_invoke() would). */
  while (!g_file_test (path, G_FILE_TEST_EXISTS))
    g_usleep (1000);
  g_assert_cmpuint (log.n_calls, ==, 0);
  while (async_result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (shirabe_project_export_finish (study->project, async_result, &result, &error));
  g_assert_no_error (error);
  /* Aiko's 5 codings */
  g_assert_cmpuint (result.n_rows, ==, 3 + 5 + (5 + 6) + 2 + 4 + 2);
  /* Progress events are delivered to this thread's main context. */
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_cmpuint (log.n_calls, >, 0);
  g_assert_cmpfloat (log.last, ==, 1.0);
}

/* The command line */

/* Runs shirabe-cli with @args; returns its exit status, with its stdout and stderr. */
static int
run_cli (const char * const  *args,
         char               **out,
         char               **err)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  const char *cli = g_getenv ("SHIRABE_CLI");
  int status = 0;

  g_assert_nonnull (cli);
  g_ptr_array_add (argv, (char *) cli);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (char *) args[i]);
  g_ptr_array_add (argv, NULL);
  g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL, out, err,
                &status, &error);
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (status));
  return WEXITSTATUS (status);
}

static void
test_cli_exports_xlsx_with_options (Study         *study,
                                    gconstpointer  data)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *path = study_out (study, "cli.xlsx");
  g_autofree char *header = NULL;
  g_autofree char *codings_header = NULL;
  g_autoptr(JsonNode) workbook = NULL;
  const char *args[] = { "export", study->project_path, path, "--lang", "ja", "--header",
                         "names", "--presence", "--coder", "Aiko", "--no-excerpts", NULL };

  g_clear_object (&study->project);
  g_assert_cmpint (run_cli (args, &out, &err), ==, 0);
  g_assert_nonnull (strstr (out, path));
  /* Not a terminal: no progress on stderr. */
  g_assert_cmpstr (err, ==, "");

  workbook = read_back ("xlsx", path);
  /* --header names: ASCII sheet names even in a Japanese export. */
  g_assert_cmpstr (sheet_name (workbook, 0), ==, "cases");
  header = header_line (sheet (workbook, "cases"));
  g_assert_true (g_str_has_prefix (header, "case_id|case_name|age|"));
  codings_header = header_line (sheet (workbook, "codings"));
  g_assert_null (strstr (codings_header, "excerpt"));
  /* Aiko: Case A debt 1 passport 1 recruitment 1; presence */
  assert_int (sheet (workbook, "cases"), 1, 8, 1);
  assert_int (sheet (workbook, "cases"), 1, 10, 1);
  g_assert_cmpuint (n_rows (sheet (workbook, "codings")), ==, 6);
  /* Labels inside cells still follow --lang. */
  assert_text (sheet (workbook, "codings"), 1, 6, "借金による束縛");
}

/* Every export says what it is */

static const char *
about_text (JsonObject *about,
            const char *item)
{
  for (guint row = 1; row < n_rows (about); row++)
    if (g_strcmp0 (json_object_get_string_member (cell (about, row, 0), "v"), item) == 0)
      return json_object_get_string_member (cell (about, row, 1), "v");
  g_error ("no row “%s” in the about sheet", item);
}

static void
test_about_sheet_states_every_option (Study         *study,
                                      gconstpointer  data)
{
  ShirabeExportOptions options = { .coder = "Ben", .count = SHIRABE_EXPORT_COUNT_CODINGS,
                                   .incomplete = SHIRABE_EXPORT_INCOMPLETE_ZERO,
                                   .overlaps = TRUE };
  ShirabeExportOptions ja = { .language = SHIRABE_LANGUAGE_JA };
  g_autoptr(JsonNode) workbook = export_xlsx (study, "about.xlsx", &options, NULL);
  g_autoptr(JsonNode) japanese = export_xlsx (study, "about-ja.xlsx", &ja, NULL);
  g_autoptr(JsonNode) folder = NULL;
  JsonObject *about = sheet (workbook, "about");
  JsonObject *readme;
  g_autofree char *header = header_line (about);
  g_autofree char *header_ja = NULL;

  g_assert_cmpstr (header, ==, "Item|Description");
  g_assert_cmpstr (about_text (about, "Project"), ==, "Trafficking study");
  g_assert_cmpstr (about_text (about, "Coders"), ==, "Ben");
  g_assert_true (g_str_has_prefix (about_text (about, "What a count counts"), "Codings: every "
                                   "coding counts"));
  g_assert_true (g_str_has_prefix (about_text (about, "Cases not fully coded"),
                                   "The code columns of cases not fully coded"));
  g_assert_true (g_str_has_prefix (about_text (about, "Table “cooccurrence”"),
                                   "Code × code: the number of cases in which both codes occur; "
                                   "the diagonal is the number of cases that have the code."));
  g_assert_nonnull (about_text (about, "Table “overlaps”"));
  g_assert_true (g_str_has_prefix (about_text (about, "Written by"), "Shirabe "));

  /* In the export's language; the default unit and rule. */
  about = sheet (japanese, "この書き出しについて");
  header_ja = header_line (about);
  g_assert_cmpstr (header_ja, ==, "項目|説明");
  g_assert_true (g_str_has_prefix (about_text (about, "件数が数えるもの"), "異なる箇所"));
  g_assert_cmpstr (about_text (about, "コーダー"), ==, "すべてのコーダーのコーディング。");
  g_assert_nonnull (about_text (about, "表「事例」"));

  /* CSV: README.txt beside the files, naming them as the files are named. */
  options = (ShirabeExportOptions) { 0 };
  folder = export_csv (study, "about-csv", &options);
  readme = csv_file (folder, "README.txt");
  g_assert_nonnull (strstr (json_object_get_string_member (readme, "text"),
                            "Table “cases”\r\n  One row per case"));
  g_assert_nonnull (strstr (json_object_get_string_member (readme, "text"),
                            "Written exactly as stored."));
}

static void
test_cli_exports_csv_into_a_folder (Study         *study,
                                    gconstpointer  data)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *dir = study_out (study, "cli-csv");
  g_autoptr(JsonNode) folder = NULL;
  const char *args[] = { "export", study->project_path, dir, "--format", "csv", "--no-bom",
                         NULL };
  const char *again[] = { "export", study->project_path, dir, "--lang", "en", NULL };
  const char *again_csv[] = { "export", study->project_path, dir, "--lang", "en", "--format",
                              "csv", NULL };

  g_clear_object (&study->project);
  g_assert_cmpint (run_cli (args, &out, &err), ==, 0);
  folder = read_back ("csv", dir);
  g_assert_false (json_object_get_boolean_member (csv_file (folder, "cases.csv"), "bom"));
  g_assert_cmpstr (csv_field (csv_file (folder, "cases.csv"), 0, 1), ==, "Case");

  /* An existing folder takes CSV files only with --format csv (a folder named “x.xlsx” must
   * not receive CSV files unasked); the files are then replaced. */
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (again, &out, &err), ==, 2);
  g_assert_nonnull (strstr (err, "it is a folder"));
  g_assert_nonnull (strstr (err, "--format csv"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_clear_pointer (&folder, json_node_unref);
  folder = read_back ("csv", dir);
  g_assert_false (json_object_get_boolean_member (csv_file (folder, "cases.csv"), "bom"));
  g_assert_cmpint (run_cli (again_csv, &out, &err), ==, 0);
  g_clear_pointer (&folder, json_node_unref);
  folder = read_back ("csv", dir);
  g_assert_true (json_object_get_boolean_member (csv_file (folder, "cases.csv"), "bom"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (
                      json_node_get_object (folder), "files")), ==, 7);
}

static void
test_cli_refuses_a_duplicate_coding (Study         *study,
                                     gconstpointer  data)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  /* Aiko coded Debt bondage on 2–4 of Interview 1 already. */
  const char *args[] = { "code", study->project_path, "Interview 1", "Debt bondage", "2", "4",
                         "--coder", "Aiko", NULL };
  g_autoptr(GPtrArray) codings = NULL;
  g_autoptr(GError) error = NULL;

  g_clear_object (&study->project);
  g_assert_cmpint (run_cli (args, &out, &err), ==, 2);
  g_assert_nonnull (strstr (err, "“Debt bondage” is already applied to the passage 2–4 by this "
                                 "coder"));
  study->project = shirabe_project_open (study->project_path, SHIRABE_PROJECT_DEFAULT, &error);
  g_assert_no_error (error);
  codings = shirabe_project_list_codings (study->project, study->narrative_a, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (codings->len, ==, 5);
}

static void
test_cli_exit_statuses (Study         *study,
                        gconstpointer  data)
{
  g_autofree char *path = study_out (study, "x.xlsx");
  g_autofree char *file = test_dir_path (&study->dir, "a-file");
  g_autofree char *under_file = g_build_filename (file, "x.xlsx", NULL);
  g_autofree char *missing = test_dir_path (&study->dir, "missing.shirabe");
  g_autofree char *listing = NULL;
  const char *usage[][8] = {
    { "export", NULL },
    { "export", study->project_path, NULL },
    { "export", study->project_path, path, "--lang", "fr", NULL },
    { "export", study->project_path, path, "--header", "short", NULL },
    { "export", study->project_path, path, "--format", "ods", NULL },
    { "export", study->project_path, path, "--no-bom", NULL },
    { "export", study->project_path, path, "--bogus", NULL },
  };
  const char *data_errors[][8] = {
    { "export", missing, path, NULL },
    { "export", study->project_path, path, "--coder", "Nobody", NULL },
    { "export", study->project_path, under_file, NULL },
  };

  g_clear_object (&study->project);
  g_assert_true (g_file_set_contents (file, "not a folder", -1, NULL));
  for (guint i = 0; i < G_N_ELEMENTS (usage); i++)
    {
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;

      g_assert_cmpint (run_cli (usage[i], &out, &err), ==, 1);
      g_assert_cmpstr (err, !=, "");
    }
  for (guint i = 0; i < G_N_ELEMENTS (data_errors); i++)
    {
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;

      g_assert_cmpint (run_cli (data_errors[i], &out, &err), ==, 2);
      g_assert_true (g_str_has_prefix (err, "shirabe-cli: "));
    }
  listing = list_dir (study->out_dir);
  g_assert_cmpstr (listing, ==, "");
}

static void
test_exports_follow_the_umask (Study         *study,
                               gconstpointer  data)
{
  ShirabeExportOptions options = { 0 };
  g_autofree char *path = study_out (study, "private.xlsx");
  g_autofree char *folder = study_out (study, "private-csv");
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) csv = NULL;
  GStatBuf st;
  mode_t old = umask (077);

  /* A user who keeps everything private gets private exports... */
  g_assert_true (shirabe_project_export (study->project, path, NULL, NULL, NULL, NULL, NULL,
                                         &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  csv = export_csv (study, "private-csv", &options);
  g_assert_cmpstr (json_object_get_string_member (csv_file (csv, "cases.csv"), "mode"), ==,
                   "0o600");
  g_assert_cmpint (g_stat (folder, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0700);

  /* ...one with umask 022 shareable ones, while the project stays the owner's alone. */
  umask (022);
  g_clear_pointer (&path, g_free);
  path = study_out (study, "shared.xlsx");
  g_assert_true (shirabe_project_export (study->project, path, NULL, NULL, NULL, NULL, NULL,
                                         &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0644);
  g_assert_cmpint (g_stat (study->project_path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  umask (old);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  /* Export files follow the umask: the same one for every run. */
  umask (022);

#define ADD(name, func) \
  g_test_add ("/export/" name, Study, NULL, study_setup, func, study_teardown)

  ADD ("xlsx/english-sheets-and-headers", test_xlsx_english_sheets_and_headers);
  ADD ("xlsx/japanese-sheets-and-headers", test_xlsx_japanese_sheets_and_headers);
  ADD ("xlsx/label-language-ignores-the-locale", test_xlsx_label_language_ignores_the_locale);
  ADD ("xlsx/cases-have-typed-attributes-and-code-counts",
       test_xlsx_cases_have_typed_attributes_and_code_counts);
  ADD ("xlsx/presence-gives-zero-or-one", test_xlsx_presence_gives_zero_or_one);
  ADD ("xlsx/one-coder-only", test_xlsx_one_coder_only);
  ADD ("xlsx/codings-have-excerpts-and-dates", test_xlsx_codings_have_excerpts_and_dates);
  ADD ("xlsx/excerpts-count-code-points", test_xlsx_excerpts_count_code_points);
  ADD ("xlsx/no-excerpts-leaves-the-text-out", test_xlsx_no_excerpts_leaves_the_text_out);
  ADD ("names/one-name-per-variable-everywhere", test_one_name_per_variable_everywhere);
  ADD ("xlsx/header-names-are-valid-variable-names",
       test_xlsx_header_names_are_valid_variable_names);
  ADD ("xlsx/codebook-has-the-tree-colours-and-counts",
       test_xlsx_codebook_has_the_tree_colours_and_counts);
  ADD ("xlsx/cooccurrence-counts-cases-and-overlaps-segments",
       test_xlsx_cooccurrence_counts_cases_and_overlaps_segments);
  ADD ("xlsx/formula-looking-text-stays-text", test_xlsx_formula_looking_text_stays_text);
  ADD ("xlsx/header-is-bold-frozen-and-filtered", test_xlsx_header_is_bold_frozen_and_filtered);
  ADD ("xlsx/long-cell-is-cut-with-a-marker", test_xlsx_long_cell_is_cut_with_a_marker);
  ADD ("xlsx/max-chars-is-an-option", test_xlsx_max_chars_is_an_option);
  ADD ("xlsx/codings-alone-count-only-their-cut-texts",
       test_xlsx_codings_alone_count_only_their_cut_texts);
  ADD ("xlsx/long-table-continues-on-another-sheet",
       test_xlsx_long_table_continues_on_another_sheet);
  ADD ("xlsx/japanese-split-sheet-name", test_xlsx_japanese_split_sheet_name);
  ADD ("xlsx/empty-project-gives-headers-only", test_xlsx_empty_project_gives_headers_only);
  ADD ("xlsx/control-characters-do-not-break-the-file",
       test_xlsx_control_characters_do_not_break_the_file);
  ADD ("csv/one-file-per-table", test_csv_one_file_per_table);
  ADD ("csv/bom-by-default-and-not-with-no-bom", test_csv_bom_by_default_and_not_with_no_bom);
  ADD ("csv/values-are-exact-by-default", test_csv_values_are_exact_by_default);
  ADD ("csv/text-is-never-cut", test_csv_text_is_never_cut);
  ADD ("csv/formula-looking-text-is-guarded-on-request",
       test_csv_formula_looking_text_is_guarded_on_request);
  ADD ("csv/quotes-commas-quotes-and-line-breaks", test_csv_quotes_commas_quotes_and_line_breaks);
  ADD ("failure/unwritable-folder-leaves-nothing", test_failure_unwritable_folder_leaves_nothing);
  ADD ("failure/cancel-leaves-nothing", test_failure_cancel_leaves_nothing);
  ADD ("progress-goes-from-zero-to-one", test_progress_goes_from_zero_to_one);
  g_test_add ("/export/progress-of-one-table-moves-through-it", TestDir, NULL, test_dir_setup,
              test_progress_of_one_table_moves_through_it, test_dir_teardown);
  ADD ("about/states-every-option-in-the-exports-language", test_about_sheet_states_every_option);
  ADD ("files/exports-follow-the-umask", test_exports_follow_the_umask);
  ADD ("memos/every-memo-is-exported", test_every_memo_is_exported);
  if (g_getenv ("SHIRABE_CLI") != NULL)
    {
      ADD ("cli/exports-xlsx-with-options", test_cli_exports_xlsx_with_options);
      ADD ("cli/exports-csv-into-a-folder", test_cli_exports_csv_into_a_folder);
      ADD ("cli/a-duplicate-coding-is-refused", test_cli_refuses_a_duplicate_coding);
      ADD ("cli/exit-statuses", test_cli_exit_statuses);
    }
  ADD ("export-replaces-an-existing-file", test_export_replaces_an_existing_file);
  ADD ("async-export-runs-in-a-thread", test_async_export_runs_in_a_thread);
#undef ADD

  return g_test_run ();
}
