/* test-cli-check.c: what `check` finds in a damaged project, and what `check --repair` mends
 *
 * Each damage is made here with SQLite directly, as a broken program or a hostile file would.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "cli-test-util.h"

#include <sqlite3.h>
#include <sys/stat.h>

/* Runs @sql on the project file with a plain SQLite connection. */
static void
damage (CliFixture *fixture,
        const char *sql)
{
  g_autofree char *path = cli_path (fixture, "p.shirabe");
  sqlite3 *db = NULL;
  char *message = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
  sqlite3_close (db);
}

static void
make_project (CliFixture *fixture)
{
  g_autoptr(CliRun) run = NULL;

  cli_new_project (fixture);
  cli_write_file (fixture, "story.txt", "ブローカーに旅券を取り上げられた。", -1);
  run = cli_run (fixture, "import", "p.shirabe", "story.txt", NULL);
  g_assert_cmpint (run->status, ==, 0);
  run = (cli_run_free (run), cli_run (fixture, "add-code", "p.shirabe", "Coercion", NULL));
  cli_assert_ok (run);
  run = (cli_run_free (run), cli_run (fixture, "add-code", "p.shirabe", "Passport taken",
                                      "--parent", "Coercion", NULL));
  cli_assert_ok (run);
  run = (cli_run_free (run), cli_run (fixture, "code", "p.shirabe", "story", "Passport taken",
                                      "6", "8", "--coder", "Aiko", NULL));
  cli_assert_ok (run);
}

/* The backup copy `check --repair` made, by its name's pattern, in the backup folder. */
static char *
find_backup (CliFixture *fixture)
{
  g_autofree char *folder = cli_path (fixture, "p.backups");
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_prefix (name, "p.before-repair-") && g_str_has_suffix (name, ".shirabe"))
      return g_build_filename (folder, name, NULL);
  return NULL;
}

