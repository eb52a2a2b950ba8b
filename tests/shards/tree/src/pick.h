#ifndef PICK_H
#define PICK_H
#ifdef __AVX2__
#include "../kernels/avx2_kernels.h"
#endif
int pick(int a, int b);
#endif
