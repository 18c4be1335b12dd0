#include "yunet_core.h"

#include <algorithm>
#include <cmath>
#include <vector>

#include "nms_core.h"

namespace candor {
namespace {

inline float Clamp01(float v) { return std::min(std::max(v, 0.f), 1.f); }

struct Scratch {
  std::vector<float> faces;  // kFaceFloats per candidate
  std::vector<float> boxes, scores;
  std::vector<int32_t> keep;
};

}  // namespace

int DecodeYunet(const YunetArgs& a, kernels::SuppressFn suppress) {
  thread_local Scratch s;
  s.faces.clear();
  static const int kStrides[3] = {8, 16, 32};
  for (int si = 0; si < 3; ++si) {
    const int st = kStrides[si], cols = a.inW / st, rows = a.inH / st;
    const float *cls = a.cls[si], *obj = a.obj[si], *bbox = a.bbox[si], *kps = a.kps[si];
    for (int r = 0; r < rows; ++r) {
      for (int c = 0; c < cols; ++c) {
        const size_t i = static_cast<size_t>(r) * cols + c;
        const float score = std::sqrt(Clamp01(cls[i]) * Clamp01(obj[i]));
        if (!(score >= a.scoreThr)) continue;
        const float* b = bbox + i * 4;
        const float cx = (c + b[0]) * st, cy = (r + b[1]) * st;
        const float w = std::exp(b[2]) * st, h = std::exp(b[3]) * st;
        s.faces.insert(s.faces.end(), {cx - w / 2.f, cy - h / 2.f, w, h});
        const float* k = kps + i * 10;
        for (int n = 0; n < 5; ++n) {
          s.faces.push_back((k[2 * n] + c) * st);
          s.faces.push_back((k[2 * n + 1] + r) * st);
        }
        s.faces.push_back(score);
      }
    }
  }
  const int n = static_cast<int>(s.faces.size() / kFaceFloats);
  s.boxes.resize(static_cast<size_t>(n) * 4);
  s.scores.resize(n);
  for (int i = 0; i < n; ++i) {
    std::copy_n(s.faces.data() + static_cast<size_t>(i) * kFaceFloats, 4, s.boxes.data() + static_cast<size_t>(i) * 4);
    s.scores[i] = s.faces[static_cast<size_t>(i) * kFaceFloats + 14];
  }
  s.keep.resize(std::max(a.maxFaces, 0));
  const int kept =
      RunNms(s.boxes.data(), s.scores.data(), n, a.scoreThr, a.nmsThr, a.topK, a.maxFaces, s.keep.data(), suppress);
  const float sx = static_cast<float>(1.0 / a.scaleX), sy = static_cast<float>(1.0 / a.scaleY);
  const float ox = static_cast<float>(a.offsetX), oy = static_cast<float>(a.offsetY);
  for (int j = 0; j < kept; ++j) {
    const float* f = s.faces.data() + static_cast<size_t>(s.keep[j]) * kFaceFloats;
    float* o = a.out + static_cast<size_t>(j) * kFaceFloats;
    o[0] = (f[0] - ox) * sx;
    o[1] = (f[1] - oy) * sy;
    o[2] = f[2] * sx;
    o[3] = f[3] * sy;
    for (int n2 = 0; n2 < 5; ++n2) {
      o[4 + 2 * n2] = (f[4 + 2 * n2] - ox) * sx;
      o[5 + 2 * n2] = (f[5 + 2 * n2] - oy) * sy;
    }
    o[14] = f[14];
  }
  return kept;
}

}  // namespace candor
