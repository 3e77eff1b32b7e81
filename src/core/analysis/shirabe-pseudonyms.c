/* shirabe-pseudonyms.c: the project's pseudonym table, suggestions for it, and matching
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "shirabe-pseudonyms.h"

#include "shirabe-error.h"
#include "shirabe-fold.h"
#include "shirabe-i18n.h"
#include "shirabe-project-private.h"

#define FOLD_FLAGS (SHIRABE_FOLD_CASE | SHIRABE_FOLD_WIDTH)

static const char * const honorifics[] = {
  "さん", "様", "さま", "氏", "君", "くん", "ちゃん", "殿",
};

void
shirabe_pseudonym_free (ShirabePseudonym *entry)
{
  if (entry == NULL)
    return;
  g_free (entry->uuid);
  g_free (entry->real);
  g_free (entry->pseudonym);
  g_free (entry->language);
  g_free (entry);
}

void
shirabe_name_suggestion_free (ShirabeNameSuggestion *suggestion)
{
  if (suggestion == NULL)
    return;
  g_free (suggestion->text);
  g_free (suggestion->pseudonym);
  g_free (suggestion);
}

/* The table */

static gpointer
entry_from_row (sqlite3_stmt *stmt)
{
  ShirabePseudonym *entry = g_new0 (ShirabePseudonym, 1);

  entry->id = sqlite3_column_int64 (stmt, 0);
  entry->uuid = shirabe_column_dup_text (stmt, 1);
  entry->real = shirabe_column_dup_text (stmt, 2);
  entry->pseudonym = shirabe_column_dup_text (stmt, 3);
  entry->language = shirabe_column_dup_text (stmt, 4);
  entry->confirmed = sqlite3_column_int (stmt, 5) != 0;
  return entry;
}

GPtrArray *
shirabe_project_list_pseudonyms (ShirabeProject  *project,
                                 GError         **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (SHIRABE_IS_PROJECT (project), NULL);

  stmt = shirabe_project_prepare (project,
                                  "SELECT id, uuid, real, pseudonym, language, confirmed"
                                  " FROM pseudonym ORDER BY id",
                                  error);
  if (stmt == NULL)
    return NULL;
  return shirabe_project_collect (project, stmt, entry_from_row,
                                  (GDestroyNotify) shirabe_pseudonym_free, error);
}

static gboolean
check_text (const char  *text,
            const char  *what,
            GError     **error)
{
  if (!shirabe_check_utf8 (text, error))
    return FALSE;
  if (shirabe_str_is_blank (text))
    {
      /* TRANSLATORS: %s is "real name" or "pseudonym" */
      g_set_error (error, SHIRABE_ERROR, SHIRABE_ERROR_INVALID, _("The %s is empty"), what);
      return FALSE;
    }
  return TRUE;
}

static ShirabePseudonym *entry_copy (const ShirabePseudonym *entry);

/* A pseudonym that holds a real name of the table would put that name back into every copy:
 * refused, whichever of the two comes first. Every entry counts, confirmed or not. */
