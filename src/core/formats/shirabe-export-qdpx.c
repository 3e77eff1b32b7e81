/* shirabe-export-qdpx.c: the project as a REFI-QDA project (.qdpx) or codebook (.qdc)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Streamed both ways: rows come from SQLite one by one and go through libxml2's text writer
 * straight into the zip entry that libarchive compresses, so a study of 500,000 codings is
 * written in the memory of one narrative. The narratives' texts go first, as
 * sources/GUID.txt, then project.qde, whose size is not known before it is written (the zip
 * then carries it after the entry).
 *
 * What REFI-QDA has no field for (a code's label in the other language, variable names, a
 * narrative's language and kind…) goes on the last line of the element's description as
 * "[Shirabe] {JSON}", which other programs show as text and Shirabe reads back; see
 * docs/formats/refi-qda.md.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <string.h>
#include <unistd.h>

#include <archive.h>
#include <archive_entry.h>
#include <glib/gstdio.h>
#include <libxml/xmlwriter.h>

#include "shirabe-attribute.h"
#include "shirabe-document-private.h"
#include "shirabe-error.h"
#include "shirabe-i18n.h"
#include "shirabe-project-private.h"
#include "shirabe-qdpx-private.h"
#include "shirabe-pseudonymise.h"

typedef struct
{
  ShirabeProject      *project;
  ShirabeLanguage      language;
  const char          *display;
  struct archive      *archive;
  xmlTextWriterPtr     writer;
  gboolean             failed;        /* a write failed: the error is set at the end */
  char                *archive_error;
  GCancellable        *cancellable;
  ShirabeQdpxProgress  progress;
  gpointer             progress_data;
  guint64              done;
  guint64              total;
  GHashTable          *code_guids;    /* code id → GUID */
  GHashTable          *coder_guids;   /* coder id → GUID */
  GHashTable          *attributes;    /* attribute id → ShirabeAttribute */
} Exporter;

/* Writing: each helper does nothing once a write has failed. */

static void
start (Exporter   *self,
       const char *name)
{
  if (!self->failed && xmlTextWriterStartElement (self->writer, BAD_CAST name) < 0)
    self->failed = TRUE;
}

static void
end (Exporter *self)
{
  if (!self->failed && xmlTextWriterEndElement (self->writer) < 0)
    self->failed = TRUE;
}

static void
attr (Exporter   *self,
      const char *name,
      const char *value)
{
  g_autofree char *clean = NULL;

  if (self->failed || value == NULL)
    return;
  clean = shirabe_qdpx_xml_text (value);
  if (xmlTextWriterWriteAttribute (self->writer, BAD_CAST name, BAD_CAST clean) < 0)
    self->failed = TRUE;
}

static void
attr_int (Exporter   *self,
          const char *name,
          gint64      value)
{
  char buffer[32];

  g_snprintf (buffer, sizeof buffer, "%" G_GINT64_FORMAT, value);
  attr (self, name, buffer);
}

static void
text_element (Exporter   *self,
              const char *name,
              const char *text)
{
  g_autofree char *clean = NULL;

  if (self->failed || text == NULL || *text == '\0')
    return;
  clean = shirabe_qdpx_xml_text (text);
  if (xmlTextWriterWriteElement (self->writer, BAD_CAST name, BAD_CAST clean) < 0)
    self->failed = TRUE;
}

static void
ref_element (Exporter   *self,
             const char *name,
             const char *guid)
{
  start (self, name);
  attr (self, "targetGUID", guid);
  end (self);
}

/* A GUID for @uuid: itself when it is one (Shirabe's always are), else one made from it. */
static char *
guid_for (const char *kind,
          const char *uuid)
{
  char *guid = shirabe_qdpx_guid_normalize (uuid);

  return guid != NULL ? guid : shirabe_qdpx_derived_guid (kind, uuid != NULL ? uuid : "");
}

static const char *
pick (const char *want,
      const char *other)
{
  return want != NULL && *want != '\0' ? want : (other != NULL ? other : "");
}

static gboolean
check_cancelled (Exporter  *self,
                 GError   **error)
{
  if (g_cancellable_is_cancelled (self->cancellable))
    {
      g_set_error_literal (error, SHIRABE_ERROR, SHIRABE_ERROR_CANCELLED,
                           _("The export was cancelled; nothing was written"));
      return FALSE;
    }
  return TRUE;
}

static void
tick (Exporter *self)
{
  self->done++;
  if (self->progress != NULL && (self->done % 16 == 0 || self->done == self->total))
    self->progress (self->done, self->total, self->progress_data);
}

/* The zip */

static int
write_to_archive (void       *context,
                  const char *buffer,
                  int         length)
{
  Exporter *self = context;

  if (length <= 0)
    return 0;
  if (archive_write_data (self->archive, buffer, (size_t) length) != length)
    {
      if (self->archive_error == NULL)
        self->archive_error = g_strdup (archive_error_string (self->archive));
      return -1;
    }
  return length;
}

static int
close_nothing (void *context)
{
  return 0;
}