static void
test_a_loop_in_the_code_tree_is_found_and_repaired (CliFixture    *fixture,
                                                    gconstpointer  data)
{
  g_autoptr(CliRun) run = NULL;
  g_autofree char *backup = NULL;
  GStatBuf st;

  make_project (fixture);
  /* Coercion becomes its own grandchild: the app would hide both codes and the coding. */
  damage (fixture, "UPDATE code SET parent_id = (SELECT id FROM code WHERE label_en ="
                   " 'Passport taken') WHERE label_en = 'Coercion'");

  run = cli_run (fixture, "check", "p.shirabe", NULL);
  g_assert_cmpint (run->status, ==, 2);
  g_assert_true (strstr (run->err, "The code tree has a loop: “Coercion” → “Passport taken” → "
                                   "“Coercion”") != NULL ||
                 strstr (run->err, "The code tree has a loop: “Passport taken” → “Coercion” → "
                                   "“Passport taken”") != NULL);
  cli_assert_contains (run->err, "check --repair");

  run = (cli_run_free (run), cli_run (fixture, "check", "p.shirabe", "--repair", NULL));
  g_assert_cmpint (run->status, ==, 0);
  cli_assert_contains (run->out_text, "Backup copy made first: ");
  cli_assert_contains (run->out_text, "Broke 1 loop in the code tree");

  /* The backup is the project as it was, the owner's alone; the project is whole again. */
  backup = find_backup (fixture);
  g_assert_nonnull (backup);
  g_assert_cmpint (g_stat (backup, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  run = (cli_run_free (run), cli_run (fixture, "check", backup, NULL));
  g_assert_cmpint (run->status, ==, 2);
  run = (cli_run_free (run), cli_run (fixture, "check", "p.shirabe", NULL));
  cli_assert_ok (run);
  run = (cli_run_free (run), cli_run (fixture, "codings", "p.shirabe", "--json", NULL));
  cli_assert_ok (run);
  g_assert_cmpuint (json_array_get_length (cli_json_array (run)), ==, 1);
}

static void
test_invalid_utf8_is_reported_with_its_row (CliFixture    *fixture,
                                            gconstpointer  data)
{
  g_autoptr(CliRun) run = NULL;

  make_project (fixture);
  damage (fixture, "UPDATE cases SET name = CAST (x'41ff42' AS TEXT);"
                   "UPDATE code SET label_ja = CAST (x'e3' AS TEXT) WHERE label_en = 'Coercion'");
  run = cli_run (fixture, "check", "p.shirabe", NULL);
  g_assert_cmpint (run->status, ==, 2);
  cli_assert_contains (run->err, "Row 1 of table “cases”: its name is not valid UTF-8");
  cli_assert_contains (run->err, "of table “code”: its label_ja is not valid UTF-8");
}

static void
test_a_missing_full_text_index_is_found_and_rebuilt (CliFixture    *fixture,
                                                     gconstpointer  data)
{
  g_autoptr(CliRun) run = NULL;

  make_project (fixture);
  damage (fixture, "DROP TABLE narrative_fts");
  run = cli_run (fixture, "check", "p.shirabe", NULL);
  g_assert_cmpint (run->status, ==, 2);
  cli_assert_contains (run->err, "The full-text search index is missing");

  /* An import meanwhile says what is wrong and what mends it, not just that it failed. */
  cli_write_file (fixture, "more.txt", "寮の外出は禁止された。", -1);
  run = (cli_run_free (run), cli_run (fixture, "import", "p.shirabe", "more.txt", NULL));
  g_assert_cmpint (run->status, ==, 2);
  cli_assert_contains (run->err, "The full-text search index of the project “p.shirabe” is "
                                 "missing or damaged");
  cli_assert_contains (run->err, "shirabe-cli check --repair");

  run = (cli_run_free (run), cli_run (fixture, "check", "p.shirabe", "--repair", NULL));
  g_assert_cmpint (run->status, ==, 0);
  cli_assert_contains (run->out_text, "Rebuilt the full-text search index");
  run = (cli_run_free (run), cli_run (fixture, "check", "p.shirabe", NULL));
  cli_assert_ok (run);
  /* And it stays in step: a new narrative is indexed by the recreated triggers. */
  run = (cli_run_free (run), cli_run (fixture, "import", "p.shirabe", "more.txt", NULL));
  g_assert_cmpint (run->status, ==, 0);
  run = (cli_run_free (run), cli_run (fixture, "check", "p.shirabe", NULL));
  cli_assert_ok (run);
}

/* An index whose entries no longer match the text, its size unchanged, is found too: FTS5's
 * check is asked to compare with the narratives themselves. */
static void
test_an_index_out_of_step_with_the_text_is_found (CliFixture    *fixture,
                                                  gconstpointer  data)
{
  g_autoptr(CliRun) run = NULL;

  make_project (fixture);
  damage (fixture,
          "INSERT INTO narrative_fts (narrative_fts, rowid, title, text)"
          " SELECT 'delete', id, title, text FROM narrative"
          " WHERE id = (SELECT min (id) FROM narrative);"
          "INSERT INTO narrative_fts (rowid, title, text)"
          " SELECT id, title, 'words that are not in the narrative' FROM narrative"
          " WHERE id = (SELECT min (id) FROM narrative)");
  run = cli_run (fixture, "check", "p.shirabe", NULL);
  g_assert_cmpint (run->status, ==, 2);
  cli_assert_contains (run->err, "The full-text search index is out of step");
  run = (cli_run_free (run), cli_run (fixture, "check", "p.shirabe", "--repair", NULL));
  g_assert_cmpint (run->status, ==, 0);
  run = (cli_run_free (run), cli_run (fixture, "check", "p.shirabe", NULL));
  cli_assert_ok (run);
}

static void
test_an_emptied_index_is_found_even_read_only (CliFixture    *fixture,
                                               gconstpointer  data)
{
  g_autoptr(CliRun) run = NULL;
  g_autofree char *path = cli_path (fixture, "p.shirabe");

  make_project (fixture);
  damage (fixture, "INSERT INTO narrative_fts (narrative_fts) VALUES ('delete-all')");
  run = cli_run (fixture, "check", "p.shirabe", NULL);
  g_assert_cmpint (run->status, ==, 2);
  cli_assert_contains (run->err, "The full-text search index is out of step");

  /* A file that cannot be written is still checked. */
  g_assert_cmpint (g_chmod (path, 0400), ==, 0);
  run = (cli_run_free (run), cli_run (fixture, "check", "p.shirabe", NULL));
  g_assert_cmpint (run->status, ==, 2);
  cli_assert_contains (run->err, "The full-text search index is out of step");
  g_assert_cmpint (g_chmod (path, 0600), ==, 0);

  run = (cli_run_free (run), cli_run (fixture, "check", "p.shirabe", "--repair", NULL));
  g_assert_cmpint (run->status, ==, 0);
  run = (cli_run_free (run), cli_run (fixture, "check", "p.shirabe", NULL));
  cli_assert_ok (run);
}

static char *
listing (CliFixture *fixture,
         const char *command)
{
  g_autoptr(CliRun) run = cli_run (fixture, command, "p.shirabe", "--json", NULL);

  cli_assert_ok (run);
  return g_strdup (run->out_text);
}

static void
test_repair_of_a_sound_project_changes_nothing (CliFixture    *fixture,
                                                gconstpointer  data)
{
  static const char *const commands[] = { "codes", "codings", "narratives", "cases" };
  g_autoptr(CliRun) run = NULL;
  char *before[G_N_ELEMENTS (commands)] = { NULL };

  make_project (fixture);
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    before[i] = listing (fixture, commands[i]);
  run = cli_run (fixture, "check", "p.shirabe", "--repair", NULL);
  cli_assert_ok (run);
  g_assert_cmpstr (run->out_text, ==, "");
  /* No backup: nothing needed one. */
  g_assert_null (find_backup (fixture));
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_autofree char *after = listing (fixture, commands[i]);

      g_assert_cmpstr (before[i], ==, after);
      g_free (before[i]);
    }
}

static void
test_a_planted_trigger_never_runs_and_is_removed (CliFixture    *fixture,
                                                  gconstpointer  data)
{
  g_autoptr(CliRun) run = NULL;

  make_project (fixture);
  /* A colleague's file could carry these: the first rewrites titles on the next coding, the
   * second, named as Shirabe's triggers once were, empties the codebook. */
  damage (fixture, "CREATE TRIGGER evil AFTER INSERT ON coding BEGIN"
                   "  UPDATE narrative SET title = 'pwned'; END;"
                   "CREATE VIEW peek AS SELECT text FROM narrative;"
                   "CREATE TRIGGER narrative_fts_insert AFTER INSERT ON narrative BEGIN"
                   "  DELETE FROM code; END;");

  /* Every edit is refused, naming what was found; nothing runs. */
  run = cli_run (fixture, "code", "p.shirabe", "story", "Passport taken", "0", "2", "--coder",
                 "Ben", NULL);
  g_assert_cmpint (run->status, ==, 2);
  cli_assert_contains (run->err, "trigger “evil”");
  cli_assert_contains (run->err, "trigger “narrative_fts_insert”");
  cli_assert_contains (run->err, "view “peek”");
  cli_assert_contains (run->err, "check --repair");
  run = (cli_run_free (run), cli_run (fixture, "narratives", "p.shirabe", "--json", NULL));
  cli_assert_ok (run);
  cli_assert_contains (run->out_text, "\"story\"");

  run = (cli_run_free (run), cli_run (fixture, "check", "p.shirabe", NULL));
  g_assert_cmpint (run->status, ==, 2);
  cli_assert_contains (run->err, "object Shirabe did not create, trigger “evil”");

  /* Removed after a backup; edits work, run nothing foreign, and the search index is kept by
   * Shirabe itself. */
  run = (cli_run_free (run), cli_run (fixture, "check", "p.shirabe", "--repair", NULL));
  g_assert_cmpint (run->status, ==, 0);
  cli_assert_contains (run->out_text, "Removed trigger “evil”, which Shirabe did not create");
  cli_assert_contains (run->out_text, "Removed trigger “narrative_fts_insert”");
  g_assert_nonnull (find_backup (fixture));
  run = (cli_run_free (run), cli_run (fixture, "code", "p.shirabe", "story", "Passport taken",
                                      "0", "2", "--coder", "Ben", NULL));
  cli_assert_ok (run);
  cli_write_file (fixture, "more.txt", "寮の外出は禁止された。", -1);
  run = (cli_run_free (run), cli_run (fixture, "import", "p.shirabe", "more.txt", NULL));
  g_assert_cmpint (run->status, ==, 0);
  run = (cli_run_free (run), cli_run (fixture, "codes", "p.shirabe", "--json", NULL));
  cli_assert_ok (run);
  g_assert_cmpuint (json_array_get_length (cli_json_array (run)), ==, 2);
  run = (cli_run_free (run), cli_run (fixture, "narratives", "p.shirabe", "--json", NULL));
  g_assert_null (strstr (run->out_text, "pwned"));
  run = (cli_run_free (run), cli_run (fixture, "check", "p.shirabe", NULL));
  cli_assert_ok (run);
}

static void
test_invalid_utf8_from_the_command_line_is_refused (CliFixture    *fixture,
                                                    gconstpointer  data)
{
  const char *commands[][8] = {
    { "add-code", "p.shirabe", "bad\xffname", NULL },
    { "rename-case", "p.shirabe", "story", "\xfe\xff", NULL },
    { "set-attr", "p.shirabe", "story", "note", "\xc3", NULL },
  };
  g_autofree char *before = NULL;
  g_autoptr(CliRun) run = NULL;

  make_project (fixture);
  before = cli_checksum_file (fixture, "p.shirabe");
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_autoptr(CliRun) refused = cli_runv (fixture, commands[i]);
      g_autofree char *after = NULL;

      g_assert_cmpint (refused->status, ==, 2);
      cli_assert_contains (refused->err, "is not valid UTF-8 text");
      after = cli_checksum_file (fixture, "p.shirabe");
      g_assert_cmpstr (before, ==, after);
    }
  run = cli_run (fixture, "check", "p.shirabe", NULL);
  cli_assert_ok (run);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(name, func) \
  g_test_add ("/cli/check/" name, CliFixture, NULL, cli_fixture_setup, func, \
              cli_fixture_teardown)
  ADD ("a-loop-in-the-code-tree-is-found-and-repaired",
       test_a_loop_in_the_code_tree_is_found_and_repaired);
  ADD ("invalid-utf8-is-reported-with-its-row", test_invalid_utf8_is_reported_with_its_row);
  ADD ("a-missing-full-text-index-is-found-and-rebuilt",
       test_a_missing_full_text_index_is_found_and_rebuilt);
  ADD ("an-emptied-index-is-found-even-read-only", test_an_emptied_index_is_found_even_read_only);
  ADD ("an-index-out-of-step-with-the-text-is-found",
       test_an_index_out_of_step_with_the_text_is_found);
  ADD ("repair-of-a-sound-project-changes-nothing", test_repair_of_a_sound_project_changes_nothing);
  ADD ("a-planted-trigger-never-runs-and-is-removed",
       test_a_planted_trigger_never_runs_and_is_removed);
  ADD ("invalid-utf8-from-the-command-line-is-refused",
       test_invalid_utf8_from_the_command_line_is_refused);
#undef ADD

  return g_test_run ();
}
