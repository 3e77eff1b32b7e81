/* shirabe-corpus-search.c: searching the text of every narrative, with "Code All Hits"
 *
 * The query goes to the core as the user typed it; the core parses it (terms, "phrases", OR,
 * -NOT), so a quote or a dash is never search syntax by accident, and a malformed query is a
 * message, not an empty list. Hits come in the project's order, and a narrative's first hit
 * carries its heading, so the list reads as hits grouped by narrative while staying one lazy
 * list. Enter or a click opens the narrative in the reader at the hit, selected.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "shirabe-i18n.h"

#include "shirabe-corpus-search.h"
#include "shirabe-list-models.h"
#include "shirabe-window.h"
#include "shirabe-window-private.h"

/* Characters of context on each side of a hit, cut at sentence ends. */
#define CONTEXT_CHARS 80
/* Typing searches after this pause, in milliseconds. */
#define SEARCH_DELAY 250

struct _ShirabeCorpusSearch
{
  AdwBin                parent_instance;

  ShirabeProject       *project;
  GPtrArray            *codes;        /* ShirabeCode, codable ones offered by Code All Hits */
  ShirabeLabelLanguage  language;
  ShirabeSearchResults *results;
  GtkNoSelection       *selection;
  char                 *summary;
  guint                 search_timeout;

  /* template */
  GtkSearchEntry       *entry;
  GtkCheckButton       *fold_width_check;
  GtkCheckButton       *fold_kana_check;
  GtkCheckButton       *whole_words_check;
  GtkLabel             *summary_label;
  GtkWidget            *autocode_button;
  GtkStack             *content;
  AdwStatusPage        *message_page;
  GtkListView          *list_view;
};

G_DEFINE_FINAL_TYPE (ShirabeCorpusSearch, shirabe_corpus_search, ADW_TYPE_BIN)

static void
set_summary (ShirabeCorpusSearch *self,
             const char          *summary)
{
  g_free (self->summary);
  self->summary = g_strdup (summary != NULL ? summary : "");
  gtk_label_set_text (self->summary_label, self->summary);
}

static ShirabeSearchFlags
get_flags (ShirabeCorpusSearch *self)
{
  ShirabeSearchFlags flags = SHIRABE_SEARCH_DEFAULT;

  if (gtk_check_button_get_active (self->fold_width_check))
    flags |= SHIRABE_SEARCH_FOLD_WIDTH;
  if (gtk_check_button_get_active (self->fold_kana_check))
    flags |= SHIRABE_SEARCH_FOLD_KANA;
  if (gtk_check_button_get_active (self->whole_words_check))
    flags |= SHIRABE_SEARCH_WHOLE_WORDS;
  return flags;
}

static void
run_search (ShirabeCorpusSearch *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->entry));
  g_autoptr(GError) error = NULL;
  g_autoptr(ShirabeSearchQuery) query = NULL;
  g_autoptr(ShirabeSearchResults) results = NULL;
  g_autofree char *stripped = g_strstrip (g_strdup (text));
  guint n = 0;

  g_clear_handle_id (&self->search_timeout, g_source_remove);
  if (self->project != NULL && *stripped != '\0')
    {
      query = shirabe_search_query_parse (text, get_flags (self), &error);
      if (query != NULL)
        results = shirabe_search_results_new (self->project, query, CONTEXT_CHARS, &error);
    }
  g_set_object (&self->results, results);
  shirabe_list_view_show_model (self->list_view, &self->selection, G_LIST_MODEL (self->results));
  n = results != NULL ? g_list_model_get_n_items (G_LIST_MODEL (results)) : 0;
  gtk_widget_set_sensitive (self->autocode_button, n > 0 && self->project != NULL &&
                                                   !shirabe_project_get_read_only (self->project));

  if (error != NULL)
    {
      adw_status_page_set_title (self->message_page, _("The Search Cannot Run"));
      adw_status_page_set_description (self->message_page, error->message);
      gtk_stack_set_visible_child_name (self->content, "message");
      set_summary (self, error->message);
    }
  else if (results == NULL)
    {
      gtk_stack_set_visible_child_name (self->content, "empty");
      set_summary (self, NULL);
    }
  else if (n == 0)
    {
      adw_status_page_set_title (self->message_page, _("Not Found"));
      adw_status_page_set_description (self->message_page,
                                       _("No narrative has what was searched for."));
      gtk_stack_set_visible_child_name (self->content, "message");
      set_summary (self, _("No hits"));
    }
  else
    {
      guint n_narratives = shirabe_search_results_get_n_narratives (results);
      g_autofree char *hits = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u hit",
                                                            "%u hits", n), n);
      g_autofree char *narratives = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                                  "%u narrative",
                                                                  "%u narratives",
                                                                  n_narratives), n_narratives);
      /* Translators: the search's count: “23 hits in 7 narratives” */
      g_autofree char *summary = g_strdup_printf (_("%s in %s"), hits, narratives);

      set_summary (self, summary);
      gtk_stack_set_visible_child_name (self->content, "list");
    }
}

