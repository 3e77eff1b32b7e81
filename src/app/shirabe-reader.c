/* shirabe-reader.c: the narrative being read, with its coded passages shaded
 *
 * The text is a ShirabeCodingView: coded passages are translucent bands drawn under the text,
 * one per coding, so overlapping codes stay visible, and a gutter of stripes names them. The
 * reader adds the ways to code: the code picker (Ctrl+E or Enter on a selection), "new code
 * from selection" (Ctrl+Shift+N), and a menu on a coded passage or its stripe to remove a
 * coding, change its code or edit its memo. Each is an action of the "reader" group, so that a
 * key, a menu item and a test take the same path.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "shirabe-i18n.h"

#include <inttypes.h>

#include <adwaita.h>

#include "shirabe-coding-gutter.h"
#include "shirabe-first-rows.h"
#include "shirabe-narrative-search.h"
#include "shirabe-reader.h"
#include "shirabe-reader-private.h"
#include "shirabe-window.h"

/* The longest label "new code from selection" makes, in characters. */
#define MAX_NEW_LABEL 60
/* A coding memo is saved when the writer pauses this long, as the narrative memo is. */
#define MEMO_SAVE_DELAY_MS 1500

struct _ShirabeReader
{
  GtkWidget             parent_instance;

  ShirabeProject       *project;
  gint64                narrative_id;
  GPtrArray            *codes;          /* ShirabeCode, from the window */
  ShirabeLabelLanguage  label_language;
  GtkTextTag           *language_tag;

  ShirabeCodePicker    *picker;
  gboolean              picker_stale;   /* the codes changed since the picker took them */
  gint64                picker_coding_id; /* the coding whose code the picker changes, or 0 */
  gint64                picker_start;     /* the passage the picker was opened for: kept, as */
  gint64                picker_end;       /* the filter can take the selection (X11 primary) */
  GtkWidget            *context_menu;
  gint64                memo_coding_id;

  /* template */
  GtkStack             *stack;
  GtkLabel             *title_label;
  GtkLabel             *details_label;
  ShirabeCodingView    *text_view;
  GtkTextBuffer        *buffer;
  ShirabeNarrativeSearch *search;
  GtkPopover           *memo_popover;
  GtkLabel             *memo_heading;
  GtkLabel             *memo_subtitle;
  GtkTextView          *memo_view;
  char                 *memo_saved;       /* the memo as stored, to save only a change */
  char                 *memo_step_key;    /* this opening's saves are one undo step */
  guint                 memo_timeout;
  guint                 memo_serial;
  gboolean              loading_memo;
  GMenuModel           *selection_menu;
  GMenuModel           *text_menu;
  GtkMenuButton        *coders_button;

  ShirabeCoderFilter   *coder_filter;
};

G_DEFINE_FINAL_TYPE (ShirabeReader, shirabe_reader, GTK_TYPE_WIDGET)

static void on_coder_filter_changed (ShirabeReader *self);

enum {
  PROP_0,
  PROP_HAS_NARRATIVE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Where @start..@end is drawn, in the reader's coordinates: the first line of it. */
static void
get_passage_rect (ShirabeReader *self,
                  gint64         start,
                  gint64         end,
                  GdkRectangle  *rect)
{
  GtkTextView *view = GTK_TEXT_VIEW (self->text_view);
  GtkTextIter start_iter;
  GtkTextIter end_iter;
  GdkRectangle a;
  GdkRectangle b;
  double x;
  double y;

  gtk_text_buffer_get_iter_at_offset (self->buffer, &start_iter, (int) start);
  gtk_text_buffer_get_iter_at_offset (self->buffer, &end_iter, (int) end);
  gtk_text_view_get_iter_location (view, &start_iter, &a);
  gtk_text_view_get_iter_location (view, &end_iter, &b);
  if (b.y == a.y && b.x > a.x)
    a.width = b.x - a.x;
  gtk_text_view_buffer_to_window_coords (view, GTK_TEXT_WINDOW_WIDGET, a.x, a.y, &a.x, &a.y);
  gtk_widget_translate_coordinates (GTK_WIDGET (view), GTK_WIDGET (self), a.x, a.y, &x, &y);
  rect->x = (int) x;
  rect->y = (int) y;
  rect->width = MAX (a.width, 1);
  rect->height = MAX (a.height, 1);
}

static gboolean
get_selection (ShirabeReader *self,
               gint64        *start,
               gint64        *end)
{
  return shirabe_reader_get_selection (self, start, end) && *end > *start;
}

/* Popovers */

static void set_tooltips (ShirabeReader *self,
                          gboolean       enabled);

/* A closed popover gives up its focus and its surface.
 *
 * The focus goes back to the text the popover came from (closed with Escape or by a menu item,
 * it would be left nowhere), so that the menu key and the coding keys work at once.
 *
 * The surface goes because the picker and the menus open where the pointer rests, and their
 * surfaces, wider than they look by the shadow around them, take the pointer. GTK 4.8 keeps a
 * hidden popover's surface on the window's frame clock and, asked to re-check the pointer,
 * synthesizes motion events for it without checking that it is mapped; each one made the hidden
 * popover the pointer's target again, and the next button press in the text went there and was
 * lost. Unmapping has just moved the pointer's target out of the popover; without a surface,
 * nothing can move it back. */
static gboolean
unrealize_if_hidden (gpointer data)
{
  GtkWidget *popover = data;

  if (!gtk_widget_get_mapped (popover) && gtk_widget_get_realized (popover))
    gtk_widget_unrealize (popover);
  return G_SOURCE_REMOVE;
}

static void
on_popover_unmapped (ShirabeReader *self,
                     GtkWidget     *popover)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  if (self->narrative_id != 0 &&
      (focus == NULL || focus == popover || gtk_widget_is_ancestor (focus, popover)))
    gtk_widget_grab_focus (GTK_WIDGET (self->text_view));
  if (popover == self->context_menu)
    set_tooltips (self, TRUE);
  if (popover == GTK_WIDGET (self->picker))
    gtk_widget_remove_css_class (GTK_WIDGET (self->text_view), "picking");
  /* Not within the unmap itself: the event that closed the popover is still being handled on
   * its surface. At high priority, the surface is gone before the next frame, which is where
   * the motions are synthesized. */
  g_idle_add_full (G_PRIORITY_HIGH, unrealize_if_hidden, g_object_ref (popover), g_object_unref);
}

/* Code picker */

static void update_picker (ShirabeReader *self);

