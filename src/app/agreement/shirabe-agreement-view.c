/* shirabe-agreement-view.c: the agreement report in the window
 *
 * The coders to compare are ticked (two or more), the unit chosen, and the report computed in
 * a worker thread on a read-only connection of its own, so that a large study never freezes
 * the window. A row per code gives percent agreement, kappa and alpha, coloured by
 * Krippendorff's thresholds (0.8 and 0.667); clicking a code lists the passages the coders
 * disagree on, and clicking one opens it in the reader.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "shirabe-i18n.h"

#include <math.h>

#include "shirabe-agreement.h"
#include "shirabe-agreement-view.h"

/* One code's figures, as a row of the table. */
#define SHIRABE_TYPE_AGREEMENT_ROW (shirabe_agreement_row_get_type ())
G_DECLARE_FINAL_TYPE (ShirabeAgreementRow, shirabe_agreement_row, SHIRABE, AGREEMENT_ROW, GObject)

struct _ShirabeAgreementRow
{
  GObject                 parent_instance;
  ShirabeAgreementRecord  record;   /* labels owned */
  const char             *note;
  guint                   index;    /* in the report, for its disagreements */
};

G_DEFINE_FINAL_TYPE (ShirabeAgreementRow, shirabe_agreement_row, G_TYPE_OBJECT)

static void
shirabe_agreement_row_finalize (GObject *object)
{
  ShirabeAgreementRow *self = SHIRABE_AGREEMENT_ROW (object);

  g_free (self->record.code_uuid);
  g_free (self->record.label_en);
  g_free (self->record.label_ja);
  G_OBJECT_CLASS (shirabe_agreement_row_parent_class)->finalize (object);
}

static void
shirabe_agreement_row_class_init (ShirabeAgreementRowClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = shirabe_agreement_row_finalize;
}

static void
shirabe_agreement_row_init (ShirabeAgreementRow *self)
{
}

/* One passage the coders disagree on. */
#define SHIRABE_TYPE_DISAGREEMENT_ITEM (shirabe_disagreement_item_get_type ())
G_DECLARE_FINAL_TYPE (ShirabeDisagreementItem, shirabe_disagreement_item, SHIRABE,
                      DISAGREEMENT_ITEM, GObject)

struct _ShirabeDisagreementItem
{
  GObject             parent_instance;
  ShirabeDisagreement disagreement;
  char               *coded_by;
  char               *not_by;
};

G_DEFINE_FINAL_TYPE (ShirabeDisagreementItem, shirabe_disagreement_item, G_TYPE_OBJECT)

static void
shirabe_disagreement_item_finalize (GObject *object)
{
  ShirabeDisagreementItem *self = SHIRABE_DISAGREEMENT_ITEM (object);

  g_free (self->coded_by);
  g_free (self->not_by);
  G_OBJECT_CLASS (shirabe_disagreement_item_parent_class)->finalize (object);
}

static void
shirabe_disagreement_item_class_init (ShirabeDisagreementItemClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = shirabe_disagreement_item_finalize;
}

static void
shirabe_disagreement_item_init (ShirabeDisagreementItem *self)
{
}

struct _ShirabeAgreementView
{
  AdwBin                  parent_instance;

  GtkFlowBox             *coder_box;
  GtkDropDown            *unit_dropdown;
  GtkSpinner             *spinner;
  GtkLabel               *summary_label;
  GtkColumnView          *table;
  GtkLabel               *disagreements_label;
  GtkListView            *disagreement_list;

  ShirabeProject         *project;
  gboolean                coders_stale;
  ShirabeAgreementReport *report;
  GListStore             *rows;
  GListStore             *disagreements;
  GCancellable           *cancellable;
  GtkFileChooserNative   *chooser;
  GArray                 *coder_ids;     /* of the check buttons, in order */
  GPtrArray              *coder_checks;
};

G_DEFINE_FINAL_TYPE (ShirabeAgreementView, shirabe_agreement_view, ADW_TYPE_BIN)

static const ShirabeAgreementUnit units[] = {
  SHIRABE_AGREEMENT_UNIT_CASE, SHIRABE_AGREEMENT_UNIT_NARRATIVE,
  SHIRABE_AGREEMENT_UNIT_CHARACTER, SHIRABE_AGREEMENT_UNIT_SEGMENT,
};

