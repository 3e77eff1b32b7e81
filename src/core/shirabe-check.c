/* shirabe-check.c: the integrity check of a project file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "shirabe-i18n.h"

#include <string.h>

#include "shirabe-attribute.h"
#include "shirabe-check.h"
#include "shirabe-project-private.h"
#include "shirabe-schema-private.h"

typedef gboolean (*RowFunc) (sqlite3_stmt *stmt,
                             GPtrArray    *problems);

/* Steps through @sql, letting @func turn each row into problems. */
static gboolean
for_each_row (ShirabeProject  *project,
              const char      *sql,
              RowFunc          func,
              GPtrArray       *problems,
              GError         **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = shirabe_project_prepare (project, sql, error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    func (stmt, problems);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return shirabe_project_set_sqlite_error (project, rc, error);
  return TRUE;
}

static gboolean
integrity_row (sqlite3_stmt *stmt,
               GPtrArray    *problems)
{
  const char *message = (const char *) sqlite3_column_text (stmt, 0);

  if (g_strcmp0 (message, "ok") != 0)
    g_ptr_array_add (problems, g_strdup_printf (_("Database structure: %s"), message));
  return TRUE;
}

static gboolean
foreign_key_row (sqlite3_stmt *stmt,
                 GPtrArray    *problems)
{
  g_ptr_array_add (problems,
                   g_strdup_printf (_("Row %lld of table “%s” refers to a missing row of “%s”"),
                                    (long long) sqlite3_column_int64 (stmt, 1),
                                    sqlite3_column_text (stmt, 0),
                                    sqlite3_column_text (stmt, 2)));
  return TRUE;
}

static gboolean
coding_range_row (sqlite3_stmt *stmt,
                  GPtrArray    *problems)
{
  g_ptr_array_add (problems,
                   g_strdup_printf (_("Coding %lld (%lld–%lld) lies outside the narrative “%s”, "
                                      "which has %lld characters"),
                                    (long long) sqlite3_column_int64 (stmt, 0),
                                    (long long) sqlite3_column_int64 (stmt, 1),
                                    (long long) sqlite3_column_int64 (stmt, 2),
                                    sqlite3_column_text (stmt, 4),
                                    (long long) sqlite3_column_int64 (stmt, 3)));
  return TRUE;
}

static gboolean
narrative_text_row (sqlite3_stmt *stmt,
                    GPtrArray    *problems)
{
  const char *text = (const char *) sqlite3_column_text (stmt, 2);
  gsize n_bytes = sqlite3_column_bytes (stmt, 2);
  const char *title = (const char *) sqlite3_column_text (stmt, 1);
  const char *sha256 = (const char *) sqlite3_column_text (stmt, 4);
  g_autofree char *actual = NULL;

  if (text == NULL || !g_utf8_validate_len (text, n_bytes, NULL))
    {
      g_ptr_array_add (problems,
                       g_strdup_printf (_("The text of narrative “%s” is not valid UTF-8"), title));
      return TRUE;
    }
  if (g_utf8_strlen (text, n_bytes) != sqlite3_column_int64 (stmt, 3))
    g_ptr_array_add (problems,
                     g_strdup_printf (_("The stored length of narrative “%s” does not match its "
                                        "text"),
                                      title));
  actual = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) text, n_bytes);
  if (g_strcmp0 (actual, sha256) != 0)
    g_ptr_array_add (problems,
                     g_strdup_printf (_("The text of narrative “%s” changed since it was imported "
                                        "(its SHA-256 differs)"),
                                      title));
  return TRUE;
}

