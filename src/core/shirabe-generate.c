/* shirabe-generate.c: being written */
#include "shirabe-generate.h"
