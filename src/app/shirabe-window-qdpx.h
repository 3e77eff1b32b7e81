/* shirabe-window-qdpx.h: the window's exchange with other QDA programs (REFI-QDA)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "shirabe-window.h"

G_BEGIN_DECLS

void     shirabe_window_qdpx_install (GtkWidgetClass *widget_class);

/* What the actions do once the files are chosen, for the tests to call. */
void     shirabe_window_import_qdpx  (ShirabeWindow  *self,
                                      const char     *qdpx_path,
                                      const char     *project_path);
gboolean shirabe_window_import_qdc   (ShirabeWindow  *self,
                                      const char     *path,
                                      GError        **error);
gboolean shirabe_window_export_qdc   (ShirabeWindow  *self,
                                      const char     *path,
                                      gboolean        pseudonymise,
                                      GError        **error);
/* Whether the codebook's save dialog offers to pseudonymise: a pseudonym is confirmed. */
gboolean shirabe_window_can_pseudonymise (ShirabeWindow *self);

G_END_DECLS
