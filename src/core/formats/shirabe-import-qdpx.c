/* shirabe-import-qdpx.c: a REFI-QDA project (.qdpx) as a new project, and a REFI-QDA codebook
 * (.qdc) merged into a project's codebook
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Two passes over the zip, each streamed. The first reads project.qde with libxml2's
 * streaming reader and writes every row as it comes: coders, codes, attributes, cases, one
 * narrative per text source (its text still empty) and its codings at the positions the file
 * gives. The second reads the sources' texts one by one; each is made Shirabe's text (no BOM,
 * LF line ends) and its codings are moved with it and checked against its length. So the
 * order of the entries does not matter (NVivo puts project.qde last) and memory holds one
 * text at a time, never the project's tree.
 *
 * Real files differ from the standard (PROVENANCE.md in the samples): names are matched by
 * local name whatever the namespace, project.qde and sources/ in any case, plainTextPath
 * with or without internal://, GUIDs in any case and with braces. What has no place in
 * Shirabe is counted in the report by kind; what cannot be imported item by item is reported
 * by item, and the rest is imported. Everything happens inside
 * shirabe_project_create_file(), so a refused file leaves no project behind.
 *
 * This file holds the importer, its XML cursor and the project's users, codebook, variables
 * and cases; shirabe-import-qdpx-sources.c the sources, selections and notes;
 * shirabe-import-qdpx-archive.c the passes over the zip.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include <archive.h>
#include <archive_entry.h>
#include <glib/gstdio.h>
#include <libxml/xmlreader.h>

#include "shirabe-attribute.h"
#include "shirabe-document-private.h"
#include "shirabe-error.h"
#include "shirabe-i18n.h"
#include "shirabe-project-private.h"
#include "shirabe-qdpx-private.h"
#include "shirabe-text.h"
#include "shirabe-import-qdpx-private.h"

void
qdpx_importer_source_free (Source *source)
{
  g_free (source->guid);
  g_free (source->name);
  g_free (source->translation_of);
  g_clear_pointer (&source->whole, g_ptr_array_unref);
  g_free (source);
}

void
qdpx_importer_whole_coding_free (WholeCoding *coding)
{
  g_free (coding->guid);
  g_free (coding->created_at);
  g_free (coding);
}

static void
variable_free (Variable *variable)
{
  g_free (variable->guid);
  g_free (variable->name);
  g_free (variable->type);
  g_free (variable->description);
  g_clear_pointer (&variable->extra, json_object_unref);
  g_strfreev (variable->choices);
  g_free (variable);
}


static void
importer_init (Importer          *self,
               ShirabeProject    *project,
               const char        *path,
               const char        *display,
               ShirabeQdpxReport *report)
{
  memset (self, 0, sizeof *self);
  self->project = project;
  self->path = path;
  self->display = display;
  self->report = report;
  self->now = shirabe_now_iso8601 ();
  self->project_description = g_string_new (NULL);
  self->coders = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->coder_names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->codes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->variables = g_hash_table_new (g_str_hash, g_str_equal);
  self->variable_order = g_ptr_array_new_with_free_func ((GDestroyNotify) variable_free);
  self->cases = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->source_cases = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->sources = g_hash_table_new (g_str_hash, g_str_equal);
  self->source_order = g_ptr_array_new_with_free_func ((GDestroyNotify) qdpx_importer_source_free);
  self->source_paths = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->note_targets = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                              (GDestroyNotify) g_array_unref);
  self->note_paths = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

static void
importer_clear (Importer *self)
{
  g_free (self->now);
  g_free (self->project_name);
  g_string_free (self->project_description, TRUE);
  g_hash_table_unref (self->coders);
  g_hash_table_unref (self->coder_names);
  g_hash_table_unref (self->codes);
  g_hash_table_unref (self->variables);
  g_ptr_array_unref (self->variable_order);
  g_hash_table_unref (self->cases);
  g_hash_table_unref (self->source_cases);
  g_hash_table_unref (self->sources);
  g_ptr_array_unref (self->source_order);
  g_hash_table_unref (self->source_paths);
  g_hash_table_unref (self->note_targets);
  g_hash_table_unref (self->note_paths);
}

/* Reading the XML */

gboolean
qdpx_importer_check_step (Importer  *self,
                          GError   **error)
{
  if ((++self->steps & 0xfff) != 0)
    return TRUE;
  if (g_cancellable_is_cancelled (self->cancellable))
    {
      g_set_error_literal (error, SHIRABE_ERROR, SHIRABE_ERROR_CANCELLED,
                           _("The import was cancelled; nothing was imported"));
      return FALSE;
    }
  if (self->progress != NULL && self->archive != NULL)
    self->progress (self->pass_base + MIN ((guint64) archive_filter_bytes (self->archive, -1),
                                           self->file_size),
                    2 * self->file_size, self->progress_data);
  return TRUE;
}

static void
set_doctype_error (Importer  *self,
                   GError   **error)
{
  g_set_error (error, SHIRABE_ERROR, SHIRABE_ERROR_CORRUPT,
               _("“%s” was refused: its project.qde declares a document type (DTD), which "
                 "REFI-QDA files never do and hostile files use to reach other files"),
               self->display);
}

static void
set_xml_error (Importer  *self,
               GError   **error)
{
  /* An entity the parser refused to load fails the XML: the declaration is the cause. */
  if (self->saw_doctype)
    {
      set_doctype_error (self, error);
      return;
    }
  g_set_error (error, SHIRABE_ERROR, SHIRABE_ERROR_CORRUPT,
               _("“%s” is damaged: its project.qde is not well-formed XML (line %d)"),
               self->display, xmlTextReaderGetParserLineNumber (self->reader));
}

/* Notes a document type declaration in the XML's first bytes, as they are read. */
void
qdpx_importer_look_for_doctype (Importer   *self,
                                const char *buffer,
                                gssize      n)
{
  if (n <= 0 || self->xml_read >= 8192)
    return;
  if (g_strstr_len (buffer, n, "<!DOCTYPE") != NULL)
    self->saw_doctype = TRUE;
  self->xml_read += (guint64) n;
}

