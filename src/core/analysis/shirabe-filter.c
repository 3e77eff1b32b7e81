/* shirabe-filter.c: which narratives a query or a list looks at
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "shirabe-filter.h"
#include "shirabe-filter-private.h"

#include "shirabe-attribute.h"
#include "shirabe-error.h"
#include "shirabe-i18n.h"
#include "shirabe-project-private.h"

typedef struct
{
  ShirabeAttribute *attribute;
  ShirabeFilterOp   op;
  GStrv             values;   /* normalised, as stored */
} Condition;

typedef struct
{
  gint64   code_id;
  gboolean subtree;
  gboolean has;
  gboolean whole_case;   /* in any narrative of the narrative's case */
} CodeCondition;

struct _ShirabeFilter
{
  gatomicrefcount ref_count;
  GPtrArray      *conditions;   /* Condition */
  GArray         *codes;        /* CodeCondition */
  GStrv           languages;
  GStrv           kinds;
  GArray         *statuses;     /* int */
  GArray         *case_ids;     /* gint64; NULL: any case */
  GArray         *narrative_ids;  /* gint64; NULL: any narrative */
};

typedef struct
{
  ShirabeAttributeType type;
  char                *value;
} Param;

struct _ShirabeFilterParams
{
  GArray *params;   /* Param */
};

G_DEFINE_BOXED_TYPE (ShirabeFilter, shirabe_filter, shirabe_filter_ref, shirabe_filter_unref)

static void
condition_free (gpointer data)
{
  Condition *condition = data;

  shirabe_attribute_free (condition->attribute);
  g_strfreev (condition->values);
  g_free (condition);
}

ShirabeFilter *
shirabe_filter_new (void)
{
  ShirabeFilter *self = g_new0 (ShirabeFilter, 1);

  g_atomic_ref_count_init (&self->ref_count);
  self->conditions = g_ptr_array_new_with_free_func (condition_free);
  self->codes = g_array_new (FALSE, FALSE, sizeof (CodeCondition));
  self->statuses = g_array_new (FALSE, FALSE, sizeof (int));

  return self;
}

ShirabeFilter *
shirabe_filter_ref (ShirabeFilter *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);

  return self;
}

void
shirabe_filter_unref (ShirabeFilter *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;

  g_ptr_array_unref (self->conditions);
  g_array_unref (self->codes);
  g_strfreev (self->languages);
  g_strfreev (self->kinds);
  g_array_unref (self->statuses);
  g_clear_pointer (&self->case_ids, g_array_unref);
  g_clear_pointer (&self->narrative_ids, g_array_unref);
  g_free (self);
}

gboolean
shirabe_filter_is_empty (const ShirabeFilter *self)
{
  g_return_val_if_fail (self != NULL, TRUE);

  return self->conditions->len == 0 && self->codes->len == 0 && self->languages == NULL &&
         self->kinds == NULL && self->statuses->len == 0 && self->case_ids == NULL &&
         self->narrative_ids == NULL;
}

static GArray *
copy_ids (GArray *ids)
{
  GArray *copy;

  if (ids == NULL)
    return NULL;
  copy = g_array_sized_new (FALSE, FALSE, sizeof (gint64), ids->len);
  g_array_append_vals (copy, ids->data, ids->len);
  return copy;
}

ShirabeFilter *
shirabe_filter_copy (const ShirabeFilter *self)
{
  ShirabeFilter *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = shirabe_filter_new ();
  for (guint i = 0; i < self->conditions->len; i++)
    {
      const Condition *condition = g_ptr_array_index (self->conditions, i);

      shirabe_filter_add_attribute_condition (copy, condition->attribute, condition->op,
                                              (const char * const *) condition->values);
    }
  g_array_append_vals (copy->codes, self->codes->data, self->codes->len);
  copy->languages = g_strdupv (self->languages);
  copy->kinds = g_strdupv (self->kinds);
  g_array_append_vals (copy->statuses, self->statuses->data, self->statuses->len);
  copy->case_ids = copy_ids (self->case_ids);
  copy->narrative_ids = copy_ids (self->narrative_ids);

  return copy;
}

