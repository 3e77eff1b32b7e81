/* shirabe-attribute-import.c: case attributes from a CSV or XLSX table
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * CSV: decoded as any text file (UTF-8 with or without a BOM, CP932 as Excel in Japan writes
 * it…), its separator the most frequent of comma, semicolon and tab in the header line, fields
 * quoted as RFC 4180 says. XLSX: the zip read within the document limits, the sheet found
 * through workbook.xml and its relationships, shared strings without their phonetic guides
 * (rPh, the furigana Excel-ja keeps beside Japanese names), and cells with a date format turned
 * into YYYY-MM-DD.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "shirabe-attribute-import.h"
#include "shirabe-document-private.h"

#include "shirabe-case.h"
#include "shirabe-error.h"
#include "shirabe-i18n.h"
#include "shirabe-project-private.h"
#include "shirabe-text.h"

#define MAX_CHOICES 12

typedef GPtrArray Table;   /* rows: GPtrArray of char * */

static void
column_free (ShirabeAttributeImportColumn *column)
{
  g_free (column->header);
  g_strfreev (column->choices);
  g_free (column);
}

static void
problem_free (ShirabeAttributeImportProblem *problem)
{
  g_free (problem->column);
  g_free (problem->message);
  g_free (problem);
}

void
shirabe_attribute_import_free (ShirabeAttributeImport *self)
{
  if (self == NULL)
    return;
  g_ptr_array_unref (self->columns);
  g_ptr_array_unref (self->problems);
  g_free (self);
}

static void add_problem (ShirabeAttributeImport *report, guint row, const char *column,
                         const char *format, ...) G_GNUC_PRINTF (4, 5);

static void
add_problem (ShirabeAttributeImport *report,
             guint                   row,
             const char             *column,
             const char             *format,
             ...)
{
  ShirabeAttributeImportProblem *problem = g_new0 (ShirabeAttributeImportProblem, 1);
  va_list args;

  problem->row = row;
  problem->column = g_strdup (column);
  va_start (args, format);
  problem->message = g_strdup_vprintf (format, args);
  va_end (args);
  g_ptr_array_add (report->problems, problem);
}

static GPtrArray *
new_row (void)
{
  return g_ptr_array_new_with_free_func (g_free);
}

/* CSV */

static char
guess_separator (const char *text)
{
  guint counts[3] = { 0 };
  const char separators[3] = { ',', ';', '\t' };
  gboolean quoted = FALSE;
  guint best = 0;

  for (const char *p = text; *p != '\0' && (*p != '\n' || quoted); p++)
    {
      if (*p == '"')
        quoted = !quoted;
      else if (!quoted)
        for (guint i = 0; i < 3; i++)
          if (*p == separators[i])
            counts[i]++;
    }
  for (guint i = 1; i < 3; i++)
    if (counts[i] > counts[best])
      best = i;
  return separators[best];
}

static Table *
read_csv (const char  *data,
          gsize        size,
          const char  *display,
          GError     **error)
{
  g_autofree char *text = shirabe_text_decode (data, size, NULL, display, NULL, error);
  Table *table;
  GPtrArray *row;
  GString *field;
  gboolean quoted = FALSE;
  char separator;

  if (text == NULL)
    return NULL;
  separator = guess_separator (text);
  table = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  row = new_row ();
  field = g_string_new (NULL);
  for (const char *p = text;; p++)
    {
      if (quoted)
        {
          if (*p == '\0')
            break;
          if (*p == '"' && p[1] == '"')
            {
              g_string_append_c (field, '"');
              p++;
            }
          else if (*p == '"')
            quoted = FALSE;
          else
            g_string_append_c (field, *p);
          continue;
        }
      if (*p == '"' && field->len == 0)
        quoted = TRUE;
      else if (*p == separator)
        {
          g_ptr_array_add (row, g_strdup (g_strstrip (field->str)));
          g_string_truncate (field, 0);
        }
      else if (*p == '\n' || *p == '\0')
        {
          g_ptr_array_add (row, g_strdup (g_strstrip (field->str)));
          g_string_truncate (field, 0);
          /* A blank line is no row. */
          if (row->len > 1 || *(char *) row->pdata[0] != '\0')
            g_ptr_array_add (table, row);
          else
            g_ptr_array_unref (row);
          if (*p == '\0')
            break;
          row = new_row ();
        }
      else
        g_string_append_c (field, *p);
    }
  if (quoted)
    {
      g_ptr_array_unref (table);
      g_string_free (field, TRUE);
      g_set_error (error, SHIRABE_ERROR, SHIRABE_ERROR_INVALID,
                   _("“%s” ends inside a quoted field: a quote is missing"), display);
      return NULL;
    }
  g_string_free (field, TRUE);
  return table;
}

