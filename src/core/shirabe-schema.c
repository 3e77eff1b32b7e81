/* shirabe-schema.c: the project file's schema and its numbered migrations
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "shirabe-i18n.h"

#include <errno.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/statvfs.h>

#include <gio/gio.h>
#include <json-glib/json-glib.h>
#include <glib/gstdio.h>

#include "shirabe-backup-private.h"
#include "shirabe-error.h"
#include "shirabe-json-private.h"
#include "shirabe-schema-private.h"

/* Full-text search over the narratives; trigram so that Japanese needs no word splitting.
 * Also what `check --repair` recreates when the index is missing. Since version 3 the core
 * keeps it in step itself (shirabe-narrative.c, and around undo's replay): with
 * trusted_schema off, SQLite refuses a virtual table used by a trigger. */
#define SCHEMA_FTS_TABLE \
  "CREATE VIRTUAL TABLE narrative_fts USING fts5 (" \
  "  title, text, content = 'narrative', content_rowid = 'id', tokenize = 'trigram'" \
  ");"

/* Version 1's triggers, as version 1 made them (version 3 drops them). */
#define SCHEMA_FTS \
  SCHEMA_FTS_TABLE \
  "CREATE TRIGGER narrative_fts_insert AFTER INSERT ON narrative BEGIN" \
  "  INSERT INTO narrative_fts (rowid, title, text) VALUES (new.id, new.title, new.text);" \
  "END;" \
  "CREATE TRIGGER narrative_fts_delete AFTER DELETE ON narrative BEGIN" \
  "  INSERT INTO narrative_fts (narrative_fts, rowid, title, text)" \
  "    VALUES ('delete', old.id, old.title, old.text);" \
  "END;" \
  "CREATE TRIGGER narrative_fts_update AFTER UPDATE OF title, text ON narrative BEGIN" \
  "  INSERT INTO narrative_fts (narrative_fts, rowid, title, text)" \
  "    VALUES ('delete', old.id, old.title, old.text);" \
  "  INSERT INTO narrative_fts (rowid, title, text) VALUES (new.id, new.title, new.text);" \
  "END;"

const char *
shirabe_schema_fts_sql (void)
{
  return SCHEMA_FTS_TABLE;
}

