// EXPECT-PARSE-ERRORS: a missing header must not hide what can be analyzed.
#include <xmmintrin.h>
#include "does_not_exist.h"

float lane0(const float *p) {
  // EXPECT: x86.intrinsic _mm_cvtss_f32 @+2
  // EXPECT: x86.intrinsic _mm_load_ss @+1
  return _mm_cvtss_f32(_mm_load_ss(p));
}
