/* shirabe-guard.c: one open file per project per process, and a lock other processes see
 *
 * SQLite's locks are POSIX record locks, and POSIX drops every such lock a process holds on a
 * file as soon as that process closes any descriptor of the file, its own or not. A Shirabe
 * that opened and closed its project file beside SQLite's connection (to check its header for
 * a second connection, or to read it as a narrative to import, or a file chooser sniffing the
 * -wal file's type) would keep working with no lock at all; another program opening the
 * project then believes it alone, checkpoints the write-ahead log and deletes it, and every
 * edit made since is lost.
 *
 * So this process opens each project file once, here, and keeps that descriptor until its
 * last connection to the project has closed: further connections (the import's worker, the
 * exporter) share it and never open the file again, and the import refuses to read a project
 * file that is open. On the same descriptor it holds a BSD flock() lock, which belongs to the
 * open file rather than the process and survives others' close(): exclusive for writing,
 * shared for reading. Another Shirabe or shirabe-cli is refused writing while it is held, and
 * reads through a truly read-only connection, which can neither checkpoint nor delete the log.
 * Programs other than Shirabe ignore it; the README asks not to open a project with them while
 * Shirabe has it open. On NFS and SMB, Linux sends flock() to the server as a lock on the whole
 * file, which would refuse SQLite's own record locks: there no flock() is taken (SQLite's WAL
 * needs one machine anyway).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "shirabe-i18n.h"

#include <errno.h>
#include <string.h>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>
#ifdef __linux__
#include <linux/magic.h>
#include <sys/vfs.h>
#endif

#include <glib/gstdio.h>

#include "shirabe-error.h"
#include "shirabe-guard-private.h"

struct _ShirabeGuard
{
  dev_t  dev;
  ino_t  ino;
  int    fd;
  int    lock;      /* LOCK_EX, LOCK_SH, or 0 when another process writes */
  guint  n_users;
  guint  remote : 1; /* on a network file system: no flock() */
};

static GMutex guards_lock;
static GPtrArray *guards;   /* ShirabeGuard, all open in this process */

static ShirabeGuard *
find_guard (dev_t dev,
            ino_t ino)
{
  for (guint i = 0; guards != NULL && i < guards->len; i++)
    {
      ShirabeGuard *guard = g_ptr_array_index (guards, i);

      if (guard->dev == dev && guard->ino == ino)
        return guard;
    }
  return NULL;
}

static gboolean
is_remote (int fd)
{
#ifdef __linux__
  struct statfs fs;

  if (fstatfs (fd, &fs) != 0)
    return FALSE;
  switch ((unsigned long) fs.f_type)
    {
    case NFS_SUPER_MAGIC:
    case SMB_SUPER_MAGIC:
    case CIFS_SUPER_MAGIC:
    case SMB2_SUPER_MAGIC:
      return TRUE;
    default:
      return FALSE;
    }
#else
  return FALSE;
#endif
}

static void
set_in_use_error (GError     **error,
                  const char  *path)
{
  g_autofree char *display = g_filename_display_name (path);

  g_set_error (error, SHIRABE_ERROR, SHIRABE_ERROR_IN_USE,
               _("The project “%s” is open in another Shirabe window or program (such as "
                 "shirabe-cli); close it there first. It can still be read meanwhile."),
               display);
}

static void
set_open_error (GError     **error,
                const char  *path,
                int          saved_errno)
{
  g_autofree char *display = g_filename_display_name (path);

  g_set_error (error, SHIRABE_ERROR,
               saved_errno == ENOENT ? SHIRABE_ERROR_NOT_FOUND : SHIRABE_ERROR_FAILED,
               saved_errno == ENOENT ? _("The project “%s” does not exist")
                                     : _("The project “%s” cannot be read: %s"),
               display, g_strerror (saved_errno));
}

/* Takes the flock() @write asks for on @guard, if it holds less. */
static gboolean
strengthen (ShirabeGuard *guard,
            gboolean      write,
            gboolean     *shared)
{
  int wanted = write ? LOCK_EX : LOCK_SH;

  *shared = FALSE;
  if (guard->lock == LOCK_EX || guard->lock == wanted || guard->remote)
    return TRUE;
  if (flock (guard->fd, wanted | LOCK_NB) == 0)
    {
      guard->lock = wanted;
      return TRUE;
    }
  if (errno != EWOULDBLOCK && errno != EINTR)
    {
      /* A file system without flock(): nothing to learn about other processes. */
      guard->lock = wanted;
      return TRUE;
    }
  if (write)
    return FALSE;
  *shared = TRUE;
  return TRUE;
}

