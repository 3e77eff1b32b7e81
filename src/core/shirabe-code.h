/* shirabe-code.h: the coding scheme, a tree of codes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "shirabe-project.h"

G_BEGIN_DECLS

typedef enum
{
  SHIRABE_LANGUAGE_EN,
  SHIRABE_LANGUAGE_JA,
} ShirabeLanguage;

/* The language the program's messages are shown in, so that a code or attribute named in a
 * message ("Apply code “借金による拘束”") is named in that language too. */
ShirabeLanguage shirabe_message_language (void);

typedef struct
{
  gint64    id;
  char     *uuid;
  gint64    parent_id;     /* 0 at the top */
  char     *label_en;
  char     *label_ja;
  char     *description_en;
  char     *description_ja;
  char     *color;         /* #RRGGBB */
  char     *var_name;
  gboolean  codable;
  int       position;      /* among its siblings, from 0 */
  int       depth;         /* 0 at the top (filled by list) */
  char     *created_at;
  guint     n_codings;
} ShirabeCode;

/* What a new code is made of; NULL fields take defaults (a colour, a var name from the label). */
typedef struct
{
  gint64      parent_id;
  const char *label_en;
  const char *label_ja;
  const char *description_en;
  const char *description_ja;
  const char *color;
  const char *var_name;
  gboolean    not_codable;
  const char *uuid;        /* kept when merging from a template or REFI-QDA */
} ShirabeCodeSpec;

#define SHIRABE_TYPE_CODE (shirabe_code_get_type ())

GType        shirabe_code_get_type            (void) G_GNUC_CONST;
ShirabeCode *shirabe_code_copy                (const ShirabeCode *self);
void         shirabe_code_free                (ShirabeCode       *self);
/* The label in @language, falling back to the other one. */
const char  *shirabe_code_get_label           (const ShirabeCode *self,
                                               ShirabeLanguage    language);

/* Checks and normalises "#rgb"/"#rrggbb" to "#RRGGBB"; NULL when invalid. */
char        *shirabe_color_normalize          (const char        *color);
/* A statistics-safe ASCII name from a label ("Debt bondage" → "debt_bondage"). */
char        *shirabe_var_name_from_label      (const char        *label);
gboolean     shirabe_var_name_is_valid        (const char        *var_name);

/* Checks @var_name as saving it for @code_id (0: a new code) would: its form, then that no
 * other code has it. The error is the one saving would give. */
gboolean     shirabe_project_check_code_var_name (ShirabeProject *project,
                                                  gint64          code_id,
                                                  const char     *var_name,
                                                  GError        **error);
gint64       shirabe_project_add_code         (ShirabeProject    *project,
                                               const ShirabeCodeSpec *spec,
                                               GError           **error);
gboolean     shirabe_project_set_code_label   (ShirabeProject    *project,
                                               gint64             code_id,
                                               ShirabeLanguage    language,
                                               const char        *label,
                                               GError           **error);
gboolean     shirabe_project_set_code_description (ShirabeProject *project,
                                                   gint64          code_id,
                                                   ShirabeLanguage language,
                                                   const char     *description,
                                                   GError        **error);
gboolean     shirabe_project_set_code_color   (ShirabeProject    *project,
                                               gint64             code_id,
                                               const char        *color,
                                               GError           **error);
gboolean     shirabe_project_set_code_var_name (ShirabeProject   *project,
                                                gint64            code_id,
                                                const char       *var_name,
                                                GError          **error);
gboolean     shirabe_project_set_code_codable (ShirabeProject    *project,
                                               gint64             code_id,
                                               gboolean           codable,
                                               GError           **error);
#define SHIRABE_N_QUICK_KEYS 9

/* The codes the number keys 1 to 9 apply: @codes[0] for 1, 0 for a key with none. Until the
 * researcher assigns one, they are the first nine codable codes in tree order; assigned, they
 * are kept in the project (a code deleted or made a category loses its key). */
gboolean     shirabe_project_get_quick_keys   (ShirabeProject    *project,
                                               gint64             codes[SHIRABE_N_QUICK_KEYS],
                                               GError           **error);
/* Gives number key @key (1 to 9) to @code_id, or with @code_id 0 to no code; the code loses the
 * key it had. The other keys stay as they are. One undo step. */
gboolean     shirabe_project_set_quick_key    (ShirabeProject    *project,
                                               guint              key,
                                               gint64             code_id,
                                               GError           **error);
/* Moves a code under @parent_id (0: the top) at @position among its new siblings (-1: last).
 * Refuses to move a code under itself or its descendants. */
gboolean     shirabe_project_move_code        (ShirabeProject    *project,
                                               gint64             code_id,
                                               gint64             parent_id,
                                               int                position,
                                               GError           **error);
/* Deletes the code, its descendants and all their codings, as one undo step. */
gboolean     shirabe_project_delete_code      (ShirabeProject    *project,
                                               gint64             code_id,
                                               GError           **error);
/* How many codings delete_code would remove (the code and its descendants). */
guint        shirabe_project_count_code_codings (ShirabeProject  *project,
                                                 gint64           code_id,
                                                 GError         **error);
ShirabeCode *shirabe_project_get_code         (ShirabeProject    *project,
                                               gint64             code_id,
                                               GError           **error);
/* Returns: (element-type ShirabeCode): the tree in depth-first order, with depth and counts */
GPtrArray   *shirabe_project_list_codes       (ShirabeProject    *project,
                                               GError           **error);
/* The tree as shirabe_project_list_codes() gives it, with every n_codings 0: for a window
 * that shows the counts once it has painted (see shirabe_project_count_codings_per_code()). */
GPtrArray   *shirabe_project_list_codes_uncounted (ShirabeProject *project,
                                                   GError        **error);
/* Each code's number of codings: @counts maps gint64 code ids to guint counts (codes without
 * codings absent). */
gboolean     shirabe_project_count_codings_per_code (ShirabeProject  *project,
                                                     GHashTable     **counts,
                                                     GError         **error);
/* The path "Parent/Child" in @language. */
char        *shirabe_project_dup_code_path    (ShirabeProject    *project,
                                               gint64             code_id,
                                               ShirabeLanguage    language);
/* Accepts an id, a UUID, a var name, a label in either language or a path "Parent/Child". */
gint64       shirabe_project_find_code        (ShirabeProject    *project,
                                               const char        *spec,
                                               GError           **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ShirabeCode, shirabe_code_free)

G_END_DECLS
