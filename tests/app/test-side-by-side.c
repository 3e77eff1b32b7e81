/* test-side-by-side.c: the sample's embassy record beside its Japanese translation
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "shirabe-i18n.h"

#include <string.h>

#include "shirabe.h"
#include "shirabe-alignment.h"
#include "shirabe-import-dialog.h"
#include "shirabe-sample.h"
#include "shirabe-window.h"
#include "shirabe-window-private.h"
#include "app-test-util.h"

#define ORIGINAL "Embassy record ATN-2004-0917"
#define TRANSLATION "大使館記録 ATN-2004-0917（翻訳）"

typedef struct
{
  char                *dir;
  ShirabeWindow       *window;
  ShirabeProject      *project;
  ShirabeParallelView *view;
  gint64               original_id;
  gint64               translation_id;
} Fixture;

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ShirabeProject) project = NULL;
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;

  fixture->dir = g_dir_make_tmp ("shirabe-side-by-side-test-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (fixture->dir, "sample.shirabe", NULL);
  project = shirabe_project_create (path, NULL, SHIRABE_PROJECT_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_true (shirabe_project_build_sample (project, NULL, &error));
  shirabe_project_close (project, &error);
  g_assert_no_error (error);

  fixture->window = g_object_ref_sink (shirabe_window_new (NULL));
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 1280, 800);
  file = g_file_new_for_path (path);
  shirabe_window_open_file (fixture->window, file, &error);
  g_assert_no_error (error);
  fixture->project = shirabe_window_get_project (fixture->window);
  fixture->view = shirabe_window_get_parallel_view (fixture->window);
  fixture->original_id = shirabe_project_find_narrative (fixture->project, ORIGINAL, &error);
  fixture->translation_id = shirabe_project_find_narrative (fixture->project, TRANSLATION,
                                                            &error);
  g_assert_no_error (error);
  gtk_window_present (GTK_WINDOW (fixture->window));
  wait_until_idle ();
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  g_clear_object (&fixture->window);
  wait_until_idle ();
  rm_rf (fixture->dir);
  g_free (fixture->dir);
}

static char *
view_text (Fixture  *fixture,
           guint     pair,
           gboolean  right)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (
    shirabe_parallel_view_get_text_view (fixture->view, pair, right));
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static char *
view_language (Fixture  *fixture,
               guint     pair,
               gboolean  right)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (
    shirabe_parallel_view_get_text_view (fixture->view, pair, right));
  GtkTextTag *tag = gtk_text_tag_table_lookup (gtk_text_buffer_get_tag_table (buffer),
                                               "narrative-language");
  GtkTextIter start;
  char *language = NULL;

  g_assert_nonnull (tag);
  gtk_text_buffer_get_start_iter (buffer, &start);
  g_assert_true (gtk_text_iter_has_tag (&start, tag));
  g_object_get (tag, "language", &language, NULL);
  return language;
}

static void
show_side_by_side (Fixture *fixture,
                   gint64   narrative_id)
{
  g_assert_true (shirabe_sidebar_select_narrative (shirabe_window_get_sidebar (fixture->window),
                                                   narrative_id));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-view", "s",
                                             "side-by-side"));
  wait_until_idle ();
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (
                     shirabe_window_get_center_stack (fixture->window)), ==, "reader");
  g_assert_cmpstr (gtk_stack_get_visible_child_name (
                     shirabe_window_get_reader_stack (fixture->window)), ==, "side-by-side");
}

/* Places the cursor of one side of a pair at @offset (of the pair's text). */
static void
put_cursor (Fixture  *fixture,
            guint     pair,
            gboolean  right,
            int       offset)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (
    shirabe_parallel_view_get_text_view (fixture->view, pair, right));
  GtkTextIter at;

  gtk_text_buffer_get_iter_at_offset (buffer, &at, offset);
  gtk_text_buffer_place_cursor (buffer, &at);
}

/* The embassy record on the left, its Japanese translation on the right, pair by pair in
 * the order of their paragraphs, each side in its own language; the view follows the
 * sidebar. */
