/* shirabe-template-project.c: a template made from a project's codebook and attributes,
 * written as JSON, and applied to a project
 *
 * Applying merges by UUID (codes) and by variable name (attributes), as one undo step;
 * shirabe-template.c reads and finds the files.
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

/* Exporting */

/**
 * shirabe_template_new_from_project:
 *
 * The project's codebook (codes with their UUIDs, labels, descriptions, colours and variable
 * names) and its case and narrative attributes, named after the project.
 *
 * Returns: (transfer full): the template, or %NULL with @error set
 */
ShirabeTemplate *
shirabe_template_new_from_project (ShirabeProject  *project,
                                   GError         **error)
{
  g_autoptr(ShirabeTemplate) self = NULL;
  g_autoptr(GPtrArray) codes = NULL;
  g_autoptr(GHashTable) uuids_by_id = NULL;
  g_autofree char *name = NULL;
  g_autofree char *description = NULL;

  g_return_val_if_fail (SHIRABE_IS_PROJECT (project), NULL);

  codes = shirabe_project_list_codes (project, error);
  if (codes == NULL)
    return NULL;

  self = shirabe_template_new_empty ();
  name = shirabe_project_dup_name (project);
  description = shirabe_project_dup_meta (project, "description");
  self->id = shirabe_var_name_from_label (name);
  if (self->id == NULL)
    self->id = g_strdup ("project");
  self->name_en = g_strdup (name ? name : "");
  self->name_ja = g_strdup (name ? name : "");
  self->description_en = g_strdup (description ? description : "");
  self->description_ja = g_strdup (description ? description : "");

  uuids_by_id = g_hash_table_new (g_int64_hash, g_int64_equal);
  for (guint i = 0; i < codes->len; i++)
    {
      ShirabeCode *code = codes->pdata[i];
      ShirabeTemplateCode *copy = g_new0 (ShirabeTemplateCode, 1);

      g_hash_table_insert (uuids_by_id, &code->id, code->uuid);
      copy->uuid = g_strdup (code->uuid);
      copy->parent_uuid = g_strdup (g_hash_table_lookup (uuids_by_id, &code->parent_id));
      copy->label_en = g_strdup (code->label_en);
      copy->label_ja = g_strdup (code->label_ja);
      copy->description_en = g_strdup (code->description_en);
      copy->description_ja = g_strdup (code->description_ja);
      copy->color = g_strdup (code->color);
      copy->var_name = g_strdup (code->var_name);
      copy->codable = code->codable;
      copy->depth = code->depth;
      g_ptr_array_add (self->codes, copy);
    }

  for (ShirabeAttributeScope scope = SHIRABE_SCOPE_CASE; scope <= SHIRABE_SCOPE_NARRATIVE;
       scope++)
    {
      g_autoptr(GPtrArray) attributes = shirabe_project_list_attributes (project, scope, error);

      if (attributes == NULL)
        return NULL;
      for (guint i = 0; i < attributes->len; i++)
        {
          ShirabeAttribute *attribute = attributes->pdata[i];
          ShirabeTemplateAttribute *copy = g_new0 (ShirabeTemplateAttribute, 1);
          guint n_choices = attribute->choices ? g_strv_length (attribute->choices) : 0;

          copy->uuid = g_strdup (attribute->uuid);
          copy->scope = attribute->scope;
          copy->name_en = g_strdup (attribute->name_en);
          copy->name_ja = g_strdup (attribute->name_ja);
          copy->description_en = g_strdup (attribute->description_en);
          copy->description_ja = g_strdup (attribute->description_ja);
          copy->var_name = g_strdup (attribute->var_name);
          copy->type = attribute->type;
          copy->choices = g_new0 (char *, n_choices + 1);
          copy->choice_labels_en = g_new0 (char *, n_choices + 1);
          copy->choice_labels_ja = g_new0 (char *, n_choices + 1);
          for (guint j = 0; j < n_choices; j++)
            {
              copy->choices[j] = g_strdup (attribute->choices[j]);
              copy->choice_labels_en[j] = g_strdup (attribute->choice_labels_en[j]);
              copy->choice_labels_ja[j] = g_strdup (attribute->choice_labels_ja[j]);
            }
          g_ptr_array_add (self->attributes, copy);
        }
    }
  return g_steal_pointer (&self);
}

