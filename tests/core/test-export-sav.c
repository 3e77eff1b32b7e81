/* test-export-sav.c: SPSS and Stata exports, read back by ReadStat's own reader
 *
 * The writer goes through ReadStat's writer API; these tests read every file back through its
 * parser, which shares no code with what Shirabe wrote, and compare names, types, formats,
 * variable labels, value labels and values with the project. (The export suite reads the same
 * files with R's haven besides.)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>
#include <signal.h>
#include <string.h>
#include <sys/resource.h>

#include <readstat.h>

#include "test-util.h"
#include "shirabe-export.h"
#include "shirabe-export-sav-private.h"
#include "shirabe-sample.h"

/* A file as the reader sees it */

typedef struct
{
  char     *name;
  char     *label;
  char     *format;
  char     *label_set;      /* NULL: none */
  gboolean  numeric;
} Variable;

typedef struct
{
  char       *file_label;
  int         n_rows;
  GArray     *variables;    /* Variable */
  GPtrArray  *values;       /* per row: GPtrArray of char* ("NA" for system missing) */
  GHashTable *label_sets;   /* set name → GHashTable (value as text → label) */
} ReadBack;

static void
variable_clear (Variable *variable)
{
  g_free (variable->name);
  g_free (variable->label);
  g_free (variable->format);
  g_free (variable->label_set);
}

static void
read_back_free (ReadBack *file)
{
  g_free (file->file_label);
  g_array_unref (file->variables);
  g_ptr_array_unref (file->values);
  g_hash_table_unref (file->label_sets);
  g_free (file);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ReadBack, read_back_free)

static int
on_metadata (readstat_metadata_t *metadata,
             void                *user_data)
{
  ReadBack *file = user_data;

  file->file_label = g_strdup (readstat_get_file_label (metadata));
  file->n_rows = readstat_get_row_count (metadata);
  return READSTAT_HANDLER_OK;
}

static int
on_variable (int                  index,
             readstat_variable_t *variable,
             const char          *val_labels,
             void                *user_data)
{
  ReadBack *file = user_data;
  Variable v = { 0 };

  v.name = g_strdup (readstat_variable_get_name (variable));
  v.label = g_strdup (readstat_variable_get_label (variable) ? readstat_variable_get_label (variable)
                                                             : "");
  v.format = g_strdup (readstat_variable_get_format (variable) ? readstat_variable_get_format (variable)
                                                               : "");
  v.label_set = g_strdup (val_labels);
  v.numeric = readstat_variable_get_type_class (variable) == READSTAT_TYPE_CLASS_NUMERIC;
  g_array_append_val (file->variables, v);
  return READSTAT_HANDLER_OK;
}

static char *
value_text (readstat_value_t value)
{
  char number[G_ASCII_DTOSTR_BUF_SIZE];

  if (readstat_value_is_system_missing (value))
    return g_strdup ("NA");
  switch (readstat_value_type (value))
    {
    case READSTAT_TYPE_STRING:
    case READSTAT_TYPE_STRING_REF:
      return g_strdup (readstat_string_value (value) != NULL ? readstat_string_value (value) : "");
    case READSTAT_TYPE_INT8:
      return g_strdup_printf ("%d", readstat_int8_value (value));
    case READSTAT_TYPE_INT16:
      return g_strdup_printf ("%d", readstat_int16_value (value));
    case READSTAT_TYPE_INT32:
      return g_strdup_printf ("%d", readstat_int32_value (value));
    case READSTAT_TYPE_FLOAT:
      return g_strdup (g_ascii_dtostr (number, sizeof number, readstat_float_value (value)));
    case READSTAT_TYPE_DOUBLE:
    default:
      return g_strdup (g_ascii_dtostr (number, sizeof number, readstat_double_value (value)));
    }
}

static int
on_value (int                  obs_index,
          readstat_variable_t *variable,
          readstat_value_t     value,
          void                *user_data)
{
  ReadBack *file = user_data;
  GPtrArray *row;

  while (file->values->len <= (guint) obs_index)
    g_ptr_array_add (file->values, g_ptr_array_new_with_free_func (g_free));
  row = g_ptr_array_index (file->values, obs_index);
  g_assert_cmpint (row->len, ==, readstat_variable_get_index (variable));
  g_ptr_array_add (row, value_text (value));
  return READSTAT_HANDLER_OK;
}

static int
on_value_label (const char       *val_labels,
                readstat_value_t  value,
                const char       *label,
                void             *user_data)
{
  ReadBack *file = user_data;
  GHashTable *set = g_hash_table_lookup (file->label_sets, val_labels);

  if (set == NULL)
    {
      set = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
      g_hash_table_insert (file->label_sets, g_strdup (val_labels), set);
    }
  g_hash_table_insert (set, value_text (value), g_strdup (label));
  return READSTAT_HANDLER_OK;
}

static ReadBack *
read_back (const char *path)
{
  readstat_parser_t *parser = readstat_parser_init ();
  ReadBack *file = g_new0 (ReadBack, 1);
  readstat_error_t err;

  file->variables = g_array_new (FALSE, TRUE, sizeof (Variable));
  g_array_set_clear_func (file->variables, (GDestroyNotify) variable_clear);
  file->values = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  file->label_sets = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                            (GDestroyNotify) g_hash_table_unref);
  readstat_set_metadata_handler (parser, on_metadata);
  readstat_set_variable_handler (parser, on_variable);
  readstat_set_value_handler (parser, on_value);
  readstat_set_value_label_handler (parser, on_value_label);
  if (g_str_has_suffix (path, ".sav"))
    err = readstat_parse_sav (parser, path, file);
  else
    err = readstat_parse_dta (parser, path, file);
  readstat_parser_free (parser);
  if (err != READSTAT_OK)
    g_error ("ReadStat cannot read %s: %s", path, readstat_error_message (err));
  g_assert_cmpint (file->values->len, ==, file->n_rows);
  return file;
}

