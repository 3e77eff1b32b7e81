/* test-search.c: the search over every narrative, against a plain scan, and Code All Hits
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "test-util.h"
#include "shirabe-project-private.h"
#include "shirabe-search-private.h"

/* Characters the generated texts are made of: kanji, kana, Latin in both cases, a character
 * outside the BMP, punctuation and line breaks. */
static const char *alphabet[] = {
  "借", "金", "返", "済", "旅", "券", "警", "察", "が", "カ", "ガ", "ｶ", "ﾞ", "a", "b", "A", "B",
  "𠮷", "。", " ", "\n", "ａ", "Ｂ", "é",
};

typedef struct
{
  ShirabeProject *project;
  GPtrArray      *texts;      /* char *, by narrative id - 1 */
  GArray         *ids;
} Corpus;

static char *
random_text (GRand *rand,
             guint  length)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < length; i++)
    g_string_append (text, alphabet[g_rand_int_range (rand, 0, G_N_ELEMENTS (alphabet))]);
  /* As import stores text: NFC. */
  {
    char *nfc = g_utf8_normalize (text->str, -1, G_NORMALIZE_NFC);

    g_string_free (text, TRUE);
    return nfc;
  }
}

static void
corpus_make (TestDir *fixture,
             Corpus  *corpus,
             guint    n_narratives)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = test_dir_path (fixture, "search.shirabe");
  g_autoptr(GRand) rand = g_rand_new_with_seed (11);
  gint64 case_id;

  corpus->project = shirabe_project_create (path, NULL, SHIRABE_PROJECT_DEFAULT, &error);
  g_assert_no_error (error);
  corpus->texts = g_ptr_array_new_with_free_func (g_free);
  corpus->ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  case_id = shirabe_project_add_case (corpus->project, "Case", &error);
  g_assert_no_error (error);
  for (guint i = 0; i < n_narratives; i++)
    {
      ShirabeNarrativeSpec spec = { 0 };
      g_autofree char *title = g_strdup_printf ("N%u", i);
      char *text = random_text (rand, g_rand_int_range (rand, 1, 400));
      gint64 id;

      spec.case_id = case_id;
      spec.title = title;
      spec.text = text;
      id = shirabe_project_add_narrative (corpus->project, &spec, &error);
      g_assert_no_error (error);
      g_ptr_array_add (corpus->texts, text);
      g_array_append_val (corpus->ids, id);
    }
}

static void
corpus_clear (Corpus *corpus)
{
  g_clear_object (&corpus->project);
  g_clear_pointer (&corpus->texts, g_ptr_array_unref);
  g_clear_pointer (&corpus->ids, g_array_unref);
}

/* "narrative:start-end" of every occurrence of @needle (Latin case ignored), by a plain scan. */
static void
plain_scan (Corpus     *corpus,
            const char *needle,
            GString    *out)
{
  glong n_needle = 0;
  g_autofree char *nfc = g_utf8_normalize (needle, -1, G_NORMALIZE_NFC);
  g_autofree gunichar *pattern = g_utf8_to_ucs4_fast (nfc, -1, &n_needle);

  for (guint k = 0; k < corpus->texts->len; k++)
    {
      glong n = 0;
      g_autofree gunichar *chars = g_utf8_to_ucs4_fast (g_ptr_array_index (corpus->texts, k), -1,
                                                        &n);

      for (glong i = 0; i + n_needle <= n; i++)
        {
          glong j = 0;

          while (j < n_needle && g_unichar_tolower (chars[i + j]) == g_unichar_tolower (pattern[j]))
            j++;
          if (j == n_needle)
            g_string_append_printf (out, "%" G_GINT64_FORMAT ":%ld-%ld ",
                                    g_array_index (corpus->ids, gint64, k), i, i + n_needle);
        }
    }
}

