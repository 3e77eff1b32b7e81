/* shirabe-agreement-export.c: an agreement report as a workbook: the figures per code, and
 * the passages the coders disagree on
 *
 * Written through the statistics export's sinks, so the target is checked, the file published
 * whole and cells cut at Excel's limit as that export does. Both code labels are given, so
 * that a bilingual team reads the same sheet.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "shirabe-agreement.h"
#include "shirabe-error.h"
#include "shirabe-export-private.h"
#include "shirabe-i18n.h"
#include "shirabe-project-private.h"

typedef struct
{
  const char        *name;
  const char        *label;
  ShirabeColumnKind  kind;
} Column;

static const Column summary_columns[] = {
  { "code_en", N_("Code (English)"), SHIRABE_COLUMN_TEXT },
  { "code_ja", N_("Code (Japanese)"), SHIRABE_COLUMN_TEXT },
  { "units", N_("Units"), SHIRABE_COLUMN_INTEGER },
  { "pairable", N_("Pairable values"), SHIRABE_COLUMN_INTEGER },
  { "percent", N_("Percent agreement"), SHIRABE_COLUMN_NUMBER },
  { "cohen_kappa", N_("Cohen’s kappa"), SHIRABE_COLUMN_NUMBER },
  { "fleiss_kappa", N_("Fleiss’ kappa"), SHIRABE_COLUMN_NUMBER },
  { "alpha", N_("Krippendorff’s alpha"), SHIRABE_COLUMN_NUMBER },
  /* xgettext:no-c-format */
  { "alpha_low", N_("Alpha, 95% interval from"), SHIRABE_COLUMN_NUMBER },
  /* xgettext:no-c-format */
  { "alpha_high", N_("Alpha, 95% interval to"), SHIRABE_COLUMN_NUMBER },
  { "disagreements", N_("Disagreements"), SHIRABE_COLUMN_INTEGER },
  { "note", N_("Note"), SHIRABE_COLUMN_LONG_TEXT },
  /* Character unit only */
  { "coded_units", N_("Characters of coded text"), SHIRABE_COLUMN_INTEGER },
  { "coded_percent", N_("Percent agreement, coded text"), SHIRABE_COLUMN_NUMBER },
  { "coded_cohen_kappa", N_("Cohen’s kappa, coded text"), SHIRABE_COLUMN_NUMBER },
  { "coded_alpha", N_("Krippendorff’s alpha, coded text"), SHIRABE_COLUMN_NUMBER },
  /* Segment unit only */
  { "segments", N_("Codings compared"), SHIRABE_COLUMN_INTEGER },
  { "matched", N_("Codings matched"), SHIRABE_COLUMN_INTEGER },
};

enum { N_COMMON = 12, FIRST_CODED = 12, FIRST_SEGMENT = 16, N_SUMMARY = 18 };

static const Column disagreement_columns[] = {
  { "case", N_("Case"), SHIRABE_COLUMN_TEXT },
  { "narrative", N_("Narrative"), SHIRABE_COLUMN_TEXT },
  { "code_en", N_("Code (English)"), SHIRABE_COLUMN_TEXT },
  { "code_ja", N_("Code (Japanese)"), SHIRABE_COLUMN_TEXT },
  { "start", N_("Start"), SHIRABE_COLUMN_INTEGER },
  { "end", N_("End"), SHIRABE_COLUMN_INTEGER },
  { "passage", N_("Passage"), SHIRABE_COLUMN_LONG_TEXT },
  { "coded_by", N_("Coded by"), SHIRABE_COLUMN_TEXT },
  { "not_coded_by", N_("Not coded by"), SHIRABE_COLUMN_TEXT },
};

/* Why a record has no kappa or alpha, in words; NULL when it has them. */
const char *
shirabe_agreement_record_note (ShirabeAgreementUnit          unit,
                               const ShirabeAgreementRecord *record)
{
  if (unit == SHIRABE_AGREEMENT_UNIT_SEGMENT)
    return record->n_segments == 0 ? _("No coding of this code in a narrative every coder coded.")
                                   : _("Kappa and alpha are not defined on segments.");
  if (record->stats.n_units == 0)
    return _("No unit has values from two coders.");
  if (record->stats.no_variation)
    return _("No variation: every coder gave every unit the same value, so kappa and alpha are undefined.");
  return NULL;
}

static void
number_cell (ShirabeExportCell *cell,
             double             value)
{
  memset (cell, 0, sizeof *cell);
  if (isnan (value))
    return;
  cell->type = SHIRABE_CELL_NUMBER;
  cell->number = value;
}

static void
integer_cell (ShirabeExportCell *cell,
              gint64             value)
{
  memset (cell, 0, sizeof *cell);
  cell->type = SHIRABE_CELL_INTEGER;
  cell->integer = value;
}

static void
clear_column (gpointer data)
{
  g_free (((ShirabeExportColumn *) data)->header);
}

