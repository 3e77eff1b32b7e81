/* shirabe-cli-agreement.c: `shirabe-cli agreement`, how far coders agree
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "shirabe-cli-private.h"

#include <math.h>

#include "shirabe-agreement.h"

/* Splits "A,B" and repeated options alike. */
static GPtrArray *
split_specs (char **specs)
{
  GPtrArray *all = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; specs != NULL && specs[i] != NULL; i++)
    {
      g_auto (GStrv) parts = g_strsplit (specs[i], ",", -1);

      for (guint j = 0; parts[j] != NULL; j++)
        {
          g_strstrip (parts[j]);
          if (*parts[j] != '\0')
            g_ptr_array_add (all, g_strdup (parts[j]));
        }
    }
  return all;
}

static void
json_number (JsonBuilder *builder,
             const char  *key,
             double       value)
{
  json_builder_set_member_name (builder, key);
  if (isnan (value))
    json_builder_add_null_value (builder);
  else
    json_builder_add_double_value (builder, value);
}

static void
build_stats (JsonBuilder            *builder,
             const ShirabeAgreement *stats)
{
  shirabe_cli_json_int (builder, "units", (gint64) stats->n_units);
  shirabe_cli_json_int (builder, "pairable_values", (gint64) stats->n_pairable);
  json_number (builder, "percent", stats->percent);
  json_number (builder, "kappa", stats->cohen_kappa);
  json_number (builder, "fleiss", stats->fleiss_kappa);
  json_number (builder, "alpha", stats->alpha);
  json_number (builder, "alpha_low", stats->alpha_low);
  json_number (builder, "alpha_high", stats->alpha_high);
  shirabe_cli_json_bool (builder, "no_variation", stats->no_variation);
}

static void
build_record (JsonBuilder                  *builder,
              ShirabeAgreementReport       *report,
              const ShirabeAgreementRecord *record)
{
  ShirabeAgreementUnit unit = shirabe_agreement_report_get_unit (report);
  const char *note = shirabe_agreement_record_note (unit, record);

  json_builder_begin_object (builder);
  if (record->code_id == 0)
    {
      shirabe_cli_json_bool (builder, "pooled", TRUE);
      shirabe_cli_json_id_or_null (builder, "code_id", 0);
    }
  else
    {
      shirabe_cli_json_int (builder, "code_id", record->code_id);
      shirabe_cli_json_string (builder, "uuid", record->code_uuid);
      shirabe_cli_json_string (builder, "label_en", record->label_en);
      shirabe_cli_json_string (builder, "label_ja", record->label_ja);
    }
  build_stats (builder, &record->stats);
  if (unit == SHIRABE_AGREEMENT_UNIT_CHARACTER)
    {
      json_builder_set_member_name (builder, "coded_text");
      json_builder_begin_object (builder);
      build_stats (builder, &record->coded_text);
      json_builder_end_object (builder);
    }
  if (unit == SHIRABE_AGREEMENT_UNIT_SEGMENT)
    {
      shirabe_cli_json_int (builder, "segments", (gint64) record->n_segments);
      shirabe_cli_json_int (builder, "matched", (gint64) record->n_matched);
    }
  shirabe_cli_json_int (builder, "disagreements", (gint64) record->n_disagreements);
  shirabe_cli_json_string (builder, "note", note);
  json_builder_end_object (builder);
}

static char *
format_number (double value)
{
  return isnan (value) ? g_strdup ("—") : g_strdup_printf ("%.3f", value);
}

static char *
format_interval (const ShirabeAgreement *stats)
{
  if (isnan (stats->alpha_low))
    return g_strdup ("");
  return g_strdup_printf ("%.3f–%.3f", stats->alpha_low, stats->alpha_high);
}

static void
add_row (ShirabeCliTable              *table,
         ShirabeAgreementReport       *report,
         const ShirabeAgreementRecord *record,
         ShirabeLanguage               language)
{
  ShirabeAgreementUnit unit = shirabe_agreement_report_get_unit (report);
  const ShirabeAgreement *stats = &record->stats;
  const char *label = record->code_id == 0 ? _("All codes (pooled)")
                      : language == SHIRABE_LANGUAGE_JA && *record->label_ja != '\0'
                      ? record->label_ja
                      : *record->label_en != '\0' ? record->label_en : record->label_ja;
  g_autofree char *units = shirabe_cli_format_int ((gint64) stats->n_units);
  g_autofree char *percent = format_number (stats->percent);
  g_autofree char *kappa = format_number (stats->cohen_kappa);
  g_autofree char *fleiss = format_number (stats->fleiss_kappa);
  g_autofree char *alpha = format_number (stats->alpha);
  g_autofree char *interval = format_interval (stats);
  g_autofree char *coded_alpha = format_number (record->coded_text.alpha);
  g_autofree char *disagreements = shirabe_cli_format_int ((gint64) record->n_disagreements);
  const char *note = shirabe_agreement_record_note (unit, record);

  shirabe_cli_table_add (table, label, units, percent, kappa, fleiss, alpha, interval,
                         unit == SHIRABE_AGREEMENT_UNIT_CHARACTER ? coded_alpha : "",
                         disagreements, note != NULL ? note : "");
}

