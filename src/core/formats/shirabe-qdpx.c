/* shirabe-qdpx.c: what the REFI-QDA export and import share: the report, GUIDs, the extra
 * line in descriptions, and validation against the schemas
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Validation streams: the project.qde of a .qdpx goes from libarchive's reads straight into
 * libxml2's schema validator through a SAX handler that builds nothing, so a 200 MB project is
 * checked in constant memory.
 */
#include "config.h"

#include <string.h>

#include <archive.h>
#include <archive_entry.h>
#include <libxml/parser.h>
#include <libxml/xmlschemas.h>

#include "shirabe-document-private.h"
#include "shirabe-error.h"
#include "shirabe-i18n.h"
#include "shirabe-qdpx-private.h"

ShirabeQdpxReport *
shirabe_qdpx_report_new (void)
{
  ShirabeQdpxReport *self = g_new0 (ShirabeQdpxReport, 1);

  self->problems = g_ptr_array_new_with_free_func (g_free);
  return self;
}

void
shirabe_qdpx_report_free (ShirabeQdpxReport *self)
{
  if (self == NULL)
    return;
  g_free (self->origin);
  g_ptr_array_unref (self->problems);
  g_free (self);
}

void
shirabe_qdpx_report_problem (ShirabeQdpxReport *report,
                             const char        *format,
                             ...)
{
  va_list args;

  report->n_problems++;
  if (report->problems->len >= SHIRABE_QDPX_MAX_PROBLEMS)
    return;
  va_start (args, format);
  g_ptr_array_add (report->problems, g_strdup_vprintf (format, args));
  va_end (args);
}

/* Literal messages in each case, so that the plural forms and formats are checked. */
#define DESCRIBE(kind, one, many) \
  case kind: \
    return g_strdup_printf (ngettext (one, many, count), count)

char *
shirabe_qdpx_dropped_describe (ShirabeQdpxDropped kind,
                               guint              count)
{
  if (count == 0)
    return NULL;
  switch (kind)
    {
    DESCRIBE (SHIRABE_QDPX_DROPPED_PICTURE_SOURCES, "%u picture", "%u pictures");
    DESCRIBE (SHIRABE_QDPX_DROPPED_PDF_SOURCES, "%u PDF document (as a layout of pages)",
              "%u PDF documents (as layouts of pages)");
    DESCRIBE (SHIRABE_QDPX_DROPPED_AUDIO_SOURCES, "%u audio recording", "%u audio recordings");
    DESCRIBE (SHIRABE_QDPX_DROPPED_VIDEO_SOURCES, "%u video", "%u videos");
    DESCRIBE (SHIRABE_QDPX_DROPPED_MEDIA_SELECTIONS,
              "%u region of a picture, PDF page, recording or transcript",
              "%u regions of pictures, PDF pages, recordings or transcripts");
    DESCRIBE (SHIRABE_QDPX_DROPPED_MEDIA_CODINGS,
              "%u coding of a picture, PDF, recording or transcript",
              "%u codings of pictures, PDFs, recordings or transcripts");
    DESCRIBE (SHIRABE_QDPX_DROPPED_TRANSCRIPTS, "%u transcript of a recording",
              "%u transcripts of recordings");
    DESCRIBE (SHIRABE_QDPX_DROPPED_SETS, "%u set (a group of codes or sources)",
              "%u sets (groups of codes or sources)");
    DESCRIBE (SHIRABE_QDPX_DROPPED_GRAPHS, "%u graph (a network view)",
              "%u graphs (network views)");
    DESCRIBE (SHIRABE_QDPX_DROPPED_LINKS, "%u link between items", "%u links between items");
    DESCRIBE (SHIRABE_QDPX_DROPPED_CASE_CODES, "%u code given to a whole case",
              "%u codes given to whole cases");
    DESCRIBE (SHIRABE_QDPX_DROPPED_SELECTION_REFS, "%u passage linked to a case",
              "%u passages linked to cases");
    DESCRIBE (SHIRABE_QDPX_DROPPED_FREE_NOTES, "%u note attached to nothing Shirabe keeps",
              "%u notes attached to nothing Shirabe keeps");
    case SHIRABE_QDPX_N_DROPPED:
    default:
      g_return_val_if_reached (NULL);
    }
}