static gboolean
check_pseudonyms_hold_no_name (ShirabeProject  *project,
                               const char      *real,
                               const char      *pseudonym,
                               GError         **error)
{
  g_autoptr(GPtrArray) entries = shirabe_project_list_pseudonyms (project, error);
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(ShirabePseudonymMatcher) matcher = NULL;
  ShirabePseudonym added = { 0, NULL, (char *) real, (char *) pseudonym, (char *) "", TRUE };

  if (entries == NULL)
    return FALSE;
  all = g_ptr_array_new_with_free_func ((GDestroyNotify) shirabe_pseudonym_free);
  for (guint i = 0; i < entries->len; i++)
    {
      ShirabePseudonym *copy = entry_copy (entries->pdata[i]);

      copy->confirmed = TRUE;
      g_ptr_array_add (all, copy);
    }
  g_ptr_array_add (all, entry_copy (&added));
  matcher = shirabe_pseudonym_matcher_new (all);
  for (guint i = 0; i < all->len; i++)
    {
      const ShirabePseudonym *entry = all->pdata[i];
      g_autoptr(GArray) found = g_array_new (FALSE, FALSE, sizeof (ShirabeReplacement));
      g_autofree char *rewritten = shirabe_pseudonym_matcher_rewrite (matcher, entry->pseudonym,
                                                                      NULL, found);

      if (found->len > 0)
        {
          const ShirabeReplacement *first = &g_array_index (found, ShirabeReplacement, 0);
          const ShirabePseudonym *named = shirabe_pseudonym_matcher_get_entry (matcher,
                                                                               first->entry);

          g_set_error (error, SHIRABE_ERROR, SHIRABE_ERROR_INVALID,
                       _("The pseudonym “%s” holds the name “%s” of the table: it would put a "
                         "real name back into every pseudonymised copy. Choose another "
                         "pseudonym."), entry->pseudonym, named->real);
          return FALSE;
        }
    }
  return TRUE;
}

