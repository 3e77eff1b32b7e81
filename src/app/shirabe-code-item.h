/* shirabe-code-item.h: a code as a row of the codebook tree
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "shirabe.h"

G_BEGIN_DECLS

/* The language code labels are shown in, apart from the interface's; the values are those of
 * the settings key "label-language". */
typedef enum
{
  SHIRABE_LABEL_LANGUAGE_JA,
  SHIRABE_LABEL_LANGUAGE_EN,
  SHIRABE_LABEL_LANGUAGE_BOTH,
} ShirabeLabelLanguage;

/* Japanese when the interface's messages are, else English. */
ShirabeLabelLanguage shirabe_label_language_default   (void);
/* "ja", "en", "both"; and back (an unknown nick gives the default). */
const char          *shirabe_label_language_to_nick   (ShirabeLabelLanguage language);
ShirabeLabelLanguage shirabe_label_language_from_nick (const char          *nick);

/* A name given in both languages as @language shows it: "国籍 / Nationality" for both, the
 * other language's when the one asked for is empty. Returns: (transfer full) */
char                *shirabe_label_pair_dup           (const char          *ja,
                                                       const char          *en,
                                                       ShirabeLabelLanguage language);
/* A code's label as a line of text shows it: "借金による束縛 / Debt bondage" in both
 * languages, the other language's when the one asked for is empty. Returns: (transfer full) */
char                *shirabe_code_dup_label           (const ShirabeCode   *code,
                                                       ShirabeLabelLanguage language);

#define SHIRABE_TYPE_CODE_ITEM (shirabe_code_item_get_type ())

G_DECLARE_FINAL_TYPE (ShirabeCodeItem, shirabe_code_item, SHIRABE, CODE_ITEM, GObject)

ShirabeCodeItem   *shirabe_code_item_new          (const ShirabeCode    *code,
                                                   ShirabeLabelLanguage language);
/* Shows the label (and description) in @language, notifying "label" and the rest. */
void               shirabe_code_item_set_label_language (ShirabeCodeItem      *self,
                                                         ShirabeLabelLanguage  language);
/* The label as shown: "借金による束縛 / Debt bondage" in both languages. */
const char        *shirabe_code_item_get_label    (ShirabeCodeItem   *self);
/* TRUE when the label shown is the other language's, the one asked for being empty. */
gboolean           shirabe_code_item_get_label_is_fallback (ShirabeCodeItem *self);
const ShirabeCode *shirabe_code_item_get_code     (ShirabeCodeItem   *self);
gint64             shirabe_code_item_get_id       (ShirabeCodeItem   *self);
/* Returns: (transfer none): the child codes, a GListStore of ShirabeCodeItem */
GListStore        *shirabe_code_item_get_children (ShirabeCodeItem   *self);
/* 1–9 for the codes that the number keys apply, 0 for the others. */
guint              shirabe_code_item_get_quick_key (ShirabeCodeItem  *self);
void               shirabe_code_item_set_quick_key (ShirabeCodeItem  *self,
                                                    guint             quick_key);
/* Counts @delta more (or, negative, fewer) codings of the code. */
void               shirabe_code_item_add_codings  (ShirabeCodeItem   *self,
                                                   int                delta);
/* Counts @delta more (or fewer) codings under the code, its own included: each ancestor of a
 * code whose count changed takes the same delta. */
void               shirabe_code_item_add_subtree_codings (ShirabeCodeItem *self,
                                                          int              delta);
guint              shirabe_code_item_get_subtree_codings (ShirabeCodeItem *self);
/* Works out the subtree counts of the item and those under it from their own counts. */
guint              shirabe_code_item_count_subtree (ShirabeCodeItem  *self);
/* "3", or for a code with codes under it "0 · 12" (the total dimmed), as Pango markup. */
char              *shirabe_code_item_dup_count_markup (ShirabeCodeItem *self);
/* Takes the new values of the same code, notifying the properties that changed. */
void               shirabe_code_item_update       (ShirabeCodeItem   *self,
                                                   const ShirabeCode *code);

G_END_DECLS
