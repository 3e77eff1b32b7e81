/* test-passages.c: passage queries against a brute force over the codings, and filters
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "test-util.h"

#include "shirabe-filter.h"
#include "shirabe-narrative-list.h"
#include "shirabe-passages.h"
#include "shirabe-project-private.h"

typedef struct
{
  gint64 id, narrative_id, code_id, coder_id, start, end;
} BruteCoding;

/* The project's codings, narrative by narrative in the project's order. */
typedef struct
{
  GArray *codings;     /* BruteCoding, ordered by narrative order, start */
  GArray *narratives;  /* gint64, in the project's order */
  GHashTable *parents; /* (gint64 *) code id → (gint64 *) its parent's id, 0 for none */
} Corpus;

static void
corpus_load (ShirabeProject *project,
             Corpus         *corpus)
{
  sqlite3 *db = shirabe_project_get_db (project);
  sqlite3_stmt *stmt;

  corpus->codings = g_array_new (FALSE, FALSE, sizeof (BruteCoding));
  corpus->parents = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT id, coalesce (parent_id, 0) FROM code", -1,
                                       &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 *id = g_new (gint64, 1);
      gint64 *parent = g_new (gint64, 1);

      *id = sqlite3_column_int64 (stmt, 0);
      *parent = sqlite3_column_int64 (stmt, 1);
      g_hash_table_insert (corpus->parents, id, parent);
    }
  sqlite3_finalize (stmt);
  corpus->narratives = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT n.id FROM narrative n JOIN cases k ON k.id = n.case_id"
                                       " ORDER BY k.position, k.id, n.position, n.id", -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (corpus->narratives, id);
    }
  sqlite3_finalize (stmt);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT id, narrative_id, code_id, coder_id, start, end"
                                       " FROM coding", -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      BruteCoding c = { sqlite3_column_int64 (stmt, 0), sqlite3_column_int64 (stmt, 1),
                        sqlite3_column_int64 (stmt, 2), sqlite3_column_int64 (stmt, 3),
                        sqlite3_column_int64 (stmt, 4), sqlite3_column_int64 (stmt, 5) };
      g_array_append_val (corpus->codings, c);
    }
  sqlite3_finalize (stmt);
}

typedef struct
{
  gint64   x[2];          /* 0: unused */
  gint64   groups[2];     /* all-of codes, each a group */
  gint64   overlapping;   /* a group of its own */
  gint64   near;
  gint64   near_distance;
  gint64   not_code;
  gint64   coder;
  gboolean union_result;
  GHashTable *narratives; /* allowed, or NULL */
  /* Each code above with its subtree (any code of it, or a descendant) */
  gboolean x_subtree;
  gboolean groups_subtree[2];
  gboolean overlapping_subtree;
  gboolean near_subtree;
  gboolean not_subtree;
} Spec;

/* Whether @code is @root, or with @subtree one of its descendants, walking up the parents. */
static gboolean
is_code (Corpus   *corpus,
         gint64    root,
         gboolean  subtree,
         gint64    code)
{
  if (root == 0)
    return FALSE;
  while (code != 0)
    {
      gint64 *parent;

      if (code == root)
        return TRUE;
      if (!subtree || (parent = g_hash_table_lookup (corpus->parents, &code)) == NULL)
        return FALSE;
      code = *parent;
    }
  return FALSE;
}

static gboolean
in_list (Corpus         *corpus,
         const gint64   *list,
         const gboolean *subtree,
         guint           n,
         gint64          v)
{
  for (guint i = 0; i < n; i++)
    if (is_code (corpus, list[i], subtree[i], v))
      return TRUE;
  return FALSE;
}

static int
compare_ids (gconstpointer a,
             gconstpointer b)
{
  gint64 u = *(const gint64 *) a, v = *(const gint64 *) b;

  return u < v ? -1 : u > v;
}

static int
compare_rows (gconstpointer a,
              gconstpointer b)
{
  return strcmp (*(char * const *) a, *(char * const *) b);
}

