/* shirabe-passages-view.c: the passages coded with the codes asked for, as cards
 *
 * The query is built with the codes (the + button's picker, or "Show Passages" in the
 * codebook), how they combine (any, all overlapping, the first near the others within N
 * characters), codes whose passages are left out ("Not Coded With…"), whose codings, and
 * conditions on the narratives (the filter popover). The core computes the passages' positions at once and reads each card's text as
 * it scrolls into view, so a list of 100,000 passages costs what the screen shows. A card
 * opens its narrative in the reader at the passage, selected; the list stays where it was
 * for the way back.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "shirabe-i18n.h"

#include "shirabe-code-picker.h"
#include "shirabe-color-swatch.h"
#include "shirabe-filter-popover.h"
#include "shirabe-line-clamp.h"
#include "shirabe-passages-view.h"
#include "shirabe-list-models.h"
#include "shirabe-window.h"

/* Characters of context on each side of a passage, cut at sentence ends. */
#define CONTEXT_CHARS 160

struct _ShirabePassagesView
{
  AdwBin                parent_instance;

  ShirabeProject       *project;
  GPtrArray            *codes;         /* ShirabeCode */
  GHashTable           *code_by_id;    /* gint64 → ShirabeCode, into @codes */
  GPtrArray            *coders;        /* ShirabeCoder, parallel to the drop-down after "All" */
  ShirabeLabelLanguage  language;
  GArray               *code_ids;      /* gint64: the codes asked for */
  GArray               *not_ids;       /* gint64: the codes whose passages are left out */
  GHashTable           *opened;        /* position + 1 of the cards showing the whole passage */
  ShirabePassageList   *list;
  GtkNoSelection       *selection;
  char                 *summary;
  gboolean              stale;         /* the project changed while the view was hidden */
  guint                 refresh_idle;
  ShirabeCodePicker    *picker;
  ShirabeCodePicker    *not_picker;
  ShirabeFilterPopover *filter_popover;
  GtkFileChooserNative *chooser;
  ShirabePassageQuery  *chart_query;   /* a chart's cell, until the query is changed by hand */

  /* template */
  GtkFlowBox           *chips;
  GtkMenuButton        *add_code_button;
  GtkMenuButton        *not_button;
  GtkDropDown          *mode_dropdown;
  GtkWidget            *near_box;
  GtkLabel             *near_before;
  GtkSpinButton        *near_spin;
  guint                 near_timeout;     /* the query again, once the spin button rests */
  GtkLabel             *near_after;
  GtkDropDown          *coder_dropdown;
  GtkMenuButton        *filter_button;
  GtkLabel             *summary_label;
  GtkWidget            *export_button;
  GtkStack             *content;
  GtkListView          *list_view;
  GtkWidget            *chart_box;
  GtkLabel             *chart_label;
};

G_DEFINE_FINAL_TYPE (ShirabePassagesView, shirabe_passages_view, ADW_TYPE_BIN)

static void run_query (ShirabePassagesView *self);

static const ShirabeCode *
find_code (ShirabePassagesView *self,
           gint64               code_id)
{
  return self->code_by_id != NULL ? g_hash_table_lookup (self->code_by_id, &code_id) : NULL;
}

/* Cards */

/* What a card shows of a passage until it is opened out: a few lines, the passage's start with
 * a little of the context before it, so that the card's text is laid out quickly (see
 * shirabe-line-clamp.c). The whole passage is one click away: the card's ⌄ button, or the
 * reader (Enter). */
#define CARD_LINES 4
#define SHOWN_CONTEXT_CHARS 60
#define SHOWN_PASSAGE_CHARS 240

typedef struct
{
  GtkWidget *box;
  GtkWidget *swatch;
  GtkLabel  *label;
} Chip;

typedef struct
{
  GtkListItem     *item;
  GtkLabel        *where;
  GtkLabel        *coders;
  GtkToggleButton *whole;
  GtkBox          *codes;
  GPtrArray       *chips;      /* Chip, reused from one passage to the next */
  ShirabeLineClamp *clamp;
  GtkLabel        *text;
  GtkLabel        *memo;
  gboolean         binding;
  gboolean         whole_shown;  /* what the button's icon and tooltip say */
} Card;

static void
free_card (Card *card)
{
  g_ptr_array_unref (card->chips);
  g_free (card);
}

static void bind_text (ShirabePassagesView *self, Card *card, ShirabePassage *passage);

/* The card's ⌄ button: the whole passage and its context, or the few lines again. The choice is
 * kept by position, as the card's widgets go to other passages while the list scrolls. */
static void
on_whole_toggled (GtkToggleButton     *button,
                  ShirabePassagesView *self)
{
  Card *card = g_object_get_data (G_OBJECT (button), "card");
  ShirabePassage *passage = gtk_list_item_get_item (card->item);
  guint position = gtk_list_item_get_position (card->item);

  if (card->binding || passage == NULL)
    return;
  if (gtk_toggle_button_get_active (button))
    g_hash_table_add (self->opened, GUINT_TO_POINTER (position + 1));
  else
    g_hash_table_remove (self->opened, GUINT_TO_POINTER (position + 1));
  bind_text (self, card, passage);
}

/* The heading's tooltip, asked for when shown: setting a tooltip asks the X server where the
 * pointer is, which for each card bound would be a round trip while scrolling. */
static gboolean
on_where_query_tooltip (GtkWidget  *label,
                        int         x,
                        int         y,
                        gboolean    keyboard,
                        GtkTooltip *tooltip,
                        gpointer    data)
{
  gtk_tooltip_set_text (tooltip, gtk_label_get_text (GTK_LABEL (label)));
  return TRUE;
}

