/* shirabe-coding.c: being written */
#include "shirabe-coding.h"
