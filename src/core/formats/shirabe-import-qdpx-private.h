/* shirabe-import-qdpx-private.h: what the three parts of the REFI-QDA import share
 *
 * shirabe-import-qdpx.c reads project.qde's project, users, codebook, variables and cases, and
 * holds the XML cursor the others use; shirabe-import-qdpx-sources.c its sources, selections
 * and notes, and moves codings with their text; shirabe-import-qdpx-archive.c the zip's two
 * passes within their limits. One Importer goes through all three.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <archive.h>
#include <json-glib/json-glib.h>
#include <libxml/xmlreader.h>
#include <sqlite3.h>

#include "shirabe-attribute.h"
#include "shirabe-document-private.h"
#include "shirabe-project.h"
#include "shirabe-qdpx.h"

G_BEGIN_DECLS

/* Hostile files are kept within these; a real project of the design's size (100 MB of text,
 * 500,000 codings: about 400 MB unpacked) is well inside. */
#define MAX_UNCOMPRESSED   (G_GUINT64_CONSTANT (4) * 1000 * 1000 * 1000)
#define MAX_RATIO          200
#define MAX_ENTRIES        200000
#define MAX_SOURCE_SIZE    (256 * 1000 * 1000)
#define MAX_TEXT_ELEMENT   (16 * 1000 * 1000)
#define MAX_CODE_DEPTH     32

typedef enum
{
  TARGET_NARRATIVE,
  TARGET_CODING,
  TARGET_CODE,
  TARGET_PROJECT,
} TargetKind;

typedef struct
{
  TargetKind kind;
  gint64     id;
} NoteTarget;

typedef struct
{
  char    *guid;
  gint64   code_id;
  gint64   coder_id;
  char    *created_at;
} WholeCoding;

typedef struct
{
  char      *guid;
  char      *name;
  gint64     narrative_id;
  gint64     case_id;
  gboolean   own_case;    /* a case made for this source alone */
  gboolean   rich;        /* its text is a document to convert, not plain text */
  gboolean   has_text;
  char      *translation_of;
  GPtrArray *whole;       /* WholeCoding: codings of the whole source */
} Source;

typedef struct
{
  char       *guid;
  char       *name;
  char       *type;       /* typeOfVariable */
  char       *description;
  JsonObject *extra;
  gint64      attribute_id[2];  /* per ShirabeAttributeScope */
  char      **choices;
} Variable;

typedef struct
{
  ShirabeProject      *project;
  ShirabeQdpxReport   *report;
  const char          *path;
  const char          *display;
  gboolean             codebook_only;
  GCancellable        *cancellable;
  ShirabeQdpxProgress  progress;
  gpointer             progress_data;
  struct archive      *archive;     /* while reading the zip */
  guint64              file_size;
  guint64              pass_base;   /* 0 in the first pass, file_size in the second */
  guint64              total_read;
  gboolean             over_limit;
  gboolean             read_failed;
  gboolean             saw_doctype;  /* in the first bytes of the XML */
  guint64              xml_read;
  xmlTextReaderPtr     reader;
  guint                steps;
  char                *now;
  char                *project_name;
  GString             *project_description;
  GHashTable          *coders;        /* GUID → id */
  GHashTable          *coder_names;   /* names taken */
  GHashTable          *codes;         /* GUID → id */
  GHashTable          *variables;     /* GUID → Variable */
  GPtrArray           *variable_order;
  GHashTable          *cases;         /* GUID → id */
  GHashTable          *source_cases;  /* source GUID → case id, from the cases' SourceRefs */
  GHashTable          *sources;       /* GUID → Source */
  GPtrArray           *source_order;
  GHashTable          *source_paths;  /* entry base name, lower case → Source */
  GHashTable          *note_targets;  /* note GUID → GArray of NoteTarget */
  GHashTable          *note_paths;    /* entry base name, lower case → note GUID */
  gint64               default_coder;
  gboolean             found_project;
} Importer;

#define ID_TO_POINTER(id) GSIZE_TO_POINTER ((gsize) (id))
#define POINTER_TO_ID(p)  ((gint64) GPOINTER_TO_SIZE (p))

/* Whether the reader is on an element named @local, whatever its namespace. */
static inline gboolean
is (Importer   *self,
    const char *local)
{
  return shirabe_xml_is (xmlTextReaderConstLocalName (self->reader), local);
}

/* The current element's attribute @local, or NULL. */
static inline char *
get_attr (Importer   *self,
          const char *local)
{
  return shirabe_xml_dup_attribute (self->reader, local);
}

/* shirabe-import-qdpx.c: the XML cursor and the rows every part writes */
void qdpx_importer_source_free (Source *source);
void qdpx_importer_whole_coding_free (WholeCoding *coding);
gboolean qdpx_importer_check_step (Importer  *self,
                                   GError   **error);
void qdpx_importer_look_for_doctype (Importer   *self,
                                     const char *buffer,
                                     gssize      n);
int qdpx_importer_next_child (Importer  *self,
                              int        depth,
                              GError   **error);
char *qdpx_importer_read_text (Importer  *self,
                               gsize      max,
                               GError   **error);
gboolean qdpx_importer_count_inside (Importer            *self,
                                     const char * const  *names,
                                     guint               *counts,
                                     GError             **error);
const char *qdpx_importer_extra_string (JsonObject *extra,
                                        const char *key);
char *qdpx_importer_clean_text (const char *text);
char *qdpx_importer_path_key (const char *path);
void qdpx_importer_add_target (Importer   *self,
                               const char *note,
                               TargetKind  kind,
                               gint64      id);
gboolean qdpx_importer_step (Importer      *self,
                             sqlite3_stmt  *stmt,
                             GError       **error);
gint64 qdpx_importer_last_id (Importer *self);
gint64 qdpx_importer_coder_for (Importer    *self,
                                const char  *user,
                                const char  *fallback,
                                GError     **error);
gboolean qdpx_importer_read_value (Importer               *self,
                                   ShirabeAttributeScope   scope,
                                   gint64                  owner_id,
                                   const char             *owner_name,
                                   GError                **error);
gint64 qdpx_importer_add_case (Importer    *self,
                               const char  *uuid,
                               const char  *name,
                               GError     **error);
gboolean qdpx_importer_read_project (Importer  *self,
                                     GError   **error);

/* shirabe-import-qdpx-sources.c */
gboolean qdpx_importer_read_sources (Importer  *self,
                                     GError   **error);
gboolean qdpx_importer_apply_note (Importer    *self,
                                   const char  *guid,
                                   const char  *text,
                                   GError     **error);
gboolean qdpx_importer_read_notes (Importer  *self,
                                   GError   **error);
gboolean qdpx_importer_delete_narrative (Importer  *self,
                                         Source    *source,
                                         GError   **error);
gboolean qdpx_importer_finish_source (Importer    *self,
                                      Source      *source,
                                      const char  *data,
                                      gsize        size,
                                      GError     **error);

/* shirabe-import-qdpx-archive.c */
gboolean qdpx_importer_first_pass (Importer  *self,
                                   GError   **error);
gboolean qdpx_importer_second_pass (Importer  *self,
                                    GError   **error);
gboolean qdpx_importer_read_bare (Importer  *self,
                                  GError   **error);
gboolean qdpx_importer_sniff (const char  *path,
                              const char  *display,
                              gboolean    *zip,
                              guint64     *size,
                              GError     **error);

G_END_DECLS
