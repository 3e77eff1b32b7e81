/* shirabe-alignment.c: a translation's paragraphs aligned with its original's
 *
 * A paragraph is a run of lines without a blank line in it; a text that has no blank line at
 * all (one paragraph per line, as many case files are typed) has a paragraph per line. Lines
 * of white space only (U+3000 and a stray CR among it) are blank.
 *
 * An alignment is a list of pairs, each a run of paragraphs of the original beside a run of the
 * translation, every paragraph of both in exactly one pair and both sides in order. It is kept
 * as the starts of its pairs (the `alignment` table, schema 6): no rows pair paragraph n with
 * paragraph n, the longer text's extra paragraphs going to the last pair. Joining two pairs
 * removes the second's start, splitting one adds a start; each edit rewrites the translation's
 * rows in one edit, so that it is one undo step.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "shirabe-i18n.h"

#include <inttypes.h>

#include "shirabe-alignment.h"
#include "shirabe-code.h"
#include "shirabe-coding.h"
#include "shirabe-error.h"
#include "shirabe-narrative.h"
#include "shirabe-narrative-private.h"
#include "shirabe-project-private.h"

G_DEFINE_BOXED_TYPE (ShirabeAlignment, shirabe_alignment, shirabe_alignment_copy,
                     shirabe_alignment_free)

static GArray *
array_copy (GArray *array)
{
  GArray *copy = g_array_sized_new (FALSE, FALSE, g_array_get_element_size (array), array->len);

  g_array_append_vals (copy, array->data, array->len);
  return copy;
}

ShirabeAlignment *
shirabe_alignment_copy (const ShirabeAlignment *self)
{
  ShirabeAlignment *copy = g_memdup2 (self, sizeof *self);

  copy->original_paragraphs = array_copy (self->original_paragraphs);
  copy->translation_paragraphs = array_copy (self->translation_paragraphs);
  copy->pairs = array_copy (self->pairs);
  return copy;
}

void
shirabe_alignment_free (ShirabeAlignment *self)
{
  if (self == NULL)
    return;
  g_array_unref (self->original_paragraphs);
  g_array_unref (self->translation_paragraphs);
  g_array_unref (self->pairs);
  g_free (self);
}

/* Paragraphs */

typedef struct
{
  gint64   start;
  gint64   end;    /* before the line break, and a CR before it */
  gboolean blank;
} Line;

GArray *
shirabe_text_paragraphs (const char *text)
{
  g_autoptr(GArray) lines = g_array_new (FALSE, FALSE, sizeof (Line));
  GArray *paragraphs = g_array_new (FALSE, FALSE, sizeof (ShirabeParagraph));
  gboolean any_blank_between = FALSE;
  gboolean seen_text = FALSE;
  Line line = { 0, 0, TRUE };
  gint64 offset = 0;

  g_return_val_if_fail (text != NULL, paragraphs);

  for (const char *p = text;; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == '\n' || c == 0)
        {
          line.end = offset;
          if (line.end > line.start && g_utf8_get_char (g_utf8_prev_char (p)) == '\r')
            line.end--;
          g_array_append_val (lines, line);
          if (c == 0)
            break;
          line.start = offset + 1;
          line.blank = TRUE;
        }
      else if (!g_unichar_isspace (c))
        line.blank = FALSE;
      offset++;
    }

  /* Whether blank lines part the text's paragraphs, or every line is one. */
  for (guint i = 0; i < lines->len; i++)
    {
      Line *l = &g_array_index (lines, Line, i);

      if (!l->blank)
        {
          if (seen_text && i > 0 && g_array_index (lines, Line, i - 1).blank)
            any_blank_between = TRUE;
          seen_text = TRUE;
        }
    }

  for (guint i = 0; i < lines->len; i++)
    {
      Line *l = &g_array_index (lines, Line, i);
      gboolean starts = !l->blank && (i == 0 || g_array_index (lines, Line, i - 1).blank ||
                                      !any_blank_between);

      if (l->blank)
        continue;
      if (starts)
        {
          ShirabeParagraph paragraph = { l->start, l->end };

          g_array_append_val (paragraphs, paragraph);
        }
      else
        g_array_index (paragraphs, ShirabeParagraph, paragraphs->len - 1).end = l->end;
    }
  return paragraphs;
}

