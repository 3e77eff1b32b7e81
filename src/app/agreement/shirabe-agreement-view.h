/* shirabe-agreement-view.h: how far the coders agree, per code, and where they do not
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "shirabe.h"

G_BEGIN_DECLS

#define SHIRABE_TYPE_AGREEMENT_VIEW (shirabe_agreement_view_get_type ())

G_DECLARE_FINAL_TYPE (ShirabeAgreementView, shirabe_agreement_view, SHIRABE, AGREEMENT_VIEW,
                      AdwBin)

void     shirabe_agreement_view_set_project (ShirabeAgreementView *self,
                                             ShirabeProject       *project);
/* Computes the report for the coders ticked and the unit chosen, in a worker thread. */
void     shirabe_agreement_view_compute     (ShirabeAgreementView *self);
/* TRUE while a report is being computed (tests wait on it). */
gboolean shirabe_agreement_view_is_busy     (ShirabeAgreementView *self);
/* The codes' table and the disagreements' list, for tests. */
GListModel *shirabe_agreement_view_get_rows          (ShirabeAgreementView *self);
GListModel *shirabe_agreement_view_get_disagreements (ShirabeAgreementView *self);
/* Writes the report shown as a workbook (the figures, then the disagreements). */
gboolean shirabe_agreement_view_export      (ShirabeAgreementView *self,
                                             const char           *path,
                                             GError              **error);
/* Shows the disagreements of the row at @position (as a click on it does). */
void     shirabe_agreement_view_select_row  (ShirabeAgreementView *self,
                                             guint                 position);

G_END_DECLS
