/* shirabe-code-picker.h: a popover to find a code by typing and choose it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "shirabe.h"
#include "shirabe-code-item.h"

G_BEGIN_DECLS

#define SHIRABE_TYPE_CODE_PICKER (shirabe_code_picker_get_type ())

G_DECLARE_FINAL_TYPE (ShirabeCodePicker, shirabe_code_picker, SHIRABE, CODE_PICKER, GtkPopover)

ShirabeCodePicker *shirabe_code_picker_new             (void);
/* Offers the codable codes among @codes (element-type ShirabeCode), labelled in @language. */
void               shirabe_code_picker_set_codes       (ShirabeCodePicker    *self,
                                                        GPtrArray            *codes,
                                                        ShirabeLabelLanguage  language);
/* Marks the codes in @code_ids (element-type gint64, may be NULL) as already applied. */
void               shirabe_code_picker_set_applied     (ShirabeCodePicker    *self,
                                                        GArray               *code_ids);
/* Whether "New Code from Selection" is offered (not when changing a coding's code). */
void               shirabe_code_picker_set_can_create  (ShirabeCodePicker    *self,
                                                        gboolean              can_create);
/* Empties the search and selects the first code, for a new opening. */
void               shirabe_code_picker_reset           (ShirabeCodePicker    *self);
GtkEditable       *shirabe_code_picker_get_search_entry (ShirabeCodePicker   *self);
/* The codes that match the search, in order, and the one Enter would choose (0: none). */
guint              shirabe_code_picker_get_n_matches   (ShirabeCodePicker    *self);
gint64             shirabe_code_picker_get_match       (ShirabeCodePicker    *self,
                                                        guint                 position);
gint64             shirabe_code_picker_get_selected    (ShirabeCodePicker    *self);
/* Whether @code_id is marked as already applied to the passage. */
gboolean           shirabe_code_picker_get_applied     (ShirabeCodePicker    *self,
                                                        gint64                code_id);

G_END_DECLS
