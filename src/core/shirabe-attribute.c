/* shirabe-attribute.c: typed attributes of cases and narratives, and their values
 *
 * Values are stored with SQLite's own types (integer, real, text) so that exports write
 * numbers as numbers; dates are ISO 8601 text, booleans 0 or 1.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "shirabe-i18n.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <json-glib/json-glib.h>

#include "shirabe-attribute.h"
#include "shirabe-code.h"
#include "shirabe-json-private.h"
#include "shirabe-project-private.h"

G_DEFINE_BOXED_TYPE (ShirabeAttribute, shirabe_attribute, shirabe_attribute_copy,
                     shirabe_attribute_free)

static const char *const type_names[] = { "text", "integer", "number", "date", "boolean", "choice" };
static const char *const scope_names[] = { "case", "narrative" };

ShirabeAttribute *
shirabe_attribute_copy (const ShirabeAttribute *self)
{
  ShirabeAttribute *copy = g_memdup2 (self, sizeof *self);

  copy->uuid = g_strdup (self->uuid);
  copy->name_en = g_strdup (self->name_en);
  copy->name_ja = g_strdup (self->name_ja);
  copy->description_en = g_strdup (self->description_en);
  copy->description_ja = g_strdup (self->description_ja);
  copy->var_name = g_strdup (self->var_name);
  copy->choices = g_strdupv (self->choices);
  copy->choice_labels_en = g_strdupv (self->choice_labels_en);
  copy->choice_labels_ja = g_strdupv (self->choice_labels_ja);
  return copy;
}

void
shirabe_attribute_free (ShirabeAttribute *self)
{
  if (self == NULL)
    return;
  g_free (self->uuid);
  g_free (self->name_en);
  g_free (self->name_ja);
  g_free (self->description_en);
  g_free (self->description_ja);
  g_free (self->var_name);
  g_strfreev (self->choices);
  g_strfreev (self->choice_labels_en);
  g_strfreev (self->choice_labels_ja);
  g_free (self);
}

void
shirabe_attribute_value_free (ShirabeAttributeValue *self)
{
  if (self == NULL)
    return;
  g_free (self->name_en);
  g_free (self->name_ja);
  g_free (self->var_name);
  g_free (self->value);
  g_free (self->value_label_en);
  g_free (self->value_label_ja);
  g_free (self);
}

const char *
shirabe_attribute_type_to_string (ShirabeAttributeType type)
{
  g_return_val_if_fail (type < G_N_ELEMENTS (type_names), "text");
  return type_names[type];
}

gboolean
shirabe_attribute_type_from_string (const char           *text,
                                    ShirabeAttributeType *type)
{
  for (guint i = 0; i < G_N_ELEMENTS (type_names); i++)
    if (g_strcmp0 (text, type_names[i]) == 0)
      {
        *type = i;
        return TRUE;
      }
  return FALSE;
}

const char *
shirabe_attribute_type_to_label (ShirabeAttributeType type)
{
  switch (type)
    {
    case SHIRABE_ATTRIBUTE_INTEGER:
      return C_("attribute type", "Whole number");
    case SHIRABE_ATTRIBUTE_NUMBER:
      return C_("attribute type", "Number");
    case SHIRABE_ATTRIBUTE_DATE:
      return C_("attribute type", "Date");
    case SHIRABE_ATTRIBUTE_BOOLEAN:
      return C_("attribute type", "Yes or no");
    case SHIRABE_ATTRIBUTE_CHOICE:
      return C_("attribute type", "Choice");
    case SHIRABE_ATTRIBUTE_TEXT:
    default:
      return C_("attribute type", "Text");
    }
}

const char *
shirabe_attribute_scope_to_string (ShirabeAttributeScope scope)
{
  g_return_val_if_fail (scope < G_N_ELEMENTS (scope_names), "case");
  return scope_names[scope];
}

const char *
shirabe_choice_label_pick (const char *label,
                           const char *other,
                           const char *value)
{
  if (label != NULL && *label != '\0')
    return label;
  if (other != NULL && *other != '\0')
    return other;
  return value;
}

const char *
shirabe_attribute_get_choice_label (const ShirabeAttribute *self,
                                    const char             *value,
                                    ShirabeLanguage         language)
{
  g_return_val_if_fail (self != NULL, value);

  for (guint i = 0; value != NULL && self->choices != NULL && self->choices[i] != NULL; i++)
    if (strcmp (self->choices[i], value) == 0)
      {
        const char *en = self->choice_labels_en != NULL ? self->choice_labels_en[i] : NULL;
        const char *ja = self->choice_labels_ja != NULL ? self->choice_labels_ja[i] : NULL;

        return language == SHIRABE_LANGUAGE_JA ? shirabe_choice_label_pick (ja, en, value)
                                               : shirabe_choice_label_pick (en, ja, value);
      }
  return value;
}

/* Choice labels: the column `choice_labels` (see shirabe-schema.c) */

