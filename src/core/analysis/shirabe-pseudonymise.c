/* shirabe-pseudonymise.c: a copy of the project with the pseudonym table applied
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The project is copied with SQLite's backup API into a database in memory, rewritten there in
 * one transaction, and written to disk once with VACUUM INTO: the originals never reach the
 * copy's file, its journal or its free pages, and a failure leaves nothing behind but the
 * unfinished file, which is removed.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "shirabe-pseudonymise.h"
#include "shirabe-pseudonyms.h"

#include "shirabe-error.h"
#include "shirabe-i18n.h"
#include "shirabe-output.h"
#include "shirabe-project-private.h"
#include "shirabe-schema-private.h"

static void
count_free (ShirabePseudonymCount *count)
{
  g_free (count->real);
  g_free (count->pseudonym);
  g_free (count);
}

static void
narrative_free (ShirabePseudonymNarrative *narrative)
{
  g_free (narrative->uuid);
  g_free (narrative->title);
  g_ptr_array_unref (narrative->counts);
  g_free (narrative);
}

void
shirabe_pseudonym_report_free (ShirabePseudonymReport *report)
{
  if (report == NULL)
    return;
  g_ptr_array_unref (report->narratives);
  g_ptr_array_unref (report->totals);
  g_free (report);
}

typedef struct
{
  sqlite3                 *db;
  ShirabePseudonymMatcher *matcher;
  ShirabePseudonymReport  *report;
  guint                   *totals;      /* per entry */
  guint                   *counts;      /* per entry, of the narrative being rewritten */
  GArray                  *scratch;     /* ShirabeReplacement */
  GCancellable            *cancellable;
} Rewriter;

static gboolean
sql_failed (Rewriter  *self,
            GError   **error)
{
  return shirabe_sqlite_error (self->db, sqlite3_errcode (self->db), NULL, error);
}

/* @text rewritten; @narrative TRUE counts it for the narrative being rewritten, FALSE as
 * elsewhere. @replacements, when not NULL, gets the replacements (cleared first). */
static char *
rewrite (Rewriter   *self,
         const char *text,
         const char *language,
         gboolean    narrative,
         GArray     *replacements)
{
  GArray *found = replacements != NULL ? replacements : self->scratch;
  char *rewritten;

  g_array_set_size (found, 0);
  rewritten = shirabe_pseudonym_matcher_rewrite (self->matcher, text, language, found);
  for (guint i = 0; i < found->len; i++)
    {
      guint entry = g_array_index (found, ShirabeReplacement, i).entry;

      self->totals[entry]++;
      if (narrative)
        self->counts[entry]++;
      else
        self->report->n_elsewhere++;
      self->report->n_replacements++;
    }
  return rewritten;
}

static gboolean
cancelled (Rewriter  *self,
           GError   **error)
{
  if (g_cancellable_is_cancelled (self->cancellable))
    {
      g_set_error_literal (error, SHIRABE_ERROR, SHIRABE_ERROR_CANCELLED,
                           _("The pseudonymised copy was cancelled; nothing was written"));
      return TRUE;
    }
  return FALSE;
}

static GArray *
all_ids (sqlite3    *db,
         const char *sql)
{
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) == SQLITE_OK)
    while (sqlite3_step (stmt) == SQLITE_ROW)
      {
        gint64 id = sqlite3_column_int64 (stmt, 0);

        g_array_append_val (ids, id);
      }
  sqlite3_finalize (stmt);
  return ids;
}

typedef struct
{
  gint64  id;
  gint64  start;
  gint64  end;
  char   *memo;
} CodingRow;

