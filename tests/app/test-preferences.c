/* test-preferences.c: the coder's name, the reader's text size, the keyboard shortcuts window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "shirabe-i18n.h"

#include <string.h>

#include <glib/gstdio.h>

#include "shirabe.h"
#include "shirabe-preferences.h"
#include "shirabe-codebook.h"
#include "shirabe-attributes-view.h"
#include "shirabe-reader-private.h"
#include "shirabe-window.h"
#include "app-test-util.h"

static const char narrative_text[] = "彼女は借金を返すまで帰国できないと言われた。";

typedef struct
{
  char          *dir;
  GSettings     *settings;
  gint64         code_id;
  ShirabeWindow *window;
} Fixture;

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ShirabeProject) project = NULL;
  g_autofree char *path = NULL;
  ShirabeNarrativeSpec narrative = { 0 };
  ShirabeCodeSpec code = { 0 };

  /* The memory backend outlives a test; each starts from the defaults. */
  fixture->settings = shirabe_settings_new ();
  g_assert_nonnull (fixture->settings);
  g_settings_reset (fixture->settings, "current-coder");
  g_settings_reset (fixture->settings, "reader-font-size");
  g_settings_reset (fixture->settings, "label-language");
  g_settings_reset (fixture->settings, "codebook-height");
  g_settings_reset (fixture->settings, "case-height");
  g_settings_reset (fixture->settings, "sidebar-width");

  fixture->dir = g_dir_make_tmp ("shirabe-preferences-test-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (fixture->dir, "study.shirabe", NULL);
  project = shirabe_project_create (path, "Study", SHIRABE_PROJECT_DEFAULT, &error);
  g_assert_no_error (error);
  narrative.case_id = shirabe_project_add_case (project, "Case A", &error);
  g_assert_no_error (error);
  narrative.title = "Interview 1";
  narrative.language = "ja";
  narrative.text = narrative_text;
  shirabe_project_add_narrative (project, &narrative, &error);
  g_assert_no_error (error);
  code.label_en = "Debt bondage";
  code.label_ja = "借金による拘束";
  code.var_name = "debt_bondage";
  code.color = "#E01B24";
  fixture->code_id = shirabe_project_add_code (project, &code, &error);
  g_assert_no_error (error);

  fixture->window = g_object_ref_sink (shirabe_window_new (NULL));
  shirabe_window_set_project (fixture->window, project);
  gtk_window_present (GTK_WINDOW (fixture->window));
  wait_until_idle ();
  g_assert_cmpint (shirabe_reader_get_narrative_id (shirabe_window_get_reader (fixture->window)),
                   !=, 0);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  shirabe_project_close (shirabe_window_get_project (fixture->window), &error);
  g_assert_no_error (error);
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  g_clear_object (&fixture->window);
  g_settings_reset (fixture->settings, "current-coder");
  g_settings_reset (fixture->settings, "reader-font-size");
  g_settings_reset (fixture->settings, "label-language");
  g_settings_reset (fixture->settings, "codebook-height");
  g_settings_reset (fixture->settings, "case-height");
  g_settings_reset (fixture->settings, "sidebar-width");
  g_clear_object (&fixture->settings);
  wait_until_idle ();
  rm_rf (fixture->dir);
  g_free (fixture->dir);
}

/* Selects [@start, @end) in the reader and applies the code, as 1 or a double-click does. */
static void
code_passage (Fixture *fixture,
              int      start,
              int      end)
{
  GtkTextBuffer *buffer = shirabe_reader_get_buffer (shirabe_window_get_reader (fixture->window));
  GtkTextIter start_iter;
  GtkTextIter end_iter;

  gtk_text_buffer_get_iter_at_offset (buffer, &start_iter, start);
  gtk_text_buffer_get_iter_at_offset (buffer, &end_iter, end);
  gtk_text_buffer_select_range (buffer, &start_iter, &end_iter);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.apply-code",
                                             "x", fixture->code_id));
  wait_until_idle ();
}

static GPtrArray *
list_codings (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *codings;

  codings = shirabe_project_list_codings (shirabe_window_get_project (fixture->window), 0,
                                          &error);
  g_assert_no_error (error);
  return codings;
}

static AdwMessageDialog *
find_message_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return ADW_MESSAGE_DIALOG (window);
    }
  return NULL;
}

