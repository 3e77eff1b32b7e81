/* shirabe-filter-popover.c: conditions on case attributes and codes
 *
 * A popover of condition rows, all of which must hold: "Nationality is Thailand", "Age at
 * recruitment at least 18", "has a coding of Debt bondage". Every change builds the filter
 * again through the core, which checks each value against its attribute's type; a value not
 * yet valid leaves its row out and the popover says why, in the user's words.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "shirabe-i18n.h"

#include "shirabe-filter-popover.h"

typedef enum
{
  ROW_ATTRIBUTE,
  ROW_CODE,
} RowKind;

/* The operators offered, in the order of the drop-down. */
static const struct { ShirabeFilterOp op; const char *label; } operators[] = {
  { SHIRABE_FILTER_EQUALS, NC_("filter", "is") },
  { SHIRABE_FILTER_NOT_EQUALS, NC_("filter", "is not") },
  { SHIRABE_FILTER_ONE_OF, NC_("filter", "is one of") },
  { SHIRABE_FILTER_LESS, NC_("filter", "is less than") },
  { SHIRABE_FILTER_AT_MOST, NC_("filter", "is at most") },
  { SHIRABE_FILTER_GREATER, NC_("filter", "is more than") },
  { SHIRABE_FILTER_AT_LEAST, NC_("filter", "is at least") },
  { SHIRABE_FILTER_BETWEEN, NC_("filter", "is between") },
  { SHIRABE_FILTER_EMPTY, NC_("filter", "is not set") },
  { SHIRABE_FILTER_NOT_EMPTY, NC_("filter", "is set") },
};

typedef struct
{
  RowKind      kind;
  GtkWidget   *box;
  GtkDropDown *subject;   /* an attribute, or "has" / "has no" */
  GtkDropDown *op;        /* the operator, or the code */
  GtkEntry    *value;
  GtkEntry    *value2;    /* a range's upper end */
} Row;

struct _ShirabeFilterPopover
{
  GtkPopover            parent_instance;

  ShirabeProject       *project;
  ShirabeLabelLanguage  language;
  GPtrArray            *attributes;   /* ShirabeAttribute, case attributes then narratives' */
  GPtrArray            *codes;        /* ShirabeCode, in the codebook's order */
  GPtrArray            *rows;         /* Row */
  gboolean              loaded;       /* attributes and codes read since the project changed */
  ShirabeFilter        *filter;
  char                 *message;

  GtkBox               *row_box;
  GtkLabel             *empty_label;
  GtkLabel             *message_label;
  GtkWidget            *clear_button;
};

static void ensure_loaded (ShirabeFilterPopover *self);

G_DEFINE_FINAL_TYPE (ShirabeFilterPopover, shirabe_filter_popover, GTK_TYPE_POPOVER)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void rebuild (ShirabeFilterPopover *self);

static GtkStringList *
attribute_names (ShirabeFilterPopover *self)
{
  GtkStringList *names = gtk_string_list_new (NULL);

  for (guint i = 0; self->attributes != NULL && i < self->attributes->len; i++)
    {
      const ShirabeAttribute *attribute = g_ptr_array_index (self->attributes, i);
      g_autofree char *name = shirabe_label_pair_dup (attribute->name_ja, attribute->name_en,
                                                      self->language);

      if (attribute->scope == SHIRABE_SCOPE_NARRATIVE)
        {
          /* Translators: an attribute of a narrative, beside those of cases, in the filter */
          g_autofree char *shown = g_strdup_printf (_("%s (narrative)"), name);

          gtk_string_list_append (names, shown);
        }
      else
        gtk_string_list_append (names, name);
    }
  return names;
}

