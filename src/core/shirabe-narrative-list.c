/* shirabe-narrative-list.c: the project's narratives as a lazy, filtered list model
 *
 * A study of 10,000 narratives must open at once: the list reads only the ids of what it shows
 * (one query over the case index), and reads the rows themselves in pages when a view asks
 * for them. After an edit it reads the ids again and reports only the span that differs, so
 * that a new count or status changes no position and a new narrative inserts one row.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "shirabe-i18n.h"

#include <string.h>

#include "shirabe-narrative-list.h"
#include "shirabe-narrative-order-private.h"
#include "shirabe-narrative-private.h"
#include "shirabe-filter-private.h"
#include "shirabe-project-private.h"

/* Rows read per query when a view asks for one that is not loaded: about what a window shows.
 * A row's values are read past its text (SQLite follows the text's overflow pages to reach the
 * columns after it), some 85 µs a narrative of 10,000 characters: 200 at a time cost the first
 * frame 17 ms for the 23 rows it shows. */
#define PAGE_SIZE 32

/* Row */

struct _ShirabeNarrativeRow
{
  GObject           parent_instance;

  gint64            case_id;
  char             *case_name;
  guint             n_narratives;
  ShirabeNarrative *narrative;   /* NULL for a case row */
};

G_DEFINE_FINAL_TYPE (ShirabeNarrativeRow, shirabe_narrative_row, G_TYPE_OBJECT)

enum {
  ROW_PROP_0,
  ROW_PROP_IS_CASE,
  ROW_PROP_ID,
  ROW_PROP_CASE_ID,
  ROW_PROP_CASE_NAME,
  ROW_PROP_TITLE,
  ROW_PROP_LANGUAGE,
  ROW_PROP_STATUS,
  ROW_PROP_N_CODINGS,
  ROW_PROP_N_NARRATIVES,
  ROW_PROP_IS_TRANSLATION,
  ROW_N_PROPS
};

static GParamSpec *row_properties[ROW_N_PROPS];

static void
shirabe_narrative_row_finalize (GObject *object)
{
  ShirabeNarrativeRow *self = SHIRABE_NARRATIVE_ROW (object);

  g_clear_pointer (&self->case_name, g_free);
  g_clear_pointer (&self->narrative, shirabe_narrative_free);

  G_OBJECT_CLASS (shirabe_narrative_row_parent_class)->finalize (object);
}

