/* shirabe-coder-copy.c: coders' copies of a project, and merging them back
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A copy is the whole project (VACUUM INTO) with the same project UUID, a few project_meta
 * keys that say for whom it was made and what it carried, and, when blind or without codings,
 * the codings it must not show erased from the file (secure_delete), so that a blind coder
 * cannot find the others' work in its free pages.
 *
 * Merging attaches every copy to the project's connection and brings the copies' rows in by
 * UUID with set-based statements: the codings of a copy are one INSERT … SELECT, so five copies
 * of 100,000 codings each merge in seconds, and the project's undo session records the whole
 * merge as one step. Only what needs a decision is looked at row by row: codes new in a copy,
 * values that differ, codings that differ or are gone.
 *
 * What a copy removed is known for its codings: the copy records the project's highest coding
 * id and the moment it was made, so a project coding at or below that id, made before then,
 * of the kind the copy carried, and missing from the copy was deleted in it. A changeset file
 * (SQLite's session extension) instead of the whole copy was considered and not done: the
 * history's changesets live only while the app runs, a copy would have to record every edit in
 * a table the schema check would then have to trust, and the whole copy is what lets the merge
 * check the narratives' text (sha256) and every UUID against the project.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <glib/gstdio.h>

#include "shirabe-coder-copy.h"
#include "shirabe-backup.h"

#include "shirabe-code.h"
#include "shirabe-coder.h"
#include "shirabe-error.h"
#include "shirabe-i18n.h"
#include "shirabe-output.h"
#include "shirabe-project-private.h"
#include "shirabe-pseudonymise.h"

#define MAX_COPIES 10

/* Copies */

static gboolean
exec_sql (sqlite3     *db,
          const char  *sql,
          GError     **error)
{
  char *message = NULL;

  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    {
      g_set_error (error, SHIRABE_ERROR, SHIRABE_ERROR_FAILED, "%s",
                   message != NULL ? message : sqlite3_errmsg (db));
      sqlite3_free (message);
      return FALSE;
    }
  return TRUE;
}

