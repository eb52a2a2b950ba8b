// Resampling and brightness. The AVX2 kernels are compiled in only when the
// build enables AVX2 (-mavx2, see CMakeLists.txt); otherwise the scalar
// loops below them are used.
#include "imaging/image.h"

#include <algorithm>
#include <cmath>

#ifdef __AVX2__
#include <immintrin.h>
#endif

namespace imaging {

void downscale_half(const Image &src, Image &dst) {
  dst = make_image(src.width / 2, src.height / 2, PixelFormat::Gray8);
  for (int y = 0; y < dst.height; ++y) {
    const std::uint8_t *r0 = src.row(2 * y);
    const std::uint8_t *r1 = src.row(2 * y + 1);
    std::uint8_t *out = dst.row(y);
    int x = 0;
#ifdef __AVX2__
    const __m256i low_bytes = _mm256_set1_epi16(0x00FF);
    for (; x + 16 <= dst.width; x += 16) {
      __m256i a = _mm256_loadu_si256(reinterpret_cast<const __m256i *>(r0 + 2 * x));
      __m256i b = _mm256_loadu_si256(reinterpret_cast<const __m256i *>(r1 + 2 * x));
      __m256i v = _mm256_avg_epu8(a, b);
      __m256i even = _mm256_and_si256(v, low_bytes);
      __m256i odd = _mm256_srli_epi16(v, 8);
      __m256i packed = _mm256_packus_epi16(_mm256_avg_epu16(even, odd), _mm256_setzero_si256());
      packed = _mm256_permute4x64_epi64(packed, 0xD8);
      _mm_storeu_si128(reinterpret_cast<__m128i *>(out + x), _mm256_castsi256_si128(packed));
    }
#endif
    for (; x < dst.width; ++x) {
      int sum = r0[2 * x] + r0[2 * x + 1] + r1[2 * x] + r1[2 * x + 1];
      out[x] = static_cast<std::uint8_t>((sum + 2) / 4);
    }
  }
}

namespace {

// Same rounding as _mm256_cvtps_epi32 (to nearest, ties to even).
std::uint8_t scale_one(std::uint8_t v, float gain) {
  float f = std::nearbyint(static_cast<float>(v) * gain);
  return static_cast<std::uint8_t>(std::clamp(f, 0.0f, 255.0f));
}

}  // namespace

void scale_brightness(Image &img, float gain) {
  std::size_t row_bytes = static_cast<std::size_t>(img.width) * img.channels();
  for (int y = 0; y < img.height; ++y) {
    std::uint8_t *p = img.row(y);
    std::size_t i = 0;
#ifdef __AVX2__
    const __m256 g = _mm256_set1_ps(gain);
    const __m256i lo = _mm256_setzero_si256();
    const __m256i hi = _mm256_set1_epi32(255);
    for (; i + 8 <= row_bytes; i += 8) {
      __m128i bytes = _mm_loadl_epi64(reinterpret_cast<const __m128i *>(p + i));
      __m256 f = _mm256_cvtepi32_ps(_mm256_cvtepu8_epi32(bytes));
      __m256i v = _mm256_cvtps_epi32(_mm256_mul_ps(f, g));
      v = _mm256_min_epi32(_mm256_max_epi32(v, lo), hi);
      __m128i words = _mm_packs_epi32(_mm256_castsi256_si128(v), _mm256_extracti128_si256(v, 1));
      _mm_storel_epi64(reinterpret_cast<__m128i *>(p + i), _mm_packus_epi16(words, words));
    }
#else
    // Scalar path, unrolled by four like the old SSE2 loop it replaced.
    for (; i + 4 <= row_bytes; i += 4) {
      p[i] = scale_one(p[i], gain);
      p[i + 1] = scale_one(p[i + 1], gain);
      p[i + 2] = scale_one(p[i + 2], gain);
      p[i + 3] = scale_one(p[i + 3], gain);
    }
#endif
    for (; i < row_bytes; ++i)
      p[i] = scale_one(p[i], gain);
  }
}

}  // namespace imaging
