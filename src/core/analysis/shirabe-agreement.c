/* shirabe-agreement.c: agreement between coders, from one pass over the codings
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The codings of the compared coders are read once, narrative by narrative. Each narrative
 * leaves what every unit needs: which coders coded it and which codes each had in it (case and
 * narrative units), and, when every compared coder coded it, the runs of characters each code
 * covered per coder (character unit) and the matches between codings (segment unit and
 * disagreements). Nothing visits the text, and nothing is kept per character.
 *
 * A coding carried to the aligned paragraph of a translation or an original (carried_from set)
 * is left out: it repeats its source, the same coder's judgement, on the other text, and would
 * otherwise count as a second judgement (agreeing with nobody on a text the others never
 * coded). Agreement is computed on what each coder coded by hand.
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "shirabe-agreement.h"

#include "shirabe-code.h"
#include "shirabe-coder.h"
#include "shirabe-error.h"
#include "shirabe-i18n.h"
#include "shirabe-project-private.h"

#define MAX_CODERS 32

struct _ShirabeAgreementReport
{
  ShirabeAgreementUnit  unit;
  GArray               *coder_ids;
  GPtrArray            *coder_names;
  GArray               *records;        /* ShirabeAgreementRecord, pooled last */
  GArray               *disagreements;  /* ShirabeDisagreement */
  guint                 n_shared;
};

typedef struct
{
  gint64 code_id;
  guint  code;     /* index among the compared codes */
  guint  coder;    /* index among the compared coders */
  gint64 start;
  gint64 end;
} Span;

typedef struct
{
  gint64 id;
  gint64 case_id;
  gint64 length;
  guint  rank;     /* place in case, narrative order */
} NarrativeInfo;

typedef struct
{
  ShirabeAgreementReport        *report;
  const ShirabeAgreementOptions *options;
  double                         overlap;
  guint                          n_coders;
  guint32                        all_coders;
  guint                          n_codes;
  GHashTable                    *coder_index;   /* coder id → index + 1 */
  GHashTable                    *code_index;    /* code id → index + 1 */
  GHashTable                    *narratives;    /* id → NarrativeInfo */
  /* Case and narrative units: the coders who coded each unit, and the coders who had each
   * code in it (keyed unit * n_codes + code), with the code's first place there. */
  GHashTable                    *unit_coders;
  GHashTable                    *unit_codes;
  /* Character unit, per code: runs some coder coded, over all text and over coded text. */
  ShirabeRatings               **text;
  ShirabeRatings               **coded;
  guint64                       *covered;
  guint64                        text_length;
  guint64                        coded_length;
  /* Segment unit, per code. */
  guint64                       *segments;
  guint64                       *matched;
} Scan;

typedef struct
{
  guint32 coders;
  gint64  narrative_id;
  gint64  start;
  gint64  end;
  guint   rank;
} UnitCode;

static const char *unit_names[] = { "case", "narrative", "character", "segment" };

const char *
shirabe_agreement_unit_to_string (ShirabeAgreementUnit unit)
{
  g_return_val_if_fail (unit <= SHIRABE_AGREEMENT_UNIT_SEGMENT, NULL);
  return unit_names[unit];
}

gboolean
shirabe_agreement_unit_from_string (const char           *text,
                                    ShirabeAgreementUnit *unit)
{
  for (guint i = 0; i < G_N_ELEMENTS (unit_names); i++)
    if (g_strcmp0 (text, unit_names[i]) == 0)
      {
        *unit = i;
        return TRUE;
      }
  return FALSE;
}

void
shirabe_agreement_report_free (ShirabeAgreementReport *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->coder_ids, g_array_unref);
  g_clear_pointer (&self->coder_names, g_ptr_array_unref);
  if (self->records != NULL)
    {
      for (guint i = 0; i < self->records->len; i++)
        {
          ShirabeAgreementRecord *record = &g_array_index (self->records,
                                                           ShirabeAgreementRecord, i);
          g_free (record->code_uuid);
          g_free (record->label_en);
          g_free (record->label_ja);
        }
      g_array_unref (self->records);
    }
  g_clear_pointer (&self->disagreements, g_array_unref);
  g_free (self);
}

