/* shirabe-history.c: the undo and redo stacks of a project
 *
 * Each step is an SQLite session changeset: the exact rows an edit inserted, changed or
 * deleted, cascades included. Undo applies its inverse; redo applies it again.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <sqlite3.h>

#include "shirabe-history-private.h"

/* Steps kept; an edit past the limit forgets the oldest. */
#define MAX_STEPS 1000

typedef struct
{
  char *label;
  char *merge_key;  /* a later step of the same key joins this one */
  int   n_changeset;
  void *changeset;
} Step;

struct _ShirabeHistory
{
  GObject  parent_instance;
  GQueue   undo;  /* of Step*, newest at the head */
  GQueue   redo;  /* of Step*, next to redo at the head */
};

G_DEFINE_FINAL_TYPE (ShirabeHistory, shirabe_history, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_CAN_UNDO,
  PROP_CAN_REDO,
  PROP_UNDO_LABEL,
  PROP_REDO_LABEL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
step_free (gpointer data)
{
  Step *step = data;

  g_free (step->label);
  g_free (step->merge_key);
  sqlite3_free (step->changeset);
  g_free (step);
}

static void
notify_all (ShirabeHistory *self)
{
  for (guint i = PROP_CAN_UNDO; i < N_PROPS; i++)
    g_object_notify_by_pspec (G_OBJECT (self), properties[i]);
}

static void
shirabe_history_finalize (GObject *object)
{
  ShirabeHistory *self = SHIRABE_HISTORY (object);

  g_queue_clear_full (&self->undo, step_free);
  g_queue_clear_full (&self->redo, step_free);

  G_OBJECT_CLASS (shirabe_history_parent_class)->finalize (object);
}

static void
shirabe_history_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  ShirabeHistory *self = SHIRABE_HISTORY (object);

  switch (prop_id)
    {
    case PROP_CAN_UNDO:
      g_value_set_boolean (value, shirabe_history_get_can_undo (self));
      break;
    case PROP_CAN_REDO:
      g_value_set_boolean (value, shirabe_history_get_can_redo (self));
      break;
    case PROP_UNDO_LABEL:
      g_value_set_string (value, shirabe_history_get_undo_label (self));
      break;
    case PROP_REDO_LABEL:
      g_value_set_string (value, shirabe_history_get_redo_label (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
shirabe_history_class_init (ShirabeHistoryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = shirabe_history_finalize;
  object_class->get_property = shirabe_history_get_property;

  properties[PROP_CAN_UNDO] =
    g_param_spec_boolean ("can-undo", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_CAN_REDO] =
    g_param_spec_boolean ("can-redo", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_UNDO_LABEL] =
    g_param_spec_string ("undo-label", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_REDO_LABEL] =
    g_param_spec_string ("redo-label", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
shirabe_history_init (ShirabeHistory *self)
{
  g_queue_init (&self->undo);
  g_queue_init (&self->redo);
}

ShirabeHistory *
shirabe_history_new (void)
{
  return g_object_new (SHIRABE_TYPE_HISTORY, NULL);
}

void
shirabe_history_push (ShirabeHistory *self,
                      const char     *label,
                      int             n_changeset,
                      void           *changeset)
{
  shirabe_history_push_merging (self, label, NULL, n_changeset, changeset);
}

void
shirabe_history_push_merging (ShirabeHistory *self,
                              const char     *label,
                              const char     *merge_key,
                              int             n_changeset,
                              void           *changeset)
{
  Step *step;
  Step *top;

  g_return_if_fail (SHIRABE_IS_HISTORY (self));

  /* The same memo saved again, with nothing undone or done between: one step, both changesets
   * joined (an update over an update is one update, from the first old to the last new). */
  top = g_queue_peek_head (&self->undo);
  if (merge_key != NULL && top != NULL && g_strcmp0 (top->merge_key, merge_key) == 0 &&
      g_queue_is_empty (&self->redo))
    {
      int n_joined = 0;
      void *joined = NULL;

      if (sqlite3changeset_concat (top->n_changeset, top->changeset, n_changeset, changeset,
                                   &n_joined, &joined) == SQLITE_OK)
        {
          sqlite3_free (top->changeset);
          sqlite3_free (changeset);
          top->n_changeset = n_joined;
          top->changeset = joined;
          notify_all (self);
          return;
        }
      sqlite3_free (joined);
    }

  step = g_new0 (Step, 1);
  step->label = g_strdup (label);
  step->merge_key = g_strdup (merge_key);
  step->n_changeset = n_changeset;
  step->changeset = changeset;

  g_queue_push_head (&self->undo, step);
  while (self->undo.length > MAX_STEPS)
    step_free (g_queue_pop_tail (&self->undo));
  g_queue_clear_full (&self->redo, step_free);

  notify_all (self);
}

gboolean
shirabe_history_peek (ShirabeHistory  *self,
                      gboolean         redo,
                      int             *n_changeset,
                      void           **changeset)
{
  Step *step = g_queue_peek_head (redo ? &self->redo : &self->undo);

  if (step == NULL)
    return FALSE;
  *n_changeset = step->n_changeset;
  *changeset = step->changeset;
  return TRUE;
}

gboolean
shirabe_history_pop (ShirabeHistory  *self,
                     char           **label,
                     int             *n_changeset,
                     void           **changeset)
{
  Step *step;

  g_return_val_if_fail (SHIRABE_IS_HISTORY (self), FALSE);

  step = g_queue_pop_head (&self->undo);
  if (step == NULL)
    return FALSE;
  *label = g_steal_pointer (&step->label);
  *n_changeset = step->n_changeset;
  *changeset = g_steal_pointer (&step->changeset);
  step_free (step);
  notify_all (self);
  return TRUE;
}

void
shirabe_history_move (ShirabeHistory *self,
                      gboolean        redo)
{
  GQueue *from = redo ? &self->redo : &self->undo;
  GQueue *to = redo ? &self->undo : &self->redo;
  Step *step = g_queue_pop_head (from);

  g_return_if_fail (step != NULL);
  g_queue_push_head (to, step);
  notify_all (self);
}

gboolean
shirabe_history_get_can_undo (ShirabeHistory *self)
{
  g_return_val_if_fail (SHIRABE_IS_HISTORY (self), FALSE);
  return self->undo.length > 0;
}

gboolean
shirabe_history_get_can_redo (ShirabeHistory *self)
{
  g_return_val_if_fail (SHIRABE_IS_HISTORY (self), FALSE);
  return self->redo.length > 0;
}

/**
 * shirabe_history_get_undo_label:
 *
 * Returns: (nullable): what undo would revert, e.g. "Add coding “Debt bondage”"
 */
const char *
shirabe_history_get_undo_label (ShirabeHistory *self)
{
  Step *step;

  g_return_val_if_fail (SHIRABE_IS_HISTORY (self), NULL);
  step = g_queue_peek_head (&self->undo);
  return step ? step->label : NULL;
}

const char *
shirabe_history_get_redo_label (ShirabeHistory *self)
{
  Step *step;

  g_return_val_if_fail (SHIRABE_IS_HISTORY (self), NULL);
  step = g_queue_peek_head (&self->redo);
  return step ? step->label : NULL;
}

guint
shirabe_history_get_n_undo (ShirabeHistory *self)
{
  g_return_val_if_fail (SHIRABE_IS_HISTORY (self), 0);
  return self->undo.length;
}

void
shirabe_history_clear (ShirabeHistory *self)
{
  g_return_if_fail (SHIRABE_IS_HISTORY (self));
  g_queue_clear_full (&self->undo, step_free);
  g_queue_clear_full (&self->redo, step_free);
  notify_all (self);
}