gint64
shirabe_project_add_pseudonym (ShirabeProject  *project,
                               const char      *real,
                               const char      *pseudonym,
                               const char      *language,
                               gboolean         confirmed,
                               GError         **error)
{
  g_autofree char *uuid = NULL;
  g_autofree char *now = NULL;
  GError *local_error = NULL;
  sqlite3_stmt *stmt;
  gint64 id = 0;
  gboolean ok;

  g_return_val_if_fail (SHIRABE_IS_PROJECT (project), 0);

  if (language == NULL)
    language = "";
  if (!check_text (real, C_("pseudonyms", "real name"), error) ||
      !check_text (pseudonym, C_("pseudonyms", "pseudonym"), error) ||
      !shirabe_check_utf8 (language, error))
    return 0;

  stmt = shirabe_project_prepare (project,
                                  "SELECT id FROM pseudonym WHERE real = ?1 AND language = ?2",
                                  error);
  if (stmt == NULL)
    return 0;
  shirabe_bind_text (stmt, 1, real);
  shirabe_bind_text (stmt, 2, language);
  if (shirabe_project_query_id (project, stmt, &local_error) != 0 || local_error != NULL)
    {
      if (local_error != NULL)
        g_propagate_error (error, local_error);
      else if (*language == '\0')
        g_set_error (error, SHIRABE_ERROR, SHIRABE_ERROR_EXISTS,
                     _("The pseudonym table already has “%s”"), real);
      else
        g_set_error (error, SHIRABE_ERROR, SHIRABE_ERROR_EXISTS,
                     _("The pseudonym table already has “%s” for the language “%s”"),
                     real, language);
      return 0;
    }

  if (!check_pseudonyms_hold_no_name (project, real, pseudonym, error))
    return 0;

  if (!shirabe_project_begin_edit (project, error))
    return 0;
  uuid = g_uuid_string_random ();
  now = shirabe_now_iso8601 ();
  stmt = shirabe_project_prepare (project,
                                  "INSERT INTO pseudonym"
                                  " (uuid, real, pseudonym, language, confirmed, created_at)"
                                  " VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                                  error);
  ok = stmt != NULL;
  if (ok)
    {
      shirabe_bind_text (stmt, 1, uuid);
      shirabe_bind_text (stmt, 2, real);
      shirabe_bind_text (stmt, 3, pseudonym);
      shirabe_bind_text (stmt, 4, language);
      sqlite3_bind_int (stmt, 5, confirmed ? 1 : 0);
      shirabe_bind_text (stmt, 6, now);
      ok = shirabe_project_step_done (project, stmt, error);
      if (ok)
        id = sqlite3_last_insert_rowid (shirabe_project_get_db (project));
    }
  if (!shirabe_project_end_edit (project, ok, _("Add Pseudonym"), ok ? error : NULL) || !ok)
    return 0;
  return id;
}

static gboolean
change_entry (ShirabeProject  *project,
              gint64           id,
              const char      *sql,
              const char      *label,
              GError         **error)
{
  sqlite3 *db = shirabe_project_get_db (project);
  sqlite3_stmt *stmt;
  gboolean ok;

  if (!shirabe_project_begin_edit (project, error))
    return FALSE;
  stmt = shirabe_project_prepare (project, sql, error);
  ok = stmt != NULL;
  if (ok)
    {
      sqlite3_bind_int64 (stmt, 1, id);
      ok = shirabe_project_step_done (project, stmt, error);
    }
  if (ok && sqlite3_changes (db) == 0)
    {
      g_autofree char *digits = g_strdup_printf ("%" G_GINT64_FORMAT, id);

      g_set_error (error, SHIRABE_ERROR, SHIRABE_ERROR_NOT_FOUND,
                   _("There is no pseudonym with id %s"), digits);
      ok = FALSE;
    }
  return shirabe_project_end_edit (project, ok, label, ok ? error : NULL) && ok;
}

gboolean
shirabe_project_confirm_pseudonym (ShirabeProject  *project,
                                   gint64           id,
                                   GError         **error)
{
  g_return_val_if_fail (SHIRABE_IS_PROJECT (project), FALSE);

  return change_entry (project, id, "UPDATE pseudonym SET confirmed = 1 WHERE id = ?1",
                       _("Confirm Pseudonym"), error);
}

gboolean
shirabe_project_remove_pseudonym (ShirabeProject  *project,
                                  gint64           id,
                                  GError         **error)
{
  g_return_val_if_fail (SHIRABE_IS_PROJECT (project), FALSE);

  return change_entry (project, id, "DELETE FROM pseudonym WHERE id = ?1",
                       _("Remove Pseudonym"), error);
}

/* The one row @stmt (bound) yields, 0 when none; @n_rows gets how many it yields. */
static gint64
first_id (sqlite3_stmt *stmt,
          guint        *n_rows)
{
  gint64 id = 0;

  *n_rows = 0;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    if ((*n_rows)++ == 0)
      id = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return id;
}

gint64
shirabe_project_find_pseudonym (ShirabeProject  *project,
                                const char      *spec,
                                GError         **error)
{
  static const char * const queries[] = {
    "SELECT id FROM pseudonym WHERE id = ?1",
    "SELECT id FROM pseudonym WHERE uuid = ?1",
    "SELECT id FROM pseudonym WHERE real = ?1",
  };
  gboolean digits = spec != NULL && *spec != '\0' && strspn (spec, "0123456789") == strlen (spec);

  g_return_val_if_fail (SHIRABE_IS_PROJECT (project), 0);
  g_return_val_if_fail (spec != NULL, 0);

  /* An id, then a UUID, then the real string as written. */
  for (guint q = digits ? 0 : 1; q < G_N_ELEMENTS (queries); q++)
    {
      sqlite3_stmt *stmt = NULL;
      guint n_rows = 0;
      gint64 id;

      stmt = shirabe_project_prepare (project, queries[q], error);
      if (stmt == NULL)
        return 0;
      if (q == 0)
        sqlite3_bind_int64 (stmt, 1, g_ascii_strtoll (spec, NULL, 10));
      else
        shirabe_bind_text (stmt, 1, spec);
      id = first_id (stmt, &n_rows);
      if (n_rows > 1)
        {
          g_set_error (error, SHIRABE_ERROR, SHIRABE_ERROR_AMBIGUOUS,
                       _("The pseudonym table has “%s” in several languages; name the entry by "
                         "its id"), spec);
          return 0;
        }
      if (id != 0)
        return id;
    }
  g_set_error (error, SHIRABE_ERROR, SHIRABE_ERROR_NOT_FOUND,
               _("The pseudonym table has no entry “%s”"), spec);
  return 0;
}

/* Matching */

typedef struct
{
  guint entry;
  guint honorific;   /* index into honorifics + 1, or 0 */
} Candidate;

typedef struct
{
  gunichar *chars;   /* folded */
  gsize     length;
  GArray   *candidates;
} Pattern;

struct _ShirabePseudonymMatcher
{
  GPtrArray  *entries;    /* ShirabePseudonym, not owned: copied */
  GHashTable *patterns;   /* folded UTF-8 → Pattern */
  GHashTable *by_first;   /* first folded code point → GPtrArray of Pattern, longest first */
};

static void
pattern_free (Pattern *pattern)
{
  g_free (pattern->chars);
  g_array_unref (pattern->candidates);
  g_free (pattern);
}

static ShirabePseudonym *
entry_copy (const ShirabePseudonym *entry)
{
  ShirabePseudonym *copy = g_new0 (ShirabePseudonym, 1);

  copy->id = entry->id;
  copy->uuid = g_strdup (entry->uuid);
  copy->real = g_strdup (entry->real);
  copy->pseudonym = g_strdup (entry->pseudonym);
  copy->language = g_strdup (entry->language ? entry->language : "");
  copy->confirmed = entry->confirmed;
  return copy;
}

/* Latin (and other alphabets'): a name starting or ending with one matches at word boundaries
 * only. Kana and kanji are not: Japanese writes no spaces. */
static gboolean
is_word_char (gunichar c)
{
  GUnicodeScript script;

  if (!g_unichar_isalnum (c))
    return FALSE;
  script = g_unichar_get_script (c);
  return script != G_UNICODE_SCRIPT_HAN && script != G_UNICODE_SCRIPT_HIRAGANA &&
         script != G_UNICODE_SCRIPT_KATAKANA && script != G_UNICODE_SCRIPT_HANGUL;
}

static gboolean
is_separator (gunichar c)
{
  return c == ' ' || c == 0x3000 || c == 0x30FB || c == 0xFF65 || c == ',' || c == 0x3001 ||
         c == '\t';
}

static gboolean
has_word_chars (const char *text)
{
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    if (is_word_char (g_utf8_get_char (p)))
      return TRUE;
  return FALSE;
}

static void
add_pattern (ShirabePseudonymMatcher *self,
             const char              *variant,
             guint                    entry,
             guint                    honorific)
{
  g_autofree gunichar *chars = NULL;
  g_autofree char *key = NULL;
  glong n_chars = 0;
  gsize n_folded = 0;
  gunichar *folded;
  Pattern *pattern;
  Candidate candidate = { entry, honorific };

  chars = g_utf8_to_ucs4_fast (variant, -1, &n_chars);
  folded = shirabe_fold (chars, n_chars, FOLD_FLAGS, &n_folded, NULL);
  if (n_folded == 0)
    {
      g_free (folded);
      return;
    }
  key = g_ucs4_to_utf8 (folded, n_folded, NULL, NULL, NULL);
  pattern = key != NULL ? g_hash_table_lookup (self->patterns, key) : NULL;
  if (key == NULL)
    {
      g_free (folded);
      return;
    }
  if (pattern == NULL)
    {
      pattern = g_new0 (Pattern, 1);
      pattern->chars = folded;
      pattern->length = n_folded;
      pattern->candidates = g_array_new (FALSE, FALSE, sizeof (Candidate));
      g_hash_table_insert (self->patterns, g_steal_pointer (&key), pattern);
    }
  else
    g_free (folded);
  for (guint i = 0; i < pattern->candidates->len; i++)
    if (g_array_index (pattern->candidates, Candidate, i).entry == entry)
      return;
  g_array_append_val (pattern->candidates, candidate);
}

/* The name, and its parts in the other order, joined in the ways names are written. */
static GPtrArray *
name_forms (const char *real)
{
  GPtrArray *forms = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  const char *start = NULL;
  gboolean latin = has_word_chars (real);
  static const char * const joins[] = { " ", "・", "" };

  g_ptr_array_add (forms, g_strdup (real));
  for (const char *p = real;; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == 0 || is_separator (c))
        {
          if (start != NULL)
            g_ptr_array_add (parts, g_strndup (start, p - start));
          start = NULL;
          if (c == 0)
            break;
        }
      else if (start == NULL)
        start = p;
    }
  if (parts->len < 2)
    return forms;

  for (guint order = 0; order < 3; order++)
    for (guint j = 0; j < G_N_ELEMENTS (joins); j++)
      {
        GString *form = g_string_new (NULL);
        const char *join = joins[j];

        /* Latin names are not written without spaces. */
        if (latin && *join == '\0')
          {
            g_string_free (form, TRUE);
            continue;
          }
        if (order == 0)
          for (guint k = 0; k < parts->len; k++)
            g_string_append_printf (form, "%s%s", k > 0 ? join : "",
                                    (char *) g_ptr_array_index (parts, k));
        else
          {
            /* The first part moved last, or the last part moved first: family and given
             * names swapped. */
            guint moved = order == 1 ? 0 : parts->len - 1;

            if (order == 2 && parts->len == 2)
              {
                g_string_free (form, TRUE);
                continue;
              }
            if (order == 2)
              g_string_append_printf (form, "%s%s", (char *) g_ptr_array_index (parts, moved),
                                      join);
            for (guint k = 0, n = 0; k < parts->len; k++)
              if (k != moved)
                g_string_append_printf (form, "%s%s", n++ > 0 ? join : "",
                                        (char *) g_ptr_array_index (parts, k));
            if (order == 1)
              g_string_append_printf (form, "%s%s", join, (char *) g_ptr_array_index (parts,
                                                                                       moved));
          }
        g_ptr_array_add (forms, g_string_free (form, FALSE));
      }
  /* "Dela Cruz, Maricel", 「デラクルス、マリセル」: the family name first, then a comma. */
  {
    GString *form = g_string_new (NULL);

    for (guint k = 1; k < parts->len; k++)
      g_string_append_printf (form, "%s%s", k > 1 ? (latin ? " " : "") : "",
                              (char *) g_ptr_array_index (parts, k));
    g_string_append_printf (form, "%s%s", latin ? ", " : "、",
                            (char *) g_ptr_array_index (parts, 0));
    g_ptr_array_add (forms, g_string_free (form, FALSE));
  }
  return forms;
}