static void
setup_card (GtkSignalListItemFactory *factory,
            GtkListItem              *item,
            ShirabePassagesView      *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *top = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  Card *card = g_new0 (Card, 1);

  card->item = item;
  card->chips = g_ptr_array_new_with_free_func (g_free);
  gtk_widget_add_css_class (box, "passage-card");
  card->where = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (card->where, 0);
  gtk_label_set_ellipsize (card->where, PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (GTK_WIDGET (card->where), TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (card->where), "heading");
  gtk_widget_set_has_tooltip (GTK_WIDGET (card->where), TRUE);
  g_signal_connect (card->where, "query-tooltip", G_CALLBACK (on_where_query_tooltip), NULL);
  card->coders = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_ellipsize (card->coders, PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (GTK_WIDGET (card->coders), "dim-label");
  gtk_widget_add_css_class (GTK_WIDGET (card->coders), "caption");
  card->whole = GTK_TOGGLE_BUTTON (gtk_toggle_button_new ());
  gtk_button_set_icon_name (GTK_BUTTON (card->whole), "pan-down-symbolic");
  gtk_widget_add_css_class (GTK_WIDGET (card->whole), "flat");
  gtk_widget_add_css_class (GTK_WIDGET (card->whole), "circular");
  gtk_widget_set_valign (GTK_WIDGET (card->whole), GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (GTK_WIDGET (card->whole), _("Show the Whole Passage"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (card->whole), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Show the Whole Passage"), -1);
  g_object_set_data (G_OBJECT (card->whole), "card", card);
  g_signal_connect (card->whole, "toggled", G_CALLBACK (on_whole_toggled), self);
  gtk_box_append (GTK_BOX (top), GTK_WIDGET (card->where));
  gtk_box_append (GTK_BOX (top), GTK_WIDGET (card->coders));
  gtk_box_append (GTK_BOX (top), GTK_WIDGET (card->whole));
  gtk_box_append (GTK_BOX (box), top);

  card->codes = GTK_BOX (gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (card->codes));

  card->text = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (card->text, 0);
  gtk_label_set_wrap_mode (card->text, PANGO_WRAP_WORD_CHAR);
  gtk_widget_add_css_class (GTK_WIDGET (card->text), "passage-text");
  card->clamp = SHIRABE_LINE_CLAMP (shirabe_line_clamp_new (card->text, CARD_LINES));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (card->clamp));

  card->memo = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (card->memo, 0);
  gtk_label_set_wrap_mode (card->memo, PANGO_WRAP_WORD_CHAR);
  gtk_label_set_ellipsize (card->memo, PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (GTK_WIDGET (card->memo), "caption");
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (card->memo));

  g_object_set_data_full (G_OBJECT (box), "card", card, (GDestroyNotify) free_card);
  gtk_list_item_set_child (item, box);
}

/* Appends @text to @shown, or its last (@from_end) or first @max_chars characters with "…" where
 * it was cut; returns whether it was. */
static gboolean
append_cut (GString    *shown,
            const char *text,
            glong       max_chars,
            gboolean    from_end)
{
  glong n = g_utf8_strlen (text, -1);

  if (max_chars < 0 || n <= max_chars)
    {
      g_string_append (shown, text);
      return FALSE;
    }
  if (from_end)
    {
      g_string_append (shown, "…");
      g_string_append (shown, g_utf8_offset_to_pointer (text, n - max_chars));
    }
  else
    {
      g_string_append_len (shown, text, g_utf8_offset_to_pointer (text, max_chars) - text);
      g_string_append (shown, "…");
    }
  return TRUE;
}

/* The passage in bold between its context, dimmed: the whole of each, or (@whole FALSE) the end
 * of the context before, the passage's start and the context after's start. */
static char *
dup_card_text (ShirabePassage  *passage,
               gboolean         whole,
               PangoAttrList  **attributes)
{
  GString *shown = g_string_new (NULL);
  PangoAttribute *attribute;
  guint passage_start;
  guint passage_end;

  *attributes = pango_attr_list_new ();
  append_cut (shown, shirabe_passage_get_context_before (passage),
              whole ? -1 : SHOWN_CONTEXT_CHARS, TRUE);
  passage_start = shown->len;
  append_cut (shown, shirabe_passage_get_text (passage), whole ? -1 : SHOWN_PASSAGE_CHARS, FALSE);
  passage_end = shown->len;
  append_cut (shown, shirabe_passage_get_context_after (passage),
              whole ? -1 : SHOWN_CONTEXT_CHARS, FALSE);

  attribute = pango_attr_foreground_alpha_new (65 * 65535 / 100);
  attribute->end_index = passage_start;
  pango_attr_list_insert (*attributes, attribute);
  attribute = pango_attr_weight_new (PANGO_WEIGHT_BOLD);
  attribute->start_index = passage_start;
  attribute->end_index = passage_end;
  pango_attr_list_insert (*attributes, attribute);
  attribute = pango_attr_foreground_alpha_new (65 * 65535 / 100);
  attribute->start_index = passage_end;
  pango_attr_list_insert (*attributes, attribute);
  return g_string_free (shown, FALSE);
}

/* The card's text and memo, a few lines or whole as the card's button says. */
static void
bind_text (ShirabePassagesView *self,
           Card                *card,
           ShirabePassage      *passage)
{
  gboolean whole = gtk_toggle_button_get_active (card->whole);
  g_autoptr(PangoAttrList) attributes = NULL;
  g_autofree char *text = dup_card_text (passage, whole, &attributes);
  const char *memo = shirabe_passage_get_memo (passage);

  gtk_label_set_text (card->text, text);
  gtk_label_set_attributes (card->text, attributes);
  shirabe_line_clamp_set_clamped (card->clamp, !whole);
  if (card->whole_shown != whole)
    {
      gtk_button_set_icon_name (GTK_BUTTON (card->whole), whole ? "pan-up-symbolic"
                                                                : "pan-down-symbolic");
      gtk_widget_set_tooltip_text (GTK_WIDGET (card->whole), whole ? _("Show a Few Lines")
                                                                   : _("Show the Whole Passage"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (card->whole), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      whole ? _("Show a Few Lines")
                                            : _("Show the Whole Passage"), -1);
      card->whole_shown = whole;
    }
  gtk_label_set_text (card->memo, memo);
  gtk_label_set_wrap (card->memo, whole);
  gtk_label_set_ellipsize (card->memo, whole ? PANGO_ELLIPSIZE_NONE : PANGO_ELLIPSIZE_END);
  gtk_widget_set_visible (GTK_WIDGET (card->memo), memo != NULL && *memo != '\0');
}

static void
bind_card (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           ShirabePassagesView      *self)
{
  ShirabePassage *passage = gtk_list_item_get_item (item);
  Card *card = g_object_get_data (G_OBJECT (gtk_list_item_get_child (item)), "card");
  GArray *code_ids = shirabe_passage_get_code_ids (passage);
  g_autofree char *where = NULL;
  g_autofree char *accessible = NULL;
  guint n_chips = 0;

  /* Translators: a passage card's heading: the case's name, then the narrative's title */
  where = g_strdup_printf (_("%s · %s"), shirabe_passage_get_case_name (passage),
                           shirabe_passage_get_narrative_title (passage));
  gtk_label_set_text (card->where, where);
  gtk_label_set_text (card->coders, shirabe_passage_get_coders (passage));

  for (guint i = 0; code_ids != NULL && i < code_ids->len; i++)
    {
      const ShirabeCode *code = find_code (self, g_array_index (code_ids, gint64, i));
      g_autofree char *text = NULL;
      Chip *chip;

      if (code == NULL)
        continue;
      if (n_chips == card->chips->len)
        {
          chip = g_new0 (Chip, 1);
          chip->box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);
          chip->swatch = g_object_new (SHIRABE_TYPE_COLOR_SWATCH, "valign", GTK_ALIGN_CENTER,
                                       NULL);
          chip->label = GTK_LABEL (gtk_label_new (NULL));
          gtk_label_set_ellipsize (chip->label, PANGO_ELLIPSIZE_END);
          gtk_widget_add_css_class (GTK_WIDGET (chip->label), "caption");
          gtk_box_append (GTK_BOX (chip->box), chip->swatch);
          gtk_box_append (GTK_BOX (chip->box), GTK_WIDGET (chip->label));
          gtk_box_append (card->codes, chip->box);
          g_ptr_array_add (card->chips, chip);
        }
      chip = g_ptr_array_index (card->chips, n_chips++);
      text = shirabe_code_dup_label (code, self->language);
      shirabe_color_swatch_set_color (SHIRABE_COLOR_SWATCH (chip->swatch), code->color);
      gtk_label_set_text (chip->label, text);
      gtk_widget_set_visible (chip->box, TRUE);
    }
  for (guint i = n_chips; i < card->chips->len; i++)
    gtk_widget_set_visible (((Chip *) g_ptr_array_index (card->chips, i))->box, FALSE);

  card->binding = TRUE;
  gtk_toggle_button_set_active (card->whole,
                                g_hash_table_contains (self->opened,
                                                       GUINT_TO_POINTER (
                                                         gtk_list_item_get_position (item) + 1)));
  card->binding = FALSE;
  bind_text (self, card, passage);

  accessible = g_strdup_printf ("%s: %s", where, shirabe_passage_get_text (passage));
  gtk_accessible_update_property (GTK_ACCESSIBLE (gtk_list_item_get_child (item)),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
}

static void
on_activate (ShirabePassagesView *self,
             guint                position)
{
  g_autoptr(ShirabePassage) passage = NULL;

  if (self->list == NULL)
    return;
  passage = g_list_model_get_item (G_LIST_MODEL (self->list), position);
  if (passage == NULL)
    return;
  gtk_widget_activate_action (GTK_WIDGET (self), "win.open-passage", "(xxx)",
                              shirabe_passage_get_narrative_id (passage),
                              shirabe_passage_get_start (passage),
                              shirabe_passage_get_end (passage));
}

/* The query */

/* The query changed by hand: a chart's selection gives way. */
static void
drop_chart_query (ShirabePassagesView *self)
{
  g_clear_pointer (&self->chart_query, shirabe_passage_query_unref);
  gtk_widget_set_visible (self->chart_box, FALSE);
}

static void
on_query_edited (ShirabePassagesView *self)
{
  drop_chart_query (self);
  run_query (self);
}

static gboolean
on_near_rested (gpointer user_data)
{
  ShirabePassagesView *self = user_data;

  self->near_timeout = 0;
  on_query_edited (self);
  return G_SOURCE_REMOVE;
}

/* Each click of the spin button would ask a large study again (a third of a second at
 * 500,000 codings): the query runs once the number has rested for a moment. */
static void
on_near_changed (ShirabePassagesView *self)
{
  g_clear_handle_id (&self->near_timeout, g_source_remove);
  self->near_timeout = g_timeout_add (300, on_near_rested, self);
}

static void
on_chart_query_cleared (ShirabePassagesView *self)
{
  on_query_edited (self);
}

static void
remove_chip (GtkButton           *button,
             ShirabePassagesView *self)
{
  gint64 code_id = *(gint64 *) g_object_get_data (G_OBJECT (button), "code-id");
  GArray *ids = g_object_get_data (G_OBJECT (button), "not") != NULL ? self->not_ids
                                                                     : self->code_ids;

  drop_chart_query (self);
  for (guint i = 0; i < ids->len; i++)
    if (g_array_index (ids, gint64, i) == code_id)
      {
        g_array_remove_index (ids, i);
        break;
      }
  run_query (self);
}

/* A code of the query as a chip: its colour, its label and a × to take it out; a code whose
 * passages are left out (@not) says so before its label. */
static GtkWidget *
new_query_chip (ShirabePassagesView *self,
                const ShirabeCode   *code,
                gboolean             not)
{
  g_autofree char *label = shirabe_code_dup_label (code, self->language);
  g_autofree char *tooltip = NULL;
  GtkWidget *chip = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);
  GtkWidget *swatch = g_object_new (SHIRABE_TYPE_COLOR_SWATCH, "valign", GTK_ALIGN_CENTER, NULL);
  GtkWidget *text = gtk_label_new (label);
  GtkWidget *remove = gtk_button_new_from_icon_name ("window-close-symbolic");

  gtk_widget_add_css_class (chip, "code-chip");
  if (not)
    {
      /* Translators: before a code in the passages' query whose passages are left out */
      GtkWidget *prefix = gtk_label_new (C_("passages", "not"));

      gtk_widget_add_css_class (prefix, "dim-label");
      gtk_box_append (GTK_BOX (chip), prefix);
    }
  shirabe_color_swatch_set_color (SHIRABE_COLOR_SWATCH (swatch), code->color);
  gtk_label_set_ellipsize (GTK_LABEL (text), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (text), 30);
  gtk_widget_set_tooltip_text (text, label);
  gtk_widget_add_css_class (remove, "flat");
  gtk_widget_add_css_class (remove, "circular");
  /* Translators: the tooltip of the × on a code in the passages' query */
  tooltip = g_strdup_printf (_("Remove “%s” from the Query"), label);
  gtk_widget_set_tooltip_text (remove, tooltip);
  g_object_set_data_full (G_OBJECT (remove), "code-id", g_memdup2 (&code->id, sizeof code->id),
                          g_free);
  g_object_set_data (G_OBJECT (remove), "not", GINT_TO_POINTER (not));
  g_signal_connect (remove, "clicked", G_CALLBACK (remove_chip), self);
  gtk_box_append (GTK_BOX (chip), swatch);
  gtk_box_append (GTK_BOX (chip), text);
  gtk_box_append (GTK_BOX (chip), remove);
  return chip;
}

static void
update_chips (ShirabePassagesView *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->chips))) != NULL)
    gtk_flow_box_remove (self->chips, child);
  for (guint not = 0; not < 2; not++)
    {
      GArray *ids = not ? self->not_ids : self->code_ids;

      for (guint i = 0; i < ids->len; i++)
        {
          const ShirabeCode *code = find_code (self, g_array_index (ids, gint64, i));

          if (code != NULL)
            gtk_flow_box_append (self->chips, new_query_chip (self, code, not));
        }
    }
}

