/* test-agreement.c: the Agreement view and merging coders' copies, on the sample project
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "shirabe-i18n.h"

#include <string.h>

#include "shirabe.h"
#include "shirabe-agreement.h"
#include "shirabe-sample.h"
#include "shirabe-window.h"
#include "shirabe-window-files.h"
#include "shirabe-window-private.h"
#include "shirabe-reader-private.h"

#include "app-test-util.h"

typedef struct
{
  char          *dir;
  char          *path;
  ShirabeWindow *window;
  ShirabeProject *project;
} Fixture;

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ShirabeProject) project = NULL;
  g_autoptr(GFile) file = NULL;

  fixture->dir = g_dir_make_tmp ("shirabe-agreement-test-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->dir, "sample.shirabe", NULL);
  project = shirabe_project_create (fixture->path, NULL, SHIRABE_PROJECT_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_true (shirabe_project_build_sample (project, NULL, &error));
  shirabe_project_close (project, &error);
  g_assert_no_error (error);
  fixture->window = g_object_ref_sink (shirabe_window_new (NULL));
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 1280, 800);
  file = g_file_new_for_path (fixture->path);
  shirabe_window_open_file (fixture->window, file, &error);
  g_assert_no_error (error);
  fixture->project = shirabe_window_get_project (fixture->window);
  gtk_window_present (GTK_WINDOW (fixture->window));
  wait_until_idle ();
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  g_clear_object (&fixture->window);
  wait_until_idle ();
  rm_rf (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->path);
}

static void
compute (ShirabeAgreementView *view)
{
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  shirabe_agreement_view_compute (view);
  while (shirabe_agreement_view_is_busy (view) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (shirabe_agreement_view_is_busy (view));
  wait_until_idle ();
}

static void
test_the_sample_coders_agreement_shows_per_code (Fixture       *fixture,
                                                 gconstpointer  data)
{
  ShirabeAgreementView *view = shirabe_window_get_agreement_view (fixture->window);
  g_autoptr(ShirabeAgreementReport) expected = NULL;
  g_autoptr(GError) error = NULL;
  ShirabeAgreementOptions options = { 0 };
  GListModel *rows, *disagreements;
  ShirabeReader *reader = shirabe_window_get_reader (fixture->window);
  guint with_disagreements = G_MAXUINT;

  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-view", "s", "agreement");
  wait_until_idle ();
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (
                     shirabe_window_get_center_stack (fixture->window)), ==, "agreement");
  compute (view);

  /* The same figures as the core's report for the two sample coders, narrative unit. */
  options.unit = SHIRABE_AGREEMENT_UNIT_NARRATIVE;
  options.n_resamples = 1000;
  options.seed = 1;
  expected = shirabe_agreement_report_new (fixture->project, &options, NULL, &error);
  g_assert_no_error (error);
  rows = shirabe_agreement_view_get_rows (view);
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==,
                    shirabe_agreement_report_get_n_records (expected) + 1);
  for (guint i = 0; i < shirabe_agreement_report_get_n_records (expected); i++)
    if (shirabe_agreement_report_get_record (expected, i)->n_disagreements > 0)
      {
        with_disagreements = i;
        break;
      }
  g_assert_cmpuint (with_disagreements, !=, G_MAXUINT);

  /* The figures shown save as a workbook (openpyxl reads the same writer's output in the CLI
   * suite): a zip, named as asked. */
  {
    g_autofree char *xlsx = g_build_filename (fixture->dir, "agreement.xlsx", NULL);
    g_autofree char *bytes = NULL;
    gsize size = 0;

    g_assert_true (shirabe_agreement_view_export (view, xlsx, &error));
    g_assert_no_error (error);
    g_assert_true (g_file_get_contents (xlsx, &bytes, &size, NULL));
    g_assert_cmpuint (size, >, 4);
    g_assert_cmpint (memcmp (bytes, "PK", 2), ==, 0);
  }

  shirabe_agreement_view_select_row (view, with_disagreements);
  disagreements = shirabe_agreement_view_get_disagreements (view);
  g_assert_cmpuint (g_list_model_get_n_items (disagreements), ==,
                    shirabe_agreement_report_get_record (expected,
                                                         with_disagreements)->n_disagreements);
  {
    const ShirabeDisagreement *first = NULL;
    GArray *all = shirabe_agreement_report_get_disagreements (expected);
    gint64 code_id = shirabe_agreement_report_get_record (expected, with_disagreements)->code_id;

    for (guint i = 0; i < all->len && first == NULL; i++)
      if (g_array_index (all, ShirabeDisagreement, i).code_id == code_id)
        first = &g_array_index (all, ShirabeDisagreement, i);
    g_assert_nonnull (first);
    /* A disagreement opens its passage in the reader. */
    gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.open-passage", "(xxx)",
                                first->narrative_id, first->start, first->end);
    wait_until_idle ();
    g_assert_cmpint (shirabe_reader_get_narrative_id (reader), ==, first->narrative_id);
    g_assert_cmpstr (adw_view_stack_get_visible_child_name (
                       shirabe_window_get_center_stack (fixture->window)), ==, "reader");
  }
}

