/* MSVC bit and byte intrinsics with exact GCC/Clang builtins. */
#include <stdlib.h>

unsigned ones16(unsigned short x) { return __builtin_popcount(x); }
unsigned ones(unsigned x) { return __builtin_popcount(x); }
unsigned long long ones64(unsigned long long x) { return __builtin_popcountll(x); }
unsigned short swap16(unsigned short x) { return __builtin_bswap16(x); }
unsigned int swap32(unsigned int x) { return __builtin_bswap32(x); }
unsigned long long swap64(unsigned long long x) { return __builtin_bswap64(x); }

/* Guarded: the MSVC branch has an alternative, so it is left as it is. */
unsigned guarded(unsigned x) {
#ifdef _WIN32
  return _byteswap_ulong(x);
#else
  return __builtin_bswap32(x);
#endif
}
