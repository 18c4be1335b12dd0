// SSE4.1 NMS suppression: four candidate boxes per iteration.
#include "iou.h"

#if CANDOR_X86
#include <immintrin.h>

namespace candor::kernels {
namespace {

CANDOR_TARGET_SSE41 void Suppress(const BoxSoA& s, const Box& b, float thr, int from, int n, uint8_t* removed) {
  const __m128 bx1 = _mm_set1_ps(b.x1), by1 = _mm_set1_ps(b.y1), bx2 = _mm_set1_ps(b.x2), by2 = _mm_set1_ps(b.y2);
  const __m128 barea = _mm_set1_ps(b.area), t = _mm_set1_ps(thr), zero = _mm_setzero_ps();
  int j = from;
  for (; j + 4 <= n; j += 4) {
    const __m128 lx = _mm_max_ps(bx1, _mm_loadu_ps(s.x1 + j));
    const __m128 ly = _mm_max_ps(by1, _mm_loadu_ps(s.y1 + j));
    const __m128 rx = _mm_min_ps(bx2, _mm_loadu_ps(s.x2 + j));
    const __m128 ry = _mm_min_ps(by2, _mm_loadu_ps(s.y2 + j));
    const __m128 inter = _mm_mul_ps(_mm_max_ps(_mm_sub_ps(rx, lx), zero), _mm_max_ps(_mm_sub_ps(ry, ly), zero));
    const __m128 uni = _mm_sub_ps(_mm_add_ps(barea, _mm_loadu_ps(s.area + j)), inter);
    const int mask = _mm_movemask_ps(_mm_cmpgt_ps(inter, _mm_mul_ps(t, uni)));
    if (mask) {
      for (int k = 0; k < 4; ++k) removed[j + k] |= static_cast<uint8_t>((mask >> k) & 1);
    }
  }
  for (; j < n; ++j) {
    if (!removed[j] && SuppressOne(s, b, thr, j)) removed[j] = 1;
  }
}

}  // namespace

SuppressFn SuppressSse41() { return Suppress; }

}  // namespace candor::kernels
#endif  // CANDOR_X86
