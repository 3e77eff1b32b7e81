/* shirabe-sample.c: the sample project, built from data/sample
 *
 * sample.json names the coding scheme, the cases with their attributes, the narratives (plain
 * text files beside it) and the codings. A coding gives its passage as a quote from the text,
 * not as offsets, so that the files stay right when a text is edited; the quote is found here
 * and turned into code-point offsets. Everything is read and checked first, then written as
 * one edit, so that a broken sample leaves the project as it was. data/sample/README.md
 * describes the format.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "shirabe-i18n.h"

#include <string.h>

#include <json-glib/json-glib.h>

#include "shirabe-attribute.h"
#include "shirabe-case.h"
#include "shirabe-code.h"
#include "shirabe-coder.h"
#include "shirabe-coding.h"
#include "shirabe-narrative.h"
#include "shirabe-project-private.h"
#include "shirabe-sample.h"
#include "shirabe-template.h"
#include "shirabe-text.h"

#define SAMPLE_FILE_NAME "sample.json"

typedef struct
{
  char   *code;      /* var_name */
  char   *coder;
  char   *memo;      /* nullable */
  gint64  start;
  gint64  end;
} SampleCoding;

typedef struct
{
  char                *file;            /* as in sample.json */
  char                *display;         /* the full path, for messages */
  char                *title;
  char                *language;
  char                *kind;
  char                *memo;            /* nullable */
  char                *translation_of;  /* a file, nullable */
  char                *text;            /* NFC, LF */
  ShirabeCodingStatus  status;
  GPtrArray           *codings;         /* SampleCoding */
} SampleNarrative;

typedef struct
{
  char      *name;
  char      *memo;                      /* nullable */
  GPtrArray *attribute_names;           /* var_names */
  GPtrArray *attribute_values;          /* text, parallel */
  GPtrArray *narratives;                /* SampleNarrative */
} SampleCase;

typedef struct
{
  char            *display;             /* sample.json's path, for messages */
  char            *name;
  char            *description;
  ShirabeTemplate *template_;
  GPtrArray       *coders;              /* names */
  GPtrArray       *cases;               /* SampleCase */
} Sample;

static void
sample_coding_free (gpointer data)
{
  SampleCoding *self = data;

  g_free (self->code);
  g_free (self->coder);
  g_free (self->memo);
  g_free (self);
}

static void
sample_narrative_free (gpointer data)
{
  SampleNarrative *self = data;

  g_free (self->file);
  g_free (self->display);
  g_free (self->title);
  g_free (self->language);
  g_free (self->kind);
  g_free (self->memo);
  g_free (self->translation_of);
  g_free (self->text);
  g_ptr_array_unref (self->codings);
  g_free (self);
}

static void
sample_case_free (gpointer data)
{
  SampleCase *self = data;

  g_free (self->name);
  g_free (self->memo);
  g_ptr_array_unref (self->attribute_names);
  g_ptr_array_unref (self->attribute_values);
  g_ptr_array_unref (self->narratives);
  g_free (self);
}

static void
sample_free (Sample *self)
{
  g_free (self->display);
  g_free (self->name);
  g_free (self->description);
  g_clear_pointer (&self->template_, shirabe_template_unref);
  g_ptr_array_unref (self->coders);
  g_ptr_array_unref (self->cases);
  g_free (self);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Sample, sample_free)

static gboolean
has_sample_file (const char *dir)
{
  g_autofree char *path = g_build_filename (dir, SAMPLE_FILE_NAME, NULL);

  return g_file_test (path, G_FILE_TEST_IS_REGULAR);
}

/**
 * shirabe_sample_find_dir:
 *
 * Looks for the folder holding the sample's sample.json: $SHIRABE_SAMPLE_DIR (tests and
 * uninstalled builds), the installed <datadir>/shirabe/sample, then shirabe/sample under the
 * user's and the system's data directories ($XDG_DATA_HOME, then $XDG_DATA_DIRS, which include
 * a Flatpak's /app/share).
 *
 * Returns: (transfer full) (nullable): the folder, or %NULL
 */
