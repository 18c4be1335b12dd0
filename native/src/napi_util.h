// Small helpers shared by the entry points: argument reading that never
// reads out of bounds, and Guard(), which turns every C++ exception into a
// JS Error. The TypeScript wrapper (native/lib) validates arguments with
// exact messages first; these checks only stop misuse of the raw binding.
#pragma once
#include <napi.h>

#include <cmath>
#include <new>
#include <stdexcept>
#include <string>

namespace candor {

template <typename F>
Napi::Value Guard(const Napi::CallbackInfo& info, F&& body) {
  try {
    return body();
  } catch (const Napi::Error&) {
    throw;
  } catch (const std::bad_alloc&) {
    throw Napi::Error::New(info.Env(), "candor_native: out of memory");
  } catch (const std::exception& e) {
    throw Napi::Error::New(info.Env(), std::string("candor_native: ") + e.what());
  } catch (...) {
    throw Napi::Error::New(info.Env(), "candor_native: unknown native error");
  }
}

inline Napi::Object ObjectArg(const Napi::CallbackInfo& info, size_t i, const char* name) {
  if (info.Length() <= i || !info[i].IsObject()) throw std::invalid_argument(std::string(name) + " must be an object");
  return info[i].As<Napi::Object>();
}

inline double NumberProp(const Napi::Object& o, const char* key, double lo, double hi) {
  const Napi::Value v = o.Get(key);
  if (!v.IsNumber()) throw std::invalid_argument(std::string(key) + " must be a number");
  const double d = v.As<Napi::Number>().DoubleValue();
  if (!(d >= lo && d <= hi)) throw std::invalid_argument(std::string(key) + " is out of range");
  return d;
}

inline int IntProp(const Napi::Object& o, const char* key, int lo, int hi) {
  const double d = NumberProp(o, key, lo, hi);
  if (d != std::floor(d)) throw std::invalid_argument(std::string(key) + " must be an integer");
  return static_cast<int>(d);
}

inline bool BoolProp(const Napi::Object& o, const char* key) {
  const Napi::Value v = o.Get(key);
  if (!v.IsBoolean()) throw std::invalid_argument(std::string(key) + " must be a boolean");
  return v.As<Napi::Boolean>().Value();
}

// A typed array of element type T (napi type `type`) with at least minLength elements.
template <typename T>
Napi::TypedArrayOf<T> TypedArg(const Napi::Value& v, napi_typedarray_type type, size_t minLength, const char* name) {
  if (!v.IsTypedArray() || v.As<Napi::TypedArray>().TypedArrayType() != type) {
    throw std::invalid_argument(std::string(name) + " has the wrong type");
  }
  Napi::TypedArrayOf<T> a = v.As<Napi::TypedArrayOf<T>>();
  if (a.ElementLength() < minLength) throw std::invalid_argument(std::string(name) + " is too short");
  return a;
}

}  // namespace candor
