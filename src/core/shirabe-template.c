/* shirabe-template.c: coding schemes as data files, applied to and exported from projects
 *
 * A template is a JSON file (data/templates/README.md describes the format): a tree of codes
 * with fixed UUIDs, and attributes. Applying one merges it into a project by UUID, so that a
 * template applied twice, or a newer version of it, never duplicates a code; attributes merge
 * by variable name. The whole application is one undo step.
 *
 * This file reads and finds templates; shirabe-template-project.c makes one from a project,
 * writes it, and applies one to a project.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "shirabe-i18n.h"

#include <inttypes.h>

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "shirabe-json-private.h"
#include "shirabe-output.h"
#include "shirabe-project-private.h"
#include "shirabe-template-private.h"

/* Templates larger than this are refused: the largest real scheme is a few hundred kB. */
#define SHIRABE_TEMPLATE_MAX_SIZE (20 * 1024 * 1024)

/* Deeper trees are a damaged or hostile file, not a coding scheme. */
#define MAX_DEPTH 32

G_DEFINE_BOXED_TYPE (ShirabeTemplate, shirabe_template, shirabe_template_ref,
                     shirabe_template_unref)

static void
template_code_free (ShirabeTemplateCode *code)
{
  g_free (code->uuid);
  g_free (code->parent_uuid);
  g_free (code->label_en);
  g_free (code->label_ja);
  g_free (code->description_en);
  g_free (code->description_ja);
  g_free (code->color);
  g_free (code->var_name);
  g_free (code);
}

static void
template_attribute_free (ShirabeTemplateAttribute *attribute)
{
  g_free (attribute->uuid);
  g_free (attribute->name_en);
  g_free (attribute->name_ja);
  g_free (attribute->description_en);
  g_free (attribute->description_ja);
  g_free (attribute->var_name);
  g_strfreev (attribute->choices);
  g_strfreev (attribute->choice_labels_en);
  g_strfreev (attribute->choice_labels_ja);
  g_free (attribute);
}

ShirabeTemplate *
shirabe_template_new_empty (void)
{
  ShirabeTemplate *self = g_new0 (ShirabeTemplate, 1);

  g_ref_count_init (&self->ref_count);
  self->codes = g_ptr_array_new_with_free_func ((GDestroyNotify) template_code_free);
  self->attributes = g_ptr_array_new_with_free_func ((GDestroyNotify) template_attribute_free);
  return self;
}

ShirabeTemplate *
shirabe_template_ref (ShirabeTemplate *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_ref_count_inc (&self->ref_count);
  return self;
}

void
shirabe_template_unref (ShirabeTemplate *self)
{
  if (self == NULL || !g_ref_count_dec (&self->ref_count))
    return;
  g_free (self->id);
  g_free (self->name_en);
  g_free (self->name_ja);
  g_free (self->description_en);
  g_free (self->description_ja);
  g_ptr_array_unref (self->codes);
  g_ptr_array_unref (self->attributes);
  g_free (self);
}

const char *
shirabe_template_get_id (ShirabeTemplate *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->id;
}

static const char *
pick (const char      *en,
      const char      *ja,
      ShirabeLanguage  language)
{
  const char *first = language == SHIRABE_LANGUAGE_JA ? ja : en;
  const char *second = language == SHIRABE_LANGUAGE_JA ? en : ja;

  if (!shirabe_str_is_blank (first))
    return first;
  return !shirabe_str_is_blank (second) ? second : NULL;
}

const char *
shirabe_template_get_name (ShirabeTemplate *self,
                           ShirabeLanguage  language)
{
  const char *name;

  g_return_val_if_fail (self != NULL, NULL);

  name = pick (self->name_en, self->name_ja, language);
  return name != NULL ? name : self->id;
}

const char *
shirabe_template_get_description (ShirabeTemplate *self,
                                  ShirabeLanguage  language)
{
  const char *description;

  g_return_val_if_fail (self != NULL, NULL);

  description = pick (self->description_en, self->description_ja, language);
  return description != NULL ? description : "";
}

GPtrArray *
shirabe_template_get_codes (ShirabeTemplate *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->codes;
}

GPtrArray *
shirabe_template_get_attributes (ShirabeTemplate *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->attributes;
}

/* Reading a file */

typedef struct
{
  const char      *display_name;
  ShirabeTemplate *self;
  GHashTable      *lines;           /* JsonObject → (member name → line; "" → first line) */
  GHashTable      *uuids;           /* every UUID seen */
  GHashTable      *code_var_names;
  GHashTable      *attribute_var_names;  /* "scope/var_name" */
  guint            error_line;
  guint            error_column;
} Loader;

/* json-glib keeps no positions in its tree; the parser's signals give the line of each member
 * as it is read, which is enough to point at a code in a message. */
