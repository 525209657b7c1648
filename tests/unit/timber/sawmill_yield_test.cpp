#include "domain/rules/sawmill_yield.h"

#include <catch2/catch.hpp>

#include "test_support.h"

using namespace greenlane::timber;
using greenlane::timber::testing::ShippedRules;
using greenlane::timber::testing::ShippedSpecies;

namespace {

// Okoume yields at most 40 % sawn, 55 % veneer; shipped excess tiers 0 % / 5 %.
RuleOutcome Yield(Volume input, std::vector<ProductOutput> outputs) {
  return CheckSawmillYield("run-1", *ShippedSpecies().Find("Aucoumea klaineana"), input, outputs,
                           ShippedRules().yield_excess_percent);
}

}  // namespace

TEST_CASE("output within input times the maximum yield passes") {
  const auto outcome = Yield(Volume{10'000}, {{"sawn", Volume{4'000}}});
  CHECK(outcome.rule == "sawmill.yield");
  CHECK(outcome.subject == "run-1");
  CHECK(outcome.severity == Severity::kPass);
  CHECK(outcome.value == "0.00 %");
}

TEST_CASE("several products share the input by their own yields") {
  // 2 m³ sawn needs 5 m³, 2.75 m³ veneer needs 5 m³: exactly the 10 m³ sawn.
  CHECK(Yield(Volume{10'000}, {{"sawn", Volume{2'000}}, {"veneer", Volume{2'750}}}).severity == Severity::kPass);
  CHECK(Yield(Volume{10'000}, {{"sawn", Volume{2'000}}, {"veneer", Volume{2'751}}}).severity == Severity::kWarning);
}

TEST_CASE("output slightly above the maximum yield is flagged") {
  const auto outcome = Yield(Volume{10'000}, {{"sawn", Volume{4'100}}});
  CHECK(outcome.severity == Severity::kWarning);
  CHECK(outcome.value == "2.50 %");
  CHECK(outcome.message.find("needing at least 10.250 m³ of logs") != std::string::npos);
}

TEST_CASE("a mill yielding far more than it received is refused") {
  const auto outcome = Yield(Volume{10'000}, {{"sawn", Volume{6'000}}});
  CHECK(outcome.severity == Severity::kError);
  CHECK(outcome.value == "50.00 %");
  CHECK(outcome.limit == "5.00 %");
}

TEST_CASE("a product the species has no yield for is refused") {
  const auto outcome = Yield(Volume{10'000}, {{"chips", Volume{1'000}}});
  CHECK(outcome.severity == Severity::kError);
  CHECK(outcome.message.find("no maximum yield for product 'chips'") != std::string::npos);
}