/* XLSX */

/* The shared strings, without the phonetic guides (rPh) Excel-ja keeps beside names. */
static GPtrArray *
read_shared_strings (GBytes *part)
{
  GPtrArray *strings = g_ptr_array_new_with_free_func (g_free);
  xmlTextReaderPtr reader;
  GString *current = NULL;
  int phonetic_depth = -1;
  gboolean in_t = FALSE;

  if (part == NULL || (reader = shirabe_xml_reader_new (part)) == NULL)
    return strings;
  while (xmlTextReaderRead (reader) == 1)
    {
      int type = xmlTextReaderNodeType (reader);
      int depth = xmlTextReaderDepth (reader);
      const xmlChar *name = xmlTextReaderConstLocalName (reader);

      if (phonetic_depth >= 0)
        {
          if (type == XML_READER_TYPE_END_ELEMENT && depth == phonetic_depth)
            phonetic_depth = -1;
          continue;
        }
      if (type == XML_READER_TYPE_ELEMENT && shirabe_xml_is (name, "si"))
        current = g_string_new (NULL);
      else if (type == XML_READER_TYPE_ELEMENT && shirabe_xml_is (name, "rPh") &&
               !xmlTextReaderIsEmptyElement (reader))
        phonetic_depth = depth;
      else if (type == XML_READER_TYPE_ELEMENT && shirabe_xml_is (name, "t"))
        in_t = !xmlTextReaderIsEmptyElement (reader);
      else if (type == XML_READER_TYPE_END_ELEMENT && shirabe_xml_is (name, "t"))
        in_t = FALSE;
      else if ((type == XML_READER_TYPE_TEXT || type == XML_READER_TYPE_SIGNIFICANT_WHITESPACE) &&
               in_t && current != NULL)
        g_string_append (current, (const char *) xmlTextReaderConstValue (reader));
      else if (type == XML_READER_TYPE_END_ELEMENT && shirabe_xml_is (name, "si") &&
               current != NULL)
        {
          g_ptr_array_add (strings, g_string_free (current, FALSE));
          current = NULL;
        }
    }
  if (current != NULL)
    g_string_free (current, TRUE);
  xmlFreeTextReader (reader);
  return strings;
}

static gboolean
is_date_format (guint       id,
                const char *code)
{
  if ((id >= 14 && id <= 17) || id == 22 || (id >= 27 && id <= 36) || (id >= 50 && id <= 58))
    return TRUE;
  if (code == NULL)
    return FALSE;
  /* A custom format is a date when it shows a year or a day outside quotes and brackets. */
  for (const char *p = code; *p != '\0'; p++)
    {
      if (*p == '"')
        {
          p = strchr (p + 1, '"');
          if (p == NULL)
            return FALSE;
          continue;
        }
      if (*p == '[')
        {
          p = strchr (p + 1, ']');
          if (p == NULL)
            return FALSE;
          continue;
        }
      if (*p == 'y' || *p == 'Y' || *p == 'd' || *p == 'D')
        return TRUE;
    }
  return FALSE;
}