static void
shirabe_narrative_row_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  ShirabeNarrativeRow *self = SHIRABE_NARRATIVE_ROW (object);
  ShirabeNarrative *narrative = self->narrative;

  switch (prop_id)
    {
    case ROW_PROP_IS_CASE:
      g_value_set_boolean (value, narrative == NULL);
      break;
    case ROW_PROP_ID:
      g_value_set_int64 (value, narrative != NULL ? narrative->id : 0);
      break;
    case ROW_PROP_CASE_ID:
      g_value_set_int64 (value, self->case_id);
      break;
    case ROW_PROP_CASE_NAME:
      g_value_set_string (value, self->case_name);
      break;
    case ROW_PROP_TITLE:
      g_value_set_string (value, narrative != NULL ? narrative->title : self->case_name);
      break;
    case ROW_PROP_LANGUAGE:
      g_value_set_string (value, narrative != NULL ? narrative->language : "");
      break;
    case ROW_PROP_STATUS:
      g_value_set_uint (value, narrative != NULL ? narrative->status : 0);
      break;
    case ROW_PROP_N_CODINGS:
      g_value_set_uint (value, narrative != NULL ? narrative->n_codings : 0);
      break;
    case ROW_PROP_N_NARRATIVES:
      g_value_set_uint (value, self->n_narratives);
      break;
    case ROW_PROP_IS_TRANSLATION:
      g_value_set_boolean (value, narrative != NULL && narrative->translation_of != 0);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
shirabe_narrative_row_class_init (ShirabeNarrativeRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = shirabe_narrative_row_finalize;
  object_class->get_property = shirabe_narrative_row_get_property;

  row_properties[ROW_PROP_IS_CASE] =
    g_param_spec_boolean ("is-case", NULL, NULL, FALSE, flags);
  row_properties[ROW_PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  row_properties[ROW_PROP_CASE_ID] =
    g_param_spec_int64 ("case-id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  row_properties[ROW_PROP_CASE_NAME] =
    g_param_spec_string ("case-name", NULL, NULL, NULL, flags);
  /* The narrative's title; a case row's is its case's name. */
  row_properties[ROW_PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL, flags);
  row_properties[ROW_PROP_LANGUAGE] =
    g_param_spec_string ("language", NULL, NULL, NULL, flags);
  row_properties[ROW_PROP_STATUS] =
    g_param_spec_uint ("status", NULL, NULL, 0, SHIRABE_STATUS_DONE, 0, flags);
  row_properties[ROW_PROP_N_CODINGS] =
    g_param_spec_uint ("n-codings", NULL, NULL, 0, G_MAXUINT, 0, flags);
  row_properties[ROW_PROP_N_NARRATIVES] =
    g_param_spec_uint ("n-narratives", NULL, NULL, 0, G_MAXUINT, 0, flags);
  /* A translation of another narrative: shown under its original. */
  row_properties[ROW_PROP_IS_TRANSLATION] =
    g_param_spec_boolean ("is-translation", NULL, NULL, FALSE, flags);
  g_object_class_install_properties (object_class, ROW_N_PROPS, row_properties);
}

static void
shirabe_narrative_row_init (ShirabeNarrativeRow *self)
{
}

static ShirabeNarrativeRow *
narrative_row_new_narrative (ShirabeNarrative *narrative)
{
  ShirabeNarrativeRow *self = g_object_new (SHIRABE_TYPE_NARRATIVE_ROW, NULL);

  self->narrative = narrative;
  self->case_id = narrative->case_id;
  self->case_name = g_strdup (narrative->case_name);
  return self;
}

static ShirabeNarrativeRow *
narrative_row_new_case (gint64      case_id,
                        const char *name,
                        guint       n_narratives)
{
  ShirabeNarrativeRow *self = g_object_new (SHIRABE_TYPE_NARRATIVE_ROW, NULL);

  self->case_id = case_id;
  self->case_name = g_strdup (name != NULL ? name : "");
  self->n_narratives = n_narratives;
  return self;
}

static void
notify_if (ShirabeNarrativeRow *self,
           gboolean             changed,
           guint                prop)
{
  if (changed)
    g_object_notify_by_pspec (G_OBJECT (self), row_properties[prop]);
}

/* Takes @narrative (NULL for a case row) and the case's values, notifying what changed. */
static void
narrative_row_update (ShirabeNarrativeRow *self,
                      ShirabeNarrative    *narrative,
                      const char          *case_name,
                      guint                n_narratives)
{
  g_autoptr(ShirabeNarrative) old = g_steal_pointer (&self->narrative);
  g_autofree char *old_case_name = g_steal_pointer (&self->case_name);
  guint old_n_narratives = self->n_narratives;

  self->narrative = narrative;
  self->case_name = g_strdup (case_name != NULL ? case_name : "");
  self->n_narratives = n_narratives;

  g_object_freeze_notify (G_OBJECT (self));
  notify_if (self, g_strcmp0 (old_case_name, self->case_name) != 0, ROW_PROP_CASE_NAME);
  notify_if (self, old_n_narratives != n_narratives, ROW_PROP_N_NARRATIVES);
  if (old != NULL && narrative != NULL)
    {
      notify_if (self, g_strcmp0 (old->title, narrative->title) != 0, ROW_PROP_TITLE);
      notify_if (self, g_strcmp0 (old->language, narrative->language) != 0, ROW_PROP_LANGUAGE);
      notify_if (self, old->status != narrative->status, ROW_PROP_STATUS);
      notify_if (self, old->n_codings != narrative->n_codings, ROW_PROP_N_CODINGS);
      notify_if (self, (old->translation_of != 0) != (narrative->translation_of != 0),
                 ROW_PROP_IS_TRANSLATION);
    }
  else if (narrative == NULL)
    notify_if (self, g_strcmp0 (old_case_name, self->case_name) != 0, ROW_PROP_TITLE);
  g_object_thaw_notify (G_OBJECT (self));
}

gboolean
shirabe_narrative_row_is_case (ShirabeNarrativeRow *self)
{
  g_return_val_if_fail (SHIRABE_IS_NARRATIVE_ROW (self), FALSE);
  return self->narrative == NULL;
}

gint64
shirabe_narrative_row_get_id (ShirabeNarrativeRow *self)
{
  g_return_val_if_fail (SHIRABE_IS_NARRATIVE_ROW (self), 0);
  return self->narrative != NULL ? self->narrative->id : 0;
}

gint64
shirabe_narrative_row_get_case_id (ShirabeNarrativeRow *self)
{
  g_return_val_if_fail (SHIRABE_IS_NARRATIVE_ROW (self), 0);
  return self->case_id;
}

const char *
shirabe_narrative_row_get_case_name (ShirabeNarrativeRow *self)
{
  g_return_val_if_fail (SHIRABE_IS_NARRATIVE_ROW (self), NULL);
  return self->case_name;
}

const char *
shirabe_narrative_row_get_title (ShirabeNarrativeRow *self)
{
  g_return_val_if_fail (SHIRABE_IS_NARRATIVE_ROW (self), NULL);
  return self->narrative != NULL ? self->narrative->title : self->case_name;
}

ShirabeCodingStatus
shirabe_narrative_row_get_status (ShirabeNarrativeRow *self)
{
  g_return_val_if_fail (SHIRABE_IS_NARRATIVE_ROW (self), SHIRABE_STATUS_TO_DO);
  return self->narrative != NULL ? self->narrative->status : SHIRABE_STATUS_TO_DO;
}

guint
shirabe_narrative_row_get_n_codings (ShirabeNarrativeRow *self)
{
  g_return_val_if_fail (SHIRABE_IS_NARRATIVE_ROW (self), 0);
  return self->narrative != NULL ? self->narrative->n_codings : 0;
}

guint
shirabe_narrative_row_get_n_narratives (ShirabeNarrativeRow *self)
{
  g_return_val_if_fail (SHIRABE_IS_NARRATIVE_ROW (self), 0);
  return self->n_narratives;
}

const ShirabeNarrative *
shirabe_narrative_row_get_narrative (ShirabeNarrativeRow *self)
{
  g_return_val_if_fail (SHIRABE_IS_NARRATIVE_ROW (self), NULL);
  return self->narrative;
}

/* List */

/* One position of the list: a narrative (id > 0) or the heading of case @case_id (id 0). */
typedef struct
{
  gint64 id;
  gint64 case_id;
} Entry;

struct _ShirabeNarrativeList
{
  GObject         parent_instance;

  ShirabeProject *project;
  gboolean        with_cases;
  char           *filter;          /* as typed; NULL for none */
  char           *folded_filter;   /* NFKC, case-folded; NULL for none */
  int             status_filter;
  ShirabeFilter  *query_filter;    /* NULL or empty: none */

  GArray         *entries;         /* Entry, one per position */
  GPtrArray      *rows;            /* ShirabeNarrativeRow or NULL (not read yet), per position */
  guint           n_narratives;
  guint           n_loaded;
};

static void shirabe_narrative_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (ShirabeNarrativeList, shirabe_narrative_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      shirabe_narrative_list_model_init))

enum {
  ERROR,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* The filter's comparison, in SQL as in C: compatibility forms (full-width Latin, half-width
 * kana) and case do not matter to someone looking for a name. */
static char *
fold_text (const char *text,
           gssize      length)
{
  g_autofree char *normalized = g_utf8_normalize (text, length, G_NORMALIZE_NFKC);

  if (normalized == NULL)
    return g_strdup ("");
  return g_utf8_casefold (normalized, -1);
}

static void
sql_fold (sqlite3_context *context,
          int              argc,
          sqlite3_value  **argv)
{
  const char *text = (const char *) sqlite3_value_text (argv[0]);
  char *folded;

  if (text == NULL)
    {
      sqlite3_result_null (context);
      return;
    }
  folded = fold_text (text, sqlite3_value_bytes (argv[0]));
  sqlite3_result_text (context, folded, -1, g_free);
}

static gboolean
register_fold (ShirabeProject  *project,
               GError         **error)
{
  int rc = sqlite3_create_function_v2 (shirabe_project_get_db (project), "shirabe_fold", 1,
                                       SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS,
                                       NULL, sql_fold, NULL, NULL, NULL);

  return rc == SQLITE_OK || shirabe_project_set_sqlite_error (project, rc, error);
}

/* Fixed texts, one per combination of filters, so each is prepared once per connection. The
 * order is the one the narrative_case index holds (no narrative row is read without a filter
 * that needs one): translations are moved to their places afterwards
 * (shirabe_narrative_order_place_translations()). */
#define ORDER_SELECT \
  "SELECT n.id, n.case_id, n.position FROM narrative n JOIN cases c ON c.id = n.case_id"
#define ORDER_TEXT \
  " (instr (shirabe_fold (n.title), ?1) > 0 OR instr (shirabe_fold (c.name), ?1) > 0)"
#define ORDER_BY " ORDER BY c.position, c.id, n.position, n.id"

/* With a query filter, the statement is built for it (its values bound, never written in
 * it) and is the caller's to finalize: @owned says so. */
static sqlite3_stmt *
prepare_filtered_order (ShirabeNarrativeList  *self,
                        gboolean               by_text,
                        gboolean               by_status,
                        GError               **error)
{
  g_autoptr(GString) sql = g_string_new (ORDER_SELECT " WHERE (?1 IS NULL OR" ORDER_TEXT ")"
                                         " AND (?2 IS NULL OR n.status = ?2)");
  g_autoptr(ShirabeFilterParams) params = shirabe_filter_params_new ();
  sqlite3_stmt *stmt = NULL;
  int rc;

  shirabe_filter_append_sql (self->query_filter, "n", sql, params);
  g_string_append (sql, ORDER_BY);
  rc = sqlite3_prepare_v2 (shirabe_project_get_db (self->project), sql->str, -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      shirabe_project_set_sqlite_error (self->project, rc, error);
      return NULL;
    }
  if (by_text)
    shirabe_bind_text (stmt, 1, self->folded_filter);
  if (by_status)
    sqlite3_bind_int (stmt, 2, self->status_filter);
  shirabe_filter_params_bind (params, stmt, 3);
  return stmt;
}

static sqlite3_stmt *
prepare_order (ShirabeNarrativeList  *self,
               gboolean              *owned,
               GError               **error)
{
  gboolean by_text = self->folded_filter != NULL;
  gboolean by_status = self->status_filter != SHIRABE_NARRATIVE_LIST_ANY_STATUS;
  sqlite3_stmt *stmt;

  *owned = self->query_filter != NULL && !shirabe_filter_is_empty (self->query_filter);
  if (*owned)
    return prepare_filtered_order (self, by_text, by_status, error);

  if (by_text && by_status)
    stmt = shirabe_project_prepare (self->project,
                                    ORDER_SELECT " WHERE" ORDER_TEXT " AND n.status = ?2" ORDER_BY,
                                    error);
  else if (by_text)
    stmt = shirabe_project_prepare (self->project, ORDER_SELECT " WHERE" ORDER_TEXT ORDER_BY,
                                    error);
  else if (by_status)
    stmt = shirabe_project_prepare (self->project,
                                    ORDER_SELECT " WHERE n.status = ?2" ORDER_BY, error);
  else
    stmt = shirabe_project_prepare (self->project, ORDER_SELECT ORDER_BY, error);
  if (stmt == NULL)
    return NULL;
  if (by_text)
    shirabe_bind_text (stmt, 1, self->folded_filter);
  if (by_status)
    sqlite3_bind_int (stmt, 2, self->status_filter);
  return stmt;
}

/* Reads the positions the list should have now. */
static GArray *
read_entries (ShirabeNarrativeList  *self,
              guint                 *n_narratives,
              GError               **error)
{
  g_autoptr(GArray) entries = NULL;
  g_autoptr(GArray) keys = g_array_new (FALSE, FALSE, sizeof (ShirabeSortKey));
  gboolean owned = FALSE;
  sqlite3_stmt *stmt = NULL;
  gint64 last_case_id = 0;
  guint case_rank = 0;
  int rc = SQLITE_DONE;

  if (self->folded_filter == NULL &&
      self->status_filter == SHIRABE_NARRATIVE_LIST_ANY_STATUS &&
      (self->query_filter == NULL || shirabe_filter_is_empty (self->query_filter)))
    {
      if (!shirabe_narrative_order_read_all (self->project, keys, error))
        return NULL;
    }
  else if ((stmt = prepare_order (self, &owned, error)) == NULL)
    return NULL;
  while (stmt != NULL && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      ShirabeSortKey key = { 0, };

      key.id = sqlite3_column_int64 (stmt, 0);
      key.case_id = sqlite3_column_int64 (stmt, 1);
      key.position = key.place_position = sqlite3_column_int64 (stmt, 2);
      key.place_id = key.id;
      if (keys->len > 0 && key.case_id != last_case_id)
        case_rank++;
      key.case_rank = case_rank;
      last_case_id = key.case_id;
      g_array_append_val (keys, key);
    }
  if (owned)
    sqlite3_finalize (stmt);
  else if (stmt != NULL)
    sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      shirabe_project_set_sqlite_error (self->project, rc, error);
      return NULL;
    }
  if (!shirabe_narrative_order_place_translations (self->project, keys, error))
    return NULL;

  *n_narratives = keys->len;
  /* Room for a case row before every narrative at most: the pages never written to are never
   * given memory, and the array is not copied as it grows. */
  entries = g_array_sized_new (FALSE, FALSE, sizeof (Entry),
                               self->with_cases ? 2 * keys->len : keys->len);
  last_case_id = 0;
  for (guint i = 0; i < keys->len; i++)
    {
      const ShirabeSortKey *key = &g_array_index (keys, ShirabeSortKey, i);
      Entry entry = { key->id, key->case_id };

      if (self->with_cases && entry.case_id != last_case_id)
        {
          Entry heading = { 0, entry.case_id };

          g_array_append_val (entries, heading);
          last_case_id = entry.case_id;
        }
      g_array_append_val (entries, entry);
    }
  return g_steal_pointer (&entries);
}

static inline Entry *
entry_at (ShirabeNarrativeList *self,
          guint                 position)
{
  return &g_array_index (self->entries, Entry, position);
}

/* How many narratives follow the case row at @position. */
static guint
count_case_narratives (ShirabeNarrativeList *self,
                       guint                 position)
{
  guint n = 0;

  for (guint i = position + 1; i < self->entries->len && entry_at (self, i)->id != 0; i++)
    n++;
  return n;
}


/* The ids go to SQLite as one JSON array, so a page is one statement whatever its size. */
static char *
ids_to_json (GArray *ids)
{
  GString *json = g_string_new ("[");

  for (guint i = 0; i < ids->len; i++)
    g_string_append_printf (json, "%s%" G_GINT64_FORMAT, i > 0 ? "," : "",
                            g_array_index (ids, gint64, i));
  g_string_append_c (json, ']');
  return g_string_free (json, FALSE);
}

/* Reads the narratives @narrative_ids and the names of cases @case_ids into two tables by id. */
static gboolean
read_rows (ShirabeNarrativeList  *self,
           GArray                *narrative_ids,
           GArray                *case_ids,
           GHashTable            *narratives,
           GHashTable            *case_names,
           GError               **error)
{
  sqlite3_stmt *stmt;
  int rc;

  if (narrative_ids->len > 0)
    {
      g_autofree char *json = ids_to_json (narrative_ids);

      stmt = shirabe_project_prepare (self->project,
                                      "SELECT " SHIRABE_NARRATIVE_COLUMNS " FROM narrative n"
                                      " JOIN cases c ON c.id = n.case_id"
                                      " WHERE n.id IN (SELECT value FROM json_each (?1))",
                                      error);
      if (stmt == NULL)
        return FALSE;
      shirabe_bind_text (stmt, 1, json);
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          ShirabeNarrative *narrative = shirabe_narrative_from_row (stmt);

          g_hash_table_insert (narratives, &narrative->id, narrative);
        }
      sqlite3_reset (stmt);
      if (rc != SQLITE_DONE)
        return shirabe_project_set_sqlite_error (self->project, rc, error);
    }
  if (case_ids->len > 0)
    {
      g_autofree char *json = ids_to_json (case_ids);

      stmt = shirabe_project_prepare (self->project,
                                      "SELECT id, name FROM cases"
                                      " WHERE id IN (SELECT value FROM json_each (?1))",
                                      error);
      if (stmt == NULL)
        return FALSE;
      shirabe_bind_text (stmt, 1, json);
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          gint64 *id = g_new (gint64, 1);

          *id = sqlite3_column_int64 (stmt, 0);
          g_hash_table_insert (case_names, id, shirabe_column_dup_text (stmt, 1));
        }
      sqlite3_reset (stmt);
      if (rc != SQLITE_DONE)
        return shirabe_project_set_sqlite_error (self->project, rc, error);
    }
  return TRUE;
}