static gboolean
attribute_value_row (sqlite3_stmt *stmt,
                     GPtrArray    *problems)
{
  ShirabeAttributeType type;
  const char *type_name = (const char *) sqlite3_column_text (stmt, 1);
  const char *storage = (const char *) sqlite3_column_text (stmt, 2);
  const char *value = (const char *) sqlite3_column_text (stmt, 3);
  const char *choices = (const char *) sqlite3_column_text (stmt, 4);
  gboolean ok = TRUE;

  if (!shirabe_attribute_type_from_string (type_name, &type))
    ok = FALSE;
  else if (g_strcmp0 (storage, "null") == 0)
    ok = TRUE;
  else
    switch (type)
      {
      case SHIRABE_ATTRIBUTE_INTEGER:
        ok = g_strcmp0 (storage, "integer") == 0;
        break;
      case SHIRABE_ATTRIBUTE_BOOLEAN:
        ok = g_strcmp0 (storage, "integer") == 0 &&
             (sqlite3_column_int64 (stmt, 3) == 0 || sqlite3_column_int64 (stmt, 3) == 1);
        break;
      case SHIRABE_ATTRIBUTE_NUMBER:
        ok = g_strcmp0 (storage, "real") == 0 || g_strcmp0 (storage, "integer") == 0;
        break;
      case SHIRABE_ATTRIBUTE_DATE:
        {
          g_autofree char *normalized = NULL;
          ok = g_strcmp0 (storage, "text") == 0 &&
               shirabe_attribute_parse_value (type, NULL, value, &normalized, NULL);
        }
        break;
      case SHIRABE_ATTRIBUTE_CHOICE:
        {
          g_auto(GStrv) list = g_strsplit (choices ? choices : "", "\n", -1);
          ok = g_strcmp0 (storage, "text") == 0 && g_strv_contains ((const char * const *) list,
                                                                     value);
        }
        break;
      case SHIRABE_ATTRIBUTE_TEXT:
      default:
        ok = g_strcmp0 (storage, "text") == 0;
        break;
      }

  if (!ok)
    g_ptr_array_add (problems,
                     g_strdup_printf (_("The value “%s” of attribute “%s” is not of its type "
                                        "(%s)"),
                                      value ? value : "", sqlite3_column_text (stmt, 0),
                                      type_name));
  return TRUE;
}

/* Since schema version 3 the index has no triggers: the core keeps it. */
static const char *const fts_objects[] = {
  "narrative_fts",
};

/* Whether the full-text index is there. */
static gboolean
fts_is_complete (sqlite3 *db)
{
  for (guint i = 0; i < G_N_ELEMENTS (fts_objects); i++)
    {
      sqlite3_stmt *stmt = NULL;
      gboolean found = FALSE;

      if (sqlite3_prepare_v2 (db, "SELECT 1 FROM sqlite_schema WHERE name = ?1", -1, &stmt,
                              NULL) == SQLITE_OK)
        {
          sqlite3_bind_text (stmt, 1, fts_objects[i], -1, SQLITE_STATIC);
          found = sqlite3_step (stmt) == SQLITE_ROW;
        }
      sqlite3_finalize (stmt);
      if (!found)
        return FALSE;
    }
  return TRUE;
}

