#include "domain/selection.h"

#include <catch2/catch.hpp>
#include <cmath>
#include <memory>

#include "test_support.h"

using namespace greenlane::risk;
using namespace greenlane::risk::testing;

namespace {

/// Plays back fixed draws, to put a declaration on either side of the rate on purpose.
class ScriptedRandom final : public RandomSource {
 public:
  explicit ScriptedRandom(double value) : value_(value) {}
  double NextUnit() override { return value_; }

 private:
  double value_;
};

Assessment Scored(double risk, Lane lane = Lane::kGreen) {
  Assessment assessment;
  assessment.risk = risk;
  assessment.score = static_cast<int>(std::lround(risk * 100));
  assessment.lane = lane;
  return assessment;
}

std::shared_ptr<const ScoringModel> CapacityModel(double yellow_target, std::int64_t minimum = 20) {
  auto model = ShippedModel();
  model.capacity_window = std::chrono::minutes(60);
  model.capacity_minimum_decisions = minimum;
  model.default_targets = {0, 0, yellow_target, 0};
  model.office_targets.clear();
  return std::make_shared<const ScoringModel>(model);
}

const auto kStart = At("2026-03-01T08:00:00Z");

}  // namespace

TEST_CASE("random selection draws at the configured rate within statistical bounds") {
  auto model = ShippedModel();
  model.random_rate = 0.02;
  SeededRandom random(20260301);
  constexpr int kDeclarations = 100000;
  int drawn = 0;
  for (int i = 0; i < kDeclarations; ++i) {
    auto assessment = Scored(0.05);
    ApplyRandomSelection(assessment, model, random);
    if (assessment.random) {
      ++drawn;
      CHECK(assessment.lane == Lane::kYellow);
    }
  }
  // Binomial(100000, 0.02): mean 2000, standard deviation 44.3; allow four of them.
  CHECK(drawn > 2000 - 177);
  CHECK(drawn < 2000 + 177);
}

TEST_CASE("a drawn declaration is marked random and only ever goes up") {
  auto model = ShippedModel();
  model.random_rate = 0.02;
  auto green = Scored(0.05);
  ScriptedRandom hit(0.019);
  ApplyRandomSelection(green, model, hit);
  CHECK(green.random);
  CHECK(green.lane == Lane::kYellow);
  REQUIRE(green.reasons.size() == 1);
  CHECK(green.reasons[0].source == ReasonSource::kRandom);
  CHECK(green.reasons[0].confidential);
  CHECK(ToJson(green, Audience::kTrader)["reasons"].empty());

  auto red = Scored(0.9, Lane::kRed);
  ApplyRandomSelection(red, model, hit);
  CHECK(red.random);  // still marked: its outcome belongs to the unbiased sample
  CHECK(red.lane == Lane::kRed);
  CHECK(red.reasons.empty());

  auto missed = Scored(0.05);
  ScriptedRandom miss(0.02);
  ApplyRandomSelection(missed, model, miss);
  CHECK_FALSE(missed.random);
  CHECK(missed.lane == Lane::kGreen);
}

TEST_CASE("capacity top-up pulls the riskiest would-be-green declarations up when an office is short") {
  CapacityBalancer balancer(CapacityModel(0.10));
  auto at = kStart;
  // 20 green decisions with risks 0.01..0.20: the office has inspected nothing, 2 short of 10 %.
  for (int i = 1; i <= 20; ++i) {
    auto assessment = Scored(i / 100.0 - 0.005);  // below every later candidate but the low one
    balancer.Apply(assessment, "GALBV", at);
    CHECK(assessment.lane == Lane::kGreen);  // still warming up
    at += std::chrono::seconds(10);
  }
  auto low = Scored(0.02);
  balancer.Apply(low, "GALBV", at);
  CHECK(low.lane == Lane::kGreen);  // 18 greens of the window are riskier
  CHECK_FALSE(low.capacity);

  auto high = Scored(0.30);
  balancer.Apply(high, "GALBV", at);
  CHECK(high.lane == Lane::kYellow);
  CHECK(high.capacity);
  REQUIRE(high.reasons.size() == 1);
  CHECK(high.reasons[0].source == ReasonSource::kCapacity);

  auto second = Scored(0.197);  // second riskiest green of the window; the office is still 1.2 short
  balancer.Apply(second, "GALBV", at);
  CHECK(second.lane == Lane::kYellow);

  auto targeted = Scored(0.8, Lane::kRed);
  balancer.Apply(targeted, "GALBV", at);
  auto third = Scored(0.99);  // the riskiest green yet, but 3 of 25 selected meets 10 %
  balancer.Apply(third, "GALBV", at);
  CHECK(third.lane == Lane::kGreen);

  // Other offices have their own window.
  auto elsewhere = Scored(0.99);
  balancer.Apply(elsewhere, "GAPOG", at);
  CHECK(elsewhere.lane == Lane::kGreen);
}

TEST_CASE("capacity counts selections inside the sliding window only") {
  CapacityBalancer balancer(CapacityModel(0.10, 10));
  auto at = kStart;
  for (int i = 0; i < 10; ++i) {
    auto assessment = Scored(0.05, i < 2 ? Lane::kRed : Lane::kGreen);
    balancer.Apply(assessment, "GALBV", at);
  }
  auto candidate = Scored(0.5);
  balancer.Apply(candidate, "GALBV", at + std::chrono::minutes(1));
  CHECK(candidate.lane == Lane::kGreen);  // 2 of 10 selected: above 10 %
  // An hour later every earlier decision has left the window: too few to judge the rate.
  auto later = Scored(0.5);
  balancer.Apply(later, "GALBV", at + std::chrono::minutes(61));
  CHECK(later.lane == Lane::kGreen);
  at += std::chrono::minutes(62);
  for (int i = 0; i < 10; ++i) {
    auto assessment = Scored(0.05);
    balancer.Apply(assessment, "GALBV", at);
  }
  auto now_short = Scored(0.5);
  balancer.Apply(now_short, "GALBV", at);
  CHECK(now_short.lane == Lane::kYellow);
}
