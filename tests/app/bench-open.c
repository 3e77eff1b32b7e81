/* bench-open.c: time from opening a project to the window's first frame
 *
 * usage: run-under-xvfb bench-open PROJECT
 *
 * Prints how long shirabe_window_open_file takes (the sidebar's ids, the codebook, the first
 * narrative in the reader) and how long until the window has painted its first frame; beside
 * it, the processor time the main thread spent until then, which a loaded machine disturbs
 * less than the wall clock.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stdio.h>
#include <time.h>

#include "shirabe-window.h"

static double painted;
static double painted_cpu;

/* The main thread's processor time, in seconds. */
static double
thread_cpu (void)
{
  struct timespec now;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &now);
  return now.tv_sec + now.tv_nsec / 1e9;
}

static void
on_after_paint (GdkFrameClock *clock,
                gboolean      *done)
{
  if (!*done)
    {
      painted = (double) g_get_monotonic_time () / G_USEC_PER_SEC;
      painted_cpu = thread_cpu ();
    }
  *done = TRUE;
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;
  ShirabeWindow *window;
  gboolean done = FALSE;
  double start;
  double start_cpu;
  double opened;

  gtk_init ();
  adw_init ();
  if (argc != 2)
    {
      fprintf (stderr, "usage: %s PROJECT\n", argv[0]);
      return 2;
    }
  file = g_file_new_for_commandline_arg (argv[1]);
  window = shirabe_window_new (NULL);

  start = (double) g_get_monotonic_time () / G_USEC_PER_SEC;
  start_cpu = thread_cpu ();
  if (!shirabe_window_open_file (window, file, &error))
    {
      fprintf (stderr, "%s\n", error->message);
      return 1;
    }
  opened = (double) g_get_monotonic_time () / G_USEC_PER_SEC;
  gtk_window_present (GTK_WINDOW (window));
  g_signal_connect (gtk_widget_get_frame_clock (GTK_WIDGET (window)), "after-paint",
                    G_CALLBACK (on_after_paint), &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);

  printf ("open %s\n", argv[1]);
  printf ("  project opened, views filled   %8.1f ms\n", (opened - start) * 1000);
  printf ("  first frame painted            %8.1f ms\n", (painted - start) * 1000);
  printf ("  main thread's processor time   %8.1f ms\n", (painted_cpu - start_cpu) * 1000);
  gtk_window_destroy (GTK_WINDOW (window));
  return 0;
}
