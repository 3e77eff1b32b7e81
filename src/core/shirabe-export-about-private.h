/* shirabe-export-about-private.h: the documentation that goes with every export
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "shirabe-export.h"

G_BEGIN_DECLS

typedef struct
{
  const ShirabeExportOptions *options;
  gboolean                    japanese;           /* the export's language */
  ShirabeExportTables         tables;             /* those written */
  gboolean                    sheet_names_ascii;  /* tables named as the CSV files are */
  const char                 *project_name;
  const char                 *exported_at;        /* "YYYY-MM-DD HH:MM:SS", UTC */
  const char                 *coder_name;         /* NULL for every coder */
  const char                 *pseudonymised_at;   /* NULL unless written from a pseudonymised
                                                     copy (shirabe-pseudonymise.c) */
} ShirabeExportAbout;

GPtrArray *shirabe_export_about (const ShirabeExportAbout *info);

G_END_DECLS
