/* shirabe-project-private.h: what the core's own files share about a project
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <sqlite3.h>

#include "shirabe-project.h"

G_BEGIN_DECLS

sqlite3      *shirabe_project_get_db        (ShirabeProject  *self);

/* Returns a cached prepared statement for @sql (a string literal), reset and unbound. */
sqlite3_stmt *shirabe_project_prepare       (ShirabeProject  *self,
                                             const char      *sql,
                                             GError         **error);

/* Turns the last SQLite failure of the project's connection into a GError. */
gboolean      shirabe_project_set_sqlite_error (ShirabeProject *self,
                                                int             rc,
                                                GError        **error);

/* Every change goes between begin_edit and end_edit: one transaction, one undo step named
 * @label. Edits nest; only the outermost commits. end_edit with @success FALSE rolls back. */
gboolean      shirabe_project_begin_edit    (ShirabeProject  *self,
                                             GError         **error);
gboolean      shirabe_project_end_edit      (ShirabeProject  *self,
                                             gboolean         success,
                                             const char      *label,
                                             GError         **error);

/* Takes @changeset (sqlite3_free), an edit that another connection to the same file (an
 * import's worker) has committed, as one undo step named @label of this project's history, and
 * emits "changed" so that views read the new rows. Call it on the project's own thread, after
 * the other connection's commit. */
void          shirabe_project_adopt_changeset (ShirabeProject *self,
                                               const char     *label,
                                               int             n_changeset,
                                               void           *changeset);

/* The full-text index, kept by the core (schema 3: no triggers): within an edit, forget the
 * entries of the narratives whose @column ("id" or "case_id") is @id before they change or go,
 * and index a narrative after it is added or changed. */
gboolean      shirabe_project_fts_forget    (ShirabeProject  *self,
                                             const char      *column,
                                             gint64           id,
                                             GError         **error);
gboolean      shirabe_project_fts_index     (ShirabeProject  *self,
                                             gint64           narrative_id,
                                             GError         **error);
/* Sets a project_meta value, within the caller's edit. */
gboolean      shirabe_project_set_meta      (ShirabeProject  *self,
                                             const char      *key,
                                             const char      *value,
                                             GError         **error);
/* Runs a statement that returns no rows, then resets it. */
gboolean      shirabe_project_step_done     (ShirabeProject  *self,
                                             sqlite3_stmt    *stmt,
                                             GError         **error);

/* Waits for the daily snapshot that the day's first edit began, if it is still being written
 * (closing the project waits too). */
void          shirabe_project_wait_backup   (ShirabeProject  *self);

/* For one large transaction: raises the connection's page cache to @kib KiB, so that pages
 * written and written again stay in memory rather than going to the log each time, and
 * returns the setting it had, which shirabe_project_restore_cache() puts back (the pages
 * above it are then freed). */
gint64        shirabe_project_raise_cache   (ShirabeProject  *self,
                                             gint64           kib);
void          shirabe_project_restore_cache (ShirabeProject  *self,
                                             gint64           cache_size);

/* For one large transaction in a project that shirabe_project_create_file() is building: no
 * log, the journal in memory and no syncing while it is filled (@unjournaled TRUE), WAL and
 * syncing again after (FALSE); call it outside an edit. Safe there only: a failed build is
 * deleted whole, and a finished one is flushed to the disk before it takes its name, so all
 * or nothing still holds. Returns FALSE, and changes nothing, for any other project. */
gboolean      shirabe_project_set_unjournaled (ShirabeProject *self,
                                               gboolean        unjournaled);

/* Binds text (NULL binds NULL). */
void          shirabe_bind_text             (sqlite3_stmt    *stmt,
                                             int              index,
                                             const char      *text);
char         *shirabe_column_dup_text       (sqlite3_stmt    *stmt,
                                             int              column);

char         *shirabe_now_iso8601           (void);

G_END_DECLS

G_BEGIN_DECLS