/* What the query should give, computed one character at a time. */
static GPtrArray *
brute_force (Corpus     *corpus,
             const Spec *spec)
{
  GPtrArray *rows = g_ptr_array_new_with_free_func (g_free);
  gint64 group_codes[3];
  gboolean group_subtrees[3];
  gboolean x_subtrees[2] = { spec->x_subtree, spec->x_subtree };
  guint n_groups = 0;

  for (guint g = 0; g < 2; g++)
    if (spec->groups[g] != 0)
      {
        group_subtrees[n_groups] = spec->groups_subtree[g];
        group_codes[n_groups++] = spec->groups[g];
      }
  if (spec->overlapping != 0)
    {
      group_subtrees[n_groups] = spec->overlapping_subtree;
      group_codes[n_groups++] = spec->overlapping;
    }

  for (guint n = 0; n < corpus->narratives->len; n++)
    {
      gint64 nid = g_array_index (corpus->narratives, gint64, n);
      g_autoptr (GPtrArray) mine = g_ptr_array_new ();
      g_autoptr (GPtrArray) found = g_ptr_array_new_with_free_func (g_free);

      if (spec->narratives != NULL && !g_hash_table_contains (spec->narratives, &nid))
        continue;
      for (guint i = 0; i < corpus->codings->len; i++)
        {
          BruteCoding *c = &g_array_index (corpus->codings, BruteCoding, i);
          if (c->narrative_id == nid && (spec->coder == 0 || c->coder_id == spec->coder))
            g_ptr_array_add (mine, c);
        }
      for (guint i = 0; i < mine->len; i++)
        {
          BruteCoding *x = g_ptr_array_index (mine, i);
          gboolean ok = in_list (corpus, spec->x, x_subtrees, 2, x->code_id);

          for (guint j = 0; j < mine->len && ok; j++)
            {
              BruteCoding *z = g_ptr_array_index (mine, j);
              if (z != x && is_code (corpus, spec->not_code, spec->not_subtree, z->code_id) &&
                  z->start < x->end && x->start < z->end)
                ok = FALSE;
            }
          if (ok && spec->near != 0)
            {
              gboolean near = FALSE;
              for (guint j = 0; j < mine->len; j++)
                {
                  BruteCoding *y = g_ptr_array_index (mine, j);
                  gint64 gap = MAX (y->start - x->end, x->start - y->end);
                  if (y != x && is_code (corpus, spec->near, spec->near_subtree, y->code_id) &&
                      gap <= spec->near_distance)
                    near = TRUE;
                }
              ok = near;
            }
          if (!ok)
            continue;
          if (n_groups == 0)
            {
              g_ptr_array_add (found, g_strdup_printf ("%" G_GINT64_FORMAT " %08" G_GINT64_FORMAT
                                                       " %08" G_GINT64_FORMAT " %08" G_GINT64_FORMAT,
                                                       nid, x->start, x->end, x->id));
              continue;
            }
          {
            gint64 run_start = -1, ustart = x->start, uend = x->end;
            gboolean every = TRUE;

            for (guint g = 0; g < n_groups; g++)
              {
                gboolean any = FALSE;
                for (guint j = 0; j < mine->len; j++)
                  {
                    BruteCoding *y = g_ptr_array_index (mine, j);
                    if (y != x && is_code (corpus, group_codes[g], group_subtrees[g], y->code_id) &&
                        y->start < x->end && x->start < y->end)
                      any = TRUE;
                  }
                every = every && any;
              }
            if (!every)
              continue;
            for (guint j = 0; j < mine->len; j++)
              {
                BruteCoding *y = g_ptr_array_index (mine, j);
                if (y != x && in_list (corpus, group_codes, group_subtrees, n_groups, y->code_id) &&
                    y->start < x->end && x->start < y->end)
                  {
                    ustart = MIN (ustart, y->start);
                    uend = MAX (uend, y->end);
                  }
              }
            for (gint64 p = x->start; p <= x->end; p++)
              {
                gboolean covered = p < x->end;

                for (guint g = 0; g < n_groups && covered; g++)
                  {
                    gboolean here = FALSE;
                    for (guint j = 0; j < mine->len; j++)
                      {
                        BruteCoding *y = g_ptr_array_index (mine, j);
                        if (y != x && is_code (corpus, group_codes[g], group_subtrees[g], y->code_id) &&
                            y->start <= p && p < y->end)
                          here = TRUE;
                      }
                    covered = here;
                  }
                if (covered && run_start < 0)
                  run_start = p;
                if (!covered && run_start >= 0)
                  {
                    gint64 s = spec->union_result ? ustart : run_start;
                    gint64 e = spec->union_result ? uend : p;
                    gint64 qs = spec->union_result ? x->start : run_start;
                    gint64 qe = spec->union_result ? x->end : p;
                    g_autoptr (GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
                    GString *row = g_string_new (NULL);

                    g_array_append_val (ids, x->id);
                    for (guint j = 0; j < mine->len; j++)
                      {
                        BruteCoding *y = g_ptr_array_index (mine, j);
                        if (y != x && in_list (corpus, group_codes, group_subtrees, n_groups, y->code_id) &&
                            y->start < qe && qs < y->end)
                          g_array_append_val (ids, y->id);
                      }
                    g_array_sort (ids, compare_ids);
                    g_string_printf (row, "%" G_GINT64_FORMAT " %08" G_GINT64_FORMAT " %08" G_GINT64_FORMAT,
                                     nid, s, e);
                    for (guint k = 0; k < ids->len; k++)
                      g_string_append_printf (row, k == 0 ? " %08" G_GINT64_FORMAT : ",%08" G_GINT64_FORMAT,
                                              g_array_index (ids, gint64, k));
                    g_ptr_array_add (found, g_string_free (row, FALSE));
                    run_start = -1;
                    if (spec->union_result)
                      break;
                  }
              }
          }
        }
      g_ptr_array_sort (found, compare_rows);
      for (guint i = 0; i < found->len; i++)
        g_ptr_array_add (rows, g_strdup (g_ptr_array_index (found, i)));
    }
  return rows;
}

static GPtrArray *
run_query (ShirabeProject *project,
           const Spec     *spec,
           ShirabeFilter  *filter)
{
  g_autoptr (ShirabePassageQuery) query = shirabe_passage_query_new ();
  g_autoptr (ShirabePassageList) list = NULL;
  g_autoptr (GError) error = NULL;
  GPtrArray *rows = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < 2; i++)
    if (spec->x[i] != 0)
      shirabe_passage_query_add_code (query, spec->x[i], spec->x_subtree);
  for (guint i = 0; i < 2; i++)
    if (spec->groups[i] != 0)
      shirabe_passage_query_add_all_of (query, spec->groups[i], spec->groups_subtree[i]);
  if (spec->overlapping != 0)
    shirabe_passage_query_add_overlapping (query, spec->overlapping, spec->overlapping_subtree);
  if (spec->near != 0)
    shirabe_passage_query_add_near (query, spec->near, spec->near_subtree, spec->near_distance);
  if (spec->not_code != 0)
    shirabe_passage_query_add_not (query, spec->not_code, spec->not_subtree);
  if (spec->coder != 0)
    shirabe_passage_query_add_coder (query, spec->coder);
  shirabe_passage_query_set_overlap_result (query, spec->union_result ? SHIRABE_OVERLAP_UNION
                                                                      : SHIRABE_OVERLAP_INTERSECTION);
  shirabe_passage_query_set_filter (query, filter);

  list = shirabe_passage_list_new (project, query, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (list)); i++)
    {
      g_autoptr (ShirabePassage) passage = g_list_model_get_item (G_LIST_MODEL (list), i);
      GArray *ids = shirabe_passage_get_coding_ids (passage);
      GString *row = g_string_new (NULL);

      g_string_printf (row, "%" G_GINT64_FORMAT " %08" G_GINT64_FORMAT " %08" G_GINT64_FORMAT,
                       shirabe_passage_get_narrative_id (passage),
                       shirabe_passage_get_start (passage), shirabe_passage_get_end (passage));
      for (guint k = 0; k < ids->len; k++)
        g_string_append_printf (row, k == 0 ? " %08" G_GINT64_FORMAT : ",%08" G_GINT64_FORMAT,
                                g_array_index (ids, gint64, k));
      g_assert_cmpint (g_utf8_strlen (shirabe_passage_get_text (passage), -1), ==,
                       shirabe_passage_get_end (passage) - shirabe_passage_get_start (passage));
      g_ptr_array_add (rows, g_string_free (row, FALSE));
    }
  return rows;
}

