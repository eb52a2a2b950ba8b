// C++: aliases, templates with dependent calls, auto, lambdas.
#include <immintrin.h>
#include <vector>

template <typename T> struct Lanes;
template <> struct Lanes<float> {
  // EXPECT: x86.vector-type __m128 @+1
  using type = __m128;
  // EXPECT: x86.intrinsic _mm_set1_ps @+1
  static type splat(float f) { return _mm_set1_ps(f); }
};

template <typename T>
typename Lanes<T>::type twice(typename Lanes<T>::type v) {
  // A call with dependent arguments: still an intrinsic call.
  // EXPECT: x86.intrinsic _mm_add_ps @+1
  return _mm_add_ps(v, v);
}

float first(const std::vector<float> &xs) {
  // 'auto' spells no vector type.
  auto v = twice<float>(Lanes<float>::splat(xs[0]));
  // EXPECT: x86.intrinsic _mm_mul_ps @+1
  auto square = [](Lanes<float>::type x) { return _mm_mul_ps(x, x); };
  // EXPECT: x86.intrinsic _mm_cvtss_f32 @+1
  return _mm_cvtss_f32(square(v));
}
