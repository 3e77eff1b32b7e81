/* shirabe-pseudonym-suggest.c: names the pseudonym table may want, found in the project
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Four kinds, most likely first: each case's name (without a bracketed note, "Kanya
 * (Thailand)" → "Kanya"); a word before an honorific (the kanji, katakana or Latin letters
 * right before さん, 氏, 様, 君, ちゃん); runs of katakana of two or more (with ・ between parts);
 * sequences of capitalised Latin words. A Latin word also written in lower case somewhere
 * ("The", "Interviewer" at a sentence's start are common words) or on a short stop list is
 * left out. Nothing is added: the researcher confirms each.
 */
#include "config.h"

#include <string.h>

#include "shirabe-pseudonyms.h"

#include "shirabe-fold.h"
#include "shirabe-i18n.h"
#include "shirabe-project-private.h"

const char *
shirabe_name_kind_describe (ShirabeNameKind kind)
{
  switch (kind)
    {
    case SHIRABE_NAME_CASE:
      return C_("name found", "case name");
    case SHIRABE_NAME_HONORIFIC:
      return C_("name found", "before an honorific");
    case SHIRABE_NAME_KATAKANA:
      return C_("name found", "katakana");
    case SHIRABE_NAME_LATIN:
    default:
      return C_("name found", "capitalised");
    }
}

/* Capitalised words that are rarely names, whatever the text. */
static const char * const latin_stop[] = {
  "a", "an", "and", "april", "at", "august", "but", "case", "city", "date", "december", "dr",
  "embassy", "english", "february", "for", "friday", "he", "her", "his", "i", "if", "in",
  "interviewer", "it", "january", "japan", "japanese", "july", "june", "march", "may", "miss",
  "monday", "mr", "mrs", "ms", "my", "no", "november", "october", "of", "on", "our", "place",
  "prefecture", "q", "respondent", "saturday", "september", "she", "so", "subject",
  "sunday", "that", "the", "their", "then", "there", "they", "this", "thursday", "to",
  "tuesday", "we", "wednesday", "when", "yes", "you",
};

/* Katakana words common in these narratives that are not names. */
static const char * const katakana_stop[] = {
  "アルバイト", "インターネット", "ウェブ", "オーナー", "カード", "クラブ", "サイト", "サービス",
  "シェルター", "スタッフ", "スナック", "スマートフォン", "タクシー", "タレント", "ダンス",
  "デート", "テレビ", "ネット", "バー", "パスポート", "ビザ", "ブローカー", "プロモーター",
  "プロモーション", "ホステス", "ホテル", "マネージャー", "ママ", "メール", "メッセージ",
  "レストラン", "ワゴン",
};

static const char * const honorific_marks[] = { "さん", "氏", "様", "君", "ちゃん" };

typedef struct
{
  GHashTable *found;     /* text → ShirabeNameSuggestion */
  GHashTable *lower;     /* Latin words seen in lower case */
  GHashTable *known;     /* folded real strings already in the table */
} Scan;

static char *
fold_key (const char *text)
{
  g_autofree gunichar *chars = NULL;
  g_autofree gunichar *folded = NULL;
  glong n = 0;
  gsize n_folded = 0;

  chars = g_utf8_to_ucs4_fast (text, -1, &n);
  folded = shirabe_fold (chars, n, SHIRABE_FOLD_CASE | SHIRABE_FOLD_WIDTH, &n_folded, NULL);
  return g_ucs4_to_utf8 (folded, n_folded, NULL, NULL, NULL);
}

static void
found (Scan            *scan,
       const char      *text,
       gssize           length,
       ShirabeNameKind  kind)
{
  g_autofree char *name = length < 0 ? g_strdup (text) : g_strndup (text, length);
  g_autofree char *key = NULL;
  ShirabeNameSuggestion *suggestion;

  g_strstrip (name);
  if (g_utf8_strlen (name, -1) < 2)
    return;
  key = fold_key (name);
  if (key == NULL || g_hash_table_contains (scan->known, key))
    return;
  suggestion = g_hash_table_lookup (scan->found, name);
  if (suggestion == NULL)
    {
      suggestion = g_new0 (ShirabeNameSuggestion, 1);
      suggestion->text = g_strdup (name);
      suggestion->kind = kind;
      g_hash_table_insert (scan->found, suggestion->text, suggestion);
    }
  else if (kind < suggestion->kind)
    suggestion->kind = kind;
  suggestion->count++;
}

static gboolean
is_katakana (gunichar c)
{
  return (c >= 0x30A1 && c <= 0x30FA) || c == 0x30FC;
}