static void
add_text (JsonBuilder *builder,
          const char  *member,
          const char  *value)
{
  json_builder_set_member_name (builder, member);
  json_builder_add_string_value (builder, value ? value : "");
}

/* Writes the codes from @index on that are children of @parent_uuid; returns the index of
 * the first code that is not. Depth-first order puts a code's subtree right after it. */
static guint
build_codes (JsonBuilder *builder,
             GPtrArray   *codes,
             guint        index,
             const char  *parent_uuid)
{
  while (index < codes->len)
    {
      ShirabeTemplateCode *code = codes->pdata[index];

      if (g_strcmp0 (code->parent_uuid, parent_uuid) != 0)
        break;
      json_builder_begin_object (builder);
      add_text (builder, "uuid", code->uuid);
      if (code->var_name != NULL)
        add_text (builder, "var_name", code->var_name);
      add_text (builder, "label_en", code->label_en);
      add_text (builder, "label_ja", code->label_ja);
      if (code->color != NULL)
        add_text (builder, "color", code->color);
      json_builder_set_member_name (builder, "codable");
      json_builder_add_boolean_value (builder, code->codable);
      add_text (builder, "description_en", code->description_en);
      add_text (builder, "description_ja", code->description_ja);
      index++;
      if (index < codes->len &&
          g_strcmp0 (((ShirabeTemplateCode *) codes->pdata[index])->parent_uuid, code->uuid) == 0)
        {
          json_builder_set_member_name (builder, "children");
          json_builder_begin_array (builder);
          index = build_codes (builder, codes, index, code->uuid);
          json_builder_end_array (builder);
        }
      json_builder_end_object (builder);
    }
  return index;
}

static void
build_attribute (JsonBuilder              *builder,
                 ShirabeTemplateAttribute *attribute)
{
  gboolean labelled = FALSE;

  json_builder_begin_object (builder);
  if (attribute->uuid != NULL)
    add_text (builder, "uuid", attribute->uuid);
  add_text (builder, "var_name", attribute->var_name);
  add_text (builder, "scope", shirabe_attribute_scope_to_string (attribute->scope));
  add_text (builder, "type", shirabe_attribute_type_to_string (attribute->type));
  add_text (builder, "name_en", attribute->name_en);
  add_text (builder, "name_ja", attribute->name_ja);
  add_text (builder, "description_en", attribute->description_en);
  add_text (builder, "description_ja", attribute->description_ja);

  if (attribute->type == SHIRABE_ATTRIBUTE_CHOICE && attribute->choices != NULL)
    {
      for (guint i = 0; attribute->choices[i] != NULL; i++)
        if (*attribute->choice_labels_en[i] != '\0' || *attribute->choice_labels_ja[i] != '\0')
          labelled = TRUE;

      json_builder_set_member_name (builder, "choices");
      json_builder_begin_array (builder);
      for (guint i = 0; attribute->choices[i] != NULL; i++)
        {
          if (!labelled)
            {
              json_builder_add_string_value (builder, attribute->choices[i]);
              continue;
            }
          json_builder_begin_object (builder);
          add_text (builder, "value", attribute->choices[i]);
          add_text (builder, "label_en", attribute->choice_labels_en[i]);
          add_text (builder, "label_ja", attribute->choice_labels_ja[i]);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
    }
  json_builder_end_object (builder);
}

/**
 * shirabe_template_to_bytes:
 *
 * Returns: (transfer full): the template as a template file's JSON text (UTF-8, indented,
 *   ending with a newline)
 */
GBytes *
shirabe_template_to_bytes (ShirabeTemplate *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;
  gsize length = 0;

  g_return_val_if_fail (self != NULL, NULL);

  json_builder_begin_object (builder);
  add_text (builder, "format", TEMPLATE_FORMAT);
  json_builder_set_member_name (builder, "version");
  json_builder_add_int_value (builder, SHIRABE_TEMPLATE_VERSION);
  add_text (builder, "id", self->id);
  add_text (builder, "name_en", self->name_en);
  add_text (builder, "name_ja", self->name_ja);
  add_text (builder, "description_en", self->description_en);
  add_text (builder, "description_ja", self->description_ja);
  json_builder_set_member_name (builder, "codes");
  json_builder_begin_array (builder);
  build_codes (builder, self->codes, 0, NULL);
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "attributes");
  json_builder_begin_array (builder);
  for (guint i = 0; i < self->attributes->len; i++)
    build_attribute (builder, self->attributes->pdata[i]);
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);
  text = json_generator_to_data (generator, &length);
  return g_bytes_new_take (g_strconcat (text, "\n", NULL), length + 1);
}

