/* shirabe-coder.c: being written */
#include "shirabe-coder.h"
