// x:     Float32Array n (the frame)       y: Float32Array (the signal)
// first: offset in y of lag 0's window    count: lags (first, first-1, ...)
// out:   Float64Array count; receives the sums (kernels/xcorr/xcorr.h)
// Synchronous: a frame of 512 at 1,281 lags takes tens of microseconds.
#include "xcorr.h"

#include <cmath>

#include "cpu.h"
#include "dispatch.h"
#include "napi_util.h"

namespace candor {
namespace {

int IntArg(const Napi::Value& v, const char* name, double lo, double hi) {
  if (!v.IsNumber()) throw std::invalid_argument(std::string(name) + " must be a number");
  const double d = v.As<Napi::Number>().DoubleValue();
  if (!(d >= lo && d <= hi) || d != std::floor(d)) throw std::invalid_argument(std::string(name) + " is out of range");
  return static_cast<int>(d);
}

}  // namespace

Napi::Value Xcorr(const Napi::CallbackInfo& info) {
  return Guard(info, [&]() -> Napi::Value {
    if (info.Length() < 5) throw std::invalid_argument("xcorr takes 5 arguments");
    const Napi::Float32Array x = TypedArg<float>(info[0], napi_float32_array, 0, "x");
    const Napi::Float32Array y = TypedArg<float>(info[1], napi_float32_array, 0, "y");
    const size_t n = x.ElementLength();
    const size_t ny = y.ElementLength();
    if (n > 1u << 24 || ny > 1u << 26) throw std::invalid_argument("x or y is too long");
    const int count = IntArg(info[3], "count", 0, static_cast<double>(ny) + 1);
    Napi::Float64Array out = TypedArg<double>(info[4], napi_float64_array, static_cast<size_t>(count), "out");
    // every window read, y[first - k .. first - k + n), lies inside y
    const int first = IntArg(info[2], "first", count > 0 ? count - 1 : 0, static_cast<double>(ny) - static_cast<double>(n));
    XcorrFor(ActiveLevel())(x.Data(), static_cast<int>(n), y.Data(), first, count, out.Data());
    return info.Env().Undefined();
  });
}

}  // namespace candor
