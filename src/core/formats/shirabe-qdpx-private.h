/* shirabe-qdpx-private.h: what the REFI-QDA export, import and validation share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "shirabe-qdpx.h"

G_BEGIN_DECLS

#define SHIRABE_QDPX_NS_PROJECT  "urn:QDA-XML:project:1.0"
#define SHIRABE_QDPX_NS_CODEBOOK "urn:QDA-XML:codebook:1.0"

/* The line that carries, at the end of a description, what REFI-QDA has no field for (the
 * other language's label, the variable name…), as a JSON object. */
#define SHIRABE_QDPX_EXTRA_PREFIX "[Shirabe] "

/* Per-item problems kept in a report; the rest are counted. */
#define SHIRABE_QDPX_MAX_PROBLEMS 200

/* A GUID of its own for something Shirabe keeps no UUID for (a coding's selection, a memo's
 * note), made from the UUID of what it belongs to, so that the same project always exports
 * the same file: a name-based UUID (version 5 layout) of @kind and @uuid. */
char     *shirabe_qdpx_derived_guid      (const char   *kind,
                                          const char   *uuid);
/* A GUID as Shirabe keeps it: lower case, without braces; NULL when @text is not a GUID. */
char     *shirabe_qdpx_guid_normalize    (const char   *text);
/* Whether @text is an xsd:dateTime as Shirabe writes them ("2024-05-01T10:00:00Z"). */
gboolean  shirabe_qdpx_is_date_time      (const char   *text);

/* @human followed, when @extra has members, by the extra line. Takes @extra. */
char     *shirabe_qdpx_join_description  (const char   *human,
                                          JsonObject   *extra);
/* The human part of @description; @extra gets the extra line's object, or NULL. */
char     *shirabe_qdpx_split_description (const char   *description,
                                          JsonObject  **extra);
/* @text with the characters XML 1.0 does not allow (most controls) replaced by U+FFFD. */
char     *shirabe_qdpx_xml_text          (const char   *text);

/* Adds a sentence to @report's problems (kept up to SHIRABE_QDPX_MAX_PROBLEMS). */
void      shirabe_qdpx_report_problem    (ShirabeQdpxReport *report,
                                          const char        *format,
                                          ...) G_GNUC_PRINTF (2, 3);
ShirabeQdpxReport *shirabe_qdpx_report_new (void);

/* Where the schemas are: $SHIRABE_REFI_QDA_DIR, then Shirabe's data folder. */
char     *shirabe_qdpx_find_schema       (const char   *name);

G_END_DECLS
