/* shirabe-cli-edit.c: the commands that change a project or make one
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "shirabe-cli-private.h"
#include "shirabe-cli-template.h"

#include <inttypes.h>
#include <string.h>

#include <glib/gstdio.h>

#include "shirabe-apply-code.h"

typedef struct
{
  ShirabeTemplate       *template_;
  ShirabeTemplateResult  result;
  char                  *name;
} NewBuild;

static gboolean
build_new (ShirabeProject  *project,
           gpointer         user_data,
           GError         **error)
{
  NewBuild *build = user_data;

  build->name = shirabe_project_dup_name (project);
  return build->template_ == NULL ||
         shirabe_project_apply_template (project, build->template_,
                                         SHIRABE_TEMPLATE_APPLY_DEFAULT, &build->result, error);
}

int
shirabe_cli_new (int    argc,
                 char **argv)
{
  g_autofree char *name = NULL;
  g_autofree char *template_name = NULL;
  const GOptionEntry entries[] = {
    { "name", 0, 0, G_OPTION_ARG_STRING, &name,
      N_("The project’s name (default: the file name)"), N_("NAME") },
    { "template", 0, 0, G_OPTION_ARG_STRING, &template_name,
      N_("Start from a coding scheme: a template’s name (see “templates”) or file"),
      N_("NAME|FILE") },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(ShirabeTemplate) template_ = NULL;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *display = NULL;
  NewBuild build = { 0 };
  int status = SHIRABE_CLI_EXIT_OK;

  context = shirabe_cli_context_new (N_("PROJECT"),
                                     N_("Creates an empty project file, readable by you only. "
                                        "An existing file is never overwritten."),
                                     entries);
  if (!shirabe_cli_parse (context, &argc, &argv, 1, 1, &status))
    return status;
  if (template_name != NULL &&
      (template_ = shirabe_cli_template_load (template_name, &status)) == NULL)
    return status;

  /* Built whole under a temporary name: killed on the way, it leaves nothing at PROJECT. */
  build.template_ = template_;
  if (!shirabe_project_create_file (argv[1], name, build_new, &build, &error))
    {
      g_free (build.name);
      return shirabe_cli_error (error);
    }
  if (template_ != NULL)
    shirabe_cli_template_print_result (template_, &build.result);
  display = g_filename_display_name (argv[1]);
  g_print (_("Created the project “%s” in %s\n"), build.name, display);
  g_free (build.name);
  return status;
}

typedef struct
{
  gboolean shown;
} ImportProgress;

static void
import_progress (guint    done,
                 guint    total,
                 gpointer user_data)
{
  ImportProgress *progress = user_data;

  progress->shown = TRUE;
  g_printerr ("\r");
  g_printerr (ngettext ("Importing: %u of %u file…", "Importing: %u of %u files…", total),
              done, total);
}

