// SSE4.1 cross-correlation: sums 0-1 and 2-3 of DotOne in two registers.
#include "xcorr.h"

#if CANDOR_X86
#include <smmintrin.h>

namespace candor::kernels {
namespace {

CANDOR_TARGET_SSE41 double Dot(const float* x, const float* y, int n) {
  __m128d lo = _mm_setzero_pd(), hi = _mm_setzero_pd();
  int i = 0;
  for (; i + 4 <= n; i += 4) {
    const __m128 a = _mm_loadu_ps(x + i), b = _mm_loadu_ps(y + i);
    lo = _mm_add_pd(lo, _mm_mul_pd(_mm_cvtps_pd(a), _mm_cvtps_pd(b)));
    hi = _mm_add_pd(hi, _mm_mul_pd(_mm_cvtps_pd(_mm_movehl_ps(a, a)), _mm_cvtps_pd(_mm_movehl_ps(b, b))));
  }
  double s[4];
  _mm_storeu_pd(s, lo);
  _mm_storeu_pd(s + 2, hi);
  for (int j = 0; i < n; ++i, ++j) s[j] += static_cast<double>(x[i]) * static_cast<double>(y[i]);
  return (s[0] + s[1]) + (s[2] + s[3]);
}

CANDOR_TARGET_SSE41 void Xcorr(const float* x, int n, const float* y, int first, int count, double* out) {
  for (int k = 0; k < count; ++k) out[k] = Dot(x, y + first - k, n);
}

}  // namespace

XcorrFn XcorrSse41() { return Xcorr; }

}  // namespace candor::kernels
#endif  // CANDOR_X86
