/* shirabe-export-cases.c: the tables with a row per case
 *
 * The cases table: per case its attributes, whether it is coded completely, and per code the
 * count in the chosen unit (shirabe-export-counts.c says what a count counts). The same pass
 * counts the codebook's numbers and the cooccurrence by case, so it runs without writing when
 * only those tables are asked for. The coder-counts table: the counts per case, code and
 * coder, for agreement work. Both read each case's codings with one statement.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "shirabe-export-counts-private.h"
#include "shirabe-export-tables-private.h"
#include "shirabe-narrative.h"

static gint64
family_of (Exporter *self,
           gint64    narrative_id)
{
  gint64 *root = g_hash_table_lookup (self->family_of, &narrative_id);

  return root != NULL ? *root : narrative_id;
}

/* Reads a case's codings into unit_rows (keys set later). */
gboolean
shirabe_export_load_case_codings (Exporter      *self,
                                  sqlite3_stmt  *stmt,
                                  gint64         case_id,
                                  GError       **error)
{
  /* The codings come narrative by narrative: its family is looked up once. */
  gint64 narrative = 0, family = 0;
  int rc;

  g_array_set_size (self->unit_rows, 0);
  g_array_set_size (self->unit_carried, 0);
  sqlite3_bind_int64 (stmt, 1, case_id);
  sqlite3_bind_int64 (stmt, 2, self->coder_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      ShirabeUnitRow row;
      gint64 code_id = sqlite3_column_int64 (stmt, 0);
      gint64 coder_id = sqlite3_column_int64 (stmt, 1);
      gboolean carried;

      row.narrative = sqlite3_column_int64 (stmt, 2);
      if (row.narrative != narrative || family == 0)
        {
          narrative = row.narrative;
          family = family_of (self, narrative);
        }
      row.family = family;
      row.start = sqlite3_column_int64 (stmt, 3);
      row.end = sqlite3_column_int64 (stmt, 4);
      /* The code in the low half, the coder in the high one: one key for both tables. */
      row.key = (coder_id << 32) | (code_id & 0xffffffff);
      carried = sqlite3_column_int (stmt, 5) != 0;
      g_array_append_val (self->unit_rows, row);
      g_array_append_val (self->unit_carried, carried);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return sqlite_failed (self, rc, error);
  return TRUE;
}

/* Leaves in unit_rows the codings a count of the cases table takes, by the side asked for
 * (ShirabeExportTranslations): a narrative and its translations count a case once. */
static void
keep_counted_codings (Exporter *self)
{
  guint kept = 0;

  for (guint i = 0; i < self->unit_rows->len; i++)
    {
      ShirabeUnitRow *row = &g_array_index (self->unit_rows, ShirabeUnitRow, i);
      gboolean carried = g_array_index (self->unit_carried, gboolean, i);
      gboolean original = row->family == row->narrative;
      gboolean keep;

      switch (self->options->translations)
        {
        case SHIRABE_EXPORT_TRANSLATIONS_ORIGINAL:
          keep = original;
          break;
        case SHIRABE_EXPORT_TRANSLATIONS_TRANSLATION:
          keep = !original || !g_hash_table_contains (self->translated, &row->family);
          break;
        case SHIRABE_EXPORT_TRANSLATIONS_ONCE:
        default:
          /* Its source counts: the same judgement of the same coder. */
          keep = !carried;
          break;
        }
      if (keep)
        g_array_index (self->unit_rows, ShirabeUnitRow, kept++) = *row;
    }
  g_array_set_size (self->unit_rows, kept);
  g_array_set_size (self->unit_carried, kept);
}

#define CASE_CODINGS_SQL \
  "SELECT g.code_id, g.coder_id, n.id, g.start, g.end, g.carried_from IS NOT NULL" \
  " FROM narrative n" \
  " JOIN coding g ON g.narrative_id = n.id" \
  " WHERE n.case_id = ?1 AND (?2 = 0 OR g.coder_id = ?2)"

/* Which cases are coded completely: those with narratives, all marked done. One pass over the
 * narratives for all cases, in the table's order: a narrative's status is stored after its
 * text, so SQLite reads every text to reach it, and it reads them fastest in order (a statement
 * per case took each case's narratives through the index, each a seek). */
static gboolean
load_case_status (Exporter  *self,
                  GError   **error)
{
  g_autoptr(ExportStmt) stmt = NULL;
  int rc;

  if (self->case_complete != NULL)
    return TRUE;
  stmt = shirabe_project_prepare (self->project, "SELECT case_id, status FROM narrative", error);
  if (stmt == NULL)
    return FALSE;
  self->case_complete = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 case_id = sqlite3_column_int64 (stmt, 0);
      gboolean done = sqlite3_column_int64 (stmt, 1) == SHIRABE_STATUS_DONE;
      gpointer seen = g_hash_table_lookup (self->case_complete, &case_id);

      /* 1: every narrative so far done; 2: one is not. */
      if (seen == NULL)
        g_hash_table_insert (self->case_complete, g_memdup2 (&case_id, sizeof case_id),
                             GINT_TO_POINTER (done ? 1 : 2));
      else if (!done)
        g_hash_table_replace (self->case_complete, g_memdup2 (&case_id, sizeof case_id),
                              GINT_TO_POINTER (2));
    }
  if (rc != SQLITE_DONE)
    return sqlite_failed (self, rc, error);
  return TRUE;
}

