/* shirabe-export-names.c: the words of the tables and the names of their columns
 *
 * Header text, sheet names and the few words inside cells follow the export's own language
 * option, not the user interface's locale: a Japanese researcher may well send an English
 * workbook to a co-author. They are data chosen by an option, so they live in a table of both
 * languages below rather than in the message catalogue.
 *
 * A table's headers are its labels made unique, or variable names legal in R, SPSS and Stata
 * together; every code and attribute gets one variable name for the whole export, so that all
 * the tables say the same name.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "shirabe-export-tables-private.h"

/* { variable name, English, Japanese }. The names of tables are also their CSV file names. */
const char *const shirabe_export_terms[N_TERMS][3] = {
  [T_CASES]              = { "cases", "cases", "事例" },
  [T_CODINGS]            = { "codings", "codings", "コーディング" },
  [T_CODEBOOK]           = { "codebook", "codebook", "コードブック" },
  [T_NARRATIVES]         = { "narratives", "narratives", "語り" },
  [T_COOCCURRENCE]       = { "cooccurrence", "cooccurrence", "共起" },
  [T_OVERLAPS]           = { "overlaps", "overlaps", "重なり" },
  [T_CASE_ID]            = { "case_id", "Case ID", "事例ID" },
  [T_CASE_NAME]          = { "case_name", "Case", "事例名" },
  [T_CODING_UUID]        = { "coding_uuid", "Coding UUID", "コーディングUUID" },
  [T_NARRATIVE_ID]       = { "narrative_id", "Narrative ID", "語りID" },
  [T_NARRATIVE]          = { "narrative", "Narrative", "語りの題名" },
  [T_CODE_PATH]          = { "code_path", "Code path", "コードのパス" },
  [T_CODE_LABEL]         = { "code", "Code", "コード" },
  [T_CODE_VAR]           = { "code_var", "Code variable", "コードの変数名" },
  [T_CODER]              = { "coder", "Coder", "コーダー" },
  [T_START]              = { "start", "Start", "開始位置" },
  [T_END]                = { "end", "End", "終了位置" },
  [T_EXCERPT]            = { "excerpt", "Excerpt", "抜粋" },
  [T_MEMO]               = { "memo", "Memo", "メモ" },
  [T_CREATED]            = { "created_utc", "Created (UTC)", "作成日時（UTC）" },
  [T_LEVEL]              = { "level", "Level", "階層" },
  [T_LABEL_EN]           = { "label_en", "Label (English)", "ラベル（英語）" },
  [T_LABEL_JA]           = { "label_ja", "Label (Japanese)", "ラベル（日本語）" },
  [T_DESCRIPTION_EN]     = { "description_en", "Description (English)", "説明（英語）" },
  [T_DESCRIPTION_JA]     = { "description_ja", "Description (Japanese)", "説明（日本語）" },
  [T_COLOR]              = { "colour", "Colour", "色" },
  [T_VAR_NAME]           = { "var_name", "Variable name", "変数名" },
  [T_CODABLE]            = { "codable", "Codable", "コード付け可" },
  [T_N_CODINGS]          = { "n_codings", "Codings", "コーディング数" },
  [T_N_CASES]            = { "n_cases", "Cases", "事例数" },
  [T_TITLE]              = { "title", "Title", "題名" },
  [T_LANGUAGE]           = { "language", "Language", "言語" },
  [T_KIND]               = { "kind", "Kind", "種類" },
  [T_LENGTH]             = { "length", "Length (characters)", "長さ（文字数）" },
  [T_STATUS]             = { "status", "Status", "進捗" },
  [T_CODE]               = { "code", "Code", "コード" },
  [T_STATUS_TO_DO]       = { "to_do", "to do", "未着手" },
  [T_STATUS_IN_PROGRESS] = { "in_progress", "in progress", "作業中" },
  [T_STATUS_DONE]        = { "done", "done", "完了" },
  [T_SUBJECT]            = { "subject", "Coded case narratives for statistics",
                             "統計分析用のコーディング済み事例データ" },
  [T_CODING_COMPLETE]    = { "coding_complete", "Coding complete", "コーディング完了" },
  [T_CODER_COUNTS]       = { "coder_counts", "coder counts", "コーダー別件数" },
  [T_COUNT]              = { "count", "Count", "件数" },
  [T_ABOUT]              = { "about", "about", "この書き出しについて" },
  [T_ITEM]               = { "item", "Item", "項目" },
  [T_DESCRIPTION]        = { "description", "Description", "説明" },
  [T_ENTRY]              = { "entry", "Entry", "種別" },
  [T_VALUE_TYPE]         = { "value_type", "Value type", "値の型" },
  [T_CHOICES]            = { "choices", "Choices", "選択肢" },
  [T_TRANSLATION_OF]     = { "translation_of", "Translation of (narrative ID)",
                             "翻訳元（語りID）" },
  /* After a code's name: the column of its whole subtree */
  [T_ROLLUP]             = { "_all", " (all)", "（下位を含む）" },
  [T_NARRATIVE_CODES]    = { "narrative_codes", "narrative codes", "語り別コード" },
  [T_MEMOS]              = { "memos", "memos", "メモ一覧" },
  [T_N_CODINGS_SUBTREE]  = { "n_codings_subtree", "Codings with subcodes",
                             "下位を含むコーディング数" },
  [T_ON]                 = { "memo_on", "Memo on", "メモの対象" },
  [T_ON_CASE]            = { "case", "case", "事例" },
  [T_ON_NARRATIVE]       = { "narrative", "narrative", "語り" },
  [T_ON_CODING]          = { "coding", "coding", "コーディング" },
  /* Value labels of SPSS and Stata files: presence, and yes/no */
  [T_ABSENT]             = { "absent", "absent", "該当なし" },
  [T_PRESENT]            = { "present", "present", "該当" },
  [T_NO]                 = { "no", "no", "いいえ" },
  [T_YES]                = { "yes", "yes", "はい" },
  /* The dataset label of SPSS and Stata files: the date first, so that a label cut at the
   * format's limit keeps it */
  [T_DATASET]            = { "dataset", "Shirabe export %s: %s", "Shirabe 書き出し %s：%s" },
};

