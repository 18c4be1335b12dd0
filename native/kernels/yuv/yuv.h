// One row of 4:2:0 YUV (NV12 or I420) to BGRX bytes, in integer fixed point
// (Q12 coefficients), identical in every ISA:
//   y' = (Y - yOffset) * cy
//   R = clamp((y' + crv * (V - 128) + 2048) >> 12)
//   G = clamp((y' + cgu * (U - 128) + cgv * (V - 128) + 2048) >> 12)
//   B = clamp((y' + cbu * (U - 128) + 2048) >> 12),  X = 255
// Chroma for pixel x is u[(x >> 1) * uvStep] (uvStep 2 for NV12's
// interleaved UV plane, 1 for I420's separate planes).
#pragma once
#include <cstdint>

#include "../simd.h"

namespace candor::kernels {

struct YuvCoeffs {
  int32_t yOffset, cy, crv, cgu, cgv, cbu;
};

using YuvRowFn = void (*)(const uint8_t* y, const uint8_t* u, const uint8_t* v, int uvStep, int width,
                          const YuvCoeffs& c, uint8_t* dst);

// The scalar conversion of one pixel: the reference all ISAs must match.
inline void YuvPixel(int yv, int uv, int vv, const YuvCoeffs& c, uint8_t* dst) {
  const int32_t yy = (yv - c.yOffset) * c.cy;
  const int32_t u = uv - 128, v = vv - 128;
  int32_t r = (yy + c.crv * v + 2048) >> 12;
  int32_t g = (yy + c.cgu * u + c.cgv * v + 2048) >> 12;
  int32_t b = (yy + c.cbu * u + 2048) >> 12;
  dst[0] = static_cast<uint8_t>(b < 0 ? 0 : (b > 255 ? 255 : b));
  dst[1] = static_cast<uint8_t>(g < 0 ? 0 : (g > 255 ? 255 : g));
  dst[2] = static_cast<uint8_t>(r < 0 ? 0 : (r > 255 ? 255 : r));
  dst[3] = 255;
}

YuvRowFn YuvRowScalar();
#if CANDOR_X86
YuvRowFn YuvRowSse41();
YuvRowFn YuvRowAvx2();
#endif
#if CANDOR_ARM64
YuvRowFn YuvRowNeon();
#endif

}  // namespace candor::kernels
