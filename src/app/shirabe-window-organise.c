/* shirabe-window-organise.c: renaming, moving, merging and deleting cases and narratives
 *
 * The sidebar's right-click menu (and F2, Alt+Return, and the keyboard) offers these for the
 * selected narrative and its case: a narrative's language, kind and original too, and a new
 * case, and a case's place in the list. Each asks what it needs in a small dialog and makes one change in
 * the core: one undo step, Ctrl+Z brings everything back. Deleting says what goes with it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "shirabe-i18n.h"

#include "shirabe.h"
#include "shirabe-languages.h"
#include "shirabe-sidebar.h"
#include "shirabe-window.h"
#include "shirabe-window-organise.h"
#include "shirabe-window-private.h"

typedef enum
{
  ORGANISE_RENAME_NARRATIVE,
  ORGANISE_MOVE_NARRATIVE,
  ORGANISE_DELETE_NARRATIVE,
  ORGANISE_RENAME_CASE,
  ORGANISE_MERGE_CASE,
  ORGANISE_DELETE_CASE,
  ORGANISE_NEW_CASE,
  ORGANISE_DETAILS,
} OrganiseKind;

static const struct { const char *kind; const char *name; } kinds[] = {
  { "", N_("Not set") },
  { "interview", N_("Interview") },
  { "ngo-record", N_("NGO record") },
  { "embassy-record", N_("Embassy record") },
  { "court-document", N_("Court document") },
  { "translation", N_("Translation") },
  { "other", N_("Other") },
};

typedef struct
{
  ShirabeWindow *window;
  OrganiseKind   kind;
  gint64         narrative_id;
  gint64         case_id;
  GtkEditable   *entry;        /* a new name */
  GtkDropDown   *cases;        /* another case */
  GArray        *case_ids;     /* gint64, parallel to the drop-down */
  AdwComboRow   *language;     /* the narrative's details */
  AdwEntryRow   *other_language;
  AdwComboRow   *kind_row;
  AdwComboRow   *original;
  GArray        *original_ids; /* gint64, parallel to the original row */
  GtkLabel      *conflicts;    /* a merge's differing attribute values */
  AdwMessageDialog *dialog;
} Organise;

static void
organise_free (Organise *organise)
{
  g_clear_weak_pointer (&organise->window);
  g_clear_pointer (&organise->case_ids, g_array_unref);
  g_clear_pointer (&organise->original_ids, g_array_unref);
  g_free (organise);
}

static gint64
chosen_case (Organise *organise)
{
  guint selected = gtk_drop_down_get_selected (organise->cases);

  if (selected == GTK_INVALID_LIST_POSITION || selected >= organise->case_ids->len)
    return 0;
  return g_array_index (organise->case_ids, gint64, selected);
}

static void
on_organise_response (AdwMessageDialog *dialog,
                      const char       *response,
                      Organise         *organise)
{
  ShirabeWindow *self = organise->window;
  ShirabeProject *project = self != NULL ? shirabe_window_get_project (self) : NULL;
  g_autoptr(GError) error = NULL;
  gboolean ok = TRUE;

  if (project == NULL || g_strcmp0 (response, "cancel") == 0)
    return;
  switch (organise->kind)
    {
    case ORGANISE_RENAME_NARRATIVE:
      ok = shirabe_project_set_narrative_title (project, organise->narrative_id,
                                                gtk_editable_get_text (organise->entry), &error);
      break;
    case ORGANISE_MOVE_NARRATIVE:
      ok = shirabe_project_move_narrative (project, organise->narrative_id,
                                           chosen_case (organise), &error);
      break;
    case ORGANISE_DELETE_NARRATIVE:
      ok = shirabe_project_delete_narrative (project, organise->narrative_id, &error);
      break;
    case ORGANISE_RENAME_CASE:
      ok = shirabe_project_rename_case (project, organise->case_id,
                                        gtk_editable_get_text (organise->entry), &error);
      break;
    case ORGANISE_MERGE_CASE:
      /* The case chosen goes into the selected narrative's case. */
      ok = shirabe_project_merge_cases (project, organise->case_id, chosen_case (organise),
                                        g_strcmp0 (response, "take") == 0
                                        ? SHIRABE_MERGE_TAKE_FROM : SHIRABE_MERGE_KEEP_INTO,
                                        &error);
      break;
    case ORGANISE_NEW_CASE:
      {
        g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (organise->entry)));

        ok = shirabe_project_add_case (project, name, &error) != 0;
      }
      break;
    case ORGANISE_DETAILS:
      {
        guint language = adw_combo_row_get_selected (organise->language);
        guint kind = adw_combo_row_get_selected (organise->kind_row);
        guint original = adw_combo_row_get_selected (organise->original);
        g_autofree char *tag = NULL;

        guint n_choices;
        const ShirabeLanguageChoice *choices = shirabe_language_choices (&n_choices);

        if (language == 0)
          tag = g_strdup ("");
        else if (language <= n_choices)
          tag = g_strdup (choices[language - 1].tag);
        else
          tag = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (
                                                               organise->other_language))));
        ok = shirabe_project_set_narrative_details (
               project, organise->narrative_id, tag,
               kind < G_N_ELEMENTS (kinds) ? kinds[kind].kind : "",
               original < organise->original_ids->len
               ? g_array_index (organise->original_ids, gint64, original) : 0,
               &error);
      }
      break;
    case ORGANISE_DELETE_CASE:
    default:
      ok = shirabe_project_delete_case (project, organise->case_id, &error);
      break;
    }
  if (!ok)
    shirabe_window_show_error (self, _("The change was not made"), error);
}

