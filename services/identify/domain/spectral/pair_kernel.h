#pragma once

#include <algorithm>
#include <array>
#include <bit>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <new>
#include <utility>
#include <vector>

#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>
#define GREENLANE_SPECTRAL_X86 1
#endif

namespace greenlane::identify::spectral {

/// An index peak's key: m/z within its bucket (12 bits) | intensity exponent (4) | number in its block (16).
/// The m/z is on top so that sorting keys sorts a bucket's peaks by m/z.
inline constexpr int kBlockBits = 16;
inline constexpr std::uint32_t kBlockMask = (std::uint32_t{1} << kBlockBits) - 1;
inline constexpr int kExponentShift = kBlockBits;
inline constexpr std::uint32_t kExponentMask = 0xF;
inline constexpr int kFractionShift = kBlockBits + 4;
/// A stored intensity is level · 2^−(kMinExponent + exponent): a spectrum's highest level lies in
/// [2¹⁵, 2¹⁶), so a spectrum whose highest peak is 1 has exponent 0.
inline constexpr int kMinExponent = 15;

/// Allocates on cache-line boundaries, so that each of the AVX-512 drain's vectors is one line: a
/// large std::vector starts 16 bytes into its page, and every one of them spanned two (aligning
/// the sums made open search 10-15 % faster).
template <class T>
struct CacheLineAllocator {
  using value_type = T;
  static constexpr std::align_val_t kAlignment{64};

  CacheLineAllocator() = default;
  template <class U>
  CacheLineAllocator(const CacheLineAllocator<U>&) {}  // NOLINT: allocators convert implicitly

  T* allocate(std::size_t count) { return static_cast<T*>(::operator new(count * sizeof(T), kAlignment)); }
  void deallocate(T* memory, std::size_t) { ::operator delete(memory, kAlignment); }

