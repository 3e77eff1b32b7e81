/* shirabe-codebook.c: the codebook pane, a tree of the project's codes
 *
 * The tree is a GtkListView over a GtkTreeListModel whose items are ShirabeCodeItems, one per
 * code, kept for as long as the tree keeps its shape so that an edit, an undo or a new count
 * updates rows in place instead of collapsing the tree. When the shape changes (a code added,
 * moved or deleted, or an undo of that), the tree is rebuilt with the same rows expanded.
 *
 * Every edit is an action of the widget ("codebook.*"): the toolbar, the menus, the keys and
 * the tests all go through them. Each is one core call, so one undo step.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "shirabe-i18n.h"

#include <string.h>

#include "shirabe-code-editor.h"
#include "shirabe-codebook.h"
#include "shirabe-color-swatch.h"
#include "shirabe-first-rows.h"
#include "shirabe-window.h"

struct _ShirabeCodebook
{
  AdwBin                parent_instance;

  ShirabeProject       *project;
  ShirabeLabelLanguage  label_language;

  GListStore           *codes;            /* top-level ShirabeCodeItem */
  GtkTreeListModel     *tree;
  GtkSliceListModel    *rows;             /* the tree, limited until the list has painted */
  GtkSingleSelection   *selection;
  GHashTable           *code_items;       /* code id → ShirabeCodeItem (borrowed) */
  GArray               *code_shape;       /* (id, parent id) pairs in tree order */
  GHashTable           *expanded;         /* ids of codes whose rows are expanded */
  gint64                quick_codes[SHIRABE_CODEBOOK_N_QUICK_CODES];

  /* template */
  GtkListView          *code_list;
  GtkPopoverMenu       *context_menu;
  GtkWidget            *drop_row;         /* the row marked under a drag, or NULL */
};

G_DEFINE_FINAL_TYPE (ShirabeCodebook, shirabe_codebook, ADW_TYPE_BIN)

enum {
  CODE_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void update_actions (ShirabeCodebook *self);

static GListModel *
create_code_children (gpointer item,
                      gpointer user_data)
{
  GListStore *children = shirabe_code_item_get_children (SHIRABE_CODE_ITEM (item));

  if (g_list_model_get_n_items (G_LIST_MODEL (children)) == 0)
    return NULL;
  return g_object_ref (G_LIST_MODEL (children));
}

static gboolean
code_shape_equals (GArray    *shape,
                   GPtrArray *codes)
{
  if (shape->len != codes->len * 2)
    return FALSE;
  for (guint i = 0; i < codes->len; i++)
    {
      ShirabeCode *code = g_ptr_array_index (codes, i);

      if (g_array_index (shape, gint64, 2 * i) != code->id ||
          g_array_index (shape, gint64, 2 * i + 1) != code->parent_id)
        return FALSE;
    }
  return TRUE;
}

/* Notes which rows are expanded. Codes no longer shown keep their note, so that the undo of a
 * delete brings a subtree back as it was. */
static void
collect_expanded (ShirabeCodebook *self)
{
  GHashTable *expanded = self->expanded;
  GListModel *model = G_LIST_MODEL (self->tree);
  guint n = g_list_model_get_n_items (model);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GtkTreeListRow) row = g_list_model_get_item (model, i);

      g_autoptr(ShirabeCodeItem) item = gtk_tree_list_row_get_item (row);
      gint64 id = shirabe_code_item_get_id (item);

      if (gtk_tree_list_row_get_expanded (row))
        g_hash_table_add (expanded, g_memdup2 (&id, sizeof id));
      else if (gtk_tree_list_row_is_expandable (row))
        g_hash_table_remove (expanded, &id);
    }
}

/* Expands the rows in @expanded again; the model grows as rows expand, so walk it live. */
static void
restore_expanded (ShirabeCodebook *self,
                  GHashTable      *expanded)
{
  GListModel *model = G_LIST_MODEL (self->tree);

  if (g_hash_table_size (expanded) == 0)
    return;
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GtkTreeListRow) row = g_list_model_get_item (model, i);
      g_autoptr(ShirabeCodeItem) item = gtk_tree_list_row_get_item (row);
      gint64 id = shirabe_code_item_get_id (item);

      if (g_hash_table_contains (expanded, &id))
        gtk_tree_list_row_set_expanded (row, TRUE);
    }
}

static void
rebuild_codes (ShirabeCodebook *self,
               GPtrArray       *codes)
{
  g_autoptr(GPtrArray) roots = g_ptr_array_new_with_free_func (g_object_unref);
  gint64 selected = shirabe_codebook_get_selected_code (self);

  collect_expanded (self);

  g_hash_table_remove_all (self->code_items);
  g_array_set_size (self->code_shape, 0);
  for (guint i = 0; i < codes->len; i++)
    {
      ShirabeCode *code = g_ptr_array_index (codes, i);
      ShirabeCodeItem *item = shirabe_code_item_new (code, self->label_language);
      ShirabeCodeItem *parent = g_hash_table_lookup (self->code_items, &code->parent_id);

      g_hash_table_insert (self->code_items, g_memdup2 (&code->id, sizeof code->id), item);
      g_array_append_val (self->code_shape, code->id);
      g_array_append_val (self->code_shape, code->parent_id);
      if (parent != NULL)
        {
          g_list_store_append (shirabe_code_item_get_children (parent), item);
          g_object_unref (item);
        }
      else
        g_ptr_array_add (roots, item);
    }
  g_list_store_splice (self->codes, 0, g_list_model_get_n_items (G_LIST_MODEL (self->codes)),
                       roots->pdata, roots->len);
  restore_expanded (self, self->expanded);
  if (selected != 0)
    shirabe_codebook_select_code (self, selected);
}