/**
 * shirabe_template_save:
 *
 * Writes the template to @path through a temporary file, so that a failure leaves no
 * half-written file.
 */
gboolean
shirabe_template_save (ShirabeTemplate  *self,
                       const char       *path,
                       GError          **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) local_error = NULL;
  const char *data;
  gsize size;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  /* The caller asked before replacing a file (--force, or the chooser's confirmation); a
   * project is never replaced. */
  if (!shirabe_output_check_target (path, SHIRABE_OUTPUT_JSON, SHIRABE_OUTPUT_REPLACE_ANY, error))
    return FALSE;
  bytes = shirabe_template_to_bytes (self);
  data = g_bytes_get_data (bytes, &size);
  if (!g_file_set_contents_full (path, data, size, G_FILE_SET_CONTENTS_CONSISTENT, 0666,
                                 &local_error))
    {
      g_autofree char *display_name = g_filename_display_name (path);
      g_set_error (error, SHIRABE_ERROR, SHIRABE_ERROR_FAILED,
                   _("Cannot write the template “%s”: %s"), display_name, local_error->message);
      return FALSE;
    }
  return TRUE;
}

/**
 * shirabe_project_export_template:
 * @path: the template file to write
 *
 * Writes the project's codebook and attributes as a template; applied to an empty project,
 * it gives the same tree.
 */
gboolean
shirabe_project_export_template (ShirabeProject  *project,
                                 const char      *path,
                                 GError         **error)
{
  g_autoptr(ShirabeTemplate) self = NULL;

  g_return_val_if_fail (SHIRABE_IS_PROJECT (project), FALSE);

  self = shirabe_template_new_from_project (project, error);
  return self != NULL && shirabe_template_save (self, path, error);
}

/* Applying */

static gint64
query_id_by_text (ShirabeProject  *project,
                  const char      *sql,
                  const char      *first,
                  const char      *second,
                  GError         **error)
{
  sqlite3_stmt *stmt = shirabe_project_prepare (project, sql, error);

  if (stmt == NULL)
    return -1;
  shirabe_bind_text (stmt, 1, first);
  if (second != NULL)
    shirabe_bind_text (stmt, 2, second);
  return shirabe_project_query_id (project, stmt, error);
}

/* TRUE when the project's @have should become the template's @want. */
static gboolean
should_set (const char *have,
            const char *want,
            gboolean    replace)
{
  if (shirabe_str_is_blank (want))
    return FALSE;
  if (shirabe_str_is_blank (have))
    return TRUE;
  return replace && strcmp (have, want) != 0;
}

static gboolean
merge_code (ShirabeProject             *project,
            gint64                      code_id,
            const ShirabeTemplateCode  *want,
            gboolean                    replace,
            gboolean                   *changed,
            GError                    **error)
{
  g_autoptr(ShirabeCode) code = shirabe_project_get_code (project, code_id, error);

  *changed = FALSE;
  if (code == NULL)
    return FALSE;

  if (should_set (code->label_en, want->label_en, replace))
    {
      if (!shirabe_project_set_code_label (project, code_id, SHIRABE_LANGUAGE_EN, want->label_en,
                                           error))
        return FALSE;
      *changed = TRUE;
    }
  if (should_set (code->label_ja, want->label_ja, replace))
    {
      if (!shirabe_project_set_code_label (project, code_id, SHIRABE_LANGUAGE_JA, want->label_ja,
                                           error))
        return FALSE;
      *changed = TRUE;
    }
  if (should_set (code->description_en, want->description_en, replace))
    {
      if (!shirabe_project_set_code_description (project, code_id, SHIRABE_LANGUAGE_EN,
                                                 want->description_en, error))
        return FALSE;
      *changed = TRUE;
    }
  if (should_set (code->description_ja, want->description_ja, replace))
    {
      if (!shirabe_project_set_code_description (project, code_id, SHIRABE_LANGUAGE_JA,
                                                 want->description_ja, error))
        return FALSE;
      *changed = TRUE;
    }
  /* A code always has a colour, so the template's only replaces the user's when asked. */
  if (replace && want->color != NULL && g_strcmp0 (code->color, want->color) != 0)
    {
      if (!shirabe_project_set_code_color (project, code_id, want->color, error))
        return FALSE;
      *changed = TRUE;
    }
  return TRUE;
}

