/* shirabe-text.c: being written */
#include "shirabe-text.h"