static ShirabePassageQuery *
build_query (ShirabePassagesView *self)
{
  ShirabePassageQuery *query;

  if (self->chart_query != NULL)
    {
      shirabe_passage_query_set_context (self->chart_query, CONTEXT_CHARS);
      return shirabe_passage_query_ref (self->chart_query);
    }
  query = shirabe_passage_query_new ();
  guint mode = gtk_drop_down_get_selected (self->mode_dropdown);
  guint coder = gtk_drop_down_get_selected (self->coder_dropdown);
  ShirabeFilter *filter = shirabe_filter_popover_get_filter (self->filter_popover);

  for (guint i = 0; i < self->code_ids->len; i++)
    {
      gint64 code_id = g_array_index (self->code_ids, gint64, i);

      if (i == 0 || mode == SHIRABE_PASSAGES_ANY)
        shirabe_passage_query_add_code (query, code_id, TRUE);
      else if (mode == SHIRABE_PASSAGES_NEAR)
        shirabe_passage_query_add_near (query, code_id, TRUE,
                                        gtk_spin_button_get_value_as_int (self->near_spin));
      else
        shirabe_passage_query_add_all_of (query, code_id, TRUE);
    }
  for (guint i = 0; i < self->not_ids->len; i++)
    shirabe_passage_query_add_not (query, g_array_index (self->not_ids, gint64, i), TRUE);
  shirabe_passage_query_set_overlap_result (query, mode == SHIRABE_PASSAGES_UNION
                                                   ? SHIRABE_OVERLAP_UNION
                                                   : SHIRABE_OVERLAP_INTERSECTION);
  if (coder > 0 && coder != GTK_INVALID_LIST_POSITION && self->coders != NULL &&
      coder - 1 < self->coders->len)
    shirabe_passage_query_add_coder (query,
                                     ((ShirabeCoder *) g_ptr_array_index (self->coders,
                                                                          coder - 1))->id);
  shirabe_passage_query_set_filter (query, filter);
  shirabe_passage_query_set_context (query, CONTEXT_CHARS);
  return query;
}

