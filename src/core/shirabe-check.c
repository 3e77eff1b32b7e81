/* shirabe-check.c: the integrity check of a project file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "shirabe-i18n.h"

#include <string.h>

#include "shirabe-attribute.h"
#include "shirabe-check.h"
#include "shirabe-project-private.h"

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

gboolean
shirabe_project_check (ShirabeProject  *project,
                       GStrv           *problems_out,
                       GError         **error)
{
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);

  g_return_val_if_fail (SHIRABE_IS_PROJECT (project), FALSE);
  g_return_val_if_fail (problems_out != NULL, FALSE);

  if (!for_each_row (project, "PRAGMA integrity_check", integrity_row, problems, error))
    return FALSE;
  /* Shirabe's own checks read tables the structure check found broken: stop there. */
  if (problems->len == 0)
    {
      if (!for_each_row (project, "PRAGMA foreign_key_check", foreign_key_row, problems, error) ||
          !for_each_row (project,
                         "SELECT g.id, g.start, g.end, n.length, n.title"
                         " FROM coding g JOIN narrative n ON n.id = g.narrative_id"
                         " WHERE g.start < 0 OR g.end <= g.start OR g.end > n.length"
                         " ORDER BY g.id",
                         coding_range_row, problems, error) ||
          !for_each_row (project,
                         "SELECT id, title, text, length, sha256 FROM narrative ORDER BY id",
                         narrative_text_row, problems, error) ||
          !for_each_row (project,
                         "SELECT coalesce (nullif (a.name_en, ''), a.name_ja), a.type,"
                         " typeof (v.value), v.value, a.choices"
                         " FROM attribute_value v JOIN attribute a ON a.id = v.attribute_id"
                         " ORDER BY v.id",
                         attribute_value_row, problems, error))
        return FALSE;

      /* FTS5's own check is written as an INSERT: it needs a writable file, and changes
       * nothing. */
      if (!shirabe_project_get_read_only (project))
        {
          int rc = sqlite3_exec (shirabe_project_get_db (project),
                                 "INSERT INTO narrative_fts (narrative_fts) VALUES"
                                 " ('integrity-check')",
                                 NULL, NULL, NULL);
          if (rc != SQLITE_OK)
            g_ptr_array_add (problems,
                             g_strdup_printf (_("The full-text search index is out of step "
                                                "with the narratives (%s)"),
                                              sqlite3_errmsg (shirabe_project_get_db (project))));
        }
    }

  g_ptr_array_add (problems, NULL);
  *problems_out = (GStrv) g_ptr_array_free (g_steal_pointer (&problems), FALSE);
  return TRUE;
}
