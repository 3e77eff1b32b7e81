/* shirabe-import-qdpx-sources.c: a REFI-QDA project's text sources, their selections and
 * notes, and codings moved with their text
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The first pass makes one narrative per text source (its text still empty) and writes its
 * codings at the positions the file gives; the second, once a source's text is read, makes it
 * Shirabe's text (no BOM, LF line ends), moves the codings with it and checks them against
 * its length (shirabe-import-qdpx.c has the whole story).
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include <archive.h>
#include <archive_entry.h>
#include <glib/gstdio.h>
#include <libxml/xmlreader.h>

#include "shirabe-attribute.h"
#include "shirabe-document-private.h"
#include "shirabe-error.h"
#include "shirabe-i18n.h"
#include "shirabe-project-private.h"
#include "shirabe-qdpx-private.h"
#include "shirabe-text.h"
#include "shirabe-import-qdpx-private.h"

/* Sources and codings */

static gint64
parse_position (const char *text)
{
  gint64 value;

  if (text == NULL || !g_ascii_string_to_signed (g_strstrip ((char *) text), 10, 0, G_MAXINT32,
                                                 &value, NULL))
    return -1;
  return value;
}

static gboolean
insert_coding (Importer    *self,
               Source      *source,
               const char  *raw_guid,
               const char  *code_guid,
               gint64       coder_id,
               gint64       start,
               gint64       end,
               const char  *memo,
               const char  *created,
               gint64      *coding_id,
               GError     **error)
{
  g_autofree char *guid = shirabe_qdpx_guid_normalize (raw_guid);
  g_autofree char *code = shirabe_qdpx_guid_normalize (code_guid);
  gpointer found = NULL;
  sqlite3_stmt *stmt;

  *coding_id = 0;
  if (code == NULL || !g_hash_table_lookup_extended (self->codes, code, NULL, &found))
    {
      self->report->n_skipped_codings++;
      shirabe_qdpx_report_problem (self->report,
                                   _("“%s”, characters %ld–%ld: a coding with a code that is "
                                     "not in the codebook was left out"),
                                   source->name, (long) start, (long) end);
      return TRUE;
    }
  if (guid == NULL)
    guid = g_uuid_string_random ();
  stmt = shirabe_project_prepare (self->project,
                                  "INSERT OR IGNORE INTO coding (uuid, narrative_id, code_id,"
                                  " coder_id, start, end, memo, created_at)"
                                  " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)", error);
  if (stmt == NULL)
    return FALSE;
  shirabe_bind_text (stmt, 1, guid);
  sqlite3_bind_int64 (stmt, 2, source->narrative_id);
  sqlite3_bind_int64 (stmt, 3, POINTER_TO_ID (found));
  sqlite3_bind_int64 (stmt, 4, coder_id);
  sqlite3_bind_int64 (stmt, 5, start);
  sqlite3_bind_int64 (stmt, 6, end);
  shirabe_bind_text (stmt, 7, memo != NULL ? memo : "");
  shirabe_bind_text (stmt, 8, shirabe_qdpx_is_date_time (created) ? created : self->now);
  if (!qdpx_importer_step (self, stmt, error))
    return FALSE;
  if (sqlite3_changes (shirabe_project_get_db (self->project)) == 0)
    {
      self->report->n_skipped_codings++;
      shirabe_qdpx_report_problem (self->report,
                                   _("“%s”: the GUID of a coding is given twice; the first "
                                     "is kept"), source->name);
      return TRUE;
    }
  *coding_id = qdpx_importer_last_id (self);
  self->report->n_codings++;
  return TRUE;
}

/* A Coding element: its code and note references. */
static gboolean
read_coding_element (Importer  *self,
                     char     **code,
                     GPtrArray *notes,
                     GError   **error)
{
  int depth = xmlTextReaderDepth (self->reader);
  int rc = 0;

  while ((rc = qdpx_importer_next_child (self, depth, error)) == 1)
    {
      if (is (self, "CodeRef") && *code == NULL)
        *code = get_attr (self, "targetGUID");
      else if (is (self, "NoteRef"))
        g_ptr_array_add (notes, get_attr (self, "targetGUID"));
    }
  return rc >= 0;
}