static gboolean
rewrite_codings (Rewriter                  *self,
                 gint64                     narrative_id,
                 const char                *language,
                 const GArray              *replacements,
                 ShirabePseudonymNarrative *summary,
                 GError                   **error)
{
  g_autoptr(GArray) rows = g_array_new (FALSE, FALSE, sizeof (CodingRow));
  sqlite3_stmt *select = NULL;
  sqlite3_stmt *update = NULL;
  gboolean ok = TRUE;

  if (sqlite3_prepare_v2 (self->db, "SELECT id, start, end, memo FROM coding"
                                    " WHERE narrative_id = ?1", -1, &select, NULL) != SQLITE_OK)
    return sql_failed (self, error);
  sqlite3_bind_int64 (select, 1, narrative_id);
  while (sqlite3_step (select) == SQLITE_ROW)
    {
      CodingRow row;

      row.id = sqlite3_column_int64 (select, 0);
      row.start = sqlite3_column_int64 (select, 1);
      row.end = sqlite3_column_int64 (select, 2);
      row.memo = rewrite (self, (const char *) sqlite3_column_text (select, 3), language, TRUE,
                          NULL);
      if (shirabe_replacements_map_range (replacements, &row.start, &row.end))
        summary->n_widened++;
      summary->n_codings++;
      g_array_append_val (rows, row);
    }
  sqlite3_finalize (select);

  if (sqlite3_prepare_v2 (self->db, "UPDATE coding SET start = ?2, end = ?3, memo = ?4"
                                    " WHERE id = ?1", -1, &update, NULL) != SQLITE_OK)
    ok = sql_failed (self, error);
  for (guint i = 0; i < rows->len; i++)
    {
      CodingRow *row = &g_array_index (rows, CodingRow, i);

      if (ok)
        {
          sqlite3_bind_int64 (update, 1, row->id);
          sqlite3_bind_int64 (update, 2, row->start);
          sqlite3_bind_int64 (update, 3, row->end);
          shirabe_bind_text (update, 4, row->memo != NULL ? row->memo : "");
          if (sqlite3_step (update) != SQLITE_DONE)
            ok = sql_failed (self, error);
          sqlite3_reset (update);
        }
      g_free (row->memo);
    }
  sqlite3_finalize (update);
  return ok;
}

/* Moves the anchors of the alignments that @narrative_id takes part in (as the original or as
 * the translation, @column "original_start" or "translation_start") to the rewritten text.
 * Anchors are paragraph starts, which no name spans; the rows are made again rather than
 * updated one by one, which could meet another row's old place. */
static gboolean
rewrite_alignment (Rewriter      *self,
                   gint64         narrative_id,
                   const GArray  *replacements,
                   GError       **error)
{
  typedef struct { gint64 translation_id, original_id, original_start, translation_start; } Row;
  g_autoptr(GArray) rows = g_array_new (FALSE, FALSE, sizeof (Row));
  sqlite3_stmt *stmt = NULL;
  gboolean ok = TRUE;

  if (replacements->len == 0)
    return TRUE;
  if (sqlite3_prepare_v2 (self->db, "SELECT translation_id, original_id, original_start,"
                                    " translation_start FROM alignment"
                                    " WHERE original_id = ?1 OR translation_id = ?1",
                          -1, &stmt, NULL) != SQLITE_OK)
    return sql_failed (self, error);
  sqlite3_bind_int64 (stmt, 1, narrative_id);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      Row row = { sqlite3_column_int64 (stmt, 0), sqlite3_column_int64 (stmt, 1),
                  sqlite3_column_int64 (stmt, 2), sqlite3_column_int64 (stmt, 3) };
      gint64 *at = row.original_id == narrative_id ? &row.original_start
                                                   : &row.translation_start;
      gint64 end = *at + 1;

      shirabe_replacements_map_range (replacements, at, &end);
      g_array_append_val (rows, row);
    }
  sqlite3_finalize (stmt);
  if (rows->len == 0)
    return TRUE;

  if (sqlite3_prepare_v2 (self->db, "DELETE FROM alignment"
                                    " WHERE original_id = ?1 OR translation_id = ?1",
                          -1, &stmt, NULL) != SQLITE_OK)
    return sql_failed (self, error);
  sqlite3_bind_int64 (stmt, 1, narrative_id);
  ok = sqlite3_step (stmt) == SQLITE_DONE;
  sqlite3_finalize (stmt);
  if (!ok ||
      sqlite3_prepare_v2 (self->db, "INSERT INTO alignment (translation_id, original_id,"
                                    " original_start, translation_start)"
                                    " VALUES (?1, ?2, ?3, ?4)", -1, &stmt, NULL) != SQLITE_OK)
    return sql_failed (self, error);
  for (guint i = 0; ok && i < rows->len; i++)
    {
      Row *row = &g_array_index (rows, Row, i);

      sqlite3_bind_int64 (stmt, 1, row->translation_id);
      sqlite3_bind_int64 (stmt, 2, row->original_id);
      sqlite3_bind_int64 (stmt, 3, row->original_start);
      sqlite3_bind_int64 (stmt, 4, row->translation_start);
      ok = sqlite3_step (stmt) == SQLITE_DONE;
      sqlite3_reset (stmt);
    }
  sqlite3_finalize (stmt);
  return ok ? TRUE : sql_failed (self, error);
}

