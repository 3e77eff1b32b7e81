/* test-export-counts.c: what a count counts, against a brute force
 *
 * A random project (seeded) with several coders, codings that overlap, repeat one another or
 * only touch, translations and narratives not yet done is exported as CSV in every unit, and
 * each count Python's csv module reads back is compared with a count computed here the slow
 * and obvious way: passages as connected groups of overlapping codings, families by walking
 * translation_of.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include <json-glib/json-glib.h>

#include "shirabe-apply-code.h"
#include "shirabe-export.h"
#include "shirabe-project-private.h"
#include "shirabe-sample.h"
#include "test-util.h"

#define SEED        20261205
#define N_CASES     24
#define TEXT_LENGTH 60

static const char *const code_labels[] = { "Debt bondage", "Passport taken", "Recruitment" };
static const char *const coder_names[] = { "Aiko", "Ben", "Chiara" };

typedef struct
{
  TestDir         dir;
  ShirabeProject *project;
  gint64          coercion;   /* a category over the first two codes */
  gint64          codes[G_N_ELEMENTS (code_labels)];
} Fixture;

static void
add_random_codings (Fixture *fixture,
                    GRand   *rand,
                    gint64   narrative_id)
{
  g_autoptr(GError) error = NULL;
  guint n = g_rand_int_range (rand, 0, 9);
  gint64 last_start = 0, last_end = 0, last_code = 0;

  for (guint i = 0; i < n; i++)
    {
      const char *coder = coder_names[g_rand_int_range (rand, 0, G_N_ELEMENTS (coder_names))];
      gint64 code = fixture->codes[g_rand_int_range (rand, 0, G_N_ELEMENTS (code_labels))];
      gint64 start, end;
      int shape = g_rand_int_range (rand, 0, 4);

      if (i > 0 && shape == 0)
        {
          /* Another coder's view of the same passage. */
          start = last_start;
          end = last_end;
          code = last_code;
        }
      else if (i > 0 && shape == 1 && last_end < TEXT_LENGTH - 1)
        {
          /* Right after the last one: touching, not overlapping. */
          gint64 length = g_rand_int_range (rand, 1, 10);

          start = last_end;
          end = MIN (TEXT_LENGTH, start + length);
          code = last_code;
        }
      else
        {
          gint64 length = g_rand_int_range (rand, 1, 20);

          start = g_rand_int_range (rand, 0, TEXT_LENGTH - 1);
          end = MIN (TEXT_LENGTH, start + length);
        }
      /* An exact repeat by the same coder is refused by the project: fine, skip it. */
      shirabe_project_apply_code (fixture->project, narrative_id, code, coder, start, end, NULL,
                                  &error);
      if (error != NULL)
        {
          g_assert_error (error, SHIRABE_ERROR, SHIRABE_ERROR_EXISTS);
          g_clear_error (&error);
        }
      last_start = start;
      last_end = end;
      last_code = code;
    }
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (SEED);
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;

  test_dir_setup (&fixture->dir, data);
  path = test_dir_path (&fixture->dir, "study.shirabe");
  fixture->project = shirabe_project_create (path, "Study", SHIRABE_PROJECT_NO_HISTORY, &error);
  g_assert_no_error (error);
  {
    ShirabeCodeSpec spec = { .label_en = "Coercion", .not_codable = TRUE };

    fixture->coercion = shirabe_project_add_code (fixture->project, &spec, &error);
    g_assert_no_error (error);
  }
  for (guint i = 0; i < G_N_ELEMENTS (code_labels); i++)
    {
      ShirabeCodeSpec spec = { .label_en = code_labels[i],
                               .parent_id = i < 2 ? fixture->coercion : 0 };

      fixture->codes[i] = shirabe_project_add_code (fixture->project, &spec, &error);
      g_assert_no_error (error);
    }
  text = g_strnfill (TEXT_LENGTH, 'x');

  for (guint c = 0; c < N_CASES; c++)
    {
      g_autofree char *name = g_strdup_printf ("Case %02u", c);
      gint64 case_id = shirabe_project_add_case (fixture->project, name, &error);
      guint n_narratives = g_rand_int_range (rand, 0, 4);
      gint64 first = 0;

      g_assert_no_error (error);
      for (guint n = 0; n < n_narratives; n++)
        {
          g_autofree char *title = g_strdup_printf ("%s, narrative %u", name, n);
          ShirabeNarrativeSpec spec = { .case_id = case_id, .title = title, .text = text,
                                        .language = "en" };
          gint64 id;

          /* Often a translation of the case's first narrative, sometimes of a translation. */
          if (n > 0 && g_rand_int_range (rand, 0, 3) > 0)
            spec.translation_of = first;
          id = shirabe_project_add_narrative (fixture->project, &spec, &error);
          g_assert_no_error (error);
          if (n == 0)
            first = id;
          else if (g_rand_int_range (rand, 0, 4) == 0)
            first = id;
          /* Most narratives are done; some cases stay incomplete. */
          shirabe_project_set_narrative_status (fixture->project, id,
                                                g_rand_int_range (rand, 0, 5) > 0
                                                ? SHIRABE_STATUS_DONE
                                                : SHIRABE_STATUS_IN_PROGRESS,
                                                &error);
          g_assert_no_error (error);
          add_random_codings (fixture, rand, id);
        }
    }
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  g_clear_object (&fixture->project);
  test_dir_teardown (&fixture->dir, data);
}

