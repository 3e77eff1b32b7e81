/* shirabe-cli-export.c: `shirabe-cli export PROJECT OUT.xlsx`, `... OUTDIR --format csv|sav|dta`
 *
 * Parses the options, calls shirabe_project_export() and prints what happened. An interrupt
 * (Ctrl+C) cancels the export, which then removes its temporary files.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "shirabe-cli-private.h"

#include <signal.h>
#include <stdio.h>

#include "shirabe-export.h"
#include "shirabe-cli-export.h"

/* 128 + SIGINT, as a shell reports a command stopped by Ctrl+C. */
#define EXIT_INTERRUPTED 130

static volatile sig_atomic_t interrupted;

static void
on_interrupt (int signum)
{
  interrupted = 1;
}

typedef struct
{
  GCancellable *cancellable;
  gboolean      show;
  int           shown_percent;
  char         *shown_table;
} Progress;

static void
on_progress (double      fraction,
             const char *table,
             gpointer    user_data)
{
  Progress *progress = user_data;
  int percent = (int) (fraction * 100);

  /* The signal handler may only set a flag; the cancel happens here, at the next step. */
  if (interrupted)
    g_cancellable_cancel (progress->cancellable);
  if (!progress->show)
    return;
  if (percent == progress->shown_percent && g_strcmp0 (table, progress->shown_table) == 0)
    return;
  progress->shown_percent = percent;
  g_free (progress->shown_table);
  progress->shown_table = g_strdup (table);
  fprintf (stderr, "\r\033[K");
  /* Translators: progress of an export; %s is a table (cases, codings...) */
  fprintf (stderr, _("Exporting %s… %d%%"), table, percent);
  fflush (stderr);
}

static void
print_result (const char                 *path,
              const ShirabeExportResult  *result,
              const ShirabeExportOptions *options)
{
  g_autofree char *display = g_filename_display_name (path);
  g_autofree char *rows = g_strdup_printf ("%" G_GUINT64_FORMAT, result->n_rows);
  g_autofree char *truncated = g_strdup_printf ("%" G_GUINT64_FORMAT, result->n_truncated);

  if (options->format == SHIRABE_EXPORT_SAV || options->format == SHIRABE_EXPORT_DTA)
    /* Translators: the first %s is a number of rows, the second SPSS or Stata, the third a
     * folder or a file */
    g_print (ngettext ("Exported %u table (%s rows) as %s data into “%s”\n",
                       "Exported %u tables (%s rows) as %s data into “%s”\n",
                       result->n_tables),
             result->n_tables, rows,
             options->format == SHIRABE_EXPORT_SAV ? "SPSS" : "Stata", display);
  else if (options->format == SHIRABE_EXPORT_CSV)
    /* Translators: the first %s is a number of rows, the second a folder */
    g_print (ngettext ("Exported %u table (%s rows) as CSV files into “%s”\n",
                       "Exported %u tables (%s rows) as CSV files into “%s”\n",
                       result->n_tables),
             result->n_tables, rows, display);
  else
    /* Translators: the first %s is a number of rows, the second a file */
    g_print (ngettext ("Exported %u table (%s rows) to “%s”\n",
                       "Exported %u tables (%s rows) to “%s”\n",
                       result->n_tables),
             result->n_tables, rows, display);

  if (result->n_truncated > 0 &&
      (options->format == SHIRABE_EXPORT_SAV || options->format == SHIRABE_EXPORT_DTA))
    /* Translators: %s is a number of values */
    g_printerr (ngettext ("Note: %s text was longer than a workbook cell holds; it was cut, "
                          "as in a workbook, and ends with a note of its full length.\n",
                          "Note: %s texts were longer than a workbook cell holds; they were "
                          "cut, as in a workbook, and end with a note of their full length.\n",
                          result->n_truncated),
                truncated);
  else if (result->n_truncated > 0)
    /* Translators: %s is a number of cells */
    g_printerr (ngettext ("Note: %s cell was longer than a spreadsheet cell can hold; it was "
                          "cut and ends with a note of its full length.\n",
                          "Note: %s cells were longer than a spreadsheet cell can hold; they "
                          "were cut and end with a note of their full length.\n",
                          result->n_truncated),
                truncated);
  if (result->n_split > 0)
    g_printerr (ngettext ("Note: %u table has more rows than one sheet holds and continues "
                          "on further sheets (“… (2)”).\n",
                          "Note: %u tables have more rows than one sheet holds and continue "
                          "on further sheets (“… (2)”).\n",
                          result->n_split),
                result->n_split);
}

