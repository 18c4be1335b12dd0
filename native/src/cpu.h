// CPU feature detection (once, at load) and the active SIMD level.
#pragma once
#include <string>
#include <vector>

#include "../kernels/simd.h"

namespace candor {

struct CpuFeatures {
  bool sse41 = false;
  bool avx2 = false;  // AVX2 and OS support for YMM state (XCR0)
  bool neon = false;
};

const CpuFeatures& DetectCpu();
// Levels this build has kernels for and this CPU can run, lowest first.
const std::vector<SimdLevel>& AvailableLevels();
SimdLevel BestLevel();
SimdLevel ActiveLevel();
// Selects `requested` if available; otherwise the highest available level
// below it on this architecture (a level of another architecture -> scalar).
// Never selects a level the CPU lacks. Returns the level now active.
SimdLevel SetActiveLevel(SimdLevel requested);
const char* LevelName(SimdLevel level);
bool ParseLevel(const std::string& name, SimdLevel* out);
// Applies CANDOR_SIMD once at load. Returns the raw value ("" if unset).
std::string ApplyEnvLevel();

}  // namespace candor
