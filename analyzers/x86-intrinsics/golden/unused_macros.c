// A macro that a unit's own source file defines and never names again is
// expanded nowhere, in any configuration: the x86 names in its body cost
// nothing to move. Skipped code of Visual C++ (as libyuv's row_win.cc)
// often holds such leftovers. A macro the file uses is reported, and so is
// one a header defines, which other files may use.
#include <emmintrin.h>

// EXPECT: msvc.msc-ver-guard _MSC_VER @+1:2 guard=windows-only
#if defined(_MSC_VER) && !defined(__clang__)
// Defined, never used: no finding.
#define LOAD_PAIR(p) _mm_loadl_epi64((const void *)(p))

// Used below.
// EXPECT: x86.intrinsic _mm_unpacklo_epi8 @+1 inactive
#define WIDEN(x) _mm_unpacklo_epi8(x, x)

// EXPECT: x86.intrinsic _mm_setzero_si128 @+1 inactive
void widen_zero(void) { WIDEN(_mm_setzero_si128()); }
#endif

// Active code: a macro defined and never used is not expanded either.
#define STORE_PAIR(p, v) _mm_storel_epi64((void *)(p), v)
int active(void) { return 0; }