char *
shirabe_qdpx_report_to_string (const ShirabeQdpxReport *self)
{
  GString *out = g_string_new (NULL);
  gboolean any_dropped = FALSE;

  if (self->n_codes_existing > 0 && self->n_narratives == 0 && self->n_cases == 0)
    g_string_append_printf (out, _("Codes: %u added, %u already in the codebook\n"),
                            self->n_codes, self->n_codes_existing);
  else
    {
      g_string_append_printf (out, _("Coders: %u\n"), self->n_coders);
      g_string_append_printf (out, _("Codes: %u\n"), self->n_codes);
      g_string_append_printf (out, _("Cases: %u\n"), self->n_cases);
      g_string_append_printf (out, _("Narratives: %u\n"), self->n_narratives);
      g_string_append_printf (out, _("Codings: %u\n"), self->n_codings);
      g_string_append_printf (out, _("Attributes: %u, with %u values\n"), self->n_attributes,
                              self->n_values);
      g_string_append_printf (out, _("Memos: %u\n"), self->n_memos);
    }
  if (self->n_remapped > 0)
    g_string_append_printf (out,
                            ngettext ("%u narrative had Windows line ends (CRLF): they were made "
                                      "LF and its codings moved with them\n",
                                      "%u narratives had Windows line ends (CRLF): they were "
                                      "made LF and their codings moved with them\n",
                                      self->n_remapped),
                            self->n_remapped);
  if (self->n_from_documents > 0)
    g_string_append_printf (out,
                            ngettext ("%u narrative was read from its Word, OpenDocument or PDF "
                                      "file, having no plain text\n",
                                      "%u narratives were read from their Word, OpenDocument or "
                                      "PDF files, having no plain text\n",
                                      self->n_from_documents),
                            self->n_from_documents);
  for (guint i = 0; i < SHIRABE_QDPX_N_DROPPED; i++)
    {
      g_autofree char *line = shirabe_qdpx_dropped_describe (i, self->dropped[i]);

      if (line == NULL)
        continue;
      if (!any_dropped)
        g_string_append (out, _("Left out, having no place in Shirabe:\n"));
      any_dropped = TRUE;
      g_string_append_printf (out, "  %s\n", line);
    }
  if (self->n_problems > 0)
    {
      g_string_append_printf (out,
                              ngettext ("%u item could not be imported:\n",
                                        "%u items could not be imported:\n", self->n_problems),
                              self->n_problems);
      for (guint i = 0; i < self->problems->len; i++)
        g_string_append_printf (out, "  %s\n", (const char *) self->problems->pdata[i]);
      if (self->n_problems > self->problems->len)
        g_string_append_printf (out, _("  … and %u more\n"),
                                self->n_problems - self->problems->len);
    }
  return g_string_free (out, FALSE);
}

/* GUIDs */

char *
shirabe_qdpx_derived_guid (const char *kind,
                           const char *uuid)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA1);
  guint8 digest[20];
  gsize length = sizeof digest;

  g_checksum_update (checksum, (const guchar *) "shirabe-refi-qda:", -1);
  g_checksum_update (checksum, (const guchar *) kind, -1);
  g_checksum_update (checksum, (const guchar *) ":", -1);
  g_checksum_update (checksum, (const guchar *) uuid, -1);
  g_checksum_get_digest (checksum, digest, &length);
  digest[6] = (digest[6] & 0x0f) | 0x50;
  digest[8] = (digest[8] & 0x3f) | 0x80;
  return g_strdup_printf ("%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-"
                          "%02x%02x%02x%02x%02x%02x",
                          digest[0], digest[1], digest[2], digest[3], digest[4], digest[5],
                          digest[6], digest[7], digest[8], digest[9], digest[10], digest[11],
                          digest[12], digest[13], digest[14], digest[15]);
}

