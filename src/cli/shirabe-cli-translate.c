/* shirabe-cli-translate.c: link-translation, align and copy-coding-to-translation
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "shirabe-cli-private.h"
#include "shirabe-alignment.h"

#include <inttypes.h>

int
shirabe_cli_link_translation (int    argc,
                              char **argv)
{
  gboolean none = FALSE;
  const GOptionEntry entries[] = {
    { "none", 0, 0, G_OPTION_ARG_NONE, &none,
      N_("Unlink: the narrative is no translation (give no ORIGINAL)"), NULL },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(ShirabeNarrative) translation = NULL;
  g_autoptr(ShirabeNarrative) original = NULL;
  ShirabeProject *project;
  gint64 translation_id;
  gint64 original_id = 0;
  int status = SHIRABE_CLI_EXIT_OK;

  context = shirabe_cli_context_new (N_("PROJECT TRANSLATION [ORIGINAL]"),
                                     N_("Records that a narrative is a translation of another "
                                        "(its original), so that the two can be read side by "
                                        "side with their paragraphs aligned."),
                                     entries);
  if (!shirabe_cli_parse (context, &argc, &argv, 2, 3, &status))
    return status;
  if (none == (argc == 4))
    return shirabe_cli_usage_error (_("Give either the ORIGINAL or --none"));
  if ((project = shirabe_cli_open (argv[1], FALSE, &status)) == NULL)
    return status;
  if ((translation_id = shirabe_project_find_narrative (project, argv[2], &error)) == 0 ||
      (!none && (original_id = shirabe_project_find_narrative (project, argv[3], &error)) == 0) ||
      !shirabe_project_set_translation_of (project, translation_id, original_id, &error) ||
      (translation = shirabe_project_get_narrative (project, translation_id, &error)) == NULL ||
      (!none && (original = shirabe_project_get_narrative (project, original_id, &error)) == NULL))
    return shirabe_cli_close (project, shirabe_cli_error (error));
  if (none)
    g_print (_("“%s” is no longer a translation\n"), translation->title);
  else
    g_print (_("“%s” is a translation of “%s”\n"), translation->title, original->title);
  return shirabe_cli_close (project, status);
}

/* "3" or "3–5", paragraphs from 1. */
static char *
format_paragraphs (guint first,
                   guint last)
{
  if (first == last)
    return g_strdup_printf ("%u", first + 1);
  return g_strdup_printf ("%u–%u", first + 1, last + 1);
}

/* A place in a text walked forward pair by pair, so that printing every pair of a long
 * narrative stays linear. */
typedef struct
{
  const char *pointer;
  gint64      offset;
} TextCursor;

static char *
dup_slice (TextCursor *cursor,
           gint64      start,
           gint64      end)
{
  const char *from = g_utf8_offset_to_pointer (cursor->pointer, start - cursor->offset);
  const char *to = g_utf8_offset_to_pointer (from, end - start);

  cursor->pointer = to;
  cursor->offset = end;
  return g_strndup (from, to - from);
}

