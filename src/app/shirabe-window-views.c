/* shirabe-window-views.c: the reader, the passages and the corpus search, and the ways
 * between them
 *
 * The middle of the window shows one of five views: the reader (Alt+1), the passages coded
 * with chosen codes (Alt+2, or "Show Passages" in the codebook), the search over every
 * narrative (Alt+3, Ctrl+Shift+F), the coders' agreement (Alt+4) and the charts (Alt+5); the
 * reader's page also shows the narrative beside its translation (Alt+6,
 * reader/shirabe-parallel-view.c). A
 * passage or a hit opens in the reader, selected, and the header bar's back button (Alt+Left)
 * returns to the list, scrolled where it was. A chart's cell opens its passages, and the back
 * button returns to the chart.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "shirabe-i18n.h"

#include "shirabe-window-private.h"
#include "shirabe-window-views.h"

/* Where the back button returns to; "" when it is hidden. */
static const char *
get_return_view (ShirabeWindow *self)
{
  const char *view = g_object_get_data (G_OBJECT (self), "shirabe-return-view");

  return view != NULL ? view : "";
}

static void
set_return_view (ShirabeWindow *self,
                 const char    *view)
{
  GtkWidget *back = shirabe_window_get_back_button (self);

  g_object_set_data_full (G_OBJECT (self), "shirabe-return-view", g_strdup (view), g_free);
  gtk_widget_set_visible (back, view != NULL && *view != '\0');
  if (g_strcmp0 (view, "passages") == 0)
    gtk_widget_set_tooltip_text (back, _("Back to the Passages"));
  else if (g_strcmp0 (view, "search") == 0)
    gtk_widget_set_tooltip_text (back, _("Back to the Search"));
  else if (g_strcmp0 (view, "charts") == 0)
    gtk_widget_set_tooltip_text (back, _("Back to the Chart"));
}

/* "side-by-side" is the reader's page with the narrative beside its translation: a sixth tab
 * would not fit the switcher beside the codebook. */
static void
show_view (ShirabeWindow *self,
           const char    *name)
{
  gboolean beside = g_strcmp0 (name, "side-by-side") == 0;

  if (beside || g_strcmp0 (name, "reader") == 0)
    gtk_stack_set_visible_child_name (shirabe_window_get_reader_stack (self),
                                      beside ? "side-by-side" : "single");
  adw_view_stack_set_visible_child_name (shirabe_window_get_center_stack (self),
                                         beside ? "reader" : name);
}

void
shirabe_window_views_reset (ShirabeWindow *self)
{
  set_return_view (self, NULL);
  show_view (self, "reader");
}

/* Going to a view by hand ends the way back, except to the view one came from. */
static void
on_visible_child_changed (ShirabeWindow *self)
{
  const char *name =
    adw_view_stack_get_visible_child_name (shirabe_window_get_center_stack (self));

  if (g_strcmp0 (name, "reader") != 0 &&
      !(g_strcmp0 (name, "passages") == 0 &&
        g_strcmp0 (get_return_view (self), "charts") == 0))
    set_return_view (self, NULL);
}

/* A chart's cell: its passages, with the way back to the chart. */
static void
on_chart_cell_activated (ShirabeWindow *self,
                         ShirabeChart  *chart,
                         guint          row,
                         guint          column)
{
  ShirabePassagesView *passages = shirabe_window_get_passages_view (self);
  g_autoptr (ShirabePassageQuery) query = shirabe_chart_dup_query (chart, row, column);
  g_autoptr (GArray) code_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  ShirabeLabelLanguage language;
  g_autofree char *nick = NULL;
  g_autofree char *cell = NULL;
  g_autofree char *description = NULL;

  g_object_get (self, "label-language", &nick, NULL);
  language = shirabe_label_language_from_nick (nick);
  switch (shirabe_chart_get_kind (chart))
    {
    case SHIRABE_CHART_FREQUENCIES:
      g_array_append_val (code_ids, shirabe_chart_get_row (chart, row)->id);
      break;
    case SHIRABE_CHART_COOCCURRENCE:
      g_array_append_val (code_ids, shirabe_chart_get_row (chart, row)->id);
      if (shirabe_chart_get_column (chart, column)->id != shirabe_chart_get_row (chart, row)->id)
        g_array_append_val (code_ids, shirabe_chart_get_column (chart, column)->id);
      break;
    case SHIRABE_CHART_MATRIX:
    default:
      g_array_append_val (code_ids, shirabe_chart_get_column (chart, column)->id);
      break;
    }
  cell = shirabe_chart_dup_cell_text (chart, row, column,
                                      language == SHIRABE_LABEL_LANGUAGE_EN
                                      ? SHIRABE_LANGUAGE_EN : SHIRABE_LANGUAGE_JA);
  /* Translators: over the passages of a chart's cell: what the cell counted */
  description = g_strdup_printf (_("From the chart: %s"), cell);
  shirabe_passages_view_show_query (passages, query, code_ids, description);
  set_return_view (self, "charts");
  show_view (self, "passages");
  gtk_widget_grab_focus (GTK_WIDGET (shirabe_passages_view_get_list_view (passages)));
}

static void
show_view_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  ShirabeWindow *self = SHIRABE_WINDOW (widget);
  const char *name = g_variant_get_string (parameter, NULL);

  if (shirabe_window_get_project (self) == NULL)
    return;
  show_view (self, name);
  if (g_strcmp0 (name, "search") == 0)
    shirabe_corpus_search_focus (shirabe_window_get_corpus_search (self));
  else if (g_strcmp0 (name, "passages") == 0)
    gtk_widget_grab_focus (GTK_WIDGET (shirabe_window_get_passages_view (self)));
}

