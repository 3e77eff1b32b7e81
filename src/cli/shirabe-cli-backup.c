/* shirabe-cli-backup.c: backups (the snapshots of a project) and restore
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "shirabe-cli-private.h"

#include <inttypes.h>

static char *
format_count (gint64 value)
{
  return value >= 0 ? shirabe_cli_format_int (value) : g_strdup ("?");
}

int
shirabe_cli_backups (int    argc,
                     char **argv)
{
  gboolean json = FALSE;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print a JSON array instead of a table"), NULL },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GPtrArray) backups = NULL;
  g_autoptr(GError) error = NULL;
  int status = SHIRABE_CLI_EXIT_OK;

  context = shirabe_cli_context_new (N_("PROJECT"),
                                     N_("Lists the backup copies of a project, newest first, "
                                        "with the numbers of narratives and codings each holds. "
                                        "A copy is made before the first edit of each day and "
                                        "before a merge, a repair, a restore or an upgrade of "
                                        "the file; “restore” puts one back by its number. How "
                                        "many are kept is set in the app’s preferences."),
                                     entries);
  if (!shirabe_cli_parse (context, &argc, &argv, 1, 1, &status))
    return status;

  backups = shirabe_project_list_backups (argv[1], &error);
  if (backups == NULL)
    return shirabe_cli_error (error);

  if (json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_array (builder);
      for (guint i = 0; i < backups->len; i++)
        {
          const ShirabeBackup *b = backups->pdata[i];
          g_autofree char *time = g_date_time_format_iso8601 (b->time);
          g_autofree char *path = g_filename_display_name (b->path);

          json_builder_begin_object (builder);
          shirabe_cli_json_int (builder, "number", i + 1);
          shirabe_cli_json_string (builder, "time", time);
          shirabe_cli_json_string (builder, "reason", b->reason);
          shirabe_cli_json_int (builder, "n_narratives", b->n_narratives);
          shirabe_cli_json_int (builder, "n_codings", b->n_codings);
          shirabe_cli_json_int (builder, "size", b->size);
          shirabe_cli_json_string (builder, "path", path);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      if (!shirabe_cli_print_json (builder))
        status = SHIRABE_CLI_EXIT_DATA;
    }
  else if (backups->len == 0)
    {
      g_autofree char *display = g_filename_display_name (argv[1]);

      g_print (_("“%s” has no backup copies yet.\n"), display);
    }
  else
    {
      g_autoptr(ShirabeCliTable) table = NULL;

      table = shirabe_cli_table_new ("rllrrrl",
                                     C_("column header", "No."),
                                     C_("column header", "Made"),
                                     C_("column header", "Why"),
                                     C_("column header", "Narratives"),
                                     C_("column header", "Codings"),
                                     C_("column header", "Size"),
                                     C_("column header", "File"));
      for (guint i = 0; i < backups->len; i++)
        {
          const ShirabeBackup *b = backups->pdata[i];
          g_autofree char *number = shirabe_cli_format_int (i + 1);
          g_autofree char *time = g_date_time_format (b->time, "%Y-%m-%d %H:%M:%S");
          g_autofree char *n_narratives = format_count (b->n_narratives);
          g_autofree char *n_codings = format_count (b->n_codings);
          g_autofree char *size = g_format_size (b->size);
          g_autofree char *path = g_filename_display_name (b->path);

          shirabe_cli_table_add (table, number, time, shirabe_backup_describe_reason (b->reason),
                                 n_narratives, n_codings, size, path);
        }
      shirabe_cli_table_print (table);
    }
  return status;
}

int
shirabe_cli_restore (int    argc,
                     char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GPtrArray) backups = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *kept = NULL;
  g_autofree char *project_display = NULL;
  g_autofree char *kept_display = NULL;
  const char *backup_path = NULL;
  guint64 number = 0;
  int status = SHIRABE_CLI_EXIT_OK;

  context = shirabe_cli_context_new (N_("PROJECT BACKUP"),
                                     N_("Puts a backup copy back in place of the project: "
                                        "BACKUP is its number in the list “backups” prints, or "
                                        "its file. The project as it is now is kept as a "
                                        "backup copy first; no program may have it open."),
                                     NULL);
  if (!shirabe_cli_parse (context, &argc, &argv, 2, 2, &status))
    return status;

  backups = shirabe_project_list_backups (argv[1], &error);
  if (backups == NULL)
    return shirabe_cli_error (error);
  if (g_ascii_string_to_unsigned (argv[2], 10, 1, G_MAXUINT, &number, NULL))
    {
      if (number > backups->len)
        {
          g_autofree char *display = g_filename_display_name (argv[1]);

          shirabe_cli_message (g_dngettext (GETTEXT_PACKAGE,
                                            "“%s” has %u backup copy; there is no number %s",
                                            "“%s” has %u backup copies; there is no number %s",
                                            backups->len),
                               display, backups->len, argv[2]);
          return SHIRABE_CLI_EXIT_DATA;
        }
      backup_path = ((ShirabeBackup *) backups->pdata[number - 1])->path;
    }
  else
    backup_path = argv[2];

  if (!shirabe_project_restore_backup (argv[1], backup_path, &kept, &error))
    return shirabe_cli_error (error);
  project_display = g_filename_display_name (argv[1]);
  kept_display = g_filename_display_name (kept);
  g_print (_("Restored “%s”; the project as it was is kept as “%s”.\n"), project_display,
           kept_display);
  return status;
}
