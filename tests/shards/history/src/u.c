/* The largest unit, so that it goes to the first shard of two. ........
 ...................................................................... */
#include "../include/h.h"
int u_ticks(void) { return (int)ticks(); }