static gint64
query_int64 (sqlite3    *db,
             const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 value = 0;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

static gboolean
adjust_copy (ShirabeProject   *copy,
             const char       *coder_name,
             ShirabeCopyFlags  flags,
             gint64            max_coding_id,
             GError          **error)
{
  g_autofree char *now = shirabe_now_iso8601 ();
  g_autofree char *max_text = g_strdup_printf ("%" G_GINT64_FORMAT, max_coding_id);
  g_autofree char *coder_uuid = NULL;
  sqlite3 *db = shirabe_project_get_db (copy);
  sqlite3_stmt *stmt;
  gint64 coder_id;
  gboolean ok;

  if (!exec_sql (db, "PRAGMA secure_delete = ON", error) ||
      !shirabe_project_begin_edit (copy, error))
    return FALSE;
  coder_id = shirabe_project_ensure_coder (copy, coder_name, error);
  ok = coder_id != 0;
  if (ok && (flags & SHIRABE_COPY_WITHOUT_CODINGS))
    ok = exec_sql (db, "DELETE FROM coding", error);
  else if (ok && (flags & SHIRABE_COPY_BLIND))
    {
      stmt = shirabe_project_prepare (copy, "DELETE FROM coding WHERE coder_id <> ?1", error);
      ok = stmt != NULL;
      if (ok)
        {
          sqlite3_bind_int64 (stmt, 1, coder_id);
          ok = shirabe_project_step_done (copy, stmt, error);
        }
    }
  if (ok)
    {
      stmt = shirabe_project_prepare (copy, "SELECT uuid FROM coder WHERE id = ?1", error);
      ok = stmt != NULL;
      if (ok)
        {
          sqlite3_bind_int64 (stmt, 1, coder_id);
          if (sqlite3_step (stmt) == SQLITE_ROW)
            coder_uuid = shirabe_column_dup_text (stmt, 0);
          sqlite3_reset (stmt);
        }
    }
  ok = ok && coder_uuid != NULL &&
       shirabe_project_set_meta (copy, "copy.coder", coder_uuid, error) &&
       shirabe_project_set_meta (copy, "copy.blind",
                                 (flags & SHIRABE_COPY_BLIND) ? "1" : "0", error) &&
       shirabe_project_set_meta (copy, "copy.codings",
                                 (flags & SHIRABE_COPY_WITHOUT_CODINGS) ? "none"
                                 : (flags & SHIRABE_COPY_BLIND) ? "coder" : "all", error) &&
       shirabe_project_set_meta (copy, "copy.max_coding_id", max_text, error) &&
       shirabe_project_set_meta (copy, "copy.made_at", now, error);
  return shirabe_project_end_edit (copy, ok, _("Make a Coder’s Copy"), ok ? error : NULL) && ok;
}

gboolean
shirabe_project_copy_for_coder (ShirabeProject    *project,
                                const char        *path,
                                const char        *coder_name,
                                ShirabeCopyFlags   flags,
                                GError           **error)
{
  g_autofree char *dir = NULL, *base = NULL, *tmp_path = NULL, *display = NULL;
  g_autoptr (ShirabeProject) copy = NULL;
  gint64 max_coding_id;
  int fd, rc;

  g_return_val_if_fail (SHIRABE_IS_PROJECT (project), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (!shirabe_check_utf8 (coder_name, error))
    return FALSE;
  if (shirabe_str_is_blank (coder_name))
    {
      g_set_error_literal (error, SHIRABE_ERROR, SHIRABE_ERROR_INVALID,
                           _("A coder’s copy needs the coder’s name"));
      return FALSE;
    }
  if (!shirabe_output_check_target (path, SHIRABE_OUTPUT_PROJECT, SHIRABE_OUTPUT_DEFAULT, error))
    return FALSE;
  if (flags & SHIRABE_COPY_PSEUDONYMISE)
    {
      g_autofree char *folder = NULL;
      ShirabeProject *pseudonymised = shirabe_project_open_pseudonymised (project, &folder,
                                                                          error);
      gboolean ok;

      if (pseudonymised == NULL)
        return FALSE;
      ok = shirabe_project_copy_for_coder (pseudonymised, path, coder_name,
                                           flags & ~SHIRABE_COPY_PSEUDONYMISE, error);
      shirabe_pseudonymised_discard (pseudonymised, folder);
      return ok;
    }

  display = g_filename_display_name (path);
  dir = g_path_get_dirname (path);
  base = g_path_get_basename (path);
  {
    g_autofree char *tmp_name = g_strdup_printf (".%s.XXXXXX", base);

    tmp_path = g_build_filename (dir, tmp_name, NULL);
  }
  fd = g_mkstemp_full (tmp_path, O_RDWR | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      int saved_errno = errno;

      g_set_error (error, SHIRABE_ERROR, SHIRABE_ERROR_FAILED,
                   _("Cannot write the coder’s copy “%s”: %s"), display,
                   g_strerror (saved_errno));
      return FALSE;
    }
  close (fd);

  max_coding_id = query_int64 (shirabe_project_get_db (project),
                               "SELECT coalesce (max (id), 0) FROM coding");
  rc = shirabe_project_vacuum_into (project, tmp_path);
  if (rc != SQLITE_DONE)
    {
      g_set_error (error, SHIRABE_ERROR, rc == SQLITE_FULL ? SHIRABE_ERROR_FULL
                                                           : SHIRABE_ERROR_FAILED,
                   _("Cannot write the coder’s copy “%s”: %s"), display,
                   sqlite3_errmsg (shirabe_project_get_db (project)));
      shirabe_project_remove_unfinished (tmp_path);
      return FALSE;
    }
  copy = shirabe_project_open (tmp_path, SHIRABE_PROJECT_NO_HISTORY, error);
  if (copy == NULL ||
      !adjust_copy (copy, coder_name, flags, max_coding_id, error) ||
      !shirabe_project_close (copy, error))
    {
      if (copy != NULL)
        shirabe_project_close (copy, NULL);
      shirabe_project_remove_unfinished (tmp_path);
      return FALSE;
    }
  if (!shirabe_sync_path (tmp_path, 0) ||
      !shirabe_output_check_target (path, SHIRABE_OUTPUT_PROJECT, SHIRABE_OUTPUT_DEFAULT,
                                    error) ||
      !shirabe_output_publish (tmp_path, path, error))
    {
      if (error != NULL && *error == NULL)
        g_set_error (error, SHIRABE_ERROR, SHIRABE_ERROR_FAILED,
                     _("Cannot write the coder’s copy “%s”: %s"), display, g_strerror (errno));
      shirabe_project_remove_unfinished (tmp_path);
      return FALSE;
    }
  shirabe_sync_path (dir, O_DIRECTORY);
  return TRUE;
}

gint64
shirabe_project_get_copy_coder (ShirabeProject *project)
{
  g_autofree char *uuid = NULL;
  sqlite3_stmt *stmt;
  gint64 id = 0;

  g_return_val_if_fail (SHIRABE_IS_PROJECT (project), 0);

  uuid = shirabe_project_dup_meta (project, "copy.coder");
  if (uuid == NULL)
    return 0;
  stmt = shirabe_project_prepare (project, "SELECT id FROM coder WHERE uuid = ?1", NULL);
  if (stmt == NULL)
    return 0;
  shirabe_bind_text (stmt, 1, uuid);
  id = shirabe_project_query_id (project, stmt, NULL);
  return id;
}

gboolean
shirabe_project_get_blind (ShirabeProject *project)
{
  g_autofree char *blind = NULL;

  g_return_val_if_fail (SHIRABE_IS_PROJECT (project), FALSE);

  blind = shirabe_project_dup_meta (project, "copy.blind");
  return g_strcmp0 (blind, "1") == 0 && shirabe_project_get_copy_coder (project) != 0;
}

/* Merging */

typedef struct
{
  char    *path;
  char    *schema;          /* "copy0"… */
  char    *coder_uuid;      /* NULL when not a coder's copy */
  char    *coder_name;
  char    *codings;         /* "all", "coder", "none", or NULL */
  gint64   max_coding_id;
  char    *made_at;
} CopyInfo;

typedef struct
{
  ShirabeProject     *project;
  sqlite3            *db;
  ShirabeMergeFlags   flags;
  ShirabeMergeReport *report;
  guint               index;
  CopyInfo           *info;
  ShirabeMergeCopy   *summary;
} Merge;

static void
copy_info_clear (CopyInfo *info)
{
  g_free (info->path);
  g_free (info->schema);
  g_free (info->coder_uuid);
  g_free (info->coder_name);
  g_free (info->codings);
  g_free (info->made_at);
}

void
shirabe_merge_report_free (ShirabeMergeReport *report)
{
  if (report == NULL)
    return;
  for (guint i = 0; i < report->copies->len; i++)
    {
      ShirabeMergeCopy *copy = &g_array_index (report->copies, ShirabeMergeCopy, i);

      g_free (copy->path);
      g_free (copy->coder_name);
    }
  for (guint i = 0; i < report->items->len; i++)
    {
      ShirabeMergeItem *item = &g_array_index (report->items, ShirabeMergeItem, i);

      g_free (item->uuid);
      g_free (item->message);
    }
  g_array_unref (report->copies);
  g_array_unref (report->items);
  g_free (report);
}

static void add_item (Merge *merge, ShirabeMergeAction action, const char *kind,
                      const char *uuid, const char *format, ...) G_GNUC_PRINTF (5, 6);

static void
add_item (Merge              *merge,
          ShirabeMergeAction  action,
          const char         *kind,
          const char         *uuid,
          const char         *format,
          ...)
{
  ShirabeMergeItem item;
  va_list args;

  item.copy = merge->index;
  item.action = action;
  item.kind = kind;
  item.uuid = g_strdup (uuid);
  va_start (args, format);
  item.message = g_strdup_vprintf (format, args);
  va_end (args);
  g_array_append_val (merge->report->items, item);
  if (action == SHIRABE_MERGE_KEPT)
    merge->summary->n_conflicts++;
  else if (action == SHIRABE_MERGE_UPDATED)
    merge->summary->n_values_set++;
  else if (action == SHIRABE_MERGE_SKIPPED)
    merge->summary->n_skipped++;
  else if (action == SHIRABE_MERGE_DELETION || action == SHIRABE_MERGE_DELETED)
    merge->summary->n_deletions++;
}

/* Prepares @sql with every "@" replaced by the copy's schema name (ours: "copy0"…, never the
 * user's text). */
static sqlite3_stmt *
prepare_copy (Merge       *merge,
              const char  *sql,
              GError     **error)
{
  g_auto (GStrv) parts = g_strsplit (sql, "@", -1);
  g_autofree char *text = g_strjoinv (merge->info->schema, parts);
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (merge->db, text, -1, &stmt, NULL) != SQLITE_OK)
    {
      g_set_error (error, SHIRABE_ERROR, SHIRABE_ERROR_FAILED, "%s", sqlite3_errmsg (merge->db));
      sqlite3_finalize (stmt);
      return NULL;
    }
  return stmt;
}

static gboolean
finish_rows (Merge         *merge,
             sqlite3_stmt  *stmt,
             int            rc,
             GError       **error)
{
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE && rc != SQLITE_OK)
    return shirabe_project_set_sqlite_error (merge->project, rc, error);
  return TRUE;
}