void
shirabe_codebook_set_codes (ShirabeCodebook *self,
                            GPtrArray       *codes)
{
  guint n_quick = 0;

  g_return_if_fail (SHIRABE_IS_CODEBOOK (self));
  g_return_if_fail (codes != NULL);

  if (code_shape_equals (self->code_shape, codes))
    {
      for (guint i = 0; i < codes->len; i++)
        {
          ShirabeCode *code = g_ptr_array_index (codes, i);

          shirabe_code_item_update (g_hash_table_lookup (self->code_items, &code->id), code);
        }
    }
  else
    rebuild_codes (self, codes);
  /* Each code's subtree total, from the counts just read. */
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->codes)); i++)
    {
      g_autoptr(ShirabeCodeItem) top = g_list_model_get_item (G_LIST_MODEL (self->codes), i);

      shirabe_code_item_count_subtree (top);
    }

  /* The number keys: the researcher's, or until assigned the first nine codable codes in the
   * tree as the user sees it. */
  memset (self->quick_codes, 0, sizeof self->quick_codes);
  if (self->project == NULL ||
      !shirabe_project_get_quick_keys (self->project, self->quick_codes, NULL))
    for (guint i = 0; i < codes->len && n_quick < SHIRABE_CODEBOOK_N_QUICK_CODES; i++)
      {
        ShirabeCode *code = g_ptr_array_index (codes, i);

        if (code->codable)
          self->quick_codes[n_quick++] = code->id;
      }
  for (guint i = 0; i < codes->len; i++)
    {
      ShirabeCode *code = g_ptr_array_index (codes, i);
      ShirabeCodeItem *item = g_hash_table_lookup (self->code_items, &code->id);
      guint key = 0;

      for (guint k = 0; k < SHIRABE_CODEBOOK_N_QUICK_CODES; k++)
        if (self->quick_codes[k] == code->id)
          key = k + 1;
      shirabe_code_item_set_quick_key (item, key);
    }
  update_actions (self);
}

static void
add_codings (ShirabeCodebook *self,
             gint64           code_id,
             int              delta)
{
  ShirabeCodeItem *item = code_id != 0 ? g_hash_table_lookup (self->code_items, &code_id) : NULL;

  if (item == NULL)
    return;
  shirabe_code_item_add_codings (item, delta);
  /* Every code above it counts it in its subtree. */
  for (gint64 parent_id = shirabe_code_item_get_code (item)->parent_id; parent_id != 0;)
    {
      ShirabeCodeItem *parent = g_hash_table_lookup (self->code_items, &parent_id);

      if (parent == NULL)
        break;
      shirabe_code_item_add_subtree_codings (parent, delta);
      parent_id = shirabe_code_item_get_code (parent)->parent_id;
    }
}

void
shirabe_codebook_set_code_counts (ShirabeCodebook *self,
                                  GHashTable      *counts)
{
  GHashTableIter iter;
  gpointer key, value;
  g_autoptr(GArray) deltas = g_array_new (FALSE, FALSE, sizeof (gint64) * 2);

  g_return_if_fail (SHIRABE_IS_CODEBOOK (self));
  g_return_if_fail (counts != NULL);

  /* The difference from what each code shows: edits counted since then stay counted. */
  g_hash_table_iter_init (&iter, self->code_items);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      ShirabeCodeItem *item = value;
      gint64 code_id = *(gint64 *) key;
      guint count = GPOINTER_TO_UINT (g_hash_table_lookup (counts, &code_id));
      gint64 pair[2] = { code_id, (gint64) count - shirabe_code_item_get_code (item)->n_codings };

      if (pair[1] != 0)
        g_array_append_vals (deltas, pair, 1);
    }
  for (guint i = 0; i < deltas->len; i++)
    {
      const gint64 *pair = (const gint64 *) (gconstpointer) (deltas->data + i * 2 * sizeof (gint64));

      add_codings (self, pair[0], (int) pair[1]);
    }
}

void
shirabe_codebook_count_codings (ShirabeCodebook *self,
                                ShirabeChanges  *changes)
{
  const ShirabeCodingChange *codings;
  guint n_codings;

  g_return_if_fail (SHIRABE_IS_CODEBOOK (self));
  g_return_if_fail (changes != NULL);

  codings = shirabe_changes_get_codings (changes, &n_codings);
  for (guint i = 0; i < n_codings; i++)
    {
      const ShirabeCodingChange *change = &codings[i];

      /* An update names its codes only when it moved the coding from one to the other. */
      if (change->change == SHIRABE_ROW_INSERTED || change->change == SHIRABE_ROW_UPDATED)
        add_codings (self, change->new_code_id, 1);
      if (change->change == SHIRABE_ROW_DELETED || change->change == SHIRABE_ROW_UPDATED)
        add_codings (self, change->old_code_id, -1);
    }
}

void
shirabe_codebook_set_project (ShirabeCodebook *self,
                              ShirabeProject  *project)
{
  g_return_if_fail (SHIRABE_IS_CODEBOOK (self));
  g_return_if_fail (project == NULL || SHIRABE_IS_PROJECT (project));

  if (project == self->project)
    return;
  g_list_store_remove_all (self->codes);
  g_hash_table_remove_all (self->code_items);
  g_array_set_size (self->code_shape, 0);
  g_hash_table_remove_all (self->expanded);
  memset (self->quick_codes, 0, sizeof self->quick_codes);
  g_set_object (&self->project, project);
  /* A codebook of hundreds of codes: the first rows for the first frame, the rest after. */
  if (project != NULL)
    shirabe_first_rows_limit (self->rows, GTK_WIDGET (self->code_list));
  update_actions (self);
}

