/* shirabe-code.c: the coding scheme, a tree of codes with bilingual labels
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "shirabe-i18n.h"

#include <string.h>

#include "shirabe-code.h"
#include "shirabe-romaji-private.h"
#include "shirabe-project-private.h"

G_DEFINE_BOXED_TYPE (ShirabeCode, shirabe_code, shirabe_code_copy, shirabe_code_free)

/* Statistics packages cap variable names: Stata at 32 characters, SPSS at 64. */
#define VAR_NAME_MAX 32

/* The GNOME palette, so that a scheme without chosen colours still reads well. */
static const char *const palette[] = {
  "#3584E4", "#33D17A", "#F6D32D", "#FF7800", "#E01B24", "#9141AC", "#986A44", "#2190A4",
  "#C061CB", "#1C71D8", "#26A269", "#E5A50A", "#C64600", "#A51D2D", "#613583", "#63452C",
};

ShirabeCode *
shirabe_code_copy (const ShirabeCode *self)
{
  ShirabeCode *copy = g_memdup2 (self, sizeof *self);

  copy->uuid = g_strdup (self->uuid);
  copy->label_en = g_strdup (self->label_en);
  copy->label_ja = g_strdup (self->label_ja);
  copy->description_en = g_strdup (self->description_en);
  copy->description_ja = g_strdup (self->description_ja);
  copy->color = g_strdup (self->color);
  copy->var_name = g_strdup (self->var_name);
  copy->created_at = g_strdup (self->created_at);
  return copy;
}

void
shirabe_code_free (ShirabeCode *self)
{
  if (self == NULL)
    return;
  g_free (self->uuid);
  g_free (self->label_en);
  g_free (self->label_ja);
  g_free (self->description_en);
  g_free (self->description_ja);
  g_free (self->color);
  g_free (self->var_name);
  g_free (self->created_at);
  g_free (self);
}

ShirabeLanguage
shirabe_message_language (void)
{
  /* Translators: "ja" in a Japanese translation, else "en": the language of the labels of
   * codes and attributes named in messages ("Apply code “%s”"). Translate nothing else. */
  const char *language = C_("language of labels in messages", "en");

  return g_str_equal (language, "ja") ? SHIRABE_LANGUAGE_JA : SHIRABE_LANGUAGE_EN;
}

const char *
shirabe_code_get_label (const ShirabeCode *self,
                        ShirabeLanguage    language)
{
  const char *first = language == SHIRABE_LANGUAGE_JA ? self->label_ja : self->label_en;
  const char *second = language == SHIRABE_LANGUAGE_JA ? self->label_en : self->label_ja;

  return first != NULL && *first != '\0' ? first : second;
}

char *
shirabe_color_normalize (const char *color)
{
  char buffer[8];

  if (color == NULL || color[0] != '#')
    return NULL;
  for (const char *p = color + 1; *p != '\0'; p++)
    if (!g_ascii_isxdigit (*p))
      return NULL;

  if (strlen (color) == 4)
    g_snprintf (buffer, sizeof buffer, "#%c%c%c%c%c%c", color[1], color[1], color[2], color[2],
                color[3], color[3]);
  else if (strlen (color) == 7)
    g_strlcpy (buffer, color, sizeof buffer);
  else
    return NULL;
  return g_ascii_strup (buffer, -1);
}

gboolean
shirabe_var_name_is_valid (const char *var_name)
{
  if (var_name == NULL || !g_ascii_isalpha (var_name[0]) || strlen (var_name) > VAR_NAME_MAX)
    return FALSE;
  for (const char *p = var_name; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && *p != '_')
      return FALSE;
  return TRUE;
}

/**
 * shirabe_var_name_from_label:
 *
 * Makes a variable name R, SPSS and Stata accept from a label: ASCII letters, digits and
 * underscores, starting with a letter, at most 32 characters. Japanese is read out in romaji
 * (借金による拘束 → shakkin_niyoru_kousoku), cut at a word's end to fit.
 *
 * Returns: (transfer full) (nullable): the name, or %NULL when the label has nothing to build
 *   one from (only punctuation, or a script without a reading here)
 */
char *
shirabe_var_name_from_label (const char *label)
{
  g_autofree char *ascii = NULL;
  GString *name;

  if (label == NULL)
    return NULL;
  /* Japanese read out in romaji; otherwise accents transliterated (é → e), and other scripts
   * become '?' and then separators. */
  if (shirabe_text_has_japanese (label))
    ascii = shirabe_romanize (label);
  else
    ascii = g_str_to_ascii (label, "C");
  name = g_string_new (NULL);
  for (const char *p = ascii; *p != '\0'; p++)
    {
      if (g_ascii_isalnum (*p))
        g_string_append_c (name, g_ascii_tolower (*p));
      else if (name->len > 0 && name->str[name->len - 1] != '_')
        g_string_append_c (name, '_');
    }
  /* Too long: cut at the end of a word when one ends late enough, else at the limit. */
  if (name->len > VAR_NAME_MAX)
    {
      gsize cut = VAR_NAME_MAX;

      for (gsize i = VAR_NAME_MAX; i >= 12; i--)
        if (name->str[i] == '_')
          {
            cut = i;
            break;
          }
      g_string_truncate (name, cut);
    }
  while (name->len > 0 && name->str[name->len - 1] == '_')
    g_string_truncate (name, name->len - 1);
  if (name->len == 0)
    {
      g_string_free (name, TRUE);
      return NULL;
    }
  if (!g_ascii_isalpha (name->str[0]))
    {
      g_string_prepend (name, "c_");
      g_string_truncate (name, VAR_NAME_MAX);
    }
  return g_string_free (name, FALSE);
}

