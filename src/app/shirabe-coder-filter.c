/* shirabe-coder-filter.c: whose codings the reader shows
 *
 * All coders, only mine, or coders chosen one by one, as actions in a "coders" group so that
 * the reader's menu button, a shortcut and a test switch the same thing. A coder's copy made
 * blind (shirabe-cli copy-for-coder --blind) shows only its coder's codings and the choice is
 * locked: the copy holds no one else's codings anyway, and the menu must not suggest it might.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "shirabe-i18n.h"

#include <string.h>

#include "shirabe-coder-filter.h"

struct _ShirabeCoderFilter
{
  GObject             parent_instance;

  ShirabeProject     *project;
  char               *own_name;
  gint64              own_id;
  gboolean            blind;
  ShirabeCodersShown  shown;
  GHashTable         *chosen;    /* coder ids not shown in CHOSEN mode are absent */
  GArray             *coder_ids; /* of the menu's items */
  GSimpleActionGroup *actions;
  GMenu              *menu;
  GMenu              *coder_section;
};

G_DEFINE_FINAL_TYPE (ShirabeCoderFilter, shirabe_coder_filter, G_TYPE_OBJECT)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const char *shown_names[] = { "all", "mine", "chosen" };

static void
emit_changed (ShirabeCoderFilter *self)
{
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
sync_actions (ShirabeCoderFilter *self)
{
  GAction *show = g_action_map_lookup_action (G_ACTION_MAP (self->actions), "show");

  g_simple_action_set_state (G_SIMPLE_ACTION (show),
                             g_variant_new_string (shown_names[self->shown]));
  g_simple_action_set_enabled (G_SIMPLE_ACTION (show), !self->blind);
  for (guint i = 0; i < self->coder_ids->len; i++)
    {
      gint64 id = g_array_index (self->coder_ids, gint64, i);
      g_autofree char *name = g_strdup_printf ("coder-%" G_GINT64_FORMAT, id);
      GAction *action = g_action_map_lookup_action (G_ACTION_MAP (self->actions), name);

      if (action == NULL)
        continue;
      g_simple_action_set_state (G_SIMPLE_ACTION (action),
                                 g_variant_new_boolean (shirabe_coder_filter_shows (self, id)));
      g_simple_action_set_enabled (G_SIMPLE_ACTION (action), !self->blind);
    }
}

static void
on_show (GSimpleAction *action,
         GVariant      *parameter,
         gpointer       user_data)
{
  ShirabeCoderFilter *self = user_data;
  const char *name = g_variant_get_string (parameter, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (shown_names); i++)
    if (g_strcmp0 (name, shown_names[i]) == 0)
      shirabe_coder_filter_set_shown (self, i);
}

/* Ticking a coder chooses coders one by one, starting from those shown now. */
static void
on_coder (GSimpleAction *action,
          GVariant      *parameter,
          gpointer       user_data)
{
  ShirabeCoderFilter *self = user_data;
  gint64 id = g_ascii_strtoll (g_action_get_name (G_ACTION (action)) + strlen ("coder-"), NULL,
                               10);
  gboolean shown = shirabe_coder_filter_shows (self, id);

  if (self->blind)
    return;
  if (self->shown != SHIRABE_CODERS_CHOSEN)
    {
      g_hash_table_remove_all (self->chosen);
      for (guint i = 0; i < self->coder_ids->len; i++)
        {
          gint64 other = g_array_index (self->coder_ids, gint64, i);

          if (shirabe_coder_filter_shows (self, other))
            g_hash_table_add (self->chosen, g_memdup2 (&other, sizeof other));
        }
      self->shown = SHIRABE_CODERS_CHOSEN;
    }
  shirabe_coder_filter_set_chosen (self, id, !shown);
}

static void
rebuild (ShirabeCoderFilter *self)
{
  g_autoptr(GPtrArray) coders = NULL;

  for (guint i = 0; i < self->coder_ids->len; i++)
    {
      g_autofree char *name = g_strdup_printf ("coder-%" G_GINT64_FORMAT,
                                               g_array_index (self->coder_ids, gint64, i));

      g_action_map_remove_action (G_ACTION_MAP (self->actions), name);
    }
  g_array_set_size (self->coder_ids, 0);
  g_menu_remove_all (self->coder_section);
  self->own_id = 0;
  self->blind = FALSE;
  if (self->project == NULL)
    return;

  coders = shirabe_project_list_coders_uncounted (self->project, NULL);
  for (guint i = 0; coders != NULL && i < coders->len; i++)
    {
      ShirabeCoder *coder = coders->pdata[i];
      g_autofree char *name = g_strdup_printf ("coder-%" G_GINT64_FORMAT, coder->id);
      g_autofree char *detailed = g_strdup_printf ("coders.%s", name);
      g_autoptr(GSimpleAction) action =
        g_simple_action_new_stateful (name, NULL, g_variant_new_boolean (TRUE));

      g_signal_connect (action, "activate", G_CALLBACK (on_coder), self);
      g_action_map_add_action (G_ACTION_MAP (self->actions), G_ACTION (action));
      g_menu_append (self->coder_section, coder->name, detailed);
      g_array_append_val (self->coder_ids, coder->id);
      if (g_strcmp0 (coder->name, self->own_name) == 0)
        self->own_id = coder->id;
    }
  if (shirabe_project_get_blind (self->project))
    {
      self->blind = TRUE;
      self->own_id = shirabe_project_get_copy_coder (self->project);
      self->shown = SHIRABE_CODERS_MINE;
    }
}

/* A merge or a first coding by a new name adds a coder; a rename renames a menu item. Edits
 * that leave the coders alone (every coding) read nothing. */
static void
on_project_changed (ShirabeCoderFilter *self,
                    ShirabeChanges     *changes)
{
  if (!shirabe_changes_touches (changes, SHIRABE_TABLE_CODER))
    return;
  rebuild (self);
  sync_actions (self);
  emit_changed (self);
}

void
shirabe_coder_filter_set_project (ShirabeCoderFilter *self,
                                  ShirabeProject     *project)
{
  g_return_if_fail (SHIRABE_IS_CODER_FILTER (self));

  if (self->project != NULL)
    g_signal_handlers_disconnect_by_data (self->project, self);
  g_set_object (&self->project, project);
  self->shown = SHIRABE_CODERS_ALL;
  g_hash_table_remove_all (self->chosen);
  if (project != NULL)
    g_signal_connect_object (project, "changed", G_CALLBACK (on_project_changed), self,
                             G_CONNECT_SWAPPED);
  rebuild (self);
  sync_actions (self);
  emit_changed (self);
}

void
shirabe_coder_filter_set_own_coder (ShirabeCoderFilter *self,
                                    const char         *name)
{
  g_return_if_fail (SHIRABE_IS_CODER_FILTER (self));

  if (g_strcmp0 (self->own_name, name) == 0)
    return;
  g_free (self->own_name);
  self->own_name = g_strdup (name);
  rebuild (self);
  sync_actions (self);
  if (self->shown == SHIRABE_CODERS_MINE)
    emit_changed (self);
}

void
shirabe_coder_filter_set_shown (ShirabeCoderFilter *self,
                                ShirabeCodersShown  shown)
{
  g_return_if_fail (SHIRABE_IS_CODER_FILTER (self));

  if (self->blind || self->shown == shown)
    return;
  if (shown == SHIRABE_CODERS_CHOSEN && g_hash_table_size (self->chosen) == 0)
    for (guint i = 0; i < self->coder_ids->len; i++)
      g_hash_table_add (self->chosen, g_memdup2 (&g_array_index (self->coder_ids, gint64, i),
                                                 sizeof (gint64)));
  self->shown = shown;
  sync_actions (self);
  emit_changed (self);
}

ShirabeCodersShown
shirabe_coder_filter_get_shown (ShirabeCoderFilter *self)
{
  return self->shown;
}

void
shirabe_coder_filter_set_chosen (ShirabeCoderFilter *self,
                                 gint64              coder_id,
                                 gboolean            chosen)
{
  g_return_if_fail (SHIRABE_IS_CODER_FILTER (self));

  if (self->blind)
    return;
  if (chosen)
    g_hash_table_add (self->chosen, g_memdup2 (&coder_id, sizeof coder_id));
  else
    g_hash_table_remove (self->chosen, &coder_id);
  self->shown = SHIRABE_CODERS_CHOSEN;
  sync_actions (self);
  emit_changed (self);
}

gboolean
shirabe_coder_filter_shows (ShirabeCoderFilter *self,
                            gint64              coder_id)
{
  switch (self->shown)
    {
    case SHIRABE_CODERS_MINE:
      return coder_id == self->own_id;
    case SHIRABE_CODERS_CHOSEN:
      return g_hash_table_contains (self->chosen, &coder_id);
    case SHIRABE_CODERS_ALL:
    default:
      return TRUE;
    }
}

gboolean
shirabe_coder_filter_get_blind (ShirabeCoderFilter *self)
{
  return self->blind;
}

GActionGroup *
shirabe_coder_filter_get_actions (ShirabeCoderFilter *self)
{
  return G_ACTION_GROUP (self->actions);
}

GMenuModel *
shirabe_coder_filter_get_menu (ShirabeCoderFilter *self)
{
  return G_MENU_MODEL (self->menu);
}

static void
shirabe_coder_filter_dispose (GObject *object)
{
  ShirabeCoderFilter *self = SHIRABE_CODER_FILTER (object);

  if (self->project != NULL)
    g_signal_handlers_disconnect_by_data (self->project, self);
  g_clear_object (&self->project);
  G_OBJECT_CLASS (shirabe_coder_filter_parent_class)->dispose (object);
}

static void
shirabe_coder_filter_finalize (GObject *object)
{
  ShirabeCoderFilter *self = SHIRABE_CODER_FILTER (object);

  g_free (self->own_name);
  g_hash_table_unref (self->chosen);
  g_array_unref (self->coder_ids);
  g_object_unref (self->actions);
  g_object_unref (self->menu);
  g_object_unref (self->coder_section);
  G_OBJECT_CLASS (shirabe_coder_filter_parent_class)->finalize (object);
}

static void
shirabe_coder_filter_class_init (ShirabeCoderFilterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = shirabe_coder_filter_dispose;
  object_class->finalize = shirabe_coder_filter_finalize;
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                   NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
shirabe_coder_filter_init (ShirabeCoderFilter *self)
{
  g_autoptr(GSimpleAction) show = NULL;
  g_autoptr(GMenu) modes = g_menu_new ();

  self->chosen = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->coder_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->actions = g_simple_action_group_new ();
  show = g_simple_action_new_stateful ("show", G_VARIANT_TYPE_STRING,
                                       g_variant_new_string ("all"));
  g_signal_connect (show, "activate", G_CALLBACK (on_show), self);
  g_action_map_add_action (G_ACTION_MAP (self->actions), G_ACTION (show));

  self->menu = g_menu_new ();
  g_menu_append (modes, _("_All Coders"), "coders.show::all");
  g_menu_append (modes, _("Only _Mine"), "coders.show::mine");
  g_menu_append_section (self->menu, _("Show Codings Of"), G_MENU_MODEL (modes));
  self->coder_section = g_menu_new ();
  g_menu_append_section (self->menu, _("Coders"), G_MENU_MODEL (self->coder_section));
}

ShirabeCoderFilter *
shirabe_coder_filter_new (void)
{
  return g_object_new (SHIRABE_TYPE_CODER_FILTER, NULL);
}
