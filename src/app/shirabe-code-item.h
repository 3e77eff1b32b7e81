/* shirabe-code-item.h: a code as a row of the codebook tree
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "shirabe.h"

G_BEGIN_DECLS

#define SHIRABE_TYPE_CODE_ITEM (shirabe_code_item_get_type ())

G_DECLARE_FINAL_TYPE (ShirabeCodeItem, shirabe_code_item, SHIRABE, CODE_ITEM, GObject)

ShirabeCodeItem   *shirabe_code_item_new          (const ShirabeCode *code,
                                                   ShirabeLanguage    language);
const ShirabeCode *shirabe_code_item_get_code     (ShirabeCodeItem   *self);
gint64             shirabe_code_item_get_id       (ShirabeCodeItem   *self);
/* Returns: (transfer none): the child codes, a GListStore of ShirabeCodeItem */
GListStore        *shirabe_code_item_get_children (ShirabeCodeItem   *self);
/* 1–9 for the codes that the number keys apply, 0 for the others. */
guint              shirabe_code_item_get_quick_key (ShirabeCodeItem  *self);
void               shirabe_code_item_set_quick_key (ShirabeCodeItem  *self,
                                                    guint             quick_key);
/* Takes the new values of the same code, notifying the properties that changed. */
void               shirabe_code_item_update       (ShirabeCodeItem   *self,
                                                   const ShirabeCode *code);

G_END_DECLS
