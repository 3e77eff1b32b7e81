/* shirabe-text.h: turning a file's bytes into the text Shirabe stores
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* 50 MB: the default largest file import accepts. */
#define SHIRABE_TEXT_DEFAULT_MAX_SIZE (50 * 1000 * 1000)

/**
 * shirabe_text_decode:
 * @data: the file's bytes
 * @size: their number
 * @forced_encoding: (nullable): an encoding the user chose, or %NULL to detect
 * @display_name: the file's name, for messages
 * @encoding_out: (out) (optional): the encoding used, canonical name ("UTF-8", "UTF-16LE",
 *   "SHIFT_JIS", "EUC-JP", "ISO-2022-JP", ...), or %NULL on failure
 * @error: return location for a #GError
 *
 * Detects the encoding (a BOM, valid UTF-8, ISO-2022-JP escapes, else uchardet among the
 * encodings Shirabe accepts), decodes strictly, removes a BOM, turns CRLF and CR into LF and
 * normalises to NFC. Binary data, undecodable bytes and empty text are errors naming the file
 * and the byte offset where it applies.
 *
 * A forced encoding is a canonical name or a common alias (sjis, cp932, windows-31j, eucjp,
 * jis, utf8, utf-16le...), in any case, or any other encoding glibc's iconv reads (latin1,
 * windows-1252, TIS-620...), reported upper-cased; an unknown name is %SHIRABE_ERROR_INVALID.
 * "SHIFT_JIS" always means Microsoft's CP932, which Windows files need.
 *
 * Returns: (transfer full): the text, or %NULL with @error set
 */
char *shirabe_text_decode (const char  *data,
                           gsize        size,
                           const char  *forced_encoding,
                           const char  *display_name,
                           char       **encoding_out,
                           GError     **error);

/**
 * ShirabeTextDecodeFlags:
 * @SHIRABE_TEXT_DECODE_STRICT: an undecodable byte is an error
 * @SHIRABE_TEXT_DECODE_REPLACE_INVALID: each byte that the detected (or forced) encoding cannot
 *   read becomes U+FFFD; for when the user chose it after seeing the strict error
 */
typedef enum
{
  SHIRABE_TEXT_DECODE_STRICT          = 0,
  SHIRABE_TEXT_DECODE_REPLACE_INVALID = 1 << 0,
} ShirabeTextDecodeFlags;

/**
 * shirabe_text_decode_full:
 * @flags: whether to replace unreadable bytes
 * @replaced_out: (out) (optional) (element-type guint64): the file offsets of the bytes
 *   replaced by U+FFFD, or %NULL when none was
 *
 * As shirabe_text_decode(), with the choice of replacing unreadable bytes.
 *
 * Returns: (transfer full): the text, or %NULL with @error set
 */
char *shirabe_text_decode_full (const char              *data,
                                gsize                    size,
                                const char              *forced_encoding,
                                const char              *display_name,
                                ShirabeTextDecodeFlags   flags,
                                char                   **encoding_out,
                                GArray                 **replaced_out,
                                GError                 **error);

G_END_DECLS
