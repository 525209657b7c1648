#include <catch2/catch.hpp>

#include "domain/rules/remeasurement.h"
#include "domain/rules/volume_conservation.h"
#include "test_support.h"

using namespace greenlane::timber;
using greenlane::timber::testing::ShippedRules;
using greenlane::timber::testing::Tag;

namespace {

// Shipped limits: diameter 5 % / 10 %, length 2 % / 5 %, volume 10 % / 20 %.
const LogMeasure kRecorded{.butt_diameter_cm = 80, .top_diameter_cm = 60, .length_cm = 1000};

std::vector<RuleOutcome> Remeasure(const LogMeasure& measured) {
  return CheckRemeasurement(Tag(BarcodeKind::kLog, 1), kRecorded, measured, ShippedRules().remeasurement);
}

}  // namespace

TEST_CASE("a log re-measured within tolerance passes on every dimension") {
  const auto outcomes = Remeasure({.butt_diameter_cm = 81, .top_diameter_cm = 60, .length_cm = 1010});
  REQUIRE(outcomes.size() == 3);
  CHECK(outcomes[0].rule == "remeasure.diameter");
  CHECK(outcomes[1].rule == "remeasure.length");
  CHECK(outcomes[2].rule == "remeasure.volume");
  for (const auto& outcome : outcomes) CHECK(outcome.severity == Severity::kPass);
  CHECK(outcomes[1].value == "1.00 %");
}

TEST_CASE("a log re-measured a little off is accepted with a warning") {
  // Mean diameter 70 -> 75 cm: 7.14 %; volume 3.848 -> 4.418 m³: 14.81 %.
  const auto outcomes = Remeasure({.butt_diameter_cm = 85, .top_diameter_cm = 65, .length_cm = 1000});
  CHECK(outcomes[0].severity == Severity::kWarning);
  CHECK(outcomes[0].value == "7.14 %");
  CHECK(outcomes[0].limit == "5.00 %");
  CHECK(outcomes[0].message.find("accepted and flagged") != std::string::npos);
  CHECK(outcomes[1].severity == Severity::kPass);
  CHECK(outcomes[2].severity == Severity::kWarning);
}

TEST_CASE("a log re-measured far off is rejected, shorter as well as longer") {
  const auto shorter = Remeasure({.butt_diameter_cm = 80, .top_diameter_cm = 60, .length_cm = 880});
  CHECK(shorter[0].severity == Severity::kPass);
  CHECK(shorter[1].severity == Severity::kError);
  CHECK(shorter[1].value == "12.00 %");
  CHECK(shorter[1].limit == "5.00 %");
  CHECK(shorter[1].message.find("rejected") != std::string::npos);
  CHECK(shorter[2].severity == Severity::kWarning);  // 3.848 -> 3.387 m³: 11.98 %

  const auto swapped_log = Remeasure({.butt_diameter_cm = 95, .top_diameter_cm = 75, .length_cm = 1000});
  CHECK(swapped_log[0].severity == Severity::kError);
  CHECK(swapped_log[2].severity == Severity::kError);
}

TEST_CASE("a limit is crossed only when strictly exceeded") {
  // Length +2 % exactly: not above the 2 % warning limit.
  CHECK(Remeasure({80, 60, 1020})[1].severity == Severity::kPass);
  CHECK(Remeasure({80, 60, 1021})[1].severity == Severity::kWarning);
}

TEST_CASE("logs holding no more than their parent pass volume conservation") {
  // Shipped limits: 3 % / 10 % excess.
  const auto outcome = CheckVolumeConservation(Tag(BarcodeKind::kTree, 1), Volume{12'723}, Volume{12'000},
                                               ShippedRules().conservation_excess_percent);
  CHECK(outcome.rule == "lineage.volume_conservation");
  CHECK(outcome.severity == Severity::kPass);
  CHECK(outcome.value == "0.00 %");
}

TEST_CASE("logs slightly over their parent's volume raise an anomaly") {
  const auto outcome = CheckVolumeConservation(Tag(BarcodeKind::kTree, 1), Volume{10'000}, Volume{10'500},
                                               ShippedRules().conservation_excess_percent);
  CHECK(outcome.severity == Severity::kWarning);
  CHECK(outcome.value == "5.00 %");
  CHECK(outcome.message.find("10.500 m³") != std::string::npos);
}

TEST_CASE("logs far over their parent's volume are rejected") {
  const auto outcome = CheckVolumeConservation(Tag(BarcodeKind::kLog, 2), Volume{3'848}, Volume{4'300},
                                               ShippedRules().conservation_excess_percent);
  CHECK(outcome.severity == Severity::kError);
  CHECK(outcome.value == "11.75 %");
  CHECK(outcome.limit == "10.00 %");
}
