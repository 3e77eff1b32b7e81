/* shirabe-code-picker.c: a popover to find a code by typing and choose it
 *
 * The search matches both labels and the var name, whatever language the labels are shown in:
 * a researcher who thinks of "debt" finds 債務 and one who types 借金 finds "Debt bondage" when
 * either label holds it. Matching is on NFKC case-folded text, so full-width Latin letters
 * typed through an input method match too.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "shirabe-i18n.h"

#include "shirabe-code-picker.h"
#include "shirabe-color-swatch.h"

/* One code as the picker shows it. */

#define SHIRABE_TYPE_PICKER_CHOICE (shirabe_picker_choice_get_type ())

G_DECLARE_FINAL_TYPE (ShirabePickerChoice, shirabe_picker_choice, SHIRABE, PICKER_CHOICE, GObject)

struct _ShirabePickerChoice
{
  GObject   parent_instance;

  gint64    id;
  char     *label;
  char     *detail;   /* the other label and the var name */
  char     *color;
  char     *haystack; /* what the search matches, NFKC case-folded */
  gboolean  applied;
};

G_DEFINE_FINAL_TYPE (ShirabePickerChoice, shirabe_picker_choice, G_TYPE_OBJECT)

enum {
  CHOICE_PROP_0,
  CHOICE_PROP_LABEL,
  CHOICE_PROP_DETAIL,
  CHOICE_PROP_COLOR,
  CHOICE_PROP_APPLIED,
  CHOICE_N_PROPS
};

static GParamSpec *choice_properties[CHOICE_N_PROPS];

static void
shirabe_picker_choice_finalize (GObject *object)
{
  ShirabePickerChoice *self = SHIRABE_PICKER_CHOICE (object);

  g_free (self->label);
  g_free (self->detail);
  g_free (self->color);
  g_free (self->haystack);

  G_OBJECT_CLASS (shirabe_picker_choice_parent_class)->finalize (object);
}

