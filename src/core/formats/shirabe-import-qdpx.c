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

/* Hostile files are kept within these; a real project of the design's size (100 MB of text,
 * 500,000 codings: about 400 MB unpacked) is well inside. */
#define MAX_UNCOMPRESSED   (G_GUINT64_CONSTANT (4) * 1000 * 1000 * 1000)
#define MAX_RATIO          200
#define MAX_ENTRIES        200000
#define MAX_SOURCE_SIZE    (256 * 1000 * 1000)
#define MAX_TEXT_ELEMENT   (16 * 1000 * 1000)
#define MAX_CODE_DEPTH     32

typedef enum
{
  TARGET_NARRATIVE,
  TARGET_CODING,
  TARGET_CODE,
  TARGET_PROJECT,
} TargetKind;

typedef struct
{
  TargetKind kind;
  gint64     id;
} NoteTarget;

typedef struct
{
  char    *guid;
  gint64   code_id;
  gint64   coder_id;
  char    *created_at;
} WholeCoding;

typedef struct
{
  char      *guid;
  char      *name;
  gint64     narrative_id;
  gint64     case_id;
  gboolean   own_case;    /* a case made for this source alone */
  gboolean   rich;        /* its text is a document to convert, not plain text */
  gboolean   has_text;
  char      *translation_of;
  GPtrArray *whole;       /* WholeCoding: codings of the whole source */
} Source;

typedef struct
{
  char       *guid;
  char       *name;
  char       *type;       /* typeOfVariable */
  char       *description;
  JsonObject *extra;
  gint64      attribute_id[2];  /* per ShirabeAttributeScope */
  char      **choices;
} Variable;

typedef struct
{
  ShirabeProject      *project;
  ShirabeQdpxReport   *report;
  const char          *path;
  const char          *display;
  gboolean             codebook_only;
  GCancellable        *cancellable;
  ShirabeQdpxProgress  progress;
  gpointer             progress_data;
  struct archive      *archive;     /* while reading the zip */
  guint64              file_size;
  guint64              pass_base;   /* 0 in the first pass, file_size in the second */
  guint64              total_read;
  gboolean             over_limit;
  gboolean             read_failed;
  gboolean             saw_doctype;  /* in the first bytes of the XML */
  guint64              xml_read;
  xmlTextReaderPtr     reader;
  guint                steps;
  char                *now;
  char                *project_name;
  GString             *project_description;
  GHashTable          *coders;        /* GUID → id */
  GHashTable          *coder_names;   /* names taken */
  GHashTable          *codes;         /* GUID → id */
  GHashTable          *variables;     /* GUID → Variable */
  GPtrArray           *variable_order;
  GHashTable          *cases;         /* GUID → id */
  GHashTable          *source_cases;  /* source GUID → case id, from the cases' SourceRefs */
  GHashTable          *sources;       /* GUID → Source */
  GPtrArray           *source_order;
  GHashTable          *source_paths;  /* entry base name, lower case → Source */
  GHashTable          *note_targets;  /* note GUID → GArray of NoteTarget */
  GHashTable          *note_paths;    /* entry base name, lower case → note GUID */
  gint64               default_coder;
  gboolean             found_project;
} Importer;

static void
source_free (Source *source)
{
  g_free (source->guid);
  g_free (source->name);
  g_free (source->translation_of);
  g_clear_pointer (&source->whole, g_ptr_array_unref);
  g_free (source);
}

static void
whole_coding_free (WholeCoding *coding)
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

#define ID_TO_POINTER(id) GSIZE_TO_POINTER ((gsize) (id))
#define POINTER_TO_ID(p)  ((gint64) GPOINTER_TO_SIZE (p))

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
  self->source_order = g_ptr_array_new_with_free_func ((GDestroyNotify) source_free);
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