static void
update_summary (ShirabePassagesView *self)
{
  guint n = self->list != NULL ? g_list_model_get_n_items (G_LIST_MODEL (self->list)) : 0;

  g_clear_pointer (&self->summary, g_free);
  if (self->list == NULL)
    self->summary = g_strdup ("");
  else
    {
      guint n_narratives = shirabe_passage_list_get_n_narratives (self->list);
      guint n_cases = shirabe_passage_list_get_n_cases (self->list);
      g_autofree char *passages = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                                "%u passage", "%u passages",
                                                                n), n);
      g_autofree char *narratives = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                                  "%u narrative",
                                                                  "%u narratives",
                                                                  n_narratives), n_narratives);
      g_autofree char *cases = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u case",
                                                             "%u cases", n_cases), n_cases);

      /* Translators: the passages' count: “12 passages in 5 narratives of 3 cases” */
      self->summary = g_strdup_printf (_("%s in %s of %s"), passages, narratives, cases);
    }
  gtk_label_set_text (self->summary_label, self->summary);
  gtk_widget_set_sensitive (self->export_button, n > 0);
  if (self->code_ids->len == 0)
    gtk_stack_set_visible_child_name (self->content, "empty");
  else
    gtk_stack_set_visible_child_name (self->content, n > 0 ? "list" : "none");
}