void
shirabe_filter_add_attribute_condition (ShirabeFilter           *self,
                                        const ShirabeAttribute  *attribute,
                                        ShirabeFilterOp          op,
                                        const char * const      *values)
{
  Condition *condition;

  g_return_if_fail (self != NULL && attribute != NULL);

  condition = g_new0 (Condition, 1);
  condition->attribute = shirabe_attribute_copy (attribute);
  condition->op = op;
  condition->values = g_strdupv ((char **) values);
  if (condition->values == NULL)
    condition->values = g_new0 (char *, 1);
  g_ptr_array_add (self->conditions, condition);
}

static void
set_ids (GArray       **ids,
         const gint64  *values,
         guint          n_values)
{
  g_clear_pointer (ids, g_array_unref);
  if (values == NULL)
    return;
  *ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), n_values);
  g_array_append_vals (*ids, values, n_values);
}

void
shirabe_filter_set_cases (ShirabeFilter *self,
                          const gint64  *case_ids,
                          guint          n_cases)
{
  g_return_if_fail (self != NULL);

  set_ids (&self->case_ids, case_ids, n_cases);
}

void
shirabe_filter_set_narratives (ShirabeFilter *self,
                               const gint64  *narrative_ids,
                               guint          n_narratives)
{
  g_return_if_fail (self != NULL);

  set_ids (&self->narrative_ids, narrative_ids, n_narratives);
}

guint
shirabe_filter_get_n_conditions (const ShirabeFilter *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->conditions->len + self->codes->len + (self->case_ids != NULL) +
         (self->narrative_ids != NULL);
}

static const char *
attribute_name (const ShirabeAttribute *attribute,
                ShirabeLanguage         language)
{
  const char *first = language == SHIRABE_LANGUAGE_JA ? attribute->name_ja : attribute->name_en;
  const char *other = language == SHIRABE_LANGUAGE_JA ? attribute->name_en : attribute->name_ja;

  if (first != NULL && *first != '\0')
    return first;
  if (other != NULL && *other != '\0')
    return other;
  return attribute->var_name;
}

/* A choice typed as its value or as a label in either language, as its value. */
static const char *
choice_value_for (const ShirabeAttribute *attribute,
                  const char             *text)
{
  for (guint i = 0; attribute->choices != NULL && attribute->choices[i] != NULL; i++)
    {
      if (g_strcmp0 (attribute->choices[i], text) == 0)
        return attribute->choices[i];
    }
  for (guint i = 0; attribute->choices != NULL && attribute->choices[i] != NULL; i++)
    {
      const char *en = attribute->choice_labels_en != NULL ? attribute->choice_labels_en[i] : NULL;
      const char *ja = attribute->choice_labels_ja != NULL ? attribute->choice_labels_ja[i] : NULL;

      if ((en != NULL && *en != '\0' && g_utf8_collate (en, text) == 0) ||
          (ja != NULL && *ja != '\0' && g_strcmp0 (ja, text) == 0))
        return attribute->choices[i];
    }
  return text;
}

