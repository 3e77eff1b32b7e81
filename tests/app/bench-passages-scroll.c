/* bench-passages-scroll.c: scrolling the Passages view through 100,000 passage cards
 *
 * usage: bench-passages-scroll [CODINGS [STEPS]]   (defaults 120,000 codings, 300 steps)
 *
 * Run under Xvfb (meson test --benchmark does). A generated project of 3,000 narratives and
 * CODINGS codings is opened in a window; the Passages view is asked for every top-level code
 * with its subcodes (every coding: a list of about CODINGS cards), then scrolled by half a
 * page per frame, STEPS times, through the whole list. Printed: the list's length, the time
 * to show it, and the work of each frame while scrolling (the frame clock's "before-paint" to
 * "after-paint": binding the cards that come into view, reading their passages from the
 * project a page at a time, laying out and drawing), as median, 95th percentile and maximum.
 * GtkListView binds the cards that come into view as soon as the scrollbar moves, before the
 * frame: the second line adds that time (moving the adjustment) to the frame's, which is what a
 * user waits for between two frames. A frame at 60 Hz has 16.7 ms. Nothing is asserted.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "shirabe-i18n.h"

#include <stdlib.h>

#include <glib/gstdio.h>

#include "shirabe.h"
#include "shirabe-window.h"
#include "shirabe-window-private.h"
#include "app-test-util.h"

static gboolean painted;
static gint64 frame_started;
static gint64 frame_ended;

static void
on_before_paint (GdkFrameClock *clock,
                 gpointer       data)
{
  frame_started = g_get_monotonic_time ();
}

static void
on_after_paint (GdkFrameClock *clock,
                gpointer       data)
{
  frame_ended = g_get_monotonic_time ();
  painted = TRUE;
}

static void
wait_for_paint (GtkWidget *widget)
{
  painted = FALSE;
  gtk_widget_queue_draw (widget);
  while (!painted)
    g_main_context_iteration (NULL, TRUE);
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return x < y ? -1 : x > y;
}

/* Sorts @times and prints their median, 95th percentile and maximum. */
static void
print_figures (const char *what,
               GArray     *times)
{
  g_array_sort (times, compare_doubles);
  printf ("  %s median %5.1f ms   p95 %5.1f ms   max %5.1f ms   (%u frames; 16.7 ms at 60 Hz)\n",
          what, g_array_index (times, double, times->len / 2),
          g_array_index (times, double, times->len * 95 / 100),
          g_array_index (times, double, times->len - 1), times->len);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autoptr(ShirabeProject) project = NULL;
  g_autoptr(GPtrArray) codes = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GArray) frames = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) steps_whole = g_array_new (FALSE, FALSE, sizeof (double));
  ShirabeGenerateOptions options = { 0 };
  ShirabeWindow *window;
  ShirabePassagesView *view;
  GtkAdjustment *adjustment;
  GdkFrameClock *clock;
  guint steps = argc > 2 ? (guint) atoi (argv[2]) : 300;
  guint n_passages;
  gint64 start;

  gtk_init ();
  adw_init ();
  options.n_narratives = 3000;
  options.n_codings = argc > 1 ? (guint) atoi (argv[1]) : 120000;
  options.min_length = 2000;
  options.max_length = 8000;
  options.seed = 5;
  dir = g_dir_make_tmp ("shirabe-bench-scroll-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (dir, "scroll.shirabe", NULL);
  project = shirabe_project_create (path, NULL, SHIRABE_PROJECT_NO_HISTORY, &error);
  g_assert_no_error (error);
  if (!shirabe_project_generate (project, &options, NULL, &error))
    g_error ("%s", error->message);
  codes = shirabe_project_list_codes (project, &error);
  g_assert_no_error (error);
  shirabe_project_close (project, &error);
  g_assert_no_error (error);

  window = g_object_ref_sink (shirabe_window_new (NULL));
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  file = g_file_new_for_path (path);
  if (!shirabe_window_open_file (window, file, &error))
    g_error ("%s", error->message);
  gtk_window_present (GTK_WINDOW (window));
  wait_until_idle ();
  clock = gtk_widget_get_frame_clock (GTK_WIDGET (window));
  g_signal_connect (clock, "before-paint", G_CALLBACK (on_before_paint), NULL);
  g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint), NULL);

  view = shirabe_window_get_passages_view (window);
  start = g_get_monotonic_time ();
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-view", "s", "passages");
  for (guint i = 0; i < codes->len; i++)
    {
      const ShirabeCode *code = g_ptr_array_index (codes, i);

      if (code->parent_id == 0)
        shirabe_passages_view_add_code (view, code->id);
    }
  wait_for_paint (GTK_WIDGET (window));
  n_passages = g_list_model_get_n_items (G_LIST_MODEL (shirabe_passages_view_get_list (view)));
  printf ("bench-passages-scroll: %u passage cards (%u codings, %u narratives)\n", n_passages,
          options.n_codings, options.n_narratives);
  printf ("  query and first frame        %8.1f ms\n",
          (g_get_monotonic_time () - start) / 1000.0);

  adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (
                 shirabe_passages_view_get_list_view (view)));
  for (guint i = 0; i < steps; i++)
    {
      double page = gtk_adjustment_get_page_size (adjustment);
      double value = gtk_adjustment_get_value (adjustment);
      double upper = gtk_adjustment_get_upper (adjustment);
      /* Half a page per frame, and now and then a jump far ahead, as a dragged scrollbar. */
      double next = i % 25 == 24 ? value + (upper - value) / 4 : value + page / 2;

      gint64 moved = g_get_monotonic_time ();
      gint64 bound;

      gtk_adjustment_set_value (adjustment, next);
      bound = g_get_monotonic_time ();
      wait_for_paint (GTK_WIDGET (window));
      g_array_append_val (frames, ((double) { (frame_ended - frame_started) / 1000.0 }));
      g_array_append_val (steps_whole,
                          ((double) { (frame_ended - frame_started + bound - moved) / 1000.0 }));
    }
  print_figures ("frame while scrolling       ", frames);
  print_figures ("with binding the new cards  ", steps_whole);
  printf ("  cards read from the project  %u of %u\n",
          shirabe_passage_list_get_n_loaded (shirabe_passages_view_get_list (view)), n_passages);

  gtk_window_destroy (GTK_WINDOW (window));
  g_object_unref (window);
  wait_until_idle ();
  rm_rf (dir);
  return 0;
}