static gboolean
fts_is_sound (sqlite3  *db,
              char    **message)
{
  sqlite3_stmt *stmt = NULL;
  gboolean ok = FALSE;
  int rc;

  /* Every narrative has its entry (FTS5's own check, before SQLite 3.44, does not look at
   * the content table)... */
  rc = sqlite3_prepare_v2 (db,
                           "SELECT (SELECT count(*) FROM narrative) ="
                           " (SELECT count(*) FROM narrative_fts_docsize)",
                           -1, &stmt, NULL);
  if (rc == SQLITE_OK && sqlite3_step (stmt) == SQLITE_ROW)
    ok = sqlite3_column_int (stmt, 0) != 0;
  else
    *message = g_strdup (sqlite3_errmsg (db));
  sqlite3_finalize (stmt);
  if (!ok)
    {
      if (*message == NULL)
        *message = g_strdup ("narratives without an entry");
      return FALSE;
    }

  /* ...and the index is sound inside and agrees with the text. FTS5's check is written as an INSERT, and changes
   * nothing: on a connection that can write it runs even when the project was opened
   * read-only (query_only lifted for it). */
  if (sqlite3_db_readonly (db, "main") == 0)
    {
      int query_only = 0;

      if (sqlite3_prepare_v2 (db, "PRAGMA query_only", -1, &stmt, NULL) == SQLITE_OK &&
          sqlite3_step (stmt) == SQLITE_ROW)
        query_only = sqlite3_column_int (stmt, 0);
      sqlite3_finalize (stmt);
      sqlite3_exec (db, "PRAGMA query_only = 0", NULL, NULL, NULL);
      /* With a rank of 1, FTS5 also reads each narrative and compares it with its entries:
       * an index out of step with the text, its size unchanged, is found too. */
      rc = sqlite3_exec (db, "INSERT INTO narrative_fts (narrative_fts, rank)"
                             " VALUES ('integrity-check', 1)",
                         NULL, NULL, NULL);
      if (rc != SQLITE_OK)
        *message = g_strdup (sqlite3_errmsg (db));
      if (query_only)
        sqlite3_exec (db, "PRAGMA query_only = 1", NULL, NULL, NULL);
      return rc == SQLITE_OK;
    }
  return TRUE;
}

static void
check_fts (ShirabeProject *project,
           GPtrArray      *problems)
{
  sqlite3 *db = shirabe_project_get_db (project);
  g_autofree char *message = NULL;

  if (!fts_is_complete (db))
    g_ptr_array_add (problems,
                     g_strdup (_("The full-text search index is missing (search cannot find "
                                 "anything); shirabe-cli check --repair rebuilds it")));
  else if (!fts_is_sound (db, &message))
    g_ptr_array_add (problems,
                     g_strdup_printf (_("The full-text search index is out of step with the "
                                        "narratives (%s); shirabe-cli check --repair rebuilds "
                                        "it"),
                                      message != NULL ? message : ""));
}

/* Rebuilds the full-text index from the narratives, recreating it (and its triggers) when
 * missing. Not an undo step: a repair is undone with the backup copy. */