/* Moves to the next element inside the element at @depth. Returns 1 on one, 0 when the
 * element ends, -1 with @error set. A document type declaration is refused: REFI-QDA files
 * have none, and one is how entity attacks begin. */
int
qdpx_importer_next_child (Importer  *self,
                          int        depth,
                          GError   **error)
{
  int rc;

  /* Still on the parent, and it has no content. */
  if (xmlTextReaderDepth (self->reader) == depth &&
      xmlTextReaderNodeType (self->reader) == XML_READER_TYPE_ELEMENT &&
      xmlTextReaderIsEmptyElement (self->reader))
    return 0;
  while ((rc = xmlTextReaderRead (self->reader)) == 1)
    {
      int type = xmlTextReaderNodeType (self->reader);
      int at = xmlTextReaderDepth (self->reader);

      if (!qdpx_importer_check_step (self, error))
        return -1;
      if (type == XML_READER_TYPE_DOCUMENT_TYPE)
        {
          set_doctype_error (self, error);
          return -1;
        }
      if (type == XML_READER_TYPE_ELEMENT && at == depth + 1)
        return 1;
      if (type == XML_READER_TYPE_END_ELEMENT && at == depth)
        return 0;
    }
  if (rc < 0)
    {
      set_xml_error (self, error);
      return -1;
    }
  return 0;
}

/* The text of the current element, which it leaves the reader at the end of. */
char *
qdpx_importer_read_text (Importer  *self,
                         gsize      max,
                         GError   **error)
{
  GString *text = g_string_new (NULL);
  int depth = xmlTextReaderDepth (self->reader);
  int rc;

  if (xmlTextReaderIsEmptyElement (self->reader))
    return g_string_free (text, FALSE);
  while ((rc = xmlTextReaderRead (self->reader)) == 1)
    {
      int type = xmlTextReaderNodeType (self->reader);

      if (type == XML_READER_TYPE_END_ELEMENT && xmlTextReaderDepth (self->reader) == depth)
        break;
      if (type == XML_READER_TYPE_TEXT || type == XML_READER_TYPE_CDATA ||
          type == XML_READER_TYPE_SIGNIFICANT_WHITESPACE || type == XML_READER_TYPE_WHITESPACE)
        {
          const char *value = (const char *) xmlTextReaderConstValue (self->reader);

          if (value != NULL && text->len < max)
            g_string_append (text, value);
        }
    }
  if (rc < 0)
    {
      set_xml_error (self, error);
      g_string_free (text, TRUE);
      return NULL;
    }
  return g_string_free (text, FALSE);
}

/* Reads past the current element, counting the elements of each name in @names inside it
 * into @counts. */
gboolean
qdpx_importer_count_inside (Importer            *self,
                            const char * const  *names,
                            guint               *counts,
                            GError             **error)
{
  int depth = xmlTextReaderDepth (self->reader);
  int rc;

  if (xmlTextReaderIsEmptyElement (self->reader))
    return TRUE;
  while ((rc = xmlTextReaderRead (self->reader)) == 1)
    {
      int type = xmlTextReaderNodeType (self->reader);

      if (!qdpx_importer_check_step (self, error))
        return FALSE;
      if (type == XML_READER_TYPE_END_ELEMENT && xmlTextReaderDepth (self->reader) == depth)
        return TRUE;
      if (type == XML_READER_TYPE_ELEMENT)
        for (guint i = 0; names[i] != NULL; i++)
          if (is (self, names[i]))
            counts[i]++;
    }
  if (rc < 0)
    set_xml_error (self, error);
  return FALSE;
}

/* Small helpers */

static gboolean
has_japanese (const char *text)
{
  for (const char *p = text; p != NULL && *p != '\0'; p = g_utf8_next_char (p))
    {
      GUnicodeScript script = g_unichar_get_script (g_utf8_get_char (p));

      if (script == G_UNICODE_SCRIPT_HIRAGANA || script == G_UNICODE_SCRIPT_KATAKANA ||
          script == G_UNICODE_SCRIPT_HAN)
        return TRUE;
    }
  return FALSE;
}

const char *
qdpx_importer_extra_string (JsonObject *extra,
                            const char *key)
{
  JsonNode *node;

  if (extra == NULL || !json_object_has_member (extra, key))
    return NULL;
  node = json_object_get_member (extra, key);
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static char **
extra_strv (JsonObject *extra,
            const char *key)
{
  GPtrArray *out;
  JsonArray *array;

  if (extra == NULL || !json_object_has_member (extra, key) ||
      !JSON_NODE_HOLDS_ARRAY (json_object_get_member (extra, key)))
    return NULL;
  array = json_object_get_array_member (extra, key);
  out = g_ptr_array_new ();
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);

      g_ptr_array_add (out, g_strdup (JSON_NODE_HOLDS_VALUE (node) &&
                                      json_node_get_value_type (node) == G_TYPE_STRING
                                      ? json_node_get_string (node) : ""));
    }
  g_ptr_array_add (out, NULL);
  return (char **) g_ptr_array_free (out, FALSE);
}

/* Valid UTF-8 in NFC for the project (a name, a label, a memo), as Shirabe keeps all text:
 * other bytes become U+FFFD. (A narrative's text is never normalised: its positions count the
 * code points as they are.) */
char *
qdpx_importer_clean_text (const char *text)
{
  g_autofree char *valid = NULL;

  if (text == NULL)
    return NULL;
  valid = g_utf8_make_valid (text, -1);
  return g_utf8_normalize (valid, -1, G_NORMALIZE_NFC);
}

/* The base name, lower case, that a source's path and its zip entry share:
 * "internal://ABC.txt", "sources/abc.txt" and "abc.txt" all give "abc.txt". */
char *
qdpx_importer_path_key (const char *path)
{
  const char *base;
  const char *slash;

  if (path == NULL)
    return NULL;
  base = path;
  if (g_str_has_prefix (base, "internal://"))
    base += strlen ("internal://");
  slash = strrchr (base, '/');
  if (slash != NULL)
    base = slash + 1;
  slash = strrchr (base, '\\');
  if (slash != NULL)
    base = slash + 1;
  if (*base == '\0')
    return NULL;
  return g_utf8_strdown (base, -1);
}