/* The brute force */

static gboolean
overlap (const ShirabeCoding *a,
         const ShirabeCoding *b)
{
  return a->start < b->end && b->start < a->end;
}

/* Codings of @code_id (or, with @code_id2, of either) in @codings (by @coder_id, or any when
 * 0), in the unit. */
static guint64
narrative_count (GPtrArray          *codings,
                 gint64              code_id,
                 gint64              code_id2,
                 gint64              coder_id,
                 ShirabeExportCount  unit)
{
  g_autoptr(GPtrArray) chosen = g_ptr_array_new ();
  g_autofree guint *group = NULL;
  guint64 n_groups = 0;

  for (guint i = 0; i < codings->len; i++)
    {
      ShirabeCoding *coding = g_ptr_array_index (codings, i);

      if ((coding->code_id == code_id || (code_id2 != 0 && coding->code_id == code_id2)) &&
          (coder_id == 0 || coding->coder_id == coder_id))
        g_ptr_array_add (chosen, coding);
    }
  if (unit == SHIRABE_EXPORT_COUNT_CODINGS)
    return chosen->len;
  if (unit == SHIRABE_EXPORT_COUNT_NARRATIVES)
    return chosen->len > 0;

  /* Passages: connected components of the "overlaps" graph, by repeated relabelling. */
  group = g_new (guint, chosen->len + 1);
  for (guint i = 0; i < chosen->len; i++)
    group[i] = i;
  for (gboolean changed = TRUE; changed; )
    {
      changed = FALSE;
      for (guint i = 0; i < chosen->len; i++)
        for (guint j = 0; j < chosen->len; j++)
          if (group[j] < group[i] && overlap (chosen->pdata[i], chosen->pdata[j]))
            {
              group[i] = group[j];
              changed = TRUE;
            }
    }
  for (guint i = 0; i < chosen->len; i++)
    n_groups += group[i] == i;
  return n_groups;
}

static gint64
root_of (GPtrArray *narratives,
         gint64     id)
{
  for (gboolean found = TRUE; found; )
    {
      found = FALSE;
      for (guint i = 0; i < narratives->len; i++)
        {
          ShirabeNarrative *narrative = g_ptr_array_index (narratives, i);

          if (narrative->id == id && narrative->translation_of != 0)
            {
              id = narrative->translation_of;
              found = TRUE;
              break;
            }
        }
    }
  return id;
}

static guint64
case_count2 (Fixture            *fixture,
             GPtrArray          *narratives,
             gint64              case_id,
             gint64              code_id,
             gint64              code_id2,
             gint64              coder_id,
             ShirabeExportCount  unit,
             gboolean            include_translations)
{
  g_autoptr(GHashTable) families = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                                          g_free);
  GHashTableIter iter;
  gpointer value;
  guint64 total = 0;

  for (guint i = 0; i < narratives->len; i++)
    {
      ShirabeNarrative *narrative = g_ptr_array_index (narratives, i);
      g_autoptr(GPtrArray) codings = NULL;
      g_autoptr(GError) error = NULL;
      gint64 family;
      guint64 count, *best;

      if (narrative->case_id != case_id)
        continue;
      codings = shirabe_project_list_codings (fixture->project, narrative->id, &error);
      g_assert_no_error (error);
      count = narrative_count (codings, code_id, code_id2, coder_id, unit);
      if (include_translations)
        {
          total += count;
          continue;
        }
      family = root_of (narratives, narrative->id);
      best = g_hash_table_lookup (families, &family);
      if (best == NULL)
        g_hash_table_insert (families, g_memdup2 (&family, sizeof family),
                             g_memdup2 (&count, sizeof count));
      else
        *best = MAX (*best, count);
    }
  g_hash_table_iter_init (&iter, families);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    total += *(guint64 *) value;
  return total;
}