static gboolean
check_step (Importer  *self,
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
static void
look_for_doctype (Importer   *self,
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
static int
next_child (Importer  *self,
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

      if (!check_step (self, error))
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

static gboolean
is (Importer   *self,
    const char *local)
{
  return shirabe_xml_is (xmlTextReaderConstLocalName (self->reader), local);
}

static char *
get_attr (Importer   *self,
          const char *local)
{
  return shirabe_xml_dup_attribute (self->reader, local);
}

/* The text of the current element, which it leaves the reader at the end of. */
static char *
read_text (Importer  *self,
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
static gboolean
count_inside (Importer            *self,
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

      if (!check_step (self, error))
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

static const char *
extra_string (JsonObject *extra,
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
static char *
clean_text (const char *text)
{
  g_autofree char *valid = NULL;

  if (text == NULL)
    return NULL;
  valid = g_utf8_make_valid (text, -1);
  return g_utf8_normalize (valid, -1, G_NORMALIZE_NFC);
}

/* The base name, lower case, that a source's path and its zip entry share:
 * "internal://ABC.txt", "sources/abc.txt" and "abc.txt" all give "abc.txt". */
static char *
path_key (const char *path)
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

static void
add_target (Importer   *self,
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

static gboolean
step (Importer      *self,
      sqlite3_stmt  *stmt,
      GError       **error)
{
  return shirabe_project_step_done (self->project, stmt, error);
}

static gint64
last_id (Importer *self)
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
  if (!step (self, stmt, error))
    return 0;
  g_hash_table_add (self->coder_names, g_steal_pointer (&name));
  self->report->n_coders++;
  return last_id (self);
}

static gboolean
read_users (Importer  *self,
            GError   **error)
{
  int depth = xmlTextReaderDepth (self->reader);
  int rc = 0;

  while ((rc = next_child (self, depth, error)) == 1)
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
      clean = clean_text (!shirabe_str_is_blank (name) ? name
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
static gint64
coder_for (Importer    *self,
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
  name = clean_text (code->name);
  if (shirabe_str_is_blank (name))
    {
      g_free (name);
      name = g_strdup (_("Unnamed code"));
    }
  lang = extra_string (extra, "lang");
  if (extra != NULL && (extra_string (extra, "label_en") != NULL ||
                        extra_string (extra, "label_ja") != NULL))
    {
      spec.label_en = extra_string (extra, "label_en");
      spec.label_ja = extra_string (extra, "label_ja");
    }
  else if (has_japanese (name))
    spec.label_ja = name;
  else
    spec.label_en = name;
  if (g_strcmp0 (lang, "ja") == 0 || (lang == NULL && spec.label_ja != NULL &&
                                      spec.label_en == NULL))
    {
      spec.description_ja = human;
      spec.description_en = extra_string (extra, "description_en");
    }
  else
    {
      spec.description_en = human;
      spec.description_ja = extra_string (extra, "description_ja");
    }
  color = code->color != NULL ? shirabe_color_normalize (code->color) : NULL;
  spec.color = color;
  spec.parent_id = code->parent_id;
  spec.uuid = code->guid;
  spec.not_codable = !code->codable;
  spec.var_name = extra_string (extra, "var_name");
  if (spec.var_name != NULL &&
      !shirabe_project_check_code_var_name (self->project, 0, spec.var_name, NULL))
    spec.var_name = NULL;
  code->id = shirabe_project_add_code (self->project, &spec, error);
  if (code->id == 0)
    return FALSE;
  if (extra_string (extra, "created") != NULL)
    {
      stmt = shirabe_project_prepare (self->project,
                                      "UPDATE code SET created_at = ?2 WHERE id = ?1", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, code->id);
      shirabe_bind_text (stmt, 2, extra_string (extra, "created"));
      if (!step (self, stmt, error))
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

  while ((rc = next_child (self, at, error)) == 1)
    {
      if (is (self, "Description") && code.description == NULL)
        {
          code.description = read_text (self, MAX_TEXT_ELEMENT, error);
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
      add_target (self, code.notes->pdata[i], TARGET_CODE, code.id);

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

  while ((rc = next_child (self, depth, error)) == 1)
    {
      if (is (self, "Codes"))
        {
          int codes_depth = xmlTextReaderDepth (self->reader);
          int code_rc = 0;

          while ((code_rc = next_child (self, codes_depth, error)) == 1)
            if (is (self, "Code") && !read_code (self, 0, 0, error))
              return FALSE;
          if (code_rc < 0)
            return FALSE;
        }
      else if (is (self, "Sets"))
        {
          static const char * const names[] = { "Set", NULL };

          if (!count_inside (self, names, &self->report->dropped[SHIRABE_QDPX_DROPPED_SETS],
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

  while ((rc = next_child (self, depth, error)) == 1)
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
      while ((child_rc = next_child (self, at, error)) == 1)
        if (is (self, "Description") && variable->description == NULL)
          {
            variable->description = read_text (self, MAX_TEXT_ELEMENT, error);
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
      const char *scope = extra_string (variable->extra, "scope");

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

  if (g_strcmp0 (extra_string (variable->extra, "type"), "choice") == 0 &&
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
  name = clean_text (variable->name);
  if (shirabe_str_is_blank (name))
    {
      g_free (name);
      name = g_strdup (_("Unnamed variable"));
    }
  name_en = extra_string (variable->extra, "name_en");
  name_ja = extra_string (variable->extra, "name_ja");
  if (name_en == NULL && name_ja == NULL)
    {
      if (has_japanese (name))
        name_ja = name;
      else
        name_en = name;
    }
  var_name = extra_string (variable->extra, "var_name");
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
  lang = extra_string (variable->extra, "lang");
  stmt = shirabe_project_prepare (self->project,
                                  "UPDATE attribute SET uuid = ?2, description_en = ?3,"
                                  " description_ja = ?4 WHERE id = ?1", error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, id);
  shirabe_bind_text (stmt, 2, uuid);
  if (g_strcmp0 (lang, "ja") == 0 || (lang == NULL && name_en == NULL))
    {
      shirabe_bind_text (stmt, 3, extra_string (variable->extra, "description_en") ?: "");
      shirabe_bind_text (stmt, 4, variable->description != NULL ? variable->description : "");
    }
  else
    {
      shirabe_bind_text (stmt, 3, variable->description != NULL ? variable->description : "");
      shirabe_bind_text (stmt, 4, extra_string (variable->extra, "description_ja") ?: "");
    }
  if (!step (self, stmt, error))
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

static gboolean
read_value (Importer               *self,
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

  while ((rc = next_child (self, depth, error)) == 1)
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
          value = read_text (self, MAX_TEXT_ELEMENT, error);
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
    g_autofree char *clean = clean_text (value);

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

static gint64
add_case (Importer    *self,
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
  if (!step (self, stmt, error))
    return 0;
  self->report->n_cases++;
  return last_id (self);
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
      return count_inside (self, none, NULL, error);
    }
  if (guid == NULL)
    guid = g_uuid_string_random ();
  clean = clean_text (name);
  if (shirabe_str_is_blank (clean))
    {
      g_free (clean);
      clean = g_strdup_printf (_("Case %u"), self->report->n_cases + 1);
    }
  id = add_case (self, guid, clean, error);
  if (id == 0)
    return FALSE;
  g_hash_table_insert (self->cases, g_strdup (guid), ID_TO_POINTER (id));

  while ((rc = next_child (self, depth, error)) == 1)
    {
      if (is (self, "Description"))
        {
          g_autofree char *description = read_text (self, MAX_TEXT_ELEMENT, error);
          g_autoptr(JsonObject) extra = NULL;
          g_autofree char *memo = NULL;
          g_autofree char *memo_clean = NULL;
          sqlite3_stmt *stmt;

          if (description == NULL)
            return FALSE;
          memo = shirabe_qdpx_split_description (description, &extra);
          memo_clean = clean_text (memo);
          stmt = shirabe_project_prepare (self->project,
                                          "UPDATE cases SET memo = ?2,"
                                          " created_at = coalesce (?3, created_at) WHERE id = ?1",
                                          error);
          if (stmt == NULL)
            return FALSE;
          sqlite3_bind_int64 (stmt, 1, id);
          shirabe_bind_text (stmt, 2, memo_clean);
          shirabe_bind_text (stmt, 3, extra_string (extra, "created"));
          if (!step (self, stmt, error))
            return FALSE;
        }
      else if (is (self, "VariableValue"))
        {
          if (!read_value (self, SHIRABE_SCOPE_CASE, id, clean, error))
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

  while ((rc = next_child (self, depth, error)) == 1)
    if (is (self, "Case") && !read_case (self, error))
      return FALSE;
  return rc >= 0;
}

/* Sources and codings */

static gint64
parse_position (const char *text)
{
  gint64 value;

  if (text == NULL || !g_ascii_string_to_signed (g_strstrip ((char *) text), 10, 0, G_MAXINT32,
                                                 &value, NULL))
    return -1;
  return value;
}

static gboolean
insert_coding (Importer    *self,
               Source      *source,
               const char  *raw_guid,
               const char  *code_guid,
               gint64       coder_id,
               gint64       start,
               gint64       end,
               const char  *memo,
               const char  *created,
               gint64      *coding_id,
               GError     **error)
{
  g_autofree char *guid = shirabe_qdpx_guid_normalize (raw_guid);
  g_autofree char *code = shirabe_qdpx_guid_normalize (code_guid);
  gpointer found = NULL;
  sqlite3_stmt *stmt;

  *coding_id = 0;
  if (code == NULL || !g_hash_table_lookup_extended (self->codes, code, NULL, &found))
    {
      self->report->n_skipped_codings++;
      shirabe_qdpx_report_problem (self->report,
                                   _("“%s”, characters %ld–%ld: a coding with a code that is "
                                     "not in the codebook was left out"),
                                   source->name, (long) start, (long) end);
      return TRUE;
    }
  if (guid == NULL)
    guid = g_uuid_string_random ();
  stmt = shirabe_project_prepare (self->project,
                                  "INSERT OR IGNORE INTO coding (uuid, narrative_id, code_id,"
                                  " coder_id, start, end, memo, created_at)"
                                  " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)", error);
  if (stmt == NULL)
    return FALSE;
  shirabe_bind_text (stmt, 1, guid);
  sqlite3_bind_int64 (stmt, 2, source->narrative_id);
  sqlite3_bind_int64 (stmt, 3, POINTER_TO_ID (found));
  sqlite3_bind_int64 (stmt, 4, coder_id);
  sqlite3_bind_int64 (stmt, 5, start);
  sqlite3_bind_int64 (stmt, 6, end);
  shirabe_bind_text (stmt, 7, memo != NULL ? memo : "");
  shirabe_bind_text (stmt, 8, shirabe_qdpx_is_date_time (created) ? created : self->now);
  if (!step (self, stmt, error))
    return FALSE;
  if (sqlite3_changes (shirabe_project_get_db (self->project)) == 0)
    {
      self->report->n_skipped_codings++;
      shirabe_qdpx_report_problem (self->report,
                                   _("“%s”: the GUID of a coding is given twice; the first "
                                     "is kept"), source->name);
      return TRUE;
    }
  *coding_id = last_id (self);
  self->report->n_codings++;
  return TRUE;
}

/* A Coding element: its code and note references. */
static gboolean
read_coding_element (Importer  *self,
                     char     **code,
                     GPtrArray *notes,
                     GError   **error)
{
  int depth = xmlTextReaderDepth (self->reader);
  int rc = 0;

  while ((rc = next_child (self, depth, error)) == 1)
    {
      if (is (self, "CodeRef") && *code == NULL)
        *code = get_attr (self, "targetGUID");
      else if (is (self, "NoteRef"))
        g_ptr_array_add (notes, get_attr (self, "targetGUID"));
    }
  return rc >= 0;
}

static gboolean
read_selection (Importer  *self,
                Source    *source,
                GError   **error)
{
  int depth = xmlTextReaderDepth (self->reader);
  g_autofree char *start_text = get_attr (self, "startPosition");
  g_autofree char *end_text = get_attr (self, "endPosition");
  g_autofree char *user = get_attr (self, "creatingUser");
  g_autofree char *created = get_attr (self, "creationDateTime");
  g_autofree char *memo = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  gint64 start = parse_position (start_text);
  gint64 end = parse_position (end_text);
  gboolean valid = start >= 0 && end > start;
  int rc = 0;

  while ((rc = next_child (self, depth, error)) == 1)
    {
      if (is (self, "Description") && memo == NULL)
        {
          g_autofree char *text = read_text (self, MAX_TEXT_ELEMENT, error);

          if (text == NULL)
            return FALSE;
          memo = clean_text (text);
        }
      else if (is (self, "Coding"))
        {
          g_autofree char *guid = get_attr (self, "guid");
          g_autofree char *coding_user = get_attr (self, "creatingUser");
          g_autofree char *coding_created = get_attr (self, "creationDateTime");
          g_autofree char *code = NULL;
          g_autoptr(GPtrArray) notes = g_ptr_array_new_with_free_func (g_free);
          gint64 coder_id;
          gint64 coding_id;

          if (!read_coding_element (self, &code, notes, error))
            return FALSE;
          if (!valid)
            {
              self->report->n_skipped_codings++;
              shirabe_qdpx_report_problem (self->report,
                                           _("“%s”: a coding from character %s to %s is not a "
                                             "passage and was left out"), source->name,
                                           start_text != NULL ? start_text : "?",
                                           end_text != NULL ? end_text : "?");
              continue;
            }
          coder_id = coder_for (self, coding_user, user, error);
          if (coder_id == 0)
            return FALSE;
          if (!insert_coding (self, source, guid, code, coder_id, start, end, memo,
                              shirabe_qdpx_is_date_time (coding_created) ? coding_created
                                                                          : created,
                              &coding_id, error))
            return FALSE;
          if (coding_id != 0)
            {
              g_array_append_val (ids, coding_id);
              for (guint i = 0; i < notes->len; i++)
                add_target (self, notes->pdata[i], TARGET_CODING, coding_id);
            }
        }
      else if (is (self, "NoteRef"))
        {
          g_autofree char *note = get_attr (self, "targetGUID");

          for (guint i = 0; i < ids->len; i++)
            add_target (self, note, TARGET_CODING, g_array_index (ids, gint64, i));
        }
    }
  return rc >= 0;
}

static gboolean delete_narrative (Importer  *self,
                                  Source    *source,
                                  GError   **error);
static gboolean finish_source    (Importer    *self,
                                  Source      *source,
                                  const char  *data,
                                  gsize        size,
                                  GError     **error);

static gboolean
read_text_source (Importer  *self,
                  GError   **error)
{
  int depth = xmlTextReaderDepth (self->reader);
  g_autofree char *raw = get_attr (self, "guid");
  g_autofree char *name = get_attr (self, "name");
  g_autofree char *plain = get_attr (self, "plainTextPath");
  g_autofree char *rich = get_attr (self, "richTextPath");
  g_autofree char *created = get_attr (self, "creationDateTime");
  g_autofree char *inline_text = NULL;
  g_autoptr(JsonObject) extra = NULL;
  Source *source;
  gpointer case_id = NULL;
  sqlite3_stmt *stmt;
  int rc = 0;

  source = g_new0 (Source, 1);
  source->guid = shirabe_qdpx_guid_normalize (raw);
  if (source->guid != NULL && g_hash_table_contains (self->sources, source->guid))
    {
      static const char * const none[] = { NULL };

      shirabe_qdpx_report_problem (self->report,
                                   _("Source “%s”: its GUID is given twice; the first is kept"),
                                   name != NULL ? name : "");
      source_free (source);
      return count_inside (self, none, NULL, error);
    }
  if (source->guid == NULL)
    source->guid = g_uuid_string_random ();
  {
    g_autofree char *clean = clean_text (name);
    g_autofree char *from_path = path_key (plain != NULL ? plain : rich);

    if (!shirabe_str_is_blank (clean))
      source->name = g_strstrip (g_steal_pointer (&clean));
    else if (from_path != NULL)
      source->name = g_strdup (from_path);
    else
      source->name = g_strdup_printf (_("Source %u"), self->source_order->len + 1);
  }
  g_ptr_array_add (self->source_order, source);
  g_hash_table_insert (self->sources, source->guid, source);

  if (g_hash_table_lookup_extended (self->source_cases, source->guid, NULL, &case_id))
    source->case_id = POINTER_TO_ID (case_id);
  else
    {
      g_autofree char *uuid = g_uuid_string_random ();

      source->case_id = add_case (self, uuid, source->name, error);
      if (source->case_id == 0)
        return FALSE;
      source->own_case = TRUE;
    }
  stmt = shirabe_project_prepare (self->project,
                                  "INSERT INTO narrative (uuid, case_id, title, text, length,"
                                  " sha256, position, created_at) VALUES (?1, ?2, ?3, '', 0, ?4,"
                                  " (SELECT coalesce (max (position) + 1, 0) FROM narrative"
                                  "  WHERE case_id = ?2), ?5)", error);
  if (stmt == NULL)
    return FALSE;
  shirabe_bind_text (stmt, 1, source->guid);
  sqlite3_bind_int64 (stmt, 2, source->case_id);
  shirabe_bind_text (stmt, 3, source->name);
  shirabe_bind_text (stmt, 4, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  shirabe_bind_text (stmt, 5, shirabe_qdpx_is_date_time (created) ? created : self->now);
  if (!step (self, stmt, error))
    return FALSE;
  source->narrative_id = last_id (self);
  self->report->n_narratives++;

  while ((rc = next_child (self, depth, error)) == 1)
    {
      if (is (self, "Description") && extra == NULL)
        {
          g_autofree char *description = read_text (self, MAX_TEXT_ELEMENT, error);
          g_autofree char *human = NULL;

          if (description == NULL)
            return FALSE;
          human = shirabe_qdpx_split_description (description, &extra);
          if (!shirabe_str_is_blank (human))
            {
              g_autofree char *clean = clean_text (human);

              stmt = shirabe_project_prepare (self->project,
                                              "UPDATE narrative SET memo = ?2 WHERE id = ?1",
                                              error);
              if (stmt == NULL)
                return FALSE;
              sqlite3_bind_int64 (stmt, 1, source->narrative_id);
              shirabe_bind_text (stmt, 2, clean);
              if (!step (self, stmt, error))
                return FALSE;
            }
        }
      else if (is (self, "PlainTextContent") && inline_text == NULL)
        {
          inline_text = read_text (self, MAX_SOURCE_SIZE, error);
          if (inline_text == NULL)
            return FALSE;
        }
      else if (is (self, "PlainTextSelection"))
        {
          if (!read_selection (self, source, error))
            return FALSE;
        }
      else if (is (self, "Coding"))
        {
          g_autofree char *user = get_attr (self, "creatingUser");
          g_autofree char *coding_created = get_attr (self, "creationDateTime");
          g_autoptr(GPtrArray) notes = g_ptr_array_new_with_free_func (g_free);
          WholeCoding *whole = g_new0 (WholeCoding, 1);
          g_autofree char *code = NULL;
          g_autofree char *code_guid = NULL;
          gpointer found;

          whole->guid = get_attr (self, "guid");
          whole->created_at = g_steal_pointer (&coding_created);
          if (!read_coding_element (self, &code, notes, error))
            {
              whole_coding_free (whole);
              return FALSE;
            }
          code_guid = shirabe_qdpx_guid_normalize (code);
          whole->coder_id = coder_for (self, user, NULL, error);
          if (whole->coder_id == 0)
            {
              whole_coding_free (whole);
              return FALSE;
            }
          if (code_guid == NULL || !g_hash_table_lookup_extended (self->codes, code_guid, NULL,
                                                                  &found))
            {
              self->report->n_skipped_codings++;
              shirabe_qdpx_report_problem (self->report,
                                           _("“%s”: a coding of the whole source with a code "
                                             "that is not in the codebook was left out"),
                                           source->name);
              whole_coding_free (whole);
              continue;
            }
          whole->code_id = POINTER_TO_ID (found);
          if (source->whole == NULL)
            source->whole = g_ptr_array_new_with_free_func ((GDestroyNotify) whole_coding_free);
          g_ptr_array_add (source->whole, whole);
        }
      else if (is (self, "NoteRef"))
        {
          g_autofree char *note = get_attr (self, "targetGUID");

          add_target (self, note, TARGET_NARRATIVE, source->narrative_id);
        }
      else if (is (self, "VariableValue"))
        {
          if (!read_value (self, SHIRABE_SCOPE_NARRATIVE, source->narrative_id, source->name,
                           error))
            return FALSE;
        }
    }
  if (rc < 0)
    return FALSE;

  if (extra != NULL)
    {
      const char *language = extra_string (extra, "language");
      const char *kind = extra_string (extra, "kind");
      gint64 status = json_object_has_member (extra, "status")
                      ? json_object_get_int_member (extra, "status") : 0;

      stmt = shirabe_project_prepare (self->project,
                                      "UPDATE narrative SET language = ?2, kind = ?3,"
                                      " status = ?4, origin_file = ?5, origin_encoding = ?6,"
                                      " origin_sha256 = ?7 WHERE id = ?1", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, source->narrative_id);
      shirabe_bind_text (stmt, 2, language != NULL ? language : "");
      shirabe_bind_text (stmt, 3, kind != NULL ? kind : "");
      sqlite3_bind_int64 (stmt, 4, status >= 0 && status <= 2 ? status : 0);
      shirabe_bind_text (stmt, 5, extra_string (extra, "origin_file"));
      shirabe_bind_text (stmt, 6, extra_string (extra, "origin_encoding"));
      shirabe_bind_text (stmt, 7, extra_string (extra, "origin_sha256"));
      if (!step (self, stmt, error))
        return FALSE;
      source->translation_of = g_strdup (extra_string (extra, "translation_of"));
    }

  if (inline_text != NULL)
    return finish_source (self, source, inline_text, strlen (inline_text), error);
  {
    /* The plain text carries the positions; a rich text only serves when there is none. */
    g_autofree char *key = path_key (plain != NULL ? plain : rich);

    if (key == NULL)
      {
        shirabe_qdpx_report_problem (self->report,
                                     _("Source “%s” has no text, in the file or beside it; it "
                                       "was left out"), source->name);
        return delete_narrative (self, source, error);
      }
    source->rich = plain == NULL;
    g_hash_table_replace (self->source_paths, g_steal_pointer (&key), source);
  }
  return TRUE;
}

static gboolean
read_sources (Importer  *self,
              GError   **error)
{
  static const char * const media_names[] = {
    "PictureSelection", "PDFSelection", "AudioSelection", "VideoSelection",
    "TranscriptSelection", "Coding", "Transcript", NULL
  };
  int depth = xmlTextReaderDepth (self->reader);
  guint *dropped = self->report->dropped;
  int rc = 0;

  while ((rc = next_child (self, depth, error)) == 1)
    {
      guint counts[G_N_ELEMENTS (media_names)] = { 0 };

      if (is (self, "TextSource"))
        {
          if (!read_text_source (self, error))
            return FALSE;
          continue;
        }
      if (is (self, "PictureSource"))
        dropped[SHIRABE_QDPX_DROPPED_PICTURE_SOURCES]++;
      else if (is (self, "PDFSource"))
        dropped[SHIRABE_QDPX_DROPPED_PDF_SOURCES]++;
      else if (is (self, "AudioSource"))
        dropped[SHIRABE_QDPX_DROPPED_AUDIO_SOURCES]++;
      else if (is (self, "VideoSource"))
        dropped[SHIRABE_QDPX_DROPPED_VIDEO_SOURCES]++;
      else
        continue;
      if (!count_inside (self, media_names, counts, error))
        return FALSE;
      for (guint i = 0; i < 5; i++)
        dropped[SHIRABE_QDPX_DROPPED_MEDIA_SELECTIONS] += counts[i];
      dropped[SHIRABE_QDPX_DROPPED_MEDIA_CODINGS] += counts[5];
      dropped[SHIRABE_QDPX_DROPPED_TRANSCRIPTS] += counts[6];
    }
  return rc >= 0;
}

/* Notes */

static gboolean
apply_note (Importer    *self,
            const char  *guid,
            const char  *text,
            GError     **error)
{
  GArray *targets = g_hash_table_lookup (self->note_targets, guid);
  g_autofree char *clean = NULL;

  if (targets == NULL)
    {
      self->report->dropped[SHIRABE_QDPX_DROPPED_FREE_NOTES]++;
      return TRUE;
    }
  clean = clean_text (text);
  for (guint i = 0; i < targets->len; i++)
    {
      NoteTarget *target = &g_array_index (targets, NoteTarget, i);
      sqlite3_stmt *stmt = NULL;

      switch (target->kind)
        {
        case TARGET_NARRATIVE:
          stmt = shirabe_project_prepare (self->project,
                                          "UPDATE narrative SET memo = CASE WHEN memo = ''"
                                          " THEN ?2 ELSE memo || char (10, 10) || ?2 END"
                                          " WHERE id = ?1", error);
          break;
        case TARGET_CODING:
          stmt = shirabe_project_prepare (self->project,
                                          "UPDATE coding SET memo = CASE WHEN memo = ''"
                                          " THEN ?2 ELSE memo || char (10, 10) || ?2 END"
                                          " WHERE id = ?1", error);
          break;
        case TARGET_CODE:
          /* Shirabe's codes have no memo: the note joins the description. */
          stmt = shirabe_project_prepare (self->project,
                                          "UPDATE code SET"
                                          " description_en = CASE WHEN label_en = '' THEN"
                                          "  description_en WHEN description_en = '' THEN ?2"
                                          "  ELSE description_en || char (10, 10) || ?2 END,"
                                          " description_ja = CASE WHEN label_en <> '' THEN"
                                          "  description_ja WHEN description_ja = '' THEN ?2"
                                          "  ELSE description_ja || char (10, 10) || ?2 END"
                                          " WHERE id = ?1", error);
          break;
        case TARGET_PROJECT:
        default:
          if (self->project_description->len > 0)
            g_string_append (self->project_description, "\n\n");
          g_string_append (self->project_description, clean);
          self->report->n_memos++;
          continue;
        }
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, target->id);
      shirabe_bind_text (stmt, 2, clean);
      if (!step (self, stmt, error))
        return FALSE;
      self->report->n_memos++;
    }
  return TRUE;
}

static gboolean
read_notes (Importer  *self,
            GError   **error)
{
  int depth = xmlTextReaderDepth (self->reader);
  int rc = 0;

  while ((rc = next_child (self, depth, error)) == 1)
    {
      g_autofree char *raw = NULL;
      g_autofree char *guid = NULL;
      g_autofree char *plain = NULL;
      g_autofree char *text = NULL;
      int at;
      int child_rc = 0;

      if (!is (self, "Note"))
        continue;
      raw = get_attr (self, "guid");
      guid = shirabe_qdpx_guid_normalize (raw);
      plain = get_attr (self, "plainTextPath");
      at = xmlTextReaderDepth (self->reader);
      while ((child_rc = next_child (self, at, error)) == 1)
        if (is (self, "PlainTextContent") && text == NULL)
          {
            text = read_text (self, MAX_TEXT_ELEMENT, error);
            if (text == NULL)
              return FALSE;
          }
      if (child_rc < 0)
        return FALSE;
      if (guid == NULL)
        {
          self->report->dropped[SHIRABE_QDPX_DROPPED_FREE_NOTES]++;
          continue;
        }
      if (text != NULL)
        {
          if (!apply_note (self, guid, text, error))
            return FALSE;
        }
      else if (plain != NULL)
        {
          char *key = path_key (plain);

          if (key != NULL)
            g_hash_table_replace (self->note_paths, key, g_steal_pointer (&guid));
        }
    }
  return rc >= 0;
}

/* The project */

static gboolean
read_project (Importer  *self,
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
  while ((rc = next_child (self, depth, error)) == 1)
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
        ok = read_sources (self, error);
      else if (is (self, "Notes"))
        ok = read_notes (self, error);
      else if (is (self, "Links") || is (self, "Sets") || is (self, "Graphs"))
        {
          static const char * const names[] = { "Link", "Set", "Graph", NULL };
          guint counts[3] = { 0 };

          ok = count_inside (self, names, counts, error);
          self->report->dropped[SHIRABE_QDPX_DROPPED_LINKS] += counts[0];
          self->report->dropped[SHIRABE_QDPX_DROPPED_SETS] += counts[1];
          self->report->dropped[SHIRABE_QDPX_DROPPED_GRAPHS] += counts[2];
        }
      else if (is (self, "Description"))
        {
          g_autofree char *text = read_text (self, MAX_TEXT_ELEMENT, error);
          g_autofree char *clean = clean_text (text);

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

          add_target (self, note, TARGET_PROJECT, 0);
        }
      if (!ok)
        return FALSE;
    }
  return rc >= 0;
}

/* Texts */

static gboolean
delete_narrative (Importer  *self,
                  Source    *source,
                  GError   **error)
{
  sqlite3_stmt *stmt;
  gint64 n_codings;

  stmt = shirabe_project_prepare (self->project,
                                  "SELECT count(*) FROM coding WHERE narrative_id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, source->narrative_id);
  n_codings = shirabe_project_query_id (self->project, stmt, NULL);
  self->report->n_codings -= (guint) n_codings;
  self->report->n_skipped_codings += (guint) n_codings;
  stmt = shirabe_project_prepare (self->project, "DELETE FROM narrative WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, source->narrative_id);
  if (!step (self, stmt, error))
    return FALSE;
  self->report->n_narratives--;
  source->narrative_id = 0;
  if (source->own_case)
    {
      stmt = shirabe_project_prepare (self->project, "DELETE FROM cases WHERE id = ?1", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, source->case_id);
      if (!step (self, stmt, error))
        return FALSE;
      self->report->n_cases--;
    }
  return TRUE;
}

/* Maps a position in the file's text to Shirabe's, given where CRs of CRLF were taken out
 * (their positions in the file's text, ascending). */
static gint64
map_position (GArray *removed,
              gint64  position)
{
  guint low = 0;
  guint high = removed->len;

  /* The number of removed CRs before @position. */
  while (low < high)
    {
      guint middle = (low + high) / 2;

      if (g_array_index (removed, gint64, middle) < position)
        low = middle + 1;
      else
        high = middle;
    }
  return position - low;
}

typedef struct
{
  gint64 id;
  gint64 start;
  gint64 end;
} CodingPlace;

static gboolean
remap_codings (Importer  *self,
               Source    *source,
               GArray    *removed,
               GError   **error)
{
  g_autoptr(GArray) places = g_array_new (FALSE, FALSE, sizeof (CodingPlace));
  sqlite3_stmt *stmt;
  int rc;

  stmt = shirabe_project_prepare (self->project,
                                  "SELECT id, start, end FROM coding WHERE narrative_id = ?1",
                                  error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, source->narrative_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CodingPlace place = { sqlite3_column_int64 (stmt, 0), sqlite3_column_int64 (stmt, 1),
                            sqlite3_column_int64 (stmt, 2) };

      g_array_append_val (places, place);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return shirabe_project_set_sqlite_error (self->project, rc, error);
  for (guint i = 0; i < places->len; i++)
    {
      CodingPlace *place = &g_array_index (places, CodingPlace, i);
      gint64 start = map_position (removed, place->start);
      gint64 end = map_position (removed, place->end);

      if (end <= start)
        {
          /* A passage of a line end alone. */
          stmt = shirabe_project_prepare (self->project, "DELETE FROM coding WHERE id = ?1",
                                          error);
          if (stmt == NULL)
            return FALSE;
          sqlite3_bind_int64 (stmt, 1, place->id);
          if (!step (self, stmt, error))
            return FALSE;
          self->report->n_codings--;
          self->report->n_skipped_codings++;
          continue;
        }
      stmt = shirabe_project_prepare (self->project,
                                      "UPDATE coding SET start = ?2, end = ?3 WHERE id = ?1",
                                      error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, place->id);
      sqlite3_bind_int64 (stmt, 2, start);
      sqlite3_bind_int64 (stmt, 3, end);
      if (!step (self, stmt, error))
        return FALSE;
    }
  return TRUE;
}

/* Makes @data the narrative's text: no BOM, LF line ends (the codings moved with them), and
 * its codings checked against its length. */
static gboolean
finish_source (Importer    *self,
               Source      *source,
               const char  *data,
               gsize        size,
               GError     **error)
{
  g_autoptr(GString) text = NULL;
  g_autoptr(GArray) removed = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autofree char *sha256 = NULL;
  const char *end = data + size;
  gint64 n_chars = 0;
  gint64 position = 0;
  sqlite3_stmt *stmt;
  int deleted;

  if (source->has_text || source->narrative_id == 0)
    return TRUE;
  if (size >= 3 && memcmp (data, "\xef\xbb\xbf", 3) == 0)
    {
      data += 3;
      size -= 3;
    }
  if (!g_utf8_validate_len (data, size, NULL) || memchr (data, '\0', size) != NULL)
    {
      shirabe_qdpx_report_problem (self->report,
                                   _("Source “%s”: its text is not UTF-8 text; it was left out "
                                     "with its codings"), source->name);
      return delete_narrative (self, source, error);
    }
  text = g_string_sized_new (size + 1);
  for (const char *p = data; p < end; p = g_utf8_next_char (p), position++)
    {
      if (*p == '\r')
        {
          if (p + 1 < end && p[1] == '\n')
            {
              g_array_append_val (removed, position);
              continue;
            }
          g_string_append_c (text, '\n');
        }
      else
        g_string_append_len (text, p, g_utf8_next_char (p) - p);
      n_chars++;
    }
  sha256 = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) text->str,
                                        text->len);
  stmt = shirabe_project_prepare (self->project,
                                  "UPDATE narrative SET text = ?2, length = ?3, sha256 = ?4"
                                  " WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, source->narrative_id);
  sqlite3_bind_text64 (stmt, 2, text->str, text->len, SQLITE_STATIC, SQLITE_UTF8);
  sqlite3_bind_int64 (stmt, 3, n_chars);
  shirabe_bind_text (stmt, 4, sha256);
  if (!step (self, stmt, error))
    {
      sqlite3_clear_bindings (stmt);
      return FALSE;
    }
  sqlite3_clear_bindings (stmt);
  source->has_text = TRUE;

  if (removed->len > 0)
    {
      self->report->n_remapped++;
      if (!remap_codings (self, source, removed, error))
        return FALSE;
    }
  stmt = shirabe_project_prepare (self->project,
                                  "DELETE FROM coding WHERE narrative_id = ?1 AND end > ?2",
                                  error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, source->narrative_id);
  sqlite3_bind_int64 (stmt, 2, n_chars);
  if (!step (self, stmt, error))
    return FALSE;
  deleted = sqlite3_changes (shirabe_project_get_db (self->project));
  if (deleted > 0)
    {
      self->report->n_codings -= (guint) deleted;
      self->report->n_skipped_codings += (guint) deleted;
      shirabe_qdpx_report_problem (self->report,
                                   ngettext ("Source “%s”: %d coding lies outside its text (%ld "
                                             "characters) and was left out",
                                             "Source “%s”: %d codings lie outside its text (%ld "
                                             "characters) and were left out",
                                             deleted),
                                   source->name, deleted, (long) n_chars);
    }
  for (guint i = 0; source->whole != NULL && i < source->whole->len && n_chars > 0; i++)
    {
      WholeCoding *whole = source->whole->pdata[i];
      g_autofree char *code_guid = NULL;
      gint64 coding_id;
      GHashTableIter iter;
      gpointer key;
      gpointer value;

      /* insert_coding() wants the code's GUID back. */
      g_hash_table_iter_init (&iter, self->codes);
      while (g_hash_table_iter_next (&iter, &key, &value))
        if (POINTER_TO_ID (value) == whole->code_id)
          {
            code_guid = g_strdup (key);
            break;
          }
      if (!insert_coding (self, source, whole->guid, code_guid, whole->coder_id, 0, n_chars,
                          NULL, whole->created_at, &coding_id, error))
        return FALSE;
    }
  return TRUE;
}

/* The zip */

static int
read_entry_xml (void *context,
                char *buffer,
                int   length)
{
  Importer *self = context;
  la_ssize_t n = archive_read_data (self->archive, buffer, (size_t) length);

  if (n < 0)
    {
      self->read_failed = TRUE;
      return -1;
    }
  self->total_read += (guint64) n;
  if (self->total_read > MAX_UNCOMPRESSED ||
      self->total_read > MAX (self->file_size, 65536) * MAX_RATIO)
    {
      self->over_limit = TRUE;
      return -1;
    }
  look_for_doctype (self, buffer, n);
  return (int) n;
}

static int
close_nothing (void *context)
{
  return 0;
}

static gboolean
set_limit_error (Importer  *self,
                 GError   **error)
{
  if (self->over_limit)
    {
      g_autofree char *limit = g_format_size (MIN (MAX_UNCOMPRESSED,
                                                   MAX (self->file_size, 65536) * MAX_RATIO));

      g_clear_error (error);
      g_set_error (error, SHIRABE_ERROR, SHIRABE_ERROR_TOO_LARGE,
                   _("“%s” unpacks to more than %s, far more than a project of its size holds "
                     "(a damaged or hostile file); it was not imported"),
                   self->display, limit);
      return FALSE;
    }
  if (self->read_failed)
    {
      g_clear_error (error);
      g_set_error (error, SHIRABE_ERROR, SHIRABE_ERROR_CORRUPT,
                   _("“%s” is damaged: a part of it cannot be read (%s)"), self->display,
                   archive_error_string (self->archive) ?: "?");
      return FALSE;
    }
  return TRUE;
}

static gboolean
read_qde (Importer  *self,
          GError   **error)
{
  gboolean ok;

  self->reader = xmlReaderForIO (read_entry_xml, close_nothing, self, NULL, NULL,
                                 XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
  if (self->reader == NULL)
    {
      g_set_error (error, SHIRABE_ERROR, SHIRABE_ERROR_FAILED, _("Cannot read “%s”"),
                   self->display);
      return FALSE;
    }
  ok = read_project (self, error);
  g_clear_pointer (&self->reader, xmlFreeTextReader);
  return set_limit_error (self, error) && ok;
}

static struct archive *
open_archive (Importer  *self,
              GError   **error)
{
  struct archive *archive = archive_read_new ();

  archive_read_support_format_zip (archive);
  if (archive_read_open_filename (archive, self->path, 65536) != ARCHIVE_OK)
    {
      g_set_error (error, SHIRABE_ERROR, SHIRABE_ERROR_CORRUPT,
                   _("“%s” is not a REFI-QDA project: it cannot be opened as a zip archive "
                     "(%s)"), self->display, archive_error_string (archive) ?: "?");
      archive_read_free (archive);
      return NULL;
    }
  return archive;
}

static gboolean
read_entry_bytes (Importer     *self,
                  const char   *name,
                  GByteArray  **out,
                  GError      **error)
{
  GByteArray *bytes = g_byte_array_new ();
  char buffer[65536];
  la_ssize_t n;

  while ((n = archive_read_data (self->archive, buffer, sizeof buffer)) > 0)
    {
      self->total_read += (guint64) n;
      if (self->total_read > MAX_UNCOMPRESSED ||
          self->total_read > MAX (self->file_size, 65536) * MAX_RATIO ||
          bytes->len + (guint64) n > MAX_SOURCE_SIZE)
        {
          self->over_limit = TRUE;
          g_byte_array_unref (bytes);
          return set_limit_error (self, error);
        }
      g_byte_array_append (bytes, (const guint8 *) buffer, (guint) n);
    }
  if (n < 0)
    {
      self->read_failed = TRUE;
      g_byte_array_unref (bytes);
      return set_limit_error (self, error);
    }
  *out = bytes;
  return TRUE;
}

/* The first pass: project.qde. */
static gboolean
first_pass (Importer  *self,
            GError   **error)
{
  struct archive_entry *entry;
  guint n_entries = 0;
  int rc;

  self->archive = open_archive (self, error);
  if (self->archive == NULL)
    return FALSE;
  self->pass_base = 0;
  while ((rc = archive_read_next_header (self->archive, &entry)) == ARCHIVE_OK)
    {
      const char *name = archive_entry_pathname (entry);

      if (++n_entries > MAX_ENTRIES)
        {
          g_set_error (error, SHIRABE_ERROR, SHIRABE_ERROR_TOO_LARGE,
                       _("“%s” holds more than %u files, which no project needs; it was not "
                         "imported"), self->display, MAX_ENTRIES);
          return FALSE;
        }
      if (name != NULL && g_ascii_strcasecmp (name, "project.qde") == 0)
        return read_qde (self, error);
      archive_read_data_skip (self->archive);
    }
  if (rc != ARCHIVE_EOF)
    g_set_error (error, SHIRABE_ERROR, SHIRABE_ERROR_CORRUPT,
                 _("“%s” is damaged: its zip archive cannot be read to the end (%s)"),
                 self->display, archive_error_string (self->archive) ?: "?");
  else
    g_set_error (error, SHIRABE_ERROR, SHIRABE_ERROR_CORRUPT,
                 _("“%s” is not a REFI-QDA project: it holds no project.qde"), self->display);
  return FALSE;
}

static gboolean
convert_document (Importer    *self,
                  Source      *source,
                  GByteArray  *bytes,
                  GError     **error)
{
  ShirabeDocumentFormat format = shirabe_document_sniff (source->name,
                                                         (const char *) bytes->data, bytes->len);
  g_autoptr(ShirabeDocument) document = NULL;
  g_autoptr(GError) local_error = NULL;

  if (format == SHIRABE_DOCUMENT_PLAIN)
    return finish_source (self, source, (const char *) bytes->data, bytes->len, error);
  document = shirabe_document_convert (format, (const char *) bytes->data, bytes->len,
                                       source->name, NULL, self->cancellable, &local_error);
  if (document == NULL)
    {
      if (g_error_matches (local_error, SHIRABE_ERROR, SHIRABE_ERROR_CANCELLED))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      shirabe_qdpx_report_problem (self->report, _("Source “%s”: %s"), source->name,
                                   local_error->message);
      return delete_narrative (self, source, error);
    }
  self->report->n_from_documents++;
  return finish_source (self, source, document->text, strlen (document->text), error);
}

/* The second pass: the texts and notes project.qde named. */
static gboolean
second_pass (Importer  *self,
             GError   **error)
{
  struct archive_entry *entry;
  int rc;

  if (g_hash_table_size (self->source_paths) == 0 && g_hash_table_size (self->note_paths) == 0)
    return TRUE;
  archive_read_free (self->archive);
  self->archive = open_archive (self, error);
  if (self->archive == NULL)
    return FALSE;
  self->pass_base = self->file_size;
  while ((rc = archive_read_next_header (self->archive, &entry)) == ARCHIVE_OK)
    {
      g_autofree char *key = path_key (archive_entry_pathname (entry));
      Source *source = key != NULL ? g_hash_table_lookup (self->source_paths, key) : NULL;
      const char *note = key != NULL ? g_hash_table_lookup (self->note_paths, key) : NULL;
      g_autoptr(GByteArray) bytes = NULL;

      self->steps |= 0xfff;
      if (!check_step (self, error))
        return FALSE;
      if ((source == NULL || source->has_text) && note == NULL)
        {
          archive_read_data_skip (self->archive);
          continue;
        }
      if (!read_entry_bytes (self, key, &bytes, error))
        return FALSE;
      if (source != NULL && !source->has_text && source->narrative_id != 0)
        {
          gboolean ok = source->rich
                        ? convert_document (self, source, bytes, error)
                        : finish_source (self, source, (const char *) bytes->data, bytes->len,
                                         error);

          if (!ok)
            return FALSE;
        }
      if (note != NULL)
        {
          g_autofree char *text = g_strndup ((const char *) bytes->data, bytes->len);

          if (!apply_note (self, note, text, error))
            return FALSE;
        }
    }
  if (rc != ARCHIVE_EOF)
    {
      g_set_error (error, SHIRABE_ERROR, SHIRABE_ERROR_CORRUPT,
                   _("“%s” is damaged: its zip archive cannot be read to the end (%s)"),
                   self->display, archive_error_string (self->archive) ?: "?");
      return FALSE;
    }
  return TRUE;
}

/* A bare project.qde or .qdc, not in a zip: read from its file descriptor. */
typedef struct
{
  Importer *importer;
  int       fd;
} BareFile;

static int
read_fd (void *context,
         char *buffer,
         int   length)
{
  BareFile *file = context;
  ssize_t n;

  do
    n = read (file->fd, buffer, (size_t) length);
  while (n < 0 && errno == EINTR);
  look_for_doctype (file->importer, buffer, n);
  return (int) n;
}

static gboolean
read_bare (Importer  *self,
           GError   **error)
{
  int fd = g_open (self->path, O_RDONLY | O_CLOEXEC, 0);
  gboolean ok;

  if (fd < 0)
    {
      int saved_errno = errno;

      g_set_error (error, SHIRABE_ERROR, SHIRABE_ERROR_NOT_FOUND, _("Cannot read “%s”: %s"),
                   self->display, g_strerror (saved_errno));
      return FALSE;
    }
  BareFile file = { self, fd };

  self->reader = xmlReaderForIO (read_fd, close_nothing, &file, NULL, NULL,
                                 XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
  ok = self->reader != NULL && read_project (self, error);
  if (self->reader == NULL)
    g_set_error (error, SHIRABE_ERROR, SHIRABE_ERROR_FAILED, _("Cannot read “%s”"),
                 self->display);
  g_clear_pointer (&self->reader, xmlFreeTextReader);
  close (fd);
  return ok;
}

/* What the first bytes say: a zip, XML, or neither. */
static gboolean
sniff (const char  *path,
       const char  *display,
       gboolean    *zip,
       guint64     *size,
       GError     **error)
{
  char head[512];
  gssize n;
  GStatBuf st;
  int fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);
  gsize i = 0;

  if (fd < 0 || fstat (fd, &st) != 0)
    {
      int saved_errno = errno;

      if (fd >= 0)
        close (fd);
      g_set_error (error, SHIRABE_ERROR, SHIRABE_ERROR_NOT_FOUND, _("Cannot read “%s”: %s"),
                   display, g_strerror (saved_errno));
      return FALSE;
    }
  n = read (fd, head, sizeof head);
  close (fd);
  *size = (guint64) st.st_size;
  *zip = n >= 4 && memcmp (head, "PK\003\004", 4) == 0;
  if (*zip)
    return TRUE;
  if (n >= 3 && memcmp (head, "\xef\xbb\xbf", 3) == 0)
    i = 3;
  while (n > 0 && i < (gsize) n && g_ascii_isspace (head[i]))
    i++;
  if (n > 0 && i < (gsize) n && head[i] == '<')
    return TRUE;
  g_set_error (error, SHIRABE_ERROR, SHIRABE_ERROR_CORRUPT,
               _("“%s” is not a REFI-QDA project: it is neither a zip archive (.qdpx) nor XML "
                 "(.qde, .qdc)"), display);
  return FALSE;
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
  g_autofree char *name = clean_text (self->project_name);

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
      const char *scope = extra_string (variable->extra, "scope");
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
      if (!delete_narrative (self, source, error))
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
      if (!step (self, stmt, error))
        return FALSE;
    }
  if (!set_project_meta (self, error))
    return FALSE;
  /* The narratives went in row by row: their full-text index is made at once. */
  stmt = shirabe_project_prepare (self->project,
                                  "INSERT INTO narrative_fts (narrative_fts) VALUES ('rebuild')",
                                  error);
  return stmt != NULL && step (self, stmt, error);
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
    ok = first_pass (self, error) && second_pass (self, error);
  else
    ok = read_bare (self, error);
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
  ok = sniff (qdpx_path, display, &data.zip, &self.file_size, error) &&
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
  if (!sniff (path, display, &zip, &self.file_size, error))
    {
      importer_clear (&self);
      return FALSE;
    }
  if (!shirabe_project_begin_edit (project, error))
    {
      importer_clear (&self);
      return FALSE;
    }
  ok = zip ? first_pass (&self, error) : read_bare (&self, error);
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
