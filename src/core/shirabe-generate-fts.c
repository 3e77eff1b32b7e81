/* shirabe-generate-fts.c: the full-text index of a generated file, built beside its rows
 *
 * FTS5 indexes a text on one core at about 10 MB/s, slower than the rows are made and written,
 * and a connection serves one thread at a time. So for a file that shirabe_project_create_file()
 * is building, a thread of its own indexes the narratives, as they are made, in a private
 * temporary database (deleted by SQLite when closed, even after a crash) holding a table
 * declared as the project's, while the generating thread writes the rows. The index tables are then
 * copied into the project: an FTS5 index is its tables (%_data, %_idx, %_docsize), and an
 * external-content table's index does not depend on where the content was when it was made.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "shirabe-i18n.h"

#include <time.h>

#include "shirabe-error.h"
#include "shirabe-generate-private.h"
#include "shirabe-project-private.h"
#include "shirabe-schema-private.h"

/* Texts made but not yet indexed: beyond this the maker waits. */
#define FTS_QUEUE_BYTES (64 * 1024 * 1024)

/* How much FTS5 gathers in memory before it writes a segment of the index (its "hashsize",
 * 1 MB unless set). Every segment written must later be merged with the others: fewer,
 * larger ones make the index faster to build. */
#define FTS_PENDING_BYTES (16 * 1024 * 1024)

typedef struct
{
  gint64  id;
  char   *title;
  char   *text;
  gsize   n_bytes;
} FtsItem;

struct _ShirabeFtsBuilder
{
  sqlite3  *db;       /* the private database: the thread's until it is joined */
  GThread  *thread;
  GMutex    lock;
  GCond     cond;
  GQueue    items;    /* FtsItem */
  gsize     n_queued; /* bytes of text in items */
  gboolean  done;     /* no more items: commit */
  gboolean  stop;     /* give up */
  int       rc;       /* the thread's SQLite failure, or SQLITE_OK */
  char     *message;
  double    cpu;      /* the thread's processor time, in seconds */
};

static void
fts_item_free (FtsItem *item)
{
  g_free (item->title);
  g_free (item->text);
  g_free (item);
}

static gpointer
fts_builder_run (gpointer data)
{
  ShirabeFtsBuilder *builder = data;
  sqlite3_stmt *insert = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (builder->db,
                           "INSERT INTO narrative_fts (rowid, title, text) VALUES (?1, ?2, ?3)",
                           -1, &insert, NULL);
  for (;;)
    {
      FtsItem *item;

      g_mutex_lock (&builder->lock);
      while (rc == SQLITE_OK && !builder->stop && !builder->done &&
             g_queue_is_empty (&builder->items))
        g_cond_wait (&builder->cond, &builder->lock);
      item = rc == SQLITE_OK && !builder->stop ? g_queue_pop_head (&builder->items) : NULL;
      if (item != NULL)
        {
          builder->n_queued -= item->n_bytes;
          g_cond_signal (&builder->cond);
        }
      g_mutex_unlock (&builder->lock);
      if (item == NULL)
        break;

      sqlite3_bind_int64 (insert, 1, item->id);
      sqlite3_bind_text (insert, 2, item->title, -1, SQLITE_STATIC);
      sqlite3_bind_text64 (insert, 3, item->text, item->n_bytes, SQLITE_STATIC, SQLITE_UTF8);
      rc = sqlite3_step (insert);
      rc = rc == SQLITE_DONE ? SQLITE_OK : rc;
      sqlite3_reset (insert);
      sqlite3_clear_bindings (insert);
      fts_item_free (item);
    }
  sqlite3_finalize (insert);
  if (rc == SQLITE_OK && !builder->stop)
    rc = sqlite3_exec (builder->db, "COMMIT", NULL, NULL, NULL);

  {
    struct timespec cpu;

    if (clock_gettime (CLOCK_THREAD_CPUTIME_ID, &cpu) == 0)
      builder->cpu = cpu.tv_sec + cpu.tv_nsec / 1e9;
  }
  g_mutex_lock (&builder->lock);
  if (rc != SQLITE_OK)
    {
      builder->rc = rc;
      builder->message = g_strdup (sqlite3_errmsg (builder->db));
    }
  /* The maker may be waiting for room. */
  g_cond_signal (&builder->cond);
  g_mutex_unlock (&builder->lock);
  return NULL;
}

