// yunetDecode(outputs, options, out) -> face count
#pragma once
#include <napi.h>

namespace candor {

Napi::Value YunetDecode(const Napi::CallbackInfo& info);

}  // namespace candor
