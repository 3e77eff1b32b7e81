/* shirabe-attributes-view.c: the case's attributes and the narrative's memo, editable
 *
 * Each attribute gets the editor of its type; a value is saved when the user commits it (Enter,
 * leaving the field, a toggle, a choice), through the core, which checks it and records one
 * undo step. A value the core refuses is not saved: its message shows under the attributes and
 * the stored value stays. A choice shows its label in the label language, as codes do, while the
 * value stored (the code statistics use) is the choice's own. The memo is saved when the user stops typing for a moment or leaves
 * it, each save one undo step.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "shirabe-i18n.h"

#include <stdio.h>

#include "shirabe-attributes-view.h"

#define MEMO_SAVE_DELAY_MS 1500

typedef struct
{
  ShirabeAttributesView *view;          /* borrowed */
  gint64                 attribute_id;
  ShirabeAttributeType   type;
  char                  *value;         /* stored, normalised; NULL when unset */
  char                 **choices;       /* the values */
  char                 **choice_labels_en;  /* parallel to @choices, "" when not given */
  char                 **choice_labels_ja;
  GtkWidget             *row;           /* AdwEntryRow, AdwActionRow or AdwComboRow */
  GtkWidget             *control;       /* the entry row, the switch or the combo row */
  GtkMenuButton         *calendar_button;  /* dates only */
  GtkCalendar           *calendar;      /* dates only, made when first opened */
  GtkPopover            *popover;       /* dates only, made when first opened */
  gboolean               updating;      /* set by the program: ignore the change signals */
} Editor;

struct _ShirabeAttributesView
{
  AdwBin                parent_instance;

  ShirabeProject       *project;
  ShirabeLabelLanguage  language;
  gint64                narrative_id;
  gint64                case_id;
  GPtrArray            *editors;          /* Editor */
  char                 *memo_saved;       /* the memo as stored */
  guint                 memo_timeout;
  gboolean              loading_memo;

  /* template */
  GtkWidget            *empty_label;
  GtkWidget            *content;
  GtkWidget            *memo_box;
  AdwPreferencesGroup  *attributes_group;
  GtkWidget            *no_attributes_label;
  GtkLabel             *attribute_message;
  GtkTextView          *memo_view;
  GtkLabel             *memo_status;
};

G_DEFINE_FINAL_TYPE (ShirabeAttributesView, shirabe_attributes_view, ADW_TYPE_BIN)

static void
editor_free (Editor *editor)
{
  g_free (editor->value);
  g_strfreev (editor->choices);
  g_strfreev (editor->choice_labels_en);
  g_strfreev (editor->choice_labels_ja);
  g_free (editor);
}

static gboolean
is_set (const char *text)
{
  return text != NULL && *text != '\0';
}

static char *
dup_attribute_name (ShirabeAttributesView       *self,
                    const ShirabeAttributeValue *value)
{
  const char *ja = value->name_ja;
  const char *en = value->name_en;

  switch (self->language)
    {
    case SHIRABE_LABEL_LANGUAGE_JA:
      return g_strdup (is_set (ja) ? ja : en);
    case SHIRABE_LABEL_LANGUAGE_EN:
      return g_strdup (is_set (en) ? en : ja);
    case SHIRABE_LABEL_LANGUAGE_BOTH:
    default:
      if (is_set (ja) && is_set (en) && g_strcmp0 (ja, en) != 0)
        return g_strdup_printf ("%s / %s", ja, en);
      return g_strdup (is_set (ja) ? ja : en);
    }
}

/* A choice as shown: "女性", "Female" or "女性 / Female", falling back to the other language,
 * then to the value itself. */
