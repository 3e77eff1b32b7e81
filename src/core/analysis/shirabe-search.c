/* shirabe-search.c: searching the text of every narrative, and coding what is found
 *
 * How it stays fast (docs/analysis/search.md says more), in the order tried: terms of three
 * characters or more with no cased letters but ASCII ones are found from the trigram index's
 * instances alone, no text read; other terms without cased letters in the stored UTF-8 as it
 * is (find_next()); Latin terms of three characters or more in the narratives the index names
 * (each word bound as one quoted FTS5 string, never the user's syntax); the rest by a scan over
 * folded code points, mapped back to the stored positions. The texts are read by
 * shirabe-search-scan.c. The tests check every route against a plain scan.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define _GNU_SOURCE  /* memmem() */
#include "shirabe-i18n.h"

#include <stdlib.h>
#include <string.h>

#include "shirabe-error.h"
#include "shirabe-fold.h"
#include "shirabe-project-private.h"
#include "shirabe-search-private.h"
#include "shirabe-sentence.h"

G_DEFINE_BOXED_TYPE (ShirabeSearchQuery, shirabe_search_query, shirabe_search_query_ref,
                     shirabe_search_query_unref)

static ShirabeFoldFlags
fold_flags (ShirabeSearchFlags flags)
{
  ShirabeFoldFlags fold = SHIRABE_FOLD_CASE;

  if (flags & SHIRABE_SEARCH_FOLD_WIDTH)
    fold |= SHIRABE_FOLD_WIDTH;
  if (flags & SHIRABE_SEARCH_FOLD_KANA)
    fold |= SHIRABE_FOLD_KANA;
  return fold;
}

static void
term_free (gpointer data)
{
  ShirabeSearchTerm *term = data;

  g_free (term->text);
  g_ptr_array_unref (term->words);
  g_free (term);
}

static ShirabeSearchTerm *
term_new (const char         *text,
          ShirabeSearchFlags  flags)
{
  ShirabeSearchTerm *term = g_new0 (ShirabeSearchTerm, 1);
  g_autofree char *nfc = g_utf8_normalize (text, -1, G_NORMALIZE_NFC);
  g_auto(GStrv) words = NULL;

  term->text = g_strdup (nfc);
  term->words = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  words = g_regex_split_simple ("\\s+", nfc, 0, 0);
  for (guint i = 0; words[i] != NULL; i++)
    {
      glong n_chars = 0;
      g_autofree gunichar *chars = NULL;
      g_autofree gunichar *folded = NULL;
      gsize n_folded = 0;
      GArray *word;

      if (*words[i] == '\0')
        continue;
      chars = g_utf8_to_ucs4_fast (words[i], -1, &n_chars);
      for (glong j = 0; j < n_chars; j++)
        if (g_unichar_tolower (chars[j]) != chars[j] || g_unichar_toupper (chars[j]) != chars[j])
          term->latin = TRUE;
      folded = shirabe_fold (chars, n_chars, fold_flags (flags), &n_folded, NULL);
      word = g_array_sized_new (FALSE, FALSE, sizeof (gunichar), n_folded);
      g_array_append_vals (word, folded, n_folded);
      term->longest = MAX (term->longest, n_folded);
      g_ptr_array_add (term->words, word);
    }
  return term;
}

