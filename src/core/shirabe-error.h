/* shirabe-error.h: Shirabe's error domain
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define SHIRABE_ERROR (shirabe_error_quark ())

/**
 * ShirabeError:
 * @SHIRABE_ERROR_FAILED: an unexpected failure (usually from SQLite or the file system)
 * @SHIRABE_ERROR_NOT_FOUND: the path, or a case, narrative, code or coding, does not exist
 * @SHIRABE_ERROR_NOT_SQLITE: the file is not an SQLite database
 * @SHIRABE_ERROR_NOT_PROJECT: the file is an SQLite database of another program
 * @SHIRABE_ERROR_TOO_NEW: the project was written by a newer Shirabe
 * @SHIRABE_ERROR_CORRUPT: the project file is damaged
 * @SHIRABE_ERROR_READ_ONLY: the project was opened read-only and an edit was tried
 * @SHIRABE_ERROR_EXISTS: the file, or a code's variable name, already exists
 * @SHIRABE_ERROR_INVALID: a value given by the user is not valid (range, type, colour...)
 * @SHIRABE_ERROR_AMBIGUOUS: a name matches more than one entity
 * @SHIRABE_ERROR_BINARY: an imported file is binary, not text
 * @SHIRABE_ERROR_ENCODING: an imported file cannot be decoded
 * @SHIRABE_ERROR_EMPTY: an imported file is empty
 * @SHIRABE_ERROR_TOO_LARGE: an imported file is over the size limit
 * @SHIRABE_ERROR_CANCELLED: the user cancelled the operation
 * @SHIRABE_ERROR_NOTHING_TO_UNDO: undo or redo was asked with an empty history
 * @SHIRABE_ERROR_IN_USE: another process has the project open for writing
 * @SHIRABE_ERROR_PROTECTED: an output was aimed at a project, a part of one, or the open
 *   project: it is never replaced
 * @SHIRABE_ERROR_FULL: the disk (or the user's quota, or a file size limit) is full
 * @SHIRABE_ERROR_OTHER_KIND: an output would replace an existing file of another kind; the
 *   user must agree first (`--force`)
 */
typedef enum
{
  SHIRABE_ERROR_FAILED,
  SHIRABE_ERROR_NOT_FOUND,
  SHIRABE_ERROR_NOT_SQLITE,
  SHIRABE_ERROR_NOT_PROJECT,
  SHIRABE_ERROR_TOO_NEW,
  SHIRABE_ERROR_CORRUPT,
  SHIRABE_ERROR_READ_ONLY,
  SHIRABE_ERROR_EXISTS,
  SHIRABE_ERROR_INVALID,
  SHIRABE_ERROR_AMBIGUOUS,
  SHIRABE_ERROR_BINARY,
  SHIRABE_ERROR_ENCODING,
  SHIRABE_ERROR_EMPTY,
  SHIRABE_ERROR_TOO_LARGE,
  SHIRABE_ERROR_CANCELLED,
  SHIRABE_ERROR_NOTHING_TO_UNDO,
  SHIRABE_ERROR_IN_USE,
  SHIRABE_ERROR_PROTECTED,
  SHIRABE_ERROR_OTHER_KIND,
  SHIRABE_ERROR_FULL,
} ShirabeError;

GQuark shirabe_error_quark (void);

G_END_DECLS