static char *
format_value (double value)
{
  return isnan (value) ? g_strdup ("—") : g_strdup_printf ("%.3f", value);
}

/* The table's columns: what a cell shows of a row. */
typedef enum
{
  COLUMN_CODE,
  COLUMN_UNITS,
  COLUMN_PERCENT,
  COLUMN_KAPPA,
  COLUMN_ALPHA,
  COLUMN_DISAGREEMENTS,
} Column;

static double
column_value (ShirabeAgreementRow *row,
              Column               column)
{
  const ShirabeAgreement *stats = &row->record.stats;

  switch (column)
    {
    case COLUMN_UNITS:
      return (double) stats->n_units;
    case COLUMN_PERCENT:
      return stats->percent;
    case COLUMN_KAPPA:
      return stats->n_coders == 2 ? stats->cohen_kappa : stats->fleiss_kappa;
    case COLUMN_ALPHA:
      return stats->alpha;
    case COLUMN_DISAGREEMENTS:
      return (double) row->record.n_disagreements;
    case COLUMN_CODE:
    default:
      return 0;
    }
}

static gboolean
prefers_japanese (void)
{
  return g_str_has_prefix (pango_language_to_string (gtk_get_default_language ()), "ja");
}

static const char *
row_label (ShirabeAgreementRow *row)
{
  if (row->record.code_id == 0)
    return _("All codes (pooled)");
  if (prefers_japanese () && row->record.label_ja[0] != '\0')
    return row->record.label_ja;
  return row->record.label_en[0] != '\0' ? row->record.label_en : row->record.label_ja;
}

static void
setup_cell (GtkSignalListItemFactory *factory,
            GtkListItem              *item,
            gpointer                  user_data)
{
  Column column = GPOINTER_TO_INT (user_data);
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), column == COLUMN_CODE ? 0.0 : 1.0);
  if (column == COLUMN_CODE)
    gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  else
    gtk_widget_add_css_class (label, "numeric");
  gtk_list_item_set_child (item, label);
}

static void
bind_cell (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           gpointer                  user_data)
{
  Column column = GPOINTER_TO_INT (user_data);
  ShirabeAgreementRow *row = gtk_list_item_get_item (item);
  GtkWidget *label = gtk_list_item_get_child (item);
  double value = column_value (row, column);
  g_autofree char *text = NULL;

  gtk_widget_remove_css_class (label, "success");
  gtk_widget_remove_css_class (label, "warning");
  gtk_widget_remove_css_class (label, "error");
  gtk_widget_set_tooltip_text (label, row->note);
  switch (column)
    {
    case COLUMN_CODE:
      gtk_label_set_text (GTK_LABEL (label), row_label (row));
      return;
    case COLUMN_UNITS:
    case COLUMN_DISAGREEMENTS:
      text = g_strdup_printf ("%" G_GUINT64_FORMAT, (guint64) value);
      break;
    case COLUMN_ALPHA:
      text = format_value (value);
      if (!isnan (row->record.stats.alpha_low))
        {
          g_autofree char *with = g_strdup_printf ("%s (%.2f–%.2f)", text,
                                                   row->record.stats.alpha_low,
                                                   row->record.stats.alpha_high);

          g_free (text);
          text = g_steal_pointer (&with);
        }
      /* Krippendorff's rule of thumb: 0.8 to rely on, 0.667 for tentative conclusions. */
      if (!isnan (value))
        gtk_widget_add_css_class (label, value >= 0.8 ? "success"
                                         : value >= 0.667 ? "warning" : "error");
      break;
    default:
      text = format_value (value);
      break;
    }
  gtk_label_set_text (GTK_LABEL (label), text);
}

