/* shirabe-reliability.c: agreement statistics over weighted rating vectors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every statistic here is a sum over units of a term that depends on the unit's vector alone, so
 * each distinct vector's terms are worked out once and multiplied by its weight. The bootstrap
 * draws new weights and sums the same terms again: its cost is the number of distinct vectors
 * per resample, whatever the number of units.
 */
#include "shirabe-reliability.h"

#include <math.h>
#include <string.h>

/* One distinct vector of values and the number of units that have it. Hashed and compared on
 * its values only; the weight changes while it sits in the table. */
typedef struct
{
  guint64 weight;
  guint   n_coders;
  gint8   values[];
} Unit;

struct _ShirabeRatings
{
  guint       n_coders;
  guint       n_values;
  guint64     n_units;
  /* Unit → itself, to find a vector's entry; owned by @units. */
  GHashTable *index;
  /* Units in the order they were first added, so that sums, and the bootstrap's draws, come in
   * the same order on every run whatever the hash table does. */
  GPtrArray  *units;
  /* A key to look a vector up without allocating one per add. */
  Unit       *probe;
};

static guint
unit_hash (gconstpointer key)
{
  const Unit *unit = key;
  guint h = 5381;

  for (guint i = 0; i < unit->n_coders; i++)
    h = h * 33 + (guint8) unit->values[i];
  return h;
}

static gboolean
unit_equal (gconstpointer a,
            gconstpointer b)
{
  const Unit *x = a;
  const Unit *y = b;

  return x->n_coders == y->n_coders && memcmp (x->values, y->values, x->n_coders) == 0;
}

static Unit *
unit_new (guint n_coders)
{
  Unit *unit = g_malloc0 (sizeof (Unit) + n_coders);

  unit->n_coders = n_coders;
  return unit;
}

ShirabeRatings *
shirabe_ratings_new (guint n_coders,
                     guint n_values)
{
  ShirabeRatings *self;

  g_return_val_if_fail (n_coders >= 1, NULL);
  /* Values are stored as gint8. */
  g_return_val_if_fail (n_values >= 1 && n_values <= G_MAXINT8 + 1, NULL);

  self = g_new0 (ShirabeRatings, 1);
  self->n_coders = n_coders;
  self->n_values = n_values;
  self->index = g_hash_table_new (unit_hash, unit_equal);
  self->units = g_ptr_array_new_with_free_func (g_free);
  self->probe = unit_new (n_coders);
  return self;
}

void
shirabe_ratings_free (ShirabeRatings *self)
{
  if (self == NULL)
    return;
  g_hash_table_unref (self->index);
  g_ptr_array_unref (self->units);
  g_free (self->probe);
  g_free (self);
}

guint
shirabe_ratings_get_n_coders (const ShirabeRatings *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->n_coders;
}

guint
shirabe_ratings_get_n_values (const ShirabeRatings *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->n_values;
}

guint64
shirabe_ratings_get_n_units (const ShirabeRatings *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->n_units;
}

void
shirabe_ratings_add (ShirabeRatings *self,
                     const gint8    *values,
                     guint64         weight)
{
  Unit *unit;
  guint n_rated = 0;

  g_return_if_fail (self != NULL);
  g_return_if_fail (values != NULL);

  for (guint i = 0; i < self->n_coders; i++)
    {
      g_return_if_fail (values[i] == SHIRABE_RATING_MISSING
                        || (values[i] >= 0 && (guint) values[i] < self->n_values));
      if (values[i] != SHIRABE_RATING_MISSING)
        n_rated++;
    }
  if (n_rated == 0 || weight == 0)
    return;

  memcpy (self->probe->values, values, self->n_coders);
  unit = g_hash_table_lookup (self->index, self->probe);
  if (unit == NULL)
    {
      unit = unit_new (self->n_coders);
      memcpy (unit->values, values, self->n_coders);
      g_ptr_array_add (self->units, unit);
      g_hash_table_add (self->index, unit);
    }
  unit->weight += weight;
  self->n_units += weight;
}