static void
shirabe_picker_choice_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  ShirabePickerChoice *self = SHIRABE_PICKER_CHOICE (object);

  switch (prop_id)
    {
    case CHOICE_PROP_LABEL:
      g_value_set_string (value, self->label);
      break;
    case CHOICE_PROP_DETAIL:
      g_value_set_string (value, self->detail);
      break;
    case CHOICE_PROP_COLOR:
      g_value_set_string (value, self->color);
      break;
    case CHOICE_PROP_APPLIED:
      g_value_set_boolean (value, self->applied);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
shirabe_picker_choice_class_init (ShirabePickerChoiceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = shirabe_picker_choice_finalize;
  object_class->get_property = shirabe_picker_choice_get_property;

  choice_properties[CHOICE_PROP_LABEL] =
    g_param_spec_string ("label", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  choice_properties[CHOICE_PROP_DETAIL] =
    g_param_spec_string ("detail", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  choice_properties[CHOICE_PROP_COLOR] =
    g_param_spec_string ("color", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  choice_properties[CHOICE_PROP_APPLIED] =
    g_param_spec_boolean ("applied", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, CHOICE_N_PROPS, choice_properties);
}

static void
shirabe_picker_choice_init (ShirabePickerChoice *self)
{
}

static char *
fold (const char *text)
{
  g_autofree char *normal = g_utf8_normalize (text != NULL ? text : "", -1, G_NORMALIZE_NFKC);

  return g_utf8_casefold (normal != NULL ? normal : "", -1);
}

static gboolean
is_set (const char *text)
{
  return text != NULL && *text != '\0';
}

static ShirabePickerChoice *
shirabe_picker_choice_new (const ShirabeCode    *code,
                           ShirabeLabelLanguage  language)
{
  ShirabePickerChoice *self = g_object_new (SHIRABE_TYPE_PICKER_CHOICE, NULL);
  g_autofree char *haystack = NULL;
  const char *first;
  const char *second;

  self->id = code->id;
  self->color = g_strdup (code->color);
  first = language == SHIRABE_LABEL_LANGUAGE_EN ? code->label_en : code->label_ja;
  second = language == SHIRABE_LABEL_LANGUAGE_EN ? code->label_ja : code->label_en;
  if (!is_set (first))
    {
      first = second;
      second = NULL;
    }
  self->label = g_strdup (first != NULL ? first : code->var_name);
  if (is_set (second) && is_set (code->var_name))
    self->detail = g_strdup_printf ("%s · %s", second, code->var_name);
  else
    self->detail = g_strdup (is_set (second) ? second : code->var_name);
  haystack = g_strjoin ("\n", code->label_en != NULL ? code->label_en : "",
                        code->label_ja != NULL ? code->label_ja : "",
                        code->var_name != NULL ? code->var_name : "", NULL);
  self->haystack = fold (haystack);
  return self;
}

/* The picker. */

struct _ShirabeCodePicker
{
  GtkPopover          parent_instance;

  GListStore         *choices;
  GtkCustomFilter    *filter;
  GtkSingleSelection *selection;
  char               *needle;
  GPtrArray          *pending_codes;    /* codes given while hidden, listed when shown */
  ShirabeLabelLanguage pending_language;

  /* template */
  GtkSearchEntry     *search_entry;
  GtkListView        *list_view;
  GtkStack           *list_stack;
  GtkWidget          *create_button;
};

G_DEFINE_FINAL_TYPE (ShirabeCodePicker, shirabe_code_picker, GTK_TYPE_POPOVER)

static void list_pending_codes (ShirabeCodePicker *self);

enum {
  CODE_CHOSEN,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static gboolean
match_choice (gpointer item,
              gpointer user_data)
{
  ShirabeCodePicker *self = user_data;
  ShirabePickerChoice *choice = item;

  return self->needle == NULL || *self->needle == '\0' ||
         strstr (choice->haystack, self->needle) != NULL;
}

static void
select_first (ShirabeCodePicker *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->selection));

  gtk_stack_set_visible_child_name (self->list_stack, n > 0 ? "list" : "empty");
  if (n == 0)
    return;
  gtk_single_selection_set_selected (self->selection, 0);
  gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u", 0);
}

static void
on_search_changed (ShirabeCodePicker *self)
{
  g_free (self->needle);
  self->needle = fold (gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
  g_strstrip (self->needle);
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  select_first (self);
}

static void
choose (ShirabeCodePicker *self,
        guint              position)
{
  g_autoptr(ShirabePickerChoice) choice = g_list_model_get_item (G_LIST_MODEL (self->selection),
                                                                 position);

  if (choice == NULL)
    {
      gtk_widget_error_bell (GTK_WIDGET (self));
      return;
    }
  gtk_popover_popdown (GTK_POPOVER (self));
  g_signal_emit (self, signals[CODE_CHOSEN], 0, choice->id);
}

static void
on_activate (ShirabeCodePicker *self)
{
  choose (self, gtk_single_selection_get_selected (self->selection));
}

static void
on_row_activated (ShirabeCodePicker *self,
                  guint              position)
{
  choose (self, position);
}

static void
on_stop_search (ShirabeCodePicker *self)
{
  gtk_popover_popdown (GTK_POPOVER (self));
}

/* Up and Down move through the matches while the focus stays in the search entry. */
static gboolean
on_key_pressed (ShirabeCodePicker     *self,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                GtkEventControllerKey *controller)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->selection));
  guint selected = gtk_single_selection_get_selected (self->selection);
  int step;

  switch (keyval)
    {
    case GDK_KEY_Up:
    case GDK_KEY_KP_Up:
      step = -1;
      break;
    case GDK_KEY_Down:
    case GDK_KEY_KP_Down:
      step = 1;
      break;
    case GDK_KEY_Page_Up:
    case GDK_KEY_KP_Page_Up:
      step = -8;
      break;
    case GDK_KEY_Page_Down:
    case GDK_KEY_KP_Page_Down:
      step = 8;
      break;
    default:
      return FALSE;
    }
  if (n == 0)
    return TRUE;
  if (selected == GTK_INVALID_LIST_POSITION)
    selected = 0;
  else
    selected = (guint) CLAMP ((int) selected + step, 0, (int) n - 1);
  gtk_single_selection_set_selected (self->selection, selected);
  gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u",
                              selected);
  return TRUE;
}