static double
overlap_of (const Span *a,
            const Span *b)
{
  gint64 inter = MIN (a->end, b->end) - MAX (a->start, b->start);
  gint64 uni = MAX (a->end, b->end) - MIN (a->start, b->start);

  return inter <= 0 ? 0.0 : (double) inter / (double) uni;
}

static int
compare_spans_by_code (gconstpointer a,
                       gconstpointer b)
{
  const Span *x = a, *y = b;

  if (x->code != y->code)
    return x->code < y->code ? -1 : 1;
  if (x->start != y->start)
    return x->start < y->start ? -1 : 1;
  if (x->end != y->end)
    return x->end < y->end ? -1 : 1;
  return (int) x->coder - (int) y->coder;
}

static guint
count_bits (guint32 bits)
{
  guint n = 0;

  for (; bits != 0; bits &= bits - 1)
    n++;
  return n;
}

static int
compare_by_start (gconstpointer a,
                  gconstpointer b)
{
  const Span *x = a, *y = b;

  if (x->start != y->start)
    return x->start < y->start ? -1 : 1;
  return 0;
}

/* The characters some span covers: the length of their union. */
static guint64
union_length (GArray *spans)
{
  g_autoptr(GArray) by_start = g_array_copy (spans);
  guint64 length = 0;
  gint64 run_start = 0, run_end = 0;

  g_array_sort (by_start, compare_by_start);
  for (guint i = 0; i < by_start->len; i++)
    {
      const Span *span = &g_array_index (by_start, Span, i);

      if (i == 0 || span->start > run_end)
        {
          length += run_end - run_start;
          run_start = span->start;
          run_end = span->end;
        }
      else if (span->end > run_end)
        run_end = span->end;
    }
  return length + (run_end - run_start);
}

typedef struct
{
  gint64 at;
  guint  coder;
  int    delta;
} Event;

static int
compare_events (gconstpointer a,
                gconstpointer b)
{
  const Event *x = a, *y = b;

  if (x->at != y->at)
    return x->at < y->at ? -1 : 1;
  return x->delta - y->delta;
}

/* Sweeps one code's codings in one narrative every coder coded: each run of characters
 * with the same coders is one weighted unit. */
static void
sweep_characters (Scan       *scan,
                  const Span *spans,
                  guint       n_spans,
                  GArray     *events)
{
  guint code = spans[0].code;
  int depth[MAX_CODERS] = { 0 };
  guint32 bits = 0;
  gint64 last = 0;

  g_array_set_size (events, 0);
  for (guint i = 0; i < n_spans; i++)
    {
      Event open = { spans[i].start, spans[i].coder, +1 };
      Event close = { spans[i].end, spans[i].coder, -1 };

      g_array_append_val (events, open);
      g_array_append_val (events, close);
    }
  g_array_sort (events, compare_events);
  for (guint i = 0; i < events->len; i++)
    {
      const Event *event = &g_array_index (events, Event, i);

      if (bits != 0 && event->at > last)
        {
          gint8 values[MAX_CODERS];

          for (guint c = 0; c < scan->n_coders; c++)
            values[c] = (bits >> c) & 1;
          shirabe_ratings_add (scan->text[code], values, event->at - last);
          shirabe_ratings_add (scan->coded[code], values, event->at - last);
          scan->covered[code] += event->at - last;
        }
      depth[event->coder] += event->delta;
      if (depth[event->coder] > 0)
        bits |= 1u << event->coder;
      else
        bits &= ~(1u << event->coder);
      last = event->at;
    }
}

/* Codings of one code in one narrative every coder coded: segments matched per pair of coders,
 * and each passage not matched by every coder, once. */
