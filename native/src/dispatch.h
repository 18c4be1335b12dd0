// Picks the kernel table for a SIMD level. Only levels returned by
// AvailableLevels() are ever passed in.
#pragma once
#include "../kernels/iou/iou.h"
#include "../kernels/resize/resize.h"
#include "../kernels/xcorr/xcorr.h"
#include "../kernels/yuv/yuv.h"

namespace candor {

const kernels::ResizeKernels& ResizeFor(SimdLevel level);
kernels::YuvRowFn YuvRowFor(SimdLevel level);
kernels::SuppressFn SuppressFor(SimdLevel level);
kernels::XcorrFn XcorrFor(SimdLevel level);

}  // namespace candor