static gboolean
print_alignment (ShirabeProject    *project,
                 ShirabeAlignment  *alignment,
                 gboolean           json,
                 GError           **error)
{
  g_autofree char *original = shirabe_project_dup_narrative_text (project,
                                                                  alignment->original_id,
                                                                  error);
  g_autofree char *translation = original == NULL ? NULL
                                 : shirabe_project_dup_narrative_text (project,
                                                                       alignment->translation_id,
                                                                       error);
  g_autoptr(ShirabeCliTable) table = NULL;
  g_autoptr(JsonBuilder) builder = NULL;

  TextCursor original_cursor = { NULL, 0 };
  TextCursor translation_cursor = { NULL, 0 };

  if (translation == NULL)
    return FALSE;
  original_cursor.pointer = original;
  translation_cursor.pointer = translation;

  if (json)
    {
      builder = json_builder_new ();
      json_builder_begin_object (builder);
      shirabe_cli_json_int (builder, "original_id", alignment->original_id);
      shirabe_cli_json_int (builder, "translation_id", alignment->translation_id);
      shirabe_cli_json_bool (builder, "adjusted", alignment->adjusted);
      shirabe_cli_json_int (builder, "original_paragraphs", alignment->original_paragraphs->len);
      shirabe_cli_json_int (builder, "translation_paragraphs",
                            alignment->translation_paragraphs->len);
      json_builder_set_member_name (builder, "pairs");
      json_builder_begin_array (builder);
    }
  else
    table = shirabe_cli_table_new ("rrrll",
                                   C_("column header", "Pair"),
                                   C_("column header", "Original ¶"),
                                   C_("column header", "Translation ¶"),
                                   C_("column header", "Original"),
                                   C_("column header", "Translation"));

  for (guint k = 0; k < alignment->pairs->len; k++)
    {
      const ShirabeAlignedPair *pair = &g_array_index (alignment->pairs, ShirabeAlignedPair, k);
      g_autofree char *original_text = dup_slice (&original_cursor, pair->original_start,
                                                  pair->original_end);
      g_autofree char *translation_text = dup_slice (&translation_cursor,
                                                     pair->translation_start,
                                                     pair->translation_end);

      if (json)
        {
          json_builder_begin_object (builder);
          shirabe_cli_json_int (builder, "pair", k + 1);
          shirabe_cli_json_int (builder, "original_first", pair->original_first + 1);
          shirabe_cli_json_int (builder, "original_last", pair->original_last + 1);
          shirabe_cli_json_int (builder, "translation_first", pair->translation_first + 1);
          shirabe_cli_json_int (builder, "translation_last", pair->translation_last + 1);
          shirabe_cli_json_int (builder, "original_start", pair->original_start);
          shirabe_cli_json_int (builder, "original_end", pair->original_end);
          shirabe_cli_json_int (builder, "translation_start", pair->translation_start);
          shirabe_cli_json_int (builder, "translation_end", pair->translation_end);
          shirabe_cli_json_string (builder, "original_text", original_text);
          shirabe_cli_json_string (builder, "translation_text", translation_text);
          json_builder_end_object (builder);
        }
      else
        {
          g_autofree char *number = g_strdup_printf ("%u", k + 1);
          g_autofree char *original_range = format_paragraphs (pair->original_first,
                                                               pair->original_last);
          g_autofree char *translation_range = format_paragraphs (pair->translation_first,
                                                                  pair->translation_last);
          g_autofree char *original_short = shirabe_cli_sanitize (original_text, 30);
          g_autofree char *translation_short = shirabe_cli_sanitize (translation_text, 30);

          shirabe_cli_table_add (table, number, original_range, translation_range,
                                 original_short, translation_short);
        }
    }

  if (json)
    {
      json_builder_end_array (builder);
      json_builder_end_object (builder);
      return shirabe_cli_print_json (builder);
    }
  shirabe_cli_table_print (table);
  return TRUE;
}

/* "P:Q", two paragraph numbers from 1. */
static gboolean
parse_split (const char *text,
             guint      *original,
             guint      *translation)
{
  g_auto(GStrv) parts = g_strsplit (text, ":", -1);
  guint64 o, t;

  if (g_strv_length (parts) != 2 ||
      !g_ascii_string_to_unsigned (parts[0], 10, 1, G_MAXUINT, &o, NULL) ||
      !g_ascii_string_to_unsigned (parts[1], 10, 1, G_MAXUINT, &t, NULL))
    return FALSE;
  *original = o - 1;
  *translation = t - 1;
  return TRUE;
}