static gboolean
search_timeout (gpointer user_data)
{
  ShirabeCorpusSearch *self = user_data;

  self->search_timeout = 0;
  run_search (self);
  return G_SOURCE_REMOVE;
}

static void
on_search_changed (ShirabeCorpusSearch *self)
{
  g_clear_handle_id (&self->search_timeout, g_source_remove);
  self->search_timeout = g_timeout_add (SEARCH_DELAY, search_timeout, self);
}

static void
on_entry_activate (ShirabeCorpusSearch *self)
{
  /* Enter searches at once, and again Enter opens the first hit. */
  if (self->search_timeout != 0 || self->results == NULL)
    run_search (self);
  else if (g_list_model_get_n_items (G_LIST_MODEL (self->results)) > 0)
    gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.activate-item", "u", 0);
}

/* Rows */

typedef struct
{
  GtkLabel *heading;
  GtkLabel *text;
} Row;

static void
setup_row (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           ShirabeCorpusSearch      *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  Row *row = g_new0 (Row, 1);

  gtk_widget_add_css_class (box, "passage-card");
  row->heading = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (row->heading, 0);
  gtk_label_set_ellipsize (row->heading, PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (GTK_WIDGET (row->heading), "heading");
  row->text = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (row->text, 0);
  gtk_label_set_wrap (row->text, TRUE);
  gtk_label_set_wrap_mode (row->text, PANGO_WRAP_WORD_CHAR);
  gtk_label_set_lines (row->text, 6);
  gtk_label_set_ellipsize (row->text, PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (GTK_WIDGET (row->text), "passage-text");
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (row->heading));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (row->text));
  g_object_set_data_full (G_OBJECT (box), "row", row, g_free);
  gtk_list_item_set_child (item, box);
}