static gboolean
repair_fts (ShirabeProject  *project,
            gboolean        *repaired,
            GError         **error)
{
  sqlite3 *db = shirabe_project_get_db (project);
  g_autofree char *message = NULL;
  g_autofree char *sql = NULL;
  int rc;

  *repaired = FALSE;
  if (fts_is_complete (db) && fts_is_sound (db, &message))
    return TRUE;
  sql = g_strconcat ("SAVEPOINT repair_fts;"
                     "DROP TRIGGER IF EXISTS narrative_fts_insert;"
                     "DROP TRIGGER IF EXISTS narrative_fts_delete;"
                     "DROP TRIGGER IF EXISTS narrative_fts_update;"
                     "DROP TABLE IF EXISTS narrative_fts;"
                     /* Left behind when the index itself was dropped. */
                     "DROP TABLE IF EXISTS narrative_fts_data;"
                     "DROP TABLE IF EXISTS narrative_fts_idx;"
                     "DROP TABLE IF EXISTS narrative_fts_docsize;"
                     "DROP TABLE IF EXISTS narrative_fts_config;",
                     shirabe_schema_fts_sql (),
                     "INSERT INTO narrative_fts (narrative_fts) VALUES ('rebuild');"
                     "RELEASE repair_fts;",
                     NULL);
  rc = sqlite3_exec (db, sql, NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    {
      sqlite3_exec (db, "ROLLBACK TO repair_fts; RELEASE repair_fts;", NULL, NULL, NULL);
      return shirabe_project_set_sqlite_error (project, rc, error);
    }
  *repaired = TRUE;
  return TRUE;
}

/* Text columns that must hold UTF-8: names, labels, titles, memos (narrative texts have their
 * own check, with the checksum). */
static const struct
{
  const char *table;
  const char *columns[6];
} text_columns[] = {
  { "cases", { "name", "memo", NULL } },
  { "narrative", { "title", "memo", "language", "kind", NULL } },
  { "code", { "label_en", "label_ja", "description_en", "description_ja", "var_name", NULL } },
  { "coder", { "name", NULL } },
  { "coding", { "memo", NULL } },
  { "attribute", { "name_en", "name_ja", "var_name", "choices", NULL } },
};

static gboolean
check_utf8 (ShirabeProject  *project,
            GPtrArray       *problems,
            GError         **error)
{
  sqlite3 *db = shirabe_project_get_db (project);

  for (guint t = 0; t < G_N_ELEMENTS (text_columns); t++)
    for (guint c = 0; text_columns[t].columns[c] != NULL; c++)
      {
        g_autofree char *sql = g_strdup_printf ("SELECT id, %s FROM %s ORDER BY id",
                                                text_columns[t].columns[c],
                                                text_columns[t].table);
        sqlite3_stmt *stmt = NULL;
        int rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);

        /* A column of a later schema version may be missing: nothing to check there. */
        if (rc != SQLITE_OK)
          {
            sqlite3_finalize (stmt);
            continue;
          }
        while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
          {
            const char *text = (const char *) sqlite3_column_text (stmt, 1);

            if (text != NULL && !g_utf8_validate_len (text, sqlite3_column_bytes (stmt, 1), NULL))
              /* Translators: the first %s is a table, the second a column */
              g_ptr_array_add (problems,
                               g_strdup_printf (_("Row %lld of table “%s”: its %s is not valid "
                                                  "UTF-8"),
                                                (long long) sqlite3_column_int64 (stmt, 0),
                                                text_columns[t].table,
                                                text_columns[t].columns[c]));
          }
        sqlite3_finalize (stmt);
        if (rc != SQLITE_DONE)
          return shirabe_project_set_sqlite_error (project, rc, error);
      }
  return TRUE;
}

/* Codes that are their own ancestor, each loop reported once, naming its codes. */
static gboolean
check_code_loops (ShirabeProject  *project,
                  GPtrArray       *problems,
                  GError         **error)
{
  g_autoptr(GArray) loops = NULL;

  if (!shirabe_project_find_code_loops (project, &loops, error))
    return FALSE;
  for (guint i = 0; i < loops->len; i++)
    {
      g_autofree char *description = shirabe_project_describe_code_loop (
        project, g_array_index (loops, gint64, i));

      g_ptr_array_add (problems,
                       g_strdup_printf (_("The code tree has a loop: %s. These codes and their "
                                          "codings are missing from the codebook until it is "
                                          "repaired (shirabe-cli check --repair)."),
                                        description));
    }
  return TRUE;
}

/**
 * shirabe_project_find_code_loops:
 * @loops: (out) (transfer full): one code id (gint64) per loop of parents
 *
 * Returns: %FALSE with @error set when the tree could not be read
 */
