/* shirabe-export-about.c: the documentation that goes with every export
 *
 * A table of numbers is only as good as the reader's idea of what each number counts. Every
 * export carries its own explanation: an `about` sheet in the workbook, `README.txt` beside
 * the CSV files. It names the project, the time, Shirabe's version and every option, and says
 * for each table what a row is and what each kind of column counts. Like the sheet names, it
 * follows the export's language option, not the interface's, so both languages are here as
 * data.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "shirabe-i18n.h"

#include "shirabe-export-about-private.h"

typedef enum
{
  A_PROJECT,
  A_EXPORTED,
  A_VERSION,
  A_CODER,
  A_CODER_ALL,
  A_UNIT,
  A_UNIT_PASSAGES,
  A_UNIT_CODINGS,
  A_UNIT_NARRATIVES,
  A_TRANSLATIONS,
  A_TRANSLATIONS_ONCE,
  A_TRANSLATIONS_EACH,
  A_TRANSLATIONS_CARRIED,
  A_TRANSLATIONS_ORIGINAL,
  A_TRANSLATIONS_TRANSLATION,
  A_INCOMPLETE,
  A_INCOMPLETE_MISSING,
  A_INCOMPLETE_ZERO,
  A_INCOMPLETE_EXCLUDE,
  A_CODE_COLUMNS,
  A_CODE_COLUMNS_COUNTS,
  A_CODE_COLUMNS_PRESENCE,
  A_HEADERS,
  A_HEADERS_LABELS,
  A_HEADERS_NAMES,
  A_EXCERPTS,
  A_EXCERPTS_IN,
  A_EXCERPTS_OUT,
  A_CHOICES,
  A_CHOICES_VALUES,
  A_CHOICES_LABELS,
  A_ROLLUP,
  A_ROLLUP_TEXT,
  A_POSITIONS,
  A_POSITIONS_TEXT,
  A_FORMULAS,
  A_FORMULAS_EXACT,
  A_FORMULAS_GUARDED,
  A_FORMULAS_XLSX,
  A_FORMULAS_STATS,
  A_CHOICES_CODES,
  A_TABLE,
  A_CASES,
  A_CODINGS,
  A_CODEBOOK,
  A_NARRATIVES,
  A_COOCCURRENCE,
  A_COOCCURRENCE_NARRATIVES,
  A_COOCCURRENCE_PASSAGES,
  A_NARRATIVE_CODES,
  A_OVERLAPS,
  A_CODER_COUNTS,
  A_MEMOS,
  A_PSEUDONYMISED,
  A_PSEUDONYMISED_TEXT,
  N_ABOUT
} AboutTerm;

/* { English, Japanese } */
static const char *const about_terms[N_ABOUT][2] = {
  [A_PROJECT] = { "Project", "プロジェクト" },
  [A_EXPORTED] = { "Exported (UTC)", "書き出し日時（UTC）" },
  [A_VERSION] = { "Written by", "作成ソフトウェア" },
  [A_CODER] = { "Coders", "コーダー" },
  [A_CODER_ALL] = { "All coders' codings.", "すべてのコーダーのコーディング。" },
  [A_UNIT] = { "What a count counts", "件数が数えるもの" },
  [A_UNIT_PASSAGES] = {
    "Distinct passages: within a narrative, codings of a code that overlap (by any coder) are "
    "one passage and count once; codings that only touch count separately.",
    "異なる箇所: 1 つの語りの中で、同じコードのコーディングが重なっていれば（どのコーダーのもので"
    "も）1 つの箇所として 1 回だけ数える。接しているだけのコーディングは別々に数える。" },
  [A_UNIT_CODINGS] = {
    "Codings: every coding counts, so a passage coded by two coders counts twice.",
    "コーディング: すべてのコーディングを数える。2 人のコーダーが同じ箇所をコーディングすれば 2 と"
    "数える。" },
  [A_UNIT_NARRATIVES] = {
    "Narratives: how many of the case's narratives have the code at least once.",
    "語り: 事例の語りのうち、そのコードが 1 回以上付いている語りの数。" },
  [A_TRANSLATIONS] = { "Translations", "翻訳" },
  [A_TRANSLATIONS_ONCE] = {
    "A narrative and its translations count once: their count is that of the one with the "
    "most, so that an original and its coded translation do not count twice.",
    "語りとその翻訳は 1 つとして数える。件数は最も多いものの件数で、原文とコーディング済みの翻訳を"
    "二重に数えることはない。" },
  [A_TRANSLATIONS_EACH] = {
    "Each narrative counts on its own: a translation's codings add to its original's.",
    "語りをそれぞれ別に数える。翻訳のコーディングは原文の件数に加算される。" },
  [A_TRANSLATIONS_CARRIED] = {
    "A coding carried to the aligned paragraph of the other side (Code the Translation Too) "
    "is not counted again: the coding it was carried from counts.",
    "対応する段落へ引き継いだコーディング（翻訳にもコーディング）は改めて数えない。"
    "引き継ぎ元のコーディングを数える。" },
  [A_TRANSLATIONS_ORIGINAL] = {
    "Counted from the originals: only the codings of narratives that are not translations "
    "count, those carried to them included.",
    "原文の側から数える。翻訳でない語りのコーディングだけを数え、原文へ引き継いだコーディングも"
    "含める。" },
  [A_TRANSLATIONS_TRANSLATION] = {
    "Counted from the translations: only the codings of translations count, those carried "
    "to them included, and those of narratives that have no translation.",
    "翻訳の側から数える。翻訳のコーディングだけを数え、翻訳へ引き継いだコーディングと、"
    "翻訳のない語りのコーディングも含める。" },
  [A_INCOMPLETE] = { "Cases not fully coded", "コーディング未完了の事例" },
  [A_INCOMPLETE_MISSING] = {
    "A case is fully coded when all its narratives are marked done (column coding_complete = "
    "1). The code columns of other cases are empty, which R, pandas, SPSS and Stata read as "
    "missing: not yet coded is not the same as absent.",
    "事例のすべての語りが「完了」になっていれば、その事例はコーディング完了（列 coding_complete = "
    "1）。それ以外の事例のコード列は空欄で、R、pandas、SPSS、Stata では欠損値として読まれる。未コー"
    "ディングは「なし」とは違う。" },
  [A_INCOMPLETE_ZERO] = {
    "The code columns of cases not fully coded (coding_complete = 0) hold the counts found so "
    "far: a 0 there may only mean that nobody has looked yet.",
    "コーディング未完了の事例（coding_complete = 0）のコード列には、その時点までの件数が入る。そ"
    "こでの 0 は、まだ誰も調べていないだけのこともある。" },
  [A_INCOMPLETE_EXCLUDE] = {
    "Cases not fully coded are left out of the cases table and of the co-occurrence counts.",
    "コーディング未完了の事例は、事例の表と共起の集計から除いてある。" },
  [A_CODE_COLUMNS] = { "Code columns", "コード列" },
  [A_CODE_COLUMNS_COUNTS] = { "Counts, in the unit above.", "上の単位での件数。" },
  [A_CODE_COLUMNS_PRESENCE] = {
    "Presence: 1 when the count in the unit above is at least 1, else 0.",
    "有無: 上の単位での件数が 1 以上なら 1、そうでなければ 0。" },
  [A_HEADERS] = { "Column headers", "列見出し" },
  [A_HEADERS_LABELS] = { "Labels.", "ラベル。" },
  [A_HEADERS_NAMES] = {
    "Variable names: ASCII letters, digits and _, at most 32 characters, valid in R, SPSS and "
    "Stata; the codebook lists each code's.",
    "変数名: 英数字と _ のみ、32 文字以内で、R、SPSS、Stata でそのまま使える。各コードの変数名は"
    "コードブックにある。" },
  [A_EXCERPTS] = { "Excerpts", "抜粋" },
  [A_EXCERPTS_IN] = {
    "The codings table holds each coded passage's text.",
    "コーディングの表に、コーディングした箇所のテキストを含む。" },
  [A_EXCERPTS_OUT] = {
    "Left out: the codings table holds positions only.",
    "含まない。コーディングの表には位置だけがある。" },
  [A_CHOICES] = { "Categories", "カテゴリー値" },
  [A_CHOICES_VALUES] = {
    "Choice attributes and a narrative's status hold their stored values (status: to_do, "
    "in_progress, done); the codebook lists each choice's labels.",
    "選択肢型の属性と語りの進捗には保存されている値が入る（進捗: to_do、in_progress、done）。各選"
    "択肢のラベルはコードブックにある。" },
  [A_CHOICES_LABELS] = {
    "Choice attributes and a narrative's status hold their labels in the export's language.",
    "選択肢型の属性と語りの進捗には、書き出しの言語でのラベルが入る。" },
  [A_ROLLUP] = { "Subtree columns", "下位を含む列" },
  [A_ROLLUP_TEXT] = {
    "After the code columns, one per code with subcodes (“… (all)”, variable name …_all): the "
    "count in the unit above over the code and everything below it, a passage coded with two "
    "of them counting once.",
    "コード列の後に、下位コードを持つコードごとに 1 列（「…（下位を含む）」、変数名 …_all）: その"
    "コードと下位のすべてのコードについて上の単位で数えた件数。2 つのコードが付いた箇所も 1 回と数"
    "える。" },
  [A_POSITIONS] = { "Positions", "位置" },
  [A_POSITIONS_TEXT] = {
    "start and end count characters (Unicode code points) from 0; end is not included.",
    "開始位置と終了位置は 0 から数えた文字数（Unicode のコードポイント）。終了位置の文字は含まない。" },
  [A_FORMULAS] = { "Values", "値" },
  [A_FORMULAS_EXACT] = {
    "Written exactly as stored. Text starting with = + - or @ may be taken for a formula by a "
    "spreadsheet: open these files in R, pandas, SPSS or Stata, or export again for Excel.",
    "保存されているとおりに書き出した。= + - @ で始まるテキストは表計算ソフトで数式と見なされるこ"
    "とがある。R、pandas、SPSS、Stata で開くか、Excel 用に書き出し直すこと。" },
  [A_FORMULAS_GUARDED] = {
    "For opening in Excel: text starting with = + - @ or a tab has a leading apostrophe (') "
    "that is not part of the value.",
    "Excel で開くため、= + - @ またはタブで始まるテキストの先頭にアポストロフィ（'）を付けた。これ"
    "は値の一部ではない。" },
  [A_FORMULAS_XLSX] = {
    "Text cells are text: a spreadsheet never runs them as formulas. A text longer than a cell "
    "holds (32,767 characters) is cut and ends with a note of its full length.",
    "テキストのセルはテキストとして保存され、数式として実行されることはない。1 つのセルに収まらない"
    "テキスト（32,767 文字超）は切り詰め、末尾に全体の文字数を記した。" },
  [A_FORMULAS_STATS] = {
    "A labelled dataset per table: each variable has its label (the code's or attribute's "
    "full label in dictionary.csv when the file's limit cut it), presence and yes/no "
    "variables have value labels, numbers are numeric, dates are dates, and an empty cell is "
    "system missing (an empty string for text). Text is cut as in a workbook (32,767 "
    "characters; in SPSS also 32,767 bytes) and ends with a note of its full length. "
    "dictionary.csv lists every variable with its name, type, label and value labels.",
    "表ごとにラベル付きのデータセットとした。各変数にラベル（コードまたは属性のラベル。ファイル"
    "の上限で切り詰めた場合の全文は dictionary.csv にある）を付け、有無と「はい/いいえ」の変数に"
    "は値ラベルを付けた。数値は数値、日付は日付として保存し、空のセルはシステム欠損値（テキスト"
    "では空文字列）とした。テキストはワークブックと同じく 32,767 文字（SPSS ではさらに 32,767 バイ"
    "ト）で切り詰め、末尾に全体の文字数を記した。dictionary.csv に全変数の名前、型、ラベル、値ラ"
    "ベルを載せた。" },
  [A_CHOICES_CODES] = {
    "Choice attributes, a narrative's status and a memo's subject are numeric codes 1, 2, … "
    "with value labels in the export's language; dictionary.csv lists the stored value of each "
    "code.",
    "選択肢型の属性、語りの進捗、メモの対象は 1, 2, … の数値コードとし、書き出しの言語で値ラベル"
    "を付けた。各コードに対応する保存値は dictionary.csv にある。" },
  [A_TABLE] = { "Table “%s”", "表「%s」" },
  [A_CASES] = {
    "One row per case: its attributes, coding_complete (1 when all its narratives are marked "
    "done), then one column per codable code.",
    "事例ごとに 1 行: 属性、coding_complete（すべての語りが「完了」なら 1）、続いてコードごとに 1 "
    "列。" },
  [A_CODINGS] = {
    "One row per coding: which coder applied which code to which passage of which narrative, "
    "with its memo and creation time.",
    "コーディングごとに 1 行: どのコーダーが、どの語りのどの箇所に、どのコードを付けたか。メモと作"
    "成日時も含む。" },
  [A_CODEBOOK] = {
    "One row per code of the tree, categories included: labels, descriptions, colour, variable "
    "name; n_codings counts codings as stored, n_codings_subtree those of the code and all its "
    "subcodes, n_cases the cases having the code. Then one row per attribute: its names, "
    "variable, type and choices.",
    "コード体系のコードごとに 1 行（カテゴリーも含む）: ラベル、説明、色、変数名。n_codings は保存"
    "されているコーディングの数、n_codings_subtree は下位コードを含むコーディングの数、n_cases は"
    "そのコードを持つ事例の数。続いて属性ごとに 1 行: 名前、変数名、型、選択肢。" },
  [A_NARRATIVES] = {
    "One row per narrative: title, language, kind, length in characters, coding status, its "
    "attributes and its number of codings.",
    "語りごとに 1 行: 題名、言語、種類、文字数、進捗、属性、コーディング数。" },
  [A_COOCCURRENCE] = {
    "Code × code: the number of cases in which both codes occur; the diagonal is the number of "
    "cases that have the code.",
    "コード × コード: 両方のコードが現れる事例の数。対角線はそのコードを持つ事例の数。" },
  [A_COOCCURRENCE_NARRATIVES] = {
    "Code × code: the number of narratives in which both codes occur; the diagonal is the "
    "number of narratives that have the code.",
    "コード × コード: 両方のコードが現れる語りの数。対角線はそのコードを持つ語りの数。" },
  [A_COOCCURRENCE_PASSAGES] = {
    "Code × code: the number of pairs of passages, one of each code, that overlap in the text "
    "(a passage being the union of overlapping codings of one code); the diagonal is the "
    "code's number of passages.",
    "コード × コード: テキスト上で重なり合う、それぞれのコードの箇所の組の数（箇所は同じコードの重"
    "なるコーディングをまとめたもの）。対角線はそのコードの箇所の数。" },
  [A_NARRATIVE_CODES] = {
    "One row per narrative, with coding_complete (1 when marked done) and one column per "
    "codable code: the count in the unit above within that narrative alone.",
    "語りごとに 1 行: coding_complete（「完了」なら 1）と、コードごとに 1 列。その語りだけについて"
    "上の単位で数えた件数。" },
  [A_OVERLAPS] = {
    "Code × code: the number of pairs of codings whose passages overlap in the text; the "
    "diagonal counts overlapping pairs of the same code.",
    "コード × コード: テキスト上で箇所が重なるコーディングの組の数。対角線は同じコードどうしで重な"
    "る組の数。" },
  [A_PSEUDONYMISED] = { "Pseudonymised", "仮名化" },
  [A_PSEUDONYMISED_TEXT] = {
    "Names in the project's pseudonym table were replaced by their pseudonyms in every text, "
    "excerpt, memo, case name, label and text value (%s UTC); names the table does not list "
    "are as written.",
    "プロジェクトの仮名表にある名前を、すべての本文、抜粋、メモ、事例名、ラベル、テキストの値で"
    "仮名に置き換えた（%s UTC）。仮名表にない名前は書かれたままである。" },
  [A_CODER_COUNTS] = {
    "One row per case, coder who coded any of its narratives, and codable code: the count in "
    "the unit above over that coder's codings alone (0: this coder did not find the code).",
    "事例、その語りをコーディングしたコーダー、コードの組ごとに 1 行: そのコーダーのコーディングだ"
    "けについて、上の単位で数えた件数（0 はそのコーダーがコードを見つけなかったこと）。" },
  [A_MEMOS] = {
    "One row per memo: what it is on (a case, a narrative, or a coding with its code, coder and "
    "passage), when it was created and its text.",
    "メモごとに 1 行: 対象（事例、語り、またはコーディング。コーディングならコード、コーダー、"
    "箇所も）、作成日時、本文。" },
};

