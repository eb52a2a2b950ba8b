// Portable code: nothing here ties it to x86, so any finding fails the test.
#include <math.h>
#include <stdint.h>
#include <string.h>

#define mm_add(a, b) ((a) + (b))

typedef struct { float v[4]; } __attribute__((aligned(16))) vec4;

static float mm_dot(vec4 a, vec4 b) {
  float s = 0;
  for (int i = 0; i < 4; ++i)
    s = mm_add(s, a.v[i] * b.v[i]);
  return s;
}

float norm(const vec4 *p) {
  vec4 copy;
  memcpy(&copy, p, sizeof copy);
  return sqrtf(mm_dot(copy, copy)) + (float)__builtin_popcount((uint32_t)copy.v[0]);
}