static gboolean
read_selection (Importer  *self,
                Source    *source,
                GError   **error)
{
  int depth = xmlTextReaderDepth (self->reader);
  g_autofree char *start_text = get_attr (self, "startPosition");
  g_autofree char *end_text = get_attr (self, "endPosition");
  g_autofree char *user = get_attr (self, "creatingUser");
  g_autofree char *created = get_attr (self, "creationDateTime");
  g_autofree char *memo = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  gint64 start = parse_position (start_text);
  gint64 end = parse_position (end_text);
  gboolean valid = start >= 0 && end > start;
  int rc = 0;

  while ((rc = qdpx_importer_next_child (self, depth, error)) == 1)
    {
      if (is (self, "Description") && memo == NULL)
        {
          g_autofree char *text = qdpx_importer_read_text (self, MAX_TEXT_ELEMENT, error);

          if (text == NULL)
            return FALSE;
          memo = qdpx_importer_clean_text (text);
        }
      else if (is (self, "Coding"))
        {
          g_autofree char *guid = get_attr (self, "guid");
          g_autofree char *coding_user = get_attr (self, "creatingUser");
          g_autofree char *coding_created = get_attr (self, "creationDateTime");
          g_autofree char *code = NULL;
          g_autoptr(GPtrArray) notes = g_ptr_array_new_with_free_func (g_free);
          gint64 coder_id;
          gint64 coding_id;

          if (!read_coding_element (self, &code, notes, error))
            return FALSE;
          if (!valid)
            {
              self->report->n_skipped_codings++;
              shirabe_qdpx_report_problem (self->report,
                                           _("“%s”: a coding from character %s to %s is not a "
                                             "passage and was left out"), source->name,
                                           start_text != NULL ? start_text : "?",
                                           end_text != NULL ? end_text : "?");
              continue;
            }
          coder_id = qdpx_importer_coder_for (self, coding_user, user, error);
          if (coder_id == 0)
            return FALSE;
          if (!insert_coding (self, source, guid, code, coder_id, start, end, memo,
                              shirabe_qdpx_is_date_time (coding_created) ? coding_created
                                                                          : created,
                              &coding_id, error))
            return FALSE;
          if (coding_id != 0)
            {
              g_array_append_val (ids, coding_id);
              for (guint i = 0; i < notes->len; i++)
                qdpx_importer_add_target (self, notes->pdata[i], TARGET_CODING, coding_id);
            }
        }
      else if (is (self, "NoteRef"))
        {
          g_autofree char *note = get_attr (self, "targetGUID");

          for (guint i = 0; i < ids->len; i++)
            qdpx_importer_add_target (self, note, TARGET_CODING, g_array_index (ids, gint64, i));
        }
    }
  return rc >= 0;
}

