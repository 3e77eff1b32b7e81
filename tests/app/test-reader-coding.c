/* test-reader-coding.c: coding in the reader: the code picker, overlaps, the coding menu
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "shirabe-i18n.h"

#include <string.h>

#include <glib/gstdio.h>

#include "shirabe.h"
#include "shirabe-apply-code.h"
#include "shirabe-code-editor.h"
#include "shirabe-code-item.h"
#include "shirabe-code-picker.h"
#include "shirabe-codebook.h"
#include "shirabe-coding-gutter-private.h"
#include "shirabe-reader-private.h"
#include "shirabe-window.h"
#include "app-test-util.h"

static const char narrative_text[] =
  "彼女は東京の店で働かされ、借金を返すまで帰国できないと言われた。"
  "パスポートは店長に取り上げられた。\n"
  "She was told she could not go home until the debt was paid.";
static const char debt_passage[] = "借金を返すまで帰国できない";
static const char passport_passage[] = "帰国できないと言われた。パスポート";

typedef struct
{
  char          *dir;
  gint64         narrative_id;
  gint64         debt_id;
  gint64         passport_id;
  gint64         deception_id;
  gint64         category_id;
  ShirabeWindow *window;
  ShirabeReader *reader;
} Fixture;

static gint64
add_code (ShirabeProject *project,
          const char     *label_en,
          const char     *label_ja,
          const char     *var_name,
          const char     *color,
          gboolean        codable)
{
  g_autoptr(GError) error = NULL;
  ShirabeCodeSpec code = { 0 };
  gint64 id;

  code.label_en = label_en;
  code.label_ja = label_ja;
  code.var_name = var_name;
  code.color = color;
  code.not_codable = !codable;
  id = shirabe_project_add_code (project, &code, &error);
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
  g_autofree char *path = NULL;
  ShirabeNarrativeSpec narrative = { 0 };
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
  fixture->category_id = add_code (project, "Control", "支配", "control", "#3584E4", FALSE);
  fixture->debt_id = add_code (project, "Debt bondage", "借金による拘束", "debt_bondage",
                               "#E01B24", TRUE);
  fixture->passport_id = add_code (project, "Passport confiscated", "旅券の取り上げ",
                                   "passport_taken", "#33D17A", TRUE);
  fixture->deception_id = add_code (project, "Deception", "欺罔", "deception", "#F6D32D", TRUE);
  shirabe_project_close (project, &error);
  g_assert_no_error (error);

  fixture->window = g_object_ref_sink (shirabe_window_new (NULL));
  file = g_file_new_for_path (path);
  shirabe_window_open_file (fixture->window, file, &error);
  g_assert_no_error (error);
  fixture->reader = shirabe_window_get_reader (fixture->window);
  gtk_window_present (GTK_WINDOW (fixture->window));
  wait_until_idle ();
  g_assert_cmpint (shirabe_reader_get_narrative_id (fixture->reader), ==, fixture->narrative_id);
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

static ShirabeProject *
project_of (Fixture *fixture)
{
  return shirabe_window_get_project (fixture->window);
}

/* Where @passage starts in the narrative, in code points; its end through @end. */
static gint64
find_passage (const char *passage,
              gint64     *end)
{
  const char *found = strstr (narrative_text, passage);

  g_assert_nonnull (found);
  *end = g_utf8_pointer_to_offset (narrative_text, found) + g_utf8_strlen (passage, -1);
  return g_utf8_pointer_to_offset (narrative_text, found);
}

static void
select_range (Fixture *fixture,
              gint64   start,
              gint64   end)
{
  GtkTextBuffer *buffer = shirabe_reader_get_buffer (fixture->reader);
  GtkTextIter start_iter;
  GtkTextIter end_iter;

  gtk_text_buffer_get_iter_at_offset (buffer, &start_iter, (int) start);
  gtk_text_buffer_get_iter_at_offset (buffer, &end_iter, (int) end);
  gtk_text_buffer_select_range (buffer, &start_iter, &end_iter);
}

static GPtrArray *
list_codings (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *codings = shirabe_project_list_codings (project_of (fixture), fixture->narrative_id,
                                                     &error);

  g_assert_no_error (error);
  return codings;
}

/* Codes @code_id on [@start, @end) as a user does: select, open the picker, type, Enter. */
static gint64
code_with_picker (Fixture    *fixture,
                  gint64      start,
                  gint64      end,
                  const char *typed)
{
  ShirabeCodePicker *picker = shirabe_reader_get_picker (fixture->reader);
  g_autoptr(GPtrArray) codings = NULL;

  select_range (fixture, start, end);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->reader), "reader.pick-code",
                                             NULL));
  wait_until_idle ();
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (picker)));
  gtk_editable_set_text (shirabe_code_picker_get_search_entry (picker), typed);
  g_signal_emit_by_name (shirabe_code_picker_get_search_entry (picker), "activate");
  wait_until_idle ();
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (picker)));

  codings = list_codings (fixture);
  for (guint i = 0; i < codings->len; i++)
    {
      ShirabeCoding *coding = g_ptr_array_index (codings, i);

      if (coding->start == start && coding->end == end)
        return coding->id;
    }
  g_assert_not_reached ();
}

static void
test_picker_filters_in_both_languages (Fixture       *fixture,
                                       gconstpointer  data)
{
  ShirabeCodePicker *picker = shirabe_reader_get_picker (fixture->reader);
  GtkEditable *entry = shirabe_code_picker_get_search_entry (picker);
  gint64 start;
  gint64 end;

  start = find_passage (debt_passage, &end);
  select_range (fixture, start, end);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->reader), "reader.pick-code",
                                             NULL));
  wait_until_idle ();
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (picker)));
  /* Only codable codes: the category "Control" is not offered. */
  g_assert_cmpuint (shirabe_code_picker_get_n_matches (picker), ==, 3);

  gtk_editable_set_text (entry, "借金");
  g_assert_cmpuint (shirabe_code_picker_get_n_matches (picker), ==, 1);
  g_assert_cmpint (shirabe_code_picker_get_match (picker, 0), ==, fixture->debt_id);

  gtk_editable_set_text (entry, "debt");
  g_assert_cmpuint (shirabe_code_picker_get_n_matches (picker), ==, 1);
  g_assert_cmpint (shirabe_code_picker_get_match (picker, 0), ==, fixture->debt_id);

  /* Case does not matter, nor does the width of letters typed through an input method. */
  gtk_editable_set_text (entry, "ＤＥＢＴ");
  g_assert_cmpuint (shirabe_code_picker_get_n_matches (picker), ==, 1);
  g_assert_cmpint (shirabe_code_picker_get_selected (picker), ==, fixture->debt_id);

  /* The var name counts too. */
  gtk_editable_set_text (entry, "passport_taken");
  g_assert_cmpint (shirabe_code_picker_get_match (picker, 0), ==, fixture->passport_id);

  gtk_editable_set_text (entry, "取り上げ");
  g_assert_cmpuint (shirabe_code_picker_get_n_matches (picker), ==, 1);
  g_assert_cmpint (shirabe_code_picker_get_match (picker, 0), ==, fixture->passport_id);

  gtk_editable_set_text (entry, "no such code");
  g_assert_cmpuint (shirabe_code_picker_get_n_matches (picker), ==, 0);
  g_assert_cmpint (shirabe_code_picker_get_selected (picker), ==, 0);
}

