/* test-japanese.c: under ja_JP.UTF-8 the app and the command line speak Japanese
 *
 * Uses the catalogue the build makes (po/ja/LC_MESSAGES/shirabe.mo under $SHIRABE_LOCALEDIR),
 * and is skipped where the ja_JP.UTF-8 locale is not generated (build-aux/install-deps
 * generates it).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "shirabe-i18n.h"

#include <locale.h>
#include <string.h>

#include <glib/gstdio.h>

#include "shirabe.h"
#include "shirabe-reader.h"
#include "shirabe-window.h"
#include "app-test-util.h"

static gboolean have_japanese;
static const char *skip_reason;

static gboolean
has_label (GtkWidget  *widget,
           const char *text)
{
  if (GTK_IS_BUTTON (widget) && gtk_button_get_label (GTK_BUTTON (widget)) != NULL)
    {
      g_autofree char *seen = dup_without_word_joiners (gtk_button_get_label (GTK_BUTTON (widget)));

      if (g_strcmp0 (seen, text) == 0)
        return TRUE;
    }
  if (GTK_IS_LABEL (widget))
    {
      g_autofree char *seen = dup_without_word_joiners (gtk_label_get_label (GTK_LABEL (widget)));

      if (g_strcmp0 (seen, text) == 0)
        return TRUE;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (has_label (child, text))
      return TRUE;
  return FALSE;
}

static void
test_the_cli_help_is_japanese (void)
{
  const char *cli = g_getenv ("SHIRABE_CLI");
  const char *argv[] = { cli, "--help", NULL };
  g_auto(GStrv) envp = g_get_environ ();
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  if (!have_japanese)
    {
      g_test_skip (skip_reason);
      return;
    }
  g_assert_nonnull (cli);
  envp = g_environ_setenv (envp, "LC_ALL", "ja_JP.UTF-8", TRUE);
  envp = g_environ_unsetenv (envp, "LANGUAGE");
  g_spawn_sync (NULL, (char **) argv, envp, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status,
                &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  /* As translated in po/ja.po: "Commands:", "Usage:". */
  g_assert_nonnull (strstr (out, "コマンド:"));
  g_assert_nonnull (strstr (out, "用法:"));
  g_assert_null (strstr (out, "Commands:"));
}

static void
test_the_welcome_page_is_japanese (void)
{
  ShirabeWindow *window;
  g_autofree char *label_language = NULL;

  if (!have_japanese)
    {
      g_test_skip (skip_reason);
      return;
    }
  window = g_object_ref_sink (shirabe_window_new (NULL));
  gtk_window_present (GTK_WINDOW (window));
  wait_until_idle ();

  g_assert_true (has_label (GTK_WIDGET (window), "新しいプロジェクト(_N)…"));
  g_assert_false (has_label (GTK_WIDGET (window), "_New Project…"));
  /* Code labels follow the interface until the user picks their language. */
  g_object_get (window, "label-language", &label_language, NULL);
  g_assert_cmpstr (label_language, ==, "ja");

  gtk_window_destroy (GTK_WINDOW (window));
  g_object_unref (window);
  wait_until_idle ();
}

/* The line under a narrative's title once said "Case A · 12 characters" under ja_JP: its
 * msgid was cut at G_GINT64_FORMAT, so no translation could ever match it. */
