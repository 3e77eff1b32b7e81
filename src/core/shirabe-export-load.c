/* shirabe-export-load.c: what the exporter reads before the tables
 *
 * The small things, read once into memory: the codes as a tree, depth first, with their
 * columns; the attributes with their choices; the coders' names; each narrative's family of
 * translations. Then the variable names and headers (shirabe-export-names.c), the value
 * labels of SPSS and Stata, and the number of rows the passes that run will take, for the
 * progress.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "shirabe-coder.h"
#include "shirabe-export-counts-private.h"
#include "shirabe-export-tables-private.h"

static void
export_code_free (ExportCode *code)
{
  g_free (code->label_en);
  g_free (code->label_ja);
  g_free (code->description_en);
  g_free (code->description_ja);
  g_free (code->color);
  g_free (code->var_name);
  g_free (code->path);
  g_free (code->rollup_name);
  g_clear_pointer (&code->children, g_ptr_array_unref);
  g_free (code);
}

static void
export_attribute_free (ExportAttribute *attribute)
{
  g_free (attribute->choice_labels);
  g_free (attribute->header_label);
  g_free (attribute->var_name);
  g_clear_pointer (&attribute->full, shirabe_attribute_free);
  g_free (attribute);
}

static int
compare_codes (gconstpointer a,
               gconstpointer b)
{
  const ExportCode *code_a = *(ExportCode **) a;
  const ExportCode *code_b = *(ExportCode **) b;

  if (code_a->position != code_b->position)
    return code_a->position < code_b->position ? -1 : 1;
  return code_a->id < code_b->id ? -1 : code_a->id > code_b->id;
}

static void
add_code_depth_first (Exporter   *self,
                      ExportCode *code,
                      const char *parent_path,
                      int         depth)
{
  /* A visited code; also what stops a (damaged) cycle of parents. */
  if (code->path != NULL)
    return;
  code->depth = depth;
  code->path = parent_path != NULL ? g_strconcat (parent_path, "/", code_label (self, code), NULL)
                                   : g_strdup (code_label (self, code));
  g_ptr_array_add (self->codes, code);
  if (code->codable)
    {
      code->column = self->codable->len;
      g_ptr_array_add (self->codable, code);
    }
  if (code->children == NULL)
    return;
  if (self->options->rollup)
    {
      code->rollup = self->rollups->len;
      g_ptr_array_add (self->rollups, code);
    }
  g_ptr_array_sort (code->children, compare_codes);
  for (guint i = 0; i < code->children->len; i++)
    add_code_depth_first (self, g_ptr_array_index (code->children, i), code->path, depth + 1);
}

static gboolean
load_codes (Exporter  *self,
            GError   **error)
{
  g_autoptr(GPtrArray) roots = g_ptr_array_new ();
  g_autoptr(GPtrArray) all = g_ptr_array_new ();
  g_autoptr(ExportStmt) stmt = NULL;
  int rc;

  stmt = shirabe_project_prepare (self->project,
                                  "SELECT id, parent_id, label_en, label_ja, description_en,"
                                  " description_ja, color, var_name, codable, position"
                                  " FROM code",
                                  error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      ExportCode *code = g_new0 (ExportCode, 1);

      code->id = sqlite3_column_int64 (stmt, 0);
      code->parent_id = sqlite3_column_int64 (stmt, 1);
      code->label_en = shirabe_column_dup_text (stmt, 2);
      code->label_ja = shirabe_column_dup_text (stmt, 3);
      code->description_en = shirabe_column_dup_text (stmt, 4);
      code->description_ja = shirabe_column_dup_text (stmt, 5);
      code->color = shirabe_column_dup_text (stmt, 6);
      code->var_name = shirabe_column_dup_text (stmt, 7);
      code->codable = sqlite3_column_int (stmt, 8) != 0;
      code->position = sqlite3_column_int (stmt, 9);
      code->column = -1;
      code->rollup = -1;
      g_hash_table_insert (self->code_by_id, &code->id, code);
      g_ptr_array_add (all, code);
    }
  if (rc != SQLITE_DONE)
    return sqlite_failed (self, rc, error);

  for (guint i = 0; i < all->len; i++)
    {
      ExportCode *code = g_ptr_array_index (all, i);
      ExportCode *parent = code->parent_id != 0
        ? g_hash_table_lookup (self->code_by_id, &code->parent_id) : NULL;

      if (parent == NULL)
        g_ptr_array_add (roots, code);
      else
        {
          if (parent->children == NULL)
            parent->children = g_ptr_array_new ();
          g_ptr_array_add (parent->children, code);
        }
    }
  g_ptr_array_sort (roots, compare_codes);
  for (guint i = 0; i < roots->len; i++)
    add_code_depth_first (self, g_ptr_array_index (roots, i), NULL, 0);
  /* Codes of a damaged tree, whose parents loop, are exported at the top rather than lost. */
  for (guint i = 0; i < all->len; i++)
    add_code_depth_first (self, g_ptr_array_index (all, i), NULL, 0);

  return TRUE;
}