static void
run_query (ShirabePassagesView *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ShirabePassageQuery) query = NULL;
  g_autoptr(ShirabePassageList) list = NULL;

  self->stale = FALSE;
  update_chips (self);
  /* The filter button says when conditions narrow the passages, and which. */
  {
    ShirabeFilter *filter = shirabe_filter_popover_get_filter (self->filter_popover);
    g_autofree char *described = NULL;

    if (filter != NULL && self->project != NULL)
      described = shirabe_filter_describe (filter, self->project,
                                           self->language == SHIRABE_LABEL_LANGUAGE_EN
                                           ? SHIRABE_LANGUAGE_EN : SHIRABE_LANGUAGE_JA, NULL);
    if (filter != NULL)
      gtk_widget_add_css_class (GTK_WIDGET (self->filter_button), "filter-on");
    else
      gtk_widget_remove_css_class (GTK_WIDGET (self->filter_button), "filter-on");
    gtk_widget_set_tooltip_text (GTK_WIDGET (self->filter_button),
                                 described != NULL ? described : _("Only Some Narratives"));
  }
  gtk_widget_set_sensitive (GTK_WIDGET (self->mode_dropdown), self->code_ids->len > 1);
  gtk_widget_set_visible (self->near_box,
                          gtk_drop_down_get_selected (self->mode_dropdown) == SHIRABE_PASSAGES_NEAR);
  gtk_widget_set_sensitive (self->near_box, self->code_ids->len > 1);
  if (self->project != NULL && self->code_ids->len > 0)
    {
      query = build_query (self);
      list = shirabe_passage_list_new (self->project, query, &error);
      if (list == NULL)
        shirabe_widget_show_error (GTK_WIDGET (self), _("The passages cannot be shown"), error);
    }
  g_set_object (&self->list, list);
  g_hash_table_remove_all (self->opened);
  shirabe_list_view_show_model (self->list_view, &self->selection, G_LIST_MODEL (self->list));
  update_summary (self);
}

static void
load_coders (ShirabePassagesView *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  gint64 chosen = 0;
  guint selected = gtk_drop_down_get_selected (self->coder_dropdown);
  guint position = 0;

  if (self->coders != NULL && selected > 0 && selected != GTK_INVALID_LIST_POSITION &&
      selected - 1 < self->coders->len)
    chosen = ((ShirabeCoder *) g_ptr_array_index (self->coders, selected - 1))->id;
  g_clear_pointer (&self->coders, g_ptr_array_unref);
  if (self->project != NULL)
    self->coders = shirabe_project_list_coders_uncounted (self->project, &error);
  gtk_string_list_append (names, _("All coders"));
  for (guint i = 0; self->coders != NULL && i < self->coders->len; i++)
    {
      const ShirabeCoder *coder = g_ptr_array_index (self->coders, i);

      gtk_string_list_append (names, coder->name);
      if (coder->id == chosen)
        position = i + 1;
    }
  g_signal_handlers_block_by_func (self->coder_dropdown, on_query_edited, self);
  gtk_drop_down_set_model (self->coder_dropdown, G_LIST_MODEL (names));
  gtk_drop_down_set_selected (self->coder_dropdown, position);
  g_signal_handlers_unblock_by_func (self->coder_dropdown, on_query_edited, self);
}

static gboolean
refresh_idle (gpointer user_data)
{
  ShirabePassagesView *self = user_data;

  self->refresh_idle = 0;
  shirabe_passages_view_refresh (self);
  return G_SOURCE_REMOVE;
}

/* An edit, an undo or a redo: the query runs again once the edit is over, or when the view
 * is next shown. */
static void
on_project_changed (ShirabePassagesView *self,
                    ShirabeChanges      *changes)
{
  if (shirabe_changes_touches (changes, SHIRABE_TABLE_CODER))
    load_coders (self);
  if (self->code_ids->len == 0)
    return;
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      self->stale = TRUE;
      return;
    }
  if (self->refresh_idle == 0)
    self->refresh_idle = g_idle_add (refresh_idle, self);
}

static void
on_map (ShirabePassagesView *self)
{
  if (self->stale)
    shirabe_passages_view_refresh (self);
}

static void
on_code_chosen (ShirabePassagesView *self,
                gint64               code_id)
{
  gtk_popover_popdown (GTK_POPOVER (self->picker));
  shirabe_passages_view_add_code (self, code_id);
}

static void
on_picker_shown (ShirabePassagesView *self)
{
  g_autoptr(GArray) applied = g_array_copy (self->code_ids);

  shirabe_code_picker_set_applied (self->picker, applied);
  shirabe_code_picker_reset (self->picker);
}

static void
on_not_code_chosen (ShirabePassagesView *self,
                    gint64               code_id)
{
  gtk_popover_popdown (GTK_POPOVER (self->not_picker));
  shirabe_passages_view_add_not_code (self, code_id);
}

static void
on_not_picker_shown (ShirabePassagesView *self)
{
  g_autoptr(GArray) applied = g_array_copy (self->not_ids);

  shirabe_code_picker_set_applied (self->not_picker, applied);
  shirabe_code_picker_reset (self->not_picker);
}

/* Export */