#define CODE_COLUMNS \
  "c.id, c.uuid, c.parent_id, c.label_en, c.label_ja, c.description_en, c.description_ja," \
  " c.color, c.var_name, c.codable, c.position, c.created_at," \
  " (SELECT count(*) FROM coding g WHERE g.code_id = c.id)"

static ShirabeCode *
code_from_row (sqlite3_stmt *stmt)
{
  ShirabeCode *self = g_new0 (ShirabeCode, 1);

  self->id = sqlite3_column_int64 (stmt, 0);
  self->uuid = shirabe_column_dup_text (stmt, 1);
  self->parent_id = sqlite3_column_int64 (stmt, 2);
  self->label_en = shirabe_column_dup_text (stmt, 3);
  self->label_ja = shirabe_column_dup_text (stmt, 4);
  self->description_en = shirabe_column_dup_text (stmt, 5);
  self->description_ja = shirabe_column_dup_text (stmt, 6);
  self->color = shirabe_column_dup_text (stmt, 7);
  self->var_name = shirabe_column_dup_text (stmt, 8);
  self->codable = sqlite3_column_int (stmt, 9) != 0;
  self->position = sqlite3_column_int (stmt, 10);
  self->created_at = shirabe_column_dup_text (stmt, 11);
  self->n_codings = sqlite3_column_int (stmt, 12);
  return self;
}

static gboolean
var_name_taken (ShirabeProject  *project,
                const char      *var_name,
                gint64           except_id,
                gboolean        *taken,
                GError         **error)
{
  GError *local_error = NULL;
  sqlite3_stmt *stmt;

  stmt = shirabe_project_prepare (project,
                                  "SELECT id FROM code WHERE var_name = ?1 AND id <> ?2", error);
  if (stmt == NULL)
    return FALSE;
  shirabe_bind_text (stmt, 1, var_name);
  sqlite3_bind_int64 (stmt, 2, except_id);
  *taken = shirabe_project_query_id (project, stmt, &local_error) != 0;
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }
  return TRUE;
}

/* A free variable name based on the labels: "debt_bondage", "debt_bondage_2", "code_14". */
static char *
unique_var_name (ShirabeProject  *project,
                 const char      *label_en,
                 const char      *label_ja,
                 GError         **error)
{
  g_autofree char *base = shirabe_var_name_from_label (label_en);
  gboolean taken = TRUE;

  if (base == NULL)
    base = shirabe_var_name_from_label (label_ja);
  if (base == NULL)
    base = g_strdup ("code");

  for (guint i = 1; i < G_MAXUINT; i++)
    {
      g_autofree char *candidate = NULL;

      if (i == 1 && strcmp (base, "code") != 0)
        candidate = g_strdup (base);
      else
        {
          g_autofree char *suffix = g_strdup_printf ("_%u", i);
          g_autofree char *stem = g_strndup (base, VAR_NAME_MAX - strlen (suffix));
          candidate = g_strconcat (stem, suffix, NULL);
        }
      if (!var_name_taken (project, candidate, 0, &taken, error))
        return NULL;
      if (!taken)
        return g_steal_pointer (&candidate);
    }
  g_assert_not_reached ();
}

static gboolean
code_exists (ShirabeProject  *project,
            gint64           code_id,
            GError         **error)
{
  return shirabe_project_row_exists (project, "SELECT id FROM code WHERE id = ?1", SHIRABE_ENTITY_CODE, code_id,
                                     error);
}

static void
set_var_name_error (GError     **error,
                    const char  *var_name)
{
  g_set_error (error, SHIRABE_ERROR, SHIRABE_ERROR_INVALID,
               _("“%s” is not a valid variable name: use ASCII letters, digits and underscores, "
                 "start with a letter, at most 32 characters"),
               var_name);
}

gboolean
shirabe_project_check_code_var_name (ShirabeProject  *project,
                                     gint64           code_id,
                                     const char      *var_name,
                                     GError         **error)
{
  gboolean taken = FALSE;

  g_return_val_if_fail (SHIRABE_IS_PROJECT (project), FALSE);

  if (!shirabe_var_name_is_valid (var_name))
    {
      set_var_name_error (error, var_name ? var_name : "");
      return FALSE;
    }
  if (!var_name_taken (project, var_name, code_id, &taken, error))
    return FALSE;
  if (taken)
    {
      g_set_error (error, SHIRABE_ERROR, SHIRABE_ERROR_EXISTS,
                   _("Another code already has the variable name “%s”"), var_name);
      return FALSE;
    }
  return TRUE;
}