static void
open_picker (ShirabeReader *self,
             gint64         start,
             gint64         end,
             gint64         coding_id)
{
  g_autoptr(GArray) applied = g_array_new (FALSE, FALSE, sizeof (gint64));
  GPtrArray *codings = shirabe_coding_view_get_codings (self->text_view);
  GdkRectangle rect;

  update_picker (self);
  for (guint i = 0; i < codings->len; i++)
    {
      const ShirabeCoding *coding = g_ptr_array_index (codings, i);

      if (coding_id != 0 ? coding->id == coding_id
                         : coding->start == start && coding->end == end)
        g_array_append_val (applied, coding->code_id);
    }
  self->picker_coding_id = coding_id;
  self->picker_start = start;
  self->picker_end = end;
  shirabe_code_picker_set_applied (self->picker, applied);
  shirabe_code_picker_set_can_create (self->picker, coding_id == 0);
  shirabe_code_picker_reset (self->picker);
  get_passage_rect (self, start, end, &rect);
  gtk_popover_set_pointing_to (GTK_POPOVER (self->picker), &rect);
  gtk_widget_add_css_class (GTK_WIDGET (self->text_view), "picking");
  gtk_popover_popup (GTK_POPOVER (self->picker));
  gtk_widget_grab_focus (GTK_WIDGET (shirabe_code_picker_get_search_entry (self->picker)));
}

/* Selects again the passage the picker was opened for. Selecting in the picker's filter
 * (Ctrl+A, a double-click) takes the X11 primary selection, and the text then drops its own. */
static void
reselect_picker_passage (ShirabeReader *self)
{
  GtkTextIter start;
  GtkTextIter end;
  int n_chars = gtk_text_buffer_get_char_count (self->buffer);

  if (self->picker_end <= self->picker_start || self->picker_end > n_chars)
    return;
  gtk_text_buffer_get_iter_at_offset (self->buffer, &start, (int) self->picker_start);
  gtk_text_buffer_get_iter_at_offset (self->buffer, &end, (int) self->picker_end);
  gtk_text_buffer_select_range (self->buffer, &start, &end);
}

static void
on_code_chosen (ShirabeReader     *self,
                gint64             code_id,
                ShirabeCodePicker *picker)
{
  g_autoptr(GError) error = NULL;
  gint64 coding_id = self->picker_coding_id;

  self->picker_coding_id = 0;
  gtk_widget_grab_focus (GTK_WIDGET (self->text_view));
  if (coding_id == 0)
    reselect_picker_passage (self);
  if (coding_id == 0)
    gtk_widget_activate_action (GTK_WIDGET (self), "win.apply-code", "x", code_id);
  else if (self->project != NULL &&
           !shirabe_project_set_coding_code (self->project, coding_id, code_id, &error))
    shirabe_widget_show_error (GTK_WIDGET (self), _("The code was not changed"), error);
}

static void
pick_code_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  ShirabeReader *self = SHIRABE_READER (widget);
  gint64 start;
  gint64 end;

  if (!get_selection (self, &start, &end))
    {
      gtk_widget_error_bell (widget);
      return;
    }
  open_picker (self, start, end, 0);
}

/* The selected words as a label: spaces and line breaks folded, at most MAX_NEW_LABEL
 * characters. */
static char *
dup_label_from_selection (ShirabeReader *self)
{
  GtkTextIter start;
  GtkTextIter end;
  g_autofree char *text = NULL;
  g_autoptr(GString) label = g_string_new (NULL);
  glong n_chars = 0;
  gboolean space = FALSE;

  if (!gtk_text_buffer_get_selection_bounds (self->buffer, &start, &end))
    return NULL;
  text = gtk_text_buffer_get_text (self->buffer, &start, &end, FALSE);
  for (const char *p = text; *p != '\0' && n_chars < MAX_NEW_LABEL; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      /* Any run of spaces, ideographic ones and line breaks included, is one space. */
      if (g_unichar_isspace (c))
        {
          space = label->len > 0;
          continue;
        }
      if (space)
        {
          g_string_append_c (label, ' ');
          n_chars++;
          space = FALSE;
          if (n_chars == MAX_NEW_LABEL)
            break;
        }
      g_string_append_unichar (label, c);
      n_chars++;
    }
  g_strchomp (label->str);
  return label->str[0] != '\0' ? g_strdup (label->str) : NULL;
}

static void
new_code_from_selection_action (GtkWidget  *widget,
                                const char *action_name,
                                GVariant   *parameter)
{
  ShirabeReader *self = SHIRABE_READER (widget);
  g_autofree char *label = NULL;
  gint64 start;
  gint64 end;

  /* From the picker, the passage is the one it was opened for. */
  if (gtk_widget_get_visible (GTK_WIDGET (self->picker)))
    reselect_picker_passage (self);
  gtk_popover_popdown (GTK_POPOVER (self->picker));
  if (self->project == NULL || !get_selection (self, &start, &end) ||
      (label = dup_label_from_selection (self)) == NULL)
    {
      gtk_widget_error_bell (widget);
      return;
    }
  gtk_widget_grab_focus (GTK_WIDGET (self->text_view));
  /* The window opens the code editor, the selected words as a hint for the label. */
  gtk_widget_activate_action (widget, "win.new-code-from-selection", "s", label);
}

/* Codings under the pointer */

static const ShirabeCoding *
find_coding (ShirabeReader *self,
             GVariant      *parameter)
{
  return shirabe_coding_view_find_coding (self->text_view, g_variant_get_int64 (parameter));
}

static void
remove_coding_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  ShirabeReader *self = SHIRABE_READER (widget);
  g_autoptr(GError) error = NULL;

  if (self->project != NULL &&
      !shirabe_project_remove_coding (self->project, g_variant_get_int64 (parameter), &error))
    shirabe_widget_show_error (GTK_WIDGET (self), _("The coding was not removed"), error);
}

static void
change_code_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  ShirabeReader *self = SHIRABE_READER (widget);
  const ShirabeCoding *coding = find_coding (self, parameter);

  if (coding != NULL)
    open_picker (self, coding->start, coding->end, coding->id);
}

/* Saves the coding memo being written, if it changed: after a pause, on Ctrl+Enter and when
 * the popover closes however it closes (Escape, a click outside, another narrative). All the
 * saves of one opening are one undo step. */
