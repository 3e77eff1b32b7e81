/* shirabe-export-stats-names.c: variable names that SPSS and Stata both accept
 *
 * The export's names (`--header names`) are already legal in R, SPSS and Stata; the SPSS and
 * Stata writer checks them once more against both packages' rules here, so that a name never
 * depends on what made it, and mends any that breaks one, deterministically.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "shirabe-code.h"
#include "shirabe-export-sav-private.h"

static const char *const reserved_names[] = {
  /* SPSS */
  "all", "and", "by", "eq", "ge", "gt", "le", "lt", "ne", "not", "or", "to", "with",
  /* Stata */
  "_all", "_b", "byte", "_coef", "_cons", "double", "float", "if", "in", "int", "long", "_n",
  "_pi", "_pred", "_rc", "_skip", "strl", "using",
};

static gboolean
is_reserved (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (reserved_names); i++)
    if (g_ascii_strcasecmp (name, reserved_names[i]) == 0)
      return TRUE;
  /* Stata's str1 … str2045 */
  if (g_ascii_strncasecmp (name, "str", 3) == 0 && g_ascii_isdigit (name[3]))
    {
      const char *p = name + 3;

      while (g_ascii_isdigit (*p))
        p++;
      return *p == '\0';
    }
  return FALSE;
}

/**
 * shirabe_export_stats_name_is_legal:
 *
 * Whether @name is a variable name both SPSS and Stata accept as it is: ASCII letters, digits
 * and "_", a letter first, at most 32 bytes, no reserved word of either (compared without
 * case, as SPSS compares).
 */
gboolean
shirabe_export_stats_name_is_legal (const char *name)
{
  gsize len = name != NULL ? strlen (name) : 0;

  if (len == 0 || len > SHIRABE_STATS_NAME_MAX || !g_ascii_isalpha (name[0]))
    return FALSE;
  for (const char *p = name; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && *p != '_')
      return FALSE;
  return !is_reserved (name);
}

static char *
legal_name (const char *wanted)
{
  g_autofree char *romaji = NULL;
  GString *name = g_string_new (NULL);

  if (wanted == NULL)
    wanted = "";
  /* Japanese and other scripts are read out in romaji, as the export names codes. */
  for (const char *p = wanted; *p != '\0'; p++)
    if ((guchar) *p >= 0x80)
      {
        romaji = shirabe_var_name_from_label (wanted);
        if (romaji != NULL)
          wanted = romaji;
        break;
      }
  for (const char *p = wanted; *p != '\0'; p++)
    {
      if (g_ascii_isalnum (*p) || *p == '_')
        g_string_append_c (name, *p);
      else if (name->len > 0 && name->str[name->len - 1] != '_')
        g_string_append_c (name, '_');
    }
  if (name->len == 0 || !g_ascii_isalpha (name->str[0]))
    g_string_prepend_c (name, 'v');
  if (name->len > SHIRABE_STATS_NAME_MAX)
    g_string_truncate (name, SHIRABE_STATS_NAME_MAX);
  if (is_reserved (name->str))
    {
      if (name->len == SHIRABE_STATS_NAME_MAX)
        g_string_truncate (name, SHIRABE_STATS_NAME_MAX - 1);
      g_string_append_c (name, '_');
    }
  return g_string_free (name, FALSE);
}

/**
 * shirabe_export_stats_names:
 * @wanted: the names (or labels) wished for, in column order
 *
 * Makes names that SPSS and Stata both accept (see shirabe_export_stats_name_is_legal()),
 * unique without regard to case (SPSS ignores it), deterministically: a legal name wished for
 * stays as it is unless an earlier column took it; others lose what is not allowed (Japanese
 * is read out in romaji), get a "v" before a first character that is not a letter, an "_"
 * after a reserved word, and "_2", "_3"… when taken. One set of names serves both packages, so
 * that a script works on either file.
 *
 * Returns: (transfer full): @n_wanted names, %NULL-terminated
 */
char **
shirabe_export_stats_names (const char *const *wanted,
                            guint              n_wanted)
{
  g_autoptr(GHashTable) taken = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  char **names = g_new0 (char *, n_wanted + 1);

  for (guint i = 0; i < n_wanted; i++)
    {
      g_autofree char *base = legal_name (wanted[i]);

      for (guint k = 1; ; k++)
        {
          g_autofree char *candidate = NULL;
          g_autofree char *key = NULL;

          if (k == 1)
            candidate = g_strdup (base);
          else
            {
              g_autofree char *suffix = g_strdup_printf ("_%u", k);

              candidate = g_strdup_printf ("%.*s%s",
                                           (int) MIN (strlen (base),
                                                      SHIRABE_STATS_NAME_MAX - strlen (suffix)),
                                           base, suffix);
            }
          key = g_ascii_strdown (candidate, -1);
          if (!g_hash_table_contains (taken, key))
            {
              g_hash_table_add (taken, g_steal_pointer (&key));
              names[i] = g_steal_pointer (&candidate);
              break;
            }
        }
    }
  return names;
}

/**
 * shirabe_export_spss_segment_clash:
 * @names: the variables' names, in file order
 * @widths: each variable's width in bytes when it holds text, 0 when it holds numbers
 *
 * ReadStat 1.1.8 gives each SPSS variable an 8-character short name (its name's first eight
 * characters in capitals, or "V<n>_A" when taken) and names the extra segments of a text
 * longer than 255 bytes after the first five characters of it and a digit or letter
 * ("REGIO1", "REGIO2"…, 36 at most). When such a segment's name is also a variable's short
 * name, readers (ReadStat's, and so haven's) take the segments for variables of their own and
 * fail to read the file.
 *
 * Returns: the index of the first variable whose short name is a segment's name, or -1
 */
int
shirabe_export_spss_segment_clash (const char *const *names,
                                   const gsize       *widths,
                                   guint              n_names)
{
  g_autoptr(GHashTable) short_names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                             NULL);
  g_autoptr(GHashTable) segments = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) shorts = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < n_names; i++)
    {
      char *short_name = g_ascii_strup (names[i], MIN (strlen (names[i]), 8));

      if (g_hash_table_contains (short_names, short_name))
        {
          g_free (short_name);
          short_name = g_strdup_printf ("V%u_A", (i + 1) % 100000);
        }
      g_hash_table_add (short_names, g_strdup (short_name));
      g_ptr_array_add (shorts, short_name);
    }
  for (guint i = 0; i < n_names; i++)
    {
      gsize n_segments = widths[i] > 255 ? (widths[i] + 251) / 252 : 1;

      for (gsize k = 1; k < n_segments && k <= 36; k++)
        {
          guint letter = k % 36;

          g_hash_table_add (segments, g_strdup_printf ("%.5s%c", (char *) shorts->pdata[i],
                                                       letter < 10 ? '0' + letter
                                                                   : 'A' + letter - 10));
        }
    }
  for (guint i = 0; i < n_names; i++)
    if (g_hash_table_contains (segments, shorts->pdata[i]))
      return (int) i;
  return -1;
}
