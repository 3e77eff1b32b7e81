/* shirabe-passage-list.c: a passage query's answer as a lazy GListModel
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "shirabe-passages.h"
#include "shirabe-passages-private.h"

#include "shirabe-error.h"
#include "shirabe-i18n.h"
#include "shirabe-project-private.h"
#include "shirabe-sentence.h"

#define PAGE_SIZE 50

struct _ShirabePassage
{
  GObject  parent_instance;
  gint64   case_id;
  char    *case_name;
  gint64   narrative_id;
  char    *narrative_title;
  gint64   start;
  gint64   end;
  char    *text;
  char    *context_before;
  char    *context_after;
  GArray  *code_ids;
  char    *coders;
  char    *memo;
  GArray  *coding_ids;
};

G_DEFINE_FINAL_TYPE (ShirabePassage, shirabe_passage, G_TYPE_OBJECT)

static void
shirabe_passage_finalize (GObject *object)
{
  ShirabePassage *self = SHIRABE_PASSAGE (object);

  g_free (self->case_name);
  g_free (self->narrative_title);
  g_free (self->text);
  g_free (self->context_before);
  g_free (self->context_after);
  g_array_unref (self->code_ids);
  g_free (self->coders);
  g_free (self->memo);
  g_array_unref (self->coding_ids);

  G_OBJECT_CLASS (shirabe_passage_parent_class)->finalize (object);
}

static void
shirabe_passage_class_init (ShirabePassageClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = shirabe_passage_finalize;
}

static void
shirabe_passage_init (ShirabePassage *self)
{
  self->code_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->coding_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
}

gint64 shirabe_passage_get_case_id (ShirabePassage *self) { return self->case_id; }
const char *shirabe_passage_get_case_name (ShirabePassage *self) { return self->case_name; }
gint64 shirabe_passage_get_narrative_id (ShirabePassage *self) { return self->narrative_id; }
const char *shirabe_passage_get_narrative_title (ShirabePassage *self) { return self->narrative_title; }
gint64 shirabe_passage_get_start (ShirabePassage *self) { return self->start; }
gint64 shirabe_passage_get_end (ShirabePassage *self) { return self->end; }
const char *shirabe_passage_get_text (ShirabePassage *self) { return self->text; }
const char *shirabe_passage_get_context_before (ShirabePassage *self) { return self->context_before; }
const char *shirabe_passage_get_context_after (ShirabePassage *self) { return self->context_after; }
GArray *shirabe_passage_get_code_ids (ShirabePassage *self) { return self->code_ids; }
const char *shirabe_passage_get_coders (ShirabePassage *self) { return self->coders; }
const char *shirabe_passage_get_memo (ShirabePassage *self) { return self->memo; }
GArray *shirabe_passage_get_coding_ids (ShirabePassage *self) { return self->coding_ids; }

struct _ShirabePassageList
{
  GObject              parent_instance;
  ShirabeProject      *project;
  ShirabePassageQuery *query;
  GArray              *spans;
  GArray              *coding_ids;
  GPtrArray           *items;   /* ShirabePassage or NULL, one per span */
  guint                n_narratives;
  guint                n_cases;
  guint                n_loaded;
};

static void shirabe_passage_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (ShirabePassageList, shirabe_passage_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      shirabe_passage_list_model_init))

/* One narrative's text as code points, kept while a page reads passages of it. */
typedef struct
{
  gint64    narrative_id;
  gint64    case_id;
  char     *title;
  char     *case_name;
  gunichar *chars;
  glong     n_chars;
} NarrativeText;

static void
narrative_text_clear (NarrativeText *text)
{
  g_clear_pointer (&text->title, g_free);
  g_clear_pointer (&text->case_name, g_free);
  g_clear_pointer (&text->chars, g_free);
  text->narrative_id = -1;
}

static char *
ucs4_slice (const NarrativeText *text,
            gint64               start,
            gint64               end)
{
  start = CLAMP (start, 0, text->n_chars);
  end = CLAMP (end, start, text->n_chars);
  return g_ucs4_to_utf8 (text->chars + start, end - start, NULL, NULL, NULL);
}

