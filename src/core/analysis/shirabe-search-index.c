/* shirabe-search-index.c: search hits from the trigram index alone
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "shirabe-project-private.h"
#include "shirabe-search-private.h"

/* Hits from the index alone. When every term of the query (to find or to leave out) is one
 * word of three characters or more, searched without folding, whose cased letters are ASCII
 * (index_can_find()), the trigram index says where each occurs: its vocabulary, read as instances (a temporary
 * fts5vocab table, which leaves the project file as it is), gives every (narrative, offset)
 * of a trigram, and the trigram tokenizer makes one token per character, so the offset is the
 * code point. A term is where its trigrams at 0, 3, 6... and its last one all line up. No text
 * is read: the cost follows the number of occurrences, not the size of the corpus. Returns
 * FALSE, with nothing added, when the query does not qualify or the index cannot be asked;
 * the scan then answers. */
/* Whether the index's instances can find @term: one word of three characters or more, nothing
 * folded beyond case, and no cased letter but ASCII ones (which the index lowers as this file
 * does), unless whole words are asked for (that needs the characters around). */
static gboolean
index_can_find (const ShirabeSearchTerm         *term,
                ShirabeSearchFlags  flags)
{
  GArray *word;

  if (term->words->len != 1 || term->longest < 3 ||
      (flags & (SHIRABE_SEARCH_FOLD_WIDTH | SHIRABE_SEARCH_FOLD_KANA)) != 0)
    return FALSE;
  if (!term->latin)
    return TRUE;
  if (flags & SHIRABE_SEARCH_WHOLE_WORDS)
    return FALSE;
  word = g_ptr_array_index (term->words, 0);
  for (guint i = 0; i < word->len; i++)
    {
      gunichar c = g_array_index (word, gunichar, i);

      if (c >= 0x80 && (g_unichar_tolower (c) != c || g_unichar_toupper (c) != c))
        return FALSE;
    }
  return TRUE;
}

static gboolean
index_qualifies (ShirabeSearchQuery *query)
{
  for (guint g = 0; g < query->groups->len; g++)
    {
      GPtrArray *group = g_ptr_array_index (query->groups, g);

      for (guint t = 0; t < group->len; t++)
        {
          if (!index_can_find (g_ptr_array_index (group, t), query->flags))
            return FALSE;
        }
    }
  for (guint t = 0; t < query->nots->len; t++)
    {
      if (!index_can_find (g_ptr_array_index (query->nots, t), query->flags))
        return FALSE;
    }
  return TRUE;
}

