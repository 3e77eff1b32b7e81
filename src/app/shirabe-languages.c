/* shirabe-languages.c: the languages a narrative is offered first
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "shirabe-i18n.h"

#include "shirabe-languages.h"

static const ShirabeLanguageChoice choices[] = {
  { "ja", N_("Japanese") },
  { "en", N_("English") },
  { "th", N_("Thai") },
  { "es", N_("Spanish") },
  { "tl", N_("Tagalog") },
  { "pt", N_("Portuguese") },
  { "zh", N_("Chinese") },
  { "ko", N_("Korean") },
  { "id", N_("Indonesian") },
  { "vi", N_("Vietnamese") },
};

const ShirabeLanguageChoice *
shirabe_language_choices (guint *n_choices)
{
  g_return_val_if_fail (n_choices != NULL, NULL);

  *n_choices = G_N_ELEMENTS (choices);
  return choices;
}