static void
test_merging_a_copy_is_one_undo_step (Fixture       *fixture,
                                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *copy_path = g_build_filename (fixture->dir, "aiko.shirabe", NULL);
  g_autoptr(ShirabeProject) copy = NULL;
  g_autoptr(GPtrArray) before = shirabe_project_list_coders (fixture->project, NULL);
  const char *paths[] = { copy_path, NULL };
  gint64 coder;

  g_assert_true (shirabe_project_copy_for_coder (fixture->project, copy_path, "Aiko",
                                                 SHIRABE_COPY_BLIND, &error));
  copy = shirabe_project_open (copy_path, SHIRABE_PROJECT_DEFAULT, &error);
  g_assert_no_error (error);
  coder = shirabe_project_get_copy_coder (copy);
  shirabe_project_add_coding (copy, 1, shirabe_project_find_code (copy, "control_debt_bondage",
                                                                  NULL),
                              coder, 0, 30, NULL, &error);
  g_assert_no_error (error);
  shirabe_project_close (copy, NULL);

  g_assert_true (shirabe_window_merge_copies (fixture->window, paths, &error));
  g_assert_no_error (error);
  wait_until_idle ();
  {
    g_autoptr(GPtrArray) after = shirabe_project_list_coders (fixture->project, NULL);

    g_assert_cmpuint (after->len, ==, before->len + 1);
  }
  g_assert_cmpstr (shirabe_history_get_undo_label (shirabe_project_get_history (fixture->project)),
                   ==, _("Merge Coder’s Copy"));
  g_assert_true (shirabe_project_undo (fixture->project, &error));
  g_assert_no_error (error);
  {
    g_autoptr(GPtrArray) undone = shirabe_project_list_coders (fixture->project, NULL);

    g_assert_cmpuint (undone->len, ==, before->len);
  }
}

static guint
count_codings_of (ShirabeReader *reader,
                  const char    *coder_name,
                  guint         *total)
{
  GPtrArray *codings = shirabe_coding_view_get_codings (shirabe_reader_get_coding_view (reader));
  guint n = 0;

  for (guint i = 0; i < codings->len; i++)
    n += g_strcmp0 (((ShirabeCoding *) codings->pdata[i])->coder_name, coder_name) == 0;
  *total = codings->len;
  return n;
}