void
shirabe_ratings_add_all (ShirabeRatings       *self,
                         const ShirabeRatings *other)
{
  guint n;

  g_return_if_fail (self != NULL);
  g_return_if_fail (other != NULL);
  g_return_if_fail (self->n_coders == other->n_coders);
  g_return_if_fail (self->n_values == other->n_values);

  /* Taken before the loop so that pooling a set with itself doubles it and stops. */
  n = other->units->len;
  for (guint i = 0; i < n; i++)
    {
      const Unit *unit = g_ptr_array_index (other->units, i);

      shirabe_ratings_add (self, unit->values, unit->weight);
    }
}

/* What a pairable vector (two values or more) adds to alpha and percent per unit. */
typedef struct
{
  guint64 weight;
  guint   m;
  /* Disagreeing coincidences, sum over c != k of n_c n_k / (m - 1): summed directly rather than
   * as n minus the agreeing ones so that near-perfect agreement over millions of units loses no
   * digits to cancellation. */
  double  disagree;
  /* Share of the unit's pairs of values that agree. */
  double  agree_share;
  /* The unit's values and their counts, in @counts from @first, @n_distinct of them. */
  guint   first;
  guint   n_distinct;
} Term;

typedef struct
{
  guint8 value;
  guint  count;
} ValueCount;

/* Alpha from the sums over units: @n pairable values, @disagree disagreeing coincidences and
 * @n_c values of each kind. Sets @no_variation when a single value occurs. */
static double
alpha_from_sums (double        n,
                 double        disagree,
                 const double *n_c,
                 guint         n_values,
                 gboolean     *no_variation)
{
  double expected = 0;

  *no_variation = FALSE;
  if (n <= 0)
    return NAN;
  /* Sum over c != k of n_c n_k, as a sum of non-negative terms for the same reason. */
  for (guint c = 0; c < n_values; c++)
    expected += n_c[c] * (n - n_c[c]);
  if (expected <= 0)
    {
      *no_variation = TRUE;
      return NAN;
    }
  return 1.0 - (n - 1) * disagree / expected;
}

/* Alpha for the terms with the weights @weights (one per term). @n_c is scratch of n_values. */
static double
alpha_of_weights (const Term       *terms,
                  guint             n_terms,
                  const ValueCount *counts,
                  const guint64    *weights,
                  double           *n_c,
                  guint             n_values,
                  gboolean         *no_variation)
{
  double n = 0;
  double disagree = 0;

  memset (n_c, 0, n_values * sizeof (double));
  for (guint t = 0; t < n_terms; t++)
    {
      double w = (double) weights[t];

      if (weights[t] == 0)
        continue;
      n += w * terms[t].m;
      disagree += w * terms[t].disagree;
      for (guint j = 0; j < terms[t].n_distinct; j++)
        {
          const ValueCount *vc = &counts[terms[t].first + j];

          n_c[vc->value] += w * vc->count;
        }
    }
  return alpha_from_sums (n, disagree, n_c, n_values, no_variation);
}

/* log k! minus its Stirling approximation, (k + 1/2) log (k + 1) - (k + 1) + log sqrt (2 pi). */
static double
stirling_correction (double k)
{
  double k1 = k + 1;
  double k1_2 = k1 * k1;

  /* The series is accurate from 10 on; below, lgamma is exact enough and cheap to call. */
  if (k < 10)
    return lgamma (k + 1) - ((k + 0.5) * log (k + 1) - (k + 1) + 0.5 * log (2 * G_PI));
  return (1.0 / 12 - (1.0 / 360 - 1.0 / 1260 / k1_2) / k1_2) / k1;
}

/* Binomial(@n, @p) by inversion, walking up the probabilities from 0; for n p < 30, where the
 * walk is short. @p is at most 1/2, so q^n does not underflow. */
