/* fuzz-text.c: libFuzzer target for decoding a text file (shirabe_text_decode_full)
 *
 * The first byte chooses the encoding and replacement; see fuzz-bodies.h. Seeds:
 * tests/fuzz/seeds/text/.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stddef.h>
#include <stdint.h>

#include "fuzz-bodies.h"

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  fuzz_text_one (data, size);
  return 0;
}
