/* app-test-util.h: what the display tests, the benchmarks and the screenshots share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <string.h>

#include <glib/gstdio.h>
#include <gtk/gtk.h>

/* Removes @path, a folder the test made, with everything in it. */
static inline void
rm_rf (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        rm_rf (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

/* Lets the main loop handle everything pending: signals, idles, the frame. */
static inline void
wait_until_idle (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static inline void
on_test_after_paint (GdkFrameClock *clock,
                     gboolean      *painted)
{
  *painted = TRUE;
}

/* Lets pending work run, then waits until @widget's window has painted a new frame, so that
 * what it shows has been laid out at its size, and lets what the frame started run too. */
static inline void
wait_for_frame (GtkWidget *widget)
{
  GdkFrameClock *clock;
  gboolean painted = FALSE;
  gulong handler;

  wait_until_idle ();
  clock = gtk_widget_get_frame_clock (widget);
  g_assert_nonnull (clock);
  handler = g_signal_connect (clock, "after-paint", G_CALLBACK (on_test_after_paint), &painted);
  gtk_widget_queue_draw (widget);
  while (!painted)
    g_main_context_iteration (NULL, TRUE);
  g_signal_handler_disconnect (clock, handler);
  wait_until_idle ();
}

/* The first label shown under @widget, @widget included, whose text is @text. */
static inline GtkWidget *
find_label (GtkWidget  *widget,
            const char *text)
{
  if (GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0 &&
      gtk_widget_get_mapped (widget))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_label (child, text);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The first widget of @type in @widget's tree, @widget included, depth first. */
static inline GtkWidget *
find_widget (GtkWidget *widget,
             GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The first widget of @type in @widget's tree whose tooltip is @tooltip, depth first. */
static inline GtkWidget *
find_widget_with_tooltip (GtkWidget  *widget,
                          GType       type,
                          const char *tooltip)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type) &&
      g_strcmp0 (gtk_widget_get_tooltip_text (widget), tooltip) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget_with_tooltip (child, type, tooltip);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* @text without the word joiners (U+2060) that keep Japanese phrases whole on a line
 * (build-aux/phrase-po): what a reader of the screen sees. Returns: (transfer full) */
static inline char *
dup_without_word_joiners (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; p != NULL && *p != '\0'; p = g_utf8_next_char (p))
    if (g_utf8_get_char (p) != 0x2060)
      g_string_append_unichar (out, g_utf8_get_char (p));
  return g_string_free (out, FALSE);
}

static inline void
collect_mnemonics (GtkWidget *widget,
                   GString   *seen,
                   GString   *clashes)
{
  if (!gtk_widget_get_mapped (widget))
    return;
  if (GTK_IS_LABEL (widget))
    {
      guint keyval = gtk_label_get_mnemonic_keyval (GTK_LABEL (widget));

      /* AdwMessageDialog lays its buttons out twice (in a row, and in a column for narrow
       * dialogs): the same label with the same key is one. */
      if (keyval != GDK_KEY_VoidSymbol && gdk_keyval_to_unicode (keyval) != 0)
        {
          g_autofree char *key = g_strdup_printf ("[%u]", gdk_keyval_to_lower (keyval));
          g_autofree char *entry = g_strdup_printf ("[%u]%s\n", gdk_keyval_to_lower (keyval),
                                                    gtk_label_get_label (GTK_LABEL (widget)));

          if (strstr (seen->str, entry) != NULL)
            ;
          else
            {
              if (strstr (seen->str, key) != NULL)
                g_string_append_printf (clashes, " “%s” (%s, also “%s”)",
                                        gtk_label_get_label (GTK_LABEL (widget)),
                                        gdk_keyval_name (gdk_keyval_to_lower (keyval)),
                                        strstr (seen->str, key) + strlen (key));
              g_string_append (seen, entry);
            }
        }
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_mnemonics (child, seen, clashes);
}

/* No two mnemonics shown in @window (a dialog or a chooser) are the same key: Alt+C would
 * otherwise press whichever came first. */
static inline void
assert_unique_mnemonics (GtkWidget *window)
{
  g_autoptr(GString) seen = g_string_new (NULL);
  g_autoptr(GString) clashes = g_string_new (NULL);

  collect_mnemonics (window, seen, clashes);
  if (clashes->len > 0)
    g_error ("“%s” shares mnemonics:%s", gtk_window_get_title (GTK_WINDOW (window)) != NULL
                                          ? gtk_window_get_title (GTK_WINDOW (window)) : "?",
             clashes->str);
}

/* The window mapped over @main_window: the dialog or chooser it opened, or NULL. */
static inline GtkWidget *
find_open_window (gpointer main_window)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) window = g_list_model_get_item (toplevels, i);

      if (window != main_window && gtk_widget_get_mapped (window))
        return window;
    }
  return NULL;
}
