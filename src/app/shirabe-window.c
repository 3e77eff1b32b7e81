/* shirabe-window.c: a window on one project
 *
 * The window holds the open project and keeps three views of it in step: the narrative list,
 * the reader and the codebook. Every edit goes through the core; the views refresh from the
 * project's "changed" signal, so an edit, an undo and a redo all look the same to them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "shirabe-i18n.h"

#include <glib/gstdio.h>

#include "shirabe-apply-code.h"
#include "shirabe-attributes-view.h"
#include "shirabe-code-editor.h"
#include "shirabe-codebook.h"
#include "shirabe-corpus-search.h"
#include "shirabe-first-rows.h"
#include "shirabe-passages-view.h"
#include "shirabe-preferences.h"
#include "shirabe-recent-projects.h"
#include "shirabe-recent-view.h"
#include "shirabe-sidebar.h"
#include "shirabe-window-actions.h"
#include "shirabe-window-organise.h"
#include "shirabe-window-views.h"
#include "shirabe-window-files.h"
#include "shirabe-window-qdpx.h"
#include "shirabe-window.h"
#include "shirabe-window-private.h"

#define N_QUICK_CODES SHIRABE_CODEBOOK_N_QUICK_CODES

struct _ShirabeWindow
{
  AdwApplicationWindow  parent_instance;

  ShirabeProject       *project;
  ShirabeHistory       *history;          /* the project's, or NULL */
  ShirabeLabelLanguage  label_language;   /* for code labels, apart from the interface's */
  char                 *coder_name;
  GtkCssProvider       *reader_css;       /* the reader's text size, from the settings */

  GSettings            *settings;         /* NULL when the schema is not installed */
  guint                 writable_poll;    /* waits for another program to let the project go */
  guint                 code_counts_idle; /* the codebook's counts, after the first frame */
  AdwToast             *in_use_toast;     /* says so meanwhile */

  /* template */
  AdwWindowTitle       *window_title;
  AdwToastOverlay      *toast_overlay;
  GtkWidget            *history_buttons;
  GtkWidget            *undo_button;
  int                   undo_enabled;   /* the state last given to win.undo, -1 at first */
  int                   redo_enabled;
  GtkWidget            *redo_button;
  GtkStack             *stack;
  ShirabeSidebar       *sidebar;
  ShirabeCodebook      *codebook;
  GtkPaned             *outer_paned;      /* the narratives | the rest */
  GtkPaned             *side_paned;       /* the codebook over the case and memo */
  ShirabeAttributesView *attributes_view;
  ShirabeReader        *reader;
  AdwViewStack         *center_stack;     /* the reader, the passages, the search */
  ShirabePassagesView  *passages_view;
  ShirabeAgreementView *agreement_view;
  ShirabeChartsView    *charts_view;
  ShirabeParallelView  *parallel_view;
  GtkStack             *reader_stack;
  ShirabeCorpusSearch  *corpus_search;
  GtkWidget            *back_button;
};

G_DEFINE_FINAL_TYPE (ShirabeWindow, shirabe_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_LABEL_LANGUAGE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The account's real name, else its user name. */
static char *
dup_account_name (void)
{
  const char *name = g_get_real_name ();

  if (name != NULL && *name != '\0' && strcmp (name, "Unknown") != 0)
    return g_strdup (name);
  return g_strdup (g_get_user_name ());
}

/* The person recorded on new codings: the name set in preferences, else SHIRABE_CODER, else
 * the account's. */
static char *
dup_coder_name (GSettings *settings)
{
  g_autofree char *setting = settings != NULL ? g_settings_get_string (settings, "current-coder")
                                              : NULL;
  const char *name = g_getenv ("SHIRABE_CODER");

  if (setting != NULL && *g_strstrip (setting) != '\0')
    return g_steal_pointer (&setting);
  if (name != NULL && *name != '\0')
    return g_strdup (name);
  return dup_account_name ();
}

/* Whether to ask who is coding before the first coding: no name was ever given, neither in
 * preferences nor through SHIRABE_CODER. */
static gboolean
coder_is_unknown (ShirabeWindow *self)
{
  g_autofree char *setting = NULL;
  const char *name = g_getenv ("SHIRABE_CODER");

  if (self->settings == NULL || (name != NULL && *name != '\0'))
    return FALSE;
  if (self->project != NULL && shirabe_project_get_copy_coder (self->project) != 0)
    return FALSE;
  setting = g_settings_get_string (self->settings, "current-coder");
  return *g_strstrip (setting) == '\0';
}

/* The name new codings are recorded under. A coder's copy was made for one coder: in it, that
 * coder codes, whatever this account's preferences say. */
static void
update_coder_name (ShirabeWindow *self)
{
  gint64 copy_coder = self->project != NULL ? shirabe_project_get_copy_coder (self->project) : 0;
  char *name = NULL;

  if (copy_coder != 0)
    {
      g_autoptr(GPtrArray) coders = shirabe_project_list_coders_uncounted (self->project, NULL);

      for (guint i = 0; coders != NULL && i < coders->len && name == NULL; i++)
        if (((ShirabeCoder *) coders->pdata[i])->id == copy_coder)
          name = g_strdup (((ShirabeCoder *) coders->pdata[i])->name);
    }
  if (name == NULL)
    name = dup_coder_name (self->settings);
  g_free (self->coder_name);
  self->coder_name = name;
  shirabe_reader_set_own_coder (self->reader, name);
}

static void
on_coder_changed (ShirabeWindow *self)
{
  update_coder_name (self);
}

/* Above style.css's size for the reader, for this display. */
static void
on_font_size_changed (ShirabeWindow *self)
{
  g_autofree char *css = NULL;

  if (self->reader_css == NULL)
    {
      self->reader_css = gtk_css_provider_new ();
      gtk_style_context_add_provider_for_display (gtk_widget_get_display (GTK_WIDGET (self)),
                                                  GTK_STYLE_PROVIDER (self->reader_css),
                                                  GTK_STYLE_PROVIDER_PRIORITY_APPLICATION + 1);
    }
  css = g_strdup_printf ("reader textview.reader-text { font-size: %dpt; }",
                         g_settings_get_int (self->settings, "reader-font-size"));
  gtk_css_provider_load_from_data (self->reader_css, css, -1);
}

static void
show_toast (ShirabeWindow *self,
            const char    *title)
{
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (title));
}

