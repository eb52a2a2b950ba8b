// Intrinsics that the headers define as object-like aliases of another
// intrinsic are intrinsics, not constants.
#include <immintrin.h>

__attribute__((target("bmi")))
unsigned long long lowest_cleared(unsigned long long x) {
  // EXPECT: x86.intrinsic _blsr_u64 @+1
  return _blsr_u64(x);
}

__attribute__((target("bmi")))
unsigned trailing(unsigned x) {
  // EXPECT: x86.intrinsic _tzcnt_u32 @+1
  return _tzcnt_u32(x);
}