/* Splits @text into tokens: words, "phrases", OR and -exclusions. */
ShirabeSearchQuery *
shirabe_search_query_parse (const char          *text,
                            ShirabeSearchFlags   flags,
                            GError             **error)
{
  g_autoptr(ShirabeSearchQuery) query = NULL;
  GPtrArray *group = NULL;
  gboolean after_or = FALSE;
  const char *p;

  g_return_val_if_fail (text != NULL, NULL);

  if (!g_utf8_validate (text, -1, NULL))
    {
      g_set_error_literal (error, SHIRABE_ERROR, SHIRABE_ERROR_INVALID,
                           _("The search is not valid UTF-8 text."));
      return NULL;
    }
  query = g_new0 (ShirabeSearchQuery, 1);
  g_atomic_ref_count_init (&query->ref_count);
  query->flags = flags;
  query->groups = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  query->nots = g_ptr_array_new_with_free_func (term_free);

  p = text;
  for (;;)
    {
      g_autofree char *token = NULL;
      gboolean negated = FALSE;
      gboolean quoted = FALSE;
      ShirabeSearchTerm *term;

      while (*p != '\0' && g_unichar_isspace (g_utf8_get_char (p)))
        p = g_utf8_next_char (p);
      if (*p == '\0')
        break;
      if (*p == '-' && p[1] != '\0' && !g_unichar_isspace (g_utf8_get_char (p + 1)))
        {
          negated = TRUE;
          p++;
        }
      if (*p == '"' || g_str_has_prefix (p, "“") || g_str_has_prefix (p, "”"))
        {
          const char *start = g_utf8_next_char (p);
          const char *end = start;

          while (*end != '\0' && *end != '"' && !g_str_has_prefix (end, "”") &&
                 !g_str_has_prefix (end, "“"))
            end = g_utf8_next_char (end);
          if (*end == '\0')
            {
              g_set_error (error, SHIRABE_ERROR, SHIRABE_ERROR_INVALID,
                           /* Translators: %s is the search from the unclosed quote on */
                           _("A quote is not closed: %s"), p);
              return NULL;
            }
          token = g_strndup (start, end - start);
          p = g_utf8_next_char (end);
          quoted = TRUE;
        }
      else
        {
          const char *start = p;

          while (*p != '\0' && !g_unichar_isspace (g_utf8_get_char (p)) && *p != '"')
            p = g_utf8_next_char (p);
          token = g_strndup (start, p - start);
        }

      if (!quoted && !negated && strcmp (token, "OR") == 0)
        {
          if (group == NULL || after_or)
            {
              g_set_error_literal (error, SHIRABE_ERROR, SHIRABE_ERROR_INVALID,
                                   _("OR needs a term on each side."));
              return NULL;
            }
          after_or = TRUE;
          continue;
        }
      if (*g_strstrip (token) == '\0')
        continue;
      term = term_new (token, flags);
      if (term->words->len == 0)
        {
          term_free (term);
          continue;
        }
      if (negated)
        {
          if (after_or)
            {
              term_free (term);
              g_set_error_literal (error, SHIRABE_ERROR, SHIRABE_ERROR_INVALID,
                                   _("OR needs a term on each side."));
              return NULL;
            }
          g_ptr_array_add (query->nots, term);
          continue;
        }
      if (group == NULL || !after_or)
        {
          group = g_ptr_array_new_with_free_func (term_free);
          g_ptr_array_add (query->groups, group);
        }
      g_ptr_array_add (group, term);
      after_or = FALSE;
    }

  if (after_or)
    {
      g_set_error_literal (error, SHIRABE_ERROR, SHIRABE_ERROR_INVALID,
                           _("OR needs a term on each side."));
      return NULL;
    }
  if (query->groups->len == 0)
    {
      g_set_error_literal (error, SHIRABE_ERROR, SHIRABE_ERROR_INVALID,
                           query->nots->len > 0
                           ? _("The search has only terms to leave out: give a term to find.")
                           : _("The search is empty."));
      return NULL;
    }
  return g_steal_pointer (&query);
}