/* Codings name their code by id, half a million times in a large export: ids are dense (the
 * rowids of the code table), so an array indexed by id finds the code without hashing. */
static void
index_codes (Exporter *self)
{
  gint64 max_id = 0;

  for (guint i = 0; i < self->codes->len; i++)
    max_id = MAX (max_id, ((ExportCode *) g_ptr_array_index (self->codes, i))->id);
  /* Ids left sparse by many deletions keep the hash table. */
  if (max_id < 0 || max_id > 4 * (gint64) self->codes->len + 1024)
    return;
  self->n_code_at = max_id + 1;
  self->code_at = g_new0 (ExportCode *, self->n_code_at);
  for (guint i = 0; i < self->codes->len; i++)
    {
      ExportCode *code = g_ptr_array_index (self->codes, i);

      if (code->id >= 0)
        self->code_at[code->id] = code;
    }
}

static ValueType
value_type_from_string (const char *type)
{
  if (g_strcmp0 (type, "integer") == 0)
    return VALUE_INTEGER;
  if (g_strcmp0 (type, "number") == 0)
    return VALUE_NUMBER;
  if (g_strcmp0 (type, "date") == 0)
    return VALUE_DATE;
  if (g_strcmp0 (type, "boolean") == 0)
    return VALUE_BOOLEAN;
  return VALUE_TEXT;
}

/* A choice attribute's value labels: its choices coded 1 … n in their order, labelled in the
 * export's language (or the other, or the stored value). The set takes the variable's name
 * once names are final (assign_variable_names). */
static void
set_choice_labels (Exporter        *self,
                   ExportAttribute *attribute)
{
  const ShirabeAttribute *full = attribute->full;
  guint n = full->choices != NULL ? g_strv_length (full->choices) : 0;

  attribute->choice_labels = g_new0 (const char *, n + 1);
  for (guint i = 0; i < n; i++)
    {
      const char *en = full->choice_labels_en != NULL ? full->choice_labels_en[i] : NULL;
      const char *ja = full->choice_labels_ja != NULL ? full->choice_labels_ja[i] : NULL;
      const char *first = self->lang == 2 ? ja : en;
      const char *second = self->lang == 2 ? en : ja;

      attribute->choice_labels[i] = first != NULL && *first != '\0' ? first
                                    : second != NULL && *second != '\0' ? second
                                    : full->choices[i];
    }
  attribute->choices.n = n;
  attribute->choices.labels = attribute->choice_labels;
  attribute->choices.values = (const char *const *) full->choices;
}

static gboolean
load_attributes (Exporter    *self,
                 const char  *scope,
                 GPtrArray   *into,
                 GError     **error)
{
  g_autoptr(ExportStmt) stmt = NULL;
  int rc;

  stmt = shirabe_project_prepare (self->project,
                                  "SELECT id, name_en, name_ja, var_name, type FROM attribute"
                                  " WHERE scope = ?1 ORDER BY position, id",
                                  error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, scope, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      ExportAttribute *attribute = g_new0 (ExportAttribute, 1);
      const char *name_en = (const char *) sqlite3_column_text (stmt, 1);
      const char *name_ja = (const char *) sqlite3_column_text (stmt, 2);
      const char *first = self->lang == 2 ? name_ja : name_en;
      const char *second = self->lang == 2 ? name_en : name_ja;

      attribute->id = sqlite3_column_int64 (stmt, 0);
      attribute->header_label = g_strdup (first != NULL && *first != '\0' ? first : second);
      attribute->var_name = shirabe_column_dup_text (stmt, 3);
      attribute->type = value_type_from_string ((const char *) sqlite3_column_text (stmt, 4));
      g_ptr_array_add (into, attribute);
      attribute->full = shirabe_project_get_attribute (self->project, attribute->id, error);
      if (attribute->full == NULL)
        return FALSE;
      if (attribute->full->type == SHIRABE_ATTRIBUTE_CHOICE)
        set_choice_labels (self, attribute);
    }
  if (rc != SQLITE_DONE)
    return sqlite_failed (self, rc, error);
  return TRUE;
}