static char *
dup_choice_label (ShirabeAttributesView *self,
                  Editor                *editor,
                  guint                  index)
{
  const char *value = editor->choices[index];
  const char *ja = editor->choice_labels_ja != NULL ? editor->choice_labels_ja[index] : NULL;
  const char *en = editor->choice_labels_en != NULL ? editor->choice_labels_en[index] : NULL;

  switch (self->language)
    {
    case SHIRABE_LABEL_LANGUAGE_JA:
      return g_strdup (shirabe_choice_label_pick (ja, en, value));
    case SHIRABE_LABEL_LANGUAGE_EN:
      return g_strdup (shirabe_choice_label_pick (en, ja, value));
    case SHIRABE_LABEL_LANGUAGE_BOTH:
    default:
      if (is_set (ja) && is_set (en) && g_strcmp0 (ja, en) != 0)
        return g_strdup_printf ("%s / %s", ja, en);
      return g_strdup (shirabe_choice_label_pick (ja, en, value));
    }
}

static void
show_message (ShirabeAttributesView *self,
              const char            *message)
{
  gtk_label_set_text (self->attribute_message, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->attribute_message), message != NULL);
}

/* Attributes */

static const char *
row_title (Editor *editor)
{
  return adw_preferences_row_get_title (ADW_PREFERENCES_ROW (editor->row));
}

/* Shows the stored value in the editor. */
static void
editor_show_value (Editor *editor)
{
  editor->updating = TRUE;
  switch (editor->type)
    {
    case SHIRABE_ATTRIBUTE_BOOLEAN:
      gtk_switch_set_active (GTK_SWITCH (editor->control), g_strcmp0 (editor->value, "1") == 0);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (editor->row),
                                   editor->value == NULL ? _("Not set") : "");
      break;
    case SHIRABE_ATTRIBUTE_CHOICE:
      {
        guint selected = 0;

        g_autofree char *tooltip = NULL;

        for (guint i = 0; editor->choices != NULL && editor->choices[i] != NULL; i++)
          if (g_strcmp0 (editor->choices[i], editor->value) == 0)
            selected = i + 1;
        adw_combo_row_set_selected (ADW_COMBO_ROW (editor->control), selected);
        /* The label is for reading; the value is what the export and scripts see. */
        if (editor->value != NULL)
          /* Translators: a tooltip on a choice; %s is the stored value, e.g. “female” */
          tooltip = g_strdup_printf (_("Stored as “%s”"), editor->value);
        gtk_widget_set_tooltip_text (editor->row, tooltip);
      }
      break;
    case SHIRABE_ATTRIBUTE_TEXT:
    case SHIRABE_ATTRIBUTE_INTEGER:
    case SHIRABE_ATTRIBUTE_NUMBER:
    case SHIRABE_ATTRIBUTE_DATE:
    default:
      gtk_editable_set_text (GTK_EDITABLE (editor->control),
                             editor->value != NULL ? editor->value : "");
      gtk_widget_remove_css_class (editor->row, "error");
      break;
    }
  editor->updating = FALSE;
}

/* What the editor shows, as text for the core; NULL clears the value. */
static char *
editor_dup_input (Editor *editor)
{
  switch (editor->type)
    {
    case SHIRABE_ATTRIBUTE_BOOLEAN:
      return g_strdup (gtk_switch_get_active (GTK_SWITCH (editor->control)) ? "true" : "false");
    case SHIRABE_ATTRIBUTE_CHOICE:
      {
        guint selected = adw_combo_row_get_selected (ADW_COMBO_ROW (editor->control));

        if (selected == 0 || selected == GTK_INVALID_LIST_POSITION || editor->choices == NULL ||
            selected > g_strv_length (editor->choices))
          return NULL;
        return g_strdup (editor->choices[selected - 1]);
      }
    case SHIRABE_ATTRIBUTE_TEXT:
    case SHIRABE_ATTRIBUTE_INTEGER:
    case SHIRABE_ATTRIBUTE_NUMBER:
    case SHIRABE_ATTRIBUTE_DATE:
    default:
      {
        char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (editor->control))));

        if (*text == '\0')
          g_clear_pointer (&text, g_free);
        return text;
      }
    }
}

