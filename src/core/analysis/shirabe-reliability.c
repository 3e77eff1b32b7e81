/* shirabe-reliability.c: agreement statistics over weighted rating vectors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "shirabe-reliability.h"

typedef struct
{
  gint8   *values;   /* n_coders values */
  guint64  weight;
} Unit;

struct _ShirabeRatings
{
  guint       n_coders;
  guint       n_values;
  GHashTable *index;   /* values → position in units + 1 */
  GArray     *units;   /* Unit, in the order first added, so that results never depend on a
                          hash table's order */
  guint64     n_units;
};

static guint
values_hash (gconstpointer key)
{
  const gint8 *values = key;
  guint n = (guint8) values[-1];
  guint hash = 5381;

  for (guint i = 0; i < n; i++)
    hash = hash * 33 + (guint8) values[i];
  return hash;
}

static gboolean
values_equal (gconstpointer a,
              gconstpointer b)
{
  const gint8 *x = a, *y = b;

  return memcmp (x - 1, y - 1, (guint8) x[-1] + 1) == 0;
}

ShirabeRatings *
shirabe_ratings_new (guint n_coders,
                     guint n_values)
{
  ShirabeRatings *self;

  g_return_val_if_fail (n_coders >= 1 && n_coders <= 255, NULL);
  g_return_val_if_fail (n_values >= 1 && n_values <= 127, NULL);

  self = g_new0 (ShirabeRatings, 1);
  self->n_coders = n_coders;
  self->n_values = n_values;
  self->index = g_hash_table_new (values_hash, values_equal);
  self->units = g_array_new (FALSE, FALSE, sizeof (Unit));
  return self;
}

void
shirabe_ratings_free (ShirabeRatings *self)
{
  if (self == NULL)
    return;
  for (guint i = 0; i < self->units->len; i++)
    g_free (g_array_index (self->units, Unit, i).values - 1);
  g_array_unref (self->units);
  g_hash_table_unref (self->index);
  g_free (self);
}

guint
shirabe_ratings_get_n_coders (const ShirabeRatings *self)
{
  return self->n_coders;
}

guint
shirabe_ratings_get_n_values (const ShirabeRatings *self)
{
  return self->n_values;
}

guint64
shirabe_ratings_get_n_units (const ShirabeRatings *self)
{
  return self->n_units;
}

void
shirabe_ratings_add (ShirabeRatings *self,
                     const gint8    *values,
                     guint64         weight)
{
  gint8 key[256 + 1];
  gboolean rated = FALSE;
  guint position;

  g_return_if_fail (self != NULL && values != NULL);

  for (guint i = 0; i < self->n_coders; i++)
    {
      g_return_if_fail (values[i] == SHIRABE_RATING_MISSING ||
                        (values[i] >= 0 && (guint) values[i] < self->n_values));
      rated |= values[i] != SHIRABE_RATING_MISSING;
    }
  if (!rated || weight == 0)
    return;

  /* The key carries its length in the byte before it, so that hash and equality need no
   * table-wide state. */
  key[0] = (gint8) self->n_coders;
  memcpy (key + 1, values, self->n_coders);
  position = GPOINTER_TO_UINT (g_hash_table_lookup (self->index, key + 1));
  if (position == 0)
    {
      gint8 *copy = g_memdup2 (key, self->n_coders + 1);
      Unit unit = { copy + 1, 0 };

      g_array_append_val (self->units, unit);
      position = self->units->len;
      g_hash_table_insert (self->index, copy + 1, GUINT_TO_POINTER (position));
    }
  g_array_index (self->units, Unit, position - 1).weight += weight;
  self->n_units += weight;
}

void
shirabe_ratings_add_all (ShirabeRatings       *self,
                         const ShirabeRatings *other)
{
  g_return_if_fail (self != NULL && other != NULL);
  g_return_if_fail (self->n_coders == other->n_coders && self->n_values == other->n_values);

  for (guint i = 0; i < other->units->len; i++)
    {
      const Unit *unit = &g_array_index (other->units, Unit, i);

      shirabe_ratings_add (self, unit->values, unit->weight);
    }
}

/* What each distinct vector contributes, worked out once: its values counted per category,
 * and the parts of each statistic that depend on the vector alone. */
typedef struct
{
  guint   m;            /* values in the unit */
  guint  *counts;       /* per category */
  double  pair_share;   /* agreeing pairs / all pairs, when m ≥ 2 */
  gboolean both;        /* two coders: both rated */
  gint8   first, second;
  gboolean complete;
} Summary;

typedef struct
{
  guint     n_coders;
  guint     n_values;
  guint     n_units;    /* distinct vectors */
  Summary  *summaries;
  guint    *all_counts; /* n_units × n_values */
} Prepared;