static gboolean
rewrite_narrative (Rewriter  *self,
                   gint64     id,
                   GError   **error)
{
  g_autoptr(GArray) replacements = g_array_new (FALSE, FALSE, sizeof (ShirabeReplacement));
  g_autofree char *language = NULL;
  g_autofree char *text = NULL;
  g_autofree char *title = NULL;
  g_autofree char *memo = NULL;
  g_autofree char *sha256 = NULL;
  ShirabePseudonymNarrative *summary;
  guint n_entries = shirabe_pseudonym_matcher_get_n_entries (self->matcher);
  sqlite3_stmt *stmt = NULL;
  gboolean ok;

  if (sqlite3_prepare_v2 (self->db, "SELECT uuid, title, text, memo, language FROM narrative"
                                    " WHERE id = ?1", -1, &stmt, NULL) != SQLITE_OK)
    return sql_failed (self, error);
  sqlite3_bind_int64 (stmt, 1, id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      sqlite3_finalize (stmt);
      return sql_failed (self, error);
    }
  memset (self->counts, 0, n_entries * sizeof (guint));
  summary = g_new0 (ShirabePseudonymNarrative, 1);
  summary->id = id;
  summary->uuid = shirabe_column_dup_text (stmt, 0);
  summary->title = shirabe_column_dup_text (stmt, 1);
  summary->counts = g_ptr_array_new_with_free_func ((GDestroyNotify) count_free);
  g_ptr_array_add (self->report->narratives, summary);
  language = shirabe_column_dup_text (stmt, 4);
  title = rewrite (self, summary->title, language, TRUE, NULL);
  memo = rewrite (self, (const char *) sqlite3_column_text (stmt, 3), language, TRUE, NULL);
  text = rewrite (self, (const char *) sqlite3_column_text (stmt, 2), language, TRUE,
                  replacements);
  sqlite3_finalize (stmt);
  stmt = NULL;

  ok = rewrite_codings (self, id, language, replacements, summary, error) &&
       rewrite_alignment (self, id, replacements, error);
  if (!ok)
    return FALSE;

  sha256 = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) text, strlen (text));
  /* Where the text came from may name someone (a file "interview-maricel.docx"); the file's
   * hash would confirm a guess at it. */
  if (sqlite3_prepare_v2 (self->db, "UPDATE narrative SET title = ?2, text = ?3, memo = ?4,"
                                    " length = ?5, sha256 = ?6, origin_file = NULL,"
                                    " origin_sha256 = NULL WHERE id = ?1",
                          -1, &stmt, NULL) != SQLITE_OK)
    return sql_failed (self, error);
  sqlite3_bind_int64 (stmt, 1, id);
  shirabe_bind_text (stmt, 2, title);
  shirabe_bind_text (stmt, 3, text);
  shirabe_bind_text (stmt, 4, memo != NULL ? memo : "");
  sqlite3_bind_int64 (stmt, 5, g_utf8_strlen (text, -1));
  shirabe_bind_text (stmt, 6, sha256);
  ok = sqlite3_step (stmt) == SQLITE_DONE;
  sqlite3_finalize (stmt);
  if (!ok)
    return sql_failed (self, error);

  for (guint i = 0; i < n_entries; i++)
    if (self->counts[i] > 0)
      {
        const ShirabePseudonym *entry = shirabe_pseudonym_matcher_get_entry (self->matcher, i);
        ShirabePseudonymCount *count = g_new0 (ShirabePseudonymCount, 1);

        count->real = g_strdup (entry->real);
        count->pseudonym = g_strdup (entry->pseudonym);
        count->count = self->counts[i];
        summary->n_replacements += count->count;
        g_ptr_array_add (summary->counts, count);
      }
  return TRUE;
}

