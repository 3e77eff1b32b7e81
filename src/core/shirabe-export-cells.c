/* shirabe-export-cells.c: stored values as cells
 *
 * A date or a moment becomes a date cell; an attribute value a cell of the attribute's type
 * (a number stored as text is read as one, a boolean's yes or no as 1 or 0), and what does
 * not parse stays text. Here too are the attribute columns of the cases and narratives tables,
 * and the question a writer asks before it guards a text against formula injection: whether a
 * spreadsheet would read the text as a number. The cells that every row writes (text,
 * integers) are static inline in shirabe-export-tables-private.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "shirabe-export-tables-private.h"

static void
cell_number (ShirabeExportCell *cell,
             double             value)
{
  cell_empty (cell);
  cell->type = SHIRABE_CELL_NUMBER;
  cell->number = value;
}

static inline gboolean
two_digits (const char *p,
            int        *value)
{
  if (!g_ascii_isdigit (p[0]) || !g_ascii_isdigit (p[1]))
    return FALSE;
  *value = (p[0] - '0') * 10 + (p[1] - '0');
  return TRUE;
}

/* Exactly "YYYY-MM-DDTHH:MM:SSZ". */
static gboolean
parse_canonical_utc (const char *iso,
                     int        *year,
                     int        *month,
                     int        *day,
                     int        *hour,
                     int        *minute,
                     int        *second)
{
  int century, rest;

  if (strnlen (iso, 21) != 20 || iso[4] != '-' || iso[7] != '-' || iso[10] != 'T' ||
      iso[13] != ':' || iso[16] != ':' || iso[19] != 'Z')
    return FALSE;
  if (!two_digits (iso, &century) || !two_digits (iso + 2, &rest) ||
      !two_digits (iso + 5, month) || !two_digits (iso + 8, day) ||
      !two_digits (iso + 11, hour) || !two_digits (iso + 14, minute) ||
      !two_digits (iso + 17, second))
    return FALSE;
  *year = century * 100 + rest;
  return TRUE;
}

/* "2024-05-01T09:30:00Z" (or with a fraction, an offset, or only the day) → a date cell. */
gboolean
shirabe_export_cell_datetime (ShirabeExportCell *cell,
                              const char        *iso)
{
  int year, month, day, hour, minute, second;

  if (iso == NULL)
    return FALSE;
  /* The form Shirabe stores, read by hand (sscanf took a tenth of a codings export); any
   * other ISO 8601 form through GLib. */
  if (!parse_canonical_utc (iso, &year, &month, &day, &hour, &minute, &second))
    {
      g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
      g_autoptr(GDateTime) parsed = g_date_time_new_from_iso8601 (iso, utc);
      g_autoptr(GDateTime) in_utc = NULL;

      if (parsed == NULL)
        return FALSE;
      in_utc = g_date_time_to_utc (parsed);
      g_date_time_get_ymd (in_utc, &year, &month, &day);
      hour = g_date_time_get_hour (in_utc);
      minute = g_date_time_get_minute (in_utc);
      second = g_date_time_get_second (in_utc);
    }
  if (year < 1900 || year > 9999 || !g_date_valid_dmy (day, month, year) ||
      hour > 23 || minute > 59 || second > 59)
    return FALSE;
  cell_empty (cell);
  cell->type = SHIRABE_CELL_DATETIME;
  cell->year = year;
  cell->month = month;
  cell->day = day;
  cell->hour = hour;
  cell->minute = minute;
  cell->second = second;
  return TRUE;
}

static gboolean
cell_date (ShirabeExportCell *cell,
           const char        *text)
{
  int year, month, day;
  int consumed = 0;

  if (text == NULL ||
      sscanf (text, "%4d-%2d-%2d%n", &year, &month, &day, &consumed) != 3 ||
      text[consumed] != '\0' || consumed != 10 ||
      year < 1900 || year > 9999 || !g_date_valid_dmy (day, month, year))
    return FALSE;
  cell_empty (cell);
  cell->type = SHIRABE_CELL_DATE;
  cell->year = year;
  cell->month = month;
  cell->day = day;
  return TRUE;
}

static gboolean
parse_int64 (const char *text,
             gint64     *value)
{
  char *end = NULL;

  if (text == NULL || *text == '\0')
    return FALSE;
  errno = 0;
  *value = g_ascii_strtoll (text, &end, 10);
  return errno == 0 && end != text && *end == '\0';
}

static gboolean
parse_double (const char *text,
              double     *value)
{
  char *end = NULL;

  if (text == NULL || *text == '\0')
    return FALSE;
  errno = 0;
  *value = g_ascii_strtod (text, &end);
  return errno == 0 && end != text && *end == '\0' && isfinite (*value);
}

gboolean
shirabe_export_text_is_number (const char *text,
                               gsize       len)
{
  char buffer[64];
  double value;

  /* Numbers are short; text longer than any number is no number. */
  if (len == 0 || len >= sizeof buffer)
    return FALSE;
  memcpy (buffer, text, len);
  buffer[len] = '\0';
  for (gsize i = 0; i < len; i++)
    if (!g_ascii_isdigit (buffer[i]) && strchr ("+-.eE", buffer[i]) == NULL)
      return FALSE;
  return parse_double (buffer, &value);
}

