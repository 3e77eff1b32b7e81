/* screenshots.c: PNGs of the main views, for the documentation and for review
 *
 * usage: run-under-xvfb screenshots [FOLDER]   (default _build/screenshots)
 *
 * On a fresh sample project (SHIRABE_SAMPLE_DIR and SHIRABE_TEMPLATE_DIR point at the source
 * tree's data/), saves in FOLDER, with the interface language's code as suffix (en, ja, …):
 * welcome-LANG.png, reader-LANG.png (the coded reader), reader-gutter-LANG.png (a Japanese
 * narrative coded by two coders, with Japanese code labels down the gutter), picker-LANG.png (the
 * code picker open over a selection), code-editor-LANG.png (the codebook's editor on a code) and
 * charts-*-LANG.png (the three charts, and the heatmap in the dark style), side-by-side-LANG.png
 * (the embassy record beside its Japanese translation, a coding carried across),
 * passages-near-LANG.png (the passages' query with near and not coded with). `make
 * screenshots` runs it in English and in Japanese (SHIRABE_LOCALEDIR, the build's po/).
 *
 * Each view is drawn as it is on screen: after the window has been mapped and has painted a
 * frame, its widgets are snapshotted and rendered to a texture by the window's renderer.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "shirabe-i18n.h"

#include <errno.h>
#include <locale.h>
#include <stdio.h>

#include <gdk/x11/gdkx.h>
#include <glib/gstdio.h>

#include "shirabe.h"
#include "shirabe-alignment.h"
#include "shirabe-codebook.h"
#include "shirabe-import-dialog.h"
#include "shirabe-preferences.h"
#include "shirabe-pseudonyms.h"
#include "shirabe-pseudonyms-dialog.h"
#include "shirabe-reader-private.h"
#include "shirabe-sample.h"
#include "shirabe-window.h"
#include "shirabe-window-files.h"
#include "shirabe-window-private.h"
#include "app-test-util.h"

#define WIDTH 1280
#define HEIGHT 800

static const char *folder;
static char *language;

/* Appends @widget (a window or a popover) as it is drawn, at its origin. */
static void
snapshot_native (GtkSnapshot *snapshot,
                 GtkWidget   *widget)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);

  gdk_paintable_snapshot (paintable, snapshot, gtk_widget_get_width (widget),
                          gtk_widget_get_height (widget));
}

/* Where @popover's origin is in @window's coordinates. */
static graphene_point_t
popover_origin (GtkWidget *popover,
                GtkWidget *window)
{
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (popover));
  double popover_x, popover_y, window_x, window_y;

  gtk_native_get_surface_transform (GTK_NATIVE (popover), &popover_x, &popover_y);
  gtk_native_get_surface_transform (GTK_NATIVE (window), &window_x, &window_y);
  return GRAPHENE_POINT_INIT (gdk_popup_get_position_x (GDK_POPUP (surface)) + popover_x - window_x,
                              gdk_popup_get_position_y (GDK_POPUP (surface)) + popover_y - window_y);
}

/* Saves @window, with @popover (or NULL) over it, as NAME-LANG.png. */
static void
save (const char *name,
      GtkWidget  *window,
      GtkWidget  *popover)
{
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *file_name = g_strdup_printf ("%s-%s.png", name, language);
  g_autofree char *path = g_build_filename (folder, file_name, NULL);
  GskRenderer *renderer = gtk_native_get_renderer (GTK_NATIVE (window));
  graphene_rect_t viewport = GRAPHENE_RECT_INIT (0, 0, gtk_widget_get_width (window),
                                                 gtk_widget_get_height (window));

  snapshot_native (snapshot, window);
  if (popover != NULL)
    {
      graphene_point_t origin = popover_origin (popover, window);

      gtk_snapshot_save (snapshot);
      gtk_snapshot_translate (snapshot, &origin);
      snapshot_native (snapshot, popover);
      gtk_snapshot_restore (snapshot);
    }
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (renderer, node, &viewport);
  if (!gdk_texture_save_to_png (texture, path))
    g_error ("%s could not be written", path);
  printf ("%s\n", path);
}

/* Lets the style's transitions end (the view switcher fades its buttons), then a frame. */
static void
settle (GtkWidget *window)
{
  gint64 until = g_get_monotonic_time () + 500 * G_TIME_SPAN_MILLISECOND;

  while (g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, FALSE);
  wait_for_frame (window);
}