/* Version 1: the schema of DESIGN.md. Offsets and lengths count Unicode code points. */
static const char schema_v1[] =
  "CREATE TABLE project_meta ("
  "  key   TEXT PRIMARY KEY,"
  "  value TEXT NOT NULL"
  ");"
  "CREATE TABLE coder ("
  "  id         INTEGER PRIMARY KEY,"
  "  uuid       TEXT NOT NULL UNIQUE,"
  "  name       TEXT NOT NULL UNIQUE CHECK (name <> ''),"
  "  created_at TEXT NOT NULL"
  ");"
  "CREATE TABLE cases ("
  "  id         INTEGER PRIMARY KEY,"
  "  uuid       TEXT NOT NULL UNIQUE,"
  "  name       TEXT NOT NULL CHECK (name <> ''),"
  "  memo       TEXT NOT NULL DEFAULT '',"
  "  position   INTEGER NOT NULL DEFAULT 0,"
  "  created_at TEXT NOT NULL"
  ");"
  "CREATE INDEX cases_name ON cases (name);"
  "CREATE TABLE narrative ("
  "  id              INTEGER PRIMARY KEY,"
  "  uuid            TEXT NOT NULL UNIQUE,"
  "  case_id         INTEGER NOT NULL REFERENCES cases (id) ON DELETE CASCADE,"
  "  title           TEXT NOT NULL CHECK (title <> ''),"
  "  language        TEXT NOT NULL DEFAULT '',"
  "  kind            TEXT NOT NULL DEFAULT '',"
  "  text            TEXT NOT NULL,"
  "  length          INTEGER NOT NULL CHECK (length >= 0),"
  "  sha256          TEXT NOT NULL,"
  "  origin_file     TEXT,"
  "  origin_encoding TEXT,"
  "  translation_of  INTEGER REFERENCES narrative (id) ON DELETE SET NULL,"
  "  status          INTEGER NOT NULL DEFAULT 0 CHECK (status IN (0, 1, 2)),"
  "  memo            TEXT NOT NULL DEFAULT '',"
  "  position        INTEGER NOT NULL DEFAULT 0,"
  "  created_at      TEXT NOT NULL"
  ");"
  "CREATE INDEX narrative_case ON narrative (case_id, position);"
  "CREATE INDEX narrative_title ON narrative (title);"
  "CREATE INDEX narrative_translation ON narrative (translation_of);"
  "CREATE TABLE code ("
  "  id             INTEGER PRIMARY KEY,"
  "  uuid           TEXT NOT NULL UNIQUE,"
  "  parent_id      INTEGER REFERENCES code (id) ON DELETE CASCADE,"
  "  label_en       TEXT NOT NULL DEFAULT '',"
  "  label_ja       TEXT NOT NULL DEFAULT '',"
  "  description_en TEXT NOT NULL DEFAULT '',"
  "  description_ja TEXT NOT NULL DEFAULT '',"
  "  color          TEXT NOT NULL DEFAULT '#3584E4' CHECK (length (color) = 7 AND color GLOB '#[0-9A-F][0-9A-F][0-9A-F][0-9A-F][0-9A-F][0-9A-F]'),"
  "  var_name       TEXT NOT NULL UNIQUE CHECK (var_name <> ''),"
  "  codable        INTEGER NOT NULL DEFAULT 1 CHECK (codable IN (0, 1)),"
  "  position       INTEGER NOT NULL DEFAULT 0,"
  "  created_at     TEXT NOT NULL,"
  "  CHECK (label_en <> '' OR label_ja <> '')"
  ");"
  "CREATE INDEX code_parent ON code (parent_id, position);"
  "CREATE TABLE coding ("
  "  id           INTEGER PRIMARY KEY,"
  "  uuid         TEXT NOT NULL UNIQUE,"
  "  narrative_id INTEGER NOT NULL REFERENCES narrative (id) ON DELETE CASCADE,"
  "  code_id      INTEGER NOT NULL REFERENCES code (id) ON DELETE CASCADE,"
  "  coder_id     INTEGER NOT NULL REFERENCES coder (id) ON DELETE RESTRICT,"
  "  start        INTEGER NOT NULL CHECK (start >= 0),"
  "  end          INTEGER NOT NULL CHECK (end > start),"
  "  memo         TEXT NOT NULL DEFAULT '',"
  "  created_at   TEXT NOT NULL"
  ");"
  "CREATE INDEX coding_narrative ON coding (narrative_id, start);"
  "CREATE INDEX coding_code ON coding (code_id);"
  "CREATE INDEX coding_coder ON coding (coder_id);"
  "CREATE TABLE attribute ("
  "  id         INTEGER PRIMARY KEY,"
  "  uuid       TEXT NOT NULL UNIQUE,"
  "  scope      TEXT NOT NULL CHECK (scope IN ('case', 'narrative')),"
  "  name_en    TEXT NOT NULL DEFAULT '',"
  "  name_ja    TEXT NOT NULL DEFAULT '',"
  "  description_en TEXT NOT NULL DEFAULT '',"
  "  description_ja TEXT NOT NULL DEFAULT '',"
  "  var_name   TEXT NOT NULL CHECK (var_name <> ''),"
  "  type       TEXT NOT NULL CHECK (type IN ('text', 'integer', 'number', 'date', 'boolean', 'choice')),"
  "  choices    TEXT NOT NULL DEFAULT '',"
  "  position   INTEGER NOT NULL DEFAULT 0,"
  "  created_at TEXT NOT NULL,"
  "  UNIQUE (scope, var_name),"
  "  CHECK (name_en <> '' OR name_ja <> '')"
  ");"
  "CREATE TABLE attribute_value ("
  "  id           INTEGER PRIMARY KEY,"
  "  attribute_id INTEGER NOT NULL REFERENCES attribute (id) ON DELETE CASCADE,"
  "  case_id      INTEGER REFERENCES cases (id) ON DELETE CASCADE,"
  "  narrative_id INTEGER REFERENCES narrative (id) ON DELETE CASCADE,"
  "  value        ANY,"
  "  CHECK ((case_id IS NULL) <> (narrative_id IS NULL))"
  ");"
  "CREATE UNIQUE INDEX attribute_value_case ON attribute_value (attribute_id, case_id)"
  "  WHERE case_id IS NOT NULL;"
  "CREATE UNIQUE INDEX attribute_value_narrative ON attribute_value (attribute_id, narrative_id)"
  "  WHERE narrative_id IS NOT NULL;"
  "CREATE INDEX attribute_value_case_owner ON attribute_value (case_id);"
  "CREATE INDEX attribute_value_narrative_owner ON attribute_value (narrative_id);"
  SCHEMA_FTS;