static gboolean
abandon_rows (sqlite3_stmt *stmt)
{
  sqlite3_finalize (stmt);
  return FALSE;
}

static gboolean
run_update (Merge       *merge,
            const char  *sql,
            gint64       id,
            GError     **error,
            int          type,
            ...)
{
  sqlite3_stmt *stmt = shirabe_project_prepare (merge->project, sql, error);
  va_list args;

  if (stmt == NULL)
    return FALSE;
  va_start (args, type);
  if (type == SQLITE_TEXT)
    shirabe_bind_text (stmt, 1, va_arg (args, const char *));
  else if (type == SQLITE_INTEGER)
    sqlite3_bind_int64 (stmt, 1, va_arg (args, gint64));
  else
    sqlite3_bind_value (stmt, 1, va_arg (args, sqlite3_value *));
  va_end (args);
  sqlite3_bind_int64 (stmt, 2, id);
  return shirabe_project_step_done (merge->project, stmt, error);
}

static gboolean
merge_coders (Merge   *merge,
              GError **error)
{
  sqlite3_stmt *stmt = prepare_copy (merge,
                                     "SELECT d.uuid, d.name, d.created_at, p.id, p.name"
                                     " FROM @.coder d LEFT JOIN main.coder p ON p.uuid = d.uuid"
                                     " ORDER BY d.id", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *uuid = (const char *) sqlite3_column_text (stmt, 0);
      const char *name = (const char *) sqlite3_column_text (stmt, 1);

      if (sqlite3_column_type (stmt, 3) == SQLITE_NULL)
        {
          g_autofree char *free_name = g_strdup (name);
          sqlite3_stmt *insert;

          /* A name already taken by another coder (another UUID) is not that coder. */
          for (guint n = 2; ; n++)
            {
              sqlite3_stmt *taken = shirabe_project_prepare (merge->project,
                                                             "SELECT id FROM coder WHERE name = ?1",
                                                             error);
              gint64 id;

              if (taken == NULL)
                return abandon_rows (stmt);
              shirabe_bind_text (taken, 1, free_name);
              id = shirabe_project_query_id (merge->project, taken, NULL);
              if (id == 0)
                break;
              g_free (free_name);
              free_name = g_strdup_printf ("%s (%u)", name, n);
            }
          insert = shirabe_project_prepare (merge->project,
                                            "INSERT INTO coder (uuid, name, created_at)"
                                            " VALUES (?1, ?2, ?3)", error);
          if (insert == NULL)
            return abandon_rows (stmt);
          shirabe_bind_text (insert, 1, uuid);
          shirabe_bind_text (insert, 2, free_name);
          shirabe_bind_text (insert, 3, (const char *) sqlite3_column_text (stmt, 2));
          if (!shirabe_project_step_done (merge->project, insert, error))
            return abandon_rows (stmt);
          merge->summary->n_coders_added++;
          if (g_strcmp0 (free_name, name) != 0)
            add_item (merge, SHIRABE_MERGE_ADDED, "coder", uuid,
                      _("Coder “%s” was added as “%s”: another coder of the project has that "
                        "name."), name, free_name);
          else
            add_item (merge, SHIRABE_MERGE_ADDED, "coder", uuid, _("Coder “%s” was added."),
                      name);
        }
      else if (g_strcmp0 (name, (const char *) sqlite3_column_text (stmt, 4)) != 0)
        add_item (merge, SHIRABE_MERGE_KEPT, "coder", uuid,
                  _("Coder “%s” is called “%s” in the copy; the project’s name is kept."),
                  (const char *) sqlite3_column_text (stmt, 4), name);
    }
  return finish_rows (merge, stmt, rc, error);
}

