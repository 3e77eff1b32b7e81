/* shirabe-attribute-import.h: case attributes from a spreadsheet (CSV or XLSX)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One row per case; one column names the case (by name, id or UUID), every other column is an
 * attribute: an existing case attribute of that name (in either language) or variable name, or
 * a new one whose type is inferred from its values (integer, number, date, boolean, a choice
 * when few distinct values repeat, else text) unless forced. A file with any problem (an
 * unknown case, a value that does not fit its type, a case twice) changes nothing: every
 * problem is listed by row and column. A file without problems is applied in one transaction,
 * one undo step.
 */
#pragma once

#include "shirabe-attribute.h"
#include "shirabe-project.h"

G_BEGIN_DECLS

typedef struct
{
  const char *case_column;    /* the header naming the case; NULL: the first column */
  const char *sheet;          /* an XLSX file's sheet; NULL: the first */
  gboolean    create_cases;   /* unknown cases are created rather than reported */
  gboolean    dry_run;        /* report only */
  GHashTable *forced_types;   /* header → GINT_TO_POINTER (ShirabeAttributeType + 1); NULL */
} ShirabeAttributeImportOptions;

typedef struct
{
  char                 *header;
  ShirabeAttributeType  type;
  gboolean              forced;        /* the type was given, not inferred */
  gboolean              is_new;        /* no case attribute had this name: one is added */
  gint64                attribute_id;  /* an existing attribute's; 0 for a new one */
  char                **choices;       /* a new choice attribute's values */
  guint                 n_values;      /* non-empty cells */
} ShirabeAttributeImportColumn;

typedef struct
{
  guint  row;       /* 1-based, as a spreadsheet counts, the header being row 1 */
  char  *column;    /* the header, or NULL for the whole row */
  char  *message;
} ShirabeAttributeImportProblem;

typedef struct
{
  GPtrArray *columns;     /* ShirabeAttributeImportColumn */
  GPtrArray *problems;    /* ShirabeAttributeImportProblem */
  guint      n_rows;
  guint      n_cases_created;
  guint      n_values_set;
  gboolean   applied;
} ShirabeAttributeImport;

void                    shirabe_attribute_import_free (ShirabeAttributeImport *self);

/* Reads @path and, when it has no problems and @options is not a dry run, applies it. Returns
 * the report (with problems, and applied FALSE, when there were some); NULL with @error set
 * when the file cannot be read as a table at all. */
ShirabeAttributeImport *shirabe_project_import_attributes (ShirabeProject                      *project,
                                                           const char                          *path,
                                                           const ShirabeAttributeImportOptions *options,
                                                           GError                             **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ShirabeAttributeImport, shirabe_attribute_import_free)

G_END_DECLS