ShirabeSearchQuery *
shirabe_search_query_ref (ShirabeSearchQuery *self)
{
  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
shirabe_search_query_unref (ShirabeSearchQuery *self)
{
  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;
  g_ptr_array_unref (self->groups);
  g_ptr_array_unref (self->nots);
  g_free (self);
}

/* Matching */

/* The folded text of one narrative, with its map back to stored positions; one per thread. */
struct _ShirabeSearchText
{
  gunichar *chars;      /* stored */
  gsize     n_chars;
  gunichar *folded;
  gsize     n_folded;
  guint32  *map;
};

typedef ShirabeSearchText Text;

static void
text_clear (Text *text)
{
  g_free (text->chars);
  g_free (text->folded);
  g_free (text->map);
  memset (text, 0, sizeof *text);
}

ShirabeSearchText *
shirabe_search_text_new (void)
{
  return g_new0 (ShirabeSearchText, 1);
}

void
shirabe_search_text_free (ShirabeSearchText *text)
{
  if (text == NULL)
    return;
  text_clear (text);
  g_free (text);
}

static void
text_load (Text             *text,
           const char       *utf8,
           gsize             length,
           ShirabeFoldFlags  flags)
{
  glong n_chars = 0;

  text_clear (text);
  text->chars = g_utf8_to_ucs4_fast (utf8, (glong) length, &n_chars);
  text->n_chars = n_chars;
  text->folded = shirabe_fold (text->chars, text->n_chars, flags, &text->n_folded, &text->map);
}

/* The code points in [@from, @to) of UTF-8 text: its bytes but the continuation bytes
 * (10xxxxxx), counted eight at a time. */
static gint64
count_chars (const char *from,
             const char *to)
{
  const guint64 high = G_GUINT64_CONSTANT (0x8080808080808080);
  gint64 n = 0;

  while (from < to && ((guintptr) from & 7) != 0)
    n += ((guchar) *from++ & 0xC0) != 0x80;
  for (; to - from >= 8; from += 8)
    {
      guint64 word;
      guint64 continuation;

      memcpy (&word, from, sizeof word);
      /* bit 7 set and bit 6 clear: bit 6 moved up to bit 7 of the same byte by the shift */
      continuation = word & ~(word << 1) & high;
      n += 8 - (gint64) (((continuation >> 7) * G_GUINT64_CONSTANT (0x0101010101010101)) >> 56);
    }
  while (from < to)
    n += ((guchar) *from++ & 0xC0) != 0x80;
  return n;
}

/* Then a hit is a find_next() away, with no decoding at all. */
gboolean
shirabe_search_term_in_bytes (const ShirabeSearchTerm         *term,
              ShirabeSearchFlags  flags)
{
  return term->words->len == 1 && !term->latin &&
         (flags & (SHIRABE_SEARCH_FOLD_WIDTH | SHIRABE_SEARCH_FOLD_KANA)) == 0;
}

/* A needle in one text: memchr() on its last byte and a check of the rest, or memmem(). */
typedef struct
{
  const char *bytes;
  gsize       n;
  const char *text;         /* where the text begins */
  guint64     misses;       /* memchr() stops that were not the needle */
  gboolean    by_memmem;
} Needle;

/* The first needle in [@from, @end). memmem() sets itself up at every call, which costs more
 * than the search itself when a common kana occurs a million times, and it is slow on
 * Japanese UTF-8, whose bytes repeat; memchr() on the needle's last byte, the most varied one,
 * is faster, unless that byte is common in the text (察 ends in た's last byte): past one
 * false stop in 64 bytes, a needle longer than one character goes on with memmem()
 * (bench-search). */
static const char *
find_next (Needle     *needle,
           const char *from,
           const char *end)
{
  gsize n = needle->n;

  if (!needle->by_memmem)
    {
      guchar last = (guchar) needle->bytes[n - 1];
      const char *p;

      if ((gsize) (end - from) < n)
        return NULL;
      for (p = from + n - 1; p < end && (p = memchr (p, last, end - p)) != NULL; p++)
        {
          if (memcmp (p - (n - 1), needle->bytes, n - 1) == 0)
            return p - (n - 1);
          if (n > 4 && ++needle->misses * 64 > (guint64) (p - needle->text) + 4096)
            {
              needle->by_memmem = TRUE;
              from = p - (n - 1) + 1;
              break;
            }
        }
      if (!needle->by_memmem)
        return NULL;
    }
  return memmem (from, end - from, needle->bytes, n);
}

/* Every occurrence of @term in the stored bytes, as find_term() finds them; positions are
 * counted in code points as the scan goes. */
static guint
find_term_bytes (const char *utf8,
                 gsize       length,
                 const ShirabeSearchTerm *term,
                 gint64      narrative_id,
                 GArray     *hits)
{
  GArray *word = g_ptr_array_index (term->words, 0);
  g_autofree char *needle = g_ucs4_to_utf8 ((gunichar *) word->data, word->len, NULL, NULL,
                                            NULL);
  gsize n_needle = needle != NULL ? strlen (needle) : 0;
  const char *end = utf8 + length;
  const char *counted = utf8;
  gint64 offset = 0;
  guint n = 0;
  Needle finder = { needle, n_needle, utf8, 0, FALSE };

  if (n_needle == 0)
    return 0;

  for (const char *at = find_next (&finder, utf8, end); at != NULL;
       at = find_next (&finder, at + 1, end))
    {
      ShirabeSearchSpan hit;

      /* A match must start on a character: UTF-8 makes any other start impossible. */
      n++;
      if (hits == NULL)
        return n;
      offset += count_chars (counted, at);
      counted = at;
      hit.narrative_id = narrative_id;
      hit.start = offset;
      hit.end = offset + (gint64) word->len;
      g_array_append_val (hits, hit);
    }
  return n;
}

static gboolean
is_word_char (gunichar c)
{
  return g_unichar_isalnum (c) || c == '_';
}

/* The end (folded offset) of @term at folded offset @at, or -1. */
static gssize
match_at (const Text *text,
          const ShirabeSearchTerm *term,
          gsize       at)
{
  gsize i = at;

  for (guint w = 0; w < term->words->len; w++)
    {
      GArray *word = g_ptr_array_index (term->words, w);

      if (w > 0)
        {
          gsize spaces = i;

          while (i < text->n_folded && g_unichar_isspace (text->folded[i]))
            i++;
          if (i == spaces)
            return -1;
        }
      if (i + word->len > text->n_folded ||
          memcmp (text->folded + i, word->data, word->len * sizeof (gunichar)) != 0)
        return -1;
      i += word->len;
    }
  return (gssize) i;
}

/* Appends to @hits (when not NULL) every occurrence of @term; returns how many. */
static guint
find_term (const Text         *text,
           const ShirabeSearchTerm         *term,
           ShirabeSearchFlags  flags,
           gint64              narrative_id,
           GArray             *hits)
{
  GArray *first = g_ptr_array_index (term->words, 0);
  gunichar lead = g_array_index (first, gunichar, 0);
  guint n = 0;

  for (gsize i = 0; i < text->n_folded; i++)
    {
      gssize end;

      if (text->folded[i] != lead || (end = match_at (text, term, i)) < 0)
        continue;
      if ((flags & SHIRABE_SEARCH_WHOLE_WORDS) && term->latin)
        {
          gsize start_char = text->map[i];
          gsize end_char = text->map[end];

          if ((start_char > 0 && is_word_char (text->chars[start_char - 1])) ||
              (end_char < text->n_chars && is_word_char (text->chars[end_char])))
            continue;
        }
      n++;
      if (hits != NULL)
        {
          ShirabeSearchSpan hit = { narrative_id, text->map[i], text->map[end] };

          g_array_append_val (hits, hit);
        }
      if (hits == NULL)
        return n;
    }
  return n;
}

/* Whether @utf8 may hold @term: a term without cased letters, unfolded, is in the stored bytes. */
static gboolean
may_hold (const char         *utf8,
          gsize               length,
          const ShirabeSearchTerm         *term,
          ShirabeSearchFlags  flags)
{
  if (term->latin || (flags & (SHIRABE_SEARCH_FOLD_WIDTH | SHIRABE_SEARCH_FOLD_KANA)) != 0)
    return TRUE;
  for (guint w = 0; w < term->words->len; w++)
    {
      GArray *word = g_ptr_array_index (term->words, w);
      g_autofree char *bytes = g_ucs4_to_utf8 ((gunichar *) word->data, word->len, NULL, NULL,
                                               NULL);

      if (bytes != NULL && memmem (utf8, length, bytes, strlen (bytes)) == NULL)
        return FALSE;
    }
  return TRUE;
}

static gint
compare_hits (gconstpointer a,
              gconstpointer b)
{
  const ShirabeSearchSpan *x = a;
  const ShirabeSearchSpan *y = b;

  if (x->start != y->start)
    return x->start < y->start ? -1 : 1;
  return x->end < y->end ? -1 : x->end > y->end;
}

gint
shirabe_search_span_compare (gconstpointer a,
                             gconstpointer b)
{
  const ShirabeSearchSpan *x = a;
  const ShirabeSearchSpan *y = b;

  if (x->narrative_id != y->narrative_id)
    return x->narrative_id < y->narrative_id ? -1 : 1;
  return compare_hits (a, b);
}

/* Whether @term occurs in the narrative; its hits appended to @hits when not NULL. The text
 * is decoded and folded once, when a term first needs it. */
static guint
find (ShirabeSearchQuery *query,
      const ShirabeSearchTerm         *term,
      gint64              narrative_id,
      const char         *utf8,
      gsize               length,
      Text               *text,
      gboolean           *loaded,
      GArray             *hits)
{
  if (shirabe_search_term_in_bytes (term, query->flags))
    return find_term_bytes (utf8, length, term, narrative_id, hits);
  if (!may_hold (utf8, length, term, query->flags))
    return 0;
  if (!*loaded)
    {
      text_load (text, utf8, length, fold_flags (query->flags));
      *loaded = TRUE;
    }
  return find_term (text, term, query->flags, narrative_id, hits);
}

void
shirabe_search_narrative (ShirabeSearchQuery *query,
                          gint64              narrative_id,
                          const char         *utf8,
                          gsize               length,
                          ShirabeSearchText  *text,
                          GArray             *hits)
{
  guint first = hits->len;
  guint n_adding = 0;
  gboolean loaded = FALSE;

  /* Every group needs one of its terms, and no excluded term may occur. */
  for (guint g = 0; g < query->groups->len; g++)
    {
      GPtrArray *group = g_ptr_array_index (query->groups, g);
      gboolean found = FALSE;

      for (guint t = 0; t < group->len && !found; t++)
        found = find (query, g_ptr_array_index (group, t), narrative_id, utf8, length, text,
                      &loaded, NULL) > 0;
      if (!found)
        return;
    }
  for (guint t = 0; t < query->nots->len; t++)
    if (find (query, g_ptr_array_index (query->nots, t), narrative_id, utf8, length, text,
              &loaded, NULL) > 0)
      return;
  for (guint g = 0; g < query->groups->len; g++)
    {
      GPtrArray *group = g_ptr_array_index (query->groups, g);

      for (guint t = 0; t < group->len; t++)
        n_adding += find (query, g_ptr_array_index (group, t), narrative_id, utf8, length, text,
                          &loaded, hits) > 0;
    }
  /* In order of position, each place once: one term's hits already are. */
  if (n_adding > 1 && hits->len > first + 1)
    qsort (&g_array_index (hits, ShirabeSearchSpan, first), hits->len - first,
           sizeof (ShirabeSearchSpan), compare_hits);
  if (n_adding > 1 && hits->len > first)
    {
      guint kept = first + 1;

      for (guint i = first + 1; i < hits->len; i++)
        {
          ShirabeSearchSpan *previous = &g_array_index (hits, ShirabeSearchSpan, kept - 1);
          ShirabeSearchSpan *hit = &g_array_index (hits, ShirabeSearchSpan, i);

          if (hit->start != previous->start || hit->end != previous->end)
            g_array_index (hits, ShirabeSearchSpan, kept++) = *hit;
        }
      g_array_set_size (hits, kept);
    }
}

/* The index can narrow the narratives when every group's terms all have a word of three
 * characters or more and nothing is folded beyond case. @candidates gets the candidates' ids,
 * or NULL to read every narrative. */
static gboolean
candidates_from_index (ShirabeProject      *project,
                       ShirabeSearchQuery  *query,
                       GHashTable         **out,
                       GError             **error)
{
  GHashTable *candidates = NULL;

  *out = NULL;
  if ((query->flags & (SHIRABE_SEARCH_FOLD_WIDTH | SHIRABE_SEARCH_FOLD_KANA)) != 0)
    return TRUE;
  for (guint g = 0; g < query->groups->len; g++)
    {
      GPtrArray *group = g_ptr_array_index (query->groups, g);

      for (guint t = 0; t < group->len; t++)
        if (((ShirabeSearchTerm *) g_ptr_array_index (group, t))->longest < 3)
          return TRUE;
    }

  for (guint g = 0; g < query->groups->len; g++)
    {
      GPtrArray *group = g_ptr_array_index (query->groups, g);
      GHashTable *found = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);

      for (guint t = 0; t < group->len; t++)
        {
          ShirabeSearchTerm *term = g_ptr_array_index (group, t);
          GString *match = g_string_new (NULL);
          sqlite3_stmt *stmt;
          int rc;

          /* Each word of three characters or more as one FTS5 string, its quotes doubled:
           * nothing the user typed is FTS5 syntax. */
          for (guint w = 0; w < term->words->len; w++)
            {
              GArray *word = g_ptr_array_index (term->words, w);
              g_autofree char *bytes = NULL;
              g_autofree char *quoted = NULL;
              g_auto(GStrv) parts = NULL;

              if (word->len < 3)
                continue;
              bytes = g_ucs4_to_utf8 ((gunichar *) word->data, word->len, NULL, NULL, NULL);
              parts = g_strsplit (bytes, "\"", -1);
              quoted = g_strjoinv ("\"\"", parts);
              g_string_append_printf (match, "%s\"%s\"", match->len > 0 ? " " : "", quoted);
            }
          stmt = shirabe_project_prepare (project,
                                          "SELECT rowid FROM narrative_fts "
                                          "WHERE narrative_fts MATCH '{text} : (' || ?1 || ')'",
                                          error);
          if (stmt == NULL)
            {
              g_string_free (match, TRUE);
              g_hash_table_unref (found);
              g_clear_pointer (&candidates, g_hash_table_unref);
              return FALSE;
            }
          sqlite3_bind_text (stmt, 1, match->str, -1, SQLITE_TRANSIENT);
          g_string_free (match, TRUE);
          while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
            {
              gint64 id = sqlite3_column_int64 (stmt, 0);

              g_hash_table_add (found, g_memdup2 (&id, sizeof id));
            }
          sqlite3_reset (stmt);
          if (rc != SQLITE_DONE)
            {
              shirabe_project_set_sqlite_error (project, rc, error);
              g_hash_table_unref (found);
              g_clear_pointer (&candidates, g_hash_table_unref);
              return FALSE;
            }
        }
      if (candidates == NULL)
        candidates = found;
      else
        {
          GHashTableIter iter;
          gpointer key;

          g_hash_table_iter_init (&iter, candidates);
          while (g_hash_table_iter_next (&iter, &key, NULL))
            if (!g_hash_table_contains (found, key))
              g_hash_table_iter_remove (&iter);
          g_hash_table_unref (found);
        }
    }
  *out = candidates;
  return TRUE;
}