static int
find_variable (ReadBack   *file,
               const char *name)
{
  for (guint i = 0; i < file->variables->len; i++)
    if (strcmp (g_array_index (file->variables, Variable, i).name, name) == 0)
      return i;
  g_error ("no variable %s", name);
  return -1;
}

static const Variable *
variable (ReadBack   *file,
          const char *name)
{
  return &g_array_index (file->variables, Variable, find_variable (file, name));
}

static const char *
value (ReadBack   *file,
       guint       row,
       const char *name)
{
  GPtrArray *values = g_ptr_array_index (file->values, row);

  return g_ptr_array_index (values, find_variable (file, name));
}

static const char *
value_label (ReadBack   *file,
             const char *name,
             const char *code)
{
  const Variable *v = variable (file, name);
  GHashTable *set;

  g_assert_nonnull (v->label_set);
  set = g_hash_table_lookup (file->label_sets, v->label_set);
  g_assert_nonnull (set);
  return g_hash_table_lookup (set, code);
}

/* A small study */

#define TEXT_A "借金を返すまで働けと言われた。𠮷野さんの店で🙂旅券を取り上げられた。"
#define TEXT_B "She was told to work until the debt was repaid."

typedef struct
{
  TestDir         dir;
  ShirabeProject *project;
  gint64          case_a, case_b, case_c;
  gint64          narrative_a;
  gint64          age, arrival, wage, paid, region, source;
} Study;

static void
study_setup (Study         *study,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  const char *sources[] = { "ngo", "embassy", "court", NULL };
  ShirabeNarrativeSpec narrative = { 0 };
  ShirabeCodeSpec code = { 0 };
  gint64 coercion, debt, passport, aiko;

  test_dir_setup (&study->dir, data);
  path = test_dir_path (&study->dir, "study.shirabe");
  study->project = shirabe_project_create (path, "Study 𠮷", SHIRABE_PROJECT_DEFAULT, &error);
  g_assert_no_error (error);

#define OK(call) G_STMT_START { (call); g_assert_no_error (error); } G_STMT_END
  OK (study->age = shirabe_project_add_attribute (study->project, SHIRABE_SCOPE_CASE, "Age",
                                                  "年齢", "age", SHIRABE_ATTRIBUTE_INTEGER,
                                                  NULL, &error));
  OK (study->arrival = shirabe_project_add_attribute (study->project, SHIRABE_SCOPE_CASE,
                                                      "Arrival date", "入国日", "arrival",
                                                      SHIRABE_ATTRIBUTE_DATE, NULL, &error));
  OK (study->wage = shirabe_project_add_attribute (study->project, SHIRABE_SCOPE_CASE,
                                                   "Hourly wage", "時給", "wage",
                                                   SHIRABE_ATTRIBUTE_NUMBER, NULL, &error));
  OK (study->paid = shirabe_project_add_attribute (study->project, SHIRABE_SCOPE_CASE, "Paid",
                                                   "賃金支払い", "paid",
                                                   SHIRABE_ATTRIBUTE_BOOLEAN, NULL, &error));
  OK (study->region = shirabe_project_add_attribute (study->project, SHIRABE_SCOPE_CASE,
                                                     "Region", "地域", "region",
                                                     SHIRABE_ATTRIBUTE_TEXT, NULL, &error));
  OK (study->source = shirabe_project_add_attribute (study->project, SHIRABE_SCOPE_CASE,
                                                     "Source", "出典", "source",
                                                     SHIRABE_ATTRIBUTE_CHOICE, sources, &error));
  OK (shirabe_project_set_choice_label (study->project, study->source, "ngo",
                                        SHIRABE_LANGUAGE_JA, "支援団体", &error));
  OK (shirabe_project_set_choice_label (study->project, study->source, "ngo",
                                        SHIRABE_LANGUAGE_EN, "NGO", &error));

  code = (ShirabeCodeSpec) { .label_en = "Coercion", .label_ja = "強制", .not_codable = TRUE,
                             .var_name = "coercion" };
  OK (coercion = shirabe_project_add_code (study->project, &code, &error));
  code = (ShirabeCodeSpec) { .parent_id = coercion, .label_en = "Debt bondage",
                             .label_ja = "借金による束縛", .var_name = "debt_bondage" };
  OK (debt = shirabe_project_add_code (study->project, &code, &error));
  code = (ShirabeCodeSpec) { .parent_id = coercion, .label_en = "Passport taken",
                             .label_ja = "旅券の取り上げ𠮷", .var_name = "passport_taken" };
  OK (passport = shirabe_project_add_code (study->project, &code, &error));
  OK (aiko = shirabe_project_ensure_coder (study->project, "Aiko", &error));

  OK (study->case_a = shirabe_project_add_case (study->project, "事例 A 🙂", &error));
  OK (study->case_b = shirabe_project_add_case (study->project, "Case B", &error));
  OK (study->case_c = shirabe_project_add_case (study->project, "Case C", &error));
  OK (shirabe_project_set_attribute_value (study->project, study->age, study->case_a, "24",
                                           &error));
  OK (shirabe_project_set_attribute_value (study->project, study->arrival, study->case_a,
                                           "2019-04-01", &error));
  OK (shirabe_project_set_attribute_value (study->project, study->wage, study->case_a, "850.5",
                                           &error));
  OK (shirabe_project_set_attribute_value (study->project, study->paid, study->case_a, "false",
                                           &error));
  OK (shirabe_project_set_attribute_value (study->project, study->region, study->case_a,
                                           "関東𠮷", &error));
  OK (shirabe_project_set_attribute_value (study->project, study->source, study->case_a, "ngo",
                                           &error));
  OK (shirabe_project_set_attribute_value (study->project, study->age, study->case_b, "-3",
                                           &error));
  OK (shirabe_project_set_attribute_value (study->project, study->paid, study->case_b, "yes",
                                           &error));
  OK (shirabe_project_set_attribute_value (study->project, study->source, study->case_b,
                                           "court", &error));

  narrative = (ShirabeNarrativeSpec) { .case_id = study->case_a, .title = "聞き取り 1",
                                       .language = "ja", .kind = "interview", .text = TEXT_A };
  OK (study->narrative_a = shirabe_project_add_narrative (study->project, &narrative, &error));
  narrative = (ShirabeNarrativeSpec) { .case_id = study->case_b, .title = "Record",
                                       .language = "en", .text = TEXT_B };
  OK (shirabe_project_add_narrative (study->project, &narrative, &error));
  OK (shirabe_project_set_narrative_status (study->project, study->narrative_a,
                                            SHIRABE_STATUS_DONE, &error));
  /* "𠮷野さんの店で🙂旅券" : non-BMP characters inside the passage */
  OK (shirabe_project_add_coding (study->project, study->narrative_a, debt, aiko, 0, 10, NULL,
                                  &error));
  OK (shirabe_project_add_coding (study->project, study->narrative_a, passport, aiko, 14, 31,
                                  "メモ🙂", &error));
#undef OK
}