void
shirabe_codebook_set_label_language (ShirabeCodebook      *self,
                                     ShirabeLabelLanguage  language)
{
  GHashTableIter iter;
  gpointer item;

  g_return_if_fail (SHIRABE_IS_CODEBOOK (self));

  if (self->label_language == language)
    return;
  self->label_language = language;
  g_hash_table_iter_init (&iter, self->code_items);
  while (g_hash_table_iter_next (&iter, NULL, &item))
    shirabe_code_item_set_label_language (item, language);
}

gint64
shirabe_codebook_get_quick_code (ShirabeCodebook *self,
                                 guint            n)
{
  g_return_val_if_fail (SHIRABE_IS_CODEBOOK (self), 0);

  if (n < 1 || n > SHIRABE_CODEBOOK_N_QUICK_CODES)
    return 0;
  return self->quick_codes[n - 1];
}

static ShirabeCodeItem *
get_selected_item (ShirabeCodebook *self)
{
  GtkTreeListRow *row = gtk_single_selection_get_selected_item (self->selection);

  if (row == NULL)
    return NULL;
  return SHIRABE_CODE_ITEM (gtk_tree_list_row_get_item (row));
}

gint64
shirabe_codebook_get_selected_code (ShirabeCodebook *self)
{
  g_autoptr(ShirabeCodeItem) item = NULL;

  g_return_val_if_fail (SHIRABE_IS_CODEBOOK (self), 0);

  item = get_selected_item (self);
  return item != NULL ? shirabe_code_item_get_id (item) : 0;
}

gboolean
shirabe_codebook_select_code (ShirabeCodebook *self,
                              gint64           code_id)
{
  GListModel *model;
  ShirabeCodeItem *item;
  const ShirabeCode *code;
  g_autoptr(GArray) ancestors = g_array_new (FALSE, FALSE, sizeof (gint64));

  g_return_val_if_fail (SHIRABE_IS_CODEBOOK (self), FALSE);

  item = g_hash_table_lookup (self->code_items, &code_id);
  if (item == NULL)
    return FALSE;

  /* Expand from the top down, so that each ancestor's row exists when it is reached. */
  for (code = shirabe_code_item_get_code (item); code->parent_id != 0;)
    {
      ShirabeCodeItem *parent = g_hash_table_lookup (self->code_items, &code->parent_id);

      if (parent == NULL)
        break;
      g_array_prepend_val (ancestors, code->parent_id);
      code = shirabe_code_item_get_code (parent);
    }
  model = G_LIST_MODEL (self->tree);
  for (guint a = 0; a <= ancestors->len; a++)
    {
      gint64 wanted = a < ancestors->len ? g_array_index (ancestors, gint64, a) : code_id;
      guint n = g_list_model_get_n_items (model);

      for (guint i = 0; i < n; i++)
        {
          g_autoptr(GtkTreeListRow) row = g_list_model_get_item (model, i);
          g_autoptr(ShirabeCodeItem) row_item = gtk_tree_list_row_get_item (row);

          if (shirabe_code_item_get_id (row_item) != wanted)
            continue;
          if (a < ancestors->len)
            gtk_tree_list_row_set_expanded (row, TRUE);
          else
            {
              shirabe_first_rows_show_all (self->rows);
              gtk_single_selection_set_selected (self->selection, i);
              /* In view, as a new code at the end of a long codebook would not be. */
              gtk_widget_activate_action (GTK_WIDGET (self->code_list), "list.scroll-to-item",
                                          "u", i);
              return TRUE;
            }
          break;
        }
    }
  return FALSE;
}

GtkListView *
shirabe_codebook_get_list_view (ShirabeCodebook *self)
{
  g_return_val_if_fail (SHIRABE_IS_CODEBOOK (self), NULL);

  return self->code_list;
}

/* Editing */

static ShirabeProject *
get_editable_project (ShirabeCodebook *self)
{
  if (self->project == NULL || shirabe_project_get_read_only (self->project))
    return NULL;
  return self->project;
}

/* The store holding @item's row among its siblings. */
static GListStore *
get_siblings (ShirabeCodebook *self,
              ShirabeCodeItem *item)
{
  const ShirabeCode *code = shirabe_code_item_get_code (item);
  ShirabeCodeItem *parent = g_hash_table_lookup (self->code_items, &code->parent_id);

  return parent != NULL ? shirabe_code_item_get_children (parent) : self->codes;
}

static guint
get_index (ShirabeCodebook *self,
           ShirabeCodeItem *item,
           guint           *n_siblings)
{
  GListStore *siblings = get_siblings (self, item);
  guint index = 0;

  g_list_store_find (siblings, item, &index);
  if (n_siblings != NULL)
    *n_siblings = g_list_model_get_n_items (G_LIST_MODEL (siblings));
  return index;
}

static guint
count_descendants (ShirabeCodeItem *item)
{
  GListModel *children = G_LIST_MODEL (shirabe_code_item_get_children (item));
  guint n = g_list_model_get_n_items (children);
  guint total = n;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ShirabeCodeItem) child = g_list_model_get_item (children, i);

      total += count_descendants (child);
    }
  return total;
}

