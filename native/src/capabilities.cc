#include "capabilities.h"

#include <string>

#include "cpu.h"
#include "napi_util.h"

namespace candor {
namespace {
std::string g_envRequest;  // CANDOR_SIMD as read at load
}

void InitSimd() {
  DetectCpu();
  g_envRequest = ApplyEnvLevel();
}

Napi::Value Capabilities(const Napi::CallbackInfo& info) {
  return Guard(info, [&]() -> Napi::Value {
    Napi::Env env = info.Env();
    const CpuFeatures& f = DetectCpu();
    Napi::Object o = Napi::Object::New(env);
#if CANDOR_X86
    o.Set("arch", "x86");
#elif CANDOR_ARM64
    o.Set("arch", "arm64");
#else
    o.Set("arch", "other");
#endif
    Napi::Object cpu = Napi::Object::New(env);
    cpu.Set("sse41", f.sse41);
    cpu.Set("avx2", f.avx2);
    cpu.Set("neon", f.neon);
    o.Set("cpu", cpu);
    Napi::Array levels = Napi::Array::New(env);
    uint32_t i = 0;
    for (SimdLevel l : AvailableLevels()) levels.Set(i++, LevelName(l));
    o.Set("available", levels);
    o.Set("best", LevelName(BestLevel()));
    o.Set("active", LevelName(ActiveLevel()));
    o.Set("env", g_envRequest.empty() ? env.Null() : Napi::String::New(env, g_envRequest));
    return o;
  });
}

Napi::Value GetSimdLevel(const Napi::CallbackInfo& info) {
  return Guard(info, [&]() -> Napi::Value { return Napi::String::New(info.Env(), LevelName(ActiveLevel())); });
}

Napi::Value SetSimdLevelJs(const Napi::CallbackInfo& info) {
  return Guard(info, [&]() -> Napi::Value {
    if (info.Length() < 1 || !info[0].IsString()) throw std::invalid_argument("level must be a string");
    SimdLevel l;
    if (!ParseLevel(info[0].As<Napi::String>().Utf8Value(), &l)) throw std::invalid_argument("unknown SIMD level");
    return Napi::String::New(info.Env(), LevelName(SetActiveLevel(l)));
  });
}

}  // namespace candor
