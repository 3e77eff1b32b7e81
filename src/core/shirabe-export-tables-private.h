/* shirabe-export-tables-private.h: what the files of the statistics exporter share
 *
 * One Exporter goes through every table: shirabe-export.c loads it (shirabe-export-load.c,
 * shirabe-export-names.c) and runs the passes, each table in the file of its rows:
 * shirabe-export-cases.c (a row per case), shirabe-export-narratives.c (per narrative),
 * shirabe-export-codings.c (per coding or memo), shirabe-export-codebook.c (per code). The
 * helpers that every table calls on every row (the cells, writing a row, finding a code by
 * id) are static inline here, so that each table's loop inlines them as it did when the
 * exporter was one file.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <string.h>

#include "shirabe-attribute.h"
#include "shirabe-export-private.h"
#include "shirabe-project-private.h"

G_BEGIN_DECLS

#define VAR_NAME_MAX 32

typedef enum
{
  T_CASES,
  T_CODINGS,
  T_CODEBOOK,
  T_NARRATIVES,
  T_COOCCURRENCE,
  T_OVERLAPS,
  T_CASE_ID,
  T_CASE_NAME,
  T_CODING_UUID,
  T_NARRATIVE_ID,
  T_NARRATIVE,
  T_CODE_PATH,
  T_CODE_LABEL,
  T_CODE_VAR,
  T_CODER,
  T_START,
  T_END,
  T_EXCERPT,
  T_MEMO,
  T_CREATED,
  T_LEVEL,
  T_LABEL_EN,
  T_LABEL_JA,
  T_DESCRIPTION_EN,
  T_DESCRIPTION_JA,
  T_COLOR,
  T_VAR_NAME,
  T_CODABLE,
  T_N_CODINGS,
  T_N_CASES,
  T_TITLE,
  T_LANGUAGE,
  T_KIND,
  T_LENGTH,
  T_STATUS,
  T_CODE,
  T_STATUS_TO_DO,
  T_STATUS_IN_PROGRESS,
  T_STATUS_DONE,
  T_SUBJECT,
  T_CODING_COMPLETE,
  T_CODER_COUNTS,
  T_COUNT,
  T_ABOUT,
  T_ITEM,
  T_DESCRIPTION,
  T_ENTRY,
  T_VALUE_TYPE,
  T_CHOICES,
  T_TRANSLATION_OF,
  T_ROLLUP,
  T_NARRATIVE_CODES,
  T_MEMOS,
  T_N_CODINGS_SUBTREE,
  T_ON,
  T_ON_CASE,
  T_ON_NARRATIVE,
  T_ON_CODING,
  T_ABSENT,
  T_PRESENT,
  T_NO,
  T_YES,
  T_DATASET,
  N_TERMS
} Term;

typedef struct _ExportCode ExportCode;

struct _ExportCode
{
  gint64      id;
  gint64      parent_id;
  char       *label_en;
  char       *label_ja;
  char       *description_en;
  char       *description_ja;
  char       *color;
  char       *var_name;
  gboolean    codable;
  int         position;
  int         depth;
  char       *path;     /* in the export's language */
  int         column;   /* among the codable codes, or -1 */
  int         rollup;   /* among the codes with subcodes (rollup option), or -1 */
  char       *rollup_name;  /* its roll-up column's variable name */
  guint64     n_codings;
  guint64     n_cases;
  GPtrArray  *children;
};

typedef enum
{
  VALUE_TEXT,
  VALUE_INTEGER,
  VALUE_NUMBER,
  VALUE_DATE,
  VALUE_BOOLEAN,
} ValueType;

typedef struct
{
  gint64     id;
  char      *header_label;
  char      *var_name;
  ValueType  type;
  guint      column;    /* in its table */
  ShirabeAttribute *full;  /* names in both languages, type, choices and their labels */
  ShirabeExportValueLabels choices;  /* a choice attribute's, for SPSS and Stata */
  const char **choice_labels;        /* their labels in the export's language */
} ExportAttribute;

