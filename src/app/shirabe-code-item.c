/* shirabe-code-item.c: a code as a row of the codebook tree
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "shirabe-i18n.h"

#include <string.h>

#include <pango/pango.h>

#include "shirabe-code-item.h"

struct _ShirabeCodeItem
{
  GObject               parent_instance;

  ShirabeCode          *code;
  ShirabeLabelLanguage  language;
  GListStore           *children;
  guint                 quick_key;
  guint                 n_subtree;     /* codings of the code and the codes under it */

  /* What the row shows, worked out from the code and @language by update_label(). */
  char                 *label;
  char                 *label_markup;
  char                 *tooltip;
  gboolean              label_is_fallback;
};

G_DEFINE_FINAL_TYPE (ShirabeCodeItem, shirabe_code_item, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_LABEL,
  PROP_LABEL_MARKUP,
  PROP_LABEL_IS_FALLBACK,
  PROP_DESCRIPTION,
  PROP_TOOLTIP,
  PROP_COLOR,
  PROP_CODABLE,
  PROP_N_CODINGS,
  PROP_QUICK_KEY,
  PROP_QUICK_KEY_LABEL,
  PROP_N_SUBTREE_CODINGS,
  PROP_COUNT_MARKUP,
  PROP_LABEL_WRAPS,
  PROP_LABEL_ELLIPSIZE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

ShirabeLabelLanguage
shirabe_label_language_default (void)
{
  const char * const *names = g_get_language_names ();

  for (guint i = 0; names[i] != NULL; i++)
    if (strcmp (names[i], "C") != 0 && strcmp (names[i], "POSIX") != 0)
      return g_str_has_prefix (names[i], "ja") ? SHIRABE_LABEL_LANGUAGE_JA
                                               : SHIRABE_LABEL_LANGUAGE_EN;
  return SHIRABE_LABEL_LANGUAGE_EN;
}

const char *
shirabe_label_language_to_nick (ShirabeLabelLanguage language)
{
  switch (language)
    {
    case SHIRABE_LABEL_LANGUAGE_JA:
      return "ja";
    case SHIRABE_LABEL_LANGUAGE_EN:
      return "en";
    case SHIRABE_LABEL_LANGUAGE_BOTH:
    default:
      return "both";
    }
}

ShirabeLabelLanguage
shirabe_label_language_from_nick (const char *nick)
{
  if (g_strcmp0 (nick, "ja") == 0)
    return SHIRABE_LABEL_LANGUAGE_JA;
  if (g_strcmp0 (nick, "en") == 0)
    return SHIRABE_LABEL_LANGUAGE_EN;
  if (g_strcmp0 (nick, "both") == 0)
    return SHIRABE_LABEL_LANGUAGE_BOTH;
  return shirabe_label_language_default ();
}

static gboolean
is_set (const char *text)
{
  return text != NULL && *text != '\0';
}

/* In both languages the description follows the interface: one of two paragraphs is enough
 * for a tooltip. */
static const char *
get_description (ShirabeCodeItem *self)
{
  const char *ja = self->code->description_ja;
  const char *en = self->code->description_en;
  ShirabeLabelLanguage language = self->language;
  const char *first;
  const char *second;

  if (language == SHIRABE_LABEL_LANGUAGE_BOTH)
    language = shirabe_label_language_default ();
  first = language == SHIRABE_LABEL_LANGUAGE_JA ? ja : en;
  second = language == SHIRABE_LABEL_LANGUAGE_JA ? en : ja;
  return is_set (first) ? first : second;
}

static gboolean
replace_string (char       **field,
                const char  *value)
{
  if (g_strcmp0 (*field, value) == 0)
    return FALSE;
  g_free (*field);
  *field = g_strdup (value);
  return TRUE;
}

char *
shirabe_label_pair_dup (const char           *ja,
                        const char           *en,
                        ShirabeLabelLanguage  language)
{
  switch (language)
    {
    case SHIRABE_LABEL_LANGUAGE_JA:
      return g_strdup (is_set (ja) ? ja : (en != NULL ? en : ""));
    case SHIRABE_LABEL_LANGUAGE_EN:
      return g_strdup (is_set (en) ? en : (ja != NULL ? ja : ""));
    case SHIRABE_LABEL_LANGUAGE_BOTH:
    default:
      if (is_set (ja) && is_set (en) && g_strcmp0 (ja, en) != 0)
        return g_strdup_printf ("%s / %s", ja, en);
      return g_strdup (is_set (ja) ? ja : (en != NULL ? en : ""));
    }
}

char *
shirabe_code_dup_label (const ShirabeCode    *code,
                        ShirabeLabelLanguage  language)
{
  return shirabe_label_pair_dup (code->label_ja, code->label_en, language);
}

/* Works out the label, its markup and tooltip; a label missing in the language asked for is
 * replaced by the other one, drawn dimmed and in italics, and the tooltip says so. */
static void
update_label (ShirabeCodeItem *self,
              gboolean         notify)
{
  const char *ja = self->code->label_ja;
  const char *en = self->code->label_en;
  const char *description = get_description (self);
  g_autofree char *label = NULL;
  g_autofree char *markup = NULL;
  g_autofree char *tooltip = NULL;
  const char *note = NULL;
  gboolean fallback = FALSE;

  switch (self->language)
    {
    case SHIRABE_LABEL_LANGUAGE_JA:
      fallback = !is_set (ja) && is_set (en);
      label = g_strdup (fallback ? en : ja);
      break;
    case SHIRABE_LABEL_LANGUAGE_EN:
      fallback = !is_set (en) && is_set (ja);
      label = g_strdup (fallback ? ja : en);
      break;
    case SHIRABE_LABEL_LANGUAGE_BOTH:
    default:
      fallback = is_set (ja) != is_set (en);
      if (fallback)
        label = g_strdup (is_set (ja) ? ja : en);
      else if (g_strcmp0 (ja, en) == 0)
        label = g_strdup (ja);
      else
        label = g_strdup_printf ("%s / %s", ja, en);
      break;
    }
  if (label == NULL)
    label = g_strdup ("");

  if (fallback)
    note = is_set (ja) ? _("No English label; showing the Japanese one")
                       : _("No Japanese label; showing the English one");
  if (fallback)
    markup = g_markup_printf_escaped ("<i><span alpha=\"60%%\">%s</span></i>", label);
  else
    markup = g_markup_escape_text (label, -1);
  /* The full label first: a row cuts a long one ("第三国経由（ブロー…"). */
  {
    g_autoptr(GString) text = g_string_new (label);

    if (is_set (description))
      g_string_append_printf (text, "\n\n%s", description);
    if (note != NULL)
      g_string_append_printf (text, "\n\n%s", note);
    tooltip = g_string_free (g_steal_pointer (&text), FALSE);
  }

  g_object_freeze_notify (G_OBJECT (self));
  if (replace_string (&self->label, label) && notify)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LABEL]);
  if (replace_string (&self->label_markup, markup) && notify)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LABEL_MARKUP]);
  if (replace_string (&self->tooltip, tooltip) && notify)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TOOLTIP]);
  if (self->label_is_fallback != fallback)
    {
      self->label_is_fallback = fallback;
      if (notify)
        g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LABEL_IS_FALLBACK]);
    }
  g_object_thaw_notify (G_OBJECT (self));
}