static void
fts_builder_set_error (ShirabeFtsBuilder  *builder,
                       GError            **error)
{
  g_set_error (error, SHIRABE_ERROR, SHIRABE_ERROR_FAILED,
               _("Cannot build the full-text index: %s"),
               builder->message != NULL ? builder->message : sqlite3_errstr (builder->rc));
}

/* Opens the private database and starts the thread; NULL (nothing to clean) on failure. */
ShirabeFtsBuilder *
shirabe_fts_builder_start (GError **error)
{
  ShirabeFtsBuilder *builder = g_new0 (ShirabeFtsBuilder, 1);
  int rc;

  g_mutex_init (&builder->lock);
  g_cond_init (&builder->cond);
  g_queue_init (&builder->items);
  /* "": a temporary file of SQLite's own, unlinked as soon as it is open. */
  rc = sqlite3_open_v2 ("", &builder->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE |
                        SQLITE_OPEN_NOMUTEX, NULL);
  /* Not secured as a project's connection is: nobody else's file, nobody else's schema.
   * Nothing to keep safe either: the file goes when closed. The merges read back what was
   * flushed, so a cache of a few tens of megabytes saves rereading. */
  if (rc == SQLITE_OK)
    {
      rc = sqlite3_exec (builder->db,
                         "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;"
                         " PRAGMA cache_size = -65536;", NULL, NULL, NULL);
    }
  if (rc == SQLITE_OK)
    rc = sqlite3_exec (builder->db, shirabe_schema_fts_sql (), NULL, NULL, NULL);
  /* Only the index's tables are copied into the project, not this setting. */
  if (rc == SQLITE_OK)
    {
      g_autofree char *sql = g_strdup_printf ("INSERT INTO narrative_fts (narrative_fts, rank)"
                                              " VALUES ('hashsize', %d)",
                                              FTS_PENDING_BYTES);

      rc = sqlite3_exec (builder->db, sql, NULL, NULL, NULL);
    }
  if (rc == SQLITE_OK)
    rc = sqlite3_exec (builder->db, "BEGIN", NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    {
      builder->rc = rc;
      builder->message = g_strdup (sqlite3_errmsg (builder->db));
      fts_builder_set_error (builder, error);
      sqlite3_close (builder->db);
      g_free (builder->message);
      g_mutex_clear (&builder->lock);
      g_cond_clear (&builder->cond);
      g_free (builder);
      return NULL;
    }
  builder->thread = g_thread_new ("shirabe-generate-fts", fts_builder_run, builder);
  return builder;
}

/* Hands a narrative to the thread, which takes @text (g_free); waits while the queue is full.
 * FALSE with @error set when the thread has failed. */
gboolean
shirabe_fts_builder_push (ShirabeFtsBuilder  *builder,
                          gint64              id,
                          const char         *title,
                          char               *text,
                          gsize               n_bytes,
                          GError            **error)
{
  FtsItem *item = g_new (FtsItem, 1);
  gboolean ok;

  item->id = id;
  item->title = g_strdup (title);
  item->text = text;
  item->n_bytes = n_bytes;
  g_mutex_lock (&builder->lock);
  while (builder->rc == SQLITE_OK && builder->n_queued > FTS_QUEUE_BYTES)
    g_cond_wait (&builder->cond, &builder->lock);
  ok = builder->rc == SQLITE_OK;
  if (ok)
    {
      g_queue_push_tail (&builder->items, item);
      builder->n_queued += n_bytes;
      g_cond_signal (&builder->cond);
    }
  g_mutex_unlock (&builder->lock);
  if (!ok)
    {
      fts_item_free (item);
      fts_builder_set_error (builder, error);
    }
  return ok;
}

/* Waits for the thread to index what it was given (@commit) or stops it; TRUE when the index
 * is complete in builder->db. */
gboolean
shirabe_fts_builder_join (ShirabeFtsBuilder  *builder,
                          gboolean            commit,
                          GError            **error)
{
  g_mutex_lock (&builder->lock);
  if (commit)
    builder->done = TRUE;
  else
    builder->stop = TRUE;
  g_cond_signal (&builder->cond);
  g_mutex_unlock (&builder->lock);
  g_clear_pointer (&builder->thread, g_thread_join);
  if (commit && builder->rc != SQLITE_OK)
    {
      fts_builder_set_error (builder, error);
      return FALSE;
    }
  return commit;
}

void
shirabe_fts_builder_free (ShirabeFtsBuilder *builder)
{
  if (builder == NULL)
    return;
  if (builder->thread != NULL)
    shirabe_fts_builder_join (builder, FALSE, NULL);
  g_queue_clear_full (&builder->items, (GDestroyNotify) fts_item_free);
  sqlite3_close (builder->db);
  g_free (builder->message);
  g_mutex_clear (&builder->lock);
  g_cond_clear (&builder->cond);
  g_free (builder);
}

/* Copies one table's rows from the private database into the project's table of the same
 * name. */
static gboolean
copy_rows (ShirabeProject  *project,
           sqlite3         *from,
           const char      *select_sql,
           const char      *insert_sql,
           int              n_columns,
           GError         **error)
{
  sqlite3_stmt *select = NULL;
  sqlite3_stmt *insert = NULL;
  int read_rc;
  int write_rc;

  read_rc = sqlite3_prepare_v2 (from, select_sql, -1, &select, NULL);
  write_rc = sqlite3_prepare_v2 (shirabe_project_get_db (project), insert_sql, -1, &insert,
                                 NULL);
  while (read_rc == SQLITE_OK && write_rc == SQLITE_OK &&
         (read_rc = sqlite3_step (select)) == SQLITE_ROW)
    {
      read_rc = SQLITE_OK;
      for (int i = 0; i < n_columns; i++)
        sqlite3_bind_value (insert, i + 1, sqlite3_column_value (select, i));
      write_rc = sqlite3_step (insert);
      write_rc = write_rc == SQLITE_DONE ? SQLITE_OK : write_rc;
      sqlite3_reset (insert);
    }
  if (read_rc != SQLITE_OK && read_rc != SQLITE_DONE)
    g_set_error (error, SHIRABE_ERROR, SHIRABE_ERROR_FAILED,
                 _("Cannot build the full-text index: %s"), sqlite3_errmsg (from));
  else if (write_rc != SQLITE_OK)
    shirabe_project_set_sqlite_error (project, write_rc, error);
  sqlite3_finalize (select);
  sqlite3_finalize (insert);
  return read_rc == SQLITE_DONE && write_rc == SQLITE_OK;
}

/* Puts the index made in builder->db in place of the project's, still empty. */
gboolean
shirabe_fts_builder_install (ShirabeFtsBuilder  *builder,
                             ShirabeProject     *project,
                             GError            **error)
{
  sqlite3 *db = shirabe_project_get_db (project);
  gboolean ok;
  int rc;

  /* Defensive mode keeps an index's tables out of reach of ordinary SQL; here they are filled
   * with what FTS5 itself wrote for the same table, inside the generation's transaction. The
   * file is new and was empty: nothing on this connection has read the index, so FTS5 holds
   * no view of it that the copy could leave stale. */
  sqlite3_db_config (db, SQLITE_DBCONFIG_DEFENSIVE, 0, NULL);
  rc = sqlite3_exec (db, "DELETE FROM narrative_fts_data; DELETE FROM narrative_fts_idx;"
                         " DELETE FROM narrative_fts_docsize;", NULL, NULL, NULL);
  ok = rc == SQLITE_OK || shirabe_project_set_sqlite_error (project, rc, error);
  ok = ok &&
       copy_rows (project, builder->db, "SELECT id, block FROM narrative_fts_data ORDER BY id",
                  "INSERT INTO narrative_fts_data (id, block) VALUES (?1, ?2)", 2, error) &&
       copy_rows (project, builder->db,
                  "SELECT segid, term, pgno FROM narrative_fts_idx ORDER BY segid, term",
                  "INSERT INTO narrative_fts_idx (segid, term, pgno) VALUES (?1, ?2, ?3)", 3,
                  error) &&
       copy_rows (project, builder->db, "SELECT id, sz FROM narrative_fts_docsize ORDER BY id",
                  "INSERT INTO narrative_fts_docsize (id, sz) VALUES (?1, ?2)", 2, error);
  sqlite3_db_config (db, SQLITE_DBCONFIG_DEFENSIVE, 1, NULL);
  return ok;
}

double
shirabe_fts_builder_get_cpu (ShirabeFtsBuilder *builder)
{
  return builder->cpu;
}