void
shirabe_window_show_error (ShirabeWindow *self,
                           const char    *heading,
                           const GError  *error)
{
  GtkWidget *dialog;

  g_return_if_fail (SHIRABE_IS_WINDOW (self));
  g_return_if_fail (error != NULL);

  dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, error->message);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static gboolean sync_codes      (ShirabeWindow  *self,
                                 GError        **error);
static void     update_subtitle (ShirabeWindow  *self);

/* A damaged code tree: codes in a loop of parents would be missing from the codebook, with
 * their codings. Say so, and offer the repair (after a backup copy). */

void
shirabe_widget_show_error (GtkWidget    *widget,
                           const char   *heading,
                           const GError *error)
{
  GtkRoot *root = gtk_widget_get_root (widget);

  if (SHIRABE_IS_WINDOW (root))
    shirabe_window_show_error (SHIRABE_WINDOW (root), heading, error);
  else
    g_warning ("%s: %s", heading, error->message);
}

static void
on_repair_response (ShirabeWindow *self,
                    const char    *response,
                    GtkWidget     *dialog)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *backup = NULL;
  g_auto(GStrv) repairs = NULL;

  if (g_strcmp0 (response, "repair") != 0 || self->project == NULL)
    return;
  if (!shirabe_project_repair (self->project, &backup, &repairs, &error))
    {
      shirabe_window_show_error (self, _("The project was not repaired"), error);
      return;
    }
  if (!sync_codes (self, &error))
    shirabe_window_show_error (self, _("The project cannot be shown"), error);
  update_subtitle (self);
  if (backup != NULL)
    {
      g_autofree char *name = g_filename_display_basename (backup);
      g_autofree char *title = g_strdup_printf (_("Repaired; the copy from before is “%s”"),
                                                name);

      shirabe_window_add_toast (self, adw_toast_new (title));
    }
}

/* A project file that carries triggers or views Shirabe did not create opens read-only: say
 * what they are and offer to remove them (after a backup copy). */
static void
offer_foreign_repair (ShirabeWindow *self)
{
  g_autofree char *body = NULL;
  GtkWidget *dialog;

  body = g_strdup_printf (_("It holds objects that Shirabe did not create (%s). They could "
                            "change or delete data on the next edit, so the project is open "
                            "read-only.\nShirabe can remove them: it first saves a copy of "
                            "the project beside it."),
                          shirabe_project_get_foreign_objects (self->project));
  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("This Project Was Changed Outside "
                                                        "Shirabe"), body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "later", _("_Later"),
                                    "repair", _("_Remove Them"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "repair",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "later");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_repair_response), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
check_code_tree (ShirabeWindow *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) loops = NULL;
  g_autoptr(GString) body = NULL;
  GtkWidget *dialog;

  if (!shirabe_project_find_code_loops (self->project, &loops, &error) || loops->len == 0)
    return;
  body = g_string_new (_("Codes whose parents form a loop cannot be shown in the codebook, nor "
                         "their codings:"));
  for (guint i = 0; i < loops->len; i++)
    {
      g_autofree char *loop = shirabe_project_describe_code_loop (
        self->project, g_array_index (loops, gint64, i));

      g_string_append_printf (body, "\n%s", loop);
    }
  g_string_append_c (body, '\n');
  g_string_append (body, _("Shirabe can repair this: it first saves a copy of the project "
                           "beside it, then moves one code of each loop to the top level. "
                           "Nothing else changes."));
  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("The Code Tree Has a Loop"), body->str);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "later", _("_Later"),
                                    "repair", _("_Repair"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "repair",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "repair");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "later");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_repair_response), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Codebook */

static gboolean
sync_codes_counted (ShirabeWindow  *self,
                    gboolean        counted,
                    GError        **error)
{
  g_autoptr(GPtrArray) codes = counted ? shirabe_project_list_codes (self->project, error)
                                       : shirabe_project_list_codes_uncounted (self->project,
                                                                               error);

  if (codes == NULL)
    return FALSE;
  shirabe_reader_set_codes (self->reader, codes);
  shirabe_parallel_view_set_codes (self->parallel_view, codes);
  shirabe_codebook_set_codes (self->codebook, codes);
  shirabe_passages_view_set_codes (self->passages_view, codes);
  shirabe_corpus_search_set_codes (self->corpus_search, codes, self->label_language);
  return TRUE;
}

static gboolean
sync_codes (ShirabeWindow  *self,
            GError        **error)
{
  return sync_codes_counted (self, TRUE, error);
}

/* The codebook's counts, read once the opened project has painted: counting every coding
 * must not hold up the first frame of a large study. */
static gboolean
fill_code_counts (gpointer user_data)
{
  ShirabeWindow *self = user_data;
  g_autoptr(GHashTable) counts = NULL;
  g_autoptr(GError) error = NULL;

  self->code_counts_idle = 0;
  if (self->project == NULL)
    return G_SOURCE_REMOVE;
  if (shirabe_project_count_codings_per_code (self->project, &counts, &error))
    shirabe_codebook_set_code_counts (self->codebook, counts);
  else
    shirabe_window_show_error (self, _("The project cannot be shown"), error);
  return G_SOURCE_REMOVE;
}

static void
set_label_language (ShirabeWindow        *self,
                    ShirabeLabelLanguage  language)
{
  if (self->label_language == language)
    return;
  self->label_language = language;
  shirabe_codebook_set_label_language (self->codebook, language);
  shirabe_reader_set_label_language (self->reader, language);
  shirabe_attributes_view_set_label_language (self->attributes_view, language);
  shirabe_passages_view_set_label_language (self->passages_view, language);
  shirabe_charts_view_set_label_language (self->charts_view, language);
  shirabe_sidebar_set_label_language (self->sidebar, language);
  if (self->project != NULL)
    {
      g_autoptr(GError) error = NULL;

      if (!sync_codes (self, &error))
        shirabe_window_show_error (self, _("The project cannot be shown"), error);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LABEL_LANGUAGE]);
}

/* Narratives */