/* The paragraph an anchor or a position falls in, or the next one when it is between two:
 * the first whose end is after @offset; the last one for an offset after them all. */
static guint
paragraph_at (GArray *paragraphs,
              gint64  offset)
{
  guint low = 0, high = paragraphs->len;

  while (low < high)
    {
      guint mid = (low + high) / 2;

      if (g_array_index (paragraphs, ShirabeParagraph, mid).end > offset)
        high = mid;
      else
        low = mid + 1;
    }
  return low;
}

/* Builds the pairs from the paragraphs each pair begins with (first pair 0 and 0). */
static void
build_pairs (ShirabeAlignment *self,
             GArray           *firsts)  /* guint pairs: original, translation */
{
  guint n_original = self->original_paragraphs->len;
  guint n_translation = self->translation_paragraphs->len;

  g_array_set_size (self->pairs, 0);
  for (guint k = 0; k < firsts->len; k += 2)
    {
      ShirabeAlignedPair pair;

      pair.original_first = g_array_index (firsts, guint, k);
      pair.translation_first = g_array_index (firsts, guint, k + 1);
      pair.original_last = k + 2 < firsts->len ? g_array_index (firsts, guint, k + 2) - 1
                                               : n_original - 1;
      pair.translation_last = k + 2 < firsts->len ? g_array_index (firsts, guint, k + 3) - 1
                                                  : n_translation - 1;
      pair.original_start = g_array_index (self->original_paragraphs, ShirabeParagraph,
                                           pair.original_first).start;
      pair.original_end = g_array_index (self->original_paragraphs, ShirabeParagraph,
                                         pair.original_last).end;
      pair.translation_start = g_array_index (self->translation_paragraphs, ShirabeParagraph,
                                              pair.translation_first).start;
      pair.translation_end = g_array_index (self->translation_paragraphs, ShirabeParagraph,
                                            pair.translation_last).end;
      g_array_append_val (self->pairs, pair);
    }
}

ShirabeAlignment *
shirabe_alignment_new (const char   *original_text,
                       const char   *translation_text,
                       const gint64 *original_starts,
                       const gint64 *translation_starts,
                       guint         n_anchors)
{
  ShirabeAlignment *self = g_new0 (ShirabeAlignment, 1);
  g_autoptr(GArray) firsts = g_array_new (FALSE, FALSE, sizeof (guint));
  guint n_original, n_translation;

  self->original_paragraphs = shirabe_text_paragraphs (original_text);
  self->translation_paragraphs = shirabe_text_paragraphs (translation_text);
  self->pairs = g_array_new (FALSE, FALSE, sizeof (ShirabeAlignedPair));
  self->adjusted = n_anchors > 0;
  n_original = self->original_paragraphs->len;
  n_translation = self->translation_paragraphs->len;
  if (n_original == 0 || n_translation == 0)
    return self;

  if (n_anchors == 0)
    for (guint i = 0; i < MIN (n_original, n_translation); i++)
      {
        g_array_append_val (firsts, i);
        g_array_append_val (firsts, i);
      }
  else
    {
      guint zero = 0;

      /* The first pair begins at the first paragraphs whatever was stored; an anchor that no
       * longer moves forward on both sides (a stale row) is passed over. */
      g_array_append_val (firsts, zero);
      g_array_append_val (firsts, zero);
      for (guint i = 0; i < n_anchors; i++)
        {
          guint o = paragraph_at (self->original_paragraphs, original_starts[i]);
          guint t = paragraph_at (self->translation_paragraphs, translation_starts[i]);

          if (o < n_original && t < n_translation &&
              o > g_array_index (firsts, guint, firsts->len - 2) &&
              t > g_array_index (firsts, guint, firsts->len - 1))
            {
              g_array_append_val (firsts, o);
              g_array_append_val (firsts, t);
            }
        }
    }
  build_pairs (self, firsts);
  return self;
}