/* Rewrites the text columns @columns of every row of @table (with an integer primary key
 * "id"), in the language @languages[i] for column i (NULL: none). */
static gboolean
rewrite_columns (Rewriter           *self,
                 const char         *table,
                 const char * const *columns,
                 const char * const *languages,
                 guint               n_columns,
                 const char         *where,
                 GError            **error)
{
  g_autoptr(GString) select_sql = g_string_new ("SELECT id");
  g_autoptr(GString) update_sql = g_string_new ("UPDATE ");
  sqlite3_stmt *select = NULL;
  sqlite3_stmt *update = NULL;
  gboolean ok = TRUE;

  /* The table and column names are this file's own literals, never user input. */
  for (guint i = 0; i < n_columns; i++)
    g_string_append_printf (select_sql, ", %s", columns[i]);
  g_string_append_printf (select_sql, " FROM %s%s%s", table, where ? " WHERE " : "",
                          where ? where : "");
  g_string_append_printf (update_sql, "%s SET ", table);
  for (guint i = 0; i < n_columns; i++)
    g_string_append_printf (update_sql, "%s%s = ?%u", i > 0 ? ", " : "", columns[i], i + 2);
  g_string_append (update_sql, " WHERE id = ?1");

  if (sqlite3_prepare_v2 (self->db, select_sql->str, -1, &select, NULL) != SQLITE_OK ||
      sqlite3_prepare_v2 (self->db, update_sql->str, -1, &update, NULL) != SQLITE_OK)
    {
      ok = sql_failed (self, error);
      goto out;
    }
  /* Read first, then written: an update must not move a row under a running select. */
  {
    g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
    g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));

    while (sqlite3_step (select) == SQLITE_ROW)
      {
        char **values = g_new0 (char *, n_columns + 2);
        gint64 id = sqlite3_column_int64 (select, 0);
        gboolean changed = FALSE;

        for (guint i = 0; i < n_columns; i++)
          {
            const char *value = (const char *) sqlite3_column_text (select, i + 1);

            /* NULL stays NULL; a value is kept as "=" + text, so that "" is not the end. */
            if (value == NULL)
              values[i] = g_strdup ("");
            else
              {
                g_autofree char *rewritten = rewrite (self, value, languages[i], FALSE, NULL);

                changed |= strcmp (value, rewritten) != 0;
                values[i] = g_strconcat ("=", rewritten, NULL);
              }
          }
        if (!changed)
          {
            g_strfreev (values);
            continue;
          }
        g_array_append_val (ids, id);
        g_ptr_array_add (rows, values);
      }
    for (guint r = 0; ok && r < rows->len; r++)
      {
        char **values = g_ptr_array_index (rows, r);

        sqlite3_bind_int64 (update, 1, g_array_index (ids, gint64, r));
        for (guint i = 0; i < n_columns; i++)
          if (*values[i] == '\0')
            sqlite3_bind_null (update, i + 2);
          else
            sqlite3_bind_text (update, i + 2, values[i] + 1, -1, SQLITE_STATIC);
        if (sqlite3_step (update) != SQLITE_DONE)
          ok = sql_failed (self, error);
        sqlite3_reset (update);
        sqlite3_clear_bindings (update);
      }
  }
out:
  sqlite3_finalize (select);
  sqlite3_finalize (update);
  return ok;
}

/* A choice attribute: its choices (one per line), its labels (JSON keyed by choice), and then
 * its values, each rewritten the same way so they still match. */
static char *
rewrite_lines (Rewriter   *self,
               const char *text)
{
  g_auto(GStrv) lines = g_strsplit (text != NULL ? text : "", "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      char *rewritten = rewrite (self, lines[i], NULL, FALSE, NULL);

      g_free (lines[i]);
      lines[i] = rewritten;
    }
  return g_strjoinv ("\n", lines);
}