/* Version 2: labels for the choices of choice attributes.
 *
 * The labels get a column of their own beside `choices`, through a migration, rather than
 * changing what `choices` holds. `choices` keeps the values one per line, exactly as in
 * version 1, so every reader of values (type checks, shirabe_project_check, generated
 * projects, exports) stays as it was and a value can never be misread as a label. Putting
 * labels into `choices` as JSON would have needed no migration, but Shirabe 0.1 would then open
 * such a project without complaint and see a single choice called `[{"value": …`: it would
 * refuse every stored value, and applying a template there would append values to the JSON
 * text. The version bump makes an older Shirabe refuse the file with a clear message instead.
 *
 * `choice_labels` is '' (no labels) or a JSON object keyed by value,
 * {"female": {"en": "Female", "ja": "女性"}, …}: keyed rather than parallel to `choices`, so
 * that adding or reordering choices never pairs a value with another's label, and a value
 * without an entry simply shows as itself. */
static const char schema_v2[] =
  "ALTER TABLE attribute ADD COLUMN choice_labels TEXT NOT NULL DEFAULT ''"
  "  CHECK (choice_labels = '' OR json_valid (choice_labels));";

/* Version 3: no triggers. Every connection runs with trusted_schema off, so that an object
 * planted in a file someone sent cannot call a function with side effects; SQLite 3.40 then
 * refuses the full-text index in a trigger, and the core keeps the index itself. */
static const char schema_v3[] =
  "DROP TRIGGER IF EXISTS narrative_fts_insert;"
  "DROP TRIGGER IF EXISTS narrative_fts_delete;"
  "DROP TRIGGER IF EXISTS narrative_fts_update;";

/* Version 4: the passages of a code are read from one index, without visiting the coding
 * table: code, narrative and place, and the coder for a coder's passages (the rowid, the
 * coding's id, is in every index). It serves what coding_code served (a code's codings, counts
 * by code, a code's deletion) and replaces it. */
static const char schema_v4[] =
  "DROP INDEX IF EXISTS coding_code;"
  "CREATE INDEX coding_code_place ON coding (code_id, narrative_id, start, end, coder_id);";

/* Version 5: the sha256 of the file a narrative was imported from (a Word document, a PDF, a
 * text file), beside the sha256 of its text: which file it came from can be checked later. */
static const char schema_v5[] =
  "ALTER TABLE narrative ADD COLUMN origin_sha256 TEXT;";

/* Version 6: originals beside their translations.
 *
 * `alignment` holds the anchors of a translation's alignment with its original: each row is the
 * start (in code points) of a paragraph of the original and of a paragraph of the translation
 * that begin a pair. A translation without rows is aligned by order (paragraph n with paragraph
 * n); the first edit writes the anchors of that order, joining two pairs deletes an anchor and
 * splitting one adds an anchor (shirabe-alignment.c). Offsets rather than paragraph numbers,
 * because they keep their meaning whatever a later version calls a paragraph; the original's
 * id is kept so that rows made for another original (after a relink) are known as stale.
 *
 * `coding.carried_from` links a coding carried to the aligned paragraph of the other side
 * ("Code the Translation Too") to the coding it was carried from: agreement does not take it as
 * a second judgement and the export counts the passage once. Removing the source keeps the
 * carried coding, now on its own. */
static const char schema_v6[] =
  "ALTER TABLE coding ADD COLUMN carried_from INTEGER REFERENCES coding (id) ON DELETE SET NULL;"
  "CREATE INDEX coding_carried_from ON coding (carried_from) WHERE carried_from IS NOT NULL;"
  "CREATE TABLE alignment ("
  "  id                INTEGER PRIMARY KEY,"
  "  translation_id    INTEGER NOT NULL REFERENCES narrative (id) ON DELETE CASCADE,"
  "  original_id       INTEGER NOT NULL REFERENCES narrative (id) ON DELETE CASCADE,"
  "  original_start    INTEGER NOT NULL CHECK (original_start >= 0),"
  "  translation_start INTEGER NOT NULL CHECK (translation_start >= 0),"
  "  UNIQUE (translation_id, original_start),"
  "  UNIQUE (translation_id, translation_start)"
  ");"
  "CREATE INDEX alignment_original ON alignment (original_id);";

