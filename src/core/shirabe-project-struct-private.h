/* shirabe-project-struct-private.h: the fields of a project, for the files that make it
 *
 * ShirabeProject is one object in several files (shirabe-project.c, shirabe-project-open.c,
 * shirabe-project-edit.c); they alone include this header, with what they lend each other.
 * The rest of the core goes through shirabe-project-private.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <sqlite3.h>

#include "shirabe-changes.h"
#include "shirabe-guard-private.h"
#include "shirabe-history.h"
#include "shirabe-project-private.h"

G_BEGIN_DECLS

struct _ShirabeProject
{
  GObject         parent_instance;

  char           *path;
  sqlite3        *db;
  GHashTable     *statements;  /* SQL text → sqlite3_stmt* */
  ShirabeHistory *history;     /* NULL with SHIRABE_PROJECT_NO_HISTORY */
  sqlite3_session *session;    /* open during an edit when there is a history */
  ShirabeChanges *replayed;    /* what the undo or redo being replayed changes */
  char           *step_key;    /* the next edit joins the last step of this key */
  ShirabeGuard   *guard;       /* this process's one descriptor of the file, and its flock */
  guint           edit_depth;
  guint           edit_failed : 1;
  guint           edited : 1;        /* an edit was committed since the project opened */
  guint           upgraded_copy : 1; /* an older project read through an upgraded copy */
  char           *foreign;          /* schema objects Shirabe did not create, or NULL */
  ShirabeProjectFlags flags;
  guint           read_only : 1;
  guint           unpublished : 1;   /* built under shirabe_project_create_file()'s temporary
                                      * name: nobody else has the file, and it is deleted
                                      * unless the build succeeds */
  guint           daily_backup_day; /* the Julian day the daily snapshot was last seen to */
  GThread        *daily_backup;     /* writing today's snapshot, or NULL */
};

/* Waits for the daily snapshot being written, if any. */
void            shirabe_project_join_daily_backup (ShirabeProject  *self);

/* Emits "changed" with @changes. */
void            shirabe_project_emit_changed  (ShirabeProject  *self,
                                               ShirabeChanges  *changes);

/* Runs @sql (statements without results) on the project's connection. */
gboolean        shirabe_project_exec          (ShirabeProject  *self,
                                               const char      *sql,
                                               GError         **error);

/* The first column of @sql's first row, 0 when there is none; SQLite's result in @rc_out. */
int             shirabe_project_query_int     (sqlite3         *db,
                                               const char      *sql,
                                               int             *rc_out);

/* The connection's settings: foreign keys, a busy timeout, and for writing WAL and full
 * syncing. */
gboolean        shirabe_project_apply_pragmas (ShirabeProject  *self,
                                               GError         **error);

/* A project object around @db, an open connection to @path, which it takes. */
ShirabeProject *shirabe_project_new_for_db    (const char          *path,
                                               sqlite3             *db,
                                               ShirabeProjectFlags  flags,
                                               gboolean             read_only);

G_END_DECLS
