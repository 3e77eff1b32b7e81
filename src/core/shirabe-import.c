/* shirabe-import.c: importing plain-text files as narratives
 *
 * shirabe_project_import_files() imports a batch in one transaction on the caller's
 * connection; the command line uses it. The window uses shirabe_project_import_files_async():
 * the same function in a GTask thread, on a connection of the worker's own to the same file.
 * An SQLite connection belongs to one thread, and the project file is in WAL mode, so the
 * window's connection keeps reading (lists repaint, the progress bar moves, Cancel is heard)
 * while the worker writes.
 *
 * The import stays one step of the window's undo history. The worker's connection records the
 * batch as a session changeset, as every edit is recorded (begin_edit/end_edit), and hands the
 * changeset back. On the caller's thread it becomes a step of the caller's project
 * (shirabe_project_adopt_changeset) before the caller's callback runs, so the step exists even
 * if nobody calls _finish() and takes its place in order among the other steps. A changeset is
 * rows keyed by primary key, not tied to the connection that recorded it: undo inverts and
 * applies it on the window's connection like any step recorded there, and the full-text index
 * follows as it does for every step (its own tables are not recorded; the core forgets and
 * indexes the narratives a step touches).
 *
 * Speed: the files are read and decoded in a thread of their own (shirabe-import-reader.c), a
 * few files ahead of the writing; the full-text index is fed with the new narratives by ranges
 * of ids, whenever the reading thread has no file ready (the index is most of the work, and the
 * writing thread would otherwise wait) and once more before the commit.
 * ShirabeImportOptions.timings says where the time went (bench-import).
 *
 * Locking: the worker holds the write lock (BEGIN IMMEDIATE) for the whole batch, so nothing
 * else may write meanwhile; in the app the progress dialog is modal and pending edits are saved
 * before the import starts. Every connection waits 5 s for a lock (shirabe_project_open sets
 * the busy timeout): the worker for a write of the window's that is still committing, and a
 * stray write of the window's during an import would wait, then fail with "database is locked",
 * refused and reported, never half-done. When it closes, the worker does not wait at all: its
 * checkpoint must not stall on the window's readers, and the window's connection folds the log
 * into the file when it closes.
 *
 * Cancel: the worker checks the GCancellable between files; a cancelled batch is rolled back
 * whole, so nothing is written and no step is added. A cancel that comes after the last file
 * is too late: the batch is committed and reported as imported (the task does not check the
 * cancellable when it returns, so a committed import is never reported as cancelled).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "shirabe-i18n.h"

#include <string.h>

#include "shirabe-case.h"
#include "shirabe-history-private.h"
#include "shirabe-case-private.h"
#include "shirabe-import.h"
#include "shirabe-import-private.h"
#include "shirabe-narrative.h"
#include "shirabe-narrative-private.h"
#include "shirabe-project-private.h"
#include "shirabe-text.h"

void
shirabe_import_result_free (ShirabeImportResult *self)
{
  if (self == NULL)
    return;
  g_free (self->path);
  g_free (self->encoding);
  g_free (self->summary);
  g_clear_error (&self->error);
  g_free (self);
}

/* The case named @name, or a new one at *@next_position, which then moves on: the batch keeps
 * the position in hand rather than asking for the last one per file. */
static gint64
ensure_case (ShirabeProject  *project,
             const char      *name,
             gint64          *next_position,
             GError         **error)
{
  sqlite3_stmt *stmt;
  GError *local_error = NULL;
  gint64 id;

  stmt = shirabe_project_prepare (project,
                                  "SELECT id FROM cases WHERE name = ?1 ORDER BY id LIMIT 1",
                                  error);
  if (stmt == NULL)
    return 0;
  shirabe_bind_text (stmt, 1, name);
  id = shirabe_project_query_id (project, stmt, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return 0;
    }
  if (id != 0)
    return id;
  id = shirabe_project_add_case_at (project, name, *next_position, error);
  if (id != 0)
    (*next_position)++;
  return id;
}