static void
update_actions (ShirabeCodebook *self)
{
  g_autoptr(ShirabeCodeItem) item = get_selected_item (self);
  gboolean editable = get_editable_project (self) != NULL;
  gboolean selected = editable && item != NULL;
  gboolean nested = selected && shirabe_code_item_get_code (item)->parent_id != 0;
  guint index = 0;
  guint n = 0;

  if (item != NULL)
    index = get_index (self, item, &n);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "codebook.add-code", editable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "codebook.add-subcode", selected);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "codebook.edit-code", selected);
  /* Reading passages needs no writable project. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "codebook.show-passages", item != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "codebook.delete-code", selected);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "codebook.move-up", selected && index > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "codebook.move-down",
                                 selected && index + 1 < n);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "codebook.move-in", selected && index > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "codebook.move-out", nested);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "codebook.move-to-top", nested);
  /* A category is not applied to text, so takes no number key. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "codebook.set-quick-key",
                                 selected && shirabe_code_item_get_code (item)->codable);
}

static void
move_code (ShirabeCodebook *self,
           gint64           code_id,
           gint64           parent_id,
           int              position)
{
  g_autoptr(GError) error = NULL;

  if (get_editable_project (self) == NULL)
    return;
  if (!shirabe_project_move_code (self->project, code_id, parent_id, position, &error))
    {
      shirabe_widget_show_error (GTK_WIDGET (self), _("The code was not moved"), error);
      return;
    }
  shirabe_codebook_select_code (self, code_id);
}

static void
on_editor_saved (ShirabeCodebook *self,
                 gint64           code_id)
{
  shirabe_codebook_select_code (self, code_id);
}

static void
open_editor (ShirabeCodebook *self,
             gint64           code_id,
             gint64           parent_id)
{
  g_autoptr(GError) error = NULL;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  ShirabeCodeEditor *editor;

  if (get_editable_project (self) == NULL)
    return;
  editor = shirabe_code_editor_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                    self->project, code_id, parent_id, &error);
  if (editor == NULL)
    {
      shirabe_widget_show_error (GTK_WIDGET (self), _("The code cannot be edited"), error);
      return;
    }
  g_signal_connect_object (editor, "saved", G_CALLBACK (on_editor_saved), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (editor));
}

/* codebook.set-quick-key (key): gives number key @key (0: none) to the selected code. */
static void
set_quick_key_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  ShirabeCodebook *self = SHIRABE_CODEBOOK (widget);
  gint64 code_id = shirabe_codebook_get_selected_code (self);
  guint key = g_variant_get_uint32 (parameter);
  g_autoptr(GError) error = NULL;
  gboolean ok = TRUE;

  if (code_id == 0 || get_editable_project (self) == NULL || key > SHIRABE_CODEBOOK_N_QUICK_CODES)
    return;
  if (key != 0)
    ok = shirabe_project_set_quick_key (self->project, key, code_id, &error);
  else
    for (guint k = 0; ok && k < SHIRABE_CODEBOOK_N_QUICK_CODES; k++)
      if (self->quick_codes[k] == code_id)
        ok = shirabe_project_set_quick_key (self->project, k + 1, 0, &error);
  if (!ok)
    shirabe_widget_show_error (GTK_WIDGET (self), _("The number key was not set"), error);
}

static void
add_code_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  open_editor (SHIRABE_CODEBOOK (widget), 0, 0);
}

static void
add_subcode_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  ShirabeCodebook *self = SHIRABE_CODEBOOK (widget);
  gint64 parent_id = shirabe_codebook_get_selected_code (self);

  if (parent_id != 0)
    open_editor (self, 0, parent_id);
}

static void
edit_code_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  ShirabeCodebook *self = SHIRABE_CODEBOOK (widget);
  gint64 code_id = shirabe_codebook_get_selected_code (self);

  if (code_id != 0)
    open_editor (self, code_id, 0);
}

/* The passages coded with the selected code or its subcodes, in the window's Passages view. */
static void
show_passages_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  ShirabeCodebook *self = SHIRABE_CODEBOOK (widget);
  gint64 code_id = shirabe_codebook_get_selected_code (self);

  if (code_id != 0)
    gtk_widget_activate_action (widget, "win.show-passages", "x", code_id);
}

static void
on_delete_response (AdwMessageDialog *dialog,
                    const char       *response,
                    ShirabeCodebook  *self)
{
  gint64 code_id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (dialog), "code-id"));
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (response, "delete") != 0 || get_editable_project (self) == NULL)
    return;
  if (!shirabe_project_delete_code (self->project, code_id, &error))
    shirabe_widget_show_error (GTK_WIDGET (self), _("The code was not deleted"), error);
}

/* What deleting takes with it, as the body of the question. */
static char *
describe_deletion (guint n_subcodes,
                   guint n_codings)
{
  g_autofree char *what = NULL;

  if (n_subcodes > 0 && n_codings > 0)
    {
      g_autofree char *subcodes = g_strdup_printf (ngettext ("%u subcode", "%u subcodes",
                                                             n_subcodes), n_subcodes);

      /* Translators: %s is "3 subcodes" (translated on its own), %u the number of codings */
      what = g_strdup_printf (ngettext ("Its %s and %u coding will be removed too.",
                                        "Its %s and %u codings will be removed too.",
                                        n_codings), subcodes, n_codings);
    }
  else if (n_subcodes > 0)
    what = g_strdup_printf (ngettext ("Its %u subcode will be removed too.",
                                      "Its %u subcodes will be removed too.", n_subcodes),
                            n_subcodes);
  else if (n_codings > 0)
    what = g_strdup_printf (ngettext ("Its %u coding will be removed too.",
                                      "Its %u codings will be removed too.", n_codings),
                            n_codings);
  else
    return g_strdup (_("It has no subcodes and no codings. You can undo this."));

  /* Translators: %s says what else goes, e.g. "Its 27 codings will be removed too." */
  return g_strdup_printf (_("%s You can undo this."), what);
}

