/* test-walkthrough.c: a new user's first session, driven by real input through the X server
 *
 * The window runs in this process, but every click, drag, right-click and key press is injected
 * with XTEST into the X server and reaches the widgets through GDK's event handling, as a
 * person's would. Only the choice of files to import goes through the app's import function
 * (the file chooser's multiple selection is a GTK widget, not ours to test).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "shirabe-i18n.h"

#include <stdlib.h>
#include <string.h>

#include <glib/gstdio.h>
#include <gdk/x11/gdkx.h>
#include <X11/keysym.h>
#include <X11/extensions/XTest.h>

#include "shirabe.h"
#include "shirabe-code-picker.h"
#include "shirabe-codebook.h"
#include "shirabe-import-dialog.h"
#include "shirabe-reader-private.h"
#include "shirabe-window.h"
#include "app-test-util.h"

/* Three narratives, as a researcher might get them; every passage coded below is unique. */
static const char *const narrative_files[] = { "interview-a.txt", "interview-b.txt",
                                               "ngo-record-c.txt" };
static const char *const narrative_titles[] = { "interview-a", "interview-b", "ngo-record-c" };
static const char *const narrative_texts[] = {
  "She was recruited by a broker in Manila.\n"
  "The broker promised work in a restaurant in Osaka.\n"
  "Her passport was taken at the airport.\n"
  "She owed a debt of three million yen.\n"
  "彼女は借金を理由に外出を禁止された。\n",

  "He answered an advertisement for factory work.\n"
  "The agency kept his residence card in a safe.\n"
  "He could not leave the dormitory at night.\n"
  "His wages went to repay the travel costs.\n",

  "The client was moved between three bars in Nagoya.\n"
  "A manager watched the door of the apartment.\n"
  "Her phone was taken away on the first day.\n"
  "She was told the police would arrest her.\n"
  "店の寮には鍵がかけられていた。\n",
};

/* The codes the user makes with the codebook's Add button; keys 1 to 4 follow this order. */
static const char *const code_labels[] = { "Recruitment", "Debt", "Confinement", "Documents" };

typedef enum
{
  BY_DRAG_AND_TREE,     /* drag over the text, double-click the code in the codebook */
  BY_DRAG_AND_PICKER,   /* drag over the text, Ctrl+E, type a filter, Enter */
  BY_KEYS_AND_NUMBER,   /* click, Shift+Right to the end, the code's number key */
  BY_KEYS_AND_PICKER,   /* click, Shift+Right to the end, Ctrl+E, type a filter, Enter */
} Method;

typedef struct
{
  guint       narrative;  /* index into narrative_texts */
  const char *passage;
  guint       code;       /* index into code_labels */
  Method      method;
  const char *filter;     /* typed into the picker */
} Step;

/* Twenty passages over the three narratives; the last five are undone. */
static const Step steps[] = {
  { 0, "recruited by a broker", 0, BY_DRAG_AND_TREE, NULL },
  { 0, "promised work in a restaurant", 0, BY_KEYS_AND_NUMBER, NULL },
  { 0, "passport was taken", 3, BY_DRAG_AND_PICKER, "docu" },
  { 0, "owed a debt", 1, BY_KEYS_AND_NUMBER, NULL },
  { 0, "借金を理由に外出を禁止された", 2, BY_DRAG_AND_TREE, NULL },
  { 0, "three million yen", 1, BY_KEYS_AND_PICKER, "debt" },
  { 0, "She was recruited", 0, BY_DRAG_AND_TREE, NULL },
  { 1, "answered an advertisement", 0, BY_KEYS_AND_NUMBER, NULL },
  { 1, "kept his residence card", 3, BY_DRAG_AND_TREE, NULL },
  { 1, "could not leave the dormitory", 2, BY_KEYS_AND_PICKER, "conf" },
  { 1, "repay the travel costs", 1, BY_DRAG_AND_PICKER, "debt" },
  { 1, "factory work", 0, BY_KEYS_AND_NUMBER, NULL },
  { 1, "in a safe", 3, BY_KEYS_AND_NUMBER, NULL },
  { 2, "moved between three bars", 0, BY_DRAG_AND_TREE, NULL },
  { 2, "watched the door", 2, BY_KEYS_AND_NUMBER, NULL },
  /* Undone: */
  { 2, "phone was taken away", 3, BY_DRAG_AND_PICKER, "docu" },
  { 2, "police would arrest her", 2, BY_KEYS_AND_PICKER, "conf" },
  { 2, "鍵がかけられていた", 2, BY_DRAG_AND_TREE, NULL },
  { 2, "the first day", 3, BY_KEYS_AND_NUMBER, NULL },
  { 1, "His wages", 1, BY_KEYS_AND_NUMBER, NULL },
};
#define N_UNDOS 5

typedef struct
{
  char          *dir;
  char          *path;
  Display       *xdisplay;
  ShirabeWindow *window;
  gint64         narrative_ids[G_N_ELEMENTS (narrative_texts)];
  gint64         code_ids[G_N_ELEMENTS (code_labels)];
} Walk;

/* How much slower than usual the machine is taken to be: SHIRABE_TEST_SLOWDOWN=20 under
 * valgrind. Waits for a condition give up only after 20 s times this. */
static guint
slowdown (void)
{
  const char *value = g_getenv ("SHIRABE_TEST_SLOWDOWN");
  int factor = value != NULL ? atoi (value) : 1;

  return factor > 1 ? (guint) factor : 1;
}

/* Lets GTK handle what the X server delivered for @ms milliseconds. */
static void
pump (guint ms)
{
  gint64 until = g_get_monotonic_time () + (gint64) ms * 1000 * slowdown ();

  while (g_get_monotonic_time () < until)
    {
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (2000);
    }
}

typedef gboolean (*Condition) (gpointer data);

/* Pumps until @condition holds, for twenty seconds at most (a loaded machine may be slow;
 * a passing run never waits that long). */
static gboolean
pump_until (Condition condition,
            gpointer  data)
{
  gint64 until = g_get_monotonic_time () + (gint64) 20 * G_USEC_PER_SEC * slowdown ();

  while (!condition (data))
    {
      if (g_get_monotonic_time () > until)
        return FALSE;
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (2000);
    }
  return TRUE;
}

