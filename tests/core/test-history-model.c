/* test-history-model.c: undo and redo checked against a model
 *
 * Thousands of random sequences of edits (code, uncode, coding and narrative memos, new codes,
 * code tree moves and deletes, attribute values, imports of a file, merges of a coder's copy) with
 * undo and redo mixed in run on one
 * project and, side by side, on a model: a stack of plain states, where an edit makes a new
 * state from the last and undo and redo only move along the stack. After every step the
 * project must show exactly the model's state; at the end of a sequence undoing everything
 * must give the state it began with, redoing everything the state it ended with, and the
 * project's check must find nothing.
 *
 * The seed is printed. SHIRABE_MODEL_SEED=N replays from sequence N (with
 * SHIRABE_MODEL_SEQUENCES=1 only that one); SHIRABE_MODEL_SEQUENCES sets how many run
 * (1000 by default, fewer in the sanitizer and valgrind runs: tests/core/meson.build).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stdlib.h>

#include <sqlite3.h>

#include "shirabe-apply-code.h"
#include "shirabe-coder-copy.h"
#include "shirabe-project-private.h"
#include "test-util.h"

#define N_NARRATIVES 2
#define N_CASES      2

/* One state of the project as the model sees it: every value as text, keyed by what it
 * belongs to, so that two states compare as sorted lines. */
typedef struct
{
  GHashTable *codings;     /* "id" → "narrative code start end memo" */
  GHashTable *codes;       /* "id" → parent id */
  GHashTable *values;      /* "narrative memo N" / "age N" → value */
  GHashTable *narratives;  /* "id" → "title length hits": how many narratives the full-text
                            * index finds the title in */
} State;

static State *
state_new (void)
{
  State *state = g_new0 (State, 1);

  state->codings = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  state->codes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  state->values = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  state->narratives = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  return state;
}

static void
state_free (State *state)
{
  g_hash_table_unref (state->codings);
  g_hash_table_unref (state->codes);
  g_hash_table_unref (state->values);
  g_hash_table_unref (state->narratives);
  g_free (state);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (State, state_free)

static void
copy_table (GHashTable *from,
            GHashTable *to)
{
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, from);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_hash_table_insert (to, g_strdup (key), g_strdup (value));
}

static State *
state_copy (const State *state)
{
  State *copy = state_new ();

  copy_table (state->codings, copy->codings);
  copy_table (state->codes, copy->codes);
  copy_table (state->values, copy->values);
  copy_table (state->narratives, copy->narratives);
  return copy;
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static void
append_table (GString    *out,
              const char *name,
              GHashTable *table)
{
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, table);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_ptr_array_add (lines, g_strdup_printf ("%s %s: %s", name, (char *) key, (char *) value));
  g_ptr_array_sort (lines, compare_strings);
  for (guint i = 0; i < lines->len; i++)
    g_string_append_printf (out, "%s\n", (char *) lines->pdata[i]);
}

static char *
state_to_string (const State *state)
{
  GString *out = g_string_new (NULL);

  append_table (out, "coding", state->codings);
  append_table (out, "code", state->codes);
  append_table (out, "value", state->values);
  append_table (out, "narrative", state->narratives);
  return g_string_free (out, FALSE);
}

/* The fixture: a project with two cases, a narrative each, three codes and an integer case
 * attribute. */
typedef struct
{
  TestDir         dir;
  ShirabeProject *project;
  gint64          narratives[N_NARRATIVES];
  gint64          lengths[N_NARRATIVES];
  gint64          cases[N_CASES];
  gint64          age;
  GPtrArray      *states;   /* State: the model's undo stack, the current state last */
  guint           current;  /* index of the current state; those after it are redo */
  GRand          *rand;
  guint           counter;  /* makes every new value differ from every old one */
} Model;

