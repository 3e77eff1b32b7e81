/* shirabe-export.c: the coded project as tables for statistics
 *
 * The exporter reads the project straight from its schema and computes every table row by
 * row: each table is one statement stepping (or one per case or narrative, with an index), so
 * memory stays flat however many codings there are. The rows go to a sink that prints them as
 * an XLSX workbook, as CSV files or as SPSS or Stata files (shirabe-export-private.h).
 *
 * This file runs the export: it loads what the tables need (shirabe-export-load.c), runs the
 * passes in turn (a file for the tables of each kind of row, shirabe-export-tables-private.h
 * lists them), writes the about table, and commits the files. It also holds the helpers the
 * writers share.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "shirabe-i18n.h"

#include <errno.h>
#include <string.h>

#include "shirabe-export-about-private.h"
#include "shirabe-export-tables-private.h"
#include "shirabe-pseudonymise.h"

/* The process's umask, read without changing it (umask() would race with other threads):
 * Linux tells it in /proc/self/status; elsewhere the usual 022. */
static guint
read_umask (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (g_file_get_contents ("/proc/self/status", &status, NULL, NULL) &&
      (line = strstr (status, "\nUmask:")) != NULL)
    return (guint) g_ascii_strtoull (line + strlen ("\nUmask:"), NULL, 8) & 0777;
  return 022;
}

guint
shirabe_export_file_mode (void)
{
  return 0666 & ~read_umask ();
}

void
shirabe_export_set_io_error (GError     **error,
                             const char  *path,
                             int          saved_errno)
{
  g_autofree char *display = g_filename_display_name (path);

  if (saved_errno == ENOSPC || saved_errno == EFBIG
#ifdef EDQUOT
      || saved_errno == EDQUOT
#endif
      )
    {
      g_autofree char *absolute = g_canonicalize_filename (path, NULL);
      g_autofree char *folder = g_path_get_dirname (absolute);
      g_autofree char *folder_display = g_filename_display_name (folder);

      g_set_error (error, SHIRABE_ERROR, SHIRABE_ERROR_FULL,
                   _("The disk holding the folder “%s” is full, or the file may not grow: the "
                     "export “%s” was not written, and the project is unchanged"),
                   folder_display, display);
      return;
    }
  g_set_error (error, SHIRABE_ERROR, SHIRABE_ERROR_FAILED,
               _("Cannot write the export “%s”: %s"), display, g_strerror (saved_errno));
}

char *
shirabe_export_sheet_name (const char *name,
                           guint       index)
{
  g_autofree char *suffix = index > 1 ? g_strdup_printf (" (%u)", index) : g_strdup ("");
  guint limit = 31 - strlen (suffix);
  guint units = 0;
  GString *clean = g_string_new (NULL);

  for (const char *p = name; p != NULL && *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      guint size = c > 0xffff ? 2 : 1;

      if (units + size > limit)
        break;
      units += size;
      if (c < 0x20 || (c < 0x80 && strchr ("[]:*?/\\", (int) c) != NULL))
        g_string_append_c (clean, '_');
      else
        g_string_append_unichar (clean, c);
    }
  while (clean->len > 0 && clean->str[0] == '\'')
    g_string_erase (clean, 0, 1);
  while (clean->len > 0 && clean->str[clean->len - 1] == '\'')
    g_string_truncate (clean, clean->len - 1);
  if (clean->len == 0)
    g_string_assign (clean, "Sheet");
  /* Excel keeps "History" for itself. */
  if (g_ascii_strcasecmp (clean->str, "history") == 0)
    g_string_append_c (clean, '_');
  g_string_append (clean, suffix);
  return g_string_free (clean, FALSE);
}

/* Progress and cancellation */

void
shirabe_export_report (Exporter *self,
                       gboolean  force)
{
  double fraction;

  if (self->progress == NULL)
    return;
  fraction = self->total > 0 ? MIN (1.0, (double) self->done / (double) self->total) : 1.0;
  if (force || fraction - self->reported >= 0.005)
    {
      self->reported = fraction;
      self->progress (fraction, self->table_name, self->progress_data);
    }
}

gboolean
shirabe_export_check_cancelled (Exporter  *self,
                                GError   **error)
{
  if (g_cancellable_is_cancelled (self->cancellable))
    {
      g_autofree char *display = g_filename_display_name (self->path);

      g_set_error (error, SHIRABE_ERROR, SHIRABE_ERROR_CANCELLED,
                   _("The export to “%s” was cancelled; no file was written"), display);
      return FALSE;
    }
  return TRUE;
}

