/* shirabe-import-reader.c: reading and decoding an import's files, beside the writing
 *
 * An import reads each file, recognises and decodes it (or converts a document), and only
 * then writes it to the project. Reading and decoding need no project, so a thread of their
 * own does them, a few files ahead, while the importing thread writes the files before: on a
 * machine with two cores the import takes about as long as the slower of the two halves
 * rather than their sum. The files come out in their order, whatever thread reads them; a
 * bound on the bytes held (and on the files) keeps the memory of a large batch flat.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "shirabe-i18n.h"

#include <string.h>

#include <glib/gstdio.h>

#include "shirabe-document.h"
#include "shirabe-error.h"
#include "shirabe-guard-private.h"
#include "shirabe-import-private.h"
#include "shirabe-narrative.h"
#include "shirabe-text.h"

/* How far the reading thread may run ahead: files, and bytes of text held. */
#define MAX_FILES_AHEAD 16
#define MAX_BYTES_AHEAD (64 * 1024 * 1024)

struct _ShirabeImportReader
{
  GThread                    *thread;
  char                      **paths;
  ShirabeImportOptions        options;  /* its strings are the caller's, which outlive the reader */
  GRegex                     *pattern;
  GRegex                     *pair;
  gsize                       max_size;
  GCancellable               *cancellable;

  GMutex                      lock;
  GCond                       cond;
  GQueue                      ready;    /* of ShirabeImportFile*, in the paths' order */
  gsize                       bytes_held;
  gboolean                    stopping; /* the importer wants no more */
  gboolean                    done;     /* the thread has read its last file */
  double                      read_time;
  double                      decode_time;
};

void
shirabe_import_file_free (ShirabeImportFile *file)
{
  if (file == NULL)
    return;
  g_free (file->path);
  g_free (file->title);
  g_free (file->base);
  g_free (file->pattern_case);
  g_free (file->text);
  g_free (file->encoding);
  g_free (file->summary);
  g_free (file->memo);
  g_free (file->text_sha256);
  g_free (file->origin_sha256);
  g_free (file->language);
  g_clear_error (&file->error);
  g_free (file);
}

/* "interview_07.txt" → "interview_07"; a name that is all extension keeps it. */
static char *
title_from_path (const char *path)
{
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *display = g_filename_display_name (base);
  char *dot = strrchr (display, '.');

  if (dot != NULL && dot != display)
    *dot = '\0';
  return g_steal_pointer (&display);
}

/* Reads a file whole after checking that it is a regular file under the size limit. */
static char *
read_file (const char  *path,
           const char  *display,
           gsize        max_size,
           gsize       *size,
           GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  GStatBuf st;
  char *data = NULL;

  if (g_stat (path, &st) != 0)
    {
      int saved_errno = errno;
      g_set_error (error, SHIRABE_ERROR,
                   saved_errno == ENOENT ? SHIRABE_ERROR_NOT_FOUND : SHIRABE_ERROR_FAILED,
                   _("“%s” cannot be read: %s"), display, g_strerror (saved_errno));
      return NULL;
    }
  if (!S_ISREG (st.st_mode))
    {
      g_set_error (error, SHIRABE_ERROR, SHIRABE_ERROR_INVALID,
                   _("“%s” is not a regular file"), display);
      return NULL;
    }
  /* Checked before opening it: closing a project file again would drop SQLite's locks on it
   * (see shirabe-guard.c). A folder holding the project beside its narratives is common. */
  if (shirabe_guard_is_open_project_file (path))
    {
      g_set_error (error, SHIRABE_ERROR, SHIRABE_ERROR_BINARY,
                   _("“%s” is part of a Shirabe project that is open, not a narrative"), display);
      return NULL;
    }
  if ((guint64) st.st_size > max_size)
    {
      g_autofree char *size_text = g_format_size (st.st_size);
      g_autofree char *limit_text = g_format_size (max_size);
      g_set_error (error, SHIRABE_ERROR, SHIRABE_ERROR_TOO_LARGE,
                   _("“%s” is too large to import (%s; the limit is %s)"),
                   display, size_text, limit_text);
      return NULL;
    }
  if (!g_file_get_contents (path, &data, size, &local_error))
    {
      g_set_error (error, SHIRABE_ERROR, SHIRABE_ERROR_FAILED,
                   _("“%s” cannot be read: %s"), display, local_error->message);
      return NULL;
    }
  return data;
}

