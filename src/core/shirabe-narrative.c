/* shirabe-narrative.c: one text about a case
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "shirabe-i18n.h"

#include <string.h>

#include "shirabe-case.h"
#include "shirabe-narrative.h"
#include "shirabe-narrative-private.h"
#include "shirabe-project-private.h"

G_DEFINE_BOXED_TYPE (ShirabeNarrative, shirabe_narrative, shirabe_narrative_copy,
                     shirabe_narrative_free)

ShirabeNarrative *
shirabe_narrative_copy (const ShirabeNarrative *self)
{
  ShirabeNarrative *copy = g_memdup2 (self, sizeof *self);

  copy->uuid = g_strdup (self->uuid);
  copy->case_name = g_strdup (self->case_name);
  copy->title = g_strdup (self->title);
  copy->language = g_strdup (self->language);
  copy->kind = g_strdup (self->kind);
  copy->sha256 = g_strdup (self->sha256);
  copy->origin_file = g_strdup (self->origin_file);
  copy->origin_encoding = g_strdup (self->origin_encoding);
  copy->origin_sha256 = g_strdup (self->origin_sha256);
  copy->memo = g_strdup (self->memo);
  copy->created_at = g_strdup (self->created_at);
  return copy;
}

void
shirabe_narrative_free (ShirabeNarrative *self)
{
  if (self == NULL)
    return;
  g_free (self->uuid);
  g_free (self->case_name);
  g_free (self->title);
  g_free (self->language);
  g_free (self->kind);
  g_free (self->sha256);
  g_free (self->origin_file);
  g_free (self->origin_encoding);
  g_free (self->origin_sha256);
  g_free (self->memo);
  g_free (self->created_at);
  g_free (self);
}

static const char *const status_names[] = { "to-do", "in-progress", "done" };

const char *
shirabe_coding_status_to_string (ShirabeCodingStatus status)
{
  g_return_val_if_fail (status <= SHIRABE_STATUS_DONE, "to-do");
  return status_names[status];
}

gboolean
shirabe_coding_status_from_string (const char          *text,
                                   ShirabeCodingStatus *status)
{
  for (guint i = 0; i < G_N_ELEMENTS (status_names); i++)
    if (g_strcmp0 (text, status_names[i]) == 0)
      {
        *status = i;
        return TRUE;
      }
  return FALSE;
}

ShirabeNarrative *
shirabe_narrative_from_row (sqlite3_stmt *stmt)
{
  ShirabeNarrative *self = g_new0 (ShirabeNarrative, 1);

  self->id = sqlite3_column_int64 (stmt, 0);
  self->uuid = shirabe_column_dup_text (stmt, 1);
  self->case_id = sqlite3_column_int64 (stmt, 2);
  self->case_name = shirabe_column_dup_text (stmt, 3);
  self->title = shirabe_column_dup_text (stmt, 4);
  self->language = shirabe_column_dup_text (stmt, 5);
  self->kind = shirabe_column_dup_text (stmt, 6);
  self->length = sqlite3_column_int64 (stmt, 7);
  self->sha256 = shirabe_column_dup_text (stmt, 8);
  self->origin_file = shirabe_column_dup_text (stmt, 9);
  self->origin_encoding = shirabe_column_dup_text (stmt, 10);
  self->translation_of = sqlite3_column_int64 (stmt, 11);
  self->status = CLAMP (sqlite3_column_int (stmt, 12), 0, SHIRABE_STATUS_DONE);
  self->memo = shirabe_column_dup_text (stmt, 13);
  self->position = sqlite3_column_int (stmt, 14);
  self->created_at = shirabe_column_dup_text (stmt, 15);
  self->n_codings = sqlite3_column_int (stmt, 16);
  self->origin_sha256 = shirabe_column_dup_text (stmt, 17);
  return self;
}

static gboolean
narrative_exists (ShirabeProject  *project,
                 gint64           narrative_id,
                 GError         **error)
{
  return shirabe_project_row_exists (project, "SELECT id FROM narrative WHERE id = ?1", SHIRABE_ENTITY_NARRATIVE, narrative_id,
                                     error);
}

/* Stores a narrative, and indexes it when @index is TRUE. */
static gint64
add_narrative (ShirabeProject              *project,
               const ShirabeNarrativeSpec  *spec,
               const char                  *text_sha256,
               gint64                       text_length,
               gboolean                     index,
               GError                     **error)
{
  g_autofree char *uuid = NULL;
  g_autofree char *now = NULL;
  g_autofree char *sha256 = NULL;
  g_autofree char *label = NULL;
  sqlite3_stmt *stmt;
  gint64 id = 0;
  gsize n_bytes;

  g_return_val_if_fail (SHIRABE_IS_PROJECT (project), 0);
  g_return_val_if_fail (spec != NULL && spec->text != NULL, 0);

  if (shirabe_str_is_blank (spec->title))
    {
      g_set_error_literal (error, SHIRABE_ERROR, SHIRABE_ERROR_INVALID,
                           _("A narrative needs a title"));
      return 0;
    }
  if (!shirabe_check_utf8 (spec->title, error) || !shirabe_check_utf8 (spec->language, error) ||
      !shirabe_check_utf8 (spec->kind, error))
    return 0;
  n_bytes = strlen (spec->text);
  if (!g_utf8_validate_len (spec->text, n_bytes, NULL))
    {
      g_set_error (error, SHIRABE_ERROR, SHIRABE_ERROR_ENCODING,
                   _("The text of “%s” is not valid UTF-8"), spec->title);
      return 0;
    }

  if (!shirabe_project_begin_edit (project, error))
    return 0;

  uuid = g_uuid_string_random ();
  now = shirabe_now_iso8601 ();
  sha256 = text_sha256 != NULL
             ? g_strdup (text_sha256)
             : g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) spec->text,
                                            n_bytes);

  stmt = shirabe_project_prepare (project,
                                  "INSERT INTO narrative (uuid, case_id, title, language, kind,"
                                  " text, length, sha256, origin_file, origin_encoding,"
                                  " translation_of, position, created_at, origin_sha256)"
                                  " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11,"
                                  "  (SELECT coalesce (max (position) + 1, 0) FROM narrative"
                                  "   WHERE case_id = ?2), ?12, ?13)",
                                  error);
  if (stmt != NULL)
    {
      int rc;

      shirabe_bind_text (stmt, 1, uuid);
      sqlite3_bind_int64 (stmt, 2, spec->case_id);
      shirabe_bind_text (stmt, 3, spec->title);
      shirabe_bind_text (stmt, 4, spec->language ? spec->language : "");
      shirabe_bind_text (stmt, 5, spec->kind ? spec->kind : "");
      sqlite3_bind_text64 (stmt, 6, spec->text, n_bytes, SQLITE_STATIC, SQLITE_UTF8);
      sqlite3_bind_int64 (stmt, 7, text_length >= 0 ? text_length
                                                    : g_utf8_strlen (spec->text, n_bytes));
      shirabe_bind_text (stmt, 8, sha256);
      shirabe_bind_text (stmt, 9, spec->origin_file);
      shirabe_bind_text (stmt, 10, spec->origin_encoding);
      if (spec->translation_of > 0)
        sqlite3_bind_int64 (stmt, 11, spec->translation_of);
      shirabe_bind_text (stmt, 12, now);
      shirabe_bind_text (stmt, 13, spec->origin_sha256);
      rc = sqlite3_step (stmt);
      sqlite3_reset (stmt);
      /* The text was bound SQLITE_STATIC: drop the binding before the caller frees it. */
      sqlite3_clear_bindings (stmt);
      if (rc == SQLITE_DONE)
        {
          id = sqlite3_last_insert_rowid (shirabe_project_get_db (project));
          if (index && !shirabe_project_fts_index (project, id, error))
            id = 0;
        }
      else if (rc == SQLITE_CONSTRAINT_FOREIGNKEY)
        g_set_error (error, SHIRABE_ERROR, SHIRABE_ERROR_NOT_FOUND,
                     _("Cannot add “%s”: its case or original narrative does not exist"),
                     spec->title);
      else
        shirabe_project_set_sqlite_error (project, rc, error);
    }

  label = g_strdup_printf (_("Add narrative “%s”"), spec->title);
  if (!shirabe_project_end_edit (project, id != 0, label, id != 0 ? error : NULL))
    return 0;
  return id;
}

