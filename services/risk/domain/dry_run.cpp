#include "domain/dry_run.h"

#include <algorithm>

namespace greenlane::risk {
namespace {

std::vector<std::string> RuleIds(const Assessment& assessment) {
  std::vector<std::string> ids;
  for (const auto& reason : assessment.reasons) ids.push_back(reason.rule_id);
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  return ids;
}

std::vector<std::string> Difference(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  std::vector<std::string> only_a;
  std::set_difference(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(only_a));
  return only_a;
}

}  // namespace

DryRunReport DryRun(const Assessor& current, const Assessor& candidate, const std::vector<ReplayCase>& cases,
                    const ProfileStore& profiles, core::TimePoint at) {
  DryRunReport report;
  report.current_version = current.rule_set().version;
  report.candidate_version = candidate.rule_set().version;
  report.declarations = cases.size();
  for (const auto& replay : cases) {
    const auto before = current.Assess(replay.declaration, replay.checks, profiles, at);
    const auto after = candidate.Assess(replay.declaration, replay.checks, profiles, at);
    ++report.transitions[static_cast<std::size_t>(before.lane)][static_cast<std::size_t>(after.lane)];
    if (before.lane == after.lane) continue;
    const auto ids_before = RuleIds(before);
    const auto ids_after = RuleIds(after);
    report.changes.push_back(LaneChange{replay.declaration.functional_reference_id, before.lane, after.lane,
                                        before.score, after.score, Difference(ids_after, ids_before),
                                        Difference(ids_before, ids_after)});
  }
  return report;
}

}  // namespace greenlane::risk