gboolean
shirabe_filter_add_condition (ShirabeFilter       *self,
                              ShirabeProject      *project,
                              gint64               attribute_id,
                              ShirabeFilterOp      op,
                              const char * const  *values,
                              GError             **error)
{
  g_autoptr (ShirabeAttribute) attribute = NULL;
  g_autoptr (GPtrArray) normalized = NULL;
  guint n_values = values != NULL ? g_strv_length ((char **) values) : 0;
  guint wanted_min = 1, wanted_max = 1;
  Condition *condition;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (SHIRABE_IS_PROJECT (project), FALSE);

  attribute = shirabe_project_get_attribute (project, attribute_id, error);
  if (attribute == NULL)
    return FALSE;

  switch (op)
    {
    case SHIRABE_FILTER_LESS:
    case SHIRABE_FILTER_AT_MOST:
    case SHIRABE_FILTER_GREATER:
    case SHIRABE_FILTER_AT_LEAST:
    case SHIRABE_FILTER_BETWEEN:
      if (attribute->type != SHIRABE_ATTRIBUTE_INTEGER &&
          attribute->type != SHIRABE_ATTRIBUTE_NUMBER &&
          attribute->type != SHIRABE_ATTRIBUTE_DATE)
        {
          g_set_error (error, SHIRABE_ERROR, SHIRABE_ERROR_INVALID,
                       _("“%s” is not a number or a date, so it has no range; use =, != or in"),
                       attribute_name (attribute, shirabe_message_language ()));
          return FALSE;
        }
      if (op == SHIRABE_FILTER_BETWEEN)
        wanted_min = wanted_max = 2;
      break;
    case SHIRABE_FILTER_ONE_OF:
      wanted_max = G_MAXUINT;
      break;
    case SHIRABE_FILTER_EMPTY:
    case SHIRABE_FILTER_NOT_EMPTY:
      wanted_min = wanted_max = 0;
      break;
    case SHIRABE_FILTER_EQUALS:
    case SHIRABE_FILTER_NOT_EQUALS:
    default:
      break;
    }

  if (n_values < wanted_min || n_values > wanted_max)
    {
      g_set_error (error, SHIRABE_ERROR, SHIRABE_ERROR_INVALID,
                   _("“%s”: the condition has a wrong number of values (%u)"),
                   attribute_name (attribute, shirabe_message_language ()),
                   n_values);
      return FALSE;
    }

  normalized = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < n_values; i++)
    {
      const char *text = values[i];
      char *value = NULL;
      g_autoptr (GError) local_error = NULL;

      if (attribute->type == SHIRABE_ATTRIBUTE_CHOICE)
        text = choice_value_for (attribute, text);
      if (!shirabe_attribute_parse_value (attribute->type,
                                          (const char * const *) attribute->choices,
                                          text, &value, &local_error))
        {
          g_set_error (error, SHIRABE_ERROR, SHIRABE_ERROR_INVALID,
                       /* Translators: the attribute's name, then why its value is wrong */
                       _("%s: %s"), attribute_name (attribute, shirabe_message_language ()),
                       local_error->message);
          return FALSE;
        }
      g_ptr_array_add (normalized, value);
    }
  g_ptr_array_add (normalized, NULL);

  condition = g_new0 (Condition, 1);
  condition->attribute = g_steal_pointer (&attribute);
  condition->op = op;
  condition->values = (GStrv) g_ptr_array_free (g_steal_pointer (&normalized), FALSE);
  g_ptr_array_add (self->conditions, condition);

  return TRUE;
}

/* The --where line as tokens: words, quoted strings (quoted: TRUE) and operators. */
typedef struct
{
  char    *text;
  gboolean quoted;
  gboolean op;
} Token;

static void
token_clear (gpointer data)
{
  g_free (((Token *) data)->text);
}

static GArray *
tokenize (const char  *expression,
          GError     **error)
{
  g_autoptr (GArray) tokens = g_array_new (FALSE, TRUE, sizeof (Token));
  const char *p = expression;

  g_array_set_clear_func (tokens, token_clear);

  while (*p != '\0')
    {
      Token token = { NULL, FALSE, FALSE };
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c))
        {
          p = g_utf8_next_char (p);
          continue;
        }
      if (c == '"')
        {
          GString *value = g_string_new (NULL);

          p++;
          for (;;)
            {
              if (*p == '\0')
                {
                  g_string_free (value, TRUE);
                  g_set_error (error, SHIRABE_ERROR, SHIRABE_ERROR_INVALID,
                               _("A quote in “%s” is not closed"), expression);
                  return NULL;
                }
              if (p[0] == '"' && p[1] == '"')
                {
                  g_string_append_c (value, '"');
                  p += 2;
                  continue;
                }
              if (*p == '"')
                {
                  p++;
                  break;
                }
              g_string_append_c (value, *p);
              p++;
            }
          token.text = g_string_free (value, FALSE);
          token.quoted = TRUE;
        }
      else if (strncmp (p, "!=", 2) == 0 || strncmp (p, "<=", 2) == 0 ||
               strncmp (p, ">=", 2) == 0 || strncmp (p, "..", 2) == 0)
        {
          token.text = g_strndup (p, 2);
          token.op = TRUE;
          p += 2;
        }
      else if (c == '=' || c == '<' || c == '>' || c == ',')
        {
          token.text = g_strndup (p, 1);
          token.op = TRUE;
          p++;
        }
      else
        {
          const char *start = p;

          while (*p != '\0')
            {
              gunichar d = g_utf8_get_char (p);

              if (g_unichar_isspace (d) || d == '"' || d == '=' || d == '<' || d == '>' ||
                  d == ',' || d == '!' || strncmp (p, "..", 2) == 0)
                break;
              p = g_utf8_next_char (p);
            }
          if (p == start)
            {
              g_set_error (error, SHIRABE_ERROR, SHIRABE_ERROR_INVALID,
                           _("“%s” has a stray “!”"), expression);
              return NULL;
            }
          token.text = g_strndup (start, p - start);
        }
      g_array_append_val (tokens, token);
    }

  return g_steal_pointer (&tokens);
}