static gint
compare_longest_first (gconstpointer a,
                       gconstpointer b)
{
  const Pattern *pa = *(const Pattern * const *) a;
  const Pattern *pb = *(const Pattern * const *) b;

  return pa->length < pb->length ? 1 : pa->length > pb->length ? -1 : 0;
}

ShirabePseudonymMatcher *
shirabe_pseudonym_matcher_new (GPtrArray *entries)
{
  ShirabePseudonymMatcher *self = g_new0 (ShirabePseudonymMatcher, 1);
  GHashTableIter iter;
  gpointer value;

  self->entries = g_ptr_array_new_with_free_func ((GDestroyNotify) shirabe_pseudonym_free);
  self->patterns = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                          (GDestroyNotify) pattern_free);
  self->by_first = g_hash_table_new_full (NULL, NULL, NULL,
                                          (GDestroyNotify) g_ptr_array_unref);

  for (guint i = 0; entries != NULL && i < entries->len; i++)
    {
      const ShirabePseudonym *entry = g_ptr_array_index (entries, i);
      g_autoptr(GPtrArray) forms = NULL;
      guint index;

      if (!entry->confirmed || shirabe_str_is_blank (entry->real))
        continue;
      index = self->entries->len;
      g_ptr_array_add (self->entries, entry_copy (entry));
      forms = name_forms (entry->real);
      for (guint f = 0; f < forms->len; f++)
        {
          const char *form = g_ptr_array_index (forms, f);

          add_pattern (self, form, index, 0);
          for (guint h = 0; h < G_N_ELEMENTS (honorifics); h++)
            {
              g_autofree char *with = g_strconcat (form, honorifics[h], NULL);

              add_pattern (self, with, index, h + 1);
            }
        }
    }

  g_hash_table_iter_init (&iter, self->patterns);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      Pattern *pattern = value;
      gpointer first = GUINT_TO_POINTER (pattern->chars[0]);
      GPtrArray *list = g_hash_table_lookup (self->by_first, first);

      if (list == NULL)
        {
          list = g_ptr_array_new ();
          g_hash_table_insert (self->by_first, first, list);
        }
      g_ptr_array_add (list, pattern);
    }
  g_hash_table_iter_init (&iter, self->by_first);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    g_ptr_array_sort (value, compare_longest_first);
  return self;
}

