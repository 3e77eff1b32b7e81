/* fuzz-document.c: libFuzzer target for the document converters (Word, OpenDocument, HTML,
 * Markdown)
 *
 * Documents come from outside: every byte of one is untrusted. The first byte of an input
 * picks the converter, the rest is the file, so that one corpus drives all four and a zip seed
 * mutated into HTML is still exercised. Seeds: tests/fuzz/seeds/documents/. Every input that
 * ever crashed goes into tests/fuzz/crashes/documents/, which the core suite replays with the
 * seeds (tests/core/test-document.c).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stddef.h>
#include <stdint.h>

#include "shirabe-document.h"

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  static const ShirabeDocumentFormat formats[] = {
    SHIRABE_DOCUMENT_DOCX, SHIRABE_DOCUMENT_ODT, SHIRABE_DOCUMENT_HTML, SHIRABE_DOCUMENT_MARKDOWN,
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(ShirabeDocument) document = NULL;
  ShirabeDocumentLimits limits = { 0 };

  if (size < 1)
    return 0;
  /* Small limits keep each run fast; the limits' own checks are what is exercised. */
  limits.max_uncompressed = 16 * 1024 * 1024;
  limits.max_seconds = 10;
  document = shirabe_document_convert (formats[data[0] % G_N_ELEMENTS (formats)],
                                       (const char *) data + 1, size - 1, "fuzz", &limits, NULL,
                                       &error);
  /* Whatever the input, what comes out is text. */
  if (document != NULL && !g_utf8_validate (document->text, -1, NULL))
    __builtin_trap ();
  return 0;
}
