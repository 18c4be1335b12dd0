// Cross-correlation of a frame with a longer signal at consecutive lags:
//   out[k] = sum over i < n of x[i] * y[first - k + i],  k = 0 .. count-1
// Products are taken in double (exact for float inputs) and summed in four
// interleaved double sums, lane j taking i = j mod 4, combined as
// (s0 + s1) + (s2 + s3): the same additions in the same order in every ISA,
// so every level gives the same bits (native/test/kernel_harness.cc).
// Used by the bleed test (src-main/engine/bleed/bleed-detector.ts).
#pragma once
#include "../simd.h"

namespace candor::kernels {

using XcorrFn = void (*)(const float* x, int n, const float* y, int first, int count, double* out);

/** One lag in the shared order: the scalar definition every ISA reproduces. */
inline double DotOne(const float* x, const float* y, int n) {
  double s[4] = {0, 0, 0, 0};
  int i = 0;
  for (; i + 4 <= n; i += 4) {
    for (int j = 0; j < 4; ++j) s[j] += static_cast<double>(x[i + j]) * static_cast<double>(y[i + j]);
  }
  for (int j = 0; i < n; ++i, ++j) s[j] += static_cast<double>(x[i]) * static_cast<double>(y[i]);
  return (s[0] + s[1]) + (s[2] + s[3]);
}

XcorrFn XcorrScalar();
#if CANDOR_X86
XcorrFn XcorrSse41();
XcorrFn XcorrAvx2();
#endif
#if CANDOR_ARM64
XcorrFn XcorrNeon();
#endif

}  // namespace candor::kernels