/* How many rows the project's full-text index finds @phrase in. */
static guint
index_hits (Model      *m,
            const char *phrase)
{
  g_autofree char *quoted = g_strdup_printf ("\"%s\"", phrase);
  sqlite3_stmt *stmt = NULL;
  guint hits = 0;

  g_assert_cmpint (sqlite3_prepare_v2 (shirabe_project_get_db (m->project),
                                       "SELECT count (*) FROM narrative_fts"
                                       " WHERE narrative_fts MATCH ?1", -1, &stmt, NULL),
                   ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, quoted, -1, SQLITE_TRANSIENT);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  hits = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  return hits;
}

static State *
read_project (Model *m)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) codings = shirabe_project_list_codings (m->project, 0, &error);
  g_autoptr(GPtrArray) codes = shirabe_project_list_codes (m->project, &error);
  State *state = state_new ();

  g_assert_no_error (error);
  for (guint i = 0; i < codings->len; i++)
    {
      ShirabeCoding *c = codings->pdata[i];

      g_hash_table_insert (state->codings, g_strdup_printf ("%" G_GINT64_FORMAT, c->id),
                           g_strdup_printf ("%" G_GINT64_FORMAT " %" G_GINT64_FORMAT " %"
                                            G_GINT64_FORMAT " %" G_GINT64_FORMAT " %s",
                                            c->narrative_id, c->code_id, c->start, c->end,
                                            c->memo != NULL ? c->memo : ""));
    }
  for (guint i = 0; i < codes->len; i++)
    {
      ShirabeCode *c = codes->pdata[i];

      g_hash_table_insert (state->codes, g_strdup_printf ("%" G_GINT64_FORMAT, c->id),
                           g_strdup_printf ("%" G_GINT64_FORMAT, c->parent_id));
    }
  for (guint i = 0; i < N_NARRATIVES; i++)
    {
      g_autoptr(ShirabeNarrative) narrative = shirabe_project_get_narrative (m->project,
                                                                            m->narratives[i],
                                                                            &error);

      g_assert_no_error (error);
      g_hash_table_insert (state->values, g_strdup_printf ("narrative-memo-%u", i),
                           g_strdup (narrative->memo != NULL ? narrative->memo : ""));
    }
  {
    g_autoptr(GPtrArray) narratives = shirabe_project_list_narratives (m->project, 0, &error);

    g_assert_no_error (error);
    for (guint i = 0; i < narratives->len; i++)
      {
        ShirabeNarrative *n = narratives->pdata[i];

        g_hash_table_insert (state->narratives, g_strdup_printf ("%" G_GINT64_FORMAT, n->id),
                             g_strdup_printf ("%s %" G_GINT64_FORMAT " %u", n->title, n->length,
                                              index_hits (m, n->title)));
      }
    /* Nothing of an import undone stays in the index. */
    g_hash_table_insert (state->values, g_strdup ("index-imported"),
                         g_strdup_printf ("%u", index_hits (m, "imported")));
  }
  for (guint i = 0; i < N_CASES; i++)
    {
      g_autoptr(GPtrArray) values = shirabe_project_list_attribute_values (m->project,
                                                                           SHIRABE_SCOPE_CASE,
                                                                           m->cases[i], &error);

      g_assert_no_error (error);
      for (guint j = 0; j < values->len; j++)
        {
          ShirabeAttributeValue *v = values->pdata[j];

          if (v->attribute_id == m->age && v->value != NULL)
            g_hash_table_insert (state->values, g_strdup_printf ("age-%u", i),
                                 g_strdup (v->value));
        }
    }
  return state;
}

static State *
current (Model *m)
{
  return m->states->pdata[m->current];
}

/* A new state after the current one, which the edit then changes; redo states go. */
static State *
push (Model *m)
{
  g_ptr_array_set_size (m->states, m->current + 1);
  g_ptr_array_add (m->states, state_copy (current (m)));
  m->current++;
  return current (m);
}

static void
assert_matches (Model      *m,
                guint       seed,
                guint       step,
                const char *what)
{
  g_autoptr(State) actual = read_project (m);
  g_autofree char *want = state_to_string (current (m));
  g_autofree char *got = state_to_string (actual);

  if (g_strcmp0 (want, got) != 0)
    g_error ("sequence %u, step %u (%s): the project is not the model's state.\n"
             "model:\n%s\nproject:\n%s\nreplay: SHIRABE_MODEL_SEED=%u SHIRABE_MODEL_SEQUENCES=1",
             seed, step, what, want, got, seed);
}