/* Saves the editor's input; on refusal shows the core's message and keeps the stored value. */
static gboolean
editor_commit (Editor   *editor,
               gboolean  revert_on_error)
{
  ShirabeAttributesView *self = editor->view;
  g_autofree char *input = editor_dup_input (editor);
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  gint64 attribute_id = editor->attribute_id;

  if (self->project == NULL || self->case_id == 0)
    return FALSE;
  if (g_strcmp0 (input, editor->value) == 0 ||
      (editor->type == SHIRABE_ATTRIBUTE_BOOLEAN && editor->value != NULL &&
       g_strcmp0 (input, g_strcmp0 (editor->value, "1") == 0 ? "true" : "false") == 0))
    {
      gtk_widget_remove_css_class (editor->row, "error");
      return TRUE;
    }

  if (!shirabe_project_set_attribute_value (self->project, attribute_id, self->case_id, input,
                                            &error))
    {
      /* Translators: an attribute's name, then why its value was refused */
      message = g_strdup_printf (_("%s: %s"), row_title (editor), error->message);
      show_message (self, message);
      gtk_widget_add_css_class (editor->row, "error");
      if (revert_on_error)
        {
          editor_show_value (editor);
          gtk_widget_add_css_class (editor->row, "error");
        }
      else if (editor->type == SHIRABE_ATTRIBUTE_BOOLEAN || editor->type == SHIRABE_ATTRIBUTE_CHOICE)
        editor_show_value (editor);
      return FALSE;
    }

  /* The project's "changed" has refreshed the editors; the editor may be a new one. */
  show_message (self, NULL);
  editor = NULL;
  for (guint i = 0; i < self->editors->len; i++)
    {
      Editor *e = g_ptr_array_index (self->editors, i);

      if (e->attribute_id == attribute_id)
        editor_show_value (e);
    }
  return TRUE;
}

static void
on_entry_apply (Editor *editor)
{
  if (!editor->updating)
    editor_commit (editor, FALSE);
}

static void
on_editor_focus_leave (Editor *editor)
{
  if (!editor->updating)
    editor_commit (editor, TRUE);
}

static void
on_switch_active (Editor *editor)
{
  if (!editor->updating)
    editor_commit (editor, TRUE);
}

static void
on_calendar_popover_show (Editor *editor)
{
  g_autoptr(GDateTime) date = NULL;
  int y, m, d;

  if (editor->value != NULL && sscanf (editor->value, "%d-%d-%d", &y, &m, &d) == 3)
    date = g_date_time_new_local (y, m, d, 0, 0, 0);
  if (date == NULL)
    date = g_date_time_new_now_local ();
  if (date != NULL)
    {
      editor->updating = TRUE;
      gtk_calendar_select_day (editor->calendar, date);
      editor->updating = FALSE;
    }
}

static void
on_calendar_day_selected (Editor *editor)
{
  g_autoptr(GDateTime) date = NULL;
  g_autofree char *text = NULL;

  if (editor->updating)
    return;
  date = gtk_calendar_get_date (editor->calendar);
  text = g_date_time_format (date, "%Y-%m-%d");
  gtk_popover_popdown (editor->popover);
  gtk_editable_set_text (GTK_EDITABLE (editor->control), text);
  editor_commit (editor, FALSE);
}

/* A calendar is some fifty widgets, the costliest part of a date's row: it is made when its
 * button is first pressed rather than with the row, since rows are made before the window's
 * first frame. */
static void
create_calendar (GtkMenuButton *button,
                 gpointer       user_data)
{
  Editor *editor = user_data;

  if (editor->popover != NULL)
    return;
  editor->calendar = GTK_CALENDAR (gtk_calendar_new ());
  editor->popover = GTK_POPOVER (gtk_popover_new ());
  gtk_popover_set_child (editor->popover, GTK_WIDGET (editor->calendar));
  g_signal_connect_swapped (editor->popover, "show",
                            G_CALLBACK (on_calendar_popover_show), editor);
  g_signal_connect_swapped (editor->calendar, "day-selected",
                            G_CALLBACK (on_calendar_day_selected), editor);
  gtk_menu_button_set_popover (button, GTK_WIDGET (editor->popover));
}

