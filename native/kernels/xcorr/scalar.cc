// Reference cross-correlation: DotOne at every lag.
#include "xcorr.h"

namespace candor::kernels {
namespace {

void Xcorr(const float* x, int n, const float* y, int first, int count, double* out) {
  for (int k = 0; k < count; ++k) out[k] = DotOne(x, y + first - k, n);
}

}  // namespace

XcorrFn XcorrScalar() { return Xcorr; }

}  // namespace candor::kernels