/**
 * shirabe_project_add_code:
 *
 * Adds a code as the last child of @spec->parent_id (or at the top). A missing colour is taken
 * from the palette; a missing variable name is made from the labels.
 *
 * Returns: the new code's id, or 0 with @error set
 */
gint64
shirabe_project_add_code (ShirabeProject         *project,
                          const ShirabeCodeSpec  *spec,
                          GError                **error)
{
  g_autofree char *uuid = NULL;
  g_autofree char *now = NULL;
  g_autofree char *color = NULL;
  g_autofree char *var_name = NULL;
  g_autofree char *label = NULL;
  const char *label_en;
  const char *label_ja;
  sqlite3_stmt *stmt;
  gint64 id = 0;

  g_return_val_if_fail (SHIRABE_IS_PROJECT (project), 0);
  g_return_val_if_fail (spec != NULL, 0);

  if (!shirabe_check_utf8 (spec->label_en, error) || !shirabe_check_utf8 (spec->label_ja, error) ||
      !shirabe_check_utf8 (spec->description_en, error) ||
      !shirabe_check_utf8 (spec->description_ja, error))
    return 0;
  label_en = shirabe_str_is_blank (spec->label_en) ? "" : spec->label_en;
  label_ja = shirabe_str_is_blank (spec->label_ja) ? "" : spec->label_ja;
  if (*label_en == '\0' && *label_ja == '\0')
    {
      g_set_error_literal (error, SHIRABE_ERROR, SHIRABE_ERROR_INVALID,
                           _("A code needs a label in English or Japanese"));
      return 0;
    }
  if (spec->color != NULL && (color = shirabe_color_normalize (spec->color)) == NULL)
    {
      g_set_error (error, SHIRABE_ERROR, SHIRABE_ERROR_INVALID,
                   _("“%s” is not a colour; write it as #RRGGBB, for example #E01B24"),
                   spec->color);
      return 0;
    }
  if (spec->var_name != NULL && !shirabe_var_name_is_valid (spec->var_name))
    {
      set_var_name_error (error, spec->var_name);
      return 0;
    }
  if (spec->parent_id != 0 && !code_exists (project, spec->parent_id, error))
    return 0;

  if (!shirabe_project_begin_edit (project, error))
    return 0;

  if (spec->var_name != NULL)
    {
      if (!shirabe_project_check_code_var_name (project, 0, spec->var_name, error))
        goto out;
      var_name = g_strdup (spec->var_name);
    }
  else if ((var_name = unique_var_name (project, label_en, label_ja, error)) == NULL)
    goto out;

  if (color == NULL)
    {
      GError *local_error = NULL;
      gint64 n_codes;

      stmt = shirabe_project_prepare (project, "SELECT count(*) FROM code", error);
      if (stmt == NULL)
        goto out;
      n_codes = shirabe_project_query_id (project, stmt, &local_error);
      if (local_error != NULL)
        {
          g_propagate_error (error, local_error);
          goto out;
        }
      color = g_strdup (palette[n_codes % G_N_ELEMENTS (palette)]);
    }

  uuid = spec->uuid != NULL ? g_strdup (spec->uuid) : g_uuid_string_random ();
  now = shirabe_now_iso8601 ();
  stmt = shirabe_project_prepare (project,
                                  "INSERT INTO code (uuid, parent_id, label_en, label_ja,"
                                  " description_en, description_ja, color, var_name, codable,"
                                  " position, created_at)"
                                  " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9,"
                                  "  (SELECT coalesce (max (position) + 1, 0) FROM code"
                                  "   WHERE parent_id IS ?2), ?10)",
                                  error);
  if (stmt != NULL)
    {
      int rc;

      shirabe_bind_text (stmt, 1, uuid);
      if (spec->parent_id != 0)
        sqlite3_bind_int64 (stmt, 2, spec->parent_id);
      shirabe_bind_text (stmt, 3, label_en);
      shirabe_bind_text (stmt, 4, label_ja);
      shirabe_bind_text (stmt, 5, spec->description_en ? spec->description_en : "");
      shirabe_bind_text (stmt, 6, spec->description_ja ? spec->description_ja : "");
      shirabe_bind_text (stmt, 7, color);
      shirabe_bind_text (stmt, 8, var_name);
      sqlite3_bind_int (stmt, 9, spec->not_codable ? 0 : 1);
      shirabe_bind_text (stmt, 10, now);
      rc = sqlite3_step (stmt);
      sqlite3_reset (stmt);
      if (rc == SQLITE_DONE)
        id = sqlite3_last_insert_rowid (shirabe_project_get_db (project));
      else if (rc == SQLITE_CONSTRAINT_UNIQUE)
        g_set_error (error, SHIRABE_ERROR, SHIRABE_ERROR_EXISTS,
                     _("A code with the UUID %s already exists"), uuid);
      else
        shirabe_project_set_sqlite_error (project, rc, error);
    }

out:
  label = g_strdup_printf (_("Add code “%s”"), *label_en != '\0' ? label_en : label_ja);
  if (!shirabe_project_end_edit (project, id != 0, label, id != 0 ? error : NULL))
    return 0;
  return id;
}