static gboolean
is_word (const Token *token,
         const char  *word)
{
  return !token->quoted && !token->op && g_ascii_strcasecmp (token->text, word) == 0;
}

gboolean
shirabe_filter_add_where (ShirabeFilter  *self,
                          ShirabeProject *project,
                          const char     *expression,
                          GError        **error)
{
  g_autoptr (GArray) tokens = NULL;
  g_autoptr (GString) name = g_string_new (NULL);
  g_autoptr (GPtrArray) values = g_ptr_array_new ();
  g_autoptr (GError) local_error = NULL;
  ShirabeFilterOp op;
  gint64 attribute_id;
  guint i;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (expression != NULL, FALSE);

  tokens = tokenize (expression, error);
  if (tokens == NULL)
    return FALSE;

  for (i = 0; i < tokens->len; i++)
    {
      Token *token = &g_array_index (tokens, Token, i);

      if (token->op || is_word (token, "in") || is_word (token, "between") ||
          is_word (token, "is"))
        break;
      if (name->len > 0)
        g_string_append_c (name, ' ');
      g_string_append (name, token->text);
    }
  if (name->len == 0 || i == tokens->len)
    {
      g_set_error (error, SHIRABE_ERROR, SHIRABE_ERROR_INVALID,
                   _("“%s” is not a condition; write, for example, nationality = Thailand"),
                   expression);
      return FALSE;
    }

  attribute_id = shirabe_project_find_attribute (project, SHIRABE_SCOPE_CASE, name->str,
                                                 &local_error);
  if (attribute_id <= 0)
    {
      g_clear_error (&local_error);
      attribute_id = shirabe_project_find_attribute (project, SHIRABE_SCOPE_NARRATIVE,
                                                     name->str, &local_error);
    }
  if (attribute_id <= 0)
    {
      g_autoptr (GString) known = g_string_new (NULL);

      for (int scope = SHIRABE_SCOPE_CASE; scope <= SHIRABE_SCOPE_NARRATIVE; scope++)
        {
          g_autoptr (GPtrArray) attributes = shirabe_project_list_attributes (project, scope, NULL);

          for (guint j = 0; attributes != NULL && j < attributes->len; j++)
            g_string_append_printf (known, "%s%s", known->len > 0 ? ", " : "",
                                    ((ShirabeAttribute *) g_ptr_array_index (attributes, j))->var_name);
        }
      g_set_error (error, SHIRABE_ERROR, SHIRABE_ERROR_NOT_FOUND,
                   _("There is no attribute “%s”; the attributes are: %s"), name->str,
                   known->str);
      return FALSE;
    }

  {
    Token *token = &g_array_index (tokens, Token, i);
    guint rest = i + 1;

    if (is_word (token, "is"))
      {
        if (rest < tokens->len && is_word (&g_array_index (tokens, Token, rest), "not"))
          {
            op = SHIRABE_FILTER_NOT_EMPTY;
            rest++;
          }
        else
          op = SHIRABE_FILTER_EMPTY;
        if (rest + 1 != tokens->len || !is_word (&g_array_index (tokens, Token, rest), "empty"))
          {
            g_set_error (error, SHIRABE_ERROR, SHIRABE_ERROR_INVALID,
                         _("“%s”: write “is empty” or “is not empty”"), expression);
            return FALSE;
          }
        return shirabe_filter_add_condition (self, project, attribute_id, op, NULL, error);
      }

    if (is_word (token, "in"))
      op = SHIRABE_FILTER_ONE_OF;
    else if (is_word (token, "between"))
      op = SHIRABE_FILTER_BETWEEN;
    else if (g_str_equal (token->text, "="))
      op = SHIRABE_FILTER_EQUALS;
    else if (g_str_equal (token->text, "!="))
      op = SHIRABE_FILTER_NOT_EQUALS;
    else if (g_str_equal (token->text, "<"))
      op = SHIRABE_FILTER_LESS;
    else if (g_str_equal (token->text, "<="))
      op = SHIRABE_FILTER_AT_MOST;
    else if (g_str_equal (token->text, ">"))
      op = SHIRABE_FILTER_GREATER;
    else if (g_str_equal (token->text, ">="))
      op = SHIRABE_FILTER_AT_LEAST;
    else
      {
        g_set_error (error, SHIRABE_ERROR, SHIRABE_ERROR_INVALID,
                     _("“%s” is not an operator; use =, !=, <, <=, >, >=, in, between or is empty"),
                     token->text);
        return FALSE;
      }

    /* The values: words joined by spaces up to a separator (",", "and", ".."). */
    {
      g_autoptr (GString) value = NULL;

      for (guint j = rest; j <= tokens->len; j++)
        {
          Token *t = j < tokens->len ? &g_array_index (tokens, Token, j) : NULL;
          gboolean separator = t == NULL ||
                               (op == SHIRABE_FILTER_ONE_OF && t->op && g_str_equal (t->text, ",")) ||
                               (op == SHIRABE_FILTER_BETWEEN &&
                                (is_word (t, "and") || (t->op && g_str_equal (t->text, ".."))));

          if (separator)
            {
              if (value == NULL)
                {
                  g_set_error (error, SHIRABE_ERROR, SHIRABE_ERROR_INVALID,
                               _("A value is missing in “%s”"), expression);
                  g_ptr_array_set_free_func (values, g_free);
                  return FALSE;
                }
              g_ptr_array_add (values, g_string_free (g_steal_pointer (&value), FALSE));
              continue;
            }
          if (t->op)
            {
              g_set_error (error, SHIRABE_ERROR, SHIRABE_ERROR_INVALID,
                           _("“%s” is out of place in “%s”"), t->text, expression);
              g_ptr_array_set_free_func (values, g_free);
              return FALSE;
            }
          if (value == NULL)
            value = g_string_new (t->text);
          else
            {
              g_string_append_c (value, ' ');
              g_string_append (value, t->text);
            }
        }
    }
  }

  /* "A..B" with no spaces comes as "A" ".." "B" from the tokenizer; a range written
   * "between A..B" is handled the same. */
  g_ptr_array_set_free_func (values, g_free);
  g_ptr_array_add (values, NULL);
  return shirabe_filter_add_condition (self, project, attribute_id, op,
                                       (const char * const *) values->pdata, error);
}