static char *
pick_key (Model      *m,
          GHashTable *table)
{
  g_autoptr(GPtrArray) keys = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer key;

  g_hash_table_iter_init (&iter, table);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_ptr_array_add (keys, key);
  if (keys->len == 0)
    return NULL;
  /* Hash order is not stable between runs: sort, so that a seed replays. */
  g_ptr_array_sort (keys, compare_strings);
  return g_strdup (keys->pdata[g_rand_int_range (m->rand, 0, keys->len)]);
}

/* Whether @code is @ancestor or below it in @state's tree. */
static gboolean
is_within (State      *state,
           const char *code,
           const char *ancestor)
{
  for (guint depth = 0; code != NULL && depth < 1000; depth++)
    {
      const char *parent;

      if (g_str_equal (code, ancestor))
        return TRUE;
      parent = g_hash_table_lookup (state->codes, code);
      code = parent != NULL && !g_str_equal (parent, "0") ? parent : NULL;
    }
  return FALSE;
}

/* Whether the current state has a coding of @code on [@start, @end) of narrative @n. */
static gboolean
has_coding (Model      *m,
            guint       n,
            const char *code,
            gint64      start,
            gint64      end)
{
  g_autofree char *prefix = g_strdup_printf ("%" G_GINT64_FORMAT " %s %" G_GINT64_FORMAT " %"
                                             G_GINT64_FORMAT " ", m->narratives[n], code, start,
                                             end);
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, current (m)->codings);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    if (g_str_has_prefix (value, prefix))
      return TRUE;
  return FALSE;
}

