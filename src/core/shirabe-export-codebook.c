/* shirabe-export-codebook.c: the tables about the codes
 *
 * The codebook: every code with its labels, descriptions, colour, variable name and counts,
 * then every attribute, so that each variable of the export is described in one place. And
 * the code × code tables, cooccurrence and overlaps, of the counts the passes gathered.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stdio.h>
#include <string.h>

#include "shirabe-export-tables-private.h"

static guint64
subtree_codings (const ExportCode *code,
                 guint             depth)
{
  guint64 total = code->n_codings;

  /* Bounded: a damaged tree's loop is exported at the top, not walked for ever. */
  for (guint i = 0; code->children != NULL && depth < 64 && i < code->children->len; i++)
    total += subtree_codings (g_ptr_array_index (code->children, i), depth + 1);
  return total;
}

gboolean
shirabe_export_write_codebook (Exporter  *self,
                               GError   **error)
{
  g_autofree ShirabeExportCell *cells = NULL;
  ShirabeExportColumn *columns;
  TableBuilder builder;
  guint n_columns;
  GPtrArray *attributes[] = { self->case_attributes, self->narrative_attributes };
  guint c_entry;
  guint c_subtree;
  gboolean ok = FALSE;

  table_builder_init (&builder, self);
  table_builder_add_term (&builder, self, T_LEVEL, SHIRABE_COLUMN_INTEGER);
  table_builder_add_term (&builder, self, T_CODE_PATH, SHIRABE_COLUMN_TEXT);
  table_builder_add_term (&builder, self, T_LABEL_EN, SHIRABE_COLUMN_TEXT);
  table_builder_add_term (&builder, self, T_LABEL_JA, SHIRABE_COLUMN_TEXT);
  table_builder_add_term (&builder, self, T_DESCRIPTION_EN, SHIRABE_COLUMN_LONG_TEXT);
  table_builder_add_term (&builder, self, T_DESCRIPTION_JA, SHIRABE_COLUMN_LONG_TEXT);
  table_builder_add_term (&builder, self, T_COLOR, SHIRABE_COLUMN_TEXT);
  table_builder_add_term (&builder, self, T_VAR_NAME, SHIRABE_COLUMN_TEXT);
  table_builder_label (&builder,
                       table_builder_add_term (&builder, self, T_CODABLE,
                                               SHIRABE_COLUMN_INTEGER),
                       term (self, T_CODABLE), &self->yes_no_set);
  table_builder_add_term (&builder, self, T_N_CODINGS, SHIRABE_COLUMN_INTEGER);
  table_builder_add_term (&builder, self, T_N_CASES, SHIRABE_COLUMN_INTEGER);
  c_entry = table_builder_add_term (&builder, self, T_ENTRY, SHIRABE_COLUMN_TEXT);
  table_builder_add_term (&builder, self, T_VALUE_TYPE, SHIRABE_COLUMN_TEXT);
  table_builder_add_term (&builder, self, T_CHOICES, SHIRABE_COLUMN_LONG_TEXT);
  c_subtree = table_builder_add_term (&builder, self, T_N_CODINGS_SUBTREE,
                                      SHIRABE_COLUMN_INTEGER);
  columns = table_builder_finish (&builder, &n_columns);

  if (!shirabe_export_begin_table (self, T_CODEBOOK, columns, n_columns, error))
    goto out;
  cells = g_new0 (ShirabeExportCell, n_columns);

  for (guint i = 0; i < self->codes->len; i++)
    {
      ExportCode *code = g_ptr_array_index (self->codes, i);
      guint rgb;

      cell_integer (&cells[0], code->depth + 1);
      cell_text (self, &cells[1], code->path);
      cell_text (self, &cells[2], code->label_en);
      cell_text (self, &cells[3], code->label_ja);
      cell_text (self, &cells[4], code->description_en);
      cell_text (self, &cells[5], code->description_ja);
      cell_text (self, &cells[6], code->color);
      if (code->color != NULL && code->color[0] == '#' && strlen (code->color) == 7 &&
          sscanf (code->color + 1, "%6x", &rgb) == 1)
        {
          cells[6].fill = rgb;
          cells[6].has_fill = TRUE;
        }
      cell_text (self, &cells[7], code->var_name);
      cell_integer (&cells[8], code->codable);
      cell_integer (&cells[9], code->n_codings);
      cell_integer (&cells[10], code->n_cases);
      cell_text (self, &cells[c_entry], code->codable ? "code" : "category");
      cell_empty (&cells[c_entry + 1]);
      cell_empty (&cells[c_entry + 2]);
      /* A parent's 0 beside its children's codings misleads: the subtree's total too. */
      cell_integer (&cells[c_subtree], subtree_codings (code, 0));
      if (!write_row (self, cells, error) || !step_done (self, 1, error))
        goto out;
    }

  /* The attributes, so that every variable of the export is described in one place. */
  for (guint a = 0; a < G_N_ELEMENTS (attributes); a++)
    for (guint i = 0; i < attributes[a]->len; i++)
      {
        ExportAttribute *attribute = g_ptr_array_index (attributes[a], i);
        const ShirabeAttribute *full = attribute->full;
        g_autoptr(GString) choices = g_string_new (NULL);

        for (guint j = 0; j < n_columns; j++)
          cell_empty (&cells[j]);
        cell_text (self, &cells[2], full->name_en);
        cell_text (self, &cells[3], full->name_ja);
        cell_text (self, &cells[4], full->description_en);
        cell_text (self, &cells[5], full->description_ja);
        cell_text (self, &cells[7], attribute->var_name);
        cell_text (self, &cells[c_entry], a == 0 ? "case_attribute" : "narrative_attribute");
        cell_text (self, &cells[c_entry + 1], shirabe_attribute_type_to_string (full->type));
        /* value = English label / Japanese label; … */
        for (guint j = 0; full->choices != NULL && full->choices[j] != NULL; j++)
          g_string_append_printf (choices, "%s%s = %s / %s", j > 0 ? "; " : "",
                                  full->choices[j],
                                  full->choice_labels_en != NULL ? full->choice_labels_en[j] : "",
                                  full->choice_labels_ja != NULL ? full->choice_labels_ja[j] : "");
        if (choices->len > 0)
          cell_text (self, &cells[c_entry + 2], choices->str);
        if (!write_row (self, cells, error))
          goto out;
      }
  ok = self->sink->vtable->end_table (self->sink, error);

out:
  shirabe_export_columns_free (columns, n_columns);
  return ok;
}

