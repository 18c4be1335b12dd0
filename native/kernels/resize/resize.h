// Separable fixed-point resampling of 4-channel rows (BGRA, RGBA, or BGRX
// converted from YUV) into planar float32.
//
// Fixed point, identical in every ISA so all paths are bit-exact:
//   weights are Q14 (each output's weights sum to exactly 1 << 14);
//   hpass: acc = sum(src_u8 * w) (Q14), stored as (acc + 32) >> 6  (Q8);
//   vpass: acc = sum(row_q8 * w) (Q22), q = (acc + 8192) >> 14   (Q8);
//          out = ((float)q * (1 / 256.f) - mean[c]) * scale[c]
// All weights are >= 0, so every sum fits in int32 (max 65280 << 14).
#pragma once
#include <cstddef>
#include <cstdint>
#include <vector>

#include "../simd.h"

namespace candor::kernels {

constexpr int kWeightBits = 14;
constexpr int kWeightOne = 1 << kWeightBits;

// Lays out horizontal weights (outW * taps Q14 values, output-major as in
// resample_plan's Axis) the way this ISA's hpass4 reads them. Done once per
// geometry (the plan keeps the result), never per frame.
using HPackFn = void (*)(const int16_t* w, int taps, int outW, std::vector<int16_t>* packed);

// For output columns x in [0, outW): reads src pixels [xofs[x], xofs[x] + taps)
// (4 bytes each) with weights w[x * taps + k] (as laid out by the same ISA's
// hpack); writes dst[x * 4 + c] (Q8).
// The caller guarantees xofs[x] + taps <= source width.
using HPass4Fn = void (*)(const uint8_t* src, const int32_t* xofs, const int16_t* packedW, int taps, int outW,
                          int32_t* dst);

// rows[k] (k < taps) are hpass outputs (outW * 4 int32); wv[k] their Q14
// weights. Writes channels 0..2 to planes[c][x] for x in [0, outW).
using VPass4Fn = void (*)(const int32_t* const* rows, const int16_t* wv, int taps, int outW, float* const* planes,
                          const float* mean, const float* scale);

struct ResizeKernels {
  HPackFn hpack;
  HPass4Fn hpass4;
  VPass4Fn vpass4;
};

// hpack for kernels that read the weights output-major, unchanged.
void HPackIdentity(const int16_t* w, int taps, int outW, std::vector<int16_t>* packed);

const ResizeKernels& ResizeScalar();
#if CANDOR_X86
const ResizeKernels& ResizeSse41();
const ResizeKernels& ResizeAvx2();
#endif
#if CANDOR_ARM64
const ResizeKernels& ResizeNeon();
#endif

}  // namespace candor::kernels