/* All coders, only mine, coders chosen one by one; and a blind copy shows its coder's only. */
static void
test_the_reader_shows_the_coders_asked_for (Fixture       *fixture,
                                            gconstpointer  data)
{
  ShirabeReader *reader = shirabe_window_get_reader (fixture->window);
  ShirabeCoderFilter *filter = shirabe_reader_get_coder_filter (reader);
  g_autoptr(GError) error = NULL;
  g_autofree char *copy_path = g_build_filename (fixture->dir, "blind.shirabe", NULL);
  g_autoptr(GFile) copy_file = g_file_new_for_path (copy_path);
  gint64 sato = shirabe_project_find_coder (fixture->project, "Sato Haruka", &error);
  guint total, all, mine, chosen;

  g_assert_cmpint (sato, >, 0);
  g_assert_true (shirabe_sidebar_select_narrative (shirabe_window_get_sidebar (fixture->window), 1));
  wait_until_idle ();
  count_codings_of (reader, "Sato Haruka", &all);
  g_assert_cmpuint (all, >, 0);
  g_assert_cmpuint (count_codings_of (reader, "Nakamura Ken", &total), >, 0);

  shirabe_reader_set_own_coder (reader, "Sato Haruka");
  gtk_widget_activate_action (GTK_WIDGET (reader), "coders.show", "s", "mine");
  wait_until_idle ();
  mine = count_codings_of (reader, "Sato Haruka", &total);
  g_assert_cmpuint (mine, >, 0);
  g_assert_cmpuint (total, ==, mine);
  g_assert_cmpuint (total, <, all);

  /* Ticking Nakamura as well shows both again. */
  {
    g_autofree char *action = g_strdup_printf ("coders.coder-%" G_GINT64_FORMAT,
                                               shirabe_project_find_coder (fixture->project,
                                                                           "Nakamura Ken",
                                                                           NULL));

    gtk_widget_activate_action (GTK_WIDGET (reader), action, NULL);
    wait_until_idle ();
  }
  g_assert_cmpint (shirabe_coder_filter_get_shown (filter), ==, SHIRABE_CODERS_CHOSEN);
  count_codings_of (reader, "Sato Haruka", &chosen);
  g_assert_cmpuint (chosen, ==, all);

  /* A blind copy for Aiko: her codings only, her name on new codings, the choice locked. */
  g_assert_true (shirabe_project_copy_for_coder (fixture->project, copy_path, "Aiko",
                                                 SHIRABE_COPY_BLIND, &error));
  g_assert_true (shirabe_window_open_file (fixture->window, copy_file, &error));
  g_assert_no_error (error);
  wait_until_idle ();
  g_assert_cmpstr (shirabe_window_get_coder_name (fixture->window), ==, "Aiko");
  filter = shirabe_reader_get_coder_filter (reader);
  g_assert_true (shirabe_coder_filter_get_blind (filter));
  g_assert_cmpint (shirabe_coder_filter_get_shown (filter), ==, SHIRABE_CODERS_MINE);
  gtk_widget_activate_action (GTK_WIDGET (reader), "coders.show", "s", "all");
  g_assert_cmpint (shirabe_coder_filter_get_shown (filter), ==, SHIRABE_CODERS_MINE);
}

/* "Make a Coder's Copy…" asks for a name before it asks where; blind is the default. */
static void
test_the_coder_copy_dialog_needs_a_name (Fixture       *fixture,
                                         gconstpointer  data)
{
  AdwMessageDialog *dialog = shirabe_window_ask_coder_copy (fixture->window);
  GtkWidget *entry = gtk_widget_get_first_child (adw_message_dialog_get_extra_child (dialog));
  GtkWidget *blind = gtk_widget_get_next_sibling (entry);
  GtkWidget *without = gtk_widget_get_next_sibling (blind);
  GtkWidget *pseudonymise = gtk_widget_get_next_sibling (without);

  wait_until_idle ();
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "choose"));
  g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (blind)));
  /* Pseudonymising is offered, and off unless asked for. */
  g_assert_cmpstr (gtk_check_button_get_label (GTK_CHECK_BUTTON (pseudonymise)), ==,
                   "_Pseudonymise with the project’s table (the copy’s codings then cannot be "
                   "merged back)");
  g_assert_false (gtk_check_button_get_active (GTK_CHECK_BUTTON (pseudonymise)));
  gtk_editable_set_text (GTK_EDITABLE (entry), "  ");
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "choose"));
  gtk_editable_set_text (GTK_EDITABLE (entry), "Aiko");
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "choose"));
  gtk_window_destroy (GTK_WINDOW (dialog));
}

int
main (int    argc,
      char **argv)
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("/app/agreement/the-sample-coders-agreement-shows-per-code-and-opens-disagreements",
       test_the_sample_coders_agreement_shows_per_code);
  ADD ("/app/agreement/merging-a-coders-copy-is-one-undo-step",
       test_merging_a_copy_is_one_undo_step);
  ADD ("/app/agreement/the-reader-shows-all-coders-only-mine-or-chosen-and-a-blind-copy-only-mine",
       test_the_reader_shows_the_coders_asked_for);
  ADD ("/app/agreement/the-coder-copy-dialog-needs-a-name", test_the_coder_copy_dialog_needs_a_name);
#undef ADD
  return g_test_run ();
}