static void
shirabe_code_picker_dispose (GObject *object)
{
  ShirabeCodePicker *self = SHIRABE_CODE_PICKER (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), SHIRABE_TYPE_CODE_PICKER);
  g_clear_object (&self->selection);
  g_clear_object (&self->choices);
  g_clear_pointer (&self->pending_codes, g_ptr_array_unref);
  self->filter = NULL;

  G_OBJECT_CLASS (shirabe_code_picker_parent_class)->dispose (object);
}

static void
shirabe_code_picker_finalize (GObject *object)
{
  ShirabeCodePicker *self = SHIRABE_CODE_PICKER (object);

  g_free (self->needle);

  G_OBJECT_CLASS (shirabe_code_picker_parent_class)->finalize (object);
}

static void
shirabe_code_picker_class_init (ShirabeCodePickerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = shirabe_code_picker_dispose;
  object_class->finalize = shirabe_code_picker_finalize;

  /**
   * ShirabeCodePicker::code-chosen:
   * @code_id: the code chosen with Enter or a click
   */
  signals[CODE_CHOSEN] =
    g_signal_new ("code-chosen", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 1, G_TYPE_INT64);

  g_type_ensure (SHIRABE_TYPE_PICKER_CHOICE);
  g_type_ensure (SHIRABE_TYPE_COLOR_SWATCH);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/shirabe/Shirabe/shirabe-code-picker.ui");
  gtk_widget_class_bind_template_child (widget_class, ShirabeCodePicker, search_entry);
  gtk_widget_class_bind_template_child (widget_class, ShirabeCodePicker, list_view);
  gtk_widget_class_bind_template_child (widget_class, ShirabeCodePicker, list_stack);
  gtk_widget_class_bind_template_child (widget_class, ShirabeCodePicker, create_button);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_activate);
  gtk_widget_class_bind_template_callback (widget_class, on_row_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_stop_search);
}

static void
shirabe_code_picker_init (ShirabeCodePicker *self)
{
  GtkEventController *keys;
  GtkFilterListModel *filtered;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->choices = g_list_store_new (SHIRABE_TYPE_PICKER_CHOICE);
  self->filter = gtk_custom_filter_new (match_choice, self, NULL);
  filtered = gtk_filter_list_model_new (G_LIST_MODEL (g_object_ref (self->choices)),
                                        GTK_FILTER (self->filter));
  self->selection = gtk_single_selection_new (G_LIST_MODEL (filtered));
  gtk_single_selection_set_can_unselect (self->selection, FALSE);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));

  keys = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect_object (keys, "key-pressed", G_CALLBACK (on_key_pressed), self,
                           G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self->search_entry), keys);
  gtk_search_entry_set_key_capture_widget (self->search_entry, GTK_WIDGET (self));
  /* Before the handlers of those who show it, which mark the codes applied. */
  g_signal_connect (self, "show", G_CALLBACK (list_pending_codes), NULL);
}

ShirabeCodePicker *
shirabe_code_picker_new (void)
{
  return g_object_new (SHIRABE_TYPE_CODE_PICKER, NULL);
}

static void
list_codes (ShirabeCodePicker    *self,
            GPtrArray            *codes,
            ShirabeLabelLanguage  language)
{
  g_autoptr(GPtrArray) choices = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < codes->len; i++)
    {
      const ShirabeCode *code = g_ptr_array_index (codes, i);

      if (code->codable)
        g_ptr_array_add (choices, shirabe_picker_choice_new (code, language));
    }
  g_list_store_splice (self->choices, 0, g_list_model_get_n_items (G_LIST_MODEL (self->choices)),
                       choices->pdata, choices->len);
  select_first (self);
}

/* The codes given while the picker was hidden, listed now: a picker is filled when it is
 * first needed, not once per view when a project opens. */