static void
search_to_string (ShirabeProject     *project,
                  const char         *query_text,
                  ShirabeSearchFlags  flags,
                  GString            *out)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ShirabeSearchQuery) query = NULL;
  g_autoptr(ShirabeSearchResults) results = NULL;
  GListModel *model;

  query = shirabe_search_query_parse (query_text, flags, &error);
  g_assert_no_error (error);
  results = shirabe_search_results_new (project, query, 10, &error);
  g_assert_no_error (error);
  model = G_LIST_MODEL (results);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(ShirabeSearchHit) hit = g_list_model_get_item (model, i);

      g_string_append_printf (out, "%" G_GINT64_FORMAT ":%" G_GINT64_FORMAT "-%" G_GINT64_FORMAT " ",
                              shirabe_search_hit_get_narrative_id (hit),
                              shirabe_search_hit_get_start (hit),
                              shirabe_search_hit_get_end (hit));
    }
}

/* Every term of one to four characters drawn from the texts themselves: the search finds
 * exactly what a plain scan finds, whether the index or a scan answers. */
static void
test_every_term_finds_what_a_plain_scan_finds (TestDir       *fixture,
                                               gconstpointer  data)
{
  Corpus corpus = { 0 };
  g_autoptr(GRand) rand = g_rand_new_with_seed (5);

  corpus_make (fixture, &corpus, 60);
  for (guint round = 0; round < 300; round++)
    {
      const char *source = g_ptr_array_index (corpus.texts,
                                              g_rand_int_range (rand, 0, corpus.texts->len));
      glong n = g_utf8_strlen (source, -1);
      glong length = g_rand_int_range (rand, 1, 5);
      glong start = n > length ? g_rand_int_range (rand, 0, n - length) : 0;
      const char *from = g_utf8_offset_to_pointer (source, start);
      g_autofree char *term = g_strndup (from,
                                         g_utf8_offset_to_pointer (from, MIN (length, n)) - from);
      g_autoptr(GString) expected = g_string_new (NULL);
      g_autoptr(GString) got = g_string_new (NULL);

      /* White space, quotes and a leading dash are query syntax; "OR" is a word. */
      if (strpbrk (term, " \n\"") != NULL || term[0] == '-' || *term == '\0' ||
          strcmp (term, "OR") == 0)
        continue;
      plain_scan (&corpus, term, expected);
      search_to_string (corpus.project, term, SHIRABE_SEARCH_DEFAULT, got);
      if (strcmp (expected->str, got->str) != 0)
        g_error ("“%s”: a plain scan finds %s, the search %s", term, expected->str, got->str);
    }
  corpus_clear (&corpus);
}

/* The corpus's texts and ids in the project's order (case, narrative), as the search gives
 * its hits. */
static void
corpus_in_project_order (Corpus *corpus)
{
  GPtrArray *texts = g_ptr_array_new_with_free_func (g_free);
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (shirabe_project_get_db (corpus->project),
                                       "SELECT n.id FROM narrative n JOIN cases c "
                                       "ON c.id = n.case_id "
                                       "ORDER BY c.position, c.id, n.position, n.id", -1, &stmt,
                                       NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      for (guint k = 0; k < corpus->ids->len; k++)
        if (g_array_index (corpus->ids, gint64, k) == id)
          {
            g_ptr_array_add (texts, g_strdup (g_ptr_array_index (corpus->texts, k)));
            g_array_append_val (ids, id);
          }
    }
  sqlite3_finalize (stmt);
  g_assert_cmpuint (ids->len, ==, corpus->ids->len);
  g_ptr_array_unref (corpus->texts);
  g_array_unref (corpus->ids);
  corpus->texts = texts;
  corpus->ids = ids;
}

/* The scan shares the narratives between threads, each on a connection of its own: whatever
 * the number of threads, its hits are those of a plain scan, in the project's order (which is
 * not the order of the narratives' ids here), with hits at both ends of texts and after
 * characters outside the BMP counted right. */
