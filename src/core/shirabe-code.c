/* shirabe-code.c: being written */
#include "shirabe-code.h"
