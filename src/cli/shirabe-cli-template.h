/* shirabe-cli-template.h: `shirabe-cli apply-template`, `export-template`, `templates`, and the
 * pieces of `new --template`
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "shirabe.h"
#include "shirabe-template.h"

G_BEGIN_DECLS

/* argv[0] is the command's name. Each returns the exit status: 0 done, 1 usage error,
 * 2 data error. */
int              shirabe_cli_apply_template  (int                        argc,
                                              char                     **argv);
int              shirabe_cli_export_template (int                        argc,
                                              char                     **argv);
int              shirabe_cli_templates       (int                        argc,
                                              char                     **argv);

/* For `new --template`: loads the template before the project file is made, so that a bad
 * template leaves no empty project behind; NULL with @status set on failure. */
ShirabeTemplate *shirabe_cli_template_load   (const char                *name_or_path,
                                              int                       *status);
/* Applies @template_ and prints what it added; returns @status or the data-error status. */
int              shirabe_cli_template_apply  (ShirabeProject            *project,
                                              ShirabeTemplate           *template_,
                                              ShirabeTemplateApplyFlags  flags,
                                              int                        status);
void             shirabe_cli_template_print_result (ShirabeTemplate             *template_,
                                                    const ShirabeTemplateResult *result);

G_END_DECLS
