/* shirabe-case.c: being written */
#include "shirabe-case.h"