/**
 * shirabe_project_add_narrative:
 *
 * Stores a narrative. The text is stored exactly as given (it must already be NFC with LF line
 * ends, as shirabe_text_decode() makes it); its length in code points and SHA-256 are recorded.
 *
 * Returns: the new narrative's id, or 0 with @error set
 */
gint64
shirabe_project_add_narrative (ShirabeProject              *project,
                               const ShirabeNarrativeSpec  *spec,
                               GError                     **error)
{
  return add_narrative (project, spec, NULL, -1, TRUE, error);
}

gint64
shirabe_project_add_narrative_unindexed (ShirabeProject              *project,
                                         const ShirabeNarrativeSpec  *spec,
                                         const char                  *text_sha256,
                                         gint64                       text_length,
                                         GError                     **error)
{
  return add_narrative (project, spec, text_sha256, text_length, FALSE, error);
}

/* The full-text index is the core's to keep (schema version 3): these run inside an edit,
 * the entry forgotten before its narrative changes or goes (FTS5 needs the text it indexed),
 * and made again after. @column is "id" or "case_id". */
static gboolean
fts_run (ShirabeProject  *project,
         const char      *sql,
         gint64           id,
         GError         **error)
{
  sqlite3_stmt *stmt = shirabe_project_prepare (project, sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  return shirabe_project_step_done (project, stmt, error);
}

gboolean
shirabe_project_fts_forget (ShirabeProject  *project,
                            const char      *column,
                            gint64           id,
                            GError         **error)
{
  return fts_run (project,
                  g_str_equal (column, "case_id")
                  ? "INSERT INTO narrative_fts (narrative_fts, rowid, title, text)"
                    " SELECT 'delete', id, title, text FROM narrative WHERE case_id = ?1"
                  : "INSERT INTO narrative_fts (narrative_fts, rowid, title, text)"
                    " SELECT 'delete', id, title, text FROM narrative WHERE id = ?1",
                  id, error);
}

gboolean
shirabe_project_fts_index_between (ShirabeProject  *project,
                                   gint64           after_id,
                                   gint64           up_to_id,
                                   GError         **error)
{
  sqlite3_stmt *stmt = shirabe_project_prepare (project,
                                                "INSERT INTO narrative_fts (rowid, title, text)"
                                                " SELECT id, title, text FROM narrative"
                                                " WHERE id > ?1 AND id <= ?2 ORDER BY id",
                                                error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, after_id);
  sqlite3_bind_int64 (stmt, 2, up_to_id);
  return shirabe_project_step_done (project, stmt, error);
}

gboolean
shirabe_project_fts_index (ShirabeProject  *project,
                           gint64           narrative_id,
                           GError         **error)
{
  return fts_run (project,
                  "INSERT INTO narrative_fts (rowid, title, text)"
                  " SELECT id, title, text FROM narrative WHERE id = ?1",
                  narrative_id, error);
}

static gboolean
update_narrative (ShirabeProject  *project,
                  const char      *sql,
                  gint64           narrative_id,
                  const char      *text_value,
                  gint64           int_value,
                  gboolean         zero_is_null,
                  const char      *label,
                  GError         **error)
{
  sqlite3_stmt *stmt;
  gboolean ok = FALSE;

  if (!narrative_exists (project, narrative_id, error) ||
      !shirabe_project_begin_edit (project, error))
    return FALSE;
  stmt = shirabe_project_prepare (project, sql, error);
  if (stmt != NULL)
    {
      int rc;

      if (text_value != NULL)
        shirabe_bind_text (stmt, 1, text_value);
      else if (int_value == 0 && zero_is_null)
        sqlite3_bind_null (stmt, 1);
      else
        sqlite3_bind_int64 (stmt, 1, int_value);
      sqlite3_bind_int64 (stmt, 2, narrative_id);
      rc = sqlite3_step (stmt);
      sqlite3_reset (stmt);
      if (rc == SQLITE_DONE)
        ok = TRUE;
      else if (rc == SQLITE_CONSTRAINT_FOREIGNKEY)
        g_set_error_literal (error, SHIRABE_ERROR, SHIRABE_ERROR_NOT_FOUND,
                             _("The original narrative does not exist"));
      else
        shirabe_project_set_sqlite_error (project, rc, error);
    }
  return shirabe_project_end_edit (project, ok, label, ok ? error : NULL) && ok;
}

gboolean
shirabe_project_delete_narrative (ShirabeProject  *project,
                                  gint64           narrative_id,
                                  GError         **error)
{
  g_autoptr(ShirabeNarrative) narrative = NULL;
  g_autofree char *label = NULL;
  sqlite3_stmt *stmt;
  gboolean ok = FALSE;

  g_return_val_if_fail (SHIRABE_IS_PROJECT (project), FALSE);

  narrative = shirabe_project_get_narrative (project, narrative_id, error);
  if (narrative == NULL || !shirabe_project_begin_edit (project, error))
    return FALSE;
  stmt = shirabe_project_fts_forget (project, "id", narrative_id, error)
         ? shirabe_project_prepare (project, "DELETE FROM narrative WHERE id = ?1", error)
         : NULL;
  if (stmt != NULL)
    {
      sqlite3_bind_int64 (stmt, 1, narrative_id);
      ok = shirabe_project_step_done (project, stmt, error);
    }
  label = g_strdup_printf (_("Delete narrative “%s”"), narrative->title);
  return shirabe_project_end_edit (project, ok, label, ok ? error : NULL) && ok;
}

gboolean
shirabe_project_set_narrative_title (ShirabeProject  *project,
                                     gint64           narrative_id,
                                     const char      *title,
                                     GError         **error)
{
  g_autofree char *label = NULL;
  gboolean ok;

  g_return_val_if_fail (SHIRABE_IS_PROJECT (project), FALSE);

  if (!shirabe_check_utf8 (title, error))
    return FALSE;

  if (shirabe_str_is_blank (title))
    {
      g_set_error_literal (error, SHIRABE_ERROR, SHIRABE_ERROR_INVALID,
                           _("A narrative needs a title"));
      return FALSE;
    }
  label = g_strdup_printf (_("Rename narrative to “%s”"), title);
  /* The title is indexed: its entry is made again around the change. */
  if (!narrative_exists (project, narrative_id, error) ||
      !shirabe_project_begin_edit (project, error))
    return FALSE;
  ok = shirabe_project_fts_forget (project, "id", narrative_id, error) &&
       update_narrative (project, "UPDATE narrative SET title = ?1 WHERE id = ?2",
                         narrative_id, title, 0, FALSE, label, error) &&
       shirabe_project_fts_index (project, narrative_id, error);
  return shirabe_project_end_edit (project, ok, label, ok ? error : NULL) && ok;
}

gboolean
shirabe_project_set_narrative_status (ShirabeProject       *project,
                                      gint64                narrative_id,
                                      ShirabeCodingStatus   status,
                                      GError              **error)
{
  g_return_val_if_fail (SHIRABE_IS_PROJECT (project), FALSE);
  g_return_val_if_fail (status <= SHIRABE_STATUS_DONE, FALSE);

  return update_narrative (project, "UPDATE narrative SET status = ?1 WHERE id = ?2",
                           narrative_id, NULL, status, FALSE, _("Change coding status"), error);
}

gboolean
shirabe_project_set_narrative_memo (ShirabeProject  *project,
                                    gint64           narrative_id,
                                    const char      *memo,
                                    GError         **error)
{
  g_return_val_if_fail (SHIRABE_IS_PROJECT (project), FALSE);

  if (!shirabe_check_utf8 (memo, error))
    return FALSE;

  return update_narrative (project, "UPDATE narrative SET memo = ?1 WHERE id = ?2",
                           narrative_id, memo ? memo : "", 0, FALSE, _("Edit narrative memo"), error);
}

gboolean
shirabe_project_set_narrative_language (ShirabeProject  *project,
                                        gint64           narrative_id,
                                        const char      *language,
                                        GError         **error)
{
  g_return_val_if_fail (SHIRABE_IS_PROJECT (project), FALSE);

  return update_narrative (project, "UPDATE narrative SET language = ?1 WHERE id = ?2",
                           narrative_id, language ? language : "", 0, FALSE,
                           _("Change narrative language"), error);
}

gboolean
shirabe_project_set_narrative_kind (ShirabeProject  *project,
                                    gint64           narrative_id,
                                    const char      *kind,
                                    GError         **error)
{
  g_return_val_if_fail (SHIRABE_IS_PROJECT (project), FALSE);

  return update_narrative (project, "UPDATE narrative SET kind = ?1 WHERE id = ?2",
                           narrative_id, kind ? kind : "", 0, FALSE, _("Change narrative kind"),
                           error);
}

gboolean
shirabe_language_tag_is_valid (const char *tag)
{
  /* A primary subtag of 2 to 8 letters, then subtags of 1 to 8 letters or digits. */
  gsize length = 0;
  gboolean primary = TRUE;

  if (tag == NULL || *tag == '\0')
    return FALSE;
  for (const char *p = tag;; p++)
    {
      if (*p == '-' || *p == '\0')
        {
          if (length == 0 || length > 8 || (primary && length < 2))
            return FALSE;
          if (*p == '\0')
            return TRUE;
          primary = FALSE;
          length = 0;
        }
      else if (primary ? g_ascii_isalpha (*p) : g_ascii_isalnum (*p))
        length++;
      else
        return FALSE;
    }
}

gboolean
shirabe_project_set_narrative_details (ShirabeProject  *project,
                                       gint64           narrative_id,
                                       const char      *language,
                                       const char      *kind,
                                       gint64           translation_of,
                                       GError         **error)
{
  g_autoptr(ShirabeNarrative) narrative = NULL;
  gboolean ok;

  g_return_val_if_fail (SHIRABE_IS_PROJECT (project), FALSE);

  if (language != NULL && *language != '\0' && !shirabe_language_tag_is_valid (language))
    {
      g_set_error (error, SHIRABE_ERROR, SHIRABE_ERROR_INVALID,
                   _("“%s” is not a language tag: write it as BCP 47 does, as “ja”, “en”, "
                     "“th” or “pt-BR”"), language);
      return FALSE;
    }
  narrative = shirabe_project_get_narrative (project, narrative_id, error);
  if (narrative == NULL || !shirabe_project_begin_edit (project, error))
    return FALSE;
  ok = (g_strcmp0 (narrative->language, language ? language : "") == 0 ||
        shirabe_project_set_narrative_language (project, narrative_id, language, error)) &&
       (g_strcmp0 (narrative->kind, kind ? kind : "") == 0 ||
        shirabe_project_set_narrative_kind (project, narrative_id, kind, error)) &&
       (narrative->translation_of == translation_of ||
        shirabe_project_set_translation_of (project, narrative_id, translation_of, error));
  return shirabe_project_end_edit (project, ok, _("Change narrative details"),
                                   ok ? error : NULL) && ok;
}

/**
 * shirabe_project_set_translation_of:
 * @original_id: the narrative this one translates, or 0 for none
 */
gboolean
shirabe_project_set_translation_of (ShirabeProject  *project,
                                    gint64           narrative_id,
                                    gint64           original_id,
                                    GError         **error)
{
  g_return_val_if_fail (SHIRABE_IS_PROJECT (project), FALSE);

  if (original_id == narrative_id)
    {
      g_set_error_literal (error, SHIRABE_ERROR, SHIRABE_ERROR_INVALID,
                           _("A narrative cannot be a translation of itself"));
      return FALSE;
    }
  /* Nor of its own translation, however far down: translations form a tree. */
  for (gint64 current = original_id, steps = 0; current != 0 && steps < 1000; steps++)
    {
      g_autoptr(ShirabeNarrative) above = shirabe_project_get_narrative (project, current, error);

      if (above == NULL)
        return FALSE;
      if (above->translation_of == narrative_id)
        {
          g_autoptr(ShirabeNarrative) self = shirabe_project_get_narrative (project, narrative_id,
                                                                           error);

          if (self == NULL)
            return FALSE;
          g_set_error (error, SHIRABE_ERROR, SHIRABE_ERROR_INVALID,
                       _("“%s” is already a translation of “%s”: they cannot be each other’s "
                         "translations"),
                       above->title, self->title);
          return FALSE;
        }
      current = above->translation_of;
    }
  return update_narrative (project, "UPDATE narrative SET translation_of = ?1 WHERE id = ?2",
                           narrative_id, NULL, original_id, TRUE, _("Link translation"), error);
}

/**
 * shirabe_project_move_narrative:
 *
 * Moves a narrative, with its codings and attribute values, to the end of another case's
 * narratives: one undo step.
 */
gboolean
shirabe_project_move_narrative (ShirabeProject  *project,
                                gint64           narrative_id,
                                gint64           case_id,
                                GError         **error)
{
  g_autoptr(ShirabeNarrative) narrative = NULL;
  g_autoptr(ShirabeCase) target = NULL;
  g_autofree char *label = NULL;
  sqlite3_stmt *stmt;
  gboolean ok = FALSE;

  g_return_val_if_fail (SHIRABE_IS_PROJECT (project), FALSE);

  narrative = shirabe_project_get_narrative (project, narrative_id, error);
  if (narrative == NULL || (target = shirabe_project_get_case (project, case_id, error)) == NULL)
    return FALSE;
  if (narrative->case_id == case_id)
    return TRUE;
  if (!shirabe_project_begin_edit (project, error))
    return FALSE;
  stmt = shirabe_project_prepare (project,
                                  "UPDATE narrative SET case_id = ?1, position ="
                                  " (SELECT coalesce (max (position) + 1, 0) FROM narrative"
                                  "  WHERE case_id = ?1) WHERE id = ?2",
                                  error);
  if (stmt != NULL)
    {
      sqlite3_bind_int64 (stmt, 1, case_id);
      sqlite3_bind_int64 (stmt, 2, narrative_id);
      ok = shirabe_project_step_done (project, stmt, error);
    }
  label = g_strdup_printf (_("Move “%s” to “%s”"), narrative->title, target->name);
  return shirabe_project_end_edit (project, ok, label, ok ? error : NULL) && ok;
}

ShirabeNarrative *
shirabe_project_get_narrative (ShirabeProject  *project,
                               gint64           narrative_id,
                               GError         **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (SHIRABE_IS_PROJECT (project), NULL);

  stmt = shirabe_project_prepare (project,
                                  "SELECT " SHIRABE_NARRATIVE_COLUMNS " FROM narrative n"
                                  " JOIN cases c ON c.id = n.case_id WHERE n.id = ?1",
                                  error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, narrative_id);
  return shirabe_project_fetch_one (project, stmt, (ShirabeRowFunc) shirabe_narrative_from_row, SHIRABE_ENTITY_NARRATIVE,
                                    narrative_id, error);
}

char *
shirabe_project_dup_narrative_text (ShirabeProject  *project,
                                    gint64           narrative_id,
                                    GError         **error)
{
  sqlite3_stmt *stmt;
  char *text = NULL;
  int rc;

  g_return_val_if_fail (SHIRABE_IS_PROJECT (project), NULL);

  stmt = shirabe_project_prepare (project, "SELECT text FROM narrative WHERE id = ?1", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, narrative_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    text = g_strndup ((const char *) sqlite3_column_text (stmt, 0), sqlite3_column_bytes (stmt, 0));
  else if (rc == SQLITE_DONE)
    shirabe_set_not_found (error, SHIRABE_ENTITY_NARRATIVE, narrative_id);
  else
    shirabe_project_set_sqlite_error (project, rc, error);
  sqlite3_reset (stmt);
  return text;
}

GPtrArray *
shirabe_project_list_narratives (ShirabeProject  *project,
                                 gint64           case_id,
                                 GError         **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (SHIRABE_IS_PROJECT (project), NULL);

  stmt = shirabe_project_prepare (project,
                                  "SELECT " SHIRABE_NARRATIVE_COLUMNS " FROM narrative n"
                                  " JOIN cases c ON c.id = n.case_id"
                                  " WHERE ?1 = 0 OR n.case_id = ?1"
                                  " ORDER BY c.position, c.id, n.position, n.id",
                                  error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, case_id);
  return shirabe_project_collect (project, stmt, (ShirabeRowFunc) shirabe_narrative_from_row,
                                  (GDestroyNotify) shirabe_narrative_free, error);
}

gint64
shirabe_project_find_narrative (ShirabeProject  *project,
                                const char      *spec,
                                GError         **error)
{
  return shirabe_project_resolve (project, SHIRABE_ENTITY_NARRATIVE, spec,
                                  "SELECT id FROM narrative WHERE id = ?1",
                                  "SELECT id FROM narrative WHERE uuid = ?1",
                                  "SELECT id FROM narrative WHERE title = ?1 LIMIT 2",
                                  error);
}