/* Results */

struct _ShirabeSearchHit
{
  GObject  parent_instance;
  gint64   narrative_id;
  gint64   start;
  gint64   end;
  char    *title;
  char    *case_name;
  char    *text;
  char    *before;
  char    *after;
};

G_DEFINE_FINAL_TYPE (ShirabeSearchHit, shirabe_search_hit, G_TYPE_OBJECT)

static void
shirabe_search_hit_finalize (GObject *object)
{
  ShirabeSearchHit *self = SHIRABE_SEARCH_HIT (object);

  g_free (self->title);
  g_free (self->case_name);
  g_free (self->text);
  g_free (self->before);
  g_free (self->after);
  G_OBJECT_CLASS (shirabe_search_hit_parent_class)->finalize (object);
}

static void
shirabe_search_hit_class_init (ShirabeSearchHitClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = shirabe_search_hit_finalize;
}

static void
shirabe_search_hit_init (ShirabeSearchHit *self)
{
}

gint64 shirabe_search_hit_get_narrative_id (ShirabeSearchHit *self) { return self->narrative_id; }
const char *shirabe_search_hit_get_narrative_title (ShirabeSearchHit *self) { return self->title; }
const char *shirabe_search_hit_get_case_name (ShirabeSearchHit *self) { return self->case_name; }
gint64 shirabe_search_hit_get_start (ShirabeSearchHit *self) { return self->start; }
gint64 shirabe_search_hit_get_end (ShirabeSearchHit *self) { return self->end; }
const char *shirabe_search_hit_get_text (ShirabeSearchHit *self) { return self->text; }
const char *shirabe_search_hit_get_context_before (ShirabeSearchHit *self) { return self->before; }
const char *shirabe_search_hit_get_context_after (ShirabeSearchHit *self) { return self->after; }

