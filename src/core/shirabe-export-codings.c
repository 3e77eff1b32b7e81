/* shirabe-export-codings.c: the tables with a row per coding or memo
 *
 * The codings table, with the coded text cut from each narrative's text, read once and walked
 * forward; the same pass counts the overlapping segments, so it runs without writing when
 * only the overlaps table needs it. The memos table: every memo, on a case, a narrative or a
 * coding.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "shirabe-export-tables-private.h"

/* Walks @n code points from @p (a character's start) without passing @end. The narratives are
 * walked from start to end for their excerpts, so this counts the bytes that start a character
 * (all but 10xxxxxx) eight at a time. */
static const char *
utf8_skip (const char *p,
           const char *end,
           gint64      n)
{
  while (n >= 8 && end - p >= 8)
    {
      guint64 word;
      guint64 continuation;

      memcpy (&word, p, sizeof word);
      continuation = word & ~(word << 1) & G_GUINT64_CONSTANT (0x8080808080808080);
      /* The high bits counted by one multiplication: __builtin_popcountll is a call into
       * libgcc where the target has no POPCNT instruction. */
      n -= 8 - (gint64) (((continuation >> 7) * G_GUINT64_CONSTANT (0x0101010101010101)) >> 56);
      p += 8;
    }
  for (; p < end; p++)
    if (((guchar) *p & 0xc0) != 0x80)
      {
        if (n == 0)
          break;
        n--;
      }
  return p;
}

typedef struct
{
  gint64 end;
  int    column;
} ActiveSegment;

