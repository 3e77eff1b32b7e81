/* test-reliability.c: agreement statistics against published values and a plain recount
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib.h>
#include <math.h>

#include "shirabe-reliability.h"

#define M SHIRABE_RATING_MISSING

/* Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", the example with missing
 * data: coders A–D in rows, units 1–12 in columns, values 1–5 as 0–4. */
static const gint8 krippendorff_data[4][12] = {
  { 0, 1, 2, 2, 1, 0, 3, 0, 1, M, M, M },
  { 0, 1, 2, 2, 1, 1, 3, 0, 1, 4, M, 2 },
  { M, 2, 2, 2, 1, 2, 3, 1, 1, 4, 0, M },
  { 0, 1, 2, 2, 1, 3, 3, 0, 1, 4, 0, M },
};

static ShirabeRatings *
krippendorff_example (guint64 weight)
{
  ShirabeRatings *ratings = shirabe_ratings_new (4, 5);

  for (guint u = 0; u < 12; u++)
    {
      gint8 v[4];

      for (guint c = 0; c < 4; c++)
        v[c] = krippendorff_data[c][u];
      shirabe_ratings_add (ratings, v, weight);
    }
  return ratings;
}

static void
test_alpha_matches_krippendorff_2011_with_missing_data (void)
{
  g_autoptr (ShirabeRatings) ratings = krippendorff_example (1);
  ShirabeAgreement a;

  shirabe_ratings_compute (ratings, 0, 0, &a);
  g_assert_cmpuint (shirabe_ratings_get_n_units (ratings), ==, 12);
  g_assert_cmpuint (a.n_coders, ==, 4);
  /* Unit 12 has a single value and pairs with nothing. */
  g_assert_cmpuint (a.n_units, ==, 11);
  g_assert_cmpuint (a.n_pairable, ==, 40);
  g_assert_cmpfloat_with_epsilon (a.alpha, 0.743, 0.0005);
  g_assert_false (a.no_variation);
  g_assert_true (isnan (a.cohen_kappa));
  g_assert_true (isnan (a.alpha_low));
  g_assert_true (isnan (a.alpha_high));
  /* Every coder rated units 2–9 only; Fleiss counts those. */
  g_assert_cmpuint (a.n_complete, ==, 8);
}

/* Fleiss (1971), as on Wikipedia's "Fleiss' kappa" page: 10 subjects, 14 raters, 5 categories. */
static void
test_fleiss_kappa_matches_fleiss_1971 (void)
{
  static const guint table[10][5] = {
    { 0, 0, 0, 0, 14 }, { 0, 2, 6, 4, 2 }, { 0, 0, 3, 5, 6 }, { 0, 3, 9, 2, 0 },
    { 2, 2, 8, 1, 1 },  { 7, 7, 0, 0, 0 }, { 3, 2, 6, 3, 0 }, { 2, 5, 3, 2, 2 },
    { 6, 5, 2, 1, 0 },  { 0, 2, 2, 3, 7 },
  };
  g_autoptr (ShirabeRatings) ratings = shirabe_ratings_new (14, 5);
  ShirabeAgreement a;

  for (guint i = 0; i < 10; i++)
    {
      gint8 v[14];
      guint coder = 0;

      for (guint j = 0; j < 5; j++)
        for (guint k = 0; k < table[i][j]; k++)
          v[coder++] = (gint8) j;
      g_assert_cmpuint (coder, ==, 14);
      shirabe_ratings_add (ratings, v, 1);
    }
  shirabe_ratings_compute (ratings, 0, 0, &a);
  g_assert_cmpuint (a.n_complete, ==, 10);
  g_assert_cmpfloat_with_epsilon (a.fleiss_kappa, 0.210, 0.0005);
  /* P-bar, the mean share of agreeing pairs, is Wikipedia's 0.378. */
  g_assert_cmpfloat_with_epsilon (a.percent, 0.378, 0.0005);
}

static void
assert_cohen_example (const ShirabeAgreement *a)
{
  g_assert_cmpuint (a->n_units, ==, 50);
  g_assert_cmpfloat_with_epsilon (a->percent, 0.7, 1e-12);
  g_assert_cmpfloat_with_epsilon (a->cohen_kappa, 0.4, 1e-12);
}

