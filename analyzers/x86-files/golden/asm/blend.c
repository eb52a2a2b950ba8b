/* The portable version of blend_x86.S: the rounded average of two buffers. */
#include <stddef.h>

void blend_bytes(const unsigned char *a, const unsigned char *b, unsigned char *out,
                 size_t n) {
  for (size_t i = 0; i < n; ++i)
    out[i] = (unsigned char)((a[i] + b[i] + 1) / 2);
}