static void
on_object_member (JsonParser *parser,
                  JsonObject *object,
                  const char *member_name,
                  gpointer    user_data)
{
  Loader *loader = user_data;
  GHashTable *members = g_hash_table_lookup (loader->lines, object);
  guint line = json_parser_get_current_line (parser);

  if (members == NULL)
    {
      members = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      g_hash_table_insert (loader->lines, object, members);
      g_hash_table_insert (members, g_strdup (""), GUINT_TO_POINTER (line));
    }
  g_hash_table_insert (members, g_strdup (member_name), GUINT_TO_POINTER (line));
}

static void
on_parse_error (JsonParser *parser,
                gpointer    error,
                gpointer    user_data)
{
  Loader *loader = user_data;

  loader->error_line = json_parser_get_current_line (parser);
  loader->error_column = json_parser_get_current_pos (parser);
}

/* The line of @member in @object, or of the object itself with @member NULL; 0 if unknown. */
static guint
line_of (Loader     *loader,
         JsonObject *object,
         const char *member)
{
  GHashTable *members;
  gpointer line = NULL;

  if (object == NULL || (members = g_hash_table_lookup (loader->lines, object)) == NULL)
    return 0;
  if (member == NULL || !g_hash_table_lookup_extended (members, member, NULL, &line))
    line = g_hash_table_lookup (members, "");
  return GPOINTER_TO_UINT (line);
}

static void set_error_at (GError     **error,
                          Loader      *loader,
                          int          code,
                          JsonObject  *object,
                          const char  *member,
                          const char  *format,
                          ...) G_GNUC_PRINTF (6, 7);

static void
set_error_at (GError     **error,
              Loader      *loader,
              int          code,
              JsonObject  *object,
              const char  *member,
              const char  *format,
              ...)
{
  g_autofree char *message = NULL;
  guint line = line_of (loader, object, member);
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  if (line > 0)
    /* Translators: a template file's name, a line number in it, then what is wrong there */
    g_set_error (error, SHIRABE_ERROR, code, _("“%s”, line %u: %s"),
                 loader->display_name, line, message);
  else
    g_set_error (error, SHIRABE_ERROR, code, _("“%s”: %s"), loader->display_name, message);
}

/* Reads an optional text member into @out (NULL when absent or null). */
static gboolean
get_text (Loader      *loader,
          JsonObject  *object,
          const char  *member,
          const char  *what,
          char       **out,
          GError     **error)
{
  JsonNode *node = json_object_get_member (object, member);

  *out = NULL;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    {
      set_error_at (error, loader, SHIRABE_ERROR_INVALID, object, member,
                    _("%s: “%s” must be text, in double quotes"), what, member);
      return FALSE;
    }
  /* json-glib turns an escaped lone surrogate ("\ud800") into bytes that are not UTF-8. */
  if (!g_utf8_validate (json_node_get_string (node), -1, NULL))
    {
      set_error_at (error, loader, SHIRABE_ERROR_INVALID, object, member,
                    _("%s: “%s” is not valid text (an escaped lone surrogate such as \\ud800?)"),
                    what, member);
      return FALSE;
    }
  *out = g_strdup (json_node_get_string (node));
  return TRUE;
}

/* Like get_text(), but "" rather than NULL when absent. */
static gboolean
get_text_or_empty (Loader      *loader,
                   JsonObject  *object,
                   const char  *member,
                   const char  *what,
                   char       **out,
                   GError     **error)
{
  if (!get_text (loader, object, member, what, out, error))
    return FALSE;
  if (*out == NULL)
    *out = g_strdup ("");
  return TRUE;
}

static gboolean
get_boolean (Loader      *loader,
             JsonObject  *object,
             const char  *member,
             const char  *what,
             gboolean     default_value,
             gboolean    *out,
             GError     **error)
{
  JsonNode *node = json_object_get_member (object, member);

  *out = default_value;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    {
      set_error_at (error, loader, SHIRABE_ERROR_INVALID, object, member,
                    _("%s: “%s” must be true or false"), what, member);
      return FALSE;
    }
  *out = json_node_get_boolean (node);
  return TRUE;
}

/* An optional array member; NULL in @out when absent. */
static gboolean
get_array (Loader      *loader,
           JsonObject  *object,
           const char  *member,
           const char  *what,
           JsonArray  **out,
           GError     **error)
{
  JsonNode *node = json_object_get_member (object, member);

  *out = NULL;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      set_error_at (error, loader, SHIRABE_ERROR_INVALID, object, member,
                    _("%s: “%s” must be a list in square brackets"), what, member);
      return FALSE;
    }
  *out = json_node_get_array (node);
  return TRUE;
}