void
qdpx_importer_add_target (Importer   *self,
                          const char *note,
                          TargetKind  kind,
                          gint64      id)
{
  g_autofree char *guid = shirabe_qdpx_guid_normalize (note);
  GArray *targets;
  NoteTarget target = { kind, id };

  if (guid == NULL)
    return;
  targets = g_hash_table_lookup (self->note_targets, guid);
  if (targets == NULL)
    {
      targets = g_array_new (FALSE, FALSE, sizeof (NoteTarget));
      g_hash_table_insert (self->note_targets, g_strdup (guid), targets);
    }
  g_array_append_val (targets, target);
}

gboolean
qdpx_importer_step (Importer      *self,
                    sqlite3_stmt  *stmt,
                    GError       **error)
{
  return shirabe_project_step_done (self->project, stmt, error);
}

gint64
qdpx_importer_last_id (Importer *self)
{
  return sqlite3_last_insert_rowid (shirabe_project_get_db (self->project));
}

/* Users */

static gint64
add_coder (Importer    *self,
           const char  *guid,
           const char  *wanted,
           GError     **error)
{
  g_autofree char *name = NULL;
  sqlite3_stmt *stmt;

  name = g_strdup (wanted);
  for (guint n = 2; g_hash_table_contains (self->coder_names, name); n++)
    {
      g_free (name);
      name = g_strdup_printf ("%s (%u)", wanted, n);
    }
  stmt = shirabe_project_prepare (self->project,
                                  "INSERT INTO coder (uuid, name, created_at) VALUES (?1, ?2, ?3)",
                                  error);
  if (stmt == NULL)
    return 0;
  shirabe_bind_text (stmt, 1, guid);
  shirabe_bind_text (stmt, 2, name);
  shirabe_bind_text (stmt, 3, self->now);
  if (!qdpx_importer_step (self, stmt, error))
    return 0;
  g_hash_table_add (self->coder_names, g_steal_pointer (&name));
  self->report->n_coders++;
  return qdpx_importer_last_id (self);
}

static gboolean
read_users (Importer  *self,
            GError   **error)
{
  int depth = xmlTextReaderDepth (self->reader);
  int rc = 0;

  while ((rc = qdpx_importer_next_child (self, depth, error)) == 1)
    {
      g_autofree char *raw = NULL;
      g_autofree char *guid = NULL;
      g_autofree char *name = NULL;
      g_autofree char *user_id = NULL;
      g_autofree char *clean = NULL;
      gint64 id;

      if (!is (self, "User"))
        continue;
      raw = get_attr (self, "guid");
      guid = shirabe_qdpx_guid_normalize (raw);
      name = get_attr (self, "name");
      user_id = get_attr (self, "id");
      if (guid == NULL || g_hash_table_contains (self->coders, guid))
        {
          shirabe_qdpx_report_problem (self->report,
                                       guid == NULL
                                       ? _("User “%s”: its GUID is missing or not a GUID")
                                       : _("User “%s”: its GUID is given twice; the first is "
                                           "kept"),
                                       name != NULL ? name : "");
          continue;
        }
      clean = qdpx_importer_clean_text (!shirabe_str_is_blank (name) ? name
                                        : !shirabe_str_is_blank (user_id) ? user_id : guid);
      g_strstrip (clean);
      id = add_coder (self, guid, clean, error);
      if (id == 0)
        return FALSE;
      g_hash_table_insert (self->coders, g_steal_pointer (&guid), ID_TO_POINTER (id));
    }
  return rc >= 0;
}

/* The coder of a coding: its user, the selection's, or one for codings without a user. */
gint64
qdpx_importer_coder_for (Importer    *self,
                         const char  *user,
                         const char  *fallback,
                         GError     **error)
{
  g_autofree char *guid = shirabe_qdpx_guid_normalize (user != NULL ? user : fallback);
  gpointer found;
  gint64 id;

  if (guid != NULL && g_hash_table_lookup_extended (self->coders, guid, NULL, &found))
    return POINTER_TO_ID (found);
  if (guid != NULL)
    {
      g_autofree char *name = g_strdup_printf (_("Unknown user %.8s"), guid);

      id = add_coder (self, guid, name, error);
      if (id != 0)
        g_hash_table_insert (self->coders, g_steal_pointer (&guid), ID_TO_POINTER (id));
      return id;
    }
  if (self->default_coder == 0)
    {
      g_autofree char *uuid = g_uuid_string_random ();

      self->default_coder = add_coder (self, uuid,
                                       self->report->origin != NULL ? self->report->origin
                                                                    : _("Imported"),
                                       error);
    }
  return self->default_coder;
}

/* Codes */

typedef struct
{
  char       *guid;
  char       *name;
  gboolean    codable;
  char       *color;
  char       *description;
  gint64      parent_id;
  gint64      id;
  gboolean    inserted;
  gboolean    skip;
  GPtrArray  *notes;
} CodeState;