static GArray *
make_columns (const Column *columns,
              guint         n,
              gboolean      names)
{
  GArray *array = g_array_new (FALSE, TRUE, sizeof (ShirabeExportColumn));

  g_array_set_clear_func (array, clear_column);

  for (guint i = 0; i < n; i++)
    {
      ShirabeExportColumn column;

      column.header = g_strdup (names ? columns[i].name : _(columns[i].label));
      column.kind = columns[i].kind;
      g_array_append_val (array, column);
    }
  return array;
}

static gboolean
write_summary (ShirabeAgreementReport *report,
               ShirabeExportSink      *sink,
               gboolean                names,
               guint                   max_chars,
               ShirabeLanguage         language,
               GError                **error)
{
  ShirabeAgreementUnit unit = shirabe_agreement_report_get_unit (report);
  guint n_columns = unit == SHIRABE_AGREEMENT_UNIT_CHARACTER ? FIRST_SEGMENT
                    : N_COMMON;
  g_autoptr (GArray) columns = make_columns (summary_columns, N_SUMMARY, names);
  ShirabeExportTable table;
  gboolean ok;

  /* The segment unit's own columns follow the common ones. */
  if (unit == SHIRABE_AGREEMENT_UNIT_SEGMENT)
    {
      g_array_remove_range (columns, FIRST_CODED, FIRST_SEGMENT - FIRST_CODED);
      n_columns = N_COMMON + 2;
    }
  table.sheet_name = names ? "agreement" : _("Agreement");
  table.file_stem = "agreement";
  table.columns = (const ShirabeExportColumn *) columns->data;
  table.n_columns = n_columns;
  ok = sink->vtable->begin_table (sink, &table, error);
  for (guint i = 0; ok && i <= shirabe_agreement_report_get_n_records (report); i++)
    {
      const ShirabeAgreementRecord *record = shirabe_agreement_report_get_record (report, i);
      const ShirabeAgreement *stats = &record->stats;
      g_autoptr (GPtrArray) strings = g_ptr_array_new_with_free_func (g_free);
      g_autofree ShirabeExportCell *cells = g_new0 (ShirabeExportCell, n_columns);
      gboolean pooled = record->code_id == 0;
      const char *note = shirabe_agreement_record_note (unit, record);

      shirabe_export_text_cell (&cells[0], strings,
                                pooled ? _("All codes (pooled)") : record->label_en, max_chars,
                                language, NULL);
      shirabe_export_text_cell (&cells[1], strings,
                                pooled ? _("All codes (pooled)") : record->label_ja, max_chars,
                                language, NULL);
      integer_cell (&cells[2], stats->n_units);
      integer_cell (&cells[3], stats->n_pairable);
      number_cell (&cells[4], stats->percent);
      number_cell (&cells[5], stats->cohen_kappa);
      number_cell (&cells[6], stats->fleiss_kappa);
      number_cell (&cells[7], stats->alpha);
      number_cell (&cells[8], stats->alpha_low);
      number_cell (&cells[9], stats->alpha_high);
      integer_cell (&cells[10], record->n_disagreements);
      if (note != NULL)
        shirabe_export_text_cell (&cells[11], strings, note, max_chars, language, NULL);
      if (unit == SHIRABE_AGREEMENT_UNIT_CHARACTER)
        {
          integer_cell (&cells[12], record->coded_text.n_units);
          number_cell (&cells[13], record->coded_text.percent);
          number_cell (&cells[14], record->coded_text.cohen_kappa);
          number_cell (&cells[15], record->coded_text.alpha);
        }
      else if (unit == SHIRABE_AGREEMENT_UNIT_SEGMENT)
        {
          integer_cell (&cells[12], record->n_segments);
          integer_cell (&cells[13], record->n_matched);
        }
      ok = sink->vtable->write_row (sink, cells, error);
    }
  return ok && sink->vtable->end_table (sink, error);
}

gboolean
shirabe_agreement_describe (ShirabeProject            *project,
                            const ShirabeDisagreement *disagreement,
                            guint                      max_chars,
                            char                     **case_name,
                            char                     **title,
                            char                     **passage,
                            GError                   **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = shirabe_project_prepare (project,
                                  "SELECT k.name, n.title,"
                                  " substr (n.text, ?2 + 1, min (?3 - ?2, ?4))"
                                  " FROM narrative n JOIN cases k ON k.id = n.case_id"
                                  " WHERE n.id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, disagreement->narrative_id);
  sqlite3_bind_int64 (stmt, 2, disagreement->start);
  sqlite3_bind_int64 (stmt, 3, disagreement->end);
  sqlite3_bind_int64 (stmt, 4, max_chars > 0 ? max_chars : G_MAXINT32);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      if (rc == SQLITE_DONE)
        shirabe_set_not_found (error, SHIRABE_ENTITY_NARRATIVE, disagreement->narrative_id);
      else
        shirabe_project_set_sqlite_error (project, rc, error);
      return FALSE;
    }
  *case_name = shirabe_column_dup_text (stmt, 0);
  *title = shirabe_column_dup_text (stmt, 1);
  *passage = shirabe_column_dup_text (stmt, 2);
  sqlite3_reset (stmt);
  return TRUE;
}