char *
shirabe_qdpx_guid_normalize (const char *text)
{
  char out[37];
  gsize n;

  if (text == NULL)
    return NULL;
  while (g_ascii_isspace (*text))
    text++;
  n = strlen (text);
  while (n > 0 && g_ascii_isspace (text[n - 1]))
    n--;
  if (n == 38 && text[0] == '{' && text[37] == '}')
    {
      text++;
      n = 36;
    }
  if (n != 36)
    return NULL;
  for (gsize i = 0; i < 36; i++)
    {
      if (i == 8 || i == 13 || i == 18 || i == 23)
        {
          if (text[i] != '-')
            return NULL;
          out[i] = '-';
        }
      else if (g_ascii_isxdigit (text[i]))
        out[i] = g_ascii_tolower (text[i]);
      else
        return NULL;
    }
  out[36] = '\0';
  return g_strdup (out);
}

gboolean
shirabe_qdpx_is_date_time (const char *text)
{
  static const char pattern[] = "dddd-dd-ddTdd:dd:dd";

  if (text == NULL || strlen (text) < sizeof pattern - 1)
    return FALSE;
  for (gsize i = 0; i < sizeof pattern - 1; i++)
    if (pattern[i] == 'd' ? !g_ascii_isdigit (text[i]) : text[i] != pattern[i])
      return FALSE;
  text += sizeof pattern - 1;
  if (*text == '.')
    {
      text++;
      if (!g_ascii_isdigit (*text))
        return FALSE;
      while (g_ascii_isdigit (*text))
        text++;
    }
  if (*text == 'Z')
    return text[1] == '\0';
  if (*text == '+' || *text == '-')
    return g_ascii_isdigit (text[1]) && g_ascii_isdigit (text[2]) && text[3] == ':' &&
           g_ascii_isdigit (text[4]) && g_ascii_isdigit (text[5]) && text[6] == '\0';
  return *text == '\0';
}

/* Descriptions */

char *
shirabe_qdpx_join_description (const char *human,
                               JsonObject *extra)
{
  g_autoptr(JsonObject) owned = extra;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(JsonGenerator) generator = NULL;
  g_autofree char *json = NULL;

  if (human == NULL)
    human = "";
  if (extra == NULL || json_object_get_size (extra) == 0)
    return g_strdup (human);
  node = json_node_new (JSON_NODE_OBJECT);
  json_node_set_object (node, extra);
  generator = json_generator_new ();
  json_generator_set_root (generator, node);
  json_generator_set_pretty (generator, FALSE);
  json = json_generator_to_data (generator, NULL);
  if (*human == '\0')
    return g_strconcat (SHIRABE_QDPX_EXTRA_PREFIX, json, NULL);
  return g_strconcat (human, "\n\n" SHIRABE_QDPX_EXTRA_PREFIX, json, NULL);
}

char *
shirabe_qdpx_split_description (const char  *description,
                                JsonObject **extra)
{
  const char *line;
  const char *found = NULL;
  g_autoptr(JsonParser) parser = NULL;
  JsonNode *root;

  *extra = NULL;
  if (description == NULL)
    return g_strdup ("");
  /* The last line that starts with the prefix. */
  for (line = description; line != NULL; )
    {
      if (g_str_has_prefix (line, SHIRABE_QDPX_EXTRA_PREFIX "{"))
        found = line;
      line = strchr (line, '\n');
      if (line != NULL)
        line++;
    }
  if (found == NULL || strchr (found, '\n') != NULL)
    return g_strdup (description);
  parser = json_parser_new ();
  if (!json_parser_load_from_data (parser, found + strlen (SHIRABE_QDPX_EXTRA_PREFIX), -1,
                                   NULL))
    return g_strdup (description);
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return g_strdup (description);
  *extra = json_object_ref (json_node_get_object (root));
  {
    gsize n = (gsize) (found - description);

    while (n > 0 && description[n - 1] == '\n')
      n--;
    return g_strndup (description, n);
  }
}