static void
study_teardown (Study         *study,
                gconstpointer  data)
{
  g_clear_object (&study->project);
  test_dir_teardown (&study->dir, data);
}

static void
export_ok (Study                      *study,
           const char                 *path,
           const ShirabeExportOptions *options)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (shirabe_project_export (study->project, path, options, NULL, NULL, NULL, NULL,
                                         &error));
  g_assert_no_error (error);
}

/* The text of the narrative at code points [start, end). */
static char *
substring (const char *text,
           glong       start,
           glong       end)
{
  return g_utf8_substring (text, start, end);
}

/* The cases table, in both formats and both languages: types, formats, labels, values. */
static void
test_cases_read_back (Study         *study,
                      gconstpointer  data)
{
  static const ShirabeExportFormat formats[] = { SHIRABE_EXPORT_SAV, SHIRABE_EXPORT_DTA };

  for (guint f = 0; f < G_N_ELEMENTS (formats); f++)
    for (guint l = 0; l < 2; l++)
      {
        gboolean spss = formats[f] == SHIRABE_EXPORT_SAV;
        gboolean ja = l == 1;
        ShirabeExportOptions options = { 0 };
        g_autofree char *name = g_strdup_printf ("cases-%s.%s", ja ? "ja" : "en",
                                                 spss ? "sav" : "dta");
        g_autofree char *path = test_dir_path (&study->dir, name);
        g_autofree char *dictionary = NULL;
        g_autoptr(ReadBack) file = NULL;
        g_autofree char *stem = NULL;

        options.format = formats[f];
        options.language = ja ? SHIRABE_LANGUAGE_JA : SHIRABE_LANGUAGE_EN;
        options.presence = TRUE;
        options.tables = SHIRABE_EXPORT_TABLE_CASES;
        export_ok (study, path, &options);
        file = read_back (path);

        /* The dataset label: the export's date and the project, in the export's language */
        g_assert_true (g_str_has_prefix (file->file_label, ja ? "Shirabe 書き出し " : "Shirabe export "));
        g_assert_true (g_str_has_suffix (file->file_label, "Study 𠮷"));

        g_assert_cmpint (file->n_rows, ==, 3);
        g_assert_cmpstr (variable (file, "case_id")->label, ==, ja ? "事例ID" : "Case ID");
        g_assert_true (variable (file, "case_id")->numeric);
        g_assert_false (variable (file, "case_name")->numeric);
        g_assert_cmpstr (value (file, 0, "case_name"), ==, "事例 A 🙂");
        g_assert_cmpstr (value (file, 2, "case_name"), ==, "Case C");
        /* An empty text is an empty string: neither package has missing text */
        g_assert_cmpstr (value (file, 2, "region"), ==, "");

        /* Numbers are numbers; an empty value is system missing, never 0 */
        g_assert_cmpstr (variable (file, "age")->label, ==, ja ? "年齢" : "Age");
        g_assert_true (variable (file, "age")->numeric);
        g_assert_cmpstr (value (file, 0, "age"), ==, "24");
        g_assert_cmpstr (value (file, 1, "age"), ==, "-3");
        g_assert_cmpstr (value (file, 2, "age"), ==, "NA");
        g_assert_cmpstr (value (file, 0, "wage"), ==, "850.5");
        g_assert_cmpstr (value (file, 1, "wage"), ==, "NA");
        g_assert_cmpstr (variable (file, "wage")->format, ==, spss ? "F8.1" : "%10.0g");

        /* Dates are dates: SPSS counts seconds from 14 October 1582, Stata days from 1960 */
        g_assert_cmpstr (variable (file, "arrival")->format, ==, spss ? "DATE11" : "%td");
        g_assert_cmpstr (value (file, 0, "arrival"), ==, spss ? "13773456000" : "21640");
        g_assert_cmpstr (value (file, 1, "arrival"), ==, "NA");

        /* Yes/no, presence and choices have value labels */
        g_assert_cmpstr (value (file, 0, "paid"), ==, "0");
        g_assert_cmpstr (value (file, 1, "paid"), ==, "1");
        g_assert_cmpstr (value (file, 2, "paid"), ==, "NA");
        g_assert_cmpstr (value_label (file, "paid", "1"), ==, ja ? "はい" : "yes");
        g_assert_cmpstr (value_label (file, "paid", "0"), ==, ja ? "いいえ" : "no");
        g_assert_cmpstr (value (file, 0, "source"), ==, "1");
        g_assert_cmpstr (value (file, 1, "source"), ==, "3");
        g_assert_cmpstr (value (file, 2, "source"), ==, "NA");
        g_assert_cmpstr (value_label (file, "source", "1"), ==, ja ? "支援団体" : "NGO");
        /* A choice without a label in either language is labelled with its stored value */
        g_assert_cmpstr (value_label (file, "source", "3"), ==, "court");
        g_assert_cmpstr (variable (file, "region")->label, ==, ja ? "地域" : "Region");
        g_assert_cmpstr (value (file, 0, "region"), ==, "関東𠮷");

        g_assert_cmpstr (variable (file, "debt_bondage")->label, ==,
                         ja ? "借金による束縛" : "Debt bondage");
        g_assert_cmpstr (variable (file, "passport_taken")->label, ==,
                         ja ? "旅券の取り上げ𠮷" : "Passport taken");
        g_assert_cmpstr (value (file, 0, "debt_bondage"), ==, "1");
        g_assert_cmpstr (value (file, 0, "passport_taken"), ==, "1");
        /* Case B is not coded completely: missing, not 0 */
        g_assert_cmpstr (value (file, 1, "debt_bondage"), ==, "NA");
        g_assert_cmpstr (value_label (file, "debt_bondage", "1"), ==, ja ? "該当" : "present");
        g_assert_cmpstr (value_label (file, "debt_bondage", "0"), ==, ja ? "該当なし" : "absent");
        g_assert_cmpstr (value (file, 0, "coding_complete"), ==, "1");
        g_assert_cmpstr (value (file, 1, "coding_complete"), ==, "0");

        /* The dictionary beside the file */
        stem = g_strndup (path, strlen (path) - 4);
        dictionary = g_strconcat (stem, "-dictionary.csv", NULL);
        g_assert_true (g_file_test (dictionary, G_FILE_TEST_IS_REGULAR));
      }
}

