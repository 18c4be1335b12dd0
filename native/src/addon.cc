// candor_native: registers the exports. Nothing else lives here.
#include <napi.h>

#include "capabilities.h"
#include "nms.h"
#include "pipe.h"
#include "xcorr.h"
#include "preprocess.h"
#include "yunet.h"

namespace {

Napi::Object Init(Napi::Env env, Napi::Object exports) {
  candor::InitSimd();
  exports.Set("capabilities", Napi::Function::New(env, candor::Capabilities, "capabilities"));
  exports.Set("simdLevel", Napi::Function::New(env, candor::GetSimdLevel, "simdLevel"));
  exports.Set("setSimdLevel", Napi::Function::New(env, candor::SetSimdLevelJs, "setSimdLevel"));
  exports.Set("preprocess", Napi::Function::New(env, candor::Preprocess, "preprocess"));
  exports.Set("yunetDecode", Napi::Function::New(env, candor::YunetDecode, "yunetDecode"));
  exports.Set("nms", Napi::Function::New(env, candor::Nms, "nms"));
  exports.Set("xcorr", Napi::Function::New(env, candor::Xcorr, "xcorr"));
  exports.Set("openPipe", Napi::Function::New(env, candor::OpenPipe, "openPipe"));
  exports.Set("readPipe", Napi::Function::New(env, candor::ReadPipe, "readPipe"));
  return exports;
}

}  // namespace

NODE_API_MODULE(candor_native, Init)
