/* shirabe-cli-team.c: `copy-for-coder` and `merge`, coding as a team
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "shirabe-cli-private.h"

int
shirabe_cli_copy_for_coder (int    argc,
                            char **argv)
{
  g_autofree char *coder = NULL;
  gboolean blind = FALSE, without_codings = FALSE, pseudonymise = FALSE;
  const GOptionEntry entries[] = {
    { "coder", 0, 0, G_OPTION_ARG_STRING, &coder,
      N_("The coder the copy is for (added to the copy when new)"), N_("NAME") },
    { "blind", 0, 0, G_OPTION_ARG_NONE, &blind,
      N_("Leave out every other coder’s codings, so that the coder codes blind"), NULL },
    { "without-codings", 0, 0, G_OPTION_ARG_NONE, &without_codings,
      N_("Leave out every coding, the coder’s own too"), NULL },
    { "pseudonymise", 0, 0, G_OPTION_ARG_NONE, &pseudonymise,
      N_("Replace the names of the project’s pseudonym table by their pseudonyms in the copy "
         "(its codings then cannot be merged back)"), NULL },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr (GOptionContext) context = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *display = NULL;
  ShirabeCopyFlags flags = SHIRABE_COPY_DEFAULT;
  ShirabeProject *project;
  int status = SHIRABE_CLI_EXIT_OK;

  context = shirabe_cli_context_new (N_("PROJECT OUT"),
                                     N_("Writes a copy of the project for one coder: the "
                                        "narratives, the coding scheme and the attributes, with "
                                        "every coding, only the coder’s own (--blind), or none "
                                        "(--without-codings). Codings left out are erased from "
                                        "the file. The copy is merged back with “merge”."),
                                     entries);
  if (!shirabe_cli_parse (context, &argc, &argv, 2, 2, &status))
    return status;
  if (coder == NULL)
    return shirabe_cli_usage_error (_("Name the coder with --coder"));
  if (blind)
    flags |= SHIRABE_COPY_BLIND;
  if (without_codings)
    flags |= SHIRABE_COPY_WITHOUT_CODINGS;
  if (pseudonymise)
    flags |= SHIRABE_COPY_PSEUDONYMISE;
  if ((project = shirabe_cli_open (argv[1], TRUE, &status)) == NULL)
    return status;
  if (!shirabe_project_copy_for_coder (project, argv[2], coder, flags, &error))
    return shirabe_cli_close (project, shirabe_cli_error (error));
  display = g_filename_display_name (argv[2]);
  g_print (_("Wrote the copy for %s to “%s”.\n"), coder, display);
  return shirabe_cli_close (project, status);
}

static const char *
action_name (ShirabeMergeAction action)
{
  switch (action)
    {
    case SHIRABE_MERGE_ADDED:
      return "added";
    case SHIRABE_MERGE_UPDATED:
      return "updated";
    case SHIRABE_MERGE_KEPT:
      return "conflict";
    case SHIRABE_MERGE_SKIPPED:
      return "skipped";
    case SHIRABE_MERGE_DELETION:
      return "deleted_in_copy";
    case SHIRABE_MERGE_DELETED:
      return "deleted";
    default:
      return "";
    }
}

static const char *
action_label (ShirabeMergeAction action)
{
  switch (action)
    {
    case SHIRABE_MERGE_ADDED:
      return C_("merge", "added");
    case SHIRABE_MERGE_UPDATED:
      return C_("merge", "taken");
    case SHIRABE_MERGE_KEPT:
      return C_("merge", "conflict");
    case SHIRABE_MERGE_SKIPPED:
      return C_("merge", "skipped");
    case SHIRABE_MERGE_DELETION:
      return C_("merge", "deleted in copy");
    case SHIRABE_MERGE_DELETED:
      return C_("merge", "deleted");
    default:
      return "";
    }
}

int
shirabe_cli_merge (int    argc,
                   char **argv)
{
  gboolean dry_run = FALSE, json = FALSE, prefer_copy = FALSE, apply_deletions = FALSE;
  const GOptionEntry entries[] = {
    { "dry-run", 0, 0, G_OPTION_ARG_NONE, &dry_run,
      N_("Report what would be merged, and change nothing"), NULL },
    { "prefer-copy", 0, 0, G_OPTION_ARG_NONE, &prefer_copy,
      N_("Where a value differs, take the copy’s (by default the project’s is kept)"), NULL },
    { "apply-deletions", 0, 0, G_OPTION_ARG_NONE, &apply_deletions,
      N_("Delete from the project the codings deleted in a copy (by default only reported)"),
      NULL },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print the report as JSON"), NULL },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr (GOptionContext) context = NULL;
  g_autoptr (ShirabeMergeReport) report = NULL;
  g_autoptr (GError) error = NULL;
  ShirabeMergeFlags flags = SHIRABE_MERGE_DEFAULT;
  ShirabeProject *project;
  int status = SHIRABE_CLI_EXIT_OK;

  context = shirabe_cli_context_new (N_("PROJECT COPY…"),
                                     N_("Brings coders’ copies back into the project, matched "
                                        "by UUID: their coders, codings, new codes, memos, "
                                        "attribute values and narrative statuses. Merging a "
                                        "copy twice adds nothing. A narrative whose text "
                                        "differs, a code renamed, a value set differently on "
                                        "both sides and a deletion in a copy are reported; the "
                                        "project’s is kept unless --prefer-copy or "
                                        "--apply-deletions say otherwise. All copies are merged "
                                        "in one transaction."),
                                     entries);
  if (!shirabe_cli_parse (context, &argc, &argv, 2, 1 + 10, &status))
    return status;
  if (dry_run)
    flags |= SHIRABE_MERGE_DRY_RUN;
  if (prefer_copy)
    flags |= SHIRABE_MERGE_PREFER_COPY;
  if (apply_deletions)
    flags |= SHIRABE_MERGE_APPLY_DELETIONS;
  if ((project = shirabe_cli_open (argv[1], dry_run, &status)) == NULL)
    return status;
  if (dry_run && shirabe_project_get_read_only (project))
    {
      /* A dry run writes inside a transaction it rolls back; it needs a writable connection. */
      shirabe_cli_close (project, SHIRABE_CLI_EXIT_OK);
      if ((project = shirabe_cli_open (argv[1], FALSE, &status)) == NULL)
        return status;
    }
  report = shirabe_project_merge_copies (project, (const char * const *) argv + 2, flags,
                                         &error);
  if (report == NULL)
    return shirabe_cli_close (project, shirabe_cli_error (error));

  if (json)
    {
      g_autoptr (JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      shirabe_cli_json_bool (builder, "dry_run", report->dry_run);
      json_builder_set_member_name (builder, "copies");
      json_builder_begin_array (builder);
      for (guint i = 0; i < report->copies->len; i++)
        {
          ShirabeMergeCopy *copy = &g_array_index (report->copies, ShirabeMergeCopy, i);
          g_autofree char *path = g_filename_display_name (copy->path);

          json_builder_begin_object (builder);
          shirabe_cli_json_string (builder, "path", path);
          shirabe_cli_json_string (builder, "coder", copy->coder_name);
          shirabe_cli_json_int (builder, "codings_added", (gint64) copy->n_codings_added);
          shirabe_cli_json_int (builder, "codings_skipped", (gint64) copy->n_codings_skipped);
          shirabe_cli_json_int (builder, "coders_added", copy->n_coders_added);
          shirabe_cli_json_int (builder, "codes_added", copy->n_codes_added);
          shirabe_cli_json_int (builder, "values_taken", copy->n_values_set);
          shirabe_cli_json_int (builder, "conflicts", copy->n_conflicts);
          shirabe_cli_json_int (builder, "deletions", copy->n_deletions);
          shirabe_cli_json_int (builder, "skipped", copy->n_skipped);
          json_builder_set_member_name (builder, "items");
          json_builder_begin_array (builder);
          for (guint j = 0; j < report->items->len; j++)
            {
              ShirabeMergeItem *item = &g_array_index (report->items, ShirabeMergeItem, j);

              if (item->copy != i)
                continue;
              json_builder_begin_object (builder);
              shirabe_cli_json_string (builder, "action", action_name (item->action));
              shirabe_cli_json_string (builder, "kind", item->kind);
              shirabe_cli_json_string (builder, "uuid", item->uuid);
              shirabe_cli_json_string (builder, "message", item->message);
              json_builder_end_object (builder);
            }
          json_builder_end_array (builder);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      json_builder_end_object (builder);
      if (!shirabe_cli_print_json (builder))
        status = SHIRABE_CLI_EXIT_DATA;
      return shirabe_cli_close (project, status);
    }

  for (guint i = 0; i < report->copies->len; i++)
    {
      ShirabeMergeCopy *copy = &g_array_index (report->copies, ShirabeMergeCopy, i);
      g_autofree char *path = g_filename_display_name (copy->path);
      g_autofree char *added = shirabe_cli_format_int ((gint64) copy->n_codings_added);

      if (*copy->coder_name != '\0')
        g_print (_("%s (%s):\n"), path, copy->coder_name);
      else
        g_print ("%s:\n", path);
      g_print (report->dry_run
               ? _("  would add %s codings, %u coders and %u codes; would take %u values; "
                   "%u conflicts, %u deletions, %u skipped\n")
               : _("  added %s codings, %u coders and %u codes; took %u values; "
                   "%u conflicts, %u deletions, %u skipped\n"),
               added, copy->n_coders_added, copy->n_codes_added, copy->n_values_set,
               copy->n_conflicts, copy->n_deletions, copy->n_skipped);
      if (copy->n_codings_skipped > 0)
        {
          g_autofree char *skipped = shirabe_cli_format_int ((gint64) copy->n_codings_skipped);

          g_print (g_dngettext (GETTEXT_PACKAGE,
                                "  %s coding not merged: its narrative was not\n",
                                "  %s codings not merged: their narratives were not\n",
                                copy->n_codings_skipped),
                   skipped);
        }
      for (guint j = 0; j < report->items->len; j++)
        {
          ShirabeMergeItem *item = &g_array_index (report->items, ShirabeMergeItem, j);

          if (item->copy == i)
            g_print ("  %s: %s\n", action_label (item->action), item->message);
        }
    }
  if (report->dry_run)
    g_print (_("Dry run: the project was not changed.\n"));
  return shirabe_cli_close (project, status);
}
