/* shirabe-code-editor.c: a dialog to make a code or change one
 *
 * Nothing is written until Save, and then everything at once: the user undoes an edit of the
 * code as one step, whatever number of fields it touched.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "shirabe-i18n.h"

#include <string.h>

#include "shirabe-apply-code.h"
#include "shirabe-code-editor.h"
#include "shirabe-code-update.h"
#include "shirabe-code-item.h"

struct _ShirabeCodeEditor
{
  AdwWindow       parent_instance;

  ShirabeProject *project;
  ShirabeCode    *code;              /* as it was; NULL for a new code */
  gint64          code_id;
  gint64          parent_id;
  GArray         *parent_ids;        /* the parent row's choices, in its order */

  /* new code from selection: the passage it codes, as one step with making it */
  gint64          narrative_id;
  gint64          passage_start;
  gint64          passage_end;
  char           *coder_name;

  /* the variable name follows the label until the user types one */
  gboolean        var_name_follows;
  gboolean        setting_var_name;

  /* template */
  GtkWidget      *save_button;
  GtkRevealer    *error_revealer;
  GtkLabel       *error_label;
  AdwEntryRow    *label_en_row;
  AdwEntryRow    *label_ja_row;
  GtkTextView    *description_en_view;
  GtkTextView    *description_ja_view;
  GtkColorButton *color_button;
  AdwEntryRow    *var_name_row;
  GtkLabel       *var_name_message;
  GtkSwitch      *category_switch;
  AdwComboRow    *parent_row;
  GtkLabel       *passage_label;
  AdwComboRow    *quick_key_row;
  guint           quick_key;         /* the code's number key as it was, 0 for none */
};

G_DEFINE_FINAL_TYPE (ShirabeCodeEditor, shirabe_code_editor, ADW_TYPE_WINDOW)

enum {
  SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* New codes get the next of GNOME's palette colours, so neighbours differ. */
static const char *const new_code_colors[] = {
  "#E01B24", "#3584E4", "#33D17A", "#F6D32D", "#FF7800", "#9141AC", "#986A44", "#2EC27E",
};

static char *
dup_text_view (GtkTextView *view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter start;
  GtkTextIter end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static char *
dup_color (ShirabeCodeEditor *self)
{
  GdkRGBA rgba;

  gtk_color_chooser_get_rgba (GTK_COLOR_CHOOSER (self->color_button), &rgba);
  return g_strdup_printf ("#%02X%02X%02X",
                          (guint) (CLAMP (rgba.red, 0., 1.) * 255 + .5),
                          (guint) (CLAMP (rgba.green, 0., 1.) * 255 + .5),
                          (guint) (CLAMP (rgba.blue, 0., 1.) * 255 + .5));
}

static gboolean
editable_is_blank (AdwEntryRow *row)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));

  return *text == '\0';
}

static void
show_error (ShirabeCodeEditor *self,
            const char        *message)
{
  gtk_label_set_text (self->error_label, message != NULL ? message : "");
  gtk_revealer_set_reveal_child (self->error_revealer, message != NULL);
}

/* The name the core would make from the labels (before making it unique). */
static char *
dup_var_name_from_labels (const char *label_en,
                          const char *label_ja)
{
  char *name = shirabe_var_name_from_label (label_en);

  if (name == NULL)
    name = shirabe_var_name_from_label (label_ja);
  return name;
}

/* Checks the variable name as the user types, with the core's own words, and allows Save only
 * when the core would take the code. */