static void
delete_code_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  ShirabeCodebook *self = SHIRABE_CODEBOOK (widget);
  g_autoptr(ShirabeCodeItem) item = get_selected_item (self);
  g_autoptr(GError) error = NULL;
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *dialog;
  gint64 code_id;
  guint n_codings;

  if (item == NULL || get_editable_project (self) == NULL)
    return;
  code_id = shirabe_code_item_get_id (item);
  n_codings = shirabe_project_count_code_codings (self->project, code_id, &error);
  if (error != NULL)
    {
      shirabe_widget_show_error (GTK_WIDGET (self), _("The code was not deleted"), error);
      return;
    }

  /* Translators: a question; %s is the code's label */
  heading = g_strdup_printf (_("Delete “%s”?"), shirabe_code_item_get_label (item));
  body = describe_deletion (count_descendants (item), n_codings);
  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   heading, body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "delete", _("_Delete"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "delete",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data (G_OBJECT (dialog), "code-id", GSIZE_TO_POINTER ((gsize) code_id));
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_delete_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
move_up_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  ShirabeCodebook *self = SHIRABE_CODEBOOK (widget);
  g_autoptr(ShirabeCodeItem) item = get_selected_item (self);
  guint index;

  if (item == NULL)
    return;
  index = get_index (self, item, NULL);
  if (index > 0)
    move_code (self, shirabe_code_item_get_id (item),
               shirabe_code_item_get_code (item)->parent_id, (int) index - 1);
}

static void
move_down_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  ShirabeCodebook *self = SHIRABE_CODEBOOK (widget);
  g_autoptr(ShirabeCodeItem) item = get_selected_item (self);
  guint index;
  guint n;

  if (item == NULL)
    return;
  index = get_index (self, item, &n);
  if (index + 1 < n)
    move_code (self, shirabe_code_item_get_id (item),
               shirabe_code_item_get_code (item)->parent_id, (int) index + 1);
}

/* Into the sibling above, as its last child. */
static void
move_in_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  ShirabeCodebook *self = SHIRABE_CODEBOOK (widget);
  g_autoptr(ShirabeCodeItem) item = get_selected_item (self);
  g_autoptr(ShirabeCodeItem) above = NULL;
  guint index;

  if (item == NULL)
    return;
  index = get_index (self, item, NULL);
  if (index == 0)
    return;
  above = g_list_model_get_item (G_LIST_MODEL (get_siblings (self, item)), index - 1);
  move_code (self, shirabe_code_item_get_id (item), shirabe_code_item_get_id (above), -1);
}

/* Out of its parent, just after it. */
static void
move_out_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  ShirabeCodebook *self = SHIRABE_CODEBOOK (widget);
  g_autoptr(ShirabeCodeItem) item = get_selected_item (self);
  ShirabeCodeItem *parent;

  if (item == NULL)
    return;
  parent = g_hash_table_lookup (self->code_items, &shirabe_code_item_get_code (item)->parent_id);
  if (parent == NULL)
    return;
  move_code (self, shirabe_code_item_get_id (item), shirabe_code_item_get_code (parent)->parent_id,
             (int) get_index (self, parent, NULL) + 1);
}

static void
move_to_top_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  ShirabeCodebook *self = SHIRABE_CODEBOOK (widget);
  g_autoptr(ShirabeCodeItem) item = get_selected_item (self);

  if (item != NULL && shirabe_code_item_get_code (item)->parent_id != 0)
    move_code (self, shirabe_code_item_get_id (item), 0, -1);
}

/* Drag and drop */

gboolean
shirabe_codebook_drop_code (ShirabeCodebook      *self,
                            gint64                code_id,
                            gint64                target_id,
                            ShirabeCodebookDrop   where,
                            GError              **error)
{
  ShirabeCodeItem *item;
  ShirabeCodeItem *target;
  gint64 parent_id;
  int position;

  g_return_val_if_fail (SHIRABE_IS_CODEBOOK (self), FALSE);

  if (get_editable_project (self) == NULL)
    {
      g_set_error_literal (error, SHIRABE_ERROR, SHIRABE_ERROR_READ_ONLY,
                           _("The project is open read-only; the code was not moved"));
      return FALSE;
    }
  item = g_hash_table_lookup (self->code_items, &code_id);
  target = g_hash_table_lookup (self->code_items, &target_id);
  if (item == NULL || target == NULL)
    {
      g_set_error_literal (error, SHIRABE_ERROR, SHIRABE_ERROR_NOT_FOUND,
                           _("The code is no longer in the codebook"));
      return FALSE;
    }
  if (code_id == target_id)
    return TRUE;

  if (where == SHIRABE_CODEBOOK_DROP_INTO)
    {
      parent_id = target_id;
      position = -1;
    }
  else
    {
      guint target_index = get_index (self, target, NULL);

      parent_id = shirabe_code_item_get_code (target)->parent_id;
      position = (int) target_index + (where == SHIRABE_CODEBOOK_DROP_AFTER ? 1 : 0);
      /* The core counts positions once the code has left its place. */
      if (shirabe_code_item_get_code (item)->parent_id == parent_id &&
          get_index (self, item, NULL) < target_index + (where == SHIRABE_CODEBOOK_DROP_AFTER))
        position--;
    }
  if (!shirabe_project_move_code (self->project, code_id, parent_id, position, error))
    return FALSE;
  shirabe_codebook_select_code (self, code_id);
  return TRUE;
}