static gboolean
ensure_instance_table (ShirabeProject *project)
{
  sqlite3 *db = shirabe_project_get_db (project);
  sqlite3_stmt *stmt = NULL;
  gboolean query_only = FALSE;
  int rc;

  if (sqlite3_prepare_v2 (db, "SELECT 1 FROM temp.sqlite_schema WHERE name = 'shirabe_fts_instance'",
                          -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    {
      sqlite3_finalize (stmt);
      return TRUE;
    }
  sqlite3_finalize (stmt);
  stmt = NULL;
  /* A read-only project runs with query_only, which refuses even a temporary table; the table
   * lives in memory, apart from the file. */
  if (sqlite3_prepare_v2 (db, "PRAGMA query_only", -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    query_only = sqlite3_column_int (stmt, 0) != 0;
  sqlite3_finalize (stmt);
  if (query_only)
    sqlite3_exec (db, "PRAGMA query_only = OFF", NULL, NULL, NULL);
  rc = sqlite3_exec (db, "CREATE VIRTUAL TABLE temp.shirabe_fts_instance"
                         " USING fts5vocab (main, narrative_fts, instance)", NULL, NULL, NULL);
  if (query_only)
    sqlite3_exec (db, "PRAGMA query_only = ON", NULL, NULL, NULL);
  return rc == SQLITE_OK;
}

static void
free_places (GHashTable *places)
{
  GHashTableIter iter;
  gpointer key;

  g_hash_table_iter_init (&iter, places);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_free (key);
  g_hash_table_unref (places);
}

/* (narrative << 32 | offset) of every instance of the trigram @chars[0..2] in the texts. */
static GHashTable *
trigram_places (ShirabeProject *project,
                const gunichar *chars,
                GError        **error)
{
  g_autofree char *trigram = g_ucs4_to_utf8 (chars, 3, NULL, NULL, NULL);
  GHashTable *places = g_hash_table_new (g_int64_hash, g_int64_equal);
  sqlite3_stmt *stmt;
  int rc;

  stmt = shirabe_project_prepare (project,
                                  "SELECT doc, offset FROM temp.shirabe_fts_instance"
                                  " WHERE term = ?1 AND col = 'text'", error);
  if (stmt == NULL)
    {
      g_hash_table_unref (places);
      return NULL;
    }
  shirabe_bind_text (stmt, 1, trigram);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 key = (sqlite3_column_int64 (stmt, 0) << 32) | sqlite3_column_int64 (stmt, 1);

      g_hash_table_add (places, g_memdup2 (&key, sizeof key));
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      free_places (places);
      shirabe_project_set_sqlite_error (project, rc, error);
      return NULL;
    }
  return places;
}

/* Appends the hits of @term (start, start + length) to @hits, in no order. */
static gboolean
index_term_hits (ShirabeProject *project,
                 const ShirabeSearchTerm     *term,
                 GArray         *hits,
                 GError        **error)
{
  GArray *word = g_ptr_array_index (term->words, 0);
  const gunichar *chars = (const gunichar *) word->data;
  guint n = word->len;
  GHashTable *first = trigram_places (project, chars, error);
  GPtrArray *others = g_ptr_array_new_with_free_func ((GDestroyNotify) free_places);
  g_autoptr(GArray) shifts = g_array_new (FALSE, FALSE, sizeof (guint));
  GHashTableIter iter;
  gpointer key;

  if (first == NULL)
    {
      g_ptr_array_unref (others);
      return FALSE;
    }
  /* Trigrams at 3, 6... and the last, so that every character of the term is checked. */
  for (guint at = 3; at + 3 < n; at += 3)
    g_array_append_val (shifts, at);
  if (n > 3)
    {
      guint last = n - 3;

      g_array_append_val (shifts, last);
    }
  for (guint i = 0; i < shifts->len; i++)
    {
      GHashTable *places = trigram_places (project, chars + g_array_index (shifts, guint, i),
                                           error);

      if (places == NULL)
        {
          free_places (first);
          g_ptr_array_unref (others);
          return FALSE;
        }
      g_ptr_array_add (others, places);
    }
  g_hash_table_iter_init (&iter, first);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      gint64 place = *(gint64 *) key;
      gboolean all = TRUE;

      for (guint i = 0; i < others->len && all; i++)
        {
          gint64 wanted = place + g_array_index (shifts, guint, i);

          all = g_hash_table_contains (g_ptr_array_index (others, i), &wanted);
        }
      if (all)
        {
          ShirabeSearchSpan hit = { place >> 32, place & 0xffffffff, (place & 0xffffffff) + n };

          g_array_append_val (hits, hit);
        }
    }
  free_places (first);
  g_ptr_array_unref (others);
  return TRUE;
}

/* The narratives with at least one of @hits. */
static GHashTable *
narratives_of (GArray *hits)
{
  GHashTable *set = g_hash_table_new (g_int64_hash, g_int64_equal);

  for (guint i = 0; i < hits->len; i++)
    g_hash_table_add (set, &g_array_index (hits, ShirabeSearchSpan, i).narrative_id);
  return set;
}

gboolean
shirabe_search_index_can_answer (ShirabeProject     *project,
                                 ShirabeSearchQuery *query)
{
  return index_qualifies (query) && ensure_instance_table (project);
}

gboolean
shirabe_search_by_index (ShirabeProject     *project,
                         ShirabeSearchQuery *query,
                         GArray             *out,
                         GError            **error)
{
  g_autoptr(GPtrArray) group_hits = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  g_autoptr(GPtrArray) group_sets = g_ptr_array_new_with_free_func ((GDestroyNotify) g_hash_table_unref);
  g_autoptr(GPtrArray) not_sets = g_ptr_array_new_with_free_func ((GDestroyNotify) g_hash_table_unref);
  g_autoptr(GPtrArray) not_hits = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  g_autoptr(GArray) all = g_array_new (FALSE, FALSE, sizeof (ShirabeSearchSpan));

  for (guint g = 0; g < query->groups->len; g++)
    {
      GPtrArray *group = g_ptr_array_index (query->groups, g);
      GArray *hits = g_array_new (FALSE, FALSE, sizeof (ShirabeSearchSpan));

      g_ptr_array_add (group_hits, hits);
      for (guint t = 0; t < group->len; t++)
        if (!index_term_hits (project, g_ptr_array_index (group, t), hits, error))
          return FALSE;
      g_ptr_array_add (group_sets, narratives_of (hits));
    }
  for (guint t = 0; t < query->nots->len; t++)
    {
      GArray *hits = g_array_new (FALSE, FALSE, sizeof (ShirabeSearchSpan));

      g_ptr_array_add (not_hits, hits);
      if (!index_term_hits (project, g_ptr_array_index (query->nots, t), hits, error))
        return FALSE;
      g_ptr_array_add (not_sets, narratives_of (hits));
    }
  /* A hit counts when its narrative has every group and none of the terms left out. */
  for (guint g = 0; g < group_hits->len; g++)
    {
      GArray *hits = g_ptr_array_index (group_hits, g);

      for (guint i = 0; i < hits->len; i++)
        {
          const ShirabeSearchSpan *hit = &g_array_index (hits, ShirabeSearchSpan, i);
          gboolean keep = TRUE;

          for (guint k = 0; k < group_sets->len && keep; k++)
            keep = g_hash_table_contains (g_ptr_array_index (group_sets, k), &hit->narrative_id);
          for (guint k = 0; k < not_sets->len && keep; k++)
            keep = !g_hash_table_contains (g_ptr_array_index (not_sets, k), &hit->narrative_id);
          if (keep)
            g_array_append_val (all, *hit);
        }
    }
  g_array_sort (all, shirabe_search_span_compare);
  /* Grouped by narrative, by position, each place once: as the scan gives them. */
  for (guint i = 0; i < all->len; i++)
    {
      const ShirabeSearchSpan *hit = &g_array_index (all, ShirabeSearchSpan, i);

      if (out->len > 0 && shirabe_search_span_compare (hit, &g_array_index (out, ShirabeSearchSpan, out->len - 1)) == 0)
        continue;
      g_array_append_val (out, *hit);
    }
  return TRUE;
}