static void
test_enter_applies_the_first_match (Fixture       *fixture,
                                    gconstpointer  data)
{
  g_autoptr(GPtrArray) codings = NULL;
  ShirabeCoding *coding;
  gint64 start;
  gint64 end;

  start = find_passage (debt_passage, &end);
  code_with_picker (fixture, start, end, "借金");

  codings = list_codings (fixture);
  g_assert_cmpuint (codings->len, ==, 1);
  coding = g_ptr_array_index (codings, 0);
  g_assert_cmpint (coding->code_id, ==, fixture->debt_id);
  g_assert_cmpint (coding->start, ==, start);
  g_assert_cmpint (coding->end, ==, end);
  g_assert_cmpstr (coding->coder_name, ==, "Test Coder");
  g_assert_true (shirabe_reader_code_covers (fixture->reader, fixture->debt_id, start));
  g_assert_true (shirabe_reader_code_covers (fixture->reader, fixture->debt_id, end - 1));
  g_assert_false (shirabe_reader_code_covers (fixture->reader, fixture->debt_id, end));
}

/* Ctrl+A in the picker's filter takes the X11 primary selection, and the text drops its own:
 * the picker still codes the passage it was opened for (issue 10, bug 1). */
static void
test_picker_keeps_its_passage_when_the_filter_takes_the_selection (Fixture       *fixture,
                                                                   gconstpointer  data)
{
  ShirabeCodePicker *picker = shirabe_reader_get_picker (fixture->reader);
  GtkEditable *entry = shirabe_code_picker_get_search_entry (picker);
  GtkTextBuffer *buffer = shirabe_reader_get_buffer (fixture->reader);
  g_autoptr(GPtrArray) codings = NULL;
  GtkTextIter cursor;
  gint64 end;
  gint64 start = find_passage ("借金", &end);

  select_range (fixture, start, end);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->reader), "reader.pick-code",
                                             NULL));
  wait_until_idle ();
  gtk_editable_set_text (entry, "debt");
  /* Ctrl+A selects the filter's text; the text view's selection is lost as X11 does it. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (entry), "selection.select-all", NULL)
                 || (gtk_editable_select_region (entry, 0, -1), TRUE));
  gtk_text_buffer_get_iter_at_offset (buffer, &cursor, 0);
  gtk_text_buffer_place_cursor (buffer, &cursor);
  g_assert_false (gtk_text_buffer_get_has_selection (buffer));
  wait_until_idle ();

  g_signal_emit_by_name (entry, "activate");
  wait_until_idle ();
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (picker)));
  codings = list_codings (fixture);
  g_assert_cmpuint (codings->len, ==, 1);
  g_assert_cmpint (((ShirabeCoding *) codings->pdata[0])->start, ==, start);
  g_assert_cmpint (((ShirabeCoding *) codings->pdata[0])->end, ==, end);
  g_assert_cmpint (((ShirabeCoding *) codings->pdata[0])->code_id, ==, fixture->debt_id);
}

static void
test_picker_marks_codes_on_the_selection (Fixture       *fixture,
                                          gconstpointer  data)
{
  ShirabeCodePicker *picker = shirabe_reader_get_picker (fixture->reader);
  gint64 start;
  gint64 end;

  start = find_passage (debt_passage, &end);
  code_with_picker (fixture, start, end, "debt");

  select_range (fixture, start, end);
  gtk_widget_activate_action (GTK_WIDGET (fixture->reader), "reader.pick-code", NULL);
  wait_until_idle ();
  g_assert_true (shirabe_code_picker_get_applied (picker, fixture->debt_id));
  g_assert_false (shirabe_code_picker_get_applied (picker, fixture->passport_id));
  gtk_popover_popdown (GTK_POPOVER (picker));

  /* Not on a passage that only overlaps it. */
  select_range (fixture, start + 1, end);
  gtk_widget_activate_action (GTK_WIDGET (fixture->reader), "reader.pick-code", NULL);
  wait_until_idle ();
  g_assert_false (shirabe_code_picker_get_applied (picker, fixture->debt_id));
}

static void
test_overlapping_codings_stay_visible (Fixture       *fixture,
                                       gconstpointer  data)
{
  ShirabeCodingView *view = shirabe_reader_get_coding_view (fixture->reader);
  g_autoptr(GPtrArray) at_overlap = NULL;
  g_autoptr(GPtrArray) only_debt = NULL;
  const ShirabeCoding *first;
  const ShirabeCoding *second;
  gint64 debt_start;
  gint64 debt_end;
  gint64 passport_start;
  gint64 passport_end;

  debt_start = find_passage (debt_passage, &debt_end);
  passport_start = find_passage (passport_passage, &passport_end);
  g_assert_cmpint (passport_start, <, debt_end);
  code_with_picker (fixture, debt_start, debt_end, "debt");
  code_with_picker (fixture, passport_start, passport_end, "passport");

  /* Both bands at a character in the overlap, each with its own stripe column. */
  at_overlap = shirabe_reader_get_codings_at (fixture->reader, passport_start);
  g_assert_cmpuint (at_overlap->len, ==, 2);
  g_assert_true (shirabe_reader_code_covers (fixture->reader, fixture->debt_id, passport_start));
  g_assert_true (shirabe_reader_code_covers (fixture->reader, fixture->passport_id,
                                             passport_start));
  first = g_ptr_array_index (shirabe_coding_view_get_codings (view), 0);
  second = g_ptr_array_index (shirabe_coding_view_get_codings (view), 1);
  g_assert_cmpint (first->code_id, ==, fixture->debt_id);
  g_assert_cmpint (second->code_id, ==, fixture->passport_id);
  g_assert_cmpuint (shirabe_coding_view_get_column (view, 0), !=,
                    shirabe_coding_view_get_column (view, 1));
  g_assert_cmpuint (shirabe_coding_view_get_n_columns (view), ==, 2);

  only_debt = shirabe_reader_get_codings_at (fixture->reader, debt_start);
  g_assert_cmpuint (only_debt->len, ==, 1);
  g_assert_false (shirabe_reader_code_covers (fixture->reader, fixture->passport_id,
                                              debt_start));
}

/* Where character @offset is drawn in the text view's own coordinates. */
static void
get_char_position (Fixture *fixture,
                   gint64   offset,
                   int     *x,
                   int     *y)
{
  GtkTextView *view = GTK_TEXT_VIEW (shirabe_reader_get_coding_view (fixture->reader));
  GtkTextIter iter;
  GdkRectangle rect;

  gtk_text_buffer_get_iter_at_offset (shirabe_reader_get_buffer (fixture->reader), &iter,
                                      (int) offset);
  gtk_text_view_get_iter_location (view, &iter, &rect);
  gtk_text_view_buffer_to_window_coords (view, GTK_TEXT_WINDOW_WIDGET, rect.x, rect.y, x, y);
}

/* How much bluer than red the reader is drawn across the middle of character @offset's line,
 * over 40 pixels from its left edge, at the bluest point: on selected characters, the
 * selection's colour shows between the strokes. */
static int
get_blueness (Fixture *fixture,
              gint64   offset)
{
  GtkWidget *window = GTK_WIDGET (fixture->window);
  GtkWidget *view = GTK_WIDGET (shirabe_reader_get_coding_view (fixture->reader));
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (window);
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree guchar *pixels = NULL;
  int width = gtk_widget_get_width (window);
  int height = gtk_widget_get_height (window);
  gint64 until = g_get_monotonic_time () + 300 * 1000;
  graphene_point_t point;
  GtkTextIter iter;
  GdkRectangle rect;
  int bluest = -255;
  int x, y;

  /* Frames to draw the selection as it now is. */
  while (g_get_monotonic_time () < until)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (2000);
  get_char_position (fixture, offset, &x, &y);
  gtk_text_buffer_get_iter_at_offset (shirabe_reader_get_buffer (fixture->reader), &iter,
                                      (int) offset);
  gtk_text_view_get_iter_location (GTK_TEXT_VIEW (view), &iter, &rect);
  g_assert_true (gtk_widget_compute_point (view, window,
                                           &GRAPHENE_POINT_INIT (x, y + rect.height / 2.0),
                                           &point));
  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (window)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  pixels = g_malloc ((gsize) width * height * 4);
  gdk_texture_download (texture, pixels, (gsize) width * 4);
  for (int i = 0; i < 40; i++)
    {
      /* GDK's download format: B, G, R, A in memory. */
      gsize at = (gsize) point.y * width * 4 + ((gsize) point.x + i) * 4;

      bluest = MAX (bluest, (int) pixels[at] - (int) pixels[at + 2]);
    }
  return bluest;
}