/* The object of a `choice_labels` cell, or NULL when it is empty or not an object. */
static JsonNode *
parse_choice_labels (const char *text)
{
  g_autoptr(JsonParser) parser = NULL;
  JsonNode *root;

  if (text == NULL || *text == '\0')
    return NULL;
  /* A cell nested deeper than any labels need (a planted one) would overflow the stack of
   * json-glib's recursive parser: it counts as no labels, as any other malformed cell. */
  if (shirabe_json_depth_exceeds (text, -1, SHIRABE_JSON_MAX_DEPTH))
    return NULL;
  parser = json_parser_new ();
  if (!json_parser_load_from_data (parser, text, -1, NULL))
    return NULL;
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return NULL;
  return json_node_copy (root);
}

/* @value's label in @language ("en" or "ja") from a parsed `choice_labels`; "" when none. */
static char *
dup_choice_label (JsonNode   *labels,
                  const char *value,
                  const char *language)
{
  JsonObject *object = labels != NULL ? json_node_get_object (labels) : NULL;
  JsonNode *entry;
  JsonNode *label;

  if (object == NULL || value == NULL ||
      (entry = json_object_get_member (object, value)) == NULL || !JSON_NODE_HOLDS_OBJECT (entry))
    return g_strdup ("");
  label = json_object_get_member (json_node_get_object (entry), language);
  if (label == NULL || !JSON_NODE_HOLDS_VALUE (label) ||
      json_node_get_value_type (label) != G_TYPE_STRING)
    return g_strdup ("");
  return g_strdup (json_node_get_string (label));
}

/* Fills the label arrays parallel to @self->choices from a `choice_labels` cell. */
static void
read_choice_labels (ShirabeAttribute *self,
                    const char       *text)
{
  g_autoptr(JsonNode) labels = parse_choice_labels (text);
  guint n = g_strv_length (self->choices);

  self->choice_labels_en = g_new0 (char *, n + 1);
  self->choice_labels_ja = g_new0 (char *, n + 1);
  for (guint i = 0; i < n; i++)
    {
      self->choice_labels_en[i] = dup_choice_label (labels, self->choices[i], "en");
      self->choice_labels_ja[i] = dup_choice_label (labels, self->choices[i], "ja");
    }
}

/* The `choice_labels` cell for labels parallel to @choices: "" when no choice has one. */
static char *
write_choice_labels (char **choices,
                     char **labels_en,
                     char **labels_ja)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = NULL;
  g_autoptr(JsonNode) root = NULL;
  gboolean any = FALSE;

  json_builder_begin_object (builder);
  for (guint i = 0; choices != NULL && choices[i] != NULL; i++)
    {
      gboolean has_en = labels_en[i] != NULL && *labels_en[i] != '\0';
      gboolean has_ja = labels_ja[i] != NULL && *labels_ja[i] != '\0';

      if (!has_en && !has_ja)
        continue;
      any = TRUE;
      json_builder_set_member_name (builder, choices[i]);
      json_builder_begin_object (builder);
      if (has_en)
        {
          json_builder_set_member_name (builder, "en");
          json_builder_add_string_value (builder, labels_en[i]);
        }
      if (has_ja)
        {
          json_builder_set_member_name (builder, "ja");
          json_builder_add_string_value (builder, labels_ja[i]);
        }
      json_builder_end_object (builder);
    }
  json_builder_end_object (builder);
  if (!any)
    return g_strdup ("");
  root = json_builder_get_root (builder);
  generator = json_generator_new ();
  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, NULL);
}

static gboolean
parse_date (const char  *text,
            char       **normalized)
{
  static const char pattern[] = "dddd-dd-dd";
  int year, month, day;

  if (strlen (text) != strlen (pattern))
    return FALSE;
  for (guint i = 0; pattern[i] != '\0'; i++)
    if (pattern[i] == 'd' ? !g_ascii_isdigit (text[i]) : text[i] != pattern[i])
      return FALSE;
  year = atoi (text);
  month = atoi (text + 5);
  day = atoi (text + 8);
  if (year < 1 || !g_date_valid_dmy (day, month, year))
    return FALSE;
  *normalized = g_strdup (text);
  return TRUE;
}

