/* shirabe-schema-private.h: the project file's schema and its migrations
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <sqlite3.h>

G_BEGIN_DECLS

/* "SHRB": PRAGMA application_id of every Shirabe project file. */
#define SHIRABE_APPLICATION_ID 0x53485242

/* The schema version this build writes (PRAGMA user_version). */
#define SHIRABE_SCHEMA_VERSION 8

typedef struct
{
  int         version;   /* the user_version after this step */
  const char *sql;       /* run inside the migration's transaction */
} ShirabeMigration;

const ShirabeMigration *shirabe_schema_migrations   (guint            *n_migrations);

/* Builds, in a thread of its own, what shirabe_schema_find_foreign() compares a current
 * project with, so that the first open does not wait for it. */
void                    shirabe_schema_warm         (void);
/* Schema objects of @db that Shirabe did not create, as "trigger “x”"; NULL when none. */
GPtrArray              *shirabe_schema_find_foreign (sqlite3          *db);
/* DROP TRIGGER/VIEW/TABLE/INDEX for one of those descriptions. */
char                   *shirabe_schema_drop_sql     (const char       *description);

/* The full-text index and the triggers that keep it in step with the narratives. */
const char             *shirabe_schema_fts_sql      (void);

gboolean                shirabe_schema_migrate_with (sqlite3          *db,
                                                     const char       *path,
                                                     int               from_version,
                                                     const ShirabeMigration *migrations,
                                                     guint             n_migrations,
                                                     GError          **error);

gboolean                shirabe_sqlite_error        (sqlite3          *db,
                                                     int               rc,
                                                     const char       *path,
                                                     GError          **error);

/* Makes @db safe for a file someone sent: defensive, trusted_schema off, and json_valid()
 * innocuous. Every connection to a project gets it, right after opening. */
void        shirabe_schema_secure_connection (sqlite3 *db);

G_END_DECLS