/* While the picker is open, the passage it will code is highlighted in the accent colour
 * (blue by default), not left in an unfocused selection's faint grey. */
static void
test_selection_shows_while_picking (Fixture       *fixture,
                                    gconstpointer  data)
{
  ShirabeCodePicker *picker = shirabe_reader_get_picker (fixture->reader);
  gint64 start;
  gint64 end;
  int blueness;

  start = find_passage (debt_passage, &end);
  select_range (fixture, start, end);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->reader), "reader.pick-code",
                                             NULL));
  wait_until_idle ();
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (picker)));
  g_assert_false (gtk_widget_has_focus (GTK_WIDGET (shirabe_reader_get_coding_view (
                    fixture->reader))));
  blueness = get_blueness (fixture, start + 1);
  g_test_message ("selection while picking: blue - red = %d", blueness);
  g_assert_cmpint (blueness, >, 24);
  /* In the dark style too. */
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      ADW_COLOR_SCHEME_FORCE_DARK);
  blueness = get_blueness (fixture, start + 1);
  g_test_message ("selection while picking, dark: blue - red = %d", blueness);
  g_assert_cmpint (blueness, >, 24);
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      ADW_COLOR_SCHEME_DEFAULT);

  gtk_popover_popdown (GTK_POPOVER (picker));
  wait_until_idle ();
}

/* The gutter's room is there before the first coding, so coding does not move the text. */
static void
test_first_coding_does_not_move_the_text (Fixture       *fixture,
                                          gconstpointer  data)
{
  gint64 last = g_utf8_strlen (narrative_text, -1) - 1;
  gint64 start;
  gint64 end;
  int x0, y0, last_x0, last_y0;
  int x1, y1, last_x1, last_y1;

  g_assert_cmpuint (shirabe_coding_view_get_codings (
                      shirabe_reader_get_coding_view (fixture->reader))->len, ==, 0);
  get_char_position (fixture, 0, &x0, &y0);
  get_char_position (fixture, last, &last_x0, &last_y0);

  start = find_passage (debt_passage, &end);
  code_with_picker (fixture, start, end, "debt");
  wait_until_idle ();
  get_char_position (fixture, 0, &x1, &y1);
  get_char_position (fixture, last, &last_x1, &last_y1);

  g_assert_cmpint (x1, ==, x0);
  g_assert_cmpint (y1, ==, y0);
  /* The same wrapping: the last character stays where it was. */
  g_assert_cmpint (last_x1, ==, last_x0);
  g_assert_cmpint (last_y1, ==, last_y0);
}

static void
test_menu_has_a_section_per_coding (Fixture       *fixture,
                                    gconstpointer  data)
{
  g_autoptr(GMenuModel) menu = NULL;
  g_autoptr(GMenuModel) section = NULL;
  g_autofree char *heading = NULL;
  g_autofree char *action = NULL;
  gint64 debt_start;
  gint64 debt_end;
  gint64 passport_start;
  gint64 passport_end;

  debt_start = find_passage (debt_passage, &debt_end);
  passport_start = find_passage (passport_passage, &passport_end);
  code_with_picker (fixture, debt_start, debt_end, "debt");
  code_with_picker (fixture, passport_start, passport_end, "passport");

  menu = shirabe_reader_build_coding_menu (fixture->reader, passport_start);
  g_assert_cmpint (g_menu_model_get_n_items (menu), ==, 2);
  g_assert_true (g_menu_model_get_item_attribute (menu, 0, G_MENU_ATTRIBUTE_LABEL, "s",
                                                  &heading));
  g_assert_cmpstr (heading, ==, "Debt bondage — Test Coder");
  section = g_menu_model_get_item_link (menu, 0, G_MENU_LINK_SECTION);
  g_assert_cmpint (g_menu_model_get_n_items (section), ==, 3);
  g_assert_true (g_menu_model_get_item_attribute (section, 0, G_MENU_ATTRIBUTE_ACTION, "s",
                                                  &action));
  g_assert_cmpstr (action, ==, "reader.remove-coding");
  /* Two sections: no mnemonics, which would clash. */
  g_clear_pointer (&heading, g_free);
  g_assert_true (g_menu_model_get_item_attribute (section, 0, G_MENU_ATTRIBUTE_LABEL, "s",
                                                  &heading));
  g_assert_cmpstr (heading, ==, "Remove Coding");

  g_clear_object (&menu);
  g_clear_object (&section);
  menu = shirabe_reader_build_coding_menu (fixture->reader, debt_start);
  g_assert_cmpint (g_menu_model_get_n_items (menu), ==, 1);
  section = g_menu_model_get_item_link (menu, 0, G_MENU_LINK_SECTION);
  g_clear_pointer (&heading, g_free);
  g_assert_true (g_menu_model_get_item_attribute (section, 0, G_MENU_ATTRIBUTE_LABEL, "s",
                                                  &heading));
  g_assert_cmpstr (heading, ==, "_Remove Coding");
  g_clear_object (&menu);
  menu = shirabe_reader_build_coding_menu (fixture->reader, passport_end + 2);
  g_assert_cmpint (g_menu_model_get_n_items (menu), ==, 0);

  /* With a passage selected, the coded text's menu can code it too. */
  select_range (fixture, debt_start, passport_end);
  g_clear_object (&menu);
  g_clear_object (&section);
  g_clear_pointer (&action, g_free);
  menu = shirabe_reader_build_coding_menu (fixture->reader, debt_start);
  g_assert_cmpint (g_menu_model_get_n_items (menu), ==, 2);
  section = g_menu_model_get_item_link (menu, 1, G_MENU_LINK_SECTION);
  g_assert_true (g_menu_model_get_item_attribute (section, 0, G_MENU_ATTRIBUTE_ACTION, "s",
                                                  &action));
  g_assert_cmpstr (action, ==, "reader.pick-code");
}

static void
test_remove_action_removes_the_coding (Fixture       *fixture,
                                       gconstpointer  data)
{
  g_autoptr(GPtrArray) codings = NULL;
  gint64 start;
  gint64 end;
  gint64 coding_id;

  start = find_passage (debt_passage, &end);
  coding_id = code_with_picker (fixture, start, end, "debt");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->reader),
                                             "reader.remove-coding", "x", coding_id));
  wait_until_idle ();
  codings = list_codings (fixture);
  g_assert_cmpuint (codings->len, ==, 0);
  g_assert_false (shirabe_reader_code_covers (fixture->reader, fixture->debt_id, start));

  /* One undo brings it back. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.undo", NULL);
  wait_until_idle ();
  g_assert_true (shirabe_reader_code_covers (fixture->reader, fixture->debt_id, start));
}

static void
test_change_code_changes_the_code (Fixture       *fixture,
                                   gconstpointer  data)
{
  ShirabeCodePicker *picker = shirabe_reader_get_picker (fixture->reader);
  g_autoptr(ShirabeCoding) coding = NULL;
  g_autoptr(GError) error = NULL;
  gint64 start;
  gint64 end;
  gint64 coding_id;

  start = find_passage (debt_passage, &end);
  coding_id = code_with_picker (fixture, start, end, "debt");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->reader), "reader.change-code",
                                             "x", coding_id));
  wait_until_idle ();
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (picker)));
  /* The picker marks the coding's code. */
  g_assert_true (shirabe_code_picker_get_applied (picker, fixture->debt_id));
  gtk_editable_set_text (shirabe_code_picker_get_search_entry (picker), "欺罔");
  g_signal_emit_by_name (shirabe_code_picker_get_search_entry (picker), "activate");
  wait_until_idle ();

  coding = shirabe_project_get_coding (project_of (fixture), coding_id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (coding->code_id, ==, fixture->deception_id);
  g_assert_cmpint (coding->start, ==, start);
  g_assert_cmpint (coding->end, ==, end);
  g_assert_true (shirabe_reader_code_covers (fixture->reader, fixture->deception_id, start));
  g_assert_false (shirabe_reader_code_covers (fixture->reader, fixture->debt_id, start));
}