/* Stores a file the reader decoded: its case (found or made), its narrative and memo. */
static gint64
store_file (ShirabeProject              *project,
            const ShirabeImportOptions  *options,
            ShirabeImportFile           *file,
            gint64                       fixed_case_id,
            gint64                      *next_position,
            GError                     **error)
{
  ShirabeNarrativeSpec spec = { 0 };
  gint64 id;

  spec.case_id = fixed_case_id != 0
                   ? fixed_case_id
                   : ensure_case (project,
                                  file->pattern_case != NULL ? file->pattern_case : file->title,
                                  next_position, error);
  if (spec.case_id == 0)
    return 0;
  spec.title = file->title;
  spec.language = file->language;
  spec.kind = options->kind;
  spec.text = file->text;
  /* The base name only: a full path would record the researcher's folders in the project. */
  spec.origin_file = file->base;
  spec.origin_encoding = file->encoding;
  spec.origin_sha256 = file->origin_sha256;
  id = shirabe_project_add_narrative_unindexed (project, &spec, file->text_sha256,
                                                file->text_length, error);
  if (id != 0 && file->memo != NULL &&
      !shirabe_project_set_narrative_memo (project, id, file->memo, error))
    id = 0;
  return id;
}

/* Whether the language tag @tag is @language, or a variety of it (pt-BR of pt). */
static gboolean
is_language (const char *tag,
             const char *language)
{
  gsize n = strlen (language);

  return g_ascii_strncasecmp (tag, language, n) == 0 && (tag[n] == '\0' || tag[n] == '-');
}

typedef struct
{
  guint    index;        /* into the batch's results */
  gboolean translation;
} PairMember;

/* Links the imported files by name: in each stem, the files in @translation_language are
 * translations of the stem's one other file. A stem with no other file, or several, is left
 * as it is. Within the import's edit. */
static gboolean
pair_translations (ShirabeProject  *project,
                   GPtrArray       *outcome,
                   GRegex          *pair,
                   const char      *translation_language,
                   GError         **error)
{
  g_autoptr(GHashTable) stems = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                       (GDestroyNotify) g_array_unref);
  GHashTableIter iter;
  gpointer value;

  for (guint i = 0; i < outcome->len; i++)
    {
      ShirabeImportResult *result = outcome->pdata[i];
      g_autofree char *stem = NULL;
      g_autofree char *tag = NULL;
      PairMember member = { i, FALSE };
      GArray *members;

      if (result->narrative_id == 0 ||
          !shirabe_import_pair_name (pair, result->path, &stem, &tag))
        continue;
      members = g_hash_table_lookup (stems, stem);
      if (members == NULL)
        {
          members = g_array_new (FALSE, FALSE, sizeof (PairMember));
          g_hash_table_insert (stems, g_steal_pointer (&stem), members);
        }
      member.translation = is_language (tag, translation_language);
      g_array_append_val (members, member);
    }

  g_hash_table_iter_init (&iter, stems);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      GArray *members = value;
      ShirabeImportResult *original = NULL;
      guint n_originals = 0;

      for (guint m = 0; m < members->len; m++)
        if (!g_array_index (members, PairMember, m).translation)
          {
            original = outcome->pdata[g_array_index (members, PairMember, m).index];
            n_originals++;
          }
      if (n_originals != 1)
        continue;
      for (guint m = 0; m < members->len; m++)
        {
          ShirabeImportResult *result;

          if (!g_array_index (members, PairMember, m).translation)
            continue;
          result = outcome->pdata[g_array_index (members, PairMember, m).index];
          if (!shirabe_project_set_translation_of (project, result->narrative_id,
                                                   original->narrative_id, error))
            return FALSE;
          result->translation_of = original->narrative_id;
        }
    }
  return TRUE;
}

/* The largest narrative id, 0 when there is none, or -1 with @error set. */
static gint64
last_narrative_id (ShirabeProject  *project,
                   GError         **error)
{
  g_autoptr(GError) local_error = NULL;
  sqlite3_stmt *stmt = shirabe_project_prepare (project, "SELECT max (id) FROM narrative", error);
  gint64 id;

  if (stmt == NULL)
    return -1;
  id = shirabe_project_query_id (project, stmt, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return -1;
    }
  return id;
}

