#define NO_ON 1
#include "d.c"
int main(void) { return d_ticks(); }