struct _ShirabeSearchResults
{
  GObject          parent_instance;
  ShirabeProject  *project;
  GArray          *hits;           /* ShirabeSearchSpan, in the project's order */
  guint            n_narratives;
  gint64           context;
  /* The narrative last read for items: most items follow the one before. */
  gint64           cached_id;
  gunichar        *cached_chars;
  glong            cached_n_chars;
  char            *cached_title;
  char            *cached_case;
};

static void shirabe_search_results_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (ShirabeSearchResults, shirabe_search_results, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      shirabe_search_results_model_init))

static GType
results_get_item_type (GListModel *model)
{
  return SHIRABE_TYPE_SEARCH_HIT;
}

static guint
results_get_n_items (GListModel *model)
{
  return SHIRABE_SEARCH_RESULTS (model)->hits->len;
}

static gboolean
cache_narrative (ShirabeSearchResults *self,
                 gint64                narrative_id)
{
  sqlite3_stmt *stmt;

  if (self->cached_id == narrative_id)
    return TRUE;
  stmt = shirabe_project_prepare (self->project,
                                  "SELECT n.text, n.title, c.name FROM narrative n "
                                  "JOIN cases c ON c.id = n.case_id WHERE n.id = ?1", NULL);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, narrative_id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      return FALSE;
    }
  g_free (self->cached_chars);
  g_free (self->cached_title);
  g_free (self->cached_case);
  self->cached_chars = g_utf8_to_ucs4_fast ((const char *) sqlite3_column_text (stmt, 0), -1,
                                            &self->cached_n_chars);
  self->cached_title = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
  self->cached_case = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
  self->cached_id = narrative_id;
  sqlite3_reset (stmt);
  return TRUE;
}

