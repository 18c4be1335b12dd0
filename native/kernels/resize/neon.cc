// NEON resampling (arm64 only): one output pixel per register in hpass,
// four pixels per iteration in vpass (vld4q deinterleaves the channels).
#include "resize.h"

#if CANDOR_ARM64
#include <arm_neon.h>

namespace candor::kernels {
namespace {

void HPass4(const uint8_t* src, const int32_t* xofs, const int16_t* w, int taps, int outW, int32_t* dst) {
  const int pairs = taps / 2;
  for (int x = 0; x < outW; ++x) {
    const uint8_t* p = src + static_cast<ptrdiff_t>(xofs[x]) * 4;
    const int16_t* wx = w + static_cast<ptrdiff_t>(x) * taps;
    int32x4_t acc = vdupq_n_s32(0);
    for (int k = 0; k < pairs; ++k) {
      const int16x8_t px = vreinterpretq_s16_u16(vmovl_u8(vld1_u8(p + k * 8)));
      acc = vmlal_n_s16(acc, vget_low_s16(px), wx[2 * k]);
      acc = vmlal_n_s16(acc, vget_high_s16(px), wx[2 * k + 1]);
    }
    if (taps & 1) {
      const uint8_t* q = p + (taps - 1) * 4;
      const int16x4_t px = {static_cast<int16_t>(q[0]), static_cast<int16_t>(q[1]), static_cast<int16_t>(q[2]),
                            static_cast<int16_t>(q[3])};
      acc = vmlal_n_s16(acc, px, wx[taps - 1]);
    }
    acc = vshrq_n_s32(vaddq_s32(acc, vdupq_n_s32(32)), 6);
    vst1q_s32(dst + static_cast<ptrdiff_t>(x) * 4, acc);
  }
}

void VPass4(const int32_t* const* rows, const int16_t* wv, int taps, int outW, float* const* planes,
            const float* mean, const float* scale) {
  const int32x4_t round = vdupq_n_s32(8192);
  const float finv = 1.f / 256.f;
  int x = 0;
  for (; x + 4 <= outW; x += 4) {
    int32x4_t a0 = vdupq_n_s32(0), a1 = a0, a2 = a0;
    for (int k = 0; k < taps; ++k) {
      const int32x4x4_t r = vld4q_s32(rows[k] + x * 4);
      a0 = vmlaq_n_s32(a0, r.val[0], wv[k]);
      a1 = vmlaq_n_s32(a1, r.val[1], wv[k]);
      a2 = vmlaq_n_s32(a2, r.val[2], wv[k]);
    }
    const float32x4_t v0 = vmulq_n_f32(vcvtq_f32_s32(vshrq_n_s32(vaddq_s32(a0, round), 14)), finv);
    const float32x4_t v1 = vmulq_n_f32(vcvtq_f32_s32(vshrq_n_s32(vaddq_s32(a1, round), 14)), finv);
    const float32x4_t v2 = vmulq_n_f32(vcvtq_f32_s32(vshrq_n_s32(vaddq_s32(a2, round), 14)), finv);
    vst1q_f32(planes[0] + x, vmulq_n_f32(vsubq_f32(v0, vdupq_n_f32(mean[0])), scale[0]));
    vst1q_f32(planes[1] + x, vmulq_n_f32(vsubq_f32(v1, vdupq_n_f32(mean[1])), scale[1]));
    vst1q_f32(planes[2] + x, vmulq_n_f32(vsubq_f32(v2, vdupq_n_f32(mean[2])), scale[2]));
  }
  for (; x < outW; ++x) {
    for (int c = 0; c < 3; ++c) {
      int32_t acc = 0;
      for (int k = 0; k < taps; ++k) acc += rows[k][x * 4 + c] * static_cast<int32_t>(wv[k]);
      const float v = static_cast<float>((acc + 8192) >> 14) * finv;
      planes[c][x] = (v - mean[c]) * scale[c];
    }
  }
}

}  // namespace

const ResizeKernels& ResizeNeon() {
  static const ResizeKernels k{HPackIdentity, HPass4, VPass4};
  return k;
}

}  // namespace candor::kernels
#endif  // CANDOR_ARM64