/* Wikipedia's "Cohen's kappa" example: yes/yes 20, yes/no 5, no/yes 10, no/no 15. */
static void
test_cohen_kappa_matches_wikipedia_weighted_or_unit_by_unit (void)
{
  static const gint8 pairs[4][2] = { { 0, 0 }, { 0, 1 }, { 1, 0 }, { 1, 1 } };
  static const guint64 n[4] = { 20, 5, 10, 15 };
  g_autoptr (ShirabeRatings) weighted = shirabe_ratings_new (2, 2);
  g_autoptr (ShirabeRatings) one_by_one = shirabe_ratings_new (2, 2);
  ShirabeAgreement a, b;

  for (guint i = 0; i < 4; i++)
    {
      shirabe_ratings_add (weighted, pairs[i], n[i]);
      for (guint64 k = 0; k < n[i]; k++)
        shirabe_ratings_add (one_by_one, pairs[i], 1);
    }
  shirabe_ratings_compute (weighted, 0, 0, &a);
  shirabe_ratings_compute (one_by_one, 0, 0, &b);
  assert_cohen_example (&a);
  assert_cohen_example (&b);
  g_assert_cmpfloat (a.alpha, ==, b.alpha);
  g_assert_cmpfloat (a.fleiss_kappa, ==, b.fleiss_kappa);
}

static void
test_a_code_without_variation_agrees_fully_and_has_no_alpha (void)
{
  static const gint8 all[3] = { 1, 1, 1 };
  static const gint8 two[3] = { 1, M, 1 };
  static const gint8 one[3] = { M, M, 1 };
  g_autoptr (ShirabeRatings) ratings = shirabe_ratings_new (3, 2);
  ShirabeAgreement a;

  shirabe_ratings_add (ratings, all, 30);
  shirabe_ratings_add (ratings, two, 5);
  shirabe_ratings_add (ratings, one, 2);
  shirabe_ratings_compute (ratings, 100, 1, &a);
  g_assert_cmpuint (shirabe_ratings_get_n_units (ratings), ==, 37);
  g_assert_cmpuint (a.n_units, ==, 35);
  g_assert_cmpfloat (a.percent, ==, 1.0);
  g_assert_true (a.no_variation);
  g_assert_true (isnan (a.alpha));
  g_assert_true (isnan (a.fleiss_kappa));
  g_assert_true (isnan (a.alpha_low));
  g_assert_true (isnan (a.alpha_high));
}

static void
test_two_coders_who_always_say_the_same_have_no_kappa (void)
{
  static const gint8 yes[2] = { 1, 1 };
  g_autoptr (ShirabeRatings) ratings = shirabe_ratings_new (2, 2);
  ShirabeAgreement a;

  shirabe_ratings_add (ratings, yes, 12);
  shirabe_ratings_compute (ratings, 0, 0, &a);
  g_assert_cmpfloat (a.percent, ==, 1.0);
  g_assert_true (isnan (a.cohen_kappa));
  g_assert_true (isnan (a.fleiss_kappa));
  g_assert_true (isnan (a.alpha));
  g_assert_true (a.no_variation);
}

static void
test_empty_ratings_have_no_statistics (void)
{
  static const gint8 none[2] = { M, M };
  g_autoptr (ShirabeRatings) ratings = shirabe_ratings_new (2, 3);
  ShirabeAgreement a;

  /* A unit no coder rated is no unit. */
  shirabe_ratings_add (ratings, none, 4);
  shirabe_ratings_compute (ratings, 10, 1, &a);
  g_assert_cmpuint (shirabe_ratings_get_n_units (ratings), ==, 0);
  g_assert_cmpuint (a.n_units, ==, 0);
  g_assert_true (isnan (a.percent));
  g_assert_true (isnan (a.alpha));
  g_assert_true (isnan (a.cohen_kappa));
  g_assert_false (a.no_variation);
}

static void
random_vector (GRand *rand,
               gint8 *v,
               guint  n_coders,
               guint  n_values,
               double p_missing)
{
  for (guint c = 0; c < n_coders; c++)
    v[c] = g_rand_double (rand) < p_missing ? M : (gint8) g_rand_int_range (rand, 0, n_values);
}

