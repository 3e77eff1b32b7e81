/* test-cli-output.c: no command writes over a project, its files, or a file of another kind
 *
 * `shirabe-cli export study.shirabe study.shirabe` once replaced the project with a workbook.
 * Every command that writes a file the user names is run here against the project itself,
 * its -wal file, a symlink to it, a second name (hard link) of it and another project; each
 * must be refused with exit status 2, and every file must be byte for byte as it was.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "cli-test-util.h"

#include <signal.h>
#include <sys/resource.h>
#include <unistd.h>

static int
compare_lines (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char *const *) a, *(const char *const *) b);
}

/* Every file in the fixture's folder, with its content's checksum (or a symlink's target), one
 * per line in name order: what must not change. */
static char *
snapshot (CliFixture *fixture)
{
  g_autoptr(GDir) dir = g_dir_open (fixture->dir, 0, NULL);
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);
  GString *all = g_string_new (NULL);
  const char *name;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = cli_path (fixture, name);
      g_autofree char *target = g_file_read_link (path, NULL);

      if (target != NULL)
        g_ptr_array_add (lines, g_strdup_printf ("%s -> %s", name, target));
      else if (g_file_test (path, G_FILE_TEST_IS_DIR))
        g_ptr_array_add (lines, g_strdup_printf ("%s/", name));
      else
        {
          g_autofree char *sum = cli_checksum_file (fixture, name);

          g_ptr_array_add (lines, g_strdup_printf ("%s %s", name, sum));
        }
    }
  g_ptr_array_sort (lines, compare_lines);
  for (guint i = 0; i < lines->len; i++)
    g_string_append_printf (all, "%s\n", (char *) g_ptr_array_index (lines, i));
  return g_string_free (all, FALSE);
}

static void
make_projects (CliFixture *fixture)
{
  g_autoptr(CliRun) run = NULL;
  g_autofree char *p = cli_path (fixture, "p.shirabe");
  g_autofree char *symlink_path = cli_path (fixture, "link.xlsx");
  g_autofree char *hard = cli_path (fixture, "second-name.xlsx");

  cli_write_file (fixture, "story.txt", "空港で旅券を取り上げられた。", -1);
  run = cli_run (fixture, "new", "p.shirabe", NULL);
  cli_assert_ok (run);
  run = (cli_run_free (run), cli_run (fixture, "import", "p.shirabe", "story.txt", NULL));
  g_assert_cmpint (run->status, ==, 0);
  run = (cli_run_free (run), cli_run (fixture, "new", "q.shirabe", NULL));
  cli_assert_ok (run);
  g_assert_cmpint (symlink ("p.shirabe", symlink_path), ==, 0);
  g_assert_cmpint (link (p, hard), ==, 0);
}

static void
test_no_command_writes_over_a_project (CliFixture    *fixture,
                                       gconstpointer  data)
{
  /* The project itself, its log (absent now: the name alone is refused), a symlink to it,
   * a second name of the same file, and another project. */
  static const char *const targets[] = {
    "p.shirabe", "p.shirabe-wal", "p.shirabe-shm", "p.shirabe-journal", "link.xlsx",
    "second-name.xlsx", "q.shirabe", "q.shirabe-wal",
  };
  /* Every command that writes a file the user names; OUT stands for the target. */
  static const char *const commands[][8] = {
    { "export", "p.shirabe", "OUT" },
    { "export", "p.shirabe", "OUT", "--force" },
    { "export", "p.shirabe", "OUT", "--format", "csv" },
    { "export", "p.shirabe", "OUT", "--format", "csv", "--force" },
    { "export-template", "p.shirabe", "OUT" },
    { "export-template", "p.shirabe", "OUT", "--force" },
    { "new", "OUT" },
    { "new", "OUT", "--template", "tip" },
    { "sample", "OUT" },
    { "generate", "OUT", "--narratives", "2", "--codings", "3" },
  };
  g_autofree char *before = NULL;
  guint n_runs = 0;

  make_projects (fixture);
  before = snapshot (fixture);

  for (guint c = 0; c < G_N_ELEMENTS (commands); c++)
    for (guint t = 0; t < G_N_ELEMENTS (targets); t++)
      {
        g_autoptr(CliRun) run = NULL;
        g_autofree char *after = NULL;
        const char *args[9] = { NULL };

        for (guint i = 0; commands[c][i] != NULL; i++)
          args[i] = g_str_equal (commands[c][i], "OUT") ? targets[t] : commands[c][i];
        run = cli_runv (fixture, args);
        if (run->status != 2)
          g_error ("shirabe-cli %s %s … → %d, not refused:\n%s%s", args[0], args[1],
                   run->status, run->out_text, run->err);
        g_assert_true (g_str_has_prefix (run->err, "shirabe-cli: "));
        after = snapshot (fixture);
        if (g_strcmp0 (before, after) != 0)
          g_error ("shirabe-cli %s %s %s changed the folder:\n%s\nnow:\n%s", args[0], args[1],
                   args[2] != NULL ? args[2] : "", before, after);
        n_runs++;
      }
  g_assert_cmpuint (n_runs, ==, G_N_ELEMENTS (commands) * G_N_ELEMENTS (targets));

  /* The project still opens and holds its narrative. */
  g_assert_cmpuint (cli_count_narratives (fixture, "p.shirabe"), ==, 1);
}

