// AVX2 code in a function compiled for AVX2 only (the usual runtime-dispatch
// pattern), including an AVX2 intrinsic that the headers define as a macro.
#include <immintrin.h>

// EXPECT: x86.target-attribute target("avx2") @+1:16
__attribute__((target("avx2")))
void add8(int *dst, const int *a, const int *b) {
  // EXPECT: x86.vector-type __m256i @+3
  // EXPECT: x86.intrinsic _mm256_loadu_si256 @+2
  // EXPECT: x86.vector-type __m256i @+1
  __m256i va = _mm256_loadu_si256((const __m256i *)a);
  // EXPECT: x86.vector-type __m256i @+3
  // EXPECT: x86.intrinsic _mm256_loadu_si256 @+2
  // EXPECT: x86.vector-type __m256i @+1
  __m256i vb = _mm256_loadu_si256((const __m256i *)b);
  // EXPECT: x86.vector-type __m256i @+3
  // EXPECT: x86.intrinsic _mm256_permute4x64_epi64 @+2
  // EXPECT: x86.intrinsic _mm256_add_epi32 @+1
  __m256i sum = _mm256_permute4x64_epi64(_mm256_add_epi32(va, vb), 0x4e);
  // EXPECT: x86.intrinsic _mm256_storeu_si256 @+2
  // EXPECT: x86.vector-type __m256i @+1
  _mm256_storeu_si256((__m256i *)dst, sum);
}