/* --- Finding widgets on the screen --- */

typedef gboolean (*WidgetTest) (GtkWidget *widget, gconstpointer data);

static void
collect (GtkWidget     *widget,
         WidgetTest     test,
         gconstpointer  data,
         GPtrArray     *found)
{
  if (!gtk_widget_get_mapped (widget))
    return;
  if (test (widget, data))
    g_ptr_array_add (found, widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect (child, test, data, found);
}

static gboolean
is_label_with_text (GtkWidget     *widget,
                    gconstpointer  text)
{
  return GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0;
}

static gboolean
is_of_type (GtkWidget     *widget,
            gconstpointer  type)
{
  return G_TYPE_CHECK_INSTANCE_TYPE (widget, GPOINTER_TO_SIZE (type));
}

static gboolean
is_button_for_action (GtkWidget     *widget,
                      gconstpointer  action)
{
  return GTK_IS_BUTTON (widget) &&
         g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), action) == 0;
}

static gboolean
is_close_button (GtkWidget     *widget,
                 gconstpointer  data)
{
  return GTK_IS_BUTTON (widget) && gtk_widget_has_css_class (widget, "close");
}

/* The last mapped widget under @root that passes @test, or NULL. */
static GtkWidget *
find_last (GtkWidget     *root,
           WidgetTest     test,
           gconstpointer  data)
{
  g_autoptr(GPtrArray) found = g_ptr_array_new ();

  collect (root, test, data, found);
  return found->len > 0 ? g_ptr_array_index (found, found->len - 1) : NULL;
}

typedef struct
{
  GtkWidget     *root;
  WidgetTest     test;
  gconstpointer  data;
  GtkWidget     *widget;
} Search;

static gboolean
search_finds (gpointer data)
{
  Search *search = data;

  search->widget = find_last (search->root, search->test, search->data);
  return search->widget != NULL;
}

static GtkWidget *
wait_for_widget (GtkWidget     *root,
                 WidgetTest     test,
                 gconstpointer  data)
{
  Search search = { root, test, data, NULL };

  pump_until (search_finds, &search);
  return search.widget;
}

static gboolean
dialog_takes_typing (gpointer data)
{
  GtkWindow *main_window = data;
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);
      GtkWidget *focus;

      if (window == main_window || !gtk_widget_get_mapped (GTK_WIDGET (window)) ||
          !gtk_window_is_active (window))
        continue;
      focus = gtk_window_get_focus (window);
      if (focus != NULL && GTK_IS_EDITABLE (focus))
        return TRUE;
    }
  return FALSE;
}

/* Waits for a dialog in front of @main_window, active with its text field focused, so that
 * what is typed next goes there however slow the machine. */
static void
wait_for_dialog_typing (ShirabeWindow *main_window)
{
  g_assert_true (pump_until (dialog_takes_typing, main_window));
  pump (50);
}

/* Where (@x, @y) of @widget is on the screen, through its surface's place on the X root. */
static void
to_root (GtkWidget *widget,
         double     x,
         double     y,
         int       *root_x,
         int       *root_y)
{
  GtkNative *native = gtk_widget_get_native (widget);
  GdkSurface *surface = gtk_native_get_surface (native);
  Display *xdisplay = gdk_x11_display_get_xdisplay (gtk_widget_get_display (widget));
  double native_x, native_y, offset_x, offset_y;
  Window child;

  g_assert_true (gtk_widget_translate_coordinates (widget, GTK_WIDGET (native), x, y,
                                                   &native_x, &native_y));
  gtk_native_get_surface_transform (native, &offset_x, &offset_y);
  XTranslateCoordinates (xdisplay, gdk_x11_surface_get_xid (surface),
                         DefaultRootWindow (xdisplay),
                         (int) (native_x + offset_x), (int) (native_y + offset_y),
                         root_x, root_y, &child);
}

/* --- Input through XTEST --- */

static Display *
xdisplay (void)
{
  return gdk_x11_display_get_xdisplay (gdk_display_get_default ());
}

static void
move_to (int x,
         int y)
{
  XTestFakeMotionEvent (xdisplay (), -1, x, y, CurrentTime);
  XFlush (xdisplay ());
  pump (30);
}

static void
move_to_widget (GtkWidget *widget,
                double     x,
                double     y)
{
  int root_x, root_y;

  to_root (widget, x, y, &root_x, &root_y);
  move_to (root_x, root_y);
}

static void
button (guint    number,
        gboolean press)
{
  XTestFakeButtonEvent (xdisplay (), number, press, CurrentTime);
  XFlush (xdisplay ());
  pump (30);
}

static void
click_at (GtkWidget *widget,
          double     x,
          double     y,
          guint      number)
{
  move_to_widget (widget, x, y);
  button (number, TRUE);
  button (number, FALSE);
  pump (60);
}

static void
click_widget (GtkWidget *widget,
              guint      number)
{
  g_assert_nonnull (widget);
  click_at (widget, gtk_widget_get_width (widget) / 2.0, gtk_widget_get_height (widget) / 2.0,
            number);
}

static void
double_click_widget (GtkWidget *widget)
{
  g_assert_nonnull (widget);
  move_to_widget (widget, gtk_widget_get_width (widget) / 2.0,
                  gtk_widget_get_height (widget) / 2.0);
  button (1, TRUE);
  button (1, FALSE);
  button (1, TRUE);
  button (1, FALSE);
  pump (100);
}

static void
key_event (KeySym   keysym,
           gboolean press)
{
  KeyCode keycode = XKeysymToKeycode (xdisplay (), keysym);

  g_assert_cmpint (keycode, !=, 0);
  XTestFakeKeyEvent (xdisplay (), keycode, press, CurrentTime);
  XFlush (xdisplay ());
}