static void
test_the_embassy_record_reads_beside_its_translation (Fixture       *fixture,
                                                      gconstpointer  data)
{
  g_autofree char *heading = NULL;
  g_autofree char *heading_ja = NULL;
  g_autofree char *arrival = NULL;
  g_autofree char *arrival_ja = NULL;
  g_autofree char *language = NULL;
  g_autofree char *language_ja = NULL;

  show_side_by_side (fixture, fixture->translation_id);
  g_assert_cmpint (shirabe_parallel_view_get_shown (fixture->view, FALSE), ==,
                   fixture->original_id);
  g_assert_cmpint (shirabe_parallel_view_get_shown (fixture->view, TRUE), ==,
                   fixture->translation_id);
  g_assert_cmpuint (shirabe_parallel_view_get_n_pairs (fixture->view), ==, 12);
  g_assert_cmpstr (gtk_label_get_text (shirabe_parallel_view_get_summary (fixture->view)), ==,
                   "12 pairs, in order");
  /* Read whole beside the toolbar's buttons in a 1280-pixel window, not cut to "12 pairs, ali…". */
  wait_for_frame (GTK_WIDGET (fixture->window));
  g_assert_false (pango_layout_is_ellipsized (
    gtk_label_get_layout (shirabe_parallel_view_get_summary (fixture->view))));

  heading = view_text (fixture, 0, FALSE);
  heading_ja = view_text (fixture, 0, TRUE);
  g_assert_cmpstr (heading, ==, "PHILIPPINE EMBASSY, TOKYO — ASSISTANCE TO NATIONALS SECTION\n"
                                "Case record (fictional, prepared for the Shirabe sample "
                                "project)");
  g_assert_true (g_str_has_prefix (heading_ja, "在東京フィリピン大使館　自国民援護課\n"));
  arrival = view_text (fixture, 3, FALSE);
  arrival_ja = view_text (fixture, 3, TRUE);
  g_assert_true (g_str_has_prefix (arrival, "1. Arrival at the Embassy\nThe subject arrived"));
  g_assert_true (g_str_has_prefix (arrival_ja, "1. 大使館への来館\n対象者は午前6時30分ごろ"));

  language = view_language (fixture, 3, FALSE);
  language_ja = view_language (fixture, 3, TRUE);
  g_assert_cmpstr (language, ==, "en");
  g_assert_cmpstr (language_ja, ==, "ja");

  /* The original chosen in the sidebar: the same two. */
  g_assert_true (shirabe_sidebar_select_narrative (shirabe_window_get_sidebar (fixture->window),
                                                   fixture->original_id));
  wait_until_idle ();
  g_assert_cmpint (shirabe_parallel_view_get_shown (fixture->view, TRUE), ==,
                   fixture->translation_id);

  /* The translation switched to the left: the original goes to the right. */
  shirabe_parallel_view_choose (fixture->view, FALSE, fixture->translation_id);
  wait_until_idle ();
  g_assert_cmpint (shirabe_parallel_view_get_shown (fixture->view, TRUE), ==,
                   fixture->original_id);
  g_clear_pointer (&arrival, g_free);
  arrival = view_text (fixture, 3, TRUE);
  g_assert_true (g_str_has_prefix (arrival, "1. Arrival at the Embassy"));
}

/* The cursor in a paragraph of one side marks the aligned paragraph of the other. */
static void
test_the_cursor_marks_the_aligned_paragraph (Fixture       *fixture,
                                             gconstpointer  data)
{
  GtkWidget *left, *right, *other;

  show_side_by_side (fixture, fixture->translation_id);
  left = GTK_WIDGET (shirabe_parallel_view_get_text_view (fixture->view, 5, FALSE));
  right = GTK_WIDGET (shirabe_parallel_view_get_text_view (fixture->view, 5, TRUE));
  other = GTK_WIDGET (shirabe_parallel_view_get_text_view (fixture->view, 4, TRUE));
  g_assert_false (gtk_widget_has_css_class (right, "aligned-partner"));

  put_cursor (fixture, 5, FALSE, 10);
  g_assert_true (gtk_widget_has_css_class (right, "aligned-partner"));
  g_assert_false (gtk_widget_has_css_class (left, "aligned-partner"));
  g_assert_false (gtk_widget_has_css_class (other, "aligned-partner"));

  put_cursor (fixture, 4, TRUE, 3);
  g_assert_true (gtk_widget_has_css_class (
                   GTK_WIDGET (shirabe_parallel_view_get_text_view (fixture->view, 4, FALSE)),
                   "aligned-partner"));
  g_assert_false (gtk_widget_has_css_class (right, "aligned-partner"));
}