static guint64
case_count (Fixture            *fixture,
            GPtrArray          *narratives,
            gint64              case_id,
            gint64              code_id,
            gint64              coder_id,
            ShirabeExportCount  unit,
            gboolean            include_translations)
{
  return case_count2 (fixture, narratives, case_id, code_id, 0, coder_id, unit,
                      include_translations);
}

static gboolean
case_complete (GPtrArray *narratives,
               gint64     case_id)
{
  guint n = 0, done = 0;

  for (guint i = 0; i < narratives->len; i++)
    {
      ShirabeNarrative *narrative = g_ptr_array_index (narratives, i);

      if (narrative->case_id == case_id)
        {
          n++;
          done += narrative->status == SHIRABE_STATUS_DONE;
        }
    }
  return n > 0 && n == done;
}

/* Reading back */

static JsonNode *
export_csv (Fixture                    *fixture,
            const char                 *name,
            const ShirabeExportOptions *options)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = test_dir_path (&fixture->dir, name);
  g_autofree char *script = g_test_build_filename (G_TEST_DIST, "read-back.py", NULL);
  const char *python = g_getenv ("SHIRABE_PYTHON");
  const char *argv[] = { python ? python : "/usr/bin/python3", script, "csv", path, NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  ShirabeExportOptions csv = *options;
  int status = 0;
  JsonNode *root;

  csv.format = SHIRABE_EXPORT_CSV;
  g_assert_true (shirabe_project_export (fixture->project, path, &csv, NULL, NULL, NULL, NULL,
                                         &error));
  g_assert_no_error (error);
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status,
                &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("read-back.py failed: %s", err);
  root = json_from_string (out, &error);
  g_assert_no_error (error);
  return root;
}

static JsonArray *
csv_rows (JsonNode   *folder,
          const char *name)
{
  JsonArray *files = json_object_get_array_member (json_node_get_object (folder), "files");

  for (guint i = 0; i < json_array_get_length (files); i++)
    {
      JsonObject *object = json_array_get_object_element (files, i);

      if (g_strcmp0 (json_object_get_string_member (object, "name"), name) == 0)
        return json_object_get_array_member (object, "rows");
    }
  g_error ("no file “%s” in the CSV folder", name);
}

static int
column_of (JsonArray  *rows,
           const char *header)
{
  JsonArray *headers = json_array_get_array_element (rows, 0);

  for (guint i = 0; i < json_array_get_length (headers); i++)
    if (g_strcmp0 (json_array_get_string_element (headers, i), header) == 0)
      return i;
  g_error ("no column “%s”", header);
}