int
shirabe_alignment_find_pair (const ShirabeAlignment *self,
                             gboolean                translation_side,
                             gint64                  offset)
{
  GArray *paragraphs = translation_side ? self->translation_paragraphs
                                        : self->original_paragraphs;
  guint paragraph;

  g_return_val_if_fail (self != NULL, -1);

  if (self->pairs->len == 0)
    return -1;
  paragraph = MIN (paragraph_at (paragraphs, offset), paragraphs->len - 1);
  for (guint k = 0; k < self->pairs->len; k++)
    {
      const ShirabeAlignedPair *pair = &g_array_index (self->pairs, ShirabeAlignedPair, k);
      guint last = translation_side ? pair->translation_last : pair->original_last;

      if (paragraph <= last)
        return (int) k;
    }
  return (int) self->pairs->len - 1;
}

/* The project's alignments */

static ShirabeNarrative *
get_translation (ShirabeProject  *project,
                 gint64           translation_id,
                 GError         **error)
{
  g_autoptr(ShirabeNarrative) narrative = shirabe_project_get_narrative (project, translation_id,
                                                                        error);

  if (narrative == NULL)
    return NULL;
  if (narrative->translation_of == 0)
    {
      g_set_error (error, SHIRABE_ERROR, SHIRABE_ERROR_INVALID,
                   _("“%s” is not a translation of another narrative; link it to its original "
                     "first"), narrative->title);
      return NULL;
    }
  return g_steal_pointer (&narrative);
}

ShirabeAlignment *
shirabe_project_get_alignment (ShirabeProject  *project,
                               gint64           translation_id,
                               GError         **error)
{
  g_autoptr(ShirabeNarrative) translation = NULL;
  g_autofree char *original_text = NULL;
  g_autofree char *translation_text = NULL;
  g_autoptr(GArray) original_starts = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) translation_starts = g_array_new (FALSE, FALSE, sizeof (gint64));
  ShirabeAlignment *alignment;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (SHIRABE_IS_PROJECT (project), NULL);

  translation = get_translation (project, translation_id, error);
  if (translation == NULL ||
      (original_text = shirabe_project_dup_narrative_text (project, translation->translation_of,
                                                           error)) == NULL ||
      (translation_text = shirabe_project_dup_narrative_text (project, translation_id,
                                                              error)) == NULL)
    return NULL;

  /* Rows made for another original, before the translation was linked again, are not its. */
  stmt = shirabe_project_prepare (project,
                                  "SELECT original_start, translation_start FROM alignment"
                                  " WHERE translation_id = ?1 AND original_id = ?2"
                                  " ORDER BY original_start",
                                  error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, translation_id);
  sqlite3_bind_int64 (stmt, 2, translation->translation_of);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 o = sqlite3_column_int64 (stmt, 0);
      gint64 t = sqlite3_column_int64 (stmt, 1);

      g_array_append_val (original_starts, o);
      g_array_append_val (translation_starts, t);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      shirabe_project_set_sqlite_error (project, rc, error);
      return NULL;
    }
  alignment = shirabe_alignment_new (original_text, translation_text,
                                     (gint64 *) original_starts->data,
                                     (gint64 *) translation_starts->data, original_starts->len);
  alignment->original_id = translation->translation_of;
  alignment->translation_id = translation_id;
  return alignment;
}

/* Replaces the translation's stored pairs with @alignment's, leaving out pair @skip (joined to
 * the one before it; G_MAXUINT for none) and adding a pair that begins at paragraphs
 * @original_first and @translation_first (G_MAXUINT for none). Within an edit. */
static gboolean
write_pairs (ShirabeProject          *project,
             const ShirabeAlignment  *alignment,
             guint                    skip,
             guint                    original_first,
             guint                    translation_first,
             GError                 **error)
{
  sqlite3_stmt *stmt;

  stmt = shirabe_project_prepare (project, "DELETE FROM alignment WHERE translation_id = ?1",
                                  error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, alignment->translation_id);
  if (!shirabe_project_step_done (project, stmt, error))
    return FALSE;

  for (guint k = 0; k <= alignment->pairs->len; k++)
    {
      guint o, t;

      if (k == alignment->pairs->len)
        {
          if (original_first == G_MAXUINT)
            break;
          o = original_first;
          t = translation_first;
        }
      else if (k == skip)
        continue;
      else
        {
          const ShirabeAlignedPair *pair = &g_array_index (alignment->pairs, ShirabeAlignedPair,
                                                           k);
          o = pair->original_first;
          t = pair->translation_first;
        }
      stmt = shirabe_project_prepare (project,
                                      "INSERT INTO alignment (translation_id, original_id,"
                                      " original_start, translation_start)"
                                      " VALUES (?1, ?2, ?3, ?4)",
                                      error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, alignment->translation_id);
      sqlite3_bind_int64 (stmt, 2, alignment->original_id);
      sqlite3_bind_int64 (stmt, 3, g_array_index (alignment->original_paragraphs,
                                                  ShirabeParagraph, o).start);
      sqlite3_bind_int64 (stmt, 4, g_array_index (alignment->translation_paragraphs,
                                                  ShirabeParagraph, t).start);
      if (!shirabe_project_step_done (project, stmt, error))
        return FALSE;
    }
  return TRUE;
}

