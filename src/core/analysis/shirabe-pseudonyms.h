/* shirabe-pseudonyms.h: the project's pseudonym table, suggestions for it, and matching
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An entry maps a real string (a person's, a place's, an employer's name, as the researcher
 * wrote it) to a pseudonym. Its variants are matched too: full-width and half-width forms and
 * any case of Latin letters (through shirabe_fold()), the parts of a name in the other order
 * ("Dela Cruz, Maricel" for "Maricel Dela Cruz", 「クルス・デラ」), joined by a space, an
 * ideographic space or a middle dot ・, and the name followed by an honorific (さん, 様, 氏, 君,
 * くん, ちゃん, 殿), which the pseudonym keeps unless it ends with one itself (「A氏」).
 *
 * Matching is leftmost-longest and never overlaps; a name that begins or ends with a Latin
 * letter or digit matches only at a word boundary (so "Li" is not found in "Lima"), other
 * scripts match anywhere (Japanese has no spaces). Every confirmed entry is looked for in every
 * text; an entry's language says which pseudonym a narrative of that language gets when
 * entries of several languages share a real string.
 */
#pragma once

#include "shirabe-project.h"

G_BEGIN_DECLS

typedef struct
{
  gint64    id;
  char     *uuid;
  char     *real;
  char     *pseudonym;
  char     *language;   /* "" for every language */
  gboolean  confirmed;
} ShirabePseudonym;

void       shirabe_pseudonym_free               (ShirabePseudonym *entry);

/* Every entry, in the order they were added. Returns: (transfer full) */
GPtrArray *shirabe_project_list_pseudonyms      (ShirabeProject  *project,
                                                 GError         **error);
/* Adds an entry, one undoable step; @language "" or %NULL for every language. Returns its id,
 * or 0 with @error set (an entry for @real in that language already exists: EXISTS). */
gint64     shirabe_project_add_pseudonym        (ShirabeProject  *project,
                                                 const char      *real,
                                                 const char      *pseudonym,
                                                 const char      *language,
                                                 gboolean         confirmed,
                                                 GError         **error);
gboolean   shirabe_project_confirm_pseudonym    (ShirabeProject  *project,
                                                 gint64           id,
                                                 GError         **error);
gboolean   shirabe_project_remove_pseudonym     (ShirabeProject  *project,
                                                 gint64           id,
                                                 GError         **error);
/* The entry @spec names: its id, its UUID, or its real string (AMBIGUOUS when that has
 * entries in several languages). Returns its id, or 0 with @error set. */
gint64     shirabe_project_find_pseudonym       (ShirabeProject  *project,
                                                 const char      *spec,
                                                 GError         **error);

typedef enum
{
  SHIRABE_NAME_CASE,        /* a case's name */
  SHIRABE_NAME_HONORIFIC,   /* a word before さん, 氏, 様, 君, ちゃん */
  SHIRABE_NAME_KATAKANA,    /* a run of katakana */
  SHIRABE_NAME_LATIN,       /* capitalised Latin words */
} ShirabeNameKind;

typedef struct
{
  char            *text;
  ShirabeNameKind  kind;
  guint            count;      /* occurrences in the narratives */
  char            *pseudonym;  /* a proposal: "Person 3", translated */
} ShirabeNameSuggestion;

void       shirabe_name_suggestion_free         (ShirabeNameSuggestion *suggestion);
/* Where a suggestion was found, translated: "case name", "katakana"… */
const char *shirabe_name_kind_describe          (ShirabeNameKind        kind);
/* Names found in the narratives and the cases that the table does not list yet, most likely
 * first (cases, then names before honorifics, then by kind and frequency); at most @limit
 * (0: all). Returns: (transfer full) */
GPtrArray *shirabe_project_suggest_pseudonyms   (ShirabeProject  *project,
                                                 guint            limit,
                                                 GError         **error);

/* Matching */

typedef struct _ShirabePseudonymMatcher ShirabePseudonymMatcher;

/* One replacement in a text: [start, end) of the original, [new_start, new_end) of the
 * rewritten text, in code points; @entry indexes the entries the matcher was made with. */
typedef struct
{
  gint64 start;
  gint64 end;
  gint64 new_start;
  gint64 new_end;
  guint  entry;
} ShirabeReplacement;

/* A matcher for the confirmed entries of @entries (ShirabePseudonym); the unconfirmed are
 * skipped. */
ShirabePseudonymMatcher *shirabe_pseudonym_matcher_new  (GPtrArray               *entries);
void                     shirabe_pseudonym_matcher_free (ShirabePseudonymMatcher *matcher);
/* The confirmed entries the matcher looks for; a replacement's @entry indexes them. */
guint                    shirabe_pseudonym_matcher_get_n_entries (ShirabePseudonymMatcher *matcher);
const ShirabePseudonym  *shirabe_pseudonym_matcher_get_entry     (ShirabePseudonymMatcher *matcher,
                                                                  guint                    index);
/* @text rewritten for a narrative in @language ("" or %NULL when none); each replacement made
 * is appended to @replacements (ShirabeReplacement, in order) when it is not %NULL.
 * Returns: (transfer full) */
char    *shirabe_pseudonym_matcher_rewrite      (ShirabePseudonymMatcher *matcher,
                                                 const char              *text,
                                                 const char              *language,
                                                 GArray                  *replacements);
/* Moves the coding [*start, *end) of a text to the rewritten text: by how much the text before
 * it changed; a start or an end inside a replaced name goes to that pseudonym's start or end,
 * so that the coding covers the whole pseudonym. Returns TRUE when it was widened so. */
gboolean shirabe_replacements_map_range         (const GArray            *replacements,
                                                 gint64                  *start,
                                                 gint64                  *end);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ShirabePseudonym, shirabe_pseudonym_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ShirabeNameSuggestion, shirabe_name_suggestion_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ShirabePseudonymMatcher, shirabe_pseudonym_matcher_free)

G_END_DECLS