/* Presses @keysym with the modifiers in @mods (Control and Shift) held. */
static void
press_key (KeySym          keysym,
           GdkModifierType mods)
{
  if (mods & GDK_CONTROL_MASK)
    key_event (XK_Control_L, TRUE);
  if (mods & GDK_SHIFT_MASK)
    key_event (XK_Shift_L, TRUE);
  key_event (keysym, TRUE);
  key_event (keysym, FALSE);
  if (mods & GDK_SHIFT_MASK)
    key_event (XK_Shift_L, FALSE);
  if (mods & GDK_CONTROL_MASK)
    key_event (XK_Control_L, FALSE);
  pump (25);
}

/* Types ASCII @text, with Shift for capitals. */
static void
type_text (const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    {
      char name[2] = { g_ascii_tolower (*p), '\0' };
      KeySym keysym;

      switch (*p)
        {
        case '/': keysym = XK_slash; break;
        case '.': keysym = XK_period; break;
        case '-': keysym = XK_minus; break;
        case ' ': keysym = XK_space; break;
        default: keysym = XStringToKeysym (name); break;
        }
      g_assert_cmpuint (keysym, !=, NoSymbol);
      press_key (keysym, g_ascii_isupper (*p) ? GDK_SHIFT_MASK : 0);
    }
}

/* --- The app's state --- */

static ShirabeReader *
reader_of (Walk *walk)
{
  return shirabe_window_get_reader (walk->window);
}

static GtkTextView *
text_view_of (Walk *walk)
{
  GtkWidget *view = find_last (GTK_WIDGET (reader_of (walk)), is_of_type,
                               GSIZE_TO_POINTER (GTK_TYPE_TEXT_VIEW));
  g_assert_nonnull (view);
  return GTK_TEXT_VIEW (view);
}

static GtkWidget *
codebook_of (Walk *walk)
{
  GtkWidget *codebook = find_last (GTK_WIDGET (walk->window), is_of_type,
                                   GSIZE_TO_POINTER (SHIRABE_TYPE_CODEBOOK));
  g_assert_nonnull (codebook);
  return codebook;
}

static guint
count_codings (Walk *walk)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) codings = NULL;

  codings = shirabe_project_list_codings (shirabe_window_get_project (walk->window), 0, &error);
  g_assert_no_error (error);
  return codings->len;
}

typedef struct
{
  Walk  *walk;
  guint  n;
} Count;

static gboolean
has_n_codings (gpointer data)
{
  Count *count = data;
  return count_codings (count->walk) == count->n;
}

static void
assert_n_codings_soon (Walk  *walk,
                       guint  n)
{
  Count count = { walk, n };

  pump_until (has_n_codings, &count);
  g_assert_cmpuint (count_codings (walk), ==, n);
}

/* Where @passage lies in narrative @index, in code points. */
static void
passage_range (guint       index,
               const char *passage,
               gint64     *start,
               gint64     *end)
{
  const char *text = narrative_texts[index];
  const char *at = strstr (text, passage);

  g_assert_nonnull (at);
  g_assert_null (strstr (at + 1, passage));
  *start = g_utf8_pointer_to_offset (text, at);
  *end = *start + g_utf8_strlen (passage, -1);
}

/* The point on the screen at the left edge of character @offset, half-way down its line. */
static void
offset_point (Walk   *walk,
              gint64  offset,
              double *x,
              double *y)
{
  GtkTextView *view = text_view_of (walk);
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GdkRectangle rect;
  GtkTextIter iter;
  int wx, wy;

  gtk_text_buffer_get_iter_at_offset (buffer, &iter, (int) offset);
  gtk_text_view_get_iter_location (view, &iter, &rect);
  gtk_text_view_buffer_to_window_coords (view, GTK_TEXT_WINDOW_WIDGET, rect.x, rect.y + rect.height / 2,
                                         &wx, &wy);
  *x = wx + 1;
  *y = wy;
}

typedef struct
{
  Walk   *walk;
  gint64  id;
} Narrative;

static gboolean
reader_shows (gpointer data)
{
  Narrative *narrative = data;
  return shirabe_reader_get_narrative_id (reader_of (narrative->walk)) == narrative->id;
}

/* Clicks the narrative's row in the sidebar and waits for the reader to show it. */
static void
open_narrative (Walk  *walk,
                guint  index)
{
  Narrative narrative = { walk, walk->narrative_ids[index] };
  GtkWidget *sidebar = GTK_WIDGET (shirabe_window_get_sidebar (walk->window));

  if (reader_shows (&narrative))
    return;
  /* The case (named after the file too) heads the row: the narrative's label comes last. */
  click_widget (find_last (sidebar, is_label_with_text, narrative_titles[index]), 1);
  g_assert_true (pump_until (reader_shows, &narrative));
  pump (100);
}

static void
drag_select (Walk   *walk,
             gint64  start,
             gint64  end)
{
  GtkWidget *view = GTK_WIDGET (text_view_of (walk));
  double x0, y0, x1, y1;

  offset_point (walk, start, &x0, &y0);
  offset_point (walk, end, &x1, &y1);
  move_to_widget (view, x0, y0);
  button (1, TRUE);
  for (int i = 1; i <= 4; i++)
    move_to_widget (view, x0 + (x1 - x0) * i / 4, y0 + (y1 - y0) * i / 4);
  button (1, FALSE);
  pump (60);
}

/* The caret at @start when @start == @end, else the selection [@start, @end). */
static void
assert_selection_or_caret (Walk   *walk,
                           gint64  start,
                           gint64  end)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (text_view_of (walk));
  GtkTextIter a, b;

  gtk_text_buffer_get_selection_bounds (buffer, &a, &b);
  g_assert_cmpint (gtk_text_iter_get_offset (&a), ==, start);
  g_assert_cmpint (gtk_text_iter_get_offset (&b), ==, end);
}

static void
keyboard_select (Walk   *walk,
                 gint64  start,
                 gint64  end)
{
  double x, y;

  offset_point (walk, start, &x, &y);
  click_at (GTK_WIDGET (text_view_of (walk)), x, y, 1);
  assert_selection_or_caret (walk, start, start);
  for (gint64 i = start; i < end; i++)
    press_key (XK_Right, GDK_SHIFT_MASK);
}