void
shirabe_filter_add_code (ShirabeFilter *self,
                         gint64         code_id,
                         gboolean       subtree,
                         gboolean       has)
{
  CodeCondition condition = { code_id, subtree, has, FALSE };

  g_return_if_fail (self != NULL);

  g_array_append_val (self->codes, condition);
}

void
shirabe_filter_add_case_code (ShirabeFilter *self,
                              gint64         code_id,
                              gboolean       subtree,
                              gboolean       has)
{
  CodeCondition condition = { code_id, subtree, has, TRUE };

  g_return_if_fail (self != NULL);

  g_array_append_val (self->codes, condition);
}

static GStrv
strv_or_null (const char * const *strv)
{
  if (strv == NULL || strv[0] == NULL)
    return NULL;
  return g_strdupv ((char **) strv);
}

void
shirabe_filter_set_languages (ShirabeFilter      *self,
                              const char * const *languages)
{
  g_return_if_fail (self != NULL);

  g_strfreev (self->languages);
  self->languages = strv_or_null (languages);
}

void
shirabe_filter_set_kinds (ShirabeFilter      *self,
                          const char * const *kinds)
{
  g_return_if_fail (self != NULL);

  g_strfreev (self->kinds);
  self->kinds = strv_or_null (kinds);
}

void
shirabe_filter_set_statuses (ShirabeFilter *self,
                             const int     *statuses,
                             guint          n_statuses)
{
  g_return_if_fail (self != NULL);

  g_array_set_size (self->statuses, 0);
  if (n_statuses > 0)
    g_array_append_vals (self->statuses, statuses, n_statuses);
}

