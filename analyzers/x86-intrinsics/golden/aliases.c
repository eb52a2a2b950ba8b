// Intrinsics that the headers define as object-like aliases of another
// intrinsic are intrinsics, not constants.
#include <immintrin.h>

// EXPECT: x86.target-attribute target("bmi") @+1:16
__attribute__((target("bmi")))
unsigned long long lowest_cleared(unsigned long long x) {
  // EXPECT: x86.intrinsic _blsr_u64 @+1
  return _blsr_u64(x);
}

// EXPECT: x86.target-attribute target("bmi") @+1:16
__attribute__((target("bmi")))
unsigned trailing(unsigned x) {
  // EXPECT: x86.intrinsic _tzcnt_u32 @+1
  return _tzcnt_u32(x);
}

// Aliases of constants stay constants: a macro (cpuid.h's bit_SSE4_1 for
// bit_SSE41) and an enumerator (_MM_CMPINT_GE for _MM_CMPINT_NLT).
#include <cpuid.h>
int has_sse41(unsigned ecx) {
  // EXPECT: x86.intrinsic-constant bit_SSE4_1 @+2
  // EXPECT: x86.intrinsic-constant bit_SSE41 @+1
  return (ecx & bit_SSE4_1) && (ecx & bit_SSE41);
}
// EXPECT: x86.intrinsic-constant _MM_CMPINT_GE @+1
int compare_kind = _MM_CMPINT_GE;
