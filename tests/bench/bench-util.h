/* bench-util.h: what the benchmarks share: timing, medians, memory, scratch folders
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>

#include <gio/gio.h>
#include <glib/gstdio.h>

#include "shirabe.h"

#define BENCH_DEFAULT_RUNS 5

static inline double
bench_now (void)
{
  return (double) g_get_monotonic_time () / G_USEC_PER_SEC;
}

static inline int
bench_compare_doubles (const void *a,
                       const void *b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return (x > y) - (x < y);
}

/* The median resists the odd slow run (a page-cache flush, another process) better than the
 * mean. Sorts @values in place. */
static inline double
bench_median (double *values,
              guint   n)
{
  g_assert (n > 0);
  qsort (values, n, sizeof *values, bench_compare_doubles);
  return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

/* Peak resident memory of this process so far, in MB (Linux reports ru_maxrss in KiB). */
static inline double
bench_peak_rss_mb (void)
{
  struct rusage usage;

  if (getrusage (RUSAGE_SELF, &usage) != 0)
    return 0;
  return usage.ru_maxrss / 1024.0;
}

static inline void
bench_print_peak_rss (void)
{
  printf ("  peak RSS              %8.1f MB\n", bench_peak_rss_mb ());
}

static inline void
bench_rm_rf (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir != NULL)
    while ((name = g_dir_read_name (dir)) != NULL)
      {
        g_autofree char *child = g_build_filename (path, name, NULL);

        if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
          bench_rm_rf (child);
        else
          g_unlink (child);
      }
  g_rmdir (path);
}

/* A private scratch folder under $TMPDIR (so that a faster or slower disk can be chosen). */
static inline char *
bench_make_tmp_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("shirabe-bench-XXXXXX", &error);

  if (dir == NULL)
    g_error ("Cannot create a scratch folder: %s", error->message);
  return dir;
}

/* Removes a project file and the WAL and shared-memory files SQLite may leave beside it. */
static inline void
bench_unlink_project (const char *path)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);

  g_unlink (path);
  g_unlink (wal);
  g_unlink (shm);
}

/* A project kept from an earlier run may be in an older format, which every read-only open
 * would then upgrade in a temporary copy (seconds at the design's size), timing the copy
 * instead of the work: opening it writable once upgrades the file itself. */
static inline void
bench_reuse_project (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ShirabeProject) project = shirabe_project_open (path, SHIRABE_PROJECT_NO_HISTORY,
                                                            &error);

  if (project == NULL)
    g_error ("Cannot reuse %s: %s", path, error->message);
  g_print ("reusing %s\n", path);
}

/* Messages (GError texts in Japanese, file names) print in the user's locale. */
static inline void
bench_init (void)
{
  setlocale (LC_ALL, "");
}

static inline guint
bench_parse_arg (int          argc,
                 char       **argv,
                 int          index,
                 guint        fallback,
                 const char  *usage)
{
  guint64 value;

  if (argc <= index)
    return fallback;
  if (!g_ascii_string_to_unsigned (argv[index], 10, 1, G_MAXUINT, &value, NULL))
    {
      fprintf (stderr, "usage: %s %s\n", argv[0], usage);
      exit (2);
    }
  return (guint) value;
}

static inline goffset
bench_file_size (const char *path)
{
  GStatBuf st;

  return g_stat (path, &st) == 0 ? (goffset) st.st_size : 0;
}

/* splitmix64: the benchmarks' own deterministic choices. */
static inline guint64
bench_random (guint64 *state)
{
  guint64 z = (*state += G_GUINT64_CONSTANT (0x9E3779B97F4A7C15));

  z = (z ^ (z >> 30)) * G_GUINT64_CONSTANT (0xBF58476D1CE4E5B9);
  z = (z ^ (z >> 27)) * G_GUINT64_CONSTANT (0x94D049BB133111EB);
  return z ^ (z >> 31);
}

static inline guint
bench_random_below (guint64 *state,
                    guint    n)
{
  return (guint) (((bench_random (state) >> 32) * n) >> 32);
}