static void
assert_selection (Walk   *walk,
                  gint64  start,
                  gint64  end)
{
  gint64 got_start = -1, got_end = -1;

  g_assert_true (shirabe_reader_get_selection (reader_of (walk), &got_start, &got_end));
  g_assert_cmpint (got_start, ==, start);
  g_assert_cmpint (got_end, ==, end);
}

static gboolean
picker_is_closed (gpointer data)
{
  Walk *walk = data;
  return find_last (GTK_WIDGET (reader_of (walk)), is_of_type,
                    GSIZE_TO_POINTER (SHIRABE_TYPE_CODE_PICKER)) == NULL;
}

static void
pick_code (Walk       *walk,
           const char *filter)
{
  GtkWidget *label;

  press_key (XK_e, GDK_CONTROL_MASK);
  /* The picker is open when its first code shows. */
  label = wait_for_widget (GTK_WIDGET (reader_of (walk)), is_label_with_text, code_labels[0]);
  g_assert_nonnull (label);
  type_text (filter);
  pump (100);
  press_key (XK_Return, 0);
  g_assert_true (pump_until (picker_is_closed, walk));
}

static void
code_passage (Walk       *walk,
              const Step *step)
{
  static const KeySym numbers[] = { XK_1, XK_2, XK_3, XK_4, XK_5, XK_6, XK_7, XK_8, XK_9 };
  gint64 start, end;

  open_narrative (walk, step->narrative);
  passage_range (step->narrative, step->passage, &start, &end);

  if (step->method == BY_DRAG_AND_TREE || step->method == BY_DRAG_AND_PICKER)
    drag_select (walk, start, end);
  else
    keyboard_select (walk, start, end);
  assert_selection (walk, start, end);

  switch (step->method)
    {
    case BY_DRAG_AND_TREE:
      double_click_widget (find_last (codebook_of (walk), is_label_with_text,
                                      code_labels[step->code]));
      break;
    case BY_KEYS_AND_NUMBER:
      press_key (numbers[step->code], 0);
      break;
    case BY_DRAG_AND_PICKER:
    case BY_KEYS_AND_PICKER:
      pick_code (walk, step->filter);
      break;
    default:
      g_assert_not_reached ();
    }
}

/* The coding of narrative @index over @passage, or NULL. */
static ShirabeCoding *
find_coding (GPtrArray  *codings,
             gint64      narrative_id,
             gint64      start,
             gint64      end)
{
  for (guint i = 0; i < codings->len; i++)
    {
      ShirabeCoding *coding = g_ptr_array_index (codings, i);
      if (coding->narrative_id == narrative_id && coding->start == start && coding->end == end)
        return coding;
    }
  return NULL;
}

/* The project at @path holds the three narratives and exactly the first @n_kept steps' codings
 * but step @removed (-1: none), each with its code, offsets and the coder. */
static void
assert_project_holds (Walk       *walk,
                      const char *path,
                      guint       n_kept,
                      int         removed)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ShirabeProject) project = NULL;
  g_autoptr(GPtrArray) narratives = NULL;
  g_autoptr(GPtrArray) codings = NULL;

  project = shirabe_project_open (path, SHIRABE_PROJECT_READ_ONLY, &error);
  g_assert_no_error (error);
  narratives = shirabe_project_list_narratives (project, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (narratives->len, ==, G_N_ELEMENTS (narrative_texts));
  for (guint i = 0; i < narratives->len; i++)
    {
      ShirabeNarrative *narrative = g_ptr_array_index (narratives, i);
      g_autofree char *text = shirabe_project_dup_narrative_text (project, narrative->id, &error);

      g_assert_no_error (error);
      g_assert_cmpstr (narrative->title, ==, narrative_titles[i]);
      g_assert_cmpstr (text, ==, narrative_texts[i]);
      g_assert_cmpint (narrative->id, ==, walk->narrative_ids[i]);
    }

  codings = shirabe_project_list_codings (project, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (codings->len, ==, n_kept - (removed >= 0 ? 1 : 0));
  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    {
      ShirabeCoding *coding;
      gint64 start, end;

      passage_range (steps[i].narrative, steps[i].passage, &start, &end);
      coding = find_coding (codings, walk->narrative_ids[steps[i].narrative], start, end);
      if (i >= n_kept || (int) i == removed)
        {
          g_assert_null (coding);
          continue;
        }
      g_assert_nonnull (coding);
      g_assert_cmpint (coding->code_id, ==, walk->code_ids[steps[i].code]);
      g_assert_cmpstr (coding->coder_name, ==, "Test Coder");
    }
  shirabe_project_close (project, &error);
  g_assert_no_error (error);
}

/* The same from outside: the command line lists @n codings of the file. */
static void
assert_cli_lists (const char *path,
                  guint       n)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_auto(GStrv) lines = NULL;
  const char *argv[] = { g_getenv ("SHIRABE_CLI"), "codings", path, NULL };
  int status;

  g_assert_nonnull (argv[0]);
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, &out, NULL,
                &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  lines = g_strsplit (g_strchomp (out), "\n", -1);
  /* A heading, then one line a coding. */
  g_assert_cmpuint (g_strv_length (lines), ==, n + 1);
  for (guint i = 1; lines[i] != NULL; i++)
    g_assert_nonnull (strstr (lines[i], "Test Coder"));
}

static void
open_window (Walk *walk)
{
  walk->window = g_object_ref_sink (shirabe_window_new (NULL));
  gtk_window_present (GTK_WINDOW (walk->window));
  pump (300);
}

/* A real click on the header bar's close button; the window closes its project. */
static void
close_window (Walk *walk)
{
  GtkWidget *close = find_last (GTK_WIDGET (walk->window), is_close_button, NULL);

  click_widget (close, 1);
  pump (200);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (walk->window)));
  g_clear_object (&walk->window);
  pump (100);
}

static gboolean
project_is_open (gpointer data)
{
  Walk *walk = data;
  return shirabe_window_get_project (walk->window) != NULL;
}

static gboolean
has_three_narratives (gpointer data)
{
  Walk *walk = data;
  ShirabeProject *project = shirabe_window_get_project (walk->window);
  g_autoptr(GPtrArray) narratives = shirabe_project_list_narratives (project, 0, NULL);

  return narratives != NULL && narratives->len == G_N_ELEMENTS (narrative_texts);
}

