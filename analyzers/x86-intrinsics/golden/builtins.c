// x86 target builtins written directly, and intrinsics that wrap them.
#include <immintrin.h>

void spin_until_set(volatile int *flag) {
  while (!*flag)
    // EXPECT: x86.intrinsic _mm_pause @+1
    _mm_pause();
}

unsigned long long ticks(void) {
  // EXPECT: x86.builtin __rdtsc @+2
  // EXPECT: x86.builtin __builtin_ia32_rdtsc @+1
  return __rdtsc() + __builtin_ia32_rdtsc();
}

void fence(void) {
  // EXPECT: x86.builtin __builtin_ia32_mfence @+1
  __builtin_ia32_mfence();
  // Clang declares this intrinsic as a builtin of its header.
  // EXPECT: x86.intrinsic _mm_lfence @+1
  _mm_lfence();
  // Portable builtins are not x86 ties.
  __builtin_prefetch(0);
  (void)__builtin_popcount(7u);
}