/* Runs one UPDATE of a code as its own undo step. */
static gboolean
update_code (ShirabeProject  *project,
             const char      *sql,
             gint64           code_id,
             const char      *text_value,
             gint64           int_value,
             const char      *label,
             GError         **error)
{
  sqlite3_stmt *stmt;
  gboolean ok = FALSE;

  if (!code_exists (project, code_id, error) || !shirabe_project_begin_edit (project, error))
    return FALSE;
  stmt = shirabe_project_prepare (project, sql, error);
  if (stmt != NULL)
    {
      int rc;

      if (text_value != NULL)
        shirabe_bind_text (stmt, 1, text_value);
      else
        sqlite3_bind_int64 (stmt, 1, int_value);
      sqlite3_bind_int64 (stmt, 2, code_id);
      rc = sqlite3_step (stmt);
      sqlite3_reset (stmt);
      if (rc == SQLITE_DONE)
        ok = TRUE;
      else if (rc == SQLITE_CONSTRAINT_CHECK)
        g_set_error_literal (error, SHIRABE_ERROR, SHIRABE_ERROR_INVALID,
                             _("A code needs a label in English or Japanese"));
      else
        shirabe_project_set_sqlite_error (project, rc, error);
    }
  return shirabe_project_end_edit (project, ok, label, ok ? error : NULL) && ok;
}

gboolean
shirabe_project_set_code_label (ShirabeProject   *project,
                                gint64            code_id,
                                ShirabeLanguage   language,
                                const char       *label,
                                GError          **error)
{
  g_autofree char *step = NULL;
  const char *value = shirabe_str_is_blank (label) ? "" : label;

  g_return_val_if_fail (SHIRABE_IS_PROJECT (project), FALSE);

  if (!shirabe_check_utf8 (label, error))
    return FALSE;
  step = *value != '\0' ? g_strdup_printf (_("Rename code to “%s”"), value)
                        : g_strdup (_("Clear code label"));
  return update_code (project,
                      language == SHIRABE_LANGUAGE_JA
                        ? "UPDATE code SET label_ja = ?1 WHERE id = ?2"
                        : "UPDATE code SET label_en = ?1 WHERE id = ?2",
                      code_id, value, 0, step, error);
}

gboolean
shirabe_project_set_code_description (ShirabeProject   *project,
                                      gint64            code_id,
                                      ShirabeLanguage   language,
                                      const char       *description,
                                      GError          **error)
{
  g_return_val_if_fail (SHIRABE_IS_PROJECT (project), FALSE);

  if (!shirabe_check_utf8 (description, error))
    return FALSE;
  return update_code (project,
                      language == SHIRABE_LANGUAGE_JA
                        ? "UPDATE code SET description_ja = ?1 WHERE id = ?2"
                        : "UPDATE code SET description_en = ?1 WHERE id = ?2",
                      code_id, description ? description : "", 0,
                      _("Edit code description"), error);
}

gboolean
shirabe_project_set_code_color (ShirabeProject  *project,
                                gint64           code_id,
                                const char      *color,
                                GError         **error)
{
  g_autofree char *normalized = shirabe_color_normalize (color);

  g_return_val_if_fail (SHIRABE_IS_PROJECT (project), FALSE);

  if (normalized == NULL)
    {
      g_set_error (error, SHIRABE_ERROR, SHIRABE_ERROR_INVALID,
                   _("“%s” is not a colour; write it as #RRGGBB, for example #E01B24"),
                   color ? color : "");
      return FALSE;
    }
  return update_code (project, "UPDATE code SET color = ?1 WHERE id = ?2", code_id, normalized,
                      0, _("Change code colour"), error);
}

gboolean
shirabe_project_set_code_var_name (ShirabeProject  *project,
                                   gint64           code_id,
                                   const char      *var_name,
                                   GError         **error)
{
  g_return_val_if_fail (SHIRABE_IS_PROJECT (project), FALSE);

  if (!shirabe_project_check_code_var_name (project, code_id, var_name, error))
    return FALSE;
  return update_code (project, "UPDATE code SET var_name = ?1 WHERE id = ?2", code_id, var_name,
                      0, _("Change variable name"), error);
}