char *
shirabe_qdpx_xml_text (const char *text)
{
  GString *out;

  if (text == NULL)
    return g_strdup ("");
  out = g_string_sized_new (strlen (text));
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0xfffe || c == 0xffff)
        g_string_append_unichar (out, 0xfffd);
      else
        g_string_append_len (out, p, g_utf8_next_char (p) - p);
    }
  return g_string_free (out, FALSE);
}

/* Validation */

char *
shirabe_qdpx_find_schema (const char *name)
{
  const char *env = g_getenv ("SHIRABE_REFI_QDA_DIR");

  if (env != NULL && *env != '\0')
    {
      char *path = g_build_filename (env, name, NULL);

      if (g_file_test (path, G_FILE_TEST_IS_REGULAR))
        return path;
      g_free (path);
    }
#ifdef SHIRABE_DATADIR
  {
    char *path = g_build_filename (SHIRABE_DATADIR, "refi-qda", name, NULL);

    if (g_file_test (path, G_FILE_TEST_IS_REGULAR))
      return path;
    g_free (path);
  }
#endif
  return NULL;
}

typedef struct
{
  char *message;
  int   line;
} FirstError;

static void
keep_first_error (void        *user_data,
                  xmlErrorPtr  error)
{
  FirstError *first = user_data;

  if (first->message != NULL || error == NULL || error->level < XML_ERR_ERROR)
    return;
  first->message = g_strstrip (g_strdup (error->message != NULL ? error->message : "?"));
  first->line = error->line;
}

typedef struct
{
  struct archive *archive;
  gboolean        failed;
} EntryStream;

static int
read_entry (void *context,
            char *buffer,
            int   length)
{
  EntryStream *stream = context;
  la_ssize_t n = archive_read_data (stream->archive, buffer, (size_t) length);

  if (n < 0)
    {
      stream->failed = TRUE;
      return -1;
    }
  return (int) n;
}

static int
close_entry (void *context)
{
  return 0;
}

/* Opens @path as a zip and moves to its project.qde (any case, at the top). */
static struct archive *
open_project_entry (const char  *path,
                    const char  *display,
                    GError     **error)
{
  struct archive *archive = archive_read_new ();
  struct archive_entry *entry;

  archive_read_support_format_zip (archive);
  if (archive_read_open_filename (archive, path, 65536) != ARCHIVE_OK)
    {
      g_set_error (error, SHIRABE_ERROR, SHIRABE_ERROR_CORRUPT,
                   _("“%s” is not a REFI-QDA project: it cannot be opened as a zip archive"),
                   display);
      archive_read_free (archive);
      return NULL;
    }
  while (archive_read_next_header (archive, &entry) == ARCHIVE_OK)
    {
      const char *name = archive_entry_pathname (entry);

      if (name != NULL && g_ascii_strcasecmp (name, "project.qde") == 0)
        return archive;
      archive_read_data_skip (archive);
    }
  g_set_error (error, SHIRABE_ERROR, SHIRABE_ERROR_CORRUPT,
               _("“%s” is not a REFI-QDA project: it holds no project.qde"), display);
  archive_read_free (archive);
  return NULL;
}

