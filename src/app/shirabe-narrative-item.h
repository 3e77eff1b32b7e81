/* shirabe-narrative-item.h: a narrative as a row of the narrative list
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "shirabe.h"

G_BEGIN_DECLS

#define SHIRABE_TYPE_NARRATIVE_ITEM (shirabe_narrative_item_get_type ())

G_DECLARE_FINAL_TYPE (ShirabeNarrativeItem, shirabe_narrative_item, SHIRABE, NARRATIVE_ITEM, GObject)

ShirabeNarrativeItem   *shirabe_narrative_item_new           (const ShirabeNarrative *narrative);
const ShirabeNarrative *shirabe_narrative_item_get_narrative (ShirabeNarrativeItem   *self);
gint64                  shirabe_narrative_item_get_id        (ShirabeNarrativeItem   *self);
/* Takes the new values of the same narrative, notifying the properties that changed. */
void                    shirabe_narrative_item_update        (ShirabeNarrativeItem   *self,
                                                              const ShirabeNarrative *narrative);

G_END_DECLS
