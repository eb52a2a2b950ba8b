#include "image.h"
#include "simd_math.h"

/* Vertical 3-tap blur; 16 pixels per step with SSE2, scalar at the edges. */
void blur_rows(const image_t *src, image_t *dst) {
  const int w = src->width, h = src->height;
  for (int y = 1; y + 1 < h; ++y) {
    const uint8_t *up = src->pixels + (size_t)(y - 1) * w;
    const uint8_t *mid = up + w;
    const uint8_t *down = mid + w;
    uint8_t *out = dst->pixels + (size_t)y * w;
    int x = 0;
#ifdef __SSE2__
    for (; x + 16 <= w; x += 16) {
      __m128i v = avg3_u8(load16(up + x), load16(mid + x), load16(down + x));
      _mm_storeu_si128((__m128i *)(out + x), v);
    }
#endif
    for (; x < w; ++x)
      out[x] = (uint8_t)((up[x] + 2 * mid[x] + down[x] + 2) / 4);
  }
}