/* Codes in tree order, indented by depth. */
static GtkStringList *
code_names (ShirabeFilterPopover *self)
{
  GtkStringList *names = gtk_string_list_new (NULL);
  g_autoptr(GHashTable) depth = g_hash_table_new (g_int64_hash, g_int64_equal);

  for (guint i = 0; self->codes != NULL && i < self->codes->len; i++)
    {
      const ShirabeCode *code = g_ptr_array_index (self->codes, i);
      gpointer parent_depth = g_hash_table_lookup (depth, &code->parent_id);
      guint level = code->parent_id != 0 && parent_depth != NULL
                    ? GPOINTER_TO_UINT (parent_depth) : 0;
      g_autofree char *label = shirabe_code_dup_label (code, self->language);
      g_autofree char *shown = g_strdup_printf ("%*s%s", (int) (level * 2), "", label);

      g_hash_table_insert (depth, (gpointer) &code->id, GUINT_TO_POINTER (level + 1));
      gtk_string_list_append (names, shown);
    }
  return names;
}

static void
row_free (gpointer data)
{
  g_free (data);
}

static void
update_row (ShirabeFilterPopover *self,
            Row                  *row)
{
  guint choice;
  ShirabeFilterOp op;

  if (row->kind != ROW_ATTRIBUTE)
    return;
  choice = gtk_drop_down_get_selected (row->op);
  op = choice < G_N_ELEMENTS (operators) ? operators[choice].op : SHIRABE_FILTER_EQUALS;
  gtk_widget_set_visible (GTK_WIDGET (row->value),
                          op != SHIRABE_FILTER_EMPTY && op != SHIRABE_FILTER_NOT_EMPTY);
  gtk_widget_set_visible (GTK_WIDGET (row->value2), op == SHIRABE_FILTER_BETWEEN);
  if (op == SHIRABE_FILTER_ONE_OF)
    gtk_entry_set_placeholder_text (row->value, _("Values, separated by commas"));
  else if (op == SHIRABE_FILTER_BETWEEN)
    gtk_entry_set_placeholder_text (row->value, C_("range", "From"));
  else
    gtk_entry_set_placeholder_text (row->value, _("Value"));
}

static void
on_row_changed (ShirabeFilterPopover *self)
{
  for (guint i = 0; i < self->rows->len; i++)
    update_row (self, g_ptr_array_index (self->rows, i));
  rebuild (self);
}

static void
remove_row (ShirabeFilterPopover *self,
            Row                  *row)
{
  gtk_box_remove (self->row_box, row->box);
  g_ptr_array_remove (self->rows, row);
  gtk_widget_set_visible (GTK_WIDGET (self->empty_label), self->rows->len == 0);
  rebuild (self);
}

static void
on_remove_clicked (GtkButton *button,
                   gpointer   user_data)
{
  ShirabeFilterPopover *self = SHIRABE_FILTER_POPOVER (user_data);
  Row *row = g_object_get_data (G_OBJECT (button), "row");

  remove_row (self, row);
}