/* A visible toplevel other than @window: the dialog it just opened. */
static GtkWidget *
find_dialog (GtkWidget *window)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) toplevel = g_list_model_get_item (toplevels, i);

      if (toplevel != window && gtk_widget_get_mapped (toplevel))
        return toplevel;
    }
  return NULL;
}

static void
on_imported (GObject      *source,
             GAsyncResult *result,
             gpointer      data)
{
  *(gboolean *) data = TRUE;
}

/* The sample project, built afresh in @dir. */
static char *
build_sample (const char *dir)
{
  g_autofree char *path = g_build_filename (dir, "sample.shirabe", NULL);
  g_autoptr(ShirabeProject) project = NULL;
  g_autoptr(GError) error = NULL;

  project = shirabe_project_create (path, NULL, SHIRABE_PROJECT_NO_HISTORY, &error);
  if (project == NULL ||
      !shirabe_project_build_sample (project, NULL, &error) ||
      !shirabe_project_close (project, &error))
    g_error ("The sample project was not built: %s", error->message);
  return g_steal_pointer (&path);
}

/* Selects a few words of the narrative shown, in its second paragraph when it has one. */
static void
select_passage (ShirabeReader *reader)
{
  GtkTextBuffer *buffer = shirabe_reader_get_buffer (reader);
  GtkTextIter start;
  GtkTextIter end;

  gtk_text_buffer_get_start_iter (buffer, &start);
  if (!gtk_text_iter_forward_line (&start))
    gtk_text_buffer_get_start_iter (buffer, &start);
  end = start;
  gtk_text_iter_forward_chars (&end, 24);
  gtk_text_buffer_select_range (buffer, &start, &end);
}

/* Scrolls the reader to its first coded passage, near the top. */
static void
scroll_to_first_coding (ShirabeReader *reader)
{
  ShirabeCodingView *view = shirabe_reader_get_coding_view (reader);
  GPtrArray *codings = shirabe_coding_view_get_codings (view);
  GtkTextIter iter;

  g_assert_cmpuint (codings->len, >, 0);
  wait_for_frame (GTK_WIDGET (view));
  gtk_text_buffer_get_iter_at_offset (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)), &iter,
                                      (int) ((ShirabeCoding *) codings->pdata[0])->start);
  gtk_text_view_scroll_to_iter (GTK_TEXT_VIEW (view), &iter, 0, TRUE, 0, 0.1);
  wait_for_frame (GTK_WIDGET (view));
  wait_for_frame (GTK_WIDGET (view));
}

/* Shows the first Japanese narrative of @project whose codings are of more than one coder. */
static void
show_japanese_narrative (ShirabeReader  *reader,
                         ShirabeProject *project)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) narratives = shirabe_project_list_narratives (project, 0, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < narratives->len; i++)
    {
      ShirabeNarrative *narrative = g_ptr_array_index (narratives, i);
      g_autoptr(GPtrArray) codings = NULL;

      if (g_strcmp0 (narrative->language, "ja") != 0)
        continue;
      codings = shirabe_project_list_codings (project, narrative->id, &error);
      g_assert_no_error (error);
      for (guint j = 1; j < codings->len; j++)
        if (((ShirabeCoding *) codings->pdata[j])->coder_id !=
            ((ShirabeCoding *) codings->pdata[0])->coder_id)
          {
            if (!shirabe_reader_show_narrative (reader, narrative, &error))
              g_error ("The narrative was not shown: %s", error->message);
            return;
          }
    }
  g_error ("The sample has no Japanese narrative coded by two coders");
}

/* The X server starts with its pointer in the middle of the screen, where the popovers shown
 * here open: GTK 4.8 then asks for a tooltip over a popover after it has closed and
 * complains of its missing surface (a warning, fatal here). A person's pointer is elsewhere:
 * the bottom left corner, under the sidebar's last row. */