/* Checks a UUID and that it is new in the file; returns it in lower case. */
static gboolean
take_uuid (Loader      *loader,
           JsonObject  *object,
           const char  *what,
           char       **uuid,
           GError     **error)
{
  char *lower;

  if (!g_uuid_string_is_valid (*uuid))
    {
      set_error_at (error, loader, SHIRABE_ERROR_INVALID, object, "uuid",
                    _("%s: “%s” is not a UUID (such as 3f2b8c1e-5d4a-4e6b-9c7d-1a2b3c4d5e6f)"),
                    what, *uuid);
      return FALSE;
    }
  lower = g_ascii_strdown (*uuid, -1);
  g_free (*uuid);
  *uuid = lower;
  if (!g_hash_table_add (loader->uuids, g_strdup (lower)))
    {
      set_error_at (error, loader, SHIRABE_ERROR_INVALID, object, "uuid",
                    _("%s: the UUID %s is used more than once in the template"), what, lower);
      return FALSE;
    }
  return TRUE;
}

static gboolean read_codes (Loader      *loader,
                            JsonObject  *owner,
                            const char  *member,
                            JsonArray   *array,
                            const char  *parent_uuid,
                            int          depth,
                            const char  *path,
                            GError     **error);

static gboolean
read_code (Loader      *loader,
           JsonObject  *object,
           const char  *parent_uuid,
           int          depth,
           const char  *path,
           GError     **error)
{
  ShirabeTemplateCode *code = g_new0 (ShirabeTemplateCode, 1);
  g_autofree char *what = NULL;
  g_autofree char *color = NULL;
  JsonArray *children = NULL;

  /* Added at once so that the template frees it on any error below. */
  g_ptr_array_add (loader->self->codes, code);
  code->depth = depth;
  code->parent_uuid = g_strdup (parent_uuid);

  if (!get_text_or_empty (loader, object, "label_en", path, &code->label_en, error) ||
      !get_text_or_empty (loader, object, "label_ja", path, &code->label_ja, error))
    return FALSE;
  if (shirabe_str_is_blank (code->label_en) && shirabe_str_is_blank (code->label_ja))
    {
      set_error_at (error, loader, SHIRABE_ERROR_INVALID, object, NULL,
                    _("the code at %s has no label: give “label_en”, “label_ja” or both"),
                    path);
      return FALSE;
    }
  /* Translators: names a code of a template file in messages such as
   * "code “Debt bondage”: “#12” is not a colour" */
  what = g_strdup_printf (_("code “%s”"),
                          pick (code->label_en, code->label_ja, shirabe_message_language ()));

  if (!get_text (loader, object, "uuid", what, &code->uuid, error))
    return FALSE;
  if (code->uuid == NULL)
    {
      set_error_at (error, loader, SHIRABE_ERROR_INVALID, object, NULL,
                    _("%s has no “uuid”: every code of a template needs a fixed UUID, so that "
                      "applying the template again updates the code instead of adding it twice"),
                    what);
      return FALSE;
    }
  if (!take_uuid (loader, object, what, &code->uuid, error))
    return FALSE;

  if (!get_text_or_empty (loader, object, "description_en", what, &code->description_en, error) ||
      !get_text_or_empty (loader, object, "description_ja", what, &code->description_ja, error) ||
      !get_text (loader, object, "color", what, &color, error) ||
      !get_text (loader, object, "var_name", what, &code->var_name, error) ||
      !get_boolean (loader, object, "codable", what, TRUE, &code->codable, error) ||
      !get_array (loader, object, "children", what, &children, error))
    return FALSE;

  if (color != NULL && (code->color = shirabe_color_normalize (color)) == NULL)
    {
      set_error_at (error, loader, SHIRABE_ERROR_INVALID, object, "color",
                    _("%s: “%s” is not a colour; write it as #RRGGBB, for example #E01B24"),
                    what, color);
      return FALSE;
    }
  if (code->var_name != NULL)
    {
      if (!shirabe_var_name_is_valid (code->var_name))
        {
          set_error_at (error, loader, SHIRABE_ERROR_INVALID, object, "var_name",
                        _("%s: “%s” is not a valid variable name: use ASCII letters, digits and "
                          "underscores, start with a letter, at most 32 characters"),
                        what, code->var_name);
          return FALSE;
        }
      if (!g_hash_table_add (loader->code_var_names, g_strdup (code->var_name)))
        {
          set_error_at (error, loader, SHIRABE_ERROR_INVALID, object, "var_name",
                        _("%s: the variable name “%s” is used by another code of the template"),
                        what, code->var_name);
          return FALSE;
        }
    }

  if (children != NULL)
    {
      g_autofree char *children_path = g_strconcat (path, ".children", NULL);

      if (depth + 1 >= MAX_DEPTH)
        {
          set_error_at (error, loader, SHIRABE_ERROR_INVALID, object, "children",
                        _("%s: codes are nested more than %d levels deep"), what, MAX_DEPTH);
          return FALSE;
        }
      return read_codes (loader, object, "children", children, code->uuid, depth + 1,
                         children_path, error);
    }
  return TRUE;
}

