// NEON cross-correlation: sums 0-1 and 2-3 of DotOne in two float64x2 registers.
#include "xcorr.h"

#if CANDOR_ARM64
#include <arm_neon.h>

namespace candor::kernels {
namespace {

double Dot(const float* x, const float* y, int n) {
  float64x2_t lo = vdupq_n_f64(0), hi = vdupq_n_f64(0);
  int i = 0;
  for (; i + 4 <= n; i += 4) {
    const float32x4_t a = vld1q_f32(x + i), b = vld1q_f32(y + i);
    lo = vaddq_f64(lo, vmulq_f64(vcvt_f64_f32(vget_low_f32(a)), vcvt_f64_f32(vget_low_f32(b))));
    hi = vaddq_f64(hi, vmulq_f64(vcvt_high_f64_f32(a), vcvt_high_f64_f32(b)));
  }
  double s[4];
  vst1q_f64(s, lo);
  vst1q_f64(s + 2, hi);
  for (int j = 0; i < n; ++i, ++j) s[j] += static_cast<double>(x[i]) * static_cast<double>(y[i]);
  return (s[0] + s[1]) + (s[2] + s[3]);
}

void Xcorr(const float* x, int n, const float* y, int first, int count, double* out) {
  for (int k = 0; k < count; ++k) out[k] = Dot(x, y + first - k, n);
}

}  // namespace

XcorrFn XcorrNeon() { return Xcorr; }

}  // namespace candor::kernels
#endif  // CANDOR_ARM64