gboolean
shirabe_project_find_code_loops (ShirabeProject  *project,
                                 GArray         **loops,
                                 GError         **error)
{
  g_autoptr(GHashTable) parent_of = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                                           g_free);
  g_autoptr(GHashTable) settled = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                                         NULL);
  g_autoptr(GArray) found = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt;
  GHashTableIter iter;
  gpointer key, value;
  int rc;

  stmt = shirabe_project_prepare (project, "SELECT id, coalesce (parent_id, 0) FROM code",
                                  error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_hash_table_insert (parent_of,
                         g_memdup2 (&(gint64) { sqlite3_column_int64 (stmt, 0) }, sizeof (gint64)),
                         g_memdup2 (&(gint64) { sqlite3_column_int64 (stmt, 1) }, sizeof (gint64)));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return shirabe_project_set_sqlite_error (project, rc, error);

  /* From each code walk up; a walk that meets itself found a loop (the code met is on it);
   * codes already walked (settled) end a walk. */
  g_hash_table_iter_init (&iter, parent_of);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      g_autoptr(GHashTable) path = g_hash_table_new (g_int64_hash, g_int64_equal);
      gint64 *current = key;
      GHashTableIter walked;
      gpointer id;

      while (current != NULL && !g_hash_table_contains (settled, current))
        {
          gpointer parent_key = NULL;
          gint64 *parent;

          if (g_hash_table_contains (path, current))
            {
              g_array_append_val (found, *current);
              break;
            }
          g_hash_table_add (path, current);
          parent = g_hash_table_lookup (parent_of, current);
          /* The parent's own key, which lives as long as the table. */
          if (parent == NULL || *parent == 0 ||
              !g_hash_table_lookup_extended (parent_of, parent, &parent_key, NULL))
            break;
          current = parent_key;
        }
      g_hash_table_iter_init (&walked, path);
      while (g_hash_table_iter_next (&walked, &id, NULL))
        g_hash_table_add (settled, g_memdup2 (id, sizeof (gint64)));
    }
  *loops = g_steal_pointer (&found);
  return TRUE;
}

/* "“A” → “B” → “A”": the loop through @code_id, with the codes' labels. */
char *
shirabe_project_describe_code_loop (ShirabeProject *project,
                                    gint64          code_id)
{
  GString *text = g_string_new (NULL);
  g_autofree char *first = NULL;
  sqlite3_stmt *stmt = shirabe_project_prepare (project,
                                                "SELECT coalesce (nullif (label_en, ''),"
                                                " label_ja), coalesce (parent_id, 0)"
                                                " FROM code WHERE id = ?1",
                                                NULL);
  gint64 current = code_id;

  for (guint steps = 0; stmt != NULL && steps < 64; steps++)
    {
      g_autofree char *label = NULL;

      sqlite3_bind_int64 (stmt, 1, current);
      if (sqlite3_step (stmt) != SQLITE_ROW)
        {
          sqlite3_reset (stmt);
          break;
        }
      label = g_strdup_printf ("“%s”", (const char *) sqlite3_column_text (stmt, 0));
      current = sqlite3_column_int64 (stmt, 1);
      sqlite3_reset (stmt);
      g_string_append_printf (text, "%s%s", steps > 0 ? " → " : "", label);
      if (first == NULL)
        first = g_strdup (label);
      if (current == code_id)
        {
          g_string_append_printf (text, " → %s", first);
          break;
        }
    }
  return g_string_free (text, FALSE);
}

/* Moves one code of every loop to the top level, as one undo step. */
static int
break_code_loops (ShirabeProject  *project,
                  GArray          *loops,
                  GError         **error)
{
  sqlite3_stmt *stmt;
  gboolean ok = TRUE;

  if (loops->len == 0)
    return 0;
  if (!shirabe_project_begin_edit (project, error))
    return -1;
  stmt = shirabe_project_prepare (project, "UPDATE code SET parent_id = NULL WHERE id = ?1",
                                  error);
  for (guint i = 0; ok && i < loops->len; i++)
    {
      ok = stmt != NULL;
      if (ok)
        {
          sqlite3_bind_int64 (stmt, 1, g_array_index (loops, gint64, i));
          ok = shirabe_project_step_done (project, stmt, error);
        }
    }
  if (!shirabe_project_end_edit (project, ok, _("Repair the code tree"), ok ? error : NULL) ||
      !ok)
    return -1;
  return loops->len;
}

/**
 * shirabe_project_repair:
 * @backup_path: (out) (optional): the copy of the project made first, %NULL when nothing
 *   needed repair
 * @repairs: (out) (transfer full): one translated line per repair made
 *
 * Repairs what shirabe_project_check() finds and can be repaired: a loop in the code tree
 * (one code of it moves to the top level) and a missing or damaged full-text index (rebuilt
 * from the narratives). First a snapshot of the whole project goes into its backup folder
 * (`NAME.backups/NAME.before-repair-DATE.shirabe`, see shirabe-backup.c).
 *
 * Returns: %TRUE when done (@repairs may be empty); %FALSE with @error set otherwise
 */