static gboolean
read_codes (Loader      *loader,
            JsonObject  *owner,
            const char  *member,
            JsonArray   *array,
            const char  *parent_uuid,
            int          depth,
            const char  *path,
            GError     **error)
{
  guint n = json_array_get_length (array);

  for (guint i = 0; i < n; i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      g_autofree char *item_path = g_strdup_printf ("%s[%u]", path, i);

      if (!JSON_NODE_HOLDS_OBJECT (node))
        {
          set_error_at (error, loader, SHIRABE_ERROR_INVALID, owner, member,
                        _("%s is not a code: each code is an object in braces {…}"), item_path);
          return FALSE;
        }
      if (!read_code (loader, json_node_get_object (node), parent_uuid, depth, item_path, error))
        return FALSE;
    }
  return TRUE;
}

/* A choice is "value" or { "value": …, "label_en": …, "label_ja": … }. */
static gboolean
read_choices (Loader                    *loader,
              JsonObject                *object,
              JsonArray                 *array,
              const char                *what,
              ShirabeTemplateAttribute  *attribute,
              GError                   **error)
{
  g_autoptr(GPtrArray) values = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) labels_en = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) labels_ja = g_ptr_array_new_with_free_func (g_free);
  guint n = json_array_get_length (array);

  for (guint i = 0; i < n; i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      char *value = NULL;
      char *label_en = NULL;
      char *label_ja = NULL;

      if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING &&
          g_utf8_validate (json_node_get_string (node), -1, NULL))
        value = g_strdup (json_node_get_string (node));
      else if (JSON_NODE_HOLDS_OBJECT (node))
        {
          JsonObject *choice = json_node_get_object (node);

          if (!get_text (loader, choice, "value", what, &value, error) ||
              !get_text_or_empty (loader, choice, "label_en", what, &label_en, error) ||
              !get_text_or_empty (loader, choice, "label_ja", what, &label_ja, error))
            {
              g_free (value);
              g_free (label_en);
              return FALSE;
            }
        }
      g_ptr_array_add (values, value);
      g_ptr_array_add (labels_en, label_en != NULL ? label_en : g_strdup (""));
      g_ptr_array_add (labels_ja, label_ja != NULL ? label_ja : g_strdup (""));

      /* Choices are stored one per line, so a value may not hold a line break. */
      if (shirabe_str_is_blank (value) || strpbrk (value, "\r\n") != NULL)
        {
          set_error_at (error, loader, SHIRABE_ERROR_INVALID, object, "choices",
                        _("%s: choice %u must be a value on one line, as text or as "
                          "{ \"value\": … }"), what, i + 1);
          return FALSE;
        }
      if (strpbrk (labels_en->pdata[labels_en->len - 1], "\r\n") != NULL ||
          strpbrk (labels_ja->pdata[labels_ja->len - 1], "\r\n") != NULL)
        {
          set_error_at (error, loader, SHIRABE_ERROR_INVALID, object, "choices",
                        _("%s: the labels of choice %u must be on one line"), what, i + 1);
          return FALSE;
        }
      for (guint j = 0; j + 1 < values->len; j++)
        if (strcmp (values->pdata[j], value) == 0)
          {
            set_error_at (error, loader, SHIRABE_ERROR_INVALID, object, "choices",
                          _("%s: the choice “%s” is listed twice"), what, value);
            return FALSE;
          }
    }

  g_ptr_array_add (values, NULL);
  g_ptr_array_add (labels_en, NULL);
  g_ptr_array_add (labels_ja, NULL);
  attribute->choices = (char **) g_ptr_array_free (g_steal_pointer (&values), FALSE);
  attribute->choice_labels_en = (char **) g_ptr_array_free (g_steal_pointer (&labels_en), FALSE);
  attribute->choice_labels_ja = (char **) g_ptr_array_free (g_steal_pointer (&labels_ja), FALSE);
  return TRUE;
}

