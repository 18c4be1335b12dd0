// YuNet output decoding (plain C++), as OpenCV's FaceDetectorYN::postProcess
// for the cls/obj/bbox/kps models: for stride s in {8, 16, 32} and grid cell
// (r, c) of the (inH / s) x (inW / s) grid, index i = r * cols + c:
//   score = sqrt(clamp01(cls[i]) * clamp01(obj[i]))          (kept if >= thr)
//   cx = (c + bbox[4i]) * s, cy = (r + bbox[4i+1]) * s
//   w = exp(bbox[4i+2]) * s, h = exp(bbox[4i+3]) * s, box = (cx - w/2, cy - h/2, w, h)
//   landmark n = ((kps[10i+2n] + c) * s, (kps[10i+2n+1] + r) * s)
// then NMS, then mapping to source pixels: xSrc = (x - offsetX) / scaleX.
#pragma once
#include <cstdint>

#include "../kernels/iou/iou.h"

namespace candor {

constexpr int kFaceFloats = 15;  // x, y, w, h, 5 x (x, y) landmarks, score

struct YunetArgs {
  // Index 0, 1, 2 = stride 8, 16, 32.
  const float* cls[3];
  const float* obj[3];
  const float* bbox[3];
  const float* kps[3];
  int inW = 0, inH = 0;  // model input size, multiples of 32
  float scoreThr = 0.6f, nmsThr = 0.3f;
  int topK = 5000;
  double scaleX = 1, scaleY = 1, offsetX = 0, offsetY = 0;
  int maxFaces = 0;
  float* out = nullptr;  // maxFaces * kFaceFloats
};

int DecodeYunet(const YunetArgs& a, kernels::SuppressFn suppress);

}  // namespace candor