static void
bind_row (GtkSignalListItemFactory *factory,
          GtkListItem              *item,
          ShirabeCorpusSearch      *self)
{
  ShirabeSearchHit *hit = gtk_list_item_get_item (item);
  Row *row = g_object_get_data (G_OBJECT (gtk_list_item_get_child (item)), "row");
  guint position = gtk_list_item_get_position (item);
  gboolean first = TRUE;
  g_autofree char *markup = NULL;
  g_autofree char *accessible = NULL;

  /* A narrative's first hit carries its heading. */
  if (position > 0 && self->results != NULL)
    {
      g_autoptr(ShirabeSearchHit) previous =
        g_list_model_get_item (G_LIST_MODEL (self->results), position - 1);

      first = previous == NULL ||
              shirabe_search_hit_get_narrative_id (previous) !=
              shirabe_search_hit_get_narrative_id (hit);
    }
  if (first)
    {
      /* Translators: a narrative's heading among the search's hits: case, then title */
      g_autofree char *heading = g_strdup_printf (_("%s · %s"),
                                                  shirabe_search_hit_get_case_name (hit),
                                                  shirabe_search_hit_get_narrative_title (hit));

      gtk_label_set_text (row->heading, heading);
    }
  gtk_widget_set_visible (GTK_WIDGET (row->heading), first);
  markup = g_markup_printf_escaped ("<span alpha=\"65%%\">%s</span>"
                                    "<span weight=\"bold\" underline=\"single\">%s</span>"
                                    "<span alpha=\"65%%\">%s</span>",
                                    shirabe_search_hit_get_context_before (hit),
                                    shirabe_search_hit_get_text (hit),
                                    shirabe_search_hit_get_context_after (hit));
  gtk_label_set_markup (row->text, markup);
  accessible = g_strdup_printf ("%s: %s%s%s", shirabe_search_hit_get_narrative_title (hit),
                                shirabe_search_hit_get_context_before (hit),
                                shirabe_search_hit_get_text (hit),
                                shirabe_search_hit_get_context_after (hit));
  gtk_accessible_update_property (GTK_ACCESSIBLE (gtk_list_item_get_child (item)),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
}

static void
on_activate (ShirabeCorpusSearch *self,
             guint                position)
{
  g_autoptr(ShirabeSearchHit) hit = NULL;

  if (self->results == NULL)
    return;
  hit = g_list_model_get_item (G_LIST_MODEL (self->results), position);
  if (hit == NULL)
    return;
  gtk_widget_activate_action (GTK_WIDGET (self), "win.open-passage", "(xxx)",
                              shirabe_search_hit_get_narrative_id (hit),
                              shirabe_search_hit_get_start (hit),
                              shirabe_search_hit_get_end (hit));
}

/* Code All Hits */

gboolean
shirabe_corpus_search_code_all (ShirabeCorpusSearch  *self,
                                gint64                code_id,
                                ShirabeExpand         expand,
                                GError              **error)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  const char *coder = SHIRABE_IS_WINDOW (root)
                      ? shirabe_window_get_coder_name (SHIRABE_WINDOW (root)) : NULL;
  g_autofree char *account = NULL;
  g_autofree char *title = NULL;
  guint n_added = 0;
  guint n_skipped = 0;

  g_return_val_if_fail (SHIRABE_IS_CORPUS_SEARCH (self), FALSE);
  g_return_val_if_fail (self->results != NULL, FALSE);

  if (coder == NULL || *coder == '\0')
    coder = account = g_strdup (g_get_user_name ());
  if (!shirabe_project_autocode (self->project, self->results, code_id, coder, expand,
                                 &n_added, &n_skipped, error))
    return FALSE;
  if (n_skipped > 0)
    /* Translators: after Code All Hits; the second number counts hits already coded */
    title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Added %u coding; %u already coded",
                                          "Added %u codings; %u already coded", n_added),
                             n_added, n_skipped);
  else
    title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Added %u coding",
                                          "Added %u codings", n_added), n_added);
  if (SHIRABE_IS_WINDOW (root))
    shirabe_window_add_toast (SHIRABE_WINDOW (root), adw_toast_new (title));
  return TRUE;
}

typedef struct
{
  ShirabeCorpusSearch *self;
  GtkDropDown         *code;
  GtkDropDown         *expand;
  GArray              *code_ids;   /* gint64, parallel to @code */
} AutocodeDialog;

static void
autocode_dialog_free (gpointer data)
{
  AutocodeDialog *dialog = data;

  g_array_unref (dialog->code_ids);
  g_free (dialog);
}

static void
on_autocode_response (AdwMessageDialog *message,
                      const char       *response,
                      AutocodeDialog   *dialog)
{
  g_autoptr(GError) error = NULL;
  guint code = gtk_drop_down_get_selected (dialog->code);
  guint expand = gtk_drop_down_get_selected (dialog->expand);

  if (g_strcmp0 (response, "code") != 0 || code >= dialog->code_ids->len)
    return;
  if (!shirabe_corpus_search_code_all (dialog->self, g_array_index (dialog->code_ids, gint64, code),
                                       expand == 2 ? SHIRABE_EXPAND_PARAGRAPH
                                       : expand == 1 ? SHIRABE_EXPAND_SENTENCE
                                       : SHIRABE_EXPAND_NONE, &error))
    shirabe_widget_show_error (GTK_WIDGET (dialog->self), _("The hits cannot be coded"), error);
}