static void
test_threads_find_in_project_order_what_a_plain_scan_finds (TestDir       *fixture,
                                                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = test_dir_path (fixture, "threads.shirabe");
  g_autoptr(GRand) rand = g_rand_new_with_seed (23);
  Corpus corpus = { 0 };
  gint64 cases[3];
  /* 借 and 察 end in the same byte: searching 金借 or 済察, memchr() on it stops often in the
   * long texts, and the search goes on with memmem() midway. */
  const char *terms[] = { "借", "金", "借金", "𠮷", "𠮷借", "ガ", "a", "Ab", "é", "金借", "済察",
                          "𠮷察" };
  const char *folded_terms[] = { "ｶﾞ", "が", "ａ", "借金" };
  g_autoptr(GString) expected = g_string_new (NULL);
  guint previous;

  corpus.project = shirabe_project_create (path, NULL, SHIRABE_PROJECT_DEFAULT, &error);
  g_assert_no_error (error);
  corpus.texts = g_ptr_array_new_with_free_func (g_free);
  corpus.ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      g_autofree char *name = g_strdup_printf ("Case %u", c);

      cases[c] = shirabe_project_add_case (corpus.project, name, &error);
      g_assert_no_error (error);
    }
  for (guint i = 0; i < 40; i++)
    {
      ShirabeNarrativeSpec spec = { 0 };
      g_autofree char *title = g_strdup_printf ("N%u", i);
      g_autofree char *body = random_text (rand, g_rand_int_range (rand, 1, i % 7 == 0 ? 8000
                                                                                    : 300));
      /* Some texts begin and end with a term; one is the term alone. */
      char *text = i == 5 ? g_strdup ("借金")
                   : i % 3 == 0 ? g_strconcat ("借金", body, "𠮷借金", NULL)
                   : g_strdup (body);
      gint64 id;

      spec.case_id = cases[g_rand_int_range (rand, 0, G_N_ELEMENTS (cases))];
      spec.title = title;
      spec.text = text;
      id = shirabe_project_add_narrative (corpus.project, &spec, &error);
      g_assert_no_error (error);
      g_ptr_array_add (corpus.texts, text);
      g_array_append_val (corpus.ids, id);
    }
  /* The last case first: the project's order is not the ids'. */
  g_assert_true (shirabe_project_move_case (corpus.project, cases[2], 0, &error));
  g_assert_no_error (error);
  corpus_in_project_order (&corpus);

  previous = shirabe_search_set_max_threads (1);
  for (guint t = 0; t < G_N_ELEMENTS (terms); t++)
    for (guint threads = 1; threads <= 4; threads++)
      {
        g_autoptr(GString) got = g_string_new (NULL);

        g_string_truncate (expected, 0);
        plain_scan (&corpus, terms[t], expected);
        shirabe_search_set_max_threads (threads);
        search_to_string (corpus.project, terms[t], SHIRABE_SEARCH_DEFAULT, got);
        if (strcmp (expected->str, got->str) != 0)
          g_error ("“%s” in %u threads: a plain scan finds %s, the search %s", terms[t], threads,
                   expected->str, got->str);
      }
  /* Folded, the threads find what one finds. */
  for (guint t = 0; t < G_N_ELEMENTS (folded_terms); t++)
    {
      ShirabeSearchFlags flags = SHIRABE_SEARCH_FOLD_WIDTH | SHIRABE_SEARCH_FOLD_KANA;

      g_string_truncate (expected, 0);
      shirabe_search_set_max_threads (1);
      search_to_string (corpus.project, folded_terms[t], flags, expected);
      g_assert_cmpuint (expected->len, >, 0);
      for (guint threads = 2; threads <= 4; threads++)
        {
          g_autoptr(GString) got = g_string_new (NULL);

          shirabe_search_set_max_threads (threads);
          search_to_string (corpus.project, folded_terms[t], flags, got);
          g_assert_cmpstr (got->str, ==, expected->str);
        }
    }
  shirabe_search_set_max_threads (previous);
  corpus_clear (&corpus);
}

/* Inside an edit, the search sees the edit's texts, which no other connection can see yet:
 * the scan then runs on the project's own connection alone. */
