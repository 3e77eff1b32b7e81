/* shirabe-search-scan.c: reading every narrative's text for the search's scan, in threads
 *
 * The scan's cost is reading the texts out of SQLite (docs/analysis/search.md): the texts are
 * read through a blob handle into one buffer per thread, which avoids a fresh allocation (and
 * its page faults) per narrative, and on a machine with several cores two threads share the
 * narratives: the calling thread on the project's connection, each other thread on a
 * read-only connection of its own. A thread takes the next narrative in the project's order
 * when it is done with one, so a long narrative does not hold the others back; each records
 * where its hits for that narrative are, and the calling thread joins them in the project's
 * order (narrative, then position), as one thread would give them.
 *
 * Other connections see only what is committed: while the project's connection is inside a
 * transaction (an edit going on), or when the project is not a file, the calling thread scans
 * alone.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "shirabe-project-private.h"
#include "shirabe-schema-private.h"
#include "shirabe-search-private.h"

#define MAX_THREADS 4

static guint max_threads;   /* 0: the default */

guint
shirabe_search_set_max_threads (guint n)
{
  guint previous = max_threads;

  max_threads = n;
  return previous;
}

typedef struct
{
  ShirabeSearchQuery *query;
  const gint64       *ids;        /* the narratives to scan, in the project's order */
  guint               n_ids;
  gint                next;       /* atomic: the next narrative to take */
  gint                stop;       /* atomic: a thread failed */
  guint8             *owner;      /* per narrative: the thread that scanned it */
  guint              *first;      /* per narrative: its first hit in that thread's hits */
  guint              *count;      /* per narrative: how many */
} Scan;

typedef struct
{
  Scan              *scan;
  guint              index;
  sqlite3           *db;
  gboolean           own_db;      /* a connection of this thread's own, closed at its end */
  const char        *path;        /* the file, to open that connection */
  ShirabeProject    *project;     /* the calling thread's: for its errors */
  sqlite3_blob      *blob;
  char              *buffer;
  gsize              size;
  GArray            *hits;
  ShirabeSearchText *text;
  GError            *error;
} Worker;

static void
worker_set_error (Worker *worker,
                  int     rc)
{
  if (worker->own_db)
    shirabe_sqlite_error (worker->db, rc, worker->path, &worker->error);
  else
    shirabe_project_set_sqlite_error (worker->project, rc, &worker->error);
  g_atomic_int_set (&worker->scan->stop, 1);
}

/* Reads narrative @id's text into the worker's buffer; FALSE with @gone when the narrative is
 * no longer there (deleted meanwhile by another program), FALSE with the error set else. */
static gboolean
read_text (Worker   *worker,
           gint64    id,
           gsize    *length,
           gboolean *gone)
{
  int rc;
  int n;

  *gone = FALSE;
  rc = worker->blob == NULL
       ? sqlite3_blob_open (worker->db, "main", "narrative", "text", id, 0, &worker->blob)
       : sqlite3_blob_reopen (worker->blob, id);
  if (rc != SQLITE_OK)
    {
      /* A handle that failed to move is of no further use. */
      g_clear_pointer (&worker->blob, sqlite3_blob_close);
      if (rc == SQLITE_ERROR)
        {
          *gone = TRUE;
          return FALSE;
        }
      worker_set_error (worker, rc);
      return FALSE;
    }
  n = sqlite3_blob_bytes (worker->blob);
  if ((gsize) n + 1 > worker->size)
    {
      worker->size = MAX ((gsize) n + 1, worker->size * 2);
      g_free (worker->buffer);
      worker->buffer = g_malloc (worker->size);
    }
  rc = sqlite3_blob_read (worker->blob, worker->buffer, n, 0);
  if (rc != SQLITE_OK)
    {
      g_clear_pointer (&worker->blob, sqlite3_blob_close);
      worker_set_error (worker, rc);
      return FALSE;
    }
  worker->buffer[n] = '\0';
  *length = (gsize) n;
  return TRUE;
}

/* Opens the thread's own connection, read-only, and checks that it can read: a project in a
 * folder where the write-ahead log's index cannot be made may not be. */
static gboolean
worker_open (Worker *worker)
{
  sqlite3_stmt *stmt = NULL;
  gboolean ok;

  if (sqlite3_open_v2 (worker->path, &worker->db,
                       SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_NOFOLLOW,
                       NULL) != SQLITE_OK)
    return FALSE;
  shirabe_schema_secure_connection (worker->db);
  sqlite3_busy_timeout (worker->db, 5000);
  ok = sqlite3_prepare_v2 (worker->db, "SELECT count (*) FROM narrative WHERE id < 0", -1,
                           &stmt, NULL) == SQLITE_OK &&
       sqlite3_step (stmt) == SQLITE_ROW;
  sqlite3_finalize (stmt);
  return ok;
}

