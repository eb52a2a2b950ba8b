/* Printf formats by platform, written the way a widely used TLS library's
 * debug header writes them: each #else and #endif carries its condition in
 * a comment on a continued line. The range the x86-64 Linux parse skips
 * then ends inside that continued #else, with no newline after it; the
 * scan used to loop there for ever (issue 12, kind 1). */
#ifndef PRINTF_FORMATS_H
#define PRINTF_FORMATS_H
// EXPECT: msvc.msc-ver-guard _MSC_VER @+1 guard=has-fallback
#if defined(__MINGW32__) || (defined(_MSC_VER) && _MSC_VER < 1900)
   #include <inttypes.h>
   #define PRINTF_SIZET     PRIuPTR
#else \
    /* defined(__MINGW32__) || (defined(_MSC_VER) && _MSC_VER < 1900) */
   #define PRINTF_SIZET     "zu"
#endif \
    /* defined(__MINGW32__) || (defined(_MSC_VER) && _MSC_VER < 1900) */
#endif
