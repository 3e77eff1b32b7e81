/* shirabe-check.c: being written */
#include "shirabe-check.h"
