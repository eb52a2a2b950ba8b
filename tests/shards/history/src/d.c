#ifndef NO_ON
#define ON 1
#endif
#include "../include/h.h"
static int d_ticks(void) { return (int)ticks(); }
