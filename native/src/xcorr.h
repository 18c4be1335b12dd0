// xcorr(x, y, first, count, out): out[k] = sum_i x[i] * y[first - k + i]
#pragma once
#include <napi.h>

namespace candor {

Napi::Value Xcorr(const Napi::CallbackInfo& info);

}  // namespace candor