static void
on_autocode_clicked (ShirabeCorpusSearch *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  AutocodeDialog *dialog;
  GtkWidget *message;
  GtkWidget *box;
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  const char *expansions[] = { C_("autocode", "The hit itself"), C_("autocode", "Its sentence"),
                               C_("autocode", "Its paragraph"), NULL };
  g_autofree char *body = NULL;
  guint n;

  if (self->results == NULL || self->codes == NULL)
    return;
  n = g_list_model_get_n_items (G_LIST_MODEL (self->results));
  dialog = g_new0 (AutocodeDialog, 1);
  dialog->self = self;
  dialog->code_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  for (guint i = 0; i < self->codes->len; i++)
    {
      const ShirabeCode *code = g_ptr_array_index (self->codes, i);
      g_autofree char *label = NULL;

      if (!code->codable)
        continue;
      label = shirabe_code_dup_label (code, self->language);
      gtk_string_list_append (names, label);
      g_array_append_val (dialog->code_ids, code->id);
    }
  dialog->code = GTK_DROP_DOWN (gtk_drop_down_new (G_LIST_MODEL (g_steal_pointer (&names)),
                                                   NULL));
  gtk_drop_down_set_enable_search (dialog->code, FALSE);
  dialog->expand = GTK_DROP_DOWN (gtk_drop_down_new_from_strings (expansions));
  gtk_accessible_update_property (GTK_ACCESSIBLE (dialog->code),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Code"), -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (dialog->expand),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("What to code"), -1);

  /* Translators: the body of "Code All Hits?"; %u is the number of hits */
  body = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "The code is applied to %u hit, or to the sentence or "
                                       "paragraph it is in, in one step that Undo takes back. "
                                       "Hits already coded with it are left as they are.",
                                       "The code is applied to %u hits, or to the sentences or "
                                       "paragraphs they are in, in one step that Undo takes "
                                       "back. Hits already coded with it are left as they are.",
                                       n), n);
  message = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                    _("Code All Hits?"), body);
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (dialog->code));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (dialog->expand));
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (message), box);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (message),
                                    "cancel", _("_Cancel"), "code", _("C_ode"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (message), "code",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (message), "code");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (message), "cancel");
  g_signal_connect_data (message, "response", G_CALLBACK (on_autocode_response), dialog,
                         (GClosureNotify) (void (*) (void)) autocode_dialog_free, 0);
  gtk_window_present (GTK_WINDOW (message));
}

/* A narrative imported, renamed or deleted: the hits are found again. */
static void
on_project_changed (ShirabeCorpusSearch *self,
                    ShirabeChanges      *changes)
{
  if (self->results != NULL &&
      shirabe_changes_touches (changes, SHIRABE_TABLE_NARRATIVE | SHIRABE_TABLE_CASES))
    on_search_changed (self);
}

/* Public */

void
shirabe_corpus_search_set_project (ShirabeCorpusSearch *self,
                                   ShirabeProject      *project)
{
  g_return_if_fail (SHIRABE_IS_CORPUS_SEARCH (self));

  if (self->project == project)
    return;
  if (self->project != NULL)
    g_signal_handlers_disconnect_by_data (self->project, self);
  g_set_object (&self->project, project);
  if (project != NULL)
    g_signal_connect_object (project, "changed", G_CALLBACK (on_project_changed), self,
                             G_CONNECT_SWAPPED);
  gtk_editable_set_text (GTK_EDITABLE (self->entry), "");
  run_search (self);
}

void
shirabe_corpus_search_set_codes (ShirabeCorpusSearch  *self,
                                 GPtrArray            *codes,
                                 ShirabeLabelLanguage  language)
{
  g_return_if_fail (SHIRABE_IS_CORPUS_SEARCH (self));

  if (codes != NULL)
    g_ptr_array_ref (codes);
  g_clear_pointer (&self->codes, g_ptr_array_unref);
  self->codes = codes;
  self->language = language;
}

void
shirabe_corpus_search_focus (ShirabeCorpusSearch *self)
{
  g_return_if_fail (SHIRABE_IS_CORPUS_SEARCH (self));

  gtk_widget_grab_focus (GTK_WIDGET (self->entry));
  gtk_editable_select_region (GTK_EDITABLE (self->entry), 0, -1);
}

void
shirabe_corpus_search_search (ShirabeCorpusSearch *self,
                              const char          *text)
{
  g_return_if_fail (SHIRABE_IS_CORPUS_SEARCH (self));

  gtk_editable_set_text (GTK_EDITABLE (self->entry), text);
  run_search (self);
}

