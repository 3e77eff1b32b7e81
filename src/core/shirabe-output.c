/* shirabe-output.c: whether a file the user named may be written
 *
 * `shirabe-cli export study.shirabe study.shirabe`, one forgotten extension, once replaced the
 * project with a workbook. Every writer (the exports, templates, new projects, and whatever
 * writes a file the user names) asks here first, before it writes anything:
 *
 * - a Shirabe project is never replaced: known by its content (the SQLite header and Shirabe's
 *   application id), not its name; nor the project this process has open (by device and inode,
 *   so a symlink or a second name of the file is caught before its content is even read,
 *   which would drop this process's locks on it, see shirabe-guard.c); nor a project's -wal,
 *   -shm or -journal file, whether it exists at the moment or not; nor an SQLite database in
 *   use, whose log lies beside it (a project being written may not carry its id in the main
 *   file yet);
 * - a folder is never replaced: files are written into a folder only by a writer of several
 *   files (CSV), and a writer of one file refuses a folder, so the folder that holds the open
 *   project is safe too;
 * - any other existing file may be replaced by a file of its kind (a workbook by a workbook);
 *   one of another kind only with the user's agreement (`--force`, or the file chooser's own
 *   overwrite confirmation in the app).
 *
 * Devices, FIFOs and sockets are refused: writing to them would hang or go nowhere.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "shirabe-i18n.h"

#include <errno.h>
#include <stdarg.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "shirabe-error.h"
#include "shirabe-guard-private.h"
#include "shirabe-output.h"
#include "shirabe-schema-private.h"

/* Enough for the SQLite header (100 bytes) and to tell text from binary. */
#define HEADER_SIZE 4096

static const char *const companion_suffixes[] = { "-wal", "-shm", "-journal" };

typedef struct
{
  guchar  data[HEADER_SIZE];
  gssize  size;
} Header;

/* Reads the start of a regular file that this process does not have open as a project. */
static gboolean
read_header (const char *path,
             Header     *header)
{
  struct stat st;
  int fd;

  /* O_NONBLOCK: should the file have become a FIFO meanwhile, the open does not hang. */
  fd = g_open (path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY, 0);
  if (fd < 0)
    return FALSE;
  if (fstat (fd, &st) != 0 || !S_ISREG (st.st_mode))
    {
      close (fd);
      return FALSE;
    }
  do
    header->size = pread (fd, header->data, sizeof header->data, 0);
  while (header->size < 0 && errno == EINTR);
  close (fd);
  return header->size >= 0;
}

static gboolean
is_sqlite (const Header *header)
{
  return header->size >= 100 && memcmp (header->data, "SQLite format 3", 16) == 0;
}

static gboolean
is_shirabe_project (const Header *header)
{
  const guchar *id = header->data + 68;

  return is_sqlite (header) &&
         (((guint32) id[0] << 24) | ((guint32) id[1] << 16) | ((guint32) id[2] << 8) | id[3]) ==
         SHIRABE_APPLICATION_ID;
}

/* Whether a write-ahead log or rollback journal lies beside @path: a database in use. */
static gboolean
has_log (const char *path)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *journal = g_strconcat (path, "-journal", NULL);

  return g_file_test (wal, G_FILE_TEST_EXISTS) || g_file_test (journal, G_FILE_TEST_EXISTS);
}

typedef enum
{
  NOT_A_PROJECT,
  OPEN_PROJECT,     /* open in this process */
  PROJECT,          /* carries Shirabe's mark */
  DATABASE_IN_USE,  /* an SQLite database, or an empty file, with its log beside it */
} ProjectKind;

/* Whether @path is a project, or may be one. */
static ProjectKind
project_kind (const char *path)
{
  GStatBuf st;
  Header header;

  if (shirabe_guard_is_open_project_file (path))
    return OPEN_PROJECT;
  if (g_stat (path, &st) != 0 || !S_ISREG (st.st_mode))
    return NOT_A_PROJECT;
  if (st.st_size == 0)
    return has_log (path) ? DATABASE_IN_USE : NOT_A_PROJECT;
  if (!read_header (path, &header))
    return NOT_A_PROJECT;
  if (is_shirabe_project (&header))
    return PROJECT;
  return is_sqlite (&header) && has_log (path) ? DATABASE_IN_USE : NOT_A_PROJECT;
}

