/* shirabe-pseudonyms-dialog.c: the pseudonym table, its suggestions, and a pseudonymised copy
 *
 * The table is the project's (every edit an undo step); the lists are read again whenever the
 * project says its pseudonym table changed, so undo in the window shows here too. Saving a copy
 * runs in a worker thread with its own connection; the report lists the replacements per
 * narrative.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "shirabe-i18n.h"

#include "shirabe.h"
#include "shirabe-pseudonyms.h"
#include "shirabe-pseudonymise.h"
#include "shirabe-pseudonyms-dialog.h"

#define MAX_SUGGESTIONS 40

struct _ShirabePseudonymsDialog
{
  AdwWindow             parent_instance;

  ShirabeWindow        *window;
  ShirabeProject       *project;
  GPtrArray            *entries;      /* ShirabePseudonym */
  GPtrArray            *suggestions;  /* ShirabeNameSuggestion */
  GPtrArray            *suggestion_entries;  /* GtkEntry of each suggestion's pseudonym */
  GtkFileChooserNative *chooser;
  GCancellable         *cancellable;
  AdwMessageDialog     *report;

  GtkEntry             *real_entry;
  GtkEntry             *pseudonym_entry;
  GtkDropDown          *language_dropdown;
  GtkListBox           *entry_list;
  GtkListBox           *suggestion_list;
};

G_DEFINE_FINAL_TYPE (ShirabePseudonymsDialog, shirabe_pseudonyms_dialog, ADW_TYPE_WINDOW)

static void
show_error (ShirabePseudonymsDialog *self,
            const char              *heading,
            const GError            *error)
{
  if (self->window != NULL)
    shirabe_window_show_error (self->window, heading, error);
}

static void
on_confirm_clicked (GtkButton               *button,
                    ShirabePseudonymsDialog *self)
{
  gint64 id = *(gint64 *) g_object_get_data (G_OBJECT (button), "shirabe-id");
  g_autoptr(GError) error = NULL;

  if (!shirabe_project_confirm_pseudonym (self->project, id, &error))
    show_error (self, _("The Pseudonym Was Not Confirmed"), error);
}

static void
on_remove_clicked (GtkButton               *button,
                   ShirabePseudonymsDialog *self)
{
  gint64 id = *(gint64 *) g_object_get_data (G_OBJECT (button), "shirabe-id");
  g_autoptr(GError) error = NULL;

  if (!shirabe_project_remove_pseudonym (self->project, id, &error))
    show_error (self, _("The Pseudonym Was Not Removed"), error);
}

static const char *
language_label (const char *language)
{
  if (language == NULL || *language == '\0')
    return C_("pseudonym language", "All languages");
  if (g_str_equal (language, "ja"))
    return C_("pseudonym language", "Japanese");
  if (g_str_equal (language, "en"))
    return C_("pseudonym language", "English");
  return language;
}

static GtkWidget *
entry_row (ShirabePseudonymsDialog *self,
           const ShirabePseudonym  *entry)
{
  /* Translators: a row of the pseudonym table: real name → pseudonym */
  g_autofree char *title = g_strdup_printf (_("%s → %s"), entry->real, entry->pseudonym);
  g_autofree char *subtitle = entry->confirmed
    ? g_strdup (language_label (entry->language))
    /* Translators: under an unconfirmed entry of the pseudonym table */
    : g_strdup_printf (_("%s · not confirmed: not applied yet"), language_label (entry->language));
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");
  gint64 *id = g_new (gint64, 1);

  *id = entry->id;
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  if (!entry->confirmed)
    {
      GtkWidget *confirm = gtk_button_new_with_label (_("Confirm"));

      gtk_widget_set_valign (confirm, GTK_ALIGN_CENTER);
      g_object_set_data (G_OBJECT (confirm), "shirabe-id", id);
      g_signal_connect (confirm, "clicked", G_CALLBACK (on_confirm_clicked), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), confirm);
    }
  gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (remove, "flat");
  gtk_widget_set_tooltip_text (remove, _("Remove from the table"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Remove from the table"), -1);
  g_object_set_data_full (G_OBJECT (remove), "shirabe-id", id, g_free);
  g_signal_connect (remove, "clicked", G_CALLBACK (on_remove_clicked), self);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);
  return row;
}

