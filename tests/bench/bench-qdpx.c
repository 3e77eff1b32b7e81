/* bench-qdpx.c: time and peak memory of the REFI-QDA export and import, beside a floor
 *
 *   bench-qdpx [--narratives N] [--codings N] [--runs N] [--project PATH]
 *
 * Generates a project (--project keeps it, and reuses it when the file exists), then, each in
 * a fresh process so that its peak RSS is its own: exports it as .qdpx, imports that .qdpx
 * into a new project, and writes the floor: a project.qde of the same shape (the same users,
 * codes, cases, sources, selections and codings, GUIDs and dates of the same length) with
 * libxml2's xmlTextWriter alone, from memory, to a plain file. Prints the medians and the
 * ratios to the floor.
 *
 * The default size runs in about a minute. The design's large study:
 *   bench-qdpx --narratives 10000 --codings 500000 --runs 3 --project /var/tmp/large.shirabe
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <errno.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <libxml/xmlwriter.h>

#include "bench-util.h"
#include "shirabe-qdpx.h"

typedef struct
{
  double seconds;
  double rss_mb;
} Run;

/* Runs this program again with @argv; its stdout is the seconds it measured. */
static void
run_child (const char * const *argv,
           Run                *run)
{
  g_autoptr(GError) error = NULL;
  GString *text = g_string_new (NULL);
  struct rusage usage;
  char buffer[256];
  gssize n;
  int out_fd;
  int status;
  GPid pid;

  if (!g_spawn_async_with_pipes (NULL, (char **) argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD, NULL,
                                 NULL, &pid, NULL, &out_fd, NULL, &error))
    g_error ("cannot run %s: %s", argv[0], error->message);
  while ((n = read (out_fd, buffer, sizeof buffer)) > 0)
    g_string_append_len (text, buffer, n);
  close (out_fd);
  if (wait4 (pid, &status, 0, &usage) < 0)
    g_error ("wait4: %s", g_strerror (errno));
  if (!WIFEXITED (status) || WEXITSTATUS (status) != 0)
    g_error ("%s %s failed", argv[0], argv[1]);
  run->seconds = g_ascii_strtod (text->str, NULL);
  run->rss_mb = usage.ru_maxrss / 1024.0;
  g_string_free (text, TRUE);
}

static int
child_export (const char *project_path,
              const char *out)
{
  g_autoptr(GError) error = NULL;
  double start = bench_now ();
  g_autoptr(ShirabeProject) project = shirabe_project_open (project_path,
                                                            SHIRABE_PROJECT_READ_ONLY |
                                                            SHIRABE_PROJECT_NO_HISTORY, &error);

  if (project == NULL ||
      !shirabe_project_export_qdpx (project, out, SHIRABE_LANGUAGE_EN,
                                    SHIRABE_OUTPUT_REPLACE_ANY, NULL, NULL, NULL, &error))
    g_error ("export: %s", error->message);
  shirabe_project_close (project, NULL);
  printf ("%.3f\n", bench_now () - start);
  return 0;
}

static int
child_import (const char *qdpx,
              const char *out)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ShirabeQdpxReport) report = NULL;
  double start = bench_now ();

  bench_unlink_project (out);
  if (!shirabe_import_qdpx (qdpx, out, NULL, NULL, NULL, &report, &error))
    g_error ("import: %s", error->message);
  printf ("%.3f\n", bench_now () - start);
  if (report->n_problems > 0)
    g_printerr ("import reported %u problems\n", report->n_problems);
  return 0;
}

