/* shirabe-first-rows.c: a long list's first rows before the window's first frame, the rest after;
 * a stack's shown page only before it, every page after
 *
 * A GtkListView keeps up to 200 rows alive around its anchor whatever its height
 * (GTK_LIST_VIEW_MAX_LIST_ITEMS), and builds and measures them all before it paints. For the
 * sidebar of a study of 10,000 narratives, or a codebook of 300 codes, that is most of the time
 * an opening takes. A limited list shows only as many of its model's first rows as the tallest
 * screen can show (shirabe_first_rows_for_display()), until @list_view has painted once; then,
 * in the next turn of the main loop, all of them. Anything that selects or scrolls to a row by
 * position calls shirabe_first_rows_show_all() first, so a row past the first ones is never out
 * of reach.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <adwaita.h>

#include "shirabe-first-rows.h"

typedef struct
{
  GtkSliceListModel *rows;        /* not owned: the state lives on it */
  GWeakRef           list_view;
  GdkFrameClock     *clock;
  gulong             map_handler;
  gulong             paint_handler;
  guint              idle;
} Limit;

static void
limit_disarm (Limit *limit)
{
  g_autoptr(GtkWidget) list_view = g_weak_ref_get (&limit->list_view);

  /* A disposed widget or frame clock has dropped its handlers already. */
  if (limit->map_handler != 0 && list_view != NULL &&
      g_signal_handler_is_connected (list_view, limit->map_handler))
    g_signal_handler_disconnect (list_view, limit->map_handler);
  limit->map_handler = 0;
  if (limit->paint_handler != 0 &&
      g_signal_handler_is_connected (limit->clock, limit->paint_handler))
    g_signal_handler_disconnect (limit->clock, limit->paint_handler);
  limit->paint_handler = 0;
  g_clear_object (&limit->clock);
  g_clear_handle_id (&limit->idle, g_source_remove);
}

static void
limit_free (gpointer data)
{
  Limit *limit = data;

  limit_disarm (limit);
  g_weak_ref_clear (&limit->list_view);
  g_free (limit);
}

static gboolean
on_idle (gpointer data)
{
  Limit *limit = data;

  limit->idle = 0;
  shirabe_first_rows_show_all (limit->rows);
  return G_SOURCE_REMOVE;
}

/* Painted: the rest of the rows come in the main loop's next turn, not in this frame. */
static void
on_after_paint (GdkFrameClock *clock,
                Limit         *limit)
{
  g_signal_handler_disconnect (limit->clock, limit->paint_handler);
  limit->paint_handler = 0;
  g_clear_object (&limit->clock);
  if (limit->idle == 0)
    limit->idle = g_idle_add (on_idle, limit);
}

static void
wait_for_paint (GtkWidget *list_view,
                Limit     *limit)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (list_view);

  if (limit->map_handler != 0)
    g_signal_handler_disconnect (list_view, limit->map_handler);
  limit->map_handler = 0;
  if (clock == NULL || limit->paint_handler != 0)
    return;
  limit->clock = g_object_ref (clock);
  limit->paint_handler = g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint),
                                           limit);
  gtk_widget_queue_draw (list_view);
}

/* How many rows a limited list shows on @display: as many as fit on its tallest screen, rows
 * being at least SHIRABE_FIRST_ROWS_MIN_HEIGHT pixels high. Each row costs about a millisecond
 * before the first frame (built, styled, measured, drawn): a fixed 64 cost 30 ms more than the
 * 23 a screen 800 pixels high can show. */
guint
shirabe_first_rows_for_display (GdkDisplay *display)
{
  GListModel *monitors;
  int height = 0;

  g_return_val_if_fail (display == NULL || GDK_IS_DISPLAY (display), SHIRABE_FIRST_ROWS);

  if (display == NULL)
    return SHIRABE_FIRST_ROWS;
  monitors = gdk_display_get_monitors (display);
  for (guint i = 0; i < g_list_model_get_n_items (monitors); i++)
    {
      g_autoptr(GdkMonitor) monitor = g_list_model_get_item (monitors, i);
      GdkRectangle geometry;

      gdk_monitor_get_geometry (monitor, &geometry);
      height = MAX (height, geometry.height);
    }
  /* No screen known yet: rows enough for a tall one. */
  if (height <= 0)
    return SHIRABE_FIRST_ROWS;
  return (height + SHIRABE_FIRST_ROWS_MIN_HEIGHT - 1) / SHIRABE_FIRST_ROWS_MIN_HEIGHT;
}

/* All of @model's rows, until shirabe_first_rows_limit(). */
GtkSliceListModel *
shirabe_first_rows_new (GListModel *model)
{
  g_return_val_if_fail (model == NULL || G_IS_LIST_MODEL (model), NULL);

  return gtk_slice_list_model_new (model != NULL ? g_object_ref (model) : NULL, 0, G_MAXUINT);
}

