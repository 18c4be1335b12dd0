// NEON NMS suppression (arm64 only): four candidate boxes per iteration.
#include "iou.h"

#if CANDOR_ARM64
#include <arm_neon.h>

namespace candor::kernels {
namespace {

void Suppress(const BoxSoA& s, const Box& b, float thr, int from, int n, uint8_t* removed) {
  const float32x4_t bx1 = vdupq_n_f32(b.x1), by1 = vdupq_n_f32(b.y1), bx2 = vdupq_n_f32(b.x2);
  const float32x4_t by2 = vdupq_n_f32(b.y2), barea = vdupq_n_f32(b.area), zero = vdupq_n_f32(0.f);
  int j = from;
  for (; j + 4 <= n; j += 4) {
    // Same NaN-free semantics as the scalar ternaries for finite input.
    const float32x4_t lx = vmaxq_f32(bx1, vld1q_f32(s.x1 + j));
    const float32x4_t ly = vmaxq_f32(by1, vld1q_f32(s.y1 + j));
    const float32x4_t rx = vminq_f32(bx2, vld1q_f32(s.x2 + j));
    const float32x4_t ry = vminq_f32(by2, vld1q_f32(s.y2 + j));
    const float32x4_t inter = vmulq_f32(vmaxq_f32(vsubq_f32(rx, lx), zero), vmaxq_f32(vsubq_f32(ry, ly), zero));
    const float32x4_t uni = vsubq_f32(vaddq_f32(barea, vld1q_f32(s.area + j)), inter);
    const uint32x4_t gt = vcgtq_f32(inter, vmulq_n_f32(uni, thr));
    if (vmaxvq_u32(gt)) {
      uint32_t m[4];
      vst1q_u32(m, gt);
      for (int k = 0; k < 4; ++k) removed[j + k] |= static_cast<uint8_t>(m[k] & 1);
    }
  }
  for (; j < n; ++j) {
    if (!removed[j] && SuppressOne(s, b, thr, j)) removed[j] = 1;
  }
}

}  // namespace

SuppressFn SuppressNeon() { return Suppress; }

}  // namespace candor::kernels
#endif  // CANDOR_ARM64