static gboolean
read_attribute (Loader      *loader,
                JsonObject  *object,
                const char  *path,
                GError     **error)
{
  ShirabeTemplateAttribute *attribute = g_new0 (ShirabeTemplateAttribute, 1);
  g_autofree char *what = NULL;
  g_autofree char *scope = NULL;
  g_autofree char *type = NULL;
  g_autofree char *scoped_var_name = NULL;
  JsonArray *choices = NULL;

  g_ptr_array_add (loader->self->attributes, attribute);

  if (!get_text_or_empty (loader, object, "name_en", path, &attribute->name_en, error) ||
      !get_text_or_empty (loader, object, "name_ja", path, &attribute->name_ja, error))
    return FALSE;
  if (shirabe_str_is_blank (attribute->name_en) && shirabe_str_is_blank (attribute->name_ja))
    {
      set_error_at (error, loader, SHIRABE_ERROR_INVALID, object, NULL,
                    _("the attribute at %s has no name: give “name_en”, “name_ja” or both"),
                    path);
      return FALSE;
    }
  /* Translators: names an attribute of a template file in messages about it */
  what = g_strdup_printf (_("attribute “%s”"),
                          pick (attribute->name_en, attribute->name_ja, shirabe_message_language ()));

  if (!get_text (loader, object, "uuid", what, &attribute->uuid, error) ||
      (attribute->uuid != NULL && !take_uuid (loader, object, what, &attribute->uuid, error)) ||
      !get_text_or_empty (loader, object, "description_en", what, &attribute->description_en,
                          error) ||
      !get_text_or_empty (loader, object, "description_ja", what, &attribute->description_ja,
                          error) ||
      !get_text (loader, object, "var_name", what, &attribute->var_name, error) ||
      !get_text (loader, object, "scope", what, &scope, error) ||
      !get_text (loader, object, "type", what, &type, error) ||
      !get_array (loader, object, "choices", what, &choices, error))
    return FALSE;

  if (attribute->var_name == NULL || !shirabe_var_name_is_valid (attribute->var_name))
    {
      set_error_at (error, loader, SHIRABE_ERROR_INVALID, object, "var_name",
                    _("%s needs a “var_name” of ASCII letters, digits and underscores, starting "
                      "with a letter, at most 32 characters"), what);
      return FALSE;
    }

  if (scope == NULL || strcmp (scope, "case") == 0)
    attribute->scope = SHIRABE_SCOPE_CASE;
  else if (strcmp (scope, "narrative") == 0)
    attribute->scope = SHIRABE_SCOPE_NARRATIVE;
  else
    {
      set_error_at (error, loader, SHIRABE_ERROR_INVALID, object, "scope",
                    _("%s: the scope “%s” is neither “case” nor “narrative”"), what, scope);
      return FALSE;
    }

  scoped_var_name = g_strconcat (shirabe_attribute_scope_to_string (attribute->scope), "/",
                                 attribute->var_name, NULL);
  if (!g_hash_table_add (loader->attribute_var_names, g_steal_pointer (&scoped_var_name)))
    {
      set_error_at (error, loader, SHIRABE_ERROR_INVALID, object, "var_name",
                    _("%s: the variable name “%s” is used by another attribute of the template"),
                    what, attribute->var_name);
      return FALSE;
    }

  if (type == NULL || !shirabe_attribute_type_from_string (type, &attribute->type))
    {
      set_error_at (error, loader, SHIRABE_ERROR_INVALID, object, "type",
                    _("%s: the type must be one of text, integer, number, date, boolean and "
                      "choice"), what);
      return FALSE;
    }

  if (attribute->type == SHIRABE_ATTRIBUTE_CHOICE)
    {
      if (choices == NULL || json_array_get_length (choices) == 0)
        {
          set_error_at (error, loader, SHIRABE_ERROR_INVALID, object, "type",
                        _("%s is a choice but lists no “choices”"), what);
          return FALSE;
        }
      return read_choices (loader, object, choices, what, attribute, error);
    }
  if (choices != NULL && json_array_get_length (choices) > 0)
    {
      set_error_at (error, loader, SHIRABE_ERROR_INVALID, object, "choices",
                    _("%s has “choices” but its type is “%s”, not “choice”"), what, type);
      return FALSE;
    }
  attribute->choices = g_new0 (char *, 1);
  attribute->choice_labels_en = g_new0 (char *, 1);
  attribute->choice_labels_ja = g_new0 (char *, 1);
  return TRUE;
}

static gboolean
read_template (Loader      *loader,
               JsonObject  *root,
               GError     **error)
{
  ShirabeTemplate *self = loader->self;
  const char *what = _("the template");
  g_autofree char *format = NULL;
  JsonNode *version;
  JsonArray *codes = NULL;
  JsonArray *attributes = NULL;
  gint64 number;

  if (!get_text (loader, root, "format", what, &format, error))
    return FALSE;
  if (format != NULL && strcmp (format, TEMPLATE_FORMAT) != 0)
    {
      set_error_at (error, loader, SHIRABE_ERROR_INVALID, root, "format",
                    _("the format is “%s”, not “%s”: this is not a Shirabe template"),
                    format, TEMPLATE_FORMAT);
      return FALSE;
    }

  version = json_object_get_member (root, "version");
  if (version == NULL || !JSON_NODE_HOLDS_VALUE (version) ||
      json_node_get_value_type (version) != G_TYPE_INT64)
    {
      set_error_at (error, loader, SHIRABE_ERROR_INVALID, root, "version",
                    _("“version” is missing or is not a whole number: this is not a Shirabe "
                      "template"));
      return FALSE;
    }
  number = json_node_get_int (version);
  if (number > SHIRABE_TEMPLATE_VERSION)
    {
      set_error_at (error, loader, SHIRABE_ERROR_TOO_NEW, root, "version",
                    _("the template is of version %" PRId64 ", written by a newer "
                      "Shirabe; this one reads up to version %d"),
                    number, SHIRABE_TEMPLATE_VERSION);
      return FALSE;
    }
  if (number < 1)
    {
      set_error_at (error, loader, SHIRABE_ERROR_INVALID, root, "version",
                    _("“version” must be 1 or more"));
      return FALSE;
    }

  if (!get_text (loader, root, "id", what, &self->id, error) ||
      !get_text_or_empty (loader, root, "name_en", what, &self->name_en, error) ||
      !get_text_or_empty (loader, root, "name_ja", what, &self->name_ja, error) ||
      !get_text_or_empty (loader, root, "description_en", what, &self->description_en, error) ||
      !get_text_or_empty (loader, root, "description_ja", what, &self->description_ja, error) ||
      !get_array (loader, root, "codes", what, &codes, error) ||
      !get_array (loader, root, "attributes", what, &attributes, error))
    return FALSE;

  if (codes == NULL)
    {
      set_error_at (error, loader, SHIRABE_ERROR_INVALID, root, NULL,
                    _("the template has no “codes” list"));
      return FALSE;
    }
  if (!read_codes (loader, root, "codes", codes, NULL, 0, "codes", error))
    return FALSE;

  for (guint i = 0; attributes != NULL && i < json_array_get_length (attributes); i++)
    {
      JsonNode *node = json_array_get_element (attributes, i);
      g_autofree char *path = g_strdup_printf ("attributes[%u]", i);

      if (!JSON_NODE_HOLDS_OBJECT (node))
        {
          set_error_at (error, loader, SHIRABE_ERROR_INVALID, root, "attributes",
                        _("%s is not an attribute: each attribute is an object in braces {…}"),
                        path);
          return FALSE;
        }
      if (!read_attribute (loader, json_node_get_object (node), path, error))
        return FALSE;
    }
  return TRUE;
}