static void
on_narrative_selected (ShirabeWindow *self)
{
  const ShirabeNarrative *narrative = shirabe_sidebar_get_selected_narrative (self->sidebar);
  g_autoptr(GError) error = NULL;

  shirabe_attributes_view_set_narrative (self->attributes_view,
                                         narrative != NULL ? narrative->id : 0);
  if (shirabe_reader_get_narrative_id (self->reader) == (narrative != NULL ? narrative->id : 0))
    return;
  shirabe_parallel_view_show_narrative (self->parallel_view,
                                        narrative != NULL ? narrative->id : 0);
  if (!shirabe_reader_show_narrative (self->reader, narrative, &error))
    shirabe_window_show_error (self, _("The narrative cannot be shown"), error);
}

static void
on_sidebar_error (ShirabeWindow  *self,
                  const GError   *error,
                  ShirabeSidebar *sidebar)
{
  shirabe_window_show_error (self, _("The project cannot be shown"), error);
}

/* Project */

/* Every edit is committed by the core before it returns: the project is always saved. The
 * subtitle says so, and what undo would revert. */
static void
update_subtitle (ShirabeWindow *self)
{
  g_autofree char *subtitle = NULL;

  if (self->project == NULL)
    subtitle = NULL;
  else if (shirabe_project_get_read_only (self->project))
    subtitle = g_strdup (_("Read-only"));
  else if (self->history != NULL && shirabe_history_get_can_undo (self->history))
    /* Translators: the window's subtitle after an edit; %s is what undo would revert, such
     * as “Apply code “Debt bondage”” */
    subtitle = g_strdup_printf (_("Saved · Undo: %s"),
                                shirabe_history_get_undo_label (self->history));
  else
    subtitle = g_strdup (_("Saved"));
  if (g_strcmp0 (adw_window_title_get_subtitle (self->window_title), subtitle) != 0)
    adw_window_title_set_subtitle (self->window_title, subtitle);
}

static void
update_history (ShirabeWindow *self)
{
  gboolean can_undo = self->history != NULL && shirabe_history_get_can_undo (self->history);
  gboolean can_redo = self->history != NULL && shirabe_history_get_can_redo (self->history);
  g_autofree char *undo_tooltip = NULL;
  g_autofree char *redo_tooltip = NULL;

  /* Called once for each of the history's properties after every edit: only what changed is
   * set, each change of an action's state going to every widget that shows it. */
  if (self->undo_enabled != can_undo)
    gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.undo", can_undo);
  if (self->redo_enabled != can_redo)
    gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.redo", can_redo);
  self->undo_enabled = can_undo;
  self->redo_enabled = can_redo;

  /* Translators: the tooltip of the undo button; %s says what undo would revert */
  undo_tooltip = can_undo ? g_strdup_printf (_("Undo: %s"),
                                             shirabe_history_get_undo_label (self->history))
                          : g_strdup (_("Undo"));
  /* Translators: the tooltip of the redo button; %s says what redo would repeat */
  redo_tooltip = can_redo ? g_strdup_printf (_("Redo: %s"),
                                             shirabe_history_get_redo_label (self->history))
                          : g_strdup (_("Redo"));
  if (g_strcmp0 (gtk_widget_get_tooltip_text (self->undo_button), undo_tooltip) != 0)
    gtk_widget_set_tooltip_text (self->undo_button, undo_tooltip);
  if (g_strcmp0 (gtk_widget_get_tooltip_text (self->redo_button), redo_tooltip) != 0)
    gtk_widget_set_tooltip_text (self->redo_button, redo_tooltip);
  update_subtitle (self);
}

static void
update_title (ShirabeWindow *self)
{
  g_autofree char *name = NULL;

  if (self->project == NULL)
    {
      adw_window_title_set_title (self->window_title, _("Shirabe"));
      adw_window_title_set_subtitle (self->window_title, NULL);
      gtk_window_set_title (GTK_WINDOW (self), _("Shirabe"));
      return;
    }

  name = shirabe_project_dup_name (self->project);
  adw_window_title_set_title (self->window_title, name);
  update_subtitle (self);
  gtk_window_set_title (GTK_WINDOW (self), name);
}

/* Coding a passage, removing a coding or undoing either touches codings only: the codebook
 * counts them one by one and the reader reads just those, whatever the project's size.
 * Anything else reads the codes and the narrative's codings again. */
static void
on_project_changed (ShirabeWindow  *self,
                    ShirabeChanges *changes,
                    ShirabeProject *project)
{
  g_autoptr(GError) error = NULL;
  gboolean shown;

  if (shirabe_changes_only (changes, SHIRABE_TABLE_CODING | SHIRABE_TABLE_CODER))
    {
      shirabe_codebook_count_codings (self->codebook, changes);
      /* A coder's name is on every coding it made: a new one is read with them all. */
      shown = shirabe_changes_touches (changes, SHIRABE_TABLE_CODER)
              ? shirabe_reader_reload_codings (self->reader, &error)
              : shirabe_reader_update_codings (self->reader, changes, &error);
    }
  else
    {
      shown = sync_codes (self, &error) && shirabe_reader_reload_codings (self->reader, &error);
      /* A new attribute or a renamed one, offered by the filters. */
      if (shirabe_changes_touches (changes, SHIRABE_TABLE_ATTRIBUTE))
        shirabe_filter_popover_reload (shirabe_sidebar_get_query_filter (self->sidebar));
    }
  if (!shown)
    shirabe_window_show_error (self, _("The project cannot be shown"), error);
}

/* Every way a project comes to be shown (chooser, command line, new, sample, template) ends
 * here, so the welcome page's list learns of it here. */
static void
add_to_recent (ShirabeProject *project)
{
  g_autofree char *uri = g_filename_to_uri (shirabe_project_get_path (project), NULL, NULL);

  if (uri != NULL)
    shirabe_recent_projects_add (shirabe_recent_projects_get_default (), uri);
}