typedef struct
{
  ShirabeProject              *project;
  sqlite3                     *db;
  const char                  *path;
  const ShirabeExportOptions  *options;
  int                          lang;        /* 1: English, 2: Japanese (columns of terms) */
  gboolean                     names;       /* headers are variable names */
  gint64                       coder_id;    /* 0: every coder */
  guint                        max_chars;
  guint                        max_bytes;   /* UTF-8 bytes per text cell (SPSS); 0: any */
  gboolean                     stats;       /* SPSS or Stata: variables with labels */
  gboolean                     choice_labels;  /* choices and statuses as labels */

  /* Value labels for SPSS and Stata, in the export's language */
  const char                  *presence_labels[2];
  const char                  *yes_no_labels[2];
  const char                  *status_labels[3];
  const char                  *memo_on_labels[3];
  ShirabeExportValueLabels     presence_set;
  ShirabeExportValueLabels     yes_no_set;
  ShirabeExportValueLabels     status_set;
  ShirabeExportValueLabels     memo_on_set;

  GPtrArray                   *codes;       /* ExportCode*, the tree depth first */
  GHashTable                  *code_by_id;  /* gint64* → ExportCode* */
  ExportCode                 **code_at;     /* by id, when ids are dense enough; or NULL */
  gint64                       n_code_at;
  GPtrArray                   *codable;     /* ExportCode*, in column order */
  GPtrArray                   *rollups;     /* ExportCode* with subcodes, with the rollup option */
  char                       **rollup_headers;  /* one per roll-up column */
  char                       **code_headers;  /* one per codable code */
  char                       **code_labels;   /* their variable labels, for SPSS and Stata */
  char                       **rollup_labels;
  GPtrArray                   *case_attributes;
  GPtrArray                   *narrative_attributes;
  GHashTable                  *coder_names; /* gint64* → char* */
  GHashTable                  *family_of;   /* narrative id → its family's root, both gint64 */
  GHashTable                  *translated;  /* gint64 roots that have a translation */
  GHashTable                  *case_complete;  /* case id → 1: coded completely; 2: not */
  GArray                      *unit_carried; /* gboolean per unit row: a carried coding */
  ShirabeExportTables          tables;      /* what is written */
  GArray                      *unit_rows;   /* ShirabeUnitRow, one case's codings */

  ShirabeExportSink           *sink;
  ShirabeExportResult         *result;

  /* Filled while writing the cases table; the codebook and cooccurrence tables need it. */
  guint32                     *cooccurrence;   /* n_codable × n_codable */
  guint64                     *overlaps;       /* n_codable × n_codable, with options->overlaps */

  GPtrArray                   *row_strings;    /* freed after each row */

  ShirabeExportProgress        progress;
  gpointer                     progress_data;
  GCancellable                *cancellable;
  const char                  *table_name;
  guint64                      done;
  guint64                      total;
  double                       reported;
} Exporter;

/* A cached statement that is reset, so that it holds no read lock, when it goes out of scope. */
typedef sqlite3_stmt ExportStmt;

static inline void
export_stmt_reset (ExportStmt *stmt)
{
  sqlite3_reset (stmt);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ExportStmt, export_stmt_reset)

/* Headers of one table: labels made unique with " (2)", or variable names made valid and
 * unique without regard to case (SPSS ignores case; R and Stata do not). */
typedef struct
{
  GHashTable *seen;
  gboolean    names;
} HeaderSet;

/* Builds a table's columns: fixed ones given as terms, then extra ones. */
typedef struct
{
  GArray    *columns;
  HeaderSet  headers;
} TableBuilder;

/* The words of the tables: { variable name, English, Japanese } (shirabe-export-names.c). */
extern const char *const shirabe_export_terms[N_TERMS][3];

/* shirabe-export-names.c */
void shirabe_export_header_set_init (HeaderSet *set,
                                     gboolean   names);
void shirabe_export_header_set_clear (HeaderSet *set);
char *shirabe_export_header_set_add (HeaderSet  *set,
                                     const char *text);
void shirabe_export_columns_free (ShirabeExportColumn *columns,
                                  guint                n_columns);
void shirabe_export_assign_code_headers (Exporter *self);
void shirabe_export_assign_variable_names (Exporter *self);

