/* shirabe-narrative-search.c: the search bar over the reader's text
 *
 * Matching ignores case and the width of Latin letters and digits (ＤＥＢＴ finds debt); Japanese
 * is matched as written. The text is folded once per narrative into an array of code points, one
 * per character of the buffer, so a match's index is its offset in the buffer and a search of a
 * 300,000-character narrative is one pass over memory. The entry waits for a pause in typing
 * before it searches, and at most SHIRABE_NARRATIVE_SEARCH_MAX_MATCHES are highlighted.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "shirabe-i18n.h"

#include <string.h>

#include "shirabe-narrative-search.h"

struct _ShirabeNarrativeSearch
{
  GtkWidget       parent_instance;

  GtkTextView    *view;
  GtkTextBuffer  *buffer;
  GtkTextTag     *match_tag;
  GtkTextTag     *current_tag;

  gunichar       *folded;       /* the buffer's text folded, or NULL until needed */
  glong           n_folded;
  char           *query;        /* what the matches are of, or NULL */
  GArray         *matches;      /* int: the offsets where matches start */
  glong           match_length;
  gboolean        capped;
  int             current;      /* index in matches, or -1 */
  guint           refresh_id;

  /* template */
  GtkSearchBar   *search_bar;
  GtkSearchEntry *entry;
  GtkLabel       *count_label;
};

