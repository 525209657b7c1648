#include "domain/spectral/cleaning.h"

#include <catch2/catch.hpp>

using namespace greenlane::identify::spectral;
using Catch::Matchers::WithinAbs;

TEST_CASE("cleaning drops peaks with m/z or intensity at or below zero, and NaN") {
  const auto kept = DropNonPositive({{100, 5}, {0, 5}, {-3, 5}, {50, 0}, {60, -1}, {70, std::nan("")}, {80, 2}});
  REQUIRE(kept == std::vector<Peak>{{80, 2}, {100, 5}});
}

TEST_CASE("cleaning drops peaks above precursor minus 1.6 Da") {
  const auto kept = DropNearPrecursor({{100, 1}, {198.4, 1}, {198.41, 1}, {250, 1}}, 200.0, 1.6);
  REQUIRE(kept == std::vector<Peak>{{100, 1}, {198.4, 1}});
}

TEST_CASE("centroiding merges close peaks into their intensity-weighted mean, most intense first") {
  // 100.00 (most intense) absorbs 100.03 but not 100.06 (0.06 from it); 100.06 then stands alone.
  const auto merged = Centroid({{100.00, 3}, {100.03, 1}, {100.06, 2}, {200, 1}}, 0.05);
  REQUIRE(merged.size() == 3);
  CHECK_THAT(merged[0].mz, WithinAbs((100.00 * 3 + 100.03 * 1) / 4, 1e-12));
  CHECK(merged[0].intensity == 4);
  CHECK(merged[1] == Peak{100.06, 2});
  CHECK(merged[2] == Peak{200, 1});
}

TEST_CASE("centroiding repeats until no two peaks are closer than the distance") {
  // Pass 1: 100.06 (most intense) absorbs 100.02 and moves to 100.0418; 99.995 was 0.065 away and
  // stays. Now they are 0.047 apart, so pass 2 merges them.
  const auto merged = Centroid({{99.995, 4}, {100.02, 5}, {100.06, 6}}, 0.05);
  REQUIRE(merged.size() == 1);
  CHECK_THAT(merged[0].mz, WithinAbs((99.995 * 4 + 100.02 * 5 + 100.06 * 6) / 15, 1e-12));
  CHECK(merged[0].intensity == 15);
}

TEST_CASE("cleaning drops peaks below 1% of the highest peak") {
  const auto kept = DropBelowFraction({{100, 1000}, {110, 10}, {120, 9.99}}, 0.01);
  REQUIRE(kept == std::vector<Peak>{{100, 1000}, {110, 10}});
}

TEST_CASE("cleaning can keep only the N most intense peaks, sorted by m/z") {
  const auto kept = KeepMostIntense({{100, 5}, {110, 1}, {120, 7}, {130, 3}}, 2);
  REQUIRE(kept == std::vector<Peak>{{100, 5}, {120, 7}});
}

TEST_CASE("cleaning normalises intensities to sum 1") {
  const auto normalised = NormaliseToSum({{100, 1}, {110, 3}});
  REQUIRE(normalised == std::vector<Peak>{{100, 0.25}, {110, 0.75}});
}

TEST_CASE("the full cleaning applies the steps in the published order") {
  CleaningOptions options;
  options.max_peaks = 2;
  // The 0.3 peak at 100.03 merges into 100.00 before the 1% rule could drop it; 150 is above
  // precursor − 1.6; 120 (0.5) is under 1% of the merged 100.00 (which is 50.3).
  const auto clean =
      CleanSpectrum({{100.00, 50}, {100.03, 0.3}, {120, 0.5}, {130, 20}, {140, 10}, {150, 99}, {0, 4}}, 150.5, options);
  REQUIRE(clean.size() == 2);
  CHECK_THAT(clean[0].mz, WithinAbs((100.00 * 50 + 100.03 * 0.3) / 50.3, 1e-12));
  CHECK_THAT(clean[0].intensity, WithinAbs(50.3 / 70.3, 1e-12));
  CHECK(clean[1].mz == 130);
  CHECK_THAT(clean[1].intensity, WithinAbs(20 / 70.3, 1e-12));
}

TEST_CASE("centroiding uses twice the match tolerance when that is wider than 0.05 Da") {
  CleaningOptions options;
  options.tolerance = 0.05;  // merge distance 0.1
  const auto clean = CleanSpectrum({{100.0, 1}, {100.08, 1}}, std::nullopt, options);
  REQUIRE(clean.size() == 1);
  CHECK_THAT(clean[0].mz, WithinAbs(100.04, 1e-12));
}

TEST_CASE("a spectrum with nothing left after cleaning is empty") {
  CHECK(CleanSpectrum({{0, 1}, {-1, 2}}, std::nullopt, {}).empty());
}
