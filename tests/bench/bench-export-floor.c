/* bench-export-floor.c: the floor the export benchmark compares against
 *
 * Writes a workbook of the given shape with libxlsxwriter in constant-memory mode, from
 * memory: the same sheets, rows, and cells of the same types and sizes as the export, with the
 * same formats (bold header, wrapped long text, date formats, frozen header, autofilter), but
 * with no project to read. Whatever the export costs beyond this is the cost of Shirabe.
 *
 *   bench-export-floor OUT.xlsx SAMPLE.txt SHEET...
 *
 * SAMPLE.txt is narrative text the text cells are cut from. SHEET is NAME:ROWS:COLUMN,... and
 * a COLUMN is a type, then for text its mean size in bytes, then optionally xDISTINCT values
 * (a case's name repeats over its codings), rRUN rows that share a value in a row (a
 * narrative's codings come one after another), and @PERCENT of rows that hold a value:
 *   i integer   n number   d date   t date and time   u UUID
 *   sBYTES text   wBYTES wrapped text          e.g. s12x5000r100@90
 * It prints the seconds the writing took on stdout.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>
#include <xlsxwriter.h>

/* Distinct strings per text column. Short columns (names, labels) repeat in real exports, as
 * a few dozen codes fill 100,000 rows; long ones (excerpts, memos) hardly do, and their pools
 * are large enough that zlib's 32 KB window sees no repetition the real text would not have. */
#define SHORT_POOL 61
#define LONG_POOL  4099
#define UUID_POOL  4099

typedef struct
{
  char    type;
  guint   bytes;
  guint   percent;
  guint   pool_size;
  guint   run;
  char  **pool;
} Column;

typedef struct
{
  char   *name;
  guint64 rows;
  Column *columns;
  guint   n_columns;
} Sheet;

static const char *sample;
static gsize sample_len;
static guint32 random_state = 1;

static guint32
next_random (void)
{
  random_state = random_state * 1103515245u + 12345u;
  return random_state >> 8;
}

/* A slice of the sample text of about @bytes bytes, cut at character boundaries: the same
 * languages, scripts and compressibility as the narratives the export reads. */
static char *
make_text (guint bytes)
{
  const char *start, *end;

  if (bytes >= sample_len)
    return g_strndup (sample, sample_len);
  start = sample + next_random () % (sample_len - bytes);
  while (start > sample && ((guchar) *start & 0xc0) == 0x80)
    start--;
  end = start + bytes;
  while (end > start && ((guchar) *end & 0xc0) == 0x80)
    end--;
  return g_strndup (start, end - start);
}

static char *
make_uuid (void)
{
  return g_strdup_printf ("%08x-%04x-4%03x-%04x-%06x%06x", next_random (),
                          next_random () & 0xffff, next_random () & 0xfff,
                          (next_random () & 0x3fff) | 0x8000, next_random () & 0xffffff,
                          next_random () & 0xffffff);
}

static gboolean
parse_sheet (const char *spec,
             Sheet      *sheet)
{
  g_auto(GStrv) parts = g_strsplit (spec, ":", 3);
  g_auto(GStrv) columns = NULL;

  if (g_strv_length (parts) != 3)
    return FALSE;
  sheet->name = g_strdup (parts[0]);
  sheet->rows = g_ascii_strtoull (parts[1], NULL, 10);
  columns = g_strsplit (parts[2], ",", -1);
  sheet->n_columns = g_strv_length (columns);
  sheet->columns = g_new0 (Column, sheet->n_columns);
  for (guint i = 0; i < sheet->n_columns; i++)
    {
      Column *column = &sheet->columns[i];
      const char *at = strchr (columns[i], '@');
      const char *distinct = strchr (columns[i], 'x');
      const char *run = strchr (columns[i], 'r');

      column->type = columns[i][0];
      column->bytes = (guint) g_ascii_strtoull (columns[i] + 1, NULL, 10);
      column->percent = at ? (guint) g_ascii_strtoull (at + 1, NULL, 10) : 100;
      column->run = run ? MAX (1, (guint) g_ascii_strtoull (run + 1, NULL, 10)) : 1;
      if (strchr ("indtswu", column->type) == NULL)
        return FALSE;
      if (column->type == 's' || column->type == 'w')
        {
          column->pool_size = column->type == 'w' ? LONG_POOL : SHORT_POOL;
          if (distinct != NULL)
            column->pool_size = CLAMP ((guint) g_ascii_strtoull (distinct + 1, NULL, 10), 1,
                                       LONG_POOL);
          column->pool = g_new0 (char *, column->pool_size + 1);
          for (guint j = 0; j < column->pool_size; j++)
            /* Sizes spread around the mean, as real cells are. */
            column->pool[j] = make_text (column->bytes * (j % 7 + 4) / 7 + (j % 3));
        }
      else if (column->type == 'u')
        {
          column->pool_size = UUID_POOL;
          column->pool = g_new0 (char *, column->pool_size + 1);
          for (guint j = 0; j < column->pool_size; j++)
            column->pool[j] = make_uuid ();
        }
    }
  return TRUE;
}

