// Intrinsics reached through the project's own macros are reported at their
// spelling: inside the macro definition (once, however often it is used), or
// at the argument that names them.
#include <xmmintrin.h>

// EXPECT: x86.intrinsic _mm_add_ps @+1
#define VADD(a, b) _mm_add_ps(a, b)
#define CALL2(f, a, b) f(a, b)
#define VEC __m128

// A project function that merely shares the prefix is not an intrinsic.
// EXPECT: x86.vector-type __m128 @+2
// EXPECT: x86.vector-type __m128 @+1
static __m128 _mm_shuffle_ps2(__m128 a) { return a; }

// EXPECT: x86.vector-type __m128 @-7
VEC twice(VEC x, VEC y) {
  VEC a = VADD(x, y);
  VEC b = VADD(a, a);
  // EXPECT: x86.intrinsic _mm_mul_ps @+1:17
  VEC c = CALL2(_mm_mul_ps, a, b);
  VEC d = CALL2(VADD, c, c);
  return _mm_shuffle_ps2(d);
}