static void
on_suggestion_confirm_clicked (GtkButton               *button,
                               ShirabePseudonymsDialog *self)
{
  shirabe_pseudonyms_dialog_confirm_suggestion (
    self, GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "shirabe-index")));
}

static GtkWidget *
suggestion_row (ShirabePseudonymsDialog     *self,
                const ShirabeNameSuggestion *suggestion,
                guint                        index)
{
  /* Translators: under a suggested name: how it was found and how often */
  g_autofree char *subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s · %u time",
                                                            "%s · %u times", suggestion->count),
                                               shirabe_name_kind_describe (suggestion->kind), suggestion->count);
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *pseudonym = gtk_entry_new ();
  GtkWidget *confirm = gtk_button_new_with_label (_("Confirm"));

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), suggestion->text);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_editable_set_text (GTK_EDITABLE (pseudonym), suggestion->pseudonym);
  gtk_editable_set_width_chars (GTK_EDITABLE (pseudonym), 10);
  gtk_widget_set_valign (pseudonym, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (pseudonym), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Pseudonym"), -1);
  gtk_widget_set_valign (confirm, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (confirm, _("Add to the table with this pseudonym"));
  g_object_set_data (G_OBJECT (confirm), "shirabe-index", GUINT_TO_POINTER (index));
  g_signal_connect (confirm, "clicked", G_CALLBACK (on_suggestion_confirm_clicked), self);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), pseudonym);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), confirm);
  g_ptr_array_add (self->suggestion_entries, pseudonym);
  return row;
}

static void
clear_list (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
}

static void
reload_entries (ShirabePseudonymsDialog *self)
{
  g_autoptr(GError) error = NULL;

  clear_list (self->entry_list);
  g_clear_pointer (&self->entries, g_ptr_array_unref);
  if (self->project != NULL)
    self->entries = shirabe_project_list_pseudonyms (self->project, &error);
  if (self->entries == NULL)
    {
      self->entries = g_ptr_array_new ();
      if (error != NULL)
        show_error (self, _("The Pseudonym Table Cannot Be Read"), error);
    }
  for (guint i = 0; i < self->entries->len; i++)
    gtk_list_box_append (self->entry_list, entry_row (self, self->entries->pdata[i]));
  gtk_widget_set_visible (GTK_WIDGET (self->entry_list), self->entries->len > 0);
}

static gboolean
in_table (ShirabePseudonymsDialog *self,
          const char              *text)
{
  for (guint i = 0; i < self->entries->len; i++)
    if (g_str_equal (((ShirabePseudonym *) self->entries->pdata[i])->real, text))
      return TRUE;
  return FALSE;
}

/* The suggestions' rows; with @scan the narratives are read again, otherwise those now in the
 * table are only left out (reading every text again for each name added would not do for a
 * large study). */
static void
reload_suggestions (ShirabePseudonymsDialog *self,
                    gboolean                 scan)
{
  clear_list (self->suggestion_list);
  g_ptr_array_set_size (self->suggestion_entries, 0);
  if (scan || self->suggestions == NULL)
    {
      g_clear_pointer (&self->suggestions, g_ptr_array_unref);
      if (self->project != NULL)
        self->suggestions = shirabe_project_suggest_pseudonyms (self->project, MAX_SUGGESTIONS,
                                                                NULL);
      if (self->suggestions == NULL)
        self->suggestions = g_ptr_array_new ();
    }
  for (guint i = self->suggestions->len; i > 0; i--)
    if (in_table (self, ((ShirabeNameSuggestion *) self->suggestions->pdata[i - 1])->text))
      g_ptr_array_remove_index (self->suggestions, i - 1);
  for (guint i = 0; i < self->suggestions->len; i++)
    gtk_list_box_append (self->suggestion_list,
                         suggestion_row (self, self->suggestions->pdata[i], i));
  gtk_widget_set_visible (GTK_WIDGET (self->suggestion_list), self->suggestions->len > 0);
}

static void
on_project_changed (ShirabeProject          *project,
                    ShirabeChanges          *changes,
                    ShirabePseudonymsDialog *self)
{
  gboolean texts = shirabe_changes_touches (changes, SHIRABE_TABLE_NARRATIVE |
                                                     SHIRABE_TABLE_CASES);
  guint before = self->entries != NULL ? self->entries->len : 0;

  if (!texts && !shirabe_changes_touches (changes, SHIRABE_TABLE_PSEUDONYM))
    return;
  reload_entries (self);
  /* New texts may hold new names; an entry removed (or its adding undone) may be a suggestion
   * again. */
  reload_suggestions (self, texts || self->entries->len < before);
}

