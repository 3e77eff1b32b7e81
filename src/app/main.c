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
  const char *localedir;

  setlocale (LC_ALL, "");
  /* SHIRABE_LOCALEDIR points at uninstalled catalogues (the build tree's po/), for the tests
   * and for trying a translation before installing it. */
  localedir = g_getenv ("SHIRABE_LOCALEDIR");
  if (localedir == NULL || *localedir == '\0')
    localedir = LOCALEDIR;
  bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  application = shirabe_application_new ();
  return g_application_run (G_APPLICATION (application), argc, argv);
}
