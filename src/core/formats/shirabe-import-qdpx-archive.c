/* shirabe-import-qdpx-archive.c: the two streamed passes over a REFI-QDA zip, or a bare
 * project.qde, within limits a hostile file cannot pass
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
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
  qdpx_importer_look_for_doctype (self, buffer, n);
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
  ok = qdpx_importer_read_project (self, error);
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
gboolean
qdpx_importer_first_pass (Importer  *self,
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
    return qdpx_importer_finish_source (self, source, (const char *) bytes->data, bytes->len,
                                        error);
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
      return qdpx_importer_delete_narrative (self, source, error);
    }
  self->report->n_from_documents++;
  return qdpx_importer_finish_source (self, source, document->text, strlen (document->text), error);
}

/* The second pass: the texts and notes project.qde named. */
gboolean
qdpx_importer_second_pass (Importer  *self,
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
      g_autofree char *key = qdpx_importer_path_key (archive_entry_pathname (entry));
      Source *source = key != NULL ? g_hash_table_lookup (self->source_paths, key) : NULL;
      const char *note = key != NULL ? g_hash_table_lookup (self->note_paths, key) : NULL;
      g_autoptr(GByteArray) bytes = NULL;

      self->steps |= 0xfff;
      if (!qdpx_importer_check_step (self, error))
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
                        : qdpx_importer_finish_source (self, source,
                                                       (const char *) bytes->data, bytes->len,
                                                       error);

          if (!ok)
            return FALSE;
        }
      if (note != NULL)
        {
          g_autofree char *text = g_strndup ((const char *) bytes->data, bytes->len);

          if (!qdpx_importer_apply_note (self, note, text, error))
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
  qdpx_importer_look_for_doctype (file->importer, buffer, n);
  return (int) n;
}

gboolean
qdpx_importer_read_bare (Importer  *self,
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
  ok = self->reader != NULL && qdpx_importer_read_project (self, error);
  if (self->reader == NULL)
    g_set_error (error, SHIRABE_ERROR, SHIRABE_ERROR_FAILED, _("Cannot read “%s”"),
                 self->display);
  g_clear_pointer (&self->reader, xmlFreeTextReader);
  close (fd);
  return ok;
}

/* What the first bytes say: a zip, XML, or neither. */
gboolean
qdpx_importer_sniff (const char  *path,
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
