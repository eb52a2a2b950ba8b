// keyvault is certified for one platform: x86-64 with AES-NI and RDRAND.
#pragma once

#if defined(__x86_64__)
#define KV_ARCH_NAME "x86_64"
#define KV_CACHE_LINE 64
#else
#error "keyvault: only x86-64 is certified (AES-NI, RDRAND); see SEC-2017-04"
#endif

#include <cstddef>
#include <cstdint>

namespace kv {

// asm/ct_x86_64.S
extern "C" int kv_ct_memcmp(const void *a, const void *b, std::size_t n);
extern "C" void kv_secure_zero(void *p, std::size_t n);

// entropy.cpp
struct CpuFeatures {
  bool aesni = false;
  bool pclmul = false;
  bool rdrand = false;
  bool rdseed = false;
};
CpuFeatures detect_cpu();
std::uint64_t cycle_count();
bool random_bytes(std::uint8_t *out, std::size_t n);

// Byte order of the counters and lengths in the wrapped-key format.
inline std::uint64_t to_big_endian(std::uint64_t v) {
  __asm__("bswap %0" : "+r"(v));
  return v;
}

}  // namespace kv