/* An attribute value as stored (any SQLite type) → a cell of the attribute's type. */
static void
cell_value (Exporter          *self,
            ShirabeExportCell *cell,
            ValueType          type,
            sqlite3_stmt      *stmt,
            int                column)
{
  int storage = sqlite3_column_type (stmt, column);
  const char *text;
  char *copy;
  gint64 integer;
  double number;

  if (storage == SQLITE_NULL)
    {
      cell_empty (cell);
      return;
    }
  text = (const char *) sqlite3_column_text (stmt, column);

  switch (type)
    {
    case VALUE_INTEGER:
    case VALUE_BOOLEAN:
      if (storage == SQLITE_INTEGER)
        {
          cell_integer (cell, sqlite3_column_int64 (stmt, column));
          return;
        }
      if (parse_int64 (text, &integer))
        {
          cell_integer (cell, integer);
          return;
        }
      if (type == VALUE_BOOLEAN && text != NULL)
        {
          if (g_ascii_strcasecmp (text, "true") == 0 || g_ascii_strcasecmp (text, "yes") == 0)
            {
              cell_integer (cell, 1);
              return;
            }
          if (g_ascii_strcasecmp (text, "false") == 0 || g_ascii_strcasecmp (text, "no") == 0)
            {
              cell_integer (cell, 0);
              return;
            }
        }
      break;
    case VALUE_NUMBER:
      if (storage == SQLITE_INTEGER || storage == SQLITE_FLOAT)
        {
          cell_number (cell, sqlite3_column_double (stmt, column));
          return;
        }
      if (parse_double (text, &number))
        {
          cell_number (cell, number);
          return;
        }
      break;
    case VALUE_DATE:
      if (cell_date (cell, text))
        return;
      break;
    case VALUE_TEXT:
    default:
      break;
    }

  /* The attribute statement steps on before the row is written: keep a copy. */
  copy = g_strdup (text);
  g_ptr_array_add (self->row_strings, copy);
  cell_text (self, cell, copy);
}

static ShirabeColumnKind
column_kind_for (ValueType type)
{
  switch (type)
    {
    case VALUE_INTEGER:
    case VALUE_BOOLEAN:
      return SHIRABE_COLUMN_INTEGER;
    case VALUE_NUMBER:
      return SHIRABE_COLUMN_NUMBER;
    case VALUE_DATE:
      return SHIRABE_COLUMN_DATE;
    case VALUE_TEXT:
    default:
      return SHIRABE_COLUMN_TEXT;
    }
}

/* The attribute columns of a case or narrative: one statement for the owner's values. */
gboolean
shirabe_export_fill_attribute_cells (Exporter           *self,
                                     sqlite3_stmt       *stmt,
                                     gint64              owner_id,
                                     GPtrArray          *attributes,
                                     GHashTable         *attribute_by_id,
                                     ShirabeExportCell  *cells,
                                     GError            **error)
{
  int rc;

  for (guint i = 0; i < attributes->len; i++)
    cell_empty (&cells[((ExportAttribute *) g_ptr_array_index (attributes, i))->column]);
  if (attributes->len == 0)
    return TRUE;

  sqlite3_reset (stmt);
  sqlite3_bind_int64 (stmt, 1, owner_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 attribute_id = sqlite3_column_int64 (stmt, 0);
      ExportAttribute *attribute = g_hash_table_lookup (attribute_by_id, &attribute_id);

      if (attribute == NULL)
        continue;
      if (attribute->full->type == SHIRABE_ATTRIBUTE_CHOICE && self->choice_labels &&
          sqlite3_column_type (stmt, 1) != SQLITE_NULL)
        {
          /* The label, or the stored value when it has none: that is the statement's text,
           * which it frees as it steps on, before the row is written. So a copy, as
           * cell_value() keeps. */
          char *label = g_strdup (shirabe_attribute_get_choice_label (
            attribute->full, (const char *) sqlite3_column_text (stmt, 1),
            self->lang == 2 ? SHIRABE_LANGUAGE_JA : SHIRABE_LANGUAGE_EN));

          g_ptr_array_add (self->row_strings, label);
          cell_text (self, &cells[attribute->column], label);
        }
      else
        cell_value (self, &cells[attribute->column], attribute->type, stmt, 1);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return sqlite_failed (self, rc, error);
  return TRUE;
}

void
shirabe_export_add_attribute_columns (Exporter     *self,
                                      TableBuilder *builder,
                                      GPtrArray    *attributes,
                                      GHashTable   *attribute_by_id)
{
  for (guint i = 0; i < attributes->len; i++)
    {
      ExportAttribute *attribute = g_ptr_array_index (attributes, i);

      attribute->column = table_builder_add (builder,
                                             self->names ? attribute->var_name
                                                         : attribute->header_label,
                                             column_kind_for (attribute->type));
      table_builder_label (builder, attribute->column, attribute->header_label,
                           attribute->full->type == SHIRABE_ATTRIBUTE_CHOICE
                           ? &attribute->choices
                           : attribute->type == VALUE_BOOLEAN ? &self->yes_no_set : NULL);
      g_hash_table_insert (attribute_by_id, &attribute->id, attribute);
    }
}