static gboolean
read_text_source (Importer  *self,
                  GError   **error)
{
  int depth = xmlTextReaderDepth (self->reader);
  g_autofree char *raw = get_attr (self, "guid");
  g_autofree char *name = get_attr (self, "name");
  g_autofree char *plain = get_attr (self, "plainTextPath");
  g_autofree char *rich = get_attr (self, "richTextPath");
  g_autofree char *created = get_attr (self, "creationDateTime");
  g_autofree char *inline_text = NULL;
  g_autoptr(JsonObject) extra = NULL;
  Source *source;
  gpointer case_id = NULL;
  sqlite3_stmt *stmt;
  int rc = 0;

  source = g_new0 (Source, 1);
  source->guid = shirabe_qdpx_guid_normalize (raw);
  if (source->guid != NULL && g_hash_table_contains (self->sources, source->guid))
    {
      static const char * const none[] = { NULL };

      shirabe_qdpx_report_problem (self->report,
                                   _("Source “%s”: its GUID is given twice; the first is kept"),
                                   name != NULL ? name : "");
      qdpx_importer_source_free (source);
      return qdpx_importer_count_inside (self, none, NULL, error);
    }
  if (source->guid == NULL)
    source->guid = g_uuid_string_random ();
  {
    g_autofree char *clean = qdpx_importer_clean_text (name);
    g_autofree char *from_path = qdpx_importer_path_key (plain != NULL ? plain : rich);

    if (!shirabe_str_is_blank (clean))
      source->name = g_strstrip (g_steal_pointer (&clean));
    else if (from_path != NULL)
      source->name = g_strdup (from_path);
    else
      source->name = g_strdup_printf (_("Source %u"), self->source_order->len + 1);
  }
  g_ptr_array_add (self->source_order, source);
  g_hash_table_insert (self->sources, source->guid, source);

  if (g_hash_table_lookup_extended (self->source_cases, source->guid, NULL, &case_id))
    source->case_id = POINTER_TO_ID (case_id);
  else
    {
      g_autofree char *uuid = g_uuid_string_random ();

      source->case_id = qdpx_importer_add_case (self, uuid, source->name, error);
      if (source->case_id == 0)
        return FALSE;
      source->own_case = TRUE;
    }
  stmt = shirabe_project_prepare (self->project,
                                  "INSERT INTO narrative (uuid, case_id, title, text, length,"
                                  " sha256, position, created_at) VALUES (?1, ?2, ?3, '', 0, ?4,"
                                  " (SELECT coalesce (max (position) + 1, 0) FROM narrative"
                                  "  WHERE case_id = ?2), ?5)", error);
  if (stmt == NULL)
    return FALSE;
  shirabe_bind_text (stmt, 1, source->guid);
  sqlite3_bind_int64 (stmt, 2, source->case_id);
  shirabe_bind_text (stmt, 3, source->name);
  shirabe_bind_text (stmt, 4, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  shirabe_bind_text (stmt, 5, shirabe_qdpx_is_date_time (created) ? created : self->now);
  if (!qdpx_importer_step (self, stmt, error))
    return FALSE;
  source->narrative_id = qdpx_importer_last_id (self);
  self->report->n_narratives++;

  while ((rc = qdpx_importer_next_child (self, depth, error)) == 1)
    {
      if (is (self, "Description") && extra == NULL)
        {
          g_autofree char *description = qdpx_importer_read_text (self, MAX_TEXT_ELEMENT, error);
          g_autofree char *human = NULL;

          if (description == NULL)
            return FALSE;
          human = shirabe_qdpx_split_description (description, &extra);
          if (!shirabe_str_is_blank (human))
            {
              g_autofree char *clean = qdpx_importer_clean_text (human);

              stmt = shirabe_project_prepare (self->project,
                                              "UPDATE narrative SET memo = ?2 WHERE id = ?1",
                                              error);
              if (stmt == NULL)
                return FALSE;
              sqlite3_bind_int64 (stmt, 1, source->narrative_id);
              shirabe_bind_text (stmt, 2, clean);
              if (!qdpx_importer_step (self, stmt, error))
                return FALSE;
            }
        }
      else if (is (self, "PlainTextContent") && inline_text == NULL)
        {
          inline_text = qdpx_importer_read_text (self, MAX_SOURCE_SIZE, error);
          if (inline_text == NULL)
            return FALSE;
        }
      else if (is (self, "PlainTextSelection"))
        {
          if (!read_selection (self, source, error))
            return FALSE;
        }
      else if (is (self, "Coding"))
        {
          g_autofree char *user = get_attr (self, "creatingUser");
          g_autofree char *coding_created = get_attr (self, "creationDateTime");
          g_autoptr(GPtrArray) notes = g_ptr_array_new_with_free_func (g_free);
          WholeCoding *whole = g_new0 (WholeCoding, 1);
          g_autofree char *code = NULL;
          g_autofree char *code_guid = NULL;
          gpointer found;

          whole->guid = get_attr (self, "guid");
          whole->created_at = g_steal_pointer (&coding_created);
          if (!read_coding_element (self, &code, notes, error))
            {
              qdpx_importer_whole_coding_free (whole);
              return FALSE;
            }
          code_guid = shirabe_qdpx_guid_normalize (code);
          whole->coder_id = qdpx_importer_coder_for (self, user, NULL, error);
          if (whole->coder_id == 0)
            {
              qdpx_importer_whole_coding_free (whole);
              return FALSE;
            }
          if (code_guid == NULL || !g_hash_table_lookup_extended (self->codes, code_guid, NULL,
                                                                  &found))
            {
              self->report->n_skipped_codings++;
              shirabe_qdpx_report_problem (self->report,
                                           _("“%s”: a coding of the whole source with a code "
                                             "that is not in the codebook was left out"),
                                           source->name);
              qdpx_importer_whole_coding_free (whole);
              continue;
            }
          whole->code_id = POINTER_TO_ID (found);
          if (source->whole == NULL)
            source->whole = g_ptr_array_new_with_free_func (
              (GDestroyNotify) qdpx_importer_whole_coding_free);
          g_ptr_array_add (source->whole, whole);
        }
      else if (is (self, "NoteRef"))
        {
          g_autofree char *note = get_attr (self, "targetGUID");

          qdpx_importer_add_target (self, note, TARGET_NARRATIVE, source->narrative_id);
        }
      else if (is (self, "VariableValue"))
        {
          if (!qdpx_importer_read_value (self, SHIRABE_SCOPE_NARRATIVE, source->narrative_id,
                                         source->name, error))
            return FALSE;
        }
    }
  if (rc < 0)
    return FALSE;

  if (extra != NULL)
    {
      const char *language = qdpx_importer_extra_string (extra, "language");
      const char *kind = qdpx_importer_extra_string (extra, "kind");
      gint64 status = json_object_has_member (extra, "status")
                      ? json_object_get_int_member (extra, "status") : 0;

      stmt = shirabe_project_prepare (self->project,
                                      "UPDATE narrative SET language = ?2, kind = ?3,"
                                      " status = ?4, origin_file = ?5, origin_encoding = ?6,"
                                      " origin_sha256 = ?7 WHERE id = ?1", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, source->narrative_id);
      shirabe_bind_text (stmt, 2, language != NULL ? language : "");
      shirabe_bind_text (stmt, 3, kind != NULL ? kind : "");
      sqlite3_bind_int64 (stmt, 4, status >= 0 && status <= 2 ? status : 0);
      shirabe_bind_text (stmt, 5, qdpx_importer_extra_string (extra, "origin_file"));
      shirabe_bind_text (stmt, 6, qdpx_importer_extra_string (extra, "origin_encoding"));
      shirabe_bind_text (stmt, 7, qdpx_importer_extra_string (extra, "origin_sha256"));
      if (!qdpx_importer_step (self, stmt, error))
        return FALSE;
      source->translation_of = g_strdup (qdpx_importer_extra_string (extra, "translation_of"));
    }

  if (inline_text != NULL)
    return qdpx_importer_finish_source (self, source, inline_text, strlen (inline_text), error);
  {
    /* The plain text carries the positions; a rich text only serves when there is none. */
    g_autofree char *key = qdpx_importer_path_key (plain != NULL ? plain : rich);

    if (key == NULL)
      {
        shirabe_qdpx_report_problem (self->report,
                                     _("Source “%s” has no text, in the file or beside it; it "
                                       "was left out"), source->name);
        return qdpx_importer_delete_narrative (self, source, error);
      }
    source->rich = plain == NULL;
    g_hash_table_replace (self->source_paths, g_steal_pointer (&key), source);
  }
  return TRUE;
}

gboolean
qdpx_importer_read_sources (Importer  *self,
                            GError   **error)
{
  static const char * const media_names[] = {
    "PictureSelection", "PDFSelection", "AudioSelection", "VideoSelection",
    "TranscriptSelection", "Coding", "Transcript", NULL
  };
  int depth = xmlTextReaderDepth (self->reader);
  guint *dropped = self->report->dropped;
  int rc = 0;

  while ((rc = qdpx_importer_next_child (self, depth, error)) == 1)
    {
      guint counts[G_N_ELEMENTS (media_names)] = { 0 };

      if (is (self, "TextSource"))
        {
          if (!read_text_source (self, error))
            return FALSE;
          continue;
        }
      if (is (self, "PictureSource"))
        dropped[SHIRABE_QDPX_DROPPED_PICTURE_SOURCES]++;
      else if (is (self, "PDFSource"))
        dropped[SHIRABE_QDPX_DROPPED_PDF_SOURCES]++;
      else if (is (self, "AudioSource"))
        dropped[SHIRABE_QDPX_DROPPED_AUDIO_SOURCES]++;
      else if (is (self, "VideoSource"))
        dropped[SHIRABE_QDPX_DROPPED_VIDEO_SOURCES]++;
      else
        continue;
      if (!qdpx_importer_count_inside (self, media_names, counts, error))
        return FALSE;
      for (guint i = 0; i < 5; i++)
        dropped[SHIRABE_QDPX_DROPPED_MEDIA_SELECTIONS] += counts[i];
      dropped[SHIRABE_QDPX_DROPPED_MEDIA_CODINGS] += counts[5];
      dropped[SHIRABE_QDPX_DROPPED_TRANSCRIPTS] += counts[6];
    }
  return rc >= 0;
}

/* Notes */

gboolean
qdpx_importer_apply_note (Importer    *self,
                          const char  *guid,
                          const char  *text,
                          GError     **error)
{
  GArray *targets = g_hash_table_lookup (self->note_targets, guid);
  g_autofree char *clean = NULL;

  if (targets == NULL)
    {
      self->report->dropped[SHIRABE_QDPX_DROPPED_FREE_NOTES]++;
      return TRUE;
    }
  clean = qdpx_importer_clean_text (text);
  for (guint i = 0; i < targets->len; i++)
    {
      NoteTarget *target = &g_array_index (targets, NoteTarget, i);
      sqlite3_stmt *stmt = NULL;

      switch (target->kind)
        {
        case TARGET_NARRATIVE:
          stmt = shirabe_project_prepare (self->project,
                                          "UPDATE narrative SET memo = CASE WHEN memo = ''"
                                          " THEN ?2 ELSE memo || char (10, 10) || ?2 END"
                                          " WHERE id = ?1", error);
          break;
        case TARGET_CODING:
          stmt = shirabe_project_prepare (self->project,
                                          "UPDATE coding SET memo = CASE WHEN memo = ''"
                                          " THEN ?2 ELSE memo || char (10, 10) || ?2 END"
                                          " WHERE id = ?1", error);
          break;
        case TARGET_CODE:
          /* Shirabe's codes have no memo: the note joins the description. */
          stmt = shirabe_project_prepare (self->project,
                                          "UPDATE code SET"
                                          " description_en = CASE WHEN label_en = '' THEN"
                                          "  description_en WHEN description_en = '' THEN ?2"
                                          "  ELSE description_en || char (10, 10) || ?2 END,"
                                          " description_ja = CASE WHEN label_en <> '' THEN"
                                          "  description_ja WHEN description_ja = '' THEN ?2"
                                          "  ELSE description_ja || char (10, 10) || ?2 END"
                                          " WHERE id = ?1", error);
          break;
        case TARGET_PROJECT:
        default:
          if (self->project_description->len > 0)
            g_string_append (self->project_description, "\n\n");
          g_string_append (self->project_description, clean);
          self->report->n_memos++;
          continue;
        }
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, target->id);
      shirabe_bind_text (stmt, 2, clean);
      if (!qdpx_importer_step (self, stmt, error))
        return FALSE;
      self->report->n_memos++;
    }
  return TRUE;
}