void
shirabe_pseudonym_matcher_free (ShirabePseudonymMatcher *matcher)
{
  if (matcher == NULL)
    return;
  g_hash_table_unref (matcher->by_first);
  g_hash_table_unref (matcher->patterns);
  g_ptr_array_unref (matcher->entries);
  g_free (matcher);
}

/* "ja" matches "ja" and "ja-JP"; "" matches nothing here (it is every language's fallback). */
static gboolean
language_matches (const char *entry_language,
                  const char *language)
{
  gsize n;

  if (entry_language == NULL || *entry_language == '\0' || language == NULL)
    return FALSE;
  n = strlen (entry_language);
  return g_ascii_strncasecmp (entry_language, language, n) == 0 &&
         (language[n] == '\0' || language[n] == '-' || language[n] == '_');
}

/* The entry whose pseudonym a text in @language gets: one of that language, else one for
 * every language, else the first. */
static const Candidate *
choose (ShirabePseudonymMatcher *self,
        const Pattern           *pattern,
        const char              *language)
{
  for (guint pass = 0; pass < 2; pass++)
    for (guint i = 0; i < pattern->candidates->len; i++)
      {
        const Candidate *candidate = &g_array_index (pattern->candidates, Candidate, i);
        const ShirabePseudonym *entry = g_ptr_array_index (self->entries, candidate->entry);

        if (pass == 0 ? language_matches (entry->language, language) : *entry->language == '\0')
          return candidate;
      }
  return &g_array_index (pattern->candidates, Candidate, 0);
}