char *
shirabe_sample_find_dir (void)
{
  const char *env = g_getenv ("SHIRABE_SAMPLE_DIR");
  const char * const *system_dirs = g_get_system_data_dirs ();

  if (env != NULL && *env != '\0' && has_sample_file (env))
    return g_strdup (env);
#ifdef SHIRABE_DATADIR
  {
    g_autofree char *dir = g_build_filename (SHIRABE_DATADIR, "sample", NULL);

    if (has_sample_file (dir))
      return g_steal_pointer (&dir);
  }
#endif
  {
    g_autofree char *dir = g_build_filename (g_get_user_data_dir (), "shirabe", "sample", NULL);

    if (has_sample_file (dir))
      return g_steal_pointer (&dir);
  }
  for (guint i = 0; system_dirs[i] != NULL; i++)
    {
      g_autofree char *dir = g_build_filename (system_dirs[i], "shirabe", "sample", NULL);

      if (has_sample_file (dir))
        return g_steal_pointer (&dir);
    }
  return NULL;
}

/* Reading sample.json. @where names the member for messages ("cases[2].name"). */

static gboolean
invalid (GError     **error,
         const char  *display,
         const char  *where,
         const char  *what)
{
  /* TRANSLATORS: "sample.json: cases[2].name: a text is expected" */
  g_set_error (error, SHIRABE_ERROR, SHIRABE_ERROR_INVALID, _("%s: %s: %s"), display, where, what);
  return FALSE;
}

/* Returns the string member @name, NULL when it is missing (or null) and @optional; otherwise
 * a missing or non-string member is an error. */
static gboolean
get_string (JsonObject  *object,
            const char  *name,
            gboolean     optional,
            const char  *display,
            const char  *where,
            char       **out,
            GError     **error)
{
  JsonNode *node = json_object_get_member (object, name);
  g_autofree char *member = g_strdup_printf ("%s.%s", where, name);

  *out = NULL;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    {
      if (optional)
        return TRUE;
      return invalid (error, display, member, _("this member is missing"));
    }
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return invalid (error, display, member, _("a text is expected"));
  *out = g_strdup (json_node_get_string (node));
  if (!optional && shirabe_str_is_blank (*out))
    {
      g_clear_pointer (out, g_free);
      return invalid (error, display, member, _("this member is empty"));
    }
  return TRUE;
}

/* Returns the array member @name; a missing member is an empty array when @optional. */
static gboolean
get_array (JsonObject  *object,
           const char  *name,
           gboolean     optional,
           const char  *display,
           const char  *where,
           JsonArray  **out,
           GError     **error)
{
  JsonNode *node = json_object_get_member (object, name);
  g_autofree char *member = g_strdup_printf ("%s.%s", where, name);

  *out = NULL;
  if (node == NULL && optional)
    return TRUE;
  if (node == NULL)
    return invalid (error, display, member, _("this member is missing"));
  if (!JSON_NODE_HOLDS_ARRAY (node))
    return invalid (error, display, member, _("a list is expected"));
  *out = json_node_get_array (node);
  return TRUE;
}

static JsonObject *
get_element_object (JsonArray   *array,
                    guint        index,
                    const char  *display,
                    const char  *where,
                    GError     **error)
{
  JsonNode *node = json_array_get_element (array, index);

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      invalid (error, display, where, _("an object is expected"));
      return NULL;
    }
  return json_node_get_object (node);
}

/* The file names in sample.json are plain names of files in the sample folder. */
static gboolean
file_name_is_plain (const char *name)
{
  return *name != '\0' && *name != '.' && strchr (name, '/') == NULL &&
         strchr (name, G_DIR_SEPARATOR) == NULL;
}

static char *
quote_for_message (const char *quote)
{
  /* Long quotes are cut, so that the message still fits on a screen. */
  if (g_utf8_strlen (quote, -1) <= 80)
    return g_strdup (quote);
  {
    g_autofree char *start = g_utf8_substring (quote, 0, 79);

    return g_strconcat (start, "…", NULL);
  }
}

