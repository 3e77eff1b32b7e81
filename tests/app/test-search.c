/* test-search.c: searching in the narrative shown
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "shirabe-i18n.h"

#include <string.h>

#include <glib/gstdio.h>

#include "shirabe.h"
#include "shirabe-reader-private.h"
#include "shirabe-window.h"
#include "app-test-util.h"

static const char japanese_text[] =
  "彼女は東京の店で働かされ、借金を返すまで帰国できないと言われた。"
  "借金は毎月増えていった。";
static const char english_text[] =
  "She was told she could not go home until the debt was paid.\n"
  "The Debt grew every month.";

typedef struct
{
  char          *dir;
  gint64         japanese_id;
  gint64         english_id;
  gint64         long_id;
  ShirabeWindow *window;
} Fixture;

static gint64
add_narrative (ShirabeProject *project,
               gint64          case_id,
               const char     *title,
               const char     *language,
               const char     *text)
{
  g_autoptr(GError) error = NULL;
  ShirabeNarrativeSpec narrative = { 0 };
  gint64 id;

  narrative.case_id = case_id;
  narrative.title = title;
  narrative.language = language;
  narrative.kind = "interview";
  narrative.text = text;
  id = shirabe_project_add_narrative (project, &narrative, &error);
  g_assert_no_error (error);
  return id;
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ShirabeProject) project = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GString) long_text = g_string_new (NULL);
  g_autofree char *path = NULL;
  gint64 case_id;

  fixture->dir = g_dir_make_tmp ("shirabe-search-test-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (fixture->dir, "study.shirabe", NULL);
  project = shirabe_project_create (path, "Study", SHIRABE_PROJECT_DEFAULT, &error);
  g_assert_no_error (error);
  case_id = shirabe_project_add_case (project, "Case A", &error);
  g_assert_no_error (error);
  fixture->japanese_id = add_narrative (project, case_id, "Interview", "ja", japanese_text);
  fixture->english_id = add_narrative (project, case_id, "Report", "en", english_text);
  for (guint i = 0; i < SHIRABE_NARRATIVE_SEARCH_MAX_MATCHES + 200; i++)
    g_string_append (long_text, "The debt was paid. ");
  fixture->long_id = add_narrative (project, case_id, "Long report", "en", long_text->str);
  shirabe_project_close (project, &error);
  g_assert_no_error (error);

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

static ShirabeNarrativeSearch *
get_search (Fixture *fixture)
{
  return shirabe_reader_get_search (shirabe_window_get_reader (fixture->window));
}

static void
show (Fixture *fixture,
      gint64   narrative_id)
{
  g_assert_true (shirabe_sidebar_select_narrative (shirabe_window_get_sidebar (fixture->window),
                                                   narrative_id));
  wait_until_idle ();
  g_assert_cmpint (shirabe_reader_get_narrative_id (shirabe_window_get_reader (fixture->window)),
                   ==, narrative_id);
}

/* Ctrl+F's action, then the text typed, searched without waiting for the pause. */
static void
search_for (Fixture    *fixture,
            const char *query)
{
  ShirabeNarrativeSearch *search = get_search (fixture);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window),
                                             "win.search-narrative", NULL));
  g_assert_true (shirabe_narrative_search_get_active (search));
  gtk_editable_set_text (GTK_EDITABLE (shirabe_narrative_search_get_entry (search)), query);
  shirabe_narrative_search_update (search);
}

static const char *
count_text (Fixture *fixture)
{
  return gtk_label_get_label (shirabe_narrative_search_get_count_label (get_search (fixture)));
}

/* The character offset of the @nth (from 0) occurrence of @needle in @text. */
static gint64
offset_of (const char *text,
           const char *needle,
           guint       nth)
{
  const char *p = text;

  for (guint i = 0; i <= nth; i++)
    {
      p = strstr (i == 0 ? p : p + 1, needle);
      g_assert_nonnull (p);
    }
  return g_utf8_pointer_to_offset (text, p);
}

static void
assert_selection (Fixture *fixture,
                  gint64   start,
                  gint64   length)
{
  gint64 selection_start;
  gint64 selection_end;

  g_assert_true (shirabe_reader_get_selection (shirabe_window_get_reader (fixture->window),
                                               &selection_start, &selection_end));
  g_assert_cmpint (selection_start, ==, start);
  g_assert_cmpint (selection_end, ==, start + length);
}

static gboolean
has_match_tag (Fixture *fixture,
               gint64   offset)
{
  GtkTextBuffer *buffer = shirabe_reader_get_buffer (shirabe_window_get_reader (fixture->window));
  GtkTextTag *tag = gtk_text_tag_table_lookup (gtk_text_buffer_get_tag_table (buffer),
                                               "search-match");
  GtkTextIter iter;

  g_assert_nonnull (tag);
  gtk_text_buffer_get_iter_at_offset (buffer, &iter, (int) offset);
  return gtk_text_iter_has_tag (&iter, tag);
}

static void
test_japanese_is_found_as_written (Fixture       *fixture,
                                   gconstpointer  data)
{
  show (fixture, fixture->japanese_id);
  search_for (fixture, "借金");

  g_assert_cmpuint (shirabe_narrative_search_get_n_matches (get_search (fixture)), ==, 2);
  g_assert_cmpstr (count_text (fixture), ==, "1 of 2");
  assert_selection (fixture, offset_of (japanese_text, "借金", 0), 2);
  g_assert_true (has_match_tag (fixture, offset_of (japanese_text, "借金", 1)));
  g_assert_false (has_match_tag (fixture, 0));
}

