#include "image.h"
#include <immintrin.h>

/* Stretches [black, white] to [0, 255]. The AVX2 path is chosen at run time. */
__attribute__((target("avx2")))
static void levels_avx2(uint8_t *p, size_t n, uint8_t black, uint8_t white) {
  const __m256i lo = _mm256_set1_epi8((char)black);
  const __m256i span = _mm256_set1_epi16((short)(255 * 256 / (white - black + 1)));
  size_t i = 0;
  for (; i + 32 <= n; i += 32) {
    __m256i v = _mm256_subs_epu8(_mm256_loadu_si256((const __m256i *)(p + i)), lo);
    __m256i even = _mm256_mulhi_epu16(_mm256_unpacklo_epi8(v, _mm256_setzero_si256()), span);
    __m256i odd = _mm256_mulhi_epu16(_mm256_unpackhi_epi8(v, _mm256_setzero_si256()), span);
    _mm256_storeu_si256((__m256i *)(p + i), _mm256_packus_epi16(even, odd));
  }
  for (; i < n; ++i)
    p[i] = p[i] <= black ? 0 : p[i] >= white ? 255 : (uint8_t)((p[i] - black) * 255 / (white - black));
}

void levels(image_t *img, uint8_t black, uint8_t white) {
  size_t n = (size_t)img->width * img->height;
  if (__builtin_cpu_supports("avx2")) {
    levels_avx2(img->pixels, n, black, white);
    return;
  }
  for (size_t i = 0; i < n; ++i) {
    uint8_t v = img->pixels[i];
    img->pixels[i] = v <= black ? 0 : v >= white ? 255 : (uint8_t)((v - black) * 255 / (white - black));
  }
}