static gpointer
worker_run (gpointer data)
{
  Worker *worker = data;
  Scan *scan = worker->scan;

  if (worker->own_db && !worker_open (worker))
    return NULL;  /* the other threads take its share */
  while (!g_atomic_int_get (&scan->stop))
    {
      guint i = (guint) g_atomic_int_add (&scan->next, 1);
      gsize length = 0;
      gboolean gone;

      if (i >= scan->n_ids)
        break;
      scan->owner[i] = (guint8) worker->index;
      scan->first[i] = worker->hits->len;
      if (!read_text (worker, scan->ids[i], &length, &gone))
        {
          if (gone)
            continue;
          break;
        }
      shirabe_search_narrative (scan->query, scan->ids[i], worker->buffer, length,
                                worker->text, worker->hits);
      scan->count[i] = worker->hits->len - scan->first[i];
    }
  return NULL;
}

static void
worker_clear (Worker *worker)
{
  g_clear_pointer (&worker->blob, sqlite3_blob_close);
  if (worker->own_db)
    sqlite3_close (worker->db);
  g_free (worker->buffer);
  g_clear_pointer (&worker->hits, g_array_unref);
  shirabe_search_text_free (worker->text);
  g_clear_error (&worker->error);
}

/* The narratives to scan, in the project's order. */
static GArray *
list_narratives (ShirabeProject  *project,
                 GHashTable      *candidates,
                 GError         **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt;
  int rc;

  stmt = shirabe_project_prepare (project,
                                  "SELECT n.id FROM narrative n JOIN cases c ON c.id = n.case_id "
                                  "ORDER BY c.position, c.id, n.position, n.id", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      if (candidates == NULL || g_hash_table_contains (candidates, &id))
        g_array_append_val (ids, id);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      shirabe_project_set_sqlite_error (project, rc, error);
      return NULL;
    }
  return g_steal_pointer (&ids);
}

static guint
n_threads_for (sqlite3 *db,
               guint    n_ids)
{
  const char *path = sqlite3_db_filename (db, "main");
  guint n = max_threads > 0 ? max_threads : CLAMP (g_get_num_processors (), 1, 2);

  /* An edit's uncommitted changes are visible to its own connection only. */
  if (path == NULL || *path == '\0' || !sqlite3_get_autocommit (db))
    return 1;
  return CLAMP (MIN (n, n_ids), 1, MAX_THREADS);
}

gboolean
shirabe_search_scan (ShirabeProject      *project,
                     ShirabeSearchQuery  *query,
                     GHashTable          *candidates,
                     GArray              *spans,
                     guint               *n_narratives,
                     GError             **error)
{
  g_autoptr(GArray) ids = list_narratives (project, candidates, error);
  sqlite3 *db = shirabe_project_get_db (project);
  Worker workers[MAX_THREADS];
  GThread *threads[MAX_THREADS] = { NULL };
  Scan scan = { 0 };
  guint n_threads;
  gboolean ok = TRUE;

  *n_narratives = 0;
  if (ids == NULL)
    return FALSE;
  if (ids->len == 0)
    return TRUE;
  n_threads = n_threads_for (db, ids->len);
  scan.query = query;
  scan.ids = (const gint64 *) ids->data;
  scan.n_ids = ids->len;
  scan.owner = g_new0 (guint8, ids->len);
  scan.first = g_new0 (guint, ids->len);
  scan.count = g_new0 (guint, ids->len);

  memset (workers, 0, sizeof workers);
  for (guint t = 0; t < n_threads; t++)
    {
      Worker *worker = &workers[t];

      worker->scan = &scan;
      worker->index = t;
      worker->project = project;
      worker->own_db = t > 0;
      worker->db = t > 0 ? NULL : db;
      worker->path = sqlite3_db_filename (db, "main");
      worker->hits = g_array_new (FALSE, FALSE, sizeof (ShirabeSearchSpan));
      worker->text = shirabe_search_text_new ();
    }
  for (guint t = 1; t < n_threads; t++)
    threads[t] = g_thread_new ("shirabe-search", worker_run, &workers[t]);
  worker_run (&workers[0]);
  for (guint t = 1; t < n_threads; t++)
    g_thread_join (threads[t]);

  for (guint t = 0; t < n_threads && ok; t++)
    if (workers[t].error != NULL)
      {
        g_propagate_error (error, g_steal_pointer (&workers[t].error));
        ok = FALSE;
      }
  for (guint i = 0; ok && i < scan.n_ids; i++)
    if (scan.count[i] > 0)
      {
        GArray *hits = workers[scan.owner[i]].hits;

        g_array_append_vals (spans, &g_array_index (hits, ShirabeSearchSpan, scan.first[i]),
                             scan.count[i]);
        (*n_narratives)++;
      }

  for (guint t = 0; t < n_threads; t++)
    worker_clear (&workers[t]);
  g_free (scan.owner);
  g_free (scan.first);
  g_free (scan.count);
  return ok;
}