static const char *
op_symbol (ShirabeFilterOp op)
{
  switch (op)
    {
    case SHIRABE_FILTER_EQUALS: return "=";
    case SHIRABE_FILTER_NOT_EQUALS: return "!=";
    case SHIRABE_FILTER_ONE_OF: return "in";
    case SHIRABE_FILTER_LESS: return "<";
    case SHIRABE_FILTER_AT_MOST: return "<=";
    case SHIRABE_FILTER_GREATER: return ">";
    case SHIRABE_FILTER_AT_LEAST: return ">=";
    case SHIRABE_FILTER_BETWEEN: return "between";
    case SHIRABE_FILTER_EMPTY: return "is empty";
    case SHIRABE_FILTER_NOT_EMPTY: return "is not empty";
    default: return "?";
    }
}

/* "Case: A, B" with the names @sql (a string literal, cached) finds for @ids. */
static gboolean
describe_names (GArray          *ids,
                ShirabeProject  *project,
                const char      *sql,
                gboolean         cases,
                GString         *text,
                GError         **error)
{
  g_autoptr (GString) names = g_string_new (NULL);
  sqlite3_stmt *stmt = shirabe_project_prepare (project, sql, error);

  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < ids->len; i++)
    {
      sqlite3_reset (stmt);
      sqlite3_bind_int64 (stmt, 1, g_array_index (ids, gint64, i));
      if (sqlite3_step (stmt) != SQLITE_ROW)
        continue;
      if (names->len > 0)
        g_string_append (names, ", ");
      g_string_append (names, (const char *) sqlite3_column_text (stmt, 0));
    }
  sqlite3_reset (stmt);
  if (text->len > 0)
    g_string_append_c (text, '\n');
  if (cases)
    g_string_append_printf (text, _("Case: %s"), names->str);
  else
    g_string_append_printf (text, _("Narrative: %s"), names->str);
  return TRUE;
}

