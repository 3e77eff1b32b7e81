/* shirabe-charts-view.c: the data seen
 *
 * Three charts over the project (frequencies, co-occurrence, the case × code matrix) with their
 * choices above them. The numbers come from shirabe_chart_compute() in a worker thread on a
 * read-only connection of its own, so that typing and coding never wait: after an edit the
 * chart shown is computed again a moment later, and a hidden view only once it is shown. A
 * cell activated opens its passages ("cell-activated", which the window turns into the
 * Passages view's query). The Table shows the same numbers as text for screen readers and
 * for copying; the export menu writes the chart as PNG or SVG and its numbers as CSV or XLSX.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "shirabe-i18n.h"

#include <math.h>

#include "shirabe-charts-view.h"
#include "shirabe-filter-popover.h"
#include "shirabe-window.h"

/* After an edit, the chart is computed again once the edits pause this long. */
#define RECOMPUTE_DELAY_MS 300
/* A matrix's rows counted first, to show before the rest: more than a screen holds. */
#define FIRST_ROWS 80

struct _ShirabeChartsView
{
  AdwBin                parent_instance;

  ShirabeProject       *project;
  ShirabeLabelLanguage  language;
  GArray               *code_roots;     /* gint64: the codes dropdown's subtrees, 0 first */
  GArray               *with_roots;     /* gint64: the same with "as the rows" first */
  GArray               *attribute_ids;  /* gint64: the by dropdown's, 0 first */
  GArray               *units;          /* ShirabeChartUnit, as the unit dropdown lists them */
  GArray               *measures;       /* ShirabeChartMeasure, as the measure dropdown lists */
  ShirabeChart         *chart;
  GCancellable         *cancellable;
  guint                 recompute_source;
  gboolean              stale;
  gboolean              choices_stale;  /* the codes and attributes are read when shown */
  gboolean              updating;       /* the controls are being set: no chart per change */
  ShirabeFilterPopover *filter_popover;
  GtkFileChooserNative *chooser;
  char                 *export_format;

  /* template */
  GtkDropDown          *kind_dropdown;
  GtkDropDown          *codes_dropdown;
  GtkWidget            *with_label;
  GtkDropDown          *with_dropdown;
  GtkDropDown          *by_dropdown;
  GtkDropDown          *unit_dropdown;
  GtkSpinButton        *distance_spin;
  GtkDropDown          *measure_dropdown;
  GtkCheckButton       *stacked_check;
  GtkCheckButton       *sort_check;
  GtkMenuButton        *filter_button;
  GtkSpinner           *spinner;
  GtkLabel             *status_label;
  GtkToggleButton      *table_toggle;
  GtkWidget            *export_button;
  GtkStack             *content;
  ShirabeChartArea     *area;
  GtkTextView          *table_view;
};

