/* test-cli-crash.c: an import killed at any moment leaves the whole batch or none of it; a
 * `new --template` killed at any moment leaves a whole project or nothing
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "cli-test-util.h"

#define N_FILES        200
#define N_KILLS        15
#define FILE_CHARS     6000   /* code points a file; enough that a batch spills out of the cache */
#define RANDOM_SEED    20261129
#define N_NEW_KILLS    48

static const char *const sentences_ja[] = {
  "ブローカーに工場の仕事があると言われて来日した。",
  "空港で旅券を取り上げられた。",
  "借金は三百万円だと言われ、給料から毎月引かれていた。",
  "寮の外出は禁止され、携帯電話も預けさせられた。",
  "支援団体の相談員が大使館に連絡した。",
};
static const char *const sentences_en[] = {
  "She was told the debt had grown with interest.",
  "The employer kept her passport in a locked drawer.",
  "Wages were paid to the broker, not to the workers.",
};

/* A narrative-like text different in every file, mostly Japanese. */
static char *
make_text (GRand *rand,
           guint  index)
{
  GString *text = g_string_new (NULL);
  glong n_chars = 0;

  g_string_append_printf (text, "事例 %u\n", index);
  while (n_chars < FILE_CHARS)
    {
      const char *sentence;

      if (g_rand_int_range (rand, 0, 4) == 0)
        sentence = sentences_en[g_rand_int_range (rand, 0, G_N_ELEMENTS (sentences_en))];
      else
        sentence = sentences_ja[g_rand_int_range (rand, 0, G_N_ELEMENTS (sentences_ja))];
      g_string_append (text, sentence);
      g_string_append_printf (text, "（%u）", g_rand_int_range (rand, 0, 100000));
      if (g_rand_int_range (rand, 0, 5) == 0)
        g_string_append_c (text, '\n');
      n_chars = g_utf8_strlen (text->str, -1);
    }
  return g_string_free (text, FALSE);
}

static GPtrArray *
import_args (void)
{
  GPtrArray *args = g_ptr_array_new_with_free_func (g_free);

  g_ptr_array_add (args, g_strdup (cli_program ()));
  g_ptr_array_add (args, g_strdup ("import"));
  g_ptr_array_add (args, g_strdup ("p.shirabe"));
  for (guint i = 0; i < N_FILES; i++)
    g_ptr_array_add (args, g_strdup_printf ("case-%03u.txt", i));
  g_ptr_array_add (args, NULL);
  return args;
}

static GSubprocess *
start_import (CliFixture *fixture,
              GPtrArray  *args)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GError) error = NULL;
  GSubprocess *process;

  launcher = cli_launcher (fixture, G_SUBPROCESS_FLAGS_STDOUT_SILENCE |
                                    G_SUBPROCESS_FLAGS_STDERR_SILENCE);
  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) args->pdata, &error);
  g_assert_no_error (error);
  return process;
}

/* The write-ahead log's checksum; NULL when it is missing or empty. */
static char *
checksum_or_null (const char *path)
{
  g_autofree char *data = NULL;
  gsize size = 0;

  if (!g_file_get_contents (path, &data, &size, NULL) || size == 0)
    return NULL;
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) data, size);
}