static void
test_the_reader_counts_characters_in_japanese (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ShirabeProject) project = NULL;
  g_autoptr(GFile) file = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  ShirabeNarrativeSpec narrative = { 0 };
  ShirabeWindow *window;

  if (!have_japanese)
    {
      g_test_skip (skip_reason);
      return;
    }
  dir = g_dir_make_tmp ("shirabe-japanese-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (dir, "study.shirabe", NULL);
  project = shirabe_project_create (path, "Study", SHIRABE_PROJECT_DEFAULT, &error);
  g_assert_no_error (error);
  narrative.case_id = shirabe_project_add_case (project, "事例 A", &error);
  g_assert_no_error (error);
  narrative.title = "聞き取り 1";
  narrative.language = "ja";
  narrative.kind = "interview";
  narrative.text = "借金を返すまで帰国できない。";  /* 14 characters */
  shirabe_project_add_narrative (project, &narrative, &error);
  g_assert_no_error (error);
  shirabe_project_close (project, &error);
  g_assert_no_error (error);

  window = g_object_ref_sink (shirabe_window_new (NULL));
  file = g_file_new_for_path (path);
  shirabe_window_open_file (window, file, &error);
  g_assert_no_error (error);
  gtk_window_present (GTK_WINDOW (window));
  wait_until_idle ();

  /* As translated in po/ja.po: "%s · %<PRId64> characters". */
  g_assert_true (has_label (GTK_WIDGET (window), "事例 A · 14 文字"));
  g_assert_false (has_label (GTK_WIDGET (window), "事例 A · 14 characters"));

  gtk_window_destroy (GTK_WINDOW (window));
  g_object_unref (window);
  wait_until_idle ();
  rm_rf (dir);
}

/* The header says what undo would revert, naming the code by its Japanese label. */
static void
test_the_header_names_the_undo_in_japanese (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ShirabeProject) project = NULL;
  g_autoptr(GFile) file = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  ShirabeNarrativeSpec narrative = { 0 };
  ShirabeCodeSpec code = { .label_en = "Debt bondage", .label_ja = "借金による拘束" };
  GtkTextBuffer *buffer;
  GtkTextIter start;
  GtkTextIter end;
  AdwWindowTitle *title;
  ShirabeWindow *window;
  char *subtitle;
  gint64 code_id;

  if (!have_japanese)
    {
      g_test_skip (skip_reason);
      return;
    }
  dir = g_dir_make_tmp ("shirabe-japanese-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (dir, "study.shirabe", NULL);
  project = shirabe_project_create (path, "Study", SHIRABE_PROJECT_DEFAULT, &error);
  g_assert_no_error (error);
  narrative.case_id = shirabe_project_add_case (project, "事例 A", &error);
  g_assert_no_error (error);
  narrative.title = "聞き取り 1";
  narrative.language = "ja";
  narrative.text = "借金を返すまで帰国できない。";
  shirabe_project_add_narrative (project, &narrative, &error);
  g_assert_no_error (error);
  code_id = shirabe_project_add_code (project, &code, &error);
  g_assert_no_error (error);
  shirabe_project_close (project, &error);
  g_assert_no_error (error);

  window = g_object_ref_sink (shirabe_window_new (NULL));
  file = g_file_new_for_path (path);
  shirabe_window_open_file (window, file, &error);
  g_assert_no_error (error);
  gtk_window_present (GTK_WINDOW (window));
  wait_until_idle ();
  title = ADW_WINDOW_TITLE (find_widget (GTK_WIDGET (window), ADW_TYPE_WINDOW_TITLE));
  subtitle = dup_without_word_joiners (adw_window_title_get_subtitle (title));
  g_assert_cmpstr (subtitle, ==, "保存済み");
  g_free (subtitle);

  buffer = shirabe_reader_get_buffer (shirabe_window_get_reader (window));
  gtk_text_buffer_get_iter_at_offset (buffer, &start, 0);
  gtk_text_buffer_get_iter_at_offset (buffer, &end, 2);
  gtk_text_buffer_select_range (buffer, &start, &end);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.apply-code", "x",
                                             code_id));
  wait_until_idle ();
  subtitle = dup_without_word_joiners (adw_window_title_get_subtitle (title));
  g_assert_cmpstr (subtitle, ==, "保存済み · 元に戻す: コード「借金による拘束」を適用");
  g_free (subtitle);

  gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL);
  wait_until_idle ();
  subtitle = dup_without_word_joiners (adw_window_title_get_subtitle (title));
  g_assert_cmpstr (subtitle, ==, "保存済み");
  g_free (subtitle);

  gtk_window_destroy (GTK_WINDOW (window));
  g_object_unref (window);
  wait_until_idle ();
  rm_rf (dir);
}

typedef enum { OTHER, HIRAGANA, KATAKANA, KANJI } Script;

