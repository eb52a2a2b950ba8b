/* MSVC's forced inlining, in the places it is written. */
#include <stdlib.h>

static __forceinline int twice(int x) { return 2 * x; }
__forceinline static int thrice(int x) { return 3 * x; }
int use(int x) { return twice(x) + thrice(x); }