int
shirabe_project_import_files (ShirabeProject              *project,
                              const char * const          *paths,
                              const ShirabeImportOptions  *options,
                              ShirabeImportProgress        progress,
                              gpointer                     progress_data,
                              GCancellable                *cancellable,
                              GPtrArray                  **results,
                              GError                     **error)
{
  static const ShirabeImportOptions default_options = { 0 };
  g_autoptr(GPtrArray) outcome = NULL;
  g_autofree char *label = NULL;
  gint64 fixed_case_id = 0;
  gint64 next_position;
  g_autoptr(GError) store_error = NULL;
  g_autoptr(GRegex) pattern = NULL;
  g_autoptr(GRegex) pair = NULL;
  ShirabeImportReader *reader;
  gint64 last_id_before;
  gint64 indexed_up_to;
  gint64 stored_up_to;
  gint64 mark;
  gsize max_size;
  guint n_paths;
  int n_imported = 0;

  g_return_val_if_fail (SHIRABE_IS_PROJECT (project), -1);
  g_return_val_if_fail (paths != NULL, -1);

  if (options == NULL)
    options = &default_options;
  max_size = options->max_size > 0 ? options->max_size : SHIRABE_TEXT_DEFAULT_MAX_SIZE;
  n_paths = g_strv_length ((char **) paths);
  outcome = g_ptr_array_new_with_free_func ((GDestroyNotify) shirabe_import_result_free);

  /* One transaction for the whole batch: a crash leaves all of it or none. */
  if (!shirabe_project_begin_edit (project, error))
    return -1;

  if (options->case_pattern != NULL)
    {
      g_autoptr(GError) regex_error = NULL;

      pattern = g_regex_new (options->case_pattern, G_REGEX_OPTIMIZE, 0, &regex_error);
      if (pattern == NULL)
        {
          g_set_error (error, SHIRABE_ERROR, SHIRABE_ERROR_INVALID,
                       _("“%s” is not a pattern that can name cases: %s"),
                       options->case_pattern, regex_error->message);
          shirabe_project_end_edit (project, FALSE, NULL, NULL);
          return -1;
        }
    }
  if (options->pair_translations)
    {
      g_autoptr(GError) regex_error = NULL;
      const char *pair_text = options->pair_pattern != NULL ? options->pair_pattern
                                                            : SHIRABE_IMPORT_PAIR_PATTERN;

      pair = g_regex_new (pair_text, G_REGEX_OPTIMIZE, 0, &regex_error);
      if (pair == NULL || g_regex_get_capture_count (pair) < 2)
        {
          g_set_error (error, SHIRABE_ERROR, SHIRABE_ERROR_INVALID,
                       _("“%s” is not a pattern that can pair translations: %s"), pair_text,
                       regex_error != NULL ? regex_error->message
                                           : _("it needs two groups, the stem and the "
                                               "language"));
          shirabe_project_end_edit (project, FALSE, NULL, NULL);
          return -1;
        }
    }
  next_position = shirabe_project_next_case_position (project, error);
  /* New narratives take ids above every one there (there is no AUTOINCREMENT, and nothing
   * else writes during the batch): the index is fed with them by ranges of ids, while the
   * reading thread has no file ready and at the end. */
  last_id_before = next_position >= 0 ? last_narrative_id (project, error) : -1;
  if (next_position < 0 || last_id_before < 0)
    {
      shirabe_project_end_edit (project, FALSE, NULL, NULL);
      return -1;
    }
  if (options->case_name != NULL)
    {
      fixed_case_id = ensure_case (project, options->case_name, &next_position, error);
      if (fixed_case_id == 0)
        {
          shirabe_project_end_edit (project, FALSE, NULL, NULL);
          return -1;
        }
    }

  reader = shirabe_import_reader_start (paths, options, pattern, pair, max_size, cancellable);
  indexed_up_to = stored_up_to = last_id_before;
  for (guint i = 0; i < n_paths; i++)
    {
      ShirabeImportResult *result;
      ShirabeImportFile *file;

      /* While the reading thread has no file ready, what is stored is indexed: the index is
       * most of an import's work, and this thread would only wait. */
      if (stored_up_to > indexed_up_to && store_error == NULL &&
          !shirabe_import_reader_has_next (reader))
        {
          mark = g_get_monotonic_time ();
          if (shirabe_project_fts_index_between (project, indexed_up_to, stored_up_to,
                                                 &store_error))
            indexed_up_to = stored_up_to;
          if (options->timings != NULL)
            shirabe_import_lap (&mark, &options->timings->index);
        }
      mark = g_get_monotonic_time ();
      file = shirabe_import_reader_next (reader);
      if (options->timings != NULL)
        shirabe_import_lap (&mark, &options->timings->wait);
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        {
          shirabe_import_file_free (file);
          shirabe_import_reader_finish (reader, NULL);
          g_clear_error (error);
          g_set_error_literal (error, SHIRABE_ERROR, SHIRABE_ERROR_CANCELLED,
                               _("The import was cancelled; nothing was imported"));
          shirabe_project_end_edit (project, FALSE, NULL, NULL);
          return -1;
        }

      result = g_new0 (ShirabeImportResult, 1);
      result->path = g_strdup (paths[i]);
      result->n_unreadable = file->n_unreadable;
      if (file->text == NULL)
        result->error = g_steal_pointer (&file->error);
      else if ((result->narrative_id = store_file (project, options, file, fixed_case_id,
                                                   &next_position, &result->error)) == 0)
        {
          /* A file that was read but could not be stored fails the whole batch: say why. */
          if (store_error == NULL && result->error != NULL)
            store_error = g_error_copy (result->error);
        }
      else
        {
          result->encoding = g_steal_pointer (&file->encoding);
          result->summary = g_steal_pointer (&file->summary);
          stored_up_to = MAX (stored_up_to, result->narrative_id);
          n_imported++;
        }
      shirabe_import_file_free (file);
      if (options->timings != NULL)
        shirabe_import_lap (&mark, &options->timings->store);

      g_ptr_array_add (outcome, result);

      if (progress != NULL)
        progress (i + 1, n_paths, progress_data);
    }
  shirabe_import_reader_finish (reader, options->timings);

  /* Pairing that fails (the disk full) fails the batch, as a file that could not be stored
   * does. */
  if (pair != NULL && store_error == NULL)
    pair_translations (project, outcome, pair,
                       options->translation_language != NULL ? options->translation_language
                                                             : "ja",
                       &store_error);

  mark = g_get_monotonic_time ();
  /* A failure here fails the batch, as a file that could not be stored does. */
  if (store_error == NULL && stored_up_to > indexed_up_to)
    shirabe_project_fts_index_between (project, indexed_up_to, stored_up_to, &store_error);
  if (options->timings != NULL)
    shirabe_import_lap (&mark, &options->timings->index);

  label = g_strdup_printf (ngettext ("Import %d file", "Import %d files", n_imported), n_imported);
  if (!shirabe_project_end_edit (project, store_error == NULL, label,
                                 store_error != NULL ? NULL : error))
    {
      if (store_error != NULL)
        g_propagate_error (error, g_steal_pointer (&store_error));
      for (guint i = 0; i < outcome->len; i++)
        ((ShirabeImportResult *) outcome->pdata[i])->narrative_id = 0;
      if (results != NULL)
        *results = g_steal_pointer (&outcome);
      return -1;
    }

  if (options->timings != NULL)
    shirabe_import_lap (&mark, &options->timings->commit);

  if (results != NULL)
    *results = g_steal_pointer (&outcome);
  return n_imported;
}