/* A row for a narrative that vanished between two reads (another program edited the file):
 * an empty row keeps the list's promise of an item at every position until the next refresh. */
static ShirabeNarrative *
placeholder_narrative (const Entry *entry)
{
  ShirabeNarrative *narrative = g_new0 (ShirabeNarrative, 1);

  narrative->id = entry->id;
  narrative->case_id = entry->case_id;
  narrative->title = g_strdup ("");
  narrative->language = g_strdup ("");
  narrative->kind = g_strdup ("");
  narrative->case_name = g_strdup ("");
  return narrative;
}

static GHashTable *
new_id_table (GDestroyNotify free_value)
{
  return g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, free_value);
}

/* Reads rows for positions [@start, @end) that are not loaded. */
static void
load_page (ShirabeNarrativeList *self,
           guint                 start,
           guint                 end)
{
  g_autoptr(GArray) narrative_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) case_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GHashTable) narratives = new_id_table ((GDestroyNotify) shirabe_narrative_free);
  g_autoptr(GHashTable) case_names = g_hash_table_new_full (g_int64_hash, g_int64_equal,
                                                            g_free, g_free);
  g_autoptr(GError) error = NULL;

  for (guint i = start; i < end; i++)
    if (g_ptr_array_index (self->rows, i) == NULL)
      {
        Entry *entry = entry_at (self, i);

        if (entry->id != 0)
          g_array_append_val (narrative_ids, entry->id);
        else
          g_array_append_val (case_ids, entry->case_id);
      }
  if (!read_rows (self, narrative_ids, case_ids, narratives, case_names, &error))
    /* The rows stay empty; the next refresh, after the next edit, tries again. */
    g_signal_emit (self, signals[ERROR], 0, error);

  for (guint i = start; i < end; i++)
    {
      Entry *entry = entry_at (self, i);
      ShirabeNarrativeRow *row;

      if (g_ptr_array_index (self->rows, i) != NULL)
        continue;
      if (entry->id != 0)
        {
          ShirabeNarrative *narrative = g_hash_table_lookup (narratives, &entry->id);

          if (narrative != NULL)
            g_hash_table_steal (narratives, &entry->id);
          else
            narrative = placeholder_narrative (entry);
          row = narrative_row_new_narrative (narrative);
        }
      else
        row = narrative_row_new_case (entry->case_id,
                                      g_hash_table_lookup (case_names, &entry->case_id),
                                      count_case_narratives (self, i));
      g_ptr_array_index (self->rows, i) = row;
      self->n_loaded++;
    }
}