static Editor *
editor_new (ShirabeAttributesView       *self,
            const ShirabeAttributeValue *value,
            const ShirabeAttribute      *attribute)
{
  Editor *editor = g_new0 (Editor, 1);
  g_autofree char *name = dup_attribute_name (self, value);
  GtkEventController *focus;

  editor->view = self;
  editor->attribute_id = value->attribute_id;
  editor->type = value->type;
  editor->value = g_strdup (value->value);
  editor->choices = attribute != NULL ? g_strdupv (attribute->choices) : NULL;
  editor->choice_labels_en = attribute != NULL ? g_strdupv (attribute->choice_labels_en) : NULL;
  editor->choice_labels_ja = attribute != NULL ? g_strdupv (attribute->choice_labels_ja) : NULL;

  switch (value->type)
    {
    case SHIRABE_ATTRIBUTE_BOOLEAN:
      editor->row = adw_action_row_new ();
      editor->control = gtk_switch_new ();
      gtk_widget_set_valign (editor->control, GTK_ALIGN_CENTER);
      adw_action_row_add_suffix (ADW_ACTION_ROW (editor->row), editor->control);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (editor->row), editor->control);
      g_signal_connect_swapped (editor->control, "notify::active",
                                G_CALLBACK (on_switch_active), editor);
      break;
    case SHIRABE_ATTRIBUTE_CHOICE:
      {
        g_autoptr(GtkStringList) model = gtk_string_list_new (NULL);

        gtk_string_list_append (model, _("Not set"));
        for (guint i = 0; editor->choices != NULL && editor->choices[i] != NULL; i++)
          {
            g_autofree char *label = dup_choice_label (self, editor, i);

            gtk_string_list_append (model, label);
          }
        editor->row = adw_combo_row_new ();
        editor->control = editor->row;
        adw_combo_row_set_model (ADW_COMBO_ROW (editor->row), G_LIST_MODEL (model));
        g_signal_connect_swapped (editor->control, "notify::selected",
                                  G_CALLBACK (on_switch_active), editor);
      }
      break;
    case SHIRABE_ATTRIBUTE_TEXT:
    case SHIRABE_ATTRIBUTE_INTEGER:
    case SHIRABE_ATTRIBUTE_NUMBER:
    case SHIRABE_ATTRIBUTE_DATE:
    default:
      editor->row = adw_entry_row_new ();
      editor->control = editor->row;
      adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (editor->row), TRUE);
      if (value->type == SHIRABE_ATTRIBUTE_INTEGER)
        adw_entry_row_set_input_purpose (ADW_ENTRY_ROW (editor->row), GTK_INPUT_PURPOSE_DIGITS);
      else if (value->type == SHIRABE_ATTRIBUTE_NUMBER)
        adw_entry_row_set_input_purpose (ADW_ENTRY_ROW (editor->row), GTK_INPUT_PURPOSE_NUMBER);
      g_signal_connect_swapped (editor->row, "apply", G_CALLBACK (on_entry_apply), editor);
      focus = gtk_event_controller_focus_new ();
      g_signal_connect_swapped (focus, "leave", G_CALLBACK (on_editor_focus_leave), editor);
      gtk_widget_add_controller (editor->row, focus);
      if (value->type == SHIRABE_ATTRIBUTE_DATE)
        {
          GtkWidget *button = gtk_menu_button_new ();

          editor->calendar_button = GTK_MENU_BUTTON (button);
          gtk_menu_button_set_create_popup_func (editor->calendar_button, create_calendar,
                                                 editor, NULL);
          gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (button), "x-office-calendar-symbolic");
          gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
          gtk_widget_add_css_class (button, "flat");
          gtk_widget_set_tooltip_text (button, _("Choose a date"));
          adw_entry_row_add_suffix (ADW_ENTRY_ROW (editor->row), button);
        }
      break;
    }

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (editor->row), name);
  if (value->type == SHIRABE_ATTRIBUTE_DATE)
    /* Translators: the form of a date the user types; keep it as it is */
    gtk_widget_set_tooltip_text (editor->row, _("A date as YYYY-MM-DD, for example 2004-09-14"));
  editor_show_value (editor);
  return editor;
}

