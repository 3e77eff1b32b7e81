/* shirabe-coder-filter.h: whose codings the reader shows
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "shirabe.h"

G_BEGIN_DECLS

#define SHIRABE_TYPE_CODER_FILTER (shirabe_coder_filter_get_type ())

G_DECLARE_FINAL_TYPE (ShirabeCoderFilter, shirabe_coder_filter, SHIRABE, CODER_FILTER, GObject)

typedef enum
{
  SHIRABE_CODERS_ALL,
  SHIRABE_CODERS_MINE,
  SHIRABE_CODERS_CHOSEN,
} ShirabeCodersShown;

ShirabeCoderFilter *shirabe_coder_filter_new           (void);
/* Reads the project's coders; a blind coder's copy shows its coder's codings only, and the
 * choice is locked. */
void                shirabe_coder_filter_set_project   (ShirabeCoderFilter *self,
                                                        ShirabeProject     *project);
/* The name new codings are recorded under: "mine". */
void                shirabe_coder_filter_set_own_coder (ShirabeCoderFilter *self,
                                                        const char         *name);
void                shirabe_coder_filter_set_shown     (ShirabeCoderFilter *self,
                                                        ShirabeCodersShown  shown);
ShirabeCodersShown  shirabe_coder_filter_get_shown     (ShirabeCoderFilter *self);
/* In SHIRABE_CODERS_CHOSEN, whether @coder_id is among those shown. */
void                shirabe_coder_filter_set_chosen    (ShirabeCoderFilter *self,
                                                        gint64              coder_id,
                                                        gboolean            chosen);
gboolean            shirabe_coder_filter_shows         (ShirabeCoderFilter *self,
                                                        gint64              coder_id);
gboolean            shirabe_coder_filter_get_blind     (ShirabeCoderFilter *self);
/* The "coders" actions and the menu that uses them: All Coders, Only Mine, and a check item
 * per coder. */
GActionGroup       *shirabe_coder_filter_get_actions   (ShirabeCoderFilter *self);
GMenuModel         *shirabe_coder_filter_get_menu      (ShirabeCoderFilter *self);

G_END_DECLS
