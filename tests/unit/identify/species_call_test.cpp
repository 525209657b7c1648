#include "domain/spectral/species_call.h"

#include <catch2/catch.hpp>

using namespace greenlane::identify::spectral;
using Catch::Matchers::WithinAbs;

TEST_CASE("a clear best species above the score threshold is identified with its margin") {
  const std::vector<SpeciesScore> ranked{{"Dalbergia nigra", 0.91, 4}, {"Dalbergia latifolia", 0.62, 9}};
  const SpeciesCall call = CallSpecies(ranked, {});
  CHECK(call.verdict == SpeciesVerdict::kIdentified);
  CHECK(call.best->species == "Dalbergia nigra");
  CHECK(call.runner_up->species == "Dalbergia latifolia");
  CHECK_THAT(call.margin, WithinAbs(0.29, 1e-12));
  CHECK(VerdictName(call.verdict) == "identified");
}

TEST_CASE("a margin below the threshold is ambiguous") {
  const std::vector<SpeciesScore> ranked{{"Dalbergia nigra", 0.91, 4}, {"Dalbergia latifolia", 0.85, 9}};
  CHECK(CallSpecies(ranked, {}).verdict == SpeciesVerdict::kAmbiguous);
  SpeciesCallOptions lenient;
  lenient.min_margin = 0.05;
  CHECK(CallSpecies(ranked, lenient).verdict == SpeciesVerdict::kIdentified);
}

TEST_CASE("a best score below the threshold is no match, whatever the margin") {
  const std::vector<SpeciesScore> ranked{{"Dalbergia nigra", 0.55, 4}};
  const SpeciesCall call = CallSpecies(ranked, {});
  CHECK(call.verdict == SpeciesVerdict::kNoMatch);
  CHECK(call.best->species == "Dalbergia nigra");
  SpeciesCallOptions lower;
  lower.min_score = 0.5;
  CHECK(CallSpecies(ranked, lower).verdict == SpeciesVerdict::kIdentified);  // margin is the score itself
}

TEST_CASE("no candidate species is no match") {
  const SpeciesCall call = CallSpecies({}, {});
  CHECK(call.verdict == SpeciesVerdict::kNoMatch);
  CHECK_FALSE(call.best.has_value());
}