static void
test_memo_is_saved (Fixture       *fixture,
                    gconstpointer  data)
{
  GtkTextBuffer *memo = shirabe_reader_get_memo_buffer (fixture->reader);
  GtkPopover *memo_popover = shirabe_reader_get_memo_popover (fixture->reader);
  g_autoptr(ShirabeCoding) coding = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) at = NULL;
  g_autofree char *tooltip = NULL;
  gint64 start;
  gint64 end;
  gint64 coding_id;

  start = find_passage (debt_passage, &end);
  coding_id = code_with_picker (fixture, start, end, "debt");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->reader), "reader.edit-memo",
                                             "x", coding_id));
  wait_until_idle ();
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (memo_popover)));
  gtk_text_buffer_set_text (memo, "借金の額は不明。", -1);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->reader), "reader.save-memo",
                                             NULL));
  wait_until_idle ();
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (memo_popover)));

  coding = shirabe_project_get_coding (project_of (fixture), coding_id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (coding->memo, ==, "借金の額は不明。");

  /* The tooltip over the passage names the code, the coder and the memo. */
  at = shirabe_reader_get_codings_at (fixture->reader, start);
  tooltip = shirabe_coding_view_describe (shirabe_reader_get_coding_view (fixture->reader), at);
  g_assert_cmpstr (tooltip, ==, "Debt bondage — Test Coder\n    借金の額は不明。");
}

static void
run_main_loop_for (guint milliseconds)
{
  gint64 until = g_get_monotonic_time () + milliseconds * G_TIME_SPAN_MILLISECOND;

  while (g_get_monotonic_time () < until)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (10 * G_TIME_SPAN_MILLISECOND);
    }
  wait_until_idle ();
}

static char *
dup_coding_memo (Fixture *fixture,
                 gint64   coding_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ShirabeCoding) coding = shirabe_project_get_coding (project_of (fixture), coding_id,
                                                                &error);

  g_assert_no_error (error);
  return g_strdup (coding->memo != NULL ? coding->memo : "");
}

static gboolean
has_shortcut_to (GtkWidget  *widget,
                 const char *trigger,
                 const char *action)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;
      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);
          g_autofree char *triggers =
            gtk_shortcut_trigger_to_string (gtk_shortcut_get_trigger (shortcut));
          GtkShortcutAction *named = gtk_shortcut_get_action (shortcut);

          if (strstr (triggers, trigger) != NULL && GTK_IS_NAMED_ACTION (named) &&
              g_strcmp0 (gtk_named_action_get_action_name (GTK_NAMED_ACTION (named)), action) == 0)
            return TRUE;
        }
    }
  return FALSE;
}

/* A coding's memo is not lost when the popover closes by Escape or a click outside: it is
 * saved after a pause and on closing, all of one writing as one undo step (issue 10, bug 2).
 * The popover says which code and whose coding, and is wide enough to write in. */
static void
test_memo_is_kept_however_the_popover_closes (Fixture       *fixture,
                                              gconstpointer  data)
{
  GtkTextBuffer *memo = shirabe_reader_get_memo_buffer (fixture->reader);
  GtkPopover *memo_popover = shirabe_reader_get_memo_popover (fixture->reader);
  ShirabeHistory *history = shirabe_project_get_history (project_of (fixture));
  GtkWidget *memo_view;
  GtkWidget *labels[2];
  g_autoptr(GError) error = NULL;
  g_autofree char *saved = NULL;
  guint n_undo;
  gint64 start;
  gint64 end;
  gint64 coding_id;

  start = find_passage (debt_passage, &end);
  coding_id = code_with_picker (fixture, start, end, "debt");
  n_undo = shirabe_history_get_n_undo (history);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->reader), "reader.edit-memo",
                                             "x", coding_id));
  wait_until_idle ();
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (memo_popover)));

  /* Which code, whose coding; room to write. */
  labels[0] = find_widget (GTK_WIDGET (memo_popover), GTK_TYPE_LABEL);
  labels[1] = gtk_widget_get_next_sibling (labels[0]);
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (labels[0])), ==, "Memo on “Debt bondage”");
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (labels[1])), ==, "Coded by Test Coder");
  memo_view = find_widget (GTK_WIDGET (memo_popover), GTK_TYPE_TEXT_VIEW);
  run_main_loop_for (300);
  g_assert_cmpint (gtk_widget_get_width (memo_view), >=, 400);
  g_assert_cmpint (gtk_widget_get_height (memo_view), >=, 150);
  g_assert_true (has_shortcut_to (memo_view, "<Control>Return", "reader.save-memo"));

  /* A pause saves, the popover still open. */
  gtk_text_buffer_set_text (memo, "借金の額は", -1);
  run_main_loop_for (2000);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (memo_popover)));
  saved = dup_coding_memo (fixture, coding_id);
  g_assert_cmpstr (saved, ==, "借金の額は");
  g_clear_pointer (&saved, g_free);

  /* Escape, or a click outside, closes it: what was typed since is saved. */
  gtk_text_buffer_set_text (memo, "借金の額は不明。", -1);
  gtk_popover_popdown (memo_popover);
  wait_until_idle ();
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (memo_popover)));
  saved = dup_coding_memo (fixture, coding_id);
  g_assert_cmpstr (saved, ==, "借金の額は不明。");
  g_clear_pointer (&saved, g_free);

  /* Both saves are one undo step, which takes the memo back whole. */
  g_assert_cmpuint (shirabe_history_get_n_undo (history), ==, n_undo + 1);
  g_assert_cmpstr (shirabe_history_get_undo_label (history), ==, "Edit coding memo");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.undo", NULL));
  wait_until_idle ();
  saved = dup_coding_memo (fixture, coding_id);
  g_assert_cmpstr (saved, ==, "");
  g_clear_pointer (&saved, g_free);

  /* Opened and closed without a change, nothing is recorded. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.redo", NULL));
  wait_until_idle ();
  n_undo = shirabe_history_get_n_undo (history);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->reader), "reader.edit-memo",
                                             "x", coding_id));
  wait_until_idle ();
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (labels[0])), ==, "Memo on “Debt bondage”");
  gtk_popover_popdown (memo_popover);
  wait_until_idle ();
  g_assert_cmpuint (shirabe_history_get_n_undo (history), ==, n_undo);
}

static GtkWindow *
find_toplevel (GType type)
{
  g_autoptr(GListModel) toplevels = gtk_window_get_toplevels ();

  g_object_ref (toplevels);
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return window;
    }
  return NULL;
}

/* New code from selection opens the code editor with the label empty and the selected words as
 * a hint; the code goes where the codebook's selection says (in a category, beside a code),
 * is selected there, and codes the passage, one undo step with its making (issue 10, bug 6). */