static GType
shirabe_narrative_list_get_item_type (GListModel *model)
{
  return SHIRABE_TYPE_NARRATIVE_ROW;
}

static guint
shirabe_narrative_list_get_n_items (GListModel *model)
{
  return SHIRABE_NARRATIVE_LIST (model)->entries->len;
}

static gpointer
shirabe_narrative_list_get_item (GListModel *model,
                                 guint       position)
{
  ShirabeNarrativeList *self = SHIRABE_NARRATIVE_LIST (model);

  if (position >= self->entries->len)
    return NULL;
  if (g_ptr_array_index (self->rows, position) == NULL)
    {
      guint start = position - position % PAGE_SIZE;

      load_page (self, start, MIN (start + PAGE_SIZE, self->entries->len));
    }
  return g_object_ref (g_ptr_array_index (self->rows, position));
}

static void
shirabe_narrative_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = shirabe_narrative_list_get_item_type;
  iface->get_n_items = shirabe_narrative_list_get_n_items;
  iface->get_item = shirabe_narrative_list_get_item;
}

static void
clear_row (gpointer data)
{
  if (data != NULL)
    g_object_unref (data);
}

static gboolean
entries_equal (const Entry *a,
               const Entry *b)
{
  return a->id == b->id && a->case_id == b->case_id;
}