static void
update_validity (ShirabeCodeEditor *self)
{
  const char *var_name = gtk_editable_get_text (GTK_EDITABLE (self->var_name_row));
  g_autoptr(GError) error = NULL;
  gboolean var_name_ok = TRUE;
  gboolean has_label;

  if (*var_name == '\0' && self->code == NULL)
    {
      g_autofree char *label_en = g_strstrip (g_strdup (gtk_editable_get_text (
                                                GTK_EDITABLE (self->label_en_row))));
      g_autofree char *label_ja = g_strstrip (g_strdup (gtk_editable_get_text (
                                                GTK_EDITABLE (self->label_ja_row))));
      g_autofree char *made = dup_var_name_from_labels (label_en, label_ja);
      g_autofree char *message = NULL;

      /* Translators: %s is a variable name made from the code's label, "debt_bondage" */
      message = made != NULL ? g_strdup_printf (_("Made from the label: %s (or type one)"), made)
                             : g_strdup (_("Left empty, it is made from the English label."));
      gtk_label_set_text (self->var_name_message, message);
    }
  else if (!shirabe_project_check_code_var_name (self->project, self->code_id, var_name, &error))
    {
      gtk_label_set_text (self->var_name_message, error->message);
      var_name_ok = FALSE;
    }
  else
    gtk_label_set_text (self->var_name_message,
                        _("ASCII letters, digits and underscores, as R, SPSS and Stata expect."));

  if (var_name_ok)
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->var_name_message), "error");
      gtk_widget_add_css_class (GTK_WIDGET (self->var_name_message), "dim-label");
      gtk_widget_remove_css_class (GTK_WIDGET (self->var_name_row), "error");
    }
  else
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->var_name_message), "error");
      gtk_widget_remove_css_class (GTK_WIDGET (self->var_name_message), "dim-label");
      gtk_widget_add_css_class (GTK_WIDGET (self->var_name_row), "error");
    }

  has_label = !editable_is_blank (self->label_en_row) || !editable_is_blank (self->label_ja_row);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.save", var_name_ok && has_label);
}

gboolean
shirabe_code_editor_save (ShirabeCodeEditor *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *label_en = NULL;
  g_autofree char *label_ja = NULL;
  g_autofree char *description_en = NULL;
  g_autofree char *description_ja = NULL;
  g_autofree char *color = NULL;
  const char *var_name;
  ShirabeCodeSpec spec = { 0 };
  gboolean ok;

  g_return_val_if_fail (SHIRABE_IS_CODE_EDITOR (self), FALSE);

  label_en = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->label_en_row))));
  label_ja = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->label_ja_row))));
  description_en = dup_text_view (self->description_en_view);
  description_ja = dup_text_view (self->description_ja_view);
  color = dup_color (self);
  var_name = gtk_editable_get_text (GTK_EDITABLE (self->var_name_row));

  spec.parent_id = self->parent_id;
  spec.label_en = label_en;
  spec.label_ja = label_ja;
  spec.description_en = description_en;
  spec.description_ja = description_ja;
  spec.color = color;
  spec.var_name = *var_name != '\0' || self->code != NULL ? var_name : NULL;
  spec.not_codable = gtk_switch_get_active (self->category_switch);

  if (self->code == NULL && self->parent_ids != NULL &&
      adw_combo_row_get_selected (self->parent_row) < self->parent_ids->len)
    spec.parent_id = g_array_index (self->parent_ids, gint64,
                                    adw_combo_row_get_selected (self->parent_row));

  if (self->code != NULL)
    ok = shirabe_project_update_code (self->project, self->code_id, &spec, &error);
  else if (self->narrative_id != 0)
    {
      gint64 id = 0;

      /* The code made and the passage coded with it: one undo step. */
      ok = shirabe_project_apply_new_code (self->project, self->narrative_id, &spec,
                                           self->coder_name, self->passage_start,
                                           self->passage_end, &id, &error) != 0;
      if (ok)
        self->code_id = id;
    }
  else
    {
      gint64 id = shirabe_project_add_code (self->project, &spec, &error);

      ok = id != 0;
      if (ok)
        self->code_id = id;
    }
  if (!ok)
    {
      show_error (self, error->message);
      return FALSE;
    }

  /* The number key, when changed: a step of its own, after the code's. */
  if (!spec.not_codable && adw_combo_row_get_selected (self->quick_key_row) != self->quick_key)
    {
      guint key = adw_combo_row_get_selected (self->quick_key_row);

      if (!(key != 0 ? shirabe_project_set_quick_key (self->project, key, self->code_id, &error)
                     : shirabe_project_set_quick_key (self->project, self->quick_key, 0, &error)))
        {
          show_error (self, error->message);
          return FALSE;
        }
      self->quick_key = key;
    }

  show_error (self, NULL);
  g_signal_emit (self, signals[SAVED], 0, self->code_id);
  gtk_window_close (GTK_WINDOW (self));
  return TRUE;
}