static Script
script_of (gunichar c)
{
  if (c >= 0x3041 && c <= 0x309F)
    return HIRAGANA;
  if ((c >= 0x30A0 && c <= 0x30FF) || (c >= 0x31F0 && c <= 0x31FF))
    return KATAKANA;
  if ((c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) || c == 0x3005)
    return KANJI;
  return OTHER;
}

/* Each wrapped line of the labels under @widget (not the rows' subtitles, which quote the
 * core's messages) starts between two phrases: never between two letters of one (a run of
 * kanji or katakana and the hiragana after it). Returns how many lines were looked at. */
static guint
assert_lines_break_between_phrases (GtkWidget *widget)
{
  guint n_lines = 0;

  if (!gtk_widget_get_mapped (widget) || ADW_IS_ACTION_ROW (widget))
    return 0;
  if (GTK_IS_LABEL (widget) && gtk_label_get_wrap (GTK_LABEL (widget)))
    {
      PangoLayout *layout = gtk_label_get_layout (GTK_LABEL (widget));
      const char *text = pango_layout_get_text (layout);
      GSList *lines = pango_layout_get_lines_readonly (layout);

      for (GSList *l = lines != NULL ? lines->next : NULL; l != NULL; l = l->next)
        {
          const char *at = text + ((PangoLayoutLine *) l->data)->start_index;
          const char *before = g_utf8_find_prev_char (text, at);
          Script prev, next;

          n_lines++;
          while (before != NULL && g_utf8_get_char (before) == 0x2060)
            before = g_utf8_find_prev_char (text, before);
          while (g_utf8_get_char (at) == 0x2060)
            at = g_utf8_next_char (at);
          if (before == NULL || *at == '\0')
            continue;
          prev = script_of (g_utf8_get_char (before));
          next = script_of (g_utf8_get_char (at));
          if (prev != OTHER && next != OTHER && !(prev == HIRAGANA && next != HIRAGANA))
            g_error ("“%s” breaks inside a word, before byte %d",
                     text, (int) (at - text));
        }
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n_lines += assert_lines_break_between_phrases (child);
  return n_lines;
}

/* Japanese headings and dialog texts break between phrases, not inside words, at the sizes the
 * dialogs open at (issue 10, bug 15): 「表示し｜ています」 and 「存在しませ｜ん」 no more. */
static void
test_japanese_lines_break_between_phrases (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ShirabeProject) project = NULL;
  g_autoptr(GFile) file = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  ShirabeNarrativeSpec narrative = { .language = "ja", .text = "借金を返すまで帰国できない。" };
  static const char *const actions[] = { "win.narrative-details", "win.delete-case",
                                         "win.merge-case", "win.new-case", "win.move-narrative",
                                         "win.rename-narrative", "win.rename-case",
                                         "win.delete-narrative", "win.export" };
  ShirabeWindow *window;
  guint n_lines = 0;

  if (!have_japanese)
    {
      g_test_skip (skip_reason);
      return;
    }
  dir = g_dir_make_tmp ("shirabe-japanese-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (dir, "study.shirabe", NULL);
  project = shirabe_project_create (path, "Study", SHIRABE_PROJECT_DEFAULT, &error);
  narrative.case_id = shirabe_project_add_case (project, "事例 A", &error);
  narrative.title = "聞き取り 1";
  shirabe_project_add_narrative (project, &narrative, &error);
  narrative.case_id = shirabe_project_add_case (project, "事例 B", &error);
  narrative.title = "支援団体の記録";
  shirabe_project_add_narrative (project, &narrative, &error);
  g_assert_no_error (error);
  shirabe_project_close (project, &error);
  g_assert_no_error (error);

  window = g_object_ref_sink (shirabe_window_new (NULL));
  gtk_window_present (GTK_WINDOW (window));
  wait_until_idle ();
  n_lines += assert_lines_break_between_phrases (GTK_WIDGET (window));
  file = g_file_new_for_path (path);
  shirabe_window_open_file (window, file, &error);
  g_assert_no_error (error);
  wait_until_idle ();

  /* The sidebar's dialogs, each at the size it opens at. */
  for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
    {
      GtkWidget *dialog;

      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), actions[i], NULL));
      wait_until_idle ();
      dialog = find_open_window (window);
      g_assert_nonnull (dialog);
      n_lines += assert_lines_break_between_phrases (GTK_WIDGET (dialog));
      /* Japanese mnemonics, 「削除(_D)」, are each pressed once too (issue 10, bug 14). */
      assert_unique_mnemonics (GTK_WIDGET (dialog));
      gtk_window_destroy (GTK_WINDOW (dialog));
      wait_until_idle ();
    }
  /* The new-project chooser: 「作成」 and GTK's 「キャンセル(_C)」 once shared Alt+C. */
  {
    GtkWidget *chooser;

    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.new-project", NULL));
    wait_until_idle ();
    chooser = find_open_window (window);
    g_assert_nonnull (chooser);
    assert_unique_mnemonics (chooser);
    gtk_dialog_response (GTK_DIALOG (chooser), GTK_RESPONSE_CANCEL);
    wait_until_idle ();
  }

  /* Wrapped lines were there to look at. */
  g_assert_cmpuint (n_lines, >, 0);

  /* The shortcuts window in Japanese: no GTK warning (fatal here), each section on one page
   * that fits the screen. */
  {
    g_autoptr(GtkBuilder) builder =
      gtk_builder_new_from_resource ("/io/github/shirabe/Shirabe/gtk/help-overlay.ui");
    GtkWidget *shortcuts = GTK_WIDGET (gtk_builder_get_object (builder, "help_overlay"));

    gtk_window_set_transient_for (GTK_WINDOW (shortcuts), GTK_WINDOW (window));
    gtk_window_present (GTK_WINDOW (shortcuts));
    wait_until_idle ();
    g_assert_cmpint (gtk_widget_get_height (shortcuts), <=, 800);
    g_object_set (shortcuts, "section-name", "codes", NULL);
    wait_until_idle ();
    g_assert_cmpint (gtk_widget_get_height (shortcuts), <=, 800);
    gtk_window_destroy (GTK_WINDOW (shortcuts));
    wait_until_idle ();
  }

  gtk_window_destroy (GTK_WINDOW (window));
  g_object_unref (window);
  wait_until_idle ();
  rm_rf (dir);
}