/* Rows that someone besides the list holds (a view's visible rows, a selection) are read
 * again and updated in place; the others are dropped and read when asked for. So an edit
 * costs a query over what is on screen, not over everything scrolled past. With @only, just
 * the narratives of those ids (and no case rows) are read. */
static gboolean
update_held_rows (ShirabeNarrativeList  *self,
                  GHashTable            *only,
                  GError               **error)
{
  g_autoptr(GArray) narrative_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) case_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GHashTable) narratives = new_id_table ((GDestroyNotify) shirabe_narrative_free);
  g_autoptr(GHashTable) case_names = g_hash_table_new_full (g_int64_hash, g_int64_equal,
                                                            g_free, g_free);

  for (guint i = 0; i < self->rows->len; i++)
    {
      GObject *row = g_ptr_array_index (self->rows, i);
      Entry *entry = entry_at (self, i);

      if (row == NULL)
        continue;
      if (row->ref_count == 1)
        {
          g_object_unref (row);
          g_ptr_array_index (self->rows, i) = NULL;
          self->n_loaded--;
        }
      else if (entry->id != 0)
        {
          if (only == NULL || g_hash_table_contains (only, &entry->id))
            g_array_append_val (narrative_ids, entry->id);
        }
      else if (only == NULL)
        g_array_append_val (case_ids, entry->case_id);
    }
  if (narrative_ids->len == 0 && case_ids->len == 0)
    return TRUE;
  if (!read_rows (self, narrative_ids, case_ids, narratives, case_names, error))
    return FALSE;

  for (guint i = 0; i < self->rows->len; i++)
    {
      ShirabeNarrativeRow *row = g_ptr_array_index (self->rows, i);
      Entry *entry = entry_at (self, i);

      if (row == NULL)
        continue;
      if (entry->id != 0)
        {
          ShirabeNarrative *narrative = g_hash_table_lookup (narratives, &entry->id);

          if (narrative == NULL)
            continue;
          g_hash_table_steal (narratives, &entry->id);
          narrative_row_update (row, narrative, narrative->case_name, 0);
        }
      else if (only == NULL)
        narrative_row_update (row, NULL, g_hash_table_lookup (case_names, &entry->case_id),
                              count_case_narratives (self, i));
    }
  return TRUE;
}