static void
match_segments (Scan                *scan,
                const NarrativeInfo *narrative,
                const Span          *spans,
                guint                n_spans)
{
  guint code = spans[0].code;
  double threshold = scan->overlap;

  for (guint i = 0; i < n_spans; i++)
    {
      guint32 coded_by = 1u << spans[i].coder;
      gboolean reported_before = FALSE;

      for (guint j = 0; j < n_spans; j++)
        if (spans[j].coder != spans[i].coder && overlap_of (&spans[i], &spans[j]) >= threshold)
          {
            coded_by |= 1u << spans[j].coder;
            if (spans[j].coder < spans[i].coder)
              reported_before = TRUE;
          }
      /* Matched by each other coder counts once per ordered pair. */
      scan->segments[code] += scan->n_coders - 1;
      scan->matched[code] += count_bits (coded_by) - 1;

      if (coded_by != scan->all_coders && !reported_before &&
          (scan->options->unit == SHIRABE_AGREEMENT_UNIT_CHARACTER ||
           scan->options->unit == SHIRABE_AGREEMENT_UNIT_SEGMENT))
        {
          ShirabeDisagreement d = {
            narrative->id, spans[i].code_id, spans[i].start, spans[i].end,
            coded_by, scan->all_coders & ~coded_by,
          };

          g_array_append_val (scan->report->disagreements, d);
        }
    }
}

static gint64
unit_of (Scan                *scan,
         const NarrativeInfo *narrative)
{
  return scan->options->unit == SHIRABE_AGREEMENT_UNIT_CASE ? narrative->case_id
                                                            : narrative->id;
}

static void
finish_narrative (Scan                *scan,
                  const NarrativeInfo *narrative,
                  GArray              *spans,
                  GArray              *events)
{
  guint32 coders = 0;
  gboolean per_unit = scan->options->unit <= SHIRABE_AGREEMENT_UNIT_NARRATIVE;

  if (spans->len == 0)
    return;
  g_array_sort (spans, compare_spans_by_code);
  for (guint i = 0; i < spans->len; i++)
    coders |= 1u << g_array_index (spans, Span, i).coder;

  if (coders == scan->all_coders)
    scan->report->n_shared++;
  if (per_unit)
    {
      gint64 unit = unit_of (scan, narrative);
      gpointer key = GSIZE_TO_POINTER ((gsize) unit);
      guint32 before = GPOINTER_TO_UINT (g_hash_table_lookup (scan->unit_coders, key));

      g_hash_table_insert (scan->unit_coders, key, GUINT_TO_POINTER (before | coders));
      for (guint i = 0; i < spans->len; i++)
        {
          const Span *span = &g_array_index (spans, Span, i);
          gint64 key64 = unit * (gint64) scan->n_codes + span->code;
          UnitCode *entry;

          if (span->code == scan->n_codes)
            continue;
          entry = g_hash_table_lookup (scan->unit_codes, &key64);

          if (entry == NULL)
            {
              gint64 *k = g_new (gint64, 1);

              *k = key64;
              entry = g_new0 (UnitCode, 1);
              entry->narrative_id = narrative->id;
              entry->start = span->start;
              entry->end = span->end;
              entry->rank = narrative->rank;
              g_hash_table_insert (scan->unit_codes, k, entry);
            }
          else if (narrative->rank < entry->rank)
            {
              entry->narrative_id = narrative->id;
              entry->start = span->start;
              entry->end = span->end;
              entry->rank = narrative->rank;
            }
          entry->coders |= 1u << span->coder;
        }
      return;
    }

  if (coders != scan->all_coders)
    return;

  scan->coded_length += union_length (spans);
  scan->text_length += narrative->length;

  for (guint i = 0; i < spans->len;)
    {
      const Span *first = &g_array_index (spans, Span, i);
      guint n = 1;

      while (i + n < spans->len && g_array_index (spans, Span, i + n).code == first->code)
        n++;
      if (first->code == scan->n_codes)
        break;
      if (scan->options->unit == SHIRABE_AGREEMENT_UNIT_CHARACTER)
        sweep_characters (scan, first, n, events);
      match_segments (scan, narrative, first, n);
      i += n;
    }
}