static guint64
binomial_inversion (GRand  *rand,
                    guint64 n,
                    double  p)
{
  double q = 1 - p;
  double s = p / q;
  double a = (n + 1) * s;
  double q_n = pow (q, (double) n);

  for (;;)
    {
      double u = g_rand_double (rand);
      double r = q_n;
      guint64 x = 0;

      while (u > r)
        {
          u -= r;
          x++;
          if (x > n)
            break;
          r *= a / x - s;
        }
      /* Past n only when rounding left a little of u over: draw again. */
      if (x <= n)
        return x;
    }
}

/* Binomial(@n, @p) for n p >= 10 and p <= 1/2 by transformed rejection with decomposition,
 * BTRD: W. Hörmann (1993), "The generation of binomial random variates", J. Statist. Comput.
 * Simul. 46, 101–110. Exact, in constant expected time whatever n. */
static guint64
binomial_btrd (GRand  *rand,
               guint64 n,
               double  p)
{
  double dn = (double) n;
  double m = floor ((dn + 1) * p);
  double r = p / (1 - p);
  double nr = (dn + 1) * r;
  double npq = dn * p * (1 - p);
  double sqrt_npq = sqrt (npq);
  double b = 1.15 + 2.53 * sqrt_npq;
  double a = -0.0873 + 0.0248 * b + 0.01 * p;
  double c = dn * p + 0.5;
  double alpha = (2.83 + 5.1 / b) * sqrt_npq;
  double v_r = 0.92 - 4.2 / b;
  double u_r_v_r = 0.86 * v_r;

  for (;;)
    {
      double u, v, us, k, km;

      v = g_rand_double (rand);
      if (v <= u_r_v_r)
        {
          u = v / v_r - 0.43;
          k = floor ((2 * a / (0.5 - fabs (u)) + b) * u + c);
          /* The triangle lies inside [0, n] for n p >= 10; checked all the same, since a count
           * past n would wrap the multinomial's remainder. */
          if (k >= 0 && k <= dn)
            return (guint64) k;
          continue;
        }
      if (v >= v_r)
        {
          u = g_rand_double (rand) - 0.5;
        }
      else
        {
          u = v / v_r - 0.93;
          u = (u < 0 ? -0.5 : 0.5) - u;
          v = g_rand_double (rand) * v_r;
        }

      us = 0.5 - fabs (u);
      k = floor ((2 * a / us + b) * u + c);
      if (k < 0 || k > dn)
        continue;
      v = v * alpha / (a / (us * us) + b);
      km = fabs (k - m);

      if (km <= 15)
        {
          /* f(k) / f(m) by the recursion f(i) / f(i - 1) = (n + 1) r / i - r. */
          double f = 1;

          if (m < k)
            {
              for (double i = m + 1; i <= k; i++)
                f *= nr / i - r;
            }
          else if (m > k)
            {
              for (double i = k + 1; i <= m; i++)
                v *= nr / i - r;
            }
          if (v <= f)
            return (guint64) k;
          continue;
        }

      /* Squeeze on log f(k) / f(m), then the exact test with Stirling's corrections. */
      {
        double rho = (km / npq) * (((km / 3 + 0.625) * km + 1.0 / 6) / npq + 0.5);
        double t = -km * km / (2 * npq);
        double nm, h, nk;

        v = log (v);
        if (v < t - rho)
          return (guint64) k;
        if (v > t + rho)
          continue;

        nm = dn - m + 1;
        h = (m + 0.5) * log ((m + 1) / (r * nm)) + stirling_correction (m)
            + stirling_correction (dn - m);
        nk = dn - k + 1;
        if (v <= h + (dn + 1) * log (nm / nk) + (k + 0.5) * log (nk * r / (k + 1))
                  - stirling_correction (k) - stirling_correction (dn - k))
          return (guint64) k;
      }
    }
}

/* Binomial(@n, @p), exact: inversion when n min(p, 1 - p) < 30, BTRD above. */
static guint64
binomial (GRand  *rand,
          guint64 n,
          double  p)
{
  gboolean flip = p > 0.5;
  double q = flip ? 1 - p : p;
  guint64 x;

  if (n == 0 || p <= 0)
    return 0;
  if (p >= 1)
    return n;
  if ((double) n * q < 30)
    x = binomial_inversion (rand, n, q);
  else
    x = binomial_btrd (rand, n, q);
  return flip ? n - x : x;
}

