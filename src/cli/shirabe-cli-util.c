/* shirabe-cli-util.c: options, messages, projects and output shared by the commands
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "shirabe-cli-private.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

/* The parameter string of the command being run, for "missing arguments" messages. */
static const char *current_parameters = "";

/* --wait: how long a command that writes waits for another program's lock on the project. */
static int wait_seconds = 10;

static const GOptionEntry common_entries[] = {
  { "wait", 0, 0, G_OPTION_ARG_INT, &wait_seconds,
    N_("When the project is open for writing in another program, wait this long for it "
       "before giving up (default 10; 0 does not wait)"), N_("SECONDS") },
  G_OPTION_ENTRY_NULL
};

/**
 * shirabe_cli_context_new:
 * @parameters: the untranslated parameter string, "PROJECT FILE…"
 * @summary: the untranslated one-line description
 * @entries: (nullable): the command's options, %NULL-terminated
 *
 * A GOptionContext for one command: its --help is translated and names the command.
 */
GOptionContext *
shirabe_cli_context_new (const char         *parameters,
                         const char         *summary,
                         const GOptionEntry *entries)
{
  GOptionContext *context = g_option_context_new (parameters);

  current_parameters = parameters;
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_summary (context, summary);
  if (entries != NULL)
    g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_add_main_entries (context, common_entries, GETTEXT_PACKAGE);
  return context;
}

/**
 * shirabe_cli_parse:
 * @min_args: how many arguments the command needs after its options
 * @max_args: how many it accepts; -1 for any number
 * @status: (out): the exit status when parsing fails
 *
 * Parses the options (which may come before, between or after the arguments) and checks the
 * number of arguments left; on return argv[1] is the first argument.
 */
gboolean
shirabe_cli_parse (GOptionContext   *context,
                   int              *argc,
                   char           ***argv,
                   int               min_args,
                   int               max_args,
                   int              *status)
{
  g_autoptr(GError) error = NULL;
  int n_args;

  if (!g_option_context_parse (context, argc, argv, &error))
    {
      *status = shirabe_cli_usage_error ("%s", error->message);
      return FALSE;
    }
  if (wait_seconds < 0)
    {
      *status = shirabe_cli_usage_error (_("--wait takes a number of seconds, 0 or more"));
      return FALSE;
    }

  /* GOption leaves the "--" that ends the options in argv when arguments follow it; it is not
   * an argument ("set-attr P C age -- -5"). */
  for (int i = 1; i < *argc; i++)
    if (strcmp ((*argv)[i], "--") == 0)
      {
        memmove (&(*argv)[i], &(*argv)[i + 1], (*argc - i) * sizeof (char *));
        (*argc)--;
        break;
      }

  n_args = *argc - 1;
  if (n_args < min_args)
    {
      *status = shirabe_cli_usage_error (_("Missing arguments; the usage is “%s %s”"),
                                         g_get_prgname (), _(current_parameters));
      return FALSE;
    }
  if (max_args >= 0 && n_args > max_args)
    {
      *status = shirabe_cli_usage_error (_("Unexpected argument “%s”; the usage is “%s %s”"),
                                         (*argv)[max_args + 1], g_get_prgname (),
                                         _(current_parameters));
      return FALSE;
    }
  return TRUE;
}

/* Parses a count such as --narratives 10000; a usage error when it is not a whole number. */
gboolean
shirabe_cli_parse_count (const char *option,
                         const char *text,
                         guint64     max,
                         guint64    *value,
                         int        *status)
{
  if (text != NULL && g_ascii_isdigit (*text) &&
      g_ascii_string_to_unsigned (text, 10, 0, max, value, NULL))
    return TRUE;

  *status = shirabe_cli_usage_error (_("%s: “%s” is not a whole number from 0 to %"
                                       PRIu64),
                                     option, text ? text : "", max);
  return FALSE;
}

void
shirabe_cli_message (const char *format,
                     ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_printerr ("shirabe-cli: %s\n", message);
}

/* Prints a usage problem with a pointer to --help; returns the usage exit status. */
int
shirabe_cli_usage_error (const char *format,
                         ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_printerr ("shirabe-cli: %s\n", message);
  g_printerr (_("Try “%s --help” for more information.\n"), g_get_prgname ());
  return SHIRABE_CLI_EXIT_USAGE;
}