/* The overlaps table alone: a code × code table of overlapping segments, in both formats (it
 * is counted in the codings' pass, whose own table is then not written). */
static void
test_overlaps_alone (Study         *study,
                     gconstpointer  data)
{
  static const ShirabeExportFormat formats[] = { SHIRABE_EXPORT_SAV, SHIRABE_EXPORT_DTA };

  for (guint f = 0; f < G_N_ELEMENTS (formats); f++)
    {
      ShirabeExportOptions options = { .format = formats[f],
                                       .tables = SHIRABE_EXPORT_TABLE_OVERLAPS };
      g_autofree char *path = test_dir_path (&study->dir, f == 0 ? "overlaps.sav"
                                                                 : "overlaps.dta");
      g_autoptr(ReadBack) file = NULL;

      export_ok (study, path, &options);
      file = read_back (path);
      /* Debt bondage [0,10) and Passport taken [14,31) do not overlap; each segment overlaps
       * no other of its own code. */
      g_assert_cmpint (file->n_rows, ==, 2);
      g_assert_cmpstr (value (file, 0, "code"), ==, "debt_bondage");
      g_assert_cmpstr (value (file, 1, "code"), ==, "passport_taken");
      g_assert_cmpstr (variable (file, "passport_taken")->label, ==, "Passport taken");
      g_assert_cmpstr (value (file, 0, "debt_bondage"), ==, "0");
      g_assert_cmpstr (value (file, 0, "passport_taken"), ==, "0");
      g_assert_cmpstr (value (file, 1, "debt_bondage"), ==, "0");
    }
}

/* The codings table: excerpts equal the text at their positions, non-BMP included; times are
 * times. */