/* The value at quantile @q of the sorted @x, interpolated linearly between the two nearest
 * ranks (R's type 7, numpy's default): position q (n - 1), counted from 0. */
static double
quantile (const double *x,
          guint         n,
          double        q)
{
  double pos = q * (n - 1);
  guint lo = (guint) floor (pos);

  if (lo + 1 >= n)
    return x[n - 1];
  return x[lo] + (pos - lo) * (x[lo + 1] - x[lo]);
}

static gint
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return (x > y) - (x < y);
}

/* Alpha's percentile interval over @n_resamples resamples of the units. A resample has the
 * same number of pairable units, N, drawn with replacement: the weights of the distinct vectors
 * are one draw of Multinomial(N, w / N), made as a chain of binomials, each vector's count drawn
 * from what the vectors before it left over. */
static void
bootstrap (const Term       *terms,
           guint             n_terms,
           const ValueCount *counts,
           guint             n_values,
           guint64           n_units,
           guint             n_resamples,
           guint32           seed,
           double           *low,
           double           *high)
{
  g_autoptr (GRand) rand = g_rand_new_with_seed (seed);
  g_autofree guint64 *weights = g_new (guint64, n_terms);
  g_autofree double *n_c = g_new (double, n_values);
  g_autofree double *alphas = g_new (double, n_resamples);
  guint n_defined = 0;

  for (guint i = 0; i < n_resamples; i++)
    {
      guint64 left = n_units;
      guint64 left_weight = n_units;
      gboolean no_variation;
      double alpha;

      for (guint t = 0; t < n_terms; t++)
        {
          guint64 w = terms[t].weight;

          if (left == 0)
            weights[t] = 0;
          else if (w >= left_weight)
            weights[t] = left;
          else
            weights[t] = binomial (rand, left, (double) w / (double) left_weight);
          left -= weights[t];
          left_weight -= w;
        }

      alpha = alpha_of_weights (terms, n_terms, counts, weights, n_c, n_values, &no_variation);
      if (!isnan (alpha))
        alphas[n_defined++] = alpha;
    }

  /* A resample with one value only has no alpha. When that is most of them the data are too
   * thin for an interval to mean anything. */
  if (n_defined == 0 || n_defined * 2 < n_resamples)
    return;
  qsort (alphas, n_defined, sizeof (double), compare_doubles);
  *low = quantile (alphas, n_defined, 0.025);
  *high = quantile (alphas, n_defined, 0.975);
}