/* Finds @quote in @text: the only occurrence, or the @occurrence-th (from 1). */
static gboolean
resolve_quote (const char       *text,
               const char       *quote,
               gint64            occurrence,
               const char       *display,
               gint64           *start,
               gint64           *end,
               GError          **error)
{
  g_autofree char *shown = NULL;
  const char *found = NULL;
  guint n_found = 0;

  for (const char *p = strstr (text, quote); p != NULL; p = strstr (g_utf8_next_char (p), quote))
    {
      n_found++;
      if (found == NULL && (occurrence == 0 || n_found == occurrence))
        found = p;
    }

  if (n_found == 0)
    {
      shown = quote_for_message (quote);
      g_set_error (error, SHIRABE_ERROR, SHIRABE_ERROR_NOT_FOUND,
                   _("%s: the quote “%s” is not in the text"), display, shown);
      return FALSE;
    }
  if (occurrence == 0 && n_found > 1)
    {
      shown = quote_for_message (quote);
      g_set_error (error, SHIRABE_ERROR, SHIRABE_ERROR_AMBIGUOUS,
                   _("%s: the quote “%s” is found %u times in the text; give its “occurrence” "
                     "(1 for the first)"),
                   display, shown, n_found);
      return FALSE;
    }
  if (found == NULL)
    {
      shown = quote_for_message (quote);
      g_set_error (error, SHIRABE_ERROR, SHIRABE_ERROR_NOT_FOUND,
                   g_dngettext (GETTEXT_PACKAGE,
                                "%s: the quote “%s” has no occurrence %d in the text (it is "
                                "found %u time)",
                                "%s: the quote “%s” has no occurrence %d in the text (it is "
                                "found %u times)",
                                n_found),
                   display, shown, (int) occurrence, n_found);
      return FALSE;
    }
  *start = g_utf8_pointer_to_offset (text, found);
  *end = *start + g_utf8_strlen (quote, -1);
  return TRUE;
}

static SampleCoding *
read_coding (JsonObject   *object,
             const char   *text,
             const char   *display,
             const char   *where,
             GError      **error)
{
  g_autofree char *quote = NULL;
  g_autofree char *nfc = NULL;
  SampleCoding *coding = g_new0 (SampleCoding, 1);
  JsonNode *node;
  gint64 occurrence = 0;

  if (!get_string (object, "code", FALSE, display, where, &coding->code, error) ||
      !get_string (object, "coder", FALSE, display, where, &coding->coder, error) ||
      !get_string (object, "memo", TRUE, display, where, &coding->memo, error) ||
      !get_string (object, "quote", FALSE, display, where, &quote, error))
    goto fail;

  node = json_object_get_member (object, "occurrence");
  if (node != NULL && !JSON_NODE_HOLDS_NULL (node))
    {
      g_autofree char *member = g_strdup_printf ("%s.occurrence", where);

      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64 ||
          json_node_get_int (node) < 1 || json_node_get_int (node) > G_MAXINT)
        {
          invalid (error, display, member, _("a whole number from 1 is expected"));
          goto fail;
        }
      occurrence = json_node_get_int (node);
    }

  /* The texts are stored in NFC; a quote typed in another form still matches. */
  nfc = g_utf8_normalize (quote, -1, G_NORMALIZE_NFC);
  if (nfc == NULL)
    {
      invalid (error, display, where, _("the quote is not valid UTF-8"));
      goto fail;
    }
  if (!resolve_quote (text, nfc, occurrence, display, &coding->start, &coding->end, error))
    goto fail;
  return coding;

fail:
  sample_coding_free (coding);
  return NULL;
}

static gboolean
read_text_file (const char  *path,
                const char  *display,
                char       **text,
                GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *data = NULL;
  gsize size = 0;

  if (!g_file_get_contents (path, &data, &size, &local_error))
    {
      g_set_error (error, SHIRABE_ERROR, SHIRABE_ERROR_NOT_FOUND,
                   _("Cannot read the sample’s file %s: %s"), display, local_error->message);
      return FALSE;
    }
  /* The same decoding as an import: UTF-8 without BOM, LF line ends, NFC. */
  *text = shirabe_text_decode (data, size, "UTF-8", display, NULL, error);
  return *text != NULL;
}

