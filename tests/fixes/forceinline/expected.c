/* MSVC's forced inlining, in the places it is written. */
#include <stdlib.h>

static inline __attribute__((always_inline)) int twice(int x) { return 2 * x; }
inline __attribute__((always_inline)) static int thrice(int x) { return 3 * x; }
int use(int x) { return twice(x) + thrice(x); }