/* shirabe-export-load.c */
gboolean shirabe_export_load (Exporter  *self,
                              GError   **error);

/* shirabe-export-cells.c */
gboolean shirabe_export_cell_datetime (ShirabeExportCell *cell,
                                       const char        *iso);
gboolean shirabe_export_fill_attribute_cells (Exporter           *self,
                                              sqlite3_stmt       *stmt,
                                              gint64              owner_id,
                                              GPtrArray          *attributes,
                                              GHashTable         *attribute_by_id,
                                              ShirabeExportCell  *cells,
                                              GError            **error);
void shirabe_export_add_attribute_columns (Exporter     *self,
                                           TableBuilder *builder,
                                           GPtrArray    *attributes,
                                           GHashTable   *attribute_by_id);

/* shirabe-export-cases.c */
gboolean shirabe_export_load_case_codings (Exporter      *self,
                                           sqlite3_stmt  *stmt,
                                           gint64         case_id,
                                           GError       **error);
gboolean shirabe_export_write_cases (Exporter  *self,
                                     GError   **error);
gboolean shirabe_export_write_coder_counts (Exporter  *self,
                                            GError   **error);

/* shirabe-export-narratives.c */
gboolean shirabe_export_write_narratives (Exporter  *self,
                                          GError   **error);
gboolean shirabe_export_narrative_pass (Exporter  *self,
                                        GError   **error);

/* shirabe-export-codings.c */
gboolean shirabe_export_write_codings (Exporter  *self,
                                       GError   **error);
gboolean shirabe_export_write_memos (Exporter  *self,
                                     GError   **error);

/* shirabe-export-codebook.c */
gboolean shirabe_export_write_codebook (Exporter  *self,
                                        GError   **error);
gboolean shirabe_export_write_matrix (Exporter       *self,
                                      Term            name,
                                      const guint32  *counts32,
                                      const guint64  *counts64,
                                      GError        **error);

/* shirabe-export.c */
void shirabe_export_report (Exporter *self,
                            gboolean  force);
gboolean shirabe_export_check_cancelled (Exporter  *self,
                                         GError   **error);
gboolean shirabe_export_begin_table (Exporter            *self,
                                     Term                 name,
                                     ShirabeExportColumn *columns,
                                     guint                n_columns,
                                     GError             **error);

/* The helpers every table calls, inline: for its columns (the words, the table builder) and
 * on every row (the cells, writing the row, finding a code). */

static inline const char *
term (Exporter *self,
      Term      id)
{
  return shirabe_export_terms[id][self->lang];
}

static inline const char *
header_term (Exporter *self,
             Term      id)
{
  return shirabe_export_terms[id][self->names ? 0 : self->lang];
}

static inline const char *
code_label (Exporter         *self,
            const ExportCode *code)
{
  const char *first = self->lang == 2 ? code->label_ja : code->label_en;
  const char *second = self->lang == 2 ? code->label_en : code->label_ja;

  return first != NULL && *first != '\0' ? first : second;
}

static inline void
table_builder_init (TableBuilder *builder,
                    Exporter     *self)
{
  builder->columns = g_array_new (FALSE, TRUE, sizeof (ShirabeExportColumn));
  shirabe_export_header_set_init (&builder->headers, self->names);
}

static inline guint
table_builder_add (TableBuilder      *builder,
                   const char        *text,
                   ShirabeColumnKind  kind)
{
  ShirabeExportColumn column = { shirabe_export_header_set_add (&builder->headers, text), kind };

  g_array_append_val (builder->columns, column);
  return builder->columns->len - 1;
}

/* The variable label (its full text) and value labels of column @column, for SPSS and
 * Stata. */
static inline void
table_builder_label (TableBuilder                   *builder,
                     guint                           column,
                     const char                     *label,
                     const ShirabeExportValueLabels *value_labels)
{
  ShirabeExportColumn *columns = (ShirabeExportColumn *) (gpointer) builder->columns->data;

  g_free (columns[column].label);
  columns[column].label = g_strdup (label);
  columns[column].value_labels = value_labels;
}

