/* shirabe-reader-private.h: the reader's parts, for the tests to reach
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "shirabe-code-picker.h"
#include "shirabe-coder-filter.h"
#include "shirabe-coding-view.h"
#include "shirabe-narrative-search.h"
#include "shirabe-reader.h"

G_BEGIN_DECLS

ShirabeCodePicker *shirabe_reader_get_picker       (ShirabeReader *self);
ShirabeCodingView *shirabe_reader_get_coding_view  (ShirabeReader *self);
/* The popover of "Edit Memo…" and its text. */
GtkPopover        *shirabe_reader_get_memo_popover (ShirabeReader *self);
GtkTextBuffer     *shirabe_reader_get_memo_buffer  (ShirabeReader *self);
ShirabeNarrativeSearch *shirabe_reader_get_search   (ShirabeReader *self);
/* Returns: (transfer full): the menu a right-click on the character at @offset shows */
GMenuModel        *shirabe_reader_build_coding_menu (ShirabeReader *self,
                                                     gint64         offset);
/* Returns: (transfer none) (nullable): the menu the right-click menu shows while it is open */
GMenuModel        *shirabe_reader_get_context_menu  (ShirabeReader *self);

/* Whose codings the reader shows. */
ShirabeCoderFilter *shirabe_reader_get_coder_filter (ShirabeReader *self);

G_END_DECLS
