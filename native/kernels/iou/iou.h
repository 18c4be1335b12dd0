// The inner loop of greedy NMS: marks every box j in [from, n) whose IoU with
// the kept box b exceeds the threshold. Boxes are structure-of-arrays
// (x1, y1, x2, y2, area). Suppression test, identical in every ISA:
//   iw = max(0, min(bx2, x2) - max(bx1, x1)), ih likewise, inter = iw * ih
//   removed[j] |= inter > thr * (barea + area[j] - inter)
// with max(a, b) = a > b ? a : b and min(a, b) = a < b ? a : b (the SSE
// semantics), so a zero-area pair never suppresses.
#pragma once
#include <cstdint>

#include "../simd.h"

namespace candor::kernels {

struct BoxSoA {
  const float* x1;
  const float* y1;
  const float* x2;
  const float* y2;
  const float* area;
};

struct Box {
  float x1, y1, x2, y2, area;
};

using SuppressFn = void (*)(const BoxSoA& boxes, const Box& b, float thr, int from, int n, uint8_t* removed);

inline bool SuppressOne(const BoxSoA& s, const Box& b, float thr, int j) {
  const float lx = b.x1 > s.x1[j] ? b.x1 : s.x1[j];
  const float ly = b.y1 > s.y1[j] ? b.y1 : s.y1[j];
  const float rx = b.x2 < s.x2[j] ? b.x2 : s.x2[j];
  const float ry = b.y2 < s.y2[j] ? b.y2 : s.y2[j];
  const float dw = rx - lx, dh = ry - ly;
  const float iw = dw > 0.f ? dw : 0.f;
  const float ih = dh > 0.f ? dh : 0.f;
  const float inter = iw * ih;
  const float uni = (b.area + s.area[j]) - inter;
  return inter > thr * uni;
}

SuppressFn SuppressScalar();
#if CANDOR_X86
SuppressFn SuppressSse41();
SuppressFn SuppressAvx2();
#endif
#if CANDOR_ARM64
SuppressFn SuppressNeon();
#endif

}  // namespace candor::kernels
