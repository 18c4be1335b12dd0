// AVX2 YUV 4:2:0 row -> BGRX: sixteen pixels per iteration, eight per
// 256-bit register of int32 lanes.
#include "yuv.h"

#if CANDOR_X86
#include <immintrin.h>

#include <cstring>

namespace candor::kernels {
namespace {

// Eight chroma samples for sixteen pixels, each duplicated.
CANDOR_TARGET_AVX2 inline void LoadChroma(const uint8_t* u, const uint8_t* v, int uvStep, __m128i& uo,
                                          __m128i& vo) {
  if (uvStep == 2) {
    const __m128i uv = _mm_loadu_si128(reinterpret_cast<const __m128i*>(u));
    uo = _mm_shuffle_epi8(uv, _mm_setr_epi8(0, 0, 2, 2, 4, 4, 6, 6, 8, 8, 10, 10, 12, 12, 14, 14));
    vo = _mm_shuffle_epi8(uv, _mm_setr_epi8(1, 1, 3, 3, 5, 5, 7, 7, 9, 9, 11, 11, 13, 13, 15, 15));
  } else {
    const __m128i a = _mm_loadl_epi64(reinterpret_cast<const __m128i*>(u));
    const __m128i b = _mm_loadl_epi64(reinterpret_cast<const __m128i*>(v));
    uo = _mm_unpacklo_epi8(a, a);
    vo = _mm_unpacklo_epi8(b, b);
  }
}

CANDOR_TARGET_AVX2 inline void Convert8(__m256i y, __m256i u, __m256i v, const YuvCoeffs& c, __m256i& r,
                                        __m256i& g, __m256i& b) {
  const __m256i k128 = _mm256_set1_epi32(128), round = _mm256_set1_epi32(2048);
  const __m256i yy = _mm256_mullo_epi32(_mm256_sub_epi32(y, _mm256_set1_epi32(c.yOffset)), _mm256_set1_epi32(c.cy));
  const __m256i uu = _mm256_sub_epi32(u, k128), vv = _mm256_sub_epi32(v, k128);
  r = _mm256_srai_epi32(
      _mm256_add_epi32(_mm256_add_epi32(yy, _mm256_mullo_epi32(vv, _mm256_set1_epi32(c.crv))), round), 12);
  g = _mm256_srai_epi32(
      _mm256_add_epi32(_mm256_add_epi32(_mm256_add_epi32(yy, _mm256_mullo_epi32(uu, _mm256_set1_epi32(c.cgu))),
                                        _mm256_mullo_epi32(vv, _mm256_set1_epi32(c.cgv))),
                       round),
      12);
  b = _mm256_srai_epi32(
      _mm256_add_epi32(_mm256_add_epi32(yy, _mm256_mullo_epi32(uu, _mm256_set1_epi32(c.cbu))), round), 12);
}

// Two int32x8 -> sixteen clamped bytes in pixel order.
CANDOR_TARGET_AVX2 inline __m128i Pack16(__m256i lo, __m256i hi) {
  const __m256i w = _mm256_permute4x64_epi64(_mm256_packs_epi32(lo, hi), 0xd8);  // undo in-lane pack order
  return _mm_packus_epi16(_mm256_castsi256_si128(w), _mm256_extracti128_si256(w, 1));
}

CANDOR_TARGET_AVX2 void Row(const uint8_t* y, const uint8_t* u, const uint8_t* v, int uvStep, int width,
                            const YuvCoeffs& c, uint8_t* dst) {
  const __m128i alpha = _mm_set1_epi8(static_cast<char>(0xff));
  int x = 0;
  for (; x + 16 <= width; x += 16) {
    const int ci = (x >> 1) * uvStep;
    __m128i u16, v16;
    LoadChroma(u + ci, v + ci, uvStep, u16, v16);
    const __m128i y16 = _mm_loadu_si128(reinterpret_cast<const __m128i*>(y + x));
    __m256i r0, g0, b0, r1, g1, b1;
    Convert8(_mm256_cvtepu8_epi32(y16), _mm256_cvtepu8_epi32(u16), _mm256_cvtepu8_epi32(v16), c, r0, g0, b0);
    Convert8(_mm256_cvtepu8_epi32(_mm_srli_si128(y16, 8)), _mm256_cvtepu8_epi32(_mm_srli_si128(u16, 8)),
             _mm256_cvtepu8_epi32(_mm_srli_si128(v16, 8)), c, r1, g1, b1);
    const __m128i r = Pack16(r0, r1), g = Pack16(g0, g1), b = Pack16(b0, b1);
    const __m128i bgLo = _mm_unpacklo_epi8(b, g), bgHi = _mm_unpackhi_epi8(b, g);
    const __m128i raLo = _mm_unpacklo_epi8(r, alpha), raHi = _mm_unpackhi_epi8(r, alpha);
    __m128i* d = reinterpret_cast<__m128i*>(dst + x * 4);
    _mm_storeu_si128(d + 0, _mm_unpacklo_epi16(bgLo, raLo));
    _mm_storeu_si128(d + 1, _mm_unpackhi_epi16(bgLo, raLo));
    _mm_storeu_si128(d + 2, _mm_unpacklo_epi16(bgHi, raHi));
    _mm_storeu_si128(d + 3, _mm_unpackhi_epi16(bgHi, raHi));
  }
  for (; x < width; ++x) {
    const int ci = (x >> 1) * uvStep;
    YuvPixel(y[x], u[ci], v[ci], c, dst + x * 4);
  }
}

}  // namespace

YuvRowFn YuvRowAvx2() { return Row; }

}  // namespace candor::kernels
#endif  // CANDOR_X86