/* Shows @rows' first rows, as many as a screen shows, until @list_view has painted, then all. */
void
shirabe_first_rows_limit (GtkSliceListModel *rows,
                          GtkWidget         *list_view)
{
  Limit *limit;
  guint n_rows;

  g_return_if_fail (GTK_IS_SLICE_LIST_MODEL (rows));
  g_return_if_fail (GTK_IS_WIDGET (list_view));

  limit = g_new0 (Limit, 1);
  limit->rows = rows;
  g_weak_ref_init (&limit->list_view, list_view);
  g_object_set_data_full (G_OBJECT (rows), "shirabe-first-rows", limit, limit_free);
  n_rows = shirabe_first_rows_for_display (gtk_widget_get_display (list_view));
  gtk_slice_list_model_set_size (rows, n_rows);
  if (gtk_widget_get_mapped (list_view))
    wait_for_paint (list_view, limit);
  else
    limit->map_handler = g_signal_connect (list_view, "map", G_CALLBACK (wait_for_paint), limit);
}

void
shirabe_first_rows_show_all (GtkSliceListModel *rows)
{
  g_return_if_fail (GTK_IS_SLICE_LIST_MODEL (rows));

  if (g_object_get_data (G_OBJECT (rows), "shirabe-first-rows") == NULL)
    return;
  /* Frees the limit, which lets go of the list view and the frame clock. */
  g_object_set_data (G_OBJECT (rows), "shirabe-first-rows", NULL);
  gtk_slice_list_model_set_size (rows, G_MAXUINT);
}

/* Stacks */

typedef struct
{
  gboolean       hhomogeneous;
  gboolean       vhomogeneous;
  GdkFrameClock *clock;
  gulong         paint_handler;
} Pages;

static void
pages_free (gpointer data)
{
  Pages *pages = data;

  if (pages->paint_handler != 0 &&
      g_signal_handler_is_connected (pages->clock, pages->paint_handler))
    g_signal_handler_disconnect (pages->clock, pages->paint_handler);
  g_clear_object (&pages->clock);
  g_free (pages);
}

static void
set_stack_homogeneous (GtkWidget *stack,
                       gboolean   hhomogeneous,
                       gboolean   vhomogeneous)
{
  if (ADW_IS_VIEW_STACK (stack))
    {
      adw_view_stack_set_hhomogeneous (ADW_VIEW_STACK (stack), hhomogeneous);
      adw_view_stack_set_vhomogeneous (ADW_VIEW_STACK (stack), vhomogeneous);
    }
  else
    {
      gtk_stack_set_hhomogeneous (GTK_STACK (stack), hhomogeneous);
      gtk_stack_set_vhomogeneous (GTK_STACK (stack), vhomogeneous);
    }
}

static void
on_stack_painted (GdkFrameClock *clock,
                  GtkWidget     *stack)
{
  Pages *pages = g_object_steal_data (G_OBJECT (stack), "shirabe-shown-page-only");

  if (pages == NULL)
    return;
  set_stack_homogeneous (stack, pages->hhomogeneous, pages->vhomogeneous);
  pages_free (pages);
}

static void
on_stack_mapped (GtkWidget *stack)
{
  Pages *pages = g_object_get_data (G_OBJECT (stack), "shirabe-shown-page-only");
  GdkFrameClock *clock = gtk_widget_get_frame_clock (stack);

  g_signal_handlers_disconnect_by_func (stack, on_stack_mapped, NULL);
  if (pages == NULL || clock == NULL || pages->paint_handler != 0)
    return;
  pages->clock = g_object_ref (clock);
  pages->paint_handler = g_signal_connect_object (clock, "after-paint",
                                                  G_CALLBACK (on_stack_painted), stack, 0);
}

/* A stack as large as its largest page (a GtkStack's or AdwViewStack's default) measures every
 * page, shown or not: a status page for an empty list, a whole view. Until @stack has painted
 * once it measures the page shown only; then all of them again, as it did, so that nothing
 * moves when another page is shown. Call it before @stack is mapped, on a stack whose pages
 * are no larger than the window's first layout gives it (the first frame is then the same). */
void
shirabe_first_rows_shown_page_only (GtkWidget *stack)
{
  Pages *pages;

  g_return_if_fail (GTK_IS_STACK (stack) || ADW_IS_VIEW_STACK (stack));
  g_return_if_fail (!gtk_widget_get_mapped (stack));

  if (g_object_get_data (G_OBJECT (stack), "shirabe-shown-page-only") != NULL)
    return;
  pages = g_new0 (Pages, 1);
  if (ADW_IS_VIEW_STACK (stack))
    {
      pages->hhomogeneous = adw_view_stack_get_hhomogeneous (ADW_VIEW_STACK (stack));
      pages->vhomogeneous = adw_view_stack_get_vhomogeneous (ADW_VIEW_STACK (stack));
    }
  else
    {
      pages->hhomogeneous = gtk_stack_get_hhomogeneous (GTK_STACK (stack));
      pages->vhomogeneous = gtk_stack_get_vhomogeneous (GTK_STACK (stack));
    }
  g_object_set_data_full (G_OBJECT (stack), "shirabe-shown-page-only", pages, pages_free);
  set_stack_homogeneous (stack, FALSE, FALSE);
  g_signal_connect (stack, "map", G_CALLBACK (on_stack_mapped), NULL);
}
