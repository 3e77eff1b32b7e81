/* test-pseudonyms.c: the pseudonym table, matching, and pseudonymised copies whose codings
 * cover the same words, with nothing of the originals left in the file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define _GNU_SOURCE
#include <string.h>
#include <sqlite3.h>

#include "test-util.h"
#include "shirabe-alignment.h"
#include "shirabe-pseudonyms.h"
#include "shirabe-pseudonymise.h"
#include "shirabe-sample.h"
#include "shirabe-schema-private.h"

/* The names of the generated texts: every script, one and many code points, non-BMP on both
 * sides, a name inside a longer one, one real string with a pseudonym per language. */
typedef struct
{
  const char *real;
  const char *pseudonym;
  const char *language;
} Name;

static const Name names[] = {
  { "Li", "𩸽", "" },
  { "Maricel Dela Cruz", "Ana Reyes", "" },
  { "Dela Cruz", "R", "" },
  { "カンヤ", "A氏", "" },
  { "デラ・クルス", "レイエス", "" },
  { "𠮷野", "B", "" },
  { "梅", "Person 6", "" },
  { "Ｏｌｅｎａ", "O.", "" },
  { "Josephine", "J", "en" },
  { "Josephine", "ジョ", "ja" },
  { "Hoshino", "H社", "" },
};

/* Forms of each name as the text writes them (besides the name itself). */
static const char * const forms[][6] = {
  { "LI", "ＬＩ", NULL },
  { "Dela Cruz, Maricel", "Dela Cruz Maricel", "MARICEL DELA CRUZ", "maricel dela cruz", NULL },
  { "DELA CRUZ", "Ｄｅｌａ Ｃｒｕｚ", NULL },
  { "ｶﾝﾔ", NULL },
  { "デラ クルス", "クルス・デラ", "デラクルス", "デラ　クルス", NULL },
  { NULL },
  { NULL },
  { "Olena", "OLENA", NULL },
  { "JOSEPHINE", NULL },
  { NULL },
  { "HOSHINO", NULL },
};

static const char * const fillers[] = {
  "the", "went", "to", "work", "money", "debt", "passport", "said", "and", "she",
  "そして", "しごと", "おかね", "日本", "工場", "から", "で", "。", "、", ",", ".", "\n",
  "ｶﾞ", "x", "2004", "𝒳",
};

static const char * const honorific_marks[] = { "さん", "様", "氏", "ちゃん" };

typedef struct
{
  GString *original;
  GString *expected;
  /* per original code point: where it goes in the expected text */
  GArray  *image_start;
  GArray  *image_end;
  guint    n_names;
} Generated;

static void
generated_clear (Generated *g)
{
  g_string_free (g->original, TRUE);
  g_string_free (g->expected, TRUE);
  g_array_unref (g->image_start);
  g_array_unref (g->image_end);
}

static const char *
pseudonym_for (guint       name,
               const char *language)
{
  /* The entry of the narrative's language, else the one for every language, else the first of
   * the real string. */
  for (guint pass = 0; pass < 3; pass++)
    for (guint i = 0; i < G_N_ELEMENTS (names); i++)
      if (g_str_equal (names[i].real, names[name].real) &&
          (pass == 2 ||
           (pass == 0 && *names[i].language != '\0' && language != NULL &&
            g_str_has_prefix (language, names[i].language)) ||
           (pass == 1 && *names[i].language == '\0')))
        return names[i].pseudonym;
  g_assert_not_reached ();
}

static void
append_plain (Generated  *g,
              const char *text)
{
  gint64 at = g_utf8_strlen (g->expected->str, -1);
  glong n = g_utf8_strlen (text, -1);

  for (glong i = 0; i < n; i++)
    {
      gint64 start = at + i;
      gint64 end = start + 1;

      g_array_append_val (g->image_start, start);
      g_array_append_val (g->image_end, end);
    }
  g_string_append (g->original, text);
  g_string_append (g->expected, text);
}

static void
append_name (Generated  *g,
             const char *written,
             const char *replacement)
{
  gint64 start = g_utf8_strlen (g->expected->str, -1);
  gint64 end = start + g_utf8_strlen (replacement, -1);
  glong n = g_utf8_strlen (written, -1);

  for (glong i = 0; i < n; i++)
    {
      g_array_append_val (g->image_start, start);
      g_array_append_val (g->image_end, end);
    }
  g_string_append (g->original, written);
  g_string_append (g->expected, replacement);
  g->n_names++;
}

/* A text of fillers and names, and what pseudonymising it must give. */
static void
generate (GRand      *rand,
          const char *language,
          guint       n_segments,
          Generated  *g)
{
  g->original = g_string_new (NULL);
  g->expected = g_string_new (NULL);
  g->image_start = g_array_new (FALSE, FALSE, sizeof (gint64));
  g->image_end = g_array_new (FALSE, FALSE, sizeof (gint64));
  g->n_names = 0;

  for (guint s = 0; s < n_segments; s++)
    {
      /* Words between names, with a space at each side: no name touches another. */
      append_plain (g, " ");
      append_plain (g, fillers[g_rand_int_range (rand, 0, G_N_ELEMENTS (fillers))]);
      append_plain (g, " ");
      if (g_rand_int_range (rand, 0, 3) == 0)
        {
          guint name = g_rand_int_range (rand, 0, G_N_ELEMENTS (names));
          const char *pseudonym = pseudonym_for (name, language);
          const char *written = names[name].real;
          guint n_forms = 0;

          while (forms[name][n_forms] != NULL)
            n_forms++;
          if (n_forms > 0 && g_rand_boolean (rand))
            written = forms[name][g_rand_int_range (rand, 0, n_forms)];
          if (g_rand_int_range (rand, 0, 4) == 0)
            {
              const char *mark = honorific_marks[g_rand_int_range (rand, 0,
                                                                   G_N_ELEMENTS (honorific_marks))];
              g_autofree char *with = g_strconcat (written, mark, NULL);
              gboolean ends = FALSE;
              g_autofree char *replacement = NULL;

              for (guint h = 0; h < G_N_ELEMENTS (honorific_marks); h++)
                ends |= g_str_has_suffix (pseudonym, honorific_marks[h]);
              replacement = ends ? g_strdup (pseudonym) : g_strconcat (pseudonym, mark, NULL);
              append_name (g, with, replacement);
            }
          else
            append_name (g, written, pseudonym);
        }
    }
}

