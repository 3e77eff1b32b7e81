/* test-reliability.c: agreement statistics against published examples and brute force
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>
#include <glib.h>

#include "shirabe-reliability.h"

#define M SHIRABE_RATING_MISSING

/* Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", the example with four
 * coders, twelve units and missing values; values 1…5 stored as 0…4. */
static const gint8 krippendorff[12][4] = {
  { 0, 0, M, 0 }, { 1, 1, 2, 1 }, { 2, 2, 2, 2 }, { 2, 2, 2, 2 },
  { 1, 1, 1, 1 }, { 0, 1, 2, 3 }, { 3, 3, 3, 3 }, { 0, 0, 1, 0 },
  { 1, 1, 1, 1 }, { M, 4, 4, 4 }, { M, M, 0, 0 }, { M, 2, M, M },
};

static ShirabeRatings *
krippendorff_ratings (guint64 weight)
{
  ShirabeRatings *ratings = shirabe_ratings_new (4, 5);

  for (guint u = 0; u < 12; u++)
    shirabe_ratings_add (ratings, krippendorff[u], weight);
  return ratings;
}

static void
test_krippendorff_example (void)
{
  g_autoptr (ShirabeRatings) ratings = krippendorff_ratings (1);
  ShirabeAgreement result;

  shirabe_ratings_compute (ratings, 0, 1, &result);
  g_assert_cmpfloat_with_epsilon (result.alpha, 0.743, 0.0005);
  /* Unit 12 has one value: not pairable. */
  g_assert_cmpuint (result.n_units, ==, 11);
  g_assert_cmpuint (result.n_pairable, ==, 40);
  g_assert_true (isnan (result.alpha_low));
  g_assert_true (isnan (result.cohen_kappa));
  g_assert_false (result.no_variation);
}

/* Fleiss (1971) as given by Wikipedia's "Fleiss' kappa": ten subjects, fourteen raters, five
 * categories, kappa 0.210. */
static void
test_fleiss_example (void)
{
  static const guint counts[10][5] = {
    { 0, 0, 0, 0, 14 }, { 0, 2, 6, 4, 2 }, { 0, 0, 3, 5, 6 }, { 0, 3, 9, 2, 0 },
    { 2, 2, 8, 1, 1 }, { 7, 7, 0, 0, 0 }, { 3, 2, 6, 3, 0 }, { 2, 5, 3, 2, 2 },
    { 6, 5, 2, 1, 0 }, { 0, 2, 2, 3, 7 },
  };
  g_autoptr (ShirabeRatings) ratings = shirabe_ratings_new (14, 5);
  ShirabeAgreement result;

  for (guint s = 0; s < 10; s++)
    {
      gint8 values[14];
      guint rater = 0;

      for (guint c = 0; c < 5; c++)
        for (guint k = 0; k < counts[s][c]; k++)
          values[rater++] = (gint8) c;
      g_assert_cmpuint (rater, ==, 14);
      shirabe_ratings_add (ratings, values, 1);
    }
  shirabe_ratings_compute (ratings, 0, 1, &result);
  g_assert_cmpfloat_with_epsilon (result.fleiss_kappa, 0.210, 0.0005);
  g_assert_cmpuint (result.n_complete, ==, 10);
}

/* Cohen: Wikipedia's example of fifty proposals, yes/yes 20, yes/no 5, no/yes 10, no/no 15:
 * p_o = 0.7, kappa = 0.4; the same whether added unit by unit or as weighted vectors. */
static void
test_cohen_example (void)
{
  static const gint8 cells[4][2] = { { 1, 1 }, { 1, 0 }, { 0, 1 }, { 0, 0 } };
  static const guint weights[4] = { 20, 5, 10, 15 };
  g_autoptr (ShirabeRatings) grouped = shirabe_ratings_new (2, 2);
  g_autoptr (ShirabeRatings) one_by_one = shirabe_ratings_new (2, 2);
  ShirabeAgreement a, b;

  for (guint i = 0; i < 4; i++)
    {
      shirabe_ratings_add (grouped, cells[i], weights[i]);
      for (guint k = 0; k < weights[i]; k++)
        shirabe_ratings_add (one_by_one, cells[i], 1);
    }
  shirabe_ratings_compute (grouped, 0, 1, &a);
  shirabe_ratings_compute (one_by_one, 0, 1, &b);
  g_assert_cmpfloat_with_epsilon (a.percent, 0.7, 1e-12);
  g_assert_cmpfloat_with_epsilon (a.cohen_kappa, 0.4, 1e-12);
  g_assert_cmpfloat_with_epsilon (b.cohen_kappa, 0.4, 1e-12);
  g_assert_cmpfloat_with_epsilon (a.alpha, b.alpha, 1e-12);
  g_assert_cmpuint (a.n_units, ==, 50);
}

static void
test_no_variation_is_said (void)
{
  static const gint8 all_present[3] = { 1, 1, M };
  g_autoptr (ShirabeRatings) ratings = shirabe_ratings_new (3, 2);
  ShirabeAgreement result;

  shirabe_ratings_add (ratings, all_present, 7);
  shirabe_ratings_compute (ratings, 100, 1, &result);
  g_assert_cmpfloat (result.percent, ==, 1.0);
  g_assert_true (isnan (result.alpha));
  g_assert_true (isnan (result.alpha_low));
  g_assert_true (result.no_variation);
}

/* Alpha computed the long way: every ordered pair of values from different coders in a unit
 * adds 1 / (m - 1) to the coincidence of its two values. */