ShirabeGuard *
shirabe_guard_acquire (const char  *path,
                       gboolean     write,
                       gboolean    *shared,
                       GError     **error)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&guards_lock);
  ShirabeGuard *guard;
  GStatBuf st;
  gboolean is_shared = FALSE;
  int fd;

  g_return_val_if_fail (path != NULL, NULL);

  /* stat() opens nothing, so looking for this process's own descriptor drops no lock. */
  if (g_stat (path, &st) != 0)
    {
      set_open_error (error, path, errno);
      return NULL;
    }
  /* A FIFO would block the open below forever, a device read without end. */
  if (!S_ISREG (st.st_mode))
    {
      g_autofree char *display = g_filename_display_name (path);

      g_set_error (error, SHIRABE_ERROR, SHIRABE_ERROR_NOT_PROJECT,
                   _("“%s” is not a regular file, not a Shirabe project"), display);
      return NULL;
    }
  guard = find_guard (st.st_dev, st.st_ino);
  if (guard != NULL)
    {
      if (!strengthen (guard, write, &is_shared))
        {
          set_in_use_error (error, path);
          return NULL;
        }
      guard->n_users++;
      if (shared != NULL)
        *shared = is_shared || guard->lock == 0;
      return guard;
    }

  /* O_NONBLOCK: should the file have become a FIFO since the stat(), the open does not hang. */
  fd = g_open (path, O_RDONLY | O_NONBLOCK | O_CLOEXEC, 0);
  if (fd < 0)
    {
      set_open_error (error, path, errno);
      return NULL;
    }
  guard = g_new0 (ShirabeGuard, 1);
  guard->fd = fd;
  guard->n_users = 1;
  guard->remote = is_remote (fd);
  if (fstat (fd, &st) != 0 || !S_ISREG (st.st_mode) || !strengthen (guard, write, &is_shared))
    {
      int saved_errno = errno;

      close (fd);
      g_free (guard);
      if (saved_errno == EWOULDBLOCK || saved_errno == EINTR)
        set_in_use_error (error, path);
      else
        set_open_error (error, path, saved_errno);
      return NULL;
    }
  guard->dev = st.st_dev;
  guard->ino = st.st_ino;
  if (guards == NULL)
    guards = g_ptr_array_new ();
  g_ptr_array_add (guards, guard);
  if (shared != NULL)
    *shared = is_shared;
  return guard;
}

ShirabeGuard *
shirabe_guard_adopt (const char  *path,
                     int          fd,
                     GError     **error)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&guards_lock);
  ShirabeGuard *guard;
  GStatBuf st;
  gboolean shared;

  g_return_val_if_fail (fd >= 0, NULL);

  guard = g_new0 (ShirabeGuard, 1);
  guard->fd = fd;
  guard->n_users = 1;
  guard->remote = is_remote (fd);
  if (fstat (fd, &st) != 0 || !strengthen (guard, TRUE, &shared))
    {
      int saved_errno = errno;

      close (fd);
      g_free (guard);
      set_open_error (error, path, saved_errno);
      return NULL;
    }
  guard->dev = st.st_dev;
  guard->ino = st.st_ino;
  if (guards == NULL)
    guards = g_ptr_array_new ();
  g_ptr_array_add (guards, guard);
  return guard;
}

gssize
shirabe_guard_read_header (ShirabeGuard *self,
                           guchar       *header,
                           gsize         n_header,
                           goffset      *size)
{
  struct stat st;
  gssize n_read;

  g_return_val_if_fail (self != NULL, -1);

  if (fstat (self->fd, &st) != 0)
    return -1;
  *size = st.st_size;
  do
    n_read = pread (self->fd, header, n_header, 0);
  while (n_read < 0 && errno == EINTR);
  return n_read;
}

gboolean
shirabe_guard_try_write (ShirabeGuard *self)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&guards_lock);
  gboolean shared;

  g_return_val_if_fail (self != NULL, FALSE);

  return strengthen (self, TRUE, &shared);
}

/* Closes the descriptor once the last connection of this process is gone: only then may
 * closing it drop locks. */
void
shirabe_guard_release (ShirabeGuard *self)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&guards_lock);

  g_return_if_fail (self != NULL);
  g_return_if_fail (self->n_users > 0);

  if (--self->n_users > 0)
    return;
  g_ptr_array_remove (guards, self);
  close (self->fd);
  g_free (self);
}

static gboolean
is_open (const char *path)
{
  GStatBuf st;

  return g_stat (path, &st) == 0 && find_guard (st.st_dev, st.st_ino) != NULL;
}

gboolean
shirabe_guard_is_open_project_file (const char *path)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&guards_lock);
  static const char *const suffixes[] = { "-wal", "-shm", "-journal" };

  g_return_val_if_fail (path != NULL, FALSE);

  if (guards == NULL || guards->len == 0)
    return FALSE;
  if (is_open (path))
    return TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    if (g_str_has_suffix (path, suffixes[i]))
      {
        g_autofree char *database = g_strndup (path, strlen (path) - strlen (suffixes[i]));

        if (is_open (database))
          return TRUE;
      }
  return FALSE;
}