static void add (GPtrArray  *rows,
                 const char *item,
                 const char *text);

static void
add (GPtrArray  *rows,
     const char *item,
     const char *text)
{
  g_ptr_array_add (rows, g_strdup (item));
  g_ptr_array_add (rows, g_strdup (text));
}

/**
 * shirabe_export_about:
 * @info: the export's options and facts
 *
 * Returns: (transfer full): item, text, item, text...: the rows of the `about` table
 */
GPtrArray *
shirabe_export_about (const ShirabeExportAbout *info)
{
  const ShirabeExportOptions *options = info->options;
  int l = info->japanese ? 1 : 0;
  gboolean stats = options->format == SHIRABE_EXPORT_SAV || options->format == SHIRABE_EXPORT_DTA;
  GPtrArray *rows = g_ptr_array_new_with_free_func (g_free);
  /* { ASCII (CSV files), English, Japanese }, as shirabe-export.c names the tables */
  static const struct { ShirabeExportTables table; const char *name[3]; AboutTerm text; }
  tables[] = {
    { SHIRABE_EXPORT_TABLE_CASES, { "cases", "cases", "事例" }, A_CASES },
    { SHIRABE_EXPORT_TABLE_CODINGS, { "codings", "codings", "コーディング" }, A_CODINGS },
    { SHIRABE_EXPORT_TABLE_CODER_COUNTS, { "coder_counts", "coder counts", "コーダー別件数" },
      A_CODER_COUNTS },
    { SHIRABE_EXPORT_TABLE_CODEBOOK, { "codebook", "codebook", "コードブック" }, A_CODEBOOK },
    { SHIRABE_EXPORT_TABLE_NARRATIVES, { "narratives", "narratives", "語り" }, A_NARRATIVES },
    { SHIRABE_EXPORT_TABLE_NARRATIVE_CODES, { "narrative_codes", "narrative codes",
                                               "語り別コード" }, A_NARRATIVE_CODES },
    { SHIRABE_EXPORT_TABLE_COOCCURRENCE, { "cooccurrence", "cooccurrence", "共起" },
      A_COOCCURRENCE },
    { SHIRABE_EXPORT_TABLE_OVERLAPS, { "overlaps", "overlaps", "重なり" }, A_OVERLAPS },
    { SHIRABE_EXPORT_TABLE_MEMOS, { "memos", "memos", "メモ一覧" }, A_MEMOS },
  };

#define T(id) about_terms[id][l]
  add (rows, T (A_PROJECT), info->project_name);
  add (rows, T (A_EXPORTED), info->exported_at);
  add (rows, T (A_VERSION), "Shirabe " PACKAGE_VERSION);
  add (rows, T (A_CODER), info->coder_name != NULL ? info->coder_name : T (A_CODER_ALL));
  if (info->pseudonymised_at != NULL)
    {
      g_autofree char *when = g_strndup (info->pseudonymised_at, 19);
      g_autofree char *text = NULL;

      g_strdelimit (when, "T", ' ');
      /* Not a translatable message: the language is the export's. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
      text = g_strdup_printf (T (A_PSEUDONYMISED_TEXT), when);
#pragma GCC diagnostic pop
      add (rows, T (A_PSEUDONYMISED), text);
    }
  add (rows, T (A_UNIT), options->count == SHIRABE_EXPORT_COUNT_CODINGS ? T (A_UNIT_CODINGS)
                         : options->count == SHIRABE_EXPORT_COUNT_NARRATIVES
                         ? T (A_UNIT_NARRATIVES) : T (A_UNIT_PASSAGES));
  if (options->translations == SHIRABE_EXPORT_TRANSLATIONS_ORIGINAL)
    add (rows, T (A_TRANSLATIONS), T (A_TRANSLATIONS_ORIGINAL));
  else if (options->translations == SHIRABE_EXPORT_TRANSLATIONS_TRANSLATION)
    add (rows, T (A_TRANSLATIONS), T (A_TRANSLATIONS_TRANSLATION));
  else
    {
      g_autofree char *text = g_strjoin (l == 1 ? "" : " ",
                                         options->include_translations ? T (A_TRANSLATIONS_EACH)
                                                                       : T (A_TRANSLATIONS_ONCE),
                                         T (A_TRANSLATIONS_CARRIED), NULL);

      add (rows, T (A_TRANSLATIONS), text);
    }
  add (rows, T (A_INCOMPLETE),
       options->incomplete == SHIRABE_EXPORT_INCOMPLETE_ZERO ? T (A_INCOMPLETE_ZERO)
       : options->incomplete == SHIRABE_EXPORT_INCOMPLETE_EXCLUDE ? T (A_INCOMPLETE_EXCLUDE)
       : T (A_INCOMPLETE_MISSING));
  add (rows, T (A_CODE_COLUMNS), options->presence ? T (A_CODE_COLUMNS_PRESENCE)
                                                   : T (A_CODE_COLUMNS_COUNTS));
  add (rows, T (A_HEADERS), options->header == SHIRABE_EXPORT_HEADER_NAMES || stats
                            ? T (A_HEADERS_NAMES) : T (A_HEADERS_LABELS));
  if (options->rollup)
    add (rows, T (A_ROLLUP), T (A_ROLLUP_TEXT));
  add (rows, T (A_CHOICES), stats ? T (A_CHOICES_CODES)
                            : options->choices == SHIRABE_EXPORT_CHOICES_LABELS
                            ? T (A_CHOICES_LABELS) : T (A_CHOICES_VALUES));
  add (rows, T (A_EXCERPTS), options->no_excerpts ? T (A_EXCERPTS_OUT) : T (A_EXCERPTS_IN));
  add (rows, T (A_POSITIONS), T (A_POSITIONS_TEXT));
  add (rows, T (A_FORMULAS), stats ? T (A_FORMULAS_STATS)
                             : options->format != SHIRABE_EXPORT_CSV ? T (A_FORMULAS_XLSX)
                             : options->guard_formulas ? T (A_FORMULAS_GUARDED)
                             : T (A_FORMULAS_EXACT));
  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    if ((info->tables & tables[i].table) != 0)
      {
        const char *name = tables[i].name[info->sheet_names_ascii ? 0 : l + 1];
        g_autofree char *item = NULL;

        /* Not a translatable message: the language is the export's. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
        item = g_strdup_printf (T (A_TABLE), name);
#pragma GCC diagnostic pop
        AboutTerm text = tables[i].text;

        if (text == A_COOCCURRENCE &&
            options->cooccurrence == SHIRABE_EXPORT_COOCCURRENCE_NARRATIVES)
          text = A_COOCCURRENCE_NARRATIVES;
        else if (text == A_COOCCURRENCE &&
                 options->cooccurrence == SHIRABE_EXPORT_COOCCURRENCE_PASSAGES)
          text = A_COOCCURRENCE_PASSAGES;
        add (rows, item, T (text));
      }
#undef T
  return rows;
}
