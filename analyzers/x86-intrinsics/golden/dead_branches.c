// Skipped code that no configuration compiles is not a finding. An
// amalgamated source holds a header twice, the second copy under its
// include guard, already defined; a library turns a part off for good
// with `#ifndef X / #define X` before testing `#ifndef X`. Both are skipped
// in every build, so the x86 code there costs nothing to move. Skipped
// code that another build may compile is still reported.
#include <immintrin.h>

// The library's own default: X_NO_WIDE is defined whatever the build.
#ifndef X_NO_WIDE
#define X_NO_WIDE
#endif

#ifndef X_NO_WIDE
void wide_never(void) { _mm256_zeroupper(); }
#else
// EXPECT: x86.intrinsic _mm_pause @+1
void narrow(void) { _mm_pause(); }
#endif

#if !defined(X_NO_WIDE)
void wide_never_either(void) { _mm256_zeroall(); }
#endif

// The first copy of a header, under a condition this parse takes.
#if !defined(__aarch64__)
#ifndef UTIL_H
#define UTIL_H
// EXPECT: x86.arch-guard __SSE4_1__ @+1:2 guard=x86-only
#ifdef __SSE4_1__
// EXPECT: x86.intrinsic _mm_blendv_epi8 @+1 guard=x86-only inactive
#define BLEND(a, b, m) _mm_blendv_epi8(a, b, m)
#endif
#endif // UTIL_H

// Its second copy, under the same condition: never compiled.
#ifndef UTIL_H
#define UTIL_H
#ifdef __SSE4_1__
#define BLEND(a, b, m) _mm_blendv_epi8(a, b, m)
#endif
#endif // UTIL_H
#endif

// A macro defined under a condition another build may not meet (C89):
// its #ifndef branch is compiled there.
#if __STDC_VERSION__ >= 199901L
#define HAVE_C99 1
#endif
#ifndef HAVE_C99
// EXPECT: x86.intrinsic _mm_lfence @+1 inactive
void c89_path(void) { _mm_lfence(); }
#endif

// Inside skipped code (the implementation part of a header, which this
// unit does not ask for), the same: the nested #ifndef X_NO_WIDE is never
// compiled, whichever unit asks for the implementation.
#ifdef LIB_IMPLEMENTATION
// EXPECT: x86.intrinsic _mm_sfence @+1 inactive
void impl(void) { _mm_sfence(); }
#ifndef X_NO_WIDE
void impl_wide(void) { _mm256_zeroupper(); }
#else
// EXPECT: x86.intrinsic _mm_mfence @+1 inactive
void impl_narrow(void) { _mm_mfence(); }
#endif
#undef X_NO_WIDE
#ifndef X_NO_WIDE
// EXPECT: x86.intrinsic _mm256_zeroall @+1 inactive
void impl_after_undef(void) { _mm256_zeroall(); }
#endif
#endif