G_DEFINE_FINAL_TYPE (ShirabeNarrativeSearch, shirabe_narrative_search, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_ACTIVE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Full-width Latin letters, digits and signs as their ASCII forms, then lower case. */
static inline gunichar
fold_char (gunichar c)
{
  if (c >= 0xFF01 && c <= 0xFF5E)
    c -= 0xFEE0;
  return g_unichar_tolower (c);
}

static gunichar *
fold (const char *text,
      glong      *n_chars)
{
  gunichar *chars = g_utf8_to_ucs4_fast (text, -1, n_chars);

  for (glong i = 0; i < *n_chars; i++)
    chars[i] = fold_char (chars[i]);
  return chars;
}

static void
ensure_folded (ShirabeNarrativeSearch *self)
{
  g_autofree char *text = NULL;
  GtkTextIter start;
  GtkTextIter end;

  if (self->folded != NULL)
    return;
  gtk_text_buffer_get_bounds (self->buffer, &start, &end);
  /* A slice keeps one character per buffer offset, so offsets need no mapping. */
  text = gtk_text_buffer_get_slice (self->buffer, &start, &end, TRUE);
  self->folded = fold (text, &self->n_folded);
}

static void
get_match_bounds (ShirabeNarrativeSearch *self,
                  guint                   index,
                  GtkTextIter            *start,
                  GtkTextIter            *end)
{
  int offset = g_array_index (self->matches, int, index);

  gtk_text_buffer_get_iter_at_offset (self->buffer, start, offset);
  gtk_text_buffer_get_iter_at_offset (self->buffer, end, offset + (int) self->match_length);
}

static void
update_count (ShirabeNarrativeSearch *self)
{
  g_autofree char *text = NULL;

  if (self->query == NULL || *self->query == '\0')
    text = g_strdup ("");
  else if (self->matches->len == 0)
    text = g_strdup (_("No matches"));
  else if (self->capped)
    /* Translators: the match shown and how many were found, when the count stopped at the
     * limit, as in "3 of 1,000+"; the ' asks for the thousands separator */
    text = g_strdup_printf (_("%'d of %'u+"), self->current + 1, self->matches->len);
  else
    /* Translators: the match shown and how many were found, as in "3 of 12" */
    text = g_strdup_printf (_("%'d of %'u"), self->current + 1, self->matches->len);
  gtk_label_set_label (self->count_label, text);
}

static void
clear_highlights (ShirabeNarrativeSearch *self)
{
  GtkTextIter start;
  GtkTextIter end;

  if (self->buffer == NULL)
    return;
  gtk_text_buffer_get_bounds (self->buffer, &start, &end);
  gtk_text_buffer_remove_tag (self->buffer, self->match_tag, &start, &end);
  gtk_text_buffer_remove_tag (self->buffer, self->current_tag, &start, &end);
}

/* Selects match @index, so that it can be coded at once, and brings it into view. */
static void
select_match (ShirabeNarrativeSearch *self,
              int                     index)
{
  GtkTextIter start;
  GtkTextIter end;

  if (self->current >= 0)
    {
      get_match_bounds (self, self->current, &start, &end);
      gtk_text_buffer_remove_tag (self->buffer, self->current_tag, &start, &end);
    }
  self->current = index;
  update_count (self);
  if (index < 0)
    return;
  get_match_bounds (self, index, &start, &end);
  gtk_text_buffer_apply_tag (self->buffer, self->current_tag, &start, &end);
  gtk_text_buffer_select_range (self->buffer, &start, &end);
  gtk_text_view_scroll_to_mark (self->view, gtk_text_buffer_get_insert (self->buffer),
                                0.0, TRUE, 0.0, 0.35);
}

static void
search (ShirabeNarrativeSearch *self,
        const char             *query)
{
  g_autofree gunichar *needle = NULL;
  glong n_needle = 0;
  GtkTextIter iter;
  int cursor = 0;
  int first = -1;
  int match;

  clear_highlights (self);
  g_array_set_size (self->matches, 0);
  self->capped = FALSE;
  self->current = -1;
  g_free (self->query);
  self->query = g_strdup (query);

  if (self->buffer != NULL && query != NULL && *query != '\0')
    {
      ensure_folded (self);
      needle = fold (query, &n_needle);
    }
  self->match_length = n_needle;
  for (glong i = 0; n_needle > 0 && i + n_needle <= self->n_folded; i++)
    {
      if (self->folded[i] != needle[0] ||
          memcmp (self->folded + i, needle, n_needle * sizeof (gunichar)) != 0)
        continue;
      if (self->matches->len == SHIRABE_NARRATIVE_SEARCH_MAX_MATCHES)
        {
          self->capped = TRUE;
          break;
        }
      match = (int) i;
      g_array_append_val (self->matches, match);
      i += n_needle - 1;
    }

  /* The first match from the cursor on, so that searching again goes on from where one is. */
  if (self->buffer != NULL)
    {
      gtk_text_buffer_get_iter_at_mark (self->buffer, &iter,
                                        gtk_text_buffer_get_insert (self->buffer));
      cursor = gtk_text_iter_get_offset (&iter);
    }
  for (guint i = 0; i < self->matches->len; i++)
    {
      GtkTextIter start;
      GtkTextIter end;

      get_match_bounds (self, i, &start, &end);
      gtk_text_buffer_apply_tag (self->buffer, self->match_tag, &start, &end);
      if (first < 0 && g_array_index (self->matches, int, i) >= cursor)
        first = i;
    }
  select_match (self, self->matches->len == 0 ? -1 : MAX (first, 0));
}

void
shirabe_narrative_search_update (ShirabeNarrativeSearch *self)
{
  const char *text;

  g_return_if_fail (SHIRABE_IS_NARRATIVE_SEARCH (self));

  text = gtk_editable_get_text (GTK_EDITABLE (self->entry));
  /* The entry repeats its text after the pause; the matches stand, and so does the one shown. */
  if (g_strcmp0 (text, self->query) != 0)
    search (self, text);
}

static void
on_search_changed (ShirabeNarrativeSearch *self)
{
  if (gtk_search_bar_get_search_mode (self->search_bar))
    shirabe_narrative_search_update (self);
}

static void
on_next_match (ShirabeNarrativeSearch *self)
{
  shirabe_narrative_search_next (self);
}

static void
on_previous_match (ShirabeNarrativeSearch *self)
{
  shirabe_narrative_search_previous (self);
}

static void
forget_matches (ShirabeNarrativeSearch *self)
{
  g_clear_pointer (&self->query, g_free);
  g_array_set_size (self->matches, 0);
  self->current = -1;
  self->capped = FALSE;
}

static void
on_search_mode_changed (ShirabeNarrativeSearch *self)
{
  gboolean active = gtk_search_bar_get_search_mode (self->search_bar);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "search.next", active);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "search.previous", active);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACTIVE]);
  if (active)
    return;
  clear_highlights (self);
  forget_matches (self);
  update_count (self);
  /* Back to the text, where the match left selected can be coded. */
  if (self->view != NULL && gtk_widget_get_mapped (GTK_WIDGET (self->view)))
    gtk_widget_grab_focus (GTK_WIDGET (self->view));
}

