// preprocess(frame, options, out): convert + resize + normalise into `out`.
#pragma once
#include <napi.h>

namespace candor {

Napi::Value Preprocess(const Napi::CallbackInfo& info);

}  // namespace candor
