/* shirabe-coding-gutter-private.h: what the tests see of the gutter
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "shirabe-coding-gutter.h"

G_BEGIN_DECLS

/* The stripe of the coding at @index in the view's codings, in the gutter's coordinates; FALSE
 * when it is off screen. */
gboolean     shirabe_coding_gutter_get_stripe          (ShirabeCodingGutter *self,
                                                        guint                index,
                                                        graphene_rect_t     *stripe);
/* Returns: (transfer full) (nullable): the label beside that stripe, laid out as it is drawn
 * (a quarter turn clockwise, in the context's gravity); NULL when the stripe carries none. */
PangoLayout *shirabe_coding_gutter_create_stripe_label (ShirabeCodingGutter *self,
                                                        guint                index);
/* Returns: (transfer full) (nullable): the tooltip at (@x, @y), NULL for none */
char        *shirabe_coding_gutter_dup_tooltip_at      (ShirabeCodingGutter *self,
                                                        double               x,
                                                        double               y);

G_END_DECLS
