/* shirabe-reader.h: the narrative being read, with its coded passages shaded
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "shirabe.h"
#include "shirabe-code-item.h"

G_BEGIN_DECLS

#define SHIRABE_TYPE_READER (shirabe_reader_get_type ())

G_DECLARE_FINAL_TYPE (ShirabeReader, shirabe_reader, SHIRABE, READER, GtkWidget)

ShirabeReader *shirabe_reader_new              (void);
void           shirabe_reader_set_project      (ShirabeReader          *self,
                                                ShirabeProject         *project);
/* Shades codings in the colours of @codes (element-type ShirabeCode) and offers them in the
 * code picker; the reader keeps a reference to @codes. */
void           shirabe_reader_set_codes        (ShirabeReader          *self,
                                                GPtrArray              *codes);
/* The language of code labels in stripes, tooltips and the picker. */
void           shirabe_reader_set_label_language (ShirabeReader        *self,
                                                ShirabeLabelLanguage    language);
/* Shows @narrative (NULL: none) with its codings. */
gboolean       shirabe_reader_show_narrative   (ShirabeReader          *self,
                                                const ShirabeNarrative *narrative,
                                                GError                **error);
gint64         shirabe_reader_get_narrative_id (ShirabeReader          *self);
/* Reads the narrative's codings again and shades them. */
gboolean       shirabe_reader_reload_codings   (ShirabeReader          *self,
                                                GError                **error);
/* Follows @changes that only touch codings: reads just the codings they name. */
gboolean       shirabe_reader_update_codings   (ShirabeReader          *self,
                                                ShirabeChanges         *changes,
                                                GError                **error);
/* The selected passage in code points; FALSE when nothing is selected. */
gboolean       shirabe_reader_get_selection    (ShirabeReader          *self,
                                                gint64                 *start,
                                                gint64                 *end);
/* Selects [@start, @end) of the narrative shown, scrolls it into view and puts the focus in
 * the text, as opening a passage from a list does. */
void           shirabe_reader_show_passage     (ShirabeReader          *self,
                                                gint64                  start,
                                                gint64                  end);
/* Drops the selection, leaving the cursor at its end, so that a new shading shows. */
void           shirabe_reader_unselect         (ShirabeReader          *self);
/* Adds @controller to the text view: keys caught there leave the reader's popovers alone. */
void           shirabe_reader_add_text_controller (ShirabeReader      *self,
                                                GtkEventController     *controller);
GtkTextBuffer *shirabe_reader_get_buffer       (ShirabeReader          *self);
/* Opens the search bar over the narrative, with the focus in its entry. */
void           shirabe_reader_start_search     (ShirabeReader          *self);
/* Returns: (transfer container) (element-type ShirabeCoding): the codings shaded over the
 * character at @offset */
GPtrArray     *shirabe_reader_get_codings_at   (ShirabeReader          *self,
                                                gint64                  offset);
/* Whether a coding of @code_id is shaded over the character at @offset. */
gboolean       shirabe_reader_code_covers      (ShirabeReader          *self,
                                                gint64                  code_id,
                                                gint64                  offset);

/* The coder new codings are recorded under, whose codings "Only Mine" shows. */
void shirabe_reader_set_own_coder (ShirabeReader *self,
                                   const char    *name);

G_END_DECLS
