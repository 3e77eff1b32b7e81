/* shirabe-import.c: being written */
#include "shirabe-import.h"