static AdwMessageDialog *
organise_dialog (ShirabeWindow *self,
                 Organise      *organise,
                 const char    *heading,
                 const char    *body,
                 const char    *action_id,
                 const char    *action_label,
                 gboolean       destructive)
{
  AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self),
                                                                         heading, body));

  g_set_weak_pointer (&organise->window, self);
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), action_id, action_label,
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, action_id,
                                              destructive ? ADW_RESPONSE_DESTRUCTIVE
                                                          : ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, destructive ? "cancel" : action_id);
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect_data (dialog, "response", G_CALLBACK (on_organise_response), organise,
                         (GClosureNotify) (void (*) (void)) organise_free, 0);
  return dialog;
}

static void
on_name_changed (GtkEditable      *entry,
                 AdwMessageDialog *dialog)
{
  const char *action_id = g_object_get_data (G_OBJECT (entry), "shirabe-action");
  g_autofree char *stripped = g_strstrip (g_strdup (gtk_editable_get_text (entry)));

  /* An empty name cannot be chosen. */
  adw_message_dialog_set_response_enabled (dialog, action_id, *stripped != '\0');
}

static GtkEditable *
name_entry (AdwMessageDialog *dialog,
            const char       *text,
            const char       *action_id)
{
  GtkWidget *entry = gtk_entry_new ();

  gtk_editable_set_text (GTK_EDITABLE (entry), text);
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  g_object_set_data (G_OBJECT (entry), "shirabe-action", (gpointer) action_id);
  g_signal_connect_object (entry, "changed", G_CALLBACK (on_name_changed), dialog, 0);
  adw_message_dialog_set_extra_child (dialog, entry);
  return GTK_EDITABLE (entry);
}

/* A drop-down of the cases other than @except_id; NULL when there is none. */
static GtkDropDown *
case_drop_down (ShirabeProject *project,
                gint64          except_id,
                GArray         *case_ids)
{
  g_autoptr(GPtrArray) cases = shirabe_project_list_cases (project, NULL);
  GtkStringList *names = gtk_string_list_new (NULL);

  for (guint i = 0; cases != NULL && i < cases->len; i++)
    {
      ShirabeCase *the_case = g_ptr_array_index (cases, i);

      if (the_case->id == except_id)
        continue;
      gtk_string_list_append (names, the_case->name);
      g_array_append_val (case_ids, the_case->id);
    }
  if (case_ids->len == 0)
    {
      g_object_unref (names);
      return NULL;
    }
  return GTK_DROP_DOWN (gtk_drop_down_new (G_LIST_MODEL (names), NULL));
}

/* Which attributes the two cases of a merge give different values, shown as the case to merge
 * is chosen; with none, the choice of values is not offered. */