static void
test_counts_match_the_brute_force (Fixture       *fixture,
                                   gconstpointer  data)
{
  static const ShirabeExportCount units[] = { SHIRABE_EXPORT_COUNT_PASSAGES,
                                              SHIRABE_EXPORT_COUNT_CODINGS,
                                              SHIRABE_EXPORT_COUNT_NARRATIVES };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) narratives = shirabe_project_list_narratives (fixture->project, 0, &error);
  guint n_checked = 0, n_differ = 0;

  g_assert_no_error (error);
  for (guint u = 0; u < G_N_ELEMENTS (units); u++)
    for (guint t = 0; t < 2; t++)
      {
        ShirabeExportOptions options = { .count = units[u], .include_translations = t,
                                         .incomplete = SHIRABE_EXPORT_INCOMPLETE_ZERO };
        g_autofree char *name = g_strdup_printf ("unit-%u-%u", u, t);
        g_autoptr(JsonNode) folder = export_csv (fixture, name, &options);
        JsonArray *rows = csv_rows (folder, "cases.csv");

        g_assert_cmpuint (json_array_get_length (rows), ==, N_CASES + 1);
        for (guint r = 1; r < json_array_get_length (rows); r++)
          {
            JsonArray *row = json_array_get_array_element (rows, r);
            gint64 case_id = g_ascii_strtoll (json_array_get_string_element (row, 0), NULL, 10);

            g_assert_cmpstr (json_array_get_string_element (row, column_of (rows, "Coding complete")),
                             ==, case_complete (narratives, case_id) ? "1" : "0");
            for (guint c = 0; c < G_N_ELEMENTS (code_labels); c++)
              {
                guint64 expected = case_count (fixture, narratives, case_id, fixture->codes[c],
                                               0, units[u], t);
                guint64 found = g_ascii_strtoull (json_array_get_string_element (
                                                    row, column_of (rows, code_labels[c])),
                                                  NULL, 10);

                if (found != expected)
                  g_error ("unit %u, translations %u, case %" G_GINT64_FORMAT ", %s: %"
                           G_GUINT64_FORMAT " exported, %" G_GUINT64_FORMAT " by brute force",
                           u, t, case_id, code_labels[c], found, expected);
                n_checked++;
              }
          }
      }
  /* The units must disagree somewhere, or this test could not tell them apart. */
  {
    g_autoptr(GPtrArray) cases = shirabe_project_list_cases (fixture->project, &error);

    for (guint i = 0; i < cases->len; i++)
      for (guint c = 0; c < G_N_ELEMENTS (code_labels); c++)
        {
          gint64 case_id = ((ShirabeCase *) g_ptr_array_index (cases, i))->id;
          guint64 codings = case_count (fixture, narratives, case_id, fixture->codes[c], 0,
                                        SHIRABE_EXPORT_COUNT_CODINGS, TRUE);
          guint64 passages = case_count (fixture, narratives, case_id, fixture->codes[c], 0,
                                         SHIRABE_EXPORT_COUNT_PASSAGES, FALSE);

          n_differ += codings != passages;
        }
  }
  g_test_message ("%u counts checked; codings and passages differ in %u case × code cells",
                  n_checked, n_differ);
  g_assert_cmpuint (n_differ, >=, 5);
}

/* The exporter finds codes by id in an array while ids are dense; a code whose id is far past
 * the others (ids left by many deletions) is found through its hash table, and counts the
 * same. */
static void
test_sparse_code_ids_count_the_same (Fixture       *fixture,
                                     gconstpointer  data)
{
  g_autofree char *sql = NULL;
  gint64 far = 50000000;

  sql = g_strdup_printf ("PRAGMA defer_foreign_keys = ON;"
                         "BEGIN;"
                         "UPDATE code SET id = %" G_GINT64_FORMAT " WHERE id = %" G_GINT64_FORMAT ";"
                         "UPDATE coding SET code_id = %" G_GINT64_FORMAT
                         " WHERE code_id = %" G_GINT64_FORMAT ";"
                         "COMMIT;",
                         far, fixture->codes[1], far, fixture->codes[1]);
  g_assert_cmpint (sqlite3_exec (shirabe_project_get_db (fixture->project), sql, NULL, NULL,
                                 NULL), ==, SQLITE_OK);
  fixture->codes[1] = far;
  test_counts_match_the_brute_force (fixture, data);
}

static void
test_coder_counts_match_the_brute_force (Fixture       *fixture,
                                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) narratives = shirabe_project_list_narratives (fixture->project, 0, &error);
  g_autoptr(GPtrArray) coders = shirabe_project_list_coders (fixture->project, &error);
  ShirabeExportOptions options = { .tables = SHIRABE_EXPORT_TABLE_CODER_COUNTS,
                                   .incomplete = SHIRABE_EXPORT_INCOMPLETE_ZERO };
  g_autoptr(JsonNode) folder = export_csv (fixture, "coders", &options);
  JsonArray *rows = csv_rows (folder, "coder_counts.csv");
  int c_case = column_of (rows, "Case ID"), c_code = column_of (rows, "Code");
  int c_coder = column_of (rows, "Coder"), c_count = column_of (rows, "Count");

  g_assert_no_error (error);
  /* Only the table asked for (and no cases table), with README.txt. */
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (
                      json_node_get_object (folder), "files")), ==, 2);
  g_assert_cmpuint (json_array_get_length (rows), >, 10);
  for (guint r = 1; r < json_array_get_length (rows); r++)
    {
      JsonArray *row = json_array_get_array_element (rows, r);
      gint64 case_id = g_ascii_strtoll (json_array_get_string_element (row, c_case), NULL, 10);
      const char *code = json_array_get_string_element (row, c_code);
      const char *coder = json_array_get_string_element (row, c_coder);
      gint64 code_id = 0, coder_id = 0;

      for (guint c = 0; c < G_N_ELEMENTS (code_labels); c++)
        if (g_str_equal (code, code_labels[c]))
          code_id = fixture->codes[c];
      for (guint c = 0; c < coders->len; c++)
        if (g_str_equal (coder, ((ShirabeCoder *) g_ptr_array_index (coders, c))->name))
          coder_id = ((ShirabeCoder *) g_ptr_array_index (coders, c))->id;
      g_assert_cmpint (code_id, >, 0);
      g_assert_cmpint (coder_id, >, 0);
      g_assert_cmpuint (g_ascii_strtoull (json_array_get_string_element (row, c_count), NULL, 10),
                        ==,
                        case_count (fixture, narratives, case_id, code_id, coder_id,
                                    SHIRABE_EXPORT_COUNT_PASSAGES, FALSE));
    }
}

