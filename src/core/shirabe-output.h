/* shirabe-output.h: whether a file the user named may be written
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * ShirabeOutputKind:
 * @SHIRABE_OUTPUT_WORKBOOK: an XLSX workbook (a zip file)
 * @SHIRABE_OUTPUT_TEXT: a text file (a CSV table, a list)
 * @SHIRABE_OUTPUT_JSON: a JSON file (a coding scheme template)
 * @SHIRABE_OUTPUT_IMAGE: a PNG image (a chart)
 * @SHIRABE_OUTPUT_FOLDER: a folder that files are written into; it is never replaced
 * @SHIRABE_OUTPUT_PROJECT: a new project file; an existing file is never replaced
 * @SHIRABE_OUTPUT_SAV: an SPSS data file (.sav)
 * @SHIRABE_OUTPUT_DTA: a Stata data file (.dta)
 * @SHIRABE_OUTPUT_QDPX: a REFI-QDA project (.qdpx, a zip file)
 *
 * What a writer is about to write, so that an existing target of another kind is not
 * replaced without the user's say.
 */
typedef enum
{
  SHIRABE_OUTPUT_WORKBOOK,
  SHIRABE_OUTPUT_TEXT,
  SHIRABE_OUTPUT_JSON,
  SHIRABE_OUTPUT_FOLDER,
  SHIRABE_OUTPUT_PROJECT,
  SHIRABE_OUTPUT_IMAGE,
  SHIRABE_OUTPUT_SAV,
  SHIRABE_OUTPUT_DTA,
  SHIRABE_OUTPUT_QDPX,
} ShirabeOutputKind;

/**
 * ShirabeOutputFlags:
 * @SHIRABE_OUTPUT_DEFAULT: an existing file of another kind is refused
 * @SHIRABE_OUTPUT_REPLACE_ANY: the user has agreed to replace an existing file whatever it
 *   holds (`--force`, or a file chooser's overwrite confirmation); a project is still refused
 */
typedef enum
{
  SHIRABE_OUTPUT_DEFAULT     = 0,
  SHIRABE_OUTPUT_REPLACE_ANY = 1 << 0,
  SHIRABE_OUTPUT_PSEUDONYMISE = 1 << 1,
} ShirabeOutputFlags;

gboolean shirabe_output_check_target (const char          *path,
                                      ShirabeOutputKind    kind,
                                      ShirabeOutputFlags   flags,
                                      GError             **error);

gboolean shirabe_output_publish      (const char          *tmp_path,
                                      const char          *path,
                                      GError             **error);

G_END_DECLS