static void
test_new_code_from_selection (Fixture       *fixture,
                              gconstpointer  data)
{
  ShirabeCodebook *codebook = shirabe_window_get_codebook (fixture->window);
  g_autoptr(GPtrArray) codings = NULL;
  g_autoptr(ShirabeCode) made = NULL;
  g_autoptr(GError) error = NULL;
  ShirabeCodeEditor *editor;
  ShirabeCoding *coding;
  gint64 start;
  gint64 end;
  gint64 code_id;

#define CHILD(name) \
  GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (editor), SHIRABE_TYPE_CODE_EDITOR, name))

  /* With the category selected in the codebook, the new code goes into it. */
  g_assert_true (shirabe_codebook_select_code (codebook, fixture->category_id));
  start = find_passage ("パスポートは店長に取り上げられた。\n", &end);
  select_range (fixture, start, end);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->reader),
                                             "reader.new-code-from-selection", NULL));
  wait_until_idle ();
  editor = SHIRABE_CODE_EDITOR (find_toplevel (SHIRABE_TYPE_CODE_EDITOR));
  g_assert_nonnull (editor);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (editor)), ==, "New Code from Selection");
  /* The label is the researcher's to write; the words are there as a hint. */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (CHILD ("label_en_row"))), ==, "");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (CHILD ("label_ja_row"))), ==, "");
  g_assert_nonnull (strstr (gtk_label_get_label (GTK_LABEL (CHILD ("passage_label"))),
                            "パスポートは店長に取り上げられた。"));
  g_assert_true (gtk_widget_get_visible (CHILD ("passage_label")));
  g_assert_false (gtk_widget_is_sensitive (CHILD ("save_button")));
  /* Under the category, chosen in the "Under" row. */
  g_assert_true (gtk_widget_get_visible (CHILD ("parent_row")));
  g_assert_cmpstr (gtk_string_object_get_string (GTK_STRING_OBJECT (
                     adw_combo_row_get_selected_item (ADW_COMBO_ROW (CHILD ("parent_row"))))),
                   ==, "Control");
  gtk_editable_set_text (GTK_EDITABLE (CHILD ("label_ja_row")), "旅券の没収");
  gtk_editable_set_text (GTK_EDITABLE (CHILD ("label_en_row")), "Passport seized");
  g_object_ref (editor);
  g_assert_true (shirabe_code_editor_save (editor));
  wait_until_idle ();
  code_id = shirabe_code_editor_get_code_id (editor);
  g_object_unref (editor);
  g_assert_null (find_toplevel (SHIRABE_TYPE_CODE_EDITOR));

  made = shirabe_project_get_code (project_of (fixture), code_id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (made->label_en, ==, "Passport seized");
  g_assert_cmpstr (made->var_name, ==, "passport_seized");
  g_assert_cmpint (made->parent_id, ==, fixture->category_id);
  /* Selected (and so in view) in the codebook. */
  g_assert_cmpint (shirabe_codebook_get_selected_code (codebook), ==, code_id);
  codings = list_codings (fixture);
  g_assert_cmpuint (codings->len, ==, 1);
  coding = g_ptr_array_index (codings, 0);
  g_assert_cmpint (coding->code_id, ==, code_id);
  g_assert_cmpint (coding->start, ==, start);
  g_assert_cmpint (coding->end, ==, end);
  g_assert_true (shirabe_reader_code_covers (fixture->reader, code_id, start));

  /* The new code and its coding are one step: one undo takes both away. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.undo", NULL));
  wait_until_idle ();
  g_clear_pointer (&codings, g_ptr_array_unref);
  codings = list_codings (fixture);
  g_assert_cmpuint (codings->len, ==, 0);
  g_clear_pointer (&made, shirabe_code_free);
  made = shirabe_project_get_code (project_of (fixture), code_id, NULL);
  g_assert_null (made);

  /* With a code selected, the new one goes beside it (here at the top level); cancelling
   * makes nothing. */
  g_assert_true (shirabe_codebook_select_code (codebook, fixture->debt_id));
  select_range (fixture, start, end);
  gtk_widget_activate_action (GTK_WIDGET (fixture->reader), "reader.new-code-from-selection",
                              NULL);
  wait_until_idle ();
  editor = SHIRABE_CODE_EDITOR (find_toplevel (SHIRABE_TYPE_CODE_EDITOR));
  g_assert_nonnull (editor);
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (CHILD ("parent_row"))), ==, 0);
  gtk_window_close (GTK_WINDOW (editor));
  wait_until_idle ();
  g_clear_pointer (&codings, g_ptr_array_unref);
  codings = list_codings (fixture);
  g_assert_cmpuint (codings->len, ==, 0);
#undef CHILD
}

/* The number the codebook tree shows beside @code_id (its rows' "n-codings"). */
static guint
codebook_count (Fixture *fixture,
                gint64   code_id)
{
  GtkWidget *codebook = find_widget (GTK_WIDGET (fixture->window), SHIRABE_TYPE_CODEBOOK);
  GListModel *rows;

  g_assert_nonnull (codebook);
  rows = G_LIST_MODEL (gtk_list_view_get_model (
    shirabe_codebook_get_list_view (SHIRABE_CODEBOOK (codebook))));
  for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr(GtkTreeListRow) row = g_list_model_get_item (rows, i);
      g_autoptr(GtkTreeListRow) expanded = NULL;
      g_autoptr(GObject) item = NULL;
      guint n_codings = 0;

      gtk_tree_list_row_set_expanded (row, TRUE);
      item = gtk_tree_list_row_get_item (row);
      if (shirabe_code_item_get_id (SHIRABE_CODE_ITEM (item)) != code_id)
        continue;
      g_object_get (item, "n-codings", &n_codings, NULL);
      return n_codings;
    }
  g_assert_not_reached ();
}

/* The number of codings the sidebar's row of the shown narrative says it has. */
static guint
sidebar_count (Fixture *fixture)
{
  GListModel *rows = shirabe_sidebar_get_model (shirabe_window_get_sidebar (fixture->window));

  for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr(ShirabeNarrativeRow) row = g_list_model_get_item (rows, i);

      if (!shirabe_narrative_row_is_case (row) &&
          shirabe_narrative_row_get_id (row) == fixture->narrative_id)
        return shirabe_narrative_row_get_n_codings (row);
    }
  g_assert_not_reached ();
}

/* The reader's bands are exactly the project's codings of the narrative, coder names too. */
static void
assert_reader_shows_the_project (Fixture *fixture)
{
  g_autoptr(GPtrArray) codings = list_codings (fixture);
  GPtrArray *shown = shirabe_coding_view_get_codings (
    shirabe_reader_get_coding_view (fixture->reader));

  g_assert_cmpuint (shown->len, ==, codings->len);
  for (guint i = 0; i < codings->len; i++)
    {
      const ShirabeCoding *want = g_ptr_array_index (codings, i);
      const ShirabeCoding *got = NULL;

      for (guint j = 0; j < shown->len && got == NULL; j++)
        if (((const ShirabeCoding *) g_ptr_array_index (shown, j))->id == want->id)
          got = g_ptr_array_index (shown, j);
      g_assert_nonnull (got);
      g_assert_cmpint (got->code_id, ==, want->code_id);
      g_assert_cmpint (got->start, ==, want->start);
      g_assert_cmpint (got->end, ==, want->end);
      g_assert_cmpstr (got->coder_name, ==, want->coder_name);
      g_assert_cmpstr (got->memo, ==, want->memo);
    }
  for (guint i = 1; i < shown->len; i++)
    g_assert_cmpint (((const ShirabeCoding *) g_ptr_array_index (shown, i - 1))->start, <=,
                     ((const ShirabeCoding *) g_ptr_array_index (shown, i))->start);
}

