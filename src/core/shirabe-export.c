/* shirabe-export.c: the coded project as tables for statistics
 *
 * The exporter reads the project straight from its schema and computes every table row by
 * row: each table is one statement stepping (or one per case or narrative, with an index), so
 * memory stays flat however many codings there are. The rows go to a sink that prints them as
 * an XLSX workbook, as CSV files or as SPSS or Stata files (shirabe-export-private.h).
 *
 * This file computes the tables and runs the export: it loads what the tables need
 * (shirabe-export-load.c), runs the passes in turn, writes the about table, and commits the
 * files. It also holds the helpers the writers share.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "shirabe-i18n.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "shirabe-export-about-private.h"
#include "shirabe-export-counts-private.h"
#include "shirabe-export-tables-private.h"
#include "shirabe-narrative.h"
#include "shirabe-pseudonymise.h"

/* The process's umask, read without changing it (umask() would race with other threads):
 * Linux tells it in /proc/self/status; elsewhere the usual 022. */
static guint
read_umask (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (g_file_get_contents ("/proc/self/status", &status, NULL, NULL) &&
      (line = strstr (status, "\nUmask:")) != NULL)
    return (guint) g_ascii_strtoull (line + strlen ("\nUmask:"), NULL, 8) & 0777;
  return 022;
}

guint
shirabe_export_file_mode (void)
{
  return 0666 & ~read_umask ();
}

void
shirabe_export_set_io_error (GError     **error,
                             const char  *path,
                             int          saved_errno)
{
  g_autofree char *display = g_filename_display_name (path);

  if (saved_errno == ENOSPC || saved_errno == EFBIG
#ifdef EDQUOT
      || saved_errno == EDQUOT
#endif
      )
    {
      g_autofree char *absolute = g_canonicalize_filename (path, NULL);
      g_autofree char *folder = g_path_get_dirname (absolute);
      g_autofree char *folder_display = g_filename_display_name (folder);

      g_set_error (error, SHIRABE_ERROR, SHIRABE_ERROR_FULL,
                   _("The disk holding the folder “%s” is full, or the file may not grow: the "
                     "export “%s” was not written, and the project is unchanged"),
                   folder_display, display);
      return;
    }
  g_set_error (error, SHIRABE_ERROR, SHIRABE_ERROR_FAILED,
               _("Cannot write the export “%s”: %s"), display, g_strerror (saved_errno));
}

char *
shirabe_export_sheet_name (const char *name,
                           guint       index)
{
  g_autofree char *suffix = index > 1 ? g_strdup_printf (" (%u)", index) : g_strdup ("");
  guint limit = 31 - strlen (suffix);
  guint units = 0;
  GString *clean = g_string_new (NULL);

  for (const char *p = name; p != NULL && *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      guint size = c > 0xffff ? 2 : 1;

      if (units + size > limit)
        break;
      units += size;
      if (c < 0x20 || (c < 0x80 && strchr ("[]:*?/\\", (int) c) != NULL))
        g_string_append_c (clean, '_');
      else
        g_string_append_unichar (clean, c);
    }
  while (clean->len > 0 && clean->str[0] == '\'')
    g_string_erase (clean, 0, 1);
  while (clean->len > 0 && clean->str[clean->len - 1] == '\'')
    g_string_truncate (clean, clean->len - 1);
  if (clean->len == 0)
    g_string_assign (clean, "Sheet");
  /* Excel keeps "History" for itself. */
  if (g_ascii_strcasecmp (clean->str, "history") == 0)
    g_string_append_c (clean, '_');
  g_string_append (clean, suffix);
  return g_string_free (clean, FALSE);
}

/* Progress and cancellation */

void
shirabe_export_report (Exporter *self,
                       gboolean  force)
{
  double fraction;

  if (self->progress == NULL)
    return;
  fraction = self->total > 0 ? MIN (1.0, (double) self->done / (double) self->total) : 1.0;
  if (force || fraction - self->reported >= 0.005)
    {
      self->reported = fraction;
      self->progress (fraction, self->table_name, self->progress_data);
    }
}