static gboolean
ends_with_honorific (const char *text)
{
  for (guint h = 0; h < G_N_ELEMENTS (honorifics); h++)
    if (g_str_has_suffix (text, honorifics[h]))
      return TRUE;
  return FALSE;
}

char *
shirabe_pseudonym_matcher_rewrite (ShirabePseudonymMatcher *matcher,
                                   const char              *text,
                                   const char              *language,
                                   GArray                  *replacements)
{
  g_autofree gunichar *chars = NULL;
  g_autofree gunichar *folded = NULL;
  g_autofree guint32 *map = NULL;
  glong n_chars = 0;
  gsize n_folded = 0;
  GString *out;
  gint64 copied = 0;     /* original code points written so far */
  gint64 written = 0;    /* code points of the rewritten text so far */
  const char *copied_at;

  g_return_val_if_fail (matcher != NULL, NULL);

  if (text == NULL)
    return NULL;
  if (g_hash_table_size (matcher->patterns) == 0 || *text == '\0')
    return g_strdup (text);

  chars = g_utf8_to_ucs4_fast (text, -1, &n_chars);
  folded = shirabe_fold (chars, n_chars, FOLD_FLAGS, &n_folded, &map);
  out = g_string_sized_new (strlen (text) + 16);
  copied_at = text;

  for (gsize i = 0; i < n_folded;)
    {
      GPtrArray *list = g_hash_table_lookup (matcher->by_first, GUINT_TO_POINTER (folded[i]));
      const Pattern *found = NULL;

      if (list != NULL && (i == 0 || !is_word_char (folded[i - 1]) ||
                           !is_word_char (folded[i])))
        for (guint p = 0; p < list->len && found == NULL; p++)
          {
            const Pattern *pattern = g_ptr_array_index (list, p);
            gsize end = i + pattern->length;

            if (end > n_folded ||
                memcmp (folded + i, pattern->chars, pattern->length * sizeof (gunichar)) != 0)
              continue;
            if (end < n_folded && is_word_char (pattern->chars[pattern->length - 1]) &&
                is_word_char (folded[end]))
              continue;
            if (map[i] >= map[end])
              continue;
            found = pattern;
          }
      if (found == NULL)
        {
          i++;
          continue;
        }

      {
        const Candidate *candidate = choose (matcher, found, language);
        const ShirabePseudonym *entry = g_ptr_array_index (matcher->entries, candidate->entry);
        gint64 start = map[i];
        gint64 end = map[i + found->length];
        const char *start_at = g_utf8_offset_to_pointer (copied_at, start - copied);
        const char *end_at = g_utf8_offset_to_pointer (start_at, end - start);
        gsize before;
        ShirabeReplacement replacement;

        g_string_append_len (out, copied_at, start_at - copied_at);
        written += start - copied;
        before = out->len;
        g_string_append (out, entry->pseudonym);
        if (candidate->honorific > 0 && !ends_with_honorific (entry->pseudonym))
          g_string_append (out, honorifics[candidate->honorific - 1]);
        replacement.start = start;
        replacement.end = end;
        replacement.new_start = written;
        written += g_utf8_strlen (out->str + before, out->len - before);
        replacement.new_end = written;
        replacement.entry = candidate->entry;
        if (replacements != NULL)
          g_array_append_val (replacements, replacement);
        copied = end;
        copied_at = end_at;
        i += found->length;
      }
    }
  g_string_append (out, copied_at);
  return g_string_free (out, FALSE);
}