static void
test_coder_name_is_saved_and_recorded (Fixture       *fixture,
                                       gconstpointer  data)
{
  ShirabePreferencesWindow *preferences;
  g_autoptr(GPtrArray) codings = NULL;
  g_autofree char *saved = NULL;

  preferences = shirabe_preferences_window_new (GTK_WINDOW (fixture->window), fixture->settings);
  gtk_window_present (GTK_WINDOW (preferences));
  wait_until_idle ();
  gtk_editable_set_text (shirabe_preferences_window_get_coder_editable (preferences),
                         "佐藤 真理子");
  gtk_window_destroy (GTK_WINDOW (preferences));
  wait_until_idle ();

  saved = g_settings_get_string (fixture->settings, "current-coder");
  g_assert_cmpstr (saved, ==, "佐藤 真理子");

  /* The setting comes before SHIRABE_CODER, and no question is asked. */
  code_passage (fixture, 3, 5);
  g_assert_null (find_message_dialog ());
  codings = list_codings (fixture);
  g_assert_cmpuint (codings->len, ==, 1);
  g_assert_cmpstr (((ShirabeCoding *) codings->pdata[0])->coder_name, ==, "佐藤 真理子");
}

static void
test_first_coding_asks_who_is_coding (Fixture       *fixture,
                                      gconstpointer  data)
{
  g_autofree char *env_coder = g_strdup (g_getenv ("SHIRABE_CODER"));
  g_autoptr(GPtrArray) codings = NULL;
  g_autoptr(GPtrArray) later = NULL;
  g_autofree char *saved = NULL;
  AdwMessageDialog *dialog;
  GtkEditable *entry;

  g_unsetenv ("SHIRABE_CODER");

  code_passage (fixture, 3, 5);
  dialog = find_message_dialog ();
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Who Is Coding?");
  /* Nothing is coded until the question is answered. */
  codings = list_codings (fixture);
  g_assert_cmpuint (codings->len, ==, 0);
  g_clear_pointer (&codings, g_ptr_array_unref);

  /* The entry proposes the account's name; the coder types their own. */
  entry = GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog));
  g_assert_cmpstr (gtk_editable_get_text (entry), !=, "");
  gtk_editable_set_text (entry, "Ken Tanaka");
  /* As the button does: the response, then the dialog closes. */
  adw_message_dialog_response (dialog, "save");
  gtk_window_destroy (GTK_WINDOW (dialog));
  wait_until_idle ();

  saved = g_settings_get_string (fixture->settings, "current-coder");
  g_assert_cmpstr (saved, ==, "Ken Tanaka");
  codings = list_codings (fixture);
  g_assert_cmpuint (codings->len, ==, 1);
  g_assert_cmpstr (((ShirabeCoding *) codings->pdata[0])->coder_name, ==, "Ken Tanaka");

  /* Asked once: the next coding goes straight in. */
  code_passage (fixture, 8, 12);
  g_assert_null (find_message_dialog ());
  later = list_codings (fixture);
  g_assert_cmpuint (later->len, ==, 2);

  if (env_coder != NULL)
    g_setenv ("SHIRABE_CODER", env_coder, TRUE);
}

static gboolean
count_frame (GtkWidget     *widget,
             GdkFrameClock *clock,
             gpointer       user_data)
{
  guint *n_frames = user_data;

  return ++*n_frames < 2 ? G_SOURCE_CONTINUE : G_SOURCE_REMOVE;
}

/* A new style shows from the frame after it was set: styles are updated in a frame's layout
 * phase, after its tick callbacks. */
static void
wait_two_frames (GtkWidget *widget)
{
  guint n_frames = 0;

  gtk_widget_add_tick_callback (widget, count_frame, &n_frames, NULL);
  while (n_frames < 2)
    g_main_context_iteration (NULL, TRUE);
}

static int
reader_font_size (Fixture *fixture)
{
  ShirabeReader *reader = shirabe_window_get_reader (fixture->window);
  GtkWidget *view = GTK_WIDGET (shirabe_reader_get_coding_view (reader));
  PangoContext *context;

  wait_two_frames (view);
  context = gtk_widget_get_pango_context (view);

  return pango_font_description_get_size (pango_context_get_font_description (context));
}