/* Where the coding [start, end) must go: from the first to the last place of its code
 * points. */
static void
expected_range (const Generated *g,
                gint64           start,
                gint64           end,
                gint64          *new_start,
                gint64          *new_end)
{
  *new_start = G_MAXINT64;
  *new_end = 0;
  for (gint64 p = start; p < end; p++)
    {
      *new_start = MIN (*new_start, g_array_index (g->image_start, gint64, p));
      *new_end = MAX (*new_end, g_array_index (g->image_end, gint64, p));
    }
}

static GPtrArray *
name_entries (void)
{
  GPtrArray *entries = g_ptr_array_new_with_free_func ((GDestroyNotify) shirabe_pseudonym_free);

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      ShirabePseudonym *entry = g_new0 (ShirabePseudonym, 1);

      entry->id = i + 1;
      entry->real = g_strdup (names[i].real);
      entry->pseudonym = g_strdup (names[i].pseudonym);
      entry->language = g_strdup (names[i].language);
      entry->confirmed = TRUE;
      g_ptr_array_add (entries, entry);
    }
  return entries;
}

/* Matching and offsets against a recomputation code point by code point */

static void
test_offsets_equal_brute_force (void)
{
  g_autoptr(GPtrArray) entries = name_entries ();
  g_autoptr(ShirabePseudonymMatcher) matcher = shirabe_pseudonym_matcher_new (entries);
  static const char * const languages[] = { "en", "ja", "ja-JP", "", "th" };
  guint n_widened = 0;
  guint n_names = 0;

  for (guint seed = 1; seed <= 300; seed++)
    {
      g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
      g_autoptr(GArray) replacements = g_array_new (FALSE, FALSE, sizeof (ShirabeReplacement));
      const char *language = languages[seed % G_N_ELEMENTS (languages)];
      g_autofree char *rewritten = NULL;
      Generated g;
      gint64 length;

      generate (rand, language, g_rand_int_range (rand, 1, 60), &g);
      rewritten = shirabe_pseudonym_matcher_rewrite (matcher, g.original->str, language,
                                                     replacements);
      if (g_strcmp0 (rewritten, g.expected->str) != 0)
        g_error ("seed %u: “%s” became “%s”, not “%s”", seed, g.original->str, rewritten,
                 g.expected->str);
      g_assert_cmpuint (replacements->len, ==, g.n_names);
      n_names += g.n_names;

      length = g_utf8_strlen (g.original->str, -1);
      /* Many overlapping codings, most of them cutting through a name somewhere. */
      for (guint c = 0; c < 200; c++)
        {
          gint64 start = g_rand_int_range (rand, 0, length);
          gint64 end = g_rand_int_range (rand, start + 1, length + 1);
          gint64 want_start, want_end;
          gint64 got_start = start, got_end = end;

          expected_range (&g, start, end, &want_start, &want_end);
          if (shirabe_replacements_map_range (replacements, &got_start, &got_end))
            n_widened++;
          if (got_start != want_start || got_end != want_end)
            g_error ("seed %u: [%" G_GINT64_FORMAT ", %" G_GINT64_FORMAT ") went to [%"
                     G_GINT64_FORMAT ", %" G_GINT64_FORMAT "), not [%" G_GINT64_FORMAT ", %"
                     G_GINT64_FORMAT ") in “%s”", seed, start, end, got_start, got_end,
                     want_start, want_end, g.original->str);
        }
      generated_clear (&g);
    }
  /* The generator did what the test is about. */
  g_assert_cmpuint (n_names, >, 1000);
  g_assert_cmpuint (n_widened, >, 1000);
}

static void
test_matching_rules (void)
{
  g_autoptr(GPtrArray) entries = name_entries ();
  g_autoptr(ShirabePseudonymMatcher) matcher = NULL;
  struct
  {
    const char *text;
    const char *language;
    const char *expected;
  } cases[] = {
    /* A Latin name is a whole word; Japanese has no spaces. */
    { "Lima, Li, Lily and LI.", "en", "Lima, 𩸽, Lily and 𩸽." },
    { "李さんとLiさん", "ja", "李さんと𩸽さん" },
    { "梅田の梅さん", "ja", "Person 6田のPerson 6さん" },
    /* The pseudonym keeps the honorific, unless it has one. */
    { "カンヤさんとカンヤ様", "ja", "A氏とA氏" },
    /* The language chooses among entries of one real string. */
    { "Josephine", "en-GB", "J" },
    { "Josephine", "ja", "ジョ" },
    { "Josephine", "", "J" },
    /* Longest first. */
    { "Maricel Dela Cruz met Dela Cruz", "en", "Ana Reyes met R" },
    /* Unconfirmed entries are not applied. */
    { "Kanya", "en", "Kanya" },
  };
  ShirabePseudonym *unconfirmed = g_new0 (ShirabePseudonym, 1);

  unconfirmed->real = g_strdup ("Kanya");
  unconfirmed->pseudonym = g_strdup ("K");
  unconfirmed->language = g_strdup ("");
  g_ptr_array_add (entries, unconfirmed);
  matcher = shirabe_pseudonym_matcher_new (entries);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *rewritten = shirabe_pseudonym_matcher_rewrite (matcher, cases[i].text,
                                                                      cases[i].language, NULL);

      g_assert_cmpstr (rewritten, ==, cases[i].expected);
    }
}

