// Plain SSE and SSE2 code: calls, spelled vector types, header constants.
#include <emmintrin.h>

// EXPECT: x86.vector-type __m128 @+1:19
static float sum4(__m128 v) {
  // EXPECT: x86.vector-type __m128 @+2
  // EXPECT: x86.intrinsic _mm_movehl_ps @+1:15
  __m128 hi = _mm_movehl_ps(v, v);
  // EXPECT: x86.vector-type __m128 @+2
  // EXPECT: x86.intrinsic _mm_add_ps @+1
  __m128 s = _mm_add_ps(v, hi);
  // EXPECT: x86.intrinsic _mm_add_ss @+2
  // EXPECT: x86.intrinsic _mm_shuffle_ps @+1
  s = _mm_add_ss(s, _mm_shuffle_ps(s, s, 1));
  // EXPECT: x86.intrinsic _mm_cvtss_f32 @+1
  return _mm_cvtss_f32(s);
}

float dot(const float *a, const float *b, int n) {
  // EXPECT: x86.vector-type __m128 @+2
  // EXPECT: x86.intrinsic _mm_setzero_ps @+1
  __m128 acc = _mm_setzero_ps();
  int i = 0;
  for (; i + 4 <= n; i += 4) {
    // EXPECT: x86.intrinsic _mm_prefetch @+2
    // EXPECT: x86.intrinsic-constant _MM_HINT_T0 @+1
    _mm_prefetch((const char *)(a + i + 16), _MM_HINT_T0);
    // EXPECT: x86.intrinsic _mm_add_ps @+3
    // EXPECT: x86.intrinsic _mm_mul_ps @+2
    // EXPECT: x86.intrinsic _mm_loadu_ps @+1
    acc = _mm_add_ps(acc, _mm_mul_ps(_mm_loadu_ps(a + i),
                                     // EXPECT: x86.intrinsic _mm_loadu_ps @+1
                                     _mm_loadu_ps(b + i)));
  }
  float total = sum4(acc);
  for (; i < n; ++i)
    total += a[i] * b[i];
  return total;
}

// A cast spells the type too.
void store_bytes(unsigned char *dst, int value) {
  // EXPECT: x86.intrinsic _mm_storeu_si128 @+3
  // EXPECT: x86.vector-type __m128i @+2
  // EXPECT: x86.intrinsic _mm_set1_epi8 @+1
  _mm_storeu_si128((__m128i *)dst, _mm_set1_epi8((char)value));
}