/* Codings are followed one by one (the changes the core reports), not by reading everything
 * again: after each edit, undo and redo the tree's counts, the sidebar's count and the
 * reader's bands must still be what the project holds. */
static void
test_views_follow_each_coding (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  ShirabeProject *project = project_of (fixture);
  gint64 debt_start;
  gint64 debt_end;
  gint64 passport_start;
  gint64 passport_end;
  gint64 coding_id;

  debt_start = find_passage (debt_passage, &debt_end);
  passport_start = find_passage (passport_passage, &passport_end);
  g_assert_cmpuint (codebook_count (fixture, fixture->debt_id), ==, 0);
  g_assert_cmpuint (sidebar_count (fixture), ==, 0);

  coding_id = code_with_picker (fixture, debt_start, debt_end, "debt");
  code_with_picker (fixture, passport_start, passport_end, "passport");
  g_assert_cmpuint (codebook_count (fixture, fixture->debt_id), ==, 1);
  g_assert_cmpuint (codebook_count (fixture, fixture->passport_id), ==, 1);
  g_assert_cmpuint (sidebar_count (fixture), ==, 2);
  assert_reader_shows_the_project (fixture);

  /* Another code for the same coding: one count down, one up. */
  g_assert_true (shirabe_project_set_coding_code (project, coding_id, fixture->deception_id,
                                                  &error));
  g_assert_no_error (error);
  wait_until_idle ();
  g_assert_cmpuint (codebook_count (fixture, fixture->debt_id), ==, 0);
  g_assert_cmpuint (codebook_count (fixture, fixture->deception_id), ==, 1);
  g_assert_cmpuint (sidebar_count (fixture), ==, 2);
  assert_reader_shows_the_project (fixture);
  g_assert_true (shirabe_reader_code_covers (fixture->reader, fixture->deception_id,
                                             debt_start));
  g_assert_false (shirabe_reader_code_covers (fixture->reader, fixture->debt_id, debt_start));

  /* A memo changes no count, but the reader shows the new memo. */
  g_assert_true (shirabe_project_set_coding_memo (project, coding_id, "sent money home", &error));
  g_assert_no_error (error);
  wait_until_idle ();
  g_assert_cmpuint (codebook_count (fixture, fixture->deception_id), ==, 1);
  assert_reader_shows_the_project (fixture);

  /* Undo the memo and the change of code, then the passport coding. */
  for (guint i = 0; i < 3; i++)
    {
      gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.undo", NULL);
      wait_until_idle ();
      assert_reader_shows_the_project (fixture);
    }
  g_assert_cmpuint (codebook_count (fixture, fixture->debt_id), ==, 1);
  g_assert_cmpuint (codebook_count (fixture, fixture->deception_id), ==, 0);
  g_assert_cmpuint (codebook_count (fixture, fixture->passport_id), ==, 0);
  g_assert_cmpuint (sidebar_count (fixture), ==, 1);
  g_assert_false (shirabe_reader_code_covers (fixture->reader, fixture->passport_id,
                                              passport_end - 1));

  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.redo", NULL);
  wait_until_idle ();
  g_assert_cmpuint (codebook_count (fixture, fixture->passport_id), ==, 1);
  g_assert_cmpuint (sidebar_count (fixture), ==, 2);
  assert_reader_shows_the_project (fixture);
}

/* A coding of another narrative counts in the tree but puts no band in the reader. */
static void
test_coding_elsewhere_is_counted_not_shown (Fixture       *fixture,
                                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ShirabeNarrative) shown = NULL;
  ShirabeProject *project = project_of (fixture);
  ShirabeNarrativeSpec other = { 0 };
  gint64 other_id;

  shown = shirabe_project_get_narrative (project, fixture->narrative_id, &error);
  g_assert_no_error (error);
  other.case_id = shown->case_id;
  other.title = "Interview 2";
  other.language = "en";
  other.text = "Her passport was taken at the airport.";
  other_id = shirabe_project_add_narrative (project, &other, &error);
  g_assert_no_error (error);
  wait_until_idle ();
  g_assert_cmpint (shirabe_reader_get_narrative_id (fixture->reader), ==, fixture->narrative_id);

  g_assert_cmpint (shirabe_project_apply_code (project, other_id, fixture->passport_id,
                                               "Test Coder", 4, 12, NULL, &error), >, 0);
  g_assert_no_error (error);
  wait_until_idle ();
  g_assert_cmpuint (codebook_count (fixture, fixture->passport_id), ==, 1);
  g_assert_cmpuint (sidebar_count (fixture), ==, 0);
  assert_reader_shows_the_project (fixture);
  g_assert_cmpuint (shirabe_coding_view_get_codings (
                      shirabe_reader_get_coding_view (fixture->reader))->len, ==, 0);
}

static ShirabeCodingGutter *
get_gutter (Fixture *fixture)
{
  GtkWidget *gutter = find_widget (GTK_WIDGET (fixture->reader), SHIRABE_TYPE_CODING_GUTTER);

  g_assert_nonnull (gutter);
  return SHIRABE_CODING_GUTTER (gutter);
}

/* Where the coding @coding_id is in the reader's codings, which the gutter's stripes follow. */
static guint
coding_index (Fixture *fixture,
              gint64   coding_id)
{
  GPtrArray *shown = shirabe_coding_view_get_codings (
    shirabe_reader_get_coding_view (fixture->reader));

  for (guint i = 0; i < shown->len; i++)
    if (((const ShirabeCoding *) g_ptr_array_index (shown, i))->id == coding_id)
      return i;
  g_assert_not_reached ();
}

/* The label drawn beside the stripe of @coding_id; NULL when it carries none. */
static PangoLayout *
stripe_label (Fixture *fixture,
              gint64   coding_id)
{
  return shirabe_coding_gutter_create_stripe_label (get_gutter (fixture),
                                                    coding_index (fixture, coding_id));
}

/* The tooltip over the middle of the stripe of @coding_id. */
static char *
stripe_tooltip (Fixture *fixture,
                gint64   coding_id)
{
  graphene_rect_t stripe;

  g_assert_true (shirabe_coding_gutter_get_stripe (get_gutter (fixture),
                                                   coding_index (fixture, coding_id), &stripe));
  return shirabe_coding_gutter_dup_tooltip_at (get_gutter (fixture),
                                               stripe.origin.x + stripe.size.width / 2,
                                               stripe.origin.y + stripe.size.height / 2);
}

/* How many characters of @layout's text are drawn: all, or those before the ellipsis (which
 * Pango draws as the line's last run, standing for the characters it hides). */
static int
count_drawn_chars (PangoLayout *layout)
{
  PangoLayoutLine *line = pango_layout_get_line_readonly (layout, 0);
  gboolean ellipsized = pango_layout_is_ellipsized (layout);
  int n_chars = 0;

  g_assert_cmpint (pango_layout_get_line_count (layout), ==, 1);
  for (GSList *l = line->runs; l != NULL; l = l->next)
    {
      PangoGlyphItem *run = l->data;

      if (ellipsized && l->next == NULL)
        break;
      n_chars += run->item->num_chars;
    }
  return n_chars;
}

/* Whether every run of @layout's text in @script is set in @gravity: PANGO_GRAVITY_EAST keeps
 * a glyph upright in a label turned a quarter clockwise, PANGO_GRAVITY_SOUTH turns it with the
 * label. */
static void
assert_runs_in_gravity (PangoLayout  *layout,
                        PangoScript   script,
                        PangoGravity  gravity)
{
  PangoLayoutLine *line = pango_layout_get_line_readonly (layout, 0);
  guint n_runs = 0;

  for (GSList *l = line->runs; l != NULL; l = l->next)
    {
      PangoGlyphItem *run = l->data;

      if (run->item->analysis.script != script)
        continue;
      g_assert_cmpint (run->item->analysis.gravity, ==, gravity);
      n_runs++;
    }
  g_assert_cmpuint (n_runs, >, 0);
}