static void
test_incomplete_cases_are_missing_or_left_out (Fixture       *fixture,
                                               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) narratives = shirabe_project_list_narratives (fixture->project, 0, &error);
  ShirabeExportOptions missing = { 0 };
  ShirabeExportOptions exclude = { .incomplete = SHIRABE_EXPORT_INCOMPLETE_EXCLUDE };
  g_autoptr(JsonNode) with_missing = export_csv (fixture, "missing", &missing);
  g_autoptr(JsonNode) without = export_csv (fixture, "exclude", &exclude);
  JsonArray *rows = csv_rows (with_missing, "cases.csv");
  guint n_incomplete = 0;

  g_assert_no_error (error);
  for (guint r = 1; r < json_array_get_length (rows); r++)
    {
      JsonArray *row = json_array_get_array_element (rows, r);
      gint64 case_id = g_ascii_strtoll (json_array_get_string_element (row, 0), NULL, 10);
      gboolean complete = case_complete (narratives, case_id);

      for (guint c = 0; c < G_N_ELEMENTS (code_labels); c++)
        {
          const char *value = json_array_get_string_element (row,
                                                             column_of (rows, code_labels[c]));

          /* Not yet coded never reads as absent: an empty cell, which R reads as NA. */
          if (complete)
            g_assert_cmpstr (value, !=, "");
          else
            g_assert_cmpstr (value, ==, "");
        }
      n_incomplete += !complete;
    }
  g_assert_cmpuint (n_incomplete, >=, 3);
  g_assert_cmpuint (json_array_get_length (csv_rows (without, "cases.csv")), ==,
                    json_array_get_length (rows) - n_incomplete);
}

static void
test_rollups_count_the_whole_subtree (Fixture       *fixture,
                                      gconstpointer  data)
{
  static const ShirabeExportCount units[] = { SHIRABE_EXPORT_COUNT_PASSAGES,
                                              SHIRABE_EXPORT_COUNT_CODINGS,
                                              SHIRABE_EXPORT_COUNT_NARRATIVES };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) narratives = shirabe_project_list_narratives (fixture->project, 0, &error);
  guint n_more = 0;

  g_assert_no_error (error);
  for (guint u = 0; u < G_N_ELEMENTS (units); u++)
    {
      ShirabeExportOptions options = { .count = units[u], .rollup = TRUE,
                                       .incomplete = SHIRABE_EXPORT_INCOMPLETE_ZERO };
      g_autofree char *name = g_strdup_printf ("rollup-%u", u);
      g_autoptr(JsonNode) folder = export_csv (fixture, name, &options);
      JsonArray *rows = csv_rows (folder, "cases.csv");
      int column = column_of (rows, "Coercion (all)");

      for (guint r = 1; r < json_array_get_length (rows); r++)
        {
          JsonArray *row = json_array_get_array_element (rows, r);
          gint64 case_id = g_ascii_strtoll (json_array_get_string_element (row, 0), NULL, 10);
          guint64 found = g_ascii_strtoull (json_array_get_string_element (row, column), NULL,
                                            10);
          /* The union of both subcodes' codings: a passage coded with both counts once. */
          guint64 expected = case_count2 (fixture, narratives, case_id, fixture->codes[0],
                                          fixture->codes[1], 0, units[u], FALSE);

          g_assert_cmpuint (found, ==, expected);
          n_more += expected < case_count (fixture, narratives, case_id, fixture->codes[0], 0,
                                           units[u], FALSE) +
                               case_count (fixture, narratives, case_id, fixture->codes[1], 0,
                                           units[u], FALSE);
        }
    }
  /* Somewhere the union is less than the sum: the test tells union from addition. */
  g_assert_cmpuint (n_more, >=, 1);
}

