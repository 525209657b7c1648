#include "domain/spectral/entropy.h"

#include <catch2/catch.hpp>
#include <cmath>

using namespace greenlane::identify::spectral;
using Catch::Matchers::WithinAbs;

TEST_CASE("spectral entropy is −Σ I ln I") {
  CHECK_THAT(SpectralEntropy(std::vector<Peak>{{100, 0.5}, {200, 0.5}}), WithinAbs(std::log(2.0), 1e-15));
  CHECK(SpectralEntropy(std::vector<Peak>{{100, 1.0}}) == 0);
}

TEST_CASE("a spectrum with entropy below 3 is flattened by I^(0.25 + 0.25 S) and renormalised") {
  const std::vector<Peak> peaks{{100, 0.8}, {200, 0.2}};
  const double entropy = SpectralEntropy(peaks);
  const double w = 0.25 + 0.25 * entropy;
  const double total = std::pow(0.8, w) + std::pow(0.2, w);
  const auto weighted = ApplyEntropyWeight(peaks);
  REQUIRE(weighted.size() == 2);
  CHECK_THAT(weighted[0].intensity, WithinAbs(std::pow(0.8, w) / total, 1e-15));
  CHECK_THAT(weighted[1].intensity, WithinAbs(std::pow(0.2, w) / total, 1e-15));
  CHECK(weighted[1].intensity > 0.2);  // flattened
}

TEST_CASE("a spectrum with entropy of 3 or more is left as it is") {
  std::vector<Peak> peaks;
  for (int i = 0; i < 21; ++i) peaks.push_back({100.0 + i, 1.0 / 21});  // ln 21 ≈ 3.04
  REQUIRE(SpectralEntropy(peaks) >= 3);
  CHECK(ApplyEntropyWeight(peaks) == peaks);
}

TEST_CASE("identical spectra score 1 and spectra without shared peaks score 0") {
  const std::vector<Peak> a{{100, 0.3}, {150, 0.7}};
  CHECK_THAT(EntropySimilarity(a, a, 0.02), WithinAbs(1.0, 1e-12));
  CHECK(EntropySimilarity(a, std::vector<Peak>{{120, 1.0}}, 0.02) == 0);
}

TEST_CASE("peaks match within the tolerance, not beyond it") {
  const std::vector<Peak> a{{100.0, 1.0}};
  CHECK(EntropySimilarity(a, std::vector<Peak>{{100.0199, 1.0}}, 0.02) > 0.99);
  CHECK(EntropySimilarity(a, std::vector<Peak>{{100.0201, 1.0}}, 0.02) == 0);
}

TEST_CASE("the pairwise sum equals 1 − (2·S_AB − S_A − S_B)/ln 4 for the merged spectrum") {
  // With every peak matched at the same m/z, AB = (A+B)/2 is well defined.
  const std::vector<Peak> a{{100, 0.1}, {150, 0.6}, {200, 0.3}};
  const std::vector<Peak> b{{100, 0.5}, {150, 0.25}, {200, 0.25}};
  std::vector<Peak> merged;
  for (std::size_t i = 0; i < a.size(); ++i) merged.push_back({a[i].mz, (a[i].intensity + b[i].intensity) / 2});
  const double expected = 1 - (2 * SpectralEntropy(merged) - SpectralEntropy(a) - SpectralEntropy(b)) / std::log(4.0);
  CHECK_THAT(EntropySimilarity(a, b, 0.02), WithinAbs(expected, 1e-12));
}