static SampleNarrative *
read_narrative (JsonObject   *object,
                const char   *sample_dir,
                const char   *display,
                const char   *where,
                GHashTable   *files_seen,
                GError      **error)
{
  SampleNarrative *narrative = g_new0 (SampleNarrative, 1);
  g_autofree char *status = NULL;
  g_autofree char *path = NULL;
  JsonArray *codings = NULL;

  narrative->codings = g_ptr_array_new_with_free_func (sample_coding_free);
  if (!get_string (object, "file", FALSE, display, where, &narrative->file, error))
    goto fail;
  if (!file_name_is_plain (narrative->file))
    {
      g_autofree char *member = g_strdup_printf ("%s.file", where);
      g_autofree char *what = g_strdup_printf (_("“%s” is not the name of a file in the sample "
                                                 "folder"),
                                               narrative->file);

      invalid (error, display, member, what);
      goto fail;
    }
  path = g_build_filename (sample_dir, narrative->file, NULL);
  narrative->display = g_filename_display_name (path);

  if (!get_string (object, "title", FALSE, display, where, &narrative->title, error) ||
      !get_string (object, "language", TRUE, display, where, &narrative->language, error) ||
      !get_string (object, "kind", TRUE, display, where, &narrative->kind, error) ||
      !get_string (object, "memo", TRUE, display, where, &narrative->memo, error) ||
      !get_string (object, "translation_of", TRUE, display, where, &narrative->translation_of,
                   error) ||
      !get_string (object, "status", TRUE, display, where, &status, error) ||
      !get_array (object, "codings", TRUE, display, where, &codings, error))
    goto fail;

  if (status != NULL && !shirabe_coding_status_from_string (status, &narrative->status))
    {
      g_autofree char *member = g_strdup_printf ("%s.status", where);
      g_autofree char *what = g_strdup_printf (_("unknown coding status “%s” (to-do, "
                                                 "in-progress or done)"),
                                               status);

      invalid (error, display, member, what);
      goto fail;
    }
  if (narrative->translation_of != NULL &&
      !g_hash_table_contains (files_seen, narrative->translation_of))
    {
      g_autofree char *member = g_strdup_printf ("%s.translation_of", where);
      g_autofree char *what = g_strdup_printf (_("“%s” is not a narrative listed before this "
                                                 "one"),
                                               narrative->translation_of);

      invalid (error, display, member, what);
      goto fail;
    }
  if (g_hash_table_contains (files_seen, narrative->file))
    {
      g_autofree char *member = g_strdup_printf ("%s.file", where);
      g_autofree char *what = g_strdup_printf (_("“%s” is listed twice"), narrative->file);

      invalid (error, display, member, what);
      goto fail;
    }

  if (!read_text_file (path, narrative->display, &narrative->text, error))
    goto fail;

  for (guint i = 0; codings != NULL && i < json_array_get_length (codings); i++)
    {
      g_autofree char *item = g_strdup_printf ("%s.codings[%u]", where, i);
      JsonObject *coding_object = get_element_object (codings, i, display, item, error);
      SampleCoding *coding;

      if (coding_object == NULL)
        goto fail;
      coding = read_coding (coding_object, narrative->text, narrative->display, item, error);
      if (coding == NULL)
        goto fail;
      g_ptr_array_add (narrative->codings, coding);
    }
  g_hash_table_add (files_seen, g_strdup (narrative->file));
  return narrative;

fail:
  sample_narrative_free (narrative);
  return NULL;
}