/**
 * shirabe_attribute_parse_value:
 *
 * Checks @text against @type. Integers and numbers are written in C notation (1234, -5,
 * 3.25); dates as YYYY-MM-DD; booleans as true/false, yes/no, 1/0 or はい/いいえ.
 */
gboolean
shirabe_attribute_parse_value (ShirabeAttributeType   type,
                               const char * const    *choices,
                               const char            *text,
                               char                 **normalized,
                               GError               **error)
{
  g_autofree char *stripped = g_strstrip (g_strdup (text ? text : ""));

  if (!shirabe_check_utf8 (text, error))
    return FALSE;
  switch (type)
    {
    case SHIRABE_ATTRIBUTE_TEXT:
      *normalized = g_strdup (text ? text : "");
      return TRUE;

    case SHIRABE_ATTRIBUTE_INTEGER:
      {
        gint64 value;
        char *end = NULL;

        errno = 0;
        value = g_ascii_strtoll (stripped, &end, 10);
        if (*stripped != '\0' && end != NULL && *end == '\0' && errno == 0)
          {
            *normalized = g_strdup_printf ("%" G_GINT64_FORMAT, value);
            return TRUE;
          }
        g_set_error (error, SHIRABE_ERROR, SHIRABE_ERROR_INVALID,
                     _("“%s” is not a whole number"), text);
        return FALSE;
      }

    case SHIRABE_ATTRIBUTE_NUMBER:
      {
        double value;
        char *end = NULL;

        errno = 0;
        value = g_ascii_strtod (stripped, &end);
        if (*stripped != '\0' && end != NULL && *end == '\0' && errno == 0 && isfinite (value))
          {
            char buffer[G_ASCII_DTOSTR_BUF_SIZE];
            *normalized = g_strdup (g_ascii_dtostr (buffer, sizeof buffer, value));
            return TRUE;
          }
        g_set_error (error, SHIRABE_ERROR, SHIRABE_ERROR_INVALID,
                     _("“%s” is not a number (write decimals with a point, as in 3.5)"), text);
        return FALSE;
      }

    case SHIRABE_ATTRIBUTE_DATE:
      if (parse_date (stripped, normalized))
        return TRUE;
      g_set_error (error, SHIRABE_ERROR, SHIRABE_ERROR_INVALID,
                   _("“%s” is not a date; write it as YYYY-MM-DD, for example 2019-04-01"), text);
      return FALSE;

    case SHIRABE_ATTRIBUTE_BOOLEAN:
      {
        static const char *const yes[] = { "true", "yes", "1", "y", "はい", "真" };
        static const char *const no[] = { "false", "no", "0", "n", "いいえ", "偽" };
        g_autofree char *lower = g_utf8_strdown (stripped, -1);

        for (guint i = 0; i < G_N_ELEMENTS (yes); i++)
          {
            if (strcmp (lower, yes[i]) == 0)
              {
                *normalized = g_strdup ("1");
                return TRUE;
              }
            if (strcmp (lower, no[i]) == 0)
              {
                *normalized = g_strdup ("0");
                return TRUE;
              }
          }
        g_set_error (error, SHIRABE_ERROR, SHIRABE_ERROR_INVALID,
                     _("“%s” is not yes or no (write true or false)"), text);
        return FALSE;
      }

    case SHIRABE_ATTRIBUTE_CHOICE:
      if (choices != NULL && g_strv_contains (choices, stripped))
        {
          *normalized = g_strdup (stripped);
          return TRUE;
        }
      {
        g_autofree char *allowed = choices ? g_strjoinv (", ", (char **) choices) : g_strdup ("");
        g_set_error (error, SHIRABE_ERROR, SHIRABE_ERROR_INVALID,
                     _("“%s” is not one of the choices: %s"), text, allowed);
      }
      return FALSE;

    default:
      g_return_val_if_reached (FALSE);
    }
}

#define ATTRIBUTE_COLUMNS \
  "id, uuid, scope, name_en, name_ja, description_en, description_ja, var_name, type," \
  " choices, position, choice_labels"

