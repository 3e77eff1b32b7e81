/* test-kill.c: the app killed while coding loses nothing it showed
 *
 * The test runs itself as a child (--child PROJECT FIRST) that opens the window and codes
 * passage after passage through the reader and the code picker, as a user does; after each
 * coding it waits until the window has painted a frame with it, then prints the passage. The
 * parent sends SIGKILL at a random moment, many times over, and then every passage the child
 * printed must be a coding in the file, and the project's check must find nothing.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "shirabe-i18n.h"

#include <signal.h>
#include <stdio.h>
#include <string.h>

#include <glib/gstdio.h>

#include "shirabe.h"
#include "shirabe-code-picker.h"
#include "shirabe-reader-private.h"
#include "shirabe-window.h"
#include "app-test-util.h"

static const char narrative_text[] =
  "工場の仕事があると聞いて来日した。空港でブローカーに旅券を取り上げられ、借金は三百万円だと"
  "言われた。毎日十二時間、休みなしで働かされた。逃げたら家族に危害を加えると脅された。";

#define N_ROUNDS 8

static char *self_path;  /* this program, run again as the child */

/* The passage of coding @n: every n gives another range. */
static void
passage_of (guint   n,
            gint64  length,
            gint64 *start,
            gint64 *end)
{
  *start = n % (length - 10);
  *end = *start + 1 + (n / (length - 10)) % 8;
}

static int
run_child (const char *path,
           guint       first)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (path);
  ShirabeWindow *window;
  ShirabeReader *reader;
  ShirabeCodePicker *picker;
  gint64 length = g_utf8_strlen (narrative_text, -1);

  window = g_object_ref_sink (shirabe_window_new (NULL));
  if (!shirabe_window_open_file (window, file, &error))
    g_error ("%s", error->message);
  gtk_window_present (GTK_WINDOW (window));
  wait_until_idle ();
  reader = shirabe_window_get_reader (window);
  picker = shirabe_reader_get_picker (reader);

  for (guint n = first; n < first + 1000; n++)
    {
      GtkTextBuffer *buffer = shirabe_reader_get_buffer (reader);
      GtkTextIter start_iter, end_iter;
      gint64 start, end;

      passage_of (n, length, &start, &end);
      gtk_text_buffer_get_iter_at_offset (buffer, &start_iter, (int) start);
      gtk_text_buffer_get_iter_at_offset (buffer, &end_iter, (int) end);
      gtk_text_buffer_select_range (buffer, &start_iter, &end_iter);
      if (!gtk_widget_activate_action (GTK_WIDGET (reader), "reader.pick-code", NULL))
        g_error ("reader.pick-code is not there");
      wait_until_idle ();
      gtk_editable_set_text (shirabe_code_picker_get_search_entry (picker),
                             n % 2 == 0 ? "Debt" : "Passport");
      g_signal_emit_by_name (shirabe_code_picker_get_search_entry (picker), "activate");
      wait_until_idle ();
      wait_for_frame (GTK_WIDGET (window));
      printf ("shown %" G_GINT64_FORMAT " %" G_GINT64_FORMAT " %s\n", start, end,
              n % 2 == 0 ? "debt" : "passport");
      fflush (stdout);
    }
  return 0;
}

static void
test_a_killed_app_keeps_every_coding_it_showed (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("shirabe-kill-test-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "study.shirabe", NULL);
  g_autoptr(ShirabeProject) project = NULL;
  ShirabeNarrativeSpec spec = { 0 };
  ShirabeCodeSpec debt = { .label_en = "Debt bondage", .var_name = "debt" };
  ShirabeCodeSpec passport = { .label_en = "Passport taken", .var_name = "passport" };
  guint n_shown = 0;
  guint first = 0;

  g_assert_no_error (error);
  project = shirabe_project_create (path, "Study", SHIRABE_PROJECT_DEFAULT, &error);
  g_assert_no_error (error);
  spec.case_id = shirabe_project_add_case (project, "Case A", &error);
  spec.title = "Interview";
  spec.language = "ja";
  spec.text = narrative_text;
  g_assert_cmpint (shirabe_project_add_narrative (project, &spec, &error), >, 0);
  shirabe_project_add_code (project, &debt, &error);
  shirabe_project_add_code (project, &passport, &error);
  g_assert_no_error (error);
  g_assert_true (shirabe_project_close (project, &error));
  g_clear_object (&project);

  for (guint round = 0; round < N_ROUNDS; round++)
    {
      g_autoptr(GSubprocess) child = NULL;
      g_autofree char *first_text = g_strdup_printf ("%u", first);
      g_autofree char *out = NULL;
      g_auto(GStrv) lines = NULL;
      g_auto(GStrv) problems = NULL;
      g_autoptr(GPtrArray) codings = NULL;
      guint delay = g_test_rand_int_range (1500, 4000);

      child = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error, self_path, "--child", path,
                                first_text, NULL);
      g_assert_no_error (error);
      g_usleep (delay * 1000);
      g_subprocess_send_signal (child, SIGKILL);
      g_subprocess_communicate_utf8 (child, NULL, NULL, &out, NULL, &error);
      g_assert_no_error (error);
      g_assert_false (g_subprocess_get_if_exited (child));

      /* Every coding whose frame was shown is in the file. */
      project = shirabe_project_open (path, SHIRABE_PROJECT_NO_HISTORY, &error);
      g_assert_no_error (error);
      codings = shirabe_project_list_codings (project, 0, &error);
      g_assert_no_error (error);
      lines = g_strsplit (out, "\n", -1);
      for (guint i = 0; lines[i] != NULL && *lines[i] != '\0'; i++)
        {
          gint64 start, end;
          char code[16];
          gboolean found = FALSE;

          g_assert_cmpint (sscanf (lines[i], "shown %" G_GINT64_FORMAT " %" G_GINT64_FORMAT
                                   " %15s", &start, &end, code), ==, 3);
          for (guint j = 0; j < codings->len && !found; j++)
            {
              ShirabeCoding *coding = codings->pdata[j];

              found = coding->start == start && coding->end == end;
            }
          if (!found)
            g_error ("round %u: the coding %s of %" G_GINT64_FORMAT "–%" G_GINT64_FORMAT
                     " was shown but is not in the file", round, code, start, end);
          n_shown++;
          first++;
        }
      g_test_message ("round %u: killed after %u ms, %u codings shown, %u in the file", round,
                      delay, g_strv_length (lines) - 1, codings->len);
      g_assert_true (shirabe_project_check (project, &problems, &error));
      g_assert_no_error (error);
      g_assert_true (problems == NULL || problems[0] == NULL);
      g_assert_true (shirabe_project_close (project, &error));
      g_clear_object (&project);
      first += 8;
    }
  /* The kills came while the app was coding, not before it started. */
  g_assert_cmpuint (n_shown, >, 0);
  rm_rf (dir);
}

int
main (int    argc,
      char **argv)
{
  if (argc == 4 && g_str_equal (argv[1], "--child"))
    {
      gtk_init ();
      adw_init ();
      return run_child (argv[2], (guint) g_ascii_strtoull (argv[3], NULL, 10));
    }

  self_path = g_canonicalize_filename (argv[0], NULL);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/app/kill/a-killed-app-keeps-every-coding-it-showed",
                   test_a_killed_app_keeps_every_coding_it_showed);

  return g_test_run ();
}