/* One random step; returns what it did, for messages, or NULL when it did nothing. */
static const char *
step (Model *m)
{
  g_autoptr(GError) error = NULL;
  int kind = g_rand_int_range (m->rand, 0, 100);

  if (kind < 22)
    {
      /* Code a random passage with a random code. */
      g_autofree char *code = pick_key (m, current (m)->codes);
      guint n = g_rand_int_range (m->rand, 0, N_NARRATIVES);
      gint64 start = g_rand_int_range (m->rand, 0, m->lengths[n] - 1);
      gint64 end = g_rand_int_range (m->rand, start + 1, MIN (m->lengths[n], start + 40) + 1);
      gint64 id;

      if (code == NULL)
        return NULL;
      /* The same code on the same passage by the same coder is refused: not an edit. */
      if (has_coding (m, n, code, start, end))
        return NULL;
      id = shirabe_project_apply_code (m->project, m->narratives[n],
                                       g_ascii_strtoll (code, NULL, 10), "Aiko", start, end, NULL,
                                       &error);
      g_assert_no_error (error);
      g_hash_table_insert (push (m)->codings, g_strdup_printf ("%" G_GINT64_FORMAT, id),
                           g_strdup_printf ("%" G_GINT64_FORMAT " %s %" G_GINT64_FORMAT " %"
                                            G_GINT64_FORMAT " ", m->narratives[n], code, start,
                                            end));
      return "code";
    }
  if (kind < 32)
    {
      g_autofree char *coding = pick_key (m, current (m)->codings);

      if (coding == NULL)
        return NULL;
      g_assert_true (shirabe_project_remove_coding (m->project,
                                                    g_ascii_strtoll (coding, NULL, 10), &error));
      g_assert_no_error (error);
      g_hash_table_remove (push (m)->codings, coding);
      return "uncode";
    }
  if (kind < 42)
    {
      g_autofree char *coding = pick_key (m, current (m)->codings);
      g_autofree char *memo = g_strdup_printf ("memo %u", ++m->counter);
      g_auto(GStrv) fields = NULL;

      if (coding == NULL)
        return NULL;
      g_assert_true (shirabe_project_set_coding_memo (m->project,
                                                      g_ascii_strtoll (coding, NULL, 10), memo,
                                                      &error));
      g_assert_no_error (error);
      fields = g_strsplit (g_hash_table_lookup (current (m)->codings, coding), " ", 5);
      g_hash_table_insert (push (m)->codings, g_strdup (coding),
                           g_strdup_printf ("%s %s %s %s %s", fields[0], fields[1], fields[2],
                                            fields[3], memo));
      return "coding memo";
    }
  if (kind < 50)
    {
      guint n = g_rand_int_range (m->rand, 0, N_NARRATIVES);
      g_autofree char *memo = g_strdup_printf ("narrative memo %u", ++m->counter);

      g_assert_true (shirabe_project_set_narrative_memo (m->project, m->narratives[n], memo,
                                                         &error));
      g_assert_no_error (error);
      g_hash_table_insert (push (m)->values, g_strdup_printf ("narrative-memo-%u", n),
                           g_strdup (memo));
      return "narrative memo";
    }
  if (kind < 57)
    {
      g_autofree char *label = g_strdup_printf ("Code %u", ++m->counter);
      g_autofree char *parent = g_rand_boolean (m->rand) ? pick_key (m, current (m)->codes)
                                                         : NULL;
      ShirabeCodeSpec spec = { .label_en = label };
      gint64 id;

      spec.parent_id = parent != NULL ? g_ascii_strtoll (parent, NULL, 10) : 0;
      id = shirabe_project_add_code (m->project, &spec, &error);
      g_assert_no_error (error);
      g_hash_table_insert (push (m)->codes, g_strdup_printf ("%" G_GINT64_FORMAT, id),
                           g_strdup_printf ("%" G_GINT64_FORMAT, spec.parent_id));
      return "add code";
    }
  if (kind < 65)
    {
      /* A move under another parent: never under itself or its own descendants. */
      g_autofree char *code = pick_key (m, current (m)->codes);
      g_autofree char *parent = g_rand_int_range (m->rand, 0, 4) == 0
                                ? g_strdup ("0") : pick_key (m, current (m)->codes);
      const char *old_parent;

      if (code == NULL || parent == NULL ||
          (!g_str_equal (parent, "0") && is_within (current (m), parent, code)))
        return NULL;
      old_parent = g_hash_table_lookup (current (m)->codes, code);
      if (g_str_equal (old_parent, parent))
        return NULL;
      g_assert_true (shirabe_project_move_code (m->project, g_ascii_strtoll (code, NULL, 10),
                                                g_ascii_strtoll (parent, NULL, 10),
                                                g_rand_int_range (m->rand, -1, 3), &error));
      g_assert_no_error (error);
      g_hash_table_insert (push (m)->codes, g_strdup (code), g_strdup (parent));
      return "move code";
    }
  if (kind < 69)
    {
      /* A delete takes the code's descendants and all their codings. */
      g_autofree char *code = pick_key (m, current (m)->codes);
      g_autoptr(GPtrArray) gone = g_ptr_array_new_with_free_func (g_free);
      GHashTableIter iter;
      gpointer key, value;
      State *next;

      if (code == NULL || g_hash_table_size (current (m)->codes) < 3)
        return NULL;
      g_assert_true (shirabe_project_delete_code (m->project, g_ascii_strtoll (code, NULL, 10),
                                                  &error));
      g_assert_no_error (error);
      next = push (m);
      g_hash_table_iter_init (&iter, next->codes);
      while (g_hash_table_iter_next (&iter, &key, NULL))
        if (is_within (next, key, code))
          g_ptr_array_add (gone, g_strdup (key));
      for (guint i = 0; i < gone->len; i++)
        {
          g_hash_table_iter_init (&iter, next->codings);
          while (g_hash_table_iter_next (&iter, &key, &value))
            {
              g_auto(GStrv) fields = g_strsplit (value, " ", 3);

              if (g_str_equal (fields[1], gone->pdata[i]))
                g_hash_table_iter_remove (&iter);
            }
        }
      for (guint i = 0; i < gone->len; i++)
        g_hash_table_remove (next->codes, gone->pdata[i]);
      return "delete code";
    }
  if (kind < 76)
    {
      guint n = g_rand_int_range (m->rand, 0, N_CASES);
      g_autofree char *age = g_strdup_printf ("%u", ++m->counter);

      g_assert_true (shirabe_project_set_attribute_value (m->project, m->age, m->cases[n], age,
                                                          &error));
      g_assert_no_error (error);
      g_hash_table_insert (push (m)->values, g_strdup_printf ("age-%u", n), g_strdup (age));
      return "set attribute";
    }
  if (kind < 79)
    {
      /* A coder's copy of the project as it is, coded once more by another coder, merged
       * back: the project gains that coding. */
      guint number = ++m->counter;
      g_autofree char *name = g_strdup_printf ("copy-%05u.shirabe", number);
      g_autofree char *backups = g_strdup_printf ("copy-%05u.backups", number);
      g_autofree char *path = test_dir_path (&m->dir, name);
      g_autofree char *backups_path = test_dir_path (&m->dir, backups);
      g_autofree char *code = pick_key (m, current (m)->codes);
      const char *paths[] = { path, NULL };
      g_autoptr(ShirabeMergeReport) report = NULL;
      g_autoptr(GPtrArray) codings = NULL;
      guint n = g_rand_int_range (m->rand, 0, N_NARRATIVES);
      gint64 start = g_rand_int_range (m->rand, 0, m->lengths[n] - 1);
      gint64 end = g_rand_int_range (m->rand, start + 1, MIN (m->lengths[n], start + 40) + 1);
      gint64 added = 0;

      if (code == NULL)
        return NULL;
      /* Any coder's coding of that code there already: keep the step simple, skip it. */
      if (has_coding (m, n, code, start, end))
        return NULL;
      g_assert_true (shirabe_project_copy_for_coder (m->project, path, "Ben",
                                                     SHIRABE_COPY_DEFAULT, &error));
      g_assert_no_error (error);
      {
        g_autoptr(ShirabeProject) copy = shirabe_project_open (path, SHIRABE_PROJECT_NO_HISTORY,
                                                               &error);

        g_assert_no_error (error);
        g_assert_cmpint (shirabe_project_apply_code (copy, m->narratives[n],
                                                     g_ascii_strtoll (code, NULL, 10), "Ben",
                                                     start, end, NULL, &error), >, 0);
        g_assert_no_error (error);
        g_assert_true (shirabe_project_close (copy, &error));
      }
      report = shirabe_project_merge_copies (m->project, paths, SHIRABE_MERGE_DEFAULT, &error);
      g_assert_no_error (error);
      g_unlink (path);
      test_dir_rm_rf (backups_path);

      /* The one coding the project did not have. */
      codings = shirabe_project_list_codings (m->project, 0, &error);
      g_assert_no_error (error);
      for (guint i = 0; i < codings->len; i++)
        {
          ShirabeCoding *c = codings->pdata[i];
          g_autofree char *key = g_strdup_printf ("%" G_GINT64_FORMAT, c->id);

          if (!g_hash_table_contains (current (m)->codings, key))
            {
              g_assert_cmpint (added, ==, 0);
              added = c->id;
            }
        }
      g_assert_cmpint (added, >, 0);
      g_hash_table_insert (push (m)->codings, g_strdup_printf ("%" G_GINT64_FORMAT, added),
                           g_strdup_printf ("%" G_GINT64_FORMAT " %s %" G_GINT64_FORMAT " %"
                                            G_GINT64_FORMAT " ", m->narratives[n], code, start,
                                            end));
      return "merge";
    }
  if (kind < 82)
    {
      /* A file imported: a narrative of a case of its own, found by the index. */
      guint number = ++m->counter;
      g_autofree char *name = g_strdup_printf ("imported-%05u.txt", number);
      g_autofree char *title = g_strdup_printf ("imported-%05u", number);
      g_autofree char *path = test_dir_path (&m->dir, name);
      g_autofree char *text = g_strdup_printf ("聞き取り imported-%05u：旅券を取り上げられた。\n",
                                               number);
      const char *paths[] = { path, NULL };
      g_autoptr(GPtrArray) results = NULL;
      gint64 id;
      State *next;
      guint n_imported = 0;

      g_assert_true (g_file_set_contents (path, text, -1, &error));
      g_assert_cmpint (shirabe_project_import_files (m->project, paths, NULL, NULL, NULL, NULL,
                                                     &results, &error), ==, 1);
      g_assert_no_error (error);
      g_unlink (path);
      id = ((ShirabeImportResult *) results->pdata[0])->narrative_id;
      next = push (m);
      g_hash_table_insert (next->narratives, g_strdup_printf ("%" G_GINT64_FORMAT, id),
                           g_strdup_printf ("%s %ld 1", title, g_utf8_strlen (text, -1)));
      {
        GHashTableIter iter;
        gpointer key;

        g_hash_table_iter_init (&iter, next->narratives);
        while (g_hash_table_iter_next (&iter, NULL, &key))
          n_imported += g_str_has_prefix (key, "imported-");
      }
      g_hash_table_insert (next->values, g_strdup ("index-imported"),
                           g_strdup_printf ("%u", n_imported));
      return "import";
    }
  if (kind < 92)
    {
      if (m->current == 0)
        return NULL;
      g_assert_true (shirabe_project_undo (m->project, &error));
      g_assert_no_error (error);
      m->current--;
      return "undo";
    }
  if (m->current + 1 >= m->states->len)
    return NULL;
  g_assert_true (shirabe_project_redo (m->project, &error));
  g_assert_no_error (error);
  m->current++;
  return "redo";
}

