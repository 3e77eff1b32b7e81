/* shirabe-export.h: the coded project as tables for statistics (XLSX, CSV, SPSS or Stata)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "shirabe-code.h"
#include "shirabe-project.h"

G_BEGIN_DECLS

/**
 * ShirabeExportFormat:
 * @SHIRABE_EXPORT_XLSX: one workbook
 * @SHIRABE_EXPORT_CSV: one CSV file per table in a folder
 * @SHIRABE_EXPORT_SAV: SPSS `.sav` files (Unicode), one per table in a folder, or one file
 *   for one table; with variable and value labels (formats/shirabe-export-sav.c)
 * @SHIRABE_EXPORT_DTA: Stata `.dta` files (format 118, UTF-8), as for SPSS
 */
typedef enum
{
  SHIRABE_EXPORT_XLSX,
  SHIRABE_EXPORT_CSV,
  SHIRABE_EXPORT_SAV,
  SHIRABE_EXPORT_DTA,
} ShirabeExportFormat;

/**
 * ShirabeExportHeader:
 * @SHIRABE_EXPORT_HEADER_LABELS: column headers are labels in the chosen language
 * @SHIRABE_EXPORT_HEADER_NAMES: column headers are variable names that R, SPSS and Stata accept
 *   as they are: ASCII letters, digits and "_", starting with a letter, at most 32 characters,
 *   unique in their table
 */
typedef enum
{
  SHIRABE_EXPORT_HEADER_LABELS,
  SHIRABE_EXPORT_HEADER_NAMES,
} ShirabeExportHeader;

/**
 * ShirabeExportCount:
 * @SHIRABE_EXPORT_COUNT_PASSAGES: distinct passages: overlapping codings of a code, by any
 *   coder, count once (the default)
 * @SHIRABE_EXPORT_COUNT_CODINGS: every coding as stored
 * @SHIRABE_EXPORT_COUNT_NARRATIVES: the case's narratives that have the code
 *
 * What a number in a code column of the cases table counts (shirabe-export-counts.c).
 */
typedef enum
{
  SHIRABE_EXPORT_COUNT_PASSAGES,
  SHIRABE_EXPORT_COUNT_CODINGS,
  SHIRABE_EXPORT_COUNT_NARRATIVES,
} ShirabeExportCount;

/**
 * ShirabeExportTranslations:
 * @SHIRABE_EXPORT_TRANSLATIONS_ONCE: a narrative and its translations are one family and count
 *   once (as the member with the most, or added up with @include_translations); a coding
 *   carried across ("Code the Translation Too") is not counted again (the default)
 * @SHIRABE_EXPORT_TRANSLATIONS_ORIGINAL: only the codings of originals count, carried ones
 *   included: the case is counted from the original's side
 * @SHIRABE_EXPORT_TRANSLATIONS_TRANSLATION: only the codings of translations count, carried
 *   ones included, and those of a narrative that has no translation
 *
 * Which side of a narrative and its translations the cases table counts.
 */
typedef enum
{
  SHIRABE_EXPORT_TRANSLATIONS_ONCE,
  SHIRABE_EXPORT_TRANSLATIONS_ORIGINAL,
  SHIRABE_EXPORT_TRANSLATIONS_TRANSLATION,
} ShirabeExportTranslations;

/**
 * ShirabeExportIncomplete:
 * @SHIRABE_EXPORT_INCOMPLETE_MISSING: code cells of a case not fully coded are left empty,
 *   which R, pandas, SPSS and Stata read as missing (the default)
 * @SHIRABE_EXPORT_INCOMPLETE_ZERO: they hold the counts found so far, 0 included
 * @SHIRABE_EXPORT_INCOMPLETE_EXCLUDE: such cases are left out of the cases table (and of the
 *   co-occurrence counts)
 *
 * A case is completely coded when it has narratives and all of them are marked done.
 */
typedef enum
{
  SHIRABE_EXPORT_INCOMPLETE_MISSING,
  SHIRABE_EXPORT_INCOMPLETE_ZERO,
  SHIRABE_EXPORT_INCOMPLETE_EXCLUDE,
} ShirabeExportIncomplete;