static gboolean
insert_code (Importer   *self,
             CodeState  *code,
             GError    **error)
{
  g_autoptr(JsonObject) extra = NULL;
  g_autofree char *human = NULL;
  g_autofree char *name = NULL;
  g_autofree char *color = NULL;
  ShirabeCodeSpec spec = { 0 };
  const char *lang;
  gint64 existing;
  sqlite3_stmt *stmt;

  code->inserted = TRUE;
  if (code->skip)
    return TRUE;
  /* Merging into a project that has it: it stays as the user made it. */
  stmt = shirabe_project_prepare (self->project, "SELECT id FROM code WHERE uuid = ?1", error);
  if (stmt == NULL)
    return FALSE;
  shirabe_bind_text (stmt, 1, code->guid);
  existing = shirabe_project_query_id (self->project, stmt, NULL);
  if (existing != 0)
    {
      code->id = existing;
      g_hash_table_insert (self->codes, g_strdup (code->guid), ID_TO_POINTER (existing));
      self->report->n_codes_existing++;
      return TRUE;
    }
  human = shirabe_qdpx_split_description (code->description, &extra);
  name = qdpx_importer_clean_text (code->name);
  if (shirabe_str_is_blank (name))
    {
      g_free (name);
      name = g_strdup (_("Unnamed code"));
    }
  lang = qdpx_importer_extra_string (extra, "lang");
  if (extra != NULL && (qdpx_importer_extra_string (extra, "label_en") != NULL ||
                        qdpx_importer_extra_string (extra, "label_ja") != NULL))
    {
      spec.label_en = qdpx_importer_extra_string (extra, "label_en");
      spec.label_ja = qdpx_importer_extra_string (extra, "label_ja");
    }
  else if (has_japanese (name))
    spec.label_ja = name;
  else
    spec.label_en = name;
  if (g_strcmp0 (lang, "ja") == 0 || (lang == NULL && spec.label_ja != NULL &&
                                      spec.label_en == NULL))
    {
      spec.description_ja = human;
      spec.description_en = qdpx_importer_extra_string (extra, "description_en");
    }
  else
    {
      spec.description_en = human;
      spec.description_ja = qdpx_importer_extra_string (extra, "description_ja");
    }
  color = code->color != NULL ? shirabe_color_normalize (code->color) : NULL;
  spec.color = color;
  spec.parent_id = code->parent_id;
  spec.uuid = code->guid;
  spec.not_codable = !code->codable;
  spec.var_name = qdpx_importer_extra_string (extra, "var_name");
  if (spec.var_name != NULL &&
      !shirabe_project_check_code_var_name (self->project, 0, spec.var_name, NULL))
    spec.var_name = NULL;
  code->id = shirabe_project_add_code (self->project, &spec, error);
  if (code->id == 0)
    return FALSE;
  if (qdpx_importer_extra_string (extra, "created") != NULL)
    {
      stmt = shirabe_project_prepare (self->project,
                                      "UPDATE code SET created_at = ?2 WHERE id = ?1", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, code->id);
      shirabe_bind_text (stmt, 2, qdpx_importer_extra_string (extra, "created"));
      if (!qdpx_importer_step (self, stmt, error))
        return FALSE;
    }
  g_hash_table_insert (self->codes, g_strdup (code->guid), ID_TO_POINTER (code->id));
  self->report->n_codes++;
  return TRUE;
}

static gboolean
read_code (Importer  *self,
           gint64     parent_id,
           guint      depth,
           GError   **error)
{
  int at = xmlTextReaderDepth (self->reader);
  CodeState code = { 0 };
  g_autofree char *raw = get_attr (self, "guid");
  g_autofree char *codable = get_attr (self, "isCodable");
  gboolean ok = TRUE;
  int rc = 0;

  code.guid = shirabe_qdpx_guid_normalize (raw);
  code.name = get_attr (self, "name");
  code.color = get_attr (self, "color");
  code.codable = codable == NULL || g_ascii_strcasecmp (codable, "false") != 0;
  code.parent_id = parent_id;
  if (depth > MAX_CODE_DEPTH)
    {
      g_set_error (error, SHIRABE_ERROR, SHIRABE_ERROR_CORRUPT,
                   _("“%s” is damaged: its codes are nested more than %u deep"), self->display,
                   MAX_CODE_DEPTH);
      ok = FALSE;
      goto out;
    }
  if (code.guid == NULL)
    {
      shirabe_qdpx_report_problem (self->report,
                                   _("Code “%s”: its GUID is missing or not a GUID; it was "
                                     "given a new one"), code.name != NULL ? code.name : "");
      code.guid = g_uuid_string_random ();
    }
  else if (g_hash_table_contains (self->codes, code.guid))
    {
      shirabe_qdpx_report_problem (self->report,
                                   _("Code “%s”: its GUID is given twice; the first is kept"),
                                   code.name != NULL ? code.name : "");
      code.skip = TRUE;
      code.id = POINTER_TO_ID (g_hash_table_lookup (self->codes, code.guid));
    }

  while ((rc = qdpx_importer_next_child (self, at, error)) == 1)
    {
      if (is (self, "Description") && code.description == NULL)
        {
          code.description = qdpx_importer_read_text (self, MAX_TEXT_ELEMENT, error);
          if (code.description == NULL)
            {
              ok = FALSE;
              goto out;
            }
        }
      else if (is (self, "NoteRef"))
        {
          if (code.notes == NULL)
            code.notes = g_ptr_array_new_with_free_func (g_free);
          g_ptr_array_add (code.notes, get_attr (self, "targetGUID"));
        }
      else if (is (self, "Code"))
        {
          if (!code.inserted && !insert_code (self, &code, error))
            {
              ok = FALSE;
              goto out;
            }
          if (!read_code (self, code.id != 0 ? code.id : parent_id, depth + 1, error))
            {
              ok = FALSE;
              goto out;
            }
        }
    }
  if (rc < 0 || (!code.inserted && !insert_code (self, &code, error)))
    ok = FALSE;
  else if (code.notes != NULL && code.id != 0 && !code.skip)
    for (guint i = 0; i < code.notes->len; i++)
      qdpx_importer_add_target (self, code.notes->pdata[i], TARGET_CODE, code.id);

out:
  g_free (code.guid);
  g_free (code.name);
  g_free (code.color);
  g_free (code.description);
  g_clear_pointer (&code.notes, g_ptr_array_unref);
  return ok;
}

/* Codes, and the Sets a codebook may have beside them. */
static gboolean
read_codebook (Importer  *self,
               GError   **error)
{
  int depth = xmlTextReaderDepth (self->reader);
  int rc = 0;

  while ((rc = qdpx_importer_next_child (self, depth, error)) == 1)
    {
      if (is (self, "Codes"))
        {
          int codes_depth = xmlTextReaderDepth (self->reader);
          int code_rc = 0;

          while ((code_rc = qdpx_importer_next_child (self, codes_depth, error)) == 1)
            if (is (self, "Code") && !read_code (self, 0, 0, error))
              return FALSE;
          if (code_rc < 0)
            return FALSE;
        }
      else if (is (self, "Sets"))
        {
          static const char * const names[] = { "Set", NULL };

          if (!qdpx_importer_count_inside (self, names,
                                           &self->report->dropped[SHIRABE_QDPX_DROPPED_SETS],
                                           error))
            return FALSE;
        }
    }
  return rc >= 0;
}

/* Variables and their values */