static void
create_project_and_import (Walk *walk)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) narratives = NULL;
  g_autoptr(GPtrArray) codes = NULL;
  GtkWidget *welcome_button;

  /* The welcome page's New Project button, then the file chooser: a path typed into its name
   * field and Enter. */
  welcome_button = wait_for_widget (GTK_WIDGET (walk->window), is_button_for_action,
                                    "win.new-project");
  click_widget (welcome_button, 1);
  wait_for_dialog_typing (walk->window);
  press_key (XK_a, GDK_CONTROL_MASK);
  type_text (walk->path);
  press_key (XK_Return, 0);
  g_assert_true (pump_until (project_is_open, walk));
  g_assert_cmpstr (shirabe_project_get_path (shirabe_window_get_project (walk->window)), ==,
                   walk->path);

  /* The files chosen, the import runs in its thread and shows what it imported. */
  for (guint i = 0; i < G_N_ELEMENTS (narrative_files); i++)
    {
      char *path = g_build_filename (walk->dir, narrative_files[i], NULL);
      g_file_set_contents (path, narrative_texts[i], -1, &error);
      g_assert_no_error (error);
      g_ptr_array_add (paths, path);
    }
  g_ptr_array_add (paths, NULL);
  shirabe_import_run_async (walk->window, (const char * const *) paths->pdata, NULL, NULL);
  g_assert_true (pump_until (has_three_narratives, walk));
  pump (300);
  /* Escape closes the report. */
  press_key (XK_Escape, 0);
  pump (200);

  narratives = shirabe_project_list_narratives (shirabe_window_get_project (walk->window), 0,
                                                &error);
  g_assert_no_error (error);
  for (guint i = 0; i < narratives->len; i++)
    {
      ShirabeNarrative *narrative = g_ptr_array_index (narratives, i);
      g_assert_cmpstr (narrative->title, ==, narrative_titles[i]);
      walk->narrative_ids[i] = narrative->id;
    }

  /* The codes, with the codebook's Add button: a label typed, Enter saves. */
  for (guint i = 0; i < G_N_ELEMENTS (code_labels); i++)
    {
      click_widget (find_last (codebook_of (walk), is_button_for_action, "codebook.add-code"), 1);
      wait_for_dialog_typing (walk->window);
      type_text (code_labels[i]);
      press_key (XK_Return, 0);
      g_assert_nonnull (wait_for_widget (codebook_of (walk), is_label_with_text,
                                         code_labels[i]));
    }
  codes = shirabe_project_list_codes (shirabe_window_get_project (walk->window), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (codes->len, ==, G_N_ELEMENTS (code_labels));
  for (guint i = 0; i < codes->len; i++)
    {
      ShirabeCode *code = g_ptr_array_index (codes, i);
      g_assert_cmpstr (code->label_en, ==, code_labels[i]);
      walk->code_ids[i] = code->id;
    }
}

static void
test_walkthrough (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(ShirabeCode) moved = NULL;
  g_autoptr(GPtrArray) codings = NULL;
  Walk walk = { 0 };
  guint n_kept = G_N_ELEMENTS (steps) - N_UNDOS;
  ShirabeCoding *removed;
  gint64 start, end;
  double x0, y0, x1, y1;
  GtkWidget *item;

  walk.dir = g_dir_make_tmp ("shirabe-walkthrough-XXXXXX", &error);
  g_assert_no_error (error);
  walk.path = g_build_filename (walk.dir, "study.shirabe", NULL);

  open_window (&walk);
  create_project_and_import (&walk);

  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    {
      code_passage (&walk, &steps[i]);
      assert_n_codings_soon (&walk, i + 1);
    }

  /* Ctrl+Z in the reader, five times. */
  for (guint i = 0; i < N_UNDOS; i++)
    {
      press_key (XK_z, GDK_CONTROL_MASK);
      assert_n_codings_soon (&walk, G_N_ELEMENTS (steps) - i - 1);
    }

  close_window (&walk);
  assert_project_holds (&walk, walk.path, n_kept, -1);
  assert_cli_lists (walk.path, n_kept);

  /* Reopened, it shows the last narrative read, with its codings. */
  open_window (&walk);
  file = g_file_new_for_path (walk.path);
  shirabe_window_open_file (walk.window, file, &error);
  g_assert_no_error (error);
  pump (300);
  g_assert_cmpuint (count_codings (&walk), ==, n_kept);

  /* A right-click on a coded passage opens its menu; Remove Coding removes it. */
  open_narrative (&walk, 0);
  passage_range (0, steps[3].passage, &start, &end);
  offset_point (&walk, start + 3, &x0, &y0);
  click_at (GTK_WIDGET (text_view_of (&walk)), x0, y0, 3);
  item = wait_for_widget (GTK_WIDGET (walk.window), is_label_with_text, "Remove Coding");
  g_assert_nonnull (item);
  click_widget (item, 1);
  assert_n_codings_soon (&walk, n_kept - 1);
  codings = shirabe_project_list_codings (shirabe_window_get_project (walk.window), 0, &error);
  g_assert_no_error (error);
  removed = find_coding (codings, walk.narrative_ids[0], start, end);
  g_assert_null (removed);

  /* "Documents" dragged onto "Confinement" in the codebook becomes its child. */
  item = find_last (codebook_of (&walk), is_label_with_text, code_labels[3]);
  g_assert_nonnull (item);
  x0 = gtk_widget_get_width (item) / 2.0;
  y0 = gtk_widget_get_height (item) / 2.0;
  {
    GtkWidget *target = find_last (codebook_of (&walk), is_label_with_text, code_labels[2]);
    g_assert_true (gtk_widget_translate_coordinates (target, item, gtk_widget_get_width (target) / 2.0,
                                                     gtk_widget_get_height (target) / 2.0, &x1, &y1));
  }
  move_to_widget (item, x0, y0);
  button (1, TRUE);
  for (int i = 1; i <= 8; i++)
    move_to_widget (item, x0 + (x1 - x0) * i / 8, y0 + (y1 - y0) * i / 8);
  pump (200);
  button (1, FALSE);
  pump (500);
  moved = shirabe_project_get_code (shirabe_window_get_project (walk.window), walk.code_ids[3],
                                    &error);
  g_assert_no_error (error);
  g_assert_cmpint (moved->parent_id, ==, walk.code_ids[2]);

  close_window (&walk);
  assert_project_holds (&walk, walk.path, n_kept, 3);
  {
    g_autoptr(ShirabeProject) project = shirabe_project_open (walk.path,
                                                              SHIRABE_PROJECT_READ_ONLY, &error);
    g_autoptr(ShirabeCode) code = NULL;

    g_assert_no_error (error);
    code = shirabe_project_get_code (project, walk.code_ids[3], &error);
    g_assert_no_error (error);
    g_assert_cmpint (code->parent_id, ==, walk.code_ids[2]);
  }

  rm_rf (walk.dir);
  g_free (walk.dir);
  g_free (walk.path);
}

