/* shirabe-agreement.h: how far coders agree, per code and pooled, on the units statisticians use
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Units:
 * - case and narrative: each coder says a code is present (1) or absent (0) in each unit that
 *   coder coded: a narrative counts for a coder when the coder has a coding in it, a case when
 *   the coder has one in any of its narratives; elsewhere the coder's value is missing.
 *   With all_units, every unit counts for every coder. These are exactly the 0/1 variables of
 *   the statistics export.
 * - character: per code, every character of the narratives every compared coder coded, coded or
 *   not by each coder; reported over all their text and over the text that at least one coder
 *   coded with any code (so that uncoded text cannot inflate kappa). Computed by sweeping the
 *   codings' boundaries: runs of characters alike are one weighted unit.
 * - segment: per code, in the narratives every compared coder coded, a coder's coding is matched
 *   by another coder when that coder has a coding of the code whose overlap with it (the
 *   intersection over the union) reaches the threshold; percent is the share of codings matched,
 *   over every ordered pair of coders, as MAXQDA reports. Kappa and alpha are not defined on
 *   these units.
 * A disagreement is a coding of a code that some compared coder did not match (overlap below
 *   the threshold, or nothing), in a narrative every compared coder coded.
 */
#pragma once

#include <gio/gio.h>

#include "shirabe-export.h"
#include "shirabe-project.h"
#include "shirabe-reliability.h"

G_BEGIN_DECLS

typedef enum
{
  SHIRABE_AGREEMENT_UNIT_CASE,
  SHIRABE_AGREEMENT_UNIT_NARRATIVE,
  SHIRABE_AGREEMENT_UNIT_CHARACTER,
  SHIRABE_AGREEMENT_UNIT_SEGMENT,
} ShirabeAgreementUnit;

const char *shirabe_agreement_unit_to_string   (ShirabeAgreementUnit  unit);
gboolean    shirabe_agreement_unit_from_string (const char           *text,
                                                ShirabeAgreementUnit *unit);

typedef struct
{
  ShirabeAgreementUnit unit;
  /* Two or more coders (ids); NULL or empty: every coder with codings. */
  GArray              *coder_ids;
  /* Codes (ids); NULL or empty: every code with codings by the compared coders. */
  GArray              *code_ids;
  gboolean             all_units;
  /* Intersection over union a segment match needs, in (0, 1]; 0 means 0.5. */
  double               overlap;
  /* Bootstrap resamples for alpha's interval (0: none) and their seed. */
  guint                n_resamples;
  guint32              seed;
} ShirabeAgreementOptions;

typedef struct
{
  /* 0 for the record pooled over codes. */
  gint64            code_id;
  char             *code_uuid;
  char             *label_en;
  char             *label_ja;
  ShirabeAgreement  stats;
  /* Character unit: the same statistics over the text some coder coded with any code. */
  ShirabeAgreement  coded_text;
  /* Segment unit: codings, and codings matched, summed over ordered pairs of coders. */
  guint64           n_segments;
  guint64           n_matched;
  /* Disagreements found for the code. */
  guint64           n_disagreements;
} ShirabeAgreementRecord;

typedef struct
{
  gint64  narrative_id;
  gint64  code_id;
  gint64  start;
  gint64  end;
  /* Bits of the compared coders, in the report's coder order: who coded the passage (matched
   * it) and who did not. */
  guint32 coded_by;
  guint32 not_by;
} ShirabeDisagreement;

typedef struct _ShirabeAgreementReport ShirabeAgreementReport;

ShirabeAgreementReport *shirabe_agreement_report_new (ShirabeProject                *project,
                                                      const ShirabeAgreementOptions *options,
                                                      GCancellable                  *cancellable,
                                                      GError                       **error);
void                    shirabe_agreement_report_free (ShirabeAgreementReport *self);

ShirabeAgreementUnit    shirabe_agreement_report_get_unit      (ShirabeAgreementReport *self);
/* Returns: (element-type gint64) (transfer none): the compared coders, in order */
GArray                 *shirabe_agreement_report_get_coder_ids (ShirabeAgreementReport *self);
const char             *shirabe_agreement_report_get_coder_name (ShirabeAgreementReport *self,
                                                                 guint                   index);
guint                   shirabe_agreement_report_get_n_records (ShirabeAgreementReport *self);
/* The per-code records in the codebook's order, then the pooled record last. */
const ShirabeAgreementRecord *
                        shirabe_agreement_report_get_record    (ShirabeAgreementReport *self,
                                                                guint                   index);
const ShirabeAgreementRecord *
                        shirabe_agreement_report_get_pooled    (ShirabeAgreementReport *self);
/* Narratives every compared coder coded (what the character and segment units compare). */
guint                   shirabe_agreement_report_get_n_shared_narratives (ShirabeAgreementReport *self);
/* Returns: (element-type ShirabeDisagreement) (transfer none): in case, narrative and start
 * order, every code's together */
GArray                 *shirabe_agreement_report_get_disagreements (ShirabeAgreementReport *self);
/* The coders' names for the bits of @mask, ", " between them. */
char                   *shirabe_agreement_report_dup_coder_names (ShirabeAgreementReport *self,
                                                                  guint32                 mask);

/* The case, the narrative's title and the passage (its first @max_chars characters; 0: all)
 * of @disagreement. */
gboolean                shirabe_agreement_describe (ShirabeProject            *project,
                                                    const ShirabeDisagreement *disagreement,
                                                    guint                      max_chars,
                                                    char                     **case_name,
                                                    char                     **title,
                                                    char                     **passage,
                                                    GError                   **error);
/* Why @record has no kappa or alpha, in words, translated; NULL when it has them. */
const char             *shirabe_agreement_record_note (ShirabeAgreementUnit          unit,
                                                       const ShirabeAgreementRecord *record);
/* Writes the report as a workbook (or CSV files in a folder): the figures per code and pooled,
 * and every disagreement with its passage. @options gives the format, the language of the
 * headers, label or name headers, the cell limit and --force. */
gboolean                shirabe_agreement_report_export (ShirabeAgreementReport     *self,
                                                         ShirabeProject             *project,
                                                         const char                 *path,
                                                         const ShirabeExportOptions *options,
                                                         GError                    **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ShirabeAgreementReport, shirabe_agreement_report_free)

G_END_DECLS