static void
prepare (const ShirabeRatings *self,
         Prepared             *prepared)
{
  prepared->n_coders = self->n_coders;
  prepared->n_values = self->n_values;
  prepared->n_units = self->units->len;
  prepared->summaries = g_new0 (Summary, MAX (self->units->len, 1));
  prepared->all_counts = g_new0 (guint, MAX (self->units->len, 1) * self->n_values);
  for (guint u = 0; u < self->units->len; u++)
    {
      const Unit *unit = &g_array_index (self->units, Unit, u);
      Summary *s = &prepared->summaries[u];
      double agreeing = 0;

      s->counts = prepared->all_counts + (gsize) u * self->n_values;
      for (guint c = 0; c < self->n_coders; c++)
        if (unit->values[c] != SHIRABE_RATING_MISSING)
          {
            s->counts[unit->values[c]]++;
            s->m++;
          }
      for (guint v = 0; v < self->n_values; v++)
        agreeing += (double) s->counts[v] * (s->counts[v] - 1) / 2.0;
      if (s->m >= 2)
        s->pair_share = agreeing / ((double) s->m * (s->m - 1) / 2.0);
      s->complete = s->m == self->n_coders;
      if (self->n_coders == 2)
        {
          s->both = s->complete;
          s->first = unit->values[0];
          s->second = unit->values[1];
        }
    }
}

static void
prepared_clear (Prepared *prepared)
{
  g_free (prepared->summaries);
  g_free (prepared->all_counts);
}

/* Krippendorff's alpha from the coincidence matrix. Only the row sums n_c and the total of
 * the off-diagonal coincidences are needed for nominal data:
 *   alpha = 1 - (n - 1) · Σ_{c≠k} o_ck / Σ_{c≠k} n_c n_k,
 * where a unit with m values adds n_uc (m - n_uc) / (m - 1) off the diagonal for each c, and
 * m values to n, each value c adding to n_c. */
static double
alpha_of (const Prepared *prepared,
          const double   *weights,
          gboolean       *no_variation)
{
  double n = 0, disagreeing = 0, expected = 0;
  double *n_c = g_newa (double, prepared->n_values);
  guint categories = 0;

  memset (n_c, 0, sizeof (double) * prepared->n_values);
  for (guint u = 0; u < prepared->n_units; u++)
    {
      const Summary *s = &prepared->summaries[u];

      if (s->m < 2 || weights[u] == 0)
        continue;
      for (guint v = 0; v < prepared->n_values; v++)
        if (s->counts[v] > 0)
          {
            n_c[v] += weights[u] * s->counts[v];
            disagreeing += weights[u] * (double) s->counts[v] * (s->m - s->counts[v])
                           / (s->m - 1);
          }
      n += weights[u] * s->m;
    }
  for (guint v = 0; v < prepared->n_values; v++)
    {
      if (n_c[v] > 0)
        categories++;
      expected += n_c[v] * (n - n_c[v]);
    }
  if (no_variation != NULL)
    *no_variation = n > 0 && categories < 2;
  if (n == 0 || expected == 0)
    return NAN;
  return 1.0 - (n - 1) * disagreeing / expected;
}

static void
compute_plain (const ShirabeRatings *self,
               const Prepared       *prepared,
               const double         *weights,
               ShirabeAgreement     *out)
{
  double pairable_units = 0, pairable_values = 0, shares = 0;
  double complete = 0, p_bar = 0;
  double *totals = g_newa (double, self->n_values);
  double both = 0, same = 0;
  double *first = g_newa (double, self->n_values);
  double *second = g_newa (double, self->n_values);

  memset (totals, 0, sizeof (double) * self->n_values);
  memset (first, 0, sizeof (double) * self->n_values);
  memset (second, 0, sizeof (double) * self->n_values);

  out->n_coders = self->n_coders;
  for (guint u = 0; u < prepared->n_units; u++)
    {
      const Summary *s = &prepared->summaries[u];
      double w = weights[u];

      if (s->m >= 2)
        {
          pairable_units += w;
          pairable_values += w * s->m;
          shares += w * s->pair_share;
        }
      if (s->complete && self->n_coders >= 2)
        {
          double sum_squares = 0;

          for (guint v = 0; v < self->n_values; v++)
            {
              sum_squares += (double) s->counts[v] * s->counts[v];
              totals[v] += w * s->counts[v];
            }
          p_bar += w * (sum_squares - s->m) / ((double) s->m * (s->m - 1));
          complete += w;
        }
      if (s->both)
        {
          both += w;
          if (s->first == s->second)
            same += w;
          first[s->first] += w;
          second[s->second] += w;
        }
    }

  out->n_units = (guint64) pairable_units;
  out->n_pairable = (guint64) pairable_values;
  out->n_complete = (guint64) complete;
  /* The mean over units of each unit's share of agreeing pairs: for two coders, the share of
   * units rated alike, the figure every reader expects. */
  out->percent = pairable_units > 0 ? shares / pairable_units : NAN;

  out->fleiss_kappa = NAN;
  if (complete > 0)
    {
      double p_e = 0;

      for (guint v = 0; v < self->n_values; v++)
        {
          double p = totals[v] / (complete * self->n_coders);

          p_e += p * p;
        }
      p_bar /= complete;
      if (p_e < 1)
        out->fleiss_kappa = (p_bar - p_e) / (1 - p_e);
    }

  out->cohen_kappa = NAN;
  if (self->n_coders == 2 && both > 0)
    {
      double p_o = same / both, p_e = 0;

      for (guint v = 0; v < self->n_values; v++)
        p_e += (first[v] / both) * (second[v] / both);
      if (p_e < 1)
        out->cohen_kappa = (p_o - p_e) / (1 - p_e);
    }

  out->alpha = alpha_of (prepared, weights, &out->no_variation);
}