static void
test_search_inside_an_edit_sees_its_text (TestDir       *fixture,
                                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = test_dir_path (fixture, "edit.shirabe");
  g_autoptr(ShirabeProject) project = shirabe_project_create (path, NULL,
                                                              SHIRABE_PROJECT_DEFAULT, &error);
  g_autoptr(ShirabeSearchQuery) query = NULL;
  g_autoptr(ShirabeSearchResults) results = NULL;
  g_autoptr(GString) text = g_string_new ("借金の話");
  ShirabeNarrativeSpec spec = { 0 };
  guint previous = shirabe_search_set_max_threads (2);

  g_assert_no_error (error);
  spec.case_id = shirabe_project_add_case (project, "Case", &error);
  spec.title = "Committed";
  spec.text = "旅券と借金";
  g_assert_cmpint (shirabe_project_add_narrative (project, &spec, &error), >, 0);
  g_assert_no_error (error);

  /* Enough narratives that a second thread would take some, were it to run. */
  for (guint i = 0; i < 2000; i++)
    g_string_append (text, "。旅券を取られた");
  g_assert_true (shirabe_project_begin_edit (project, &error));
  for (guint i = 0; i < 200; i++)
    {
      g_autofree char *title = g_strdup_printf ("In the edit %u", i);

      spec.title = title;
      spec.text = text->str;
      g_assert_cmpint (shirabe_project_add_narrative (project, &spec, &error), >, 0);
      g_assert_no_error (error);
    }
  query = shirabe_search_query_parse ("借金", SHIRABE_SEARCH_DEFAULT, &error);
  results = shirabe_search_results_new (project, query, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (results)), ==, 201);
  g_assert_cmpuint (shirabe_search_results_get_n_narratives (results), ==, 201);
  g_assert_true (shirabe_project_end_edit (project, TRUE, "Test", &error));
  g_assert_no_error (error);
  shirabe_search_set_max_threads (previous);
}

/* Hits over one narrative made for the purpose, as "start-end" strings. */
static char *
hits_in (const char         *text,
         const char         *query,
         ShirabeSearchFlags  flags)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_strdup_printf ("%s/one-%u.shirabe", g_get_tmp_dir (),
                                           g_random_int ());
  g_autoptr(ShirabeProject) project = shirabe_project_create (path, NULL,
                                                              SHIRABE_PROJECT_DEFAULT, &error);
  ShirabeNarrativeSpec spec = { 0 };
  g_autoptr(GString) out = g_string_new (NULL);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);

  g_assert_no_error (error);
  spec.case_id = shirabe_project_add_case (project, "Case", &error);
  spec.title = "One";
  spec.text = text;
  g_assert_cmpint (shirabe_project_add_narrative (project, &spec, &error), >, 0);
  g_assert_no_error (error);
  search_to_string (project, query, flags, out);
  shirabe_project_close (project, NULL);
  g_clear_object (&project);
  g_unlink (path);
  g_unlink (wal);
  g_unlink (shm);
  return g_strdup (g_strstrip (out->str));
}

#define ASSERT_HITS(text, query, flags, expected) \
  G_STMT_START { \
    g_autofree char *got_ = hits_in (text, query, flags); \
    g_assert_cmpstr (got_, ==, expected); \
  } G_STMT_END

static void
test_width_and_kana_folding_are_options (TestDir       *fixture,
                                         gconstpointer  data)
{
  /* ｶﾀｶﾅ is two code points per voiced kana: the hit spans them in the stored text. */
  ASSERT_HITS ("ｶﾞｲｺｸｼﾞﾝ、ガイコクジン、がいこくじん", "ガイコクジン", SHIRABE_SEARCH_DEFAULT,
               "1:9-15");
  ASSERT_HITS ("ｶﾞｲｺｸｼﾞﾝ、ガイコクジン、がいこくじん", "ガイコクジン", SHIRABE_SEARCH_FOLD_WIDTH,
               "1:0-8 1:9-15");
  ASSERT_HITS ("ｶﾞｲｺｸｼﾞﾝ、ガイコクジン、がいこくじん", "ガイコクジン",
               SHIRABE_SEARCH_FOLD_WIDTH | SHIRABE_SEARCH_FOLD_KANA, "1:0-8 1:9-15 1:16-22");
  ASSERT_HITS ("ＮＧＯ and NGO and ngo", "ngo", SHIRABE_SEARCH_DEFAULT, "1:8-11 1:16-19");
  ASSERT_HITS ("ＮＧＯ and NGO and ngo", "ngo", SHIRABE_SEARCH_FOLD_WIDTH, "1:0-3 1:8-11 1:16-19");
}