/* Sets @error to the message @format makes; returns FALSE. */
static gboolean refuse (GError     **error,
                        int          code,
                        const char  *format,
                        ...) G_GNUC_PRINTF (3, 4);

static gboolean
refuse (GError     **error,
        int          code,
        const char  *format,
        ...)
{
  va_list args;
  g_autofree char *message = NULL;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error_literal (error, SHIRABE_ERROR, code, message);
  return FALSE;
}

static gboolean
check_companion (const char  *path,
                 GError     **error)
{
  for (guint i = 0; i < G_N_ELEMENTS (companion_suffixes); i++)
    {
      g_autofree char *database = NULL;

      if (!g_str_has_suffix (path, companion_suffixes[i]) ||
          strlen (path) == strlen (companion_suffixes[i]))
        continue;
      database = g_strndup (path, strlen (path) - strlen (companion_suffixes[i]));
      if (project_kind (database) != NOT_A_PROJECT)
        {
          g_autofree char *display = g_filename_display_name (path);
          g_autofree char *display_database = g_filename_display_basename (database);

          /* Translators: the second %s is a project file, the third “-wal”, “-shm” or
           * “-journal” */
          g_set_error (error, SHIRABE_ERROR, SHIRABE_ERROR_PROTECTED,
                       _("Nothing was written to “%s”: it belongs to the project “%s” (its "
                         "“%s” file) and must never be replaced. Choose another name."),
                       display, display_database, companion_suffixes[i]);
          return FALSE;
        }
    }
  return TRUE;
}

static gboolean
is_of_kind (const Header      *header,
            ShirabeOutputKind  kind)
{
  const guchar *data = header->data;
  gssize i = 0;

  if (header->size == 0)
    return TRUE;
  switch (kind)
    {
    case SHIRABE_OUTPUT_WORKBOOK:
    case SHIRABE_OUTPUT_QDPX:
      return header->size >= 4 && memcmp (data, "PK\003\004", 4) == 0;
    case SHIRABE_OUTPUT_TEXT:
      return memchr (data, '\0', header->size) == NULL;
    case SHIRABE_OUTPUT_JSON:
      if (header->size >= 3 && memcmp (data, "\xef\xbb\xbf", 3) == 0)
        i = 3;
      while (i < header->size && g_ascii_isspace (data[i]))
        i++;
      return i == header->size || data[i] == '{' || data[i] == '[';
    case SHIRABE_OUTPUT_IMAGE:
      return header->size >= 8 && memcmp (data, "\x89PNG\r\n\x1a\n", 8) == 0;
    case SHIRABE_OUTPUT_SAV:
      return header->size >= 4 && (memcmp (data, "$FL2", 4) == 0 ||
                                   memcmp (data, "$FL3", 4) == 0);
    case SHIRABE_OUTPUT_DTA:
      /* Formats 117 and later begin with a tag; older ones with their version number, byte
       * order (1 or 2), file type 1 and a zero. */
      return (header->size >= 11 && memcmp (data, "<stata_dta>", 11) == 0) ||
             (header->size >= 4 && data[0] >= 102 && data[0] <= 115 &&
              (data[1] == 1 || data[1] == 2) && data[2] == 1 && data[3] == 0);
    case SHIRABE_OUTPUT_FOLDER:
    case SHIRABE_OUTPUT_PROJECT:
    default:
      return FALSE;
    }
}

