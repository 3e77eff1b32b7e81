/* shirabe-filter-private.h: a filter as SQL, for the core's queries
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <sqlite3.h>

#include "shirabe-attribute.h"
#include "shirabe-filter.h"

G_BEGIN_DECLS

typedef struct _ShirabeFilterParams ShirabeFilterParams;

/* Appends to @sql " AND (...)" for each condition, over the narrative table aliased
 * @narrative (its case through @narrative.case_id); every value a user gave is a parameter,
 * kept in @params (create with shirabe_filter_params_new) and bound, from @first (SQLite's
 * index of the first of them), by shirabe_filter_params_bind(). Placeholders are plain "?",
 * so the statement numbers them in order of appearance. */
ShirabeFilterParams *shirabe_filter_params_new  (void);
void                 shirabe_filter_params_free (ShirabeFilterParams *params);
void                 shirabe_filter_append_sql  (const ShirabeFilter *self,
                                                 const char          *narrative,
                                                 GString             *sql,
                                                 ShirabeFilterParams *params);
/* Binds the parameters; returns the index after the last one. */
int                  shirabe_filter_params_bind (ShirabeFilterParams *params,
                                                 sqlite3_stmt        *stmt,
                                                 int                  first);

/* A condition on @attribute (copied) with @values already normalised as stored, for a filter
 * built where the project is not at hand (a chart's cell). */
void                 shirabe_filter_add_attribute_condition (ShirabeFilter          *self,
                                                 const ShirabeAttribute *attribute,
                                                 ShirabeFilterOp         op,
                                                 const char * const     *values);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ShirabeFilterParams, shirabe_filter_params_free)

G_END_DECLS