/* A project of the first narrative and the four codes, open in a new window showing it. */
static void
open_one_narrative (Walk *walk)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ShirabeProject) project = NULL;
  g_autoptr(GFile) file = NULL;
  ShirabeNarrativeSpec spec = { 0 };
  ShirabeCodeSpec code = { 0 };

  walk->dir = g_dir_make_tmp ("shirabe-walkthrough-XXXXXX", &error);
  g_assert_no_error (error);
  walk->path = g_build_filename (walk->dir, "study.shirabe", NULL);
  project = shirabe_project_create (walk->path, "Study", SHIRABE_PROJECT_DEFAULT, &error);
  g_assert_no_error (error);
  spec.case_id = shirabe_project_add_case (project, "Case A", &error);
  g_assert_no_error (error);
  spec.title = narrative_titles[0];
  spec.language = "en";
  spec.text = narrative_texts[0];
  walk->narrative_ids[0] = shirabe_project_add_narrative (project, &spec, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (code_labels); i++)
    {
      code.label_en = code_labels[i];
      walk->code_ids[i] = shirabe_project_add_code (project, &code, &error);
      g_assert_no_error (error);
    }
  shirabe_project_close (project, &error);
  g_assert_no_error (error);

  open_window (walk);
  file = g_file_new_for_path (walk->path);
  shirabe_window_open_file (walk->window, file, &error);
  g_assert_no_error (error);
  pump (300);
  open_narrative (walk, 0);
}

static void
close_one_narrative (Walk *walk)
{
  close_window (walk);
  rm_rf (walk->dir);
  g_free (walk->dir);
  g_free (walk->path);
}

/* After Ctrl+E and a filter, Enter applies a code or (@escape) Escape closes the picker; then a
 * drag over other words must select them at the first try. The picker opens under the pointer
 * that made the selection, which is what once made GTK send the next press to the hidden
 * picker. */
static void
check_first_drag_after_picker (gboolean escape)
{
  Walk walk = { 0 };
  gint64 start, end;

  open_one_narrative (&walk);
  passage_range (0, steps[2].passage, &start, &end);
  drag_select (&walk, start, end);
  press_key (XK_e, GDK_CONTROL_MASK);
  g_assert_nonnull (wait_for_widget (GTK_WIDGET (reader_of (&walk)), is_label_with_text,
                                     code_labels[0]));
  type_text ("docu");
  pump (100);
  press_key (escape ? XK_Escape : XK_Return, 0);
  g_assert_true (pump_until (picker_is_closed, &walk));
  assert_n_codings_soon (&walk, escape ? 0 : 1);
  pump (500);

  passage_range (0, steps[3].passage, &start, &end);
  drag_select (&walk, start, end);
  assert_selection (&walk, start, end);

  close_one_narrative (&walk);
}

static gboolean
menu_is_closed (gpointer data)
{
  Walk *walk = data;
  return shirabe_reader_get_context_menu (reader_of (walk)) == NULL;
}

/* No item of GTK's editing menu shows anywhere in the window. */
static void
assert_no_editing_menu (Walk *walk)
{
  static const char *const editing[] = { "Cut", "Paste", "Delete", "Undo", "Redo",
                                         "Insert Emoji" };

  for (guint i = 0; i < G_N_ELEMENTS (editing); i++)
    g_assert_null (find_last (GTK_WIDGET (walk->window), is_label_with_text, editing[i]));
}

static void
close_menu (Walk *walk)
{
  press_key (XK_Escape, 0);
  g_assert_true (pump_until (menu_is_closed, walk));
  pump (100);
}

/* The reader is read-only: a right-click or the menu key on uncoded text offers to code, copy
 * or select, never GTK's Cut, Paste and an Undo that is not the project's. */
static void
test_uncoded_text_menu (void)
{
  Walk walk = { 0 };
  GtkWidget *view;
  GtkWidget *item;
  gint64 start, end;
  double x, y;

  open_one_narrative (&walk);
  view = GTK_WIDGET (text_view_of (&walk));

  /* Without a selection: Select All, nothing to code. */
  passage_range (0, "Manila", &start, &end);
  offset_point (&walk, start + 2, &x, &y);
  click_at (view, x, y, 1);
  click_at (view, x, y, 3);
  g_assert_nonnull (wait_for_widget (GTK_WIDGET (walk.window), is_label_with_text, "Select All"));
  g_assert_null (find_last (GTK_WIDGET (walk.window), is_label_with_text, "Code Selection…"));
  assert_no_editing_menu (&walk);
  close_menu (&walk);

  /* With one: Code Selection… opens the picker on it. */
  passage_range (0, steps[2].passage, &start, &end);
  drag_select (&walk, start, end);
  assert_selection (&walk, start, end);
  offset_point (&walk, start + 3, &x, &y);
  click_at (view, x, y, 3);
  item = wait_for_widget (GTK_WIDGET (walk.window), is_label_with_text, "Code Selection…");
  g_assert_nonnull (item);
  g_assert_nonnull (find_last (GTK_WIDGET (walk.window), is_label_with_text,
                               "New Code from Selection"));
  g_assert_nonnull (find_last (GTK_WIDGET (walk.window), is_label_with_text, "Copy"));
  assert_no_editing_menu (&walk);
  click_widget (item, 1);
  g_assert_nonnull (wait_for_widget (GTK_WIDGET (reader_of (&walk)), is_label_with_text,
                                     code_labels[0]));
  press_key (XK_Escape, 0);
  g_assert_true (pump_until (picker_is_closed, &walk));
  assert_selection (&walk, start, end);

  /* The menu key shows the same menu at the cursor; Shift+F10 too. */
  press_key (XK_Menu, 0);
  g_assert_nonnull (wait_for_widget (GTK_WIDGET (walk.window), is_label_with_text,
                                     "Code Selection…"));
  assert_no_editing_menu (&walk);
  close_menu (&walk);
  press_key (XK_F10, GDK_SHIFT_MASK);
  g_assert_nonnull (wait_for_widget (GTK_WIDGET (walk.window), is_label_with_text,
                                     "Code Selection…"));
  assert_no_editing_menu (&walk);
  close_menu (&walk);
  assert_n_codings_soon (&walk, 0);

  close_one_narrative (&walk);
}

