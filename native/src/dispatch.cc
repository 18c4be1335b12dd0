#include "dispatch.h"

namespace candor {

const kernels::ResizeKernels& ResizeFor(SimdLevel level) {
  switch (level) {
#if CANDOR_X86
    case SimdLevel::kSse41: return kernels::ResizeSse41();
    case SimdLevel::kAvx2: return kernels::ResizeAvx2();
#endif
#if CANDOR_ARM64
    case SimdLevel::kNeon: return kernels::ResizeNeon();
#endif
    default: return kernels::ResizeScalar();
  }
}

kernels::YuvRowFn YuvRowFor(SimdLevel level) {
  switch (level) {
#if CANDOR_X86
    case SimdLevel::kSse41: return kernels::YuvRowSse41();
    case SimdLevel::kAvx2: return kernels::YuvRowAvx2();
#endif
#if CANDOR_ARM64
    case SimdLevel::kNeon: return kernels::YuvRowNeon();
#endif
    default: return kernels::YuvRowScalar();
  }
}

kernels::SuppressFn SuppressFor(SimdLevel level) {
  switch (level) {
#if CANDOR_X86
    case SimdLevel::kSse41: return kernels::SuppressSse41();
    case SimdLevel::kAvx2: return kernels::SuppressAvx2();
#endif
#if CANDOR_ARM64
    case SimdLevel::kNeon: return kernels::SuppressNeon();
#endif
    default: return kernels::SuppressScalar();
  }
}

kernels::XcorrFn XcorrFor(SimdLevel level) {
  switch (level) {
#if CANDOR_X86
    case SimdLevel::kSse41: return kernels::XcorrSse41();
    case SimdLevel::kAvx2: return kernels::XcorrAvx2();
#endif
#if CANDOR_ARM64
    case SimdLevel::kNeon: return kernels::XcorrNeon();
#endif
    default: return kernels::XcorrScalar();
  }
}

}  // namespace candor