/* Running the import in a thread, with its own connection */

typedef struct
{
  GTask                 *task;           /* not a reference: the job is the task's data */
  char                  *project_path;
  gboolean               read_only;
  char                 **paths;
  ShirabeImportOptions   options;        /* its strings are the copies below */
  char                  *case_name;
  char                  *case_pattern;
  char                  *language;
  char                  *kind;
  char                  *forced_encoding;
  char                  *pair_pattern;
  char                  *translation_language;
  char                  *password;
  ShirabeImportProgress  progress;
  gpointer               progress_data;
  GAsyncReadyCallback    callback;
  gpointer               callback_data;
  GMainContext          *context;
  guint                  total;
  int                    done;           /* atomic: files done, as last reported */
  int                    progress_queued; /* atomic: a progress call waits in @context */
  gboolean               finished;       /* in @context only: no more progress calls */

  /* Written by the worker before it returns, read afterwards in @context. */
  GPtrArray             *results;
  char                  *label;
  int                    n_changeset;
  void                  *changeset;
} ImportJob;

static void
import_job_free (ImportJob *job)
{
  g_free (job->project_path);
  g_strfreev (job->paths);
  g_free (job->case_name);
  g_free (job->case_pattern);
  g_free (job->language);
  g_free (job->kind);
  g_free (job->forced_encoding);
  g_free (job->pair_pattern);
  g_free (job->translation_language);
  if (job->password != NULL)
    explicit_bzero (job->password, strlen (job->password));
  g_free (job->password);
  g_clear_pointer (&job->context, g_main_context_unref);
  g_clear_pointer (&job->results, g_ptr_array_unref);
  g_free (job->label);
  sqlite3_free (job->changeset);
  g_free (job);
}