static gboolean
choose_coders (ShirabeProject                *project,
               const ShirabeAgreementOptions *options,
               ShirabeAgreementReport        *report,
               GError                       **error)
{
  g_autoptr(GPtrArray) coders = shirabe_project_list_coders (project, error);
  guint with_codings = 0;

  if (coders == NULL)
    return FALSE;
  if (options->coder_ids != NULL && options->coder_ids->len > 0)
    {
      for (guint i = 0; i < options->coder_ids->len; i++)
        {
          gint64 id = g_array_index (options->coder_ids, gint64, i);
          ShirabeCoder *found = NULL;

          for (guint j = 0; j < coders->len && found == NULL; j++)
            if (((ShirabeCoder *) coders->pdata[j])->id == id)
              found = coders->pdata[j];
          if (found == NULL)
            {
              shirabe_set_not_found (error, SHIRABE_ENTITY_CODER, id);
              return FALSE;
            }
          for (guint j = 0; j < report->coder_ids->len; j++)
            if (g_array_index (report->coder_ids, gint64, j) == id)
              {
                g_set_error (error, SHIRABE_ERROR, SHIRABE_ERROR_INVALID,
                             _("Coder “%s” is named twice."), found->name);
                return FALSE;
              }
          if (found->n_codings == 0)
            {
              g_set_error (error, SHIRABE_ERROR, SHIRABE_ERROR_INVALID,
                           _("Coder “%s” has no codings to compare."), found->name);
              return FALSE;
            }
          g_array_append_val (report->coder_ids, found->id);
          g_ptr_array_add (report->coder_names, g_strdup (found->name));
        }
    }
  else
    {
      for (guint j = 0; j < coders->len; j++)
        {
          ShirabeCoder *coder = coders->pdata[j];

          if (coder->n_codings == 0)
            continue;
          g_array_append_val (report->coder_ids, coder->id);
          g_ptr_array_add (report->coder_names, g_strdup (coder->name));
        }
    }
  for (guint j = 0; j < coders->len; j++)
    if (((ShirabeCoder *) coders->pdata[j])->n_codings > 0)
      with_codings++;
  if (report->coder_ids->len < 2)
    {
      g_set_error (error, SHIRABE_ERROR, SHIRABE_ERROR_INVALID,
                   g_dngettext (GETTEXT_PACKAGE,
                                "Agreement needs two coders with codings; this project has codings by %u coder.",
                                "Agreement needs two coders with codings; this project has codings by %u coders.",
                                with_codings),
                   with_codings);
      return FALSE;
    }
  if (report->coder_ids->len > MAX_CODERS)
    {
      g_set_error (error, SHIRABE_ERROR, SHIRABE_ERROR_INVALID,
                   _("Agreement compares at most %d coders at once; %u were asked."),
                   MAX_CODERS, report->coder_ids->len);
      return FALSE;
    }
  return TRUE;
}

/* The compared codes in the codebook's order: those asked for, or every code the compared
 * coders used. */
static GPtrArray *
choose_codes (ShirabeProject                *project,
              const ShirabeAgreementOptions *options,
              GHashTable                    *coder_index,
              GError                       **error)
{
  g_autoptr(GPtrArray) codes = shirabe_project_list_codes (project, error);
  g_autoptr(GPtrArray) chosen = g_ptr_array_new_with_free_func ((GDestroyNotify) shirabe_code_free);
  g_autoptr(GHashTable) wanted = g_hash_table_new (g_int64_hash, g_int64_equal);
  sqlite3_stmt *stmt;
  int rc;

  if (codes == NULL)
    return NULL;
  if (options->code_ids != NULL && options->code_ids->len > 0)
    {
      for (guint i = 0; i < options->code_ids->len; i++)
        {
          gint64 *id = &g_array_index (options->code_ids, gint64, i);
          gboolean exists = FALSE;

          for (guint j = 0; j < codes->len && !exists; j++)
            exists = ((ShirabeCode *) codes->pdata[j])->id == *id;
          if (!exists)
            {
              shirabe_set_not_found (error, SHIRABE_ENTITY_CODE, *id);
              return NULL;
            }
          g_hash_table_add (wanted, id);
        }
    }
  else
    {
      stmt = shirabe_project_prepare (project,
                                      "SELECT code_id, coder_id FROM coding"
                                      " WHERE carried_from IS NULL"
                                      " GROUP BY code_id, coder_id", error);
      if (stmt == NULL)
        return NULL;
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          gint64 coder = sqlite3_column_int64 (stmt, 1);

          if (g_hash_table_contains (coder_index, &coder))
            for (guint j = 0; j < codes->len; j++)
              if (((ShirabeCode *) codes->pdata[j])->id == sqlite3_column_int64 (stmt, 0))
                g_hash_table_add (wanted, &((ShirabeCode *) codes->pdata[j])->id);
        }
      sqlite3_reset (stmt);
      if (rc != SQLITE_DONE)
        {
          shirabe_project_set_sqlite_error (project, rc, error);
          return NULL;
        }
    }
  for (guint j = 0; j < codes->len; j++)
    if (g_hash_table_contains (wanted, &((ShirabeCode *) codes->pdata[j])->id))
      g_ptr_array_add (chosen, g_steal_pointer (&codes->pdata[j]));
  return g_steal_pointer (&chosen);
}