static gboolean
refuse_other_kind (const char         *path,
                   ShirabeOutputKind   kind,
                   GError            **error)
{
  g_autofree char *display = g_filename_display_name (path);

  switch (kind)
    {
    case SHIRABE_OUTPUT_WORKBOOK:
      return refuse (error, SHIRABE_ERROR_OTHER_KIND,
                     _("“%s” already exists and is not an XLSX workbook; it was left as it "
                       "was."), display);
    case SHIRABE_OUTPUT_JSON:
      return refuse (error, SHIRABE_ERROR_OTHER_KIND,
                     _("“%s” already exists and is not a JSON file; it was left as it was."),
                     display);
    case SHIRABE_OUTPUT_IMAGE:
      return refuse (error, SHIRABE_ERROR_OTHER_KIND,
                     _("“%s” already exists and is not a PNG image; it was left as it was."),
                     display);
    case SHIRABE_OUTPUT_SAV:
      return refuse (error, SHIRABE_ERROR_OTHER_KIND,
                     _("“%s” already exists and is not an SPSS data file; it was left as it "
                       "was."), display);
    case SHIRABE_OUTPUT_DTA:
      return refuse (error, SHIRABE_ERROR_OTHER_KIND,
                     _("“%s” already exists and is not a Stata data file; it was left as it "
                       "was."), display);
    case SHIRABE_OUTPUT_QDPX:
      return refuse (error, SHIRABE_ERROR_OTHER_KIND,
                     _("“%s” already exists and is not a REFI-QDA project; it was left as it "
                       "was."), display);
    case SHIRABE_OUTPUT_TEXT:
    case SHIRABE_OUTPUT_FOLDER:
    case SHIRABE_OUTPUT_PROJECT:
    default:
      return refuse (error, SHIRABE_ERROR_OTHER_KIND,
                     _("“%s” already exists and is not a text file; it was left as it was."),
                     display);
    }
}

/**
 * shirabe_output_check_target:
 * @path: the file (or, for %SHIRABE_OUTPUT_FOLDER, the folder) about to be written
 * @kind: what is written there
 * @flags: whether the user agreed to replace a file of another kind
 *
 * Decides, before anything is written, whether @path may be written: never when it is, or
 * belongs to, a Shirabe project (see the top of this file), never over a folder or a device,
 * and over an existing file of another kind only with %SHIRABE_OUTPUT_REPLACE_ANY. Writers
 * call it again just before they move their result into place.
 *
 * Returns: %TRUE when @path may be written; %FALSE with @error set (in %SHIRABE_ERROR:
 *   %SHIRABE_ERROR_PROTECTED, %SHIRABE_ERROR_OTHER_KIND, %SHIRABE_ERROR_EXISTS) otherwise
 */