gboolean
shirabe_project_set_code_codable (ShirabeProject  *project,
                                  gint64           code_id,
                                  gboolean         codable,
                                  GError         **error)
{
  g_return_val_if_fail (SHIRABE_IS_PROJECT (project), FALSE);

  return update_code (project, "UPDATE code SET codable = ?1 WHERE id = ?2", code_id, NULL,
                      codable ? 1 : 0,
                      codable ? _("Make code codable") : _("Make code a category only"), error);
}

/* TRUE when @ancestor_id is @code_id or one of its ancestors. */
static gboolean
is_ancestor_or_self (ShirabeProject  *project,
                     gint64           ancestor_id,
                     gint64           code_id,
                     gboolean        *result,
                     GError         **error)
{
  GError *local_error = NULL;
  sqlite3_stmt *stmt;

  stmt = shirabe_project_prepare (project,
                                  "WITH RECURSIVE up (id, parent_id) AS ("
                                  "  SELECT id, parent_id FROM code WHERE id = ?1"
                                  "  UNION ALL"
                                  "  SELECT c.id, c.parent_id FROM code c JOIN up ON c.id = up.parent_id)"
                                  " SELECT id FROM up WHERE id = ?2",
                                  error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, code_id);
  sqlite3_bind_int64 (stmt, 2, ancestor_id);
  *result = shirabe_project_query_id (project, stmt, &local_error) != 0;
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }
  return TRUE;
}

static gboolean
run_with_ints (ShirabeProject  *project,
               const char      *sql,
               gint64           a,
               gint64           b,
               gint64           c,
               GError         **error)
{
  sqlite3_stmt *stmt = shirabe_project_prepare (project, sql, error);

  if (stmt == NULL)
    return FALSE;
  if (a != 0)
    sqlite3_bind_int64 (stmt, 1, a);
  sqlite3_bind_int64 (stmt, 2, b);
  sqlite3_bind_int64 (stmt, 3, c);
  return shirabe_project_step_done (project, stmt, error);
}

/**
 * shirabe_project_move_code:
 * @parent_id: the new parent, or 0 for the top level
 * @position: the place among the new siblings, from 0; -1 or past the end puts it last
 *
 * Moves and reparents a code with its descendants and codings, as one undo step.
 */
gboolean
shirabe_project_move_code (ShirabeProject  *project,
                           gint64           code_id,
                           gint64           parent_id,
                           int              position,
                           GError         **error)
{
  g_autoptr(ShirabeCode) code = NULL;
  g_autofree char *label = NULL;
  GError *local_error = NULL;
  sqlite3_stmt *stmt;
  gboolean ok = FALSE;
  gint64 n_siblings;

  g_return_val_if_fail (SHIRABE_IS_PROJECT (project), FALSE);

  code = shirabe_project_get_code (project, code_id, error);
  if (code == NULL)
    return FALSE;
  if (parent_id != 0)
    {
      gboolean cycle = FALSE;

      if (!code_exists (project, parent_id, error) ||
          !is_ancestor_or_self (project, code_id, parent_id, &cycle, error))
        return FALSE;
      if (cycle)
        {
          g_set_error (error, SHIRABE_ERROR, SHIRABE_ERROR_INVALID,
                       _("“%s” cannot be moved under itself or one of its own subcodes"),
                       shirabe_code_get_label (code, shirabe_message_language ()));
          return FALSE;
        }
    }

  if (!shirabe_project_begin_edit (project, error))
    return FALSE;

  /* Close the gap the code leaves, then open one where it goes. */
  if (!run_with_ints (project,
                      "UPDATE code SET position = position - 1"
                      " WHERE parent_id IS ?1 AND position > ?2 AND id <> ?3",
                      code->parent_id, code->position, code_id, error))
    goto out;

  stmt = shirabe_project_prepare (project,
                                  "SELECT count(*) FROM code WHERE parent_id IS ?1 AND id <> ?2",
                                  error);
  if (stmt == NULL)
    goto out;
  if (parent_id != 0)
    sqlite3_bind_int64 (stmt, 1, parent_id);
  sqlite3_bind_int64 (stmt, 2, code_id);
  n_siblings = shirabe_project_query_id (project, stmt, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      goto out;
    }
  if (position < 0 || position > n_siblings)
    position = n_siblings;

  if (!run_with_ints (project,
                      "UPDATE code SET position = position + 1"
                      " WHERE parent_id IS ?1 AND position >= ?2 AND id <> ?3",
                      parent_id, position, code_id, error) ||
      !run_with_ints (project, "UPDATE code SET parent_id = ?1, position = ?2 WHERE id = ?3",
                      parent_id, position, code_id, error))
    goto out;
  ok = TRUE;

out:
  label = g_strdup_printf (_("Move code “%s”"), shirabe_code_get_label (code, shirabe_message_language ()));
  return shirabe_project_end_edit (project, ok, label, ok ? error : NULL) && ok;
}

