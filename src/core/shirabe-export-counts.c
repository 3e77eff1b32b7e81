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
#include <string.h>

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
/* Inlined by force: called through the merge, GCC kept it a call. */
G_ALWAYS_INLINE static inline gboolean
row_less (const ShirabeUnitRow *x,
          const ShirabeUnitRow *y)
{
  if (x->key != y->key)
    return x->key < y->key;
  if (x->family != y->family)
    return x->family < y->family;
  if (x->narrative != y->narrative)
    return x->narrative < y->narrative;
  if (x->start != y->start)
    return x->start < y->start;
  return x->end < y->end;
}

/* Sorts @rows by key, family, narrative, start and end (rows equal in these are equal in every
 * field, so any correct sort gives the same array): a merge sort whose comparison is inlined,
 * as qsort's call per comparison took half the counting of a cases export. */
static void
sort_rows (ShirabeUnitRow *rows,
           gsize           n_rows)
{
  g_autofree ShirabeUnitRow *buffer = NULL;
  ShirabeUnitRow *from = rows;
  ShirabeUnitRow *to;
  const gsize run = 16;

  /* Runs of 16 by insertion, then merged pairwise, back and forth. */
  for (gsize start = 0; start < n_rows; start += run)
    {
      gsize end = MIN (start + run, n_rows);

      for (gsize i = start + 1; i < end; i++)
        {
          ShirabeUnitRow row = rows[i];
          gsize j = i;

          for (; j > start && row_less (&row, &rows[j - 1]); j--)
            rows[j] = rows[j - 1];
          rows[j] = row;
        }
    }
  if (n_rows <= run)
    return;
  buffer = g_new (ShirabeUnitRow, n_rows);
  to = buffer;
  for (gsize width = run; width < n_rows; width *= 2)
    {
      for (gsize left = 0; left < n_rows; left += 2 * width)
        {
          gsize mid = MIN (left + width, n_rows);
          gsize right = MIN (left + 2 * width, n_rows);
          gsize i = left, j = mid, k = left;

          while (i < mid && j < right)
            to[k++] = row_less (&from[j], &from[i]) ? from[j++] : from[i++];
          while (i < mid)
            to[k++] = from[i++];
          while (j < right)
            to[k++] = from[j++];
        }
      {
        ShirabeUnitRow *swap = from;

        from = to;
        to = swap;
      }
    }
  if (from != rows)
    memcpy (rows, from, n_rows * sizeof *rows);
}

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
  sort_rows (rows, n_rows);

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