gint64
shirabe_code_editor_get_code_id (ShirabeCodeEditor *self)
{
  g_return_val_if_fail (SHIRABE_IS_CODE_EDITOR (self), 0);

  return self->code_id;
}

/* Whether @var_name is what the labels would make: the name "debt_bondage" or, made unique,
 * "debt_bondage_2". Such a name was never set by hand, and follows the label. */
static gboolean
var_name_is_made_from (const char *var_name,
                       const char *label_en,
                       const char *label_ja)
{
  g_autofree char *made = dup_var_name_from_labels (label_en, label_ja);
  gsize length;

  if (made == NULL || var_name == NULL || !g_str_has_prefix (var_name, made))
    return FALSE;
  length = strlen (made);
  if (var_name[length] == '\0')
    return TRUE;
  if (var_name[length] != '_' || var_name[length + 1] == '\0')
    return FALSE;
  for (const char *p = var_name + length + 1; *p != '\0'; p++)
    if (!g_ascii_isdigit (*p))
      return FALSE;
  return TRUE;
}

static void
on_label_changed (ShirabeCodeEditor *self)
{
  g_autofree char *label_en = NULL;
  g_autofree char *label_ja = NULL;
  g_autofree char *made = NULL;

  /* A new code's name is made on saving (the message says which); an existing code's name,
   * while it follows the label, is shown changing with it. */
  if (self->var_name_follows && self->code != NULL)
    {
      label_en = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->label_en_row))));
      label_ja = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->label_ja_row))));
      made = dup_var_name_from_labels (label_en, label_ja);
      if (made != NULL)
        {
          self->setting_var_name = TRUE;
          gtk_editable_set_text (GTK_EDITABLE (self->var_name_row), made);
          self->setting_var_name = FALSE;
        }
    }
  update_validity (self);
}

static void
on_var_name_changed (ShirabeCodeEditor *self)
{
  if (!self->setting_var_name)
    self->var_name_follows = *gtk_editable_get_text (GTK_EDITABLE (self->var_name_row)) == '\0';
  update_validity (self);
}

/* "Under": the top level, then every code in tree order, indented by depth. */
static void
fill_parent_row (ShirabeCodeEditor *self,
                 GPtrArray         *codes)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  g_autoptr(GHashTable) depths = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  gint64 none = 0;
  guint selected = 0;

  self->parent_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_array_append_val (self->parent_ids, none);
  /* Translators: in a new code's "Under" list: the code has no parent */
  gtk_string_list_append (names, _("Top level"));
  for (guint i = 0; codes != NULL && i < codes->len; i++)
    {
      ShirabeCode *code = g_ptr_array_index (codes, i);
      guint depth = GPOINTER_TO_UINT (g_hash_table_lookup (depths, &code->parent_id));
      g_autoptr(GString) name = g_string_new (NULL);

      g_hash_table_insert (depths, g_memdup2 (&code->id, sizeof code->id),
                           GUINT_TO_POINTER (depth + 1));
      for (guint j = 0; j < depth; j++)
        g_string_append (name, "\u2003");
      g_string_append (name, shirabe_code_get_label (code, shirabe_label_language_default ()
                                                           == SHIRABE_LABEL_LANGUAGE_JA
                                                           ? SHIRABE_LANGUAGE_JA
                                                           : SHIRABE_LANGUAGE_EN));
      gtk_string_list_append (names, name->str);
      g_array_append_val (self->parent_ids, code->id);
      if (code->id == self->parent_id)
        selected = self->parent_ids->len - 1;
    }
  adw_combo_row_set_model (self->parent_row, G_LIST_MODEL (names));
  adw_combo_row_set_selected (self->parent_row, selected);
  gtk_widget_set_visible (GTK_WIDGET (self->parent_row), TRUE);
}

