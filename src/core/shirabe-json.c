/* shirabe-json.c: checks on JSON text before json-glib parses it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "shirabe-json-private.h"

#include <string.h>

/*
 * shirabe_json_depth_exceeds:
 * @data: JSON text
 * @size: its length in bytes, or -1 when it ends with a NUL
 * @max_depth: the deepest nesting allowed
 *
 * A streaming scan, in constant stack, that counts the nesting of `[` and `{` outside strings
 * (a backslash escapes the next character inside a string). It does not check the syntax: the
 * parser does that afterwards, once it is known not to recurse too deep.
 *
 * Returns: whether arrays and objects nest deeper than @max_depth
 */
gboolean
shirabe_json_depth_exceeds (const char *data,
                            gssize      size,
                            guint       max_depth)
{
  gsize length = size < 0 ? (data != NULL ? strlen (data) : 0) : (gsize) size;
  gboolean in_string = FALSE;
  guint depth = 0;

  for (gsize i = 0; i < length; i++)
    {
      char c = data[i];

      if (in_string)
        {
          if (c == '\\')
            i++;
          else if (c == '"')
            in_string = FALSE;
          continue;
        }
      switch (c)
        {
        case '"':
          in_string = TRUE;
          break;
        case '[':
        case '{':
          if (++depth > max_depth)
            return TRUE;
          break;
        case ']':
        case '}':
          if (depth > 0)
            depth--;
          break;
        default:
          break;
        }
    }
  return FALSE;
}