static void
assert_same_agreement (const ShirabeAgreement *a,
                       const ShirabeAgreement *b)
{
  g_assert_cmpuint (a->n_units, ==, b->n_units);
  g_assert_cmpuint (a->n_pairable, ==, b->n_pairable);
  g_assert_cmpuint (a->n_complete, ==, b->n_complete);
  g_assert_cmpfloat_with_epsilon (a->percent, b->percent, 1e-12);
  g_assert_cmpfloat_with_epsilon (a->alpha, b->alpha, 1e-12);
  g_assert_cmpfloat_with_epsilon (a->fleiss_kappa, b->fleiss_kappa, 1e-12);
  g_assert_cmpint (a->no_variation, ==, b->no_variation);
}

static void
test_weighted_vectors_equal_units_added_one_by_one (void)
{
  g_autoptr (GRand) rand = g_rand_new_with_seed (42);
  g_autoptr (ShirabeRatings) one_by_one = shirabe_ratings_new (3, 3);
  g_autoptr (ShirabeRatings) grouped = shirabe_ratings_new (3, 3);
  /* Counts of each vector, values M, 0, 1, 2 as digits 0–3 in base 4. */
  guint64 count[64] = { 0 };
  ShirabeAgreement a, b;

  for (guint u = 0; u < 200; u++)
    {
      gint8 v[3];

      random_vector (rand, v, 3, 3, 0.2);
      shirabe_ratings_add (one_by_one, v, 1);
      count[(v[0] + 1) * 16 + (v[1] + 1) * 4 + (v[2] + 1)]++;
    }
  for (guint i = 0; i < 64; i++)
    {
      gint8 v[3] = { (gint8) (i / 16) - 1, (gint8) (i / 4 % 4) - 1, (gint8) (i % 4) - 1 };

      if (count[i] > 0)
        shirabe_ratings_add (grouped, v, count[i]);
    }
  shirabe_ratings_compute (one_by_one, 0, 0, &a);
  shirabe_ratings_compute (grouped, 0, 0, &b);
  g_assert_false (isnan (a.alpha));
  assert_same_agreement (&a, &b);
  g_assert_cmpuint (shirabe_ratings_get_n_units (one_by_one), ==,
                    shirabe_ratings_get_n_units (grouped));
}

static void
test_bootstrap_is_reproducible_and_narrows_with_more_units (void)
{
  g_autoptr (ShirabeRatings) once = krippendorff_example (1);
  g_autoptr (ShirabeRatings) hundredfold = krippendorff_example (100);
  ShirabeAgreement a, b, c, d;

  shirabe_ratings_compute (once, 1000, 7, &a);
  shirabe_ratings_compute (once, 1000, 7, &b);
  g_assert_false (isnan (a.alpha_low));
  g_assert_cmpfloat (a.alpha_low, ==, b.alpha_low);
  g_assert_cmpfloat (a.alpha_high, ==, b.alpha_high);
  g_assert_cmpfloat (a.alpha_low, <=, a.alpha);
  g_assert_cmpfloat (a.alpha, <=, a.alpha_high);
  g_assert_cmpfloat (a.alpha_high, <=, 1.0);

  shirabe_ratings_compute (hundredfold, 1000, 7, &c);
  /* Alpha's small-sample correction, n - 1, moves it a little with more units. */
  g_assert_cmpuint (c.n_units, ==, 1100);
  g_assert_cmpfloat_with_epsilon (c.alpha, a.alpha, 0.01);
  g_assert_cmpfloat (c.alpha_low, <=, c.alpha);
  g_assert_cmpfloat (c.alpha, <=, c.alpha_high);
  /* Ten times the standard error's square root of a hundred: far narrower. */
  g_assert_cmpfloat (c.alpha_high - c.alpha_low, <, 0.3 * (a.alpha_high - a.alpha_low));
  g_assert_cmpfloat (c.alpha_high - c.alpha_low, >, 0.02 * (a.alpha_high - a.alpha_low));

  /* Another seed, another interval, near the same. */
  shirabe_ratings_compute (hundredfold, 1000, 8, &d);
  g_assert_true (d.alpha_low != c.alpha_low || d.alpha_high != c.alpha_high);
  g_assert_cmpfloat_with_epsilon (d.alpha_low, c.alpha_low, 0.03);
  g_assert_cmpfloat_with_epsilon (d.alpha_high, c.alpha_high, 0.03);
}