static void
save_coding_memo (ShirabeReader *self)
{
  GtkTextBuffer *memo = gtk_text_view_get_buffer (self->memo_view);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  GtkTextIter start;
  GtkTextIter end;

  g_clear_handle_id (&self->memo_timeout, g_source_remove);
  if (self->project == NULL || self->memo_coding_id == 0)
    return;
  gtk_text_buffer_get_bounds (memo, &start, &end);
  text = g_strstrip (gtk_text_buffer_get_text (memo, &start, &end, FALSE));
  if (g_strcmp0 (text, self->memo_saved) == 0)
    return;
  shirabe_project_set_step_key (self->project, self->memo_step_key);
  if (!shirabe_project_set_coding_memo (self->project, self->memo_coding_id,
                                        *text != '\0' ? text : NULL, &error))
    {
      shirabe_project_set_step_key (self->project, NULL);
      shirabe_widget_show_error (GTK_WIDGET (self), _("The memo was not saved"), error);
      return;
    }
  g_free (self->memo_saved);
  self->memo_saved = g_steal_pointer (&text);
}

static gboolean
on_memo_timeout (gpointer user_data)
{
  ShirabeReader *self = user_data;

  self->memo_timeout = 0;
  save_coding_memo (self);
  return G_SOURCE_REMOVE;
}

static void
on_memo_changed (ShirabeReader *self)
{
  if (self->loading_memo || self->memo_coding_id == 0)
    return;
  g_clear_handle_id (&self->memo_timeout, g_source_remove);
  self->memo_timeout = g_timeout_add (MEMO_SAVE_DELAY_MS, on_memo_timeout, self);
}

static void
on_memo_popover_closed (ShirabeReader *self)
{
  save_coding_memo (self);
  self->memo_coding_id = 0;
}

static void
edit_memo_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  ShirabeReader *self = SHIRABE_READER (widget);
  const ShirabeCoding *coding = find_coding (self, parameter);
  GtkTextBuffer *memo = gtk_text_view_get_buffer (self->memo_view);
  const char *code_label;
  g_autofree char *heading = NULL;
  g_autofree char *subtitle = NULL;
  GdkRectangle rect;

  if (coding == NULL)
    return;
  /* Another coding's memo still open is saved first. */
  if (self->memo_coding_id != 0)
    save_coding_memo (self);
  self->memo_coding_id = coding->id;
  g_free (self->memo_saved);
  self->memo_saved = g_strdup (coding->memo != NULL ? coding->memo : "");
  g_free (self->memo_step_key);
  self->memo_step_key = g_strdup_printf ("coding-memo:%" G_GINT64_FORMAT ":%u", coding->id,
                                         ++self->memo_serial);
  self->loading_memo = TRUE;
  gtk_text_buffer_set_text (memo, self->memo_saved, -1);
  self->loading_memo = FALSE;

  /* Which code, and whose coding. */
  code_label = shirabe_coding_view_get_code_label (self->text_view, coding->code_id);
  /* Translators: the heading of a coding's memo; %s is the code's label */
  heading = g_strdup_printf (_("Memo on “%s”"), code_label != NULL ? code_label : "?");
  gtk_label_set_label (self->memo_heading, heading);
  if (coding->coder_name != NULL && *coding->coder_name != '\0')
    /* Translators: under the heading of a coding's memo */
    subtitle = g_strdup_printf (_("Coded by %s"), coding->coder_name);
  gtk_label_set_label (self->memo_subtitle, subtitle != NULL ? subtitle : "");
  gtk_widget_set_visible (GTK_WIDGET (self->memo_subtitle), subtitle != NULL);

  get_passage_rect (self, coding->start, coding->end, &rect);
  gtk_popover_set_pointing_to (self->memo_popover, &rect);
  gtk_popover_popup (self->memo_popover);
  gtk_widget_grab_focus (GTK_WIDGET (self->memo_view));
}

static void
save_memo_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  ShirabeReader *self = SHIRABE_READER (widget);

  /* Closing saves. */
  gtk_popover_popdown (self->memo_popover);
  gtk_widget_grab_focus (GTK_WIDGET (self->text_view));
}

static GMenuModel *
build_menu (ShirabeReader *self,
            GPtrArray     *codings)
{
  GMenu *menu = g_menu_new ();
  gint64 start;
  gint64 end;
  /* With several codings under the pointer the sections repeat their items, and repeated
   * mnemonics would clash: there, the items go without. */
  static const struct { const char *label; const char *plain; const char *action; } items[] = {
    { N_("_Remove Coding"), N_("Remove Coding"), "reader.remove-coding" },
    { N_("_Change Code…"), N_("Change Code…"), "reader.change-code" },
    { N_("Edit _Memo…"), N_("Edit Memo…"), "reader.edit-memo" },
  };

  for (guint i = 0; i < codings->len; i++)
    {
      const ShirabeCoding *coding = g_ptr_array_index (codings, i);
      const char *code_label = shirabe_coding_view_get_code_label (self->text_view,
                                                                   coding->code_id);
      g_autoptr(GMenu) section = g_menu_new ();
      g_autofree char *heading = NULL;

      for (guint j = 0; j < G_N_ELEMENTS (items); j++)
        {
          g_autoptr(GMenuItem) item =
            g_menu_item_new (codings->len > 1 ? _(items[j].plain) : _(items[j].label), NULL);

          g_menu_item_set_action_and_target_value (item, items[j].action,
                                                   g_variant_new_int64 (coding->id));
          g_menu_append_item (section, item);
        }
      /* Several codings under the pointer: each section says which one it acts on. */
      if (codings->len > 1)
        /* Translators: a heading in the menu of a coded passage: the code, then its coder */
        heading = g_strdup_printf (_("%s — %s"), code_label != NULL ? code_label : "?",
                                   coding->coder_name != NULL ? coding->coder_name : "");
      g_menu_append_section (menu, heading, G_MENU_MODEL (section));
    }

  /* A passage selected across coded text can still be coded from here: the selection menu's
   * coding items (their mnemonics, S and N, clash with none of the above). */
  if (codings->len > 0 && get_selection (self, &start, &end))
    {
      g_autoptr(GMenuModel) coding_items =
        g_menu_model_get_item_link (self->selection_menu, 0, G_MENU_LINK_SECTION);

      g_menu_append_section (menu, NULL, coding_items);
    }
  return G_MENU_MODEL (menu);
}

GMenuModel *
shirabe_reader_build_coding_menu (ShirabeReader *self,
                                  gint64         offset)
{
  g_autoptr(GPtrArray) codings = NULL;

  g_return_val_if_fail (SHIRABE_IS_READER (self), NULL);

  codings = shirabe_coding_view_get_codings_at (self->text_view, offset);
  return build_menu (self, codings);
}

/* The tooltips naming a passage's codes would stand over the menu of that passage: they are off
 * while the menu is open. */