void
shirabe_window_set_project (ShirabeWindow  *self,
                            ShirabeProject *project)
{
  g_autoptr(GError) error = NULL;

  g_return_if_fail (SHIRABE_IS_WINDOW (self));
  g_return_if_fail (project == NULL || SHIRABE_IS_PROJECT (project));

  if (project == self->project)
    return;
  g_clear_handle_id (&self->writable_poll, g_source_remove);
  if (self->in_use_toast != NULL)
    adw_toast_dismiss (self->in_use_toast);
  g_clear_object (&self->in_use_toast);

  if (self->project != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->project, self);
      if (self->history != NULL)
        g_signal_handlers_disconnect_by_data (self->history, self);
    }
  shirabe_reader_show_narrative (self->reader, NULL, NULL);
  shirabe_sidebar_set_project (self->sidebar, NULL, NULL);

  g_set_object (&self->project, project);
  self->history = project != NULL ? shirabe_project_get_history (project) : NULL;
  shirabe_reader_set_project (self->reader, project);
  update_coder_name (self);
  shirabe_codebook_set_project (self->codebook, project);
  shirabe_attributes_view_set_project (self->attributes_view, project);
  shirabe_passages_view_set_project (self->passages_view, project);
  shirabe_agreement_view_set_project (self->agreement_view, project);
  shirabe_charts_view_set_project (self->charts_view, project);
  shirabe_parallel_view_set_project (self->parallel_view, project);
  shirabe_corpus_search_set_project (self->corpus_search, project);
  shirabe_window_views_reset (self);

  if (project != NULL)
    {
      g_signal_connect_object (project, "changed", G_CALLBACK (on_project_changed), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (project, "notify::name", G_CALLBACK (update_title), self,
                               G_CONNECT_SWAPPED);
      if (self->history != NULL)
        {
          g_signal_connect_object (self->history, "notify::can-undo",
                                   G_CALLBACK (update_history), self, G_CONNECT_SWAPPED);
          g_signal_connect_object (self->history, "notify::can-redo",
                                   G_CALLBACK (update_history), self, G_CONNECT_SWAPPED);
          g_signal_connect_object (self->history, "notify::undo-label",
                                   G_CALLBACK (update_history), self, G_CONNECT_SWAPPED);
          g_signal_connect_object (self->history, "notify::redo-label",
                                   G_CALLBACK (update_history), self, G_CONNECT_SWAPPED);
        }
      if (!sync_codes_counted (self, FALSE, &error))
        shirabe_window_show_error (self, _("The project cannot be shown"), error);
      g_clear_handle_id (&self->code_counts_idle, g_source_remove);
      /* Below the frame clock's priority: after the first frame is painted. */
      self->code_counts_idle = g_idle_add_full (G_PRIORITY_LOW, fill_code_counts, self, NULL);
      if (!shirabe_sidebar_set_project (self->sidebar, project, &error))
        shirabe_window_show_error (self, _("The project cannot be shown"), error);
      gtk_stack_set_visible_child_name (self->stack, "project");
      add_to_recent (project);
      if (shirabe_project_get_foreign_objects (project) != NULL)
        offer_foreign_repair (self);
      else if (!shirabe_project_get_read_only (project))
        check_code_tree (self);
    }
  else
    gtk_stack_set_visible_child_name (self->stack, "welcome");

  gtk_widget_set_visible (self->history_buttons, project != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export-template", project != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.merge-copies",
                                 project != NULL && !shirabe_project_get_read_only (project));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.coder-copy", project != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.restore-backup", project != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.pseudonyms", project != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.import-attributes",
                                 project != NULL && !shirabe_project_get_read_only (project));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export-qdc", project != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.import-qdc",
                                 project != NULL && !shirabe_project_get_read_only (project));
  shirabe_window_actions_update (self);
  update_title (self);
  update_history (self);
}

ShirabeProject *
shirabe_window_get_project (ShirabeWindow *self)
{
  g_return_val_if_fail (SHIRABE_IS_WINDOW (self), NULL);

  return self->project;
}

ShirabeSidebar *
shirabe_window_get_sidebar (ShirabeWindow *self)
{
  g_return_val_if_fail (SHIRABE_IS_WINDOW (self), NULL);

  return self->sidebar;
}