static double
brute_force_alpha (const gint8 *data,
                   guint        n_units,
                   guint        n_coders,
                   guint        n_values)
{
  double o[8][8] = { { 0 } };
  double n_c[8] = { 0 }, n = 0, observed = 0, expected = 0;

  for (guint u = 0; u < n_units; u++)
    {
      const gint8 *row = data + u * n_coders;
      guint m = 0;

      for (guint i = 0; i < n_coders; i++)
        m += row[i] != M;
      if (m < 2)
        continue;
      for (guint i = 0; i < n_coders; i++)
        for (guint j = 0; j < n_coders; j++)
          if (i != j && row[i] != M && row[j] != M)
            o[row[i]][row[j]] += 1.0 / (m - 1);
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
test_alpha_matches_brute_force (void)
{
  g_autoptr (GRand) rand = g_rand_new_with_seed (7);
  const guint n_units = 300, n_coders = 5, n_values = 4;
  g_autofree gint8 *data = g_new (gint8, n_units * n_coders);
  g_autoptr (ShirabeRatings) ratings = shirabe_ratings_new (n_coders, n_values);
  ShirabeAgreement result;

  for (guint u = 0; u < n_units; u++)
    {
      /* Mostly agreeing coders, some missing values. */
      gint8 truth = (gint8) g_rand_int_range (rand, 0, n_values);

      for (guint i = 0; i < n_coders; i++)
        {
          double r = g_rand_double (rand);

          data[u * n_coders + i] = r < 0.15 ? M
                                   : r < 0.35 ? (gint8) g_rand_int_range (rand, 0, n_values)
                                   : truth;
        }
      shirabe_ratings_add (ratings, data + u * n_coders, 1);
    }
  shirabe_ratings_compute (ratings, 0, 1, &result);
  g_assert_cmpfloat_with_epsilon (result.alpha,
                                  brute_force_alpha (data, n_units, n_coders, n_values), 1e-9);
}

static void
test_bootstrap_is_reproducible_and_narrows (void)
{
  g_autoptr (ShirabeRatings) once = krippendorff_ratings (1);
  g_autoptr (ShirabeRatings) hundred = krippendorff_ratings (100);
  ShirabeAgreement a, b, c;

  shirabe_ratings_compute (once, 1000, 42, &a);
  shirabe_ratings_compute (once, 1000, 42, &b);
  shirabe_ratings_compute (hundred, 1000, 42, &c);
  g_assert_cmpfloat (a.alpha_low, ==, b.alpha_low);
  g_assert_cmpfloat (a.alpha_high, ==, b.alpha_high);
  g_assert_cmpfloat (a.alpha_low, <=, a.alpha);
  g_assert_cmpfloat (a.alpha, <=, a.alpha_high);
  /* Weights do not change alpha, only how sure it is. */
  g_assert_cmpfloat_with_epsilon (c.alpha, a.alpha, 0.01);
  g_assert_cmpfloat (c.alpha_high - c.alpha_low, <, (a.alpha_high - a.alpha_low) / 3);
  g_assert_cmpfloat (c.alpha_low, <=, c.alpha);
  g_assert_cmpfloat (c.alpha, <=, c.alpha_high);
}

static void
test_pooling_adds_the_units (void)
{
  static const gint8 x[2] = { 1, 0 }, y[2] = { 1, 1 }, z[2] = { 0, 0 };
  g_autoptr (ShirabeRatings) first = shirabe_ratings_new (2, 2);
  g_autoptr (ShirabeRatings) second = shirabe_ratings_new (2, 2);
  g_autoptr (ShirabeRatings) pooled = shirabe_ratings_new (2, 2);
  g_autoptr (ShirabeRatings) together = shirabe_ratings_new (2, 2);
  ShirabeAgreement a, b;

  shirabe_ratings_add (first, x, 3);
  shirabe_ratings_add (first, y, 5);
  shirabe_ratings_add (second, z, 4);
  shirabe_ratings_add (second, x, 1);
  shirabe_ratings_add_all (pooled, first);
  shirabe_ratings_add_all (pooled, second);
  shirabe_ratings_add (together, x, 4);
  shirabe_ratings_add (together, y, 5);
  shirabe_ratings_add (together, z, 4);
  shirabe_ratings_compute (pooled, 0, 1, &a);
  shirabe_ratings_compute (together, 0, 1, &b);
  g_assert_cmpuint (shirabe_ratings_get_n_units (pooled), ==, 13);
  g_assert_cmpfloat_with_epsilon (a.alpha, b.alpha, 1e-12);
  g_assert_cmpfloat_with_epsilon (a.cohen_kappa, b.cohen_kappa, 1e-12);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/core/reliability/krippendorff-2011-example-gives-0.743",
                   test_krippendorff_example);
  g_test_add_func ("/core/reliability/fleiss-1971-example-gives-0.210", test_fleiss_example);
  g_test_add_func ("/core/reliability/cohen-example-gives-0.4-grouped-or-not",
                   test_cohen_example);
  g_test_add_func ("/core/reliability/no-variation-is-said-not-computed",
                   test_no_variation_is_said);
  g_test_add_func ("/core/reliability/alpha-matches-a-brute-force-computation",
                   test_alpha_matches_brute_force);
  g_test_add_func ("/core/reliability/bootstrap-is-reproducible-and-narrows-with-more-units",
                   test_bootstrap_is_reproducible_and_narrows);
  g_test_add_func ("/core/reliability/pooling-adds-the-units-of-each-code",
                   test_pooling_adds_the_units);
  return g_test_run ();
}