int
shirabe_cli_agreement (int    argc,
                       char **argv)
{
  gboolean json = FALSE;
  g_auto (GStrv) coder_specs = NULL, code_specs = NULL;
  g_autofree char *unit_text = NULL, *units_text = NULL, *overlap_text = NULL;
  g_autofree char *bootstrap_text = NULL, *seed_text = NULL, *xlsx_path = NULL;
  g_autofree char *lang_text = NULL;
  gboolean force = FALSE;
  const GOptionEntry entries[] = {
    { "coders", 0, 0, G_OPTION_ARG_STRING_ARRAY, &coder_specs,
      N_("The coders to compare, separated by commas (default: every coder with codings)"),
      N_("A,B,…") },
    { "unit", 0, 0, G_OPTION_ARG_STRING, &unit_text,
      N_("What is rated: case, narrative, character or segment (default narrative)"),
      N_("UNIT") },
    { "units", 0, 0, G_OPTION_ARG_STRING, &units_text,
      N_("“all”: every case or narrative counts for every coder, coded or not"), N_("all") },
    { "codes", 0, 0, G_OPTION_ARG_STRING_ARRAY, &code_specs,
      N_("Only these codes, separated by commas (default: every code the coders used)"),
      N_("X,Y,…") },
    { "overlap", 0, 0, G_OPTION_ARG_STRING, &overlap_text,
      N_("The overlap (intersection over union) that matches two segments (default 0.5)"),
      N_("RATIO") },
    { "bootstrap", 0, 0, G_OPTION_ARG_STRING, &bootstrap_text,
      /* xgettext:no-c-format */
      N_("Resamples for alpha’s 95% interval (default 1000; 0 for none)"), N_("N") },
    { "seed", 0, 0, G_OPTION_ARG_STRING, &seed_text,
      N_("Seed of the bootstrap, so that the interval can be reproduced (default 1)"),
      N_("N") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json,
      N_("Print one JSON record per code and a pooled record"), NULL },
    { "xlsx", 0, 0, G_OPTION_ARG_FILENAME, &xlsx_path,
      N_("Write the report and the disagreements to this workbook"), N_("FILE") },
    { "lang", 0, 0, G_OPTION_ARG_STRING, &lang_text,
      N_("The language of the code labels in the printed table: en or ja"), N_("LANG") },
    { "force", 0, 0, G_OPTION_ARG_NONE, &force,
      N_("Replace an existing file even if it is not a workbook"), NULL },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr (GOptionContext) context = NULL;
  g_autoptr (GPtrArray) coders = NULL, codes = NULL;
  g_autoptr (GArray) coder_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr (GArray) code_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr (ShirabeAgreementReport) report = NULL;
  g_autoptr (GError) error = NULL;
  ShirabeAgreementOptions options = { 0 };
  ShirabeLanguage language = shirabe_cli_display_language ();
  ShirabeProject *project;
  guint64 n_resamples = 1000, seed = 1;
  int status = SHIRABE_CLI_EXIT_OK;

  context = shirabe_cli_context_new (N_("PROJECT"),
                                     /* xgettext:no-c-format */
                                     N_("Reports how far coders agree, per code and pooled over "
                                        "codes: percent agreement, Cohen’s kappa (two coders), "
                                        "Fleiss’ kappa (every coder rated the unit) and "
                                        "Krippendorff’s alpha with a bootstrap 95% interval. "
                                        "With --unit case or narrative, a coder rates a code "
                                        "present or absent in each unit the coder coded (the "
                                        "0/1 variables of the statistics export); with "
                                        "character, each character of the narratives every "
                                        "coder coded, over all text and over the text some "
                                        "coder coded; with segment, the share of codings "
                                        "another coder matched by --overlap."),
                                     entries);
  if (!shirabe_cli_parse (context, &argc, &argv, 1, 1, &status))
    return status;
  options.unit = SHIRABE_AGREEMENT_UNIT_NARRATIVE;
  if (unit_text != NULL && !shirabe_agreement_unit_from_string (unit_text, &options.unit))
    return shirabe_cli_usage_error (_("--unit must be case, narrative, character or segment, "
                                      "not “%s”"), unit_text);
  if (units_text != NULL && g_strcmp0 (units_text, "all") != 0)
    return shirabe_cli_usage_error (_("--units takes “all”, not “%s”"), units_text);
  options.all_units = units_text != NULL;
  if (overlap_text != NULL)
    {
      char *end = NULL;

      options.overlap = g_ascii_strtod (overlap_text, &end);
      if (end == overlap_text || *end != '\0' || !(options.overlap > 0 && options.overlap <= 1))
        return shirabe_cli_usage_error (_("--overlap must be a number above 0 and at most 1, "
                                          "not “%s”"), overlap_text);
    }
  if (bootstrap_text != NULL &&
      !shirabe_cli_parse_count ("--bootstrap", bootstrap_text, 100000, &n_resamples, &status))
    return status;
  if (seed_text != NULL &&
      !shirabe_cli_parse_count ("--seed", seed_text, G_MAXUINT32, &seed, &status))
    return status;
  if (lang_text != NULL)
    {
      if (g_strcmp0 (lang_text, "ja") == 0)
        language = SHIRABE_LANGUAGE_JA;
      else if (g_strcmp0 (lang_text, "en") == 0)
        language = SHIRABE_LANGUAGE_EN;
      else
        return shirabe_cli_usage_error (_("--lang must be en or ja, not “%s”"), lang_text);
    }
  if (json && xlsx_path != NULL)
    return shirabe_cli_usage_error (_("Choose one of --json and --xlsx"));
  options.n_resamples = (guint) n_resamples;
  options.seed = (guint32) seed;

  if ((project = shirabe_cli_open (argv[1], TRUE, &status)) == NULL)
    return status;
  coders = split_specs (coder_specs);
  for (guint i = 0; i < coders->len; i++)
    {
      gint64 id = shirabe_project_find_coder (project, coders->pdata[i], &error);

      if (id == 0)
        return shirabe_cli_close (project, shirabe_cli_error (error));
      g_array_append_val (coder_ids, id);
    }
  codes = split_specs (code_specs);
  for (guint i = 0; i < codes->len; i++)
    {
      gint64 id = shirabe_project_find_code (project, codes->pdata[i], &error);

      if (id == 0)
        return shirabe_cli_close (project, shirabe_cli_error (error));
      g_array_append_val (code_ids, id);
    }
  if (coders->len == 1)
    {
      shirabe_cli_message (_("Name at least two coders with --coders, or none for every coder."));
      return shirabe_cli_close (project, SHIRABE_CLI_EXIT_USAGE);
    }
  options.coder_ids = coder_ids;
  options.code_ids = code_ids;
  report = shirabe_agreement_report_new (project, &options, NULL, &error);
  if (report == NULL)
    return shirabe_cli_close (project, shirabe_cli_error (error));

  if (xlsx_path != NULL)
    {
      ShirabeExportOptions export = { 0 };

      export.format = SHIRABE_EXPORT_XLSX;
      export.language = language;
      export.header = SHIRABE_EXPORT_HEADER_LABELS;
      export.force = force;
      if (!shirabe_agreement_report_export (report, project, xlsx_path, &export, &error))
        return shirabe_cli_close (project, shirabe_cli_error (error));
      return shirabe_cli_close (project, SHIRABE_CLI_EXIT_OK);
    }

  if (json)
    {
      g_autoptr (JsonBuilder) builder = json_builder_new ();
      GArray *ids = shirabe_agreement_report_get_coder_ids (report);

      json_builder_begin_object (builder);
      shirabe_cli_json_string (builder, "unit",
                               shirabe_agreement_unit_to_string (options.unit));
      json_builder_set_member_name (builder, "coders");
      json_builder_begin_array (builder);
      for (guint i = 0; i < ids->len; i++)
        {
          json_builder_begin_object (builder);
          shirabe_cli_json_int (builder, "id", g_array_index (ids, gint64, i));
          shirabe_cli_json_string (builder, "name",
                                   shirabe_agreement_report_get_coder_name (report, i));
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      shirabe_cli_json_int (builder, "shared_narratives",
                            shirabe_agreement_report_get_n_shared_narratives (report));
      json_builder_set_member_name (builder, "codes");
      json_builder_begin_array (builder);
      for (guint i = 0; i < shirabe_agreement_report_get_n_records (report); i++)
        build_record (builder, report, shirabe_agreement_report_get_record (report, i));
      json_builder_end_array (builder);
      json_builder_set_member_name (builder, "pooled");
      build_record (builder, report, shirabe_agreement_report_get_pooled (report));
      json_builder_end_object (builder);
      if (!shirabe_cli_print_json (builder))
        status = SHIRABE_CLI_EXIT_DATA;
    }
  else
    {
      g_autoptr (ShirabeCliTable) table = NULL;
      g_autofree char *names = shirabe_agreement_report_dup_coder_names (report, G_MAXUINT32);

      /* TRANSLATORS: "Coders: Aiko, Ben · unit: narrative" */
      g_print (_("Coders: %s · unit: %s\n"), names,
               shirabe_agreement_unit_to_string (options.unit));
      table = shirabe_cli_table_new ("lrrrrrlrrl",
                                     C_("column header", "Code"),
                                     C_("column header", "Units"),
                                     C_("column header", "Percent"),
                                     C_("column header", "Kappa"),
                                     C_("column header", "Fleiss"),
                                     C_("column header", "Alpha"),
                                     /* xgettext:no-c-format */
                                     C_("column header", "95% interval"),
                                     C_("column header", "Alpha, coded text"),
                                     C_("column header", "Disagreements"),
                                     C_("column header", "Note"));
      for (guint i = 0; i < shirabe_agreement_report_get_n_records (report); i++)
        add_row (table, report, shirabe_agreement_report_get_record (report, i), language);
      add_row (table, report, shirabe_agreement_report_get_pooled (report), language);
      shirabe_cli_table_print (table);
    }
  return shirabe_cli_close (project, status);
}
