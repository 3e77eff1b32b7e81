/* shirabe-coding-gutter.h: coding stripes beside the text, one per coding
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

typedef struct _ShirabeCodingView ShirabeCodingView;

#define SHIRABE_TYPE_CODING_GUTTER (shirabe_coding_gutter_get_type ())

G_DECLARE_FINAL_TYPE (ShirabeCodingGutter, shirabe_coding_gutter, SHIRABE, CODING_GUTTER,
                      GtkWidget)

/* A gutter for @view, which it does not reference: the view holds it as its left gutter. */
ShirabeCodingGutter *shirabe_coding_gutter_new            (ShirabeCodingView   *view);
/* Returns: (transfer container) (element-type ShirabeCoding): the codings whose stripes are at
 * (@x, @y) in the gutter's coordinates: the stripe under the pointer, else all at that height */
GPtrArray           *shirabe_coding_gutter_get_codings_at (ShirabeCodingGutter *self,
                                                           double               x,
                                                           double               y);

G_END_DECLS