/* Words that R, SPSS or Stata reserve, and those pandas reads as missing in a cell (a
 * codebook's "NA" would vanish), compared without case. Stata's str1 … str2045 too. */
static const char *const reserved_names[] = {
  "all", "and", "break", "by", "byte", "double", "else", "eq", "false", "float", "for",
  "function", "ge", "gt", "if", "in", "inf", "int", "le", "long", "lt", "na", "na_character_",
  "na_complex_", "na_integer_", "na_real_", "nan", "ne", "next", "none", "not", "null", "or",
  "repeat", "str", "strl", "to", "true", "using", "while", "with",
};

void
shirabe_export_header_set_init (HeaderSet *set,
                                gboolean   names)
{
  set->seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  set->names = names;
}

void
shirabe_export_header_set_clear (HeaderSet *set)
{
  g_clear_pointer (&set->seen, g_hash_table_unref);
}

static gboolean
is_reserved_name (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (reserved_names); i++)
    if (g_ascii_strcasecmp (name, reserved_names[i]) == 0)
      return TRUE;
  /* Stata's string storage types: str1 … str2045 */
  if (g_ascii_strncasecmp (name, "str", 3) == 0 && name[3] != '\0')
    {
      const char *p = name + 3;

      while (g_ascii_isdigit (*p))
        p++;
      return *p == '\0';
    }
  return FALSE;
}

static char *
valid_var_name (const char *text)
{
  char *name;

  if (shirabe_var_name_is_valid (text))
    name = g_strdup (text);
  else
    {
      name = text != NULL ? shirabe_var_name_from_label (text) : NULL;
      if (name == NULL)
        name = g_strdup ("v");
    }
  if (is_reserved_name (name))
    {
      char *suffixed = g_strconcat (name, "_", NULL);

      g_free (name);
      name = suffixed;
    }
  return name;
}

/* Returns the header for @text (a label, or in names mode a would-be variable name). */
char *
shirabe_export_header_set_add (HeaderSet  *set,
                               const char *text)
{
  g_autofree char *base = set->names ? valid_var_name (text) : g_strdup (text ? text : "");

  for (guint i = 1; ; i++)
    {
      g_autofree char *candidate = NULL;
      g_autofree char *key = NULL;

      if (i == 1)
        candidate = g_strdup (base);
      else if (set->names)
        {
          g_autofree char *suffix = g_strdup_printf ("_%u", i);
          g_autofree char *stem = g_strndup (base, VAR_NAME_MAX - strlen (suffix));

          candidate = g_strconcat (stem, suffix, NULL);
        }
      else
        candidate = g_strdup_printf ("%s (%u)", base, i);

      key = set->names ? g_ascii_strdown (candidate, -1) : g_utf8_casefold (candidate, -1);
      if (!g_hash_table_contains (set->seen, key))
        {
          g_hash_table_add (set->seen, g_steal_pointer (&key));
          return g_steal_pointer (&candidate);
        }
    }
}

void
shirabe_export_columns_free (ShirabeExportColumn *columns,
                             guint                n_columns)
{
  for (guint i = 0; i < n_columns; i++)
    {
      g_free (columns[i].header);
      g_free (columns[i].label);
    }
  g_free (columns);
}