void
shirabe_corpus_search_set_flags (ShirabeCorpusSearch *self,
                                 ShirabeSearchFlags   flags)
{
  g_return_if_fail (SHIRABE_IS_CORPUS_SEARCH (self));

  gtk_check_button_set_active (self->fold_width_check, (flags & SHIRABE_SEARCH_FOLD_WIDTH) != 0);
  gtk_check_button_set_active (self->fold_kana_check, (flags & SHIRABE_SEARCH_FOLD_KANA) != 0);
  gtk_check_button_set_active (self->whole_words_check,
                               (flags & SHIRABE_SEARCH_WHOLE_WORDS) != 0);
  run_search (self);
}

ShirabeSearchResults *
shirabe_corpus_search_get_results (ShirabeCorpusSearch *self)
{
  g_return_val_if_fail (SHIRABE_IS_CORPUS_SEARCH (self), NULL);

  return self->results;
}

const char *
shirabe_corpus_search_get_summary (ShirabeCorpusSearch *self)
{
  g_return_val_if_fail (SHIRABE_IS_CORPUS_SEARCH (self), "");

  return self->summary != NULL ? self->summary : "";
}

GtkListView *
shirabe_corpus_search_get_list_view (ShirabeCorpusSearch *self)
{
  g_return_val_if_fail (SHIRABE_IS_CORPUS_SEARCH (self), NULL);

  return self->list_view;
}

static void
shirabe_corpus_search_dispose (GObject *object)
{
  ShirabeCorpusSearch *self = SHIRABE_CORPUS_SEARCH (object);

  g_clear_handle_id (&self->search_timeout, g_source_remove);
  if (self->project != NULL)
    g_signal_handlers_disconnect_by_data (self->project, self);
  g_clear_object (&self->project);
  g_clear_object (&self->results);
  gtk_widget_dispose_template (GTK_WIDGET (self), SHIRABE_TYPE_CORPUS_SEARCH);
  G_OBJECT_CLASS (shirabe_corpus_search_parent_class)->dispose (object);
}

static void
shirabe_corpus_search_finalize (GObject *object)
{
  ShirabeCorpusSearch *self = SHIRABE_CORPUS_SEARCH (object);

  g_clear_pointer (&self->codes, g_ptr_array_unref);
  g_clear_object (&self->selection);
  g_free (self->summary);
  G_OBJECT_CLASS (shirabe_corpus_search_parent_class)->finalize (object);
}

static void
shirabe_corpus_search_class_init (ShirabeCorpusSearchClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = shirabe_corpus_search_dispose;
  object_class->finalize = shirabe_corpus_search_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/shirabe/Shirabe/shirabe-corpus-search.ui");
  gtk_widget_class_bind_template_child (widget_class, ShirabeCorpusSearch, entry);
  gtk_widget_class_bind_template_child (widget_class, ShirabeCorpusSearch, fold_width_check);
  gtk_widget_class_bind_template_child (widget_class, ShirabeCorpusSearch, fold_kana_check);
  gtk_widget_class_bind_template_child (widget_class, ShirabeCorpusSearch, whole_words_check);
  gtk_widget_class_bind_template_child (widget_class, ShirabeCorpusSearch, summary_label);
  gtk_widget_class_bind_template_child (widget_class, ShirabeCorpusSearch, autocode_button);
  gtk_widget_class_bind_template_child (widget_class, ShirabeCorpusSearch, content);
  gtk_widget_class_bind_template_child (widget_class, ShirabeCorpusSearch, message_page);
  gtk_widget_class_bind_template_child (widget_class, ShirabeCorpusSearch, list_view);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_entry_activate);
  gtk_widget_class_bind_template_callback (widget_class, on_activate);
  gtk_widget_class_bind_template_callback (widget_class, on_autocode_clicked);
}

static void
shirabe_corpus_search_init (ShirabeCorpusSearch *self)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  gtk_widget_init_template (GTK_WIDGET (self));

  self->language = shirabe_label_language_default ();
  self->selection = gtk_no_selection_new (NULL);
  g_signal_connect (factory, "setup", G_CALLBACK (setup_row), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row), self);
  gtk_list_view_set_factory (self->list_view, factory);
  g_object_unref (factory);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));
  gtk_list_view_set_single_click_activate (self->list_view, TRUE);
  run_search (self);
}
