// A Windows unit (it includes windows.h, so it is parsed as windows-x86_64
// with the mingw-w64 headers) that also uses SSE2.
// EXPECT-IGNORE: win32.type
#include <windows.h> // EXPECT: win32.include windows.h @+0
#include <emmintrin.h>

DWORD checksum(const BYTE *data, DWORD size) {
  // EXPECT: x86.vector-type __m128i @+2
  // EXPECT: x86.intrinsic _mm_setzero_si128 @+1
  __m128i acc = _mm_setzero_si128();
  for (DWORD i = 0; i + 16 <= size; i += 16)
    // EXPECT: x86.intrinsic _mm_add_epi8 @+3
    // EXPECT: x86.intrinsic _mm_loadu_si128 @+2
    // EXPECT: x86.vector-type __m128i @+1
    acc = _mm_add_epi8(acc, _mm_loadu_si128((const __m128i *)(data + i)));
  // EXPECT: x86.intrinsic _mm_cvtsi128_si32 @+2
  // EXPECT: win32.api GetCurrentProcessId @+1
  return (DWORD)_mm_cvtsi128_si32(acc) ^ GetCurrentProcessId();
}