/* Documents of kinds researchers often have, which Shirabe cannot read yet. */
static void
set_known_kind_error (const char  *path,
                      const char  *kind,
                      GError     **error)
{
  g_autofree char *base = g_filename_display_basename (path);

  /* Translators: the second %s is a kind of document, "a Word document" */
  g_set_error (error, SHIRABE_ERROR, SHIRABE_ERROR_BINARY,
               _("“%s” is %s, which Shirabe cannot read yet: save or export it as plain "
                 "text (.txt) and import that"),
               base, _(kind));
}

/* A PDF or an RTF file is told by its first bytes, whatever its name: an RTF file is text, and
 * would otherwise come in as a narrative full of markup. */
static gboolean
refuse_known_document (const char  *path,
                       const char  *data,
                       gsize        size,
                       GError     **error)
{
  if (size >= 5 && memcmp (data, "{\\rtf", 5) == 0)
    set_known_kind_error (path, N_("a rich text document"), error);
  else
    return FALSE;
  return TRUE;
}

/* A file the decoder found binary: when its name says what it is (a ZIP is a ZIP whether Word
 * or a spreadsheet), say what to do rather than that it "looks binary". */
static void
explain_known_kind (const char  *path,
                    GError     **error)
{
  static const struct { const char *suffix; const char *kind; } kinds[] = {
    { ".doc", N_("a Word 97–2003 document") }, { ".rtf", N_("a rich text document") },
{ ".xlsx", N_("a spreadsheet") }, { ".xls", N_("a spreadsheet") },
    { ".ods", N_("a spreadsheet") }, { ".pages", N_("a Pages document") },
  };
  g_autofree char *base = g_filename_display_basename (path);
  g_autofree char *lower = g_utf8_strdown (base, -1);

  if (*error == NULL || !g_error_matches (*error, SHIRABE_ERROR, SHIRABE_ERROR_BINARY))
    return;
  if (g_str_has_suffix (lower, ".docx") || g_str_has_suffix (lower, ".odt"))
    {
      /* Named as one, but not a zip with the parts a Word or OpenDocument file has. */
      g_clear_error (error);
      g_set_error (error, SHIRABE_ERROR, SHIRABE_ERROR_CORRUPT,
                   _("“%s” is not a Word or OpenDocument file Shirabe can read: open it in "
                     "Word or LibreOffice and save it again"), base);
      return;
    }
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    if (g_str_has_suffix (lower, kinds[i].suffix))
      {
        g_clear_error (error);
        set_known_kind_error (path, kinds[i].kind, error);
        return;
      }
}

/* "ja" when the text has kana (which only Japanese writes); otherwise unknown, for the
 * researcher to set. */
static const char *
detect_language (const char *text)
{
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      GUnicodeScript script = g_unichar_get_script (g_utf8_get_char (p));

      if (script == G_UNICODE_SCRIPT_HIRAGANA || script == G_UNICODE_SCRIPT_KATAKANA)
        return "ja";
    }
  return NULL;
}

