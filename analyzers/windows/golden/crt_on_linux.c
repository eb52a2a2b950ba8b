// Microsoft-only C runtime calls seen by a Linux parse: in code the parse
// skips (#ifdef _WIN32) and in code it cannot resolve (a Windows-only
// helper compiled without its header). Either way they are findings.
// EXPECT-PARSE-ERRORS
#include <stdio.h>
#include <string.h>

int same_name(const char *a, const char *b) {
#ifdef _WIN32
  return _stricmp(a, b) == 0; // EXPECT: win32.crt _stricmp @+0:10 guard=has-fallback inactive
#else
  return strcasecmp(a, b) == 0;
#endif
}

long file_length(FILE *f) {
  return (long)_filelengthi64(_fileno(f)); // EXPECT: win32.crt _fileno @+0:31
}

// The runtime's header declares it, but it is a compiler builtin of
// Microsoft mode: an intrinsic, as a Windows parse reports it.
unsigned long swap32(unsigned long v) {
  return _byteswap_ulong(v); // EXPECT: msvc.intrinsic _byteswap_ulong @+0:10
}

// Named, not called, in a unit whose parse has errors: like any function's
// name, it counts where it is called (the macro's uses are parsed).
#define SWAP32 _byteswap_ulong

// An include found only on a case-insensitive file system: this Linux
// unit's parse does not find it (that ends the parse, so it comes last),
// and the lexical look-up says which file Windows would take.
#include "sub/Helper.h" // EXPECT: win32.include-path sub/Helper.h @+0