static gboolean
begin_entry (Exporter    *self,
             const char  *name,
             gint64       size)
{
  struct archive_entry *entry = archive_entry_new ();
  gboolean ok;

  archive_entry_set_pathname (entry, name);
  archive_entry_set_filetype (entry, AE_IFREG);
  archive_entry_set_perm (entry, 0644);
  archive_entry_set_mtime (entry, (time_t) (g_get_real_time () / G_USEC_PER_SEC), 0);
  if (size >= 0)
    archive_entry_set_size (entry, size);
  ok = archive_write_header (self->archive, entry) == ARCHIVE_OK;
  if (!ok && self->archive_error == NULL)
    self->archive_error = g_strdup (archive_error_string (self->archive));
  archive_entry_free (entry);
  return ok;
}

static gboolean
end_entry (Exporter *self)
{
  if (archive_write_finish_entry (self->archive) != ARCHIVE_OK)
    {
      if (self->archive_error == NULL)
        self->archive_error = g_strdup (archive_error_string (self->archive));
      return FALSE;
    }
  return TRUE;
}

/* The rows */

static gboolean
load_guids (Exporter    *self,
            const char  *sql,
            const char  *kind,
            GHashTable  *into,
            GError     **error)
{
  sqlite3_stmt *stmt = shirabe_project_prepare (self->project, sql, error);
  int rc = SQLITE_DONE;

  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_hash_table_insert (into, GINT_TO_POINTER (sqlite3_column_int64 (stmt, 0)),
                         guid_for (kind, (const char *) sqlite3_column_text (stmt, 1)));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return shirabe_project_set_sqlite_error (self->project, rc, error);
  return TRUE;
}

static gboolean
write_users (Exporter  *self,
             GError   **error)
{
  sqlite3_stmt *stmt = shirabe_project_prepare (self->project,
                                                "SELECT id, name FROM coder ORDER BY id", error);
  gboolean any = FALSE;
  int rc = SQLITE_DONE;

  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      if (!any)
        start (self, "Users");
      any = TRUE;
      start (self, "User");
      attr (self, "guid", g_hash_table_lookup (self->coder_guids,
                                               GINT_TO_POINTER (sqlite3_column_int64 (stmt, 0))));
      attr (self, "name", (const char *) sqlite3_column_text (stmt, 1));
      end (self);
    }
  sqlite3_reset (stmt);
  if (any)
    end (self);
  if (rc != SQLITE_DONE)
    return shirabe_project_set_sqlite_error (self->project, rc, error);
  return TRUE;
}

typedef struct
{
  gint64   id;
  gint64   parent_id;
  char    *label_en;
  char    *label_ja;
  char    *description_en;
  char    *description_ja;
  char    *color;
  char    *var_name;
  gboolean codable;
  char    *created_at;
} CodeRow;

static void
code_row_free (CodeRow *row)
{
  g_free (row->label_en);
  g_free (row->label_ja);
  g_free (row->description_en);
  g_free (row->description_ja);
  g_free (row->color);
  g_free (row->var_name);
  g_free (row->created_at);
  g_free (row);
}

static gpointer
code_row_new (sqlite3_stmt *stmt)
{
  CodeRow *row = g_new0 (CodeRow, 1);

  row->id = sqlite3_column_int64 (stmt, 0);
  row->parent_id = sqlite3_column_int64 (stmt, 1);
  row->label_en = shirabe_column_dup_text (stmt, 2);
  row->label_ja = shirabe_column_dup_text (stmt, 3);
  row->description_en = shirabe_column_dup_text (stmt, 4);
  row->description_ja = shirabe_column_dup_text (stmt, 5);
  row->color = shirabe_column_dup_text (stmt, 6);
  row->var_name = shirabe_column_dup_text (stmt, 7);
  row->codable = sqlite3_column_int (stmt, 8) != 0;
  row->created_at = shirabe_column_dup_text (stmt, 9);
  return row;
}

static void
put_text (JsonObject *extra,
          const char *key,
          const char *value)
{
  if (value != NULL && *value != '\0')
    json_object_set_string_member (extra, key, value);
}

/* Writes @rows' children of @parent_id (0: the top), depth first; @project_form adds the
 * elements only a project's codebook has. */
static void
write_codes (Exporter  *self,
             GPtrArray *rows,
             gint64     parent_id,
             guint      depth)
{
  gboolean ja = self->language == SHIRABE_LANGUAGE_JA;

  /* A loop in a damaged tree ends here rather than in a stack overflow. */
  if (depth > 64)
    return;
  for (guint i = 0; i < rows->len; i++)
    {
      CodeRow *row = rows->pdata[i];
      JsonObject *extra;
      g_autofree char *description = NULL;
      g_autofree char *guid = NULL;
      const char *label;

      if (row->parent_id != parent_id)
        continue;
      label = ja ? pick (row->label_ja, row->label_en) : pick (row->label_en, row->label_ja);
      extra = json_object_new ();
      json_object_set_string_member (extra, "lang", ja ? "ja" : "en");
      put_text (extra, "label_en", row->label_en);
      put_text (extra, "label_ja", row->label_ja);
      put_text (extra, ja ? "description_en" : "description_ja",
                ja ? row->description_en : row->description_ja);
      put_text (extra, "var_name", row->var_name);
      put_text (extra, "created", row->created_at);
      description = shirabe_qdpx_join_description (ja ? row->description_ja
                                                      : row->description_en,
                                                   extra);
      guid = g_strdup (g_hash_table_lookup (self->code_guids, GINT_TO_POINTER (row->id)));

      start (self, "Code");
      attr (self, "guid", guid);
      attr (self, "name", label);
      attr (self, "isCodable", row->codable ? "true" : "false");
      if (row->color != NULL && strlen (row->color) == 7)
        attr (self, "color", row->color);
      text_element (self, "Description", description);
      write_codes (self, rows, row->id, depth + 1);
      end (self);
    }
}