static ShirabeAttribute *
attribute_from_row (sqlite3_stmt *stmt)
{
  ShirabeAttribute *self = g_new0 (ShirabeAttribute, 1);
  const char *choices;

  self->id = sqlite3_column_int64 (stmt, 0);
  self->uuid = shirabe_column_dup_text (stmt, 1);
  self->scope = g_strcmp0 ((const char *) sqlite3_column_text (stmt, 2), "narrative") == 0
                ? SHIRABE_SCOPE_NARRATIVE : SHIRABE_SCOPE_CASE;
  self->name_en = shirabe_column_dup_text (stmt, 3);
  self->name_ja = shirabe_column_dup_text (stmt, 4);
  self->description_en = shirabe_column_dup_text (stmt, 5);
  self->description_ja = shirabe_column_dup_text (stmt, 6);
  self->var_name = shirabe_column_dup_text (stmt, 7);
  if (!shirabe_attribute_type_from_string ((const char *) sqlite3_column_text (stmt, 8),
                                           &self->type))
    self->type = SHIRABE_ATTRIBUTE_TEXT;
  /* Choices are kept one per line. */
  choices = (const char *) sqlite3_column_text (stmt, 9);
  self->choices = choices && *choices ? g_strsplit (choices, "\n", -1) : g_new0 (char *, 1);
  self->position = sqlite3_column_int (stmt, 10);
  read_choice_labels (self, (const char *) sqlite3_column_text (stmt, 11));
  return self;
}

/* A variable name free in @scope: "age", "age_2", or "attribute_3" for a Japanese-only name. */
static char *
unique_var_name (ShirabeProject         *project,
                 ShirabeAttributeScope   scope,
                 const char             *name,
                 GError                **error)
{
  g_autofree char *base = shirabe_var_name_from_label (name);
  sqlite3_stmt *stmt;

  if (base == NULL)
    base = g_strdup ("attribute");

  for (guint i = 1; i < G_MAXUINT; i++)
    {
      g_autofree char *candidate = NULL;
      GError *local_error = NULL;
      gint64 taken;

      if (i == 1)
        candidate = g_strdup (base);
      else
        {
          g_autofree char *suffix = g_strdup_printf ("_%u", i);
          g_autofree char *stem = g_strndup (base, 32 - strlen (suffix));
          candidate = g_strconcat (stem, suffix, NULL);
        }
      stmt = shirabe_project_prepare (project,
                                      "SELECT id FROM attribute WHERE scope = ?1 AND var_name = ?2",
                                      error);
      if (stmt == NULL)
        return NULL;
      shirabe_bind_text (stmt, 1, shirabe_attribute_scope_to_string (scope));
      shirabe_bind_text (stmt, 2, candidate);
      taken = shirabe_project_query_id (project, stmt, &local_error);
      if (local_error != NULL)
        {
          g_propagate_error (error, local_error);
          return NULL;
        }
      if (taken == 0)
        return g_steal_pointer (&candidate);
    }
  g_assert_not_reached ();
}

/**
 * shirabe_project_add_attribute:
 * @var_name: (nullable): the statistics name; made from the names when %NULL
 * @choices: (nullable): the allowed values of a choice attribute
 *
 * Returns: the new attribute's id, or 0 with @error set
 */