gboolean
qdpx_importer_read_notes (Importer  *self,
                          GError   **error)
{
  int depth = xmlTextReaderDepth (self->reader);
  int rc = 0;

  while ((rc = qdpx_importer_next_child (self, depth, error)) == 1)
    {
      g_autofree char *raw = NULL;
      g_autofree char *guid = NULL;
      g_autofree char *plain = NULL;
      g_autofree char *text = NULL;
      int at;
      int child_rc = 0;

      if (!is (self, "Note"))
        continue;
      raw = get_attr (self, "guid");
      guid = shirabe_qdpx_guid_normalize (raw);
      plain = get_attr (self, "plainTextPath");
      at = xmlTextReaderDepth (self->reader);
      while ((child_rc = qdpx_importer_next_child (self, at, error)) == 1)
        if (is (self, "PlainTextContent") && text == NULL)
          {
            text = qdpx_importer_read_text (self, MAX_TEXT_ELEMENT, error);
            if (text == NULL)
              return FALSE;
          }
      if (child_rc < 0)
        return FALSE;
      if (guid == NULL)
        {
          self->report->dropped[SHIRABE_QDPX_DROPPED_FREE_NOTES]++;
          continue;
        }
      if (text != NULL)
        {
          if (!qdpx_importer_apply_note (self, guid, text, error))
            return FALSE;
        }
      else if (plain != NULL)
        {
          char *key = qdpx_importer_path_key (plain);

          if (key != NULL)
            g_hash_table_replace (self->note_paths, key, g_steal_pointer (&guid));
        }
    }
  return rc >= 0;
}

