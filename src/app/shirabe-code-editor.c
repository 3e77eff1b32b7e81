/* shirabe-code-editor.c: a dialog to make a code or change one
 *
 * Nothing is written until Save, and then everything at once: the user undoes an edit of the
 * code as one step, whatever number of fields it touched.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "shirabe-i18n.h"

#include "shirabe-code-editor.h"
#include "shirabe-code-update.h"

struct _ShirabeCodeEditor
{
  AdwWindow       parent_instance;

  ShirabeProject *project;
  ShirabeCode    *code;              /* as it was; NULL for a new code */
  gint64          code_id;
  gint64          parent_id;

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
    gtk_label_set_text (self->var_name_message,
                        _("Left empty, it is made from the English label."));
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

  if (self->code != NULL)
    ok = shirabe_project_update_code (self->project, self->code_id, &spec, &error);
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
      if (!gdk_rgba_parse (&rgba, self->code->color))
        gdk_rgba_parse (&rgba, new_code_colors[0]);
    }
  else
    {
      g_autoptr(GPtrArray) codes = shirabe_project_list_codes (project, NULL);
      guint n = codes != NULL ? codes->len : 0;

      gtk_window_set_title (GTK_WINDOW (self), parent_id != 0 ? _("New Subcode") : _("New Code"));
      gdk_rgba_parse (&rgba, new_code_colors[n % G_N_ELEMENTS (new_code_colors)]);
    }
  gtk_color_chooser_set_rgba (GTK_COLOR_CHOOSER (self->color_button), &rgba);

  g_signal_connect_object (self->label_en_row, "changed", G_CALLBACK (update_validity), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->label_ja_row, "changed", G_CALLBACK (update_validity), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->var_name_row, "changed", G_CALLBACK (update_validity), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->label_en_row, "entry-activated",
                           G_CALLBACK (on_entry_activated), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->label_ja_row, "entry-activated",
                           G_CALLBACK (on_entry_activated), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->var_name_row, "entry-activated",
                           G_CALLBACK (on_entry_activated), self, G_CONNECT_SWAPPED);
  update_validity (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->label_en_row));

  return self;
}
