// Intrinsics that Clang's headers define as macros: they expand to
// __builtin_ia32_* calls, so no call to a declared intrinsic is left in the
// AST. Each is reported where the user wrote it, and the builtins they expand
// to are not reported a second time.
#include <smmintrin.h>

// EXPECT: x86.target-attribute target("sse4.1") @+1:16
__attribute__((target("sse4.1")))
// EXPECT: x86.vector-type __m128i @+1
int pick(__m128i v) {
  // EXPECT: x86.vector-type __m128i @+3
  // EXPECT: x86.intrinsic _mm_shuffle_epi32 @+2:15
  // EXPECT: x86.intrinsic _MM_SHUFFLE @+1
  __m128i s = _mm_shuffle_epi32(v, _MM_SHUFFLE(0, 1, 2, 3));
  // EXPECT: x86.intrinsic _mm_extract_epi8 @+1
  return _mm_extract_epi8(s, 3);
}

// EXPECT: x86.target-attribute target("sse4.1") @+1:16
__attribute__((target("sse4.1")))
// EXPECT: x86.vector-type __m128 @+3:1
// EXPECT: x86.vector-type __m128 @+2:12
// EXPECT: x86.vector-type __m128 @+1:22
__m128 mix(__m128 a, __m128 b) {
  // EXPECT: x86.intrinsic _mm_blend_ps @+2
  // EXPECT: x86.intrinsic _mm_round_ps @+1
  return _mm_blend_ps(a, _mm_round_ps(b, _MM_FROUND_TO_ZERO), 5);
  // EXPECT: x86.intrinsic-constant _MM_FROUND_TO_ZERO @-1
}