static gboolean
import_job_progress_dispatch (gpointer data)
{
  ImportJob *job = g_task_get_task_data (G_TASK (data));

  /* Cleared before reading the count, so that a count stored meanwhile queues a new call. */
  g_atomic_int_set (&job->progress_queued, FALSE);
  if (!job->finished)
    job->progress ((guint) g_atomic_int_get (&job->done), job->total, job->progress_data);
  return G_SOURCE_REMOVE;
}

/* In the worker: keeps the latest count, with at most one call waiting in the caller's
 * context, so a batch of thousands of small files does not flood the main loop. */
static void
import_job_progress (guint    done,
                     guint    total,
                     gpointer user_data)
{
  ImportJob *job = user_data;

  g_atomic_int_set (&job->done, (int) done);
  if (g_atomic_int_compare_and_exchange (&job->progress_queued, FALSE, TRUE))
    {
      /* A source attached to the caller's context, not g_main_context_invoke(): that calls the
       * function right here, in the worker, whenever no thread holds the context just then. */
      GSource *source = g_idle_source_new ();

      g_source_set_priority (source, G_PRIORITY_DEFAULT);
      g_source_set_callback (source, import_job_progress_dispatch, g_object_ref (job->task),
                             g_object_unref);
      g_source_set_static_name (source, "[shirabe] import progress");
      g_source_attach (source, job->context);
      g_source_unref (source);
    }
}

static void
import_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ImportJob *job = task_data;
  g_autoptr(ShirabeProject) project = NULL;
  GError *error = NULL;
  int n_imported;

  /* With a history of its own, so that the worker's edit is recorded as a changeset. */
  project = shirabe_project_open (job->project_path,
                                  job->read_only ? SHIRABE_PROJECT_READ_ONLY
                                                 : SHIRABE_PROJECT_DEFAULT,
                                  &error);
  if (project == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  n_imported = shirabe_project_import_files (project, (const char * const *) job->paths,
                                             &job->options,
                                             job->progress != NULL ? import_job_progress : NULL,
                                             job, cancellable, &job->results, &error);
  if (n_imported >= 0)
    shirabe_history_pop (shirabe_project_get_history (project), &job->label, &job->n_changeset,
                         &job->changeset);

  sqlite3_busy_timeout (shirabe_project_get_db (project), 0);
  shirabe_project_close (project, NULL);

  if (n_imported < 0)
    g_task_return_error (task, error);
  else
    g_task_return_int (task, n_imported);
}

/* In the caller's context, once the worker has returned: the import's step joins the caller's
 * history before anyone hears of the outcome. */
static void
import_done (GObject      *source_object,
             GAsyncResult *result,
             gpointer      user_data)
{
  ImportJob *job = user_data;

  job->finished = TRUE;
  if (!g_task_had_error (G_TASK (result)))
    {
      shirabe_project_adopt_changeset (SHIRABE_PROJECT (source_object), job->label,
                                       job->n_changeset, g_steal_pointer (&job->changeset));
      job->n_changeset = 0;
    }
  if (job->callback != NULL)
    job->callback (source_object, result, job->callback_data);
}