static gboolean
case_is_complete (Exporter *self,
                  gint64    case_id)
{
  return GPOINTER_TO_INT (g_hash_table_lookup (self->case_complete, &case_id)) == 1;
}

typedef struct
{
  Exporter *self;
  guint64  *code_counts;
  guint    *present;
  guint     n_present;
  guint64  *rollup_counts;
} CaseCounts;

static void
on_rollup_count (gint64   key,
                 guint64  count,
                 gpointer user_data)
{
  CaseCounts *counts = user_data;
  ExportCode *code = code_for_id (counts->self, key);

  if (code != NULL && code->rollup >= 0)
    counts->rollup_counts[code->rollup] = count;
}

/* Counts the whole subtree of every code with subcodes: each coding counts for its code and
 * every ancestor, so that a subtree's passages are the union over all its codes. */
static void
count_rollups (Exporter   *self,
               CaseCounts *counts,
               GArray     *expanded)
{
  g_array_set_size (expanded, 0);
  for (guint i = 0; i < self->unit_rows->len; i++)
    {
      ShirabeUnitRow row = g_array_index (self->unit_rows, ShirabeUnitRow, i);
      ExportCode *code = code_for_id (self, row.key);

      /* Bounded: a damaged tree's loop of parents ends the walk. */
      for (guint depth = 0; code != NULL && depth < 64; depth++)
        {
          if (code->rollup >= 0)
            {
              row.key = code->id;
              g_array_append_val (expanded, row);
            }
          code = code->parent_id != 0 ? code_for_id (self, code->parent_id) : NULL;
        }
    }
  memset (counts->rollup_counts, 0, self->rollups->len * sizeof *counts->rollup_counts);
  shirabe_count_units ((ShirabeUnitRow *) (gpointer) expanded->data, expanded->len,
                       self->options->count, self->options->include_translations,
                       on_rollup_count, counts);
}

static void
on_case_count (gint64   key,
               guint64  count,
               gpointer user_data)
{
  CaseCounts *counts = user_data;
  gint64 code_id = key;
  ExportCode *code = code_for_id (counts->self, code_id);

  if (code == NULL || count == 0)
    return;
  code->n_cases++;
  if (code->column >= 0)
    {
      counts->code_counts[code->column] = count;
      counts->present[counts->n_present++] = code->column;
    }
}

/* One row per case: its attributes, whether it is coded completely, and per codable code the
 * count in the chosen unit. Computes the codebook's and the cooccurrence table's counts too,
 * so it runs (without writing) when the cases table is not asked for. */
