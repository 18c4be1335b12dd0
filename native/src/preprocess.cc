// Copies the JS baton into PreprocessArgs and runs it synchronously: the
// work is well under a millisecond for camera/screen frames, less than the
// cost of a thread hop, and the caller keeps the buffers alive.
//
// frame:   { format: 0 bgra | 1 rgba | 2 nv12 | 3 i420, width, height,
//            data: Uint8Array, offset0..2, stride0..2 }
// options: { width, height, rgb, letterbox, center, area, bt709, fullRange,
//            mean: Float32Array(3), scale: Float32Array(3), pad: Float32Array(3) }
// out:     Float32Array of exactly 3 * width * height
// returns  { scaleX, scaleY, offsetX, offsetY, contentWidth, contentHeight }
#include "preprocess.h"

#include <algorithm>

#include "cpu.h"
#include "napi_util.h"
#include "preprocess_core.h"

namespace candor {
namespace {

constexpr int kMaxSide = 16384;

int PlaneCount(PixelFormat f) { return f == PixelFormat::kI420 ? 3 : (f == PixelFormat::kNv12 ? 2 : 1); }

// Bytes per row and rows of plane p (4:2:0 chroma planes round up).
void PlaneShape(PixelFormat f, int w, int h, int p, int64_t* rowBytes, int64_t* rows) {
  const int64_t cw = (w + 1) / 2, ch = (h + 1) / 2;
  if (f == PixelFormat::kBgra || f == PixelFormat::kRgba) {
    *rowBytes = int64_t{w} * 4;
    *rows = h;
  } else if (p == 0) {
    *rowBytes = w;
    *rows = h;
  } else {
    *rowBytes = f == PixelFormat::kNv12 ? cw * 2 : cw;
    *rows = ch;
  }
}

void CopyTriple(const Napi::Object& o, const char* key, float* dst) {
  const Napi::Float32Array a = TypedArg<float>(o.Get(key), napi_float32_array, 3, key);
  std::copy_n(a.Data(), 3, dst);
}

}  // namespace

Napi::Value Preprocess(const Napi::CallbackInfo& info) {
  return Guard(info, [&]() -> Napi::Value {
    const Napi::Object frame = ObjectArg(info, 0, "frame");
    const Napi::Object opts = ObjectArg(info, 1, "options");
    PreprocessArgs a;
    a.format = static_cast<PixelFormat>(IntProp(frame, "format", 0, 3));
    a.width = IntProp(frame, "width", 1, kMaxSide);
    a.height = IntProp(frame, "height", 1, kMaxSide);
    const Napi::Uint8Array data = TypedArg<uint8_t>(frame.Get("data"), napi_uint8_array, 0, "data");
    const double len = static_cast<double>(data.ElementLength());
    static const char* kOffset[3] = {"offset0", "offset1", "offset2"};
    static const char* kStride[3] = {"stride0", "stride1", "stride2"};
    for (int p = 0; p < PlaneCount(a.format); ++p) {
      int64_t rowBytes, rows;
      PlaneShape(a.format, a.width, a.height, p, &rowBytes, &rows);
      const double off = NumberProp(frame, kOffset[p], 0, len);
      const double stride = NumberProp(frame, kStride[p], static_cast<double>(rowBytes), len);
      if (off != static_cast<int64_t>(off) || stride != static_cast<int64_t>(stride) ||
          off + stride * static_cast<double>(rows - 1) + static_cast<double>(rowBytes) > len) {
        throw std::invalid_argument("plane does not fit in data");
      }
      a.plane[p] = data.Data() + static_cast<int64_t>(off);
      a.stride[p] = static_cast<int64_t>(stride);
    }
    a.dstW = IntProp(opts, "width", 1, kMaxSide);
    a.dstH = IntProp(opts, "height", 1, kMaxSide);
    a.rgbOut = BoolProp(opts, "rgb");
    a.letterbox = BoolProp(opts, "letterbox");
    a.center = BoolProp(opts, "center");
    a.resample = BoolProp(opts, "area") ? Resample::kArea : Resample::kBilinear;
    a.bt709 = BoolProp(opts, "bt709");
    a.fullRange = BoolProp(opts, "fullRange");
    CopyTriple(opts, "mean", a.mean);
    CopyTriple(opts, "scale", a.scale);
    CopyTriple(opts, "pad", a.pad);
    const size_t need = size_t{3} * a.dstW * a.dstH;
    if (info.Length() < 3) throw std::invalid_argument("out is missing");
    Napi::Float32Array out = TypedArg<float>(info[2], napi_float32_array, need, "out");
    a.out = out.Data();

    const Geometry g = RunPreprocess(a, ActiveLevel());
    Napi::Object r = Napi::Object::New(info.Env());
    r.Set("scaleX", g.scaleX);
    r.Set("scaleY", g.scaleY);
    r.Set("offsetX", g.offsetX);
    r.Set("offsetY", g.offsetY);
    r.Set("contentWidth", g.contentW);
    r.Set("contentHeight", g.contentH);
    return r;
  });
}

}  // namespace candor
