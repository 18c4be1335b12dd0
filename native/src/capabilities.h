// capabilities(), simdLevel(), setSimdLevel(name)
#pragma once
#include <napi.h>

namespace candor {

Napi::Value Capabilities(const Napi::CallbackInfo& info);
Napi::Value GetSimdLevel(const Napi::CallbackInfo& info);
Napi::Value SetSimdLevelJs(const Napi::CallbackInfo& info);
// Called once from module init: detects the CPU and applies CANDOR_SIMD.
void InitSimd();

}  // namespace candor
