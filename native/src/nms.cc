// boxes:   Float32Array n * 4 (x, y, w, h)     scores: Float32Array n
// options: { iouThreshold, scoreThreshold, topK }
// keep:    Int32Array; receives kept indices, best first (at most its length)
// returns  the number of indices written. Synchronous: 5,000 boxes take
// about a millisecond.
#include "nms.h"

#include <algorithm>

#include "cpu.h"
#include "dispatch.h"
#include "napi_util.h"
#include "nms_core.h"

namespace candor {

Napi::Value Nms(const Napi::CallbackInfo& info) {
  return Guard(info, [&]() -> Napi::Value {
    if (info.Length() < 4) throw std::invalid_argument("nms takes 4 arguments");
    const Napi::Float32Array scores = TypedArg<float>(info[1], napi_float32_array, 0, "scores");
    const size_t n = scores.ElementLength();
    if (n > 10000000) throw std::invalid_argument("too many boxes");
    const Napi::Float32Array boxes = TypedArg<float>(info[0], napi_float32_array, n * 4, "boxes");
    const Napi::Object opts = ObjectArg(info, 2, "options");
    const float iou = static_cast<float>(NumberProp(opts, "iouThreshold", 0, 1));
    const float scoreThr = static_cast<float>(NumberProp(opts, "scoreThreshold", -3.4e38, 3.4e38));
    const int topK = IntProp(opts, "topK", 0, 2147483647);
    Napi::Int32Array keep = TypedArg<int32_t>(info[3], napi_int32_array, 0, "keep");
    const int maxKeep = static_cast<int>(std::min<size_t>(keep.ElementLength(), 2147483647));
    const int count = RunNms(boxes.Data(), scores.Data(), static_cast<int>(n), scoreThr, iou, topK, maxKeep,
                             keep.Data(), SuppressFor(ActiveLevel()));
    return Napi::Number::New(info.Env(), count);
  });
}

}  // namespace candor
