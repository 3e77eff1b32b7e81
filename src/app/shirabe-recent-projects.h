/* shirabe-recent-projects.h: the projects opened last, for the welcome page
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define SHIRABE_RECENT_PROJECTS_MAX 10

#define SHIRABE_TYPE_RECENT_PROJECTS (shirabe_recent_projects_get_type ())

G_DECLARE_FINAL_TYPE (ShirabeRecentProjects, shirabe_recent_projects, SHIRABE, RECENT_PROJECTS,
                      GObject)

/* The list every window shares, kept in the setting "recent-projects", or in memory only when
 * the schema is not installed. Returns: (transfer none) */
ShirabeRecentProjects *shirabe_recent_projects_get_default (void);
/* Returns: (transfer none): the URIs, most recent first, as a GtkStringList */
GListModel            *shirabe_recent_projects_get_model   (ShirabeRecentProjects *self);
/* Puts @uri at the top of the list, keeping at most SHIRABE_RECENT_PROJECTS_MAX. */
void                   shirabe_recent_projects_add         (ShirabeRecentProjects *self,
                                                            const char            *uri);
void                   shirabe_recent_projects_remove      (ShirabeRecentProjects *self,
                                                            const char            *uri);

G_END_DECLS
