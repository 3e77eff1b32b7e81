/* shirabe-template-private.h: what reading a template and applying one share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "shirabe-template.h"

G_BEGIN_DECLS

/* The "format" member every template file carries. */
#define TEMPLATE_FORMAT "shirabe-template"

struct _ShirabeTemplate
{
  grefcount  ref_count;
  char      *id;
  char      *name_en;
  char      *name_ja;
  char      *description_en;
  char      *description_ja;
  GPtrArray *codes;       /* ShirabeTemplateCode, depth-first */
  GPtrArray *attributes;  /* ShirabeTemplateAttribute */
};

ShirabeTemplate *shirabe_template_new_empty (void);

G_END_DECLS
