// CPU feature checks and key material from the CPU's random generator.
#include "arch.h"

#include <cstring>
#include <immintrin.h>

namespace kv {

namespace {

void cpuid(std::uint32_t leaf, std::uint32_t sub, std::uint32_t regs[4]) {
  __asm__ __volatile__("cpuid"
                       : "=a"(regs[0]), "=b"(regs[1]), "=c"(regs[2]), "=d"(regs[3])
                       : "a"(leaf), "c"(sub));
}

}  // namespace

CpuFeatures detect_cpu() {
  CpuFeatures f;
  std::uint32_t r[4];
  cpuid(0, 0, r);
  const std::uint32_t max_leaf = r[0];
  cpuid(1, 0, r);
  f.pclmul = (r[2] >> 1) & 1;
  f.aesni = (r[2] >> 25) & 1;
  f.rdrand = (r[2] >> 30) & 1;
  if (max_leaf >= 7) {
    cpuid(7, 0, r);
    f.rdseed = (r[1] >> 18) & 1;
  }
  return f;
}

// Time stamp counter, serialised so that it is not read early; used to
// time key operations for the audit log and as extra pool input.
std::uint64_t cycle_count() {
  std::uint32_t lo, hi;
  __asm__ __volatile__("lfence\n\trdtsc" : "=a"(lo), "=d"(hi) : : "memory");
  return (static_cast<std::uint64_t>(hi) << 32) | lo;
}

bool random_bytes(std::uint8_t *out, std::size_t n) {
  while (n > 0) {
    unsigned long long word = 0;
    int ok = 0;
    // Intel's guidance: retry up to ten times before reporting a failure.
    for (int attempt = 0; attempt < 10 && !ok; ++attempt)
      ok = __builtin_ia32_rdrand64_step(&word);
    if (!ok)
      return false;
    std::size_t take = n < sizeof word ? n : sizeof word;
    std::memcpy(out, &word, take);
    out += take;
    n -= take;
    word = 0;
    // Keep the compiler from dropping the wipe of the local copy.
    __asm__ __volatile__("" ::: "memory");
  }
  return true;
}

}  // namespace kv