/* For each cell style (cellXfs' order): whether it shows a date. */
static GArray *
read_date_styles (GBytes *part)
{
  GArray *dates = g_array_new (FALSE, FALSE, sizeof (gboolean));
  g_autoptr(GHashTable) codes = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  xmlTextReaderPtr reader;
  gboolean in_cell_xfs = FALSE;

  if (part == NULL || (reader = shirabe_xml_reader_new (part)) == NULL)
    return dates;
  while (xmlTextReaderRead (reader) == 1)
    {
      int type = xmlTextReaderNodeType (reader);
      const xmlChar *name = xmlTextReaderConstLocalName (reader);

      if (type == XML_READER_TYPE_ELEMENT && shirabe_xml_is (name, "numFmt"))
        {
          g_autofree char *id = shirabe_xml_dup_attribute (reader, "numFmtId");

          if (id != NULL)
            g_hash_table_insert (codes, GUINT_TO_POINTER ((guint) g_ascii_strtoull (id, NULL, 10)),
                                 shirabe_xml_dup_attribute (reader, "formatCode"));
        }
      else if (type == XML_READER_TYPE_ELEMENT && shirabe_xml_is (name, "cellXfs"))
        in_cell_xfs = !xmlTextReaderIsEmptyElement (reader);
      else if (type == XML_READER_TYPE_END_ELEMENT && shirabe_xml_is (name, "cellXfs"))
        in_cell_xfs = FALSE;
      else if (type == XML_READER_TYPE_ELEMENT && shirabe_xml_is (name, "xf") && in_cell_xfs)
        {
          g_autofree char *id_text = shirabe_xml_dup_attribute (reader, "numFmtId");
          guint id = id_text != NULL ? (guint) g_ascii_strtoull (id_text, NULL, 10) : 0;
          gboolean date = is_date_format (id, g_hash_table_lookup (codes, GUINT_TO_POINTER (id)));

          g_array_append_val (dates, date);
        }
    }
  xmlFreeTextReader (reader);
  return dates;
}

/* Excel's day number (1900 system, with its 29 February 1900 that never was) as YYYY-MM-DD. */
static char *
serial_to_date (const char *value)
{
  double serial = g_ascii_strtod (value, NULL);
  g_autoptr(GDate) date = g_date_new_dmy (30, G_DATE_DECEMBER, 1899);

  if (serial < 1 || serial > 2958465)
    return g_strdup (value);
  if (serial < 61)
    serial += 1;
  g_date_add_days (date, (guint) serial);
  return g_strdup_printf ("%04u-%02u-%02u", g_date_get_year (date), g_date_get_month (date),
                          g_date_get_day (date));
}

static guint
column_index (const char *reference)
{
  guint index = 0;

  for (const char *p = reference; p != NULL && g_ascii_isalpha (*p); p++)
    index = index * 26 + (guint) (g_ascii_toupper (*p) - 'A' + 1);
  return index > 0 ? index - 1 : 0;
}

