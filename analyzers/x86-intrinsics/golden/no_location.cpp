// Entities without a source location (Clang's built-in macros, builtin
// types, implicit operator new) are not x86 ties, whatever the analyzer has
// seen before them.
#include <emmintrin.h>

#define PUSH _Pragma("GCC diagnostic push")
PUSH
#if __has_include(<stdio.h>) && defined(__has_builtin)
#endif
int line = __LINE__;
__uint128_t triple(__uint128_t x) { return x * 3; }
// EXPECT: x86.vector-type __m128i @+2
// EXPECT: x86.intrinsic _mm_cvtsi128_si32 @+1
int low(__m128i a) { return _mm_cvtsi128_si32(a); }
void *make() { return ::operator new(16); }
void unmake(void *p) { ::operator delete(p); }
__int128_t wide;
__builtin_va_list list;
