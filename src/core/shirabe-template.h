/* shirabe-template.h: coding schemes as data files, applied to and exported from projects
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "shirabe-attribute.h"
#include "shirabe-code.h"
#include "shirabe-project.h"

G_BEGIN_DECLS

/* The "version" this Shirabe writes and the newest it reads. */
#define SHIRABE_TEMPLATE_VERSION 1

typedef struct _ShirabeTemplate ShirabeTemplate;

/* One code of a template, in depth-first order; a child follows its parent. */
typedef struct
{
  char     *uuid;
  char     *parent_uuid;     /* NULL at the top */
  char     *label_en;        /* "" when missing; one of the two labels is set */
  char     *label_ja;
  char     *description_en;  /* "" when missing */
  char     *description_ja;
  char     *color;           /* #RRGGBB, or NULL: the project picks one */
  char     *var_name;        /* NULL: the project makes one from the labels */
  gboolean  codable;
  int       depth;           /* 0 at the top */
} ShirabeTemplateCode;

typedef struct
{
  char                   *uuid;              /* NULL when the file gives none */
  ShirabeAttributeScope   scope;
  char                   *name_en;           /* "" when missing; one of the two names is set */
  char                   *name_ja;
  char                   *description_en;
  char                   *description_ja;
  char                   *var_name;
  ShirabeAttributeType    type;
  char                  **choices;           /* the stored values; empty unless a choice */
  char                  **choice_labels_en;  /* parallel to @choices; "" when not given */
  char                  **choice_labels_ja;
} ShirabeTemplateAttribute;

/**
 * ShirabeTemplateApplyFlags:
 * @SHIRABE_TEMPLATE_APPLY_DEFAULT: a code already in the project (same UUID) keeps what the
 *   user made of it; only its empty labels and descriptions are filled in from the template
 * @SHIRABE_TEMPLATE_APPLY_REPLACE: a code already in the project takes the template's labels,
 *   descriptions and colour (its place in the tree, variable name and codings are kept)
 */
typedef enum
{
  SHIRABE_TEMPLATE_APPLY_DEFAULT = 0,
  SHIRABE_TEMPLATE_APPLY_REPLACE = 1 << 0,
} ShirabeTemplateApplyFlags;

/* What applying a template did. */
typedef struct
{
  guint codes_added;
  guint codes_updated;
  guint codes_unchanged;
  guint attributes_added;
  guint attributes_updated;
  guint attributes_unchanged;
  guint attributes_conflicting;  /* same variable name with another type: left as it was */
  guint var_names_changed;       /* new codes whose variable name was taken: given another */
} ShirabeTemplateResult;

#define SHIRABE_TYPE_TEMPLATE (shirabe_template_get_type ())

GType            shirabe_template_get_type          (void) G_GNUC_CONST;
ShirabeTemplate *shirabe_template_ref               (ShirabeTemplate    *self);
void             shirabe_template_unref             (ShirabeTemplate    *self);

/* Reads and checks a template file; @display_name names it in messages. */
ShirabeTemplate *shirabe_template_new_from_file     (const char         *path,
                                                     GError            **error);
ShirabeTemplate *shirabe_template_new_from_bytes    (GBytes             *bytes,
                                                     const char         *display_name,
                                                     GError            **error);
/* The project's codebook and attributes as a template. */
ShirabeTemplate *shirabe_template_new_from_project  (ShirabeProject     *project,
                                                     GError            **error);
/* A bundled or user template by name ("tip"), or a file when @name_or_path looks like a path
 * (has a '/' or ends in ".json"). */
ShirabeTemplate *shirabe_template_load              (const char         *name_or_path,
                                                     GError            **error);

/* The path of the template called @name, or NULL; see shirabe-template.c for where it looks. */
char            *shirabe_template_find              (const char         *name);
/* Returns: (transfer full): the names of the templates that can be found, sorted */
char           **shirabe_template_list_names        (void);

const char      *shirabe_template_get_id            (ShirabeTemplate    *self);
/* The name and description in @language, falling back to the other one. */
const char      *shirabe_template_get_name          (ShirabeTemplate    *self,
                                                     ShirabeLanguage     language);
const char      *shirabe_template_get_description   (ShirabeTemplate    *self,
                                                     ShirabeLanguage     language);
/* Returns: (transfer none) (element-type ShirabeTemplateCode): depth-first */
GPtrArray       *shirabe_template_get_codes         (ShirabeTemplate    *self);
/* Returns: (transfer none) (element-type ShirabeTemplateAttribute) */
GPtrArray       *shirabe_template_get_attributes    (ShirabeTemplate    *self);

/* The template as the JSON text of a template file. */
GBytes          *shirabe_template_to_bytes          (ShirabeTemplate    *self);
gboolean         shirabe_template_save              (ShirabeTemplate    *self,
                                                     const char         *path,
                                                     GError            **error);

/* Merges @template into the project by UUID, as one undo step. */
gboolean         shirabe_project_apply_template     (ShirabeProject            *project,
                                                     ShirabeTemplate           *template_,
                                                     ShirabeTemplateApplyFlags  flags,
                                                     ShirabeTemplateResult     *result,
                                                     GError                   **error);
/* Loads with shirabe_template_load(), then applies. */
gboolean         shirabe_project_apply_template_file (ShirabeProject           *project,
                                                      const char               *name_or_path,
                                                      ShirabeTemplateApplyFlags flags,
                                                      ShirabeTemplateResult    *result,
                                                      GError                  **error);
gboolean         shirabe_project_export_template    (ShirabeProject            *project,
                                                     const char                *path,
                                                     GError                   **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ShirabeTemplate, shirabe_template_unref)

G_END_DECLS
