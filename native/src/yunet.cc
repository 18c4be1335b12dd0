// outputs: array of 12 Float32Array in the order cls_8, cls_16, cls_32,
//          obj_8.., bbox_8.., kps_8.. (the model's own output order)
// options: { inputWidth, inputHeight, scoreThreshold, nmsThreshold, topK,
//            scaleX, scaleY, offsetX, offsetY }
// out:     Float32Array, 15 floats per face (x, y, w, h, 5 landmarks, score)
// returns  the number of faces written (best first). Synchronous: decoding
// is a few microseconds next to the model run.
#include "yunet.h"

#include <algorithm>

#include "cpu.h"
#include "dispatch.h"
#include "napi_util.h"
#include "yunet_core.h"

namespace candor {

Napi::Value YunetDecode(const Napi::CallbackInfo& info) {
  return Guard(info, [&]() -> Napi::Value {
    if (info.Length() < 3 || !info[0].IsArray()) throw std::invalid_argument("outputs must be an array");
    const Napi::Array outputs = info[0].As<Napi::Array>();
    if (outputs.Length() != 12) throw std::invalid_argument("outputs must hold 12 arrays");
    const Napi::Object opts = ObjectArg(info, 1, "options");
    YunetArgs a;
    a.inW = IntProp(opts, "inputWidth", 32, 16384);
    a.inH = IntProp(opts, "inputHeight", 32, 16384);
    if (a.inW % 32 != 0 || a.inH % 32 != 0) throw std::invalid_argument("input size must be a multiple of 32");
    a.scoreThr = static_cast<float>(NumberProp(opts, "scoreThreshold", 0, 1));
    a.nmsThr = static_cast<float>(NumberProp(opts, "nmsThreshold", 0, 1));
    a.topK = IntProp(opts, "topK", 1, 1000000);
    a.scaleX = NumberProp(opts, "scaleX", 1e-9, 1e9);
    a.scaleY = NumberProp(opts, "scaleY", 1e-9, 1e9);
    a.offsetX = NumberProp(opts, "offsetX", -1e9, 1e9);
    a.offsetY = NumberProp(opts, "offsetY", -1e9, 1e9);
    static const int kStrides[3] = {8, 16, 32};
    static const int kWidth[4] = {1, 1, 4, 10};  // floats per cell: cls, obj, bbox, kps
    const float** dst[4] = {a.cls, a.obj, a.bbox, a.kps};
    for (int kind = 0; kind < 4; ++kind) {
      for (int s = 0; s < 3; ++s) {
        const size_t cells = static_cast<size_t>(a.inW / kStrides[s]) * (a.inH / kStrides[s]);
        dst[kind][s] = TypedArg<float>(outputs.Get(kind * 3 + s), napi_float32_array, cells * kWidth[kind], "output")
                           .Data();
      }
    }
    Napi::Float32Array out = TypedArg<float>(info[2], napi_float32_array, 0, "out");
    a.maxFaces = static_cast<int>(std::min<size_t>(out.ElementLength() / kFaceFloats, 1000000));
    a.out = out.Data();
    return Napi::Number::New(info.Env(), DecodeYunet(a, SuppressFor(ActiveLevel())));
  });
}

}  // namespace candor