gint64
shirabe_project_add_attribute (ShirabeProject         *project,
                               ShirabeAttributeScope   scope,
                               const char             *name_en,
                               const char             *name_ja,
                               const char             *var_name,
                               ShirabeAttributeType    type,
                               const char * const     *choices,
                               GError                **error)
{
  g_autofree char *uuid = NULL;
  g_autofree char *now = NULL;
  g_autofree char *made_var_name = NULL;
  g_autofree char *joined_choices = NULL;
  g_autofree char *label = NULL;
  sqlite3_stmt *stmt;
  gint64 id = 0;

  g_return_val_if_fail (SHIRABE_IS_PROJECT (project), 0);

  if (!shirabe_check_utf8 (name_en, error) ||
      !shirabe_check_utf8 (name_ja, error))
    return 0;

  name_en = shirabe_str_is_blank (name_en) ? "" : name_en;
  name_ja = shirabe_str_is_blank (name_ja) ? "" : name_ja;
  if (*name_en == '\0' && *name_ja == '\0')
    {
      g_set_error_literal (error, SHIRABE_ERROR, SHIRABE_ERROR_INVALID,
                           _("An attribute needs a name in English or Japanese"));
      return 0;
    }
  if (var_name == NULL)
    {
      made_var_name = unique_var_name (project, scope, *name_en ? name_en : name_ja, error);
      if (made_var_name == NULL)
        return 0;
      var_name = made_var_name;
    }
  if (!shirabe_var_name_is_valid (var_name))
    {
      g_set_error (error, SHIRABE_ERROR, SHIRABE_ERROR_INVALID,
                   _("“%s” is not a valid variable name: use ASCII letters, digits and "
                     "underscores, start with a letter, at most 32 characters"),
                   var_name);
      return 0;
    }
  if (type == SHIRABE_ATTRIBUTE_CHOICE && (choices == NULL || choices[0] == NULL))
    {
      g_set_error_literal (error, SHIRABE_ERROR, SHIRABE_ERROR_INVALID,
                           _("A choice attribute needs at least one choice"));
      return 0;
    }

  if (!shirabe_project_begin_edit (project, error))
    return 0;

  uuid = g_uuid_string_random ();
  now = shirabe_now_iso8601 ();
  joined_choices = choices ? g_strjoinv ("\n", (char **) choices) : g_strdup ("");
  stmt = shirabe_project_prepare (project,
                                  "INSERT INTO attribute (uuid, scope, name_en, name_ja, var_name,"
                                  " type, choices, position, created_at)"
                                  " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7,"
                                  "  (SELECT coalesce (max (position) + 1, 0) FROM attribute"
                                  "   WHERE scope = ?2), ?8)",
                                  error);
  if (stmt != NULL)
    {
      int rc;

      shirabe_bind_text (stmt, 1, uuid);
      shirabe_bind_text (stmt, 2, shirabe_attribute_scope_to_string (scope));
      shirabe_bind_text (stmt, 3, name_en);
      shirabe_bind_text (stmt, 4, name_ja);
      shirabe_bind_text (stmt, 5, var_name);
      shirabe_bind_text (stmt, 6, shirabe_attribute_type_to_string (type));
      shirabe_bind_text (stmt, 7, joined_choices);
      shirabe_bind_text (stmt, 8, now);
      rc = sqlite3_step (stmt);
      sqlite3_reset (stmt);
      if (rc == SQLITE_DONE)
        id = sqlite3_last_insert_rowid (shirabe_project_get_db (project));
      else if (rc == SQLITE_CONSTRAINT_UNIQUE)
        g_set_error (error, SHIRABE_ERROR, SHIRABE_ERROR_EXISTS,
                     _("Another attribute already has the variable name “%s”"), var_name);
      else
        shirabe_project_set_sqlite_error (project, rc, error);
    }

  label = g_strdup_printf (_("Add attribute “%s”"), *name_en ? name_en : name_ja);
  if (!shirabe_project_end_edit (project, id != 0, label, id != 0 ? error : NULL))
    return 0;
  return id;
}

/**
 * shirabe_project_set_choice_labels:
 * @values: the choices whose labels change
 * @labels_en: (nullable): parallel to @values; %NULL leaves the English labels
 * @labels_ja: (nullable): parallel to @values; %NULL leaves the Japanese labels
 *
 * Labels are how people read a choice; the stored values, which statistics use, never change.
 */