static gboolean
refresh (gpointer data)
{
  ShirabeNarrativeSearch *self = data;

  self->refresh_id = 0;
  if (gtk_search_bar_get_search_mode (self->search_bar))
    search (self, gtk_editable_get_text (GTK_EDITABLE (self->entry)));
  return G_SOURCE_REMOVE;
}

/* Another narrative came in: the matches were of the old text. */
static void
on_buffer_changed (ShirabeNarrativeSearch *self)
{
  g_clear_pointer (&self->folded, g_free);
  self->n_folded = 0;
  forget_matches (self);
  update_count (self);
  if (self->refresh_id == 0 && gtk_search_bar_get_search_mode (self->search_bar))
    self->refresh_id = g_idle_add (refresh, self);
}

static void
next_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  shirabe_narrative_search_next (SHIRABE_NARRATIVE_SEARCH (widget));
}

static void
previous_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  shirabe_narrative_search_previous (SHIRABE_NARRATIVE_SEARCH (widget));
}

static void
shirabe_narrative_search_dispose (GObject *object)
{
  ShirabeNarrativeSearch *self = SHIRABE_NARRATIVE_SEARCH (object);
  GtkWidget *child;

  g_clear_handle_id (&self->refresh_id, g_source_remove);
  if (self->buffer != NULL)
    g_signal_handlers_disconnect_by_data (self->buffer, self);
  g_clear_object (&self->buffer);
  self->view = NULL;
  gtk_widget_dispose_template (GTK_WIDGET (self), SHIRABE_TYPE_NARRATIVE_SEARCH);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (shirabe_narrative_search_parent_class)->dispose (object);
}

static void
shirabe_narrative_search_finalize (GObject *object)
{
  ShirabeNarrativeSearch *self = SHIRABE_NARRATIVE_SEARCH (object);

  g_clear_pointer (&self->folded, g_free);
  g_clear_pointer (&self->query, g_free);
  g_clear_pointer (&self->matches, g_array_unref);

  G_OBJECT_CLASS (shirabe_narrative_search_parent_class)->finalize (object);
}

static void
shirabe_narrative_search_get_property (GObject    *object,
                                       guint       prop_id,
                                       GValue     *value,
                                       GParamSpec *pspec)
{
  ShirabeNarrativeSearch *self = SHIRABE_NARRATIVE_SEARCH (object);

  switch (prop_id)
    {
    case PROP_ACTIVE:
      g_value_set_boolean (value, gtk_search_bar_get_search_mode (self->search_bar));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
shirabe_narrative_search_class_init (ShirabeNarrativeSearchClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = shirabe_narrative_search_dispose;
  object_class->finalize = shirabe_narrative_search_finalize;
  object_class->get_property = shirabe_narrative_search_get_property;

  /* Whether the bar is open. */
  properties[PROP_ACTIVE] =
    g_param_spec_boolean ("active", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
    "/io/github/shirabe/Shirabe/shirabe-narrative-search.ui");
  gtk_widget_class_bind_template_child (widget_class, ShirabeNarrativeSearch, search_bar);
  gtk_widget_class_bind_template_child (widget_class, ShirabeNarrativeSearch, entry);
  gtk_widget_class_bind_template_child (widget_class, ShirabeNarrativeSearch, count_label);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_next_match);
  gtk_widget_class_bind_template_callback (widget_class, on_previous_match);
  gtk_widget_class_bind_template_callback (widget_class, on_search_mode_changed);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);

  gtk_widget_class_install_action (widget_class, "search.next", NULL, next_action);
  gtk_widget_class_install_action (widget_class, "search.previous", NULL, previous_action);
}

static void
shirabe_narrative_search_init (ShirabeNarrativeSearch *self)
{
  GtkEventController *controller;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->matches = g_array_new (FALSE, FALSE, sizeof (int));
  self->current = -1;
  gtk_search_bar_connect_entry (self->search_bar, GTK_EDITABLE (self->entry));

  /* Enter goes to the next match (the entry's "activate"); Shift+Enter to the previous. */
  controller = gtk_shortcut_controller_new ();
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller),
    gtk_shortcut_new (gtk_alternative_trigger_new (
                        gtk_keyval_trigger_new (GDK_KEY_Return, GDK_SHIFT_MASK),
                        gtk_keyval_trigger_new (GDK_KEY_KP_Enter, GDK_SHIFT_MASK)),
                      gtk_named_action_new ("search.previous")));
  gtk_widget_add_controller (GTK_WIDGET (self->entry), controller);
  on_search_mode_changed (self);
}