enum
{
  CELL_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (ShirabeChartsView, shirabe_charts_view, ADW_TYPE_BIN)

static void schedule_compute (ShirabeChartsView *self);

static ShirabeChartKind
selected_kind (ShirabeChartsView *self)
{
  return MIN (gtk_drop_down_get_selected (self->kind_dropdown), SHIRABE_CHART_MATRIX);
}

static gint64
selected_id (GtkDropDown *dropdown,
             GArray      *ids)
{
  guint i = gtk_drop_down_get_selected (dropdown);

  return ids != NULL && i < ids->len ? g_array_index (ids, gint64, i) : 0;
}

static void
select_id (GtkDropDown *dropdown,
           GArray      *ids,
           gint64       id)
{
  for (guint i = 0; ids != NULL && i < ids->len; i++)
    if (g_array_index (ids, gint64, i) == id)
      {
        gtk_drop_down_set_selected (dropdown, i);
        return;
      }
  gtk_drop_down_set_selected (dropdown, 0);
}

static ShirabeChartUnit
selected_unit (ShirabeChartsView *self)
{
  guint i = gtk_drop_down_get_selected (self->unit_dropdown);

  return i < self->units->len ? g_array_index (self->units, ShirabeChartUnit, i)
                              : SHIRABE_CHART_UNIT_CASES;
}

static ShirabeChartMeasure
selected_measure (ShirabeChartsView *self)
{
  guint i = gtk_drop_down_get_selected (self->measure_dropdown);

  return i < self->measures->len ? g_array_index (self->measures, ShirabeChartMeasure, i)
                                 : SHIRABE_CHART_MEASURE_COUNT;
}

static ShirabeLanguage
text_language (ShirabeChartsView *self)
{
  return self->language == SHIRABE_LABEL_LANGUAGE_EN ? SHIRABE_LANGUAGE_EN : SHIRABE_LANGUAGE_JA;
}

static ShirabeChartStyle
current_style (ShirabeChartsView *self)
{
  AdwStyleManager *manager = adw_style_manager_get_default ();
  ShirabeChartStyle style = { 0 };

  style.measure = selected_measure (self);
  style.labels = self->language == SHIRABE_LABEL_LANGUAGE_EN ? SHIRABE_CHART_LABELS_EN
                 : self->language == SHIRABE_LABEL_LANGUAGE_JA ? SHIRABE_CHART_LABELS_JA
                 : SHIRABE_CHART_LABELS_BOTH;
  style.stacked = gtk_check_button_get_active (self->stacked_check);
  style.sort_by_size = gtk_check_button_get_active (self->sort_check);
  style.dark = adw_style_manager_get_dark (manager);
  style.high_contrast = adw_style_manager_get_high_contrast (manager);
  return style;
}

/* Controls */

static void
set_string_list (GtkDropDown         *dropdown,
                 const char * const  *items)
{
  GtkStringList *list = gtk_string_list_new (items);

  gtk_drop_down_set_model (dropdown, G_LIST_MODEL (list));
  g_object_unref (list);
}

/* The units and measures the chosen chart counts, keeping the choices that still apply. */
static void
fill_units_and_measures (ShirabeChartsView *self)
{
  ShirabeChartKind kind = selected_kind (self);
  ShirabeChartUnit unit = selected_unit (self);
  ShirabeChartMeasure measure = selected_measure (self);
  g_autoptr (GPtrArray) labels = g_ptr_array_new ();
  static const ShirabeChartUnit all_units[] = {
    SHIRABE_CHART_UNIT_CASES, SHIRABE_CHART_UNIT_NARRATIVES, SHIRABE_CHART_UNIT_PASSAGES,
    SHIRABE_CHART_UNIT_CODINGS,
  };
  guint unit_index = 0, measure_index = 0;

  g_array_set_size (self->units, 0);
  for (guint i = 0; i < G_N_ELEMENTS (all_units); i++)
    {
      const char *label;

      if (!shirabe_chart_unit_is_valid (kind, all_units[i]))
        continue;
      switch (all_units[i])
        {
        case SHIRABE_CHART_UNIT_CASES:
          label = kind == SHIRABE_CHART_MATRIX ? C_("chart unit", "A Row per Case")
                                               : C_("chart unit", "Cases");
          break;
        case SHIRABE_CHART_UNIT_NARRATIVES:
          label = kind == SHIRABE_CHART_MATRIX ? C_("chart unit", "A Row per Narrative")
                                               : C_("chart unit", "Narratives");
          break;
        case SHIRABE_CHART_UNIT_PASSAGES:
          label = kind == SHIRABE_CHART_COOCCURRENCE ? C_("chart unit", "Passages Together")
                                                     : C_("chart unit", "Passages");
          break;
        case SHIRABE_CHART_UNIT_CODINGS:
        default:
          label = C_("chart unit", "Codings");
          break;
        }
      if (all_units[i] == unit)
        unit_index = self->units->len;
      g_array_append_val (self->units, all_units[i]);
      g_ptr_array_add (labels, (gpointer) label);
    }
  g_ptr_array_add (labels, NULL);
  set_string_list (self->unit_dropdown, (const char * const *) labels->pdata);
  gtk_drop_down_set_selected (self->unit_dropdown, unit_index);
  unit = selected_unit (self);

  g_ptr_array_set_size (labels, 0);
  g_array_set_size (self->measures, 0);
  {
    ShirabeChartMeasure count = SHIRABE_CHART_MEASURE_COUNT;

    g_array_append_val (self->measures, count);
    g_ptr_array_add (labels, (gpointer) C_("chart measure", "Counts"));
  }
  if (kind == SHIRABE_CHART_FREQUENCIES)
    {
      ShirabeChartMeasure percent = SHIRABE_CHART_MEASURE_PERCENT;

      g_array_append_val (self->measures, percent);
      g_ptr_array_add (labels, (gpointer) C_("chart measure", "Percent of the Group"));
    }
  else if (kind == SHIRABE_CHART_COOCCURRENCE && unit != SHIRABE_CHART_UNIT_PASSAGES)
    {
      ShirabeChartMeasure jaccard = SHIRABE_CHART_MEASURE_JACCARD;

      g_array_append_val (self->measures, jaccard);
      g_ptr_array_add (labels, (gpointer) C_("chart measure", "Jaccard (Both ÷ Either)"));
    }
  for (guint i = 0; i < self->measures->len; i++)
    if (g_array_index (self->measures, ShirabeChartMeasure, i) == measure)
      measure_index = i;
  g_ptr_array_add (labels, NULL);
  set_string_list (self->measure_dropdown, (const char * const *) labels->pdata);
  gtk_drop_down_set_selected (self->measure_dropdown, measure_index);
}

/* Which controls the chosen chart has. */
static void
update_controls (ShirabeChartsView *self)
{
  ShirabeChartKind kind = selected_kind (self);
  gboolean cooccurrence = kind == SHIRABE_CHART_COOCCURRENCE;
  gboolean frequencies = kind == SHIRABE_CHART_FREQUENCIES;
  gboolean grouped = selected_id (self->by_dropdown, self->attribute_ids) != 0;

  gtk_widget_set_visible (self->with_label, cooccurrence);
  gtk_widget_set_visible (GTK_WIDGET (self->with_dropdown), cooccurrence);
  gtk_widget_set_visible (GTK_WIDGET (self->by_dropdown), !cooccurrence);
  gtk_widget_set_visible (GTK_WIDGET (self->distance_spin),
                          cooccurrence && selected_unit (self) == SHIRABE_CHART_UNIT_PASSAGES);
  gtk_widget_set_visible (GTK_WIDGET (self->stacked_check), frequencies && grouped);
  gtk_widget_set_sensitive (GTK_WIDGET (self->stacked_check),
                            selected_measure (self) == SHIRABE_CHART_MEASURE_COUNT);
  gtk_widget_set_visible (GTK_WIDGET (self->sort_check), frequencies);
  gtk_widget_set_sensitive (GTK_WIDGET (self->measure_dropdown), self->measures->len > 1);
}

static char *
code_choice_label (ShirabeChartsView *self,
                   const ShirabeCode *code)
{
  g_autofree char *label = shirabe_code_dup_label (code, self->language);
  GString *text = g_string_new (NULL);

  /* Indented as in the codebook. */
  for (int i = 0; i < code->depth; i++)
    g_string_append (text, "    ");
  g_string_append (text, label);
  return g_string_free (text, FALSE);
}

/* The codes dropdowns offer the whole codebook and every code with codes under it; the by
 * dropdown every attribute. */
static void
fill_choices (ShirabeChartsView *self)
{
  g_autoptr (GPtrArray) codes = NULL;
  g_autoptr (GPtrArray) case_attributes = NULL;
  g_autoptr (GPtrArray) narrative_attributes = NULL;
  g_autoptr (GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GPtrArray) with_labels = g_ptr_array_new_with_free_func (g_free);
  gint64 codes_id = selected_id (self->codes_dropdown, self->code_roots);
  gint64 with_id = selected_id (self->with_dropdown, self->with_roots);
  gint64 by_id = selected_id (self->by_dropdown, self->attribute_ids);
  gint64 none = 0;

  self->updating = TRUE;
  g_array_set_size (self->code_roots, 0);
  g_array_set_size (self->with_roots, 0);
  g_array_set_size (self->attribute_ids, 0);
  g_array_append_val (self->code_roots, none);
  g_array_append_val (self->with_roots, none);
  g_ptr_array_add (labels, g_strdup (_("Whole Codebook")));
  g_ptr_array_add (with_labels, g_strdup (_("The Same Codes")));
  if (self->project != NULL)
    codes = shirabe_project_list_codes (self->project, NULL);
  for (guint i = 0; codes != NULL && i < codes->len; i++)
    {
      const ShirabeCode *code = codes->pdata[i];
      const ShirabeCode *next = i + 1 < codes->len ? codes->pdata[i + 1] : NULL;

      if (next == NULL || next->depth <= code->depth)
        continue;
      g_array_append_val (self->code_roots, code->id);
      g_array_append_val (self->with_roots, code->id);
      g_ptr_array_add (labels, code_choice_label (self, code));
      g_ptr_array_add (with_labels, code_choice_label (self, code));
    }
  g_ptr_array_add (labels, NULL);
  g_ptr_array_add (with_labels, NULL);
  set_string_list (self->codes_dropdown, (const char * const *) labels->pdata);
  set_string_list (self->with_dropdown, (const char * const *) with_labels->pdata);
  select_id (self->codes_dropdown, self->code_roots, codes_id);
  select_id (self->with_dropdown, self->with_roots, with_id);

  g_ptr_array_set_size (labels, 0);
  g_array_append_val (self->attribute_ids, none);
  g_ptr_array_add (labels, g_strdup (_("No Groups")));
  if (self->project != NULL)
    {
      case_attributes = shirabe_project_list_attributes (self->project, SHIRABE_SCOPE_CASE, NULL);
      narrative_attributes = shirabe_project_list_attributes (self->project,
                                                              SHIRABE_SCOPE_NARRATIVE, NULL);
    }
  for (int scope = 0; scope < 2; scope++)
    {
      GPtrArray *attributes = scope == 0 ? case_attributes : narrative_attributes;

      for (guint i = 0; attributes != NULL && i < attributes->len; i++)
        {
          const ShirabeAttribute *attribute = attributes->pdata[i];
          g_autofree char *name = shirabe_label_pair_dup (attribute->name_ja, attribute->name_en,
                                                          self->language);

          g_array_append_val (self->attribute_ids, attribute->id);
          /* Translators: a choice of the charts' "group by": the attribute's name */
          g_ptr_array_add (labels, g_strdup_printf (_("By %s"), name));
        }
    }
  g_ptr_array_add (labels, NULL);
  set_string_list (self->by_dropdown, (const char * const *) labels->pdata);
  select_id (self->by_dropdown, self->attribute_ids, by_id);
  self->updating = FALSE;
}

/* Computing */

typedef struct
{
  char             *path;
  ShirabeChartSpec  spec;
} Job;

static void
job_free (Job *job)
{
  g_free (job->path);
  g_clear_pointer (&job->spec.filter, shirabe_filter_unref);
  g_free (job);
}

static void show_first_rows (ShirabeChartsView *self,
                             ShirabeChart      *chart,
                             GCancellable      *cancellable);

/* A matrix's first screen, shown while the rest is counted. */
typedef struct
{
  ShirabeChartsView *view;
  ShirabeChart      *chart;
  GCancellable      *cancellable;
} FirstRows;

static gboolean
first_rows_ready (gpointer data)
{
  FirstRows *first = data;

  show_first_rows (first->view, first->chart, first->cancellable);
  g_object_unref (first->view);
  shirabe_chart_unref (first->chart);
  g_object_unref (first->cancellable);
  g_free (first);
  return G_SOURCE_REMOVE;
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
  ShirabeChart *chart;

  project = shirabe_project_open (job->path, SHIRABE_PROJECT_READ_ONLY | SHIRABE_PROJECT_NO_HISTORY,
                                  &error);
  if (project == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (job->spec.kind == SHIRABE_CHART_MATRIX)
    {
      /* A screenful of rows first: a study's thousands of cases take longer. */
      ShirabeChartSpec spec = job->spec;
      ShirabeChart *first;

      spec.first_rows = FIRST_ROWS;
      first = shirabe_chart_compute (project, &spec, cancellable, NULL);
      if (first != NULL && shirabe_chart_get_n_rows (first) < shirabe_chart_get_n_rows_total (first))
        {
          FirstRows *data = g_new0 (FirstRows, 1);

          data->view = g_object_ref (source);
          data->chart = first;
          data->cancellable = g_object_ref (cancellable);
          g_main_context_invoke (g_task_get_context (task), first_rows_ready, data);
        }
      else if (first != NULL)
        {
          /* Few enough rows: that was the whole matrix. */
          shirabe_project_close (project, NULL);
          g_task_return_pointer (task, first, (GDestroyNotify) shirabe_chart_unref);
          return;
        }
    }
  chart = shirabe_chart_compute (project, &job->spec, cancellable, &error);
  shirabe_project_close (project, NULL);
  if (chart == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, chart, (GDestroyNotify) shirabe_chart_unref);
}

static void
set_busy (ShirabeChartsView *self,
          gboolean           busy)
{
  gtk_spinner_set_spinning (self->spinner, busy);
  gtk_widget_set_sensitive (self->export_button, !busy && self->chart != NULL);
}

static char *
format_cell (ShirabeChart        *chart,
             guint                row,
             guint                column,
             ShirabeChartMeasure  measure)
{
  double value = shirabe_chart_get_value (chart, row, column, measure);

  if (isnan (value))
    return g_strdup ("–");
  if (measure == SHIRABE_CHART_MEASURE_PERCENT)
    return g_strdup_printf ("%.1f", value);
  if (measure == SHIRABE_CHART_MEASURE_JACCARD)
    return g_strdup_printf ("%.3f", value);
  return g_strdup_printf ("%" G_GUINT64_FORMAT, shirabe_chart_get_count (chart, row, column));
}

static guint
display_width (const char *text)
{
  guint width = 0;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (!g_unichar_iszerowidth (c))
        width += g_unichar_iswide (c) ? 2 : 1;
    }
  return width;
}

/* The table as rows of cells: the header, a row per chart row, the groups' totals. */
static GPtrArray *
table_rows (ShirabeChartsView *self)
{
  ShirabeChart *chart = self->chart;
  ShirabeLanguage language = text_language (self);
  ShirabeChartMeasure measure = selected_measure (self);
  GPtrArray *rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  guint n_columns = shirabe_chart_get_n_columns (chart);
  GPtrArray *row = g_ptr_array_new_with_free_func (g_free);

  if (!shirabe_chart_measure_is_valid (chart, measure))
    measure = SHIRABE_CHART_MEASURE_COUNT;
  g_ptr_array_add (row, g_strdup (""));
  for (guint c = 0; c < n_columns; c++)
    g_ptr_array_add (row, g_strdup (shirabe_chart_item_get_label (shirabe_chart_get_column (chart, c),
                                                                  language)));
  g_ptr_array_add (rows, row);
  for (guint r = 0; r < shirabe_chart_get_n_rows (chart); r++)
    {
      row = g_ptr_array_new_with_free_func (g_free);
      g_ptr_array_add (row, g_strdup (shirabe_chart_item_get_label (shirabe_chart_get_row (chart, r),
                                                                    language)));
      for (guint c = 0; c < n_columns; c++)
        g_ptr_array_add (row, format_cell (chart, r, c, measure));
      g_ptr_array_add (rows, row);
    }
  if (shirabe_chart_get_kind (chart) == SHIRABE_CHART_FREQUENCIES)
    {
      row = g_ptr_array_new_with_free_func (g_free);
      g_ptr_array_add (row, g_strdup (_("(units in the group)")));
      for (guint c = 0; c < n_columns; c++)
        g_ptr_array_add (row, g_strdup_printf ("%" G_GUINT64_FORMAT,
                                               shirabe_chart_get_column (chart, c)->total));
      g_ptr_array_add (rows, row);
    }
  return rows;
}

char *
shirabe_charts_view_dup_table_text (ShirabeChartsView *self)
{
  g_autoptr (GPtrArray) rows = NULL;
  GString *text = g_string_new (NULL);

  g_return_val_if_fail (SHIRABE_IS_CHARTS_VIEW (self), NULL);

  if (self->chart == NULL)
    return g_string_free (text, FALSE);
  rows = table_rows (self);
  for (guint r = 0; r < rows->len; r++)
    {
      GPtrArray *row = rows->pdata[r];

      for (guint c = 0; c < row->len; c++)
        {
          if (c > 0)
            g_string_append_c (text, '\t');
          g_string_append (text, row->pdata[c]);
        }
      g_string_append_c (text, '\n');
    }
  return g_string_free (text, FALSE);
}

/* The Table: the title, then the numbers in aligned columns. */
static void
fill_table (ShirabeChartsView *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->table_view);
  g_autoptr (GPtrArray) rows = NULL;
  g_autofree guint *widths = NULL;
  g_autofree char *title = NULL;
  GString *text;
  guint n_columns;