void
shirabe_code_editor_set_passage (ShirabeCodeEditor *self,
                                 gint64             narrative_id,
                                 gint64             start,
                                 gint64             end,
                                 const char        *coder_name,
                                 const char        *text)
{
  g_autofree char *message = NULL;

  g_return_if_fail (SHIRABE_IS_CODE_EDITOR (self));
  g_return_if_fail (self->code == NULL);

  self->narrative_id = narrative_id;
  self->passage_start = start;
  self->passage_end = end;
  g_free (self->coder_name);
  self->coder_name = g_strdup (coder_name);
  gtk_window_set_title (GTK_WINDOW (self), _("New Code from Selection"));
  /* Translators: above the form of a new code made from a selection; %s is the selected text */
  message = g_strdup_printf (_("Saving makes the code and codes the selected passage with it: "
                               "“%s”"), text != NULL ? text : "");
  gtk_label_set_label (self->passage_label, message);
  gtk_widget_set_visible (GTK_WIDGET (self->passage_label), TRUE);
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  shirabe_code_editor_save (SHIRABE_CODE_EDITOR (widget));
}

static void
on_entry_activated (ShirabeCodeEditor *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "editor.save", NULL);
}

static void
shirabe_code_editor_dispose (GObject *object)
{
  ShirabeCodeEditor *self = SHIRABE_CODE_EDITOR (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), SHIRABE_TYPE_CODE_EDITOR);
  g_clear_object (&self->project);
  g_clear_pointer (&self->code, shirabe_code_free);
  g_clear_pointer (&self->parent_ids, g_array_unref);
  g_clear_pointer (&self->coder_name, g_free);

  G_OBJECT_CLASS (shirabe_code_editor_parent_class)->dispose (object);
}