gboolean
shirabe_project_join_aligned_pairs (ShirabeProject  *project,
                                    gint64           translation_id,
                                    guint            pair,
                                    GError         **error)
{
  g_autoptr(ShirabeAlignment) alignment = NULL;
  gboolean ok;

  g_return_val_if_fail (SHIRABE_IS_PROJECT (project), FALSE);

  alignment = shirabe_project_get_alignment (project, translation_id, error);
  if (alignment == NULL)
    return FALSE;
  if (pair + 1 >= alignment->pairs->len)
    {
      g_set_error (error, SHIRABE_ERROR, SHIRABE_ERROR_INVALID,
                   _("Pair %u cannot be joined with the next: the alignment has %u pairs"),
                   pair + 1, alignment->pairs->len);
      return FALSE;
    }
  if (!shirabe_project_begin_edit (project, error))
    return FALSE;
  ok = write_pairs (project, alignment, pair + 1, G_MAXUINT, G_MAXUINT, error);
  return shirabe_project_end_edit (project, ok, _("Join aligned paragraphs"), ok ? error : NULL)
         && ok;
}

gboolean
shirabe_project_split_aligned_pair (ShirabeProject  *project,
                                    gint64           translation_id,
                                    guint            original_paragraph,
                                    guint            translation_paragraph,
                                    GError         **error)
{
  g_autoptr(ShirabeAlignment) alignment = NULL;
  const ShirabeAlignedPair *pair = NULL;
  gboolean ok;

  g_return_val_if_fail (SHIRABE_IS_PROJECT (project), FALSE);

  alignment = shirabe_project_get_alignment (project, translation_id, error);
  if (alignment == NULL)
    return FALSE;
  if (original_paragraph >= alignment->original_paragraphs->len ||
      translation_paragraph >= alignment->translation_paragraphs->len)
    {
      g_set_error (error, SHIRABE_ERROR, SHIRABE_ERROR_INVALID,
                   _("There is no paragraph %u of the original or %u of the translation: they "
                     "have %u and %u paragraphs"),
                   original_paragraph + 1, translation_paragraph + 1,
                   alignment->original_paragraphs->len, alignment->translation_paragraphs->len);
      return FALSE;
    }
  for (guint k = 0; k < alignment->pairs->len && pair == NULL; k++)
    if (original_paragraph <= g_array_index (alignment->pairs, ShirabeAlignedPair,
                                             k).original_last)
      pair = &g_array_index (alignment->pairs, ShirabeAlignedPair, k);
  if (pair == NULL ||
      translation_paragraph < pair->translation_first ||
      translation_paragraph > pair->translation_last ||
      original_paragraph == pair->original_first ||
      translation_paragraph == pair->translation_first)
    {
      g_set_error (error, SHIRABE_ERROR, SHIRABE_ERROR_INVALID,
                   _("Paragraph %u of the original and paragraph %u of the translation cannot "
                     "begin a pair: both must be in one pair, after its first paragraph on "
                     "each side"),
                   original_paragraph + 1, translation_paragraph + 1);
      return FALSE;
    }
  if (!shirabe_project_begin_edit (project, error))
    return FALSE;
  ok = write_pairs (project, alignment, G_MAXUINT, original_paragraph, translation_paragraph,
                    error);
  return shirabe_project_end_edit (project, ok, _("Split aligned paragraphs"), ok ? error : NULL)
         && ok;
}