  if (self->chart == NULL)
    {
      gtk_text_buffer_set_text (buffer, "", -1);
      return;
    }
  rows = table_rows (self);
  n_columns = ((GPtrArray *) rows->pdata[0])->len;
  widths = g_new0 (guint, n_columns);
  for (guint r = 0; r < rows->len; r++)
    for (guint c = 0; c < n_columns; c++)
      widths[c] = MAX (widths[c], display_width (((GPtrArray *) rows->pdata[r])->pdata[c]));
  title = shirabe_chart_dup_title (self->chart, text_language (self));
  text = g_string_new (title);
  g_string_append (text, "\n\n");
  for (guint r = 0; r < rows->len; r++)
    {
      GPtrArray *row = rows->pdata[r];

      for (guint c = 0; c < n_columns; c++)
        {
          const char *cell = row->pdata[c];
          guint pad = widths[c] - display_width (cell);

          if (c > 0)
            {
              g_string_append (text, "  ");
              for (guint i = 0; i < pad; i++)
                g_string_append_c (text, ' ');
            }
          g_string_append (text, cell);
          if (c == 0)
            for (guint i = 0; i < pad; i++)
              g_string_append_c (text, ' ');
        }
      g_string_append_c (text, '\n');
    }
  gtk_text_buffer_set_text (buffer, text->str, (int) text->len);
  g_string_free (text, TRUE);
}