static gboolean
add_code (ShirabeProject             *project,
          const ShirabeTemplateCode  *want,
          ShirabeTemplateResult      *result,
          GError                    **error)
{
  GError *local_error = NULL;
  ShirabeCodeSpec spec = { 0 };
  gint64 parent_id = 0;

  /* The parent comes first in depth-first order, so it is in the project by now. */
  if (want->parent_uuid != NULL)
    {
      parent_id = query_id_by_text (project, "SELECT id FROM code WHERE uuid = ?1",
                                    want->parent_uuid, NULL, &local_error);
      if (local_error != NULL)
        {
          g_propagate_error (error, local_error);
          return FALSE;
        }
    }

  spec.parent_id = parent_id;
  spec.uuid = want->uuid;
  spec.label_en = want->label_en;
  spec.label_ja = want->label_ja;
  spec.description_en = want->description_en;
  spec.description_ja = want->description_ja;
  spec.color = want->color;
  spec.not_codable = !want->codable;
  spec.var_name = want->var_name;

  /* A code of the user's own already has this name: the project makes another. */
  if (want->var_name != NULL)
    {
      gint64 taken = query_id_by_text (project, "SELECT id FROM code WHERE var_name = ?1",
                                       want->var_name, NULL, &local_error);
      if (local_error != NULL)
        {
          g_propagate_error (error, local_error);
          return FALSE;
        }
      if (taken != 0)
        {
          spec.var_name = NULL;
          result->var_names_changed++;
        }
    }

  if (shirabe_project_add_code (project, &spec, error) == 0)
    return FALSE;
  result->codes_added++;
  return TRUE;
}

static gboolean
set_attribute_text (ShirabeProject  *project,
                    const char      *sql,
                    gint64           attribute_id,
                    const char      *text,
                    GError         **error)
{
  sqlite3_stmt *stmt = shirabe_project_prepare (project, sql, error);

  if (stmt == NULL)
    return FALSE;
  shirabe_bind_text (stmt, 1, text);
  sqlite3_bind_int64 (stmt, 2, attribute_id);
  return shirabe_project_step_done (project, stmt, error);
}

static gboolean
merge_choice_labels (ShirabeProject                  *project,
                     gint64                           attribute_id,
                     const ShirabeAttribute          *attribute,
                     const ShirabeTemplateAttribute  *want,
                     gboolean                         replace,
                     gboolean                        *changed,
                     GError                         **error)
{
  g_autoptr(GPtrArray) values = g_ptr_array_new ();
  g_autoptr(GPtrArray) labels_en = g_ptr_array_new ();
  g_autoptr(GPtrArray) labels_ja = g_ptr_array_new ();

  for (guint i = 0; want->choices != NULL && want->choices[i] != NULL; i++)
    {
      const char *have_en = "";
      const char *have_ja = "";
      gboolean set_en;
      gboolean set_ja;

      for (guint j = 0; attribute->choices != NULL && attribute->choices[j] != NULL; j++)
        if (strcmp (attribute->choices[j], want->choices[i]) == 0)
          {
            have_en = attribute->choice_labels_en[j];
            have_ja = attribute->choice_labels_ja[j];
          }
      set_en = should_set (have_en, want->choice_labels_en[i], replace);
      set_ja = should_set (have_ja, want->choice_labels_ja[i], replace);
      if (!set_en && !set_ja)
        continue;
      g_ptr_array_add (values, want->choices[i]);
      g_ptr_array_add (labels_en, set_en ? want->choice_labels_en[i] : (char *) have_en);
      g_ptr_array_add (labels_ja, set_ja ? want->choice_labels_ja[i] : (char *) have_ja);
    }
  if (values->len == 0)
    return TRUE;
  g_ptr_array_add (values, NULL);
  g_ptr_array_add (labels_en, NULL);
  g_ptr_array_add (labels_ja, NULL);
  if (!shirabe_project_set_choice_labels (project, attribute_id,
                                          (const char * const *) values->pdata,
                                          (const char * const *) labels_en->pdata,
                                          (const char * const *) labels_ja->pdata, error))
    return FALSE;
  *changed = TRUE;
  return TRUE;
}

