/* test-reader.c: reading a narrative and coding it in the window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "shirabe-i18n.h"

#include <string.h>

#include <glib/gstdio.h>

#include "shirabe.h"
#include "shirabe-window.h"
#include "app-test-util.h"

static const char narrative_text[] =
  "彼女は東京の店で働かされ、借金を返すまで帰国できないと言われた。"
  "パスポートは店長に取り上げられた。\n"
  "She was told she could not go home until the debt was paid.";
static const char coded_passage[] = "借金を返すまで帰国できない";

typedef struct
{
  char          *dir;
  gint64         narrative_id;
  gint64         code_id;
  gint64         start;
  gint64         end;
  ShirabeWindow *window;
} Fixture;

/* A project made through the core, closed, then opened by the window as a user would. */
static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ShirabeProject) project = NULL;
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;
  ShirabeNarrativeSpec narrative = { 0 };
  ShirabeCodeSpec code = { 0 };
  const char *passage;
  gint64 case_id;

  fixture->dir = g_dir_make_tmp ("shirabe-app-test-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (fixture->dir, "study.shirabe", NULL);

  project = shirabe_project_create (path, "Study", SHIRABE_PROJECT_DEFAULT, &error);
  g_assert_no_error (error);
  case_id = shirabe_project_add_case (project, "Case A", &error);
  g_assert_no_error (error);
  narrative.case_id = case_id;
  narrative.title = "Interview 1";
  narrative.language = "ja";
  narrative.kind = "interview";
  narrative.text = narrative_text;
  fixture->narrative_id = shirabe_project_add_narrative (project, &narrative, &error);
  g_assert_no_error (error);
  code.label_en = "Debt bondage";
  code.label_ja = "債務による拘束";
  code.color = "#E01B24";
  fixture->code_id = shirabe_project_add_code (project, &code, &error);
  g_assert_no_error (error);
  shirabe_project_close (project, &error);
  g_assert_no_error (error);

  passage = strstr (narrative_text, coded_passage);
  g_assert_nonnull (passage);
  fixture->start = g_utf8_pointer_to_offset (narrative_text, passage);
  fixture->end = fixture->start + g_utf8_strlen (coded_passage, -1);

  fixture->window = g_object_ref_sink (shirabe_window_new (NULL));
  file = g_file_new_for_path (path);
  shirabe_window_open_file (fixture->window, file, &error);
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

static void
select_passage (Fixture *fixture)
{
  GtkTextBuffer *buffer = shirabe_reader_get_buffer (shirabe_window_get_reader (fixture->window));
  GtkTextIter start;
  GtkTextIter end;

  gtk_text_buffer_get_iter_at_offset (buffer, &start, (int) fixture->start);
  gtk_text_buffer_get_iter_at_offset (buffer, &end, (int) fixture->end);
  gtk_text_buffer_select_range (buffer, &start, &end);
}

static guint
count_codings (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) codings = NULL;

  codings = shirabe_project_list_codings (shirabe_window_get_project (fixture->window),
                                          fixture->narrative_id, &error);
  g_assert_no_error (error);
  return codings->len;
}

/* Whether the code's band covers exactly [start, end) of the reader's text. */
static gboolean
passage_is_shaded (Fixture *fixture)
{
  ShirabeReader *reader = shirabe_window_get_reader (fixture->window);

  for (gint64 offset = fixture->start; offset < fixture->end; offset++)
    if (!shirabe_reader_code_covers (reader, fixture->code_id, offset))
      return FALSE;
  g_assert_false (shirabe_reader_code_covers (reader, fixture->code_id, fixture->start - 1));
  g_assert_false (shirabe_reader_code_covers (reader, fixture->code_id, fixture->end));
  return TRUE;
}

static void
test_opening_shows_the_narrative (Fixture       *fixture,
                                  gconstpointer  data)
{
  ShirabeReader *reader = shirabe_window_get_reader (fixture->window);
  GtkTextBuffer *buffer = shirabe_reader_get_buffer (reader);
  GtkTextTag *language_tag;
  GtkTextIter start;
  GtkTextIter end;
  g_autofree char *text = NULL;
  g_autofree char *language = NULL;

  g_assert_cmpint (shirabe_reader_get_narrative_id (reader), ==, fixture->narrative_id);
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, TRUE);
  g_assert_cmpstr (text, ==, narrative_text);

  /* Japanese glyphs need Pango to know the text is Japanese. */
  language_tag = gtk_text_tag_table_lookup (gtk_text_buffer_get_tag_table (buffer),
                                            "narrative-language");
  g_assert_nonnull (language_tag);
  g_assert_true (gtk_text_iter_has_tag (&start, language_tag));
  g_object_get (language_tag, "language", &language, NULL);
  g_assert_cmpstr (language, ==, "ja");
}

