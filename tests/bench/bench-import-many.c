/* bench-import-many.c: importing many small files, each its own case, in linear time
 *
 * usage: bench-import-many [LARGEST [RUNS]]   (defaults 100,000 and 3)
 *
 * A folder of small text files (a line of Japanese each, as field notes are) is imported into
 * a new project, one case per file, at 10,000, 20,000 and then LARGEST files. Importing used to
 * ask for the last case's position once per file, over every case: 10,000 files took 2.3 s,
 * 100,000 took 317 s. The time per file should stay flat as the folder grows.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "bench-util.h"

static const char usage[] = "[LARGEST [RUNS]]";

static char **
write_files (const char *dir,
             guint       n_files)
{
  char **paths = g_new0 (char *, n_files + 1);

  for (guint i = 0; i < n_files; i++)
    {
      g_autofree char *name = g_strdup_printf ("note-%06u.txt", i);
      g_autofree char *text = g_strdup_printf ("聞き取りメモ %u: 空港で旅券を取り上げられた。\n", i);
      g_autoptr(GError) error = NULL;

      paths[i] = g_build_filename (dir, name, NULL);
      if (!g_file_set_contents (paths[i], text, -1, &error))
        g_error ("%s", error->message);
    }
  return paths;
}

static double
import_once (const char *project_path,
             char      **paths)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ShirabeProject) project = NULL;
  double start, elapsed;
  int n_imported;

  bench_unlink_project (project_path);
  project = shirabe_project_create (project_path, "Many files", SHIRABE_PROJECT_NO_HISTORY,
                                    &error);
  if (project == NULL)
    g_error ("%s", error->message);
  start = bench_now ();
  n_imported = shirabe_project_import_files (project, (const char * const *) paths, NULL, NULL,
                                             NULL, NULL, NULL, &error);
  elapsed = bench_now () - start;
  if (n_imported != (int) g_strv_length (paths))
    g_error ("imported %d of %u files: %s", n_imported, g_strv_length (paths),
             error != NULL ? error->message : "");
  shirabe_project_close (project, NULL);
  bench_unlink_project (project_path);
  return elapsed;
}

int
main (int    argc,
      char **argv)
{
  guint largest = bench_parse_arg (argc, argv, 1, 100000, usage);
  guint n_runs = bench_parse_arg (argc, argv, 2, 3, usage);
  guint sizes[] = { 10000, 20000, largest };
  g_autofree char *dir = NULL;
  g_autofree char *files_dir = NULL;
  g_autofree char *project_path = NULL;
  g_auto(GStrv) paths = NULL;
  double per_file_first = 0;

  bench_init ();
  dir = bench_make_tmp_dir ();
  files_dir = g_build_filename (dir, "files", NULL);
  project_path = g_build_filename (dir, "many.shirabe", NULL);
  g_mkdir (files_dir, 0700);
  paths = write_files (files_dir, largest);

  printf ("Importing small files, one case each (median of %u runs)\n", n_runs);
  for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
    {
      guint n = MIN (sizes[s], largest);
      g_autofree double *times = g_new0 (double, n_runs);
      char *saved = paths[n];
      double median, per_file;

      /* The first n files: end the list there for the run. */
      paths[n] = NULL;
      for (guint r = 0; r < n_runs; r++)
        times[r] = import_once (project_path, paths);
      paths[n] = saved;
      median = bench_median (times, n_runs);
      per_file = median / n * 1e6;
      if (s == 0)
        per_file_first = per_file;
      printf ("  %7u files  %8.2f s  %7.1f µs/file  (%.2f× the time per file at %u)\n", n,
              median, per_file, per_file / per_file_first, sizes[0]);
      fflush (stdout);
      if (n == largest)
        break;
    }
  bench_print_peak_rss ();
  bench_rm_rf (dir);
  return 0;
}
