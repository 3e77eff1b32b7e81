/* shirabe-new-project.h: new project files, from a coding scheme template or as the sample
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "shirabe.h"

G_BEGIN_DECLS

/* The sample project built with the program (<datadir>/shirabe/sample.shirabe), or NULL when
 * it is not installed or $SHIRABE_SAMPLE_DIR asks for the sample to be built from a folder. */
char      *shirabe_find_prebuilt_sample          (void);

/* Makes a fresh copy of the sample project in the user's data folder, named after today's
 * date and never over an existing file: a copy of @prebuilt when given, else built from the
 * folder shirabe_sample_find_dir() finds.
 * Returns: (transfer full): the path of the new project, or NULL */
char      *shirabe_new_sample_project            (const char  *prebuilt,
                                                  GError     **error);

/* Creates the project @path named @name and merges the template @template_name into it; the
 * project starts with the template's codes and no undo step. On failure no file is left. */
gboolean   shirabe_new_project_from_template     (const char  *path,
                                                  const char  *name,
                                                  const char  *template_name,
                                                  GError     **error);

/* A dialog asking which template a new project starts from, its names in the interface's
 * language; its "choose" response means one was picked. NULL with @error when none is found. */
GtkWidget *shirabe_template_dialog_new           (GtkWindow   *parent,
                                                  GError     **error);
/* The name ("tip") of the template picked in @dialog. */
const char *shirabe_template_dialog_get_selected (GtkWidget   *dialog);

G_END_DECLS
