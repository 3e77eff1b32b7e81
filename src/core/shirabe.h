/* shirabe.h: the whole core library
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "shirabe-error.h"
#include "shirabe-history.h"
#include "shirabe-changes.h"
#include "shirabe-project.h"
#include "shirabe-case.h"
#include "shirabe-narrative.h"
#include "shirabe-code.h"
#include "shirabe-coder.h"
#include "shirabe-coder-copy.h"
#include "shirabe-coding.h"
#include "shirabe-attribute.h"
#include "shirabe-text.h"
#include "shirabe-import.h"
#include "shirabe-check.h"
#include "shirabe-backup.h"
#include "shirabe-generate.h"
#include "shirabe-output.h"
