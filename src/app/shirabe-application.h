/* shirabe-application.h: the running Shirabe, one per session
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define SHIRABE_TYPE_APPLICATION (shirabe_application_get_type ())

G_DECLARE_FINAL_TYPE (ShirabeApplication, shirabe_application, SHIRABE, APPLICATION, AdwApplication)

ShirabeApplication *shirabe_application_new (void);

G_END_DECLS