char *
shirabe_filter_describe (const ShirabeFilter *self,
                         ShirabeProject      *project,
                         ShirabeLanguage      language,
                         GError             **error)
{
  g_autoptr (GString) text = g_string_new (NULL);

  g_return_val_if_fail (self != NULL, NULL);

  for (guint i = 0; i < self->conditions->len; i++)
    {
      Condition *condition = g_ptr_array_index (self->conditions, i);

      if (text->len > 0)
        g_string_append_c (text, '\n');
      g_string_append_printf (text, "%s %s", attribute_name (condition->attribute, language),
                              op_symbol (condition->op));
      for (guint j = 0; condition->values[j] != NULL; j++)
        {
          const char *value = condition->values[j];

          if (condition->attribute->type == SHIRABE_ATTRIBUTE_CHOICE)
            value = shirabe_attribute_get_choice_label (condition->attribute, value, language);
          g_string_append (text, j == 0 ? " " :
                                 condition->op == SHIRABE_FILTER_BETWEEN ? " – " : ", ");
          g_string_append (text, value);
        }
    }
  for (guint i = 0; i < self->codes->len; i++)
    {
      CodeCondition *condition = &g_array_index (self->codes, CodeCondition, i);
      g_autoptr (ShirabeCode) code = shirabe_project_get_code (project, condition->code_id, error);

      if (code == NULL)
        return NULL;
      if (text->len > 0)
        g_string_append_c (text, '\n');
      if (condition->whole_case)
        g_string_append_printf (text, condition->has ? _("Case coded with “%s”")
                                                     : _("Case not coded with “%s”"),
                                shirabe_code_get_label (code, language));
      else
        g_string_append_printf (text, condition->has ? _("Coded with “%s”")
                                                     : _("Not coded with “%s”"),
                                shirabe_code_get_label (code, language));
    }
  if (self->case_ids != NULL &&
      !describe_names (self->case_ids, project, "SELECT name FROM cases WHERE id = ?1",
                       TRUE, text, error))
    return NULL;
  if (self->narrative_ids != NULL &&
      !describe_names (self->narrative_ids, project, "SELECT title FROM narrative WHERE id = ?1",
                       FALSE, text, error))
    return NULL;

  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* SQL */

ShirabeFilterParams *
shirabe_filter_params_new (void)
{
  ShirabeFilterParams *params = g_new0 (ShirabeFilterParams, 1);

  params->params = g_array_new (FALSE, FALSE, sizeof (Param));

  return params;
}

void
shirabe_filter_params_free (ShirabeFilterParams *params)
{
  if (params == NULL)
    return;
  for (guint i = 0; i < params->params->len; i++)
    g_free (g_array_index (params->params, Param, i).value);
  g_array_unref (params->params);
  g_free (params);
}

static void
add_param (ShirabeFilterParams  *params,
           GString              *sql,
           ShirabeAttributeType  type,
           const char           *value)
{
  Param param = { type, g_strdup (value) };

  g_array_append_val (params->params, param);
  g_string_append_c (sql, '?');
}

static void
add_int_param (ShirabeFilterParams *params,
               GString             *sql,
               gint64               value)
{
  char buffer[32];

  g_snprintf (buffer, sizeof buffer, "%" G_GINT64_FORMAT, value);
  add_param (params, sql, SHIRABE_ATTRIBUTE_INTEGER, buffer);
}

static void
append_ids (GString             *sql,
            ShirabeFilterParams *params,
            const char          *n,
            const char          *column,
            GArray              *ids)
{
  g_string_append_printf (sql, " AND %s.%s IN (", n, column);
  for (guint i = 0; i < ids->len; i++)
    {
      if (i > 0)
        g_string_append (sql, ", ");
      add_int_param (params, sql, g_array_index (ids, gint64, i));
    }
  g_string_append (sql, ")");
}

void
shirabe_filter_append_sql (const ShirabeFilter *self,
                           const char          *n,
                           GString             *sql,
                           ShirabeFilterParams *params)
{
  g_return_if_fail (self != NULL);

  for (guint i = 0; i < self->conditions->len; i++)
    {
      Condition *condition = g_ptr_array_index (self->conditions, i);
      ShirabeAttributeType type = condition->attribute->type;
      gboolean negate = condition->op == SHIRABE_FILTER_EMPTY;

      g_string_append_printf (sql, " AND %sEXISTS (SELECT 1 FROM attribute_value av"
                              " WHERE av.attribute_id = ", negate ? "NOT " : "");
      add_int_param (params, sql, condition->attribute->id);
      if (condition->attribute->scope == SHIRABE_SCOPE_CASE)
        g_string_append_printf (sql, " AND av.case_id = %s.case_id", n);
      else
        g_string_append_printf (sql, " AND av.narrative_id = %s.id", n);
      g_string_append (sql, " AND av.value IS NOT NULL");

      switch (condition->op)
        {
        case SHIRABE_FILTER_EQUALS:
        case SHIRABE_FILTER_NOT_EQUALS:
        case SHIRABE_FILTER_LESS:
        case SHIRABE_FILTER_AT_MOST:
        case SHIRABE_FILTER_GREATER:
        case SHIRABE_FILTER_AT_LEAST:
          g_string_append_printf (sql, " AND av.value %s ",
                                  condition->op == SHIRABE_FILTER_NOT_EQUALS ? "<>" :
                                  op_symbol (condition->op));
          add_param (params, sql, type, condition->values[0]);
          break;
        case SHIRABE_FILTER_ONE_OF:
          g_string_append (sql, " AND av.value IN (");
          for (guint j = 0; condition->values[j] != NULL; j++)
            {
              if (j > 0)
                g_string_append (sql, ", ");
              add_param (params, sql, type, condition->values[j]);
            }
          g_string_append (sql, ")");
          break;
        case SHIRABE_FILTER_BETWEEN:
          g_string_append (sql, " AND av.value BETWEEN ");
          add_param (params, sql, type, condition->values[0]);
          g_string_append (sql, " AND ");
          add_param (params, sql, type, condition->values[1]);
          break;
        case SHIRABE_FILTER_EMPTY:
        case SHIRABE_FILTER_NOT_EMPTY:
        default:
          break;
        }
      g_string_append (sql, ")");
    }

  for (guint i = 0; i < self->codes->len; i++)
    {
      CodeCondition *condition = &g_array_index (self->codes, CodeCondition, i);

      if (condition->whole_case)
        g_string_append_printf (sql, " AND %sEXISTS (SELECT 1 FROM narrative fn"
                                " JOIN coding fc ON fc.narrative_id = fn.id"
                                " WHERE fn.case_id = %s.case_id AND ",
                                condition->has ? "" : "NOT ", n);
      else
        g_string_append_printf (sql, " AND %sEXISTS (SELECT 1 FROM coding fc"
                                " WHERE fc.narrative_id = %s.id AND ",
                                condition->has ? "" : "NOT ", n);
      if (condition->subtree)
        {
          g_string_append (sql, "fc.code_id IN (WITH RECURSIVE t (id) AS (SELECT ");
          add_int_param (params, sql, condition->code_id);
          g_string_append (sql, " UNION SELECT code.id FROM code JOIN t ON code.parent_id = t.id)"
                                " SELECT id FROM t))");
        }
      else
        {
          g_string_append (sql, "fc.code_id = ");
          add_int_param (params, sql, condition->code_id);
          g_string_append (sql, ")");
        }
    }

  if (self->case_ids != NULL)
    append_ids (sql, params, n, "case_id", self->case_ids);
  if (self->narrative_ids != NULL)
    append_ids (sql, params, n, "id", self->narrative_ids);
  if (self->languages != NULL)
    {
      g_string_append_printf (sql, " AND %s.language IN (", n);
      for (guint j = 0; self->languages[j] != NULL; j++)
        {
          if (j > 0)
            g_string_append (sql, ", ");
          add_param (params, sql, SHIRABE_ATTRIBUTE_TEXT, self->languages[j]);
        }
      g_string_append (sql, ")");
    }
  if (self->kinds != NULL)
    {
      g_string_append_printf (sql, " AND %s.kind IN (", n);
      for (guint j = 0; self->kinds[j] != NULL; j++)
        {
          if (j > 0)
            g_string_append (sql, ", ");
          add_param (params, sql, SHIRABE_ATTRIBUTE_TEXT, self->kinds[j]);
        }
      g_string_append (sql, ")");
    }
  if (self->statuses->len > 0)
    {
      g_string_append_printf (sql, " AND %s.status IN (", n);
      for (guint j = 0; j < self->statuses->len; j++)
        {
          if (j > 0)
            g_string_append (sql, ", ");
          add_int_param (params, sql, g_array_index (self->statuses, int, j));
        }
      g_string_append (sql, ")");
    }
}

int
shirabe_filter_params_bind (ShirabeFilterParams *params,
                            sqlite3_stmt        *stmt,
                            int                  first)
{
  for (guint i = 0; i < params->params->len; i++)
    {
      Param *param = &g_array_index (params->params, Param, i);

      switch (param->type)
        {
        case SHIRABE_ATTRIBUTE_INTEGER:
        case SHIRABE_ATTRIBUTE_BOOLEAN:
          sqlite3_bind_int64 (stmt, first, g_ascii_strtoll (param->value, NULL, 10));
          break;
        case SHIRABE_ATTRIBUTE_NUMBER:
          sqlite3_bind_double (stmt, first, g_ascii_strtod (param->value, NULL));
          break;
        case SHIRABE_ATTRIBUTE_TEXT:
        case SHIRABE_ATTRIBUTE_DATE:
        case SHIRABE_ATTRIBUTE_CHOICE:
        default:
          shirabe_bind_text (stmt, first, param->value);
          break;
        }
      first++;
    }
  return first;
}