/**
 * ShirabeExportChoices:
 * @SHIRABE_EXPORT_CHOICES_VALUES: a choice attribute's cells, and a narrative's status, hold
 *   the stored value (`ngo`, `done`): stable codes for statistics (the default)
 * @SHIRABE_EXPORT_CHOICES_LABELS: they hold its label in the export's language
 */
typedef enum
{
  SHIRABE_EXPORT_CHOICES_VALUES,
  SHIRABE_EXPORT_CHOICES_LABELS,
} ShirabeExportChoices;

/**
 * ShirabeExportTables:
 * @SHIRABE_EXPORT_TABLE_DEFAULT: cases, codings, codebook, narratives, cooccurrence and memos
 * @SHIRABE_EXPORT_TABLE_CODER_COUNTS: a long table of counts per case, code and coder
 * @SHIRABE_EXPORT_TABLE_NARRATIVE_CODES: one row per narrative with a column per code
 * @SHIRABE_EXPORT_TABLE_MEMOS: every memo of a case, narrative or coding, with what it is on
 *
 * The tables written besides the documentation (`about`).
 */
typedef enum
{
  SHIRABE_EXPORT_TABLE_DEFAULT      = 0,
  SHIRABE_EXPORT_TABLE_CASES        = 1 << 0,
  SHIRABE_EXPORT_TABLE_CODINGS      = 1 << 1,
  SHIRABE_EXPORT_TABLE_CODEBOOK     = 1 << 2,
  SHIRABE_EXPORT_TABLE_NARRATIVES   = 1 << 3,
  SHIRABE_EXPORT_TABLE_COOCCURRENCE = 1 << 4,
  SHIRABE_EXPORT_TABLE_OVERLAPS     = 1 << 5,
  SHIRABE_EXPORT_TABLE_CODER_COUNTS = 1 << 6,
  SHIRABE_EXPORT_TABLE_NARRATIVE_CODES = 1 << 7,
  SHIRABE_EXPORT_TABLE_MEMOS        = 1 << 8,
} ShirabeExportTables;

/**
 * ShirabeExportCooccurrence:
 * @SHIRABE_EXPORT_COOCCURRENCE_CASES: the cases in which both codes occur (the default)
 * @SHIRABE_EXPORT_COOCCURRENCE_NARRATIVES: the narratives in which both codes occur
 * @SHIRABE_EXPORT_COOCCURRENCE_PASSAGES: the pairs of passages of the two codes that overlap
 *   in the text; the diagonal is the code's number of passages
 *
 * What a cell of the cooccurrence table counts.
 */
typedef enum
{
  SHIRABE_EXPORT_COOCCURRENCE_CASES,
  SHIRABE_EXPORT_COOCCURRENCE_NARRATIVES,
  SHIRABE_EXPORT_COOCCURRENCE_PASSAGES,
} ShirabeExportCooccurrence;

/* Excel's limits, the defaults of the options below. */
#define SHIRABE_EXPORT_MAX_ROWS  1048576
#define SHIRABE_EXPORT_MAX_CHARS 32767

