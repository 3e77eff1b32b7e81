/* shirabe-export-narratives.c: the tables with a row per narrative
 *
 * The narratives table: each narrative's fields, attributes and number of codings. And one
 * pass over the narratives' codings for the narrative × code table, which counts the
 * cooccurrence by narrative or by passage besides.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "shirabe-export-counts-private.h"
#include "shirabe-export-tables-private.h"
#include "shirabe-narrative.h"

gboolean
shirabe_export_write_narratives (Exporter  *self,
                                 GError   **error)
{
  g_autoptr(ExportStmt) narratives = NULL;
  g_autoptr(ExportStmt) counts = NULL;
  g_autoptr(ExportStmt) values = NULL;
  g_autoptr(GHashTable) attribute_by_id = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autofree ShirabeExportCell *cells = NULL;
  static const Term statuses[] = { T_STATUS_TO_DO, T_STATUS_IN_PROGRESS, T_STATUS_DONE };
  ShirabeExportColumn *columns;
  TableBuilder builder;
  guint n_columns;
  guint c_memo;
  guint c_translation;
  guint c_count;
  gboolean ok = FALSE;
  int rc;

  table_builder_init (&builder, self);
  table_builder_add_term (&builder, self, T_NARRATIVE_ID, SHIRABE_COLUMN_INTEGER);
  table_builder_add_term (&builder, self, T_CASE_ID, SHIRABE_COLUMN_INTEGER);
  table_builder_add_term (&builder, self, T_CASE_NAME, SHIRABE_COLUMN_TEXT);
  table_builder_add_term (&builder, self, T_TITLE, SHIRABE_COLUMN_TEXT);
  table_builder_add_term (&builder, self, T_LANGUAGE, SHIRABE_COLUMN_TEXT);
  table_builder_add_term (&builder, self, T_KIND, SHIRABE_COLUMN_TEXT);
  table_builder_add_term (&builder, self, T_LENGTH, SHIRABE_COLUMN_INTEGER);
  table_builder_label (&builder,
                       table_builder_add_term (&builder, self, T_STATUS, SHIRABE_COLUMN_TEXT),
                       term (self, T_STATUS), &self->status_set);
  shirabe_export_add_attribute_columns (self, &builder, self->narrative_attributes,
                                        attribute_by_id);
  c_count = table_builder_add_term (&builder, self, T_N_CODINGS, SHIRABE_COLUMN_INTEGER);
  c_translation = table_builder_add_term (&builder, self, T_TRANSLATION_OF,
                                          SHIRABE_COLUMN_INTEGER);
  c_memo = table_builder_add_term (&builder, self, T_MEMO, SHIRABE_COLUMN_LONG_TEXT);
  columns = table_builder_finish (&builder, &n_columns);

  narratives = shirabe_project_prepare (self->project,
                                        "SELECT n.id, n.case_id, k.name, n.title, n.language,"
                                        " n.kind, n.length, n.status, n.translation_of, n.memo"
                                        " FROM narrative n JOIN cases k ON k.id = n.case_id"
                                        " ORDER BY k.position, k.id, n.position, n.id",
                                        error);
  counts = shirabe_project_prepare (self->project,
                                    "SELECT count(*) FROM coding"
                                    " WHERE narrative_id = ?1 AND (?2 = 0 OR coder_id = ?2)",
                                    error);
  values = shirabe_project_prepare (self->project,
                                    "SELECT attribute_id, value FROM attribute_value"
                                    " WHERE narrative_id = ?1",
                                    error);
  if (narratives == NULL || counts == NULL || values == NULL)
    goto out;
  if (!shirabe_export_begin_table (self, T_NARRATIVES, columns, n_columns, error))
    goto out;
  cells = g_new0 (ShirabeExportCell, n_columns);

  while ((rc = sqlite3_step (narratives)) == SQLITE_ROW)
    {
      gint64 narrative_id = sqlite3_column_int64 (narratives, 0);
      int status = sqlite3_column_int (narratives, 7);

      cell_integer (&cells[0], narrative_id);
      cell_integer (&cells[1], sqlite3_column_int64 (narratives, 1));
      cell_column_text (self, &cells[2], narratives, 2);
      cell_column_text (self, &cells[3], narratives, 3);
      cell_column_text (self, &cells[4], narratives, 4);
      cell_column_text (self, &cells[5], narratives, 5);
      cell_integer (&cells[6], sqlite3_column_int64 (narratives, 6));
      /* A category like any choice: its stored value, or its label when labels are asked. */
      if (status >= 0 && status < (int) G_N_ELEMENTS (statuses))
        cell_text (self, &cells[7],
                   self->choice_labels ? term (self, statuses[status])
                                       : shirabe_export_terms[statuses[status]][0]);
      else
        cell_integer (&cells[7], status);
      if (!shirabe_export_fill_attribute_cells (self, values, narrative_id,
                                                self->narrative_attributes, attribute_by_id, cells,
                                                error))
        goto out;

      sqlite3_bind_int64 (counts, 1, narrative_id);
      sqlite3_bind_int64 (counts, 2, self->coder_id);
      rc = sqlite3_step (counts);
      if (rc != SQLITE_ROW)
        {
          sqlite_failed (self, rc, error);
          goto out;
        }
      cell_integer (&cells[c_count], sqlite3_column_int64 (counts, 0));
      if (sqlite3_column_type (narratives, 8) == SQLITE_NULL)
        cell_empty (&cells[c_translation]);
      else
        cell_integer (&cells[c_translation], sqlite3_column_int64 (narratives, 8));
      cell_column_text (self, &cells[c_memo], narratives, 9);
      sqlite3_reset (counts);

      if (!write_row (self, cells, error) || !step_done (self, 1, error))
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