static void
show_chart (ShirabeChartsView *self)
{
  ShirabeChartStyle style = current_style (self);

  shirabe_chart_area_set_chart (self->area, self->chart, &style);
  if (gtk_toggle_button_get_active (self->table_toggle))
    fill_table (self);
}

static void
on_computed (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr (ShirabeChartsView) self = user_data;
  g_autoptr (GError) error = NULL;
  ShirabeChart *chart = g_task_propagate_pointer (G_TASK (result), &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->chart, shirabe_chart_unref);
  self->chart = chart;
  set_busy (self, FALSE);
  if (chart == NULL)
    {
      gtk_label_set_text (self->status_label, error->message);
      shirabe_chart_area_set_chart (self->area, NULL, NULL);
      fill_table (self);
      return;
    }
  if (shirabe_chart_get_kind (chart) == SHIRABE_CHART_MATRIX)
    {
      g_autofree char *status = g_strdup_printf (_("%u rows × %u codes"),
                                                 shirabe_chart_get_n_rows (chart),
                                                 shirabe_chart_get_n_columns (chart));

      gtk_label_set_text (self->status_label, status);
    }
  else
    gtk_label_set_text (self->status_label, "");
  show_chart (self);
}

static void
show_first_rows (ShirabeChartsView *self,
                 ShirabeChart      *chart,
                 GCancellable      *cancellable)
{
  g_autofree char *status = NULL;

  /* Only for the computation still wanted, before its whole chart. */
  if (cancellable != self->cancellable || g_cancellable_is_cancelled (cancellable))
    return;
  g_clear_pointer (&self->chart, shirabe_chart_unref);
  self->chart = shirabe_chart_ref (chart);
  status = g_strdup_printf (_("The first %u of %u rows; counting the rest…"),
                            shirabe_chart_get_n_rows (chart),
                            shirabe_chart_get_n_rows_total (chart));
  gtk_label_set_text (self->status_label, status);
  show_chart (self);
}