void
shirabe_narrative_search_set_view (ShirabeNarrativeSearch *self,
                                   GtkTextView            *view)
{
  g_return_if_fail (SHIRABE_IS_NARRATIVE_SEARCH (self));
  g_return_if_fail (GTK_IS_TEXT_VIEW (view));
  g_return_if_fail (self->view == NULL);

  self->view = view;
  self->buffer = g_object_ref (gtk_text_view_get_buffer (view));
  /* Matches are translucent, so that the coding bands drawn under the text still show
   * through; the current one is solid, dark on yellow in light and dark styles alike, so that
   * it stands out from any band. */
  self->match_tag = gtk_text_buffer_create_tag (self->buffer, "search-match",
                                                "background-rgba",
                                                &(GdkRGBA) { 0.96, 0.83, 0.18, 0.5 },
                                                NULL);
  self->current_tag = gtk_text_buffer_create_tag (self->buffer, "search-current",
                                                  "background-rgba",
                                                  &(GdkRGBA) { 0.97, 0.89, 0.36, 1.0 },
                                                  "foreground-rgba",
                                                  &(GdkRGBA) { 0.14, 0.12, 0.19, 1.0 },
                                                  "underline", PANGO_UNDERLINE_SINGLE,
                                                  NULL);
  g_signal_connect_object (self->buffer, "changed", G_CALLBACK (on_buffer_changed), self,
                           G_CONNECT_SWAPPED);
}

void
shirabe_narrative_search_start (ShirabeNarrativeSearch *self)
{
  g_return_if_fail (SHIRABE_IS_NARRATIVE_SEARCH (self));

  gtk_search_bar_set_search_mode (self->search_bar, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->entry));
  gtk_editable_select_region (GTK_EDITABLE (self->entry), 0, -1);
  shirabe_narrative_search_update (self);
}

void
shirabe_narrative_search_stop (ShirabeNarrativeSearch *self)
{
  g_return_if_fail (SHIRABE_IS_NARRATIVE_SEARCH (self));

  gtk_search_bar_set_search_mode (self->search_bar, FALSE);
}

gboolean
shirabe_narrative_search_get_active (ShirabeNarrativeSearch *self)
{
  g_return_val_if_fail (SHIRABE_IS_NARRATIVE_SEARCH (self), FALSE);

  return gtk_search_bar_get_search_mode (self->search_bar);
}

void
shirabe_narrative_search_next (ShirabeNarrativeSearch *self)
{
  g_return_if_fail (SHIRABE_IS_NARRATIVE_SEARCH (self));

  shirabe_narrative_search_update (self);
  if (self->matches->len == 0)
    {
      gtk_widget_error_bell (GTK_WIDGET (self));
      return;
    }
  select_match (self, (self->current + 1) % (int) self->matches->len);
}

void
shirabe_narrative_search_previous (ShirabeNarrativeSearch *self)
{
  g_return_if_fail (SHIRABE_IS_NARRATIVE_SEARCH (self));

  shirabe_narrative_search_update (self);
  if (self->matches->len == 0)
    {
      gtk_widget_error_bell (GTK_WIDGET (self));
      return;
    }
  select_match (self, (self->current + (int) self->matches->len - 1) % (int) self->matches->len);
}

guint
shirabe_narrative_search_get_n_matches (ShirabeNarrativeSearch *self)
{
  g_return_val_if_fail (SHIRABE_IS_NARRATIVE_SEARCH (self), 0);

  return self->matches->len;
}

GtkSearchEntry *
shirabe_narrative_search_get_entry (ShirabeNarrativeSearch *self)
{
  g_return_val_if_fail (SHIRABE_IS_NARRATIVE_SEARCH (self), NULL);

  return self->entry;
}

GtkLabel *
shirabe_narrative_search_get_count_label (ShirabeNarrativeSearch *self)
{
  g_return_val_if_fail (SHIRABE_IS_NARRATIVE_SEARCH (self), NULL);

  return self->count_label;
}
