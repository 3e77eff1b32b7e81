/* shirabe-project-resolve.c: what a user names, and rows read from a project
 *
 * A case, narrative, code, coding, coder or attribute is named by its id, its UUID or its name
 * (on the command line above all): shirabe_project_resolve(), under each entity's own resolve
 * function, finds the one meant, or says that none or several answer to the name. The core's
 * other files read their rows through the helpers here (an id, one row, every row), which say
 * the same "there is no ... with id N" when a row is missing; and the text a user gives is
 * checked here (UTF-8, blank). None of it needs the project's fields: split from
 * shirabe-project.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "shirabe-i18n.h"

#include <string.h>

#include "shirabe-project-private.h"

gboolean
shirabe_check_utf8 (const char  *text,
                    GError     **error)
{
  g_autofree char *shown = NULL;

  if (text == NULL || g_utf8_validate (text, -1, NULL))
    return TRUE;
  shown = g_utf8_make_valid (text, -1);
  g_set_error (error, SHIRABE_ERROR, SHIRABE_ERROR_ENCODING,
               _("“%s” is not valid UTF-8 text (the bytes shown as � are not); nothing was "
                 "changed"),
               shown);
  return FALSE;
}

gint64
shirabe_project_query_id (ShirabeProject  *self,
                          sqlite3_stmt    *stmt,
                          GError         **error)
{
  gint64 id = 0;
  int rc = sqlite3_step (stmt);

  if (rc == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  else if (rc != SQLITE_DONE)
    shirabe_project_set_sqlite_error (self, rc, error);
  sqlite3_reset (stmt);
  return id;
}

void
shirabe_set_not_found (GError            **error,
                       ShirabeEntityKind   kind,
                       gint64              id)
{
  long long n = id;

  switch (kind)
    {
    case SHIRABE_ENTITY_CASE:
      g_set_error (error, SHIRABE_ERROR, SHIRABE_ERROR_NOT_FOUND,
                   _("There is no case with id %lld"), n);
      break;
    case SHIRABE_ENTITY_NARRATIVE:
      g_set_error (error, SHIRABE_ERROR, SHIRABE_ERROR_NOT_FOUND,
                   _("There is no narrative with id %lld"), n);
      break;
    case SHIRABE_ENTITY_CODE:
      g_set_error (error, SHIRABE_ERROR, SHIRABE_ERROR_NOT_FOUND,
                   _("There is no code with id %lld"), n);
      break;
    case SHIRABE_ENTITY_CODING:
      g_set_error (error, SHIRABE_ERROR, SHIRABE_ERROR_NOT_FOUND,
                   _("There is no coding with id %lld"), n);
      break;
    case SHIRABE_ENTITY_CODER:
      g_set_error (error, SHIRABE_ERROR, SHIRABE_ERROR_NOT_FOUND,
                   _("There is no coder with id %lld"), n);
      break;
    case SHIRABE_ENTITY_ATTRIBUTE:
    default:
      g_set_error (error, SHIRABE_ERROR, SHIRABE_ERROR_NOT_FOUND,
                   _("There is no attribute with id %lld"), n);
      break;
    }
}

static void
set_not_found_spec (GError            **error,
                    ShirabeEntityKind   kind,
                    const char         *spec)
{
  switch (kind)
    {
    case SHIRABE_ENTITY_CASE:
      g_set_error (error, SHIRABE_ERROR, SHIRABE_ERROR_NOT_FOUND,
                   _("No case “%s” in the project"), spec);
      break;
    case SHIRABE_ENTITY_NARRATIVE:
      g_set_error (error, SHIRABE_ERROR, SHIRABE_ERROR_NOT_FOUND,
                   _("No narrative “%s” in the project"), spec);
      break;
    case SHIRABE_ENTITY_CODE:
      g_set_error (error, SHIRABE_ERROR, SHIRABE_ERROR_NOT_FOUND,
                   _("No code “%s” in the project"), spec);
      break;
    case SHIRABE_ENTITY_CODING:
      g_set_error (error, SHIRABE_ERROR, SHIRABE_ERROR_NOT_FOUND,
                   _("No coding “%s” in the project"), spec);
      break;
    case SHIRABE_ENTITY_CODER:
      g_set_error (error, SHIRABE_ERROR, SHIRABE_ERROR_NOT_FOUND,
                   _("No coder “%s” in the project"), spec);
      break;
    case SHIRABE_ENTITY_ATTRIBUTE:
    default:
      g_set_error (error, SHIRABE_ERROR, SHIRABE_ERROR_NOT_FOUND,
                   _("No attribute “%s” in the project"), spec);
      break;
    }
}

static void
set_ambiguous (GError            **error,
               ShirabeEntityKind   kind,
               const char         *spec)
{
  switch (kind)
    {
    case SHIRABE_ENTITY_CASE:
      g_set_error (error, SHIRABE_ERROR, SHIRABE_ERROR_AMBIGUOUS,
                   _("Several cases are named “%s”; give the id or UUID instead"), spec);
      break;
    case SHIRABE_ENTITY_NARRATIVE:
      g_set_error (error, SHIRABE_ERROR, SHIRABE_ERROR_AMBIGUOUS,
                   _("Several narratives are titled “%s”; give the id or UUID instead"), spec);
      break;
    case SHIRABE_ENTITY_CODE:
      g_set_error (error, SHIRABE_ERROR, SHIRABE_ERROR_AMBIGUOUS,
                   _("Several codes are labelled “%s”; give the path (Parent/Child), the "
                     "variable name or the id instead"), spec);
      break;
    default:
      g_set_error (error, SHIRABE_ERROR, SHIRABE_ERROR_AMBIGUOUS,
                   _("“%s” matches several entries; give the id or UUID instead"), spec);
      break;
    }
}

static gboolean
looks_like_uuid (const char *spec)
{
  return g_uuid_string_is_valid (spec);
}

gint64
shirabe_project_resolve (ShirabeProject    *self,
                         ShirabeEntityKind  kind,
                         const char        *spec,
                         const char        *sql_by_id,
                         const char        *sql_by_uuid,
                         const char        *sql_by_name,
                         GError           **error)
{
  GError *local_error = NULL;
  sqlite3_stmt *stmt;
  gint64 id = 0;
  guint n_found = 0;
  int rc;

  g_return_val_if_fail (SHIRABE_IS_PROJECT (self), 0);

  if (spec == NULL || *spec == '\0')
    {
      set_not_found_spec (error, kind, "");
      return 0;
    }

  if (g_ascii_isdigit (*spec) && strspn (spec, "0123456789") == strlen (spec))
    {
      guint64 number = 0;

      if (g_ascii_string_to_unsigned (spec, 10, 1, G_MAXINT64, &number, NULL))
        {
          stmt = shirabe_project_prepare (self, sql_by_id, error);
          if (stmt == NULL)
            return 0;
          sqlite3_bind_int64 (stmt, 1, (gint64) number);
          id = shirabe_project_query_id (self, stmt, &local_error);
          if (local_error != NULL)
            {
              g_propagate_error (error, local_error);
              return 0;
            }
          if (id != 0)
            return id;
        }
    }

  if (looks_like_uuid (spec))
    {
      stmt = shirabe_project_prepare (self, sql_by_uuid, error);
      if (stmt == NULL)
        return 0;
      shirabe_bind_text (stmt, 1, spec);
      id = shirabe_project_query_id (self, stmt, &local_error);
      if (local_error != NULL)
        {
          g_propagate_error (error, local_error);
          return 0;
        }
      if (id != 0)
        return id;
    }

  stmt = shirabe_project_prepare (self, sql_by_name, error);
  if (stmt == NULL)
    return 0;
  shirabe_bind_text (stmt, 1, spec);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 found = sqlite3_column_int64 (stmt, 0);
      if (n_found == 0 || found != id)
        n_found++;
      id = found;
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      shirabe_project_set_sqlite_error (self, rc, error);
      return 0;
    }
  if (n_found == 0)
    {
      set_not_found_spec (error, kind, spec);
      return 0;
    }
  if (n_found > 1)
    {
      set_ambiguous (error, kind, spec);
      return 0;
    }
  return id;
}

gboolean
shirabe_str_is_blank (const char *text)
{
  if (text == NULL)
    return TRUE;
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    if (!g_unichar_isspace (g_utf8_get_char (p)))
      return FALSE;
  return TRUE;
}

GPtrArray *
shirabe_project_collect (ShirabeProject  *self,
                         sqlite3_stmt    *stmt,
                         ShirabeRowFunc   row_func,
                         GDestroyNotify   free_func,
                         GError         **error)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (free_func);
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (rows, row_func (stmt));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      shirabe_project_set_sqlite_error (self, rc, error);
      return NULL;
    }
  return g_steal_pointer (&rows);
}

gpointer
shirabe_project_fetch_one (ShirabeProject     *self,
                           sqlite3_stmt       *stmt,
                           ShirabeRowFunc      row_func,
                           ShirabeEntityKind   kind,
                           gint64              id,
                           GError            **error)
{
  gpointer row = NULL;
  int rc = sqlite3_step (stmt);

  if (rc == SQLITE_ROW)
    row = row_func (stmt);
  else if (rc == SQLITE_DONE)
    shirabe_set_not_found (error, kind, id);
  else
    shirabe_project_set_sqlite_error (self, rc, error);
  sqlite3_reset (stmt);
  return row;
}

gboolean
shirabe_project_row_exists (ShirabeProject     *self,
                            const char         *sql,
                            ShirabeEntityKind   kind,
                            gint64              id,
                            GError            **error)
{
  GError *local_error = NULL;
  sqlite3_stmt *stmt = shirabe_project_prepare (self, sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  if (shirabe_project_query_id (self, stmt, &local_error) == 0)
    {
      if (local_error != NULL)
        g_propagate_error (error, local_error);
      else
        shirabe_set_not_found (error, kind, id);
      return FALSE;
    }
  return TRUE;
}
