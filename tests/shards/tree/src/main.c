#include "pick.h"
#include "../include/shared.h"
#include "table.c"
int main(void) {
  int v[4] = {1, 2, 3, 4};
  unsigned long long t = __rdtsc();
  return shared_sum(v) + (int)table_crc((unsigned)t);
}
