/* shirabe-cli-search.c: `search` over every narrative's text, and `autocode`, which codes
 * what a search finds
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "shirabe-cli-private.h"

#include <inttypes.h>
#include <stdio.h>
#include <unistd.h>

#include "shirabe-search.h"

#define DEFAULT_CONTEXT 40

typedef struct
{
  gboolean whole_words;
  gboolean fold_width;
  gboolean fold_kana;
  int      context;
} SearchOptions;

#define SEARCH_OPTIONS(options) \
  { "whole-words", 0, 0, G_OPTION_ARG_NONE, &(options).whole_words, \
    N_("Match terms in Latin script as whole words only"), NULL }, \
  { "fold-width", 0, 0, G_OPTION_ARG_NONE, &(options).fold_width, \
    N_("Ignore full- and half-width forms (ＡＢＣ = ABC, ｶﾀｶﾅ = カタカナ)"), NULL }, \
  { "fold-kana", 0, 0, G_OPTION_ARG_NONE, &(options).fold_kana, \
    N_("Treat hiragana and katakana alike"), NULL }

static ShirabeSearchFlags
search_flags (const SearchOptions *options)
{
  return (options->whole_words ? SHIRABE_SEARCH_WHOLE_WORDS : 0) |
         (options->fold_width ? SHIRABE_SEARCH_FOLD_WIDTH : 0) |
         (options->fold_kana ? SHIRABE_SEARCH_FOLD_KANA : 0);
}

static ShirabeSearchResults *
run_search (ShirabeProject       *project,
            const char           *text,
            const SearchOptions  *options,
            GError              **error)
{
  g_autoptr(ShirabeSearchQuery) query = shirabe_search_query_parse (text, search_flags (options),
                                                                    error);

  if (query == NULL)
    return NULL;
  return shirabe_search_results_new (project, query, MAX (options->context, 0), error);
}

static void
print_hit_json (ShirabeSearchHit *hit,
                gboolean          pretty)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *json = NULL;

  json_builder_begin_object (builder);
  shirabe_cli_json_int (builder, "narrative_id", shirabe_search_hit_get_narrative_id (hit));
  shirabe_cli_json_string (builder, "narrative", shirabe_search_hit_get_narrative_title (hit));
  shirabe_cli_json_string (builder, "case", shirabe_search_hit_get_case_name (hit));
  shirabe_cli_json_int (builder, "start", shirabe_search_hit_get_start (hit));
  shirabe_cli_json_int (builder, "end", shirabe_search_hit_get_end (hit));
  shirabe_cli_json_string (builder, "text", shirabe_search_hit_get_text (hit));
  shirabe_cli_json_string (builder, "before", shirabe_search_hit_get_context_before (hit));
  shirabe_cli_json_string (builder, "after", shirabe_search_hit_get_context_after (hit));
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, pretty);
  json = json_generator_to_data (generator, NULL);
  fputs (json, stdout);
}

int
shirabe_cli_search (int    argc,
                    char **argv)
{
  SearchOptions options = { .context = DEFAULT_CONTEXT };
  gboolean json = FALSE;
  gboolean jsonl = FALSE;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print a JSON array instead of text"), NULL },
    { "jsonl", 0, 0, G_OPTION_ARG_NONE, &jsonl, N_("Print one JSON object per line"), NULL },
    { "context", 0, 0, G_OPTION_ARG_INT, &options.context,
      N_("Characters of context on each side, cut at sentence ends (default 40)"), N_("N") },
    SEARCH_OPTIONS (options),
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(ShirabeSearchResults) results = NULL;
  ShirabeProject *project;
  gboolean tty = isatty (STDOUT_FILENO);
  gint64 shown = -1;
  guint n;
  int status = SHIRABE_CLI_EXIT_OK;

  context = shirabe_cli_context_new (N_("PROJECT QUERY"),
                                     N_("Searches the text of every narrative. A term is found "
                                        "inside words; \"a phrase\" in quotes matches with any "
                                        "white space between its words; OR between two terms "
                                        "finds either; -term leaves out the narratives that "
                                        "have it. Latin letters match in either case. Each "
                                        "occurrence is listed with its position (characters "
                                        "from 0) and context."),
                                     entries);
  if (!shirabe_cli_parse (context, &argc, &argv, 2, 2, &status))
    return status;
  if (json && jsonl)
    return shirabe_cli_usage_error (_("--json and --jsonl cannot be given together"));
  if ((project = shirabe_cli_open (argv[1], TRUE, &status)) == NULL)
    return status;
  results = run_search (project, argv[2], &options, &error);
  if (results == NULL)
    return shirabe_cli_close (project, shirabe_cli_error (error));

  n = g_list_model_get_n_items (G_LIST_MODEL (results));
  if (json)
    fputs ("[", stdout);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ShirabeSearchHit) hit = g_list_model_get_item (G_LIST_MODEL (results), i);

      if (json || jsonl)
        {
          if (json)
            fputs (i > 0 ? ",\n  " : "\n  ", stdout);
          print_hit_json (hit, FALSE);
          if (jsonl)
            fputc ('\n', stdout);
          continue;
        }
      if (shirabe_search_hit_get_narrative_id (hit) != shown)
        {
          g_autofree char *case_name =
            shirabe_cli_sanitize (shirabe_search_hit_get_case_name (hit), -1);
          g_autofree char *title =
            shirabe_cli_sanitize (shirabe_search_hit_get_narrative_title (hit), -1);

          g_print ("%s%s · %s\n", shown >= 0 ? "\n" : "", case_name, title);
          shown = shirabe_search_hit_get_narrative_id (hit);
        }
      {
        g_autofree char *before =
          shirabe_cli_sanitize (shirabe_search_hit_get_context_before (hit), -1);
        g_autofree char *text = shirabe_cli_sanitize (shirabe_search_hit_get_text (hit), -1);
        g_autofree char *after =
          shirabe_cli_sanitize (shirabe_search_hit_get_context_after (hit), -1);

        g_print ("  %" PRId64 "–%" PRId64 "  %s%s%s%s%s\n",
                 shirabe_search_hit_get_start (hit), shirabe_search_hit_get_end (hit), before,
                 tty ? "\033[1m" : "【", text, tty ? "\033[0m" : "】", after);
      }
    }
  if (json)
    fputs (n > 0 ? "\n]\n" : "]\n", stdout);
  else if (!jsonl)
    {
      guint n_narratives = shirabe_search_results_get_n_narratives (results);

      if (n > 0)
        g_print ("\n");
      /* Translators: the search's last line, as “23 hits in 7 narratives” */
      g_print (g_dngettext (GETTEXT_PACKAGE, "%u hit", "%u hits", n), n);
      g_print (" / ");
      g_print (g_dngettext (GETTEXT_PACKAGE, "%u narrative", "%u narratives", n_narratives),
               n_narratives);
      g_print ("\n");
    }
  return shirabe_cli_close (project, status);
}