static const char *
language_of_dropdown (ShirabePseudonymsDialog *self)
{
  switch (gtk_drop_down_get_selected (self->language_dropdown))
    {
    case 1:
      return "ja";
    case 2:
      return "en";
    default:
      return "";
    }
}

static void
add_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  ShirabePseudonymsDialog *self = SHIRABE_PSEUDONYMS_DIALOG (widget);
  g_autoptr(GError) error = NULL;

  if (self->project == NULL)
    return;
  if (shirabe_project_add_pseudonym (self->project,
                                     gtk_editable_get_text (GTK_EDITABLE (self->real_entry)),
                                     gtk_editable_get_text (GTK_EDITABLE (self->pseudonym_entry)),
                                     language_of_dropdown (self), TRUE, &error) == 0)
    {
      show_error (self, _("The Pseudonym Was Not Added"), error);
      return;
    }
  gtk_editable_set_text (GTK_EDITABLE (self->real_entry), "");
  gtk_editable_set_text (GTK_EDITABLE (self->pseudonym_entry), "");
  gtk_widget_grab_focus (GTK_WIDGET (self->real_entry));
}

static char *
report_body (const ShirabePseudonymReport *report)
{
  g_autofree char *n_replacements = g_strdup_printf ("%" G_GUINT64_FORMAT,
                                                     report->n_replacements);
  g_autofree char *n_elsewhere = g_strdup_printf ("%" G_GUINT64_FORMAT, report->n_elsewhere);
  g_autofree char *n_codings = g_strdup_printf ("%" G_GUINT64_FORMAT, report->n_codings);
  g_autofree char *n_widened = g_strdup_printf ("%" G_GUINT64_FORMAT, report->n_widened);
  GString *body = g_string_new (NULL);

  /* Translators: the first sentence of a pseudonymised copy's report */
  g_string_append_printf (body,
                          g_dngettext (GETTEXT_PACKAGE,
                                       "%s name was replaced, %s of them outside the texts (case "
                                       "names, memos, labels, attribute values).",
                                       "%s names were replaced, %s of them outside the texts "
                                       "(case names, memos, labels, attribute values).",
                                       (gulong) MIN (report->n_replacements, G_MAXULONG)),
                          n_replacements, n_elsewhere);
  g_string_append_c (body, ' ');
  g_string_append_printf (body,
                          g_dngettext (GETTEXT_PACKAGE,
                                       "%s coding moved with its words; %s widened to a whole "
                                       "pseudonym.",
                                       "%s codings moved with their words; %s widened to a whole "
                                       "pseudonym.",
                                       (gulong) MIN (report->n_codings, G_MAXULONG)),
                          n_codings, n_widened);
  if (report->n_unconfirmed > 0)
    {
      g_string_append_c (body, ' ');
      g_string_append_printf (body,
                              g_dngettext (GETTEXT_PACKAGE,
                                           "%u unconfirmed entry was not applied.",
                                           "%u unconfirmed entries were not applied.",
                                           report->n_unconfirmed),
                              report->n_unconfirmed);
    }
  return g_string_free (body, FALSE);
}

static char *
report_details (const ShirabePseudonymReport *report)
{
  GString *details = g_string_new (NULL);

  for (guint i = 0; i < report->narratives->len; i++)
    {
      const ShirabePseudonymNarrative *n = report->narratives->pdata[i];

      if (details->len > 0)
        g_string_append_c (details, '\n');
      /* Translators: a narrative's line in the report: its title and its replacements */
      g_string_append_printf (details, _("%s: %u"), n->title, n->n_replacements);
      for (guint j = 0; j < n->counts->len; j++)
        {
          const ShirabePseudonymCount *c = n->counts->pdata[j];

          /* Translators: one name in the report: real name → pseudonym, how often */
          g_string_append_printf (details, j == 0 ? _(" (%s → %s ×%u") : _(", %s → %s ×%u"),
                                  c->real, c->pseudonym, c->count);
        }
      if (n->counts->len > 0)
        g_string_append_c (details, ')');
    }
  return g_string_free (details, FALSE);
}

