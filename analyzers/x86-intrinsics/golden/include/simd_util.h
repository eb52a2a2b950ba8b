// A project header: its findings are reported in the header, not in the
// units that include it.
#ifndef SIMD_UTIL_H
#define SIMD_UTIL_H
#include <emmintrin.h>

// EXPECT: x86.vector-type __m128i @+3
// EXPECT: x86.vector-type __m128i @+2
// EXPECT: x86.vector-type __m128i @+1
static inline __m128i add_lanes(__m128i a, __m128i b) {
  // EXPECT: x86.intrinsic _mm_add_epi32 @+1
  return _mm_add_epi32(a, b);
}
#endif
