/* shirabe-attribute.h: typed attributes of cases and narratives, and their values
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "shirabe-code.h"
#include "shirabe-project.h"

G_BEGIN_DECLS

typedef enum
{
  SHIRABE_SCOPE_CASE,
  SHIRABE_SCOPE_NARRATIVE,
} ShirabeAttributeScope;

typedef enum
{
  SHIRABE_ATTRIBUTE_TEXT,
  SHIRABE_ATTRIBUTE_INTEGER,
  SHIRABE_ATTRIBUTE_NUMBER,
  SHIRABE_ATTRIBUTE_DATE,      /* stored as "YYYY-MM-DD" */
  SHIRABE_ATTRIBUTE_BOOLEAN,   /* stored as 0 or 1 */
  SHIRABE_ATTRIBUTE_CHOICE,    /* stored as one of the choices' values, never as a label */
} ShirabeAttributeType;

typedef struct
{
  gint64                 id;
  char                  *uuid;
  ShirabeAttributeScope  scope;
  char                  *name_en;
  char                  *name_ja;
  char                  *description_en;
  char                  *description_ja;
  char                  *var_name;
  ShirabeAttributeType   type;
  char                 **choices;   /* NULL-terminated, for SHIRABE_ATTRIBUTE_CHOICE */
  char                 **choice_labels_en;  /* parallel to @choices; "" when not given */
  char                 **choice_labels_ja;
  int                    position;
} ShirabeAttribute;

/* One attribute's value for one case or narrative, as text ready to show. */
typedef struct
{
  gint64                attribute_id;
  char                 *name_en;
  char                 *name_ja;
  char                 *var_name;
  ShirabeAttributeType  type;
  char                 *value;      /* NULL when unset; normalised text otherwise */
  char                 *value_label_en;  /* a choice's labels, "" when not given or not a choice */
  char                 *value_label_ja;
} ShirabeAttributeValue;

#define SHIRABE_TYPE_ATTRIBUTE (shirabe_attribute_get_type ())

GType             shirabe_attribute_get_type        (void) G_GNUC_CONST;
ShirabeAttribute *shirabe_attribute_copy            (const ShirabeAttribute *self);
void              shirabe_attribute_free            (ShirabeAttribute       *self);
void              shirabe_attribute_value_free      (ShirabeAttributeValue  *self);

const char       *shirabe_attribute_type_to_string  (ShirabeAttributeType    type);
gboolean          shirabe_attribute_type_from_string (const char            *text,
                                                      ShirabeAttributeType   *type);
const char       *shirabe_attribute_scope_to_string (ShirabeAttributeScope   scope);
/* The type as a person reads it, translated: “Whole number”, “Date”… */
const char       *shirabe_attribute_type_to_label   (ShirabeAttributeType    type);

/* The label of the choice @value in @language; when that is not given, the other language's;
 * when neither is, @value itself. */
const char       *shirabe_attribute_get_choice_label (const ShirabeAttribute *self,
                                                      const char             *value,
                                                      ShirabeLanguage         language);
/* The same fallback for labels already looked up: @label, else @other, else @value. */
const char       *shirabe_choice_label_pick         (const char             *label,
                                                     const char             *other,
                                                     const char             *value);

/* Parses @text as @type: integers and numbers in C notation, dates as YYYY-MM-DD, booleans as
 * true/false/yes/no/1/0 (and はい/いいえ). On success @normalized holds the stored form. */
gboolean          shirabe_attribute_parse_value     (ShirabeAttributeType    type,
                                                     const char * const     *choices,
                                                     const char             *text,
                                                     char                  **normalized,
                                                     GError                **error);

gint64            shirabe_project_add_attribute     (ShirabeProject         *project,
                                                     ShirabeAttributeScope   scope,
                                                     const char             *name_en,
                                                     const char             *name_ja,
                                                     const char             *var_name,
                                                     ShirabeAttributeType    type,
                                                     const char * const     *choices,
                                                     GError                **error);
/* Sets the labels of some of an attribute's choices as one undo step. @labels_en and
 * @labels_ja run parallel to @values; either may be %NULL to leave that language as it is, and
 * "" removes a label. Every value must be one of the attribute's choices. */
gboolean          shirabe_project_set_choice_labels (ShirabeProject         *project,
                                                     gint64                  attribute_id,
                                                     const char * const     *values,
                                                     const char * const     *labels_en,
                                                     const char * const     *labels_ja,
                                                     GError                **error);
/* One label of one choice; "" or %NULL removes it. */
gboolean          shirabe_project_set_choice_label  (ShirabeProject         *project,
                                                     gint64                  attribute_id,
                                                     const char             *value,
                                                     ShirabeLanguage         language,
                                                     const char             *label,
                                                     GError                **error);
gboolean          shirabe_project_delete_attribute  (ShirabeProject         *project,
                                                     gint64                  attribute_id,
                                                     GError                **error);
/* Returns: (element-type ShirabeAttribute) */
GPtrArray        *shirabe_project_list_attributes   (ShirabeProject         *project,
                                                     ShirabeAttributeScope   scope,
                                                     GError                **error);
/* By id, UUID, var name or name in either language, within @scope. */
gint64            shirabe_project_find_attribute    (ShirabeProject         *project,
                                                     ShirabeAttributeScope   scope,
                                                     const char             *spec,
                                                     GError                **error);
ShirabeAttribute *shirabe_project_get_attribute     (ShirabeProject         *project,
                                                     gint64                  attribute_id,
                                                     GError                **error);
/* Sets (or with @text NULL, clears) a value, checked against the attribute's type. */
gboolean          shirabe_project_set_attribute_value (ShirabeProject       *project,
                                                       gint64                attribute_id,
                                                       gint64                owner_id,
                                                       const char           *text,
                                                       GError              **error);
/* Returns: (element-type ShirabeAttributeValue): every attribute of the scope, set or not */
GPtrArray        *shirabe_project_list_attribute_values (ShirabeProject     *project,
                                                         ShirabeAttributeScope scope,
                                                         gint64              owner_id,
                                                         GError            **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ShirabeAttribute, shirabe_attribute_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ShirabeAttributeValue, shirabe_attribute_value_free)

G_END_DECLS
