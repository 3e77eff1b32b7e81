/* shirabe-narrative.h: one text about a case
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "shirabe-project.h"

G_BEGIN_DECLS

typedef enum
{
  SHIRABE_STATUS_TO_DO = 0,
  SHIRABE_STATUS_IN_PROGRESS = 1,
  SHIRABE_STATUS_DONE = 2,
} ShirabeCodingStatus;

/* A narrative as lists show it: everything but the text, which is fetched on its own. */
typedef struct
{
  gint64               id;
  char                *uuid;
  gint64               case_id;
  char                *case_name;
  char                *title;
  char                *language;         /* BCP 47, "" when unknown */
  char                *kind;             /* interview, ngo-record, ... "" when unknown */
  gint64               length;           /* code points */
  char                *sha256;
  char                *origin_file;      /* nullable */
  char                *origin_encoding;  /* nullable; a document's format ("DOCX", "PDF"…) */
  char                *origin_sha256;    /* nullable: the imported file's bytes' sha256 */
  gint64               translation_of;   /* 0 when none */
  ShirabeCodingStatus  status;
  char                *memo;
  int                  position;
  char                *created_at;
  guint                n_codings;
} ShirabeNarrative;

/* What a new narrative is made of; @text must be NFC UTF-8 with LF line ends. */
typedef struct
{
  gint64      case_id;
  const char *title;
  const char *language;
  const char *kind;
  const char *text;
  const char *origin_file;
  const char *origin_encoding;
  const char *origin_sha256;
  gint64      translation_of;
} ShirabeNarrativeSpec;

#define SHIRABE_TYPE_NARRATIVE (shirabe_narrative_get_type ())

GType             shirabe_narrative_get_type            (void) G_GNUC_CONST;
ShirabeNarrative *shirabe_narrative_copy                (const ShirabeNarrative *self);
void              shirabe_narrative_free                (ShirabeNarrative       *self);
const char       *shirabe_coding_status_to_string       (ShirabeCodingStatus     status);
gboolean          shirabe_coding_status_from_string     (const char             *text,
                                                         ShirabeCodingStatus    *status);

gint64            shirabe_project_add_narrative         (ShirabeProject         *project,
                                                         const ShirabeNarrativeSpec *spec,
                                                         GError                **error);
gboolean          shirabe_project_delete_narrative      (ShirabeProject         *project,
                                                         gint64                  narrative_id,
                                                         GError                **error);
gboolean          shirabe_project_set_narrative_title   (ShirabeProject         *project,
                                                         gint64                  narrative_id,
                                                         const char             *title,
                                                         GError                **error);
gboolean          shirabe_project_set_narrative_status  (ShirabeProject         *project,
                                                         gint64                  narrative_id,
                                                         ShirabeCodingStatus     status,
                                                         GError                **error);
gboolean          shirabe_project_set_narrative_memo    (ShirabeProject         *project,
                                                         gint64                  narrative_id,
                                                         const char             *memo,
                                                         GError                **error);
gboolean          shirabe_project_set_narrative_language (ShirabeProject        *project,
                                                          gint64                 narrative_id,
                                                          const char            *language,
                                                          GError               **error);
gboolean          shirabe_project_set_narrative_kind    (ShirabeProject         *project,
                                                         gint64                  narrative_id,
                                                         const char             *kind,
                                                         GError                **error);
gboolean          shirabe_project_set_translation_of    (ShirabeProject         *project,
                                                         gint64                  narrative_id,
                                                         gint64                  original_id,
                                                         GError                **error);
/* Whether @tag has the form of a BCP 47 language tag ("ja", "pt-BR", "zh-Hant"); "" is not. */
gboolean          shirabe_language_tag_is_valid         (const char             *tag);
/* The language ("" for unknown), kind ("" for unknown) and original (0 for none) of a
 * narrative at once: one undo step, or nothing changed when one of them is refused. */
gboolean          shirabe_project_set_narrative_details (ShirabeProject         *project,
                                                         gint64                  narrative_id,
                                                         const char             *language,
                                                         const char             *kind,
                                                         gint64                  translation_of,
                                                         GError                **error);
gboolean          shirabe_project_move_narrative        (ShirabeProject         *project,
                                                         gint64                  narrative_id,
                                                         gint64                  case_id,
                                                         GError                **error);
ShirabeNarrative *shirabe_project_get_narrative         (ShirabeProject         *project,
                                                         gint64                  narrative_id,
                                                         GError                **error);
/* Returns: (transfer full): the stored text, exactly */
char             *shirabe_project_dup_narrative_text    (ShirabeProject         *project,
                                                         gint64                  narrative_id,
                                                         GError                **error);
/* Returns: (element-type ShirabeNarrative): the case's narratives, or all when @case_id is 0 */
GPtrArray        *shirabe_project_list_narratives       (ShirabeProject         *project,
                                                         gint64                  case_id,
                                                         GError                **error);
gint64            shirabe_project_find_narrative        (ShirabeProject         *project,
                                                         const char             *spec,
                                                         GError                **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ShirabeNarrative, shirabe_narrative_free)

G_END_DECLS
