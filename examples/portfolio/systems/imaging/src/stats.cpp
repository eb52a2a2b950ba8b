// Image statistics for the quality gate: mean brightness, histogram, and
// the difference between a scan and its reference copy.
#include "imaging/image.h"

#include <emmintrin.h>
#include <xmmintrin.h>

namespace imaging {

namespace {

// Sum of 16 bytes with PSADBW against zero.
inline std::uint64_t sum16(const std::uint8_t *p) {
  __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i *>(p));
  __m128i s = _mm_sad_epu8(v, _mm_setzero_si128());
  return static_cast<std::uint64_t>(_mm_cvtsi128_si32(s)) +
         static_cast<std::uint64_t>(_mm_extract_epi16(s, 4));
}

}  // namespace

Stats gray_stats(const Image &gray) {
  Stats st;
  for (int y = 0; y < gray.height; ++y) {
    const std::uint8_t *p = gray.row(y);
    if (y + 1 < gray.height)
      _mm_prefetch(reinterpret_cast<const char *>(gray.row(y + 1)), _MM_HINT_T0);
    int x = 0;
    for (; x + 16 <= gray.width; x += 16)
      st.sum += sum16(p + x);
    for (; x < gray.width; ++x)
      st.sum += p[x];
    for (x = 0; x < gray.width; ++x)
      ++st.histogram[p[x]];
  }
  const double n = static_cast<double>(gray.width) * gray.height;
  st.mean = n > 0 ? static_cast<double>(st.sum) / n : 0.0;
  return st;
}

std::uint64_t abs_difference(const Image &a, const Image &b) {
  if (a.width != b.width || a.height != b.height || a.format != b.format)
    return ~std::uint64_t{0};
  const std::size_t row_bytes = static_cast<std::size_t>(a.width) * a.channels();
  std::uint64_t total = 0;
  for (int y = 0; y < a.height; ++y) {
    const std::uint8_t *pa = a.row(y);
    const std::uint8_t *pb = b.row(y);
    __m128i acc = _mm_setzero_si128();
    std::size_t i = 0;
    for (; i + 16 <= row_bytes; i += 16) {
      __m128i va = _mm_loadu_si128(reinterpret_cast<const __m128i *>(pa + i));
      __m128i vb = _mm_loadu_si128(reinterpret_cast<const __m128i *>(pb + i));
      acc = _mm_add_epi64(acc, _mm_sad_epu8(va, vb));
    }
    alignas(16) std::uint64_t lanes[2];
    _mm_store_si128(reinterpret_cast<__m128i *>(lanes), acc);
    total += lanes[0] + lanes[1];
    for (; i < row_bytes; ++i)
      total += pa[i] > pb[i] ? pa[i] - pb[i] : pb[i] - pa[i];
  }
  return total;
}

}  // namespace imaging