static void
update_merge_conflicts (Organise *organise)
{
  ShirabeProject *project = organise->window != NULL
                            ? shirabe_window_get_project (organise->window) : NULL;
  g_autoptr(GPtrArray) conflicts = NULL;
  g_autoptr(GString) text = g_string_new (NULL);

  if (project != NULL && chosen_case (organise) != 0)
    conflicts = shirabe_project_find_merge_conflicts (project, organise->case_id,
                                                      chosen_case (organise), NULL);
  if (conflicts == NULL || conflicts->len == 0)
    g_string_append (text, _("No attribute has different values in the two cases."));
  else
    {
      g_string_append (text, _("Different values:"));
      for (guint i = 0; i < conflicts->len; i++)
        {
          ShirabeMergeConflict *conflict = g_ptr_array_index (conflicts, i);

          g_string_append_c (text, '\n');
          /* Translators: an attribute, this case's value, then the other case's value */
          g_string_append_printf (text, _("%s: “%s” here, “%s” there"), conflict->attribute,
                                  conflict->into_value, conflict->from_value);
        }
    }
  gtk_label_set_text (organise->conflicts, text->str);
  if (organise->dialog != NULL)
    adw_message_dialog_set_response_enabled (organise->dialog, "take",
                                             conflicts != NULL && conflicts->len > 0);
}

static void
on_language_selected (Organise *organise)
{
  guint selected = adw_combo_row_get_selected (organise->language);
  guint n_choices;

  shirabe_language_choices (&n_choices);
  /* "Not set", the languages offered, then "Another", which takes a tag. */
  gtk_widget_set_visible (GTK_WIDGET (organise->other_language), selected == n_choices + 1);
}

/* The narrative's language, kind and original, in rows of a boxed list. */
static GtkWidget *
details_form (ShirabeProject         *project,
              const ShirabeNarrative *narrative,
              Organise               *organise)
{
  g_autoptr(GtkStringList) language_names = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) kind_names = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) original_names = gtk_string_list_new (NULL);
  g_autoptr(GPtrArray) narratives = shirabe_project_list_narratives (project, 0, NULL);
  GtkWidget *list = gtk_list_box_new ();
  guint n_choices;
  const ShirabeLanguageChoice *choices = shirabe_language_choices (&n_choices);
  guint language = n_choices + 1;
  guint kind = 0;
  guint original = 0;
  gint64 none = 0;

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");

  /* Translators: a narrative's language, unknown */
  gtk_string_list_append (language_names, _("Not set"));
  if (narrative->language == NULL || *narrative->language == '\0')
    language = 0;
  for (guint i = 0; i < n_choices; i++)
    {
      gtk_string_list_append (language_names, _(choices[i].name));
      if (g_strcmp0 (choices[i].tag, narrative->language) == 0)
        language = i + 1;
    }
  gtk_string_list_append (language_names, _("Another (a BCP 47 tag)"));
  organise->language = ADW_COMBO_ROW (adw_combo_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (organise->language), _("_Language"));
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (organise->language), TRUE);
  adw_combo_row_set_model (organise->language, G_LIST_MODEL (language_names));
  adw_combo_row_set_selected (organise->language, language);
  gtk_list_box_append (GTK_LIST_BOX (list), GTK_WIDGET (organise->language));

  organise->other_language = ADW_ENTRY_ROW (adw_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (organise->other_language),
                                 _("Language tag, as “ne” or “pt-BR”"));
  if (language == n_choices + 1)
    gtk_editable_set_text (GTK_EDITABLE (organise->other_language), narrative->language);
  gtk_list_box_append (GTK_LIST_BOX (list), GTK_WIDGET (organise->other_language));
  g_signal_connect_swapped (organise->language, "notify::selected",
                            G_CALLBACK (on_language_selected), organise);
  on_language_selected (organise);

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      gtk_string_list_append (kind_names, _(kinds[i].name));
      if (g_strcmp0 (kinds[i].kind, narrative->kind) == 0)
        kind = i;
    }
  organise->kind_row = ADW_COMBO_ROW (adw_combo_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (organise->kind_row), _("_Kind"));
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (organise->kind_row), TRUE);
  adw_combo_row_set_model (organise->kind_row, G_LIST_MODEL (kind_names));
  adw_combo_row_set_selected (organise->kind_row, kind);
  gtk_list_box_append (GTK_LIST_BOX (list), GTK_WIDGET (organise->kind_row));

  /* Another narrative it translates, named with its case. */
  organise->original_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_array_append_val (organise->original_ids, none);
  gtk_string_list_append (original_names, _("Not a translation"));
  for (guint i = 0; narratives != NULL && i < narratives->len; i++)
    {
      ShirabeNarrative *other = g_ptr_array_index (narratives, i);
      g_autofree char *name = NULL;

      if (other->id == narrative->id)
        continue;
      /* Translators: a narrative in a list: its case, then its title */
      name = g_strdup_printf (_("%s — %s"), other->case_name, other->title);
      gtk_string_list_append (original_names, name);
      g_array_append_val (organise->original_ids, other->id);
      if (other->id == narrative->translation_of)
        original = organise->original_ids->len - 1;
    }
  organise->original = ADW_COMBO_ROW (adw_combo_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (organise->original),
                                 _("_Translation of"));
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (organise->original), TRUE);
  adw_combo_row_set_model (organise->original, G_LIST_MODEL (original_names));
  adw_combo_row_set_selected (organise->original, original);
  gtk_list_box_append (GTK_LIST_BOX (list), GTK_WIDGET (organise->original));
  return list;
}

