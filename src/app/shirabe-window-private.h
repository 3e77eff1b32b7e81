/* shirabe-window-private.h: what the window's actions do, for the tests to call
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "shirabe-agreement-view.h"
#include "shirabe-charts-view.h"
#include "shirabe-parallel-view.h"
#include "shirabe-corpus-search.h"
#include "shirabe-passages-view.h"
#include "shirabe-window.h"

G_BEGIN_DECLS

/* "New Project from Template…" once the template and the file are chosen: creates @file (the
 * .shirabe ending added when missing) with the codes of @template_name, then opens it. */
gboolean shirabe_window_create_from_template (ShirabeWindow  *self,
                                              GFile          *file,
                                              const char     *template_name,
                                              GError        **error);
/* "Explore the Sample Project": opens a fresh copy of the sample, copied from @prebuilt when
 * given, else built from the sample's source folder. */
gboolean shirabe_window_open_sample          (ShirabeWindow  *self,
                                              const char     *prebuilt,
                                              GError        **error);
/* "Export Codebook as Template…" once the file is chosen (.json added when missing). */
gboolean shirabe_window_export_template      (ShirabeWindow  *self,
                                              GFile          *file,
                                              GError        **error);

/* The reader, the passages and the search, one shown at a time. */
AdwViewStack        *shirabe_window_get_center_stack  (ShirabeWindow *self);
ShirabeAgreementView *shirabe_window_get_agreement_view (ShirabeWindow *self);
ShirabeChartsView    *shirabe_window_get_charts_view   (ShirabeWindow *self);
/* The reader's page: the narrative alone ("single") or beside its translation
 * ("side-by-side"). */
ShirabeParallelView  *shirabe_window_get_parallel_view (ShirabeWindow *self);
GtkStack             *shirabe_window_get_reader_stack  (ShirabeWindow *self);
ShirabePassagesView *shirabe_window_get_passages_view (ShirabeWindow *self);
ShirabeCorpusSearch *shirabe_window_get_corpus_search (ShirabeWindow *self);
/* The header bar's way back to the list a passage was opened from. */
GtkWidget           *shirabe_window_get_back_button   (ShirabeWindow *self);
/* The name recorded on new codings: the preferences', else SHIRABE_CODER, else the account's. */
const char *shirabe_window_get_coder_name   (ShirabeWindow  *self);

G_END_DECLS
