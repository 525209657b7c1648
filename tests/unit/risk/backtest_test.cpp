#include "domain/backtest.h"

#include <catch2/catch.hpp>

#include "test_support.h"

using namespace greenlane::risk;
using namespace greenlane::risk::testing;

namespace {

// Two traders with nothing in common, so each one's profile learns only from its own history.
LabelledCase Case(bool bad, int minute, std::int64_t revenue) {
  auto declaration = MakeDeclaration((bad ? "BAD-" : "GOOD-") + std::to_string(minute),
                                     {bad ? Item(1, "440729", "CM") : Item(1, "847130", "VN")});
  declaration.importer = bad ? "IMP-BAD" : "IMP-GOOD";
  declaration.declarant = bad ? "DECL-BAD" : "DECL-GOOD";
  declaration.customs_office = bad ? "GALBV" : "GAPOG";
  declaration.lodged_at = At("2026-03-01T00:00:00Z") + std::chrono::minutes(minute);
  return LabelledCase{{declaration, {}}, bad, revenue};
}

}  // namespace

TEST_CASE("metrics at the top shares on scored outcomes with known answers") {
  // Ranks 0..19 by falling risk; illicit at ranks 0, 2, 5 and 10 with revenue 100, 300, 600, 1000.
  std::vector<ScoredOutcome> outcomes;
  for (int rank = 19; rank >= 0; --rank) {  // fed in rising risk: the ranking must sort
    const std::int64_t revenue = rank == 0 ? 100 : rank == 2 ? 300 : rank == 5 ? 600 : rank == 10 ? 1000 : 0;
    outcomes.push_back({(20 - rank) / 20.0, revenue > 0, revenue});
  }
  const auto metrics = MetricsAtTop(outcomes, {5, 10, 25, 50});
  REQUIRE(metrics.size() == 4);
  CHECK(metrics[0].inspected == 1);
  CHECK(metrics[0].precision == Approx(1.0));
  CHECK(metrics[0].recall == Approx(0.25));
  CHECK(metrics[0].revenue_recall == Approx(0.05));
  CHECK(metrics[1].inspected == 2);
  CHECK(metrics[1].precision == Approx(0.5));
  CHECK(metrics[1].recall == Approx(0.25));
  CHECK(metrics[2].inspected == 5);
  CHECK(metrics[2].precision == Approx(0.4));
  CHECK(metrics[2].recall == Approx(0.5));
  CHECK(metrics[2].revenue_recall == Approx(0.2));
  CHECK(metrics[3].inspected == 10);
  CHECK(metrics[3].precision == Approx(0.3));
  CHECK(metrics[3].recall == Approx(0.75));
  CHECK(metrics[3].revenue_recall == Approx(0.5));

  const auto standard = MetricsAtTop(outcomes, {1, 2, 5, 10});
  CHECK(standard[0].inspected == 1);  // 1 % of 20 rounds up to one declaration
  CHECK(standard[3].inspected == 2);
  CHECK(MetricsAtTop({}, {10})[0].inspected == 0);
  const auto none_illicit = MetricsAtTop({{0.5, false, 0}}, {10});
  CHECK(none_illicit[0].recall == 0);
  CHECK(none_illicit[0].revenue_recall == 0);
}

TEST_CASE("equal risks rank the earlier declaration first") {
  const auto metrics = MetricsAtTop({{0.5, false, 0}, {0.5, true, 10}}, {50});
  CHECK(metrics[0].precision == 0);
}

TEST_CASE("a backtest learns profiles in time order and reports the top-share metrics") {
  const auto assessor = MakeAssessor(RulesWith({}));
  std::vector<LabelledCase> cases;
  for (int k = 0; k < 10; ++k) {
    cases.push_back(Case(true, 2 * k, 100 * (k + 1)));
    cases.push_back(Case(false, 2 * k + 1, 0));
  }
  std::reverse(cases.begin(), cases.end());  // the file order must not matter
  const auto report = Backtest(assessor, cases, ProfileStore{}, {10, 50, 75});
  CHECK(report.declarations == 20);
  CHECK(report.illicit == 10);
  CHECK(report.revenue == 5500);
  REQUIRE(report.metrics.size() == 3);
  // Each later BAD declaration has seen more seizures: BAD-18 and BAD-16 rank first.
  CHECK(report.metrics[0].precision == Approx(1.0));
  CHECK(report.metrics[0].recall == Approx(0.2));
  CHECK(report.metrics[0].revenue_recall == Approx(1900.0 / 5500));
  // BAD-0 was scored knowing nothing: it ties GOOD-1 at the base rate and wins the tie by time.
  CHECK(report.metrics[1].precision == Approx(1.0));
  CHECK(report.metrics[1].recall == Approx(1.0));
  CHECK(report.metrics[2].inspected == 15);
  CHECK(report.metrics[2].precision == Approx(10.0 / 15));
}

TEST_CASE("a backtest never scores a declaration with its own outcome") {
  const auto assessor = MakeAssessor(RulesWith({}));
  // GOOD first, BAD second: with no history both score the base rate and the earlier ranks first.
  // Had BAD's own seizure leaked into its score it would rank first and precision would be 1.
  const auto report = Backtest(assessor, {Case(false, 0, 0), Case(true, 1, 500)}, ProfileStore{}, {50});
  CHECK(report.metrics[0].inspected == 1);
  CHECK(report.metrics[0].precision == 0);
}
