#include "cpu.h"

#include <atomic>
#include <cstdint>
#include <cstdlib>

#if CANDOR_X86
#if defined(_MSC_VER)
#include <immintrin.h>
#include <intrin.h>
#else
#include <cpuid.h>
#endif
#endif

#if CANDOR_ARM64 && defined(__linux__)
#include <asm/hwcap.h>
#include <sys/auxv.h>
#endif

namespace candor {
namespace {

#if CANDOR_X86
void Cpuid(uint32_t leaf, uint32_t sub, uint32_t r[4]) {
#if defined(_MSC_VER)
  int v[4];
  __cpuidex(v, static_cast<int>(leaf), static_cast<int>(sub));
  for (int i = 0; i < 4; ++i) r[i] = static_cast<uint32_t>(v[i]);
#else
  __cpuid_count(leaf, sub, r[0], r[1], r[2], r[3]);
#endif
}

uint64_t Xgetbv0() {
#if defined(_MSC_VER)
  return _xgetbv(0);
#else
  uint32_t eax, edx;
  __asm__ volatile("xgetbv" : "=a"(eax), "=d"(edx) : "c"(0));
  return (static_cast<uint64_t>(edx) << 32) | eax;
#endif
}
#endif

CpuFeatures Detect() {
  CpuFeatures f;
#if CANDOR_X86
  uint32_t r[4];
  Cpuid(0, 0, r);
  const uint32_t maxLeaf = r[0];
  if (maxLeaf >= 1) {
    Cpuid(1, 0, r);
    f.sse41 = (r[2] >> 19) & 1;
    const bool osxsave = (r[2] >> 27) & 1, avx = (r[2] >> 28) & 1;
    const bool ymmState = osxsave && (Xgetbv0() & 0x6) == 0x6;  // XMM and YMM saved by the OS
    if (maxLeaf >= 7 && avx && ymmState) {
      Cpuid(7, 0, r);
      f.avx2 = (r[1] >> 5) & 1;
    }
  }
#elif CANDOR_ARM64
#if defined(__linux__)
  f.neon = (getauxval(AT_HWCAP) & HWCAP_ASIMD) != 0;
#else
  f.neon = true;  // Advanced SIMD is mandatory on AArch64 (macOS, Windows)
#endif
#endif
  return f;
}

int Rank(SimdLevel l) {  // order within an architecture
  switch (l) {
    case SimdLevel::kScalar: return 0;
    case SimdLevel::kSse41: return 1;
    case SimdLevel::kAvx2: return 2;
    case SimdLevel::kNeon: return 1;
  }
  return 0;
}

bool SameArch(SimdLevel l) {
  if (l == SimdLevel::kScalar) return true;
  if (l == SimdLevel::kNeon) return CANDOR_ARM64 != 0;
  return CANDOR_X86 != 0;
}

std::atomic<int> g_active{-1};

}  // namespace

const CpuFeatures& DetectCpu() {
  static const CpuFeatures f = Detect();
  return f;
}

const std::vector<SimdLevel>& AvailableLevels() {
  static const std::vector<SimdLevel> levels = [] {
    std::vector<SimdLevel> out{SimdLevel::kScalar};
    const CpuFeatures& f = DetectCpu();
#if CANDOR_X86
    if (f.sse41) out.push_back(SimdLevel::kSse41);
    if (f.sse41 && f.avx2) out.push_back(SimdLevel::kAvx2);
#endif
#if CANDOR_ARM64
    if (f.neon) out.push_back(SimdLevel::kNeon);
#endif
    (void)f;
    return out;
  }();
  return levels;
}

SimdLevel BestLevel() { return AvailableLevels().back(); }

SimdLevel ActiveLevel() {
  const int v = g_active.load(std::memory_order_relaxed);
  return v < 0 ? BestLevel() : static_cast<SimdLevel>(v);
}

SimdLevel SetActiveLevel(SimdLevel requested) {
  SimdLevel chosen = SimdLevel::kScalar;
  if (SameArch(requested)) {
    for (SimdLevel l : AvailableLevels()) {
      if (Rank(l) <= Rank(requested)) chosen = l;
    }
  }
  g_active.store(static_cast<int>(chosen), std::memory_order_relaxed);
  return chosen;
}

const char* LevelName(SimdLevel level) {
  switch (level) {
    case SimdLevel::kScalar: return "scalar";
    case SimdLevel::kSse41: return "sse41";
    case SimdLevel::kAvx2: return "avx2";
    case SimdLevel::kNeon: return "neon";
  }
  return "scalar";
}

bool ParseLevel(const std::string& name, SimdLevel* out) {
  for (SimdLevel l : {SimdLevel::kScalar, SimdLevel::kSse41, SimdLevel::kAvx2, SimdLevel::kNeon}) {
    if (name == LevelName(l)) {
      *out = l;
      return true;
    }
  }
  return false;
}

std::string ApplyEnvLevel() {
  const char* env = std::getenv("CANDOR_SIMD");
  if (env == nullptr || *env == '\0') return "";
  SimdLevel l;
  if (ParseLevel(env, &l)) SetActiveLevel(l);  // an unknown value is reported by capabilities(), not applied
  return env;
}

}  // namespace candor
