// The search's numeric path: single-precision pair terms on the SIMD and portable kernels, fixed-point
// sums, and the power-of-two intensity encoding, each checked against the double-precision formula.
#include <algorithm>
#include <bit>
#include <catch2/catch.hpp>
#include <cmath>
#include <map>
#include <random>

#include "domain/spectral/entropy.h"
#include "domain/spectral/library.h"
#include "domain/spectral/segment.h"
#include "domain/spectral/synthetic.h"

using namespace greenlane::identify::spectral;
using Catch::Matchers::WithinAbs;
using pair_kernel::Kernel;

namespace {

double ExactTerm(double a, double b) { return (a + b) * std::log2(a + b) - a * std::log2(a) - b * std::log2(b); }

// The kernels this processor runs, each of which every test below checks. CI runs on a processor
// with AVX-512; elsewhere a missing path is reported, not silently passed over.
std::vector<Kernel> Kernels() {
  std::vector<Kernel> kernels;
  for (const Kernel kernel : {Kernel::kPortable, Kernel::kAvx2, Kernel::kAvx512}) {
    if (pair_kernel::Supports(kernel)) {
      kernels.push_back(kernel);
    } else {
      WARN("this processor lacks kernel " << int(kernel) << " (1 AVX2, 2 AVX-512): not checked here");
    }
  }
  return kernels;
}

// Sums of query peak `a` against the first `count` index peaks (key, level), drained into
// number → sum.
std::map<std::uint32_t, std::int32_t> Accumulated(const std::vector<std::uint32_t>& keys,
                                                  const std::vector<std::uint16_t>& levels, std::size_t count, float a,
                                                  Kernel kernel) {
  Accumulator acc;
  acc.sums.assign(kBlockMask + 1, 0);
  pair_kernel::Accumulate(keys.data(), levels.data(), count, a, acc, kernel);
  std::map<std::uint32_t, std::int32_t> out;
  pair_kernel::Drain(
      acc, 0, acc.sums.size(), 0, [&](std::uint32_t local, std::int32_t sum) { out[local] = sum; }, kernel);
  return out;
}

#ifdef GREENLANE_SPECTRAL_X86
__attribute__((target("avx2,fma"))) void Log2Avx2(const float* in, float* out) {
  _mm256_storeu_ps(out, pair_kernel::Log2Avx2(_mm256_loadu_ps(in)));
}

#pragma GCC diagnostic push  // GCC bug 105593, as in pair_kernel.h
#pragma GCC diagnostic ignored "-Wuninitialized"
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
GREENLANE_TARGET_AVX512 void Log2Avx512(const float* in, float* out) {
  _mm512_storeu_ps(out, pair_kernel::Log2Avx512(_mm512_loadu_ps(in)));
}
#pragma GCC diagnostic pop
#endif

}  // namespace

TEST_CASE("each pair term is within 3e-7 of (a+b) of the double formula, from equal to 10⁹-fold intensities") {
  std::mt19937_64 random(7);
  std::uniform_real_distribution<double> log_intensity(-20, 0);  // 1e-6 .. 1 for queries
  std::uniform_int_distribution<int> level(1, 65535);
  std::uniform_int_distribution<std::uint32_t> exponent(0, kExponentMask);
  std::vector<std::uint32_t> keys;
  std::vector<std::uint16_t> levels;
  for (std::uint32_t i = 0; i < 4016; ++i) {
    keys.push_back((exponent(random) << kExponentShift) | i);
    levels.push_back(static_cast<std::uint16_t>(level(random)));
  }
  for (std::size_t round = 0; round < 20; ++round) {
    const auto a = static_cast<float>(std::exp2(log_intensity(random)));
    const std::size_t count = keys.size() - round;  // every size of a padded or masked last group
    for (const Kernel kernel : Kernels()) {
      INFO("a = " << a << ", kernel = " << int(kernel) << ", " << count << " pairs");
      const auto sums = Accumulated(keys, levels, count, a, kernel);
      REQUIRE(sums.size() == count);
      for (std::uint32_t i = 0; i < count; ++i) {
        const double b = std::ldexp(double(levels[i]), -(kMinExponent + int(keys[i] >> kExponentShift)));
        const double index = sums.at(i) / double(kSumUnit);
        REQUIRE_THAT(index, WithinAbs(ExactTerm(a, b), 3e-7 * (a + b) + 2e-9));
      }
    }
  }
}

