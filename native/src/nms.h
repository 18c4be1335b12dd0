// nms(boxes, scores, options, keep) -> count
#pragma once
#include <napi.h>

namespace candor {

Napi::Value Nms(const Napi::CallbackInfo& info);

}  // namespace candor
