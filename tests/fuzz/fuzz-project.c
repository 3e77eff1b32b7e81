/* fuzz-project.c: libFuzzer target for opening a project file, with its schema verified
 *
 * Each input is written as a project file and opened read-only, listed and checked, then
 * opened for writing; see fuzz-bodies.h. Seeds: tests/fuzz/seeds/projects/ (small projects
 * with 512-byte pages, one with a planted trigger).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stddef.h>
#include <stdint.h>

#include "fuzz-bodies.h"

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

static char *dir;

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  if (dir == NULL)
    dir = g_dir_make_tmp ("shirabe-fuzz-project-XXXXXX", NULL);
  fuzz_project_one (data, size, dir);
  return 0;
}
