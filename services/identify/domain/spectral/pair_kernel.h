#pragma once

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstddef>
#include <cstdint>
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

/// Running sums of one block's spectra (indexed by number in the block) in fixed point: kSumUnit
/// per unit of Σ[f(a+b) − f(a) − f(b)], so that a score is sum / 2³⁰. Integers add exactly and in
/// any order, take half the cache of doubles, and every pair adds at least 1, so zero means
/// "not touched". Draining a block reads and clears them all.
struct Accumulator {
  std::vector<std::int32_t> sums;
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
    for (int j = 0; j < 8; ++j) sums[keys[i + j] & kBlockMask] += terms[j];
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
  for (std::size_t j = 0; j < count - i; ++j) sums[tail_keys[j] & kBlockMask] += terms[j];
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
#endif

/// Whether this processor runs the AVX2 path; checked once.
inline bool HasAvx2() {
#ifdef GREENLANE_SPECTRAL_X86
  static const bool has = __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
  return has;
#else
  return false;
#endif
}

/// Adds query peak `a` paired with each of `count` index peaks to `acc`, on the fastest path the
/// processor offers (or the portable one when `portable`, which the tests compare against).
inline void Accumulate(const std::uint32_t* keys, const std::uint16_t* levels, std::size_t count, float a,
                       Accumulator& acc, bool portable = false) {
#ifdef GREENLANE_SPECTRAL_X86
  if (!portable && HasAvx2()) return AccumulateAvx2(keys, levels, count, a, acc);
#endif
  AccumulatePortable(keys, levels, count, a, acc);
}

/// Reads and clears sums [begin, end), calling visit(number, sum) for each sum above `above`,
/// which visit may raise as it goes. Most spectra score below what the search keeps, so their
/// sums are compared eight at a time and never looked at one by one.
template <class Visit>
void Drain(Accumulator& acc, std::size_t begin, std::size_t end, const std::int32_t& above, Visit visit) {
#ifdef GREENLANE_SPECTRAL_X86
  if (HasAvx2()) return DrainAvx2(acc.sums.data(), begin, end, above, visit);
#endif
  DrainPortable(acc.sums.data(), begin, end, above, visit);
}

}  // namespace pair_kernel
}  // namespace greenlane::identify::spectral