static gboolean
write_codebook (Exporter  *self,
                gboolean   in_project,
                GError   **error)
{
  g_autoptr(GPtrArray) rows = NULL;
  sqlite3_stmt *stmt;

  stmt = shirabe_project_prepare (self->project,
                                  "SELECT id, coalesce (parent_id, 0), label_en, label_ja,"
                                  " description_en, description_ja, color, var_name, codable,"
                                  " created_at FROM code ORDER BY position, id",
                                  error);
  if (stmt == NULL)
    return FALSE;
  rows = shirabe_project_collect (self->project, stmt, code_row_new,
                                  (GDestroyNotify) code_row_free, error);
  if (rows == NULL)
    return FALSE;
  if (rows->len == 0 && in_project)
    return TRUE;
  if (in_project)
    start (self, "CodeBook");
  start (self, "Codes");
  write_codes (self, rows, 0, 0);
  end (self);
  if (in_project)
    end (self);
  return TRUE;
}

static const char *
variable_type (ShirabeAttributeType type)
{
  switch (type)
    {
    case SHIRABE_ATTRIBUTE_INTEGER:
      return "Integer";
    case SHIRABE_ATTRIBUTE_NUMBER:
      return "Float";
    case SHIRABE_ATTRIBUTE_DATE:
      return "Date";
    case SHIRABE_ATTRIBUTE_BOOLEAN:
      return "Boolean";
    case SHIRABE_ATTRIBUTE_TEXT:
    case SHIRABE_ATTRIBUTE_CHOICE:
    default:
      return "Text";
    }
}

static JsonArray *
strv_to_array (char **strv)
{
  JsonArray *array = json_array_new ();

  for (guint i = 0; strv != NULL && strv[i] != NULL; i++)
    json_array_add_string_element (array, strv[i]);
  return array;
}

static gboolean
write_variables (Exporter  *self,
                 GError   **error)
{
  gboolean ja = self->language == SHIRABE_LANGUAGE_JA;
  gboolean any = FALSE;

  for (int scope = SHIRABE_SCOPE_CASE; scope <= SHIRABE_SCOPE_NARRATIVE; scope++)
    {
      g_autoptr(GPtrArray) attributes = shirabe_project_list_attributes (self->project, scope,
                                                                         error);

      if (attributes == NULL)
        return FALSE;
      for (guint i = 0; i < attributes->len; i++)
        {
          ShirabeAttribute *attribute = attributes->pdata[i];
          JsonObject *extra = json_object_new ();
          g_autofree char *description = NULL;
          g_autofree char *guid = guid_for ("attribute", attribute->uuid);

          json_object_set_string_member (extra, "lang", ja ? "ja" : "en");
          json_object_set_string_member (extra, "scope",
                                         shirabe_attribute_scope_to_string (attribute->scope));
          put_text (extra, "name_en", attribute->name_en);
          put_text (extra, "name_ja", attribute->name_ja);
          put_text (extra, ja ? "description_en" : "description_ja",
                    ja ? attribute->description_en : attribute->description_ja);
          put_text (extra, "var_name", attribute->var_name);
          if (attribute->type == SHIRABE_ATTRIBUTE_CHOICE)
            {
              json_object_set_string_member (extra, "type", "choice");
              json_object_set_array_member (extra, "choices", strv_to_array (attribute->choices));
              json_object_set_array_member (extra, "choice_labels_en",
                                            strv_to_array (attribute->choice_labels_en));
              json_object_set_array_member (extra, "choice_labels_ja",
                                            strv_to_array (attribute->choice_labels_ja));
            }
          description = shirabe_qdpx_join_description (ja ? attribute->description_ja
                                                          : attribute->description_en,
                                                       extra);
          if (!any)
            start (self, "Variables");
          any = TRUE;
          start (self, "Variable");
          attr (self, "guid", guid);
          attr (self, "name", ja ? pick (attribute->name_ja, attribute->name_en)
                                 : pick (attribute->name_en, attribute->name_ja));
          attr (self, "typeOfVariable", variable_type (attribute->type));
          text_element (self, "Description", description);
          end (self);
          /* The values below need the attribute: the table takes it over. */
          g_hash_table_insert (self->attributes, GINT_TO_POINTER (attribute->id), attribute);
          attributes->pdata[i] = NULL;
        }
    }
  if (any)
    end (self);
  return TRUE;
}

/* xsd:decimal has no exponent: 1e21 is written out in full. */
static void
format_decimal (double  value,
                char   *buffer,
                gsize   size)
{
  g_ascii_dtostr (buffer, size, value);
  if (strchr (buffer, 'e') != NULL || strchr (buffer, 'E') != NULL)
    g_ascii_formatd (buffer, size, fabs (value) >= 1 ? "%.0f" : "%.20f", value);
  else if (strchr (buffer, '.') == NULL && strlen (buffer) + 2 < size)
    strcat (buffer, ".0");
}

static gboolean
is_date (const char *text)
{
  return text != NULL && strlen (text) == 10 && g_ascii_isdigit (text[0]) && text[4] == '-' &&
         text[7] == '-';
}