void
shirabe_window_add_toast (ShirabeWindow *self,
                          AdwToast      *toast)
{
  g_return_if_fail (SHIRABE_IS_WINDOW (self));

  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

ShirabeCodebook *
shirabe_window_get_codebook (ShirabeWindow *self)
{
  g_return_val_if_fail (SHIRABE_IS_WINDOW (self), NULL);

  return self->codebook;
}

const char *
shirabe_window_get_coder_name (ShirabeWindow *self)
{
  g_return_val_if_fail (SHIRABE_IS_WINDOW (self), NULL);

  return self->coder_name;
}

AdwViewStack *
shirabe_window_get_center_stack (ShirabeWindow *self)
{
  g_return_val_if_fail (SHIRABE_IS_WINDOW (self), NULL);

  return self->center_stack;
}

ShirabeAgreementView *
shirabe_window_get_agreement_view (ShirabeWindow *self)
{
  return self->agreement_view;
}

ShirabeChartsView *
shirabe_window_get_charts_view (ShirabeWindow *self)
{
  return self->charts_view;
}

ShirabeParallelView *
shirabe_window_get_parallel_view (ShirabeWindow *self)
{
  return self->parallel_view;
}

GtkStack *
shirabe_window_get_reader_stack (ShirabeWindow *self)
{
  return self->reader_stack;
}

ShirabePassagesView *
shirabe_window_get_passages_view (ShirabeWindow *self)
{
  g_return_val_if_fail (SHIRABE_IS_WINDOW (self), NULL);

  return self->passages_view;
}

ShirabeCorpusSearch *
shirabe_window_get_corpus_search (ShirabeWindow *self)
{
  g_return_val_if_fail (SHIRABE_IS_WINDOW (self), NULL);

  return self->corpus_search;
}

GtkWidget *
shirabe_window_get_back_button (ShirabeWindow *self)
{
  g_return_val_if_fail (SHIRABE_IS_WINDOW (self), NULL);

  return self->back_button;
}

ShirabeReader *
shirabe_window_get_reader (ShirabeWindow *self)
{
  g_return_val_if_fail (SHIRABE_IS_WINDOW (self), NULL);

  return self->reader;
}

static gboolean
poll_writable (gpointer user_data)
{
  ShirabeWindow *self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *title = NULL;

  if (self->project == NULL)
    {
      self->writable_poll = 0;
      return G_SOURCE_REMOVE;
    }
  if (!shirabe_project_try_writable (self->project, &error))
    {
      /* Still held: try again in a moment. Read-only for good: stop asking. */
      if (g_error_matches (error, SHIRABE_ERROR, SHIRABE_ERROR_IN_USE))
        return G_SOURCE_CONTINUE;
      self->writable_poll = 0;
      return G_SOURCE_REMOVE;
    }
  self->writable_poll = 0;
  if (self->in_use_toast != NULL)
    adw_toast_dismiss (self->in_use_toast);
  g_clear_object (&self->in_use_toast);
  update_subtitle (self);
  update_history (self);
  name = shirabe_project_dup_name (self->project);
  title = g_strdup_printf (_("“%s” can be edited again"), name);
  shirabe_window_add_toast (self, adw_toast_new (title));
  return G_SOURCE_REMOVE;
}

static void
wait_until_writable (ShirabeWindow *self)
{
  g_autofree char *name = shirabe_project_dup_name (self->project);
  g_autofree char *title = g_strdup_printf (_("“%s” is open in another program (such as "
                                              "shirabe-cli), so it is shown read-only; it "
                                              "becomes editable as soon as that program "
                                              "lets go"),
                                            name);
  AdwToast *toast = adw_toast_new (title);

  adw_toast_set_timeout (toast, 0);
  g_set_object (&self->in_use_toast, toast);
  shirabe_window_add_toast (self, toast);
  g_clear_handle_id (&self->writable_poll, g_source_remove);
  self->writable_poll = g_timeout_add_seconds (1, poll_writable, self);
}

gboolean
shirabe_window_open_file (ShirabeWindow  *self,
                          GFile          *file,
                          GError        **error)
{
  g_autofree char *path = NULL;
  g_autoptr(ShirabeProject) project = NULL;

  g_return_val_if_fail (SHIRABE_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  path = g_file_get_path (file);
  if (path == NULL)
    {
      g_autofree char *uri = g_file_get_uri (file);

      g_set_error (error, SHIRABE_ERROR, SHIRABE_ERROR_NOT_FOUND,
                   _("“%s” is not a local file; Shirabe opens projects on this computer only"),
                   uri);
      return FALSE;
    }
  /* A reader elsewhere (shirabe-cli text P | less) never keeps the window out: it opens
   * read-only, says why, and becomes writable by itself when the reader ends. */
  project = shirabe_project_open (path, SHIRABE_PROJECT_READ_ONLY_WHILE_IN_USE, error);
  if (project == NULL)
    return FALSE;
  shirabe_window_set_project (self, project);
  if (shirabe_project_get_read_only (project) && g_access (path, W_OK) == 0)
    wait_until_writable (self);
  return TRUE;
}

/* Coding */

/* Applies @code_id, or with @code_id 0 a new code labelled @new_code (one undo step). */
static void
apply_code_to (ShirabeWindow         *self,
               gint64                 narrative_id,
               gint64                 code_id,
               const ShirabeCodeSpec *new_code,
               gint64                 start,
               gint64                 end)
{
  g_autoptr(GError) error = NULL;
  gint64 coding_id;

  if (self->project == NULL || shirabe_reader_get_narrative_id (self->reader) != narrative_id)
    return;
  if (code_id != 0)
    coding_id = shirabe_project_apply_code (self->project, narrative_id, code_id,
                                            self->coder_name, start, end, NULL, &error);
  else
    coding_id = shirabe_project_apply_new_code (self->project, narrative_id, new_code,
                                                self->coder_name, start, end, NULL, &error);
  if (coding_id == 0)
    {
      shirabe_window_show_error (self, _("The code was not applied"), error);
      return;
    }
  shirabe_reader_unselect (self->reader);
}

typedef struct
{
  ShirabeWindow *window;
  GtkEditable   *entry;
  gint64         narrative_id;
  gint64         code_id;
  char          *new_label_en;
  char          *new_label_ja;
  char          *hint;          /* for the code editor: the selected words */
  gboolean       edit_new_code; /* the code editor opens rather than a code being applied */
  gint64         start;
  gint64         end;
} PendingCoding;

static void
on_new_code_saved (ShirabeWindow *self,
                   gint64         code_id)
{
  shirabe_codebook_select_code (self->codebook, code_id);
  shirabe_reader_unselect (self->reader);
}

/* New code from selection: the code editor, its label left empty with the selected words shown
 * as a hint, the code placed beside the codebook's selected code (or in it, for a category).
 * Saving makes the code and codes the passage, one undo step, and selects it in the codebook. */
static void
open_new_code_editor (PendingCoding *pending)
{
  ShirabeWindow *self = pending->window;
  g_autoptr(GError) error = NULL;
  g_autoptr(ShirabeCode) selected = NULL;
  ShirabeCodeEditor *editor;
  gint64 selected_id;
  gint64 parent_id = 0;

  if (self->project == NULL || shirabe_reader_get_narrative_id (self->reader) != pending->narrative_id)
    return;
  selected_id = shirabe_codebook_get_selected_code (self->codebook);
  if (selected_id != 0 && (selected = shirabe_project_get_code (self->project, selected_id,
                                                                NULL)) != NULL)
    parent_id = selected->codable ? selected->parent_id : selected->id;
  editor = shirabe_code_editor_new (GTK_WINDOW (self), self->project, 0, parent_id, &error);
  if (editor == NULL)
    {
      shirabe_window_show_error (self, _("The code cannot be made"), error);
      return;
    }
  shirabe_code_editor_set_passage (editor, pending->narrative_id, pending->start, pending->end,
                                   self->coder_name, pending->hint);
  g_signal_connect_object (editor, "saved", G_CALLBACK (on_new_code_saved), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (editor));
}

static void
pending_coding_apply (PendingCoding *pending)
{
  ShirabeCodeSpec spec = { .label_en = pending->new_label_en, .label_ja = pending->new_label_ja };

  if (pending->edit_new_code)
    {
      open_new_code_editor (pending);
      return;
    }
  apply_code_to (pending->window, pending->narrative_id, pending->code_id, &spec, pending->start,
                 pending->end);
}

static void
pending_coding_free (gpointer  data,
                     GClosure *closure)
{
  PendingCoding *pending = data;

  g_clear_weak_pointer (&pending->window);
  g_free (pending->new_label_en);
  g_free (pending->new_label_ja);
  g_free (pending->hint);
  g_free (pending);
}

static void
on_coder_response (AdwMessageDialog *dialog,
                   const char       *response,
                   PendingCoding    *pending)
{
  ShirabeWindow *self = pending->window;
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (pending->entry)));

  if (self != NULL && g_strcmp0 (response, "save") == 0 && *name != '\0' &&
      self->settings != NULL)
    {
      g_settings_set_string (self->settings, "current-coder", name);
      on_coder_changed (self);
      pending_coding_apply (pending);
    }
}

