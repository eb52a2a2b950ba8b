#include <smmintrin.h>
static inline __m128i min4(__m128i a, __m128i b) { return _mm_min_epi32(a, b); }
