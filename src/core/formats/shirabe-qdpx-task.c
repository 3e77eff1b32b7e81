/* shirabe-qdpx-task.c: REFI-QDA export and import in a worker thread, their progress brought
 * back to the caller's main context
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "shirabe-qdpx.h"

typedef struct
{
  char                *project_path;
  char                *path;
  ShirabeLanguage      language;
  ShirabeOutputFlags   flags;
  ShirabeQdpxProgress  progress;
  gpointer             progress_data;
  GMainContext        *context;
  GTask               *task;       /* unowned: the task owns the job */
  gboolean             finished;   /* the caller has the outcome: no more progress */
} Job;

typedef struct
{
  GTask   *task;
  guint64  done;
  guint64  total;
} ProgressEvent;

static void
job_free (Job *job)
{
  g_free (job->project_path);
  g_free (job->path);
  g_clear_pointer (&job->context, g_main_context_unref);
  g_free (job);
}

static void
progress_event_free (ProgressEvent *event)
{
  g_object_unref (event->task);
  g_free (event);
}

static gboolean
progress_event_dispatch (gpointer data)
{
  ProgressEvent *event = data;
  Job *job = g_task_get_task_data (event->task);

  if (!job->finished)
    job->progress (event->done, event->total, job->progress_data);
  return G_SOURCE_REMOVE;
}

/* In the worker: a source attached to the caller's context, never a direct call. */
static void
job_progress (guint64  done,
              guint64  total,
              gpointer user_data)
{
  Job *job = user_data;
  ProgressEvent *event = g_new0 (ProgressEvent, 1);
  GSource *source = g_idle_source_new ();

  event->task = g_object_ref (job->task);
  event->done = done;
  event->total = total;
  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_callback (source, progress_event_dispatch, event,
                         (GDestroyNotify) progress_event_free);
  g_source_set_static_name (source, "[shirabe] REFI-QDA progress");
  g_source_attach (source, job->context);
  g_source_unref (source);
}

static Job *
job_new (GTask               *task,
         const char          *project_path,
         const char          *path,
         ShirabeQdpxProgress  progress,
         gpointer             progress_data)
{
  Job *job = g_new0 (Job, 1);

  job->project_path = g_strdup (project_path);
  job->path = g_strdup (path);
  job->progress = progress;
  job->progress_data = progress_data;
  job->context = g_main_context_ref_thread_default ();
  job->task = task;
  /* The worker reports a cancellation itself, after removing what it wrote. */
  g_task_set_check_cancellable (task, FALSE);
  g_task_set_task_data (task, job, (GDestroyNotify) job_free);
  return job;
}

static void
export_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  Job *job = task_data;
  g_autoptr(ShirabeProject) project = NULL;
  GError *error = NULL;

  project = shirabe_project_open (job->project_path,
                                  SHIRABE_PROJECT_READ_ONLY | SHIRABE_PROJECT_NO_HISTORY, &error);
  if (project == NULL ||
      !shirabe_project_export_qdpx (project, job->path, job->language, job->flags,
                                    job->progress != NULL ? job_progress : NULL, job,
                                    cancellable, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  shirabe_project_close (project, NULL);
  g_task_return_boolean (task, TRUE);
}

void
shirabe_project_export_qdpx_async (ShirabeProject      *project,
                                   const char          *path,
                                   ShirabeLanguage      language,
                                   ShirabeOutputFlags   flags,
                                   ShirabeQdpxProgress  progress,
                                   gpointer             progress_data,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  Job *job;

  g_return_if_fail (SHIRABE_IS_PROJECT (project));
  g_return_if_fail (path != NULL);

  task = g_task_new (project, cancellable, callback, user_data);
  g_task_set_source_tag (task, shirabe_project_export_qdpx_async);
  job = job_new (task, shirabe_project_get_path (project), path, progress, progress_data);
  job->language = language;
  job->flags = flags;
  g_task_run_in_thread (task, export_thread);
}

gboolean
shirabe_project_export_qdpx_finish (ShirabeProject  *project,
                                    GAsyncResult    *result,
                                    GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, project), FALSE);

  ((Job *) g_task_get_task_data (G_TASK (result)))->finished = TRUE;
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
import_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  Job *job = task_data;
  ShirabeQdpxReport *report = NULL;
  GError *error = NULL;

  if (shirabe_import_qdpx (job->path, job->project_path,
                           job->progress != NULL ? job_progress : NULL, job, cancellable,
                           &report, &error))
    g_task_return_pointer (task, report, (GDestroyNotify) shirabe_qdpx_report_free);
  else
    g_task_return_error (task, error);
}

void
shirabe_import_qdpx_async (const char          *qdpx_path,
                           const char          *project_path,
                           ShirabeQdpxProgress  progress,
                           gpointer             progress_data,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (qdpx_path != NULL);
  g_return_if_fail (project_path != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, shirabe_import_qdpx_async);
  job_new (task, project_path, qdpx_path, progress, progress_data);
  g_task_run_in_thread (task, import_thread);
}

gboolean
shirabe_import_qdpx_finish (GAsyncResult       *result,
                            ShirabeQdpxReport **report,
                            GError            **error)
{
  ShirabeQdpxReport *made;

  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  ((Job *) g_task_get_task_data (G_TASK (result)))->finished = TRUE;
  made = g_task_propagate_pointer (G_TASK (result), error);
  if (made == NULL)
    return FALSE;
  if (report != NULL)
    *report = made;
  else
    shirabe_qdpx_report_free (made);
  return TRUE;
}