static char *
dup_range (const gunichar *chars,
           gint64          start,
           gint64          end)
{
  char *text = g_ucs4_to_utf8 (chars + start, MAX (end - start, 0), NULL, NULL, NULL);

  return text != NULL ? text : g_strdup ("");
}

static gpointer
results_get_item (GListModel *model,
                  guint       position)
{
  ShirabeSearchResults *self = SHIRABE_SEARCH_RESULTS (model);
  ShirabeSearchHit *item;
  const ShirabeSearchSpan *hit;
  gint64 before;
  gint64 after;

  if (position >= self->hits->len)
    return NULL;
  hit = &g_array_index (self->hits, ShirabeSearchSpan, position);
  item = g_object_new (SHIRABE_TYPE_SEARCH_HIT, NULL);
  item->narrative_id = hit->narrative_id;
  item->start = hit->start;
  item->end = hit->end;
  if (!cache_narrative (self, hit->narrative_id) || hit->end > self->cached_n_chars)
    {
      item->title = g_strdup ("");
      item->case_name = g_strdup ("");
      item->text = g_strdup ("");
      item->before = g_strdup ("");
      item->after = g_strdup ("");
      return item;
    }
  shirabe_sentence_context_ucs4 (self->cached_chars, self->cached_n_chars, hit->start, hit->end,
                                 self->context, &before, &after);
  item->title = g_strdup (self->cached_title);
  item->case_name = g_strdup (self->cached_case);
  item->text = dup_range (self->cached_chars, hit->start, hit->end);
  item->before = dup_range (self->cached_chars, before, hit->start);
  item->after = dup_range (self->cached_chars, hit->end, after);
  return item;
}