static void
test_font_size_applies_to_reader (Fixture       *fixture,
                                  gconstpointer  data)
{
  ShirabePreferencesWindow *preferences;
  int size_10;
  int size_20;

  g_settings_set_int (fixture->settings, "reader-font-size", 10);
  wait_until_idle ();
  size_10 = reader_font_size (fixture);
  g_assert_cmpint (size_10, >, 0);

  /* Live, from the preferences window's spin button. */
  preferences = shirabe_preferences_window_new (GTK_WINDOW (fixture->window), fixture->settings);
  gtk_window_present (GTK_WINDOW (preferences));
  g_assert_cmpfloat (gtk_spin_button_get_value (
                       shirabe_preferences_window_get_font_size_button (preferences)), ==, 10);
  gtk_spin_button_set_value (shirabe_preferences_window_get_font_size_button (preferences), 20);
  wait_until_idle ();
  g_assert_cmpint (g_settings_get_int (fixture->settings, "reader-font-size"), ==, 20);
  size_20 = reader_font_size (fixture);
  g_assert_cmpint (ABS (size_20 - 2 * size_10), <=, PANGO_SCALE);
  gtk_window_destroy (GTK_WINDOW (preferences));
}

/* How many backups are kept is a preference, which the core (for the app and the command line
 * alike) takes from the settings. */
static void
test_backups_kept_are_a_preference (Fixture       *fixture,
                                    gconstpointer  data)
{
  ShirabePreferencesWindow *preferences;
  ShirabeBackupPolicy saved;
  ShirabeBackupPolicy policy;

  shirabe_backup_get_policy (&saved);
  shirabe_backup_load_settings ();
  shirabe_backup_get_policy (&policy);
  g_assert_cmpuint (policy.keep_daily, ==, SHIRABE_BACKUP_DEFAULT_KEEP_DAILY);
  g_assert_cmpuint (policy.keep_risky, ==, SHIRABE_BACKUP_DEFAULT_KEEP_RISKY);
  g_assert_cmpuint (policy.max_total_bytes, ==, SHIRABE_BACKUP_DEFAULT_MAX_BYTES);

  preferences = shirabe_preferences_window_new (GTK_WINDOW (fixture->window), fixture->settings);
  gtk_window_present (GTK_WINDOW (preferences));
  g_assert_cmpfloat (gtk_spin_button_get_value (
                       shirabe_preferences_window_get_keep_daily_button (preferences)), ==, 7);
  gtk_spin_button_set_value (shirabe_preferences_window_get_keep_daily_button (preferences), 30);
  g_settings_set_double (fixture->settings, "backup-max-gigabytes", 0.5);
  wait_until_idle ();
  g_assert_cmpuint (g_settings_get_uint (fixture->settings, "backup-keep-daily"), ==, 30);

  shirabe_backup_load_settings ();
  shirabe_backup_get_policy (&policy);
  g_assert_cmpuint (policy.keep_daily, ==, 30);
  g_assert_cmpuint (policy.keep_risky, ==, SHIRABE_BACKUP_DEFAULT_KEEP_RISKY);
  g_assert_cmpuint (policy.max_total_bytes, ==, 500000000);

  gtk_window_destroy (GTK_WINDOW (preferences));
  g_settings_reset (fixture->settings, "backup-keep-daily");
  g_settings_reset (fixture->settings, "backup-max-gigabytes");
  shirabe_backup_set_policy (&saved);
}

static char *
window_label_language (Fixture *fixture)
{
  char *nick = NULL;

  g_object_get (fixture->window, "label-language", &nick, NULL);
  return nick;
}

/* The label language is in Preferences as well as the main menu, and the two always agree:
 * both edit the one settings key. */