typedef struct
{
  gint64 start;
  gint64 end;
  int    column;
} Passage;

static int
compare_passages (gconstpointer a,
                  gconstpointer b)
{
  const Passage *x = a;
  const Passage *y = b;

  if (x->start != y->start)
    return x->start < y->start ? -1 : 1;
  return x->column - y->column;
}

typedef struct
{
  Exporter *self;
  guint64  *counts;     /* per codable column */
  GArray   *passages;   /* Passage, built from the rows when passages co-occur */
} NarrativeCounts;

static void
on_narrative_count (gint64   key,
                    guint64  count,
                    gpointer user_data)
{
  NarrativeCounts *counts = user_data;
  ExportCode *code = code_for_id (counts->self, key);

  if (code != NULL && code->column >= 0)
    counts->counts[code->column] = count;
}

/* Passage co-occurrence in one narrative: each code's passages (unions of its overlapping
 * codings), then every pair of passages of two codes that overlap; a code's passages on the
 * diagonal. */
static void
add_passage_cooccurrence (Exporter *self,
                          GArray   *passages)
{
  ShirabeUnitRow *rows = (ShirabeUnitRow *) (gpointer) self->unit_rows->data;
  guint n_codable = self->codable->len;
  guint kept;

  /* unit_rows are sorted by code, then start (shirabe_count_units sorted them). */
  g_array_set_size (passages, 0);
  for (guint i = 0; i < self->unit_rows->len; i++)
    {
      ExportCode *code = code_for_id (self, rows[i].key);
      Passage *last = passages->len > 0 ? &g_array_index (passages, Passage, passages->len - 1)
                                        : NULL;

      if (code == NULL || code->column < 0)
        continue;
      if (last != NULL && last->column == code->column && rows[i].start < last->end)
        last->end = MAX (last->end, rows[i].end);
      else
        g_array_append_val (passages, ((Passage) { rows[i].start, rows[i].end, code->column }));
    }
  g_array_sort (passages, compare_passages);
  kept = 0;
  for (guint i = 0; i < passages->len; i++)
    {
      Passage p = g_array_index (passages, Passage, i);
      guint active = 0;

      self->cooccurrence[p.column * n_codable + p.column]++;
      /* The passages before p that are still open: kept at the front of the array. */
      for (guint j = 0; j < kept; j++)
        {
          Passage *q = &g_array_index (passages, Passage, j);

          if (q->end <= p.start)
            continue;
          if (q->column != p.column)
            {
              self->cooccurrence[p.column * n_codable + q->column]++;
              self->cooccurrence[q->column * n_codable + p.column]++;
            }
          g_array_index (passages, Passage, active++) = *q;
        }
      g_array_index (passages, Passage, active++) = p;
      kept = active;
    }
}

/* One pass over the narratives: the narrative × code table when asked for, and the
 * cooccurrence counts when they are counted by narrative or by passage. */