static Table *
read_sheet (GBytes     *part,
            GPtrArray  *strings,
            GArray     *date_styles,
            const char *display,
            GError    **error)
{
  Table *table = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  xmlTextReaderPtr reader = shirabe_xml_reader_new (part);
  GPtrArray *row = NULL;
  g_autofree char *cell_type = NULL;
  g_autofree char *cell_ref = NULL;
  guint cell_style = 0;
  GString *value = g_string_new (NULL);
  gboolean in_value = FALSE;
  int rc;

  if (reader == NULL)
    {
      shirabe_xml_set_error (error, display, "xl/worksheets");
      g_ptr_array_unref (table);
      g_string_free (value, TRUE);
      return NULL;
    }
  while ((rc = xmlTextReaderRead (reader)) == 1)
    {
      int type = xmlTextReaderNodeType (reader);
      const xmlChar *name = xmlTextReaderConstLocalName (reader);

      if (type == XML_READER_TYPE_ELEMENT && shirabe_xml_is (name, "row"))
        {
          row = new_row ();
          g_ptr_array_add (table, row);
        }
      else if (type == XML_READER_TYPE_ELEMENT && shirabe_xml_is (name, "c") && row != NULL)
        {
          g_autofree char *style = shirabe_xml_dup_attribute (reader, "s");

          g_free (cell_type);
          g_free (cell_ref);
          cell_type = shirabe_xml_dup_attribute (reader, "t");
          cell_ref = shirabe_xml_dup_attribute (reader, "r");
          cell_style = style != NULL ? (guint) g_ascii_strtoull (style, NULL, 10) : 0;
          g_string_truncate (value, 0);
          if (xmlTextReaderIsEmptyElement (reader))
            continue;
        }
      else if (type == XML_READER_TYPE_ELEMENT &&
               (shirabe_xml_is (name, "v") || shirabe_xml_is (name, "t")))
        in_value = !xmlTextReaderIsEmptyElement (reader);
      else if (type == XML_READER_TYPE_END_ELEMENT &&
               (shirabe_xml_is (name, "v") || shirabe_xml_is (name, "t")))
        in_value = FALSE;
      else if ((type == XML_READER_TYPE_TEXT || type == XML_READER_TYPE_SIGNIFICANT_WHITESPACE) &&
               in_value)
        g_string_append (value, (const char *) xmlTextReaderConstValue (reader));
      else if (type == XML_READER_TYPE_END_ELEMENT && shirabe_xml_is (name, "c") && row != NULL)
        {
          guint index = column_index (cell_ref);
          char *text;

          if (g_strcmp0 (cell_type, "s") == 0)
            {
              guint64 n = g_ascii_strtoull (value->str, NULL, 10);

              text = g_strdup (n < strings->len ? (const char *) strings->pdata[n] : "");
            }
          else if (g_strcmp0 (cell_type, "b") == 0)
            text = g_strdup (g_strcmp0 (value->str, "1") == 0 ? "true" : "false");
          else if (g_strcmp0 (cell_type, "e") == 0)
            text = g_strdup ("");
          else if (cell_type == NULL || g_strcmp0 (cell_type, "n") == 0)
            text = cell_style < date_styles->len &&
                   g_array_index (date_styles, gboolean, cell_style) && value->len > 0
                   ? serial_to_date (value->str) : g_strdup (value->str);
          else
            text = g_strdup (value->str);
          /* Cells left out of a row are empty. */
          while (row->len < index && index < 16384)
            g_ptr_array_add (row, g_strdup (""));
          g_ptr_array_add (row, g_strstrip (text));
        }
    }
  xmlFreeTextReader (reader);
  g_string_free (value, TRUE);
  if (rc != 0)
    {
      shirabe_xml_set_error (error, display, "xl/worksheets");
      g_ptr_array_unref (table);
      return NULL;
    }
  return table;
}

