// A Visual-C-only SIMD source: its whole body sits under one #if that the
// x86-64 Linux parse skips, and that also denies the project's switch
// (include/cpu_switches.h defines it under x86 conditions). The skipped
// body is x86 code all the same: every intrinsic in it is found, inactive
// (issue 12, kind 2: such files used to yield nothing).
#include "include/cpu_switches.h"

// EXPECT: x86.arch-guard IMG_DISABLE_X86 @+2 guard=x86-only
// EXPECT: msvc.msc-ver-guard _MSC_VER @+1 guard=windows-only
#if !defined(IMG_DISABLE_X86) &&                                 \
    (defined(__x86_64__) || defined(__i386__) || defined(_M_X64)) && \
    (defined(_MSC_VER) && !defined(__clang__))
#include <emmintrin.h>

void add_rows(const unsigned char *a, const unsigned char *b, unsigned char *out, int n) {
  for (int i = 0; i < n; i += 16) {
    // EXPECT: x86.vector-type __m128i @+3:5 guard=x86-only inactive
    // EXPECT: x86.vector-type __m128i @+2:40 guard=x86-only inactive
    // EXPECT: x86.intrinsic _mm_loadu_si128 @+1 guard=x86-only inactive
    __m128i x = _mm_loadu_si128((const __m128i *)(a + i));
    // EXPECT: x86.vector-type __m128i @+3:5 guard=x86-only inactive
    // EXPECT: x86.vector-type __m128i @+2:40 guard=x86-only inactive
    // EXPECT: x86.intrinsic _mm_loadu_si128 @+1 guard=x86-only inactive
    __m128i y = _mm_loadu_si128((const __m128i *)(b + i));
    // EXPECT: x86.vector-type __m128i @+3:23 guard=x86-only inactive
    // EXPECT: x86.intrinsic _mm_storeu_si128 @+2 guard=x86-only inactive
    // EXPECT: x86.intrinsic _mm_adds_epu8 @+1 guard=x86-only inactive
    _mm_storeu_si128((__m128i *)(out + i), _mm_adds_epu8(x, y));
  }
}
#endif