static gboolean
load_coders (Exporter  *self,
             GError   **error)
{
  g_autoptr(ExportStmt) stmt = NULL;
  int rc;

  stmt = shirabe_project_prepare (self->project, "SELECT id, name FROM coder", error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 *id = g_new (gint64, 1);

      *id = sqlite3_column_int64 (stmt, 0);
      g_hash_table_insert (self->coder_names, id, shirabe_column_dup_text (stmt, 1));
    }
  if (rc != SQLITE_DONE)
    return sqlite_failed (self, rc, error);
  return TRUE;
}

/* Each narrative's family: the narrative its translation_of chain leads to (itself for an
 * original). */
static gboolean
load_families (Exporter  *self,
               GError   **error)
{
  g_autoptr(ExportStmt) stmt = NULL;
  g_autoptr(GHashTable) parent_of = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                                           g_free);
  GHashTableIter iter;
  gpointer key, value;
  int rc;

  self->family_of = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  self->translated = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  stmt = shirabe_project_prepare (self->project, "SELECT id, translation_of FROM narrative",
                                  error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_hash_table_insert (parent_of, g_memdup2 (&(gint64) { sqlite3_column_int64 (stmt, 0) },
                                               sizeof (gint64)),
                         g_memdup2 (&(gint64) { sqlite3_column_int64 (stmt, 1) },
                                    sizeof (gint64)));
  if (rc != SQLITE_DONE)
    return sqlite_failed (self, rc, error);

  g_hash_table_iter_init (&iter, parent_of);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      gint64 root = *(gint64 *) key;
      gint64 *parent = value;

      /* A chain of translations is short; a loop (which the project refuses) ends the walk. */
      for (guint steps = 0; *parent != 0 && steps < 64; steps++)
        {
          gint64 *next = g_hash_table_lookup (parent_of, parent);

          if (next == NULL)
            break;
          root = *parent;
          parent = next;
        }
      g_hash_table_insert (self->family_of, g_memdup2 (key, sizeof (gint64)),
                           g_memdup2 (&root, sizeof root));
      if (root != *(gint64 *) key)
        g_hash_table_add (self->translated, g_memdup2 (&root, sizeof root));
    }
  return TRUE;
}

