#include "domain/selection.h"

#include <algorithm>
#include <cmath>

namespace greenlane::risk {

void ApplyRandomSelection(Assessment& assessment, const ScoringModel& model, RandomSource& random) {
  if (random.NextUnit() >= model.random_rate) return;
  assessment.random = true;
  if (assessment.lane >= model.random_lane) return;
  assessment.lane = model.random_lane;
  assessment.reasons.push_back(Reason{ReasonSource::kRandom,
                                      "RANDOM",
                                      "Selected at random",
                                      "Examine as for any selected declaration and record the outcome in full: "
                                      "random outcomes measure how well targeting works",
                                      {},
                                      {},
                                      true});
}

CapacityBalancer::CapacityBalancer(std::shared_ptr<const ScoringModel> model) : model_(std::move(model)) {}

void CapacityBalancer::Apply(Assessment& assessment, const std::string& office, core::TimePoint at) {
  std::lock_guard lock(mutex_);
  auto& window = windows_[office];
  while (!window.empty() && window.front().at <= at - model_->capacity_window) window.pop_front();

  const bool would_be_green = assessment.lane == Lane::kGreen;
  const auto decisions = static_cast<std::int64_t>(window.size());
  if (would_be_green && decisions >= model_->capacity_minimum_decisions) {
    const auto& targets = model_->TargetsOf(office);
    // Riskier greens of the window rank ahead of this one; ties favour the earlier declaration.
    const auto ahead = std::count_if(window.begin(), window.end(), [&](const Decision& decision) {
      return decision.would_be_green && decision.risk >= assessment.risk;
    });
    for (auto lane : {Lane::kRed, Lane::kYellow, Lane::kBlue}) {
      const auto target = targets[static_cast<std::size_t>(lane)];
      const auto at_or_above =
          std::count_if(window.begin(), window.end(), [&](const Decision& decision) { return decision.lane >= lane; });
      const double shortfall = target * static_cast<double>(decisions) - static_cast<double>(at_or_above);
      if (shortfall <= 0 || static_cast<double>(ahead) >= std::ceil(shortfall)) continue;
      assessment.lane = lane;
      assessment.capacity = true;
      assessment.reasons.push_back(Reason{ReasonSource::kCapacity,
                                          "CAPACITY",
                                          "Selected to use the office's inspection capacity",
                                          "Examine as for any selected declaration; this one is among the riskiest "
                                          "that would otherwise have been released",
                                          {},
                                          {},
                                          true});
      break;
    }
  }
  window.push_back(Decision{at, assessment.risk, assessment.lane, would_be_green});
}

}  // namespace greenlane::risk