static void
clear_editors (ShirabeAttributesView *self)
{
  for (guint i = 0; i < self->editors->len; i++)
    {
      Editor *editor = g_ptr_array_index (self->editors, i);

      g_signal_handlers_disconnect_by_data (editor->row, editor);
      if (editor->control != editor->row)
        g_signal_handlers_disconnect_by_data (editor->control, editor);
      if (editor->calendar_button != NULL)
        gtk_menu_button_set_create_popup_func (editor->calendar_button, NULL, NULL, NULL);
      if (editor->calendar != NULL)
        {
          g_signal_handlers_disconnect_by_data (editor->calendar, editor);
          g_signal_handlers_disconnect_by_data (editor->popover, editor);
        }
      for (guint c = 0; ; c++)
        {
          g_autoptr(GtkEventController) controller =
            g_list_model_get_item (gtk_widget_observe_controllers (editor->row), c);

          if (controller == NULL)
            break;
          g_signal_handlers_disconnect_by_data (controller, editor);
        }
      adw_preferences_group_remove (self->attributes_group, editor->row);
    }
  g_ptr_array_set_size (self->editors, 0);
}

static gboolean
editors_match (ShirabeAttributesView *self,
               GPtrArray             *values)
{
  if (values->len != self->editors->len)
    return FALSE;
  for (guint i = 0; i < values->len; i++)
    {
      ShirabeAttributeValue *value = g_ptr_array_index (values, i);
      Editor *editor = g_ptr_array_index (self->editors, i);

      if (value->attribute_id != editor->attribute_id || value->type != editor->type)
        return FALSE;
    }
  return TRUE;
}

static gboolean
has_focus_within (GtkWidget *widget)
{
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  return focus != NULL && (focus == widget || gtk_widget_is_ancestor (focus, widget));
}

static void
refresh_attributes (ShirabeAttributesView *self,
                    gboolean               rebuild)
{
  g_autoptr(GPtrArray) values = NULL;
  g_autoptr(GPtrArray) attributes = NULL;
  g_autoptr(ShirabeCase) case_ = NULL;
  g_autoptr(GError) error = NULL;

  if (self->project == NULL || self->case_id == 0)
    {
      clear_editors (self);
      return;
    }
  values = shirabe_project_list_attribute_values (self->project, SHIRABE_SCOPE_CASE,
                                                  self->case_id, &error);
  case_ = shirabe_project_get_case (self->project, self->case_id, NULL);
  adw_preferences_group_set_description (self->attributes_group,
                                         case_ != NULL ? case_->name : NULL);
  if (values == NULL)
    {
      clear_editors (self);
      show_message (self, error->message);
      return;
    }

  if (!rebuild && editors_match (self, values))
    {
      for (guint i = 0; i < values->len; i++)
        {
          ShirabeAttributeValue *value = g_ptr_array_index (values, i);
          Editor *editor = g_ptr_array_index (self->editors, i);
          gboolean changed = g_strcmp0 (editor->value, value->value) != 0;

          g_free (editor->value);
          editor->value = g_strdup (value->value);
          /* What the user is typing stays; the rest follows the project (an undo, say). */
          if (changed && !has_focus_within (editor->row))
            editor_show_value (editor);
        }
      return;
    }

  clear_editors (self);
  attributes = shirabe_project_list_attributes (self->project, SHIRABE_SCOPE_CASE, NULL);
  for (guint i = 0; i < values->len; i++)
    {
      ShirabeAttributeValue *value = g_ptr_array_index (values, i);
      ShirabeAttribute *attribute = NULL;
      Editor *editor;

      for (guint a = 0; attributes != NULL && a < attributes->len; a++)
        if (((ShirabeAttribute *) g_ptr_array_index (attributes, a))->id == value->attribute_id)
          attribute = g_ptr_array_index (attributes, a);
      editor = editor_new (self, value, attribute);
      g_ptr_array_add (self->editors, editor);
      adw_preferences_group_add (self->attributes_group, editor->row);
    }
  gtk_widget_set_visible (self->no_attributes_label, values->len == 0);
}