gboolean
shirabe_project_set_choice_labels (ShirabeProject      *project,
                                   gint64               attribute_id,
                                   const char * const  *values,
                                   const char * const  *labels_en,
                                   const char * const  *labels_ja,
                                   GError             **error)
{
  g_autoptr(ShirabeAttribute) attribute = NULL;
  g_autofree char *text = NULL;
  g_autofree char *label = NULL;
  sqlite3_stmt *stmt;
  gboolean ok = FALSE;

  g_return_val_if_fail (SHIRABE_IS_PROJECT (project), FALSE);
  g_return_val_if_fail (values != NULL, FALSE);

  attribute = shirabe_project_get_attribute (project, attribute_id, error);
  if (attribute == NULL)
    return FALSE;
  for (guint i = 0; values[i] != NULL; i++)
    {
      const char *given[] = { labels_en ? labels_en[i] : NULL, labels_ja ? labels_ja[i] : NULL };
      guint index = 0;

      if (!g_strv_contains ((const char * const *) attribute->choices, values[i]))
        {
          g_set_error (error, SHIRABE_ERROR, SHIRABE_ERROR_INVALID,
                       _("%s: “%s” is not one of the choices"),
                       *attribute->name_en ? attribute->name_en : attribute->name_ja, values[i]);
          return FALSE;
        }
      for (guint j = 0; j < G_N_ELEMENTS (given); j++)
        if (given[j] != NULL && strpbrk (given[j], "\r\n") != NULL)
          {
            g_set_error (error, SHIRABE_ERROR, SHIRABE_ERROR_INVALID,
                         _("%s: the label of “%s” must be on one line"),
                         *attribute->name_en ? attribute->name_en : attribute->name_ja,
                         values[i]);
            return FALSE;
          }
      while (strcmp (attribute->choices[index], values[i]) != 0)
        index++;
      if (given[0] != NULL)
        {
          g_free (attribute->choice_labels_en[index]);
          attribute->choice_labels_en[index] = g_strstrip (g_strdup (given[0]));
        }
      if (given[1] != NULL)
        {
          g_free (attribute->choice_labels_ja[index]);
          attribute->choice_labels_ja[index] = g_strstrip (g_strdup (given[1]));
        }
    }

  if (!shirabe_project_begin_edit (project, error))
    return FALSE;
  text = write_choice_labels (attribute->choices, attribute->choice_labels_en,
                              attribute->choice_labels_ja);
  stmt = shirabe_project_prepare (project,
                                  "UPDATE attribute SET choice_labels = ?1"
                                  " WHERE id = ?2 AND choice_labels IS NOT ?1",
                                  error);
  if (stmt != NULL)
    {
      shirabe_bind_text (stmt, 1, text);
      sqlite3_bind_int64 (stmt, 2, attribute_id);
      ok = shirabe_project_step_done (project, stmt, error);
    }
  /* Translators: an undo step; %s is an attribute's name */
  label = g_strdup_printf (_("Label the choices of “%s”"),
                           *attribute->name_en ? attribute->name_en : attribute->name_ja);
  return shirabe_project_end_edit (project, ok, label, ok ? error : NULL) && ok;
}

gboolean
shirabe_project_set_choice_label (ShirabeProject   *project,
                                  gint64            attribute_id,
                                  const char       *value,
                                  ShirabeLanguage   language,
                                  const char       *label,
                                  GError          **error)
{
  const char *values[] = { value, NULL };
  const char *labels[] = { label != NULL ? label : "", NULL };

  g_return_val_if_fail (value != NULL, FALSE);

  return shirabe_project_set_choice_labels (project, attribute_id, values,
                                            language == SHIRABE_LANGUAGE_EN ? labels : NULL,
                                            language == SHIRABE_LANGUAGE_JA ? labels : NULL,
                                            error);
}

gboolean
shirabe_project_delete_attribute (ShirabeProject  *project,
                                  gint64           attribute_id,
                                  GError         **error)
{
  g_autoptr(ShirabeAttribute) attribute = NULL;
  g_autofree char *label = NULL;
  sqlite3_stmt *stmt;
  gboolean ok = FALSE;

  g_return_val_if_fail (SHIRABE_IS_PROJECT (project), FALSE);

  attribute = shirabe_project_get_attribute (project, attribute_id, error);
  if (attribute == NULL || !shirabe_project_begin_edit (project, error))
    return FALSE;
  stmt = shirabe_project_prepare (project, "DELETE FROM attribute WHERE id = ?1", error);
  if (stmt != NULL)
    {
      sqlite3_bind_int64 (stmt, 1, attribute_id);
      ok = shirabe_project_step_done (project, stmt, error);
    }
  label = g_strdup_printf (_("Delete attribute “%s”"),
                           *attribute->name_en ? attribute->name_en : attribute->name_ja);
  return shirabe_project_end_edit (project, ok, label, ok ? error : NULL) && ok;
}

ShirabeAttribute *
shirabe_project_get_attribute (ShirabeProject  *project,
                               gint64           attribute_id,
                               GError         **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (SHIRABE_IS_PROJECT (project), NULL);

  stmt = shirabe_project_prepare (project,
                                  "SELECT " ATTRIBUTE_COLUMNS " FROM attribute WHERE id = ?1",
                                  error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, attribute_id);
  return shirabe_project_fetch_one (project, stmt, (ShirabeRowFunc) attribute_from_row, SHIRABE_ENTITY_ATTRIBUTE,
                                    attribute_id, error);
}

GPtrArray *
shirabe_project_list_attributes (ShirabeProject         *project,
                                 ShirabeAttributeScope   scope,
                                 GError                **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (SHIRABE_IS_PROJECT (project), NULL);

  stmt = shirabe_project_prepare (project,
                                  "SELECT " ATTRIBUTE_COLUMNS " FROM attribute WHERE scope = ?1"
                                  " ORDER BY position, id",
                                  error);
  if (stmt == NULL)
    return NULL;
  shirabe_bind_text (stmt, 1, shirabe_attribute_scope_to_string (scope));
  return shirabe_project_collect (project, stmt, (ShirabeRowFunc) attribute_from_row,
                                  (GDestroyNotify) shirabe_attribute_free, error);
}

