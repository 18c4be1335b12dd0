#include "nms_core.h"

#include <algorithm>
#include <vector>

namespace candor {
namespace {

struct Scratch {  // reused between calls: no allocation once warm
  std::vector<int32_t> order;
  std::vector<float> x1, y1, x2, y2, area;
  std::vector<uint8_t> removed;
};

}  // namespace

int RunNms(const float* boxes, const float* scores, int n, float scoreThr, float iouThr, int topK, int maxKeep,
           int32_t* keep, kernels::SuppressFn suppress) {
  thread_local Scratch s;
  s.order.clear();
  for (int i = 0; i < n; ++i) {
    if (scores[i] >= scoreThr) s.order.push_back(i);  // NaN never passes, so the sort sees no NaN
  }
  std::stable_sort(s.order.begin(), s.order.end(), [scores](int32_t a, int32_t b) { return scores[a] > scores[b]; });
  const int m = std::min(static_cast<int>(s.order.size()), std::max(topK, 0));
  s.x1.resize(m);
  s.y1.resize(m);
  s.x2.resize(m);
  s.y2.resize(m);
  s.area.resize(m);
  s.removed.assign(static_cast<size_t>(m), 0);
  for (int j = 0; j < m; ++j) {
    const float* b = boxes + static_cast<size_t>(s.order[j]) * 4;
    s.x1[j] = b[0];
    s.y1[j] = b[1];
    s.x2[j] = b[0] + b[2];
    s.y2[j] = b[1] + b[3];
    s.area[j] = b[2] * b[3];
  }
  const kernels::BoxSoA soa{s.x1.data(), s.y1.data(), s.x2.data(), s.y2.data(), s.area.data()};
  int kept = 0;
  for (int i = 0; i < m && kept < maxKeep; ++i) {
    if (s.removed[i]) continue;
    keep[kept++] = s.order[i];
    const kernels::Box b{s.x1[i], s.y1[i], s.x2[i], s.y2[i], s.area[i]};
    suppress(soa, b, iouThr, i + 1, m, s.removed.data());
  }
  return kept;
}

}  // namespace candor
