// AVX2 resampling: two output pixels per register in hpass (one per 128-bit
// lane, so vpshufb/vpmaddwd stay in-lane), eight pixels per iteration in vpass.
#include "resize.h"

#if CANDOR_X86
#include <immintrin.h>

#include <cstring>

namespace candor::kernels {
namespace {

CANDOR_TARGET_AVX2 inline __m256i PairShuffle() {
  return _mm256_setr_epi8(0, -1, 4, -1, 1, -1, 5, -1, 2, -1, 6, -1, 3, -1, 7, -1,  //
                          0, -1, 4, -1, 1, -1, 5, -1, 2, -1, 6, -1, 3, -1, 7, -1);
}

CANDOR_TARGET_AVX2 inline int32_t PackPair(const int16_t* w) {
  return static_cast<int32_t>((static_cast<uint32_t>(static_cast<uint16_t>(w[1])) << 16) |
                              static_cast<uint16_t>(w[0]));
}

CANDOR_TARGET_AVX2 inline __m128i Load64(const uint8_t* p) {
  return _mm_loadl_epi64(reinterpret_cast<const __m128i*>(p));
}

CANDOR_TARGET_AVX2 inline __m128i Load32(const uint8_t* p) {
  int32_t v;
  std::memcpy(&v, p, 4);
  return _mm_cvtsi32_si128(v);
}

CANDOR_TARGET_AVX2 void HPass4(const uint8_t* src, const int32_t* xofs, const int16_t* w, int taps, int outW,
                               int32_t* dst) {
  const __m256i shuf = PairShuffle();
  const __m256i round = _mm256_set1_epi32(32);
  const int pairs = taps / 2;
  int x = 0;
  for (; x + 2 <= outW; x += 2) {
    const uint8_t* pa = src + static_cast<ptrdiff_t>(xofs[x]) * 4;
    const uint8_t* pb = src + static_cast<ptrdiff_t>(xofs[x + 1]) * 4;
    const int16_t* wa = w + static_cast<ptrdiff_t>(x) * taps;
    const int16_t* wb = wa + taps;
    __m256i acc = _mm256_setzero_si256();
    for (int k = 0; k < pairs; ++k) {
      const __m256i px = _mm256_shuffle_epi8(_mm256_set_m128i(Load64(pb + k * 8), Load64(pa + k * 8)), shuf);
      const __m256i wk = _mm256_set_epi32(PackPair(wb + 2 * k), PackPair(wb + 2 * k), PackPair(wb + 2 * k),
                                          PackPair(wb + 2 * k), PackPair(wa + 2 * k), PackPair(wa + 2 * k),
                                          PackPair(wa + 2 * k), PackPair(wa + 2 * k));
      acc = _mm256_add_epi32(acc, _mm256_madd_epi16(px, wk));
    }
    if (taps & 1) {
      const int t = taps - 1;
      const __m256i px = _mm256_cvtepu8_epi32(_mm_unpacklo_epi32(Load32(pa + t * 4), Load32(pb + t * 4)));
      const __m256i wk = _mm256_set_epi32(wb[t], wb[t], wb[t], wb[t], wa[t], wa[t], wa[t], wa[t]);
      acc = _mm256_add_epi32(acc, _mm256_mullo_epi32(px, wk));
    }
    acc = _mm256_srai_epi32(_mm256_add_epi32(acc, round), 6);
    _mm256_storeu_si256(reinterpret_cast<__m256i*>(dst + static_cast<ptrdiff_t>(x) * 4), acc);
  }
  for (; x < outW; ++x) {  // odd last column: same arithmetic, scalar
    const uint8_t* p = src + static_cast<ptrdiff_t>(xofs[x]) * 4;
    const int16_t* wx = w + static_cast<ptrdiff_t>(x) * taps;
    for (int c = 0; c < 4; ++c) {
      int32_t a = 0;
      for (int k = 0; k < taps; ++k) a += p[k * 4 + c] * static_cast<int32_t>(wx[k]);
      dst[x * 4 + c] = (a + 32) >> 6;
    }
  }
}

// In-lane 4x4 transpose of float vectors (each lane independently).
CANDOR_TARGET_AVX2 inline void Transpose4(__m256& a, __m256& b, __m256& c, __m256& d) {
  const __m256 t0 = _mm256_unpacklo_ps(a, b), t1 = _mm256_unpackhi_ps(a, b);
  const __m256 t2 = _mm256_unpacklo_ps(c, d), t3 = _mm256_unpackhi_ps(c, d);
  a = _mm256_castpd_ps(_mm256_unpacklo_pd(_mm256_castps_pd(t0), _mm256_castps_pd(t2)));
  b = _mm256_castpd_ps(_mm256_unpackhi_pd(_mm256_castps_pd(t0), _mm256_castps_pd(t2)));
  c = _mm256_castpd_ps(_mm256_unpacklo_pd(_mm256_castps_pd(t1), _mm256_castps_pd(t3)));
  d = _mm256_castpd_ps(_mm256_unpackhi_pd(_mm256_castps_pd(t1), _mm256_castps_pd(t3)));
}

CANDOR_TARGET_AVX2 inline __m256 ToFloat(__m256i acc, __m256i round, __m256 inv) {
  return _mm256_mul_ps(_mm256_cvtepi32_ps(_mm256_srai_epi32(_mm256_add_epi32(acc, round), 14)), inv);
}

CANDOR_TARGET_AVX2 void VPass4(const int32_t* const* rows, const int16_t* wv, int taps, int outW,
                               float* const* planes, const float* mean, const float* scale) {
  const __m256i round = _mm256_set1_epi32(8192);
  const __m256 inv = _mm256_set1_ps(1.f / 256.f);
  const __m256 m0 = _mm256_set1_ps(mean[0]), m1 = _mm256_set1_ps(mean[1]), m2 = _mm256_set1_ps(mean[2]);
  const __m256 s0 = _mm256_set1_ps(scale[0]), s1 = _mm256_set1_ps(scale[1]), s2 = _mm256_set1_ps(scale[2]);
  int x = 0;
  for (; x + 8 <= outW; x += 8) {
    // A = pixels 0,1  B = 2,3  C = 4,5  D = 6,7 (4 channels each)
    __m256i A = _mm256_setzero_si256(), B = A, C = A, D = A;
    for (int k = 0; k < taps; ++k) {
      const __m256i wk = _mm256_set1_epi32(wv[k]);
      const __m256i* r = reinterpret_cast<const __m256i*>(rows[k] + x * 4);
      A = _mm256_add_epi32(A, _mm256_mullo_epi32(_mm256_loadu_si256(r + 0), wk));
      B = _mm256_add_epi32(B, _mm256_mullo_epi32(_mm256_loadu_si256(r + 1), wk));
      C = _mm256_add_epi32(C, _mm256_mullo_epi32(_mm256_loadu_si256(r + 2), wk));
      D = _mm256_add_epi32(D, _mm256_mullo_epi32(_mm256_loadu_si256(r + 3), wk));
    }
    const __m256 fa = ToFloat(A, round, inv), fb = ToFloat(B, round, inv);
    const __m256 fc = ToFloat(C, round, inv), fd = ToFloat(D, round, inv);
    __m256 v0 = _mm256_permute2f128_ps(fa, fc, 0x20);  // p0 | p4
    __m256 v1 = _mm256_permute2f128_ps(fa, fc, 0x31);  // p1 | p5
    __m256 v2 = _mm256_permute2f128_ps(fb, fd, 0x20);  // p2 | p6
    __m256 v3 = _mm256_permute2f128_ps(fb, fd, 0x31);  // p3 | p7
    Transpose4(v0, v1, v2, v3);                        // v0 = channel 0 of p0..p7, ...
    _mm256_storeu_ps(planes[0] + x, _mm256_mul_ps(_mm256_sub_ps(v0, m0), s0));
    _mm256_storeu_ps(planes[1] + x, _mm256_mul_ps(_mm256_sub_ps(v1, m1), s1));
    _mm256_storeu_ps(planes[2] + x, _mm256_mul_ps(_mm256_sub_ps(v2, m2), s2));
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

const ResizeKernels& ResizeAvx2() {
  static const ResizeKernels k{HPass4, VPass4};
  return k;
}

}  // namespace candor::kernels
#endif  // CANDOR_X86