static void
show_report (ShirabePseudonymsDialog      *self,
             const ShirabePseudonymReport *report,
             const GError                 *error)
{
  AdwMessageDialog *dialog;

  if (report == NULL)
    {
      g_autofree char *body = g_strdup (error->message);

      dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self),
                                                           _("The Copy Was Not Saved"), body));
    }
  else
    {
      g_autofree char *body = report_body (report);
      g_autofree char *details = report_details (report);
      GtkWidget *scrolled = gtk_scrolled_window_new ();
      GtkWidget *label = gtk_label_new (details);

      dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self),
                                                           _("Pseudonymised Copy Saved"), body));
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_selectable (GTK_LABEL (label), TRUE);
      gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), label);
      gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER,
                                      GTK_POLICY_AUTOMATIC);
      gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scrolled), 200);
      gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scrolled), 320);
      gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
      adw_message_dialog_set_extra_child (dialog, scrolled);
    }
  adw_message_dialog_add_response (dialog, "close", _("_Close"));
  adw_message_dialog_set_default_response (dialog, "close");
  g_set_weak_pointer (&self->report, dialog);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_copy_saved (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(ShirabePseudonymsDialog) self = user_data;
  g_autoptr(ShirabePseudonymReport) report = NULL;
  g_autoptr(GError) error = NULL;

  report = shirabe_project_pseudonymise_finish (SHIRABE_PROJECT (source), result, &error);
  g_clear_object (&self->cancellable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "pseudonyms.save-copy", TRUE);
  if (gtk_widget_get_root (GTK_WIDGET (self)) == NULL)
    return;
  show_report (self, report, error);
}

void
shirabe_pseudonyms_dialog_save_copy (ShirabePseudonymsDialog *self,
                                     const char              *path)
{
  g_return_if_fail (SHIRABE_IS_PSEUDONYMS_DIALOG (self));
  g_return_if_fail (path != NULL);

  if (self->project == NULL || self->cancellable != NULL)
    return;
  g_clear_weak_pointer (&self->report);
  self->cancellable = g_cancellable_new ();
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "pseudonyms.save-copy", FALSE);
  shirabe_project_pseudonymise_async (self->project, path, self->cancellable, on_copy_saved,
                                      g_object_ref (self));
}

static void
on_chooser_response (ShirabePseudonymsDialog *self,
                     int                      response,
                     GtkFileChooserNative    *chooser)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  if (file != NULL && (path = g_file_get_path (file)) != NULL)
    shirabe_pseudonyms_dialog_save_copy (self, path);
  g_clear_object (&self->chooser);
}