/* An attribute value as the text shirabe_project_set_attribute_value() parses. */
static gboolean
value_to_text (JsonNode    *node,
               char       **text)
{
  *text = NULL;
  if (!JSON_NODE_HOLDS_VALUE (node))
    return FALSE;
  switch (json_node_get_value_type (node))
    {
    case G_TYPE_STRING:
      *text = g_strdup (json_node_get_string (node));
      return TRUE;
    case G_TYPE_INT64:
      *text = g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
      return TRUE;
    case G_TYPE_DOUBLE:
      {
        char buffer[G_ASCII_DTOSTR_BUF_SIZE];

        *text = g_strdup (g_ascii_dtostr (buffer, sizeof buffer, json_node_get_double (node)));
        return TRUE;
      }
    case G_TYPE_BOOLEAN:
      *text = g_strdup (json_node_get_boolean (node) ? "true" : "false");
      return TRUE;
    default:
      return FALSE;
    }
}

static SampleCase *
read_case (JsonObject   *object,
           const char   *sample_dir,
           const char   *display,
           const char   *where,
           GHashTable   *files_seen,
           GError      **error)
{
  SampleCase *sample_case = g_new0 (SampleCase, 1);
  JsonArray *narratives = NULL;
  JsonNode *attributes;

  sample_case->attribute_names = g_ptr_array_new_with_free_func (g_free);
  sample_case->attribute_values = g_ptr_array_new_with_free_func (g_free);
  sample_case->narratives = g_ptr_array_new_with_free_func (sample_narrative_free);

  if (!get_string (object, "name", FALSE, display, where, &sample_case->name, error) ||
      !get_string (object, "memo", TRUE, display, where, &sample_case->memo, error) ||
      !get_array (object, "narratives", TRUE, display, where, &narratives, error))
    goto fail;

  attributes = json_object_get_member (object, "attributes");
  if (attributes != NULL && !JSON_NODE_HOLDS_NULL (attributes))
    {
      g_autofree char *member = g_strdup_printf ("%s.attributes", where);
      JsonObjectIter iter;
      const char *name;
      JsonNode *value;

      if (!JSON_NODE_HOLDS_OBJECT (attributes))
        {
          invalid (error, display, member, _("an object is expected"));
          goto fail;
        }
      json_object_iter_init_ordered (&iter, json_node_get_object (attributes));
      while (json_object_iter_next_ordered (&iter, &name, &value))
        {
          char *text;

          if (JSON_NODE_HOLDS_NULL (value))
            continue;
          if (!value_to_text (value, &text))
            {
              g_autofree char *item = g_strdup_printf ("%s.%s", member, name);

              invalid (error, display, item, _("a text, a number or true/false is expected"));
              goto fail;
            }
          g_ptr_array_add (sample_case->attribute_names, g_strdup (name));
          g_ptr_array_add (sample_case->attribute_values, text);
        }
    }

  for (guint i = 0; narratives != NULL && i < json_array_get_length (narratives); i++)
    {
      g_autofree char *item = g_strdup_printf ("%s.narratives[%u]", where, i);
      JsonObject *narrative_object = get_element_object (narratives, i, display, item, error);
      SampleNarrative *narrative;

      if (narrative_object == NULL)
        goto fail;
      narrative = read_narrative (narrative_object, sample_dir, display, item, files_seen, error);
      if (narrative == NULL)
        goto fail;
      g_ptr_array_add (sample_case->narratives, narrative);
    }
  return sample_case;

fail:
  sample_case_free (sample_case);
  return NULL;
}

/* The sample's coding scheme: a path relative to the sample folder, else the template of that
 * name in the templates folder beside the sample folder (they are installed together, so the
 * codings match it), else any template of that name. */
static ShirabeTemplate *
load_template (const char  *name,
               const char  *sample_dir,
               GError     **error)
{
  g_autofree char *sibling = NULL;
  g_autofree char *file_name = NULL;

  if (strchr (name, '/') != NULL || g_str_has_suffix (name, ".json"))
    {
      g_autofree char *path = g_path_is_absolute (name)
                              ? g_strdup (name)
                              : g_build_filename (sample_dir, name, NULL);

      return shirabe_template_new_from_file (path, error);
    }
  file_name = g_strconcat (name, ".json", NULL);
  sibling = g_build_filename (sample_dir, "..", "templates", file_name, NULL);
  if (g_file_test (sibling, G_FILE_TEST_IS_REGULAR))
    return shirabe_template_new_from_file (sibling, error);
  return shirabe_template_load (name, error);
}

