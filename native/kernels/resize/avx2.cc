// AVX2 resampling: two output pixels per register in hpass (one per 128-bit
// lane, so vpshufb/vpmaddwd stay in-lane; weights pre-packed per lane by HPack),
// eight pixels per iteration in vpass.
//
// No AVX-512 level: an hpass with one vpermt2b (VBMI) and one vpdpwssd (VNNI)
// per tap pair, bit-identical to scalar, was slower than this one on the
// 2-core Zen 4 reference machine (1080p -> 320x320 area, interleaved in one
// process: fastest call 0.55 ms on 256-bit registers and 0.59 ms on 512-bit,
// against 0.41 ms here), so it was not kept (issue 13, 2026-12-03).
#include "resize.h"

#if CANDOR_X86
#include <immintrin.h>

#include <algorithm>
#include <cstring>

namespace candor::kernels {
namespace {

// Per 128-bit lane: the pixel pair in bytes 0..7 (Lo) or 8..15 (Hi) of four
// BGRA pixels -> int16 [p0.c0, p1.c0, p0.c1, p1.c1, ...], so that vpmaddwd
// sums a tap pair per channel.
CANDOR_TARGET_AVX2 inline __m256i PairShuffleLo() {
  return _mm256_setr_epi8(0, -1, 4, -1, 1, -1, 5, -1, 2, -1, 6, -1, 3, -1, 7, -1,  //
                          0, -1, 4, -1, 1, -1, 5, -1, 2, -1, 6, -1, 3, -1, 7, -1);
}

CANDOR_TARGET_AVX2 inline __m256i PairShuffleHi() {
  return _mm256_setr_epi8(8, -1, 12, -1, 9, -1, 13, -1, 10, -1, 14, -1, 11, -1, 15, -1,  //
                          8, -1, 12, -1, 9, -1, 13, -1, 10, -1, 14, -1, 11, -1, 15, -1);
}

// Two outputs per register: output a in the low lane, b in the high lane.
CANDOR_TARGET_AVX2 inline __m256i Join(__m256i a, __m256i b) { return _mm256_blend_epi32(a, b, 0xF0); }

CANDOR_TARGET_AVX2 inline __m256i Bcast128(const uint8_t* p) {
  return _mm256_broadcastsi128_si256(_mm_loadu_si128(reinterpret_cast<const __m128i*>(p)));
}

CANDOR_TARGET_AVX2 inline __m256i Bcast64(const uint8_t* p) {
  int64_t v;
  std::memcpy(&v, p, 8);
  return _mm256_set1_epi64x(v);
}

CANDOR_TARGET_AVX2 inline __m256i Bcast32(const uint8_t* p) {
  int32_t v;
  std::memcpy(&v, p, 4);
  return _mm256_set1_epi32(v);
}

CANDOR_TARGET_AVX2 inline __m256i LoadW(const int16_t* w) {
  return _mm256_loadu_si256(reinterpret_cast<const __m256i*>(w));
}

// Packed layout: for each output pair (x, x + 1) and tap pair j < ceil(taps / 2),
// 16 int16: (w[x][2j], w[x][2j + 1]) four times, then the same for x + 1 (a tap
// past the last is 0). An odd last output keeps its taps weights as they were.
void HPack(const int16_t* w, int taps, int outW, std::vector<int16_t>* packed) {
  const int groups = (taps + 1) / 2;
  const int outPairs = outW / 2;
  packed->assign(static_cast<size_t>(outPairs) * groups * 16 + static_cast<size_t>(outW & 1) * taps, 0);
  int16_t* d = packed->data();
  for (int xp = 0; xp < outPairs; ++xp) {
    for (int j = 0; j < groups; ++j) {
      for (int half = 0; half < 2; ++half) {
        const int16_t* wx = w + static_cast<ptrdiff_t>(2 * xp + half) * taps;
        const int16_t w0 = wx[2 * j], w1 = 2 * j + 1 < taps ? wx[2 * j + 1] : int16_t{0};
        for (int r = 0; r < 4; ++r) {
          *d++ = w0;
          *d++ = w1;
        }
      }
    }
  }
  if (outW & 1) std::copy(w + static_cast<ptrdiff_t>(outW - 1) * taps, w + static_cast<ptrdiff_t>(outW) * taps, d);
}

// The source row is streamed once (an area filter reads every byte); asking for
// the lines this far ahead keeps the loads from waiting on memory. Prefetches
// never fault, so reaching past the row's end is harmless.
constexpr int kPrefetchAhead = 1024;

// Sum of one output pair (a in the low lane, b in the high lane), before rounding.
template <int kTaps>
CANDOR_TARGET_AVX2 inline __m256i PairSum(const uint8_t* pa, const uint8_t* pb, const int16_t* wp, int taps,
                                          __m256i shufLo, __m256i shufHi) {
  __m256i acc = _mm256_setzero_si256();
  int k = 0;
  for (; k + 4 <= taps; k += 4) {  // four taps: one 16-byte load per output, both pairs shuffled in-lane
    const __m256i px = Join(Bcast128(pa + k * 4), Bcast128(pb + k * 4));
    acc = _mm256_add_epi32(acc, _mm256_madd_epi16(_mm256_shuffle_epi8(px, shufLo), LoadW(wp + k * 8)));
    acc = _mm256_add_epi32(acc, _mm256_madd_epi16(_mm256_shuffle_epi8(px, shufHi), LoadW(wp + k * 8 + 16)));
  }
  if (k + 2 <= taps) {
    const __m256i px = Join(Bcast64(pa + k * 4), Bcast64(pb + k * 4));
    acc = _mm256_add_epi32(acc, _mm256_madd_epi16(_mm256_shuffle_epi8(px, shufLo), LoadW(wp + k * 8)));
    k += 2;
  }
  if (k < taps) {  // last odd tap: its pair partner is the same pixel again, with weight 0
    const __m256i px = Join(Bcast32(pa + k * 4), Bcast32(pb + k * 4));
    acc = _mm256_add_epi32(acc, _mm256_madd_epi16(_mm256_shuffle_epi8(px, shufLo), LoadW(wp + k * 8)));
  }
  return acc;
}

// kTaps > 0: the tap count known at compile time (the tap loops unroll);
// 0: read from `taps`.
template <int kTaps>
CANDOR_TARGET_AVX2 void HPass4T(const uint8_t* src, const int32_t* xofs, const int16_t* packedW, int runtimeTaps,
                                int outW, int32_t* dst) {
  const int taps = kTaps > 0 ? kTaps : runtimeTaps;
  const __m256i shufLo = PairShuffleLo(), shufHi = PairShuffleHi();
  const __m256i round = _mm256_set1_epi32(32);
  const ptrdiff_t perPair = static_cast<ptrdiff_t>((taps + 1) / 2) * 16;
  const int16_t* wp = packedW;
  auto at = [&](int i) { return src + static_cast<ptrdiff_t>(xofs[i]) * 4; };
  int x = 0;
  for (; x + 4 <= outW; x += 4, wp += 2 * perPair) {  // two output pairs: independent chains
    _mm_prefetch(reinterpret_cast<const char*>(at(x + 3)) + kPrefetchAhead, _MM_HINT_T0);
    __m256i a0 = PairSum<kTaps>(at(x), at(x + 1), wp, taps, shufLo, shufHi);
    __m256i a1 = PairSum<kTaps>(at(x + 2), at(x + 3), wp + perPair, taps, shufLo, shufHi);
    a0 = _mm256_srai_epi32(_mm256_add_epi32(a0, round), 6);
    a1 = _mm256_srai_epi32(_mm256_add_epi32(a1, round), 6);
    _mm256_storeu_si256(reinterpret_cast<__m256i*>(dst + static_cast<ptrdiff_t>(x) * 4), a0);
    _mm256_storeu_si256(reinterpret_cast<__m256i*>(dst + static_cast<ptrdiff_t>(x) * 4 + 8), a1);
  }
  for (; x + 2 <= outW; x += 2, wp += perPair) {
    __m256i acc = PairSum<kTaps>(at(x), at(x + 1), wp, taps, shufLo, shufHi);
    acc = _mm256_srai_epi32(_mm256_add_epi32(acc, round), 6);
    _mm256_storeu_si256(reinterpret_cast<__m256i*>(dst + static_cast<ptrdiff_t>(x) * 4), acc);
  }
  for (; x < outW; ++x) {  // odd last column: same arithmetic, scalar, on its unpacked weights
    const uint8_t* p = src + static_cast<ptrdiff_t>(xofs[x]) * 4;
    for (int c = 0; c < 4; ++c) {
      int32_t a = 0;
      for (int t = 0; t < taps; ++t) a += p[t * 4 + c] * static_cast<int32_t>(wp[t]);
      dst[x * 4 + c] = (a + 32) >> 6;
    }
  }
}

CANDOR_TARGET_AVX2 void HPass4(const uint8_t* src, const int32_t* xofs, const int16_t* packedW, int taps, int outW,
                               int32_t* dst) {
  switch (taps) {  // the counts bilinear (2) and area at common scales (2..8) use
    case 2: return HPass4T<2>(src, xofs, packedW, taps, outW, dst);
    case 3: return HPass4T<3>(src, xofs, packedW, taps, outW, dst);
    case 4: return HPass4T<4>(src, xofs, packedW, taps, outW, dst);
    case 5: return HPass4T<5>(src, xofs, packedW, taps, outW, dst);
    case 6: return HPass4T<6>(src, xofs, packedW, taps, outW, dst);
    case 7: return HPass4T<7>(src, xofs, packedW, taps, outW, dst);
    case 8: return HPass4T<8>(src, xofs, packedW, taps, outW, dst);
    default: return HPass4T<0>(src, xofs, packedW, taps, outW, dst);
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
  static const ResizeKernels k{HPack, HPass4, VPass4};
  return k;
}

}  // namespace candor::kernels
#endif  // CANDOR_X86