/* The sheet named @wanted (or the first): its part's name in the zip. */
static char *
find_sheet (GBytes      *workbook,
            GBytes      *relationships,
            const char  *wanted,
            const char  *display,
            GError     **error)
{
  g_autofree char *id = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  xmlTextReaderPtr reader;
  char *target = NULL;

  if (workbook == NULL || relationships == NULL ||
      (reader = shirabe_xml_reader_new (workbook)) == NULL)
    {
      g_set_error (error, SHIRABE_ERROR, SHIRABE_ERROR_CORRUPT,
                   _("“%s” is not a workbook: it has no xl/workbook.xml"), display);
      return NULL;
    }
  while (xmlTextReaderRead (reader) == 1 && id == NULL)
    if (xmlTextReaderNodeType (reader) == XML_READER_TYPE_ELEMENT &&
        shirabe_xml_is (xmlTextReaderConstLocalName (reader), "sheet"))
      {
        g_autofree char *name = shirabe_xml_dup_attribute (reader, "name");

        if (wanted == NULL || g_strcmp0 (name, wanted) == 0)
          id = shirabe_xml_dup_attribute (reader, "id");
        g_ptr_array_add (names, g_steal_pointer (&name));
      }
  xmlFreeTextReader (reader);
  if (id == NULL)
    {
      g_ptr_array_add (names, NULL);
      g_autofree char *list = g_strjoinv (", ", (char **) names->pdata);

      g_set_error (error, SHIRABE_ERROR, SHIRABE_ERROR_NOT_FOUND,
                   _("“%s” has no sheet “%s”; its sheets are: %s"), display,
                   wanted != NULL ? wanted : "", list);
      return NULL;
    }
  if ((reader = shirabe_xml_reader_new (relationships)) == NULL)
    return NULL;
  while (xmlTextReaderRead (reader) == 1 && target == NULL)
    if (xmlTextReaderNodeType (reader) == XML_READER_TYPE_ELEMENT &&
        shirabe_xml_is (xmlTextReaderConstLocalName (reader), "Relationship"))
      {
        g_autofree char *rel_id = shirabe_xml_dup_attribute (reader, "Id");
        g_autofree char *rel_target = shirabe_xml_dup_attribute (reader, "Target");

        if (g_strcmp0 (rel_id, id) == 0 && rel_target != NULL)
          target = rel_target[0] == '/' ? g_strdup (rel_target + 1)
                                        : g_strconcat ("xl/", rel_target, NULL);
      }
  xmlFreeTextReader (reader);
  if (target == NULL)
    g_set_error (error, SHIRABE_ERROR, SHIRABE_ERROR_CORRUPT,
                 _("“%s” is damaged: its sheet cannot be found"), display);
  return target;
}

static Table *
read_xlsx (const char  *data,
           gsize        size,
           const char  *sheet,
           const char  *display,
           GError     **error)
{
  static const char *const names[] = {
    "xl/workbook.xml", "xl/_rels/workbook.xml.rels", "xl/sharedStrings.xml", "xl/styles.xml",
    NULL,
  };
  g_autoptr(GHashTable) parts = shirabe_zip_read_parts (data, size, names, NULL, display, error);
  g_autoptr(GHashTable) sheet_parts = NULL;
  g_autoptr(GPtrArray) strings = NULL;
  g_autoptr(GArray) date_styles = NULL;
  g_autofree char *target = NULL;
  const char *sheet_names[2] = { NULL, NULL };
  GBytes *part;

  if (parts == NULL)
    return NULL;
  target = find_sheet (g_hash_table_lookup (parts, "xl/workbook.xml"),
                       g_hash_table_lookup (parts, "xl/_rels/workbook.xml.rels"), sheet,
                       display, error);
  if (target == NULL)
    return NULL;
  sheet_names[0] = target;
  sheet_parts = shirabe_zip_read_parts (data, size, sheet_names, NULL, display, error);
  if (sheet_parts == NULL)
    return NULL;
  part = g_hash_table_lookup (sheet_parts, target);
  if (part == NULL)
    {
      g_set_error (error, SHIRABE_ERROR, SHIRABE_ERROR_CORRUPT,
                   _("“%s” is damaged: its sheet cannot be found"), display);
      return NULL;
    }
  strings = read_shared_strings (g_hash_table_lookup (parts, "xl/sharedStrings.xml"));
  date_styles = read_date_styles (g_hash_table_lookup (parts, "xl/styles.xml"));
  return read_sheet (part, strings, date_styles, display, error);
}

/* Types */

static const char *
cell (GPtrArray *row,
      guint      index)
{
  return index < row->len ? row->pdata[index] : "";
}

