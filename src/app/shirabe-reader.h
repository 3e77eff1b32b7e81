/* shirabe-reader.h: the narrative being read, with its coded passages shaded
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "shirabe.h"

G_BEGIN_DECLS

#define SHIRABE_TYPE_READER (shirabe_reader_get_type ())

G_DECLARE_FINAL_TYPE (ShirabeReader, shirabe_reader, SHIRABE, READER, GtkWidget)

ShirabeReader *shirabe_reader_new              (void);
void           shirabe_reader_set_project      (ShirabeReader          *self,
                                                ShirabeProject         *project);
/* Makes one tag per code in @codes (element-type ShirabeCode), in the codes' colours. */
void           shirabe_reader_set_codes        (ShirabeReader          *self,
                                                GPtrArray              *codes);
/* Shows @narrative (NULL: none) with its codings. */
gboolean       shirabe_reader_show_narrative   (ShirabeReader          *self,
                                                const ShirabeNarrative *narrative,
                                                GError                **error);
gint64         shirabe_reader_get_narrative_id (ShirabeReader          *self);
/* Reads the narrative's codings again and shades them. */
gboolean       shirabe_reader_reload_codings   (ShirabeReader          *self,
                                                GError                **error);
/* The selected passage in code points; FALSE when nothing is selected. */
gboolean       shirabe_reader_get_selection    (ShirabeReader          *self,
                                                gint64                 *start,
                                                gint64                 *end);
/* Drops the selection, leaving the cursor at its end, so that a new shading shows. */
void           shirabe_reader_unselect         (ShirabeReader          *self);
GtkTextBuffer *shirabe_reader_get_buffer       (ShirabeReader          *self);
/* Returns: (transfer none) (nullable): the tag that shades the codings of @code_id */
GtkTextTag    *shirabe_reader_get_code_tag     (ShirabeReader          *self,
                                                gint64                  code_id);

G_END_DECLS