/**
 * ShirabeExportOptions:
 * @format: XLSX (one workbook), CSV (one file per table in a folder), SPSS or Stata
 * @language: the language of sheet names, headers and labels in the cells
 * @header: labels or variable names as column headers
 * @presence: code columns of the cases table hold 0/1 presence instead of counts
 * @coder: only this coder's codings (an id, UUID or name); %NULL for every coder
 * @no_excerpts: leave the coded text out of the codings table
 * @no_bom: CSV without the UTF-8 byte order mark (Excel in Japan needs it; R does not)
 * @overlaps: also export a code × code table of overlapping segments
 * @max_rows: rows per sheet, header included, before a table continues on the next sheet
 *   ("codings (2)"); 0 means Excel's 1,048,576. Only XLSX splits.
 * @max_chars: XLSX, SPSS and Stata: characters per cell before the text is cut with a visible marker; 0 means
 *   Excel's 32,767 (counted in UTF-16 units, as Excel does)
 * @guard_formulas: CSV only: text that a spreadsheet could take for a formula (starting with
 *   = + - @ or a tab) gets a leading apostrophe, for opening the files in Excel; by default the
 *   CSV values are exact
 * @count: what a count in the cases table counts
 * @include_translations: a translation's codings count besides its original's
 * @incomplete: what a case not yet fully coded shows in its code columns
 * @tables: the tables to write; %SHIRABE_EXPORT_TABLE_DEFAULT for the usual five (and overlaps
 *   with @overlaps)
 * @choices: choice values (and statuses) as stored values or as labels
 * @cooccurrence: what a cell of the cooccurrence table counts
 * @rollup: the cases table gets, per code with subcodes, a column for the whole subtree (its
 *   count in the unit over the code and all below it, or its presence)
 * @force: the user agreed to replace an existing file that is not of the kind written (an
 *   `.xlsx` that is not a workbook); a project and its files are never replaced
 * @label_paths: SPSS and Stata: a code column's variable label is the code's path
 *   ("Parent/Child") rather than its label
 * @pseudonymise: export from a pseudonymised copy of the project (shirabe-pseudonymise.h),
 *   made for the export and removed afterwards: excerpts, names and memos carry the pseudonyms
 *
 * Zero-initialised options export everything in English with label headers and counts.
 */
typedef struct
{
  ShirabeExportFormat  format;
  ShirabeLanguage      language;
  ShirabeExportHeader  header;
  gboolean             presence;
  const char          *coder;
  gboolean             no_excerpts;
  gboolean             no_bom;
  gboolean             overlaps;
  guint                max_rows;
  guint                max_chars;
  gboolean             force;
  gboolean             guard_formulas;
  ShirabeExportCount   count;
  gboolean             include_translations;
  ShirabeExportTranslations translations;
  ShirabeExportIncomplete incomplete;
  ShirabeExportTables  tables;
  ShirabeExportChoices choices;
  gboolean             rollup;
  ShirabeExportCooccurrence cooccurrence;
  gboolean             label_paths;
  gboolean             pseudonymise;
} ShirabeExportOptions;

/**
 * ShirabeExportResult:
 * @n_tables: tables written (a split table counts once)
 * @n_sheets: worksheets or CSV files written
 * @n_rows: data rows written over all tables (headers not counted)
 * @n_truncated: cells whose text was cut at @max_chars
 * @n_split: tables that continued on more than one sheet
 */
typedef struct
{
  guint   n_tables;
  guint   n_sheets;
  guint64 n_rows;
  guint64 n_truncated;
  guint   n_split;
} ShirabeExportResult;

/**
 * ShirabeExportProgress:
 * @fraction: done so far, from 0 to 1
 * @table: the name of the table being written, in the export's language
 *
 * Called a few hundred times at most: by shirabe_project_export() in its own thread, by
 * shirabe_project_export_async() in the caller's thread-default main context. Cancelling the
 * export's #GCancellable from here is allowed.
 */
typedef void (*ShirabeExportProgress) (double      fraction,
                                       const char *table,
                                       gpointer    user_data);

gboolean shirabe_project_export        (ShirabeProject              *project,
                                        const char                  *path,
                                        const ShirabeExportOptions  *options,
                                        ShirabeExportProgress        progress,
                                        gpointer                     user_data,
                                        GCancellable                *cancellable,
                                        ShirabeExportResult         *result,
                                        GError                     **error);

void     shirabe_project_export_async  (ShirabeProject              *project,
                                        const char                  *path,
                                        const ShirabeExportOptions  *options,
                                        ShirabeExportProgress        progress,
                                        gpointer                     user_data,
                                        GCancellable                *cancellable,
                                        GAsyncReadyCallback          callback,
                                        gpointer                     callback_data);
gboolean shirabe_project_export_finish (ShirabeProject              *project,
                                        GAsyncResult                *result,
                                        ShirabeExportResult         *export_result,
                                        GError                     **error);

G_END_DECLS