/* The case a file goes to by the pattern on its name, or NULL with @error set. */
static char *
case_from_name (GRegex      *pattern,
                const char  *path,
                const char  *pattern_text,
                GError     **error)
{
  g_autofree char *base = g_filename_display_basename (path);
  g_autoptr(GMatchInfo) match = NULL;
  char *name;

  if (!g_regex_match (pattern, base, 0, &match))
    {
      g_set_error (error, SHIRABE_ERROR, SHIRABE_ERROR_INVALID,
                   _("“%s” does not match the pattern “%s” that names the cases; it was not "
                     "imported"),
                   base, pattern_text);
      return NULL;
    }
  name = g_match_info_fetch (match, g_regex_get_capture_count (pattern) > 0 ? 1 : 0);
  if (name == NULL || *name == '\0')
    {
      g_free (name);
      g_set_error (error, SHIRABE_ERROR, SHIRABE_ERROR_INVALID,
                   _("The pattern “%s” gives “%s” no case name; it was not imported"),
                   pattern_text, base);
      return NULL;
    }
  return name;
}

/* "Imported with 2 unreadable bytes replaced by U+FFFD (�), at bytes 100, 230 of the file":
 * the first 50 offsets, then how many more. */
static char *
describe_replaced (GArray *replaced)
{
  g_autoptr(GString) offsets = g_string_new (NULL);
  guint n_listed = MIN (replaced->len, 50);

  for (guint i = 0; i < n_listed; i++)
    g_string_append_printf (offsets, "%s%" G_GUINT64_FORMAT, i > 0 ? ", " : "",
                            g_array_index (replaced, guint64, i));
  if (replaced->len > n_listed)
    /* Translators: appended to a list of byte offsets: "100, 230 … and 12 more" */
    g_string_append_printf (offsets, _(" … and %u more"), replaced->len - n_listed);
  return g_strdup_printf (ngettext ("Imported with %u unreadable byte replaced by U+FFFD (�), "
                                    "at byte %s of the file",
                                    "Imported with %u unreadable bytes replaced by U+FFFD "
                                    "(�), at bytes %s of the file", replaced->len),
                          replaced->len, offsets->str);
}

/* How many bytes importing @data with replacement would replace: for the refusal's offer. */
static guint
count_unreadable (const char                 *data,
                  gsize                       size,
                  const ShirabeImportOptions *options,
                  const char                 *display)
{
  g_autoptr(GArray) replaced = NULL;
  g_autofree char *text = NULL;

  text = shirabe_text_decode_full (data, size, options->forced_encoding, display,
                                   SHIRABE_TEXT_DECODE_REPLACE_INVALID, NULL, &replaced, NULL);
  return text != NULL && replaced != NULL ? replaced->len : 0;
}

gboolean
shirabe_import_pair_name (GRegex      *pair,
                          const char  *path,
                          char       **stem,
                          char       **tag)
{
  g_autofree char *base = g_filename_display_basename (path);
  g_autoptr(GMatchInfo) match = NULL;
  g_autofree char *found_stem = NULL;
  g_autofree char *found_tag = NULL;

  if (!g_regex_match (pair, base, 0, &match) || g_regex_get_capture_count (pair) < 2)
    return FALSE;
  found_stem = g_match_info_fetch (match, 1);
  found_tag = g_match_info_fetch (match, 2);
  if (found_stem == NULL || *found_stem == '\0' || found_tag == NULL)
    return FALSE;
  g_strdelimit (found_tag, "_", '-');
  if (!shirabe_language_tag_is_valid (found_tag))
    return FALSE;
  *stem = g_steal_pointer (&found_stem);
  *tag = g_steal_pointer (&found_tag);
  return TRUE;
}