gboolean
shirabe_export_write_codings (Exporter  *self,
                              GError   **error)
{
  g_autoptr(ExportStmt) narratives = NULL;
  g_autoptr(ExportStmt) codings = NULL;
  g_autoptr(ExportStmt) texts = NULL;
  g_autoptr(GArray) active = g_array_new (FALSE, FALSE, sizeof (ActiveSegment));
  g_autofree ShirabeExportCell *cells = NULL;
  ShirabeExportColumn *columns;
  TableBuilder builder;
  /* Without the codings table, only the overlaps are computed here. */
  gboolean emit = (self->tables & SHIRABE_EXPORT_TABLE_CODINGS) != 0;
  gboolean excerpts = emit && !self->options->no_excerpts;
  guint n_codable = self->codable->len;
  guint n_columns;
  guint c_excerpt = 0, c_memo, c_created;
  gboolean ok = FALSE;
  int rc;

  table_builder_init (&builder, self);
  table_builder_add_term (&builder, self, T_CODING_UUID, SHIRABE_COLUMN_TEXT);
  table_builder_add_term (&builder, self, T_CASE_ID, SHIRABE_COLUMN_INTEGER);
  table_builder_add_term (&builder, self, T_CASE_NAME, SHIRABE_COLUMN_TEXT);
  table_builder_add_term (&builder, self, T_NARRATIVE_ID, SHIRABE_COLUMN_INTEGER);
  table_builder_add_term (&builder, self, T_NARRATIVE, SHIRABE_COLUMN_TEXT);
  table_builder_add_term (&builder, self, T_CODE_PATH, SHIRABE_COLUMN_TEXT);
  table_builder_add_term (&builder, self, T_CODE_LABEL, SHIRABE_COLUMN_TEXT);
  table_builder_add_term (&builder, self, T_CODE_VAR, SHIRABE_COLUMN_TEXT);
  table_builder_add_term (&builder, self, T_CODER, SHIRABE_COLUMN_TEXT);
  table_builder_add_term (&builder, self, T_START, SHIRABE_COLUMN_INTEGER);
  table_builder_add_term (&builder, self, T_END, SHIRABE_COLUMN_INTEGER);
  if (excerpts)
    c_excerpt = table_builder_add_term (&builder, self, T_EXCERPT, SHIRABE_COLUMN_LONG_TEXT);
  c_memo = table_builder_add_term (&builder, self, T_MEMO, SHIRABE_COLUMN_LONG_TEXT);
  c_created = table_builder_add_term (&builder, self, T_CREATED, SHIRABE_COLUMN_DATETIME);
  columns = table_builder_finish (&builder, &n_columns);

  narratives = shirabe_project_prepare (self->project,
                                        "SELECT n.id, n.case_id, k.name, n.title"
                                        " FROM narrative n JOIN cases k ON k.id = n.case_id"
                                        " ORDER BY k.position, k.id, n.position, n.id",
                                        error);
  codings = shirabe_project_prepare (self->project,
                                     "SELECT uuid, code_id, coder_id, start, end, memo,"
                                     " created_at FROM coding"
                                     " WHERE narrative_id = ?1 AND (?2 = 0 OR coder_id = ?2)"
                                     " ORDER BY start, end, id",
                                     error);
  texts = shirabe_project_prepare (self->project, "SELECT text FROM narrative WHERE id = ?1",
                                   error);
  if (narratives == NULL || codings == NULL || texts == NULL)
    goto out;
  if (emit && !shirabe_export_begin_table (self, T_CODINGS, columns, n_columns, error))
    goto out;
  cells = g_new0 (ShirabeExportCell, n_columns);

  while ((rc = sqlite3_step (narratives)) == SQLITE_ROW)
    {
      gint64 narrative_id = sqlite3_column_int64 (narratives, 0);
      const char *text = NULL;
      const char *text_end = NULL;
      const char *cursor = NULL;
      gint64 cursor_offset = 0;

      g_array_set_size (active, 0);
      sqlite3_bind_int64 (codings, 1, narrative_id);
      sqlite3_bind_int64 (codings, 2, self->coder_id);
      while ((rc = sqlite3_step (codings)) == SQLITE_ROW)
        {
          gint64 code_id = sqlite3_column_int64 (codings, 1);
          gint64 coder_id = sqlite3_column_int64 (codings, 2);
          gint64 start = sqlite3_column_int64 (codings, 3);
          gint64 end = sqlite3_column_int64 (codings, 4);
          ExportCode *code = code_for_id (self, code_id);

          cell_column_text (self, &cells[0], codings, 0);
          cell_integer (&cells[1], sqlite3_column_int64 (narratives, 1));
          cell_column_text (self, &cells[2], narratives, 2);
          cell_integer (&cells[3], narrative_id);
          cell_column_text (self, &cells[4], narratives, 3);
          cell_text (self, &cells[5], code ? code->path : NULL);
          cell_text (self, &cells[6], code ? code_label (self, code) : NULL);
          cell_text (self, &cells[7], code ? code->var_name : NULL);
          cell_text (self, &cells[8], g_hash_table_lookup (self->coder_names, &coder_id));
          cell_integer (&cells[9], start);
          cell_integer (&cells[10], end);

          if (excerpts)
            {
              const char *excerpt;

              /* The text is read once per narrative, and walked forward: codings come by
               * start, so the cursor never goes back. */
              if (text == NULL)
                {
                  sqlite3_bind_int64 (texts, 1, narrative_id);
                  if (sqlite3_step (texts) == SQLITE_ROW)
                    {
                      text = (const char *) sqlite3_column_text (texts, 0);
                      text_end = text + sqlite3_column_bytes (texts, 0);
                    }
                  if (text == NULL)
                    text = text_end = "";
                  cursor = text;
                  cursor_offset = 0;
                }
              cursor = utf8_skip (cursor, text_end, start - cursor_offset);
              cursor_offset = start;
              excerpt = utf8_skip (cursor, text_end, end - start);
              cell_text_len (self, &cells[c_excerpt], cursor, excerpt - cursor);
            }
          cell_column_text (self, &cells[c_memo], codings, 5);
          cell_created (self, &cells[c_created], codings, 6);

          if (self->overlaps != NULL && code != NULL && code->column >= 0)
            {
              guint kept = 0;

              for (guint i = 0; i < active->len; i++)
                {
                  ActiveSegment *segment = &g_array_index (active, ActiveSegment, i);

                  if (segment->end <= start)
                    continue;
                  g_array_index (active, ActiveSegment, kept++) = *segment;
                  self->overlaps[segment->column * n_codable + code->column]++;
                  if (segment->column != code->column)
                    self->overlaps[code->column * n_codable + segment->column]++;
                }
              g_array_set_size (active, kept);
              g_array_append_val (active, ((ActiveSegment) { end, code->column }));
            }

          if ((emit && !write_row (self, cells, error)) || !step_done (self, 1, error))
            {
              sqlite3_reset (codings);
              sqlite3_reset (texts);
              goto out;
            }
        }
      sqlite3_reset (codings);
      sqlite3_reset (texts);
      if (rc != SQLITE_DONE)
        {
          sqlite_failed (self, rc, error);
          goto out;
        }
    }
  if (rc != SQLITE_DONE)
    {
      sqlite_failed (self, rc, error);
      goto out;
    }
  /* Only the overlaps counted: no table was begun. */
  ok = !emit || self->sink->vtable->end_table (self->sink, error);

out:
  shirabe_export_columns_free (columns, n_columns);
  return ok;
}

/* Every memo in one table: on a case, a narrative or a coding (with its code, coder and
 * passage), in the order of the cases. Memos are where the analysis is argued. */
