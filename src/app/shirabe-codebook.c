/* shirabe-codebook.c: the codebook pane, a tree of the project's codes
 *
 * The tree is a GtkListView over a GtkTreeListModel whose items are ShirabeCodeItems, one per
 * code, kept for as long as the tree keeps its shape so that an edit, an undo or a new count
 * updates rows in place instead of collapsing the tree.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "shirabe-i18n.h"

#include <string.h>

#include "shirabe-codebook.h"
#include "shirabe-color-swatch.h"

struct _ShirabeCodebook
{
  AdwBin                parent_instance;

  ShirabeProject       *project;
  ShirabeLabelLanguage  label_language;

  GListStore           *codes;            /* top-level ShirabeCodeItem */
  GtkTreeListModel     *tree;
  GtkSingleSelection   *selection;
  GHashTable           *code_items;       /* code id → ShirabeCodeItem (borrowed) */
  GArray               *code_shape;       /* (id, parent id) pairs in tree order */
  gint64                quick_codes[SHIRABE_CODEBOOK_N_QUICK_CODES];

  /* template */
  GtkListView          *code_list;
};

G_DEFINE_FINAL_TYPE (ShirabeCodebook, shirabe_codebook, ADW_TYPE_BIN)

enum {
  CODE_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

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

static void
rebuild_codes (ShirabeCodebook *self,
               GPtrArray       *codes)
{
  g_autoptr(GPtrArray) roots = g_ptr_array_new_with_free_func (g_object_unref);

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

  /* The number keys follow the tree as the user sees it, skipping pure categories. */
  memset (self->quick_codes, 0, sizeof self->quick_codes);
  for (guint i = 0; i < codes->len; i++)
    {
      ShirabeCode *code = g_ptr_array_index (codes, i);
      ShirabeCodeItem *item = g_hash_table_lookup (self->code_items, &code->id);

      if (code->codable && n_quick < SHIRABE_CODEBOOK_N_QUICK_CODES)
        {
          self->quick_codes[n_quick++] = code->id;
          shirabe_code_item_set_quick_key (item, n_quick);
        }
      else
        shirabe_code_item_set_quick_key (item, 0);
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
  memset (self->quick_codes, 0, sizeof self->quick_codes);
  g_set_object (&self->project, project);
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
              gtk_single_selection_set_selected (self->selection, i);
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

  gtk_widget_dispose_template (GTK_WIDGET (self), SHIRABE_TYPE_CODEBOOK);
  g_clear_object (&self->selection);
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
}

static void
shirabe_codebook_init (ShirabeCodebook *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->label_language = shirabe_label_language_default ();
  self->code_items = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->code_shape = g_array_new (FALSE, FALSE, sizeof (gint64));

  self->codes = g_list_store_new (SHIRABE_TYPE_CODE_ITEM);
  self->tree = gtk_tree_list_model_new (g_object_ref (G_LIST_MODEL (self->codes)), FALSE, TRUE,
                                        create_code_children, NULL, NULL);
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->tree)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_list_view_set_model (self->code_list, GTK_SELECTION_MODEL (self->selection));
  g_signal_connect_object (self->code_list, "activate", G_CALLBACK (on_code_activated), self,
                           G_CONNECT_SWAPPED);
}