static void
test_refusals_say_why (CliFixture    *fixture,
                       gconstpointer  data)
{
  g_autoptr(CliRun) run = NULL;

  make_projects (fixture);

  run = cli_run (fixture, "export", "p.shirabe", "p.shirabe", NULL);
  g_assert_cmpint (run->status, ==, 2);
  cli_assert_contains (run->err, "“p.shirabe”: it is the open project");
  run = (cli_run_free (run), cli_run (fixture, "export", "p.shirabe", "p.shirabe-wal", NULL));
  g_assert_cmpint (run->status, ==, 2);
  cli_assert_contains (run->err, "belongs to the project “p.shirabe” (its “-wal” file)");
  run = (cli_run_free (run), cli_run (fixture, "export", "p.shirabe", "q.shirabe", NULL));
  g_assert_cmpint (run->status, ==, 2);
  cli_assert_contains (run->err, "“q.shirabe”: it is a Shirabe project");
  run = (cli_run_free (run), cli_run (fixture, "export-template", "p.shirabe", "q.shirabe",
                                      "--force", NULL));
  g_assert_cmpint (run->status, ==, 2);
  cli_assert_contains (run->err, "“q.shirabe”: it is a Shirabe project");
}

static void
test_other_kinds_need_force (CliFixture    *fixture,
                             gconstpointer  data)
{
  g_autoptr(CliRun) run = NULL;
  g_autofree char *notes = NULL;
  g_autofree char *folder = cli_path (fixture, "tables.xlsx");
  g_autofree char *listing = NULL;

  make_projects (fixture);
  cli_write_file (fixture, "notes.xlsx", "my notes, not a workbook\n", -1);
  notes = cli_checksum_file (fixture, "notes.xlsx");

  /* A text file named .xlsx is not replaced by a workbook unasked... */
  run = cli_run (fixture, "export", "p.shirabe", "notes.xlsx", NULL);
  g_assert_cmpint (run->status, ==, 2);
  cli_assert_contains (run->err, "“notes.xlsx” already exists and is not an XLSX workbook");
  cli_assert_contains (run->err, "--force");
  {
    g_autofree char *now = cli_checksum_file (fixture, "notes.xlsx");
    g_assert_cmpstr (now, ==, notes);
  }
  /* ...and is with --force. */
  run = (cli_run_free (run), cli_run (fixture, "export", "p.shirabe", "notes.xlsx", "--force",
                                      NULL));
  g_assert_cmpint (run->status, ==, 0);
  {
    g_autofree char *path = cli_path (fixture, "notes.xlsx");
    g_autofree char *head = NULL;

    g_assert_true (g_file_get_contents (path, &head, NULL, NULL));
    g_assert_true (g_str_has_prefix (head, "PK\003\004"));
  }
  /* A workbook replaces a workbook without asking. */
  run = (cli_run_free (run), cli_run (fixture, "export", "p.shirabe", "notes.xlsx", NULL));
  g_assert_cmpint (run->status, ==, 0);

  /* A folder named like a workbook receives no CSV files unless --format csv says so. */
  g_assert_cmpint (g_mkdir (folder, 0700), ==, 0);
  run = (cli_run_free (run), cli_run (fixture, "export", "p.shirabe", "tables.xlsx", NULL));
  g_assert_cmpint (run->status, ==, 2);
  cli_assert_contains (run->err, "“tables.xlsx”: it is a folder");
  cli_assert_contains (run->err, "--format csv");
  {
    g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);

    g_assert_null (g_dir_read_name (dir));
  }
  run = (cli_run_free (run), cli_run (fixture, "export", "p.shirabe", "tables.xlsx", "--format",
                                      "csv", NULL));
  g_assert_cmpint (run->status, ==, 0);
  listing = g_build_filename (folder, "cases.csv", NULL);
  g_assert_true (g_file_test (listing, G_FILE_TEST_IS_REGULAR));
}

/* Runs shirabe-cli with a file size limit of @limit bytes, as a full disk would stop it
 * (SIGXFSZ ignored, so that writes fail instead of killing it). */
typedef struct
{
  rlim_t limit;
} Limit;

static void
set_limit (gpointer user_data)
{
  Limit *limit = user_data;
  struct rlimit rl = { limit->limit, limit->limit };

  signal (SIGXFSZ, SIG_IGN);
  setrlimit (RLIMIT_FSIZE, &rl);
}