/* json-glib's messages begin with "<data>:LINE:COLUMN: "; the location is given separately. */
static const char *
skip_json_location (const char *message)
{
  const char *p = message;

  if (!g_str_has_prefix (p, "<data>:"))
    return message;
  p += strlen ("<data>:");
  for (int i = 0; i < 2; i++)
    {
      if (!g_ascii_isdigit (*p))
        return message;
      while (g_ascii_isdigit (*p))
        p++;
      if (*p++ != ':')
        return message;
    }
  while (*p == ' ')
    p++;
  return p;
}

static char *
id_from_display_name (const char *display_name)
{
  g_autofree char *base = g_path_get_basename (display_name);
  char *dot = strrchr (base, '.');

  if (dot != NULL && dot != base)
    *dot = '\0';
  return g_steal_pointer (&base);
}

/**
 * shirabe_template_new_from_bytes:
 * @bytes: the JSON text
 * @display_name: the file's name, for messages
 *
 * Parses and checks a template. A malformed file is refused with a message that names the
 * file and the line: JSON syntax, a code without a label or a UUID, a bad colour, a variable
 * name or a UUID used twice, a version newer than this Shirabe reads.
 *
 * Returns: (transfer full): the template, or %NULL with @error set
 */
ShirabeTemplate *
shirabe_template_new_from_bytes (GBytes      *bytes,
                                 const char  *display_name,
                                 GError     **error)
{
  g_autoptr(ShirabeTemplate) self = NULL;
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) local_error = NULL;
  Loader loader = { 0 };
  const char *data;
  gsize size;
  JsonNode *root;
  gboolean ok;

  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (display_name != NULL, NULL);

  data = g_bytes_get_data (bytes, &size);
  /* Editors on Windows write a BOM, which json-glib does not expect. */
  if (size >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    {
      data += 3;
      size -= 3;
    }
  /* Nothing to read (found by fuzz-template: json-glib asserts on it). */
  if (data == NULL || size == 0)
    {
      g_set_error (error, SHIRABE_ERROR, SHIRABE_ERROR_EMPTY, _("“%s” is empty"), display_name);
      return NULL;
    }

  if (shirabe_json_depth_exceeds (data, size, SHIRABE_JSON_MAX_DEPTH))
    {
      g_set_error (error, SHIRABE_ERROR, SHIRABE_ERROR_INVALID,
                   _("“%s” is not a Shirabe template: its arrays and objects nest deeper than %u "
                     "levels"), display_name, (guint) SHIRABE_JSON_MAX_DEPTH);
      return NULL;
    }

  loader.display_name = display_name;
  loader.lines = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_hash_table_unref);
  parser = json_parser_new ();
  g_signal_connect (parser, "object-member", G_CALLBACK (on_object_member), &loader);
  g_signal_connect (parser, "error", G_CALLBACK (on_parse_error), &loader);
  ok = json_parser_load_from_data (parser, data, size, &local_error);
  g_signal_handlers_disconnect_by_data (parser, &loader);

  if (!ok)
    {
      /* Translators: the last %s is json-glib's own description of the syntax error */
      if (local_error == NULL)
        g_set_error (error, SHIRABE_ERROR, SHIRABE_ERROR_EMPTY, _("“%s” is empty"),
                     display_name);
      else if (loader.error_line > 0)
        g_set_error (error, SHIRABE_ERROR, SHIRABE_ERROR_INVALID,
                     _("“%s” is not valid JSON: line %u, column %u: %s"),
                     display_name, loader.error_line, loader.error_column,
                     skip_json_location (local_error->message));
      else
        g_set_error (error, SHIRABE_ERROR, SHIRABE_ERROR_INVALID,
                     _("“%s” is not valid JSON: %s"), display_name,
                     skip_json_location (local_error->message));
      g_hash_table_unref (loader.lines);
      return NULL;
    }

  root = json_parser_get_root (parser);
  if (root == NULL)
    {
      g_set_error (error, SHIRABE_ERROR, SHIRABE_ERROR_EMPTY, _("“%s” is empty"), display_name);
      g_hash_table_unref (loader.lines);
      return NULL;
    }
  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error (error, SHIRABE_ERROR, SHIRABE_ERROR_INVALID,
                   _("“%s” is not a Shirabe template: it does not hold a JSON object {…}"),
                   display_name);
      g_hash_table_unref (loader.lines);
      return NULL;
    }

  self = shirabe_template_new_empty ();
  loader.self = self;
  loader.uuids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  loader.code_var_names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  loader.attribute_var_names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  ok = read_template (&loader, json_node_get_object (root), error);
  g_hash_table_unref (loader.lines);
  g_hash_table_unref (loader.uuids);
  g_hash_table_unref (loader.code_var_names);
  g_hash_table_unref (loader.attribute_var_names);
  if (!ok)
    return NULL;

  if (shirabe_str_is_blank (self->id))
    {
      g_free (self->id);
      self->id = id_from_display_name (display_name);
    }
  return g_steal_pointer (&self);
}