static int
compare_rows (gconstpointer a,
              gconstpointer b,
              gpointer      user_data)
{
  ShirabeAgreementRow *x = (ShirabeAgreementRow *) a, *y = (ShirabeAgreementRow *) b;
  Column column = GPOINTER_TO_INT (user_data);
  double vx, vy;

  if (column == COLUMN_CODE)
    return x->index < y->index ? GTK_ORDERING_SMALLER
           : x->index > y->index ? GTK_ORDERING_LARGER : GTK_ORDERING_EQUAL;
  vx = column_value (x, column);
  vy = column_value (y, column);
  /* Undefined figures sort before every number. */
  if (isnan (vx) || isnan (vy))
    return isnan (vx) && isnan (vy) ? GTK_ORDERING_EQUAL
           : isnan (vx) ? GTK_ORDERING_SMALLER : GTK_ORDERING_LARGER;
  return vx < vy ? GTK_ORDERING_SMALLER : vx > vy ? GTK_ORDERING_LARGER : GTK_ORDERING_EQUAL;
}

static void
add_column (ShirabeAgreementView *self,
            const char           *title,
            Column                column)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkColumnViewColumn *view_column;
  GtkSorter *sorter;

  g_signal_connect (factory, "setup", G_CALLBACK (setup_cell), GINT_TO_POINTER (column));
  g_signal_connect (factory, "bind", G_CALLBACK (bind_cell), GINT_TO_POINTER (column));
  view_column = gtk_column_view_column_new (title, factory);
  sorter = GTK_SORTER (gtk_custom_sorter_new (compare_rows, GINT_TO_POINTER (column), NULL));
  gtk_column_view_column_set_sorter (view_column, sorter);
  g_object_unref (sorter);
  if (column == COLUMN_CODE)
    gtk_column_view_column_set_expand (view_column, TRUE);
  gtk_column_view_append_column (self->table, view_column);
  g_object_unref (view_column);
}

/* Disagreements */

static void
setup_disagreement (GtkSignalListItemFactory *factory,
                    GtkListItem              *item,
                    gpointer                  user_data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *title = gtk_label_new (NULL);
  GtkWidget *passage = gtk_label_new (NULL);
  GtkWidget *coders = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_widget_add_css_class (title, "heading");
  gtk_label_set_xalign (GTK_LABEL (passage), 0);
  gtk_label_set_wrap (GTK_LABEL (passage), TRUE);
  gtk_label_set_lines (GTK_LABEL (passage), 3);
  gtk_label_set_ellipsize (GTK_LABEL (passage), PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign (GTK_LABEL (coders), 0);
  gtk_widget_add_css_class (coders, "dim-label");
  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), passage);
  gtk_box_append (GTK_BOX (box), coders);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_list_item_set_child (item, box);
}

static void
bind_disagreement (GtkSignalListItemFactory *factory,
                   GtkListItem              *item,
                   gpointer                  user_data)
{
  ShirabeAgreementView *self = user_data;
  ShirabeDisagreementItem *d = gtk_list_item_get_item (item);
  GtkWidget *title = gtk_widget_get_first_child (gtk_list_item_get_child (item));
  GtkWidget *passage = gtk_widget_get_next_sibling (title);
  GtkWidget *coders = gtk_widget_get_next_sibling (passage);
  g_autofree char *case_name = NULL, *narrative = NULL, *text = NULL;
  g_autofree char *heading = NULL, *who = NULL;

  /* Read as the row comes into view: a report can list thousands. */
  if (self->project == NULL ||
      !shirabe_agreement_describe (self->project, &d->disagreement, 300, &case_name, &narrative,
                                   &text, NULL))
    return;
  /* TRANSLATORS: "Case — Narrative", above a passage */
  heading = g_strdup_printf (_("%s — %s"), case_name, narrative);
  gtk_label_set_text (GTK_LABEL (title), heading);
  gtk_label_set_text (GTK_LABEL (passage), text);
  /* TRANSLATORS: who coded a passage and who did not */
  who = g_strdup_printf (_("Coded by %s · not by %s"), d->coded_by, d->not_by);
  gtk_label_set_text (GTK_LABEL (coders), who);
}

