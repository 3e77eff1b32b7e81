/* shirabe-error.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "shirabe-error.h"

G_DEFINE_QUARK (shirabe-error-quark, shirabe_error)
