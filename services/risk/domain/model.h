#pragma once

#include <array>
#include <chrono>
#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <string>

#include "domain/lane.h"
#include "domain/profiles.h"
#include "greenlane/core/error.h"

namespace greenlane::risk {

/// Minimum share of an office's recent declarations that should sit at or above each lane (index by
/// Lane; the green entry is unused). Matches selection to the inspection capacity the office has.
using LaneTargets = std::array<double, 4>;

/// The tunable parameters of scoring and selection, read from services/risk/data/model.json and
/// named by `version` in every assessment so an outcome can be traced to the model that chose it.
struct ScoringModel {
  std::string version;

  /// Lane by score: score ≥ red → red, ≥ yellow → yellow, ≥ blue → blue, else green.
  int blue_threshold = 0;
  int yellow_threshold = 0;
  int red_threshold = 0;

  /// Profiles: the base illicit rate b and prior strength m of the smoothing (see SmoothedRate), and
  /// the weight α of each dimension in the log-odds combination (see ScoreOf). Weights below 1 temper
  /// the double counting of correlated dimensions (an importer and its importer×HS6 cross); the
  /// shipped weights sum to 1.5, so when every dimension tells the same story it counts one and a
  /// half times, not seven.
  double base_rate = 0;
  double prior_strength = 0;
  std::array<double, kProfileDimensionCount> dimension_weights{};
  /// A dimension whose smoothed rate is at least this multiple of the base rate, with at least
  /// `profile_reason_min_inspected` inspections behind it, is named as a (confidential) reason.
  double profile_reason_lift = 0;
  std::int64_t profile_reason_min_inspected = 0;

  /// Random selection: this share of declarations is drawn at random and sent at least to
  /// `random_lane`, so outcomes keep an unbiased sample to learn from and traders cannot game the rules.
  double random_rate = 0;
  Lane random_lane = Lane::kYellow;

  /// Capacity: expected rates per office over a sliding window of the last `capacity_window`; no
  /// top-up before the window holds `capacity_minimum_decisions` decisions.
  std::chrono::seconds capacity_window{0};
  std::int64_t capacity_minimum_decisions = 0;
  LaneTargets default_targets{};
  std::map<std::string, LaneTargets, std::less<>> office_targets;

  const LaneTargets& TargetsOf(std::string_view office) const;
};

/// Parses model.json (services/risk/data/model.json is the shipped one). Thresholds rise blue < yellow < red,
/// rates are in [0, 1], every dimension has a weight; errors name the field by JSON pointer.
core::Result<ScoringModel> LoadScoringModel(const nlohmann::json& document);

}  // namespace greenlane::risk
