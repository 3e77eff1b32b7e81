/* shirabe-code-item.c: a code as a row of the codebook tree
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "shirabe-i18n.h"

#include "shirabe-code-item.h"

struct _ShirabeCodeItem
{
  GObject          parent_instance;

  ShirabeCode     *code;
  ShirabeLanguage  language;
  GListStore      *children;
  guint            quick_key;
};

G_DEFINE_FINAL_TYPE (ShirabeCodeItem, shirabe_code_item, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_LABEL,
  PROP_DESCRIPTION,
  PROP_COLOR,
  PROP_CODABLE,
  PROP_N_CODINGS,
  PROP_QUICK_KEY,
  PROP_QUICK_KEY_LABEL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char *
get_description (ShirabeCodeItem *self)
{
  const char *ja = self->code->description_ja;
  const char *en = self->code->description_en;
  const char *first = self->language == SHIRABE_LANGUAGE_JA ? ja : en;
  const char *second = self->language == SHIRABE_LANGUAGE_JA ? en : ja;

  return first != NULL && *first != '\0' ? first : second;
}

static void
shirabe_code_item_finalize (GObject *object)
{
  ShirabeCodeItem *self = SHIRABE_CODE_ITEM (object);

  g_clear_pointer (&self->code, shirabe_code_free);
  g_clear_object (&self->children);

  G_OBJECT_CLASS (shirabe_code_item_parent_class)->finalize (object);
}

static void
shirabe_code_item_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  ShirabeCodeItem *self = SHIRABE_CODE_ITEM (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->code->id);
      break;
    case PROP_LABEL:
      g_value_set_string (value, shirabe_code_get_label (self->code, self->language));
      break;
    case PROP_DESCRIPTION:
      g_value_set_string (value, get_description (self));
      break;
    case PROP_COLOR:
      g_value_set_string (value, self->code->color);
      break;
    case PROP_CODABLE:
      g_value_set_boolean (value, self->code->codable);
      break;
    case PROP_N_CODINGS:
      g_value_set_uint (value, self->code->n_codings);
      break;
    case PROP_QUICK_KEY:
      g_value_set_uint (value, self->quick_key);
      break;
    case PROP_QUICK_KEY_LABEL:
      g_value_take_string (value, self->quick_key ? g_strdup_printf ("%u", self->quick_key)
                                                  : g_strdup (""));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
shirabe_code_item_class_init (ShirabeCodeItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = shirabe_code_item_finalize;
  object_class->get_property = shirabe_code_item_get_property;

  properties[PROP_ID] = g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_LABEL] = g_param_spec_string ("label", NULL, NULL, NULL, flags);
  properties[PROP_DESCRIPTION] = g_param_spec_string ("description", NULL, NULL, NULL, flags);
  properties[PROP_COLOR] = g_param_spec_string ("color", NULL, NULL, NULL, flags);
  properties[PROP_CODABLE] = g_param_spec_boolean ("codable", NULL, NULL, TRUE, flags);
  properties[PROP_N_CODINGS] = g_param_spec_uint ("n-codings", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_QUICK_KEY] = g_param_spec_uint ("quick-key", NULL, NULL, 0, 9, 0, flags);
  properties[PROP_QUICK_KEY_LABEL] =
    g_param_spec_string ("quick-key-label", NULL, NULL, NULL, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
shirabe_code_item_init (ShirabeCodeItem *self)
{
  self->children = g_list_store_new (SHIRABE_TYPE_CODE_ITEM);
}

ShirabeCodeItem *
shirabe_code_item_new (const ShirabeCode *code,
                       ShirabeLanguage    language)
{
  ShirabeCodeItem *self;

  g_return_val_if_fail (code != NULL, NULL);

  self = g_object_new (SHIRABE_TYPE_CODE_ITEM, NULL);
  self->code = shirabe_code_copy (code);
  self->language = language;
  return self;
}

const ShirabeCode *
shirabe_code_item_get_code (ShirabeCodeItem *self)
{
  g_return_val_if_fail (SHIRABE_IS_CODE_ITEM (self), NULL);

  return self->code;
}

gint64
shirabe_code_item_get_id (ShirabeCodeItem *self)
{
  g_return_val_if_fail (SHIRABE_IS_CODE_ITEM (self), 0);

  return self->code->id;
}

GListStore *
shirabe_code_item_get_children (ShirabeCodeItem *self)
{
  g_return_val_if_fail (SHIRABE_IS_CODE_ITEM (self), NULL);

  return self->children;
}

guint
shirabe_code_item_get_quick_key (ShirabeCodeItem *self)
{
  g_return_val_if_fail (SHIRABE_IS_CODE_ITEM (self), 0);

  return self->quick_key;
}

void
shirabe_code_item_set_quick_key (ShirabeCodeItem *self,
                                 guint            quick_key)
{
  g_return_if_fail (SHIRABE_IS_CODE_ITEM (self));
  g_return_if_fail (quick_key <= 9);

  if (self->quick_key == quick_key)
    return;
  self->quick_key = quick_key;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_QUICK_KEY]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_QUICK_KEY_LABEL]);
}

void
shirabe_code_item_update (ShirabeCodeItem   *self,
                          const ShirabeCode *code)
{
  ShirabeCode *old;

  g_return_if_fail (SHIRABE_IS_CODE_ITEM (self));
  g_return_if_fail (code != NULL && code->id == self->code->id);

  old = g_steal_pointer (&self->code);
  self->code = shirabe_code_copy (code);

  g_object_freeze_notify (G_OBJECT (self));
  if (g_strcmp0 (shirabe_code_get_label (old, self->language),
                 shirabe_code_get_label (code, self->language)) != 0)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LABEL]);
  if (g_strcmp0 (old->description_en, code->description_en) != 0 ||
      g_strcmp0 (old->description_ja, code->description_ja) != 0)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DESCRIPTION]);
  if (g_strcmp0 (old->color, code->color) != 0)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COLOR]);
  if (old->codable != code->codable)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CODABLE]);
  if (old->n_codings != code->n_codings)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_CODINGS]);
  g_object_thaw_notify (G_OBJECT (self));

  shirabe_code_free (old);
}
