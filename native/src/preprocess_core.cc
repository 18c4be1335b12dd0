#include "preprocess_core.h"

#include <algorithm>
#include <cmath>
#include <vector>

#include "dispatch.h"
#include "resample_plan.h"

namespace candor {
namespace {

// Reused between frames of the same geometry: no allocation per frame once
// warm. One per thread (calls run on the JS thread).
struct Plan {
  int srcW = -1, srcH = -1, cw = -1, ch = -1;
  Resample resample = Resample::kBilinear;
  Axis x, y;
  const kernels::ResizeKernels* packedFor = nullptr;  // whose hpack laid out xw
  std::vector<int16_t> xw;                           // x.w as packedFor->hpass4 reads it
  std::vector<int32_t> ring;       // y.taps rows of cw * 4 int32
  std::vector<int> ringRow;        // which source row each slot holds
  std::vector<uint8_t> bgrx;       // one converted YUV row
  std::vector<const int32_t*> rows;
};

Plan& PlanFor(int srcW, int srcH, int cw, int ch, Resample r, const kernels::ResizeKernels& k) {
  thread_local Plan p;
  if (p.srcW != srcW || p.srcH != srcH || p.cw != cw || p.ch != ch || p.resample != r) {
    p.srcW = srcW;
    p.srcH = srcH;
    p.cw = cw;
    p.ch = ch;
    p.resample = r;
    BuildAxis(srcW, cw, r, &p.x);
    BuildAxis(srcH, ch, r, &p.y);
    p.ring.assign(static_cast<size_t>(p.y.taps) * cw * 4, 0);
    p.ringRow.assign(static_cast<size_t>(p.y.taps), -1);
    p.bgrx.assign(static_cast<size_t>(srcW) * 4, 0);
    p.rows.assign(static_cast<size_t>(p.y.taps), nullptr);
    p.packedFor = nullptr;
  }
  if (p.packedFor != &k) {  // new geometry or another SIMD level
    k.hpack(p.x.w.data(), p.x.taps, cw, &p.xw);
    p.packedFor = &k;
  }
  return p;
}

kernels::YuvCoeffs Coeffs(bool bt709, bool full) {
  const double kr = bt709 ? 0.2126 : 0.299, kb = bt709 ? 0.0722 : 0.114, kg = 1.0 - kr - kb;
  const double ys = full ? 1.0 : 255.0 / 219.0, cs = full ? 1.0 : 255.0 / 224.0;
  auto q = [](double v) { return static_cast<int32_t>(std::lround(v * 4096.0)); };
  return kernels::YuvCoeffs{full ? 0 : 16,
                            q(ys),
                            q(2.0 * (1.0 - kr) * cs),
                            q(-2.0 * (1.0 - kb) * kb / kg * cs),
                            q(-2.0 * (1.0 - kr) * kr / kg * cs),
                            q(2.0 * (1.0 - kb) * cs)};
}

// One source row as 4 interleaved bytes per pixel (BGRA, RGBA or BGRX).
const uint8_t* SourceRow(const PreprocessArgs& a, int r, kernels::YuvRowFn yuv, const kernels::YuvCoeffs& c,
                         uint8_t* scratch) {
  const uint8_t* y = a.plane[0] + a.stride[0] * r;
  switch (a.format) {
    case PixelFormat::kNv12: {
      const uint8_t* uv = a.plane[1] + a.stride[1] * (r >> 1);
      yuv(y, uv, uv + 1, 2, a.width, c, scratch);
      return scratch;
    }
    case PixelFormat::kI420:
      yuv(y, a.plane[1] + a.stride[1] * (r >> 1), a.plane[2] + a.stride[2] * (r >> 1), 1, a.width, c, scratch);
      return scratch;
    default:
      return y;
  }
}

void FillRow(float* p, int n, float v) { std::fill(p, p + n, v); }

}  // namespace

Geometry ComputeGeometry(const PreprocessArgs& a) {
  Geometry g;
  if (a.letterbox) {
    const double s = std::min(static_cast<double>(a.dstW) / a.width, static_cast<double>(a.dstH) / a.height);
    g.contentW = static_cast<int>(std::clamp<long>(std::lround(a.width * s), 1L, static_cast<long>(a.dstW)));
    g.contentH = static_cast<int>(std::clamp<long>(std::lround(a.height * s), 1L, static_cast<long>(a.dstH)));
    g.offsetX = a.center ? (a.dstW - g.contentW) / 2 : 0;
    g.offsetY = a.center ? (a.dstH - g.contentH) / 2 : 0;
  } else {
    g.contentW = a.dstW;
    g.contentH = a.dstH;
  }
  g.scaleX = static_cast<double>(g.contentW) / a.width;
  g.scaleY = static_cast<double>(g.contentH) / a.height;
  return g;
}

Geometry RunPreprocess(const PreprocessArgs& a, SimdLevel level) {
  const Geometry g = ComputeGeometry(a);
  const kernels::ResizeKernels& k = ResizeFor(level);
  const kernels::YuvRowFn yuv = YuvRowFor(level);
  const kernels::YuvCoeffs coeffs = Coeffs(a.bt709, a.fullRange);
  Plan& p = PlanFor(a.width, a.height, g.contentW, g.contentH, a.resample, k);
  std::fill(p.ringRow.begin(), p.ringRow.end(), -1);  // new frame: nothing cached

  // Source channel c (0..2 of BGRA/BGRX or RGBA) -> output plane.
  const bool bgrSource = a.format != PixelFormat::kRgba;
  const size_t planeSize = static_cast<size_t>(a.dstW) * a.dstH;
  float mean[3], scale[3], padOut[3];
  int planeOf[3];
  for (int c = 0; c < 3; ++c) {
    planeOf[c] = (bgrSource != a.rgbOut) ? c : 2 - c;
    mean[c] = a.mean[planeOf[c]];
    scale[c] = a.scale[planeOf[c]];
  }
  for (int pl = 0; pl < 3; ++pl) padOut[pl] = (a.pad[pl] - a.mean[pl]) * a.scale[pl];

  for (int pl = 0; pl < 3; ++pl) {  // letterbox bands above and below
    float* base = a.out + planeSize * pl;
    FillRow(base, a.dstW * g.offsetY, padOut[pl]);
    const int below = g.offsetY + g.contentH;
    FillRow(base + static_cast<size_t>(below) * a.dstW, a.dstW * (a.dstH - below), padOut[pl]);
  }

  const int ty = p.y.taps;
  const size_t rowInts = static_cast<size_t>(g.contentW) * 4;
  for (int oy = 0; oy < g.contentH; ++oy) {
    const int ys = p.y.start[oy];
    for (int t = 0; t < ty; ++t) {
      const int r = ys + t;
      const int slot = r % ty;
      int32_t* dst = p.ring.data() + rowInts * slot;
      if (p.ringRow[slot] != r) {
        k.hpass4(SourceRow(a, r, yuv, coeffs, p.bgrx.data()), p.x.start.data(), p.xw.data(), p.x.taps,
                 g.contentW, dst);
        p.ringRow[slot] = r;
      }
      p.rows[t] = dst;
    }
    const size_t rowOff = static_cast<size_t>(g.offsetY + oy) * a.dstW;
    float* planes[3];
    for (int c = 0; c < 3; ++c) planes[c] = a.out + planeSize * planeOf[c] + rowOff + g.offsetX;
    k.vpass4(p.rows.data(), p.y.w.data() + static_cast<size_t>(oy) * ty, ty, g.contentW, planes, mean, scale);
    for (int pl = 0; pl < 3; ++pl) {  // letterbox bands left and right
      float* row = a.out + planeSize * pl + rowOff;
      FillRow(row, g.offsetX, padOut[pl]);
      FillRow(row + g.offsetX + g.contentW, a.dstW - g.offsetX - g.contentW, padOut[pl]);
    }
  }
  return g;
}

}  // namespace candor
