// Reference YUV 4:2:0 row -> BGRX conversion.
#include "yuv.h"

namespace candor::kernels {
namespace {

void Row(const uint8_t* y, const uint8_t* u, const uint8_t* v, int uvStep, int width, const YuvCoeffs& c,
         uint8_t* dst) {
  for (int x = 0; x < width; ++x) {
    const int ci = (x >> 1) * uvStep;
    YuvPixel(y[x], u[ci], v[ci], c, dst + x * 4);
  }
}

}  // namespace

YuvRowFn YuvRowScalar() { return Row; }

}  // namespace candor::kernels
