/* shirabe-changes.c: what one committed edit, undo or redo changed in a project
 *
 * Every edit is recorded as an SQLite session changeset for the undo history; the same
 * changeset tells the views what changed, so that coding a passage can update one count and
 * one band instead of reading the codebook and the narrative's codings again. Cascades are in
 * the changeset too (deleting a code lists every coding it took). When a change was made
 * without a changeset, the changes are "unknown" and touch every table.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "shirabe-i18n.h"

#include <sqlite3.h>

#include "shirabe-changes-private.h"

/* The columns of the coding table (see shirabe-schema.c) that the changes read. */
enum
{
  CODING_COLUMN_ID = 0,
  CODING_COLUMN_NARRATIVE_ID = 2,
  CODING_COLUMN_CODE_ID = 3,
};

struct _ShirabeChanges
{
  gatomicrefcount  ref_count;
  gboolean         known;
  ShirabeTables    tables;
  GArray          *codings;   /* ShirabeCodingChange */
};

G_DEFINE_BOXED_TYPE (ShirabeChanges, shirabe_changes, shirabe_changes_ref, shirabe_changes_unref)

/* The tables an undo step records (shirabe-project-edit.c attaches them in this order), parents
 * before children so that an undone deletion re-inserts a code before its codings. The FTS
 * index follows through its triggers. */
static const struct
{
  const char    *name;
  ShirabeTables  table;
} tables[] = {
  { "project_meta", SHIRABE_TABLE_PROJECT_META },
  { "coder", SHIRABE_TABLE_CODER },
  { "cases", SHIRABE_TABLE_CASES },
  { "code", SHIRABE_TABLE_CODE },
  { "attribute", SHIRABE_TABLE_ATTRIBUTE },
  { "narrative", SHIRABE_TABLE_NARRATIVE },
  { "coding", SHIRABE_TABLE_CODING },
  { "attribute_value", SHIRABE_TABLE_ATTRIBUTE_VALUE },
  { "alignment", SHIRABE_TABLE_ALIGNMENT },
  { "pseudonym", SHIRABE_TABLE_PSEUDONYM },
};

const char *
shirabe_changes_table_name (guint index)
{
  return index < G_N_ELEMENTS (tables) ? tables[index].name : NULL;
}

static ShirabeChanges *
changes_new (gboolean known)
{
  ShirabeChanges *self = g_new0 (ShirabeChanges, 1);

  g_atomic_ref_count_init (&self->ref_count);
  self->known = known;
  self->tables = known ? 0 : SHIRABE_TABLE_ALL;
  self->codings = g_array_new (FALSE, FALSE, sizeof (ShirabeCodingChange));
  return self;
}

/**
 * shirabe_changes_new_unknown:
 *
 * Changes that may have touched anything: views read everything again.
 */
ShirabeChanges *
shirabe_changes_new_unknown (void)
{
  return changes_new (FALSE);
}

