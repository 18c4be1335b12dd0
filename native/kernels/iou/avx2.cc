// AVX2 NMS suppression: eight candidate boxes per iteration.
#include "iou.h"

#if CANDOR_X86
#include <immintrin.h>

namespace candor::kernels {
namespace {

CANDOR_TARGET_AVX2 void Suppress(const BoxSoA& s, const Box& b, float thr, int from, int n, uint8_t* removed) {
  const __m256 bx1 = _mm256_set1_ps(b.x1), by1 = _mm256_set1_ps(b.y1);
  const __m256 bx2 = _mm256_set1_ps(b.x2), by2 = _mm256_set1_ps(b.y2);
  const __m256 barea = _mm256_set1_ps(b.area), t = _mm256_set1_ps(thr), zero = _mm256_setzero_ps();
  int j = from;
  for (; j + 8 <= n; j += 8) {
    const __m256 lx = _mm256_max_ps(bx1, _mm256_loadu_ps(s.x1 + j));
    const __m256 ly = _mm256_max_ps(by1, _mm256_loadu_ps(s.y1 + j));
    const __m256 rx = _mm256_min_ps(bx2, _mm256_loadu_ps(s.x2 + j));
    const __m256 ry = _mm256_min_ps(by2, _mm256_loadu_ps(s.y2 + j));
    const __m256 inter =
        _mm256_mul_ps(_mm256_max_ps(_mm256_sub_ps(rx, lx), zero), _mm256_max_ps(_mm256_sub_ps(ry, ly), zero));
    const __m256 uni = _mm256_sub_ps(_mm256_add_ps(barea, _mm256_loadu_ps(s.area + j)), inter);
    const int mask = _mm256_movemask_ps(_mm256_cmp_ps(inter, _mm256_mul_ps(t, uni), _CMP_GT_OQ));
    if (mask) {
      for (int k = 0; k < 8; ++k) removed[j + k] |= static_cast<uint8_t>((mask >> k) & 1);
    }
  }
  for (; j < n; ++j) {
    if (!removed[j] && SuppressOne(s, b, thr, j)) removed[j] = 1;
  }
}

}  // namespace

SuppressFn SuppressAvx2() { return Suppress; }

}  // namespace candor::kernels
#endif  // CANDOR_X86