static gint64 attribute_for (Importer               *self,
                             Variable               *variable,
                             ShirabeAttributeScope   scope,
                             GError                **error);

static gboolean
read_variables (Importer  *self,
                GError   **error)
{
  int depth = xmlTextReaderDepth (self->reader);
  int rc = 0;

  while ((rc = qdpx_importer_next_child (self, depth, error)) == 1)
    {
      g_autofree char *raw = NULL;
      Variable *variable;
      int at;
      int child_rc = 0;

      if (!is (self, "Variable"))
        continue;
      raw = get_attr (self, "guid");
      variable = g_new0 (Variable, 1);
      variable->guid = shirabe_qdpx_guid_normalize (raw);
      variable->name = get_attr (self, "name");
      variable->type = get_attr (self, "typeOfVariable");
      at = xmlTextReaderDepth (self->reader);
      while ((child_rc = qdpx_importer_next_child (self, at, error)) == 1)
        if (is (self, "Description") && variable->description == NULL)
          {
            variable->description = qdpx_importer_read_text (self, MAX_TEXT_ELEMENT, error);
            if (variable->description == NULL)
              {
                variable_free (variable);
                return FALSE;
              }
          }
      if (child_rc < 0)
        {
          variable_free (variable);
          return FALSE;
        }
      if (variable->guid == NULL || g_hash_table_contains (self->variables, variable->guid))
        {
          shirabe_qdpx_report_problem (self->report,
                                       variable->guid == NULL
                                       ? _("Variable “%s”: its GUID is missing or not a GUID; "
                                           "it was left out")
                                       : _("Variable “%s”: its GUID is given twice; the first "
                                           "is kept"),
                                       variable->name != NULL ? variable->name : "");
          variable_free (variable);
          continue;
        }
      {
        g_autofree char *human = shirabe_qdpx_split_description (variable->description,
                                                                 &variable->extra);

        g_free (variable->description);
        variable->description = g_steal_pointer (&human);
      }
      g_hash_table_insert (self->variables, variable->guid, variable);
      g_ptr_array_add (self->variable_order, variable);
    }
  if (rc < 0)
    return FALSE;
  /* Shirabe's own say their scope: made now, in their order. Others wait for their first
   * value to say whether they belong to cases or to narratives. */
  for (guint i = 0; i < self->variable_order->len; i++)
    {
      Variable *variable = self->variable_order->pdata[i];
      const char *scope = qdpx_importer_extra_string (variable->extra, "scope");

      if (scope != NULL &&
          attribute_for (self, variable,
                         strcmp (scope, "narrative") == 0 ? SHIRABE_SCOPE_NARRATIVE
                                                          : SHIRABE_SCOPE_CASE, error) == 0)
        return FALSE;
    }
  return TRUE;
}

static ShirabeAttributeType
attribute_type_for (Variable *variable)
{
  const char *type = variable->type != NULL ? variable->type : "Text";

  if (g_strcmp0 (qdpx_importer_extra_string (variable->extra, "type"), "choice") == 0 &&
      variable->choices != NULL && variable->choices[0] != NULL)
    return SHIRABE_ATTRIBUTE_CHOICE;
  if (g_ascii_strcasecmp (type, "Integer") == 0)
    return SHIRABE_ATTRIBUTE_INTEGER;
  if (g_ascii_strcasecmp (type, "Float") == 0)
    return SHIRABE_ATTRIBUTE_NUMBER;
  if (g_ascii_strcasecmp (type, "Boolean") == 0)
    return SHIRABE_ATTRIBUTE_BOOLEAN;
  if (g_ascii_strcasecmp (type, "Date") == 0)
    return SHIRABE_ATTRIBUTE_DATE;
  /* DateTime has no Shirabe type: its values are kept as text. */
  return SHIRABE_ATTRIBUTE_TEXT;
}

static gint64
attribute_for (Importer               *self,
               Variable               *variable,
               ShirabeAttributeScope   scope,
               GError                **error)
{
  g_autofree char *name = NULL;
  g_autofree char *uuid = NULL;
  const char *name_en = NULL;
  const char *name_ja = NULL;
  const char *var_name;
  const char *lang;
  ShirabeAttributeType type;
  sqlite3_stmt *stmt;
  gint64 id;

  if (variable->attribute_id[scope] != 0)
    return variable->attribute_id[scope];
  if (variable->choices == NULL)
    variable->choices = extra_strv (variable->extra, "choices");
  type = attribute_type_for (variable);
  name = qdpx_importer_clean_text (variable->name);
  if (shirabe_str_is_blank (name))
    {
      g_free (name);
      name = g_strdup (_("Unnamed variable"));
    }
  name_en = qdpx_importer_extra_string (variable->extra, "name_en");
  name_ja = qdpx_importer_extra_string (variable->extra, "name_ja");
  if (name_en == NULL && name_ja == NULL)
    {
      if (has_japanese (name))
        name_ja = name;
      else
        name_en = name;
    }
  var_name = qdpx_importer_extra_string (variable->extra, "var_name");
  if (var_name != NULL)
    {
      stmt = shirabe_project_prepare (self->project,
                                      "SELECT id FROM attribute WHERE scope = ?1"
                                      " AND var_name = ?2", error);
      if (stmt == NULL)
        return 0;
      shirabe_bind_text (stmt, 1, shirabe_attribute_scope_to_string (scope));
      shirabe_bind_text (stmt, 2, var_name);
      if (!shirabe_var_name_is_valid (var_name) ||
          shirabe_project_query_id (self->project, stmt, NULL) != 0)
        var_name = NULL;
    }
  id = shirabe_project_add_attribute (self->project, scope, name_en != NULL ? name_en : "",
                                      name_ja != NULL ? name_ja : "", var_name, type,
                                      (const char * const *) variable->choices, error);
  if (id == 0)
    return 0;
  /* The variable's GUID, unless another scope has taken it already. */
  uuid = variable->attribute_id[!scope] == 0 ? g_strdup (variable->guid)
                                              : shirabe_qdpx_derived_guid ("scope",
                                                                           variable->guid);
  lang = qdpx_importer_extra_string (variable->extra, "lang");
  stmt = shirabe_project_prepare (self->project,
                                  "UPDATE attribute SET uuid = ?2, description_en = ?3,"
                                  " description_ja = ?4 WHERE id = ?1", error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, id);
  shirabe_bind_text (stmt, 2, uuid);
  if (g_strcmp0 (lang, "ja") == 0 || (lang == NULL && name_en == NULL))
    {
      shirabe_bind_text (stmt, 3,
                         qdpx_importer_extra_string (variable->extra, "description_en") ?: "");
      shirabe_bind_text (stmt, 4, variable->description != NULL ? variable->description : "");
    }
  else
    {
      shirabe_bind_text (stmt, 3, variable->description != NULL ? variable->description : "");
      shirabe_bind_text (stmt, 4,
                         qdpx_importer_extra_string (variable->extra, "description_ja") ?: "");
    }
  if (!qdpx_importer_step (self, stmt, error))
    return 0;
  if (type == SHIRABE_ATTRIBUTE_CHOICE)
    {
      g_auto(GStrv) labels_en = extra_strv (variable->extra, "choice_labels_en");
      g_auto(GStrv) labels_ja = extra_strv (variable->extra, "choice_labels_ja");
      guint n = g_strv_length (variable->choices);

      if (labels_en != NULL && labels_ja != NULL && g_strv_length (labels_en) == n &&
          g_strv_length (labels_ja) == n &&
          !shirabe_project_set_choice_labels (self->project, id,
                                              (const char * const *) variable->choices,
                                              (const char * const *) labels_en,
                                              (const char * const *) labels_ja, error))
        return 0;
    }
  variable->attribute_id[scope] = id;
  self->report->n_attributes++;
  return id;
}