static char *
rewrite_labels (Rewriter   *self,
                const char *json)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GList) members = NULL;
  JsonObject *object;

  if (json == NULL || *json == '\0' || !json_parser_load_from_data (parser, json, -1, NULL) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return g_strdup (json);
  object = json_node_get_object (json_parser_get_root (parser));
  json_builder_begin_object (builder);
  members = json_object_get_members (object);
  for (GList *l = members; l != NULL; l = l->next)
    {
      g_autofree char *key = rewrite (self, l->data, NULL, FALSE, NULL);
      JsonNode *node = json_object_get_member (object, l->data);

      json_builder_set_member_name (builder, key);
      if (JSON_NODE_HOLDS_OBJECT (node))
        {
          JsonObject *labels = json_node_get_object (node);
          g_autoptr(GList) languages = json_object_get_members (labels);

          json_builder_begin_object (builder);
          for (GList *m = languages; m != NULL; m = m->next)
            {
              const char *label = json_object_get_string_member_with_default (labels, m->data,
                                                                              "");
              g_autofree char *rewritten = rewrite (self, label, m->data, FALSE, NULL);

              json_builder_set_member_name (builder, m->data);
              json_builder_add_string_value (builder, rewritten);
            }
          json_builder_end_object (builder);
        }
      else
        json_builder_add_null_value (builder);
    }
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, NULL);
}

static gboolean
rewrite_attributes (Rewriter  *self,
                    GError   **error)
{
  sqlite3_stmt *select = NULL;
  sqlite3_stmt *update = NULL;
  gboolean ok = TRUE;

  if (sqlite3_prepare_v2 (self->db, "SELECT id, choices, choice_labels FROM attribute"
                                    " WHERE type = 'choice'", -1, &select, NULL) != SQLITE_OK ||
      sqlite3_prepare_v2 (self->db, "UPDATE attribute SET choices = ?2, choice_labels = ?3"
                                    " WHERE id = ?1", -1, &update, NULL) != SQLITE_OK)
    ok = sql_failed (self, error);
  while (ok && sqlite3_step (select) == SQLITE_ROW)
    {
      g_autofree char *choices = rewrite_lines (self,
                                                (const char *) sqlite3_column_text (select, 1));
      g_autofree char *labels = rewrite_labels (self,
                                                (const char *) sqlite3_column_text (select, 2));

      sqlite3_bind_int64 (update, 1, sqlite3_column_int64 (select, 0));
      shirabe_bind_text (update, 2, choices);
      shirabe_bind_text (update, 3, labels != NULL ? labels : "");
      if (sqlite3_step (update) != SQLITE_DONE)
        ok = sql_failed (self, error);
      sqlite3_reset (update);
    }
  sqlite3_finalize (select);
  sqlite3_finalize (update);
  if (!ok)
    return FALSE;

  {
    static const char * const columns[] = { "value" };
    static const char * const languages[] = { NULL };

    /* Text and choice values; numbers, dates and booleans hold no names. */
    return rewrite_columns (self, "attribute_value", columns, languages, 1,
                            "typeof (value) = 'text' AND attribute_id IN (SELECT id FROM attribute"
                            " WHERE type IN ('text', 'choice'))",
                            error);
  }
}