static void
shirabe_search_results_model_init (GListModelInterface *iface)
{
  iface->get_item_type = results_get_item_type;
  iface->get_n_items = results_get_n_items;
  iface->get_item = results_get_item;
}

static void
shirabe_search_results_finalize (GObject *object)
{
  ShirabeSearchResults *self = SHIRABE_SEARCH_RESULTS (object);

  g_clear_object (&self->project);
  g_array_unref (self->hits);
  g_free (self->cached_chars);
  g_free (self->cached_title);
  g_free (self->cached_case);
  G_OBJECT_CLASS (shirabe_search_results_parent_class)->finalize (object);
}

static void
shirabe_search_results_class_init (ShirabeSearchResultsClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = shirabe_search_results_finalize;
}

static void
shirabe_search_results_init (ShirabeSearchResults *self)
{
  self->hits = g_array_new (FALSE, FALSE, sizeof (ShirabeSearchSpan));
}

/* Copies @spans (grouped by narrative, each narrative's by position) to @ordered with the
 * narratives in the project's order; @n_narratives gets how many have a hit. */
static gboolean
order_spans (ShirabeProject  *project,
             GArray          *spans,
             GArray          *ordered,
             guint           *n_narratives,
             GError         **error)
{
  g_autoptr(GHashTable) first_hit = g_hash_table_new (g_int64_hash, g_int64_equal);
  sqlite3_stmt *stmt;
  int rc;

  /* One entry per narrative, not per hit: a common character has millions. */
  for (guint i = 0; i < spans->len; i++)
    if (i == 0 || g_array_index (spans, ShirabeSearchSpan, i).narrative_id !=
                  g_array_index (spans, ShirabeSearchSpan, i - 1).narrative_id)
      g_hash_table_insert (first_hit, &g_array_index (spans, ShirabeSearchSpan, i).narrative_id,
                           GUINT_TO_POINTER (i));
  *n_narratives = g_hash_table_size (first_hit);
  if (spans->len == 0)
    return TRUE;
  stmt = shirabe_project_prepare (project,
                                  "SELECT n.id FROM narrative n JOIN cases c ON c.id = n.case_id "
                                  "ORDER BY c.position, c.id, n.position, n.id", error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      gpointer at;
      guint end;

      if (!g_hash_table_lookup_extended (first_hit, &id, NULL, &at))
        continue;
      for (end = GPOINTER_TO_UINT (at);
           end < spans->len && g_array_index (spans, ShirabeSearchSpan, end).narrative_id == id;
           end++)
        ;
      g_array_append_vals (ordered, &g_array_index (spans, ShirabeSearchSpan, GPOINTER_TO_UINT (at)),
                           end - GPOINTER_TO_UINT (at));
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return shirabe_project_set_sqlite_error (project, rc, error);
  return TRUE;
}

ShirabeSearchResults *
shirabe_search_results_new (ShirabeProject      *project,
                            ShirabeSearchQuery  *query,
                            gint64               context,
                            GError             **error)
{
  g_autoptr(ShirabeSearchResults) self = NULL;
  g_autoptr(GHashTable) candidates = NULL;
  g_autoptr(GArray) unordered = g_array_new (FALSE, FALSE, sizeof (ShirabeSearchSpan));

  g_return_val_if_fail (SHIRABE_IS_PROJECT (project), NULL);
  g_return_val_if_fail (query != NULL, NULL);

  self = g_object_new (SHIRABE_TYPE_SEARCH_RESULTS, NULL);
  self->project = g_object_ref (project);
  self->context = MAX (context, 0);
  self->cached_id = -1;

  if (shirabe_search_index_can_answer (project, query))
    {
      if (!shirabe_search_by_index (project, query, unordered, error) ||
          !order_spans (project, unordered, self->hits, &self->n_narratives, error))
        return NULL;
      return g_steal_pointer (&self);
    }

  /* The scan reads the narratives in the project's order: its hits need no sorting. */
  if (!candidates_from_index (project, query, &candidates, error) ||
      !shirabe_search_scan (project, query, candidates, self->hits, &self->n_narratives, error))
    return NULL;
  return g_steal_pointer (&self);
}

GArray *
shirabe_search_results_get_spans (ShirabeSearchResults *results)
{
  g_return_val_if_fail (SHIRABE_IS_SEARCH_RESULTS (results), NULL);

  return results->hits;
}

guint
shirabe_search_results_get_n_narratives (ShirabeSearchResults *self)
{
  g_return_val_if_fail (SHIRABE_IS_SEARCH_RESULTS (self), 0);

  return self->n_narratives;
}