/* Prints an error from the core; returns the data-error exit status. */
int
shirabe_cli_error (const GError *error)
{
  g_printerr ("shirabe-cli: %s\n", error->message);
  return SHIRABE_CLI_EXIT_DATA;
}

gboolean
shirabe_cli_stderr_is_terminal (void)
{
  return isatty (STDERR_FILENO);
}

/**
 * shirabe_cli_open:
 * @read_only: %TRUE for commands that only read (listings, text, check)
 * @status: (out): the exit status when the project cannot be opened
 *
 * Opens a project without undo history: each command is one step, and the command line has no
 * undo to offer.
 */
ShirabeProject *
shirabe_cli_open (const char *path,
                  gboolean    read_only,
                  int        *status)
{
  g_autoptr(GError) error = NULL;
  ShirabeProjectFlags flags = SHIRABE_PROJECT_NO_HISTORY;
  ShirabeProject *project;

  gint64 start = g_get_monotonic_time ();
  gboolean told = FALSE;

  if (read_only)
    flags |= SHIRABE_PROJECT_READ_ONLY;
  /* A script that runs commands one after another, or two at once, should not fail because the
   * previous one still holds the lock: a writer waits for it, saying so after a second. */
  while ((project = shirabe_project_open (path, flags, &error)) == NULL && !read_only &&
         g_error_matches (error, SHIRABE_ERROR, SHIRABE_ERROR_IN_USE))
    {
      gint64 waited = g_get_monotonic_time () - start;

      if (waited >= (gint64) wait_seconds * G_USEC_PER_SEC)
        break;
      if (!told && waited >= G_USEC_PER_SEC)
        {
          g_autofree char *display = g_filename_display_name (path);

          shirabe_cli_message (g_dngettext (GETTEXT_PACKAGE,
                                            "“%s” is open in another program; waiting up to %d "
                                            "second for it (--wait)…",
                                            "“%s” is open in another program; waiting up to %d "
                                            "seconds for it (--wait)…", wait_seconds),
                               display, wait_seconds);
          told = TRUE;
        }
      g_clear_error (&error);
      g_usleep (50 * 1000);
    }
  if (project == NULL)
    *status = shirabe_cli_error (error);
  return project;
}

/**
 * shirabe_cli_close:
 * @project: (transfer full) (nullable): the project to close
 * @status: the command's exit status so far
 *
 * Checkpoints and closes the project, so that one file remains.
 *
 * Returns: @status, or the data-error status when closing failed
 */
int
shirabe_cli_close (ShirabeProject *project,
                   int             status)
{
  g_autoptr(GError) error = NULL;

  if (project == NULL)
    return status;
  if (!shirabe_project_close (project, &error))
    status = shirabe_cli_error (error);
  g_object_unref (project);
  return status;
}

/* Japanese labels first when the messages are in Japanese, English ones otherwise. */
ShirabeLanguage
shirabe_cli_display_language (void)
{
  const char * const *names = g_get_language_names ();

  if (names[0] != NULL && g_str_has_prefix (names[0], "ja"))
    return SHIRABE_LANGUAGE_JA;
  return SHIRABE_LANGUAGE_EN;
}

/**
 * shirabe_cli_sanitize:
 * @max_chars: the most characters to keep, or -1 for all
 *
 * Text fit for one table cell: valid UTF-8, line breaks and other control characters turned
 * into spaces, cut to @max_chars with an ellipsis.
 */
char *
shirabe_cli_sanitize (const char *text,
                      gssize      max_chars)
{
  g_autofree char *valid = g_utf8_make_valid (text ? text : "", -1);
  GString *out = g_string_new (NULL);
  gssize n = 0;

  for (const char *p = valid; *p != '\0'; p = g_utf8_next_char (p), n++)
    {
      gunichar c = g_utf8_get_char (p);

      if (max_chars >= 0 && n >= max_chars)
        {
          g_string_append (out, "…");
          break;
        }
      if (g_unichar_iscntrl (c) || c == 0x2028 || c == 0x2029)
        g_string_append_c (out, ' ');
      else
        g_string_append_unichar (out, c);
    }
  return g_string_free (out, FALSE);
}