static void
organise_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  ShirabeWindow *self = SHIRABE_WINDOW (widget);
  ShirabeProject *project = shirabe_window_get_project (self);
  const ShirabeNarrative *narrative;
  g_autoptr(ShirabeCase) the_case = NULL;
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;
  Organise *organise;
  AdwMessageDialog *dialog = NULL;

  if (project != NULL && g_str_equal (action_name, "win.new-case"))
    {
      /* Needs no narrative selected. */
      organise = g_new0 (Organise, 1);
      organise->kind = ORGANISE_NEW_CASE;
      dialog = organise_dialog (self, organise, _("New Case"),
                                _("An empty case; move narratives into it from their menu."),
                                "create", _("C_reate"), FALSE);
      organise->entry = name_entry (dialog, "", "create");
      adw_message_dialog_set_response_enabled (dialog, "create", FALSE);
      gtk_window_present (GTK_WINDOW (dialog));
      return;
    }
  if (project == NULL ||
      (narrative = shirabe_sidebar_get_selected_narrative (shirabe_window_get_sidebar (self))) ==
        NULL ||
      (the_case = shirabe_project_get_case (project, narrative->case_id, NULL)) == NULL)
    return;

  organise = g_new0 (Organise, 1);
  organise->narrative_id = narrative->id;
  organise->case_id = narrative->case_id;
  organise->case_ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  if (g_str_equal (action_name, "win.rename-narrative"))
    {
      organise->kind = ORGANISE_RENAME_NARRATIVE;
      dialog = organise_dialog (self, organise, _("Rename Narrative"), NULL, "rename",
                                _("_Rename"), FALSE);
      organise->entry = name_entry (dialog, narrative->title, "rename");
    }
  else if (g_str_equal (action_name, "win.move-narrative"))
    {
      organise->kind = ORGANISE_MOVE_NARRATIVE;
      organise->cases = case_drop_down (project, narrative->case_id, organise->case_ids);
      if (organise->cases == NULL)
        {
          organise_free (organise);
          shirabe_window_add_toast (self, adw_toast_new (_("There is no other case to move "
                                                           "it to")));
          return;
        }
      /* Translators: %s is a narrative's title */
      heading = g_strdup_printf (_("Move “%s” to Another Case"), narrative->title);
      body = g_strdup (_("Its codings go with it."));
      dialog = organise_dialog (self, organise, heading, body, "move", _("_Move"), FALSE);
      adw_message_dialog_set_extra_child (dialog, GTK_WIDGET (organise->cases));
    }
  else if (g_str_equal (action_name, "win.delete-narrative"))
    {
      organise->kind = ORGANISE_DELETE_NARRATIVE;
      heading = g_strdup_printf (_("Delete “%s”?"), narrative->title);
      body = g_strdup_printf (ngettext ("Its %u coding goes with it. Undo (Ctrl+Z) brings both "
                                        "back.",
                                        "Its %u codings go with it. Undo (Ctrl+Z) brings them "
                                        "all back.",
                                        narrative->n_codings),
                              narrative->n_codings);
      dialog = organise_dialog (self, organise, heading, body, "delete", _("_Delete"), TRUE);
    }
  else if (g_str_equal (action_name, "win.narrative-details"))
    {
      organise->kind = ORGANISE_DETAILS;
      /* Translators: %s is a narrative's title */
      heading = g_strdup_printf (_("Details of “%s”"), narrative->title);
      dialog = organise_dialog (self, organise, heading, NULL, "save", _("_Save"), FALSE);
      adw_message_dialog_set_extra_child (dialog, details_form (project, narrative, organise));
    }
  else if (g_str_equal (action_name, "win.move-case-up") ||
           g_str_equal (action_name, "win.move-case-down"))
    {
      g_autoptr(GPtrArray) cases = shirabe_project_list_cases (project, NULL);
      g_autoptr(GError) error = NULL;
      gboolean up = g_str_equal (action_name, "win.move-case-up");
      guint position = 0;

      organise_free (organise);
      for (guint i = 0; cases != NULL && i < cases->len; i++)
        if (((ShirabeCase *) cases->pdata[i])->id == the_case->id)
          position = i;
      if (cases == NULL || (up && position == 0) || (!up && position + 1 >= cases->len))
        {
          gtk_widget_error_bell (widget);
          return;
        }
      if (!shirabe_project_move_case (project, the_case->id, up ? position - 1 : position + 1,
                                      &error))
        shirabe_window_show_error (self, _("The case was not moved"), error);
      return;
    }
  else if (g_str_equal (action_name, "win.rename-case"))
    {
      organise->kind = ORGANISE_RENAME_CASE;
      dialog = organise_dialog (self, organise, _("Rename Case"), NULL, "rename", _("_Rename"),
                                FALSE);
      organise->entry = name_entry (dialog, the_case->name, "rename");
    }
  else if (g_str_equal (action_name, "win.merge-case"))
    {
      organise->kind = ORGANISE_MERGE_CASE;
      organise->cases = case_drop_down (project, narrative->case_id, organise->case_ids);
      if (organise->cases == NULL)
        {
          organise_free (organise);
          shirabe_window_add_toast (self, adw_toast_new (_("There is no other case to merge")));
          return;
        }
      /* Translators: %s is a case's name */
      heading = g_strdup_printf (_("Merge a Case into “%s”"), the_case->name);
      body = g_strdup (_("The case chosen below gives its narratives, codings and attribute "
                         "values to this one, and goes. Where the two give an attribute "
                         "different values, choose which stay."));
      dialog = organise_dialog (self, organise, heading, body, "keep",
                                _("_Merge, Keeping These Values"), FALSE);
      adw_message_dialog_add_response (dialog, "take", _("Merge, _Taking Its Values"));
      {
        GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);

        organise->dialog = dialog;
        organise->conflicts = GTK_LABEL (gtk_label_new (NULL));
        gtk_label_set_wrap (organise->conflicts, TRUE);
        gtk_label_set_xalign (organise->conflicts, 0);
        gtk_box_append (GTK_BOX (box), GTK_WIDGET (organise->cases));
        gtk_box_append (GTK_BOX (box), GTK_WIDGET (organise->conflicts));
        adw_message_dialog_set_extra_child (dialog, box);
        g_signal_connect_swapped (organise->cases, "notify::selected",
                                  G_CALLBACK (update_merge_conflicts), organise);
        update_merge_conflicts (organise);
      }
    }
  else
    {
      organise->kind = ORGANISE_DELETE_CASE;
      heading = g_strdup_printf (_("Delete Case “%s”?"), the_case->name);
      /* Translators: a number of narratives, then of codings */
      body = g_strdup_printf (_("Its narratives (%u) and their codings (%u) go with it. Undo "
                                "(Ctrl+Z) brings them all back."),
                              the_case->n_narratives, the_case->n_codings);
      dialog = organise_dialog (self, organise, heading, body, "delete", _("_Delete"), TRUE);
    }
  gtk_window_present (GTK_WINDOW (dialog));
}

void
shirabe_window_organise_install (GtkWidgetClass *widget_class)
{
  static const char *const actions[] = {
    "win.rename-narrative", "win.move-narrative", "win.delete-narrative",
    "win.rename-case", "win.merge-case", "win.delete-case", "win.narrative-details",
    "win.new-case", "win.move-case-up", "win.move-case-down",
  };

  for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
    gtk_widget_class_install_action (widget_class, actions[i], NULL, organise_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F2, 0, "win.rename-narrative",
                                       NULL);
  /* Alt+Return, as a file's properties in Files. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_ALT_MASK,
                                       "win.narrative-details", NULL);
}
