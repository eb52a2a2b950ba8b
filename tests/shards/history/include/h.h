#ifndef H_H
#define H_H
#include <x86intrin.h>
static inline unsigned long long ticks(void) {
#ifdef ON
  return __rdtsc();
#else
  return 0;
#endif
}
#endif
