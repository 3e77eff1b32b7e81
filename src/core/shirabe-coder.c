/* shirabe-coder.c: the people who code
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "shirabe-i18n.h"

#include "shirabe-coder.h"
#include "shirabe-project-private.h"

G_DEFINE_BOXED_TYPE (ShirabeCoder, shirabe_coder, shirabe_coder_copy, shirabe_coder_free)

ShirabeCoder *
shirabe_coder_copy (const ShirabeCoder *self)
{
  ShirabeCoder *copy = g_memdup2 (self, sizeof *self);

  copy->uuid = g_strdup (self->uuid);
  copy->name = g_strdup (self->name);
  copy->created_at = g_strdup (self->created_at);
  return copy;
}

void
shirabe_coder_free (ShirabeCoder *self)
{
  if (self == NULL)
    return;
  g_free (self->uuid);
  g_free (self->name);
  g_free (self->created_at);
  g_free (self);
}

char *
shirabe_coder_dup_initials (const char *name)
{
  GString *initials;
  gboolean in_word = FALSE;
  guint n_words = 0;

  if (name == NULL)
    return NULL;
  while (g_unichar_isspace (g_utf8_get_char (name)))
    name = g_utf8_next_char (name);
  if (*name == '\0')
    return NULL;
  /* A name written in wide characters has no spaces to go by, and its first character already
   * says as much as two Latin letters. */
  if (g_unichar_iswide (g_utf8_get_char (name)))
    return g_utf8_substring (name, 0, 1);

  initials = g_string_new (NULL);
  for (const char *p = name; *p != '\0' && n_words < 2; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c))
        in_word = FALSE;
      else if (!in_word)
        {
          in_word = TRUE;
          n_words++;
          g_string_append_unichar (initials, g_unichar_toupper (c));
        }
    }
  return g_string_free (initials, FALSE);
}

static gboolean
check_name (const char  *name,
            GError     **error)
{
  if (shirabe_str_is_blank (name))
    {
      g_set_error_literal (error, SHIRABE_ERROR, SHIRABE_ERROR_INVALID,
                           _("A coder needs a name"));
      return FALSE;
    }
  return shirabe_check_utf8 (name, error);
}

/**
 * shirabe_project_ensure_coder:
 *
 * Returns: the id of the coder named @name, added when new; 0 with @error set
 */
gint64
shirabe_project_ensure_coder (ShirabeProject  *project,
                              const char      *name,
                              GError         **error)
{
  g_autofree char *uuid = NULL;
  g_autofree char *now = NULL;
  g_autofree char *label = NULL;
  GError *local_error = NULL;
  sqlite3_stmt *stmt;
  gint64 id;

  g_return_val_if_fail (SHIRABE_IS_PROJECT (project), 0);

  if (!check_name (name, error))
    return 0;
  stmt = shirabe_project_prepare (project, "SELECT id FROM coder WHERE name = ?1", error);
  if (stmt == NULL)
    return 0;
  shirabe_bind_text (stmt, 1, name);
  id = shirabe_project_query_id (project, stmt, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return 0;
    }
  if (id != 0)
    return id;

  if (!shirabe_project_begin_edit (project, error))
    return 0;
  uuid = g_uuid_string_random ();
  now = shirabe_now_iso8601 ();
  stmt = shirabe_project_prepare (project,
                                  "INSERT INTO coder (uuid, name, created_at) VALUES (?1, ?2, ?3)",
                                  error);
  if (stmt != NULL)
    {
      shirabe_bind_text (stmt, 1, uuid);
      shirabe_bind_text (stmt, 2, name);
      shirabe_bind_text (stmt, 3, now);
      if (shirabe_project_step_done (project, stmt, error))
        id = sqlite3_last_insert_rowid (shirabe_project_get_db (project));
    }
  label = g_strdup_printf (_("Add coder “%s”"), name);
  if (!shirabe_project_end_edit (project, id != 0, label, id != 0 ? error : NULL))
    return 0;
  return id;
}

gboolean
shirabe_project_rename_coder (ShirabeProject  *project,
                              gint64           coder_id,
                              const char      *name,
                              GError         **error)
{
  g_autofree char *label = NULL;
  sqlite3_stmt *stmt;
  gboolean ok = FALSE;

  g_return_val_if_fail (SHIRABE_IS_PROJECT (project), FALSE);

  if (!check_name (name, error) || !shirabe_project_begin_edit (project, error))
    return FALSE;
  stmt = shirabe_project_prepare (project, "UPDATE coder SET name = ?1 WHERE id = ?2", error);
  if (stmt != NULL)
    {
      int rc;

      shirabe_bind_text (stmt, 1, name);
      sqlite3_bind_int64 (stmt, 2, coder_id);
      rc = sqlite3_step (stmt);
      sqlite3_reset (stmt);
      if (rc == SQLITE_CONSTRAINT_UNIQUE)
        g_set_error (error, SHIRABE_ERROR, SHIRABE_ERROR_EXISTS,
                     _("There is already a coder named “%s”"), name);
      else if (rc != SQLITE_DONE)
        shirabe_project_set_sqlite_error (project, rc, error);
      else if (sqlite3_changes (shirabe_project_get_db (project)) == 0)
        shirabe_set_not_found (error, SHIRABE_ENTITY_CODER, coder_id);
      else
        ok = TRUE;
    }
  label = g_strdup_printf (_("Rename coder to “%s”"), name);
  return shirabe_project_end_edit (project, ok, label, ok ? error : NULL) && ok;
}

static GPtrArray *
list_coders (ShirabeProject  *project,
             gboolean         counted,
             GError         **error)
{
  g_autoptr(GPtrArray) coders = g_ptr_array_new_with_free_func ((GDestroyNotify) shirabe_coder_free);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (SHIRABE_IS_PROJECT (project), NULL);

  if (counted)
    stmt = shirabe_project_prepare (project,
                                    "SELECT c.id, c.uuid, c.name, c.created_at,"
                                    " (SELECT count(*) FROM coding g WHERE g.coder_id = c.id)"
                                    " FROM coder c ORDER BY c.name, c.id",
                                    error);
  else
    stmt = shirabe_project_prepare (project,
                                    "SELECT c.id, c.uuid, c.name, c.created_at, 0"
                                    " FROM coder c ORDER BY c.name, c.id",
                                    error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      ShirabeCoder *coder = g_new0 (ShirabeCoder, 1);

      coder->id = sqlite3_column_int64 (stmt, 0);
      coder->uuid = shirabe_column_dup_text (stmt, 1);
      coder->name = shirabe_column_dup_text (stmt, 2);
      coder->created_at = shirabe_column_dup_text (stmt, 3);
      coder->n_codings = sqlite3_column_int (stmt, 4);
      g_ptr_array_add (coders, coder);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      shirabe_project_set_sqlite_error (project, rc, error);
      return NULL;
    }
  return g_steal_pointer (&coders);
}

GPtrArray *
shirabe_project_list_coders (ShirabeProject  *project,
                             GError         **error)
{
  return list_coders (project, TRUE, error);
}

GPtrArray *
shirabe_project_list_coders_uncounted (ShirabeProject  *project,
                                       GError         **error)
{
  return list_coders (project, FALSE, error);
}

gint64
shirabe_project_find_coder (ShirabeProject  *project,
                            const char      *spec,
                            GError         **error)
{
  return shirabe_project_resolve (project, SHIRABE_ENTITY_CODER, spec,
                                  "SELECT id FROM coder WHERE id = ?1",
                                  "SELECT id FROM coder WHERE uuid = ?1",
                                  "SELECT id FROM coder WHERE name = ?1",
                                  error);
}