gboolean
shirabe_export_check_cancelled (Exporter  *self,
                                GError   **error)
{
  if (g_cancellable_is_cancelled (self->cancellable))
    {
      g_autofree char *display = g_filename_display_name (self->path);

      g_set_error (error, SHIRABE_ERROR, SHIRABE_ERROR_CANCELLED,
                   _("The export to “%s” was cancelled; no file was written"), display);
      return FALSE;
    }
  return TRUE;
}

gboolean
shirabe_export_begin_table (Exporter            *self,
                            Term                 name,
                            ShirabeExportColumn *columns,
                            guint                n_columns,
                            GError             **error)
{
  /* With variable names as headers, the sheets have their stable ASCII names too, whatever
   * the language: read_excel (sheet = "cases") works on a Japanese export. */
  ShirabeExportTable table = { self->names ? shirabe_export_terms[name][0] : term (self, name),
                               shirabe_export_terms[name][0], columns, n_columns };

  self->table_name = table.sheet_name;
  shirabe_export_report (self, TRUE);
  if (!self->sink->vtable->begin_table (self->sink, &table, error))
    return FALSE;
  self->result->n_tables++;
  return TRUE;
}

static gint64
family_of (Exporter *self,
           gint64    narrative_id)
{
  gint64 *root = g_hash_table_lookup (self->family_of, &narrative_id);

  return root != NULL ? *root : narrative_id;
}