/* With many units alpha is close to normal, and the percentile interval's half-width is near
 * 1.96 times the standard deviation of alpha over independent samples: a check on the binomial
 * draws (BTRD at these sizes) rather than on the interval's construction. */
static void
test_bootstrap_interval_has_the_width_of_the_sampling_spread (void)
{
  g_autoptr (GRand) rand = g_rand_new_with_seed (3);
  g_autoptr (ShirabeRatings) sample = shirabe_ratings_new (2, 3);
  ShirabeAgreement a;
  double sum = 0, sum2 = 0, sd;
  const guint n_samples = 200, n_units = 2000;

  for (guint s = 0; s <= n_samples; s++)
    {
      g_autoptr (ShirabeRatings) ratings = shirabe_ratings_new (2, 3);
      ShirabeAgreement b;

      for (guint u = 0; u < n_units; u++)
        {
          gint8 v[2];

          v[0] = (gint8) g_rand_int_range (rand, 0, 3);
          /* The second coder agrees 70 % of the time, otherwise guesses. */
          v[1] = g_rand_double (rand) < 0.7 ? v[0] : (gint8) g_rand_int_range (rand, 0, 3);
          shirabe_ratings_add (ratings, v, 1);
        }
      if (s == n_samples)
        {
          shirabe_ratings_add_all (sample, ratings);
          break;
        }
      shirabe_ratings_compute (ratings, 0, 0, &b);
      sum += b.alpha;
      sum2 += b.alpha * b.alpha;
    }
  sd = sqrt ((sum2 - sum * sum / n_samples) / (n_samples - 1));

  shirabe_ratings_compute (sample, 2000, 11, &a);
  g_assert_cmpfloat (a.alpha_low, <, a.alpha);
  g_assert_cmpfloat (a.alpha, <, a.alpha_high);
  g_assert_cmpfloat_with_epsilon ((a.alpha_high - a.alpha_low) / 2, 1.96 * sd, 0.25 * 1.96 * sd);
}

static void
test_add_all_pools_like_adding_both_datasets (void)
{
  g_autoptr (GRand) rand = g_rand_new_with_seed (5);
  g_autoptr (ShirabeRatings) first = shirabe_ratings_new (3, 4);
  g_autoptr (ShirabeRatings) second = shirabe_ratings_new (3, 4);
  g_autoptr (ShirabeRatings) both = shirabe_ratings_new (3, 4);
  g_autoptr (ShirabeRatings) pooled = shirabe_ratings_new (3, 4);
  ShirabeAgreement a, b;

  for (guint u = 0; u < 300; u++)
    {
      gint8 v[3];
      guint64 w = g_rand_int_range (rand, 1, 5);

      random_vector (rand, v, 3, 4, 0.15);
      shirabe_ratings_add (u % 2 ? first : second, v, w);
      shirabe_ratings_add (both, v, w);
    }
  shirabe_ratings_add_all (pooled, first);
  shirabe_ratings_add_all (pooled, second);
  g_assert_cmpuint (shirabe_ratings_get_n_units (pooled), ==, shirabe_ratings_get_n_units (both));
  shirabe_ratings_compute (pooled, 200, 9, &a);
  shirabe_ratings_compute (both, 200, 9, &b);
  assert_same_agreement (&a, &b);

  /* Pooled with itself: every weight doubles, and alpha barely moves. */
  shirabe_ratings_add_all (both, both);
  shirabe_ratings_compute (both, 0, 0, &b);
  g_assert_cmpuint (b.n_units, ==, 2 * a.n_units);
  g_assert_cmpfloat_with_epsilon (b.percent, a.percent, 1e-12);
}

/* Alpha the long way, from Krippendorff's definition: every ordered pair of values from different
 * coders in a unit adds 1 / (m_u - 1) to its cell of the coincidence matrix. */
