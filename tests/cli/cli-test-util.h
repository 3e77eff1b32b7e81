/* cli-test-util.h: running the built shirabe-cli in a private folder and reading what it says
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <string.h>

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

/* A fresh private folder per test, removed with its files at the end. */
typedef struct
{
  char *dir;
} CliFixture;

/* What one run of shirabe-cli showed. */
typedef struct
{
  int     status;   /* the exit status; -1 when killed by a signal */
  GBytes *out;
  char   *out_text; /* stdout, NUL-terminated */
  char   *err;      /* stderr, NUL-terminated */
} CliRun;

static inline void
cli_run_free (CliRun *run)
{
  if (run == NULL)
    return;
  g_bytes_unref (run->out);
  g_free (run->out_text);
  g_free (run->err);
  g_free (run);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CliRun, cli_run_free)

static inline void
cli_rm_rf (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir != NULL)
    while ((name = g_dir_read_name (dir)) != NULL)
      {
        g_autofree char *child = g_build_filename (path, name, NULL);
        if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
          cli_rm_rf (child);
        else
          g_unlink (child);
      }
  g_rmdir (path);
}

static inline void
cli_fixture_setup (CliFixture    *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("shirabe-cli-test-XXXXXX", &error);
  g_assert_no_error (error);
}

static inline void
cli_fixture_teardown (CliFixture    *fixture,
                      gconstpointer  data)
{
  cli_rm_rf (fixture->dir);
  g_free (fixture->dir);
}

static inline char *
cli_path (CliFixture *fixture,
          const char *name)
{
  return g_build_filename (fixture->dir, name, NULL);
}

static inline const char *
cli_program (void)
{
  const char *program = g_getenv ("SHIRABE_CLI");

  g_assert_nonnull (program);
  return program;
}

/* A launcher that runs in the fixture's folder, in the C.UTF-8 locale, with no coder set. */
static inline GSubprocessLauncher *
cli_launcher (CliFixture     *fixture,
              GSubprocessFlags flags)
{
  GSubprocessLauncher *launcher = g_subprocess_launcher_new (flags);

  g_subprocess_launcher_set_cwd (launcher, fixture->dir);
  g_subprocess_launcher_setenv (launcher, "LC_ALL", "C.UTF-8", TRUE);
  g_subprocess_launcher_unsetenv (launcher, "LANGUAGE");
  g_subprocess_launcher_unsetenv (launcher, "SHIRABE_CODER");
  return launcher;
}

/* Runs shirabe-cli with @args (without the program) to its end. */
static inline CliRun *
cli_runv (CliFixture         *fixture,
          const char * const *args)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GBytes) err = NULL;
  g_autoptr(GError) error = NULL;
  CliRun *run = g_new0 (CliRun, 1);
  gsize size;

  g_ptr_array_add (argv, (gpointer) cli_program ());
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);

  launcher = cli_launcher (fixture, G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                    G_SUBPROCESS_FLAGS_STDERR_PIPE);
  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate (process, NULL, NULL, &run->out, &err, &error);
  g_assert_no_error (error);

  run->status = g_subprocess_get_if_exited (process) ? g_subprocess_get_exit_status (process)
                                                    : -1;
  /* An empty output's data is NULL, which memcpy() may not be given even for no bytes. */
  run->out_text = g_malloc0 (g_bytes_get_size (run->out) + 1);
  if (g_bytes_get_size (run->out) > 0)
    memcpy (run->out_text, g_bytes_get_data (run->out, &size), g_bytes_get_size (run->out));
  run->err = g_malloc0 (g_bytes_get_size (err) + 1);
  if (g_bytes_get_size (err) > 0)
    memcpy (run->err, g_bytes_get_data (err, &size), g_bytes_get_size (err));
  if (g_test_verbose ())
    {
      g_autofree char *line = g_strjoinv (" ", (char **) args);
      g_test_message ("shirabe-cli %s → %d\n%s", line, run->status, run->err);
    }
  return run;
}

/* Runs shirabe-cli with the arguments that follow, ended by NULL. */
static inline CliRun *
cli_run (CliFixture *fixture,
         const char *first,
         ...) G_GNUC_NULL_TERMINATED;

static inline CliRun *
cli_run (CliFixture *fixture,
         const char *first,
         ...)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  const char *arg;
  va_list ap;

  va_start (ap, first);
  for (arg = first; arg != NULL; arg = va_arg (ap, const char *))
    g_ptr_array_add (args, (gpointer) arg);
  va_end (ap);
  g_ptr_array_add (args, NULL);
  return cli_runv (fixture, (const char * const *) args->pdata);
}

/* Runs a command that must succeed quietly on stderr. */
#define cli_assert_ok(run) \
  G_STMT_START { \
    g_assert_cmpstr ((run)->err, ==, ""); \
    g_assert_cmpint ((run)->status, ==, 0); \
  } G_STMT_END

#define cli_assert_contains(haystack, needle) \
  G_STMT_START { \
    const char *_h = (haystack), *_n = (needle); \
    if (strstr (_h, _n) == NULL) \
      g_error ("“%s” does not contain “%s”", _h, _n); \
  } G_STMT_END

/* Parses a JSON listing on stdout into its array. */
static inline JsonArray *
cli_json_array (CliRun *run)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonNode *root;

  g_assert_true (g_utf8_validate (run->out_text, -1, NULL));
  json_parser_load_from_data (parser, run->out_text, -1, &error);
  g_assert_no_error (error);
  root = json_parser_get_root (parser);
  g_assert_true (JSON_NODE_HOLDS_ARRAY (root));
  return json_array_ref (json_node_get_array (root));
}

/* The object of @array whose string member @key is @value. */
static inline JsonObject *
cli_json_find (JsonArray  *array,
               const char *key,
               const char *value)
{
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *object = json_array_get_object_element (array, i);
      if (g_strcmp0 (json_object_get_string_member (object, key), value) == 0)
        return object;
    }
  g_error ("no object with %s = “%s”", key, value);
  return NULL;
}

/* How many narratives `narratives --json` lists. */
static inline guint
cli_count_narratives (CliFixture *fixture,
                      const char *project)
{
  g_autoptr(CliRun) run = cli_run (fixture, "narratives", project, "--json", NULL);
  g_autoptr(JsonArray) array = NULL;

  cli_assert_ok (run);
  array = cli_json_array (run);
  return json_array_get_length (array);
}

static inline void
cli_write_file (CliFixture *fixture,
                const char *name,
                const char *data,
                gssize      size)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = cli_path (fixture, name);

  g_file_set_contents (path, data, size, &error);
  g_assert_no_error (error);
}

static inline char *
cli_checksum_file (CliFixture *fixture,
                   const char *name)
{
  g_autofree char *path = cli_path (fixture, name);
  g_autofree char *data = NULL;
  gsize size = 0;

  g_assert_true (g_file_get_contents (path, &data, &size, NULL));
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) data, size);
}

/* A new project "p.shirabe" in the fixture's folder. */
static inline void
cli_new_project (CliFixture *fixture)
{
  g_autoptr(CliRun) run = cli_run (fixture, "new", "p.shirabe", NULL);

  cli_assert_ok (run);
}