static void
shirabe_code_editor_class_init (ShirabeCodeEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = shirabe_code_editor_dispose;

  /**
   * ShirabeCodeEditor::saved:
   * @code_id: the code changed or made
   */
  signals[SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                 NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/shirabe/Shirabe/shirabe-code-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, ShirabeCodeEditor, save_button);
  gtk_widget_class_bind_template_child (widget_class, ShirabeCodeEditor, error_revealer);
  gtk_widget_class_bind_template_child (widget_class, ShirabeCodeEditor, error_label);
  gtk_widget_class_bind_template_child (widget_class, ShirabeCodeEditor, label_en_row);
  gtk_widget_class_bind_template_child (widget_class, ShirabeCodeEditor, label_ja_row);
  gtk_widget_class_bind_template_child (widget_class, ShirabeCodeEditor, description_en_view);
  gtk_widget_class_bind_template_child (widget_class, ShirabeCodeEditor, description_ja_view);
  gtk_widget_class_bind_template_child (widget_class, ShirabeCodeEditor, color_button);
  gtk_widget_class_bind_template_child (widget_class, ShirabeCodeEditor, var_name_row);
  gtk_widget_class_bind_template_child (widget_class, ShirabeCodeEditor, var_name_message);
  gtk_widget_class_bind_template_child (widget_class, ShirabeCodeEditor, category_switch);
  gtk_widget_class_bind_template_child (widget_class, ShirabeCodeEditor, parent_row);
  gtk_widget_class_bind_template_child (widget_class, ShirabeCodeEditor, passage_label);
  gtk_widget_class_bind_template_child (widget_class, ShirabeCodeEditor, quick_key_row);

  gtk_widget_class_install_action (widget_class, "editor.save", NULL, save_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK,
                                       "editor.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK,
                                       "editor.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
shirabe_code_editor_init (ShirabeCodeEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

static void
set_text_view (GtkTextView *view,
               const char  *text)
{
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (view), text != NULL ? text : "", -1);
}

ShirabeCodeEditor *
shirabe_code_editor_new (GtkWindow       *parent,
                         ShirabeProject  *project,
                         gint64           code_id,
                         gint64           parent_id,
                         GError         **error)
{
  ShirabeCodeEditor *self;
  GdkRGBA rgba;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (SHIRABE_IS_PROJECT (project), NULL);

  self = g_object_new (SHIRABE_TYPE_CODE_EDITOR, "transient-for", parent, NULL);
  self->project = g_object_ref (project);
  self->code_id = code_id;
  self->parent_id = parent_id;

  if (code_id != 0)
    {
      self->code = shirabe_project_get_code (project, code_id, error);
      if (self->code == NULL)
        {
          gtk_window_destroy (GTK_WINDOW (self));
          return NULL;
        }
      self->parent_id = self->code->parent_id;
      gtk_window_set_title (GTK_WINDOW (self), _("Edit Code"));
      gtk_editable_set_text (GTK_EDITABLE (self->label_en_row), self->code->label_en);
      gtk_editable_set_text (GTK_EDITABLE (self->label_ja_row), self->code->label_ja);
      set_text_view (self->description_en_view, self->code->description_en);
      set_text_view (self->description_ja_view, self->code->description_ja);
      gtk_editable_set_text (GTK_EDITABLE (self->var_name_row),
                             self->code->var_name != NULL ? self->code->var_name : "");
      gtk_switch_set_active (self->category_switch, !self->code->codable);
      self->var_name_follows = var_name_is_made_from (self->code->var_name, self->code->label_en,
                                                      self->code->label_ja);
      {
        gint64 keys[SHIRABE_N_QUICK_KEYS];

        if (shirabe_project_get_quick_keys (project, keys, NULL))
          for (guint k = 0; k < SHIRABE_N_QUICK_KEYS; k++)
            if (keys[k] == code_id)
              self->quick_key = k + 1;
        adw_combo_row_set_selected (self->quick_key_row, self->quick_key);
      }
      if (!gdk_rgba_parse (&rgba, self->code->color))
        gdk_rgba_parse (&rgba, new_code_colors[0]);
    }
  else
    {
      g_autoptr(GPtrArray) codes = shirabe_project_list_codes (project, NULL);
      guint n = codes != NULL ? codes->len : 0;

      gtk_window_set_title (GTK_WINDOW (self), parent_id != 0 ? _("New Subcode") : _("New Code"));
      gdk_rgba_parse (&rgba, new_code_colors[n % G_N_ELEMENTS (new_code_colors)]);
      fill_parent_row (self, codes);
    }
  gtk_color_chooser_set_rgba (GTK_COLOR_CHOOSER (self->color_button), &rgba);

  g_signal_connect_object (self->label_en_row, "changed", G_CALLBACK (on_label_changed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->label_ja_row, "changed", G_CALLBACK (on_label_changed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->var_name_row, "changed", G_CALLBACK (on_var_name_changed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->label_en_row, "entry-activated",
                           G_CALLBACK (on_entry_activated), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->label_ja_row, "entry-activated",
                           G_CALLBACK (on_entry_activated), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->var_name_row, "entry-activated",
                           G_CALLBACK (on_entry_activated), self, G_CONNECT_SWAPPED);
  /* A category takes no number key. */
  g_object_bind_property (self->category_switch, "active", self->quick_key_row, "visible",
                          G_BINDING_SYNC_CREATE | G_BINDING_INVERT_BOOLEAN);
  update_validity (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->label_en_row));

  return self;
}