static void
compute (ShirabeChartsView *self)
{
  g_autoptr (GTask) task = NULL;
  ShirabeFilter *filter = shirabe_filter_popover_get_filter (self->filter_popover);
  ShirabeChartKind kind = selected_kind (self);
  Job *job;

  g_clear_handle_id (&self->recompute_source, g_source_remove);
  self->stale = FALSE;
  if (self->project == NULL)
    return;
  job = g_new0 (Job, 1);
  job->path = g_strdup (shirabe_project_get_path (self->project));
  job->spec.kind = kind;
  job->spec.unit = selected_unit (self);
  job->spec.codes = selected_id (self->codes_dropdown, self->code_roots);
  if (kind == SHIRABE_CHART_COOCCURRENCE)
    {
      job->spec.codes_with = selected_id (self->with_dropdown, self->with_roots);
      if (job->spec.unit == SHIRABE_CHART_UNIT_PASSAGES)
        job->spec.distance = gtk_spin_button_get_value_as_int (self->distance_spin);
    }
  else
    job->spec.by_attribute = selected_id (self->by_dropdown, self->attribute_ids);
  job->spec.filter = filter != NULL ? shirabe_filter_ref (filter) : NULL;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  set_busy (self, TRUE);
  task = g_task_new (self, self->cancellable, on_computed, g_object_ref (self));
  g_task_set_task_data (task, job, (GDestroyNotify) job_free);
  g_task_run_in_thread (task, compute_in_thread);
}