/* "2003/11/5" (Excel-ja's way of writing dates) as "2003-11-05"; anything else as it is. */
static char *
normalise_date (const char *text)
{
  guint y, m, d;
  char extra;

  if (sscanf (text, "%u/%u/%u%c", &y, &m, &d, &extra) == 3 && y >= 1000 && m >= 1 && m <= 12 &&
      d >= 1 && d <= 31)
    return g_strdup_printf ("%04u-%02u-%02u", y, m, d);
  return g_strdup (text);
}

static gboolean
all_parse (Table                *table,
           guint                 index,
           ShirabeAttributeType  type)
{
  for (guint r = 1; r < table->len; r++)
    {
      g_autofree char *text = normalise_date (cell (table->pdata[r], index));
      g_autofree char *normal = NULL;

      if (*text == '\0')
        continue;
      if (!shirabe_attribute_parse_value (type, NULL, text, &normal, NULL))
        return FALSE;
    }
  return TRUE;
}

static void
infer_type (ShirabeAttributeImportColumn *column,
            Table                        *table,
            guint                         index)
{
  static const ShirabeAttributeType order[] = {
    SHIRABE_ATTRIBUTE_INTEGER, SHIRABE_ATTRIBUTE_NUMBER, SHIRABE_ATTRIBUTE_DATE,
    SHIRABE_ATTRIBUTE_BOOLEAN,
  };
  g_autoptr(GHashTable) distinct = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) choices = g_ptr_array_new ();

  for (guint r = 1; r < table->len; r++)
    {
      const char *text = cell (table->pdata[r], index);

      if (*text == '\0')
        continue;
      column->n_values++;
      if (g_hash_table_add (distinct, (gpointer) text))
        g_ptr_array_add (choices, (gpointer) text);
    }
  if (column->n_values == 0)
    {
      column->type = SHIRABE_ATTRIBUTE_TEXT;
      return;
    }
  for (guint i = 0; i < G_N_ELEMENTS (order); i++)
    if (all_parse (table, index, order[i]))
      {
        column->type = order[i];
        return;
      }
  /* A choice when a few values repeat: nationality, gender, region. */
  if (choices->len <= MAX_CHOICES && choices->len * 2 <= column->n_values)
    {
      column->type = SHIRABE_ATTRIBUTE_CHOICE;
      g_ptr_array_add (choices, NULL);
      column->choices = g_strdupv ((char **) choices->pdata);
      return;
    }
  column->type = SHIRABE_ATTRIBUTE_TEXT;
}

/* The existing case attribute a header names, by variable name or name in either language. */
static ShirabeAttribute *
find_attribute (GPtrArray  *attributes,
                const char *header)
{
  for (guint i = 0; i < attributes->len; i++)
    {
      ShirabeAttribute *attribute = attributes->pdata[i];

      if (g_strcmp0 (attribute->var_name, header) == 0 ||
          g_strcmp0 (attribute->name_en, header) == 0 ||
          g_strcmp0 (attribute->name_ja, header) == 0)
        return attribute;
    }
  return NULL;
}

static gboolean
has_japanese (const char *text)
{
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    if (g_utf8_get_char (p) >= 0x3000)
      return TRUE;
  return FALSE;
}

/* Applying */