static gboolean
write_disagreements (ShirabeAgreementReport *report,
                     ShirabeProject         *project,
                     ShirabeExportSink      *sink,
                     gboolean                names,
                     guint                   max_chars,
                     ShirabeLanguage         language,
                     GError                **error)
{
  g_autoptr (GArray) columns = make_columns (disagreement_columns,
                                             G_N_ELEMENTS (disagreement_columns), names);
  GArray *disagreements = shirabe_agreement_report_get_disagreements (report);
  g_autoptr (GHashTable) labels = g_hash_table_new_full (g_int64_hash, g_int64_equal,
                                                         NULL, NULL);
  ShirabeExportTable table;
  gboolean ok;

  for (guint i = 0; i < shirabe_agreement_report_get_n_records (report); i++)
    {
      const ShirabeAgreementRecord *record = shirabe_agreement_report_get_record (report, i);

      g_hash_table_insert (labels, (gpointer) &record->code_id, (gpointer) record);
    }
  table.sheet_name = names ? "disagreements" : _("Disagreements");
  table.file_stem = "disagreements";
  table.columns = (const ShirabeExportColumn *) columns->data;
  table.n_columns = columns->len;
  ok = sink->vtable->begin_table (sink, &table, error);
  for (guint i = 0; ok && i < disagreements->len; i++)
    {
      const ShirabeDisagreement *d = &g_array_index (disagreements, ShirabeDisagreement, i);
      const ShirabeAgreementRecord *record = g_hash_table_lookup (labels, &d->code_id);
      g_autoptr (GPtrArray) strings = g_ptr_array_new_with_free_func (g_free);
      ShirabeExportCell cells[G_N_ELEMENTS (disagreement_columns)];
      g_autofree char *coded_by = shirabe_agreement_report_dup_coder_names (report, d->coded_by);
      g_autofree char *not_by = shirabe_agreement_report_dup_coder_names (report, d->not_by);
      g_autofree char *case_name = NULL, *title = NULL, *passage = NULL;

      if (!shirabe_agreement_describe (project, d, max_chars, &case_name, &title, &passage,
                                       error))
        return FALSE;
      shirabe_export_text_cell (&cells[0], strings, case_name, max_chars, language, NULL);
      shirabe_export_text_cell (&cells[1], strings, title, max_chars, language, NULL);
      shirabe_export_text_cell (&cells[6], strings, passage, max_chars, language, NULL);
      shirabe_export_text_cell (&cells[2], strings,
                                record != NULL ? record->label_en : "", max_chars, language,
                                NULL);
      shirabe_export_text_cell (&cells[3], strings,
                                record != NULL ? record->label_ja : "", max_chars, language,
                                NULL);
      integer_cell (&cells[4], d->start);
      integer_cell (&cells[5], d->end);
      shirabe_export_text_cell (&cells[7], strings, coded_by, max_chars, language, NULL);
      shirabe_export_text_cell (&cells[8], strings, not_by, max_chars, language, NULL);
      ok = sink->vtable->write_row (sink, cells, error);
    }
  return ok && sink->vtable->end_table (sink, error);
}

gboolean
shirabe_agreement_report_export (ShirabeAgreementReport     *self,
                                 ShirabeProject             *project,
                                 const char                 *path,
                                 const ShirabeExportOptions *options,
                                 GError                    **error)
{
  ShirabeExportResult result = { 0 };
  ShirabeExportMeta meta = { "", NULL, NULL };
  ShirabeExportSink *sink;
  gboolean names = options->header == SHIRABE_EXPORT_HEADER_NAMES;
  guint max_chars = options->max_chars > 0 ? MIN (options->max_chars, SHIRABE_EXPORT_MAX_CHARS)
                                           : SHIRABE_EXPORT_MAX_CHARS;
  gboolean ok;

  g_return_val_if_fail (self != NULL && path != NULL && options != NULL, FALSE);

  max_chars = MAX (max_chars, 64);
  sink = options->format == SHIRABE_EXPORT_CSV
         ? shirabe_export_csv_sink_new (path, options, &result, error)
         : shirabe_export_xlsx_sink_new (path, options, &meta, &result, error);
  if (sink == NULL)
    return FALSE;
  ok = write_summary (self, sink, names, max_chars, options->language, error) &&
       write_disagreements (self, project, sink, names, max_chars, options->language, error) &&
       sink->vtable->commit (sink, error);
  if (!ok)
    sink->vtable->abort (sink);
  sink->vtable->free (sink);
  return ok;
}