/* Memo */

static char *
dup_memo_text (ShirabeAttributesView *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->memo_view);
  GtkTextIter start;
  GtkTextIter end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static void
load_memo (ShirabeAttributesView *self,
           const char            *memo)
{
  g_free (self->memo_saved);
  self->memo_saved = g_strdup (memo != NULL ? memo : "");
  self->loading_memo = TRUE;
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->memo_view), self->memo_saved, -1);
  self->loading_memo = FALSE;
}

gboolean
shirabe_attributes_view_save_memo (ShirabeAttributesView *self)
{
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (SHIRABE_IS_ATTRIBUTES_VIEW (self), FALSE);

  g_clear_handle_id (&self->memo_timeout, g_source_remove);
  if (self->project == NULL || self->narrative_id == 0)
    return TRUE;
  text = dup_memo_text (self);
  if (g_strcmp0 (text, self->memo_saved) == 0)
    return TRUE;
  /* Remembered first: the project's "changed" comes back here during the call. */
  g_free (self->memo_saved);
  self->memo_saved = g_strdup (text);
  if (!shirabe_project_set_narrative_memo (self->project, self->narrative_id, text, &error))
    {
      g_autofree char *message = g_strdup_printf (_("The memo was not saved: %s"),
                                                  error->message);

      g_clear_pointer (&self->memo_saved, g_free);
      gtk_label_set_text (self->memo_status, message);
      gtk_widget_add_css_class (GTK_WIDGET (self->memo_status), "error");
      return FALSE;
    }
  gtk_label_set_text (self->memo_status, "");
  gtk_widget_remove_css_class (GTK_WIDGET (self->memo_status), "error");
  return TRUE;
}

static gboolean
on_memo_timeout (gpointer user_data)
{
  ShirabeAttributesView *self = user_data;

  self->memo_timeout = 0;
  shirabe_attributes_view_save_memo (self);
  return G_SOURCE_REMOVE;
}

static void
on_memo_changed (ShirabeAttributesView *self)
{
  if (self->loading_memo)
    return;
  g_clear_handle_id (&self->memo_timeout, g_source_remove);
  self->memo_timeout = g_timeout_add (MEMO_SAVE_DELAY_MS, on_memo_timeout, self);
}

static void
refresh_memo (ShirabeAttributesView *self)
{
  g_autoptr(ShirabeNarrative) narrative = NULL;
  g_autofree char *text = NULL;

  if (self->project == NULL || self->narrative_id == 0)
    return;
  narrative = shirabe_project_get_narrative (self->project, self->narrative_id, NULL);
  if (narrative == NULL)
    return;
  text = dup_memo_text (self);
  /* Typing not yet saved wins over the stored memo; otherwise show what is stored. */
  if (self->memo_saved != NULL && g_strcmp0 (text, self->memo_saved) != 0)
    return;
  if (g_strcmp0 (text, narrative->memo != NULL ? narrative->memo : "") != 0)
    load_memo (self, narrative->memo);
}

/* Project */