gboolean
shirabe_export_write_cases (Exporter  *self,
                            GError   **error)
{
  g_autoptr(ExportStmt) cases = NULL;
  g_autoptr(ExportStmt) codings = NULL;
  g_autoptr(ExportStmt) values = NULL;
  g_autoptr(GHashTable) attribute_by_id = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autofree ShirabeExportCell *cells = NULL;
  g_autofree guint64 *code_counts = NULL;
  g_autofree guint *present = NULL;
  g_autofree guint64 *rollup_counts = NULL;
  g_autoptr(GArray) expanded = g_array_new (FALSE, FALSE, sizeof (ShirabeUnitRow));
  ShirabeExportColumn *columns;
  TableBuilder builder;
  gboolean emit = (self->tables & SHIRABE_EXPORT_TABLE_CASES) != 0;
  guint n_codable = self->codable->len;
  guint n_rollups = self->rollups->len;
  guint n_columns;
  guint first_code_column;
  guint first_rollup_column;
  guint c_complete;
  gboolean ok = FALSE;
  int rc;

  table_builder_init (&builder, self);
  table_builder_add_term (&builder, self, T_CASE_ID, SHIRABE_COLUMN_INTEGER);
  table_builder_add_term (&builder, self, T_CASE_NAME, SHIRABE_COLUMN_TEXT);
  shirabe_export_add_attribute_columns (self, &builder, self->case_attributes, attribute_by_id);
  c_complete = table_builder_add_term (&builder, self, T_CODING_COMPLETE,
                                       SHIRABE_COLUMN_INTEGER);
  table_builder_label (&builder, c_complete, term (self, T_CODING_COMPLETE), &self->yes_no_set);
  first_code_column = builder.columns->len;
  for (guint i = 0; i < n_codable; i++)
    table_builder_label (&builder,
                         table_builder_add (&builder, self->code_headers[i],
                                            SHIRABE_COLUMN_INTEGER),
                         self->code_labels[i],
                         self->options->presence ? &self->presence_set : NULL);
  first_rollup_column = builder.columns->len;
  for (guint i = 0; i < n_rollups; i++)
    table_builder_label (&builder,
                         table_builder_add (&builder, self->rollup_headers[i],
                                            SHIRABE_COLUMN_INTEGER),
                         self->rollup_labels[i],
                         self->options->presence ? &self->presence_set : NULL);
  columns = table_builder_finish (&builder, &n_columns);

  cases = shirabe_project_prepare (self->project,
                                   "SELECT id, name FROM cases ORDER BY position, id", error);
  codings = shirabe_project_prepare (self->project, CASE_CODINGS_SQL, error);
  values = shirabe_project_prepare (self->project,
                                    "SELECT attribute_id, value FROM attribute_value"
                                    " WHERE case_id = ?1",
                                    error);
  if (cases == NULL || codings == NULL || values == NULL || !load_case_status (self, error))
    goto out;
  if (emit && !shirabe_export_begin_table (self, T_CASES, columns, n_columns, error))
    goto out;

  cells = g_new0 (ShirabeExportCell, n_columns);
  code_counts = g_new0 (guint64, n_codable + 1);
  present = g_new0 (guint, n_codable + 1);
  rollup_counts = g_new0 (guint64, n_rollups + 1);

  while ((rc = sqlite3_step (cases)) == SQLITE_ROW)
    {
      gint64 case_id = sqlite3_column_int64 (cases, 0);
      CaseCounts counts = { self, code_counts, present, 0, rollup_counts };
      gboolean is_complete = case_is_complete (self, case_id);

      if (!is_complete && self->options->incomplete == SHIRABE_EXPORT_INCOMPLETE_EXCLUDE)
        {
          if (!step_done (self, 1, error))
            goto out;
          continue;
        }

      cell_integer (&cells[0], case_id);
      cell_column_text (self, &cells[1], cases, 1);
      if (!shirabe_export_fill_attribute_cells (self, values, case_id, self->case_attributes,
                                                attribute_by_id, cells, error))
        goto out;
      cell_integer (&cells[c_complete], is_complete);

      if (!shirabe_export_load_case_codings (self, codings, case_id, error))
        goto out;
      for (guint i = 0; i < self->unit_rows->len; i++)
        {
          ShirabeUnitRow *row = &g_array_index (self->unit_rows, ShirabeUnitRow, i);
          gint64 code_id = row->key & 0xffffffff;
          ExportCode *code = code_for_id (self, code_id);

          /* The codebook counts codings as stored. */
          if (code != NULL)
            code->n_codings++;
          row->key = code_id;
        }
      keep_counted_codings (self);
      memset (code_counts, 0, n_codable * sizeof *code_counts);
      shirabe_count_units ((ShirabeUnitRow *) (gpointer) self->unit_rows->data,
                           self->unit_rows->len, self->options->count,
                           self->options->include_translations, on_case_count, &counts);

      if (n_rollups > 0)
        count_rollups (self, &counts, expanded);

      for (guint i = 0; i < counts.n_present; i++)
        for (guint j = 0; j < counts.n_present; j++)
          self->cooccurrence[present[i] * n_codable + present[j]]++;

      for (guint i = 0; i < n_codable; i++)
        {
          ShirabeExportCell *cell = &cells[first_code_column + i];

          if (!is_complete && self->options->incomplete == SHIRABE_EXPORT_INCOMPLETE_MISSING)
            cell_empty (cell);
          else if (self->options->presence)
            cell_integer (cell, code_counts[i] > 0);
          else
            cell_integer (cell, (gint64) code_counts[i]);
        }
      for (guint i = 0; i < n_rollups; i++)
        {
          ShirabeExportCell *cell = &cells[first_rollup_column + i];

          if (!is_complete && self->options->incomplete == SHIRABE_EXPORT_INCOMPLETE_MISSING)
            cell_empty (cell);
          else if (self->options->presence)
            cell_integer (cell, rollup_counts[i] > 0);
          else
            cell_integer (cell, (gint64) rollup_counts[i]);
        }

      if ((emit && !write_row (self, cells, error)) || !step_done (self, 1, error))
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

typedef struct
{
  Exporter          *self;
  ShirabeExportCell *cells;
  GHashTable        *counts;   /* key (coder, code) → count, gint64 → guint64 */
} CoderCounts;

static void
on_coder_count (gint64   key,
                guint64  count,
                gpointer user_data)
{
  CoderCounts *counts = user_data;

  g_hash_table_insert (counts->counts, g_memdup2 (&key, sizeof key),
                       g_memdup2 (&count, sizeof count));
}

/* A long table for agreement work: per case, per coder who coded any of its narratives, and
 * per codable code, the count in the chosen unit (0 included: that coder did not find it). */
gboolean
shirabe_export_write_coder_counts (Exporter  *self,
                                   GError   **error)
{
  g_autoptr(ExportStmt) cases = NULL;
  g_autoptr(ExportStmt) codings = NULL;
  g_autoptr(GHashTable) counts = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                                        g_free);
  g_autoptr(GArray) coders = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autofree ShirabeExportCell *cells = NULL;
  ShirabeExportColumn *columns;
  TableBuilder builder;
  guint n_columns;
  gboolean ok = FALSE;
  int rc;

  table_builder_init (&builder, self);
  table_builder_add_term (&builder, self, T_CASE_ID, SHIRABE_COLUMN_INTEGER);
  table_builder_add_term (&builder, self, T_CASE_NAME, SHIRABE_COLUMN_TEXT);
  table_builder_add_term (&builder, self, T_CODE_VAR, SHIRABE_COLUMN_TEXT);
  table_builder_add_term (&builder, self, T_CODE_LABEL, SHIRABE_COLUMN_TEXT);
  table_builder_add_term (&builder, self, T_CODER, SHIRABE_COLUMN_TEXT);
  table_builder_add_term (&builder, self, T_COUNT, SHIRABE_COLUMN_INTEGER);
  columns = table_builder_finish (&builder, &n_columns);

  cases = shirabe_project_prepare (self->project,
                                   "SELECT id, name FROM cases ORDER BY position, id", error);
  codings = shirabe_project_prepare (self->project, CASE_CODINGS_SQL, error);
  if (cases == NULL || codings == NULL || !load_case_status (self, error))
    goto out;
  if (!shirabe_export_begin_table (self, T_CODER_COUNTS, columns, n_columns, error))
    goto out;
  cells = g_new0 (ShirabeExportCell, n_columns);

  while ((rc = sqlite3_step (cases)) == SQLITE_ROW)
    {
      gint64 case_id = sqlite3_column_int64 (cases, 0);
      CoderCounts coder_counts = { self, cells, counts };
      gboolean is_complete = case_is_complete (self, case_id);

      if (!is_complete && self->options->incomplete == SHIRABE_EXPORT_INCOMPLETE_EXCLUDE)
        continue;
      if (!shirabe_export_load_case_codings (self, codings, case_id, error))
        goto out;
      keep_counted_codings (self);

      g_hash_table_remove_all (counts);
      g_array_set_size (coders, 0);
      for (guint i = 0; i < self->unit_rows->len; i++)
        {
          gint64 coder_id = g_array_index (self->unit_rows, ShirabeUnitRow, i).key >> 32;
          gboolean seen = FALSE;

          for (guint j = 0; j < coders->len && !seen; j++)
            seen = g_array_index (coders, gint64, j) == coder_id;
          if (!seen)
            g_array_append_val (coders, coder_id);
        }
      shirabe_count_units ((ShirabeUnitRow *) (gpointer) self->unit_rows->data,
                           self->unit_rows->len, self->options->count,
                           self->options->include_translations, on_coder_count, &coder_counts);

      for (guint c = 0; c < coders->len; c++)
        for (guint i = 0; i < self->codable->len; i++)
          {
            gint64 coder_id = g_array_index (coders, gint64, c);
            ExportCode *code = g_ptr_array_index (self->codable, i);
            gint64 key = (coder_id << 32) | (code->id & 0xffffffff);
            guint64 *count = g_hash_table_lookup (counts, &key);

            cell_integer (&cells[0], case_id);
            cell_column_text (self, &cells[1], cases, 1);
            cell_text (self, &cells[2], code->var_name);
            cell_text (self, &cells[3], code_label (self, code));
            cell_text (self, &cells[4], g_hash_table_lookup (self->coder_names, &coder_id));
            if (!is_complete && self->options->incomplete == SHIRABE_EXPORT_INCOMPLETE_MISSING)
              cell_empty (&cells[5]);
            else
              cell_integer (&cells[5], count != NULL ? (gint64) *count : 0);
            if (!write_row (self, cells, error))
              goto out;
          }
      if (!shirabe_export_check_cancelled (self, error))
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
