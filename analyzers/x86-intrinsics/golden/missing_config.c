// The header the build generates (config.h) is missing, and it is what
// brings the intrinsics in: a missing #include is a fatal error, after which
// Clang reports nothing more. The names are still found.
// EXPECT-PARSE-ERRORS
#include "config_generated_by_the_build.h"

int first_lane(const int *p) {
  // EXPECT: x86.vector-type __m128i @+3:3
  // EXPECT: x86.intrinsic _mm_loadu_si128 @+2:15
  // EXPECT: x86.vector-type __m128i @+1:38
  __m128i v = _mm_loadu_si128((const __m128i *)p);
  return _mm_cvtsi128_si32(v); // EXPECT: x86.intrinsic _mm_cvtsi128_si32 @+0:10
}

struct stream { int (*_read)(void); };
// A member that shares a C runtime function's name is the project's own.
int pull(struct stream *s) { return s->_read(); }