/* Reads a case's codings into unit_rows (keys set later). */
static gboolean
load_case_codings (Exporter      *self,
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

/* The tables */

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
static gboolean
write_cases (Exporter  *self,
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

      if (!load_case_codings (self, codings, case_id, error))
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
static gboolean
write_coder_counts (Exporter  *self,
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
      if (!load_case_codings (self, codings, case_id, error))
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

static gboolean
write_codings (Exporter  *self,
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
  ok = self->sink->vtable->end_table (self->sink, error);

out:
  shirabe_export_columns_free (columns, n_columns);
  return ok;
}

static guint64
subtree_codings (const ExportCode *code,
                 guint             depth)
{
  guint64 total = code->n_codings;

  /* Bounded: a damaged tree's loop is exported at the top, not walked for ever. */
  for (guint i = 0; code->children != NULL && depth < 64 && i < code->children->len; i++)
    total += subtree_codings (g_ptr_array_index (code->children, i), depth + 1);
  return total;
}

static gboolean
write_codebook (Exporter  *self,
                GError   **error)
{
  g_autofree ShirabeExportCell *cells = NULL;
  ShirabeExportColumn *columns;
  TableBuilder builder;
  guint n_columns;
  GPtrArray *attributes[] = { self->case_attributes, self->narrative_attributes };
  guint c_entry;
  guint c_subtree;
  gboolean ok = FALSE;

  table_builder_init (&builder, self);
  table_builder_add_term (&builder, self, T_LEVEL, SHIRABE_COLUMN_INTEGER);
  table_builder_add_term (&builder, self, T_CODE_PATH, SHIRABE_COLUMN_TEXT);
  table_builder_add_term (&builder, self, T_LABEL_EN, SHIRABE_COLUMN_TEXT);
  table_builder_add_term (&builder, self, T_LABEL_JA, SHIRABE_COLUMN_TEXT);
  table_builder_add_term (&builder, self, T_DESCRIPTION_EN, SHIRABE_COLUMN_LONG_TEXT);
  table_builder_add_term (&builder, self, T_DESCRIPTION_JA, SHIRABE_COLUMN_LONG_TEXT);
  table_builder_add_term (&builder, self, T_COLOR, SHIRABE_COLUMN_TEXT);
  table_builder_add_term (&builder, self, T_VAR_NAME, SHIRABE_COLUMN_TEXT);
  table_builder_label (&builder,
                       table_builder_add_term (&builder, self, T_CODABLE,
                                               SHIRABE_COLUMN_INTEGER),
                       term (self, T_CODABLE), &self->yes_no_set);
  table_builder_add_term (&builder, self, T_N_CODINGS, SHIRABE_COLUMN_INTEGER);
  table_builder_add_term (&builder, self, T_N_CASES, SHIRABE_COLUMN_INTEGER);
  c_entry = table_builder_add_term (&builder, self, T_ENTRY, SHIRABE_COLUMN_TEXT);
  table_builder_add_term (&builder, self, T_VALUE_TYPE, SHIRABE_COLUMN_TEXT);
  table_builder_add_term (&builder, self, T_CHOICES, SHIRABE_COLUMN_LONG_TEXT);
  c_subtree = table_builder_add_term (&builder, self, T_N_CODINGS_SUBTREE,
                                      SHIRABE_COLUMN_INTEGER);
  columns = table_builder_finish (&builder, &n_columns);

  if (!shirabe_export_begin_table (self, T_CODEBOOK, columns, n_columns, error))
    goto out;
  cells = g_new0 (ShirabeExportCell, n_columns);

  for (guint i = 0; i < self->codes->len; i++)
    {
      ExportCode *code = g_ptr_array_index (self->codes, i);
      guint rgb;

      cell_integer (&cells[0], code->depth + 1);
      cell_text (self, &cells[1], code->path);
      cell_text (self, &cells[2], code->label_en);
      cell_text (self, &cells[3], code->label_ja);
      cell_text (self, &cells[4], code->description_en);
      cell_text (self, &cells[5], code->description_ja);
      cell_text (self, &cells[6], code->color);
      if (code->color != NULL && code->color[0] == '#' && strlen (code->color) == 7 &&
          sscanf (code->color + 1, "%6x", &rgb) == 1)
        {
          cells[6].fill = rgb;
          cells[6].has_fill = TRUE;
        }
      cell_text (self, &cells[7], code->var_name);
      cell_integer (&cells[8], code->codable);
      cell_integer (&cells[9], code->n_codings);
      cell_integer (&cells[10], code->n_cases);
      cell_text (self, &cells[c_entry], code->codable ? "code" : "category");
      cell_empty (&cells[c_entry + 1]);
      cell_empty (&cells[c_entry + 2]);
      /* A parent's 0 beside its children's codings misleads: the subtree's total too. */
      cell_integer (&cells[c_subtree], subtree_codings (code, 0));
      if (!write_row (self, cells, error) || !step_done (self, 1, error))
        goto out;
    }

  /* The attributes, so that every variable of the export is described in one place. */
  for (guint a = 0; a < G_N_ELEMENTS (attributes); a++)
    for (guint i = 0; i < attributes[a]->len; i++)
      {
        ExportAttribute *attribute = g_ptr_array_index (attributes[a], i);
        const ShirabeAttribute *full = attribute->full;
        g_autoptr(GString) choices = g_string_new (NULL);

        for (guint j = 0; j < n_columns; j++)
          cell_empty (&cells[j]);
        cell_text (self, &cells[2], full->name_en);
        cell_text (self, &cells[3], full->name_ja);
        cell_text (self, &cells[4], full->description_en);
        cell_text (self, &cells[5], full->description_ja);
        cell_text (self, &cells[7], attribute->var_name);
        cell_text (self, &cells[c_entry], a == 0 ? "case_attribute" : "narrative_attribute");
        cell_text (self, &cells[c_entry + 1], shirabe_attribute_type_to_string (full->type));
        /* value = English label / Japanese label; … */
        for (guint j = 0; full->choices != NULL && full->choices[j] != NULL; j++)
          g_string_append_printf (choices, "%s%s = %s / %s", j > 0 ? "; " : "",
                                  full->choices[j],
                                  full->choice_labels_en != NULL ? full->choice_labels_en[j] : "",
                                  full->choice_labels_ja != NULL ? full->choice_labels_ja[j] : "");
        if (choices->len > 0)
          cell_text (self, &cells[c_entry + 2], choices->str);
        if (!write_row (self, cells, error))
          goto out;
      }
  ok = self->sink->vtable->end_table (self->sink, error);

out:
  shirabe_export_columns_free (columns, n_columns);
  return ok;
}

static gboolean
write_narratives (Exporter  *self,
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
static gboolean
narrative_pass (Exporter  *self,
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
      if (!load_case_codings (self, codings, narrative_id, error))
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

/* A code × code table of @counts (cooccurring cases, or overlapping segments). */
static gboolean
write_matrix (Exporter       *self,
              Term            name,
              const guint32  *counts32,
              const guint64  *counts64,
              GError        **error)
{
  g_autofree ShirabeExportCell *cells = NULL;
  ShirabeExportColumn *columns;
  TableBuilder builder;
  guint n_codable = self->codable->len;
  guint n_columns;
  gboolean ok = FALSE;

  table_builder_init (&builder, self);
  table_builder_add_term (&builder, self, T_CODE, SHIRABE_COLUMN_TEXT);
  for (guint i = 0; i < n_codable; i++)
    table_builder_label (&builder,
                         table_builder_add (&builder, self->code_headers[i],
                                            SHIRABE_COLUMN_INTEGER),
                         self->code_labels[i], NULL);
  columns = table_builder_finish (&builder, &n_columns);

  if (!shirabe_export_begin_table (self, name, columns, n_columns, error))
    goto out;
  cells = g_new0 (ShirabeExportCell, n_columns);

  for (guint i = 0; i < n_codable; i++)
    {
      cell_text (self, &cells[0], self->code_headers[i]);
      for (guint j = 0; j < n_codable; j++)
        cell_integer (&cells[1 + j], counts32 != NULL ? counts32[i * n_codable + j]
                                                      : (gint64) counts64[i * n_codable + j]);
      if (!write_row (self, cells, error) || !step_done (self, 1, error))
        goto out;
    }
  ok = self->sink->vtable->end_table (self->sink, error);

out:
  shirabe_export_columns_free (columns, n_columns);
  return ok;
}

/* Every memo in one table: on a case, a narrative or a coding (with its code, coder and
 * passage), in the order of the cases. Memos are where the analysis is argued. */
static gboolean
write_memos (Exporter  *self,
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

/* What the export is: a sheet of its own, or README.txt beside the CSV files. */
static gboolean
write_about (Exporter  *self,
             GError   **error)
{
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *exported_at = g_date_time_format (now, "%Y-%m-%d %H:%M:%S");
  g_autofree char *project_name = shirabe_project_dup_name (self->project);
  g_autofree char *pseudonymised_at = shirabe_project_dup_meta (self->project,
                                                                "pseudonymised_at");
  g_autofree ShirabeExportCell *cells = NULL;
  ShirabeExportAbout info = { 0 };
  ShirabeExportResult saved;
  ShirabeExportColumn *columns;
  TableBuilder builder;
  guint n_columns;
  gboolean ok = FALSE;

  info.options = self->options;
  info.japanese = self->lang == 2;
  info.tables = self->tables;
  info.sheet_names_ascii = self->options->format != SHIRABE_EXPORT_XLSX || self->names;
  info.project_name = project_name != NULL ? project_name : "";
  info.exported_at = exported_at;
  info.pseudonymised_at = pseudonymised_at;
  info.coder_name = self->coder_id != 0 ? g_hash_table_lookup (self->coder_names, &self->coder_id)
                                        : NULL;
  rows = shirabe_export_about (&info);

  if (self->sink->vtable->write_text != NULL)
    {
      g_autoptr(GString) text = g_string_new (NULL);

      for (guint i = 0; i + 1 < rows->len; i += 2)
        g_string_append_printf (text, "%s\r\n  %s\r\n\r\n", (char *) rows->pdata[i],
                                (char *) rows->pdata[i + 1]);
      return self->sink->vtable->write_text (self->sink, "README.txt", text->str, error);
    }

  /* Documentation, not data: the result counts the data tables only. */
  saved = *self->result;
  table_builder_init (&builder, self);
  table_builder_add_term (&builder, self, T_ITEM, SHIRABE_COLUMN_TEXT);
  table_builder_add_term (&builder, self, T_DESCRIPTION, SHIRABE_COLUMN_LONG_TEXT);
  columns = table_builder_finish (&builder, &n_columns);
  if (!shirabe_export_begin_table (self, T_ABOUT, columns, n_columns, error))
    goto out;
  cells = g_new0 (ShirabeExportCell, n_columns);
  for (guint i = 0; i + 1 < rows->len; i += 2)
    {
      cell_text (self, &cells[0], rows->pdata[i]);
      cell_text (self, &cells[1], rows->pdata[i + 1]);
      if (!write_row (self, cells, error))
        goto out;
    }
  ok = self->sink->vtable->end_table (self->sink, error);
  *self->result = saved;

out:
  shirabe_export_columns_free (columns, n_columns);
  return ok;
}

/* The whole export */

static void
exporter_clear (Exporter *self)
{
  g_clear_pointer (&self->codable, g_ptr_array_unref);
  g_clear_pointer (&self->code_by_id, g_hash_table_unref);
  g_clear_pointer (&self->code_at, g_free);
  g_clear_pointer (&self->case_complete, g_hash_table_unref);
  g_clear_pointer (&self->codes, g_ptr_array_unref);
  g_clear_pointer (&self->code_headers, g_strfreev);
  g_clear_pointer (&self->code_labels, g_strfreev);
  g_clear_pointer (&self->rollup_labels, g_strfreev);
  g_clear_pointer (&self->rollups, g_ptr_array_unref);
  g_clear_pointer (&self->rollup_headers, g_strfreev);
  g_clear_pointer (&self->case_attributes, g_ptr_array_unref);
  g_clear_pointer (&self->narrative_attributes, g_ptr_array_unref);
  g_clear_pointer (&self->coder_names, g_hash_table_unref);
  g_clear_pointer (&self->family_of, g_hash_table_unref);
  g_clear_pointer (&self->unit_rows, g_array_unref);
  g_clear_pointer (&self->unit_carried, g_array_unref);
  g_clear_pointer (&self->translated, g_hash_table_unref);
  g_clear_pointer (&self->row_strings, g_ptr_array_unref);
  g_clear_pointer (&self->cooccurrence, g_free);
  g_clear_pointer (&self->overlaps, g_free);
}

static char *
describe_options (Exporter *self)
{
  const ShirabeExportOptions *options = self->options;

  static const char *const format_names[] = { "XLSX", "CSV", "SPSS", "Stata" };

  return g_strdup_printf ("Shirabe %s export: language=%s headers=%s code-columns=%s coder=%s "
                          "excerpts=%s",
                          format_names[CLAMP ((int) options->format, 0, 3)],
                          self->lang == 2 ? "ja" : "en",
                          self->names ? "names" : "labels",
                          options->presence ? "presence" : "counts",
                          options->coder != NULL ? options->coder : "all",
                          options->no_excerpts ? "no" : "yes");
}

static guint
count_tables (ShirabeExportTables tables)
{
  guint n = 0;

  for (; tables != 0; tables &= tables - 1)
    n++;
  return n;
}

/**
 * shirabe_project_export:
 * @project: an open project
 * @path: the workbook to write (XLSX), or the folder to write the CSV files into
 * @options: (nullable): what to export and how; %NULL for the defaults
 * @progress: (nullable) (scope call): called as the export goes on
 * @cancellable: (nullable): cancels the export; nothing is left behind
 * @result: (out caller-allocates) (optional): what was written
 *
 * Writes the tables cases, codings, codebook, narratives and cooccurrence (and with
 * @options->overlaps, overlaps) for statistics. Everything is written under temporary names
 * beside @path and renamed at the end, so a failed or cancelled export leaves no partial file.
 * The project is read in one read transaction: an edit made meanwhile by another connection
 * does not tear the tables apart.
 *
 * Returns: %TRUE when every file is in place; %FALSE with @error set otherwise
 */
gboolean
shirabe_project_export (ShirabeProject              *project,
                        const char                  *path,
                        const ShirabeExportOptions  *options,
                        ShirabeExportProgress        progress,
                        gpointer                     user_data,
                        GCancellable                *cancellable,
                        ShirabeExportResult         *result,
                        GError                     **error)
{
  static const ShirabeExportOptions defaults = { 0 };
  ShirabeExportResult local_result;
  Exporter self = { 0 };
  ShirabeExportMeta meta = { 0 };
  g_autofree char *title = NULL;
  g_autofree char *comments = NULL;
  g_autofree char *dataset_label = NULL;
  gboolean in_transaction = FALSE;
  gboolean ok = FALSE;

  g_return_val_if_fail (SHIRABE_IS_PROJECT (project), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (options == NULL)
    options = &defaults;
  if (result == NULL)
    result = &local_result;
  memset (result, 0, sizeof *result);

  if (options->pseudonymise)
    {
      ShirabeExportOptions plain = *options;
      g_autofree char *folder = NULL;
      ShirabeProject *copy;

      /* The project stays open meanwhile: the output check still refuses it as a target. */
      copy = shirabe_project_open_pseudonymised (project, &folder, error);
      if (copy == NULL)
        return FALSE;
      plain.pseudonymise = FALSE;
      ok = shirabe_project_export (copy, path, &plain, progress, user_data, cancellable, result,
                                   error);
      shirabe_pseudonymised_discard (copy, folder);
      return ok;
    }

  self.project = project;
  self.db = shirabe_project_get_db (project);
  self.path = path;
  self.options = options;
  self.lang = options->language == SHIRABE_LANGUAGE_JA ? 2 : 1;
  /* SPSS and Stata files name their variables, and label them besides. */
  self.stats = options->format == SHIRABE_EXPORT_SAV || options->format == SHIRABE_EXPORT_DTA;
  self.names = options->header == SHIRABE_EXPORT_HEADER_NAMES || self.stats;
  /* Their choices are codes, labelled: the cells carry the stored values to the writer. */
  self.choice_labels = options->choices == SHIRABE_EXPORT_CHOICES_LABELS && !self.stats;
  self.max_chars = options->max_chars > 0 ? MIN (options->max_chars, SHIRABE_EXPORT_MAX_CHARS)
                                          : SHIRABE_EXPORT_MAX_CHARS;
  /* Room for the marker itself. */
  self.max_chars = MAX (self.max_chars, 64);
  /* A CSV field has no length limit: text is cut only where a spreadsheet cell must be. */
  if (options->format == SHIRABE_EXPORT_CSV)
    self.max_chars = G_MAXUINT;
  /* An SPSS string holds at most 32,767 bytes. */
  if (options->format == SHIRABE_EXPORT_SAV)
    self.max_bytes = 32767;
  self.result = result;
  self.progress = progress;
  self.progress_data = user_data;
  self.cancellable = cancellable;
  self.table_name = shirabe_export_terms[T_CASES][self.lang];

  if (self.db == NULL)
    {
      g_set_error_literal (error, SHIRABE_ERROR, SHIRABE_ERROR_FAILED, _("The project is closed"));
      return FALSE;
    }
  if (!shirabe_export_check_cancelled (&self, error))
    return FALSE;

  /* One read transaction: every table sees the same project. Inside an edit of this
   * connection there is nothing to isolate from. */
  if (sqlite3_get_autocommit (self.db))
    {
      int rc = sqlite3_exec (self.db, "BEGIN", NULL, NULL, NULL);

      if (rc != SQLITE_OK)
        return shirabe_project_set_sqlite_error (project, rc, error);
      in_transaction = TRUE;
    }

  if (!shirabe_export_load (&self, error))
    goto out;

  title = shirabe_project_dup_name (project);
  comments = describe_options (&self);
  meta.title = title;
  meta.subject = term (&self, T_SUBJECT);
  meta.comments = comments;
  {
    g_autoptr(GDateTime) now = g_date_time_new_now_local ();
    g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");

    /* Not a translatable message: the language is the export's. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
    dataset_label = g_strdup_printf (term (&self, T_DATASET), today, title != NULL ? title : "");
#pragma GCC diagnostic pop
    meta.dataset_label = dataset_label;
  }

  if (options->format == SHIRABE_EXPORT_CSV)
    self.sink = shirabe_export_csv_sink_new (path, options, result, error);
  else if (self.stats)
    self.sink = shirabe_export_stats_sink_new (path, options, &meta,
                                               count_tables (self.tables),
                                               result, error);
  else
    self.sink = shirabe_export_xlsx_sink_new (path, options, &meta, result, error);
  if (self.sink == NULL)
    goto out;

  /* The cases table computes the codebook's and cooccurrence's counts, the codings table
   * the overlaps: they run, without writing, when their tables are left out (and not at all
   * when nothing needs them). */
  ok = (!needs_case_pass (&self) || write_cases (&self, error)) &&
       ((self.tables & (SHIRABE_EXPORT_TABLE_CODINGS | SHIRABE_EXPORT_TABLE_OVERLAPS)) == 0 ||
        write_codings (&self, error)) &&
       (!(self.tables & SHIRABE_EXPORT_TABLE_CODER_COUNTS) || write_coder_counts (&self, error)) &&
       (!(self.tables & SHIRABE_EXPORT_TABLE_CODEBOOK) || write_codebook (&self, error)) &&
       (!(self.tables & SHIRABE_EXPORT_TABLE_NARRATIVES) || write_narratives (&self, error)) &&
       ((!(self.tables & SHIRABE_EXPORT_TABLE_NARRATIVE_CODES) &&
         options->cooccurrence == SHIRABE_EXPORT_COOCCURRENCE_CASES) ||
        narrative_pass (&self, error)) &&
       (!(self.tables & SHIRABE_EXPORT_TABLE_COOCCURRENCE) ||
        write_matrix (&self, T_COOCCURRENCE, self.cooccurrence, NULL, error)) &&
       (!(self.tables & SHIRABE_EXPORT_TABLE_OVERLAPS) ||
        write_matrix (&self, T_OVERLAPS, NULL, self.overlaps, error)) &&
       (!(self.tables & SHIRABE_EXPORT_TABLE_MEMOS) || write_memos (&self, error)) &&
       write_about (&self, error) &&
       shirabe_export_check_cancelled (&self, error) &&
       self.sink->vtable->commit (self.sink, error);
  if (!ok)
    self.sink->vtable->abort (self.sink);
  self.sink->vtable->free (self.sink);
  if (ok)
    {
      self.done = self.total;
      shirabe_export_report (&self, TRUE);
    }

out:
  if (in_transaction)
    sqlite3_exec (self.db, "COMMIT", NULL, NULL, NULL);
  exporter_clear (&self);
  return ok;
}

/* Running the export in a thread, with its own connection */

typedef struct
{
  char                  *project_path;
  char                  *path;
  ShirabeExportOptions   options;
  char                  *coder;
  ShirabeExportProgress  progress;
  gpointer               progress_data;
  GMainContext          *context;
  GTask                 *task;       /* unowned: the task owns the job */
  gboolean               finished;   /* the caller has the outcome: no more progress */
  ShirabeExportResult    result;
} ExportJob;

typedef struct
{
  GTask                 *task;
  double                 fraction;
  char                  *table;
} ProgressEvent;

static void
export_job_free (ExportJob *job)
{
  g_free (job->project_path);
  g_free (job->path);
  g_free (job->coder);
  g_clear_pointer (&job->context, g_main_context_unref);
  g_free (job);
}

static void
progress_event_free (ProgressEvent *event)
{
  g_object_unref (event->task);
  g_free (event->table);
  g_free (event);
}

static gboolean
progress_event_dispatch (gpointer data)
{
  ProgressEvent *event = data;
  ExportJob *job = g_task_get_task_data (event->task);

  if (!job->finished)
    job->progress (event->fraction, event->table, job->progress_data);
  return G_SOURCE_REMOVE;
}

/* In the worker: the progress goes to the caller's context through a source attached there,
 * not g_main_context_invoke(), which calls the function right here, in the worker, whenever
 * no thread holds that context just then. */
static void
export_job_progress (double      fraction,
                     const char *table,
                     gpointer    user_data)
{
  ExportJob *job = user_data;
  ProgressEvent *event = g_new0 (ProgressEvent, 1);
  GSource *source = g_idle_source_new ();

  event->task = g_object_ref (job->task);
  event->fraction = fraction;
  event->table = g_strdup (table);
  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_callback (source, progress_event_dispatch, event,
                         (GDestroyNotify) progress_event_free);
  g_source_set_static_name (source, "[shirabe] export progress");
  g_source_attach (source, job->context);
  g_source_unref (source);
}

static void
export_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ExportJob *job = task_data;
  g_autoptr(ShirabeProject) project = NULL;
  GError *error = NULL;

  project = shirabe_project_open (job->project_path,
                                  SHIRABE_PROJECT_READ_ONLY | SHIRABE_PROJECT_NO_HISTORY, &error);
  if (project == NULL ||
      !shirabe_project_export (project, job->path, &job->options,
                               job->progress != NULL ? export_job_progress : NULL, job,
                               cancellable, &job->result, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  shirabe_project_close (project, NULL);
  g_task_return_boolean (task, TRUE);
}

/**
 * shirabe_project_export_async:
 *
 * Runs shirabe_project_export() in a worker thread with its own read-only connection to the
 * project file, so the window stays responsive. @progress is called in the thread-default main
 * context of the caller. Edits saved meanwhile are not part of the export.
 */
void
shirabe_project_export_async (ShirabeProject              *project,
                              const char                  *path,
                              const ShirabeExportOptions  *options,
                              ShirabeExportProgress        progress,
                              gpointer                     user_data,
                              GCancellable                *cancellable,
                              GAsyncReadyCallback          callback,
                              gpointer                     callback_data)
{
  g_autoptr(GTask) task = NULL;
  ExportJob *job;

  g_return_if_fail (SHIRABE_IS_PROJECT (project));
  g_return_if_fail (path != NULL);

  job = g_new0 (ExportJob, 1);
  job->project_path = g_strdup (shirabe_project_get_path (project));
  job->path = g_strdup (path);
  if (options != NULL)
    job->options = *options;
  job->coder = g_strdup (job->options.coder);
  job->options.coder = job->coder;
  job->progress = progress;
  job->progress_data = user_data;
  job->context = g_main_context_ref_thread_default ();

  task = g_task_new (project, cancellable, callback, callback_data);
  job->task = task;
  g_task_set_source_tag (task, shirabe_project_export_async);
  /* The worker itself reports a cancellation, after removing what it wrote; a cancel that comes
   * once the files are in place must not turn a finished export into a "cancelled" one. */
  g_task_set_check_cancellable (task, FALSE);
  g_task_set_task_data (task, job, (GDestroyNotify) export_job_free);
  g_task_run_in_thread (task, export_thread);
}

gboolean
shirabe_project_export_finish (ShirabeProject       *project,
                               GAsyncResult         *result,
                               ShirabeExportResult  *export_result,
                               GError              **error)
{
  GTask *task = G_TASK (result);

  g_return_val_if_fail (g_task_is_valid (result, project), FALSE);

  ((ExportJob *) g_task_get_task_data (task))->finished = TRUE;
  if (!g_task_propagate_boolean (task, error))
    return FALSE;
  if (export_result != NULL)
    *export_result = ((ExportJob *) g_task_get_task_data (task))->result;
  return TRUE;
}