/* Japanese labels are written vertically, upright, whole when the stripe has room; Latin ones
 * run along the stripe, turned. */
static void
test_japanese_gutter_labels_stand_upright (Fixture       *fixture,
                                           gconstpointer  data)
{
  g_autoptr(PangoLayout) layout = NULL;
  PangoContext *context;
  graphene_rect_t stripe;
  gint64 start;
  gint64 end;
  gint64 coding_id;
  int thickness;
  int length;

  g_object_set (fixture->window, "label-language", "ja", NULL);
  start = find_passage (debt_passage, &end);
  coding_id = code_with_picker (fixture, start, end, "debt");
  wait_until_idle ();

  layout = stripe_label (fixture, coding_id);
  g_assert_nonnull (layout);
  g_assert_cmpstr (pango_layout_get_text (layout), ==, "借金による拘束");
  /* Nothing below the stripe: the whole label shows, not "借…". */
  g_assert_false (pango_layout_is_ellipsized (layout));
  g_assert_cmpint (count_drawn_chars (layout), ==, 7);
  context = pango_layout_get_context (layout);
  g_assert_cmpint (pango_context_get_base_gravity (context), ==, PANGO_GRAVITY_EAST);
  g_assert_cmpint (pango_context_get_gravity_hint (context), ==, PANGO_GRAVITY_HINT_NATURAL);
  assert_runs_in_gravity (layout, PANGO_SCRIPT_HAN, PANGO_GRAVITY_EAST);
  assert_runs_in_gravity (layout, PANGO_SCRIPT_HIRAGANA, PANGO_GRAVITY_EAST);
  /* Upright, the label is as thick as a character is wide: it fits beside the stripe's bar,
   * and runs down from the stripe's top inside the gutter. */
  g_assert_true (shirabe_coding_gutter_get_stripe (get_gutter (fixture),
                                                   coding_index (fixture, coding_id), &stripe));
  pango_layout_get_pixel_size (layout, &length, &thickness);
  g_assert_cmpint (thickness, <, stripe.size.width - 4);
  g_assert_cmpint (thickness, >, 0);
  g_assert_cmpfloat (stripe.origin.y + length, <=,
                     gtk_widget_get_height (GTK_WIDGET (get_gutter (fixture))));

  /* English labels lie along the stripe instead. */
  g_clear_object (&layout);
  g_object_set (fixture->window, "label-language", "en", NULL);
  wait_until_idle ();
  layout = stripe_label (fixture, coding_id);
  g_assert_nonnull (layout);
  g_assert_cmpstr (pango_layout_get_text (layout), ==, "Debt bondage");
  assert_runs_in_gravity (layout, PANGO_SCRIPT_LATIN, PANGO_GRAVITY_SOUTH);
}

/* A stripe too short for a few characters of its code carries no label ("借…" says nothing);
 * its tooltip names the code. Longer ones show at least three characters. */
static void
test_short_stripe_names_its_code_in_its_tooltip (Fixture       *fixture,
                                                 gconstpointer  data)
{
  GtkTextView *view = GTK_TEXT_VIEW (shirabe_reader_get_coding_view (fixture->reader));
  GtkTextBuffer *buffer = shirabe_reader_get_buffer (fixture->reader);
  g_autoptr(GError) error = NULL;
  GtkTextIter iter;
  guint n_lines = 1;
  guint n_labelled = 0;
  guint n_unlabelled = 0;
  guint n_cut = 0;

  g_object_set (fixture->window, "label-language", "ja", NULL);
  /* A narrow column of text, as in a narrow window: the first paragraph takes many lines. */
  gtk_text_view_set_right_margin (view, gtk_widget_get_width (GTK_WIDGET (view)) - 160);
  wait_until_idle ();
  gtk_text_buffer_get_start_iter (buffer, &iter);
  while (gtk_text_view_forward_display_line (view, &iter) &&
         gtk_text_iter_get_line (&iter) == 0)
    n_lines++;
  g_assert_cmpuint (n_lines, >=, 6);

  /* A coding of the first @lines display lines, then one from the next line on, in the same
   * column: the first stripe's label has its @lines lines of room and no more. */
  for (guint lines = 1; lines < n_lines; lines++)
    {
      g_autoptr(PangoLayout) layout = NULL;
      g_autofree char *tooltip = NULL;
      GtkTextIter next;
      gint64 debt_id;

      gtk_text_buffer_get_start_iter (buffer, &next);
      for (guint i = 0; i < lines; i++)
        gtk_text_view_forward_display_line (view, &next);
      debt_id = shirabe_project_apply_code (project_of (fixture), fixture->narrative_id,
                                            fixture->debt_id, "Test Coder", 0,
                                            gtk_text_iter_get_offset (&next), NULL, &error);
      g_assert_no_error (error);
      shirabe_project_apply_code (project_of (fixture), fixture->narrative_id,
                                  fixture->passport_id, "Test Coder",
                                  gtk_text_iter_get_offset (&next),
                                  gtk_text_iter_get_offset (&next) + 1, NULL, &error);
      g_assert_no_error (error);
      wait_until_idle ();

      layout = stripe_label (fixture, debt_id);
      if (layout == NULL)
        n_unlabelled++;
      else
        {
          /* Never "借…": three characters at least, or the whole label. */
          g_assert_cmpstr (pango_layout_get_text (layout), ==, "借金による拘束");
          g_assert_cmpint (count_drawn_chars (layout), >=, 3);
          if (pango_layout_is_ellipsized (layout))
            n_cut++;
          else
            g_assert_cmpint (count_drawn_chars (layout), ==, 7);
          n_labelled++;
        }
      tooltip = stripe_tooltip (fixture, debt_id);
      g_assert_cmpstr (tooltip, ==, "借金による拘束 — Test Coder");

      for (guint i = 0; i < 2; i++)
        gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.undo", NULL);
      wait_until_idle ();
    }
  /* One line is too short for a label, a few lines show part of it, more the whole. */
  g_assert_cmpuint (n_unlabelled, >, 0);
  g_assert_cmpuint (n_cut, >, 0);
  g_assert_cmpuint (n_labelled, >, n_cut);
}

/* Two coders on one passage: each stripe starts with its coder's initials and its tooltip names
 * the coder; with one coder, labels and tooltips are as before. */
