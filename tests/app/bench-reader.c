/* bench-reader.c: how fast the reader shows a long, densely coded narrative and codes it
 *
 * usage: bench-reader [LENGTH [CODINGS [RUNS]]]   (defaults 300,000, 5,000 and 20)
 *        bench-reader --project PROJECT [RUNS]    (a copy of PROJECT, its first narrative)
 *
 * Run under Xvfb (meson test --benchmark does). A generated project of one narrative of
 * LENGTH code points with CODINGS codings (or a copy of PROJECT) is opened in a window as a
 * user would; then:
 * - first paint: from showing the narrative in the reader to the end of the first frame
 *   painted after it (the frame clock's "after-paint"), which includes laying out the visible
 *   lines and drawing their coding bands and stripes;
 * - apply one code: the apply-code action on a selected passage, through the core's write
 *   (one transaction, synchronous=FULL), the "changed" signal and the views' refresh, plus the
 *   work of the frame that shows it (its "before-paint" to its "after-paint"). The frame clock
 *   starts that frame no sooner than one refresh interval after the last one, however little
 *   there is to do; that wait is printed apart, as "to the frame on screen".
 * Figures are medians over RUNS, with the minimum and maximum. Nothing is asserted.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "shirabe-i18n.h"

#include <stdlib.h>

#include <glib/gstdio.h>

#include "shirabe.h"
#include "shirabe-apply-code.h"
#include "shirabe-reader-private.h"
#include "shirabe-window.h"
#include "app-test-util.h"

static gboolean painted;
static gint64 frame_started;

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
  painted = TRUE;
}

/* Waits for the end of the next frame; returns the time it ended, in µs. */
static gint64
wait_for_paint (void)
{
  painted = FALSE;
  while (!painted)
    g_main_context_iteration (NULL, TRUE);
  return g_get_monotonic_time ();
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static void
print_figure (const char *what,
              GArray     *ms,
              const char *target)
{
  g_array_sort (ms, compare_doubles);
  g_print ("%-44s median %8.2f ms   min %8.2f   max %8.2f   (%u runs; target %s)\n", what,
           g_array_index (ms, double, ms->len / 2), g_array_index (ms, double, 0),
           g_array_index (ms, double, ms->len - 1), ms->len, target);
}

/* A generated project of one narrative of @length code points with @n_codings codings. */
static void
generate (const char *path,
          guint       length,
          guint       n_codings)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ShirabeProject) project = NULL;
  ShirabeGenerateOptions options = { 0 };
  gint64 t0;

  project = shirabe_project_create (path, "Bench", SHIRABE_PROJECT_DEFAULT, &error);
  g_assert_no_error (error);
  options.n_narratives = 1;
  options.n_codings = n_codings;
  options.min_length = options.max_length = length;
  options.seed = 4;
  t0 = g_get_monotonic_time ();
  shirabe_project_generate (project, &options, NULL, &error);
  g_assert_no_error (error);
  g_print ("generated one narrative of %u characters with %u codings in %.0f ms\n", length,
           n_codings, (g_get_monotonic_time () - t0) / 1000.0);
  shirabe_project_close (project, &error);
  g_assert_no_error (error);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autoptr(ShirabeProject) project = NULL;
  g_autoptr(GPtrArray) narratives = NULL;
  g_autoptr(GPtrArray) codes = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GArray) show_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) paint_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) applied_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) frame_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) work_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) screen_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) core_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) reload_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) codes_ms = g_array_new (FALSE, FALSE, sizeof (double));
  const ShirabeNarrative *narrative;
  ShirabeWindow *window;
  ShirabeReader *reader;
  GtkTextBuffer *buffer;
  GdkFrameClock *clock;
  guint n_shown;
  gint64 code_id = 0;
  gint64 t0;
  gboolean given = argc > 2 && g_str_equal (argv[1], "--project");
  guint length = !given && argc > 1 ? (guint) atoi (argv[1]) : 300000;
  guint n_codings = !given && argc > 2 ? (guint) atoi (argv[2]) : 5000;
  guint runs = argc > 3 ? (guint) atoi (argv[3]) : 20;

  gtk_init ();
  adw_init ();

  dir = g_dir_make_tmp ("shirabe-bench-reader-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (dir, "bench.shirabe", NULL);
  if (given)
    {
      g_autoptr(GFile) source = g_file_new_for_commandline_arg (argv[2]);
      g_autoptr(GFile) copy = g_file_new_for_path (path);

      /* The benchmark codes passages: never in the project it was given. */
      g_file_copy (source, copy, G_FILE_COPY_NONE, NULL, NULL, NULL, &error);
      g_assert_no_error (error);
      g_print ("a copy of %s\n", argv[2]);
    }
  else
    generate (path, length, n_codings);

  project = shirabe_project_open (path, SHIRABE_PROJECT_DEFAULT, &error);
  g_assert_no_error (error);
  narratives = shirabe_project_list_narratives (project, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (narratives->len, >=, 1);
  narrative = g_ptr_array_index (narratives, 0);
  codes = shirabe_project_list_codes (project, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < codes->len && code_id == 0; i++)
    if (((ShirabeCode *) g_ptr_array_index (codes, i))->codable)
      code_id = ((ShirabeCode *) g_ptr_array_index (codes, i))->id;
  shirabe_project_close (project, &error);
  g_assert_no_error (error);
  g_clear_object (&project);

  window = shirabe_window_new (NULL);
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  file = g_file_new_for_path (path);
  shirabe_window_open_file (window, file, &error);
  g_assert_no_error (error);
  gtk_window_present (GTK_WINDOW (window));
  reader = shirabe_window_get_reader (window);
  buffer = shirabe_reader_get_buffer (reader);
  clock = gtk_widget_get_frame_clock (GTK_WIDGET (window));
  g_assert_nonnull (clock);
  g_signal_connect (clock, "before-paint", G_CALLBACK (on_before_paint), NULL);
  g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint), NULL);
  wait_for_paint ();

  /* The same project narrative again and again, from an empty reader each time. */
  for (guint i = 0; i < runs; i++)
    {
      gint64 shown;

      shirabe_reader_show_narrative (reader, NULL, NULL);
      wait_for_paint ();
      t0 = g_get_monotonic_time ();
      shirabe_reader_show_narrative (reader, narrative, &error);
      g_assert_no_error (error);
      shown = g_get_monotonic_time ();
      g_array_append_val (show_ms, ((double) { (shown - t0) / 1000.0 }));
      g_array_append_val (paint_ms, ((double) { (wait_for_paint () - t0) / 1000.0 }));
    }
  n_shown = shirabe_coding_view_get_codings (shirabe_reader_get_coding_view (reader))->len;
  g_print ("narrative shown: %d characters, %u codings, %u stripe columns\n",
           gtk_text_buffer_get_char_count (buffer), n_shown,
           shirabe_coding_view_get_n_columns (shirabe_reader_get_coding_view (reader)));

  /* Passages on the first screen, each one new. */
  for (guint i = 0; i < runs; i++)
    {
      GtkTextIter start;
      GtkTextIter end;
      gint64 returned;
      gint64 on_screen;

      gtk_text_buffer_get_iter_at_offset (buffer, &start, 10 + (int) i * 7);
      gtk_text_buffer_get_iter_at_offset (buffer, &end, 40 + (int) i * 9);
      gtk_text_buffer_select_range (buffer, &start, &end);
      wait_for_paint ();
      t0 = g_get_monotonic_time ();
      gtk_widget_activate_action (GTK_WIDGET (window), "win.apply-code", "x", code_id);
      returned = g_get_monotonic_time ();
      on_screen = wait_for_paint ();
      g_array_append_val (applied_ms, ((double) { (returned - t0) / 1000.0 }));
      g_array_append_val (frame_ms, ((double) { (on_screen - frame_started) / 1000.0 }));
      g_array_append_val (work_ms,
                          ((double) { (returned - t0 + on_screen - frame_started) / 1000.0 }));
      g_array_append_val (screen_ms, ((double) { (on_screen - t0) / 1000.0 }));
    }
  g_assert_cmpuint (shirabe_coding_view_get_codings (shirabe_reader_get_coding_view (reader))->len,
                    ==, n_shown + runs);

  /* What the reader did for every change before it followed the changes one by one. */
  for (guint i = 0; i < runs; i++)
    {
      t0 = g_get_monotonic_time ();
      shirabe_reader_reload_codings (reader, &error);
      g_assert_no_error (error);
      g_array_append_val (reload_ms, ((double) { (g_get_monotonic_time () - t0) / 1000.0 }));
    }

  /* The core's share, on a second connection that no view listens to. */
  project = shirabe_project_open (path, SHIRABE_PROJECT_DEFAULT, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < runs; i++)
    {
      t0 = g_get_monotonic_time ();
      shirabe_project_apply_code (project, narrative->id, code_id, "Bench Coder", 1000 + i * 11,
                                  1030 + i * 13, NULL, &error);
      g_assert_no_error (error);
      g_array_append_val (core_ms, ((double) { (g_get_monotonic_time () - t0) / 1000.0 }));
      t0 = g_get_monotonic_time ();
      g_ptr_array_unref (shirabe_project_list_codes (project, &error));
      g_assert_no_error (error);
      g_array_append_val (codes_ms, ((double) { (g_get_monotonic_time () - t0) / 1000.0 }));
    }
  shirabe_project_close (project, &error);
  g_assert_no_error (error);

  g_print ("\n");
  print_figure ("show narrative (call returns)", show_ms, "-");
  print_figure ("time to first paint", paint_ms, "≤ 150 ms");
  print_figure ("apply one code: action + its frame's work", work_ms, "≤ 16 ms");
  print_figure ("  the action (core write, views follow)", applied_ms, "-");
  print_figure ("  the frame (before-paint to after-paint)", frame_ms, "-");
  print_figure ("  to the frame on screen, with the wait", screen_ms, "-");
  print_figure ("core apply_code alone (commit, fsync)", core_ms, "-");
  print_figure ("not done any more: list the codes", codes_ms, "-");
  print_figure ("not done any more: reload the codings", reload_ms, "-");

  gtk_window_destroy (GTK_WINDOW (window));
  while (g_main_context_iteration (NULL, FALSE))
    ;
  rm_rf (dir);
  return 0;
}