static gboolean
apply (ShirabeProject         *project,
       ShirabeAttributeImport *report,
       Table                  *table,
       guint                   case_index,
       GArray                 *case_ids,
       GError                **error)
{
  g_autoptr(GArray) attribute_ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (guint c = 0; c < report->columns->len; c++)
    {
      ShirabeAttributeImportColumn *column = report->columns->pdata[c];
      gint64 id = column->attribute_id;

      if (id == 0)
        {
          gboolean japanese = has_japanese (column->header);

          id = shirabe_project_add_attribute (project, SHIRABE_SCOPE_CASE,
                                              japanese ? "" : column->header,
                                              japanese ? column->header : "", NULL, column->type,
                                              (const char * const *) column->choices, error);
          if (id == 0)
            return FALSE;
          column->attribute_id = id;
        }
      g_array_append_val (attribute_ids, id);
    }
  for (guint r = 1; r < table->len; r++)
    {
      GPtrArray *row = table->pdata[r];
      gint64 case_id = g_array_index (case_ids, gint64, r);
      guint data_column = 0;

      for (guint i = 0; i < MAX (row->len, report->columns->len + 1); i++)
        {
          g_autofree char *text = NULL;

          if (i == case_index)
            continue;
          if (data_column >= report->columns->len)
            break;
          text = normalise_date (cell (row, i));
          if (*text != '\0')
            {
              if (!shirabe_project_set_attribute_value (project,
                                                        g_array_index (attribute_ids, gint64,
                                                                       data_column),
                                                        case_id, text, error))
                return FALSE;
              report->n_values_set++;
            }
          data_column++;
        }
    }
  return TRUE;
}