guint
shirabe_project_count_code_codings (ShirabeProject  *project,
                                    gint64           code_id,
                                    GError         **error)
{
  GError *local_error = NULL;
  sqlite3_stmt *stmt;
  gint64 count;

  g_return_val_if_fail (SHIRABE_IS_PROJECT (project), 0);

  stmt = shirabe_project_prepare (project,
                                  "WITH RECURSIVE sub (id) AS ("
                                  "  SELECT ?1 UNION ALL"
                                  "  SELECT c.id FROM code c JOIN sub ON c.parent_id = sub.id)"
                                  " SELECT count(*) FROM coding WHERE code_id IN sub",
                                  error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, code_id);
  count = shirabe_project_query_id (project, stmt, &local_error);
  if (local_error != NULL)
    g_propagate_error (error, local_error);
  return (guint) count;
}

/**
 * shirabe_project_delete_code:
 *
 * Deletes a code with its subcodes and all their codings, as one undo step: undo brings the
 * codes and every coding back.
 */
gboolean
shirabe_project_delete_code (ShirabeProject  *project,
                             gint64           code_id,
                             GError         **error)
{
  g_autoptr(ShirabeCode) code = NULL;
  g_autofree char *label = NULL;
  gboolean ok = FALSE;

  g_return_val_if_fail (SHIRABE_IS_PROJECT (project), FALSE);

  code = shirabe_project_get_code (project, code_id, error);
  if (code == NULL || !shirabe_project_begin_edit (project, error))
    return FALSE;

  /* Subcodes and codings follow through ON DELETE CASCADE; the undo step records them. */
  ok = run_with_ints (project, "DELETE FROM code WHERE id = ?3", 0, 0, code_id, error) &&
       run_with_ints (project,
                      "UPDATE code SET position = position - 1"
                      " WHERE parent_id IS ?1 AND position > ?2",
                      code->parent_id, code->position, 0, error);

  label = g_strdup_printf (_("Delete code “%s”"),
                           shirabe_code_get_label (code, shirabe_message_language ()));
  return shirabe_project_end_edit (project, ok, label, ok ? error : NULL) && ok;
}

ShirabeCode *
shirabe_project_get_code (ShirabeProject  *project,
                          gint64           code_id,
                          GError         **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (SHIRABE_IS_PROJECT (project), NULL);

  stmt = shirabe_project_prepare (project, "SELECT " CODE_COLUMNS " FROM code c WHERE c.id = ?1",
                                  error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, code_id);
  return shirabe_project_fetch_one (project, stmt, (ShirabeRowFunc) code_from_row, SHIRABE_ENTITY_CODE,
                                    code_id, error);
}

static GPtrArray *list_codes (ShirabeProject *project,
                              gboolean        counted,
                              GError        **error);

/* The same tree without the counts, which cost in proportion to the codings. */
#define CODE_COLUMNS_UNCOUNTED \
  "c.id, c.uuid, c.parent_id, c.label_en, c.label_ja, c.description_en, c.description_ja," \
  " c.color, c.var_name, c.codable, c.position, c.created_at, 0"

GPtrArray *
shirabe_project_list_codes_uncounted (ShirabeProject  *project,
                                      GError         **error)
{
  return list_codes (project, FALSE, error);
}

gboolean
shirabe_project_count_codings_per_code (ShirabeProject  *project,
                                        GHashTable     **counts,
                                        GError         **error)
{
  g_autoptr(GHashTable) table = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                                       NULL);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (SHIRABE_IS_PROJECT (project), FALSE);

  /* One pass over the covering index on codes. */
  stmt = shirabe_project_prepare (project,
                                  "SELECT code_id, count (*) FROM coding GROUP BY code_id",
                                  error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 code_id = sqlite3_column_int64 (stmt, 0);

      g_hash_table_insert (table, g_memdup2 (&code_id, sizeof code_id),
                           GUINT_TO_POINTER ((guint) sqlite3_column_int64 (stmt, 1)));
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return shirabe_project_set_sqlite_error (project, rc, error);
  *counts = g_steal_pointer (&table);
  return TRUE;
}

GPtrArray *
shirabe_project_list_codes (ShirabeProject  *project,
                            GError         **error)
{
  return list_codes (project, TRUE, error);
}

static GPtrArray *
list_codes (ShirabeProject  *project,
            gboolean         counted,
            GError         **error)
{
  g_autoptr(GPtrArray) codes = g_ptr_array_new_with_free_func ((GDestroyNotify) shirabe_code_free);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (SHIRABE_IS_PROJECT (project), NULL);

  /* Depth-first: each row's sort key is its ancestors' keys followed by its own. */
#define CODE_TREE_SQL(columns) \
  "WITH RECURSIVE tree (id, depth, sort) AS (" \
  "  SELECT id, 0, printf ('%08d.%012d', position, id)" \
  "  FROM code WHERE parent_id IS NULL" \
  "  UNION ALL" \
  "  SELECT c.id, t.depth + 1," \
  "   t.sort || '/' || printf ('%08d.%012d', c.position, c.id)" \
  "  FROM code c JOIN tree t ON c.parent_id = t.id)" \
  " SELECT " columns ", t.depth" \
  " FROM tree t JOIN code c ON c.id = t.id ORDER BY t.sort"
  stmt = shirabe_project_prepare (project,
                                  counted ? CODE_TREE_SQL (CODE_COLUMNS)
                                          : CODE_TREE_SQL (CODE_COLUMNS_UNCOUNTED),
                                  error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      ShirabeCode *code = code_from_row (stmt);

      code->depth = sqlite3_column_int (stmt, 13);
      g_ptr_array_add (codes, code);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      shirabe_project_set_sqlite_error (project, rc, error);
      return NULL;
    }
  return g_steal_pointer (&codes);
}