/* A binomial draw: inversion for a small mean (exact), and otherwise the normal
 * approximation with continuity correction, rounded and kept in [0, n]. Bootstrap intervals need
 * draws whose distribution is right to a fraction of a unit; where n·p·(1-p) ≥ 30 the normal
 * approximation is that. */
static guint64
draw_binomial (GRand   *rand,
               guint64  n,
               double   p)
{
  double q;

  if (n == 0 || p <= 0)
    return 0;
  if (p >= 1)
    return n;
  if (p > 0.5)
    return n - draw_binomial (rand, n, 1 - p);
  q = 1 - p;
  if ((double) n * p < 30)
    {
      /* Inversion: walk the distribution from 0 until the uniform draw is passed. */
      double u = g_rand_double (rand);
      double prob = pow (q, (double) n);
      double cumulative = prob;
      guint64 k = 0;

      while (u > cumulative && k < n)
        {
          prob *= ((double) (n - k) / (double) (k + 1)) * (p / q);
          k++;
          cumulative += prob;
          if (prob < 1e-300 && cumulative < u)
            break;
        }
      return k;
    }
  else
    {
      /* Box–Muller from two uniform draws. */
      double u1 = g_rand_double (rand), u2 = g_rand_double (rand);
      double z = sqrt (-2.0 * log (1.0 - u1)) * cos (2.0 * G_PI * u2);
      double x = floor ((double) n * p + z * sqrt ((double) n * p * q) + 0.5);

      return (guint64) CLAMP (x, 0.0, (double) n);
    }
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

void
shirabe_ratings_compute (const ShirabeRatings *self,
                         guint                 n_resamples,
                         guint32               seed,
                         ShirabeAgreement     *out)
{
  Prepared prepared;
  g_autofree double *weights = NULL;
  double total = 0;

  g_return_if_fail (self != NULL && out != NULL);

  memset (out, 0, sizeof *out);
  prepare (self, &prepared);
  weights = g_new0 (double, MAX (prepared.n_units, 1));
  for (guint u = 0; u < prepared.n_units; u++)
    {
      weights[u] = (double) g_array_index (self->units, Unit, u).weight;
      if (prepared.summaries[u].m >= 2)
        total += weights[u];
    }
  compute_plain (self, &prepared, weights, out);
  out->alpha_low = out->alpha_high = NAN;

  if (n_resamples > 0 && !isnan (out->alpha) && total > 0)
    {
      g_autoptr (GRand) rand = g_rand_new_with_seed (seed);
      g_autofree double *drawn = g_new0 (double, prepared.n_units);
      g_autofree double *alphas = g_new (double, n_resamples);
      guint n_alphas = 0;

      /* Resampling the pairable units with replacement is drawing their vectors' weights from
       * a multinomial, done as a chain of binomials. */
      for (guint r = 0; r < n_resamples; r++)
        {
          guint64 left = (guint64) total;
          double left_weight = total;
          double alpha;

          for (guint u = 0; u < prepared.n_units; u++)
            {
              if (prepared.summaries[u].m < 2)
                {
                  drawn[u] = 0;
                  continue;
                }
              drawn[u] = (double) draw_binomial (rand, left,
                                                 left_weight > 0 ? weights[u] / left_weight : 0);
              left -= (guint64) drawn[u];
              left_weight -= weights[u];
            }
          alpha = alpha_of (&prepared, drawn, NULL);
          if (!isnan (alpha))
            alphas[n_alphas++] = alpha;
        }
      /* A resample without variation has no alpha; when that is most of them, an interval
       * would describe the few that remain and say nothing true. */
      if (n_alphas * 2 > n_resamples)
        {
          /* Percentiles by linear interpolation between order statistics (type 7, R's
           * default quantile). */
          double at_low, at_high;

          qsort (alphas, n_alphas, sizeof (double), compare_doubles);
          at_low = 0.025 * (n_alphas - 1);
          at_high = 0.975 * (n_alphas - 1);
          out->alpha_low = alphas[(guint) floor (at_low)] +
                           (at_low - floor (at_low)) *
                           (alphas[(guint) ceil (at_low)] - alphas[(guint) floor (at_low)]);
          out->alpha_high = alphas[(guint) floor (at_high)] +
                            (at_high - floor (at_high)) *
                            (alphas[(guint) ceil (at_high)] - alphas[(guint) floor (at_high)]);
        }
    }
  prepared_clear (&prepared);
}
