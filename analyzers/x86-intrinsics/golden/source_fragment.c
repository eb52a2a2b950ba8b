// A source fragment that another file includes after its own macros and
// <immintrin.h> (as base64's lib/arch/avx2/enc_reshuffle.c is): parsed
// alone, its first line is an error after which the parser skips the whole
// function, so no name in it is ever reported undeclared. In a unit with
// errors, the known names of its active code are read from the text.
// EXPECT-PARSE-ERRORS
static FRAGMENT_INLINE __m256i // EXPECT: x86.vector-type __m256i @+0:24
widen(const __m256i in)        // EXPECT: x86.vector-type __m256i @+0:13
{
  // EXPECT: x86.vector-type __m256i @+2:9
  // EXPECT: x86.intrinsic _mm256_set1_epi32 @+1:23
  const __m256i one = _mm256_set1_epi32(1);
  return _mm256_add_epi32(in, one); // EXPECT: x86.intrinsic _mm256_add_epi32 @+0:10
}
