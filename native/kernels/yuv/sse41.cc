// SSE4.1 YUV 4:2:0 row -> BGRX: eight pixels per iteration in int32 lanes.
#include "yuv.h"

#if CANDOR_X86
#include <immintrin.h>

#include <cstring>

namespace candor::kernels {
namespace {

CANDOR_TARGET_SSE41 inline __m128i Load32(const uint8_t* p) {
  int32_t v;
  std::memcpy(&v, p, 4);
  return _mm_cvtsi32_si128(v);
}

// Four chroma samples for eight pixels, each duplicated: [c0 c0 c1 c1 c2 c2 c3 c3].
CANDOR_TARGET_SSE41 inline void LoadChroma(const uint8_t* u, const uint8_t* v, int uvStep, __m128i& uo,
                                           __m128i& vo) {
  if (uvStep == 2) {  // NV12: u points at U, v = u + 1, interleaved UVUV...
    const __m128i uv = _mm_loadl_epi64(reinterpret_cast<const __m128i*>(u));
    uo = _mm_shuffle_epi8(uv, _mm_setr_epi8(0, 0, 2, 2, 4, 4, 6, 6, -1, -1, -1, -1, -1, -1, -1, -1));
    vo = _mm_shuffle_epi8(uv, _mm_setr_epi8(1, 1, 3, 3, 5, 5, 7, 7, -1, -1, -1, -1, -1, -1, -1, -1));
  } else {
    const __m128i a = Load32(u), b = Load32(v);
    uo = _mm_unpacklo_epi8(a, a);
    vo = _mm_unpacklo_epi8(b, b);
  }
}

// Four pixels: y, u, v as int32 -> r, g, b as int32 (before clamping).
CANDOR_TARGET_SSE41 inline void Convert4(__m128i y, __m128i u, __m128i v, const YuvCoeffs& c, __m128i& r,
                                         __m128i& g, __m128i& b) {
  const __m128i k128 = _mm_set1_epi32(128), round = _mm_set1_epi32(2048);
  const __m128i yy = _mm_mullo_epi32(_mm_sub_epi32(y, _mm_set1_epi32(c.yOffset)), _mm_set1_epi32(c.cy));
  const __m128i uu = _mm_sub_epi32(u, k128), vv = _mm_sub_epi32(v, k128);
  r = _mm_srai_epi32(_mm_add_epi32(_mm_add_epi32(yy, _mm_mullo_epi32(vv, _mm_set1_epi32(c.crv))), round), 12);
  g = _mm_srai_epi32(
      _mm_add_epi32(_mm_add_epi32(_mm_add_epi32(yy, _mm_mullo_epi32(uu, _mm_set1_epi32(c.cgu))),
                                  _mm_mullo_epi32(vv, _mm_set1_epi32(c.cgv))),
                    round),
      12);
  b = _mm_srai_epi32(_mm_add_epi32(_mm_add_epi32(yy, _mm_mullo_epi32(uu, _mm_set1_epi32(c.cbu))), round), 12);
}

CANDOR_TARGET_SSE41 void Row(const uint8_t* y, const uint8_t* u, const uint8_t* v, int uvStep, int width,
                             const YuvCoeffs& c, uint8_t* dst) {
  const __m128i alpha = _mm_set1_epi8(static_cast<char>(0xff));
  int x = 0;
  for (; x + 8 <= width; x += 8) {
    const int ci = (x >> 1) * uvStep;
    __m128i u8, v8;
    LoadChroma(u + ci, v + ci, uvStep, u8, v8);
    const __m128i y8 = _mm_loadl_epi64(reinterpret_cast<const __m128i*>(y + x));
    __m128i r0, g0, b0, r1, g1, b1;
    Convert4(_mm_cvtepu8_epi32(y8), _mm_cvtepu8_epi32(u8), _mm_cvtepu8_epi32(v8), c, r0, g0, b0);
    Convert4(_mm_cvtepu8_epi32(_mm_srli_si128(y8, 4)), _mm_cvtepu8_epi32(_mm_srli_si128(u8, 4)),
             _mm_cvtepu8_epi32(_mm_srli_si128(v8, 4)), c, r1, g1, b1);
    // Saturating packs clamp to 0..255 exactly like the scalar clamp.
    const __m128i r = _mm_packus_epi16(_mm_packs_epi32(r0, r1), _mm_setzero_si128());
    const __m128i g = _mm_packus_epi16(_mm_packs_epi32(g0, g1), _mm_setzero_si128());
    const __m128i b = _mm_packus_epi16(_mm_packs_epi32(b0, b1), _mm_setzero_si128());
    const __m128i bg = _mm_unpacklo_epi8(b, g), ra = _mm_unpacklo_epi8(r, alpha);
    _mm_storeu_si128(reinterpret_cast<__m128i*>(dst + x * 4), _mm_unpacklo_epi16(bg, ra));
    _mm_storeu_si128(reinterpret_cast<__m128i*>(dst + x * 4 + 16), _mm_unpackhi_epi16(bg, ra));
  }
  for (; x < width; ++x) {
    const int ci = (x >> 1) * uvStep;
    YuvPixel(y[x], u[ci], v[ci], c, dst + x * 4);
  }
}

}  // namespace

YuvRowFn YuvRowSse41() { return Row; }

}  // namespace candor::kernels
#endif  // CANDOR_X86