gboolean
shirabe_project_reset_alignment (ShirabeProject  *project,
                                 gint64           translation_id,
                                 GError         **error)
{
  g_autoptr(ShirabeNarrative) translation = NULL;
  sqlite3_stmt *stmt;
  gboolean ok = FALSE;

  g_return_val_if_fail (SHIRABE_IS_PROJECT (project), FALSE);

  translation = get_translation (project, translation_id, error);
  if (translation == NULL || !shirabe_project_begin_edit (project, error))
    return FALSE;
  stmt = shirabe_project_prepare (project, "DELETE FROM alignment WHERE translation_id = ?1",
                                  error);
  if (stmt != NULL)
    {
      sqlite3_bind_int64 (stmt, 1, translation_id);
      ok = shirabe_project_step_done (project, stmt, error);
    }
  return shirabe_project_end_edit (project, ok, _("Align paragraphs by order"),
                                   ok ? error : NULL) && ok;
}

GPtrArray *
shirabe_project_list_translations (ShirabeProject  *project,
                                   gint64           narrative_id,
                                   GError         **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (SHIRABE_IS_PROJECT (project), NULL);

  stmt = shirabe_project_prepare (project,
                                  "SELECT " SHIRABE_NARRATIVE_COLUMNS " FROM narrative n"
                                  " JOIN cases c ON c.id = n.case_id"
                                  " WHERE n.translation_of = ?1"
                                  " ORDER BY c.position, c.id, n.position, n.id",
                                  error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, narrative_id);
  return shirabe_project_collect (project, stmt, (ShirabeRowFunc) shirabe_narrative_from_row,
                                  (GDestroyNotify) shirabe_narrative_free, error);
}

/* Carrying a coding across */

/* The narrative on the other side of @narrative that a coding goes to: @target_id when it is
 * the original or a translation, else the original or the only translation. */
static ShirabeNarrative *
find_target (ShirabeProject          *project,
             const ShirabeNarrative  *narrative,
             gint64                   target_id,
             GError                 **error)
{
  g_autoptr(GPtrArray) translations = NULL;

  if (target_id != 0)
    {
      g_autoptr(ShirabeNarrative) target = shirabe_project_get_narrative (project, target_id,
                                                                         error);

      if (target == NULL)
        return NULL;
      if (target->id != narrative->translation_of && target->translation_of != narrative->id)
        {
          g_set_error (error, SHIRABE_ERROR, SHIRABE_ERROR_INVALID,
                       _("“%s” is neither the original nor a translation of “%s”"),
                       target->title, narrative->title);
          return NULL;
        }
      return g_steal_pointer (&target);
    }
  if (narrative->translation_of != 0)
    return shirabe_project_get_narrative (project, narrative->translation_of, error);

  translations = shirabe_project_list_translations (project, narrative->id, error);
  if (translations == NULL)
    return NULL;
  if (translations->len == 1)
    return shirabe_narrative_copy (translations->pdata[0]);
  if (translations->len == 0)
    g_set_error (error, SHIRABE_ERROR, SHIRABE_ERROR_INVALID,
                 _("“%s” has no translation and is not one: there is no other side to carry "
                   "a coding to"), narrative->title);
  else
    g_set_error (error, SHIRABE_ERROR, SHIRABE_ERROR_AMBIGUOUS,
                 _("“%s” has %u translations: say which one the coding goes to"),
                 narrative->title, translations->len);
  return NULL;
}