static CliRun *
run_limited (CliFixture         *fixture,
             rlim_t              bytes,
             const char * const *args)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GBytes) out = NULL;
  g_autoptr(GBytes) err = NULL;
  g_autoptr(GError) error = NULL;
  Limit limit = { bytes };
  CliRun *run = g_new0 (CliRun, 1);

  g_ptr_array_add (argv, (gpointer) cli_program ());
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);
  launcher = cli_launcher (fixture, G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                    G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_set_child_setup (launcher, set_limit, &limit, NULL);
  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate (process, NULL, NULL, &out, &err, &error);
  g_assert_no_error (error);
  run->status = g_subprocess_get_if_exited (process) ? g_subprocess_get_exit_status (process)
                                                    : -1;
  run->out = g_bytes_ref (out);
  run->out_text = g_strndup (g_bytes_get_data (out, NULL), g_bytes_get_size (out));
  run->err = g_strndup (g_bytes_get_data (err, NULL), g_bytes_get_size (err));
  return run;
}

static void
test_a_full_disk_is_said_plainly (CliFixture    *fixture,
                                  gconstpointer  data)
{
  g_autoptr(CliRun) run = NULL;
  g_autofree char *project = cli_path (fixture, "p.shirabe");
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(GString) big = g_string_new (NULL);
  g_autoptr(GDir) dir = NULL;
  const char *name;
  GStatBuf st;
  const char *import[] = { "import", "p.shirabe", "big.txt", NULL };
  const char *cases[] = { "cases", "p.shirabe", NULL };
  const char *codings[] = { "codings", "p.shirabe", "--json", NULL };
  const char *xlsx[] = { "export", "p.shirabe", "out.xlsx", NULL };
  const char *csv[] = { "export", "p.shirabe", "tables", "--format", "csv", NULL };

  run = cli_run (fixture, "sample", "p.shirabe", NULL);
  g_assert_cmpint (run->status, ==, 0);
  for (guint i = 0; i < 40000; i++)
    g_string_append (big, "旅券を取り上げられた。");
  cli_write_file (fixture, "big.txt", big->str, -1);
  g_assert_cmpint (g_stat (project, &st), ==, 0);
  before = cli_checksum_file (fixture, "p.shirabe");

  /* A change that needs room the disk does not have: said so, the project left as it was. */
  run = (cli_run_free (run), run_limited (fixture, st.st_size + 100000, import));
  g_assert_cmpint (run->status, ==, 2);
  cli_assert_contains (run->err, "is full");
  cli_assert_contains (run->err, "the project was left as it was");
  g_assert_null (strstr (run->err, "disk I/O error"));
  after = cli_checksum_file (fixture, "p.shirabe");
  g_assert_cmpstr (before, ==, after);

  /* Reads need no room. */
  run = (cli_run_free (run), run_limited (fixture, st.st_size + 100000, cases));
  g_assert_cmpint (run->status, ==, 0);
  cli_assert_contains (run->out_text, "Kanya");
  run = (cli_run_free (run), run_limited (fixture, st.st_size + 100000, codings));
  g_assert_cmpint (run->status, ==, 0);

  /* An export that does not fit is not written at all, never written cut short. */
  run = (cli_run_free (run), run_limited (fixture, 40000, xlsx));
  g_assert_cmpint (run->status, ==, 2);
  cli_assert_contains (run->err, "is full");
  cli_assert_contains (run->err, "“out.xlsx” was not written");
  run = (cli_run_free (run), run_limited (fixture, 40000, csv));
  g_assert_cmpint (run->status, ==, 2);
  cli_assert_contains (run->err, "is full");
  dir = g_dir_open (fixture->dir, 0, NULL);
  while ((name = g_dir_read_name (dir)) != NULL)
    if (!g_str_equal (name, "p.shirabe") && !g_str_equal (name, "big.txt") &&
        !g_str_equal (name, "p.backups"))
      g_error ("“%s” was left behind", name);
  after = (g_free (after), cli_checksum_file (fixture, "p.shirabe"));
  g_assert_cmpstr (before, ==, after);
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *templates = NULL;
  g_autofree char *sample = NULL;

  g_test_init (&argc, &argv, NULL);

  /* The launcher copies this environment: shirabe-cli finds the source tree's data. */
  templates = g_test_build_filename (G_TEST_DIST, "..", "..", "data", "templates", NULL);
  sample = g_test_build_filename (G_TEST_DIST, "..", "..", "data", "sample", NULL);
  g_setenv ("SHIRABE_TEMPLATE_DIR", templates, TRUE);
  g_setenv ("SHIRABE_SAMPLE_DIR", sample, TRUE);

  g_test_add ("/cli/output/no-command-writes-over-a-project-or-its-files", CliFixture, NULL,
              cli_fixture_setup, test_no_command_writes_over_a_project, cli_fixture_teardown);
  g_test_add ("/cli/output/refusals-say-what-the-target-is", CliFixture, NULL,
              cli_fixture_setup, test_refusals_say_why, cli_fixture_teardown);
  g_test_add ("/cli/output/a-full-disk-is-said-plainly", CliFixture, NULL, cli_fixture_setup,
              test_a_full_disk_is_said_plainly, cli_fixture_teardown);
  g_test_add ("/cli/output/a-file-of-another-kind-is-replaced-only-with-force", CliFixture,
              NULL, cli_fixture_setup, test_other_kinds_need_force, cli_fixture_teardown);

  return g_test_run ();
}