static gboolean
merge_codes (Merge   *merge,
             GError **error)
{
  sqlite3_stmt *stmt = prepare_copy (merge,
    "WITH RECURSIVE tree (id, sort) AS ("
    "  SELECT id, printf ('%08d.%012d', position, id) FROM @.code WHERE parent_id IS NULL"
    "  UNION ALL"
    "  SELECT c.id, t.sort || '/' || printf ('%08d.%012d', c.position, c.id)"
    "  FROM @.code c JOIN tree t ON c.parent_id = t.id)"
    " SELECT k.uuid, p.uuid, k.label_en, k.label_ja, k.description_en, k.description_ja,"
    "  k.color, k.var_name, k.codable, m.id, m.label_en, m.label_ja,"
    "  (SELECT id FROM main.code WHERE uuid = p.uuid)"
    " FROM tree t JOIN @.code k ON k.id = t.id LEFT JOIN @.code p ON p.id = k.parent_id"
    " LEFT JOIN main.code m ON m.uuid = k.uuid ORDER BY t.sort", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *uuid = (const char *) sqlite3_column_text (stmt, 0);
      const char *label_en = (const char *) sqlite3_column_text (stmt, 2);
      const char *label_ja = (const char *) sqlite3_column_text (stmt, 3);
      const char *label = *label_ja != '\0' && *label_en == '\0' ? label_ja : label_en;

      if (sqlite3_column_type (stmt, 9) == SQLITE_NULL)
        {
          ShirabeCodeSpec spec = { 0 };
          const char *var_name = (const char *) sqlite3_column_text (stmt, 7);
          g_autoptr (GError) taken = NULL;

          spec.parent_id = sqlite3_column_int64 (stmt, 12);
          spec.label_en = label_en;
          spec.label_ja = label_ja;
          spec.description_en = (const char *) sqlite3_column_text (stmt, 4);
          spec.description_ja = (const char *) sqlite3_column_text (stmt, 5);
          spec.color = (const char *) sqlite3_column_text (stmt, 6);
          spec.not_codable = sqlite3_column_int (stmt, 8) == 0;
          spec.uuid = uuid;
          /* The copy's variable name when the project has no code by it; else one made from
           * the label, as for any new code. */
          if (shirabe_project_check_code_var_name (merge->project, 0, var_name, &taken))
            spec.var_name = var_name;
          if (shirabe_project_add_code (merge->project, &spec, error) == 0)
            return abandon_rows (stmt);
          merge->summary->n_codes_added++;
          if (sqlite3_column_type (stmt, 1) != SQLITE_NULL && spec.parent_id == 0)
            add_item (merge, SHIRABE_MERGE_ADDED, "code", uuid,
                      _("Code “%s” was added at the top: its parent is no longer in the "
                        "project."), label);
          else
            add_item (merge, SHIRABE_MERGE_ADDED, "code", uuid, _("Code “%s” was added."), label);
        }
      else if (g_strcmp0 (label_en, (const char *) sqlite3_column_text (stmt, 10)) != 0 ||
               g_strcmp0 (label_ja, (const char *) sqlite3_column_text (stmt, 11)) != 0)
        {
          const char *kept_en = (const char *) sqlite3_column_text (stmt, 10);
          const char *kept_ja = (const char *) sqlite3_column_text (stmt, 11);

          add_item (merge, SHIRABE_MERGE_KEPT, "code", uuid,
                    _("Code “%s” is labelled “%s” in the copy; the project’s label is kept."),
                    *kept_en != '\0' ? kept_en : kept_ja, label);
        }
    }
  return finish_rows (merge, stmt, rc, error);
}

/* A memo, or another text, that differs between the project and the copy. */
static gboolean
merge_text (Merge       *merge,
            const char  *kind,
            const char  *uuid,
            const char  *owner,
            const char  *in_project,
            const char  *in_copy,
            const char  *update_sql,
            gint64       id,
            GError     **error)
{
  if (g_strcmp0 (in_project, in_copy) == 0)
    return TRUE;
  if (*in_project == '\0' || (merge->flags & SHIRABE_MERGE_PREFER_COPY))
    {
      if (*in_copy == '\0' && !(merge->flags & SHIRABE_MERGE_APPLY_DELETIONS))
        {
          add_item (merge, SHIRABE_MERGE_DELETION, kind, uuid,
                    _("The memo of %s was emptied in the copy; the project’s is kept."), owner);
          return TRUE;
        }
      if (!run_update (merge, update_sql, id, error, SQLITE_TEXT, in_copy))
        return FALSE;
      add_item (merge, *in_copy == '\0' ? SHIRABE_MERGE_DELETED : SHIRABE_MERGE_UPDATED, kind,
                uuid, _("The memo of %s was taken from the copy."), owner);
    }
  else if (*in_copy == '\0')
    {
      if (merge->flags & SHIRABE_MERGE_APPLY_DELETIONS)
        {
          if (!run_update (merge, update_sql, id, error, SQLITE_TEXT, ""))
            return FALSE;
          add_item (merge, SHIRABE_MERGE_DELETED, kind, uuid,
                    _("The memo of %s was emptied, as in the copy."), owner);
        }
      else
        add_item (merge, SHIRABE_MERGE_DELETION, kind, uuid,
                  _("The memo of %s was emptied in the copy; the project’s is kept."), owner);
    }
  else
    add_item (merge, SHIRABE_MERGE_KEPT, kind, uuid,
              _("The memo of %s differs in the copy; the project’s is kept."), owner);
  return TRUE;
}

static gboolean
merge_narratives (Merge   *merge,
                  GError **error)
{
  sqlite3_stmt *stmt = prepare_copy (merge,
                                     "SELECT n.uuid, n.title, n.sha256, n.status, n.memo,"
                                     "  m.id, m.sha256, m.status, m.memo"
                                     " FROM @.narrative n"
                                     " LEFT JOIN main.narrative m ON m.uuid = n.uuid"
                                     " ORDER BY n.id", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *uuid = (const char *) sqlite3_column_text (stmt, 0);
      const char *title = (const char *) sqlite3_column_text (stmt, 1);
      gint64 id = sqlite3_column_int64 (stmt, 5);
      int status = sqlite3_column_int (stmt, 3), project_status = sqlite3_column_int (stmt, 7);
      g_autofree char *owner = NULL;

      if (sqlite3_column_type (stmt, 5) == SQLITE_NULL)
        {
          add_item (merge, SHIRABE_MERGE_SKIPPED, "narrative", uuid,
                    _("Narrative “%s” is not in the project (added in the copy, or deleted "
                      "since); it was not merged."), title);
          continue;
        }
      if (g_strcmp0 ((const char *) sqlite3_column_text (stmt, 2),
                     (const char *) sqlite3_column_text (stmt, 6)) != 0)
        {
          add_item (merge, SHIRABE_MERGE_SKIPPED, "narrative", uuid,
                    _("The text of narrative “%s” differs from the project’s; its codings, "
                      "status and memo were not merged."), title);
          continue;
        }
      /* A status says how far coding has come: a copy further on is taken. */
      if (status != project_status)
        {
          if (status > project_status || (merge->flags & SHIRABE_MERGE_PREFER_COPY))
            {
              if (!run_update (merge, "UPDATE narrative SET status = ?1 WHERE id = ?2", id, error,
                               SQLITE_INTEGER, (gint64) status))
                return abandon_rows (stmt);
              add_item (merge, SHIRABE_MERGE_UPDATED, "status", uuid,
                        _("The status of narrative “%s” was taken from the copy."), title);
            }
          else
            add_item (merge, SHIRABE_MERGE_KEPT, "status", uuid,
                      _("Narrative “%s” is less far on in the copy; the project’s status is "
                        "kept."), title);
        }
      owner = g_strdup_printf (_("narrative “%s”"), title);
      if (!merge_text (merge, "memo", uuid, owner, (const char *) sqlite3_column_text (stmt, 8),
                       (const char *) sqlite3_column_text (stmt, 4),
                       "UPDATE narrative SET memo = ?1 WHERE id = ?2", id, error))
        return abandon_rows (stmt);
    }
  return finish_rows (merge, stmt, rc, error);
}