  template <class U>
  bool operator==(const CacheLineAllocator<U>&) const {
    return true;
  }
};

/// Running sums of one block's spectra (indexed by number in the block) in fixed point: kSumUnit
/// per unit of Σ[f(a+b) − f(a) − f(b)], so that a score is sum / 2³⁰. Integers add exactly and in
/// any order, take half the cache of doubles, and every pair adds at least 1, so zero means
/// "not touched". Draining a block reads and clears them all.
struct Accumulator {
  std::vector<std::int32_t, CacheLineAllocator<std::int32_t>> sums;
  std::vector<std::uint32_t> runs;  ///< where the next blocks' windows lie, found ahead of scoring
};
/// 2²⁹: a sum is at most Σa + Σb = 2, far below 2³¹, and rounding a pair's term costs 1e-9.
inline constexpr float kSumUnit = 536870912.0f;
/// A score of 1 in sum units (score = ½·sum).
inline constexpr std::int32_t kScoreOne = std::int32_t{1} << 30;

namespace pair_kernel {

// log₂ of a positive normal float: its exponent, plus log₂ of its mantissa m ∈ [1, 2) taken as
// −log₂r + log₂(m·r), where r is (the float nearest) the inverse of the centre of the eighth of
// [1, 2) that m lies in: the mantissa's top three bits pick r and −log₂r from two tables (one
// in-register permute each on the AVX2 path). t = m·r − 1, rounded once (a fused multiply-add),
// lies within ±1/17, where five terms of the series of log₂(1 + t) are within 1.1e-8 of it: half
// the polynomial of a reduction to [√½, √2) alone. The result is within 1e-7 of log₂ plus its own
// rounding (absolute; the tests check it), which keeps a pair term within 3e-7·(a+b). Written once
// per lane type so that the portable and AVX2 paths agree.
inline constexpr float kInverseCentre[8] = {9.411764741e-01f, 8.421052694e-01f, 7.619047761e-01f, 6.956521869e-01f,
                                            6.399999857e-01f, 5.925925970e-01f, 5.517241359e-01f, 5.161290169e-01f};
inline constexpr float kMinusLog2InverseCentre[8] = {8.746283501e-02f, 2.479275018e-01f, 3.923173845e-01f,
                                                     5.235619545e-01f, 6.438562274e-01f, 7.548874617e-01f,
                                                     8.579810262e-01f, 9.541963339e-01f};
/// (−1)ⁿ⁺¹/(n·ln 2), n = 1..5: log₂(1 + t) = Σ kLog2Series[n−1]·tⁿ + O(t⁶/6).
inline constexpr float kLog2Series[5] = {1.442695022e+00f, -7.213475108e-01f, 4.808983505e-01f, -3.606737554e-01f,
                                         2.885390222e-01f};
inline constexpr int kCentreShift = 20;  // the mantissa's top three bits, as a table index

inline float Log2(float value) {
  const auto bits = std::bit_cast<std::uint32_t>(value);
  const int exponent = static_cast<int>(bits >> 23) - 127;
  const std::uint32_t k = (bits >> kCentreShift) & 7;
  const float m = std::bit_cast<float>((bits & 0x007FFFFFu) | 0x3F800000u);  // [1, 2)
  const float t = std::fma(m, kInverseCentre[k], -1.0f);
  float poly = kLog2Series[4];
  for (int i = 3; i >= 0; --i) poly = poly * t + kLog2Series[i];
  return (poly * t + kMinusLog2InverseCentre[k]) + static_cast<float>(exponent);  // one rounding at its scale
}

/// kSumUnit = 2^kSumUnitExponent. Pair terms are computed in sum units: the scale of an index
/// peak's intensity is folded into the power of two that decodes its level, and a query peak's is
/// applied once per window, which saves the kernel a multiplication per pair.
inline constexpr std::int32_t kSumUnitExponent = 29;
static_assert(kSumUnit == float(std::int64_t{1} << kSumUnitExponent));

/// f(a+b) − f(a) − f(b), f(x) = x·log₂x, in sum units (a given in sum units too), written as
/// b·log₂((a+b)/b) + a·log₂((a+b)/a): both terms are positive, so single precision loses nothing to
/// cancellation, and scaling a and b by a power of two changes no rounding. Each term is within a few
/// ulp plus 1e-7·(a+b) of the exact value; summed over a spectrum's pairs (Σa, Σb ≤ 1) a score is
/// within about 3e-7 of the double-precision formula.
inline float ScaledTerm(float scaled_a, std::uint32_t key, std::uint16_t level) {
  const auto exponent = static_cast<std::int32_t>((key >> kExponentShift) & kExponentMask);
  const float b = std::bit_cast<float>(std::bit_cast<std::int32_t>(static_cast<float>(level)) +
                                       ((kSumUnitExponent - kMinExponent - exponent) << 23));
  const float inverse = 1.0f / (scaled_a + b);
  return -(b * Log2(b * inverse) + scaled_a * Log2(scaled_a * inverse));
}

/// A term in sum units, rounded: at least 1, so that a touched spectrum's sum is never zero.
inline std::int32_t Fixed(float scaled_term) {
  return std::max(static_cast<std::int32_t>(std::lrint(scaled_term)), std::int32_t{1});
}

/// Adds terms[j] to the sum of the spectrum of keys[j], j < count, one by one: AVX-512's gather
/// and scatter (with vpconflictd to catch two peaks of one spectrum) made open search ~15 % slower
/// on Zen 4.
inline void ScatterAdd(const std::uint32_t* keys, const std::int32_t* terms, std::size_t count, std::int32_t* sums) {
  for (std::size_t j = 0; j < count; ++j) sums[keys[j] & kBlockMask] += terms[j];
}

inline void AccumulatePortable(const std::uint32_t* keys, const std::uint16_t* levels, std::size_t count, float a,
                               Accumulator& acc) {
  std::int32_t* sums = acc.sums.data();
  const float scaled_a = a * kSumUnit;
  for (std::size_t i = 0; i < count; ++i) sums[keys[i] & kBlockMask] += Fixed(ScaledTerm(scaled_a, keys[i], levels[i]));
}

template <class Visit>
void DrainPortable(std::int32_t* sums, std::size_t begin, std::size_t end, const std::int32_t& above, Visit& visit) {
  for (std::size_t i = begin; i < end; ++i) {
    const std::int32_t value = std::exchange(sums[i], 0);
    if (value > above) visit(static_cast<std::uint32_t>(i), value);
  }
}

#ifdef GREENLANE_SPECTRAL_X86
__attribute__((target("avx2,fma"))) inline __m256 Log2Avx2(__m256 value) {
  const __m256i bits = _mm256_castps_si256(value);
  const __m256i exponent = _mm256_sub_epi32(_mm256_srli_epi32(bits, 23), _mm256_set1_epi32(127));
  const __m256i k = _mm256_srli_epi32(bits, kCentreShift);  // the permutes read its low three bits
  const __m256 m = _mm256_castsi256_ps(
      _mm256_or_si256(_mm256_and_si256(bits, _mm256_set1_epi32(0x007FFFFF)), _mm256_set1_epi32(0x3F800000)));
  const __m256 inverse = _mm256_permutevar8x32_ps(_mm256_loadu_ps(kInverseCentre), k);
  const __m256 minus_log = _mm256_permutevar8x32_ps(_mm256_loadu_ps(kMinusLog2InverseCentre), k);
  const __m256 t = _mm256_fmsub_ps(m, inverse, _mm256_set1_ps(1.0f));
  __m256 poly = _mm256_set1_ps(kLog2Series[4]);
  for (int i = 3; i >= 0; --i) poly = _mm256_fmadd_ps(poly, t, _mm256_set1_ps(kLog2Series[i]));
  return _mm256_add_ps(_mm256_fmadd_ps(poly, t, minus_log), _mm256_cvtepi32_ps(exponent));
}

__attribute__((target("avx2,fma"))) inline __m256 ScaledTermAvx2(__m256 scaled_a, __m256i keys, __m128i levels) {
  // (kSumUnitExponent − kMinExponent − exponent) << 23, the exponent taken straight from its bits.
  const __m256i shift = _mm256_sub_epi32(
      _mm256_set1_epi32((kSumUnitExponent - kMinExponent) << 23),
      _mm256_and_si256(_mm256_slli_epi32(keys, 23 - kExponentShift), _mm256_set1_epi32(kExponentMask << 23)));
  const __m256 level = _mm256_cvtepi32_ps(_mm256_cvtepu16_epi32(levels));
  const __m256 b = _mm256_castsi256_ps(_mm256_add_epi32(_mm256_castps_si256(level), shift));
  // An approximate inverse r of u = a + b (12 bits) instead of a division, the one instruction of
  // the term that is not fully pipelined (2-4 % of an open search): for any r the term is
  // −b·log₂(b·r) − a·log₂(a·r) + u·log₂(u·r), and with u·r = 1 + ε, |ε| < 2⁻¹¹, the last part is
  // u·(ε − ε²/2)/ln 2 to within 1e-11·u.
  const __m256 u = _mm256_add_ps(scaled_a, b);
  const __m256 inverse = _mm256_rcp_ps(u);
  const __m256 epsilon = _mm256_fmsub_ps(u, inverse, _mm256_set1_ps(1.0f));
  const __m256 log_ratio =
      _mm256_mul_ps(epsilon, _mm256_fmadd_ps(epsilon, _mm256_set1_ps(kLog2Series[1]), _mm256_set1_ps(kLog2Series[0])));
  const __m256 a_part =
      _mm256_fmsub_ps(scaled_a, Log2Avx2(_mm256_mul_ps(scaled_a, inverse)), _mm256_mul_ps(u, log_ratio));
  return _mm256_fnmsub_ps(b, Log2Avx2(_mm256_mul_ps(b, inverse)), a_part);
}

__attribute__((target("avx2,fma"))) inline __m256i FixedAvx2(__m256 scaled_term) {
  return _mm256_max_epi32(_mm256_cvtps_epi32(scaled_term), _mm256_set1_epi32(1));
}

/// Eight pairs at a time; the scores are scattered one by one (AVX2 has no scatter). The last
/// partial group is padded so that every pair goes through the same arithmetic.
__attribute__((target("avx2,fma"))) inline void AccumulateAvx2(const std::uint32_t* keys, const std::uint16_t* levels,
                                                               std::size_t count, float a, Accumulator& acc) {
  const __m256 va = _mm256_set1_ps(a * kSumUnit);
  std::int32_t* sums = acc.sums.data();
  alignas(32) std::int32_t terms[8];
  std::size_t i = 0;
  for (; i + 8 <= count; i += 8) {
    const __m256i k = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(keys + i));
    const __m128i l = _mm_loadu_si128(reinterpret_cast<const __m128i*>(levels + i));
    _mm256_store_si256(reinterpret_cast<__m256i*>(terms), FixedAvx2(ScaledTermAvx2(va, k, l)));
    ScatterAdd(keys + i, terms, 8, sums);
  }
  if (i == count) return;
  alignas(32) std::uint32_t tail_keys[8] = {};
  alignas(16) std::uint16_t tail_levels[8] = {1, 1, 1, 1, 1, 1, 1, 1};
  for (std::size_t j = i; j < count; ++j) {
    tail_keys[j - i] = keys[j];
    tail_levels[j - i] = levels[j];
  }
  _mm256_store_si256(reinterpret_cast<__m256i*>(terms),
                     FixedAvx2(ScaledTermAvx2(va, _mm256_load_si256(reinterpret_cast<const __m256i*>(tail_keys)),
                                              _mm_load_si128(reinterpret_cast<const __m128i*>(tail_levels)))));
  ScatterAdd(tail_keys, terms, count - i, sums);
}

/// Reads and clears sums [begin, begin + 8), visiting those above `above`.
template <class Visit>
__attribute__((target("avx2"))) void DrainGroupAvx2(std::int32_t* sums, std::size_t begin, const std::int32_t& above,
                                                    Visit& visit) {
  const __m256i v = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(sums + begin));
  auto mask =
      static_cast<unsigned>(_mm256_movemask_ps(_mm256_castsi256_ps(_mm256_cmpgt_epi32(v, _mm256_set1_epi32(above)))));
  _mm256_storeu_si256(reinterpret_cast<__m256i*>(sums + begin), _mm256_setzero_si256());
  if (mask == 0) return;
  alignas(32) std::int32_t values[8];
  _mm256_store_si256(reinterpret_cast<__m256i*>(values), v);
  for (; mask != 0; mask &= mask - 1) {
    const int j = __builtin_ctz(mask);
    if (values[j] > above) visit(static_cast<std::uint32_t>(begin + j), values[j]);
  }
}