static void
show_disagreements (ShirabeAgreementView *self,
                    ShirabeAgreementRow  *row)
{
  GArray *all = shirabe_agreement_report_get_disagreements (self->report);
  g_autoptr (GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *heading = NULL;

  for (guint i = 0; i < all->len; i++)
    {
      const ShirabeDisagreement *d = &g_array_index (all, ShirabeDisagreement, i);
      ShirabeDisagreementItem *item;

      if (row->record.code_id != 0 && d->code_id != row->record.code_id)
        continue;
      item = g_object_new (SHIRABE_TYPE_DISAGREEMENT_ITEM, NULL);
      item->disagreement = *d;
      item->coded_by = shirabe_agreement_report_dup_coder_names (self->report, d->coded_by);
      item->not_by = shirabe_agreement_report_dup_coder_names (self->report, d->not_by);
      g_ptr_array_add (items, item);
    }
  g_list_store_splice (self->disagreements, 0, g_list_model_get_n_items (G_LIST_MODEL (self->disagreements)),
                       items->pdata, items->len);
  heading = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s: %u passage the coders disagree on",
                                          "%s: %u passages the coders disagree on", items->len),
                             row_label (row), items->len);
  gtk_label_set_text (self->disagreements_label, heading);
}

static void
on_row_activated (ShirabeAgreementView *self,
                  guint                 position)
{
  GListModel *model = G_LIST_MODEL (gtk_column_view_get_model (self->table));
  g_autoptr (ShirabeAgreementRow) row = g_list_model_get_item (model, position);

  if (row != NULL && self->report != NULL)
    show_disagreements (self, row);
}

static void
on_disagreement_activated (ShirabeAgreementView *self,
                           guint                 position)
{
  g_autoptr (ShirabeDisagreementItem) item =
    g_list_model_get_item (G_LIST_MODEL (self->disagreements), position);

  if (item == NULL)
    return;
  gtk_widget_activate_action (GTK_WIDGET (self), "win.open-passage", "(xxx)",
                              item->disagreement.narrative_id, item->disagreement.start,
                              item->disagreement.end);
}

/* Computing */

typedef struct
{
  char                    *path;
  ShirabeAgreementOptions  options;
} Job;

static void
job_free (Job *job)
{
  g_free (job->path);
  g_clear_pointer (&job->options.coder_ids, g_array_unref);
  g_free (job);
}

static void
compute_in_thread (GTask        *task,
                   gpointer      source,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  Job *job = task_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (ShirabeProject) project = NULL;
  ShirabeAgreementReport *report;

  project = shirabe_project_open (job->path, SHIRABE_PROJECT_READ_ONLY | SHIRABE_PROJECT_NO_HISTORY,
                                  &error);
  if (project == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  report = shirabe_agreement_report_new (project, &job->options, cancellable, &error);
  shirabe_project_close (project, NULL);
  if (report == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, report, (GDestroyNotify) shirabe_agreement_report_free);
}

static void
set_busy (ShirabeAgreementView *self,
          gboolean              busy)
{
  gtk_spinner_set_spinning (self->spinner, busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "agreement.compute", !busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "agreement.export",
                                 !busy && self->report != NULL);
}

static void
on_computed (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr (ShirabeAgreementView) self = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);
  ShirabeAgreementReport *report = g_task_propagate_pointer (G_TASK (result), &error);
  const ShirabeAgreementRecord *pooled;
  g_autofree char *names = NULL, *alpha = NULL, *percent = NULL, *summary = NULL;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_object (&self->cancellable);
  g_list_store_remove_all (self->disagreements);
  if (report == NULL)
    {
      g_list_store_remove_all (self->rows);
      g_clear_pointer (&self->report, shirabe_agreement_report_free);
      gtk_label_set_text (self->summary_label, error->message);
      set_busy (self, FALSE);
      return;
    }
  g_clear_pointer (&self->report, shirabe_agreement_report_free);
  self->report = report;
  set_busy (self, FALSE);
  for (guint i = 0; i <= shirabe_agreement_report_get_n_records (report); i++)
    {
      const ShirabeAgreementRecord *record = shirabe_agreement_report_get_record (report, i);
      ShirabeAgreementRow *row = g_object_new (SHIRABE_TYPE_AGREEMENT_ROW, NULL);

      row->record = *record;
      row->record.code_uuid = g_strdup (record->code_uuid);
      row->record.label_en = g_strdup (record->label_en);
      row->record.label_ja = g_strdup (record->label_ja);
      row->note = shirabe_agreement_record_note (shirabe_agreement_report_get_unit (report),
                                                 record);
      row->index = i;
      g_ptr_array_add (rows, row);
    }
  g_list_store_splice (self->rows, 0, g_list_model_get_n_items (G_LIST_MODEL (self->rows)),
                       rows->pdata, rows->len);
  pooled = shirabe_agreement_report_get_pooled (report);
  names = shirabe_agreement_report_dup_coder_names (report, G_MAXUINT32);
  alpha = format_value (pooled->stats.alpha);
  percent = format_value (pooled->stats.percent);
  summary = g_strdup_printf (_("%s: pooled over %u codes, percent agreement %s, Krippendorff’s "
                               "alpha %s; %u narratives coded by every coder."),
                             names, shirabe_agreement_report_get_n_records (report), percent,
                             alpha, shirabe_agreement_report_get_n_shared_narratives (report));
  gtk_label_set_text (self->summary_label, summary);
  gtk_label_set_text (self->disagreements_label,
                      _("Click a code to see where the coders disagree."));
}