static gint64
find_coding (Fixture    *fixture,
             gint64      narrative_id,
             const char *var_name,
             const char *coder)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) codings = shirabe_project_list_codings (fixture->project, narrative_id,
                                                               &error);

  g_assert_no_error (error);
  for (guint i = 0; i < codings->len; i++)
    {
      ShirabeCoding *coding = codings->pdata[i];
      g_autoptr(ShirabeCode) code = shirabe_project_get_code (fixture->project,
                                                              coding->code_id, NULL);

      if (g_strcmp0 (code->var_name, var_name) == 0 &&
          g_strcmp0 (coding->coder_name, coder) == 0)
        return coding->id;
    }
  return 0;
}

static gboolean
starts_carried (Fixture *fixture,
                guint    pair,
                gboolean right)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (
    shirabe_parallel_view_get_text_view (fixture->view, pair, right));
  GtkTextTag *tag = gtk_text_tag_table_lookup (gtk_text_buffer_get_tag_table (buffer),
                                               "carried");
  GtkTextIter start;

  gtk_text_buffer_get_start_iter (buffer, &start);
  return tag != NULL && gtk_text_iter_has_tag (&start, tag);
}

/* "Code the Translation Too" with the cursor in the record's recruitment passage: the same
 * code and coder on the whole aligned paragraph of the translation, marked as carried and
 * shown underlined; undone in one step. */
static void
test_a_coding_is_carried_to_the_translation (Fixture       *fixture,
                                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ShirabeCoding) source = NULL;
  g_autoptr(ShirabeCoding) carried = NULL;
  g_autoptr(GPtrArray) codings = NULL;
  g_autofree char *paragraph = NULL;
  g_autofree char *recruitment = NULL;
  gint64 source_id, carried_id = 0;
  guint n_undo;

  show_side_by_side (fixture, fixture->translation_id);
  source_id = find_coding (fixture, fixture->original_id, "recruit_broker", "Sato Haruka");
  g_assert_cmpint (source_id, >, 0);
  g_assert_cmpint (find_coding (fixture, fixture->translation_id, "recruit_broker",
                                "Sato Haruka"), ==, 0);
  source = shirabe_project_get_coding (fixture->project, source_id, &error);
  g_assert_no_error (error);
  recruitment = view_text (fixture, 4, FALSE);
  g_assert_true (g_str_has_prefix (recruitment, "2. Recruitment"));
  g_assert_false (starts_carried (fixture, 4, TRUE));

  /* The cursor inside the coded words of pair 5 (the recruitment). */
  put_cursor (fixture, 4, FALSE, (int) (g_utf8_strlen (recruitment, -1) / 4));
  g_assert_true (strstr (recruitment, "approached in Tacloban City") != NULL);
  put_cursor (fixture, 4, FALSE,
              (int) g_utf8_pointer_to_offset (recruitment,
                                              strstr (recruitment, "Tacloban City")));
  n_undo = shirabe_history_get_n_undo (shirabe_project_get_history (fixture->project));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->view), "parallel.carry",
                                             NULL));
  wait_until_idle ();

  carried_id = find_coding (fixture, fixture->translation_id, "recruit_broker", "Sato Haruka");
  g_assert_cmpint (carried_id, >, 0);
  carried = shirabe_project_get_coding (fixture->project, carried_id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (carried->carried_from, ==, source_id);
  /* The whole aligned paragraph, as the right side shows it. */
  paragraph = view_text (fixture, 4, TRUE);
  g_assert_cmpint (carried->end - carried->start, ==, g_utf8_strlen (paragraph, -1));
  g_assert_true (g_str_has_prefix (paragraph, "2. 勧誘\n"));
  /* Sato Haruka's and Nakamura Ken's codings of the words: one undo step each. */
  g_assert_cmpuint (shirabe_history_get_n_undo (shirabe_project_get_history (fixture->project)),
                    ==, n_undo + 2);
  g_assert_true (starts_carried (fixture, 4, TRUE));
  g_assert_false (starts_carried (fixture, 4, FALSE));
  /* Nakamura Ken's coding of the same words went across too. */
  g_assert_cmpint (find_coding (fixture, fixture->translation_id, "recruit_broker",
                                "Nakamura Ken"), >, 0);

  /* Undone: both carried codings are gone, one step each. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.undo", NULL));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.undo", NULL));
  wait_until_idle ();
  g_assert_cmpint (find_coding (fixture, fixture->translation_id, "recruit_broker",
                                "Sato Haruka"), ==, 0);
  g_assert_false (starts_carried (fixture, 4, TRUE));
  codings = shirabe_project_list_codings (fixture->project, fixture->translation_id, &error);
  g_assert_cmpuint (codings->len, ==, 5);
}

/* Joining the first two pairs and splitting them again, through the view's buttons. */
static void
test_pairs_are_joined_and_split (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_autofree char *joined = NULL;

  show_side_by_side (fixture, fixture->translation_id);
  put_cursor (fixture, 0, FALSE, 0);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->view), "parallel.join",
                                             NULL));
  wait_until_idle ();
  g_assert_cmpuint (shirabe_parallel_view_get_n_pairs (fixture->view), ==, 11);
  g_assert_cmpstr (gtk_label_get_text (shirabe_parallel_view_get_summary (fixture->view)), ==,
                   "11 pairs, adjusted");
  joined = view_text (fixture, 0, FALSE);
  g_assert_true (g_str_has_suffix (joined, "Prepared by: Welfare Officer R. Villanueva"));

  /* The cursor in the second paragraph of each side: a pair begins there again. */
  put_cursor (fixture, 0, FALSE,
              (int) g_utf8_pointer_to_offset (joined, strstr (joined, "Case reference")));
  put_cursor (fixture, 0, TRUE, 0);
  {
    g_autofree char *joined_ja = view_text (fixture, 0, TRUE);

    put_cursor (fixture, 0, TRUE,
                (int) g_utf8_pointer_to_offset (joined_ja, strstr (joined_ja, "事例番号")));
  }
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->view), "parallel.split",
                                             NULL));
  wait_until_idle ();
  g_assert_cmpuint (shirabe_parallel_view_get_n_pairs (fixture->view), ==, 12);
  g_assert_cmpstr (gtk_label_get_text (shirabe_parallel_view_get_summary (fixture->view)), ==,
                   "12 pairs, adjusted");

  /* Aligned by order again: the stored pairs forgotten, as one undo step. */
  put_cursor (fixture, 0, FALSE, 0);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->view), "parallel.reset",
                                             NULL));
  wait_until_idle ();
  g_assert_cmpstr (gtk_label_get_text (shirabe_parallel_view_get_summary (fixture->view)), ==,
                   "12 pairs, in order");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.undo", NULL));
  wait_until_idle ();
  g_assert_cmpstr (gtk_label_get_text (shirabe_parallel_view_get_summary (fixture->view)), ==,
                   "12 pairs, adjusted");
}

