/* test-attribute-import.c: case attributes from CSV (as Excel in Japan saves it) and XLSX
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The fixtures are written by tests/fixtures/documents/make-attributes.py (Python's cp932
 * codec, openpyxl).
 */
#include <string.h>

#include "test-util.h"
#include "shirabe-attribute-import.h"
#include "shirabe-project-private.h"

static char *
fixture_path (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "..", "fixtures", "documents", name, NULL);
}

static char *
value_of (ShirabeProject *project,
          const char     *case_name,
          const char     *var_name)
{
  gint64 case_id = shirabe_project_find_case (project, case_name, NULL);
  g_autoptr(GPtrArray) values = shirabe_project_list_attribute_values (project, SHIRABE_SCOPE_CASE,
                                                                      case_id, NULL);

  for (guint i = 0; values != NULL && i < values->len; i++)
    {
      ShirabeAttributeValue *value = values->pdata[i];

      if (g_strcmp0 (value->var_name, var_name) == 0)
        return g_strdup (value->value);
    }
  return NULL;
}

static gint64
count (ShirabeProject *project,
       const char     *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 n;

  g_assert_cmpint (sqlite3_prepare_v2 (shirabe_project_get_db (project), sql, -1, &stmt, NULL),
                   ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return n;
}

static void
test_an_excel_ja_csv_fills_the_attributes (TestDir       *fixture,
                                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = test_dir_path (fixture, "study.shirabe");
  g_autofree char *csv = fixture_path ("attributes-cp932.csv");
  g_autoptr(ShirabeProject) project = shirabe_project_create (path, "Study",
                                                              SHIRABE_PROJECT_DEFAULT, &error);
  g_autoptr(ShirabeAttributeImport) refused = NULL;
  g_autoptr(ShirabeAttributeImport) applied = NULL;
  ShirabeAttributeImportOptions options = { 0 };
  ShirabeAttributeImportColumn *column;
  g_autofree char *nationality = NULL, *age = NULL, *entered = NULL, *sheltered = NULL;

  g_assert_no_error (error);
  /* Without --create-cases, every unknown case is a problem, and nothing changes. */
  refused = shirabe_project_import_attributes (project, csv, &options, &error);
  g_assert_no_error (error);
  g_assert_false (refused->applied);
  g_assert_cmpuint (refused->problems->len, ==, 6);
  g_assert_cmpuint (((ShirabeAttributeImportProblem *) refused->problems->pdata[0])->row, ==, 2);
  g_assert_cmpint (count (project, "SELECT count (*) FROM attribute"), ==, 0);

  options.create_cases = TRUE;
  applied = shirabe_project_import_attributes (project, csv, &options, &error);
  g_assert_no_error (error);
  g_assert_true (applied->applied);
  g_assert_cmpuint (applied->n_cases_created, ==, 6);
  g_assert_cmpuint (applied->columns->len, ==, 5);
  /* Types inferred from the values: 23 an integer, 2004/9/14 a date, はい/いいえ a boolean. */
  column = applied->columns->pdata[1];
  g_assert_cmpstr (column->header, ==, "年齢");
  g_assert_cmpint (column->type, ==, SHIRABE_ATTRIBUTE_INTEGER);
  column = applied->columns->pdata[2];
  g_assert_cmpint (column->type, ==, SHIRABE_ATTRIBUTE_DATE);
  column = applied->columns->pdata[3];
  g_assert_cmpint (column->type, ==, SHIRABE_ATTRIBUTE_BOOLEAN);
  nationality = value_of (project, "Li M.", "kokuseki");
  age = value_of (project, "Li M.", "nenrei");
  entered = value_of (project, "Li M.", "nyuukoku_nichi");
  sheltered = value_of (project, "Li M.", "hogo");
  g_assert_cmpstr (nationality, ==, "タイ");
  g_assert_cmpstr (age, ==, "22");
  g_assert_cmpstr (entered, ==, "2008-03-05");
  g_assert_cmpstr (sheltered, ==, "0");

  /* One undo step takes all of it back. */
  g_assert_cmpstr (shirabe_history_get_undo_label (shirabe_project_get_history (project)), ==,
                   "Import Case Attributes");
  g_assert_true (shirabe_project_undo (project, &error));
  g_assert_cmpint (count (project, "SELECT count (*) FROM cases"), ==, 0);
  g_assert_cmpint (count (project, "SELECT count (*) FROM attribute_value"), ==, 0);
  shirabe_project_close (project, NULL);
}

static void
test_a_workbook_sheet_and_its_dates (TestDir       *fixture,
                                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = test_dir_path (fixture, "study.shirabe");
  g_autofree char *xlsx = fixture_path ("attributes.xlsx");
  g_autoptr(ShirabeProject) project = shirabe_project_create (path, "Study",
                                                              SHIRABE_PROJECT_DEFAULT, &error);
  g_autoptr(ShirabeAttributeImport) report = NULL;
  g_autoptr(ShirabeAttributeImport) mismatch = NULL;
  g_autoptr(ShirabeAttributeImport) missing = NULL;
  ShirabeAttributeImportOptions options = { 0 };
  g_autofree char *entered = NULL, *sheltered = NULL;
  g_autofree char *csv = test_dir_path (fixture, "bad.csv");

  g_assert_no_error (error);
  options.create_cases = TRUE;
  report = shirabe_project_import_attributes (project, xlsx, &options, &error);
  g_assert_no_error (error);
  g_assert_true (report->applied);
  g_assert_cmpuint (report->n_values_set, ==, 16);
  /* A date cell is a day number with a date format: read as the date it shows. */
  entered = value_of (project, "Kanya S.", "entered");
  sheltered = value_of (project, "Kanya S.", "sheltered");
  g_assert_cmpstr (entered, ==, "2003-11-02");
  g_assert_cmpstr (sheltered, ==, "1");

  /* An existing attribute keeps its type: "soon" is no date, reported by row and column, and a
   * case named twice too; nothing changes. */
  g_assert_true (g_file_set_contents (csv, "case;entered\nKanya S.;soon\nKanya S.;2004-01-01\n",
                                      -1, NULL));
  mismatch = shirabe_project_import_attributes (project, csv, NULL, &error);
  g_assert_no_error (error);
  g_assert_false (mismatch->applied);
  g_assert_cmpuint (mismatch->problems->len, ==, 2);
  g_assert_cmpuint (((ShirabeAttributeImportProblem *) mismatch->problems->pdata[0])->row, ==, 2);
  g_assert_cmpstr (((ShirabeAttributeImportProblem *) mismatch->problems->pdata[0])->column, ==,
                   "entered");
  g_assert_cmpuint (((ShirabeAttributeImportProblem *) mismatch->problems->pdata[1])->row, ==, 3);
  g_free (entered);
  entered = value_of (project, "Kanya S.", "entered");
  g_assert_cmpstr (entered, ==, "2003-11-02");

  options.sheet = "Nowhere";
  missing = shirabe_project_import_attributes (project, xlsx, &options, &error);
  g_assert_null (missing);
  g_assert_error (error, SHIRABE_ERROR, SHIRABE_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "Cases, Notes"));
  shirabe_project_close (project, NULL);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/core/attribute-import/an-excel-ja-csv-fills-the-attributes-in-one-step", TestDir,
              NULL, test_dir_setup, test_an_excel_ja_csv_fills_the_attributes, test_dir_teardown);
  g_test_add ("/core/attribute-import/a-workbook-sheet-its-dates-and-its-problems", TestDir, NULL,
              test_dir_setup, test_a_workbook_sheet_and_its_dates, test_dir_teardown);
  return g_test_run ();
}