static void
set_tooltips (ShirabeReader *self,
              gboolean       enabled)
{
  GtkWidget *gutter = gtk_text_view_get_gutter (GTK_TEXT_VIEW (self->text_view),
                                                GTK_TEXT_WINDOW_LEFT);

  gtk_widget_set_has_tooltip (GTK_WIDGET (self->text_view), enabled);
  if (gutter != NULL)
    gtk_widget_set_has_tooltip (gutter, enabled);
}

/* Shows @menu at (@x, @y) of @widget. */
static void
popup_menu (ShirabeReader *self,
            GMenuModel    *menu,
            GtkWidget     *widget,
            double         x,
            double         y)
{
  double reader_x;
  double reader_y;

  gtk_popover_menu_set_menu_model (GTK_POPOVER_MENU (self->context_menu), menu);
  set_tooltips (self, FALSE);
  gtk_widget_translate_coordinates (widget, GTK_WIDGET (self), x, y, &reader_x, &reader_y);
  gtk_popover_set_pointing_to (GTK_POPOVER (self->context_menu),
                               &(GdkRectangle) { (int) reader_x, (int) reader_y, 1, 1 });
  gtk_popover_popup (GTK_POPOVER (self->context_menu));
}

/* Shows the menu of @codings at (@x, @y) of @widget; FALSE when there are none. */
static gboolean
popup_coding_menu (ShirabeReader *self,
                   GPtrArray     *codings,
                   GtkWidget     *widget,
                   double         x,
                   double         y)
{
  g_autoptr(GMenuModel) menu = NULL;

  if (codings->len == 0)
    return FALSE;
  menu = build_menu (self, codings);
  popup_menu (self, menu, widget, x, y);
  return TRUE;
}

/* The menu of the text at (@x, @y) of @widget: a coded passage's, else the uncoded text's,
 * which codes or copies the selection. */
static void
popup_text_menu (ShirabeReader *self,
                 GPtrArray     *codings,
                 GtkWidget     *widget,
                 double         x,
                 double         y)
{
  gint64 start;
  gint64 end;

  if (popup_coding_menu (self, codings, widget, x, y))
    return;
  popup_menu (self, get_selection (self, &start, &end) ? self->selection_menu : self->text_menu,
              widget, x, y);
}

GMenuModel *
shirabe_reader_get_context_menu (ShirabeReader *self)
{
  g_return_val_if_fail (SHIRABE_IS_READER (self), NULL);

  if (!gtk_widget_get_visible (self->context_menu))
    return NULL;
  return gtk_popover_menu_get_menu_model (GTK_POPOVER_MENU (self->context_menu));
}

/* The offset of the character at (@x, @y) of the text view; FALSE off the text. */
static gboolean
get_offset_at (ShirabeReader *self,
               double         x,
               double         y,
               gint64        *offset)
{
  GtkTextView *view = GTK_TEXT_VIEW (self->text_view);
  GtkTextIter iter;
  int buffer_x;
  int buffer_y;

  gtk_text_view_window_to_buffer_coords (view, GTK_TEXT_WINDOW_WIDGET, (int) x, (int) y,
                                         &buffer_x, &buffer_y);
  if (!gtk_text_view_get_iter_at_location (view, &iter, buffer_x, buffer_y))
    return FALSE;
  *offset = gtk_text_iter_get_offset (&iter);
  return TRUE;
}

/* Claimed everywhere: GTK's own menu would offer Cut, Paste and an Undo that is not the
 * project's. */
static void
on_secondary_pressed (GtkGestureClick *gesture,
                      int              n_press,
                      double           x,
                      double           y)
{
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
}

/* The menu shows on release: shown on the press, it opened under the pointer while the press
 * was still under way, and GTK 4.8 then handed the release to the menu. */
static void
on_text_released (ShirabeReader   *self,
                  int              n_press,
                  double           x,
                  double           y,
                  GtkGestureClick *gesture)
{
  g_autoptr(GPtrArray) codings = NULL;
  gint64 offset;

  if (get_offset_at (self, x, y, &offset))
    codings = shirabe_coding_view_get_codings_at (self->text_view, offset);
  else
    codings = g_ptr_array_new ();
  popup_text_menu (self, codings, GTK_WIDGET (self->text_view), x, y);
}

static void
on_gutter_released (ShirabeReader   *self,
                    int              n_press,
                    double           x,
                    double           y,
                    GtkGestureClick *gesture)
{
  GtkWidget *gutter = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (gesture));
  g_autoptr(GPtrArray) codings = NULL;

  codings = shirabe_coding_gutter_get_codings_at (SHIRABE_CODING_GUTTER (gutter), x, y);
  popup_coding_menu (self, codings, gutter, x, y);
}

/* The menu key and Shift+F10: the menu a right-click at the cursor shows. */
static void
context_menu_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  ShirabeReader *self = SHIRABE_READER (widget);
  g_autoptr(GPtrArray) codings = NULL;
  GtkTextIter iter;
  GdkRectangle rect;
  gint64 offset;

  gtk_text_buffer_get_iter_at_mark (self->buffer, &iter, gtk_text_buffer_get_insert (self->buffer));
  offset = gtk_text_iter_get_offset (&iter);
  codings = shirabe_coding_view_get_codings_at (self->text_view, offset);
  if (codings->len == 0 && offset > 0)
    {
      g_ptr_array_unref (codings);
      codings = shirabe_coding_view_get_codings_at (self->text_view, --offset);
    }
  get_passage_rect (self, offset, offset + 1, &rect);
  if (self->narrative_id == 0)
    gtk_widget_error_bell (widget);
  else
    popup_text_menu (self, codings, widget, rect.x, rect.y + rect.height);
}

static void
copy_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  g_signal_emit_by_name (SHIRABE_READER (widget)->text_view, "copy-clipboard");
}

static void
select_all_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  g_signal_emit_by_name (SHIRABE_READER (widget)->text_view, "select-all", TRUE);
}

static gboolean
on_query_tooltip (ShirabeReader *self,
                  int            x,
                  int            y,
                  gboolean       keyboard,
                  GtkTooltip    *tooltip)
{
  g_autoptr(GPtrArray) codings = NULL;
  g_autofree char *text = NULL;
  gint64 offset;

  if (keyboard || !get_offset_at (self, x, y, &offset))
    return FALSE;
  codings = shirabe_coding_view_get_codings_at (self->text_view, offset);
  text = shirabe_coding_view_describe (self->text_view, codings);
  if (text == NULL)
    return FALSE;
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

/* Search */

static void
search_next_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  ShirabeReader *self = SHIRABE_READER (widget);

  if (!shirabe_narrative_search_get_active (self->search))
    shirabe_reader_start_search (self);
  else
    shirabe_narrative_search_next (self->search);
}