int
shirabe_cli_export (int    argc,
                    char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autofree char *format = NULL;
  g_autofree char *lang = NULL;
  g_autofree char *header = NULL;
  g_autofree char *coder = NULL;
  gboolean presence = FALSE;
  gboolean no_excerpts = FALSE;
  gboolean no_bom = FALSE;
  gboolean overlaps = FALSE;
  gboolean force = FALSE;
  gboolean pseudonymise = FALSE;
  gboolean guard_formulas = FALSE;
  gboolean include_translations = FALSE;
  gboolean rollup = FALSE;
  gboolean label_paths = FALSE;
  g_autofree char *count = NULL;
  g_autofree char *translations = NULL;
  g_autofree char *incomplete = NULL;
  g_autofree char *choices = NULL;
  g_autofree char *cooccurrence = NULL;
  g_auto(GStrv) tables = NULL;
  ShirabeProject *project;
  ShirabeExportOptions options = { 0 };
  ShirabeExportResult result = { 0 };
  Progress progress = { 0 };
  struct sigaction action = { 0 };
  struct sigaction old_int, old_term;
  int status = SHIRABE_CLI_EXIT_OK;
  gboolean ok;
  const GOptionEntry entries[] = {
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format,
      N_("xlsx (one workbook, the default), csv (one file per table in a folder), sav (SPSS) "
         "or dta (Stata): labelled data, one file per table in a folder, or OUTPUT.sav or "
         "OUTPUT.dta for one table"),
      "xlsx|csv|sav|dta" },
    { "lang", 'l', 0, G_OPTION_ARG_STRING, &lang,
      N_("Language of sheet names, headers and code labels (default: that of the messages)"),
      "ja|en" },
    { "header", 0, 0, G_OPTION_ARG_STRING, &header,
      N_("Column headers as labels, or as variable names for R, SPSS and Stata"),
      "labels|names" },
    { "presence", 0, 0, G_OPTION_ARG_NONE, &presence,
      N_("Code columns of the cases table hold 0/1 presence instead of counts"), NULL },
    { "coder", 0, 0, G_OPTION_ARG_STRING, &coder,
      N_("Only this coder’s codings (name, id or UUID)"), N_("NAME") },
    { "no-excerpts", 0, 0, G_OPTION_ARG_NONE, &no_excerpts,
      N_("Leave the coded text out of the codings table"), NULL },
    { "no-bom", 0, 0, G_OPTION_ARG_NONE, &no_bom,
      N_("CSV without the UTF-8 byte order mark (Excel in Japan needs it)"), NULL },
    { "overlaps", 0, 0, G_OPTION_ARG_NONE, &overlaps,
      N_("Also export a code × code table of overlapping segments"), NULL },
    { "count", 0, 0, G_OPTION_ARG_STRING, &count,
      N_("What a count in the cases table counts: distinct passages (overlapping codings by "
         "any coder count once; the default), every coding, or the case’s narratives having "
         "the code"),
      "passages|codings|narratives" },
    { "include-translations", 0, 0, G_OPTION_ARG_NONE, &include_translations,
      N_("Count a translation’s codings besides its original’s (by default a narrative and "
         "its translations count once, as the one with the most)"), NULL },
    { "translations", 0, 0, G_OPTION_ARG_STRING, &translations,
      N_("Which side of a narrative and its translations the cases table counts: once (the "
         "default; a coding carried across is not counted again), the originals only, or the "
         "translations only (with narratives that have none)"),
      "once|original|translation" },
    { "incomplete", 0, 0, G_OPTION_ARG_STRING, &incomplete,
      N_("Code columns of a case whose narratives are not all done: empty, read as missing "
         "(the default), the counts so far, or the case left out"),
      "missing|zero|exclude" },
    { "rollup", 0, 0, G_OPTION_ARG_NONE, &rollup,
      N_("Add a column per code with subcodes counting its whole subtree (a passage coded "
         "with two of its codes counts once)"), NULL },
    { "cooccurrence-unit", 0, 0, G_OPTION_ARG_STRING, &cooccurrence,
      N_("What the cooccurrence table counts: cases where both codes occur (the default), "
         "narratives where both occur, or pairs of their passages that overlap"),
      "case|narrative|passage" },
    { "choices", 0, 0, G_OPTION_ARG_STRING, &choices,
      N_("Choice attributes and narrative statuses as their stored values (the default) or as "
         "labels in the --lang language"),
      "values|labels" },
    { "table", 0, 0, G_OPTION_ARG_STRING_ARRAY, &tables,
      N_("Write only this table (repeat for several): cases, codings, codebook, narratives, "
         "cooccurrence, memos, overlaps, coder-counts (counts per case, code and coder) or "
         "narrative-codes (one row per narrative, a column per code)"),
      N_("TABLE") },
    { "label-paths", 0, 0, G_OPTION_ARG_NONE, &label_paths,
      N_("SPSS and Stata: label code variables with the code’s path (Parent/Child) rather "
         "than its label"), NULL },
    { "guard-formulas", 0, 0, G_OPTION_ARG_NONE, &guard_formulas,
      N_("CSV for opening in Excel: text starting with = + - @ gets a leading apostrophe so "
         "that it is not run as a formula (by default values are written exactly)"), NULL },
    { "force", 0, 0, G_OPTION_ARG_NONE, &force,
      N_("Replace an existing file even when it is not of the kind written (a project is "
         "never replaced)"), NULL },
    { "pseudonymise", 0, 0, G_OPTION_ARG_NONE, &pseudonymise,
      N_("Replace the names of the project’s pseudonym table by their pseudonyms in what is "
         "written"), NULL },
    { NULL }
  };

  context = shirabe_cli_context_new (N_("PROJECT OUTPUT"),
                                     N_("Exports the coded data for statistics: the tables "
                                        "cases, codings, codebook, narratives and cooccurrence, "
                                        "as one XLSX workbook (OUTPUT.xlsx), as CSV files in "
                                        "a folder (--format csv), or as SPSS or Stata files "
                                        "with variable and value labels (--format sav or dta)."),
                                     entries);
  if (!shirabe_cli_parse (context, &argc, &argv, 2, 2, &status))
    return status;

  /* The format is what --format says, never guessed from what lies at OUTPUT: a folder
   * named “x.xlsx” must not receive CSV files unasked. */
  if (format == NULL || g_ascii_strcasecmp (format, "xlsx") == 0)
    options.format = SHIRABE_EXPORT_XLSX;
  else if (g_ascii_strcasecmp (format, "csv") == 0)
    options.format = SHIRABE_EXPORT_CSV;
  else if (g_ascii_strcasecmp (format, "sav") == 0)
    options.format = SHIRABE_EXPORT_SAV;
  else if (g_ascii_strcasecmp (format, "dta") == 0)
    options.format = SHIRABE_EXPORT_DTA;
  else
    return shirabe_cli_usage_error (_("--format must be xlsx, csv, sav or dta, not “%s”"),
                                    format);

  if (lang == NULL)
    options.language = shirabe_cli_display_language ();
  else if (g_ascii_strcasecmp (lang, "en") == 0)
    options.language = SHIRABE_LANGUAGE_EN;
  else if (g_ascii_strcasecmp (lang, "ja") == 0)
    options.language = SHIRABE_LANGUAGE_JA;
  else
    return shirabe_cli_usage_error (_("--lang must be ja or en, not “%s”"), lang);

  if (header == NULL || g_ascii_strcasecmp (header, "labels") == 0)
    options.header = SHIRABE_EXPORT_HEADER_LABELS;
  else if (g_ascii_strcasecmp (header, "names") == 0)
    options.header = SHIRABE_EXPORT_HEADER_NAMES;
  else
    return shirabe_cli_usage_error (_("--header must be labels or names, not “%s”"), header);

  if (no_bom && options.format != SHIRABE_EXPORT_CSV)
    return shirabe_cli_usage_error (_("--no-bom applies to CSV files only (--format csv)"));
  if (guard_formulas && options.format != SHIRABE_EXPORT_CSV)
    return shirabe_cli_usage_error (_("--guard-formulas applies to CSV files only (--format "
                                      "csv); a workbook never runs its text as formulas"));

  options.presence = presence;
  options.coder = coder;
  options.no_excerpts = no_excerpts;
  options.no_bom = no_bom;
  options.overlaps = overlaps;
  if (count == NULL || g_ascii_strcasecmp (count, "passages") == 0)
    options.count = SHIRABE_EXPORT_COUNT_PASSAGES;
  else if (g_ascii_strcasecmp (count, "codings") == 0)
    options.count = SHIRABE_EXPORT_COUNT_CODINGS;
  else if (g_ascii_strcasecmp (count, "narratives") == 0)
    options.count = SHIRABE_EXPORT_COUNT_NARRATIVES;
  else
    return shirabe_cli_usage_error (_("--count must be passages, codings or narratives, not "
                                      "“%s”"), count);
  if (incomplete == NULL || g_ascii_strcasecmp (incomplete, "missing") == 0)
    options.incomplete = SHIRABE_EXPORT_INCOMPLETE_MISSING;
  else if (g_ascii_strcasecmp (incomplete, "zero") == 0)
    options.incomplete = SHIRABE_EXPORT_INCOMPLETE_ZERO;
  else if (g_ascii_strcasecmp (incomplete, "exclude") == 0)
    options.incomplete = SHIRABE_EXPORT_INCOMPLETE_EXCLUDE;
  else
    return shirabe_cli_usage_error (_("--incomplete must be missing, zero or exclude, not “%s”"),
                                    incomplete);
  if (cooccurrence == NULL || g_ascii_strcasecmp (cooccurrence, "case") == 0)
    options.cooccurrence = SHIRABE_EXPORT_COOCCURRENCE_CASES;
  else if (g_ascii_strcasecmp (cooccurrence, "narrative") == 0)
    options.cooccurrence = SHIRABE_EXPORT_COOCCURRENCE_NARRATIVES;
  else if (g_ascii_strcasecmp (cooccurrence, "passage") == 0)
    options.cooccurrence = SHIRABE_EXPORT_COOCCURRENCE_PASSAGES;
  else
    return shirabe_cli_usage_error (_("--cooccurrence-unit must be case, narrative or passage, "
                                      "not “%s”"), cooccurrence);
  if (choices == NULL || g_ascii_strcasecmp (choices, "values") == 0)
    options.choices = SHIRABE_EXPORT_CHOICES_VALUES;
  else if (g_ascii_strcasecmp (choices, "labels") == 0)
    options.choices = SHIRABE_EXPORT_CHOICES_LABELS;
  else
    return shirabe_cli_usage_error (_("--choices must be values or labels, not “%s”"), choices);
  for (guint i = 0; tables != NULL && tables[i] != NULL; i++)
    {
      static const struct { const char *name; ShirabeExportTables table; } known[] = {
        { "cases", SHIRABE_EXPORT_TABLE_CASES },
        { "codings", SHIRABE_EXPORT_TABLE_CODINGS },
        { "codebook", SHIRABE_EXPORT_TABLE_CODEBOOK },
        { "narratives", SHIRABE_EXPORT_TABLE_NARRATIVES },
        { "cooccurrence", SHIRABE_EXPORT_TABLE_COOCCURRENCE },
        { "overlaps", SHIRABE_EXPORT_TABLE_OVERLAPS },
        { "coder-counts", SHIRABE_EXPORT_TABLE_CODER_COUNTS },
        { "narrative-codes", SHIRABE_EXPORT_TABLE_NARRATIVE_CODES },
        { "memos", SHIRABE_EXPORT_TABLE_MEMOS },
      };
      guint k;

      for (k = 0; k < G_N_ELEMENTS (known); k++)
        if (g_ascii_strcasecmp (tables[i], known[k].name) == 0)
          break;
      if (k == G_N_ELEMENTS (known))
        return shirabe_cli_usage_error (_("--table must be one of cases, codings, codebook, "
                                          "narratives, cooccurrence, memos, overlaps, "
                                          "coder-counts or narrative-codes, not “%s”"),
                                        tables[i]);
      options.tables |= known[k].table;
    }
  options.include_translations = include_translations;
  if (translations == NULL || g_ascii_strcasecmp (translations, "once") == 0)
    options.translations = SHIRABE_EXPORT_TRANSLATIONS_ONCE;
  else if (g_ascii_strcasecmp (translations, "original") == 0)
    options.translations = SHIRABE_EXPORT_TRANSLATIONS_ORIGINAL;
  else if (g_ascii_strcasecmp (translations, "translation") == 0)
    options.translations = SHIRABE_EXPORT_TRANSLATIONS_TRANSLATION;
  else
    return shirabe_cli_usage_error (_("--translations must be once, original or translation, "
                                      "not “%s”"), translations);
  if (label_paths && options.format != SHIRABE_EXPORT_SAV && options.format != SHIRABE_EXPORT_DTA)
    return shirabe_cli_usage_error (_("--label-paths applies to SPSS and Stata files only "
                                      "(--format sav or dta)"));
  options.label_paths = label_paths;
  options.rollup = rollup;
  options.force = force;
  options.pseudonymise = pseudonymise;
  options.guard_formulas = guard_formulas;

  if ((project = shirabe_cli_open (argv[1], TRUE, &status)) == NULL)
    return status;

  interrupted = 0;
  action.sa_handler = on_interrupt;
  sigemptyset (&action.sa_mask);
  sigaction (SIGINT, &action, &old_int);
  sigaction (SIGTERM, &action, &old_term);

  progress.cancellable = cancellable;
  progress.show = shirabe_cli_stderr_is_terminal ();
  progress.shown_percent = -1;
  ok = shirabe_project_export (project, argv[2], &options, on_progress, &progress, cancellable,
                               &result, &error);
  if (progress.show && progress.shown_table != NULL)
    fprintf (stderr, "\r\033[K");
  g_free (progress.shown_table);

  sigaction (SIGINT, &old_int, NULL);
  sigaction (SIGTERM, &old_term, NULL);

  if (!ok)
    {
      status = shirabe_cli_error (error);
      if (g_error_matches (error, SHIRABE_ERROR, SHIRABE_ERROR_OTHER_KIND))
        shirabe_cli_message (_("Give --force to replace it."));
      else if (options.format == SHIRABE_EXPORT_XLSX &&
               g_error_matches (error, SHIRABE_ERROR, SHIRABE_ERROR_EXISTS) &&
               g_file_test (argv[2], G_FILE_TEST_IS_DIR))
        shirabe_cli_message (_("Give --format csv to write CSV files into the folder."));
      if (g_error_matches (error, SHIRABE_ERROR, SHIRABE_ERROR_CANCELLED))
        status = EXIT_INTERRUPTED;
      return shirabe_cli_close (project, status);
    }
  print_result (argv[2], &result, &options);
  return shirabe_cli_close (project, SHIRABE_CLI_EXIT_OK);
}