/* A narrative without translation says how to link one. */
static void
test_a_narrative_without_translation_says_so (Fixture       *fixture,
                                              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  GtkWidget *status;
  gint64 alone = 0;

    {
      g_autoptr(GPtrArray) narratives = shirabe_project_list_narratives (fixture->project, 0,
                                                                         &error);

      for (guint i = 0; i < narratives->len && alone == 0; i++)
        {
          ShirabeNarrative *n = narratives->pdata[i];
          g_autoptr(GPtrArray) translations = shirabe_project_list_translations (
            fixture->project, n->id, NULL);

          if (n->translation_of == 0 && translations->len == 0)
            alone = n->id;
        }
    }
  g_assert_cmpint (alone, >, 0);
  show_side_by_side (fixture, alone);
  g_assert_cmpuint (shirabe_parallel_view_get_n_pairs (fixture->view), ==, 0);
  g_assert_cmpint (shirabe_parallel_view_get_shown (fixture->view, FALSE), ==, 0);
  status = find_widget (GTK_WIDGET (fixture->view), ADW_TYPE_STATUS_PAGE);
  g_assert_cmpstr (adw_status_page_get_title (ADW_STATUS_PAGE (status)), ==, "No Translation");
  g_assert_true (gtk_widget_get_mapped (status));
}

static AdwMessageDialog *
find_result_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)) &&
          g_str_has_suffix (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (window)),
                            "Imported"))
        return ADW_MESSAGE_DIALOG (window);
    }
  return NULL;
}

/* Whether a label under @widget reads @text. */
static gboolean
has_label (GtkWidget  *widget,
           const char *text)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget) &&
      g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0)
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (has_label (child, text))
      return TRUE;
  return FALSE;
}

