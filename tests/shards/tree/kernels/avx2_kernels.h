#include <immintrin.h>
static inline __m256i add8(__m256i a, __m256i b) { return _mm256_add_epi32(a, b); }
static inline __m256i max8(__m256i a, __m256i b) { return _mm256_max_epi32(a, b); }