static void
model_setup (Model         *m,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  static const char *const texts[N_NARRATIVES] = {
    "ブローカーに旅券を取り上げられ、借金は三百万円だと言われた。毎日十二時間働かされた。",
    "I was told there was factory work in Japan. At the airport they took my passport.",
  };

  /* Thousands of sequences make tens of thousands of commits, each synced to disk: in memory
   * (tmpfs) when there is one, the test takes seconds rather than minutes. */
  if (g_file_test ("/dev/shm", G_FILE_TEST_IS_DIR) && g_access ("/dev/shm", W_OK) == 0)
    {
      m->dir.dir = g_mkdtemp (g_strdup ("/dev/shm/shirabe-model-XXXXXX"));
      g_assert_nonnull (m->dir.dir);
    }
  else
    test_dir_setup (&m->dir, data);
  path = test_dir_path (&m->dir, "model.shirabe");
  m->project = shirabe_project_create (path, "Model", SHIRABE_PROJECT_DEFAULT, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < N_CASES; i++)
    {
      g_autofree char *name = g_strdup_printf ("Case %u", i + 1);

      m->cases[i] = shirabe_project_add_case (m->project, name, &error);
      g_assert_no_error (error);
    }
  for (guint i = 0; i < N_NARRATIVES; i++)
    {
      ShirabeNarrativeSpec spec = { .case_id = m->cases[i], .title = "Interview",
                                    .text = texts[i] };

      m->narratives[i] = shirabe_project_add_narrative (m->project, &spec, &error);
      g_assert_no_error (error);
      m->lengths[i] = g_utf8_strlen (texts[i], -1);
    }
  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *label = g_strdup_printf ("Start code %u", i);
      ShirabeCodeSpec spec = { .label_en = label };

      shirabe_project_add_code (m->project, &spec, &error);
      g_assert_no_error (error);
    }
  m->age = shirabe_project_add_attribute (m->project, SHIRABE_SCOPE_CASE, "Age", NULL, "age",
                                          SHIRABE_ATTRIBUTE_INTEGER, NULL, &error);
  g_assert_no_error (error);
  shirabe_history_clear (shirabe_project_get_history (m->project));
  m->states = g_ptr_array_new_with_free_func ((GDestroyNotify) state_free);
}

