/* shirabe-cli-export.h: `shirabe-cli export`
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* argv[0] is "export". Returns the exit status: 0 done, 1 usage error, 2 data error,
 * 130 interrupted. */
int shirabe_cli_export (int    argc,
                        char **argv);

G_END_DECLS
