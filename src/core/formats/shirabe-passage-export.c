/* shirabe-passage-export.c: a passage list as a quote list for a paper (XLSX or CSV)
 *
 * One row per passage, then the case's attributes as columns. Written through the statistics
 * export's sinks, so the target is checked, the file published whole, cells cut at Excel's
 * limit with that export's marker (shirabe-export-cut.c) and formulas guarded as that export
 * does.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "shirabe-attribute.h"
#include "shirabe-error.h"
#include "shirabe-export-private.h"
#include "shirabe-i18n.h"
#include "shirabe-passages.h"
#include "shirabe-passages-private.h"

#define N_FIXED 10

static gboolean
is_csv_name (const char *path)
{
  g_autofree char *base = g_path_get_basename (path);
  gsize n = strlen (base);

  return n > 4 && g_ascii_strcasecmp (base + n - 4, ".csv") == 0;
}

gboolean
shirabe_passage_list_export (ShirabePassageList         *self,
                             const char                 *path,
                             const ShirabeExportOptions *options,
                             GError                    **error)
{
  ShirabeProject *project;
  g_autoptr (GPtrArray) attributes = NULL;
  g_autoptr (GArray) columns = g_array_new (FALSE, TRUE, sizeof (ShirabeExportColumn));
  g_autoptr (GHashTable) labels = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  ShirabeExportResult result = { 0 };
  ShirabeExportMeta meta = { NULL, NULL, NULL };
  ShirabeExportTable table;
  ShirabeExportSink *sink;
  ShirabeLanguage language = options->language;
  gboolean names = options->header == SHIRABE_EXPORT_HEADER_NAMES;
  guint max_chars = options->max_chars > 0 ? MIN (options->max_chars, SHIRABE_EXPORT_MAX_CHARS)
                                           : SHIRABE_EXPORT_MAX_CHARS;
  gint64 case_id = -1;
  g_autoptr (GPtrArray) values = NULL;
  gboolean ok = TRUE;
  const char *fixed_names[N_FIXED] = {
    "case", "narrative", "codes", "coders", "start", "end", "passage", "context_before",
    "context_after", "memo",
  };
  const char *fixed_labels[N_FIXED] = {
    N_("Case"), N_("Narrative"), N_("Codes"), N_("Coders"), N_("Start"), N_("End"),
    N_("Passage"), N_("Context before"), N_("Context after"), N_("Memo"),
  };

  g_return_val_if_fail (SHIRABE_IS_PASSAGE_LIST (self), FALSE);
  g_return_val_if_fail (path != NULL && options != NULL, FALSE);

  max_chars = MAX (max_chars, 64);
  project = shirabe_passage_list_get_project (self);
  attributes = shirabe_project_list_attributes (project, SHIRABE_SCOPE_CASE, error);
  if (attributes == NULL)
    return FALSE;

  for (guint i = 0; i < N_FIXED; i++)
    {
      ShirabeExportColumn column;

      column.header = g_strdup (names ? fixed_names[i] : _(fixed_labels[i]));
      column.kind = (i == 4 || i == 5) ? SHIRABE_COLUMN_INTEGER :
                    (i >= 6) ? SHIRABE_COLUMN_LONG_TEXT : SHIRABE_COLUMN_TEXT;
      g_array_append_val (columns, column);
    }
  for (guint i = 0; i < attributes->len; i++)
    {
      ShirabeAttribute *attribute = g_ptr_array_index (attributes, i);
      ShirabeExportColumn column;
      const char *label = language == SHIRABE_LANGUAGE_JA ? attribute->name_ja : attribute->name_en;

      if (label == NULL || *label == '\0')
        label = language == SHIRABE_LANGUAGE_JA ? attribute->name_en : attribute->name_ja;
      column.header = g_strdup (names || label == NULL || *label == '\0' ? attribute->var_name : label);
      column.kind = SHIRABE_COLUMN_TEXT;
      g_array_append_val (columns, column);
    }

  table.sheet_name = names ? "passages" : _("Passages");
  table.file_stem = "passages";
  table.columns = (const ShirabeExportColumn *) columns->data;
  table.n_columns = columns->len;

  meta.title = "";
  /* A quote list is one table: a name ending in .csv is that file, anything else a folder
   * that gets passages.csv, as the statistics export's folders do. */
  if (options->format != SHIRABE_EXPORT_CSV)
    sink = shirabe_export_xlsx_sink_new (path, options, &meta, &result, error);
  else if (is_csv_name (path))
    sink = shirabe_export_csv_file_sink_new (path, options, &result, error);
  else
    sink = shirabe_export_csv_sink_new (path, options, &result, error);
  if (sink == NULL)
    {
      for (guint i = 0; i < columns->len; i++)
        g_free (g_array_index (columns, ShirabeExportColumn, i).header);
      return FALSE;
    }

  ok = sink->vtable->begin_table (sink, &table, error);
  for (guint i = 0; ok && i < g_list_model_get_n_items (G_LIST_MODEL (self)); i++)
    {
      g_autoptr (ShirabePassage) passage = g_list_model_get_item (G_LIST_MODEL (self), i);
      g_autoptr (GPtrArray) strings = g_ptr_array_new_with_free_func (g_free);
      g_autoptr (GString) codes = g_string_new (NULL);
      ShirabeExportCell *cells = g_new0 (ShirabeExportCell, columns->len);
      GArray *code_ids = shirabe_passage_get_code_ids (passage);
      guint64 truncated = 0;

      for (guint j = 0; j < code_ids->len; j++)
        {
          gint64 code_id = g_array_index (code_ids, gint64, j);
          const char *label = g_hash_table_lookup (labels, &code_id);

          if (label == NULL)
            {
              g_autoptr (ShirabeCode) code = shirabe_project_get_code (project, code_id, NULL);
              gint64 *key = g_new (gint64, 1);

              *key = code_id;
              label = code == NULL ? "" : names ? code->var_name : shirabe_code_get_label (code, language);
              g_hash_table_insert (labels, key, g_strdup (label));
              label = g_hash_table_lookup (labels, key);
            }
          g_string_append_printf (codes, "%s%s", j > 0 ? ", " : "", label);
        }

      if (shirabe_passage_get_case_id (passage) != case_id)
        {
          case_id = shirabe_passage_get_case_id (passage);
          g_clear_pointer (&values, g_ptr_array_unref);
          values = shirabe_project_list_attribute_values (project, SHIRABE_SCOPE_CASE, case_id,
                                                          error);
          if (values == NULL)
            {
              g_free (cells);
              ok = FALSE;
              break;
            }
        }

      shirabe_export_text_cell (&cells[0], strings, shirabe_passage_get_case_name (passage),
                                max_chars, language, &truncated);
      shirabe_export_text_cell (&cells[1], strings, shirabe_passage_get_narrative_title (passage),
                                max_chars, language, &truncated);
      shirabe_export_text_cell (&cells[2], strings, codes->str, max_chars, language, &truncated);
      shirabe_export_text_cell (&cells[3], strings, shirabe_passage_get_coders (passage),
                                max_chars, language, &truncated);
      cells[4].type = SHIRABE_CELL_INTEGER;
      cells[4].integer = shirabe_passage_get_start (passage);
      cells[5].type = SHIRABE_CELL_INTEGER;
      cells[5].integer = shirabe_passage_get_end (passage);
      shirabe_export_text_cell (&cells[6], strings, shirabe_passage_get_text (passage),
                                max_chars, language, &truncated);
      shirabe_export_text_cell (&cells[7], strings, shirabe_passage_get_context_before (passage),
                                max_chars, language, &truncated);
      shirabe_export_text_cell (&cells[8], strings, shirabe_passage_get_context_after (passage),
                                max_chars, language, &truncated);
      shirabe_export_text_cell (&cells[9], strings, shirabe_passage_get_memo (passage),
                                max_chars, language, &truncated);
      for (guint j = 0; j < attributes->len; j++)
        {
          ShirabeAttribute *attribute = g_ptr_array_index (attributes, j);
          const char *value = NULL;

          for (guint k = 0; k < values->len; k++)
            {
              ShirabeAttributeValue *v = g_ptr_array_index (values, k);

              if (v->attribute_id == attribute->id)
                {
                  value = v->value;
                  if (value != NULL && v->type == SHIRABE_ATTRIBUTE_CHOICE &&
                      options->choices == SHIRABE_EXPORT_CHOICES_LABELS)
                    value = language == SHIRABE_LANGUAGE_JA
                            ? shirabe_choice_label_pick (v->value_label_ja, v->value_label_en, v->value)
                            : shirabe_choice_label_pick (v->value_label_en, v->value_label_ja, v->value);
                  break;
                }
            }
          if (value == NULL)
            cells[N_FIXED + j].type = SHIRABE_CELL_EMPTY;
          else
            shirabe_export_text_cell (&cells[N_FIXED + j], strings, value, max_chars, language,
                                      &truncated);
        }
      result.n_truncated += truncated;
      ok = sink->vtable->write_row (sink, cells, error);
      g_free (cells);
      if (i % 50 == 49)
        shirabe_passage_list_forget_before (self, i + 1);
    }
  if (ok)
    ok = sink->vtable->end_table (sink, error) && sink->vtable->commit (sink, error);
  if (!ok)
    sink->vtable->abort (sink);
  sink->vtable->free (sink);
  for (guint i = 0; i < columns->len; i++)
    g_free (g_array_index (columns, ShirabeExportColumn, i).header);

  return ok;
}