gboolean
shirabe_export_begin_table (Exporter            *self,
                            Term                 name,
                            ShirabeExportColumn *columns,
                            guint                n_columns,
                            GError             **error)
{
  /* With variable names as headers, the sheets have their stable ASCII names too, whatever
   * the language: read_excel (sheet = "cases") works on a Japanese export. */
  ShirabeExportTable table = { self->names ? shirabe_export_terms[name][0] : term (self, name),
                               shirabe_export_terms[name][0], columns, n_columns };

  self->table_name = table.sheet_name;
  shirabe_export_report (self, TRUE);
  if (!self->sink->vtable->begin_table (self->sink, &table, error))
    return FALSE;
  self->result->n_tables++;
  return TRUE;
}

/* What the export is: a sheet of its own, or README.txt beside the CSV files. */
static gboolean
write_about (Exporter  *self,
             GError   **error)
{
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *exported_at = g_date_time_format (now, "%Y-%m-%d %H:%M:%S");
  g_autofree char *project_name = shirabe_project_dup_name (self->project);
  g_autofree char *pseudonymised_at = shirabe_project_dup_meta (self->project,
                                                                "pseudonymised_at");
  g_autofree ShirabeExportCell *cells = NULL;
  ShirabeExportAbout info = { 0 };
  ShirabeExportResult saved;
  ShirabeExportColumn *columns;
  TableBuilder builder;
  guint n_columns;
  gboolean ok = FALSE;

  info.options = self->options;
  info.japanese = self->lang == 2;
  info.tables = self->tables;
  info.sheet_names_ascii = self->options->format != SHIRABE_EXPORT_XLSX || self->names;
  info.project_name = project_name != NULL ? project_name : "";
  info.exported_at = exported_at;
  info.pseudonymised_at = pseudonymised_at;
  info.coder_name = self->coder_id != 0 ? g_hash_table_lookup (self->coder_names, &self->coder_id)
                                        : NULL;
  rows = shirabe_export_about (&info);

  if (self->sink->vtable->write_text != NULL)
    {
      g_autoptr(GString) text = g_string_new (NULL);

      for (guint i = 0; i + 1 < rows->len; i += 2)
        g_string_append_printf (text, "%s\r\n  %s\r\n\r\n", (char *) rows->pdata[i],
                                (char *) rows->pdata[i + 1]);
      return self->sink->vtable->write_text (self->sink, "README.txt", text->str, error);
    }

  /* Documentation, not data: the result counts the data tables only. */
  saved = *self->result;
  table_builder_init (&builder, self);
  table_builder_add_term (&builder, self, T_ITEM, SHIRABE_COLUMN_TEXT);
  table_builder_add_term (&builder, self, T_DESCRIPTION, SHIRABE_COLUMN_LONG_TEXT);
  columns = table_builder_finish (&builder, &n_columns);
  if (!shirabe_export_begin_table (self, T_ABOUT, columns, n_columns, error))
    goto out;
  cells = g_new0 (ShirabeExportCell, n_columns);
  for (guint i = 0; i + 1 < rows->len; i += 2)
    {
      cell_text (self, &cells[0], rows->pdata[i]);
      cell_text (self, &cells[1], rows->pdata[i + 1]);
      if (!write_row (self, cells, error))
        goto out;
    }
  ok = self->sink->vtable->end_table (self->sink, error);
  *self->result = saved;

out:
  shirabe_export_columns_free (columns, n_columns);
  return ok;
}

/* The whole export */

static void
exporter_clear (Exporter *self)
{
  g_clear_pointer (&self->codable, g_ptr_array_unref);
  g_clear_pointer (&self->code_by_id, g_hash_table_unref);
  g_clear_pointer (&self->code_at, g_free);
  g_clear_pointer (&self->case_complete, g_hash_table_unref);
  g_clear_pointer (&self->codes, g_ptr_array_unref);
  g_clear_pointer (&self->code_headers, g_strfreev);
  g_clear_pointer (&self->code_labels, g_strfreev);
  g_clear_pointer (&self->rollup_labels, g_strfreev);
  g_clear_pointer (&self->rollups, g_ptr_array_unref);
  g_clear_pointer (&self->rollup_headers, g_strfreev);
  g_clear_pointer (&self->case_attributes, g_ptr_array_unref);
  g_clear_pointer (&self->narrative_attributes, g_ptr_array_unref);
  g_clear_pointer (&self->coder_names, g_hash_table_unref);
  g_clear_pointer (&self->family_of, g_hash_table_unref);
  g_clear_pointer (&self->unit_rows, g_array_unref);
  g_clear_pointer (&self->unit_carried, g_array_unref);
  g_clear_pointer (&self->translated, g_hash_table_unref);
  g_clear_pointer (&self->row_strings, g_ptr_array_unref);
  g_clear_pointer (&self->cooccurrence, g_free);
  g_clear_pointer (&self->overlaps, g_free);
}

