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

#include <glib/gstdio.h>

#include "shirabe.h"
#include "shirabe-template.h"

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

static char *project_path;

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GBytes) bytes = g_bytes_new (data, size);
  g_autoptr(GError) error = NULL;
  g_autoptr(ShirabeTemplate) template_ = NULL;
  g_autoptr(ShirabeProject) project = NULL;
  ShirabeTemplateResult result;

  if (project_path == NULL)
    {
      g_autofree char *dir = g_dir_make_tmp ("shirabe-fuzz-XXXXXX", NULL);

      project_path = g_build_filename (dir, "fuzz.shirabe", NULL);
    }

  template_ = shirabe_template_new_from_bytes (bytes, "fuzz.json", &error);
  if (template_ == NULL)
    return 0;

  g_unlink (project_path);
  project = shirabe_project_create (project_path, "Fuzz", SHIRABE_PROJECT_NO_HISTORY, &error);
  if (project == NULL)
    return 0;
  shirabe_project_apply_template (project, template_, SHIRABE_TEMPLATE_APPLY_DEFAULT, &result,
                                  NULL);
  shirabe_project_close (project, NULL);
  return 0;
}