static gboolean
read_narratives (ShirabeProject *project,
                 GHashTable     *narratives,
                 GArray         *order,
                 GArray         *cases,
                 GError        **error)
{
  sqlite3_stmt *stmt;
  gint64 last_case = 0;
  int rc;

  stmt = shirabe_project_prepare (project,
                                  "SELECT n.id, n.case_id, n.length FROM narrative n"
                                  " JOIN cases k ON k.id = n.case_id"
                                  " ORDER BY k.position, k.id, n.position, n.id", error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      NarrativeInfo *info = g_new (NarrativeInfo, 1);

      info->id = sqlite3_column_int64 (stmt, 0);
      info->case_id = sqlite3_column_int64 (stmt, 1);
      info->length = sqlite3_column_int64 (stmt, 2);
      info->rank = order->len;
      g_hash_table_insert (narratives, &info->id, info);
      g_array_append_val (order, info->id);
      if (order->len == 1 || info->case_id != last_case)
        g_array_append_val (cases, info->case_id);
      last_case = info->case_id;
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return shirabe_project_set_sqlite_error (project, rc, error);
  return TRUE;
}

static gboolean
scan_codings (ShirabeProject *project,
              Scan           *scan,
              GCancellable   *cancellable,
              GError        **error)
{
  g_autoptr(GArray) spans = g_array_new (FALSE, FALSE, sizeof (Span));
  g_autoptr(GArray) events = g_array_new (FALSE, FALSE, sizeof (Event));
  const NarrativeInfo *current = NULL;
  sqlite3_stmt *stmt;
  guint n_rows = 0;
  int rc;

  stmt = shirabe_project_prepare (project,
                                  "SELECT narrative_id, code_id, coder_id, start, end FROM coding"
                                  " WHERE carried_from IS NULL ORDER BY narrative_id", error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 narrative_id = sqlite3_column_int64 (stmt, 0);
      gint64 code_id = sqlite3_column_int64 (stmt, 1);
      gint64 coder_id = sqlite3_column_int64 (stmt, 2);
      guint code = GPOINTER_TO_UINT (g_hash_table_lookup (scan->code_index, &code_id));
      guint coder = GPOINTER_TO_UINT (g_hash_table_lookup (scan->coder_index, &coder_id));
      Span span;

      if ((++n_rows & 0xffff) == 0 && g_cancellable_set_error_if_cancelled (cancellable, error))
        {
          sqlite3_reset (stmt);
          return FALSE;
        }
      if (current == NULL || current->id != narrative_id)
        {
          if (current != NULL)
            finish_narrative (scan, current, spans, events);
          g_array_set_size (spans, 0);
          current = g_hash_table_lookup (scan->narratives, &narrative_id);
          if (current == NULL)
            continue;
        }
      /* A coder's coding in another code still says the coder coded the narrative; it is
       * kept with no code (index n_codes) for that. */
      if (coder == 0)
        continue;
      span.code_id = code_id;
      span.code = code == 0 ? scan->n_codes : code - 1;
      span.coder = coder - 1;
      span.start = sqlite3_column_int64 (stmt, 3);
      span.end = sqlite3_column_int64 (stmt, 4);
      g_array_append_val (spans, span);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return shirabe_project_set_sqlite_error (project, rc, error);
  if (current != NULL)
    finish_narrative (scan, current, spans, events);
  return TRUE;
}

typedef struct
{
  GHashTable *narratives;
  GHashTable *code_index;
} DisagreementOrder;

static int
compare_disagreements (gconstpointer a,
                       gconstpointer b,
                       gpointer      user_data)
{
  const ShirabeDisagreement *x = a, *y = b;
  const DisagreementOrder *order = user_data;

  if (x->narrative_id != y->narrative_id)
    {
      const NarrativeInfo *nx = g_hash_table_lookup (order->narratives, &x->narrative_id);
      const NarrativeInfo *ny = g_hash_table_lookup (order->narratives, &y->narrative_id);

      return nx->rank < ny->rank ? -1 : 1;
    }
  if (x->start != y->start)
    return x->start < y->start ? -1 : 1;
  if (x->code_id != y->code_id)
    {
      guint cx = GPOINTER_TO_UINT (g_hash_table_lookup (order->code_index, &x->code_id));
      guint cy = GPOINTER_TO_UINT (g_hash_table_lookup (order->code_index, &y->code_id));

      return cx < cy ? -1 : 1;
    }
  return x->end < y->end ? -1 : x->end > y->end;
}

/* Case and narrative units: one vector per unit and code, from who coded the unit and who had
 * the code in it. */
static void
rate_units (Scan   *scan,
            GArray *units,
            ShirabeRatings **ratings,
            GPtrArray *codes)
{
  gint8 values[MAX_CODERS];

  for (guint u = 0; u < units->len; u++)
    {
      gint64 unit = g_array_index (units, gint64, u);
      guint32 counted = scan->options->all_units
        ? scan->all_coders
        : GPOINTER_TO_UINT (g_hash_table_lookup (scan->unit_coders,
                                                 GSIZE_TO_POINTER ((gsize) unit)));

      if (counted == 0)
        continue;
      for (guint c = 0; c < scan->n_codes; c++)
        {
          gint64 key = unit * (gint64) scan->n_codes + c;
          const UnitCode *entry = g_hash_table_lookup (scan->unit_codes, &key);
          guint32 present = entry != NULL ? entry->coders & counted : 0;

          for (guint i = 0; i < scan->n_coders; i++)
            values[i] = (counted >> i) & 1 ? (gint8) ((present >> i) & 1)
                                           : SHIRABE_RATING_MISSING;
          shirabe_ratings_add (ratings[c], values, 1);
          if (present != 0 && present != counted)
            {
              ShirabeDisagreement d = {
                entry->narrative_id, ((ShirabeCode *) codes->pdata[c])->id,
                entry->start, entry->end, present, counted & ~present,
              };

              g_array_append_val (scan->report->disagreements, d);
            }
        }
    }
}

static void
compute (ShirabeRatings         *ratings,
         const ShirabeAgreementOptions *options,
         ShirabeAgreement       *out)
{
  shirabe_ratings_compute (ratings, options->n_resamples, options->seed, out);
}

ShirabeAgreementReport *
shirabe_agreement_report_new (ShirabeProject                *project,
                              const ShirabeAgreementOptions *options,
                              GCancellable                  *cancellable,
                              GError                       **error)
{
  g_autoptr(ShirabeAgreementReport) report = g_new0 (ShirabeAgreementReport, 1);
  g_autoptr(GHashTable) coder_index = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GHashTable) code_index = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GHashTable) narratives = g_hash_table_new_full (g_int64_hash, g_int64_equal,
                                                            NULL, g_free);
  g_autoptr(GArray) narrative_order = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) case_order = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) codes = NULL;
  g_autoptr(ShirabeRatings) pooled = NULL;
  g_autoptr(ShirabeRatings) pooled_coded = NULL;
  ShirabeRatings **ratings = NULL;
  Scan scan = { 0 };
  ShirabeAgreementRecord pooled_record = { 0 };
  DisagreementOrder order;
  gboolean ok = FALSE;

  g_return_val_if_fail (SHIRABE_IS_PROJECT (project), NULL);
  g_return_val_if_fail (options != NULL, NULL);

  report->unit = options->unit;
  report->coder_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  report->coder_names = g_ptr_array_new_with_free_func (g_free);
  report->records = g_array_new (FALSE, TRUE, sizeof (ShirabeAgreementRecord));
  report->disagreements = g_array_new (FALSE, FALSE, sizeof (ShirabeDisagreement));

  if (options->overlap < 0 || options->overlap > 1)
    {
      g_set_error (error, SHIRABE_ERROR, SHIRABE_ERROR_INVALID,
                   _("The overlap a segment match needs must be between 0 and 1, not %g."),
                   options->overlap);
      return NULL;
    }
  if (!choose_coders (project, options, report, error))
    return NULL;
  for (guint i = 0; i < report->coder_ids->len; i++)
    g_hash_table_insert (coder_index, &g_array_index (report->coder_ids, gint64, i),
                         GUINT_TO_POINTER (i + 1));
  codes = choose_codes (project, options, coder_index, error);
  if (codes == NULL)
    return NULL;
  for (guint c = 0; c < codes->len; c++)
    g_hash_table_insert (code_index, &((ShirabeCode *) codes->pdata[c])->id,
                         GUINT_TO_POINTER (c + 1));
  if (!read_narratives (project, narratives, narrative_order, case_order, error))
    return NULL;

  scan.report = report;
  scan.options = options;
  scan.overlap = options->overlap > 0 ? options->overlap : 0.5;
  scan.n_coders = report->coder_ids->len;
  scan.all_coders = scan.n_coders == 32 ? G_MAXUINT32 : (1u << scan.n_coders) - 1;
  scan.n_codes = codes->len;
  scan.coder_index = coder_index;
  scan.code_index = code_index;
  scan.narratives = narratives;
  scan.unit_coders = g_hash_table_new (NULL, NULL);
  scan.unit_codes = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  scan.text = g_new0 (ShirabeRatings *, codes->len);
  scan.coded = g_new0 (ShirabeRatings *, codes->len);
  scan.covered = g_new0 (guint64, codes->len);
  scan.segments = g_new0 (guint64, codes->len);
  scan.matched = g_new0 (guint64, codes->len);
  for (guint c = 0; c < codes->len; c++)
    {
      scan.text[c] = shirabe_ratings_new (scan.n_coders, 2);
      scan.coded[c] = shirabe_ratings_new (scan.n_coders, 2);
    }
  if (!scan_codings (project, &scan, cancellable, error))
    goto out;

  ratings = scan.text;
  pooled = shirabe_ratings_new (scan.n_coders, 2);
  pooled_coded = shirabe_ratings_new (scan.n_coders, 2);
  if (options->unit == SHIRABE_AGREEMENT_UNIT_CASE)
    rate_units (&scan, case_order, ratings, codes);
  else if (options->unit == SHIRABE_AGREEMENT_UNIT_NARRATIVE)
    rate_units (&scan, narrative_order, ratings, codes);

  for (guint c = 0; c < codes->len; c++)
    {
      ShirabeCode *code = codes->pdata[c];
      ShirabeAgreementRecord record = { 0 };

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        goto out;
      record.code_id = code->id;
      record.code_uuid = g_strdup (code->uuid);
      record.label_en = g_strdup (code->label_en);
      record.label_ja = g_strdup (code->label_ja);
      if (options->unit == SHIRABE_AGREEMENT_UNIT_CHARACTER)
        {
          gint8 zeros[MAX_CODERS] = { 0 };

          shirabe_ratings_add (scan.text[c], zeros, scan.text_length - scan.covered[c]);
          shirabe_ratings_add (scan.coded[c], zeros, scan.coded_length - scan.covered[c]);
          compute (scan.coded[c], options, &record.coded_text);
          shirabe_ratings_add_all (pooled_coded, scan.coded[c]);
        }
      if (options->unit == SHIRABE_AGREEMENT_UNIT_SEGMENT)
        {
          record.n_segments = scan.segments[c];
          record.n_matched = scan.matched[c];
          pooled_record.n_segments += record.n_segments;
          pooled_record.n_matched += record.n_matched;
        }
      else
        {
          compute (scan.text[c], options, &record.stats);
          shirabe_ratings_add_all (pooled, scan.text[c]);
        }
      g_array_append_val (report->records, record);
    }

  order.narratives = narratives;
  order.code_index = code_index;
  g_array_sort_with_data (report->disagreements, compare_disagreements, &order);
  for (guint i = 0; i < report->disagreements->len; i++)
    {
      const ShirabeDisagreement *d = &g_array_index (report->disagreements,
                                                     ShirabeDisagreement, i);
      guint c = GPOINTER_TO_UINT (g_hash_table_lookup (code_index, &d->code_id)) - 1;

      g_array_index (report->records, ShirabeAgreementRecord, c).n_disagreements++;
    }
  pooled_record.n_disagreements = report->disagreements->len;

  if (options->unit == SHIRABE_AGREEMENT_UNIT_SEGMENT)
    {
      for (guint i = 0; i <= report->records->len; i++)
        {
          ShirabeAgreementRecord *record = i < report->records->len
            ? &g_array_index (report->records, ShirabeAgreementRecord, i) : &pooled_record;

          record->stats.n_coders = scan.n_coders;
          record->stats.n_units = record->n_segments;
          record->stats.percent = record->n_segments > 0
            ? (double) record->n_matched / (double) record->n_segments : NAN;
          record->stats.cohen_kappa = record->stats.fleiss_kappa = NAN;
          record->stats.alpha = record->stats.alpha_low = record->stats.alpha_high = NAN;
        }
    }
  else
    compute (pooled, options, &pooled_record.stats);
  if (options->unit == SHIRABE_AGREEMENT_UNIT_CHARACTER)
    compute (pooled_coded, options, &pooled_record.coded_text);
  g_array_append_val (report->records, pooled_record);
  ok = TRUE;