/* The row widget and its item under (x, y) of the list view, or NULL. */
static GtkWidget *
pick_row (ShirabeCodebook  *self,
          double            x,
          double            y,
          ShirabeCodeItem **item)
{
  GtkWidget *widget = gtk_widget_pick (GTK_WIDGET (self->code_list), x, y, GTK_PICK_DEFAULT);
  GtkWidget *expander = NULL;

  for (; widget != NULL && widget != GTK_WIDGET (self->code_list);
       widget = gtk_widget_get_parent (widget))
    {
      if (GTK_IS_TREE_EXPANDER (widget))
        expander = widget;
      else if (expander == NULL && GTK_IS_TREE_EXPANDER (gtk_widget_get_first_child (widget)))
        expander = gtk_widget_get_first_child (widget);
      if (expander != NULL)
        break;
    }
  if (expander == NULL)
    return NULL;
  *item = gtk_tree_expander_get_item (GTK_TREE_EXPANDER (expander));
  return *item != NULL ? gtk_widget_get_parent (expander) : NULL;
}

static ShirabeCodebookDrop
drop_position (ShirabeCodebook *self,
               GtkWidget       *row,
               double           y)
{
  graphene_rect_t bounds;
  double fraction;

  if (!gtk_widget_compute_bounds (row, GTK_WIDGET (self->code_list), &bounds) ||
      bounds.size.height <= 0)
    return SHIRABE_CODEBOOK_DROP_INTO;
  fraction = (y - bounds.origin.y) / bounds.size.height;
  if (fraction < .25)
    return SHIRABE_CODEBOOK_DROP_BEFORE;
  if (fraction > .75)
    return SHIRABE_CODEBOOK_DROP_AFTER;
  return SHIRABE_CODEBOOK_DROP_INTO;
}

static void
clear_drop_row (ShirabeCodebook *self)
{
  if (self->drop_row == NULL)
    return;
  gtk_widget_remove_css_class (self->drop_row, "drop-before");
  gtk_widget_remove_css_class (self->drop_row, "drop-into");
  gtk_widget_remove_css_class (self->drop_row, "drop-after");
  g_clear_weak_pointer (&self->drop_row);
}

static GdkContentProvider *
on_drag_prepare (ShirabeCodebook *self,
                 double           x,
                 double           y,
                 GtkDragSource   *source)
{
  g_autoptr(ShirabeCodeItem) item = NULL;
  g_autoptr(GdkPaintable) icon = NULL;
  GtkWidget *row;

  if (get_editable_project (self) == NULL)
    return NULL;
  row = pick_row (self, x, y, &item);
  if (row == NULL)
    return NULL;
  icon = gtk_widget_paintable_new (row);
  gtk_drag_source_set_icon (source, icon, (int) x, 0);
  return gdk_content_provider_new_typed (G_TYPE_INT64, shirabe_code_item_get_id (item));
}

static GdkDragAction
on_drop_motion (ShirabeCodebook *self,
                double           x,
                double           y,
                GtkDropTarget   *target)
{
  g_autoptr(ShirabeCodeItem) item = NULL;
  GtkWidget *row = pick_row (self, x, y, &item);
  static const char *const classes[] = { "drop-before", "drop-into", "drop-after" };

  clear_drop_row (self);
  if (row == NULL)
    return 0;
  g_set_weak_pointer (&self->drop_row, row);
  gtk_widget_add_css_class (row, classes[drop_position (self, row, y)]);
  return GDK_ACTION_MOVE;
}

static gboolean
on_drop (ShirabeCodebook *self,
         const GValue    *value,
         double           x,
         double           y,
         GtkDropTarget   *target)
{
  g_autoptr(ShirabeCodeItem) item = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *row = pick_row (self, x, y, &item);
  ShirabeCodebookDrop where;

  clear_drop_row (self);
  if (row == NULL || !G_VALUE_HOLDS_INT64 (value))
    return FALSE;
  where = drop_position (self, row, y);
  if (!shirabe_codebook_drop_code (self, g_value_get_int64 (value),
                                   shirabe_code_item_get_id (item), where, &error))
    {
      shirabe_widget_show_error (GTK_WIDGET (self), _("The code was not moved"), error);
      return FALSE;
    }
  return TRUE;
}

/* The context menu */

static void
popup_context_menu (ShirabeCodebook *self,
                    double           x,
                    double           y)
{
  GdkRectangle rect = { (int) x, (int) y, 1, 1 };
  double sx;
  double sy;

  if (!gtk_widget_translate_coordinates (GTK_WIDGET (self->code_list), GTK_WIDGET (self),
                                         x, y, &sx, &sy))
    return;
  rect.x = (int) sx;
  rect.y = (int) sy;
  gtk_popover_set_pointing_to (GTK_POPOVER (self->context_menu), &rect);
  gtk_popover_popup (GTK_POPOVER (self->context_menu));
}

static void
on_secondary_click (ShirabeCodebook *self,
                    int              n_press,
                    double           x,
                    double           y,
                    GtkGestureClick *gesture)
{
  g_autoptr(ShirabeCodeItem) item = NULL;

  if (pick_row (self, x, y, &item) != NULL)
    shirabe_codebook_select_code (self, shirabe_code_item_get_id (item));
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  popup_context_menu (self, x, y);
}