static void
search_previous_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  ShirabeReader *self = SHIRABE_READER (widget);

  if (!shirabe_narrative_search_get_active (self->search))
    shirabe_reader_start_search (self);
  else
    shirabe_narrative_search_previous (self->search);
}

static void
stop_search_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  shirabe_narrative_search_stop (SHIRABE_READER (widget)->search);
}

/* Escape in the text closes the search bar only while it is open, and is left alone
 * otherwise. */
static void
on_search_active (ShirabeReader *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "reader.stop-search",
                                 shirabe_narrative_search_get_active (self->search));
}

/* Object */

static void
shirabe_reader_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  ShirabeReader *self = SHIRABE_READER (object);

  switch (prop_id)
    {
    case PROP_HAS_NARRATIVE:
      g_value_set_boolean (value, self->narrative_id != 0);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
shirabe_reader_measure (GtkWidget      *widget,
                        GtkOrientation  orientation,
                        int             for_size,
                        int            *minimum,
                        int            *natural,
                        int            *minimum_baseline,
                        int            *natural_baseline)
{
  ShirabeReader *self = SHIRABE_READER (widget);

  gtk_widget_measure (GTK_WIDGET (self->stack), orientation, for_size, minimum, natural,
                      minimum_baseline, natural_baseline);
}

/* The popovers are the reader's children and follow it when it moves. */
static void
shirabe_reader_size_allocate (GtkWidget *widget,
                              int        width,
                              int        height,
                              int        baseline)
{
  ShirabeReader *self = SHIRABE_READER (widget);
  GtkWidget *popovers[] = { GTK_WIDGET (self->picker), self->context_menu,
                            GTK_WIDGET (self->memo_popover) };

  gtk_widget_allocate (GTK_WIDGET (self->stack), width, height, baseline, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (popovers); i++)
    if (popovers[i] != NULL && gtk_widget_get_visible (popovers[i]))
      gtk_popover_present (GTK_POPOVER (popovers[i]));
}

static void
shirabe_reader_dispose (GObject *object)
{
  ShirabeReader *self = SHIRABE_READER (object);

  if (self->coder_filter != NULL)
    g_signal_handlers_disconnect_by_data (self->coder_filter, self);
  g_clear_object (&self->coder_filter);
  if (self->picker != NULL)
    gtk_widget_unparent (GTK_WIDGET (self->picker));
  self->picker = NULL;
  g_clear_pointer (&self->context_menu, gtk_widget_unparent);
  if (self->memo_popover != NULL)
    {
      save_coding_memo (self);
      gtk_widget_unparent (GTK_WIDGET (self->memo_popover));
    }
  g_clear_handle_id (&self->memo_timeout, g_source_remove);
  g_clear_pointer (&self->memo_saved, g_free);
  g_clear_pointer (&self->memo_step_key, g_free);
  gtk_widget_dispose_template (GTK_WIDGET (self), SHIRABE_TYPE_READER);
  g_clear_object (&self->project);
  g_clear_pointer (&self->codes, g_ptr_array_unref);

  G_OBJECT_CLASS (shirabe_reader_parent_class)->dispose (object);
}

static void
shirabe_reader_class_init (ShirabeReaderClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = shirabe_reader_dispose;
  object_class->get_property = shirabe_reader_get_property;
  widget_class->measure = shirabe_reader_measure;
  widget_class->size_allocate = shirabe_reader_size_allocate;

  /* Whether a narrative is shown, for the search button in the header bar. */
  properties[PROP_HAS_NARRATIVE] =
    g_param_spec_boolean ("has-narrative", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (SHIRABE_TYPE_CODING_VIEW);
  g_type_ensure (SHIRABE_TYPE_NARRATIVE_SEARCH);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/shirabe/Shirabe/shirabe-reader.ui");
  gtk_widget_class_bind_template_child (widget_class, ShirabeReader, stack);
  gtk_widget_class_bind_template_child (widget_class, ShirabeReader, title_label);
  gtk_widget_class_bind_template_child (widget_class, ShirabeReader, details_label);
  gtk_widget_class_bind_template_child (widget_class, ShirabeReader, text_view);
  gtk_widget_class_bind_template_child (widget_class, ShirabeReader, buffer);
  gtk_widget_class_bind_template_child (widget_class, ShirabeReader, search);
  gtk_widget_class_bind_template_child (widget_class, ShirabeReader, memo_popover);
  gtk_widget_class_bind_template_child (widget_class, ShirabeReader, memo_heading);
  gtk_widget_class_bind_template_child (widget_class, ShirabeReader, memo_subtitle);
  gtk_widget_class_bind_template_child (widget_class, ShirabeReader, memo_view);
  gtk_widget_class_bind_template_child (widget_class, ShirabeReader, selection_menu);
  gtk_widget_class_bind_template_child (widget_class, ShirabeReader, text_menu);
  gtk_widget_class_bind_template_child (widget_class, ShirabeReader, coders_button);
  gtk_widget_class_bind_template_callback (widget_class, on_query_tooltip);

  gtk_widget_class_install_action (widget_class, "reader.pick-code", NULL, pick_code_action);
  gtk_widget_class_install_action (widget_class, "reader.new-code-from-selection", NULL,
                                   new_code_from_selection_action);
  gtk_widget_class_install_action (widget_class, "reader.remove-coding", "x",
                                   remove_coding_action);
  gtk_widget_class_install_action (widget_class, "reader.change-code", "x", change_code_action);
  gtk_widget_class_install_action (widget_class, "reader.edit-memo", "x", edit_memo_action);
  gtk_widget_class_install_action (widget_class, "reader.save-memo", NULL, save_memo_action);
  gtk_widget_class_install_action (widget_class, "reader.context-menu", NULL,
                                   context_menu_action);
  gtk_widget_class_install_action (widget_class, "reader.copy", NULL, copy_action);
  gtk_widget_class_install_action (widget_class, "reader.select-all", NULL, select_all_action);
  gtk_widget_class_install_action (widget_class, "reader.search-next", NULL,
                                   search_next_action);
  gtk_widget_class_install_action (widget_class, "reader.search-previous", NULL,
                                   search_previous_action);
  gtk_widget_class_install_action (widget_class, "reader.stop-search", NULL,
                                   stop_search_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_g, GDK_CONTROL_MASK,
                                       "reader.search-next", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_g,
                                       GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "reader.search-previous", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_G,
                                       GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "reader.search-previous", NULL);

  gtk_widget_class_set_css_name (widget_class, "reader");
}

/* On the text view rather than the reader, so that the picker's search entry, a child of the
 * reader, still gets Enter. Caught on the way down, before the text view's own bindings. */
static void
add_text_shortcuts (ShirabeReader *self)
{
  GtkEventController *controller = gtk_shortcut_controller_new ();
  static const struct { guint key; GdkModifierType mods; const char *action; } keys[] = {
    { GDK_KEY_e, GDK_CONTROL_MASK, "reader.pick-code" },
    { GDK_KEY_Return, 0, "reader.pick-code" },
    { GDK_KEY_KP_Enter, 0, "reader.pick-code" },
    { GDK_KEY_ISO_Enter, 0, "reader.pick-code" },
    { GDK_KEY_n, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "reader.new-code-from-selection" },
    { GDK_KEY_N, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "reader.new-code-from-selection" },
    { GDK_KEY_Menu, 0, "reader.context-menu" },
    { GDK_KEY_F10, GDK_SHIFT_MASK, "reader.context-menu" },
    { GDK_KEY_Escape, 0, "reader.stop-search" },
  };

  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller),
      gtk_shortcut_new (gtk_keyval_trigger_new (keys[i].key, keys[i].mods),
                        gtk_named_action_new (keys[i].action)));
  gtk_widget_add_controller (GTK_WIDGET (self->text_view), controller);
}