void
shirabe_agreement_view_compute (ShirabeAgreementView *self)
{
  g_autoptr (GTask) task = NULL;
  Job *job;

  g_return_if_fail (SHIRABE_IS_AGREEMENT_VIEW (self));

  if (self->project == NULL)
    return;
  job = g_new0 (Job, 1);
  job->path = g_strdup (shirabe_project_get_path (self->project));
  job->options.unit = units[MIN (gtk_drop_down_get_selected (self->unit_dropdown),
                                 G_N_ELEMENTS (units) - 1)];
  job->options.coder_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  for (guint i = 0; i < self->coder_checks->len; i++)
    if (gtk_check_button_get_active (self->coder_checks->pdata[i]))
      g_array_append_val (job->options.coder_ids, g_array_index (self->coder_ids, gint64, i));
  if (job->options.coder_ids->len == 1)
    {
      gtk_label_set_text (self->summary_label, _("Tick at least two coders to compare."));
      job_free (job);
      return;
    }
  job->options.n_resamples = 1000;
  job->options.seed = 1;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  set_busy (self, TRUE);
  task = g_task_new (self, self->cancellable, on_computed, g_object_ref (self));
  g_task_set_task_data (task, job, (GDestroyNotify) job_free);
  g_task_run_in_thread (task, compute_in_thread);
}

gboolean
shirabe_agreement_view_is_busy (ShirabeAgreementView *self)
{
  return self->cancellable != NULL;
}

GListModel *
shirabe_agreement_view_get_rows (ShirabeAgreementView *self)
{
  return G_LIST_MODEL (self->rows);
}

GListModel *
shirabe_agreement_view_get_disagreements (ShirabeAgreementView *self)
{
  return G_LIST_MODEL (self->disagreements);
}

void
shirabe_agreement_view_select_row (ShirabeAgreementView *self,
                                   guint                 position)
{
  g_autoptr (ShirabeAgreementRow) row = g_list_model_get_item (G_LIST_MODEL (self->rows),
                                                               position);

  if (row != NULL && self->report != NULL)
    show_disagreements (self, row);
}

/* The workbook of the figures shown: the same as `shirabe-cli agreement --xlsx`. */
gboolean
shirabe_agreement_view_export (ShirabeAgreementView  *self,
                               const char            *path,
                               GError               **error)
{
  ShirabeExportOptions options = { 0 };

  g_return_val_if_fail (self->report != NULL && self->project != NULL, FALSE);

  options.format = SHIRABE_EXPORT_XLSX;
  options.language = g_str_has_prefix (pango_language_to_string (gtk_get_default_language ()),
                                       "ja") ? SHIRABE_LANGUAGE_JA : SHIRABE_LANGUAGE_EN;
  options.header = SHIRABE_EXPORT_HEADER_LABELS;
  /* The file chooser asked before replacing a file. */
  options.force = TRUE;
  return shirabe_agreement_report_export (self->report, self->project, path, &options, error);
}