/* Shift+F10 and the Menu key: the menu of the selected row, at that row. */
static void
context_menu_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  ShirabeCodebook *self = SHIRABE_CODEBOOK (widget);
  GtkWidget *focus = gtk_root_get_focus (gtk_widget_get_root (widget));
  graphene_rect_t bounds;

  if (focus != NULL && gtk_widget_is_ancestor (focus, GTK_WIDGET (self->code_list)) &&
      gtk_widget_compute_bounds (focus, GTK_WIDGET (self->code_list), &bounds))
    popup_context_menu (self, bounds.origin.x + 24, bounds.origin.y + bounds.size.height);
  else
    popup_context_menu (self, 24, 0);
}

static void
on_code_activated (ShirabeCodebook *self,
                   guint            position)
{
  g_autoptr(GtkTreeListRow) row = NULL;
  g_autoptr(ShirabeCodeItem) item = NULL;

  row = g_list_model_get_item (G_LIST_MODEL (self->tree), position);
  if (row == NULL)
    return;
  item = gtk_tree_list_row_get_item (row);
  g_signal_emit (self, signals[CODE_ACTIVATED], 0, shirabe_code_item_get_id (item));
}

static void
shirabe_codebook_dispose (GObject *object)
{
  ShirabeCodebook *self = SHIRABE_CODEBOOK (object);

  clear_drop_row (self);
  if (self->context_menu != NULL)
    gtk_widget_unparent (GTK_WIDGET (self->context_menu));
  gtk_widget_dispose_template (GTK_WIDGET (self), SHIRABE_TYPE_CODEBOOK);
  g_clear_object (&self->selection);
  g_clear_object (&self->rows);
  g_clear_object (&self->tree);
  g_clear_object (&self->codes);
  g_clear_object (&self->project);

  G_OBJECT_CLASS (shirabe_codebook_parent_class)->dispose (object);
}

static void
shirabe_codebook_finalize (GObject *object)
{
  ShirabeCodebook *self = SHIRABE_CODEBOOK (object);

  g_clear_pointer (&self->code_items, g_hash_table_unref);
  g_clear_pointer (&self->code_shape, g_array_unref);
  g_clear_pointer (&self->expanded, g_hash_table_unref);

  G_OBJECT_CLASS (shirabe_codebook_parent_class)->finalize (object);
}

