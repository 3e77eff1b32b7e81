/* bench-open.c: time from opening a project to the window's first frame
 *
 * usage: run-under-xvfb bench-open PROJECT
 *
 * Prints how long shirabe_window_open_file takes (the sidebar's ids, the codebook, the first
 * narrative in the reader) and how long until the window has painted its first frame; beside
 * it, the processor time the main thread spent until then, which a loaded machine disturbs
 * less than the wall clock. Also, apart, how long making the window took before that (its
 * widgets, every view's included): not part of the first frame, but of what a user waits for.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stdio.h>
#include <time.h>

#include "shirabe-window.h"

static double painted;
static double painted_cpu;

/* The steps of the first frame, each as the wall clock and the main thread's processor time at
 * its end: where the time between present and the first frame goes. */
enum { STEP_PRESENT, STEP_LAYOUT_START, STEP_LAYOUT, STEP_PAINT, N_STEPS };
static const char *const step_names[N_STEPS] = {
  "present (realize, map, measure)", "until the frame's layout", "layout (styles, allocation)",
  "paint (snapshot, cairo)",
};
static double step_wall[N_STEPS];
static double step_cpu[N_STEPS];

/* The main thread's processor time, in seconds. */
static double
thread_cpu (void)
{
  struct timespec now;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &now);
  return now.tv_sec + now.tv_nsec / 1e9;
}

static void
mark_step (int step)
{
  if (step_wall[step] == 0)
    {
      step_wall[step] = (double) g_get_monotonic_time () / G_USEC_PER_SEC;
      step_cpu[step] = thread_cpu ();
    }
}

static void
on_layout_start (GdkFrameClock *clock)
{
  mark_step (STEP_LAYOUT_START);
}

static void
on_layout_end (GdkFrameClock *clock)
{
  mark_step (STEP_LAYOUT);
}

static void
on_after_paint (GdkFrameClock *clock,
                gboolean      *done)
{
  if (!*done)
    {
      painted = (double) g_get_monotonic_time () / G_USEC_PER_SEC;
      painted_cpu = thread_cpu ();
      mark_step (STEP_PAINT);
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
  double made;
  double made_cpu;
  double start;
  double start_cpu;
  double opened;
  double opened_cpu;
  double last_wall;
  double last_cpu;
  GdkFrameClock *clock;

  gtk_init ();
  adw_init ();
  if (argc != 2)
    {
      fprintf (stderr, "usage: %s PROJECT\n", argv[0]);
      return 2;
    }
  file = g_file_new_for_commandline_arg (argv[1]);
  made = (double) g_get_monotonic_time () / G_USEC_PER_SEC;
  made_cpu = thread_cpu ();
  window = shirabe_window_new (NULL);

  start = (double) g_get_monotonic_time () / G_USEC_PER_SEC;
  start_cpu = thread_cpu ();
  if (!shirabe_window_open_file (window, file, &error))
    {
      fprintf (stderr, "%s\n", error->message);
      return 1;
    }
  opened = (double) g_get_monotonic_time () / G_USEC_PER_SEC;
  opened_cpu = thread_cpu ();
  gtk_window_present (GTK_WINDOW (window));
  mark_step (STEP_PRESENT);
  clock = gtk_widget_get_frame_clock (GTK_WIDGET (window));
  /* The window's own layout handler was connected when it was realized, in present: ours on
   * "update" runs just before it, ours after "layout" just after it. */
  g_signal_connect_after (clock, "update", G_CALLBACK (on_layout_start), NULL);
  g_signal_connect_after (clock, "layout", G_CALLBACK (on_layout_end), NULL);
  g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint), &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);

  printf ("open %s\n", argv[1]);
  printf ("  project opened, views filled   %8.1f ms\n", (opened - start) * 1000);
  printf ("  first frame painted            %8.1f ms\n", (painted - start) * 1000);
  printf ("  main thread's processor time   %8.1f ms\n", (painted_cpu - start_cpu) * 1000);
  /* Not in the first frame's figure: the window is made before the project is opened in it,
   * but a user starting Shirabe waits for it too. */
  printf ("  window made before it (not counted) %5.1f ms  (%.1f ms main thread)\n",
          (start - made) * 1000, (start_cpu - made_cpu) * 1000);
  last_wall = opened;
  last_cpu = opened_cpu;
  printf ("  steps (wall, main thread):\n");
  printf ("    %-34s %6.1f ms %6.1f ms\n", "open the project, fill the views",
          (opened - start) * 1000, (opened_cpu - start_cpu) * 1000);
  for (int step = 0; step < N_STEPS; step++)
    {
      if (step_wall[step] == 0)
        continue;
      printf ("    %-34s %6.1f ms %6.1f ms\n", step_names[step],
              (step_wall[step] - last_wall) * 1000,
              (step_cpu[step] - last_cpu) * 1000);
      last_wall = step_wall[step];
      last_cpu = step_cpu[step];
    }
  gtk_window_destroy (GTK_WINDOW (window));
  return 0;
}
