// Reference NMS suppression loop.
#include "iou.h"

namespace candor::kernels {
namespace {

void Suppress(const BoxSoA& s, const Box& b, float thr, int from, int n, uint8_t* removed) {
  for (int j = from; j < n; ++j) {
    if (!removed[j] && SuppressOne(s, b, thr, j)) removed[j] = 1;
  }
}

}  // namespace

SuppressFn SuppressScalar() { return Suppress; }

}  // namespace candor::kernels
