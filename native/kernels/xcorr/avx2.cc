// AVX2 cross-correlation: the four sums of DotOne are the four lanes of one
// register of doubles (multiply, then add: no fused multiply-add, which
// would round differently).
#include "xcorr.h"

#if CANDOR_X86
#include <immintrin.h>

namespace candor::kernels {
namespace {

CANDOR_TARGET_AVX2 double Dot(const float* x, const float* y, int n) {
  __m256d acc = _mm256_setzero_pd();
  int i = 0;
  for (; i + 4 <= n; i += 4) {
    const __m256d a = _mm256_cvtps_pd(_mm_loadu_ps(x + i));
    const __m256d b = _mm256_cvtps_pd(_mm_loadu_ps(y + i));
    acc = _mm256_add_pd(acc, _mm256_mul_pd(a, b));
  }
  alignas(32) double s[4];
  _mm256_store_pd(s, acc);
  for (int j = 0; i < n; ++i, ++j) s[j] += static_cast<double>(x[i]) * static_cast<double>(y[i]);
  return (s[0] + s[1]) + (s[2] + s[3]);
}

CANDOR_TARGET_AVX2 void Xcorr(const float* x, int n, const float* y, int first, int count, double* out) {
  for (int k = 0; k < count; ++k) out[k] = Dot(x, y + first - k, n);
}

}  // namespace

XcorrFn XcorrAvx2() { return Xcorr; }

}  // namespace candor::kernels
#endif  // CANDOR_X86
