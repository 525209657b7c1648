#pragma once

#include <array>
#include <string>
#include <vector>

#include "domain/assessor.h"

namespace greenlane::risk {

/// A declaration to replay with what its checks answered at the time.
struct ReplayCase {
  Declaration declaration;
  CheckInputs checks;
};

/// How one declaration would move under the candidate rule set.
struct LaneChange {
  std::string declaration;
  Lane before = Lane::kGreen;
  Lane after = Lane::kGreen;
  int score_before = 0;
  int score_after = 0;
  std::vector<std::string> rules_added;    ///< rule ids that hit only under the candidate
  std::vector<std::string> rules_removed;  ///< rule ids that hit only under the current set
};

struct DryRunReport {
  std::string current_version;
  std::string candidate_version;
  std::size_t declarations = 0;
  /// transitions[before][after]: how many declarations go from lane `before` to lane `after`.
  std::array<std::array<std::size_t, 4>, 4> transitions{};
  std::vector<LaneChange> changes;  ///< only declarations whose lane changes, in input order
};

/// Replays `cases` under the current and the candidate assessor with the same profiles, at `at`
/// (the planned activation time, which decides the validity windows). Random selection and capacity
/// are left out: they would blur the difference the rules make.
DryRunReport DryRun(const Assessor& current, const Assessor& candidate, const std::vector<ReplayCase>& cases,
                    const ProfileStore& profiles, core::TimePoint at);

}  // namespace greenlane::risk
