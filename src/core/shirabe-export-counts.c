/* shirabe-export-counts.c: what a count in the cases table counts
 *
 * A case's count for a code is taken over its codings in one of three units:
 *
 * - codings: every coding, as stored; two coders coding one passage make 2;
 * - passages: distinct stretches of text: within a narrative, codings of the code that overlap
 *   (by any coder) are one passage, their union; codings that only touch ([0, 5) and [5, 9))
 *   are two;
 * - narratives: how many of the case's narratives have the code at all.
 *
 * A narrative and its translations (the narratives whose translation_of leads to it) are one
 * family, and by default a family counts once: its count is that of the member with the most
 * (so that an original coded in Japanese and its coded Thai translation do not count twice,
 * while a translation coded alone still counts). Asked to include translations, every
 * narrative counts on its own and the members' counts add up.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "shirabe-export-counts-private.h"

#include <stdlib.h>

static int
compare_rows (const void *a,
              const void *b)
{
  const ShirabeUnitRow *x = a;
  const ShirabeUnitRow *y = b;

  if (x->key != y->key)
    return x->key < y->key ? -1 : 1;
  if (x->family != y->family)
    return x->family < y->family ? -1 : 1;
  if (x->narrative != y->narrative)
    return x->narrative < y->narrative ? -1 : 1;
  if (x->start != y->start)
    return x->start < y->start ? -1 : 1;
  if (x->end != y->end)
    return x->end < y->end ? -1 : 1;
  return 0;
}

typedef struct
{
  ShirabeExportCount  unit;
  gboolean            sum_family;
  guint64             narrative_value;
  gint64              narrative_end;
  guint64             family_value;
  guint64             key_value;
} Counter;

static void
end_narrative (Counter *c)
{
  guint64 value = c->unit == SHIRABE_EXPORT_COUNT_NARRATIVES ? 1 : c->narrative_value;

  if (c->sum_family)
    c->family_value += value;
  else
    c->family_value = MAX (c->family_value, value);
  c->narrative_value = 0;
}

static void
end_family (Counter *c)
{
  end_narrative (c);
  c->key_value += c->family_value;
  c->family_value = 0;
}

/**
 * shirabe_count_units:
 * @rows: (array length=n_rows): the codings to count, in any order; sorted in place
 * @unit: what a count counts
 * @sum_family: count translations on their own (family = narrative, counts add up)
 * @emit: called once per key present in @rows, in key order, with its count
 */
void
shirabe_count_units (ShirabeUnitRow      *rows,
                     gsize                n_rows,
                     ShirabeExportCount   unit,
                     gboolean             sum_family,
                     ShirabeUnitEmit      emit,
                     gpointer             user_data)
{
  Counter c = { unit, sum_family, 0, 0, 0, 0 };

  if (n_rows == 0)
    return;
  if (sum_family)
    for (gsize i = 0; i < n_rows; i++)
      rows[i].family = rows[i].narrative;
  qsort (rows, n_rows, sizeof *rows, compare_rows);

  for (gsize i = 0; i < n_rows; i++)
    {
      const ShirabeUnitRow *row = &rows[i];
      gboolean new_key = i == 0 || row->key != rows[i - 1].key;
      gboolean new_family = new_key || row->family != rows[i - 1].family;
      gboolean new_narrative = new_family || row->narrative != rows[i - 1].narrative;

      if (i > 0)
        {
          if (new_family)
            end_family (&c);
          else if (new_narrative)
            end_narrative (&c);
          if (new_key)
            {
              emit (rows[i - 1].key, c.key_value, user_data);
              c.key_value = 0;
            }
        }
      if (new_narrative)
        c.narrative_end = G_MININT64;

      if (unit == SHIRABE_EXPORT_COUNT_CODINGS)
        c.narrative_value++;
      else if (row->start >= c.narrative_end)
        {
          /* Sorted by start: a coding that begins at or after the end of all before it
           * starts a new passage. */
          c.narrative_value++;
          c.narrative_end = row->end;
        }
      else
        c.narrative_end = MAX (c.narrative_end, row->end);
    }
  end_family (&c);
  emit (rows[n_rows - 1].key, c.key_value, user_data);
}
