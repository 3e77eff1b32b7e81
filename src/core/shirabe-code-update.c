/* shirabe-code-update.c: changing several fields of a code as one undo step
 *
 * The code editor saves both labels, both descriptions, the colour, the var name and whether
 * the code is a category at once; the user undoes that as one thing, so the single-field
 * setters run nested inside one outer edit, which alone names and records the step.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "shirabe-i18n.h"

#include "shirabe-code-update.h"
#include "shirabe-project-private.h"

/* TRUE when @value is given and differs from @current (NULL and "" being the same). */
static gboolean
text_changes (const char *value,
              const char *current)
{
  if (value == NULL)
    return FALSE;
  return g_strcmp0 (value, current != NULL ? current : "") != 0;
}

gboolean
shirabe_project_update_code (ShirabeProject        *project,
                             gint64                 code_id,
                             const ShirabeCodeSpec *changes,
                             GError               **error)
{
  g_autoptr(ShirabeCode) code = NULL;
  g_autofree char *color = NULL;
  g_autofree char *step = NULL;
  const char *label;
  gboolean codable;
  gboolean ok = TRUE;

  g_return_val_if_fail (SHIRABE_IS_PROJECT (project), FALSE);
  g_return_val_if_fail (changes != NULL, FALSE);

  code = shirabe_project_get_code (project, code_id, error);
  if (code == NULL)
    return FALSE;

  if (changes->color != NULL)
    {
      color = shirabe_color_normalize (changes->color);
      if (color == NULL)
        {
          g_set_error (error, SHIRABE_ERROR, SHIRABE_ERROR_INVALID,
                       _("“%s” is not a colour; write it as #RRGGBB, for example #E01B24"),
                       changes->color);
          return FALSE;
        }
    }
  codable = !changes->not_codable;

  if (!text_changes (changes->label_en, code->label_en) &&
      !text_changes (changes->label_ja, code->label_ja) &&
      !text_changes (changes->description_en, code->description_en) &&
      !text_changes (changes->description_ja, code->description_ja) &&
      !text_changes (color, code->color) &&
      !text_changes (changes->var_name, code->var_name) &&
      codable == code->codable)
    return TRUE;

  if (!shirabe_project_begin_edit (project, error))
    return FALSE;

  /* Both labels first: clearing one while setting the other must not pass through a code
   * without any label, which the schema refuses. */
  if (ok && text_changes (changes->label_en, code->label_en) &&
      !shirabe_str_is_blank (changes->label_en))
    ok = shirabe_project_set_code_label (project, code_id, SHIRABE_LANGUAGE_EN,
                                         changes->label_en, error);
  if (ok && text_changes (changes->label_ja, code->label_ja))
    ok = shirabe_project_set_code_label (project, code_id, SHIRABE_LANGUAGE_JA,
                                         changes->label_ja, error);
  if (ok && text_changes (changes->label_en, code->label_en) &&
      shirabe_str_is_blank (changes->label_en))
    ok = shirabe_project_set_code_label (project, code_id, SHIRABE_LANGUAGE_EN,
                                         changes->label_en, error);
  if (ok && text_changes (changes->description_en, code->description_en))
    ok = shirabe_project_set_code_description (project, code_id, SHIRABE_LANGUAGE_EN,
                                               changes->description_en, error);
  if (ok && text_changes (changes->description_ja, code->description_ja))
    ok = shirabe_project_set_code_description (project, code_id, SHIRABE_LANGUAGE_JA,
                                               changes->description_ja, error);
  if (ok && text_changes (color, code->color))
    ok = shirabe_project_set_code_color (project, code_id, color, error);
  if (ok && text_changes (changes->var_name, code->var_name))
    ok = shirabe_project_set_code_var_name (project, code_id, changes->var_name, error);
  if (ok && codable != code->codable)
    ok = shirabe_project_set_code_codable (project, code_id, codable, error);

  label = changes->label_en != NULL && !shirabe_str_is_blank (changes->label_en)
          ? changes->label_en
          : !shirabe_str_is_blank (code->label_en) ? code->label_en : code->label_ja;
  /* Translators: an undo step; %s is the code's label */
  step = g_strdup_printf (_("Edit code “%s”"), label);
  return shirabe_project_end_edit (project, ok, step, ok ? error : NULL) && ok;
}