void
shirabe_ratings_compute (const ShirabeRatings *self,
                         guint                 n_resamples,
                         guint32               seed,
                         ShirabeAgreement     *out)
{
  guint n_coders, n_values;
  g_autoptr (GArray) terms = NULL;
  g_autoptr (GArray) counts = NULL;
  g_autofree guint64 *weights = NULL;
  g_autofree double *n_c = NULL;
  g_autofree guint64 *count = NULL;
  /* Cohen: each coder's marginals and the units both rated alike, over units both rated. */
  g_autofree double *marginal0 = NULL;
  g_autofree double *marginal1 = NULL;
  double cohen_n = 0, cohen_agree = 0;
  /* Fleiss: sum of w P_i and each value's count, over complete units. */
  g_autofree double *fleiss_p = NULL;
  double fleiss_p_bar = 0;
  /* Percent: sum of w times the unit's share of agreeing pairs. */
  double agree = 0;

  g_return_if_fail (self != NULL);
  g_return_if_fail (out != NULL);

  n_coders = self->n_coders;
  n_values = self->n_values;
  memset (out, 0, sizeof *out);
  out->n_coders = n_coders;
  out->percent = out->cohen_kappa = out->fleiss_kappa = out->alpha = NAN;
  out->alpha_low = out->alpha_high = NAN;

  terms = g_array_new (FALSE, FALSE, sizeof (Term));
  counts = g_array_new (FALSE, FALSE, sizeof (ValueCount));
  n_c = g_new0 (double, n_values);
  count = g_new0 (guint64, n_values);
  marginal0 = g_new0 (double, n_values);
  marginal1 = g_new0 (double, n_values);
  fleiss_p = g_new0 (double, n_values);

  for (guint u = 0; u < self->units->len; u++)
    {
      const Unit *unit = g_ptr_array_index (self->units, u);
      double w = (double) unit->weight;
      Term term = { unit->weight, 0, 0, 0, counts->len, 0 };
      double same = 0;

      memset (count, 0, n_values * sizeof (guint64));
      for (guint i = 0; i < n_coders; i++)
        {
          if (unit->values[i] == SHIRABE_RATING_MISSING)
            continue;
          count[unit->values[i]]++;
          term.m++;
        }

      if (n_coders == 2 && term.m == 2)
        {
          marginal0[unit->values[0]] += w;
          marginal1[unit->values[1]] += w;
          cohen_n += w;
          if (unit->values[0] == unit->values[1])
            cohen_agree += w;
        }

      if (term.m < 2)
        continue;

      for (guint c = 0; c < n_values; c++)
        {
          ValueCount vc;

          if (count[c] == 0)
            continue;
          vc.value = (guint8) c;
          vc.count = (guint) count[c];
          g_array_append_val (counts, vc);
          term.n_distinct++;
          term.disagree += (double) count[c] * (double) (term.m - count[c]);
          same += (double) count[c] * (double) (count[c] - 1);
        }
      term.disagree /= term.m - 1;
      term.agree_share = same / ((double) term.m * (term.m - 1));
      g_array_append_val (terms, term);

      out->n_units += unit->weight;
      out->n_pairable += unit->weight * term.m;
      agree += w * term.agree_share;

      if (term.m == n_coders)
        {
          /* Fleiss's P_i, the share of agreeing ordered pairs, is the same share as percent's. */
          out->n_complete += unit->weight;
          fleiss_p_bar += w * term.agree_share;
          for (guint c = 0; c < n_values; c++)
            fleiss_p[c] += w * count[c];
        }
    }

  /* Percent agreement is the mean over units of each unit's share of agreeing pairs, weighted by
   * the units' weights, not all units' agreeing pairs pooled over all their pairs: every unit
   * counts once however many coders rated it, and with two coders it is the share of units
   * rated alike, which is what a reader expects "percent agreement" to be. */
  if (out->n_units > 0)
    out->percent = agree / (double) out->n_units;

  if (n_coders == 2 && cohen_n > 0)
    {
      double p_o = cohen_agree / cohen_n;
      double p_e = 0;

      for (guint c = 0; c < n_values; c++)
        p_e += (marginal0[c] / cohen_n) * (marginal1[c] / cohen_n);
      if (p_e < 1)
        out->cohen_kappa = (p_o - p_e) / (1 - p_e);
    }

  if (n_coders >= 2 && out->n_complete > 0)
    {
      double n_complete = (double) out->n_complete;
      double p_bar = fleiss_p_bar / n_complete;
      double p_e = 0;

      for (guint c = 0; c < n_values; c++)
        {
          double p = fleiss_p[c] / (n_complete * n_coders);

          p_e += p * p;
        }
      if (p_e < 1)
        out->fleiss_kappa = (p_bar - p_e) / (1 - p_e);
    }

  weights = g_new (guint64, MAX (terms->len, 1));
  for (guint t = 0; t < terms->len; t++)
    weights[t] = g_array_index (terms, Term, t).weight;
  out->alpha = alpha_of_weights ((const Term *) terms->data, terms->len,
                                 (const ValueCount *) counts->data, weights, n_c, n_values,
                                 &out->no_variation);

  if (n_resamples > 0 && !isnan (out->alpha))
    bootstrap ((const Term *) terms->data, terms->len, (const ValueCount *) counts->data,
               n_values, out->n_units, n_resamples, seed, &out->alpha_low, &out->alpha_high);
}