static gboolean
merge_cases (Merge   *merge,
             GError **error)
{
  sqlite3_stmt *stmt = prepare_copy (merge,
                                     "SELECT k.uuid, k.name, k.memo, m.id, m.memo"
                                     " FROM @.cases k LEFT JOIN main.cases m ON m.uuid = k.uuid"
                                     " ORDER BY k.id", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *uuid = (const char *) sqlite3_column_text (stmt, 0);
      const char *name = (const char *) sqlite3_column_text (stmt, 1);
      g_autofree char *owner = NULL;

      if (sqlite3_column_type (stmt, 3) == SQLITE_NULL)
        {
          add_item (merge, SHIRABE_MERGE_SKIPPED, "case", uuid,
                    _("Case “%s” is not in the project (added in the copy, or deleted since); "
                      "it was not merged."), name);
          continue;
        }
      owner = g_strdup_printf (_("case “%s”"), name);
      if (!merge_text (merge, "memo", uuid, owner, (const char *) sqlite3_column_text (stmt, 4),
                       (const char *) sqlite3_column_text (stmt, 2),
                       "UPDATE cases SET memo = ?1 WHERE id = ?2", sqlite3_column_int64 (stmt, 3),
                       error))
        return abandon_rows (stmt);
    }
  return finish_rows (merge, stmt, rc, error);
}

/* Attribute values of one scope: set in the copy and not in the project, taken; set
 * differently on both sides, the project's kept unless PREFER_COPY. */
static gboolean
merge_values (Merge       *merge,
              gboolean     cases,
              GHashTable  *reported,
              GError     **error)
{
  sqlite3_stmt *stmt = prepare_copy (merge, cases
    ? "SELECT a.uuid, a.name_en, a.name_ja, o.name, v.value, ma.id, mo.id, mv.id,"
      "  v.value IS mv.value, mv.value IS NULL"
      " FROM @.attribute_value v JOIN @.attribute a ON a.id = v.attribute_id"
      " JOIN @.cases o ON o.id = v.case_id"
      " LEFT JOIN main.attribute ma ON ma.uuid = a.uuid AND ma.type = a.type"
      " LEFT JOIN main.cases mo ON mo.uuid = o.uuid"
      " LEFT JOIN main.attribute_value mv ON mv.attribute_id = ma.id AND mv.case_id = mo.id"
      " WHERE v.value IS NOT NULL ORDER BY v.id"
    : "SELECT a.uuid, a.name_en, a.name_ja, o.title, v.value, ma.id, mo.id, mv.id,"
      "  v.value IS mv.value, mv.value IS NULL"
      " FROM @.attribute_value v JOIN @.attribute a ON a.id = v.attribute_id"
      " JOIN @.narrative o ON o.id = v.narrative_id"
      " LEFT JOIN main.attribute ma ON ma.uuid = a.uuid AND ma.type = a.type"
      " LEFT JOIN main.narrative mo ON mo.uuid = o.uuid AND mo.sha256 = o.sha256"
      " LEFT JOIN main.attribute_value mv ON mv.attribute_id = ma.id"
      "  AND mv.narrative_id = mo.id"
      " WHERE v.value IS NOT NULL ORDER BY v.id", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *uuid = (const char *) sqlite3_column_text (stmt, 0);
      const char *name_en = (const char *) sqlite3_column_text (stmt, 1);
      const char *name = *name_en != '\0' ? name_en : (const char *) sqlite3_column_text (stmt, 2);
      g_autofree char *owner = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
      sqlite3_stmt *write;

      if (sqlite3_column_type (stmt, 5) == SQLITE_NULL)
        {
          if (!g_hash_table_contains (reported, uuid))
            {
              g_hash_table_add (reported, g_strdup (uuid));
              add_item (merge, SHIRABE_MERGE_SKIPPED, "attribute_value", uuid,
                        _("Attribute “%s” is not in the project, or has another type there; "
                          "its values were not merged."), name);
            }
          continue;
        }
      /* The owner (case or narrative) was reported when it was not merged. */
      if (sqlite3_column_type (stmt, 6) == SQLITE_NULL || sqlite3_column_int (stmt, 8))
        continue;
      if (!sqlite3_column_int (stmt, 9) && !(merge->flags & SHIRABE_MERGE_PREFER_COPY))
        {
          add_item (merge, SHIRABE_MERGE_KEPT, "attribute_value", uuid,
                    _("“%s” of %s is set differently in the copy; the project’s value is "
                      "kept."), name, owner);
          continue;
        }
      write = shirabe_project_prepare (merge->project, cases
        ? "INSERT INTO attribute_value (attribute_id, case_id, value) VALUES (?1, ?2, ?3)"
          " ON CONFLICT (attribute_id, case_id) WHERE case_id IS NOT NULL"
          " DO UPDATE SET value = excluded.value"
        : "INSERT INTO attribute_value (attribute_id, narrative_id, value) VALUES (?1, ?2, ?3)"
          " ON CONFLICT (attribute_id, narrative_id) WHERE narrative_id IS NOT NULL"
          " DO UPDATE SET value = excluded.value", error);
      if (write == NULL)
        return abandon_rows (stmt);
      sqlite3_bind_int64 (write, 1, sqlite3_column_int64 (stmt, 5));
      sqlite3_bind_int64 (write, 2, sqlite3_column_int64 (stmt, 6));
      sqlite3_bind_value (write, 3, sqlite3_column_value (stmt, 4));
      if (!shirabe_project_step_done (merge->project, write, error))
        return abandon_rows (stmt);
      add_item (merge, SHIRABE_MERGE_UPDATED, "attribute_value", uuid,
                _("“%s” of %s was taken from the copy."), name, owner);
    }
  return finish_rows (merge, stmt, rc, error);
}