static gboolean
recompute_cb (gpointer user_data)
{
  ShirabeChartsView *self = user_data;

  self->recompute_source = 0;
  compute (self);
  return G_SOURCE_REMOVE;
}

/* A chart is computed when it is seen; a hidden view waits until it is shown. */
static void
schedule_compute (ShirabeChartsView *self)
{
  if (self->updating || self->project == NULL)
    return;
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      self->stale = TRUE;
      return;
    }
  compute (self);
}

static void
on_choice_changed (ShirabeChartsView *self)
{
  if (self->updating)
    return;
  self->updating = TRUE;
  fill_units_and_measures (self);
  update_controls (self);
  self->updating = FALSE;
  schedule_compute (self);
}

/* The measure, stacking and order only change the drawing. */
static void
on_style_changed (ShirabeChartsView *self)
{
  if (self->updating)
    return;
  update_controls (self);
  if (self->chart != NULL)
    show_chart (self);
}

static void
on_table_toggled (ShirabeChartsView *self)
{
  gboolean table = gtk_toggle_button_get_active (self->table_toggle);

  if (table)
    fill_table (self);
  gtk_stack_set_visible_child_name (self->content, table ? "table" : "chart");
}

static void
on_project_changed (ShirabeChartsView *self,
                    ShirabeChanges    *changes)
{
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      self->stale = TRUE;
      if (shirabe_changes_touches (changes, SHIRABE_TABLE_CODE | SHIRABE_TABLE_ATTRIBUTE))
        self->choices_stale = TRUE;
      return;
    }
  if (shirabe_changes_touches (changes, SHIRABE_TABLE_CODE | SHIRABE_TABLE_ATTRIBUTE))
    {
      fill_choices (self);
      shirabe_filter_popover_reload (self->filter_popover);
    }
  /* Several edits in a row make one computation, a moment after the last. */
  g_clear_handle_id (&self->recompute_source, g_source_remove);
  self->recompute_source = g_timeout_add (RECOMPUTE_DELAY_MS, recompute_cb, self);
}

/* Read what the controls offer: at the first showing after the project or its codebook
 * changed, not at open, where the window's first frame waits for every view. */
static void
refresh_choices (ShirabeChartsView *self)
{
  if (!self->choices_stale)
    return;
  self->choices_stale = FALSE;
  fill_choices (self);
  shirabe_filter_popover_reload (self->filter_popover);
}

static void
on_map (ShirabeChartsView *self)
{
  refresh_choices (self);
  if (self->stale || (self->chart == NULL && self->cancellable == NULL))
    compute (self);
}

static void
on_cell_activated (ShirabeChartsView *self,
                   guint              row,
                   guint              column)
{
  if (self->chart != NULL)
    g_signal_emit (self, signals[CELL_ACTIVATED], 0, self->chart, row, column);
}

/* Export */

gboolean
shirabe_charts_view_export (ShirabeChartsView  *self,
                            const char         *path,
                            GError            **error)
{
  ShirabeChartStyle style = current_style (self);
  g_autofree char *lower = g_ascii_strdown (path, -1);

  g_return_val_if_fail (SHIRABE_IS_CHARTS_VIEW (self), FALSE);
  g_return_val_if_fail (self->chart != NULL, FALSE);

  /* Files are drawn light, whatever the window's style, unless high contrast is on. */
  style.dark = FALSE;
  /* The file chooser asked before replacing a file. */
  if (g_str_has_suffix (lower, ".csv") || g_str_has_suffix (lower, ".xlsx"))
    return shirabe_chart_write_table (self->chart, path,
                                      g_str_has_suffix (lower, ".csv") ? SHIRABE_EXPORT_CSV
                                                                       : SHIRABE_EXPORT_XLSX,
                                      text_language (self), style.measure, FALSE, TRUE, error);
  return shirabe_chart_save_image (self->chart, &style, path, TRUE, error);
}