/* The VariableValues of one case or narrative: @stmt yields (attribute id, value). */
static gboolean
write_values (Exporter      *self,
              sqlite3_stmt  *stmt,
              GError       **error)
{
  int rc = SQLITE_DONE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      ShirabeAttribute *attribute =
        g_hash_table_lookup (self->attributes, GINT_TO_POINTER (sqlite3_column_int64 (stmt, 0)));
      const char *text = (const char *) sqlite3_column_text (stmt, 1);
      g_autofree char *guid = NULL;
      char buffer[G_ASCII_DTOSTR_BUF_SIZE + 32];

      if (attribute == NULL || sqlite3_column_type (stmt, 1) == SQLITE_NULL)
        continue;
      guid = guid_for ("attribute", attribute->uuid);
      start (self, "VariableValue");
      ref_element (self, "VariableRef", guid);
      switch (attribute->type)
        {
        case SHIRABE_ATTRIBUTE_INTEGER:
          g_snprintf (buffer, sizeof buffer, "%" G_GINT64_FORMAT,
                      (gint64) sqlite3_column_int64 (stmt, 1));
          text_element (self, "IntegerValue", buffer);
          break;
        case SHIRABE_ATTRIBUTE_NUMBER:
          format_decimal (sqlite3_column_double (stmt, 1), buffer, sizeof buffer);
          text_element (self, "FloatValue", buffer);
          break;
        case SHIRABE_ATTRIBUTE_BOOLEAN:
          text_element (self, "BooleanValue",
                        sqlite3_column_int64 (stmt, 1) != 0 ? "true" : "false");
          break;
        case SHIRABE_ATTRIBUTE_DATE:
          text_element (self, is_date (text) ? "DateValue" : "TextValue", text);
          break;
        case SHIRABE_ATTRIBUTE_TEXT:
        case SHIRABE_ATTRIBUTE_CHOICE:
        default:
          /* An empty TextValue is still a value. */
          start (self, "TextValue");
          if (!self->failed && text != NULL && *text != '\0')
            {
              g_autofree char *clean = shirabe_qdpx_xml_text (text);

              if (xmlTextWriterWriteString (self->writer, BAD_CAST clean) < 0)
                self->failed = TRUE;
            }
          end (self);
          break;
        }
      end (self);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return shirabe_project_set_sqlite_error (self->project, rc, error);
  return TRUE;
}