static void
test_codings_read_back (Study         *study,
                        gconstpointer  data)
{
  static const ShirabeExportFormat formats[] = { SHIRABE_EXPORT_SAV, SHIRABE_EXPORT_DTA };

  for (guint f = 0; f < G_N_ELEMENTS (formats); f++)
    {
      gboolean spss = formats[f] == SHIRABE_EXPORT_SAV;
      ShirabeExportOptions options = { .format = formats[f], .language = SHIRABE_LANGUAGE_JA };
      g_autofree char *dir = test_dir_path (&study->dir, spss ? "sav" : "dta");
      g_autofree char *codings = g_build_filename (dir, spss ? "codings.sav" : "codings.dta",
                                                   NULL);
      g_autofree char *narratives = g_build_filename (dir, spss ? "narratives.sav"
                                                                : "narratives.dta", NULL);
      g_autofree char *readme = g_build_filename (dir, "README.txt", NULL);
      g_autofree char *dictionary = g_build_filename (dir, "dictionary.csv", NULL);
      g_autoptr(ReadBack) file = NULL;
      g_autoptr(ReadBack) narrative_file = NULL;
      g_autofree char *first = substring (TEXT_A, 0, 10);
      g_autofree char *second = substring (TEXT_A, 14, 31);

      export_ok (study, dir, &options);
      g_assert_true (g_file_test (readme, G_FILE_TEST_IS_REGULAR));
      g_assert_true (g_file_test (dictionary, G_FILE_TEST_IS_REGULAR));
      file = read_back (codings);
      g_assert_cmpint (file->n_rows, ==, 2);
      g_assert_cmpstr (value (file, 0, "excerpt"), ==, first);
      g_assert_cmpstr (value (file, 1, "excerpt"), ==, second);
      g_assert_nonnull (strstr (second, "𠮷"));
      g_assert_cmpstr (value (file, 1, "memo"), ==, "メモ🙂");
      g_assert_cmpstr (value (file, 0, "memo"), ==, "");
      g_assert_cmpstr (value (file, 1, "code_var"), ==, "passport_taken");
      g_assert_cmpstr (value (file, 1, "start"), ==, "14");
      g_assert_cmpstr (variable (file, "created_utc")->format, ==, spss ? "DATETIME20" : "%tc");
      g_assert_true (variable (file, "created_utc")->numeric);

      /* The narrative's status is a code with its label */
      narrative_file = read_back (narratives);
      g_assert_cmpstr (value (narrative_file, 0, "status"), ==, "3");
      g_assert_cmpstr (value_label (narrative_file, "status", "3"), ==, "完了");
      g_assert_cmpstr (value_label (narrative_file, "status", "1"), ==, "未着手");
    }
}

/* A Stata string is at most 2,045 bytes: a longer text is a strL, read back whole. */
static void
test_long_text_is_strl (Study         *study,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) long_text = g_string_new (NULL);
  g_autofree char *path = test_dir_path (&study->dir, "cases.dta");
  g_autofree char *sav = test_dir_path (&study->dir, "cases.sav");
  ShirabeExportOptions options = { .format = SHIRABE_EXPORT_DTA,
                                   .tables = SHIRABE_EXPORT_TABLE_CASES };
  g_autoptr(ReadBack) file = NULL;
  g_autoptr(ReadBack) sav_file = NULL;

  for (guint i = 0; i < 1000; i++)
    g_string_append (long_text, "関東𠮷");
  shirabe_project_set_attribute_value (study->project, study->region, study->case_b,
                                       long_text->str, &error);
  g_assert_no_error (error);
  export_ok (study, path, &options);
  file = read_back (path);
  g_assert_cmpstr (value (file, 1, "region"), ==, long_text->str);
  g_assert_cmpstr (value (file, 0, "region"), ==, "関東𠮷");
  g_assert_cmpstr (value (file, 2, "region"), ==, "");

  options.format = SHIRABE_EXPORT_SAV;
  export_ok (study, sav, &options);
  sav_file = read_back (sav);
  /* In SPSS, "region" would share its short name REGION with the 24th segment of its own long
   * text (ReadStat names the segments REGIO1, REGIO2…): it is region_ there. */
  g_assert_cmpstr (value (sav_file, 1, "region_"), ==, long_text->str);
  g_assert_cmpstr (value (sav_file, 0, "region_"), ==, "関東𠮷");
}

/* SPSS holds at most 32,767 bytes in a string: a longer text is cut there with the note the
 * workbook's cells end with; Stata keeps the workbook's 32,767 characters. */