static Sample *
sample_read (const char  *sample_dir,
             GError     **error)
{
  g_autoptr(Sample) sample = g_new0 (Sample, 1);
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GHashTable) files_seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                            NULL);
  g_autoptr(GError) local_error = NULL;
  g_autofree char *path = g_build_filename (sample_dir, SAMPLE_FILE_NAME, NULL);
  g_autofree char *name_en = NULL;
  g_autofree char *name_ja = NULL;
  g_autofree char *description_en = NULL;
  g_autofree char *description_ja = NULL;
  g_autofree char *format = NULL;
  g_autofree char *template_name = NULL;
  const char *display;
  JsonArray *coders = NULL;
  JsonArray *cases = NULL;
  JsonObject *root;
  JsonNode *version;

  sample->display = g_filename_display_name (path);
  sample->coders = g_ptr_array_new_with_free_func (g_free);
  sample->cases = g_ptr_array_new_with_free_func (sample_case_free);
  display = sample->display;

  if (!json_parser_load_from_file (parser, path, &local_error))
    {
      g_set_error (error, SHIRABE_ERROR,
                   g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT)
                   ? SHIRABE_ERROR_NOT_FOUND : SHIRABE_ERROR_INVALID,
                   _("Cannot read the sample %s: %s"), display, local_error->message);
      return NULL;
    }
  if (json_parser_get_root (parser) == NULL || !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      g_set_error (error, SHIRABE_ERROR, SHIRABE_ERROR_INVALID,
                   _("%s is not a Shirabe sample file"), display);
      return NULL;
    }
  root = json_node_get_object (json_parser_get_root (parser));

  if (!get_string (root, "format", TRUE, display, "$", &format, error))
    return NULL;
  version = json_object_get_member (root, "version");
  if ((format != NULL && strcmp (format, "shirabe-sample") != 0) || version == NULL ||
      !JSON_NODE_HOLDS_VALUE (version) || json_node_get_value_type (version) != G_TYPE_INT64)
    {
      g_set_error (error, SHIRABE_ERROR, SHIRABE_ERROR_INVALID,
                   _("%s is not a Shirabe sample file"), display);
      return NULL;
    }
  if (json_node_get_int (version) > SHIRABE_SAMPLE_VERSION)
    {
      g_set_error (error, SHIRABE_ERROR, SHIRABE_ERROR_TOO_NEW,
                   _("%s is a sample of version %d, newer than this Shirabe reads (%d)"),
                   display, (int) MIN (json_node_get_int (version), G_MAXINT),
                   SHIRABE_SAMPLE_VERSION);
      return NULL;
    }

  if (!get_string (root, "name_en", TRUE, display, "$", &name_en, error) ||
      !get_string (root, "name_ja", TRUE, display, "$", &name_ja, error) ||
      !get_string (root, "description_en", TRUE, display, "$", &description_en, error) ||
      !get_string (root, "description_ja", TRUE, display, "$", &description_ja, error) ||
      !get_string (root, "template", FALSE, display, "$", &template_name, error) ||
      !get_array (root, "coders", TRUE, display, "$", &coders, error) ||
      !get_array (root, "cases", FALSE, display, "$", &cases, error))
    return NULL;

  /* The project has one name and one description: both languages, English first. */
  if (name_en != NULL && name_ja != NULL)
    sample->name = g_strdup_printf ("%s / %s", name_en, name_ja);
  else
    sample->name = g_strdup (name_en != NULL ? name_en : name_ja);
  if (description_en != NULL && description_ja != NULL)
    sample->description = g_strdup_printf ("%s\n\n%s", description_en, description_ja);
  else
    sample->description = g_strdup (description_en != NULL ? description_en : description_ja);

  for (guint i = 0; coders != NULL && i < json_array_get_length (coders); i++)
    {
      JsonNode *node = json_array_get_element (coders, i);

      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING ||
          shirabe_str_is_blank (json_node_get_string (node)))
        {
          g_autofree char *item = g_strdup_printf ("$.coders[%u]", i);

          invalid (error, display, item, _("a coder’s name is expected"));
          return NULL;
        }
      g_ptr_array_add (sample->coders, g_strdup (json_node_get_string (node)));
    }

  for (guint i = 0; i < json_array_get_length (cases); i++)
    {
      g_autofree char *item = g_strdup_printf ("$.cases[%u]", i);
      JsonObject *case_object = get_element_object (cases, i, display, item, error);
      SampleCase *sample_case;

      if (case_object == NULL)
        return NULL;
      sample_case = read_case (case_object, sample_dir, display, item, files_seen, error);
      if (sample_case == NULL)
        return NULL;
      g_ptr_array_add (sample->cases, sample_case);
    }

  sample->template_ = load_template (template_name, sample_dir, error);
  if (sample->template_ == NULL)
    return NULL;
  return g_steal_pointer (&sample);
}