static GtkGesture *
new_secondary_click (void)
{
  GtkGesture *gesture = gtk_gesture_click_new ();

  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (gesture), GDK_BUTTON_SECONDARY);
  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (gesture), GTK_PHASE_CAPTURE);
  g_signal_connect (gesture, "pressed", G_CALLBACK (on_secondary_pressed), NULL);
  return gesture;
}

static void
shirabe_reader_init (ShirabeReader *self)
{
  GtkGesture *gesture;
  GtkWidget *gutter;

  g_type_ensure (ADW_TYPE_STATUS_PAGE);
  g_type_ensure (ADW_TYPE_CLAMP);
  g_type_ensure (ADW_TYPE_CLAMP_SCROLLABLE);
  gtk_widget_init_template (GTK_WIDGET (self));
  /* Its status page for no narrative is not measured for the window's first frame. */
  shirabe_first_rows_shown_page_only (GTK_WIDGET (self->stack));
  self->coder_filter = shirabe_coder_filter_new ();
  gtk_widget_insert_action_group (GTK_WIDGET (self), "coders",
                                  shirabe_coder_filter_get_actions (self->coder_filter));
  gtk_menu_button_set_menu_model (self->coders_button,
                                  shirabe_coder_filter_get_menu (self->coder_filter));
  g_signal_connect_object (self->coder_filter, "changed", G_CALLBACK (on_coder_filter_changed),
                           self, G_CONNECT_SWAPPED);

  self->label_language = shirabe_label_language_default ();
  /* The narrative's language, so that Pango picks Japanese glyphs for Japanese text. */
  self->language_tag = gtk_text_buffer_create_tag (self->buffer, "narrative-language", NULL);

  self->picker = shirabe_code_picker_new ();
  gtk_widget_set_parent (GTK_WIDGET (self->picker), GTK_WIDGET (self));
  g_signal_connect_object (self->picker, "code-chosen", G_CALLBACK (on_code_chosen), self,
                           G_CONNECT_SWAPPED);
  self->context_menu = gtk_popover_menu_new_from_model (NULL);
  gtk_popover_set_has_arrow (GTK_POPOVER (self->context_menu), FALSE);
  gtk_popover_set_position (GTK_POPOVER (self->context_menu), GTK_POS_BOTTOM);
  gtk_widget_set_halign (self->context_menu, GTK_ALIGN_START);
  gtk_widget_set_parent (self->context_menu, GTK_WIDGET (self));
  gtk_widget_set_parent (GTK_WIDGET (self->memo_popover), GTK_WIDGET (self));
  g_signal_connect_object (self->memo_popover, "closed", G_CALLBACK (on_memo_popover_closed),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (gtk_text_view_get_buffer (self->memo_view), "changed",
                           G_CALLBACK (on_memo_changed), self, G_CONNECT_SWAPPED);
  /* Ctrl+Enter saves and closes, as in a message. */
  {
    GtkEventController *controller = gtk_shortcut_controller_new ();

    gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
    gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller),
      gtk_shortcut_new (gtk_alternative_trigger_new (
                          gtk_keyval_trigger_new (GDK_KEY_Return, GDK_CONTROL_MASK),
                          gtk_keyval_trigger_new (GDK_KEY_KP_Enter, GDK_CONTROL_MASK)),
                        gtk_named_action_new ("reader.save-memo")));
    gtk_widget_add_controller (GTK_WIDGET (self->memo_view), controller);
  }
  g_signal_connect_object (self->picker, "unmap", G_CALLBACK (on_popover_unmapped), self,
                           G_CONNECT_SWAPPED | G_CONNECT_AFTER);
  g_signal_connect_object (self->context_menu, "unmap", G_CALLBACK (on_popover_unmapped), self,
                           G_CONNECT_SWAPPED | G_CONNECT_AFTER);
  g_signal_connect_object (self->memo_popover, "unmap", G_CALLBACK (on_popover_unmapped), self,
                           G_CONNECT_SWAPPED | G_CONNECT_AFTER);

  gesture = new_secondary_click ();
  g_signal_connect_object (gesture, "released", G_CALLBACK (on_text_released), self,
                           G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self->text_view), GTK_EVENT_CONTROLLER (gesture));
  gutter = gtk_text_view_get_gutter (GTK_TEXT_VIEW (self->text_view), GTK_TEXT_WINDOW_LEFT);
  gesture = new_secondary_click ();
  g_signal_connect_object (gesture, "released", G_CALLBACK (on_gutter_released), self,
                           G_CONNECT_SWAPPED);
  gtk_widget_add_controller (gutter, GTK_EVENT_CONTROLLER (gesture));
  add_text_shortcuts (self);

  shirabe_narrative_search_set_view (self->search, GTK_TEXT_VIEW (self->text_view));
  g_signal_connect_object (self->search, "notify::active", G_CALLBACK (on_search_active), self,
                           G_CONNECT_SWAPPED);
  on_search_active (self);
}

ShirabeReader *
shirabe_reader_new (void)
{
  return g_object_new (SHIRABE_TYPE_READER, NULL);
}

