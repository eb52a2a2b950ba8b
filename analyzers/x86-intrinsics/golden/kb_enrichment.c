// Findings enriched from the knowledge base, per target.
#include <immintrin.h>

// EXPECT: x86.target-attribute target("avx512f") @+1:16
__attribute__((target("avx512f")))
void scale(float *dst, const float *src, int n) {
  for (int i = 0; i + 16 <= n; i += 16) {
    // EXPECT: x86.vector-type __m512 @+2
    // EXPECT: x86.intrinsic _mm512_loadu_ps @+1
    __m512 v = _mm512_loadu_ps(src + i);
    // EXPECT: x86.intrinsic _mm512_storeu_ps @+2
    // EXPECT: x86.intrinsic _mm512_mul_ps @+1
    _mm512_storeu_ps(dst + i, _mm512_mul_ps(v, v));
  }
}

float lane_sum(const float *p) {
  // EXPECT: x86.vector-type __m128 @+3
  // EXPECT: x86.intrinsic _mm_add_ps @+2
  // EXPECT: x86.intrinsic _mm_loadu_ps @+1
  __m128 v = _mm_add_ps(_mm_loadu_ps(p), _mm_loadu_ps(p + 4));
  // EXPECT: x86.intrinsic _mm_loadu_ps @-1
  // EXPECT: x86.intrinsic _mm_cvtss_f32 @+1
  return _mm_cvtss_f32(v);
}

unsigned long long now(void) {
  // EXPECT: x86.builtin __rdtsc @+1
  return __rdtsc();
}

// EXPECT-KB: _mm_add_ps aarch64 neon direct
// EXPECT-KB: _mm_add_ps loongarch64 lsx direct
// EXPECT-KB: _mm_add_ps sw_64 none none
// EXPECT-KB: _mm512_mul_ps aarch64 none redesign
// EXPECT-KB: _mm512_mul_ps loongarch64 lasx redesign
// EXPECT-KB: __m128 aarch64 neon direct
// EXPECT-KB: __m512 aarch64 neon redesign
// EXPECT-KB: __rdtsc aarch64 builtin direct
// EXPECT-KB: __rdtsc loongarch64 builtin direct

// Everything from cpuid.h is feature detection, to be redesigned per target.
#include <cpuid.h>
int has_avx(void) {
  unsigned a, b, c, d;
  // EXPECT: x86.intrinsic __cpuid @+1
  __cpuid(1, a, b, c, d);
  // EXPECT: x86.intrinsic-constant bit_AVX @+1
  return (c & bit_AVX) != 0;
}
// EXPECT-KB: __cpuid aarch64 posix redesign
// EXPECT-KB: bit_AVX loongarch64 posix redesign
