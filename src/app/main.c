/* main.c: the shirabe program
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "shirabe-i18n.h"

#include <locale.h>

#include "shirabe-application.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(ShirabeApplication) application = NULL;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  application = shirabe_application_new ();
  return g_application_run (G_APPLICATION (application), argc, argv);
}
