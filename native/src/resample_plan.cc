#include "resample_plan.h"

#include <algorithm>
#include <cmath>

#include "../kernels/resize/resize.h"

namespace candor {
namespace {

// Source samples [lo, lo + n) with real weights for one output sample.
struct Taps {
  int lo = 0;
  std::vector<double> w;
};

void BilinearTaps(int srcN, double inv, int d, Taps* t) {
  double s = (d + 0.5) * inv - 0.5;  // half-pixel centres, as OpenCV INTER_LINEAR
  int i0 = static_cast<int>(std::floor(s));
  double f = s - i0;
  if (i0 < 0) {
    i0 = 0;
    f = 0;
  }
  if (i0 >= srcN - 1) {
    i0 = srcN - 1;
    f = 0;
  }
  t->lo = i0;
  t->w.assign(1, 1.0 - f);
  if (i0 + 1 < srcN) t->w.push_back(f);
}

void AreaTaps(int srcN, double inv, int d, Taps* t) {
  const double a = d * inv;
  const double b = std::min((d + 1) * inv, static_cast<double>(srcN));
  const int lo = std::min(static_cast<int>(std::floor(a)), srcN - 1);
  const int hi = std::max(lo, std::min(static_cast<int>(std::ceil(b)) - 1, srcN - 1));
  t->lo = lo;
  t->w.clear();
  for (int i = lo; i <= hi; ++i) {
    const double ov = std::min(b, i + 1.0) - std::max(a, static_cast<double>(i));
    t->w.push_back(std::max(ov, 0.0) / (b - a));
  }
}

}  // namespace

void BuildAxis(int srcN, int dstN, Resample r, Axis* axis) {
  const double inv = static_cast<double>(srcN) / dstN;
  std::vector<Taps> all(static_cast<size_t>(dstN));
  int taps = 1;
  for (int d = 0; d < dstN; ++d) {
    if (r == Resample::kArea) {
      AreaTaps(srcN, inv, d, &all[d]);
    } else {
      BilinearTaps(srcN, inv, d, &all[d]);
    }
    taps = std::max(taps, static_cast<int>(all[d].w.size()));
  }
  taps = std::min(taps, srcN);
  axis->taps = taps;
  axis->start.assign(static_cast<size_t>(dstN), 0);
  axis->w.assign(static_cast<size_t>(dstN) * taps, 0);
  for (int d = 0; d < dstN; ++d) {
    const Taps& t = all[d];
    const int start = std::min(t.lo, srcN - taps);
    axis->start[d] = start;
    // Cumulative rounding: every weight >= 0 and the sum is exactly 1 << 14.
    double sum = 0;
    for (double v : t.w) sum += v;
    double cum = 0;
    int prev = 0;
    for (size_t k = 0; k < t.w.size(); ++k) {
      cum += t.w[k];
      const int q = (k + 1 == t.w.size()) ? kernels::kWeightOne
                                           : static_cast<int>(std::lround(cum / sum * kernels::kWeightOne));
      const int slot = t.lo + static_cast<int>(k) - start;
      axis->w[static_cast<size_t>(d) * taps + slot] = static_cast<int16_t>(q - prev);
      prev = q;
    }
  }
}

}  // namespace candor