gboolean
shirabe_export_narrative_pass (Exporter  *self,
                               GError   **error)
{
  g_autoptr(ExportStmt) narratives = NULL;
  g_autoptr(ExportStmt) codings = NULL;
  g_autoptr(GArray) passages = g_array_new (FALSE, FALSE, sizeof (Passage));
  g_autofree ShirabeExportCell *cells = NULL;
  g_autofree guint64 *counts = NULL;
  g_autofree guint *present = NULL;
  ShirabeExportColumn *columns;
  TableBuilder builder;
  gboolean emit = (self->tables & SHIRABE_EXPORT_TABLE_NARRATIVE_CODES) != 0;
  ShirabeExportCooccurrence unit = self->options->cooccurrence;
  guint n_codable = self->codable->len;
  guint n_columns, first_code_column;
  gboolean ok = FALSE;
  int rc;

  table_builder_init (&builder, self);
  table_builder_add_term (&builder, self, T_NARRATIVE_ID, SHIRABE_COLUMN_INTEGER);
  table_builder_add_term (&builder, self, T_CASE_ID, SHIRABE_COLUMN_INTEGER);
  table_builder_add_term (&builder, self, T_CASE_NAME, SHIRABE_COLUMN_TEXT);
  table_builder_add_term (&builder, self, T_TITLE, SHIRABE_COLUMN_TEXT);
  table_builder_add_term (&builder, self, T_LANGUAGE, SHIRABE_COLUMN_TEXT);
  table_builder_add_term (&builder, self, T_TRANSLATION_OF, SHIRABE_COLUMN_INTEGER);
  table_builder_label (&builder,
                       table_builder_add_term (&builder, self, T_CODING_COMPLETE,
                                               SHIRABE_COLUMN_INTEGER),
                       term (self, T_CODING_COMPLETE), &self->yes_no_set);
  first_code_column = builder.columns->len;
  for (guint i = 0; i < n_codable; i++)
    table_builder_label (&builder,
                         table_builder_add (&builder, self->code_headers[i],
                                            SHIRABE_COLUMN_INTEGER),
                         self->code_labels[i],
                         self->options->presence ? &self->presence_set : NULL);
  columns = table_builder_finish (&builder, &n_columns);

  narratives = shirabe_project_prepare (self->project,
                                        "SELECT n.id, n.case_id, k.name, n.title, n.language,"
                                        " n.translation_of, n.status"
                                        " FROM narrative n JOIN cases k ON k.id = n.case_id"
                                        " ORDER BY k.position, k.id, n.position, n.id",
                                        error);
  codings = shirabe_project_prepare (self->project,
                                     "SELECT code_id, coder_id, narrative_id, start, end,"
                                     " carried_from IS NOT NULL FROM coding"
                                     " WHERE narrative_id = ?1 AND (?2 = 0 OR coder_id = ?2)",
                                     error);
  if (narratives == NULL || codings == NULL)
    goto out;
  if (emit && !shirabe_export_begin_table (self, T_NARRATIVE_CODES, columns, n_columns, error))
    goto out;
  if (unit != SHIRABE_EXPORT_COOCCURRENCE_CASES)
    memset (self->cooccurrence, 0, (gsize) n_codable * n_codable * sizeof *self->cooccurrence);
  cells = g_new0 (ShirabeExportCell, n_columns);
  counts = g_new0 (guint64, n_codable + 1);
  present = g_new0 (guint, n_codable + 1);

  while ((rc = sqlite3_step (narratives)) == SQLITE_ROW)
    {
      gint64 narrative_id = sqlite3_column_int64 (narratives, 0);
      gboolean done = sqlite3_column_int (narratives, 6) == SHIRABE_STATUS_DONE;
      NarrativeCounts narrative_counts = { self, counts, passages };
      guint n_present = 0;

      if (!done && self->options->incomplete == SHIRABE_EXPORT_INCOMPLETE_EXCLUDE)
        continue;
      /* The narrative's codings, each its own family: a narrative counts on its own here. */
      if (!shirabe_export_load_case_codings (self, codings, narrative_id, error))
        goto out;
      for (guint i = 0; i < self->unit_rows->len; i++)
        {
          ShirabeUnitRow *row = &g_array_index (self->unit_rows, ShirabeUnitRow, i);

          row->key &= 0xffffffff;
        }
      memset (counts, 0, n_codable * sizeof *counts);
      shirabe_count_units ((ShirabeUnitRow *) (gpointer) self->unit_rows->data,
                           self->unit_rows->len, self->options->count, TRUE,
                           on_narrative_count, &narrative_counts);

      if (unit == SHIRABE_EXPORT_COOCCURRENCE_NARRATIVES)
        {
          for (guint i = 0; i < n_codable; i++)
            if (counts[i] > 0)
              present[n_present++] = i;
          for (guint i = 0; i < n_present; i++)
            for (guint j = 0; j < n_present; j++)
              self->cooccurrence[present[i] * n_codable + present[j]]++;
        }
      else if (unit == SHIRABE_EXPORT_COOCCURRENCE_PASSAGES)
        add_passage_cooccurrence (self, passages);

      if (!emit)
        continue;
      cell_integer (&cells[0], narrative_id);
      cell_integer (&cells[1], sqlite3_column_int64 (narratives, 1));
      cell_column_text (self, &cells[2], narratives, 2);
      cell_column_text (self, &cells[3], narratives, 3);
      cell_column_text (self, &cells[4], narratives, 4);
      if (sqlite3_column_type (narratives, 5) == SQLITE_NULL)
        cell_empty (&cells[5]);
      else
        cell_integer (&cells[5], sqlite3_column_int64 (narratives, 5));
      cell_integer (&cells[6], done);
      for (guint i = 0; i < n_codable; i++)
        {
          ShirabeExportCell *cell = &cells[first_code_column + i];

          if (!done && self->options->incomplete == SHIRABE_EXPORT_INCOMPLETE_MISSING)
            cell_empty (cell);
          else if (self->options->presence)
            cell_integer (cell, counts[i] > 0);
          else
            cell_integer (cell, (gint64) counts[i]);
        }
      if (!write_row (self, cells, error) || !shirabe_export_check_cancelled (self, error))
        goto out;
    }
  if (rc != SQLITE_DONE)
    {
      sqlite_failed (self, rc, error);
      goto out;
    }
  ok = !emit || self->sink->vtable->end_table (self->sink, error);

out:
  shirabe_export_columns_free (columns, n_columns);
  return ok;
}