int
main (int   argc,
      char *argv[])
{
  const char *localedir = g_getenv ("SHIRABE_LOCALEDIR");
  g_autofree char *catalogue = NULL;

  /* Read by g_get_language_names() and gettext, before GLib caches the language. */
  g_setenv ("LC_ALL", "ja_JP.UTF-8", TRUE);
  g_unsetenv ("LANGUAGE");
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  /* gtk_test_init() puts the process in a fixed locale; the test wants Japanese. */
  catalogue = localedir != NULL ? g_build_filename (localedir, "ja", "LC_MESSAGES",
                                                    GETTEXT_PACKAGE ".mo", NULL) : NULL;
  if (setlocale (LC_ALL, "ja_JP.UTF-8") == NULL)
    skip_reason = "the ja_JP.UTF-8 locale is not generated (run build-aux/install-deps)";
  else if (catalogue == NULL || !g_file_test (catalogue, G_FILE_TEST_IS_REGULAR))
    skip_reason = "the Japanese catalogue is not built";
  else
    {
      have_japanese = TRUE;
      bindtextdomain (GETTEXT_PACKAGE, localedir);
      bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
      textdomain (GETTEXT_PACKAGE);
    }

  g_test_add_func ("/app/japanese/the-command-line-help-is-japanese",
                   test_the_cli_help_is_japanese);
  g_test_add_func ("/app/japanese/the-welcome-page-is-japanese",
                   test_the_welcome_page_is_japanese);
  g_test_add_func ("/app/japanese/the-reader-counts-characters-in-japanese",
                   test_the_reader_counts_characters_in_japanese);
  g_test_add_func ("/app/japanese/lines-break-between-phrases",
                   test_japanese_lines_break_between_phrases);
  g_test_add_func ("/app/japanese/the-header-names-the-undo-in-japanese",
                   test_the_header_names_the_undo_in_japanese);
  return g_test_run ();
}
