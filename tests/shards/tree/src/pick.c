#include "pick.h"
#include <xmmintrin.h>
int pick(int a, int b) {
  _mm_prefetch((const char *)&a, _MM_HINT_T0);
  return a > b ? a : b;
}