static void
assert_same_rows (GPtrArray  *expected,
                  GPtrArray  *got,
                  const char *what)
{
  for (guint i = 0; i < MIN (expected->len, got->len); i++)
    if (g_strcmp0 (g_ptr_array_index (expected, i), g_ptr_array_index (got, i)) != 0)
      g_error ("%s: row %u is “%s”, the brute force gives “%s”", what, i,
               (char *) g_ptr_array_index (got, i), (char *) g_ptr_array_index (expected, i));
  if (expected->len != got->len)
    g_error ("%s: %u passages, the brute force gives %u", what, got->len, expected->len);
}

static ShirabeProject *
generated_project (TestDir *fixture,
                   Corpus  *corpus,
                   GArray **codes)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = test_dir_path (fixture, "generated.shirabe");
  ShirabeProject *project = shirabe_project_create (path, "Generated", SHIRABE_PROJECT_DEFAULT, &error);
  ShirabeGenerateOptions options = { 0 };
  sqlite3_stmt *stmt;

  g_assert_no_error (error);
  options.n_narratives = 30;
  options.n_codings = 1500;
  options.n_codes = 8;
  options.n_coders = 2;
  options.seed = 11;
  options.min_length = 300;
  options.max_length = 900;
  shirabe_project_generate (project, &options, NULL, &error);
  g_assert_no_error (error);
  corpus_load (project, corpus);

  /* the codes with the most codings */
  *codes = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_assert_cmpint (sqlite3_prepare_v2 (shirabe_project_get_db (project),
                                       "SELECT code_id FROM coding GROUP BY code_id"
                                       " ORDER BY count (*) DESC, code_id LIMIT 4", -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (*codes, id);
    }
  sqlite3_finalize (stmt);
  g_assert_cmpuint ((*codes)->len, ==, 4);
  return project;
}