static gboolean
is_name_char (gunichar c)
{
  GUnicodeScript script = g_unichar_get_script (c);

  return script == G_UNICODE_SCRIPT_HAN || is_katakana (c) || c == 0x30FB ||
         (g_unichar_isalpha (c) && script == G_UNICODE_SCRIPT_LATIN);
}

static gboolean
in_list (const char * const *list,
         gsize               n,
         const char         *text)
{
  for (gsize i = 0; i < n; i++)
    if (strcmp (list[i], text) == 0)
      return TRUE;
  return FALSE;
}

static void
scan_honorifics (Scan       *scan,
                 const char *text)
{
  for (guint h = 0; h < G_N_ELEMENTS (honorific_marks); h++)
    for (const char *at = strstr (text, honorific_marks[h]); at != NULL;
         at = strstr (at + 1, honorific_marks[h]))
      {
        const char *start = at;
        guint n = 0;

        /* At most eight characters back, of one kind of script run. */
        while (start > text && n < 8)
          {
            const char *previous = g_utf8_prev_char (start);

            if (!is_name_char (g_utf8_get_char (previous)))
              break;
            start = previous;
            n++;
          }
        if (n >= 1 && at - start > 0)
          found (scan, start, at - start, SHIRABE_NAME_HONORIFIC);
      }
}

static void
scan_katakana (Scan       *scan,
               const char *text)
{
  const char *p = text;

  while (*p != '\0')
    {
      const char *start;
      guint n = 0;

      if (!is_katakana (g_utf8_get_char (p)) || g_utf8_get_char (p) == 0x30FC)
        {
          p = g_utf8_next_char (p);
          continue;
        }
      start = p;
      while (*p != '\0')
        {
          gunichar c = g_utf8_get_char (p);
          const char *next = g_utf8_next_char (p);

          if (is_katakana (c))
            n++;
          else if (!(c == 0x30FB && is_katakana (g_utf8_get_char (next))))
            break;
          p = next;
        }
      if (n >= 2)
        {
          g_autofree char *word = g_strndup (start, p - start);

          if (!in_list (katakana_stop, G_N_ELEMENTS (katakana_stop), word))
            found (scan, start, p - start, SHIRABE_NAME_KATAKANA);
        }
    }
}

static gboolean
is_latin_letter (gunichar c)
{
  return g_unichar_isalpha (c) && g_unichar_get_script (c) == G_UNICODE_SCRIPT_LATIN;
}

/* Whether the Latin word [start, end) may be part of a name. */
static gboolean
name_like (Scan       *scan,
           const char *start,
           const char *end)
{
  g_autofree char *word = g_strndup (start, end - start);
  g_autofree char *lower = g_utf8_strdown (word, -1);
  gunichar first = g_utf8_get_char (start);
  const char *second = g_utf8_next_char (start);

  if (!g_unichar_isupper (first) || second >= end)
    return FALSE;
  /* "DELA CRUZ" is a name; "NGO", "ATN" are not, but cannot be told apart: kept, ranked by
   * frequency. Lower case after the capital is the usual case. */
  return !in_list (latin_stop, G_N_ELEMENTS (latin_stop), lower) &&
         !g_hash_table_contains (scan->lower, lower);
}

static void
scan_latin_lower (Scan       *scan,
                  const char *text)
{
  const char *p = text;

  while (*p != '\0')
    {
      const char *start = p;

      while (*p != '\0' && is_latin_letter (g_utf8_get_char (p)))
        p = g_utf8_next_char (p);
      if (p > start && g_unichar_islower (g_utf8_get_char (start)))
        g_hash_table_add (scan->lower, g_strndup (start, p - start));
      if (p == start)
        p = g_utf8_next_char (p);
    }
}

static void
scan_latin (Scan       *scan,
            const char *text)
{
  const char *p = text;

  while (*p != '\0')
    {
      const char *run_start = NULL;
      const char *run_end = NULL;

      /* A run of name-like words separated by single spaces. */
      for (;;)
        {
          const char *word = p;

          while (*p != '\0' && is_latin_letter (g_utf8_get_char (p)))
            p = g_utf8_next_char (p);
          if (p > word && (word == text || !is_latin_letter (g_utf8_get_char (
                             g_utf8_prev_char (word)))) && name_like (scan, word, p))
            {
              if (run_start == NULL)
                run_start = word;
              run_end = p;
              if (*p == ' ' && is_latin_letter (g_utf8_get_char (p + 1)))
                {
                  p++;
                  continue;
                }
            }
          break;
        }
      if (run_start != NULL)
        found (scan, run_start, run_end - run_start, SHIRABE_NAME_LATIN);
      if (*p != '\0')
        p = g_utf8_next_char (p);
    }
}