static gboolean
merge_attribute (ShirabeProject                  *project,
                 gint64                           attribute_id,
                 const ShirabeTemplateAttribute  *want,
                 gboolean                         replace,
                 ShirabeTemplateResult           *result,
                 GError                         **error)
{
  g_autoptr(ShirabeAttribute) attribute = NULL;
  g_autoptr(GPtrArray) choices = NULL;
  gboolean changed = FALSE;

  attribute = shirabe_project_get_attribute (project, attribute_id, error);
  if (attribute == NULL)
    return FALSE;
  if (attribute->type != want->type)
    {
      result->attributes_conflicting++;
      return TRUE;
    }

#define MERGE_TEXT(field, sql)                                                        \
  if (should_set (attribute->field, want->field, replace))                           \
    {                                                                                 \
      if (!set_attribute_text (project, sql, attribute_id, want->field, error))      \
        return FALSE;                                                                 \
      changed = TRUE;                                                                 \
    }
  MERGE_TEXT (name_en, "UPDATE attribute SET name_en = ?1 WHERE id = ?2")
  MERGE_TEXT (name_ja, "UPDATE attribute SET name_ja = ?1 WHERE id = ?2")
  MERGE_TEXT (description_en, "UPDATE attribute SET description_en = ?1 WHERE id = ?2")
  MERGE_TEXT (description_ja, "UPDATE attribute SET description_ja = ?1 WHERE id = ?2")
#undef MERGE_TEXT

  /* Choices are only ever added: values already given to cases must stay valid. */
  choices = g_ptr_array_new ();
  for (guint i = 0; attribute->choices != NULL && attribute->choices[i] != NULL; i++)
    g_ptr_array_add (choices, attribute->choices[i]);
  for (guint i = 0; want->choices != NULL && want->choices[i] != NULL; i++)
    if (attribute->choices == NULL ||
        !g_strv_contains ((const char * const *) attribute->choices, want->choices[i]))
      g_ptr_array_add (choices, want->choices[i]);
  if (attribute->choices != NULL && choices->len > g_strv_length (attribute->choices))
    {
      g_autofree char *joined = NULL;

      g_ptr_array_add (choices, NULL);
      joined = g_strjoinv ("\n", (char **) choices->pdata);
      if (!set_attribute_text (project, "UPDATE attribute SET choices = ?1 WHERE id = ?2",
                               attribute_id, joined, error))
        return FALSE;
      changed = TRUE;
    }

  /* Choice labels merge as names do: the template fills in what is missing, and replaces what
   * differs only when asked. A choice added just now has no labels yet. */
  if (!merge_choice_labels (project, attribute_id, attribute, want, replace, &changed, error))
    return FALSE;

  if (changed)
    result->attributes_updated++;
  else
    result->attributes_unchanged++;
  return TRUE;
}

static gboolean
add_attribute (ShirabeProject                  *project,
               const ShirabeTemplateAttribute  *want,
               ShirabeTemplateResult           *result,
               GError                         **error)
{
  gint64 id;

  id = shirabe_project_add_attribute (project, want->scope, want->name_en, want->name_ja,
                                      want->var_name, want->type,
                                      (const char * const *) want->choices, error);
  if (id == 0)
    return FALSE;
  if (want->choices != NULL && want->choices[0] != NULL &&
      !shirabe_project_set_choice_labels (project, id, (const char * const *) want->choices,
                                          (const char * const *) want->choice_labels_en,
                                          (const char * const *) want->choice_labels_ja, error))
    return FALSE;
  if ((!shirabe_str_is_blank (want->description_en) &&
       !set_attribute_text (project, "UPDATE attribute SET description_en = ?1 WHERE id = ?2",
                            id, want->description_en, error)) ||
      (!shirabe_str_is_blank (want->description_ja) &&
       !set_attribute_text (project, "UPDATE attribute SET description_ja = ?1 WHERE id = ?2",
                            id, want->description_ja, error)))
    return FALSE;
  /* The template's UUID identifies the attribute across projects, unless it is taken. */
  if (want->uuid != NULL &&
      !set_attribute_text (project,
                           "UPDATE attribute SET uuid = ?1 WHERE id = ?2"
                           " AND NOT EXISTS (SELECT 1 FROM attribute WHERE uuid = ?1)",
                           id, want->uuid, error))
    return FALSE;
  result->attributes_added++;
  return TRUE;
}

