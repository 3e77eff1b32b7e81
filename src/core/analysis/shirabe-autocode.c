/* shirabe-autocode.c: "Code All Hits", every hit of a search coded in one undo step
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "shirabe-i18n.h"

#include "shirabe-code.h"
#include "shirabe-coder.h"
#include "shirabe-error.h"
#include "shirabe-narrative.h"
#include "shirabe-project-private.h"
#include "shirabe-search-private.h"
#include "shirabe-sentence.h"

gboolean
shirabe_project_autocode (ShirabeProject        *project,
                          ShirabeSearchResults  *results,
                          gint64                 code_id,
                          const char            *coder_name,
                          ShirabeExpand          expand,
                          guint                 *n_added,
                          guint                 *n_skipped,
                          GError               **error)
{
  g_autoptr(ShirabeCode) code = NULL;
  g_autoptr(GArray) ranges = g_array_new (FALSE, FALSE, sizeof (ShirabeSearchSpan));
  g_autofree char *label = NULL;
  gint64 narrative = -1;
  g_autofree gunichar *chars = NULL;
  glong n_chars = 0;
  gint64 coder_id = 0;
  g_autofree char *now = NULL;
  GArray *spans;
  guint added = 0;
  guint skipped = 0;
  gboolean ok = TRUE;

  g_return_val_if_fail (SHIRABE_IS_PROJECT (project), FALSE);
  g_return_val_if_fail (SHIRABE_IS_SEARCH_RESULTS (results), FALSE);
  g_return_val_if_fail (coder_name != NULL, FALSE);

  spans = shirabe_search_results_get_spans (results);

  code = shirabe_project_get_code (project, code_id, error);
  if (code == NULL)
    return FALSE;
  if (!code->codable)
    {
      g_set_error (error, SHIRABE_ERROR, SHIRABE_ERROR_INVALID,
                   _("“%s” is a category, not a code to apply to text."),
                   shirabe_code_get_label (code, shirabe_message_language ()));
      return FALSE;
    }

  /* The ranges to code: each hit, expanded, once. */
  for (guint i = 0; i < spans->len; i++)
    {
      ShirabeSearchSpan range = g_array_index (spans, ShirabeSearchSpan, i);

      if (expand != SHIRABE_EXPAND_NONE && range.narrative_id != narrative)
        {
          g_autofree char *text = shirabe_project_dup_narrative_text (project,
                                                                      range.narrative_id,
                                                                      error);

          if (text == NULL)
            return FALSE;
          g_free (chars);
          chars = g_utf8_to_ucs4_fast (text, -1, &n_chars);
          narrative = range.narrative_id;
        }
      if (expand == SHIRABE_EXPAND_SENTENCE)
        shirabe_sentence_bounds_ucs4 (chars, n_chars, range.start, range.end, &range.start,
                                      &range.end);
      else if (expand == SHIRABE_EXPAND_PARAGRAPH)
        shirabe_paragraph_bounds_ucs4 (chars, n_chars, range.start, range.end, &range.start,
                                       &range.end);
      if (range.end <= range.start)
        continue;
      g_array_append_val (ranges, range);
    }
  g_array_sort (ranges, shirabe_search_span_compare);

  if (!shirabe_project_begin_edit (project, error))
    return FALSE;
  coder_id = shirabe_project_ensure_coder (project, coder_name, error);
  ok = coder_id != 0;
  for (guint i = 0; ok && i < ranges->len; i++)
    {
      const ShirabeSearchSpan *range = &g_array_index (ranges, ShirabeSearchSpan, i);
      sqlite3_stmt *stmt;
      gboolean covered = FALSE;

      if (i > 0 && shirabe_search_span_compare (range, &g_array_index (ranges, ShirabeSearchSpan, i - 1)) == 0)
        {
          skipped++;
          continue;
        }
      stmt = shirabe_project_prepare (project,
                                      "SELECT 1 FROM coding WHERE narrative_id = ?1 "
                                      "AND code_id = ?2 AND coder_id = ?3 "
                                      "AND start <= ?4 AND end >= ?5 LIMIT 1", error);
      if (stmt == NULL)
        {
          ok = FALSE;
          break;
        }
      sqlite3_bind_int64 (stmt, 1, range->narrative_id);
      sqlite3_bind_int64 (stmt, 2, code_id);
      sqlite3_bind_int64 (stmt, 3, coder_id);
      sqlite3_bind_int64 (stmt, 4, range->start);
      sqlite3_bind_int64 (stmt, 5, range->end);
      covered = sqlite3_step (stmt) == SQLITE_ROW;
      sqlite3_reset (stmt);
      if (covered)
        {
          skipped++;
          continue;
        }
      /* The ranges come from the stored text and the code was checked above: inserted as
       * they are, not through shirabe_project_add_coding(), whose checks read the narrative's
       * row (past its text) once per coding. */
      stmt = shirabe_project_prepare (project,
                                      "INSERT INTO coding (uuid, narrative_id, code_id, coder_id,"
                                      " start, end, memo, created_at)"
                                      " VALUES (?1, ?2, ?3, ?4, ?5, ?6, '', ?7)", error);
      if (stmt == NULL)
        {
          ok = FALSE;
          break;
        }
      {
        g_autofree char *uuid = g_uuid_string_random ();
        int rc;

        if (now == NULL)
          now = shirabe_now_iso8601 ();
        shirabe_bind_text (stmt, 1, uuid);
        sqlite3_bind_int64 (stmt, 2, range->narrative_id);
        sqlite3_bind_int64 (stmt, 3, code_id);
        sqlite3_bind_int64 (stmt, 4, coder_id);
        sqlite3_bind_int64 (stmt, 5, range->start);
        sqlite3_bind_int64 (stmt, 6, range->end);
        shirabe_bind_text (stmt, 7, now);
        rc = sqlite3_step (stmt);
        sqlite3_reset (stmt);
        if (rc != SQLITE_DONE)
          ok = shirabe_project_set_sqlite_error (project, rc, error) && FALSE;
      }
      added += ok;
    }
  /* Translators: an undo step; %s is the code's label */
  label = g_strdup_printf (_("Code all hits with “%s”"),
                           shirabe_code_get_label (code, shirabe_message_language ()));
  if (!shirabe_project_end_edit (project, ok && added > 0, label, ok ? error : NULL))
    {
      if (ok && added > 0)
        return FALSE;
    }
  if (!ok)
    return FALSE;
  if (n_added != NULL)
    *n_added = added;
  if (n_skipped != NULL)
    *n_skipped = skipped;
  return TRUE;
}