/// Drain's AVX2 path. Nearly every sum is below `above`, so sums are compared 64 at a time (four
/// cache lines) with one branch, and only a chunk holding a candidate is visited eight by eight:
/// a branch per eight sums made draining cost about a sixth of an open search at 1M spectra.
template <class Visit>
__attribute__((target("avx2"))) void DrainAvx2(std::int32_t* sums, std::size_t begin, std::size_t end,
                                               const std::int32_t& above, Visit& visit) {
  constexpr std::size_t kGroup = 8;
  constexpr std::size_t kChunk = 64;
  std::size_t i = begin;
  for (; i + kChunk <= end; i += kChunk) {
    auto* chunk = reinterpret_cast<__m256i*>(sums + i);
    // The chunk's largest sums against the floor: one comparison instead of one per group.
    __m256i most = _mm256_loadu_si256(chunk);
    for (std::size_t g = 1; g < kChunk / kGroup; ++g) most = _mm256_max_epi32(most, _mm256_loadu_si256(chunk + g));
    const __m256i over = _mm256_cmpgt_epi32(most, _mm256_set1_epi32(above));
    if (_mm256_testz_si256(over, over)) {
      for (std::size_t g = 0; g < kChunk / kGroup; ++g) _mm256_storeu_si256(chunk + g, _mm256_setzero_si256());
      continue;
    }
    for (std::size_t g = 0; g < kChunk; g += kGroup) DrainGroupAvx2(sums, i + g, above, visit);
  }
  for (; i + kGroup <= end; i += kGroup) DrainGroupAvx2(sums, i, above, visit);
  DrainPortable(sums, i, end, above, visit);
}