/**
 * shirabe_project_apply_template:
 * @template_: the template
 * @flags: whether codes already in the project take the template's texts and colours
 * @result: (out) (optional): what was added and updated
 *
 * Merges a template into the project as one undo step. A code whose UUID is already in the
 * project is updated (see #ShirabeTemplateApplyFlags), never added twice, and stays where the
 * user put it; a new code goes under its parent, found by UUID. Attributes are matched by
 * scope and variable name: a match gets its empty names, descriptions and choice labels filled
 * in (replaced too, with the flag) and any missing choices added. Applying the same template
 * again changes nothing.
 */
gboolean
shirabe_project_apply_template (ShirabeProject             *project,
                                ShirabeTemplate            *template_,
                                ShirabeTemplateApplyFlags   flags,
                                ShirabeTemplateResult      *result,
                                GError                    **error)
{
  ShirabeTemplateResult counts = { 0 };
  gboolean replace = (flags & SHIRABE_TEMPLATE_APPLY_REPLACE) != 0;
  g_autofree char *label = NULL;
  gboolean ok = FALSE;

  g_return_val_if_fail (SHIRABE_IS_PROJECT (project), FALSE);
  g_return_val_if_fail (template_ != NULL, FALSE);

  if (result != NULL)
    memset (result, 0, sizeof *result);
  if (!shirabe_project_begin_edit (project, error))
    return FALSE;

  for (guint i = 0; i < template_->codes->len; i++)
    {
      const ShirabeTemplateCode *want = template_->codes->pdata[i];
      GError *local_error = NULL;
      gboolean changed = FALSE;
      gint64 id;

      id = query_id_by_text (project, "SELECT id FROM code WHERE uuid = ?1", want->uuid, NULL,
                             &local_error);
      if (local_error != NULL)
        {
          g_propagate_error (error, local_error);
          goto out;
        }
      if (id == 0)
        {
          if (!add_code (project, want, &counts, error))
            goto out;
          continue;
        }
      if (!merge_code (project, id, want, replace, &changed, error))
        goto out;
      if (changed)
        counts.codes_updated++;
      else
        counts.codes_unchanged++;
    }

  for (guint i = 0; i < template_->attributes->len; i++)
    {
      const ShirabeTemplateAttribute *want = template_->attributes->pdata[i];
      GError *local_error = NULL;
      gint64 id;

      id = query_id_by_text (project,
                             "SELECT id FROM attribute WHERE scope = ?1 AND var_name = ?2",
                             shirabe_attribute_scope_to_string (want->scope), want->var_name,
                             &local_error);
      if (local_error != NULL)
        {
          g_propagate_error (error, local_error);
          goto out;
        }
      if (id == 0 ? !add_attribute (project, want, &counts, error)
                  : !merge_attribute (project, id, want, replace, &counts, error))
        goto out;
    }
  ok = TRUE;

out:
  /* Translators: an undo step; %s is the template's name */
  label = g_strdup_printf (_("Apply template “%s”"),
                           shirabe_template_get_name (template_, shirabe_message_language ()));
  if (!shirabe_project_end_edit (project, ok, label, ok ? error : NULL) || !ok)
    return FALSE;
  if (result != NULL)
    *result = counts;
  return TRUE;
}

gboolean
shirabe_project_apply_template_file (ShirabeProject             *project,
                                     const char                 *name_or_path,
                                     ShirabeTemplateApplyFlags   flags,
                                     ShirabeTemplateResult      *result,
                                     GError                    **error)
{
  g_autoptr(ShirabeTemplate) self = NULL;

  g_return_val_if_fail (SHIRABE_IS_PROJECT (project), FALSE);

  self = shirabe_template_load (name_or_path, error);
  return self != NULL && shirabe_project_apply_template (project, self, flags, result, error);
}
