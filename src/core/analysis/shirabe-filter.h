/* shirabe-filter.h: which narratives a query or a list looks at, by their case's attributes,
 * their own details and the codes they have
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "shirabe-code.h"
#include "shirabe-project.h"

G_BEGIN_DECLS

/**
 * ShirabeFilterOp:
 * @SHIRABE_FILTER_EQUALS: the value is the one given
 * @SHIRABE_FILTER_NOT_EQUALS: the value is set and is not the one given
 * @SHIRABE_FILTER_ONE_OF: the value is one of those given
 * @SHIRABE_FILTER_LESS: less than (integer, number, date)
 * @SHIRABE_FILTER_AT_MOST: at most
 * @SHIRABE_FILTER_GREATER: greater than
 * @SHIRABE_FILTER_AT_LEAST: at least
 * @SHIRABE_FILTER_BETWEEN: between two values, both included
 * @SHIRABE_FILTER_EMPTY: no value set
 * @SHIRABE_FILTER_NOT_EMPTY: a value set
 */
typedef enum
{
  SHIRABE_FILTER_EQUALS,
  SHIRABE_FILTER_NOT_EQUALS,
  SHIRABE_FILTER_ONE_OF,
  SHIRABE_FILTER_LESS,
  SHIRABE_FILTER_AT_MOST,
  SHIRABE_FILTER_GREATER,
  SHIRABE_FILTER_AT_LEAST,
  SHIRABE_FILTER_BETWEEN,
  SHIRABE_FILTER_EMPTY,
  SHIRABE_FILTER_NOT_EMPTY,
} ShirabeFilterOp;

typedef struct _ShirabeFilter ShirabeFilter;

#define SHIRABE_TYPE_FILTER (shirabe_filter_get_type ())

GType          shirabe_filter_get_type       (void) G_GNUC_CONST;
/* An empty filter: every narrative passes. */
ShirabeFilter *shirabe_filter_new            (void);
ShirabeFilter *shirabe_filter_ref            (ShirabeFilter        *self);
void           shirabe_filter_unref          (ShirabeFilter        *self);
gboolean       shirabe_filter_is_empty       (const ShirabeFilter  *self);
/* A filter of the same conditions, to add to without changing @self. */
ShirabeFilter *shirabe_filter_copy           (const ShirabeFilter  *self);

/* One condition on an attribute (of the narrative's case, or of the narrative itself, as the
 * attribute's scope says), all conditions holding together. @values are as a user types them
 * and are checked against the attribute's type (a choice by its value or by its label in
 * either language; dates as YYYY-MM-DD): one for most operators, two for BETWEEN, one or more
 * for ONE_OF, none for EMPTY and NOT_EMPTY. A range on a text, boolean or choice attribute is
 * refused (SHIRABE_ERROR_INVALID, a translated message naming the attribute). */
gboolean       shirabe_filter_add_condition  (ShirabeFilter        *self,
                                              ShirabeProject       *project,
                                              gint64                attribute_id,
                                              ShirabeFilterOp       op,
                                              const char * const   *values,
                                              GError              **error);
/* The same from a line as the command line's --where takes it: `NAME = VALUE`, `NAME !=
 * VALUE`, `NAME < <= > >= VALUE`, `NAME in A, B, "C d"`, `NAME between A and B` (or
 * `A..B`), `NAME is empty`, `NAME is not empty`; NAME is the attribute's variable name or its
 * English or Japanese name; a value with spaces or commas in "double quotes", a quote inside
 * doubled (""). Errors name the problem: an unknown attribute (with the known ones), an
 * unbalanced quote, an unknown operator, a value of the wrong type. */
gboolean       shirabe_filter_add_where      (ShirabeFilter        *self,
                                              ShirabeProject       *project,
                                              const char           *expression,
                                              GError              **error);
/* Narratives with (@has TRUE) or without a coding of @code_id, or of one of its descendants
 * when @subtree is TRUE. */
void           shirabe_filter_add_code       (ShirabeFilter        *self,
                                              gint64                code_id,
                                              gboolean              subtree,
                                              gboolean              has);
/* Narratives whose case has (@has TRUE) or lacks a coding of @code_id (or of one of its
 * descendants with @subtree) in any of its narratives. */
void           shirabe_filter_add_case_code  (ShirabeFilter        *self,
                                              gint64                code_id,
                                              gboolean              subtree,
                                              gboolean              has);
/* Only the narratives of these cases, or only these narratives; NULL: any. */
void           shirabe_filter_set_cases      (ShirabeFilter        *self,
                                              const gint64         *case_ids,
                                              guint                 n_cases);
void           shirabe_filter_set_narratives (ShirabeFilter        *self,
                                              const gint64         *narrative_ids,
                                              guint                 n_narratives);
/* Narratives in one of these BCP 47 languages (exactly as stored); NULL or empty: any. */
void           shirabe_filter_set_languages  (ShirabeFilter        *self,
                                              const char * const   *languages);
/* Narratives of one of these kinds ("interview", "ngo-record"...); NULL or empty: any. */
void           shirabe_filter_set_kinds      (ShirabeFilter        *self,
                                              const char * const   *kinds);
/* Narratives of one of these coding statuses (ShirabeCodingStatus values); 0 of them: any. */
void           shirabe_filter_set_statuses   (ShirabeFilter        *self,
                                              const int            *statuses,
                                              guint                 n_statuses);
/* How many attribute and code conditions the filter holds (languages, kinds and statuses not
 * counted). */
guint          shirabe_filter_get_n_conditions (const ShirabeFilter *self);
/* The conditions as a user reads them, one per line, with attribute names, code labels and
 * choice labels in @language ("Nationality = Thailand", "国籍 = タイ").
 * Returns: (transfer full) */
char          *shirabe_filter_describe       (const ShirabeFilter  *self,
                                              ShirabeProject       *project,
                                              ShirabeLanguage       language,
                                              GError              **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ShirabeFilter, shirabe_filter_unref)

G_END_DECLS