int
shirabe_cli_import (int    argc,
                    char **argv)
{
  g_autofree char *case_name = NULL;
  g_autofree char *case_pattern = NULL;
  g_autofree char *language = NULL;
  g_autofree char *kind = NULL;
  g_autofree char *encoding = NULL;
  g_autofree char *password = NULL;
  gboolean verbose = FALSE;
  gboolean replace_invalid = FALSE;
  gboolean pair = FALSE;
  g_autofree char *pair_pattern = NULL;
  g_autofree char *translation_language = NULL;
  const GOptionEntry entries[] = {
    { "case", 0, 0, G_OPTION_ARG_STRING, &case_name,
      N_("Put every file in this case (created when new); by default each file gets a case "
         "named after it"), N_("NAME") },
    { "case-from-name", 0, 0, G_OPTION_ARG_STRING, &case_pattern,
      N_("Name each file’s case with this regular expression on the file name: its first group "
         "(or the whole match); e.g. “^(case[0-9]+)_” puts case12_interview.txt and "
         "case12_court.txt in case12"), N_("PATTERN") },
    { "language", 0, 0, G_OPTION_ARG_STRING, &language,
      N_("The texts’ language as a BCP 47 tag: ja, en, vi, tl… (by default ja for a text in "
         "Japanese script)"), N_("LANGUAGE") },
    { "kind", 0, 0, G_OPTION_ARG_STRING, &kind,
      N_("The kind of narrative: interview, ngo-record, embassy-record, court-document…"),
      N_("KIND") },
    { "encoding", 0, 0, G_OPTION_ARG_STRING, &encoding,
      N_("Decode every file with this encoding (shift_jis, euc-jp, utf-16…) instead of "
         "detecting it"), N_("ENCODING") },
    { "password", 0, 0, G_OPTION_ARG_STRING, &password,
      N_("The password of an encrypted PDF"), N_("PASSWORD") },
    { "replace-invalid", 0, 0, G_OPTION_ARG_NONE, &replace_invalid,
      N_("Import a text file with bytes its encoding cannot read, putting U+FFFD (�) in "
         "their place; the narrative’s memo lists where they were"), NULL },
    { "pair-translations", 0, 0, G_OPTION_ARG_NONE, &pair,
      N_("Pair files by name: x.th.txt and x.ja.txt go to case x, each in its language, and "
         "the file in the translation language is linked as a translation of the other"),
      NULL },
    { "translation-language", 0, 0, G_OPTION_ARG_STRING, &translation_language,
      N_("With --pair-translations: the language of the translations (default: ja)"),
      N_("LANGUAGE") },
    { "pair-pattern", 0, 0, G_OPTION_ARG_STRING, &pair_pattern,
      N_("With --pair-translations: a regular expression on the file name whose first group "
         "is the stem the files share and second their language, instead of STEM.LANG.EXT; "
         "e.g. “^(.+)_(th|ja)\\.txt$”"),
      N_("PATTERN") },
    { "verbose", 'v', 0, G_OPTION_ARG_NONE, &verbose,
      N_("Print a line per imported file with its narrative and encoding"), NULL },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GPtrArray) paths = NULL;
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *imported = NULL;
  ShirabeImportOptions options = { 0 };
  ImportProgress progress = { FALSE };
  gboolean show_progress;
  ShirabeProject *project;
  guint n_refused = 0;
  int n_imported;
  int status = SHIRABE_CLI_EXIT_OK;

  context = shirabe_cli_context_new (N_("PROJECT FILE…"),
                                     N_("Imports text, Word (.docx), OpenDocument (.odt), PDF, "
                                        "web (.html) and Markdown (.md) files as narratives, each "
                                        "titled by its file name without extension. A text "
                                        "file’s encoding is detected (UTF-8, UTF-16, Shift_JIS, "
                                        "EUC-JP, ISO-2022-JP…); line ends become LF. A "
                                        "document’s notes follow its text, its comments become "
                                        "the narrative’s memo, and what was kept is said per "
                                        "file. Files that cannot "
                                        "be imported are listed and the others imported all "
                                        "the same, in one step: after a crash all of them are "
                                        "there or none."),
                                     entries);
  if (!shirabe_cli_parse (context, &argc, &argv, 2, -1, &status))
    return status;

  paths = g_ptr_array_new ();
  for (int i = 2; i < argc; i++)
    g_ptr_array_add (paths, argv[i]);
  g_ptr_array_add (paths, NULL);

  if (case_name != NULL && case_pattern != NULL)
    return shirabe_cli_usage_error (_("--case and --case-from-name cannot be given together"));
  options.case_name = case_name;
  options.case_pattern = case_pattern;
  options.language = language;
  options.kind = kind;
  options.forced_encoding = encoding;
  options.password = password;
  options.replace_invalid = replace_invalid;
  if (!pair && (pair_pattern != NULL || translation_language != NULL))
    return shirabe_cli_usage_error (_("--translation-language and --pair-pattern go with "
                                      "--pair-translations"));
  options.pair_translations = pair;
  options.pair_pattern = pair_pattern;
  options.translation_language = translation_language;

  if ((project = shirabe_cli_open (argv[1], FALSE, &status)) == NULL)
    return status;

  show_progress = shirabe_cli_stderr_is_terminal ();
  n_imported = shirabe_project_import_files (project, (const char * const *) paths->pdata,
                                             &options,
                                             show_progress ? import_progress : NULL, &progress,
                                             NULL, &results, &error);
  if (progress.shown)
    g_printerr ("\n");
  if (n_imported < 0)
    return shirabe_cli_close (project, shirabe_cli_error (error));

  for (guint i = 0; results != NULL && i < results->len; i++)
    {
      const ShirabeImportResult *result = results->pdata[i];

      if (result->error != NULL)
        {
          /* The core's message names the file already. */
          shirabe_cli_message ("%s", result->error->message);
          if (result->n_unreadable > 0)
            shirabe_cli_message (ngettext ("Import it anyway with --replace-invalid, which puts "
                                           "U+FFFD in place of %u unreadable byte.",
                                           "Import it anyway with --replace-invalid, which puts "
                                           "U+FFFD in place of %u unreadable bytes.",
                                           result->n_unreadable),
                                 result->n_unreadable);
          n_refused++;
        }
      else if (verbose)
        {
          g_autofree char *display = g_filename_display_name (result->path);
          g_print (_("%s: narrative %" PRId64 " (%s)\n"), display,
                   result->narrative_id, result->summary != NULL ? result->summary
                                         : result->encoding ? result->encoding : "");
        }
      else if (result->summary != NULL)
        {
          /* A document says what was kept of it: notes, comments, tables. */
          g_autofree char *display = g_filename_display_basename (result->path);

          /* TRANSLATORS: "interview.docx: Word document: 2 footnotes, 1 comment as memo" */
          g_print (_("%s: %s\n"), display, result->summary);
        }
      if (result->translation_of != 0)
        {
          g_autofree char *display = g_filename_display_basename (result->path);
          g_autoptr(ShirabeNarrative) original =
            shirabe_project_get_narrative (project, result->translation_of, NULL);

          g_print (_("%s: a translation of “%s”\n"), display,
                   original != NULL ? original->title : "");
        }
    }

  imported = g_strdup_printf (ngettext ("Imported %d file", "Imported %d files", n_imported),
                              n_imported);
  if (n_refused > 0)
    {
      g_autofree char *refused = g_strdup_printf (ngettext ("%u refused", "%u refused",
                                                            n_refused),
                                                  n_refused);
      /* Translators: "Imported 3 files" and "1 refused", joined into one sentence. */
      shirabe_cli_message (_("%s; %s."), imported, refused);
      status = SHIRABE_CLI_EXIT_DATA;
    }
  else
    /* Translators: "Imported 3 files", ended as a sentence. */
    g_print (_("%s.\n"), imported);
  return shirabe_cli_close (project, status);
}