/* The coder when --coder is not given: $SHIRABE_CODER, else the login name. */
static const char *
default_coder (void)
{
  const char *name = g_getenv ("SHIRABE_CODER");

  return name != NULL && *name != '\0' ? name : g_get_user_name ();
}

int
shirabe_cli_autocode (int    argc,
                      char **argv)
{
  SearchOptions options = { 0 };
  g_autofree char *coder = NULL;
  g_autofree char *expand_name = NULL;
  gboolean dry_run = FALSE;
  const GOptionEntry entries[] = {
    { "expand", 0, 0, G_OPTION_ARG_STRING, &expand_name,
      N_("Code the sentence or the paragraph around each hit instead of the hit"),
      N_("sentence|paragraph") },
    { "coder", 0, 0, G_OPTION_ARG_STRING, &coder,
      N_("Who codes (default: $SHIRABE_CODER, else your login name)"), N_("NAME") },
    { "dry-run", 0, 0, G_OPTION_ARG_NONE, &dry_run,
      N_("Say how many hits there are, and change nothing"), NULL },
    SEARCH_OPTIONS (options),
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(ShirabeSearchResults) results = NULL;
  ShirabeExpand expand = SHIRABE_EXPAND_NONE;
  ShirabeProject *project;
  gint64 code_id;
  guint added = 0;
  guint skipped = 0;
  guint n;
  int status = SHIRABE_CLI_EXIT_OK;

  context = shirabe_cli_context_new (N_("PROJECT QUERY CODE"),
                                     N_("Applies CODE to every hit of a search (see `search` "
                                        "for the query), or to the sentence or paragraph "
                                        "around it, skipping hits already coded with it by "
                                        "the same coder. The codings are added together."),
                                     entries);
  if (!shirabe_cli_parse (context, &argc, &argv, 3, 3, &status))
    return status;
  if (expand_name == NULL || g_strcmp0 (expand_name, "none") == 0 ||
      g_strcmp0 (expand_name, "hit") == 0)
    expand = SHIRABE_EXPAND_NONE;
  else if (g_strcmp0 (expand_name, "sentence") == 0)
    expand = SHIRABE_EXPAND_SENTENCE;
  else if (g_strcmp0 (expand_name, "paragraph") == 0)
    expand = SHIRABE_EXPAND_PARAGRAPH;
  else
    return shirabe_cli_usage_error (_("--expand takes “sentence” or “paragraph”, not “%s”"),
                                    expand_name);
  if ((project = shirabe_cli_open (argv[1], dry_run, &status)) == NULL)
    return status;
  if ((code_id = shirabe_project_find_code (project, argv[3], &error)) == 0 ||
      (results = run_search (project, argv[2], &options, &error)) == NULL)
    return shirabe_cli_close (project, shirabe_cli_error (error));
  n = g_list_model_get_n_items (G_LIST_MODEL (results));
  if (dry_run)
    {
      g_print (g_dngettext (GETTEXT_PACKAGE, "%u hit would be coded\n",
                            "%u hits would be coded\n", n), n);
      return shirabe_cli_close (project, status);
    }
  if (!shirabe_project_autocode (project, results, code_id, coder ? coder : default_coder (),
                                 expand, &added, &skipped, &error))
    return shirabe_cli_close (project, shirabe_cli_error (error));
  g_print (g_dngettext (GETTEXT_PACKAGE, "Added %u coding", "Added %u codings", added), added);
  if (skipped > 0)
    {
      g_print (" ");
      g_print (g_dngettext (GETTEXT_PACKAGE, "(%u already coded)", "(%u already coded)",
                            skipped), skipped);
    }
  g_print ("\n");
  return shirabe_cli_close (project, status);
}