void
shirabe_cli_json_string (JsonBuilder *builder,
                         const char  *key,
                         const char  *value)
{
  json_builder_set_member_name (builder, key);
  if (value == NULL)
    json_builder_add_null_value (builder);
  else if (g_utf8_validate (value, -1, NULL))
    json_builder_add_string_value (builder, value);
  else
    {
      g_autofree char *valid = g_utf8_make_valid (value, -1);
      json_builder_add_string_value (builder, valid);
    }
}

void
shirabe_cli_json_int (JsonBuilder *builder,
                      const char  *key,
                      gint64       value)
{
  json_builder_set_member_name (builder, key);
  json_builder_add_int_value (builder, value);
}

/* A reference to another row: its id, or null when there is none (0). */
void
shirabe_cli_json_id_or_null (JsonBuilder *builder,
                             const char  *key,
                             gint64       value)
{
  json_builder_set_member_name (builder, key);
  if (value == 0)
    json_builder_add_null_value (builder);
  else
    json_builder_add_int_value (builder, value);
}

void
shirabe_cli_json_bool (JsonBuilder *builder,
                       const char  *key,
                       gboolean     value)
{
  json_builder_set_member_name (builder, key);
  json_builder_add_boolean_value (builder, value);
}

/**
 * shirabe_cli_print_json:
 *
 * Writes the builder's document to stdout, pretty, as UTF-8 whatever the locale (JSON is for
 * programs), followed by a newline.
 *
 * Returns: %FALSE when stdout could not be written (the message is printed)
 */
gboolean
shirabe_cli_print_json (JsonBuilder *builder)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = json_builder_get_root (builder);
  g_autofree char *data = NULL;
  gsize length = 0;

  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);
  json_generator_set_root (generator, root);
  data = json_generator_to_data (generator, &length);
  if (fwrite (data, 1, length, stdout) != length || fputc ('\n', stdout) == EOF ||
      fflush (stdout) != 0)
    {
      shirabe_cli_message (_("Cannot write the output: %s"), g_strerror (errno));
      return FALSE;
    }
  return TRUE;
}

/* A listing written as it is read: a JSON array element by element, or JSON lines. */
struct _ShirabeCliJsonList
{
  JsonGenerator *generator;
  GString       *indented;
  gboolean       lines;
  guint          n_written;
  gboolean       failed;
};

ShirabeCliJsonList *
shirabe_cli_json_list_new (gboolean lines)
{
  ShirabeCliJsonList *list = g_new0 (ShirabeCliJsonList, 1);

  list->generator = json_generator_new ();
  list->lines = lines;
  list->indented = g_string_sized_new (1024);
  if (!lines)
    {
      json_generator_set_pretty (list->generator, TRUE);
      json_generator_set_indent (list->generator, 2);
    }
  return list;
}

static gboolean
write_out (ShirabeCliJsonList *list,
           const char         *data,
           gsize               length)
{
  if (list->failed)
    return FALSE;
  if (fwrite (data, 1, length, stdout) != length)
    {
      shirabe_cli_message (_("Cannot write the output: %s"), g_strerror (errno));
      list->failed = TRUE;
      return FALSE;
    }
  return TRUE;
}

gboolean
shirabe_cli_json_list_add (ShirabeCliJsonList *list,
                           JsonBuilder        *builder)
{
  g_autoptr (JsonNode) root = json_builder_get_root (builder);
  g_autofree char *data = NULL;
  gsize length = 0;

  json_builder_reset (builder);
  json_generator_set_root (list->generator, root);
  data = json_generator_to_data (list->generator, &length);
  if (list->lines)
    return write_out (list, data, length) && write_out (list, "\n", 1);

  /* As one pretty array: each element indented by two, a comma between them. Strings hold
   * their line breaks escaped, so every raw one begins a line of the element. */
  g_string_assign (list->indented, list->n_written == 0 ? "[\n  " : ",\n  ");
  for (gsize i = 0; i < length; i++)
    {
      g_string_append_c (list->indented, data[i]);
      if (data[i] == '\n')
        g_string_append (list->indented, "  ");
    }
  list->n_written++;
  return write_out (list, list->indented->str, list->indented->len);
}