static void
shirabe_code_item_finalize (GObject *object)
{
  ShirabeCodeItem *self = SHIRABE_CODE_ITEM (object);

  g_clear_pointer (&self->code, shirabe_code_free);
  g_clear_object (&self->children);
  g_clear_pointer (&self->label, g_free);
  g_clear_pointer (&self->label_markup, g_free);
  g_clear_pointer (&self->tooltip, g_free);

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
      g_value_set_string (value, self->label);
      break;
    case PROP_LABEL_MARKUP:
      g_value_set_string (value, self->label_markup);
      break;
    case PROP_LABEL_IS_FALLBACK:
      g_value_set_boolean (value, self->label_is_fallback);
      break;
    case PROP_DESCRIPTION:
      g_value_set_string (value, get_description (self));
      break;
    case PROP_TOOLTIP:
      g_value_set_string (value, self->tooltip);
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
    case PROP_N_SUBTREE_CODINGS:
      g_value_set_uint (value, self->n_subtree);
      break;
    case PROP_COUNT_MARKUP:
      g_value_take_string (value, shirabe_code_item_dup_count_markup (self));
      break;
    case PROP_LABEL_WRAPS:
      g_value_set_boolean (value, self->language == SHIRABE_LABEL_LANGUAGE_BOTH);
      break;
    case PROP_LABEL_ELLIPSIZE:
      g_value_set_enum (value, self->language == SHIRABE_LABEL_LANGUAGE_BOTH
                               ? PANGO_ELLIPSIZE_NONE : PANGO_ELLIPSIZE_END);
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
  properties[PROP_LABEL_MARKUP] = g_param_spec_string ("label-markup", NULL, NULL, NULL, flags);
  properties[PROP_LABEL_IS_FALLBACK] =
    g_param_spec_boolean ("label-is-fallback", NULL, NULL, FALSE, flags);
  properties[PROP_DESCRIPTION] = g_param_spec_string ("description", NULL, NULL, NULL, flags);
  properties[PROP_TOOLTIP] = g_param_spec_string ("tooltip", NULL, NULL, NULL, flags);
  properties[PROP_COLOR] = g_param_spec_string ("color", NULL, NULL, NULL, flags);
  properties[PROP_CODABLE] = g_param_spec_boolean ("codable", NULL, NULL, TRUE, flags);
  properties[PROP_N_CODINGS] = g_param_spec_uint ("n-codings", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_QUICK_KEY] = g_param_spec_uint ("quick-key", NULL, NULL, 0, 9, 0, flags);
  properties[PROP_QUICK_KEY_LABEL] =
    g_param_spec_string ("quick-key-label", NULL, NULL, NULL, flags);
  properties[PROP_N_SUBTREE_CODINGS] =
    g_param_spec_uint ("n-subtree-codings", NULL, NULL, 0, G_MAXUINT, 0, flags);
  /* The count shown: the code's own, then for a parent its subtree's, dimmed. */
  properties[PROP_COUNT_MARKUP] = g_param_spec_string ("count-markup", NULL, NULL, NULL, flags);
  /* In both languages a label is long: it wraps rather than being cut. */
  properties[PROP_LABEL_WRAPS] = g_param_spec_boolean ("label-wraps", NULL, NULL, FALSE, flags);
  properties[PROP_LABEL_ELLIPSIZE] =
    g_param_spec_enum ("label-ellipsize", NULL, NULL, PANGO_TYPE_ELLIPSIZE_MODE,
                       PANGO_ELLIPSIZE_END, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
shirabe_code_item_init (ShirabeCodeItem *self)
{
  self->children = g_list_store_new (SHIRABE_TYPE_CODE_ITEM);
}

ShirabeCodeItem *
shirabe_code_item_new (const ShirabeCode    *code,
                       ShirabeLabelLanguage  language)
{
  ShirabeCodeItem *self;

  g_return_val_if_fail (code != NULL, NULL);

  self = g_object_new (SHIRABE_TYPE_CODE_ITEM, NULL);
  self->code = shirabe_code_copy (code);
  self->language = language;
  update_label (self, FALSE);
  return self;
}

void
shirabe_code_item_set_label_language (ShirabeCodeItem      *self,
                                      ShirabeLabelLanguage  language)
{
  g_return_if_fail (SHIRABE_IS_CODE_ITEM (self));

  if (self->language == language)
    return;
  self->language = language;
  g_object_freeze_notify (G_OBJECT (self));
  update_label (self, TRUE);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DESCRIPTION]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LABEL_WRAPS]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LABEL_ELLIPSIZE]);
  g_object_thaw_notify (G_OBJECT (self));
}