static void
show_passages_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  ShirabeWindow *self = SHIRABE_WINDOW (widget);

  if (shirabe_window_get_project (self) == NULL)
    return;
  shirabe_passages_view_show_code (shirabe_window_get_passages_view (self),
                                   g_variant_get_int64 (parameter));
  show_view (self, "passages");
}

/* Ctrl+Shift+F: a short selection in the reader is what is looked for. */
static void
search_corpus_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  ShirabeWindow *self = SHIRABE_WINDOW (widget);
  ShirabeReader *reader = shirabe_window_get_reader (self);
  ShirabeCorpusSearch *search = shirabe_window_get_corpus_search (self);
  const char *visible =
    adw_view_stack_get_visible_child_name (shirabe_window_get_center_stack (self));
  gint64 start;
  gint64 end;

  if (shirabe_window_get_project (self) == NULL)
    return;
  if (g_strcmp0 (visible, "reader") == 0 &&
      shirabe_reader_get_selection (reader, &start, &end) && end - start <= 40)
    {
      GtkTextBuffer *buffer = shirabe_reader_get_buffer (reader);
      GtkTextIter from;
      GtkTextIter to;
      g_autofree char *text = NULL;

      gtk_text_buffer_get_iter_at_offset (buffer, &from, (int) start);
      gtk_text_buffer_get_iter_at_offset (buffer, &to, (int) end);
      text = gtk_text_buffer_get_text (buffer, &from, &to, FALSE);
      if (strchr (text, '\n') == NULL)
        {
          /* A selection is looked for as written: a phrase, its quotes doubled away. */
          g_autofree char *phrase = NULL;
          g_auto(GStrv) parts = g_strsplit (text, "\"", -1);
          g_autofree char *joined = g_strjoinv (" ", parts);

          phrase = strpbrk (joined, " \t") != NULL ? g_strdup_printf ("\"%s\"", joined)
                                                   : g_strdup (joined);
          shirabe_corpus_search_search (search, phrase);
        }
    }
  show_view (self, "search");
  shirabe_corpus_search_focus (search);
}

/* A passage or a hit, opened in the reader at its place, selected. */
static void
open_passage_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  ShirabeWindow *self = SHIRABE_WINDOW (widget);
  ShirabeSidebar *sidebar = shirabe_window_get_sidebar (self);
  ShirabeReader *reader = shirabe_window_get_reader (self);
  g_autofree char *from = g_strdup (adw_view_stack_get_visible_child_name (
                                      shirabe_window_get_center_stack (self)));
  gint64 narrative_id;
  gint64 start;
  gint64 end;

  g_variant_get (parameter, "(xxx)", &narrative_id, &start, &end);
  if (!shirabe_sidebar_select_narrative (sidebar, narrative_id))
    {
      /* The sidebar's filters hide it: they give way to what was asked for. */
      shirabe_sidebar_set_filter (sidebar, "");
      shirabe_sidebar_set_status_filter (sidebar, SHIRABE_NARRATIVE_LIST_ANY_STATUS);
      shirabe_sidebar_clear_query_filter (sidebar);
      if (!shirabe_sidebar_select_narrative (sidebar, narrative_id))
        {
          gtk_widget_error_bell (widget);
          return;
        }
    }
  if (shirabe_reader_get_narrative_id (reader) != narrative_id)
    return;
  show_view (self, "reader");
  set_return_view (self, g_strcmp0 (from, "reader") != 0 ? from : NULL);
  shirabe_reader_show_passage (reader, start, end);
}

static void
go_back_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  ShirabeWindow *self = SHIRABE_WINDOW (widget);
  g_autofree char *view = g_strdup (get_return_view (self));

  if (*view == '\0')
    return;
  show_view (self, view);
  set_return_view (self, NULL);
  if (g_strcmp0 (view, "passages") == 0)
    gtk_widget_grab_focus (GTK_WIDGET (shirabe_passages_view_get_list_view (
                             shirabe_window_get_passages_view (self))));
  else if (g_strcmp0 (view, "charts") == 0)
    gtk_widget_grab_focus (GTK_WIDGET (shirabe_charts_view_get_area (
                             shirabe_window_get_charts_view (self))));
  else
    gtk_widget_grab_focus (GTK_WIDGET (shirabe_corpus_search_get_list_view (
                             shirabe_window_get_corpus_search (self))));
}

void
shirabe_window_views_init (ShirabeWindow *self)
{
  g_signal_connect_object (shirabe_window_get_center_stack (self), "notify::visible-child",
                           G_CALLBACK (on_visible_child_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (shirabe_window_get_charts_view (self), "cell-activated",
                           G_CALLBACK (on_chart_cell_activated), self, G_CONNECT_SWAPPED);
}

void
shirabe_window_views_install (GtkWidgetClass *widget_class)
{
  const char *views[] = { "reader", "passages", "search", "agreement", "charts",
                          "side-by-side" };

  gtk_widget_class_install_action (widget_class, "win.show-view", "s", show_view_action);
  gtk_widget_class_install_action (widget_class, "win.show-passages", "x",
                                   show_passages_action);
  gtk_widget_class_install_action (widget_class, "win.search-corpus", NULL,
                                   search_corpus_action);
  gtk_widget_class_install_action (widget_class, "win.open-passage", "(xxx)",
                                   open_passage_action);
  gtk_widget_class_install_action (widget_class, "win.go-back", NULL, go_back_action);
  for (guint i = 0; i < G_N_ELEMENTS (views); i++)
    gtk_widget_class_add_binding_action (widget_class, GDK_KEY_1 + i, GDK_ALT_MASK,
                                         "win.show-view", "s", views[i]);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f,
                                       GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.search-corpus",
                                       NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F,
                                       GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.search-corpus",
                                       NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK, "win.go-back",
                                       NULL);
}