static void
test_narratives_say_what_they_translate (Fixture       *fixture,
                                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) narratives = shirabe_project_list_narratives (fixture->project, 0, &error);
  ShirabeExportOptions options = { 0 };
  g_autoptr(JsonNode) folder = export_csv (fixture, "translations", &options);
  JsonArray *rows = csv_rows (folder, "narratives.csv");
  int column = column_of (rows, "Translation of (narrative ID)");
  guint n_translations = 0;

  g_assert_no_error (error);
  for (guint r = 1; r < json_array_get_length (rows); r++)
    {
      JsonArray *row = json_array_get_array_element (rows, r);
      gint64 id = g_ascii_strtoll (json_array_get_string_element (row, 0), NULL, 10);

      for (guint i = 0; i < narratives->len; i++)
        {
          ShirabeNarrative *narrative = g_ptr_array_index (narratives, i);
          g_autofree char *expected = NULL;

          if (narrative->id != id)
            continue;
          expected = narrative->translation_of != 0
                     ? g_strdup_printf ("%" G_GINT64_FORMAT, narrative->translation_of)
                     : g_strdup ("");
          g_assert_cmpstr (json_array_get_string_element (row, column), ==, expected);
          n_translations += narrative->translation_of != 0;
        }
    }
  g_assert_cmpuint (n_translations, >=, 3);
}

/* A narrative's passages of @code_id as [start, end) intervals: unions of overlapping codings. */
static GArray *
passages_of (GPtrArray *codings,
             gint64     code_id)
{
  GArray *intervals = g_array_new (FALSE, FALSE, sizeof (gint64) * 2);
  gboolean merged = TRUE;

  for (guint i = 0; i < codings->len; i++)
    {
      ShirabeCoding *coding = g_ptr_array_index (codings, i);
      gint64 interval[2] = { coding->start, coding->end };

      if (coding->code_id == code_id)
        g_array_append_val (intervals, interval);
    }
  /* Merge any two that overlap until none do. */
  while (merged)
    {
      merged = FALSE;
      for (guint i = 0; i < intervals->len && !merged; i++)
        for (guint j = i + 1; j < intervals->len && !merged; j++)
          {
            gint64 *a = &g_array_index (intervals, gint64, 2 * i);
            gint64 *b = &g_array_index (intervals, gint64, 2 * j);

            if (a[0] < b[1] && b[0] < a[1])
              {
                a[0] = MIN (a[0], b[0]);
                a[1] = MAX (a[1], b[1]);
                g_array_remove_index (intervals, j);
                merged = TRUE;
              }
          }
    }
  return intervals;
}