gboolean
shirabe_project_repair (ShirabeProject  *project,
                        char           **backup_path,
                        GStrv           *repairs,
                        GError         **error)
{
  g_autoptr(GPtrArray) done = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) loops = NULL;
  g_autofree char *backup = NULL;
  g_autofree char *message = NULL;
  g_autoptr(GPtrArray) foreign = NULL;
  sqlite3 *db;
  gboolean fts_repaired = FALSE;
  int n_loops;

  g_return_val_if_fail (SHIRABE_IS_PROJECT (project), FALSE);
  g_return_val_if_fail (repairs != NULL, FALSE);

  db = shirabe_project_get_db (project);
  if (!shirabe_project_find_code_loops (project, &loops, error))
    return FALSE;
  foreign = shirabe_schema_find_foreign (db);
  if (foreign != NULL || loops->len > 0 || !fts_is_complete (db) ||
      !fts_is_sound (db, &message))
    {
      g_auto(GStrv) removed = NULL;

      if (!shirabe_project_backup (project, "before-repair", &backup, error))
        return FALSE;
      /* First what Shirabe did not create: nothing of it may run during the repair. */
      if (!shirabe_project_remove_foreign (project, &removed, error))
        return FALSE;
      for (guint i = 0; removed[i] != NULL; i++)
        g_ptr_array_add (done, g_strdup_printf (_("Removed %s, which Shirabe did not create"),
                                                removed[i]));
      n_loops = break_code_loops (project, loops, error);
      if (n_loops < 0 || !repair_fts (project, &fts_repaired, error))
        return FALSE;
      if (n_loops > 0)
        g_ptr_array_add (done,
                         g_strdup_printf (ngettext ("Broke %d loop in the code tree: one code "
                                                    "of it is now at the top level",
                                                    "Broke %d loops in the code tree: one code "
                                                    "of each is now at the top level",
                                                    n_loops),
                                          n_loops));
      if (fts_repaired)
        g_ptr_array_add (done, g_strdup (_("Rebuilt the full-text search index from the "
                                           "narratives")));
    }
  g_ptr_array_add (done, NULL);
  *repairs = (GStrv) g_ptr_array_free (g_steal_pointer (&done), FALSE);
  if (backup_path != NULL)
    *backup_path = g_steal_pointer (&backup);
  return TRUE;
}

/* Where a long check is, for shirabe_project_check_full(): SQLite calls back every so many
 * steps of its work, which reports progress and stops the check when it is cancelled. */
typedef struct
{
  ShirabeCheckProgress  progress;
  gpointer              user_data;
  GCancellable         *cancellable;
  const char           *stage;
  guint                 stage_index;
  guint                 n_stages;
} Watch;

static int
on_sqlite_progress (void *data)
{
  Watch *watch = data;

  if (watch->progress != NULL)
    watch->progress (watch->stage, (double) watch->stage_index / watch->n_stages,
                     watch->user_data);
  return g_cancellable_is_cancelled (watch->cancellable) ? 1 : 0;
}

static void
enter_stage (Watch      *watch,
             const char *stage)
{
  watch->stage = stage;
  watch->stage_index++;
  if (watch->progress != NULL)
    watch->progress (stage, (double) (watch->stage_index - 1) / watch->n_stages,
                     watch->user_data);
}

gboolean
shirabe_project_check (ShirabeProject  *project,
                       GStrv           *problems_out,
                       GError         **error)
{
  return shirabe_project_check_full (project, NULL, NULL, NULL, problems_out, error);
}

static gboolean run_checks (ShirabeProject  *project,
                            Watch           *watch,
                            GPtrArray       *problems,
                            GError         **error);