/* The floor: the same elements with attributes of the same lengths, from memory. */
static int
child_floor (const char *out,
             guint       n_narratives,
             guint       n_codings,
             guint       n_codes)
{
  const char *guid = "01234567-89ab-4cde-8f01-23456789abcd";
  const char *date = "2024-05-01T10:00:00Z";
  double start = bench_now ();
  xmlTextWriterPtr writer = xmlNewTextWriterFilename (out, 0);
  guint per = n_narratives > 0 ? n_codings / n_narratives : 0;
  char number[32];

  xmlTextWriterSetIndent (writer, 1);
  xmlTextWriterSetIndentString (writer, BAD_CAST " ");
  xmlTextWriterStartDocument (writer, "1.0", "utf-8", NULL);
  xmlTextWriterStartElement (writer, BAD_CAST "Project");
  xmlTextWriterWriteAttribute (writer, BAD_CAST "xmlns", BAD_CAST "urn:QDA-XML:project:1.0");
  xmlTextWriterWriteAttribute (writer, BAD_CAST "name", BAD_CAST "Floor");
  xmlTextWriterStartElement (writer, BAD_CAST "CodeBook");
  xmlTextWriterStartElement (writer, BAD_CAST "Codes");
  for (guint i = 0; i < n_codes; i++)
    {
      xmlTextWriterStartElement (writer, BAD_CAST "Code");
      xmlTextWriterWriteAttribute (writer, BAD_CAST "guid", BAD_CAST guid);
      xmlTextWriterWriteAttribute (writer, BAD_CAST "name", BAD_CAST "Debt bondage: by a broker");
      xmlTextWriterWriteAttribute (writer, BAD_CAST "isCodable", BAD_CAST "true");
      xmlTextWriterWriteElement (writer, BAD_CAST "Description",
                                 BAD_CAST "[Shirabe] {\"lang\":\"en\",\"label_ja\":\"借金\"}");
      xmlTextWriterEndElement (writer);
    }
  xmlTextWriterEndElement (writer);
  xmlTextWriterEndElement (writer);
  xmlTextWriterStartElement (writer, BAD_CAST "Sources");
  for (guint i = 0; i < n_narratives; i++)
    {
      xmlTextWriterStartElement (writer, BAD_CAST "TextSource");
      xmlTextWriterWriteAttribute (writer, BAD_CAST "guid", BAD_CAST guid);
      xmlTextWriterWriteAttribute (writer, BAD_CAST "name", BAD_CAST "Interview, case 00012/1");
      xmlTextWriterWriteAttribute (writer, BAD_CAST "plainTextPath",
                                   BAD_CAST "internal://01234567-89ab-4cde-8f01-23456789abcd.txt");
      for (guint j = 0; j < per + (i < n_codings % MAX (n_narratives, 1) ? 1 : 0); j++)
        {
          xmlTextWriterStartElement (writer, BAD_CAST "PlainTextSelection");
          xmlTextWriterWriteAttribute (writer, BAD_CAST "guid", BAD_CAST guid);
          g_snprintf (number, sizeof number, "%u", 1000 + j * 37);
          xmlTextWriterWriteAttribute (writer, BAD_CAST "startPosition", BAD_CAST number);
          g_snprintf (number, sizeof number, "%u", 1100 + j * 37);
          xmlTextWriterWriteAttribute (writer, BAD_CAST "endPosition", BAD_CAST number);
          xmlTextWriterWriteAttribute (writer, BAD_CAST "creatingUser", BAD_CAST guid);
          xmlTextWriterWriteAttribute (writer, BAD_CAST "creationDateTime", BAD_CAST date);
          xmlTextWriterStartElement (writer, BAD_CAST "Coding");
          xmlTextWriterWriteAttribute (writer, BAD_CAST "guid", BAD_CAST guid);
          xmlTextWriterWriteAttribute (writer, BAD_CAST "creatingUser", BAD_CAST guid);
          xmlTextWriterWriteAttribute (writer, BAD_CAST "creationDateTime", BAD_CAST date);
          xmlTextWriterStartElement (writer, BAD_CAST "CodeRef");
          xmlTextWriterWriteAttribute (writer, BAD_CAST "targetGUID", BAD_CAST guid);
          xmlTextWriterEndElement (writer);
          xmlTextWriterEndElement (writer);
          xmlTextWriterEndElement (writer);
        }
      xmlTextWriterEndElement (writer);
    }
  xmlTextWriterEndElement (writer);
  xmlTextWriterEndElement (writer);
  xmlTextWriterEndDocument (writer);
  xmlFreeTextWriter (writer);
  printf ("%.3f\n", bench_now () - start);
  return 0;
}

static double
median_of (Run  *runs,
           guint n,
           gboolean rss)
{
  g_autofree double *values = g_new (double, n);

  for (guint i = 0; i < n; i++)
    values[i] = rss ? runs[i].rss_mb : runs[i].seconds;
  return bench_median (values, n);
}