static void
on_coder_entry_changed (GtkEditable      *entry,
                        AdwMessageDialog *dialog)
{
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (entry)));

  adw_message_dialog_set_response_enabled (dialog, "save", *name != '\0');
}

/* Asked once, on the first coding: the name goes into the settings, then the code is applied. */
static void
ask_coder_then_apply (ShirabeWindow *self,
                      PendingCoding *pending)
{
  g_autofree char *account = dup_account_name ();
  GtkWidget *dialog;
  GtkWidget *entry = gtk_entry_new ();

  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Who Is Coding?"),
                                   _("Your name is recorded with each coding so that coders can "
                                     "be compared. You can change it in Preferences."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "save", _("_Save and Code"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "save",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "save");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  gtk_editable_set_text (GTK_EDITABLE (entry), account);
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Coder’s name"), -1);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), entry);
  g_signal_connect_object (entry, "changed", G_CALLBACK (on_coder_entry_changed), dialog, 0);

  pending->entry = GTK_EDITABLE (entry);
  g_signal_connect_data (dialog, "response", G_CALLBACK (on_coder_response), pending,
                         pending_coding_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (entry);
}

/* Codes the reader's selection with @code_id, or (@code_id 0) a new code of those labels, or
 * (@edit_hint set) opens the code editor for a new code that codes it. */
static void
apply_code_or_new (ShirabeWindow *self,
                   gint64         code_id,
                   const char    *new_label_en,
                   const char    *new_label_ja,
                   const char    *edit_hint)
{
  PendingCoding *pending;
  gint64 narrative_id;
  gint64 start;
  gint64 end;

  if (self->project == NULL)
    return;
  narrative_id = shirabe_reader_get_narrative_id (self->reader);
  if (narrative_id == 0 || !shirabe_reader_get_selection (self->reader, &start, &end))
    {
      show_toast (self, _("Select a passage of the narrative first"));
      return;
    }

  pending = g_new0 (PendingCoding, 1);
  g_set_weak_pointer (&pending->window, self);
  pending->narrative_id = narrative_id;
  pending->code_id = code_id;
  pending->new_label_en = g_strdup (new_label_en);
  pending->new_label_ja = g_strdup (new_label_ja);
  pending->hint = g_strdup (edit_hint);
  pending->edit_new_code = edit_hint != NULL;
  pending->start = start;
  pending->end = end;
  if (coder_is_unknown (self))
    {
      ask_coder_then_apply (self, pending);
      return;
    }
  pending_coding_apply (pending);
  pending_coding_free (pending, NULL);
}

static void
apply_code (ShirabeWindow *self,
            gint64         code_id)
{
  apply_code_or_new (self, code_id, NULL, NULL, NULL);
}

static void
on_code_activated (ShirabeWindow   *self,
                   gint64           code_id,
                   ShirabeCodebook *codebook)
{
  apply_code (self, code_id);
}

/* Actions */

static void
apply_code_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  apply_code (SHIRABE_WINDOW (widget), g_variant_get_int64 (parameter));
}

/* win.apply-new-code (label_en, label_ja): "new code from selection", one undo step. */
static void
apply_new_code_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  const char *label_en;
  const char *label_ja;

  g_variant_get (parameter, "(&s&s)", &label_en, &label_ja);
  apply_code_or_new (SHIRABE_WINDOW (widget), 0, label_en, label_ja, NULL);
}

/* win.new-code-from-selection (hint): the code editor for a new code that codes the reader's
 * selection, @hint being the selected words. */
static void
new_code_from_selection_action (GtkWidget  *widget,
                                const char *action_name,
                                GVariant   *parameter)
{
  apply_code_or_new (SHIRABE_WINDOW (widget), 0, NULL, NULL, g_variant_get_string (parameter, NULL));
}

static void
apply_quick_code_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  ShirabeWindow *self = SHIRABE_WINDOW (widget);
  guint n = g_variant_get_uint32 (parameter);
  gint64 code_id = shirabe_codebook_get_quick_code (self->codebook, n);
  g_autofree char *message = NULL;

  if (self->project == NULL || n < 1 || n > N_QUICK_CODES)
    return;
  if (code_id != 0)
    {
      apply_code (self, code_id);
      return;
    }
  message = g_strdup_printf (_("No code has the number %u"), n);
  show_toast (self, message);
}

static void
undo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  ShirabeWindow *self = SHIRABE_WINDOW (widget);
  g_autoptr(GError) error = NULL;

  if (self->project != NULL && !shirabe_project_undo (self->project, &error))
    shirabe_window_show_error (self, _("The change was not undone"), error);
}

static void
redo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  ShirabeWindow *self = SHIRABE_WINDOW (widget);
  g_autoptr(GError) error = NULL;

  if (self->project != NULL && !shirabe_project_redo (self->project, &error))
    shirabe_window_show_error (self, _("The change was not redone"), error);
}

/* Object */

/* The label language is the settings' (see shirabe_settings_get_label_language). */
static gboolean
label_language_from_settings (GValue   *value,
                              GVariant *variant,
                              gpointer  user_data)
{
  ShirabeWindow *self = user_data;

  g_value_set_string (value, shirabe_label_language_to_nick (
                               shirabe_settings_get_label_language (self->settings)));
  return TRUE;
}

