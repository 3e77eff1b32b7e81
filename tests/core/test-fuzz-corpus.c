/* test-fuzz-corpus.c: every fuzzing seed, and every input that ever crashed a target, run
 * through the text, project and template targets' bodies (tests/fuzz/fuzz-bodies.h) in every
 * test run, so that a crash once found stays fixed without a fuzzer at hand
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "../fuzz/fuzz-bodies.h"
#include "test-util.h"

typedef void (*Body) (const guint8 *data,
                      gsize         size,
                      const char   *dir);

/* Runs @body on each file of tests/fuzz/{seeds,crashes}/@folder (and of @extra); returns how
 * many there were. */
static guint
replay (const char *folder,
        const char *extra,
        Body        body,
        const char *dir)
{
  g_autofree char *seeds = g_test_build_filename (G_TEST_DIST, "..", "fuzz", "seeds", folder,
                                                  NULL);
  g_autofree char *crashes = g_test_build_filename (G_TEST_DIST, "..", "fuzz", "crashes",
                                                    folder, NULL);
  const char *folders[] = { seeds, crashes, extra };
  guint n = 0;

  for (guint f = 0; f < G_N_ELEMENTS (folders); f++)
    {
      g_autoptr(GDir) listing = folders[f] != NULL ? g_dir_open (folders[f], 0, NULL) : NULL;
      const char *name;

      while (listing != NULL && (name = g_dir_read_name (listing)) != NULL)
        {
          g_autofree char *path = g_build_filename (folders[f], name, NULL);
          g_autofree char *data = NULL;
          gsize size = 0;

          if (name[0] == '.' || !g_file_test (path, G_FILE_TEST_IS_REGULAR) ||
              !g_file_get_contents (path, &data, &size, NULL))
            continue;
          if (g_test_verbose ())
            g_test_message ("%s", path);
          body ((const guint8 *) data, size, dir);
          n++;
        }
    }
  return n;
}

static void
text_body (const guint8 *data,
           gsize         size,
           const char   *dir)
{
  fuzz_text_one (data, size);
}

static void
template_body (const guint8 *data,
               gsize         size,
               const char   *dir)
{
  g_autofree char *path = g_build_filename (dir, "template.shirabe", NULL);

  fuzz_template_one (data, size, path);
}

static void
test_the_text_corpus_decodes_or_is_refused (TestDir       *fixture,
                                            gconstpointer  data)
{
  g_assert_cmpuint (replay ("text", NULL, text_body, fixture->dir), >=, 7);
}

static void
test_the_project_corpus_opens_or_is_refused (TestDir       *fixture,
                                             gconstpointer  data)
{
  g_assert_cmpuint (replay ("projects", NULL, fuzz_project_one, fixture->dir), >=, 3);
}

static void
test_the_template_corpus_reads_or_is_refused (TestDir       *fixture,
                                              gconstpointer  data)
{
  g_autofree char *templates = g_test_build_filename (G_TEST_DIST, "..", "..", "data",
                                                      "templates", NULL);
  g_autofree char *seeds = g_test_build_filename (G_TEST_DIST, "..", "fuzz", "seeds", NULL);

  /* The template seeds are the JSON files at the top of seeds/ and the shipped templates. */
  g_assert_cmpuint (replay ("templates", seeds, template_body, fixture->dir) +
                    replay ("templates", templates, template_body, fixture->dir), >=, 3);
}

/* The planted-trigger seed is what the project target guards: read-only, whatever is asked. */
static void
test_the_planted_trigger_seed_opens_read_only (TestDir       *fixture,
                                               gconstpointer  data)
{
  g_autofree char *seed = g_test_build_filename (G_TEST_DIST, "..", "fuzz", "seeds", "projects",
                                                 "trigger.shirabe.seed", NULL);
  g_autofree char *path = test_dir_path (fixture, "trigger.shirabe");
  g_autofree char *bytes = NULL;
  g_autoptr(ShirabeProject) project = NULL;
  g_autoptr(GError) error = NULL;
  gsize size;

  g_assert_true (g_file_get_contents (seed, &bytes, &size, NULL));
  g_assert_true (g_file_set_contents (path, bytes, size, NULL));
  project = shirabe_project_open (path, SHIRABE_PROJECT_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_true (shirabe_project_get_read_only (project));
  g_assert_cmpstr (shirabe_project_get_foreign_objects (project), ==, "trigger “evil”");
  shirabe_project_close (project, NULL);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, TestDir, NULL, test_dir_setup, func, test_dir_teardown)

  ADD ("/core/fuzz-corpus/the-text-corpus-decodes-or-is-refused",
       test_the_text_corpus_decodes_or_is_refused);
  ADD ("/core/fuzz-corpus/the-project-corpus-opens-or-is-refused",
       test_the_project_corpus_opens_or_is_refused);
  ADD ("/core/fuzz-corpus/the-template-corpus-reads-or-is-refused",
       test_the_template_corpus_reads_or_is_refused);
  ADD ("/core/fuzz-corpus/the-planted-trigger-seed-opens-read-only",
       test_the_planted_trigger_seed_opens_read_only);

  return g_test_run ();
}