#define GREENLANE_TARGET_AVX512 __attribute__((target("avx512f,avx512bw,avx512dq,avx512vl")))

// GCC 12's AVX-512 intrinsics fill their unused operand with a self-initialised variable, which
// -W(maybe-)uninitialized reports wherever they are inlined (GCC bug 105593, fixed in GCC 13).
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wuninitialized"
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"

// The AVX-512 log₂ reads the exponent and mantissa with getexp/getmant (no integer conversion),
// and picks the mantissa's centre among 32 instead of 8: a two-register permute (vpermt2ps) is one
// instruction like the 8-entry one, and with t within ±1/65 three series terms are within 2e-8
// instead of five within 1.1e-8; with the tables' own rounding the result is within 3e-8 of log₂.
struct Centres32 {
  float inverse[32];             ///< r, the float nearest 1/c for c the centre of the k-th 32nd of [1, 2)
  float minus_log2_inverse[32];  ///< −log₂r, rounded once
};
inline const Centres32 kCentres32 = [] {
  Centres32 centres{};
  for (int k = 0; k < 32; ++k) {
    centres.inverse[k] = static_cast<float>(1.0 / (1.0 + (k + 0.5) / 32));
    centres.minus_log2_inverse[k] = static_cast<float>(-std::log2(double(centres.inverse[k])));
  }
  return centres;
}();
inline constexpr int kCentreShift32 = 18;  // the mantissa's top five bits, as a table index