out:
  for (guint c = 0; c < codes->len; c++)
    {
      shirabe_ratings_free (scan.text[c]);
      shirabe_ratings_free (scan.coded[c]);
    }
  g_free (scan.text);
  g_free (scan.coded);
  g_free (scan.covered);
  g_free (scan.segments);
  g_free (scan.matched);
  g_hash_table_unref (scan.unit_coders);
  g_hash_table_unref (scan.unit_codes);
  return ok ? g_steal_pointer (&report) : NULL;
}

ShirabeAgreementUnit
shirabe_agreement_report_get_unit (ShirabeAgreementReport *self)
{
  return self->unit;
}

GArray *
shirabe_agreement_report_get_coder_ids (ShirabeAgreementReport *self)
{
  return self->coder_ids;
}

const char *
shirabe_agreement_report_get_coder_name (ShirabeAgreementReport *self,
                                         guint                   index)
{
  g_return_val_if_fail (index < self->coder_names->len, NULL);
  return self->coder_names->pdata[index];
}

guint
shirabe_agreement_report_get_n_records (ShirabeAgreementReport *self)
{
  return self->records->len - 1;
}

const ShirabeAgreementRecord *
shirabe_agreement_report_get_record (ShirabeAgreementReport *self,
                                     guint                   index)
{
  g_return_val_if_fail (index < self->records->len, NULL);
  return &g_array_index (self->records, ShirabeAgreementRecord, index);
}

const ShirabeAgreementRecord *
shirabe_agreement_report_get_pooled (ShirabeAgreementReport *self)
{
  return &g_array_index (self->records, ShirabeAgreementRecord, self->records->len - 1);
}

guint
shirabe_agreement_report_get_n_shared_narratives (ShirabeAgreementReport *self)
{
  return self->n_shared;
}

GArray *
shirabe_agreement_report_get_disagreements (ShirabeAgreementReport *self)
{
  return self->disagreements;
}

char *
shirabe_agreement_report_dup_coder_names (ShirabeAgreementReport *self,
                                          guint32                 mask)
{
  GString *names = g_string_new (NULL);

  for (guint i = 0; i < self->coder_names->len; i++)
    if ((mask >> i) & 1)
      {
        if (names->len > 0)
          g_string_append (names, ", ");
        g_string_append (names, self->coder_names->pdata[i]);
      }
  return g_string_free (names, FALSE);
}
