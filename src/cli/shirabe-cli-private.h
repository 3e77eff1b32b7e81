/* shirabe-cli-private.h: what the commands of shirabe-cli share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "shirabe.h"
#include "shirabe-i18n.h"

G_BEGIN_DECLS

/* The exit statuses every command keeps to. */
#define SHIRABE_CLI_EXIT_OK    0
#define SHIRABE_CLI_EXIT_USAGE 1  /* unknown command or option, missing or malformed argument */
#define SHIRABE_CLI_EXIT_DATA  2  /* any error from the core: a refused file, a bad project... */

/* A command receives argv starting at its own name ("import"), and returns the exit status. */
typedef int (*ShirabeCliCommandFunc) (int    argc,
                                      char **argv);

int shirabe_cli_new        (int argc, char **argv);
int shirabe_cli_import     (int argc, char **argv);
int shirabe_cli_cases      (int argc, char **argv);
int shirabe_cli_narratives (int argc, char **argv);
int shirabe_cli_codes      (int argc, char **argv);
int shirabe_cli_codings    (int argc, char **argv);
int shirabe_cli_passages   (int argc, char **argv);
int shirabe_cli_coders     (int argc, char **argv);
int shirabe_cli_text       (int argc, char **argv);
int shirabe_cli_add_code   (int argc, char **argv);
int shirabe_cli_code       (int argc, char **argv);
int shirabe_cli_uncode     (int argc, char **argv);
int shirabe_cli_set_attr   (int argc, char **argv);
int shirabe_cli_rename_case (int argc, char **argv);
int shirabe_cli_delete_case (int argc, char **argv);
int shirabe_cli_new_case (int argc, char **argv);
int shirabe_cli_move_case (int argc, char **argv);
int shirabe_cli_merge_cases (int argc, char **argv);
int shirabe_cli_rename_narrative (int argc, char **argv);
int shirabe_cli_move_narrative (int argc, char **argv);
int shirabe_cli_set_narrative (int argc, char **argv);
int shirabe_cli_delete_narrative (int argc, char **argv);
int shirabe_cli_link_translation (int argc, char **argv);
int shirabe_cli_align      (int argc, char **argv);
int shirabe_cli_copy_coding_to_translation (int argc, char **argv);
int shirabe_cli_attrs      (int argc, char **argv);
int shirabe_cli_check      (int argc, char **argv);
int shirabe_cli_backups    (int argc, char **argv);
int shirabe_cli_restore    (int argc, char **argv);
int shirabe_cli_generate   (int argc, char **argv);
int shirabe_cli_search     (int argc, char **argv);
int shirabe_cli_autocode   (int argc, char **argv);
int shirabe_cli_agreement  (int argc, char **argv);
int shirabe_cli_chart      (int argc, char **argv);
int shirabe_cli_copy_for_coder (int argc, char **argv);
int shirabe_cli_merge      (int argc, char **argv);
int shirabe_cli_pseudonyms (int argc, char **argv);
int shirabe_cli_pseudonymise (int argc, char **argv);
int shirabe_cli_import_attributes (int argc, char **argv);
int shirabe_cli_export     (int argc, char **argv);  /* in shirabe-cli-export.c, when it lands */
int shirabe_cli_export_qdpx (int argc, char **argv);
int shirabe_cli_export_qdc (int argc, char **argv);
int shirabe_cli_import_qdpx (int argc, char **argv);
int shirabe_cli_import_qdc (int argc, char **argv);

/* Options and arguments */
GOptionContext *shirabe_cli_context_new    (const char          *parameters,
                                            const char          *summary,
                                            const GOptionEntry  *entries);
gboolean        shirabe_cli_parse          (GOptionContext      *context,
                                            int                 *argc,
                                            char              ***argv,
                                            int                  min_args,
                                            int                  max_args,
                                            int                 *status);
gboolean        shirabe_cli_parse_count    (const char          *option,
                                            const char          *text,
                                            guint64              max,
                                            guint64             *value,
                                            int                 *status);

/* Messages on stderr, "shirabe-cli: MESSAGE" */
void            shirabe_cli_message        (const char          *format,
                                            ...) G_GNUC_PRINTF (1, 2);
int             shirabe_cli_usage_error    (const char          *format,
                                            ...) G_GNUC_PRINTF (1, 2);
int             shirabe_cli_error          (const GError        *error);
gboolean        shirabe_cli_stderr_is_terminal (void);

/* Projects: opened without history (the command line has no undo), always closed */
ShirabeProject *shirabe_cli_open           (const char          *path,
                                            gboolean             read_only,
                                            int                 *status);
int             shirabe_cli_close          (ShirabeProject      *project,
                                            int                  status);
ShirabeLanguage shirabe_cli_display_language (void);

/* Output */
char           *shirabe_cli_sanitize       (const char          *text,
                                            gssize               max_chars);
void            shirabe_cli_json_string    (JsonBuilder         *builder,
                                            const char          *key,
                                            const char          *value);
void            shirabe_cli_json_int       (JsonBuilder         *builder,
                                            const char          *key,
                                            gint64               value);
void            shirabe_cli_json_id_or_null (JsonBuilder        *builder,
                                             const char         *key,
                                             gint64              value);
void            shirabe_cli_json_bool      (JsonBuilder         *builder,
                                            const char          *key,
                                            gboolean             value);
gboolean        shirabe_cli_print_json     (JsonBuilder         *builder);

/* A listing streamed to stdout in constant memory: a pretty JSON array written element by
 * element (as shirabe_cli_print_json() would print the whole), or with @lines one compact
 * object per line (--jsonl). add() writes the object @builder holds and resets @builder;
 * finish() closes the array, flushes and frees; both return FALSE once a write failed (the
 * message printed). */
typedef struct _ShirabeCliJsonList ShirabeCliJsonList;
ShirabeCliJsonList *shirabe_cli_json_list_new    (gboolean             lines);
gboolean            shirabe_cli_json_list_add    (ShirabeCliJsonList  *list,
                                                  JsonBuilder         *builder);
gboolean            shirabe_cli_json_list_finish (ShirabeCliJsonList  *list);

/* A table aligned for the terminal: one character of @align per column, 'l' or 'r'. */
typedef struct _ShirabeCliTable ShirabeCliTable;

/* Both take exactly one string per column (NULL shows as empty). */
ShirabeCliTable *shirabe_cli_table_new     (const char          *align,
                                            ...);
void             shirabe_cli_table_add     (ShirabeCliTable     *table,
                                            ...);
/* The same with the cells in arrays of strlen (@align) strings, for tables whose columns
 * are known only when they are printed. */
ShirabeCliTable *shirabe_cli_table_new_v   (const char          *align,
                                            const char * const  *headers);
void             shirabe_cli_table_add_v   (ShirabeCliTable     *table,
                                            const char * const  *cells);
void             shirabe_cli_table_print   (ShirabeCliTable     *table);
void             shirabe_cli_table_free    (ShirabeCliTable     *table);
char            *shirabe_cli_format_int    (gint64               value);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ShirabeCliTable, shirabe_cli_table_free)

G_END_DECLS