/* Templates come by mail and shared drives: only a regular file of reasonable size is read. The
 * file is opened without blocking and its type checked on the open descriptor, so that a FIFO or
 * a device (/dev/zero) is refused at once instead of hanging or reading without end. */
static gboolean
read_template_file (const char  *path,
                    const char  *display_name,
                    char       **contents,
                    gsize       *length,
                    GError     **error)
{
  g_autofree char *data = NULL;
  struct stat st;
  gsize done = 0;
  int fd;

  fd = g_open (path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC, 0);
  if (fd < 0)
    {
      int saved_errno = errno;

      if (saved_errno == ENOENT)
        g_set_error (error, SHIRABE_ERROR, SHIRABE_ERROR_NOT_FOUND,
                     _("The template file “%s” does not exist"), display_name);
      else
        g_set_error (error, SHIRABE_ERROR, SHIRABE_ERROR_FAILED,
                     _("Cannot read the template “%s”: %s"), display_name,
                     g_strerror (saved_errno));
      return FALSE;
    }
  if (fstat (fd, &st) != 0 || !S_ISREG (st.st_mode))
    {
      close (fd);
      g_set_error (error, SHIRABE_ERROR, SHIRABE_ERROR_INVALID,
                   _("“%s” is not a Shirabe template: it is not a regular file"), display_name);
      return FALSE;
    }
  if (st.st_size > SHIRABE_TEMPLATE_MAX_SIZE)
    {
      close (fd);
      g_set_error (error, SHIRABE_ERROR, SHIRABE_ERROR_INVALID,
                   _("“%s” is not a Shirabe template: it is larger than %u MB"), display_name,
                   (guint) (SHIRABE_TEMPLATE_MAX_SIZE / (1024 * 1024)));
      return FALSE;
    }

  data = g_malloc ((gsize) st.st_size + 1);
  while (done < (gsize) st.st_size)
    {
      gssize n = read (fd, data + done, (gsize) st.st_size - done);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          int saved_errno = errno;

          close (fd);
          g_set_error (error, SHIRABE_ERROR, SHIRABE_ERROR_FAILED,
                       _("Cannot read the template “%s”: %s"), display_name,
                       g_strerror (saved_errno));
          return FALSE;
        }
      if (n == 0)
        break;  /* the file shrank while being read: parse what is there */
      done += (gsize) n;
    }
  close (fd);
  data[done] = '\0';
  *contents = g_steal_pointer (&data);
  *length = done;
  return TRUE;
}

/**
 * shirabe_template_new_from_file:
 *
 * Reads a template file; see shirabe_template_new_from_bytes().
 */
ShirabeTemplate *
shirabe_template_new_from_file (const char  *path,
                                GError     **error)
{
  g_autofree char *display_name = NULL;
  g_autofree char *data = NULL;
  g_autoptr(GBytes) bytes = NULL;
  gsize size = 0;

  g_return_val_if_fail (path != NULL, NULL);

  display_name = g_filename_display_name (path);
  if (!read_template_file (path, display_name, &data, &size, error))
    return NULL;
  bytes = g_bytes_new_take (g_steal_pointer (&data), size);
  return shirabe_template_new_from_bytes (bytes, display_name, error);
}

/* Finding bundled templates */