gint64
shirabe_project_find_attribute (ShirabeProject         *project,
                                ShirabeAttributeScope   scope,
                                const char             *spec,
                                GError                **error)
{
  if (scope == SHIRABE_SCOPE_NARRATIVE)
    return shirabe_project_resolve (project, SHIRABE_ENTITY_ATTRIBUTE, spec,
                                    "SELECT id FROM attribute WHERE id = ?1 AND scope = 'narrative'",
                                    "SELECT id FROM attribute WHERE uuid = ?1 AND scope = 'narrative'",
                                    "SELECT id FROM attribute WHERE scope = 'narrative'"
                                    " AND (var_name = ?1 OR name_en = ?1 OR name_ja = ?1)",
                                    error);
  return shirabe_project_resolve (project, SHIRABE_ENTITY_ATTRIBUTE, spec,
                                  "SELECT id FROM attribute WHERE id = ?1 AND scope = 'case'",
                                  "SELECT id FROM attribute WHERE uuid = ?1 AND scope = 'case'",
                                  "SELECT id FROM attribute WHERE scope = 'case'"
                                  " AND (var_name = ?1 OR name_en = ?1 OR name_ja = ?1)",
                                  error);
}

static void
bind_typed (sqlite3_stmt         *stmt,
            int                   index,
            ShirabeAttributeType  type,
            const char           *normalized)
{
  switch (type)
    {
    case SHIRABE_ATTRIBUTE_INTEGER:
    case SHIRABE_ATTRIBUTE_BOOLEAN:
      sqlite3_bind_int64 (stmt, index, g_ascii_strtoll (normalized, NULL, 10));
      break;
    case SHIRABE_ATTRIBUTE_NUMBER:
      sqlite3_bind_double (stmt, index, g_ascii_strtod (normalized, NULL));
      break;
    case SHIRABE_ATTRIBUTE_TEXT:
    case SHIRABE_ATTRIBUTE_DATE:
    case SHIRABE_ATTRIBUTE_CHOICE:
    default:
      shirabe_bind_text (stmt, index, normalized);
      break;
    }
}

/**
 * shirabe_project_set_attribute_value:
 * @owner_id: the case (or narrative, by the attribute's scope)
 * @text: (nullable): the value as the user wrote it; %NULL clears it
 */
gboolean
shirabe_project_set_attribute_value (ShirabeProject  *project,
                                     gint64           attribute_id,
                                     gint64           owner_id,
                                     const char      *text,
                                     GError         **error)
{
  g_autoptr(ShirabeAttribute) attribute = NULL;
  g_autofree char *normalized = NULL;
  g_autofree char *label = NULL;
  g_autoptr(GError) local_error = NULL;
  gboolean case_scope;
  sqlite3_stmt *stmt;
  gboolean ok = FALSE;
  int rc;

  g_return_val_if_fail (SHIRABE_IS_PROJECT (project), FALSE);

  if (!shirabe_check_utf8 (text, error))
    return FALSE;

  attribute = shirabe_project_get_attribute (project, attribute_id, error);
  if (attribute == NULL)
    return FALSE;
  case_scope = attribute->scope == SHIRABE_SCOPE_CASE;
  if (text != NULL &&
      !shirabe_attribute_parse_value (attribute->type, (const char * const *) attribute->choices,
                                      text, &normalized, &local_error))
    {
      g_set_error (error, SHIRABE_ERROR, SHIRABE_ERROR_INVALID, "%s: %s",
                   *attribute->name_en ? attribute->name_en : attribute->name_ja,
                   local_error->message);
      return FALSE;
    }

  if (!shirabe_project_begin_edit (project, error))
    return FALSE;

  if (text == NULL)
    stmt = shirabe_project_prepare (project,
                                    case_scope
                                      ? "DELETE FROM attribute_value"
                                        " WHERE attribute_id = ?1 AND case_id = ?2"
                                      : "DELETE FROM attribute_value"
                                        " WHERE attribute_id = ?1 AND narrative_id = ?2",
                                    error);
  else
    stmt = shirabe_project_prepare (project,
                                    case_scope
                                      ? "INSERT INTO attribute_value (attribute_id, case_id, value)"
                                        " VALUES (?1, ?2, ?3)"
                                        " ON CONFLICT (attribute_id, case_id)"
                                        " WHERE case_id IS NOT NULL"
                                        " DO UPDATE SET value = excluded.value"
                                      : "INSERT INTO attribute_value (attribute_id, narrative_id,"
                                        " value) VALUES (?1, ?2, ?3)"
                                        " ON CONFLICT (attribute_id, narrative_id)"
                                        " WHERE narrative_id IS NOT NULL"
                                        " DO UPDATE SET value = excluded.value",
                                    error);
  if (stmt != NULL)
    {
      sqlite3_bind_int64 (stmt, 1, attribute_id);
      sqlite3_bind_int64 (stmt, 2, owner_id);
      if (normalized != NULL)
        bind_typed (stmt, 3, attribute->type, normalized);
      rc = sqlite3_step (stmt);
      sqlite3_reset (stmt);
      if (rc == SQLITE_DONE)
        ok = TRUE;
      else if (rc == SQLITE_CONSTRAINT_FOREIGNKEY)
        shirabe_set_not_found (error, case_scope ? SHIRABE_ENTITY_CASE : SHIRABE_ENTITY_NARRATIVE,
                               owner_id);
      else
        shirabe_project_set_sqlite_error (project, rc, error);
    }

  label = g_strdup_printf (_("Set “%s”"),
                           *attribute->name_en ? attribute->name_en : attribute->name_ja);
  return shirabe_project_end_edit (project, ok, label, ok ? error : NULL) && ok;
}

