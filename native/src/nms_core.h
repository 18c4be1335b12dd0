// Greedy non-maximum suppression (plain C++), as OpenCV's dnn::NMSBoxes with
// eta = 1: candidates with score >= scoreThr, sorted by score (descending,
// ties by index), cut to topK; a candidate is kept unless a kept box with a
// higher rank overlaps it with IoU > iouThr.
#pragma once
#include <cstdint>

#include "../kernels/iou/iou.h"

namespace candor {

// boxes: n * 4 floats (x, y, w, h). Writes the kept indices (into boxes) to
// keep, best first, at most maxKeep. Returns how many were written.
int RunNms(const float* boxes, const float* scores, int n, float scoreThr, float iouThr, int topK, int maxKeep,
           int32_t* keep, kernels::SuppressFn suppress);

}  // namespace candor