/* Version 7: the pseudonym table (shirabe-pseudonyms.c): a real string, as the researcher
 * wrote it, and the pseudonym that replaces it, with its variants, in a pseudonymised copy or
 * export. @language is '' for every language, or the BCP 47 language of the narratives whose
 * text gets this pseudonym rather than another entry's for the same name; a suggestion waits
 * unconfirmed (0) and is not applied. */
static const char schema_v7[] =
  "CREATE TABLE pseudonym ("
  "  id         INTEGER PRIMARY KEY,"
  "  uuid       TEXT NOT NULL UNIQUE,"
  "  real       TEXT NOT NULL CHECK (real <> ''),"
  "  pseudonym  TEXT NOT NULL CHECK (pseudonym <> ''),"
  "  language   TEXT NOT NULL DEFAULT '',"
  "  confirmed  INTEGER NOT NULL DEFAULT 1 CHECK (confirmed IN (0, 1)),"
  "  created_at TEXT NOT NULL,"
  "  UNIQUE (real, language)"
  ");";

/* Version 8: a narrative's codings are read from one index, without visiting the coding
 * table: place, code, coder and whether the coding was carried from a translation's other
 * side. It serves what coding_narrative served (a narrative's codings in order, the check for a
 * coding already there) and replaces it. The statistics export reads every narrative's
 * codings for its cases and narratives tables; through coding_narrative each coding was a
 * second lookup in the table, and the cases table took 1.5 times as long as reading its
 * columns in order and writing the file. */
static const char schema_v8[] =
  "DROP INDEX IF EXISTS coding_narrative;"
  "CREATE INDEX coding_narrative_place"
  "  ON coding (narrative_id, start, end, code_id, coder_id, carried_from);";

static const ShirabeMigration migrations[] = {
  { 1, schema_v1 },
  { 2, schema_v2 },
  { 3, schema_v3 },
  { 4, schema_v4 },
  { 5, schema_v5 },
  { 6, schema_v6 },
  { 7, schema_v7 },
  { 8, schema_v8 },
};

const ShirabeMigration *
shirabe_schema_migrations (guint *n_migrations)
{
  *n_migrations = G_N_ELEMENTS (migrations);
  return migrations;
}

/* Whether a failed write was a full disk: SQLite reports a short write, or a file that may
 * not grow (RLIMIT_FSIZE, a quota), as "disk I/O error", often with no errno kept. */
static gboolean
storage_is_full (sqlite3    *db,
                 const char *path)
{
  int sys = db != NULL ? sqlite3_system_errno (db) : 0;
  g_autofree char *folder = NULL;
  struct statvfs fs;
  struct rlimit limit;

  if (sys == ENOSPC || sys == EFBIG
#ifdef EDQUOT
      || sys == EDQUOT
#endif
      )
    return TRUE;
  if (getrlimit (RLIMIT_FSIZE, &limit) == 0 && limit.rlim_cur != RLIM_INFINITY)
    return TRUE;
  if (path == NULL)
    return FALSE;
  folder = g_path_get_dirname (path);
  /* Less than a few megabytes left for the user: the write-ahead log did not fit. */
  return statvfs (folder, &fs) == 0 && (guint64) fs.f_bavail * fs.f_frsize < 4 * 1024 * 1024;
}

