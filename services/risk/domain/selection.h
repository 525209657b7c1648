#pragma once

#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <random>
#include <string>

#include "domain/assessment.h"
#include "domain/model.h"

namespace greenlane::risk {

/// Steps 7 and 8 of selection, after the deterministic assessment.

/// Uniform draws in [0, 1), injected so tests can seed or script them.
class RandomSource {
 public:
  virtual ~RandomSource() = default;
  virtual double NextUnit() = 0;
};

/// A seeded Mersenne Twister; production seeds it from std::random_device.
class SeededRandom final : public RandomSource {
 public:
  explicit SeededRandom(std::uint64_t seed) : engine_(seed) {}
  double NextUnit() override { return std::uniform_real_distribution<double>(0.0, 1.0)(engine_); }

 private:
  std::mt19937_64 engine_;
};

/// Draws the declaration with probability `model.random_rate`. A drawn declaration is marked random,
/// whatever its lane, so outcomes of drawn declarations form an unbiased sample; its lane rises to
/// at least `model.random_lane`. The reason is confidential: traders must not tell random from targeted.
void ApplyRandomSelection(Assessment& assessment, const ScoringModel& model, RandomSource& random);

/// Keeps each office's share of declarations at or above each lane near the expected rate of its
/// inspection capacity. Over a sliding window of recent decisions, when an office is short of its
/// target for a lane, a would-be-green declaration is pulled up to that lane if its score is among
/// the highest `shortfall` would-be-green scores of the window, so the capacity goes to the riskiest
/// of what would have been released. Thread-safe.
class CapacityBalancer {
 public:
  explicit CapacityBalancer(std::shared_ptr<const ScoringModel> model);

  /// Records the decision for `office` at `at`, first pulling it up when the office is short.
  void Apply(Assessment& assessment, const std::string& office, core::TimePoint at);

 private:
  struct Decision {
    core::TimePoint at;
    double risk = 0;
    Lane lane = Lane::kGreen;
    bool would_be_green = false;
  };

  std::shared_ptr<const ScoringModel> model_;
  std::mutex mutex_;
  std::map<std::string, std::deque<Decision>, std::less<>> windows_;
};

}  // namespace greenlane::risk
