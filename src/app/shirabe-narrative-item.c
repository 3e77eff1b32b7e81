/* shirabe-narrative-item.c: a narrative as a row of the narrative list
 *
 * The core hands out plain structs; list widgets need objects with properties they can watch,
 * so that a changed count redraws one row rather than the whole list.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "shirabe-i18n.h"

#include "shirabe-narrative-item.h"

struct _ShirabeNarrativeItem
{
  GObject           parent_instance;

  ShirabeNarrative *narrative;
};

G_DEFINE_FINAL_TYPE (ShirabeNarrativeItem, shirabe_narrative_item, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_TITLE,
  PROP_CASE_NAME,
  PROP_N_CODINGS,
  PROP_DETAILS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static char *
dup_details (ShirabeNarrative *narrative)
{
  if (narrative->language != NULL && *narrative->language != '\0')
    /* Translators: a narrative's case, then its language code, in the narrative list */
    return g_strdup_printf (_("%s · %s"), narrative->case_name, narrative->language);
  return g_strdup (narrative->case_name);
}

static void
shirabe_narrative_item_finalize (GObject *object)
{
  ShirabeNarrativeItem *self = SHIRABE_NARRATIVE_ITEM (object);

  g_clear_pointer (&self->narrative, shirabe_narrative_free);

  G_OBJECT_CLASS (shirabe_narrative_item_parent_class)->finalize (object);
}

static void
shirabe_narrative_item_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  ShirabeNarrativeItem *self = SHIRABE_NARRATIVE_ITEM (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->narrative->id);
      break;
    case PROP_TITLE:
      g_value_set_string (value, self->narrative->title);
      break;
    case PROP_CASE_NAME:
      g_value_set_string (value, self->narrative->case_name);
      break;
    case PROP_N_CODINGS:
      g_value_set_uint (value, self->narrative->n_codings);
      break;
    case PROP_DETAILS:
      g_value_take_string (value, dup_details (self->narrative));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
shirabe_narrative_item_class_init (ShirabeNarrativeItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = shirabe_narrative_item_finalize;
  object_class->get_property = shirabe_narrative_item_get_property;

  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CASE_NAME] =
    g_param_spec_string ("case-name", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_CODINGS] =
    g_param_spec_uint ("n-codings", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DETAILS] =
    g_param_spec_string ("details", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
shirabe_narrative_item_init (ShirabeNarrativeItem *self)
{
}

ShirabeNarrativeItem *
shirabe_narrative_item_new (const ShirabeNarrative *narrative)
{
  ShirabeNarrativeItem *self;

  g_return_val_if_fail (narrative != NULL, NULL);

  self = g_object_new (SHIRABE_TYPE_NARRATIVE_ITEM, NULL);
  self->narrative = shirabe_narrative_copy (narrative);
  return self;
}

const ShirabeNarrative *
shirabe_narrative_item_get_narrative (ShirabeNarrativeItem *self)
{
  g_return_val_if_fail (SHIRABE_IS_NARRATIVE_ITEM (self), NULL);

  return self->narrative;
}

gint64
shirabe_narrative_item_get_id (ShirabeNarrativeItem *self)
{
  g_return_val_if_fail (SHIRABE_IS_NARRATIVE_ITEM (self), 0);

  return self->narrative->id;
}

void
shirabe_narrative_item_update (ShirabeNarrativeItem   *self,
                               const ShirabeNarrative *narrative)
{
  ShirabeNarrative *old;

  g_return_if_fail (SHIRABE_IS_NARRATIVE_ITEM (self));
  g_return_if_fail (narrative != NULL && narrative->id == self->narrative->id);

  old = g_steal_pointer (&self->narrative);
  self->narrative = shirabe_narrative_copy (narrative);

  g_object_freeze_notify (G_OBJECT (self));
  if (g_strcmp0 (old->title, narrative->title) != 0)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
  if (g_strcmp0 (old->case_name, narrative->case_name) != 0)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CASE_NAME]);
  if (g_strcmp0 (old->case_name, narrative->case_name) != 0 ||
      g_strcmp0 (old->language, narrative->language) != 0)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DETAILS]);
  if (old->n_codings != narrative->n_codings)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_CODINGS]);
  g_object_thaw_notify (G_OBJECT (self));

  shirabe_narrative_free (old);
}
