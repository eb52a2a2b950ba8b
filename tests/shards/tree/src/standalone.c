#include <emmintrin.h>
int standalone_or(int a, int b) {
  return _mm_cvtsi128_si32(_mm_or_si128(_mm_cvtsi32_si128(a), _mm_cvtsi32_si128(b)));
}