static char *
describe_options (Exporter *self)
{
  const ShirabeExportOptions *options = self->options;

  static const char *const format_names[] = { "XLSX", "CSV", "SPSS", "Stata" };

  return g_strdup_printf ("Shirabe %s export: language=%s headers=%s code-columns=%s coder=%s "
                          "excerpts=%s",
                          format_names[CLAMP ((int) options->format, 0, 3)],
                          self->lang == 2 ? "ja" : "en",
                          self->names ? "names" : "labels",
                          options->presence ? "presence" : "counts",
                          options->coder != NULL ? options->coder : "all",
                          options->no_excerpts ? "no" : "yes");
}

static guint
count_tables (ShirabeExportTables tables)
{
  guint n = 0;

  for (; tables != 0; tables &= tables - 1)
    n++;
  return n;
}

/**
 * shirabe_project_export:
 * @project: an open project
 * @path: the workbook to write (XLSX), or the folder to write the CSV files into
 * @options: (nullable): what to export and how; %NULL for the defaults
 * @progress: (nullable) (scope call): called as the export goes on
 * @cancellable: (nullable): cancels the export; nothing is left behind
 * @result: (out caller-allocates) (optional): what was written
 *
 * Writes the tables cases, codings, codebook, narratives and cooccurrence (and with
 * @options->overlaps, overlaps) for statistics. Everything is written under temporary names
 * beside @path and renamed at the end, so a failed or cancelled export leaves no partial file.
 * The project is read in one read transaction: an edit made meanwhile by another connection
 * does not tear the tables apart.
 *
 * Returns: %TRUE when every file is in place; %FALSE with @error set otherwise
 */