static void
test_narrative_codes_and_cooccurrence_units_match_the_brute_force (Fixture       *fixture,
                                                                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) narratives = shirabe_project_list_narratives (fixture->project, 0, &error);
  guint n = G_N_ELEMENTS (code_labels);
  guint64 by_narrative[G_N_ELEMENTS (code_labels)][G_N_ELEMENTS (code_labels)] = { { 0 } };
  guint64 by_passage[G_N_ELEMENTS (code_labels)][G_N_ELEMENTS (code_labels)] = { { 0 } };
  ShirabeExportCooccurrence units[] = { SHIRABE_EXPORT_COOCCURRENCE_NARRATIVES,
                                        SHIRABE_EXPORT_COOCCURRENCE_PASSAGES };

  g_assert_no_error (error);
  for (guint k = 0; k < narratives->len; k++)
    {
      ShirabeNarrative *narrative = g_ptr_array_index (narratives, k);
      g_autoptr(GPtrArray) codings = shirabe_project_list_codings (fixture->project,
                                                                   narrative->id, &error);
      GArray *passages[G_N_ELEMENTS (code_labels)];

      g_assert_no_error (error);
      for (guint a = 0; a < n; a++)
        passages[a] = passages_of (codings, fixture->codes[a]);
      for (guint a = 0; a < n; a++)
        for (guint b = 0; b < n; b++)
          {
            by_narrative[a][b] += passages[a]->len > 0 && passages[b]->len > 0;
            if (a == b)
              by_passage[a][a] += passages[a]->len;
            else
              for (guint i = 0; i < passages[a]->len; i++)
                for (guint j = 0; j < passages[b]->len; j++)
                  {
                    gint64 *x = &g_array_index (passages[a], gint64, 2 * i);
                    gint64 *y = &g_array_index (passages[b], gint64, 2 * j);

                    by_passage[a][b] += x[0] < y[1] && y[0] < x[1];
                  }
          }
      for (guint a = 0; a < n; a++)
        g_array_unref (passages[a]);
    }

  for (guint u = 0; u < G_N_ELEMENTS (units); u++)
    {
      ShirabeExportOptions options = { .cooccurrence = units[u],
                                       .tables = SHIRABE_EXPORT_TABLE_COOCCURRENCE |
                                                 SHIRABE_EXPORT_TABLE_NARRATIVE_CODES,
                                       .incomplete = SHIRABE_EXPORT_INCOMPLETE_ZERO };
      g_autofree char *name = g_strdup_printf ("cooccurrence-%u", u);
      g_autoptr(JsonNode) folder = export_csv (fixture, name, &options);
      JsonArray *rows = csv_rows (folder, "cooccurrence.csv");
      JsonArray *table = csv_rows (folder, "narrative_codes.csv");

      for (guint a = 0; a < n; a++)
        for (guint b = 0; b < n; b++)
          {
            JsonArray *row = json_array_get_array_element (rows, a + 1);
            guint64 found = g_ascii_strtoull (json_array_get_string_element (
                                                row, column_of (rows, code_labels[b])),
                                              NULL, 10);
            guint64 expected = u == 0 ? by_narrative[a][b] : by_passage[a][b];

            g_assert_cmpstr (json_array_get_string_element (row, 0), ==, code_labels[a]);
            if (found != expected)
              g_error ("unit %u, %s × %s: %" G_GUINT64_FORMAT " exported, %" G_GUINT64_FORMAT
                       " by brute force", u, code_labels[a], code_labels[b], found, expected);
          }

      /* The narrative × code table: one row per narrative, distinct passages per code. */
      g_assert_cmpuint (json_array_get_length (table), ==, narratives->len + 1);
      for (guint r = 1; r < json_array_get_length (table); r++)
        {
          JsonArray *row = json_array_get_array_element (table, r);
          gint64 id = g_ascii_strtoll (json_array_get_string_element (row, 0), NULL, 10);
          g_autoptr(GPtrArray) codings = shirabe_project_list_codings (fixture->project, id,
                                                                       &error);

          g_assert_no_error (error);
          for (guint c = 0; c < n; c++)
            g_assert_cmpuint (g_ascii_strtoull (json_array_get_string_element (
                                                  row, column_of (table, code_labels[c])),
                                                NULL, 10),
                              ==, narrative_count (codings, fixture->codes[c], 0, 0,
                                                   SHIRABE_EXPORT_COUNT_PASSAGES));
        }
    }
  /* Overlaps between different codes exist, or the passage unit proves nothing. */
  g_assert_cmpuint (by_passage[0][1] + by_passage[0][2] + by_passage[1][2], >=, 3);
}

/* The statistician's check on the sample project: variable names, distinct passages, missing
 * values for incomplete cases, the same names in every sheet, exact excerpts. */
