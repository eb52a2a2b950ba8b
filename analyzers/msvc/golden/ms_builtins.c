// Builtins of Clang's Microsoft mode are intrinsics, never C runtime calls,
// whichever header declares them (stdlib.h for _byteswap_ulong); the C
// library's builtins (memcpy, which intrin.h declares too) are neither. The
// truth of bench/accuracy classes them the same way, from Clang's builtin
// tables. mingw-w64 spells _rotl and _rotl64 as macros of ia32intrin.h.
// EXPECT-IGNORE: win32.include
// EXPECT-IGNORE: win32.type
#include <windows.h>
#include <intrin.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

unsigned long long mix(unsigned long x, unsigned long long y, void *dst, const void *src) {
  memcpy(dst, src, 8); // a C library builtin: no finding
  // EXPECT: msvc.intrinsic _byteswap_ulong @+2:10
  // EXPECT: msvc.intrinsic _byteswap_uint64 @+1:31
  return _byteswap_ulong(x) + _byteswap_uint64(y) +
         // EXPECT: msvc.intrinsic _rotl64 @+1:10
         _rotl64(y, 3) +  // EXPECT: x86.intrinsic __rolq @+0:10
         _rotl(x, 5) +    // EXPECT: x86.intrinsic _rotl @+0:10
         __popcnt(x) +    // EXPECT: msvc.intrinsic __popcnt @+0:10
         _fileno(NULL);   // EXPECT: win32.crt _fileno @+0:10
}

// mingw-w64's intrin.h defines WINAPI too: a calling convention, no intrinsic.
DWORD WINAPI worker(LPVOID arg) { return arg != 0; }