static void
shirabe_codebook_class_init (ShirabeCodebookClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = shirabe_codebook_dispose;
  object_class->finalize = shirabe_codebook_finalize;

  /**
   * ShirabeCodebook::code-activated:
   * @code_id: the code double-clicked or activated with Enter
   *
   * The user asks to apply the code to the selected passage.
   */
  signals[CODE_ACTIVATED] =
    g_signal_new ("code-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);

  g_type_ensure (SHIRABE_TYPE_COLOR_SWATCH);
  g_type_ensure (SHIRABE_TYPE_CODE_ITEM);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/shirabe/Shirabe/shirabe-codebook.ui");
  gtk_widget_class_bind_template_child (widget_class, ShirabeCodebook, code_list);
  gtk_widget_class_bind_template_child (widget_class, ShirabeCodebook, context_menu);

  gtk_widget_class_install_action (widget_class, "codebook.add-code", NULL, add_code_action);
  gtk_widget_class_install_action (widget_class, "codebook.set-quick-key", "u",
                                   set_quick_key_action);
  gtk_widget_class_install_action (widget_class, "codebook.add-subcode", NULL,
                                   add_subcode_action);
  gtk_widget_class_install_action (widget_class, "codebook.edit-code", NULL, edit_code_action);
  gtk_widget_class_install_action (widget_class, "codebook.show-passages", NULL,
                                   show_passages_action);
  gtk_widget_class_install_action (widget_class, "codebook.delete-code", NULL,
                                   delete_code_action);
  gtk_widget_class_install_action (widget_class, "codebook.move-up", NULL, move_up_action);
  gtk_widget_class_install_action (widget_class, "codebook.move-down", NULL, move_down_action);
  gtk_widget_class_install_action (widget_class, "codebook.move-in", NULL, move_in_action);
  gtk_widget_class_install_action (widget_class, "codebook.move-out", NULL, move_out_action);
  gtk_widget_class_install_action (widget_class, "codebook.move-to-top", NULL,
                                   move_to_top_action);
  gtk_widget_class_install_action (widget_class, "codebook.context-menu", NULL,
                                   context_menu_action);

  /* The keys act while the codebook has the focus, so Delete in the reader deletes no code. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Insert, 0,
                                       "codebook.add-code", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_a,
                                       GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "codebook.add-code", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_A,
                                       GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "codebook.add-code", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Insert, GDK_SHIFT_MASK,
                                       "codebook.add-subcode", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F2, 0, "codebook.edit-code", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, 0,
                                       "codebook.delete-code", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Up, GDK_ALT_MASK,
                                       "codebook.move-up", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Down, GDK_ALT_MASK,
                                       "codebook.move-down", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Right, GDK_ALT_MASK,
                                       "codebook.move-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK,
                                       "codebook.move-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F10, GDK_SHIFT_MASK,
                                       "codebook.context-menu", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Menu, 0,
                                       "codebook.context-menu", NULL);
}

/* Row tooltips */

static const char *const row_tooltip_classes[] = { "code-label", "quick-key", "code-count" };

/* @widget or its ancestor in a code's row that has a tooltip, or NULL. */
static GtkWidget *
find_row_tooltip_widget (GtkWidget *widget)
{
  for (; widget != NULL && !GTK_IS_TREE_EXPANDER (widget);
       widget = gtk_widget_get_parent (widget))
    for (guint i = 0; i < G_N_ELEMENTS (row_tooltip_classes); i++)
      if (gtk_widget_has_css_class (widget, row_tooltip_classes[i]))
        return widget;
  return NULL;
}

char *
shirabe_codebook_dup_row_tooltip (GtkWidget *widget)
{
  GtkWidget *expander;
  g_autoptr(GObject) item = NULL;
  char *tooltip = NULL;

  g_return_val_if_fail (GTK_IS_WIDGET (widget), NULL);

  widget = find_row_tooltip_widget (widget);
  expander = widget != NULL ? gtk_widget_get_ancestor (widget, GTK_TYPE_TREE_EXPANDER) : NULL;
  if (expander == NULL)
    return NULL;
  item = gtk_tree_expander_get_item (GTK_TREE_EXPANDER (expander));
  if (!SHIRABE_IS_CODE_ITEM (item))
    return NULL;
  if (gtk_widget_has_css_class (widget, "quick-key"))
    return g_strdup (_("Press this number to apply the code to the selected passage"));
  if (gtk_widget_has_css_class (widget, "code-count"))
    {
      ShirabeCodeItem *code_item = SHIRABE_CODE_ITEM (item);
      guint own = shirabe_code_item_get_code (code_item)->n_codings;

      if (g_list_model_get_n_items (G_LIST_MODEL (shirabe_code_item_get_children (code_item))) == 0)
        return g_strdup (_("Codings with this code"));
      /* Translators: the tooltip of a parent code's counts, "0 · 12" */
      return g_strdup_printf (_("%u codings with this code; %u with it and the codes under it"),
                              own, shirabe_code_item_get_subtree_codings (code_item));
    }
  g_object_get (item, "tooltip", &tooltip, NULL);
  if (tooltip != NULL && *tooltip == '\0')
    g_clear_pointer (&tooltip, g_free);
  return tooltip;
}

/* The rows' labels have their tooltips asked for here rather than set on them: GTK 4.8 on X11
 * queries the pointer from the server for each tooltip set, and the list sets up all its rows
 * at once when a project opens. */
static gboolean
on_code_list_query_tooltip (ShirabeCodebook *self,
                            int              x,
                            int              y,
                            gboolean         keyboard_mode,
                            GtkTooltip      *tooltip,
                            GtkWidget       *list)
{
  GtkWidget *target = keyboard_mode ? NULL : gtk_widget_pick (list, x, y, GTK_PICK_DEFAULT);
  g_autofree char *text = NULL;
  graphene_rect_t bounds;

  target = target != NULL ? find_row_tooltip_widget (target) : NULL;
  if (target == NULL || (text = shirabe_codebook_dup_row_tooltip (target)) == NULL)
    return FALSE;
  gtk_tooltip_set_text (tooltip, text);
  /* Moving onto another label asks again. */
  if (gtk_widget_compute_bounds (target, list, &bounds))
    gtk_tooltip_set_tip_area (tooltip, &(GdkRectangle) { (int) bounds.origin.x,
                                                         (int) bounds.origin.y,
                                                         (int) bounds.size.width,
                                                         (int) bounds.size.height });
  return TRUE;
}

static void
shirabe_codebook_init (ShirabeCodebook *self)
{
  GtkGesture *click;
  GtkDragSource *drag;
  GtkDropTarget *drop;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->label_language = shirabe_label_language_default ();
  self->code_items = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->code_shape = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->expanded = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);

  self->codes = g_list_store_new (SHIRABE_TYPE_CODE_ITEM);
  self->tree = gtk_tree_list_model_new (g_object_ref (G_LIST_MODEL (self->codes)), FALSE, TRUE,
                                        create_code_children, NULL, NULL);
  self->rows = shirabe_first_rows_new (G_LIST_MODEL (self->tree));
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->rows)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_list_view_set_model (self->code_list, GTK_SELECTION_MODEL (self->selection));
  g_signal_connect_object (self->code_list, "activate", G_CALLBACK (on_code_activated), self,
                           G_CONNECT_SWAPPED);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self->code_list), TRUE);
  g_signal_connect_object (self->code_list, "query-tooltip",
                           G_CALLBACK (on_code_list_query_tooltip), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->selection, "notify::selected-item",
                           G_CALLBACK (update_actions), self, G_CONNECT_SWAPPED);

  gtk_widget_set_parent (GTK_WIDGET (self->context_menu), GTK_WIDGET (self));

  click = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_SECONDARY);
  g_signal_connect_object (click, "pressed", G_CALLBACK (on_secondary_click), self,
                           G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self->code_list), GTK_EVENT_CONTROLLER (click));

  drag = gtk_drag_source_new ();
  gtk_drag_source_set_actions (drag, GDK_ACTION_MOVE);
  g_signal_connect_object (drag, "prepare", G_CALLBACK (on_drag_prepare), self,
                           G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self->code_list), GTK_EVENT_CONTROLLER (drag));

  drop = gtk_drop_target_new (G_TYPE_INT64, GDK_ACTION_MOVE);
  g_signal_connect_object (drop, "motion", G_CALLBACK (on_drop_motion), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (drop, "leave", G_CALLBACK (clear_drop_row), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (drop, "drop", G_CALLBACK (on_drop), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self->code_list), GTK_EVENT_CONTROLLER (drop));

  update_actions (self);
}