static gboolean
count_rows (Exporter    *self,
            const char  *sql,
            gboolean     bind_coder,
            guint64     *count,
            GError     **error)
{
  g_autoptr(ExportStmt) stmt = shirabe_project_prepare (self->project, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  if (bind_coder)
    sqlite3_bind_int64 (stmt, 1, self->coder_id);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    return sqlite_failed (self, rc, error);
  *count = sqlite3_column_int64 (stmt, 0);
  return TRUE;
}

gboolean
shirabe_export_load (Exporter  *self,
                     GError   **error)
{
  guint64 n_cases, n_codings, n_narratives;
  guint n_codable;

  self->codes = g_ptr_array_new_with_free_func ((GDestroyNotify) export_code_free);
  self->code_by_id = g_hash_table_new (g_int64_hash, g_int64_equal);
  self->codable = g_ptr_array_new ();
  self->rollups = g_ptr_array_new ();
  self->case_attributes = g_ptr_array_new_with_free_func ((GDestroyNotify) export_attribute_free);
  self->narrative_attributes =
    g_ptr_array_new_with_free_func ((GDestroyNotify) export_attribute_free);
  self->coder_names = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  self->row_strings = g_ptr_array_new_with_free_func (g_free);
  self->unit_rows = g_array_new (FALSE, FALSE, sizeof (ShirabeUnitRow));
  self->unit_carried = g_array_new (FALSE, FALSE, sizeof (gboolean));
  self->tables = self->options->tables;
  if (self->tables == SHIRABE_EXPORT_TABLE_DEFAULT)
    self->tables = SHIRABE_EXPORT_TABLE_CASES | SHIRABE_EXPORT_TABLE_CODINGS |
                   SHIRABE_EXPORT_TABLE_CODEBOOK | SHIRABE_EXPORT_TABLE_NARRATIVES |
                   SHIRABE_EXPORT_TABLE_COOCCURRENCE | SHIRABE_EXPORT_TABLE_MEMOS;
  if (self->options->overlaps)
    self->tables |= SHIRABE_EXPORT_TABLE_OVERLAPS;

  if (self->options->coder != NULL)
    {
      self->coder_id = shirabe_project_find_coder (self->project, self->options->coder, error);
      if (self->coder_id <= 0)
        return FALSE;
    }

  if (!load_codes (self, error) ||
      !load_attributes (self, "case", self->case_attributes, error) ||
      !load_attributes (self, "narrative", self->narrative_attributes, error) ||
      !load_coders (self, error) ||
      !load_families (self, error))
    return FALSE;
  index_codes (self);
  shirabe_export_assign_variable_names (self);
  shirabe_export_assign_code_headers (self);

  /* Value labels for SPSS and Stata, in the export's language. */
  self->presence_labels[0] = term (self, T_ABSENT);
  self->presence_labels[1] = term (self, T_PRESENT);
  self->presence_set = (ShirabeExportValueLabels) { "presence", 2, self->presence_labels, NULL };
  self->yes_no_labels[0] = term (self, T_NO);
  self->yes_no_labels[1] = term (self, T_YES);
  self->yes_no_set = (ShirabeExportValueLabels) { "no_yes", 2, self->yes_no_labels, NULL };
  {
    static const char *const statuses[] = { "to_do", "in_progress", "done" };
    static const char *const memo_on[] = { "case", "narrative", "coding" };

    self->status_labels[0] = term (self, T_STATUS_TO_DO);
    self->status_labels[1] = term (self, T_STATUS_IN_PROGRESS);
    self->status_labels[2] = term (self, T_STATUS_DONE);
    self->status_set = (ShirabeExportValueLabels) { "status", 3, self->status_labels, statuses };
    self->memo_on_labels[0] = term (self, T_ON_CASE);
    self->memo_on_labels[1] = term (self, T_ON_NARRATIVE);
    self->memo_on_labels[2] = term (self, T_ON_CODING);
    self->memo_on_set = (ShirabeExportValueLabels) { "memo_on", 3, self->memo_on_labels,
                                                     memo_on };
  }

  n_codable = self->codable->len;
  self->cooccurrence = g_new0 (guint32, (gsize) n_codable * n_codable + 1);
  if (self->tables & SHIRABE_EXPORT_TABLE_OVERLAPS)
    self->overlaps = g_new0 (guint64, (gsize) n_codable * n_codable + 1);

  /* The progress counts the rows of the passes that run, and only those are counted (a count
   * of the codings reads an index of 500,000 entries). */
  n_cases = n_codings = n_narratives = 0;
  if ((needs_case_pass (self) &&
       !count_rows (self, "SELECT count(*) FROM cases", FALSE, &n_cases, error)) ||
      ((self->tables & SHIRABE_EXPORT_TABLE_NARRATIVES) &&
       !count_rows (self, "SELECT count(*) FROM narrative", FALSE, &n_narratives, error)))
    return FALSE;
  if ((self->tables & (SHIRABE_EXPORT_TABLE_CODINGS | SHIRABE_EXPORT_TABLE_OVERLAPS)) &&
      /* Without a coder, a count SQLite takes from an index's size rather than its rows. */
      !(self->coder_id == 0
        ? count_rows (self, "SELECT count(*) FROM coding", FALSE, &n_codings, error)
        : count_rows (self, "SELECT count(*) FROM coding WHERE coder_id = ?1", TRUE, &n_codings,
                      error)))
    return FALSE;
  self->total = n_cases + n_codings + n_narratives +
                ((self->tables & SHIRABE_EXPORT_TABLE_CODEBOOK) ? self->codes->len : 0) +
                n_codable * (((self->tables & SHIRABE_EXPORT_TABLE_COOCCURRENCE) ? 1 : 0) +
                             ((self->tables & SHIRABE_EXPORT_TABLE_OVERLAPS) ? 1 : 0));
  return TRUE;
}
