/* test-names.c: variable names made from labels, Japanese ones read out in romaji
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "test-util.h"

static void
test_japanese_labels_are_read_out_in_romaji (void)
{
  static const char *const cases[][2] = {
    { "借金による拘束", "shakkin_niyoru_kousoku" },
    { "経路", "keiro" },
    /* The long-vowel mark goes; words split where KAKASI splits them. */
    { "パスポートの取り上げ", "pasupoto_no_toriage" },
    /* Full-width letters and half-width katakana become what they stand for. */
    { "ＮＧＯの記録", "ngo_no_kiroku" },
    { "ﾊﾟｽﾎﾟｰﾄ", "pasupoto" },
    /* Latin labels as before. */
    { "Debt bondage", "debt_bondage" },
    { "Entrée en 2004", "entree_en_2004" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *name = shirabe_var_name_from_label (cases[i][0]);

      g_assert_cmpstr (name, ==, cases[i][1]);
      g_assert_true (shirabe_var_name_is_valid (name));
    }
}

static void
test_long_names_are_cut_at_a_word_end (void)
{
  g_autofree char *name = shirabe_var_name_from_label ("出入国管理及び難民認定法違反による退去強制"
                                                       "手続きの開始");
  g_autofree char *latin = shirabe_var_name_from_label ("Recruitment through a relative who "
                                                        "promised factory work");

  g_assert_cmpuint (strlen (name), <=, 32);
  g_assert_true (shirabe_var_name_is_valid (name));
  g_assert_cmpuint (strlen (latin), <=, 32);
  g_assert_cmpstr (latin, ==, "recruitment_through_a_relative");
}

static void
test_labels_without_letters_give_no_name (void)
{
  g_assert_null (shirabe_var_name_from_label ("・・・"));
  g_assert_null (shirabe_var_name_from_label (""));
}

static void
test_coder_initials_come_from_the_name (void)
{
  static const char *const cases[][2] = {
    { "Aiko Kato", "AK" },
    { "aiko kato", "AK" },
    { "  Maricel  de la Cruz ", "MD" },
    { "Aiko", "A" },
    { "Émile Zola", "ÉZ" },
    /* A Japanese name: its first character, whatever follows. */
    { "加藤愛子", "加" },
    { "加藤 愛子", "加" },
    { "ＡＢＣ", "Ａ" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *initials = shirabe_coder_dup_initials (cases[i][0]);

      g_assert_cmpstr (initials, ==, cases[i][1]);
    }
  g_assert_null (shirabe_coder_dup_initials (""));
  g_assert_null (shirabe_coder_dup_initials ("   "));
  g_assert_null (shirabe_coder_dup_initials (NULL));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/names/japanese-labels-are-read-out-in-romaji",
                   test_japanese_labels_are_read_out_in_romaji);
  g_test_add_func ("/core/names/long-names-are-cut-at-a-word-end",
                   test_long_names_are_cut_at_a_word_end);
  g_test_add_func ("/core/names/labels-without-letters-give-no-name",
                   test_labels_without_letters_give_no_name);
  g_test_add_func ("/core/names/coder-initials-come-from-the-name",
                   test_coder_initials_come_from_the_name);

  return g_test_run ();
}