ShirabeChanges *
shirabe_changes_ref (ShirabeChanges *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
shirabe_changes_unref (ShirabeChanges *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;
  g_array_unref (self->codings);
  g_free (self);
}

static gint64
value_int64 (sqlite3_value *value)
{
  return value != NULL && sqlite3_value_type (value) == SQLITE_INTEGER
         ? sqlite3_value_int64 (value) : 0;
}

static void
add_coding_change (ShirabeChanges         *self,
                   sqlite3_changeset_iter *iter,
                   int                     op)
{
  ShirabeCodingChange change = { 0 };
  sqlite3_value *value;

  switch (op)
    {
    case SQLITE_INSERT:
      change.change = SHIRABE_ROW_INSERTED;
      if (sqlite3changeset_new (iter, CODING_COLUMN_ID, &value) == SQLITE_OK)
        change.coding_id = value_int64 (value);
      if (sqlite3changeset_new (iter, CODING_COLUMN_NARRATIVE_ID, &value) == SQLITE_OK)
        change.narrative_id = value_int64 (value);
      if (sqlite3changeset_new (iter, CODING_COLUMN_CODE_ID, &value) == SQLITE_OK)
        change.new_code_id = value_int64 (value);
      break;

    case SQLITE_DELETE:
      change.change = SHIRABE_ROW_DELETED;
      if (sqlite3changeset_old (iter, CODING_COLUMN_ID, &value) == SQLITE_OK)
        change.coding_id = value_int64 (value);
      if (sqlite3changeset_old (iter, CODING_COLUMN_NARRATIVE_ID, &value) == SQLITE_OK)
        change.narrative_id = value_int64 (value);
      if (sqlite3changeset_old (iter, CODING_COLUMN_CODE_ID, &value) == SQLITE_OK)
        change.old_code_id = value_int64 (value);
      break;

    case SQLITE_UPDATE:
    default:
      /* Old values are there for the key and the changed columns, new ones for the changed
       * columns only. */
      change.change = SHIRABE_ROW_UPDATED;
      if (sqlite3changeset_old (iter, CODING_COLUMN_ID, &value) == SQLITE_OK)
        change.coding_id = value_int64 (value);
      if (sqlite3changeset_new (iter, CODING_COLUMN_NARRATIVE_ID, &value) == SQLITE_OK)
        change.narrative_id = value_int64 (value);
      if (sqlite3changeset_old (iter, CODING_COLUMN_CODE_ID, &value) == SQLITE_OK)
        change.old_code_id = value_int64 (value);
      if (sqlite3changeset_new (iter, CODING_COLUMN_CODE_ID, &value) == SQLITE_OK)
        change.new_code_id = value_int64 (value);
      break;
    }
  g_array_append_val (self->codings, change);
}

/*
 * shirabe_changes_new_from_changeset:
 *
 * Reads which tables, and which codings, @changeset changes. A changeset that cannot be read
 * gives unknown changes, never fewer than were made.
 */
ShirabeChanges *
shirabe_changes_new_from_changeset (int         n_changeset,
                                    const void *changeset)
{
  ShirabeChanges *self = changes_new (TRUE);
  sqlite3_changeset_iter *iter = NULL;
  int rc;

  if (n_changeset == 0)
    return self;
  if (sqlite3changeset_start (&iter, n_changeset, (void *) changeset) != SQLITE_OK)
    {
      shirabe_changes_unref (self);
      return shirabe_changes_new_unknown ();
    }
  while ((rc = sqlite3changeset_next (iter)) == SQLITE_ROW)
    {
      const char *table = NULL;
      int n_columns = 0;
      int op = 0;
      int indirect = 0;
      ShirabeTables flag = 0;

      if (sqlite3changeset_op (iter, &table, &n_columns, &op, &indirect) != SQLITE_OK)
        break;
      for (guint i = 0; i < G_N_ELEMENTS (tables) && flag == 0; i++)
        if (g_strcmp0 (table, tables[i].name) == 0)
          flag = tables[i].table;
      if (flag == 0)
        {
          rc = SQLITE_ERROR;
          break;
        }
      self->tables |= flag;
      if (flag == SHIRABE_TABLE_CODING)
        add_coding_change (self, iter, op);
    }
  sqlite3changeset_finalize (iter);
  if (rc != SQLITE_DONE)
    {
      shirabe_changes_unref (self);
      return shirabe_changes_new_unknown ();
    }
  return self;
}

/* Whether the changes were read off a changeset; unknown changes may have touched anything. */
gboolean
shirabe_changes_is_known (const ShirabeChanges *self)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return self->known;
}

ShirabeTables
shirabe_changes_get_tables (const ShirabeChanges *self)
{
  g_return_val_if_fail (self != NULL, SHIRABE_TABLE_ALL);

  return self->tables;
}

/* Whether any of @tables may have changed. */
gboolean
shirabe_changes_touches (const ShirabeChanges *self,
                         ShirabeTables         tables_)
{
  g_return_val_if_fail (self != NULL, TRUE);

  return (self->tables & tables_) != 0;
}

/* Whether the changes are known and changed nothing outside @tables. */
gboolean
shirabe_changes_only (const ShirabeChanges *self,
                      ShirabeTables         tables_)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return self->known && (self->tables & ~tables_) == 0;
}

/**
 * shirabe_changes_get_codings:
 * @n_codings: (out): the number of coding changes
 *
 * The codings added, changed or removed, in the order they were changed; only meaningful for
 * known changes.
 */
const ShirabeCodingChange *
shirabe_changes_get_codings (const ShirabeChanges *self,
                             guint                *n_codings)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (n_codings != NULL, NULL);

  *n_codings = self->codings->len;
  return (const ShirabeCodingChange *) (void *) self->codings->data;
}