/* Texts */

gboolean
qdpx_importer_delete_narrative (Importer  *self,
                                Source    *source,
                                GError   **error)
{
  sqlite3_stmt *stmt;
  gint64 n_codings;

  stmt = shirabe_project_prepare (self->project,
                                  "SELECT count(*) FROM coding WHERE narrative_id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, source->narrative_id);
  n_codings = shirabe_project_query_id (self->project, stmt, NULL);
  self->report->n_codings -= (guint) n_codings;
  self->report->n_skipped_codings += (guint) n_codings;
  stmt = shirabe_project_prepare (self->project, "DELETE FROM narrative WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, source->narrative_id);
  if (!qdpx_importer_step (self, stmt, error))
    return FALSE;
  self->report->n_narratives--;
  source->narrative_id = 0;
  if (source->own_case)
    {
      stmt = shirabe_project_prepare (self->project, "DELETE FROM cases WHERE id = ?1", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, source->case_id);
      if (!qdpx_importer_step (self, stmt, error))
        return FALSE;
      self->report->n_cases--;
    }
  return TRUE;
}

/* Maps a position in the file's text to Shirabe's, given where CRs of CRLF were taken out
 * (their positions in the file's text, ascending). */
static gint64
map_position (GArray *removed,
              gint64  position)
{
  guint low = 0;
  guint high = removed->len;

  /* The number of removed CRs before @position. */
  while (low < high)
    {
      guint middle = (low + high) / 2;

      if (g_array_index (removed, gint64, middle) < position)
        low = middle + 1;
      else
        high = middle;
    }
  return position - low;
}

typedef struct
{
  gint64 id;
  gint64 start;
  gint64 end;
} CodingPlace;

static gboolean
remap_codings (Importer  *self,
               Source    *source,
               GArray    *removed,
               GError   **error)
{
  g_autoptr(GArray) places = g_array_new (FALSE, FALSE, sizeof (CodingPlace));
  sqlite3_stmt *stmt;
  int rc;

  stmt = shirabe_project_prepare (self->project,
                                  "SELECT id, start, end FROM coding WHERE narrative_id = ?1",
                                  error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, source->narrative_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CodingPlace place = { sqlite3_column_int64 (stmt, 0), sqlite3_column_int64 (stmt, 1),
                            sqlite3_column_int64 (stmt, 2) };

      g_array_append_val (places, place);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return shirabe_project_set_sqlite_error (self->project, rc, error);
  for (guint i = 0; i < places->len; i++)
    {
      CodingPlace *place = &g_array_index (places, CodingPlace, i);
      gint64 start = map_position (removed, place->start);
      gint64 end = map_position (removed, place->end);

      if (end <= start)
        {
          /* A passage of a line end alone. */
          stmt = shirabe_project_prepare (self->project, "DELETE FROM coding WHERE id = ?1",
                                          error);
          if (stmt == NULL)
            return FALSE;
          sqlite3_bind_int64 (stmt, 1, place->id);
          if (!qdpx_importer_step (self, stmt, error))
            return FALSE;
          self->report->n_codings--;
          self->report->n_skipped_codings++;
          continue;
        }
      stmt = shirabe_project_prepare (self->project,
                                      "UPDATE coding SET start = ?2, end = ?3 WHERE id = ?1",
                                      error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, place->id);
      sqlite3_bind_int64 (stmt, 2, start);
      sqlite3_bind_int64 (stmt, 3, end);
      if (!qdpx_importer_step (self, stmt, error))
        return FALSE;
    }
  return TRUE;
}

/* Makes @data the narrative's text: no BOM, LF line ends (the codings moved with them), and
 * its codings checked against its length. */
gboolean
qdpx_importer_finish_source (Importer    *self,
                             Source      *source,
                             const char  *data,
                             gsize        size,
                             GError     **error)
{
  g_autoptr(GString) text = NULL;
  g_autoptr(GArray) removed = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autofree char *sha256 = NULL;
  const char *end = data + size;
  gint64 n_chars = 0;
  gint64 position = 0;
  sqlite3_stmt *stmt;
  int deleted;

  if (source->has_text || source->narrative_id == 0)
    return TRUE;
  if (size >= 3 && memcmp (data, "\xef\xbb\xbf", 3) == 0)
    {
      data += 3;
      size -= 3;
    }
  if (!g_utf8_validate_len (data, size, NULL) || memchr (data, '\0', size) != NULL)
    {
      shirabe_qdpx_report_problem (self->report,
                                   _("Source “%s”: its text is not UTF-8 text; it was left out "
                                     "with its codings"), source->name);
      return qdpx_importer_delete_narrative (self, source, error);
    }
  text = g_string_sized_new (size + 1);
  for (const char *p = data; p < end; p = g_utf8_next_char (p), position++)
    {
      if (*p == '\r')
        {
          if (p + 1 < end && p[1] == '\n')
            {
              g_array_append_val (removed, position);
              continue;
            }
          g_string_append_c (text, '\n');
        }
      else
        g_string_append_len (text, p, g_utf8_next_char (p) - p);
      n_chars++;
    }
  sha256 = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) text->str,
                                        text->len);
  stmt = shirabe_project_prepare (self->project,
                                  "UPDATE narrative SET text = ?2, length = ?3, sha256 = ?4"
                                  " WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, source->narrative_id);
  sqlite3_bind_text64 (stmt, 2, text->str, text->len, SQLITE_STATIC, SQLITE_UTF8);
  sqlite3_bind_int64 (stmt, 3, n_chars);
  shirabe_bind_text (stmt, 4, sha256);
  if (!qdpx_importer_step (self, stmt, error))
    {
      sqlite3_clear_bindings (stmt);
      return FALSE;
    }
  sqlite3_clear_bindings (stmt);
  source->has_text = TRUE;

  if (removed->len > 0)
    {
      self->report->n_remapped++;
      if (!remap_codings (self, source, removed, error))
        return FALSE;
    }
  stmt = shirabe_project_prepare (self->project,
                                  "DELETE FROM coding WHERE narrative_id = ?1 AND end > ?2",
                                  error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, source->narrative_id);
  sqlite3_bind_int64 (stmt, 2, n_chars);
  if (!qdpx_importer_step (self, stmt, error))
    return FALSE;
  deleted = sqlite3_changes (shirabe_project_get_db (self->project));
  if (deleted > 0)
    {
      self->report->n_codings -= (guint) deleted;
      self->report->n_skipped_codings += (guint) deleted;
      shirabe_qdpx_report_problem (self->report,
                                   ngettext ("Source “%s”: %d coding lies outside its text (%ld "
                                             "characters) and was left out",
                                             "Source “%s”: %d codings lie outside its text (%ld "
                                             "characters) and were left out",
                                             deleted),
                                   source->name, deleted, (long) n_chars);
    }
  for (guint i = 0; source->whole != NULL && i < source->whole->len && n_chars > 0; i++)
    {
      WholeCoding *whole = source->whole->pdata[i];
      g_autofree char *code_guid = NULL;
      gint64 coding_id;
      GHashTableIter iter;
      gpointer key;
      gpointer value;

      /* insert_coding() wants the code's GUID back. */
      g_hash_table_iter_init (&iter, self->codes);
      while (g_hash_table_iter_next (&iter, &key, &value))
        if (POINTER_TO_ID (value) == whole->code_id)
          {
            code_guid = g_strdup (key);
            break;
          }
      if (!insert_coding (self, source, whole->guid, code_guid, whole->coder_id, 0, n_chars,
                          NULL, whole->created_at, &coding_id, error))
        return FALSE;
    }
  return TRUE;
}