static void
on_export_response (ShirabeChartsView    *self,
                    int                   response,
                    GtkFileChooserNative *chooser)
{
  g_autoptr (GFile) file = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *path = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_clear_object (&self->chooser);
  if (file == NULL || (path = g_file_get_path (file)) == NULL || self->chart == NULL)
    return;
  /* The format chosen decides the extension when the name has none of ours. */
  if (!g_str_has_suffix (path, self->export_format))
    {
      char *named = g_strconcat (path, self->export_format, NULL);

      g_free (path);
      path = named;
    }
  if (!shirabe_charts_view_export (self, path, &error))
    shirabe_widget_show_error (GTK_WIDGET (self), _("The chart could not be exported"), error);
  else
    {
      g_autofree char *name = g_path_get_basename (path);
      g_autofree char *message = g_strdup_printf (_("Saved as “%s”."), name);

      gtk_label_set_text (self->status_label, message);
    }
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  ShirabeChartsView *self = SHIRABE_CHARTS_VIEW (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  const char *format = g_variant_get_string (parameter, NULL);
  g_autoptr (GtkFileFilter) filter = gtk_file_filter_new ();
  g_autofree char *pattern = g_strdup_printf ("*.%s", format);
  g_autofree char *name = NULL;

  if (self->chart == NULL || self->chooser != NULL)
    return;
  g_free (self->export_format);
  self->export_format = g_strdup_printf (".%s", format);
  self->chooser = gtk_file_chooser_native_new (_("Export the Chart"),
                                               GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                               GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), NULL);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  if (g_str_equal (format, "png"))
    gtk_file_filter_set_name (filter, _("PNG Images"));
  else if (g_str_equal (format, "svg"))
    gtk_file_filter_set_name (filter, _("SVG Images"));
  else if (g_str_equal (format, "csv"))
    gtk_file_filter_set_name (filter, _("CSV Files"));
  else
    gtk_file_filter_set_name (filter, _("Workbooks (XLSX)"));
  gtk_file_filter_add_pattern (filter, pattern);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  /* An ASCII name: it travels to colleagues' systems and scripts. */
  name = g_strdup_printf ("%s.%s", shirabe_chart_kind_to_string (shirabe_chart_get_kind (self->chart)),
                          format);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), name);
  g_signal_connect_object (self->chooser, "response", G_CALLBACK (on_export_response), self,
                           G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
copy_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  ShirabeChartsView *self = SHIRABE_CHARTS_VIEW (widget);
  g_autofree char *text = shirabe_charts_view_dup_table_text (self);

  if (self->chart == NULL)
    return;
  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), text);
  gtk_label_set_text (self->status_label, _("The numbers were copied."));
}

/* Public */

void
shirabe_charts_view_set_project (ShirabeChartsView *self,
                                 ShirabeProject    *project)
{
  g_return_if_fail (SHIRABE_IS_CHARTS_VIEW (self));

  if (self->project == project)
    return;
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->recompute_source, g_source_remove);
  if (self->project != NULL)
    g_signal_handlers_disconnect_by_data (self->project, self);
  g_set_object (&self->project, project);
  g_clear_pointer (&self->chart, shirabe_chart_unref);
  shirabe_chart_area_set_chart (self->area, NULL, NULL);
  set_busy (self, FALSE);
  gtk_label_set_text (self->status_label, "");
  shirabe_filter_popover_set_project (self->filter_popover, project);
  if (project != NULL)
    g_signal_connect_object (project, "changed", G_CALLBACK (on_project_changed), self,
                             G_CONNECT_SWAPPED);
  self->choices_stale = TRUE;
  self->stale = TRUE;
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      refresh_choices (self);
      compute (self);
    }
}

void
shirabe_charts_view_set_label_language (ShirabeChartsView    *self,
                                        ShirabeLabelLanguage  language)
{
  g_return_if_fail (SHIRABE_IS_CHARTS_VIEW (self));

  if (self->language == language)
    return;
  self->language = language;
  shirabe_filter_popover_set_label_language (self->filter_popover, language);
  self->choices_stale = TRUE;
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    refresh_choices (self);
  if (self->chart != NULL)
    show_chart (self);
}

void
shirabe_charts_view_show (ShirabeChartsView *self,
                          ShirabeChartKind   kind,
                          gint64             codes,
                          gint64             codes_with,
                          gint64             by_attribute,
                          ShirabeChartUnit   unit)
{
  g_return_if_fail (SHIRABE_IS_CHARTS_VIEW (self));

  refresh_choices (self);
  self->updating = TRUE;
  gtk_drop_down_set_selected (self->kind_dropdown, kind);
  fill_units_and_measures (self);
  select_id (self->codes_dropdown, self->code_roots, codes);
  select_id (self->with_dropdown, self->with_roots, codes_with);
  select_id (self->by_dropdown, self->attribute_ids, by_attribute);
  for (guint i = 0; i < self->units->len; i++)
    if (g_array_index (self->units, ShirabeChartUnit, i) == unit)
      gtk_drop_down_set_selected (self->unit_dropdown, i);
  fill_units_and_measures (self);
  update_controls (self);
  self->updating = FALSE;
  compute (self);
}

void
shirabe_charts_view_set_stacked (ShirabeChartsView *self,
                                 gboolean           stacked)
{
  g_return_if_fail (SHIRABE_IS_CHARTS_VIEW (self));

  gtk_check_button_set_active (self->stacked_check, stacked);
}

gboolean
shirabe_charts_view_is_busy (ShirabeChartsView *self)
{
  return self->cancellable != NULL;
}

ShirabeChart *
shirabe_charts_view_get_chart (ShirabeChartsView *self)
{
  return self->chart;
}

ShirabeChartArea *
shirabe_charts_view_get_area (ShirabeChartsView *self)
{
  return self->area;
}

/* GObject */

static void
shirabe_charts_view_dispose (GObject *object)
{
  ShirabeChartsView *self = SHIRABE_CHARTS_VIEW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->recompute_source, g_source_remove);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  if (self->project != NULL)
    g_signal_handlers_disconnect_by_data (self->project, self);
  g_clear_object (&self->project);
  g_clear_pointer (&self->chart, shirabe_chart_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), SHIRABE_TYPE_CHARTS_VIEW);
  G_OBJECT_CLASS (shirabe_charts_view_parent_class)->dispose (object);
}