/* A carried coding names its source by id, which differs between the copy and the project:
 * the link is brought over by the source's UUID, after the inserts so that a source brought in
 * with it is found. A source the project does not have leaves the coding on its own (a
 * carried_from of NULL), as removing the source would. A copy of schema 5 has no links. */
static gboolean
link_carried_codings (Merge   *merge,
                      GError **error)
{
  sqlite3_stmt *stmt;
  gboolean has_links;
  int rc;

  stmt = prepare_copy (merge,
                       "SELECT count (*) FROM pragma_table_info ('coding', '@')"
                       " WHERE name = 'carried_from'", error);
  if (stmt == NULL)
    return FALSE;
  rc = sqlite3_step (stmt);
  has_links = rc == SQLITE_ROW && sqlite3_column_int (stmt, 0) > 0;
  sqlite3_finalize (stmt);
  if (!has_links)
    return TRUE;

  stmt = prepare_copy (merge,
                       "UPDATE main.coding SET carried_from ="
                       " (SELECT px.id FROM @.coding g JOIN @.coding s ON s.id = g.carried_from"
                       "  JOIN main.coding px ON px.uuid = s.uuid"
                       "  WHERE g.uuid = main.coding.uuid)"
                       " WHERE carried_from IS NULL"
                       " AND uuid IN (SELECT uuid FROM @.coding WHERE carried_from IS NOT NULL)",
                       error);
  if (stmt == NULL)
    return FALSE;
  rc = sqlite3_step (stmt);
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return shirabe_project_set_sqlite_error (merge->project, rc, error);
  return TRUE;
}

/* Every coding the project lacks, in a narrative whose text is the project's, at once; in
 * UUID order, which keeps the inserts into the UUID index together. Run after the checks of
 * codings both sides have, so that those do not visit what was just brought in. */
static gboolean
insert_codings (Merge   *merge,
                GError **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = prepare_copy (merge,
                       "INSERT INTO main.coding"
                       " (uuid, narrative_id, code_id, coder_id, start, end, memo, created_at)"
                       " SELECT g.uuid, pn.id, pc.id, pd.id, g.start, g.end, g.memo, g.created_at"
                       " FROM @.coding g"
                       " JOIN @.narrative n ON n.id = g.narrative_id"
                       " JOIN main.narrative pn ON pn.uuid = n.uuid AND pn.sha256 = n.sha256"
                       " JOIN @.code c ON c.id = g.code_id JOIN main.code pc ON pc.uuid = c.uuid"
                       " JOIN @.coder d ON d.id = g.coder_id JOIN main.coder pd ON pd.uuid = d.uuid"
                       " WHERE g.end <= pn.length"
                       " AND NOT EXISTS (SELECT 1 FROM main.coding x WHERE x.uuid = g.uuid)"
                       " ORDER BY g.uuid", error);
  if (stmt == NULL)
    return FALSE;
  rc = sqlite3_step (stmt);
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return shirabe_project_set_sqlite_error (merge->project, rc, error);
  merge->summary->n_codings_added = sqlite3_changes64 (merge->db);

  return link_carried_codings (merge, error);
}