static void
test_label_language_is_in_preferences_and_agrees_with_the_menu (Fixture       *fixture,
                                                                gconstpointer  data)
{
  ShirabePreferencesWindow *preferences;
  AdwComboRow *row;
  char *nick;

  /* Unset, both follow the interface's language (English in this test). */
  preferences = shirabe_preferences_window_new (GTK_WINDOW (fixture->window), fixture->settings);
  gtk_window_present (GTK_WINDOW (preferences));
  wait_until_idle ();
  row = shirabe_preferences_window_get_label_language_row (preferences);
  g_assert_cmpuint (adw_combo_row_get_selected (row), ==, 1);
  /* The choice reads whole beside its subtitle, not "Engl…". */
  wait_for_frame (GTK_WIDGET (preferences));
  g_assert_nonnull (find_label (GTK_WIDGET (row), "English"));
  g_assert_false (pango_layout_is_ellipsized (
    gtk_label_get_layout (GTK_LABEL (find_label (GTK_WIDGET (row), "English")))));
  nick = window_label_language (fixture);
  g_assert_cmpstr (nick, ==, "en");
  g_free (nick);

  /* Japanese chosen in Preferences: the menu's radio item and the codebook follow. */
  adw_combo_row_set_selected (row, 0);
  wait_until_idle ();
  nick = window_label_language (fixture);
  g_assert_cmpstr (nick, ==, "ja");
  g_free (nick);
  nick = g_settings_get_string (fixture->settings, "label-language");
  g_assert_cmpstr (nick, ==, "ja");
  g_free (nick);

  /* Both chosen from the menu: Preferences shows it. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.label-language",
                                             "s", "both"));
  wait_until_idle ();
  g_assert_cmpuint (adw_combo_row_get_selected (row), ==, 2);
  gtk_window_destroy (GTK_WINDOW (preferences));

  /* A new Preferences window opens on the same choice. */
  preferences = shirabe_preferences_window_new (GTK_WINDOW (fixture->window), fixture->settings);
  g_assert_cmpuint (adw_combo_row_get_selected (
                      shirabe_preferences_window_get_label_language_row (preferences)), ==, 2);
  gtk_window_destroy (GTK_WINDOW (preferences));
}

static gboolean
has_shortcut (GtkWidget  *widget,
              const char *accelerator)
{
  if (GTK_IS_SHORTCUTS_SHORTCUT (widget))
    {
      g_autofree char *value = NULL;

      g_object_get (widget, "accelerator", &value, NULL);
      if (g_strcmp0 (value, accelerator) == 0)
        return TRUE;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (has_shortcut (child, accelerator))
      return TRUE;
  return FALSE;
}

static void
test_shortcuts_window_lists_the_keys (void)
{
  static const char * const keys[] = {
    "<Primary>z", "<Primary><Shift>z", "1...9", "<Primary><Shift>e", "<Primary>comma",
    "<Primary>f", "F2", "<Alt>Return", "Menu", "<Primary>Return",
  };
  g_autoptr(GtkBuilder) builder = NULL;
  GtkWidget *window;

  /* GtkApplication finds it there and gives every window win.show-help-overlay. */
  builder = gtk_builder_new_from_resource ("/io/github/shirabe/Shirabe/gtk/help-overlay.ui");
  window = GTK_WIDGET (gtk_builder_get_object (builder, "help_overlay"));
  g_assert_true (GTK_IS_SHORTCUTS_WINDOW (window));
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      g_test_message ("%s", keys[i]);
      g_assert_true (has_shortcut (window, keys[i]));
    }
  gtk_window_destroy (GTK_WINDOW (window));
}

/* At 1280×800 the codebook has most of the right column; the handles between the codebook, the
 * case and the memo (and the narratives) are visible, and stay where the user leaves them, in
 * the next window too (issue 10, bug 9). */