static void
test_the_sample_exports_what_a_statistician_expects (void)
{
  g_autoptr(GError) error = NULL;
  TestDir dir = { 0 };
  Fixture fixture = { 0 };
  g_autofree char *project_path = NULL;
  g_autofree char *sample_dir = g_test_build_filename (G_TEST_DIST, "..", "..", "data", "sample",
                                                       NULL);
  g_autoptr(GPtrArray) narratives = NULL;
  g_autoptr(GPtrArray) codes = NULL;
  g_autoptr(JsonNode) folder = NULL;
  ShirabeExportOptions options = { .header = SHIRABE_EXPORT_HEADER_NAMES };
  JsonArray *cases, *codings, *codebook;
  guint n_complete = 0, n_incomplete = 0, n_excerpts = 0;

  test_dir_setup (&dir, NULL);
  fixture.dir = dir;
  project_path = test_dir_path (&dir, "sample.shirabe");
  fixture.project = shirabe_project_create (project_path, NULL, SHIRABE_PROJECT_NO_HISTORY,
                                            &error);
  g_assert_no_error (error);
  g_assert_true (shirabe_project_build_sample (fixture.project, sample_dir, &error));
  g_assert_no_error (error);
  narratives = shirabe_project_list_narratives (fixture.project, 0, &error);
  codes = shirabe_project_list_codes (fixture.project, &error);
  g_assert_no_error (error);

  folder = export_csv (&fixture, "sample-csv", &options);
  cases = csv_rows (folder, "cases.csv");
  codings = csv_rows (folder, "codings.csv");
  codebook = csv_rows (folder, "codebook.csv");

  for (guint r = 1; r < json_array_get_length (cases); r++)
    {
      JsonArray *row = json_array_get_array_element (cases, r);
      gint64 case_id = g_ascii_strtoll (json_array_get_string_element (row, 0), NULL, 10);
      gboolean complete = case_complete (narratives, case_id);

      g_assert_cmpstr (json_array_get_string_element (row, column_of (cases, "coding_complete")),
                       ==, complete ? "1" : "0");
      for (guint c = 0; c < codes->len; c++)
        {
          ShirabeCode *code = g_ptr_array_index (codes, c);
          const char *cell;

          if (!code->codable)
            continue;
          /* The sample's names need no renaming: the column is the code's variable name. */
          cell = json_array_get_string_element (row, column_of (cases, code->var_name));
          if (!complete)
            g_assert_cmpstr (cell, ==, "");
          else
            g_assert_cmpuint (g_ascii_strtoull (cell, NULL, 10), ==,
                              case_count (&fixture, narratives, case_id, code->id, 0,
                                          SHIRABE_EXPORT_COUNT_PASSAGES, FALSE));
        }
      n_complete += complete;
      n_incomplete += !complete;
    }
  g_assert_cmpuint (n_complete, >=, 3);
  g_assert_cmpuint (n_incomplete, >=, 3);

  /* The same name in the codebook and the codings as in the cases' header. */
  for (guint r = 1; r < json_array_get_length (codings); r++)
    {
      JsonArray *row = json_array_get_array_element (codings, r);
      const char *var = json_array_get_string_element (row, column_of (codings, "code_var"));
      gboolean listed = FALSE;

      column_of (cases, var);
      for (guint b = 1; b < json_array_get_length (codebook) && !listed; b++)
        listed = g_strcmp0 (json_array_get_string_element (
                              json_array_get_array_element (codebook, b),
                              column_of (codebook, "var_name")), var) == 0;
      g_assert_true (listed);

      /* The excerpt is the narrative's text at the coding's positions, exactly. */
      {
        gint64 narrative_id = g_ascii_strtoll (json_array_get_string_element (
                                                 row, column_of (codings, "narrative_id")),
                                               NULL, 10);
        gint64 start = g_ascii_strtoll (json_array_get_string_element (
                                          row, column_of (codings, "start")), NULL, 10);
        gint64 end = g_ascii_strtoll (json_array_get_string_element (
                                        row, column_of (codings, "end")), NULL, 10);
        g_autofree char *text = shirabe_project_dup_narrative_text (fixture.project,
                                                                    narrative_id, &error);
        const char *from, *to;
        g_autofree char *expected = NULL;

        g_assert_no_error (error);
        from = g_utf8_offset_to_pointer (text, start);
        to = g_utf8_offset_to_pointer (text, end);
        expected = g_strndup (from, to - from);
        g_assert_cmpstr (json_array_get_string_element (row, column_of (codings, "excerpt")),
                         ==, expected);
        n_excerpts++;
      }
    }
  g_assert_cmpuint (n_excerpts, >=, 100);

  g_clear_object (&fixture.project);
  test_dir_teardown (&dir, NULL);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(name, func) \
  g_test_add ("/export/counts/" name, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("every-unit-matches-the-brute-force", test_counts_match_the_brute_force);
  ADD ("sparse-code-ids-count-the-same", test_sparse_code_ids_count_the_same);
  ADD ("coder-counts-match-the-brute-force", test_coder_counts_match_the_brute_force);
  ADD ("incomplete-cases-are-missing-or-left-out", test_incomplete_cases_are_missing_or_left_out);
  ADD ("rollups-count-the-whole-subtree", test_rollups_count_the_whole_subtree);
  ADD ("narratives-say-what-they-translate", test_narratives_say_what_they_translate);
  ADD ("narrative-codes-and-cooccurrence-units-match-the-brute-force",
       test_narrative_codes_and_cooccurrence_units_match_the_brute_force);
#undef ADD
  g_test_add_func ("/export/counts/the-sample-exports-what-a-statistician-expects",
                   test_the_sample_exports_what_a_statistician_expects);

  return g_test_run ();
}
