/* shirabe-import-html.c: a web page, and Markdown, as a narrative's text
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * HTML through libxml2's HTML parser (forgiving, as browsers are; no network): block elements
 * end lines, table cells are separated by tabs, scripts, styles and the head are left out, ruby
 * gives its base (rt and rp left out), and white space collapses as a browser shows it, except
 * in pre.
 *
 * Markdown by a small documented rule set rather than a library: the text is what a reader of
 * the rendered page reads. Per line: ATX heading marks (# …), block quote marks (>), list
 * bullets (-, *, + and "1.") and their indentation are removed; fenced code fences (``` and ~~~)
 * and thematic breaks (---, ***) are dropped, the code inside is kept as it is. Inline: images
 * become their alt text, links their text, `code` its text, and emphasis marks (*, **, _, __,
 * ~~) around words are removed. A line break inside a paragraph stays a line break, so
 * positions remain close to the source's lines.
 */
#include "config.h"

#include <string.h>

#include <libxml/HTMLparser.h>

#include "shirabe-document-private.h"

#include "shirabe-error.h"
#include "shirabe-i18n.h"
#include "shirabe-text.h"

static gboolean
named (xmlNodePtr  node,
       const char *name)
{
  return node->name != NULL && g_ascii_strcasecmp ((const char *) node->name, name) == 0;
}

static gboolean
is_block (xmlNodePtr node)
{
  static const char *const names[] = {
    "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "dt", "dd", "blockquote", "pre",
    "section", "article", "header", "footer", "aside", "nav", "main", "figure", "figcaption",
    "address", "ul", "ol", "dl", "table", "tr", "hr", "form", "fieldset", "caption", "summary",
    "details",
  };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (named (node, names[i]))
      return TRUE;
  return FALSE;
}

static gboolean
is_left_out (xmlNodePtr node)
{
  static const char *const names[] = {
    "script", "style", "head", "template", "noscript", "rt", "rp", "svg", "math", "iframe",
    "object", "button", "select", "textarea",
  };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (named (node, names[i]))
      return TRUE;
  return FALSE;
}

static void
end_line (GString *out)
{
  while (out->len > 0 && out->str[out->len - 1] == ' ')
    g_string_truncate (out, out->len - 1);
  if (out->len > 0 && out->str[out->len - 1] != '\n')
    g_string_append_c (out, '\n');
}

static void
append_collapsed (GString    *out,
                  const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r' || *p == '\f')
        {
          if (out->len > 0 && out->str[out->len - 1] != ' ' && out->str[out->len - 1] != '\n' &&
              out->str[out->len - 1] != '\t')
            g_string_append_c (out, ' ');
        }
      else
        g_string_append_c (out, *p);
    }
}

static gboolean
walk (ShirabeTextBuilder  *builder,
      xmlNodePtr           node,
      gboolean             preformatted,
      guint                depth,
      GError             **error)
{
  for (; node != NULL; node = node->next)
    {
      if (!shirabe_text_builder_check (builder, error))
        return FALSE;
      if (node->type == XML_TEXT_NODE || node->type == XML_CDATA_SECTION_NODE)
        {
          if (preformatted)
            g_string_append (builder->text, (const char *) node->content);
          else
            append_collapsed (builder->text, (const char *) node->content);
          continue;
        }
      if (node->type != XML_ELEMENT_NODE || is_left_out (node))
        continue;
      /* Deeper than any real page: a hostile one; what is above it is kept. */
      if (depth > 256)
        continue;
      if (named (node, "br"))
        {
          g_string_append_c (builder->text, '\n');
          continue;
        }
      if (named (node, "table"))
        builder->document->n_tables++;
      if (named (node, "ruby"))
        builder->document->n_ruby++;
      if (named (node, "td") || named (node, "th"))
        builder->cell_depth++;
      /* In a table cell, blocks are pieces of one cell: a space between them, not a line. */
      if (is_block (node) && builder->cell_depth == 0)
        end_line (builder->text);
      else if (is_block (node) && builder->text->len > 0 &&
               strchr (" \t\n", builder->text->str[builder->text->len - 1]) == NULL)
        g_string_append_c (builder->text, ' ');
      if (!walk (builder, node->children, preformatted || named (node, "pre"), depth + 1,
                 error))
        return FALSE;
      if ((named (node, "td") || named (node, "th")) && builder->cell_depth > 0)
        builder->cell_depth--;
      if (named (node, "td") || named (node, "th"))
        {
          while (builder->text->len > 0 && builder->text->str[builder->text->len - 1] == ' ')
            g_string_truncate (builder->text, builder->text->len - 1);
          g_string_append_c (builder->text, '\t');
        }
      else if (named (node, "tr"))
        {
          if (builder->text->len > 0 && builder->text->str[builder->text->len - 1] == '\t')
            g_string_truncate (builder->text, builder->text->len - 1);
          end_line (builder->text);
        }
      else if (is_block (node) && builder->cell_depth == 0)
        {
          end_line (builder->text);
          builder->document->n_paragraphs++;
        }
    }
  return TRUE;
}