static void
park_pointer (GtkWidget *window)
{
  Display *xdisplay = gdk_x11_display_get_xdisplay (gtk_widget_get_display (window));

  XWarpPointer (xdisplay, None, DefaultRootWindow (xdisplay), 0, 0, 0, 0, 1, HEIGHT - 2);
  XFlush (xdisplay);
  wait_for_frame (window);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GPtrArray) codes = NULL;
  g_autoptr(ShirabeNarrative) shown = NULL;
  g_autofree char *label_language = NULL;
  ShirabeProject *project;
  const char *localedir = g_getenv ("SHIRABE_LOCALEDIR");
  const char *messages;
  GtkWidget *window;
  ShirabeReader *reader;
  ShirabeCodebook *codebook;
  GtkWidget *picker;
  GtkWidget *menu;
  GtkWidget *editor;
  GtkWidget *dialog;
  gboolean imported = FALSE;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL && *localedir != '\0' ? localedir
                                                                           : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  /* The files' suffix: "ja" under ja_JP.UTF-8, "en" under C.UTF-8 and the rest. */
  messages = setlocale (LC_MESSAGES, NULL);
  language = g_strdup (messages != NULL && g_str_has_prefix (messages, "ja") ? "ja" : "en");

  gtk_init ();
  adw_init ();
  folder = argc > 1 ? argv[1] : "_build/screenshots";
  if (g_mkdir_with_parents (folder, 0755) != 0)
    g_error ("The folder %s cannot be created: %s", folder, g_strerror (errno));

  window = GTK_WIDGET (shirabe_window_new (NULL));
  gtk_window_set_default_size (GTK_WINDOW (window), WIDTH, HEIGHT);
  gtk_window_present (GTK_WINDOW (window));
  wait_for_frame (window);
  park_pointer (window);
  save ("welcome", window, NULL);

  dir = g_dir_make_tmp ("shirabe-screenshots-XXXXXX", &error);
  g_assert_no_error (error);
  path = build_sample (dir);
  file = g_file_new_for_path (path);
  if (!shirabe_window_open_file (SHIRABE_WINDOW (window), file, &error))
    g_error ("The sample project was not opened: %s", error->message);
  wait_for_frame (window);
  save ("reader", window, NULL);

  /* The gutter in vertical writing: the first Japanese narrative coded by two coders, its codes
   * labelled in Japanese, each stripe starting with its coder's initials. */
  reader = shirabe_window_get_reader (SHIRABE_WINDOW (window));
  project = shirabe_window_get_project (SHIRABE_WINDOW (window));
  shown = shirabe_project_get_narrative (project, shirabe_reader_get_narrative_id (reader),
                                         &error);
  g_assert_no_error (error);
  g_object_get (window, "label-language", &label_language, NULL);
  show_japanese_narrative (reader, project);
  g_object_set (window, "label-language", "ja", NULL);
  scroll_to_first_coding (reader);
  save ("reader-gutter", window, NULL);
  g_object_set (window, "label-language", label_language, NULL);
  if (!shirabe_reader_show_narrative (reader, shown, &error))
    g_error ("The narrative was not shown again: %s", error->message);
  wait_for_frame (window);

  /* The picker, as the reader opens it on a selection (Ctrl+K or the context menu). */
  select_passage (reader);
  if (!gtk_widget_activate_action (GTK_WIDGET (reader), "reader.pick-code", NULL))
    g_error ("reader.pick-code is not there");
  picker = GTK_WIDGET (shirabe_reader_get_picker (reader));
  while (!gtk_widget_get_mapped (picker))
    g_main_context_iteration (NULL, TRUE);
  wait_for_frame (picker);
  wait_for_frame (window);
  save ("picker", window, picker);
  gtk_popover_popdown (GTK_POPOVER (picker));

  /* The menu of a selected passage (the Menu key): code it, or copy it. */
  if (!gtk_widget_activate_action (GTK_WIDGET (reader), "reader.context-menu", NULL))
    g_error ("reader.context-menu is not there");
  /* The reader's own menu, a child of the reader (the header's menu button has another). */
  for (menu = gtk_widget_get_first_child (GTK_WIDGET (reader)); menu != NULL;
       menu = gtk_widget_get_next_sibling (menu))
    if (GTK_IS_POPOVER_MENU (menu) && gtk_widget_get_visible (menu))
      break;
  g_assert_nonnull (menu);
  while (!gtk_widget_get_mapped (menu))
    g_main_context_iteration (NULL, TRUE);
  wait_for_frame (menu);
  wait_for_frame (window);
  save ("selection-menu", window, menu);
  gtk_popover_popdown (GTK_POPOVER (menu));
  shirabe_reader_unselect (reader);

  /* Whose codings the reader shows: the menu of the coders' button. */
  {
    GtkWidget *button = find_widget_with_tooltip (GTK_WIDGET (reader), GTK_TYPE_MENU_BUTTON,
                                                  _("Whose Codings Are Shown"));

    g_assert_nonnull (button);
    gtk_menu_button_popup (GTK_MENU_BUTTON (button));
    menu = GTK_WIDGET (gtk_menu_button_get_popover (GTK_MENU_BUTTON (button)));
    while (!gtk_widget_get_mapped (menu))
      g_main_context_iteration (NULL, TRUE);
    wait_for_frame (menu);
    wait_for_frame (window);
    save ("reader-coders", window, menu);
    gtk_menu_button_popdown (GTK_MENU_BUTTON (button));
  }

  /* The sidebar's menu of the narrative read (the Menu key, or a right-click on its row). */
  {
    ShirabeSidebar *sidebar = shirabe_window_get_sidebar (SHIRABE_WINDOW (window));

    shirabe_sidebar_select_narrative (sidebar, shirabe_reader_get_narrative_id (reader));
    wait_for_frame (window);
    shirabe_sidebar_popup_row_menu (sidebar);
    menu = find_widget (GTK_WIDGET (sidebar), GTK_TYPE_POPOVER_MENU);
    g_assert_nonnull (menu);
    while (!gtk_widget_get_mapped (menu))
      g_main_context_iteration (NULL, TRUE);
    wait_for_frame (menu);
    wait_for_frame (window);
    save ("sidebar-menu", window, menu);
    gtk_popover_popdown (GTK_POPOVER (menu));
  }

  /* The passages of "Debt bondage" in Thai cases, as "Show Passages" and the filter give
   * them; then the search over every narrative for 借金. */
  {
    ShirabePassagesView *passages = shirabe_window_get_passages_view (SHIRABE_WINDOW (window));
    ShirabeCorpusSearch *search = shirabe_window_get_corpus_search (SHIRABE_WINDOW (window));
    gint64 code_id = shirabe_project_find_code (project, "control_debt_bondage", &error);
    gint64 nationality = shirabe_project_find_attribute (project, SHIRABE_SCOPE_CASE,
                                                         "nationality", &error);

    g_assert_no_error (error);
    if (!gtk_widget_activate_action (window, "win.show-passages", "x", code_id))
      g_error ("win.show-passages is not there");
    shirabe_filter_popover_add_attribute_condition (
      SHIRABE_FILTER_POPOVER (shirabe_passages_view_get_filter_popover (passages)),
      nationality, SHIRABE_FILTER_EQUALS, "Thailand");
    settle (window);
    save ("passages", window, NULL);

    /* The same passages within 500 characters of confiscated documents, leaving out deception about work or pay. */
    shirabe_passages_view_add_code (passages, shirabe_project_find_code (project,
                                                                         "control_documents",
                                                                         &error));
    shirabe_passages_view_set_mode (passages, SHIRABE_PASSAGES_NEAR);
    shirabe_passages_view_set_near_distance (passages, 500);
    shirabe_passages_view_add_not_code (passages, shirabe_project_find_code (project,
                                                                             "control_deception",
                                                                             &error));
    g_assert_no_error (error);
    settle (window);
    save ("passages-near", window, NULL);

    if (!gtk_widget_activate_action (window, "win.search-corpus", NULL))
      g_error ("win.search-corpus is not there");
    shirabe_corpus_search_search (search, "借金");
    settle (window);
    save ("search", window, NULL);

    /* (Before the charts, whose toolbar widens the middle once a chart is shown.) The embassy
     * record beside its Japanese translation, a coding of the record carried to
     * the aligned paragraph, the cursor in it marking its partner. */
    {
      ShirabeSidebar *sidebar = shirabe_window_get_sidebar (SHIRABE_WINDOW (window));
      ShirabeParallelView *parallel =
        shirabe_window_get_parallel_view (SHIRABE_WINDOW (window));
      gint64 was_shown = shirabe_sidebar_get_selected_id (sidebar);
      gint64 translation = shirabe_project_find_narrative (project,
                                                           "大使館記録 ATN-2004-0917（翻訳）",
                                                           &error);
      g_autoptr(GPtrArray) codings = NULL;
      GtkTextBuffer *buffer;
      GtkTextIter at;

      g_assert_no_error (error);
      codings = shirabe_project_list_codings (project, shirabe_project_find_narrative (
                                                project, "Embassy record ATN-2004-0917",
                                                &error), &error);
      g_assert_no_error (error);
      for (guint i = 0; i < codings->len; i++)
        {
          ShirabeCoding *coding = codings->pdata[i];
          g_autoptr(ShirabeCode) code = shirabe_project_get_code (project, coding->code_id,
                                                                  NULL);

          if (g_str_equal (code->var_name, "recruit_broker") &&
              g_str_equal (coding->coder_name, "Sato Haruka"))
            shirabe_project_carry_coding (project, coding->id, translation, &error);
        }
      g_assert_no_error (error);
      if (!shirabe_sidebar_select_narrative (sidebar, translation))
        g_error ("the embassy record's translation is not in the sidebar");
      if (!gtk_widget_activate_action (window, "win.show-view", "s", "side-by-side"))
        g_error ("win.show-view is not there");
      settle (window);
      buffer = gtk_text_view_get_buffer (shirabe_parallel_view_get_text_view (parallel, 4,
                                                                              FALSE));
      gtk_text_buffer_get_iter_at_offset (buffer, &at, 40);
      gtk_text_buffer_place_cursor (buffer, &at);
      settle (window);
      save ("side-by-side", window, NULL);
      shirabe_sidebar_select_narrative (sidebar, was_shown);
      if (!gtk_widget_activate_action (window, "win.show-view", "s", "reader"))
        g_error ("win.show-view is not there");
    }

    /* The two sample coders' agreement per narrative, a code's disagreements listed. */
    {
      ShirabeAgreementView *agreement =
        shirabe_window_get_agreement_view (SHIRABE_WINDOW (window));
      GListModel *rows = shirabe_agreement_view_get_rows (agreement);

      if (!gtk_widget_activate_action (window, "win.show-view", "s", "agreement"))
        g_error ("win.show-view is not there");
      shirabe_agreement_view_compute (agreement);
      while (shirabe_agreement_view_is_busy (agreement))
        g_main_context_iteration (NULL, TRUE);
      for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
        {
          shirabe_agreement_view_select_row (agreement, i);
          if (g_list_model_get_n_items (shirabe_agreement_view_get_disagreements (agreement)) > 1)
            break;
        }
      settle (window);
      save ("agreement", window, NULL);
    }

    /* The charts on the sample: exit paths by nationality, recruitment × control, the case ×
     * code matrix; the heatmap again in the dark style. */
    {
      ShirabeChartsView *charts = shirabe_window_get_charts_view (SHIRABE_WINDOW (window));
      gint64 exit_id = shirabe_project_find_code (project, "exit", &error);
      gint64 recruitment = shirabe_project_find_code (project, "recruitment", &error);
      gint64 control = shirabe_project_find_code (project, "control", &error);
      gint64 gender = shirabe_project_find_attribute (project, SHIRABE_SCOPE_CASE, "gender",
                                                      &error);
      AdwStyleManager *manager = adw_style_manager_get_default ();

      g_assert_no_error (error);
      if (!gtk_widget_activate_action (window, "win.show-view", "s", "charts"))
        g_error ("win.show-view is not there");
      shirabe_charts_view_set_stacked (charts, TRUE);
      shirabe_charts_view_show (charts, SHIRABE_CHART_FREQUENCIES, exit_id, 0, nationality,
                                SHIRABE_CHART_UNIT_CASES);
      while (shirabe_charts_view_is_busy (charts))
        g_main_context_iteration (NULL, TRUE);
      settle (window);
      save ("charts-frequencies", window, NULL);
      shirabe_charts_view_show (charts, SHIRABE_CHART_COOCCURRENCE, recruitment, control, 0,
                                SHIRABE_CHART_UNIT_CASES);
      while (shirabe_charts_view_is_busy (charts))
        g_main_context_iteration (NULL, TRUE);
      settle (window);
      save ("charts-cooccurrence", window, NULL);
      shirabe_charts_view_show (charts, SHIRABE_CHART_MATRIX, 0, 0, gender,
                                SHIRABE_CHART_UNIT_CASES);
      while (shirabe_charts_view_is_busy (charts))
        g_main_context_iteration (NULL, TRUE);
      settle (window);
      save ("charts-matrix", window, NULL);
      adw_style_manager_set_color_scheme (manager, ADW_COLOR_SCHEME_FORCE_DARK);
      shirabe_charts_view_show (charts, SHIRABE_CHART_COOCCURRENCE, recruitment, control, 0,
                                SHIRABE_CHART_UNIT_CASES);
      while (shirabe_charts_view_is_busy (charts))
        g_main_context_iteration (NULL, TRUE);
      settle (window);
      save ("charts-dark", window, NULL);
      adw_style_manager_set_color_scheme (manager, ADW_COLOR_SCHEME_DEFAULT);
      settle (window);
    }

    if (!gtk_widget_activate_action (window, "win.show-view", "s", "reader"))
      g_error ("win.show-view is not there");
    wait_for_frame (window);
  }

  /* The codebook's editor, on the first code that has a description. */
  codebook = SHIRABE_CODEBOOK (find_widget (window, SHIRABE_TYPE_CODEBOOK));
  codes = shirabe_project_list_codes (shirabe_window_get_project (SHIRABE_WINDOW (window)),
                                      &error);
  g_assert_no_error (error);
  g_assert_cmpuint (codes->len, >, 0);
  for (guint i = 0; i < codes->len; i++)
    {
      ShirabeCode *code = g_ptr_array_index (codes, i);

      if (i + 1 == codes->len || (code->codable && *code->description_en != '\0'))
        {
          shirabe_codebook_select_code (codebook, code->id);
          break;
        }
    }
  wait_for_frame (window);
  if (!gtk_widget_activate_action (GTK_WIDGET (codebook), "codebook.edit-code", NULL))
    g_error ("codebook.edit-code is not there");
  while ((editor = find_dialog (window)) == NULL)
    g_main_context_iteration (NULL, TRUE);
  wait_for_frame (editor);
  save ("code-editor", editor, NULL);

  gtk_window_destroy (GTK_WINDOW (editor));
  while (find_dialog (window) != NULL)
    g_main_context_iteration (NULL, TRUE);

  /* Restore From Backup, with a backup of the sample made for the occasion. */
  if (!shirabe_project_write_backup (shirabe_window_get_project (SHIRABE_WINDOW (window)),
                                     "before-merge", NULL, &error))
    g_error ("No backup was written: %s", error->message);
  if (!gtk_widget_activate_action (window, "win.restore-backup", NULL))
    g_error ("win.restore-backup is not there");
  while ((dialog = find_dialog (window)) == NULL)
    g_main_context_iteration (NULL, TRUE);
  wait_for_frame (dialog);
  save ("restore", dialog, NULL);
  gtk_window_destroy (GTK_WINDOW (dialog));
  while (find_dialog (window) != NULL)
    g_main_context_iteration (NULL, TRUE);

  /* Preferences, down to how many backups are kept. */
  {
    g_autoptr(GSettings) settings = shirabe_settings_new ();

    dialog = GTK_WIDGET (shirabe_preferences_window_new (GTK_WINDOW (window), settings));
    gtk_window_present (GTK_WINDOW (dialog));
    settle (dialog);
    save ("preferences", dialog, NULL);
    gtk_window_destroy (GTK_WINDOW (dialog));
    while (find_dialog (window) != NULL)
      g_main_context_iteration (NULL, TRUE);
  }

  /* The export dialog, as the header's Export button opens it. */
  if (!gtk_widget_activate_action (window, "win.export", NULL))
    g_error ("win.export is not there");
  while ((dialog = find_dialog (window)) == NULL)
    g_main_context_iteration (NULL, TRUE);
  wait_for_frame (dialog);
  save ("export-dialog", dialog, NULL);
  gtk_window_destroy (GTK_WINDOW (dialog));
  while (find_dialog (window) != NULL)
    g_main_context_iteration (NULL, TRUE);

  /* The pseudonym table with two names confirmed in each script and the suggestions under it,
   * then the report of a pseudonymised copy. */
  {
    g_autofree char *copy = g_build_filename (dir, "shared.shirabe", NULL);
    ShirabePseudonymsDialog *pseudonyms;

    if (!gtk_widget_activate_action (window, "win.pseudonyms", NULL))
      g_error ("win.pseudonyms is not there");
    while ((dialog = find_dialog (window)) == NULL)
      g_main_context_iteration (NULL, TRUE);
    pseudonyms = SHIRABE_PSEUDONYMS_DIALOG (dialog);
    shirabe_pseudonyms_dialog_add (pseudonyms, "Maricel", "Ana");
    shirabe_pseudonyms_dialog_add (pseudonyms, "デラ・クルス", "レイエス");
    shirabe_pseudonyms_dialog_confirm_suggestion (pseudonyms, 1);
    if (shirabe_project_add_pseudonym (shirabe_window_get_project (SHIRABE_WINDOW (window)),
                                       "Villanueva", "Santos", "", FALSE, &error) == 0)
      g_error ("No pseudonym was added: %s", error->message);
    wait_for_frame (dialog);
    save ("pseudonyms", dialog, NULL);

    shirabe_pseudonyms_dialog_save_copy (pseudonyms, copy);
    while (shirabe_pseudonyms_dialog_get_report (pseudonyms) == NULL)
      g_main_context_iteration (NULL, TRUE);
    wait_for_frame (GTK_WIDGET (shirabe_pseudonyms_dialog_get_report (pseudonyms)));
    save ("pseudonymised-copy", GTK_WIDGET (shirabe_pseudonyms_dialog_get_report (pseudonyms)),
          NULL);
    gtk_window_destroy (GTK_WINDOW (shirabe_pseudonyms_dialog_get_report (pseudonyms)));
    gtk_window_destroy (GTK_WINDOW (dialog));
    while (find_dialog (window) != NULL)
      g_main_context_iteration (NULL, TRUE);
  }

  /* Case attributes from Excel-ja's CSV, as the import shows them before it imports. */
  {
    g_autofree char *csv = g_build_filename (g_getenv ("SHIRABE_FIXTURES_DIR") != NULL
                                             ? g_getenv ("SHIRABE_FIXTURES_DIR") : ".",
                                             "attributes-cp932.csv", NULL);

    if (g_file_test (csv, G_FILE_TEST_EXISTS))
      {
        g_autoptr(GError) attributes_error = NULL;

        dialog = GTK_WIDGET (shirabe_window_ask_import_attributes (SHIRABE_WINDOW (window), csv,
                                                                   &attributes_error));
        g_assert_no_error (attributes_error);
        wait_for_frame (dialog);
        save ("import-attributes", dialog, NULL);
        gtk_window_destroy (GTK_WINDOW (dialog));
        while (find_dialog (window) != NULL)
          g_main_context_iteration (NULL, TRUE);
      }
  }

  /* The import's result: two narratives taken, a binary file refused with its reason. */
  {
    static const char binary[] = { 'P', 'K', 3, 4, 0, 0, 0, 0, 1, 2, 3 };
    g_autofree char *first = g_build_filename (dir, "interview-12.txt", NULL);
    g_autofree char *second = g_build_filename (dir, "聞き取り記録-13.txt", NULL);
    g_autofree char *third = g_build_filename (dir, "scan-14.docx", NULL);
    const char *paths[] = { first, second, third, NULL };

    g_file_set_contents (first, "She was told the debt had doubled.\n", -1, NULL);
    g_file_set_contents (second, "借金が倍になったと言われた。\n", -1, NULL);
    g_file_set_contents (third, binary, sizeof binary, NULL);

    /* First what the import asks: where the narratives go, and their language. */
    dialog = GTK_WIDGET (shirabe_import_ask (SHIRABE_WINDOW (window), paths));
    gtk_drop_down_set_selected (GTK_DROP_DOWN (gtk_widget_get_first_child (
                                  adw_message_dialog_get_extra_child (
                                    ADW_MESSAGE_DIALOG (dialog)))), 3);
    wait_for_frame (dialog);
    save ("import-ask", dialog, NULL);
    gtk_window_destroy (GTK_WINDOW (dialog));
    while (find_dialog (window) != NULL)
      g_main_context_iteration (NULL, TRUE);

    shirabe_import_run_async (SHIRABE_WINDOW (window), paths, on_imported, &imported);
    while (!imported)
      g_main_context_iteration (NULL, TRUE);
    while ((dialog = find_dialog (window)) == NULL)
      g_main_context_iteration (NULL, TRUE);
    wait_for_frame (dialog);
    save ("import-result", dialog, NULL);
    gtk_window_destroy (GTK_WINDOW (dialog));
  }

  gtk_window_destroy (GTK_WINDOW (window));
  while (g_main_context_iteration (NULL, FALSE))
    ;
  rm_rf (dir);
  g_free (language);
  return 0;
}