static gboolean
read_narrative (ShirabePassageList *self,
                gint64              narrative_id,
                NarrativeText      *text,
                GError            **error)
{
  sqlite3_stmt *stmt;
  int rc;

  if (text->narrative_id == narrative_id)
    return TRUE;
  narrative_text_clear (text);

  stmt = shirabe_project_prepare (self->project,
                                  "SELECT n.title, n.text, n.case_id, k.name FROM narrative n"
                                  " JOIN cases k ON k.id = n.case_id WHERE n.id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, narrative_id);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      if (rc == SQLITE_DONE)
        {
          shirabe_set_not_found (error, SHIRABE_ENTITY_NARRATIVE, narrative_id);
          return FALSE;
        }
      return shirabe_project_set_sqlite_error (self->project, rc, error);
    }
  text->narrative_id = narrative_id;
  text->title = shirabe_column_dup_text (stmt, 0);
  text->chars = g_utf8_to_ucs4_fast ((const char *) sqlite3_column_text (stmt, 1), -1,
                                     &text->n_chars);
  text->case_id = sqlite3_column_int64 (stmt, 2);
  text->case_name = shirabe_column_dup_text (stmt, 3);
  sqlite3_reset (stmt);
  return TRUE;
}

static int
compare_code_position (gconstpointer a,
                       gconstpointer b)
{
  const gint64 *x = a, *y = b;

  /* [position, id] pairs */
  if (x[0] != y[0])
    return x[0] < y[0] ? -1 : 1;
  return x[1] < y[1] ? -1 : x[1] > y[1];
}

static ShirabePassage *
read_passage (ShirabePassageList *self,
              guint               position,
              NarrativeText      *text,
              GError            **error)
{
  ShirabePassageSpan *span = &g_array_index (self->spans, ShirabePassageSpan, position);
  g_autoptr (ShirabePassage) passage = NULL;
  g_autoptr (GString) coders = g_string_new (NULL);
  g_autoptr (GString) memo = g_string_new (NULL);
  g_autoptr (GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GArray) codes = g_array_new (FALSE, FALSE, sizeof (gint64) * 2);
  gint64 context_start, context_end;
  sqlite3_stmt *stmt;

  if (!read_narrative (self, span->narrative_id, text, error))
    return NULL;

  passage = g_object_new (SHIRABE_TYPE_PASSAGE, NULL);
  passage->case_id = text->case_id;
  passage->case_name = g_strdup (text->case_name);
  passage->narrative_id = span->narrative_id;
  passage->narrative_title = g_strdup (text->title);
  passage->start = span->start;
  passage->end = span->end;
  passage->text = ucs4_slice (text, span->start, span->end);
  shirabe_sentence_context_ucs4 (text->chars, text->n_chars, span->start, span->end,
                                 self->query != NULL ? shirabe_passage_query_get_context (self->query) : 0,
                                 &context_start, &context_end);
  passage->context_before = ucs4_slice (text, context_start, span->start);
  passage->context_after = ucs4_slice (text, span->end, context_end);

  stmt = shirabe_project_prepare (self->project,
                                  "SELECT c.code_id, code.position, coder.name, c.memo"
                                  " FROM coding c JOIN code ON code.id = c.code_id"
                                  " JOIN coder ON coder.id = c.coder_id WHERE c.id = ?1", error);
  if (stmt == NULL)
    return NULL;
  for (guint i = 0; i < span->n_codings; i++)
    {
      gint64 coding_id = g_array_index (self->coding_ids, gint64, span->first_coding + i);
      const char *name, *coding_memo;
      gint64 code[2];
      gboolean seen = FALSE;
      int rc;

      sqlite3_bind_int64 (stmt, 1, coding_id);
      rc = sqlite3_step (stmt);
      if (rc != SQLITE_ROW)
        {
          sqlite3_reset (stmt);
          if (rc == SQLITE_DONE)
            {
              shirabe_set_not_found (error, SHIRABE_ENTITY_CODING, coding_id);
              return NULL;
            }
          shirabe_project_set_sqlite_error (self->project, rc, error);
          return NULL;
        }
      g_array_append_val (passage->coding_ids, coding_id);
      code[0] = sqlite3_column_int64 (stmt, 1);
      code[1] = sqlite3_column_int64 (stmt, 0);
      for (guint j = 0; j < codes->len && !seen; j++)
        seen = ((gint64 *) codes->data)[2 * j + 1] == code[1];
      if (!seen)
        g_array_append_val (codes, code);
      name = (const char *) sqlite3_column_text (stmt, 2);
      if (name != NULL && !g_ptr_array_find_with_equal_func (names, name, g_str_equal, NULL))
        {
          g_ptr_array_add (names, g_strdup (name));
          g_string_append_printf (coders, "%s%s", coders->len > 0 ? ", " : "", name);
        }
      coding_memo = (const char *) sqlite3_column_text (stmt, 3);
      if (coding_memo != NULL && *coding_memo != '\0')
        g_string_append_printf (memo, "%s%s", memo->len > 0 ? "\n\n" : "", coding_memo);
      sqlite3_reset (stmt);
    }
  g_array_sort (codes, compare_code_position);
  for (guint j = 0; j < codes->len; j++)
    g_array_append_val (passage->code_ids, ((gint64 *) codes->data)[2 * j + 1]);
  passage->coders = g_string_free (g_steal_pointer (&coders), FALSE);
  passage->memo = g_string_free (g_steal_pointer (&memo), FALSE);

  return g_steal_pointer (&passage);
}