gboolean
qdpx_importer_read_value (Importer               *self,
                          ShirabeAttributeScope   scope,
                          gint64                  owner_id,
                          const char             *owner_name,
                          GError                **error)
{
  int depth = xmlTextReaderDepth (self->reader);
  g_autofree char *variable_guid = NULL;
  g_autofree char *value = NULL;
  gboolean date_time = FALSE;
  Variable *variable;
  g_autoptr(GError) local_error = NULL;
  gint64 attribute_id;
  int rc = 0;

  while ((rc = qdpx_importer_next_child (self, depth, error)) == 1)
    {
      if (is (self, "VariableRef"))
        {
          g_autofree char *raw = get_attr (self, "targetGUID");

          g_free (variable_guid);
          variable_guid = shirabe_qdpx_guid_normalize (raw);
        }
      else if (value == NULL &&
               (is (self, "TextValue") || is (self, "BooleanValue") || is (self, "IntegerValue") ||
                is (self, "FloatValue") || is (self, "DateValue") || is (self, "DateTimeValue")))
        {
          date_time = is (self, "DateTimeValue");
          value = qdpx_importer_read_text (self, MAX_TEXT_ELEMENT, error);
          if (value == NULL)
            return FALSE;
        }
    }
  if (rc < 0)
    return FALSE;
  if (value == NULL)
    return TRUE;
  variable = variable_guid != NULL ? g_hash_table_lookup (self->variables, variable_guid) : NULL;
  if (variable == NULL)
    {
      shirabe_qdpx_report_problem (self->report,
                                   _("“%s”: a value of an unknown variable was left out"),
                                   owner_name);
      return TRUE;
    }
  attribute_id = attribute_for (self, variable, scope, error);
  if (attribute_id == 0)
    return FALSE;
  {
    g_autofree char *clean = qdpx_importer_clean_text (value);

    if (!date_time)
      g_strstrip (clean);
    if (!shirabe_project_set_attribute_value (self->project, attribute_id, owner_id, clean,
                                              &local_error))
      {
        shirabe_qdpx_report_problem (self->report, _("“%s”, variable “%s”: %s"), owner_name,
                                     variable->name != NULL ? variable->name : "",
                                     local_error->message);
        return TRUE;
      }
  }
  self->report->n_values++;
  return TRUE;
}

/* Cases */

gint64
qdpx_importer_add_case (Importer    *self,
                        const char  *uuid,
                        const char  *name,
                        GError     **error)
{
  sqlite3_stmt *stmt = shirabe_project_prepare (self->project,
                                                "INSERT INTO cases (uuid, name, position,"
                                                " created_at) VALUES (?1, ?2,"
                                                " (SELECT coalesce (max (position) + 1, 0)"
                                                "  FROM cases), ?3)", error);

  if (stmt == NULL)
    return 0;
  shirabe_bind_text (stmt, 1, uuid);
  shirabe_bind_text (stmt, 2, name);
  shirabe_bind_text (stmt, 3, self->now);
  if (!qdpx_importer_step (self, stmt, error))
    return 0;
  self->report->n_cases++;
  return qdpx_importer_last_id (self);
}