static void
on_export_response (ShirabePassagesView  *self,
                    int                   response,
                    GtkFileChooserNative *chooser)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  ShirabeExportOptions options = { 0 };
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (response == GTK_RESPONSE_ACCEPT && self->list != NULL)
    {
      file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      path = file != NULL ? g_file_get_path (file) : NULL;
    }
  g_clear_object (&self->chooser);
  if (path == NULL)
    return;
  if (!g_str_has_suffix (path, ".csv") && !g_str_has_suffix (path, ".xlsx"))
    {
      char *with_suffix = g_strconcat (path, ".xlsx", NULL);

      g_free (path);
      path = with_suffix;
    }
  options.format = g_str_has_suffix (path, ".csv") ? SHIRABE_EXPORT_CSV : SHIRABE_EXPORT_XLSX;
  options.language = self->language == SHIRABE_LABEL_LANGUAGE_EN ? SHIRABE_LANGUAGE_EN
                                                                   : SHIRABE_LANGUAGE_JA;
  options.header = SHIRABE_EXPORT_HEADER_LABELS;
  options.choices = SHIRABE_EXPORT_CHOICES_LABELS;
  options.guard_formulas = TRUE;
  if (!shirabe_passage_list_export (self->list, path, &options, &error))
    shirabe_widget_show_error (GTK_WIDGET (self), _("The passages cannot be exported"), error);
  else if (SHIRABE_IS_WINDOW (root))
    {
      g_autofree char *name = g_path_get_basename (path);
      guint n = g_list_model_get_n_items (G_LIST_MODEL (self->list));
      g_autofree char *title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                             "Exported %u passage to “%s”",
                                                             "Exported %u passages to “%s”",
                                                             n), n, name);

      shirabe_window_add_toast (SHIRABE_WINDOW (root), adw_toast_new (title));
    }
}