static GType
shirabe_passage_list_get_item_type (GListModel *model)
{
  return SHIRABE_TYPE_PASSAGE;
}

static guint
shirabe_passage_list_get_n_items_impl (GListModel *model)
{
  ShirabePassageList *self = SHIRABE_PASSAGE_LIST (model);

  return self->spans != NULL ? self->spans->len : 0;
}

static gpointer
shirabe_passage_list_get_item (GListModel *model,
                               guint       position)
{
  ShirabePassageList *self = SHIRABE_PASSAGE_LIST (model);
  NarrativeText text = { -1, -1, NULL, NULL, NULL, 0 };
  guint page_start, page_end;

  if (self->spans == NULL || position >= self->spans->len)
    return NULL;

  if (g_ptr_array_index (self->items, position) == NULL)
    {
      page_start = position - position % PAGE_SIZE;
      page_end = MIN (page_start + PAGE_SIZE, self->spans->len);
      for (guint i = page_start; i < page_end; i++)
        {
          g_autoptr (GError) error = NULL;
          ShirabePassage *passage;

          if (g_ptr_array_index (self->items, i) != NULL)
            continue;
          passage = read_passage (self, i, &text, &error);
          if (passage == NULL)
            {
              g_warning ("Cannot read a passage: %s", error->message);
              passage = g_object_new (SHIRABE_TYPE_PASSAGE, NULL);
              passage->text = g_strdup ("");
              passage->context_before = g_strdup ("");
              passage->context_after = g_strdup ("");
              passage->case_name = g_strdup ("");
              passage->narrative_title = g_strdup ("");
              passage->coders = g_strdup ("");
              passage->memo = g_strdup ("");
            }
          g_ptr_array_index (self->items, i) = passage;
          self->n_loaded++;
        }
      narrative_text_clear (&text);
    }

  return g_object_ref (g_ptr_array_index (self->items, position));
}

static void
shirabe_passage_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = shirabe_passage_list_get_item_type;
  iface->get_n_items = shirabe_passage_list_get_n_items_impl;
  iface->get_item = shirabe_passage_list_get_item;
}

