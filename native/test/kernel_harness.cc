// Standalone check (no Node) that every SIMD level this CPU runs produces
// bit-identical results to scalar, for preprocess (all formats, fits,
// resamplers, odd sizes and strides) and NMS. It exists so that the NEON
// kernels can be verified on x86 machines: run-harness.sh cross-compiles it
// for aarch64 and runs it under qemu. Exit code 0 = all equal.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <random>
#include <vector>

#include "../src/cpu.h"
#include "../src/dispatch.h"
#include "../src/nms_core.h"
#include "../src/preprocess_core.h"

using namespace candor;

namespace {

int PlaneCount(PixelFormat f) { return f == PixelFormat::kI420 ? 3 : (f == PixelFormat::kNv12 ? 2 : 1); }

bool CheckPreprocess(std::mt19937& rng, SimdLevel level, int iter) {
  auto pick = [&](std::initializer_list<int> v) { return *(v.begin() + rng() % v.size()); };
  PreprocessArgs a;
  a.format = static_cast<PixelFormat>(iter % 4);
  a.width = pick({1, 2, 3, 7, 16, 31, 64, 97, 333, 1920});
  a.height = pick({1, 2, 5, 9, 32, 77, 240, 1080});
  const int pad = pick({0, 1, 3, 64});
  const int cw = (a.width + 1) / 2, ch = (a.height + 1) / 2;
  const int64_t rowBytes[3] = {a.format <= PixelFormat::kRgba ? int64_t{a.width} * 4 : a.width,
                               a.format == PixelFormat::kNv12 ? cw * 2 : cw, cw};
  const int64_t rows[3] = {a.height, ch, ch};
  std::vector<int64_t> off(3, 0);
  int64_t total = 0;
  for (int p = 0; p < PlaneCount(a.format); ++p) {
    off[p] = total;
    a.stride[p] = rowBytes[p] + pad;
    total += a.stride[p] * rows[p];
  }
  std::vector<uint8_t> data(static_cast<size_t>(total));
  for (auto& b : data) b = static_cast<uint8_t>(rng());
  for (int p = 0; p < PlaneCount(a.format); ++p) a.plane[p] = data.data() + off[p];
  a.dstW = pick({1, 5, 17, 64, 320});
  a.dstH = pick({1, 4, 9, 64, 320});
  a.rgbOut = rng() & 1;
  a.letterbox = rng() & 1;
  a.center = rng() & 1;
  a.resample = (rng() & 1) ? Resample::kArea : Resample::kBilinear;
  a.bt709 = rng() & 1;
  a.fullRange = rng() & 1;
  const float means[3] = {103.5f, 116.25f, 123.75f}, scales[3] = {0.5f, 1.f / 255.f, 2.f};
  for (int c = 0; c < 3; ++c) {
    a.mean[c] = (rng() & 1) ? means[c] : 0.f;
    a.scale[c] = (rng() & 1) ? scales[c] : 1.f;
    a.pad[c] = 114.f;
  }
  std::vector<float> ref(size_t{3} * a.dstW * a.dstH), got(ref.size());
  a.out = ref.data();
  RunPreprocess(a, SimdLevel::kScalar);
  a.out = got.data();
  RunPreprocess(a, level);
  if (std::memcmp(ref.data(), got.data(), ref.size() * sizeof(float)) != 0) {
    std::printf("preprocess mismatch: %s case %d format %d %dx%d -> %dx%d\n", LevelName(level), iter,
                static_cast<int>(a.format), a.width, a.height, a.dstW, a.dstH);
    return false;
  }
  return true;
}

bool CheckNms(std::mt19937& rng, SimdLevel level, int iter) {
  const int n = static_cast<int>(rng() % 3000);
  std::uniform_real_distribution<float> u(0.f, 1.f);
  std::vector<float> boxes(size_t(n) * 4), scores(n);
  for (int i = 0; i < n; ++i) {
    boxes[i * 4 + 0] = u(rng) * 500;
    boxes[i * 4 + 1] = u(rng) * 500;
    boxes[i * 4 + 2] = u(rng) < 0.02f ? 0.f : 10 + u(rng) * 90;
    boxes[i * 4 + 3] = 10 + u(rng) * 90;
    scores[i] = std::floor(u(rng) * 20) / 20;
  }
  const float thr = u(rng);
  std::vector<int32_t> a(n + 1), b(n + 1);
  const int ka = RunNms(boxes.data(), scores.data(), n, 0.1f, thr, 1 << 30, n + 1, a.data(), SuppressFor(SimdLevel::kScalar));
  const int kb = RunNms(boxes.data(), scores.data(), n, 0.1f, thr, 1 << 30, n + 1, b.data(), SuppressFor(level));
  if (ka != kb || !std::equal(a.begin(), a.begin() + ka, b.begin())) {
    std::printf("nms mismatch: %s case %d (%d vs %d kept)\n", LevelName(level), iter, ka, kb);
    return false;
  }
  return true;
}

bool CheckXcorr(std::mt19937& rng, SimdLevel level, int iter) {
  const int n = static_cast<int>(rng() % 1100);
  const int count = 1 + static_cast<int>(rng() % 1300);
  std::uniform_real_distribution<float> u(-1.f, 1.f);
  std::vector<float> x(n), y(size_t(n) + count + 5);
  for (float& v : x) v = u(rng);
  for (float& v : y) v = u(rng) * 0.25f;
  const int first = count - 1 + static_cast<int>(rng() % 5);
  std::vector<double> a(count), b(count);
  XcorrFor(SimdLevel::kScalar)(x.data(), n, y.data(), first, count, a.data());
  XcorrFor(level)(x.data(), n, y.data(), first, count, b.data());
  if (std::memcmp(a.data(), b.data(), a.size() * sizeof(double)) != 0) {
    std::printf("xcorr mismatch: %s case %d (n %d, %d lags)\n", LevelName(level), iter, n, count);
    return false;
  }
  return true;
}

}  // namespace

int main() {
  std::mt19937 rng(42);
  int failures = 0;
  for (SimdLevel level : AvailableLevels()) {
    if (level == SimdLevel::kScalar) continue;
    int checked = 0;
    for (int i = 0; i < 300; ++i, ++checked) failures += !CheckPreprocess(rng, level, i);
    for (int i = 0; i < 50; ++i, ++checked) failures += !CheckNms(rng, level, i);
    for (int i = 0; i < 50; ++i, ++checked) failures += !CheckXcorr(rng, level, i);
    std::printf("%s: %d cases checked against scalar\n", LevelName(level), checked);
  }
  std::printf(failures ? "FAILED: %d mismatches\n" : "all SIMD levels bit-identical to scalar\n", failures);
  return failures ? 1 : 0;
}