static gboolean
merge_codings (Merge   *merge,
               GError **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = prepare_copy (merge,
                       "SELECT count (*) FROM @.coding g JOIN @.narrative n ON n.id = g.narrative_id"
                       " WHERE NOT EXISTS (SELECT 1 FROM main.narrative pn"
                       "  WHERE pn.uuid = n.uuid AND pn.sha256 = n.sha256)", error);
  if (stmt == NULL)
    return FALSE;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    merge->summary->n_codings_skipped = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);

  /* Codings both have that differ: a coder's own coding in their copy is theirs to change. */
  stmt = prepare_copy (merge,
                       "SELECT g.uuid, x.id, pc.id, g.memo, x.memo, d.uuid, n.title,"
                       "  x.code_id <> pc.id, x.memo <> g.memo,"
                       "  x.start <> g.start OR x.end <> g.end"
                       " FROM @.coding g JOIN main.coding x ON x.uuid = g.uuid"
                       " JOIN @.code c ON c.id = g.code_id JOIN main.code pc ON pc.uuid = c.uuid"
                       " JOIN @.coder d ON d.id = g.coder_id"
                       " JOIN @.narrative n ON n.id = g.narrative_id"
                       " WHERE x.code_id <> pc.id OR x.memo <> g.memo"
                       "  OR x.start <> g.start OR x.end <> g.end"
                       " ORDER BY g.id", error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *uuid = (const char *) sqlite3_column_text (stmt, 0);
      const char *title = (const char *) sqlite3_column_text (stmt, 6);
      gint64 id = sqlite3_column_int64 (stmt, 1);
      gboolean own = merge->info->coder_uuid != NULL &&
                     g_strcmp0 ((const char *) sqlite3_column_text (stmt, 5),
                                merge->info->coder_uuid) == 0;

      if (sqlite3_column_int (stmt, 9))
        {
          add_item (merge, SHIRABE_MERGE_KEPT, "coding", uuid,
                    _("A coding in “%s” covers other text in the copy; the project’s is kept."),
                    title);
          continue;
        }
      if (!own && !(merge->flags & SHIRABE_MERGE_PREFER_COPY))
        {
          add_item (merge, SHIRABE_MERGE_KEPT, "coding", uuid,
                    _("Another coder’s coding in “%s” was changed in the copy; the project’s is "
                      "kept."), title);
          continue;
        }
      if (sqlite3_column_int (stmt, 7) &&
          !run_update (merge, "UPDATE coding SET code_id = ?1 WHERE id = ?2", id, error,
                       SQLITE_INTEGER, sqlite3_column_int64 (stmt, 2)))
        return abandon_rows (stmt);
      if (sqlite3_column_int (stmt, 8) &&
          !run_update (merge, "UPDATE coding SET memo = ?1 WHERE id = ?2", id, error,
                       SQLITE_TEXT, (const char *) sqlite3_column_text (stmt, 3)))
        return abandon_rows (stmt);
      add_item (merge, SHIRABE_MERGE_UPDATED, "coding", uuid,
                _("A coding in “%s” was changed in the copy (its code or memo); the change was "
                  "taken."), title);
    }
  if (!finish_rows (merge, stmt, rc, error))
    return FALSE;

  /* Codings the copy was given and no longer has. */
  if (merge->info->codings == NULL || g_strcmp0 (merge->info->codings, "none") == 0)
    return insert_codings (merge, error);
  /* A copy of one coder's codings is checked through that coder's codings alone (the
   * coding_coder index), not every coding of the project. */
  stmt = prepare_copy (merge, g_strcmp0 (merge->info->codings, "coder") == 0
                       ? "SELECT x.id, x.uuid, pn.title FROM main.coding x"
                         " JOIN main.narrative pn ON pn.id = x.narrative_id"
                         " WHERE x.coder_id = (SELECT id FROM main.coder WHERE uuid = ?3)"
                         " AND x.id <= ?1 AND x.created_at <= ?2"
                         " AND EXISTS (SELECT 1 FROM @.narrative n"
                         "  WHERE n.uuid = pn.uuid AND n.sha256 = pn.sha256)"
                         " AND NOT EXISTS (SELECT 1 FROM @.coding g WHERE g.uuid = x.uuid)"
                         " ORDER BY x.id"
                       : "SELECT x.id, x.uuid, pn.title FROM main.coding x"
                         " JOIN main.narrative pn ON pn.id = x.narrative_id"
                         " WHERE x.id <= ?1 AND x.created_at <= ?2"
                         " AND EXISTS (SELECT 1 FROM @.narrative n"
                         "  WHERE n.uuid = pn.uuid AND n.sha256 = pn.sha256)"
                         " AND NOT EXISTS (SELECT 1 FROM @.coding g WHERE g.uuid = x.uuid)"
                         " ORDER BY x.id", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, merge->info->max_coding_id);
  shirabe_bind_text (stmt, 2, merge->info->made_at);
  if (g_strcmp0 (merge->info->codings, "coder") == 0)
    shirabe_bind_text (stmt, 3, merge->info->coder_uuid);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *uuid = (const char *) sqlite3_column_text (stmt, 1);
      const char *title = (const char *) sqlite3_column_text (stmt, 2);

      if (merge->flags & SHIRABE_MERGE_APPLY_DELETIONS)
        {
          sqlite3_stmt *delete = shirabe_project_prepare (merge->project,
                                                          "DELETE FROM coding WHERE id = ?1",
                                                          error);

          if (delete == NULL)
            return abandon_rows (stmt);
          sqlite3_bind_int64 (delete, 1, sqlite3_column_int64 (stmt, 0));
          if (!shirabe_project_step_done (merge->project, delete, error))
            return abandon_rows (stmt);
          add_item (merge, SHIRABE_MERGE_DELETED, "coding", uuid,
                    _("A coding in “%s” was deleted, as in the copy."), title);
        }
      else
        add_item (merge, SHIRABE_MERGE_DELETION, "coding", uuid,
                  _("A coding in “%s” was deleted in the copy; it is kept in the project."),
                  title);
    }
  if (!finish_rows (merge, stmt, rc, error))
    return FALSE;
  return insert_codings (merge, error);
}

