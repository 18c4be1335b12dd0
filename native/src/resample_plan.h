// Per-axis resampling coefficients (Q14 fixed point) for bilinear and area.
#pragma once
#include <cstdint>
#include <vector>

#include "preprocess_core.h"

namespace candor {

// Output i reads source samples [start[i], start[i] + taps) with weights
// w[i * taps + k] >= 0 summing to exactly 1 << 14. start[i] + taps <= srcN.
struct Axis {
  int taps = 0;
  std::vector<int32_t> start;
  std::vector<int16_t> w;
};

void BuildAxis(int srcN, int dstN, Resample r, Axis* axis);

}  // namespace candor