typedef enum
{
  SHIRABE_ENTITY_CASE,
  SHIRABE_ENTITY_NARRATIVE,
  SHIRABE_ENTITY_CODE,
  SHIRABE_ENTITY_CODING,
  SHIRABE_ENTITY_CODER,
  SHIRABE_ENTITY_ATTRIBUTE,
} ShirabeEntityKind;

/* Resolves what a user typed for an entity: an id (digits), a UUID, then a name with
 * @sql_by_name (one text parameter; may return several rows). @sql_by_id and @sql_by_uuid
 * return the id. */
gint64        shirabe_project_resolve       (ShirabeProject    *self,
                                             ShirabeEntityKind  kind,
                                             const char        *spec,
                                             const char        *sql_by_id,
                                             const char        *sql_by_uuid,
                                             const char        *sql_by_name,
                                             GError           **error);

/* A consistent copy of the whole project in its backup folder (shirabe-backup.c),
 * NAME.@reason-DATE.shirabe, readable by its owner only, never over an existing file; its path
 * in @path. */
gboolean      shirabe_project_backup        (ShirabeProject  *self,
                                             const char      *reason,
                                             char           **path,
                                             GError         **error);

/* Writes a consistent copy of the project into @file (absent or empty) with VACUUM INTO;
 * returns SQLite's result, SQLITE_DONE when written. */
int           shirabe_project_vacuum_into   (ShirabeProject  *self,
                                             const char      *file);
/* Removes a project file that was not finished, with its journal files. */
void          shirabe_project_remove_unfinished (const char  *path);
/* fsync() of a file, or of a folder with O_DIRECTORY. */
gboolean      shirabe_sync_path             (const char      *path,
                                             int              flags);
gboolean      shirabe_project_remove_foreign (ShirabeProject  *self,
                                              GStrv           *removed,
                                              GError         **error);

/* Refuses text that is not UTF-8 (a name, label or memo from the command line or a file): it
 * would reach GTK, the exports and JSON as broken text. %NULL passes. */
gboolean      shirabe_check_utf8            (const char      *text,
                                             GError         **error);

/* Returns the id of the single row @stmt yields (already bound), or 0; resets @stmt. */
gint64        shirabe_project_query_id      (ShirabeProject  *self,
                                             sqlite3_stmt    *stmt,
                                             GError         **error);

/* Sets @error to "there is no case with id 12" and the like. */
void          shirabe_set_not_found         (GError           **error,
                                             ShirabeEntityKind  kind,
                                             gint64             id);

G_END_DECLS

G_BEGIN_DECLS
/* TRUE for NULL, "" and text of white space only. */
gboolean      shirabe_str_is_blank          (const char       *text);
G_END_DECLS

G_BEGIN_DECLS

typedef gpointer (*ShirabeRowFunc) (sqlite3_stmt *stmt);

/* Steps @stmt (prepared and bound) to the end, turning each row into an element with
 * @row_func. Returns: (transfer full): the elements, or %NULL with @error set */
GPtrArray    *shirabe_project_collect       (ShirabeProject    *self,
                                             sqlite3_stmt      *stmt,
                                             ShirabeRowFunc     row_func,
                                             GDestroyNotify     free_func,
                                             GError           **error);

/* Steps @stmt (bound to one entity's @id) once: the row through @row_func, or a NOT_FOUND
 * error naming @kind and @id. */
gpointer      shirabe_project_fetch_one     (ShirabeProject    *self,
                                             sqlite3_stmt      *stmt,
                                             ShirabeRowFunc     row_func,
                                             ShirabeEntityKind  kind,
                                             gint64             id,
                                             GError           **error);

/* TRUE when @sql (one id parameter, returning the id) finds @id; else a NOT_FOUND error. */
gboolean      shirabe_project_row_exists    (ShirabeProject    *self,
                                             const char        *sql,
                                             ShirabeEntityKind  kind,
                                             gint64             id,
                                             GError           **error);

G_END_DECLS