/* Writing the project, inside one edit. */

static gboolean
add_coding (ShirabeProject   *project,
            gint64            narrative_id,
            SampleNarrative  *narrative,
            SampleCoding     *coding,
            GHashTable       *codes,
            GHashTable       *coders,
            GError          **error)
{
  ShirabeCode *code = g_hash_table_lookup (codes, coding->code);
  gint64 coder_id = GPOINTER_TO_SIZE (g_hash_table_lookup (coders, coding->coder));

  if (code == NULL)
    {
      g_set_error (error, SHIRABE_ERROR, SHIRABE_ERROR_NOT_FOUND,
                   _("%s: there is no code with the variable name “%s” in the coding scheme"),
                   narrative->display, coding->code);
      return FALSE;
    }
  if (!code->codable)
    {
      g_set_error (error, SHIRABE_ERROR, SHIRABE_ERROR_INVALID,
                   _("%s: the code “%s” is a category; passages are coded with its subcodes"),
                   narrative->display, coding->code);
      return FALSE;
    }
  if (coder_id == 0)
    {
      coder_id = shirabe_project_ensure_coder (project, coding->coder, error);
      if (coder_id == 0)
        return FALSE;
      g_hash_table_insert (coders, g_strdup (coding->coder), GSIZE_TO_POINTER (coder_id));
    }
  return shirabe_project_add_coding (project, narrative_id, code->id, coder_id, coding->start,
                                     coding->end, coding->memo, error) != 0;
}

static gboolean
add_case (ShirabeProject  *project,
          SampleCase      *sample_case,
          GHashTable      *narrative_ids,
          GHashTable      *codes,
          GHashTable      *coders,
          GError         **error)
{
  gint64 case_id = shirabe_project_add_case (project, sample_case->name, error);

  if (case_id == 0)
    return FALSE;
  if (sample_case->memo != NULL &&
      !shirabe_project_set_case_memo (project, case_id, sample_case->memo, error))
    return FALSE;

  for (guint i = 0; i < sample_case->attribute_names->len; i++)
    {
      const char *name = sample_case->attribute_names->pdata[i];
      gint64 attribute_id = shirabe_project_find_attribute (project, SHIRABE_SCOPE_CASE, name,
                                                            error);

      if (attribute_id == 0 ||
          !shirabe_project_set_attribute_value (project, attribute_id, case_id,
                                                sample_case->attribute_values->pdata[i], error))
        {
          /* TRANSLATORS: the start of a message: "Case “Olena”, attribute “gender”: …" */
          g_prefix_error (error, _("Case “%s”, attribute “%s”: "), sample_case->name, name);
          return FALSE;
        }
    }

  for (guint i = 0; i < sample_case->narratives->len; i++)
    {
      SampleNarrative *narrative = sample_case->narratives->pdata[i];
      ShirabeNarrativeSpec spec = {
        .case_id = case_id,
        .title = narrative->title,
        .language = narrative->language,
        .kind = narrative->kind,
        .text = narrative->text,
        .origin_file = narrative->file,
        .origin_encoding = "UTF-8",
      };
      gint64 narrative_id;

      if (narrative->translation_of != NULL)
        spec.translation_of = GPOINTER_TO_SIZE (g_hash_table_lookup (narrative_ids,
                                                                     narrative->translation_of));
      narrative_id = shirabe_project_add_narrative (project, &spec, error);
      if (narrative_id == 0)
        return FALSE;
      g_hash_table_insert (narrative_ids, narrative->file, GSIZE_TO_POINTER (narrative_id));

      if (narrative->status != SHIRABE_STATUS_TO_DO &&
          !shirabe_project_set_narrative_status (project, narrative_id, narrative->status, error))
        return FALSE;
      if (narrative->memo != NULL &&
          !shirabe_project_set_narrative_memo (project, narrative_id, narrative->memo, error))
        return FALSE;
      for (guint j = 0; j < narrative->codings->len; j++)
        if (!add_coding (project, narrative_id, narrative, narrative->codings->pdata[j], codes,
                         coders, error))
          return FALSE;
    }
  return TRUE;
}