// log₂ within 1e-7 plus the float rounding of the result itself (half an ulp: 6e-8 relative).
double Log2Tolerance(float value) { return 1e-7 + 6e-8 * std::abs(std::log2(double(value))); }

// Checks a vector log₂ of `lanes` lanes on `values`, a multiple of `lanes` long.
template <class Log2>
void CheckVectorLog2(const std::vector<float>& values, std::size_t lanes, Log2 log2) {
  std::vector<float> out(values.size());
  for (std::size_t i = 0; i + lanes <= values.size(); i += lanes) log2(values.data() + i, out.data() + i);
  for (std::size_t i = 0; i < values.size(); ++i) {
    INFO("value " << values[i] << ", " << lanes << " lanes");
    REQUIRE_THAT(out[i], WithinAbs(std::log2(double(values[i])), Log2Tolerance(values[i])));
  }
}

TEST_CASE("log2 is within 1e-7 plus its own rounding on every kernel, over every ratio a pair forms") {
  std::mt19937_64 random(5);
  std::uniform_int_distribution<std::uint32_t> below_one(0x30000000u, 0x3F7FFFFFu);  // 2⁻³¹ .. 1 − 2⁻²⁴
  std::vector<float> values;
  for (int i = 0; i < 100000; ++i) values.push_back(std::bit_cast<float>(below_one(random)));
  for (int k = 0; k <= 32; ++k) {  // both sides of each edge between table entries (8 or 32 of them)
    const float edge = std::ldexp(1.0f + float(k) / 32, -1);
    values.push_back(edge);
    values.push_back(std::nextafter(edge, 0.0f));
  }
  for (const float value : values) {
    INFO("value " << value);
    REQUIRE_THAT(pair_kernel::Log2(value), WithinAbs(std::log2(double(value)), Log2Tolerance(value)));
  }
  while (values.size() % 16 != 0) values.push_back(0.75f);
#ifdef GREENLANE_SPECTRAL_X86
  const auto kernels = Kernels();
  auto has = [&](Kernel kernel) { return std::find(kernels.begin(), kernels.end(), kernel) != kernels.end(); };
  if (has(Kernel::kAvx2)) CheckVectorLog2(values, 8, Log2Avx2);
  if (has(Kernel::kAvx512)) CheckVectorLog2(values, 16, Log2Avx512);
#endif
}

TEST_CASE("drain visits exactly the sums above a floor that rises as it goes, and clears every sum") {
  std::mt19937_64 random(11);
  std::uniform_int_distribution<std::int32_t> sum(0, 1000);
  std::uniform_int_distribution<std::size_t> bound(0, 700);
  const auto kernels = Kernels();
  for (int round = 0; round < 600; ++round) {
    const Kernel kernel = kernels[std::size_t(round) % kernels.size()];
    INFO("kernel " << int(kernel));
    Accumulator acc;
    acc.sums.resize(kBlockMask + 1);
    for (std::int32_t& s : acc.sums) s = sum(random) < 990 ? 0 : sum(random);  // sparse, as in a search
    const std::size_t one = bound(random);
    const std::size_t other = bound(random);
    const std::size_t begin = std::min(one, other);
    const std::size_t end = std::max(one, other);
    const std::vector<std::int32_t> before(acc.sums.begin(), acc.sums.end());
    // The floor rises by one with each visit, as the search's does when it keeps a match.
    std::int32_t above = round % 2 == 0 ? 0 : 500;
    std::int32_t expected_above = above;
    std::vector<std::uint32_t> expected;
    for (std::size_t i = begin; i < end; ++i) {
      if (before[i] > expected_above) {
        expected.push_back(static_cast<std::uint32_t>(i));
        ++expected_above;
      }
    }
    std::vector<std::uint32_t> visited;
    pair_kernel::Drain(
        acc, begin, end, above,
        [&](std::uint32_t local, std::int32_t value) {
          REQUIRE(value == before[local]);
          visited.push_back(local);
          ++above;
        },
        kernel);
    CHECK(visited == expected);
    std::vector<std::int32_t> cleared = before;
    std::fill(cleared.begin() + static_cast<std::ptrdiff_t>(begin), cleared.begin() + static_cast<std::ptrdiff_t>(end),
              0);
    CHECK(std::equal(acc.sums.begin(), acc.sums.end(), cleared.begin(), cleared.end()));
  }
}

