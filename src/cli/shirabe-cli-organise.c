/* shirabe-cli-organise.c: the commands that organise cases and narratives
 *
 * Researchers receive a case's interview, NGO record and court document as three files; these
 * commands put them under one case, name and order them, say which is a translation of which,
 * and remove what does not belong. Each change is one step of the project's history.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "shirabe-cli-private.h"

#include <inttypes.h>
#include <stdlib.h>

int
shirabe_cli_new_case (int    argc,
                      char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  ShirabeProject *project;
  gint64 case_id;
  int status = SHIRABE_CLI_EXIT_OK;

  context = shirabe_cli_context_new (N_("PROJECT NAME"),
                                     N_("Adds a case, at the end of the list."), NULL);
  if (!shirabe_cli_parse (context, &argc, &argv, 2, 2, &status))
    return status;
  if ((project = shirabe_cli_open (argv[1], FALSE, &status)) == NULL)
    return status;
  if ((case_id = shirabe_project_add_case (project, argv[2], &error)) == 0)
    return shirabe_cli_close (project, shirabe_cli_error (error));
  g_print (_("Added case %" PRId64 ": %s\n"), case_id, argv[2]);
  return shirabe_cli_close (project, status);
}

int
shirabe_cli_move_case (int    argc,
                       char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(ShirabeCase) the_case = NULL;
  ShirabeProject *project;
  guint64 position;
  gint64 case_id;
  int status = SHIRABE_CLI_EXIT_OK;

  context = shirabe_cli_context_new (N_("PROJECT CASE POSITION"),
                                     N_("Moves a case to another place in the list: POSITION "
                                        "counts from 1."),
                                     NULL);
  if (!shirabe_cli_parse (context, &argc, &argv, 3, 3, &status))
    return status;
  if (!shirabe_cli_parse_count ("POSITION", argv[3], G_MAXUINT, &position, &status))
    return status;
  if (position == 0)
    return shirabe_cli_usage_error (_("POSITION counts from 1"));
  if ((project = shirabe_cli_open (argv[1], FALSE, &status)) == NULL)
    return status;
  if ((case_id = shirabe_project_find_case (project, argv[2], &error)) == 0 ||
      (the_case = shirabe_project_get_case (project, case_id, &error)) == NULL ||
      !shirabe_project_move_case (project, case_id, (guint) position - 1, &error))
    return shirabe_cli_close (project, shirabe_cli_error (error));
  g_print (_("Moved case “%s” to position %" PRIu64 "\n"), the_case->name, position);
  return shirabe_cli_close (project, status);
}

int
shirabe_cli_merge_cases (int    argc,
                         char **argv)
{
  g_autofree char *keep = NULL;
  const GOptionEntry entries[] = {
    { "keep", 0, 0, G_OPTION_ARG_STRING, &keep,
      N_("For an attribute the two cases give different values: keep INTO’s value, or take "
         "FROM’s"),
      "into|from" },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(ShirabeCase) into = NULL;
  g_autoptr(ShirabeCase) from = NULL;
  g_autoptr(GPtrArray) conflicts = NULL;
  ShirabeMergeChoice choice = SHIRABE_MERGE_KEEP_INTO;
  ShirabeProject *project;
  gint64 into_id, from_id;
  int status = SHIRABE_CLI_EXIT_OK;

  context = shirabe_cli_context_new (N_("PROJECT INTO FROM"),
                                     N_("Merges the case FROM into the case INTO: its narratives "
                                        "(with their codings) and attribute values move to INTO, "
                                        "its memo is added to INTO’s, and FROM goes. When the "
                                        "two give an attribute different values, --keep says "
                                        "which stays."),
                                     entries);
  if (!shirabe_cli_parse (context, &argc, &argv, 3, 3, &status))
    return status;
  if (keep != NULL && g_ascii_strcasecmp (keep, "into") == 0)
    choice = SHIRABE_MERGE_KEEP_INTO;
  else if (keep != NULL && g_ascii_strcasecmp (keep, "from") == 0)
    choice = SHIRABE_MERGE_TAKE_FROM;
  else if (keep != NULL)
    return shirabe_cli_usage_error (_("--keep must be into or from, not “%s”"), keep);
  if ((project = shirabe_cli_open (argv[1], FALSE, &status)) == NULL)
    return status;

  if ((into_id = shirabe_project_find_case (project, argv[2], &error)) == 0 ||
      (from_id = shirabe_project_find_case (project, argv[3], &error)) == 0 ||
      (into = shirabe_project_get_case (project, into_id, &error)) == NULL ||
      (from = shirabe_project_get_case (project, from_id, &error)) == NULL ||
      (conflicts = shirabe_project_find_merge_conflicts (project, into_id, from_id,
                                                         &error)) == NULL)
    return shirabe_cli_close (project, shirabe_cli_error (error));

  /* A conflict is the researcher's to settle: say what it is and how. */
  if (conflicts->len > 0 && keep == NULL)
    {
      shirabe_cli_message (ngettext ("“%s” and “%s” give %u attribute different values; give "
                                     "--keep into or --keep from:",
                                     "“%s” and “%s” give %u attributes different values; give "
                                     "--keep into or --keep from:",
                                     conflicts->len),
                           into->name, from->name, conflicts->len);
      for (guint i = 0; i < conflicts->len; i++)
        {
          ShirabeMergeConflict *conflict = g_ptr_array_index (conflicts, i);

          /* Translators: an attribute, then its value in the two cases */
          g_printerr (_("  %s: “%s” (into) or “%s” (from)\n"), conflict->attribute,
                      conflict->into_value ? conflict->into_value : "",
                      conflict->from_value ? conflict->from_value : "");
        }
      return shirabe_cli_close (project, SHIRABE_CLI_EXIT_DATA);
    }

  if (!shirabe_project_merge_cases (project, into_id, from_id, choice, &error))
    return shirabe_cli_close (project, shirabe_cli_error (error));
  g_print (_("Merged case “%s” into “%s” (narratives moved: %u)\n"), from->name, into->name,
           from->n_narratives);
  return shirabe_cli_close (project, status);
}