static void
test_latin_ignores_case_and_width (Fixture       *fixture,
                                   gconstpointer  data)
{
  show (fixture, fixture->english_id);
  search_for (fixture, "DEBT");
  g_assert_cmpstr (count_text (fixture), ==, "1 of 2");
  assert_selection (fixture, offset_of (english_text, "debt", 0), 4);

  /* Full-width letters, as a Japanese input method types them, find the same words. */
  search_for (fixture, "ｄｅｂｔ");
  g_assert_cmpuint (shirabe_narrative_search_get_n_matches (get_search (fixture)), ==, 2);

  search_for (fixture, "credit");
  g_assert_cmpstr (count_text (fixture), ==, "No matches");
}

static void
test_next_and_previous_move_the_selection (Fixture       *fixture,
                                           gconstpointer  data)
{
  ShirabeNarrativeSearch *search = get_search (fixture);

  show (fixture, fixture->english_id);
  search_for (fixture, "debt");
  g_assert_cmpstr (count_text (fixture), ==, "1 of 2");

  /* The Next button's action, as Enter and Ctrl+G. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (search), "search.next", NULL));
  g_assert_cmpstr (count_text (fixture), ==, "2 of 2");
  assert_selection (fixture, offset_of (english_text, "Debt", 0), 4);

  /* Past the last match, back to the first. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (search), "search.next", NULL));
  g_assert_cmpstr (count_text (fixture), ==, "1 of 2");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (search), "search.previous", NULL));
  g_assert_cmpstr (count_text (fixture), ==, "2 of 2");

  /* Ctrl+G from the text goes through the reader. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (shirabe_window_get_reader (
                                               fixture->window)), "reader.search-next", NULL));
  g_assert_cmpstr (count_text (fixture), ==, "1 of 2");
}

static void
test_escape_hides_the_bar_and_keeps_the_match_selected (Fixture       *fixture,
                                                        gconstpointer  data)
{
  ShirabeNarrativeSearch *search = get_search (fixture);
  gint64 second = offset_of (english_text, "Debt", 0);

  show (fixture, fixture->english_id);
  search_for (fixture, "debt");
  shirabe_narrative_search_next (search);

  /* What the search entry does on Escape. */
  g_signal_emit_by_name (shirabe_narrative_search_get_entry (search), "stop-search");
  wait_until_idle ();

  g_assert_false (shirabe_narrative_search_get_active (search));
  g_assert_false (has_match_tag (fixture, second));
  assert_selection (fixture, second, 4);
}

static void
test_many_matches_stop_at_the_limit (Fixture       *fixture,
                                     gconstpointer  data)
{
  /* "1 of 1,000+", with the separator of the locale. */
  g_autofree char *expected = g_strdup_printf ("1 of %'d+",
                                               SHIRABE_NARRATIVE_SEARCH_MAX_MATCHES);

  show (fixture, fixture->long_id);
  search_for (fixture, "debt");
  g_assert_cmpuint (shirabe_narrative_search_get_n_matches (get_search (fixture)), ==,
                    SHIRABE_NARRATIVE_SEARCH_MAX_MATCHES);
  g_assert_cmpstr (count_text (fixture), ==, expected);
}

static void
test_typing_searches_after_a_pause (Fixture       *fixture,
                                    gconstpointer  data)
{
  ShirabeNarrativeSearch *search = get_search (fixture);
  gint64 deadline;

  show (fixture, fixture->english_id);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window),
                                             "win.search-narrative", NULL));
  gtk_editable_set_text (GTK_EDITABLE (shirabe_narrative_search_get_entry (search)), "debt");
  deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
  while (shirabe_narrative_search_get_n_matches (search) == 0 &&
         g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpstr (count_text (fixture), ==, "1 of 2");
}

static void
test_another_narrative_is_searched_for_the_same_words (Fixture       *fixture,
                                                       gconstpointer  data)
{
  ShirabeNarrativeSearch *search = get_search (fixture);

  show (fixture, fixture->japanese_id);
  search_for (fixture, "debt");
  g_assert_cmpstr (count_text (fixture), ==, "No matches");
  show (fixture, fixture->english_id);
  g_assert_true (shirabe_narrative_search_get_active (search));
  g_assert_cmpstr (count_text (fixture), ==, "1 of 2");
  g_assert_true (has_match_tag (fixture, offset_of (english_text, "Debt", 0)));
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

#define ADD(name, func) \
  g_test_add (name, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/app/search/japanese-is-found-as-written", test_japanese_is_found_as_written);
  ADD ("/app/search/latin-ignores-case-and-width", test_latin_ignores_case_and_width);
  ADD ("/app/search/next-and-previous-move-the-selection",
       test_next_and_previous_move_the_selection);
  ADD ("/app/search/escape-hides-the-bar-and-keeps-the-match-selected",
       test_escape_hides_the_bar_and_keeps_the_match_selected);
  ADD ("/app/search/many-matches-stop-at-the-limit", test_many_matches_stop_at_the_limit);
  ADD ("/app/search/typing-searches-after-a-pause", test_typing_searches_after_a_pause);
  ADD ("/app/search/another-narrative-is-searched-for-the-same-words",
       test_another_narrative_is_searched_for_the_same_words);
#undef ADD

  return g_test_run ();
}
