#include "domain/score.h"

#include <cmath>

namespace greenlane::risk {
namespace {

double Logit(double p) { return std::log(p / (1 - p)); }
double Sigmoid(double x) { return 1 / (1 + std::exp(-x)); }

}  // namespace

double RuleRisk(const std::vector<int>& weights) {
  double clear = 1;
  for (int weight : weights) clear *= 1 - weight / 100.0;
  return 1 - clear;
}

ProfileAssessment AssessProfiles(const Declaration& declaration, const ProfileStore& profiles,
                                 const ScoringModel& model) {
  ProfileAssessment assessment;
  std::array<int, kProfileDimensionCount> strongest;
  strongest.fill(-1);
  for (auto& [dimension, key] : ProfileKeysOf(declaration)) {
    const auto counts = profiles.Counts(dimension, key);
    const auto rate = SmoothedRate(counts, model.base_rate, model.prior_strength);
    auto& slot = strongest[static_cast<std::size_t>(dimension)];
    if (slot >= 0 && assessment.signals[static_cast<std::size_t>(slot)].rate >= rate) continue;
    ProfileSignal signal{dimension, std::move(key), counts, rate};
    if (slot >= 0) {
      assessment.signals[static_cast<std::size_t>(slot)] = std::move(signal);
    } else {
      slot = static_cast<int>(assessment.signals.size());
      assessment.signals.push_back(std::move(signal));
    }
  }
  const double base = Logit(model.base_rate);
  double log_odds = base;
  for (const auto& signal : assessment.signals) {
    log_odds += model.dimension_weights[static_cast<std::size_t>(signal.dimension)] * (Logit(signal.rate) - base);
  }
  assessment.probability = Sigmoid(log_odds);
  return assessment;
}

double CombineRisk(double rule_risk, double profile_risk) { return 1 - (1 - rule_risk) * (1 - profile_risk); }

int ScoreOf(double risk) { return static_cast<int>(std::lround(100 * risk)); }

Lane LaneOfScore(int score, const ScoringModel& model) {
  if (score >= model.red_threshold) return Lane::kRed;
  if (score >= model.yellow_threshold) return Lane::kYellow;
  if (score >= model.blue_threshold) return Lane::kBlue;
  return Lane::kGreen;
}

}  // namespace greenlane::risk