char *
shirabe_project_dup_code_path (ShirabeProject  *project,
                               gint64           code_id,
                               ShirabeLanguage  language)
{
  GPtrArray *parts = g_ptr_array_new_with_free_func (g_free);
  g_autofree char **strv = NULL;
  sqlite3_stmt *stmt;
  char *path;

  g_return_val_if_fail (SHIRABE_IS_PROJECT (project), NULL);

  /* Labels alone: a code's full row counts its codings, which a path does not need. */
  stmt = shirabe_project_prepare (project,
                                  "SELECT coalesce (parent_id, 0), label_en, label_ja FROM code"
                                  " WHERE id = ?1", NULL);
  for (gint64 id = code_id; id != 0 && stmt != NULL;)
    {
      ShirabeCode code = { 0 };

      sqlite3_reset (stmt);
      sqlite3_bind_int64 (stmt, 1, id);
      if (sqlite3_step (stmt) != SQLITE_ROW)
        break;
      code.label_en = (char *) sqlite3_column_text (stmt, 1);
      code.label_ja = (char *) sqlite3_column_text (stmt, 2);
      g_ptr_array_insert (parts, 0, g_strdup (shirabe_code_get_label (&code, language)));
      id = sqlite3_column_int64 (stmt, 0);
      if (parts->len > 1000)  /* a cycle would be a damaged file; never loop forever */
        break;
    }
  if (stmt != NULL)
    sqlite3_reset (stmt);
  g_ptr_array_add (parts, NULL);
  path = g_strjoinv ("/", (char **) parts->pdata);
  g_ptr_array_unref (parts);
  return path;
}

/* Walks "Parent/Child" from the top, matching each part in either language. */
static gint64
find_code_by_path (ShirabeProject  *project,
                   const char      *spec,
                   GError         **error)
{
  g_auto(GStrv) parts = g_strsplit (spec, "/", -1);
  gint64 parent_id = 0;

  for (guint i = 0; parts[i] != NULL; i++)
    {
      sqlite3_stmt *stmt;
      gint64 found = 0;
      guint n_found = 0;
      int rc;

      stmt = shirabe_project_prepare (project,
                                      "SELECT id FROM code WHERE parent_id IS ?1"
                                      " AND (label_en = ?2 OR label_ja = ?2)",
                                      error);
      if (stmt == NULL)
        return 0;
      if (parent_id != 0)
        sqlite3_bind_int64 (stmt, 1, parent_id);
      shirabe_bind_text (stmt, 2, g_strstrip (parts[i]));
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          found = sqlite3_column_int64 (stmt, 0);
          n_found++;
        }
      sqlite3_reset (stmt);
      if (rc != SQLITE_DONE)
        {
          shirabe_project_set_sqlite_error (project, rc, error);
          return 0;
        }
      if (n_found != 1)
        {
          g_set_error (error, SHIRABE_ERROR,
                       n_found == 0 ? SHIRABE_ERROR_NOT_FOUND : SHIRABE_ERROR_AMBIGUOUS,
                       n_found == 0 ? _("No code “%s” in the project")
                                    : _("Several codes match “%s”; give the variable name or "
                                        "the id instead"),
                       spec);
          return 0;
        }
      parent_id = found;
    }
  return parent_id;
}

gint64
shirabe_project_find_code (ShirabeProject  *project,
                           const char      *spec,
                           GError         **error)
{
  GError *local_error = NULL;
  sqlite3_stmt *stmt;
  gint64 id;

  g_return_val_if_fail (SHIRABE_IS_PROJECT (project), 0);

  if (spec != NULL && shirabe_var_name_is_valid (spec))
    {
      stmt = shirabe_project_prepare (project, "SELECT id FROM code WHERE var_name = ?1", error);
      if (stmt == NULL)
        return 0;
      shirabe_bind_text (stmt, 1, spec);
      id = shirabe_project_query_id (project, stmt, &local_error);
      if (local_error != NULL)
        {
          g_propagate_error (error, local_error);
          return 0;
        }
      if (id != 0)
        return id;
    }

  id = shirabe_project_resolve (project, SHIRABE_ENTITY_CODE, spec,
                                "SELECT id FROM code WHERE id = ?1",
                                "SELECT id FROM code WHERE uuid = ?1",
                                "SELECT id FROM code WHERE label_en = ?1 OR label_ja = ?1",
                                &local_error);
  if (id == 0 && spec != NULL && strchr (spec, '/') != NULL &&
      g_error_matches (local_error, SHIRABE_ERROR, SHIRABE_ERROR_NOT_FOUND))
    {
      g_clear_error (&local_error);
      return find_code_by_path (project, spec, error);
    }
  if (local_error != NULL)
    g_propagate_error (error, local_error);
  return id;
}