static gboolean
tooltip_shows (gpointer data)
{
  Walk *walk = data;
  GType type = g_type_from_name ("GtkTooltipWindow");

  return type != 0 && find_last (GTK_WIDGET (walk->window), is_of_type,
                                 GSIZE_TO_POINTER (type)) != NULL;
}

/* Hovering a coded passage names its code in a tooltip; the right-click menu hides it. */
static void
test_menu_hides_the_tooltip (void)
{
  Walk walk = { 0 };
  GtkWidget *view;
  gint64 start, end;
  double x, y;

  open_one_narrative (&walk);
  view = GTK_WIDGET (text_view_of (&walk));
  passage_range (0, steps[2].passage, &start, &end);
  drag_select (&walk, start, end);
  press_key (XK_1, 0);
  assert_n_codings_soon (&walk, 1);

  offset_point (&walk, start + 4, &x, &y);
  move_to_widget (view, x - 2, y);
  move_to_widget (view, x, y);
  g_assert_true (pump_until (tooltip_shows, &walk));
  click_at (view, x, y, 3);
  g_assert_nonnull (wait_for_widget (GTK_WIDGET (walk.window), is_label_with_text,
                                     "Remove Coding"));
  /* Long enough for a tooltip to come back. */
  pump (1500);
  g_assert_false (tooltip_shows (&walk));
  close_menu (&walk);

  close_one_narrative (&walk);
}

static void
test_first_drag_after_picker_applies (void)
{
  check_first_drag_after_picker (FALSE);
}

static void
test_first_drag_after_picker_closes (void)
{
  check_first_drag_after_picker (TRUE);
}

/* --- Organising what was imported --- */

/* The mapped window in front of @main_window: the dialog it opened. */
static GtkWidget *
front_dialog (ShirabeWindow *main_window)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) window = g_list_model_get_item (toplevels, i);

      if (window != GTK_WIDGET (main_window) && gtk_widget_get_mapped (window) &&
          GTK_IS_WINDOW (window))
        return window;
    }
  return NULL;
}

static gboolean
dialog_is_open (gpointer data)
{
  return front_dialog (data) != NULL;
}

static gboolean
dialog_is_closed (gpointer data)
{
  return front_dialog (data) == NULL;
}

/* A real right-click on the sidebar row of @title, then a click on the menu's @item. */
static void
row_menu_item (Walk       *walk,
               const char *title,
               const char *item)
{
  GtkWidget *sidebar = GTK_WIDGET (shirabe_window_get_sidebar (walk->window));
  GtkWidget *row = wait_for_widget (sidebar, is_label_with_text, title);
  GtkWidget *entry;

  g_assert_nonnull (row);
  click_widget (row, 3);
  entry = wait_for_widget (GTK_WIDGET (walk->window), is_label_with_text, item);
  g_assert_nonnull (entry);
  pump (100);
  click_widget (entry, 1);
  g_assert_true (pump_until (dialog_is_open, walk->window));
  pump (150);
}

/* A click on the dialog's button labelled @label. */
static gboolean
is_unmapped (gpointer data)
{
  return !gtk_widget_get_mapped (data);
}

static void
click_dialog_button (Walk       *walk,
                     const char *label)
{
  g_autoptr(GtkWidget) dialog = g_object_ref (front_dialog (walk->window));
  GtkWidget *widget = wait_for_widget (dialog, is_label_with_text, label);

  g_assert_nonnull (widget);
  click_widget (widget, 1);
  /* That dialog closes (the import's opens another). */
  g_assert_true (pump_until (is_unmapped, dialog));
  pump (150);
}

typedef struct
{
  Walk   *walk;
  guint   n;
} NarrativeCount;

static gboolean
has_n_narratives (gpointer data)
{
  NarrativeCount *count = data;
  g_autoptr(GPtrArray) narratives =
    shirabe_project_list_narratives (shirabe_window_get_project (count->walk->window), 0, NULL);

  return narratives != NULL && narratives->len == count->n;
}

static const ShirabeNarrative *
narrative_titled (GPtrArray  *narratives,
                  const char *title)
{
  for (guint i = 0; i < narratives->len; i++)
    if (g_strcmp0 (((ShirabeNarrative *) narratives->pdata[i])->title, title) == 0)
      return narratives->pdata[i];
  g_assert_not_reached ();
}

/* A researcher gets a case's interview, NGO record and court document as three files: they go
 * into one case, which is renamed; the court document moves to a new case; the NGO record is
 * marked a translation of the interview; a narrative is deleted and Ctrl+Z brings it back. All
 * by clicks and keys, and the file says so (issue 10). */