/* Replaces the positions with @entries, announcing only the span between the common start and
 * the common end. */
static void
apply_entries (ShirabeNarrativeList *self,
               GArray               *entries,
               guint                 n_narratives)
{
  guint old_len = self->entries->len;
  guint new_len = entries->len;
  guint prefix = 0;
  guint suffix = 0;
  guint removed;
  guint added;

  while (prefix < old_len && prefix < new_len &&
         entries_equal (entry_at (self, prefix), &g_array_index (entries, Entry, prefix)))
    prefix++;
  while (suffix < old_len - prefix && suffix < new_len - prefix &&
         entries_equal (entry_at (self, old_len - 1 - suffix),
                        &g_array_index (entries, Entry, new_len - 1 - suffix)))
    suffix++;
  removed = old_len - prefix - suffix;
  added = new_len - prefix - suffix;

  for (guint i = prefix; i < prefix + removed; i++)
    if (g_ptr_array_index (self->rows, i) != NULL)
      self->n_loaded--;
  g_ptr_array_remove_range (self->rows, prefix, removed);
  if (added > 0)
    {
      guint tail = self->rows->len - prefix;

      /* One move of the tail, not one per inserted position: opening inserts them all. */
      g_ptr_array_set_size (self->rows, self->rows->len + added);
      memmove (self->rows->pdata + prefix + added, self->rows->pdata + prefix,
               tail * sizeof (gpointer));
      memset (self->rows->pdata + prefix, 0, added * sizeof (gpointer));
    }
  g_array_unref (self->entries);
  self->entries = g_array_ref (entries);
  self->n_narratives = n_narratives;

  if (removed > 0 || added > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), prefix, removed, added);
}

