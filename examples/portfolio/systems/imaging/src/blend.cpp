// Watermark blending. One binary runs on old and new servers, so the AVX2
// row kernel is compiled with a target attribute and picked at run time.
#include "imaging/image.h"

#include <immintrin.h>

namespace imaging {

namespace {

using RowKernel = void (*)(std::uint8_t *dst, const std::uint8_t *src, std::size_t n,
                           std::uint8_t alpha);

void blend_row_scalar(std::uint8_t *dst, const std::uint8_t *src, std::size_t n,
                      std::uint8_t alpha) {
  const unsigned a = alpha, inv = 255u - alpha;
  for (std::size_t i = 0; i < n; ++i)
    dst[i] = static_cast<std::uint8_t>((src[i] * a + dst[i] * inv + 128u) >> 8);
}

void blend_row_sse2(std::uint8_t *dst, const std::uint8_t *src, std::size_t n,
                    std::uint8_t alpha) {
  const __m128i zero = _mm_setzero_si128();
  const __m128i a = _mm_set1_epi16(alpha);
  const __m128i inv = _mm_set1_epi16(static_cast<short>(255 - alpha));
  const __m128i round = _mm_set1_epi16(128);
  std::size_t i = 0;
  for (; i + 16 <= n; i += 16) {
    __m128i s = _mm_loadu_si128(reinterpret_cast<const __m128i *>(src + i));
    __m128i d = _mm_loadu_si128(reinterpret_cast<const __m128i *>(dst + i));
    __m128i lo = _mm_add_epi16(_mm_mullo_epi16(_mm_unpacklo_epi8(s, zero), a),
                               _mm_mullo_epi16(_mm_unpacklo_epi8(d, zero), inv));
    __m128i hi = _mm_add_epi16(_mm_mullo_epi16(_mm_unpackhi_epi8(s, zero), a),
                               _mm_mullo_epi16(_mm_unpackhi_epi8(d, zero), inv));
    lo = _mm_srli_epi16(_mm_add_epi16(lo, round), 8);
    hi = _mm_srli_epi16(_mm_add_epi16(hi, round), 8);
    _mm_storeu_si128(reinterpret_cast<__m128i *>(dst + i), _mm_packus_epi16(lo, hi));
  }
  blend_row_scalar(dst + i, src + i, n - i, alpha);
}

__attribute__((target("avx2"))) void blend_row_avx2(std::uint8_t *dst, const std::uint8_t *src,
                                                     std::size_t n, std::uint8_t alpha) {
  const __m256i a = _mm256_set1_epi16(alpha);
  const __m256i inv = _mm256_set1_epi16(static_cast<short>(255 - alpha));
  const __m256i round = _mm256_set1_epi16(128);
  std::size_t i = 0;
  for (; i + 16 <= n; i += 16) {
    __m256i s = _mm256_cvtepu8_epi16(_mm_loadu_si128(reinterpret_cast<const __m128i *>(src + i)));
    __m256i d = _mm256_cvtepu8_epi16(_mm_loadu_si128(reinterpret_cast<const __m128i *>(dst + i)));
    __m256i v = _mm256_add_epi16(_mm256_mullo_epi16(s, a), _mm256_mullo_epi16(d, inv));
    v = _mm256_srli_epi16(_mm256_add_epi16(v, round), 8);
    __m256i packed = _mm256_permute4x64_epi64(_mm256_packus_epi16(v, v), 0x08);
    _mm_storeu_si128(reinterpret_cast<__m128i *>(dst + i), _mm256_castsi256_si128(packed));
  }
  blend_row_scalar(dst + i, src + i, n - i, alpha);
}

RowKernel pick_kernel() {
  __builtin_cpu_init();
  if (__builtin_cpu_supports("avx2"))
    return blend_row_avx2;
  return blend_row_sse2;
}

}  // namespace

void blend_over(Image &dst, const Image &src, std::uint8_t alpha) {
  static const RowKernel kernel = pick_kernel();
  if (dst.format != src.format || dst.width != src.width)
    return;
  const int rows = dst.height < src.height ? dst.height : src.height;
  const std::size_t row_bytes = static_cast<std::size_t>(dst.width) * dst.channels();
  for (int y = 0; y < rows; ++y)
    kernel(dst.row(y), src.row(y), row_bytes, alpha);
}

}  // namespace imaging