static GVariant *
label_language_to_settings (const GValue       *value,
                            const GVariantType *expected_type,
                            gpointer            user_data)
{
  ShirabeLabelLanguage language = shirabe_label_language_from_nick (g_value_get_string (value));

  return g_variant_new_string (shirabe_label_language_to_nick (language));
}

/* The window comes back at the size it was left at. Running from the build tree without
 * GSETTINGS_SCHEMA_DIR, the schema is missing; the window then keeps its default size rather
 * than abort. */
static void
bind_settings (ShirabeWindow *self)
{
  g_autoptr(GSettingsSchema) schema = NULL;
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APPLICATION_ID, TRUE);
  if (schema == NULL)
    {
      g_debug ("GSettings schema %s is not installed; the window size is not kept",
               APPLICATION_ID);
      return;
    }
  self->settings = g_settings_new_full (schema, NULL, NULL);
  g_settings_bind (self->settings, "window-width", self, "default-width",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "window-height", self, "default-height",
                   G_SETTINGS_BIND_DEFAULT);
  /* The handles between the panes stay where the user left them. */
  g_settings_bind (self->settings, "sidebar-width", self->outer_paned, "position",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "codebook-height", self->side_paned, "position",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "case-height",
                   shirabe_attributes_view_get_paned (self->attributes_view), "position",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "window-maximized", self, "maximized",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind_with_mapping (self->settings, "label-language", self, "label-language",
                                G_SETTINGS_BIND_DEFAULT, label_language_from_settings,
                                label_language_to_settings, self, NULL);
  g_signal_connect_object (self->settings, "changed::current-coder",
                           G_CALLBACK (on_coder_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "changed::reader-font-size",
                           G_CALLBACK (on_font_size_changed), self, G_CONNECT_SWAPPED);
  on_font_size_changed (self);
}

static void
shirabe_window_dispose (GObject *object)
{
  ShirabeWindow *self = SHIRABE_WINDOW (object);

  shirabe_window_files_dispose (self);
  g_clear_handle_id (&self->writable_poll, g_source_remove);
  g_clear_handle_id (&self->code_counts_idle, g_source_remove);
  g_clear_object (&self->in_use_toast);
  g_clear_object (&self->settings);
  if (self->reader_css != NULL)
    gtk_style_context_remove_provider_for_display (gtk_widget_get_display (GTK_WIDGET (self)),
                                                   GTK_STYLE_PROVIDER (self->reader_css));
  g_clear_object (&self->reader_css);
  gtk_widget_dispose_template (GTK_WIDGET (self), SHIRABE_TYPE_WINDOW);
  self->history = NULL;
  g_clear_object (&self->project);

  G_OBJECT_CLASS (shirabe_window_parent_class)->dispose (object);
}

static void
shirabe_window_finalize (GObject *object)
{
  ShirabeWindow *self = SHIRABE_WINDOW (object);

  g_clear_pointer (&self->coder_name, g_free);

  G_OBJECT_CLASS (shirabe_window_parent_class)->finalize (object);
}

static void
shirabe_window_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  ShirabeWindow *self = SHIRABE_WINDOW (object);

  switch (prop_id)
    {
    case PROP_LABEL_LANGUAGE:
      g_value_set_string (value, shirabe_label_language_to_nick (self->label_language));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
shirabe_window_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  ShirabeWindow *self = SHIRABE_WINDOW (object);

  switch (prop_id)
    {
    case PROP_LABEL_LANGUAGE:
      set_label_language (self, shirabe_label_language_from_nick (g_value_get_string (value)));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
add_history_and_quick_keys (GtkWidgetClass *widget_class)
{
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK,
                                       "win.undo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z,
                                       GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.redo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Z,
                                       GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.redo", NULL);
  for (guint n = 1; n <= N_QUICK_CODES; n++)
    {
      gtk_widget_class_add_binding_action (widget_class, GDK_KEY_0 + n, 0,
                                           "win.apply-quick-code", "u", n);
      gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_0 + n, 0,
                                           "win.apply-quick-code", "u", n);
    }
}

static void
shirabe_window_class_init (ShirabeWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  /* The window is made before a project is opened in it: the first open need not wait. */
  shirabe_project_prepare_to_open ();

  object_class->dispose = shirabe_window_dispose;
  object_class->finalize = shirabe_window_finalize;
  object_class->get_property = shirabe_window_get_property;
  object_class->set_property = shirabe_window_set_property;

  /* "ja", "en" or "both": the language of code labels, kept in the settings. */
  properties[PROP_LABEL_LANGUAGE] =
    g_param_spec_string ("label-language", NULL, NULL, "en",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (SHIRABE_TYPE_READER);
  g_type_ensure (SHIRABE_TYPE_SIDEBAR);
  g_type_ensure (SHIRABE_TYPE_CODEBOOK);
  g_type_ensure (SHIRABE_TYPE_ATTRIBUTES_VIEW);
  g_type_ensure (SHIRABE_TYPE_RECENT_VIEW);
  g_type_ensure (SHIRABE_TYPE_PASSAGES_VIEW);
  g_type_ensure (SHIRABE_TYPE_AGREEMENT_VIEW);
  g_type_ensure (SHIRABE_TYPE_CHARTS_VIEW);
  g_type_ensure (SHIRABE_TYPE_PARALLEL_VIEW);
  g_type_ensure (SHIRABE_TYPE_CORPUS_SEARCH);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/shirabe/Shirabe/shirabe-window.ui");
  gtk_widget_class_bind_template_child (widget_class, ShirabeWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, ShirabeWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, ShirabeWindow, history_buttons);
  gtk_widget_class_bind_template_child (widget_class, ShirabeWindow, undo_button);
  gtk_widget_class_bind_template_child (widget_class, ShirabeWindow, redo_button);
  gtk_widget_class_bind_template_child (widget_class, ShirabeWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, ShirabeWindow, sidebar);
  gtk_widget_class_bind_template_child (widget_class, ShirabeWindow, codebook);
  gtk_widget_class_bind_template_child (widget_class, ShirabeWindow, outer_paned);
  gtk_widget_class_bind_template_child (widget_class, ShirabeWindow, side_paned);
  gtk_widget_class_bind_template_child (widget_class, ShirabeWindow, attributes_view);
  gtk_widget_class_bind_template_child (widget_class, ShirabeWindow, reader);
  gtk_widget_class_bind_template_child (widget_class, ShirabeWindow, center_stack);
  gtk_widget_class_bind_template_child (widget_class, ShirabeWindow, passages_view);
  gtk_widget_class_bind_template_child (widget_class, ShirabeWindow, agreement_view);
  gtk_widget_class_bind_template_child (widget_class, ShirabeWindow, charts_view);
  gtk_widget_class_bind_template_child (widget_class, ShirabeWindow, parallel_view);
  gtk_widget_class_bind_template_child (widget_class, ShirabeWindow, reader_stack);
  gtk_widget_class_bind_template_child (widget_class, ShirabeWindow, corpus_search);
  gtk_widget_class_bind_template_child (widget_class, ShirabeWindow, back_button);

  shirabe_window_files_install (widget_class);
  shirabe_window_qdpx_install (widget_class);
  gtk_widget_class_install_action (widget_class, "win.undo", NULL, undo_action);
  gtk_widget_class_install_action (widget_class, "win.redo", NULL, redo_action);
  gtk_widget_class_install_action (widget_class, "win.apply-code", "x", apply_code_action);
  gtk_widget_class_install_action (widget_class, "win.apply-new-code", "(ss)",
                                   apply_new_code_action);
  gtk_widget_class_install_action (widget_class, "win.new-code-from-selection", "s",
                                   new_code_from_selection_action);
  gtk_widget_class_install_action (widget_class, "win.apply-quick-code", "u",
                                   apply_quick_code_action);
  gtk_widget_class_install_property_action (widget_class, "win.label-language",
                                            "label-language");

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK,
                                       "win.new-project", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK,
                                       "win.open-project", NULL);
  add_history_and_quick_keys (widget_class);
  shirabe_window_actions_install (widget_class);
  shirabe_window_organise_install (widget_class);
  shirabe_window_views_install (widget_class);
}

/* The text view binds Ctrl+Z to its own (here empty) undo, and may take digits for its input
 * method; catching these keys on the way down to it keeps them for the project. */
static void
add_reader_shortcuts (ShirabeWindow *self)
{
  GtkEventController *controller = gtk_shortcut_controller_new ();
  struct { guint key; GdkModifierType mods; const char *action; } history[] = {
    { GDK_KEY_z, GDK_CONTROL_MASK, "win.undo" },
    { GDK_KEY_z, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.redo" },
    { GDK_KEY_Z, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.redo" },
  };

  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  for (guint i = 0; i < G_N_ELEMENTS (history); i++)
    gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller),
      gtk_shortcut_new (gtk_keyval_trigger_new (history[i].key, history[i].mods),
                        gtk_named_action_new (history[i].action)));
  for (guint n = 1; n <= N_QUICK_CODES; n++)
    {
      GtkShortcutTrigger *trigger =
        gtk_alternative_trigger_new (gtk_keyval_trigger_new (GDK_KEY_0 + n, 0),
                                     gtk_keyval_trigger_new (GDK_KEY_KP_0 + n, 0));

      gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller),
        gtk_shortcut_new_with_arguments (trigger, gtk_named_action_new ("win.apply-quick-code"),
                                         "u", n));
    }
  shirabe_reader_add_text_controller (self->reader, controller);
}