static gboolean
rewrite_meta (Rewriter  *self,
              GError   **error)
{
  static const char * const keys[] = { "name", "description" };
  g_autofree char *now = shirabe_now_iso8601 ();
  sqlite3_stmt *select = NULL;
  sqlite3_stmt *update = NULL;
  gboolean ok = TRUE;

  if (sqlite3_prepare_v2 (self->db, "SELECT value FROM project_meta WHERE key = ?1", -1,
                          &select, NULL) != SQLITE_OK ||
      sqlite3_prepare_v2 (self->db, "INSERT INTO project_meta (key, value) VALUES (?1, ?2)"
                                    " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                          -1, &update, NULL) != SQLITE_OK)
    ok = sql_failed (self, error);
  for (guint i = 0; ok && i < G_N_ELEMENTS (keys) + 1; i++)
    {
      g_autofree char *value = NULL;

      if (i < G_N_ELEMENTS (keys))
        {
          shirabe_bind_text (select, 1, keys[i]);
          if (sqlite3_step (select) == SQLITE_ROW)
            value = rewrite (self, (const char *) sqlite3_column_text (select, 0), NULL, FALSE,
                             NULL);
          sqlite3_reset (select);
          if (value == NULL)
            continue;
        }
      shirabe_bind_text (update, 1, i < G_N_ELEMENTS (keys) ? keys[i] : "pseudonymised_at");
      shirabe_bind_text (update, 2, i < G_N_ELEMENTS (keys) ? value : now);
      if (sqlite3_step (update) != SQLITE_DONE)
        ok = sql_failed (self, error);
      sqlite3_reset (update);
    }
  sqlite3_finalize (select);
  sqlite3_finalize (update);
  return ok;
}

static gboolean
exec_sql (Rewriter    *self,
          const char  *sql,
          GError     **error)
{
  if (sqlite3_exec (self->db, sql, NULL, NULL, NULL) != SQLITE_OK)
    return sql_failed (self, error);
  return TRUE;
}

static gboolean
rewrite_all (Rewriter  *self,
             GError   **error)
{
  static const char * const case_columns[] = { "name", "memo" };
  static const char * const case_languages[] = { NULL, NULL };
  static const char * const code_columns[] = {
    "label_en", "label_ja", "description_en", "description_ja"
  };
  static const char * const code_languages[] = { "en", "ja", "en", "ja" };
  g_autoptr(GArray) narratives = all_ids (self->db, "SELECT id FROM narrative ORDER BY id");

  if (!exec_sql (self, "BEGIN", error))
    return FALSE;
  for (guint i = 0; i < narratives->len; i++)
    if (cancelled (self, error) ||
        !rewrite_narrative (self, g_array_index (narratives, gint64, i), error))
      goto fail;
  if (!rewrite_columns (self, "cases", case_columns, case_languages, 2, NULL, error) ||
      !rewrite_columns (self, "code", code_columns, code_languages, 4, NULL, error) ||
      !rewrite_attributes (self, error) ||
      !rewrite_meta (self, error) ||
      /* The table itself holds every original: it stays in the project. */
      !exec_sql (self, "DELETE FROM pseudonym", error) ||
      !exec_sql (self, "INSERT INTO narrative_fts (narrative_fts) VALUES ('rebuild')", error) ||
      cancelled (self, error) ||
      !exec_sql (self, "COMMIT", error))
    goto fail;
  return TRUE;

fail:
  sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
  return FALSE;
}

static guint
count_unconfirmed (GPtrArray *entries)
{
  guint n = 0;

  for (guint i = 0; i < entries->len; i++)
    if (!((ShirabePseudonym *) g_ptr_array_index (entries, i))->confirmed)
      n++;
  return n;
}

/* Copies @project into memory and rewrites it there. Returns the database, or NULL. */
static sqlite3 *
pseudonymise_in_memory (ShirabeProject           *project,
                        GCancellable             *cancellable,
                        ShirabePseudonymReport  **report_out,
                        GError                  **error)
{
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(ShirabePseudonymMatcher) matcher = NULL;
  g_autoptr(ShirabePseudonymReport) report = NULL;
  g_autofree guint *totals = NULL;
  g_autofree guint *counts = NULL;
  g_autoptr(GArray) scratch = NULL;
  Rewriter self = { 0 };
  sqlite3_backup *backup;
  sqlite3 *db = NULL;
  guint n_entries;
  int rc;

  entries = shirabe_project_list_pseudonyms (project, error);
  if (entries == NULL)
    return NULL;
  matcher = shirabe_pseudonym_matcher_new (entries);
  n_entries = shirabe_pseudonym_matcher_get_n_entries (matcher);
  if (n_entries == 0)
    {
      g_autofree char *display = g_filename_display_basename (shirabe_project_get_path (project));

      g_set_error (error, SHIRABE_ERROR, SHIRABE_ERROR_INVALID,
                   _("The pseudonym table of the project “%s” has no confirmed entry: a "
                     "pseudonymised copy would replace nothing. Add names with “shirabe-cli "
                     "pseudonyms PROJECT add” or confirm suggestions first."), display);
      return NULL;
    }

  rc = sqlite3_open_v2 (":memory:", &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
  if (rc != SQLITE_OK)
    {
      shirabe_sqlite_error (db, rc, NULL, error);
      sqlite3_close (db);
      return NULL;
    }
  sqlite3_extended_result_codes (db, 1);
  shirabe_schema_secure_connection (db);
  backup = sqlite3_backup_init (db, "main", shirabe_project_get_db (project), "main");
  if (backup == NULL)
    {
      shirabe_sqlite_error (db, sqlite3_errcode (db), shirabe_project_get_path (project), error);
      sqlite3_close (db);
      return NULL;
    }
  rc = sqlite3_backup_step (backup, -1);
  sqlite3_backup_finish (backup);
  if (rc != SQLITE_DONE)
    {
      shirabe_sqlite_error (db, rc, shirabe_project_get_path (project), error);
      sqlite3_close (db);
      return NULL;
    }

  report = g_new0 (ShirabePseudonymReport, 1);
  report->narratives = g_ptr_array_new_with_free_func ((GDestroyNotify) narrative_free);
  report->totals = g_ptr_array_new_with_free_func ((GDestroyNotify) count_free);
  report->n_unconfirmed = count_unconfirmed (entries);
  totals = g_new0 (guint, n_entries);
  counts = g_new0 (guint, n_entries);
  scratch = g_array_new (FALSE, FALSE, sizeof (ShirabeReplacement));
  self.db = db;
  self.matcher = matcher;
  self.report = report;
  self.totals = totals;
  self.counts = counts;
  self.scratch = scratch;
  self.cancellable = cancellable;
  if (!rewrite_all (&self, error))
    {
      sqlite3_close (db);
      return NULL;
    }

  for (guint i = 0; i < report->narratives->len; i++)
    {
      ShirabePseudonymNarrative *narrative = g_ptr_array_index (report->narratives, i);

      report->n_codings += narrative->n_codings;
      report->n_widened += narrative->n_widened;
    }
  for (guint i = 0; i < n_entries; i++)
    {
      const ShirabePseudonym *entry = shirabe_pseudonym_matcher_get_entry (matcher, i);
      ShirabePseudonymCount *count = g_new0 (ShirabePseudonymCount, 1);

      count->real = g_strdup (entry->real);
      count->pseudonym = g_strdup (entry->pseudonym);
      count->count = totals[i];
      g_ptr_array_add (report->totals, count);
    }
  *report_out = g_steal_pointer (&report);
  return db;
}

/* Writes the rewritten database @db into the empty file @file. */
static gboolean
write_copy (sqlite3     *db,
            const char  *file,
            GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  /* The schema is the project's, checked when it was opened. */
  sqlite3_db_config (db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 1, NULL);
  rc = sqlite3_prepare_v2 (db, "VACUUM INTO ?1", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, file, -1, SQLITE_STATIC);
      rc = sqlite3_step (stmt);
    }
  sqlite3_finalize (stmt);
  sqlite3_db_config (db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, NULL);
  if (rc != SQLITE_DONE)
    return shirabe_sqlite_error (db, rc, file, error);
  return TRUE;
}

ShirabePseudonymReport *
shirabe_project_pseudonymise (ShirabeProject  *project,
                              const char      *path,
                              GCancellable    *cancellable,
                              GError         **error)
{
  g_autoptr(ShirabePseudonymReport) report = NULL;
  g_autofree char *dir = NULL, *base = NULL, *tmp_path = NULL, *display = NULL;
  sqlite3 *db;
  int fd;

  g_return_val_if_fail (SHIRABE_IS_PROJECT (project), NULL);
  g_return_val_if_fail (path != NULL, NULL);

  if (!shirabe_output_check_target (path, SHIRABE_OUTPUT_PROJECT, SHIRABE_OUTPUT_DEFAULT, error))
    return NULL;
  db = pseudonymise_in_memory (project, cancellable, &report, error);
  if (db == NULL)
    return NULL;

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
                   _("Cannot write the pseudonymised copy “%s”: %s"), display,
                   g_strerror (saved_errno));
      sqlite3_close (db);
      return NULL;
    }
  close (fd);
  if (!write_copy (db, tmp_path, error) ||
      !shirabe_sync_path (tmp_path, 0) ||
      !shirabe_output_check_target (path, SHIRABE_OUTPUT_PROJECT, SHIRABE_OUTPUT_DEFAULT,
                                    error) ||
      !shirabe_output_publish (tmp_path, path, error))
    {
      if (error != NULL && *error == NULL)
        g_set_error (error, SHIRABE_ERROR, SHIRABE_ERROR_FAILED,
                     _("Cannot write the pseudonymised copy “%s”: %s"), display,
                     g_strerror (errno));
      sqlite3_close (db);
      shirabe_project_remove_unfinished (tmp_path);
      return NULL;
    }
  sqlite3_close (db);
  shirabe_sync_path (dir, O_DIRECTORY);
  return g_steal_pointer (&report);
}