void
shirabe_reader_set_project (ShirabeReader  *self,
                            ShirabeProject *project)
{
  g_return_if_fail (SHIRABE_IS_READER (self));
  g_return_if_fail (project == NULL || SHIRABE_IS_PROJECT (project));

  if (g_set_object (&self->project, project))
    {
      shirabe_reader_show_narrative (self, NULL, NULL);
      shirabe_coder_filter_set_project (self->coder_filter, project);
    }
}

void
shirabe_reader_set_own_coder (ShirabeReader *self,
                              const char    *name)
{
  g_return_if_fail (SHIRABE_IS_READER (self));

  shirabe_coder_filter_set_own_coder (self->coder_filter, name);
}

ShirabeCoderFilter *
shirabe_reader_get_coder_filter (ShirabeReader *self)
{
  return self->coder_filter;
}

static void
on_coder_filter_changed (ShirabeReader *self)
{
  g_autoptr(GError) error = NULL;
  gboolean blind = shirabe_coder_filter_get_blind (self->coder_filter);

  gtk_widget_set_tooltip_text (GTK_WIDGET (self->coders_button),
                               blind ? _("A blind copy: only your own codings are shown")
                                     : _("Whose Codings Are Shown"));
  if (shirabe_coder_filter_get_shown (self->coder_filter) == SHIRABE_CODERS_ALL)
    gtk_widget_remove_css_class (GTK_WIDGET (self->coders_button), "accent");
  else
    gtk_widget_add_css_class (GTK_WIDGET (self->coders_button), "accent");
  if (self->project != NULL && !shirabe_reader_reload_codings (self, &error))
    g_warning ("Cannot show the codings: %s", error->message);
}

/* The picker's list is rebuilt when it opens rather than on every edit: refilling a list
 * view costs more than the rest of an edit's refresh. */
static void
update_picker (ShirabeReader *self)
{
  if (self->picker_stale && self->codes != NULL)
    shirabe_code_picker_set_codes (self->picker, self->codes, self->label_language);
  self->picker_stale = FALSE;
}

static void
update_codes (ShirabeReader *self)
{
  if (self->codes == NULL)
    return;
  shirabe_coding_view_set_codes (self->text_view, self->codes, self->label_language);
  self->picker_stale = TRUE;
  if (gtk_widget_get_visible (GTK_WIDGET (self->picker)))
    update_picker (self);
}

void
shirabe_reader_set_codes (ShirabeReader *self,
                          GPtrArray     *codes)
{
  g_return_if_fail (SHIRABE_IS_READER (self));
  g_return_if_fail (codes != NULL);

  g_ptr_array_ref (codes);
  g_clear_pointer (&self->codes, g_ptr_array_unref);
  self->codes = codes;
  update_codes (self);
}

void
shirabe_reader_set_label_language (ShirabeReader        *self,
                                   ShirabeLabelLanguage  language)
{
  g_return_if_fail (SHIRABE_IS_READER (self));

  if (self->label_language == language)
    return;
  self->label_language = language;
  update_codes (self);
}

static void
set_language (ShirabeReader *self,
              const char    *language)
{
  if (language != NULL && *language != '\0')
    g_object_set (self->language_tag, "language", language, NULL);
  else
    g_object_set (self->language_tag, "language-set", FALSE, NULL);
}

static void
set_narrative_id (ShirabeReader *self,
                  gint64         narrative_id)
{
  gboolean had_narrative = self->narrative_id != 0;

  self->narrative_id = narrative_id;
  if (had_narrative != (narrative_id != 0))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HAS_NARRATIVE]);
}

gboolean
shirabe_reader_show_narrative (ShirabeReader           *self,
                               const ShirabeNarrative  *narrative,
                               GError                 **error)
{
  g_autofree char *text = NULL;
  g_autofree char *details = NULL;
  int64_t length;
  GtkTextIter start;
  GtkTextIter end;

  g_return_val_if_fail (SHIRABE_IS_READER (self), FALSE);

  gtk_popover_popdown (GTK_POPOVER (self->picker));
  gtk_popover_popdown (GTK_POPOVER (self->context_menu));
  gtk_popover_popdown (self->memo_popover);
  if (narrative == NULL || self->project == NULL)
    {
      shirabe_narrative_search_stop (self->search);
      set_narrative_id (self, 0);
      shirabe_coding_view_set_codings (self->text_view, NULL);
      gtk_text_buffer_set_text (self->buffer, "", 0);
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return TRUE;
    }

  text = shirabe_project_dup_narrative_text (self->project, narrative->id, error);
  if (text == NULL)
    {
      shirabe_reader_show_narrative (self, NULL, NULL);
      return FALSE;
    }

  set_narrative_id (self, narrative->id);
  gtk_label_set_label (self->title_label, narrative->title);
  /* PRId64, not G_GINT64_FORMAT: xgettext reads only the <inttypes.h> macros in a msgid. */
  length = (int64_t) MAX (narrative->length, 0);
  /* Translators: under a narrative's title: its case, then its length */
  details = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s · %" PRId64 " character",
                                          "%s · %" PRId64 " characters",
                                          (gulong) MIN ((uint64_t) length, G_MAXULONG)),
                             narrative->case_name, length);
  gtk_label_set_label (self->details_label, details);
  set_language (self, narrative->language);

  shirabe_coding_view_set_codings (self->text_view, NULL);
  gtk_text_buffer_set_text (self->buffer, text, -1);
  gtk_text_buffer_get_bounds (self->buffer, &start, &end);
  gtk_text_buffer_apply_tag (self->buffer, self->language_tag, &start, &end);
  gtk_text_buffer_place_cursor (self->buffer, &start);
  gtk_stack_set_visible_child_name (self->stack, "text");

  return shirabe_reader_reload_codings (self, error);
}

gint64
shirabe_reader_get_narrative_id (ShirabeReader *self)
{
  g_return_val_if_fail (SHIRABE_IS_READER (self), 0);

  return self->narrative_id;
}

/* The bands are drawn from the list of codings, so a reload is one query and a swap: nothing
 * in the text buffer changes. */
gboolean
shirabe_reader_reload_codings (ShirabeReader  *self,
                               GError        **error)
{
  GPtrArray *codings;

  g_return_val_if_fail (SHIRABE_IS_READER (self), FALSE);

  if (self->narrative_id == 0)
    return TRUE;

  codings = shirabe_project_list_codings (self->project, self->narrative_id, error);
  if (codings == NULL)
    return FALSE;
  /* Only the codings of the coders shown; the list stays sorted by start. */
  for (guint i = codings->len; i > 0; i--)
    if (!shirabe_coder_filter_shows (self->coder_filter,
                                     ((ShirabeCoding *) codings->pdata[i - 1])->coder_id))
      g_ptr_array_remove_index (codings, i - 1);
  shirabe_coding_view_set_codings (self->text_view, codings);
  return TRUE;
}