gboolean
shirabe_sqlite_error (sqlite3     *db,
                      int          rc,
                      const char  *path,
                      GError     **error)
{
  int primary = rc & 0xff;
  g_autofree char *name = path ? g_filename_display_name (path) : NULL;
  const char *detail = db ? sqlite3_errmsg (db) : sqlite3_errstr (rc);

  /* The full-text index's triggers run on every change to a narrative: a missing or damaged
   * index stops them, and the repair is known. */
  if (detail != NULL && strstr (detail, "narrative_fts") != NULL)
    g_set_error (error, SHIRABE_ERROR, SHIRABE_ERROR_CORRUPT,
                 _("The full-text search index of the project “%s” is missing or damaged (%s); "
                   "nothing was changed. Run “shirabe-cli check --repair” on the project to "
                   "rebuild it (a backup copy is made first)."),
                 name ? name : "", detail);
  else if (primary == SQLITE_NOTADB)
    g_set_error (error, SHIRABE_ERROR, SHIRABE_ERROR_NOT_SQLITE,
                 _("“%s” is not a Shirabe project: it is not an SQLite database"),
                 name ? name : "");
  else if (primary == SQLITE_CORRUPT)
    g_set_error (error, SHIRABE_ERROR, SHIRABE_ERROR_CORRUPT,
                 _("The project “%s” is damaged (%s)"), name ? name : "", detail);
  else if (primary == SQLITE_READONLY)
    g_set_error (error, SHIRABE_ERROR, SHIRABE_ERROR_READ_ONLY,
                 _("The project “%s” is read-only; changes cannot be saved"), name ? name : "");
  else if (primary == SQLITE_FULL || (primary == SQLITE_IOERR && storage_is_full (db, path)))
    {
      /* SQLite says "disk I/O error" for a file that may not grow (a quota, a size limit):
       * to the user it is the same full disk. */
      g_autofree char *absolute = g_canonicalize_filename (path != NULL ? path : ".", NULL);
      g_autofree char *folder = g_path_get_dirname (absolute);
      g_autofree char *folder_display = g_filename_display_name (folder);

      g_set_error (error, SHIRABE_ERROR, SHIRABE_ERROR_FULL,
                   _("The disk holding “%s” (in the folder “%s”) is full, or the file may not "
                     "grow; the project was left as it was. Free some space and try again."),
                   name ? name : "", folder_display);
    }
  else if (primary == SQLITE_BUSY || primary == SQLITE_LOCKED)
    g_set_error (error, SHIRABE_ERROR, SHIRABE_ERROR_FAILED,
                 _("The project “%s” is busy in another program; try again"), name ? name : "");
  else if (primary == SQLITE_CANTOPEN)
    g_set_error (error, SHIRABE_ERROR, SHIRABE_ERROR_FAILED,
                 _("The project “%s” cannot be opened (%s)"), name ? name : "", detail);
  else
    g_set_error (error, SHIRABE_ERROR, SHIRABE_ERROR_FAILED,
                 _("Error in the project “%s”: %s"), name ? name : "", detail);
  return FALSE;
}