int
shirabe_cli_add_code (int    argc,
                      char **argv)
{
  g_autofree char *label_ja = NULL;
  g_autofree char *parent = NULL;
  g_autofree char *color = NULL;
  g_autofree char *var_name = NULL;
  g_autofree char *description_en = NULL;
  g_autofree char *description_ja = NULL;
  gboolean category = FALSE;
  const GOptionEntry entries[] = {
    { "ja", 0, 0, G_OPTION_ARG_STRING, &label_ja, N_("The Japanese label"), N_("LABEL") },
    { "parent", 0, 0, G_OPTION_ARG_STRING, &parent,
      N_("Put the code under this one (id, UUID, label, variable name or path Parent/Child)"),
      N_("CODE") },
    { "color", 0, 0, G_OPTION_ARG_STRING, &color,
      N_("The colour, as #RRGGBB (default: one of a palette)"), N_("#RRGGBB") },
    { "var", 0, 0, G_OPTION_ARG_STRING, &var_name,
      N_("The variable name in statistics exports (default: made from the label)"),
      N_("NAME") },
    { "description-en", 0, 0, G_OPTION_ARG_STRING, &description_en,
      N_("The definition in English: what the code means, when to use it and when not"),
      N_("TEXT") },
    { "description-ja", 0, 0, G_OPTION_ARG_STRING, &description_ja,
      N_("The definition in Japanese"), N_("TEXT") },
    { "category", 0, 0, G_OPTION_ARG_NONE, &category,
      N_("Make a category that groups codes but is not applied to passages itself"), NULL },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  ShirabeCodeSpec spec = { 0 };
  ShirabeProject *project;
  gint64 code_id;
  int status = SHIRABE_CLI_EXIT_OK;

  context = shirabe_cli_context_new (N_("PROJECT LABEL_EN"),
                                     N_("Adds a code to the coding scheme. LABEL_EN may be "
                                        "empty (\"\") when --ja gives a label."),
                                     entries);
  if (!shirabe_cli_parse (context, &argc, &argv, 2, 2, &status))
    return status;
  if ((project = shirabe_cli_open (argv[1], FALSE, &status)) == NULL)
    return status;

  if (parent != NULL)
    {
      spec.parent_id = shirabe_project_find_code (project, parent, &error);
      if (spec.parent_id == 0)
        return shirabe_cli_close (project, shirabe_cli_error (error));
    }
  spec.label_en = argv[2];
  spec.label_ja = label_ja;
  spec.description_en = description_en;
  spec.description_ja = description_ja;
  spec.color = color;
  spec.var_name = var_name;
  spec.not_codable = category;

  code_id = shirabe_project_add_code (project, &spec, &error);
  if (code_id == 0)
    return shirabe_cli_close (project, shirabe_cli_error (error));

  path = shirabe_project_dup_code_path (project, code_id, shirabe_cli_display_language ());
  g_print (_("Added code %" PRId64 ": %s\n"), code_id, path);
  return shirabe_cli_close (project, status);
}

/* START and END: whole numbers of characters; anything else is a usage error. */
static gboolean
parse_position (const char *name,
                const char *text,
                gint64     *value,
                int        *status)
{
  if (g_ascii_isdigit (*text) &&
      g_ascii_string_to_signed (text, 10, 0, G_MAXINT64, value, NULL))
    return TRUE;
  *status = shirabe_cli_usage_error (_("%s “%s” is not a position: write a whole number of "
                                       "characters from 0"),
                                     name, text);
  return FALSE;
}

/* The coder when --coder is not given: $SHIRABE_CODER, else the login name. */
static const char *
default_coder (void)
{
  const char *name = g_getenv ("SHIRABE_CODER");

  if (name != NULL && *name != '\0')
    return name;
  return g_get_user_name ();
}

int
shirabe_cli_code (int    argc,
                  char **argv)
{
  g_autofree char *coder = NULL;
  g_autofree char *memo = NULL;
  const GOptionEntry entries[] = {
    { "coder", 0, 0, G_OPTION_ARG_STRING, &coder,
      N_("Who codes (default: $SHIRABE_CODER, else your login name)"), N_("NAME") },
    { "memo", 0, 0, G_OPTION_ARG_STRING, &memo, N_("A memo on the coding"), N_("TEXT") },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  ShirabeProject *project;
  gint64 narrative_id;
  gint64 code_id;
  gint64 coding_id;
  gint64 start;
  gint64 end;
  int status = SHIRABE_CLI_EXIT_OK;

  context = shirabe_cli_context_new (N_("PROJECT NARRATIVE CODE START END"),
                                     N_("Applies a code to the passage from START to END of a "
                                        "narrative. Positions count characters (Unicode code "
                                        "points) from 0; END is not included."),
                                     entries);
  if (!shirabe_cli_parse (context, &argc, &argv, 5, 5, &status))
    return status;
  if (!parse_position ("START", argv[4], &start, &status) ||
      !parse_position ("END", argv[5], &end, &status))
    return status;
  if ((project = shirabe_cli_open (argv[1], FALSE, &status)) == NULL)
    return status;

  /* apply_code adds a new coder and the coding together: a refused passage leaves no coder. */
  if ((narrative_id = shirabe_project_find_narrative (project, argv[2], &error)) == 0 ||
      (code_id = shirabe_project_find_code (project, argv[3], &error)) == 0 ||
      (coding_id = shirabe_project_apply_code (project, narrative_id, code_id,
                                               coder ? coder : default_coder (),
                                               start, end, memo, &error)) == 0)
    return shirabe_cli_close (project, shirabe_cli_error (error));

  g_print (_("Added coding %" PRId64 "\n"), coding_id);
  return shirabe_cli_close (project, status);
}

int
shirabe_cli_uncode (int    argc,
                    char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  ShirabeProject *project;
  gint64 coding_id;
  int status = SHIRABE_CLI_EXIT_OK;

  context = shirabe_cli_context_new (N_("PROJECT CODING"),
                                     N_("Removes a coding, named by its id or UUID."),
                                     NULL);
  if (!shirabe_cli_parse (context, &argc, &argv, 2, 2, &status))
    return status;
  if ((project = shirabe_cli_open (argv[1], FALSE, &status)) == NULL)
    return status;

  if ((coding_id = shirabe_project_find_coding (project, argv[2], &error)) == 0 ||
      !shirabe_project_remove_coding (project, coding_id, &error))
    return shirabe_cli_close (project, shirabe_cli_error (error));

  g_print (_("Removed coding %" PRId64 "\n"), coding_id);
  return shirabe_cli_close (project, status);
}

int
shirabe_cli_set_attr (int    argc,
                      char **argv)
{
  g_autofree char *type_name = NULL;
  const GOptionEntry entries[] = {
    { "type", 0, 0, G_OPTION_ARG_STRING, &type_name,
      N_("The type of a new attribute: text (the default), integer, number, date (YYYY-MM-DD) "
         "or boolean"), N_("TYPE") },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(ShirabeAttribute) attribute = NULL;
  g_autoptr(ShirabeCase) the_case = NULL;
  ShirabeAttributeType type = SHIRABE_ATTRIBUTE_TEXT;
  ShirabeProject *project;
  const char *name;
  const char *value;
  gint64 case_id;
  gint64 attribute_id;
  int status = SHIRABE_CLI_EXIT_OK;

  context = shirabe_cli_context_new (N_("PROJECT CASE NAME VALUE"),
                                     N_("Sets a case attribute. A new attribute NAME is created "
                                        "with --type (text by default); an existing one keeps "
                                        "its type and the value is checked against it. Write "
                                        "-- before a negative VALUE."),
                                     entries);
  if (!shirabe_cli_parse (context, &argc, &argv, 4, 4, &status))
    return status;
  if (type_name != NULL && !shirabe_attribute_type_from_string (type_name, &type))
    return shirabe_cli_usage_error (_("Unknown type “%s”; the types are text, integer, number, "
                                      "date and boolean"),
                                    type_name);
  name = argv[3];
  value = argv[4];
  if ((project = shirabe_cli_open (argv[1], FALSE, &status)) == NULL)
    return status;

  if ((case_id = shirabe_project_find_case (project, argv[2], &error)) == 0 ||
      (the_case = shirabe_project_get_case (project, case_id, &error)) == NULL)
    return shirabe_cli_close (project, shirabe_cli_error (error));

  attribute_id = shirabe_project_find_attribute (project, SHIRABE_SCOPE_CASE, name, &error);
  if (attribute_id == 0 && g_error_matches (error, SHIRABE_ERROR, SHIRABE_ERROR_NOT_FOUND))
    {
      g_autofree char *normalized = NULL;
      gboolean ascii = g_str_is_ascii (name);

      g_clear_error (&error);
      /* Check the value before creating the attribute, so that a refused value leaves no
       * empty attribute behind. */
      if (!shirabe_attribute_parse_value (type, NULL, value, &normalized, &error))
        {
          g_prefix_error (&error, "%s: ", name);
          return shirabe_cli_close (project, shirabe_cli_error (error));
        }
      attribute_id = shirabe_project_add_attribute (project, SHIRABE_SCOPE_CASE,
                                                    ascii ? name : NULL, ascii ? NULL : name,
                                                    NULL, type, NULL, &error);
    }
  if (attribute_id == 0)
    return shirabe_cli_close (project, shirabe_cli_error (error));

  attribute = shirabe_project_get_attribute (project, attribute_id, &error);
  if (attribute == NULL)
    return shirabe_cli_close (project, shirabe_cli_error (error));
  if (type_name != NULL && attribute->type != type)
    {
      shirabe_cli_message (_("The attribute “%s” holds values of type %s, not %s"), name,
                           shirabe_attribute_type_to_string (attribute->type),
                           shirabe_attribute_type_to_string (type));
      return shirabe_cli_close (project, SHIRABE_CLI_EXIT_DATA);
    }

  if (!shirabe_project_set_attribute_value (project, attribute_id, case_id, value, &error))
    return shirabe_cli_close (project, shirabe_cli_error (error));

  g_print (_("Set “%s” of case “%s” to “%s”\n"), name, the_case->name, value);
  return shirabe_cli_close (project, status);
}

static gboolean
build_generated (ShirabeProject  *project,
                 gpointer         user_data,
                 GError         **error)
{
  return shirabe_project_generate (project, user_data, NULL, error);
}

int
shirabe_cli_generate (int    argc,
                      char **argv)
{
  g_autofree char *name = NULL;
  g_autofree char *n_narratives = NULL;
  g_autofree char *n_codings = NULL;
  g_autofree char *n_codes = NULL;
  g_autofree char *n_coders = NULL;
  g_autofree char *seed = NULL;
  g_autofree char *min_length = NULL;
  g_autofree char *max_length = NULL;
  const GOptionEntry entries[] = {
    { "narratives", 0, 0, G_OPTION_ARG_STRING, &n_narratives,
      N_("How many narratives (required)"), N_("N") },
    { "codings", 0, 0, G_OPTION_ARG_STRING, &n_codings,
      N_("How many codings (required)"), N_("N") },
    { "codes", 0, 0, G_OPTION_ARG_STRING, &n_codes, N_("How many codes (default 60)"), N_("N") },
    { "coders", 0, 0, G_OPTION_ARG_STRING, &n_coders, N_("How many coders (default 3)"),
      N_("N") },
    { "seed", 0, 0, G_OPTION_ARG_STRING, &seed,
      N_("The seed: the same seed and options give the same project (default 1)"), N_("S") },
    { "min-length", 0, 0, G_OPTION_ARG_STRING, &min_length,
      N_("The shortest narrative, in characters (default 2000)"), N_("N") },
    { "max-length", 0, 0, G_OPTION_ARG_STRING, &max_length,
      N_("The longest narrative, in characters (default 300000)"), N_("N") },
    { "name", 0, 0, G_OPTION_ARG_STRING, &name,
      N_("The project’s name (default: the file name)"), N_("NAME") },
    G_OPTION_ENTRY_NULL
  };
  /* Read after parsing, through the pointers the entries filled. */
  const struct
  {
    const char  *option;
    char       **text;
    guint64      max;
  } counts[] = {
    { "--narratives", &n_narratives, G_MAXUINT },
    { "--codings", &n_codings, G_MAXUINT },
    { "--codes", &n_codes, G_MAXUINT },
    { "--coders", &n_coders, G_MAXUINT },
    { "--seed", &seed, G_MAXUINT64 },
    { "--min-length", &min_length, G_MAXUINT },
    { "--max-length", &max_length, G_MAXUINT },
  };
  guint64 values[G_N_ELEMENTS (counts)] = { 0, 0, 0, 0, 1, 0, 0 };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *display = NULL;
  ShirabeGenerateOptions options = { 0 };
  int status = SHIRABE_CLI_EXIT_OK;

  context = shirabe_cli_context_new (N_("PROJECT"),
                                     N_("Creates a new project filled with a synthetic study "
                                        "(Japanese and English narratives, a code tree, coders, "
                                        "case attributes, codings) for tests and benchmarks. "
                                        "PROJECT must not exist."),
                                     entries);
  if (!shirabe_cli_parse (context, &argc, &argv, 1, 1, &status))
    return status;

  if (n_narratives == NULL || n_codings == NULL)
    return shirabe_cli_usage_error (_("--narratives and --codings are required"));
  for (guint i = 0; i < G_N_ELEMENTS (counts); i++)
    if (*counts[i].text != NULL &&
        !shirabe_cli_parse_count (counts[i].option, *counts[i].text, counts[i].max, &values[i],
                                  &status))
      return status;
  options.n_narratives = values[0];
  options.n_codings = values[1];
  options.n_codes = values[2];
  options.n_coders = values[3];
  options.seed = values[4];
  options.min_length = values[5];
  options.max_length = values[6];

  if (shirabe_cli_stderr_is_terminal ())
    /* Translators: the first number is of narratives; the count of codings follows. */
    g_printerr (ngettext ("Generating %u narrative and %u codings…\n",
                          "Generating %u narratives and %u codings…\n", options.n_narratives),
                options.n_narratives,
                options.n_codings);
  /* Generated under a temporary name: no half-generated project is ever left at PROJECT. */
  if (!shirabe_project_create_file (argv[1], name, build_generated, &options, &error))
    return shirabe_cli_error (error);
  display = g_filename_display_name (argv[1]);
  g_print (_("Generated %s (narratives: %u, codings: %u, seed: %" PRIu64 ")\n"),
           display, options.n_narratives, options.n_codings, options.seed);
  return status;
}

int
shirabe_cli_rename_case (int    argc,
                         char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(ShirabeCase) the_case = NULL;
  ShirabeProject *project;
  gint64 case_id;
  int status = SHIRABE_CLI_EXIT_OK;

  context = shirabe_cli_context_new (N_("PROJECT CASE NAME"),
                                     N_("Renames a case. CASE is its id, UUID or exact name."),
                                     NULL);
  if (!shirabe_cli_parse (context, &argc, &argv, 3, 3, &status))
    return status;
  if ((project = shirabe_cli_open (argv[1], FALSE, &status)) == NULL)
    return status;

  if ((case_id = shirabe_project_find_case (project, argv[2], &error)) == 0 ||
      (the_case = shirabe_project_get_case (project, case_id, &error)) == NULL ||
      !shirabe_project_rename_case (project, case_id, argv[3], &error))
    return shirabe_cli_close (project, shirabe_cli_error (error));

  g_print (_("Renamed case “%s” to “%s”\n"), the_case->name, argv[3]);
  return shirabe_cli_close (project, status);
}

int
shirabe_cli_delete_case (int    argc,
                         char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(ShirabeCase) the_case = NULL;
  ShirabeProject *project;
  gint64 case_id;
  int status = SHIRABE_CLI_EXIT_OK;

  context = shirabe_cli_context_new (N_("PROJECT CASE"),
                                     N_("Deletes a case with its narratives and their codings. "
                                        "CASE is its id, UUID or exact name."),
                                     NULL);
  if (!shirabe_cli_parse (context, &argc, &argv, 2, 2, &status))
    return status;
  if ((project = shirabe_cli_open (argv[1], FALSE, &status)) == NULL)
    return status;

  if ((case_id = shirabe_project_find_case (project, argv[2], &error)) == 0 ||
      (the_case = shirabe_project_get_case (project, case_id, &error)) == NULL ||
      !shirabe_project_delete_case (project, case_id, &error))
    return shirabe_cli_close (project, shirabe_cli_error (error));

  g_print (_("Deleted case “%s” (narratives: %u, codings: %u)\n"), the_case->name,
           the_case->n_narratives, the_case->n_codings);
  return shirabe_cli_close (project, status);
}