int
shirabe_cli_rename_narrative (int    argc,
                              char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(ShirabeNarrative) narrative = NULL;
  ShirabeProject *project;
  gint64 narrative_id;
  int status = SHIRABE_CLI_EXIT_OK;

  context = shirabe_cli_context_new (N_("PROJECT NARRATIVE TITLE"),
                                     N_("Gives a narrative another title. NARRATIVE is its id, "
                                        "UUID or exact title."),
                                     NULL);
  if (!shirabe_cli_parse (context, &argc, &argv, 3, 3, &status))
    return status;
  if ((project = shirabe_cli_open (argv[1], FALSE, &status)) == NULL)
    return status;
  if ((narrative_id = shirabe_project_find_narrative (project, argv[2], &error)) == 0 ||
      (narrative = shirabe_project_get_narrative (project, narrative_id, &error)) == NULL ||
      !shirabe_project_set_narrative_title (project, narrative_id, argv[3], &error))
    return shirabe_cli_close (project, shirabe_cli_error (error));
  g_print (_("Renamed narrative “%s” to “%s”\n"), narrative->title, argv[3]);
  return shirabe_cli_close (project, status);
}

int
shirabe_cli_move_narrative (int    argc,
                            char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(ShirabeNarrative) narrative = NULL;
  g_autoptr(ShirabeCase) target = NULL;
  ShirabeProject *project;
  gint64 narrative_id, case_id;
  int status = SHIRABE_CLI_EXIT_OK;

  context = shirabe_cli_context_new (N_("PROJECT NARRATIVE CASE"),
                                     N_("Moves a narrative, with its codings, to another case."),
                                     NULL);
  if (!shirabe_cli_parse (context, &argc, &argv, 3, 3, &status))
    return status;
  if ((project = shirabe_cli_open (argv[1], FALSE, &status)) == NULL)
    return status;
  if ((narrative_id = shirabe_project_find_narrative (project, argv[2], &error)) == 0 ||
      (narrative = shirabe_project_get_narrative (project, narrative_id, &error)) == NULL ||
      (case_id = shirabe_project_find_case (project, argv[3], &error)) == 0 ||
      (target = shirabe_project_get_case (project, case_id, &error)) == NULL ||
      !shirabe_project_move_narrative (project, narrative_id, case_id, &error))
    return shirabe_cli_close (project, shirabe_cli_error (error));
  g_print (_("Moved narrative “%s” to case “%s”\n"), narrative->title, target->name);
  return shirabe_cli_close (project, status);
}