static void
pseudonymise_thread (GTask        *task,
                     gpointer      source_object,
                     gpointer      task_data,
                     GCancellable *cancellable)
{
  const char * const *paths = task_data;
  g_autoptr(ShirabeProject) project = NULL;
  ShirabePseudonymReport *report = NULL;
  GError *error = NULL;

  project = shirabe_project_open (paths[0],
                                  SHIRABE_PROJECT_READ_ONLY | SHIRABE_PROJECT_NO_HISTORY, &error);
  if (project != NULL)
    report = shirabe_project_pseudonymise (project, paths[1], cancellable, &error);
  if (project != NULL)
    shirabe_project_close (project, NULL);
  if (report == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, report, (GDestroyNotify) shirabe_pseudonym_report_free);
}

void
shirabe_project_pseudonymise_async (ShirabeProject      *project,
                                    const char          *path,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  char **paths;

  g_return_if_fail (SHIRABE_IS_PROJECT (project));
  g_return_if_fail (path != NULL);

  paths = g_new0 (char *, 3);
  paths[0] = g_strdup (shirabe_project_get_path (project));
  paths[1] = g_strdup (path);
  task = g_task_new (project, cancellable, callback, user_data);
  g_task_set_source_tag (task, shirabe_project_pseudonymise_async);
  g_task_set_task_data (task, paths, (GDestroyNotify) g_strfreev);
  g_task_run_in_thread (task, pseudonymise_thread);
}