static void
test_killed_import_is_all_or_nothing (CliFixture    *fixture,
                                      gconstpointer  data)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (RANDOM_SEED);
  g_autoptr(GPtrArray) args = import_args ();
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *wal = cli_path (fixture, "p.shirabe-wal");
  guint n_rolled_back = 0;
  guint n_killed_while_writing = 0;
  guint n_completed = 0;
  gint64 started;
  gint64 full_import_us;
  guint count;

  cli_new_project (fixture);
  for (guint i = 0; i < N_FILES; i++)
    {
      g_autofree char *name = g_strdup_printf ("case-%03u.txt", i);
      g_autofree char *text = make_text (rand, i);
      cli_write_file (fixture, name, text, -1);
    }

  /* One import undisturbed, to know how long a batch takes here. */
  started = g_get_monotonic_time ();
  process = start_import (fixture, args);
  g_assert_true (g_subprocess_wait_check (process, NULL, &error));
  g_assert_no_error (error);
  full_import_us = g_get_monotonic_time () - started;
  g_test_message ("an undisturbed import of %u files took %.0f ms", N_FILES,
                  full_import_us / 1000.0);
  count = cli_count_narratives (fixture, "p.shirabe");
  g_assert_cmpuint (count, ==, N_FILES);

  for (guint k = 0; k < N_KILLS; k++)
    {
      /* Up to 1.3 times a full import: most kills land inside one, some after it. */
      gint64 delay_us = g_rand_int_range (rand, 0, (gint32) MIN (full_import_us * 13 / 10,
                                                                 G_MAXINT32));
      g_autofree char *wal_before = checksum_or_null (wal);
      g_autofree char *wal_after = NULL;
      g_autoptr(CliRun) check = NULL;
      gboolean killed;
      guint new_count;

      g_clear_object (&process);
      process = start_import (fixture, args);
      g_usleep (delay_us);
      g_subprocess_force_exit (process);
      g_assert_true (g_subprocess_wait (process, NULL, &error));
      g_assert_no_error (error);
      killed = g_subprocess_get_if_signaled (process);
      if (!killed)
        {
          g_assert_true (g_subprocess_get_if_exited (process));
          g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 0);
        }
      wal_after = checksum_or_null (wal);

      /* The project is sound whatever happened... */
      check = cli_run (fixture, "check", "p.shirabe", NULL);
      cli_assert_ok (check);

      /* ...and holds the whole batch or none of it. */
      new_count = cli_count_narratives (fixture, "p.shirabe");
      g_test_message ("kill %u after %.0f ms: %s, %u narratives", k, delay_us / 1000.0,
                      killed ? "killed" : "had finished", new_count);
      if (new_count != count && new_count != count + N_FILES)
        g_error ("after a kill the project has %u narratives, neither %u nor %u",
                 new_count, count, count + N_FILES);
      if (!killed)
        g_assert_cmpuint (new_count, ==, count + N_FILES);

      if (new_count == count)
        {
          n_rolled_back++;
          /* Pages of the unfinished batch reached the log: the kill came mid-write. */
          if (wal_after != NULL && g_strcmp0 (wal_before, wal_after) != 0)
            n_killed_while_writing++;
        }
      else
        n_completed++;
      count = new_count;
    }

  g_test_message ("%u kills rolled back (%u while writing), %u batches complete", n_rolled_back,
                  n_killed_while_writing, n_completed);
  /* The test proves something only if some kills interrupted an import at work. */
  g_assert_cmpuint (n_killed_while_writing, >=, 1);

  /* A last import, left alone, still works on the twice-recovered file. */
  g_clear_object (&process);
  process = start_import (fixture, args);
  g_assert_true (g_subprocess_wait_check (process, NULL, &error));
  g_assert_no_error (error);
  /* Closed properly, it checkpointed the recovered log into the file and removed it. */
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (cli_count_narratives (fixture, "p.shirabe"), ==, count + N_FILES);
}