int
shirabe_cli_set_narrative (int    argc,
                           char **argv)
{
  g_autofree char *language = NULL;
  g_autofree char *kind = NULL;
  g_autofree char *translation_of = NULL;
  g_autofree char *status_name = NULL;
  const GOptionEntry entries[] = {
    { "language", 0, 0, G_OPTION_ARG_STRING, &language,
      N_("Its language as a BCP 47 tag (ja, en, th, es, tl, pt, zh, ko, id, vi…)"), N_("TAG") },
    { "kind", 0, 0, G_OPTION_ARG_STRING, &kind,
      N_("Its kind: interview, ngo-record, embassy-record, court-document, translation or "
         "other"), N_("KIND") },
    { "translation-of", 0, 0, G_OPTION_ARG_STRING, &translation_of,
      N_("The narrative it translates (id, UUID or title), or “none”"), N_("NARRATIVE") },
    { "status", 0, 0, G_OPTION_ARG_STRING, &status_name,
      N_("How far its coding is: to-do, in-progress or done"), N_("STATUS") },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  ShirabeProject *project;
  ShirabeCodingStatus coding_status = SHIRABE_STATUS_TO_DO;
  gint64 narrative_id;
  gint64 original_id = 0;
  int status = SHIRABE_CLI_EXIT_OK;

  context = shirabe_cli_context_new (N_("PROJECT NARRATIVE"),
                                     N_("Sets a narrative’s language, kind, original (of a "
                                        "translation) or coding status. The language is a BCP 47 "
                                        "tag (ja, en, pt-BR…); an empty one unsets it."),
                                     entries);
  if (!shirabe_cli_parse (context, &argc, &argv, 2, 2, &status))
    return status;
  if (language == NULL && kind == NULL && translation_of == NULL && status_name == NULL)
    return shirabe_cli_usage_error (_("Give at least one of --language, --kind, "
                                      "--translation-of or --status"));
  if (status_name != NULL && !shirabe_coding_status_from_string (status_name, &coding_status))
    return shirabe_cli_usage_error (_("--status must be to-do, in-progress or done, not “%s”"),
                                    status_name);
  if ((project = shirabe_cli_open (argv[1], FALSE, &status)) == NULL)
    return status;
  if ((narrative_id = shirabe_project_find_narrative (project, argv[2], &error)) == 0)
    return shirabe_cli_close (project, shirabe_cli_error (error));
  if (translation_of != NULL && g_ascii_strcasecmp (translation_of, "none") != 0 &&
      (original_id = shirabe_project_find_narrative (project, translation_of, &error)) == 0)
    return shirabe_cli_close (project, shirabe_cli_error (error));

  /* Language, kind and original at once (the tag checked), then the status. */
  if (language != NULL || kind != NULL || translation_of != NULL)
    {
      g_autoptr(ShirabeNarrative) narrative = shirabe_project_get_narrative (project, narrative_id,
                                                                            &error);

      if (narrative == NULL ||
          !shirabe_project_set_narrative_details (project, narrative_id,
                                                  language != NULL ? language
                                                                   : narrative->language,
                                                  kind != NULL ? kind : narrative->kind,
                                                  translation_of != NULL
                                                  ? original_id : narrative->translation_of,
                                                  &error))
        return shirabe_cli_close (project, shirabe_cli_error (error));
    }
  if (status_name != NULL &&
      !shirabe_project_set_narrative_status (project, narrative_id, coding_status, &error))
    return shirabe_cli_close (project, shirabe_cli_error (error));
  return shirabe_cli_close (project, status);
}

int
shirabe_cli_delete_narrative (int    argc,
                              char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(ShirabeNarrative) narrative = NULL;
  ShirabeProject *project;
  gint64 narrative_id;
  int status = SHIRABE_CLI_EXIT_OK;

  context = shirabe_cli_context_new (N_("PROJECT NARRATIVE"),
                                     N_("Deletes a narrative with its codings."), NULL);
  if (!shirabe_cli_parse (context, &argc, &argv, 2, 2, &status))
    return status;
  if ((project = shirabe_cli_open (argv[1], FALSE, &status)) == NULL)
    return status;
  if ((narrative_id = shirabe_project_find_narrative (project, argv[2], &error)) == 0 ||
      (narrative = shirabe_project_get_narrative (project, narrative_id, &error)) == NULL ||
      !shirabe_project_delete_narrative (project, narrative_id, &error))
    return shirabe_cli_close (project, shirabe_cli_error (error));
  g_print (_("Deleted narrative “%s” (codings: %u)\n"), narrative->title, narrative->n_codings);
  return shirabe_cli_close (project, status);
}