static gboolean
same_file (const char *a,
           const char *b)
{
  GStatBuf sa, sb;

  return g_stat (a, &sa) == 0 && g_stat (b, &sb) == 0 &&
         sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

/* Opens the copy on its own, read-only: a file that is no project, a newer one, one with
 * objects Shirabe did not make or one of another project is refused before anything is
 * attached. */
static gboolean
inspect_copy (ShirabeProject *project,
              const char     *path,
              CopyInfo       *info,
              GError        **error)
{
  g_autoptr (ShirabeProject) copy = NULL;
  g_autofree char *display = g_filename_display_name (path);
  g_autofree char *uuid = NULL, *project_uuid = NULL, *max = NULL;
  gint64 coder_id;

  if (same_file (path, shirabe_project_get_path (project)))
    {
      g_set_error (error, SHIRABE_ERROR, SHIRABE_ERROR_INVALID,
                   _("“%s” is this project itself, not a coder’s copy of it"), display);
      return FALSE;
    }
  copy = shirabe_project_open (path, SHIRABE_PROJECT_READ_ONLY | SHIRABE_PROJECT_NO_HISTORY,
                               error);
  if (copy == NULL)
    return FALSE;
  if (shirabe_project_get_foreign_objects (copy) != NULL)
    {
      g_set_error (error, SHIRABE_ERROR, SHIRABE_ERROR_CORRUPT,
                   _("“%s” holds things Shirabe did not make (%s); it is not merged. Run "
                     "“shirabe-cli check --repair” on it first."), display,
                   shirabe_project_get_foreign_objects (copy));
      shirabe_project_close (copy, NULL);
      return FALSE;
    }
  uuid = shirabe_project_dup_uuid (copy);
  project_uuid = shirabe_project_dup_uuid (project);
  if (g_strcmp0 (uuid, project_uuid) != 0)
    {
      g_autofree char *name = shirabe_project_dup_name (copy);
      g_autofree char *own = shirabe_project_dup_name (project);

      g_set_error (error, SHIRABE_ERROR, SHIRABE_ERROR_INVALID,
                   _("“%s” is a copy of another project (“%s”), not of “%s”; it is not merged"),
                   display, name, own);
      shirabe_project_close (copy, NULL);
      return FALSE;
    }
  info->path = g_strdup (path);
  info->coder_uuid = shirabe_project_dup_meta (copy, "copy.coder");
  info->codings = shirabe_project_dup_meta (copy, "copy.codings");
  info->made_at = shirabe_project_dup_meta (copy, "copy.made_at");
  max = shirabe_project_dup_meta (copy, "copy.max_coding_id");
  info->max_coding_id = max != NULL ? g_ascii_strtoll (max, NULL, 10) : 0;
  if (info->made_at == NULL || max == NULL)
    g_clear_pointer (&info->codings, g_free);
  coder_id = shirabe_project_get_copy_coder (copy);
  if (coder_id != 0)
    {
      sqlite3_stmt *stmt = shirabe_project_prepare (copy, "SELECT name FROM coder WHERE id = ?1",
                                                    NULL);

      if (stmt != NULL)
        {
          sqlite3_bind_int64 (stmt, 1, coder_id);
          if (sqlite3_step (stmt) == SQLITE_ROW)
            info->coder_name = shirabe_column_dup_text (stmt, 0);
          sqlite3_reset (stmt);
        }
    }
  return shirabe_project_close (copy, error);
}

ShirabeMergeReport *
shirabe_project_merge_copies (ShirabeProject     *project,
                              const char * const *paths,
                              ShirabeMergeFlags   flags,
                              GError            **error)
{
  g_autoptr (ShirabeMergeReport) report = g_new0 (ShirabeMergeReport, 1);
  g_autoptr (GHashTable) reported = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  CopyInfo infos[MAX_COPIES] = { { 0 } };
  sqlite3 *db;
  guint n_paths = 0, n_attached = 0;
  gint64 cache_size;
  gboolean ok = TRUE;

  g_return_val_if_fail (SHIRABE_IS_PROJECT (project), NULL);
  g_return_val_if_fail (paths != NULL, NULL);

  report->dry_run = (flags & SHIRABE_MERGE_DRY_RUN) != 0;
  report->copies = g_array_new (FALSE, TRUE, sizeof (ShirabeMergeCopy));
  report->items = g_array_new (FALSE, TRUE, sizeof (ShirabeMergeItem));
  db = shirabe_project_get_db (project);

  while (paths[n_paths] != NULL)
    n_paths++;
  if (n_paths == 0 || n_paths > MAX_COPIES)
    {
      g_set_error (error, SHIRABE_ERROR, SHIRABE_ERROR_INVALID,
                   _("Merge takes one to %d coders’ copies at a time, not %u"), MAX_COPIES,
                   n_paths);
      return NULL;
    }
  if (shirabe_project_get_read_only (project))
    {
      g_set_error_literal (error, SHIRABE_ERROR, SHIRABE_ERROR_READ_ONLY,
                           _("The project is open read-only; nothing can be merged into it"));
      return NULL;
    }
  for (guint i = 0; ok && i < n_paths; i++)
    {
      for (guint j = 0; ok && j < i; j++)
        if (same_file (paths[i], paths[j]))
          {
            g_autofree char *display = g_filename_display_name (paths[i]);

            g_set_error (error, SHIRABE_ERROR, SHIRABE_ERROR_INVALID,
                         _("“%s” is named twice"), display);
            ok = FALSE;
          }
      ok = ok && inspect_copy (project, paths[i], &infos[i], error);
    }
  /* A merge is undone in one step, but a wrong one may be noticed days later: a snapshot. */
  if (ok && !report->dry_run)
    ok = shirabe_project_write_backup (project, "before-merge", NULL, error);

  /* The codings' indexes take random inserts (UUIDs); a larger page cache for the merge's
   * length keeps them in memory: half the time of SQLite's default 2 MB for five copies of
   * 100,000 codings. */
  cache_size = shirabe_project_raise_cache (project, 65536);
  /* ATTACH cannot happen inside a transaction: every copy is attached first. */
  for (guint i = 0; ok && i < n_paths; i++)
    {
      sqlite3_stmt *stmt = NULL;
      int rc;

      infos[i].schema = g_strdup_printf ("copy%u", i);
      {
        g_autofree char *sql = g_strdup_printf ("ATTACH ?1 AS %s", infos[i].schema);

        rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);
      }
      if (rc == SQLITE_OK)
        {
          sqlite3_bind_text (stmt, 1, paths[i], -1, SQLITE_STATIC);
          rc = sqlite3_step (stmt);
        }
      sqlite3_finalize (stmt);
      if (rc != SQLITE_DONE)
        {
          g_autofree char *display = g_filename_display_name (paths[i]);

          g_set_error (error, SHIRABE_ERROR, SHIRABE_ERROR_FAILED,
                       _("Cannot read the coder’s copy “%s”: %s"), display, sqlite3_errmsg (db));
          ok = FALSE;
          break;
        }
      n_attached++;
    }

  if (ok && shirabe_project_begin_edit (project, error))
    {
      for (guint i = 0; ok && i < n_paths; i++)
        {
          Merge merge = { project, db, flags, report, i, &infos[i], NULL };
          ShirabeMergeCopy summary = { 0 };

          summary.path = g_strdup (paths[i]);
          summary.coder_name = g_strdup (infos[i].coder_name != NULL ? infos[i].coder_name : "");
          g_array_append_val (report->copies, summary);
          merge.summary = &g_array_index (report->copies, ShirabeMergeCopy, i);
          g_hash_table_remove_all (reported);
          ok = merge_coders (&merge, error) &&
               merge_codes (&merge, error) &&
               merge_cases (&merge, error) &&
               merge_narratives (&merge, error) &&
               merge_values (&merge, TRUE, reported, error) &&
               merge_values (&merge, FALSE, reported, error) &&
               merge_codings (&merge, error);
        }
      if (report->dry_run && ok)
        shirabe_project_end_edit (project, FALSE, NULL, NULL);
      else
        ok = shirabe_project_end_edit (project, ok, _("Merge Coder’s Copy"), ok ? error : NULL)
             && ok;
    }
  else
    ok = FALSE;

  for (guint i = 0; i < n_attached; i++)
    {
      g_autofree char *sql = g_strdup_printf ("DETACH %s", infos[i].schema);

      sqlite3_exec (db, sql, NULL, NULL, NULL);
    }
  for (guint i = 0; i < n_paths; i++)
    copy_info_clear (&infos[i]);
  shirabe_project_restore_cache (project, cache_size);
  return ok ? g_steal_pointer (&report) : NULL;
}