static void
shirabe_charts_view_finalize (GObject *object)
{
  ShirabeChartsView *self = SHIRABE_CHARTS_VIEW (object);

  g_array_unref (self->code_roots);
  g_array_unref (self->with_roots);
  g_array_unref (self->attribute_ids);
  g_array_unref (self->units);
  g_array_unref (self->measures);
  g_free (self->export_format);
  G_OBJECT_CLASS (shirabe_charts_view_parent_class)->finalize (object);
}

static void
shirabe_charts_view_class_init (ShirabeChartsViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = shirabe_charts_view_dispose;
  object_class->finalize = shirabe_charts_view_finalize;

  /**
   * ShirabeChartsView::cell-activated:
   * @chart: the chart shown
   * @row: the cell's row
   * @column: the cell's column
   *
   * A cell was clicked or Enter pressed on it: its passages are wanted.
   */
  signals[CELL_ACTIVATED] = g_signal_new ("cell-activated", G_TYPE_FROM_CLASS (klass),
                                          G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE,
                                          3, SHIRABE_TYPE_CHART, G_TYPE_UINT, G_TYPE_UINT);

  g_type_ensure (SHIRABE_TYPE_CHART_AREA);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/shirabe/Shirabe/shirabe-charts-view.ui");
  gtk_widget_class_bind_template_child (widget_class, ShirabeChartsView, kind_dropdown);
  gtk_widget_class_bind_template_child (widget_class, ShirabeChartsView, codes_dropdown);
  gtk_widget_class_bind_template_child (widget_class, ShirabeChartsView, with_label);
  gtk_widget_class_bind_template_child (widget_class, ShirabeChartsView, with_dropdown);
  gtk_widget_class_bind_template_child (widget_class, ShirabeChartsView, by_dropdown);
  gtk_widget_class_bind_template_child (widget_class, ShirabeChartsView, unit_dropdown);
  gtk_widget_class_bind_template_child (widget_class, ShirabeChartsView, distance_spin);
  gtk_widget_class_bind_template_child (widget_class, ShirabeChartsView, measure_dropdown);
  gtk_widget_class_bind_template_child (widget_class, ShirabeChartsView, stacked_check);
  gtk_widget_class_bind_template_child (widget_class, ShirabeChartsView, sort_check);
  gtk_widget_class_bind_template_child (widget_class, ShirabeChartsView, filter_button);
  gtk_widget_class_bind_template_child (widget_class, ShirabeChartsView, spinner);
  gtk_widget_class_bind_template_child (widget_class, ShirabeChartsView, status_label);
  gtk_widget_class_bind_template_child (widget_class, ShirabeChartsView, table_toggle);
  gtk_widget_class_bind_template_child (widget_class, ShirabeChartsView, export_button);
  gtk_widget_class_bind_template_child (widget_class, ShirabeChartsView, content);
  gtk_widget_class_bind_template_child (widget_class, ShirabeChartsView, area);
  gtk_widget_class_bind_template_child (widget_class, ShirabeChartsView, table_view);
  gtk_widget_class_bind_template_callback (widget_class, on_cell_activated);

  gtk_widget_class_install_action (widget_class, "charts.export", "s", export_action);
  gtk_widget_class_install_action (widget_class, "charts.copy", NULL, copy_action);
}

static void
shirabe_charts_view_init (ShirabeChartsView *self)
{
  AdwStyleManager *manager = adw_style_manager_get_default ();

  gtk_widget_init_template (GTK_WIDGET (self));

  self->language = shirabe_label_language_default ();
  self->code_roots = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->with_roots = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->attribute_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->units = g_array_new (FALSE, FALSE, sizeof (ShirabeChartUnit));
  self->measures = g_array_new (FALSE, FALSE, sizeof (ShirabeChartMeasure));

  self->filter_popover = shirabe_filter_popover_new ();
  gtk_menu_button_set_popover (self->filter_button, GTK_WIDGET (self->filter_popover));
  g_signal_connect_object (self->filter_popover, "changed", G_CALLBACK (schedule_compute), self,
                           G_CONNECT_SWAPPED);

  self->updating = TRUE;
  fill_choices (self);
  self->updating = TRUE;
  fill_units_and_measures (self);
  update_controls (self);
  self->updating = FALSE;
  set_busy (self, FALSE);

  g_signal_connect_object (self->kind_dropdown, "notify::selected",
                           G_CALLBACK (on_choice_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->codes_dropdown, "notify::selected",
                           G_CALLBACK (on_choice_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->with_dropdown, "notify::selected",
                           G_CALLBACK (on_choice_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->by_dropdown, "notify::selected",
                           G_CALLBACK (on_choice_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->unit_dropdown, "notify::selected",
                           G_CALLBACK (on_choice_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->distance_spin, "value-changed",
                           G_CALLBACK (schedule_compute), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->measure_dropdown, "notify::selected",
                           G_CALLBACK (on_style_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->stacked_check, "toggled",
                           G_CALLBACK (on_style_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->sort_check, "toggled",
                           G_CALLBACK (on_style_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->table_toggle, "toggled",
                           G_CALLBACK (on_table_toggled), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (manager, "notify::dark", G_CALLBACK (on_style_changed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (manager, "notify::high-contrast", G_CALLBACK (on_style_changed),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect (self, "map", G_CALLBACK (on_map), NULL);
}