/* The code columns' headers: variable names, or labels (paths where labels repeat). */
void
shirabe_export_assign_code_headers (Exporter *self)
{
  g_autoptr(GHashTable) label_uses = NULL;
  HeaderSet headers;

  /* Two codes may share a label under different parents ("Other"): their columns then show
   * the path, which tells them apart. */
  label_uses = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < self->codable->len; i++)
    {
      const char *label = code_label (self, g_ptr_array_index (self->codable, i));
      guint uses = GPOINTER_TO_UINT (g_hash_table_lookup (label_uses, label));

      g_hash_table_insert (label_uses, (gpointer) label, GUINT_TO_POINTER (uses + 1));
    }
  shirabe_export_header_set_init (&headers, self->names);
  self->code_headers = g_new0 (char *, self->codable->len + 1);
  self->code_labels = g_new0 (char *, self->codable->len + 1);
  for (guint i = 0; i < self->codable->len; i++)
    {
      ExportCode *code = g_ptr_array_index (self->codable, i);
      const char *label = code_label (self, code);
      const char *text;

      if (self->options->label_paths ||
          GPOINTER_TO_UINT (g_hash_table_lookup (label_uses, label)) > 1)
        self->code_labels[i] = g_strdup (code->path);
      else
        self->code_labels[i] = g_strdup (label);
      text = self->names ? code->var_name : self->code_labels[i];
      if (!self->names && self->options->label_paths)
        text = GPOINTER_TO_UINT (g_hash_table_lookup (label_uses, label)) > 1 ? code->path
                                                                              : label;
      self->code_headers[i] = shirabe_export_header_set_add (&headers, text);
    }
  shirabe_export_header_set_clear (&headers);

  self->rollup_headers = g_new0 (char *, self->rollups->len + 1);
  self->rollup_labels = g_new0 (char *, self->rollups->len + 1);
  for (guint i = 0; i < self->rollups->len; i++)
    {
      ExportCode *code = g_ptr_array_index (self->rollups, i);

      self->rollup_labels[i] = g_strconcat (code->path, term (self, T_ROLLUP), NULL);
      self->rollup_headers[i] = self->names ? g_strdup (code->rollup_name)
                                            : g_strdup (self->rollup_labels[i]);
    }
}

/* One name per variable, for the whole export: every code (categories too) and attribute
 * gets its final variable name here, legal in R, SPSS and Stata together and unique among
 * all of them and every fixed column of every table, so that the cases sheet's headers, the
 * codebook, the codings' code_var and the coder counts all say the same name and joins
 * work (a code named "if" is if_ everywhere; one named "case_id" is case_id_2). */
void
shirabe_export_assign_variable_names (Exporter *self)
{
  static const Term fixed[] = {
    T_CASE_ID, T_CASE_NAME, T_CODING_COMPLETE, T_CODING_UUID, T_NARRATIVE_ID, T_NARRATIVE,
    T_CODE_PATH, T_CODE_LABEL, T_CODE_VAR, T_CODER, T_START, T_END, T_EXCERPT, T_MEMO,
    T_CREATED, T_LEVEL, T_LABEL_EN, T_LABEL_JA, T_DESCRIPTION_EN, T_DESCRIPTION_JA, T_COLOR,
    T_VAR_NAME, T_CODABLE, T_N_CODINGS, T_N_CASES, T_TITLE, T_LANGUAGE, T_KIND, T_LENGTH,
    T_STATUS, T_COUNT, T_ITEM, T_DESCRIPTION, T_ENTRY, T_VALUE_TYPE, T_CHOICES,
    T_TRANSLATION_OF, T_ON, T_N_CODINGS_SUBTREE,
  };
  GPtrArray *attributes[] = { self->case_attributes, self->narrative_attributes };
  HeaderSet names;

  shirabe_export_header_set_init (&names, TRUE);
  for (guint i = 0; i < G_N_ELEMENTS (fixed); i++)
    g_free (shirabe_export_header_set_add (&names, shirabe_export_terms[fixed[i]][0]));
  for (guint i = 0; i < self->codes->len; i++)
    {
      ExportCode *code = g_ptr_array_index (self->codes, i);
      char *name = shirabe_export_header_set_add (&names,
                                                  code->var_name != NULL && *code->var_name != '\0'
                                                  ? code->var_name : code_label (self, code));

      g_free (code->var_name);
      code->var_name = name;
    }
  /* A roll-up column's name: the code's, then "_all" (shortened to fit when needed). */
  for (guint i = 0; i < self->rollups->len; i++)
    {
      ExportCode *code = g_ptr_array_index (self->rollups, i);
      g_autofree char *stem = g_strndup (code->var_name, VAR_NAME_MAX - strlen ("_all"));
      g_autofree char *wanted = g_strconcat (stem, "_all", NULL);

      code->rollup_name = shirabe_export_header_set_add (&names, wanted);
    }
  for (guint a = 0; a < G_N_ELEMENTS (attributes); a++)
    for (guint i = 0; i < attributes[a]->len; i++)
      {
        ExportAttribute *attribute = g_ptr_array_index (attributes[a], i);
        char *name = shirabe_export_header_set_add (&names, attribute->var_name != NULL &&
                                                            *attribute->var_name != '\0'
                                                            ? attribute->var_name
                                                            : attribute->header_label);

        g_free (attribute->var_name);
        attribute->var_name = name;
        attribute->choices.name = attribute->var_name;
      }
  shirabe_export_header_set_clear (&names);
}