// A 32-entry table as two registers, the index's low five bits choosing among them.
GREENLANE_TARGET_AVX512 inline __m512 Lookup32(const float* table, __m512i index) {
  return _mm512_permutex2var_ps(_mm512_loadu_ps(table), index, _mm512_loadu_ps(table + 16));
}

GREENLANE_TARGET_AVX512 inline __m512 Log2Avx512(__m512 value) {
  const __m512 exponent = _mm512_getexp_ps(value);  // ⌊log₂ value⌋, exactly
  const __m512 m = _mm512_getmant_ps(value, _MM_MANT_NORM_1_2, _MM_MANT_SIGN_zero);
  const __m512i k = _mm512_srli_epi32(_mm512_castps_si512(value), kCentreShift32);  // permutes read its low 5 bits
  const __m512 t = _mm512_fmsub_ps(m, Lookup32(kCentres32.inverse, k), _mm512_set1_ps(1.0f));
  __m512 poly = _mm512_set1_ps(kLog2Series[2]);
  for (int i = 1; i >= 0; --i) poly = _mm512_fmadd_ps(poly, t, _mm512_set1_ps(kLog2Series[i]));
  return _mm512_add_ps(_mm512_fmadd_ps(poly, t, Lookup32(kCentres32.minus_log2_inverse, k)), exponent);
}

/// Index peaks' intensities in sum units: (kSumUnitExponent − kMinExponent − exponent) << 23 added
/// to each level's float bits, as on the AVX2 path. One permute of a 16-entry table by exponent
/// instead of the shift, mask and subtraction measured no faster (−3 % and +1 % in two sets of runs).
GREENLANE_TARGET_AVX512 inline __m512 IndexIntensityAvx512(__m512i keys, __m256i levels) {
  const __m512i shift = _mm512_sub_epi32(
      _mm512_set1_epi32((kSumUnitExponent - kMinExponent) << 23),
      _mm512_and_si512(_mm512_slli_epi32(keys, 23 - kExponentShift), _mm512_set1_epi32(kExponentMask << 23)));
  const __m512 level = _mm512_cvtepi32_ps(_mm512_cvtepu16_epi32(levels));
  return _mm512_castsi512_ps(_mm512_add_epi32(_mm512_castps_si512(level), shift));
}