const char *
shirabe_code_item_get_label (ShirabeCodeItem *self)
{
  g_return_val_if_fail (SHIRABE_IS_CODE_ITEM (self), NULL);

  return self->label;
}

gboolean
shirabe_code_item_get_label_is_fallback (ShirabeCodeItem *self)
{
  g_return_val_if_fail (SHIRABE_IS_CODE_ITEM (self), FALSE);

  return self->label_is_fallback;
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

static guint
add_delta (guint count,
           int   delta)
{
  return delta < 0 && (guint) -delta > count ? 0 : count + delta;
}

void
shirabe_code_item_add_codings (ShirabeCodeItem *self,
                               int              delta)
{
  g_return_if_fail (SHIRABE_IS_CODE_ITEM (self));

  if (delta == 0)
    return;
  self->code->n_codings = add_delta (self->code->n_codings, delta);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_CODINGS]);
  shirabe_code_item_add_subtree_codings (self, delta);
}

void
shirabe_code_item_add_subtree_codings (ShirabeCodeItem *self,
                                       int              delta)
{
  g_return_if_fail (SHIRABE_IS_CODE_ITEM (self));

  if (delta == 0)
    return;
  self->n_subtree = add_delta (self->n_subtree, delta);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_SUBTREE_CODINGS]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COUNT_MARKUP]);
}

guint
shirabe_code_item_get_subtree_codings (ShirabeCodeItem *self)
{
  g_return_val_if_fail (SHIRABE_IS_CODE_ITEM (self), 0);

  return self->n_subtree;
}

/* Sums the codings of the item and those under it, from the codes' own counts. */
guint
shirabe_code_item_count_subtree (ShirabeCodeItem *self)
{
  guint n;

  g_return_val_if_fail (SHIRABE_IS_CODE_ITEM (self), 0);

  n = self->code->n_codings;
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->children)); i++)
    {
      g_autoptr(ShirabeCodeItem) child = g_list_model_get_item (G_LIST_MODEL (self->children), i);

      n += shirabe_code_item_count_subtree (child);
    }
  if (n != self->n_subtree)
    {
      self->n_subtree = n;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_SUBTREE_CODINGS]);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COUNT_MARKUP]);
    }
  return n;
}

char *
shirabe_code_item_dup_count_markup (ShirabeCodeItem *self)
{
  g_return_val_if_fail (SHIRABE_IS_CODE_ITEM (self), NULL);

  if (g_list_model_get_n_items (G_LIST_MODEL (self->children)) == 0)
    return g_strdup_printf ("%u", self->code->n_codings);
  /* Its own, then (dimmed) with the codes under it: "0 · 12". */
  return g_strdup_printf ("%u <span alpha=\"55%%\">· %u</span>", self->code->n_codings,
                          self->n_subtree);
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
  update_label (self, TRUE);
  if (g_strcmp0 (old->description_en, code->description_en) != 0 ||
      g_strcmp0 (old->description_ja, code->description_ja) != 0)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DESCRIPTION]);
  if (g_strcmp0 (old->color, code->color) != 0)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COLOR]);
  if (old->codable != code->codable)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CODABLE]);
  if (old->n_codings != code->n_codings)
    {
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_CODINGS]);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COUNT_MARKUP]);
    }
  g_object_thaw_notify (G_OBJECT (self));

  shirabe_code_free (old);
}