gint64
shirabe_project_carry_coding (ShirabeProject  *project,
                              gint64           coding_id,
                              gint64           target_id,
                              GError         **error)
{
  g_autoptr(ShirabeCoding) coding = NULL;
  g_autoptr(ShirabeNarrative) narrative = NULL;
  g_autoptr(ShirabeNarrative) target = NULL;
  g_autoptr(ShirabeAlignment) alignment = NULL;
  g_autoptr(ShirabeCode) code = NULL;
  g_autofree char *uuid = NULL;
  g_autofree char *now = NULL;
  g_autofree char *label = NULL;
  const ShirabeAlignedPair *first, *last;
  gboolean to_translation;
  gint64 start, end;
  sqlite3_stmt *stmt;
  gint64 id = 0;
  int pa, pb;
  int rc;

  g_return_val_if_fail (SHIRABE_IS_PROJECT (project), 0);

  coding = shirabe_project_get_coding (project, coding_id, error);
  if (coding == NULL ||
      (narrative = shirabe_project_get_narrative (project, coding->narrative_id, error)) == NULL)
    return 0;
  if (coding->carried_from != 0)
    {
      g_set_error (error, SHIRABE_ERROR, SHIRABE_ERROR_INVALID,
                   _("Coding %" PRId64 " was itself carried from coding %" PRId64 " of the other "
                     "side; carry that one instead"),
                   coding_id, coding->carried_from);
      return 0;
    }
  target = find_target (project, narrative, target_id, error);
  if (target == NULL)
    return 0;
  to_translation = target->translation_of == narrative->id;
  alignment = shirabe_project_get_alignment (project, to_translation ? target->id
                                                                     : narrative->id, error);
  if (alignment == NULL)
    return 0;
  pa = shirabe_alignment_find_pair (alignment, !to_translation, coding->start);
  pb = shirabe_alignment_find_pair (alignment, !to_translation, coding->end - 1);
  if (pa < 0 || pb < 0)
    {
      g_set_error (error, SHIRABE_ERROR, SHIRABE_ERROR_INVALID,
                   _("“%s” or “%s” has no paragraphs to align; nothing was carried"),
                   narrative->title, target->title);
      return 0;
    }
  first = &g_array_index (alignment->pairs, ShirabeAlignedPair, pa);
  last = &g_array_index (alignment->pairs, ShirabeAlignedPair, pb);
  start = to_translation ? first->translation_start : first->original_start;
  end = to_translation ? last->translation_end : last->original_end;

  /* Carried once per target; and never over the same coding already there. */
  stmt = shirabe_project_prepare (project,
                                  "SELECT 1 FROM coding WHERE narrative_id = ?1 AND"
                                  " (carried_from = ?2 OR (code_id = ?3 AND coder_id = ?4"
                                  "  AND start = ?5 AND end = ?6))",
                                  error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, target->id);
  sqlite3_bind_int64 (stmt, 2, coding_id);
  sqlite3_bind_int64 (stmt, 3, coding->code_id);
  sqlite3_bind_int64 (stmt, 4, coding->coder_id);
  sqlite3_bind_int64 (stmt, 5, start);
  sqlite3_bind_int64 (stmt, 6, end);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc == SQLITE_ROW)
    {
      g_set_error (error, SHIRABE_ERROR, SHIRABE_ERROR_EXISTS,
                   _("The coding is already on the aligned passage %" PRId64 "–%" PRId64
                     " of “%s”; nothing was added"),
                   start, end, target->title);
      return 0;
    }
  if (rc != SQLITE_DONE)
    {
      shirabe_project_set_sqlite_error (project, rc, error);
      return 0;
    }

  code = shirabe_project_get_code (project, coding->code_id, error);
  if (code == NULL || !shirabe_project_begin_edit (project, error))
    return 0;
  uuid = g_uuid_string_random ();
  now = shirabe_now_iso8601 ();
  stmt = shirabe_project_prepare (project,
                                  "INSERT INTO coding (uuid, narrative_id, code_id, coder_id,"
                                  " start, end, memo, created_at, carried_from)"
                                  " VALUES (?1, ?2, ?3, ?4, ?5, ?6, '', ?7, ?8)",
                                  error);
  if (stmt != NULL)
    {
      shirabe_bind_text (stmt, 1, uuid);
      sqlite3_bind_int64 (stmt, 2, target->id);
      sqlite3_bind_int64 (stmt, 3, coding->code_id);
      sqlite3_bind_int64 (stmt, 4, coding->coder_id);
      sqlite3_bind_int64 (stmt, 5, start);
      sqlite3_bind_int64 (stmt, 6, end);
      shirabe_bind_text (stmt, 7, now);
      sqlite3_bind_int64 (stmt, 8, coding_id);
      if (shirabe_project_step_done (project, stmt, error))
        id = sqlite3_last_insert_rowid (shirabe_project_get_db (project));
    }
  label = g_strdup_printf (_("Carry coding “%s” to “%s”"),
                           shirabe_code_get_label (code, shirabe_message_language ()),
                           target->title);
  if (!shirabe_project_end_edit (project, id != 0, label, id != 0 ? error : NULL))
    return 0;
  return id;
}