static gboolean
exec_sql (sqlite3     *db,
          const char  *path,
          const char  *sql,
          GError     **error)
{
  int rc = sqlite3_exec (db, sql, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    return shirabe_sqlite_error (db, rc, path, error);
  return TRUE;
}

/* Copies the project into its backups folder (shirabe-backup.c) before an upgrade, through
 * SQLite's backup API so that pending WAL content is included and the copy is itself a
 * consistent database, listed and restorable as every snapshot is. */
static gboolean
backup_before_migration (sqlite3     *db,
                         const char  *path,
                         GError     **error)
{
  if (shirabe_backup_write_for_db (db, path, "before-upgrade", NULL, error))
    return TRUE;
  {
    g_autofree char *name = g_filename_display_name (path);

    g_prefix_error (error, _("“%s” was not upgraded for this version of Shirabe, and is as it "
                             "was: "), name);
  }
  return FALSE;
}

/*
 * Runs every migration newer than @from_version in one transaction. A project that already holds
 * data is first copied aside; a failure rolls back and leaves the file as it was.
 */
gboolean
shirabe_schema_migrate_with (sqlite3                 *db,
                             const char              *path,
                             int                      from_version,
                             const ShirabeMigration  *steps,
                             guint                    n_steps,
                             GError                 **error)
{
  int target = n_steps > 0 ? steps[n_steps - 1].version : 0;
  g_autofree char *set_version = NULL;

  if (from_version >= target)
    return TRUE;

  if (from_version > 0 && path != NULL && !backup_before_migration (db, path, error))
    return FALSE;

  if (!exec_sql (db, path, "BEGIN IMMEDIATE", error))
    return FALSE;

  for (guint i = 0; i < n_steps; i++)
    {
      if (steps[i].version <= from_version)
        continue;
      if (!exec_sql (db, path, steps[i].sql, error))
        {
          sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
          return FALSE;
        }
    }

  set_version = g_strdup_printf ("PRAGMA application_id = %d; PRAGMA user_version = %d;",
                                 SHIRABE_APPLICATION_ID, target);
  if (!exec_sql (db, path, set_version, error) || !exec_sql (db, path, "COMMIT", error))
    {
      sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
      return FALSE;
    }
  return TRUE;
}

/* What a project file may hold */

typedef struct
{
  char *type;
  char *sql;
} SchemaObject;

static void
schema_object_free (SchemaObject *object)
{
  g_free (object->type);
  g_free (object->sql);
  g_free (object);
}

/* SQL without its white space: SQLite keeps the text of the statement that made an object,
 * laid out as that version of Shirabe wrote it. (Our triggers' only string literal is
 * 'delete'.) */
static char *
normalize_sql (const char *sql)
{
  GString *out = g_string_new (NULL);

  for (const char *p = sql != NULL ? sql : ""; *p != '\0'; p++)
    if (!g_ascii_isspace (*p))
      g_string_append_c (out, *p);
  return g_string_free (out, FALSE);
}

/* json_valid() as SQLite's, but declared innocuous: the choice_labels CHECK calls it, and with
 * trusted_schema off SQLite 3.40 refuses its own json_valid() there. The depth is checked first,
 * as for every JSON Shirabe reads. */
static void
json_valid_innocuous (sqlite3_context  *context,
                      int               argc,
                      sqlite3_value   **argv)
{
  g_autoptr(JsonParser) parser = NULL;
  const char *text;
  int length;

  if (sqlite3_value_type (argv[0]) == SQLITE_NULL)
    {
      sqlite3_result_null (context);
      return;
    }
  text = (const char *) sqlite3_value_text (argv[0]);
  length = sqlite3_value_bytes (argv[0]);
  if (text == NULL || !g_utf8_validate (text, length, NULL) ||
      shirabe_json_depth_exceeds (text, length, SHIRABE_JSON_MAX_DEPTH))
    {
      sqlite3_result_int (context, 0);
      return;
    }
  parser = json_parser_new ();
  sqlite3_result_int (context, json_parser_load_from_data (parser, text, length, NULL) &&
                               json_parser_get_root (parser) != NULL);
}

void
shirabe_schema_secure_connection (sqlite3 *db)
{
  /* The schema cannot be rewritten by ordinary statements, and what it holds (a trigger, a
   * view, a CHECK) may call only functions without side effects. */
  sqlite3_db_config (db, SQLITE_DBCONFIG_DEFENSIVE, 1, NULL);
  sqlite3_db_config (db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, NULL);
  /* Nor can SQL load code: load_extension() stays refused, whatever SQLite's build allows. */
  sqlite3_db_config (db, SQLITE_DBCONFIG_ENABLE_LOAD_EXTENSION, 0, NULL);
  sqlite3_create_function_v2 (db, "json_valid", 1,
                              SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS, NULL,
                              json_valid_innocuous, NULL, NULL, NULL);
}

/* Adds to @table (name → SchemaObject) what the first @n_steps migrations create, keeping an
 * object already there. */
static void
add_objects_of (GHashTable *table,
                guint       n_steps)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_open_v2 (":memory:", &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) ==
        SQLITE_OK &&
      (shirabe_schema_secure_connection (db), TRUE) &&
      shirabe_schema_migrate_with (db, NULL, 0, migrations, n_steps, NULL) &&
      sqlite3_prepare_v2 (db, "SELECT type, name, sql FROM sqlite_schema", -1, &stmt,
                          NULL) == SQLITE_OK)
    while (sqlite3_step (stmt) == SQLITE_ROW)
      {
        const char *name = (const char *) sqlite3_column_text (stmt, 1);
        SchemaObject *object;

        if (g_hash_table_contains (table, name))
          continue;
        object = g_new0 (SchemaObject, 1);
        object->type = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
        object->sql = normalize_sql ((const char *) sqlite3_column_text (stmt, 2));
        g_hash_table_insert (table, g_strdup (name), object);
      }
  sqlite3_finalize (stmt);
  sqlite3_close (db);
}

/* name → SchemaObject: what this version's migrations create (@any_version FALSE), or what
 * any version's did (TRUE: the triggers of versions 1 and 2, which opening such a file for
 * writing drops), built once in memory. Each is built only when asked: the second runs the
 * migrations once per version, three quarters of the time opening a current project took. */