static void
test_phrases_or_not_and_whole_words (TestDir       *fixture,
                                     gconstpointer  data)
{
  /* A phrase matches across a line break; OR finds either; -term leaves a narrative out. */
  ASSERT_HITS ("debt\nbondage and debt  bondage", "\"debt bondage\"", SHIRABE_SEARCH_DEFAULT,
               "1:0-12 1:17-30");
  ASSERT_HITS ("借金と旅券", "借金 OR 警察", SHIRABE_SEARCH_DEFAULT, "1:0-2");
  ASSERT_HITS ("借金と旅券", "借金 警察", SHIRABE_SEARCH_DEFAULT, "");
  ASSERT_HITS ("借金と旅券", "借金 -旅券", SHIRABE_SEARCH_DEFAULT, "");
  ASSERT_HITS ("借金と旅券", "借金 -警察", SHIRABE_SEARCH_DEFAULT, "1:0-2");
  ASSERT_HITS ("debt debtor", "debt", SHIRABE_SEARCH_WHOLE_WORDS, "1:0-4");
  ASSERT_HITS ("debt debtor", "debt", SHIRABE_SEARCH_DEFAULT, "1:0-4 1:5-9");
  /* Whole words apply to Latin script only: a Japanese term is found inside words. */
  ASSERT_HITS ("多額の借金があった", "借金", SHIRABE_SEARCH_WHOLE_WORDS, "1:3-5");
  /* Outside the BMP, a character counts once. */
  ASSERT_HITS ("𠮷野の借金", "借金", SHIRABE_SEARCH_DEFAULT, "1:3-5");
  /* FTS5 syntax is text: nothing is passed to it raw. */
  ASSERT_HITS ("a NEAR(b c) * d \"e\"", "NEAR(b", SHIRABE_SEARCH_DEFAULT, "1:2-8");
  ASSERT_HITS ("x AND y ^z col:ab", "col:ab", SHIRABE_SEARCH_DEFAULT, "1:11-17");
  ASSERT_HITS ("x AND y ^z", "AND", SHIRABE_SEARCH_DEFAULT, "1:2-5");
}