/* Number keys */

#define QUICK_KEYS_META "quick-keys"

gboolean
shirabe_project_get_quick_keys (ShirabeProject  *project,
                                gint64           codes[SHIRABE_N_QUICK_KEYS],
                                GError         **error)
{
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GHashTable) codable = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autofree char *stored = NULL;
  guint n = 0;

  g_return_val_if_fail (SHIRABE_IS_PROJECT (project), FALSE);

  memset (codes, 0, sizeof (gint64) * SHIRABE_N_QUICK_KEYS);
  all = shirabe_project_list_codes_uncounted (project, error);
  if (all == NULL)
    return FALSE;
  for (guint i = 0; i < all->len; i++)
    {
      ShirabeCode *code = g_ptr_array_index (all, i);

      if (code->codable)
        g_hash_table_add (codable, &code->id);
    }

  stored = shirabe_project_dup_meta (project, QUICK_KEYS_META);
  if (stored == NULL)
    {
      /* Not assigned yet: the first nine codable codes, as the tree shows them. */
      for (guint i = 0; i < all->len && n < SHIRABE_N_QUICK_KEYS; i++)
        {
          ShirabeCode *code = g_ptr_array_index (all, i);

          if (code->codable)
            codes[n++] = code->id;
        }
      return TRUE;
    }
  /* "KEY=ID" pairs, comma-separated; anything else, or a code gone, is left out. */
  {
    g_auto(GStrv) pairs = g_strsplit (stored, ",", -1);

    for (guint i = 0; pairs[i] != NULL; i++)
      {
        guint64 key = 0;
        gint64 id = 0;
        char *end = NULL;

        key = g_ascii_strtoull (pairs[i], &end, 10);
        if (end == NULL || *end != '=' || key < 1 || key > SHIRABE_N_QUICK_KEYS)
          continue;
        id = g_ascii_strtoll (end + 1, &end, 10);
        if (end == NULL || *end != '\0' || !g_hash_table_contains (codable, &id))
          continue;
        codes[key - 1] = id;
      }
  }
  return TRUE;
}

gboolean
shirabe_project_set_quick_key (ShirabeProject  *project,
                               guint            key,
                               gint64           code_id,
                               GError         **error)
{
  gint64 codes[SHIRABE_N_QUICK_KEYS];
  g_autoptr(ShirabeCode) code = NULL;
  g_autoptr(GString) stored = g_string_new (NULL);
  g_autofree char *label = NULL;
  gboolean ok;

  g_return_val_if_fail (SHIRABE_IS_PROJECT (project), FALSE);

  if (key < 1 || key > SHIRABE_N_QUICK_KEYS)
    {
      g_set_error (error, SHIRABE_ERROR, SHIRABE_ERROR_INVALID,
                   _("Number keys go from 1 to 9, not %u"), key);
      return FALSE;
    }
  if (code_id != 0)
    {
      code = shirabe_project_get_code (project, code_id, error);
      if (code == NULL)
        return FALSE;
      if (!code->codable)
        {
          g_set_error (error, SHIRABE_ERROR, SHIRABE_ERROR_INVALID,
                       _("“%s” is a category, which is not applied to text: it takes no "
                         "number key"), shirabe_code_get_label (code, SHIRABE_LANGUAGE_EN));
          return FALSE;
        }
    }
  if (!shirabe_project_get_quick_keys (project, codes, error))
    return FALSE;
  for (guint i = 0; i < SHIRABE_N_QUICK_KEYS; i++)
    if (code_id != 0 && codes[i] == code_id)
      codes[i] = 0;
  codes[key - 1] = code_id;
  for (guint i = 0; i < SHIRABE_N_QUICK_KEYS; i++)
    if (codes[i] != 0)
      g_string_append_printf (stored, "%s%u=%" G_GINT64_FORMAT, stored->len > 0 ? "," : "",
                              i + 1, codes[i]);

  if (code != NULL)
    /* Translators: an undo step; %u is a number key, %s a code's label */
    label = g_strdup_printf (_("Assign key %u to “%s”"), key,
                             shirabe_code_get_label (code, SHIRABE_LANGUAGE_EN));
  else
    /* Translators: an undo step; %u is a number key */
    label = g_strdup_printf (_("Clear key %u"), key);
  if (!shirabe_project_begin_edit (project, error))
    return FALSE;
  ok = shirabe_project_set_meta (project, QUICK_KEYS_META, stored->str, error);
  return shirabe_project_end_edit (project, ok, label, ok ? error : NULL) && ok;
}