// As ScaledTermAvx2, sixteen lanes. rcp14 gives 14 bits, so |ε| < 2⁻¹⁴ and u·log₂(u·r) is
// u·ε/ln 2 to within 3e-9·u: one multiplication fewer than the AVX2 path's second-order form.
GREENLANE_TARGET_AVX512 inline __m512 ScaledTermAvx512(__m512 scaled_a, __m512i keys, __m256i levels) {
  const __m512 b = IndexIntensityAvx512(keys, levels);
  const __m512 u = _mm512_add_ps(scaled_a, b);
  const __m512 inverse = _mm512_rcp14_ps(u);
  const __m512 epsilon = _mm512_fmsub_ps(u, inverse, _mm512_set1_ps(1.0f));
  const __m512 u_log_ratio = _mm512_mul_ps(_mm512_mul_ps(u, epsilon), _mm512_set1_ps(kLog2Series[0]));
  const __m512 a_part = _mm512_fmsub_ps(scaled_a, Log2Avx512(_mm512_mul_ps(scaled_a, inverse)), u_log_ratio);
  return _mm512_fnmsub_ps(b, Log2Avx512(_mm512_mul_ps(b, inverse)), a_part);
}

GREENLANE_TARGET_AVX512 inline __m512i FixedTermsAvx512(__m512 scaled_a, __m512i keys, __m256i levels) {
  return _mm512_max_epi32(_mm512_cvtps_epi32(ScaledTermAvx512(scaled_a, keys, levels)), _mm512_set1_epi32(1));
}

/// Sixteen pairs at a time; the last partial group is read through masked loads (its other lanes
/// compute terms that are never added), so every pair goes through the same arithmetic.
GREENLANE_TARGET_AVX512 inline void AccumulateAvx512(const std::uint32_t* keys, const std::uint16_t* levels,
                                                     std::size_t count, float a, Accumulator& acc) {
  constexpr std::size_t kLanes = 16;
  const __m512 va = _mm512_set1_ps(a * kSumUnit);
  std::int32_t* sums = acc.sums.data();
  alignas(64) std::int32_t terms[kLanes];
  std::size_t i = 0;
  for (; i + kLanes <= count; i += kLanes) {
    _mm512_store_si512(terms, FixedTermsAvx512(va, _mm512_loadu_si512(keys + i),
                                               _mm256_loadu_si256(reinterpret_cast<const __m256i*>(levels + i))));
    ScatterAdd(keys + i, terms, kLanes, sums);
  }
  if (i == count) return;
  const auto lanes = static_cast<__mmask16>((1u << (count - i)) - 1);
  _mm512_store_si512(terms, FixedTermsAvx512(va, _mm512_maskz_loadu_epi32(lanes, keys + i),
                                             _mm256_maskz_loadu_epi16(lanes, levels + i)));
  ScatterAdd(keys + i, terms, count - i, sums);
}

/// Reads and clears sums [begin, begin + 16), visiting those above `above`.
template <class Visit>
GREENLANE_TARGET_AVX512 void DrainGroupAvx512(std::int32_t* sums, std::size_t begin, const std::int32_t& above,
                                              Visit& visit) {
  const __m512i v = _mm512_loadu_si512(sums + begin);
  unsigned mask = _mm512_cmpgt_epi32_mask(v, _mm512_set1_epi32(above));
  _mm512_storeu_si512(sums + begin, _mm512_setzero_si512());
  if (mask == 0) return;
  alignas(64) std::int32_t values[16];
  _mm512_store_si512(values, v);
  for (; mask != 0; mask &= mask - 1) {
    const int j = __builtin_ctz(mask);
    if (values[j] > above) visit(static_cast<std::uint32_t>(begin + j), values[j]);
  }
}

