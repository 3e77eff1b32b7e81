/* shirabe-guard-private.h: one open file per project per process, and a lock other processes
 * see (the reasons are in shirabe-guard.c)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _ShirabeGuard ShirabeGuard;

/* Opens @path's guard for writing (refused while another process has the project open) or,
 * with @write FALSE, for reading; @shared then says that another process is writing it, so
 * the caller must open it truly read-only. An open guard of this process is shared. */
ShirabeGuard *shirabe_guard_acquire     (const char    *path,
                                         gboolean       write,
                                         gboolean      *shared,
                                         GError       **error);
/* The guard of a file just created through @fd, which it takes. */
ShirabeGuard *shirabe_guard_adopt       (const char    *path,
                                         int            fd,
                                         GError       **error);
/* Reads the file's first @n_header bytes (fewer at its end) and its size, through the guard's
 * own descriptor. */
gssize        shirabe_guard_read_header (ShirabeGuard  *self,
                                         guchar        *header,
                                         gsize          n_header,
                                         goffset       *size);
void          shirabe_guard_release     (ShirabeGuard  *self);

/* Takes the exclusive lock for writing if no other process holds the project any more. */
gboolean      shirabe_guard_try_write   (ShirabeGuard  *self);

/* Whether @path is a project this process has open, or its -wal, -shm or -journal file. */
gboolean      shirabe_guard_is_open_project_file (const char *path);

G_END_DECLS
