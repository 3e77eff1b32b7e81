/* shirabe-cli-sample.h: `shirabe-cli sample`
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* argv[0] is the command's name. Returns the exit status: 0 done, 1 usage error, 2 data
 * error. */
int shirabe_cli_sample (int    argc,
                        char **argv);

G_END_DECLS
