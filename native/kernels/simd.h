// Shared by every kernel file: the SIMD levels, and the per-function target
// attributes that let one translation unit hold AVX2 code while the rest of
// the build keeps baseline flags (no -mavx2 anywhere in binding.gyp).
#pragma once

#if defined(__x86_64__) || defined(_M_X64) || defined(__i386__) || defined(_M_IX86)
#define CANDOR_X86 1
#else
#define CANDOR_X86 0
#endif

#if defined(__aarch64__) || defined(_M_ARM64)
#define CANDOR_ARM64 1
#else
#define CANDOR_ARM64 0
#endif

#if defined(__GNUC__) || defined(__clang__)
#define CANDOR_TARGET_SSE41 __attribute__((target("sse4.1")))
#define CANDOR_TARGET_AVX2 __attribute__((target("avx2")))
#else
// MSVC compiles intrinsics for any ISA without a target attribute.
#define CANDOR_TARGET_SSE41
#define CANDOR_TARGET_AVX2
#endif

namespace candor {

// Ordered within an architecture: a higher value on the same arch is a
// superset. kNeon only exists on arm64, kSse41/kAvx2 only on x86.
enum class SimdLevel : int { kScalar = 0, kSse41 = 1, kAvx2 = 2, kNeon = 3 };

}  // namespace candor