/* Reads and decodes one file, or says why it cannot be imported. */
static ShirabeImportFile *
decode_file (ShirabeImportReader *self,
             const char          *path,
             double              *read_time,
             double              *decode_time)
{
  const ShirabeImportOptions *options = &self->options;
  ShirabeImportFile *file = g_new0 (ShirabeImportFile, 1);
  g_autoptr(GArray) replaced = NULL;
  g_autoptr(ShirabeDocument) document = NULL;
  g_autofree char *display = g_filename_display_name (path);
  g_autofree char *data = NULL;
  g_autofree char *stem = NULL;
  g_autofree char *tag = NULL;
  GError **error = &file->error;
  ShirabeDocumentFormat format;
  gint64 mark = g_get_monotonic_time ();
  gsize size = 0;

  file->path = g_strdup (path);
  file->title = title_from_path (path);
  file->base = g_path_get_basename (display);
  /* Paired by name: STEM.LANG.EXT goes to case STEM unless a case or a pattern names it. */
  if (self->pair != NULL && shirabe_import_pair_name (self->pair, path, &stem, &tag) &&
      options->case_name == NULL && self->pattern == NULL)
    file->pattern_case = g_strdup (stem);
  if (self->pattern != NULL &&
      (file->pattern_case = case_from_name (self->pattern, path, options->case_pattern,
                                            error)) == NULL)
    return file;
  data = read_file (path, display, self->max_size, &size, error);
  shirabe_import_lap (&mark, read_time);
  if (data == NULL || refuse_known_document (path, data, size, error))
    return file;
  format = shirabe_document_sniff (path, data, size);
  if (format != SHIRABE_DOCUMENT_PLAIN)
    {
      /* A document: its text, made plain, then normalised as any file's. */
      ShirabeDocumentLimits limits = { 0 };

      limits.password = options->password;
      document = shirabe_document_convert (format, data, size, file->base, &limits,
                                           self->cancellable, error);
      if (document == NULL)
        return file;
      file->text = shirabe_text_decode (document->text, strlen (document->text), "UTF-8",
                                        display, NULL, error);
      if (file->text == NULL)
        return file;
      file->encoding = g_strdup (shirabe_document_format_name (format));
      file->summary = shirabe_document_describe (document);
      /* A document's comments, with who wrote them and on what passage. */
      file->memo = g_steal_pointer (&document->memo);
    }
  else
    {
      file->text = shirabe_text_decode_full (data, size, options->forced_encoding, display,
                                             options->replace_invalid
                                               ? SHIRABE_TEXT_DECODE_REPLACE_INVALID
                                               : SHIRABE_TEXT_DECODE_STRICT,
                                             &file->encoding, &replaced, error);
      /* A ZIP archive that is no document Shirabe reads is never text, even when its bytes
       * decode (one with a damaged central directory can be free of zero bytes). */
      if (file->text != NULL && size >= 4 && memcmp (data, "PK\x03\x04", 4) == 0)
        {
          g_clear_pointer (&file->text, g_free);
          g_clear_pointer (&file->encoding, g_free);
          g_set_error (error, SHIRABE_ERROR, SHIRABE_ERROR_BINARY,
                       _("“%s” looks like a binary file, not text (a ZIP archive)"), display);
        }
      if (file->text == NULL)
        {
          g_clear_pointer (&file->encoding, g_free);
          if (g_error_matches (*error, SHIRABE_ERROR, SHIRABE_ERROR_ENCODING))
            file->n_unreadable = count_unreadable (data, size, options, display);
          explain_known_kind (path, error);
          return file;
        }
      if (replaced != NULL)
        {
          /* The replaced bytes stay findable: the memo says where they were in the file. */
          file->n_unreadable = replaced->len;
          file->memo = describe_replaced (replaced);
          file->summary = g_strdup_printf ("%s, %s", file->encoding, file->memo);
        }
    }
  file->language = g_strdup (options->language != NULL ? options->language
                             : tag != NULL ? tag
                             : detect_language (file->text));
  /* What storing the text records of it, worked out here rather than in the writing thread. */
  file->text_sha256 = g_compute_checksum_for_string (G_CHECKSUM_SHA256, file->text, -1);
  file->text_length = g_utf8_strlen (file->text, -1);
  /* The file's own sha256: which file a narrative came from can be checked later. */
  file->origin_sha256 = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) data,
                                                     size);
  shirabe_import_lap (&mark, decode_time);
  return file;
}