static void
test_organise_walkthrough (void)
{
  static const char *const files[] = { "case12_interview.txt", "case12_ngo.txt",
                                       "case12_court.txt" };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(ShirabeProject) project = NULL;
  g_autoptr(GPtrArray) narratives = NULL;
  g_autoptr(GPtrArray) cases = NULL;
  g_autoptr(GFile) file = NULL;
  const ShirabeNarrative *interview, *ngo, *court;
  AdwMessageDialog *ask;
  GtkWidget *box;
  GtkWidget *widget;
  Walk walk = { 0 };
  NarrativeCount count = { &walk, 3 };
  gint64 case_twelve, case_thirteen;

  walk.dir = g_dir_make_tmp ("shirabe-walkthrough-XXXXXX", &error);
  g_assert_no_error (error);
  walk.path = g_build_filename (walk.dir, "study.shirabe", NULL);
  project = shirabe_project_create (walk.path, "Study", SHIRABE_PROJECT_DEFAULT, &error);
  g_assert_no_error (error);
  shirabe_project_close (project, &error);
  g_clear_object (&project);
  open_window (&walk);
  file = g_file_new_for_path (walk.path);
  shirabe_window_open_file (walk.window, file, &error);
  g_assert_no_error (error);
  pump (200);

  /* Import: all three into one new case, "Case 12". */
  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      char *path = g_build_filename (walk.dir, files[i], NULL);

      g_file_set_contents (path, narrative_texts[i], -1, &error);
      g_assert_no_error (error);
      g_ptr_array_add (paths, path);
    }
  g_ptr_array_add (paths, NULL);
  ask = shirabe_import_ask (walk.window, (const char * const *) paths->pdata);
  box = adw_message_dialog_get_extra_child (ask);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (gtk_widget_get_first_child (box)), 1);
  pump (100);
  click_widget (gtk_widget_get_next_sibling (gtk_widget_get_first_child (box)), 1);
  press_key (XK_a, GDK_CONTROL_MASK);
  type_text ("Case 12");
  click_dialog_button (&walk, "Import");
  g_assert_true (pump_until (has_n_narratives, &count));
  g_assert_true (pump_until (dialog_is_open, walk.window));
  press_key (XK_Escape, 0);
  g_assert_true (pump_until (dialog_is_closed, walk.window));
  case_twelve = shirabe_project_find_case (shirabe_window_get_project (walk.window), "Case 12",
                                           &error);
  g_assert_cmpint (case_twelve, >, 0);

  /* The case renamed, from a narrative's right-click menu. */
  row_menu_item (&walk, "case12_interview", "Rename Case…");
  press_key (XK_a, GDK_CONTROL_MASK);
  type_text ("Case twelve");
  press_key (XK_Return, 0);
  g_assert_true (pump_until (dialog_is_closed, walk.window));

  /* A new case, and the court document moved into it. */
  row_menu_item (&walk, "case12_court", "New Case…");
  type_text ("Case 13");
  press_key (XK_Return, 0);
  g_assert_true (pump_until (dialog_is_closed, walk.window));
  row_menu_item (&walk, "case12_court", "Move to Another Case…");
  click_dialog_button (&walk, "Move");

  /* The NGO record, a translation of the interview: the "Translation of" row's list. */
  row_menu_item (&walk, "case12_ngo", "Language and Kind…");
  widget = wait_for_widget (front_dialog (walk.window), is_label_with_text, "Translation of");
  g_assert_nonnull (widget);
  click_widget (widget, 1);
  widget = wait_for_widget (front_dialog (walk.window), is_label_with_text,
                            "Case twelve — case12_interview");
  g_assert_nonnull (widget);
  pump (100);
  click_widget (widget, 1);
  pump (200);
  click_dialog_button (&walk, "Save");

  /* The court document deleted, then Ctrl+Z. */
  row_menu_item (&walk, "case12_court", "Delete…");
  click_dialog_button (&walk, "Delete");
  count.n = 2;
  g_assert_true (pump_until (has_n_narratives, &count));
  press_key (XK_z, GDK_CONTROL_MASK);
  count.n = 3;
  g_assert_true (pump_until (has_n_narratives, &count));

  close_window (&walk);

  /* The file, read afresh. */
  project = shirabe_project_open (walk.path, SHIRABE_PROJECT_READ_ONLY, &error);
  g_assert_no_error (error);
  cases = shirabe_project_list_cases (project, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (cases->len, ==, 2);
  g_assert_cmpstr (((ShirabeCase *) cases->pdata[0])->name, ==, "Case twelve");
  g_assert_cmpstr (((ShirabeCase *) cases->pdata[1])->name, ==, "Case 13");
  g_assert_cmpint (((ShirabeCase *) cases->pdata[0])->id, ==, case_twelve);
  case_thirteen = ((ShirabeCase *) cases->pdata[1])->id;
  narratives = shirabe_project_list_narratives (project, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (narratives->len, ==, 3);
  interview = narrative_titled (narratives, "case12_interview");
  ngo = narrative_titled (narratives, "case12_ngo");
  court = narrative_titled (narratives, "case12_court");
  g_assert_cmpint (interview->case_id, ==, case_twelve);
  g_assert_cmpint (ngo->case_id, ==, case_twelve);
  g_assert_cmpint (court->case_id, ==, case_thirteen);
  g_assert_cmpint (ngo->translation_of, ==, interview->id);
  g_assert_cmpint (interview->translation_of, ==, 0);
  {
    g_autofree char *text = shirabe_project_dup_narrative_text (project, court->id, &error);

    g_assert_no_error (error);
    g_assert_cmpstr (text, ==, narrative_texts[2]);
  }
  shirabe_project_close (project, &error);
  g_assert_no_error (error);
  rm_rf (walk.dir);
  g_free (walk.dir);
  g_free (walk.path);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  g_test_add_func ("/app/walkthrough/new-user-codes-twenty-passages-undoes-five-and-reopens",
                   test_walkthrough);
  g_test_add_func ("/app/walkthrough/first-drag-after-the-picker-selects",
                   test_first_drag_after_picker_applies);
  g_test_add_func ("/app/walkthrough/first-drag-after-escape-closes-the-picker-selects",
                   test_first_drag_after_picker_closes);
  g_test_add_func ("/app/walkthrough/uncoded-text-menu-codes-copies-and-selects-not-edits",
                   test_uncoded_text_menu);
  g_test_add_func ("/app/walkthrough/coding-menu-hides-the-tooltip", test_menu_hides_the_tooltip);
  g_test_add_func ("/app/walkthrough/three-files-of-one-case-are-organised-by-clicks",
                   test_organise_walkthrough);
  return g_test_run ();
}
