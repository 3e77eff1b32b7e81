/* shirabe-filter-popover.h: conditions on case attributes and codes, for the narrative list
 * and the passages
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "shirabe.h"
#include "shirabe-code-item.h"
#include "shirabe-filter.h"

G_BEGIN_DECLS

#define SHIRABE_TYPE_FILTER_POPOVER (shirabe_filter_popover_get_type ())

G_DECLARE_FINAL_TYPE (ShirabeFilterPopover, shirabe_filter_popover, SHIRABE, FILTER_POPOVER,
                      GtkPopover)

ShirabeFilterPopover *shirabe_filter_popover_new         (void);
/* The project whose attributes and codes are offered; its conditions are cleared. */
void           shirabe_filter_popover_set_project        (ShirabeFilterPopover *self,
                                                          ShirabeProject       *project);
/* Reads the attributes and codes again, keeping the conditions that still apply. */
void           shirabe_filter_popover_reload             (ShirabeFilterPopover *self);
void           shirabe_filter_popover_set_label_language (ShirabeFilterPopover *self,
                                                          ShirabeLabelLanguage  language);
/* Returns: (transfer none) (nullable): the conditions as they stand, %NULL when there are
 * none; a condition whose value is not yet valid is left out, and the popover says why */
ShirabeFilter *shirabe_filter_popover_get_filter         (ShirabeFilterPopover *self);
/* Adds a condition as the user would: @attribute_id's value compared by @op with @value (the
 * second value of a range after a tab); the filter is applied at once. */
void           shirabe_filter_popover_add_attribute_condition (ShirabeFilterPopover *self,
                                                          gint64                attribute_id,
                                                          ShirabeFilterOp       op,
                                                          const char           *value);
/* Adds "has a coding of @code_id (or its subcodes)" or, with @has FALSE, "has none". */
void           shirabe_filter_popover_add_code_condition (ShirabeFilterPopover *self,
                                                          gint64                code_id,
                                                          gboolean              has);
void           shirabe_filter_popover_clear              (ShirabeFilterPopover *self);
/* What is wrong with a condition, "" when nothing. */
const char    *shirabe_filter_popover_get_message        (ShirabeFilterPopover *self);

G_END_DECLS