/* The table */

static void
test_table_edits_are_undoable (TestDir       *fixture,
                               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = test_dir_path (fixture, "p.shirabe");
  g_autoptr(ShirabeProject) project = shirabe_project_create (path, "P", SHIRABE_PROJECT_DEFAULT,
                                                              &error);
  g_autoptr(GPtrArray) entries = NULL;
  gint64 id, other;

  g_assert_no_error (error);
  id = shirabe_project_add_pseudonym (project, "Kanya", "K", NULL, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (shirabe_history_get_undo_label (shirabe_project_get_history (project)), ==,
                   "Add Pseudonym");
  other = shirabe_project_add_pseudonym (project, "Kanya", "カ", "ja", TRUE, &error);
  g_assert_no_error (error);

  /* The same real string in the same language is refused. */
  g_assert_cmpint (shirabe_project_add_pseudonym (project, "Kanya", "Q", "", TRUE, &error), ==, 0);
  g_assert_error (error, SHIRABE_ERROR, SHIRABE_ERROR_EXISTS);
  g_clear_error (&error);
  g_assert_cmpint (shirabe_project_add_pseudonym (project, " ", "Q", "", TRUE, &error), ==, 0);
  g_assert_error (error, SHIRABE_ERROR, SHIRABE_ERROR_INVALID);
  g_clear_error (&error);

  /* A pseudonym may not hold a real name of the table, whichever comes first. */
  g_assert_cmpint (shirabe_project_add_pseudonym (project, "Rita", "KANYA's friend", "", TRUE,
                                                  &error), ==, 0);
  g_assert_error (error, SHIRABE_ERROR, SHIRABE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "“Kanya”"));
  g_clear_error (&error);
  g_assert_cmpint (shirabe_project_add_pseudonym (project, "カ", "X", "", TRUE, &error), ==, 0);
  g_assert_error (error, SHIRABE_ERROR, SHIRABE_ERROR_INVALID);
  g_clear_error (&error);

  /* Named by id; by the real string only when that is one entry. */
  g_assert_cmpint (shirabe_project_find_pseudonym (project, "Kanya", &error), ==, 0);
  g_assert_error (error, SHIRABE_ERROR, SHIRABE_ERROR_AMBIGUOUS);
  g_clear_error (&error);
  {
    g_autofree char *digits = g_strdup_printf ("%" G_GINT64_FORMAT, id);

    g_assert_cmpint (shirabe_project_find_pseudonym (project, digits, &error), ==, id);
    g_assert_no_error (error);
  }

  g_assert_true (shirabe_project_confirm_pseudonym (project, id, &error));
  g_assert_no_error (error);
  entries = shirabe_project_list_pseudonyms (project, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (entries->len, ==, 2);
  g_assert_true (((ShirabePseudonym *) entries->pdata[0])->confirmed);
  g_clear_pointer (&entries, g_ptr_array_unref);

  g_assert_true (shirabe_project_undo (project, &error));
  g_assert_no_error (error);
  entries = shirabe_project_list_pseudonyms (project, &error);
  g_assert_false (((ShirabePseudonym *) entries->pdata[0])->confirmed);
  g_clear_pointer (&entries, g_ptr_array_unref);

  g_assert_true (shirabe_project_remove_pseudonym (project, other, &error));
  g_assert_no_error (error);
  g_assert_false (shirabe_project_remove_pseudonym (project, other, &error));
  g_assert_error (error, SHIRABE_ERROR, SHIRABE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_true (shirabe_project_undo (project, &error));
  entries = shirabe_project_list_pseudonyms (project, &error);
  g_assert_cmpuint (entries->len, ==, 2);
  g_assert_cmpstr (((ShirabePseudonym *) entries->pdata[1])->pseudonym, ==, "カ");
  g_assert_cmpstr (((ShirabePseudonym *) entries->pdata[1])->language, ==, "ja");
  g_assert_true (shirabe_project_close (project, &error));
}

static void
test_older_project_migrates (TestDir       *fixture,
                                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = test_dir_path (fixture, "old.shirabe");
  g_autoptr(GPtrArray) backups = NULL;
  g_autoptr(ShirabeProject) project = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 narrative;

  /* A project as version 6 left it: no pseudonym table, a narrative's codings indexed by
   * place alone. */
  project = test_project_with_text (fixture, "Kanya", &narrative);
  g_assert_true (shirabe_project_close (project, &error));
  g_clear_object (&project);
  {
    g_autofree char *made = test_dir_path (fixture, "test.shirabe");

    g_assert_cmpint (g_rename (made, path), ==, 0);
  }
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "DROP TABLE pseudonym; DROP INDEX coding_narrative_place;"
                                 " CREATE INDEX coding_narrative ON coding (narrative_id, start);"
                                 " PRAGMA user_version = 6;", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  project = shirabe_project_open (path, SHIRABE_PROJECT_DEFAULT, &error);
  g_assert_no_error (error);
  /* The snapshot before the upgrade is among the project's backups. */
  backups = shirabe_project_list_backups (path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (backups->len, ==, 1);
  g_assert_cmpstr (((ShirabeBackup *) backups->pdata[0])->reason, ==, "before-upgrade");
  g_assert_cmpint (g_strcmp0 (((ShirabeBackup *) backups->pdata[0])->path, path), !=, 0);
  g_assert_cmpint (shirabe_project_add_pseudonym (project, "Kanya", "K", "", TRUE, &error), >, 0);
  g_assert_no_error (error);
  entries = shirabe_project_list_pseudonyms (project, &error);
  g_assert_cmpuint (entries->len, ==, 1);
  g_assert_null (shirabe_project_get_foreign_objects (project));
  g_assert_true (shirabe_project_close (project, &error));

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA user_version", -1, &stmt, NULL), ==,
                   SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, SHIRABE_SCHEMA_VERSION);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
}

/* Copies */

static gsize
count_in_file (const char *path,
               const char *needle)
{
  g_autofree char *data = NULL;
  gsize size = 0;
  gsize n = 0;
  gsize needle_size = strlen (needle);

  g_assert_true (g_file_get_contents (path, &data, &size, NULL));
  for (const char *p = data; p != NULL && (gsize) (p - data) + needle_size <= size;)
    {
      p = memmem (p, size - (p - data), needle, needle_size);
      if (p == NULL)
        break;
      n++;
      p++;
    }
  return n;
}

static char *
query_text (sqlite3    *db,
            const char *sql,
            gint64      id)
{
  sqlite3_stmt *stmt = NULL;
  char *value = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_int64 (stmt, 1, id);
  if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_text (stmt, 0) != NULL)
    value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return value;
}

static gint64
query_int (sqlite3    *db,
           const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 value = -1;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

/* Every form of every name: none may be in the copy's bytes, each is in the project's. */
static void
assert_no_name_in (const char *copy_path,
                   const char *source_path)
{
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      /* Two bytes ("Li") turn up by chance in any binary file; the texts that held it are
       * compared whole. */
      if (strlen (names[i].real) < 3)
        continue;
      g_assert_cmpuint (count_in_file (source_path, names[i].real), >, 0);
      if (count_in_file (copy_path, names[i].real) != 0)
        g_error ("“%s” is in the copy", names[i].real);
      for (guint f = 0; forms[i][f] != NULL; f++)
        if (strlen (forms[i][f]) >= 3)
          g_assert_cmpuint (count_in_file (copy_path, forms[i][f]), ==, 0);
    }
  /* Nothing beside it: the copy is one file. */
  for (guint i = 0; i < 3; i++)
    {
      static const char * const suffixes[] = { "-wal", "-shm", "-journal" };
      g_autofree char *companion = g_strconcat (copy_path, suffixes[i], NULL);

      g_assert_false (g_file_test (companion, G_FILE_TEST_EXISTS));
    }
}

typedef struct
{
  gint64     id;
  Generated  g;
  char      *language;
} GeneratedNarrative;

static void
test_copy_of_generated_project (TestDir       *fixture,
                                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = test_dir_path (fixture, "study.shirabe");
  g_autofree char *copy_path = test_dir_path (fixture, "shared.shirabe");
  g_autoptr(ShirabeProject) project = shirabe_project_create (path, "Study of Hoshino",
                                                              SHIRABE_PROJECT_DEFAULT, &error);
  g_autoptr(ShirabePseudonymReport) report = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (18);
  g_autoptr(GArray) codings = g_array_new (FALSE, FALSE, sizeof (gint64) * 4);
  static const char * const languages[] = { "en", "ja", "en-GB", "", "ja-JP", "th" };
  GeneratedNarrative narratives[12];
  ShirabeCodeSpec code_spec = { 0 };
  const char *choices[] = { "Hoshino Promotion", "other", NULL };
  gint64 case_id, code_id, coder_id, text_attr, choice_attr;
  g_autofree char *expected_code_label = NULL;
  guint64 n_codings = 0;
  sqlite3 *db = NULL;

  g_assert_no_error (error);
  case_id = shirabe_project_add_case (project, "Maricel Dela Cruz (Philippines)", &error);
  g_assert_no_error (error);
  g_assert_true (shirabe_project_set_case_memo (project, case_id, "met Li and 𠮷野さん", &error));
  code_spec.label_en = "Dela Cruz network";
  code_spec.label_ja = "デラ・クルスの関係者";
  code_spec.description_en = "When Josephine or Hoshino recruit";
  code_id = shirabe_project_add_code (project, &code_spec, &error);
  g_assert_no_error (error);
  coder_id = shirabe_project_ensure_coder (project, "Coder", &error);
  g_assert_no_error (error);
  text_attr = shirabe_project_add_attribute (project, SHIRABE_SCOPE_CASE, "Broker",
                                             "仲介者", "broker", SHIRABE_ATTRIBUTE_TEXT, NULL,
                                             &error);
  g_assert_no_error (error);
  choice_attr = shirabe_project_add_attribute (project, SHIRABE_SCOPE_CASE, "Promoter",
                                               "プロモーター", "promoter",
                                               SHIRABE_ATTRIBUTE_CHOICE, choices, &error);
  g_assert_no_error (error);
  g_assert_true (shirabe_project_set_choice_label (project, choice_attr, "Hoshino Promotion",
                                                   SHIRABE_LANGUAGE_JA, "星野（Hoshino）", &error));
  g_assert_true (shirabe_project_set_attribute_value (project, text_attr, case_id,
                                                      "カンヤさんの知人 Li", &error));
  g_assert_true (shirabe_project_set_attribute_value (project, choice_attr, case_id,
                                                      "Hoshino Promotion", &error));
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (narratives); i++)
    {
      ShirabeNarrativeSpec spec = { 0 };
      GeneratedNarrative *n = &narratives[i];
      g_autofree char *title = g_strdup_printf ("Interview %u with Ｏｌｅｎａ", i);
      gint64 length;

      n->language = g_strdup (languages[i % G_N_ELEMENTS (languages)]);
      generate (rand, n->language, 40 + i * 10, &n->g);
      spec.case_id = case_id;
      spec.title = title;
      spec.language = n->language;
      spec.text = n->g.original->str;
      spec.origin_file = "/home/r/interviews/maricel-dela-cruz.txt";
      n->id = shirabe_project_add_narrative (project, &spec, &error);
      g_assert_no_error (error);
      g_assert_true (shirabe_project_set_narrative_memo (project, n->id, "Josephine called",
                                                         &error));
      length = g_utf8_strlen (n->g.original->str, -1);
      for (guint c = 0; c < 40; c++)
        {
          gint64 row[4];

          row[1] = n->id;
          row[2] = g_rand_int_range (rand, 0, length);
          row[3] = g_rand_int_range (rand, row[2] + 1, MIN (length, row[2] + 40) + 1);
          row[0] = shirabe_project_add_coding (project, n->id, code_id, coder_id, row[2], row[3],
                                               c % 5 == 0 ? "about Hoshino" : "", &error);
          g_assert_no_error (error);
          g_array_append_val (codings, row);
        }
    }
  g_assert_true (shirabe_project_set_description (project, "Cases of Maricel Dela Cruz", &error));
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    g_assert_cmpint (shirabe_project_add_pseudonym (project, names[i].real, names[i].pseudonym,
                                                    names[i].language, TRUE, &error), >, 0);
  /* An unconfirmed entry is reported, not applied. */
  g_assert_cmpint (shirabe_project_add_pseudonym (project, "interview", "talk", "", FALSE,
                                                  &error), >, 0);
  g_assert_no_error (error);

  report = shirabe_project_pseudonymise (project, copy_path, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (report);
  g_assert_cmpuint (report->narratives->len, ==, G_N_ELEMENTS (narratives));
  g_assert_cmpuint (report->n_unconfirmed, ==, 1);
  g_assert_cmpuint (report->n_codings, ==, codings->len);
  g_assert_cmpuint (report->n_widened, >, 0);
  g_assert_cmpuint (report->n_elsewhere, >, 0);

  /* The project keeps its originals and its table; the source file has every name once the
   * log is checkpointed. */
  {
    g_autoptr(GPtrArray) entries = shirabe_project_list_pseudonyms (project, &error);

    g_assert_cmpuint (entries->len, ==, G_N_ELEMENTS (names) + 1);
  }
  g_assert_true (shirabe_project_close (project, &error));
  assert_no_name_in (copy_path, path);

  g_assert_cmpint (sqlite3_open_v2 (copy_path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (query_int (db, "PRAGMA user_version"), ==, SHIRABE_SCHEMA_VERSION);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM pseudonym"), ==, 0);
  g_assert_cmpint (query_int (db, "PRAGMA freelist_count"), ==, 0);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM narrative WHERE origin_file IS NOT NULL"),
                   ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (narratives); i++)
    {
      GeneratedNarrative *n = &narratives[i];
      g_autofree char *text = query_text (db, "SELECT text FROM narrative WHERE id = ?1", n->id);
      g_autofree char *title = query_text (db, "SELECT title FROM narrative WHERE id = ?1",
                                           n->id);
      g_autofree char *memo = query_text (db, "SELECT memo FROM narrative WHERE id = ?1", n->id);
      g_autofree char *sha256 = query_text (db, "SELECT sha256 FROM narrative WHERE id = ?1",
                                            n->id);
      g_autofree char *want_sha256 = g_compute_checksum_for_string (G_CHECKSUM_SHA256,
                                                                    n->g.expected->str, -1);
      g_autofree char *want_title = g_strdup_printf ("Interview %u with O.", i);

      g_assert_cmpstr (text, ==, n->g.expected->str);
      g_assert_cmpstr (title, ==, want_title);
      g_assert_cmpstr (memo, ==, g_str_has_prefix (n->language, "ja") ? "ジョ called"
                                                                       : "J called");
      g_assert_cmpstr (sha256, ==, want_sha256);
    }
  /* Each coding covers the same words: its place equals the recomputation. */
  for (guint c = 0; c < codings->len; c++)
    {
      gint64 *row = &g_array_index (codings, gint64, c * 4);
      GeneratedNarrative *n = NULL;
      g_autofree char *sql = g_strdup_printf ("SELECT start * 1000000 + end FROM coding"
                                              " WHERE id = %" G_GINT64_FORMAT, row[0]);
      gint64 want_start, want_end;

      for (guint i = 0; i < G_N_ELEMENTS (narratives); i++)
        if (narratives[i].id == row[1])
          n = &narratives[i];
      expected_range (&n->g, row[2], row[3], &want_start, &want_end);
      g_assert_cmpint (query_int (db, sql), ==, want_start * 1000000 + want_end);
      n_codings++;
    }
  g_assert_cmpuint (n_codings, ==, 480);
  {
    g_autofree char *name = query_text (db, "SELECT name FROM cases WHERE id = ?1", case_id);
    g_autofree char *memo = query_text (db, "SELECT memo FROM cases WHERE id = ?1", case_id);
    g_autofree char *value = query_text (db, "SELECT value FROM attribute_value"
                                             " WHERE attribute_id = ?1", text_attr);
    g_autofree char *choice = query_text (db, "SELECT value FROM attribute_value"
                                              " WHERE attribute_id = ?1", choice_attr);
    g_autofree char *choices_text = query_text (db, "SELECT choices FROM attribute"
                                                    " WHERE id = ?1", choice_attr);
    g_autofree char *labels = query_text (db, "SELECT choice_labels FROM attribute"
                                              " WHERE id = ?1", choice_attr);
    g_autofree char *label_en = query_text (db, "SELECT label_en FROM code WHERE id = ?1",
                                            code_id);
    g_autofree char *label_ja = query_text (db, "SELECT label_ja FROM code WHERE id = ?1",
                                            code_id);
    g_autofree char *description = query_text (db, "SELECT description_en FROM code"
                                                   " WHERE id = ?1", code_id);

    g_assert_cmpstr (name, ==, "Ana Reyes (Philippines)");
    g_assert_cmpstr (memo, ==, "met 𩸽 and Bさん");
    g_assert_cmpstr (value, ==, "A氏の知人 𩸽");
    g_assert_cmpstr (choice, ==, "H社 Promotion");
    g_assert_cmpstr (choices_text, ==, "H社 Promotion\nother");
    g_assert_nonnull (strstr (labels, "\"H社 Promotion\""));
    g_assert_nonnull (strstr (labels, "星野（H社）"));
    g_assert_cmpstr (label_en, ==, "R network");
    g_assert_cmpstr (label_ja, ==, "レイエスの関係者");
    g_assert_cmpstr (description, ==, "When J or H社 recruit");
  }
  /* The search index was rebuilt from the new texts. */
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM narrative_fts"
                                  " WHERE narrative_fts MATCH '\"Dela Cruz\"'"), ==, 0);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM narrative_fts"
                                  " WHERE narrative_fts MATCH '\"Reyes\"'"), >, 0);
  sqlite3_close (db);

  /* The copy is a project that passes its check. */
  {
    g_autoptr(ShirabeProject) copy = shirabe_project_open (copy_path, SHIRABE_PROJECT_READ_ONLY,
                                                           &error);
    g_auto(GStrv) problems = NULL;

    g_assert_no_error (error);
    g_assert_true (shirabe_project_check (copy, &problems, &error));
    g_assert_no_error (error);
    g_assert_true (problems == NULL || problems[0] == NULL);
    g_assert_true (shirabe_project_close (copy, &error));
  }

  for (guint i = 0; i < G_N_ELEMENTS (narratives); i++)
    {
      generated_clear (&narratives[i].g);
      g_free (narratives[i].language);
    }
}