static void
on_export_response (ShirabeAgreementView *self,
                    int                   response,
                    GtkFileChooserNative *chooser)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_clear_object (&self->chooser);
  if (file == NULL || (path = g_file_get_path (file)) == NULL || self->report == NULL)
    return;
  if (!shirabe_agreement_view_export (self, path, &error))
    gtk_label_set_text (self->summary_label, error->message);
  else
    {
      g_autofree char *name = g_file_get_basename (file);
      g_autofree char *message = g_strdup_printf (_("Saved as “%s”."), name);

      gtk_label_set_text (self->disagreements_label, message);
    }
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  ShirabeAgreementView *self = SHIRABE_AGREEMENT_VIEW (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  g_autoptr(GtkFileFilter) workbooks = gtk_file_filter_new ();

  if (self->report == NULL || self->chooser != NULL)
    return;
  self->chooser = gtk_file_chooser_native_new (_("Export the Agreement Report"),
                                               GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                               GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), NULL);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  gtk_file_filter_set_name (workbooks, _("Workbooks (XLSX)"));
  gtk_file_filter_add_pattern (workbooks, "*.xlsx");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), workbooks);
  /* An ASCII name: it travels to colleagues' systems and scripts. */
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), "agreement.xlsx");
  g_signal_connect_object (self->chooser, "response", G_CALLBACK (on_export_response), self,
                           G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
compute_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  shirabe_agreement_view_compute (SHIRABE_AGREEMENT_VIEW (widget));
}

/* The coders of the project, each a check button; those with codings ticked. */
static void
fill_coders (ShirabeAgreementView *self)
{
  g_autoptr (GPtrArray) coders = NULL;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->coder_box))) != NULL)
    gtk_flow_box_remove (self->coder_box, child);
  g_array_set_size (self->coder_ids, 0);
  g_ptr_array_set_size (self->coder_checks, 0);
  if (self->project == NULL)
    return;
  coders = shirabe_project_list_coders (self->project, NULL);
  for (guint i = 0; coders != NULL && i < coders->len; i++)
    {
      ShirabeCoder *coder = coders->pdata[i];
      GtkWidget *check = gtk_check_button_new_with_label (coder->name);

      gtk_check_button_set_active (GTK_CHECK_BUTTON (check), coder->n_codings > 0);
      gtk_flow_box_append (self->coder_box, check);
      g_array_append_val (self->coder_ids, coder->id);
      g_ptr_array_add (self->coder_checks, check);
    }
  /* A flow box lays out as few per line as it may: up to three coders share the first. */
  gtk_flow_box_set_min_children_per_line (self->coder_box,
                                          CLAMP (coders != NULL ? coders->len : 0, 1, 3));
}

static void
on_project_changed (ShirabeAgreementView *self,
                    ShirabeChanges       *changes)
{
  /* Coders come with merges; the figures are recomputed when asked. Codings alone, the
   * usual edit, read nothing here. */
  if (shirabe_changes_touches (changes, SHIRABE_TABLE_CODER))
    {
      if (gtk_widget_get_mapped (GTK_WIDGET (self)))
        fill_coders (self);
      else
        self->coders_stale = TRUE;
    }
}

/* The coders (each counted) are read when the view is first shown, not at open: the window's
 * first frame waits for every view, and counting a study's codings is not free. */
static void
on_map (ShirabeAgreementView *self)
{
  if (self->coders_stale)
    {
      self->coders_stale = FALSE;
      fill_coders (self);
    }
}

void
shirabe_agreement_view_set_project (ShirabeAgreementView *self,
                                    ShirabeProject       *project)
{
  g_return_if_fail (SHIRABE_IS_AGREEMENT_VIEW (self));

  if (self->project == project)
    return;
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  set_busy (self, FALSE);
  if (self->project != NULL)
    g_signal_handlers_disconnect_by_data (self->project, self);
  g_set_object (&self->project, project);
  g_clear_pointer (&self->report, shirabe_agreement_report_free);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "agreement.export", FALSE);
  g_list_store_remove_all (self->rows);
  g_list_store_remove_all (self->disagreements);
  if (project != NULL)
    g_signal_connect_object (project, "changed", G_CALLBACK (on_project_changed), self,
                             G_CONNECT_SWAPPED);
  self->coders_stale = TRUE;
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    on_map (self);
}

