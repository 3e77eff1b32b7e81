/* shirabe-attribute.c: being written */
#include "shirabe-attribute.h"
