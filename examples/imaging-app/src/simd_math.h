#ifndef IMAGING_SIMD_MATH_H
#define IMAGING_SIMD_MATH_H
#include <emmintrin.h>

/* Average of three rows of 16 pixels, rounded, with saturation. */
static inline __m128i avg3_u8(__m128i a, __m128i b, __m128i c) {
  __m128i ab = _mm_avg_epu8(a, b);
  return _mm_avg_epu8(ab, _mm_avg_epu8(ab, c));
}

static inline __m128i load16(const uint8_t *p) {
  return _mm_loadu_si128((const __m128i *)p);
}
#endif
