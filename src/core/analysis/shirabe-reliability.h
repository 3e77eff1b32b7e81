/* shirabe-reliability.h: agreement statistics over plain rating data
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Rating data is a set of units, each rated by some of n coders with a nominal value
 * (0 … n_values - 1) or missing. Units that look alike are stored once with a weight: a unit is
 * its vector of values, one per coder, so a study's 10,000 narratives rated present/absent by
 * five coders are a few dozen distinct vectors, and a character-level comparison over 100 MB is
 * the same few dozen vectors with the lengths of their runs as weights. Every statistic is
 * computed from these weighted vectors, and a bootstrap resamples units by drawing the weights
 * again from a multinomial, never by visiting units one by one.
 *
 * The statistics, for nominal data:
 * - percent agreement: of all pairs of values given to one unit by two coders, the share that
 *   agree (two coders: the share of units both rated that they rated alike);
 * - Cohen's kappa: two coders, over the units both rated;
 * - Fleiss' kappa: over the units every coder rated (complete data);
 * - Krippendorff's alpha: over the units with at least two values (missing values allowed),
 *   from the coincidence matrix, as in Krippendorff (2011), "Computing Krippendorff's
 *   Alpha-Reliability", with a bootstrap 95 % interval over units.
 * A statistic that is undefined (no pairable values, or no variation: every value alike, so that
 * expected disagreement is zero) is NAN, and the result says why.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define SHIRABE_RATING_MISSING (-1)

typedef struct _ShirabeRatings ShirabeRatings;

typedef struct
{
  guint    n_coders;
  /* Units counted by alpha and percent: rated by at least two coders. */
  guint64  n_units;
  /* Values in those units (pairable values, Krippendorff's n). */
  guint64  n_pairable;
  /* Units every coder rated, over which Fleiss' kappa is computed. */
  guint64  n_complete;
  /* Proportions in [0, 1]; NAN when undefined. */
  double   percent;
  /* NAN unless n_coders is 2. */
  double   cohen_kappa;
  double   fleiss_kappa;
  double   alpha;
  /* The bootstrap's 2.5 and 97.5 percentiles; NAN when no bootstrap was asked or alpha is
   * undefined. */
  double   alpha_low;
  double   alpha_high;
  /* TRUE when every pairable value is the same: agreement is perfect and yet kappa and alpha are
   * undefined, which a report must say rather than print a number. */
  gboolean no_variation;
} ShirabeAgreement;

ShirabeRatings *shirabe_ratings_new        (guint                 n_coders,
                                            guint                 n_values);
void            shirabe_ratings_free       (ShirabeRatings       *self);
guint           shirabe_ratings_get_n_coders (const ShirabeRatings *self);
guint           shirabe_ratings_get_n_values (const ShirabeRatings *self);

/* Adds @weight units rated @values[0 … n_coders - 1], each a value below n_values or
 * SHIRABE_RATING_MISSING. Units no coder rated are ignored. */
void            shirabe_ratings_add        (ShirabeRatings       *self,
                                            const gint8          *values,
                                            guint64               weight);
/* Adds every unit of @other (same coders and values) to @self: pooling over codes. */
void            shirabe_ratings_add_all    (ShirabeRatings       *self,
                                            const ShirabeRatings *other);
/* Units added, whatever their number of values. */
guint64         shirabe_ratings_get_n_units (const ShirabeRatings *self);

/* Computes every statistic. With @n_resamples > 0, alpha's interval is the percentile interval
 * of @n_resamples bootstrap resamples of the units, drawn with a generator seeded with @seed, so
 * that the same data and seed give the same interval on every machine. */
void            shirabe_ratings_compute    (const ShirabeRatings *self,
                                            guint                 n_resamples,
                                            guint32               seed,
                                            ShirabeAgreement     *out);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ShirabeRatings, shirabe_ratings_free)

G_END_DECLS