/// Drain's AVX-512 path: as DrainAvx2, a chunk's maximum against the floor, compared straight into
/// a mask register. Chunks of 128 sums (eight lines) were ~5 % faster than of 64: half the
/// branches, and the floor rejects nearly all of them either way.
template <class Visit>
GREENLANE_TARGET_AVX512 void DrainAvx512(std::int32_t* sums, std::size_t begin, std::size_t end,
                                         const std::int32_t& above, Visit& visit) {
  constexpr std::size_t kGroup = 16;
  constexpr std::size_t kChunk = 128;
  std::size_t i = begin;
  for (; i + kChunk <= end; i += kChunk) {
    std::int32_t* chunk = sums + i;
    __m512i most = _mm512_loadu_si512(chunk);
    for (std::size_t g = kGroup; g < kChunk; g += kGroup) most = _mm512_max_epi32(most, _mm512_loadu_si512(chunk + g));
    if (_mm512_cmpgt_epi32_mask(most, _mm512_set1_epi32(above)) == 0) {
      for (std::size_t g = 0; g < kChunk; g += kGroup) _mm512_storeu_si512(chunk + g, _mm512_setzero_si512());
      continue;
    }
    for (std::size_t g = 0; g < kChunk; g += kGroup) DrainGroupAvx512(sums, i + g, above, visit);
  }
  for (; i + kGroup <= end; i += kGroup) DrainGroupAvx512(sums, i, above, visit);
  DrainPortable(sums, i, end, above, visit);
}
#pragma GCC diagnostic pop
#endif

/// The arithmetic paths, slowest first. All give the same sums within the tests' tolerances, and
/// the tests run every one the processor has.
enum class Kernel { kPortable, kAvx2, kAvx512 };

/// Whether this processor runs `kernel`; checked once.
inline bool Supports(Kernel kernel) {
#ifdef GREENLANE_SPECTRAL_X86
  static const bool avx2 = __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
  static const bool avx512 = avx2 && __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512bw") &&
                             __builtin_cpu_supports("avx512dq") && __builtin_cpu_supports("avx512vl");
  switch (kernel) {
    case Kernel::kPortable:
      return true;
    case Kernel::kAvx2:
      return avx2;
    case Kernel::kAvx512:
      return avx512;
  }
  return false;
#else
  return kernel == Kernel::kPortable;
#endif
}

/// The fastest kernel this processor runs; chosen once.
inline Kernel BestKernel() {
  static const Kernel best = Supports(Kernel::kAvx512) ? Kernel::kAvx512
                             : Supports(Kernel::kAvx2) ? Kernel::kAvx2
                                                       : Kernel::kPortable;
  return best;
}

/// Adds query peak `a` paired with each of `count` index peaks to `acc` on `kernel`, which the
/// processor must support (the tests pass each in turn).
inline void Accumulate(const std::uint32_t* keys, const std::uint16_t* levels, std::size_t count, float a,
                       Accumulator& acc, Kernel kernel = BestKernel()) {
#ifdef GREENLANE_SPECTRAL_X86
  if (kernel == Kernel::kAvx512) return AccumulateAvx512(keys, levels, count, a, acc);
  if (kernel == Kernel::kAvx2) return AccumulateAvx2(keys, levels, count, a, acc);
#endif
  AccumulatePortable(keys, levels, count, a, acc);
}

/// Reads and clears sums [begin, end), calling visit(number, sum) for each sum above `above`,
/// which visit may raise as it goes. Most spectra score below what the search keeps, so their
/// sums are compared a vector at a time and never looked at one by one.
template <class Visit>
void Drain(Accumulator& acc, std::size_t begin, std::size_t end, const std::int32_t& above, Visit visit,
           Kernel kernel = BestKernel()) {
#ifdef GREENLANE_SPECTRAL_X86
  if (kernel == Kernel::kAvx512) return DrainAvx512(acc.sums.data(), begin, end, above, visit);
  if (kernel == Kernel::kAvx2) return DrainAvx2(acc.sums.data(), begin, end, above, visit);
#endif
  DrainPortable(acc.sums.data(), begin, end, above, visit);
}

}  // namespace pair_kernel
}  // namespace greenlane::identify::spectral
