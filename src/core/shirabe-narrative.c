/* shirabe-narrative.c: being written */
#include "shirabe-narrative.h"
