/* fuzz-bodies.h: what the text, project and template fuzz targets do with one input
 *
 * Shared by the libFuzzer targets (fuzz-text.c, fuzz-project.c, fuzz-template.c) and by the
 * core test that
 * replays their seeds and past crashes in every test run (tests/core/test-fuzz-corpus.c). A
 * broken guarantee aborts, which libFuzzer reports as a crash.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <stdlib.h>
#include <string.h>

#include <glib/gstdio.h>

#include "shirabe.h"
#include "shirabe-template.h"

/* Text decoding: the first byte chooses the encoding (detected, or forced) and whether
 * unreadable bytes are replaced; the rest is the file. Decoded text is valid UTF-8 without
 * NUL and without CR; every replaced offset lies in the file. */
static inline void
fuzz_text_one (const guint8 *data,
               gsize         size)
{
  static const char *const encodings[] = {
    NULL, "UTF-8", "SHIFT_JIS", "EUC-JP", "UTF-16", "UTF-16BE", "ISO-2022-JP", "latin1",
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) replaced = NULL;
  g_autofree char *encoding = NULL;
  g_autofree char *text = NULL;
  ShirabeTextDecodeFlags flags;

  if (size < 1)
    return;
  flags = (data[0] & 0x80) != 0 ? SHIRABE_TEXT_DECODE_REPLACE_INVALID
                                : SHIRABE_TEXT_DECODE_STRICT;
  text = shirabe_text_decode_full ((const char *) data + 1, size - 1,
                                   encodings[data[0] % G_N_ELEMENTS (encodings)], "fuzz.txt",
                                   flags, &encoding, &replaced, &error);
  if ((text == NULL) == (error == NULL))
    abort ();
  if (text == NULL)
    {
      if (error->domain != SHIRABE_ERROR || strstr (error->message, "fuzz.txt") == NULL)
        abort ();
      return;
    }
  /* (A second U+FEFF after the BOM is a character, and is kept.) */
  if (!g_utf8_validate (text, -1, NULL) || strchr (text, '\r') != NULL || encoding == NULL)
    abort ();
  if (replaced != NULL)
    {
      if (flags != SHIRABE_TEXT_DECODE_REPLACE_INVALID || replaced->len == 0)
        abort ();
      for (guint i = 0; i < replaced->len; i++)
        if (g_array_index (replaced, guint64, i) >= size - 1)
          abort ();
    }
}

/* Opening a project file: the bytes are a project file someone sent. It opens read-only (with
 * its schema verified: foreign objects found) or is refused with a message; what opens can be
 * listed and checked; and a project holding foreign objects never opens for writing. */
static inline void
fuzz_project_one (const guint8 *data,
                  gsize         size,
                  const char   *dir)
{
  g_autofree char *path = g_build_filename (dir, "fuzz.shirabe", NULL);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);
  g_autoptr(ShirabeProject) project = NULL;
  g_autoptr(GError) error = NULL;

  g_unlink (wal);
  g_unlink (shm);
  if (!g_file_set_contents_full (path, (const char *) data, size, G_FILE_SET_CONTENTS_NONE,
                                 0600, NULL))
    abort ();

  project = shirabe_project_open (path, SHIRABE_PROJECT_READ_ONLY | SHIRABE_PROJECT_NO_HISTORY,
                                  &error);
  if ((project == NULL) == (error == NULL))
    abort ();
  if (project != NULL)
    {
      g_autoptr(GPtrArray) cases = shirabe_project_list_cases (project, NULL);
      g_autoptr(GPtrArray) codes = shirabe_project_list_codes (project, NULL);
      g_autoptr(GPtrArray) codings = shirabe_project_list_codings (project, 0, NULL);
      g_auto(GStrv) problems = NULL;

      shirabe_project_check (project, &problems, NULL);
      shirabe_project_close (project, NULL);
      g_clear_object (&project);
    }
  g_clear_error (&error);

  /* For writing: a project with objects Shirabe did not create stays read-only. */
  project = shirabe_project_open (path, SHIRABE_PROJECT_NO_HISTORY, &error);
  if (project != NULL)
    {
      if (shirabe_project_get_foreign_objects (project) != NULL &&
          !shirabe_project_get_read_only (project))
        abort ();
      shirabe_project_close (project, NULL);
    }
}

/* A coding scheme template: read, and when it reads, applied to a fresh project at @path. */
static inline void
fuzz_template_one (const guint8 *data,
                   gsize         size,
                   const char   *path)
{
  g_autoptr(GBytes) bytes = g_bytes_new (data, size);
  g_autoptr(GError) error = NULL;
  g_autoptr(ShirabeTemplate) template_ = NULL;
  g_autoptr(ShirabeProject) project = NULL;
  ShirabeTemplateResult result;

  template_ = shirabe_template_new_from_bytes (bytes, "fuzz.json", &error);
  if ((template_ == NULL) == (error == NULL))
    abort ();
  if (template_ == NULL)
    return;

  g_unlink (path);
  project = shirabe_project_create (path, "Fuzz", SHIRABE_PROJECT_NO_HISTORY, &error);
  if (project == NULL)
    return;
  shirabe_project_apply_template (project, template_, SHIRABE_TEMPLATE_APPLY_DEFAULT, &result,
                                  NULL);
  shirabe_project_close (project, NULL);
}
