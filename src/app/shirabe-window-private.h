/* shirabe-window-private.h: what the window's actions do, for the tests to call
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

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

G_END_DECLS