static gboolean
read_case (Importer  *self,
           GError   **error)
{
  int depth = xmlTextReaderDepth (self->reader);
  g_autofree char *raw = get_attr (self, "guid");
  g_autofree char *guid = shirabe_qdpx_guid_normalize (raw);
  g_autofree char *name = get_attr (self, "name");
  g_autofree char *clean = NULL;
  gint64 id;
  int rc = 0;

  if (guid != NULL && g_hash_table_contains (self->cases, guid))
    {
      static const char * const none[] = { NULL };

      shirabe_qdpx_report_problem (self->report,
                                   _("Case “%s”: its GUID is given twice; the first is kept"),
                                   name != NULL ? name : "");
      return qdpx_importer_count_inside (self, none, NULL, error);
    }
  if (guid == NULL)
    guid = g_uuid_string_random ();
  clean = qdpx_importer_clean_text (name);
  if (shirabe_str_is_blank (clean))
    {
      g_free (clean);
      clean = g_strdup_printf (_("Case %u"), self->report->n_cases + 1);
    }
  id = qdpx_importer_add_case (self, guid, clean, error);
  if (id == 0)
    return FALSE;
  g_hash_table_insert (self->cases, g_strdup (guid), ID_TO_POINTER (id));

  while ((rc = qdpx_importer_next_child (self, depth, error)) == 1)
    {
      if (is (self, "Description"))
        {
          g_autofree char *description = qdpx_importer_read_text (self, MAX_TEXT_ELEMENT, error);
          g_autoptr(JsonObject) extra = NULL;
          g_autofree char *memo = NULL;
          g_autofree char *memo_clean = NULL;
          sqlite3_stmt *stmt;

          if (description == NULL)
            return FALSE;
          memo = shirabe_qdpx_split_description (description, &extra);
          memo_clean = qdpx_importer_clean_text (memo);
          stmt = shirabe_project_prepare (self->project,
                                          "UPDATE cases SET memo = ?2,"
                                          " created_at = coalesce (?3, created_at) WHERE id = ?1",
                                          error);
          if (stmt == NULL)
            return FALSE;
          sqlite3_bind_int64 (stmt, 1, id);
          shirabe_bind_text (stmt, 2, memo_clean);
          shirabe_bind_text (stmt, 3, qdpx_importer_extra_string (extra, "created"));
          if (!qdpx_importer_step (self, stmt, error))
            return FALSE;
        }
      else if (is (self, "VariableValue"))
        {
          if (!qdpx_importer_read_value (self, SHIRABE_SCOPE_CASE, id, clean, error))
            return FALSE;
        }
      else if (is (self, "SourceRef"))
        {
          g_autofree char *target = get_attr (self, "targetGUID");
          g_autofree char *source = shirabe_qdpx_guid_normalize (target);

          if (source == NULL)
            continue;
          if (g_hash_table_contains (self->source_cases, source))
            shirabe_qdpx_report_problem (self->report,
                                         _("A source belongs to several cases; in Shirabe a "
                                           "narrative has one case, so it was put in the first "
                                           "(not in “%s”)"), clean);
          else
            g_hash_table_insert (self->source_cases, g_steal_pointer (&source),
                                 ID_TO_POINTER (id));
        }
      else if (is (self, "CodeRef"))
        self->report->dropped[SHIRABE_QDPX_DROPPED_CASE_CODES]++;
      else if (is (self, "SelectionRef"))
        self->report->dropped[SHIRABE_QDPX_DROPPED_SELECTION_REFS]++;
    }
  return rc >= 0;
}

static gboolean
read_cases (Importer  *self,
            GError   **error)
{
  int depth = xmlTextReaderDepth (self->reader);
  int rc = 0;

  while ((rc = qdpx_importer_next_child (self, depth, error)) == 1)
    if (is (self, "Case") && !read_case (self, error))
      return FALSE;
  return rc >= 0;
}

/* The project */

gboolean
qdpx_importer_read_project (Importer  *self,
                            GError   **error)
{
  int rc;
  int depth;

  /* To the root element. */
  while ((rc = xmlTextReaderRead (self->reader)) == 1)
    {
      int type = xmlTextReaderNodeType (self->reader);

      if (type == XML_READER_TYPE_DOCUMENT_TYPE)
        {
          set_doctype_error (self, error);
          return FALSE;
        }
      if (type == XML_READER_TYPE_ELEMENT)
        break;
    }
  if (rc < 0)
    {
      set_xml_error (self, error);
      return FALSE;
    }
  if (rc == 0 || !(is (self, "Project") || (self->codebook_only && is (self, "CodeBook"))))
    {
      g_set_error (error, SHIRABE_ERROR, SHIRABE_ERROR_CORRUPT,
                   self->codebook_only
                   ? _("“%s” is not a REFI-QDA codebook: it holds no CodeBook")
                   : _("“%s” is not a REFI-QDA project: its project.qde holds no Project"),
                   self->display);
      return FALSE;
    }
  self->found_project = TRUE;
  g_free (self->report->origin);
  self->report->origin = get_attr (self, "origin");
  if (is (self, "CodeBook"))
    return read_codebook (self, error);
  self->project_name = get_attr (self, "name");
  depth = xmlTextReaderDepth (self->reader);
  rc = 0;
  while ((rc = qdpx_importer_next_child (self, depth, error)) == 1)
    {
      gboolean ok = TRUE;

      if (is (self, "CodeBook"))
        ok = read_codebook (self, error);
      else if (self->codebook_only)
        continue;
      else if (is (self, "Users"))
        ok = read_users (self, error);
      else if (is (self, "Variables"))
        ok = read_variables (self, error);
      else if (is (self, "Cases"))
        ok = read_cases (self, error);
      else if (is (self, "Sources"))
        ok = qdpx_importer_read_sources (self, error);
      else if (is (self, "Notes"))
        ok = qdpx_importer_read_notes (self, error);
      else if (is (self, "Links") || is (self, "Sets") || is (self, "Graphs"))
        {
          static const char * const names[] = { "Link", "Set", "Graph", NULL };
          guint counts[3] = { 0 };

          ok = qdpx_importer_count_inside (self, names, counts, error);
          self->report->dropped[SHIRABE_QDPX_DROPPED_LINKS] += counts[0];
          self->report->dropped[SHIRABE_QDPX_DROPPED_SETS] += counts[1];
          self->report->dropped[SHIRABE_QDPX_DROPPED_GRAPHS] += counts[2];
        }
      else if (is (self, "Description"))
        {
          g_autofree char *text = qdpx_importer_read_text (self, MAX_TEXT_ELEMENT, error);
          g_autofree char *clean = qdpx_importer_clean_text (text);

          ok = text != NULL;
          if (ok && !shirabe_str_is_blank (clean))
            {
              if (self->project_description->len > 0)
                g_string_prepend (self->project_description, "\n\n");
              g_string_prepend (self->project_description, clean);
            }
        }
      else if (is (self, "NoteRef"))
        {
          g_autofree char *note = get_attr (self, "targetGUID");

          qdpx_importer_add_target (self, note, TARGET_PROJECT, 0);
        }
      if (!ok)
        return FALSE;
    }
  return rc >= 0;
}

typedef struct
{
  Importer  *importer;
  gboolean   zip;
} BuildData;

static gboolean
set_project_meta (Importer  *self,
                  GError   **error)
{
  g_autofree char *name = qdpx_importer_clean_text (self->project_name);

  if (!shirabe_str_is_blank (name) &&
      !shirabe_project_set_meta (self->project, "name", g_strstrip (name), error))
    return FALSE;
  if (self->project_description->len > 0 &&
      !shirabe_project_set_meta (self->project, "description", self->project_description->str,
                                 error))
    return FALSE;
  return TRUE;
}

