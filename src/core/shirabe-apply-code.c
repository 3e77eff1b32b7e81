/* shirabe-apply-code.c: coding a passage as a named coder, in one undo step
 *
 * The app knows its coder by name; the first coding of a new coder would otherwise leave two
 * undo steps ("Add coder", "Apply code") for what the user did once.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "shirabe-i18n.h"

#include "shirabe-apply-code.h"
#include "shirabe-code.h"
#include "shirabe-coder.h"
#include "shirabe-coding.h"
#include "shirabe-project-private.h"

/**
 * shirabe_project_apply_code:
 * @coder_name: who codes; added to the project's coders when new
 * @start: the first code point of the passage, from 0
 * @end: the code point after the passage
 * @memo: (nullable): a note on the coding
 *
 * Returns: the new coding's id, or 0 with @error set
 */
gint64
shirabe_project_apply_code (ShirabeProject  *project,
                            gint64           narrative_id,
                            gint64           code_id,
                            const char      *coder_name,
                            gint64           start,
                            gint64           end,
                            const char      *memo,
                            GError         **error)
{
  g_autoptr(ShirabeCode) code = NULL;
  g_autofree char *label = NULL;
  gint64 coder_id;
  gint64 id = 0;

  g_return_val_if_fail (SHIRABE_IS_PROJECT (project), 0);

  code = shirabe_project_get_code (project, code_id, error);
  if (code == NULL || !shirabe_project_begin_edit (project, error))
    return 0;

  coder_id = shirabe_project_ensure_coder (project, coder_name, error);
  if (coder_id != 0)
    id = shirabe_project_add_coding (project, narrative_id, code_id, coder_id, start, end, memo,
                                     error);

  /* The same words as a coding added on its own, so that undo reads the same. */
  label = g_strdup_printf (_("Apply code “%s”"), shirabe_code_get_label (code, shirabe_message_language ()));
  if (!shirabe_project_end_edit (project, id != 0, label, id != 0 ? error : NULL))
    return 0;
  return id;
}

/**
 * shirabe_project_apply_new_code:
 * @spec: the new code (a label is enough: colour and variable name are chosen as for any code)
 * @code_id: (out) (optional): the new code's id
 *
 * The code and its first coding are one edit: one undo removes both, and a refused passage
 * leaves no code behind.
 */
gint64
shirabe_project_apply_new_code (ShirabeProject         *project,
                                gint64                  narrative_id,
                                const ShirabeCodeSpec  *spec,
                                const char             *coder_name,
                                gint64                  start,
                                gint64                  end,
                                gint64                 *code_id,
                                GError                **error)
{
  g_autofree char *label = NULL;
  gint64 new_code = 0;
  gint64 id = 0;

  g_return_val_if_fail (SHIRABE_IS_PROJECT (project), 0);
  g_return_val_if_fail (spec != NULL, 0);

  if (!shirabe_project_begin_edit (project, error))
    return 0;
  new_code = shirabe_project_add_code (project, spec, error);
  if (new_code != 0)
    id = shirabe_project_apply_code (project, narrative_id, new_code, coder_name, start, end,
                                     NULL, error);

  label = g_strdup_printf (_("New code “%s” from the selection"),
                           spec->label_en != NULL && *spec->label_en != '\0' ? spec->label_en
                                                                             : spec->label_ja);
  if (!shirabe_project_end_edit (project, id != 0, label, id != 0 ? error : NULL))
    return 0;
  if (code_id != NULL)
    *code_id = new_code;
  return id;
}
