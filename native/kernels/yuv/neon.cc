// NEON YUV 4:2:0 row -> BGRX (arm64 only): eight pixels per iteration.
#include "yuv.h"

#if CANDOR_ARM64
#include <arm_neon.h>

namespace candor::kernels {
namespace {

inline void Convert4(int32x4_t y, int32x4_t u, int32x4_t v, const YuvCoeffs& c, int32x4_t& r, int32x4_t& g,
                     int32x4_t& b) {
  const int32x4_t round = vdupq_n_s32(2048);
  const int32x4_t yy = vmulq_n_s32(vsubq_s32(y, vdupq_n_s32(c.yOffset)), c.cy);
  const int32x4_t uu = vsubq_s32(u, vdupq_n_s32(128)), vv = vsubq_s32(v, vdupq_n_s32(128));
  r = vshrq_n_s32(vaddq_s32(vmlaq_n_s32(yy, vv, c.crv), round), 12);
  g = vshrq_n_s32(vaddq_s32(vmlaq_n_s32(vmlaq_n_s32(yy, uu, c.cgu), vv, c.cgv), round), 12);
  b = vshrq_n_s32(vaddq_s32(vmlaq_n_s32(yy, uu, c.cbu), round), 12);
}

inline int32x4_t Lo(uint8x8_t v) { return vreinterpretq_s32_u32(vmovl_u16(vget_low_u16(vmovl_u8(v)))); }
inline int32x4_t Hi(uint8x8_t v) { return vreinterpretq_s32_u32(vmovl_u16(vget_high_u16(vmovl_u8(v)))); }

inline uint8x8_t Clamp8(int32x4_t a, int32x4_t b) {
  return vqmovun_s16(vcombine_s16(vqmovn_s32(a), vqmovn_s32(b)));
}

void Row(const uint8_t* y, const uint8_t* u, const uint8_t* v, int uvStep, int width, const YuvCoeffs& c,
         uint8_t* dst) {
  int x = 0;
  for (; x + 8 <= width; x += 8) {
    const int ci = (x >> 1) * uvStep;
    uint8x8_t u8, v8;
    if (uvStep == 2) {
      const uint8x8_t uv = vld1_u8(u + ci);            // u0 v0 u1 v1 u2 v2 u3 v3
      const uint8x8x2_t split = vuzp_u8(uv, uv);       // [u0..u3 u0..u3], [v0..v3 v0..v3]
      u8 = vzip_u8(split.val[0], split.val[0]).val[0];  // u0 u0 u1 u1 u2 u2 u3 u3
      v8 = vzip_u8(split.val[1], split.val[1]).val[0];
    } else {
      uint8_t ub[8] = {u[ci], u[ci], u[ci + 1], u[ci + 1], u[ci + 2], u[ci + 2], u[ci + 3], u[ci + 3]};
      uint8_t vb[8] = {v[ci], v[ci], v[ci + 1], v[ci + 1], v[ci + 2], v[ci + 2], v[ci + 3], v[ci + 3]};
      u8 = vld1_u8(ub);
      v8 = vld1_u8(vb);
    }
    const uint8x8_t y8 = vld1_u8(y + x);
    int32x4_t r0, g0, b0, r1, g1, b1;
    Convert4(Lo(y8), Lo(u8), Lo(v8), c, r0, g0, b0);
    Convert4(Hi(y8), Hi(u8), Hi(v8), c, r1, g1, b1);
    uint8x8x4_t out;
    out.val[0] = Clamp8(b0, b1);
    out.val[1] = Clamp8(g0, g1);
    out.val[2] = Clamp8(r0, r1);
    out.val[3] = vdup_n_u8(255);
    vst4_u8(dst + x * 4, out);
  }
  for (; x < width; ++x) {
    const int ci = (x >> 1) * uvStep;
    YuvPixel(y[x], u[ci], v[ci], c, dst + x * 4);
  }
}

}  // namespace

YuvRowFn YuvRowNeon() { return Row; }

}  // namespace candor::kernels
#endif  // CANDOR_ARM64