int
main (int    argc,
      char **argv)
{
  guint n_narratives = 2000;
  guint n_codings = 100000;
  guint runs = 3;
  g_autofree char *project_path = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *kept = NULL;
  g_autofree char *qdpx = NULL;
  g_autofree char *imported = NULL;
  g_autofree char *floor_path = NULL;
  g_autofree char *self_path = NULL;
  g_autofree Run *export_runs = NULL;
  g_autofree Run *import_runs = NULL;
  g_autofree Run *floor_runs = NULL;
  GStatBuf st;
  double export_s, import_s, floor_s;

  setlocale (LC_ALL, "");
  if (argc >= 3 && strcmp (argv[1], "--child-export") == 0)
    return child_export (argv[2], argv[3]);
  if (argc >= 3 && strcmp (argv[1], "--child-import") == 0)
    return child_import (argv[2], argv[3]);
  if (argc >= 6 && strcmp (argv[1], "--child-floor") == 0)
    return child_floor (argv[2], atoi (argv[3]), atoi (argv[4]), atoi (argv[5]));
  for (int i = 1; i + 1 < argc; i += 2)
    {
      if (strcmp (argv[i], "--narratives") == 0)
        n_narratives = atoi (argv[i + 1]);
      else if (strcmp (argv[i], "--codings") == 0)
        n_codings = atoi (argv[i + 1]);
      else if (strcmp (argv[i], "--runs") == 0)
        runs = MAX (1, atoi (argv[i + 1]));
      else if (strcmp (argv[i], "--project") == 0)
        kept = g_strdup (argv[i + 1]);
    }

  dir = bench_make_tmp_dir ();
  project_path = kept != NULL ? g_strdup (kept) : g_build_filename (dir, "bench.shirabe", NULL);
  if (!g_file_test (project_path, G_FILE_TEST_EXISTS))
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(ShirabeProject) project = NULL;
      ShirabeGenerateOptions options = { 0 };
      double start = bench_now ();

      options.n_narratives = n_narratives;
      options.n_codings = n_codings;
      options.seed = 1;
      project = shirabe_project_create (project_path, "Bench", SHIRABE_PROJECT_NO_HISTORY,
                                        &error);
      if (project == NULL || !shirabe_project_generate (project, &options, NULL, &error))
        g_error ("generate: %s", error->message);
      shirabe_project_close (project, NULL);
      printf ("generated %u narratives, %u codings in %.1f s\n", n_narratives, n_codings,
              bench_now () - start);
    }
  qdpx = g_build_filename (dir, "bench.qdpx", NULL);
  imported = g_build_filename (dir, "imported.shirabe", NULL);
  floor_path = g_build_filename (dir, "floor.qde", NULL);
  self_path = g_file_read_link ("/proc/self/exe", NULL);
  if (self_path == NULL)
    self_path = g_strdup (argv[0]);

  export_runs = g_new0 (Run, runs);
  import_runs = g_new0 (Run, runs);
  floor_runs = g_new0 (Run, runs);
  for (guint r = 0; r < runs; r++)
    {
      char narratives[16], codings[16];
      const char *export_argv[] = { self_path, "--child-export", project_path, qdpx, NULL };
      const char *import_argv[] = { self_path, "--child-import", qdpx, imported, NULL };
      const char *floor_argv[] = { self_path, "--child-floor", floor_path, narratives, codings,
                                   "60", NULL };

      g_snprintf (narratives, sizeof narratives, "%u", n_narratives);
      g_snprintf (codings, sizeof codings, "%u", n_codings);
      run_child (export_argv, &export_runs[r]);
      run_child (import_argv, &import_runs[r]);
      run_child (floor_argv, &floor_runs[r]);
    }
  export_s = median_of (export_runs, runs, FALSE);
  import_s = median_of (import_runs, runs, FALSE);
  floor_s = median_of (floor_runs, runs, FALSE);
  printf ("REFI-QDA, %u narratives, %u codings, median of %u runs\n", n_narratives, n_codings,
          runs);
  if (g_stat (qdpx, &st) == 0)
    printf ("  .qdpx size            %8.1f MB\n", st.st_size / 1e6);
  if (g_stat (floor_path, &st) == 0)
    printf ("  floor project.qde     %8.1f MB (unzipped)\n", st.st_size / 1e6);
  printf ("  floor (xmlTextWriter) %8.2f s   peak RSS %7.1f MB\n", floor_s,
          median_of (floor_runs, runs, TRUE));
  printf ("  export .qdpx          %8.2f s   peak RSS %7.1f MB   %5.1f × floor\n", export_s,
          median_of (export_runs, runs, TRUE), export_s / MAX (floor_s, 1e-6));
  printf ("  import .qdpx          %8.2f s   peak RSS %7.1f MB   %5.1f × floor\n", import_s,
          median_of (import_runs, runs, TRUE), import_s / MAX (floor_s, 1e-6));
  bench_unlink_project (imported);
  g_unlink (qdpx);
  g_unlink (floor_path);
  if (kept == NULL)
    bench_unlink_project (project_path);
  g_rmdir (dir);
  return 0;
}