/* The import dialog, given x.en.txt and x.ja.txt, offers to pair them, ticked; imported, the
 * Japanese file is a translation of the English one and reads beside it. The sidebar says a
 * translation is one, under its original. */
static void
test_import_pairs_files_and_the_sidebar_shows_translations (Fixture       *fixture,
                                                            gconstpointer  data)
{
  g_autofree char *english = g_build_filename (fixture->dir, "x.en.txt", NULL);
  g_autofree char *japanese = g_build_filename (fixture->dir, "x.ja.txt", NULL);
  g_autofree char *alone = g_build_filename (fixture->dir, "note.txt", NULL);
  const char *paths[] = { japanese, english, NULL };
  const char *single[] = { alone, NULL };
  g_autoptr(ShirabeNarrative) translation = NULL;
  AdwMessageDialog *dialog;
  AdwMessageDialog *result = NULL;
  GtkWidget *box, *pair;
  gint64 english_id = 0, japanese_id = 0;
  gint64 deadline;

  g_assert_true (g_file_set_contents (english, "She was recruited.\n\nShe ran away.\n", -1,
                                      NULL));
  g_assert_true (g_file_set_contents (japanese, "勧誘された。\n\n逃げた。\n", -1, NULL));
  g_assert_true (g_file_set_contents (alone, "A note.\n", -1, NULL));

  /* One file alone: nothing to pair, not ticked. */
  dialog = shirabe_import_ask (fixture->window, single);
  box = adw_message_dialog_get_extra_child (dialog);
  pair = gtk_widget_get_last_child (box);
  g_assert_true (GTK_IS_CHECK_BUTTON (pair));
  g_assert_false (gtk_check_button_get_active (GTK_CHECK_BUTTON (pair)));
  gtk_window_destroy (GTK_WINDOW (dialog));

  dialog = shirabe_import_ask (fixture->window, paths);
  box = adw_message_dialog_get_extra_child (dialog);
  pair = gtk_widget_get_last_child (box);
  g_assert_cmpstr (gtk_check_button_get_label (GTK_CHECK_BUTTON (pair)), ==,
                   "_Pair translations by file name");
  g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (pair)));
  adw_message_dialog_response (dialog, "import");
  gtk_window_destroy (GTK_WINDOW (dialog));
  deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
  while ((result = find_result_dialog ()) == NULL && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_nonnull (result);
  gtk_window_destroy (GTK_WINDOW (result));
  wait_until_idle ();

  english_id = shirabe_project_find_narrative (fixture->project, "x.en", NULL);
  japanese_id = shirabe_project_find_narrative (fixture->project, "x.ja", NULL);
  g_assert_cmpint (english_id, >, 0);
  translation = shirabe_project_get_narrative (fixture->project, japanese_id, NULL);
  g_assert_cmpint (translation->translation_of, ==, english_id);
  g_assert_cmpstr (translation->language, ==, "ja");
  g_assert_cmpstr (translation->case_name, ==, "x");

  show_side_by_side (fixture, japanese_id);
  g_assert_cmpuint (shirabe_parallel_view_get_n_pairs (fixture->view), ==, 2);

  /* The sample's embassy record, then its translation under it. */
  g_assert_true (has_label (GTK_WIDGET (shirabe_window_get_sidebar (fixture->window)),
                            "Japanese · translation"));
  g_assert_true (has_label (GTK_WIDGET (shirabe_window_get_sidebar (fixture->window)),
                            "English"));
}

int
main (int    argc,
      char **argv)
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/app/side-by-side/the-embassy-record-reads-beside-its-translation",
       test_the_embassy_record_reads_beside_its_translation);
  ADD ("/app/side-by-side/the-cursor-marks-the-aligned-paragraph",
       test_the_cursor_marks_the_aligned_paragraph);
  ADD ("/app/side-by-side/a-coding-is-carried-to-the-translation",
       test_a_coding_is_carried_to_the_translation);
  ADD ("/app/side-by-side/pairs-are-joined-and-split", test_pairs_are_joined_and_split);
  ADD ("/app/side-by-side/import-pairs-files-and-the-sidebar-shows-translations",
       test_import_pairs_files_and_the_sidebar_shows_translations);
  ADD ("/app/side-by-side/a-narrative-without-translation-says-so",
       test_a_narrative_without_translation_says_so);
#undef ADD
  return g_test_run ();
}