static gboolean
write_cases (Exporter  *self,
             GError   **error)
{
  sqlite3_stmt *cases;
  sqlite3_stmt *values;
  sqlite3_stmt *narratives;
  gboolean any = FALSE;
  int rc = SQLITE_DONE;

  cases = shirabe_project_prepare (self->project,
                                   "SELECT id, uuid, name, memo, created_at FROM cases"
                                   " ORDER BY position, id", error);
  values = shirabe_project_prepare (self->project,
                                    "SELECT v.attribute_id, v.value FROM attribute_value v"
                                    " JOIN attribute a ON a.id = v.attribute_id"
                                    " WHERE v.case_id = ?1 ORDER BY a.position, a.id", error);
  narratives = shirabe_project_prepare (self->project,
                                        "SELECT uuid FROM narrative WHERE case_id = ?1"
                                        " ORDER BY position, id", error);
  if (cases == NULL || values == NULL || narratives == NULL)
    return FALSE;
  while (!self->failed && (rc = sqlite3_step (cases)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (cases, 0);
      g_autofree char *guid = guid_for ("case", (const char *) sqlite3_column_text (cases, 1));
      JsonObject *extra = json_object_new ();
      g_autofree char *description = NULL;
      int step = SQLITE_DONE;

      put_text (extra, "created", (const char *) sqlite3_column_text (cases, 4));
      description = shirabe_qdpx_join_description ((const char *) sqlite3_column_text (cases, 3),
                                                   extra);
      if (!any)
        start (self, "Cases");
      any = TRUE;
      start (self, "Case");
      attr (self, "guid", guid);
      attr (self, "name", (const char *) sqlite3_column_text (cases, 2));
      text_element (self, "Description", description);
      sqlite3_bind_int64 (values, 1, id);
      if (!write_values (self, values, error))
        {
          sqlite3_reset (cases);
          return FALSE;
        }
      sqlite3_bind_int64 (narratives, 1, id);
      while ((step = sqlite3_step (narratives)) == SQLITE_ROW)
        {
          g_autofree char *source = guid_for ("narrative",
                                              (const char *) sqlite3_column_text (narratives, 0));

          ref_element (self, "SourceRef", source);
        }
      sqlite3_reset (narratives);
      if (step != SQLITE_DONE)
        {
          sqlite3_reset (cases);
          return shirabe_project_set_sqlite_error (self->project, step, error);
        }
      end (self);
    }
  sqlite3_reset (cases);
  if (any)
    end (self);
  if (!self->failed && rc != SQLITE_DONE)
    return shirabe_project_set_sqlite_error (self->project, rc, error);
  return TRUE;
}

#define NARRATIVES_IN_ORDER \
  " FROM narrative n JOIN cases c ON c.id = n.case_id" \
  " ORDER BY c.position, c.id, n.position, n.id"

/* The texts, first: each is a whole entry of known size. */
static gboolean
write_texts (Exporter  *self,
             GError   **error)
{
  sqlite3_stmt *stmt = shirabe_project_prepare (self->project,
                                                "SELECT n.uuid, n.text" NARRATIVES_IN_ORDER,
                                                error);
  int rc = SQLITE_DONE;

  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autofree char *guid = guid_for ("narrative", (const char *) sqlite3_column_text (stmt, 0));
      g_autofree char *name = g_strdup_printf ("sources/%s.txt", guid);
      const char *text = (const char *) sqlite3_column_text (stmt, 1);
      int size = sqlite3_column_bytes (stmt, 1);

      if (!check_cancelled (self, error))
        {
          sqlite3_reset (stmt);
          return FALSE;
        }
      if (!begin_entry (self, name, size) ||
          (size > 0 && archive_write_data (self->archive, text, (size_t) size) != size) ||
          !end_entry (self))
        {
          self->failed = TRUE;
          sqlite3_reset (stmt);
          return TRUE;
        }
      tick (self);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return shirabe_project_set_sqlite_error (self->project, rc, error);
  return TRUE;
}

static gboolean
write_sources (Exporter  *self,
               gboolean  *any_notes,
               GError   **error)
{
  sqlite3_stmt *stmt;
  sqlite3_stmt *codings;
  sqlite3_stmt *values;
  gboolean any = FALSE;
  int rc = SQLITE_DONE;

  stmt = shirabe_project_prepare (self->project,
                                  "SELECT n.id, n.uuid, n.title, n.language, n.kind, n.status,"
                                  " n.memo, n.created_at, n.origin_file, n.origin_encoding,"
                                  " (SELECT uuid FROM narrative t WHERE t.id = n.translation_of),"
                                  " n.origin_sha256"
                                  NARRATIVES_IN_ORDER,
                                  error);
  codings = shirabe_project_prepare (self->project,
                                     "SELECT uuid, start, end, memo, created_at, code_id,"
                                     " coder_id FROM coding WHERE narrative_id = ?1"
                                     " ORDER BY start, end, id", error);
  values = shirabe_project_prepare (self->project,
                                    "SELECT v.attribute_id, v.value FROM attribute_value v"
                                    " JOIN attribute a ON a.id = v.attribute_id"
                                    " WHERE v.narrative_id = ?1 ORDER BY a.position, a.id",
                                    error);
  if (stmt == NULL || codings == NULL || values == NULL)
    return FALSE;
  while (!self->failed && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      const char *uuid = (const char *) sqlite3_column_text (stmt, 1);
      g_autofree char *guid = guid_for ("narrative", uuid);
      g_autofree char *path = g_strdup_printf ("internal://%s.txt", guid);
      const char *memo = (const char *) sqlite3_column_text (stmt, 6);
      const char *created = (const char *) sqlite3_column_text (stmt, 7);
      JsonObject *extra = json_object_new ();
      g_autofree char *description = NULL;
      int step = SQLITE_DONE;

      if (!check_cancelled (self, error))
        {
          sqlite3_reset (stmt);
          return FALSE;
        }
      put_text (extra, "language", (const char *) sqlite3_column_text (stmt, 3));
      put_text (extra, "kind", (const char *) sqlite3_column_text (stmt, 4));
      if (sqlite3_column_int (stmt, 5) != 0)
        json_object_set_int_member (extra, "status", sqlite3_column_int (stmt, 5));
      put_text (extra, "origin_file", (const char *) sqlite3_column_text (stmt, 8));
      put_text (extra, "origin_encoding", (const char *) sqlite3_column_text (stmt, 9));
      put_text (extra, "translation_of", (const char *) sqlite3_column_text (stmt, 10));
      put_text (extra, "origin_sha256", (const char *) sqlite3_column_text (stmt, 11));
      description = shirabe_qdpx_join_description ("", extra);

      if (!any)
        start (self, "Sources");
      any = TRUE;
      start (self, "TextSource");
      attr (self, "guid", guid);
      attr (self, "name", (const char *) sqlite3_column_text (stmt, 2));
      attr (self, "plainTextPath", path);
      if (shirabe_qdpx_is_date_time (created))
        attr (self, "creationDateTime", created);
      text_element (self, "Description", description);

      sqlite3_bind_int64 (codings, 1, id);
      while (!self->failed && (step = sqlite3_step (codings)) == SQLITE_ROW)
        {
          const char *coding_uuid = (const char *) sqlite3_column_text (codings, 0);
          g_autofree char *coding_guid = guid_for ("coding", coding_uuid);
          g_autofree char *selection = shirabe_qdpx_derived_guid ("selection", coding_guid);
          const char *coding_memo = (const char *) sqlite3_column_text (codings, 3);
          const char *coding_created = (const char *) sqlite3_column_text (codings, 4);
          const char *code = g_hash_table_lookup (self->code_guids,
                                                  GINT_TO_POINTER (sqlite3_column_int64 (codings,
                                                                                         5)));
          const char *coder = g_hash_table_lookup (self->coder_guids,
                                                   GINT_TO_POINTER (sqlite3_column_int64 (codings,
                                                                                          6)));

          start (self, "PlainTextSelection");
          attr (self, "guid", selection);
          attr_int (self, "startPosition", sqlite3_column_int64 (codings, 1));
          attr_int (self, "endPosition", sqlite3_column_int64 (codings, 2));
          attr (self, "creatingUser", coder);
          if (shirabe_qdpx_is_date_time (coding_created))
            attr (self, "creationDateTime", coding_created);
          start (self, "Coding");
          attr (self, "guid", coding_guid);
          attr (self, "creatingUser", coder);
          if (shirabe_qdpx_is_date_time (coding_created))
            attr (self, "creationDateTime", coding_created);
          ref_element (self, "CodeRef", code);
          end (self);
          if (coding_memo != NULL && *coding_memo != '\0')
            {
              g_autofree char *note = shirabe_qdpx_derived_guid ("note", coding_guid);

              ref_element (self, "NoteRef", note);
              *any_notes = TRUE;
            }
          end (self);
        }
      sqlite3_reset (codings);
      if (!self->failed && step != SQLITE_DONE)
        {
          sqlite3_reset (stmt);
          return shirabe_project_set_sqlite_error (self->project, step, error);
        }
      if (memo != NULL && *memo != '\0')
        {
          g_autofree char *note = shirabe_qdpx_derived_guid ("note", guid);

          ref_element (self, "NoteRef", note);
          *any_notes = TRUE;
        }
      sqlite3_bind_int64 (values, 1, id);
      if (!write_values (self, values, error))
        {
          sqlite3_reset (stmt);
          return FALSE;
        }
      end (self);
      tick (self);
    }
  sqlite3_reset (stmt);
  if (any)
    end (self);
  if (!self->failed && rc != SQLITE_DONE)
    return shirabe_project_set_sqlite_error (self->project, rc, error);
  return TRUE;
}

static void
write_note (Exporter   *self,
            const char *owner_guid,
            const char *name,
            const char *text)
{
  g_autofree char *guid = shirabe_qdpx_derived_guid ("note", owner_guid);

  start (self, "Note");
  attr (self, "guid", guid);
  attr (self, "name", name);
  text_element (self, "PlainTextContent", text);
  end (self);
}

static gboolean
write_notes (Exporter  *self,
             GError   **error)
{
  sqlite3_stmt *stmt;
  int rc = SQLITE_DONE;

  start (self, "Notes");
  stmt = shirabe_project_prepare (self->project,
                                  "SELECT n.uuid, n.title, n.memo" NARRATIVES_IN_ORDER, error);
  if (stmt == NULL)
    return FALSE;
  while (!self->failed && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *memo = (const char *) sqlite3_column_text (stmt, 2);
      g_autofree char *guid = NULL;

      if (memo == NULL || *memo == '\0')
        continue;
      guid = guid_for ("narrative", (const char *) sqlite3_column_text (stmt, 0));
      write_note (self, guid, (const char *) sqlite3_column_text (stmt, 1), memo);
    }
  sqlite3_reset (stmt);
  if (!self->failed && rc != SQLITE_DONE)
    return shirabe_project_set_sqlite_error (self->project, rc, error);

  stmt = shirabe_project_prepare (self->project,
                                  "SELECT uuid, memo FROM coding WHERE memo <> '' ORDER BY id",
                                  error);
  if (stmt == NULL)
    return FALSE;
  while (!self->failed && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autofree char *guid = guid_for ("coding", (const char *) sqlite3_column_text (stmt, 0));

      write_note (self, guid, NULL, (const char *) sqlite3_column_text (stmt, 1));
    }
  sqlite3_reset (stmt);
  end (self);
  if (!self->failed && rc != SQLITE_DONE)
    return shirabe_project_set_sqlite_error (self->project, rc, error);
  return TRUE;
}

static gboolean
write_project (Exporter  *self,
               GError   **error)
{
  g_autofree char *name = shirabe_project_dup_name (self->project);
  g_autofree char *created = shirabe_project_dup_meta (self->project, "created_at");
  g_autofree char *description = shirabe_project_dup_meta (self->project, "description");
  g_autofree char *origin = g_strdup_printf ("Shirabe %s", PACKAGE_VERSION);
  gboolean any_notes = FALSE;

  if (xmlTextWriterStartDocument (self->writer, "1.0", "utf-8", NULL) < 0)
    self->failed = TRUE;
  start (self, "Project");
  attr (self, "xmlns", SHIRABE_QDPX_NS_PROJECT);
  attr (self, "xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance");
  attr (self, "xsi:schemaLocation",
        SHIRABE_QDPX_NS_PROJECT
        " http://schema.qdasoftware.org/versions/Project/v1.0/Project.xsd");
  attr (self, "name", name != NULL && *name != '\0' ? name : "Shirabe");
  attr (self, "origin", origin);
  if (shirabe_qdpx_is_date_time (created))
    attr (self, "creationDateTime", created);
  if (!write_users (self, error) ||
      !write_codebook (self, TRUE, error) ||
      !write_variables (self, error) ||
      !write_cases (self, error) ||
      !write_sources (self, &any_notes, error))
    return FALSE;
  if (!any_notes)
    {
      /* A narrative's memo has a NoteRef only when it has codings or not: look once more. */
      sqlite3_stmt *stmt = shirabe_project_prepare (self->project,
                                                    "SELECT EXISTS (SELECT 1 FROM narrative"
                                                    " WHERE memo <> '')", error);

      if (stmt == NULL)
        return FALSE;
      any_notes = shirabe_project_query_id (self->project, stmt, NULL) != 0;
    }
  if (any_notes && !write_notes (self, error))
    return FALSE;
  text_element (self, "Description", description);
  end (self);
  if (!self->failed && xmlTextWriterEndDocument (self->writer) < 0)
    self->failed = TRUE;
  return TRUE;
}

static gboolean
count_narratives (Exporter  *self,
                  GError   **error)
{
  sqlite3_stmt *stmt = shirabe_project_prepare (self->project, "SELECT count(*) FROM narrative",
                                                error);
  int rc = SQLITE_DONE;

  if (stmt == NULL)
    return FALSE;
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    self->total = 2 * (guint64) sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return rc == SQLITE_ROW || shirabe_project_set_sqlite_error (self->project, rc, error);
}

static void
exporter_clear (Exporter *self)
{
  g_clear_pointer (&self->code_guids, g_hash_table_unref);
  g_clear_pointer (&self->coder_guids, g_hash_table_unref);
  g_clear_pointer (&self->attributes, g_hash_table_unref);
  g_clear_pointer (&self->archive_error, g_free);
}

static void
exporter_init (Exporter            *self,
               ShirabeProject      *project,
               ShirabeLanguage      language,
               const char          *display,
               ShirabeQdpxProgress  progress,
               gpointer             progress_data,
               GCancellable        *cancellable)
{
  memset (self, 0, sizeof *self);
  self->project = project;
  self->language = language;
  self->display = display;
  self->progress = progress;
  self->progress_data = progress_data;
  self->cancellable = cancellable;
  self->code_guids = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  self->coder_guids = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  self->attributes = g_hash_table_new_full (NULL, NULL, NULL,
                                            (GDestroyNotify) shirabe_attribute_free);
}

/* A private temporary file beside @path, so the rename stays on one file system. */
static int
open_temporary (const char  *path,
                char       **tmp_path,
                GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *tmp_name = g_strdup_printf (".%s.XXXXXX", base);
  int fd;

  *tmp_path = g_build_filename (dir, tmp_name, NULL);
  fd = g_mkstemp_full (*tmp_path, O_RDWR | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      int saved_errno = errno;
      g_autofree char *display = g_filename_display_name (path);

      g_set_error (error, SHIRABE_ERROR,
                   saved_errno == ENOSPC ? SHIRABE_ERROR_FULL : SHIRABE_ERROR_FAILED,
                   _("Cannot write “%s”: %s"), display, g_strerror (saved_errno));
      g_clear_pointer (tmp_path, g_free);
    }
  return fd;
}

static gboolean
finish_file (const char          *tmp_path,
             int                  fd,
             const char          *path,
             ShirabeOutputKind    kind,
             ShirabeOutputFlags   flags,
             GError             **error)
{
  g_autofree char *display = g_filename_display_name (path);

  if (fsync (fd) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, SHIRABE_ERROR,
                   saved_errno == ENOSPC ? SHIRABE_ERROR_FULL : SHIRABE_ERROR_FAILED,
                   _("Cannot write “%s”: %s"), display, g_strerror (saved_errno));
      return FALSE;
    }
  /* Checked again: something may have appeared at @path meanwhile. */
  if (!shirabe_output_check_target (path, kind, flags, error))
    return FALSE;
  if (g_rename (tmp_path, path) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, SHIRABE_ERROR, SHIRABE_ERROR_FAILED, _("Cannot write “%s”: %s"),
                   display, g_strerror (saved_errno));
      return FALSE;
    }
  return TRUE;
}