gboolean
shirabe_narrative_list_refresh (ShirabeNarrativeList  *self,
                                GError               **error)
{
  g_autoptr(GArray) entries = NULL;
  guint n_narratives = 0;

  g_return_val_if_fail (SHIRABE_IS_NARRATIVE_LIST (self), FALSE);

  entries = read_entries (self, &n_narratives, error);
  if (entries == NULL)
    return FALSE;
  apply_entries (self, entries, n_narratives);
  return update_held_rows (self, NULL, error);
}

/* The narratives whose number of codings @changes changes, or NULL when it cannot tell. */
static GHashTable *
dup_coded_narratives (ShirabeChanges *changes)
{
  g_autoptr(GHashTable) ids = NULL;
  const ShirabeCodingChange *codings;
  guint n_codings;

  if (!shirabe_changes_is_known (changes))
    return NULL;
  ids = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  codings = shirabe_changes_get_codings (changes, &n_codings);
  for (guint i = 0; i < n_codings; i++)
    {
      /* An update names a narrative only when it moved the coding, from one it does not name. */
      if (codings[i].change == SHIRABE_ROW_UPDATED && codings[i].narrative_id != 0)
        return NULL;
      if (codings[i].change != SHIRABE_ROW_UPDATED)
        g_hash_table_add (ids, g_memdup2 (&codings[i].narrative_id, sizeof (gint64)));
    }
  return g_steal_pointer (&ids);
}

/* Which narratives are listed, and in what order, depends on cases and narratives only;
 * codings change the counts of their narratives' rows. A query filter makes the list depend
 * on attributes, their values, codes and codings as well. */
static void
on_project_changed (ShirabeNarrativeList *self,
                    ShirabeChanges       *changes,
                    ShirabeProject       *project)
{
  g_autoptr(GError) error = NULL;
  gboolean refreshed = TRUE;
  ShirabeTables tables = SHIRABE_TABLE_CASES | SHIRABE_TABLE_NARRATIVE;

  if (self->query_filter != NULL && !shirabe_filter_is_empty (self->query_filter))
    tables |= SHIRABE_TABLE_ATTRIBUTE | SHIRABE_TABLE_ATTRIBUTE_VALUE | SHIRABE_TABLE_CODE |
              SHIRABE_TABLE_CODING;
  if (shirabe_changes_touches (changes, tables))
    refreshed = shirabe_narrative_list_refresh (self, &error);
  /* a coding changes the count of a row the refresh kept */
  if (refreshed && shirabe_changes_touches (changes, SHIRABE_TABLE_CODING))
    {
      g_autoptr(GHashTable) coded = dup_coded_narratives (changes);

      refreshed = update_held_rows (self, coded, &error);
    }
  if (!refreshed)
    g_signal_emit (self, signals[ERROR], 0, error);
}

static void
shirabe_narrative_list_dispose (GObject *object)
{
  ShirabeNarrativeList *self = SHIRABE_NARRATIVE_LIST (object);

  if (self->project != NULL)
    g_signal_handlers_disconnect_by_data (self->project, self);
  g_clear_object (&self->project);

  G_OBJECT_CLASS (shirabe_narrative_list_parent_class)->dispose (object);
}

static void
shirabe_narrative_list_finalize (GObject *object)
{
  ShirabeNarrativeList *self = SHIRABE_NARRATIVE_LIST (object);

  g_clear_pointer (&self->entries, g_array_unref);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_pointer (&self->filter, g_free);
  g_clear_pointer (&self->folded_filter, g_free);
  g_clear_pointer (&self->query_filter, shirabe_filter_unref);

  G_OBJECT_CLASS (shirabe_narrative_list_parent_class)->finalize (object);
}

static void
shirabe_narrative_list_class_init (ShirabeNarrativeListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = shirabe_narrative_list_dispose;
  object_class->finalize = shirabe_narrative_list_finalize;

  /**
   * ShirabeNarrativeList::error:
   * @error: what SQLite reported
   *
   * The list could not be read again after an edit, or a page of rows could not be read; the
   * list keeps what it had.
   */
  signals[ERROR] =
    g_signal_new ("error", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_ERROR);
}

static void
shirabe_narrative_list_init (ShirabeNarrativeList *self)
{
  self->status_filter = SHIRABE_NARRATIVE_LIST_ANY_STATUS;
  self->entries = g_array_new (FALSE, FALSE, sizeof (Entry));
  self->rows = g_ptr_array_new_with_free_func (clear_row);
}

