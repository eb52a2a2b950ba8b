#define FAST 1
#include "../include/shared.h"
int fast_sum(const int *v) {
  __asm__ volatile("pause");
  return shared_sum(v);
}