/**
 * shirabe_project_import_files_async:
 * @paths: (array zero-terminated=1): the files
 * @progress: (nullable): called in the caller's thread-default main context as files are done;
 *   a count may be skipped when files go by faster than the main loop turns, and it is never
 *   called once @callback has run
 * @cancellable: (nullable): cancelling it between files keeps nothing
 *
 * Runs shirabe_project_import_files() in a worker thread, on a connection of its own to the
 * project's file, so the caller's main loop keeps running. Nothing may write to the project
 * until @callback runs. Before @callback runs, the import is added to @project's undo history
 * as one step and @project emits "changed", as if it had been imported on @project itself.
 */
void
shirabe_project_import_files_async (ShirabeProject              *project,
                                    const char * const          *paths,
                                    const ShirabeImportOptions  *options,
                                    ShirabeImportProgress        progress,
                                    gpointer                     progress_data,
                                    GCancellable                *cancellable,
                                    GAsyncReadyCallback          callback,
                                    gpointer                     user_data)
{
  g_autoptr(GTask) task = NULL;
  ImportJob *job;

  g_return_if_fail (SHIRABE_IS_PROJECT (project));
  g_return_if_fail (paths != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  job = g_new0 (ImportJob, 1);
  job->project_path = g_strdup (shirabe_project_get_path (project));
  job->read_only = shirabe_project_get_read_only (project);
  job->paths = g_strdupv ((char **) paths);
  if (options != NULL)
    job->options = *options;
  job->case_name = g_strdup (job->options.case_name);
  job->case_pattern = g_strdup (job->options.case_pattern);
  job->language = g_strdup (job->options.language);
  job->kind = g_strdup (job->options.kind);
  job->forced_encoding = g_strdup (job->options.forced_encoding);
  job->pair_pattern = g_strdup (job->options.pair_pattern);
  job->translation_language = g_strdup (job->options.translation_language);
  job->options.pair_pattern = job->pair_pattern;
  job->options.translation_language = job->translation_language;
  /* The caller's string may be gone before the worker opens the PDF. */
  job->password = g_strdup (job->options.password);
  job->options.password = job->password;
  job->options.case_name = job->case_name;
  job->options.case_pattern = job->case_pattern;
  job->options.language = job->language;
  job->options.kind = job->kind;
  job->options.forced_encoding = job->forced_encoding;
  /* The worker would add to them while the caller may read them: timing is for the
   * synchronous call. */
  job->options.timings = NULL;
  job->progress = progress;
  job->progress_data = progress_data;
  job->callback = callback;
  job->callback_data = user_data;
  job->context = g_main_context_ref_thread_default ();
  job->total = g_strv_length (job->paths);

  task = g_task_new (project, cancellable, import_done, job);
  job->task = task;
  g_task_set_source_tag (task, shirabe_project_import_files_async);
  /* The worker reports a cancellation itself, after rolling back; a cancel that comes once the
   * batch is committed must not turn a finished import into a "cancelled" one. */
  g_task_set_check_cancellable (task, FALSE);
  g_task_set_task_data (task, job, (GDestroyNotify) import_job_free);

  if (shirabe_project_get_db (project) == NULL)
    {
      g_task_return_new_error (task, SHIRABE_ERROR, SHIRABE_ERROR_FAILED, "%s",
                               _("The project is closed"));
      return;
    }
  g_task_run_in_thread (task, import_thread);
}

/**
 * shirabe_project_import_files_finish:
 * @results: (out) (optional) (element-type ShirabeImportResult): one result per path, in order
 *
 * Returns: as shirabe_project_import_files(): the number of files imported; -1 with @error set
 * when nothing was written (read-only or closed project, full disk, cancelled)
 */
int
shirabe_project_import_files_finish (ShirabeProject  *project,
                                     GAsyncResult    *result,
                                     GPtrArray      **results,
                                     GError         **error)
{
  ImportJob *job;
  gssize n_imported;

  g_return_val_if_fail (SHIRABE_IS_PROJECT (project), -1);
  g_return_val_if_fail (g_task_is_valid (result, project), -1);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        shirabe_project_import_files_async, -1);

  job = g_task_get_task_data (G_TASK (result));
  n_imported = g_task_propagate_int (G_TASK (result), error);
  if (results != NULL)
    *results = g_steal_pointer (&job->results);
  return n_imported < 0 ? -1 : (int) n_imported;
}