/* A code × code table of @counts (cooccurring cases, or overlapping segments). */
gboolean
shirabe_export_write_matrix (Exporter       *self,
                             Term            name,
                             const guint32  *counts32,
                             const guint64  *counts64,
                             GError        **error)
{
  g_autofree ShirabeExportCell *cells = NULL;
  ShirabeExportColumn *columns;
  TableBuilder builder;
  guint n_codable = self->codable->len;
  guint n_columns;
  gboolean ok = FALSE;

  table_builder_init (&builder, self);
  table_builder_add_term (&builder, self, T_CODE, SHIRABE_COLUMN_TEXT);
  for (guint i = 0; i < n_codable; i++)
    table_builder_label (&builder,
                         table_builder_add (&builder, self->code_headers[i],
                                            SHIRABE_COLUMN_INTEGER),
                         self->code_labels[i], NULL);
  columns = table_builder_finish (&builder, &n_columns);

  if (!shirabe_export_begin_table (self, name, columns, n_columns, error))
    goto out;
  cells = g_new0 (ShirabeExportCell, n_columns);

  for (guint i = 0; i < n_codable; i++)
    {
      cell_text (self, &cells[0], self->code_headers[i]);
      for (guint j = 0; j < n_codable; j++)
        cell_integer (&cells[1 + j], counts32 != NULL ? counts32[i * n_codable + j]
                                                      : (gint64) counts64[i * n_codable + j]);
      if (!write_row (self, cells, error) || !step_done (self, 1, error))
        goto out;
    }
  ok = self->sink->vtable->end_table (self->sink, error);

out:
  shirabe_export_columns_free (columns, n_columns);
  return ok;
}
