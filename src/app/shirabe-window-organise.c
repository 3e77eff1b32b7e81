/* shirabe-window-organise.c: renaming, moving, merging and deleting cases and narratives
 *
 * The sidebar's right-click menu (and F2, and the keyboard) offers these for the selected
 * narrative and its case. Each asks what it needs in a small dialog and makes one change in
 * the core: one undo step, Ctrl+Z brings everything back. Deleting says what goes with it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "shirabe-i18n.h"

#include "shirabe.h"
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
} OrganiseKind;

typedef struct
{
  ShirabeWindow *window;
  OrganiseKind   kind;
  gint64         narrative_id;
  gint64         case_id;
  GtkEditable   *entry;        /* a new name */
  GtkDropDown   *cases;        /* another case */
  GArray        *case_ids;     /* gint64, parallel to the drop-down */
} Organise;

static void
organise_free (Organise *organise)
{
  g_clear_weak_pointer (&organise->window);
  g_clear_pointer (&organise->case_ids, g_array_unref);
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
      adw_message_dialog_set_extra_child (dialog, GTK_WIDGET (organise->cases));
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
    "win.rename-case", "win.merge-case", "win.delete-case",
  };

  for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
    gtk_widget_class_install_action (widget_class, actions[i], NULL, organise_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F2, 0, "win.rename-narrative",
                                       NULL);
}
