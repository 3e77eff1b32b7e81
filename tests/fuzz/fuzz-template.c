/* fuzz-template.c: libFuzzer target for the coding scheme template reader
 *
 * Templates travel by mail between researchers: every byte of one is untrusted. Each input is
 * read as a template, and a template that reads is applied to a fresh in-memory project, so
 * that both the JSON reader (depth limit, UTF-8 checks) and what applying does with odd values
 * are exercised. Built with `meson setup _build-fuzz -Dfuzzing=true` and clang (see
 * tests/fuzz/meson.build); the seeds are data/templates/ and tests/fuzz/seeds/.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stddef.h>
#include <stdint.h>

#include "fuzz-bodies.h"

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

static char *project_path;

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  if (project_path == NULL)
    {
      g_autofree char *dir = g_dir_make_tmp ("shirabe-fuzz-XXXXXX", NULL);

      project_path = g_build_filename (dir, "fuzz.shirabe", NULL);
    }
  fuzz_template_one (data, size, project_path);
  return 0;
}