static void
shirabe_window_init (ShirabeWindow *self)
{
  static gsize resources_added;

  /* The app's icon and style sheet are in its resources, which AdwApplication adds to the
   * display; a window shown without it (the tests, the screenshots) adds them itself, so that
   * it looks as it does in the app. */
  if (g_once_init_enter (&resources_added))
    {
      GdkDisplay *display = gdk_display_get_default ();
      GtkIconTheme *theme = gtk_icon_theme_get_for_display (display);

      if (!ADW_IS_APPLICATION (g_application_get_default ()))
        {
          g_autoptr(GtkCssProvider) css = gtk_css_provider_new ();

          gtk_css_provider_load_from_resource (css, "/io/github/shirabe/Shirabe/style.css");
          gtk_style_context_add_provider_for_display (display, GTK_STYLE_PROVIDER (css),
                                                      GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
        }
      if (!gtk_icon_theme_has_icon (theme, APPLICATION_ID))
        gtk_icon_theme_add_resource_path (theme, "/io/github/shirabe/Shirabe/icons");
      g_once_init_leave (&resources_added, 1);
    }

  gtk_widget_init_template (GTK_WIDGET (self));
  /* The first frame measures the pages shown only: the passages, search, agreement, charts and
   * side-by-side pages cost it 15 ms of the main thread, and are the reader's size in it. */
  shirabe_first_rows_shown_page_only (GTK_WIDGET (self->stack));
  shirabe_first_rows_shown_page_only (GTK_WIDGET (self->center_stack));
  shirabe_first_rows_shown_page_only (GTK_WIDGET (self->reader_stack));

  self->label_language = shirabe_label_language_default ();
  self->undo_enabled = self->redo_enabled = -1;

  g_signal_connect_object (self->sidebar, "notify::selected-id",
                           G_CALLBACK (on_narrative_selected), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->sidebar, "error", G_CALLBACK (on_sidebar_error), self,
                           G_CONNECT_SWAPPED);

  shirabe_codebook_set_label_language (self->codebook, self->label_language);
  shirabe_reader_set_label_language (self->reader, self->label_language);
  shirabe_attributes_view_set_label_language (self->attributes_view, self->label_language);
  g_signal_connect_object (self->codebook, "code-activated", G_CALLBACK (on_code_activated),
                           self, G_CONNECT_SWAPPED);

  add_reader_shortcuts (self);
  bind_settings (self);
  update_coder_name (self);
  shirabe_window_actions_init (self);
  shirabe_window_views_init (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export-template", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.merge-copies", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.coder-copy", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.restore-backup", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.pseudonyms", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.import-attributes", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export-qdc", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.import-qdc", FALSE);
  update_title (self);
  update_history (self);
}

ShirabeWindow *
shirabe_window_new (GtkApplication *application)
{
  return g_object_new (SHIRABE_TYPE_WINDOW, "application", application, NULL);
}