static void
test_every_operator_matches_a_brute_force (TestDir       *fixture,
                                           gconstpointer  data)
{
  Corpus corpus;
  g_autoptr (GArray) codes = NULL;
  g_autoptr (ShirabeProject) project = generated_project (fixture, &corpus, &codes);
  gint64 a = g_array_index (codes, gint64, 0), b = g_array_index (codes, gint64, 1);
  gint64 c = g_array_index (codes, gint64, 2), d = g_array_index (codes, gint64, 3);
  gint64 coder = g_array_index (corpus.codings, BruteCoding, 0).coder_id;
  guint n_nonempty = 0;
  Spec specs[] = {
    { .x = { a } },
    { .x = { a, b } },
    { .x = { a }, .groups = { b } },
    { .x = { a }, .groups = { b }, .union_result = TRUE },
    { .x = { a }, .overlapping = b },
    { .x = { a }, .overlapping = b, .union_result = TRUE },
    { .x = { a }, .groups = { b, c } },
    { .x = { a }, .groups = { b, c }, .union_result = TRUE },
    { .x = { a }, .groups = { b }, .overlapping = c },
    { .x = { a, d }, .overlapping = b, .not_code = c },
    { .x = { a }, .near = b, .near_distance = 0 },
    { .x = { a }, .near = b, .near_distance = 40 },
    { .x = { a }, .not_code = b },
    { .x = { a }, .not_code = a },
    { .x = { a }, .near = a, .near_distance = 100 },
    { .x = { a }, .coder = coder },
    { .x = { a }, .overlapping = b, .coder = coder },
    { .x = { a }, .overlapping = b, .near = c, .near_distance = 30, .not_code = d, .coder = coder },
    { .x = { a, b }, .groups = { c }, .not_code = d, .union_result = TRUE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (specs); i++)
    {
      g_autoptr (GPtrArray) expected = brute_force (&corpus, &specs[i]);
      g_autoptr (GPtrArray) got = run_query (project, &specs[i], NULL);
      g_autofree char *what = g_strdup_printf ("query %u", i);

      assert_same_rows (expected, got, what);
      if (expected->len > 0)
        n_nonempty++;
    }
  /* the generated project must give the operators something to do */
  g_assert_cmpuint (n_nonempty, >=, G_N_ELEMENTS (specs) - 2);

  g_array_unref (corpus.codings);
  g_array_unref (corpus.narratives);
  g_hash_table_unref (corpus.parents);
}

/* Every operator takes a code's subtree as well as a code alone: any code of the subtree then
 * plays the part. */
static void
test_every_operator_takes_a_subtree (TestDir       *fixture,
                                     gconstpointer  data)
{
  Corpus corpus;
  g_autoptr (GArray) codes = NULL;
  g_autoptr (ShirabeProject) project = generated_project (fixture, &corpus, &codes);
  gint64 a = g_array_index (codes, gint64, 0), b = g_array_index (codes, gint64, 1);
  gint64 roots[2] = { 0, 0 };
  guint n_roots = 0;
  guint n_nonempty = 0;
  guint n_different = 0;
  sqlite3_stmt *stmt;

  /* The two codes whose descendants have the most codings */
  g_assert_cmpint (sqlite3_prepare_v2 (shirabe_project_get_db (project),
                                       "SELECT c.parent_id FROM coding g JOIN code c"
                                       " ON c.id = g.code_id WHERE c.parent_id IS NOT NULL"
                                       " GROUP BY c.parent_id ORDER BY count (*) DESC,"
                                       " c.parent_id LIMIT 2", -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    roots[n_roots++] = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  g_assert_cmpuint (n_roots, ==, 2);

  {
    gint64 p = roots[0], q = roots[1];
    Spec specs[] = {
      { .x = { p }, .x_subtree = TRUE },
      { .x = { a }, .groups = { q }, .groups_subtree = { TRUE } },
      { .x = { a }, .groups = { q }, .groups_subtree = { TRUE }, .union_result = TRUE },
      { .x = { a }, .groups = { p, q }, .groups_subtree = { TRUE, FALSE } },
      { .x = { a }, .groups = { b, q }, .groups_subtree = { FALSE, TRUE }, .union_result = TRUE },
      { .x = { p }, .x_subtree = TRUE, .overlapping = q, .overlapping_subtree = TRUE },
      { .x = { a }, .overlapping = q, .overlapping_subtree = TRUE, .union_result = TRUE },
      { .x = { a }, .near = q, .near_subtree = TRUE, .near_distance = 0 },
      { .x = { a }, .near = q, .near_subtree = TRUE, .near_distance = 40 },
      { .x = { p }, .x_subtree = TRUE, .near = p, .near_subtree = TRUE, .near_distance = 100 },
      { .x = { a }, .not_code = q, .not_subtree = TRUE },
      { .x = { p }, .x_subtree = TRUE, .not_code = p, .not_subtree = TRUE },
      { .x = { p, b }, .x_subtree = TRUE, .groups = { q }, .groups_subtree = { TRUE },
        .near = a, .near_distance = 60, .not_code = p, .not_subtree = TRUE },
      { .x = { a }, .overlapping = p, .overlapping_subtree = TRUE, .near = q,
        .near_subtree = TRUE, .near_distance = 30, .not_code = b, .not_subtree = TRUE },
    };

    for (guint i = 0; i < G_N_ELEMENTS (specs); i++)
      {
        g_autoptr (GPtrArray) expected = brute_force (&corpus, &specs[i]);
        g_autoptr (GPtrArray) got = run_query (project, &specs[i], NULL);
        g_autofree char *what = g_strdup_printf ("query %u with subtrees", i);
        Spec alone = specs[i];

        assert_same_rows (expected, got, what);
        if (expected->len > 0)
          n_nonempty++;
        /* The subtrees must matter: the same query with the codes alone differs. */
        alone.x_subtree = alone.overlapping_subtree = alone.near_subtree = FALSE;
        alone.not_subtree = alone.groups_subtree[0] = alone.groups_subtree[1] = FALSE;
        {
          g_autoptr (GPtrArray) codes_alone = brute_force (&corpus, &alone);

          if (codes_alone->len != expected->len)
            n_different++;
        }
      }
    g_assert_cmpuint (n_nonempty, >=, G_N_ELEMENTS (specs) - 2);
    g_assert_cmpuint (n_different, >=, G_N_ELEMENTS (specs) - 3);
  }

  g_array_unref (corpus.codings);
  g_array_unref (corpus.narratives);
  g_hash_table_unref (corpus.parents);
}

static GHashTable *
narratives_where (ShirabeProject *project,
                  const char     *sql)
{
  GHashTable *set = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  sqlite3_stmt *stmt;

  g_assert_cmpint (sqlite3_prepare_v2 (shirabe_project_get_db (project), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 *id = g_new (gint64, 1);

      *id = sqlite3_column_int64 (stmt, 0);
      g_hash_table_add (set, id);
    }
  sqlite3_finalize (stmt);
  return set;
}

static void
test_attribute_conditions_narrow_the_passages (TestDir       *fixture,
                                               gconstpointer  data)
{
  Corpus corpus;
  g_autoptr (GArray) codes = NULL;
  g_autoptr (ShirabeProject) project = generated_project (fixture, &corpus, &codes);
  gint64 a = g_array_index (codes, gint64, 0), b = g_array_index (codes, gint64, 1);
  struct
  {
    const char *where;
    const char *sql;
  } cases[] = {
    { "age_at_recruitment >= 18",
      "SELECT n.id FROM narrative n JOIN attribute_value v ON v.case_id = n.case_id"
      " JOIN attribute t ON t.id = v.attribute_id WHERE t.var_name = 'age_at_recruitment' AND v.value >= 18" },
    { "Age at recruitment between 16 and 25",
      "SELECT n.id FROM narrative n JOIN attribute_value v ON v.case_id = n.case_id"
      " JOIN attribute t ON t.id = v.attribute_id WHERE t.var_name = 'age_at_recruitment'"
      " AND v.value BETWEEN 16 AND 25" },
    { "勧誘時の年齢 < 20",
      "SELECT n.id FROM narrative n JOIN attribute_value v ON v.case_id = n.case_id"
      " JOIN attribute t ON t.id = v.attribute_id WHERE t.var_name = 'age_at_recruitment' AND v.value < 20" },
    { "gender in female, other",
      "SELECT n.id FROM narrative n JOIN attribute_value v ON v.case_id = n.case_id"
      " JOIN attribute t ON t.id = v.attribute_id WHERE t.var_name = 'gender'"
      " AND v.value IN ('female', 'other')" },
    { "interviewed_on is empty",
      "SELECT n.id FROM narrative n WHERE NOT EXISTS (SELECT 1 FROM attribute_value v"
      " JOIN attribute t ON t.id = v.attribute_id WHERE v.case_id = n.case_id"
      " AND t.var_name = 'interviewed_on' AND v.value IS NOT NULL)" },
    { "interviewed_on 2015-01-01..2030-12-31",
      NULL },
    { "interviewed_on between 2015-01-01 and 2030-12-31",
      "SELECT n.id FROM narrative n JOIN attribute_value v ON v.case_id = n.case_id"
      " JOIN attribute t ON t.id = v.attribute_id WHERE t.var_name = 'interviewed_on'"
      " AND v.value BETWEEN '2015-01-01' AND '2030-12-31'" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (ShirabeFilter) filter = shirabe_filter_new ();
      g_autoptr (GError) error = NULL;
      g_autoptr (GHashTable) allowed = NULL;
      Spec spec = { .x = { a }, .overlapping = b };

      if (cases[i].sql == NULL)
        continue;
      shirabe_filter_add_where (filter, project, cases[i].where, &error);
      g_assert_no_error (error);
      allowed = narratives_where (project, cases[i].sql);
      g_assert_cmpuint (g_hash_table_size (allowed), >, 0);
      spec.narratives = allowed;
      {
        g_autoptr (GPtrArray) expected = brute_force (&corpus, &spec);
        g_autoptr (GPtrArray) got = run_query (project, &spec, filter);

        assert_same_rows (expected, got, cases[i].where);
        g_assert_cmpuint (got->len, >, 0);
      }
    }

  g_array_unref (corpus.codings);
  g_array_unref (corpus.narratives);
  g_hash_table_unref (corpus.parents);
}

static void
test_languages_kinds_and_statuses_narrow_the_passages (TestDir       *fixture,
                                                       gconstpointer  data)
{
  Corpus corpus;
  g_autoptr (GArray) codes = NULL;
  g_autoptr (ShirabeProject) project = generated_project (fixture, &corpus, &codes);
  g_autoptr (ShirabeFilter) filter = shirabe_filter_new ();
  g_autoptr (GHashTable) allowed = NULL;
  g_autoptr (GPtrArray) expected = NULL;
  g_autoptr (GPtrArray) got = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *text = NULL;
  const char *languages[] = { "ja", NULL };
  const char *kinds[] = { "interview", "ngo-record", NULL };
  const int statuses[] = { 0, 1 };
  Spec spec = { .x = { g_array_index (codes, gint64, 0) } };

  shirabe_filter_set_languages (filter, languages);
  shirabe_filter_set_kinds (filter, kinds);
  shirabe_filter_set_statuses (filter, statuses, G_N_ELEMENTS (statuses));
  allowed = narratives_where (project, "SELECT id FROM narrative WHERE language = 'ja'"
                                       " AND kind IN ('interview', 'ngo-record')"
                                       " AND status IN (0, 1)");
  spec.narratives = allowed;
  expected = brute_force (&corpus, &spec);
  got = run_query (project, &spec, filter);
  assert_same_rows (expected, got, "languages, kinds and statuses");
  g_assert_cmpuint (got->len, >, 0);

  /* a choice named by its value reads back by its label, in either language */
  shirabe_filter_add_where (filter, project, "性別 = female", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (shirabe_filter_get_n_conditions (filter), ==, 1);
  text = shirabe_filter_describe (filter, project, SHIRABE_LANGUAGE_EN, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (text, "Gender = "));
  g_clear_pointer (&text, g_free);
  text = shirabe_filter_describe (filter, project, SHIRABE_LANGUAGE_JA, &error);
  g_assert_true (g_str_has_prefix (text, "性別 = "));

  g_array_unref (corpus.codings);
  g_array_unref (corpus.narratives);
  g_hash_table_unref (corpus.parents);
}

static void
test_a_malformed_condition_is_refused_with_a_message (TestDir       *fixture,
                                                      gconstpointer  data)
{
  Corpus corpus;
  g_autoptr (GArray) codes = NULL;
  g_autoptr (ShirabeProject) project = generated_project (fixture, &corpus, &codes);
  struct
  {
    const char *where;
    const char *message_part;
  } cases[] = {
    { "nationality = \"Thai", "quote" },
    { "shoe_size = 42", "shoe_size" },
    { "shoe_size = 42", "age_at_recruitment" },
    { "nationality > Thailand", "range" },
    { "age_at_recruitment = eighteen", "eighteen" },
    { "interviewed_on < 2019-13-45", "2019-13-45" },
    { "age_at_recruitment between 3", "values" },
    { "nationality", "condition" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (ShirabeFilter) filter = shirabe_filter_new ();
      g_autoptr (GError) error = NULL;

      g_assert_false (shirabe_filter_add_where (filter, project, cases[i].where, &error));
      g_assert_nonnull (error);
      if (strstr (error->message, cases[i].message_part) == NULL)
        g_error ("“%s” gave “%s”, which does not say “%s”", cases[i].where, error->message,
                 cases[i].message_part);
      g_assert_true (shirabe_filter_is_empty (filter));
    }

  g_array_unref (corpus.codings);
  g_array_unref (corpus.narratives);
  g_hash_table_unref (corpus.parents);
}

static void
test_items_are_read_a_page_at_a_time (TestDir       *fixture,
                                      gconstpointer  data)
{
  Corpus corpus;
  g_autoptr (GArray) codes = NULL;
  g_autoptr (ShirabeProject) project = generated_project (fixture, &corpus, &codes);
  g_autoptr (ShirabePassageQuery) query = shirabe_passage_query_new ();
  g_autoptr (ShirabePassageList) list = NULL;
  g_autoptr (ShirabePassage) passage = NULL;
  g_autoptr (GError) error = NULL;

  shirabe_passage_query_add_code (query, g_array_index (codes, gint64, 0), FALSE);
  shirabe_passage_query_set_context (query, 60);
  list = shirabe_passage_list_new (project, query, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), >, 100);
  g_assert_cmpuint (shirabe_passage_list_get_n_loaded (list), ==, 0);
  passage = g_list_model_get_item (G_LIST_MODEL (list), 70);
  g_assert_cmpuint (shirabe_passage_list_get_n_loaded (list), ==, 50);
  g_assert_cmpstr (shirabe_passage_get_coders (passage), !=, "");
  g_assert_cmpuint (g_utf8_strlen (shirabe_passage_get_context_before (passage), -1), <=, 60);
  g_assert_cmpuint (g_utf8_strlen (shirabe_passage_get_context_after (passage), -1), <=, 60);
  g_assert_cmpuint (shirabe_passage_get_code_ids (passage)->len, ==, 1);
  g_assert_cmpuint (shirabe_passage_list_get_n_cases (list), <=,
                    shirabe_passage_list_get_n_narratives (list));

  g_array_unref (corpus.codings);
  g_array_unref (corpus.narratives);
  g_hash_table_unref (corpus.parents);
}

static void
test_the_narrative_list_shows_only_what_passes_a_filter (TestDir       *fixture,
                                                         gconstpointer  data)
{
  Corpus corpus;
  g_autoptr (GArray) codes = NULL;
  g_autoptr (ShirabeProject) project = generated_project (fixture, &corpus, &codes);
  g_autoptr (ShirabeNarrativeList) list = NULL;
  g_autoptr (ShirabeFilter) filter = shirabe_filter_new ();
  g_autoptr (GHashTable) expected = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *sql = NULL;
  gint64 a = g_array_index (codes, gint64, 3);
  guint n_all, n;

  list = shirabe_narrative_list_new (project, FALSE, &error);
  g_assert_no_error (error);
  n_all = g_list_model_get_n_items (G_LIST_MODEL (list));

  shirabe_filter_add_where (filter, project, "age_at_recruitment >= 18", &error);
  g_assert_no_error (error);
  shirabe_filter_add_code (filter, a, FALSE, TRUE);
  shirabe_narrative_list_set_query_filter (list, filter, &error);
  g_assert_no_error (error);

  sql = g_strdup_printf ("SELECT n.id FROM narrative n JOIN attribute_value v ON v.case_id = n.case_id"
                         " JOIN attribute t ON t.id = v.attribute_id"
                         " WHERE t.var_name = 'age_at_recruitment' AND v.value >= 18"
                         " AND n.id IN (SELECT narrative_id FROM coding WHERE code_id = %" G_GINT64_FORMAT ")",
                         a);
  expected = narratives_where (project, sql);
  n = g_list_model_get_n_items (G_LIST_MODEL (list));
  g_assert_cmpuint (n, ==, g_hash_table_size (expected));
  g_assert_cmpuint (n, <, n_all);
  g_assert_cmpuint (n, >, 0);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (ShirabeNarrativeRow) row = g_list_model_get_item (G_LIST_MODEL (list), i);
      gint64 id = shirabe_narrative_row_get_id (row);

      g_assert_true (g_hash_table_contains (expected, &id));
    }

  /* an edit refreshes the list with the filter still on: a case now too young goes */
  {
    g_autoptr (ShirabeNarrativeRow) row = g_list_model_get_item (G_LIST_MODEL (list), 0);
    gint64 case_id = shirabe_narrative_row_get_case_id (row);
    gint64 attribute_id = shirabe_project_find_attribute (project, SHIRABE_SCOPE_CASE,
                                                          "age_at_recruitment", &error);
    guint n_of_case = 0;

    g_assert_no_error (error);
    for (guint i = 0; i < n; i++)
      {
        g_autoptr (ShirabeNarrativeRow) other = g_list_model_get_item (G_LIST_MODEL (list), i);
        if (shirabe_narrative_row_get_case_id (other) == case_id)
          n_of_case++;
      }
    shirabe_project_set_attribute_value (project, attribute_id, case_id, "12", &error);
    g_assert_no_error (error);
    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, n - n_of_case);
  }

  shirabe_narrative_list_set_query_filter (list, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, n_all);

  g_array_unref (corpus.codings);
  g_array_unref (corpus.narratives);
  g_hash_table_unref (corpus.parents);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/core/passages/every-operator-matches-a-brute-force", TestDir, NULL,
              test_dir_setup, test_every_operator_matches_a_brute_force, test_dir_teardown);
  g_test_add ("/core/passages/every-operator-takes-a-subtree", TestDir, NULL,
              test_dir_setup, test_every_operator_takes_a_subtree, test_dir_teardown);
  g_test_add ("/core/passages/attribute-conditions-narrow-the-passages", TestDir, NULL,
              test_dir_setup, test_attribute_conditions_narrow_the_passages, test_dir_teardown);
  g_test_add ("/core/passages/a-malformed-condition-is-refused-with-a-message", TestDir, NULL,
              test_dir_setup, test_a_malformed_condition_is_refused_with_a_message, test_dir_teardown);
  g_test_add ("/core/passages/languages-kinds-and-statuses-narrow-the-passages", TestDir, NULL,
              test_dir_setup, test_languages_kinds_and_statuses_narrow_the_passages,
              test_dir_teardown);
  g_test_add ("/core/passages/items-are-read-a-page-at-a-time", TestDir, NULL,
              test_dir_setup, test_items_are_read_a_page_at_a_time, test_dir_teardown);

  g_test_add ("/core/narrative-list/shows-only-what-passes-a-filter", TestDir, NULL,
              test_dir_setup, test_the_narrative_list_shows_only_what_passes_a_filter,
              test_dir_teardown);

  return g_test_run ();
}
