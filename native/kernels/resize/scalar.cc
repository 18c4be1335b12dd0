// Reference resampling kernels: the definition every SIMD path must match.
#include "resize.h"

namespace candor::kernels {
namespace {

void HPass4(const uint8_t* src, const int32_t* xofs, const int16_t* w, int taps, int outW, int32_t* dst) {
  for (int x = 0; x < outW; ++x) {
    const uint8_t* p = src + static_cast<ptrdiff_t>(xofs[x]) * 4;
    const int16_t* wx = w + static_cast<ptrdiff_t>(x) * taps;
    int32_t a0 = 0, a1 = 0, a2 = 0, a3 = 0;
    for (int k = 0; k < taps; ++k) {
      const int32_t wk = wx[k];
      a0 += p[k * 4 + 0] * wk;
      a1 += p[k * 4 + 1] * wk;
      a2 += p[k * 4 + 2] * wk;
      a3 += p[k * 4 + 3] * wk;
    }
    int32_t* d = dst + static_cast<ptrdiff_t>(x) * 4;
    d[0] = (a0 + 32) >> 6;
    d[1] = (a1 + 32) >> 6;
    d[2] = (a2 + 32) >> 6;
    d[3] = (a3 + 32) >> 6;
  }
}

void VPass4(const int32_t* const* rows, const int16_t* wv, int taps, int outW, float* const* planes,
            const float* mean, const float* scale) {
  const float inv = 1.f / 256.f;
  for (int x = 0; x < outW; ++x) {
    for (int c = 0; c < 3; ++c) {
      int32_t acc = 0;
      for (int k = 0; k < taps; ++k) acc += rows[k][x * 4 + c] * static_cast<int32_t>(wv[k]);
      const int32_t q = (acc + 8192) >> 14;
      const float v = static_cast<float>(q) * inv;
      planes[c][x] = (v - mean[c]) * scale[c];
    }
  }
}

}  // namespace

void HPackIdentity(const int16_t* w, int taps, int outW, std::vector<int16_t>* packed) {
  packed->assign(w, w + static_cast<ptrdiff_t>(taps) * outW);
}

const ResizeKernels& ResizeScalar() {
  static const ResizeKernels k{HPackIdentity, HPass4, VPass4};
  return k;
}

}  // namespace candor::kernels