static void
test_refuses_without_confirmed_entries (TestDir       *fixture,
                                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *copy_path = test_dir_path (fixture, "copy.shirabe");
  g_autofree char *path = test_dir_path (fixture, "test.shirabe");
  g_autoptr(ShirabeProject) project = NULL;
  ShirabePseudonymReport *report;
  gint64 narrative;

  project = test_project_with_text (fixture, "Kanya", &narrative);
  g_assert_cmpint (shirabe_project_add_pseudonym (project, "Kanya", "K", "", FALSE, &error), >, 0);
  report = shirabe_project_pseudonymise (project, copy_path, NULL, &error);
  g_assert_null (report);
  g_assert_error (error, SHIRABE_ERROR, SHIRABE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (g_file_test (copy_path, G_FILE_TEST_EXISTS));

  /* The project itself is never the target, nor any existing file. */
  g_assert_true (shirabe_project_confirm_pseudonym (project, 1, &error));
  report = shirabe_project_pseudonymise (project, path, NULL, &error);
  g_assert_null (report);
  g_assert_error (error, SHIRABE_ERROR, SHIRABE_ERROR_EXISTS);
  g_assert_true (shirabe_project_close (project, &error));
}

/* An adjusted alignment of a translation follows the rewriting: its anchors are paragraph
 * starts of the rewritten texts, and each pair holds the same paragraphs as before. */
static void
test_alignment_follows_the_rewriting (TestDir       *fixture,
                                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = test_dir_path (fixture, "aligned.shirabe");
  g_autofree char *copy_path = test_dir_path (fixture, "aligned-shared.shirabe");
  g_autoptr(ShirabeProject) project = shirabe_project_create (path, "Aligned",
                                                              SHIRABE_PROJECT_DEFAULT, &error);
  g_autoptr(ShirabeProject) copy = NULL;
  g_autoptr(ShirabePseudonymReport) report = NULL;
  g_autoptr(ShirabeAlignment) before = NULL;
  g_autoptr(ShirabeAlignment) after = NULL;
  g_autofree char *copy_original = NULL;
  g_autofree char *copy_translation = NULL;
  ShirabeNarrativeSpec spec = { 0 };
  gint64 case_id, original, translation;

  g_assert_no_error (error);
  case_id = shirabe_project_add_case (project, "Case 1", &error);
  spec.case_id = case_id;
  spec.title = "Embassy record";
  spec.language = "en";
  spec.text = "Maricel Dela Cruz arrived in 2003.\n\nShe met Maricel Dela Cruz's broker.\n\n"
              "The embassy helped her.\n\nShe went home.";
  original = shirabe_project_add_narrative (project, &spec, &error);
  g_assert_no_error (error);
  spec.title = "大使館記録（翻訳）";
  spec.language = "ja";
  spec.text = "マリセル・デラクルスは2003年に来日した。\n\nマリセルさんは仲介者に会った。\n\n"
              "大使館が支援した。\n\n帰国した。";
  spec.translation_of = original;
  translation = shirabe_project_add_narrative (project, &spec, &error);
  g_assert_no_error (error);
  /* Pairs 2 and 3 joined: anchors stored. */
  g_assert_true (shirabe_project_join_aligned_pairs (project, translation, 1, &error));
  g_assert_no_error (error);
  before = shirabe_project_get_alignment (project, translation, &error);
  g_assert_no_error (error);
  g_assert_true (before->adjusted);
  g_assert_cmpuint (before->pairs->len, ==, 3);

  g_assert_cmpint (shirabe_project_add_pseudonym (project, "Maricel Dela Cruz", "A", "", TRUE,
                                                  &error), >, 0);
  g_assert_cmpint (shirabe_project_add_pseudonym (project, "マリセル・デラクルス", "エー", "ja",
                                                  TRUE, &error), >, 0);
  g_assert_cmpint (shirabe_project_add_pseudonym (project, "マリセル", "エー", "ja", TRUE,
                                                  &error), >, 0);
  report = shirabe_project_pseudonymise (project, copy_path, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (shirabe_project_close (project, &error));

  copy = shirabe_project_open (copy_path, SHIRABE_PROJECT_READ_ONLY, &error);
  g_assert_no_error (error);
  copy_original = shirabe_project_dup_narrative_text (copy, original, &error);
  copy_translation = shirabe_project_dup_narrative_text (copy, translation, &error);
  g_assert_cmpstr (copy_original, ==, "A arrived in 2003.\n\nShe met A's broker.\n\n"
                                      "The embassy helped her.\n\nShe went home.");
  g_assert_cmpstr (copy_translation, ==, "エーは2003年に来日した。\n\nエーさんは仲介者に会った。\n\n"
                                         "大使館が支援した。\n\n帰国した。");
  after = shirabe_project_get_alignment (copy, translation, &error);
  g_assert_no_error (error);
  g_assert_true (after->adjusted);
  g_assert_cmpuint (after->pairs->len, ==, 3);
  for (guint i = 0; i < after->pairs->len; i++)
    {
      ShirabeAlignedPair *was = &g_array_index (before->pairs, ShirabeAlignedPair, i);
      ShirabeAlignedPair *is = &g_array_index (after->pairs, ShirabeAlignedPair, i);

      g_assert_cmpuint (is->original_first, ==, was->original_first);
      g_assert_cmpuint (is->original_last, ==, was->original_last);
      g_assert_cmpuint (is->translation_first, ==, was->translation_first);
      g_assert_cmpuint (is->translation_last, ==, was->translation_last);
    }
  /* The joined pair begins at "She met A's broker." and at 「エーさんは…」. */
  g_assert_cmpint (g_array_index (after->pairs, ShirabeAlignedPair, 1).original_start, ==,
                   g_utf8_strlen ("A arrived in 2003.\n\n", -1));
  g_assert_cmpint (g_array_index (after->pairs, ShirabeAlignedPair, 1).translation_start, ==,
                   g_utf8_strlen ("エーは2003年に来日した。\n\n", -1));
}

/* The sample project's names, as the table of a researcher sharing it would list them. */
static const Name sample_names[] = {
  { "Maricel", "Ana", "" },
  { "マリセル", "アナ", "" },
  { "Dela Cruz", "Reyes", "" },
  { "デラ・クルス", "レイエス", "" },
  { "Villanueva", "Santos", "" },
  { "ビリャヌエバ", "サントス", "" },
  { "Kanya", "Person B", "" },
  { "カンヤ", "B氏", "" },
  { "Nguyen Van T.", "Person C", "" },
  { "Nguyen", "Person C", "" },
  { "グエン", "C氏", "" },
  { "Siti", "Person D", "" },
  { "Li Mei", "Person E", "" },
  { "Carolina", "Person F", "" },
  { "Olena", "Person G", "" },
  { "Misaki", "Person H", "" },
  { "ミサキ", "H", "" },
  { "Bikram", "Person I", "" },
  { "Josephine", "Person J", "" },
  { "リョウ", "K", "" },
  { "Hoshino", "Company L", "" },
  { "星野", "L社", "" },
};

static void
test_sample_copy_has_none_of_its_names (TestDir       *fixture,
                                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = test_dir_path (fixture, "sample.shirabe");
  g_autofree char *copy_path = test_dir_path (fixture, "sample-shared.shirabe");
  g_autoptr(ShirabeProject) project = shirabe_project_create (path, "Sample",
                                                              SHIRABE_PROJECT_DEFAULT, &error);
  g_autoptr(ShirabePseudonymReport) report = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(ShirabePseudonymMatcher) matcher = NULL;
  sqlite3 *source = NULL;
  sqlite3 *copy = NULL;
  sqlite3_stmt *stmt = NULL;
  guint n_checked = 0, n_unchanged = 0;

  g_assert_no_error (error);
  g_assert_true (shirabe_project_build_sample (project, NULL, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (sample_names); i++)
    g_assert_cmpint (shirabe_project_add_pseudonym (project, sample_names[i].real,
                                                    sample_names[i].pseudonym,
                                                    sample_names[i].language, TRUE, &error),
                     >, 0);
  report = shirabe_project_pseudonymise (project, copy_path, NULL, &error);
  g_assert_no_error (error);
  entries = shirabe_project_list_pseudonyms (project, &error);
  matcher = shirabe_pseudonym_matcher_new (entries);
  g_assert_true (shirabe_project_close (project, &error));

  /* Every name is in the project's file and none in the copy's. */
  for (guint i = 0; i < G_N_ELEMENTS (sample_names); i++)
    {
      g_autofree char *upper = g_utf8_strup (sample_names[i].real, -1);

      if (count_in_file (path, sample_names[i].real) == 0)
        g_error ("the sample has no “%s”", sample_names[i].real);
      g_assert_cmpuint (count_in_file (copy_path, sample_names[i].real), ==, 0);
      g_assert_cmpuint (count_in_file (copy_path, upper), ==, 0);
    }

  /* Every coding covers the same words: the text it covered, rewritten, unless it began or
   * ended inside a name (then the whole pseudonym is in it). */
  g_assert_cmpint (sqlite3_open_v2 (path, &source, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_open_v2 (copy_path, &copy, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (source, "SELECT c.uuid, n.language,"
                                               " substr (n.text, c.start + 1, c.end - c.start)"
                                               " FROM coding c JOIN narrative n"
                                               " ON n.id = c.narrative_id", -1, &stmt, NULL),
                   ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *uuid = (const char *) sqlite3_column_text (stmt, 0);
      const char *language = (const char *) sqlite3_column_text (stmt, 1);
      const char *covered = (const char *) sqlite3_column_text (stmt, 2);
      g_autofree char *rewritten = shirabe_pseudonym_matcher_rewrite (matcher, covered, language,
                                                                      NULL);
      sqlite3_stmt *in_copy = NULL;
      const char *now;

      g_assert_cmpint (sqlite3_prepare_v2 (copy, "SELECT substr (n.text, c.start + 1,"
                                                 " c.end - c.start) FROM coding c"
                                                 " JOIN narrative n ON n.id = c.narrative_id"
                                                 " WHERE c.uuid = ?1", -1, &in_copy, NULL),
                       ==, SQLITE_OK);
      sqlite3_bind_text (in_copy, 1, uuid, -1, SQLITE_STATIC);
      g_assert_cmpint (sqlite3_step (in_copy), ==, SQLITE_ROW);
      now = (const char *) sqlite3_column_text (in_copy, 0);
      if (g_strcmp0 (now, rewritten) != 0)
        {
          /* Widened: the rewritten words are inside it. */
          g_autofree char *inner = g_strdup (rewritten);

          if (strstr (now, inner) == NULL)
            g_error ("coding %s covered “%s”, now “%s”", uuid, covered, now);
        }
      if (g_strcmp0 (covered, now) == 0)
        n_unchanged++;
      n_checked++;
      sqlite3_finalize (in_copy);
    }
  sqlite3_finalize (stmt);
  sqlite3_close (source);
  sqlite3_close (copy);
  g_assert_cmpuint (n_checked, ==, report->n_codings);
  g_assert_cmpuint (n_checked, >, 250);
  /* Some codings held names. */
  g_assert_cmpuint (n_unchanged, <, n_checked);
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *templates = NULL;
  g_autofree char *sample = NULL;

  g_test_init (&argc, &argv, NULL);

  templates = g_test_build_filename (G_TEST_DIST, "..", "..", "data", "templates", NULL);
  sample = g_test_build_filename (G_TEST_DIST, "..", "..", "data", "sample", NULL);
  g_setenv ("SHIRABE_TEMPLATE_DIR", templates, TRUE);
  g_setenv ("SHIRABE_SAMPLE_DIR", sample, TRUE);

  g_test_add_func ("/core/pseudonyms/offsets-equal-a-brute-force-recomputation",
                   test_offsets_equal_brute_force);
  g_test_add_func ("/core/pseudonyms/matching-rules", test_matching_rules);
  g_test_add ("/core/pseudonyms/table-edits-are-undoable", TestDir, NULL, test_dir_setup,
              test_table_edits_are_undoable, test_dir_teardown);
  g_test_add ("/core/pseudonyms/alignment-follows-the-rewriting", TestDir, NULL,
              test_dir_setup, test_alignment_follows_the_rewriting, test_dir_teardown);
  g_test_add ("/core/pseudonyms/older-project-migrates", TestDir, NULL, test_dir_setup,
              test_older_project_migrates, test_dir_teardown);
  g_test_add ("/core/pseudonyms/copy-of-generated-project-keeps-codings-and-no-names", TestDir,
              NULL, test_dir_setup, test_copy_of_generated_project, test_dir_teardown);
  g_test_add ("/core/pseudonyms/refuses-without-confirmed-entries", TestDir, NULL,
              test_dir_setup, test_refuses_without_confirmed_entries, test_dir_teardown);
  g_test_add ("/core/pseudonyms/sample-copy-has-none-of-its-names", TestDir, NULL,
              test_dir_setup, test_sample_copy_has_none_of_its_names, test_dir_teardown);

  return g_test_run ();
}
