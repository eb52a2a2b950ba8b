#include "include/simd_util.h"

int lanes_sum(const int *p) {
  // EXPECT: x86.vector-type __m128i @+3
  // EXPECT: x86.intrinsic _mm_loadu_si128 @+2
  // EXPECT: x86.vector-type __m128i @+1
  __m128i v = _mm_loadu_si128((const __m128i *)p);
  // EXPECT: x86.intrinsic _mm_cvtsi128_si32 @+1
  return _mm_cvtsi128_si32(add_lanes(v, v));
}