static GHashTable *
expected_objects (gboolean any_version)
{
  static GHashTable *current;
  static GHashTable *any;

  if (g_once_init_enter (any_version ? &any : &current))
    {
      GHashTable *table = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                 (GDestroyNotify) schema_object_free);

      if (any_version)
        for (guint n = G_N_ELEMENTS (migrations); n >= 1; n--)
          add_objects_of (table, n);
      else
        add_objects_of (table, G_N_ELEMENTS (migrations));
      g_once_init_leave (any_version ? &any : &current, table);
    }
  return any_version ? any : current;
}

static gpointer
warm_expected_objects (gpointer data)
{
  expected_objects (FALSE);
  return NULL;
}

/* Builds what a current project's schema is compared with in a thread of its own, once per
 * process: an app calls it as its window is made, so that opening the first project (some 4 ms
 * of migrations run in memory) does not wait for it. A caller that needs it before it is ready
 * waits in g_once_init_enter() for this thread rather than building it again. */
void
shirabe_schema_warm (void)
{
  static gsize started;

  if (g_once_init_enter (&started))
    {
      g_thread_unref (g_thread_new ("shirabe-schema", warm_expected_objects, NULL));
      g_once_init_leave (&started, 1);
    }
}

/**
 * shirabe_schema_find_foreign:
 *
 * Compares the schema objects of @db with those Shirabe creates. A table or index of another
 * name, and any trigger or view that is not Shirabe's own (by name and text), is foreign: a
 * trigger planted in a file someone sent would run on the next edit.
 *
 * Returns: (transfer full): one description per foreign object ("trigger “x”"), or %NULL when
 *   there is none (or the schema cannot be read, which opening reports itself)
 */
GPtrArray *
shirabe_schema_find_foreign (sqlite3 *db)
{
  sqlite3_stmt *version = NULL;
  gboolean older = FALSE;
  GHashTable *expected;
  g_autoptr(GPtrArray) foreign = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt = NULL;

  /* A file of an older version may hold what that version made. */
  if (sqlite3_prepare_v2 (db, "PRAGMA user_version", -1, &version, NULL) == SQLITE_OK &&
      sqlite3_step (version) == SQLITE_ROW)
    older = sqlite3_column_int (version, 0) < SHIRABE_SCHEMA_VERSION;
  sqlite3_finalize (version);
  expected = expected_objects (older);

  if (expected == NULL ||
      sqlite3_prepare_v2 (db, "SELECT type, name, sql FROM sqlite_schema"
                              " WHERE name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY type, name",
                          -1, &stmt, NULL) != SQLITE_OK)
    {
      sqlite3_finalize (stmt);
      return NULL;
    }
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *type = (const char *) sqlite3_column_text (stmt, 0);
      const char *name = (const char *) sqlite3_column_text (stmt, 1);
      SchemaObject *object = g_hash_table_lookup (expected, name);
      gboolean code_like = g_strcmp0 (type, "trigger") == 0 || g_strcmp0 (type, "view") == 0;

      if (object == NULL || g_strcmp0 (object->type, type) != 0)
        g_ptr_array_add (foreign, g_strdup_printf ("%s “%s”", type, name));
      else if (code_like)
        {
          g_autofree char *sql = normalize_sql ((const char *) sqlite3_column_text (stmt, 2));

          if (g_strcmp0 (sql, object->sql) != 0)
            g_ptr_array_add (foreign, g_strdup_printf ("%s “%s”", type, name));
        }
    }
  sqlite3_finalize (stmt);
  if (foreign->len == 0)
    return NULL;
  return g_steal_pointer (&foreign);
}

/* The statement that removes @description's object ("trigger “x”"), or NULL. */
char *
shirabe_schema_drop_sql (const char *description)
{
  const char *open = strstr (description, "“");
  const char *close = open != NULL ? strstr (open, "”") : NULL;
  g_autofree char *type = NULL;
  g_autofree char *name = NULL;
  char *quoted;
  char *sql;

  if (open == NULL || close == NULL)
    return NULL;
  type = g_ascii_strup (description, open - description - 1);
  name = g_strndup (open + strlen ("“"), close - open - strlen ("“"));
  quoted = sqlite3_mprintf ("DROP %s IF EXISTS \"%w\"", type, name);
  sql = g_strdup (quoted);
  sqlite3_free (quoted);
  return sql;
}