static void
test_text_past_spss_limit_is_cut (Study         *study,
                                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) long_text = g_string_new (NULL);
  g_autofree char *sav = test_dir_path (&study->dir, "cases.sav");
  ShirabeExportOptions options = { .format = SHIRABE_EXPORT_SAV,
                                   .tables = SHIRABE_EXPORT_TABLE_CASES };
  ShirabeExportResult result;
  g_autoptr(ReadBack) file = NULL;
  const char *cut;

  for (guint i = 0; i < 12000; i++)
    g_string_append (long_text, "関");
  shirabe_project_set_attribute_value (study->project, study->region, study->case_b,
                                       long_text->str, &error);
  g_assert_no_error (error);
  g_assert_true (shirabe_project_export (study->project, sav, &options, NULL, NULL, NULL,
                                         &result, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (result.n_truncated, ==, 1);
  file = read_back (sav);
  cut = value (file, 1, "region_");
  g_assert_cmpuint (strlen (cut), <=, 32767);
  g_assert_true (g_str_has_prefix (cut, "関関関"));
  g_assert_true (g_str_has_suffix (cut, "12000 characters in full]"));
}

static char **
list_dir (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  const char *name;

  if (dir != NULL)
    while ((name = g_dir_read_name (dir)) != NULL)
      g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_add (names, NULL);
  return (char **) g_ptr_array_free (g_steal_pointer (&names), FALSE);
}

/* A whole number past what a double holds exactly is refused, naming the variable; nothing
 * is left. */
static void
test_integer_past_limit_is_refused (Study         *study,
                                    gconstpointer  data)
{
  static const ShirabeExportFormat formats[] = { SHIRABE_EXPORT_SAV, SHIRABE_EXPORT_DTA };
  g_autoptr(GError) error = NULL;
  g_autofree char *out = test_dir_path (&study->dir, "out");

  shirabe_project_set_attribute_value (study->project, study->age, study->case_c,
                                       "1152921504606846976", &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_mkdir (out, 0700), ==, 0);
  for (guint f = 0; f < G_N_ELEMENTS (formats); f++)
    {
      ShirabeExportOptions options = { .format = formats[f] };
      g_auto(GStrv) left = NULL;

      g_assert_false (shirabe_project_export (study->project, out, &options, NULL, NULL, NULL,
                                              NULL, &error));
      g_assert_error (error, SHIRABE_ERROR, SHIRABE_ERROR_INVALID);
      g_assert_nonnull (strstr (error->message, "“age”"));
      g_assert_nonnull (strstr (error->message, "1152921504606846976"));
      g_assert_nonnull (strstr (error->message, "cases."));
      g_clear_error (&error);
      left = list_dir (out);
      g_assert_cmpuint (g_strv_length (left), ==, 0);
    }
}

/* A target that cannot be written: a clear message naming it, and nothing left. */
static void
test_unwritable_target_leaves_nothing (Study         *study,
                                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *file = test_dir_path (&study->dir, "a-file");
  g_autofree char *out = g_build_filename (file, "cases.sav", NULL);
  g_autofree char *folder = g_build_filename (file, "tables", NULL);
  ShirabeExportOptions options = { .format = SHIRABE_EXPORT_SAV,
                                   .tables = SHIRABE_EXPORT_TABLE_CASES };
  g_auto(GStrv) left = NULL;

  g_assert_true (g_file_set_contents (file, "text", -1, NULL));
  g_assert_false (shirabe_project_export (study->project, out, &options, NULL, NULL, NULL, NULL,
                                          &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "cases.sav"));
  g_clear_error (&error);

  options.format = SHIRABE_EXPORT_DTA;
  options.tables = SHIRABE_EXPORT_TABLE_DEFAULT;
  g_assert_false (shirabe_project_export (study->project, folder, &options, NULL, NULL, NULL,
                                          NULL, &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "tables"));
  g_clear_error (&error);

  /* Several tables do not go into one file. */
  g_free (out);
  out = test_dir_path (&study->dir, "all.dta");
  g_assert_false (shirabe_project_export (study->project, out, &options, NULL, NULL, NULL, NULL,
                                          &error));
  g_assert_error (error, SHIRABE_ERROR, SHIRABE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "all.dta"));
  g_clear_error (&error);

  /* A file of another kind is not replaced unasked. */
  g_assert_true (g_file_set_contents (out, "not Stata", -1, NULL));
  options.tables = SHIRABE_EXPORT_TABLE_CASES;
  g_assert_false (shirabe_project_export (study->project, out, &options, NULL, NULL, NULL, NULL,
                                          &error));
  g_assert_error (error, SHIRABE_ERROR, SHIRABE_ERROR_OTHER_KIND);
  g_clear_error (&error);
  options.force = TRUE;
  export_ok (study, out, &options);

  left = list_dir (study->dir.dir);
  for (guint i = 0; left[i] != NULL; i++)
    g_assert_false (left[i][0] == '.');
}

/* A full disk (a file size limit stands for it): the error says so, and nothing is left. */
static void
test_full_disk_leaves_nothing (Study         *study,
                               gconstpointer  data)
{
  static const ShirabeExportFormat formats[] = { SHIRABE_EXPORT_SAV, SHIRABE_EXPORT_DTA };
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) long_text = g_string_new (NULL);
  g_autofree char *out = test_dir_path (&study->dir, "out");
  struct rlimit saved, limited;
  void (*saved_handler) (int);

  for (guint i = 0; i < 20000; i++)
    g_string_append_c (long_text, 'a' + i % 26);
  shirabe_project_set_attribute_value (study->project, study->region, study->case_b,
                                       long_text->str, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_mkdir (out, 0700), ==, 0);

  g_assert_cmpint (getrlimit (RLIMIT_FSIZE, &saved), ==, 0);
  limited = saved;
  limited.rlim_cur = 8192;
  saved_handler = signal (SIGXFSZ, SIG_IGN);
  for (guint f = 0; f < G_N_ELEMENTS (formats); f++)
    {
      ShirabeExportOptions options = { .format = formats[f],
                                       .tables = SHIRABE_EXPORT_TABLE_CASES };
      g_auto(GStrv) left = NULL;
      gboolean ok;

      g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &limited), ==, 0);
      ok = shirabe_project_export (study->project, out, &options, NULL, NULL, NULL, NULL,
                                   &error);
      g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &saved), ==, 0);
      g_assert_false (ok);
      g_assert_error (error, SHIRABE_ERROR, SHIRABE_ERROR_FULL);
      g_assert_nonnull (strstr (error->message, "cases."));
      g_clear_error (&error);
      left = list_dir (out);
      g_assert_cmpuint (g_strv_length (left), ==, 0);
    }
  signal (SIGXFSZ, saved_handler);
}

/* Names */

/* Colliding, reserved, over-long, non-ASCII and digit-first names become legal and unique in
 * both packages, the same for both, deterministically. */