static void
test_stripes_name_their_coders (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PangoLayout) mine = NULL;
  g_autoptr(PangoLayout) theirs = NULL;
  g_autoptr(PangoLayout) third = NULL;
  g_autofree char *my_tooltip = NULL;
  g_autofree char *their_tooltip = NULL;
  g_autofree char *third_tooltip = NULL;
  gint64 start;
  gint64 end;
  gint64 my_id;
  gint64 their_id;
  gint64 third_id;

  g_object_set (fixture->window, "label-language", "ja", NULL);
  start = find_passage (debt_passage, &end);
  my_id = code_with_picker (fixture, start, end, "debt");
  wait_until_idle ();
  mine = stripe_label (fixture, my_id);
  g_assert_nonnull (mine);
  g_assert_cmpstr (pango_layout_get_text (mine), ==, "借金による拘束");
  my_tooltip = stripe_tooltip (fixture, my_id);
  g_assert_cmpstr (my_tooltip, ==, "借金による拘束 — Test Coder");

  their_id = shirabe_project_apply_code (project_of (fixture), fixture->narrative_id,
                                         fixture->debt_id, "Aiko Kato", start, end, NULL,
                                         &error);
  g_assert_no_error (error);
  third_id = shirabe_project_apply_code (project_of (fixture), fixture->narrative_id,
                                         fixture->debt_id, "加藤愛子", start, end, NULL, &error);
  g_assert_no_error (error);
  wait_until_idle ();

  g_clear_object (&mine);
  g_clear_pointer (&my_tooltip, g_free);
  mine = stripe_label (fixture, my_id);
  theirs = stripe_label (fixture, their_id);
  third = stripe_label (fixture, third_id);
  g_assert_nonnull (mine);
  g_assert_nonnull (theirs);
  g_assert_nonnull (third);
  g_assert_cmpstr (pango_layout_get_text (mine), ==, "TC · 借金による拘束");
  g_assert_cmpstr (pango_layout_get_text (theirs), ==, "AK · 借金による拘束");
  g_assert_cmpstr (pango_layout_get_text (third), ==, "加 · 借金による拘束");
  /* The initials lie along the stripe, the code stands upright. */
  assert_runs_in_gravity (theirs, PANGO_SCRIPT_LATIN, PANGO_GRAVITY_SOUTH);
  assert_runs_in_gravity (theirs, PANGO_SCRIPT_HAN, PANGO_GRAVITY_EAST);

  my_tooltip = stripe_tooltip (fixture, my_id);
  their_tooltip = stripe_tooltip (fixture, their_id);
  third_tooltip = stripe_tooltip (fixture, third_id);
  g_assert_cmpstr (my_tooltip, ==, "借金による拘束 — coded by Test Coder");
  g_assert_cmpstr (their_tooltip, ==, "借金による拘束 — coded by Aiko Kato");
  g_assert_cmpstr (third_tooltip, ==, "借金による拘束 — coded by 加藤愛子");

  /* Back to one coder: no initials. */
  for (guint i = 0; i < 2; i++)
    gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.undo", NULL);
  wait_until_idle ();
  g_clear_object (&mine);
  g_clear_pointer (&my_tooltip, g_free);
  mine = stripe_label (fixture, my_id);
  g_assert_nonnull (mine);
  g_assert_cmpstr (pango_layout_get_text (mine), ==, "借金による拘束");
  my_tooltip = stripe_tooltip (fixture, my_id);
  g_assert_cmpstr (my_tooltip, ==, "借金による拘束 — Test Coder");
}

static GPtrArray *
picker_codes (guint n)
{
  GPtrArray *codes = g_ptr_array_new_with_free_func ((GDestroyNotify) shirabe_code_free);

  for (guint i = 0; i < n; i++)
    {
      ShirabeCode *code = g_new0 (ShirabeCode, 1);

      code->id = i + 1;
      code->label_en = g_strdup_printf ("Code %u", i + 1);
      code->label_ja = g_strdup_printf ("コード%u", i + 1);
      code->codable = TRUE;
      g_ptr_array_add (codes, code);
    }
  return codes;
}

/* Every view has a picker; a hidden one lists its codes when it is shown or asked, not when a
 * project opens, and then lists the codes it was given last. */
static void
test_hidden_picker_lists_its_codes_when_needed (void)
{
  g_autoptr(ShirabeCodePicker) picker = g_object_ref_sink (shirabe_code_picker_new ());
  g_autoptr(GPtrArray) three = picker_codes (3);
  g_autoptr(GPtrArray) five = picker_codes (5);
  GtkWidget *window = gtk_window_new ();
  GtkWidget *button = gtk_menu_button_new ();
  GtkListView *list_view = GTK_LIST_VIEW (find_widget (GTK_WIDGET (picker), GTK_TYPE_LIST_VIEW));

  g_assert_nonnull (list_view);
  shirabe_code_picker_set_codes (picker, three, SHIRABE_LABEL_LANGUAGE_EN);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (gtk_list_view_get_model (list_view))),
                    ==, 0);
  g_assert_cmpuint (shirabe_code_picker_get_n_matches (picker), ==, 3);
  g_assert_cmpint (shirabe_code_picker_get_match (picker, 2), ==, 3);

  /* Given new codes while hidden, shown: the new ones. */
  shirabe_code_picker_set_codes (picker, five, SHIRABE_LABEL_LANGUAGE_EN);
  gtk_menu_button_set_popover (GTK_MENU_BUTTON (button), GTK_WIDGET (picker));
  gtk_window_set_child (GTK_WINDOW (window), button);
  gtk_window_present (GTK_WINDOW (window));
  gtk_menu_button_popup (GTK_MENU_BUTTON (button));
  wait_until_idle ();
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (gtk_list_view_get_model (list_view))),
                    ==, 5);
  /* Shown, it lists new codes at once. */
  shirabe_code_picker_set_codes (picker, three, SHIRABE_LABEL_LANGUAGE_EN);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (gtk_list_view_get_model (list_view))),
                    ==, 3);
  gtk_menu_button_popdown (GTK_MENU_BUTTON (button));
  gtk_window_destroy (GTK_WINDOW (window));
  wait_until_idle ();
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GtkCssProvider) style = NULL;

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  /* The app's own stylesheet, which AdwApplication loads in the program. */
  style = gtk_css_provider_new ();
  gtk_css_provider_load_from_resource (style, "/io/github/shirabe/Shirabe/style.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (),
                                              GTK_STYLE_PROVIDER (style),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);

  g_test_add_func ("/app/reader/hidden-picker-lists-its-codes-when-needed",
                   test_hidden_picker_lists_its_codes_when_needed);
#define ADD(name, func) \
  g_test_add (name, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/app/reader/picker-filters-in-japanese-and-english",
       test_picker_filters_in_both_languages);
  ADD ("/app/reader/enter-in-the-picker-applies-the-first-match",
       test_enter_applies_the_first_match);
  ADD ("/app/reader/picker-keeps-its-passage-when-the-filter-takes-the-selection",
       test_picker_keeps_its_passage_when_the_filter_takes_the_selection);
  ADD ("/app/reader/picker-marks-codes-already-on-the-selection",
       test_picker_marks_codes_on_the_selection);
  ADD ("/app/reader/overlapping-codings-both-stay-visible",
       test_overlapping_codings_stay_visible);
  ADD ("/app/reader/selection-stays-highlighted-while-the-picker-is-open",
       test_selection_shows_while_picking);
  ADD ("/app/reader/first-coding-does-not-move-the-text",
       test_first_coding_does_not_move_the_text);
  ADD ("/app/reader/coding-menu-has-a-section-per-coding", test_menu_has_a_section_per_coding);
  ADD ("/app/reader/remove-coding-action-removes-the-row", test_remove_action_removes_the_coding);
  ADD ("/app/reader/change-code-changes-the-coding-code", test_change_code_changes_the_code);
  ADD ("/app/reader/memo-is-saved-on-the-coding", test_memo_is_saved);
  ADD ("/app/reader/memo-is-kept-however-the-popover-closes",
       test_memo_is_kept_however_the_popover_closes);
  ADD ("/app/reader/new-code-from-selection-opens-the-editor-and-codes-the-passage",
       test_new_code_from_selection);
  ADD ("/app/reader/views-follow-each-coding-through-undo-and-redo",
       test_views_follow_each_coding);
  ADD ("/app/reader/coding-of-another-narrative-is-counted-not-shown",
       test_coding_elsewhere_is_counted_not_shown);
  ADD ("/app/reader/japanese-gutter-labels-stand-upright",
       test_japanese_gutter_labels_stand_upright);
  ADD ("/app/reader/short-stripe-names-its-code-in-its-tooltip-not-a-letter",
       test_short_stripe_names_its_code_in_its_tooltip);
  ADD ("/app/reader/stripes-of-two-coders-name-their-coders", test_stripes_name_their_coders);
#undef ADD

  return g_test_run ();
}