static void
shirabe_agreement_view_dispose (GObject *object)
{
  ShirabeAgreementView *self = SHIRABE_AGREEMENT_VIEW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  g_clear_object (&self->project);
  g_clear_pointer (&self->report, shirabe_agreement_report_free);
  gtk_widget_dispose_template (GTK_WIDGET (self), SHIRABE_TYPE_AGREEMENT_VIEW);
  G_OBJECT_CLASS (shirabe_agreement_view_parent_class)->dispose (object);
}

static void
shirabe_agreement_view_finalize (GObject *object)
{
  ShirabeAgreementView *self = SHIRABE_AGREEMENT_VIEW (object);

  g_clear_object (&self->rows);
  g_clear_object (&self->disagreements);
  g_array_unref (self->coder_ids);
  g_ptr_array_unref (self->coder_checks);
  G_OBJECT_CLASS (shirabe_agreement_view_parent_class)->finalize (object);
}

static void
shirabe_agreement_view_class_init (ShirabeAgreementViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = shirabe_agreement_view_dispose;
  object_class->finalize = shirabe_agreement_view_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/shirabe/Shirabe/shirabe-agreement-view.ui");
  gtk_widget_class_bind_template_child (widget_class, ShirabeAgreementView, coder_box);
  gtk_widget_class_bind_template_child (widget_class, ShirabeAgreementView, unit_dropdown);
  gtk_widget_class_bind_template_child (widget_class, ShirabeAgreementView, spinner);
  gtk_widget_class_bind_template_child (widget_class, ShirabeAgreementView, summary_label);
  gtk_widget_class_bind_template_child (widget_class, ShirabeAgreementView, table);
  gtk_widget_class_bind_template_child (widget_class, ShirabeAgreementView, disagreements_label);
  gtk_widget_class_bind_template_child (widget_class, ShirabeAgreementView, disagreement_list);
  gtk_widget_class_install_action (widget_class, "agreement.compute", NULL, compute_action);
  gtk_widget_class_install_action (widget_class, "agreement.export", NULL, export_action);
}

static void
shirabe_agreement_view_init (ShirabeAgreementView *self)
{
  GtkListItemFactory *factory;
  GtkSortListModel *sorted;
  GtkSingleSelection *selection;
  GtkNoSelection *plain;

  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect (self, "map", G_CALLBACK (on_map), NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "agreement.export", FALSE);
  self->coder_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->coder_checks = g_ptr_array_new ();
  self->rows = g_list_store_new (SHIRABE_TYPE_AGREEMENT_ROW);
  self->disagreements = g_list_store_new (SHIRABE_TYPE_DISAGREEMENT_ITEM);

  add_column (self, C_("column header", "Code"), COLUMN_CODE);
  add_column (self, C_("column header", "Units"), COLUMN_UNITS);
  add_column (self, C_("column header", "Percent"), COLUMN_PERCENT);
  add_column (self, C_("column header", "Kappa"), COLUMN_KAPPA);
  /* xgettext:no-c-format */
  add_column (self, C_("column header", "Alpha (95% interval)"), COLUMN_ALPHA);
  add_column (self, C_("column header", "Disagreements"), COLUMN_DISAGREEMENTS);
  sorted = gtk_sort_list_model_new (G_LIST_MODEL (g_object_ref (self->rows)),
                                    g_object_ref (gtk_column_view_get_sorter (self->table)));
  selection = gtk_single_selection_new (G_LIST_MODEL (sorted));
  gtk_single_selection_set_autoselect (selection, FALSE);
  gtk_column_view_set_model (self->table, GTK_SELECTION_MODEL (selection));
  g_object_unref (selection);
  g_signal_connect_swapped (self->table, "activate", G_CALLBACK (on_row_activated), self);

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (setup_disagreement), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_disagreement), self);
  gtk_list_view_set_factory (self->disagreement_list, factory);
  g_object_unref (factory);
  plain = gtk_no_selection_new (G_LIST_MODEL (g_object_ref (self->disagreements)));
  gtk_list_view_set_model (self->disagreement_list, GTK_SELECTION_MODEL (plain));
  g_object_unref (plain);
  g_signal_connect_swapped (self->disagreement_list, "activate",
                            G_CALLBACK (on_disagreement_activated), self);
}