gboolean
shirabe_html_convert (ShirabeTextBuilder  *builder,
                      const char          *data,
                      gsize                size,
                      GError             **error)
{
  htmlDocPtr document;
  xmlNodePtr root;
  gboolean ok;

  if (size > G_MAXINT)
    {
      g_set_error (error, SHIRABE_ERROR, SHIRABE_ERROR_TOO_LARGE,
                   _("“%s” is too large to import"), builder->display_name);
      return FALSE;
    }
  shirabe_xml_init ();
  /* The page's own charset (its meta element, or a BOM) decides; UTF-8 otherwise. */
  document = htmlReadMemory (data, (int) size, NULL, NULL,
                             HTML_PARSE_RECOVER | HTML_PARSE_NONET | HTML_PARSE_NOERROR |
                             HTML_PARSE_NOWARNING | HTML_PARSE_NOIMPLIED);
  if (document == NULL)
    {
      g_set_error (error, SHIRABE_ERROR, SHIRABE_ERROR_CORRUPT,
                   _("“%s” cannot be read as a web page"), builder->display_name);
      return FALSE;
    }
  root = xmlDocGetRootElement (document);
  ok = root == NULL || walk (builder, root, FALSE, 0, error);
  xmlFreeDoc (document);
  if (ok && builder->text->len == 0)
    {
      g_set_error (error, SHIRABE_ERROR, SHIRABE_ERROR_EMPTY,
                   _("“%s” has no text to import"), builder->display_name);
      return FALSE;
    }
  return ok;
}

/* Markdown */

/* Removes the line's block marks: heading, quote, list bullet; returns where the text starts. */
static const char *
strip_block_marks (const char *line)
{
  const char *p = line;
  gboolean changed = TRUE;

  while (changed)
    {
      changed = FALSE;
      while (*p == ' ' || *p == '\t')
        p++;
      if (*p == '>')
        {
          p++;
          changed = TRUE;
          continue;
        }
      if (*p == '#')
        {
          const char *q = p;

          while (*q == '#')
            q++;
          if (q - p <= 6 && (*q == ' ' || *q == '\0'))
            {
              p = q;
              changed = TRUE;
              continue;
            }
        }
      if ((*p == '-' || *p == '*' || *p == '+') && p[1] == ' ')
        {
          p += 2;
          changed = TRUE;
          continue;
        }
      if (g_ascii_isdigit (*p))
        {
          const char *q = p;

          while (g_ascii_isdigit (*q))
            q++;
          if ((*q == '.' || *q == ')') && q[1] == ' ' && q - p <= 9)
            {
              p = q + 2;
              changed = TRUE;
              continue;
            }
        }
    }
  return p;
}

static gboolean
is_thematic_break (const char *line)
{
  char mark = 0;
  guint n = 0;

  for (const char *p = line; *p != '\0'; p++)
    {
      if (*p == ' ' || *p == '\t')
        continue;
      /* "===" under a line is a heading's underline, dropped the same way. */
      if ((*p != '-' && *p != '*' && *p != '_' && *p != '=') || (mark != 0 && *p != mark))
        return FALSE;
      mark = *p;
      n++;
    }
  return n >= 3;
}

/* Inline marks: images, links, code spans and emphasis. */
static void
append_inline (GString    *out,
               const char *text)
{
  for (const char *p = text; *p != '\0';)
    {
      if (*p == '\\' && p[1] != '\0' && strchr ("\\`*_{}[]()#+-.!~>", p[1]) != NULL)
        {
          g_string_append_c (out, p[1]);
          p += 2;
          continue;
        }
      if (*p == '!' && p[1] == '[')
        {
          p++;
          continue;
        }
      if (*p == '[')
        {
          const char *close = strstr (p, "](");
          const char *end = close != NULL ? strchr (close, ')') : NULL;

          if (close != NULL && end != NULL && memchr (p, '\n', close - p) == NULL)
            {
              g_autofree char *inner = g_strndup (p + 1, close - p - 1);

              append_inline (out, inner);
              p = end + 1;
              continue;
            }
        }
      if (*p == '`')
        {
          const char *end = strchr (p + 1, '`');

          if (end != NULL)
            {
              g_string_append_len (out, p + 1, end - p - 1);
              p = end + 1;
              continue;
            }
        }
      if ((*p == '*' || *p == '_' || *p == '~') &&
          (p == text || !g_ascii_isalnum (p[-1]) || p[1] == '\0' || !g_ascii_isalnum (p[1]) ||
           *p == '*'))
        {
          /* Emphasis marks: dropped where they open or close (not inside a_word_like_this). */
          const char *q = p;

          while (*q == *p)
            q++;
          if (q - p <= 3)
            {
              p = q;
              continue;
            }
        }
      g_string_append_c (out, *p);
      p++;
    }
}

gboolean
shirabe_markdown_convert (ShirabeTextBuilder  *builder,
                          const char          *data,
                          gsize                size,
                          GError             **error)
{
  g_auto(GStrv) lines = NULL;
  g_autofree char *text = NULL;
  const char *fence = NULL;

  /* Decoded (and its encoding found) like any text file first. */
  text = shirabe_text_decode (data, size, NULL, builder->display_name, NULL, error);
  if (text == NULL)
    return FALSE;
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *line = lines[i];
      const char *start = line;

      if (!shirabe_text_builder_check (builder, error))
        return FALSE;
      while (*start == ' ')
        start++;
      if (g_str_has_prefix (start, "```") || g_str_has_prefix (start, "~~~"))
        {
          fence = fence == NULL ? (start[0] == '`' ? "```" : "~~~") : NULL;
          continue;
        }
      if (fence != NULL)
        {
          g_string_append (builder->text, line);
          g_string_append_c (builder->text, '\n');
          continue;
        }
      if (is_thematic_break (line))
        continue;
      append_inline (builder->text, strip_block_marks (line));
      g_string_append_c (builder->text, '\n');
    }
  return TRUE;
}