static gpointer
reader_thread (gpointer data)
{
  ShirabeImportReader *self = data;
  double read_time = 0;
  double decode_time = 0;

  for (guint i = 0; self->paths[i] != NULL; i++)
    {
      ShirabeImportFile *file;
      gsize cost;

      /* Room for one more: never more than the bounds, but always one when none waits. */
      g_mutex_lock (&self->lock);
      while (!self->stopping && self->ready.length > 0 &&
             (self->ready.length >= MAX_FILES_AHEAD || self->bytes_held >= MAX_BYTES_AHEAD))
        g_cond_wait (&self->cond, &self->lock);
      if (self->stopping)
        {
          g_mutex_unlock (&self->lock);
          break;
        }
      g_mutex_unlock (&self->lock);

      file = decode_file (self, self->paths[i], &read_time, &decode_time);
      cost = file->text != NULL ? strlen (file->text) : 0;

      g_mutex_lock (&self->lock);
      file->cost = cost;
      self->bytes_held += cost;
      g_queue_push_tail (&self->ready, file);
      g_cond_broadcast (&self->cond);
      g_mutex_unlock (&self->lock);
    }

  g_mutex_lock (&self->lock);
  self->done = TRUE;
  self->read_time = read_time;
  self->decode_time = decode_time;
  g_cond_broadcast (&self->cond);
  g_mutex_unlock (&self->lock);
  return NULL;
}

ShirabeImportReader *
shirabe_import_reader_start (const char * const         *paths,
                             const ShirabeImportOptions *options,
                             GRegex                     *pattern,
                             GRegex                     *pair,
                             gsize                       max_size,
                             GCancellable               *cancellable)
{
  ShirabeImportReader *self = g_new0 (ShirabeImportReader, 1);

  self->paths = g_strdupv ((char **) paths);
  self->options = *options;
  self->pattern = pattern != NULL ? g_regex_ref (pattern) : NULL;
  self->pair = pair != NULL ? g_regex_ref (pair) : NULL;
  self->max_size = max_size;
  self->cancellable = cancellable != NULL ? g_object_ref (cancellable) : NULL;
  g_mutex_init (&self->lock);
  g_cond_init (&self->cond);
  g_queue_init (&self->ready);
  self->thread = g_thread_new ("shirabe-import-reader", reader_thread, self);
  return self;
}

ShirabeImportFile *
shirabe_import_reader_next (ShirabeImportReader *self)
{
  ShirabeImportFile *file;

  g_mutex_lock (&self->lock);
  while (self->ready.length == 0 && !self->done)
    g_cond_wait (&self->cond, &self->lock);
  file = g_queue_pop_head (&self->ready);
  if (file != NULL)
    {
      self->bytes_held -= file->cost;
      g_cond_broadcast (&self->cond);
    }
  g_mutex_unlock (&self->lock);
  return file;
}

gboolean
shirabe_import_reader_has_next (ShirabeImportReader *self)
{
  gboolean ready;

  g_mutex_lock (&self->lock);
  ready = self->ready.length > 0 || self->done;
  g_mutex_unlock (&self->lock);
  return ready;
}

void
shirabe_import_reader_finish (ShirabeImportReader  *self,
                              ShirabeImportTimings *timings)
{
  g_mutex_lock (&self->lock);
  self->stopping = TRUE;
  g_cond_broadcast (&self->cond);
  g_mutex_unlock (&self->lock);
  g_thread_join (self->thread);

  if (timings != NULL)
    {
      timings->read += self->read_time;
      timings->decode += self->decode_time;
    }
  g_queue_clear_full (&self->ready, (GDestroyNotify) shirabe_import_file_free);
  g_mutex_clear (&self->lock);
  g_cond_clear (&self->cond);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->pattern, g_regex_unref);
  g_clear_pointer (&self->pair, g_regex_unref);
  g_strfreev (self->paths);
  g_free (self);
}