static void
set_write_error (Exporter  *self,
                 GError   **error)
{
  g_set_error (error, SHIRABE_ERROR, SHIRABE_ERROR_FAILED, _("Cannot write “%s”: %s"),
               self->display,
               self->archive_error != NULL ? self->archive_error : g_strerror (errno));
}

gboolean
shirabe_project_export_qdpx (ShirabeProject      *project,
                             const char          *path,
                             ShirabeLanguage      language,
                             ShirabeOutputFlags   flags,
                             ShirabeQdpxProgress  progress,
                             gpointer             progress_data,
                             GCancellable        *cancellable,
                             GError             **error)
{
  g_autofree char *display = NULL;
  g_autofree char *tmp_path = NULL;
  xmlOutputBufferPtr output;
  Exporter self;
  gboolean ok = FALSE;
  int fd;

  g_return_val_if_fail (SHIRABE_IS_PROJECT (project), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (!shirabe_output_check_target (path, SHIRABE_OUTPUT_QDPX, flags, error))
    return FALSE;
  if (flags & SHIRABE_OUTPUT_PSEUDONYMISE)
    {
      g_autofree char *folder = NULL;
      ShirabeProject *copy = shirabe_project_open_pseudonymised (project, &folder, error);

      if (copy == NULL)
        return FALSE;
      ok = shirabe_project_export_qdpx (copy, path, language, flags & ~SHIRABE_OUTPUT_PSEUDONYMISE,
                                        progress, progress_data, cancellable, error);
      shirabe_pseudonymised_discard (copy, folder);
      return ok;
    }
  display = g_filename_display_name (path);
  fd = open_temporary (path, &tmp_path, error);
  if (fd < 0)
    return FALSE;

  shirabe_xml_init ();
  exporter_init (&self, project, language, display, progress, progress_data, cancellable);
  self.archive = archive_write_new ();
  archive_write_set_format_zip (self.archive);
  if (archive_write_open_fd (self.archive, fd) != ARCHIVE_OK)
    {
      set_write_error (&self, error);
      goto out;
    }
  if (!count_narratives (&self, error) ||
      !load_guids (&self, "SELECT id, uuid FROM code", "code", self.code_guids, error) ||
      !load_guids (&self, "SELECT id, uuid FROM coder", "coder", self.coder_guids, error) ||
      !write_texts (&self, error))
    goto out;
  if (self.failed)
    {
      set_write_error (&self, error);
      goto out;
    }

  if (!begin_entry (&self, "project.qde", -1))
    {
      set_write_error (&self, error);
      goto out;
    }
  output = xmlOutputBufferCreateIO (write_to_archive, close_nothing, &self, NULL);
  self.writer = output != NULL ? xmlNewTextWriter (output) : NULL;
  if (self.writer == NULL)
    {
      set_write_error (&self, error);
      goto out;
    }
  xmlTextWriterSetIndent (self.writer, 1);
  xmlTextWriterSetIndentString (self.writer, BAD_CAST " ");
  if (!write_project (&self, error))
    goto out;
  if (xmlTextWriterFlush (self.writer) < 0)
    self.failed = TRUE;
  g_clear_pointer (&self.writer, xmlFreeTextWriter);
  if (self.failed || !end_entry (&self) || archive_write_close (self.archive) != ARCHIVE_OK)
    {
      if (self.archive_error == NULL)
        self.archive_error = g_strdup (archive_error_string (self.archive));
      set_write_error (&self, error);
      goto out;
    }
  ok = finish_file (tmp_path, fd, path, SHIRABE_OUTPUT_QDPX, flags, error);

out:
  g_clear_pointer (&self.writer, xmlFreeTextWriter);
  archive_write_free (self.archive);
  close (fd);
  if (!ok)
    g_unlink (tmp_path);
  exporter_clear (&self);
  return ok;
}

gboolean
shirabe_project_export_qdc (ShirabeProject      *project,
                            const char          *path,
                            ShirabeLanguage      language,
                            ShirabeOutputFlags   flags,
                            GError             **error)
{
  g_autofree char *display = NULL;
  g_autofree char *tmp_path = NULL;
  g_autofree char *origin = g_strdup_printf ("Shirabe %s", PACKAGE_VERSION);
  xmlOutputBufferPtr output;
  Exporter self;
  gboolean ok = FALSE;
  int fd;

  g_return_val_if_fail (SHIRABE_IS_PROJECT (project), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (!shirabe_output_check_target (path, SHIRABE_OUTPUT_TEXT, flags, error))
    return FALSE;
  if (flags & SHIRABE_OUTPUT_PSEUDONYMISE)
    {
      g_autofree char *folder = NULL;
      ShirabeProject *copy = shirabe_project_open_pseudonymised (project, &folder, error);

      if (copy == NULL)
        return FALSE;
      ok = shirabe_project_export_qdc (copy, path, language, flags & ~SHIRABE_OUTPUT_PSEUDONYMISE,
                                       error);
      shirabe_pseudonymised_discard (copy, folder);
      return ok;
    }
  display = g_filename_display_name (path);
  fd = open_temporary (path, &tmp_path, error);
  if (fd < 0)
    return FALSE;

  shirabe_xml_init ();
  exporter_init (&self, project, language, display, NULL, NULL, NULL);
  if (!load_guids (&self, "SELECT id, uuid FROM code", "code", self.code_guids, error))
    goto out;
  {
    sqlite3_stmt *stmt = shirabe_project_prepare (project, "SELECT EXISTS (SELECT 1 FROM code)",
                                                  error);

    if (stmt == NULL)
      goto out;
    if (shirabe_project_query_id (project, stmt, NULL) == 0)
      {
        /* The schema wants one code at least. */
        g_set_error_literal (error, SHIRABE_ERROR, SHIRABE_ERROR_EMPTY,
                             _("The codebook is empty: there is nothing to export"));
        goto out;
      }
  }
  output = xmlOutputBufferCreateFd (fd, NULL);
  self.writer = output != NULL ? xmlNewTextWriter (output) : NULL;
  if (self.writer == NULL)
    {
      set_write_error (&self, error);
      goto out;
    }
  xmlTextWriterSetIndent (self.writer, 1);
  xmlTextWriterSetIndentString (self.writer, BAD_CAST " ");
  if (xmlTextWriterStartDocument (self.writer, "1.0", "utf-8", NULL) < 0)
    self.failed = TRUE;
  start (&self, "CodeBook");
  attr (&self, "xmlns", SHIRABE_QDPX_NS_CODEBOOK);
  attr (&self, "origin", origin);
  if (!write_codebook (&self, FALSE, error))
    goto out;
  end (&self);
  if (!self.failed && (xmlTextWriterEndDocument (self.writer) < 0 ||
                       xmlTextWriterFlush (self.writer) < 0))
    self.failed = TRUE;
  g_clear_pointer (&self.writer, xmlFreeTextWriter);
  if (self.failed)
    {
      set_write_error (&self, error);
      goto out;
    }
  ok = finish_file (tmp_path, fd, path, SHIRABE_OUTPUT_TEXT, flags, error);

out:
  g_clear_pointer (&self.writer, xmlFreeTextWriter);
  close (fd);
  if (!ok)
    g_unlink (tmp_path);
  exporter_clear (&self);
  return ok;
}