static void
on_project_changed (ShirabeAttributesView *self,
                    ShirabeChanges        *changes)
{
  gboolean rebuild;

  /* Codings and codes are not shown here. */
  if (!shirabe_changes_touches (changes, SHIRABE_TABLE_ALL & ~(SHIRABE_TABLE_CODING |
                                                               SHIRABE_TABLE_CODE |
                                                               SHIRABE_TABLE_CODER)))
    return;
  /* An attribute itself changed (its names, choices or their labels, say by a template): the
   * editors are made again, unless the user is typing in one. */
  rebuild = shirabe_changes_touches (changes, SHIRABE_TABLE_ATTRIBUTE) &&
            !has_focus_within (GTK_WIDGET (self->attributes_group));
  if (self->narrative_id != 0)
    {
      g_autoptr(ShirabeNarrative) narrative =
        shirabe_project_get_narrative (self->project, self->narrative_id, NULL);

      if (narrative == NULL)
        {
          shirabe_attributes_view_set_narrative (self, 0);
          return;
        }
      if (narrative->case_id != self->case_id)
        {
          self->case_id = narrative->case_id;
          refresh_attributes (self, TRUE);
        }
    }
  refresh_attributes (self, rebuild);
  refresh_memo (self);
}

void
shirabe_attributes_view_set_project (ShirabeAttributesView *self,
                                     ShirabeProject        *project)
{
  g_return_if_fail (SHIRABE_IS_ATTRIBUTES_VIEW (self));
  g_return_if_fail (project == NULL || SHIRABE_IS_PROJECT (project));

  if (project == self->project)
    return;
  shirabe_attributes_view_set_narrative (self, 0);
  if (self->project != NULL)
    g_signal_handlers_disconnect_by_data (self->project, self);
  g_set_object (&self->project, project);
  if (project != NULL)
    g_signal_connect_object (project, "changed", G_CALLBACK (on_project_changed), self,
                             G_CONNECT_SWAPPED);
}

void
shirabe_attributes_view_set_narrative (ShirabeAttributesView *self,
                                       gint64                 narrative_id)
{
  g_autoptr(ShirabeNarrative) narrative = NULL;

  g_return_if_fail (SHIRABE_IS_ATTRIBUTES_VIEW (self));

  if (narrative_id == self->narrative_id)
    return;
  shirabe_attributes_view_save_memo (self);
  show_message (self, NULL);
  gtk_label_set_text (self->memo_status, "");

  if (self->project != NULL && narrative_id != 0)
    narrative = shirabe_project_get_narrative (self->project, narrative_id, NULL);
  self->narrative_id = narrative != NULL ? narrative_id : 0;
  self->case_id = narrative != NULL ? narrative->case_id : 0;
  load_memo (self, narrative != NULL ? narrative->memo : NULL);
  refresh_attributes (self, TRUE);
  gtk_widget_set_visible (self->content, narrative != NULL);
  gtk_widget_set_visible (self->memo_box, narrative != NULL);
  gtk_widget_set_visible (self->empty_label, narrative == NULL);
}

void
shirabe_attributes_view_set_label_language (ShirabeAttributesView *self,
                                            ShirabeLabelLanguage   language)
{
  g_return_if_fail (SHIRABE_IS_ATTRIBUTES_VIEW (self));

  if (self->language == language)
    return;
  self->language = language;
  refresh_attributes (self, TRUE);
}

static Editor *
find_editor (ShirabeAttributesView *self,
             gint64                 attribute_id)
{
  for (guint i = 0; i < self->editors->len; i++)
    {
      Editor *editor = g_ptr_array_index (self->editors, i);

      if (editor->attribute_id == attribute_id)
        return editor;
    }
  return NULL;
}

GtkWidget *
shirabe_attributes_view_get_editor (ShirabeAttributesView *self,
                                    gint64                 attribute_id)
{
  Editor *editor;

  g_return_val_if_fail (SHIRABE_IS_ATTRIBUTES_VIEW (self), NULL);

  editor = find_editor (self, attribute_id);
  return editor != NULL ? editor->control : NULL;
}

gboolean
shirabe_attributes_view_commit (ShirabeAttributesView *self,
                                gint64                 attribute_id)
{
  Editor *editor;

  g_return_val_if_fail (SHIRABE_IS_ATTRIBUTES_VIEW (self), FALSE);

  editor = find_editor (self, attribute_id);
  return editor != NULL && editor_commit (editor, FALSE);
}