gboolean
shirabe_project_check_full (ShirabeProject        *project,
                            ShirabeCheckProgress   progress,
                            gpointer               user_data,
                            GCancellable          *cancellable,
                            GStrv                 *problems_out,
                            GError               **error)
{
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) local_error = NULL;
  Watch watch = { progress, user_data, cancellable, NULL, 0, 8 };
  sqlite3 *db;
  gboolean ok;

  g_return_val_if_fail (SHIRABE_IS_PROJECT (project), FALSE);
  g_return_val_if_fail (problems_out != NULL, FALSE);

  db = shirabe_project_get_db (project);
  if (progress != NULL || cancellable != NULL)
    sqlite3_progress_handler (db, 200000, on_sqlite_progress, &watch);
  ok = run_checks (project, &watch, problems, &local_error);
  sqlite3_progress_handler (db, 0, NULL, NULL);
  if (!ok)
    {
      if (g_cancellable_is_cancelled (cancellable))
        g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                             _("The check was stopped before it ended; nothing was changed"));
      else
        g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (progress != NULL)
    progress (NULL, 1.0, user_data);
  g_ptr_array_add (problems, NULL);
  *problems_out = (GStrv) g_ptr_array_free (g_steal_pointer (&problems), FALSE);
  return TRUE;
}

static gboolean
run_checks (ShirabeProject  *project,
            Watch           *watch,
            GPtrArray       *problems,
            GError         **error)
{
  enter_stage (watch, _("the database structure"));
  if (!for_each_row (project, "PRAGMA integrity_check", integrity_row, problems, error))
    return FALSE;
  {
    g_autoptr(GPtrArray) foreign = shirabe_schema_find_foreign (shirabe_project_get_db (project));

    for (guint i = 0; foreign != NULL && i < foreign->len; i++)
      g_ptr_array_add (problems,
                       g_strdup_printf (_("The project holds an object Shirabe did not create, "
                                          "%s, which could change or delete data on an edit; "
                                          "shirabe-cli check --repair removes it"),
                                        (char *) g_ptr_array_index (foreign, i)));
  }
  /* Shirabe's own checks read tables the structure check found broken: stop there. */
  if (problems->len > 0)
    return TRUE;
  enter_stage (watch, _("the links between tables"));
  if (!for_each_row (project, "PRAGMA foreign_key_check", foreign_key_row, problems, error))
    return FALSE;
  enter_stage (watch, _("the codings’ places"));
  if (!for_each_row (project,
                     "SELECT g.id, g.start, g.end, n.length, n.title"
                     " FROM coding g JOIN narrative n ON n.id = g.narrative_id"
                     " WHERE g.start < 0 OR g.end <= g.start OR g.end > n.length"
                     " ORDER BY g.id",
                     coding_range_row, problems, error))
    return FALSE;
  enter_stage (watch, _("the narratives’ texts"));
  if (!for_each_row (project,
                     "SELECT id, title, text, length, sha256 FROM narrative ORDER BY id",
                     narrative_text_row, problems, error))
    return FALSE;
  enter_stage (watch, _("the attributes’ values"));
  if (!for_each_row (project,
                     "SELECT coalesce (nullif (a.name_en, ''), a.name_ja), a.type,"
                     " typeof (v.value), v.value, a.choices"
                     " FROM attribute_value v JOIN attribute a ON a.id = v.attribute_id"
                     " ORDER BY v.id",
                     attribute_value_row, problems, error))
    return FALSE;
  enter_stage (watch, _("the code tree"));
  if (!check_code_loops (project, problems, error))
    return FALSE;
  enter_stage (watch, _("the text of names and labels"));
  if (!check_utf8 (project, problems, error))
    return FALSE;
  enter_stage (watch, _("the full-text index"));
  check_fts (project, problems);
  if (g_cancellable_is_cancelled (watch->cancellable))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, "");
      return FALSE;
    }
  return TRUE;
}