static inline guint
table_builder_add_term (TableBuilder      *builder,
                        Exporter          *self,
                        Term               id,
                        ShirabeColumnKind  kind)
{
  guint column = table_builder_add (builder, header_term (self, id), kind);

  table_builder_label (builder, column, term (self, id), NULL);
  return column;
}

static inline ShirabeExportColumn *
table_builder_finish (TableBuilder *builder,
                      guint        *n_columns)
{
  *n_columns = builder->columns->len;
  shirabe_export_header_set_clear (&builder->headers);
  return (ShirabeExportColumn *) g_array_free (builder->columns, FALSE);
}

static inline gboolean
step_done (Exporter  *self,
           guint64    units,
           GError   **error)
{
  self->done += units;
  if ((self->done & 0xff) == 0 || units > 1)
    {
      shirabe_export_report (self, FALSE);
      return shirabe_export_check_cancelled (self, error);
    }
  return TRUE;
}

static inline gboolean
sqlite_failed (Exporter  *self,
               int        rc,
               GError   **error)
{
  return shirabe_project_set_sqlite_error (self->project, rc, error);
}

/* Cells */

static inline void
cell_empty (ShirabeExportCell *cell)
{
  memset (cell, 0, sizeof *cell);
}

static inline void
cell_integer (ShirabeExportCell *cell,
              gint64             value)
{
  cell_empty (cell);
  cell->type = SHIRABE_CELL_INTEGER;
  cell->integer = value;
}

/* Cuts @text so that it and the marker fit in max_chars UTF-16 units, as Excel counts. */
static inline void
cell_text_len (Exporter          *self,
               ShirabeExportCell *cell,
               const char        *text,
               gsize              len)
{
  char *cut;

  cell_empty (cell);
  if (text == NULL)
    return;
  cell->type = SHIRABE_CELL_TEXT;
  cell->text = text;
  cell->len = len;
  cut = shirabe_export_cut_text (text, len, self->max_chars, self->max_bytes,
                                 self->options->language);
  if (cut == NULL)
    return;
  cell->text = cut;
  cell->len = strlen (cut);
  g_ptr_array_add (self->row_strings, cut);
  self->result->n_truncated++;
}

static inline void
cell_text (Exporter          *self,
           ShirabeExportCell *cell,
           const char        *text)
{
  cell_text_len (self, cell, text, text != NULL ? strlen (text) : 0);
}

static inline void
cell_column_text (Exporter          *self,
                  ShirabeExportCell *cell,
                  sqlite3_stmt      *stmt,
                  int                column)
{
  const char *text = (const char *) sqlite3_column_text (stmt, column);

  if (text == NULL)
    cell_empty (cell);
  else
    cell_text_len (self, cell, text, sqlite3_column_bytes (stmt, column));
}

static inline void
cell_created (Exporter          *self,
              ShirabeExportCell *cell,
              sqlite3_stmt      *stmt,
              int                column)
{
  const char *iso = (const char *) sqlite3_column_text (stmt, column);

  if (!shirabe_export_cell_datetime (cell, iso))
    cell_text (self, cell, iso);
}

static inline gboolean
write_row (Exporter                 *self,
           const ShirabeExportCell  *cells,
           GError                  **error)
{
  gboolean ok = self->sink->vtable->write_row (self->sink, cells, error);

  g_ptr_array_set_size (self->row_strings, 0);
  if (ok)
    self->result->n_rows++;
  return ok;
}

static inline ExportCode *
code_for_id (Exporter *self,
             gint64    id)
{
  if (self->code_at != NULL)
    return id >= 0 && id < self->n_code_at ? self->code_at[id] : NULL;
  return g_hash_table_lookup (self->code_by_id, &id);
}

/* Whether the cases pass runs: for its table, or for the counts of the codebook and the
 * cooccurrence table it computes. */
static inline gboolean
needs_case_pass (Exporter *self)
{
  return (self->tables & (SHIRABE_EXPORT_TABLE_CASES | SHIRABE_EXPORT_TABLE_CODEBOOK |
                          SHIRABE_EXPORT_TABLE_COOCCURRENCE)) != 0;
}

G_END_DECLS