static guint
count_codes (CliFixture *fixture,
             const char *project)
{
  g_autoptr(CliRun) run = cli_run (fixture, "codes", project, "--json", NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  guint n = 0;
  GList *stack = NULL;

  cli_assert_ok (run);
  json_parser_load_from_data (parser, run->out_text, -1, &error);
  g_assert_no_error (error);
  /* The tree: count every object that has a "children" member or a "label_en", depth first. */
  stack = g_list_prepend (stack, json_parser_get_root (parser));
  while (stack != NULL)
    {
      JsonNode *node = stack->data;

      stack = g_list_delete_link (stack, stack);
      if (JSON_NODE_HOLDS_ARRAY (node))
        {
          JsonArray *array = json_node_get_array (node);

          for (guint i = 0; i < json_array_get_length (array); i++)
            stack = g_list_prepend (stack, json_array_get_element (array, i));
        }
      else if (JSON_NODE_HOLDS_OBJECT (node))
        {
          JsonObject *object = json_node_get_object (node);

          if (json_object_has_member (object, "uuid"))
            n++;
          if (json_object_has_member (object, "children"))
            stack = g_list_prepend (stack, json_object_get_member (object, "children"));
        }
    }
  return n;
}

/* Hidden files left by a killed `new` (its temporary project); removed, counted. */
static guint
remove_leftovers (CliFixture *fixture)
{
  g_autoptr(GDir) dir = g_dir_open (fixture->dir, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  while ((name = g_dir_read_name (dir)) != NULL)
    if (name[0] == '.')
      g_ptr_array_add (names, g_strdup (name));
  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *path = cli_path (fixture, g_ptr_array_index (names, i));
      g_unlink (path);
    }
  return names->len;
}

static void
test_killed_new_leaves_a_whole_project_or_nothing (CliFixture    *fixture,
                                                   gconstpointer  data)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (RANDOM_SEED);
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = cli_path (fixture, "p.shirabe");
  guint n_nothing = 0, n_whole = 0, n_leftovers = 0;
  gint64 started, full_us;
  guint n_codes;

  g_ptr_array_add (args, (gpointer) cli_program ());
  g_ptr_array_add (args, (gpointer) "new");
  g_ptr_array_add (args, (gpointer) "p.shirabe");
  g_ptr_array_add (args, (gpointer) "--template");
  g_ptr_array_add (args, (gpointer) "tip");
  g_ptr_array_add (args, NULL);

  /* Once undisturbed: how long it takes, and how many codes the template gives. */
  started = g_get_monotonic_time ();
  process = start_import (fixture, args);
  g_assert_true (g_subprocess_wait_check (process, NULL, &error));
  g_assert_no_error (error);
  full_us = g_get_monotonic_time () - started;
  n_codes = count_codes (fixture, "p.shirabe");
  g_assert_cmpuint (n_codes, >=, 10);
  g_test_message ("an undisturbed new --template took %.0f ms and gave %u codes",
                  full_us / 1000.0, n_codes);

  for (guint k = 0; k < N_NEW_KILLS; k++)
    {
      gint64 delay_us = g_rand_int_range (rand, 0, (gint32) MIN (full_us * 13 / 10, G_MAXINT32));
      gboolean killed;

      g_unlink (path);
      g_clear_object (&process);
      process = start_import (fixture, args);
      g_usleep (delay_us);
      g_subprocess_force_exit (process);
      g_assert_true (g_subprocess_wait (process, NULL, &error));
      g_assert_no_error (error);
      killed = g_subprocess_get_if_signaled (process);

      if (!g_file_test (path, G_FILE_TEST_EXISTS))
        {
          /* Nothing at the name: fine only for a kill. */
          g_assert_true (killed);
          n_nothing++;
        }
      else
        {
          g_autoptr(CliRun) check = cli_run (fixture, "check", "p.shirabe", NULL);

          cli_assert_ok (check);
          if (count_codes (fixture, "p.shirabe") != n_codes)
            g_error ("kill %u after %.0f ms left a project without its template's codes", k,
                     delay_us / 1000.0);
          n_whole++;
        }
      n_leftovers += remove_leftovers (fixture);
    }

  g_test_message ("%u kills left nothing, %u a whole project (%u hidden temporary files)",
                  n_nothing, n_whole, n_leftovers);
  /* The test proves something only if kills landed on both sides of the end. */
  g_assert_cmpuint (n_nothing, >=, 1);
  g_assert_cmpuint (n_whole, >=, 1);
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *templates = NULL;

  g_test_init (&argc, &argv, NULL);

  /* The launcher copies this environment: shirabe-cli finds the source tree's templates. */
  templates = g_test_build_filename (G_TEST_DIST, "..", "..", "data", "templates", NULL);
  g_setenv ("SHIRABE_TEMPLATE_DIR", templates, TRUE);

  g_test_add ("/cli/import/killed-at-any-moment-leaves-all-or-nothing", CliFixture, NULL,
              cli_fixture_setup, test_killed_import_is_all_or_nothing, cli_fixture_teardown);
  g_test_add ("/cli/new/killed-at-any-moment-leaves-a-whole-project-or-nothing", CliFixture,
              NULL, cli_fixture_setup, test_killed_new_leaves_a_whole_project_or_nothing,
              cli_fixture_teardown);

  return g_test_run ();
}