static gboolean
finish_import (Importer  *self,
               GError   **error)
{
  sqlite3_stmt *stmt;

  /* Variables no value used: kept, as attributes of cases. */
  for (guint i = 0; i < self->variable_order->len; i++)
    {
      Variable *variable = self->variable_order->pdata[i];
      const char *scope = qdpx_importer_extra_string (variable->extra, "scope");
      ShirabeAttributeScope want = g_strcmp0 (scope, "narrative") == 0 ? SHIRABE_SCOPE_NARRATIVE
                                                                        : SHIRABE_SCOPE_CASE;

      if (variable->attribute_id[SHIRABE_SCOPE_CASE] == 0 &&
          variable->attribute_id[SHIRABE_SCOPE_NARRATIVE] == 0 &&
          attribute_for (self, variable, want, error) == 0)
        return FALSE;
    }
  for (guint i = 0; i < self->source_order->len; i++)
    {
      Source *source = self->source_order->pdata[i];

      if (source->narrative_id == 0 || source->has_text)
        continue;
      shirabe_qdpx_report_problem (self->report,
                                   _("Source “%s”: its text is not in the file; it was left "
                                     "out with its codings"), source->name);
      if (!qdpx_importer_delete_narrative (self, source, error))
        return FALSE;
    }
  for (guint i = 0; i < self->source_order->len; i++)
    {
      Source *source = self->source_order->pdata[i];

      if (source->narrative_id == 0 || source->translation_of == NULL)
        continue;
      stmt = shirabe_project_prepare (self->project,
                                      "UPDATE narrative SET translation_of ="
                                      " (SELECT id FROM narrative WHERE uuid = ?2 AND id <> ?1)"
                                      " WHERE id = ?1", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, source->narrative_id);
      shirabe_bind_text (stmt, 2, source->translation_of);
      if (!qdpx_importer_step (self, stmt, error))
        return FALSE;
    }
  if (!set_project_meta (self, error))
    return FALSE;
  /* The narratives went in row by row: their full-text index is made at once. */
  stmt = shirabe_project_prepare (self->project,
                                  "INSERT INTO narrative_fts (narrative_fts) VALUES ('rebuild')",
                                  error);
  return stmt != NULL && qdpx_importer_step (self, stmt, error);
}

static gboolean
build_project (ShirabeProject  *project,
               gpointer         user_data,
               GError         **error)
{
  BuildData *data = user_data;
  Importer *self = data->importer;
  gboolean ok;

  self->project = project;
  if (!shirabe_project_begin_edit (project, error))
    return FALSE;
  if (data->zip)
    ok = qdpx_importer_first_pass (self, error) && qdpx_importer_second_pass (self, error);
  else
    ok = qdpx_importer_read_bare (self, error);
  ok = ok && finish_import (self, error);
  if (self->archive != NULL)
    {
      archive_read_free (self->archive);
      self->archive = NULL;
    }
  return shirabe_project_end_edit (project, ok, _("Import REFI-QDA project"),
                                   ok ? error : NULL) && ok;
}

gboolean
shirabe_import_qdpx (const char           *qdpx_path,
                     const char           *project_path,
                     ShirabeQdpxProgress   progress,
                     gpointer              progress_data,
                     GCancellable         *cancellable,
                     ShirabeQdpxReport   **report,
                     GError              **error)
{
  g_autofree char *display = NULL;
  g_autoptr(ShirabeQdpxReport) made = shirabe_qdpx_report_new ();
  Importer self;
  BuildData data;
  gboolean ok;

  g_return_val_if_fail (qdpx_path != NULL, FALSE);
  g_return_val_if_fail (project_path != NULL, FALSE);

  display = g_filename_display_name (qdpx_path);
  shirabe_xml_init ();
  importer_init (&self, NULL, qdpx_path, display, made);
  self.cancellable = cancellable;
  self.progress = progress;
  self.progress_data = progress_data;
  data.importer = &self;
  /* Refused before the project file is made when it is not even a zip or XML. */
  ok = qdpx_importer_sniff (qdpx_path, display, &data.zip, &self.file_size, error) &&
       shirabe_project_create_file (project_path, NULL, build_project, &data, error);
  importer_clear (&self);
  if (ok && progress != NULL)
    progress (1, 1, progress_data);
  if (ok && report != NULL)
    *report = g_steal_pointer (&made);
  return ok;
}

gboolean
shirabe_project_import_qdc (ShirabeProject      *project,
                            const char          *path,
                            ShirabeQdpxReport  **report,
                            GError             **error)
{
  g_autofree char *display = NULL;
  g_autofree char *label = NULL;
  g_autofree char *base = NULL;
  g_autoptr(ShirabeQdpxReport) made = shirabe_qdpx_report_new ();
  Importer self;
  gboolean zip = FALSE;
  gboolean ok;

  g_return_val_if_fail (SHIRABE_IS_PROJECT (project), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  display = g_filename_display_name (path);
  shirabe_xml_init ();
  importer_init (&self, project, path, display, made);
  self.codebook_only = TRUE;
  if (!qdpx_importer_sniff (path, display, &zip, &self.file_size, error))
    {
      importer_clear (&self);
      return FALSE;
    }
  if (!shirabe_project_begin_edit (project, error))
    {
      importer_clear (&self);
      return FALSE;
    }
  ok = zip ? qdpx_importer_first_pass (&self, error) : qdpx_importer_read_bare (&self, error);
  if (self.archive != NULL)
    archive_read_free (self.archive);
  self.archive = NULL;
  /* Notes on codes join their descriptions only from a project; a codebook has none. */
  base = g_path_get_basename (path);
  {
    g_autofree char *base_display = g_filename_display_name (base);

    /* Translators: an undo step; %s is the codebook file's name */
    label = g_strdup_printf (_("Import codebook “%s”"), base_display);
  }
  ok = shirabe_project_end_edit (project, ok, label, ok ? error : NULL) && ok;
  importer_clear (&self);
  if (ok && report != NULL)
    *report = g_steal_pointer (&made);
  return ok;
}