static void
save_copy_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  ShirabePseudonymsDialog *self = SHIRABE_PSEUDONYMS_DIALOG (widget);
  g_autofree char *name = NULL;
  g_autofree char *file_name = NULL;

  if (self->chooser != NULL || self->project == NULL)
    return;
  self->chooser = gtk_file_chooser_native_new (_("Save a Pseudonymised Copy"), GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), NULL);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  name = shirabe_project_dup_name (self->project);
  /* Translators: the file name proposed for a pseudonymised copy of the project %s */
  file_name = g_strdup_printf (_("%s (pseudonymised).shirabe"), name != NULL ? name : "");
  g_strdelimit (file_name, "/", '-');
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), file_name);
  g_signal_connect_object (self->chooser, "response", G_CALLBACK (on_chooser_response), self,
                           G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
shirabe_pseudonyms_dialog_dispose (GObject *object)
{
  ShirabePseudonymsDialog *self = SHIRABE_PSEUDONYMS_DIALOG (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  g_clear_weak_pointer (&self->report);
  g_clear_weak_pointer (&self->window);
  if (self->project != NULL)
    g_signal_handlers_disconnect_by_data (self->project, self);
  g_clear_object (&self->project);
  g_clear_pointer (&self->entries, g_ptr_array_unref);
  g_clear_pointer (&self->suggestions, g_ptr_array_unref);
  g_clear_pointer (&self->suggestion_entries, g_ptr_array_unref);
  G_OBJECT_CLASS (shirabe_pseudonyms_dialog_parent_class)->dispose (object);
}

static void
shirabe_pseudonyms_dialog_class_init (ShirabePseudonymsDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = shirabe_pseudonyms_dialog_dispose;
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/shirabe/Shirabe/"
                                               "shirabe-pseudonyms-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, ShirabePseudonymsDialog, real_entry);
  gtk_widget_class_bind_template_child (widget_class, ShirabePseudonymsDialog, pseudonym_entry);
  gtk_widget_class_bind_template_child (widget_class, ShirabePseudonymsDialog,
                                        language_dropdown);
  gtk_widget_class_bind_template_child (widget_class, ShirabePseudonymsDialog, entry_list);
  gtk_widget_class_bind_template_child (widget_class, ShirabePseudonymsDialog, suggestion_list);
  gtk_widget_class_install_action (widget_class, "pseudonyms.add", NULL, add_action);
  gtk_widget_class_install_action (widget_class, "pseudonyms.save-copy", NULL, save_copy_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
shirabe_pseudonyms_dialog_init (ShirabePseudonymsDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->suggestion_entries = g_ptr_array_new ();
}

/**
 * shirabe_pseudonyms_dialog_new:
 *
 * Returns: (transfer none): the dialog, shown over @window
 */
ShirabePseudonymsDialog *
shirabe_pseudonyms_dialog_new (ShirabeWindow *window)
{
  ShirabePseudonymsDialog *self;
  ShirabeProject *project;

  g_return_val_if_fail (SHIRABE_IS_WINDOW (window), NULL);
  project = shirabe_window_get_project (window);
  g_return_val_if_fail (project != NULL, NULL);

  self = g_object_new (SHIRABE_TYPE_PSEUDONYMS_DIALOG, "transient-for", window, NULL);
  g_set_weak_pointer (&self->window, window);
  self->project = g_object_ref (project);
  g_signal_connect (project, "changed", G_CALLBACK (on_project_changed), self);
  reload_entries (self);
  reload_suggestions (self, TRUE);
  gtk_window_present (GTK_WINDOW (self));
  return self;
}

guint
shirabe_pseudonyms_dialog_get_n_entries (ShirabePseudonymsDialog *self)
{
  g_return_val_if_fail (SHIRABE_IS_PSEUDONYMS_DIALOG (self), 0);

  return self->entries != NULL ? self->entries->len : 0;
}

guint
shirabe_pseudonyms_dialog_get_n_suggestions (ShirabePseudonymsDialog *self)
{
  g_return_val_if_fail (SHIRABE_IS_PSEUDONYMS_DIALOG (self), 0);

  return self->suggestions != NULL ? self->suggestions->len : 0;
}

void
shirabe_pseudonyms_dialog_add (ShirabePseudonymsDialog *self,
                               const char              *real,
                               const char              *pseudonym)
{
  g_return_if_fail (SHIRABE_IS_PSEUDONYMS_DIALOG (self));

  gtk_editable_set_text (GTK_EDITABLE (self->real_entry), real);
  gtk_editable_set_text (GTK_EDITABLE (self->pseudonym_entry), pseudonym);
  gtk_widget_activate_action (GTK_WIDGET (self), "pseudonyms.add", NULL);
}

void
shirabe_pseudonyms_dialog_confirm_suggestion (ShirabePseudonymsDialog *self,
                                              guint                    index)
{
  const ShirabeNameSuggestion *suggestion;
  g_autofree char *text = NULL;
  g_autofree char *pseudonym = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (SHIRABE_IS_PSEUDONYMS_DIALOG (self));
  g_return_if_fail (self->suggestions != NULL && index < self->suggestions->len);

  suggestion = self->suggestions->pdata[index];
  /* Copied: adding reloads the lists, this row with them. */
  text = g_strdup (suggestion->text);
  pseudonym = g_strdup (gtk_editable_get_text (
    GTK_EDITABLE (self->suggestion_entries->pdata[index])));
  if (shirabe_project_add_pseudonym (self->project, text, pseudonym, "", TRUE, &error) == 0)
    show_error (self, _("The Pseudonym Was Not Added"), error);
}

AdwMessageDialog *
shirabe_pseudonyms_dialog_get_report (ShirabePseudonymsDialog *self)
{
  g_return_val_if_fail (SHIRABE_IS_PSEUDONYMS_DIALOG (self), NULL);

  return self->report;
}