const ShirabePseudonym *
shirabe_pseudonym_matcher_get_entry (ShirabePseudonymMatcher *matcher,
                                     guint                    index)
{
  g_return_val_if_fail (matcher != NULL && index < matcher->entries->len, NULL);

  return g_ptr_array_index (matcher->entries, index);
}

guint
shirabe_pseudonym_matcher_get_n_entries (ShirabePseudonymMatcher *matcher)
{
  return matcher->entries->len;
}

/* The index of the first replacement that ends after @position. */
static guint
first_ending_after (const GArray *replacements,
                    gint64        position)
{
  guint low = 0;
  guint high = replacements->len;

  while (low < high)
    {
      guint middle = low + (high - low) / 2;

      if (g_array_index (replacements, ShirabeReplacement, middle).end <= position)
        low = middle + 1;
      else
        high = middle;
    }
  return low;
}

/* Where @position of the original text is in the rewritten one; @inside set when it falls
 * within a replaced name (not at its start). */
static gint64
map_position (const GArray *replacements,
              gint64        position,
              gboolean      is_end,
              gboolean     *inside)
{
  guint index = first_ending_after (replacements, position);

  *inside = FALSE;
  if (index < replacements->len)
    {
      const ShirabeReplacement *next = &g_array_index (replacements, ShirabeReplacement, index);

      if (next->start < position)
        {
          *inside = TRUE;
          return is_end ? next->new_end : next->new_start;
        }
    }
  if (index == 0)
    return position;
  {
    const ShirabeReplacement *last = &g_array_index (replacements, ShirabeReplacement,
                                                     index - 1);

    return last->new_end + (position - last->end);
  }
}

gboolean
shirabe_replacements_map_range (const GArray *replacements,
                                gint64       *start,
                                gint64       *end)
{
  gboolean start_inside;
  gboolean end_inside;

  g_return_val_if_fail (replacements != NULL && start != NULL && end != NULL, FALSE);

  *start = map_position (replacements, *start, FALSE, &start_inside);
  *end = map_position (replacements, *end, TRUE, &end_inside);
  return start_inside || end_inside;
}