gboolean
shirabe_cli_json_list_finish (ShirabeCliJsonList *list)
{
  gboolean ok;

  if (!list->lines)
    {
      if (list->n_written == 0)
        write_out (list, "[]\n", 3);
      else
        write_out (list, "\n]\n", 3);
    }
  if (!list->failed && fflush (stdout) != 0)
    {
      shirabe_cli_message (_("Cannot write the output: %s"), g_strerror (errno));
      list->failed = TRUE;
    }
  ok = !list->failed;
  g_object_unref (list->generator);
  g_string_free (list->indented, TRUE);
  g_free (list);
  return ok;
}

struct _ShirabeCliTable
{
  char      *align;
  guint      n_columns;
  GPtrArray *rows;  /* of GStrv, the first the headers */
};

static GStrv
collect_row (guint   n_columns,
             va_list args)
{
  GStrv row = g_new0 (char *, n_columns + 1);

  for (guint i = 0; i < n_columns; i++)
    row[i] = shirabe_cli_sanitize (va_arg (args, const char *), -1);
  return row;
}

ShirabeCliTable *
shirabe_cli_table_new (const char *align,
                       ...)
{
  ShirabeCliTable *table = g_new0 (ShirabeCliTable, 1);
  va_list args;

  table->align = g_strdup (align);
  table->n_columns = strlen (align);
  table->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  va_start (args, align);
  g_ptr_array_add (table->rows, collect_row (table->n_columns, args));
  va_end (args);
  return table;
}

static GStrv
copy_row (guint               n_columns,
          const char * const *cells)
{
  GStrv row = g_new0 (char *, n_columns + 1);

  for (guint i = 0; i < n_columns; i++)
    row[i] = shirabe_cli_sanitize (cells[i], -1);
  return row;
}

ShirabeCliTable *
shirabe_cli_table_new_v (const char         *align,
                         const char * const *headers)
{
  ShirabeCliTable *table = g_new0 (ShirabeCliTable, 1);

  table->align = g_strdup (align);
  table->n_columns = strlen (align);
  table->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  g_ptr_array_add (table->rows, copy_row (table->n_columns, headers));
  return table;
}

void
shirabe_cli_table_add_v (ShirabeCliTable    *table,
                         const char * const *cells)
{
  g_ptr_array_add (table->rows, copy_row (table->n_columns, cells));
}

void
shirabe_cli_table_add (ShirabeCliTable *table,
                       ...)
{
  va_list args;

  va_start (args, table);
  g_ptr_array_add (table->rows, collect_row (table->n_columns, args));
  va_end (args);
}

/* Columns a string takes in a terminal: two for wide (CJK) characters, none for combining. */
static guint
display_width (const char *text)
{
  guint width = 0;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_iszerowidth (c))
        continue;
      width += g_unichar_iswide (c) ? 2 : 1;
    }
  return width;
}

static void
append_padding (GString *out,
                guint    n)
{
  for (guint i = 0; i < n; i++)
    g_string_append_c (out, ' ');
}

void
shirabe_cli_table_print (ShirabeCliTable *table)
{
  g_autofree guint *widths = g_new0 (guint, table->n_columns);
  GString *out = g_string_new (NULL);

  for (guint r = 0; r < table->rows->len; r++)
    {
      GStrv row = table->rows->pdata[r];
      for (guint c = 0; c < table->n_columns; c++)
        widths[c] = MAX (widths[c], display_width (row[c]));
    }

  for (guint r = 0; r < table->rows->len; r++)
    {
      GStrv row = table->rows->pdata[r];
      gsize line_start = out->len;

      for (guint c = 0; c < table->n_columns; c++)
        {
          guint padding = widths[c] - display_width (row[c]);

          if (c > 0)
            g_string_append (out, "  ");
          if (table->align[c] == 'r')
            append_padding (out, padding);
          g_string_append (out, row[c]);
          if (table->align[c] != 'r' && c + 1 < table->n_columns)
            append_padding (out, padding);
        }
      /* No trailing blanks when the last columns are empty. */
      while (out->len > line_start && out->str[out->len - 1] == ' ')
        g_string_truncate (out, out->len - 1);
      g_string_append_c (out, '\n');
    }
  g_print ("%s", out->str);
  g_string_free (out, TRUE);
}

void
shirabe_cli_table_free (ShirabeCliTable *table)
{
  if (table == NULL)
    return;
  g_free (table->align);
  g_ptr_array_unref (table->rows);
  g_free (table);
}

char *
shirabe_cli_format_int (gint64 value)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT, value);
}
