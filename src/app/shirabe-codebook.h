/* shirabe-codebook.h: the codebook pane, a tree of the project's codes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "shirabe.h"
#include "shirabe-code-item.h"

G_BEGIN_DECLS

#define SHIRABE_CODEBOOK_N_QUICK_CODES 9

/* Where a dragged code lands relative to the row it is dropped on. */
typedef enum
{
  SHIRABE_CODEBOOK_DROP_BEFORE,   /* before the row, at its level */
  SHIRABE_CODEBOOK_DROP_INTO,     /* under the row, as its last subcode */
  SHIRABE_CODEBOOK_DROP_AFTER,    /* after the row, at its level */
} ShirabeCodebookDrop;

#define SHIRABE_TYPE_CODEBOOK (shirabe_codebook_get_type ())

G_DECLARE_FINAL_TYPE (ShirabeCodebook, shirabe_codebook, SHIRABE, CODEBOOK, AdwBin)

/* The project the codebook's actions edit (NULL: none). */
void         shirabe_codebook_set_project        (ShirabeCodebook      *self,
                                                  ShirabeProject       *project);
/* Shows @codes (element-type ShirabeCode, depth-first as listed by the core), keeping the
 * rows, their expansion and the selection when only their values changed. */
void         shirabe_codebook_set_codes          (ShirabeCodebook      *self,
                                                  GPtrArray            *codes);
/* Follows codings added, removed or moved to another code in @changes, one count at a time;
 * for changes that only touch codings (and coders). */
/* Sets each code's count of codings to @counts' (gint64 code id → guint), its subtree totals
 * with it: the window reads the counts after its first frame. */
void             shirabe_codebook_set_code_counts (ShirabeCodebook *self,
                                                   GHashTable      *counts);
void         shirabe_codebook_count_codings      (ShirabeCodebook      *self,
                                                  ShirabeChanges       *changes);
void         shirabe_codebook_set_label_language (ShirabeCodebook      *self,
                                                  ShirabeLabelLanguage  language);
/* The code that number key @n (1–9) applies, 0 for none. */
gint64       shirabe_codebook_get_quick_code     (ShirabeCodebook      *self,
                                                  guint                 n);
/* The selected code, 0 for none. */
gint64       shirabe_codebook_get_selected_code  (ShirabeCodebook      *self);
/* Selects @code_id, expanding its ancestors; FALSE when it is not in the tree. */
gboolean     shirabe_codebook_select_code        (ShirabeCodebook      *self,
                                                  gint64                code_id);
/* Returns: (transfer none): the tree's list view */
GtkListView *shirabe_codebook_get_list_view      (ShirabeCodebook      *self);
/* The tooltip of @widget, a label in a code's row (the code's description, its number key,
 * its number of codings), or NULL. */
char        *shirabe_codebook_dup_row_tooltip    (GtkWidget            *widget);

/* Moves @code_id as a drop on @target_id's row does, as one undo step. Refused (FALSE and
 * @error) under the code's own subcodes, as the core refuses it. */
gboolean     shirabe_codebook_drop_code          (ShirabeCodebook      *self,
                                                  gint64                code_id,
                                                  gint64                target_id,
                                                  ShirabeCodebookDrop   where,
                                                  GError              **error);

G_END_DECLS