static void
test_names_are_legal (void)
{
  const char *wanted[] = {
    "age", "AGE", "if", "IF", "with", "_n", "str10", "strL", "1st_contact", "借金による拘束",
    "passport taken!", "a_very_long_variable_name_that_goes_past_thirty_two_characters",
    "a_very_long_variable_name_that_goes_past_thirty_two_characters_too", "", "___",
    "case_id", "case_id", "🙂", "byte", "TO",
  };
  g_auto(GStrv) names = shirabe_export_stats_names (wanted, G_N_ELEMENTS (wanted));
  g_auto(GStrv) again = shirabe_export_stats_names (wanted, G_N_ELEMENTS (wanted));
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  g_assert_cmpuint (g_strv_length (names), ==, G_N_ELEMENTS (wanted));
  for (guint i = 0; names[i] != NULL; i++)
    {
      g_assert_true (shirabe_export_stats_name_is_legal (names[i]));
      g_assert_true (g_hash_table_add (seen, g_ascii_strdown (names[i], -1)));
      g_assert_cmpstr (names[i], ==, again[i]);
    }
  g_assert_cmpstr (names[0], ==, "age");
  g_assert_cmpstr (names[1], ==, "AGE_2");
  g_assert_cmpstr (names[2], ==, "if_");
  g_assert_cmpstr (names[3], ==, "IF__2");
  g_assert_cmpstr (names[4], ==, "with_");
  g_assert_cmpstr (names[5], ==, "v_n");
  g_assert_cmpstr (names[6], ==, "str10_");
  g_assert_cmpstr (names[7], ==, "strL_");
  g_assert_cmpstr (names[8], ==, "v1st_contact");
  g_assert_cmpstr (names[9], ==, "shakkin_niyoru_kousoku");
  g_assert_cmpstr (names[10], ==, "passport_taken_");
  g_assert_cmpuint (strlen (names[11]), ==, 32);
  g_assert_cmpuint (strlen (names[12]), ==, 32);
  g_assert_cmpstr (names[16], ==, "case_id_2");

  /* ReadStat names the segments of SPSS's long text after the first five characters of the
   * short name: REGION's 23rd segment is REGION itself, and MEMO's first is MEMO1. */
  {
    const char *clash[] = { "id", "region" };
    const char *safe[] = { "id", "region_" };
    const char *other[] = { "memo", "memo1" };
    const gsize long_text[] = { 0, 10000 };
    const gsize short_text[] = { 0, 200 };
    const gsize first_long[] = { 300, 0 };

    g_assert_cmpint (shirabe_export_spss_segment_clash (clash, long_text, 2), ==, 1);
    g_assert_cmpint (shirabe_export_spss_segment_clash (clash, short_text, 2), ==, -1);
    g_assert_cmpint (shirabe_export_spss_segment_clash (safe, long_text, 2), ==, -1);
    g_assert_cmpint (shirabe_export_spss_segment_clash (other, first_long, 2), ==, 1);
  }

  g_assert_false (shirabe_export_stats_name_is_legal ("in"));
  g_assert_false (shirabe_export_stats_name_is_legal ("2x"));
  g_assert_false (shirabe_export_stats_name_is_legal ("_x"));
  g_assert_false (shirabe_export_stats_name_is_legal ("年齢"));
  g_assert_false (shirabe_export_stats_name_is_legal ("str2045"));
  g_assert_true (shirabe_export_stats_name_is_legal ("string"));
}

/* A codebook of hostile labels, exported: every variable name in both files is legal and
 * unique, the same in both, and each variable keeps its code's full label (cut at Stata's 80
 * characters, whole in the dictionary). */
static void
test_exported_names_are_legal (Study         *study,
                               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  const char *labels[] = {
    "If", "if", "With", "To", "1st contact", "借金による拘束", "借金による拘束",
    "A label long enough to pass Stata's eighty characters for a variable label, which it "
    "cuts: the dictionary keeps it whole",
    "Case ID", "🙂", "strL", "_n",
  };
  g_autofree char *sav = test_dir_path (&study->dir, "names.sav");
  g_autofree char *dta = test_dir_path (&study->dir, "names.dta");
  g_autofree char *dictionary = test_dir_path (&study->dir, "names-dictionary.csv");
  g_autofree char *dictionary_text = NULL;
  g_autoptr(ReadBack) sav_file = NULL;
  g_autoptr(ReadBack) dta_file = NULL;
  ShirabeExportOptions options = { .format = SHIRABE_EXPORT_SAV, .presence = TRUE,
                                   .tables = SHIRABE_EXPORT_TABLE_CASES };
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    {
      ShirabeCodeSpec code = { .label_en = labels[i] };

      shirabe_project_add_code (study->project, &code, &error);
      /* Two codes may not share a label at one level: the second goes under the first. */
      if (error != NULL)
        {
          g_clear_error (&error);
          code.parent_id = shirabe_project_add_code (study->project,
                                                     &(ShirabeCodeSpec) { .label_en = "Parent" },
                                                     &error);
          g_assert_no_error (error);
          shirabe_project_add_code (study->project, &code, &error);
        }
      g_assert_no_error (error);
    }
  export_ok (study, sav, &options);
  options.format = SHIRABE_EXPORT_DTA;
  export_ok (study, dta, &options);
  sav_file = read_back (sav);
  dta_file = read_back (dta);
  g_assert_cmpuint (sav_file->variables->len, ==, dta_file->variables->len);
  for (guint i = 0; i < sav_file->variables->len; i++)
    {
      const Variable *s = &g_array_index (sav_file->variables, Variable, i);
      const Variable *d = &g_array_index (dta_file->variables, Variable, i);

      g_assert_true (shirabe_export_stats_name_is_legal (s->name));
      g_assert_cmpstr (s->name, ==, d->name);
      g_assert_true (g_hash_table_add (seen, g_ascii_strdown (s->name, -1)));
      g_assert_cmpuint (g_utf8_strlen (d->label, -1), <=, 80);
      if (g_str_has_prefix (s->label, "A label long enough"))
        {
          g_assert_true (g_str_has_suffix (d->label, "…"));
          g_assert_true (g_str_has_suffix (s->label, "keeps it whole"));
        }
    }
  /* The Japanese label, twice, gets its romaji name and a second one */
  g_assert_nonnull (variable (sav_file, "shakkin_niyoru_kousoku"));
  g_assert_cmpstr (variable (dta_file, "shakkin_niyoru_kousoku")->label, ==, "借金による拘束");
  g_assert_true (g_file_get_contents (dictionary, &dictionary_text, NULL, NULL));
  g_assert_nonnull (strstr (dictionary_text, "A label long enough to pass Stata's eighty "
                                             "characters for a variable label, which it cuts: "
                                             "the dictionary keeps it whole"));
}

