// Colour conversions. Written for the SSSE3 servers of 2014 and never given
// a portable path: these kernels always use SSE2/SSSE3.
#include "imaging/image.h"

#include <cstring>
#include <emmintrin.h>
#include <tmmintrin.h>

namespace imaging {

namespace {

// BT.601 luma weights in 8.8 fixed point: 0.299, 0.587, 0.114.
constexpr int kWeightR = 77;
constexpr int kWeightG = 150;
constexpr int kWeightB = 29;

std::uint8_t gray_of(const std::uint8_t *p) {
  return static_cast<std::uint8_t>((kWeightR * p[0] + kWeightG * p[1] + kWeightB * p[2] + 128) >> 8);
}

// Converts four RGB24 pixels (reads 16 bytes, uses 12) into four gray bytes.
inline std::uint32_t gray4_ssse3(const std::uint8_t *rgb) {
  const __m128i rg_mask = _mm_setr_epi8(0, -1, 1, -1, 3, -1, 4, -1, 6, -1, 7, -1, 9, -1, 10, -1);
  const __m128i b_mask = _mm_setr_epi8(2, -1, -1, -1, 5, -1, -1, -1, 8, -1, -1, -1, 11, -1, -1, -1);
  const __m128i rg_weights = _mm_setr_epi16(kWeightR, kWeightG, kWeightR, kWeightG, kWeightR,
                                            kWeightG, kWeightR, kWeightG);
  const __m128i b_weights = _mm_setr_epi16(kWeightB, 0, kWeightB, 0, kWeightB, 0, kWeightB, 0);

  __m128i px = _mm_loadu_si128(reinterpret_cast<const __m128i *>(rgb));
  __m128i rg = _mm_shuffle_epi8(px, rg_mask);
  __m128i b = _mm_shuffle_epi8(px, b_mask);
  __m128i sum = _mm_add_epi32(_mm_madd_epi16(rg, rg_weights), _mm_madd_epi16(b, b_weights));
  sum = _mm_srli_epi32(_mm_add_epi32(sum, _mm_set1_epi32(128)), 8);
  __m128i words = _mm_packs_epi32(sum, sum);
  __m128i bytes = _mm_packus_epi16(words, words);
  return static_cast<std::uint32_t>(_mm_cvtsi128_si32(bytes));
}

}  // namespace

void rgb_to_gray(const Image &rgb, Image &gray) {
  gray = make_image(rgb.width, rgb.height, PixelFormat::Gray8);
  for (int y = 0; y < rgb.height; ++y) {
    const std::uint8_t *in = rgb.row(y);
    std::uint8_t *out = gray.row(y);
    int x = 0;
    // The 16-byte load of the last group must stay inside the row.
    for (; x + 6 <= rgb.width; x += 4) {
      std::uint32_t four = gray4_ssse3(in + 3 * x);
      std::memcpy(out + x, &four, sizeof four);
    }
    for (; x < rgb.width; ++x)
      out[x] = gray_of(in + 3 * x);
  }
}

// RGBA <-> BGRA for the scanner drivers, which deliver BGRA.
void swap_red_blue(Image &rgba) {
  if (rgba.format != PixelFormat::Rgba32)
    return;
  const __m128i mask = _mm_setr_epi8(2, 1, 0, 3, 6, 5, 4, 7, 10, 9, 8, 11, 14, 13, 12, 15);
  for (int y = 0; y < rgba.height; ++y) {
    std::uint8_t *p = rgba.row(y);
    int x = 0;
    for (; x + 4 <= rgba.width; x += 4) {
      __m128i v = _mm_loadu_si128(reinterpret_cast<__m128i *>(p + 4 * x));
      _mm_storeu_si128(reinterpret_cast<__m128i *>(p + 4 * x), _mm_shuffle_epi8(v, mask));
    }
    for (; x < rgba.width; ++x) {
      std::uint8_t r = p[4 * x];
      p[4 * x] = p[4 * x + 2];
      p[4 * x + 2] = r;
    }
  }
}

}  // namespace imaging