/* A case's name without its bracketed note. */
static char *
case_name (const char *name)
{
  const char *open = strchr (name, '(');
  const char *wide = strstr (name, "（");
  g_autofree char *bare = NULL;

  if (open == NULL || (wide != NULL && wide < open))
    open = wide;
  bare = open != NULL ? g_strndup (name, open - name) : g_strdup (name);
  return g_strstrip (g_steal_pointer (&bare));
}

static gint
compare_suggestions (gconstpointer a,
                     gconstpointer b)
{
  const ShirabeNameSuggestion *sa = *(ShirabeNameSuggestion * const *) a;
  const ShirabeNameSuggestion *sb = *(ShirabeNameSuggestion * const *) b;

  if (sa->kind != sb->kind)
    return sa->kind < sb->kind ? -1 : 1;
  if (sa->count != sb->count)
    return sa->count > sb->count ? -1 : 1;
  return g_strcmp0 (sa->text, sb->text);
}

GPtrArray *
shirabe_project_suggest_pseudonyms (ShirabeProject  *project,
                                    guint            limit,
                                    GError         **error)
{
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GHashTable) pseudonyms = NULL;
  GPtrArray *suggestions;
  Scan scan;
  sqlite3_stmt *stmt;
  GHashTableIter iter;
  gpointer value;
  guint next = 1;

  g_return_val_if_fail (SHIRABE_IS_PROJECT (project), NULL);

  entries = shirabe_project_list_pseudonyms (project, error);
  if (entries == NULL)
    return NULL;
  /* Keyed by each suggestion's own text; the suggestions are freed by their list. */
  scan.found = g_hash_table_new (g_str_hash, g_str_equal);
  scan.lower = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  scan.known = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  pseudonyms = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < entries->len; i++)
    {
      ShirabePseudonym *entry = g_ptr_array_index (entries, i);
      char *key = fold_key (entry->real);

      if (key != NULL)
        g_hash_table_add (scan.known, key);
      g_hash_table_add (pseudonyms, entry->pseudonym);
    }

  /* Lower-case words first, over every text, so that a sentence's first word is known. */
  stmt = shirabe_project_prepare (project, "SELECT title, text, memo FROM narrative", error);
  if (stmt == NULL)
    goto fail;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    for (int c = 0; c < 3; c++)
      scan_latin_lower (&scan, (const char *) sqlite3_column_text (stmt, c));
  sqlite3_reset (stmt);

  stmt = shirabe_project_prepare (project, "SELECT name FROM cases ORDER BY position, id", error);
  if (stmt == NULL)
    goto fail;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_autofree char *name = case_name ((const char *) sqlite3_column_text (stmt, 0));

      found (&scan, name, -1, SHIRABE_NAME_CASE);
    }
  sqlite3_reset (stmt);

  stmt = shirabe_project_prepare (project, "SELECT title, text, memo FROM narrative", error);
  if (stmt == NULL)
    goto fail;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    for (int c = 0; c < 3; c++)
      {
        const char *text = (const char *) sqlite3_column_text (stmt, c);

        if (text == NULL)
          continue;
        scan_honorifics (&scan, text);
        scan_katakana (&scan, text);
        scan_latin (&scan, text);
      }
  sqlite3_reset (stmt);

  suggestions = g_ptr_array_new_with_free_func ((GDestroyNotify) shirabe_name_suggestion_free);
  g_hash_table_iter_init (&iter, scan.found);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    g_ptr_array_add (suggestions, value);
  g_ptr_array_sort (suggestions, compare_suggestions);
  if (limit > 0 && suggestions->len > limit)
    g_ptr_array_set_size (suggestions, limit);
  /* Proposals that no entry uses yet: "Person 1", "Person 2"… */
  for (guint i = 0; i < suggestions->len; i++)
    {
      ShirabeNameSuggestion *suggestion = g_ptr_array_index (suggestions, i);

      do
        {
          g_free (suggestion->pseudonym);
          /* TRANSLATORS: a pseudonym proposed for a name found in the narratives */
          suggestion->pseudonym = g_strdup_printf (_("Person %u"), next++);
        }
      while (g_hash_table_contains (pseudonyms, suggestion->pseudonym));
    }
  g_hash_table_unref (scan.found);
  g_hash_table_unref (scan.lower);
  g_hash_table_unref (scan.known);
  return suggestions;

fail:
  g_hash_table_iter_init (&iter, scan.found);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    shirabe_name_suggestion_free (value);
  g_hash_table_unref (scan.found);
  g_hash_table_unref (scan.lower);
  g_hash_table_unref (scan.known);
  return NULL;
}