static Row *
add_row (ShirabeFilterPopover *self,
         RowKind               kind)
{
  Row *row = g_new0 (Row, 1);
  GtkWidget *remove;

  row->kind = kind;
  row->box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  if (kind == ROW_ATTRIBUTE)
    {
      g_autoptr(GtkStringList) ops = gtk_string_list_new (NULL);

      for (guint i = 0; i < G_N_ELEMENTS (operators); i++)
        gtk_string_list_append (ops, g_dpgettext2 (GETTEXT_PACKAGE, "filter",
                                                   operators[i].label));
      row->subject = GTK_DROP_DOWN (gtk_drop_down_new (G_LIST_MODEL (attribute_names (self)),
                                                       NULL));
      row->op = GTK_DROP_DOWN (gtk_drop_down_new (G_LIST_MODEL (g_steal_pointer (&ops)),
                                                  NULL));
      row->value = GTK_ENTRY (gtk_entry_new ());
      row->value2 = GTK_ENTRY (gtk_entry_new ());
      gtk_entry_set_placeholder_text (row->value2, C_("range", "To"));
      gtk_editable_set_width_chars (GTK_EDITABLE (row->value), 12);
      gtk_editable_set_width_chars (GTK_EDITABLE (row->value2), 8);
      gtk_accessible_update_property (GTK_ACCESSIBLE (row->subject),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, _("Attribute"), -1);
      gtk_accessible_update_property (GTK_ACCESSIBLE (row->op),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, _("Comparison"), -1);
      gtk_accessible_update_property (GTK_ACCESSIBLE (row->value),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, _("Value"), -1);
      gtk_box_append (GTK_BOX (row->box), GTK_WIDGET (row->subject));
      gtk_box_append (GTK_BOX (row->box), GTK_WIDGET (row->op));
      gtk_box_append (GTK_BOX (row->box), GTK_WIDGET (row->value));
      gtk_box_append (GTK_BOX (row->box), GTK_WIDGET (row->value2));
      g_signal_connect_object (row->value, "changed", G_CALLBACK (on_row_changed), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (row->value2, "changed", G_CALLBACK (on_row_changed), self,
                               G_CONNECT_SWAPPED);
    }
  else
    {
      const char *has[] = { C_("filter", "has a coding of"), C_("filter", "has no coding of"),
                            NULL };

      row->subject = GTK_DROP_DOWN (gtk_drop_down_new_from_strings (has));
      row->op = GTK_DROP_DOWN (gtk_drop_down_new (G_LIST_MODEL (code_names (self)), NULL));
      gtk_drop_down_set_enable_search (row->op, FALSE);
      gtk_accessible_update_property (GTK_ACCESSIBLE (row->op),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, _("Code"), -1);
      gtk_box_append (GTK_BOX (row->box), GTK_WIDGET (row->subject));
      gtk_box_append (GTK_BOX (row->box), GTK_WIDGET (row->op));
    }
  g_signal_connect_object (row->subject, "notify::selected", G_CALLBACK (on_row_changed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (row->op, "notify::selected", G_CALLBACK (on_row_changed), self,
                           G_CONNECT_SWAPPED);
  remove = gtk_button_new_from_icon_name ("edit-clear-symbolic");
  gtk_widget_add_css_class (remove, "flat");
  gtk_widget_set_tooltip_text (remove, _("Remove This Condition"));
  gtk_widget_set_hexpand (remove, TRUE);
  gtk_widget_set_halign (remove, GTK_ALIGN_END);
  g_object_set_data (G_OBJECT (remove), "row", row);
  g_signal_connect_object (remove, "clicked", G_CALLBACK (on_remove_clicked), self, 0);
  gtk_box_append (GTK_BOX (row->box), remove);

  g_ptr_array_add (self->rows, row);
  gtk_box_append (self->row_box, row->box);
  gtk_widget_set_visible (GTK_WIDGET (self->empty_label), FALSE);
  update_row (self, row);
  return row;
}

static void
set_message (ShirabeFilterPopover *self,
             const char           *message)
{
  g_free (self->message);
  self->message = g_strdup (message != NULL ? message : "");
  gtk_label_set_text (self->message_label, self->message);
  gtk_widget_set_visible (GTK_WIDGET (self->message_label), *self->message != '\0');
}

/* Splits "Thailand, Philippines" into trimmed values, leaving out empty ones. */
static char **
split_values (const char *text)
{
  g_auto(GStrv) parts = g_strsplit_set (text, ",、，", -1);
  GPtrArray *values = g_ptr_array_new ();

  for (guint i = 0; parts[i] != NULL; i++)
    {
      char *value = g_strstrip (parts[i]);

      if (*value != '\0')
        g_ptr_array_add (values, g_strdup (value));
    }
  g_ptr_array_add (values, NULL);
  return (char **) g_ptr_array_free (values, FALSE);
}

static void
rebuild (ShirabeFilterPopover *self)
{
  g_autoptr(ShirabeFilter) filter = shirabe_filter_new ();
  g_autoptr(GError) first_error = NULL;

  for (guint i = 0; self->rows != NULL && i < self->rows->len; i++)
    {
      Row *row = g_ptr_array_index (self->rows, i);
      g_autoptr(GError) error = NULL;
      guint subject = gtk_drop_down_get_selected (row->subject);
      guint choice = gtk_drop_down_get_selected (row->op);

      if (row->kind == ROW_CODE)
        {
          const ShirabeCode *code;

          if (self->codes == NULL || choice >= self->codes->len)
            continue;
          code = g_ptr_array_index (self->codes, choice);
          shirabe_filter_add_code (filter, code->id, TRUE, subject == 0);
        }
      else
        {
          const ShirabeAttribute *attribute;
          ShirabeFilterOp op;
          g_auto(GStrv) values = NULL;
          const char *text = gtk_editable_get_text (GTK_EDITABLE (row->value));

          if (self->attributes == NULL || subject >= self->attributes->len ||
              choice >= G_N_ELEMENTS (operators))
            continue;
          attribute = g_ptr_array_index (self->attributes, subject);
          op = operators[choice].op;
          if (op == SHIRABE_FILTER_EMPTY || op == SHIRABE_FILTER_NOT_EMPTY)
            values = g_new0 (char *, 1);
          else if (op == SHIRABE_FILTER_ONE_OF)
            values = split_values (text);
          else if (op == SHIRABE_FILTER_BETWEEN)
            {
              const char *to = gtk_editable_get_text (GTK_EDITABLE (row->value2));

              values = g_new0 (char *, 3);
              values[0] = g_strstrip (g_strdup (text));
              values[1] = g_strstrip (g_strdup (to));
              if (*values[0] == '\0' || *values[1] == '\0')
                continue;
            }
          else
            {
              values = g_new0 (char *, 2);
              values[0] = g_strstrip (g_strdup (text));
            }
          /* A value not typed yet is no condition yet, and nothing to complain of. */
          if (op != SHIRABE_FILTER_EMPTY && op != SHIRABE_FILTER_NOT_EMPTY &&
              (values[0] == NULL || *values[0] == '\0'))
            continue;
          if (!shirabe_filter_add_condition (filter, self->project, attribute->id, op,
                                             (const char * const *) values, &error) &&
              first_error == NULL)
            first_error = g_steal_pointer (&error);
        }
    }

  set_message (self, first_error != NULL ? first_error->message : NULL);
  g_clear_pointer (&self->filter, shirabe_filter_unref);
  if (!shirabe_filter_is_empty (filter))
    self->filter = g_steal_pointer (&filter);
  gtk_widget_set_sensitive (self->clear_button, self->rows->len > 0);
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
on_add_attribute (ShirabeFilterPopover *self)
{
  Row *row;

  ensure_loaded (self);
  if (self->attributes == NULL || self->attributes->len == 0)
    {
      set_message (self, _("The project has no attributes yet: add them to a case first."));
      return;
    }
  row = add_row (self, ROW_ATTRIBUTE);
  gtk_widget_grab_focus (GTK_WIDGET (row->subject));
}

static void
on_add_code (ShirabeFilterPopover *self)
{
  Row *row;

  ensure_loaded (self);
  if (self->codes == NULL || self->codes->len == 0)
    return;
  row = add_row (self, ROW_CODE);
  gtk_widget_grab_focus (GTK_WIDGET (row->op));
  rebuild (self);
}

void
shirabe_filter_popover_clear (ShirabeFilterPopover *self)
{
  g_return_if_fail (SHIRABE_IS_FILTER_POPOVER (self));

  while (self->rows->len > 0)
    {
      Row *row = g_ptr_array_index (self->rows, self->rows->len - 1);

      gtk_box_remove (self->row_box, row->box);
      g_ptr_array_remove_index (self->rows, self->rows->len - 1);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->empty_label), TRUE);
  rebuild (self);
}

static void
load (ShirabeFilterPopover *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) cases = NULL;
  g_autoptr(GPtrArray) narratives = NULL;

  g_clear_pointer (&self->attributes, g_ptr_array_unref);
  g_clear_pointer (&self->codes, g_ptr_array_unref);
  if (self->project == NULL)
    return;
  cases = shirabe_project_list_attributes (self->project, SHIRABE_SCOPE_CASE, &error);
  narratives = cases != NULL
               ? shirabe_project_list_attributes (self->project, SHIRABE_SCOPE_NARRATIVE, &error)
               : NULL;
  /* Labels only: counting every coding would hold up the opening of a large study. */
  self->codes = narratives != NULL ? shirabe_project_list_codes_uncounted (self->project, &error)
                                   : NULL;
  if (self->codes == NULL)
    {
      set_message (self, error->message);
      return;
    }
  self->attributes = g_ptr_array_new_with_free_func ((GDestroyNotify) shirabe_attribute_free);
  for (guint i = 0; i < cases->len; i++)
    g_ptr_array_add (self->attributes, shirabe_attribute_copy (g_ptr_array_index (cases, i)));
  for (guint i = 0; i < narratives->len; i++)
    g_ptr_array_add (self->attributes,
                     shirabe_attribute_copy (g_ptr_array_index (narratives, i)));
}

/* The attributes and codes are read when the popover is first shown or a condition is added,
 * not when a project opens: every view has a filter popover. */
static void
ensure_loaded (ShirabeFilterPopover *self)
{
  if (self->loaded)
    return;
  self->loaded = TRUE;
  load (self);
}

void
shirabe_filter_popover_set_project (ShirabeFilterPopover *self,
                                    ShirabeProject       *project)
{
  g_return_if_fail (SHIRABE_IS_FILTER_POPOVER (self));

  g_set_object (&self->project, project);
  while (self->rows->len > 0)
    {
      Row *row = g_ptr_array_index (self->rows, self->rows->len - 1);

      gtk_box_remove (self->row_box, row->box);
      g_ptr_array_remove_index (self->rows, self->rows->len - 1);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->empty_label), TRUE);
  g_clear_pointer (&self->attributes, g_ptr_array_unref);
  g_clear_pointer (&self->codes, g_ptr_array_unref);
  self->loaded = FALSE;
  if (gtk_widget_get_visible (GTK_WIDGET (self)))
    ensure_loaded (self);
  rebuild (self);
}

/* Keeps each row's choice by id across a reload (a new code, a renamed attribute). */
void
shirabe_filter_popover_reload (ShirabeFilterPopover *self)
{
  g_autoptr(GArray) chosen = g_array_new (FALSE, FALSE, sizeof (gint64));

  g_return_if_fail (SHIRABE_IS_FILTER_POPOVER (self));

  /* Nothing chosen from the old lists: they are read again when needed. */
  if (self->rows->len == 0 && !gtk_widget_get_visible (GTK_WIDGET (self)))
    {
      g_clear_pointer (&self->attributes, g_ptr_array_unref);
      g_clear_pointer (&self->codes, g_ptr_array_unref);
      self->loaded = FALSE;
      rebuild (self);
      return;
    }
  for (guint i = 0; i < self->rows->len; i++)
    {
      Row *row = g_ptr_array_index (self->rows, i);
      GPtrArray *items = row->kind == ROW_CODE ? self->codes : self->attributes;
      guint index = gtk_drop_down_get_selected (row->kind == ROW_CODE ? row->op : row->subject);
      gint64 id = 0;

      if (items != NULL && index < items->len)
        id = row->kind == ROW_CODE ? ((ShirabeCode *) g_ptr_array_index (items, index))->id
                                   : ((ShirabeAttribute *) g_ptr_array_index (items, index))->id;
      g_array_append_val (chosen, id);
    }
  self->loaded = TRUE;
  load (self);
  for (guint i = 0; i < self->rows->len; i++)
    {
      Row *row = g_ptr_array_index (self->rows, i);
      GtkDropDown *drop_down = row->kind == ROW_CODE ? row->op : row->subject;
      GPtrArray *items = row->kind == ROW_CODE ? self->codes : self->attributes;
      gint64 id = g_array_index (chosen, gint64, i);
      g_autoptr(GtkStringList) names = row->kind == ROW_CODE ? code_names (self)
                                                             : attribute_names (self);

      g_signal_handlers_block_by_func (drop_down, on_row_changed, self);
      gtk_drop_down_set_model (drop_down, G_LIST_MODEL (names));
      for (guint j = 0; items != NULL && j < items->len; j++)
        {
          gint64 item_id = row->kind == ROW_CODE
                           ? ((ShirabeCode *) g_ptr_array_index (items, j))->id
                           : ((ShirabeAttribute *) g_ptr_array_index (items, j))->id;

          if (item_id == id)
            gtk_drop_down_set_selected (drop_down, j);
        }
      g_signal_handlers_unblock_by_func (drop_down, on_row_changed, self);
    }
  rebuild (self);
}

void
shirabe_filter_popover_set_label_language (ShirabeFilterPopover *self,
                                           ShirabeLabelLanguage  language)
{
  g_return_if_fail (SHIRABE_IS_FILTER_POPOVER (self));

  if (self->language == language)
    return;
  self->language = language;
  shirabe_filter_popover_reload (self);
}

ShirabeFilter *
shirabe_filter_popover_get_filter (ShirabeFilterPopover *self)
{
  g_return_val_if_fail (SHIRABE_IS_FILTER_POPOVER (self), NULL);

  return self->filter;
}

const char *
shirabe_filter_popover_get_message (ShirabeFilterPopover *self)
{
  g_return_val_if_fail (SHIRABE_IS_FILTER_POPOVER (self), "");

  return self->message != NULL ? self->message : "";
}

void
shirabe_filter_popover_add_attribute_condition (ShirabeFilterPopover *self,
                                                gint64                attribute_id,
                                                ShirabeFilterOp       op,
                                                const char           *value)
{
  Row *row;

  g_return_if_fail (SHIRABE_IS_FILTER_POPOVER (self));

  ensure_loaded (self);
  for (guint i = 0; self->attributes != NULL && i < self->attributes->len; i++)
    {
      const ShirabeAttribute *attribute = g_ptr_array_index (self->attributes, i);
      g_auto(GStrv) parts = NULL;

      if (attribute->id != attribute_id)
        continue;
      row = add_row (self, ROW_ATTRIBUTE);
      gtk_drop_down_set_selected (row->subject, i);
      for (guint j = 0; j < G_N_ELEMENTS (operators); j++)
        if (operators[j].op == op)
          gtk_drop_down_set_selected (row->op, j);
      parts = g_strsplit (value != NULL ? value : "", "\t", 2);
      gtk_editable_set_text (GTK_EDITABLE (row->value), parts[0] != NULL ? parts[0] : "");
      if (parts[0] != NULL && parts[1] != NULL)
        gtk_editable_set_text (GTK_EDITABLE (row->value2), parts[1]);
      on_row_changed (self);
      return;
    }
}

void
shirabe_filter_popover_add_code_condition (ShirabeFilterPopover *self,
                                           gint64                code_id,
                                           gboolean              has)
{
  g_return_if_fail (SHIRABE_IS_FILTER_POPOVER (self));

  ensure_loaded (self);
  for (guint i = 0; self->codes != NULL && i < self->codes->len; i++)
    {
      const ShirabeCode *code = g_ptr_array_index (self->codes, i);
      Row *row;

      if (code->id != code_id)
        continue;
      row = add_row (self, ROW_CODE);
      gtk_drop_down_set_selected (row->subject, has ? 0 : 1);
      gtk_drop_down_set_selected (row->op, i);
      rebuild (self);
      return;
    }
}

static void
shirabe_filter_popover_dispose (GObject *object)
{
  ShirabeFilterPopover *self = SHIRABE_FILTER_POPOVER (object);

  g_clear_object (&self->project);
  G_OBJECT_CLASS (shirabe_filter_popover_parent_class)->dispose (object);
}

static void
shirabe_filter_popover_finalize (GObject *object)
{
  ShirabeFilterPopover *self = SHIRABE_FILTER_POPOVER (object);

  g_clear_pointer (&self->attributes, g_ptr_array_unref);
  g_clear_pointer (&self->codes, g_ptr_array_unref);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_pointer (&self->filter, shirabe_filter_unref);
  g_free (self->message);
  G_OBJECT_CLASS (shirabe_filter_popover_parent_class)->finalize (object);
}

static void
shirabe_filter_popover_class_init (ShirabeFilterPopoverClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = shirabe_filter_popover_dispose;
  object_class->finalize = shirabe_filter_popover_finalize;

  /**
   * ShirabeFilterPopover::changed:
   *
   * The conditions changed; shirabe_filter_popover_get_filter() has them.
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                   NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
shirabe_filter_popover_init (ShirabeFilterPopover *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *heading = gtk_label_new (_("Only Narratives Where"));
  GtkWidget *buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *add_attribute = gtk_button_new_with_mnemonic (_("_Attribute Condition"));
  GtkWidget *add_code = gtk_button_new_with_mnemonic (_("C_ode Condition"));

  self->language = shirabe_label_language_default ();
  self->rows = g_ptr_array_new_with_free_func (row_free);

  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_label_set_xalign (GTK_LABEL (heading), 0);
  gtk_widget_add_css_class (heading, "heading");
  gtk_box_append (GTK_BOX (box), heading);

  self->row_box = GTK_BOX (gtk_box_new (GTK_ORIENTATION_VERTICAL, 6));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->row_box));
  self->empty_label = GTK_LABEL (gtk_label_new (_("No conditions: every narrative is shown.")));
  gtk_label_set_xalign (self->empty_label, 0);
  gtk_widget_add_css_class (GTK_WIDGET (self->empty_label), "dim-label");
  gtk_box_append (self->row_box, GTK_WIDGET (self->empty_label));

  self->message_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->message_label, 0);
  gtk_label_set_wrap (self->message_label, TRUE);
  gtk_label_set_max_width_chars (self->message_label, 50);
  gtk_widget_add_css_class (GTK_WIDGET (self->message_label), "error");
  gtk_widget_set_visible (GTK_WIDGET (self->message_label), FALSE);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->message_label));

  gtk_widget_set_tooltip_text (add_attribute,
                               _("Add a condition on an attribute of the case or narrative"));
  gtk_widget_set_tooltip_text (add_code, _("Add a condition on the codes a narrative has"));
  g_signal_connect_object (add_attribute, "clicked", G_CALLBACK (on_add_attribute), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (add_code, "clicked", G_CALLBACK (on_add_code), self,
                           G_CONNECT_SWAPPED);
  self->clear_button = gtk_button_new_with_mnemonic (_("C_lear"));
  gtk_widget_set_sensitive (self->clear_button, FALSE);
  gtk_widget_set_hexpand (self->clear_button, TRUE);
  gtk_widget_set_halign (self->clear_button, GTK_ALIGN_END);
  g_signal_connect_object (self->clear_button, "clicked",
                           G_CALLBACK (shirabe_filter_popover_clear), self, G_CONNECT_SWAPPED);
  gtk_box_append (GTK_BOX (buttons), add_attribute);
  gtk_box_append (GTK_BOX (buttons), add_code);
  gtk_box_append (GTK_BOX (buttons), self->clear_button);
  gtk_box_append (GTK_BOX (box), buttons);

  gtk_popover_set_child (GTK_POPOVER (self), box);
  g_signal_connect (self, "show", G_CALLBACK (ensure_loaded), NULL);
}

ShirabeFilterPopover *
shirabe_filter_popover_new (void)
{
  return g_object_new (SHIRABE_TYPE_FILTER_POPOVER, NULL);
}