gboolean
shirabe_export_write_memos (Exporter  *self,
                            GError   **error)
{
  g_autoptr(ExportStmt) memos = NULL;
  g_autofree ShirabeExportCell *cells = NULL;
  static const Term kinds[] = { T_ON_CASE, T_ON_NARRATIVE, T_ON_CODING };
  ShirabeExportColumn *columns;
  TableBuilder builder;
  guint n_columns;
  gboolean ok = FALSE;
  int rc;

  table_builder_init (&builder, self);
  table_builder_label (&builder, table_builder_add_term (&builder, self, T_ON,
                                                        SHIRABE_COLUMN_TEXT),
                       term (self, T_ON), &self->memo_on_set);
  table_builder_add_term (&builder, self, T_CASE_ID, SHIRABE_COLUMN_INTEGER);
  table_builder_add_term (&builder, self, T_CASE_NAME, SHIRABE_COLUMN_TEXT);
  table_builder_add_term (&builder, self, T_NARRATIVE_ID, SHIRABE_COLUMN_INTEGER);
  table_builder_add_term (&builder, self, T_NARRATIVE, SHIRABE_COLUMN_TEXT);
  table_builder_add_term (&builder, self, T_CODE_LABEL, SHIRABE_COLUMN_TEXT);
  table_builder_add_term (&builder, self, T_CODE_VAR, SHIRABE_COLUMN_TEXT);
  table_builder_add_term (&builder, self, T_CODER, SHIRABE_COLUMN_TEXT);
  table_builder_add_term (&builder, self, T_START, SHIRABE_COLUMN_INTEGER);
  table_builder_add_term (&builder, self, T_END, SHIRABE_COLUMN_INTEGER);
  table_builder_add_term (&builder, self, T_CREATED, SHIRABE_COLUMN_DATETIME);
  table_builder_add_term (&builder, self, T_MEMO, SHIRABE_COLUMN_LONG_TEXT);
  columns = table_builder_finish (&builder, &n_columns);

  memos = shirabe_project_prepare (self->project,
                                   "SELECT 0, k.id, k.name, NULL, NULL, NULL, NULL, NULL, NULL,"
                                   " k.created_at, k.memo, k.position, -1, -1 FROM cases k"
                                   " WHERE k.memo <> ''"
                                   " UNION ALL SELECT 1, k.id, k.name, n.id, n.title, NULL, NULL,"
                                   " NULL, NULL, n.created_at, n.memo, k.position, n.position, -1"
                                   " FROM narrative n JOIN cases k ON k.id = n.case_id"
                                   " WHERE n.memo <> ''"
                                   " UNION ALL SELECT 2, k.id, k.name, n.id, n.title, g.code_id,"
                                   " g.coder_id, g.start, g.end, g.created_at, g.memo, k.position,"
                                   " n.position, g.start FROM coding g"
                                   " JOIN narrative n ON n.id = g.narrative_id"
                                   " JOIN cases k ON k.id = n.case_id"
                                   " WHERE g.memo <> '' AND (?1 = 0 OR g.coder_id = ?1)"
                                   " ORDER BY 12, 2, 13, 4, 14",
                                   error);
  if (memos == NULL)
    goto out;
  sqlite3_bind_int64 (memos, 1, self->coder_id);
  if (!shirabe_export_begin_table (self, T_MEMOS, columns, n_columns, error))
    goto out;
  cells = g_new0 (ShirabeExportCell, n_columns);

  while ((rc = sqlite3_step (memos)) == SQLITE_ROW)
    {
      int kind = sqlite3_column_int (memos, 0);
      gint64 code_id = sqlite3_column_int64 (memos, 5);
      gint64 coder_id = sqlite3_column_int64 (memos, 6);
      ExportCode *code = code_for_id (self, code_id);
      Term on = kinds[CLAMP (kind, 0, 2)];

      cell_text (self, &cells[0], self->choice_labels ? term (self, on)
                                                      : shirabe_export_terms[on][0]);
      cell_integer (&cells[1], sqlite3_column_int64 (memos, 1));
      cell_column_text (self, &cells[2], memos, 2);
      for (guint c = 3; c <= 9; c++)
        cell_empty (&cells[c]);
      if (kind >= 1)
        {
          cell_integer (&cells[3], sqlite3_column_int64 (memos, 3));
          cell_column_text (self, &cells[4], memos, 4);
        }
      if (kind == 2)
        {
          cell_text (self, &cells[5], code != NULL ? code_label (self, code) : NULL);
          cell_text (self, &cells[6], code != NULL ? code->var_name : NULL);
          cell_text (self, &cells[7], g_hash_table_lookup (self->coder_names, &coder_id));
          cell_integer (&cells[8], sqlite3_column_int64 (memos, 7));
          cell_integer (&cells[9], sqlite3_column_int64 (memos, 8));
        }
      cell_created (self, &cells[10], memos, 9);
      cell_column_text (self, &cells[11], memos, 10);
      if (!write_row (self, cells, error))
        goto out;
    }
  if (rc != SQLITE_DONE)
    {
      sqlite_failed (self, rc, error);
      goto out;
    }
  ok = self->sink->vtable->end_table (self->sink, error);

out:
  shirabe_export_columns_free (columns, n_columns);
  return ok;
}