static gboolean
sample_write (ShirabeProject  *project,
              Sample          *sample,
              GError         **error)
{
  g_autoptr(GHashTable) narrative_ids = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) codes = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) coders = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) code_list = NULL;

  if ((sample->name != NULL && !shirabe_project_set_name (project, sample->name, error)) ||
      (sample->description != NULL &&
       !shirabe_project_set_description (project, sample->description, error)) ||
      !shirabe_project_apply_template (project, sample->template_, SHIRABE_TEMPLATE_APPLY_DEFAULT,
                                       NULL, error))
    return FALSE;

  code_list = shirabe_project_list_codes (project, error);
  if (code_list == NULL)
    return FALSE;
  for (guint i = 0; i < code_list->len; i++)
    {
      ShirabeCode *code = code_list->pdata[i];

      g_hash_table_insert (codes, code->var_name, code);
    }

  /* The coders in the order the sample lists them; others as their codings come. */
  for (guint i = 0; i < sample->coders->len; i++)
    {
      const char *name = sample->coders->pdata[i];
      gint64 coder_id = shirabe_project_ensure_coder (project, name, error);

      if (coder_id == 0)
        return FALSE;
      g_hash_table_insert (coders, g_strdup (name), GSIZE_TO_POINTER (coder_id));
    }

  for (guint i = 0; i < sample->cases->len; i++)
    if (!add_case (project, sample->cases->pdata[i], narrative_ids, codes, coders, error))
      return FALSE;
  return TRUE;
}

/**
 * shirabe_project_build_sample:
 * @sample_dir: (nullable): the folder holding sample.json, or %NULL to look for the installed
 *   one with shirabe_sample_find_dir()
 *
 * Builds the sample project into @project (normally a new, empty one) as one undo step.
 * Everything is read and checked before the project is touched: a missing file, a quote that
 * is not in its text, or one found more than once without an occurrence, is an error naming
 * the file and the quote. Any error leaves the project as it was.
 *
 * Returns: %TRUE on success, %FALSE with @error set
 */
gboolean
shirabe_project_build_sample (ShirabeProject  *project,
                              const char      *sample_dir,
                              GError         **error)
{
  g_autofree char *found_dir = NULL;
  g_autoptr(Sample) sample = NULL;
  gboolean ok;

  g_return_val_if_fail (SHIRABE_IS_PROJECT (project), FALSE);

  if (sample_dir == NULL)
    {
      found_dir = shirabe_sample_find_dir ();
      if (found_dir == NULL)
        {
          g_set_error_literal (error, SHIRABE_ERROR, SHIRABE_ERROR_NOT_FOUND,
                               _("The sample project’s files were not found; set "
                                 "SHIRABE_SAMPLE_DIR to the folder holding sample.json"));
          return FALSE;
        }
      sample_dir = found_dir;
    }

  sample = sample_read (sample_dir, error);
  if (sample == NULL)
    return FALSE;

  if (!shirabe_project_begin_edit (project, error))
    return FALSE;
  ok = sample_write (project, sample, error);
  return shirabe_project_end_edit (project, ok, _("Build the sample project"), ok ? error : NULL)
         && ok;
}