static void
model_teardown (Model         *m,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  g_ptr_array_unref (m->states);
  g_clear_pointer (&m->rand, g_rand_free);
  g_assert_true (shirabe_project_close (m->project, &error));
  g_clear_object (&m->project);
  test_dir_teardown (&m->dir, data);
}

static guint
env_uint (const char *name,
          guint       fallback)
{
  const char *text = g_getenv (name);
  guint64 value;

  if (text != NULL && g_ascii_string_to_unsigned (text, 10, 0, G_MAXUINT, &value, NULL))
    return value;
  return fallback;
}

static void
test_random_edits_undo_and_redo_match_the_model (Model         *m,
                                                 gconstpointer  data)
{
  guint first = env_uint ("SHIRABE_MODEL_SEED", g_test_rand_int_range (0, G_MAXINT / 2));
  guint n_sequences = env_uint ("SHIRABE_MODEL_SEQUENCES",
                                env_uint ("SHIRABE_MODEL_SEQUENCES_DEFAULT", 1000));
  guint n_steps = env_uint ("SHIRABE_MODEL_STEPS", 30);
  guint n_edits = 0;
  guint n_imports = 0;
  guint n_merges = 0;

  g_test_message ("sequences %u to %u, %u steps each (replay one: SHIRABE_MODEL_SEED=N "
                  "SHIRABE_MODEL_SEQUENCES=1)", first, first + n_sequences - 1, n_steps);
  for (guint seed = first; seed < first + n_sequences; seed++)
    {
      g_autoptr(GError) error = NULL;
      g_auto(GStrv) problems = NULL;
      guint top;

      g_clear_pointer (&m->rand, g_rand_free);
      m->rand = g_rand_new_with_seed (seed);
      g_ptr_array_set_size (m->states, 0);
      g_ptr_array_add (m->states, read_project (m));
      m->current = 0;

      for (guint i = 0; i < n_steps; i++)
        {
          const char *what = step (m);

          if (what != NULL)
            {
              n_edits++;
              n_imports += g_str_equal (what, "import");
              n_merges += g_str_equal (what, "merge");
              assert_matches (m, seed, i, what);
            }
        }

      /* Undo all, back to the start; redo all, forward to the newest state. */
      top = m->states->len - 1;
      while (m->current > 0)
        {
          g_assert_true (shirabe_project_undo (m->project, &error));
          g_assert_no_error (error);
          m->current--;
        }
      assert_matches (m, seed, n_steps, "undo all");
      g_assert_false (shirabe_history_get_can_undo (shirabe_project_get_history (m->project)));
      while (m->current < top)
        {
          g_assert_true (shirabe_project_redo (m->project, &error));
          g_assert_no_error (error);
          m->current++;
        }
      assert_matches (m, seed, n_steps + 1, "redo all");
      g_assert_false (shirabe_history_get_can_redo (shirabe_project_get_history (m->project)));

      g_assert_true (shirabe_project_check (m->project, &problems, &error));
      g_assert_no_error (error);
      if (problems != NULL && problems[0] != NULL)
        g_error ("sequence %u: check found %s\nreplay: SHIRABE_MODEL_SEED=%u "
                 "SHIRABE_MODEL_SEQUENCES=1", seed, problems[0], seed);

      /* The next sequence starts from the start state, with a history of its own. */
      while (m->current > 0)
        {
          g_assert_true (shirabe_project_undo (m->project, &error));
          m->current--;
        }
      assert_matches (m, seed, n_steps + 2, "undo to the start again");
      shirabe_history_clear (shirabe_project_get_history (m->project));
    }
  g_test_message ("%u sequences, %u edits (%u imports, %u merges), undos and redos matched the "
                  "model", n_sequences, n_edits, n_imports, n_merges);
  /* Enough sequences make every kind of edit. */
  if (n_sequences >= 100)
    {
      g_assert_cmpuint (n_imports, >, 0);
      g_assert_cmpuint (n_merges, >, 0);
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/core/history/random-edits-undo-and-redo-match-the-model", Model, NULL,
              model_setup, test_random_edits_undo_and_redo_match_the_model, model_teardown);

  return g_test_run ();
}