static void
test_applying_a_code_shades_the_passage (Fixture       *fixture,
                                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) codings = NULL;
  ShirabeCoding *coding;

  select_passage (fixture);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.apply-code",
                                             "x", fixture->code_id));
  wait_until_idle ();

  codings = shirabe_project_list_codings (shirabe_window_get_project (fixture->window),
                                          fixture->narrative_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (codings->len, ==, 1);
  coding = g_ptr_array_index (codings, 0);
  g_assert_cmpint (coding->code_id, ==, fixture->code_id);
  g_assert_cmpint (coding->start, ==, fixture->start);
  g_assert_cmpint (coding->end, ==, fixture->end);
  g_assert_cmpstr (coding->coder_name, ==, "Test Coder");
  g_assert_true (passage_is_shaded (fixture));
}

static void
test_undo_removes_the_coding (Fixture       *fixture,
                              gconstpointer  data)
{
  ShirabeHistory *history;

  select_passage (fixture);
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.apply-code", "x",
                              fixture->code_id);
  wait_until_idle ();
  g_assert_cmpuint (count_codings (fixture), ==, 1);

  /* A new coder and the coding are one step: one undo takes back what one click did. */
  history = shirabe_project_get_history (shirabe_window_get_project (fixture->window));
  g_assert_cmpuint (shirabe_history_get_n_undo (history), ==, 1);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.undo", NULL));
  wait_until_idle ();
  g_assert_cmpuint (count_codings (fixture), ==, 0);
  g_assert_false (passage_is_shaded (fixture));
  g_assert_false (shirabe_history_get_can_undo (history));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.redo", NULL));
  wait_until_idle ();
  g_assert_cmpuint (count_codings (fixture), ==, 1);
  g_assert_true (passage_is_shaded (fixture));
}

static void
test_undo_keeps_an_overlapping_coding_shaded (Fixture       *fixture,
                                              gconstpointer  data)
{
  ShirabeReader *reader = shirabe_window_get_reader (fixture->window);
  GtkTextBuffer *buffer = shirabe_reader_get_buffer (reader);
  GtkTextIter start;
  GtkTextIter end;

  select_passage (fixture);
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.apply-code", "x",
                              fixture->code_id);
  /* The same code again on a passage that overlaps the first and runs past it. */
  gtk_text_buffer_get_iter_at_offset (buffer, &start, (int) fixture->start + 2);
  gtk_text_buffer_get_iter_at_offset (buffer, &end, (int) fixture->end + 3);
  gtk_text_buffer_select_range (buffer, &start, &end);
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.apply-code", "x",
                              fixture->code_id);
  wait_until_idle ();
  g_assert_cmpuint (count_codings (fixture), ==, 2);

  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.undo", NULL);
  wait_until_idle ();
  g_assert_cmpuint (count_codings (fixture), ==, 1);
  g_assert_true (passage_is_shaded (fixture));
  g_assert_false (shirabe_reader_code_covers (reader, fixture->code_id, fixture->end + 1));
}

static void
test_quick_key_applies_the_first_code (Fixture       *fixture,
                                       gconstpointer  data)
{
  select_passage (fixture);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window),
                                             "win.apply-quick-code", "u", 1));
  wait_until_idle ();
  g_assert_cmpuint (count_codings (fixture), ==, 1);
  g_assert_true (passage_is_shaded (fixture));
}

static void
test_nothing_is_coded_without_a_selection (Fixture       *fixture,
                                           gconstpointer  data)
{
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.apply-code", "x",
                              fixture->code_id);
  wait_until_idle ();
  g_assert_cmpuint (count_codings (fixture), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

#define ADD(name, func) \
  g_test_add (name, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/app/reader/opening-a-project-shows-its-first-narrative-in-japanese",
       test_opening_shows_the_narrative);
  ADD ("/app/reader/applying-a-code-shades-the-passage", test_applying_a_code_shades_the_passage);
  ADD ("/app/reader/undo-removes-the-coding", test_undo_removes_the_coding);
  ADD ("/app/reader/undo-keeps-an-overlapping-coding-shaded",
       test_undo_keeps_an_overlapping_coding_shaded);
  ADD ("/app/reader/number-key-applies-the-first-code", test_quick_key_applies_the_first_code);
  ADD ("/app/reader/nothing-is-coded-without-a-selection",
       test_nothing_is_coded_without_a_selection);
#undef ADD

  return g_test_run ();
}
