// A macro that a unit's own source file defines and that nothing names
// again is expanded nowhere, in any configuration: the x86 names in its
// body cost nothing to move. Skipped code of Visual C++ (as libyuv's
// row_win.cc) often holds such leftovers. A macro the file uses is
// reported, and so is one a file included after it may use, and one a
// header defines, which other files may use.
#include <emmintrin.h>

// EXPECT: msvc.msc-ver-guard _MSC_VER @+1:2 guard=windows-only
#if defined(_MSC_VER) && !defined(__clang__)
// For the kernel the project file below includes.
// EXPECT: x86.intrinsic _mm_loadu_si128 @+1 inactive
#define KERNEL_LOAD(p) _mm_loadu_si128((const void *)(p))
#include "kernel_impl.h"

// Defined, never used: no finding.
#define LOAD_PAIR(p) _mm_loadl_epi64((const void *)(p))

// Used below.
// EXPECT: x86.intrinsic _mm_unpacklo_epi8 @+1 inactive
#define WIDEN(x) _mm_unpacklo_epi8(x, x)

// EXPECT: x86.intrinsic _mm_setzero_si128 @+1 inactive
void widen_zero(void) { WIDEN(_mm_setzero_si128()); }

#endif