GPtrArray *
shirabe_project_list_attribute_values (ShirabeProject         *project,
                                       ShirabeAttributeScope   scope,
                                       gint64                  owner_id,
                                       GError                **error)
{
  g_autoptr(GPtrArray) values = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (SHIRABE_IS_PROJECT (project), NULL);

  values = g_ptr_array_new_with_free_func ((GDestroyNotify) shirabe_attribute_value_free);
  stmt = shirabe_project_prepare (project,
                                  scope == SHIRABE_SCOPE_CASE
                                    ? "SELECT a.id, a.name_en, a.name_ja, a.var_name, a.type, v.value,"
                                      " a.choice_labels"
                                      " FROM attribute a LEFT JOIN attribute_value v"
                                      "  ON v.attribute_id = a.id AND v.case_id = ?1"
                                      " WHERE a.scope = 'case' ORDER BY a.position, a.id"
                                    : "SELECT a.id, a.name_en, a.name_ja, a.var_name, a.type, v.value,"
                                      " a.choice_labels"
                                      " FROM attribute a LEFT JOIN attribute_value v"
                                      "  ON v.attribute_id = a.id AND v.narrative_id = ?1"
                                      " WHERE a.scope = 'narrative' ORDER BY a.position, a.id",
                                  error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, owner_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      ShirabeAttributeValue *value = g_new0 (ShirabeAttributeValue, 1);

      value->attribute_id = sqlite3_column_int64 (stmt, 0);
      value->name_en = shirabe_column_dup_text (stmt, 1);
      value->name_ja = shirabe_column_dup_text (stmt, 2);
      value->var_name = shirabe_column_dup_text (stmt, 3);
      if (!shirabe_attribute_type_from_string ((const char *) sqlite3_column_text (stmt, 4),
                                               &value->type))
        value->type = SHIRABE_ATTRIBUTE_TEXT;
      if (sqlite3_column_type (stmt, 5) == SQLITE_FLOAT)
        {
          char buffer[G_ASCII_DTOSTR_BUF_SIZE];
          value->value = g_strdup (g_ascii_dtostr (buffer, sizeof buffer,
                                                   sqlite3_column_double (stmt, 5)));
        }
      else
        value->value = shirabe_column_dup_text (stmt, 5);
      if (value->type == SHIRABE_ATTRIBUTE_CHOICE && value->value != NULL)
        {
          g_autoptr(JsonNode) labels =
            parse_choice_labels ((const char *) sqlite3_column_text (stmt, 6));

          value->value_label_en = dup_choice_label (labels, value->value, "en");
          value->value_label_ja = dup_choice_label (labels, value->value, "ja");
        }
      else
        {
          value->value_label_en = g_strdup ("");
          value->value_label_ja = g_strdup ("");
        }
      g_ptr_array_add (values, value);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      shirabe_project_set_sqlite_error (project, rc, error);
      return NULL;
    }
  return g_steal_pointer (&values);
}