ShirabePseudonymReport *
shirabe_project_pseudonymise_finish (ShirabeProject  *project,
                                     GAsyncResult    *result,
                                     GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, project), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

ShirabeProject *
shirabe_project_open_pseudonymised (ShirabeProject  *project,
                                    char           **folder,
                                    GError         **error)
{
  g_autoptr(ShirabePseudonymReport) report = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  ShirabeProject *copy;
  GError *local_error = NULL;

  g_return_val_if_fail (SHIRABE_IS_PROJECT (project), NULL);
  g_return_val_if_fail (folder != NULL, NULL);

  /* g_dir_make_tmp() makes the folder 0700. */
  dir = g_dir_make_tmp ("shirabe-pseudonymised-XXXXXX", &local_error);
  if (dir == NULL)
    {
      g_set_error (error, SHIRABE_ERROR, SHIRABE_ERROR_FAILED,
                   _("Cannot make a folder for the pseudonymised copy: %s"),
                   local_error->message);
      g_error_free (local_error);
      return NULL;
    }
  path = g_build_filename (dir, "pseudonymised.shirabe", NULL);
  report = shirabe_project_pseudonymise (project, path, NULL, error);
  copy = report != NULL
    ? shirabe_project_open (path, SHIRABE_PROJECT_READ_ONLY | SHIRABE_PROJECT_NO_HISTORY, error)
    : NULL;
  if (copy == NULL)
    {
      shirabe_pseudonymised_discard (NULL, dir);
      return NULL;
    }
  *folder = g_steal_pointer (&dir);
  return copy;
}

void
shirabe_pseudonymised_discard (ShirabeProject *copy,
                               const char     *folder)
{
  g_autofree char *path = NULL;

  if (copy != NULL)
    {
      shirabe_project_close (copy, NULL);
      g_object_unref (copy);
    }
  if (folder == NULL)
    return;
  path = g_build_filename (folder, "pseudonymised.shirabe", NULL);
  shirabe_project_remove_unfinished (path);
  g_rmdir (folder);
}