gboolean
shirabe_reader_update_codings (ShirabeReader   *self,
                               ShirabeChanges  *changes,
                               GError         **error)
{
  g_autoptr(GArray) removed = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) added = NULL;
  const ShirabeCodingChange *codings;
  guint n_codings;

  g_return_val_if_fail (SHIRABE_IS_READER (self), FALSE);
  g_return_val_if_fail (changes != NULL, FALSE);

  if (self->narrative_id == 0)
    return TRUE;

  added = g_ptr_array_new_with_free_func ((GDestroyNotify) shirabe_coding_free);
  codings = shirabe_changes_get_codings (changes, &n_codings);
  for (guint i = 0; i < n_codings; i++)
    {
      const ShirabeCodingChange *change = &codings[i];
      g_autoptr(GError) local_error = NULL;
      ShirabeCoding *coding;

      if (change->change != SHIRABE_ROW_UPDATED && change->narrative_id != self->narrative_id)
        continue;
      if (change->change == SHIRABE_ROW_DELETED)
        {
          g_array_append_val (removed, change->coding_id);
          continue;
        }
      /* Added or changed: read as the views show it, with its coder's name. */
      coding = shirabe_project_get_coding (self->project, change->coding_id, &local_error);
      if (coding == NULL && g_error_matches (local_error, SHIRABE_ERROR, SHIRABE_ERROR_NOT_FOUND))
        g_array_append_val (removed, change->coding_id);
      else if (coding == NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      else if (coding->narrative_id == self->narrative_id &&
               shirabe_coder_filter_shows (self->coder_filter, coding->coder_id))
        g_ptr_array_add (added, coding);
      else
        {
          g_array_append_val (removed, change->coding_id);
          shirabe_coding_free (coding);
        }
    }
  if (removed->len > 0 || added->len > 0)
    shirabe_coding_view_update_codings (self->text_view, removed, added);
  return TRUE;
}

gboolean
shirabe_reader_get_selection (ShirabeReader *self,
                              gint64        *start,
                              gint64        *end)
{
  GtkTextIter start_iter;
  GtkTextIter end_iter;

  g_return_val_if_fail (SHIRABE_IS_READER (self), FALSE);

  if (self->narrative_id == 0 ||
      !gtk_text_buffer_get_selection_bounds (self->buffer, &start_iter, &end_iter))
    return FALSE;
  *start = gtk_text_iter_get_offset (&start_iter);
  *end = gtk_text_iter_get_offset (&end_iter);
  return TRUE;
}

void
shirabe_reader_unselect (ShirabeReader *self)
{
  GtkTextIter start;
  GtkTextIter end;

  g_return_if_fail (SHIRABE_IS_READER (self));

  if (gtk_text_buffer_get_selection_bounds (self->buffer, &start, &end))
    gtk_text_buffer_place_cursor (self->buffer, &end);
}

void
shirabe_reader_show_passage (ShirabeReader *self,
                             gint64         start,
                             gint64         end)
{
  GtkTextIter from;
  GtkTextIter to;
  int n_chars;

  g_return_if_fail (SHIRABE_IS_READER (self));

  n_chars = gtk_text_buffer_get_char_count (self->buffer);
  start = CLAMP (start, 0, n_chars);
  end = CLAMP (end, start, n_chars);
  gtk_text_buffer_get_iter_at_offset (self->buffer, &from, (int) start);
  gtk_text_buffer_get_iter_at_offset (self->buffer, &to, (int) end);
  /* The cursor at the passage's start, so that a long passage shows from its beginning. */
  gtk_text_buffer_select_range (self->buffer, &from, &to);
  gtk_text_view_scroll_to_mark (GTK_TEXT_VIEW (self->text_view), gtk_text_buffer_get_insert (self->buffer),
                                0.0, TRUE, 0.0, 0.3);
  gtk_widget_grab_focus (GTK_WIDGET (self->text_view));
}

void
shirabe_reader_add_text_controller (ShirabeReader      *self,
                                    GtkEventController *controller)
{
  g_return_if_fail (SHIRABE_IS_READER (self));
  g_return_if_fail (GTK_IS_EVENT_CONTROLLER (controller));

  gtk_widget_add_controller (GTK_WIDGET (self->text_view), controller);
}

GtkTextBuffer *
shirabe_reader_get_buffer (ShirabeReader *self)
{
  g_return_val_if_fail (SHIRABE_IS_READER (self), NULL);

  return self->buffer;
}

GPtrArray *
shirabe_reader_get_codings_at (ShirabeReader *self,
                               gint64         offset)
{
  g_return_val_if_fail (SHIRABE_IS_READER (self), NULL);

  return shirabe_coding_view_get_codings_at (self->text_view, offset);
}

gboolean
shirabe_reader_code_covers (ShirabeReader *self,
                            gint64         code_id,
                            gint64         offset)
{
  g_return_val_if_fail (SHIRABE_IS_READER (self), FALSE);

  return shirabe_coding_view_code_covers (self->text_view, code_id, offset);
}

ShirabeCodePicker *
shirabe_reader_get_picker (ShirabeReader *self)
{
  g_return_val_if_fail (SHIRABE_IS_READER (self), NULL);

  return self->picker;
}

ShirabeCodingView *
shirabe_reader_get_coding_view (ShirabeReader *self)
{
  g_return_val_if_fail (SHIRABE_IS_READER (self), NULL);

  return self->text_view;
}

void
shirabe_reader_start_search (ShirabeReader *self)
{
  g_return_if_fail (SHIRABE_IS_READER (self));

  if (self->narrative_id == 0)
    {
      gtk_widget_error_bell (GTK_WIDGET (self));
      return;
    }
  shirabe_narrative_search_start (self->search);
}

ShirabeNarrativeSearch *
shirabe_reader_get_search (ShirabeReader *self)
{
  g_return_val_if_fail (SHIRABE_IS_READER (self), NULL);

  return self->search;
}

GtkPopover *
shirabe_reader_get_memo_popover (ShirabeReader *self)
{
  g_return_val_if_fail (SHIRABE_IS_READER (self), NULL);

  return self->memo_popover;
}

GtkTextBuffer *
shirabe_reader_get_memo_buffer (ShirabeReader *self)
{
  g_return_val_if_fail (SHIRABE_IS_READER (self), NULL);

  return gtk_text_view_get_buffer (self->memo_view);
}