TEST_CASE("the SIMD and portable kernels give the same scores as the pairwise formula") {
  SyntheticOptions synthetic_options;
  synthetic_options.seed = 31;
  synthetic_options.species = 40;
  const SyntheticSpectra synthetic(synthetic_options);
  SegmentBuilder builder;
  for (std::uint32_t i = 0; i < 300; ++i) {
    const ReferenceSpectrum reference = synthetic.Reference(i);
    builder.Add(i, 0, reference.precursor_mz, PrepareSpectrum(reference.peaks, reference.precursor_mz, {}));
  }
  const Segment segment = builder.Build();
  for (std::uint64_t q = 0; q < 6; ++q) {
    const QuerySpectrum query = synthetic.Query(q, q);
    const auto prepared = PrepareSpectrum(query.peaks, query.precursor_mz, {});
    const auto peaks = MakeQueryPeaks(prepared, 0.02);
    for (const Kernel kernel : Kernels()) {
      INFO("kernel " << int(kernel));
      Accumulator acc;
      acc.sums.assign(kBlockMask + 1, 0);
      std::size_t scored = 0;
      segment.ScoreOpen(
          peaks, acc,
          [&](std::uint32_t block) {
            pair_kernel::Drain(acc, 0, acc.sums.size(), 0, [&](std::uint32_t local, std::int32_t sum) {
              const std::uint32_t id = segment.GlobalId((block << kBlockBits) + local);
              const auto stored = segment.StoredPeaks(segment.LocalOf(id).value());
              REQUIRE_THAT(sum / double(kScoreOne), WithinAbs(EntropySimilarity(prepared, stored, 0.02), 1e-6));
              ++scored;
            });
          },
          kernel);
      CHECK(scored >= 5);  // the comparison is not vacuous
    }
  }
}

TEST_CASE("stored intensities sum to exactly 1 however many peaks a spectrum has") {
  // 35,000 equal peaks put the highest below 2⁻¹⁵: the scale exponent reaches its limit.
  for (const std::size_t count :
       {std::size_t{1}, std::size_t{2}, std::size_t{3}, std::size_t{1000}, std::size_t{35000}}) {
    INFO(count << " peaks");
    ReferenceSpectrum reference{"many", "Testus peakii", "test", Polarity::kPositive, std::nullopt, {}};
    for (std::size_t i = 0; i < count; ++i) reference.peaks.push_back({50.0 + 0.1 * double(i), 1.0 + double(i % 7)});
    SpectralLibrary library;
    REQUIRE(library.Add({&reference, 1}).ok());
    const auto prepared = PrepareSpectrum(reference.peaks, std::nullopt, {});
    const auto stored = library.StoredPeaks(0);
    REQUIRE(stored.size() == prepared.size());
    double highest = 0;
    for (const Peak& p : prepared) highest = std::max(highest, p.intensity);
    double total = 0;
    for (std::size_t i = 0; i < stored.size(); ++i) {
      REQUIRE_THAT(stored[i].intensity, WithinAbs(prepared[i].intensity, 1e-4 * highest));
      total += stored[i].intensity;
    }
    CHECK(total == 1.0);
  }
}