ShirabeAttributeImport *
shirabe_project_import_attributes (ShirabeProject                      *project,
                                   const char                          *path,
                                   const ShirabeAttributeImportOptions *options,
                                   GError                             **error)
{
  static const ShirabeAttributeImportOptions defaults = { 0 };
  g_autoptr(ShirabeAttributeImport) report = g_new0 (ShirabeAttributeImport, 1);
  g_autofree char *display = g_filename_display_basename (path);
  g_autofree char *data = NULL;
  g_autoptr(GPtrArray) table = NULL;
  g_autoptr(GPtrArray) attributes = NULL;
  g_autoptr(GArray) case_ids = g_array_new (FALSE, TRUE, sizeof (gint64));
  g_autoptr(GHashTable) seen = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GHashTable) new_cases = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GError) local_error = NULL;
  GPtrArray *header;
  guint case_index = 0;
  gsize size = 0;

  g_return_val_if_fail (SHIRABE_IS_PROJECT (project), NULL);
  g_return_val_if_fail (path != NULL, NULL);

  if (options == NULL)
    options = &defaults;
  report->columns = g_ptr_array_new_with_free_func ((GDestroyNotify) column_free);
  report->problems = g_ptr_array_new_with_free_func ((GDestroyNotify) problem_free);

  if (!g_file_get_contents (path, &data, &size, &local_error))
    {
      g_set_error (error, SHIRABE_ERROR, SHIRABE_ERROR_NOT_FOUND, _("“%s” cannot be read: %s"),
                   display, local_error->message);
      return NULL;
    }
  table = size >= 4 && memcmp (data, "PK\003\004", 4) == 0
          ? read_xlsx (data, size, options->sheet, display, error)
          : read_csv (data, size, display, error);
  if (table == NULL)
    return NULL;
  if (table->len < 2)
    {
      g_set_error (error, SHIRABE_ERROR, SHIRABE_ERROR_EMPTY,
                   _("“%s” has no rows below its header"), display);
      return NULL;
    }
  header = table->pdata[0];
  if (options->case_column != NULL)
    {
      guint i;

      for (i = 0; i < header->len && g_strcmp0 (header->pdata[i], options->case_column) != 0; i++)
        ;
      if (i == header->len)
        {
          g_set_error (error, SHIRABE_ERROR, SHIRABE_ERROR_NOT_FOUND,
                       _("“%s” has no column “%s” to name the cases"), display,
                       options->case_column);
          return NULL;
        }
      case_index = i;
    }
  report->n_rows = table->len - 1;

  /* The columns: existing attributes, or new ones of an inferred or forced type. */
  attributes = shirabe_project_list_attributes (project, SHIRABE_SCOPE_CASE, error);
  if (attributes == NULL)
    return NULL;
  for (guint i = 0; i < header->len; i++)
    {
      ShirabeAttributeImportColumn *column;
      ShirabeAttribute *existing;
      gpointer forced = NULL;

      if (i == case_index)
        continue;
      if (*(char *) header->pdata[i] == '\0')
        {
          add_problem (report, 1, NULL, _("Column %u has no header"), i + 1);
          continue;
        }
      column = g_new0 (ShirabeAttributeImportColumn, 1);
      column->header = g_strdup (header->pdata[i]);
      existing = find_attribute (attributes, column->header);
      column->is_new = existing == NULL;
      if (existing != NULL)
        {
          column->attribute_id = existing->id;
          column->type = existing->type;
          for (guint r = 1; r < table->len; r++)
            column->n_values += *cell (table->pdata[r], i) != '\0';
        }
      else if (options->forced_types != NULL &&
               (forced = g_hash_table_lookup (options->forced_types, column->header)) != NULL)
        {
          column->type = GPOINTER_TO_INT (forced) - 1;
          column->forced = TRUE;
          for (guint r = 1; r < table->len; r++)
            column->n_values += *cell (table->pdata[r], i) != '\0';
        }
      else
        infer_type (column, table, i);
      g_ptr_array_add (report->columns, column);

      /* Every value must fit its column's type. */
      for (guint r = 1; r < table->len; r++)
        {
          g_autofree char *text = normalise_date (cell (table->pdata[r], i));
          g_autofree char *normal = NULL;
          g_autoptr(GError) value_error = NULL;

          if (*text == '\0' || column->type == SHIRABE_ATTRIBUTE_TEXT)
            continue;
          if (!shirabe_attribute_parse_value (column->type,
                                              existing != NULL
                                              ? (const char * const *) existing->choices
                                              : (const char * const *) column->choices,
                                              text, &normal, &value_error))
            add_problem (report, r + 1, column->header, "%s", value_error->message);
        }
    }

  /* The cases: each row's, known, or created when asked; each once. */
  g_array_set_size (case_ids, table->len);
  for (guint r = 1; r < table->len; r++)
    {
      const char *name = cell (table->pdata[r], case_index);
      g_autoptr(GError) find_error = NULL;
      gint64 id;

      if (*name == '\0')
        {
          add_problem (report, r + 1, header->pdata[case_index], _("The row names no case"));
          continue;
        }
      id = shirabe_project_find_case (project, name, &find_error);
      if (id == 0 && !options->create_cases)
        {
          add_problem (report, r + 1, header->pdata[case_index],
                       _("There is no case “%s” (import with --create-cases to add it)"), name);
          continue;
        }
      if (id == 0)
        {
          if (g_hash_table_contains (new_cases, name))
            add_problem (report, r + 1, header->pdata[case_index],
                         _("Case “%s” is named by an earlier row too"), name);
          g_hash_table_add (new_cases, g_strdup (name));
          continue;
        }
      g_array_index (case_ids, gint64, r) = id;
      if (!g_hash_table_add (seen, &g_array_index (case_ids, gint64, r)))
        add_problem (report, r + 1, header->pdata[case_index],
                     _("Case “%s” is named by an earlier row too"), name);
    }

  if (report->problems->len > 0 || options->dry_run)
    {
      report->n_cases_created = g_hash_table_size (new_cases);
      return g_steal_pointer (&report);
    }

  /* One transaction, one undo step: all of it or nothing. */
  if (!shirabe_project_begin_edit (project, error))
    return NULL;
  {
    gboolean ok = TRUE;

    for (guint r = 1; ok && r < table->len; r++)
      if (g_array_index (case_ids, gint64, r) == 0)
        {
          gint64 id = shirabe_project_add_case (project, cell (table->pdata[r], case_index),
                                                error);

          ok = id != 0;
          g_array_index (case_ids, gint64, r) = id;
          report->n_cases_created += ok;
        }
    ok = ok && apply (project, report, table, case_index, case_ids, error);
    if (!shirabe_project_end_edit (project, ok, _("Import Case Attributes"), ok ? error : NULL) ||
        !ok)
      return NULL;
  }
  report->applied = TRUE;
  return g_steal_pointer (&report);
}
