/* shirabe-project.h: one open project file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "shirabe-changes.h"
#include "shirabe-error.h"
#include "shirabe-history.h"

G_BEGIN_DECLS

#define SHIRABE_TYPE_PROJECT (shirabe_project_get_type ())

G_DECLARE_FINAL_TYPE (ShirabeProject, shirabe_project, SHIRABE, PROJECT, GObject)

/**
 * ShirabeProjectFlags:
 * @SHIRABE_PROJECT_DEFAULT: open for reading and writing, with an undo history
 * @SHIRABE_PROJECT_READ_ONLY: open read-only even when the file could be written
 * @SHIRABE_PROJECT_NO_HISTORY: keep no undo history (the command line, background workers)
 * @SHIRABE_PROJECT_READ_ONLY_WHILE_IN_USE: when another program has the project open (a
 *   shirabe-cli reading it), open it read-only rather than refuse; it becomes writable with
 *   shirabe_project_try_writable() once that program lets go
 */
typedef enum
{
  SHIRABE_PROJECT_DEFAULT    = 0,
  SHIRABE_PROJECT_READ_ONLY  = 1 << 0,
  SHIRABE_PROJECT_NO_HISTORY = 1 << 1,
  SHIRABE_PROJECT_READ_ONLY_WHILE_IN_USE = 1 << 2,
} ShirabeProjectFlags;

/**
 * ShirabeProjectBuildFunc:
 * @project: a new project, not yet under its final name
 *
 * Fills a new project before it appears (see shirabe_project_create_file()).
 *
 * Returns: %TRUE when done; %FALSE with @error set, and the project is not created
 */
typedef gboolean (*ShirabeProjectBuildFunc) (ShirabeProject  *project,
                                             gpointer         user_data,
                                             GError         **error);

gboolean        shirabe_project_create_file     (const char              *path,
                                                 const char              *name,
                                                 ShirabeProjectBuildFunc  build,
                                                 gpointer                 user_data,
                                                 GError                 **error);
ShirabeProject *shirabe_project_create          (const char          *path,
                                                 const char          *name,
                                                 ShirabeProjectFlags  flags,
                                                 GError             **error);
ShirabeProject *shirabe_project_open            (const char          *path,
                                                 ShirabeProjectFlags  flags,
                                                 GError             **error);
void            shirabe_project_prepare_to_open (void);
gboolean        shirabe_project_close           (ShirabeProject      *self,
                                                 GError             **error);
gboolean        shirabe_project_try_writable    (ShirabeProject      *self,
                                                 GError             **error);
const char     *shirabe_project_get_foreign_objects (ShirabeProject  *self);

const char     *shirabe_project_get_path        (ShirabeProject      *self);
gboolean        shirabe_project_get_read_only   (ShirabeProject      *self);
ShirabeHistory *shirabe_project_get_history     (ShirabeProject      *self);

char           *shirabe_project_dup_name        (ShirabeProject      *self);
char           *shirabe_project_dup_uuid        (ShirabeProject      *self);
char           *shirabe_project_dup_meta        (ShirabeProject      *self,
                                                 const char          *key);
gboolean        shirabe_project_set_name        (ShirabeProject      *self,
                                                 const char          *name,
                                                 GError             **error);
gboolean        shirabe_project_set_description (ShirabeProject      *self,
                                                 const char          *description,
                                                 GError             **error);

/* The next edit's undo step joins the newest one when both were made under the same @key and
 * nothing was undone since: a memo saved several times as it is written is one step. The key
 * holds for one edit; NULL for none. */
void            shirabe_project_set_step_key    (ShirabeProject      *self,
                                                 const char          *key);

gboolean        shirabe_project_undo            (ShirabeProject      *self,
                                                 GError             **error);
gboolean        shirabe_project_redo            (ShirabeProject      *self,
                                                 GError             **error);

G_END_DECLS