static void
shirabe_passage_list_finalize (GObject *object)
{
  ShirabePassageList *self = SHIRABE_PASSAGE_LIST (object);

  g_clear_object (&self->project);
  g_clear_pointer (&self->query, shirabe_passage_query_unref);
  g_clear_pointer (&self->spans, g_array_unref);
  g_clear_pointer (&self->coding_ids, g_array_unref);
  g_clear_pointer (&self->items, g_ptr_array_unref);

  G_OBJECT_CLASS (shirabe_passage_list_parent_class)->finalize (object);
}

static void
shirabe_passage_list_class_init (ShirabePassageListClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = shirabe_passage_list_finalize;
}

static void
shirabe_passage_list_init (ShirabePassageList *self)
{
}

static void
unref_if_loaded (gpointer item)
{
  if (item != NULL)
    g_object_unref (item);
}

static gboolean
run (ShirabePassageList *self,
     GError            **error)
{
  GArray *spans = NULL, *coding_ids = NULL;
  guint n_narratives = 0, n_cases = 0;

  if (!shirabe_passage_query_run (self->query, self->project, &spans, &coding_ids,
                                  &n_narratives, &n_cases, error))
    return FALSE;

  g_clear_pointer (&self->spans, g_array_unref);
  g_clear_pointer (&self->coding_ids, g_array_unref);
  g_clear_pointer (&self->items, g_ptr_array_unref);
  self->spans = spans;
  self->coding_ids = coding_ids;
  self->items = g_ptr_array_new_full (spans->len, unref_if_loaded);
  g_ptr_array_set_size (self->items, spans->len);
  self->n_narratives = n_narratives;
  self->n_cases = n_cases;
  self->n_loaded = 0;
  return TRUE;
}

ShirabePassageList *
shirabe_passage_list_new (ShirabeProject      *project,
                          ShirabePassageQuery *query,
                          GError             **error)
{
  g_autoptr (ShirabePassageList) self = NULL;

  g_return_val_if_fail (SHIRABE_IS_PROJECT (project), NULL);
  g_return_val_if_fail (query != NULL, NULL);

  self = g_object_new (SHIRABE_TYPE_PASSAGE_LIST, NULL);
  self->project = g_object_ref (project);
  self->query = shirabe_passage_query_ref (query);
  if (!run (self, error))
    return NULL;

  return g_steal_pointer (&self);
}

gboolean
shirabe_passage_list_refresh (ShirabePassageList *self,
                              GError            **error)
{
  guint before;

  g_return_val_if_fail (SHIRABE_IS_PASSAGE_LIST (self), FALSE);

  before = self->spans->len;
  if (!run (self, error))
    return FALSE;
  g_list_model_items_changed (G_LIST_MODEL (self), 0, before, self->spans->len);
  return TRUE;
}

guint
shirabe_passage_list_get_n_narratives (ShirabePassageList *self)
{
  g_return_val_if_fail (SHIRABE_IS_PASSAGE_LIST (self), 0);
  return self->n_narratives;
}

guint
shirabe_passage_list_get_n_cases (ShirabePassageList *self)
{
  g_return_val_if_fail (SHIRABE_IS_PASSAGE_LIST (self), 0);
  return self->n_cases;
}

guint
shirabe_passage_list_get_n_loaded (ShirabePassageList *self)
{
  g_return_val_if_fail (SHIRABE_IS_PASSAGE_LIST (self), 0);
  return self->n_loaded;
}

ShirabeProject *
shirabe_passage_list_get_project (ShirabePassageList *self)
{
  g_return_val_if_fail (SHIRABE_IS_PASSAGE_LIST (self), NULL);
  return self->project;
}

void
shirabe_passage_list_forget_before (ShirabePassageList *self,
                                    guint               position)
{
  g_return_if_fail (SHIRABE_IS_PASSAGE_LIST (self));

  position = MIN (position, self->items->len);
  for (guint i = 0; i < position; i++)
    {
      gpointer item = g_ptr_array_index (self->items, i);

      if (item != NULL)
        {
          g_object_unref (item);
          g_ptr_array_index (self->items, i) = NULL;
        }
    }
}