gboolean
shirabe_project_export (ShirabeProject              *project,
                        const char                  *path,
                        const ShirabeExportOptions  *options,
                        ShirabeExportProgress        progress,
                        gpointer                     user_data,
                        GCancellable                *cancellable,
                        ShirabeExportResult         *result,
                        GError                     **error)
{
  static const ShirabeExportOptions defaults = { 0 };
  ShirabeExportResult local_result;
  Exporter self = { 0 };
  ShirabeExportMeta meta = { 0 };
  g_autofree char *title = NULL;
  g_autofree char *comments = NULL;
  g_autofree char *dataset_label = NULL;
  gboolean in_transaction = FALSE;
  gboolean ok = FALSE;

  g_return_val_if_fail (SHIRABE_IS_PROJECT (project), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (options == NULL)
    options = &defaults;
  if (result == NULL)
    result = &local_result;
  memset (result, 0, sizeof *result);

  if (options->pseudonymise)
    {
      ShirabeExportOptions plain = *options;
      g_autofree char *folder = NULL;
      ShirabeProject *copy;

      /* The project stays open meanwhile: the output check still refuses it as a target. */
      copy = shirabe_project_open_pseudonymised (project, &folder, error);
      if (copy == NULL)
        return FALSE;
      plain.pseudonymise = FALSE;
      ok = shirabe_project_export (copy, path, &plain, progress, user_data, cancellable, result,
                                   error);
      shirabe_pseudonymised_discard (copy, folder);
      return ok;
    }

  self.project = project;
  self.db = shirabe_project_get_db (project);
  self.path = path;
  self.options = options;
  self.lang = options->language == SHIRABE_LANGUAGE_JA ? 2 : 1;
  /* SPSS and Stata files name their variables, and label them besides. */
  self.stats = options->format == SHIRABE_EXPORT_SAV || options->format == SHIRABE_EXPORT_DTA;
  self.names = options->header == SHIRABE_EXPORT_HEADER_NAMES || self.stats;
  /* Their choices are codes, labelled: the cells carry the stored values to the writer. */
  self.choice_labels = options->choices == SHIRABE_EXPORT_CHOICES_LABELS && !self.stats;
  self.max_chars = options->max_chars > 0 ? MIN (options->max_chars, SHIRABE_EXPORT_MAX_CHARS)
                                          : SHIRABE_EXPORT_MAX_CHARS;
  /* Room for the marker itself. */
  self.max_chars = MAX (self.max_chars, 64);
  /* A CSV field has no length limit: text is cut only where a spreadsheet cell must be. */
  if (options->format == SHIRABE_EXPORT_CSV)
    self.max_chars = G_MAXUINT;
  /* An SPSS string holds at most 32,767 bytes. */
  if (options->format == SHIRABE_EXPORT_SAV)
    self.max_bytes = 32767;
  self.result = result;
  self.progress = progress;
  self.progress_data = user_data;
  self.cancellable = cancellable;
  self.table_name = shirabe_export_terms[T_CASES][self.lang];

  if (self.db == NULL)
    {
      g_set_error_literal (error, SHIRABE_ERROR, SHIRABE_ERROR_FAILED, _("The project is closed"));
      return FALSE;
    }
  if (!shirabe_export_check_cancelled (&self, error))
    return FALSE;

  /* One read transaction: every table sees the same project. Inside an edit of this
   * connection there is nothing to isolate from. */
  if (sqlite3_get_autocommit (self.db))
    {
      int rc = sqlite3_exec (self.db, "BEGIN", NULL, NULL, NULL);

      if (rc != SQLITE_OK)
        return shirabe_project_set_sqlite_error (project, rc, error);
      in_transaction = TRUE;
    }

  if (!shirabe_export_load (&self, error))
    goto out;

  title = shirabe_project_dup_name (project);
  comments = describe_options (&self);
  meta.title = title;
  meta.subject = term (&self, T_SUBJECT);
  meta.comments = comments;
  {
    g_autoptr(GDateTime) now = g_date_time_new_now_local ();
    g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");

    /* Not a translatable message: the language is the export's. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
    dataset_label = g_strdup_printf (term (&self, T_DATASET), today, title != NULL ? title : "");
#pragma GCC diagnostic pop
    meta.dataset_label = dataset_label;
  }

  if (options->format == SHIRABE_EXPORT_CSV)
    self.sink = shirabe_export_csv_sink_new (path, options, result, error);
  else if (self.stats)
    self.sink = shirabe_export_stats_sink_new (path, options, &meta,
                                               count_tables (self.tables),
                                               result, error);
  else
    self.sink = shirabe_export_xlsx_sink_new (path, options, &meta, result, error);
  if (self.sink == NULL)
    goto out;

  /* The cases table computes the codebook's and cooccurrence's counts, the codings table
   * the overlaps: they run, without writing, when their tables are left out (and not at all
   * when nothing needs them). */
  ok = (!needs_case_pass (&self) || shirabe_export_write_cases (&self, error)) &&
       ((self.tables & (SHIRABE_EXPORT_TABLE_CODINGS | SHIRABE_EXPORT_TABLE_OVERLAPS)) == 0 ||
        shirabe_export_write_codings (&self, error)) &&
       (!(self.tables & SHIRABE_EXPORT_TABLE_CODER_COUNTS) ||
        shirabe_export_write_coder_counts (&self, error)) &&
       (!(self.tables & SHIRABE_EXPORT_TABLE_CODEBOOK) ||
        shirabe_export_write_codebook (&self, error)) &&
       (!(self.tables & SHIRABE_EXPORT_TABLE_NARRATIVES) ||
        shirabe_export_write_narratives (&self, error)) &&
       ((!(self.tables & SHIRABE_EXPORT_TABLE_NARRATIVE_CODES) &&
         options->cooccurrence == SHIRABE_EXPORT_COOCCURRENCE_CASES) ||
        shirabe_export_narrative_pass (&self, error)) &&
       (!(self.tables & SHIRABE_EXPORT_TABLE_COOCCURRENCE) ||
        shirabe_export_write_matrix (&self, T_COOCCURRENCE, self.cooccurrence, NULL, error)) &&
       (!(self.tables & SHIRABE_EXPORT_TABLE_OVERLAPS) ||
        shirabe_export_write_matrix (&self, T_OVERLAPS, NULL, self.overlaps, error)) &&
       (!(self.tables & SHIRABE_EXPORT_TABLE_MEMOS) || shirabe_export_write_memos (&self, error)) &&
       write_about (&self, error) &&
       shirabe_export_check_cancelled (&self, error) &&
       self.sink->vtable->commit (self.sink, error);
  if (!ok)
    self.sink->vtable->abort (self.sink);
  self.sink->vtable->free (self.sink);
  if (ok)
    {
      self.done = self.total;
      shirabe_export_report (&self, TRUE);
    }

out:
  if (in_transaction)
    sqlite3_exec (self.db, "COMMIT", NULL, NULL, NULL);
  exporter_clear (&self);
  return ok;
}

/* Running the export in a thread, with its own connection */

typedef struct
{
  char                  *project_path;
  char                  *path;
  ShirabeExportOptions   options;
  char                  *coder;
  ShirabeExportProgress  progress;
  gpointer               progress_data;
  GMainContext          *context;
  GTask                 *task;       /* unowned: the task owns the job */
  gboolean               finished;   /* the caller has the outcome: no more progress */
  ShirabeExportResult    result;
} ExportJob;

typedef struct
{
  GTask                 *task;
  double                 fraction;
  char                  *table;
} ProgressEvent;

static void
export_job_free (ExportJob *job)
{
  g_free (job->project_path);
  g_free (job->path);
  g_free (job->coder);
  g_clear_pointer (&job->context, g_main_context_unref);
  g_free (job);
}

static void
progress_event_free (ProgressEvent *event)
{
  g_object_unref (event->task);
  g_free (event->table);
  g_free (event);
}

static gboolean
progress_event_dispatch (gpointer data)
{
  ProgressEvent *event = data;
  ExportJob *job = g_task_get_task_data (event->task);

  if (!job->finished)
    job->progress (event->fraction, event->table, job->progress_data);
  return G_SOURCE_REMOVE;
}

/* In the worker: the progress goes to the caller's context through a source attached there,
 * not g_main_context_invoke(), which calls the function right here, in the worker, whenever
 * no thread holds that context just then. */
static void
export_job_progress (double      fraction,
                     const char *table,
                     gpointer    user_data)
{
  ExportJob *job = user_data;
  ProgressEvent *event = g_new0 (ProgressEvent, 1);
  GSource *source = g_idle_source_new ();

  event->task = g_object_ref (job->task);
  event->fraction = fraction;
  event->table = g_strdup (table);
  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_callback (source, progress_event_dispatch, event,
                         (GDestroyNotify) progress_event_free);
  g_source_set_static_name (source, "[shirabe] export progress");
  g_source_attach (source, job->context);
  g_source_unref (source);
}

static void
export_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ExportJob *job = task_data;
  g_autoptr(ShirabeProject) project = NULL;
  GError *error = NULL;

  project = shirabe_project_open (job->project_path,
                                  SHIRABE_PROJECT_READ_ONLY | SHIRABE_PROJECT_NO_HISTORY, &error);
  if (project == NULL ||
      !shirabe_project_export (project, job->path, &job->options,
                               job->progress != NULL ? export_job_progress : NULL, job,
                               cancellable, &job->result, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  shirabe_project_close (project, NULL);
  g_task_return_boolean (task, TRUE);
}

/**
 * shirabe_project_export_async:
 *
 * Runs shirabe_project_export() in a worker thread with its own read-only connection to the
 * project file, so the window stays responsive. @progress is called in the thread-default main
 * context of the caller. Edits saved meanwhile are not part of the export.
 */
void
shirabe_project_export_async (ShirabeProject              *project,
                              const char                  *path,
                              const ShirabeExportOptions  *options,
                              ShirabeExportProgress        progress,
                              gpointer                     user_data,
                              GCancellable                *cancellable,
                              GAsyncReadyCallback          callback,
                              gpointer                     callback_data)
{
  g_autoptr(GTask) task = NULL;
  ExportJob *job;

  g_return_if_fail (SHIRABE_IS_PROJECT (project));
  g_return_if_fail (path != NULL);

  job = g_new0 (ExportJob, 1);
  job->project_path = g_strdup (shirabe_project_get_path (project));
  job->path = g_strdup (path);
  if (options != NULL)
    job->options = *options;
  job->coder = g_strdup (job->options.coder);
  job->options.coder = job->coder;
  job->progress = progress;
  job->progress_data = user_data;
  job->context = g_main_context_ref_thread_default ();

  task = g_task_new (project, cancellable, callback, callback_data);
  job->task = task;
  g_task_set_source_tag (task, shirabe_project_export_async);
  /* The worker itself reports a cancellation, after removing what it wrote; a cancel that comes
   * once the files are in place must not turn a finished export into a "cancelled" one. */
  g_task_set_check_cancellable (task, FALSE);
  g_task_set_task_data (task, job, (GDestroyNotify) export_job_free);
  g_task_run_in_thread (task, export_thread);
}

gboolean
shirabe_project_export_finish (ShirabeProject       *project,
                               GAsyncResult         *result,
                               ShirabeExportResult  *export_result,
                               GError              **error)
{
  GTask *task = G_TASK (result);

  g_return_val_if_fail (g_task_is_valid (result, project), FALSE);

  ((ExportJob *) g_task_get_task_data (task))->finished = TRUE;
  if (!g_task_propagate_boolean (task, error))
    return FALSE;
  if (export_result != NULL)
    *export_result = ((ExportJob *) g_task_get_task_data (task))->result;
  return TRUE;
}