/* Where templates are looked for, in order: $SHIRABE_TEMPLATE_DIR (a list, for tests and
 * uninstalled builds), the user's own (~/.local/share/shirabe/templates), the installed ones,
 * then the system data directories (which include a Flatpak's /app/share). */
static GPtrArray *
template_dirs (void)
{
  GPtrArray *dirs = g_ptr_array_new_with_free_func (g_free);
  const char *env = g_getenv ("SHIRABE_TEMPLATE_DIR");
  const char * const *system_dirs = g_get_system_data_dirs ();

  if (env != NULL)
    {
      g_auto(GStrv) parts = g_strsplit (env, G_SEARCHPATH_SEPARATOR_S, -1);

      for (guint i = 0; parts[i] != NULL; i++)
        if (*parts[i] != '\0')
          g_ptr_array_add (dirs, g_strdup (parts[i]));
    }
  g_ptr_array_add (dirs, g_build_filename (g_get_user_data_dir (), "shirabe", "templates", NULL));
#ifdef SHIRABE_DATADIR
  g_ptr_array_add (dirs, g_build_filename (SHIRABE_DATADIR, "templates", NULL));
#endif
  for (guint i = 0; system_dirs[i] != NULL; i++)
    g_ptr_array_add (dirs, g_build_filename (system_dirs[i], "shirabe", "templates", NULL));
  return dirs;
}

static gboolean
template_name_is_valid (const char *name)
{
  if (name == NULL || *name == '\0' || *name == '.')
    return FALSE;
  for (const char *p = name; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && *p != '_' && *p != '-' && *p != '.')
      return FALSE;
  return TRUE;
}

/**
 * shirabe_template_find:
 * @name: a template's name, such as "tip" (the file is NAME.json)
 *
 * Returns: (transfer full) (nullable): the path of the first NAME.json found in the
 *   template directories, or %NULL
 */
char *
shirabe_template_find (const char *name)
{
  g_autoptr(GPtrArray) dirs = NULL;
  g_autofree char *file_name = NULL;

  if (!template_name_is_valid (name))
    return NULL;

  dirs = template_dirs ();
  file_name = g_strconcat (name, ".json", NULL);
  for (guint i = 0; i < dirs->len; i++)
    {
      g_autofree char *path = g_build_filename (dirs->pdata[i], file_name, NULL);

      if (g_file_test (path, G_FILE_TEST_IS_REGULAR))
        return g_steal_pointer (&path);
    }
  return NULL;
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

char **
shirabe_template_list_names (void)
{
  g_autoptr(GPtrArray) dirs = template_dirs ();
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  GPtrArray *names = g_ptr_array_new ();

  for (guint i = 0; i < dirs->len; i++)
    {
      g_autoptr(GDir) dir = g_dir_open (dirs->pdata[i], 0, NULL);
      const char *entry;

      while (dir != NULL && (entry = g_dir_read_name (dir)) != NULL)
        {
          char *name;

          if (!g_str_has_suffix (entry, ".json"))
            continue;
          name = g_strndup (entry, strlen (entry) - strlen (".json"));
          if (!template_name_is_valid (name) || g_hash_table_contains (seen, name))
            {
              g_free (name);
              continue;
            }
          g_hash_table_add (seen, name);
          g_ptr_array_add (names, name);
        }
    }
  g_ptr_array_sort (names, compare_strings);
  g_ptr_array_add (names, NULL);
  return (char **) g_ptr_array_free (names, FALSE);
}

/**
 * shirabe_template_load:
 * @name_or_path: "tip", or a path such as "schemes/mine.json"
 *
 * Returns: (transfer full): the template, or %NULL with @error set (a name that is not found
 *   is reported with the names that are)
 */
ShirabeTemplate *
shirabe_template_load (const char  *name_or_path,
                       GError     **error)
{
  g_autofree char *path = NULL;

  g_return_val_if_fail (name_or_path != NULL, NULL);

  if (strchr (name_or_path, '/') != NULL || strchr (name_or_path, G_DIR_SEPARATOR) != NULL ||
      g_str_has_suffix (name_or_path, ".json"))
    return shirabe_template_new_from_file (name_or_path, error);

  path = shirabe_template_find (name_or_path);
  if (path == NULL)
    {
      g_auto(GStrv) names = shirabe_template_list_names ();

      if (names[0] != NULL)
        {
          g_autofree char *list = g_strjoinv (", ", names);
          g_set_error (error, SHIRABE_ERROR, SHIRABE_ERROR_NOT_FOUND,
                       _("There is no template called “%s”; the templates available are: %s"),
                       name_or_path, list);
        }
      else
        g_set_error (error, SHIRABE_ERROR, SHIRABE_ERROR_NOT_FOUND,
                     _("There is no template called “%s”, and no templates were found; give "
                       "the path of a template file instead"),
                     name_or_path);
      return NULL;
    }
  return shirabe_template_new_from_file (path, error);
}