static void
test_malformed_queries_say_what_is_wrong (TestDir       *fixture,
                                          gconstpointer  data)
{
  const struct { const char *query; const char *message; } cases[] = {
    { "\"debt bondage", "A quote is not closed" },
    { "", "The search is empty" },
    { "   ", "The search is empty" },
    { "-借金", "only terms to leave out" },
    { "借金 OR", "OR needs a term on each side" },
    { "OR 借金", "OR needs a term on each side" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(ShirabeSearchQuery) query = shirabe_search_query_parse (cases[i].query,
                                                                        SHIRABE_SEARCH_DEFAULT,
                                                                        &error);

      g_assert_null (query);
      g_assert_error (error, SHIRABE_ERROR, SHIRABE_ERROR_INVALID);
      if (strstr (error->message, cases[i].message) == NULL)
        g_error ("“%s”: “%s” does not say “%s”", cases[i].query, error->message,
                 cases[i].message);
    }
}

static guint
count_codings (ShirabeProject *project)
{
  g_autoptr(GPtrArray) codings = shirabe_project_list_codings (project, 0, NULL);

  return codings->len;
}

static void
test_code_all_hits_is_one_undo_step (TestDir       *fixture,
                                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = test_dir_path (fixture, "autocode.shirabe");
  g_autoptr(ShirabeProject) project = shirabe_project_create (path, NULL,
                                                              SHIRABE_PROJECT_DEFAULT, &error);
  g_autoptr(ShirabeSearchQuery) query = NULL;
  g_autoptr(ShirabeSearchResults) results = NULL;
  g_autoptr(GPtrArray) codings = NULL;
  ShirabeNarrativeSpec spec = { 0 };
  ShirabeCodeSpec code = { 0 };
  gint64 code_id;
  guint added = 0;
  guint skipped = 0;

  g_assert_no_error (error);
  spec.case_id = shirabe_project_add_case (project, "Case", &error);
  spec.title = "Interview";
  spec.text = "借金があった。借金は増えた。\n旅券を取られた。借金の話。";
  g_assert_cmpint (shirabe_project_add_narrative (project, &spec, &error), >, 0);
  code.label_en = "Debt bondage";
  code_id = shirabe_project_add_code (project, &code, &error);
  g_assert_no_error (error);

  query = shirabe_search_query_parse ("借金", SHIRABE_SEARCH_DEFAULT, &error);
  results = shirabe_search_results_new (project, query, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (results)), ==, 3);

  /* Expanded to sentences: three sentences, each coded once. */
  g_assert_true (shirabe_project_autocode (project, results, code_id, "Aiko",
                                           SHIRABE_EXPAND_SENTENCE, &added, &skipped, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (added, ==, 3);
  g_assert_cmpuint (skipped, ==, 0);
  codings = shirabe_project_list_codings (project, 0, &error);
  g_assert_cmpuint (codings->len, ==, 3);
  g_assert_cmpint (((ShirabeCoding *) g_ptr_array_index (codings, 0))->start, ==, 0);
  g_assert_cmpint (((ShirabeCoding *) g_ptr_array_index (codings, 0))->end, ==, 7);

  /* Again: everything is coded already, nothing is added and no step is made. */
  g_assert_true (shirabe_project_autocode (project, results, code_id, "Aiko",
                                           SHIRABE_EXPAND_NONE, &added, &skipped, &error));
  g_assert_cmpuint (added, ==, 0);
  g_assert_cmpuint (skipped, ==, 3);

  /* Paragraphs: the two lines, once each, for another coder. */
  g_assert_true (shirabe_project_autocode (project, results, code_id, "Ben",
                                           SHIRABE_EXPAND_PARAGRAPH, &added, &skipped, &error));
  g_assert_cmpuint (added, ==, 2);
  g_assert_cmpuint (skipped, ==, 1);
  g_assert_cmpuint (count_codings (project), ==, 5);

  /* One undo takes back one Code All Hits, and redo brings it again. */
  g_assert_true (shirabe_project_undo (project, &error));
  g_assert_cmpuint (count_codings (project), ==, 3);
  g_assert_true (shirabe_project_undo (project, &error));
  g_assert_cmpuint (count_codings (project), ==, 0);
  g_assert_true (shirabe_project_redo (project, &error));
  g_assert_cmpuint (count_codings (project), ==, 3);
  g_assert_no_error (error);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, TestDir, NULL, test_dir_setup, func, test_dir_teardown)

  ADD ("/core/search/every-term-finds-what-a-plain-scan-finds",
       test_every_term_finds_what_a_plain_scan_finds);
  ADD ("/core/search/threads-find-in-project-order-what-a-plain-scan-finds",
       test_threads_find_in_project_order_what_a_plain_scan_finds);
  ADD ("/core/search/search-inside-an-edit-sees-its-text", test_search_inside_an_edit_sees_its_text);
  ADD ("/core/search/width-and-kana-folding-are-options", test_width_and_kana_folding_are_options);
  ADD ("/core/search/phrases-or-not-and-whole-words", test_phrases_or_not_and_whole_words);
  ADD ("/core/search/malformed-queries-say-what-is-wrong",
       test_malformed_queries_say_what_is_wrong);
  ADD ("/core/search/code-all-hits-is-one-undo-step", test_code_all_hits_is_one_undo_step);

  return g_test_run ();
}
