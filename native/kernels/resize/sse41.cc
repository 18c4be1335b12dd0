// SSE4.1 resampling: one output pixel (4 channels) per register in hpass,
// four pixels per iteration (then a 4x4 transpose to planar) in vpass.
#include "resize.h"

#if CANDOR_X86
#include <immintrin.h>

#include <cstring>

namespace candor::kernels {
namespace {

// Two adjacent BGRA pixels [c0..c3 of p0, c0..c3 of p1] -> int16
// [p0.c0, p1.c0, p0.c1, p1.c1, ...] so that pmaddwd sums a tap pair per channel.
CANDOR_TARGET_SSE41 inline __m128i PairShuffle() {
  return _mm_setr_epi8(0, -1, 4, -1, 1, -1, 5, -1, 2, -1, 6, -1, 3, -1, 7, -1);
}

CANDOR_TARGET_SSE41 inline __m128i PairWeights(const int16_t* w) {
  return _mm_set1_epi32(static_cast<int32_t>((static_cast<uint32_t>(static_cast<uint16_t>(w[1])) << 16) |
                                             static_cast<uint16_t>(w[0])));
}

CANDOR_TARGET_SSE41 inline __m128i Load32(const uint8_t* p) {
  int32_t v;
  std::memcpy(&v, p, 4);
  return _mm_cvtsi32_si128(v);
}

CANDOR_TARGET_SSE41 void HPass4(const uint8_t* src, const int32_t* xofs, const int16_t* w, int taps, int outW,
                                int32_t* dst) {
  const __m128i shuf = PairShuffle();
  const __m128i round = _mm_set1_epi32(32);
  const int pairs = taps / 2;
  for (int x = 0; x < outW; ++x) {
    const uint8_t* p = src + static_cast<ptrdiff_t>(xofs[x]) * 4;
    const int16_t* wx = w + static_cast<ptrdiff_t>(x) * taps;
    __m128i acc = _mm_setzero_si128();
    for (int k = 0; k < pairs; ++k) {
      const __m128i px = _mm_shuffle_epi8(_mm_loadl_epi64(reinterpret_cast<const __m128i*>(p + k * 8)), shuf);
      acc = _mm_add_epi32(acc, _mm_madd_epi16(px, PairWeights(wx + k * 2)));
    }
    if (taps & 1) {
      const __m128i px = _mm_cvtepu8_epi32(Load32(p + (taps - 1) * 4));
      acc = _mm_add_epi32(acc, _mm_mullo_epi32(px, _mm_set1_epi32(wx[taps - 1])));
    }
    acc = _mm_srai_epi32(_mm_add_epi32(acc, round), 6);
    _mm_storeu_si128(reinterpret_cast<__m128i*>(dst + static_cast<ptrdiff_t>(x) * 4), acc);
  }
}

CANDOR_TARGET_SSE41 void VPass4(const int32_t* const* rows, const int16_t* wv, int taps, int outW,
                                float* const* planes, const float* mean, const float* scale) {
  const __m128i round = _mm_set1_epi32(8192);
  const __m128 inv = _mm_set1_ps(1.f / 256.f);
  const __m128 m0 = _mm_set1_ps(mean[0]), m1 = _mm_set1_ps(mean[1]), m2 = _mm_set1_ps(mean[2]);
  const __m128 s0 = _mm_set1_ps(scale[0]), s1 = _mm_set1_ps(scale[1]), s2 = _mm_set1_ps(scale[2]);
  int x = 0;
  for (; x + 4 <= outW; x += 4) {
    __m128i a0 = _mm_setzero_si128(), a1 = a0, a2 = a0, a3 = a0;
    for (int k = 0; k < taps; ++k) {
      const __m128i wk = _mm_set1_epi32(wv[k]);
      const __m128i* r = reinterpret_cast<const __m128i*>(rows[k] + x * 4);
      a0 = _mm_add_epi32(a0, _mm_mullo_epi32(_mm_loadu_si128(r + 0), wk));
      a1 = _mm_add_epi32(a1, _mm_mullo_epi32(_mm_loadu_si128(r + 1), wk));
      a2 = _mm_add_epi32(a2, _mm_mullo_epi32(_mm_loadu_si128(r + 2), wk));
      a3 = _mm_add_epi32(a3, _mm_mullo_epi32(_mm_loadu_si128(r + 3), wk));
    }
    __m128 p0 = _mm_mul_ps(_mm_cvtepi32_ps(_mm_srai_epi32(_mm_add_epi32(a0, round), 14)), inv);
    __m128 p1 = _mm_mul_ps(_mm_cvtepi32_ps(_mm_srai_epi32(_mm_add_epi32(a1, round), 14)), inv);
    __m128 p2 = _mm_mul_ps(_mm_cvtepi32_ps(_mm_srai_epi32(_mm_add_epi32(a2, round), 14)), inv);
    __m128 p3 = _mm_mul_ps(_mm_cvtepi32_ps(_mm_srai_epi32(_mm_add_epi32(a3, round), 14)), inv);
    _MM_TRANSPOSE4_PS(p0, p1, p2, p3);  // now p0 = channel 0 of 4 pixels, ...
    _mm_storeu_ps(planes[0] + x, _mm_mul_ps(_mm_sub_ps(p0, m0), s0));
    _mm_storeu_ps(planes[1] + x, _mm_mul_ps(_mm_sub_ps(p1, m1), s1));
    _mm_storeu_ps(planes[2] + x, _mm_mul_ps(_mm_sub_ps(p2, m2), s2));
  }
  const float finv = 1.f / 256.f;
  for (; x < outW; ++x) {
    for (int c = 0; c < 3; ++c) {
      int32_t acc = 0;
      for (int k = 0; k < taps; ++k) acc += rows[k][x * 4 + c] * static_cast<int32_t>(wv[k]);
      const float v = static_cast<float>((acc + 8192) >> 14) * finv;
      planes[c][x] = (v - mean[c]) * scale[c];
    }
  }
}

}  // namespace

const ResizeKernels& ResizeSse41() {
  static const ResizeKernels k{HPackIdentity, HPass4, VPass4};
  return k;
}

}  // namespace candor::kernels
#endif  // CANDOR_X86
