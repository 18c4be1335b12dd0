// Convert + resize + normalise a frame into planar float32 (N=1, C=3, H, W).
// Plain C++ (no N-API): preprocess.cc copies the JS arguments into
// PreprocessArgs and calls RunPreprocess.
#pragma once
#include <cstdint>

#include "../kernels/simd.h"

namespace candor {

enum class PixelFormat : int { kBgra = 0, kRgba = 1, kNv12 = 2, kI420 = 3 };
enum class Resample : int { kBilinear = 0, kArea = 1 };

struct PreprocessArgs {
  PixelFormat format = PixelFormat::kBgra;
  int width = 0, height = 0;
  const uint8_t* plane[3] = {nullptr, nullptr, nullptr};
  int64_t stride[3] = {0, 0, 0};
  int dstW = 0, dstH = 0;
  bool rgbOut = false;    // output channel order RGB (else BGR)
  bool letterbox = true;  // keep aspect and pad (else stretch)
  bool center = true;     // letterbox content centred (else top-left)
  Resample resample = Resample::kBilinear;
  float mean[3] = {0, 0, 0}, scale[3] = {1, 1, 1}, pad[3] = {0, 0, 0};  // output channel order
  bool bt709 = false;      // YUV matrix (else BT.601)
  bool fullRange = false;  // YUV range (else limited 16..235)
  float* out = nullptr;    // 3 * dstW * dstH floats
};

// Where the source landed in the output: xOut = offsetX + xSrc * scaleX.
struct Geometry {
  double scaleX = 1, scaleY = 1;
  int offsetX = 0, offsetY = 0, contentW = 0, contentH = 0;
};

Geometry ComputeGeometry(const PreprocessArgs& a);
Geometry RunPreprocess(const PreprocessArgs& a, SimdLevel level);

}  // namespace candor