ShirabeNarrativeList *
shirabe_narrative_list_new (ShirabeProject  *project,
                            gboolean         with_cases,
                            GError         **error)
{
  g_autoptr(ShirabeNarrativeList) self = NULL;
  g_autoptr(GArray) entries = NULL;
  guint n_narratives = 0;

  g_return_val_if_fail (SHIRABE_IS_PROJECT (project), NULL);

  if (!register_fold (project, error))
    return NULL;
  self = g_object_new (SHIRABE_TYPE_NARRATIVE_LIST, NULL);
  self->project = g_object_ref (project);
  self->with_cases = with_cases;
  entries = read_entries (self, &n_narratives, error);
  if (entries == NULL)
    return NULL;
  apply_entries (self, entries, n_narratives);
  g_signal_connect_object (project, "changed", G_CALLBACK (on_project_changed), self,
                           G_CONNECT_SWAPPED);
  return g_steal_pointer (&self);
}

ShirabeProject *
shirabe_narrative_list_get_project (ShirabeNarrativeList *self)
{
  g_return_val_if_fail (SHIRABE_IS_NARRATIVE_LIST (self), NULL);
  return self->project;
}

gboolean
shirabe_narrative_list_set_filter (ShirabeNarrativeList  *self,
                                   const char            *text,
                                   GError               **error)
{
  g_autofree char *old_filter = NULL;
  g_autofree char *old_folded = NULL;

  g_return_val_if_fail (SHIRABE_IS_NARRATIVE_LIST (self), FALSE);

  if (text != NULL && *text == '\0')
    text = NULL;
  if (g_strcmp0 (text, self->filter) == 0)
    return TRUE;
  old_filter = g_steal_pointer (&self->filter);
  old_folded = g_steal_pointer (&self->folded_filter);
  self->filter = g_strdup (text);
  self->folded_filter = text != NULL ? fold_text (text, -1) : NULL;
  if (!shirabe_narrative_list_refresh (self, error))
    {
      g_free (self->filter);
      g_free (self->folded_filter);
      self->filter = g_steal_pointer (&old_filter);
      self->folded_filter = g_steal_pointer (&old_folded);
      return FALSE;
    }
  return TRUE;
}

const char *
shirabe_narrative_list_get_filter (ShirabeNarrativeList *self)
{
  g_return_val_if_fail (SHIRABE_IS_NARRATIVE_LIST (self), NULL);
  return self->filter;
}

gboolean
shirabe_narrative_list_set_status_filter (ShirabeNarrativeList  *self,
                                          int                    status,
                                          GError               **error)
{
  int old_status;

  g_return_val_if_fail (SHIRABE_IS_NARRATIVE_LIST (self), FALSE);
  g_return_val_if_fail (status >= SHIRABE_NARRATIVE_LIST_ANY_STATUS &&
                        status <= SHIRABE_STATUS_DONE, FALSE);

  if (status == self->status_filter)
    return TRUE;
  old_status = self->status_filter;
  self->status_filter = status;
  if (!shirabe_narrative_list_refresh (self, error))
    {
      self->status_filter = old_status;
      return FALSE;
    }
  return TRUE;
}

gboolean
shirabe_narrative_list_set_query_filter (ShirabeNarrativeList  *self,
                                         ShirabeFilter         *filter,
                                         GError               **error)
{
  ShirabeFilter *old_filter;

  g_return_val_if_fail (SHIRABE_IS_NARRATIVE_LIST (self), FALSE);

  if (filter == self->query_filter)
    return TRUE;
  old_filter = self->query_filter;
  self->query_filter = filter != NULL ? shirabe_filter_ref (filter) : NULL;
  if (!shirabe_narrative_list_refresh (self, error))
    {
      g_clear_pointer (&self->query_filter, shirabe_filter_unref);
      self->query_filter = old_filter;
      return FALSE;
    }
  g_clear_pointer (&old_filter, shirabe_filter_unref);
  return TRUE;
}

ShirabeFilter *
shirabe_narrative_list_get_query_filter (ShirabeNarrativeList *self)
{
  g_return_val_if_fail (SHIRABE_IS_NARRATIVE_LIST (self), NULL);
  return self->query_filter;
}

int
shirabe_narrative_list_get_status_filter (ShirabeNarrativeList *self)
{
  g_return_val_if_fail (SHIRABE_IS_NARRATIVE_LIST (self), SHIRABE_NARRATIVE_LIST_ANY_STATUS);
  return self->status_filter;
}

guint
shirabe_narrative_list_get_n_narratives (ShirabeNarrativeList *self)
{
  g_return_val_if_fail (SHIRABE_IS_NARRATIVE_LIST (self), 0);
  return self->n_narratives;
}

guint
shirabe_narrative_list_find (ShirabeNarrativeList *self,
                             gint64                narrative_id)
{
  g_return_val_if_fail (SHIRABE_IS_NARRATIVE_LIST (self), G_MAXUINT);

  for (guint i = 0; i < self->entries->len; i++)
    if (entry_at (self, i)->id == narrative_id && narrative_id != 0)
      return i;
  return G_MAXUINT;
}

guint
shirabe_narrative_list_get_n_loaded (ShirabeNarrativeList *self)
{
  g_return_val_if_fail (SHIRABE_IS_NARRATIVE_LIST (self), 0);
  return self->n_loaded;
}
