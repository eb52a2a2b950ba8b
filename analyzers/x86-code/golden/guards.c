// Guard contexts: what the conditionals around a finding offer other
// architectures, and findings in code the x86-64 parse skips.
#include <immintrin.h>

// EXPECT: x86.arch-guard __SSE2__ @+1 guard=has-alternative
#if defined(__SSE2__)
// EXPECT: x86.vector-type __m128i @+3:1 guard=has-alternative
// EXPECT: x86.vector-type __m128i @+2:14 guard=has-alternative
// EXPECT: x86.vector-type __m128i @+1:25 guard=has-alternative
__m128i add4(__m128i a, __m128i b) {
  return _mm_add_epi32(a, b); // EXPECT: x86.intrinsic _mm_add_epi32 @+0 guard=has-alternative
}
#elif defined(__ARM_NEON)
int32x4_t add4(int32x4_t a, int32x4_t b) { return vaddq_s32(a, b); }
#else
int add4(int a, int b) { return a + b; }
#endif

// Skipped without -mavx2: reported, marked inactive.
// EXPECT: x86.arch-guard __AVX2__ @+1 guard=has-fallback
#ifdef __AVX2__
// EXPECT: x86.vector-type __m256i @+3:1 guard=has-fallback inactive
// EXPECT: x86.vector-type __m256i @+2:14 guard=has-fallback inactive
// EXPECT: x86.vector-type __m256i @+1:25 guard=has-fallback inactive
__m256i add8(__m256i a, __m256i b) {
  return _mm256_add_epi32(a, b); // EXPECT: x86.intrinsic _mm256_add_epi32 @+0 guard=has-fallback inactive
}
#else
int add8(int a) { return a; }
#endif

// A project macro defined from x86 macros tests x86 too.
// EXPECT: x86.arch-guard __x86_64__ @+1 guard=x86-only
#if defined(__x86_64__) || defined(_M_X64)
#define HAVE_X86 1
#endif

// EXPECT: x86.arch-guard HAVE_X86 @+1 guard=x86-only
#if HAVE_X86
static inline void spin(void) {
  _mm_pause(); // EXPECT: x86.intrinsic _mm_pause @+0 guard=x86-only
}
#endif

// What every other architecture gets is an #error.
// EXPECT: x86.arch-guard __x86_64__ @+1 guard=x86-only
#if !defined(__x86_64__)
#error "only x86-64 is supported" // EXPECT: x86.error-guard #error @+0 guard=x86-only inactive
#endif

// A branch that only stops the build is neither a fallback nor an
// alternative.
// EXPECT: x86.arch-guard __x86_64__ @+1 guard=x86-only
#if defined(__x86_64__)
static inline void relax(void) {
  _mm_pause(); // EXPECT: x86.intrinsic _mm_pause @+0 guard=x86-only
}
#elif defined(__aarch64__)
/* not ported yet */
#error "AArch64 is not supported yet"
#else
#  error "x86-64 only" // EXPECT: x86.error-guard #error @+0 guard=x86-only inactive
#endif

// The AArch64 side of a chain may define _mm_* emulations: not x86 code.
#ifdef __aarch64__
__m128 _mm_fake(__m128 a);
#endif

// Another chain's comments and strings are not code: _mm_add_ps.
#if 0
const char *s = "_mm_add_ps";
#endif

// A selector: HW_AES is the x86 value or the ARM one. Testing it tests
// neither; the value compared says which, and the ARM value is known from
// the skipped #define.
#define HW_AES_NI 1
#define HW_AES_NEON 2
// EXPECT: x86.arch-guard __x86_64__ @+1 guard=has-alternative
#if defined(__x86_64__)
#define HW_AES HW_AES_NI
#elif defined(__aarch64__)
#define HW_AES HW_AES_NEON
#endif

// EXPECT: x86.arch-guard HW_AES_NI @+1 guard=has-alternative
#if HW_AES == HW_AES_NI
static void aes_ni(void) {
  _mm_pause(); // EXPECT: x86.intrinsic _mm_pause @+0 guard=has-alternative
}
#elif HW_AES == HW_AES_NEON
static void aes_neon(void) {}
#endif

// Every #elif of a chain counts, also those after the branch taken.
// EXPECT: x86.arch-guard __SSE2__ @+1 guard=has-alternative
#if defined(__SSE2__)
static int level(void) { return 2; }
#elif defined(__ARM_NEON)
static int level(void) { return 1; }
// EXPECT: x86.arch-guard __i386__ @+1 guard=has-alternative
#elif defined(__i386__)
static int level(void) { return 0; }
#endif

// A #define in skipped code is code: its x86 names are reported.
#ifdef __AVX512F__
// EXPECT: x86.intrinsic _mm512_add_epi32 @+1 guard=has-fallback inactive
#define ADD16(a, b) _mm512_add_epi32(a, b)
#else
#define ADD16(a, b) ((a) + (b))
#endif
// EXPECT: x86.arch-guard __AVX512F__ @-6 guard=has-fallback

// Asm in skipped code counts when its text is x86, not when it is NEON.
// EXPECT: x86.arch-guard __AVX512F__ @+1 guard=x86-only
#if defined(__AVX512F__) && defined(__GNUC__)
// EXPECT: x86.inline-asm __asm__ @+1 guard=x86-only inactive
static inline void spin512(void) { __asm__ __volatile__("pause" ::: "memory"); }
#endif
#if defined(__ARM_NEON) && defined(__GNUC__)
static inline void neon_mul(void) { __asm__("umlal v0.2d, v1.2s, v2.2s"); }
#endif
