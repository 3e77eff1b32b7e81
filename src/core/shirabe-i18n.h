/* shirabe-i18n.h: gettext for the core, the CLI and the app
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "config.h"

#include <glib/gi18n-lib.h>