/* The sample project, every table, both formats: every file reads back with as many rows as
 * the CSV export has lines. */
static void
test_sample_reads_back (void)
{
  g_autoptr(GError) error = NULL;
  TestDir dir;
  g_autofree char *path = NULL;
  g_autoptr(ShirabeProject) project = NULL;
  static const char *const tables[] = { "cases", "codings", "codebook", "narratives",
                                        "cooccurrence", "memos" };

  test_dir_setup (&dir, NULL);
  path = test_dir_path (&dir, "sample.shirabe");
  project = shirabe_project_create (path, "Sample", SHIRABE_PROJECT_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_true (shirabe_project_build_sample (project, NULL, &error));
  g_assert_no_error (error);
  for (guint f = 0; f < 2; f++)
    {
      ShirabeExportOptions options = { .format = f == 0 ? SHIRABE_EXPORT_SAV
                                                        : SHIRABE_EXPORT_DTA,
                                       .language = SHIRABE_LANGUAGE_JA, .presence = TRUE };
      ShirabeExportOptions csv = { .format = SHIRABE_EXPORT_CSV, .header = SHIRABE_EXPORT_HEADER_NAMES,
                                   .language = SHIRABE_LANGUAGE_JA, .presence = TRUE };
      g_autofree char *out = test_dir_path (&dir, f == 0 ? "sav" : "dta");
      g_autofree char *csv_out = test_dir_path (&dir, "csv");

      g_assert_true (shirabe_project_export (project, out, &options, NULL, NULL, NULL, NULL,
                                             &error));
      g_assert_no_error (error);
      if (f == 0)
        {
          g_assert_true (shirabe_project_export (project, csv_out, &csv, NULL, NULL, NULL,
                                                 NULL, &error));
          g_assert_no_error (error);
        }
      for (guint t = 0; t < G_N_ELEMENTS (tables); t++)
        {
          g_autofree char *name = g_strconcat (tables[t], f == 0 ? ".sav" : ".dta", NULL);
          g_autofree char *file_path = g_build_filename (out, name, NULL);
          g_autofree char *csv_name = g_strconcat (tables[t], ".csv", NULL);
          g_autofree char *csv_path = g_build_filename (csv_out, csv_name, NULL);
          g_autoptr(ReadBack) file = read_back (file_path);
          g_autofree char *csv_text = NULL;
          char *first_line_end;

          g_assert_true (g_file_get_contents (csv_path, &csv_text, NULL, NULL));
          /* The header names are the files' variable names */
          first_line_end = strstr (csv_text, "\r\n");
          *first_line_end = '\0';
          {
            g_auto(GStrv) headers = g_strsplit (csv_text + 3, ",", -1);

            g_assert_cmpuint (g_strv_length (headers), ==, file->variables->len);
            for (guint i = 0; headers[i] != NULL; i++)
              g_assert_cmpstr (headers[i], ==,
                               g_array_index (file->variables, Variable, i).name);
          }
          g_assert_cmpint (file->n_rows, >, 0);
        }
    }
  g_clear_object (&project);
  test_dir_teardown (&dir, NULL);
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *sample = NULL;

  g_test_init (&argc, &argv, NULL);
  /* The sample from the source tree, not an installed copy. */
  sample = g_test_build_filename (G_TEST_DIST, "..", "..", "data", "sample", NULL);
  g_setenv ("SHIRABE_SAMPLE_DIR", sample, TRUE);

#define STUDY_TEST(name, func) \
  g_test_add ("/core/export-sav/" name, Study, NULL, study_setup, func, study_teardown)
  STUDY_TEST ("cases-read-back-with-labels-in-both-formats-and-languages", test_cases_read_back);
  STUDY_TEST ("codings-excerpts-equal-the-text-and-statuses-are-labelled",
              test_codings_read_back);
  STUDY_TEST ("overlaps-table-alone-in-both-formats", test_overlaps_alone);
  STUDY_TEST ("stata-text-past-2045-bytes-is-a-strl", test_long_text_is_strl);
  STUDY_TEST ("spss-text-past-32767-bytes-is-cut-with-a-note", test_text_past_spss_limit_is_cut);
  STUDY_TEST ("whole-number-past-2-to-the-53-is-refused", test_integer_past_limit_is_refused);
  STUDY_TEST ("unwritable-target-gives-a-message-and-leaves-nothing",
              test_unwritable_target_leaves_nothing);
  STUDY_TEST ("full-disk-gives-a-message-and-leaves-nothing", test_full_disk_leaves_nothing);
  STUDY_TEST ("hostile-code-labels-give-legal-unique-names", test_exported_names_are_legal);
  g_test_add_func ("/core/export-sav/names-are-legal-unique-and-deterministic",
                   test_names_are_legal);
  g_test_add_func ("/core/export-sav/sample-project-reads-back-in-both-formats",
                   test_sample_reads_back);
  return g_test_run ();
}