static void
on_export_clicked (ShirabePassagesView *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autoptr(GtkFileFilter) xlsx = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) csv = gtk_file_filter_new ();

  if (self->list == NULL || self->chooser != NULL)
    return;
  self->chooser = gtk_file_chooser_native_new (_("Export Passages"),
                                               GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                               GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"),
                                               NULL);
  gtk_file_filter_set_name (xlsx, _("Excel workbook (.xlsx)"));
  gtk_file_filter_add_suffix (xlsx, "xlsx");
  gtk_file_filter_set_name (csv, _("Comma-separated values (.csv)"));
  gtk_file_filter_add_suffix (csv, "csv");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), xlsx);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), csv);
  /* Translators: the file name the passage export proposes */
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), _("passages.xlsx"));
  g_signal_connect_object (self->chooser, "response", G_CALLBACK (on_export_response), self,
                           G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

/* Public */

void
shirabe_passages_view_set_project (ShirabePassagesView *self,
                                   ShirabeProject      *project)
{
  g_return_if_fail (SHIRABE_IS_PASSAGES_VIEW (self));

  if (self->project == project)
    return;
  if (self->project != NULL)
    g_signal_handlers_disconnect_by_data (self->project, self);
  g_set_object (&self->project, project);
  g_array_set_size (self->code_ids, 0);
  g_array_set_size (self->not_ids, 0);
  if (project != NULL)
    g_signal_connect_object (project, "changed", G_CALLBACK (on_project_changed), self,
                             G_CONNECT_SWAPPED);
  shirabe_filter_popover_set_project (self->filter_popover, project);
  load_coders (self);
  run_query (self);
}

void
shirabe_passages_view_set_codes (ShirabePassagesView *self,
                                 GPtrArray           *codes)
{
  g_return_if_fail (SHIRABE_IS_PASSAGES_VIEW (self));

  g_clear_pointer (&self->code_by_id, g_hash_table_unref);
  g_clear_pointer (&self->codes, g_ptr_array_unref);
  self->codes = codes != NULL ? g_ptr_array_ref (codes) : NULL;
  self->code_by_id = g_hash_table_new (g_int64_hash, g_int64_equal);
  for (guint i = 0; codes != NULL && i < codes->len; i++)
    {
      ShirabeCode *code = g_ptr_array_index (codes, i);

      g_hash_table_insert (self->code_by_id, &code->id, code);
    }
  /* A code deleted is no longer asked for. */
  for (guint i = self->code_ids->len; i > 0; i--)
    if (find_code (self, g_array_index (self->code_ids, gint64, i - 1)) == NULL)
      g_array_remove_index (self->code_ids, i - 1);
  for (guint i = self->not_ids->len; i > 0; i--)
    if (find_code (self, g_array_index (self->not_ids, gint64, i - 1)) == NULL)
      g_array_remove_index (self->not_ids, i - 1);
  if (codes != NULL)
    {
      shirabe_code_picker_set_codes (self->picker, codes, self->language);
      shirabe_code_picker_set_codes (self->not_picker, codes, self->language);
    }
  shirabe_filter_popover_reload (self->filter_popover);
  update_chips (self);
  /* Labels and colours on the cards: bound again. */
  if (self->list != NULL)
    {
      shirabe_list_view_show_model (self->list_view, &self->selection, G_LIST_MODEL (self->list));
    }
}

void
shirabe_passages_view_set_label_language (ShirabePassagesView  *self,
                                          ShirabeLabelLanguage  language)
{
  g_return_if_fail (SHIRABE_IS_PASSAGES_VIEW (self));

  if (self->language == language)
    return;
  self->language = language;
  shirabe_filter_popover_set_label_language (self->filter_popover, language);
  if (self->codes != NULL)
    {
      g_autoptr(GPtrArray) codes = g_ptr_array_ref (self->codes);

      shirabe_passages_view_set_codes (self, codes);
    }
}

void
shirabe_passages_view_show_code (ShirabePassagesView *self,
                                 gint64               code_id)
{
  g_return_if_fail (SHIRABE_IS_PASSAGES_VIEW (self));

  drop_chart_query (self);
  g_array_set_size (self->code_ids, 0);
  g_array_set_size (self->not_ids, 0);
  g_array_append_val (self->code_ids, code_id);
  run_query (self);
}

void
shirabe_passages_view_show_query (ShirabePassagesView *self,
                                  ShirabePassageQuery *query,
                                  const GArray        *code_ids,
                                  const char          *description)
{
  g_return_if_fail (SHIRABE_IS_PASSAGES_VIEW (self));
  g_return_if_fail (query != NULL);

  g_clear_pointer (&self->chart_query, shirabe_passage_query_unref);
  self->chart_query = shirabe_passage_query_ref (query);
  g_array_set_size (self->code_ids, 0);
  g_array_set_size (self->not_ids, 0);
  if (code_ids != NULL)
    g_array_append_vals (self->code_ids, code_ids->data, code_ids->len);
  gtk_label_set_text (self->chart_label, description);
  gtk_widget_set_visible (self->chart_box, TRUE);
  run_query (self);
}

gboolean
shirabe_passages_view_has_chart_query (ShirabePassagesView *self)
{
  g_return_val_if_fail (SHIRABE_IS_PASSAGES_VIEW (self), FALSE);

  return self->chart_query != NULL;
}

void
shirabe_passages_view_add_code (ShirabePassagesView *self,
                                gint64               code_id)
{
  g_return_if_fail (SHIRABE_IS_PASSAGES_VIEW (self));

  for (guint i = 0; i < self->code_ids->len; i++)
    if (g_array_index (self->code_ids, gint64, i) == code_id)
      return;
  drop_chart_query (self);
  g_array_append_val (self->code_ids, code_id);
  run_query (self);
}

void
shirabe_passages_view_add_not_code (ShirabePassagesView *self,
                                    gint64               code_id)
{
  g_return_if_fail (SHIRABE_IS_PASSAGES_VIEW (self));

  for (guint i = 0; i < self->not_ids->len; i++)
    if (g_array_index (self->not_ids, gint64, i) == code_id)
      return;
  drop_chart_query (self);
  g_array_append_val (self->not_ids, code_id);
  run_query (self);
}

void
shirabe_passages_view_set_near_distance (ShirabePassagesView *self,
                                         guint                distance)
{
  g_return_if_fail (SHIRABE_IS_PASSAGES_VIEW (self));

  g_signal_handlers_block_by_func (self->near_spin, on_near_changed, self);
  gtk_spin_button_set_value (self->near_spin, distance);
  g_signal_handlers_unblock_by_func (self->near_spin, on_near_changed, self);
  g_clear_handle_id (&self->near_timeout, g_source_remove);
  on_query_edited (self);
}

void
shirabe_passages_view_set_mode (ShirabePassagesView *self,
                                ShirabePassagesMode  mode)
{
  g_return_if_fail (SHIRABE_IS_PASSAGES_VIEW (self));

  gtk_drop_down_set_selected (self->mode_dropdown, mode);
}

void
shirabe_passages_view_refresh (ShirabePassagesView *self)
{
  g_autoptr(GError) error = NULL;

  g_return_if_fail (SHIRABE_IS_PASSAGES_VIEW (self));

  g_clear_handle_id (&self->refresh_idle, g_source_remove);
  self->stale = FALSE;
  if (self->list == NULL)
    {
      run_query (self);
      return;
    }
  /* Apart from the list view while it changes: see shirabe_list_view_show_model(). */
  shirabe_list_view_show_model (self->list_view, &self->selection, NULL);
  /* the positions are those of another answer */
  g_hash_table_remove_all (self->opened);
  if (!shirabe_passage_list_refresh (self->list, &error))
    shirabe_widget_show_error (GTK_WIDGET (self), _("The passages cannot be shown"), error);
  shirabe_list_view_show_model (self->list_view, &self->selection, G_LIST_MODEL (self->list));
  update_summary (self);
}

ShirabePassageList *
shirabe_passages_view_get_list (ShirabePassagesView *self)
{
  g_return_val_if_fail (SHIRABE_IS_PASSAGES_VIEW (self), NULL);

  return self->list;
}

const char *
shirabe_passages_view_get_summary (ShirabePassagesView *self)
{
  g_return_val_if_fail (SHIRABE_IS_PASSAGES_VIEW (self), "");

  return self->summary != NULL ? self->summary : "";
}

GtkListView *
shirabe_passages_view_get_list_view (ShirabePassagesView *self)
{
  g_return_val_if_fail (SHIRABE_IS_PASSAGES_VIEW (self), NULL);

  return self->list_view;
}

GtkPopover *
shirabe_passages_view_get_filter_popover (ShirabePassagesView *self)
{
  g_return_val_if_fail (SHIRABE_IS_PASSAGES_VIEW (self), NULL);

  return GTK_POPOVER (self->filter_popover);
}

static void
shirabe_passages_view_dispose (GObject *object)
{
  ShirabePassagesView *self = SHIRABE_PASSAGES_VIEW (object);

  g_clear_handle_id (&self->refresh_idle, g_source_remove);
  g_clear_handle_id (&self->near_timeout, g_source_remove);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  if (self->project != NULL)
    g_signal_handlers_disconnect_by_data (self->project, self);
  g_clear_object (&self->project);
  g_clear_object (&self->list);
  gtk_widget_dispose_template (GTK_WIDGET (self), SHIRABE_TYPE_PASSAGES_VIEW);
  G_OBJECT_CLASS (shirabe_passages_view_parent_class)->dispose (object);
}

static void
shirabe_passages_view_finalize (GObject *object)
{
  ShirabePassagesView *self = SHIRABE_PASSAGES_VIEW (object);

  g_clear_pointer (&self->codes, g_ptr_array_unref);
  g_clear_pointer (&self->code_by_id, g_hash_table_unref);
  g_clear_pointer (&self->coders, g_ptr_array_unref);
  g_clear_pointer (&self->code_ids, g_array_unref);
  g_clear_pointer (&self->not_ids, g_array_unref);
  g_clear_pointer (&self->opened, g_hash_table_unref);
  g_clear_pointer (&self->chart_query, shirabe_passage_query_unref);
  g_clear_object (&self->selection);
  g_free (self->summary);
  G_OBJECT_CLASS (shirabe_passages_view_parent_class)->finalize (object);
}

static void
shirabe_passages_view_class_init (ShirabePassagesViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = shirabe_passages_view_dispose;
  object_class->finalize = shirabe_passages_view_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/shirabe/Shirabe/shirabe-passages-view.ui");
  gtk_widget_class_bind_template_child (widget_class, ShirabePassagesView, chips);
  gtk_widget_class_bind_template_child (widget_class, ShirabePassagesView, add_code_button);
  gtk_widget_class_bind_template_child (widget_class, ShirabePassagesView, not_button);
  gtk_widget_class_bind_template_child (widget_class, ShirabePassagesView, mode_dropdown);
  gtk_widget_class_bind_template_child (widget_class, ShirabePassagesView, near_box);
  gtk_widget_class_bind_template_child (widget_class, ShirabePassagesView, near_before);
  gtk_widget_class_bind_template_child (widget_class, ShirabePassagesView, near_spin);
  gtk_widget_class_bind_template_child (widget_class, ShirabePassagesView, near_after);
  gtk_widget_class_bind_template_child (widget_class, ShirabePassagesView, coder_dropdown);
  gtk_widget_class_bind_template_child (widget_class, ShirabePassagesView, filter_button);
  gtk_widget_class_bind_template_child (widget_class, ShirabePassagesView, summary_label);
  gtk_widget_class_bind_template_child (widget_class, ShirabePassagesView, export_button);
  gtk_widget_class_bind_template_child (widget_class, ShirabePassagesView, content);
  gtk_widget_class_bind_template_child (widget_class, ShirabePassagesView, list_view);
  gtk_widget_class_bind_template_child (widget_class, ShirabePassagesView, chart_box);
  gtk_widget_class_bind_template_child (widget_class, ShirabePassagesView, chart_label);
  gtk_widget_class_bind_template_callback (widget_class, on_activate);
  gtk_widget_class_bind_template_callback (widget_class, on_chart_query_cleared);
  gtk_widget_class_bind_template_callback (widget_class, on_export_clicked);
}

static void
shirabe_passages_view_init (ShirabePassagesView *self)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  gtk_widget_init_template (GTK_WIDGET (self));

  self->language = shirabe_label_language_default ();
  self->code_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->not_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->opened = g_hash_table_new (NULL, NULL);
  self->selection = gtk_no_selection_new (NULL);

  g_signal_connect (factory, "setup", G_CALLBACK (setup_card), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_card), self);
  gtk_list_view_set_factory (self->list_view, factory);
  g_object_unref (factory);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));
  gtk_list_view_set_single_click_activate (self->list_view, TRUE);

  self->picker = shirabe_code_picker_new ();
  shirabe_code_picker_set_can_create (self->picker, FALSE);
  gtk_menu_button_set_popover (self->add_code_button, GTK_WIDGET (self->picker));
  g_signal_connect_object (self->picker, "code-chosen", G_CALLBACK (on_code_chosen), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->picker, "show", G_CALLBACK (on_picker_shown), self,
                           G_CONNECT_SWAPPED);

  self->not_picker = shirabe_code_picker_new ();
  shirabe_code_picker_set_can_create (self->not_picker, FALSE);
  gtk_menu_button_set_popover (self->not_button, GTK_WIDGET (self->not_picker));
  g_signal_connect_object (self->not_picker, "code-chosen", G_CALLBACK (on_not_code_chosen), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->not_picker, "show", G_CALLBACK (on_not_picker_shown), self,
                           G_CONNECT_SWAPPED);

  /* "within [100] characters", the spin button where the language puts the number */
  {
    /* Translators: around the spin button of how near the other codes' codings must be to the
     * first code's ("First code near the others"); %s is where the number goes */
    const char *template = _("within %s characters");
    const char *number = strstr (template, "%s");
    g_autofree char *before = NULL;
    g_autofree char *after = NULL;

    if (number == NULL)
      number = template + strlen (template);
    before = g_strstrip (g_strndup (template, number - template));
    after = g_strstrip (g_strdup (*number != '\0' ? number + 2 : ""));
    gtk_label_set_text (self->near_before, before);
    gtk_widget_set_visible (GTK_WIDGET (self->near_before), *before != '\0');
    gtk_label_set_text (self->near_after, after);
    gtk_widget_set_visible (GTK_WIDGET (self->near_after), *after != '\0');
  }
  g_signal_connect_object (self->near_spin, "value-changed", G_CALLBACK (on_near_changed), self,
                           G_CONNECT_SWAPPED);

  self->filter_popover = shirabe_filter_popover_new ();
  gtk_menu_button_set_popover (self->filter_button, GTK_WIDGET (self->filter_popover));
  g_signal_connect_object (self->filter_popover, "changed", G_CALLBACK (on_query_edited), self,
                           G_CONNECT_SWAPPED);

  g_signal_connect_object (self->mode_dropdown, "notify::selected", G_CALLBACK (on_query_edited),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->coder_dropdown, "notify::selected", G_CALLBACK (on_query_edited),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect (self, "map", G_CALLBACK (on_map), NULL);
  run_query (self);
}
