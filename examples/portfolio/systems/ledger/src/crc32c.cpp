#include "crc32c.h"

#include <cstring>

#if defined(__x86_64__)
#include <nmmintrin.h>
#elif defined(__aarch64__) && defined(__ARM_FEATURE_CRC32)
#include <arm_acle.h>
#endif

namespace ledger {

namespace {

// Reflected polynomial 0x82F63B78, one table for the tail and the portable path.
struct Table {
  std::uint32_t v[256];
  Table() {
    for (std::uint32_t i = 0; i < 256; ++i) {
      std::uint32_t c = i;
      for (int k = 0; k < 8; ++k)
        c = (c & 1) ? (c >> 1) ^ 0x82F63B78u : c >> 1;
      v[i] = c;
    }
  }
};

const Table kTable;

std::uint32_t crc32c_bytes(std::uint32_t crc, const std::uint8_t *p, std::size_t n) {
  while (n--)
    crc = kTable.v[(crc ^ *p++) & 0xFF] ^ (crc >> 8);
  return crc;
}

}  // namespace

std::uint32_t crc32c(std::uint32_t crc, const void *data, std::size_t n) {
  const std::uint8_t *p = static_cast<const std::uint8_t *>(data);
  crc = ~crc;
#if defined(__x86_64__)
  std::uint64_t c = crc;
  for (; n >= 8; n -= 8, p += 8) {
    std::uint64_t word;
    std::memcpy(&word, p, 8);
    c = _mm_crc32_u64(c, word);
  }
  crc = static_cast<std::uint32_t>(c);
  if (n >= 4) {
    std::uint32_t word;
    std::memcpy(&word, p, 4);
    crc = _mm_crc32_u32(crc, word);
    p += 4;
    n -= 4;
  }
#elif defined(__aarch64__) && defined(__ARM_FEATURE_CRC32)
  for (; n >= 8; n -= 8, p += 8) {
    std::uint64_t word;
    std::memcpy(&word, p, 8);
    crc = __crc32cd(crc, word);
  }
#endif
  return ~crc32c_bytes(crc, p, n);
}

}  // namespace ledger