gboolean
shirabe_qdpx_validate (const char  *path,
                       GError     **error)
{
  g_autofree char *display = g_filename_display_name (path);
  g_autofree char *head = NULL;
  g_autofree char *schema_path = NULL;
  g_autofree char *schema_data = NULL;
  g_autoptr(GError) local_error = NULL;
  gsize schema_size = 0;
  gboolean zip = FALSE;
  gboolean codebook = FALSE;
  xmlSchemaParserCtxtPtr parser = NULL;
  xmlSchemaPtr schema = NULL;
  xmlSchemaValidCtxtPtr valid = NULL;
  xmlParserInputBufferPtr input = NULL;
  struct archive *archive = NULL;
  EntryStream stream = { 0 };
  xmlSAXHandler sax;
  FirstError first = { NULL, 0 };
  gboolean ok = FALSE;
  int rc;

  shirabe_xml_init ();
  {
    g_autoptr(GFile) file = g_file_new_for_path (path);
    g_autoptr(GFileInputStream) in = g_file_read (file, NULL, &local_error);
    char buffer[512];
    gssize n;

    if (in == NULL)
      {
        g_set_error (error, SHIRABE_ERROR, SHIRABE_ERROR_NOT_FOUND, _("Cannot read “%s”: %s"),
                     display, local_error->message);
        return FALSE;
      }
    n = g_input_stream_read (G_INPUT_STREAM (in), buffer, sizeof buffer - 1, NULL, NULL);
    if (n < 0)
      n = 0;
    buffer[n] = '\0';
    zip = n >= 4 && memcmp (buffer, "PK\003\004", 4) == 0;
    head = g_strndup (buffer, n);
  }
  /* A codebook's root is CodeBook; a project's is Project. */
  codebook = !zip && head != NULL && strstr (head, "<CodeBook") != NULL &&
             strstr (head, "<Project") == NULL;
  schema_path = shirabe_qdpx_find_schema (codebook ? "Codebook-mrt2019.xsd"
                                                   : "Project-mrt2019.xsd");
  if (schema_path == NULL ||
      !g_file_get_contents (schema_path, &schema_data, &schema_size, NULL))
    {
      g_set_error (error, SHIRABE_ERROR, SHIRABE_ERROR_NOT_FOUND,
                   _("The REFI-QDA schema %s was not found; set SHIRABE_REFI_QDA_DIR to the "
                     "folder that holds it"),
                   codebook ? "Codebook-mrt2019.xsd" : "Project-mrt2019.xsd");
      return FALSE;
    }
  parser = xmlSchemaNewMemParserCtxt (schema_data, (int) schema_size);
  schema = parser != NULL ? xmlSchemaParse (parser) : NULL;
  if (schema == NULL)
    {
      g_set_error (error, SHIRABE_ERROR, SHIRABE_ERROR_CORRUPT,
                   _("The REFI-QDA schema “%s” cannot be read"), schema_path);
      goto out;
    }
  valid = xmlSchemaNewValidCtxt (schema);
  xmlSchemaSetValidStructuredErrors (valid, keep_first_error, &first);

  if (zip)
    {
      archive = open_project_entry (path, display, error);
      if (archive == NULL)
        goto out;
      stream.archive = archive;
      input = xmlParserInputBufferCreateIO (read_entry, close_entry, &stream,
                                            XML_CHAR_ENCODING_NONE);
    }
  else
    input = xmlParserInputBufferCreateFilename (path, XML_CHAR_ENCODING_NONE);
  if (input == NULL)
    {
      g_set_error (error, SHIRABE_ERROR, SHIRABE_ERROR_FAILED, _("Cannot read “%s”"), display);
      goto out;
    }
  /* A handler that builds nothing: the validator sees every event, no tree is made. */
  memset (&sax, 0, sizeof sax);
  sax.initialized = XML_SAX2_MAGIC;
  rc = xmlSchemaValidateStream (valid, input, XML_CHAR_ENCODING_NONE, &sax, NULL);
  input = NULL;  /* the validator frees it */
  if (stream.failed)
    g_set_error (error, SHIRABE_ERROR, SHIRABE_ERROR_CORRUPT,
                 _("“%s” is damaged: its project.qde cannot be read to the end"), display);
  else if (rc != 0)
    g_set_error (error, SHIRABE_ERROR, SHIRABE_ERROR_INVALID,
                 _("“%s” does not follow the REFI-QDA schema (line %d): %s"), display,
                 first.line, first.message != NULL ? first.message : _("not well-formed XML"));
  else
    ok = TRUE;

out:
  if (input != NULL)
    xmlFreeParserInputBuffer (input);
  if (archive != NULL)
    archive_read_free (archive);
  if (valid != NULL)
    xmlSchemaFreeValidCtxt (valid);
  if (schema != NULL)
    xmlSchemaFree (schema);
  if (parser != NULL)
    xmlSchemaFreeParserCtxt (parser);
  g_free (first.message);
  return ok;
}