static double
brute_force_alpha (gint8 (*units)[5],
                   guint n_units,
                   guint n_values)
{
  double o[4][4] = { { 0 } };
  double n_c[4] = { 0 };
  double n = 0, observed = 0, expected = 0;

  for (guint u = 0; u < n_units; u++)
    {
      guint m = 0;

      for (guint i = 0; i < 5; i++)
        m += units[u][i] != M;
      if (m < 2)
        continue;
      for (guint i = 0; i < 5; i++)
        for (guint j = 0; j < 5; j++)
          if (i != j && units[u][i] != M && units[u][j] != M)
            o[units[u][i]][units[u][j]] += 1.0 / (m - 1);
    }
  for (guint c = 0; c < n_values; c++)
    for (guint k = 0; k < n_values; k++)
      {
        n_c[c] += o[c][k];
        if (c != k)
          observed += o[c][k];
      }
  for (guint c = 0; c < n_values; c++)
    n += n_c[c];
  for (guint c = 0; c < n_values; c++)
    for (guint k = 0; k < n_values; k++)
      if (c != k)
        expected += n_c[c] * n_c[k];
  return 1.0 - (n - 1) * observed / expected;
}

static void
test_alpha_agrees_with_a_brute_force_count (void)
{
  g_autoptr (GRand) rand = g_rand_new_with_seed (2026);
  g_autoptr (ShirabeRatings) ratings = shirabe_ratings_new (5, 4);
  gint8 units[150][5];
  ShirabeAgreement a;

  for (guint u = 0; u < G_N_ELEMENTS (units); u++)
    {
      gint8 truth = (gint8) g_rand_int_range (rand, 0, 4);

      /* Coders that mostly agree, so that alpha is far from zero. */
      for (guint c = 0; c < 5; c++)
        {
          if (g_rand_double (rand) < 0.25)
            units[u][c] = M;
          else if (g_rand_double (rand) < 0.6)
            units[u][c] = truth;
          else
            units[u][c] = (gint8) g_rand_int_range (rand, 0, 4);
        }
      shirabe_ratings_add (ratings, units[u], 1);
    }
  shirabe_ratings_compute (ratings, 0, 0, &a);
  g_assert_cmpfloat (a.alpha, >, 0.2);
  g_assert_cmpfloat_with_epsilon (a.alpha, brute_force_alpha (units, G_N_ELEMENTS (units), 4),
                                  1e-9);
}

static void
test_values_out_of_range_are_refused (void)
{
  if (g_test_subprocess ())
    {
      static const gint8 bad[2] = { 0, 3 };
      g_autoptr (ShirabeRatings) ratings = shirabe_ratings_new (2, 3);

      shirabe_ratings_add (ratings, bad, 1);
      return;
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_failed ();
  g_test_trap_assert_stderr ("*CRITICAL*");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/reliability/alpha-matches-krippendorff-2011-with-missing-data",
                   test_alpha_matches_krippendorff_2011_with_missing_data);
  g_test_add_func ("/core/reliability/fleiss-kappa-matches-fleiss-1971",
                   test_fleiss_kappa_matches_fleiss_1971);
  g_test_add_func ("/core/reliability/cohen-kappa-matches-wikipedia-weighted-or-unit-by-unit",
                   test_cohen_kappa_matches_wikipedia_weighted_or_unit_by_unit);
  g_test_add_func ("/core/reliability/a-code-without-variation-agrees-fully-and-has-no-alpha",
                   test_a_code_without_variation_agrees_fully_and_has_no_alpha);
  g_test_add_func ("/core/reliability/two-coders-who-always-say-the-same-have-no-kappa",
                   test_two_coders_who_always_say_the_same_have_no_kappa);
  g_test_add_func ("/core/reliability/empty-ratings-have-no-statistics",
                   test_empty_ratings_have_no_statistics);
  g_test_add_func ("/core/reliability/weighted-vectors-equal-units-added-one-by-one",
                   test_weighted_vectors_equal_units_added_one_by_one);
  g_test_add_func ("/core/reliability/bootstrap-is-reproducible-and-narrows-with-more-units",
                   test_bootstrap_is_reproducible_and_narrows_with_more_units);
  g_test_add_func ("/core/reliability/bootstrap-interval-has-the-width-of-the-sampling-spread",
                   test_bootstrap_interval_has_the_width_of_the_sampling_spread);
  g_test_add_func ("/core/reliability/add-all-pools-like-adding-both-datasets",
                   test_add_all_pools_like_adding_both_datasets);
  g_test_add_func ("/core/reliability/alpha-agrees-with-a-brute-force-count",
                   test_alpha_agrees_with_a_brute_force_count);
  g_test_add_func ("/core/reliability/values-out-of-range-are-refused",
                   test_values_out_of_range_are_refused);

  return g_test_run ();
}