gboolean
shirabe_output_check_target (const char          *path,
                             ShirabeOutputKind    kind,
                             ShirabeOutputFlags   flags,
                             GError             **error)
{
  g_autofree char *display = NULL;
  GStatBuf st;
  Header header;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  display = g_filename_display_name (path);

  if (!check_companion (path, error))
    return FALSE;
  /* A new project takes no name that is taken, whatever is there (even a link to nothing). */
  if (kind == SHIRABE_OUTPUT_PROJECT && g_lstat (path, &st) == 0)
    return refuse (error, SHIRABE_ERROR_EXISTS, _("“%s” already exists; choose another name"),
                   display);
  /* Before anything opens the file: closing a descriptor of the open project would drop
   * this process's locks on it. */
  if (shirabe_guard_is_open_project_file (path))
    return refuse (error, SHIRABE_ERROR_PROTECTED,
                   _("Nothing was written to “%s”: it is the open project, which must never be "
                     "replaced. Choose another name."), display);

  if (g_stat (path, &st) != 0)
    /* Nothing there, or a symlink to nothing: a rename replaces the link, never its target.
     * Other errors (a folder that cannot be searched) are the writer's to report. */
    return TRUE;

  if (S_ISDIR (st.st_mode))
    {
      if (kind == SHIRABE_OUTPUT_FOLDER)
        return TRUE;
      if (kind == SHIRABE_OUTPUT_WORKBOOK)
        return refuse (error, SHIRABE_ERROR_EXISTS,
                       _("Nothing was written to “%s”: it is a folder, and a workbook is a "
                         "file. Choose a file name, or export CSV files into the folder."),
                         display);
      return refuse (error, SHIRABE_ERROR_EXISTS,
                     _("Nothing was written to “%s”: it is a folder. Choose a file name."),
                     display);
    }
  if (!S_ISREG (st.st_mode))
    return refuse (error, SHIRABE_ERROR_EXISTS,
                   _("Nothing was written to “%s”: it is not a regular file but a device, a "
                     "pipe or a socket."), display);

  switch (project_kind (path))
    {
    case OPEN_PROJECT:
    case PROJECT:
      return refuse (error, SHIRABE_ERROR_PROTECTED,
                     _("Nothing was written to “%s”: it is a Shirabe project, which must never "
                       "be replaced. Choose another name."),
                     display);
    case DATABASE_IN_USE:
      return refuse (error, SHIRABE_ERROR_PROTECTED,
                     _("Nothing was written to “%s”: it is a database in use (its log lies "
                       "beside it), which must not be replaced. Choose another name."),
                     display);
    case NOT_A_PROJECT:
    default:
      break;
    }

  switch (kind)
    {
    case SHIRABE_OUTPUT_FOLDER:
      return refuse (error, SHIRABE_ERROR_EXISTS,
                     _("Nothing was written to “%s”: it is a file, and CSV files go into a "
                       "folder. Choose a folder."), display);
    case SHIRABE_OUTPUT_PROJECT:
    case SHIRABE_OUTPUT_WORKBOOK:
    case SHIRABE_OUTPUT_TEXT:
    case SHIRABE_OUTPUT_JSON:
    case SHIRABE_OUTPUT_IMAGE:
    case SHIRABE_OUTPUT_SAV:
    case SHIRABE_OUTPUT_DTA:
    case SHIRABE_OUTPUT_QDPX:
    default:
      break;
    }

  if ((flags & SHIRABE_OUTPUT_REPLACE_ANY) != 0)
    return TRUE;
  if (!read_header (path, &header))
    /* Unreadable: the user cannot have meant it as this kind of file. */
    return refuse_other_kind (path, kind, error);
  if (!is_of_kind (&header, kind))
    return refuse_other_kind (path, kind, error);
  return TRUE;
}

/**
 * shirabe_output_publish:
 * @tmp_path: a finished file, beside @path
 * @path: its name from now on; nothing may exist there
 *
 * Gives a file built under a temporary name its final name, so that it appears whole or not
 * at all, without ever replacing a file that appeared at @path meanwhile.
 *
 * Returns: %TRUE when the file is at @path; %FALSE with @error set, the file still at
 *   @tmp_path, otherwise
 */
gboolean
shirabe_output_publish (const char  *tmp_path,
                        const char  *path,
                        GError     **error)
{
  g_autofree char *display = NULL;
  int saved_errno;

  g_return_val_if_fail (tmp_path != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  /* link() fails when @path exists, where rename() would replace it; then the temporary name
   * goes. Where links are not supported (some FAT and network file systems), a check just
   * before rename() must do. */
  if (link (tmp_path, path) == 0)
    {
      g_unlink (tmp_path);
      return TRUE;
    }
  saved_errno = errno;
  if (saved_errno != EEXIST)
    {
      if (g_file_test (path, G_FILE_TEST_EXISTS) || g_file_test (path, G_FILE_TEST_IS_SYMLINK))
        saved_errno = EEXIST;
      else if (g_rename (tmp_path, path) == 0)
        return TRUE;
      else
        saved_errno = errno;
    }

  display = g_filename_display_name (path);
  g_set_error (error, SHIRABE_ERROR,
               saved_errno == EEXIST ? SHIRABE_ERROR_EXISTS : SHIRABE_ERROR_FAILED,
               saved_errno == EEXIST ? _("“%s” already exists; choose another name")
                                     : _("Cannot create “%s”: %s"),
               display, g_strerror (saved_errno));
  return FALSE;
}