int
main (int   argc,
      char *argv[])
{
  lxw_workbook_options options = { .constant_memory = LXW_TRUE };
  g_autofree char *tmpdir = NULL;
  lxw_workbook *workbook;
  lxw_format *bold, *wrap, *date, *datetime;
  Sheet *sheets;
  guint n_sheets;
  gint64 start;
  lxw_error err;

  g_autofree char *sample_data = NULL;

  if (argc < 4)
    {
      fprintf (stderr, "usage: bench-export-floor OUT.xlsx SAMPLE.txt NAME:ROWS:COLUMNS...\n");
      return 1;
    }
  if (!g_file_get_contents (argv[2], &sample_data, &sample_len, NULL) || sample_len < 2)
    {
      fprintf (stderr, "bench-export-floor: cannot read the sample text %s\n", argv[2]);
      return 1;
    }
  sample = sample_data;

  n_sheets = argc - 3;
  sheets = g_new0 (Sheet, n_sheets);
  for (guint i = 0; i < n_sheets; i++)
    if (!parse_sheet (argv[3 + i], &sheets[i]))
      {
        fprintf (stderr, "bench-export-floor: bad sheet “%s”\n", argv[3 + i]);
        return 1;
      }
  /* The pools are made: the sample is no longer needed, and must not weigh on the RSS. */
  g_clear_pointer (&sample_data, g_free);
  sample = NULL;
  /* Peak RSS from here on (Linux ≥ 4.0): what was read to make the pools is not the floor's. */
  {
    FILE *clear_refs = fopen ("/proc/self/clear_refs", "w");

    if (clear_refs != NULL)
      {
        fputs ("5", clear_refs);
        fclose (clear_refs);
      }
  }

  start = g_get_monotonic_time ();
  tmpdir = g_path_get_dirname (argv[1]);
  options.tmpdir = tmpdir;
  workbook = workbook_new_opt (argv[1], &options);
  bold = workbook_add_format (workbook);
  format_set_bold (bold);
  format_set_bottom (bold, LXW_BORDER_THIN);
  wrap = workbook_add_format (workbook);
  format_set_text_wrap (wrap);
  format_set_align (wrap, LXW_ALIGN_VERTICAL_TOP);
  date = workbook_add_format (workbook);
  format_set_num_format (date, "yyyy-mm-dd");
  datetime = workbook_add_format (workbook);
  format_set_num_format (datetime, "yyyy-mm-dd hh:mm:ss");

  for (guint s = 0; s < n_sheets; s++)
    {
      Sheet *sheet = &sheets[s];
      guint64 done = 0;

      for (guint part = 1; done < sheet->rows || part == 1; part++)
        {
          char name[64];
          lxw_worksheet *worksheet;
          lxw_row_t row;

          if (part == 1)
            g_snprintf (name, sizeof name, "%s", sheet->name);
          else
            g_snprintf (name, sizeof name, "%s (%u)", sheet->name, part);
          worksheet = workbook_add_worksheet (workbook, name);
          for (guint c = 0; c < sheet->n_columns; c++)
            {
              char header[32];

              g_snprintf (header, sizeof header, "Column %u", c + 1);
              worksheet_write_string (worksheet, 0, c, header, bold);
            }
          worksheet_freeze_panes (worksheet, 1, 0);
          for (row = 1; row < LXW_ROW_MAX && done < sheet->rows; row++, done++)
            for (guint c = 0; c < sheet->n_columns; c++)
              {
                Column *column = &sheet->columns[c];
                lxw_datetime moment = { 2024, 1 + done % 12, 1 + done % 28, done % 24,
                                        done % 60, (double) (done % 60) };

                if (column->percent < 100 && (done * 37 + c) % 100 >= column->percent)
                  continue;
                switch (column->type)
                  {
                  case 'i':
                    worksheet_write_number (worksheet, row, c, (double) (done % 1000), NULL);
                    break;
                  case 'n':
                    worksheet_write_number (worksheet, row, c, done * 0.25, NULL);
                    break;
                  case 'd':
                    moment.hour = moment.min = 0;
                    moment.sec = 0;
                    worksheet_write_datetime (worksheet, row, c, &moment, date);
                    break;
                  case 't':
                    worksheet_write_datetime (worksheet, row, c, &moment, datetime);
                    break;
                  case 's':
                  case 'w':
                  case 'u':
                    /* Which value: the same for a run of rows, then another, in no order. */
                    worksheet_write_string (worksheet, row, c,
                                            column->pool[((done / column->run) * 2654435761u + c)
                                                         % column->pool_size],
                                            column->type == 'w' ? wrap : NULL);
                    break;
                  default:
                    break;
                  }
              }
          worksheet_autofilter (worksheet, 0, 0, row - 1, sheet->n_columns - 1);
          for (guint c = 0; c < sheet->n_columns; c++)
            worksheet_set_column (worksheet, c, c, sheet->columns[c].type == 'w' ? 60 : 15, NULL);
        }
    }

  err = workbook_close (workbook);
  if (err != LXW_NO_ERROR)
    {
      fprintf (stderr, "bench-export-floor: %s\n", lxw_strerror (err));
      return 2;
    }
  printf ("%.6f\n", (g_get_monotonic_time () - start) / 1e6);
  return 0;
}