static void
list_pending_codes (ShirabeCodePicker *self)
{
  g_autoptr(GPtrArray) codes = g_steal_pointer (&self->pending_codes);

  if (codes != NULL)
    list_codes (self, codes, self->pending_language);
}

void
shirabe_code_picker_set_codes (ShirabeCodePicker    *self,
                               GPtrArray            *codes,
                               ShirabeLabelLanguage  language)
{
  g_return_if_fail (SHIRABE_IS_CODE_PICKER (self));
  g_return_if_fail (codes != NULL);

  g_clear_pointer (&self->pending_codes, g_ptr_array_unref);
  if (gtk_widget_get_visible (GTK_WIDGET (self)))
    {
      list_codes (self, codes, language);
      return;
    }
  self->pending_codes = g_ptr_array_ref (codes);
  self->pending_language = language;
}

void
shirabe_code_picker_set_applied (ShirabeCodePicker *self,
                                 GArray            *code_ids)
{
  guint n;

  g_return_if_fail (SHIRABE_IS_CODE_PICKER (self));

  list_pending_codes (self);

  n = g_list_model_get_n_items (G_LIST_MODEL (self->choices));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ShirabePickerChoice) choice = g_list_model_get_item (G_LIST_MODEL (self->choices),
                                                                     i);
      gboolean applied = FALSE;

      for (guint j = 0; code_ids != NULL && j < code_ids->len && !applied; j++)
        applied = g_array_index (code_ids, gint64, j) == choice->id;
      if (choice->applied != applied)
        {
          choice->applied = applied;
          g_object_notify_by_pspec (G_OBJECT (choice), choice_properties[CHOICE_PROP_APPLIED]);
        }
    }
}

void
shirabe_code_picker_set_can_create (ShirabeCodePicker *self,
                                    gboolean           can_create)
{
  g_return_if_fail (SHIRABE_IS_CODE_PICKER (self));

  gtk_widget_set_visible (self->create_button, can_create);
}

void
shirabe_code_picker_reset (ShirabeCodePicker *self)
{
  g_return_if_fail (SHIRABE_IS_CODE_PICKER (self));

  list_pending_codes (self);

  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  /* search-changed comes after a delay; the list must be whole at once. */
  on_search_changed (self);
}

GtkEditable *
shirabe_code_picker_get_search_entry (ShirabeCodePicker *self)
{
  g_return_val_if_fail (SHIRABE_IS_CODE_PICKER (self), NULL);

  list_pending_codes (self);

  return GTK_EDITABLE (self->search_entry);
}

guint
shirabe_code_picker_get_n_matches (ShirabeCodePicker *self)
{
  g_return_val_if_fail (SHIRABE_IS_CODE_PICKER (self), 0);

  list_pending_codes (self);

  return g_list_model_get_n_items (G_LIST_MODEL (self->selection));
}

gint64
shirabe_code_picker_get_match (ShirabeCodePicker *self,
                               guint              position)
{
  g_autoptr(ShirabePickerChoice) choice = NULL;

  g_return_val_if_fail (SHIRABE_IS_CODE_PICKER (self), 0);

  list_pending_codes (self);
  choice = g_list_model_get_item (G_LIST_MODEL (self->selection), position);
  return choice != NULL ? choice->id : 0;
}

gint64
shirabe_code_picker_get_selected (ShirabeCodePicker *self)
{
  g_return_val_if_fail (SHIRABE_IS_CODE_PICKER (self), 0);

  return shirabe_code_picker_get_match (self, gtk_single_selection_get_selected (self->selection));
}

gboolean
shirabe_code_picker_get_applied (ShirabeCodePicker *self,
                                 gint64             code_id)
{
  guint n;

  g_return_val_if_fail (SHIRABE_IS_CODE_PICKER (self), FALSE);

  list_pending_codes (self);

  n = g_list_model_get_n_items (G_LIST_MODEL (self->choices));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ShirabePickerChoice) choice = g_list_model_get_item (G_LIST_MODEL (self->choices),
                                                                     i);

      if (choice->id == code_id)
        return choice->applied;
    }
  return FALSE;
}