int
shirabe_cli_align (int    argc,
                   char **argv)
{
  gboolean json = FALSE;
  gboolean reset = FALSE;
  g_autofree char *join = NULL;
  g_autofree char *split = NULL;
  const GOptionEntry entries[] = {
    { "join", 0, 0, G_OPTION_ARG_STRING, &join,
      N_("Join pair N with the pair after it"), N_("N") },
    { "split", 0, 0, G_OPTION_ARG_STRING, &split,
      N_("Split a pair so that paragraph P of the original and paragraph Q of the translation "
         "begin a new one"), N_("P:Q") },
    { "reset", 0, 0, G_OPTION_ARG_NONE, &reset,
      N_("Forget the adjustments: pair the paragraphs by order"), NULL },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON instead of a table"), NULL },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(ShirabeAlignment) alignment = NULL;
  ShirabeProject *project;
  gint64 translation_id;
  guint64 pair = 0;
  guint original = 0, translation = 0;
  int status = SHIRABE_CLI_EXIT_OK;

  context = shirabe_cli_context_new (N_("PROJECT TRANSLATION"),
                                     N_("Prints how a translation’s paragraphs are aligned with "
                                        "its original’s, pair by pair, or adjusts the alignment. "
                                        "Paragraphs are parted by blank lines (in a text without "
                                        "blank lines, each line is one), numbered from 1, and "
                                        "paired by order until adjusted."),
                                     entries);
  if (!shirabe_cli_parse (context, &argc, &argv, 2, 2, &status))
    return status;
  if ((join != NULL) + (split != NULL) + (reset != FALSE) > 1)
    return shirabe_cli_usage_error (_("Give only one of --join, --split and --reset"));
  if (join != NULL && !shirabe_cli_parse_count ("--join", join, G_MAXUINT, &pair, &status))
    return status;
  if (join != NULL && pair == 0)
    return shirabe_cli_usage_error (_("--join takes a pair number from 1, not “%s”"), join);
  if (split != NULL && !parse_split (split, &original, &translation))
    return shirabe_cli_usage_error (_("--split takes two paragraph numbers from 1 as P:Q "
                                      "(of the original, then of the translation), not “%s”"),
                                    split);
  if ((project = shirabe_cli_open (argv[1], join == NULL && split == NULL && !reset,
                                   &status)) == NULL)
    return status;
  if ((translation_id = shirabe_project_find_narrative (project, argv[2], &error)) == 0 ||
      (join != NULL &&
       !shirabe_project_join_aligned_pairs (project, translation_id, pair - 1, &error)) ||
      (split != NULL &&
       !shirabe_project_split_aligned_pair (project, translation_id, original, translation,
                                            &error)) ||
      (reset && !shirabe_project_reset_alignment (project, translation_id, &error)) ||
      (alignment = shirabe_project_get_alignment (project, translation_id, &error)) == NULL ||
      !print_alignment (project, alignment, json, &error))
    return shirabe_cli_close (project, error != NULL ? shirabe_cli_error (error)
                                                     : SHIRABE_CLI_EXIT_DATA);
  return shirabe_cli_close (project, status);
}

int
shirabe_cli_copy_coding_to_translation (int    argc,
                                        char **argv)
{
  g_autofree char *to = NULL;
  const GOptionEntry entries[] = {
    { "to", 0, 0, G_OPTION_ARG_STRING, &to,
      N_("The narrative to carry it to, when the original has several translations"),
      N_("NARRATIVE") },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(ShirabeCoding) carried = NULL;
  g_autoptr(ShirabeNarrative) target = NULL;
  ShirabeProject *project;
  gint64 coding_id;
  gint64 target_id = 0;
  gint64 carried_id;
  int status = SHIRABE_CLI_EXIT_OK;

  context = shirabe_cli_context_new (N_("PROJECT CODING"),
                                     N_("Carries a coding to the aligned paragraphs of the "
                                        "translation (or, from a translation, of the original): "
                                        "the same code and coder, marked as carried, so that "
                                        "agreement and the export count the passage once."),
                                     entries);
  if (!shirabe_cli_parse (context, &argc, &argv, 2, 2, &status))
    return status;
  if ((project = shirabe_cli_open (argv[1], FALSE, &status)) == NULL)
    return status;
  if ((coding_id = shirabe_project_find_coding (project, argv[2], &error)) == 0 ||
      (to != NULL && (target_id = shirabe_project_find_narrative (project, to, &error)) == 0) ||
      (carried_id = shirabe_project_carry_coding (project, coding_id, target_id, &error)) == 0 ||
      (carried = shirabe_project_get_coding (project, carried_id, &error)) == NULL ||
      (target = shirabe_project_get_narrative (project, carried->narrative_id, &error)) == NULL)
    return shirabe_cli_close (project, shirabe_cli_error (error));
  g_print (_("Carried coding %" PRId64 " to “%s” at %" PRId64 "–%" PRId64 " as coding %"
             PRId64 "\n"),
           coding_id, target->title, carried->start, carried->end, carried_id);
  return shirabe_cli_close (project, status);
}