const char *
shirabe_attributes_view_get_message (ShirabeAttributesView *self)
{
  g_return_val_if_fail (SHIRABE_IS_ATTRIBUTES_VIEW (self), NULL);

  return gtk_label_get_text (self->attribute_message);
}

GtkTextView *
shirabe_attributes_view_get_memo_view (ShirabeAttributesView *self)
{
  g_return_val_if_fail (SHIRABE_IS_ATTRIBUTES_VIEW (self), NULL);

  return self->memo_view;
}

/* Object */

static void
shirabe_attributes_view_dispose (GObject *object)
{
  ShirabeAttributesView *self = SHIRABE_ATTRIBUTES_VIEW (object);

  /* A memo typed just before the window closes is kept. */
  shirabe_attributes_view_save_memo (self);
  g_clear_handle_id (&self->memo_timeout, g_source_remove);
  if (self->editors != NULL && self->attributes_group != NULL)
    clear_editors (self);
  if (self->project != NULL)
    g_signal_handlers_disconnect_by_data (self->project, self);
  g_clear_object (&self->project);
  gtk_widget_dispose_template (GTK_WIDGET (self), SHIRABE_TYPE_ATTRIBUTES_VIEW);

  G_OBJECT_CLASS (shirabe_attributes_view_parent_class)->dispose (object);
}

static void
shirabe_attributes_view_finalize (GObject *object)
{
  ShirabeAttributesView *self = SHIRABE_ATTRIBUTES_VIEW (object);

  g_clear_pointer (&self->editors, g_ptr_array_unref);
  g_clear_pointer (&self->memo_saved, g_free);

  G_OBJECT_CLASS (shirabe_attributes_view_parent_class)->finalize (object);
}

static void
shirabe_attributes_view_class_init (ShirabeAttributesViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = shirabe_attributes_view_dispose;
  object_class->finalize = shirabe_attributes_view_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/shirabe/Shirabe/shirabe-attributes-view.ui");
  gtk_widget_class_bind_template_child (widget_class, ShirabeAttributesView, empty_label);
  gtk_widget_class_bind_template_child (widget_class, ShirabeAttributesView, content);
  gtk_widget_class_bind_template_child (widget_class, ShirabeAttributesView, memo_box);
  gtk_widget_class_bind_template_child (widget_class, ShirabeAttributesView, attributes_group);
  gtk_widget_class_bind_template_child (widget_class, ShirabeAttributesView, no_attributes_label);
  gtk_widget_class_bind_template_child (widget_class, ShirabeAttributesView, attribute_message);
  gtk_widget_class_bind_template_child (widget_class, ShirabeAttributesView, memo_view);
  gtk_widget_class_bind_template_child (widget_class, ShirabeAttributesView, memo_status);
}

static void
shirabe_attributes_view_init (ShirabeAttributesView *self)
{
  GtkEventController *focus;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->language = shirabe_label_language_default ();
  self->editors = g_ptr_array_new_with_free_func ((GDestroyNotify) editor_free);
  g_signal_connect_object (gtk_text_view_get_buffer (self->memo_view), "changed",
                           G_CALLBACK (on_memo_changed), self, G_CONNECT_SWAPPED);
  focus = gtk_event_controller_focus_new ();
  g_signal_connect_object (focus, "leave", G_CALLBACK (shirabe_attributes_view_save_memo), self,
                           G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self->memo_view), focus);
}

GtkPaned *
shirabe_attributes_view_get_paned (ShirabeAttributesView *self)
{
  g_return_val_if_fail (SHIRABE_IS_ATTRIBUTES_VIEW (self), NULL);

  /* The bin's child, not a template child: AdwBin unparents it itself. */
  return GTK_PANED (adw_bin_get_child (ADW_BIN (self)));
}