static void
test_panes_give_the_codebook_room_and_are_kept (Fixture       *fixture,
                                                gconstpointer  data)
{
  GtkWidget *codebook = find_widget (GTK_WIDGET (fixture->window), SHIRABE_TYPE_CODEBOOK);
  GtkWidget *memo = find_widget (GTK_WIDGET (fixture->window), SHIRABE_TYPE_ATTRIBUTES_VIEW);
  GtkPaned *side = GTK_PANED (gtk_widget_get_ancestor (codebook, GTK_TYPE_PANED));
  GtkPaned *case_memo = shirabe_attributes_view_get_paned (SHIRABE_ATTRIBUTES_VIEW (memo));
  ShirabeWindow *second;

  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (fixture->window)), >=, 1260);
  g_assert_cmpint (gtk_widget_get_height (GTK_WIDGET (fixture->window)), >=, 780);
  g_assert_true (gtk_paned_get_wide_handle (side));
  g_assert_true (gtk_paned_get_wide_handle (case_memo));
  g_assert_cmpint (gtk_widget_get_height (codebook), >=,
                   gtk_widget_get_height (GTK_WIDGET (side)) * 65 / 100);
  g_assert_cmpint (gtk_widget_get_height (memo), >, 0);

  /* Moved, and kept. */
  gtk_paned_set_position (side, 420);
  gtk_paned_set_position (case_memo, 90);
  wait_until_idle ();
  g_assert_cmpint (g_settings_get_int (fixture->settings, "codebook-height"), ==, 420);
  g_assert_cmpint (g_settings_get_int (fixture->settings, "case-height"), ==, 90);
  second = g_object_ref_sink (shirabe_window_new (NULL));
  codebook = find_widget (GTK_WIDGET (second), SHIRABE_TYPE_CODEBOOK);
  memo = find_widget (GTK_WIDGET (second), SHIRABE_TYPE_ATTRIBUTES_VIEW);
  g_assert_cmpint (gtk_paned_get_position (GTK_PANED (gtk_widget_get_ancestor (codebook,
                                                                              GTK_TYPE_PANED))),
                   ==, 420);
  g_assert_cmpint (gtk_paned_get_position (shirabe_attributes_view_get_paned (
                     SHIRABE_ATTRIBUTES_VIEW (memo))), ==, 90);
  gtk_window_destroy (GTK_WINDOW (second));
  g_object_unref (second);
}

static gboolean
has_mapped_switcher (GtkWidget *widget)
{
  if (GTK_IS_STACK_SWITCHER (widget) && gtk_widget_get_mapped (widget))
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (has_mapped_switcher (child))
      return TRUE;
  return FALSE;
}

/* Shown over the window, at its size, the shortcuts window prints no GTK warning (the display
 * suites run with G_DEBUG=fatal-warnings, so one would end the test): it once printed
 * "GtkLabel reported min width -3" for the switcher of a second page (issue 10, bug 17). */
static void
test_shortcuts_window_shows_without_a_warning (Fixture       *fixture,
                                               gconstpointer  data)
{
  g_autoptr(GtkBuilder) builder = NULL;
  GtkWidget *window;

  builder = gtk_builder_new_from_resource ("/io/github/shirabe/Shirabe/gtk/help-overlay.ui");
  window = GTK_WIDGET (gtk_builder_get_object (builder, "help_overlay"));
  gtk_window_set_transient_for (GTK_WINDOW (window), GTK_WINDOW (fixture->window));
  gtk_window_present (GTK_WINDOW (window));
  wait_until_idle ();
  g_assert_true (gtk_widget_get_mapped (window));
  /* Every shortcut on one page: no page switcher to find. */
  g_assert_false (has_mapped_switcher (window));
  /* It fits the 1280×800 screen the app is made for. */
  g_assert_cmpint (gtk_widget_get_width (window), <=, 1280);
  g_assert_cmpint (gtk_widget_get_height (window), <=, 800);
  /* The codes' section, likewise. */
  g_object_set (window, "section-name", "codes", NULL);
  wait_until_idle ();
  g_assert_false (has_mapped_switcher (window));
  g_assert_cmpint (gtk_widget_get_height (window), <=, 800);
  gtk_window_destroy (GTK_WINDOW (window));
  wait_until_idle ();
}

int
main (int    argc,
      char **argv)
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/app/preferences/coder-name-is-saved-and-recorded",
       test_coder_name_is_saved_and_recorded);
  ADD ("/app/preferences/first-coding-asks-who-is-coding", test_first_coding_asks_who_is_coding);
  ADD ("/app/preferences/font-size-applies-to-reader", test_font_size_applies_to_reader);
  ADD ("/app/preferences/backups-kept-are-a-preference", test_backups_kept_are_a_preference);
  ADD ("/app/preferences/panes-give-the-codebook-room-and-are-kept",
       test_panes_give_the_codebook_room_and_are_kept);
  ADD ("/app/preferences/shortcuts-window-shows-without-a-warning",
       test_shortcuts_window_shows_without_a_warning);
  ADD ("/app/preferences/label-language-is-in-preferences-and-agrees-with-the-menu",
       test_label_language_is_in_preferences_and_agrees_with_the_menu);
#undef ADD
  g_test_add_func ("/app/preferences/shortcuts-window-lists-the-keys",
                   test_shortcuts_window_lists_the_keys);

  return g_test_run ();
}
